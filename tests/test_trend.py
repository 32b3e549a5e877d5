"""`taikang-check trend`: one audit per school-year folder, counts per rule and year, arrows,
JSON and an HTML page with a line chart per rule."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from conftest import CLASSES_ZH, SAMPLE, SCHOOLS_EN, SCHOOLS_ZH, CliRun, school_row, write_table

from taikang_check.api import audit
from taikang_check.commands.trend import TrendOptions, collect, school_year_end, year_inputs
from taikang_check.contract.tables import RESOURCES
from taikang_check.problems import ProblemCode, ProblemsFound
from taikang_check.render.html.trend import render_trend_html
from taikang_check.render.trend import coverage_changes, render_json, render_terminal
from taikang_check.report.model import Report, Status
from taikang_check.report.trend import Trend, Year
from taikang_check.rulebook.loader import load_rules
from taikang_check.text.labels import VERDICT_TEXT, pick
from taikang_check.text.numbers import score_text, series_numbers

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


def test_the_rule_files_are_read_once_for_every_year(
    cli: CliRun, years: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import taikang_check.api

    calls: list[object] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return load_rules(*args, **kwargs)

    monkeypatch.setattr(taikang_check.api, "load_rules", counted)
    data = trend_json(cli, *years)
    assert len(data["years"]) == len(LARGE)
    assert len(calls) == 1


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
    (large,) = [line for line in lines if line.endswith(" · large-class")]
    # ↑ better (fewer large classes), ↓ worse, whatever the row; the title, then the id.
    assert re.search(r"^\s+3/0\s+1/0 ↑\s+2/1 ↓\s+消除56人及以上大班额 · large-class$", large), large
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
    (large,) = [line for line in result.stdout.splitlines() if line.endswith(" · large-class")]
    assert re.search(r"^\s+\(3\)/0\s+\(1\)/0 ↑\s+\(2\)/1 ↓\s+消除", large), large
    assert "（n）未到期" in result.stdout
    english = cli("trend", *years, "--pack", "taikang", "--as-of", "2024-08-31", "--lang", "en")
    assert "(n) not yet due: n would fail" in english.stdout
    # Coming due is no change: 3 pending (2023, as of 2024-08-31), then 3 failing (2024,
    # as of 2025-08-31) has no arrow.
    write_year(tmp_path / "2023", 3)
    mixed = cli("trend", "2023/", "2024/", "--pack", "taikang")
    assert re.search(r"\(3\)/0\s+3/0\s+消除56人及以上大班额 · large-class", mixed.stdout)
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


def test_a_bare_output_path_is_read_as_audit_reads_it(
    cli: CliRun, years: list[str], tmp_path: Path
) -> None:
    """By its extension when it names a trend format, else by --format (render/formats.py)."""
    data = trend_json(cli, *years, "--pack", "taikang")
    shown = cli("trend", *years, "--pack", "taikang", "-o", "t.json", "-o", "t.htm")
    assert json.loads((tmp_path / "t.json").read_text("utf-8")) == data
    assert (tmp_path / "t.htm").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert "large-class" in shown.stdout  # the terminal table stays on the screen
    cli("trend", *years, "--pack", "taikang", "--format", "json", "-o", "t.md")
    assert json.loads((tmp_path / "t.md").read_text("utf-8")) == data  # no trend markdown


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


# --- One meaning for the marks, and the year's verdict, score and coverage ----------------


class Tty(io.StringIO):
    """A stream that says it is a terminal, so the table is coloured."""

    def isatty(self) -> bool:
        return True


GREEN, RED = "\x1b[32m", "\x1b[31m"


def coloured_marks(text: str) -> list[tuple[str, str]]:
    """(colour code, mark) of every ↑/↓ in coloured terminal text."""
    return re.findall(r"(\x1b\[[0-9;]*m) ?([↑↓])", text)


def test_marks_mean_better_or_worse_on_every_row_and_are_coloured(
    years: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # large-class: 3, then 1 (fewer: better), then 2 (more: worse); a higher score is better.
    options = TrendOptions(tuple(years), packs=("taikang",))
    trend = collect(options, [year_inputs(f) for f in years])
    scores = [y.score or 0.0 for y in trend.years]
    expected_score = [
        (GREEN, "↑") if now > before else (RED, "↓")
        for before, now in pairwise(scores)
        if now != before
    ]
    assert expected_score
    monkeypatch.delenv("NO_COLOR")
    stream = Tty()
    render_terminal(trend, stream, "zh", verbose=False)
    lines = stream.getvalue().splitlines()
    (large,) = [line for line in lines if "large-class" in line]
    (score,) = [line for line in lines if "合规得分" in line]
    for line, expected in ((large, [(GREEN, "↑"), (RED, "↓")]), (score, expected_score)):
        found = coloured_marks(line)
        assert [mark for _, mark in found] == [mark for _, mark in expected], line
        for (code, _), (colour, _) in zip(found, expected, strict=True):
            assert colour in code, repr(line)
    legend = [line for line in lines if "好转" in line]
    assert legend
    assert "↑ 比上一学年好转、↓ 变差" in legend[0]
    english = io.StringIO()
    render_terminal(trend, english, "en", verbose=False)
    assert "↑ better than the year before, ↓ worse" in english.getvalue()
    page = io.StringIO()
    render_trend_html(trend, page, "zh")
    html = page.getvalue()
    row = html[html.index('href="#trend-large-class"') :]
    row = row[: row.index("</tr>")]
    assert re.findall(r'<span class="(\w+)">([↑↓])</span>', row) == [
        ("better", "↑"),
        ("worse", "↓"),
    ]
    assert ".better{color:#2e7d32" in html
    assert ".worse{color:#c0392b" in html
    assert "↑ 比上一学年好转、↓ 变差（绿色好转、红色变差）" in html


def test_each_year_shows_verdict_score_and_coverage(
    cli: CliRun, years: list[str], tmp_path: Path
) -> None:
    data = trend_json(cli, *years, "--pack", "taikang")
    reports = [
        audit(y["inputs"], as_of=dt.date.fromisoformat(y["as_of"]), packs=("taikang",))
        for y in data["years"]
    ]
    expected = [(r.verdict, r.score, r.assessed, r.applicable) for r in reports]
    assert [(y["verdict"], y["score"], y["assessed"], y["applicable"]) for y in data["years"]] == (
        expected
    )
    result = cli("trend", *years, "--pack", "taikang")
    verdicts = [pick(VERDICT_TEXT[r.verdict], "zh") for r in reports]
    assert re.search(r"结论\s+" + r"\s+".join(map(re.escape, verdicts)), result.stdout)
    (score,) = [line for line in result.stdout.splitlines() if "合规得分" in line]
    assert [score_text(r.score) for r in reports] == re.findall(r"\d+(?:\.\d+)?", score)
    (coverage,) = [line for line in result.stdout.splitlines() if "已核查/适用规则" in line]
    assert re.findall(r"\d+/\d+", coverage) == [f"{r.assessed}/{r.applicable}" for r in reports]
    english = cli("trend", *years, "--pack", "taikang", "--lang", "en")
    assert "Rules assessed/applicable" in english.stdout
    assert "Verdict" in english.stdout
    cli("trend", *years, "--pack", "taikang", "-o", "html:trend.html")
    html = (tmp_path / "trend.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="years">') : html.index("</table>")]
    for report, verdict in zip(reports, verdicts, strict=True):
        assert f'<span class="verdict-{report.verdict}">{verdict}</span>' in section
        assert f">{report.assessed}/{report.applicable}<" in section
        assert f">{score_text(report.score)}" in section


def test_coverage_is_better_when_a_larger_share_is_assessed() -> None:
    def year(assessed: int, applicable: int) -> Year:
        return Year("y", "y", TODAY, (), 50.0, {}, "pass", assessed, applicable)

    years = (year(5, 10), year(6, 10), year(6, 12), year(6, 12))
    assert coverage_changes(years) == ["", "better", "worse", ""]


# --- 四(四): each township's coefficients of variation, year on year ----------------------

EVEN = (50, 12, 10, 5000, 8000, 2500000, 25)  # the same in every school: a CV of 0
# Sports areas of two primary schools of 1000 students in each township, by year: with equal
# enrolment CV = |a − b| / (a + b). 常营镇 narrows (0.625 → 1/3, over 0.50 then within),
# 马头镇 widens (0.125 → 0.25), then neither changes.
SPORTS = {
    "2023": {"常营镇": (13000, 3000), "马头镇": (9000, 7000)},
    "2024": {"常营镇": (12000, 6000), "马头镇": (10000, 6000)},
    "2025": {"常营镇": (12000, 6000), "马头镇": (10000, 6000)},
}


def write_gaps_year(folder: Path, sports: dict[str, tuple[int, int]]) -> None:
    header = [*SCHOOLS_EN, "status", *RESOURCES]
    rows = []
    for t, (township, areas) in enumerate(sports.items()):
        for n, area in enumerate(areas):
            values = [
                area if name == "sports_area" else v
                for name, v in zip(RESOURCES, EVEN, strict=True)
            ]
            rows.append([*school_row(f"T{t}S{n}", 1000, township=township), "在办", *values])
    write_table(folder, "schools.csv", header, rows)


@pytest.fixture
def gap_years(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    for year, sports in SPORTS.items():
        write_gaps_year(tmp_path / year, sports)
    return [f"{year}/" for year in SPORTS]


def expected_cv(a: int, b: int) -> float:
    return abs(a - b) / (a + b)


def test_each_townships_coefficients_year_on_year(cli: CliRun, gap_years: list[str]) -> None:
    data = trend_json(cli, *gap_years, "--pack", "taikang", "--select", "township-school-gaps")
    gaps = {g["township"]: g for g in data["township_gaps"]}
    assert set(gaps) == set(SPORTS["2023"])
    (loaded,) = [r for r in load_rules(None, ("taikang",)) if r.rule.id == "township-school-gaps"]
    for township, item in gaps.items():
        assert item["rule"] == "township-school-gaps"
        assert item["severity"] == loaded.rule.severity.value
        by_indicator = {c["indicator"]: c for c in item["coefficients"]}
        assert set(by_indicator) == set(RESOURCES)
        assert {c["stage"] for c in item["coefficients"]} == {"primary"}
        cvs = [y["cv"] for y in by_indicator["sports_area"]["years"]]
        wanted = [expected_cv(*SPORTS[year][township]) for year in SPORTS]
        assert cvs == pytest.approx(wanted, abs=1e-12)
        grew = [y["grew"] for y in by_indicator["sports_area"]["years"]]
        assert grew == [False, *(b > a for a, b in pairwise(wanted))]
        for name in set(RESOURCES) - {"sports_area"}:
            assert [y["cv"] for y in by_indicator[name]["years"]] == pytest.approx([0, 0, 0])
            assert not any(y["grew"] for y in by_indicator[name]["years"])
        assert item["grew"] == grew
    # Over the limit in 2023, the narrowing township is the rule's finding that year.
    statuses = {
        t: [
            y["status"]
            for c in g["coefficients"]
            if c["indicator"] == "sports_area"
            for y in c["years"]
        ]
        for t, g in gaps.items()
    }
    assert statuses == {"常营镇": ["fail", "pass", "pass"], "马头镇": ["pass", "pass", "pass"]}
    (rule_years,) = [r["years"] for r in data["rules"] if r["id"] == "township-school-gaps"]
    assert [y["failed"] for y in rule_years] == [1, 0, 0]


def test_a_township_whose_gaps_grew_is_flagged(
    cli: CliRun, gap_years: list[str], tmp_path: Path
) -> None:
    args = ("--pack", "taikang", "--select", "township-school-gaps")
    result = cli("trend", *gap_years, *args)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "四(四) 乡镇校际差异系数逐年比较" in out
    assert "2024：差异系数比上一学年增大的乡镇 1 个（警告）：马头镇" in out
    assert "2025：没有乡镇的差异系数比上一学年增大" in out
    (widening,) = [line for line in out.splitlines() if re.match(r"\s+马头镇\s+小学\s+场馆", line)]
    assert re.search(r"0\.12\s+0\.25 ↓\s+0\.25\s+≤ 0\.5$", widening), widening
    (narrowing,) = [line for line in out.splitlines() if re.match(r"\s+常营镇\s+小学\s+场馆", line)]
    assert re.search(r"0\.62\s+0\.33 ↑\s+0\.33\s+≤ 0\.5$", narrowing), narrowing
    # Coefficients that never grew nor failed wait for -v.
    assert not re.search(r"马头镇\s+小学\s+学历", out)
    assert re.search(r"另有 12 项差异系数各学年均未增大、未超限", out)
    everything = cli("trend", *gap_years, *args, "-v")
    assert re.search(r"马头镇\s+小学\s+学历\s+0\s+0\s+0\s+≤ 0\.5", everything.stdout)
    english = cli("trend", *gap_years, *args, "--lang", "en")
    assert (
        "2024: townships with a coefficient larger than the year before (warning), 1: 马头镇"
        in english.stdout
    )
    assert re.search(r"马头镇\s+primary\s+sports\s+0\.12\s+0\.25 ↓", english.stdout)
    cli("trend", *gap_years, *args, "-o", "html:gaps.html")
    html = (tmp_path / "gaps.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="township-gaps">') :]
    section = section[: section.index("</section>")]
    assert '<p class="grew">2024：差异系数比上一学年增大的乡镇 1 个（警告）：马头镇</p>' in section
    rows = re.findall(r"<tr[^>]*>.*?</tr>", section)
    widening_rows = [r for r in rows if "马头镇" in r]
    assert len(widening_rows) == len(RESOURCES)
    assert all(r.startswith('<tr class="grew">') for r in widening_rows)
    assert sum("差异增大" in r for r in widening_rows) == 1
    (sports,) = [r for r in widening_rows if "场馆" in r]
    assert '0.25 <span class="worse">↓</span>' in sports
    (narrow,) = [r for r in rows if "常营镇" in r and "场馆" in r]
    assert '<strong class="over">0.62</strong>' in narrow
    assert '0.33 <span class="better">↑</span>' in narrow
    assert not any(r.startswith('<tr class="grew">') for r in rows if "常营镇" in r)


def test_a_change_hidden_by_two_decimals_is_shown() -> None:
    assert series_numbers([0.3012, 0.3046, 0.3046]) == ["0.301", "0.305", "0.305"]
    assert series_numbers([0.25, None, 0.5]) == ["0.25", "—", "0.5"]


# --- The sample, split into two school years ---------------------------------------------


@pytest.fixture(scope="module")
def sample_trend(tmp_path_factory: pytest.TempPathFactory) -> tuple[Trend, str, str, Report]:
    """The sample as the data of school years 2023 (audited as of 2024-08-31, before the
    large-class deadline) and 2024 (as of 2025-08-31): the trend, its terminal table, JSON,
    and the audit of 2023 on its own."""
    root = tmp_path_factory.mktemp("sample-years")
    folders = []
    for year in ("2023", "2024"):
        (root / year).mkdir()
        for source in sorted(SAMPLE.glob("*.csv")):
            shutil.copy(source, root / year / source.name)
        folders.append(str(root / year))
    trend = collect(TrendOptions(tuple(folders)), [year_inputs(f) for f in folders])
    terminal, data = io.StringIO(), io.StringIO()
    render_terminal(trend, terminal, "zh", verbose=False)
    render_json(trend, data, "zh")
    before = audit(year_inputs(folders[0]), as_of=trend.years[0].as_of)
    return trend, terminal.getvalue(), data.getvalue(), before


def test_the_samples_2023_large_classes_are_pending_never_0(
    sample_trend: tuple[Trend, str, str, Report],
) -> None:
    trend, terminal, text, before = sample_trend
    assert [y.as_of for y in trend.years] == [dt.date(2024, 8, 31), dt.date(2025, 8, 31)]
    (large,) = [r for r in before.rules if r.rule.id == "large-class"]
    assert large.status is Status.PENDING
    assert large.failed == 0
    assert large.pending > 0
    data = json.loads(text)
    assert rule(data, "large-class")[0]["pending"] == large.pending
    assert rule(data, "large-class")[0]["failed"] == 0
    assert rule(data, "large-class")[1]["failed"] == large.pending  # the same classes, due
    (line,) = [line for line in terminal.splitlines() if line.endswith(" · large-class")]
    # Pending in brackets, then failing; coming due is no change, so no mark.
    assert re.search(rf"^\s+\({large.pending}\)/0\s+{large.pending}/0\s+消除", line), line
    # No rule not yet due shows as 0 failures when it would fail.
    for result in before.rules:
        if result.status is Status.PENDING:
            (row,) = [r for r in data["rules"] if r["id"] == result.rule.id]
            assert row["years"][0]["pending"] == result.pending > 0
    # The year's verdict, score and coverage are those of its audit.
    first = data["years"][0]
    assert (first["verdict"], first["score"], first["assessed"], first["applicable"]) == (
        before.verdict,
        before.score,
        before.assessed,
        before.applicable,
    )


def test_the_samples_township_coefficients_are_the_rules(
    sample_trend: tuple[Trend, str, str, Report],
) -> None:
    _, _, text, before = sample_trend
    data = json.loads(text)
    (result,) = [r for r in before.rules if r.rule.id == "township-school-gaps"]
    flagged = sorted(
        (g["township"], round(y["cv"], 4) if y["cv"] is not None else None, y["status"])
        for g in data["township_gaps"]
        for c in g["coefficients"]
        for y in c["years"][:1]
        if y["status"] != "pass"
    )
    findings = sorted(
        (f["township"], float(f["value"]) if f["status"] == "fail" else None, f["status"])
        for f in result.findings.iter_rows(named=True)
    )
    assert flagged == findings
    assert len(flagged) == result.failed + result.unknown
    # The same data both years: no coefficient changed, no township is flagged.
    assert all(not any(g["grew"]) for g in data["township_gaps"])
    assert len({g["township"] for g in data["township_gaps"]}) > 1
