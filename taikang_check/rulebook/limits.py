"""Limits that reports draw, read from the loaded rules (the rule files are their one source):
the class-size caps, each with the grades its rule covers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from taikang_check.contract.types import STAGE_GRADES
from taikang_check.rulebook.model import Check, Predicate, Rule, Scope


@dataclass(frozen=True)
class ClassCap:
    """A rule that caps the students of each class of some grades."""

    rule_id: str
    grades: tuple[int, int]  # first and last grade, both included
    largest: int  # the largest class that passes

    def covers(self, stage: str) -> bool:
        first, last = STAGE_GRADES[stage]
        return self.grades[0] <= first and last <= self.grades[1]

    def applies_to(self, stage: str) -> bool:
        """Some grade of the stage is under the cap (a stage no rule caps gets no line)."""
        first, last = STAGE_GRADES[stage]
        return self.grades[0] <= last and first <= self.grades[1]

    @property
    def stage(self) -> str | None:
        """The one stage whose grades hold all of the cap's grades; None across stages."""
        for stage, (first, last) in STAGE_GRADES.items():
            if first <= self.grades[0] and self.grades[1] <= last:
                return stage
        return None


def _grades(check: Check) -> tuple[int, int] | None:
    for condition in check.where:
        if isinstance(condition, Predicate) and condition.column == "grade":
            if condition.between is not None:
                low, high = (int(str(end)) for end in condition.between)
                return low, high
            return None
    return None


def class_caps(rules: Iterable[Rule]) -> tuple[ClassCap, ...]:
    """Every row check of the classes table on its students with an upper limit."""
    caps = []
    for rule in rules:
        for check in rule.checks:
            if not isinstance(check, Check) or check.table != "classes":
                continue
            if check.scope is not Scope.ROW or check.measure.column != "students":
                continue
            grades = _grades(check)
            op, value = check.fail_if.comparisons()[0]
            if grades is None or op not in ("gt", "ge"):
                continue
            largest = int(value) if op == "gt" else int(value) - 1
            caps.append(ClassCap(rule.id, grades, largest))
    return tuple(sorted(set(caps), key=lambda cap: (cap.largest, cap.grades, cap.rule_id)))
