"""The template's example rows: `taikang-check template` writes one under each header, and a
file sent back with it still there must not audit a made-up school.

A row is the example row when every cell under a recognised column holds exactly what the
template writes in that column (contract/template.py `example`, in Chinese or in English,
after trimming spaces; a column whose example is blank must be blank). A row changed in any
cell is data. Example rows are left out before the cells are read, and named in a note.
"""

from __future__ import annotations

import dataclasses

import polars as pl

from taikang_check.contract.template import example
from taikang_check.problems import PROBLEMS_PER_CODE, Problem, ProblemCode
from taikang_check.read.csv_reader import ROW, RawTable


def split_examples(raw: RawTable) -> tuple[RawTable, list[int]]:
    """`raw` without the template's example rows, and their spreadsheet rows."""
    if raw.frame.height == 0 or not raw.match.columns:
        return raw, []
    tests: list[tuple[bool, pl.Expr]] = []
    for position, name in raw.match.columns.items():
        column = raw.match.table.column(name)
        spellings = {example(column, lang).strip() for lang in ("zh", "en")}
        cell = pl.col(f"c{position}").str.strip_chars().fill_null("")
        tests.append(("" not in spellings, cell.is_in(sorted(spellings))))
    # One column with a written example first (school_id, indicator …): few rows, if any,
    # are left for the test of every cell.
    tests.sort(key=lambda test: not test[0])
    first = raw.frame.select(ROW, tests[0][1].alias("_first")).filter("_first").get_column(ROW)
    if first.len() == 0:
        return raw, []
    candidates = raw.frame.filter(pl.col(ROW).is_in(first.implode()))
    rows = candidates.filter(pl.all_horizontal(t for _, t in tests)).get_column(ROW)
    if rows.len() == 0:
        return raw, []
    rest = raw.frame.filter(~pl.col(ROW).is_in(rows.implode()))
    return dataclasses.replace(raw, frame=rest), [int(r) for r in rows.to_list()]


def example_notes(raw: RawTable, rows: list[int]) -> list[Problem]:
    return [
        Problem(ProblemCode.EXAMPLE_ROW, file=raw.path, row=row) for row in rows[:PROBLEMS_PER_CODE]
    ]
