"""`taikang-check trend`: one audit per school-year folder, counts per rule and year, arrows,
JSON and an HTML page with a line chart per rule."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import CLASSES_ZH, SCHOOLS_ZH, CliRun, school_row, write_table

from taikang_check.api import audit
from taikang_check.commands.trend import school_year_end, year_inputs
from taikang_check.problems import ProblemCode, ProblemsFound

# Large classes (56 or more) per year; 2024's school-year end (2025-08-31) is after the due
# date of large-class (2024-09-01), so each counts as a failure.
LARGE = {"2024": 3, "2025": 1, "2026": 2}
TODAY = dt.date.today()


def write_year(folder: Path, large: int, blank: bool = False) -> None:
    header = [*SCHOOLS_ZH, "办学状态"]
    schools = [[*school_row("S1", 500), "在办"]]
    write_table(folder, "schools.csv", header, schools)
    classes = [["S1", 1, f"{n}班", 60] for n in range(large)] + [["S1", 2, "1班", 40]]
    classes += [["S1", 3, "1班", None]] if blank else []
    write_table(folder, "classes.csv", CLASSES_ZH, classes)


@pytest.fixture
def years(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    for year, large in LARGE.items():
        write_year(tmp_path / year, large, blank=year == "2026")
    return [f"{year}/" for year in LARGE]


def trend_json(cli: CliRun, *args: str) -> dict[str, Any]:
    result = cli("trend", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def rule(data: dict[str, Any], rule_id: str) -> list[dict[str, Any]]:
    (item,) = [r for r in data["rules"] if r["id"] == rule_id]
    years: list[dict[str, Any]] = item["years"]
    return years


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2023", dt.date(2024, 8, 31)),
        ("2023-2024", dt.date(2024, 8, 31)),
        ("2023学年", dt.date(2024, 8, 31)),
        ("1999", dt.date(2000, 8, 31)),
        ("latest", TODAY),
        ("20231", TODAY),
        ("3023", TODAY),
    ],
)
def test_school_year_end(name: str, expected: dt.date) -> None:
    assert school_year_end(name, TODAY) == expected


def test_year_inputs(tmp_path: Path) -> None:
    names = ("b.csv", "A.XLSX", "c.xlsm", ".hidden.csv", "~$A.xlsx", "README.md", "x.xls", "y.ods")
    for name in names:
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "sub.csv").mkdir()
    assert year_inputs(str(tmp_path)) == [
        str(tmp_path / n) for n in ("A.XLSX", "b.csv", "c.xlsm", "x.xls", "y.ods")
    ]
    with pytest.raises(ProblemsFound) as raised:
        year_inputs(str(tmp_path / "missing"))
    assert raised.value.problems[0].code is ProblemCode.FILE_NOT_FOUND
    for target, hint in ((tmp_path / "b.csv", "not-a-folder"), (tmp_path / "sub.csv", "no-inputs")):
        with pytest.raises(ProblemsFound) as raised:
            year_inputs(str(target))
        assert raised.value.problems[0].detail["hint"] == hint


def test_counts_are_those_of_the_audit(cli: CliRun, years: list[str]) -> None:
    data = trend_json(cli, *years)
    assert [y["label"] for y in data["years"]] == list(LARGE)
    assert [y["as_of"] for y in data["years"]] == ["2025-08-31", "2026-08-31", "2027-08-31"]
    assert [c["failed"] for c in rule(data, "large-class")] == list(LARGE.values())
    per_year = zip(*(r["years"] for r in data["rules"]), strict=True)
    for year, counts in zip(data["years"], per_year, strict=True):
        report = audit(year["inputs"], as_of=dt.date.fromisoformat(year["as_of"]))
        assert year["score"] == (None if report.score is None else round(report.score, 2))
        expected = [(r.status.value, r.failed, r.unknown, r.pending) for r in report.rules]
        assert [(c["status"], c["failed"], c["unknown"], c["pending"]) for c in counts] == expected
    assert [r["id"] for r in data["rules"]] == sorted(r["id"] for r in data["rules"])
    assert [c["unknown"] for c in rule(data, "large-class")] == [0, 0, 1]  # 2026: a blank


def test_as_of_and_selection_apply_to_every_year(cli: CliRun, years: list[str]) -> None:
    data = trend_json(cli, *years, "--as-of", "2024-08-31", "--select", "class-size")
    assert {y["as_of"] for y in data["years"]} == {"2024-08-31"}
    assert [c["pending"] for c in rule(data, "large-class")] == list(LARGE.values())
    assert [c["failed"] for c in rule(data, "large-class")] == [0, 0, 0]
    assert {r["id"] for r in data["rules"]} == {
        "large-class",
        "class-size-primary",
        "class-size-junior",
        "intake-class-size",
        "national-class-size",
    }


def test_terminal_table_with_arrows(cli: CliRun, years: list[str]) -> None:
    result = cli("trend", *years, "--pack", "taikang")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    (large,) = [line for line in lines if line.strip().startswith("large-class ")]
    assert re.search(r"large-class\s+3/0\s+1/0 ↓\s+2/1 ↑\s+消除56人及以上大班额", large), large
    assert re.search(r"学年\s+2024\s+2025\s+2026", result.stdout)
    assert re.search(r"核查日期\s+2025-08-31\s+2026-08-31\s+2027-08-31", result.stdout)
    hidden = re.search(r"另有 (\d+) 条规则各学年均无不合格（含未到期的）或缺失", result.stdout)
    assert hidden
    everything = cli("trend", *years, "--pack", "taikang", "-v", "--lang", "en")
    assert "more rules had no failure" not in everything.stdout
    assert "private-share" in everything.stdout
    assert "private-share" not in result.stdout
    assert len(everything.stdout.splitlines()) == len(lines) - 1 + int(hidden.group(1))


def test_a_rule_not_yet_due_shows_its_would_be_failures_as_pending(
    cli: CliRun, years: list[str], tmp_path: Path
) -> None:
    # As of 2024-08-31 large-class (due 2024-09-01) is not yet due in any year: its large
    # classes are pending, never 0 failures, and the rule is listed without -v.
    result = cli("trend", *years, "--pack", "taikang", "--as-of", "2024-08-31")
    assert result.exit_code == 0
    (large,) = [line for line in result.stdout.splitlines() if "large-class " in line]
    assert re.search(r"large-class\s+\(3\)/0\s+\(1\)/0 ↓\s+\(2\)/1 ↑\s+消除", large), large
    assert "（n）未到期" in result.stdout
    english = cli("trend", *years, "--pack", "taikang", "--as-of", "2024-08-31", "--lang", "en")
    assert "(n) not yet due: n would fail" in english.stdout
    # Coming due is no change: 3 pending (2023, as of 2024-08-31), then 3 failing (2024,
    # as of 2025-08-31) has no arrow.
    write_year(tmp_path / "2023", 3)
    mixed = cli("trend", "2023/", "2024/", "--pack", "taikang")
    assert re.search(r"large-class\s+\(3\)/0\s+3/0\s+消除", mixed.stdout), mixed.stdout
    page = cli("trend", *years, "--pack", "taikang", "--as-of", "2024-08-31", "-o", "html:t.html")
    assert page.exit_code == 0
    html = (tmp_path / "t.html").read_text(encoding="utf-8")
    chart = html[html.index('id="trend-large-class"') :]
    chart = chart[: chart.index("</figure>")]
    assert chart.count('<circle class="pending"') == 3
    assert "2024: 3</title>" in chart


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_page_with_a_chart_per_rule(cli: CliRun, years: list[str], tmp_path: Path) -> None:
    odd = tmp_path / "2027 <i>&"
    write_year(odd, 0)
    result = cli("trend", *years, str(odd), "--pack", "taikang", "-o", "html:trend.html")
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "trend.html").read_text(encoding="utf-8")
    assert "<i>" not in html
    assert "2027 &lt;i&gt;&amp;" in html
    page = Page()
    page.feed(html)
    figures = [a["id"] for tag, a in page.tags if tag == "figure"]
    data = trend_json(cli, *years, str(odd), "--pack", "taikang")
    acting = [
        r["id"]
        for r in data["rules"]
        if any(y["failed"] or y["pending"] or y["unknown"] for y in r["years"])
    ]
    assert figures == ["chart-score"] + [f"trend-{i}" for i in acting]
    assert sum(1 for tag, _ in page.tags if tag == "svg") == len(figures)
    chart = html[html.index('id="trend-large-class"') :]
    chart = chart[: chart.index("</figure>")]
    assert chart.count('<circle class="failed"') == 4
    assert chart.count('<circle class="unknown"') == 4
    assert "2025: 1</title>" in chart
    assert "script" not in html.lower()


def test_problems_exit_2(cli: CliRun, years: list[str], tmp_path: Path) -> None:
    not_folder = cli("trend", years[0], "2024/schools.csv")
    assert not_folder.exit_code == 2
    assert "不是文件夹" in not_folder.stderr
    (tmp_path / "empty").mkdir()
    empty = cli("trend", "empty", "--lang", "en")
    assert empty.exit_code == 2
    assert "no CSV or XLSX" in empty.stderr
    write_table(tmp_path / "bad", "schools.csv", SCHOOLS_ZH, [school_row("S1", "八百")])
    bad = cli("trend", years[0], "bad")
    assert bad.exit_code == 2
    assert "bad/schools.csv" in bad.stderr
    assert "八百" in bad.stderr
    onto_input = cli("trend", *years, "-o", "json:2024/schools.csv")
    assert onto_input.exit_code == 2
    assert "output-is-input" in onto_input.stderr
    unknown = cli("trend", *years, "--select", "larg-class")
    assert unknown.exit_code == 2
    assert "large-class" in unknown.stderr
    assert "Traceback" not in "".join(r.stderr for r in (not_folder, empty, bad, unknown))
