"""Inline SVG charts for the HTML report: class sizes by stage, township scores, deadlines.

Each function returns one small `<svg>` element (its size grows with the townships or rules
drawn, never with the findings). Text from data is escaped; coordinates are rounded to one
decimal, so the same report gives the same bytes. Colours come from the classes in `CSS`.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import polars as pl

from taikang_check.report.model import Status
from taikang_check.rulebook.limits import ClassCap
from taikang_check.text.labels import STATUS_TEXT
from taikang_check.text.numbers import score_text

WIDTH = 720
# A cap's line is drawn in the style of the stage its rule covers (across stages: large).
CAP_STYLE = {"primary": "cap-primary", "junior": "cap-junior", None: "cap-large"}
STAGE_TEXT = {
    "primary": ("小学（1–6年级）", "Primary (grades 1–6)"),
    "junior": ("初中（7–9年级）", "Junior (grades 7–9)"),
    "senior": ("高中（10–12年级）", "Senior (grades 10–12)"),
}
TEXT = {
    "classes": ("{n} 个班", "{n} classes"),
    "bar": ("{size} 人：{n} 个班", "{size} students: {n} classes"),
    "county": ("全县 {score}", "county {score}"),
    "no_cap": ("（无班额规则）", " (no class-size rule)"),
    "score_axis": ("合规得分（横轴自 {low} 起）", "compliance score (axis from {low})"),
    "score_axis_full": ("合规得分", "compliance score"),
    "as_of": ("核查日 {date}", "audit date {date}"),
    "sizes": ("各学段班额分布", "Class sizes by stage"),
    "townships": ("各乡镇合规得分", "Compliance score by township"),
    "timeline": ("方案时间节点", "Deadlines of the plan"),
}
STATE_TEXT = {
    "done": ("已完成", "done"),
    "pending": STATUS_TEXT[Status.PENDING],
    "late": ("逾期未完成", "late"),
    "open": ("未能核实", "not verified"),
}
CSS = """
svg.chart{max-width:100%;height:auto;display:block;margin:.5em 0}
svg.chart text{font-size:11px;fill:#333}
svg.chart .axis{stroke:#888;stroke-width:1}
svg.chart .grid{stroke:#e3e3e3;stroke-width:1}
svg.chart .title{font-weight:bold;font-size:12px}
svg.chart .axis-title{fill:#555}
svg.chart .ref-label,svg.chart .cap-label{font-weight:bold}
svg.chart .bar{fill:#5b83b7}
svg.chart .bar.over{fill:#c0392b}
svg.chart .cap-primary,svg.chart .cap-junior,svg.chart .cap-large{stroke-width:1.5;fill:none}
svg.chart .cap-primary{stroke:#e67e22;stroke-dasharray:4 3}
svg.chart .cap-junior{stroke:#8e44ad;stroke-dasharray:2 2}
svg.chart .cap-large{stroke:#c0392b}
svg.chart .tw{fill:#5b83b7}
svg.chart .tw.below{fill:#d9822b}
svg.chart .ref{stroke:#333;stroke-dasharray:3 3;stroke-width:1}
svg.chart .today{stroke:#c0392b;stroke-dasharray:5 3;stroke-width:1.5}
svg.chart .guide{stroke:#eee;stroke-width:1}
svg.mark{display:inline-block;margin:0 .25em -2px .6em}
svg.chart .done{fill:#2e7d32}
svg.chart .pending{fill:#fff;stroke:#d39e00;stroke-width:2}
svg.chart .late{fill:#c0392b}
svg.chart .open{fill:#9e9e9e}
"""


def label(key: str, lang: str, **fields: object) -> str:
    return TEXT[key][1 if lang == "en" else 0].format(**fields)


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text_width(text: str, size: float) -> float:
    """Estimated width in px: CJK and full-width characters are one em, others about 0.6."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


def fit(text: str, width: float, size: float = 11) -> str:
    """The text, cut with an ellipsis to fit the width."""
    if _text_width(text, size) <= width:
        return text
    while text and _text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def wrap(text: str, width: float, size: float = 11) -> list[str]:
    """The text in lines that each fit the width, broken between characters (Chinese has no
    spaces to break at; an English line breaks at its last space when it has one)."""
    lines: list[str] = []
    line = ""
    for char in text:
        if line and _text_width(line + char, size) > width:
            cut = line.rfind(" ") if char != " " else -1
            if cut > 0 and not any(unicodedata.east_asian_width(c) in "WF" for c in line):
                lines.append(line[:cut])
                line = line[cut + 1 :]
            else:
                lines.append(line)
                line = ""
        if line or char != " ":
            line += char
    return [*lines, line] if line or not lines else lines


def _svg(chart_id: str, height: float, label: str, body: Sequence[str]) -> str:
    return (
        f'<svg id="{chart_id}" class="chart" role="img" width="{WIDTH}" height="{_n(height)}" '
        f'viewBox="0 0 {WIDTH} {_n(height)}" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>" + "".join(body) + "</svg>"
    )


def _nice(top: int) -> int:
    """The smallest 1, 2 or 5 × 10ⁿ at or above top (at least 1)."""
    if top <= 1:
        return 1
    power = 10 ** math.floor(math.log10(top))
    return int(next(step * power for step in (1, 2, 5, 10) if step * power >= top))


# ── class sizes ───────────────────────────────────────────────────────────────


def cap_lines(caps: Sequence[ClassCap]) -> list[tuple[int, str]]:
    """(students, style) of each line: the largest class that a cap lets pass."""
    return sorted({(cap.largest, CAP_STYLE.get(cap.stage, "cap-large")) for cap in caps})


def stage_cap(caps: Sequence[ClassCap], stage: str) -> int | None:
    """The strictest cap that covers every grade of the stage."""
    return min((cap.largest for cap in caps if cap.covers(stage)), default=None)


def class_size_chart(sizes: pl.DataFrame, caps: Sequence[ClassCap], lang: str) -> str:
    """One panel per stage: classes per 5-student bucket, a labelled line at each cap that a
    loaded rule sets for some grade of the stage (none where no rule caps the stage); the
    bars above the stage's cap are red."""
    left, right, top, panel, gap = 48, 12, 8, 92, 40
    stages = [s for s in STAGE_TEXT if s in set(sizes.get_column("stage").to_list())]
    has_open = sizes.get_column("high").null_count() > 0
    highest = int(sizes.select(pl.col("high").max()).item() or 0)
    closed = 16 if has_open else max(12, highest // 5)
    buckets = closed + (1 if has_open else 0)
    step = (WIDTH - left - right) / buckets

    def x(students: int) -> float:
        return left + students / 5 * step

    height = top + len(stages) * (panel + gap)
    body: list[str] = []
    for index, stage in enumerate(stages):
        rows = sizes.filter(pl.col("stage") == stage)
        y0 = top + index * (panel + gap) + 30
        base = y0 + panel - 18
        most = _nice(int(rows.select(pl.col("classes").max()).item() or 0))
        total = int(rows.get_column("classes").sum())
        title = f"{STAGE_TEXT[stage][1 if lang == 'en' else 0]}  {label('classes', lang, n=total)}"
        lines = cap_lines([cap for cap in caps if cap.applies_to(stage)])
        if not lines:
            title += label("no_cap", lang)
        body.append(f'<g class="panel" data-stage="{stage}">')
        body.append(f'<text class="title" x="{left}" y="{_n(y0 - 18)}">{escape(title)}</text>')
        scale = (base - y0) / most
        for tick in (0, most // 2, most) if most > 1 else (0, most):
            y = base - tick * scale
            body.append(
                f'<line class="grid" x1="{left}" x2="{WIDTH - right}" y1="{_n(y)}" y2="{_n(y)}"/>'
            )
            body.append(f'<text x="{left - 4}" y="{_n(y + 4)}" text-anchor="end">{tick}</text>')
        cap = stage_cap(caps, stage)
        for low, high, count in rows.select("low", "high", "classes").iter_rows():
            start = closed * 5 if high is None else high - 5
            over = cap is not None and low > cap
            size = f"{low}–{high}" if high is not None else f"≥{low}"
            tip = label("bar", lang, size=size, n=count)
            body.append(
                f'<rect class="bar{" over" if over else ""}" x="{_n(x(start) + 1)}" '
                f'y="{_n(base - count * scale)}" width="{_n(step - 2)}" '
                f'height="{_n(count * scale)}"><title>{escape(tip)}</title></rect>'
            )
        for limit, css in lines:
            body.append(
                f'<line class="{css}" x1="{_n(x(limit))}" x2="{_n(x(limit))}" '
                f'y1="{_n(y0 - 4)}" y2="{_n(base)}"/>'
                f'<text class="cap-label" x="{_n(x(limit))}" y="{_n(y0 - 6)}" '
                f'text-anchor="middle">{limit}</text>'
            )
        body.append(
            f'<line class="axis" x1="{left}" x2="{WIDTH - right}" y1="{_n(base)}" y2="{_n(base)}"/>'
        )
        for students in range(0, closed * 5 + 1, 10):
            body.append(
                f'<text x="{_n(x(students))}" y="{_n(base + 13)}" '
                f'text-anchor="middle">{students}</text>'
            )
        if has_open:
            body.append(
                f'<text x="{_n(x(closed * 5) + step / 2)}" y="{_n(base + 13)}" '
                f'text-anchor="middle">&gt;{closed * 5}</text>'
            )
        body.append("</g>")
    return _svg("chart-class-sizes", height, label("sizes", lang), body)


# ── township scores ───────────────────────────────────────────────────────────


def score_axis(values: Sequence[float]) -> tuple[float, float, float]:
    """(low, high, step) of a score axis that spreads the scores drawn: ticks of 1, 2, 5,
    10 or 20 points, about five of them, from a little below the lowest to the highest
    (within 0–100), so 87 and 98 look as different as they are."""
    lowest, highest = min(values), max(values)
    span = max(highest - lowest, 1.0)
    step = float(next((s for s in (1, 2, 5, 10) if span / s <= 6), 20))
    low = max(0.0, math.floor((lowest - step / 2) / step) * step)
    high = min(100.0, math.ceil(highest / step) * step)
    if high - low < step:
        high = min(100.0, low + step)
        low = max(0.0, high - step)
    return low, high, step


def township_chart(scores: pl.DataFrame, overall: float | None, lang: str) -> str:
    """A bar per township (lowest first) on an axis fitted to the scores, a labelled dashed
    line at the county score; bars below it are orange. With several counties each label
    starts with its county."""
    many = scores.get_column("county").n_unique() > 1
    labels = [
        (f"{county} " if many and county else "") + (township or "—")
        for county, township in scores.select("county", "township").iter_rows()
    ]
    values = [float(v) for v in scores.get_column("score")]
    low, high, step = score_axis(values + ([overall] if overall is not None else []))
    label_width = min(260.0, max([_text_width(t, 11) for t in labels] + [40.0]) + 8)
    left, right, top, row = label_width, 48, 22, 18
    span = WIDTH - left - right

    def x(score: float) -> float:
        return left + (score - low) / (high - low) * span

    base = top + len(labels) * row
    height = base + 36
    body: list[str] = []
    ticks = [low + i * step for i in range(round((high - low) / step) + 1)]
    for tick in ticks:
        body.append(
            f'<line class="grid" x1="{_n(x(tick))}" x2="{_n(x(tick))}" y1="{top}" y2="{_n(base)}"/>'
        )
        body.append(
            f'<text x="{_n(x(tick))}" y="{_n(base + 14)}" text-anchor="middle">'
            f"{score_text(tick)}</text>"
        )
    axis = (
        label("score_axis", lang, low=score_text(low))
        if low > 0
        else label("score_axis_full", lang)
    )
    body.append(
        f'<text class="axis-title" x="{_n(left + span / 2)}" y="{_n(base + 30)}" '
        f'text-anchor="middle">{escape(axis)}</text>'
    )
    for index, (name, score) in enumerate(zip(labels, values, strict=True)):
        y = top + index * row
        below = overall is not None and score < overall
        shown = score_text(score)
        body.append(
            f'<text x="{_n(left - 6)}" y="{_n(y + 13)}" text-anchor="end">'
            f"{escape(fit(name, left - 8))}</text>"
            f'<rect class="tw{" below" if below else ""}" x="{_n(left)}" y="{_n(y + 3)}" '
            f'width="{_n(x(score) - left)}" height="{row - 6}">'
            f"<title>{escape(name)}: {shown}</title></rect>"
            f'<text x="{_n(x(score) + 4)}" y="{_n(y + 13)}">{shown}</text>'
        )
    body.append(f'<line class="axis" x1="{_n(left)}" x2="{_n(left)}" y1="{top}" y2="{_n(base)}"/>')
    if overall is not None:
        body.append(
            f'<line class="ref" x1="{_n(x(overall))}" x2="{_n(x(overall))}" '
            f'y1="{top - 4}" y2="{_n(base)}"/>'
        )
        body.append(
            f'<text class="ref-label" x="{_n(x(overall))}" y="{top - 8}" text-anchor="middle">'
            f"{escape(label('county', lang, score=score_text(overall)))}</text>"
        )
    return _svg("chart-townships", height, label("townships", lang), body)


# ── deadlines ─────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Milestone:
    due: dt.date
    state: str  # done, pending, late, open
    label: str  # drawn (cut to fit)
    tip: str  # shown on hover: the whole title, status and date


def _marker(state: str, cx: float, cy: float) -> str:
    if state == "late":  # a triangle, so print in grey still tells it apart
        points = f"{_n(cx)},{_n(cy - 6)} {_n(cx + 6)},{_n(cy + 5)} {_n(cx - 6)},{_n(cy + 5)}"
        return f'<polygon class="late" points="{points}"'
    if state == "open":
        points = f"{_n(cx)},{_n(cy - 6)} {_n(cx + 6)},{_n(cy)} {_n(cx)},{_n(cy + 6)} " + (
            f"{_n(cx - 6)},{_n(cy)}"
        )
        return f'<polygon class="open" points="{points}"'
    radius = 5 if state == "done" else 4.5
    return f'<circle class="{state}" cx="{_n(cx)}" cy="{_n(cy)}" r="{radius}"'


def timeline_chart(milestones: Sequence[Milestone], as_of: dt.date, lang: str) -> str:
    """A row per rule with a due date, its whole title (wrapped, never cut) and its marker on
    a time axis of whole years, and a line at the audit date. Markers: ● done, ○ pending,
    ▲ late, ◆ not verified."""
    left, right, top, line_height = 300, 16, 30, 13
    first = min([m.due for m in milestones] + [as_of]).year
    last = max([m.due for m in milestones] + [as_of]).year + 1
    start, end = dt.date(first, 1, 1), dt.date(last, 1, 1)
    span = WIDTH - left - right

    def x(day: dt.date) -> float:
        return left + (day - start).days / (end - start).days * span

    titles = [wrap(item.label, left - 10) for item in milestones]
    base = top + sum(len(lines) * line_height + 4 for lines in titles)
    body: list[str] = []
    for year in range(first, last + 1):
        at = x(dt.date(year, 1, 1))
        body.append(f'<line class="grid" x1="{_n(at)}" x2="{_n(at)}" y1="{top}" y2="{_n(base)}"/>')
        body.append(f'<text x="{_n(at)}" y="{_n(base + 14)}" text-anchor="middle">{year}</text>')
    y = float(top)
    for item, lines in zip(milestones, titles, strict=True):
        height = len(lines) * line_height + 4
        cy = y + height / 2
        text_top = cy - (len(lines) - 1) * line_height / 2 + 4
        spans = "".join(
            f'<tspan x="{left - 6}" y="{_n(text_top + i * line_height)}">{escape(part)}</tspan>'
            for i, part in enumerate(lines)
        )
        body.append(
            f'<g class="milestone" data-state="{item.state}">'
            f'<line class="guide" x1="{left}" x2="{_n(x(item.due))}" y1="{_n(cy)}" '
            f'y2="{_n(cy)}"/>'
            f'<text text-anchor="end">{spans}</text>'
            f"{_marker(item.state, x(item.due), cy)}><title>{escape(item.tip)}</title>"
            f"{'</polygon>' if item.state in ('late', 'open') else '</circle>'}</g>"
        )
        y += height
    today = x(as_of)
    body.append(
        f'<line class="today" x1="{_n(today)}" x2="{_n(today)}" y1="{top - 8}" y2="{_n(base)}"/>'
    )
    anchor = "end" if today > left + span * 0.8 else "start"
    body.append(
        f'<text x="{_n(today + (-4 if anchor == "end" else 4))}" y="{top - 12}" '
        f'text-anchor="{anchor}">{escape(label("as_of", lang, date=as_of.isoformat()))}'
        "</text>"
    )
    body.append(
        f'<line class="axis" x1="{left}" x2="{WIDTH - right}" y1="{_n(base)}" y2="{_n(base)}"/>'
    )
    return _svg("chart-timeline", base + 22, label("timeline", lang), body)


def legend(lang: str) -> str:
    """The timeline's markers as a line of HTML (small inline SVGs)."""
    parts = []
    for state, (zh, en) in STATE_TEXT.items():
        mark = _marker(state, 7, 7) + "/>"
        parts.append(
            f'<span class="key"><svg class="chart mark" width="14" height="14" viewBox="0 0 14 14" '
            f'aria-hidden="true">{mark}</svg>{escape(en if lang == "en" else zh)}</span>'
        )
    return " ".join(parts)
