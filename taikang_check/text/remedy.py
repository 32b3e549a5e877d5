"""Words of the remediation quantities (整改测算): units and kinds, in zh and en."""

from __future__ import annotations

import polars as pl

from taikang_check.contract.columns_bands import BANDS
from taikang_check.rulebook.model import Check, RemedyKind, Rule, class_cap
from taikang_check.text.labels import WORDS

# The band table's open-ended top band (66人及以上) is counted at its lower bound.
_TOP = BANDS[-1].lower

UNITS: dict[str, tuple[str, str]] = {
    "classes": ("个班", "classes"),
    "students": ("名学生", "students"),
    "schools": ("所学校", "schools"),
    "teachers": ("名教师", "teachers"),
    "square_metres": ("平方米", "m²"),
    "yuan": ("元", "yuan"),
    "classrooms": ("间教室", "classrooms"),
}
KINDS: dict[str, tuple[str, str]] = {
    "classes": ("增设班级", "classes to add"),
    "relocate": ("需分流学生", "students to place elsewhere"),
    "reach": ("达标所需", "change needed to reach the limit"),
}
# How each kind is computed, for the rules reference.
FORMULAS: dict[str, tuple[str, str]] = {
    "classes": (
        "每校每年级：⌈该年级学生数 ÷ 班额上限⌉ − 现有班数（不少于0），另需同数的教室和班主任；"
        "由该年级第一个不合格班级的发现记录承载",
        "per school and grade: ⌈students of the grade ÷ cap⌉ − classes now (at least 0), "
        "and as many classrooms and head teachers; carried by the grade's first failing class",
    ),
    "bands": (
        f"据班额情况表时为上限估计（各档按该档上限人数计，{_TOP}人及以上按{_TOP}人计）：每个年级"
        "⌈各档班数 × 上限人数之和 ÷ 班额上限⌉ − 该年级班数；不分年级的学段各班不能跨年级调剂，"
        "按超额各档班数 × (⌈上限人数 ÷ 班额上限⌉ − 1) 之和",
        "from the class-size band table, an upper estimate (each band at its largest size, "
        f"{_TOP} or more at {_TOP}): per grade ⌈Σ band classes × largest size ÷ cap⌉ − the "
        "grade's classes; per stage, whose grades cannot share students, Σ over the bands "
        "above the cap of classes × (⌈largest size ÷ cap⌉ − 1)",
    ),
    "relocate": (
        "该校（点）在校学生数，即需分流安置的学生",
        "the students of the school or point, to be placed elsewhere",
    ),
    "reach": (
        "分母不变，分子需变动的数量：低于下限时 ⌈下限 × 分母 ÷ 每⌉ − 分子；"
        "高于上限时 分子 − ⌊上限 × 分母 ÷ 每⌋",
        "the change of the numerator, the denominator fixed: below a minimum "
        "⌈limit × denominator ÷ per⌉ − numerator; above a maximum "
        "numerator − ⌊limit × denominator ÷ per⌋",
    ),
}
LABELS: dict[str, tuple[str, str]] = {
    "section": ("整改测算", "Remediation needed"),
    "due": ("完成时限", "due"),
    "county_total": WORDS["whole_county"],
    "quantity": ("需整改数量", "quantity needed"),
    "no_due": ("无时限", "no due date"),
    "band_estimate": (
        f"；含据班额情况表的上限估计（各档按上限人数计，{_TOP}人及以上按{_TOP}人计）",
        "; partly an upper estimate from the class-size bands (each band at its largest "
        f"size, {_TOP} or more at {_TOP})",
    ),
}


def word(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    zh, en = table[key]
    return en if lang == "en" else zh


def unit_expr(column: str, lang: str) -> pl.Expr:
    """A unit code column as its words, column-wise."""
    mapping = {code: word(UNITS, code, lang) for code in UNITS}
    return pl.col(column).replace_strict(mapping, default=None, return_dtype=pl.String)


def describe_remedy(rule: Rule) -> list[str]:
    """The rule's remediation quantity in words, per check it is computed for (docs)."""
    remedy = rule.remedy
    if remedy is None:
        return []
    unit_zh, unit_en = UNITS[remedy.unit_code]
    lines = []
    for label, checks in (("check", rule.checks), ("fallback", rule.fallback)):
        for index, check in enumerate(checks):
            if not remedy.fits(check):
                continue
            assert isinstance(check, Check)
            lines.append(
                f"- 整改测算 remedy ({label} {index + 1}, {unit_zh} / {unit_en}): "
                + _formula(remedy.kind, check)
            )
    if not lines:
        return []
    zh, en = FORMULAS[remedy.kind.value]
    lines += [f"  - {zh}", f"  - {en}"]
    if remedy.kind is RemedyKind.CLASSES:
        zh, en = FORMULAS["bands"]
        lines += [f"  - {zh}", f"  - {en}"]
    return lines


def _formula(kind: RemedyKind, check: Check) -> str:
    if kind is RemedyKind.CLASSES:
        return f"`⌈students of the school-grade ÷ {class_cap(check)}⌉ − classes now`"
    if kind is RemedyKind.RELOCATE:
        return f"`{check.measure.column}` of the row"
    measure = check.measure
    per = measure.ratio.per if measure.ratio is not None else 1
    if measure.ratio is not None:
        n, d = measure.ratio.numerator, measure.ratio.denominator
    else:
        assert measure.share is not None
        n = f"Σ {measure.share.of} (part)" if measure.share.of else "rows in part"
        d = f"Σ {measure.share.of}" if measure.share.of else "rows"
    k = check.fail_if.bounds[0] / per
    ratio = f"{k.numerator}/{k.denominator}" if k.denominator != 1 else str(k.numerator)
    return {
        "lt": f"`⌈{ratio} × {d}⌉ − {n}`",
        "le": f"`⌊{ratio} × {d}⌋ + 1 − {n}`",
        "gt": f"`{n} − ⌊{ratio} × {d}⌋`",
        "ge": f"`{n} − (⌈{ratio} × {d}⌉ − 1)`",
    }[check.fail_if.op]
