"""County and township totals with blank cells decide what they can: a verdict given despite
blanks holds for every value the blanks could take (checked here by trying them all on small
groups), and a total is unknown only when values of the blanks lead to both verdicts."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from fractions import Fraction
from typing import Any

import polars as pl
import pytest

from taikang_check.engine.check_groups import group_plan
from taikang_check.engine.table_plan import run_plan
from taikang_check.read.csv_reader import ROW
from taikang_check.rulebook.model import Check, Rule

AS_OF = dt.date(2030, 1, 1)
# What a blank count is tried as: small values, and one so large that it stands for the limit.
TRIED = (0, 1, 2, 3, 5, 8, 1000)
OPS = ("gt", "ge", "lt", "le", "eq", "ne")


def _rule(measure: dict[str, Any], fail_if: dict[str, Any]) -> tuple[Rule, Check]:
    rule = Rule.model_validate(
        {
            "id": "a-total",
            "title": {"zh": "合计", "en": "a total"},
            "source": {"section": "三(五)", "quote": "合计"},
            "severity": "error",
            "checks": [
                {
                    "table": "schools",
                    "scope": "county",
                    "where": [{"column": "member", "is": True}],
                    "measure": measure,
                    "fail_if": fail_if,
                }
            ],
        }
    )
    check = rule.checks[0]
    assert isinstance(check, Check)
    return rule, check


PART, WHOLE = "primary_zoned_admissions", "primary_admissions"  # a part and its whole
SCHEMA = {
    "member": pl.Boolean,
    PART: pl.Int64,
    WHOLE: pl.Int64,
    "x": pl.Int64,
    "y": pl.Int64,
    "students": pl.Int64,
    "private": pl.Boolean,
}


def _verdict(rule: Rule, check: Check, rows: list[dict[str, Any]]) -> str | None:
    """The check's status on these rows (None: no evaluation)."""
    frame = pl.DataFrame(rows, schema=SCHEMA).with_columns(
        pl.int_range(2, len(rows) + 2).alias(ROW),
        pl.format("S{}", pl.int_range(1, len(rows) + 1)).alias("school_id"),
        pl.lit("县").alias("county"),
    )
    result = run_plan(group_plan(rule, 0, check, frame, AS_OF))
    if result.counts["evaluated"] == 0:
        return None
    for key, status in (("failed", "fail"), ("unknown", "unknown"), ("passed", "pass")):
        if result.counts[key]:
            return status
    raise AssertionError(result.counts)


def _fails(value: Fraction, op: str, bound: Fraction) -> bool:
    return {
        "gt": value > bound,
        "ge": value >= bound,
        "lt": value < bound,
        "le": value <= bound,
        "eq": value == bound,
        "ne": value != bound,
    }[op]


def _completions(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Every way of filling the blank cells (and memberships) from TRIED, keeping parts
    within their wholes; only the rows in the group."""
    slots = [(i, c) for i, row in enumerate(rows) for c, v in row.items() if v is None]
    choices = [(True, False) if c in ("member", "private") else TRIED for _, c in slots]
    done = []
    for values in itertools.product(*choices):
        filled = [dict(row) for row in rows]
        for (i, c), value in zip(slots, values, strict=True):
            filled[i][c] = value
        if all(r[PART] <= r[WHOLE] for r in filled):
            done.append([r for r in filled if r["member"]])
    return done


def _random_rows(generator: random.Random, cells: tuple[str, ...]) -> list[dict[str, Any]]:
    rows = []
    for _ in range(generator.randint(1, 3)):
        whole = generator.randint(0, 6)
        rows.append(
            {
                "member": True,
                PART: generator.randint(0, whole),
                WHOLE: whole,
                "x": generator.randint(0, 6),
                "y": generator.randint(0, 6),
                "students": generator.randint(0, 6),
                "private": generator.random() < 0.4,
            }
        )
    for _ in range(generator.randint(1, 2)):
        generator.choice(rows)[generator.choice((*cells, "member"))] = None
    return rows


def _sum(rows: list[dict[str, Any]], name: str, only: str | None = None) -> int:
    return sum(r[name] for r in rows if only is None or r[only])


CASES = {
    "part of a whole": (
        {"ratio": {"numerator": PART, "denominator": WHOLE}},
        (PART, WHOLE),
        lambda rows: (_sum(rows, PART), _sum(rows, WHOLE)),
    ),
    "ratio per 100": (
        {"ratio": {"numerator": "x", "denominator": "y", "per": 100}},
        ("x", "y"),
        lambda rows: (100 * _sum(rows, "x"), _sum(rows, "y")),
    ),
    "share of students": (
        {"share": {"of": "students", "part": [{"column": "private", "is": True}]}},
        ("students", "private"),
        lambda rows: (_sum(rows, "students", "private"), _sum(rows, "students")),
    ),
    "share of rows": (
        {"share": {"part": [{"column": "private", "is": True}]}},
        ("private",),
        lambda rows: (sum(1 for r in rows if r["private"]), len(rows)),
    ),
    "sum": ({"sum": "students"}, ("students",), lambda rows: (_sum(rows, "students"), 1)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_verdict_despite_blanks_holds_for_every_value_of_the_blanks(case: str) -> None:
    measure, cells, value = CASES[case]
    generator = random.Random(12)
    seen = {"fail": 0, "pass": 0, "unknown": 0}
    for _ in range(300):
        op = generator.choice(OPS)
        if "sum" in measure:
            bound, text = Fraction(generator.randint(0, 12)), ""
            text = str(bound)
        else:
            bound = Fraction(generator.choice((0, 1, 19, 50, 85, 95, 100, 150, 250)), 100)
            text = f"{bound * 100}%"
        rule, check = _rule(measure, {op: text})
        rows = _random_rows(generator, cells)
        verdict = _verdict(rule, check, rows)
        if verdict is None:
            continue
        seen[verdict] += 1
        outcomes = set()
        for filled in _completions(rows):
            numerator, denominator = value(filled)
            if denominator:  # no total to judge otherwise
                outcomes.add(_fails(Fraction(numerator, denominator), op, bound))
        if verdict == "fail":
            assert outcomes <= {True}, (op, text, rows)
        elif verdict == "pass":
            assert outcomes <= {False}, (op, text, rows)
    assert seen["fail"] > 10
    assert seen["pass"] > 10
    assert seen["unknown"] > 10


def test_998_of_1000_with_a_blank_school_can_never_reach_100_percent() -> None:
    rule, check = _rule({"ratio": {"numerator": PART, "denominator": WHOLE}}, {"lt": "100%"})
    known = {"member": True, PART: 998, WHOLE: 1000, "x": 0, "y": 0, "students": 0}
    blank = {**known, PART: None, WHOLE: None}
    assert _verdict(rule, check, [{**known, "private": False}, {**blank, "private": False}]) == (
        "fail"
    )
    # Not a part of its whole (x of y): a blank school could be all in and outweigh the rest.
    rule, check = _rule({"ratio": {"numerator": "x", "denominator": "y"}}, {"lt": "100%"})
    rows = [{**known, "x": 998, "y": 1000, "private": False}, {**known, "x": None, "y": None}]
    assert _verdict(rule, check, [{**r, "private": False} for r in rows]) == "unknown"
