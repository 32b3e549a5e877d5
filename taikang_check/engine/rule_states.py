"""The state of each due rule at each place it reached (pass, fail, unknown or skipped), and
the figures of every county, township and school from those states.

All rules are in one frame of integer codes (engine/place_codes.py; a rule's code is its
position among the due rules), and each level's figures come from one grouping on one packed
integer key (place × rule), so the cost does not grow with rules × places of string keys.
Rules skipped everywhere their scopes reach (a table they need is absent) all have the same
places: they share one code per set of scopes that stands for all of them (its weight), so
that a national audit does not list 240k schools once for every such rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from taikang_check.engine.outcomes import TALLY_KEYS
from taikang_check.engine.place_codes import CODE, PlaceCodes
from taikang_check.engine.results import RuleResult, Status
from taikang_check.engine.skipped_places import places, skipped_groups
from taikang_check.rulebook.model import Rule, Scope

PASS, FAIL, UNKNOWN, SKIPPED = "pass", "fail", "unknown", "skipped"
# The worst state of a rule at a place decides: fail > unknown > skipped > pass.
STATE_RANK = {FAIL: 0, UNKNOWN: 1, SKIPPED: 2, PASS: 3}
EVALUATED = (Status.PASS, Status.FAIL, Status.UNKNOWN)
RANK = pl.UInt8
RULE = pl.UInt32
FIGURE_SCHEMA: dict[str, pl.DataType] = {
    "verdict": pl.String(),
    "score": pl.Float64(),
    "assessed": pl.Int64(),
    "applicable": pl.Int64(),
    "passed": pl.Int64(),
    "failed": pl.Int64(),
    "unknown": pl.Int64(),
    "skipped": pl.Int64(),
}


@dataclass(frozen=True)
class RuleStates:
    """One row per rule code and place it reached: county, township, school_id (codes, null
    where the place has none), rule (code), rank (STATE_RANK; a place's worst row decides)."""

    frame: pl.DataFrame
    codes: PlaceCodes
    weight: pl.Series  # per rule code: how many rules it stands for
    error: pl.Series  # per rule code: an error rule (decides the verdict)
    applies: dict[str, bool]  # of each skipped rule: whether it applies anywhere


def is_due(rule: Rule, as_of: dt.date) -> bool:
    return rule.due is None or as_of >= rule.due


def rule_states(
    results: list[RuleResult] | tuple[RuleResult, ...],
    tally: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    as_of: dt.date,
) -> RuleStates:
    """The states of the due rules evaluated or skipped; a due rule pending as a whole (each
    row has its own deadline) is out, as in the audit's figures."""
    due = {
        r.rule.id: r
        for r in results
        if is_due(r.rule, as_of) and (r.status in EVALUATED or r.status is Status.SKIPPED)
    }
    code = {rule_id: index for index, rule_id in enumerate(due)}
    flagged = [
        _flagged(r, code[rule_id])
        for rule_id, r in due.items()
        if r.status in EVALUATED and r.findings.height
    ]
    groups = skipped_groups([r for r in due.values() if r.status is Status.SKIPPED], tables)
    applies = {
        rule_id: group.places is None or group.places.height > 0
        for group in groups
        for rule_id in group.rules
    }
    # A group of skipped rules is one code after the due rules', standing for all of them.
    reached = [
        group.places.with_columns(*_of_rule(len(due) + index, SKIPPED))
        for index, group in enumerate(groups)
        if group.places is not None
    ]
    schools = tables.get("schools")
    listed = [places(schools, Scope.ROW, None)] if schools is not None else []
    judged = tally.filter(pl.col("rule").is_in(list(due)) & (pl.col("counted") > 0)).select(
        *TALLY_KEYS,
        pl.col("rule").cast(pl.String).cast(pl.Enum(list(due))).to_physical().cast(RULE),
        pl.lit(STATE_RANK[PASS], RANK).alias("rank"),
    )
    named = pl.concat(
        [judged, *flagged, *reached],
        how="vertical_relaxed",
    )
    places_given = pl.concat([tally.select(TALLY_KEYS), *listed], how="vertical_relaxed")
    codes = PlaceCodes.of([places_given, named])
    # Every place that reports may show: the schools given and every place evaluated.
    universe = places_given.select(codes.encoded()).unique()
    parts = [
        named.select(*codes.encoded(), "rule", "rank"),
        *(
            _everywhere(universe, group.scopes).with_columns(*_of_rule(len(due) + index, SKIPPED))
            for index, group in enumerate(groups)
            if group.places is None
        ),
    ]
    severity = [r.severity.value for r in due.values()]
    return RuleStates(
        pl.concat(parts, how="vertical"),
        codes,
        pl.Series([1] * len(due) + [len(group.rules) for group in groups], dtype=pl.Int64),
        pl.Series([s == "error" for s in severity] + [False] * len(groups), dtype=pl.Boolean),
        applies,
    )


def _of_rule(index: int, state: str) -> tuple[pl.Expr, pl.Expr]:
    return pl.lit(index, RULE).alias("rule"), pl.lit(STATE_RANK[state], RANK).alias("rank")


def _flagged(result: RuleResult, index: int) -> pl.DataFrame:
    """The places where the rule failed or is unknown, with that state's rank (strings)."""
    findings = result.findings
    status = pl.col("status").cast(pl.String)
    return findings.filter(status.is_in([FAIL, UNKNOWN])).select(
        *[
            pl.col(k).cast(pl.String) if k in findings.columns else pl.lit(None, pl.String).alias(k)
            for k in TALLY_KEYS
        ],
        pl.lit(index, RULE).alias("rule"),
        status.replace_strict(STATE_RANK, return_dtype=RANK).alias("rank"),
    )


def _everywhere(universe: pl.DataFrame, scopes: tuple[Scope, ...]) -> pl.DataFrame:
    """The places (codes) of a rule that applies wherever its checks' scopes reach."""
    none = pl.lit(None, CODE)
    frames = []
    if Scope.ROW in scopes:
        frames.append(universe.filter(pl.col("school_id").is_not_null()))
    if Scope.TOWNSHIP in scopes:
        frames.append(
            universe.filter(pl.col("township").is_not_null()).select(
                "county", "township", none.alias("school_id")
            )
        )
    frames.append(universe.select("county", none.alias("township"), none.alias("school_id")))
    return pl.concat(frames).unique()


def all_figures(states: RuleStates) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The figures of every county, township and school (unsorted), collected together."""
    codes = states.codes
    county = pl.col("county").fill_null(codes.missing("county"))
    townships = codes.size("township")
    frame = states.frame.lazy()
    counties, by_township, schools = pl.collect_all(
        [
            _figures(states, frame, county, [codes.decoded("county", pl.col("place"))]),
            _figures(
                states,
                frame.filter(pl.col("township").is_not_null()),
                county * townships + pl.col("township"),
                [
                    codes.decoded("county", pl.col("place") // townships),
                    codes.decoded("township", pl.col("place") % townships),
                ],
            ),
            _figures(
                states,
                frame.filter(pl.col("school_id").is_not_null()),
                pl.col("school_id"),
                [codes.decoded("school_id", pl.col("place"))],
            ),
        ]
    )
    return counties, by_township, schools


def _figures(
    states: RuleStates, frame: pl.LazyFrame, place: pl.Expr, keys: list[pl.Expr]
) -> pl.LazyFrame:
    """Verdict, score, assessed and applicable per place (`place`: its code at the level,
    `keys`: the level's key columns from that code)."""
    rules = states.weight.len()
    rank, error, weight = pl.col("rank"), pl.col("error"), pl.col("weight")
    rule = (pl.col("key") % rules).cast(RULE)
    # Wide enough: a township's code is below counties × townships, each at most the rows.
    per_rule = (
        frame.group_by((place * rules + pl.col("rule")).alias("key"))
        .agg(rank.min())
        .select(
            (pl.col("key") // rules).alias("place"),
            rank,
            pl.lit(states.error).gather(rule).alias("error"),
            pl.lit(states.weight).gather(rule).alias("weight"),
        )
    )
    return (
        per_rule.group_by("place")
        .agg(
            (rank == STATE_RANK[PASS]).sum().cast(pl.Int64).alias("passed"),
            (rank == STATE_RANK[FAIL]).sum().cast(pl.Int64).alias("failed"),
            (rank == STATE_RANK[UNKNOWN]).sum().cast(pl.Int64).alias("unknown"),
            weight.filter(rank == STATE_RANK[SKIPPED]).sum().cast(pl.Int64).alias("skipped"),
            weight.sum().cast(pl.Int64).alias("applicable"),
            (error & (rank == STATE_RANK[FAIL])).any().alias("_fail"),
            (error & (rank == STATE_RANK[UNKNOWN])).any().alias("_unknown"),
        )
        .with_columns(
            *keys,
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
        .select(*(k.meta.output_name() for k in keys), *FIGURE_SCHEMA)
        .cast(pl.Schema(FIGURE_SCHEMA))
    )
