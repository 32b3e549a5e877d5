"""Remediation quantities (整改测算): each kind at its edge, and applying them makes rules pass."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from conftest import SAMPLE

from taikang_check.api import audit
from taikang_check.read.dataset import load_dataset
from taikang_check.render.json_report import render_json
from taikang_check.report.model import Report

AS_OF = dt.date(2026, 1, 1)
SCHOOL = {
    "school_id": "S1",
    "name": "S1小学",
    "township": "城关回族镇",
    "kind": "primary",
    "ownership": "public",
    "area": "urban",
    "students": 300,
    "status": "open",
}


def _schools(tmp_path: Path, *rows: dict[str, object]) -> Path:
    path = tmp_path / "schools.csv"
    pl.DataFrame([{**SCHOOL, **r} for r in rows]).write_csv(path)
    return path


def _classes(tmp_path: Path, sizes: list[tuple[int, int]]) -> Path:
    path = tmp_path / "classes.csv"
    rows = [
        {"school_id": "S1", "grade": g, "class_name": f"{i + 1}班", "students": n}
        for i, (g, n) in enumerate(sizes)
    ]
    pl.DataFrame(rows).write_csv(path)
    return path


def _json(report: Report) -> dict[str, object]:
    import io

    out = io.StringIO()
    render_json(report, out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def _remedies(report: Report, rule: str) -> list[dict[str, object]]:
    findings = _json(report)["findings"]
    assert isinstance(findings, list)
    return [f.get("remedy") for f in findings if f["rule"] == rule]


@pytest.mark.parametrize(
    ("sizes", "rule", "expected"),
    [
        ([(1, 46)], "class-size-primary", [1]),  # one over the cap: one class more
        ([(1, 45)], "class-size-primary", []),  # at the cap: passes
        ([(1, 46), (1, 44)], "class-size-primary", [0]),  # 90 in 2 classes: rebalance
        ([(1, 46), (1, 45)], "class-size-primary", [1]),  # 91 > 2 × 45
        ([(2, 60), (2, 60)], "class-size-primary", [1, 0]),  # 120 → ⌈120/45⌉ − 2 = 1
        ([(1, 56)], "large-class", [1]),  # cap 55
        ([(8, 51)], "class-size-junior", [1]),  # cap 50
    ],
)
def test_classes_at_the_edge(
    tmp_path: Path, sizes: list[tuple[int, int]], rule: str, expected: list[int]
) -> None:
    report = audit([_schools(tmp_path, {}), _classes(tmp_path, sizes)], as_of=AS_OF)
    remedies = _remedies(report, rule)
    assert [r["quantity"] for r in remedies] == expected  # type: ignore[index]
    for r in remedies:
        assert r["kind"] == "classes"
        assert r["unit"] == "个班"
        assert r["classrooms"] == r["head_teachers"] == r["quantity"]  # type: ignore[index]


def test_teaching_point_students_to_place(tmp_path: Path) -> None:
    point = {"kind": "teaching_point", "area": "rural", "students": 50, "retention_approved": "否"}
    report = audit([_schools(tmp_path, point)], as_of=AS_OF)
    assert _remedies(report, "teaching-point-50")[0] == {
        "kind": "relocate",
        "quantity": 50,
        "unit": "名学生",
        "due": "2023-09-01",
    }


@pytest.mark.parametrize(
    ("zoned", "admissions", "expected"),
    [(94, 100, 1), (189, 200, 1), (1, 20, 18)],  # ⌈0.95 × admissions⌉ − zoned
)
def test_zoned_junior_reach(tmp_path: Path, zoned: int, admissions: int, expected: int) -> None:
    school = {"kind": "junior", "junior_admissions": admissions, "junior_zoned_admissions": zoned}
    report = audit([_schools(tmp_path, school)], as_of=AS_OF)
    county = [r["quantity"] for r in _remedies(report, "zoned-junior")]  # type: ignore[index]
    school = [r["quantity"] for r in _remedies(report, "zoned-junior-school")]  # type: ignore[index]
    assert county == [expected]  # the county's requirement
    assert school == [expected]  # and the school's warning


@pytest.mark.parametrize(
    ("private", "public", "expected"),
    [(6, 94, 1), (51, 949, 1), (100, 900, 50)],  # private − ⌊0.05 × total⌋
)
def test_private_share_reach(tmp_path: Path, private: int, public: int, expected: int) -> None:
    rows = (
        {"school_id": "P1", "ownership": "private", "students": private},
        {"school_id": "S1", "students": public},
    )
    report = audit([_schools(tmp_path, *rows)], as_of=AS_OF)
    assert [r["quantity"] for r in _remedies(report, "private-share")] == [expected]  # type: ignore[index]


def test_totals_in_the_summary(tmp_path: Path) -> None:
    report = audit([_schools(tmp_path, {}), _classes(tmp_path, [(1, 46), (2, 91)])], as_of=AS_OF)
    totals = _json(report)["summary"]["remedy"]  # type: ignore[index]
    county = [t for t in totals if t["rule"] == "class-size-primary" and t["township"] is None]
    assert county[0]["quantity"] == 1 + 2
    assert county[0]["due"] == "2025-09-01"


def _split(classes: pl.DataFrame, report: Report) -> pl.DataFrame:
    """Each over-cap school-grade split into its computed classes, students spread evenly."""
    plan: dict[tuple[str, int], int] = {}
    for result in report.rules:
        if result.rule.id not in ("class-size-primary", "class-size-junior"):
            continue
        for row in result.findings.filter(pl.col("remedy_quantity").is_not_null()).iter_rows(
            named=True
        ):
            key = (row["school_id"], int(row["grade"]))
            plan[key] = plan.get(key, 0) + row["remedy_quantity"]
    grouped = classes.group_by("school_id", "grade", maintain_order=True).agg(
        pl.col("students").sum(), pl.len().alias("n")
    )
    rows = []
    for school, grade, students, n in grouped.iter_rows():
        count = n + plan.get((school, int(grade)), 0)
        for i in range(count):
            share = students // count + (1 if i < students % count else 0)
            rows.append(
                {"school_id": school, "grade": grade, "class_name": f"{i + 1}班", "students": share}
            )
    return pl.DataFrame(rows)


def test_applying_the_class_plan_passes(tmp_path: Path) -> None:
    schools, classes = SAMPLE / "schools.csv", SAMPLE / "classes.csv"
    before = audit([schools, classes], as_of=AS_OF, packs=("taikang",), class_sizes=False)
    typed = load_dataset([str(classes)]).tables["classes"]
    frame = typed.select("school_id", pl.col("grade").cast(pl.Int64), "students")
    split = _split(frame, before)
    path = tmp_path / "classes.csv"
    split.write_csv(path)
    after = audit([schools, path], as_of=AS_OF, packs=("taikang",), class_sizes=False)
    status = {r.rule.id: r.status.value for r in after.rules}
    assert {status[i] for i in ("large-class", "class-size-primary", "class-size-junior")} == {
        "pass"
    }


NATIONAL = {  # rule: the sample's header of the column it adds to
    "national-qualified-teachers": "高于规定学历教师数",
    "national-backbone-teachers": "县级以上骨干教师数",
    "national-pe-art-teachers": "体育艺术专任教师数",
    "national-teaching-area": "教学及辅助用房面积",
    "national-sports-area": "体育运动场馆面积",
    "national-equipment-value": "教学仪器设备值",
    "national-multimedia-classrooms": "网络多媒体教室数",
}


def test_adding_the_national_shortfalls_passes(tmp_path: Path) -> None:
    """Single-stage schools given their shortfalls meet every resource indicator."""
    schools = SAMPLE / "schools.csv"
    before = audit([schools], as_of=AS_OF, packs=("national",), class_sizes=False)
    frame = pl.read_csv(schools, infer_schema_length=0)
    frame = frame.rename({frame.columns[0]: "学校代码"})  # the sample's byte-order mark
    single = set(
        frame.filter(pl.col("学校类型").is_in(["primary", "junior", "小学", "初中"]))
        .get_column("学校代码")
        .to_list()
    )
    assert single
    added: dict[tuple[str, str], int] = {}
    for result in before.rules:
        column = NATIONAL.get(result.rule.id)
        if column is None or result.findings.height == 0:
            continue
        owed = result.findings.filter(pl.col("remedy_quantity").is_not_null())
        for school, quantity in owed.select("school_id", "remedy_quantity").iter_rows():
            if school in single:
                added[(school, column)] = added.get((school, column), 0) + quantity
    assert added
    exprs = []
    for column in NATIONAL.values():
        header = column if column in frame.columns else None
        assert header is not None, column
        mapping = {s: q for (s, c), q in added.items() if c == column}
        exprs.append(
            (
                pl.col(column).cast(pl.Float64)
                + pl.col("学校代码").replace_strict(mapping, default=0, return_dtype=pl.Float64)
            ).alias(column)
        )
    path = tmp_path / "schools.csv"
    frame.with_columns(exprs).write_csv(path)
    after = audit([path], as_of=AS_OF, packs=("national",), class_sizes=False)
    for result in after.rules:
        if result.rule.id in NATIONAL and result.findings.height:
            failing = result.findings.filter(pl.col("status") != "unknown")
            still = set(failing.get_column("school_id").to_list()) & {s for s, _ in added}
            assert not still, (result.rule.id, sorted(still)[:5])
