"""The HTML report's remediation totals (整改测算): what the county and each township owe, by
due date and rule, as the terminal and Markdown reports list them."""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO

from taikang_check.render.html.page import esc, head, row, text
from taikang_check.render.remedy import totals
from taikang_check.report.model import Report
from taikang_check.text.labels import pick
from taikang_check.text.remedy import LABELS, UNITS

Key = tuple[object, str, object, str]  # due, rule, county, unit


def amount(quantity: int, unit: str, kind: str, lang: str) -> str:
    """`64个班（教室、班主任各64）`, `1377 students`: a quantity in its unit."""
    shown = (
        f"{quantity} {pick(UNITS[unit], lang)}"
        if lang == "en"
        else f"{quantity}{pick(UNITS[unit], lang)}"
    )
    if kind == "classes" and quantity:
        shown += (
            f" ({quantity} classrooms, {quantity} head teachers)"
            if lang == "en"
            else f"（教室、班主任各{quantity}）"
        )
    return shown


def render_remedy_totals(stream: TextIO, report: Report, lang: str) -> None:
    """A table per due date: each rule's county total and its townships' shares (largest
    first). Nothing when no failing or pending finding carries a quantity."""
    rows = totals(report)
    counties = [r for r in rows if r["township"] is None and r["quantity"]]
    if not counties:
        return
    shares: dict[Key, list[tuple[int, str]]] = defaultdict(list)
    for r in rows:
        if r["township"] is not None and r["quantity"]:
            # A rule can need several units (teachers, rooms, money): each total its own.
            key = (r["due"], str(r["rule"]), r["county"], str(r["unit"]))
            shares[key].append((int(str(r["quantity"])), str(r["township"])))
    titles = {r.rule.id: r.rule.title.get(lang) for r in report.rules}
    many = len({r["county"] for r in counties}) > 1
    keys = ["due", "rule_title", *(["county"] if many else []), "county_total", "by_township"]
    labels = [text(k, lang) for k in keys]
    stream.write(
        f'<h3 id="remedy">{esc(pick(LABELS["section"], lang))}</h3>\n'
        f'<p class="note">{esc(text("remedy_note", lang))}</p>\n<table class="remedy">'
        f"{head(labels)}"
    )
    separator = ", " if lang == "en" else "、"
    for r in counties:
        key = (r["due"], str(r["rule"]), r["county"], str(r["unit"]))
        places = sorted(shares.get(key, []), key=lambda p: (-p[0], p[1]))
        due = str(r["due"]) if r["due"] else pick(LABELS["no_due"], lang)
        cells = [
            f'<span class="nw">{esc(due)}</span>',
            f'{esc(titles.get(str(r["rule"]), ""))} <span class="rule-id">{esc(r["rule"])}</span>',
            *([esc(r["county"])] if many else []),
            esc(amount(int(str(r["quantity"])), str(r["unit"]), str(r["kind"]), lang)),
            esc(separator.join(f"{name} {n}" for n, name in places)),
        ]
        stream.write(row(cells))
    stream.write("</table>\n")
