"""What every kind of check shares: outcome per evaluation, counts, finding columns, tallies."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection
from dataclasses import dataclass

import polars as pl

from taikang_check.engine.results import Status
from taikang_check.rulebook.model import Rule

OUTCOME = "status"
# Weights of the compliance score: an error rule counts three times a warning.
SEVERITY_WEIGHT = {"error": 3, "warning": 1}
TALLY_KEYS = ("county", "township", "school_id")
TALLY_SCHEMA = {
    "county": pl.String,
    "township": pl.String,
    "school_id": pl.String,
    "passed": pl.Int64,
    "counted": pl.Int64,
}
COUNT_KEYS = ("evaluated", "passed", "failed", "pending", "unknown")
# The outcomes each count after "evaluated" counts; those a finding lists; those a score counts.
COUNTED_STATUSES = (
    ("passed", Status.PASS),
    ("failed", Status.FAIL),
    ("pending", Status.PENDING),
    ("unknown", Status.UNKNOWN),
)
FLAGGED = [Status.FAIL.value, Status.PENDING.value, Status.UNKNOWN.value]
JUDGED = [Status.PASS.value, Status.FAIL.value, Status.UNKNOWN.value]


@dataclass(frozen=True)
class CheckResult:
    counts: dict[str, int]
    findings: pl.DataFrame
    tally: pl.DataFrame  # TALLY_SCHEMA: weighted passes and evaluations, for the scores
    # Row checks give their weights per row instead (aligned with the table's rows), so that
    # a table is grouped by school once for all its checks, not once per check. Run with
    # the other row checks of its table (engine/table_plan.py), a rule's first row check
    # there carries the weights of all of them, and the others none.
    row_weights: tuple[str, pl.Series, pl.Series] | None = None
    # What a check the national summary shows computed for every group or row it judged
    # (a CV per county, the standard's matrix), so that the summary does not compute it again.
    computed: pl.DataFrame | None = None


# Outcomes as a small enum, not strings: millions of class rows compare and count cheaply.
OUTCOME_TYPE = pl.Enum(
    [s.value for s in (Status.PASS, Status.FAIL, Status.PENDING, Status.UNKNOWN)]
)


# Built once: every check of every rule uses them.
_STATUSES = {
    status: pl.lit(status.value, OUTCOME_TYPE)
    for status in (Status.PASS, Status.FAIL, Status.PENDING, Status.UNKNOWN)
}


def _status(status: Status) -> pl.Expr:
    return _STATUSES[status]


def outcome(violation: pl.Expr, enforced: pl.Expr | bool) -> pl.Expr:
    """fail (or pending before the due date) / pass / unknown, from a three-valued violation."""
    failing = (
        _status(Status.FAIL if enforced else Status.PENDING)
        if isinstance(enforced, bool)
        else pl.when(enforced).then(_status(Status.FAIL)).otherwise(_status(Status.PENDING))
    )
    return (
        pl.when(violation)
        .then(failing)
        .when(~violation)
        .then(_status(Status.PASS))
        .otherwise(_status(Status.UNKNOWN))
    )


def is_enforced(rule: Rule, as_of: dt.date) -> bool:
    return rule.due is None or as_of >= rule.due


def count_outcomes(outcomes: pl.Series) -> dict[str, int]:
    counts = (
        outcomes.to_frame("o")
        .select(
            pl.len().alias("evaluated"),
            *((pl.col("o") == status.value).sum().alias(key) for key, status in COUNTED_STATUSES),
        )
        .row(0, named=True)
    )
    return {key: int(value) for key, value in counts.items()}


def finding_head(rule: Rule, scope: str, table: str) -> list[pl.Expr]:
    """The first columns of every finding: rule, status, severity, scope, table.

    A finding names the input table its row is in: a stage's row is its school's row."""
    return list(_head(rule.id, rule.severity.value, scope, {"stages": "schools"}.get(table, table)))


@functools.cache
def _head(rule: str, severity: str, scope: str, table: str) -> tuple[pl.Expr, ...]:
    # Once per rule and scope: a rule's checks and its two audits (zh, en) share them.
    return (
        pl.lit(rule).alias("rule"),
        pl.col(OUTCOME).alias("status"),
        pl.lit(severity).alias("severity"),
        pl.lit(scope).alias("scope"),
        pl.lit(table).alias("table"),
    )


# The columns a county or township finding has no value for.
_NO_PLACE = (
    pl.lit(None, pl.Int32).alias("file"),
    pl.lit(None, pl.Int64).alias("row"),
    pl.lit(None, pl.String).alias("school_id"),
    pl.lit(None, pl.String).alias("school_name"),
)
_NO_TOWNSHIP = pl.lit(None, pl.String).alias("township")


def group_finding(
    rule: Rule,
    index: int,
    scope: str,
    table: str,
    keys: list[str],
    value: pl.Expr,
    limit: pl.Expr,
) -> list[pl.Expr]:
    """The columns of a county or township finding: no file, row or school."""
    return [
        *finding_head(rule, scope, table),
        *_NO_PLACE,
        pl.col("county"),
        pl.col("township") if "township" in keys else _NO_TOWNSHIP,
        value.alias("value"),
        limit.alias("limit"),
        pl.lit(index, pl.Int32).alias("check"),
    ]


def optional(frame: pl.DataFrame | Collection[str], names: tuple[str, ...]) -> list[pl.Expr]:
    """These columns of `frame` (a frame, or its column names), or nulls where it lacks them."""
    columns = frame.columns if isinstance(frame, pl.DataFrame) else frame
    return [pl.col(n) if n in columns else pl.lit(None, pl.String).alias(n) for n in names]


def literal(value: object) -> pl.Expr:
    if isinstance(value, list):
        return pl.concat_list(*(pl.lit(v) for v in value))
    return pl.lit(value)


def weighted(weight: int) -> list[pl.Expr]:
    status = pl.col(OUTCOME)
    passed = (status == Status.PASS.value).cast(pl.Int64) * weight
    counted = status.is_in(JUDGED)
    return [passed.alias("passed"), (counted.cast(pl.Int64) * weight).alias("counted")]


def json_text(frame: pl.DataFrame, name: str) -> pl.Expr:
    """A column as JSON text per row (52, 94.74, true, [51,100], "village", null), so that
    checks of one rule whose values differ in type still make one findings column."""
    return _json_text(name, frame.schema[name])


@functools.cache
def _json_text(name: str, dtype: pl.DataType) -> pl.Expr:
    # One expression per column and type: findings of most checks share a few of them.
    column = pl.col(name)
    if isinstance(dtype, pl.Decimal):
        column = column.cast(pl.Float64)  # exact decimals were for comparing; show numbers
    if dtype.is_float():
        column = pl.when(column.is_finite()).then(column)  # NaN and infinity are not JSON
    encoded = pl.struct(column.alias(name)).struct.json_encode()
    return encoded.str.strip_prefix(f'{{"{name}":').str.strip_suffix("}").alias(name)


def as_json_values(findings: pl.DataFrame) -> pl.DataFrame:
    return findings.with_columns(json_text(findings, "value"), json_text(findings, "limit"))


def readable(ratio: pl.Expr, bounds: tuple[float, ...]) -> pl.Expr:
    """A ratio to 2 decimals, or to 6 where 2 would show it equal to a bound it was compared
    with (79999/80000 fails against 1 and must not read as 1.0)."""
    short = ratio.round(2)
    if not bounds:
        return short
    on_a_bound = pl.any_horizontal([short == bound for bound in bounds])
    return pl.when(on_a_bound & (ratio.round(9) != short)).then(ratio.round(6)).otherwise(short)


def row_result(
    rule: Rule, table: str, frame: pl.DataFrame, status: pl.Expr, findings: list[pl.Expr]
) -> CheckResult:
    """Counts, findings and per-row weights of a row check. `status` is the outcome of every
    row, null where the check does not apply; `findings` the columns of a finding."""
    weight = SEVERITY_WEIGHT[rule.severity.value]
    judged = frame.select(
        status.alias(OUTCOME),
        (status == Status.PASS.value).fill_null(False).cast(pl.Int32).mul(weight).alias("p"),
        status.is_in(JUDGED).fill_null(False).cast(pl.Int32).mul(weight).alias("c"),
    )
    outcomes = judged.get_column(OUTCOME).drop_nulls()
    flagged = judged.get_column(OUTCOME).is_in(FLAGGED).fill_null(False)
    rows = frame.filter(flagged).with_columns(judged.get_column(OUTCOME).filter(flagged))
    return CheckResult(
        count_outcomes(outcomes),
        rows.select(findings),
        pl.DataFrame(schema=TALLY_SCHEMA),
        (table, judged.get_column("p"), judged.get_column("c")),
    )
