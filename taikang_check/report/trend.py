"""The trend across school years: each year's audit reduced to a score and counts per rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from taikang_check import __version__
from taikang_check.engine.results import Status
from taikang_check.rulebook.model import Rule


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
