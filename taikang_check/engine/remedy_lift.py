"""The cheapest set of indicators to lift for a row that misses a standard (the national
school standard: at least 6 of the 7 indicators met, the others at 85% of theirs).

"Cheapest" is decided in this order: the fewest indicators to lift, then the smallest total
relative shortfall (each indicator's gap as a share of its threshold, so teachers, m² and
yuan compare), then the standard's order of indicators. With U the indicators not met, a
row passes when all of U but `len − at_least` of them are met and those reach their share:
so every one of U is lifted to its threshold except the `len − at_least` whose lifting saves
most — an indicator already at its share (85%) is left as it is (one indicator fewer), one
below it is lifted only to its share. Each lift is given in its rule's unit (teachers, m²,
yuan, rooms), the whole units needed to reach the level, computed exactly for whole counts.
"""

from __future__ import annotations

from fractions import Fraction

import polars as pl

from taikang_check.engine.check_standard import Indicator, indicator
from taikang_check.engine.expressions import all_of
from taikang_check.engine.remedy_floor import PLAN_ITEM
from taikang_check.engine.units import units_to_meet
from taikang_check.read.csv_reader import ROW
from taikang_check.read.inputs import FILE
from taikang_check.rulebook.model import Check, Rule, StandardCheck


def _units(rule: Rule, share: Fraction) -> pl.Expr:
    """Units of the rule's numerator missing to reach `share` of its threshold, per row."""
    units: pl.Expr = pl.lit(None, pl.Int64)
    for check in reversed(rule.checks):
        assert isinstance(check, Check)
        assert check.measure.ratio is not None
        ratio = check.measure.ratio
        (bound,) = check.fail_if.bounds
        needed = units_to_meet(
            pl.col(ratio.numerator),
            pl.col(ratio.denominator),
            bound * share / ratio.per,
            check.fail_if.op,
        )
        units = pl.when(all_of(check.where)).then(needed.clip(lower_bound=0)).otherwise(units)
    return units


def _item(item: Indicator, share: Fraction, unit: str, quantity: pl.Expr) -> pl.Expr:
    check = item.rule.checks[0]
    assert isinstance(check, Check)
    assert check.measure.ratio is not None
    return pl.struct(
        pl.lit(None, pl.String).alias("school_id"),
        pl.lit(None, pl.String).alias("school_name"),
        pl.lit(None, pl.String).alias("township"),
        pl.lit(check.measure.ratio.numerator).alias("indicator"),
        pl.lit(unit).alias("unit"),
        quantity.alias("quantity"),
        (item.threshold * float(share)).alias("level"),
    ).cast(PLAN_ITEM)


# The rank of each indicator's saving, as a column computed once for the plan's every item
# (a select computes an expression each time it appears).
_ORDER = "_saving_order"


def lift_plan(check: StandardCheck, rules: dict[str, Rule]) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """(indicators to lift, the lifts as PLAN_ITEM structs) over the standard's rows; null
    where an indicator's cells are blank (no plan is made on a guess); both read the _ORDER
    column, the third expression."""
    standard = check.standard
    reach = standard.reach
    items = [indicator(rules[rule_id], reach) for rule_id in standard.rules]
    spare = len(items) - standard.at_least  # indicators that may stay below their threshold
    relative = [(i.value / i.threshold).clip(upper_bound=1) for i in items]
    # What exempting an indicator from the full lift saves: its whole gap when it already
    # reaches its share (then it is one lift fewer, counted by +1), else the part from the
    # share to the threshold. Met indicators are never chosen (−1).
    saving = [
        pl.when(i.met)
        .then(-1.0)
        .when(i.reached)
        .then(1 + (1 - v))
        .otherwise(pl.lit(float(1 - reach)))
        for i, v in zip(items, relative, strict=True)
    ]
    # The `spare` largest savings, earliest in the standard's order on ties.
    ranked = pl.concat_list(saving)
    ranks = ranked.list.eval(pl.element().rank("ordinal", descending=True))
    order = pl.col(_ORDER)
    lifts: list[pl.Expr] = []
    counted: list[pl.Expr] = []
    for index, item in enumerate(items):
        rule = item.rule
        unit = rule.remedy.unit_code if rule.remedy is not None else ""
        spared = (order.list.get(index) <= spare) & ~item.met
        full, partial = _units(rule, Fraction(1)), _units(rule, reach)
        lift = (
            pl.when(item.met)
            .then(None)
            .when(~spared)
            .then(_item(item, Fraction(1), unit, full))
            .when(~item.reached)
            .then(_item(item, reach, unit, partial))
        )
        lifts.append(lift)
        counted.append(lift.is_not_null().cast(pl.Int64))
    known = pl.all_horizontal([i.met.is_not_null() for i in items])
    plan = pl.when(known).then(pl.concat_list(lifts).list.drop_nulls())
    return pl.when(known).then(pl.sum_horizontal(counted)), plan, ranks.alias(_ORDER)


def lift_plans(check: StandardCheck, frame: pl.DataFrame, rules: dict[str, Rule]) -> pl.DataFrame:
    """file, row, stage, remedy_quantity and remedy_plan for the standard's rows."""
    quantity, plan, order = lift_plan(check, rules)
    return frame.with_columns(order).select(
        pl.col(FILE).alias("file"),
        pl.col(ROW).alias("row"),
        pl.col("stage"),
        quantity.alias("remedy_quantity"),
        plan.alias("remedy_plan"),
    )
