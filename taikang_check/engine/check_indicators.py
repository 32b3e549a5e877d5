"""Indicator checks: county figures per year against milestones, yearly targets and trends."""

from __future__ import annotations

import datetime as dt

import polars as pl

from taikang_check.engine.expressions import compare, display_limit
from taikang_check.engine.outcomes import (
    OUTCOME,
    SEVERITY_WEIGHT,
    finding_head,
    literal,
    outcome,
    readable,
)
from taikang_check.engine.table_plan import CheckPlan
from taikang_check.read.csv_reader import ROW
from taikang_check.read.inputs import FILE
from taikang_check.rulebook.model import IndicatorCheck, Rule, Threshold


def _schedule(
    check: IndicatorCheck, frame: pl.DataFrame, as_of: dt.date
) -> list[tuple[int, dt.date, Threshold | None]]:
    """(year, due date, threshold) of every figure the check expects."""
    if check.targets:
        return [(t.year, t.due_date, t.fail_if) for t in check.targets]
    assert check.years is not None
    given = frame.get_column("year").max()  # blank years aside
    latest = as_of.year if given is None else max(as_of.year, int(given))  # type: ignore[arg-type]
    last = check.years.last if check.years.last is not None else latest
    # A trend compares each year with the one before, so it starts a year later.
    first = check.years.first + (1 if check.trend else 0)
    return [(year, dt.date(year, 12, 31), check.fail_if) for year in range(first, last + 1)]


def _figures(frame: pl.LazyFrame, code: str, suffix: str = "") -> pl.LazyFrame:
    return frame.filter(pl.col("indicator") == code).select(
        "county",
        "year",
        pl.col("value").alias(f"value{suffix}"),
        pl.col(FILE).alias(f"file{suffix}"),
        pl.col(ROW).alias(f"row{suffix}"),
    )


def _per_year(
    schedule: list[tuple[int, dt.date, Threshold | None]], build: dict[int, pl.Expr]
) -> pl.Expr:
    expr: pl.Expr = pl.lit(None)
    for year, _, _ in reversed(schedule):
        expr = pl.when(pl.col("year") == year).then(build[year]).otherwise(expr)
    return expr


def indicator_plan(
    rule: Rule, index: int, check: IndicatorCheck, frame: pl.DataFrame, as_of: dt.date
) -> CheckPlan:
    schedule = _schedule(check, frame, as_of)
    figures = frame.lazy()
    if "county" not in frame.columns:
        figures = figures.with_columns(pl.lit(None, pl.String).alias("county"))
    plan = pl.LazyFrame(
        {"year": [y for y, _, _ in schedule], "due": [d for _, d, _ in schedule]},
        schema={"year": pl.Int64, "due": pl.Date},
    )
    counties = (
        figures.select(pl.col("county").unique())
        if frame.height
        else pl.LazyFrame({"county": [None]}, schema={"county": pl.String})
    )
    expected = counties.join(plan, how="cross")
    data = expected.join(
        _figures(figures, check.codes[0]), on=["county", "year"], how="left", nulls_equal=True
    )
    value = pl.col("value")
    denominator: pl.Expr | None = None
    percent = any(t is not None and t.percent for _, _, t in schedule)
    if check.ratio is not None:
        data = data.join(
            _figures(figures, check.ratio.denominator, "_den"),
            on=["county", "year"],
            how="left",
            nulls_equal=True,
        )
        # Exact decimals refuse to divide by zero; a zero divisor is no figure (see `needed`).
        denominator = pl.when(pl.col("value_den") != 0).then(pl.col("value_den"))
    if check.trend is not None:
        previous = _figures(figures, check.codes[0], "_prev").with_columns(pl.col("year") + 1)
        data = data.join(previous, on=["county", "year"], how="left", nulls_equal=True)
        violation = value < pl.col("value_prev")
        limit = pl.col("value_prev")
        shown = value
    else:
        violation = _per_year(
            schedule, {y: compare(value, denominator, t) for y, _, t in schedule if t is not None}
        )
        limit = _per_year(
            schedule, {y: literal(display_limit(t)) for y, _, t in schedule if t is not None}
        )
        shown = (
            value
            if denominator is None
            else readable(
                value / denominator * (100 if percent else 1),
                tuple(
                    float(b) * (100 if percent else 1)
                    for _, _, t in schedule
                    if t is not None
                    for b in t.bounds
                ),
            )
        )
    enforced = pl.col("due") <= as_of
    # Which figures a year needs, and whether each is there (a zero divisor is no figure).
    needed = [(check.codes[0], value.is_not_null())]
    if denominator is not None:
        needed.append((check.codes[1], denominator.is_not_null()))
    if check.trend is not None:
        needed.append((check.codes[0], pl.col("value_prev").is_not_null()))
    known = pl.all_horizontal([present for _, present in needed])
    # A figure not yet due and not yet given is not expected; once due, its absence is unknown.
    evaluated = (
        data.filter(known | enforced)
        .with_columns(outcome(pl.when(known).then(violation), enforced).alias(OUTCOME))
        .sort(["county", "year"], nulls_last=False)
    )
    findings = [
        *finding_head(rule, "county", "indicators"),
        pl.col("file").alias("file"),
        pl.col("row").alias("row"),
        pl.lit(None, pl.String).alias("school_id"),
        pl.lit(None, pl.String).alias("school_name"),
        pl.col("county"),
        pl.lit(None, pl.String).alias("township"),
        shown.alias("value"),
        limit.alias("limit"),
        pl.lit(index, pl.Int32).alias("check"),
        pl.col("year"),
        *(
            [value.alias("numerator"), denominator.alias("denominator")]
            if denominator is not None
            else []
        ),
        pl.concat_list([pl.when(~present).then(pl.lit(code)) for code, present in needed])
        .list.drop_nulls()
        .list.unique(maintain_order=True)
        .alias("blank"),
    ]
    return CheckPlan(evaluated, findings, SEVERITY_WEIGHT[rule.severity.value])
