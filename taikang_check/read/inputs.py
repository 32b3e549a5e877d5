"""The input files as the reports name them, and the column that ties a row to its file."""

from __future__ import annotations

from dataclasses import dataclass

FILE = "_file"  # index into Dataset.files


@dataclass(frozen=True)
class InputFile:
    path: str
    table: str
    rows: int
    unknown_columns: tuple[str, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()  # contract column -> header as written
    sheet: str | None = None  # the worksheet, for Excel input

    def header(self, column: str) -> str:
        return dict(self.headers).get(column, column)
