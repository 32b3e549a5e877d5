"""The registry of check kinds: each kind's planner, one module each (`check_*.py`).

A planner gives its check as a plan (engine/table_plan.py), so that an audit runs all its
checks together: row checks as a `RowPlan` over the columns of their table, the others as a
`CheckPlan`. `rules` (every loaded rule, by id) is read by the kinds that refer to other rules
(a standard), and ignored by the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import Any

import polars as pl

from taikang_check.engine.check_cv import cv_plan
from taikang_check.engine.check_groups import group_plan
from taikang_check.engine.check_indicators import indicator_plan
from taikang_check.engine.check_rows import condition_plan, row_plan
from taikang_check.engine.check_standard import standard_plan
from taikang_check.engine.table_plan import CheckPlan, RowPlan
from taikang_check.rulebook.model import CheckKind, Rule

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
