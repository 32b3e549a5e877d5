"""Read every input file into one typed frame per table, or say exactly why not."""

from __future__ import annotations

import codecs
import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import polars as pl

from taikang_check.contract.tables import TableSchema
from taikang_check.problems import Problem, ProblemCode, ProblemsFound, cap_problems
from taikang_check.read.bands import grouping_problems, twice_given, without_listed_schools
from taikang_check.read.coerce import coerce
from taikang_check.read.consistency import disagreements
from taikang_check.read.csv_reader import HEAD_CHARACTERS, ROW, NotUtf8, RawTable
from taikang_check.read.decode import decode
from taikang_check.read.examples import example_notes, split_examples
from taikang_check.read.headers import near_miss
from taikang_check.read.inputs import FILE, InputFile
from taikang_check.read.ole import MAGIC as OLE_MAGIC
from taikang_check.read.sniff import ZIP_MAGIC, Kind, sniff
from taikang_check.read.totals import compare_totals, split_totals, total_notes
from taikang_check.read.typed_csv import content_of_bytes, content_of_file, read_typed_csv
from taikang_check.read.xlsx_reader import read_xlsx

MAX_FILE_BYTES = 2 * 1024**3
HEAD_BYTES = HEAD_CHARACTERS  # UTF-8: at least as many characters as the header search reads


@dataclass
class Dataset:
    """The typed tables of one audit. Absent optional columns are simply not in the frame."""

    files: list[InputFile] = field(default_factory=list)
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    skipped_sheets: list[tuple[str, str]] = field(default_factory=list)  # (file, sheet)
    # The warnings about the data, in the order reports list them: what the reader left out
    # and why (total rows, example rows, empty tables) and total rows that disagree with their
    # rows, then totals across rows and tables that disagree (read/consistency.py).
    notes: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class LoadedTable:
    path: str  # the file
    frame: pl.DataFrame
    table: TableSchema
    unknown: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]
    omitted: dict[ProblemCode, int]
    sheet: str | None = None
    notes: tuple[Problem, ...] = ()


def _given_twice(paths: list[str]) -> list[Problem]:
    """The same file given twice (under one name or two) would list every row as a duplicate."""
    first: dict[str, str] = {}
    problems = []
    for path in paths:
        try:
            real = os.path.realpath(path)
        except ValueError:  # a NUL in the name: the reader says so
            continue
        if real in first:
            problems.append(Problem(ProblemCode.DUPLICATE_INPUT, file=path, value=first[real]))
        else:
            first[real] = path
    return problems


def load_dataset(paths: list[str], encoding: str | None = None) -> Dataset:
    problems: list[Problem] = []
    omitted: dict[ProblemCode, int] = {}
    frames: dict[str, list[pl.DataFrame]] = {}
    dataset = Dataset()
    problems += _given_twice(paths)
    for path in dict.fromkeys(paths):  # a file given twice is read once (and said, above)
        try:
            loaded = _load_file(path, encoding, dataset)
        except ProblemsFound as found:
            problems += found.problems
            for code, count in found.omitted.items():
                omitted[code] = omitted.get(code, 0) + count
            continue
        for item in loaded:
            for code, count in item.omitted.items():
                omitted[code] = omitted.get(code, 0) + count
            dataset.notes += item.notes
            if item.frame.height == 0:  # a header and no rows: as if the table were not given
                continue
            index = len(dataset.files)
            dataset.files.append(
                InputFile(
                    item.path,
                    item.table.name,
                    item.frame.height,
                    item.unknown,
                    item.headers,
                    item.sheet,
                )
            )
            frames.setdefault(item.table.name, []).append(
                item.frame.with_columns(pl.lit(index, pl.Int32).alias(FILE))
            )
    if problems or omitted:
        _raise(problems, omitted)
    if not frames:
        raise ProblemsFound([Problem(ProblemCode.NOTHING_TO_AUDIT), *dataset.notes])
    for name, parts in frames.items():
        dataset.tables[name] = pl.concat(parts, how="diagonal_relaxed")
    _check_across_tables(dataset)
    dataset.notes += disagreements(dataset.tables, dataset.files)
    return dataset


def _load_file(path: str, encoding: str | None, dataset: Dataset) -> list[LoadedTable]:
    head = read_head(path)
    # By content: a workbook named .csv is read as a workbook. Its container's directory is
    # at its end, so a file that starts like one is read whole.
    data = read_bytes(path) if head.startswith((*ZIP_MAGIC, OLE_MAGIC)) else None
    kind = sniff(data if data is not None else head, path)
    if data is not None and kind is not Kind.TEXT:
        workbook = read_xlsx(data, path, kind.value)
        dataset.skipped_sheets += [(path, sheet) for sheet in workbook.skipped_sheets]
        loaded: list[LoadedTable] = []
        problems: list[Problem] = []
        for raw in workbook.tables:
            try:
                loaded.append(_typed_table(raw, path, raw.path.removeprefix(path).strip(" []")))
            except ProblemsFound as found:
                problems += found.problems
        if problems:
            raise ProblemsFound(problems)
        return loaded
    if encoding is None:
        fast = _read_as_utf8(head, path)
        if fast is not None:
            return [_typed_table(fast, path, None)]
    text, _ = decode(data if data is not None else read_bytes(path), path, encoding)
    content = content_of_bytes(text.encode("utf-8"))  # transcoded once, for the parser
    # Only the beginning stays in Python, for the header (all of a file of blanks, which
    # then reads as empty).
    beginning = text[:HEAD_CHARACTERS]
    beginning = text if beginning.isspace() else beginning
    del text
    return [_typed_table(read_typed_csv(beginning, path, content), path, None)]


def _read_as_utf8(head: bytes, path: str) -> RawTable | None:
    """UTF-8 input goes to the parser as the file it is: only its beginning is decoded in
    Python (for the header) and the parser checks the rest. None: not UTF-8, read it through
    `decode`."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        return None
    body = head.removeprefix(codecs.BOM_UTF8)
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(body[:HEAD_BYTES], final=False)
    except UnicodeDecodeError:
        return None
    try:
        content = content_of_file(Path(path))
    except OSError as error:
        raise ProblemsFound([_unreadable(path, error)]) from None
    if content is None:  # a NUL byte, or the start of a compressed stream
        return None
    try:
        return read_typed_csv(text, path, content)
    except NotUtf8:
        return None


def _typed_table(raw: RawTable, path: str, sheet: str | None) -> LoadedTable:
    if raw.match.missing:
        raise ProblemsFound([_missing_column(raw, name) for name in raw.match.missing])
    if grouping := grouping_problems(raw):
        raise ProblemsFound(grouping)
    raw, totals = split_totals(raw)
    raw, example_rows = split_examples(raw)
    frame, problems, omitted = coerce(raw)
    if problems:
        raise ProblemsFound(problems, omitted)
    notes = example_notes(raw, example_rows)
    if totals is not None:
        notes += total_notes(raw, totals) + compare_totals(raw, totals, frame)
    if frame.height == 0:
        notes.append(
            Problem(ProblemCode.EMPTY_TABLE, file=raw.path, detail={"table": raw.match.table.name})
        )
    # An absent column with a default (status: open) is as if every cell were blank.
    defaults = [
        pl.lit(c.default).alias(c.name)
        for c in raw.match.table.columns
        if c.default is not None and c.name not in frame.columns
    ]
    headers = tuple((name, raw.headers[position]) for position, name in raw.match.columns.items())
    return LoadedTable(
        path,
        frame.with_columns(defaults),
        raw.match.table,
        raw.match.unknown,
        headers,
        omitted,
        sheet,
        tuple(notes),
    )


def _missing_column(raw: RawTable, name: str) -> Problem:
    """A required column the header lacks, with the header that comes closest to it."""
    detail = {"table": raw.match.table.name}
    closest = near_miss(raw.match, raw.headers, name)
    if closest is not None:
        detail |= {"closest": closest[1], "closest_position": str(closest[0] + 1)}
    return Problem(
        ProblemCode.MISSING_COLUMN, file=raw.path, row=raw.header_row, column=name, detail=detail
    )


def read_head(path: str) -> bytes:
    """The file's first bytes: enough to tell what it is and to find a CSV file's header (a
    byte-order mark and HEAD_BYTES more), or the whole file when it is smaller."""
    with _opened(path) as stream:
        head = stream.read(len(codecs.BOM_UTF8) + HEAD_BYTES)
    if not head:
        raise ProblemsFound([Problem(ProblemCode.EMPTY_FILE, file=path)])
    return head


def read_bytes(path: str) -> bytes:
    """The file's bytes; inputs are only ever opened for reading."""
    with _opened(path) as stream:
        data = stream.read()
    if not data:
        raise ProblemsFound([Problem(ProblemCode.EMPTY_FILE, file=path)])
    return data


@contextlib.contextmanager
def _opened(path: str) -> Iterator[BinaryIO]:
    """The input file open for reading; ProblemsFound when it is missing, no file, larger
    than MAX_FILE_BYTES or unreadable."""
    target = Path(path)
    try:
        if not target.exists():
            raise ProblemsFound([Problem(ProblemCode.FILE_NOT_FOUND, file=path)])
        if not target.is_file():
            raise ProblemsFound([Problem(ProblemCode.NOT_A_FILE, file=path)])
        if target.stat().st_size > MAX_FILE_BYTES:
            raise ProblemsFound(
                [
                    Problem(
                        ProblemCode.UNREADABLE_FILE,
                        file=path,
                        detail={"reason": "larger than 2 GiB"},
                    )
                ]
            )
        with target.open("rb") as stream:
            yield stream
    except OSError as error:
        raise ProblemsFound([_unreadable(path, error)]) from None


def _unreadable(path: str, error: OSError) -> Problem:
    return Problem(
        ProblemCode.UNREADABLE_FILE, file=path, detail={"reason": error.strerror or str(error)}
    )


def _check_across_tables(dataset: Dataset) -> None:
    problems: list[Problem] = []
    schools = dataset.tables.get("schools")
    if schools is not None:
        duplicated = schools.filter(pl.col("school_id").is_duplicated())
        problems += _located(dataset, duplicated, ProblemCode.DUPLICATE_ID, "school_id")
    indicators = dataset.tables.get("indicators")
    if indicators is not None:
        # One figure per county, indicator and year: two would make the audit guess.
        keys = [k for k in ("county", "indicator", "year") if k in indicators.columns]
        twice = indicators.filter(pl.struct(keys).is_duplicated()).with_columns(
            pl.concat_str(
                [pl.col(k).cast(pl.String) for k in keys], separator=" ", ignore_nulls=True
            ).alias("_figure")
        )
        what = {"what": "county figure", "what_zh": "县级指标"}
        problems += _located(dataset, twice, ProblemCode.DUPLICATE_ID, "indicator", what, "_figure")
    classes = dataset.tables.get("classes")
    bands = dataset.tables.get("class_bands")
    for listing in (classes, bands):
        if schools is not None and listing is not None:
            orphans = listing.join(schools.select("school_id"), on="school_id", how="anti")
            problems += _located(dataset, orphans, ProblemCode.UNKNOWN_SCHOOL, "school_id")
    if bands is not None:
        what = {"what": "school's grade or stage", "what_zh": "学校的年级或学段"}
        twice = twice_given(bands)
        problems += _located(
            dataset, twice, ProblemCode.DUPLICATE_ID, "school_id", what, "_band_key"
        )
    if problems:
        _raise(problems, {})
    if bands is not None:
        _prefer_classes(dataset, bands, classes)


def _prefer_classes(dataset: Dataset, bands: pl.DataFrame, classes: pl.DataFrame | None) -> None:
    """A school the classes table lists is audited from its classes; its band rows go."""
    kept, left_out = without_listed_schools(bands, classes, FILE)
    if left_out.height == 0:
        return
    # One note per band file: the number of schools, the first few named, at the first row.
    per_file = left_out.group_by(FILE, maintain_order=True).agg(
        pl.col(ROW).first(), pl.col("school_id").head(3), pl.len().alias("_schools")
    )
    dataset.notes += [
        Problem(
            ProblemCode.BANDS_SUPERSEDED,
            file=dataset.files[file_index].path,
            row=row,
            column=dataset.files[file_index].header("school_id"),
            value=", ".join(first),
            detail={"count": str(count)},
        )
        for file_index, row, first, count in per_file.iter_rows()
    ]
    if kept.height:
        dataset.tables["class_bands"] = kept
    else:
        del dataset.tables["class_bands"]


def _located(
    dataset: Dataset,
    rows: pl.DataFrame,
    code: ProblemCode,
    column: str,
    detail: dict[str, str] | None = None,
    value_column: str | None = None,
) -> list[Problem]:
    """Problems at these rows, naming `column` as its header is written in each file."""
    value_column = value_column or column
    # Enough for the cap of each code; the exact count of the rest comes from cap_problems.
    rows = rows.filter(pl.col(value_column).is_not_null()).sort([FILE, ROW]).head(10_000)
    return [
        Problem(
            code,
            file=dataset.files[file_index].path,
            row=row,
            column=dataset.files[file_index].header(column),
            value=value,
            detail=detail or {},
        )
        for file_index, row, value in rows.select(FILE, ROW, value_column).iter_rows()
    ]


def _raise(problems: list[Problem], omitted: dict[ProblemCode, int]) -> None:
    kept, capped = cap_problems(problems)
    for code, count in omitted.items():
        capped[code] = capped.get(code, 0) + count
    raise ProblemsFound(kept, capped)
