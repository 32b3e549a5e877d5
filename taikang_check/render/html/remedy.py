"""The HTML report's remediation totals (整改测算): what the county and each township owe, by
due date and rule, as the terminal and Markdown reports list them."""

from __future__ import annotations

from typing import TextIO

from taikang_check.render.html.page import esc, head, row, text
from taikang_check.render.remedy import amount, share_key, totals, township_shares
from taikang_check.report.model import Report
from taikang_check.text.labels import pick
from taikang_check.text.remedy import LABELS


def render_remedy_totals(stream: TextIO, report: Report, lang: str) -> None:
    """A table per due date: each rule's county total and its townships' shares (largest
    first). Nothing when no failing or pending finding carries a quantity."""
    rows = totals(report)
    counties = [r for r in rows if r["township"] is None and r["quantity"]]
    if not counties:
        return
    shares = township_shares(rows)
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
        places = shares.get(share_key(r), [])
        due = str(r["due"]) if r["due"] else pick(LABELS["no_due"], lang)
        cells = [
            f'<span class="nw">{esc(due)}</span>',
            f'{esc(titles.get(str(r["rule"]), ""))} <span class="rule-id">{esc(r["rule"])}</span>',
            *([esc(r["county"])] if many else []),
            esc(amount(r, lang)),
            esc(separator.join(f"{p['township']} {p['quantity']}" for p in places)),
        ]
        stream.write(row(cells))
    stream.write("</table>\n")
