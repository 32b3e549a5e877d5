"""The template's example rows: `taikang-check template` writes one under each header, and a
file sent back with it still there must not audit a made-up school.

A row is the example row when every cell under a recognised column holds exactly what the
template writes in that column (contract/template.py `example`, in Chinese or in English,
after trimming spaces; a column whose example is blank must be blank). A row changed in any
cell is data. Example rows are left out before the cells are read, and named in a note.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import polars as pl

from taikang_check.contract.template import example
from taikang_check.problems import PROBLEMS_PER_CODE, Problem, ProblemCode
from taikang_check.read.csv_reader import ROW, RawTable, typed_positions


def split_examples(raw: RawTable) -> tuple[RawTable, list[int]]:
    """`raw` without the template's example rows, and their spreadsheet rows."""
    if raw.frame.height == 0 or not raw.match.columns:
        return raw, []
    typed = typed_positions(raw.frame)
    tests: list[tuple[bool, pl.Expr, pl.Expr]] = []  # (written example, test, quick test)
    for position, name in raw.match.columns.items():
        spellings, cell = _spellings(raw, name), pl.col(f"c{position}")
        if position in typed:
            test = quick = _typed_test(cell, spellings)
        else:
            test = _text_test(cell, spellings)
            # A cell that strips to a written example holds it: no stripping of every cell.
            quick = (
                cell.str.contains_any(spellings).fill_null(False) if "" not in spellings else test
            )
        tests.append(("" not in spellings, test, quick))
    # One column with a written example first (school_id, indicator …): few rows, if any,
    # are left for the test of every cell.
    tests.sort(key=lambda test: not test[0])
    first = raw.frame.select(ROW, tests[0][2].alias("_first")).filter("_first").get_column(ROW)
    if first.len() == 0:
        return raw, []
    candidates = raw.frame.filter(pl.col(ROW).is_in(first.implode()))
    rows = candidates.filter(pl.all_horizontal(t for _, t, _ in tests)).get_column(ROW)
    if rows.len() and typed and raw.text_columns is not None:
        rows = _as_written(raw, raw.text_columns, rows, sorted(typed))
    if rows.len() == 0:
        return raw, []
    rest = raw.frame.filter(~pl.col(ROW).is_in(rows.implode()))
    return dataclasses.replace(raw, frame=rest), [int(r) for r in rows.to_list()]


def _spellings(raw: RawTable, name: str) -> list[str]:
    column = raw.match.table.column(name)
    return sorted({example(column, lang).strip() for lang in ("zh", "en")})


def _text_test(cell: pl.Expr, spellings: list[str]) -> pl.Expr:
    return cell.str.strip_chars().fill_null("").is_in(spellings)


def _typed_test(cell: pl.Expr, spellings: list[str]) -> pl.Expr:
    """Every row whose typed cell may have been written as an example (`850` and `0850` read
    alike): the rows it finds are tested again on the cells as written."""
    numbers = [int(s) for s in spellings if s.isascii() and s.isdigit()]
    test = cell.is_in(numbers) if numbers else pl.lit(False)
    return test | cell.is_null() if "" in spellings else test


def _as_written(
    raw: RawTable,
    text_columns: Callable[[Sequence[int]], pl.DataFrame],
    rows: pl.Series,
    positions: list[int],
) -> pl.Series:
    """Of `rows`, those whose typed cells (at `positions`), as written, are the example's."""
    written = text_columns(positions).filter(pl.col(ROW).is_in(rows.implode()))
    tests = [_text_test(pl.col(f"c{p}"), _spellings(raw, raw.match.columns[p])) for p in positions]
    return written.filter(pl.all_horizontal(tests)).get_column(ROW)


def example_notes(raw: RawTable, rows: list[int]) -> list[Problem]:
    return [
        Problem(ProblemCode.EXAMPLE_ROW, file=raw.path, row=row) for row in rows[:PROBLEMS_PER_CODE]
    ]
