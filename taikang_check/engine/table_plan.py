"""Checks as lazy plans, run together: each check module says what to compute, and this module
runs the plans of every check of an audit in three `pl.collect_all` calls, not a handful of
queries per check.

- A row check (one outcome per row of its table) is a `RowPlan`: its outcome as one
  expression and the columns of its findings. The row plans of a table are one `select`
  over the table (`RowBatch`); their counts and weights are derived from those outcomes in
  one more query, the rows that any of them flags are filtered once, and each check's
  findings are then taken from those few rows.
- Any other check (county and township totals, CVs, indicator years, standard rows) is a
  `CheckPlan`: its evaluations as a lazy frame; its counts, findings and tally are collected
  with every other plan's.

Every step keeps the order of rows, so the findings are those of one check run alone.
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass, field

import polars as pl

from taikang_check.engine.outcomes import (
    COUNT_KEYS,
    COUNTED_STATUSES,
    FLAGGED,
    JUDGED,
    OUTCOME,
    TALLY_KEYS,
    TALLY_SCHEMA,
    CheckResult,
    optional,
    weighted,
)
from taikang_check.engine.results import Status


@dataclass(frozen=True)
class RowPlan:
    """A row check: `status` is the outcome of every row of `table`, null where the check
    does not apply; `findings` the columns of a finding, over the rows it flags (their
    outcome in column OUTCOME); `weight` the severity weight of its rule."""

    table: str
    status: pl.Expr
    findings: list[pl.Expr]
    weight: int
    rule: str  # the rule's id: the weights of its row checks of a table are summed


@dataclass(frozen=True)
class CheckPlan:
    """A check judged per group, figure or stage: `evaluated` has one row per evaluation
    with its OUTCOME, in the order of the findings; `findings` the columns of a finding over
    the evaluations not passed; `computed` what the national summary reuses.

    A check whose groups the summary reuses before they are judged (a CV per county) gives
    every group as `evaluated`, and `judge`: which groups are evaluated and their outcome,
    applied once the groups are collected; `groups_computed` says the groups are `computed`.
    """

    evaluated: pl.LazyFrame
    findings: list[pl.Expr]
    weight: int
    computed: pl.LazyFrame | None = None
    judge: tuple[pl.Expr, pl.Expr] | None = None
    groups_computed: bool = False


@dataclass
class RowBatch:
    """The row checks run over one frame of a table."""

    table: str
    frame: pl.DataFrame
    plans: list[RowPlan] = field(default_factory=list)

    def add(self, plan: RowPlan) -> int:
        self.plans.append(plan)
        return len(self.plans) - 1


def _outcome_column(index: int) -> str:
    return f"_outcome_{index}"


def _counts(column: str) -> list[pl.Expr]:
    outcome = pl.col(column)
    return [
        outcome.count().alias(f"{column}:evaluated"),
        *(
            (outcome == status.value).sum().alias(f"{column}:{key}")
            for key, status in COUNTED_STATUSES
        ),
    ]


def _counts_of(row: dict[str, object], column: str) -> dict[str, int]:
    return {key: int(row[f"{column}:{key}"]) for key in COUNT_KEYS}  # type: ignore[call-overload]


def _weights(plans: list[RowPlan]) -> list[pl.Expr]:
    """Per rule, the weighted passes and evaluations of each row, summed over its checks
    (named after its first check's outcome column): the scores group them by school."""
    of_rule: dict[str, list[int]] = {}
    for index, plan in enumerate(plans):
        of_rule.setdefault(plan.rule, []).append(index)
    weights: list[pl.Expr] = []
    for indices in of_rule.values():
        passed, counted = [], []
        for index in indices:
            outcome, weight = pl.col(_outcome_column(index)), plans[index].weight
            passed.append((outcome == Status.PASS.value).fill_null(False).cast(pl.Int32) * weight)
            counted.append(outcome.is_in(JUDGED).fill_null(False).cast(pl.Int32) * weight)
        name = _outcome_column(indices[0])
        weights.append(functools.reduce(operator.add, passed).alias(f"{name}:p"))
        weights.append(functools.reduce(operator.add, counted).alias(f"{name}:c"))
    return weights


def _flags(column: str) -> pl.Expr:
    return pl.col(column).is_in(FLAGGED).fill_null(False)


def _finding_inputs(plans: list[RowPlan]) -> list[str]:
    """The columns of the table that the findings read (their outcome comes separately)."""
    names: dict[str, None] = {}
    for plan in plans:
        for expr in plan.findings:
            names.update(dict.fromkeys(expr.meta.root_names()))
    names.pop(OUTCOME, None)
    return list(names)


def _tally(evaluated: pl.DataFrame, weight: int) -> pl.LazyFrame:
    """Weighted outcomes summed per county, township and school."""
    return (
        evaluated.lazy()
        .select(*optional(evaluated, TALLY_KEYS), *weighted(weight))
        .group_by(TALLY_KEYS)
        .agg(pl.col("passed").sum(), pl.col("counted").sum())
    )


# The plans are many and small (most read a few thousand rows): planning them costs more than
# any optimization saves, so they run as eager polars runs its queries, in memory and with
# no optimization beyond simplifying expressions.
_AS_EAGER = pl.QueryOptFlags.none()
_AS_EAGER.simplify_expression = True


def collect(queries: list[pl.LazyFrame]) -> list[pl.DataFrame]:
    """The queries run together, as eager queries run."""
    if not queries:
        return []
    return pl.collect_all(queries, optimizations=_AS_EAGER, engine="in-memory")


def run(
    batches: list[RowBatch], plans: list[CheckPlan]
) -> tuple[list[list[CheckResult]], list[CheckResult]]:
    """The results of every row plan (per batch, in order) and of every check plan."""
    outcomes_of = [
        batch.frame.lazy().select(
            plan.status.alias(_outcome_column(i)) for i, plan in enumerate(batch.plans)
        )
        for batch in batches
    ]
    computed = [p.computed for p in plans if p.computed is not None]
    first = collect([*outcomes_of, *(p.evaluated for p in plans), *computed])
    outcomes = first[: len(batches)]
    groups = first[len(batches) : len(batches) + len(plans)]
    computed_frames = iter(first[len(batches) + len(plans) :])
    computed_of = [
        frame
        if plan.groups_computed
        else next(computed_frames)
        if plan.computed is not None
        else None
        for plan, frame in zip(plans, groups, strict=True)
    ]
    evaluated = [
        frame
        if plan.judge is None
        else frame.lazy().filter(plan.judge[0]).with_columns(plan.judge[1].alias(OUTCOME))
        for plan, frame in zip(plans, groups, strict=True)
    ]
    judged_groups = iter(collect([e for e in evaluated if isinstance(e, pl.LazyFrame)]))
    evaluated_frames = [
        e if isinstance(e, pl.DataFrame) else next(judged_groups) for e in evaluated
    ]

    # Counts, weights and the flagged rows of every batch; counts, findings and tallies of
    # every other plan.
    second_queries: list[pl.LazyFrame] = []
    for batch, judged in zip(batches, outcomes, strict=True):
        columns = judged.columns
        second_queries.append(
            judged.lazy().select(c for column in columns for c in _counts(column))
        )
        second_queries.append(judged.lazy().select(_weights(batch.plans)))
        inputs = batch.frame.select(_finding_inputs(batch.plans))
        second_queries.append(
            inputs.hstack(judged)
            .lazy()
            .filter(pl.any_horizontal(_flags(column) for column in columns))
        )
    for plan, frame in zip(plans, evaluated_frames, strict=True):
        second_queries.append(
            frame.lazy().select(
                pl.len().alias("evaluated"),
                *(
                    (pl.col(OUTCOME) == status.value).sum().alias(key)
                    for key, status in COUNTED_STATUSES
                ),
            )
        )
        second_queries.append(
            frame.lazy().filter(pl.col(OUTCOME) != Status.PASS.value).select(plan.findings)
        )
        second_queries.append(_tally(frame, plan.weight))
    second = iter(collect(second_queries))
    del first, outcomes, groups  # every row's outcomes: the flagged rows have theirs

    row_parts: list[tuple[RowBatch, dict[str, object], pl.DataFrame, pl.DataFrame]] = []
    third_queries: list[pl.LazyFrame] = []
    for batch in batches:
        counts, weights, flagged = next(second), next(second), next(second)
        row_parts.append((batch, counts.row(0, named=True), weights, flagged))
        for index, row_plan in enumerate(batch.plans):
            column = _outcome_column(index)
            third_queries.append(
                flagged.lazy()
                .filter(_flags(column))
                .with_columns(pl.col(column).alias(OUTCOME))
                .select(row_plan.findings)
            )
    checks: list[CheckResult] = []
    for computed_frame in computed_of:
        counts, findings, tally = next(second), next(second), next(second)
        checks.append(
            CheckResult(
                {k: int(v) for k, v in counts.row(0, named=True).items()},
                findings,
                tally,
                computed=computed_frame,
            )
        )
    findings_of = iter(collect(third_queries))

    rows: list[list[CheckResult]] = []
    for batch, counts_row, weights, _ in row_parts:
        results = []
        for i in range(len(batch.plans)):
            column = _outcome_column(i)
            summed = f"{column}:p" in weights.columns  # the rule's first check here
            results.append(
                CheckResult(
                    _counts_of(counts_row, column),
                    next(findings_of),
                    pl.DataFrame(schema=TALLY_SCHEMA),
                    (
                        batch.table,
                        weights.get_column(f"{column}:p"),
                        weights.get_column(f"{column}:c"),
                    )
                    if summed
                    else None,
                )
            )
        rows.append(results)
    return rows, checks


def run_plan(plan: CheckPlan) -> CheckResult:
    """One check plan on its own (its results are those of the plan run with others)."""
    return run([], [plan])[1][0]
