"""Cells formatted as percentages read as the percentage they show: 0.915 shown as 91.5% is
91.5, as it would be typed in a CSV file (where `91.5%` reads as 91.5 too)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation

import polars as pl

DECIMALS = 6  # as many as a number column keeps; 0.1+0.2 shown as 30% reads as 30


def as_percentage(text: str) -> str:
    """'0.915' -> '91.5', exactly (decimal arithmetic); text that is no number stays."""
    try:
        value = Decimal(text.strip()).scaleb(2)
    except (InvalidOperation, ValueError):
        return text
    if not value.is_finite():
        return text
    if value.as_tuple().exponent < -DECIMALS:  # type: ignore[operator]
        value = round(value, DECIMALS)
    value = value.normalize()
    return format(value, "f") if value else "0"


def show_percentages(
    frame: pl.DataFrame, cells: set[tuple[int, int]], columns: list[int]
) -> pl.DataFrame:
    """Scale the percentage cells of a sheet's frame. `cells` are (row, column), 1-based, as
    in the sheet; frame row i is sheet row i + 1 and frame column j is sheet column
    columns[j] + 1."""
    if not cells:
        return frame
    by_column: dict[int, list[int]] = defaultdict(list)
    for row, col in cells:
        by_column[col].append(row - 1)
    changes = []
    for position, absolute in enumerate(columns):
        rows = [r for r in by_column.get(absolute + 1, ()) if 0 <= r < frame.height]
        if not rows:
            continue
        name = frame.columns[position]
        values = frame.get_column(name).gather(rows).to_list()
        scaled = pl.Series(
            name, [None if v is None else as_percentage(v) for v in values], dtype=pl.String
        )
        changes.append(frame.get_column(name).scatter(rows, scaled))
    return frame.with_columns(changes) if changes else frame
