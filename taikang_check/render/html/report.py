"""The HTML report: one self-contained page (inline CSS and SVG, no script, font or network)
that a county official opens in any browser or prints on A4.

It is written to the stream section by section (a rule's findings, a school's page at a
time), never built as one string. Every text that comes from data or rule files is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

import polars as pl

from taikang_check.render.formats import RenderOptions
from taikang_check.render.html import charts as html_charts
from taikang_check.render.html.national import render_national
from taikang_check.render.html.page import (
    ACT_ON,
    CSS,
    MAX_FINDINGS,
    badge,
    esc,
    finding_rows,
    head,
    row,
    text,
    value_limit,
    where,
)
from taikang_check.render.html.schools import render_schools
from taikang_check.report.model import Report, RuleResult, Status
from taikang_check.report.order import failing_first
from taikang_check.rulebook.limits import ClassCap, class_caps
from taikang_check.text.labels import (
    COVERAGE_TEXT,
    SEVERITY_TEXT,
    STATUS_TEXT,
    VERDICT_LABEL,
    VERDICT_TEXT,
    pick,
)
from taikang_check.text.names import describe_missing
from taikang_check.text.national import stage_name
from taikang_check.text.numbers import score_text
from taikang_check.text.problem_texts import describe_problem, header_list


def render_html(report: Report, stream: TextIO, options: RenderOptions | None = None) -> None:
    options = options or RenderOptions()
    lang = "en" if options.lang == "en" else "zh"
    limit = None if options.verbose else MAX_FINDINGS
    # Veto items first, then other failing errors, warnings, then unknowns; plan order.
    acting = failing_first(report.rules, ("veto", "errors", "warnings", "unknown"))
    listed = {r.rule.id for r in acting}
    acting += [r for r in report.rules if (r.failed or r.unknown) and r.rule.id not in listed]
    _start(stream, report, lang)
    _summary(stream, report, lang)
    _charts(stream, report, lang)
    _rules(stream, report, lang)
    stream.write(f'<section id="findings" class="page"><h2>{esc(text("findings", lang))}</h2>\n')
    if not acting:
        stream.write(f"<p>{esc(text('none', lang))}</p>\n")
    for result in acting:
        _rule_findings(stream, result, lang, limit)
    stream.write("</section>\n")
    if report.national is not None:
        render_national(stream, report.national, lang)
    render_schools(stream, report, lang)
    _notes(stream, report, lang)
    stream.write(
        f'<footer class="meta"><p>taikang-check {esc(report.version)} · '
        f"{esc(report.as_of.isoformat())}</p></footer>\n</body>\n</html>\n"
    )


def _start(stream: TextIO, report: Report, lang: str) -> None:
    title = text("title", lang)
    stream.write(
        "<!DOCTYPE html>\n"
        f'<html lang="{"en" if lang == "en" else "zh-CN"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="taikang-check">\n'
        f"<title>{esc(title)} · {esc(report.as_of.isoformat())}</title>\n"
        f"<style>{CSS}{html_charts.CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{esc(title)}</h1>\n"
        f'<p class="meta">{esc(text("as_of", lang))}: {esc(report.as_of.isoformat())} · '
        f"{esc(text('tool', lang))}: taikang-check {esc(report.version)}</p>\n"
    )
    if report.inputs:
        stream.write(f"<table>{head([text(k, lang) for k in ('file', 'table', 'rows')], [2])}")
        for item in report.inputs:
            path = f"{item.path} [{item.sheet}]" if item.sheet else item.path
            stream.write(row([esc(path), esc(item.table), str(item.rows)], [2]))
        stream.write("</table>\n")
    sections = ["summary", "charts", "rules", "findings"]
    sections += ["national"] if report.national is not None else []
    sections += ["schools"]
    links = "".join(f'<li><a href="#{key}">{esc(text(key, lang))}</a></li>' for key in sections)
    stream.write(f"</header>\n<nav><h2>{esc(text('contents', lang))}</h2><ol>{links}</ol></nav>\n")


def _summary(stream: TextIO, report: Report, lang: str) -> None:
    score = score_text(report.score, text("score_none", lang))
    counts = "".join(f"{badge(status, lang)}{report.count(status)} " for status in Status)
    verdict = pick(VERDICT_TEXT[report.verdict], lang)
    coverage = pick(COVERAGE_TEXT, lang).format(
        assessed=report.assessed, applicable=report.applicable
    )
    stream.write(
        f'<section id="summary"><h2>{esc(text("summary", lang))}</h2>\n'
        f'<p class="verdict {esc(report.verdict)}" id="verdict">'
        f"<strong>{esc(pick(VERDICT_LABEL, lang))}: {esc(verdict)}</strong> · "
        f"{esc(coverage)}</p>\n"
        f'<p><span class="score" id="score">{esc(score)}</span>'
        f'{esc(text("score", lang))} / 100</p>\n<p class="counts">{counts}</p>\n'
    )
    if report.county_scores.height > 1:
        stream.write(f"<table>{head([text('county', lang), text('score', lang)], [1])}")
        for county, value in report.county_scores.select("county", "score").iter_rows():
            stream.write(row([esc(county), score_text(value)], [1]))
        stream.write("</table>\n")
    stream.write("</section>\n")


def milestone(result: RuleResult) -> str:
    """done (passes), late (fails: a due date passed), pending, open (cannot be verified)."""
    return {Status.PASS: "done", Status.FAIL: "late", Status.PENDING: "pending"}.get(
        result.status, "open"
    )


def _figure(stream: TextIO, key: str, chart: str, note: str, lang: str) -> None:
    caption = esc(html_charts.label(key, lang))
    stream.write(
        f'<figure><figcaption>{caption}</figcaption>\n{chart}\n<p class="note">{note}</p>'
        "</figure>\n"
    )


def _sizes_note(caps: Sequence[ClassCap], lang: str) -> str:
    """What the chart's lines mean, with the caps that the loaded rules set."""
    joiner, stage_joiner = (" and ", " and ") if lang == "en" else ("、", "、")
    staged = sorted({(c.largest, c.stage) for c in caps if c.stage is not None})
    large = sorted({c.largest for c in caps if c.stage is None})
    note = text("sizes_intro", lang)
    if staged:
        key = "sizes_stage_caps" if len(staged) > 1 else "sizes_stage_cap"
        note += text(
            key,
            lang,
            limits=joiner.join(str(limit) for limit, _ in staged),
            stages=stage_joiner.join(stage_name(stage, lang) for _, stage in staged if stage),
        )
    for limit in large:
        note += text("sizes_large", lang, limit=limit, fails=limit + 1)
    return note + text("sizes_end", lang)


def _charts(stream: TextIO, report: Report, lang: str) -> None:
    stream.write(f'<section id="charts"><h2>{esc(text("charts", lang))}</h2>\n')
    sizes = report.class_sizes
    if sizes is not None and sizes.height:
        caps = class_caps(result.rule for result in report.rules)
        chart = html_charts.class_size_chart(sizes, caps, lang)
        _figure(stream, "sizes", chart, esc(_sizes_note(caps, lang)), lang)
    else:
        stream.write(f'<p class="note">{esc(text("no_classes", lang))}</p>\n')
    townships = report.township_scores.filter(pl.col("score").is_not_null())
    if townships.height:
        chart = html_charts.township_chart(townships, report.score, lang)
        _figure(stream, "townships", chart, esc(text("townships_note", lang)), lang)
    milestones = sorted(
        (
            html_charts.Milestone(
                due=r.rule.due,
                state=milestone(r),
                label=r.rule.title.get(lang),
                tip=f"{r.rule.id} · {r.rule.title.get(lang)} · {r.rule.due.isoformat()} · "
                + pick(STATUS_TEXT[r.status], lang),
            )
            for r in report.rules
            if r.rule.due is not None
        ),
        key=lambda m: (m.due, m.tip),
    )
    if milestones:
        chart = html_charts.timeline_chart(milestones, report.as_of, lang)
        note = f"{html_charts.legend(lang)}<br>{esc(text('timeline_note', lang))}"
        _figure(stream, "timeline", chart, note, lang)
    stream.write("</section>\n")


def _rules(stream: TextIO, report: Report, lang: str) -> None:
    keys = ("status", "rule", "rule_title", "section", "severity", "due")
    counts = ("evaluated", "passed", "failed", "pending", "unknown")
    numeric = range(len(keys), len(keys) + len(counts))
    stream.write(f'<section id="rules" class="page"><h2>{esc(text("rules", lang))}</h2>\n<table>')
    stream.write(head([text(k, lang) for k in keys + counts], numeric))
    for r in report.rules:
        rule = r.rule
        link = (
            f'<a href="#rule-{esc(rule.id)}">{esc(rule.id)}</a>'
            if r.failed or r.unknown
            else esc(rule.id)
        )
        document = esc(rule.source.document)
        cells = [
            badge(r.status, lang),
            link,
            esc(rule.title.get(lang)),
            f'<span class="nw" title="{document}">{esc(rule.source.section)}</span>',
            esc(pick(SEVERITY_TEXT[rule.severity.value], lang)),
            f'<span class="nw">{esc(rule.due.isoformat() if rule.due else None)}</span>',
            *(str(getattr(r, k)) for k in counts),
        ]
        stream.write(row(cells, numeric))
    stream.write("</table>\n</section>\n")


def _rule_findings(stream: TextIO, result: RuleResult, lang: str, limit: int | None) -> None:
    shown = result.findings.filter(pl.col("status").is_in(ACT_ON))
    rule = result.rule
    counts = (", " if lang == "en" else "，").join(
        f"{pick(STATUS_TEXT[s], lang)} {n}"
        for n, s in ((result.failed, Status.FAIL), (result.unknown, Status.UNKNOWN))
        if n
    )
    stream.write(
        f'<h3 id="rule-{esc(rule.id)}">{esc(rule.id)} · {esc(rule.title.get(lang))} '
        f'<span class="meta">{esc(f"({counts})" if lang == "en" else f"（{counts}）")}</span>'
        "</h3>\n<table>"
    )
    stream.write(
        head([text(k, lang) for k in ("status", "school", "township", "where", "value", "message")])
    )
    rows = finding_rows(result, shown if limit is None else shown.head(limit), lang)
    for f in rows.iter_rows(named=True):
        cells = [
            badge(f["status"], lang),
            esc(f["school_name"] or f["county"]),
            esc(f["township"]),
            esc(where(f["file"], f["row"], f["scope"], lang)),
            value_limit(f["value"], f["limit"]),
            esc(f["message"]),
        ]
        stream.write(row(cells))
    stream.write("</table>\n")
    if limit is not None and shown.height > limit:
        stream.write(f'<p class="more">{esc(text("more", lang, n=shown.height - limit))}</p>\n')


def _notes(stream: TextIO, report: Report, lang: str) -> None:
    lines = []
    for r in report.rules:
        if not r.missing:
            continue
        what = "、".join(describe_missing(m, lang) for m in r.missing)
        key = "skipped" if r.status is Status.SKIPPED else "partial"
        lines.append(f"{r.rule.id} · {r.rule.title.get(lang)}: {text(key, lang, what=what)}")
    lines += [describe_problem(problem, lang) for problem in report.warnings]
    for path, name in report.skipped_sheets:
        lines.append(text("skipped_sheet", lang, file=path, sheet=name))
    for path, columns in report.unknown_columns:
        lines.append(text("unknown_columns", lang, file=path, cols=header_list(columns)))
    if lines:
        items = "".join(f"<li>{esc(line)}</li>" for line in lines)
        stream.write(
            f'<section id="notes"><h2>{esc(text("notes", lang))}</h2><ul>{items}</ul></section>\n'
        )
