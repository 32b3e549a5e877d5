"""Total rows (合计, 总计, 小计, 合 计, 全县合计, Total …): not a school or a class.

A row is a total row when its school code, name, class, county, township, grade or stage
cell, or its first cell, reads as a total once spaces, punctuation and full-width forms are
removed: it ends in 合计, 总计, 小计 or 共计 (Traditional 合計 …) after at most 20 other
characters, or it is `total`, `subtotal` or `grand total`. Such rows are left out before
the cells are read (their kind or ownership cells are often blank or `—`), named in a note,
and their counts are compared with the sums of the rows they total (a mismatch is a warning):

- a total row totals the data rows between it and the total row above it (the rows of a
  township, for its 小计), or, when there are none (a 合计 right under a 小计, or above
  all rows), every data row of the table;
- a count is compared only when the total row's cell reads as a count and no row it totals
  has that cell blank.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import polars as pl

from taikang_check.contract.tables import ColumnType
from taikang_check.problems import PROBLEMS_PER_CODE, Problem, ProblemCode
from taikang_check.read.coerce import coerce
from taikang_check.read.csv_reader import ROW, RawTable, typed_positions
from taikang_check.read.headers import HeaderMatch

# The columns whose cell may say the row is a total (besides the first cell of the row).
LABEL_COLUMNS = ("school_id", "name", "class_name", "county", "township", "grade", "stage")
_TOTAL_WORDS = "合计|总计|小计|共计|合計|總計|小計|共計"
_TOTAL = rf"^(?:.{{0,20}}(?:{_TOTAL_WORDS})|(?i:(?:sub|grand)?totals?))$"
# Cheap first test on the raw cells; the exact one runs on the few rows that pass it. A
# literal search (no regex): `total` in any ASCII case, which is every case of it.
_MAYBE_TOTAL = ("计", "計", "total")
_BLOCK = "_block"


@dataclass(frozen=True)
class TotalRows:
    frame: pl.DataFrame  # the total rows as read: c0, c1, …, ROW, _block
    labels: list[tuple[int, int, str]]  # (row, position of the label cell, its text)
    blocks: pl.DataFrame  # ROW and _block of every other row: the total rows above it


def _normalised(cell: pl.Expr) -> pl.Expr:
    return cell.str.normalize("NFKC").str.replace_all(r"[\s\p{P}]", "")


def split_totals(raw: RawTable) -> tuple[RawTable, TotalRows | None]:
    """`raw` without its total rows, and those rows (None when there are none)."""
    names = {name: position for position, name in raw.match.columns.items()}
    # A column the reader typed holds numbers only, which never read as a total.
    typed = typed_positions(raw.frame)
    positions = [
        p
        for p in sorted({0, *(names[n] for n in LABEL_COLUMNS if n in names)})
        if f"c{p}" in raw.frame.columns and p not in typed
    ]
    cells = [f"c{p}" for p in positions]
    if not cells:
        return raw, None
    maybe = pl.any_horizontal(
        pl.col(c).str.contains_any(_MAYBE_TOTAL, ascii_case_insensitive=True).fill_null(False)
        for c in cells
    )
    if raw.frame.height == 0 or not raw.frame.select(maybe.any()).item():
        return raw, None
    is_total = pl.any_horizontal(
        _normalised(pl.col(c)).str.contains(_TOTAL).fill_null(False) for c in cells
    )
    total_rows = raw.frame.filter(maybe).filter(is_total).get_column(ROW)
    if total_rows.len() == 0:
        return raw, None
    marked = raw.frame.with_columns(pl.col(ROW).is_in(total_rows.implode()).alias("_total"))
    marked = marked.with_columns(
        (pl.col("_total").cum_sum() - pl.col("_total")).cast(pl.Int64).alias(_BLOCK)
    )
    totals = marked.filter(pl.col("_total")).drop("_total")
    rest = marked.filter(~pl.col("_total"))
    labels = []
    for record in totals.head(PROBLEMS_PER_CODE).select(ROW, *cells).iter_rows():
        row, texts = record[0], record[1:]
        # The first cell that reads as a total names it (the school code before the first
        # cell when both do).
        ordered = sorted(zip(positions, texts, strict=True), key=lambda item: item[0] == 0)
        for position, text in ordered:
            if text is not None and _is_total_text(text):
                labels.append((int(row), position, text.strip()))
                break
    return (
        dataclasses.replace(raw, frame=rest.drop(_BLOCK, "_total")),
        TotalRows(totals, labels, rest.select(ROW, _BLOCK)),
    )


def _is_total_text(text: str) -> bool:
    frame = pl.DataFrame({"t": [text]}, schema={"t": pl.String})
    return bool(frame.select(_normalised(pl.col("t")).str.contains(_TOTAL)).item())


def total_notes(raw: RawTable, totals: TotalRows) -> list[Problem]:
    """One note per total row (the first PROBLEMS_PER_CODE)."""
    return [
        Problem(
            ProblemCode.TOTAL_ROW,
            file=raw.path,
            row=row,
            column=raw.headers[position] if position < len(raw.headers) else None,
            value=text,
        )
        for row, position, text in totals.labels
    ]


def compare_totals(raw: RawTable, totals: TotalRows, frame: pl.DataFrame) -> list[Problem]:
    """Warnings where a total row's count differs from the sum of the rows it totals.
    `frame` is the typed table (contract names, ROW). A total row's cell that does not read
    as a count is not compared (and is no problem: the row is not audited)."""
    counts = {
        position: name
        for position, name in raw.match.columns.items()
        if raw.match.table.column(name).type is ColumnType.COUNT and name in frame.columns
    }
    if not counts or frame.height == 0:
        return []
    match = HeaderMatch(raw.match.table, counts, (), ())
    cells = totals.frame.select(*(f"c{p}" for p in counts), ROW, _BLOCK)
    figures, _, _ = coerce(dataclasses.replace(raw, match=match, frame=cells.drop(_BLOCK)))
    figures = figures.join(cells.select(ROW, _BLOCK), on=ROW)
    names = list(counts.values())
    data = frame.select(ROW, *names).join(totals.blocks, on=ROW, how="inner")

    def sums() -> list[pl.Expr]:
        return [
            *(pl.col(n).cast(pl.Int128).sum().alias(f"sum:{n}") for n in names),
            *(pl.col(n).null_count().alias(f"blank:{n}") for n in names),
            pl.len().alias("rows"),
        ]

    by_block = data.group_by(_BLOCK).agg(sums())
    everything = data.select(sums())
    joined = figures.join(by_block, on=_BLOCK, how="left")
    whole = {name: everything.get_column(name)[0] for name in everything.columns}
    own = pl.col("rows").fill_null(0) > 0
    problems: list[Problem] = []
    header = {name: raw.headers[position] for position, name in counts.items()}
    for name in names:
        total_sum = pl.when(own).then(pl.col(f"sum:{name}")).otherwise(pl.lit(whole[f"sum:{name}"]))
        blanks = (
            pl.when(own).then(pl.col(f"blank:{name}")).otherwise(pl.lit(whole[f"blank:{name}"]))
        )
        mismatched = joined.filter(
            pl.col(name).is_not_null() & (blanks == 0) & (pl.col(name).cast(pl.Int128) != total_sum)
        ).select(ROW, pl.col(name), total_sum.alias("_sum"))
        problems += [
            Problem(
                ProblemCode.TOTAL_MISMATCH,
                file=raw.path,
                row=int(row),
                column=header[name],
                value=str(value),
                detail={"sum": str(total)},
            )
            for row, value, total in mismatched.head(PROBLEMS_PER_CODE).iter_rows()
        ]
    problems.sort(key=Problem.sort_key)
    return problems[:PROBLEMS_PER_CODE]
