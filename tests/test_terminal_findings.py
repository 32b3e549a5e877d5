"""The terminal report lists, under each failing or undecided rule, its first findings that are
not pending (at most --max-findings), then how many more there are: counted here from the
report's own findings, not from the renderer."""

from __future__ import annotations

import datetime as dt
import io
import re

import polars as pl
import pytest
from conftest import SAMPLE

from taikang_check.api import audit
from taikang_check.render.formats import RenderOptions
from taikang_check.render.terminal import render_terminal
from taikang_check.report.model import Report, Status

FILES = [SAMPLE / "schools.csv", SAMPLE / "classes.csv", SAMPLE / "indicators.csv"]
MORE = re.compile(r"^  … (\d+) more: see --format json or --max-findings$")


@pytest.fixture(scope="module")
def report() -> Report:
    return audit(FILES, as_of=dt.date(2025, 6, 30))


def listed(text: str, report: Report) -> dict[str, tuple[int, int]]:
    """Per rule heading in the text: (finding lines under it, the count its "more" line gives)."""
    headings = {f"{r.rule.title.get('en')} · {r.rule.id}  (": r.rule.id for r in report.rules}
    found: dict[str, tuple[int, int]] = {}
    current = None
    for line in text.splitlines():
        rule = next((i for start, i in headings.items() if line.startswith(start)), None)
        if rule is not None:
            current = rule
            found[current] = (0, 0)
        elif current is not None and (more := MORE.match(line)):
            found[current] = (found[current][0], int(more.group(1)))
            current = None
        elif current is not None and line.startswith("  ") and not line.startswith("   "):
            found[current] = (found[current][0] + 1, 0)
        else:
            current = None
    return found


@pytest.mark.parametrize("limit", [1, 3, 20])
def test_each_rule_lists_its_first_findings_and_counts_the_rest(report: Report, limit: int) -> None:
    stream = io.StringIO()
    render_terminal(report, stream, RenderOptions(lang="en", max_findings=limit))
    found = listed(stream.getvalue(), report)
    expected = {}
    for result in report.rules:
        if result.status not in (Status.FAIL, Status.UNKNOWN):
            continue
        shown = result.findings.filter(pl.col("status") != Status.PENDING.value).height
        expected[result.rule.id] = (min(shown, limit), max(shown - limit, 0))
    assert any(more for _, more in expected.values())  # the sample has rules cut short
    assert found == expected


def test_verbose_lists_every_finding(report: Report) -> None:
    stream = io.StringIO()
    render_terminal(report, stream, RenderOptions(lang="en", verbose=True))
    found = listed(stream.getvalue(), report)
    for rule_id, (lines, more) in found.items():
        result = next(r for r in report.rules if r.rule.id == rule_id)
        assert more == 0
        assert lines == result.findings.filter(pl.col("status") != Status.PENDING.value).height
