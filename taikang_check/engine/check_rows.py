"""Row checks: one evaluation per school or class row.

A row check is a plan (engine/table_plan.py): its outcome as one expression over the table and
the columns of its findings, run with the table's other row checks. `columns` are the columns
the check's table has as the check sees it (a finding takes a school's place from them when
they are there, and from the schools table later when they are not)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import polars as pl

from taikang_check.engine.expressions import all_of, columns_used, compare, display_limit
from taikang_check.engine.outcomes import (
    SEVERITY_WEIGHT,
    finding_head,
    is_enforced,
    literal,
    optional,
    outcome,
    readable,
)
from taikang_check.engine.table_plan import RowPlan
from taikang_check.read.csv_reader import ROW
from taikang_check.read.inputs import FILE
from taikang_check.rulebook.model import Check, ConditionCheck, Rule, Scope, walk_predicates


def _row_plan(rule: Rule, table: str, status: pl.Expr, findings: list[pl.Expr]) -> RowPlan:
    return RowPlan(table, status, findings, SEVERITY_WEIGHT[rule.severity.value], rule.id)


def row_plan(
    rule: Rule, index: int, check: Check, columns: Collection[str], as_of: dt.date
) -> RowPlan:
    measure = check.measure
    population = all_of(check.where)
    applicable = population.fill_null(True)
    denominator: pl.Expr | None = None
    if measure.ratio is not None:
        numerator = pl.col(measure.ratio.numerator) * measure.ratio.per
        ratio_denominator = pl.col(measure.ratio.denominator)
        denominator = ratio_denominator
        # A zero denominator has no ratio: such a row is outside the rule, not a pass.
        applicable = applicable & ratio_denominator.ne(0).fill_null(True)
        scale = 100 if check.fail_if.percent else 1
        value = readable(
            numerator / ratio_denominator * scale,
            tuple(float(b * scale) for b in check.fail_if.bounds),
        )
    elif measure.total is not None:
        # A sum across columns of the row; blank if any part is blank.
        parts = pl.col(list(measure.total))
        numerator = value = (
            pl.when(pl.any_horizontal(parts.is_null()))
            .then(None)
            .otherwise(pl.sum_horizontal(parts))
        )
    else:
        assert measure.column is not None
        numerator = value = pl.col(measure.column)
    violation = population & compare(numerator, denominator, check.fail_if)
    status = pl.when(applicable).then(outcome(violation, is_enforced(rule, as_of)))
    extra = {"blank": blank_columns(sorted(columns_used(check)))}
    if denominator is not None and measure.ratio is not None:
        extra |= {"numerator": pl.col(measure.ratio.numerator), "denominator": denominator}
    findings = [
        *finding_head(rule, Scope.ROW.value, check.table),
        pl.col(FILE).alias("file"),
        pl.col(ROW).alias("row"),
        *optional(columns, ("school_id", "school_name", "county", "township")),
        value.alias("value"),
        literal(display_limit(check.fail_if)).alias("limit"),
        pl.lit(index, pl.Int32).alias("check"),
        *optional(columns, ("grade", "class_name")),
        *(expr.alias(name) for name, expr in extra.items()),
    ]
    return _row_plan(rule, check.table, status, findings)


def condition_plan(
    rule: Rule, index: int, check: ConditionCheck, columns: Collection[str], as_of: dt.date
) -> RowPlan:
    """A row fails when all of `fail_when` hold; value and limit come from its first test."""
    population = all_of(check.where)
    violation = population & all_of(check.fail_when)
    status = pl.when(population.fill_null(True)).then(outcome(violation, is_enforced(rule, as_of)))
    first = next(walk_predicates(check.fail_when[0]))[0]
    _, expected = first.operator
    limit = literal(list(expected) if isinstance(expected, tuple) else expected)
    findings = [
        *finding_head(rule, Scope.ROW.value, check.table),
        pl.col(FILE).alias("file"),
        pl.col(ROW).alias("row"),
        *optional(columns, ("school_id", "school_name", "county", "township")),
        pl.col(first.column).alias("value"),
        limit.alias("limit"),
        pl.lit(index, pl.Int32).alias("check"),
        *optional(columns, ("grade", "class_name")),
        blank_columns(sorted(columns_used(check))).alias("blank"),
    ]
    return _row_plan(rule, check.table, status, findings)


def blank_columns(names: list[str]) -> pl.Expr:
    """Which of the columns a check reads are blank in a row (to say what to fill in)."""
    return pl.concat_list(
        [pl.when(pl.col(n).is_null()).then(pl.lit(n)) for n in names]
    ).list.drop_nulls()
