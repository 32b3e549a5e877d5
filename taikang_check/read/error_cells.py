"""Cells that hold an Excel error value (a formula that failed) keep it as text.

The reader gives such a cell as a blank, which would read as missing data; written back as
its error text (#DIV/0!), it is the same input error, at the same row and column, as the
text that a CSV saved from that sheet holds.
"""

from __future__ import annotations

from collections import defaultdict

import polars as pl

from taikang_check.read.coerce import EXCEL_ERRORS

UNNAMED = "#UNKNOWN!"  # for an error whose code or text no spreadsheet program uses


def error_text(text: str) -> str:
    """The error value as coerce recognises it: the file's own text when it is one."""
    return text if text.strip().upper() in EXCEL_ERRORS else UNNAMED


def show_errors(
    frame: pl.DataFrame, cells: dict[tuple[int, int], str], columns: list[int]
) -> pl.DataFrame:
    """Write the error values back into a sheet's frame. `cells` maps (row, column), 1-based
    as in the sheet, to the error's text; frame row i is sheet row i + 1 and frame column j
    is sheet column columns[j] + 1."""
    if not cells:
        return frame
    by_column: dict[int, dict[int, str]] = defaultdict(dict)
    for (row, col), text in cells.items():
        if 0 < row <= frame.height:
            by_column[col][row - 1] = error_text(text)
    changes = []
    for position, absolute in enumerate(columns):
        errors = by_column.get(absolute + 1)
        if not errors:
            continue
        rows = sorted(errors)
        name = frame.columns[position]
        values = pl.Series(name, [errors[r] for r in rows], dtype=pl.String)
        changes.append(frame.get_column(name).scatter(rows, values))
    return frame.with_columns(changes) if changes else frame
