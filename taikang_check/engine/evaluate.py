"""Evaluate rules on the typed tables, column-wise, at an as-of date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from taikang_check.engine import check_bands
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
from taikang_check.engine.place_codes import CODE, CODED_KEYS, PlaceCodes
from taikang_check.engine.remedy import with_band_remedy, with_remedy
from taikang_check.engine.results import RuleResult, Status
from taikang_check.engine.stages import stage_table, with_compulsory_students
from taikang_check.engine.tally import Tally
from taikang_check.read.dataset import Dataset
from taikang_check.rulebook.contract_check import SCHOOL_COLUMNS_OF_CLASSES
from taikang_check.rulebook.loader import LoadedRule
from taikang_check.rulebook.model import (
    AnyCheck,
    Check,
    Rule,
)


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
    bands = dataset.tables.get(check_bands.TABLE)
    if bands is not None:
        if schools is not None:  # as for classes: the rows of closed schools are out
            closed = schools.filter(pl.col("status") == "closed").get_column("school_id")
            bands = bands.filter(~pl.col("school_id").is_in(closed.implode()))
        tables[check_bands.TABLE] = bands
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
    listed = (
        frame.get_column("table").is_in(["classes", check_bands.TABLE])
        if ("table" in frame.columns)
        else None
    )
    if listed is not None and not listed.any():
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
    computed: dict[tuple[str, int], pl.DataFrame] = {}
    by_id = {loaded.rule.id: loaded.rule for loaded in rules}
    for loaded in rules:
        result, outcomes = _evaluate_rule(loaded, tables, as_of, by_id)
        results.append(result)
        rule_id = loaded.rule.id
        for index, item in outcomes:
            if item.computed is not None and not result.used_fallback:
                computed[(rule_id, index)] = item.computed
            tallies.append(item.tally.with_columns(pl.lit(rule_id, pl.String).alias("rule")))
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
) -> tuple[RuleResult, list[tuple[int, CheckResult]]]:
    """The rule's result, and the result of each check evaluated, with its index (a class-size
    check may have two: on the classes and on the band table)."""
    rule = loaded.rule
    checks, used_fallback = rule.checks, False
    bands = tables.get(check_bands.TABLE)
    if rule.fallback and not any(
        c.table in tables or (bands is not None and check_bands.answers(c)) for c in rule.checks
    ):
        checks, used_fallback = rule.fallback, True
    missing: list[str] = []
    outcomes: list[tuple[int, CheckResult]] = []
    vacuous = 0  # checks run only to say that nothing falls under them
    for index, check in enumerate(checks):
        frame = tables.get(check.table)
        answered = False
        if bands is not None and check_bands.answers(check):
            assert isinstance(check, Check)
            banded = _on_bands(rule, index, check, bands, tables, as_of)
            if isinstance(banded, list):
                missing += banded
            else:
                outcomes.append((index, banded))
                answered = True
        if frame is None:
            if not answered:
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
            (
                index,
                with_remedy(
                    rule, check, _run(rule, index, check, frame, as_of, rules), frame, rules
                ),
            )
        )
    missing = list(dict.fromkeys(missing))
    if not outcomes or (missing and len(outcomes) == vacuous):
        skipped = RuleResult(
            rule, loaded.pack, Status.SKIPPED, missing=tuple(missing), used_fallback=used_fallback
        )
        return skipped, []
    counts = {k: sum(o.counts[k] for _, o in outcomes) for k in COUNT_KEYS}
    result = RuleResult(
        rule,
        loaded.pack,
        rule_status(counts),
        missing=tuple(missing),
        used_fallback=used_fallback,
        findings=with_school_places(
            pl.concat([as_json_values(o.findings) for _, o in outcomes], how="diagonal_relaxed"),
            tables.get("schools"),
        ),
        **counts,
    )
    return result, outcomes


def _on_bands(
    rule: Rule,
    index: int,
    check: Check,
    bands: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    as_of: dt.date,
) -> CheckResult | list[str]:
    """A class-size check on the band table (engine/check_bands.py), with its remedy."""

    def prepare(rows: pl.DataFrame, needed: set[str]) -> pl.DataFrame:
        rows = with_school_columns(rows, tables.get("schools"), needed)
        return with_derived_columns(rows, needed, as_of)

    result = check_bands.band_check(rule, index, check, bands, as_of, prepare)
    return result if isinstance(result, list) else with_band_remedy(rule, check, result)


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
