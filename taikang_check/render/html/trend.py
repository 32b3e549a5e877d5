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
from taikang_check.render.trend import (
    arrow,
    cell,
    failed_count,
    pending_count,
    shown_rules,
    would_fail,
)
from taikang_check.report.trend import Trend
from taikang_check.text.labels import WORDS, pick

TEXT = {
    "title": ("太康县义务教育优质均衡发展逐年变化", "Taikang compliance year by year"),
    "tool": WORDS["generated_by"],
    "years": ("各学年", "School years"),
    "year": WORDS["year"],
    "as_of": WORDS["as_of"],
    "files": WORDS["input_files"],
    "score": WORDS["score"],
    "rules": ("各规则不合格 / 数据缺失数", "Failing / lacking data, per rule"),
    "rule": WORDS["rule"],
    "rule_title": WORDS["requirement"],
    "charts": ("逐条趋势", "Rule by rule"),
    "failed": ("不合格", "failing"),
    "unknown": ("数据缺失", "lacking data"),
    "pending": ("未到期（到期将不合格）", "not yet due (would fail)"),
    "legend": (
        "格内为不合格 / 数据缺失的学校或班级数，（n）为未到期、到期后将不合格的数；"
        "↑↓ 不合格数（含未到期的）比上一学年多/少；“—” 缺少数据未检查；“·” 不适用。",
        "Cells count schools or classes failing / lacking data, (n) those that would fail but "
        "are not yet due; ↑↓ more/fewer failing (due or not) than the year before; “—” skipped "
        "(data missing); “·” not applicable.",
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
.up{color:#c0392b}.down{color:#2e7d32}
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


def _marked(text: str, mark: str, worse: bool) -> str:
    if not mark:
        return esc(text)
    return f'{esc(text)} <span class="{"up" if worse else "down"}">{mark}</span>'


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
    numeric = range(1, 4)
    stream.write(f'<section id="years"><h2>{esc(_t("years", lang))}</h2>\n<table>')
    stream.write(head([_t(k, lang) for k in ("year", "as_of", "files", "score")], numeric))
    for index, year in enumerate(years):
        score = "—" if year.score is None else f"{year.score:.1f}"
        mark = arrow(years[index - 1].score if index else None, year.score)
        cells = [esc(year.label), esc(year.as_of.isoformat()), str(len(year.files))]
        stream.write(row([*cells, _marked(score, mark, mark == "↓")], numeric))
    stream.write("</table>\n")
    scores = [y.score for y in years]
    if any(s is not None for s in scores):
        chart = line_chart(labels, [("score", scores)], 100, _t("score", lang))
        caption = f"<figcaption>{esc(_t('score', lang))}</figcaption>"
        stream.write(f'<figure id="chart-score">{caption}{chart}</figure>\n')
    stream.write("</section>\n")
    acting = set(shown_rules(trend, verbose=False))
    stream.write(f'<section id="rules"><h2>{esc(_t("rules", lang))}</h2>\n<table>')
    columns = range(2, 2 + len(years))
    stream.write(head([_t("rule", lang), _t("rule_title", lang), *labels], columns))
    for rule in trend.rules:
        counts = trend.counts(rule.id)
        cells = []
        for index, item in enumerate(counts):
            mark = arrow(would_fail(counts[index - 1]) if index else None, would_fail(item))
            cells.append(_marked(cell(item), mark, mark == "↑"))
        name = (
            f'<a href="#trend-{esc(rule.id)}">{esc(rule.id)}</a>'
            if rule.id in acting
            else esc(rule.id)
        )
        stream.write(row([name, esc(rule.title.get(lang)), *cells], columns))
    stream.write(f'</table>\n<p class="note">{esc(_t("legend", lang))}</p>\n</section>\n')
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
        chart = line_chart(labels, series, None, f"{rule.id} · {rule.title.get(lang)}")
        stream.write(
            f'<figure id="trend-{esc(rule.id)}"><figcaption>{esc(rule.id)} · '
            f"{esc(rule.title.get(lang))}</figcaption>{chart}</figure>\n"
        )
    stream.write(
        f'</div>\n</section>\n<footer class="meta"><p>taikang-check {esc(trend.version)}</p>'
        "</footer>\n</body>\n</html>\n"
    )
