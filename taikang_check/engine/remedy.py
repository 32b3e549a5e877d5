"""Remediation quantities (整改测算): what each failing or pending finding needs to pass,
computed column-wise from the rule's declared remedy (rulebook/model.py `Remedy`).

Formulas (exact integer arithmetic; L is the rule's threshold as a fraction):

- classes: per school and grade of the check's population, ⌈S / cap⌉ − C, where S is the
  grade's students, C its classes now and cap the largest allowed size (gt b: ⌊b⌋; ge b:
  ⌈b⌉ − 1); never below 0. The first failing class of the grade (by file and row) carries
  the quantity, the grade's other findings 0, so sums count each grade once. One classroom
  and one head teacher per class.
- relocate: the row's measure (the students of a teaching point to place elsewhere).
- reach: the numerator n changes, the denominator d fixed, until n·per/d meets the limit;
  with k = L / per: fail_if lt → ⌈k·d⌉ − n; le → ⌊k·d⌋ + 1 − n; gt → n − ⌊k·d⌋;
  ge → n − (⌈k·d⌉ − 1). A numerator that is not whole (m², yuan, teachers split by
  students) gives ⌈k·d − n⌉ in its unit.
- floor: a coefficient of variation over its limit, the lowest schools raised to a common
  floor (engine/remedy_floor.py); the quantity is the units added, the plan names the schools.
- lift: a row missing a standard, the cheapest set of its indicators to lift
  (engine/remedy_lift.py); the quantity is the number of indicators, the plan their units.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import polars as pl

from taikang_check.engine.check_bands import BAND_CLASSES, BAND_SPLIT, BAND_STUDENTS
from taikang_check.engine.expressions import all_of
from taikang_check.engine.outcomes import OUTCOME, CheckResult
from taikang_check.engine.remedy_floor import PLAN_COLUMNS, floor_plans
from taikang_check.engine.remedy_lift import lift_plans
from taikang_check.engine.results import RuleResult, Status
from taikang_check.engine.units import units_to_meet
from taikang_check.rulebook.model import (
    AnyCheck,
    Check,
    RemedyKind,
    Rule,
    Scope,
    StandardCheck,
    class_cap,
)

QUANTITY = "remedy_quantity"
REMEDY_COLUMNS = ("remedy_kind", "remedy_unit", QUANTITY, "remedy_due")
TOTAL_SCHEMA = {
    "due": pl.Date,
    "rule": pl.String,
    "kind": pl.String,
    "unit": pl.String,
    "county": pl.String,
    "township": pl.String,
    "quantity": pl.Int64,
}
_SCOPES = (Scope.ROW.value, Scope.TOWNSHIP.value, Scope.COUNTY.value)


def with_remedy(
    rule: Rule,
    check: AnyCheck,
    result: CheckResult,
    frame: pl.DataFrame,
    rules: dict[str, Rule] | None = None,
) -> CheckResult:
    """The check's findings with remedy columns, where the rule declares a remedy that fits.
    `rules` (every loaded rule, by id) gives a standard's member rules."""
    remedy = rule.remedy
    findings = result.findings
    if remedy is None or not remedy.fits(check) or findings.height == 0:
        return result
    flagged = pl.col(OUTCOME).cast(pl.String).is_in([Status.FAIL.value, Status.PENDING.value])
    if isinstance(check, StandardCheck):
        findings = _lift(check, findings, frame, flagged, rules or {})
    elif not isinstance(check, Check):
        return result
    elif remedy.kind is RemedyKind.FLOOR:
        findings = _floor(check, findings, frame, flagged, remedy.unit_for(check))
    elif remedy.kind is RemedyKind.CLASSES:
        findings = _classes(check, findings, frame, flagged)
    elif remedy.kind is RemedyKind.RELOCATE:
        findings = findings.with_columns(
            pl.when(flagged).then(pl.col("value").cast(pl.Int64, strict=False)).alias(QUANTITY)
        )
    else:
        findings = findings.with_columns(pl.when(flagged).then(_reach(check)).alias(QUANTITY))
    return dataclasses.replace(result, findings=_labelled(findings, rule, check))


def with_band_remedy(rule: Rule, check: Check, result: CheckResult) -> CheckResult:
    """The classes a band row needs, from its bands, estimated from above (every class at its
    band's upper bound; the open-ended top band at its lower bound). A grade: ⌈S / cap⌉ − C,
    S the grade's students so estimated, C its classes. A stage, whose grades cannot share
    their students: Σ over the bands above the cap of classes × (⌈upper / cap⌉ − 1)."""
    remedy = rule.remedy
    findings = result.findings
    if remedy is None or remedy.kind is not RemedyKind.CLASSES or findings.height == 0:
        return result
    cap = class_cap(check)
    flagged = pl.col(OUTCOME).cast(pl.String).is_in([Status.FAIL.value, Status.PENDING.value])
    students = pl.col(BAND_STUDENTS).cast(pl.Int64)
    pooled = (students + cap - 1) // cap - pl.col(BAND_CLASSES).cast(pl.Int64)
    needed = pl.when(pl.col("grade").is_not_null()).then(pooled).otherwise(pl.col(BAND_SPLIT))
    findings = findings.with_columns(pl.when(flagged).then(needed).alias(QUANTITY))
    return dataclasses.replace(result, findings=_labelled(findings, rule, check))


def _labelled(findings: pl.DataFrame, rule: Rule, check: AnyCheck) -> pl.DataFrame:
    """Quantities at least 0, with their kind, unit and due date where there is one."""
    remedy = rule.remedy
    assert remedy is not None
    return findings.with_columns(
        pl.col(QUANTITY).clip(lower_bound=0),
        pl.when(pl.col(QUANTITY).is_not_null())
        .then(pl.lit(remedy.kind.value))
        .alias("remedy_kind"),
        pl.when(pl.col(QUANTITY).is_not_null())
        .then(pl.lit(remedy.unit_for(check)))
        .alias("remedy_unit"),
        pl.when(pl.col(QUANTITY).is_not_null()).then(pl.lit(rule.due, pl.Date)).alias("remedy_due"),
    )


def _floor(
    check: Check, findings: pl.DataFrame, frame: pl.DataFrame, flagged: pl.Expr, unit: str
) -> pl.DataFrame:
    keys = ["county"] if check.scope is Scope.COUNTY else ["county", "township"]
    owed = findings.filter(flagged).select(keys)
    plans = floor_plans(check, frame, owed, keys, unit)
    joined = findings.join(plans, on=keys, how="left", maintain_order="left", nulls_equal=True)
    return joined.with_columns(
        pl.when(flagged).then(pl.col(c)).alias(c) for c in (QUANTITY, *PLAN_COLUMNS)
    )


def _lift(
    check: StandardCheck,
    findings: pl.DataFrame,
    frame: pl.DataFrame,
    flagged: pl.Expr,
    rules: dict[str, Rule],
) -> pl.DataFrame:
    keys = ["file", "row", "stage"]
    plans = lift_plans(check, frame, rules)
    joined = findings.join(plans, on=keys, how="left", maintain_order="left", nulls_equal=True)
    return joined.with_columns(
        pl.when(flagged).then(pl.col(c)).alias(c) for c in (QUANTITY, "remedy_plan")
    )


def _classes(
    check: Check, findings: pl.DataFrame, frame: pl.DataFrame, flagged: pl.Expr
) -> pl.DataFrame:
    cap = class_cap(check)
    assert check.measure.column is not None
    students = pl.col(check.measure.column)
    keys = ["school_id", "grade"]
    # Only the grades with a flagged class are summed: a few thousand of millions of classes.
    owed = findings.lazy().filter(flagged).select(keys).unique()
    grades = (
        frame.lazy()
        .filter(all_of(check.where).fill_null(False))
        .join(owed, on=keys, how="semi", nulls_equal=True)
        .group_by(keys)
        .agg(
            pl.when(students.is_null().any())
            .then(None)
            .otherwise((students.sum().cast(pl.Int64) + cap - 1) // cap - pl.len())
            .alias("_needed")
        )
        .collect(engine="in-memory")
    )
    first = pl.when(flagged).then(pl.struct(keys)).is_first_distinct() & flagged
    joined = findings.join(grades, on=keys, how="left", maintain_order="left", nulls_equal=True)
    return joined.with_columns(
        pl.when(first).then(pl.col("_needed")).when(flagged).then(0).alias(QUANTITY)
    ).drop("_needed")


def _reach(check: Check) -> pl.Expr:
    measure = check.measure
    per = measure.ratio.per if measure.ratio is not None and check.scope is Scope.ROW else 1
    share = Fraction(check.fail_if.bounds[0]) / per
    return units_to_meet(pl.col("numerator"), pl.col("denominator"), share, check.fail_if.op)


def remedy_totals(results: list[RuleResult] | tuple[RuleResult, ...]) -> pl.DataFrame:
    """Quantities summed per rule, unit and due date, per county (township null) and township.

    A rule with findings of several scopes is summed at its finest one (schools before
    townships before the county), so a school's need and the county's are not counted twice.
    A finding with a plan (a CV's schools, a standard's indicators) is summed by its plan's
    items, each in its unit and township, so a county's CV plan has townships' shares too.
    """
    parts = [pl.DataFrame(schema=TOTAL_SCHEMA)]
    for result in results:
        owed = _owed(result)
        if owed is None:
            continue
        head = [pl.first("due"), pl.first("rule"), pl.first("kind")]
        county = owed.group_by("county", "unit").agg(*head, pl.col("quantity").sum())
        parts.append(county.with_columns(pl.lit(None, pl.String).alias("township")))
        placed = owed.filter(pl.col("township").is_not_null())
        township = placed.group_by("county", "township", "unit").agg(
            *head, pl.col("quantity").sum()
        )
        parts.append(township)
    return pl.concat(
        [p.select(list(TOTAL_SCHEMA)).cast(TOTAL_SCHEMA) for p in parts]  # type: ignore[arg-type]
    ).sort(["due", "rule", "county", "township", "unit"], nulls_last=False, maintain_order=True)


def _owed(result: RuleResult) -> pl.DataFrame | None:
    """The rule's quantities as rows of due, rule, kind, unit, county, township, quantity
    (township null where the quantity is the county's alone)."""
    findings = result.findings
    if result.rule.remedy is None or QUANTITY not in findings.columns:
        return None
    owed = findings.filter(pl.col(QUANTITY).is_not_null())
    if owed.height == 0:
        return None
    present = set(owed.get_column("scope").to_list())
    finest = next(s for s in _SCOPES if s in present)
    owed = owed.filter(pl.col("scope") == finest).with_columns(
        pl.col("county").cast(pl.String),
        pl.col("township").cast(pl.String),
        pl.lit(result.rule.id).alias("rule"),
    )
    common = [
        pl.col("remedy_due").alias("due"),
        "rule",
        pl.col("remedy_kind").alias("kind"),
        "county",
    ]
    if "remedy_plan" not in owed.columns:
        return owed.select(
            *common,
            pl.col("remedy_unit").alias("unit"),
            "township",
            pl.col(QUANTITY).alias("quantity"),
        )
    items = (
        owed.select(*common, pl.col("township").alias("_place"), "remedy_plan")
        .explode("remedy_plan")
        .filter(pl.col("remedy_plan").is_not_null())
        .with_columns(pl.col("remedy_plan").struct.field("unit", "township", "quantity"))
    )
    return items.select(
        "due",
        "rule",
        "kind",
        "county",
        "unit",
        pl.coalesce("township", "_place").alias("township"),
        "quantity",
    ).filter(pl.col("quantity").is_not_null())
