"""The state of each due rule at each place it reached (pass, fail, unknown or skipped), and
the figures of every county, township and school from those states.

Places are coded (engine/place_codes.py). The states are one frame with a row per place:
each school at its code, then each township or county that rows without a school reached;
a column per evaluated rule holds the rule's worst rank there (null where it did not reach),
a column per group of skipped rules whether the group reaches the place. A township's or
county's states are the worst over its rows, in one grouping of at most the schools' rows,
and each level's figures are sums across the columns: nothing is grouped by place × rule,
and the columns are filled by writing each rule's ranks at its places' rows.

Rules skipped at the same places, or everywhere their scopes reach (a table they need is
absent), share one column that stands for all of them (its weight), so that a national audit
does not list 240k schools once for every such rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from taikang_check.engine.place_codes import CODE, CODED_KEYS, PlaceCodes
from taikang_check.engine.results import RuleResult, Status
from taikang_check.engine.skipped_places import SkippedGroup, skipped_groups
from taikang_check.engine.tally import Tally
from taikang_check.rulebook.model import Rule, Scope

PASS, FAIL, UNKNOWN, SKIPPED = "pass", "fail", "unknown", "skipped"
# The worst state of a rule at a place decides: fail > unknown > skipped > pass.
STATE_RANK = {FAIL: 0, UNKNOWN: 1, SKIPPED: 2, PASS: 3}
EVALUATED = (Status.PASS, Status.FAIL, Status.UNKNOWN)
RANK = pl.UInt8
KEY = pl.UInt64
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
    """A row per place: county, township, school (codes; school null for a township or
    county reached without a school), a rank column per evaluated rule and a boolean
    column per group of skipped rules."""

    frame: pl.DataFrame
    codes: PlaceCodes
    ranks: tuple[str, ...]  # the evaluated rules' columns
    errors: tuple[str, ...]  # those of error rules (they decide the verdict)
    groups: tuple[tuple[str, int], ...]  # skipped groups' columns, with the rules in each
    applies: dict[str, bool]  # of each skipped rule: whether it applies anywhere


def is_due(rule: Rule, as_of: dt.date) -> bool:
    return rule.due is None or as_of >= rule.due


def rule_states(
    results: list[RuleResult] | tuple[RuleResult, ...],
    tally: Tally,
    tables: dict[str, pl.DataFrame],
    as_of: dt.date,
) -> RuleStates:
    """The states of the due rules evaluated or skipped; a due rule pending as a whole (each
    row has its own deadline) is out, as in the audit's figures."""
    due = [
        r
        for r in results
        if is_due(r.rule, as_of) and (r.status in EVALUATED or r.status is Status.SKIPPED)
    ]
    evaluated = list({r.rule.id: r for r in due if r.status in EVALUATED}.values())
    skipped = list({r.rule.id: r for r in due if r.status is Status.SKIPPED}.values())
    codes = tally.codes
    named = [_flagged(r, index) for index, r in enumerate(evaluated) if r.findings.height]
    codes, flagged = codes.encoded(pl.concat(named)) if named else (codes, _no_flags())
    groups, codes = skipped_groups(skipped, tables, codes)
    judged = _judged(tally.frame, [r.rule.id for r in evaluated])
    everywhere = [group for group in groups if group.places is None]
    universe = _Universe.of(tally.frame, codes) if everywhere else None
    rows = _Rows.of(
        codes,
        [
            judged,
            flagged,
            *(group.places.others for group in groups if group.places is not None),
            *([universe.townships, universe.counties] if universe else []),
        ],
    )
    ranks = [f"r{index}" for index in range(len(evaluated))]
    by_rule = judged.select("rule", rows.positions()).partition_by("rule", as_dict=True)
    flags = flagged.select("rule", "rank", rows.positions()).partition_by(
        "rule", "rank", as_dict=True
    )
    columns = [
        rows.ranked(
            name,
            [
                (STATE_RANK[state], frame.get_column("row"))
                for state, frame in (
                    (PASS, by_rule.get((index,))),
                    (UNKNOWN, flags.get((index, STATE_RANK[UNKNOWN]))),
                    (FAIL, flags.get((index, STATE_RANK[FAIL]))),
                )
                if frame is not None
            ],
        )
        for index, name in enumerate(ranks)
    ]
    names = [f"g{index}" for index in range(len(groups))]
    columns += [
        rows.reached(name, group, universe) for name, group in zip(names, groups, strict=True)
    ]
    return RuleStates(
        rows.frame.with_columns(columns),
        codes,
        tuple(ranks),
        tuple(n for n, r in zip(ranks, evaluated, strict=True) if r.severity.value == "error"),
        tuple((n, len(group.rules)) for n, group in zip(names, groups, strict=True)),
        {
            rule_id: group.places is None or len(group.places) > 0
            for group in groups
            for rule_id in group.rules
        },
    )


def _flagged(result: RuleResult, index: int) -> pl.DataFrame:
    """The places where the rule failed or is unknown, with that state's rank (text)."""
    findings = result.findings
    status = pl.col("status").cast(pl.String)
    return findings.filter(status.is_in([FAIL, UNKNOWN])).select(
        *[
            pl.col(k).cast(pl.String) if k in findings.columns else pl.lit(None, pl.String).alias(k)
            for k in ("county", "township", "school_id")
        ],
        pl.lit(index, CODE).alias("rule"),
        status.replace_strict(STATE_RANK, return_dtype=RANK).alias("rank"),
    )


def _no_flags() -> pl.DataFrame:
    return pl.DataFrame(schema={**dict.fromkeys(CODED_KEYS, CODE), "rule": CODE, "rank": RANK})


def _judged(tally: pl.DataFrame, evaluated: list[str]) -> pl.DataFrame:
    """The tally's places of the evaluated due rules, each rule as its index among them."""
    rule = tally.schema["rule"]
    assert isinstance(rule, pl.Enum)
    index = {rule_id: i for i, rule_id in enumerate(evaluated)}
    of_rule = pl.Series([index.get(r) for r in rule.categories], dtype=CODE)
    return (
        tally.lazy()
        .filter(pl.col("counted") > 0)
        .select(*CODED_KEYS, pl.lit(of_rule).gather(pl.col("rule").to_physical()).alias("rule"))
        .filter(pl.col("rule").is_not_null())
        .collect()
    )


@dataclass(frozen=True)
class _Universe:
    """Every place that reports may show: the schools given and every place evaluated
    (where a rule skipped for an absent table applies). `schools` marks each school's code;
    the townships and counties are (county, township) codes, township null for a county."""

    schools: pl.Series
    townships: pl.DataFrame
    counties: pl.DataFrame

    @classmethod
    def of(cls, tally: pl.DataFrame, codes: PlaceCodes) -> _Universe:
        schools = pl.int_range(codes.school_count, dtype=CODE, eager=True) < codes.listed
        schools.scatter(tally.get_column("school").drop_nulls(), True)
        places = pl.concat(
            [
                codes.schools.filter(schools).select("county", "township"),
                tally.filter(pl.col("school").is_null()).select("county", "township"),
            ]
        )
        return cls(
            schools,
            places.filter(pl.col("township").is_not_null()).unique(),
            places.select("county", pl.lit(None, CODE).alias("township")).unique(),
        )


@dataclass(frozen=True)
class _Rows:
    """The states' rows: a school's at its code, then a township's or county's without a
    school, in the order of its packed key (county × townships + township)."""

    codes: PlaceCodes
    others: pl.Series  # the packed keys of the rows without a school, sorted, distinct
    frame: pl.DataFrame  # county, township, school of each row

    @classmethod
    def of(cls, codes: PlaceCodes, frames: list[pl.DataFrame]) -> _Rows:
        townships = codes.townships.len() + 1  # one more code for none
        others = (
            pl.concat(
                [
                    (
                        frame.lazy().filter(pl.col("school").is_null())
                        if "school" in frame.columns
                        else frame.lazy()
                    ).select(_packed(codes))
                    for frame in frames
                ]
            )
            .unique()
            .sort("key")
            .collect()
            .get_column("key")
        )
        county, township = others // townships, others % townships
        frame = pl.concat(
            [
                codes.schools.select(
                    "county",
                    "township",
                    pl.int_range(codes.school_count, dtype=CODE).alias("school"),
                ),
                pl.DataFrame(
                    {
                        "county": county.cast(CODE),
                        "township": township.cast(CODE),
                        "school": pl.repeat(None, others.len(), dtype=CODE, eager=True),
                    }
                ).with_columns(
                    pl.when(pl.col("county") < codes.counties.len()).then(pl.col("county")),
                    pl.when(pl.col("township") < codes.townships.len()).then(pl.col("township")),
                ),
            ]
        )
        return cls(codes, others, frame)

    def positions(self) -> pl.Expr:
        """The row of each place of a frame (county, township, school), as the column `row`."""
        other = pl.lit(self.others).search_sorted(_packed(self.codes)).cast(CODE)
        return pl.coalesce(pl.col("school"), other + self.codes.school_count).alias("row")

    def ranked(self, name: str, ranks: list[tuple[int, pl.Series]]) -> pl.Series:
        """A rule's column: each rank written at its rows, the worst (lowest) last."""
        column = pl.repeat(None, self.frame.height, dtype=RANK, eager=True).alias(name)
        for rank, rows in sorted(ranks, key=lambda item: -item[0]):
            column.scatter(rows, rank)
        return column

    def reached(self, name: str, group: SkippedGroup, universe: _Universe | None) -> pl.Series:
        """A skipped group's column: true at the places it reaches."""
        column = pl.repeat(False, self.frame.height, dtype=pl.Boolean, eager=True).alias(name)
        if group.places is not None:
            column.scatter(group.places.schools, True)
            others = group.places.others
        else:
            assert universe is not None
            if Scope.ROW in group.scopes:
                column.scatter(universe.schools.arg_true(), True)
            # Every county in the data, and its townships where a check is of a township.
            others = pl.concat(
                [
                    universe.counties,
                    *([universe.townships] if Scope.TOWNSHIP in group.scopes else []),
                ]
            )
        if others.height:
            column.scatter(
                others.with_columns(pl.lit(None, CODE).alias("school"))
                .select(self.positions())
                .get_column("row"),
                True,
            )
        return column


def _packed(codes: PlaceCodes) -> pl.Expr:
    """A place without a school as one integer: county × townships + township (each null
    as the code after the last)."""
    county = pl.col("county").fill_null(codes.counties.len()).cast(KEY)
    township = pl.col("township").fill_null(codes.townships.len()).cast(KEY)
    return (county * (codes.townships.len() + 1) + township).alias("key")


def all_figures(states: RuleStates) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The figures of every county, township and school (unsorted), collected together."""
    codes = states.codes
    frame = states.frame.lazy()
    worst = [
        *(pl.col(name).min() for name in states.ranks),
        *(pl.col(name).any() for name, _ in states.groups),
    ]
    counties, townships, schools = pl.collect_all(
        [
            _figures(
                states,
                frame.group_by("county").agg(worst),
                [codes.name("county", pl.col("county"))],
            ),
            _figures(
                states,
                frame.filter(pl.col("township").is_not_null())
                .group_by("county", "township")
                .agg(worst),
                [
                    codes.name("county", pl.col("county")),
                    codes.name("township", pl.col("township")),
                ],
            ),
            _figures(
                states,
                frame.filter(pl.col("school").is_not_null()),
                [codes.name("school_id", pl.col("school"))],
            ),
        ]
    )
    return counties, townships, schools


def _figures(states: RuleStates, frame: pl.LazyFrame, keys: list[pl.Expr]) -> pl.LazyFrame:
    """Verdict, score, assessed and applicable of each row of a level (its worst states)."""

    def count(rank: int, names: tuple[str, ...] = states.ranks) -> pl.Expr:
        return pl.sum_horizontal(pl.lit(0), *(pl.col(name) == rank for name in names))

    def found(rank: int) -> pl.Expr:
        return pl.any_horizontal(
            pl.lit(False), *((pl.col(name) == rank).fill_null(False) for name in states.errors)
        )

    skipped = pl.sum_horizontal(
        pl.lit(0), *(pl.col(name).cast(pl.Int64) * weight for name, weight in states.groups)
    )
    evaluated = pl.sum_horizontal(pl.lit(0), *(pl.col(name).is_not_null() for name in states.ranks))
    return (
        frame.select(
            *keys,
            count(STATE_RANK[PASS]).cast(pl.Int64).alias("passed"),
            count(STATE_RANK[FAIL]).cast(pl.Int64).alias("failed"),
            count(STATE_RANK[UNKNOWN]).cast(pl.Int64).alias("unknown"),
            skipped.cast(pl.Int64).alias("skipped"),
            (evaluated.cast(pl.Int64) + skipped).alias("applicable"),
            found(STATE_RANK[FAIL]).alias("_fail"),
            found(STATE_RANK[UNKNOWN]).alias("_unknown"),
        )
        .filter(pl.col("applicable") > 0)  # a place no rule reached is not shown
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
        .select(*(k.meta.output_name() for k in keys), *FIGURE_SCHEMA)
        .cast(pl.Schema(FIGURE_SCHEMA))
    )
