"""Words of the national-standard section shared by the terminal and HTML reports: stage
names, the marks and short labels of the schools matrix, and the headings that quote the
loaded rules' limits (never numbers of their own)."""

from __future__ import annotations

from fractions import Fraction

from taikang_check.text.labels import pick
from taikang_check.text.numbers import number

STAGE_NAMES = {"primary": ("小学", "primary"), "junior": ("初中", "junior")}
# The national standard's matrix: how a school's indicator stands, and short column labels.
STATE_MARK = {"met": "✓", "near": "~", "short": "✗", "unknown": "?"}
RESOURCE_SHORT = {
    "qualified_teachers": ("学历", "qualified"),
    "backbone_teachers": ("骨干", "backbone"),
    "pe_art_teachers": ("体艺", "PE/art"),
    "teaching_area": ("校舍", "floor"),
    "sports_area": ("场馆", "sports"),
    "equipment_value": ("设备", "equipment"),
    "multimedia_classrooms": ("多媒体", "multimedia"),
}


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


COUNTIES_HEADING = (
    "区县结论（第五条：每校{of}项至少{at_least}项达标、余项不低于{reach}，差异系数达标；"
    "按达标情况排名）",
    "County verdicts under article 5 (every school {at_least} of {of}, the rest at {reach}; "
    "coefficients within limits), ranked",
)


def counties_heading(indicators: int, at_least: int, reach: Fraction, lang: str) -> str:
    """The county table's heading, with the standard's figures as its rule sets them."""
    return pick(COUNTIES_HEADING, lang).format(
        of=indicators, at_least=at_least, reach=percent_text(reach)
    )
