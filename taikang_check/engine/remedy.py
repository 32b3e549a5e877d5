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
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import polars as pl

from taikang_check.engine.check_bands import BAND_CLASSES, BAND_SPLIT, BAND_STUDENTS
from taikang_check.engine.expressions import all_of
from taikang_check.engine.outcomes import OUTCOME, CheckResult
from taikang_check.engine.results import RuleResult, Status
from taikang_check.rulebook.model import AnyCheck, Check, RemedyKind, Rule, Scope, class_cap

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
    rule: Rule, check: AnyCheck, result: CheckResult, frame: pl.DataFrame
) -> CheckResult:
    """The check's findings with remedy columns, where the rule declares a remedy that fits."""
    remedy = rule.remedy
    findings = result.findings
    if remedy is None or not remedy.fits(check) or findings.height == 0:
        return result
    assert isinstance(check, Check)
    flagged = pl.col(OUTCOME).cast(pl.String).is_in([Status.FAIL.value, Status.PENDING.value])
    if remedy.kind is RemedyKind.CLASSES:
        findings = _classes(check, findings, frame, flagged)
    elif remedy.kind is RemedyKind.RELOCATE:
        findings = findings.with_columns(
            pl.when(flagged).then(pl.col("value").cast(pl.Int64, strict=False)).alias(QUANTITY)
        )
    else:
        findings = findings.with_columns(pl.when(flagged).then(_reach(check)).alias(QUANTITY))
    return dataclasses.replace(result, findings=_labelled(findings, rule))


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
    return dataclasses.replace(result, findings=_labelled(findings, rule))


def _labelled(findings: pl.DataFrame, rule: Rule) -> pl.DataFrame:
    """Quantities at least 0, with their kind, unit and due date where there is one."""
    remedy = rule.remedy
    assert remedy is not None
    return findings.with_columns(
        pl.col(QUANTITY).clip(lower_bound=0),
        pl.when(pl.col(QUANTITY).is_not_null())
        .then(pl.lit(remedy.kind.value))
        .alias("remedy_kind"),
        pl.when(pl.col(QUANTITY).is_not_null()).then(pl.lit(remedy.unit_code)).alias("remedy_unit"),
        pl.when(pl.col(QUANTITY).is_not_null()).then(pl.lit(rule.due, pl.Date)).alias("remedy_due"),
    )


def _classes(
    check: Check, findings: pl.DataFrame, frame: pl.DataFrame, flagged: pl.Expr
) -> pl.DataFrame:
    cap = class_cap(check)
    assert check.measure.column is not None
    students = pl.col(check.measure.column)
    keys = ["school_id", "grade"]
    grades = (
        frame.filter(all_of(check.where).fill_null(False))
        .group_by(keys)
        .agg(
            pl.when(students.is_null().any())
            .then(None)
            .otherwise((students.sum().cast(pl.Int64) + cap - 1) // cap - pl.len())
            .alias("_needed")
        )
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
    p, q = share.numerator, share.denominator
    # 128-bit: county sums of large counts do not fit 64 bits (the sums are 128-bit too).
    n, d = pl.col("numerator"), pl.col("denominator").cast(pl.Int128)
    op = check.fail_if.op
    exact = (p * d + q - 1) // q if op in ("lt", "ge") else (p * d) // q  # ⌈k·d⌉ or ⌊k·d⌋
    whole = n.cast(pl.Int128, strict=False)
    integer = {
        "lt": exact - whole,
        "le": exact + 1 - whole,
        "gt": whole - exact,
        "ge": whole - (exact - 1),
    }[op].cast(pl.Int64, strict=False)  # beyond 64 bits: no quantity rather than a wrong one
    # A numerator that is not whole: the gap in its unit, rounded up (9 decimals guard drift).
    gap = d.cast(pl.Float64) * (p / q) - n.cast(pl.Float64)
    fractional = (gap if op in ("lt", "le") else -gap).round(9).ceil().cast(pl.Int64)
    is_whole = n.cast(pl.Float64) == n.cast(pl.Float64).round(0)
    return pl.when(is_whole).then(integer).otherwise(fractional)


def remedy_totals(results: list[RuleResult] | tuple[RuleResult, ...]) -> pl.DataFrame:
    """Quantities summed per rule and due date, per county (township null) and township.

    A rule with findings of several scopes is summed at its finest one (schools before
    townships before the county), so a school's need and the county's are not counted twice.
    """
    parts = [pl.DataFrame(schema=TOTAL_SCHEMA)]
    for result in results:
        findings = result.findings
        if result.rule.remedy is None or QUANTITY not in findings.columns:
            continue
        owed = findings.filter(pl.col(QUANTITY).is_not_null())
        if owed.height == 0:
            continue
        present = set(owed.get_column("scope").to_list())
        finest = next(s for s in _SCOPES if s in present)
        owed = owed.filter(pl.col("scope") == finest).with_columns(
            pl.col("county").cast(pl.String), pl.col("township").cast(pl.String)
        )
        head = [
            pl.first("remedy_due").alias("due"),
            pl.lit(result.rule.id).alias("rule"),
            pl.first("remedy_kind").alias("kind"),
            pl.first("remedy_unit").alias("unit"),
        ]
        county = owed.group_by("county").agg(*head, pl.col(QUANTITY).sum().alias("quantity"))
        parts.append(county.with_columns(pl.lit(None, pl.String).alias("township")))
        if finest != Scope.COUNTY.value:
            township = owed.group_by("county", "township").agg(
                *head, pl.col(QUANTITY).sum().alias("quantity")
            )
            parts.append(township)
    frames = [p.select(list(TOTAL_SCHEMA)).cast(TOTAL_SCHEMA) for p in parts]  # type: ignore[arg-type]
    return pl.concat(frames).sort(
        ["due", "rule", "county", "township"], nulls_last=False, maintain_order=True
    )
