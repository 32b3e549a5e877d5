"""Class-size checks answered from the class-size band table (班额情况表), column-wise.

A check of the classes table that holds each class's `students` to a cap (fail_if gt / ge)
is evaluated on each band row (a school's grade, or its stage when the return has no
grades): the row fails when a band wholly above the cap holds a class, passes when every such
band is 0, and is unknown when one of them is blank and the others are 0. The cap comes from
the rule; it must be a band's upper edge (45, 50, 55 …), so that every band is wholly within
it or wholly above it and the verdict is exact. A cap inside a band is refused, never
guessed.

The check's population (`where`) is read on the grades a row covers: one grade, or every grade
of its stage. A row is in it when all of those grades are, out of it when none is, and
undecided otherwise (a stage row against a test on the intake year): such a row still passes
when it has no class above the cap, and is unknown when it has one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import polars as pl

from taikang_check.contract.columns_bands import BANDS
from taikang_check.contract.tables import CLASS_BANDS
from taikang_check.contract.types import STAGE_GRADES
from taikang_check.engine.absent import with_claims
from taikang_check.engine.check_rows import blank_columns
from taikang_check.engine.expressions import all_of, display_limit
from taikang_check.engine.outcomes import (
    CheckResult,
    finding_head,
    is_enforced,
    literal,
    optional,
    outcome,
    row_result,
)
from taikang_check.problems import Problem, ProblemCode, ProblemsFound
from taikang_check.read.csv_reader import ROW
from taikang_check.read.inputs import FILE
from taikang_check.rulebook.model import AnyCheck, Check, Rule, Scope, class_cap, walk_predicates

TABLE = CLASS_BANDS.name
# Finding columns the classes remedy reads (engine/remedy.py), per band row.
BAND_CLASSES = "band_classes"  # classes in all bands
BAND_STUDENTS = "band_students"  # students if each class were at its band's upper bound
# Classes needed were each class above the cap split on its own, at its band's upper bound:
# the bound for a stage row, whose grades cannot pool their students.
BAND_SPLIT = "band_split"
_ROW_INDEX = "_band_row"

Prepare = Callable[[pl.DataFrame, set[str]], pl.DataFrame]


def answers(check: AnyCheck) -> bool:
    """Whether the band table can answer this check of the classes table."""
    return (
        isinstance(check, Check)
        and check.table == "classes"
        and check.scope is Scope.ROW
        and check.measure.column == "students"
        and check.fail_if.op in ("gt", "ge")
    )


def where_columns(check: Check) -> set[str]:
    return {p.column for c in check.where for p, _ in walk_predicates(c)}


def band_check(
    rule: Rule,
    index: int,
    check: Check,
    bands: pl.DataFrame,
    as_of: dt.date,
    prepare: Prepare,
) -> CheckResult | list[str]:
    """The check on the band rows, or the columns its population needs that no input has.

    `prepare` adds to rows that carry school_id and grade the columns a class row would get
    (its school's columns, the intake year)."""
    cap = class_cap(check)
    edges = [band.upper for band in BANDS if band.upper is not None]
    if cap not in edges:
        raise ProblemsFound(
            [
                Problem(
                    ProblemCode.BAND_CAP_OFF_EDGE,
                    detail={
                        "rule": rule.id,
                        "cap": str(cap),
                        "edges": ", ".join(map(str, edges)),
                    },
                )
            ]
        )
    population = _population(check, bands, prepare)
    if isinstance(population, list):
        return population
    over = [band.column for band in BANDS if band.lower > cap]
    known = pl.sum_horizontal(pl.col(c).fill_null(0) for c in over)
    blank = pl.any_horizontal(pl.col(c).is_null() for c in over)
    over_cap = pl.when(known > 0).then(True).when(blank).then(None).otherwise(False)
    bands = bands.with_columns(population.alias("_in_population"))
    in_population = pl.col("_in_population")
    violation = in_population & over_cap
    status = pl.when(in_population.fill_null(True)).then(
        outcome(violation, is_enforced(rule, as_of))
    )
    counts = [pl.col(b.column) for b in BANDS]
    largest = {b.column: b.upper if b.upper is not None else b.lower for b in BANDS}
    students = [pl.col(b.column) * largest[b.column] for b in BANDS]
    split = [pl.col(c) * ((largest[c] + cap - 1) // cap - 1) for c in over]
    findings = [
        *finding_head(rule, Scope.ROW.value, TABLE),
        pl.col(FILE).alias("file"),
        pl.col(ROW).alias("row"),
        pl.col("school_id"),
        (pl.col("name") if "name" in bands.columns else pl.lit(None, pl.String)).alias(
            "school_name"
        ),
        *optional(bands, ("county", "township")),
        known.alias("value"),
        literal(display_limit(check.fail_if)).alias("limit"),
        pl.lit(index, pl.Int32).alias("check"),
        # Typed as a class row's grade, so findings of both tables make one column.
        (pl.col("grade") if "grade" in bands.columns else pl.lit(None, pl.Int8)).alias("grade"),
        *optional(bands, ("stage", "class_name")),
        blank_columns(over).alias("blank"),
        _when_all_given(counts, pl.sum_horizontal(counts)).alias(BAND_CLASSES),
        _when_all_given(counts, pl.sum_horizontal(students)).alias(BAND_STUDENTS),
        _when_all_given([pl.col(c) for c in over], pl.sum_horizontal(split)).alias(BAND_SPLIT),
    ]
    return row_result(rule, TABLE, bands, status, findings)


def _when_all_given(parts: list[pl.Expr], value: pl.Expr) -> pl.Expr:
    return pl.when(pl.any_horizontal(p.is_null() for p in parts)).then(None).otherwise(value)


def _population(check: Check, bands: pl.DataFrame, prepare: Prepare) -> pl.Series | list[str]:
    """Per band row: in the check's population (true), out (false) or undecided (null)."""
    grade = pl.col("grade") if "grade" in bands.columns else pl.lit(None, pl.Int64)
    first, last = grade, grade
    if "stage" in bands.columns:
        stage = pl.col("stage")
        starts = {name: low for name, (low, _) in STAGE_GRADES.items()}
        ends = {name: high for name, (_, high) in STAGE_GRADES.items()}
        first = pl.coalesce(
            grade, stage.replace_strict(starts, default=None, return_dtype=pl.Int64)
        )
        last = pl.coalesce(grade, stage.replace_strict(ends, default=None, return_dtype=pl.Int64))
    needed = where_columns(check)
    grades = bands.select(
        pl.int_range(pl.len(), dtype=pl.UInt32).alias(_ROW_INDEX),
        pl.col("school_id"),
        pl.int_ranges(first.cast(pl.Int64), last.cast(pl.Int64) + 1).alias("grade"),
    ).explode("grade")
    grades = with_claims(prepare(grades.with_columns(pl.col("grade").cast(pl.Int8)), needed), check)
    absent = sorted(needed - set(grades.columns))
    if absent:
        return [f"column:classes.{name}" for name in absent]
    test = all_of(check.where)
    judged = (
        grades.select(pl.col(_ROW_INDEX), test.alias("_in"))
        .group_by(_ROW_INDEX)
        .agg(
            pl.col("_in").fill_null(False).all().alias("_all"),
            (~pl.col("_in")).fill_null(False).all().alias("_none"),
        )
        .sort(_ROW_INDEX)
    )
    return judged.select(
        pl.when(pl.col("_all")).then(True).when(pl.col("_none")).then(False).alias("_in")
    ).get_column("_in")
