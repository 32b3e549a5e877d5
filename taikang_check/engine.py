"""Evaluate rules on the typed tables, column-wise, at an as-of date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from taikang_check.expressions import all_of, columns_used, compare, display_limit
from taikang_check.inputs import FILE, Dataset
from taikang_check.read_csv import ROW
from taikang_check.report import FINDING_FIELDS, MESSAGE_ONLY_FIELDS, RuleResult, Status
from taikang_check.rule_check import SCHOOL_COLUMNS_OF_CLASSES
from taikang_check.rule_loader import LoadedRule
from taikang_check.rule_model import Check, Rule, Scope

OUTCOME = "status"
# Weights of the compliance score: an error rule counts three times a warning.
SEVERITY_WEIGHT = {"error": 3, "warning": 1}
TALLY_KEYS = ("county", "school_id")


@dataclass(frozen=True)
class CheckResult:
    counts: dict[str, int]
    findings: pl.DataFrame
    tally: pl.DataFrame  # county, school_id, passed, counted: for the scores


@dataclass(frozen=True)
class Evaluation:
    results: list[RuleResult]
    tally: pl.DataFrame


def prepare_tables(dataset: Dataset) -> dict[str, pl.DataFrame]:
    """Tables as rules see them: closed schools out, class rows carrying their school's columns."""
    tables: dict[str, pl.DataFrame] = {}
    schools = dataset.tables.get("schools")
    if schools is not None:
        schools = schools.with_columns(pl.col("name").alias("school_name"))
        tables["schools"] = schools.filter(pl.col("status") != "closed")
    classes = dataset.tables.get("classes")
    if classes is not None:
        if schools is not None:
            present = {a: s for a, s in SCHOOL_COLUMNS_OF_CLASSES.items() if s in schools.columns}
            school_side = schools.select(
                "school_id", *(pl.col(s).alias(a) for a, s in present.items())
            )
            classes = classes.join(school_side, on="school_id", how="left")
            classes = classes.filter(pl.col("status").fill_null("open") != "closed")
        tables["classes"] = classes
    if "indicators" in dataset.tables:
        tables["indicators"] = dataset.tables["indicators"]
    return tables


def evaluate(
    rules: list[LoadedRule], tables: dict[str, pl.DataFrame], as_of: dt.date
) -> Evaluation:
    results: list[RuleResult] = []
    tallies: list[pl.DataFrame] = []
    for loaded in rules:
        result, tally = _evaluate_rule(loaded, tables, as_of)
        results.append(result)
        tallies += tally
    combined = (
        pl.concat(tallies, how="vertical_relaxed")
        if tallies
        else pl.DataFrame(
            schema={
                "county": pl.String,
                "school_id": pl.String,
                "passed": pl.Int64,
                "counted": pl.Int64,
            }
        )
    )
    return Evaluation(sorted(results, key=lambda r: r.rule.id), combined)


def _evaluate_rule(
    loaded: LoadedRule, tables: dict[str, pl.DataFrame], as_of: dt.date
) -> tuple[RuleResult, list[pl.DataFrame]]:
    rule = loaded.rule
    checks, used_fallback = rule.checks, False
    if rule.fallback and not any(c.table in tables for c in rule.checks):
        checks, used_fallback = rule.fallback, True
    enforced = rule.due is None or as_of >= rule.due
    weight = SEVERITY_WEIGHT[rule.severity.value]
    missing: list[str] = []
    outcomes: list[CheckResult] = []
    for index, check in enumerate(checks):
        frame = tables.get(check.table)
        if frame is None:
            missing.append(f"table:{check.table}")
            continue
        absent = sorted(columns_used(check) - set(frame.columns))
        if absent:
            missing += [f"column:{check.table}.{name}" for name in absent]
            continue
        run = _row_check if check.scope is Scope.ROW else _group_check
        outcomes.append(run(rule, index, check, frame, enforced, weight))
    if not outcomes:
        return RuleResult(
            rule,
            loaded.pack,
            Status.SKIPPED,
            missing=tuple(dict.fromkeys(missing)),
            used_fallback=used_fallback,
        ), []
    counts = {
        k: sum(o.counts[k] for o in outcomes)
        for k in ("evaluated", "passed", "failed", "pending", "unknown")
    }
    findings = pl.concat([o.findings for o in outcomes], how="diagonal_relaxed")
    result = RuleResult(
        rule,
        loaded.pack,
        _rule_status(counts),
        missing=tuple(dict.fromkeys(missing)),
        used_fallback=used_fallback,
        findings=findings,
        **counts,
    )
    return result, [o.tally for o in outcomes]


def _rule_status(counts: dict[str, int]) -> Status:
    if counts["evaluated"] == 0:
        return Status.NOT_APPLICABLE
    for key, status in (
        ("failed", Status.FAIL),
        ("unknown", Status.UNKNOWN),
        ("pending", Status.PENDING),
    ):
        if counts[key]:
            return status
    return Status.PASS


def _outcome(violation: pl.Expr, enforced: bool) -> pl.Expr:
    failing = Status.FAIL.value if enforced else Status.PENDING.value
    return (
        pl.when(violation)
        .then(pl.lit(failing))
        .when(~violation)
        .then(pl.lit(Status.PASS.value))
        .otherwise(pl.lit(Status.UNKNOWN.value))
    )


def _counts(outcomes: pl.Series) -> dict[str, int]:
    tally = outcomes.value_counts()
    found = dict(zip(tally[outcomes.name].to_list(), tally["count"].to_list(), strict=True))
    return {
        "evaluated": outcomes.len(),
        "passed": found.get(Status.PASS.value, 0),
        "failed": found.get(Status.FAIL.value, 0),
        "pending": found.get(Status.PENDING.value, 0),
        "unknown": found.get(Status.UNKNOWN.value, 0),
    }


def _row_check(
    rule: Rule, index: int, check: Check, frame: pl.DataFrame, enforced: bool, weight: int
) -> CheckResult:
    measure = check.measure
    population = all_of(check.where)
    if measure.ratio is not None:
        numerator = pl.col(measure.ratio.numerator)
        ratio_denominator = pl.col(measure.ratio.denominator)
        denominator: pl.Expr | None = ratio_denominator
        # A zero denominator has no ratio: such a row is outside the rule, not a pass.
        applicable = population.fill_null(True) & ratio_denominator.ne(0).fill_null(True)
        value = numerator / ratio_denominator * (100 if check.fail_if.percent else 1)
        value = value.round(2)
    else:
        assert measure.column is not None
        numerator, denominator = pl.col(measure.column), None
        applicable = population.fill_null(True)
        value = numerator
    violation = population & compare(numerator, denominator, check.fail_if)
    evaluated = frame.filter(applicable).with_columns(_outcome(violation, enforced).alias(OUTCOME))
    outcomes = evaluated.get_column(OUTCOME)
    extra = {"blank": _blank_columns(sorted(columns_used(check)))}
    if denominator is not None:
        extra |= {"numerator": numerator, "denominator": denominator}
    findings = evaluated.filter(pl.col(OUTCOME) != Status.PASS.value).select(
        pl.lit(rule.id).alias("rule"),
        pl.col(OUTCOME).alias("status"),
        pl.lit(rule.severity.value).alias("severity"),
        pl.lit(Scope.ROW.value).alias("scope"),
        pl.lit(check.table).alias("table"),
        pl.col(FILE).alias("file"),
        pl.col(ROW).alias("row"),
        *_optional(evaluated, ("school_id", "school_name", "county", "township")),
        value.alias("value"),
        _literal(display_limit(check.fail_if)).alias("limit"),
        pl.lit(index, pl.Int32).alias("check"),
        *_optional(evaluated, ("grade", "class_name")),
        *(expr.alias(name) for name, expr in extra.items()),
    )
    return CheckResult(_counts(outcomes), findings, _tally(evaluated, weight))


def _group_check(
    rule: Rule, index: int, check: Check, frame: pl.DataFrame, enforced: bool, weight: int
) -> CheckResult:
    keys = ["county"] if check.scope is Scope.COUNTY else ["county", "township"]
    frame = frame.with_columns(
        *(pl.lit(None, pl.String).alias(k) for k in keys if k not in frame.columns)
    )
    population = all_of(check.where)
    members = frame.filter(population.fill_null(True))
    measure = check.measure
    doubt = population.is_null()
    if measure.share is not None:
        of = pl.col(measure.share.of)
        part = all_of(measure.share.part)
        numerator, denominator = of.filter(part.fill_null(False)).sum(), of.sum()
        doubt = doubt | of.is_null() | part.is_null()
    elif measure.ratio is not None:
        num_col, den_col = pl.col(measure.ratio.numerator), pl.col(measure.ratio.denominator)
        numerator, denominator = num_col.sum(), den_col.sum()
        doubt = doubt | num_col.is_null() | den_col.is_null()
    else:
        assert measure.sum is not None
        numerator, denominator = pl.col(measure.sum).sum(), pl.lit(1, pl.Int64)
        doubt = doubt | pl.col(measure.sum).is_null()
    grouped = (
        members.group_by(keys)
        .agg(
            numerator.alias("numerator"),
            denominator.alias("denominator"),
            doubt.sum().alias("_doubtful"),
        )
        .filter(pl.col("denominator") != 0)
        .sort(keys, nulls_last=False)
    )
    is_ratio = measure.sum is None
    violation = pl.when(pl.col("_doubtful") == 0).then(
        compare(pl.col("numerator"), pl.col("denominator") if is_ratio else None, check.fail_if)
    )
    evaluated = grouped.with_columns(_outcome(violation, enforced).alias(OUTCOME))
    scale = 100 if check.fail_if.percent else 1
    value = (
        (pl.col("numerator") / pl.col("denominator") * scale).round(2)
        if is_ratio
        else pl.col("numerator")
    )
    findings = evaluated.filter(pl.col(OUTCOME) != Status.PASS.value).select(
        pl.lit(rule.id).alias("rule"),
        pl.col(OUTCOME).alias("status"),
        pl.lit(rule.severity.value).alias("severity"),
        pl.lit(check.scope.value).alias("scope"),
        pl.lit(check.table).alias("table"),
        pl.lit(None, pl.Int32).alias("file"),
        pl.lit(None, pl.Int64).alias("row"),
        pl.lit(None, pl.String).alias("school_id"),
        pl.lit(None, pl.String).alias("school_name"),
        pl.col("county"),
        (pl.col("township") if "township" in keys else pl.lit(None, pl.String)).alias("township"),
        value.alias("value"),
        _literal(display_limit(check.fail_if)).alias("limit"),
        pl.lit(index, pl.Int32).alias("check"),
        pl.col("numerator"),
        pl.col("denominator"),
        pl.col("_doubtful").alias("blank_rows"),
    )
    tally = evaluated.select(
        pl.col("county"),
        pl.lit(None, pl.String).alias("school_id"),
        *_weighted(weight),
    )
    return CheckResult(_counts(evaluated.get_column(OUTCOME)), findings, tally)


def _blank_columns(names: list[str]) -> pl.Expr:
    """Which of the columns a check reads are blank in a row (to say what to fill in)."""
    return pl.concat_list(
        [pl.when(pl.col(n).is_null()).then(pl.lit(n)) for n in names]
    ).list.drop_nulls()


def _optional(frame: pl.DataFrame, names: tuple[str, ...]) -> list[pl.Expr]:
    return [pl.col(n) if n in frame.columns else pl.lit(None, pl.String).alias(n) for n in names]


def _literal(value: object) -> pl.Expr:
    if isinstance(value, list):
        return pl.concat_list(*(pl.lit(v) for v in value))
    return pl.lit(value)


def _weighted(weight: int) -> list[pl.Expr]:
    outcome = pl.col(OUTCOME)
    passed = (outcome == Status.PASS.value).cast(pl.Int64) * weight
    counted = outcome.is_in([Status.PASS.value, Status.FAIL.value, Status.UNKNOWN.value])
    return [passed.alias("passed"), (counted.cast(pl.Int64) * weight).alias("counted")]


def _tally(evaluated: pl.DataFrame, weight: int) -> pl.DataFrame:
    keys = [
        pl.col(k) if k in evaluated.columns else pl.lit(None, pl.String).alias(k)
        for k in TALLY_KEYS
    ]
    return (
        evaluated.select(*keys, *_weighted(weight))
        .group_by(TALLY_KEYS)
        .agg(pl.col("passed").sum(), pl.col("counted").sum())
    )


__all__ = ["FINDING_FIELDS", "MESSAGE_ONLY_FIELDS", "Evaluation", "evaluate", "prepare_tables"]
