"""CSV text to a frame of strings, with the header row found and spreadsheet row numbers kept.

The header search and the checks of the records (short, wide, blank headers) are shared with
the typed reader (typed_csv.py), which falls back to `read_csv_text` for a file it cannot take.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from taikang_check.problems import PROBLEMS_PER_CODE, Problem, ProblemCode, ProblemsFound
from taikang_check.read.headers import HeaderMatch, match_header, names_a_column, normalise_header

ROW = "_row"  # spreadsheet row number: the header is row 1 when it is the first line
# A header may sit below a title row or two, as in many government sheets.
HEADER_SEARCH_ROWS = 10
MAX_COLUMNS = 30_000  # Excel stops at 16,384; a line of a million commas is no table
HEAD_CHARACTERS = 1 << 20  # the header search reads this much, not a whole large file
_DELIMITERS = (",", "\t", ";")


@dataclass(frozen=True)
class RawTable:
    path: str
    headers: list[str]  # as written in the file
    header_row: int
    match: HeaderMatch
    # One column per header position ("c0", "c1", ...) and ROW. A column is String, the cells
    # as written, except a count, grade or year column that typed_csv.py read as integers
    # (every cell parsed and in range, so it holds what coerce would have made of the text).
    frame: pl.DataFrame
    # The cells at these header positions as written (String columns c<p> and ROW, every record
    # below the header), for the few checks that need a typed column's text; None when the
    # frame holds every column as text.
    text_columns: Callable[[Sequence[int]], pl.DataFrame] | None = None


def typed_positions(frame: pl.DataFrame) -> set[int]:
    """The header positions whose column the reader already typed (integers, not text)."""
    return {
        int(name[1:])
        for name, dtype in frame.schema.items()
        if name.startswith("c") and dtype.is_integer()
    }


@dataclass(frozen=True)
class Layout:
    """Where the table sits in a CSV file: found from its first records alone."""

    delimiter: str
    head: list[list[str]]  # the first records, as lists of cells
    width: int  # columns the parser is given: the widest first record, and one more
    header_index: int  # record index of the header (0 = the first line)
    match: HeaderMatch

    @property
    def header_width(self) -> int:
        return len(self.head[self.header_index])


def sniff_delimiter(text: str) -> str:
    """The delimiter used most on any of the first lines (a title line above may have none)."""
    lines = [line for line in text[:65536].splitlines()[:HEADER_SEARCH_ROWS] if line.strip()]
    counts = {d: max((line.count(d) for line in lines), default=0) for d in _DELIMITERS}
    return max(_DELIMITERS, key=lambda d: counts[d])  # ties keep the comma


class NotUtf8(Exception):
    """The parser found bytes that are not UTF-8: read the file through `decode` instead."""


def locate_header(text: str, path: str) -> Layout:
    """The delimiter, the first records and the header of the table in `text` (the file or
    its beginning); ProblemsFound when there is no table of ours in them."""
    if not text or text.isspace():
        raise ProblemsFound([Problem(ProblemCode.EMPTY_FILE, file=path)])
    delimiter = sniff_delimiter(text)
    try:
        head = list(
            itertools.islice(
                csv.reader(io.StringIO(text[:HEAD_CHARACTERS]), delimiter=delimiter),
                HEADER_SEARCH_ROWS,
            )
        )
    except csv.Error as error:
        raise ProblemsFound(
            [Problem(ProblemCode.UNREADABLE_FILE, file=path, detail={"reason": str(error)})]
        ) from None
    width = max(len(record) for record in head) + 1  # one more column catches extra cells
    found = find_header(head)
    if width > MAX_COLUMNS:  # a line of nothing but delimiters is no table
        wide = next(i for i, record in enumerate(head) if len(record) >= MAX_COLUMNS)
        if found is not None and wide > found[0]:  # a data row far wider than the header
            raise ProblemsFound(
                [
                    Problem(
                        ProblemCode.EXTRA_CELL,
                        file=path,
                        row=wide + 1,
                        detail={"width": str(len(head[found[0]]))},
                    )
                ]
            )
        raise ProblemsFound(
            [
                Problem(
                    ProblemCode.UNREADABLE_FILE,
                    file=path,
                    detail={"reason": f"more than {MAX_COLUMNS} columns"},
                )
            ]
        )
    if found is None:
        raise ProblemsFound([_unknown_table(head, path)])
    return Layout(delimiter, head, width, *found)


def read_csv_text(text: str, path: str, utf8: bytes | None = None) -> RawTable:
    """The table in `text`, every cell as text; `utf8`, when given, is the whole file as UTF-8
    bytes, and `text` may then be only its beginning."""
    layout = locate_header(text, path)
    data = utf8 if utf8 is not None else text.encode("utf-8")
    frame = _parse(data, path, layout.delimiter, layout.width, layout.header_width)
    # csv and the parser both keep blank lines as records, so record i is spreadsheet row i+1.
    frame = frame.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64))
    short = _short_records(
        text, utf8, layout.delimiter, frame, layout.header_width, layout.header_index, path
    )
    raise_short_records(short, layout.header_width, path)
    return table_below_header(path, layout.head, frame, layout.header_index, layout.match)


def raise_short_records(rows: list[int], width: int, path: str) -> None:
    if rows:
        raise ProblemsFound(
            [
                Problem(ProblemCode.MISSING_CELL, file=path, row=row, detail={"width": str(width)})
                for row in rows
            ]
        )


def _may_have_short_records(frame: pl.DataFrame, width: int, header_index: int) -> bool:
    """A record with fewer cells than the header leaves its last column null: when that
    column has no null below the header, no record is short and the file is not read again."""
    last = f"c{width - 1}"
    if last not in frame.columns:
        return True
    return frame.get_column(last).slice(header_index + 1).null_count() > 0


def _short_records(
    text: str,
    utf8: bytes | None,
    delimiter: str,
    frame: pl.DataFrame,
    width: int,
    header_index: int,
    path: str,
) -> list[int]:
    """Spreadsheet rows below the header with fewer cells than the header (the parser would
    quietly fill them with blanks). Without quotes a record is a line, and lines are counted
    column-wise; with quotes, records are counted by the csv module (which also finds the
    records it cannot read)."""
    data = utf8 if utf8 is not None else text.encode("utf-8")
    spare = next((c for c in "\x1f\x1e\x1d\x1c" if c.encode() not in data), None)
    if b'"' not in data and spare is not None:
        if not _may_have_short_records(frame, width, header_index):
            return []
        return short_lines(_lines(data, spare).slice(header_index + 1), delimiter, width)
    whole = data.decode("utf-8") if utf8 is not None else text
    return short_csv_records(whole, delimiter, width, header_index, path)


def short_lines(lines: pl.DataFrame, delimiter: str, width: int) -> list[int]:
    """The rows of `lines` (ROW and each line as "line", below the header) with fewer cells
    than `width`: a file without quotes, where a record is a line."""
    cells = pl.col("line").str.count_matches(delimiter, literal=True) + 1
    short = lines.filter((cells < width) & (pl.col("line").str.strip_chars().str.len_chars() > 0))
    return [int(row) for row in short.get_column(ROW).head(PROBLEMS_PER_CODE).to_list()]


def short_csv_records(
    whole: str, delimiter: str, width: int, header_index: int, path: str
) -> list[int]:
    """The rows below the header with fewer cells than `width`, as the csv module reads the
    whole file `whole` (quotes may put a line break inside a cell)."""
    rows: list[int] = []
    reader = csv.reader(io.StringIO(whole), delimiter=delimiter)
    try:
        for number, record in enumerate(reader, start=1):
            if number > header_index + 1 and 0 < len(record) < width and any(record):
                rows.append(number)
                if len(rows) >= PROBLEMS_PER_CODE:
                    break
    except csv.Error as error:  # a bare carriage return inside an unquoted cell, say
        raise ProblemsFound([_unreadable(path, error)]) from None
    return rows


def table_below_header(
    path: str, head: list[list[str]], frame: pl.DataFrame, header_index: int, match: HeaderMatch
) -> RawTable:
    """The records below the header as a RawTable; `frame` holds every record, in order, as
    String columns c0, c1, … and ROW; `head` is its first records as lists of cells."""
    header_row = int(frame.get_column(ROW)[header_index])
    frame = frame.slice(header_index + 1)
    frame = frame.filter(~pl.all_horizontal(pl.exclude(ROW).is_null()))
    return records_below_header(path, header_cells(head[header_index]), header_row, match, frame)


def header_cells(record: list[str]) -> list[str]:
    return [cell.strip() for cell in record]


def records_below_header(
    path: str,
    headers: list[str],
    header_row: int,
    match: HeaderMatch,
    frame: pl.DataFrame,
    text_columns: Callable[[Sequence[int]], pl.DataFrame] | None = None,
) -> RawTable:
    """The RawTable of the records below the header (`frame`, blank records already left
    out), once its header names each column once and no record is wider than it."""
    problems = _header_problems(headers, header_row, match, frame, path)
    problems += _extra_cells(frame, len(headers), path)
    if problems:
        raise ProblemsFound(problems)
    keep = [f"c{i}" for i in range(len(headers))]
    return RawTable(
        path=path,
        headers=headers,
        header_row=header_row,
        match=match,
        frame=frame.select([*keep, ROW]),
        text_columns=text_columns,
    )


def find_header(head: list[list[str]]) -> tuple[int, HeaderMatch] | None:
    """The first of the first records that reads as the header of a table."""
    for index, record in enumerate(head[:HEADER_SEARCH_ROWS]):
        if len(record) >= MAX_COLUMNS:  # no header is that wide
            continue
        match = match_header([cell.strip() for cell in record])
        if match is not None:
            return index, match
    return None


def _unknown_table(head: list[list[str]], path: str) -> Problem:
    """The header as written when it names some column of ours; else nothing of the file."""
    first = next((r for r in head if any(c.strip() for c in r)), [])
    if not names_a_column(first):
        return Problem(ProblemCode.UNKNOWN_TABLE, file=path, row=1, value=None)
    value = ", ".join(c.strip() for c in first)[:200]
    return Problem(ProblemCode.UNKNOWN_TABLE, file=path, row=1, value=value)


def _parse(data: bytes, path: str, delimiter: str, width: int, header_width: int) -> pl.DataFrame:
    """All records as strings, `width` columns wide or wider if a later record is wider (up
    to MAX_COLUMNS: a wider record is a located extra-cell problem, not a frame that size)."""
    try:
        return _read(data, delimiter, width)
    except OSError as error:  # the parser took the bytes for a compressed stream
        raise ProblemsFound([_unreadable(path, error)]) from None
    except (pl.exceptions.PolarsError, ValueError) as error:
        message = str(error)
        if "utf-8" in message.lower() or "utf8" in message.lower():
            raise NotUtf8 from None
        if "more fields" not in message:
            reason = message.splitlines()[0] if message else type(error).__name__
            raise ProblemsFound(
                [Problem(ProblemCode.UNREADABLE_FILE, file=path, detail={"reason": reason})]
            ) from None
    # A record below the first lines is wider: measure the widest once (only on this path).
    try:
        widest, row = _widest_record(data, delimiter)
        if widest > MAX_COLUMNS:
            raise ProblemsFound(
                [
                    Problem(
                        ProblemCode.EXTRA_CELL,
                        file=path,
                        row=row,
                        detail={"width": str(header_width)},
                    )
                ]
            )
        return _read(data, delimiter, widest + 1)
    except (pl.exceptions.PolarsError, ValueError, OSError, csv.Error) as error:
        raise ProblemsFound([_unreadable(path, error)]) from None


def _widest_record(data: bytes, delimiter: str) -> tuple[int, int]:
    """(cells of the widest record, its spreadsheet row). Without quotes a record is a line
    and cells are counted column-wise; with quotes the csv module reads the records, and
    stops at the first one wider than MAX_COLUMNS."""
    spare = next((c for c in "\x1f\x1e\x1d\x1c" if c.encode() not in data), None)
    if b'"' not in data and spare is not None:
        lines = _lines(data, spare).with_columns(
            # a blank line reads as null: one empty cell, not a null that sorts first
            (pl.col("line").fill_null("").str.count_matches(delimiter, literal=True) + 1).alias(
                "cells"
            )
        )
        top = lines.sort("cells", descending=True, maintain_order=True).head(1)
        if top.height == 0:
            return 0, 1
        return int(top.get_column("cells")[0]), int(top.get_column(ROW)[0])
    widest, widest_row = 0, 1
    reader = csv.reader(io.StringIO(data.decode("utf-8")), delimiter=delimiter)
    for number, record in enumerate(reader, start=1):
        if len(record) > widest:
            widest, widest_row = len(record), number
            if widest > MAX_COLUMNS:
                break
    return widest, widest_row


def _lines(data: bytes, spare: str) -> pl.DataFrame:
    """Each line of `data` as one cell ("line"), numbered from 1 (ROW): split on a character
    the file does not contain, with no quoting."""
    text_bytes, added = as_text_bytes(data)
    return pl.read_csv(text_bytes, **line_options(spare)).slice(added).with_row_index(ROW, offset=1)


def line_options(spare: str) -> dict[str, Any]:
    """The parser's options that read each line as one cell: split on a character the file
    does not contain, with no quoting."""
    return {
        "has_header": False,
        "separator": spare,
        "quote_char": None,
        "schema": {"line": pl.String},
        "raise_if_empty": False,
    }


def _unreadable(path: str, error: Exception) -> Problem:
    reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
    return Problem(ProblemCode.UNREADABLE_FILE, file=path, detail={"reason": reason})


# The parser takes bytes that start like gzip, zlib or zstd for a compressed file; a text
# file may start so by chance (a title "x^2 …"). A leading blank line, dropped again, stops it.
COMPRESSED_STARTS = (b"\x1f\x8b", b"x\x01", b"x^", b"x\x9c", b"x\xda", b"(\xb5/\xfd")


def as_text_bytes(data: bytes) -> tuple[bytes, int]:
    return (b"\n" + data, 1) if data.startswith(COMPRESSED_STARTS) else (data, 0)


def _read(data: bytes, delimiter: str, width: int) -> pl.DataFrame:
    data, added = as_text_bytes(data)
    return pl.read_csv(
        data,
        has_header=False,
        separator=delimiter,
        infer_schema=False,
        schema={f"c{i}": pl.String for i in range(width)},
        missing_columns="insert",
        truncate_ragged_lines=False,
        raise_if_empty=False,
    ).slice(added)


def _header_problems(
    headers: list[str], header_row: int, match: HeaderMatch, frame: pl.DataFrame, path: str
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, header in enumerate(headers):
        if not header:
            # Trailing empty header cells with nothing below them are what Excel leaves behind.
            if frame.get_column(f"c{index}").null_count() < frame.height:
                problems.append(
                    Problem(
                        ProblemCode.BLANK_HEADER,
                        file=path,
                        row=header_row,
                        detail={"position": str(index + 1)},
                    )
                )
            continue
        # Two spellings of one column (school_id and 学校代码) are duplicates too.
        key = match.columns.get(index) or normalise_header(header)
        if key in seen:
            problems.append(
                Problem(
                    ProblemCode.DUPLICATE_HEADER,
                    file=path,
                    row=header_row,
                    column=header,
                    detail={"position": str(index + 1)},
                )
            )
        seen.add(key)
    return problems


def _extra_cells(frame: pl.DataFrame, header_width: int, path: str) -> list[Problem]:
    extra_columns = [c for c in frame.columns if c.startswith("c") and int(c[1:]) >= header_width]
    if not extra_columns:
        return []
    rows = frame.filter(pl.any_horizontal(pl.col(extra_columns).is_not_null())).get_column(ROW)
    return [
        Problem(
            ProblemCode.EXTRA_CELL, file=path, row=int(row), detail={"width": str(header_width)}
        )
        for row in rows.head(50).to_list()
    ]
