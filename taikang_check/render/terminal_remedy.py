"""The 整改测算 section of the terminal report: what is needed, per county and township, by
due date."""

from __future__ import annotations

from taikang_check.render.remedy import plan_lines, summary_lines
from taikang_check.render.sheet import Sheet
from taikang_check.report.model import Report
from taikang_check.text.labels import pick
from taikang_check.text.remedy import LABELS


def render_remedy(sheet: Sheet, report: Report, lang: str) -> None:
    lines = summary_lines(report, lang)
    if not lines:
        return
    sheet.heading(pick(LABELS["section"], lang))
    current = None
    for due, text in lines:
        if due != current:
            sheet.line(due, style="bold")
            current = due
        sheet.line("  " + text)
    plans = plan_lines(report, lang)
    if plans:
        sheet.line(pick(LABELS["plans"], lang), style="bold")
        for text in plans:
            sheet.line("  " + text)
