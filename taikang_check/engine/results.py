"""What evaluating a rule produces: the outcome of each evaluation, the columns of a finding,
one rule's result, and the national-standard summary. The report model is assembled from these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

import polars as pl

from taikang_check.rulebook.model import Rule, Severity


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
    "blank_at",  # of a county or township finding: its first rows with blanks (name, row)
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

    def is_failing(self, severities: frozenset[str] = frozenset({"error", "warning"})) -> bool:
        """Failed at one of these severities, or an error rule lacks data (never a pass)."""
        if self.failed and self.rule.severity.value in severities:
            return True
        return bool(self.unknown) and self.rule.severity.value == "error"

    def days_left(self, as_of: dt.date) -> int | None:
        return (self.rule.due - as_of).days if self.rule.due else None


@dataclass(frozen=True)
class NationalSummary:
    matrix: pl.DataFrame  # one row per school and stage: 7 values, states, met, verdict
    variation: pl.DataFrame  # county, stage, indicator, cv, limit, schools, status, top
    counties: pl.DataFrame  # county, verdict, stages, stages_passing, failing, rank
    indicators: tuple[str, ...]  # resource columns, in the standard's order
    # The limits as the loaded rules set them, for headings: (stage, CV limit), and the share
    # of its threshold an indicator not met must reach.
    cv_limits: tuple[tuple[str, float], ...] = ()
    others_reach: Fraction = Fraction(1)
    at_least: int = 0  # how many of the indicators each school must meet
