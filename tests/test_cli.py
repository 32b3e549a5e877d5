"""The command line and the Python API: exit statuses, messages, the JSON report, colour."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    CLASSES_ZH,
    REPO,
    SAMPLE_CLASSES,
    SAMPLE_SCHOOLS,
    SCHOOLS_ZH,
    CliRun,
    school_row,
    write_table,
)

import taikang_check
from taikang_check.commands import output
from taikang_check.commands.audit import AuditOptions, run_audit
from taikang_check.commands.exit_codes import FailOn
from taikang_check.problems import ProblemCode, ProblemsFound
from taikang_check.report.model import Report, Status
from taikang_check.rulebook.loader import load_rules

AS_OF = "2026-11-29"
SAMPLE_ARGS = ("audit", str(SAMPLE_SCHOOLS), str(SAMPLE_CLASSES), "--as-of", AS_OF)

# The JSON report of the contract, section 4, keys in order.
TOP_KEYS = [
    "tool",
    "version",
    "schema_version",
    "as_of",
    "inputs",
    "summary",
    "rules",
    "findings",
]
INPUT_KEYS = ["path", "table", "rows"]
SUMMARY_KEYS = [
    "verdict",
    "score",
    "assessed",
    "applicable",
    "pass",
    "fail",
    "pending",
    "unknown",
    "skipped",
    "not_applicable",
]
RULE_KEYS = [
    "id",
    "title",
    "severity",
    "due",
    "status",
    "evaluated",
    "passed",
    "failed",
    "pending",
    "unknown",
]
FINDING_KEYS = [
    "rule",
    "status",
    "severity",
    "scope",
    "table",
    "file",
    "row",
    "school_id",
    "school_name",
    "county",
    "township",
    "value",
    "limit",
    "message",
]
ANSI = "\x1b["
# SGR parameters that set a colour (foreground, background, 256-colour, truecolor).
COLOUR_SGR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")

SCHOOLS_WITH_STATUS = [*SCHOOLS_ZH, "办学状态", "开办日期"]


def clean_dataset(tmp_path: Path) -> tuple[Path, Path]:
    """One open urban primary school with two small classes: nothing can fail."""
    schools = write_table(
        tmp_path,
        "schools.csv",
        SCHOOLS_WITH_STATUS,
        [[*school_row("S1", 80), "在办", "1990-09-01"]],
    )
    classes = write_table(
        tmp_path, "classes.csv", CLASSES_ZH, [["S1", "一年级", "1班", 40], ["S1", 2, "1班", 40]]
    )
    return schools, classes


def planned_big_primary(tmp_path: Path) -> Path:
    """Only a warning rule can fail: school-size, a planned primary designed for 2400 students
    (its design capacity, 设计规模: it has no students yet)."""
    return write_table(
        tmp_path,
        "schools.csv",
        [*SCHOOLS_WITH_STATUS, "设计规模"],
        [[*school_row("S1", 0, name="阳夏小学"), "规划", "", "2400"]],
    )


def parse_json(text: str) -> dict[str, Any]:
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


# --- version and help ------------------------------------------------------------------------


def test_version(cli: CliRun) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert taikang_check.__version__ in result.stdout


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["audit", "--help"]])
def test_help(cli: CliRun, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 0
    assert "audit" in result.stdout.lower()


def test_module_entry_point_and_version_in_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "taikang_check", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert taikang_check.__version__ in done.stdout


# --- exit statuses ---------------------------------------------------------------------------


def test_sample_has_failures(cli: CliRun) -> None:
    result = cli(*SAMPLE_ARGS)
    assert result.exit_code == 1
    assert result.stderr == ""
    assert "large-class" in result.stdout
    assert ANSI not in result.stdout  # CliRunner's stream is no terminal


def test_sample_with_fail_on_never(cli: CliRun) -> None:
    assert cli(*SAMPLE_ARGS, "--fail-on", "never").exit_code == 0


def test_clean_dataset_exits_0(cli: CliRun, tmp_path: Path) -> None:
    result = cli("audit", *clean_dataset(tmp_path), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.stdout
    report = parse_json(result.stdout)
    assert report["summary"]["fail"] == 0
    assert report["findings"] == []


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("never", 0)])
def test_warning_rule_failure_and_fail_on(
    cli: CliRun, tmp_path: Path, fail_on: str, code: int
) -> None:
    path = planned_big_primary(tmp_path)
    result = cli("audit", path, "--as-of", AS_OF, "--format", "json", "--fail-on", fail_on)
    assert result.exit_code == code
    findings = parse_json(result.stdout)["findings"]
    assert [(f["rule"], f["status"], f["severity"], f["value"]) for f in findings] == [
        ("school-size", "fail", "warning", 2400)
    ]


def test_default_fail_on_is_error(cli: CliRun, tmp_path: Path) -> None:
    assert cli("audit", planned_big_primary(tmp_path), "--as-of", AS_OF).exit_code == 0


def test_unknown_in_an_error_rule_exits_1(cli: CliRun, tmp_path: Path) -> None:
    # A retained teaching point whose 纳入中心校管理 is blank: retained-teaching-point cannot
    # decide. (A blank 确需保留 would be no exemption, and teaching-point-50 would fail.)
    path = write_table(
        tmp_path,
        "schools.csv",
        [*SCHOOLS_ZH, "确需保留", "纳入中心校管理"],
        [[*school_row("T1", 30, name="李庄教学点", kind="教学点", area="乡村"), "是", ""]],
    )
    result = cli("audit", path, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 1
    report = parse_json(result.stdout)
    assert report["summary"]["fail"] == 0
    unknown = [f for f in report["findings"] if f["status"] == "unknown"]
    assert unknown
    assert {f["severity"] for f in unknown} == {"error"}
    assert cli("audit", path, "--as-of", AS_OF, "--fail-on", "never").exit_code == 0


def test_pending_failures_do_not_fail_the_run(cli: CliRun, tmp_path: Path) -> None:
    # A class of 60 before the large-class due date (2024-09-01) is pending, not failing. It is
    # in grade 3, admitted before the plan: a class admitted since is held to 45 at once.
    schools, _ = clean_dataset(tmp_path)
    classes = write_table(tmp_path, "classes.csv", CLASSES_ZH, [["S1", 3, "1班", 60]])
    # The county pack only: the national standard has no due dates, its class-size rule fails now.
    pack = ("--pack", "taikang")
    result = cli("audit", schools, classes, *pack, "--as-of", "2024-08-31", "--format", "json")
    statuses = {f["rule"]: f["status"] for f in parse_json(result.stdout)["findings"]}
    assert statuses["large-class"] == "pending"
    assert result.exit_code == 0
    assert cli("audit", schools, classes, *pack, "--as-of", "2024-09-01").exit_code == 1
    national = cli("audit", schools, classes, "--as-of", "2024-08-31", "--format", "json")
    assert national.exit_code == 1
    failing = {f["rule"] for f in parse_json(national.stdout)["findings"] if f["status"] == "fail"}
    assert "national-class-size" in failing


# --- the audit cannot run: exit 2, a clear message, no traceback ------------------------------


def data_rows(path: Path) -> int:
    """Data rows of a sample CSV, counted independently of the tool (no quoted newlines there)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return sum(1 for line in lines[1:] if line.strip())


def assert_cannot_run(result: Any, *expected: str) -> None:
    assert result.exit_code == 2, result
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    for text in expected:
        assert text in result.stderr, (text, result.stderr)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_input_names_file_row_and_column(cli: CliRun, tmp_path: Path, lang: str) -> None:
    path = write_table(
        tmp_path, "schools.csv", SCHOOLS_ZH, [school_row("S1"), school_row("S2", "八百")]
    )
    result = cli("audit", path, "--lang", lang, "--format", "json")
    assert_cannot_run(result, str(path), "3", "在校生数", "八百", "type-error")


def test_many_bad_cells_report_the_omitted_count(cli: CliRun, tmp_path: Path) -> None:
    rows = [school_row(f"S{i}", "八百") for i in range(25)]
    result = cli("audit", write_table(tmp_path, "schools.csv", SCHOOLS_ZH, rows), "--lang", "en")
    assert_cannot_run(result, "5 more")
    assert result.stderr.count("[type-error]") == 21  # 20 listed and the count of the rest


def test_nonexistent_file(cli: CliRun, tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    assert_cannot_run(cli("audit", missing), str(missing), "file-not-found")


def test_directory_as_file(cli: CliRun, tmp_path: Path) -> None:
    assert_cannot_run(cli("audit", tmp_path), str(tmp_path), "not-a-file")


def test_xlsx_is_refused_cleanly(cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "schools.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    result = cli("audit", path)
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert str(path) in result.stderr


@pytest.mark.parametrize("as_of", ["2024-13-01", "yesterday", "2024-02-30", ""])
def test_bad_as_of(cli: CliRun, tmp_path: Path, as_of: str) -> None:
    schools, _ = clean_dataset(tmp_path)
    result = cli("audit", schools, "--as-of", as_of)
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert "--as-of" in result.stderr


@pytest.mark.parametrize("as_of", ["2024/9/1", "2024年9月1日"])
def test_as_of_spellings(cli: CliRun, tmp_path: Path, as_of: str) -> None:
    result = cli("audit", clean_dataset(tmp_path)[0], "--as-of", as_of, "--format", "json")
    assert parse_json(result.stdout)["as_of"] == "2024-09-01"


@pytest.mark.parametrize(
    ("option", "value"),
    [("--format", "xml"), ("--fail-on", "info"), ("--lang", "fr"), ("--bogus", "1")],
)
def test_bad_options_exit_2(cli: CliRun, tmp_path: Path, option: str, value: str) -> None:
    result = cli("audit", clean_dataset(tmp_path)[0], option, value)
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr


def test_no_files_exits_2(cli: CliRun) -> None:
    assert cli("audit").exit_code == 2


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("rules: [\n", "rule-yaml-error"),
        ("rules:\n  - id: Bad_Id\n", "rule-file-invalid"),
        (None, "rules-not-found"),  # an empty folder
    ],
)
def test_invalid_rules_dir_exits_2(
    cli: CliRun, tmp_path: Path, content: str | None, code: str
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    if content is not None:
        (rules / "broken.yaml").write_text(content, encoding="utf-8")
    schools, _ = clean_dataset(tmp_path)
    assert_cannot_run(cli("audit", schools, "--rules", rules), code)


def test_nonexistent_rules_dir_exits_2(cli: CliRun, tmp_path: Path) -> None:
    schools, _ = clean_dataset(tmp_path)
    assert_cannot_run(cli("audit", schools, "--rules", tmp_path / "nope"), "rules-not-found")


@pytest.mark.parametrize("columns", ["", "wide"])
def test_odd_columns_variable_does_not_crash(cli: CliRun, tmp_path: Path, columns: str) -> None:
    result = cli("audit", *clean_dataset(tmp_path), "--as-of", AS_OF, env={"COLUMNS": columns})
    assert result.exit_code == 0
    assert "Traceback" not in result.stdout + result.stderr


# --- the JSON report -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_json() -> str:
    from click.testing import CliRunner

    from taikang_check.cli.main import main

    result = CliRunner().invoke(main, [*SAMPLE_ARGS, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 1
    return result.stdout


def test_json_has_exactly_the_contract_keys_in_order(sample_json: str) -> None:
    report = parse_json(sample_json)
    assert list(report) == [*TOP_KEYS, "notes"]  # the run's notes: an addition at the end
    assert report["tool"] == "taikang-check"
    assert report["version"] == taikang_check.__version__
    assert report["schema_version"] == 2
    assert report["as_of"] == AS_OF
    assert [list(item) for item in report["inputs"]] == [INPUT_KEYS, INPUT_KEYS]
    assert [(i["table"], i["rows"]) for i in report["inputs"]] == [
        ("schools", data_rows(SAMPLE_SCHOOLS)),
        ("classes", data_rows(SAMPLE_CLASSES)),
    ]
    # Added after the contract's keys: remedy totals, per-county figures, data to add.
    assert list(report["summary"]) == [*SUMMARY_KEYS, "remedy", "counties", "additions"]
    assert report["rules"]
    assert all(list(rule) == RULE_KEYS for rule in report["rules"])
    assert report["findings"]
    # The contract's keys in order; a remediation quantity is added last where computed.
    assert all(
        list(finding) in (FINDING_KEYS, [*FINDING_KEYS, "remedy"]) for finding in report["findings"]
    )


def test_json_values_are_of_the_contract_types(sample_json: str) -> None:
    report = parse_json(sample_json)
    statuses = {s.value for s in Status}
    assert 0 <= report["summary"]["score"] <= 100
    for rule in report["rules"]:
        assert rule["severity"] in {"error", "warning"}
        assert rule["status"] in statuses
        assert rule["due"] is None or dt.date.fromisoformat(rule["due"])
    for finding in report["findings"]:
        assert finding["status"] in {"fail", "pending", "unknown"}
        assert finding["scope"] in {"row", "county", "township"}
        assert finding["table"] in {"schools", "classes", "indicators"}
        assert finding["row"] is None or isinstance(finding["row"], int)
        assert isinstance(finding["message"], str)
        assert finding["message"]


def test_json_counts_agree(sample_json: str) -> None:
    report = parse_json(sample_json)
    rules = report["rules"]
    summary = report["summary"]
    assert sum(summary[key] for key in SUMMARY_KEYS[4:]) == len(rules)
    for status in SUMMARY_KEYS[4:]:
        assert summary[status] == sum(r["status"] == status for r in rules)
    by_rule: dict[str, int] = {}
    for finding in report["findings"]:
        by_rule[finding["rule"]] = by_rule.get(finding["rule"], 0) + 1
    for rule in rules:
        assert (
            rule["evaluated"] == rule["passed"] + rule["failed"] + rule["pending"] + rule["unknown"]
        ), rule["id"]
        listed = rule["failed"] + rule["pending"] + rule["unknown"]
        assert by_rule.get(rule["id"], 0) == listed, rule["id"]


def test_sample_results_planted_in_the_sample(sample_json: str) -> None:
    """data/sample/README.md plants these; the rule-case tests cover the edges."""
    rules = {r["id"]: r for r in parse_json(sample_json)["rules"]}
    assert rules["large-class"]["failed"] == 59
    assert rules["school-size"]["failed"] == 1
    assert rules["idle-rural-school"]["failed"] == 2
    assert rules["private-share"]["status"] == "pass"


def test_json_findings_ordered_by_rule_then_file_then_row(sample_json: str) -> None:
    findings = parse_json(sample_json)["findings"]
    rules = [f["rule"] for f in findings]
    assert rules == sorted(rules)
    for rule in dict.fromkeys(rules):
        mine = [f for f in findings if f["rule"] == rule]
        located = [(f["file"], f["row"]) for f in mine if f["file"] is not None]
        assert located == sorted(located), rule
        # county or township findings (no file) sit together, before or after the rows
        nulls = [f["file"] is None for f in mine]
        assert nulls == sorted(nulls) or nulls == sorted(nulls, reverse=True), rule


def test_json_findings_from_two_files_ordered_by_file(cli: CliRun, tmp_path: Path) -> None:
    idle = {"area": "乡村", "students": 0}
    b = write_table(tmp_path, "b.csv", SCHOOLS_ZH, [school_row("B1", **idle)])
    a = write_table(
        tmp_path, "a.csv", SCHOOLS_ZH, [school_row("A2", **idle), school_row("A1", **idle)]
    )
    result = cli("audit", b, a, "--as-of", AS_OF, "--format", "json")
    idle_findings = [
        (f["file"], f["row"], f["school_id"])
        for f in parse_json(result.stdout)["findings"]
        if f["rule"] == "idle-rural-school"
    ]
    assert idle_findings == [(str(a), 2, "A2"), (str(a), 3, "A1"), (str(b), 2, "B1")]


def test_json_is_byte_identical_across_runs(cli: CliRun, sample_json: str) -> None:
    again = cli(*SAMPLE_ARGS, "--format", "json")
    assert again.stdout.encode() == sample_json.encode()


def test_json_in_english_has_english_titles(cli: CliRun) -> None:
    result = cli(*SAMPLE_ARGS, "--format", "json", "--lang", "en")
    english = {item.rule.id: item.rule.title.en for item in load_rules()}
    titles = {rule["id"]: rule["title"] for rule in parse_json(result.stdout)["rules"]}
    assert titles == {rule_id: english[rule_id] for rule_id in titles}
    chinese = {item.rule.id: item.rule.title.zh for item in load_rules()}
    assert all(titles[rule_id] != chinese[rule_id] for rule_id in titles)


def test_json_in_chinese_by_default(sample_json: str) -> None:
    chinese = {item.rule.id: item.rule.title.zh for item in load_rules()}
    for rule in parse_json(sample_json)["rules"]:
        assert rule["title"] == chinese[rule["id"]]


def test_json_on_a_dataset_without_findings_is_valid(cli: CliRun, tmp_path: Path) -> None:
    result = cli("audit", *clean_dataset(tmp_path), "--as-of", AS_OF, "--format", "json")
    report = parse_json(result.stdout)
    assert list(report) == [*TOP_KEYS, "notes"]
    assert report["findings"] == []


# --- terminal output and colour --------------------------------------------------------------


def test_terminal_output_when_piped_has_no_ansi(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"}
    }
    env["TERM"] = "xterm-256color"
    args = ["audit", str(planned_big_primary(tmp_path)), "--as-of", AS_OF, "--fail-on", "warning"]
    done = subprocess.run(
        [sys.executable, "-m", "taikang_check", *args],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
        cwd=REPO,
    )
    assert done.returncode == 1
    text = done.stdout.decode("utf-8")
    assert "school-size" in text
    assert ANSI not in text
    assert b"\x1b[" not in done.stderr


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def terminal_report(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_color: bool) -> str:
    """The terminal report of a small failing audit, rendered as if on a colour terminal."""
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    stream = FakeTerminal()
    options = AuditOptions(
        paths=(str(planned_big_primary(tmp_path)),),
        as_of=dt.date.fromisoformat(AS_OF),
        fail_on=FailOn.WARNING,
    )
    with output.captured(stream, io.StringIO()):
        assert run_audit(options) == 1
    return stream.getvalue()


def test_terminal_has_colour_on_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Guard for the NO_COLOR test: on a terminal there is colour to remove."""
    assert COLOUR_SGR.search(terminal_report(monkeypatch, tmp_path, no_color=False))


def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text = terminal_report(monkeypatch, tmp_path, no_color=True)
    assert "school-size" in text
    assert COLOUR_SGR.findall(text) == []


def test_terminal_report_in_english(cli: CliRun, tmp_path: Path) -> None:
    result = cli("audit", planned_big_primary(tmp_path), "--as-of", AS_OF, "--lang", "en")
    assert "New schools of at most 2,000 students" in result.stdout
    assert "Compliance score" in result.stdout


# --- the other commands ----------------------------------------------------------------------


def test_rules_command_lists_every_rule(cli: CliRun) -> None:
    result = cli("rules", "--lang", "en")
    assert result.exit_code == 0
    for item in load_rules():
        assert item.rule.id in result.stdout


def test_rules_by_table_include_those_the_band_table_answers(cli: CliRun) -> None:
    from taikang_check.engine.check_bands import answers

    result = cli("rules", "--table", "class_bands", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    expected = {r.rule.id for r in load_rules() if any(answers(c) for c in r.rule.checks)}
    assert "large-class" in expected
    every = {r.rule.id for r in load_rules()}
    listed = {i for i in every if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", result.stdout)}
    assert listed == expected


def test_explain_command(cli: CliRun) -> None:
    result = cli("explain", "large-class")
    assert result.exit_code == 0
    assert "大班额" in result.stdout
    assert_cannot_run(cli("explain", "no-such-rule"), "no-such-rule")


def test_explain_says_the_check_in_words(cli: CliRun) -> None:
    zh = cli("explain", "teaching-point-50")
    assert zh.exit_code == 0, zh.stderr
    assert "学校类型为教学点，且确需保留不为“是”；在校生数≤50即不合格" in zh.stdout
    assert "级别: 错误" in zh.stdout
    classes = cli("explain", "large-class").stdout
    assert "班级表（逐行），范围：年级在1至9之间；学生数≥56即不合格" in classes
    en = cli("explain", "teaching-point-50", "--lang", "en").stdout
    assert "kind = teaching_point" in en
    assert "Severity: error" in en


def test_explain_marks_an_unverified_quote(cli: CliRun) -> None:
    """The national standard's text is not shipped: its quotes are never shown as verbatim."""
    national = cli("explain", "national-school-size")
    assert national.exit_code == 0
    assert "原文（未经核对" in national.stdout
    english = cli("explain", "national-school-size", "--lang", "en")
    assert "Quote (unverified" in english.stdout
    plan = cli("explain", "school-size")
    assert "原文: “原则上" in plan.stdout
    assert "未经核对" not in plan.stdout


# --- the Python API --------------------------------------------------------------------------


def test_python_api_returns_the_report_model(tmp_path: Path) -> None:
    schools, classes = clean_dataset(tmp_path)
    report = taikang_check.audit([schools, classes], as_of=dt.date(2026, 11, 29))
    assert isinstance(report, Report)
    assert report.as_of == dt.date(2026, 11, 29)
    assert [(f.table, f.rows) for f in report.inputs] == [("schools", 1), ("classes", 2)]
    assert {r.rule.id for r in report.rules} >= {"large-class", "school-size"}
    assert report.count(Status.FAIL) == 0


def test_python_api_raises_problems_not_exit(tmp_path: Path) -> None:
    with pytest.raises(ProblemsFound) as raised:
        taikang_check.audit([tmp_path / "missing.csv"], as_of=dt.date(2026, 11, 29))
    assert [p.code for p in raised.value.problems] == [ProblemCode.FILE_NOT_FOUND]


def test_audit_leaves_input_files_untouched(cli: CliRun, tmp_path: Path) -> None:
    copies = [shutil.copy(SAMPLE_SCHOOLS, tmp_path), shutil.copy(SAMPLE_CLASSES, tmp_path)]
    paths = [Path(p) for p in copies]
    for path in paths:
        os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = [(p.read_bytes(), p.stat().st_mtime_ns) for p in paths]
    taikang_check.audit(paths, as_of=dt.date(2026, 11, 29))
    cli("audit", *paths, "--as-of", AS_OF, "--format", "json")
    assert [(p.read_bytes(), p.stat().st_mtime_ns) for p in paths] == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["classes.csv", "schools.csv"]
