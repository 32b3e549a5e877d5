"""The registry of check kinds: each kind's evaluator, one module each (`check_*.py`).

Every evaluator takes the same arguments; `rules` (every loaded rule, by id) is read by the
kinds that refer to other rules (a standard), and ignored by the others. A kind's planner
gives the same check as a plan (engine/table_plan.py), so that an audit runs all its checks
together: row checks as a `RowPlan` over the columns of their table, the others as a
`CheckPlan`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import Any

import polars as pl

from taikang_check.engine.check_cv import cv_check, cv_plan
from taikang_check.engine.check_groups import group_check, group_plan
from taikang_check.engine.check_indicators import indicator_check, indicator_plan
from taikang_check.engine.check_rows import condition_check, condition_plan, row_check, row_plan
from taikang_check.engine.check_standard import standard_check, standard_plan
from taikang_check.engine.outcomes import CheckResult
from taikang_check.engine.table_plan import CheckPlan, RowPlan
from taikang_check.rulebook.model import CheckKind, Rule

Evaluator = Callable[[Rule, int, Any, pl.DataFrame, dt.date, dict[str, Rule]], CheckResult]
OwnEvaluator = Callable[[Rule, int, Any, pl.DataFrame, dt.date], CheckResult]


def _on_its_own(evaluate: OwnEvaluator) -> Evaluator:
    """An evaluator that needs no other rule."""

    def run(
        rule: Rule,
        index: int,
        check: Any,
        frame: pl.DataFrame,
        as_of: dt.date,
        rules: dict[str, Rule],
    ) -> CheckResult:
        return evaluate(rule, index, check, frame, as_of)

    return run


EVALUATORS: dict[CheckKind, Evaluator] = {
    CheckKind.ROW: _on_its_own(row_check),
    CheckKind.GROUP: _on_its_own(group_check),
    CheckKind.CV: _on_its_own(cv_check),
    CheckKind.CONDITION: _on_its_own(condition_check),
    CheckKind.STANDARD: standard_check,
    CheckKind.INDICATOR: _on_its_own(indicator_check),
}


Planner = Callable[[Rule, int, Any, pl.DataFrame, dt.date, dict[str, Rule]], CheckPlan]
OwnPlanner = Callable[[Rule, int, Any, pl.DataFrame, dt.date], CheckPlan]
RowPlanner = Callable[[Rule, int, Any, Collection[str], dt.date], RowPlan]


def _planned_on_its_own(plan: OwnPlanner) -> Planner:
    """A planner that needs no other rule."""

    def planned(
        rule: Rule,
        index: int,
        check: Any,
        frame: pl.DataFrame,
        as_of: dt.date,
        rules: dict[str, Rule],
    ) -> CheckPlan:
        return plan(rule, index, check, frame, as_of)

    return planned


PLANNERS: dict[CheckKind, Planner] = {
    CheckKind.GROUP: _planned_on_its_own(group_plan),
    CheckKind.CV: _planned_on_its_own(cv_plan),
    CheckKind.STANDARD: standard_plan,
    CheckKind.INDICATOR: _planned_on_its_own(indicator_plan),
}
ROW_PLANNERS: dict[CheckKind, RowPlanner] = {
    CheckKind.ROW: row_plan,
    CheckKind.CONDITION: condition_plan,
}
