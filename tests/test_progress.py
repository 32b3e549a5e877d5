"""The status line of a large audit: on stderr, only when it is a terminal, never --quiet,
never in a pipe or CI log, and erased before the report."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from conftest import SAMPLE_CLASSES, SAMPLE_SCHOOLS, CliRun

from taikang_check.commands import output, progress
from taikang_check.commands.audit import AuditOptions, run_audit
from taikang_check.commands.trend import TrendOptions, run_trend

ANSI = "\x1b["


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Closed(io.StringIO):
    def isatty(self) -> bool:
        raise ValueError("I/O operation on closed file")


@pytest.fixture(autouse=True)
def plain_term(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")


@pytest.mark.parametrize(
    ("stream", "size", "quiet", "shown"),
    [
        (FakeTerminal(), 51 * 2**20, False, True),
        (FakeTerminal(), 50 * 2**20, False, False),  # not more than 50 MB
        (FakeTerminal(), 51 * 2**20, True, False),  # --quiet
        (io.StringIO(), 51 * 2**20, False, False),  # a pipe, a file, a CI log
        (Closed(), 51 * 2**20, False, False),
        (object(), 51 * 2**20, False, False),  # no isatty at all
    ],
)
def test_when_progress_is_shown(stream: object, size: int, quiet: bool, shown: bool) -> None:
    assert progress.wants_progress(stream, size, quiet) is shown  # type: ignore[arg-type]


def test_a_dumb_terminal_gets_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    assert not progress.wants_progress(FakeTerminal(), 10**9)


def test_input_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"x" * 10)
    (tmp_path / "b.csv").write_bytes(b"y" * 5)
    paths = [str(tmp_path / n) for n in ("a.csv", "b.csv", "missing.csv")]
    assert progress.input_bytes(paths) == 15


def run(stderr: io.StringIO, fmt: str = "terminal", quiet: bool = False) -> tuple[int, str]:
    stdout = io.StringIO()
    options = AuditOptions(
        paths=(str(SAMPLE_SCHOOLS), str(SAMPLE_CLASSES)),
        as_of=dt.date(2026, 11, 29),
        format=fmt,
        quiet=quiet,
        select=("large-class",),
    )
    with output.captured(stdout, stderr):
        code = run_audit(options)
    return code, stdout.getvalue()


def test_audit_shows_progress_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "PROGRESS_BYTES", 0)  # the sample counts as large
    terminal = FakeTerminal()
    code, report = run(terminal, fmt="json")
    assert code == 1
    assert "核查 2 个文件" in terminal.getvalue()
    assert json.loads(report)["rules"][0]["id"] == "large-class"  # stdout is untouched
    assert ANSI not in report
    pipe = io.StringIO()
    assert run(pipe)[0] == 1
    assert pipe.getvalue() == ""
    quiet = FakeTerminal()
    run(quiet, quiet=True)
    assert quiet.getvalue() == ""


def test_small_inputs_get_no_progress() -> None:
    terminal = FakeTerminal()
    run(terminal)
    assert terminal.getvalue() == ""


def test_cli_runner_output_is_no_terminal(cli: CliRun, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "PROGRESS_BYTES", 0)
    args = ["audit", SAMPLE_SCHOOLS, "--select", "school-size*", "--as-of", "2026-11-29"]
    result = cli(*args, "--format", "json")
    assert result.stderr == ""
    assert json.loads(result.stdout)["rules"][0]["id"] == "school-size"


def test_trend_names_each_year(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(progress, "PROGRESS_BYTES", 0)
    for year in ("2024", "2025"):
        (tmp_path / year).mkdir()
        (tmp_path / year / "schools.csv").write_bytes(SAMPLE_SCHOOLS.read_bytes())
    options = TrendOptions(
        folders=(str(tmp_path / "2024"), str(tmp_path / "2025")),
        select=("school-size*",),
        format="json",
    )
    terminal = FakeTerminal()
    with output.captured(io.StringIO(), terminal):
        assert run_trend(options) == 0
    assert "核查 2024（1/2）" in terminal.getvalue()
    assert "核查 2025（2/2）" in terminal.getvalue()
