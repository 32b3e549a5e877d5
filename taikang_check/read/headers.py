"""Header rows: normalise what people type, and recognise which table a file holds."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from taikang_check.contract.tables import TABLES, TableSchema
from taikang_check.read.simplified import to_simplified

_SEPARATORS = re.compile(r"[\s_\-]+")
# How close a header must come to a missing column's name to be offered as "did you mean".
NEAR_MISS_RATIO = 0.6
MAX_NEAR_MISS_HEADERS = 2000  # headers compared (a wider header row is no real table)


def normalise_header(text: str) -> str:
    """Trim, fold case and full-width forms, read Traditional characters as Simplified, and
    treat space, '_' and '-' alike."""
    folded = to_simplified(unicodedata.normalize("NFKC", text).strip().casefold())
    return _SEPARATORS.sub("_", folded)


def _bare(text: str) -> str:
    """A header with no separator and no invisible character: what a near miss is compared
    by (`学校 名称`, `\ufeff学校代码` and `school id` come close to their columns)."""
    normalised = normalise_header(text)
    return "".join(c for c in normalised if c.isprintable() and c not in " _-")


def _spellings(table: TableSchema) -> dict[str, str]:
    index: dict[str, str] = {}
    for column in table.columns:
        index[normalise_header(column.name)] = column.name
        index[normalise_header(column.zh)] = column.name
        for alias in column.aliases:
            index[normalise_header(alias)] = column.name
    return index


_SPELLINGS = {table.name: _spellings(table) for table in TABLES}


@dataclass(frozen=True)
class HeaderMatch:
    table: TableSchema
    columns: dict[int, str]  # position in the file -> contract column name
    missing: tuple[str, ...]  # required columns the header lacks
    unknown: tuple[str, ...]  # headers as written that belong to no column of the table


def match_header(headers: list[str]) -> HeaderMatch | None:
    """The table whose required columns this header covers best, or None if it fits none.

    A file must name at least two columns of a table, one of them required, to count as it.
    """
    best: tuple[tuple[float, int], HeaderMatch] | None = None
    normalised = [normalise_header(header) for header in headers]
    for table in TABLES:
        spellings = _SPELLINGS[table.name]
        columns = {
            position: spellings[text]
            for position, text in enumerate(normalised)
            if text in spellings
        }
        found = set(columns.values())
        required_found = sum(1 for name in table.required if name in found)
        if len(found) < 2 or required_found == 0:
            continue
        rank = (required_found / len(table.required), len(found))
        match = HeaderMatch(
            table=table,
            columns=columns,
            missing=tuple(name for name in table.required if name not in found),
            unknown=tuple(h for i, h in enumerate(headers) if i not in columns),
        )
        if best is None or rank > best[0]:
            best = (rank, match)
    return best[1] if best else None


def names_a_column(cells: list[str]) -> bool:
    """Some cell is a column name of the contract: the row is a header of ours, misspelt or
    incomplete, and may be quoted back. A row that names none may be anything (a symlink to a
    credentials file): its content is never echoed."""
    known = set().union(*_SPELLINGS.values())
    return any(normalise_header(cell) in known for cell in cells)


def near_miss(match: HeaderMatch, headers: list[str], column: str) -> tuple[int, str] | None:
    """(position, header as written) of the unrecognised header closest to a missing column
    of the table, when one comes close enough to be what was meant."""
    schema = match.table.column(column)
    targets = [_bare(schema.name), _bare(schema.zh)]
    best: tuple[float, int] | None = None
    for position, header in enumerate(headers[:MAX_NEAR_MISS_HEADERS]):
        if position in match.columns or not header.strip():
            continue
        candidate = _bare(header)
        if not candidate:
            continue
        score = max(_closeness(candidate, target) for target in targets)
        if score >= NEAR_MISS_RATIO and (best is None or score > best[0]):
            best = (score, position)
    return (best[1], headers[best[1]]) if best else None


def _closeness(candidate: str, target: str) -> float:
    if candidate == target:
        return 1.0
    if len(candidate) > 4 * len(target) + 8:  # no near miss, and not worth comparing
        return 0.0
    matcher = difflib.SequenceMatcher(None, candidate, target)
    if target in candidate:  # 学校名称（全称）
        return max(0.8, matcher.ratio())
    if matcher.real_quick_ratio() < NEAR_MISS_RATIO or matcher.quick_ratio() < NEAR_MISS_RATIO:
        return 0.0
    return matcher.ratio()
