"""What the command line is given: rule files as a folder or one file, any case of `.yaml`,
thousands of broken rule files, the same data file twice."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO, SAMPLE, CliRun

FILES = [str(SAMPLE / "schools.csv"), str(SAMPLE / "classes.csv")]
CLASS_RULES = REPO / "rules" / "taikang" / "10-class-size.yaml"


def _rule_ids(stdout: str) -> set[str]:
    return {rule["id"] for rule in json.loads(stdout)["rules"]}


def test_rules_may_be_one_file(cli: CliRun) -> None:
    result = cli("audit", *FILES, "--rules", CLASS_RULES, "--format", "json")
    assert result.exit_code == 1, result.stderr
    assert "large-class" in _rule_ids(result.stdout)


def test_rule_files_in_upper_case_are_found(cli: CliRun, tmp_path: Path) -> None:
    shutil.copy(CLASS_RULES, tmp_path / "MAIN.YAML")
    result = cli("audit", *FILES, "--rules", tmp_path, "--format", "json")
    assert result.exit_code == 1, result.stderr
    assert "class-size-primary" in _rule_ids(result.stdout)


def test_thousands_of_broken_rule_files_are_listed_in_bounded_lines(
    cli: CliRun, tmp_path: Path
) -> None:
    for index in range(1000):
        (tmp_path / f"r{index}.yaml").write_text("rules:\n  - id: x\n", encoding="utf-8")
    result = cli("audit", *FILES, "--rules", tmp_path)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) <= 110
    assert "rule-file-invalid" in lines[-1]  # the rest counted, not dropped


def test_the_same_file_twice_is_said_once(cli: CliRun) -> None:
    result = cli("audit", *FILES, str(SAMPLE / "." / "schools.csv"))
    assert result.exit_code == 2
    assert "duplicate-input" in result.stderr
    assert "duplicate-id" not in result.stderr
