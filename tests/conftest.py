"""Shared helpers for the tests: writing small CSV tables, running the CLI, the sample data.

Test modules import the plain helpers (`from conftest import write_table, SAMPLE`); the
`cli` fixture runs `taikang_check.cli.main.main` in-process through click's CliRunner.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from taikang_check.cli.main import main

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample"
SAMPLE_SCHOOLS = SAMPLE / "schools.csv"
SAMPLE_CLASSES = SAMPLE / "classes.csv"

# The required columns of the schools table, as the contract names them.
SCHOOLS_ZH = ["学校代码", "学校名称", "乡镇", "学校类型", "办学性质", "城乡类别", "在校生数"]
SCHOOLS_EN = ["school_id", "name", "township", "kind", "ownership", "area", "students"]
CLASSES_ZH = ["学校代码", "年级", "班级", "学生数"]
CLASSES_EN = ["school_id", "grade", "class_name", "students"]


def school_row(school_id: str = "S1", students: object = 300, **overrides: object) -> list[object]:
    """One row under SCHOOLS_ZH: an open urban public primary school unless overridden."""
    values: dict[str, object] = {
        "school_id": school_id,
        "name": f"{school_id}小学",
        "township": "城关回族镇",
        "kind": "小学",
        "ownership": "公办",
        "area": "城区",
        "students": students,
        **overrides,
    }
    return [values[name] for name in SCHOOLS_EN]


def write_table(
    tmp_path: Path,
    name: str,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    encoding: str = "utf-8",
    delimiter: str = ",",
    *,
    line_ending: str = "\n",
    before: Sequence[str] = (),
    bom: bool = False,
) -> Path:
    """Write a CSV file the way a spreadsheet program would and return its path.

    `before` lines are written verbatim above the header (title rows, blank lines);
    `bom` puts U+FEFF first (for encodings such as utf-16-le that do not write one).
    None is written as an empty cell.
    """
    buffer = io.StringIO()
    for line in before:
        buffer.write(line + line_ending)
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_ending)
    writer.writerow(header)
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    text = ("\ufeff" if bom else "") + buffer.getvalue()
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def write_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


class CliResult(NamedTuple):
    exit_code: int
    stdout: str
    stderr: str

    @property
    def all_output(self) -> str:
        return self.stdout + self.stderr


CliRun = Callable[..., CliResult]


@pytest.fixture
def cli() -> CliRun:
    """Run `taikang-check ARGS...` in-process: returns (exit_code, stdout, stderr).

    click >= 8.2 always keeps stdout and stderr apart on the Result (the old `mix_stderr`
    argument is gone; `output` is the interleaved view). Exceptions are not caught, so a
    crash fails the test with its traceback instead of hiding behind an exit code.
    """
    runner = CliRunner()

    def run(*args: str | Path, env: Mapping[str, str | None] | None = None) -> CliResult:
        result = runner.invoke(
            main, [str(a) for a in args], env=dict(env or {}), catch_exceptions=False
        )
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: takes more than about 5 s (not deselected by default)"
    )


@pytest.fixture(autouse=True)
def _chinese_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The language falls back to the locale; every test starts from one that is not English,
    as on a county office's machine, whatever the machine running the tests says."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
