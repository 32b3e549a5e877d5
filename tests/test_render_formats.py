"""The markdown, junit and github formats: golden files, escaping, structure, size and speed.

Golden files live in tests/golden/. After a deliberate change to one of these renderers,
regenerate them with

    TAIKANG_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_render_formats.py

and read the diff before committing it. They are rendered from a small fixed data set (written
below, with hostile school and class names) audited with the county-plan pack on a fixed date.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from conftest import CLASSES_ZH, SCHOOLS_ZH, CliRun, school_row, write_table
from hypothesis import example, given
from hypothesis import strategies as st

from taikang_check.api import audit
from taikang_check.commands.exit_codes import ExitCode, FailOn, exit_code_for
from taikang_check.render import github as render_github
from taikang_check.render import json_report as render_json_report
from taikang_check.render import junit as render_junit
from taikang_check.render import markdown as render_markdown
from taikang_check.render.formats import FORMATS, RenderOptions, renderer
from taikang_check.report.model import Report, Status
from taikang_check.report.order import failing_first
from taikang_check.text.finding_messages import message_expr, shown_values
from taikang_check.text.numbers import score_text

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("TAIKANG_UPDATE_GOLDEN") == "1"
AS_OF = dt.date(2025, 6, 1)  # large-class and teaching-point-50/100 due; class sizes pending
SCHOOLS_HEADER = [*SCHOOLS_ZH, "办学状态", "开办日期", "确需保留", "设计规模"]
LISTED = {Status.FAIL.value, Status.UNKNOWN.value}


def write_hostile_data(directory: Path) -> list[str]:
    """Schools and classes whose names try to break every format; returns the file names."""
    schools = [
        [*school_row("S1", 300, name="城关一小"), "在办", "1990-09-01", "", ""],
        [*school_row("S2", 900, name="<script>alert(1)</script>", area="乡村"), "在办", "", "", ""],
        [*school_row("T1", 30, name="a|b", kind="教学点", area="乡村"), "在办", "", "否", ""],
        [*school_row("T2", 80, name="50%,:x", kind="教学点", area="乡村"), "在办", "", "否", ""],
        [
            *school_row("T3", 45, name="line1\nline2", kind="教学点", area="乡村"),
            "在办",
            "",
            "否",
            "",
        ],
        [
            *school_row("T4", None, name="`tick` &amp; *b* [x](y)", kind="教学点", area="乡村"),
            "在办",
            "",
            "否",
            "",
        ],
        [
            *school_row("T5", 150, name="宋庄教学点", kind="教学点", area="乡村"),
            "在办",
            "",
            "否",
            "",
        ],
        [*school_row("P1", 0, name="阳夏小学"), "规划", "", "", 2400],
    ]
    classes = [
        ["S1", "一年级", "1班", 58],
        ["S1", "一年级", "a|b<i>", 46],
        ["S1", "二年级", "1班", None],
        ["S2", "三年级", "50%,:x", 60],
        ["S2", "三年级", "x\ny", 57],
        ["S2", "四年级", "<script>&\x07", 56],
    ]
    write_table(directory, "schools.csv", SCHOOLS_HEADER, schools)
    write_table(directory, "classes.csv", CLASSES_ZH, classes)
    return ["schools.csv", "classes.csv"]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path, so reports name the inputs by short relative paths."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


@pytest.fixture
def hostile(in_tmp: Path) -> Report:
    return audit(write_hostile_data(in_tmp), as_of=AS_OF, packs=("taikang",))


def render(report: Report, fmt: str, lang: str = "zh", **options: Any) -> str:
    out = io.StringIO()
    renderer(fmt)(report, out, RenderOptions(lang=lang, **options))
    return out.getvalue()


def json_findings(report: Report, lang: str) -> list[dict[str, Any]]:
    findings: list[dict[str, Any]] = json.loads(render(report, "json", lang))["findings"]
    return findings


# --- golden files ---------------------------------------------------------------------------

GOLDENS = [
    ("markdown", "zh", "hostile.zh.md"),
    ("markdown", "en", "hostile.en.md"),
    ("junit", "zh", "hostile.zh.xml"),
    ("junit", "en", "hostile.en.xml"),
    ("github", "zh", "hostile.zh.txt"),
    ("github", "en", "hostile.en.txt"),
]


@pytest.mark.parametrize(("fmt", "lang", "name"), GOLDENS)
def test_golden(hostile: Report, fmt: str, lang: str, name: str) -> None:
    text = render(hostile, fmt, lang)
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert text.encode("utf-8") == path.read_bytes(), f"{name} differs; see the module docstring"


@pytest.mark.parametrize("fmt", ["markdown", "junit", "github"])
def test_cli_writes_the_same_bytes_as_the_api(cli: CliRun, in_tmp: Path, fmt: str) -> None:
    assert fmt in FORMATS
    files = write_hostile_data(in_tmp)
    args = ["audit", *files, "--pack", "taikang", "--as-of", AS_OF.isoformat()]
    result = cli(*args, "--format", fmt, "--lang", "en")
    assert result.exit_code == ExitCode.FINDINGS
    report = audit(files, as_of=AS_OF, packs=("taikang",))
    assert result.stdout == render(report, fmt, "en")
    assert result.stdout == render(report, fmt, "en")  # deterministic


def test_output_files_by_format(cli: CliRun, in_tmp: Path) -> None:
    files = write_hostile_data(in_tmp)
    args = ["audit", *files, "--pack", "taikang", "--as-of", AS_OF.isoformat(), "-q"]
    outputs = ["-o", "junit:junit.xml", "-o", "markdown:summary.md", "-o", "github:gh.txt"]
    cli(*args, *outputs)
    report = audit(files, as_of=AS_OF, packs=("taikang",))
    assert (in_tmp / "junit.xml").read_text("utf-8") == render(report, "junit")
    assert (in_tmp / "summary.md").read_text("utf-8") == render(report, "markdown")
    assert (in_tmp / "gh.txt").read_text("utf-8") == render(report, "github")


def test_a_bare_output_path_takes_the_format_its_extension_names(cli: CliRun, in_tmp: Path) -> None:
    """`-o summary.md` is markdown whatever --format says; an extension that names no format
    takes --format, which then leaves the screen."""
    files = write_hostile_data(in_tmp)
    args = ["audit", *files, "--pack", "taikang", "--as-of", AS_OF.isoformat(), "-q"]
    shown = cli(*args, "-o", "summary.md", "-o", "junit.xml", "-o", "report.JSON")
    report = audit(files, as_of=AS_OF, packs=("taikang",))
    assert (in_tmp / "summary.md").read_text("utf-8") == render(report, "markdown")
    assert (in_tmp / "junit.xml").read_text("utf-8") == render(report, "junit")
    assert (in_tmp / "report.JSON").read_text("utf-8") == render(report, "json")
    assert "太康县义务教育优质均衡发展监测报告" in shown.stdout  # the main format stays on screen
    moved = cli(*args, "--format", "github", "-o", "gh.txt")
    assert (in_tmp / "gh.txt").read_text("utf-8") == render(report, "github")
    assert moved.stdout == ""


# --- markdown -------------------------------------------------------------------------------

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def table_rows(markdown: str) -> list[list[str]]:
    rows = [line for line in markdown.splitlines() if line.startswith("|")]
    return [_UNESCAPED_PIPE.split(line)[1:-1] for line in rows]


def tables(markdown: str) -> list[list[list[str]]]:
    """The rows of each table, head and separator row included, table by table."""
    found: list[list[list[str]]] = []
    inside = False
    for line in markdown.splitlines():
        if line.startswith("|"):
            if not inside:
                found.append([])
            found[-1].append(_UNESCAPED_PIPE.split(line)[1:-1])
        inside = line.startswith("|")
    return found


_RULE_CODE = re.compile(r"`([a-z][a-z0-9-]*)`$")
RULES_CELLS, FINDINGS_CELLS = 6, 7


def rule_of(cell: str) -> str | None:
    """The id that ends a rule's name (`title `id``); None in a cell without one."""
    found = _RULE_CODE.search(cell.strip())
    return found.group(1) if found else None


def _body(markdown: str, cells: int) -> list[list[str]]:
    """The rows below the head of the table whose rows have `cells` cells."""
    return [row for table in tables(markdown) if len(table[0]) == cells for row in table[2:]]


def rules_table(markdown: str) -> list[str | None]:
    """The rule of each row of the table of rules that fail or lack data."""
    return [rule_of(row[1]) for row in _body(markdown, RULES_CELLS)]


def findings_rules(markdown: str) -> list[str]:
    """The rule of each row of the findings table: a rule is named on its first row only,
    and a blank cell below it is the rule above."""
    rules: list[str] = []
    for row in _body(markdown, FINDINGS_CELLS):
        named = rule_of(row[0])
        assert named or (rules and not row[0].strip()), row
        rules.append(named or rules[-1])
    return rules


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_hostile_names_stay_text(hostile: Report, lang: str) -> None:
    text = render(hostile, "markdown", lang)
    assert "<" not in text
    assert ">" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    for escaped in ("a\\|b", "line1 line2", "x y", "50%,:x"):
        assert escaped in text
    assert "\\`tick\\` &amp;amp; \\*b\\* \\[x\\](y)" in text
    assert "\x07" not in text
    # every row of the rules table has its 6 cells, every row of the findings table its 7
    widths = [{len(row) for row in table} for table in tables(text)]
    assert widths == [{RULES_CELLS}, {FINDINGS_CELLS}]
    assert all(line.strip() == line or line.startswith("|") for line in text.splitlines())


def test_markdown_summary_parts(hostile: Report) -> None:
    text = render(hostile, "markdown", "en")
    assert text.startswith("## Taikang compulsory-education compliance report\n")
    assert "As of: 2025-06-01" in text
    assert "- schools.csv (schools, 8 rows)" in text
    assert hostile.score is not None
    score = f"**Compliance score: {score_text(hostile.score)} / 100** · pass 1 · fail 5 · pending 0"
    assert score + " · unknown 3 · skipped 47 · not applicable 4\n" in text
    # Failing requirements first (veto items, errors, warnings), then unknowns, plan order.
    groups = ("veto", "errors", "warnings", "unknown")
    acting = [r.rule.id for r in failing_first(hostile.rules, groups)]
    assert sorted(acting) == sorted(
        r.rule.id for r in hostile.rules if r.status in (Status.FAIL, Status.UNKNOWN)
    )
    assert [rule for rule in rules_table(text) if rule in acting][: len(acting)] == acting
    pending = sum(r.pending for r in hostile.rules)
    assert f"**Not yet due** (not counted as failures): {pending} findings" in text
    assert text.endswith("Every finding is listed above.\n")


def test_markdown_counts_findings_not_shown(hostile: Report) -> None:
    text = render(hostile, "markdown", "en", max_findings=1)
    listed = [f for f in json_findings(hostile, "en") if f["status"] in LISTED]
    acting = {f["rule"] for f in listed}
    assert text.endswith(
        f"{len(listed) - len(acting)} more findings not shown: see `--format json`.\n"
    )


@pytest.mark.parametrize("size", [1200, 3800])
def test_markdown_fills_a_small_page_round_by_round(
    hostile: Report, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    """Any page size holds: what does not fit is left out whole and counted, and every
    failing rule's first finding comes before any rule's second."""
    monkeypatch.setattr(render_markdown, "MAX_BYTES", size)
    monkeypatch.setattr(render_markdown, "RULES_BYTES", size // 2)
    text = render(hostile, "markdown", "en")
    assert len(text.encode("utf-8")) <= size
    assert "\n\n\n" not in text
    acting = [r.rule.id for r in hostile.rules if r.status in (Status.FAIL, Status.UNKNOWN)]
    shown = Counter(rule for rule in findings_rules(text) if rule in acting)
    assert ("### Findings to act on" in text) == bool(shown)
    assert not shown or max(shown.values()) == 1 or set(shown) == set(acting)
    listed = [f for f in json_findings(hostile, "en") if f["status"] in LISTED]
    not_shown = len(listed) - sum(shown.values())
    assert not_shown > 0
    assert text.endswith(f"{not_shown} more findings not shown: see `--format json`.\n")
    more_rules = len(acting) - len([rule for rule in rules_table(text) if rule in acting])
    assert (f"… {more_rules} more rules\n" in text) == (more_rules > 0)


@example("a|b<c>&`d`*e*_f_[g](h)~i~$j$\\k\nl\rm\u2028n\x1b[31m")
@given(st.text(max_size=300))
def test_markdown_escape_is_the_same_column_wise(text: str) -> None:
    cut = 50
    expected = render_markdown.escape(text, cut)
    frame = pl.DataFrame({"text": [text]}, schema={"text": pl.String})
    assert frame.select(render_markdown.escape_expr(pl.col("text"), cut)).item() == expected
    for char in "<>\n\r":
        assert char not in expected
    assert _UNESCAPED_PIPE.search(expected.replace("\\\\", "")) is None


# --- junit ----------------------------------------------------------------------------------

SUITE_ATTRIBUTES = {"name", "tests", "failures", "errors", "skipped", "time"}
CASE_CHILDREN = ["skipped", "error", "failure", "system-out", "system-err"]


def check_junit(text: str, report: Report) -> ET.Element:
    """The layout CI test reporters read, with counts that agree; returns the root."""
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    assert {"name", "tests", "failures", "errors", "time"} <= set(root.attrib)
    (suite,) = root
    assert suite.tag == "testsuite"
    assert set(suite.attrib) == SUITE_ATTRIBUTES
    assert suite.get("name") == "taikang-check"
    children = [child.tag for child in suite]
    assert children[0] == "properties"
    assert set(children[1:]) == {"testcase"}
    for prop in suite.find("properties") or []:
        assert prop.tag == "property"
        assert set(prop.attrib) == {"name", "value"}
    cases = suite.findall("testcase")
    for case in cases:
        assert set(case.attrib) == {"classname", "name", "time"}
        assert case.get("time") == "0"
        tags = [child.tag for child in case]
        assert tags == sorted(tags, key=CASE_CHILDREN.index), tags  # the schema's order
        for child in case:
            if child.tag in ("failure", "skipped"):
                assert child.get("message")
            if child.tag == "failure":
                assert child.get("type") in ("error", "warning")
    failures = sum(1 for case in cases if case.find("failure") is not None)
    skipped = sum(1 for case in cases if case.find("skipped") is not None)
    for element in (root, suite):
        assert element.get("tests") == str(len(cases)) == str(len(report.rules))
        assert element.get("failures") == str(failures)
        assert element.get("errors") == "0"
    assert suite.get("skipped") == str(skipped) == str(report.count(Status.SKIPPED))
    assert [case.get("name") for case in cases] == [r.rule.id for r in report.rules]
    assert {case.get("classname") for case in cases} == {r.pack for r in report.rules}
    return root


def junit_lines(findings: list[dict[str, Any]]) -> list[str]:
    """`file:row message` of findings, as the junit failure text writes them."""
    lines = []
    for f in findings:
        place = " ".join(p for p in (f["county"], f["township"]) if p)
        where = f"{f['file']}:{f['row']}" if f["file"] else (place or f["scope"])
        lines.append(re.sub(r"[\x00-\x1f\x7f]", " ", f"{where} {f['message']}"))
    return lines


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_junit_structure_counts_and_rows(hostile: Report, lang: str) -> None:
    root = check_junit(render(hostile, "junit", lang), hostile)
    findings = json_findings(hostile, lang)
    cases = {case.get("name"): case for case in root.iter("testcase")}
    for result in hostile.rules:
        case = cases[result.rule.id]
        failure = case.find("failure")
        error_unknown = result.unknown and result.severity.value == "error"
        assert (failure is not None) == bool(result.failed or error_unknown), result.rule.id
        assert (case.find("skipped") is not None) == (result.status is Status.SKIPPED)
        if failure is not None:
            listed = [f for f in findings if f["rule"] == result.rule.id and f["status"] in LISTED]
            assert (failure.text or "").split("\n") == junit_lines(listed)
        if result.pending:  # pending findings are no failures, only mentioned
            assert result.rule.due is not None
            assert result.rule.due.isoformat() in (case.findtext("system-out") or "")
    if lang == "zh":  # escaped, and the bell character that XML cannot hold is a space
        assert "\nclasses.csv:7 4年级&lt;script&gt;&amp; 有56人" in render(hostile, "junit", lang)


def test_junit_failures_agree_with_the_exit_status(in_tmp: Path) -> None:
    """Failing testcases exactly when `--fail-on warning` exits 1: a warning rule whose
    only findings lack data passes, and lists them in its system-out."""
    schools = write_table(
        in_tmp, "schools.csv", SCHOOLS_HEADER, [[*school_row("P1", 0), "规划", "", "", ""]]
    )
    report = audit([schools], as_of=AS_OF, packs=("taikang",))
    (size,) = [r for r in report.rules if r.rule.id == "school-size"]
    assert size.status is Status.UNKNOWN
    assert size.severity.value == "warning"
    root = check_junit(render(report, "junit", "en"), report)
    (case,) = [c for c in root.iter("testcase") if c.get("name") == "school-size"]
    assert case.find("failure") is None
    assert (case.findtext("system-out") or "").startswith(
        "1 unknown (a warning rule: not a failure)"
    )
    assert (case.findtext("system-out") or "").endswith(
        "schools.csv:2 blank, so this cannot be decided: design_capacity"
    )
    failing = int(root.get("failures") or 0)
    assert (failing > 0) == (exit_code_for(report, FailOn.WARNING) is ExitCode.FINDINGS)


def test_junit_on_a_stream_that_is_not_utf8(hostile: Report) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", newline="\n")
    render_junit.render_junit(hostile, stream, RenderOptions())
    stream.flush()
    ascii_text = raw.getvalue().decode("ascii")
    assert "&#" in ascii_text
    utf8 = ET.fromstring(render(hostile, "junit").encode("utf-8"))
    assert ET.tostring(ET.fromstring(raw.getvalue())) == ET.tostring(utf8)


# --- github ---------------------------------------------------------------------------------

_COMMAND = re.compile(r"^::(error|warning) ([^:]*)::(.*)$")


def unescape(text: str, is_property: bool) -> str:
    codes = [("%0D", "\r"), ("%0A", "\n")]
    if is_property:
        codes += [("%3A", ":"), ("%2C", ",")]
    for code, char in [*codes, ("%25", "%")]:
        text = text.replace(code, char)
    return text


def parse_github(text: str) -> list[dict[str, Any]]:
    parsed = []
    for line in text.splitlines():
        match = _COMMAND.match(line)
        assert match, line
        level, properties, data = match.groups()
        fields = dict(item.split("=", 1) for item in properties.split(","))
        assert set(fields) <= {"file", "line", "title"}
        title, _, rule = unescape(fields["title"], True).rpartition(" · ")  # title, then id
        parsed.append(
            {
                "severity": level,
                "file": unescape(fields["file"], True) if "file" in fields else None,
                "row": int(fields["line"]) if "line" in fields else None,
                "rule": rule,
                "title": title,
                "message": unescape(data, False),
            }
        )
    return parsed


def expected_github(
    findings: list[dict[str, Any]], report: Report, lang: str
) -> list[dict[str, Any]]:
    titles = {r.rule.id: r.rule.title.get(lang) for r in report.rules}
    expected = []
    for f in findings:
        if f["status"] not in LISTED:
            continue
        place = " ".join(p for p in (f["county"], f["township"]) if p)
        message = f"{place}: {f['message']}" if place and not f["file"] else f["message"]
        message = re.sub(render_github.CONTROL, " ", message)
        fields = {k: f[k] for k in ("severity", "file", "row", "rule")}
        expected.append({**fields, "title": titles[f["rule"]], "message": message})
    return expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_github_lines_parse_back_to_the_json_findings(hostile: Report, lang: str) -> None:
    text = render(hostile, "github", lang)
    assert text.endswith("\n")
    assert all(line.startswith("::") for line in text.splitlines())
    parsed = parse_github(text)
    findings = json_findings(hostile, lang)
    assert parsed == expected_github(findings, hostile, lang)
    assert any(f["status"] == "pending" for f in findings)  # and they were left out
    if lang == "zh":
        assert "::3年级50%25,:x有60人" in text
        assert "::3年级x%0Ay有57人" in text


def test_github_escapes_properties(in_tmp: Path) -> None:
    folder = in_tmp / "in,put:50%"
    folder.mkdir()
    files = [str(Path(folder.name) / name) for name in write_hostile_data(folder)]
    report = audit(files, as_of=AS_OF, packs=("taikang",))
    text = render(report, "github", "en")
    name = "No class of 56 or more students · large-class"
    assert f"file=in%2Cput%3A50%25/classes.csv,line=5,title={name}::" in text
    assert parse_github(text) == expected_github(json_findings(report, "en"), report, "en")


def test_github_county_findings_have_no_file(in_tmp: Path) -> None:
    schools = write_table(
        in_tmp,
        "schools.csv",
        [*SCHOOLS_ZH, "区县"],
        [[*school_row("S1", None), "甲县"], [*school_row("S2", 100, ownership="民办"), "甲县"]],
    )
    report = audit([schools], as_of=AS_OF, packs=("taikang",))
    lines = render(report, "github", "en").splitlines()
    blank = "1 row(s) have blank data that could change this: S1小学 (row 2)"
    name = "Private schools hold at most 5% of compulsory students · private-share"
    assert f"::error title={name.replace('%', '%25')}::甲县: {blank}" in lines


# --- chunks, determinism, size and speed ----------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "setting"),
    [("junit", "CHUNK_ROWS"), ("github", "CHUNK_ROWS"), ("json", "LINES_PER_WRITE")],
)
def test_chunks_do_not_change_the_output(
    hostile: Report, fmt: str, setting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = render(hostile, fmt)
    module = {"junit": render_junit, "github": render_github, "json": render_json_report}[fmt]
    monkeypatch.setattr(module, setting, 2)
    assert render(hostile, fmt) == whole


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_messages_from_the_shown_values_are_the_same(hostile: Report, lang: str) -> None:
    """Reading the value and limit once (shown_values) changes no message of any rule."""
    compared = 0
    for result in hostile.rules:
        if not result.findings.height:
            continue
        direct = result.findings.select(message_expr(result, lang)).to_series()
        shown = (
            result.findings.with_columns(shown_values(lang))
            .select(message_expr(result, lang, shown=True))
            .to_series()
        )
        assert shown.to_list() == direct.to_list(), result.rule.id
        compared += 1
    assert compared >= 3


class CountingStream(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def test_the_json_findings_are_written_in_blocks(hostile: Report) -> None:
    """A write per rule's block of findings, not one per finding (millions, nationally)."""
    stream = CountingStream()
    renderer("json")(hostile, stream, RenderOptions(lang="zh"))
    rules_with_findings = sum(1 for r in hostile.rules if r.findings.height)
    findings = sum(r.findings.height for r in hostile.rules)
    assert findings > rules_with_findings + 4  # else the count below would prove nothing
    assert stream.writes <= rules_with_findings + 4  # head, closing bracket, notes, end


@pytest.fixture(scope="module")
def big_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """100,000 primary classes of 50: 100,000 findings of class-size-primary."""
    directory = tmp_path_factory.mktemp("big")
    schools = write_table(directory, "schools.csv", SCHOOLS_ZH, [school_row("S1", 5_000_000)])
    n = 100_000
    pl.select(
        pl.lit("S1").alias("学校代码"),
        (pl.int_range(n) % 6 + 1).alias("年级"),
        pl.format("{}班", pl.int_range(n)).alias("班级"),
        pl.lit(50).alias("学生数"),
    ).write_csv(directory / "classes.csv")
    return audit(
        [schools, directory / "classes.csv"],
        as_of=AS_OF.replace(year=2026),
        packs=("taikang",),
        select=("class-size-primary",),  # not intake-class-size, which fails half of them too
    )


def timed(report: Report, fmt: str) -> tuple[str, float]:
    start = time.perf_counter()
    text = render(report, fmt)
    return text, time.perf_counter() - start


def test_markdown_stays_bounded_on_100k_findings(big_report: Report) -> None:
    findings = sum(r.findings.height for r in big_report.rules)
    assert findings >= 100_000
    text, seconds = timed(big_report, "markdown")
    assert len(text.encode("utf-8")) <= 60_000  # GitHub: 65,536 characters in a comment
    shown = findings_rules(text).count("class-size-primary")
    assert text.endswith(f"另有 {findings - shown} 条问题未列出，完整列表见 `--format json`。\n")
    assert seconds < 5, seconds


@pytest.mark.parametrize("fmt", ["junit", "github"])
def test_junit_and_github_are_fast_on_100k_findings(big_report: Report, fmt: str) -> None:
    text, seconds = timed(big_report, fmt)
    assert seconds < 5, seconds
    if fmt == "github":
        lines = text.splitlines()
        assert len(lines) == 100_000
        assert Counter(line.split(",", 1)[0].split("/")[-1] for line in lines) == {
            "classes.csv": 100_000
        }
    else:
        root = check_junit(text, big_report)
        failure = next(c for c in root.iter("testcase") if c.get("name") == "class-size-primary")
        assert len((failure.findtext("failure") or "").split("\n")) == 100_000


@pytest.mark.parametrize("separator", ["\u0085", "\u2028", "\u2029", "\x9b"])
def test_github_annotations_never_break_a_line(separator: str) -> None:
    """NEL, the Unicode line and paragraph separators and C1 controls from a cell become spaces."""
    import polars as pl

    from taikang_check.render.github import escape_data, escape_property

    text = f"第一{separator}::error::forged"
    for escape in (escape_data, escape_property):
        escaped = pl.select(escape(pl.lit(text))).item()
        assert separator not in escaped
        assert escaped.startswith("第一 ")
