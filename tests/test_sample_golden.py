"""Every report of the bundled sample, byte for byte: the reports a county reads, kept as
golden files so that a change of layout or of speed cannot change what they say.

After an intended change of a report (or of the rules or the sample), regenerate them with

    TAIKANG_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_sample_golden.py

and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CliRun

from taikang_check import __version__

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "sample"
UPDATE = os.environ.get("TAIKANG_UPDATE_GOLDEN") == "1"
FILES = ["data/sample/schools.csv", "data/sample/classes.csv", "data/sample/indicators.csv"]
AS_OF = "2025-06-30"  # large classes due, the 45/50 caps pending: every status shows
CASES = [
    ("zh", "terminal"),
    ("zh", "json"),
    ("zh", "markdown"),
    ("zh", "junit"),
    ("zh", "github"),
    ("zh", "html"),
    ("en", "terminal"),
    ("en", "json"),
]


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_sample_report_golden(
    cli: CliRun, monkeypatch: pytest.MonkeyPatch, lang: str, fmt: str
) -> None:
    monkeypatch.chdir(REPO)  # relative input paths: the same report on every machine
    env = {"COLUMNS": "100", "NO_COLOR": "1", "FORCE_COLOR": None, "TERM": "xterm-256color"}
    args = ["audit", *FILES, "--as-of", AS_OF, "--lang", lang, "--format", fmt]
    result = cli(*args, env=env)
    assert result.exit_code == 1, result.stderr
    text = result.stdout.replace(__version__, "{version}")
    golden = GOLDEN / f"{lang}.{fmt}"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(text.encode("utf-8"))
    assert text == golden.read_bytes().decode("utf-8"), f"{golden.name} changed"
