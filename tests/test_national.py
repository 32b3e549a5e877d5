"""The national standard (教督〔2017〕6号): school verdicts, weighted variation coefficients,
one-through schools, teaching points, and counties ranked — against hand and independent
computations."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from conftest import SAMPLE_SCHOOLS, write_table

from taikang_check.api import audit
from taikang_check.engine.check_cv import cv_groups
from taikang_check.engine.national import NationalSummary
from taikang_check.engine.tables import prepare_tables
from taikang_check.read.dataset import load_dataset
from taikang_check.report.model import Report
from taikang_check.rulebook.loader import load_rules
from taikang_check.rulebook.model import Check, Predicate, Ratio

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
            assert cv_of(report, resource, stage) == pytest.approx(expected, abs=1e-12)


def test_a_county_whose_schools_meet_6_of_7_and_whose_cvs_pass_passes(tmp_path: Path) -> None:
    # B is short of one indicator at exactly 85% (6.375 m² of 7.5): a warning of its own
    # rule, but the school meets the standard, so the county meets 第五条.
    rows = [
        school("A", "primary", 1000),
        school("B", "primary", 1000, sports_area=6375),
        school("C", "primary", 800),
    ]
    report = run(tmp_path, rows)
    assert rule(report, "national-sports-area").status.value == "fail"  # type: ignore[attr-defined]
    assert verdicts(report)[("B", "primary")] == "pass"
    counties = summary(report).counties.row(0, named=True)
    assert (counties["verdict"], counties["failing"], counties["unknown"]) == ("pass", 0, 0)


# --- a city of several counties, against an independent computation -------------------------

CITY_HEADER = [*HEADER, "boarding", "status"]
LIMITS = {"primary": Fraction(1, 2), "junior": Fraction(45, 100)}
PRIMARY_KINDS = ("primary", "teaching_point")
ONE_THROUGH = ("nine_year", "twelve_year", "complete_secondary")


def _need(resource: str, stage: str, students: int, factor: float) -> Fraction:
    """What `students` of a stage need of a resource to reach `factor` of its threshold."""
    threshold = Fraction(str(THRESHOLDS[resource][stage == "junior"]))
    amount = threshold * students * Fraction(str(factor)) / PER.get(resource, 1)
    if resource in PER:  # teachers and classrooms are whole numbers
        return Fraction(math.ceil(amount))
    return Fraction(math.ceil(amount * 100), 100)  # areas and values to the cent


def _city(generator: random.Random) -> list[dict[str, Any]]:
    """Three counties: 甲 every school at the standard (some at 6 of 7 with the 7th at 85% or
    more), 乙 with a school short of two indicators, 丙 with a blank resource."""
    schools: list[dict[str, Any]] = []

    def add(county: str, kind: str, parts: dict[str, int], **values: object) -> None:
        index = len(schools) + 1
        senior = parts.get("senior", 0)
        primary = parts.get("primary", 0)
        junior = parts.get("junior", 0)
        row: dict[str, Any] = {
            "county": county,
            "school_id": f"{county}{index}",
            "name": f"{county}{index}校",
            "township": generator.choice(["城关镇", "马头镇"]),
            "kind": kind,
            "ownership": "public",
            "area": generator.choice(["urban", "town", "rural"]),
            "students": primary + junior + senior,
            "boarding": generator.choice(["是", "否", None]),
            "status": "在办",
        }
        if kind in ONE_THROUGH:
            row["junior_students"] = junior
            if kind != "complete_secondary":
                row["primary_students"] = primary
        near = generator.choice(RESOURCES)  # one indicator may be at 85-99% of the standard
        for resource in RESOURCES:
            factor = generator.choice([1.0, 1.05, 1.2, 1.4])
            if resource == near and generator.random() < 0.5:
                factor = generator.choice([0.85, 0.9, 0.95])
            whole = _need(resource, "primary", primary, factor) + _need(
                resource, "junior", junior, factor
            )
            whole += _need(resource, "junior", senior, 1.0)  # the senior part's own share
            row[resource] = whole
            # 乙县 leaves some junior parts to be split by students (see stages.py), which
            # can take a part below 85%; the others give them.
            if kind in ONE_THROUGH and (county != "乙县" or generator.random() < 0.5):
                row[f"junior_{resource}"] = _need(resource, "junior", junior, factor)
        row.update(values)
        schools.append(row)

    for county in ("甲县", "乙县", "丙县"):
        for _ in range(3):
            add(county, "primary", {"primary": generator.randint(150, 1800)})
        for _ in range(2):
            add(county, "junior", {"junior": generator.randint(300, 1500)})
        add(county, "teaching_point", {"primary": generator.randint(30, 120)})
        add(county, "nine_year", {"primary": generator.randint(300, 900), "junior": 317})
        add(
            county,
            "twelve_year",
            {"primary": generator.randint(200, 700), "junior": 233, "senior": 601},
        )
        add(county, "complete_secondary", {"junior": generator.randint(300, 900), "senior": 977})
        add(county, "primary", {"primary": 400}, status="已撤并", sports_area=1)
    short = next(s for s in schools if s["county"] == "乙县" and s["kind"] == "primary")
    short["sports_area"] = Fraction(1)
    short["teaching_area"] = Fraction(1)
    blank = next(s for s in schools if s["county"] == "丙县" and s["kind"] == "junior")
    blank["equipment_value"] = None
    return schools


def _cell(value: object) -> object:
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{float(value):.2f}"
    return value


@dataclass(frozen=True)
class Part:
    """One stage of one school, as the standard judges it."""

    county: str
    school_id: str
    stage: str
    students: int
    resources: dict[str, Fraction | None]


def _stage_parts(row: dict[str, Any]) -> list[Part]:
    """A school's stages, split exactly as engine/stages.py documents it: the junior part
    has its junior_* resources or the whole's share by students, the primary part its share
    of the rest (a twelve-year school's senior part keeps its own)."""
    kind, total, whole = row["kind"], row["students"], {r: row[r] for r in RESOURCES}

    def part(stage: str, students: int, resources: dict[str, Fraction | None]) -> Part:
        return Part(row["county"], row["school_id"], stage, students, resources)

    if kind in PRIMARY_KINDS:
        return [part("primary", total, whole)]
    if kind == "junior":
        return [part("junior", total, whole)]
    junior = row["junior_students"]
    junior_part: dict[str, Fraction | None] = {}
    for r in RESOURCES:
        given, amount = row.get(f"junior_{r}"), whole[r]
        junior_part[r] = given if given is not None else amount and amount * junior / total
    parts = [part("junior", junior, junior_part)]
    if kind != "complete_secondary":
        primary, rest = row["primary_students"], total - junior
        primary_part = {
            r: None
            if whole[r] is None or junior_part[r] is None
            else (whole[r] - junior_part[r]) * primary / rest
            for r in RESOURCES
        }
        parts.append(part("primary", primary, primary_part))
    return parts


def _standard_verdict(part: Part) -> str:
    """第五条: at least 6 of the 7 met, and the one short at 85% of its standard or more."""
    short, far_short, blank = 0, False, False
    for r in RESOURCES:
        amount = part.resources[r]
        if amount is None:
            blank = True
            continue
        value = amount * PER.get(r, 1) / part.students
        threshold = Fraction(str(THRESHOLDS[r][part.stage == "junior"]))
        if value < threshold:
            short += 1
            far_short = far_short or value < threshold * Fraction(85, 100)
    return "fail" if short > 1 or far_short else "unknown" if blank else "pass"


def _exact_cv(members: list[tuple[int, Fraction]]) -> Decimal:
    students = sum(p for p, _ in members)
    mean = Fraction(sum(r for _, r in members), students)
    variance = sum(Fraction(p, students) * (r / p - mean) ** 2 for p, r in members)
    assert isinstance(variance, Fraction)
    with localcontext() as context:
        context.prec = 60
        root = (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
        return root / (Decimal(mean.numerator) / Decimal(mean.denominator))


def test_a_city_of_counties_gives_exact_cvs_and_verdicts_under_article_5(tmp_path: Path) -> None:
    schools = _city(random.Random(2017))
    rows = [[_cell(s.get(c)) for c in CITY_HEADER] for s in schools]
    for school_row, written in zip(schools, rows, strict=True):  # what the file says
        for column, cell in zip(CITY_HEADER, written, strict=True):
            if column in RESOURCES or (
                column.startswith("junior_") and column != "junior_students"
            ):
                school_row[column] = None if cell is None else Fraction(str(cell))
    path = write_table(tmp_path, "schools.csv", CITY_HEADER, rows)
    found = summary(audit([path], as_of=AS_OF, packs=("national",)))

    parts = [p for s in schools if s["status"] == "在办" for p in _stage_parts(s)]
    expected = {(p.school_id, p.stage): _standard_verdict(p) for p in parts}
    matrix = found.matrix.iter_rows(named=True)
    assert {(r["school_id"], r["stage"]): r["verdict"] for r in matrix} == expected
    states: dict[str, set[str]] = {}
    for p in parts:
        states.setdefault(p.county, set()).add(expected[(p.school_id, p.stage)])

    compared = 0
    for county, stage in sorted({(p.county, p.stage) for p in parts}):
        members = [p for p in parts if (p.county, p.stage) == (county, stage)]
        for r in RESOURCES:
            (row,) = found.variation.filter(
                (pl.col("county") == county)
                & (pl.col("stage") == stage)
                & (pl.col("indicator") == r)
            ).iter_rows(named=True)
            amounts = [p.resources[r] for p in members]
            if any(a is None for a in amounts):
                assert row["status"] == "unknown"
                states[county].add("unknown")
                continue
            cv = _exact_cv(
                [(p.students, a) for p, a in zip(members, amounts, strict=True) if a is not None]
            )
            assert abs(Decimal(row["cv"]) - cv) <= Decimal("1e-12"), (county, stage, r)
            compared += 1
            limit = LIMITS[stage]
            status = "fail" if cv > Decimal(limit.numerator) / limit.denominator else "pass"
            assert row["status"] == status
            states[county].add(status)
    assert compared >= 30

    verdict = {c: next(v for v in ("fail", "unknown", "pass") if v in s) for c, s in states.items()}
    counties = {r["county"]: r["verdict"] for r in found.counties.iter_rows(named=True)}
    assert counties == verdict == {"甲县": "pass", "乙县": "fail", "丙县": "unknown"}
    assert found.counties.sort("rank").get_column("county").to_list() == ["甲县", "丙县", "乙县"]


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


def test_the_summary_reuses_what_the_checks_computed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The matrix and the coefficients come from the standard and CV checks' own evaluation,
    and are the numbers the summary computes on its own when no check ran for them."""
    import taikang_check.engine.national as national

    rows = [
        school("A1", "primary", 500, county="甲县", sports_area=3000),
        school("A2", "primary", 400, county="甲县", teaching_area=None),
        school("A3", "junior", 700, county="甲县"),
        school("B1", "primary", 300, county="乙县", equipment_value=10),
        school("B2", "primary", 600, county="乙县"),
    ]
    path = write_table(tmp_path, "schools.csv", HEADER, rows)
    tables = prepare_tables(load_dataset([str(path)]))
    rules = {r.rule.id: r.rule for r in load_rules(packs=("national",))}
    alone = national.national_summary(tables, rules)
    assert alone is not None

    import taikang_check.engine.check_cv as check_cv

    def never(*args: object) -> object:
        raise AssertionError("computed again")

    grouped: list[object] = []
    real_groups = check_cv.cv_groups

    def counted(*args: Any, **kwargs: Any) -> pl.DataFrame:
        grouped.append(args)
        return real_groups(*args, **kwargs)

    monkeypatch.setattr(check_cv, "cv_groups", counted)
    monkeypatch.setattr(national, "standard_matrix", never)
    reused = summary(run(tmp_path, rows))
    cv_checks = sum(
        1 for r in rules.values() for c in r.checks if isinstance(c, Check) and c.measure.cv
    )
    assert len(grouped) == cv_checks  # once per check, by the check; none by the summary
    for name in ("matrix", "variation", "counties"):
        assert getattr(reused, name).equals(getattr(alone, name)), name
    assert reused.variation.height == 3 * len(RESOURCES)  # 甲县 primary and junior, 乙县 primary
    assert (reused.indicators, reused.cv_limits) == (alone.indicators, alone.cv_limits)


def test_the_county_heading_takes_the_standards_figures_from_its_rule(tmp_path: Path) -> None:
    import io
    import shutil

    from taikang_check.render.formats import RenderOptions
    from taikang_check.render.terminal import render_terminal

    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).parent.parent / "rules" / "national", rules)
    pack = rules / "10-resources.yaml"
    text = pack.read_text(encoding="utf-8")
    pack.write_text(
        text.replace("at_least: 6", "at_least: 5").replace(
            'others_reach: "85%"', 'others_reach: "90%"'
        ),
        encoding="utf-8",
    )
    rows = [school("A1", "primary", 500), school("A2", "primary", 400, sports_area=100)]
    path = write_table(tmp_path, "schools.csv", HEADER, rows)
    report = audit([path], as_of=AS_OF, rules_dir=rules)
    assert summary(report).at_least == 5
    out = io.StringIO()
    render_terminal(report, out, RenderOptions(lang="zh"))
    assert "每校7项至少5项达标、余项不低于90%" in out.getvalue()
