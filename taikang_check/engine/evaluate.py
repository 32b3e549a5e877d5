"""Evaluate rules on the typed tables, column-wise, at an as-of date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from taikang_check.engine.absent import nothing_applies, with_blanks, with_claims
from taikang_check.engine.derived import with_derived_columns
from taikang_check.engine.expressions import columns_used
from taikang_check.engine.kinds import EVALUATORS
from taikang_check.engine.outcomes import (
    COUNT_KEYS,
    TALLY_KEYS,
    TALLY_SCHEMA,
    CheckResult,
    as_json_values,
)
from taikang_check.engine.remedy import with_remedy
from taikang_check.engine.results import RuleResult, Status
from taikang_check.engine.stages import stage_table, with_compulsory_students
from taikang_check.read.dataset import Dataset
from taikang_check.rulebook.contract_check import SCHOOL_COLUMNS_OF_CLASSES
from taikang_check.rulebook.loader import LoadedRule
from taikang_check.rulebook.model import (
    AnyCheck,
    Rule,
)


@dataclass(frozen=True)
class Evaluation:
    results: list[RuleResult]
    # Outcomes per rule and county, township and school, for the scores: `passed` > 0 where
    # the rule passed there, `counted` > 0 where it was evaluated (pass, fail or unknown).
    tally: pl.DataFrame


def prepare_tables(dataset: Dataset, teaching_points: bool = True) -> dict[str, pl.DataFrame]:
    """Tables as rules see them: closed schools out, class rows carrying their school's columns,
    and the stages of schools for the national standard (teaching points in or out)."""
    tables: dict[str, pl.DataFrame] = {}
    schools = dataset.tables.get("schools")
    if schools is not None:
        schools = schools.with_columns(pl.col("name").alias("school_name"))
        schools = with_compulsory_students(schools)
        tables["schools"] = schools.filter(pl.col("status") != "closed")
        stages = stage_table(tables["schools"], teaching_points)
        if stages is not None:
            tables["stages"] = stages
    classes = dataset.tables.get("classes")
    if classes is not None:
        if schools is not None:
            # Classes of closed schools are out; the schools' columns are joined only when a
            # check reads them (see with_school_columns), not onto millions of rows up front.
            closed = schools.filter(pl.col("status") == "closed").get_column("school_id")
            classes = classes.filter(~pl.col("school_id").is_in(closed.implode()))
        tables["classes"] = classes
    if "indicators" in dataset.tables:
        tables["indicators"] = _with_the_county(dataset.tables["indicators"], schools)
    return tables


def with_school_columns(
    classes: pl.DataFrame, schools: pl.DataFrame | None, needed: set[str]
) -> pl.DataFrame:
    """Class rows with the columns of their school that a check reads (school_kind …)."""
    wanted = {
        a: c
        for a, c in SCHOOL_COLUMNS_OF_CLASSES.items()
        if a in needed and a not in classes.columns
    }
    if schools is None or not wanted:
        return classes
    present = {a: c for a, c in wanted.items() if c in schools.columns}
    side = schools.select("school_id", *(pl.col(c).alias(a) for a, c in present.items()))
    return classes.join(side, on="school_id", how="left", maintain_order="left")


def with_school_places(frame: pl.DataFrame, schools: pl.DataFrame | None) -> pl.DataFrame:
    """Fill school name, township and county of rows that only know their school_id
    (class findings, class tallies); a small frame, joined after the work is done."""
    if schools is None or frame.height == 0 or "school_id" not in frame.columns:
        return frame
    if "table" in frame.columns and not (frame.get_column("table") == "classes").any():
        return frame  # findings of school rows carry their places already
    places = [c for c in ("school_name", "township", "county") if c in schools.columns]
    side = schools.select("school_id", *(pl.col(c).alias(f"_{c}") for c in places))
    joined = frame.join(side, on="school_id", how="left", maintain_order="left")
    return joined.with_columns(
        pl.coalesce(pl.col(c), pl.col(f"_{c}")).alias(c)
        if c in frame.columns
        else pl.col(f"_{c}").alias(c)
        for c in places
    ).drop([f"_{c}" for c in places])


def _with_the_county(indicators: pl.DataFrame, schools: pl.DataFrame | None) -> pl.DataFrame:
    """County figures without a county name belong to the one county the schools are in."""
    if schools is None or "county" not in schools.columns:
        return indicators
    counties = schools.get_column("county").drop_nulls().unique().to_list()
    if len(counties) != 1:
        return indicators
    if "county" not in indicators.columns:
        return indicators.with_columns(pl.lit(counties[0]).alias("county"))
    return indicators.with_columns(pl.col("county").fill_null(counties[0]))


def evaluate(
    rules: list[LoadedRule], tables: dict[str, pl.DataFrame], as_of: dt.date
) -> Evaluation:
    results: list[RuleResult] = []
    tallies: list[pl.DataFrame] = [pl.DataFrame(schema={**TALLY_SCHEMA, "rule": pl.String})]
    weights: dict[str, dict[str, tuple[pl.Series, pl.Series]]] = {}
    by_id = {loaded.rule.id: loaded.rule for loaded in rules}
    for loaded in rules:
        result, outcomes = _evaluate_rule(loaded, tables, as_of, by_id)
        results.append(result)
        rule_id = loaded.rule.id
        for item in outcomes:
            tallies.append(item.tally.with_columns(pl.lit(rule_id, pl.String).alias("rule")))
            if item.row_weights is not None:
                table, passed, counted = item.row_weights
                of_table = weights.setdefault(table, {})
                if rule_id in of_table:
                    passed = of_table[rule_id][0] + passed
                    counted = of_table[rule_id][1] + counted
                of_table[rule_id] = (passed, counted)
    tallies += [_row_tally(tables[t], w) for t, w in sorted(weights.items())]
    keys = [*TALLY_KEYS, "rule"]
    combined = (
        with_school_places(pl.concat(tallies, how="vertical_relaxed"), tables.get("schools"))
        .group_by(keys)
        .agg(pl.col("passed").sum(), pl.col("counted").sum())
        .sort(keys, nulls_last=True)
    )
    return Evaluation(sorted(results, key=lambda r: r.rule.id), combined)


def _row_tally(
    frame: pl.DataFrame, weights: dict[str, tuple[pl.Series, pl.Series]]
) -> pl.DataFrame:
    """The row checks of a table summed per school and rule, in one grouping."""
    # Grouped by the keys the table has (classes only know their school): a key that is
    # always null would only make the grouping of millions of rows slower.
    present = [k for k in TALLY_KEYS if k in frame.columns]
    absent = [pl.lit(None, pl.String).alias(k) for k in TALLY_KEYS if k not in present]
    if not present:  # no key at all: one group of nulls
        frame, present, absent = frame.select(absent), list(TALLY_KEYS), []
    order = sorted(weights)
    columns = [
        series.cast(pl.Int64).alias(f"{kind}{index}")
        for index, rule_id in enumerate(order)
        for kind, series in zip(("p", "c"), weights[rule_id], strict=True)
    ]
    grouped = (
        frame.select(present)
        .with_columns(columns)
        .group_by(present)
        .agg(pl.exclude(present).sum())
        .with_columns(absent)
    )
    return pl.concat(
        [
            grouped.select(
                *TALLY_KEYS,
                pl.col(f"p{index}").alias("passed"),
                pl.col(f"c{index}").alias("counted"),
                pl.lit(rule_id, pl.String).alias("rule"),
            ).filter(pl.col("counted") > 0)
            for index, rule_id in enumerate(order)
        ]
    )


def _run(
    rule: Rule,
    index: int,
    check: AnyCheck,
    frame: pl.DataFrame,
    as_of: dt.date,
    rules: dict[str, Rule],
) -> CheckResult:
    return EVALUATORS[check.kind](rule, index, check, frame, as_of, rules)


def _evaluate_rule(
    loaded: LoadedRule, tables: dict[str, pl.DataFrame], as_of: dt.date, rules: dict[str, Rule]
) -> tuple[RuleResult, list[CheckResult]]:
    rule = loaded.rule
    checks, used_fallback = rule.checks, False
    if rule.fallback and not any(c.table in tables for c in rule.checks):
        checks, used_fallback = rule.fallback, True
    missing: list[str] = []
    outcomes: list[CheckResult] = []
    vacuous = 0  # checks run only to say that nothing falls under them
    for index, check in enumerate(checks):
        frame = tables.get(check.table)
        if frame is None:
            missing.append(f"table:{check.table}")
            continue
        if check.table == "classes":
            frame = with_school_columns(frame, tables.get("schools"), columns_used(check))
            frame = with_derived_columns(frame, columns_used(check), as_of)
        frame = with_claims(frame, check)
        absent = sorted(columns_used(check) - set(frame.columns))
        if absent and nothing_applies(check, frame, absent):
            frame = with_blanks(frame, check.table, absent)
            vacuous += 1
        elif absent:
            missing += [f"column:{check.table}.{name}" for name in absent]
            continue
        outcomes.append(
            with_remedy(rule, check, _run(rule, index, check, frame, as_of, rules), frame)
        )
    missing = list(dict.fromkeys(missing))
    if not outcomes or (missing and len(outcomes) == vacuous):
        skipped = RuleResult(
            rule, loaded.pack, Status.SKIPPED, missing=tuple(missing), used_fallback=used_fallback
        )
        return skipped, []
    counts = {k: sum(o.counts[k] for o in outcomes) for k in COUNT_KEYS}
    result = RuleResult(
        rule,
        loaded.pack,
        rule_status(counts),
        missing=tuple(missing),
        used_fallback=used_fallback,
        findings=with_school_places(
            pl.concat([as_json_values(o.findings) for o in outcomes], how="diagonal_relaxed"),
            tables.get("schools"),
        ),
        **counts,
    )
    return result, outcomes


def rule_status(counts: dict[str, int]) -> Status:
    """The worst outcome of a rule's evaluations: fail > unknown > pending > pass."""
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
