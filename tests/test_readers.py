"""Reading CSV input: headers, values, encodings, delimiters and spreadsheet row numbers.

Each test writes small files and compares the typed frames `load_dataset` returns; the
frames carry `_row`, the row number a spreadsheet shows (header = 1, first data row = 2).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from conftest import (
    CLASSES_EN,
    CLASSES_ZH,
    SCHOOLS_EN,
    SCHOOLS_ZH,
    CliRun,
    school_row,
    write_table,
)
from polars.testing import assert_frame_equal

from taikang_check.problems import ProblemCode, ProblemsFound
from taikang_check.read.csv_reader import ROW
from taikang_check.read.dataset import load_dataset
from taikang_check.text.problem_texts import header_list

# Every column of the contract's schools table, English name -> Chinese header.
ALL_SCHOOL_COLUMNS = {
    "school_id": "学校代码",
    "county": "区县",
    "name": "学校名称",
    "township": "乡镇",
    "kind": "学校类型",
    "ownership": "办学性质",
    "area": "城乡类别",
    "status": "办学状态",
    "students": "在校生数",
    "classes": "班级数",
    "opened": "开办日期",
    "max_class_size_primary": "小学最大班额",
    "max_class_size_junior": "初中最大班额",
    "retention_approved": "确需保留",
    "central_school_managed": "纳入中心校管理",
    "primary_admissions": "小学招生数",
    "primary_zoned_admissions": "小学划片招生数",
    "junior_admissions": "初中招生数",
    "junior_zoned_admissions": "初中划片招生数",
    "disabled_inclusive": "随班就读残疾学生数",
    "resource_room": "资源教室",
}
# fmt: off
FULL_ROWS: list[list[object]] = [
    ["4116270101", "太康县", "城关回族镇第一小学", "城关回族镇", "小学", "公办", "城区", "在办",
     2100, 45, "1958-09-01", 52, None, None, None, 380, 380, None, None, 6, "是"],
    ["4116270102", "太康县", "王集乡杜寨教学点", "王集乡", "教学点", "公办", "乡村", "在办",
     11, 2, "1974-09-01", 6, None, "否", "是", 0, 0, None, None, 0, "否"],
    ["4116270103", "太康县", "高朗乡余店学校", "高朗乡", "九年一贯制", "民办", "乡村", "规划",
     678, 23, None, 48, 45, None, None, 45, 45, 94, 90, None, None],
]
# fmt: on


def load_table(*paths: Path, table: str = "schools") -> pl.DataFrame:
    return load_dataset([str(p) for p in paths]).tables[table]


BASE_ROWS = [school_row("S1", 300), school_row("S2", 12, name="李庄教学点", kind="教学点")]


def baseline(tmp_path: Path) -> pl.DataFrame:
    """BASE_ROWS under Chinese headers, UTF-8, commas: what every variant must equal."""
    return load_table(write_table(tmp_path, "baseline.csv", SCHOOLS_ZH, BASE_ROWS))


# --- headers -------------------------------------------------------------------------------


def test_chinese_and_english_headers_give_identical_frames(tmp_path: Path) -> None:
    zh = write_table(tmp_path, "zh.csv", list(ALL_SCHOOL_COLUMNS.values()), FULL_ROWS)
    en = write_table(tmp_path, "en.csv", list(ALL_SCHOOL_COLUMNS), FULL_ROWS)
    zh_frame, en_frame = load_table(zh), load_table(en)
    assert_frame_equal(zh_frame, en_frame)
    assert set(ALL_SCHOOL_COLUMNS) <= set(zh_frame.columns)
    first = zh_frame.row(0, named=True)
    assert first["kind"] == "primary"
    assert first["students"] == 2100
    assert first["opened"] == dt.date(1958, 9, 1)
    assert first["resource_room"] is True
    assert first["retention_approved"] is None  # blank is missing, not false


def test_classes_headers_in_either_language(tmp_path: Path) -> None:
    rows = [["S1", "一年级", "1班", 40], ["S1", "初二", "2班", 52]]
    zh = load_table(write_table(tmp_path, "zh.csv", CLASSES_ZH, rows), table="classes")
    en = load_table(write_table(tmp_path, "en.csv", CLASSES_EN, rows), table="classes")
    assert_frame_equal(zh, en)
    assert zh.get_column("grade").to_list() == [1, 8]


def test_mixed_language_header_row(tmp_path: Path) -> None:
    header = ["school_id", "学校名称", "township", "学校类型", "ownership", "城乡类别", "students"]
    mixed = load_table(write_table(tmp_path, "mixed.csv", header, BASE_ROWS))
    assert_frame_equal(mixed, baseline(tmp_path))


@pytest.mark.parametrize(
    "spelling",
    [
        "ＳＣＨＯＯＬ_ID",  # full-width letters
        "ＳＣＨＯＯＬ＿ＩＤ",  # full-width underscore too
        " 学校代码 ",  # surrounding spaces
        "\u3000学校代码\u3000",  # ideographic (full-width) spaces
        "SCHOOL_ID",
        "School_Id",
    ],
)
def test_header_matched_after_trim_case_and_width_folding(tmp_path: Path, spelling: str) -> None:
    header = [spelling, *SCHOOLS_ZH[1:]]
    frame = load_table(write_table(tmp_path, "s.csv", header, BASE_ROWS))
    assert_frame_equal(frame, baseline(tmp_path))


def test_full_width_and_upper_case_headers_everywhere(tmp_path: Path) -> None:
    header = [
        "ＳＣＨＯＯＬ_ID",
        " Name ",
        "TOWNSHIP",
        "Ｋｉｎｄ",
        "OWNERSHIP",
        "Area",
        "ＳＴＵＤＥＮＴＳ",
    ]
    frame = load_table(write_table(tmp_path, "s.csv", header, BASE_ROWS))
    assert_frame_equal(frame, baseline(tmp_path))


def test_table_is_recognised_by_header_not_file_name(tmp_path: Path) -> None:
    path = write_table(tmp_path, "classes.csv", SCHOOLS_ZH, BASE_ROWS)
    dataset = load_dataset([str(path)])
    assert list(dataset.tables) == ["schools"]
    assert dataset.files[0].table == "schools"
    assert dataset.files[0].rows == 2


def test_unknown_columns_are_kept_out_and_listed(tmp_path: Path) -> None:
    header = [*SCHOOLS_ZH, "备注", "联系电话"]
    rows = [[*row, "新校区", "0394-1234567"] for row in BASE_ROWS]
    dataset = load_dataset([str(write_table(tmp_path, "s.csv", header, rows))])
    assert dataset.files[0].unknown_columns == ("备注", "联系电话")
    assert_frame_equal(dataset.tables["schools"], baseline(tmp_path))


# --- values --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "spellings", "code"),
    [
        ("kind", ["小学", "primary", "PRIMARY", "Primary", "ｐｒｉｍａｒｙ"], "primary"),
        ("kind", ["初中", "junior"], "junior"),
        ("kind", ["九年一贯制", "nine_year"], "nine_year"),
        ("kind", ["教学点", "teaching_point", "Teaching_Point"], "teaching_point"),
        ("kind", ["幼儿园", "kindergarten"], "kindergarten"),
        ("ownership", ["公办", "public", "Public"], "public"),
        ("ownership", ["民办", "private"], "private"),
        ("ownership", ["普惠性民办", "private_inclusive"], "private_inclusive"),
        ("area", ["乡村", "rural", "RURAL"], "rural"),
        ("area", ["城区", "urban"], "urban"),
        ("area", ["镇区", "town"], "town"),
    ],
)
def test_enum_values_in_either_language(
    tmp_path: Path, column: str, spellings: list[str], code: str
) -> None:
    rows = [school_row(f"S{i}", 100, **{column: text}) for i, text in enumerate(spellings)]
    frame = load_table(write_table(tmp_path, "s.csv", SCHOOLS_ZH, rows))
    assert frame.get_column(column).to_list() == [code] * len(spellings)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("在办", "open"),
        ("open", "open"),
        ("已撤并", "closed"),
        ("Closed", "closed"),
        ("规划", "planned"),
        ("planned", "planned"),
        ("在建", "building"),
        ("building", "building"),
        ("", "open"),  # blank status means open
    ],
)
def test_status_values_and_blank_status(tmp_path: Path, text: str, code: str) -> None:
    rows = [[*school_row("S1"), text]]
    frame = load_table(write_table(tmp_path, "s.csv", [*SCHOOLS_ZH, "办学状态"], rows))
    assert frame.get_column("status").to_list() == [code]


def test_absent_status_column_means_open(tmp_path: Path) -> None:
    frame = baseline(tmp_path)
    assert frame.get_column("status").to_list() == ["open", "open"]


BOOLEANS = {
    "是": True,
    "否": False,
    "有": True,
    "无": False,
    "true": True,
    "false": False,
    "TRUE": True,
    "False": False,
    "yes": True,
    "no": False,
    "YES": True,
    "y": True,
    "n": False,
    "Y": True,
    "N": False,
    "1": True,
    "0": False,
    "": None,
    "  ": None,
}


def test_booleans_in_every_accepted_spelling(tmp_path: Path) -> None:
    rows = [[*school_row(f"S{i}"), text] for i, text in enumerate(BOOLEANS)]
    frame = load_table(write_table(tmp_path, "s.csv", [*SCHOOLS_ZH, "资源教室"], rows))
    assert frame.get_column("resource_room").to_list() == list(BOOLEANS.values())


@pytest.mark.parametrize(
    "text", ["2024-09-01", "2024/9/1", "2024年9月1日", "2024-9-1", " 2024/09/01 "]
)
def test_date_spellings(tmp_path: Path, text: str) -> None:
    rows = [[*school_row("S1"), text]]
    frame = load_table(write_table(tmp_path, "s.csv", [*SCHOOLS_ZH, "开办日期"], rows))
    assert frame.get_column("opened").to_list() == [dt.date(2024, 9, 1)]


GRADES = {
    **{str(n): n for n in range(1, 13)},
    **{f"{zh}年级": n for n, zh in enumerate("一二三四五六七八九", start=1)},
    "初一": 7,
    "初二": 8,
    "初三": 9,
    "高一": 10,
    "高二": 11,
    "高三": 12,
}


def test_grade_spellings(tmp_path: Path) -> None:
    assert GRADES["一年级"] == 1
    assert GRADES["九年级"] == 9
    rows = [["S1", text, f"{i}班", 30] for i, text in enumerate(GRADES)]
    frame = load_table(write_table(tmp_path, "c.csv", CLASSES_ZH, rows), table="classes")
    assert frame.get_column("grade").to_list() == list(GRADES.values())


@pytest.mark.parametrize("text", ["100", " 100", "100 ", "  100  ", "\t100\t"])
def test_counts_with_surrounding_spaces(tmp_path: Path, text: str) -> None:
    rows = [school_row("S1", text)]
    frame = load_table(write_table(tmp_path, "s.csv", SCHOOLS_ZH, rows))
    assert frame.get_column("students").to_list() == [100]


def test_blank_count_is_missing_not_an_error(tmp_path: Path) -> None:
    rows = [school_row("S1", ""), school_row("S2", "   ")]
    frame = load_table(write_table(tmp_path, "s.csv", SCHOOLS_ZH, rows))
    assert frame.get_column("students").to_list() == [None, None]


def test_full_width_digits_in_a_count_are_read_or_reported(tmp_path: Path) -> None:
    path = write_table(tmp_path, "s.csv", SCHOOLS_ZH, [school_row("S1", "１２")])
    assert read_or_problems(path) in ([12], [ProblemCode.TYPE_ERROR])


def read_or_problems(path: Path) -> list[object]:
    """The students column as read, or the codes of the problems reading it raised."""
    try:
        return load_table(path).get_column("students").to_list()
    except ProblemsFound as found:
        return [p.code for p in found.problems]


# --- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", False),
        ("utf-8", True),
        ("utf-8-sig", False),  # writes the BOM itself
        ("gbk", False),
        ("gb18030", False),
        ("utf-16", False),  # writes the BOM itself (little-endian here)
        ("utf-16-le", True),
        ("utf-16-be", True),
    ],
)
def test_encodings_read_the_same(tmp_path: Path, encoding: str, bom: bool) -> None:
    path = write_table(tmp_path, "s.csv", SCHOOLS_ZH, BASE_ROWS, encoding=encoding, bom=bom)
    assert_frame_equal(load_table(path), baseline(tmp_path))


def test_gbk_file_is_really_not_utf8(tmp_path: Path) -> None:
    """Guard for the test above: the GBK bytes must not happen to be valid UTF-8."""
    path = write_table(tmp_path, "s.csv", SCHOOLS_ZH, BASE_ROWS, encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")


# --- layout: delimiters, line endings, row numbers ------------------------------------------


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_delimiters(tmp_path: Path, delimiter: str) -> None:
    path = write_table(tmp_path, "s.csv", SCHOOLS_ZH, BASE_ROWS, delimiter=delimiter)
    assert_frame_equal(load_table(path), baseline(tmp_path))


def test_delimiter_inside_quoted_cell(tmp_path: Path) -> None:
    rows = [school_row("S1", name="一小,东校区")]
    frame = load_table(write_table(tmp_path, "s.csv", SCHOOLS_ZH, rows))
    assert frame.get_column("name").to_list() == ["一小,东校区"]


def test_crlf_line_endings(tmp_path: Path) -> None:
    path = write_table(tmp_path, "s.csv", SCHOOLS_ZH, BASE_ROWS, line_ending="\r\n")
    assert b"\r\n" in path.read_bytes()
    frame = load_table(path)
    assert_frame_equal(frame, baseline(tmp_path))
    assert not any("\r" in str(v) for v in frame.row(0))


def test_quoted_newline_in_a_name_keeps_later_row_numbers(tmp_path: Path) -> None:
    rows = [
        school_row("S1", name="城关回族镇\n第一小学"),
        school_row("S2"),
        school_row("S3", "八百"),
    ]
    path = write_table(tmp_path, "s.csv", SCHOOLS_ZH, rows)
    assert path.read_text(encoding="utf-8").count("\n") == 5  # 4 records, one spans 2 lines
    with pytest.raises(ProblemsFound) as raised:
        load_table(path)
    [problem] = raised.value.problems
    assert (problem.row, problem.column, problem.value) == (4, "在校生数", "八百")
    rows[2] = school_row("S3")
    frame = load_table(write_table(tmp_path, "ok.csv", SCHOOLS_ZH, rows))
    assert frame.get_column(ROW).to_list() == [2, 3, 4]
    assert frame.get_column("name").to_list()[0] == "城关回族镇\n第一小学"


@pytest.mark.parametrize(
    "title",
    [
        "太康县中小学基本情况统计表,,,,,,",  # as Excel writes a merged title cell
        "太康县中小学基本情况统计表",  # a bare line
    ],
)
def test_title_row_above_the_header(tmp_path: Path, title: str) -> None:
    rows = [school_row("S1"), school_row("S2", "八百")]
    path = write_table(tmp_path, "s.csv", SCHOOLS_ZH, rows, before=[title])
    with pytest.raises(ProblemsFound) as raised:
        load_table(path)
    [problem] = raised.value.problems
    assert (problem.row, problem.column) == (4, "在校生数")  # header row 2, data rows 3 and 4
    rows[1] = school_row("S2")
    frame = load_table(write_table(tmp_path, "ok.csv", SCHOOLS_ZH, rows, before=[title]))
    assert frame.get_column(ROW).to_list() == [3, 4]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_bare_title_row_above_a_non_comma_header(tmp_path: Path, delimiter: str) -> None:
    path = write_table(
        tmp_path, "s.csv", SCHOOLS_ZH, BASE_ROWS, delimiter=delimiter, before=["学校名单"]
    )
    frame = load_table(path)
    assert frame.get_column(ROW).to_list() == [3, 4]


def test_blank_lines_are_skipped_but_counted_as_rows(tmp_path: Path) -> None:
    header = ",".join(SCHOOLS_ZH)
    lines = [
        "",  # row 1: blank line above the header
        header,  # row 2
        ",".join(map(str, school_row("S1"))),  # row 3
        "",  # row 4
        ",,,,,,",  # row 5: an empty spreadsheet row
        ",".join(map(str, school_row("S2", "八百"))),  # row 6
        "",
    ]
    path = tmp_path / "s.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ProblemsFound) as raised:
        load_table(path)
    [problem] = raised.value.problems
    assert (problem.row, problem.value) == (6, "八百")
    path.write_text("\n".join(lines).replace("八百", "20"), encoding="utf-8")
    frame = load_table(path)
    assert frame.get_column(ROW).to_list() == [3, 6]
    assert frame.get_column("school_id").to_list() == ["S1", "S2"]


def test_several_files_of_one_table_are_combined(tmp_path: Path) -> None:
    a = write_table(tmp_path, "a.csv", SCHOOLS_ZH, [school_row("S1")])
    b = write_table(tmp_path, "b.csv", SCHOOLS_EN, [school_row("S2")], encoding="gbk")
    dataset = load_dataset([str(a), str(b)])
    assert [(f.path, f.table, f.rows) for f in dataset.files] == [
        (str(a), "schools", 1),
        (str(b), "schools", 1),
    ]
    assert dataset.tables["schools"].get_column("school_id").to_list() == ["S1", "S2"]


def test_invisible_characters_in_unknown_headers_are_shown(cli: CliRun, tmp_path: Path) -> None:
    """A byte-order mark or zero-width space pasted into a header makes it no column of the
    contract; the note shows that character as its escape, in the terminal, in validate and
    in the JSON report's notes (whose value keeps the header as written)."""
    header = [*SCHOOLS_ZH, "备注\ufeff", "联系\u200b电话"]
    rows = [[*row, "新校区", "0394-1234567"] for row in BASE_ROWS]
    path = write_table(tmp_path, "s.csv", header, rows)
    shown = "备注\\ufeff、联系\\u200b电话"
    audit = cli("audit", str(path), "--as-of", "2025-06-30")
    validate = cli("validate", str(path))
    report = json.loads(cli("audit", str(path), "--as-of", "2025-06-30", "--format", "json").stdout)
    for output in (audit.stdout, validate.stdout, report["notes"][0]["message"]):
        assert shown in output
        assert "\ufeff" not in output
        assert "\u200b" not in output
    assert report["notes"] == [
        {
            "code": "unknown-columns",
            "file": str(path),
            "sheet": None,
            "row": None,
            "column": None,
            "value": ["备注\ufeff", "联系\u200b电话"],
            "message": f"{path} 中未识别的列（未参与核查）：{shown}",
        }
    ]


def test_a_no_break_space_is_shown_in_a_header_list() -> None:
    assert header_list(["学校\u00a0名称", "乡镇"]) == "学校\\xa0名称、乡镇"


def test_json_notes_are_what_the_terminal_prints_under_the_report(
    cli: CliRun, tmp_path: Path
) -> None:
    """A total row (left out, with a note) and a sheet that is no table: the JSON report
    lists the same notes as the terminal, in the same order, with their codes."""
    header = [*SCHOOLS_ZH, "备注"]
    rows = [[*row, ""] for row in BASE_ROWS]
    rows.append(["合计", "", "", "", "", "", str(sum(int(r[6]) for r in BASE_ROWS) + 1), ""])
    path = write_table(tmp_path, "s.csv", header, rows)
    terminal = cli("audit", str(path), "--as-of", "2025-06-30", "--lang", "en")
    result = cli("audit", str(path), "--as-of", "2025-06-30", "--lang", "en", "--format", "json")
    notes = json.loads(result.stdout)["notes"]
    codes = [note["code"] for note in notes]
    assert codes == ["total-row", "total-mismatch", "unknown-columns"]
    assert notes[1]["row"] == len(rows) + 1
    assert notes[1]["column"] == "在校生数"
    at = [terminal.stdout.index(note["message"]) for note in notes]
    assert at == sorted(at)
