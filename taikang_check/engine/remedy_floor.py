"""The plan for a coefficient of variation over its limit (整改测算 of a CV finding).

Method: only raising, never lowering. With Xᵢ = Rᵢ·per/Pᵢ each school's level, a common floor
f lifts every school below it to f (Xᵢ' = max(Xᵢ, f)). Raising values that lie below
Σ P·X'² / Σ P·X' (above the mean) only lowers the enrolment-weighted CV, so the CV falls as f
rises, from its value now (f = the lowest level) to 0 (f = the highest). The floor is found by
bisection, for every group at once (column-wise, a fixed number of halvings), as the lowest
level at which the CV of the planned values — each school's addition rounded up to a whole
unit — is within the limit. The schools furthest below the floor come first; the CV of the
planned values is computed again and reported with the plan.
"""

from __future__ import annotations

import polars as pl

from taikang_check.engine.expressions import all_of
from taikang_check.rulebook.model import Check

HALVINGS = 64  # float64 bisection: the interval is below one part in 10¹⁸ of its start
PLAN_ITEM = pl.Struct(
    {
        "school_id": pl.String,
        "school_name": pl.String,
        "township": pl.String,
        "indicator": pl.String,
        "unit": pl.String,
        "quantity": pl.Int64,
        "level": pl.Float64,
    }
)
PLAN_COLUMNS = ("remedy_plan", "remedy_level", "remedy_after")


def _cv(level: pl.Expr, students: pl.Expr, keys: list[str]) -> pl.Expr:
    """The enrolment-weighted CV over each group of `keys`: sqrt(Σ (P/ΣP)(X − X̄)²) / X̄."""
    weight = students / students.sum().over(keys)
    mean = (weight * level).sum().over(keys)
    return (weight * (level - mean) ** 2).sum().over(keys).sqrt() / mean


def _added(floor: pl.Expr, per: int) -> pl.Expr:
    """Whole units a school needs to reach `floor` (never negative; 9 decimals guard drift)."""
    gap = floor * pl.col("_p") / per - pl.col("_r")
    return gap.round(9).ceil().clip(lower_bound=0)


def _planned(floor: pl.Expr, per: int) -> pl.Expr:
    return (pl.col("_r") + _added(floor, per)) * per / pl.col("_p")


def floor_plans(
    check: Check, frame: pl.DataFrame, groups: pl.DataFrame, keys: list[str], unit: str
) -> pl.DataFrame:
    """keys, remedy_quantity and the PLAN_COLUMNS for each group of `groups` (the flagged
    findings' keys): the whole units to add per school, lowest first."""
    ratio = check.measure.cv
    assert ratio is not None
    (limit,) = check.fail_if.bounds
    # gt: within means at most the limit; ge: strictly below it.
    target = float(limit) * (1 - 1e-12 if check.fail_if.op == "ge" else 1)
    per = ratio.per
    name = pl.col("school_name") if "school_name" in frame.columns else pl.col("school_id")
    township = pl.col("township") if "township" in frame.columns else pl.lit(None, pl.String)
    # One lazy plan, collected once: the same expressions as the eager steps it replaces, on
    # the engine those ran on (so the same bits), without a query per halving.
    members = (
        frame.lazy()
        .with_columns(*(pl.lit(None, pl.String).alias(k) for k in keys if k not in frame.columns))
        .filter(
            all_of(check.where).fill_null(False)
            & pl.col(ratio.denominator).gt(0).fill_null(False)
            & pl.col(ratio.numerator).is_not_null()
        )
        .select(
            *keys,
            pl.col("school_id").cast(pl.String),
            name.cast(pl.String).alias("_name"),
            township.cast(pl.String).alias("_township"),
            pl.col(ratio.numerator).cast(pl.Float64).alias("_r"),
            pl.col(ratio.denominator).cast(pl.Float64).alias("_p"),
        )
        .join(groups.lazy().select(keys), on=keys, how="semi", nulls_equal=True)
        .with_columns((pl.col("_r") * per / pl.col("_p")).alias("_x"))
        .with_columns(
            pl.col("_x").min().over(keys).alias("_lo"), pl.col("_x").max().over(keys).alias("_hi")
        )
    )
    within = _cv(_planned(pl.col("_mid"), per), pl.col("_p"), keys) <= target
    # No group owes a plan: the frame is empty, and the halvings would only cost their time.
    for _ in range(HALVINGS if groups.height else 0):
        members = (
            members.with_columns(((pl.col("_lo") + pl.col("_hi")) / 2).alias("_mid"))
            .with_columns(within.alias("_ok"))
            .with_columns(
                pl.when(pl.col("_ok")).then(pl.col("_lo")).otherwise(pl.col("_mid")).alias("_lo"),
                pl.when(pl.col("_ok")).then(pl.col("_mid")).otherwise(pl.col("_hi")).alias("_hi"),
            )
        )
    planned = members.with_columns(
        _added(pl.col("_hi"), per)
        .cast(pl.Int64, strict=False)
        .alias("_add"),  # beyond 64 bits: none
        _cv(_planned(pl.col("_hi"), per), pl.col("_p"), keys).alias("_after"),
    )
    item = pl.struct(
        pl.col("school_id"),
        pl.col("_name").alias("school_name"),
        pl.col("_township").alias("township"),
        pl.lit(ratio.numerator).alias("indicator"),
        pl.lit(unit).alias("unit"),
        pl.col("_add").alias("quantity"),
        pl.col("_hi").alias("level"),
    )
    return (
        planned.sort([*keys, "_x", "school_id"], nulls_last=False)
        .group_by(keys, maintain_order=True)
        .agg(
            pl.when(pl.col("_add").is_null().any())
            .then(None)
            .otherwise(pl.col("_add").sum())
            .alias("remedy_quantity"),  # no total rather than one short of a part
            item.filter(pl.col("_add") > 0).cast(PLAN_ITEM).alias("remedy_plan"),
            pl.col("_hi").first().alias("remedy_level"),
            pl.col("_after").first().alias("remedy_after"),
        )
        .collect(engine="in-memory")
    )
