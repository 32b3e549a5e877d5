"""Evaluate rules on the typed tables, column-wise, at an as-of date: every check planned,
run together, and the tally of where each rule was evaluated, for the scores."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from taikang_check.engine.outcomes import (
    TALLY_KEYS,
    TALLY_SCHEMA,
)
from taikang_check.engine.place_codes import CODE, CODED_KEYS, PlaceCodes
from taikang_check.engine.results import RuleResult
from taikang_check.engine.rule_plans import Plans, finish_rule, plan_rule, with_findings
from taikang_check.engine.tally import Tally
from taikang_check.rulebook.loader import LoadedRule


@dataclass(frozen=True)
class Evaluation:
    results: list[RuleResult]
    # Where each rule was evaluated, at coded places, for the scores (engine/tally.py).
    coded_tally: Tally
    # What checks computed for the national summary, by rule id and index in `rule.checks`
    # (CheckResult.computed); a rule skipped or judged by its fallback gives none.
    computed: dict[tuple[str, int], pl.DataFrame] = field(default_factory=dict)

    @property
    def tally(self) -> pl.DataFrame:
        """The tally as text: county, township, school_id, rule, counted (> 0 where the rule
        was evaluated there: pass, fail or unknown)."""
        return self.coded_tally.named()


def evaluate(
    rules: list[LoadedRule], tables: dict[str, pl.DataFrame], as_of: dt.date
) -> Evaluation:
    results: list[RuleResult] = []
    tallies: list[pl.DataFrame] = [pl.DataFrame(schema={**TALLY_SCHEMA, "rule": pl.String})]
    weights: dict[str, dict[str, tuple[pl.Series, pl.Series]]] = {}
    computed: dict[tuple[str, int], pl.DataFrame] = {}
    by_id = {loaded.rule.id: loaded.rule for loaded in rules}
    plans = Plans(tables, as_of, by_id)
    drafts = [plan_rule(loaded, tables, as_of, plans) for loaded in rules]
    ran = plans.run()
    evaluated = [finish_rule(draft, ran, by_id) for draft in drafts]
    for loaded, (result, outcomes) in zip(rules, with_findings(evaluated, tables), strict=True):
        results.append(result)
        rule_id = loaded.rule.id
        for index, item in outcomes:
            if item.computed is not None and not result.used_fallback:
                computed[(rule_id, index)] = item.computed
            if item.tally.height:  # a row check's tally is in its weights
                rule_column = pl.Series("rule", [rule_id] * item.tally.height, pl.String)
                tallies.append(item.tally.hstack([rule_column]))
            if item.row_weights is not None:
                table, passed, counted = item.row_weights
                of_table = weights.setdefault(table, {})
                if rule_id in of_table:
                    passed = of_table[rule_id][0] + passed
                    counted = of_table[rule_id][1] + counted
                of_table[rule_id] = (passed, counted)
    # Coded once from the schools table (engine/place_codes.py), in no particular order:
    # the scores group it and sort what they show.
    rule_type = pl.Enum(list(by_id))
    codes = PlaceCodes.of(tables.get("schools"))
    rows = []
    for table, of_table in sorted(weights.items()):
        codes, part = _row_tally(table, tables[table], of_table, codes, rule_type)
        rows.append(part)
    codes, checks = codes.encoded(pl.concat(tallies, how="vertical_relaxed"))
    combined = pl.concat(
        [checks.select(*CODED_KEYS, pl.col("rule").cast(rule_type), "counted"), *rows]
    )
    return Evaluation(sorted(results, key=lambda r: r.rule.id), Tally(combined, codes), computed)


def _row_tally(
    table: str,
    frame: pl.DataFrame,
    weights: dict[str, tuple[pl.Series, pl.Series]],
    codes: PlaceCodes,
    rule_type: pl.Enum,
) -> tuple[PlaceCodes, pl.DataFrame]:
    """The row checks of a table summed per school (or place) and rule, in one grouping;
    coded, only where the rule was evaluated."""
    order = sorted(weights)
    # Summed as given (a school's sum cannot overflow the weights' type), widened after.
    counted = [weights[rule_id][1].alias(f"c{i}") for i, rule_id in enumerate(order)]
    if table == "schools" and frame.height == codes.listed:
        # The codes' own schools, in their order: a row is its school, nothing to group.
        school = pl.col("school")
        wide = (
            pl.DataFrame(counted)
            .with_columns(pl.int_range(frame.height, dtype=CODE).alias("school"))
            .with_columns(
                codes.school_county(school).alias("county"),
                codes.school_township(school).alias("township"),
            )
        )
    else:
        # Grouped by the keys the table has (classes only know their school): a key that is
        # always null would only make the grouping of millions of rows slower.
        present = [k for k in TALLY_KEYS if k in frame.columns]
        sums = pl.DataFrame([*frame.select(present).get_columns(), *counted]).lazy()
        grouped = (
            sums.group_by(present).agg(pl.exclude(present).sum())
            if present
            else sums.select(pl.all().sum())  # no key at all: one place, all null
        )
        codes, wide = codes.encoded(grouped.collect())
    return codes, pl.concat(
        [
            wide.filter(pl.col(f"c{i}") > 0).select(
                *CODED_KEYS,
                pl.lit(rule_id, rule_type).alias("rule"),
                pl.col(f"c{i}").cast(pl.Int64).alias("counted"),
            )
            for i, rule_id in enumerate(order)
        ]
    )
