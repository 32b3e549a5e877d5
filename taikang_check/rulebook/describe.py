"""A rule's checks in plain words, for `explain` and the generated rule reference."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
    StandardCheck,
)

_OP_TEXT = {
    "eq": "=",
    "ne": "≠",
    "gt": ">",
    "ge": "≥",
    "lt": "<",
    "le": "≤",
    "in": "in",
    "not_in": "not in",
    "is": "is",
    "is_not": "is not",
}


def _value_text(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(_value_text(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def describe_condition(condition: Condition) -> str:
    """A condition in plain words, e.g. `grade between 1 and 6`."""
    if isinstance(condition, AnyOf):
        return "(" + " or ".join(describe_condition(c) for c in condition.any_of) + ")"
    if isinstance(condition, AllOf):
        return "(" + " and ".join(describe_condition(c) for c in condition.all_of) + ")"
    if isinstance(condition, Not):
        return f"not {describe_condition(condition.not_)}"
    op, value = condition.operator
    if op == "present":
        return f"{condition.column} is {'filled in' if value else 'blank'}"
    if op in ("between", "outside"):
        low, high = value
        return f"{condition.column} {op} {_value_text(low)} and {_value_text(high)}"
    return f"{condition.column} {_OP_TEXT[op]} {_value_text(value)}"


def describe_indicator_check(check: IndicatorCheck) -> str:
    what = check.indicator or (
        f"{check.ratio.numerator} / {check.ratio.denominator}" if check.ratio else ""
    )
    if check.targets:
        parts = []
        for target in check.targets:
            op, value = target.fail_if.comparisons()[0]
            parts.append(
                f"{target.year} (due {target.due_date}): fails when {_OP_TEXT.get(op, op)} "
                f"{_value_text(value)}"
            )
        return f"`indicators` {what} — " + "; ".join(parts)
    assert check.years is not None
    span = f"every year from {check.years.first}" + (
        f" to {check.years.last}" if check.years.last else ""
    )
    if check.trend:
        return f"`indicators` {what}, {span}: fails when lower than the year before"
    assert check.fail_if is not None
    op, value = check.fail_if.comparisons()[0]
    return (
        f"`indicators` {what}, {span} (due 31 Dec): fails when {_OP_TEXT.get(op, op)} "
        f"{_value_text(value)}"
    )


def describe_check(check: AnyCheck) -> str:
    describe: Callable[[Any], str] = DESCRIBERS[check.kind]
    return describe(check)


def _describe_standard(check: StandardCheck) -> str:
    where = " and ".join(describe_condition(c) for c in check.where) or "every row"
    standard = check.standard
    return (
        f"`{check.table}` (row) where {where}: fails unless at least {standard.at_least} "
        f"of {', '.join(standard.rules)} are met and the others reach "
        f"{standard.others_reach} of their thresholds"
    )


def _describe_conditions(check: ConditionCheck) -> str:
    where = " and ".join(describe_condition(c) for c in check.where) or "every row"
    fails = " and ".join(describe_condition(c) for c in check.fail_when)
    return f"`{check.table}` (row) where {where}: fails when {fails}"


def _describe_measure(check: Check) -> str:
    where = " and ".join(describe_condition(c) for c in check.where) or "every row"
    measure = check.measure
    if measure.ratio is not None:
        what = f"{measure.ratio.numerator} / {measure.ratio.denominator}"
    elif measure.share is not None:
        part = " and ".join(describe_condition(c) for c in measure.share.part)
        what = f"share of {measure.share.of or 'rows'} where {part}"
    elif measure.total is not None:
        what = " + ".join(measure.total)
    elif measure.cv is not None:
        what = (
            f"the coefficient of variation of {measure.cv.numerator} per "
            f"{measure.cv.denominator} across schools"
        )
    elif measure.count is not None:
        part = " and ".join(describe_condition(c) for c in measure.count.part)
        what = f"number of rows where {part}" if part else "number of rows"
    else:
        what = str(measure.column or f"sum of {measure.sum}")
    op, value = check.fail_if.comparisons()[0]
    limit = (
        f"{_value_text(value[0])} to {_value_text(value[1])}"
        if isinstance(value, tuple)
        else _value_text(value)
    )
    verbs = {**_OP_TEXT, "between": "is within", "outside": "is outside"}
    verb = verbs[op]
    return f"`{check.table}` ({check.scope.value}) where {where}: fails when {what} {verb} {limit}"


DESCRIBERS: dict[CheckKind, Callable[[Any], str]] = {
    CheckKind.ROW: _describe_measure,
    CheckKind.GROUP: _describe_measure,
    CheckKind.CV: _describe_measure,
    CheckKind.CONDITION: _describe_conditions,
    CheckKind.STANDARD: _describe_standard,
    CheckKind.INDICATOR: describe_indicator_check,
}
