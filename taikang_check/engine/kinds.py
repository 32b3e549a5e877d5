"""The registry of check kinds: each kind's evaluator, one module each (`check_*.py`).

Every evaluator takes the same arguments; `rules` (every loaded rule, by id) is read by the
kinds that refer to other rules (a standard), and ignored by the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import polars as pl

from taikang_check.engine.check_cv import cv_check
from taikang_check.engine.check_groups import group_check
from taikang_check.engine.check_indicators import indicator_check
from taikang_check.engine.check_rows import condition_check, row_check
from taikang_check.engine.check_standard import standard_check
from taikang_check.engine.outcomes import CheckResult
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
