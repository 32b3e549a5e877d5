"""The realistic floor: the least work an honest audit of schools.csv and classes.csv must do.

    python benchmarks/floor_realistic.py schools.csv classes.csv 2026-11-29

1. A typed read of both files with the contract's schema: counts, grades and years as
   integers, numbers as floats, dates as dates, enum and yes/no columns mapped from their
   Chinese values to codes (the files' headers are the contract's English names).
2. One polars plan per table that evaluates every row condition (row and condition checks)
   of the loaded rule packs on that table, with its due date (fail before it is pending),
   class rows carrying the school columns the checks read; the outcomes counted per rule,
   the weighted passes and evaluations summed per school in one grouping, and the county
   aggregates (every count column summed, schools and classes counted, per county).
3. All plans collected together with `pl.collect_all`.

What it leaves out is what the audit adds on top: locating bad cells, group, CV and
standard checks, findings with their places, scores and the report. It loads the rules with
the tool's own loader and builds conditions with the tool's own expression functions, so
that it evaluates exactly the conditions the audit does; prints the failing count of each
rule so a run can be checked.
"""

from __future__ import annotations

import datetime as dt
import sys

import polars as pl

from taikang_check.contract.tables import CLASSES, SCHOOLS, ColumnType, TableSchema
from taikang_check.engine.derived import intake_year
from taikang_check.engine.expressions import all_of, columns_used, compare
from taikang_check.rulebook.contract_check import SCHOOL_COLUMNS_OF_CLASSES
from taikang_check.rulebook.loader import PACKS, load_rules
from taikang_check.rulebook.model import CheckKind

DTYPES = {
    ColumnType.COUNT: pl.Int64,
    ColumnType.GRADE: pl.Int64,
    ColumnType.YEAR: pl.Int64,
    ColumnType.NUMBER: pl.Float64,
    ColumnType.DATE: pl.Date,
}
YES = {"是": True, "有": True, "否": False, "无": False}
# Outcome codes: a small integer per row and rule.
PASS, FAIL, PENDING, UNKNOWN = 0, 1, 2, 3


def typed_scan(path: str, table: TableSchema) -> pl.LazyFrame:
    header = pl.read_csv(path, n_rows=0).columns
    columns = {c.name: c for c in table.columns if c.name in header}
    schema = {name: DTYPES.get(c.type, pl.String) for name, c in columns.items()}
    frame = pl.scan_csv(path, schema_overrides=schema)
    mapped = []
    for name, column in columns.items():
        if column.type is ColumnType.ENUM:
            codes = {v.zh: v.code for v in column.values} | {v.code: v.code for v in column.values}
            mapped.append(pl.col(name).replace_strict(codes, default=None))
        elif column.type is ColumnType.BOOL:
            mapped.append(pl.col(name).replace_strict(YES, default=None, return_dtype=pl.Boolean))
    return frame.with_columns(mapped) if mapped else frame


def outcome(check: object, due: dt.date | None, as_of: dt.date) -> pl.Expr | None:
    """The outcome code of a row check or condition check on every row (null: not applicable)."""
    population = all_of(check.where)  # type: ignore[attr-defined]
    applicable = population.fill_null(True)
    if check.kind is CheckKind.CONDITION:  # type: ignore[attr-defined]
        violation = population & all_of(check.fail_when)  # type: ignore[attr-defined]
    else:
        measure = check.measure  # type: ignore[attr-defined]
        denominator = None
        if measure.ratio is not None:
            numerator = pl.col(measure.ratio.numerator) * measure.ratio.per
            denominator = pl.col(measure.ratio.denominator)
            applicable = applicable & denominator.ne(0).fill_null(True)
        elif measure.total is not None:
            numerator = pl.sum_horizontal(pl.col(list(measure.total)))
        else:
            numerator = pl.col(measure.column)
        violation = population & compare(numerator, denominator, check.fail_if)  # type: ignore[attr-defined]
    failing = FAIL if due is None or as_of >= due else PENDING
    status = pl.when(violation).then(failing).when(~violation).then(PASS).otherwise(UNKNOWN)
    return pl.when(applicable).then(status.cast(pl.Int8))


def main() -> None:
    schools_path, classes_path, as_of = sys.argv[1], sys.argv[2], dt.date.fromisoformat(sys.argv[3])
    schools = typed_scan(schools_path, SCHOOLS).with_columns(pl.col("name").alias("school_name"))
    classes = typed_scan(classes_path, CLASSES)
    school_side = schools.select(
        "school_id",
        *(pl.col(c).alias(a) for a, c in SCHOOL_COLUMNS_OF_CLASSES.items() if c in SCHOOLS_COLS),
    )
    classes = classes.join(school_side, on="school_id", how="left").with_columns(intake_year(as_of))
    available = {
        "schools": set(schools.collect_schema().names()),
        "classes": set(classes.collect_schema().names()),
    }
    checks: dict[str, list[tuple[str, pl.Expr, int]]] = {"schools": [], "classes": []}
    for loaded in load_rules(None, PACKS):
        rule = loaded.rule
        weight = 3 if rule.severity.value == "error" else 1
        for index, check in enumerate(rule.checks):
            if check.kind not in (CheckKind.ROW, CheckKind.CONDITION):
                continue
            if check.table not in checks or not columns_used(check) <= available[check.table]:
                continue
            expr = outcome(check, rule.due, as_of)
            if expr is not None:
                checks[check.table].append((f"{rule.id}#{index}", expr, weight))
    plans = []
    for table, frame in (("schools", schools), ("classes", classes)):
        outcomes = frame.select(
            "school_id", "county", *(e.alias(n) for n, e, _ in checks[table])
        ).cache()
        names = [n for n, _, _ in checks[table]]
        # Failing rows per rule, and per school the weighted passes and evaluations.
        plans.append(outcomes.select((pl.col(n) == FAIL).sum() for n in names))
        weights = {n: w for n, _, w in checks[table]}
        plans.append(
            outcomes.group_by("school_id").agg(
                pl.sum_horizontal((pl.col(n) == PASS).cast(pl.Int32) * weights[n] for n in names)
                .sum()
                .alias("passed"),
                pl.sum_horizontal((pl.col(n) != PENDING).cast(pl.Int32) * weights[n] for n in names)
                .sum()
                .alias("counted"),
            )
        )
        counts = [
            c
            for c, t in frame.collect_schema().items()
            if t == pl.Int64 and c not in ("grade", "intake_year")
        ]
        plans.append(frame.group_by("county").agg(pl.len(), pl.col(counts).sum()))
    done = pl.collect_all(plans)
    failing = {**done[0].row(0, named=True), **done[3].row(0, named=True)}
    print(
        f"{len(failing)} row checks; schools {done[1].height}+{done[4].height} tallies,"
        f" counties {done[2].height}; failing: {failing}"
    )


SCHOOLS_COLS = {c.name for c in SCHOOLS.columns}

if __name__ == "__main__":
    main()
