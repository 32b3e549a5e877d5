"""Everything that stops an audit from running: a closed, typed set with stable codes.

Problems are kept apart from findings. A finding says the data breaks a rule (exit 1);
a problem says the audit could not run on what was given (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ProblemCode(StrEnum):
    # Files
    FILE_NOT_FOUND = "file-not-found"
    NOT_A_FILE = "not-a-file"
    UNREADABLE_FILE = "unreadable-file"
    UNSUPPORTED_FORMAT = "unsupported-format"
    EMPTY_FILE = "empty-file"
    ENCODING_ERROR = "encoding-error"
    WRONG_FORMAT = "wrong-format"  # another kind of document (Word, PDF, a zip archive ...)
    ENCRYPTED_FILE = "encrypted-file"
    MALFORMED_WORKBOOK = "malformed-workbook"  # refused before a library reads it
    TOO_LARGE = "too-large"
    SPARSE_SHEET = "sparse-sheet"  # a stray cell far from the table
    BAD_CELL_REFERENCE = "bad-cell-reference"  # past XFD1048576, or no reference at all
    # Headers and tables
    NO_HEADER = "no-header"
    BLANK_HEADER = "blank-header"
    DUPLICATE_HEADER = "duplicate-header"
    UNKNOWN_TABLE = "unknown-table"
    MISSING_COLUMN = "missing-column"
    # Cells
    EXTRA_CELL = "extra-cell"
    MISSING_CELL = "missing-cell"
    TYPE_ERROR = "type-error"
    OUT_OF_DOMAIN = "out-of-domain"
    NEGATIVE_COUNT = "negative-count"
    # Across rows and tables
    DUPLICATE_ID = "duplicate-id"
    UNKNOWN_SCHOOL = "unknown-school"
    INCONSISTENT_TOTAL = "inconsistent-total"  # a warning: the audit still runs
    # Rules and arguments
    RULE_FILE_INVALID = "rule-file-invalid"
    RULE_YAML_ERROR = "rule-yaml-error"
    RULES_NOT_FOUND = "rules-not-found"
    UNKNOWN_RULE = "unknown-rule"
    BAD_ARGUMENT = "bad-argument"
    OUTPUT_IS_INPUT = "output-is-input"
    UNWRITABLE_OUTPUT = "unwritable-output"
    INTERNAL_ERROR = "internal-error"
    DUPLICATE_INPUT = "duplicate-input"  # the same file given twice
    # Added later; kept at the end so that existing codes keep their order.
    TOTAL_ROW = "total-row"  # a note: a 合计/小计 row is left out of the audit
    TOTAL_MISMATCH = "total-mismatch"  # a warning: a total row disagrees with its rows
    EXAMPLE_ROW = "example-row"  # a note: the template's example row is left out
    EMPTY_TABLE = "empty-table"  # a note: a header and no data rows, as if not given
    NOTHING_TO_AUDIT = "nothing-to-audit"
    MIXED_ENCODING = "mixed-encoding"
    COUNT_TOO_LARGE = "count-too-large"
    EXCEL_ERROR = "excel-error"
    NO_GRADE_OR_STAGE = "no-grade-or-stage"  # a band table that says neither
    BANDS_SUPERSEDED = "bands-superseded"  # a note: a school's classes table rows win
    BAND_CAP_OFF_EDGE = "band-cap-off-edge"  # a rule's class cap inside a size band
    CLASS_SUM_MISMATCH = "class-sum-mismatch"  # a warning: students ≠ the sum of the classes


# Problems that do not stop the audit: notes and warnings printed with the report (and by
# `validate`). Every other code stops it with exit status 2.
NOTE_CODES = frozenset(
    {
        ProblemCode.INCONSISTENT_TOTAL,
        ProblemCode.CLASS_SUM_MISMATCH,
        ProblemCode.TOTAL_ROW,
        ProblemCode.TOTAL_MISMATCH,
        ProblemCode.EXAMPLE_ROW,
        ProblemCode.EMPTY_TABLE,
        ProblemCode.BANDS_SUPERSEDED,
    }
)


@dataclass(frozen=True)
class Problem:
    """One reason the audit cannot run, located as precisely as we can."""

    code: ProblemCode
    file: str | None = None
    row: int | None = None  # spreadsheet row: header is 1, first data row is 2
    column: str | None = None  # the header as written in the file
    value: str | None = None
    detail: dict[str, str] = field(default_factory=dict)

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file or "", self.row or 0, self.column or "", self.code.value)


class ProblemsFound(Exception):
    """Raised by the core when input, rules or arguments make the audit impossible."""

    def __init__(self, problems: list[Problem], omitted: dict[ProblemCode, int] | None = None):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
        # Problems not listed because a code hit its cap, by code.
        self.omitted = omitted or {}


# How many problems of one code we list per file before just counting the rest.
PROBLEMS_PER_CODE = 20


def cap_problems(problems: list[Problem]) -> tuple[list[Problem], dict[ProblemCode, int]]:
    """Keep the first PROBLEMS_PER_CODE problems of each (file, code); count the rest."""
    kept: list[Problem] = []
    seen: dict[tuple[str, ProblemCode], int] = {}
    omitted: dict[ProblemCode, int] = {}
    for problem in sorted(problems, key=Problem.sort_key):
        key = (problem.file or "", problem.code)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= PROBLEMS_PER_CODE:
            kept.append(problem)
        else:
            omitted[problem.code] = omitted.get(problem.code, 0) + 1
    return kept, omitted


# How many problems a run lists in all (3,000 broken rule files are not 15,000 lines to read).
PROBLEMS_LISTED = 100


def cap_total(
    problems: list[Problem], omitted: dict[ProblemCode, int] | None = None
) -> ProblemsFound:
    """The first PROBLEMS_LISTED problems, per (file, code) capped as well; the rest counted."""
    kept, counted = cap_problems(problems)
    counted = {code: counted.get(code, 0) + (omitted or {}).get(code, 0) for code in ProblemCode}
    for problem in kept[PROBLEMS_LISTED:]:
        counted[problem.code] += 1
    return ProblemsFound(kept[:PROBLEMS_LISTED], {c: n for c, n in counted.items() if n})
