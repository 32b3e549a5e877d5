"""The remediation ledger workbook (整改台账.xlsx): a summary sheet (verdict, score, coverage,
what is needed by due date, each township's figures), a sheet of findings with what each
needs, and with `--by-township` a sheet per township; written with XlsxWriter. Every text cell
from the data is written as a string (write_string), so a name starting with = + - @ is never
a formula; sheet names made from data are made safe (render/sheet_names.py)."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from taikang_check.render.formats import RenderOptions
from taikang_check.render.remedy import totals
from taikang_check.render.sheet_names import sheet_name
from taikang_check.report.model import Report, Status
from taikang_check.text.labels import STATUS_TEXT, VERDICT_LABEL, VERDICT_TEXT, WORDS, pick
from taikang_check.text.remedy import UNITS

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
        "整改方案",
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
        "plan",
    ),
}
TOTALS = {
    "zh": ("完成时限", "规则", "规则名称", "区县", "乡镇", "数量", "单位"),
    "en": ("due", "rule", "rule title", "county", "township", "quantity", "unit"),
}
PLACES = {
    "zh": ("区县", "乡镇", "结论", "得分", "已核查", "适用", "覆盖率"),
    "en": ("county", "township", "verdict", "score", "assessed", "applicable", "coverage"),
}
WORDS = {
    "summary": ("汇总", "summary"),
    "findings": ("整改台账", "findings"),
    "item": ("项目", "item"),
    "value": ("数值", "value"),
    "as_of": ("核查日期", "audit date"),
    "score": ("得分", "score"),
    "assessed": ("已核查的到期规则", "due rules assessed"),
    "applicable": ("适用的到期规则", "due rules applicable"),
    "coverage": ("覆盖率（已核查/适用）", "coverage (assessed / applicable)"),
    "totals": ("整改测算（按完成时限）", "What is needed, by due date"),
    "places": ("各乡镇", "Townships"),
    "no_township": ("（无乡镇）", "(no township)"),
    "no_due": WORDS["no_due"],
}


def _w(key: str, lang: str) -> str:
    zh, en = WORDS[key]
    return en if lang == "en" else zh


WIDEST = 60  # characters of a column


@dataclass(frozen=True)
class Percent:
    """A share written as a number shown as a percentage."""

    value: float


class _Sheet:
    """One worksheet: cells written by type, column widths that fit."""

    def __init__(self, book: xlsxwriter.Workbook, name: str) -> None:
        self.sheet: Worksheet = book.add_worksheet(name)
        self.bold = book.add_format({"bold": True})
        self.dates = book.add_format({"num_format": "yyyy-mm-dd"})
        self.percent = book.add_format({"num_format": "0.0%"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.widths: dict[int, int] = {}

    def cell(self, row: int, col: int, value: object, bold: bool = False) -> None:
        """Numbers as numbers, dates as dates, everything else as a string."""
        sheet, width = self.sheet, 0
        if value is None:
            pass
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value)
            width = 5
        elif isinstance(value, Percent):
            sheet.write_number(row, col, value.value, self.percent)
            width = 7
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value)
            width = len(str(value))
        elif isinstance(value, dt.date):
            day = dt.datetime(value.year, value.month, value.day)
            sheet.write_datetime(row, col, day, self.dates)
            width = 10
        else:
            text = json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value)
            width = sum(2 if ord(c) > 0x2E80 else 1 for c in text)
            # Text wider than a column may be is wrapped in it, never spilled across the page.
            style = self.bold if bold else self.wrap if width > WIDEST else None
            sheet.write_string(row, col, text, style)
        self.widths[col] = max(self.widths.get(col, 0), width)

    def rows(self, first: int, rows: list[list[object]], bold: bool = False) -> int:
        for r, values in enumerate(rows, start=first):
            for c, value in enumerate(values):
                self.cell(r, c, value, bold)
        return first + len(rows)

    def fit(self) -> None:
        """Widths that fit the text; printed landscape on A4, one page wide, header repeated."""
        for col, width in self.widths.items():
            self.sheet.set_column(col, col, min(width + 2, WIDEST))
        self.sheet.set_landscape()
        self.sheet.set_paper(9)  # A4
        self.sheet.fit_to_pages(1, 0)
        self.sheet.repeat_rows(0)


def _table(
    book: xlsxwriter.Workbook, name: str, headers: tuple[str, ...], rows: list[list[object]]
) -> None:
    """A sheet of one table: bold header, frozen, filtered."""
    sheet = _Sheet(book, name)
    sheet.rows(0, [list(headers)], bold=True)
    sheet.rows(1, rows)
    sheet.fit()
    sheet.sheet.freeze_panes(1, 0)
    sheet.sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)


def _plan_text(plan: list[dict[str, object]] | None, lang: str) -> str | None:
    """A plan's items in words: 高朗乡余店学校 +278285元；… or sports_area +50 m²."""
    if not plan:
        return None
    parts = []
    for item in plan:
        what = item.get("school_name") or item.get("school_id") or item.get("indicator")
        unit = pick(UNITS[str(item["unit"])], lang)
        amount = f"+{item['quantity']} {unit}" if lang == "en" else f"+{item['quantity']}{unit}"
        parts.append(f"{what} {amount}")
    return ("; " if lang == "en" else "；").join(parts)


def finding_rows(report: Report, lang: str) -> list[list[object]]:
    """Every finding as the workbook's row, in the JSON report's order."""
    rows: list[list[object]] = []
    for result in report.rules:
        rule = result.rule
        findings = result.findings
        if not findings.height:
            continue
        for f in findings.iter_rows(named=True):
            unit = f.get("remedy_unit")
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
                    _say(STATUS_TEXT[Status(f["status"])], lang),
                    f.get("remedy_quantity"),
                    pick(UNITS[unit], lang) if unit else None,
                    _plan_text(f.get("remedy_plan"), lang),
                ]
            )
    return rows


def _say(pair: tuple[str, str] | None, lang: str) -> str | None:
    if pair is None:
        return None
    zh, en = pair
    return en if lang == "en" else zh


def _summary(book: xlsxwriter.Workbook, report: Report, lang: str) -> None:
    """Key figures, then the totals by due date (filtered), then each township's figures."""
    sheet = _Sheet(book, _w("summary", lang))
    coverage = Percent(report.assessed / report.applicable) if report.applicable else None
    items: list[list[object]] = [
        [_w("as_of", lang), report.as_of],
        [_say(VERDICT_LABEL, lang), _say(VERDICT_TEXT.get(report.verdict), lang)],
        [_w("score", lang), report.score],
        [_w("assessed", lang), report.assessed],
        [_w("applicable", lang), report.applicable],
        [_w("coverage", lang), coverage],
    ]
    items += [[_say(STATUS_TEXT[status], lang), report.count(status)] for status in Status]
    sheet.rows(0, [[_w("item", lang), _w("value", lang)]], bold=True)
    row = sheet.rows(1, items) + 1
    sheet.rows(row, [[_w("totals", lang)]], bold=True)
    header = row + 1
    titles = {r.rule.id: r.rule.title.get(lang) for r in report.rules}
    due_rows = sorted(totals(report), key=lambda t: (t["due"] is None, str(t["due"] or "")))
    needed = [
        [
            dt.date.fromisoformat(str(t["due"])) if t["due"] else _w("no_due", lang),
            t["rule"],
            titles.get(str(t["rule"])),
            t["county"],
            t["township"],
            t["quantity"],
            pick(UNITS[str(t["unit"])], lang),
        ]
        for t in due_rows
        if t["quantity"]  # nothing to do (an idle school has no students to place)
    ]
    sheet.rows(header, [list(TOTALS[lang])], bold=True)
    row = sheet.rows(header + 1, needed)
    sheet.sheet.autofilter(header, 0, max(row - 1, header + 1), len(TOTALS[lang]) - 1)
    row += 1
    sheet.rows(row, [[_w("places", lang)]], bold=True)
    sheet.rows(row + 1, [list(PLACES[lang])], bold=True)
    places = [
        [
            t["county"],
            t["township"],
            _say(VERDICT_TEXT.get(str(t["verdict"])), lang),
            t["score"],
            t["assessed"],
            t["applicable"],
            Percent(t["assessed"] / t["applicable"]) if t["applicable"] else None,
        ]
        for t in report.township_scores.sort("county", "township", nulls_last=True).iter_rows(
            named=True
        )
    ]
    sheet.rows(row + 2, places)
    sheet.fit()
    sheet.sheet.freeze_panes(1, 0)


def _township_sheets(
    book: xlsxwriter.Workbook, rows: list[list[object]], lang: str, used: set[str]
) -> None:
    """A sheet per township (its schools' findings and its own), by name; several counties:
    county and township. Findings of a county as a whole stay on the findings sheet."""
    places = sorted({(r[2], r[3]) for r in rows if r[3] is not None}, key=str)
    many = len({county for county, _ in places}) > 1
    for county, township in places:
        label = f"{county}{township}" if many and county else str(township)
        name = sheet_name(label, used, _w("no_township", lang))
        mine = [r for r in rows if (r[2], r[3]) == (county, township)]
        _table(book, name, HEADERS[lang], mine)


def workbook_bytes(report: Report, options: RenderOptions | None = None) -> bytes:
    options = options or RenderOptions()
    lang = options.lang
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    # The properties carry a date; the audit's as-of date keeps the same inputs the same bytes.
    as_of = dt.datetime.combine(report.as_of, dt.time(), tzinfo=dt.UTC)
    book.set_properties({"created": as_of})
    used = {_w("summary", lang).casefold(), _w("findings", lang).casefold()}
    _summary(book, report, lang)
    rows = finding_rows(report, lang)
    _table(book, _w("findings", lang), HEADERS[lang], rows)
    if options.by_township:
        _township_sheets(book, rows, lang, used)
    book.close()
    return out.getvalue()
