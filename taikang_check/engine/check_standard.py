"""Standard checks: a row meets a standard made of other rules (the national school standard:
at least 6 of the 7 resource indicators reach their thresholds and the other reaches 85%)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

import polars as pl

from taikang_check.contract.tables import SCHOOLS
from taikang_check.engine.expressions import all_of, compare, compare_bounds
from taikang_check.engine.outcomes import (
    OUTCOME,
    SEVERITY_WEIGHT,
    finding_head,
    is_enforced,
    optional,
    outcome,
)
from taikang_check.engine.results import Status
from taikang_check.engine.table_plan import CheckPlan
from taikang_check.read.csv_reader import ROW
from taikang_check.read.inputs import FILE
from taikang_check.rulebook.model import Check, Rule, Scope, StandardCheck

# The columns of a school stage the national summary's matrix keeps, before the indicators.
MATRIX_KEEP = ("county", "township", "school_id", "school_name", "stage", "students")


@dataclass(frozen=True)
class Indicator:
    """One named rule of a standard, as columns over the rows it applies to."""

    rule: Rule
    met: pl.Expr  # true, false, or null when its cells are blank
    reached: pl.Expr  # reaches `reach` of its threshold
    value: pl.Expr  # the ratio as compared (per 100 students, per student …)
    threshold: pl.Expr


def indicator(rule: Rule, reach: Fraction) -> Indicator:
    """A rule's row checks combined: each row is judged by the check whose `where` it meets."""
    met: pl.Expr = pl.lit(None, pl.Boolean)
    reached: pl.Expr = pl.lit(None, pl.Boolean)
    value: pl.Expr = pl.lit(None, pl.Float64)
    threshold: pl.Expr = pl.lit(None, pl.Float64)
    for check in reversed(rule.checks):
        assert isinstance(check, Check)
        assert check.measure.ratio is not None
        ratio = check.measure.ratio
        numerator = pl.col(ratio.numerator) * ratio.per
        denominator = pl.col(ratio.denominator)
        (bound,) = check.fail_if.bounds
        applies = all_of(check.where)
        met = pl.when(applies).then(~compare(numerator, denominator, check.fail_if)).otherwise(met)
        low = compare_bounds(numerator, denominator, check.fail_if.op, (bound * reach,))
        reached = pl.when(applies).then(~low).otherwise(reached)
        value = (
            pl.when(applies)
            .then(numerator.cast(pl.Float64) / denominator.cast(pl.Float64))
            .otherwise(value)
        )
        threshold = pl.when(applies).then(pl.lit(float(bound))).otherwise(threshold)
    return Indicator(rule, met, reached, value, threshold)


def _resource_of(rule: Rule) -> str:
    check = rule.checks[0]
    assert isinstance(check, Check)
    assert check.measure.ratio is not None
    return check.measure.ratio.numerator


def _detail(indicators: list[Indicator], lang: str) -> pl.Expr:
    """What each indicator not met stands at, e.g. 生均运动场馆面积 6.8（标准 7.5，达 90.7%）."""
    parts = []
    for item in indicators:
        # Cut, not rounded: 6.3749 m² must not read as reaching 85% (or 4.499 as 4.5).
        value = ((item.value * 10_000).floor() / 10_000).cast(pl.String)
        share = ((item.value / item.threshold * 10_000).floor() / 100).cast(pl.String)
        limit = item.threshold.cast(pl.String).str.replace(r"\.0$", "")
        resource = SCHOOLS.column(_resource_of(item.rule))
        title = resource.zh if lang == "zh" else resource.name
        text = (
            pl.concat_str(
                pl.lit(f"{title} "),
                value,
                pl.lit("（标准 "),
                limit,
                pl.lit("，达 "),
                share,
                pl.lit("%）"),
            )
            if lang == "zh"
            else pl.concat_str(
                pl.lit(f"{title} "),
                value,
                pl.lit(" (standard "),
                limit,
                pl.lit(", "),
                share,
                pl.lit("%)"),
            )
        )
        parts.append(pl.when(~item.met).then(text))
    return pl.concat_list(parts).list.drop_nulls().list.join("；" if lang == "zh" else "; ")


def has_students(check: StandardCheck, rules: dict[str, Rule]) -> pl.Expr:
    """A row whose ratios have a zero denominator (no students) has no standard to meet."""
    denominators = {
        c.measure.ratio.denominator
        for rule_id in check.standard.rules
        for c in rules[rule_id].checks
        if isinstance(c, Check) and c.measure.ratio is not None
    }
    return pl.all_horizontal([pl.col(d).ne(0).fill_null(True) for d in sorted(denominators)])


def standard_columns(
    check: StandardCheck, rules: dict[str, Rule]
) -> tuple[pl.Expr, pl.Expr, list[Indicator]]:
    """(violation, number of indicators met, the indicators) for rows of the standard."""
    standard = check.standard
    items = [indicator(rules[rule_id], standard.reach) for rule_id in standard.rules]
    allowed = len(items) - standard.at_least
    unmet = pl.sum_horizontal([(~i.met).fill_null(False).cast(pl.Int32) for i in items])
    too_low = pl.any_horizontal([(~i.met & ~i.reached).fill_null(False) for i in items])
    undecided = pl.any_horizontal([i.met.is_null() for i in items])
    violation = (
        pl.when((unmet > allowed) | too_low).then(True).when(undecided).then(None).otherwise(False)
    )
    met_count = pl.sum_horizontal([i.met.fill_null(False).cast(pl.Int32) for i in items])
    return violation, met_count, items


def _state(item: Indicator) -> pl.Expr:
    """How a school stage stands on one indicator: met, near (reaches `reach`), short, unknown."""
    return (
        pl.when(item.met.is_null())
        .then(pl.lit("unknown"))
        .when(item.met)
        .then(pl.lit("met"))
        .when(item.reached)
        .then(pl.lit("near"))
        .otherwise(pl.lit("short"))
    )


def _judged(frame: pl.DataFrame, check: StandardCheck, rules: dict[str, Rule]) -> pl.DataFrame:
    """The rows with students, each with its indicators' values and states, the number met,
    the violation and the verdict: computed once for the check and the national summary."""
    violation, met_count, items = standard_columns(check, rules)
    verdict = (
        pl.when(violation.is_null())
        .then(pl.lit(Status.UNKNOWN.value))
        .when(violation)
        .then(pl.lit(Status.FAIL.value))
        .otherwise(pl.lit(Status.PASS.value))
    )
    indicators = [
        column
        for item in items
        for column in (
            item.value.alias(f"_{_resource_of(item.rule)}_value"),
            _state(item).alias(f"_{_resource_of(item.rule)}_state"),
        )
    ]
    return frame.filter(has_students(check, rules)).with_columns(
        *indicators,
        met_count.alias("_met"),
        violation.alias("_violation"),
        verdict.alias("_verdict"),
    )


def indicator_names(check: StandardCheck, rules: dict[str, Rule]) -> tuple[str, ...]:
    """The resource column of each indicator of the standard, in its order."""
    return tuple(_resource_of(rules[rule_id]) for rule_id in check.standard.rules)


def _matrix_of(judged: pl.LazyFrame, columns: list[str], names: tuple[str, ...]) -> pl.LazyFrame:
    if "county" not in columns:
        judged = judged.with_columns(pl.lit(None, pl.String).alias("county"))
        columns = [*columns, "county"]
    return judged.select(
        *(c for c in MATRIX_KEEP if c in columns),
        *(
            pl.col(f"_{name}_{part}").alias(f"{name}_{part}")
            for name in names
            for part in ("value", "state")
        ),
        pl.col("_met").alias("met"),
        pl.col("_verdict").alias("verdict"),
    )


def standard_matrix(
    frame: pl.DataFrame, check: StandardCheck, rules: dict[str, Rule]
) -> pl.DataFrame:
    """The national summary's matrix, one row per school stage with students: each
    indicator's value and state, the number met and the verdict (due dates aside)."""
    judged = _judged(frame, check, rules)
    return _matrix_of(judged.lazy(), judged.columns, indicator_names(check, rules)).collect()


def standard_plan(
    rule: Rule,
    index: int,
    check: StandardCheck,
    frame: pl.DataFrame,
    as_of: dt.date,
    rules: dict[str, Rule],
) -> CheckPlan:
    population = all_of(check.where)
    items = [indicator(rules[rule_id], check.standard.reach) for rule_id in check.standard.rules]
    judged = _judged(frame, check, rules)
    evaluated = (
        judged.lazy()
        .filter(population.fill_null(True))
        .with_columns(
            outcome(population & pl.col("_violation"), is_enforced(rule, as_of)).alias(OUTCOME)
        )
    )
    findings = [
        *finding_head(rule, Scope.ROW.value, check.table),
        pl.col(FILE).alias("file"),
        pl.col(ROW).alias("row"),
        *optional(judged, ("school_id", "school_name", "county", "township")),
        pl.col("stage"),  # a one-through school's two stages share its row
        pl.col("_met").alias("value"),
        pl.lit(check.standard.at_least).alias("limit"),
        pl.lit(index, pl.Int32).alias("check"),
        _detail(items, "zh").alias("detail_zh"),
        _detail(items, "en").alias("detail_en"),
        pl.concat_list([pl.when(i.met.is_null()).then(pl.lit(_resource_of(i.rule))) for i in items])
        .list.drop_nulls()
        .alias("blank"),
    ]
    return CheckPlan(
        evaluated,
        findings,
        SEVERITY_WEIGHT[rule.severity.value],
        computed=_matrix_of(judged.lazy(), judged.columns, indicator_names(check, rules)),
    )
