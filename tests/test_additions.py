"""Rules skipped for missing data are grouped by what to add, with how many rules each
addition would let run (terminal, Markdown, JSON), never listed one line per rule."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from conftest import SAMPLE, CliRun

AS_OF = "2025-06-30"
SCHOOLS = str(SAMPLE / "schools.csv")
INDICATORS = str(SAMPLE / "indicators.csv")


def _json(cli: CliRun, *files: str) -> dict[str, object]:
    result = cli("audit", *files, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 1, result.output
    report: dict[str, object] = json.loads(result.stdout)
    return report


def _statuses(report: dict[str, object]) -> dict[str, str]:
    rules = report["rules"]
    assert isinstance(rules, list)
    return {rule["id"]: rule["status"] for rule in rules}


def test_a_schools_only_audit_says_what_adding_the_indicators_table_would_check(
    cli: CliRun,
) -> None:
    alone = _json(cli, SCHOOLS)
    summary = alone["summary"]
    assert isinstance(summary, dict)
    additions = summary["additions"]
    # Every skipped rule is counted under exactly one addition.
    skipped = {rule for rule, status in _statuses(alone).items() if status == "skipped"}
    counted = [rule for addition in additions for rule in addition["rules"]]
    assert sorted(counted) == sorted(skipped)
    (indicators,) = [a for a in additions if a["add"] == [{"table": "indicators", "column": None}]]
    # The count is what adding the table really does: the rules it lets run.
    with_table = _statuses(_json(cli, SCHOOLS, INDICATORS))
    now_run = sorted(rule for rule in skipped if with_table[rule] != "skipped")
    assert indicators["rules"] == now_run
    assert len(now_run) > 30
    assert indicators["message"].startswith(f"加上县级指标表可再核查 {len(now_run)} 条规则")

    terminal = cli("audit", SCHOOLS, "--as-of", AS_OF).stdout
    assert f"加上县级指标表可再核查 {len(now_run)} 条规则" in terminal
    assert "加上班级表可再核查 1 条规则" in terminal
    # No line per skipped rule: a skipped rule's id appears only in the rules table.
    section = terminal[terminal.index("补充数据可再核查的规则") : terminal.index("规则检查结果")]
    assert not any(rule in section for rule in skipped)
    english = cli("audit", SCHOOLS, "--as-of", AS_OF, "--lang", "en").stdout
    assert f"Add the county indicators table to check {len(now_run)} more rules" in english
    markdown = cli("audit", SCHOOLS, "--as-of", AS_OF, "--format", "markdown").stdout
    assert f"- 加上县级指标表可再核查 {len(now_run)} 条规则" in markdown
    assert "alliance-groups" not in markdown  # skipped rules are counted, not listed


def test_a_missing_column_says_which_column_to_add_to_which_table(
    cli: CliRun, tmp_path: Path
) -> None:
    with (SAMPLE / "schools.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    schools = tmp_path / "schools.csv"
    with schools.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, [c for c in rows[0] if c != "资源教室"])
        writer.writeheader()
        writer.writerows({k: v for k, v in row.items() if k != "资源教室"} for row in rows)
    report = _json(cli, str(schools), str(SAMPLE / "classes.csv"), INDICATORS)
    summary = report["summary"]
    assert isinstance(summary, dict)
    (column,) = [
        a
        for a in summary["additions"]
        if {"table": "schools", "column": "resource_room"} in a["add"]
    ]
    assert column["rules"] == ["resource-room"]
    assert column["message"] == "在学校表加上「资源教室」列可再核查 1 条规则"
    english = cli(
        "audit",
        str(schools),
        str(SAMPLE / "classes.csv"),
        INDICATORS,
        "--as-of",
        AS_OF,
        "--lang",
        "en",
    ).stdout
    assert "Add the column resource_room to the schools table to check 1 more rule" in english
