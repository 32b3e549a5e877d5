"""The one report model every renderer reads: rule results, findings, scores, notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

import polars as pl

from taikang_check.inputs import InputFile
from taikang_check.problems import Problem

if TYPE_CHECKING:
    from taikang_check.national import NationalSummary
from taikang_check.rule_model import Rule, Severity


class Status(StrEnum):
    """Outcome of a rule, or of one evaluation of it (findings are fail, pending or unknown)."""

    PASS = "pass"
    FAIL = "fail"
    PENDING = "pending"  # would fail, but the due date has not come yet
    UNKNOWN = "unknown"  # a cell the rule needs is blank
    SKIPPED = "skipped"  # a table or column the rule needs was not given
    NOT_APPLICABLE = "not_applicable"  # nothing in the data falls under the rule


# The columns of every findings frame, in the order of the JSON report.
FINDING_FIELDS = (
    "rule",
    "status",
    "severity",
    "scope",
    "table",
    "file",
    "row",
    "school_id",
    "school_name",
    "county",
    "township",
    "value",
    "limit",
)
# Extra columns kept for messages; not written as fields of their own.
MESSAGE_ONLY_FIELDS = (
    "check",
    "grade",
    "class_name",
    "numerator",
    "denominator",
    "blank",
    "blank_rows",
)


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    pack: str
    status: Status
    evaluated: int = 0
    passed: int = 0
    failed: int = 0
    pending: int = 0
    unknown: int = 0
    missing: tuple[str, ...] = ()  # what made the rule skipped: "table:classes", "column:x"
    used_fallback: bool = False
    findings: pl.DataFrame = field(default_factory=pl.DataFrame)

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    def days_left(self, as_of: dt.date) -> int | None:
        return (self.rule.due - as_of).days if self.rule.due else None


@dataclass(frozen=True)
class Report:
    as_of: dt.date
    inputs: tuple[InputFile, ...]
    rules: tuple[RuleResult, ...]  # sorted by rule id
    score: float | None  # county-wide compliance score, 0-100; None when nothing was evaluated
    county_scores: pl.DataFrame  # county, score, passed, counted
    township_scores: pl.DataFrame  # county, township, score, passed, counted
    school_scores: pl.DataFrame  # school_id, school_name, township, county, score, failed
    version: str = ""
    national: NationalSummary | None = None  # when the national pack ran on resource data
    warnings: tuple[Problem, ...] = ()  # totals that do not add up; the audit still ran
    skipped_sheets: tuple[tuple[str, str], ...] = ()  # (file, sheet) that are no table
    class_sizes: pl.DataFrame | None = None  # stage, low, high, classes (distributions.py)

    def count(self, status: Status) -> int:
        return sum(1 for r in self.rules if r.status is status)

    @property
    def summary(self) -> dict[str, int]:
        return {s.value: self.count(s) for s in Status}

    def findings(self) -> list[pl.DataFrame]:
        return [r.findings for r in self.rules if r.findings.height]

    @property
    def unknown_columns(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(f.path, f.unknown_columns) for f in self.inputs if f.unknown_columns]
