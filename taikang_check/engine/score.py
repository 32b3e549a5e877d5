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

from taikang_check.engine.results import RuleResult, Status
from taikang_check.engine.rule_states import (
    EVALUATED,
    FAIL,
    PASS,
    SKIPPED,
    UNKNOWN,
    all_figures,
    is_due,
    rule_states,
)
from taikang_check.engine.tally import Tally
from taikang_check.rulebook.model import Rule, walk_predicates


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


def scores(
    results: list[RuleResult] | tuple[RuleResult, ...],
    tally: Tally,
    tables: dict[str, pl.DataFrame],
    schools: pl.DataFrame | None,
    as_of: dt.date,
) -> Scores:
    states = rule_states(results, tally, tables, as_of)
    overall = overall_figures(results, as_of, states.applies, tables)
    counties, townships, per_school = all_figures(states)
    return Scores(
        overall,
        _lowest_first(counties, ["county"]),
        _lowest_first(townships, ["county", "township"]),
        school_scores(per_school, schools, tables.get("schools")),
    )


def _lowest_first(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """By score, lowest first and none last, then by the keys (which are unique): sorted by
    the keys, then stably by score, which is cheaper than one sort on text and a number."""
    return frame.sort(keys, nulls_last=True).sort("score", nulls_last=True, maintain_order=True)


def school_scores(
    per_school: pl.DataFrame, schools: pl.DataFrame | None, listed: pl.DataFrame | None
) -> pl.DataFrame:
    """Per school with its name, township, county and status (planned and building schools
    are listed apart by the reports, never ranked with the open ones); lowest first.

    `per_school` holds each school's code (`school`); a code below the height of `listed`,
    the schools table the codes were made from, is that table's row, so its names are taken
    from there by position; any other school is looked up in `schools` by its id."""
    if schools is not None:
        codes = pl.col("school")
        known = per_school.filter(codes < (listed.height if listed is not None else 0))
        if listed is not None and known.height:
            names = _names(listed)
            known = known.with_columns(
                pl.lit(names.get_column(n)).gather(codes) for n in names.columns
            )
        others = per_school.filter(codes >= (listed.height if listed is not None else 0))
        side = _names(schools, "school_id").unique("school_id", keep="first", maintain_order=True)
        per_school = pl.concat(
            [known, others.join(side, on="school_id", how="left")] if others.height else [known]
        )
    per_school = per_school.drop("school")
    for name in ("school_name", "township", "county", "status"):
        if name not in per_school.columns:
            per_school = per_school.with_columns(pl.lit(None, pl.String).alias(name))
    return _lowest_first(per_school, ["school_id"])


def _names(schools: pl.DataFrame, *keys: str) -> pl.DataFrame:
    return schools.select(
        *keys,
        pl.col("name").alias("school_name"),
        "township",
        *([pl.col("county")] if "county" in schools.columns else []),
        *([pl.col("status").cast(pl.String)] if "status" in schools.columns else []),
    )
