"""Excel input and templates: the same county read from CSV (UTF-8 or GBK) and from a workbook
gives the same audit; templates come from the data contract and read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from conftest import SAMPLE, CliRun

from taikang_check.api import audit
from taikang_check.commands.template import safe_cell
from taikang_check.contract.tables import TABLES
from taikang_check.problems import ProblemCode, ProblemsFound
from taikang_check.read.dataset import load_dataset
from taikang_check.text.problem_texts import describe_problem

TITLE = "太康县2025年学校基础数据（模拟）"
AS_OF = "2025-06-30"


def sample_rows(name: str) -> list[list[str]]:
    text = (SAMPLE / name).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    buffer = io.StringIO()
    buffer.write(TITLE + "\r\n")  # a title row above the header, as government sheets have
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_workbook(path: Path, tables: dict[str, list[list[str]]]) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for sheet_name, rows in tables.items():
        sheet = workbook.add_worksheet(sheet_name)
        sheet.merge_range(0, 0, 0, 5, TITLE)
        header = rows[0]
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if r and header[c] == "开办日期" and cell:
                    sheet.write_datetime(r + 1, c, dt.datetime.fromisoformat(cell), date_format)
                elif r and re.fullmatch(r"\d{1,6}", cell) and header[c] != "学校代码":
                    sheet.write_number(r + 1, c, int(cell))  # numbers as numbers …
                else:
                    sheet.write_string(r + 1, c, cell)  # … and everything else as text
    workbook.add_worksheet("填表说明").write(0, 0, "请按模板填写")
    workbook.close()
    return path


def normalised_json(cli: CliRun, *paths: Path) -> dict[str, object]:
    result = cli("audit", *map(str, paths), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    report["version"] = None
    for item in report["inputs"]:
        item["path"] = item["table"]
    for finding in report["findings"]:
        finding["file"] = finding["table"] if finding["file"] else None
    # A workbook's instructions sheet is skipped, and the note says so; a CSV has none.
    report["notes"] = [n for n in report.get("notes", []) if n["code"] != "skipped-sheet"]
    return report


def test_utf8_gbk_and_xlsx_give_the_same_audit(tmp_path: Path, cli: CliRun) -> None:
    names = ("schools.csv", "classes.csv", "indicators.csv")
    rows = {name: sample_rows(name) for name in names}
    utf8 = [write_csv(tmp_path / f"u-{n}", rows[n], "utf-8") for n in names]
    gbk = [write_csv(tmp_path / f"g-{n}", rows[n], "gb18030") for n in names]
    book = write_workbook(
        tmp_path / "county.xlsx",
        {"学校": rows[names[0]], "班级": rows[names[1]], "指标": rows[names[2]]},
    )
    first = normalised_json(cli, *utf8)
    assert first["findings"], "the sample has findings to compare"
    assert normalised_json(cli, *gbk) == first
    assert normalised_json(cli, book) == first


def test_rows_are_the_sheets_own_row_numbers(tmp_path: Path) -> None:
    workbook = xlsxwriter.Workbook(str(tmp_path / "s.xlsx"))
    sheet = workbook.add_worksheet("学校")
    sheet.write_row(
        3, 1, ["学校代码", "学校名称", "乡镇", "学校类型", "办学性质", "城乡类别", "在校生数"]
    )  # header on row 4, starting in column B
    sheet.write_row(4, 1, ["S1", "一小", "镇", "小学", "公办", "城区", 100])
    sheet.write_row(6, 1, ["S2", "二小", "镇", "小学", "公办", "城区", "八百"])
    workbook.close()
    with pytest.raises(ProblemsFound) as raised:
        load_dataset([str(tmp_path / "s.xlsx")])
    (problem,) = raised.value.problems
    assert (problem.code, problem.row, problem.column, problem.value) == (
        ProblemCode.TYPE_ERROR,
        7,
        "在校生数",
        "八百",
    )
    assert problem.file is not None
    assert problem.file.endswith("s.xlsx [学校]")


def test_a_workbook_without_any_table_is_refused(tmp_path: Path) -> None:
    workbook = xlsxwriter.Workbook(str(tmp_path / "notes.xlsx"))
    workbook.add_worksheet("说明").write(0, 0, "没有数据")
    workbook.close()
    with pytest.raises(ProblemsFound) as raised:
        load_dataset([str(tmp_path / "notes.xlsx")])
    assert raised.value.problems[0].code is ProblemCode.UNKNOWN_TABLE


def test_a_corrupt_workbook_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ProblemsFound) as raised:
        load_dataset([str(path)])
    assert raised.value.problems[0].code is ProblemCode.UNREADABLE_FILE


def test_excel_dates_and_day_numbers(tmp_path: Path) -> None:
    workbook = xlsxwriter.Workbook(str(tmp_path / "d.xlsx"))
    sheet = workbook.add_worksheet("学校")
    header = [
        "学校代码",
        "学校名称",
        "乡镇",
        "学校类型",
        "办学性质",
        "城乡类别",
        "在校生数",
        "开办日期",
    ]
    sheet.write_row(0, 0, header)
    sheet.write_row(1, 0, ["S1", "一小", "镇", "小学", "公办", "城区", 100])
    sheet.write_datetime(
        1, 7, dt.datetime(2023, 9, 1), workbook.add_format({"num_format": "yy/m/d"})
    )
    sheet.write_row(2, 0, ["S2", "二小", "镇", "小学", "公办", "城区", "200", 45170])
    workbook.close()
    schools = load_dataset([str(tmp_path / "d.xlsx")]).tables["schools"]
    assert schools.get_column("opened").to_list() == [dt.date(2023, 9, 1), dt.date(2023, 9, 1)]
    assert schools.get_column("students").to_list() == [100, 200]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_xlsx_template_comes_from_the_contract_and_reads_back(
    tmp_path: Path, cli: CliRun, lang: str
) -> None:
    assert cli("template", "--lang", lang, "-o", str(tmp_path)).exit_code == 0
    path = tmp_path / "taikang-check-template.xlsx"
    book = openpyxl.load_workbook(path)
    for table in TABLES:
        sheet = book[table.zh if lang == "zh" else table.name]
        header = [cell.value for cell in sheet[1]]
        assert header == [c.zh if lang == "zh" else c.name for c in table.columns]
        listed = {str(v.sqref).split(":")[0] for v in sheet.data_validations.dataValidation}
        with_lists = [i for i, c in enumerate(table.columns) if c.values or c.type == "bool"]
        assert len(listed) == len(with_lists)
    guide = book["填表说明" if lang == "zh" else "guide"]
    assert guide.max_row - 1 == sum(len(t.columns) for t in TABLES)
    # Each sheet reads as its table; its one row is the template's example, never data.
    with pytest.raises(ProblemsFound) as raised:
        load_dataset([str(path)])
    codes = [p.code for p in raised.value.problems]
    assert codes[0] is ProblemCode.NOTHING_TO_AUDIT
    assert (
        codes.count(ProblemCode.EXAMPLE_ROW) == codes.count(ProblemCode.EMPTY_TABLE) == len(TABLES)
    )


def test_csv_templates_refuse_to_overwrite(tmp_path: Path, cli: CliRun) -> None:
    assert cli("template", "--format", "csv", "-o", str(tmp_path)).exit_code == 0
    before = (tmp_path / "schools.csv").read_bytes()
    again = cli("template", "--format", "csv", "-o", str(tmp_path))
    assert again.exit_code == 2
    assert "unwritable-output" in again.stderr
    assert (tmp_path / "schools.csv").read_bytes() == before
    with pytest.raises(ProblemsFound) as raised:  # the example rows only: nothing to audit
        load_dataset([str(tmp_path / f"{t.name}.csv") for t in TABLES])
    assert raised.value.problems[0].code is ProblemCode.NOTHING_TO_AUDIT


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2", "@A1"])
def test_cells_written_by_the_tool_never_start_a_formula(cell: str) -> None:
    assert safe_cell(cell) == "'" + cell
    assert safe_cell("一小") == "一小"


def test_validate_reads_without_auditing(tmp_path: Path, cli: CliRun) -> None:
    ok = cli("validate", *(str(SAMPLE / n) for n in ("schools.csv", "classes.csv")))
    assert ok.exit_code == 0
    assert "schools, 545" in ok.stdout or "schools" in ok.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "学校代码,学校名称,乡镇,学校类型,办学性质,城乡类别,在校生数\nS1,一小,镇,小学,公办,城区,八百\n",
        encoding="utf-8",
    )
    result = cli("validate", str(bad))
    assert result.exit_code == 2
    assert "type-error" in result.stderr


def test_totals_that_do_not_add_up_are_warnings(tmp_path: Path) -> None:
    schools = tmp_path / "s.csv"
    schools.write_text(
        "school_id,name,township,kind,ownership,area,students\n"
        "S1,一小,镇,primary,public,urban,100\n",
        encoding="utf-8",
    )
    classes = tmp_path / "c.csv"
    classes.write_text("school_id,grade,students\nS1,1,40\nS1,2,41\n", encoding="utf-8")
    report = audit([schools, classes], as_of=dt.date(2025, 6, 30))
    (warning,) = report.warnings
    assert (warning.code, warning.row, warning.value, warning.detail) == (
        ProblemCode.CLASS_SUM_MISMATCH,
        2,
        "100",
        {"sum": "81"},
    )
    # It says what is compared with what: the school's students with its classes' sum, never
    # with the 班级数 (number of classes) column.
    zh, en = (describe_problem(warning, lang) for lang in ("zh", "en"))
    assert "在校生数为 100" in zh
    assert "各班学生数之和为 81" in zh
    assert "班级数" not in zh
    assert "students are 100" in en
    assert "classes in the classes table add up to 81" in en
