"""Workbooks in every format a county office sends (.xlsx, .xls, .xlsb, .ods), recognised by
their content: the same sheet recognition, title rows and spreadsheet row numbers as CSV,
percentages read as shown, many sheets read fast; and the checks that keep a library from
being handed what would crash it (tests/test_hostile.py runs the hostile corpus)."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
import xlsxwriter
from conftest import SAMPLE, SCHOOLS_ZH, CliRun

from taikang_check.problems import ProblemCode, ProblemsFound
from taikang_check.read.dataset import load_dataset
from taikang_check.read.percent_cells import as_percentage
from taikang_check.read.sheet_scan import (
    MAX_ERROR_CELLS,
    BadReference,
    is_percent_format,
    parse_ref,
)
from taikang_check.read.sniff import Kind, sniff

CORPUS = Path(__file__).resolve().parent / "corpus"
AS_OF = "2025-06-30"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def problems(path: Path) -> list[tuple[ProblemCode, int | None, str | None, str | None]]:
    with pytest.raises(ProblemsFound) as raised:
        load_dataset([str(path)])
    return [(p.code, p.row, p.column, p.value) for p in raised.value.problems]


def schools_sheet(path: Path, top: list[tuple[int, int, str]], header_row: int) -> Path:
    """A schools sheet with `top` cells (row, column, text; 0-based) above a header on
    `header_row` (0-based), a good row and a bad count (八百) two rows below it."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("学校")
    for row, col, text in top:
        sheet.write_string(row, col, text)
    sheet.write_row(header_row, 0, SCHOOLS_ZH)
    sheet.write_row(header_row + 1, 0, ["S1", "一小", "镇", "小学", "公办", "城区", 100])
    sheet.write_row(header_row + 3, 0, ["S2", "二小", "镇", "小学", "公办", "城区", "八百"])
    book.close()
    return path


def with_empty_string_in_a1(path: Path) -> Path:
    """Turn A1's text into an empty string (t="s" pointing at "" is what Excel writes when a
    cell is cleared by a formula's paste-as-value)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        rb'<c r="A1"[^>]*>.*?</c>',
        b'<c r="A1" t="inlineStr"><is><t></t></is></c>',
        parts["xl/worksheets/sheet1.xml"],
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


# --- row numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize("a1", [" ", "x"], ids=["space", "title"])
def test_row_numbers_are_the_sheets_when_a1_holds_a_space(tmp_path: Path, a1: str) -> None:
    path = schools_sheet(tmp_path / "s.xlsx", [(0, 0, a1)], header_row=2)
    assert problems(path) == [(ProblemCode.TYPE_ERROR, 6, "在校生数", "八百")]


def test_row_numbers_are_the_sheets_when_a1_holds_an_empty_string(tmp_path: Path) -> None:
    path = with_empty_string_in_a1(schools_sheet(tmp_path / "s.xlsx", [(0, 0, "x")], 2))
    assert b"<t></t>" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert problems(path) == [(ProblemCode.TYPE_ERROR, 6, "在校生数", "八百")]


def test_row_numbers_of_a_sheet_that_starts_low_and_right(tmp_path: Path) -> None:
    path = schools_sheet(tmp_path / "s.xlsx", [(4, 3, "太康县学校统计表")], header_row=6)
    assert problems(path) == [(ProblemCode.TYPE_ERROR, 10, "在校生数", "八百")]


@pytest.mark.parametrize("name", ["ok-schools.xls", "ok-schools.ods", "ok-schools.xlsb"])
def test_every_format_gives_the_sheets_row_numbers(name: str) -> None:
    dataset = load_dataset([str(CORPUS / name)])
    assert dataset.tables["schools"].get_column("_row").to_list() == [2, 3, 4]
    assert dataset.files[0].sheet == "学校表"


# --- many sheets ------------------------------------------------------------------------------


def test_a_workbook_of_1000_sheets_is_read_once(tmp_path: Path) -> None:
    """The workbook was opened again for each sheet: time grew with the square of the
    number of sheets (about a minute for 1,000)."""
    path = tmp_path / "many.xlsx"
    book = xlsxwriter.Workbook(str(path))
    table = book.add_worksheet("学校")
    table.write_row(0, 0, SCHOOLS_ZH)
    table.write_row(1, 0, ["S1", "一小", "镇", "小学", "公办", "城区", 100])
    for index in range(999):
        book.add_worksheet(f"说明{index}").write(0, 0, "填表说明")
    book.close()
    started = time.perf_counter()
    dataset = load_dataset([str(path)])
    seconds = time.perf_counter() - started
    assert dataset.tables["schools"].height == 1
    assert len(dataset.skipped_sheets) == 999
    assert seconds < 10, f"{seconds:.1f} s"


# --- percentages -----------------------------------------------------------------------------


def indicator_workbook(path: Path, formats: dict[str, str]) -> Path:
    """One indicator row per number format in `formats` (label -> Excel format)."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("指标")
    sheet.write_row(0, 0, ["指标", "年度", "数值"])
    for row, (label, code) in enumerate(formats.items(), start=1):
        sheet.write_string(row, 0, "义务教育巩固率")
        sheet.write_number(row, 1, 2020 + row)
        cell_format = book.add_format({"num_format": code}) if code else None
        value = 91.5 if "%" not in code or '"%"' in code or "\\%" in code else 0.915
        if label == "formula":
            sheet.write_formula(row, 2, "=0.9+0.015", cell_format, value)
        elif label == "text":
            sheet.write_string(row, 2, "91.5%")
        else:
            sheet.write_number(row, 2, value, cell_format)
    book.close()
    return path


def test_percent_cells_read_as_the_percentage_shown(tmp_path: Path) -> None:
    formats = {
        "plain": "",
        "builtin 0%": "0%",
        "builtin 0.00%": "0.00%",
        "custom": "0.0%",
        "sections": "0.0%;[Red]-0.0%",
        "formula": "0.0%",
        "text": "",
        "quoted percent sign": '0.0"%"',
        "escaped percent sign": "0.0\\%",
    }
    path = indicator_workbook(tmp_path / "rates.xlsx", formats)
    values = load_dataset([str(path)]).tables["indicators"].get_column("value").to_list()
    assert values == [Decimal("91.5")] * len(formats)


@pytest.mark.parametrize(
    "name", ["percent-cells.xlsx", "percent-cells.xls", "percent-cells.ods", "percent-cells.xlsb"]
)
def test_percent_cells_in_every_format(name: str) -> None:
    values = load_dataset([str(CORPUS / name)]).tables["indicators"].get_column("value")
    assert values.to_list() == [Decimal("98.5"), Decimal("91.5")]


def test_percent_text_in_a_csv_reads_as_the_number(tmp_path: Path) -> None:
    path = tmp_path / "indicators.csv"
    path.write_text("指标,年度,数值\n义务教育巩固率,2024,91.5%\n义务教育巩固率,2023, 90 % \n")
    values = load_dataset([str(path)]).tables["indicators"].get_column("value").to_list()
    assert values == [Decimal("91.5"), Decimal("90")]


@pytest.mark.parametrize(
    ("code", "percent"),
    [
        ("0%", True),
        ("0.0%", True),
        ("#,##0.00%;[Red]-#,##0.00%", True),
        ('0.0"%"', False),
        ("0.0\\%", False),
        ("[$%-804]0.0", False),
        ("0.00", False),
        ("yyyy-mm-dd", False),
    ],
)
def test_percent_formats(code: str, percent: bool) -> None:
    assert is_percent_format(code) is percent


@pytest.mark.parametrize(
    ("text", "shown"),
    [("0.915", "91.5"), ("1", "100"), ("0", "0"), ("-0.05", "-5"), ("0.30000000000000004", "30")],
)
def test_a_fraction_as_the_percentage_shown(text: str, shown: str) -> None:
    assert as_percentage(text) == shown


# --- error values ----------------------------------------------------------------------------

ERROR_PROBLEMS = [
    (ProblemCode.EXCEL_ERROR, 3, "在校生数", "#DIV/0!"),
    (ProblemCode.EXCEL_ERROR, 4, "学校名称", "#N/A"),
]


def schools_csv_with_errors(path: Path, students: str, name: str) -> Path:
    """The schools table with `students` as row 3's count and `name` as row 4's name."""
    rows = [
        SCHOOLS_ZH,
        ["S1", "一小", "镇", "小学", "公办", "城区", "100"],
        ["S2", "二小", "镇", "小学", "公办", "城区", students],
        ["S3", name, "镇", "小学", "公办", "城区", "100"],
    ]
    path.write_text("".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name",
    [
        "excel-error-cells.xlsx",
        "excel-error-cells.xls",
        "excel-error-cells.xlsb",
        "excel-error-cells.ods",
    ],
)
def test_error_cells_are_the_csvs_located_problems_in_every_format(
    tmp_path: Path, name: str
) -> None:
    """The reader gives a cell whose formula failed as a blank (missing data, no problem);
    it is the excel-error a CSV saved from the same sheet gives, at the same row and column."""
    csv_file = schools_csv_with_errors(tmp_path / "schools.csv", "#DIV/0!", "#N/A")
    assert problems(csv_file) == ERROR_PROBLEMS
    assert problems(CORPUS / name) == ERROR_PROBLEMS


def test_error_cells_without_references_are_placed_in_order(tmp_path: Path) -> None:
    rows = [
        "".join(f'<c t="inlineStr"><is><t>{text}</t></is></c>' for text in SCHOOLS_ZH),
        "".join(f'<c t="inlineStr"><is><t>{t}</t></is></c>' for t in ("S1", "一小", "镇"))
        + "".join(f'<c t="inlineStr"><is><t>{t}</t></is></c>' for t in ("小学", "公办", "城区"))
        + '<c t="e"><f>1/0</f><v>#DIV/0!</v></c>',
    ]
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join(f"<row>{row}</row>" for row in rows)
        + "</sheetData></worksheet>"
    )
    path = with_sheet_xml(tmp_path / "no-refs.xlsx", sheet)
    assert problems(path) == [(ProblemCode.EXCEL_ERROR, 2, "在校生数", "#DIV/0!")]


def test_an_error_text_no_spreadsheet_writes_is_still_an_error(tmp_path: Path) -> None:
    """An .ods cell marked as an error keeps whatever text it shows; one that is no error
    value Excel or LibreOffice writes is still an excel-error, never a blank or a name."""
    generate = corpus_generator()
    rows = [SCHOOLS_ZH, ["S1", "一小", "镇", "小学", "公办", "城区", generate.ExcelError("oops")]]
    path = tmp_path / "odd.ods"
    path.write_bytes(generate.ods_file(generate.ods_rows(rows)))
    assert problems(path) == [(ProblemCode.EXCEL_ERROR, 2, "在校生数", "#UNKNOWN!")]


def corpus_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("taikang_corpus", CORPUS / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_sheet_of_more_error_values_than_are_kept_is_refused(tmp_path: Path) -> None:
    count = MAX_ERROR_CELLS + 1
    cells = "".join(
        f'<row r="{r}"><c r="A{r}" t="e"><v>#N/A</v></c></row>' for r in range(1, count + 1)
    )
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{cells}</sheetData></worksheet>"
    )
    path = with_sheet_xml(tmp_path / "errors.xlsx", sheet)
    with pytest.raises(ProblemsFound) as raised:
        load_dataset([str(path)])
    (problem,) = raised.value.problems
    assert problem.code is ProblemCode.TOO_LARGE
    assert problem.detail["what"] == "errors"
    assert problem.detail["size"] == f"{count:,}"


def with_sheet_xml(path: Path, sheet: str) -> Path:
    """ok-schools.xlsx with its one worksheet replaced by `sheet`."""
    source = CORPUS / "ok-schools.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(name, sheet.encode() if name.endswith("sheet1.xml") else data)
    return path


# --- references ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "cell"), [(b"A1", (1, 1)), (b"XFD1048576", (1048576, 16384)), (b"zz100", (100, 702))]
)
def test_references_within_excels_limits(ref: bytes, cell: tuple[int, int]) -> None:
    assert parse_ref(ref) == cell


@pytest.mark.parametrize(
    "ref",
    [b"XFE1", b"A1048577", b"A0", b"AAAAAAAAAAAAAAA1", b"A99999999999999999999", b"1A", b"", b"A"],
)
def test_references_past_excels_limits(ref: bytes) -> None:
    with pytest.raises(BadReference):
        parse_ref(ref)


def test_cells_without_references_are_placed_in_order(tmp_path: Path) -> None:
    """Some writers leave out r="A1": cells follow each other, rows too, as calamine reads
    them; the scan places them the same way (here one lands past XFD)."""
    row = "<row>" + "<c><v>1</v></c>" * 16_385 + "</row>"
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{row}</sheetData></worksheet>"
    )
    source = CORPUS / "ok-schools.xlsx"
    path = tmp_path / "no-refs.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(name, sheet.encode() if name.endswith("sheet1.xml") else data)
    assert problems(path) == [(ProblemCode.BAD_CELL_REFERENCE, 1, None, "XFE1")]


# --- what a file is ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("ok-schools.csv", Kind.TEXT),
        ("ok-schools.xlsx", Kind.XLSX),
        ("workbook-named-csv.csv", Kind.XLSX),
        ("xls-named-xlsx.xlsx", Kind.XLS),
        ("ok-schools.xls", Kind.XLS),
        ("ok-schools.ods", Kind.ODS),
        ("ok-schools.xlsb", Kind.XLSB),
        ("csv-named-xlsx.xlsx", Kind.TEXT),
    ],
)
def test_files_are_recognised_by_content(name: str, kind: Kind) -> None:
    assert sniff((CORPUS / name).read_bytes(), name) is kind


@pytest.mark.parametrize(
    ("name", "code", "says"),
    [
        ("word-document-named.csv", "wrong-format", "Word"),
        ("~$ok-schools.xlsx", "wrong-format", "~$"),
        ("encrypted-workbook.xlsx", "encrypted-file", "password"),
        ("pdf-named.csv", "wrong-format", "PDF"),
        ("zip-not-xlsx.csv", "wrong-format", "ZIP"),
        ("html-export-named.xls", "unsupported-format", "HTML"),
    ],
)
def test_what_a_file_is_is_said_in_both_languages(
    cli: CliRun, name: str, code: str, says: str
) -> None:
    for lang in ("zh", "en"):
        result = cli("audit", str(CORPUS / name), "--lang", lang)
        assert result.exit_code == 2
        assert f"[{code}] {CORPUS / name}" in result.stderr
        if lang == "en":
            assert says in result.stderr
        else:
            assert re.search(r"[\u4e00-\u9fff]", result.stderr.split("]", 2)[-1])
    # the content of a file that is no table is never echoed
    assert "学校代码 学校名称" not in cli("audit", str(CORPUS / name)).stderr


# --- LibreOffice --------------------------------------------------------------------------------


def libreoffice_convert(sources: list[Path], target: str, out: Path) -> list[Path]:
    profile = out / "profile"
    command = [
        str(SOFFICE),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--infilter=CSV:44,34,76,1",
        "--convert-to",
        target,
        "--outdir",
        str(out),
        *map(str, sources),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    converted = [out / f"{source.stem}.{target}" for source in sources]
    missing = [p.name for p in converted if not p.exists()]
    assert not missing, (missing, done.stdout, done.stderr)
    return converted


def findings_of(cli: CliRun, paths: list[Path]) -> dict[str, object]:
    result = cli("audit", *map(str, paths), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    report["version"] = None
    report["inputs"] = [(i["table"], i["rows"]) for i in report["inputs"]]
    for finding in report["findings"]:
        finding["file"] = finding["table"] if finding["file"] else None
    return report


@pytest.mark.slow
@pytest.mark.parametrize("target", ["xlsx", "xls", "ods"])
def test_libreoffice_workbooks_give_the_same_findings_as_the_csv_files(
    cli: CliRun, tmp_path: Path, target: str
) -> None:
    """The sample, saved by LibreOffice Calc in each format (numbers as numbers, dates as
    dates, codes as numbers), audits exactly as the CSV files do, row numbers included."""
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing: apt-get install libreoffice-calc")
        pytest.skip("LibreOffice is missing (apt-get install libreoffice-calc)")
    sources = [SAMPLE / f"{name}.csv" for name in ("schools", "classes", "indicators")]
    converted = libreoffice_convert(sources, target, tmp_path)
    assert sniff(converted[0].read_bytes(), converted[0].name).value == target
    expected = findings_of(cli, sources)
    assert expected["findings"], "the sample has findings to compare"
    assert findings_of(cli, converted) == expected


@pytest.mark.slow
def test_libreoffice_error_cells_are_the_csvs_problems(tmp_path: Path) -> None:
    """Formulas that fail in LibreOffice Calc (=1/0, =NA()), saved in each format, give the
    problems of the CSV file that holds their error texts, not blanks."""
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing: apt-get install libreoffice-calc")
        pytest.skip("LibreOffice is missing (apt-get install libreoffice-calc)")
    source = schools_csv_with_errors(tmp_path / "schools.csv", "=1/0", "=NA()")
    for target in ("xlsx", "xls", "ods"):
        (converted,) = libreoffice_convert([source], target, tmp_path / target)
        assert problems(converted) == ERROR_PROBLEMS, target


def test_the_guard_reads_a_workbook_without_changing_it(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    path.write_bytes((CORPUS / "ok-schools.xlsx").read_bytes())
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_dataset([str(path)])
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert io.BytesIO(before[0]).getvalue() == (CORPUS / "ok-schools.xlsx").read_bytes()


def test_a_panic_in_the_library_is_a_problem_without_its_backtrace(tmp_path: Path) -> None:
    """The checks keep known panics from the library; should one get through, it is an
    unreadable file, and the panic's backtrace never reaches the terminal."""
    script = (
        "import runpy, sys\n"
        "import taikang_check.read.workbook_guard as guard\n"
        "guard.preflight = lambda *args: guard.Preflight()\n"
        "sys.argv = ['taikang-check', *sys.argv[1:]]\n"
        "runpy.run_module('taikang_check', run_name='__main__', alter_sys=True)\n"
    )
    path = CORPUS / "xls-short-boundsheet.xls"
    env = {**os.environ, "RUST_BACKTRACE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script, "audit", str(path), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert "panicked" not in done.stderr
    assert "backtrace" not in done.stderr
    assert f"[unreadable-file] {path}" in done.stderr
