"""Rule conditions to polars expressions. Nulls follow three-valued (Kleene) logic:
a blank cell makes a test null, and null decides nothing."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from functools import reduce
from typing import Any

import polars as pl

from taikang_check.rulebook.model import (
    AllOf,
    AnyCheck,
    AnyOf,
    Check,
    CheckKind,
    Condition,
    ConditionCheck,
    IndicatorCheck,
    Measure,
    Not,
    Predicate,
    StandardCheck,
    Threshold,
    walk_predicates,
)


def condition_expr(condition: Condition) -> pl.Expr:
    if isinstance(condition, AnyOf):
        return reduce(lambda a, b: a | b, (condition_expr(c) for c in condition.any_of))
    if isinstance(condition, AllOf):
        return all_of(condition.all_of)
    if isinstance(condition, Not):
        return ~condition_expr(condition.not_)
    return _predicate_expr(condition)


def all_of(conditions: tuple[Condition, ...]) -> pl.Expr:
    if not conditions:
        return pl.lit(True)
    return reduce(lambda a, b: a & b, (condition_expr(c) for c in conditions))


def _predicate_expr(predicate: Predicate) -> pl.Expr:
    column = pl.col(predicate.column)
    op, value = predicate.operator
    if predicate.blank is not None:  # a claim: a blank cell reads as what `blank` says
        column = column.fill_null(predicate.blank)
    if op in ("in", "not_in"):
        member = column.is_in(list(value))
        # is_in gives false for a blank cell; a blank must stay unknown.
        member = pl.when(column.is_null()).then(None).otherwise(member)
        return member if op == "in" else ~member
    if op == "present":
        return column.is_not_null() if value else column.is_null()
    if op == "between":
        return column.is_between(value[0], value[1], closed="both")
    if op == "outside":
        return ~column.is_between(value[0], value[1], closed="both")
    if op == "is":
        return column.eq(value)
    if op == "is_not":
        return column.ne(value)
    comparisons: dict[str, pl.Expr] = {
        "eq": column.eq(value),
        "ne": column.ne(value),
        "gt": column.gt(value),
        "ge": column.ge(value),
        "lt": column.lt(value),
        "le": column.le(value),
    }
    return comparisons[op]


def compare(numerator: pl.Expr, denominator: pl.Expr | None, threshold: Threshold) -> pl.Expr:
    """numerator/denominator against the threshold, exactly: a/b > p/q  <=>  a*q > p*b (b > 0)."""
    op = threshold.op
    if op in ("is", "is_not"):
        return numerator == threshold.flag if op == "is" else numerator != threshold.flag
    return compare_bounds(numerator, denominator, op, threshold.bounds)


def compare_bounds(
    numerator: pl.Expr, denominator: pl.Expr | None, op: str, bounds: tuple[Fraction, ...]
) -> pl.Expr:
    def scaled(bound: Fraction) -> tuple[pl.Expr, pl.Expr]:
        left = numerator * bound.denominator
        right = pl.lit(bound.numerator, pl.Int64)
        if denominator is not None:
            right = right * denominator
        return left, right

    if op in ("between", "outside"):
        low_left, low_right = scaled(bounds[0])
        high_left, high_right = scaled(bounds[1])
        inside = (low_left >= low_right) & (high_left <= high_right)
        return inside if op == "between" else ~inside
    left, right = scaled(bounds[0])
    comparisons: dict[str, pl.Expr] = {
        "gt": left > right,
        "ge": left >= right,
        "lt": left < right,
        "le": left <= right,
        "eq": left == right,
        "ne": left != right,
    }
    return comparisons[op]


def columns_used(check: AnyCheck) -> set[str]:
    """The columns a check reads (its rule is skipped when one is absent)."""
    columns: Callable[[Any], set[str]] = COLUMNS_USED[check.kind]
    return columns(check)


def _where_columns(check: StandardCheck) -> set[str]:
    return set().union(*(_condition_columns(c) for c in check.where))


def _conditions_columns(check: ConditionCheck) -> set[str]:
    return set().union(*(_condition_columns(c) for c in (*check.where, *check.fail_when)))


def _measure_check_columns(check: Check) -> set[str]:
    return _where_columns_of(check.where) | measure_columns(check.measure)


def _where_columns_of(where: tuple[Condition, ...]) -> set[str]:
    return set().union(*(_condition_columns(c) for c in where))


def _indicator_columns(check: IndicatorCheck) -> set[str]:
    return {"indicator", "year", "value"}


COLUMNS_USED: dict[CheckKind, Callable[[Any], set[str]]] = {
    CheckKind.ROW: _measure_check_columns,
    CheckKind.GROUP: _measure_check_columns,
    CheckKind.CV: _measure_check_columns,
    CheckKind.CONDITION: _conditions_columns,
    CheckKind.STANDARD: _where_columns,
    CheckKind.INDICATOR: _indicator_columns,
}


def measure_columns(measure: Measure) -> set[str]:
    if measure.column is not None:
        return {measure.column}
    if measure.sum is not None:
        return {measure.sum}
    if measure.total is not None:
        return set(measure.total)
    ratio = measure.ratio or measure.cv
    if ratio is not None:
        return {ratio.numerator, ratio.denominator}
    if measure.count is not None:
        return set().union(*(_condition_columns(c) for c in measure.count.part))
    assert measure.share is not None
    used = {measure.share.of} if measure.share.of else set()
    for condition in measure.share.part:
        used |= _condition_columns(condition)
    return used


def _condition_columns(condition: Condition) -> set[str]:
    return {predicate.column for predicate, _ in walk_predicates(condition)}


def display_limit(threshold: Threshold) -> object:
    """The limit as shown in reports: a number (percent points for percentages), a [low, high]
    pair for ranges, or a yes/no flag."""
    if threshold.op in ("is", "is_not"):
        return threshold.flag
    scale = 100 if threshold.percent else 1
    shown = [_plain(bound * scale) for bound in threshold.bounds]
    return shown if len(shown) == 2 else shown[0]


def _plain(number: Fraction) -> int | float:
    return int(number) if number.denominator == 1 else round(float(number), 4)
