"""What offices really send (issue #11): total rows, the template's example row, mixed
encodings, other scripts' digits, Excel error values, huge counts, header-only tables,
Traditional characters, near-miss headers, invisible characters in headers, UTF-32.

The hostile corpus (tests/corpus, expected.yaml) holds one file per case for the exit
status and the problem code; these tests check what the reader makes of them in detail.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from conftest import (
    CLASSES_ZH,
    SAMPLE,
    SAMPLE_SCHOOLS,
    SCHOOLS_EN,
    SCHOOLS_ZH,
    CliRun,
    school_row,
    write_bytes,
    write_table,
)

from taikang_check.api import audit, build_report
from taikang_check.problems import NOTE_CODES, Problem, ProblemCode, ProblemsFound
from taikang_check.read.csv_reader import ROW
from taikang_check.read.dataset import Dataset, load_dataset
from taikang_check.read.inputs import FILE, InputFile
from taikang_check.read.simplified import to_simplified
from taikang_check.rulebook.loader import load_rules
from taikang_check.text.problem_texts import describe_problem

AS_OF = dt.date(2026, 11, 29)
CORPUS = Path(__file__).resolve().parent / "corpus"


def problems_of(*paths: Path) -> list[Problem]:
    with pytest.raises(ProblemsFound) as raised:
        load_dataset([str(p) for p in paths])
    return raised.value.problems


def notes_of(dataset: Dataset, code: ProblemCode) -> list[Problem]:
    return [p for p in dataset.notes if p.code is code]


# --- total rows ------------------------------------------------------------------------------


def test_a_total_row_under_the_sample_is_no_school(tmp_path: Path) -> None:
    """The bundled sample with a 合计 row appended: still 545 schools, no phantom county."""
    text = SAMPLE_SCHOOLS.read_text(encoding="utf-8-sig")
    header = text.splitlines()[0].split(",")
    students = header.index("在校生数")
    total = sum(
        int(line.split(",")[students])
        for line in text.splitlines()[1:]
        if line.split(",")[students]
    )
    row = [""] * len(header)
    row[0], row[students] = "合计", str(total)
    path = write_bytes(tmp_path, "schools.csv", (text + ",".join(row) + "\n").encode("utf-8"))
    report = audit([path, SAMPLE / "classes.csv", SAMPLE / "indicators.csv"], as_of=AS_OF)
    schools = next(item for item in report.inputs if item.table == "schools")
    assert schools.rows == 545
    assert report.county_scores.get_column("county").null_count() == 0
    assert "合计" not in report.school_scores.get_column("school_id").to_list()
    (note,) = [w for w in report.warnings if w.code is ProblemCode.TOTAL_ROW]
    assert (note.row, note.column, note.value) == (547, "学校代码", "合计")
    assert not [w for w in report.warnings if w.code is ProblemCode.TOTAL_MISMATCH]


@pytest.mark.parametrize(
    "label",
    ["合计", "总计", "小计", "共计", "合 计", "总　计", "合计：", "全县合计", "城关回族镇小计",
     "合計", "總計", "Total", "TOTAL", "Grand Total", "subtotal", "（合计）"],
)  # fmt: skip
def test_total_row_spellings(tmp_path: Path, label: str) -> None:
    rows = [school_row("S1", 300), school_row("S2", 200), ["", label, "", "", "", "", 500]]
    dataset = load_dataset([str(write_table(tmp_path, "s.csv", SCHOOLS_ZH, rows))])
    assert dataset.tables["schools"].get_column("school_id").to_list() == ["S1", "S2"]
    (note,) = notes_of(dataset, ProblemCode.TOTAL_ROW)
    assert (note.row, note.column, note.value) == (4, "学校名称", label.strip())
    assert not notes_of(dataset, ProblemCode.TOTAL_MISMATCH)


@pytest.mark.parametrize(
    "name", ["合作小学", "计划生育小学", "总校", "小计庄教学点", "Totalschool"]
)
def test_names_that_only_look_like_totals_are_schools(tmp_path: Path, name: str) -> None:
    rows = [school_row("S1", 300), school_row("S2", 200, name=name)]
    dataset = load_dataset([str(write_table(tmp_path, "s.csv", SCHOOLS_ZH, rows))])
    assert dataset.tables["schools"].height == 2
    assert not notes_of(dataset, ProblemCode.TOTAL_ROW)


def test_total_row_figures_are_compared_with_the_rows_they_total(tmp_path: Path) -> None:
    """Each 小计 totals the rows since the total row above it; the 合计 right under a 小计
    totals every row. Cells that are no count in a total row (—) are neither read nor
    compared, and its kind and ownership may be anything."""
    rows = [
        school_row("S1", 300, township="甲镇"),
        school_row("S2", 200, township="甲镇"),
        ["", "甲镇小计", "甲镇", "—", "—", "—", 500],
        school_row("S3", 100, township="乙乡"),
        school_row("S4", 50, township="乙乡"),
        ["", "乙乡小计", "乙乡", "", "", "", 160],  # 150
        ["合计", "", "", "", "", "", "—"],
        ["总计", "", "", "", "", "", 650],
    ]
    dataset = load_dataset([str(write_table(tmp_path, "s.csv", SCHOOLS_ZH, rows))])
    assert dataset.tables["schools"].get_column("school_id").to_list() == ["S1", "S2", "S3", "S4"]
    assert [n.row for n in notes_of(dataset, ProblemCode.TOTAL_ROW)] == [4, 7, 8, 9]
    (mismatch,) = notes_of(dataset, ProblemCode.TOTAL_MISMATCH)
    assert (mismatch.row, mismatch.column, mismatch.value) == (7, "在校生数", "160")
    assert mismatch.detail["sum"] == "150"
    text = describe_problem(mismatch, "en")
    assert "row 7" in text
    assert "160" in text
    assert "150" in text


def test_a_total_is_not_compared_when_a_row_it_totals_is_blank(tmp_path: Path) -> None:
    rows = [school_row("S1", 300), school_row("S2", None), ["合计", "", "", "", "", "", 999]]
    dataset = load_dataset([str(write_table(tmp_path, "s.csv", SCHOOLS_ZH, rows))])
    assert len(notes_of(dataset, ProblemCode.TOTAL_ROW)) == 1
    assert not notes_of(dataset, ProblemCode.TOTAL_MISMATCH)


def test_total_row_of_a_classes_table_and_in_a_first_column_outside_the_contract(
    tmp_path: Path,
) -> None:
    header = ["序号", *CLASSES_ZH]
    rows = [
        [1, "S1", "一年级", "1班", 40],
        [2, "S1", "一年级", "2班", 42],
        ["合计", "", "", "", 80],
    ]
    path = write_table(tmp_path, "c.csv", header, rows)
    dataset = load_dataset([str(path)])
    assert dataset.tables["classes"].height == 2
    (note,) = notes_of(dataset, ProblemCode.TOTAL_ROW)
    assert (note.row, note.column, note.value) == (4, "序号", "合计")
    (mismatch,) = notes_of(dataset, ProblemCode.TOTAL_MISMATCH)
    assert (mismatch.column, mismatch.value, mismatch.detail["sum"]) == ("学生数", "80", "82")


def test_notes_reach_the_report_and_validate(cli: CliRun) -> None:
    path = CORPUS / "total-row-spaced-mismatch.csv"
    run = cli("audit", path, "--as-of", "2026-11-29", "--lang", "en")
    assert run.exit_code in (0, 1), run.stderr
    assert "[total-row]" in run.stdout
    assert "[total-mismatch]" in run.stdout
    run = cli("validate", path, "--lang", "en")
    assert run.exit_code == 0, run.stderr
    assert "3 rows" in run.stdout
    assert "[total-row]" in run.stdout
    assert "the rows it totals add up to 900" in run.stdout


# --- the template's example rows -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_templates_example_rows_are_never_audited(
    cli: CliRun, tmp_path: Path, lang: str
) -> None:
    folder = tmp_path / "template"
    folder.mkdir()
    assert cli("template", "--format", "csv", "--lang", lang, "-o", folder).exit_code == 0
    paths = [folder / f"{name}.csv" for name in ("schools", "classes", "indicators")]
    with pytest.raises(ProblemsFound) as raised:  # the template as it comes: nothing to audit
        load_dataset([str(p) for p in paths])
    codes = [p.code for p in raised.value.problems]
    assert codes[0] is ProblemCode.NOTHING_TO_AUDIT
    assert codes.count(ProblemCode.EXAMPLE_ROW) == 3
    assert codes.count(ProblemCode.EMPTY_TABLE) == 3
    # A school typed under the example row: the example is left out, the school audited.
    schools = paths[0]
    line = {
        "zh": "S1,太康县,第一小学,城关回族镇,小学,公办,城区",
        "en": "S1,x,a,b,primary,public,urban",
    }
    header = schools.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    cells = line[lang].split(",") + [""] * (len(header) - 7)
    cells[header.index("在校生数" if lang == "zh" else "students")] = "300"
    with schools.open("a", encoding="utf-8", newline="") as stream:
        stream.write(",".join(cells) + "\r\n")
    dataset = load_dataset([str(schools)])
    assert dataset.tables["schools"].get_column("school_id").to_list() == ["S1"]
    (note,) = notes_of(dataset, ProblemCode.EXAMPLE_ROW)
    assert (note.file, note.row) == (str(schools), 2)


def test_the_xlsx_template_as_it_comes_is_nothing_to_audit(cli: CliRun, tmp_path: Path) -> None:
    assert cli("template", "-o", tmp_path).exit_code == 0
    run = cli("audit", tmp_path / "taikang-check-template.xlsx", "--lang", "en")
    assert run.exit_code == 2, run.stdout
    assert "[nothing-to-audit]" in run.stderr
    assert run.stderr.count("[example-row]") == 4  # one per table, the band table's too


def test_an_example_row_changed_in_one_cell_is_data(tmp_path: Path) -> None:
    header = [
        "学校代码",
        "区县",
        "学校名称",
        "乡镇",
        "学校类型",
        "办学性质",
        "城乡类别",
        "在校生数",
    ]
    row = ["4116270001", "太康县", "城关回族镇第一小学", "城关回族镇", "幼儿园", "公办", "城区"]
    dataset = load_dataset([str(write_table(tmp_path, "s.csv", header, [[*row, 851]]))])
    assert dataset.tables["schools"].height == 1
    assert not notes_of(dataset, ProblemCode.EXAMPLE_ROW)


# --- mixed encodings -------------------------------------------------------------------------


def test_a_gbk_line_in_a_utf8_file_is_named(tmp_path: Path) -> None:
    good = write_table(tmp_path, "g.csv", SCHOOLS_ZH, [school_row("S1"), school_row("S2")])
    data = good.read_bytes() + ",".join(map(str, school_row("S9", name="第九小学"))).encode("gbk")
    (problem,) = problems_of(write_bytes(tmp_path, "s.csv", data + b"\n"))
    assert (problem.code, problem.row, problem.detail["utf8_row"]) == (
        ProblemCode.MIXED_ENCODING,
        4,
        "1",
    )
    text = describe_problem(problem, "zh")
    assert "第 4 行" in text
    assert "绗" not in text  # no mojibake anywhere


def test_a_gbk_line_beyond_the_first_megabyte_is_named(tmp_path: Path) -> None:
    rows = [school_row(f"S{i}", name=f"第{i}小学" + "长" * 100) for i in range(4000)]
    good = write_table(tmp_path, "g.csv", SCHOOLS_ZH, rows).read_bytes()
    assert len(good) > 1 << 20
    bad = ",".join(map(str, school_row("S9", name="第九小学"))).encode("gbk") + b"\n"
    (problem,) = problems_of(write_bytes(tmp_path, "s.csv", good + bad))
    assert (problem.code, problem.row) == (ProblemCode.MIXED_ENCODING, 4002)


def test_gbk_files_still_read(tmp_path: Path) -> None:
    """No line of the sample, written in GBK, passes for UTF-8 Chinese."""
    for name in ("schools.csv", "classes.csv"):
        text = (SAMPLE / name).read_text(encoding="utf-8-sig")
        path = write_bytes(tmp_path, name, text.encode("gbk"))
        expected = load_dataset([str(SAMPLE / name)]).tables
        assert load_dataset([str(path)]).tables.keys() == expected.keys()


# --- counts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["٣٠٠٠", "۳۰۰۰", "३०००", "৩০০০", "๓๐๐๐", "③", "3²", "𝟑𝟎𝟎𝟎", "3٠0"],
)
def test_other_scripts_digits_are_type_errors(tmp_path: Path, text: str) -> None:
    path = write_table(tmp_path, "s.csv", SCHOOLS_ZH, [school_row("S1", text)])
    (problem,) = problems_of(path)
    assert (problem.code, problem.row, problem.column, problem.value) == (
        ProblemCode.TYPE_ERROR,
        2,
        "在校生数",
        text,
    )


def test_other_scripts_digits_in_every_typed_column(tmp_path: Path) -> None:
    header = [*SCHOOLS_ZH, "开办日期", "确需保留", "教学及辅助用房面积"]
    rows = [
        [*school_row("S1"), "٢٠٠١-٠٩-٠١", "", ""],
        [*school_row("S2"), "", "١", ""],
        [*school_row("S3"), "", "", "١٢٫٥"],
    ]
    problems = problems_of(write_table(tmp_path, "s.csv", header, rows))
    assert [(p.row, p.code) for p in problems] == [(2, ProblemCode.TYPE_ERROR)] + [
        (r, ProblemCode.TYPE_ERROR) for r in (3, 4)
    ]


def test_ascii_and_full_width_digits_are_counts(tmp_path: Path) -> None:
    rows = [school_row("S1", "３００"), school_row("S2", "1,200"), school_row("S3", "0000000300")]
    frame = load_dataset([str(write_table(tmp_path, "s.csv", SCHOOLS_ZH, rows))]).tables["schools"]
    assert frame.get_column("students").to_list() == [300, 1200, 300]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1000000000000", None),
        ("1,000,000,000,000", None),
        ("1000000000001", ProblemCode.COUNT_TOO_LARGE),
        ("9223372036854775807", ProblemCode.COUNT_TOO_LARGE),
        ("18446744073709551617", ProblemCode.COUNT_TOO_LARGE),
        ("1" * 400, ProblemCode.COUNT_TOO_LARGE),
        ("-9223372036854775809", ProblemCode.NEGATIVE_COUNT),
    ],
)
def test_counts_are_capped(tmp_path: Path, text: str, code: ProblemCode | None) -> None:
    path = write_table(tmp_path, "s.csv", SCHOOLS_ZH, [school_row("S1", text)])
    if code is None:
        frame = load_dataset([str(path)]).tables["schools"]
        assert frame.get_column("students").to_list() == [10**12]
        return
    (problem,) = problems_of(path)
    assert (problem.code, problem.row, problem.value) == (code, 2, text)


@pytest.mark.parametrize(
    "error", ["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#n/a", "＃N/A"]
)
@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("在校生数", "students"),
        ("学校类型", "kind"),
        ("学校名称", "name"),
        ("确需保留", "retention_approved"),
        ("开办日期", "opened"),
        ("教学及辅助用房面积", "teaching_area"),
    ],
)
def test_excel_error_values_are_input_errors(
    tmp_path: Path, error: str, header: str, column: str
) -> None:
    headers = [*SCHOOLS_ZH, "确需保留", "开办日期", "教学及辅助用房面积"]
    values = dict(zip(headers, [*school_row("S1"), "", "", ""], strict=True))
    values[header] = error
    path = write_table(tmp_path, "s.csv", headers, [list(values.values())])
    (problem,) = problems_of(path)
    assert (problem.code, problem.row, problem.column, problem.value) == (
        ProblemCode.EXCEL_ERROR,
        2,
        header,
        error,
    )
    assert problem.detail["column"] == column


@pytest.mark.parametrize("text", ["91.5%", "91.5 %", "９１.５％", " 91.5% "])
def test_percent_text_in_a_number_cell(tmp_path: Path, text: str) -> None:
    path = write_table(
        tmp_path, "s.csv", [*SCHOOLS_ZH, "校长听评课覆盖率"], [[*school_row(), text]]
    )
    frame = load_dataset([str(path)]).tables["schools"]
    assert float(frame.get_column("principal_observation_coverage")[0]) == 91.5


def test_county_sums_cannot_overflow() -> None:
    """Three schools of 4·10^18 students (beyond what the reader lets in, to reach the
    engine): the private share is one third, not -62.05% from a wrapped 64-bit sum."""
    big = 4 * 10**18
    schools = pl.DataFrame(
        {
            "school_id": ["S1", "S2", "S3"],
            "name": ["a", "b", "c"],
            "township": ["t"] * 3,
            "kind": ["primary"] * 3,
            "ownership": ["public", "public", "private"],
            "area": ["urban"] * 3,
            "status": ["open"] * 3,
            "students": [big, big, big],
            ROW: [2, 3, 4],
            FILE: pl.Series([0, 0, 0], dtype=pl.Int32),
        }
    )
    dataset = Dataset(files=[InputFile("s.csv", "schools", 3)], tables={"schools": schools})
    rules = [r for r in load_rules() if r.rule.id == "private-share"]
    (result,) = build_report(dataset, rules, AS_OF).rules
    assert result.failed == 1
    assert result.findings.get_column("value").to_list() == ["33.33"]


# --- header-only tables and nothing to audit -------------------------------------------------


def test_a_header_only_table_counts_as_not_given(tmp_path: Path) -> None:
    schools = write_table(tmp_path, "s.csv", SCHOOLS_ZH, [school_row("S1", 300)])
    classes = write_table(tmp_path, "c.csv", CLASSES_ZH, [])
    report = audit([schools, classes], as_of=AS_OF)
    assert [item.table for item in report.inputs] == ["schools"]
    (note,) = [w for w in report.warnings if w.code is ProblemCode.EMPTY_TABLE]
    assert (note.file, note.detail["table"]) == (str(classes), "classes")
    large = next(r for r in report.rules if r.rule.id == "large-class")
    assert large.status.value == "skipped"  # not "not applicable": no class was given


def test_no_rule_evaluated_is_nothing_to_audit(cli: CliRun, tmp_path: Path) -> None:
    path = write_table(tmp_path, "s.csv", SCHOOLS_ZH, [school_row("S1", 300)])
    run = cli("audit", path, "--select", "large-class", "--lang", "en")
    assert run.exit_code == 2
    assert "[nothing-to-audit]" in run.stderr
    assert run.stdout == ""


def test_validate_of_header_only_tables(cli: CliRun) -> None:
    run = cli("validate", CORPUS / "header-only.csv", "--lang", "en")
    assert run.exit_code == 2
    assert "[nothing-to-audit]" in run.stderr
    assert "[empty-table]" in run.stderr


# --- headers ---------------------------------------------------------------------------------


def test_traditional_headers_and_values_match_names_kept(tmp_path: Path) -> None:
    header = ["學校代碼", "學校名稱", "鄉鎮", "學校類型", "辦學性質", "城鄉類別", "在校生數",
              "辦學狀態", "確需保留", "資源教室"]  # fmt: skip
    rows = [
        ["S1", "第一小學", "城關回族鎮", "小學", "公辦", "城區", 300, "在辦", "", "有"],
        ["S2", "李莊教學點", "王集鄉", "教學點", "民辦", "鄉村", 40, "已撤併", "是", "無"],
        [
            "S3",
            "九年一貫制學校",
            "高朗鄉",
            "九年一貫制學校",
            "普惠性民辦",
            "鎮區",
            9,
            "規劃",
            "",
            "",
        ],
    ]
    frame = load_dataset([str(write_table(tmp_path, "s.csv", header, rows))]).tables["schools"]
    assert frame.get_column("name").to_list() == ["第一小學", "李莊教學點", "九年一貫制學校"]
    assert frame.get_column("township").to_list() == ["城關回族鎮", "王集鄉", "高朗鄉"]
    assert frame.get_column("kind").to_list() == ["primary", "teaching_point", "nine_year"]
    assert frame.get_column("ownership").to_list() == ["public", "private", "private_inclusive"]
    assert frame.get_column("area").to_list() == ["urban", "rural", "town"]
    assert frame.get_column("status").to_list() == ["open", "closed", "planned"]
    assert frame.get_column("retention_approved").to_list() == [None, True, None]
    assert frame.get_column("resource_room").to_list() == [True, False, None]


def test_traditional_grades_and_indicators(tmp_path: Path) -> None:
    classes = write_table(
        tmp_path, "c.csv", ["學校代碼", "年級", "班級", "學生數"], [["S1", "一年級", "1班", 40]]
    )
    assert load_dataset([str(classes)]).tables["classes"].get_column("grade").to_list() == [1]
    indicators = write_table(
        tmp_path, "i.csv", ["指標", "年度", "數值"], [["學前三年毛入園率", 2025, "93.5"]]
    )
    frame = load_dataset([str(indicators)]).tables["indicators"]
    assert frame.get_column("indicator").to_list() == ["preschool_gross_enrolment_rate"]


def test_contract_spellings_are_their_own_simplified_form() -> None:
    from taikang_check.contract.tables import TABLES

    for table in TABLES:
        for column in table.columns:
            spellings = [column.zh, *(s for v in column.values for s in (v.zh, *v.aliases))]
            assert [to_simplified(s) for s in spellings] == spellings


@pytest.mark.parametrize(
    ("written", "column", "shown_en", "shown_zh"),
    [
        ("学校 名称", "name", "'学校 名称' (column 2)", "第 2 列“学校 名称”"),
        ("学校名", "name", "'学校名' (column 2)", "第 2 列“学校名”"),
        ("学校名称（全称）", "name", "'学校名称（全称）' (column 2)", "“学校名称（全称）”"),
        ("在校学生数", "students", "'在校学生数' (column 7)", "第 7 列“在校学生数”"),
        ("\ufeff学校名称", "name", "'\\ufeff学校名称' (column 2)", "“\\ufeff学校名称”"),
        ("学校\u200b名称", "name", "'学校\\u200b名称' (column 2)", "“学校\\u200b名称”"),
    ],
)
def test_near_miss_headers_say_what_was_meant(
    tmp_path: Path, written: str, column: str, shown_en: str, shown_zh: str
) -> None:
    header = [written if h == SCHOOLS_ZH[SCHOOLS_EN.index(column)] else h for h in SCHOOLS_ZH]
    (problem,) = problems_of(write_table(tmp_path, "s.csv", header, [school_row("S1")]))
    assert (problem.code, problem.column) == (ProblemCode.MISSING_COLUMN, column)
    assert f"did you mean {shown_en}?" in describe_problem(problem, "en")
    assert shown_zh in describe_problem(problem, "zh")


def test_no_near_miss_for_an_unrelated_header(tmp_path: Path) -> None:
    header = ["备注" if h == "学校名称" else h for h in SCHOOLS_ZH]
    (problem,) = problems_of(write_table(tmp_path, "s.csv", header, [school_row("S1")]))
    assert "closest" not in problem.detail
    assert "did you mean" not in describe_problem(problem, "en")


def test_invisible_characters_in_a_duplicate_header_are_shown(tmp_path: Path) -> None:
    header = [*SCHOOLS_ZH, "学校名称\u200b", "学校名称\u200b"]
    (problem,) = problems_of(write_table(tmp_path, "s.csv", header, [[*school_row(), "", ""]]))
    assert problem.code is ProblemCode.DUPLICATE_HEADER
    assert "“学校名称\\u200b”" in describe_problem(problem, "zh")
    assert "'学校名称\\u200b'" in describe_problem(problem, "en")


# --- UTF-32 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["utf32-le-bom.csv", "utf32-be-bom.csv"])
def test_utf32_with_a_byte_order_mark_reads_as_utf8(name: str) -> None:
    expected = load_dataset([str(CORPUS / "ok-schools.csv")]).tables["schools"]
    assert load_dataset([str(CORPUS / name)]).tables["schools"].equals(expected)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("学校代码,学校名称\n".encode("utf-32-le"), None),
        ("学校代码,学校名称\n".encode("utf-32-be"), None),
        (codecs.BOM_UTF16_LE + "学校代码,学校名称\n".encode("utf-16-le"), "utf-32"),
        ("学校代码,学校名称\n".encode("utf-16-le"), "utf-16-be"),
    ],
)
def test_no_nul_character_reaches_a_message(
    cli: CliRun, tmp_path: Path, data: bytes, encoding: str | None
) -> None:
    path = write_bytes(tmp_path, "s.csv", data)
    args = ["audit", str(path), "--lang", "en"] + (["--encoding", encoding] if encoding else [])
    run = cli(*args)
    assert run.exit_code == 2
    assert "\x00" not in run.stderr
    assert "[encoding-error]" in run.stderr or "[unknown-table]" in run.stderr


def test_utf32_without_a_mark_is_named(cli: CliRun) -> None:
    run = cli("audit", CORPUS / "utf32-le-no-bom.csv", "--lang", "en")
    assert run.exit_code == 2
    assert "--encoding utf-32-le" in run.stderr


# --- notes are notes -------------------------------------------------------------------------


def test_note_codes_do_not_stop_the_audit(cli: CliRun) -> None:
    run = cli("audit", CORPUS / "template-example-row.csv", "--format", "json", "--lang", "en")
    assert run.exit_code in (0, 1), run.stderr
    report = json.loads(run.stdout)
    assert [(i["table"], i["rows"]) for i in report["inputs"]] == [("schools", 1)]
    assert ProblemCode.EXAMPLE_ROW in NOTE_CODES
    assert ProblemCode.NOTHING_TO_AUDIT not in NOTE_CODES
