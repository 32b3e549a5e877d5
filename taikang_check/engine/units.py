"""How far a ratio's numerator must move to meet a threshold: the units of a remedy."""

from __future__ import annotations

from fractions import Fraction

import polars as pl


def units_to_meet(n: pl.Expr, denominator: pl.Expr, share: Fraction, op: str) -> pl.Expr:
    """How far the numerator n must move, the denominator d fixed, for n/d not to fail
    `op` against `share` (the threshold ÷ per): exact for whole n, else rounded up."""
    p, q = share.numerator, share.denominator
    # 128-bit: county sums of large counts do not fit 64 bits (the sums are 128-bit too).
    d = denominator.cast(pl.Int128, strict=False)
    exact = (p * d + q - 1) // q if op in ("lt", "ge") else (p * d) // q  # ⌈k·d⌉ or ⌊k·d⌋
    whole = n.cast(pl.Int128, strict=False)
    integer = {
        "lt": exact - whole,
        "le": exact + 1 - whole,
        "gt": whole - exact,
        "ge": whole - (exact - 1),
    }[op].cast(pl.Int64, strict=False)  # beyond 64 bits: no quantity rather than a wrong one
    # A numerator that is not whole: the gap in its unit, rounded up (9 decimals guard drift).
    gap = denominator.cast(pl.Float64) * (p / q) - n.cast(pl.Float64)
    fractional = (gap if op in ("lt", "le") else -gap).round(9).ceil().cast(pl.Int64, strict=False)
    is_whole = n.cast(pl.Float64) == n.cast(pl.Float64).round(0)
    return pl.when(is_whole).then(integer).otherwise(fractional)
