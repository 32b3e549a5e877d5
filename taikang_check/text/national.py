"""Words of the national-standard section shared by the terminal and HTML reports: stage
names, and the headings that quote the loaded rules' limits (never numbers of their own)."""

from __future__ import annotations

from fractions import Fraction

from taikang_check.text.numbers import number

STAGE_NAMES = {"primary": ("小学", "primary"), "junior": ("初中", "junior")}


def stage_name(stage: str, lang: str) -> str:
    names = STAGE_NAMES.get(stage)
    return stage if names is None else names[1 if lang == "en" else 0]


def cv_limits_text(limits: tuple[tuple[str, float], ...], lang: str) -> str:
    """`小学≤0.5，初中≤0.45` / `primary ≤ 0.5, junior ≤ 0.45` (the one number format)."""
    if lang == "en":
        return ", ".join(f"{stage_name(s, lang)} ≤ {number(limit)}" for s, limit in limits)
    return "，".join(f"{stage_name(s, lang)}≤{number(limit)}" for s, limit in limits)


def percent_text(share: Fraction) -> str:
    """0.85 → `85%` (exact: the share is a fraction)."""
    value = share * 100
    if value.denominator == 1:
        return f"{value.numerator}%"
    return f"{float(value):g}%"
