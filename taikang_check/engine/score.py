"""Verdict, score and coverage (contract §4), for the audit and per county, township, school.

Each rule counts once, whatever its number of rows. Only due rules count (no due date, or
due on or before the as-of date); pending and not-applicable rules are out.

- verdict: fail when a due error rule fails, else undecided when a due error rule is
  unknown, else pass;
- score = 100 × passed / (passed + failed + unknown + skipped-but-applicable);
- assessed: the due rules evaluated (pass, fail or unknown); applicable: those plus the due
  rules skipped for missing data that still apply (the data given does not show that nothing
  falls under them), so leaving data out lowers the score and the coverage, never raises them.

Where a rule applies at each level comes from its evaluations (the tally: per rule, county,
township and school); where a skipped rule applies, from its checks' `where` conditions on
the tables that are given (a table that is absent leaves it applicable everywhere).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from taikang_check.engine.evaluate import with_school_columns, with_school_places
from taikang_check.engine.expressions import all_of, columns_used
from taikang_check.engine.outcomes import TALLY_KEYS
from taikang_check.engine.results import RuleResult, Status
from taikang_check.rulebook.model import Condition, Rule, Scope, walk_predicates

PASS, FAIL, UNKNOWN, SKIPPED = "pass", "fail", "unknown", "skipped"
# The worst state of a rule at a place decides: fail > unknown > skipped > pass.
STATE_RANK = {FAIL: 0, UNKNOWN: 1, SKIPPED: 2, PASS: 3}
EVALUATED = (Status.PASS, Status.FAIL, Status.UNKNOWN)
FIGURE_SCHEMA = {
    "verdict": pl.String,
    "score": pl.Float64,
    "assessed": pl.Int64,
    "applicable": pl.Int64,
    "passed": pl.Int64,
    "failed": pl.Int64,
    "unknown": pl.Int64,
    "skipped": pl.Int64,
}
KEYS_SCHEMA = {"county": pl.String, "township": pl.String, "school_id": pl.String}


def _strings(frame: pl.DataFrame, names: tuple[str, ...] | list[str]) -> pl.DataFrame:
    return frame.with_columns(pl.col(name).cast(pl.String) for name in names)


@dataclass(frozen=True)
class Figures:
    verdict: str  # pass | fail | undecided
    score: float | None  # 0-100, two decimals; None when no due rule applies
    assessed: int
    applicable: int


@dataclass(frozen=True)
class Scores:
    overall: Figures
    counties: pl.DataFrame  # county, verdict, score, assessed, applicable, passed, failed, …
    townships: pl.DataFrame  # county, township, and the same figures
    schools: pl.DataFrame  # school_id, school_name, township, county, status, the figures


def is_due(rule: Rule, as_of: dt.date) -> bool:
    return rule.due is None or as_of >= rule.due


def verdict_of(error_states: list[str]) -> str:
    if FAIL in error_states:
        return "fail"
    if UNKNOWN in error_states:
        return "undecided"
    return "pass"


def score_of(passed: int, applicable: int) -> float | None:
    return round(100 * passed / applicable, 2) if applicable else None


def _unclaimed(rule: Rule, tables: dict[str, pl.DataFrame]) -> bool:
    """The rule's population is made of claims (`blank: false`, e.g. 确需保留 says yes) whose
    column was not given: nothing falls under it because the evidence is missing, so it is
    not shown to be met (dropping the column must not raise the score)."""
    for check in rule.checks:
        table = tables.get(check.table)
        for condition in getattr(check, "where", ()):
            for predicate, _ in walk_predicates(condition):
                if predicate.blank is False and (
                    table is None or predicate.column not in table.columns
                ):
                    return True
    return False


def overall_figures(
    results: list[RuleResult] | tuple[RuleResult, ...],
    as_of: dt.date,
    applies: dict[str, bool],
    tables: dict[str, pl.DataFrame] | None = None,
) -> Figures:
    """The audit's figures from its rule results; `applies` says of each skipped rule whether
    it still applies (see skipped_places)."""
    states: list[tuple[str, str]] = []  # (severity, state)
    for result in results:
        if not is_due(result.rule, as_of):
            continue
        if result.status is Status.NOT_APPLICABLE and _unclaimed(result.rule, tables or {}):
            states.append((result.severity.value, SKIPPED))
        elif result.status in EVALUATED:
            states.append((result.severity.value, result.status.value))
        elif result.status is Status.SKIPPED and applies.get(result.rule.id, True):
            states.append((result.severity.value, SKIPPED))
    passed = sum(1 for _, state in states if state == PASS)
    applicable = len(states)
    assessed = sum(1 for _, state in states if state != SKIPPED)
    verdict = verdict_of([state for severity, state in states if severity == "error"])
    return Figures(verdict, score_of(passed, applicable), assessed, applicable)


def skipped_places(result: RuleResult, tables: dict[str, pl.DataFrame]) -> pl.DataFrame | None:
    """The places (county, township, school_id) that a skipped rule would have been evaluated
    at, from its `where` conditions on the tables given; None when it cannot be told (a table
    it needs is absent), i.e. it applies everywhere at its scope."""
    rule = result.rule
    checks = rule.fallback if result.used_fallback else rule.checks
    frames: list[pl.DataFrame] = []
    for check in checks:
        frame = tables.get(check.table)
        if frame is None:
            return None
        scope = getattr(check, "scope", Scope.ROW)
        where = getattr(check, "where", ())
        if check.table == "classes":
            frame = with_school_columns(frame, tables.get("schools"), columns_used(check))
        where_columns = set().union(*(_columns(c) for c in where)) if where else set()
        if where and where_columns <= set(frame.columns):
            frame = frame.filter(all_of(where).fill_null(True))
        frames.append(_places(frame, scope, tables.get("schools")))
    return pl.concat(frames, how="vertical_relaxed").unique() if frames else None


def _columns(condition: Condition) -> set[str]:
    return {predicate.column for predicate, _ in walk_predicates(condition)}


def _places(frame: pl.DataFrame, scope: Scope, schools: pl.DataFrame | None) -> pl.DataFrame:
    kept = {
        Scope.ROW: TALLY_KEYS,
        Scope.TOWNSHIP: ("county", "township"),
        Scope.COUNTY: ("county",),
    }[scope]
    if scope is Scope.ROW and "school_id" in frame.columns:
        frame = with_school_places(
            frame.select("school_id", *[c for c in ("county", "township") if c in frame.columns]),
            schools,
        )
    places = frame.select(
        pl.col(k) if k in kept and k in frame.columns else pl.lit(None, pl.String).alias(k)
        for k in TALLY_KEYS
    )
    return _strings(places, TALLY_KEYS)


def _universe(tally: pl.DataFrame, schools: pl.DataFrame | None) -> pl.DataFrame:
    """Every place that reports may show: the schools given and every place evaluated."""
    frames = [_strings(tally.select(TALLY_KEYS), TALLY_KEYS)]
    if schools is not None:
        frames.append(_places(schools, Scope.ROW, None))
    return pl.concat(frames).unique()


def _everywhere(universe: pl.DataFrame, rule: Rule, as_used: RuleResult) -> pl.DataFrame:
    """The places of a rule that applies wherever its checks' scopes reach."""
    checks = rule.fallback if as_used.used_fallback else rule.checks
    scopes = {getattr(c, "scope", Scope.ROW) for c in checks}
    frames = []
    if Scope.ROW in scopes:
        frames.append(universe.filter(pl.col("school_id").is_not_null()))
    if Scope.TOWNSHIP in scopes:
        frames.append(
            universe.select(
                "county", "township", pl.lit(None, pl.String).alias("school_id")
            ).filter(pl.col("township").is_not_null())
        )
    frames.append(
        universe.select(
            "county",
            pl.lit(None, pl.String).alias("township"),
            pl.lit(None, pl.String).alias("school_id"),
        )
    )
    return pl.concat(frames).unique()


def rule_states(
    results: list[RuleResult] | tuple[RuleResult, ...],
    tally: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    as_of: dt.date,
) -> tuple[pl.DataFrame, dict[str, bool]]:
    """One row per due rule and place it reached: county, township, school_id, rule,
    severity, state (pass, fail, unknown, or skipped); and whether each skipped rule applies."""
    # Due rules evaluated or skipped; a due rule pending as a whole (each row has its own
    # deadline) is out, as in the audit's figures.
    due = {
        r.rule.id: r
        for r in results
        if is_due(r.rule, as_of) and (r.status in EVALUATED or r.status is Status.SKIPPED)
    }
    severity = {rule_id: r.severity.value for rule_id, r in due.items()}
    evaluated = (
        tally.filter(pl.col("rule").is_in(list(due)) & (pl.col("counted") > 0))
        .select(*TALLY_KEYS, "rule")
        .pipe(_strings, [*TALLY_KEYS, "rule"])
    )
    flagged = [
        r.findings.filter(pl.col("status").is_in([FAIL, UNKNOWN])).select(
            *[
                pl.col(k) if k in r.findings.columns else pl.lit(None, pl.String).alias(k)
                for k in TALLY_KEYS
            ],
            pl.lit(rule_id, pl.String).alias("rule"),
            pl.col("status").cast(pl.String),
        )
        for rule_id, r in due.items()
        if r.status in EVALUATED and r.findings.height
    ]
    findings = pl.concat(
        [pl.DataFrame(schema={**KEYS_SCHEMA, "rule": pl.String, "status": pl.String}), *flagged],
        how="vertical_relaxed",
    ).pipe(_strings, [*TALLY_KEYS, "rule", "status"])
    # A place's finding decides over its passes: fail, then unknown; else it passed there.
    worst = findings.group_by(*TALLY_KEYS, "rule").agg(
        pl.col("status").replace_strict(STATE_RANK, return_dtype=pl.Int64).min().alias("rank")
    )
    states = (
        evaluated.join(worst, on=[*TALLY_KEYS, "rule"], how="full", coalesce=True, nulls_equal=True)
        .with_columns(pl.coalesce("rank", pl.lit(STATE_RANK[PASS])).alias("rank"))
        .select(*TALLY_KEYS, "rule", "rank")
    )
    applies: dict[str, bool] = {}
    universe = _universe(tally, tables.get("schools"))
    skipped = []
    for rule_id, result in due.items():
        if result.status is not Status.SKIPPED:
            continue
        places = skipped_places(result, tables)
        if places is None:
            places = _everywhere(universe, result.rule, result)
            applies[rule_id] = True
        else:
            applies[rule_id] = places.height > 0
        skipped.append(
            places.with_columns(
                pl.lit(rule_id, pl.String).alias("rule"),
                pl.lit(STATE_RANK[SKIPPED], pl.Int64).alias("rank"),
            )
        )
    states = pl.concat([states, *skipped], how="vertical_relaxed")
    names = {rank: state for state, rank in STATE_RANK.items()}
    states = states.with_columns(
        pl.col("rule").replace_strict(severity, return_dtype=pl.String).alias("severity"),
        pl.col("rank").replace_strict(names, return_dtype=pl.String).alias("state"),
    )
    return states, applies


def figures_by(states: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Verdict, score, assessed and applicable per place at the level of `keys`."""
    if states.height == 0:
        return pl.DataFrame(schema={**dict.fromkeys(keys, pl.String), **FIGURE_SCHEMA})
    per_rule = states.group_by(*keys, "rule").agg(pl.col("rank").min(), pl.col("severity").first())
    error = pl.col("severity") == "error"
    return (
        per_rule.group_by(keys)
        .agg(
            (pl.col("rank") == STATE_RANK[PASS]).sum().cast(pl.Int64).alias("passed"),
            (pl.col("rank") == STATE_RANK[FAIL]).sum().cast(pl.Int64).alias("failed"),
            (pl.col("rank") == STATE_RANK[UNKNOWN]).sum().cast(pl.Int64).alias("unknown"),
            (pl.col("rank") == STATE_RANK[SKIPPED]).sum().cast(pl.Int64).alias("skipped"),
            pl.len().cast(pl.Int64).alias("applicable"),
            (error & (pl.col("rank") == STATE_RANK[FAIL])).any().alias("_fail"),
            (error & (pl.col("rank") == STATE_RANK[UNKNOWN])).any().alias("_unknown"),
        )
        .with_columns(
            (pl.col("applicable") - pl.col("skipped")).alias("assessed"),
            pl.when(pl.col("applicable") > 0)
            .then((pl.col("passed") * 100 / pl.col("applicable")).round(2))
            .alias("score"),
            pl.when(pl.col("_fail"))
            .then(pl.lit("fail"))
            .when(pl.col("_unknown"))
            .then(pl.lit("undecided"))
            .otherwise(pl.lit("pass"))
            .alias("verdict"),
        )
        .select(*keys, *FIGURE_SCHEMA)
    )


def scores(
    results: list[RuleResult] | tuple[RuleResult, ...],
    tally: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    schools: pl.DataFrame | None,
    as_of: dt.date,
) -> Scores:
    states, applies = rule_states(results, tally, tables, as_of)
    overall = overall_figures(results, as_of, applies, tables)
    counties = figures_by(states, ["county"]).sort(["score", "county"], nulls_last=True)
    townships = figures_by(
        states.filter(pl.col("township").is_not_null()), ["county", "township"]
    ).sort(["score", "county", "township"], nulls_last=True)
    per_school = figures_by(states.filter(pl.col("school_id").is_not_null()), ["school_id"])
    return Scores(overall, counties, townships, school_scores(per_school, schools))


def school_scores(per_school: pl.DataFrame, schools: pl.DataFrame | None) -> pl.DataFrame:
    """Per school with its name, township, county and status (planned and building schools
    are listed apart by the reports, never ranked with the open ones); lowest first."""
    if schools is not None:
        names = schools.select(
            "school_id",
            pl.col("name").alias("school_name"),
            "township",
            *([pl.col("county")] if "county" in schools.columns else []),
            *([pl.col("status").cast(pl.String)] if "status" in schools.columns else []),
        ).unique("school_id", keep="first", maintain_order=True)
        per_school = per_school.join(names, on="school_id", how="left")
    for name in ("school_name", "township", "county", "status"):
        if name not in per_school.columns:
            per_school = per_school.with_columns(pl.lit(None, pl.String).alias(name))
    return per_school.sort(["score", "school_id"], nulls_last=True)
