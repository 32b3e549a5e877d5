"""County and township checks: one evaluation per group of rows (sums, ratios, shares, counts).

Totals decide what they can. A group whose rows have blank cells is judged over every value
the blanks could hold: `fail` when the known rows already decide it whatever the blanks hold,
`pass` when no value of the blanks could make it fail, `unknown` only otherwise.

How. A measure N/D (D = 1 for sums and counts) is compared with a bound p/q exactly, as
F = q·N − p·D against 0 (D > 0). F is linear in every row's cells, so over the blanks its
infimum and supremum are sums of each row's own infimum and supremum (the rows are
independent), and each row's are found at the ends of its cells' ranges:

- a count is >= 0 and has no upper limit, unless the data model gives one: a part is never
  more than its whole (划片招生数 <= 招生数, contract.tables.PART_OF), and a school's
  compulsory students lie between its known parts and its students (stages.py);
- a row whose membership of the population is blank may be in the group or out of it
  (F gains 0), and a share's blank part may put its students in the numerator or not;
- an end that is approached but never reached is kept as such: 998 of 1000 known plus a
  blank school whose zoned and total admissions are both blank gives (998 + z)/(1000 + a)
  with z <= a: F = z − a − 2 <= −2 < 0, so the county can never reach 100%, and fails.

A blank row of a share with no upper limit (a private school's blank students) leaves F
unbounded, and the group unknown unless the other side already decides it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

import polars as pl

from taikang_check.contract.tables import PART_OF
from taikang_check.engine.expressions import all_of, compare, display_limit
from taikang_check.engine.outcomes import (
    OUTCOME,
    SEVERITY_WEIGHT,
    group_finding,
    is_enforced,
    literal,
    outcome,
    readable,
)
from taikang_check.engine.stages import high_column, low_column
from taikang_check.engine.table_plan import CheckPlan
from taikang_check.read.csv_reader import ROW
from taikang_check.rulebook.model import Check, Measure, Rule, Scope, Threshold

# Blank rows named in a finding (their number is given in full).
NAMED_BLANK_ROWS = 5


@dataclass(frozen=True)
class End:
    """One end of the range of a row's (or a group's) F: a finite value, or ±infinity
    (approached, never reached); `attained` says whether some value of the blanks gives it."""

    value: pl.Expr
    infinite: pl.Expr
    attained: pl.Expr


# Whole numbers are 128-bit here: no sum of counts, nor q·N − p·D of a threshold p/q, can
# overflow, as 64 bits would for a county of huge cells.


_TRUE, _FALSE = pl.lit(True), pl.lit(False)


def _exact(value: pl.Expr | int) -> End:
    value = value if isinstance(value, pl.Expr) else pl.lit(value)
    return End(value.cast(pl.Int128), _FALSE, _TRUE)


_UNBOUNDED = End(pl.lit(0, pl.Int128), _TRUE, _FALSE)


def _pick(condition: pl.Expr, then: End, otherwise: End) -> End:
    return End(
        pl.when(condition).then(then.value).otherwise(otherwise.value),
        pl.when(condition).then(then.infinite).otherwise(otherwise.infinite),
        pl.when(condition).then(then.attained).otherwise(otherwise.attained),
    )


def _extreme(a: End, b: End, upper: bool) -> End:
    """The larger (upper) or smaller of two ends, with its attainment."""
    a_wins = a.value > b.value if upper else a.value < b.value
    tie = ~a.infinite & ~b.infinite & (a.value == b.value)
    return End(
        pl.when(a.infinite | b.infinite)
        .then(pl.lit(0, pl.Int128))
        .when(a_wins)
        .then(a.value)
        .otherwise(b.value),
        a.infinite | b.infinite,
        pl.when(a.infinite)
        .then(a.attained)
        .when(b.infinite)
        .then(b.attained)
        .when(tie)
        .then(a.attained | b.attained)
        .when(a_wins)
        .then(a.attained)
        .otherwise(b.attained),
    )


@dataclass(frozen=True)
class Span:
    low: End
    high: End

    def pick(self, condition: pl.Expr, otherwise: Span) -> Span:
        return Span(
            _pick(condition, self.low, otherwise.low), _pick(condition, self.high, otherwise.high)
        )

    def hull(self, other: Span) -> Span:
        return Span(_extreme(self.low, other.low, False), _extreme(self.high, other.high, True))


def _exact_span(value: pl.Expr | int) -> Span:
    return Span(_exact(value), _exact(value))


def _scaled(coefficient: int, low: pl.Expr, high: pl.Expr) -> Span:
    """c·s for s from `low` to `high` (high null: no upper limit)."""
    if coefficient == 0:
        return _exact_span(0)
    top = _pick(high.is_null(), _UNBOUNDED, _exact(high * coefficient))
    bottom = _exact(low * coefficient)
    return Span(bottom, top) if coefficient > 0 else Span(top, bottom)


def _count_range(frame: pl.DataFrame, name: str) -> tuple[pl.Expr, pl.Expr]:
    """What a cell of a count column can hold: itself when given; when blank, from 0 (or the
    low end the column carries) to no limit (or its whole, or the high end it carries)."""
    column = pl.col(name).cast(pl.Int128)
    low: pl.Expr = pl.lit(0, pl.Int128)
    high: pl.Expr = pl.lit(None, pl.Int128)
    if low_column(name) in frame.columns:
        low = pl.col(low_column(name)).cast(pl.Int128)
    if high_column(name) in frame.columns:
        high = pl.col(high_column(name)).cast(pl.Int128)
    elif PART_OF.get(name) in frame.columns:
        high = pl.col(PART_OF[name]).cast(pl.Int128)
    return pl.coalesce(column, low), pl.when(column.is_not_null()).then(column).otherwise(high)


def _ratio_span(frame: pl.DataFrame, measure: Measure, bound: Fraction) -> Span:
    """Range of q·per·a − p·b over a row whose a (numerator) or b (denominator) is blank."""
    assert measure.ratio is not None
    big_q, p = bound.denominator * measure.ratio.per, bound.numerator
    a = pl.col(measure.ratio.numerator).cast(pl.Int128)
    b = pl.col(measure.ratio.denominator).cast(pl.Int128)
    coupled = PART_OF.get(measure.ratio.numerator) == measure.ratio.denominator
    both = _exact_span(a * big_q - b * p)
    # a blank, b given: a from 0 to b (a part of b) or without limit.
    only_b = Span(_exact(b * (-p)), _exact(b * (big_q - p)) if coupled else _UNBOUNDED)
    # b blank, a given: b from a (when a is part of it) or 0, without limit.
    b_low = a if coupled else pl.lit(0, pl.Int128)
    at_low = _exact(a * big_q - b_low * p)
    only_a = (
        Span(_UNBOUNDED, at_low)
        if p > 0
        else Span(at_low, _UNBOUNDED)
        if p < 0
        else _exact_span(a * big_q)
    )
    # Both blank: from (0, 0) along b (−p per unit) and along a = b (q·per − p per unit),
    # or along a alone (q·per) when a is not a part of b.
    slopes = (-p, big_q - p) if coupled else (-p, big_q)
    neither = Span(
        _UNBOUNDED if min(slopes) < 0 else _exact(0),
        _UNBOUNDED if max(slopes) > 0 else _exact(0),
    )
    return both.pick(
        a.is_not_null() & b.is_not_null(),
        only_b.pick(b.is_not_null(), only_a.pick(a.is_not_null(), neither)),
    )


def _row_span(frame: pl.DataFrame, measure: Measure, bound: Fraction) -> tuple[Span, int]:
    """Range of a row's share of F = q·N − p·D, and the constant part of F (−p when D is 1)."""
    q, p = bound.denominator, bound.numerator
    if measure.ratio is not None:
        return _ratio_span(frame, measure, bound), 0
    if measure.share is not None:
        part = all_of(measure.share.part)
        if measure.share.of is None:
            low = high = pl.lit(1, pl.Int128)
        else:
            low, high = _count_range(frame, measure.share.of)
        inside, outside = _scaled(q - p, low, high), _scaled(-p, low, high)
        either = inside.hull(outside)
        return inside.pick(part.fill_null(False), outside.pick(part.is_not_null(), either)), 0
    if measure.count is not None:
        # A count is a lower bound: a row whose cells leave `part` undecided is not counted
        # (most rows have no project, no title ...), so a blank never raises a count.
        counted = all_of(measure.count.part).fill_null(False).cast(pl.Int128)
        return _exact_span(counted * q), -p
    assert measure.sum is not None
    low, high = _count_range(frame, measure.sum)
    return _scaled(q, low, high), -p


def _widened(rows: pl.LazyFrame, frame: pl.DataFrame, measure: Measure) -> pl.LazyFrame:
    """The measure's whole-number columns of `frame` (as `rows`) in 128 bits, before
    anything is summed."""
    names = [
        measure.share.of if measure.share else None,
        measure.ratio.numerator if measure.ratio else None,
        measure.ratio.denominator if measure.ratio else None,
        measure.sum,
    ]
    wide = [
        pl.col(name).cast(pl.Int128)
        for name in dict.fromkeys(n for n in names if isinstance(n, str))
        if name in frame.columns and frame.schema[name].is_integer()
    ]
    return rows.with_columns(wide) if wide else rows


def _known(measure: Measure) -> tuple[pl.Expr, pl.Expr, pl.Expr, bool]:
    """(numerator, denominator, row is blank somewhere, is a ratio) of a row whose cells are
    all given; the numerator and denominator of a finding are those of these rows."""
    if measure.share is not None:
        part = all_of(measure.share.part)
        of = pl.lit(1, pl.Int128) if measure.share.of is None else pl.col(measure.share.of)
        return of * part.cast(pl.Int128), of, part.is_null() | of.is_null(), True
    if measure.ratio is not None:
        num, den = pl.col(measure.ratio.numerator), pl.col(measure.ratio.denominator)
        return num * measure.ratio.per, den, num.is_null() | den.is_null(), True
    if measure.count is not None:
        counted = all_of(measure.count.part).fill_null(False).cast(pl.Int128)
        return counted, pl.lit(1, pl.Int128), pl.lit(False), False
    assert measure.sum is not None
    column = pl.col(measure.sum)
    return column, pl.lit(1, pl.Int128), column.is_null(), False


def _sign_test(low: End, high: End, op: str) -> pl.Expr:
    """Whether F `op` 0 holds for every value of the blanks (true), for none (false), or
    depends on them (null), from F's range."""
    # F > 0 always: the low end is above 0, or 0 approached but not reached.
    always_positive = ~low.infinite & ((low.value > 0) | ((low.value == 0) & ~low.attained))
    always_negative = ~high.infinite & ((high.value < 0) | ((high.value == 0) & ~high.attained))
    never_positive = ~high.infinite & (high.value <= 0)
    never_negative = ~low.infinite & (low.value >= 0)
    always_zero = never_positive & never_negative
    sure_and_impossible = {
        "gt": (always_positive, never_positive),
        "ge": (never_negative, always_negative),
        "lt": (always_negative, never_negative),
        "le": (never_positive, always_positive),
        "eq": (always_zero, always_positive | always_negative),
        "ne": (always_positive | always_negative, always_zero),
    }
    sure, impossible = sure_and_impossible[op]
    return pl.when(sure).then(True).when(impossible).then(False).otherwise(None)


def _as_columns(span: Span, name: str) -> tuple[list[pl.Expr], Span]:
    """The span's expressions as columns of the rows, and the span reading those columns:
    each step of the range arithmetic then reads the previous step's columns instead of
    repeating its expressions, which would grow several times over with every step."""
    columns: list[pl.Expr] = []
    ends: list[End] = []
    for side, end in (("low", span.low), ("high", span.high)):
        parts = {"value": end.value, "infinite": end.infinite, "attained": end.attained}
        columns += [expr.alias(f"{name}:{side}:{part}") for part, expr in parts.items()]
        ends.append(End(*(pl.col(f"{name}:{side}:{part}") for part in parts)))
    return columns, Span(*ends)


def _group_violation(
    frame: pl.DataFrame, measure: Measure, threshold: Threshold, maybe_in: pl.Expr
) -> tuple[list[list[pl.Expr]], list[pl.Expr]]:
    """Columns to add to the rows of the population, one list after the other, then the
    aggregations over them giving, per group, whether the check fails whatever the blanks
    hold (true), passes whatever they hold (false) or depends on them (null)."""
    op = threshold.op
    tests: list[tuple[str, Fraction]] = (
        [("ge", threshold.bounds[0]), ("le", threshold.bounds[1])]
        if op in ("between", "outside")
        else [(op, threshold.bounds[0])]
    )
    steps: list[list[pl.Expr]] = [[], []]
    results: list[pl.Expr] = []
    for number, (test, bound) in enumerate(tests):
        row_span, constant = _row_span(frame, measure, bound)
        columns, row_span = _as_columns(row_span, f"_row_span{number}")
        steps[0] += columns
        # A row that may be out of the group adds 0 as well.
        columns, span = _as_columns(
            _exact_span(0).hull(row_span).pick(maybe_in, row_span), f"_span{number}"
        )
        steps[1] += columns
        low = End(
            span.low.value.filter(~span.low.infinite).sum() + constant,
            span.low.infinite.any(),
            span.low.attained.all(),
        )
        high = End(
            span.high.value.filter(~span.high.infinite).sum() + constant,
            span.high.infinite.any(),
            span.high.attained.all(),
        )
        results.append(_sign_test(low, high, test))
    if op == "between":
        return steps, [results[0] & results[1]]
    if op == "outside":
        return steps, [~(results[0] & results[1])]
    return steps, results


def group_plan(
    rule: Rule, index: int, check: Check, frame: pl.DataFrame, as_of: dt.date
) -> CheckPlan:
    keys = ["county"] if check.scope is Scope.COUNTY else ["county", "township"]
    rows = frame.lazy().with_columns(
        *(pl.lit(None, pl.String).alias(k) for k in keys if k not in frame.columns)
    )
    rows = _widened(rows, frame, check.measure)
    population = all_of(check.where)
    maybe_in = population.is_null()
    numerator, denominator, blank, is_ratio = _known(check.measure)
    doubtful = maybe_in | blank
    names = [c for c in ("school_name", "school_id") if c in frame.columns]
    label = pl.col(names[0]) if names else pl.lit("", pl.String)
    row = pl.col(ROW) if ROW in frame.columns else pl.lit(None, pl.Int64)
    flag = threshold_flag(check.fail_if)
    steps, decided = (
        _group_violation(frame, check.measure, check.fail_if, maybe_in)
        if flag is None
        else ([], [pl.lit(None, pl.Boolean)])
    )
    rows = rows.filter(population.fill_null(True))
    for step in steps:
        rows = rows.with_columns(step)
    grouped = (
        rows.group_by(keys)
        .agg(
            numerator.filter(~doubtful).sum().cast(pl.Int128).alias("numerator"),
            (
                denominator.filter(~doubtful).sum().cast(pl.Int128)
                if is_ratio
                else pl.lit(1, pl.Int128)
            ).alias("denominator"),
            doubtful.sum().alias("_doubtful"),
            pl.struct(label.alias("name"), row.alias("row"))
            .filter(doubtful)
            .head(NAMED_BLANK_ROWS)
            .alias("blank_at"),
            decided[0].alias("_decided"),
        )
        # Nothing to divide by and nothing blank: the group has no ratio. With blanks, the
        # known part may add up to zero; the group is then judged on what the blanks can be.
        .filter((pl.col("denominator") != 0) | (pl.col("_doubtful") > 0))
        .sort(keys, nulls_last=False)
    )
    exact = compare(pl.col("numerator"), pl.col("denominator") if is_ratio else None, check.fail_if)
    violation = pl.when(pl.col("_doubtful") == 0).then(exact).otherwise(pl.col("_decided"))
    evaluated = grouped.with_columns(outcome(violation, is_enforced(rule, as_of)).alias(OUTCOME))
    scale = 100 if check.fail_if.percent else 1
    value = (
        pl.when(pl.col("denominator") != 0).then(
            readable(
                pl.col("numerator") / pl.col("denominator") * scale,
                tuple(float(b * scale) for b in check.fail_if.bounds),
            )
        )
        if is_ratio
        else pl.col("numerator")
    )
    findings = [
        *group_finding(
            rule,
            index,
            check.scope.value,
            check.table,
            keys,
            value,
            literal(display_limit(check.fail_if)),
        ),
        pl.col("numerator"),
        pl.col("denominator"),
        pl.col("_doubtful").alias("blank_rows"),
        pl.col("blank_at"),
    ]
    return CheckPlan(evaluated, findings, SEVERITY_WEIGHT[rule.severity.value])


def threshold_flag(threshold: Threshold) -> bool | None:
    """The flag of an is / is_not threshold (no range to reason about), else None."""
    return threshold.flag if threshold.op in ("is", "is_not") else None
