"""Compliance scores: the weighted share of rule evaluations that passed.

score = 100 × Σ w·passed / Σ w·(passed + failed + unknown), with w = 3 for error rules and
w = 1 for warnings. Pending evaluations (not yet due) and rules that do not apply are left
out; an unknown counts against the score, since missing data is never a pass.
"""

from __future__ import annotations

import polars as pl


def _score(passed: pl.Expr, counted: pl.Expr) -> pl.Expr:
    return pl.when(counted > 0).then((passed / counted * 100).round(1))


def overall_score(tally: pl.DataFrame) -> float | None:
    passed, counted = tally.select(pl.col("passed").sum(), pl.col("counted").sum()).row(0)
    return round(passed / counted * 100, 1) if counted else None


def county_scores(tally: pl.DataFrame) -> pl.DataFrame:
    return (
        tally.group_by("county")
        .agg(pl.col("passed").sum(), pl.col("counted").sum())
        .with_columns(_score(pl.col("passed"), pl.col("counted")).alias("score"))
        .sort(["score", "county"], nulls_last=True)
    )


def township_scores(tally: pl.DataFrame) -> pl.DataFrame:
    """Per township (within its county): its schools' and classes' evaluations and its own."""
    return (
        tally.filter(pl.col("township").is_not_null())
        .group_by("county", "township")
        .agg(pl.col("passed").sum(), pl.col("counted").sum())
        .with_columns(_score(pl.col("passed"), pl.col("counted")).alias("score"))
        .sort(["score", "county", "township"], nulls_last=True)
    )


def school_scores(tally: pl.DataFrame, schools: pl.DataFrame | None) -> pl.DataFrame:
    """Per school, from the row evaluations of the school and of its classes; lowest first."""
    per_school = (
        tally.filter(pl.col("school_id").is_not_null())
        .group_by("school_id")
        .agg(pl.col("passed").sum(), pl.col("counted").sum())
        .with_columns(_score(pl.col("passed"), pl.col("counted")).alias("score"))
    )
    if schools is not None:
        names = schools.select(
            "school_id",
            pl.col("name").alias("school_name"),
            "township",
            *([pl.col("county")] if "county" in schools.columns else []),
        )
        per_school = per_school.join(names, on="school_id", how="left")
    return per_school.sort(["score", "school_id"], nulls_last=True)
