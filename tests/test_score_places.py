"""Figures per county, township and school (engine/score.py): each rule counts once at a
place, its worst state there decides, and a rule skipped for missing data counts against
exactly the places it would have been evaluated at.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from conftest import write_table

from taikang_check.api import audit
from taikang_check.report.model import Report

RULES = """rules:
  - id: cap-50
    title: {zh: 每班不超过50人, en: At most 50 a class}
    source: {section: 三(一), quote: 每班不超过50人}
    severity: error
    checks:
      - table: classes
        where: [{column: grade, between: [1, 9]}]
        measure: {column: students}
        fail_if: {gt: 50}
  - id: small-school
    title: {zh: 在校生不少于100人, en: At least 100 students}
    source: {section: 三(一), quote: 在校生不少于100人}
    severity: warning
    checks:
      - table: schools
        measure: {column: students}
        fail_if: {lt: 100}
  - id: goal-enrolment
    title: {zh: 毛入园率达到93%以上, en: Enrolment at least 93%}
    source: {section: 二(四), quote: 毛入园率达到93%以上}
    severity: error
    checks:
      - table: indicators
        indicator: preschool_gross_enrolment_rate
        targets: [{year: 2025, fail_if: {lt: 93}}]
  - id: goal-enrolment-again
    title: {zh: 毛入园率达到95%以上, en: Enrolment at least 95%}
    source: {section: 二(四), quote: 毛入园率达到95%以上}
    severity: error
    checks:
      - table: indicators
        indicator: preschool_gross_enrolment_rate
        targets: [{year: 2025, fail_if: {lt: 95}}]
  - id: junior-resource-room
    title: {zh: 初中设资源教室, en: Junior schools have a resource room}
    source: {section: 三(五), quote: 初中设资源教室}
    severity: error
    checks:
      - table: schools
        where: [{column: kind, eq: junior}]
        measure: {column: resource_room}
        fail_if: {is_not: true}
  - id: junior-inclusive-students
    title: {zh: 初中随班就读不少于1人, en: Junior schools take disabled students}
    source: {section: 三(五), quote: 初中随班就读}
    severity: warning
    checks:
      - table: schools
        where: [{column: kind, eq: junior}]
        measure: {column: disabled_inclusive}
        fail_if: {lt: 1}
"""
FIGURES = ["passed", "failed", "unknown", "skipped", "applicable", "assessed", "score", "verdict"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("places")
    rules = folder / "rules"
    rules.mkdir()
    (rules / "rules.yaml").write_text(RULES, encoding="utf-8")
    header = ["school_id", "county", "name", "township", "kind", "ownership", "area", "students"]
    schools = write_table(
        folder,
        "schools.csv",
        header,
        [
            ["S1", "甲县", "城关一小", "城关镇", "primary", "public", "urban", 600],
            ["S2", "甲县", "城关初中", "城关镇", "junior", "public", "urban", 80],
            ["S3", "乙县", "东乡小学", "东乡", "primary", "public", "rural", 300],
        ],
    )
    classes = write_table(
        folder,
        "classes.csv",
        ["school_id", "grade", "class_name", "students"],
        [
            ["S1", 1, "1班", 52],
            ["S1", 2, "1班", 40],
            ["S2", 7, "1班", 40],
            ["S3", 3, "1班", 45],
            ["S3", 4, "1班", ""],
        ],
    )
    return audit([schools, classes], as_of=dt.date(2026, 1, 1), rules_dir=rules)


def _figures(frame: pl.DataFrame, key: str) -> dict[str, tuple[object, ...]]:
    return {row[0]: tuple(row[1:]) for row in frame.select(key, *FIGURES).iter_rows()}


def test_each_school_counts_each_rule_once_with_its_worst_state(report: Report) -> None:
    # S1: a class fails cap-50, the school passes small-school, both enrolment goals are
    # skipped (no indicators table) and apply everywhere. S2, a junior school, also counts
    # the two junior rules it would have been judged by; S3's blank class is unknown.
    assert _figures(report.school_scores, "school_id") == {
        "S1": (1, 1, 0, 2, 4, 2, 25.0, "fail"),
        "S2": (1, 1, 0, 4, 6, 2, 16.67, "pass"),  # small-school is a warning
        "S3": (1, 0, 1, 2, 4, 2, 25.0, "undecided"),
    }
    assert report.school_scores.get_column("school_id").to_list() == ["S2", "S1", "S3"]
    assert report.school_scores.get_column("school_name").to_list() == [
        "城关初中",
        "城关一小",
        "东乡小学",
    ]


def test_a_county_takes_the_worst_state_of_each_rule_over_its_schools(report: Report) -> None:
    expected = {
        "甲县": (0, 2, 0, 4, 6, 2, 0.0, "fail"),
        "乙县": (1, 0, 1, 2, 4, 2, 25.0, "undecided"),
    }
    assert _figures(report.county_scores, "county") == expected
    assert report.county_scores.get_column("county").to_list() == ["甲县", "乙县"]
    townships = report.township_scores.select("county", "township", *FIGURES).rows()
    assert townships == [("甲县", "城关镇", *expected["甲县"]), ("乙县", "东乡", *expected["乙县"])]
