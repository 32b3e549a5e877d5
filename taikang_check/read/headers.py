"""Header rows: normalise what people type, and recognise which table a file holds."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from taikang_check.contract.tables import TABLES, TableSchema

_SEPARATORS = re.compile(r"[\s_\-]+")


def normalise_header(text: str) -> str:
    """Trim, fold case and full-width forms, and treat space, '_' and '-' alike."""
    folded = unicodedata.normalize("NFKC", text).strip().casefold()
    return _SEPARATORS.sub("_", folded)


def _spellings(table: TableSchema) -> dict[str, str]:
    index: dict[str, str] = {}
    for column in table.columns:
        index[normalise_header(column.name)] = column.name
        index[normalise_header(column.zh)] = column.name
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
    for table in TABLES:
        spellings = _SPELLINGS[table.name]
        columns = {
            position: spellings[normalise_header(header)]
            for position, header in enumerate(headers)
            if normalise_header(header) in spellings
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
