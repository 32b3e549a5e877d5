"""Words of the remediation quantities (整改测算): units and kinds, in zh and en."""

from __future__ import annotations

import polars as pl

from taikang_check.contract.columns_bands import BANDS
from taikang_check.rulebook.model import (
    AnyCheck,
    Check,
    RemedyKind,
    Rule,
    StandardCheck,
    class_cap,
)
from taikang_check.text.labels import WORDS, pick

_SCHOOLS = ("所学校", "schools")

# The band table's open-ended top band (66人及以上) is counted at its lower bound.
_TOP = BANDS[-1].lower

UNITS: dict[str, tuple[str, str]] = {
    "classes": ("个班", "classes"),
    "students": ("名学生", "students"),
    "schools": _SCHOOLS,
    "teachers": ("名教师", "teachers"),
    "square_metres": ("平方米", "m²"),
    "yuan": ("元", "yuan"),
    "classrooms": ("间教室", "classrooms"),
    "indicators": ("项指标", "indicators"),
}
KINDS: dict[str, tuple[str, str]] = {
    "classes": ("增设班级", "classes to add"),
    "relocate": ("需分流学生", "students to place elsewhere"),
    "reach": ("达标所需", "change needed to reach the limit"),
    "floor": ("补齐薄弱学校", "the lowest schools raised to a common floor"),
    "lift": ("最省的达标指标组合", "the cheapest set of indicators to lift"),
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
    "floor": (
        "只补不减：把低于某一共同“底线”水平的学校补到底线，其余学校不变；底线用二分法求出，"
        "取各校补足量向上取整到整数单位后差异系数不超过限值的最低水平；水平最低的学校排在最前，"
        "并按补足后的数值重算差异系数（提高一所低于 ΣP·X²/ΣP·X 的学校只会降低差异系数，"
        "故底线越高差异系数越小，可用二分法；若整数单位下补到最高水平仍超限，方案照列并以重算的差异系数说明）",
        "raise only, never lower: every school below a common floor level is raised to it, "
        "the others stay as they are; the floor is found by bisection as the lowest level at "
        "which the CV of the planned values (each school's addition rounded up to whole units) "
        "is within the limit; the schools lowest now come first, and the CV of the planned "
        "values is computed again (raising a school below Σ P·X² / Σ P·X only lowers the CV, "
        "so the CV falls as the floor rises and bisection applies; should whole units not "
        "suffice even at the highest level, the plan is still given, its recomputed CV "
        "saying so)",
    ),
    "lift": (
        "“最省”依次为：需提升的指标项数最少；其次各项差距占其标准的比例之和最小；再按标准所列顺序。"
        "未达标的指标中，允许不达标的项（指标总数减去至少须达标的项数）留给节省最多的：已达余项比例的不动（少提升一项），"
        "不足余项比例的只补到该比例；其余各项补到标准。每项给出按其单位（教师、平方米、元、间）所需的整数数量",
        "“cheapest” means, in this order: the fewest indicators to lift, then the smallest sum "
        "of each gap as a share of its threshold, then the standard's order. Of the indicators "
        "not met, those allowed short (the indicators less the number that must be met) are the "
        "ones whose exemption saves most: left as they are when they already reach the share "
        "the rest must reach (one lift fewer), else lifted to that share only; every other one "
        "is lifted to its threshold. Each lift is given in its "
        "unit (teachers, m², yuan, rooms) as the whole units needed",
    ),
}
LABELS: dict[str, tuple[str, str]] = {
    "section": ("整改测算", "Remediation needed"),
    "due": ("完成时限", "due"),
    "county_total": WORDS["whole_county"],
    "quantity": ("需整改数量", "quantity needed"),
    "no_due": WORDS["no_due"],
    "band_estimate": (
        f"；含据班额情况表的上限估计（各档按上限人数计，{_TOP}人及以上按{_TOP}人计）",
        "; partly an upper estimate from the class-size bands (each band at its largest "
        f"size, {_TOP} or more at {_TOP})",
    ),
    "floor": ("薄弱学校补到共同底线，只补不减", "lowest schools raised to a common floor"),
    "lift": ("各校最省的达标组合", "each school's cheapest set of indicators"),
    "plans": ("差异系数整改方案", "Plans for the coefficients over their limits"),
    "plan_first": ("先补", "raise first"),
    "plan_after": WORDS["cv"],
    "plan_schools": _SCHOOLS,
}


def unit_expr(column: str, lang: str) -> pl.Expr:
    """A unit code column as its words, column-wise."""
    mapping = {code: pick(UNITS[code], lang) for code in UNITS}
    return pl.col(column).replace_strict(mapping, default=None, return_dtype=pl.String)


def describe_remedy(rule: Rule) -> list[str]:
    """The rule's remediation quantity in words, per check it is computed for (docs)."""
    remedy = rule.remedy
    if remedy is None:
        return ["- 整改测算 remedy: — (未测算 · none computed)"]
    lines = []
    for label, checks in (("check", rule.checks), ("fallback", rule.fallback)):
        for index, check in enumerate(checks):
            if not remedy.fits(check):
                continue
            unit_zh, unit_en = UNITS[remedy.unit_for(check)]
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


def methods() -> list[str]:
    """Each kind of remediation quantity and how it is computed, for the rules reference."""
    lines = ["## 整改测算 · Remediation quantities", ""]
    lines.append(
        "A rule's `remedy` (kind and unit) says what its failing and pending findings need; "
        "the quantities are summed per township and county by due date in every report."
    )
    lines.append("")
    for kind in RemedyKind:
        zh, en = FORMULAS[kind.value]
        name_zh, name_en = KINDS[kind.value]
        lines += [f"- `{kind.value}` — {name_zh} · {name_en}", f"  - {zh}", f"  - {en}"]
    return [*lines, ""]


def _formula(kind: RemedyKind, check: AnyCheck) -> str:
    if isinstance(check, StandardCheck):
        members = ", ".join(f"`{r}`" for r in check.standard.rules)
        return (
            f"indicators of {members} to lift so that {check.standard.at_least} are met and "
            f"the rest reach {check.standard.others_reach}"
        )
    assert isinstance(check, Check)
    if kind is RemedyKind.FLOOR:
        cv = check.measure.cv
        assert cv is not None
        each = f" ÷ {cv.per}" if cv.per != 1 else ""
        limit = format(float(check.fail_if.bounds[0]), "g")
        return (
            f"`Σ ⌈max(0, f × {cv.denominator}{each} − {cv.numerator})⌉` over the "
            f"schools, f the lowest floor at which the planned CV ≤ {limit}"
        )
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
