"""Columns derived from the data and the audit date, added to a table only when a check reads
them: `intake_year` of a class, the autumn it entered the first grade of its stage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import polars as pl


def school_year(as_of: dt.date) -> int:
    """The year the school year of `as_of` began (a school year starts on 1 September)."""
    return as_of.year if as_of.month >= 9 else as_of.year - 1


def intake_year(as_of: dt.date) -> pl.Expr:
    """A grade-2 class in school year 2024–25 entered grade 1 in autumn 2023; a grade-8 class
    entered grade 7 a year before. Stages start at grades 1, 7 and 10; a blank grade is blank."""
    grade = pl.col("grade").cast(pl.Int32)
    first = pl.when(grade <= 6).then(1).when(grade <= 9).then(7).otherwise(10)
    return (pl.lit(school_year(as_of), pl.Int32) - (grade - first)).alias("intake_year")


def derived_columns(columns: Collection[str], needed: set[str]) -> list[str]:
    """The derived columns class rows of these columns get for a check reading `needed`."""
    if "intake_year" in needed and "grade" in columns and "intake_year" not in columns:
        return ["intake_year"]
    return []


def with_derived_columns(frame: pl.DataFrame, needed: set[str], as_of: dt.date) -> pl.DataFrame:
    """Class rows with the derived columns a check reads (none are computed otherwise)."""
    if derived_columns(frame.columns, needed):
        frame = frame.with_columns(intake_year(as_of))
    return frame
