"""The state of each due rule at each place it reached (pass, fail, unknown or skipped), and
the figures of every county, township and school from those states.

Places are coded (engine/place_codes.py). The states are one frame with a row per place:
each school at its code, then each township or county that rows without a school reached.
A column per evaluated rule holds the rule's worst state there (null where it did not
reach), a column per group of skipped rules the number of rules in the group where it
reaches the place. A township's states are the worst over its rows and a county's over its
townships and its rows without one, each in one grouping of at most the schools' rows; each
level's figures are then sums across the columns. Nothing is grouped by place × rule, and the
columns are filled by writing each rule's states at its places' rows.

Rules skipped at the same places, or everywhere their scopes reach (a table they need is
absent), share one column that stands for all of them, so that a national audit does not
list 240k schools once for every such rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from taikang_check.engine.outcomes import TALLY_KEYS
from taikang_check.engine.place_codes import CODE, CODED_KEYS, PlaceCodes
from taikang_check.engine.results import RuleResult, Status
from taikang_check.engine.skipped_places import SkippedGroup, skipped_groups
from taikang_check.engine.tally import Tally
from taikang_check.rulebook.model import Rule, Scope

PASS, FAIL, UNKNOWN, SKIPPED = "pass", "fail", "unknown", "skipped"
EVALUATED = (Status.PASS, Status.FAIL, Status.UNKNOWN)
KEY = pl.UInt64
WEIGHT = pl.UInt32()
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
class States:
    """A rule's state at a place as one number that both orders the states (the worst is the
    least: fail < unknown < pass) and counts them: summed over the rules at a place, each
    state's count stands in its own digits of base 2^bits, wide enough for every rule."""

    bits: int

    @classmethod
    def for_rules(cls, rules: int) -> States:
        return cls(max(rules.bit_length(), 1))

    @property
    def dtype(self) -> pl.DataType:
        """The narrowest type that holds the three digits (fail, unknown, pass)."""
        for dtype, width in ((pl.UInt8(), 8), (pl.UInt16(), 16), (pl.UInt32(), 32)):
            if 3 * self.bits <= width:
                return dtype
        return pl.UInt64()  # up to 2**21 rules

    def value(self, state: str) -> int:
        return 1 << (self.bits * (FAIL, UNKNOWN, PASS).index(state))

    def count(self, state: str, total: pl.Expr) -> pl.Expr:
        """How many rules are in this state, from the sum of their values."""
        digit = (FAIL, UNKNOWN, PASS).index(state)
        return (total // (1 << (self.bits * digit))) % (1 << self.bits)

    def total(self, names: tuple[str, ...]) -> pl.Expr:
        return pl.sum_horizontal(pl.lit(0, self.dtype), *names)


@dataclass(frozen=True)
class RuleStates:
    """A row per place: county, township, school (codes; school null for a township or
    county reached without a school), a state column per evaluated rule (States) and a
    column per group of skipped rules (how many rules it stands for, null where it does not
    reach)."""

    frame: pl.DataFrame
    codes: PlaceCodes
    states: States
    ranks: tuple[str, ...]  # the evaluated rules' columns
    errors: tuple[str, ...]  # those of error rules (they decide the verdict)
    groups: tuple[str, ...]  # the skipped groups' columns
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
    due = [r for r in results if is_due(r.rule, as_of)]
    evaluated = list({r.rule.id: r for r in due if r.status in EVALUATED}.values())
    skipped = list({r.rule.id: r for r in due if r.status is Status.SKIPPED}.values())
    states = States.for_rules(len(evaluated))
    codes = tally.codes
    codes, flagged = _flagged(evaluated, states, codes)
    groups, codes = skipped_groups(skipped, tables, codes)
    judged = _judged(tally.frame, [r.rule.id for r in evaluated])
    universe = _Universe.of(tally.frame, codes) if any(g.places is None for g in groups) else None
    rows = _Rows.of(
        codes,
        [
            judged,
            flagged,
            *(group.places.others for group in groups if group.places is not None),
            *([universe.townships, universe.counties] if universe else []),
        ],
    )
    # Each rule's states at their rows: pass where it was evaluated, then the findings',
    # the worst last.
    passed = judged.select("rule", rows.at).partition_by("rule", as_dict=True, include_key=False)
    found = flagged.select("rule", "state", rows.at).partition_by(
        "rule", "state", as_dict=True, include_key=False
    )
    written = {(rule, states.value(PASS)): frame for (rule,), frame in passed.items()} | found
    ranks = tuple(f"r{index}" for index in range(len(evaluated)))
    columns = [
        rows.column(
            name,
            states.dtype,
            [
                (value, written[(index, value)].get_column("row"))
                for value in (states.value(s) for s in (PASS, UNKNOWN, FAIL))
                if (index, value) in written
            ],
        )
        for index, name in enumerate(ranks)
    ]
    names = tuple(f"g{index}" for index in range(len(groups)))
    columns += [rows.reached(n, group, universe) for n, group in zip(names, groups, strict=True)]
    return RuleStates(
        rows.frame.with_columns(columns),
        codes,
        states,
        ranks,
        tuple(n for n, r in zip(ranks, evaluated, strict=True) if r.severity.value == "error"),
        names,
        {
            rule_id: group.places is None or not group.places.empty
            for group in groups
            for rule_id in group.rules
        },
    )


def _flagged(
    evaluated: list[RuleResult], states: States, codes: PlaceCodes
) -> tuple[PlaceCodes, pl.DataFrame]:
    """The places where each rule failed or is unknown, with that state; each rule as its
    index among the evaluated. One filter over every rule's findings, not one per rule."""
    places = [
        pl.DataFrame(
            [
                *(
                    findings.get_column(key).cast(pl.String)
                    if key in findings.columns
                    else pl.Series(key, dtype=pl.String).extend_constant(None, findings.height)
                    for key in TALLY_KEYS
                ),
                findings.get_column("status").cast(pl.String),
                pl.Series("rule", [index], dtype=CODE).new_from_index(0, findings.height),
            ]
        )
        for index, findings in enumerate(r.findings for r in evaluated)
        if findings.height
    ]
    if not places:
        return codes, pl.DataFrame(
            schema={**dict.fromkeys(CODED_KEYS, CODE), "rule": CODE, "state": states.dtype}
        )
    status = pl.col("status")
    return codes.encoded(
        pl.concat(places)
        .filter(status.is_in([FAIL, UNKNOWN]))
        .select(
            *TALLY_KEYS,
            "rule",
            status.replace_strict(
                {s: states.value(s) for s in (FAIL, UNKNOWN)}, return_dtype=states.dtype
            ).alias("state"),
        )
    )


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
        without_school = [
            frame.lazy().filter(pl.col("school").is_null())
            if "school" in frame.columns
            # a frame of townships and counties only
            else frame.lazy()
            for frame in frames
        ]
        others = (
            pl.concat([frame.select(_packed(codes)) for frame in without_school])
            .unique()
            .sort("key")
            .collect()
            .get_column("key")
        )
        townships = codes.townships.len() + 1  # one more code for none
        county, township = (others // townships).cast(CODE), (others % townships).cast(CODE)
        frame = pl.concat(
            [
                codes.schools.select(
                    "county",
                    "township",
                    pl.int_range(codes.school_count, dtype=CODE).alias("school"),
                ),
                pl.DataFrame(
                    [
                        county.set(county == codes.counties.len(), None).alias("county"),
                        township.set(township == codes.townships.len(), None).alias("township"),
                        pl.repeat(None, others.len(), dtype=CODE, eager=True).alias("school"),
                    ]
                ),
            ]
        )
        return cls(codes, others, frame)

    @property
    def at(self) -> pl.Expr:
        """The row of each place of a frame (county, township, school), as the column `row`."""
        other = pl.lit(self.others).search_sorted(_packed(self.codes)).cast(CODE)
        return pl.coalesce(pl.col("school"), other + self.codes.school_count).alias("row")

    def column(
        self, name: str, dtype: pl.DataType, values: list[tuple[int, pl.Series]]
    ) -> pl.Series:
        """A column of these rows: each value written at its rows, in the order given (a
        later one wins), null elsewhere."""
        column = pl.Series(name, dtype=dtype).extend_constant(None, self.frame.height)
        for value, rows in values:
            column.scatter(rows, value)
        return column

    def reached(self, name: str, group: SkippedGroup, universe: _Universe | None) -> pl.Series:
        """A skipped group's column: its number of rules at the places it reaches."""
        if group.places is not None:
            schools, others = group.places.schools, group.places.others
        else:
            assert universe is not None
            schools = (
                universe.schools.arg_true().cast(CODE)
                if Scope.ROW in group.scopes
                else pl.Series([], dtype=CODE)
            )
            # Every county in the data, and its townships where a check is of a township.
            others = pl.concat(
                [
                    universe.counties,
                    *([universe.townships] if Scope.TOWNSHIP in group.scopes else []),
                ]
            )
        places = pl.concat(
            [
                schools,
                others.with_columns(pl.lit(None, CODE).alias("school"))
                .select(self.at)
                .get_column("row"),
            ]
        )
        return self.column(name, WEIGHT, [(len(group.rules), places)])


def _packed(codes: PlaceCodes) -> pl.Expr:
    """A place without a school as one integer: county × townships + township (each null
    as the code after the last)."""
    county = pl.col("county").fill_null(codes.counties.len()).cast(KEY)
    township = pl.col("township").fill_null(codes.townships.len()).cast(KEY)
    return (county * (codes.townships.len() + 1) + township).alias("key")


def all_figures(states: RuleStates) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The figures of every county, township and school (unsorted)."""
    codes = states.codes
    frame = states.frame.lazy()
    worst = [
        *(pl.col(name).min() for name in states.ranks),
        *(pl.col(name).max() for name in states.groups),
    ]
    by_township = (
        frame.filter(pl.col("township").is_not_null())
        .group_by("county", "township")
        .agg(worst)
        .collect()
    )
    county = codes.name("county", pl.col("county"))
    counties, townships, schools = pl.collect_all(
        [
            _figures(
                states,
                pl.concat(
                    [by_township.lazy(), frame.filter(pl.col("township").is_null()).drop("school")]
                )
                .group_by("county")
                .agg(worst),
                [county],
            ),
            _figures(
                states, by_township.lazy(), [county, codes.name("township", pl.col("township"))]
            ),
            _figures(
                states,
                frame.filter(pl.col("school").is_not_null()),
                [codes.name("school_id", pl.col("school")), pl.col("school")],
            ),
        ]
    )
    return counties, townships, schools


def _figures(states: RuleStates, frame: pl.LazyFrame, keys: list[pl.Expr]) -> pl.LazyFrame:
    """Verdict, score, assessed and applicable of each row of a level (its worst states)."""
    counts, total = states.states, states.states.total(states.ranks)
    errors = states.states.total(states.errors)
    skipped = pl.sum_horizontal(pl.lit(0, WEIGHT), *states.groups).cast(pl.Int64)
    return (
        frame.select(
            *keys,
            *(
                counts.count(state, total).cast(pl.Int64).alias(name)
                for state, name in ((PASS, "passed"), (FAIL, "failed"), (UNKNOWN, "unknown"))
            ),
            skipped.alias("skipped"),
            (counts.count(FAIL, errors) > 0).alias("_fail"),
            (counts.count(UNKNOWN, errors) > 0).alias("_unknown"),
        )
        .with_columns(
            (pl.col("passed") + pl.col("failed") + pl.col("unknown") + pl.col("skipped")).alias(
                "applicable"
            )
        )
        .filter(pl.col("applicable") > 0)  # a place no rule reached is not shown
        .with_columns(
            (pl.col("applicable") - pl.col("skipped")).alias("assessed"),
            (pl.col("passed") * 100 / pl.col("applicable")).round(2).alias("score"),
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
