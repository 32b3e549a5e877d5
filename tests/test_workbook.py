"""The remediation ledger workbook round-trips through openpyxl with every JSON finding."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
from conftest import SAMPLE

from taikang_check.api import audit
from taikang_check.render.json_report import render_json
from taikang_check.render.workbook import workbook_bytes


def test_sample_workbook_has_every_finding() -> None:
    report = audit(sorted(SAMPLE.glob("*.csv")), as_of=dt.date(2025, 10, 1), class_sizes=False)
    out = io.StringIO()
    render_json(report, out)
    findings = json.loads(out.getvalue())["findings"]
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(report)))
    sheet = book["整改台账"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref
    assert len(rows) == len(findings)
    for row, finding in zip(rows, findings, strict=True):
        assert row[0] == finding["school_id"]
        assert row[3] == finding["township"]
        assert row[4] == finding["rule"]
        assert row[11] == finding["status"]
        value = finding["value"]
        if isinstance(value, list):
            assert json.loads(row[7]) == value
        else:
            assert row[7] == value
        remedy = finding.get("remedy")
        assert row[12] == (remedy["quantity"] if remedy else None)
        due = next(
            r["due"] for r in json.loads(out.getvalue())["rules"] if r["id"] == finding["rule"]
        )
        assert (row[9].date().isoformat() if row[9] else None) == due


def test_formula_text_stays_text() -> None:
    import xlsxwriter

    from taikang_check.render.workbook import _table

    data = io.BytesIO()
    book = xlsxwriter.Workbook(data, {"in_memory": True})
    _table(book, "s", ("a",), [["=1+1"], ["@x"], ["-2"]])
    book.close()
    sheet = openpyxl.load_workbook(io.BytesIO(data.getvalue()))["s"]
    assert [c.data_type for (c,) in sheet.iter_rows(min_row=2)] == ["s", "s", "s"]
