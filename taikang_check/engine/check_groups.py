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


def _aggregates(measure: Measure, population: pl.Expr) -> tuple[pl.Expr, pl.Expr, pl.Expr, bool]:
    """(numerator, denominator, rows in doubt, is a ratio) as aggregations over a group."""
    doubt = population.is_null()
    if measure.share is not None:
        part = all_of(measure.share.part)
        doubt = doubt | part.is_null()
        if measure.share.of is None:
            return part.fill_null(False).sum(), pl.len(), doubt, True
        of = pl.col(measure.share.of)
        return of.filter(part.fill_null(False)).sum(), of.sum(), doubt | of.is_null(), True
    if measure.ratio is not None:
        num, den = pl.col(measure.ratio.numerator), pl.col(measure.ratio.denominator)
        doubt = doubt | num.is_null() | den.is_null()
        return num.sum() * measure.ratio.per, den.sum(), doubt, True
    if measure.count is not None:
        # A count is a lower bound: a row whose cells leave `part` undecided is not counted
        # (most rows have no project, no title ...), so a blank never raises a count.
        part = all_of(measure.count.part)
        return part.fill_null(False).sum(), pl.lit(1), doubt, False
    assert measure.sum is not None
    column = pl.col(measure.sum)
    return column.sum(), pl.lit(1), doubt | column.is_null(), False


def group_check(
    rule: Rule, index: int, check: Check, frame: pl.DataFrame, as_of: dt.date
) -> CheckResult:
    keys = ["county"] if check.scope is Scope.COUNTY else ["county", "township"]
    frame = frame.with_columns(
        *(pl.lit(None, pl.String).alias(k) for k in keys if k not in frame.columns)
    )
    population = all_of(check.where)
    numerator, denominator, doubt, is_ratio = _aggregates(check.measure, population)
    grouped = (
        frame.filter(population.fill_null(True))
        .group_by(keys)
        .agg(
            numerator.cast(pl.Int64).alias("numerator"),
            denominator.cast(pl.Int64).alias("denominator"),
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
