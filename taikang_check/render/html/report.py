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
    CSS,
    LABELS,
    LISTED,
    MAX_FINDINGS,
    PRINT_FINDINGS,
    badge,
    esc,
    finding_rows,
    head,
    row,
    text,
    value_limit,
    where,
)
from taikang_check.render.html.remedy import render_remedy_totals
from taikang_check.render.html.schools import render_schools
from taikang_check.report.model import Report, RuleResult, Status
from taikang_check.report.order import action_groups
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
from taikang_check.text.numbers import coverage_text, score_text
from taikang_check.text.problem_texts import describe_problem, header_list
from taikang_check.text.titles import report_title


def render_html(report: Report, stream: TextIO, options: RenderOptions | None = None) -> None:
    options = options or RenderOptions()
    lang = "en" if options.lang == "en" else "zh"
    limit = None if options.verbose else MAX_FINDINGS
    # Veto items first, then other failing errors, warnings, the deadlines ahead, unknowns;
    # each group in the plan's order.
    groups = action_groups(report.rules)
    listed = {r.rule.id for _, members in groups for r in members}
    rest = [r for r in report.rules if (r.failed or r.unknown) and r.rule.id not in listed]
    if rest:
        groups.append(("other", rest))
    _start(stream, report, lang)
    _summary(stream, report, lang)
    _notes(stream, report, lang)  # what the figures rest on: data warnings, rules not run
    _charts(stream, report, lang)
    stream.write(f'<section id="findings" class="page"><h2>{esc(text("findings", lang))}</h2>\n')
    if not groups:
        stream.write(f"<p>{esc(text('none', lang))}</p>\n")
    else:
        note = text("print_limit", lang, n=PRINT_FINDINGS)
        stream.write(f'<p class="note print-only">{esc(note)}</p>\n')
    for group, members in groups:
        stream.write(
            f'<h3 class="group">{esc(text(f"group_{group}", lang, n=len(members)))}</h3>\n'
        )
        for result in members:
            _rule_findings(stream, result, report, lang, limit)
    stream.write("</section>\n")
    _rules(stream, report, lang)
    if report.national is not None:
        render_national(stream, report.national, lang)
    render_schools(stream, report, lang, pages=options.school_pages)
    stream.write(
        f'<footer class="meta"><p>taikang-check {esc(report.version)} · '
        f"{esc(report.as_of.isoformat())}</p></footer>\n</body>\n</html>\n"
    )


def _start(stream: TextIO, report: Report, lang: str) -> None:
    title = report_title(report, lang)  # the counties of the data, as every report names them
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
            table = text(f"table_{item.table}", lang)
            stream.write(row([esc(path), esc(table), str(item.rows)], [2]))
        stream.write("</table>\n")
    sections = ["summary", "charts", "findings", "rules"]
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
        keys = ("county", "verdict", "score", "coverage")
        stream.write(f"<table>{head([text(k, lang) for k in keys], [2, 3])}")
        for county in report.county_scores.iter_rows(named=True):
            cells = [
                esc(county["county"]),
                esc(pick(VERDICT_TEXT[county["verdict"]], lang)),
                score_text(county["score"]),
                coverage_text(county["assessed"], county["applicable"]),
            ]
            stream.write(row(cells, [2, 3]))
        stream.write("</table>\n")
    render_remedy_totals(stream, report, lang)
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
    dated = sorted(
        ((r, r.rule.due) for r in report.rules if r.rule.due is not None),
        key=lambda item: (item[1], item[0].rule.id),
    )
    milestones = [
        html_charts.Milestone(
            due=due,
            state=milestone(r),
            label=r.rule.title.get(lang),
            tip=f"{r.rule.title.get(lang)} · {r.rule.id} · {due.isoformat()} · "
            + pick(STATUS_TEXT[r.status], lang),
        )
        for r, due in dated
    ]
    if milestones:
        chart = html_charts.timeline_chart(milestones, report.as_of, lang)
        note = f"{html_charts.legend(lang)}<br>{esc(text('timeline_note', lang))}"
        _figure(stream, "timeline", chart, note, lang)
    stream.write("</section>\n")


def _rules(stream: TextIO, report: Report, lang: str) -> None:
    keys = ("status", "rule_title", "section", "severity", "due")
    counts = ("evaluated", "passed", "failed", "pending", "unknown")
    numeric = range(len(keys), len(keys) + len(counts))
    stream.write(f'<section id="rules" class="page"><h2>{esc(text("rules", lang))}</h2>\n<table>')
    stream.write(head([text(k, lang) for k in keys + counts], numeric))
    for r in report.rules:
        rule = r.rule
        title = esc(rule.title.get(lang))
        if r.failed or r.unknown or r.pending:
            title = f'<a href="#rule-{esc(rule.id)}">{title}</a>'
        document = esc(rule.source.document)
        cells = [
            badge(r.status, lang),
            f'{title} <span class="rule-id">{esc(rule.id)}</span>',
            f'<span class="nw" title="{document}">{esc(rule.source.section)}</span>',
            esc(pick(SEVERITY_TEXT[rule.severity.value], lang)),
            f'<span class="nw">{esc(rule.due.isoformat() if rule.due else None)}</span>',
            *(str(getattr(r, k)) for k in counts),
        ]
        stream.write(row(cells, numeric))
    stream.write("</table>\n</section>\n")


def _rule_findings(
    stream: TextIO, result: RuleResult, report: Report, lang: str, limit: int | None
) -> None:
    shown = result.findings.filter(pl.col("status").is_in(LISTED))
    rule = result.rule
    counts = (", " if lang == "en" else "，").join(
        f"{pick(STATUS_TEXT[s], lang)} {n}"
        for n, s in (
            (result.failed, Status.FAIL),
            (result.pending, Status.PENDING),
            (result.unknown, Status.UNKNOWN),
        )
        if n
    )
    days = result.days_left(report.as_of)
    if result.pending and rule.due is not None and days is not None and days > 0:
        counts += (", " if lang == "en" else "，") + text("due_in", lang, due=rule.due, n=days)
    stream.write(
        f'<h3 id="rule-{esc(rule.id)}">{esc(rule.title.get(lang))} '
        f'<span class="rule-id">{esc(rule.id)}</span> '
        f'<span class="meta">{esc(f"({counts})" if lang == "en" else f"（{counts}）")}</span>'
        "</h3>\n<table>"
    )
    rows = finding_rows(result, shown if limit is None else shown.head(limit), lang)
    remedies = rows.get_column("remedy").null_count() < rows.height
    keys = ["status", "school", "township", "where", "value", "message"]
    stream.write(head([text(k, lang) for k in keys + ["remedy"] * remedies]))
    for index, f in enumerate(rows.iter_rows(named=True)):
        cells = [
            badge(f["status"], lang),
            esc(f["school_name"] or f["county"]),
            esc(f["township"]),
            esc(where(f["file"], f["row"], f["scope"], lang)),
            value_limit(f),
            esc(f["message"]),
            *([esc(f["remedy"] or "")] if remedies else []),
        ]
        stream.write(row(cells, extra=index >= PRINT_FINDINGS))
    stream.write("</table>\n")
    if limit is not None and shown.height > limit:
        stream.write(f'<p class="more">{esc(text("more", lang, n=shown.height - limit))}</p>\n')
    if shown.height > PRINT_FINDINGS:
        more = text("more_print", lang, n=shown.height - PRINT_FINDINGS)
        stream.write(f'<p class="more print-only">{esc(more)}</p>\n')


def _missing(item: str, lang: str) -> str:
    """A missing table by its Chinese name (in zh), a missing column as the text layer says."""
    kind, _, name = item.partition(":")
    if kind == "table" and f"table_{name}" in LABELS:
        return text(f"table_{name}", lang) if lang != "en" else f"the {name} table"
    return describe_missing(item, lang)


def _notes(stream: TextIO, report: Report, lang: str) -> None:
    """Data warnings first, then the rules that more data would let run, grouped by what to
    add, then the rules checked in part only and the inputs left out."""
    joiner = ", " if lang == "en" else "、"
    lines = [describe_problem(problem, lang) for problem in report.warnings]
    skipped: dict[tuple[str, ...], list[RuleResult]] = {}
    for r in report.rules:
        if r.missing and r.status is Status.SKIPPED:
            skipped.setdefault(tuple(r.missing), []).append(r)
    for missing, results in sorted(skipped.items(), key=lambda item: -len(item[1])):
        what = joiner.join(_missing(m, lang) for m in missing)
        titles = joiner.join(r.rule.title.get(lang) for r in results)
        lines.append(text("skipped_group", lang, what=what, n=len(results), titles=titles))
    for r in report.rules:
        if r.missing and r.status is not Status.SKIPPED:
            what = joiner.join(_missing(m, lang) for m in r.missing)
            title = r.rule.title.get(lang)
            lines.append(
                f"{title} ({r.rule.id}): {text('partial', lang, what=what)}"
                if lang == "en"
                else f"{title}（{r.rule.id}）：{text('partial', lang, what=what)}"
            )
    for path, name in report.skipped_sheets:
        lines.append(text("skipped_sheet", lang, file=path, sheet=name))
    for path, columns in report.unknown_columns:
        lines.append(text("unknown_columns", lang, file=path, cols=header_list(columns)))
    if lines:
        items = "".join(f"<li>{esc(line)}</li>" for line in lines)
        stream.write(
            f'<section id="notes"><h2>{esc(text("notes", lang))}</h2><ul>{items}</ul></section>\n'
        )
