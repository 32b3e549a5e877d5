"""A multi-county audit's reports: the title names the counties of the data (never 太康县
alone), no pseudo-county row, and every county's verdict, score and coverage in the terminal,
Markdown and JSON reports. The data is scripts/generate_sample.py's city of three counties."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CliRun
from test_multi_county import load_generator

COUNTIES = 3
AS_OF = "2025-06-30"


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("city3")
    load_generator().write_city(out, COUNTIES)
    return [str(out / name) for name in ("schools.csv", "classes.csv", "indicators.csv")]


def _audit(cli: CliRun, city: list[str], *args: str) -> str:
    result = cli("audit", *city, "--as-of", AS_OF, *args)
    assert result.exit_code == 1, result.output
    return result.stdout


def test_every_county_has_its_verdict_score_and_coverage(cli: CliRun, city: list[str]) -> None:
    report = json.loads(_audit(cli, city, "--format", "json"))
    counties = report["summary"]["counties"]
    names = [c["county"] for c in counties]
    assert len(names) == COUNTIES
    assert all(name and name != "—" for name in names)
    for county in counties:
        assert county["verdict"] in ("pass", "fail", "undecided")
        assert 0 <= county["assessed"] <= county["applicable"]
        assert county["score"] is not None

    terminal = _audit(cli, city)
    title = terminal.splitlines()[0]
    assert all(name in title for name in names), title
    assert "太康县义务教育" not in title  # the data is not one county's
    rows = {}
    for county in counties:
        (line,) = [
            line
            for line in terminal.splitlines()
            if line.strip().startswith(county["county"]) and "已核查" in line
        ]
        rows[county["county"]] = line
        verdict = {"pass": "合格", "fail": "不合格", "undecided": "待定"}[county["verdict"]]
        assert verdict in line
        assert f"已核查 {county['assessed']} / 适用 {county['applicable']}" in line
        assert re.search(rf"\s{re.escape(str(county['score']))}\s", line), line
    summary = terminal[: terminal.index("需整改的问题")]
    assert not re.search(r"^\s*—\s", summary, re.MULTILINE)  # no pseudo-county row

    markdown = _audit(cli, city, "--format", "markdown")
    assert all(name in markdown.splitlines()[0] for name in names)
    for county in counties:
        cells = f"| {county['county']} | "
        (row,) = [line for line in markdown.splitlines() if line.startswith(cells)]
        assert row.endswith(f"| {county['assessed']} | {county['applicable']} |"), row
    english = _audit(cli, city, "--lang", "en")
    assert english.splitlines()[0].count("Taikang compulsory") == 0

    html = _audit(cli, city, "--format", "html")
    heading = html[html.index("<h1>") : html.index("</h1>")]
    assert all(name in heading for name in names), heading
    assert "太康县义务教育" not in heading


def test_more_counties_than_a_title_holds_are_counted(cli: CliRun, tmp_path: Path) -> None:
    load_generator().write_city(tmp_path, 4)
    files = [str(tmp_path / n) for n in ("schools.csv", "classes.csv", "indicators.csv")]
    result = cli("audit", *files, "--as-of", AS_OF, "--pack", "taikang", "--quiet")
    assert "4 个县义务教育优质均衡发展监测报告" in result.stdout.splitlines()[0]
