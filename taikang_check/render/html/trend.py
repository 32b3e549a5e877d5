"""The trend as one self-contained HTML page: the years, a table of rules × years, and a small
inline SVG line chart per rule that failed or lacked data in some year (no script, no font,
no network). Text from data and rule files is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TextIO

from taikang_check.render.html import charts as html_charts
from taikang_check.render.html.charts import _n, _nice, fit
from taikang_check.render.html.page import CSS, esc, head, row
from taikang_check.render.marks import MARKS
from taikang_check.render.trend import (
    cell,
    coverage_changes,
    failed_count,
    pending_count,
    rule_changes,
    score_changes,
    shown_rules,
)
from taikang_check.render.trend_gaps import (
    gap_changes,
    gap_label,
    gap_texts,
    grown_names,
    many_counties,
    resource_label,
    township_label,
)
from taikang_check.report.trend import Trend
from taikang_check.text.labels import VERDICT_LABEL, VERDICT_TEXT, WORDS, pick
from taikang_check.text.national import stage_name
from taikang_check.text.numbers import coverage_text, number, score_text

TEXT = {
    "title": ("太康县义务教育优质均衡发展逐年变化", "Taikang compliance year by year"),
    "tool": WORDS["generated_by"],
    "years": ("各学年", "School years"),
    "year": WORDS["year"],
    "as_of": WORDS["as_of"],
    "files": WORDS["input_files"],
    "score": WORDS["score"],
    "verdict": VERDICT_LABEL,
    "coverage": WORDS["assessed_applicable"],
    "rules": ("各规则不合格 / 数据缺失数", "Failing / lacking data, per rule"),
    "rule": WORDS["rule"],
    "charts": ("逐条趋势", "Rule by rule"),
    "failed": ("不合格", "failing"),
    "unknown": ("数据缺失", "lacking data"),
    "pending": ("未到期（到期将不合格）", "not yet due (would fail)"),
    "legend": (
        "格内为不合格 / 数据缺失的学校或班级数，（n）为未到期、到期后将不合格的数"
        "（到期本身不算变化）；↑ 比上一学年好转、↓ 变差（绿色好转、红色变差）："
        "得分、覆盖升高为好转，不合格数（含未到期的）减少为好转，差异系数增大为变差；"
        "“—” 缺少数据未检查；“·” 不适用。",
        "Cells count schools or classes failing / lacking data, (n) those that would fail but "
        "are not yet due (coming due is no change); ↑ better than the year before, ↓ worse "
        "(green better, red worse): a higher score or coverage is better, fewer failing (due "
        "or not) is better, a larger coefficient of variation is worse; “—” skipped (data "
        "missing); “·” not applicable.",
    ),
    "grew_badge": ("差异增大", "gaps grew"),
    "gaps_over": (
        "加粗的系数超过限值（当年该规则的警告）；↓ 为比上一学年增大。",
        "Coefficients in bold exceed their limit (the rule's warning that year); ↓ marks one "
        "larger than the year before.",
    ),
}
TREND_CSS = """
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:4px 16px}
.charts figure{margin:.4em 0}.charts figcaption{font-size:12.5px}
svg.chart .failed{stroke:#c0392b;fill:none;stroke-width:2}
svg.chart .unknown{stroke:#8e44ad;fill:none;stroke-width:1.5;stroke-dasharray:4 3}
svg.chart .score{stroke:#2e7d32;fill:none;stroke-width:2}
svg.chart .pending{stroke:#d68910;fill:none;stroke-width:1.5;stroke-dasharray:2 2}
svg.chart circle.failed{fill:#c0392b}svg.chart circle.unknown{fill:#8e44ad}
svg.chart circle.pending{fill:#d68910}
svg.chart circle.score{fill:#2e7d32}
.worse{color:#c0392b;font-weight:bold}.better{color:#2e7d32;font-weight:bold}
.verdict-pass{color:#2e7d32}.verdict-fail{color:#c0392b}.verdict-undecided{color:#8e44ad}
.st-warning{background:#b7791f}tr.grew td:first-child{background:#fdf3e1}
p.grew{color:#8a5a00;font-weight:bold}strong.over{color:#8a5a00}
"""
CHART_WIDTH, CHART_HEIGHT = 330, 110


def _t(key: str, lang: str) -> str:
    return pick(TEXT[key], lang)


def line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    top: float | None,
    name: str,
) -> str:
    """Lines over the years (one per series: its css class and values; None breaks a line),
    on a scale from 0 to `top` (or a round number above the largest value)."""
    left, right, upper, lower = 34, 14, 10, 20
    base = CHART_HEIGHT - lower
    values = [v for _, vs in series for v in vs if v is not None]
    scale = top or _nice(int(max(values, default=0) + 0.999))
    span = CHART_WIDTH - left - right
    step = span / max(len(labels) - 1, 1)

    def x(index: int) -> float:
        return left + (index * step if len(labels) > 1 else span / 2)

    def y(value: float) -> float:
        return base - value / scale * (base - upper)

    body = []
    for tick in (0, scale):
        body.append(
            f'<line class="grid" x1="{left}" x2="{CHART_WIDTH - right}" y1="{_n(y(tick))}" '
            f'y2="{_n(y(tick))}"/><text x="{left - 4}" y="{_n(y(tick) + 4)}" '
            f'text-anchor="end">{_n(tick)}</text>'
        )
    for index, label in enumerate(labels):
        body.append(
            f'<text x="{_n(x(index))}" y="{base + 14}" text-anchor="middle">'
            f"{escape(fit(label, max(step, 40) - 4))}</text>"
        )
    for css, points in series:
        runs: list[list[str]] = [[]]
        for index, value in enumerate(points):
            if value is None:
                runs.append([])
                continue
            runs[-1].append(f"{_n(x(index))},{_n(y(value))}")
            body.append(
                f'<circle class="{css}" cx="{_n(x(index))}" cy="{_n(y(value))}" r="3">'
                f"<title>{escape(labels[index])}: {_n(value)}</title></circle>"
            )
        body += [f'<polyline class="{css}" points="{" ".join(r)}"/>' for r in runs if len(r) > 1]
    return (
        f'<svg class="chart" role="img" width="{CHART_WIDTH}" height="{CHART_HEIGHT}" '
        f'viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" aria-label="{escape(name)}">'
        f"<title>{escape(name)}</title>" + "".join(body) + "</svg>"
    )


def _marked(text: str, how: str) -> str:
    """A value and its mark against the year before (how: better, worse or "")."""
    if not how:
        return esc(text)
    return f'{esc(text)} <span class="{how}">{MARKS[how]}</span>'


def render_trend_html(trend: Trend, stream: TextIO, lang: str) -> None:
    lang = "en" if lang == "en" else "zh"
    years = trend.years
    labels = [y.label for y in years]
    stream.write(
        "<!DOCTYPE html>\n"
        f'<html lang="{"en" if lang == "en" else "zh-CN"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="taikang-check">\n'
        f"<title>{esc(_t('title', lang))} · {esc(' / '.join(labels))}</title>\n"
        f"<style>{CSS}{html_charts.CSS}{TREND_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{esc(_t('title', lang))}</h1>\n"
        f'<p class="meta">{esc(_t("tool", lang))}: taikang-check {esc(trend.version)}</p>'
        "</header>\n"
    )
    numeric = (2, 4, 5)
    stream.write(f'<section id="years"><h2>{esc(_t("years", lang))}</h2>\n<table>')
    keys = ("year", "as_of", "files", "verdict", "score", "coverage")
    stream.write(head([_t(k, lang) for k in keys], numeric))
    changes = zip(years, score_changes(years), coverage_changes(years), strict=True)
    for year, score_change, coverage_change in changes:
        verdict = pick(VERDICT_TEXT[year.verdict], lang)
        cells = [
            esc(year.label),
            esc(year.as_of.isoformat()),
            str(len(year.files)),
            f'<span class="verdict-{esc(year.verdict)}">{esc(verdict)}</span>',
            _marked(score_text(year.score), score_change),
            _marked(coverage_text(year.assessed, year.applicable), coverage_change),
        ]
        stream.write(row(cells, numeric))
    stream.write("</table>\n")
    scores = [y.score for y in years]
    if any(s is not None for s in scores):
        chart = line_chart(labels, [("score", scores)], 100, _t("score", lang))
        caption = f"<figcaption>{esc(_t('score', lang))}</figcaption>"
        stream.write(f'<figure id="chart-score">{caption}{chart}</figure>\n')
    stream.write("</section>\n")
    acting = set(shown_rules(trend, verbose=False))
    stream.write(f'<section id="rules"><h2>{esc(_t("rules", lang))}</h2>\n<table>')
    columns = range(1, 1 + len(years))
    stream.write(head([_t("rule", lang), *labels], columns))
    for rule in trend.rules:
        counts = trend.counts(rule.id)
        cells = [_marked(cell(c), how) for c, how in zip(counts, rule_changes(counts), strict=True)]
        title = esc(rule.title.get(lang))
        if rule.id in acting:
            title = f'<a href="#trend-{esc(rule.id)}">{title}</a>'
        stream.write(row([f'{title} <span class="rule-id">{esc(rule.id)}</span>', *cells], columns))
    stream.write(f'</table>\n<p class="note">{esc(_t("legend", lang))}</p>\n</section>\n')
    _township_gaps(trend, stream, lang)
    stream.write(f'<section id="charts"><h2>{esc(_t("charts", lang))}</h2>\n')
    key = (
        f'<p class="note"><span style="color:#c0392b">━ {esc(_t("failed", lang))}</span> '
        f'<span style="color:#8e44ad">┅ {esc(_t("unknown", lang))}</span> '
        f'<span style="color:#d68910">┈ {esc(_t("pending", lang))}</span></p>\n'
    )
    stream.write(key + '<div class="charts">\n')
    for rule in trend.rules:
        if rule.id not in acting:
            continue
        counts = trend.counts(rule.id)
        failed = [failed_count(c) for c in counts]
        unknown = [None if f is None else c.unknown for f, c in zip(failed, counts, strict=True)]
        series = [("failed", failed), ("unknown", unknown)]
        pending = [pending_count(c) for c in counts]
        if any(pending):  # a line of zeros only for rules that were not due some year
            series.append(("pending", pending))
        chart = line_chart(labels, series, None, f"{rule.title.get(lang)} · {rule.id}")
        stream.write(
            f'<figure id="trend-{esc(rule.id)}"><figcaption>{esc(rule.title.get(lang))} '
            f'<span class="rule-id">{esc(rule.id)}</span></figcaption>{chart}</figure>\n'
        )
    stream.write(
        f'</div>\n</section>\n<footer class="meta"><p>taikang-check {esc(trend.version)}</p>'
        "</footer>\n</body>\n</html>\n"
    )


def _over(html: str, status: str | None) -> str:
    """A coefficient over its limit stands out (the rule's finding that year)."""
    return f'<strong class="over">{html}</strong>' if status == "fail" else html


def _township_gaps(trend: Trend, stream: TextIO, lang: str) -> None:
    """Every township coefficient by year, the townships whose gaps grew flagged (四(四))."""
    townships = trend.township_gaps()
    if not townships:
        return
    years = trend.years
    stream.write(
        f'<section id="township-gaps"><h2>{esc(gap_label("gaps", lang))}</h2>\n'
        f'<p class="note">{esc(gap_label("gaps_intro", lang))}</p>\n'
    )
    if len(years) == 1:
        stream.write(f"<p>{esc(gap_label('gaps_one_year', lang))}</p>\n")
    separator = ", " if lang == "en" else "、"
    for index in range(1, len(years)):
        names = grown_names(townships, index)
        label = years[index].label
        if names:
            text = gap_label(
                "gaps_grew", lang, year=label, n=len(names), names=separator.join(names)
            )
            stream.write(f'<p class="grew">{esc(text)}</p>\n')
        else:
            stream.write(f"<p>{esc(gap_label('gaps_same', lang, year=label))}</p>\n")
    columns = range(3, 4 + len(years))
    labels = [gap_label(k, lang) for k in ("township", "stage", "indicator")]
    stream.write(
        "<table>" + head([*labels, *(y.label for y in years), gap_label("limit", lang)], columns)
    )
    many = many_counties(townships)
    badge = f' <span class="st st-warning">{esc(_t("grew_badge", lang))}</span>'
    for gaps in townships:
        grown = any(gaps.grew)
        name = esc(township_label(gaps, many))
        for index, series in enumerate(gaps.series):
            cells = [
                _over(_marked(text, how), status)
                for text, how, status in zip(
                    gap_texts(series), gap_changes(series), series.statuses, strict=True
                )
            ]
            line = row(
                [
                    name + (badge if grown and index == 0 else ""),
                    esc(stage_name(series.stage, lang)),
                    esc(resource_label(series.indicator, lang)),
                    *cells,
                    esc(f"≤ {number(series.limit)}"),
                ],
                columns,
            )
            stream.write(line.replace("<tr>", '<tr class="grew">', 1) if grown else line)
    stream.write(f'</table>\n<p class="note">{esc(_t("gaps_over", lang))}</p>\n</section>\n')
