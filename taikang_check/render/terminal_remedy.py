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
    block = _Block()
    current = None
    for due, line in lines:
        if due != current:
            block.add(clean(due), "bold")
            current = due
        block.add_rule_line(line)
    plans = plan_lines(report, lang)
    if plans:
        block.add(clean(pick(LABELS["plans"], lang)), "bold")
        for plan in plans:
            block.add_rule_line(plan)
    sheet.line(block.text())


class _Block:
    """The section's lines as one text: the same characters and spans as a line each (the
    sheet joins its lines with newlines, a line's style becoming a span over it), made in
    one go — a country's report has 18,000 of these lines, and a text costs its own
    checks each. Every part is clean already, so no character is dropped and the spans'
    offsets hold."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.length = 0
        self.names: dict[tuple[str, str], tuple[str, int]] = {}

    def add(self, text: str, style: str = "", dim_from: int | None = None) -> None:
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        end = self.length + len(text)
        if style:
            self.spans.append(Span(self.length, end, style))
        if dim_from is not None:
            self.spans.append(Span(self.length + dim_from, end, ID_STYLE))
        self.parts.append(text)
        self.length = end

    def add_rule_line(self, line: RuleLine) -> None:
        """`  title · id: text`, the id dim, as render/rule_label.py `terminal_name` names a
        rule (the name made once per rule)."""
        key = (line.title, line.rule_id)
        if key not in self.names:
            title = "  " + safe_line(line.title)
            self.names[key] = (title + SEPARATOR + line.rule_id, len(title))
        name, title_length = self.names[key]
        self.add(name, dim_from=title_length)
        self.parts.append(clean(line.text))
        self.length += len(self.parts[-1])

    def text(self) -> Text:
        return Text("".join(self.parts), spans=self.spans)
