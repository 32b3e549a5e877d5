"""A rule's checks in words, in the user's language, for `explain`.

English comes from `rulebook/describe.py` (also the generated rule reference); Chinese is
written here with the contract's Chinese names of tables, columns, values and indicators:
“学校表（逐行）：学校类型为教学点，且确需保留不为“是”；在校生数≤50 即不合格”.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from taikang_check.rulebook.describe import describe_check
from taikang_check.rulebook.model import (
    AllOf,
    AnyCheck,
    AnyOf,
    Check,
    CheckKind,
    Condition,
    ConditionCheck,
    IndicatorCheck,
    Not,
    Ratio,
    StandardCheck,
)
from taikang_check.text.names import CLASS_COLUMN_ZH, COLUMN_ZH, ENUM_ZH, TABLE_TEXT

# Columns the engine derives or the stages table names, which no table of the contract has.
DERIVED_ZH = {
    "intake_year": "入学年份",
    "stage": "学段",
    "compulsory_students": "义务教育在校生数",
}
SCOPE_ZH = {"row": "逐行", "township": "按乡镇", "county": "按县"}
TABLE_ZH = {**TABLE_TEXT, "stages": "学校分学段资源表"}
Names = dict[str, str]
COMPARE_ZH = {"eq": "=", "ne": "≠", "gt": ">", "ge": "≥", "lt": "<", "le": "≤"}


def check_text(check: AnyCheck, lang: str) -> str:
    if lang == "en":
        return describe_check(check)
    # A column is named as its own table names it (班级表's students are 学生数).
    names = {**COLUMN_ZH, **DERIVED_ZH, **(CLASS_COLUMN_ZH if check.table == "classes" else {})}
    describe: Callable[[Any, Names], str] = _DESCRIBERS[check.kind]
    return describe(check, names)


def _name(column: str, names: Names) -> str:
    return names.get(column, column)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "“是”" if value else "“否”"
    if isinstance(value, str):
        return ENUM_ZH.get(value, value)
    return str(value)


def _values(values: Sequence[object], last: str) -> str:
    words = [_value(v) for v in values]
    return words[0] if len(words) == 1 else "、".join(words[:-1]) + last + words[-1]


def condition_text(condition: Condition, names: Names) -> str:
    """`kind in [teaching_point]` → 学校类型为教学点."""
    if isinstance(condition, AnyOf):
        return "（" + "，或".join(condition_text(c, names) for c in condition.any_of) + "）"
    if isinstance(condition, AllOf):
        return "（" + "，且".join(condition_text(c, names) for c in condition.all_of) + "）"
    if isinstance(condition, Not):
        return f"并非{condition_text(condition.not_, names)}"
    op, value = condition.operator
    column = _name(condition.column, names)
    if op == "present":
        return f"已填{column}" if value else f"{column}为空"
    return f"{column}{_threshold(op, value)}"


def _all(conditions: Sequence[Condition], names: Names) -> str:
    return "，且".join(condition_text(c, names) for c in conditions)


def _head(table: str, scope: str, where: Sequence[Condition], names: Names) -> str:
    population = _all(where, names) if where else "全部行"
    return f"{TABLE_ZH.get(table, table)}（{SCOPE_ZH[scope]}），范围：{population}"


def _ratio(ratio: Ratio, names: Names) -> str:
    quotient = f"{_name(ratio.numerator, names)}÷{_name(ratio.denominator, names)}"
    return quotient if ratio.per == 1 else f"{quotient}×{ratio.per}"


def _threshold(op: str, value: Any) -> str:
    """What the measure is when the check fails: `≥56`, `在1至9之间`, `不为“是”`."""
    if op in ("between", "outside"):
        low, high = value
        return f"{'在' if op == 'between' else '不在'}{_value(low)}至{_value(high)}之间"
    if op in ("in", "is", "eq"):
        return f"为{_values(value if op == 'in' else (value,), '或')}"
    if op in ("not_in", "is_not", "ne"):
        return f"不为{_values(value if op == 'not_in' else (value,), '或')}"
    return f"{COMPARE_ZH[op]}{_value(value)}"


def _measure(check: Check, names: Names) -> str:
    measure = check.measure
    if measure.ratio is not None:
        what = _ratio(measure.ratio, names)
    elif measure.share is not None:
        base = _name(measure.share.of, names) if measure.share.of else "行数"
        what = f"{_all(measure.share.part, names)}者占{base}的比例"
    elif measure.total is not None:
        what = "＋".join(_name(c, names) for c in measure.total)
    elif measure.cv is not None:
        what = f"（{_ratio(measure.cv, names)}）的校际差异系数"
    elif measure.count is not None:
        what = f"{_all(measure.count.part, names)}的行数" if measure.count.part else "行数"
    elif measure.sum is not None:
        what = f"{_name(measure.sum, names)}合计"
    else:
        what = _name(str(measure.column), names)
    op, value = check.fail_if.comparisons()[0]
    head = _head(check.table, check.scope.value, check.where, names)
    return f"{head}；{what}{_threshold(op, value)}即不合格"


def _conditions(check: ConditionCheck, names: Names) -> str:
    return (
        f"{_head(check.table, 'row', check.where, names)}；{_all(check.fail_when, names)}即不合格"
    )


def _standard(check: StandardCheck, names: Names) -> str:
    standard = check.standard
    return (
        f"{_head(check.table, 'row', check.where, names)}；{len(standard.rules)}项指标中达标不足"
        f"{standard.at_least}项，或未达标的指标低于标准的{standard.others_reach}，即不合格"
    )


def _indicator(check: IndicatorCheck, names: Names) -> str:
    what = _name(check.indicator, names) if check.indicator else ""
    if check.ratio is not None:
        what = f"{_name(check.ratio.numerator, names)}÷{_name(check.ratio.denominator, names)}"
    head = f"{TABLE_ZH['indicators']}，{what}"
    if check.targets:
        parts = []
        for target in check.targets:
            op, value = target.fail_if.comparisons()[0]
            parts.append(
                f"{target.year}年（期限 {target.due_date.isoformat()}）{_threshold(op, value)}"
                "即不合格"
            )
        return f"{head}：" + "；".join(parts)
    assert check.years is not None
    span = f"自{check.years.first}年起每年" + (
        f"（至{check.years.last}年）" if check.years.last else ""
    )
    if check.trend:
        return f"{head}，{span}：低于上一年即不合格"
    assert check.fail_if is not None
    op, value = check.fail_if.comparisons()[0]
    return f"{head}，{span}（期限为当年12月31日）：{_threshold(op, value)}即不合格"


_DESCRIBERS: dict[CheckKind, Callable[[Any, Names], str]] = {
    CheckKind.ROW: _measure,
    CheckKind.GROUP: _measure,
    CheckKind.CV: _measure,
    CheckKind.CONDITION: _conditions,
    CheckKind.STANDARD: _standard,
    CheckKind.INDICATOR: _indicator,
}
