"""The stages table: one row per school and stage (primary, junior), for the national standard.

A primary, junior school or teaching point is one stage. A one-through school (nine-year,
twelve-year, complete secondary) contributes its primary part to the primary stage and its
junior part to the junior stage: the junior part's resources are the `junior_*` columns when
given, otherwise the school's resources in proportion to its junior students; the primary
part gets what remains, in proportion to its primary students among the remaining students
(a twelve-year school's senior part keeps its own share).
"""

from __future__ import annotations

import polars as pl

from taikang_check.contract.tables import RESOURCES
from taikang_check.read.csv_reader import ROW
from taikang_check.read.inputs import FILE

ONE_THROUGH = ("nine_year", "twelve_year", "complete_secondary")
# A part's share of a resource is a ratio of whole numbers (students): kept to 18 decimals,
# finer than the float64 the variation coefficient is computed in, and too fine for any
# comparison with a threshold to turn on it (no rounding to a few decimals before the CV).
# Resources beyond 10^20 do not fit: such a cell reads as blank.
EXACT = pl.Decimal(38, 18)
CARRIED = ("school_id", "school_name", "township", "county", "kind", FILE, ROW)


def low_column(name: str) -> str:
    """The column holding the least a blank cell of a computed column can stand for."""
    return f"{name}:low"


def high_column(name: str) -> str:
    """The column holding the most a blank cell of a computed column can stand for (blank:
    no limit)."""
    return f"{name}:high"


SINGLE_STAGE = ("primary", "junior", "nine_year", "teaching_point")  # all students compulsory
NO_COMPULSORY_STAGE = ("kindergarten", "senior", "vocational", "special")


def with_compulsory_students(schools: pl.DataFrame) -> pl.DataFrame:
    """Schools with `compulsory_students`, their students of the compulsory stages: all of a
    primary, junior, nine-year school or teaching point; the 小学部 and 初中部 of a
    twelve-year school; the 初中部 of a complete secondary school; none of a kindergarten,
    senior high, vocational or special school (out of the compulsory populations). Blank when
    a part it needs is blank, with what that blank can stand for: from its known parts to
    the school's students (a school of no students has no compulsory students either)."""
    total = pl.col("students")
    primary = _count(schools, "primary_students")
    junior = _count(schools, "junior_students")
    kind = pl.col("kind")
    value = (
        pl.when(total == 0)
        .then(pl.lit(0, pl.Int64))
        .when(kind.is_in(SINGLE_STAGE))
        .then(total)
        .when(kind == "twelve_year")
        .then(primary + junior)
        .when(kind == "complete_secondary")
        .then(junior)
        .when(kind.is_in(NO_COMPULSORY_STAGE))
        .then(pl.lit(0, pl.Int64))
    )
    known_parts = (
        pl.when(kind == "twelve_year")
        .then(primary.fill_null(0) + junior.fill_null(0))
        .otherwise(pl.lit(0, pl.Int64))
    )
    name = "compulsory_students"
    return schools.with_columns(
        value.cast(pl.Int64).alias(name),
        known_parts.cast(pl.Int64).alias(low_column(name)),
        total.cast(pl.Int64).alias(high_column(name)),
    )


def _carried(schools: pl.DataFrame) -> list[pl.Expr]:
    return [
        pl.col(c) if c in schools.columns else pl.lit(None, pl.String).alias(c) for c in CARRIED
    ]


def _resource(schools: pl.DataFrame, name: str) -> pl.Expr:
    return (
        pl.col(name).cast(EXACT, strict=False) if name in schools.columns else pl.lit(None, EXACT)
    )


def _share(part: pl.Expr, whole: pl.Expr) -> pl.Expr:
    """part / whole of two counts, as an exact decimal (never more than 1 here)."""
    return part.cast(EXACT) / whole.cast(EXACT)


def _stage_rows(
    schools: pl.DataFrame, stage: str, students: pl.Expr, resources: dict[str, pl.Expr]
) -> pl.DataFrame:
    return schools.select(
        *_carried(schools),
        pl.lit(stage).alias("stage"),
        students.cast(pl.Int64).alias("students"),
        *(expr.cast(EXACT).alias(name) for name, expr in resources.items()),
    )


def stage_table(schools: pl.DataFrame, teaching_points: bool = True) -> pl.DataFrame | None:
    """The stages of open compulsory schools, or None when no resource column was given."""
    if not any(r in schools.columns for r in RESOURCES):
        return None
    primary_kinds = ["primary", "teaching_point"] if teaching_points else ["primary"]
    open_schools = schools.filter(pl.col("status") == "open")
    whole = {r: _resource(schools, r) for r in RESOURCES}
    single_primary = open_schools.filter(pl.col("kind").is_in(primary_kinds))
    single_junior = open_schools.filter(pl.col("kind") == "junior")
    one_through = open_schools.filter(pl.col("kind").is_in(ONE_THROUGH))
    total = pl.col("students")
    junior_students = _count(one_through, "junior_students")
    primary_students = _count(one_through, "primary_students")
    junior_part = {
        r: pl.coalesce(
            _resource(one_through, f"junior_{r}"),
            pl.when(total > 0).then(whole[r] * _share(junior_students, total)),
        )
        for r in RESOURCES
    }
    rest = total - junior_students
    primary_part: dict[str, pl.Expr] = {
        r: pl.when(rest > 0).then((whole[r] - junior_part[r]) * _share(primary_students, rest))
        for r in RESOURCES
    }
    parts = [
        _stage_rows(single_primary, "primary", total, whole),
        _stage_rows(single_junior, "junior", total, whole),
        _stage_rows(one_through, "junior", junior_students, junior_part),
        _stage_rows(
            one_through.filter(pl.col("kind") != "complete_secondary"),
            "primary",
            primary_students,
            primary_part,
        ),
    ]
    return pl.concat(parts, how="vertical_relaxed").sort([FILE, ROW, "stage"])


def _count(frame: pl.DataFrame, name: str) -> pl.Expr:
    return pl.col(name) if name in frame.columns else pl.lit(None, pl.Int64)
