"""The coefficient of variation (差异系数) of a resource across schools, per county or township.

With Pᵢ a school's students, Rᵢ its resource and Xᵢ = Rᵢ/Pᵢ: X̄ = ΣR/ΣP, S = sqrt(Σ (Pᵢ/P)(Xᵢ − X̄)²)
and CV = S/X̄ (教督〔2017〕6号, enrolment-weighted). Fewer than two schools: not applicable.
"""

from __future__ import annotations

import datetime as dt
from typing import overload

import polars as pl

from taikang_check.engine.expressions import all_of, compare, display_limit
from taikang_check.engine.outcomes import (
    SEVERITY_WEIGHT,
    group_finding,
    is_enforced,
    literal,
    outcome,
)
from taikang_check.engine.results import Status
from taikang_check.engine.table_plan import CheckPlan, collect
from taikang_check.rulebook.model import Check, Condition, Ratio, Rule, Scope, walk_predicates

TOP_SCHOOLS = 3
CV_TOLERANCE = 1e-12


@overload
def cv_groups(
    frame: pl.DataFrame, keys: list[str], where: tuple[Condition, ...], ratio: Ratio
) -> pl.DataFrame: ...


@overload
def cv_groups(
    frame: pl.LazyFrame, keys: list[str], where: tuple[Condition, ...], ratio: Ratio
) -> pl.LazyFrame: ...


def cv_groups(
    frame: pl.DataFrame | pl.LazyFrame,
    keys: list[str],
    where: tuple[Condition, ...],
    ratio: Ratio,
) -> pl.DataFrame | pl.LazyFrame:
    """keys, cv, mean, schools, doubtful (rows with blanks) and the schools that pull CV up;
    as a query when given one, to run with others."""
    if isinstance(frame, pl.DataFrame):
        return collect([_cv_groups(frame.lazy(), frame.columns, keys, where, ratio)])[0]
    return _cv_groups(frame, frame.collect_schema().names(), keys, where, ratio)


def _cv_groups(
    frame: pl.LazyFrame,
    columns: list[str],
    keys: list[str],
    where: tuple[Condition, ...],
    ratio: Ratio,
) -> pl.LazyFrame:
    population = all_of(where)
    resource = pl.col(ratio.numerator).cast(pl.Float64) * ratio.per
    students = pl.col(ratio.denominator).cast(pl.Float64)
    name = pl.col("school_name") if "school_name" in columns else pl.col("school_id")
    doubtful = population.is_null() | resource.is_null() | students.is_null()
    members = frame.filter(population.fill_null(True) & students.ne(0).fill_null(True))
    counted = members.group_by(keys).agg(doubtful.sum().alias("doubtful"), pl.len().alias("rows"))
    # Each school's share of the variance as a plain column first (the group's mean over its
    # rows, then the school's term): sorting by an expression that itself aggregates over
    # the group is left to no query engine.
    known = (
        members.filter(~doubtful)
        .select(*keys, name.alias("_name"), resource.alias("_r"), students.alias("_p"))
        .with_columns(
            (pl.col("_r").sum().over(keys) / pl.col("_p").sum().over(keys)).alias("_mean"),
            (pl.col("_p") / pl.col("_p").sum().over(keys)).alias("_share"),
        )
        .with_columns(
            (pl.col("_share") * (pl.col("_r") / pl.col("_p") - pl.col("_mean")) ** 2).alias("_term")
        )
    )
    measured = known.group_by(keys).agg(
        pl.col("_mean").first().alias("mean"),
        (pl.col("_term").sum().sqrt() / pl.col("_mean").first()).alias("cv"),
        pl.len().alias("schools"),
    )
    return (
        counted.join(measured, on=keys, how="left", nulls_equal=True)
        .join(_top_schools(known, keys), on=keys, how="left", nulls_equal=True)
        .with_columns(pl.col("schools").fill_null(0))
        .sort(keys, nulls_last=False)
    )


def _top_schools(known: pl.LazyFrame, keys: list[str]) -> pl.LazyFrame:
    """Per group, the names of the schools whose terms of S² are largest, largest first. The
    rows are ranked before grouping: polars 2.1 turns a sort inside an aggregation followed by
    a head into a limited sort that, with two or more groups (and over county and township),
    gathers wrong rows: garbage names, then a segmentation fault."""
    ranked = known.sort("_term", descending=True, nulls_last=True, maintain_order=True)
    return (
        ranked.group_by(keys, maintain_order=True)
        .agg(pl.col("_name").head(TOP_SCHOOLS).alias("top"))
        .with_columns(pl.col("top").list.join("、"))
    )


def cv_judgement(check: Check) -> tuple[pl.Expr, pl.Expr]:
    """(applicable, violation) over the columns of cv_groups: fewer than two schools (blank or
    not), or no resource at all, has no variation to speak of; a blank makes it unknown."""
    applicable = (pl.col("rows") >= 2) & ((pl.col("doubtful") > 0) | (pl.col("mean") > 0))
    # A square root is never exact: a CV within 1e-12 of the limit counts as on it.
    cv = pl.col("cv") * (1 - CV_TOLERANCE)
    violation = pl.when(pl.col("doubtful") == 0).then(compare(cv, None, check.fail_if))
    return applicable, violation


def cv_plan(rule: Rule, index: int, check: Check, frame: pl.DataFrame, as_of: dt.date) -> CheckPlan:
    assert check.measure.cv is not None
    keys = ["county"] if check.scope is Scope.COUNTY else ["county", "township"]
    rows = frame.lazy().with_columns(
        pl.lit(None, pl.String).alias(k) for k in keys if k not in frame.columns
    )
    groups = cv_groups(rows, keys, check.where, check.measure.cv)
    applicable, violation = cv_judgement(check)
    findings = [
        *group_finding(
            rule,
            index,
            check.scope.value,
            check.table,
            keys,
            pl.col("cv").round(4),
            literal(display_limit(check.fail_if)),
        ),
        pl.col("top").alias("detail"),
        # The same names for English messages, listed with commas instead of 、.
        pl.col("top").str.replace_all("、", ", ", literal=True).alias("detail_en"),
        pl.col("doubtful").alias("blank_rows"),
    ]
    return CheckPlan(
        groups,
        findings,
        SEVERITY_WEIGHT[rule.severity.value],
        judge=(applicable, outcome(violation, is_enforced(rule, as_of))),
        # Every group, applicable or not: the national summary lists them per county.
        groups_computed=keys == ["county"],
    )


def stage_of(check: Check) -> str:
    """The stage a check's `where` picks (`stage: primary`), or "" when it picks none."""
    for condition in check.where:
        for predicate, _ in walk_predicates(condition):
            if predicate.column == "stage" and predicate.eq is not None:
                return str(predicate.eq)
    return ""


def variation_table(
    stages: pl.DataFrame,
    checks: list[Check],
    keys: list[str],
    known: dict[int, pl.DataFrame] | None = None,
) -> pl.DataFrame:
    """Every CV check's coefficients per group of `keys` (county, or county and township):
    keys, check (its position in `checks`), stage, indicator, cv, limit, schools, status
    (pass, fail, unknown, not_applicable) and top (the schools that pull it up). `known` holds
    the groups a check already computed (by position), so they are not computed twice."""
    known = known or {}
    stages = stages.with_columns(
        *(pl.lit(None, pl.String).alias(k) for k in keys if k not in stages.columns)
    )
    parts = []
    for index, check in enumerate(checks):
        assert check.measure.cv is not None
        groups = known.get(index)
        if groups is None:
            groups = cv_groups(stages, keys, check.where, check.measure.cv)
        (limit,) = check.fail_if.bounds
        applicable, violation = cv_judgement(check)
        status = (
            pl.when(~applicable)
            .then(pl.lit(Status.NOT_APPLICABLE.value))
            .when(violation.is_null())
            .then(pl.lit(Status.UNKNOWN.value))
            .when(violation)
            .then(pl.lit(Status.FAIL.value))
            .otherwise(pl.lit(Status.PASS.value))
        )
        parts.append(
            groups.select(
                *keys,
                pl.lit(index, pl.Int64).alias("check"),
                pl.lit(stage_of(check)).alias("stage"),
                pl.lit(check.measure.cv.numerator).alias("indicator"),
                "cv",
                pl.lit(float(limit)).alias("limit"),
                "schools",
                status.alias("status"),
                "top",
            )
        )
    if not parts:
        return pl.DataFrame()
    return pl.concat(parts)
