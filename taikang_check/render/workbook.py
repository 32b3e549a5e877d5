"""The remediation ledger workbook (整改台账.xlsx): a summary sheet and a sheet of findings with
what each needs, written with XlsxWriter. Every text cell from the data is written as a
string (write_string), so a name starting with = + - @ is never a formula."""

from __future__ import annotations

import datetime as dt
import io
import json

import xlsxwriter

from taikang_check.render.formats import RenderOptions
from taikang_check.render.remedy import totals
from taikang_check.report.model import Report
from taikang_check.text.remedy import UNITS, word

HEADERS = {
    "zh": (
        "学校代码",
        "学校",
        "区县",
        "乡镇",
        "规则",
        "规则名称",
        "文件条款",
        "数值",
        "限值",
        "完成时限",
        "剩余天数",
        "状态",
        "需整改数量",
        "单位",
    ),
    "en": (
        "school id",
        "school",
        "county",
        "township",
        "rule",
        "rule title",
        "plan section",
        "value",
        "limit",
        "due",
        "days left",
        "status",
        "quantity needed",
        "unit",
    ),
}
SUMMARY = {
    "zh": ("项目", "数值", "完成时限", "规则", "区县", "乡镇", "数量", "单位"),
    "en": ("item", "value", "due", "rule", "county", "township", "quantity", "unit"),
}


def _cell(
    sheet: xlsxwriter.worksheet.Worksheet, row: int, col: int, value: object, date_format: object
) -> int:
    """One cell: numbers as numbers, dates as dates, everything else as a string."""
    if value is None:
        return 0
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
        return 5
    if isinstance(value, int | float):
        sheet.write_number(row, col, value)
        return len(str(value))
    if isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), date_format)
        return 10
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value)
    sheet.write_string(row, col, text)
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _table(
    book: xlsxwriter.Workbook, name: str, headers: tuple[str, ...], rows: list[list[object]]
) -> None:
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True})
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    widths = [sum(2 if ord(c) > 0x2E80 else 1 for c in h) for h in headers]
    for col, title in enumerate(headers):
        sheet.write_string(0, col, title, bold)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            widths[c] = max(widths[c], _cell(sheet, r, c, value, dates))
    for c, width in enumerate(widths):
        sheet.set_column(c, c, min(width + 2, 60))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)


def finding_rows(report: Report, lang: str) -> list[list[object]]:
    """Every finding as the workbook's row, in the JSON report's order."""
    rows: list[list[object]] = []
    for result in report.rules:
        rule = result.rule
        findings = result.findings
        if not findings.height:
            continue
        has_remedy = "remedy_quantity" in findings.columns
        for f in findings.iter_rows(named=True):
            quantity = f.get("remedy_quantity") if has_remedy else None
            unit = f.get("remedy_unit") if has_remedy else None
            rows.append(
                [
                    f["school_id"],
                    f["school_name"],
                    f["county"],
                    f["township"],
                    rule.id,
                    rule.title.get(lang),
                    rule.source.section,
                    json.loads(f["value"]) if f["value"] is not None else None,
                    json.loads(f["limit"]) if f["limit"] is not None else None,
                    rule.due,
                    result.days_left(report.as_of),
                    f["status"],
                    quantity,
                    word(UNITS, unit, lang) if unit else None,
                ]
            )
    return rows


def workbook_bytes(report: Report, options: RenderOptions | None = None) -> bytes:
    lang = (options or RenderOptions()).lang
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    summary: list[list[object]] = [["as_of" if lang == "en" else "审计日期", report.as_of]]
    summary.append(["score" if lang == "en" else "得分", report.score])
    summary += [[key, value] for key, value in report.summary.items()]
    summary += [
        [
            None,
            None,
            t["due"] and dt.date.fromisoformat(str(t["due"])),
            t["rule"],
            t["county"],
            t["township"],
            t["quantity"],
            word(UNITS, str(t["unit"]), lang),
        ]
        for t in totals(report)
    ]
    summary = [row + [None] * (len(SUMMARY[lang]) - len(row)) for row in summary]
    _table(book, "汇总" if lang != "en" else "summary", SUMMARY[lang], summary)
    _table(
        book, "整改台账" if lang != "en" else "findings", HEADERS[lang], finding_rows(report, lang)
    )
    book.close()
    return out.getvalue()
