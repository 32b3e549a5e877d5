"""The terminal report, byte for byte: a golden file per language.

Rendered by the CLI as a pipe sees it (not a terminal, NO_COLOR, COLUMNS=100) from a small
data set audited with the county-plan pack on a fixed date. After an intended change of the
terminal report (or of the rules it shows), regenerate the files with

    TAIKANG_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_terminal_golden.py

and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CLASSES_ZH, SCHOOLS_ZH, CliRun, school_row, write_table
from rich.cells import cell_len

from taikang_check import __version__

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("TAIKANG_UPDATE_GOLDEN") == "1"
AS_OF = "2025-06-01"  # large-class and teaching-point-50/100 due; the 45/50 caps pending


def write_dataset(folder: Path) -> list[str]:
    """A failing error rule, a failing warning, pending class sizes, blank cells (unknown),
    rules skipped for missing columns, and names of CJK (double-width) characters."""
    header = [*SCHOOLS_ZH, "办学状态", "确需保留", "设计规模"]
    schools = [
        [*school_row("S1", 600, name="城关第一小学"), "在办", "", ""],
        [*school_row("S2", 0, name="东乡中心小学", township="东乡", area="乡村"), "在办", "", ""],
        [*school_row("T1", 30, name="李庄教学点", kind="教学点", area="乡村"), "在办", "", ""],
        [*school_row("T2", 80, name="王庄教学点", kind="教学点", area="乡村"), "在办", "否", ""],
        [*school_row("P1", 0, name="阳夏小学"), "规划", "", 2400],
    ]
    write_table(folder, "schools.csv", header, schools)
    classes = [
        ["S1", "一年级", "1班", 58],
        ["S1", "一年级", "2班", 47],
        ["S1", "二年级", "1班", None],
        ["S1", "七年级", "1班", 52],
    ]
    write_table(folder, "classes.csv", CLASSES_ZH, classes)
    return ["schools.csv", "classes.csv"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_terminal_report_golden(
    cli: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.chdir(tmp_path)  # relative input paths: the same header on every machine
    files = write_dataset(tmp_path)
    env = {"COLUMNS": "100", "NO_COLOR": "1", "FORCE_COLOR": None, "TERM": "xterm-256color"}
    args = ["audit", *files, "--pack", "taikang", "--as-of", AS_OF, "--lang", lang]
    result = cli(*args, env=env)
    assert result.exit_code == 1
    assert result.stderr == ""
    text = result.stdout.replace(f"taikang-check {__version__}", "taikang-check VERSION")
    assert "\x1b[" not in text
    assert cell_len(text.splitlines()[0]) == 100  # the title's rule spans COLUMNS
    path = GOLDEN / f"terminal.{lang}.txt"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert text.encode("utf-8") == path.read_bytes(), (
        f"{path.name} differs; if the change is intended, regenerate it: see the module docstring"
    )
