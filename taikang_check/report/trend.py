"""The trend across school years: each year's audit reduced to its verdict, score, coverage,
counts per rule and the township coefficients of variation; and the townships whose gaps
between schools grew against the year before (四(四): their heads are to be summoned)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from taikang_check import __version__
from taikang_check.engine.check_cv import CV_TOLERANCE
from taikang_check.engine.results import Status
from taikang_check.rulebook.model import Rule

GAP_KEYS = ("rule", "county", "township", "check")


@dataclass(frozen=True)
class Counts:
    status: Status
    evaluated: int = 0
    failed: int = 0
    unknown: int = 0
    pending: int = 0


@dataclass(frozen=True)
class Year:
    label: str  # the folder's name
    folder: str
    as_of: dt.date
    files: tuple[str, ...]
    score: float | None
    counts: dict[str, Counts] = field(default_factory=dict)  # by rule id
    verdict: str = "pass"  # pass | fail | undecided (contract §4)
    assessed: int = 0
    applicable: int = 0
    township_variation: pl.DataFrame | None = None  # as Report.township_variation

    @property
    def coverage(self) -> float | None:
        """The share of the due rules that apply which were assessed."""
        return self.assessed / self.applicable if self.applicable else None


@dataclass(frozen=True)
class GapSeries:
    """One coefficient of one township (a stage and a resource) over the years."""

    stage: str
    indicator: str
    limit: float
    cvs: tuple[float | None, ...]  # per year; None: not measured that year
    statuses: tuple[str | None, ...]  # pass, fail, unknown per year
    grew: tuple[bool, ...]  # per year: larger than the year before (never in the first)


@dataclass(frozen=True)
class TownshipGaps:
    rule: str
    severity: str  # the rule's: a township whose gaps grew is flagged at it
    county: str | None
    township: str | None
    series: tuple[GapSeries, ...]

    @property
    def grew(self) -> tuple[bool, ...]:
        """Per year: some coefficient grew against the year before."""
        return tuple(any(years) for years in zip(*(s.grew for s in self.series), strict=True))


@dataclass(frozen=True)
class Trend:
    years: tuple[Year, ...]
    rules: tuple[Rule, ...]  # by id
    version: str = __version__

    def counts(self, rule_id: str) -> list[Counts]:
        return [year.counts.get(rule_id, Counts(Status.SKIPPED)) for year in self.years]

    def acting(self, rule_id: str) -> bool:
        """Failed, would fail once due, or lacked data in some year."""
        return any(c.failed or c.pending or c.unknown for c in self.counts(rule_id))

    def township_gaps(self) -> list[TownshipGaps]:
        """Each township's coefficients, year by year, by rule, county and township."""
        frames = [
            year.township_variation.select(
                *GAP_KEYS, "severity", "stage", "indicator", "limit", "cv", "status"
            ).with_columns(pl.lit(index, pl.Int64).alias("year"))
            for index, year in enumerate(self.years)
            if year.township_variation is not None and year.township_variation.height
        ]
        if not frames:
            return []
        every = pl.concat(frames, how="vertical_relaxed")
        before = every.select(
            *GAP_KEYS, (pl.col("year") + 1).alias("year"), pl.col("cv").alias("before")
        )
        # Grown: larger than the year before by more than a square root's rounding.
        grew = (pl.col("cv") > pl.col("before") * (1 + CV_TOLERANCE)).fill_null(False)
        every = (
            every.join(before, on=[*GAP_KEYS, "year"], how="left", nulls_equal=True)
            .with_columns(grew.alias("grew"))
            .sort([*GAP_KEYS, "year"], nulls_last=False)
        )
        count = len(self.years)
        townships: list[TownshipGaps] = []
        by_place = every.partition_by(
            ["rule", "county", "township"], maintain_order=True, as_dict=False
        )
        for place in by_place:
            first = place.row(0, named=True)
            series = []
            for one in place.partition_by("check", maintain_order=True):
                head = one.row(0, named=True)
                cvs: list[float | None] = [None] * count
                statuses: list[str | None] = [None] * count
                grown = [False] * count
                for item in one.iter_rows(named=True):
                    cvs[item["year"]] = item["cv"]
                    statuses[item["year"]] = item["status"]
                    grown[item["year"]] = item["grew"]
                series.append(
                    GapSeries(
                        head["stage"],
                        head["indicator"],
                        head["limit"],
                        tuple(cvs),
                        tuple(statuses),
                        tuple(grown),
                    )
                )
            townships.append(
                TownshipGaps(
                    first["rule"],
                    first["severity"],
                    first["county"],
                    first["township"],
                    tuple(series),
                )
            )
        return townships
