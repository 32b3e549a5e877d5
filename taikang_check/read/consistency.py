"""Warnings about data that reads fine but does not add up (the audit still runs)."""

from __future__ import annotations

import polars as pl

from taikang_check.contract.tables import PART_OF
from taikang_check.problems import PROBLEMS_PER_CODE, Problem, ProblemCode
from taikang_check.read.csv_reader import ROW
from taikang_check.read.inputs import FILE, InputFile


def disagreements(tables: dict[str, pl.DataFrame], files: list[InputFile]) -> list[Problem]:
    """Totals that disagree: a school's students against the sum of its classes, parts
    against wholes. The first PROBLEMS_PER_CODE, in file and row order. Found while the data
    is loaded (read/dataset.py), after the reader's own notes."""
    schools = tables.get("schools")
    if schools is None:
        return []
    found: list[pl.DataFrame] = []
    classes = tables.get("classes")
    if classes is not None:
        # 128-bit: no number of classes can overflow the sum.
        sums = classes.group_by("school_id").agg(
            pl.col("students").cast(pl.Int128).sum().alias("_sum")
        )
        joined = schools.join(sums, on="school_id", how="inner")
        found.append(
            joined.filter(pl.col("students") != pl.col("_sum")).select(
                FILE,
                ROW,
                pl.lit("students").alias("_column"),
                pl.col("students").cast(pl.String).alias("_value"),
                pl.lit(None, pl.String).alias("_against"),
                pl.col("_sum").cast(pl.String).alias("_sum"),
            )
        )
    for part, whole in PART_OF.items():
        if part in schools.columns and whole in schools.columns:
            found.append(
                schools.filter(pl.col(part) > pl.col(whole)).select(
                    FILE,
                    ROW,
                    pl.lit(part).alias("_column"),
                    pl.format("{} > {}", pl.col(part), pl.col(whole)).alias("_value"),
                    pl.lit(whole).alias("_against"),
                    pl.lit(None, pl.String).alias("_sum"),
                )
            )
    parts = ("primary_students", "junior_students")
    if all(p in schools.columns for p in parts):
        found.append(
            schools.filter(pl.sum_horizontal(parts) > pl.col("students")).select(
                FILE,
                ROW,
                pl.lit("junior_students").alias("_column"),
                pl.format("{} + {} > {}", *(pl.col(p) for p in parts), pl.col("students")).alias(
                    "_value"
                ),
                pl.lit("students").alias("_against"),
                pl.lit(None, pl.String).alias("_sum"),
            )
        )
    if not found:
        return []
    rows = pl.concat(found).sort(FILE, ROW).head(PROBLEMS_PER_CODE)
    return [
        Problem(
            ProblemCode.CLASS_SUM_MISMATCH,
            file=files[index].path,
            row=row,
            column=files[index].header(column),
            value=value,
            detail={"sum": total},
        )
        if total is not None
        else Problem(
            ProblemCode.INCONSISTENT_TOTAL,
            file=files[index].path,
            row=row,
            column=files[index].header(column),
            value=value,
            detail={"against": files[index].header(against)},
        )
        for index, row, column, value, against, total in rows.iter_rows()
    ]
