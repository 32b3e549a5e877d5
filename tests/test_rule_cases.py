"""Data-driven rule tests: every tests/rule_cases/<rule-id>.yaml holds small tables and the
result the rule must give on them. Each case is written to CSV, audited through the public
API, and the rule's counts and findings are compared with the case's `expect`."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from taikang_check.api import build_report
from taikang_check.read.dataset import load_dataset
from taikang_check.report.model import FINDING_FIELDS, MESSAGE_ONLY_FIELDS, RuleResult
from taikang_check.rulebook.loader import LoadedRule, load_rules
from taikang_check.rulebook.model import StandardCheck

CASES_DIR = Path(__file__).parent / "rule_cases"
CASE_KEYS = {"name", "as_of", "schools", "classes", "indicators", "expect", "xfail"}
COUNT_KEYS = ("evaluated", "passed", "failed", "pending", "unknown")
EXPECT_KEYS = {"status", *COUNT_KEYS, "missing", "used_fallback", "findings"}
# `year` is a column of indicator findings (the figure's year), `detail` of coefficient findings
# (the schools that pull it up), both used by their messages; the remedy columns hold what a
# failing finding needs (整改测算: its quantity, kind and unit code).
REMEDY_KEYS = {"remedy_quantity", "remedy_kind", "remedy_unit"}
FINDING_KEYS = set(FINDING_FIELDS) | set(MESSAGE_ONLY_FIELDS) | {"year", "detail"} | REMEDY_KEYS
# Findings carry these as JSON text ("52", "true", "[1,5]", "\"village\"", "null").
JSON_FIELDS = ("value", "limit")
# Required columns, in the contract's order, and the value a row gets when it leaves one out.
SCHOOL_DEFAULTS: dict[str, Any] = {
    "school_id": None,  # S1, S2, ... by position
    "name": None,  # 学校1, 学校2, ...
    "township": "常营镇",
    "kind": "primary",
    "ownership": "public",
    "area": "urban",
    "students": 100,
}
CLASS_REQUIRED = ("school_id", "grade", "students")
# An indicators row gives all of these (value may be null: a blank cell); county is optional.
INDICATOR_REQUIRED = ("indicator", "year", "value")
INDICATOR_KEYS = {*INDICATOR_REQUIRED, "county"}
# The C safe loader when libyaml is there (as for rule files): ten times faster on 50 files.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    assert isinstance(data, dict), f"{path.name}: expected a mapping with rule and cases"
    return data


FILES = {path.stem: _load(path) for path in sorted(CASES_DIR.glob("*.yaml"))}
_RULES: dict[str, LoadedRule] = {}


def _rule(rule_id: str) -> LoadedRule:
    """The built-in rule, loaded once: a case runs `audit` for that one rule only."""
    if not _RULES:
        _RULES.update((loaded.rule.id, loaded) for loaded in load_rules())
    assert rule_id in _RULES, f"no rule {rule_id!r}"
    return _RULES[rule_id]


def _rules_for(rule_id: str) -> list[LoadedRule]:
    """The rule, and the rules its standard checks are made of (evaluated too, not asserted)."""
    loaded = _rule(rule_id)
    members = [
        member
        for check in loaded.rule.checks
        if isinstance(check, StandardCheck)
        for member in check.standard.rules
    ]
    return [loaded, *(_rule(member) for member in dict.fromkeys(members))]


def _params() -> list[Any]:
    params = []
    for stem, data in FILES.items():
        for case in data.get("cases") or []:
            reason = case.get("xfail")
            # raises=AssertionError: a crash is never taken for the known wrong result.
            marks = (
                [pytest.mark.xfail(strict=True, raises=AssertionError, reason=str(reason))]
                if reason
                else []
            )
            name = f"{stem}: {case.get('name')}"
            params.append(pytest.param(data.get("rule"), case, id=name, marks=marks))
    return params


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _write(path: Path, rows: list[dict[str, Any]], required: tuple[str, ...]) -> None:
    columns = list(required)
    for row in rows:
        columns += [key for key in row if key not in columns]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([_cell(row.get(column)) for column in columns] for row in rows)


def _school_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    filled = []
    for number, row in enumerate(rows, start=1):
        defaults = {**SCHOOL_DEFAULTS, "school_id": f"S{number}", "name": f"学校{number}"}
        filled.append({**defaults, **row})  # an explicit null stays null: a blank cell
    return filled


def _same(actual: Any, expected: Any) -> bool:
    if isinstance(actual, bool) or isinstance(expected, bool):
        return type(actual) is type(expected) and actual == expected
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(_same(a, e) for a, e in zip(actual, expected, strict=True))
        )
    return bool(actual == expected)


def _check_case_shape(case: dict[str, Any]) -> None:
    unknown = set(case) - CASE_KEYS
    assert not unknown, f"unknown case key(s) {sorted(unknown)}; allowed: {sorted(CASE_KEYS)}"
    assert case.get("name"), "a case needs a name"
    assert isinstance(case.get("as_of"), dt.date), "a case needs as_of: YYYY-MM-DD"
    indicators = case.get("indicators")
    if indicators is None:
        assert isinstance(case.get("schools"), list), "a case needs a schools: list"
    else:
        assert "schools" not in case or isinstance(case["schools"], list), "schools: is a list"
        assert isinstance(indicators, list), "indicators: is a list"
        assert indicators, "indicators: needs rows"
        for row in indicators:
            assert isinstance(row, dict), "an indicators row is a mapping"
            unknown = set(row) - INDICATOR_KEYS
            assert not unknown, f"unknown indicators key(s) {sorted(unknown)}"
            absent = [key for key in INDICATOR_REQUIRED if key not in row]
            assert not absent, f"an indicators row needs {absent}"
    expect = case.get("expect")
    assert isinstance(expect, dict), "a case needs an expect: mapping"
    assert expect, "a case needs a non-empty expect: mapping"
    unknown = set(expect) - EXPECT_KEYS
    assert not unknown, f"unknown expect key(s) {sorted(unknown)}; allowed: {sorted(EXPECT_KEYS)}"
    for finding in expect.get("findings") or []:
        unknown = set(finding) - FINDING_KEYS
        assert not unknown, f"unknown finding key(s) {sorted(unknown)}"


def _check_result(result: RuleResult, expect: dict[str, Any]) -> None:
    if "status" in expect:
        assert result.status.value == expect["status"], "status"
    for key in COUNT_KEYS:
        if key in expect:
            assert getattr(result, key) == expect[key], key
    if "missing" in expect:
        assert list(result.missing) == expect["missing"], "missing"
    if "used_fallback" in expect:
        assert result.used_fallback is expect["used_fallback"], "used_fallback"
    if "findings" in expect:
        actual = result.findings.to_dicts()
        for finding in actual:
            finding["file"] = Path(finding["file"]).name if finding.get("file") else None
            for key in JSON_FIELDS:
                text = finding.get(key)
                finding[key] = json.loads(text) if text is not None else None
        wanted = expect["findings"] or []
        shown = [{k: a.get(k) for k in FINDING_FIELDS} for a in actual]
        assert len(actual) == len(wanted), f"{len(actual)} findings, not {len(wanted)}: {shown}"
        for index, (got, want) in enumerate(zip(actual, wanted, strict=True)):
            wrong = {k: got.get(k) for k, v in want.items() if not _same(got.get(k), v)}
            assert not wrong, f"finding {index}: got {wrong}, expected {want}; all: {shown}"


@pytest.mark.parametrize(("rule_id", "case"), _params())
def test_rule_case(rule_id: str, case: dict[str, Any], tmp_path: Path) -> None:
    _check_case_shape(case)
    paths: list[Path] = []
    if case.get("schools") is not None:
        paths.append(tmp_path / "schools.csv")
        _write(paths[-1], _school_rows(case["schools"]), tuple(SCHOOL_DEFAULTS))
    if case.get("classes") is not None:
        paths.append(tmp_path / "classes.csv")
        _write(paths[-1], case["classes"], CLASS_REQUIRED)
    if case.get("indicators") is not None:
        paths.append(tmp_path / "indicators.csv")
        _write(paths[-1], case["indicators"], INDICATOR_REQUIRED)
    # What audit() does (read, validate, evaluate, order the findings), for this rule alone (and
    # a standard's member rules): evaluating all rules would make each case several times slower.
    dataset = load_dataset([str(p) for p in paths])
    report = build_report(dataset, _rules_for(rule_id), case["as_of"])
    (result,) = [r for r in report.rules if r.rule.id == rule_id]
    _check_result(result, case["expect"])


def test_every_rule_has_cases_and_every_case_file_a_rule() -> None:
    rule_ids = {loaded.rule.id for loaded in load_rules()}
    assert rule_ids, "no rules loaded"
    without = sorted(rule_ids - set(FILES))
    assert not without, f"{len(without)} rule(s) without a tests/rule_cases file: {without}"
    unknown = sorted(set(FILES) - rule_ids)
    assert not unknown, f"case files naming no rule: {unknown}"
    for stem, data in FILES.items():
        assert set(data) == {"rule", "cases"}, f"{stem}.yaml: top-level keys are rule and cases"
        assert data["rule"] == stem, f"{stem}.yaml names rule {data['rule']!r}"


def test_case_files_are_well_formed() -> None:
    for stem, data in FILES.items():
        cases = data.get("cases")
        assert isinstance(cases, list), f"{stem}.yaml: cases must be a list"
        assert cases, f"{stem}.yaml has no cases"
        names = [case.get("name") for case in cases]
        assert len(names) == len(set(names)), f"{stem}.yaml: duplicate case names"
        for case in cases:
            try:
                _check_case_shape(case)
            except AssertionError as error:
                raise AssertionError(f"{stem}.yaml, case {case.get('name')!r}: {error}") from None
