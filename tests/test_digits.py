"""Done-when of issue 13: no number in the sample's reports has more digits than its kind
allows (tests/digits_scan.py): terminal (every finding), Markdown, JUnit and the JSON
messages, in both languages; and a schools-only audit, where the national figures are
split from whole schools."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE, CliRun
from digits_scan import too_many_digits

FULL = [str(SAMPLE / n) for n in ("schools.csv", "classes.csv", "indicators.csv")]
AS_OF = "2025-06-30"


def test_the_scan_finds_float_noise() -> None:
    assert too_many_digits("场馆面积 4.65（标准 7.5，达 61.980000000000004%）")
    assert too_many_digits("差异系数4.281000000000001")
    assert too_many_digits("体艺 0.0（标准 0.9，达 0.0%）")  # a trailing zero
    assert too_many_digits("比例99.415%")  # a percentage with three decimals
    # A value against a limit keeps what shows it is not the limit; dates, versions, rows
    # and file names are no numbers of the report.
    assert not too_many_digits("0.4504 / 0.45  taikang-check 0.1.0  2025-06-30 schools.csv:12")


def _text(cli: CliRun, files: list[str], fmt: str, lang: str) -> str:
    result = cli("audit", *files, "--as-of", AS_OF, "--format", fmt, "--lang", lang, "-v")
    assert result.exit_code == 1, result.stderr
    if fmt == "json":
        return "\n".join(f["message"] for f in json.loads(result.stdout)["findings"])
    return result.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["terminal", "markdown", "junit", "json"])
def test_sample_reports_show_numbers_as_people_read_them(cli: CliRun, fmt: str, lang: str) -> None:
    assert too_many_digits(_text(cli, FULL, fmt, lang)) == []


@pytest.mark.parametrize("fmt", ["terminal", "json"])
def test_a_schools_only_audit_too(cli: CliRun, fmt: str) -> None:
    assert too_many_digits(_text(cli, FULL[:1], fmt, "zh")) == []
