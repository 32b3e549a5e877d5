"""Small summaries of the raw tables that reports draw, computed once in the core.

`class_size_distribution` is the histogram of class sizes by stage: the report model keeps
findings (the classes that fail), not every class, so a renderer could not draw it otherwise.
"""

from __future__ import annotations

import polars as pl

BUCKET = 5  # students per bucket: 1–5, 6–10, …, 41–45, 46–50, 51–55, 56–60, …
TOP = 80  # classes above this share one open bucket, low = TOP + 1, high = null
STAGES = ("primary", "junior", "senior")  # grades 1–6, 7–9, 10–12


def _stage(grade: pl.Expr) -> pl.Expr:
    return (
        pl.when(grade.is_between(1, 6))
        .then(pl.lit("primary"))
        .when(grade.is_between(7, 9))
        .then(pl.lit("junior"))
        .when(grade.is_between(10, 12))
        .then(pl.lit("senior"))
    )


def class_size_distribution(tables: dict[str, pl.DataFrame]) -> pl.DataFrame | None:
    """Classes per stage and size bucket, from the prepared tables (closed schools are out).

    Columns: stage (primary, junior, senior), low and high (the bucket's sizes, both
    included; the last bucket has high null: TOP + 1 or more), classes. Buckets end on
    multiples of 5, so the caps 45 and 50 and the large-class line 55 fall between buckets.
    A class of 0 students is in the first bucket (0–5). Rows with a blank grade or size are
    left out. None when no classes table was given.
    """
    classes = tables.get("classes")
    if classes is None:
        return None
    size = pl.col("students")
    high = (((size + BUCKET - 1) // BUCKET) * BUCKET).clip(lower_bound=BUCKET)
    return (
        classes.select(_stage(pl.col("grade")).alias("stage"), size)
        .drop_nulls()
        .select(
            pl.col("stage").cast(pl.Enum(STAGES)),
            pl.when(size > TOP)
            .then(pl.lit(TOP + 1))
            .when(high == BUCKET)
            .then(pl.lit(0))
            .otherwise(high - BUCKET + 1)
            .cast(pl.Int64)
            .alias("low"),
            pl.when(size <= TOP).then(high).cast(pl.Int64).alias("high"),
        )
        .group_by("stage", "low", "high")
        .agg(pl.len().cast(pl.Int64).alias("classes"))
        .sort("stage", "low")
        .with_columns(pl.col("stage").cast(pl.String))
    )
