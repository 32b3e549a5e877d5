"""The 整改测算 section of the terminal report: what is needed, per county and township, by
due date."""

from __future__ import annotations

from rich.text import Span, Text

from taikang_check.render.remedy import plan_lines, summary_lines
from taikang_check.render.rule_label import ID_STYLE, SEPARATOR, RuleLine
from taikang_check.render.sheet import Sheet, clean
from taikang_check.report.model import Report
from taikang_check.text.labels import pick
from taikang_check.text.remedy import LABELS
from taikang_check.text.safe import safe_line


def render_remedy(sheet: Sheet, report: Report, lang: str) -> None:
    lines = summary_lines(report, lang)
    if not lines:
        return
    sheet.heading(pick(LABELS["section"], lang))
    current = None
    names: dict[tuple[str, str], tuple[str, Span]] = {}
    for due, line in lines:
        if due != current:
            sheet.line(due, style="bold")
            current = due
        sheet.line(_line(line, names))
    plans = plan_lines(report, lang)
    if plans:
        sheet.line(pick(LABELS["plans"], lang), style="bold")
        for plan in plans:
            sheet.line(_line(plan, names))


def _line(line: RuleLine, names: dict[tuple[str, str], tuple[str, Span]]) -> Text:
    """`  title · id: text`, the id dim, as render/rule_label.py `terminal_name` names a rule;
    built as one text with its one span (a country's report has 18,000 of these lines), the
    rule's name made once per rule."""
    key = (line.title, line.rule_id)
    if key not in names:
        title = "  " + safe_line(line.title)
        named = title + SEPARATOR + line.rule_id
        names[key] = (named, Span(len(title), len(named), ID_STYLE))
    named, span = names[key]
    return Text(named + clean(line.text), spans=[span])
