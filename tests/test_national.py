"""The national standard (教督〔2017〕6号): school verdicts, weighted variation coefficients,
one-through schools, teaching points, and counties ranked — against hand and independent
computations."""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

import polars as pl
import pytest
from conftest import SAMPLE_SCHOOLS, write_table

from taikang_check.api import audit
from taikang_check.engine.check_cv import cv_groups
from taikang_check.engine.evaluate import prepare_tables
from taikang_check.engine.national import NationalSummary
from taikang_check.read.dataset import load_dataset
from taikang_check.report.model import Report
from taikang_check.rulebook.model import Predicate, Ratio

AS_OF = dt.date(2025, 6, 30)
RESOURCES = (
    "qualified_teachers",
    "backbone_teachers",
    "pe_art_teachers",
    "teaching_area",
    "sports_area",
    "equipment_value",
    "multimedia_classrooms",
)
HEADER = [
    "county",
    "school_id",
    "name",
    "township",
    "kind",
    "ownership",
    "area",
    "students",
    *RESOURCES,
    "primary_students",
    "junior_students",
    *(f"junior_{r}" for r in RESOURCES),
]
# Per student (or per 100 students for the counts), primary and junior thresholds.
PER = {
    "qualified_teachers": 100,
    "backbone_teachers": 100,
    "pe_art_teachers": 100,
    "multimedia_classrooms": 100,
}
THRESHOLDS = {
    "qualified_teachers": (4.2, 5.3),
    "backbone_teachers": (1, 1),
    "pe_art_teachers": (0.9, 0.9),
    "teaching_area": (4.5, 5.8),
    "sports_area": (7.5, 10.2),
    "equipment_value": (2000, 2500),
    "multimedia_classrooms": (2.3, 2.4),
}


def school(
    school_id: str, kind: str, students: int, county: str = "太康县", **values: object
) -> list[object]:
    """A school that meets every primary threshold (for a junior school, every junior one),
    unless `values` say otherwise."""
    stage = 1 if kind == "junior" else 0
    resources = {r: math.ceil(THRESHOLDS[r][stage] * students / PER.get(r, 1)) for r in RESOURCES}
    row = {
        "county": county,
        "school_id": school_id,
        "name": f"{school_id}校",
        "township": "镇",
        "kind": kind,
        "ownership": "public",
        "area": "rural",
        "students": students,
        **resources,
        **values,
    }
    return [row.get(column) for column in HEADER]


def run(tmp_path: Path, rows: list[list[object]], **options: object) -> Report:
    path = write_table(tmp_path, "schools.csv", HEADER, rows)
    return audit([path], as_of=AS_OF, packs=("national",), **options)  # type: ignore[arg-type]


def summary(report: Report) -> NationalSummary:
    assert report.national is not None
    return report.national


def verdicts(report: Report) -> dict[tuple[str, str], str]:
    matrix = summary(report).matrix
    return {(r["school_id"], r["stage"]): r["verdict"] for r in matrix.iter_rows(named=True)}


def cv_of(report: Report, indicator: str, stage: str, county: str = "太康县") -> float | None:
    table = summary(report).variation
    rows = [
        r
        for r in table.iter_rows(named=True)
        if (r["indicator"], r["stage"], r["county"]) == (indicator, stage, county)
    ]
    assert len(rows) == 1
    value = rows[0]["cv"]
    return None if value is None else float(value)


def rule(report: Report, rule_id: str) -> object:
    return next(r for r in report.rules if r.rule.id == rule_id)


def test_cv_is_weighted_by_enrolment(tmp_path: Path) -> None:
    # x = 0.1, 0.2, 0.1 teachers per student with 100, 300, 600 students:
    # X̄ = 130/1000 = 0.13; S² = .1·.03² + .3·.07² + .6·.03² = .0021; CV = √.0021/.13
    rows = [
        school("A", "primary", 100, qualified_teachers=10),
        school("B", "primary", 300, qualified_teachers=60),
        school("C", "primary", 600, qualified_teachers=60),
    ]
    weighted = math.sqrt(0.0021) / 0.13
    unweighted_mean = (0.1 + 0.2 + 0.1) / 3
    unweighted = math.sqrt(((0.1 - unweighted_mean) ** 2 * 2 + (0.2 - unweighted_mean) ** 2) / 3)
    found = cv_of(run(tmp_path, rows), "qualified_teachers", "primary")
    assert found == pytest.approx(weighted, abs=1e-12)
    assert found != pytest.approx(unweighted / unweighted_mean, abs=1e-3)


def test_cv_over_the_limit_fails_and_names_the_schools_that_pull_it_up(tmp_path: Path) -> None:
    rows = [
        school("A", "primary", 1000, sports_area=30000),
        school("B", "primary", 1000, sports_area=7500),
        school("C", "primary", 100, sports_area=750),
    ]
    report = run(tmp_path, rows)
    cv = cv_of(report, "sports_area", "primary")
    assert cv is not None
    assert cv > 0.5
    result = rule(report, "national-cv-sports-area")
    assert result.status.value == "fail"  # type: ignore[attr-defined]
    finding = result.findings.row(0, named=True)  # type: ignore[attr-defined]
    assert float(finding["value"]) == pytest.approx(round(cv, 4))
    assert finding["detail"].split("、")[0] == "A校"


def test_fewer_than_two_schools_in_a_stage_is_not_applicable(tmp_path: Path) -> None:
    report = run(tmp_path, [school("A", "primary", 500), school("J", "junior", 500)])
    table = summary(report).variation
    assert set(table.get_column("status").to_list()) == {"not_applicable"}
    assert rule(report, "national-cv-sports-area").status.value == "not_applicable"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("sports_area", "expected"),
    [
        (7500, "pass"),  # 7 of 7
        (6375, "pass"),  # 6.375 per student = exactly 85% of 7.5: allowed
        (6374, "fail"),  # just under 85%
    ],
)
def test_six_of_seven_with_the_seventh_at_85_percent(
    tmp_path: Path, sports_area: int, expected: str
) -> None:
    report = run(tmp_path, [school("A", "primary", 1000, sports_area=sports_area)])
    assert verdicts(report)[("A", "primary")] == expected


def test_two_indicators_short_fails_even_when_both_are_near(tmp_path: Path) -> None:
    row = school("A", "primary", 1000, sports_area=7400, teaching_area=4400)
    assert verdicts(run(tmp_path, [row]))[("A", "primary")] == "fail"


def test_blank_resource_is_unknown_unless_already_failing(tmp_path: Path) -> None:
    rows = [
        school("A", "primary", 1000, sports_area=None),
        school("B", "primary", 1000, sports_area=None, teaching_area=100, equipment_value=1),
    ]
    found = verdicts(run(tmp_path, rows))
    assert found[("A", "primary")] == "unknown"
    assert found[("B", "primary")] == "fail"


def test_nine_year_school_parts_use_their_own_thresholds(tmp_path: Path) -> None:
    # 600 primary + 300 junior; junior part given explicitly, primary part is the rest.
    junior = {f"junior_{r}": math.ceil(THRESHOLDS[r][1] * 300 / PER.get(r, 1)) for r in RESOURCES}
    whole = {
        r: math.ceil(THRESHOLDS[r][0] * 600 / PER.get(r, 1)) + junior[f"junior_{r}"]
        for r in RESOURCES
    }
    row = school(
        "N", "nine_year", 900, primary_students=600, junior_students=300, **whole, **junior
    )
    report = run(tmp_path, [row])
    matrix = summary(report).matrix
    assert sorted(matrix.get_column("stage").to_list()) == ["junior", "primary"]
    assert verdicts(report) == {("N", "junior"): "pass", ("N", "primary"): "pass"}
    junior_row = matrix.filter(matrix["stage"] == "junior").row(0, named=True)
    assert junior_row["qualified_teachers_value"] == pytest.approx(16 / 300 * 100)


def test_nine_year_school_without_junior_columns_splits_by_students(tmp_path: Path) -> None:
    row = school(
        "N", "nine_year", 900, primary_students=600, junior_students=300, qualified_teachers=90
    )
    matrix = summary(run(tmp_path, [row])).matrix
    values = {r["stage"]: r["qualified_teachers_value"] for r in matrix.iter_rows(named=True)}
    assert values == {"primary": pytest.approx(10.0), "junior": pytest.approx(10.0)}


def test_teaching_points_can_be_left_out(tmp_path: Path) -> None:
    rows = [school("A", "primary", 500), school("T", "teaching_point", 40, sports_area=10)]
    included = verdicts(run(tmp_path, rows))
    excluded = verdicts(run(tmp_path, rows, teaching_points=False))
    assert ("T", "primary") in included
    assert included[("T", "primary")] == "fail"
    assert ("T", "primary") not in excluded


def test_counties_are_judged_and_ranked_separately(tmp_path: Path) -> None:
    rows = [
        school("A1", "primary", 500, county="甲县"),
        school("A2", "primary", 400, county="甲县"),
        school("B1", "primary", 500, county="乙县", sports_area=100),
        school("B2", "primary", 400, county="乙县"),
    ]
    counties = summary(run(tmp_path, rows)).counties
    ranked = [(r["rank"], r["county"], r["verdict"]) for r in counties.iter_rows(named=True)]
    assert ranked == [(1, "甲县", "pass"), (2, "乙县", "fail")]


def _independent_cv(rows: list[dict[str, float]], resource: str) -> float:
    total_students = sum(r["students"] for r in rows)
    mean = sum(r[resource] for r in rows) / total_students
    variance = sum(
        r["students"] / total_students * (r[resource] / r["students"] - mean) ** 2 for r in rows
    )
    return math.sqrt(variance) / mean


def test_every_cv_matches_an_independent_computation(tmp_path: Path) -> None:
    generator = random.Random(6)
    rows: list[list[object]] = []
    parts: dict[str, list[dict[str, float]]] = {"primary": [], "junior": []}
    for index in range(40):
        kind = generator.choice(["primary", "primary", "junior", "teaching_point"])
        students = generator.randint(30, 2500)
        values = {r: generator.randint(0, 60) * (1 if r in PER else 400) for r in RESOURCES}
        rows.append(school(f"S{index}", kind, students, **values))
        stage = "junior" if kind == "junior" else "primary"
        parts[stage].append({"students": students, **values})
    report = run(tmp_path, rows)
    for stage, members in parts.items():
        for resource in RESOURCES:
            expected = _independent_cv(members, resource)
            assert cv_of(report, resource, stage) == pytest.approx(expected, abs=1e-9)


def test_coefficients_per_township_name_each_townships_own_schools() -> None:
    """Per county and township (two group keys) the schools that pull a coefficient up are
    that township's: sorting inside such a grouping corrupted them, or crashed the process."""
    stages = prepare_tables(load_dataset([str(SAMPLE_SCHOOLS)]))["stages"]
    where = (Predicate(column="stage", eq="primary"),)
    for resource in ("qualified_teachers", "sports_area", "equipment_value"):
        groups = cv_groups(
            stages, ["county", "township"], where, Ratio(numerator=resource, denominator="students")
        )
        assert groups.height >= 20
        names = stages.group_by("township").agg(pl.col("school_name"))
        own = {row["township"]: set(row["school_name"]) for row in names.iter_rows(named=True)}
        for row in groups.iter_rows(named=True):
            top = [name for name in (row["top"] or "").split("、") if name]
            assert top, row["township"]
            assert set(top) <= own[row["township"]], (row["township"], top)
