"""The remediation ledger workbook round-trips through openpyxl with every JSON finding; its
summary has the verdict, score, coverage and what is needed by due date; --by-township adds a
sheet per township with safe, unique names."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from taikang_check.api import audit
from taikang_check.cli.main import main
from taikang_check.render.formats import RenderOptions
from taikang_check.render.json_report import render_json
from taikang_check.render.sheet_names import sheet_name
from taikang_check.render.workbook import workbook_bytes
from taikang_check.report.model import Status
from taikang_check.text.labels import STATUS_TEXT
from taikang_check.text.remedy import UNITS

AS_OF = dt.date(2025, 10, 1)
STATUS_WORDS = {zh: status.value for status, (zh, _) in STATUS_TEXT.items()}


@pytest.fixture(scope="module")
def sample() -> tuple[dict[str, Any], openpyxl.Workbook]:
    report = audit(sorted(SAMPLE.glob("*.csv")), as_of=AS_OF, class_sizes=False)
    out = io.StringIO()
    render_json(report, out)
    document = json.loads(out.getvalue())
    data = workbook_bytes(report, RenderOptions(by_township=True))
    return document, openpyxl.load_workbook(io.BytesIO(data))


def _date(cell: object) -> str | None:
    assert cell is None or isinstance(cell, dt.datetime), cell
    return cell.date().isoformat() if cell else None


def _check_row(row: tuple[object, ...], finding: dict[str, Any], rules: dict[str, Any]) -> None:
    rule = rules[finding["rule"]]
    assert row[0] == finding["school_id"]
    assert row[1] == finding["school_name"]
    assert row[2] == finding["county"]
    assert row[3] == finding["township"]
    assert row[4] == finding["rule"]
    assert row[5] == rule["title"]
    for index, key in ((7, "value"), (8, "limit")):
        value = finding[key]
        assert (json.loads(str(row[index])) if isinstance(value, list) else row[index]) == value
    assert _date(row[9]) == rule["due"]
    due = rule["due"]
    assert row[10] == ((dt.date.fromisoformat(due) - AS_OF).days if due else None)
    assert STATUS_WORDS[str(row[11])] == finding["status"]
    remedy = finding.get("remedy")
    assert row[12] == (remedy["quantity"] if remedy else None)
    assert row[13] == (remedy["unit"] if remedy else None)
    if remedy and "plan" in remedy and remedy["plan"]:
        first = remedy["plan"][0]
        assert f"+{first['quantity']}{first['unit']}" in str(row[14])
    else:
        assert row[14] is None


def test_sample_workbook_has_every_finding(sample: tuple[dict[str, Any], Any]) -> None:
    document, book = sample
    findings = document["findings"]
    rules = {r["id"]: r for r in document["rules"]}
    sheet = book["整改台账"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref
    assert len(rows) == len(findings)
    for row, finding in zip(rows, findings, strict=True):
        _check_row(row, finding, rules)


def test_a_sheet_per_township(sample: tuple[dict[str, Any], Any]) -> None:
    document, book = sample
    findings = document["findings"]
    rules = {r["id"]: r for r in document["rules"]}
    townships = sorted({f["township"] for f in findings if f["township"]})
    assert book.sheetnames[:2] == ["汇总", "整改台账"]
    assert sorted(book.sheetnames[2:]) == townships
    for township in townships:
        sheet = book[township]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        mine = [f for f in findings if f["township"] == township]
        assert len(rows) == len(mine), township
        for row, finding in zip(rows, mine, strict=True):
            _check_row(row, finding, rules)
        assert sheet.freeze_panes == "A2"


def test_the_summary_sheet(sample: tuple[dict[str, Any], Any]) -> None:
    document, book = sample
    summary = document["summary"]
    rows = list(book["汇总"].iter_rows(values_only=True))
    items = {row[0]: row[1] for row in rows if row[0] is not None}
    assert items["结论"] == "不合格"
    assert summary["verdict"] == "fail"
    assert items["得分"] == summary["score"]
    assert items["已核查的到期规则"] == summary["assessed"]
    assert items["适用的到期规则"] == summary["applicable"]
    assert items["覆盖率（已核查/适用）"] == pytest.approx(
        summary["assessed"] / summary["applicable"]
    )
    header = next(i for i, row in enumerate(rows) if row[:2] == ("完成时限", "规则"))
    end = next(i for i in range(header + 1, len(rows)) if rows[i][1] is None)
    needed = [
        (_date(r[0]) if isinstance(r[0], dt.datetime) else None, r[1], r[3], r[4], r[5], r[6])
        for r in rows[header + 1 : end]
    ]
    expected = [
        (t["due"], t["rule"], t["county"], t["township"], t["quantity"], t["unit"])
        for t in summary["remedy"]
        if t["quantity"]
    ]
    assert sorted(needed, key=str) == sorted(expected, key=str)
    # By due date, no due date last.
    dues = [d for d, *_ in needed]
    assert dues == sorted(dues, key=lambda d: (d is None, d or ""))
    places = next(i for i, row in enumerate(rows) if row[:2] == ("区县", "乡镇"))
    townships = {row[1]: row for row in rows[places + 1 :] if row[1]}
    assert set(townships) >= {f["township"] for f in document["findings"] if f["township"]}
    for row in townships.values():
        assessed, applicable, coverage = row[4], row[5], row[6]
        assert coverage == pytest.approx(assessed / applicable)  # type: ignore[operator]


def test_the_english_workbook() -> None:
    report = audit([SAMPLE / "schools.csv"], as_of=AS_OF, class_sizes=False)
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(report, RenderOptions(lang="en"))))
    assert book.sheetnames == ["summary", "findings"]
    header = next(book["findings"].iter_rows(max_row=1, values_only=True))
    assert header[:4] == ("school id", "school", "county", "township")
    units = {en for _, en in UNITS.values()}
    unit_cells = [r[13] for r in book["findings"].iter_rows(min_row=2, values_only=True) if r[13]]
    assert unit_cells
    assert set(unit_cells) <= units
    assert {r[11] for r in book["findings"].iter_rows(min_row=2, values_only=True)} <= {
        en for _, en in STATUS_TEXT.values()
    }
    assert Status.FAIL.value in {
        r[11] for r in book["findings"].iter_rows(min_row=2, values_only=True)
    }


def test_sheet_names_are_safe_and_unique() -> None:
    used = {"汇总", "整改台账"}
    names = [
        sheet_name(text, used, "（无乡镇）")
        for text in [
            "汇总",
            "a/b:c*d?e[f]g\\h",
            "x" * 40,
            "x" * 40,
            "X" * 40,
            "'quoted'",
            "History",
            "   ",
            "tab\tname",
        ]
    ]
    assert names[0] == "汇总~2"
    assert names[1] == "a_b_c_d_e_f_g_h"
    assert names[2] == "x" * 31
    assert names[3] == "x" * 29 + "~2"
    assert names[4] == "X" * 29 + "~3"  # Excel's names ignore case
    assert names[5] == "quoted"
    assert names[6] == "History~2"
    assert names[7] == "（无乡镇）"
    assert names[8] == "tab_name"
    assert all(len(n) <= 31 for n in names)
    assert len({n.casefold() for n in names}) == len(names)


def test_township_names_from_data_make_sheets_that_open(tmp_path: Path) -> None:
    rows = [
        "school_id,name,township,kind,ownership,area,students,primary_admissions,"
        "primary_zoned_admissions",
        'S1,=HYPERLINK("x"),a/b[1],primary,public,urban,100,10,9',
        "S2,学校2,History,primary,public,urban,100,10,9",
        f"S3,学校3,{'长' * 40},primary,public,urban,100,10,9",
        f"S4,学校4,{'长' * 40}甲,primary,public,urban,100,10,9",
    ]
    path = tmp_path / "schools.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "整改台账.xlsx"
    result = CliRunner().invoke(
        main,
        ["audit", str(path), "--as-of", "2025-10-01", "-o", f"xlsx:{out}", "--by-township", "-q"],
    )
    assert result.exit_code == 1, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[2:] == ["History~2", "a_b_1_", "长" * 31, "长" * 29 + "~2"]
    first = book["a_b_1_"]["B2"]
    assert first.value == '=HYPERLINK("x")'
    assert first.data_type == "s"  # text, never a formula


def test_without_by_township_there_are_two_sheets(tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    args = ["audit", str(SAMPLE / "schools.csv"), "--as-of", "2025-10-01", "-o", f"xlsx:{out}"]
    result = CliRunner().invoke(main, [*args, "-q"])
    assert result.exit_code == 1, result.output
    assert openpyxl.load_workbook(out).sheetnames == ["汇总", "整改台账"]


def test_formula_text_stays_text() -> None:
    import xlsxwriter

    from taikang_check.render.workbook import _table

    data = io.BytesIO()
    book = xlsxwriter.Workbook(data, {"in_memory": True})
    _table(book, "s", ("a",), [["=1+1"], ["@x"], ["-2"]])
    book.close()
    sheet = openpyxl.load_workbook(io.BytesIO(data.getvalue()))["s"]
    assert [c.data_type for (c,) in sheet.iter_rows(min_row=2)] == ["s", "s", "s"]


def test_the_workbook_is_dated_by_the_audit_not_the_clock(
    sample: tuple[dict[str, Any], Any],
) -> None:
    # Same inputs, same bytes: the only date a workbook carries is the audit's as-of date.
    _, book = sample
    assert book.properties.created == dt.datetime.combine(AS_OF, dt.time())


def test_the_template_carries_a_fixed_date(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        folder.mkdir()
        result = CliRunner().invoke(main, ["template", "-o", str(folder)])
        assert result.exit_code == 0, result.output
    (name,) = [p.name for p in first.iterdir()]
    assert (first / name).read_bytes() == (second / name).read_bytes()
    created = openpyxl.load_workbook(first / name).properties.created
    assert created == dt.datetime(1980, 1, 1)
