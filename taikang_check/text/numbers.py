"""Numbers as people read them, for every renderer: counts as integers, other numbers and
percentages to at most two decimals, no float noise (61.98, not 61.980000000000004).

`number` and `percent` format one Python value; `number_expr` does the same column-wise for
polars (finding messages and values). The JSON report keeps exact values in value/limit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import pairwise

import polars as pl

DECIMALS = 2


def number(value: float | int | None, decimals: int = DECIMALS, empty: str = "—") -> str:
    """52 → "52", 52.0 → "52", 4.281000000000001 → "4.28", 0.5 → "0.5"; None → "—"."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return empty
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    text = f"{round(value, decimals):.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(value: float | int | None, decimals: int = DECIMALS, empty: str = "—") -> str:
    """A percentage (61.98 means 61.98%): "61.98%"; None → "—"."""
    text = number(value, decimals, empty)
    return text if text == empty else f"{text}%"


def compared_number(value: float | int | None, limit: float | int | None) -> str:
    """A value compared with a limit: two decimals, or up to six where two would show it
    equal to a limit it differs from (a CV of 0.4504 against 0.45 reads 0.4504)."""
    if value is not None and limit is not None and round(value, DECIMALS) == limit != value:
        return number(value, 6)
    return number(value)


MOST_DECIMALS = 6


def series_numbers(
    values: Sequence[float | None], decimals: int = DECIMALS, empty: str = "—"
) -> list[str]:
    """One quantity over the years, at the fewest decimals from `decimals` up to six that
    keep each change from the value before visible: 0.3012, 0.3046 read "0.301", "0.305"
    (at two decimals both would read 0.3, hiding a change that is there)."""
    for places in range(decimals, MOST_DECIMALS + 1):
        texts = [number(v, places, empty) for v in values]
        hidden = any(
            a is not None and b is not None and a != b and texts[i] == texts[i + 1]
            for i, (a, b) in enumerate(pairwise(values))
        )
        if not hidden:
            return texts
    return texts


def score_text(value: float | None, empty: str = "—") -> str:
    """A score of 0–100 with at most two decimals: 30.19, 100, 41.9."""
    return number(value, DECIMALS, empty)


def coverage_text(assessed: int, applicable: int) -> str:
    return f"{assessed}/{applicable}"


def number_expr(column: pl.Expr, decimals: int = DECIMALS) -> pl.Expr:
    """A numeric column as text, column-wise: integers as integers, floats rounded to
    `decimals` with trailing zeros dropped."""
    rounded = column.cast(pl.Float64).round(decimals)
    text = rounded.cast(pl.String)
    trimmed = (
        pl.when(text.str.contains(r"\."))
        .then(text.str.replace(r"0+$", "").str.replace(r"\.$", ""))
        .otherwise(text)
    )
    return pl.when(rounded.is_finite()).then(trimmed)


def trim_number_text(column: pl.Expr, decimals: int = DECIMALS) -> pl.Expr:
    """Decimal numbers inside a text column rounded to `decimals` (for JSON-text values:
    "4.281000000000001" → "4.28"); other text is kept."""
    is_decimal = column.str.contains(r"^-?\d+\.\d+$")
    return (
        pl.when(is_decimal)
        .then(number_expr(column.cast(pl.Float64, strict=False), decimals))
        .otherwise(column)
    )


# More than two decimals, or a trailing zero (0.0, 1.50): float text that no reader needs.
_DECIMAL = re.compile(r"(?<![\d.])\d+\.(?:\d{3,}|\d?0)(?![\d.])")


def _round_match(match: re.Match[str]) -> str:
    return number(float(match.group(0)))


def round_numbers_in_text(column: pl.Expr) -> pl.Expr:
    """Numbers with more than two decimals inside free text rounded to two ("面积 4.6489（标准
    7.5，达 61.980000000000004%）" → "面积 4.65（标准 7.5，达 61.98%）"), trailing zeros dropped
    ("0.0" → "0"); other text is kept."""
    return column.map_elements(
        lambda text: _DECIMAL.sub(_round_match, text), return_dtype=pl.String, skip_nulls=True
    )
