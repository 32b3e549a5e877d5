"""Exit statuses of every command, and the one function that maps a report to one."""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from taikang_check.report.model import Report


class ExitCode(IntEnum):
    OK = 0  # nothing failing at or above --fail-on, and no unknown for an error rule
    FINDINGS = 1  # there are such findings
    CANNOT_RUN = 2  # bad arguments, unreadable or malformed input, invalid rules


class FailOn(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NEVER = "never"


def exit_code_for(report: Report, fail_on: FailOn = FailOn.ERROR) -> ExitCode:
    """FINDINGS when the verdict is not pass (a due error rule failed or is unknown), or,
    with `warning`, when a warning rule failed too; the status agrees with the verdict.

    `never` always gives OK: it is for runs that only want the report.
    """
    if fail_on is FailOn.NEVER:
        return ExitCode.OK
    failing = report.verdict != "pass"
    if fail_on is FailOn.WARNING:
        failing = failing or any(r.is_failing(frozenset({"warning"})) for r in report.rules)
    return ExitCode.FINDINGS if failing else ExitCode.OK
