"""The HTML report's schools: an index of the schools with failing, pending or unknown
findings (verdict, score, coverage), and on request (--html-schools) one page each with its
findings (a page break before it in print), written school by school."""

from __future__ import annotations

from typing import TextIO

import polars as pl

from taikang_check.render.html.page import (
    LISTED,
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
from taikang_check.text.labels import VERDICT_TEXT, pick
from taikang_check.text.numbers import coverage_text, score_text

KEYS = ["county", "township", "school_name", "school_id"]


def school_findings(report: Report, lang: str) -> pl.DataFrame:
    """Every fail, pending and unknown finding about a school (its own row or its classes' rows),
    as text, ordered by county, township, school, then rule and row."""
    parts = [
        finding_rows(
            result,
            result.findings.filter(
                pl.col("status").is_in(LISTED) & pl.col("school_id").is_not_null()
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


def render_schools(stream: TextIO, report: Report, lang: str, pages: bool = False) -> None:
    findings = school_findings(report, lang)
    note = text("schools_note" if pages else "schools_index", lang)
    stream.write(
        f'<section id="schools" class="page"><h2>{esc(text("schools", lang))}</h2>\n'
        f'<p class="note">{esc(note)}</p>\n'
    )
    if findings.height == 0:
        stream.write(f"<p>{esc(text('none', lang))}</p>\n</section>\n")
        return
    scores = report.school_scores.select("school_id", "verdict", "score", "assessed", "applicable")
    index = (
        findings.group_by(KEYS, maintain_order=True)
        .agg(pl.len().alias("problems"))
        .join(scores, on="school_id", how="left", maintain_order="left")
        .with_row_index("page", offset=1)
    )
    columns = ("school", "township", "school_id", "school_verdict", "school_score", "coverage")
    numeric = [4, 5, 6]
    stream.write(f"<table>{head([text(k, lang) for k in (*columns, 'problems')], numeric)}")
    for school in index.iter_rows(named=True):
        name = esc(school["school_name"] or school["school_id"])
        verdict = school["verdict"]
        cells = [
            f'<a href="#school-{school["page"]}">{name}</a>' if pages else name,
            esc(school["township"]),
            esc(school["school_id"]),
            esc(pick(VERDICT_TEXT[verdict], lang) if verdict in VERDICT_TEXT else None),
            score_text(school["score"]),
            coverage_text(school["assessed"] or 0, school["applicable"] or 0),
            str(school["problems"]),
        ]
        stream.write(row(cells, numeric))
    stream.write("</table>\n")
    if pages:
        _pages(stream, report, findings, index, lang)
    stream.write("</section>\n")


def _pages(
    stream: TextIO, report: Report, findings: pl.DataFrame, index: pl.DataFrame, lang: str
) -> None:
    pages = {
        school_id: (page, score)
        for school_id, page, score in index.select("school_id", "page", "score").iter_rows()
    }
    titles = {r.rule.id: r.rule.title.get(lang) for r in report.rules}
    current, rule = None, None
    labels = [text(k, lang) for k in ("status", "rule", "where", "value", "message", "remedy")]
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
        named = ""  # a rule's title and id once, on its first finding
        if f["rule"] != rule:
            link = f'<a href="#rule-{esc(f["rule"])}">{esc(titles[f["rule"]])}</a>'
            named = f'{link}<br><span class="rule-id">{esc(f["rule"])}</span>'
        rule = f["rule"]
        cells = [
            badge(f["status"], lang),
            named,
            esc(where(f["file"], f["row"], f["scope"], lang)),
            value_limit(f),
            esc(f["message"]),
            esc(f["remedy"] or ""),
        ]
        stream.write(row(cells))
    stream.write("</table></article>\n")
