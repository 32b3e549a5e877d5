"""Excel workbooks (.xlsx): every sheet recognised as a table by its header, the rest noted.

Cells are read as text by calamine (through fastexcel, column-wise, no Python loop per row),
so numbers stored as text and numbers stored as numbers read alike; date cells come as
`YYYY-MM-DD 00:00:00`, which the date columns accept. calamine starts a sheet at its first
filled row, so that row is found once with openpyxl to keep spreadsheet row numbers right.
"""

from __future__ import annotations

import io
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

XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Workbook:
    tables: list[RawTable]
    skipped_sheets: list[str]  # sheets that are no table of the contract (instructions …)


def read_xlsx(data: bytes, path: str) -> Workbook:
    import fastexcel

    try:
        reader = fastexcel.read_excel(data)
        names = list(reader.sheet_names)
    except Exception as error:  # the library raises its own types for broken workbooks
        raise ProblemsFound([_unreadable(path, error)]) from None
    tables: list[RawTable] = []
    skipped: list[str] = []
    problems: list[Problem] = []
    for name in names:
        try:
            sheet = reader.load_sheet(name, header_row=None, dtypes="string")
            if sheet.visible != "visible":
                continue  # hidden sheets hold lists and lookups, not data
            frame = sheet.to_polars()
        except Exception as error:
            problems.append(_unreadable(f"{path} [{name}]", error))
            continue
        if frame.height == 0:
            skipped.append(name)
            continue
        frame = frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)})
        try:
            first_row = _first_filled_row(data, name)
        except Exception as error:  # a damaged part of the archive calamine did not need
            raise ProblemsFound([_unreadable(path, error)]) from None
        frame = frame.with_row_index(ROW, offset=first_row).with_columns(pl.col(ROW).cast(pl.Int64))
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


def _first_filled_row(data: bytes, sheet: str) -> int:
    """The spreadsheet row number of the sheet's first row with a value."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = workbook[sheet].iter_rows(values_only=True)
        for number, row in enumerate(rows, start=1):
            if any(cell is not None and str(cell).strip() for cell in row):
                return number
        return 1
    finally:
        workbook.close()


def _unreadable(path: str, error: Exception) -> Problem:
    reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
    return Problem(ProblemCode.UNREADABLE_FILE, file=path, detail={"reason": reason})
