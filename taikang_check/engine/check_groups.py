"""County and township checks: one evaluation per group of rows (sums, ratios, shares, counts)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from taikang_check.engine.expressions import all_of, compare, display_limit
from taikang_check.engine.outcomes import (
    OUTCOME,
    CheckResult,
    count_outcomes,
    group_finding,
    is_enforced,
    literal,
    not_passed,
    outcome,
    readable,
    tally,
)
from taikang_check.rulebook.model import Check, Measure, Rule, Scope


def _aggregates(
    measure: Measure, population: pl.Expr, schema: pl.Schema
) -> tuple[pl.Expr, pl.Expr, pl.Expr, bool]:
    """(numerator, denominator, rows in doubt, is a ratio) as aggregations over a group."""

    def _wide(column: str) -> pl.Expr:
        # Whole numbers are summed in 128 bits: no sum (nor a sum times a threshold's
        # denominator) can overflow, as 64 bits would for a county of huge cells.
        dtype = schema.get(column)
        return pl.col(column).cast(pl.Int128) if dtype and dtype.is_integer() else pl.col(column)

    doubt = population.is_null()
    if measure.share is not None:
        part = all_of(measure.share.part)
        doubt = doubt | part.is_null()
        if measure.share.of is None:
            return part.fill_null(False).sum(), pl.len(), doubt, True
        of = _wide(measure.share.of)
        return of.filter(part.fill_null(False)).sum(), of.sum(), doubt | of.is_null(), True
    if measure.ratio is not None:
        num, den = _wide(measure.ratio.numerator), _wide(measure.ratio.denominator)
        doubt = doubt | num.is_null() | den.is_null()
        return num.sum() * measure.ratio.per, den.sum(), doubt, True
    if measure.count is not None:
        # A count is a lower bound: a row whose cells leave `part` undecided is not counted
        # (most rows have no project, no title ...), so a blank never raises a count.
        part = all_of(measure.count.part)
        return part.fill_null(False).sum(), pl.lit(1), doubt, False
    assert measure.sum is not None
    column = _wide(measure.sum)
    return column.sum(), pl.lit(1), doubt | column.is_null(), False


def group_check(
    rule: Rule, index: int, check: Check, frame: pl.DataFrame, as_of: dt.date
) -> CheckResult:
    keys = ["county"] if check.scope is Scope.COUNTY else ["county", "township"]
    frame = frame.with_columns(
        *(pl.lit(None, pl.String).alias(k) for k in keys if k not in frame.columns)
    )
    population = all_of(check.where)
    numerator, denominator, doubt, is_ratio = _aggregates(check.measure, population, frame.schema)
    grouped = (
        frame.filter(population.fill_null(True))
        .group_by(keys)
        .agg(
            numerator.cast(pl.Int128).alias("numerator"),
            denominator.cast(pl.Int128).alias("denominator"),
            doubt.sum().alias("_doubtful"),
        )
        # Nothing to divide by and nothing blank: the group has no ratio. With blanks, the
        # known part may add up to zero; the group is then unknown, not absent.
        .filter((pl.col("denominator") != 0) | (pl.col("_doubtful") > 0))
        .sort(keys, nulls_last=False)
    )
    # A group with a blank cell among its rows cannot be summed exactly: unknown.
    violation = pl.when(pl.col("_doubtful") == 0).then(
        compare(pl.col("numerator"), pl.col("denominator") if is_ratio else None, check.fail_if)
    )
    evaluated = grouped.with_columns(outcome(violation, is_enforced(rule, as_of)).alias(OUTCOME))
    scale = 100 if check.fail_if.percent else 1
    value = (
        pl.when(pl.col("denominator") != 0).then(
            readable(
                pl.col("numerator") / pl.col("denominator") * scale,
                tuple(float(b * scale) for b in check.fail_if.bounds),
            )
        )
        if is_ratio
        else pl.col("numerator")
    )
    findings = not_passed(evaluated).select(
        *group_finding(
            rule,
            index,
            check.scope.value,
            check.table,
            keys,
            value,
            literal(display_limit(check.fail_if)),
        ),
        pl.col("numerator"),
        pl.col("denominator"),
        pl.col("_doubtful").alias("blank_rows"),
    )
    return CheckResult(
        count_outcomes(evaluated.get_column(OUTCOME)), findings, tally(evaluated, rule)
    )
