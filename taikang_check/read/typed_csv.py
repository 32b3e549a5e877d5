"""CSV records read with the contract's types, by the parser, from the file itself.

The records below the header are parsed once, with the schema the header gives: a count, a
grade or a year column as integers, every other column as text. A typed column is kept only
when every cell parsed and lies in the column's range; what the parser accepts there (ASCII
digits, a sign, spaces before them, quotes) is exactly what `coerce` reads as that number from
the text. A column with any other cell (`八百`, `45.0`, `1,200`, `#DIV/0!`, full-width or
other digits, `-3`, a total row's `—`) is read again as text, and `coerce` locates its bad
cells as it always has; after two such columns the whole file is read as text.

The few checks that need a typed cell as written (a blank-looking record, the template's
example row) read those columns again as text, and only when the data says they may need it.
The file is checked for records with too few cells only when the header's last column has a
blank. A file the parser cannot take this way (quotes above the header, bytes that look like
a compressed stream, a record wider than the first ones) is read as text, as before.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from taikang_check.contract.tables import ColumnType
from taikang_check.problems import Problem, ProblemCode, ProblemsFound
from taikang_check.read.coerce import MAX_COUNT, YEAR_RANGE
from taikang_check.read.csv_reader import (
    COMPRESSED_STARTS,
    ROW,
    Layout,
    NotUtf8,
    RawTable,
    as_text_bytes,
    header_cells,
    line_options,
    locate_header,
    raise_short_records,
    read_csv_text,
    records_below_header,
    short_csv_records,
    short_lines,
)


@dataclass(frozen=True)
class _Typed:
    dtype: pl.DataType
    low: int
    high: int


TYPED = {
    ColumnType.COUNT: _Typed(pl.Int64(), 0, MAX_COUNT),
    ColumnType.GRADE: _Typed(pl.Int8(), 1, 12),
    ColumnType.YEAR: _Typed(pl.Int64(), *YEAR_RANGE),
}
# Characters that split a file into lines when the file does not hold them (csv_reader).
_SPARES = ("\x1f", "\x1e", "\x1d", "\x1c")
_SCAN_BYTES = 1 << 20
_FAILED_COLUMN = re.compile(r"at column 'c([0-9]+)'")
_TYPED_FAILURES = 2  # typed columns that may fail before the whole file is read as text


@dataclass(frozen=True)
class Content:
    """A UTF-8 CSV file as the parser is given it: the file itself, or its bytes once
    transcoded from another encoding."""

    source: Path | bytes
    has_quote: bool
    spare: str | None  # a character the content lacks, to read it line by line

    def parser_source(self) -> tuple[Path | bytes, int]:
        """What the parser reads, and how many blank lines were put in front of it."""
        if isinstance(self.source, Path):
            return self.source, 0
        return as_text_bytes(self.source)

    def utf8(self) -> bytes:
        """The whole content as UTF-8 bytes, without a byte-order mark."""
        if isinstance(self.source, Path):
            return self.source.read_bytes().removeprefix(codecs.BOM_UTF8)
        return self.source


def content_of_bytes(data: bytes) -> Content:
    spare = next((c for c in _SPARES if c.encode() not in data), None)
    return Content(data, b'"' in data, spare)


def content_of_file(path: Path) -> Content | None:
    """The file as parser input, or None when it holds a NUL byte (no UTF-8 text file does;
    `decode` names it) or starts like a compressed stream. Read in blocks: the file is never
    held in memory here. OSError when it cannot be read."""
    absent = set(_SPARES)
    has_quote = False
    with path.open("rb") as stream:
        first = stream.read(len(codecs.BOM_UTF8) + 8)
        if first.removeprefix(codecs.BOM_UTF8).startswith(COMPRESSED_STARTS):
            return None
        block = first
        while block:
            if b"\x00" in block:
                return None
            has_quote = has_quote or b'"' in block
            absent = {c for c in absent if c.encode() not in block}
            block = stream.read(_SCAN_BYTES)
    spare = next((c for c in _SPARES if c in absent), None)
    return Content(path, has_quote, spare)


def read_typed_csv(text: str, path: str, content: Content) -> RawTable:
    """The table of a UTF-8 CSV file; `text` is the file or its beginning (for the header)."""
    layout = locate_header(text, path)
    frame = _typed_records(content, layout) if _plain_header_lines(text, layout) else None
    if frame is None:
        return read_csv_text(text, path, content.utf8())
    short = _short_rows(content, layout, frame, path)
    raise_short_records(short, layout.header_width, path)
    typed = sorted(p for p in layout.match.columns if frame.schema[f"c{p}"].is_integer())
    text_columns = functools.partial(_text_columns, content, layout, path) if typed else None
    frame = _without_blank_records(frame, typed, text_columns)
    return records_below_header(
        path,
        header_cells(layout.head[layout.header_index]),
        layout.header_index + 1,  # record i is spreadsheet row i + 1
        layout.match,
        frame,
        text_columns,
    )


def _plain_header_lines(text: str, layout: Layout) -> bool:
    """No quote in the lines up to the header: its records are lines, which the parser skips
    exactly as it would have sliced them off."""
    end = -1
    for _ in range(layout.header_index + 1):
        end = text.find("\n", end + 1)
        if end < 0:
            end = len(text)
            break
    return '"' not in text[:end]


def _typed_records(content: Content, layout: Layout) -> pl.DataFrame | None:
    """The records below the header, typed where each column allows; None when the parser
    cannot read them so (the text reader then reads the file and says why)."""
    typed = {
        position: TYPED[column.type]
        for position, name in layout.match.columns.items()
        if (column := layout.match.table.column(name)).type in TYPED
    }
    failures = 0
    while True:
        schema = {position: kind.dtype for position, kind in typed.items()}
        try:
            frame = _parse(content, layout, schema)
        except (pl.exceptions.PolarsError, ValueError, OSError) as error:
            message = str(error)
            if "utf-8" in message.lower() or "utf8" in message.lower():
                raise NotUtf8 from None
            failed = _FAILED_COLUMN.search(message)
            if failed is None or int(failed.group(1)) not in typed:
                return None
            failed_positions = {int(failed.group(1))}
        else:
            failed_positions = _outside_range(frame, typed)
            if not failed_positions:
                return frame.with_row_index(ROW, offset=layout.header_index + 2).with_columns(
                    pl.col(ROW).cast(pl.Int64)
                )
        failures += 1
        typed = {} if failures >= _TYPED_FAILURES else _without(typed, failed_positions)


def _without(typed: dict[int, _Typed], positions: set[int]) -> dict[int, _Typed]:
    return {position: kind for position, kind in typed.items() if position not in positions}


def _outside_range(frame: pl.DataFrame, typed: dict[int, _Typed]) -> set[int]:
    if not typed:
        return set()
    checks = [
        pl.col(f"c{position}").is_between(kind.low, kind.high).all().alias(str(position))
        for position, kind in typed.items()
    ]
    verdicts = frame.select(checks).row(0)
    return {position for position, ok in zip(typed, verdicts, strict=True) if not ok}


def _parse(
    content: Content,
    layout: Layout,
    dtypes: dict[int, pl.DataType],
    columns: Sequence[int] | None = None,
) -> pl.DataFrame:
    """The records below the header: `layout.width` columns c0, c1, … (String unless
    `dtypes` says otherwise), or only `columns`."""
    source, added = content.parser_source()
    return pl.read_csv(
        source,
        has_header=False,
        separator=layout.delimiter,
        skip_rows=layout.header_index + 1 + added,
        schema={f"c{i}": dtypes.get(i, pl.String()) for i in range(layout.width)},
        columns=list(columns) if columns is not None else None,
        missing_columns="insert",
        truncate_ragged_lines=False,
        raise_if_empty=False,
    )


def _text_columns(
    content: Content, layout: Layout, path: str, positions: Sequence[int]
) -> pl.DataFrame:
    """The cells at `positions` as written: ROW and String columns c<p>, every record."""
    try:
        frame = _parse(content, layout, {}, columns=sorted(positions))
    except (pl.exceptions.PolarsError, ValueError, OSError) as error:  # the file changed
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise ProblemsFound(
            [Problem(ProblemCode.UNREADABLE_FILE, file=path, detail={"reason": reason})]
        ) from None
    return frame.with_row_index(ROW, offset=layout.header_index + 2).select(
        pl.col(ROW).cast(pl.Int64), *(f"c{p}" for p in positions)
    )


def _short_rows(content: Content, layout: Layout, frame: pl.DataFrame, path: str) -> list[int]:
    """Rows below the header with fewer cells than the header. A short record leaves the
    header's last column blank, so only such rows are looked at, line by line, when the file
    has no quotes; with quotes the csv module reads every record, as the text reader does
    (and finds the records it cannot read)."""
    if content.has_quote or content.spare is None:
        whole = content.utf8().decode("utf-8")
        return short_csv_records(
            whole, layout.delimiter, layout.header_width, layout.header_index, path
        )
    last = f"c{layout.header_width - 1}"
    candidates = frame.filter(pl.col(last).is_null()).get_column(ROW)
    if candidates.len() == 0:
        return []
    source, added = content.parser_source()
    lines = (
        pl.scan_csv(source, **line_options(content.spare))
        .slice(added)
        .with_row_index(ROW, offset=1)
        .with_columns(pl.col(ROW).cast(pl.Int64))
        .filter(pl.col(ROW).is_in(candidates.implode()))
        .collect()
    )
    return short_lines(lines, layout.delimiter, layout.header_width)


def _without_blank_records(
    frame: pl.DataFrame,
    typed: list[int],
    text_columns: Callable[[Sequence[int]], pl.DataFrame] | None,
) -> pl.DataFrame:
    """The records that hold a cell. A typed column reads a cell of spaces, or `""`, as null,
    which the text holds as a cell: a record blank but for such cells is kept, as the text
    reader keeps it."""
    blank = pl.all_horizontal(pl.exclude(ROW).is_null())
    if text_columns is None:
        return frame.filter(~blank)
    blank_rows = frame.filter(blank).get_column(ROW)
    if blank_rows.len() == 0:
        return frame
    text = text_columns(typed).filter(pl.col(ROW).is_in(blank_rows.implode()))
    written = text.filter(pl.any_horizontal(pl.exclude(ROW).is_not_null())).get_column(ROW)
    return frame.filter(~blank | pl.col(ROW).is_in(written.implode()))
