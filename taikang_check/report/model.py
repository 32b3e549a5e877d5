"""The one report model every renderer reads: rule results, findings, scores, notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from taikang_check.engine.results import (
    FINDING_FIELDS,
    MESSAGE_ONLY_FIELDS,
    NationalSummary,
    RuleResult,
    Status,
)
from taikang_check.problems import Problem
from taikang_check.read.inputs import InputFile

# The report model re-exports what renderers read of the engine's results.
__all__ = [
    "FINDING_FIELDS",
    "MESSAGE_ONLY_FIELDS",
    "NationalSummary",
    "Report",
    "RuleResult",
    "Status",
]


@dataclass(frozen=True)
class Report:
    as_of: dt.date
    inputs: tuple[InputFile, ...]
    rules: tuple[RuleResult, ...]  # sorted by rule id
    # Contract §4: share of the due rules shown to be met, 0-100 (None when no due rule
    # applies); the verdict (pass, fail, undecided); due rules evaluated and due rules applying.
    score: float | None
    # Per county, township and school: verdict, score, assessed, applicable, passed, failed,
    # unknown, skipped (engine/score.py); schools also carry their status (planned …).
    county_scores: pl.DataFrame
    township_scores: pl.DataFrame
    school_scores: pl.DataFrame
    version: str = ""
    verdict: str = "pass"  # pass | fail | undecided
    assessed: int = 0
    applicable: int = 0
    national: NationalSummary | None = None  # when the national pack ran on resource data
    warnings: tuple[Problem, ...] = ()  # totals that do not add up; the audit still ran
    skipped_sheets: tuple[tuple[str, str], ...] = ()  # (file, sheet) that are no table
    class_sizes: pl.DataFrame | None = None  # stage, low, high, classes (distributions.py)
    # Remediation quantities summed per rule and due date: due, rule, kind, unit, county,
    # township (null: the county's total), quantity (engine/remedy.py).
    remedies: pl.DataFrame | None = None
    # Every coefficient of variation of the township rules (四(四)), passing or not: rule,
    # severity, county, township, check, stage, indicator, cv, limit, schools, status
    # (engine/township_gaps.py); None when no such rule ran. `trend` compares them by year.
    township_variation: pl.DataFrame | None = None

    def count(self, status: Status) -> int:
        return sum(1 for r in self.rules if r.status is status)

    @property
    def summary(self) -> dict[str, int]:
        return {s.value: self.count(s) for s in Status}

    @property
    def unknown_columns(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(f.path, f.unknown_columns) for f in self.inputs if f.unknown_columns]
