"""The HTML report's pages per school: an index of the schools with failing or unknown
findings, then one page each (a page break before it in print), written school by school."""

from __future__ import annotations

from typing import TextIO

import polars as pl

from taikang_check.render.html.page import (
    ACT_ON,
    badge,
    esc,
    finding_rows,
    head,
    row,
    text,
    value_limit,
    where,
)
from taikang_check.report.model import Report
from taikang_check.text.numbers import score_text

KEYS = ["county", "township", "school_name", "school_id"]


def school_findings(report: Report, lang: str) -> pl.DataFrame:
    """Every fail and unknown finding about a school (its own row or its classes' rows),
    as text, ordered by county, township, school, then rule and row."""
    parts = [
        finding_rows(
            result,
            result.findings.filter(
                pl.col("status").is_in(ACT_ON) & pl.col("school_id").is_not_null()
            ),
            lang,
        )
        for result in report.rules
        if result.findings.height
    ]
    if not parts:
        return pl.DataFrame(schema=dict.fromkeys(KEYS, pl.String))
    return pl.concat(parts, how="vertical_relaxed").sort(
        [*KEYS, "rule", "file", "row"], nulls_last=True, maintain_order=True
    )


def render_schools(stream: TextIO, report: Report, lang: str) -> None:
    findings = school_findings(report, lang)
    stream.write(
        f'<section id="schools" class="page"><h2>{esc(text("schools", lang))}</h2>\n'
        f'<p class="note">{esc(text("schools_note", lang))}</p>\n'
    )
    if findings.height == 0:
        stream.write(f"<p>{esc(text('none', lang))}</p>\n</section>\n")
        return
    scores = report.school_scores.select("school_id", "score")
    index = (
        findings.group_by(KEYS, maintain_order=True)
        .agg(pl.len().alias("problems"))
        .join(scores, on="school_id", how="left", maintain_order="left")
        .with_row_index("page", offset=1)
    )
    columns = ("school", "township", "school_id", "school_score", "problems")
    stream.write(f"<table>{head([text(k, lang) for k in columns], [3, 4])}")
    for school in index.iter_rows(named=True):
        name = school["school_name"] or school["school_id"]
        score = score_text(school["score"])
        link = f'<a href="#school-{school["page"]}">{esc(name)}</a>'
        cells = [link, esc(school["township"]), esc(school["school_id"]), score]
        stream.write(row([*cells, str(school["problems"])], [3, 4]))
    stream.write("</table>\n")
    pages = {
        school_id: (page, score)
        for school_id, page, score in index.select("school_id", "page", "score").iter_rows()
    }
    titles = {r.rule.id: r.rule.title.get(lang) for r in report.rules}
    current, rule = None, None
    labels = [text(k, lang) for k in ("status", "rule", "where", "value", "message")]
    for f in findings.iter_rows(named=True):
        if f["school_id"] != current:
            if current is not None:
                stream.write("</table></article>\n")
            current, rule = f["school_id"], None
            page, score = pages[current]
            facts = [
                f"{text('school_id', lang)} {f['school_id']}",
                *([f"{text('county', lang)} {f['county']}"] if f["county"] else []),
                f"{text('township', lang)} {f['township'] or '—'}",
                f"{text('school_score', lang)} {score_text(score)}",
            ]
            stream.write(
                f'<article class="school-page" id="school-{page}">'
                f"<h3>{esc(f['school_name'] or f['school_id'])}</h3>\n"
                f'<p class="meta">{esc(" · ".join(facts))}</p>\n<table>{head(labels)}'
            )
        named = ""  # a rule's id and title once, on its first finding
        if f["rule"] != rule:
            link = f'<a href="#rule-{esc(f["rule"])}">{esc(f["rule"])}</a>'
            named = f"{link}<br>{esc(titles[f['rule']])}"
        rule = f["rule"]
        cells = [
            badge(f["status"], lang),
            named,
            esc(where(f["file"], f["row"], f["scope"], lang)),
            value_limit(f["value"], f["limit"]),
            esc(f["message"]),
        ]
        stream.write(row(cells))
    stream.write("</table></article>\n</section>\n")
