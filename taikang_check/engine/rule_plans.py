"""A rule's checks planned, run in one batch with every other rule's (engine/table_plan.py),
then finished: remedies, findings as JSON values with their places, the rule's status."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from taikang_check.engine import check_bands
from taikang_check.engine.absent import (
    absent_claims,
    blank_types,
    nothing_applies,
    with_blanks,
    with_claims,
    with_nulls,
)
from taikang_check.engine.derived import derived_columns, with_derived_columns
from taikang_check.engine.expressions import columns_used
from taikang_check.engine.kinds import PLANNERS, ROW_PLANNERS
from taikang_check.engine.outcomes import (
    COUNT_KEYS,
    CheckResult,
    json_text,
)
from taikang_check.engine.remedy import with_band_remedy, with_remedy
from taikang_check.engine.results import RuleResult, Status
from taikang_check.engine.table_plan import CheckPlan, RowBatch, RowPlan, collect
from taikang_check.engine.table_plan import run as run_plans
from taikang_check.engine.tables import lacks_places, placed, school_columns, with_school_columns
from taikang_check.rulebook.loader import LoadedRule
from taikang_check.rulebook.model import (
    AnyCheck,
    Check,
    Rule,
)


@dataclass
class _RowGroup:
    """Row checks of one table run over one frame: the table with the columns they read
    from schools, the derived columns they read, and the columns they lack added blank."""

    table: str
    needed: set[str] = field(default_factory=set)
    nulls: dict[str, pl.DataType] = field(default_factory=dict)
    plans: list[RowPlan] = field(default_factory=list)

    def takes(self, nulls: dict[str, pl.DataType]) -> bool:
        return all(self.nulls.get(name, dtype) == dtype for name, dtype in nulls.items())


@dataclass(frozen=True)
class _Pending:
    """A check of a rule waiting for the plans to run: its result is `ready` (band
    checks), the `row`-th plan of a row group, or the `plan`-th check plan."""

    index: int
    check: AnyCheck
    ready: CheckResult | None = None
    group: _RowGroup | None = None
    row: int = 0
    plan: int = 0
    frame: pl.DataFrame | None = None  # what a check plan ran on, for its remedy


class Plans:
    """The plans of every check of an audit, run together once all are known."""

    def __init__(
        self, tables: dict[str, pl.DataFrame], as_of: dt.date, rules: dict[str, Rule]
    ) -> None:
        self.tables, self.as_of, self.rules = tables, as_of, rules
        self.groups: list[_RowGroup] = []
        self.plans: list[CheckPlan] = []
        self._ran: tuple[dict[int, tuple[pl.DataFrame, list[CheckResult]]], list[CheckResult]]
        self._ran = ({}, [])
        self._done = False

    def add_row(
        self, plan: RowPlan, needed: set[str], nulls: dict[str, pl.DataType]
    ) -> tuple[_RowGroup, int]:
        """The row group the plan joins (the first of its table whose blank columns agree
        with the plan's), and the plan's place in it."""
        group = next((g for g in self.groups if g.table == plan.table and g.takes(nulls)), None)
        if group is None:
            group = _RowGroup(plan.table)
            self.groups.append(group)
        group.needed |= needed
        group.nulls |= nulls
        group.plans.append(plan)
        return group, len(group.plans) - 1

    def add_plan(self, plan: CheckPlan) -> int:
        self.plans.append(plan)
        return len(self.plans) - 1

    def frame_of(self, group: _RowGroup) -> pl.DataFrame:
        frame = self.tables[group.table]
        if group.table == "classes":
            frame = with_school_columns(frame, self.tables.get("schools"), group.needed)
            frame = with_derived_columns(frame, group.needed, self.as_of)
        return with_nulls(frame, group.nulls)

    def run(
        self,
    ) -> tuple[dict[int, tuple[pl.DataFrame, list[CheckResult]]], list[CheckResult]]:
        """Per row group (by id): its frame and the results of its plans; the results of
        the check plans. Run once, when first asked."""
        if not self._done:
            batches = [RowBatch(g.table, self.frame_of(g), g.plans) for g in self.groups]
            rows, checks = run_plans(batches, self.plans)
            self._ran = (
                {id(g): (b.frame, r) for g, b, r in zip(self.groups, batches, rows, strict=True)},
                checks,
            )
            self._done = True
        return self._ran


@dataclass
class _Draft:
    """A rule whose checks are planned, not yet run."""

    loaded: LoadedRule
    used_fallback: bool
    missing: list[str] = field(default_factory=list)
    pending: list[_Pending] = field(default_factory=list)
    vacuous: int = 0  # checks run only to say that nothing falls under them


def plan_rule(
    loaded: LoadedRule, tables: dict[str, pl.DataFrame], as_of: dt.date, plans: Plans
) -> _Draft:
    """The rule's checks as plans (a class-size check may have two: on the classes and on
    the band table), and what it lacks."""
    rule = loaded.rule
    checks, used_fallback = rule.checks, False
    bands = tables.get(check_bands.TABLE)
    if rule.fallback and not any(
        c.table in tables or (bands is not None and check_bands.answers(c)) for c in rule.checks
    ):
        checks, used_fallback = rule.fallback, True
    draft = _Draft(loaded, used_fallback)
    for index, check in enumerate(checks):
        frame = tables.get(check.table)
        answered = False
        if bands is not None and check_bands.answers(check):
            assert isinstance(check, Check)
            banded = _on_bands(rule, index, check, bands, tables, as_of)
            if isinstance(banded, list):
                draft.missing += banded
            else:
                draft.pending.append(_Pending(index, check, ready=banded))
                answered = True
        if frame is None:
            if not answered:
                draft.missing.append(f"table:{check.table}")
            continue
        if check.kind in ROW_PLANNERS:
            pending = _plan_row_check(draft, index, check, frame, tables, as_of, plans)
        else:
            pending = _plan_check(draft, index, check, frame, tables, as_of, plans)
        if pending is not None:
            draft.pending.append(pending)
    return draft


def _prepared(
    check: AnyCheck, frame: pl.DataFrame, tables: dict[str, pl.DataFrame], as_of: dt.date
) -> pl.DataFrame:
    """The check's table as the check reads it."""
    if check.table == "classes":
        frame = with_school_columns(frame, tables.get("schools"), columns_used(check))
        frame = with_derived_columns(frame, columns_used(check), as_of)
    return with_claims(frame, check)


def _plan_check(
    draft: _Draft,
    index: int,
    check: AnyCheck,
    frame: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    as_of: dt.date,
    plans: Plans,
) -> _Pending | None:
    rule = draft.loaded.rule
    frame = _prepared(check, frame, tables, as_of)
    absent = sorted(columns_used(check) - set(frame.columns))
    if absent and nothing_applies(check, frame, absent):
        frame = with_blanks(frame, check.table, absent)
        draft.vacuous += 1
    elif absent:
        draft.missing += [f"column:{check.table}.{name}" for name in absent]
        return None
    plan = PLANNERS[check.kind](rule, index, check, frame, as_of, plans.rules)
    return _Pending(index, check, plan=plans.add_plan(plan), frame=frame)


def _plan_row_check(
    draft: _Draft,
    index: int,
    check: AnyCheck,
    frame: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    as_of: dt.date,
    plans: Plans,
) -> _Pending | None:
    """A row check joins its table's row group: the columns it would see are worked out
    here, without building its own copy of the table."""
    needed = columns_used(check)
    columns = list(frame.columns)
    if check.table == "classes":
        columns += school_columns(columns, tables.get("schools"), needed)
        columns += derived_columns(columns, needed)
    nulls = absent_claims(columns, check)
    columns += nulls
    absent = sorted(needed - set(columns))
    if absent:  # rare: whether anything applies needs the check's own copy of the table
        if not nothing_applies(check, _prepared(check, frame, tables, as_of), absent):
            draft.missing += [f"column:{check.table}.{name}" for name in absent]
            return None
        blanks = blank_types(check.table, absent)
        nulls |= blanks
        columns += blanks
        draft.vacuous += 1
    plan = ROW_PLANNERS[check.kind](draft.loaded.rule, index, check, columns, as_of)
    group, row = plans.add_row(plan, needed, nulls)
    return _Pending(index, check, group=group, row=row)


def finish_rule(
    draft: _Draft,
    ran: tuple[dict[int, tuple[pl.DataFrame, list[CheckResult]]], list[CheckResult]],
    rules: dict[str, Rule],
) -> tuple[RuleResult, list[tuple[int, CheckResult]]]:
    """The rule's result, without its findings yet, and the result of each check evaluated,
    with its remedy."""
    loaded, rule = draft.loaded, draft.loaded.rule
    rows, checks = ran
    outcomes: list[tuple[int, CheckResult]] = []
    for pending in draft.pending:
        if pending.ready is not None:
            outcomes.append((pending.index, pending.ready))
            continue
        if pending.group is not None:
            frame, results = rows[id(pending.group)]
            checked = results[pending.row]
        else:
            assert pending.frame is not None
            frame, checked = pending.frame, checks[pending.plan]
        outcomes.append((pending.index, with_remedy(rule, pending.check, checked, frame, rules)))
    missing = list(dict.fromkeys(draft.missing))
    if not outcomes or (missing and len(outcomes) == draft.vacuous):
        skipped = RuleResult(
            rule,
            loaded.pack,
            Status.SKIPPED,
            missing=tuple(missing),
            used_fallback=draft.used_fallback,
        )
        return skipped, []
    counts = {k: sum(o.counts[k] for _, o in outcomes) for k in COUNT_KEYS}
    result = RuleResult(
        rule,
        loaded.pack,
        rule_status(counts),
        missing=tuple(missing),
        used_fallback=draft.used_fallback,
        evaluated=counts["evaluated"],
        passed=counts["passed"],
        failed=counts["failed"],
        pending=counts["pending"],
        unknown=counts["unknown"],
    )
    return result, outcomes


def with_findings(
    evaluated: list[tuple[RuleResult, list[tuple[int, CheckResult]]]],
    tables: dict[str, pl.DataFrame],
) -> list[tuple[RuleResult, list[tuple[int, CheckResult]]]]:
    """Each rule's result with its findings: the findings of its checks with their values
    as JSON text, one frame, with the places of their schools; every rule's in one call."""
    schools = tables.get("schools")
    queries: list[pl.LazyFrame] = []
    for _, outcomes in evaluated:
        if not outcomes:
            continue
        parts = [o.findings for _, o in outcomes]
        findings = pl.concat(
            [
                part.lazy().with_columns(json_text(part, "value"), json_text(part, "limit"))
                for part in parts
            ],
            how="diagonal_relaxed",
        )
        if schools is not None and any(lacks_places(part, schools) for part in parts):
            columns = list(dict.fromkeys(c for part in parts for c in part.columns))
            findings = placed(findings, columns, schools)
        queries.append(findings)
    collected = iter(collect(queries))
    return [
        (dataclasses.replace(result, findings=next(collected)) if outcomes else result, outcomes)
        for result, outcomes in evaluated
    ]


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
