"""Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods): every sheet recognised as a table by its
header, the rest noted.

Each workbook is checked first (workbook_guard: sizes, structure, the real extent of every
sheet), then opened once. Cells are read as text by calamine (through fastexcel, column-wise,
no Python loop per row), so numbers stored as text and numbers stored as numbers read alike;
date cells come as `YYYY-MM-DD 00:00:00`, which the date columns accept; cells formatted as
percentages read as the percentage shown, and cells holding an error value (#DIV/0!) as
that value, not as blanks. Each frame starts at the sheet's row 1, so frame
row i is spreadsheet row i + 1 whatever the first filled cell holds.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from taikang_check.problems import Problem, ProblemCode, ProblemsFound
from taikang_check.read.csv_reader import (
    HEADER_SEARCH_ROWS,
    ROW,
    RawTable,
    find_header,
    table_below_header,
)
from taikang_check.read.error_cells import show_errors
from taikang_check.read.native_output import quiet_native_stderr
from taikang_check.read.percent_cells import show_percentages
from taikang_check.read.workbook_guard import preflight


@dataclass(frozen=True)
class Workbook:
    tables: list[RawTable]
    skipped_sheets: list[str]  # sheets that are no table of the contract (instructions …)


def read_xlsx(data: bytes, path: str, kind: str = "xlsx") -> Workbook:
    """The tables of a workbook of `kind` (a sniff.Kind value other than text)."""
    import fastexcel

    checked = preflight(data, path, kind)
    try:
        with quiet_native_stderr():
            reader = fastexcel.read_excel(data)
        names = list(reader.sheet_names)
    except BaseException as error:  # the library's own types, and a Rust panic
        raise ProblemsFound([_unreadable(path, _library_error(error))]) from None
    tables: list[RawTable] = []
    skipped: list[str] = []
    problems: list[Problem] = []
    for name in names:
        try:
            with quiet_native_stderr():
                sheet = reader.load_sheet(name, header_row=None, dtypes="string", skip_rows=0)
                if sheet.visible != "visible":
                    continue  # hidden sheets hold lists and lookups, not data
                frame = sheet.to_polars()
            # a property up to fastexcel 0.12 (the floor), a method since
            available = sheet.available_columns
            listed = available() if callable(available) else available
            # fastexcel 0.12 names the sheet's own column position `index`
            columns = [
                c.absolute_index if hasattr(c, "absolute_index") else c.index for c in listed
            ]
        except BaseException as error:
            problems.append(_unreadable(f"{path} [{name}]", _library_error(error)))
            continue
        if frame.height == 0 or frame.width == 0:
            skipped.append(name)
            continue
        frame = show_percentages(frame, checked.percent.get(name, set()), columns)
        frame = show_errors(frame, checked.errors.get(name, {}), columns)
        frame = frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)})
        frame = frame.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64))
        offset = _leading_blank_rows(frame)
        frame = frame.slice(offset)  # ROW keeps the sheet's row numbers
        head = [
            ["" if cell is None else str(cell) for cell in row]
            for row in frame.drop(ROW).head(HEADER_SEARCH_ROWS).iter_rows()
        ]
        found = find_header(head)
        if found is None:
            skipped.append(name)
            continue
        try:
            tables.append(table_below_header(f"{path} [{name}]", head, frame, *found))
        except ProblemsFound as found_problems:
            problems += found_problems.problems
    if problems:
        raise ProblemsFound(problems)
    if not tables:
        raise ProblemsFound(
            [Problem(ProblemCode.UNKNOWN_TABLE, file=path, value="; ".join(skipped)[:200])]
        )
    return Workbook(tables, skipped)


def _leading_blank_rows(frame: pl.DataFrame) -> int:
    """Rows above the first with a value (a sheet may start at row 5): the header search
    counts from there."""
    filled = frame.select(pl.any_horizontal(pl.exclude(ROW).is_not_null()).arg_true().first())
    filled = filled.item()
    return int(filled) if filled is not None else 0


def _library_error(error: BaseException) -> Exception:
    """The error to report; Ctrl-C and exit go on."""
    if isinstance(error, KeyboardInterrupt | SystemExit | GeneratorExit):
        raise error
    return error if isinstance(error, Exception) else Exception(str(error))


def _unreadable(path: str, error: Exception) -> Problem:
    reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
    return Problem(ProblemCode.UNREADABLE_FILE, file=path, detail={"reason": reason})
