"""Generated reference docs are current, and the plan's coverage table is complete."""

from __future__ import annotations

import re
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


def _coverage_tables() -> dict[str, list[list[str]]]:
    """The tables of docs/coverage.md by the name of their first column (section, item)."""
    tables: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for line in (REPO / "docs" / "coverage.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            current = None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if current is None:
            current = tables.setdefault(cells[0], [])
        elif not set(line) <= set("|-: "):
            current.append(cells)
    return tables


def _coverage_rows() -> list[list[str]]:
    return _coverage_tables()["section"]


def _named(row: list[str]) -> set[str]:
    return set() if row[2] == "—" else {name.strip() for name in row[2].split(",")}


def test_coverage_quotes_are_in_the_plan() -> None:
    plan = PLAN.read_text(encoding="utf-8")
    missing = [row[1] for row in _coverage_rows() if row[1] not in plan]
    assert not missing


def _plan_numbers(plan: str) -> list[int]:
    """Where the plan's text writes a number: every Arabic digit from 一、指导思想 to the end of
    the annexes, leaving out the annexes' headings and the numbers of their items."""
    body_start = plan.index("一、指导思想")
    body_end = plan.index("相关阅读")
    numbers = []
    offset = 0
    for line in plan.splitlines(keepends=True):
        start, end = offset, offset + len(line)
        offset = end
        if end <= body_start or start >= body_end:
            continue
        marker = re.match(r"\s*(附件\d+[:：]|\d+\.)", line)
        skip = start + (marker.end() if marker else 0)
        for match in re.finditer(r"\d", line):
            position = start + match.start()
            if position >= skip and body_start <= position < body_end:
                numbers.append(position)
    return numbers


def test_coverage_quotes_take_in_every_number_of_the_plan() -> None:
    """A sentence that writes a number (a figure, a date) has a row: each digit of the plan lies
    inside an occurrence of some quote of the table."""
    plan = PLAN.read_text(encoding="utf-8")
    covered = bytearray(len(plan))
    for row in _coverage_rows():
        at = plan.find(row[1])
        while at != -1:
            covered[at : at + len(row[1])] = b"\x01" * len(row[1])
            at = plan.find(row[1], at + 1)
    numbers = _plan_numbers(plan)
    assert len(numbers) > 200, "the plan's numbers were not found"
    uncovered = [plan[max(0, p - 12) : p + 12] for p in numbers if not covered[p]]
    assert not uncovered, f"sentences with numbers but no row in docs/coverage.md: {uncovered}"


def test_coverage_names_every_rule_and_only_real_rules() -> None:
    rules = {loaded.rule.id: loaded.rule for loaded in load_rules(packs=("taikang",))}
    named = set()
    for row in _coverage_rows():
        named |= _named(row)
        if not _named(row):
            assert row[3], f"an unchecked sentence needs a reason: {row[1]}"
    assert named - set(rules) == set(), "coverage names rules that do not exist"
    assert set(rules) - named == set(), "rules missing from docs/coverage.md"
    for rule_id, rule in rules.items():
        sections = [row[0] for row in _coverage_rows() if rule_id in _named(row)]
        assert any(rule.source.section.startswith(s) for s in sections), (
            f"{rule_id} ({rule.source.section}) is named only under {sections}"
        )


# 教督〔2017〕6号: article 5's seven items and its closing paragraph, the 15 items of article 6,
# the 9 of article 7 and article 8.
_NUMERALS = [
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
]
NATIONAL_ITEMS = [
    *(f"第五条({n})" for n in _NUMERALS[:7]),
    "第五条第二款",
    *(f"第六条({n})" for n in _NUMERALS[:15]),
    *(f"第七条({n})" for n in _NUMERALS[:9]),
    "第八条",
]


def test_coverage_lists_every_item_of_the_national_standard() -> None:
    rows = _coverage_tables()["item"]
    assert [row[0] for row in rows] == NATIONAL_ITEMS
    for row in rows:
        assert row[1], f"{row[0]} needs its content"
        if not _named(row):
            assert row[3], f"an item without a rule needs a reason: {row[0]}"


def test_coverage_names_every_national_rule_under_its_item() -> None:
    rules = {loaded.rule.id: loaded.rule for loaded in load_rules(packs=("national",))}
    named: dict[str, str] = {}
    for row in _coverage_tables()["item"]:
        for rule_id in _named(row):
            assert rule_id in rules, f"coverage names a rule that does not exist: {rule_id}"
            assert rule_id not in named, f"{rule_id} is named under two items"
            named[rule_id] = row[0]
    assert set(rules) - set(named) == set(), "national rules missing from docs/coverage.md"
    wrong = {
        r: (rules[r].source.section, item)
        for r, item in named.items()
        if rules[r].source.section != item
    }
    assert not wrong, f"rules cited under another item (rule, table): {wrong}"


def test_rules_doc_marks_unverified_quotes() -> None:
    """docs/rules.md never shows a quote it could not check as verbatim."""
    text = generated_docs()["rules.md"]
    for loaded in load_rules():
        rule = loaded.rule
        section = text.split(f"### `{rule.id}`", 1)[1].split("\n### ", 1)[0]
        marked = "原文（未经核对" in section
        assert marked is not rule.source.verified, rule.id
