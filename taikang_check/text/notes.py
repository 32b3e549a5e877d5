"""The run's notes, as the terminal prints them under the report and the JSON report lists
them in `notes`: warnings about figures that do not add up (and other problems that let the
audit run), sheets that are no table, and columns left out of the audit."""

from __future__ import annotations

from dataclasses import dataclass

from taikang_check.report.model import Report
from taikang_check.text.labels import WORDS, pick
from taikang_check.text.problem_texts import describe_problem, header_list

NOTE_TEXT = {"unknown-columns": WORDS["unknown_columns"], "skipped-sheet": WORDS["skipped_sheet"]}


@dataclass(frozen=True)
class Note:
    code: str  # a problem code (NOTE_CODES), or unknown-columns / skipped-sheet
    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | list[str] | None = None  # the cell, or the columns left out as written
    warning: bool = False  # a problem the audit ran despite, not a mere remark

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


def report_notes(report: Report, lang: str) -> list[Note]:
    notes = [
        Note(
            p.code.value,
            describe_problem(p, lang),
            p.file,
            None,
            p.row,
            p.column,
            p.value,
            warning=True,
        )
        for p in report.warnings
    ]
    notes += [
        Note(
            "skipped-sheet",
            pick(NOTE_TEXT["skipped-sheet"], lang).format(file=path, sheet=name),
            path,
            name,
        )
        for path, name in report.skipped_sheets
    ]
    notes += [
        Note(
            "unknown-columns",
            pick(NOTE_TEXT["unknown-columns"], lang).format(file=path, cols=header_list(columns)),
            path,
            value=list(columns),
        )
        for path, columns in report.unknown_columns
    ]
    return notes
