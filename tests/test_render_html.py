"""The HTML report: structure, escaping, streaming, a golden file, and a real browser.

Regenerate the golden file after an intended change of the page (or of the rules it shows):

    TAIKANG_UPDATE_GOLDEN=1 python -m pytest tests/test_render_html.py -k golden

The Chromium test loads the sample's report in Debian's /usr/bin/chromium (headless); it is
skipped when Chromium is missing, except under CI=1 where it fails instead. Its screenshot is
kept under pytest's tmp directory (the path is printed); TAIKANG_UPDATE_SCREENSHOT=1 also
copies it to docs/report-screenshot.png.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest
from conftest import CLASSES_EN, REPO, SAMPLE, SCHOOLS_EN, CliRun, school_row, write_table

from taikang_check import __version__
from taikang_check.api import audit
from taikang_check.engine.distributions import class_size_distribution
from taikang_check.render.formats import RenderOptions
from taikang_check.render.html.report import render_html
from taikang_check.report.model import Report
from taikang_check.text.numbers import score_text
from taikang_check.text.problem_texts import describe_problem

AS_OF = dt.date(2025, 9, 30)  # after the class-size deadlines of 2025-09-01
GOLDEN = REPO / "tests" / "golden" / "small.zh.html"
CHROMIUM = Path("/usr/bin/chromium")
EVIL_NAME = "<script>alert(1)</script>"
EVIL_CLASS = "<img src=x onerror=alert(1)>"
EVIL_TOWNSHIP = "\"&'<b>乡"
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}


class Page(HTMLParser):
    """Checks that tags nest and close, and collects tags, ids, links and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def _record(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.tags.append((tag, named))
        if named.get("id"):
            self.ids.append(str(named["id"]))
        if tag == "a" and named.get("href"):
            self.links.append(str(named["href"]))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    assert page.errors == []
    assert page.stack == []
    return page


def render(report: Report, **options: object) -> str:
    out = io.StringIO()
    render_html(report, out, RenderOptions(**options))  # type: ignore[arg-type]
    return out.getvalue()


def tiny_dataset(tmp_path: Path, primary_classes: int = 3) -> list[Path]:
    """Two schools in two townships; S1 has a hostile name, an oversized class with a
    hostile class name, and `primary_classes` classes of 50 (over the primary cap of 45)."""
    schools = write_table(
        tmp_path,
        "schools.csv",
        SCHOOLS_EN,
        [
            school_row("S1", 900, name=EVIL_NAME),
            school_row("S2", 300, name="二小", township=EVIL_TOWNSHIP),
        ],
    )
    rows: list[list[object]] = [["S1", 2, EVIL_CLASS, 60], ["S2", 3, "1班", 38]]
    rows += [["S1", 1, f"{n}班", 50] for n in range(primary_classes)]
    classes = write_table(tmp_path, "classes.csv", CLASSES_EN, rows)
    return [schools, classes]


@pytest.fixture
def tiny(tmp_path: Path) -> Report:
    return audit(tiny_dataset(tmp_path), as_of=AS_OF)


# ── structure ─────────────────────────────────────────────────────────────────


def test_page_is_well_formed_with_every_section(tiny: Report) -> None:
    html = render(tiny)
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert html.endswith("</html>\n")
    page = parse(html)
    assert len(page.ids) == len(set(page.ids)), "ids are unique"
    for section in ("summary", "charts", "rules", "findings", "schools"):
        assert section in page.ids
    for chart in ("chart-class-sizes", "chart-townships", "chart-timeline"):
        assert chart in page.ids
    internal = [link[1:] for link in page.links if link.startswith("#")]
    assert internal, "the page links to its own sections"
    assert set(internal) <= set(page.ids), "every internal link has its target"
    assert "national" not in page.ids  # no resource columns: no national summary


def test_page_is_self_contained(tiny: Report) -> None:
    html = render(tiny)
    page = parse(html)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    for _, attrs in page.tags:
        assert "src" not in attrs
        assert all(not name.startswith("on") for name in attrs)
        assert str(attrs.get("href", "#")).startswith("#")
    for needle in ("url(", "@import", "@font-face", "http:", "https:"):
        assert needle not in html


def school_pages(html: str) -> list[dict[str, str | None]]:
    page = parse(html)
    return [a for tag, a in page.tags if tag == "article" and a.get("class") == "school-page"]


def test_page_prints_on_a4_with_a_page_per_school_on_request(tiny: Report) -> None:
    html = render(tiny, school_pages=True)
    assert "@page{size:A4" in html
    assert "@media print" in html
    assert ".school-page{break-before:page" in html.replace(".page,", "")
    assert len(school_pages(html)) == 1  # S1 fails; S2 does not
    # By default the schools are an index, without a page each.
    plain = render(tiny)
    assert school_pages(plain) == []
    index = plain[plain.index('<section id="schools"') :]
    assert escape_text(EVIL_NAME) in index[: index.index("</table>")]
    assert "--html-schools" in index


def test_print_shows_the_first_findings_of_each_rule(tmp_path: Path) -> None:
    """On screen up to 200 findings per rule; printed, the first 20 and a count of the rest."""
    report = audit(tiny_dataset(tmp_path, primary_classes=30), as_of=AS_OF)
    html = render(report)
    assert "tr.extra{display:none}" in html  # the print style sheet hides the rest
    start = html.index('id="rule-class-size-primary"')
    section = html[start : html.index("<h3", start + 1)]
    rows = section.count("<tr>") + section.count('<tr class="extra">')
    assert rows == 1 + 31  # the header, 30 classes of 50 and the one of 60
    assert section.count('<tr class="extra">') == 31 - 20
    assert "另有 11 条未打印" in section


def test_values_show_the_failing_comparison(tmp_path: Path) -> None:
    """A class of 56 under `ge: 56` shows 56 ≥ 56, one of 50 under `gt: 45` 50 > 45."""
    schools = write_table(tmp_path, "schools.csv", SCHOOLS_EN, [school_row("S1", 600)])
    rows = [["S1", 1, "1班", 56], ["S1", 2, "2班", 50]]
    classes = write_table(tmp_path, "classes.csv", CLASSES_EN, rows)
    html = render(audit([schools, classes], as_of=AS_OF))
    large = html[html.index('id="rule-large-class"') :]
    large = large[: large.index("</table>")]
    assert "56 ≥ 56" in large
    assert "56 / 56" not in html
    primary = html[html.index('id="rule-class-size-primary"') :]
    primary = primary[: primary.index("</table>")]
    assert "56 &gt; 45" in primary
    assert "50 &gt; 45" in primary


def test_findings_show_the_quantity_needed_and_the_totals(tmp_path: Path) -> None:
    """Two grade-1 classes of 50 (100 students) under the primary cap of 45 need one class
    more (⌈100/45⌉ = 3 classes), shown on the first, the second counted with it; grade 2's
    50 and 30 (80 students, ⌈80/45⌉ = 2 classes) need none, only new class lists. The
    summary shows the township's and the county's total."""
    schools = write_table(tmp_path, "schools.csv", SCHOOLS_EN, [school_row("S1", 180)])
    rows = [["S1", 1, "1班", 50], ["S1", 1, "2班", 50], ["S1", 2, "1班", 50], ["S1", 2, "2班", 30]]
    classes = write_table(tmp_path, "classes.csv", CLASSES_EN, rows)
    html = render(audit([schools, classes], as_of=AS_OF))
    primary = html[html.index('id="rule-class-size-primary"') :]
    primary = primary[: primary.index("</table>")]
    assert "<th>需整改数量</th>" in primary
    assert primary.count("增设班级 1个班（教室、班主任各1）") == 1
    assert primary.count("计入本年级首个超额班") == 1
    assert primary.count("无需增班：本年级现有班数够用，调整分班即可") == 1
    summary = html[html.index('<section id="summary"') : html.index("</section>")]
    totals = summary[summary.index('id="remedy"') :]
    assert "2025-09-01" in totals
    assert "1个班（教室、班主任各1）" in totals
    assert "城关回族镇 1" in totals
    english = render(audit([schools, classes], as_of=AS_OF), lang="en")
    assert "classes to add: 1 classes (1 classrooms, 1 head teachers)" in english


def test_each_remedy_total_lists_the_townships_of_its_own_unit() -> None:
    """A rule that needs teachers, rooms and money has a total per unit, and each row's
    township shares add up to its own total (not to another unit's)."""
    report = audit(sorted(SAMPLE.glob("*.csv")), as_of=dt.date(2025, 6, 30), class_sizes=False)
    html = render(report)
    table = html[html.index('<table class="remedy">') :]
    table = table[: table.index("</table>")]
    checked = 0
    for cells in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        total, townships = re.findall(r"<td>(.*?)</td>", cells, re.S)[-2:]
        shares = [int(n) for n in re.findall(r" (\d+)(?:、|$)", townships)]
        if shares:
            assert sum(shares) == int(re.search(r"\d+", total).group()), (total, townships)
            checked += 1
    assert checked >= 10


def test_data_is_escaped_never_markup(tiny: Report) -> None:
    html = render(tiny)
    assert EVIL_NAME not in html
    assert EVIL_CLASS not in html
    assert escape_text(EVIL_NAME) in html
    page = parse(html)
    text = "".join(page.text)
    assert EVIL_NAME in text, "the hostile name shows as text"
    assert EVIL_TOWNSHIP in text, "so does the township, in the table and in the chart"
    assert EVIL_CLASS in text


def escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_notes_list_data_warnings(tiny: Report) -> None:
    assert tiny.warnings  # S1 has 900 students but its classes add up to fewer
    html = render(tiny)
    notes = html[html.index('<section id="notes">') :]
    assert escape_text(describe_problem(tiny.warnings[0], "zh")) in notes


def test_english_page(tiny: Report) -> None:
    html = render(tiny, lang="en")
    assert '<html lang="en">' in html
    assert "Findings to act on" in html
    assert "需整改" not in html
    parse(html)


def test_findings_are_cut_at_200_per_rule_with_a_count_of_the_rest(tmp_path: Path) -> None:
    report = audit(tiny_dataset(tmp_path, primary_classes=205), as_of=AS_OF)
    html = render(report)
    start = html.index('id="rule-class-size-primary"')
    section = html[start : html.index("<h3", start + 1)]
    rows = section.count("<tr>") + section.count('<tr class="extra">')
    assert rows == 1 + 200  # the header and 200 findings
    assert "另有 6 条未列出" in section  # 205 classes of 50 and the hostile one of 60
    verbose = render(report, verbose=True)
    start = verbose.index('id="rule-class-size-primary"')
    section = verbose[start : verbose.index("<h3", start + 1)]
    assert section.count("<tr>") + section.count('<tr class="extra">') == 1 + 206
    # The school's own page (on request) lists all of them.
    pages = render(report, school_pages=True)
    school = pages[pages.index('<article class="school-page"') :]
    assert school.count('<span class="rule-id">class-size-primary</span>') == 1  # named once
    assert school.count("classes.csv:") >= 206


def test_same_report_same_bytes_and_written_in_pieces(tmp_path: Path) -> None:
    paths = tiny_dataset(tmp_path, primary_classes=205)
    first, second = audit(paths, as_of=AS_OF), audit(paths, as_of=AS_OF)
    html = render(first)
    assert render(first) == html
    assert render(second) == html

    class Recording(io.StringIO):
        def __init__(self) -> None:
            super().__init__()
            self.sizes: list[int] = []

        def write(self, text: str) -> int:
            self.sizes.append(len(text))
            return super().write(text)

    stream = Recording()
    render_html(first, stream, RenderOptions())
    assert stream.getvalue() == html
    assert len(stream.sizes) > 400, "a row at a time, not one string"
    assert max(stream.sizes) < 40_000 < len(html)


def two_counties(tmp_path: Path) -> Report:
    """甲县 with one class of 50, 乙县 with a school in 乙镇 and no class."""
    header = [*SCHOOLS_EN, "county"]
    schools = write_table(
        tmp_path,
        "schools.csv",
        header,
        [[*school_row("A1", 200), "甲县"], [*school_row("B1", 200, township="乙镇"), "乙县"]],
    )
    classes = write_table(tmp_path, "classes.csv", CLASSES_EN, [["A1", 1, "1班", 50]])
    return audit([schools, classes], as_of=AS_OF)


def test_several_counties_get_their_scores(tmp_path: Path) -> None:
    html = render(two_counties(tmp_path))
    summary = html[html.index('id="summary"') : html.index('id="charts"')]
    assert "甲县" in summary
    assert "乙县" in summary
    townships = html[html.index('id="chart-townships"') :]
    assert "甲县 城关回族镇" in townships[: townships.index("</svg>")]


def test_without_classes_there_is_no_class_size_chart(tmp_path: Path) -> None:
    schools = write_table(tmp_path, "schools.csv", SCHOOLS_EN, [school_row("S1", 300)])
    report = audit([schools], as_of=AS_OF)
    assert report.class_sizes is None
    html = render(report)
    assert "chart-class-sizes" not in html
    assert "未提供班级表" in html
    parse(html)


def test_class_size_distribution_buckets() -> None:
    sizes = [0, 5, 6, 45, 46, 50, 51, 55, 56, 80, 81, 200]
    classes = pl.DataFrame(
        {"grade": [1] * len(sizes) + [8, 11, None], "students": [*sizes, 50, 50, 50]},
        schema={"grade": pl.Int8, "students": pl.Int64},
    )
    table = class_size_distribution({"classes": classes})
    assert table is not None
    assert table.columns == ["stage", "low", "high", "classes"]
    primary = table.filter(pl.col("stage") == "primary").select("low", "high", "classes")
    assert primary.rows() == [
        (0, 5, 2),
        (6, 10, 1),
        (41, 45, 1),
        (46, 50, 2),
        (51, 55, 2),
        (56, 60, 1),
        (76, 80, 1),
        (81, None, 2),
    ]
    others = table.filter(pl.col("stage") != "primary").rows()
    assert others == [("junior", 46, 50, 1), ("senior", 46, 50, 1)]  # a blank grade is out
    assert class_size_distribution({}) is None


def test_cli_writes_the_html_report(cli: CliRun, tmp_path: Path) -> None:
    paths = tiny_dataset(tmp_path)
    target = tmp_path / "report.html"
    result = cli("audit", *paths, "--as-of", AS_OF.isoformat(), "--format", "html", "-o", target)
    assert result.exit_code == 1  # S1 fails
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    both = tmp_path / "also.html"
    result = cli("audit", *paths, "--as-of", AS_OF.isoformat(), "-o", f"html:{both}")
    assert "不合格" in result.stdout  # the terminal report still goes to the screen
    assert both.read_bytes() == target.read_bytes()


def test_cli_adds_a_page_per_school_on_request(cli: CliRun, tmp_path: Path) -> None:
    paths = tiny_dataset(tmp_path)
    plain, pages = tmp_path / "plain.html", tmp_path / "pages.html"
    cli("audit", *paths, "--as-of", AS_OF.isoformat(), "-o", f"html:{plain}")
    result = cli(
        "audit", *paths, "--as-of", AS_OF.isoformat(), "--html-schools", "-o", f"html:{pages}"
    )
    assert result.exit_code == 1
    assert school_pages(plain.read_text(encoding="utf-8")) == []
    assert len(school_pages(pages.read_text(encoding="utf-8"))) == 1
    assert "每校一页" in cli("audit", "--help").stdout
    assert "a page per school" in cli("audit", "--help", "--lang", "en").stdout


# ── golden file ───────────────────────────────────────────────────────────────

RESOURCES = [
    "qualified_teachers",
    "backbone_teachers",
    "pe_art_teachers",
    "teaching_area",
    "sports_area",
    "equipment_value",
    "multimedia_classrooms",
]
GOLDEN_SCHOOLS = [
    # id, name, township, kind, students, 7 resources (qualified … multimedia)
    ("G1", "城关第一小学", "城关镇", "小学", 600, (30, 7, 6, 2900, 4800, 1300000, 15)),
    ("G2", "城关第二初级中学", "城关镇", "初中", 500, (28, 6, 5, 2400, 3000, 1100000, 12)),
    ("G3", "东乡中心小学", "东乡", "小学", 200, (7, 1, 1, 700, 1200, 300000, 3)),
    ("G4", "东乡李庄教学点", "东乡", "教学点", 40, (2, 0, 0, 200, 320, 90000, 1)),
]
GOLDEN_CLASSES = {
    "G1": [(grade, size) for grade in range(1, 7) for size in (44, 46)],
    "G2": [(grade, size) for grade in range(7, 10) for size in (49, 52, 57)],
    "G3": [(grade, 30) for grade in range(1, 7)],
    "G4": [(1, 22), (2, 18)],
}


def write_golden_dataset(folder: Path) -> list[str]:
    header = ["school_id", "name", "township", "kind", "ownership", "area", "students", *RESOURCES]
    rows = [
        [school_id, name, township, kind, "公办", "乡村" if township == "东乡" else "城区",
         students, *resources]
        for school_id, name, township, kind, students, resources in GOLDEN_SCHOOLS
    ]  # fmt: skip
    write_table(folder, "schools.csv", header, rows)
    classes = [
        [school_id, grade, f"{grade}-{n + 1}", size]
        for school_id, sizes in GOLDEN_CLASSES.items()
        for n, (grade, size) in enumerate(sizes)
    ]
    write_table(folder, "classes.csv", CLASSES_EN, classes)
    indicators = [["学前三年毛入园率", year, value] for year, value in ((2023, 91.0), (2024, 92.5))]
    write_table(folder, "indicators.csv", ["指标", "年度", "数值"], indicators)
    return ["schools.csv", "classes.csv", "indicators.csv"]


def test_golden_report(cli: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # relative input paths: the same header on every machine
    names = write_golden_dataset(tmp_path)
    cli("audit", *names, "--as-of", "2025-06-30", "--format", "html", "-o", "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    html = html.replace(f"taikang-check {__version__}", "taikang-check VERSION")
    parse(html)
    assert 'id="national"' in html
    assert 'id="matrix"' in html
    if os.environ.get("TAIKANG_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(html, encoding="utf-8", newline="\n")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert html == expected, (
        "the HTML report changed; if intended, run "
        "TAIKANG_UPDATE_GOLDEN=1 python -m pytest tests/test_render_html.py -k golden"
    )


# ── a real browser ────────────────────────────────────────────────────────────

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
]
# Every console message of the page (console.*, uncaught errors) is logged as
# "[pid:tid:time:INFO:CONSOLE:line] "text", source: url (line)", whatever its level. The
# report has no script, so any console line is a failure.
CONSOLE = re.compile(r":CONSOLE[:(]\d*\)?\] (.*)")


def chromium(page: Path, workdir: Path, screenshot: Path | None = None) -> tuple[str, list[str]]:
    """Load the page in a fresh headless Chromium: its DOM after loading, and its console."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    profile = workdir / "profile"
    shutil.rmtree(profile, ignore_errors=True)
    command = [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom"]
    if screenshot is not None:
        command += ["--window-size=794,2250", f"--screenshot={screenshot}"]
    done = subprocess.run(
        [*command, page.resolve().as_uri()],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout, CONSOLE.findall(done.stderr)


def pdf_pages(page: Path, workdir: Path) -> int:
    """The A4 pages of the page printed by Chromium (its print style sheet applied)."""
    pdf = workdir / f"{page.stem}.pdf"
    profile = workdir / "profile-print"
    shutil.rmtree(profile, ignore_errors=True)
    done = subprocess.run(
        [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.resolve().as_uri()],
        capture_output=True, text=True, errors="replace", timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def test_console_scan_sees_errors(tmp_path: Path) -> None:
    """The check below would notice a broken page."""
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><p>x</p><script>console.error('boom'); missing();</script>",
        encoding="utf-8",
    )
    dom, console = chromium(page, tmp_path)
    assert "<p>x</p>" in dom
    assert any("boom" in line for line in console)
    assert any("ReferenceError" in line for line in console)


@pytest.mark.slow
def test_sample_report_in_chromium(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    workdir = tmp_path_factory.mktemp("chromium-artefacts")
    monkeypatch.chdir(REPO)  # the paths as the README's command gives them
    names = ("schools.csv", "classes.csv", "indicators.csv")
    sample = SAMPLE.relative_to(REPO)
    report = audit([sample / name for name in names], as_of=dt.date(2025, 6, 30))
    page = workdir / "report.html"
    page.write_text(render(report), encoding="utf-8")
    screenshot = workdir / "report-screenshot.png"
    dom, console = chromium(page, workdir, screenshot)
    print(f"HTML report and screenshot: {workdir}")
    assert console == []
    for chart in ("chart-class-sizes", "chart-townships", "chart-timeline"):
        assert re.search(rf'<svg id="{chart}" class="chart"', dom), chart
    assert dom.count('<g class="panel"') == 3  # primary, junior and senior classes
    assert dom.count('<rect class="tw') == report.township_scores.height
    assert dom.count('<g class="milestone"') == sum(1 for r in report.rules if r.rule.due)
    assert 'id="matrix"' in dom
    assert dom.count('<article class="school-page"') == 0  # only with --html-schools
    assert pdf_pages(page, workdir) <= 45  # summary, charts, findings, national: a few dozen
    image = screenshot.read_bytes()
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    assert 50_000 < len(image) < 1_000_000
    if os.environ.get("TAIKANG_UPDATE_SCREENSHOT"):
        shutil.copyfile(screenshot, REPO / "docs" / "report-screenshot.png")


def test_class_size_chart_draws_the_caps_of_the_rules_loaded(cli: CliRun, tmp_path: Path) -> None:
    """The chart's lines and note come from the rule files: change the caps, the chart follows."""
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules" / "taikang", rules)
    caps = rules / "10-class-size.yaml"
    text = caps.read_text(encoding="utf-8")
    changed = (
        text.replace("{gt: 45}", "{gt: 40}")
        .replace("{gt: 50}", "{gt: 48}")
        .replace("{ge: 56}", "{ge: 61}")
    )
    assert changed != text
    caps.write_text(changed, encoding="utf-8")
    out = tmp_path / "report.html"
    files = [SAMPLE / "schools.csv", SAMPLE / "classes.csv"]
    result = cli("audit", *files, "--rules", rules, "--as-of", "2025-06-30", "-o", f"html:{out}")
    assert result.exit_code == 1, result.stderr
    page = out.read_text(encoding="utf-8")
    chart = page[page.index('id="chart-class-sizes"') :]
    chart = chart[: chart.index("</svg>")]
    panels = re.findall(r'<g class="panel" data-stage="(\w+)">(.*?)</g>', chart)
    labels = {
        stage: re.findall(r'<text class="cap-label" [^>]*>(\d+)</text>', body)
        for stage, body in panels
    }
    # Each stage draws the caps of the rules covering some of its grades: primary its own
    # and the large-class line (grades 1–9), junior likewise, senior none (no rule).
    assert labels == {"primary": ["40", "60"], "junior": ["48", "60"], "senior": []}
    assert "高中（10–12年级）  246 个班（无班额规则）" in chart
    assert "虚线 40、48 为小学、初中班额上限" in page
    assert "实线 60 以上为大班额（61 人及以上）" in page


# ── the same figures as the terminal ──────────────────────────────────────────


def terminal_text(report: Report, lang: str = "zh") -> str:
    from taikang_check.render.terminal import render_terminal

    out = io.StringIO()
    render_terminal(report, out, RenderOptions(lang=lang))
    return out.getvalue()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_and_terminal_give_the_same_verdict_score_and_coverage(lang: str) -> None:
    files = [SAMPLE / name for name in ("schools.csv", "classes.csv", "indicators.csv")]
    report = audit(files, as_of=dt.date(2025, 6, 30))
    html, terminal = render(report, lang=lang), terminal_text(report, lang)
    label, score_label = ("结论", "合规得分") if lang == "zh" else ("Verdict", "Compliance score")
    said = re.search(rf"{label}: (.+?)    {score_label}: (\S+) / 100    (.+?)\n", terminal)
    assert said is not None, terminal[:2000]
    verdict, score, coverage = said.groups()
    shown = re.search(rf'id="verdict"><strong>{label}: (.+?)</strong> · (.+?)</p>', html)
    assert shown is not None
    assert shown.groups() == (verdict, coverage)
    assert re.search(r'id="score">(.+?)</span>', html).group(1) == score  # type: ignore[union-attr]
    # Each township's score: the terminal's table and the chart's bars.
    heading = "各乡镇得分（由低到高）" if lang == "zh" else "Score by township (lowest first)"
    part = terminal[terminal.index(heading) :].split("\n\n")[0]
    rows = dict(re.findall(r"^\s*(\S+)\s+(\d+(?:\.\d+)?)\s*$", part, re.M))
    chart = html[html.index('id="chart-townships"') :]
    bars = dict(re.findall(r"<title>([^<:]+): ([\d.]+)</title></rect>", chart))
    assert len(bars) == report.township_scores.height > 10
    assert {name: rows.get(name) for name in bars} == bars


def test_several_counties_get_the_terminals_figures(tmp_path: Path) -> None:
    report = two_counties(tmp_path)
    html = render(report)
    summary = html[html.index('id="summary"') : html.index("</section>")]
    for county in report.county_scores.iter_rows(named=True):
        cells = re.search(rf"<tr><td>{county['county']}</td>(.*?)</tr>", summary)
        assert cells is not None
        assert re.findall(r"<td[^>]*>(.*?)</td>", cells.group(1)) == [
            {"fail": "不合格", "pass": "合格", "undecided": "待定（数据缺失）"}[county["verdict"]],
            score_text(county["score"]),
            f"{county['assessed']}/{county['applicable']}",
        ]
    terminal = terminal_text(report)
    for county, score in report.county_scores.select("county", "score").iter_rows():
        assert re.search(
            rf"{county}\s+\S+\s+{re.escape(score_text(score))}\s", terminal
        )  # county, verdict, score
