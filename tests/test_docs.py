"""Generated reference docs are current, and the plan's coverage table is complete."""

from __future__ import annotations

from pathlib import Path

import pytest

from taikang_check.render.reference import generated_docs
from taikang_check.rulebook.loader import load_rules

REPO = Path(__file__).resolve().parent.parent
PLAN = REPO / "docs" / "plan" / "taikang-plan-2023.zh-Hans.txt"


@pytest.mark.parametrize(("name", "expected"), sorted(generated_docs().items()))
def test_generated_doc_is_current(name: str, expected: str) -> None:
    text = (REPO / "docs" / name).read_text(encoding="utf-8")
    assert text == expected, f"docs/{name} is stale: run python scripts/generate_docs.py"


def _coverage_rows() -> list[list[str]]:
    rows = []
    for line in (REPO / "docs" / "coverage.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("| ") and not line.startswith("| section"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def test_coverage_quotes_are_in_the_plan() -> None:
    plan = PLAN.read_text(encoding="utf-8")
    missing = [row[1] for row in _coverage_rows() if row[1] not in plan]
    assert not missing


def test_coverage_names_every_rule_and_only_real_rules() -> None:
    rule_ids = {loaded.rule.id for loaded in load_rules(packs=("taikang",))}
    named = set()
    for row in _coverage_rows():
        if row[2] != "—":
            named |= {name.strip() for name in row[2].split(",")}
        else:
            assert row[3], f"an unchecked sentence needs a reason: {row[1]}"
    assert named - rule_ids == set(), "coverage names rules that do not exist"
    assert rule_ids - named == set(), "rules missing from docs/coverage.md"


def test_rules_doc_marks_unverified_quotes() -> None:
    """docs/rules.md never shows a quote it could not check as verbatim."""
    text = generated_docs()["rules.md"]
    for loaded in load_rules():
        rule = loaded.rule
        section = text.split(f"### `{rule.id}`", 1)[1].split("\n### ", 1)[0]
        marked = "原文（未经核对" in section
        assert marked is not rule.source.verified, rule.id
