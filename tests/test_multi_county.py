"""A city of several counties, hundreds of schools each: every county-scope result per county.

The data is scripts/generate_sample.py's city (`--counties`): the sample county first, then
counties drawn from their own seeds, each with nine-year, twelve-year (with and without the
初中部 columns) and complete secondary schools, boarding schools, blank resource cells, classes
and county indicators. Audits run in a child process, so that a crash of the data-frame
library (polars 2.1 once segfaulted in the national CV grouping as soon as there were two
counties) fails these tests with its exit status instead of taking pytest down.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import REPO, SAMPLE, CliRun

COUNTIES = 4
AS_OF = "2025-06-30"
PACKS = ("taikang", "national", "all")
FORMATS = ("terminal", "json")
# The national resource columns (教督〔2017〕6号) by the name the report gives the indicator.
RESOURCES = {
    "qualified_teachers": "高于规定学历教师数",
    "backbone_teachers": "县级以上骨干教师数",
    "pe_art_teachers": "体育艺术专任教师数",
    "teaching_area": "教学及辅助用房面积",
    "sports_area": "体育运动场馆面积",
    "equipment_value": "教学仪器设备值",
    "multimedia_classrooms": "网络多媒体教室数",
}
ONE_THROUGH = ("九年一贯制", "十二年一贯制", "完全中学")
# The national summary's variation table, with the unrounded CVs, as JSON rows.
VARIATION_SCRIPT = """
import datetime, sys
import taikang_check
report = taikang_check.audit(sys.argv[1:], as_of=datetime.date.fromisoformat("{as_of}"))
sys.stdout.write(report.national.variation.write_json())
"""

Audit = Callable[[str, str], subprocess.CompletedProcess[str]]


def load_generator() -> ModuleType:
    path = REPO / "scripts" / "generate_sample.py"
    spec = importlib.util.spec_from_file_location("generate_sample", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("city")
    load_generator().write_city(out, COUNTIES)
    return [out / "schools.csv", out / "classes.csv", out / "indicators.csv"]


@pytest.fixture(scope="module")
def schools(city: list[Path]) -> list[dict[str, str]]:
    with city[0].open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def counties(schools: list[dict[str, str]]) -> set[str]:
    return {row["区县"] for row in schools}


def child(cwd: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Python in a child process, in `cwd` (no settings file) and with this checkout first."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": path, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, *(str(a) for a in args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=600,
        check=False,
    )


def crashed(result: subprocess.CompletedProcess[str]) -> str:
    code = result.returncode
    how = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"
    return f"{how}\n{result.stderr[-3000:]}"


@pytest.fixture(scope="module")
def audit(city: list[Path]) -> Audit:
    """`taikang-check audit CITY --pack PACK --format FORMAT` in a child process, once each."""
    done: dict[tuple[str, str], subprocess.CompletedProcess[str]] = {}

    def run(pack: str, fmt: str) -> subprocess.CompletedProcess[str]:
        if (pack, fmt) not in done:
            args = ("--as-of", AS_OF, "--pack", pack, "--format", fmt)
            done[pack, fmt] = child(city[0].parent, "-m", "taikang_check", "audit", *city, *args)
        return done[pack, fmt]

    return run


def test_the_city_has_what_it_should(schools: list[dict[str, str]], counties: set[str]) -> None:
    assert len(counties) == COUNTIES
    for county in counties:
        mine = [row for row in schools if row["区县"] == county]
        assert len(mine) >= 300
        kinds = {row["学校类型"] for row in mine}
        assert {"小学", "教学点", "初中", "九年一贯制", "完全中学"} <= kinds
        assert any(row["寄宿制"] == "是" for row in mine)
        assert any(row["高于规定学历教师数"] and not row["网络多媒体教室数"] for row in mine)
    twelve = [row for row in schools if row["学校类型"] == "十二年一贯制"]
    assert len(twelve) == COUNTIES - 1  # one in every county but the sample's
    assert {bool(row["初中部高于规定学历教师数"]) for row in twelve} == {True, False}
    ids = [row["学校代码"] for row in schools]
    assert len(set(ids)) == len(ids)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("pack", PACKS)
def test_audit_of_the_city_finishes(audit: Audit, counties: set[str], pack: str, fmt: str) -> None:
    result = audit(pack, fmt)
    assert result.returncode in (0, 1), crashed(result)
    if fmt == "json":
        report = json.loads(result.stdout)
        assert report["summary"]["skipped"] == 0
    else:
        for county in counties:
            assert county in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("pack", PACKS)
def test_every_county_has_its_county_results(audit: Audit, counties: set[str], pack: str) -> None:
    result = audit(pack, "json")
    assert result.returncode in (0, 1), crashed(result)
    findings = json.loads(result.stdout)["findings"]
    grouped = [f for f in findings if f["scope"] in ("county", "township")]
    assert {f["county"] for f in grouped if f["scope"] == "county"} == counties
    assert {f["county"] for f in grouped} == counties  # no group without its county
    for rule in {f["rule"] for f in grouped if f["scope"] == "county"}:
        if rule.startswith("national-cv-"):  # each fails or is unknown in every county
            assert {f["county"] for f in grouped if f["rule"] == rule} == counties, rule


@pytest.mark.slow
def test_the_sample_county_reads_as_the_sample_alone(audit: Audit, cli: CliRun) -> None:
    """County by county means the other counties change nothing in the sample county's
    findings: the same, in the same order, apart from the file they point to."""
    result = audit("all", "json")
    assert result.returncode in (0, 1), crashed(result)
    files = [SAMPLE / f"{name}.csv" for name in ("schools", "classes", "indicators")]
    alone = cli("audit", *files, "--as-of", AS_OF, "--format", "json")
    assert alone.exit_code == 1, alone.stderr

    def without_file(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in f.items() if k != "file"} for f in findings]

    city = [f for f in json.loads(result.stdout)["findings"] if f["county"] == "太康县（模拟）"]
    assert without_file(city) == without_file(json.loads(alone.stdout)["findings"])


# --- the coefficient of variation, computed here from the CSV cells ---------------------------


# (county, stage, school name, students, resource); None is a blank cell.
StageRow = tuple[str, str, str, int | None, Fraction | None]


def number(cell: str) -> Fraction | None:
    return Fraction(cell) if cell.strip() else None


def count(cell: str) -> int | None:
    return int(cell) if cell.strip() else None


def stage_rows(schools: list[dict[str, str]], resource: str) -> list[StageRow]:
    """Every open school and stage, as the data contract splits one-through schools: the
    junior part gets the 初中部 column, or the school's resource in proportion to its junior
    students; the primary part gets what remains, in proportion to its primary students
    among the students not junior (a twelve-year school's senior part keeps its share). The
    shares are exact fractions: nothing is rounded before the CV."""
    column = RESOURCES[resource]
    rows: list[StageRow] = []
    for school in schools:
        if school["办学状态"] not in ("", "在办"):
            continue
        county, kind, name = school["区县"], school["学校类型"], school["学校名称"]
        total, whole = int(school["在校生数"]), number(school[column])
        if kind in ("小学", "教学点"):  # teaching points count as primary schools
            rows.append((county, "primary", name, total, whole))
        elif kind == "初中":
            rows.append((county, "junior", name, total, whole))
        elif kind in ONE_THROUGH:
            junior = count(school["初中部在校生数"])
            given = number(school["初中部" + column])
            if given is None and whole is not None and junior is not None and total > 0:
                given = whole * junior / total
            rows.append((county, "junior", name, junior, given))
            if kind == "完全中学":
                continue
            primary, share = count(school["小学部在校生数"]), None
            if whole is not None and given is not None and primary is not None:
                rest = None if junior is None else total - junior
                if rest is not None and rest > 0:
                    share = (whole - given) * primary / rest
            rows.append((county, "primary", name, primary, share))
    return rows


def variation(rows: list[tuple[int, Fraction, str]]) -> tuple[float, dict[str, Fraction]]:
    """CV = S / X̄ with X̄ = ΣR / ΣP and S² = Σ (Pᵢ/P)(Rᵢ/Pᵢ − X̄)² over (Pᵢ, Rᵢ, name), and
    each school's term of S² by name."""
    pupils = sum(p for p, _, _ in rows)
    mean = sum(r for _, r, _ in rows) / pupils
    terms = {name: Fraction(p, pupils) * (r / p - mean) ** 2 for p, r, name in rows}
    assert len(terms) == len(rows)  # names are unique within a county and stage
    return math.sqrt(sum(terms.values()) / mean**2), terms


def assert_top(shown: str, terms: dict[str, Fraction]) -> None:
    """`shown` names the three schools with the largest terms, largest first; schools of
    equal terms (the same students and resource) may come in either order."""
    names = shown.split("、")
    assert [terms[n] for n in names] == sorted(terms.values(), reverse=True)[:3], shown


def expected_variation(schools: list[dict[str, str]]) -> dict[tuple[str, str, str], Any]:
    """(county, stage, indicator) -> (cv, schools counted, blank rows, terms by name)."""
    expected = {}
    for resource in RESOURCES:
        rows = stage_rows(schools, resource)
        for county, stage in {(c, s) for c, s, _, _, _ in rows}:
            mine = [r for r in rows if r[0] == county and r[1] == stage and r[3] != 0]
            known = [(p, v, name) for _, _, name, p, v in mine if p is not None and v is not None]
            cv, terms = variation(known)
            expected[county, stage, resource] = (cv, len(known), len(mine) - len(known), terms)
    return expected


@pytest.fixture(scope="module")
def computed(schools: list[dict[str, str]]) -> dict[tuple[str, str, str], Any]:
    return expected_variation(schools)


@pytest.mark.slow
def test_cv_of_every_county_as_computed_independently(
    city: list[Path], computed: dict[tuple[str, str, str], Any], counties: set[str]
) -> None:
    result = child(city[0].parent, "-c", VARIATION_SCRIPT.format(as_of=AS_OF), *city)
    assert result.returncode == 0, crashed(result)
    rows = json.loads(result.stdout)
    found = {(r["county"], r["stage"], r["indicator"]): r for r in rows}
    assert set(found) == set(computed)
    assert {county for county, _, _ in found} == counties
    for key, (cv, counted, _, terms) in computed.items():
        row = found[key]
        assert row["cv"] == pytest.approx(cv, rel=0, abs=1e-12), key
        assert row["schools"] == counted, key
        assert_top(row["top"], terms)


@pytest.mark.slow
def test_cv_findings_in_the_json_report(
    audit: Audit, computed: dict[tuple[str, str, str], Any], counties: set[str]
) -> None:
    result = audit("national", "json")
    assert result.returncode in (0, 1), crashed(result)
    findings = [
        f for f in json.loads(result.stdout)["findings"] if f["rule"].startswith("national-cv-")
    ]
    assert {f["county"] for f in findings} == counties
    for finding in findings:
        resource = next(r for r in RESOURCES if finding["rule"] == "national-cv-" + slug(r))
        if finding["status"] == "unknown":  # blanks: the message names no stage
            (stage,) = (
                s for s in ("primary", "junior") if computed[finding["county"], s, resource][2]
            )
        else:
            stage = {"小学": "primary", "初中": "junior"}[finding["message"][:2]]
        cv, _, blanks, terms = computed[finding["county"], stage, resource]
        assert finding["value"] == pytest.approx(round(cv, 4), rel=0, abs=1e-9), finding
        if finding["status"] == "unknown":
            assert f"有 {blanks} 行" in finding["message"], finding
        else:
            assert blanks == 0, finding
            assert_top(finding["message"].split("差异主要来自：")[1], terms)


def slug(resource: str) -> str:
    """The rule id's part for a resource: national-cv-qualified-teachers, -equipment-value."""
    return resource.replace("_", "-")
