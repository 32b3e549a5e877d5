"""Computed plans: a CV over its limit raised to a floor, a stage's cheapest set of
indicators, and what applying each to the data does to the audit."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from conftest import SAMPLE

from taikang_check.api import audit
from taikang_check.contract.tables import RESOURCES, SCHOOLS
from taikang_check.engine.check_cv import cv_groups
from taikang_check.engine.tables import prepare_tables
from taikang_check.read.dataset import load_dataset
from taikang_check.render.rule_label import RuleLine
from taikang_check.report.model import Report, RuleResult
from taikang_check.rulebook.model import Check, walk_predicates

AS_OF = dt.date(2026, 1, 1)


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    defaults = {
        "township": "常营镇",
        "kind": "primary",
        "ownership": "public",
        "area": "urban",
        "status": "open",
    }
    filled = [
        {"school_id": f"S{i + 1}", "name": f"学校{i + 1}", **defaults, **row}
        for i, row in enumerate(rows)
    ]
    pl.DataFrame(filled).write_csv(path)
    return path


def _result(report: Report, rule_id: str) -> RuleResult:
    (result,) = [r for r in report.rules if r.rule.id == rule_id]
    return result


def _cv(path: Path, column: str, stage: str = "primary") -> float:
    """The enrolment-weighted CV of `column` per student over the stage, from the data."""
    from taikang_check.rulebook.model import Predicate, Ratio

    stages = prepare_tables(load_dataset([str(path)]))["stages"]
    where = (Predicate(column="stage", eq=stage),)
    groups = cv_groups(
        stages.with_columns(pl.lit("x").alias("county")),
        ["county"],
        where,
        Ratio(numerator=column, denominator="students"),
    )
    return float(groups.get_column("cv")[0])


def _apply_column(path: Path, column: str, added: dict[str, int], out: Path) -> Path:
    frame = pl.read_csv(path)
    dtype = frame.schema[column]
    extra = pl.col("school_id").replace_strict(added, default=0, return_dtype=dtype)
    frame.with_columns((pl.col(column) + extra).alias(column)).write_csv(out)
    return out


EQUIPMENT = [  # yuan per student: 1000, 1000, 200, 3000, 500 (primary limit 0.50)
    {"students": 100, "equipment_value": 100_000},
    {"students": 100, "equipment_value": 100_000},
    {"students": 300, "equipment_value": 60_000},
    {"students": 200, "equipment_value": 600_000},
    {"students": 100, "equipment_value": 50_000},
]


def test_a_cv_plan_raises_the_lowest_and_brings_the_cv_to_its_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "schools.csv", EQUIPMENT)
    rule = "national-cv-equipment-value"
    before = audit([path], as_of=AS_OF, select=[rule])
    assert _cv(path, "equipment_value") > 0.5
    (finding,) = _result(before, rule).findings.iter_rows(named=True)
    assert finding["status"] == "fail"
    assert finding["remedy_kind"] == "floor"
    assert finding["remedy_unit"] == "yuan"
    plan = finding["remedy_plan"]
    levels = {"S1": 1000, "S2": 1000, "S3": 200, "S4": 3000, "S5": 500}
    # Only raising; the lowest first; the school above the floor gets nothing.
    assert [item["school_id"] for item in plan][:2] == ["S3", "S5"]
    assert all(item["quantity"] > 0 for item in plan)
    assert "S4" not in {item["school_id"] for item in plan}
    floor = finding["remedy_level"]
    assert all(levels[item["school_id"]] < floor for item in plan)
    assert finding["remedy_quantity"] == sum(item["quantity"] for item in plan)
    added = {item["school_id"]: item["quantity"] for item in plan}
    after_path = _apply_column(path, "equipment_value", added, tmp_path / "after.csv")
    after_cv = _cv(after_path, "equipment_value")
    assert after_cv <= 0.5 + 1e-9
    assert after_cv == pytest.approx(finding["remedy_after"], abs=1e-12)
    # Yuan are fine units: the floor is not overshot (the CV lands on the limit).
    assert after_cv > 0.5 - 1e-4
    after = audit([after_path], as_of=AS_OF, select=[rule])
    assert _result(after, rule).status.value == "pass"


def test_a_lower_floor_would_not_do(tmp_path: Path) -> None:
    """The floor is the lowest that works: a floor 1% lower leaves the CV over its limit."""
    path = _write(tmp_path / "schools.csv", EQUIPMENT)
    rule = "national-cv-equipment-value"
    (finding,) = _result(audit([path], as_of=AS_OF, select=[rule]), rule).findings.iter_rows(
        named=True
    )
    lower = finding["remedy_level"] * 0.99
    frame = pl.read_csv(path)
    raised = pl.max_horizontal(pl.col("equipment_value"), lower * pl.col("students")).round(2)
    frame.with_columns(raised.alias("equipment_value")).write_csv(tmp_path / "lower.csv")
    assert _cv(tmp_path / "lower.csv", "equipment_value") > 0.5


def test_whole_teachers_and_a_township_plan(tmp_path: Path) -> None:
    """A township CV (township-school-gaps) in teachers: whole teachers, CV within 0.50."""
    rows = [
        {"students": 500, "backbone_teachers": 10},
        {"students": 400, "backbone_teachers": 6},
        {"students": 300, "backbone_teachers": 0},
        {"students": 200, "backbone_teachers": 1},
        {"township": "马头镇", "students": 300, "backbone_teachers": 3},
    ]
    path = _write(tmp_path / "schools.csv", rows)
    rule = "township-school-gaps"
    findings = _result(audit([path], as_of=AS_OF, select=[rule]), rule).findings
    owed = findings.filter(pl.col("remedy_quantity").is_not_null())
    (finding,) = owed.iter_rows(named=True)
    assert finding["township"] == "常营镇"
    assert finding["remedy_unit"] == "teachers"
    added = {item["school_id"]: item["quantity"] for item in finding["remedy_plan"]}
    assert all(isinstance(q, int) and q > 0 for q in added.values())
    after_path = _apply_column(path, "backbone_teachers", added, tmp_path / "after.csv")
    township = pl.read_csv(after_path).filter(pl.col("township") == "常营镇")
    township.write_csv(tmp_path / "township.csv")
    assert _cv(tmp_path / "township.csv", "backbone_teachers") <= 0.5 + 1e-9
    after = _result(audit([after_path], as_of=AS_OF, select=[rule]), rule)
    assert (after.failed, after.passed) == (0, 1)  # the other resources are not given


SCHOOL = {  # a primary school of 100 students meeting every indicator
    "students": 100,
    "qualified_teachers": 5,
    "backbone_teachers": 1,
    "pe_art_teachers": 1,
    "teaching_area": 450,
    "sports_area": 750,
    "equipment_value": 200_000,
    "multimedia_classrooms": 3,
}


@pytest.mark.parametrize(
    ("short", "lifts"),
    [
        # two short, both at 85% or more: leave the one furthest below, lift the other
        ({"teaching_area": 400, "sports_area": 700}, [("sports_area", 50, 7.5)]),
        # two short, both below 85%: one to 85% (the first in order), the other in full
        (
            {"teaching_area": 300, "sports_area": 600},
            [("teaching_area", 83, 3.825), ("sports_area", 150, 7.5)],
        ),
        # one short below 85%: lifted to 85% only (⌈0.85 × 4.2⌉ − 3 = 1 teacher)
        ({"qualified_teachers": 3}, [("qualified_teachers", 1, 3.57)]),
        # three short, one at 85%: that one is left, two lifted
        (
            {"multimedia_classrooms": 1, "backbone_teachers": 0, "equipment_value": 180_000},
            [("backbone_teachers", 1, 1.0), ("multimedia_classrooms", 2, 2.3)],
        ),
    ],
)
def test_the_cheapest_set_of_indicators(
    tmp_path: Path, short: dict[str, int], lifts: list[tuple[str, int, float]]
) -> None:
    path = _write(tmp_path / "schools.csv", [{**SCHOOL, **short}])
    rule = "national-school-standard"
    before = audit([path], as_of=AS_OF, select=[rule])
    (finding,) = _result(before, rule).findings.iter_rows(named=True)
    assert finding["status"] == "fail"
    plan = [(i["indicator"], i["quantity"], round(i["level"], 6)) for i in finding["remedy_plan"]]
    assert plan == lifts
    assert finding["remedy_quantity"] == len(lifts)
    row = {**SCHOOL, **short}
    for column, quantity, _ in lifts:
        row[column] += quantity
    after = audit([_write(tmp_path / "after.csv", [row])], as_of=AS_OF, select=[rule])
    assert _result(after, rule).status.value == "pass"
    # One unit less of any lift fails again: no lift is larger than it must be.
    for column, _, _ in lifts:
        less = {**row, column: row[column] - 1}
        again = audit([_write(tmp_path / "less.csv", [less])], as_of=AS_OF, select=[rule])
        assert _result(again, rule).status.value == "fail", column


def test_the_json_report_carries_the_plans(tmp_path: Path) -> None:
    import io

    from taikang_check.render.json_report import render_json

    path = _write(tmp_path / "schools.csv", EQUIPMENT)
    report = audit([path], as_of=AS_OF, select=["national-cv-equipment-value"])
    out = io.StringIO()
    render_json(report, out)
    document = json.loads(out.getvalue())
    (finding,) = document["findings"]
    remedy = finding["remedy"]
    assert remedy["kind"] == "floor"
    assert remedy["unit"] == "元"
    assert remedy["cv_after"] <= 0.5
    assert [p["school_id"] for p in remedy["plan"]][:2] == ["S3", "S5"]
    assert remedy["quantity"] == sum(p["quantity"] for p in remedy["plan"])
    totals = [t for t in document["summary"]["remedy"] if t["rule"] == finding["rule"]]
    county = [t for t in totals if t["township"] is None]
    assert county[0]["quantity"] == remedy["quantity"]
    # The county's plan is shared out to the townships of its schools.
    assert sum(t["quantity"] for t in totals if t["township"]) == remedy["quantity"]


# --- the sample: applying each plan makes its rules pass -------------------------------------

ONE_THROUGH = ("九年一贯制", "完全中学", "nine_year", "complete_secondary", "twelve_year")


def _stage_of(result: RuleResult, check: int) -> str:
    item = result.rule.checks[check]
    assert isinstance(item, Check)
    for condition in item.where:
        for predicate, _ in walk_predicates(condition):
            if predicate.column == "stage":
                return str(predicate.eq)
    raise AssertionError("no stage")


def _plans(report: Report, rule_ids: set[str]) -> dict[tuple[str, str, str], int]:
    """(school, stage, resource) → units to add, from the plans of these rules' findings."""
    added: dict[tuple[str, str, str], int] = {}
    for result in report.rules:
        if result.rule.id not in rule_ids or "remedy_plan" not in result.findings.columns:
            continue
        owed = result.findings.filter(pl.col("remedy_plan").is_not_null())
        for row in owed.iter_rows(named=True):
            stage = row.get("stage") or _stage_of(result, row["check"])
            for item in row["remedy_plan"]:
                school = item["school_id"] or row["school_id"]
                key = (school, stage, item["indicator"])
                added[key] = added.get(key, 0) + item["quantity"]
    return added


def _with_parts(out: Path) -> Path:
    """The sample's schools with each one-through school's junior part written out as the
    audit splits it (whole teachers and rooms rounded), so an addition can reach one stage."""
    schools = SAMPLE / "schools.csv"
    frame = pl.read_csv(schools, infer_schema_length=0)
    frame = frame.rename({frame.columns[0]: "学校代码"})  # the sample's byte-order mark
    stages = prepare_tables(load_dataset([str(schools)]))["stages"]
    junior = {
        (school, r): float(value)
        for school, *values in stages.filter(pl.col("stage") == "junior")
        .select("school_id", *RESOURCES)
        .iter_rows()
        for r, value in zip(RESOURCES, values, strict=True)
        if value is not None
    }
    rows = frame.to_dicts()
    for row in rows:
        school = row["学校代码"]
        if row["学校类型"] not in ONE_THROUGH:
            continue
        for r in RESOURCES:
            part = SCHOOLS.column(f"junior_{r}")
            if row[part.zh] is None and (school, r) in junior:
                value = junior[(school, r)]
                row[part.zh] = str(round(value)) if part.type == "count" else f"{value:.6f}"
    pl.DataFrame(rows, schema=frame.schema).write_csv(out)
    return out


def _apply(schools: Path, added: dict[tuple[str, str, str], int], out: Path) -> Path:
    """The schools with the units added to each stage (a junior part to its column too)."""
    frame = pl.read_csv(schools, infer_schema_length=0)
    rows = frame.to_dicts()
    for row in rows:
        school = row["学校代码"]
        for r in RESOURCES:
            whole, part = SCHOOLS.column(r), SCHOOLS.column(f"junior_{r}")
            for stage in ("primary", "junior"):
                quantity = added.get((school, stage, r), 0)
                if not quantity:
                    continue
                for column in (
                    (whole, part)
                    if row["学校类型"] in ONE_THROUGH and stage == "junior"
                    else (whole,)
                ):
                    value = float(row[column.zh]) + quantity
                    row[column.zh] = str(round(value)) if column.type == "count" else f"{value:.6f}"
    pl.DataFrame(rows, schema=frame.schema).write_csv(out)
    return out


@pytest.mark.parametrize(
    "rules",
    [
        {"national-cv-equipment-value", "national-cv-sports-area"},
        {"township-school-gaps"},
        {"national-school-standard"},
    ],
    ids=["county-cv", "township-cv", "school-standard"],
)
def test_applying_the_sample_plans_passes(tmp_path: Path, rules: set[str]) -> None:
    schools = _with_parts(tmp_path / "parts.csv")
    before = audit([schools], as_of=AS_OF, select=sorted(rules), class_sizes=False)
    failing = [r.rule.id for r in before.rules if r.rule.id in rules and r.failed]
    assert failing, "the sample plants these failures"
    added = _plans(before, rules)
    assert added
    path = _apply(schools, added, tmp_path / "schools.csv")
    after = audit([path], as_of=AS_OF, select=sorted(rules), class_sizes=False)
    keys = ("rule", "county", "township", "school_id", "stage", "check")

    def failed(report: Report, planned: bool | None = None) -> set[tuple[object, ...]]:
        rows = set()
        for result in report.rules:
            if result.rule.id not in rules or not result.failed:
                continue
            for row in result.findings.filter(pl.col("status") == "fail").iter_rows(named=True):
                if planned is None or (row.get("remedy_plan") is not None) == planned:
                    rows.add(tuple(row.get(k) for k in keys))
        return rows

    assert failed(before, planned=True)
    # Every failure that had a plan now passes; what is left had none (a blank cell decided
    # the failure, and no plan is made on a guess).
    assert failed(after) <= failed(before, planned=False)


LAYOUT = ("idle-rural-school", "teaching-point-50", "teaching-point-100", "teaching-point-200")
ZONED = {  # rule: the sample's header of the numerator its row findings move
    "zoned-primary": "小学划片招生数",
    "zoned-junior-school": "初中划片招生数",
}


def test_moving_the_students_and_admitting_by_zone_passes(tmp_path: Path) -> None:
    """The sample with its teaching points' students placed in a school of their township (the
    point closed) and the zoned admissions each school needs: those rules pass."""
    rules = [*LAYOUT, *ZONED, "zoned-junior"]
    schools = SAMPLE / "schools.csv"
    before = audit([schools], as_of=AS_OF, packs=("taikang",), select=rules, class_sizes=False)
    assert any(_result(before, r).failed for r in rules)
    moved: dict[str, int] = {}
    zoned: dict[tuple[str, str], int] = {}
    for result in before.rules:
        owed = result.findings
        if "remedy_quantity" not in owed.columns:
            continue
        owed = owed.filter(pl.col("remedy_quantity").is_not_null() & (pl.col("scope") == "row"))
        for school, quantity in owed.select("school_id", "remedy_quantity").iter_rows():
            if result.rule.id in LAYOUT:
                moved[school] = quantity
            elif result.rule.id in ZONED:
                key = (school, ZONED[result.rule.id])
                zoned[key] = zoned.get(key, 0) + quantity
    assert moved
    assert zoned
    frame = pl.read_csv(schools, infer_schema_length=0)
    frame = frame.rename({frame.columns[0]: "学校代码"})  # the sample's byte-order mark
    rows = frame.to_dicts()
    receivers = {  # the first open primary school of each township takes its points' students
        row["乡镇"]: row
        for row in reversed(rows)
        if row["学校类型"] in ("小学", "primary") and row["办学状态"] in ("在办", None)
    }
    for row in rows:
        school = row["学校代码"]
        if school in moved:
            receiver = receivers[row["乡镇"]]
            receiver["在校生数"] = str(int(receiver["在校生数"]) + moved[school])
            row["办学状态"] = "已撤并"
        for (target, column), quantity in zoned.items():
            if target == school:
                row[column] = str(int(row[column]) + quantity)
    path = tmp_path / "schools.csv"
    pl.DataFrame(rows, schema=frame.schema).write_csv(path)
    after = audit([path], as_of=AS_OF, packs=("taikang",), select=rules, class_sizes=False)
    for rule in rules:
        result = _result(after, rule)
        assert (result.failed, result.pending) == (0, 0), (rule, result.findings.to_dicts()[:2])


def test_the_markdown_summary_lists_at_most_ten_plans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from taikang_check.render import remedy

    path = _write(tmp_path / "schools.csv", EQUIPMENT)
    report = audit([path], as_of=AS_OF, select=["national-cv-equipment-value"])
    assert len(remedy.plan_lines(report, "zh")) == 1
    plans = [RuleLine(f"rule-{i}", f"plan {i}", " · 甲县") for i in range(12)]
    monkeypatch.setattr(remedy, "plan_lines", lambda *a, **k: plans)
    lines = remedy.remedy_markdown(report, "zh", str)
    assert [line for line in lines if line.startswith("- plan")] == [
        f"- plan {i} `rule-{i}` · 甲县" for i in range(10)
    ]
    assert "- …另有 2 项" in lines
