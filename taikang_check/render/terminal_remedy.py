"""The 整改测算 section of the terminal report: what is needed, per county and township, by
due date."""

from __future__ import annotations

from rich.text import Text

from taikang_check.render.remedy import plan_lines, summary_lines
from taikang_check.render.rule_label import RuleLine, terminal_name
from taikang_check.render.sheet import Sheet, clean
from taikang_check.report.model import Report
from taikang_check.text.labels import pick
from taikang_check.text.remedy import LABELS


def render_remedy(sheet: Sheet, report: Report, lang: str) -> None:
    lines = summary_lines(report, lang)
    if not lines:
        return
    sheet.heading(pick(LABELS["section"], lang))
    current = None
    for due, line in lines:
        if due != current:
            sheet.line(due, style="bold")
            current = due
        sheet.line(_line(line))
    plans = plan_lines(report, lang)
    if plans:
        sheet.line(pick(LABELS["plans"], lang), style="bold")
        for plan in plans:
            sheet.line(_line(plan))


def _line(line: RuleLine) -> Text:
    text = Text("  ")
    text.append_text(terminal_name(line.title, line.rule_id))
    text.append(clean(line.text))
    return text
