"""The trend across school years: a terminal table (rule × year, with arrows) and JSON, as the
trend command writes them (the HTML page is render/html/trend.py)."""

from __future__ import annotations

import json
from typing import TextIO

from rich.text import Text

from taikang_check.render.sheet import Sheet, aligned
from taikang_check.render.terminal import make_console
from taikang_check.report.model import Status
from taikang_check.report.trend import Counts, Trend
from taikang_check.text.labels import WORDS, pick

LABELS = {
    "title": ("逐年变化", "Year by year"),
    "year": WORDS["year"],
    "as_of": WORDS["as_of"],
    "files": WORDS["input_files"],
    "score": ("合规得分", "Score"),
    "rules": (
        "各规则不合格 / 数据缺失的学校或班级数",
        "Schools or classes failing / lacking data, per rule",
    ),
    "rule": WORDS["rule"],
    "quiet": (
        "另有 {n} 条规则各学年均无不合格（含未到期的）或缺失（-v 列出全部）",
        "{n} more rules had no failure, due or not, and no missing data in any year "
        "(-v lists them)",
    ),
    "none": (
        "各学年均无不合格（含未到期的）或缺失。",
        "No failure, due or not, and no missing data in any year.",
    ),
    "legend": (
        "（n）未到期：到期后将有 n 个不合格；↑↓ 不合格数（含未到期的）比上一学年多/少；"
        "“—” 缺少数据未检查；“·” 不适用",
        "(n) not yet due: n would fail; ↑↓ more/fewer failing (due or not) than the year "
        "before; “—” skipped (data missing); “·” not applicable",
    ),
}


def _t(key: str, lang: str, **fields: object) -> str:
    return pick(LABELS[key], lang).format(**fields)


def arrow(before: float | None, now: float | None) -> str:
    if before is None or now is None or before == now:
        return ""
    return "↑" if now > before else "↓"


def cell(counts: Counts) -> str:
    """failed/unknown; failures not yet due in brackets: (3)/0 before the due date, never 0."""
    if counts.status is Status.SKIPPED:
        return "—"
    if counts.status is Status.NOT_APPLICABLE:
        return "·"
    failing = str(counts.failed)
    if counts.pending:
        failing = f"({counts.pending})" if not counts.failed else f"{failing}+({counts.pending})"
    return f"{failing}/{counts.unknown}"


def failed_count(counts: Counts) -> int | None:
    return None if counts.status in (Status.SKIPPED, Status.NOT_APPLICABLE) else counts.failed


def pending_count(counts: Counts) -> int | None:
    return None if counts.status in (Status.SKIPPED, Status.NOT_APPLICABLE) else counts.pending


def would_fail(counts: Counts) -> int | None:
    """Failures, due or not: what the arrows compare (a rule coming due is no change)."""
    failed = failed_count(counts)
    return None if failed is None else failed + counts.pending


def shown_rules(trend: Trend, verbose: bool) -> list[str]:
    return [r.id for r in trend.rules if verbose or trend.acting(r.id)]


def _with_arrow(text: str, mark: str, worse: bool) -> Text:
    item = Text(text)
    if mark:
        item.append(" " + mark, style="red" if worse else "green")
    return item


def render_terminal(trend: Trend, stream: TextIO, lang: str, verbose: bool) -> None:
    console = make_console(stream)
    sheet = Sheet(console.width)
    sheet.heading(_t("title", lang))
    years = trend.years
    scores: list[Text] = []
    for index, year in enumerate(years):
        score = "—" if year.score is None else f"{year.score:.1f}"
        before = years[index - 1].score if index else None
        mark = arrow(before, year.score)
        scores.append(_with_arrow(score, mark, mark == "↓"))
    head = [
        [Text(_t("year", lang), style="bold"), *(Text(y.label, style="bold") for y in years)],
        [Text(_t("as_of", lang)), *(Text(y.as_of.isoformat()) for y in years)],
        [Text(_t("files", lang)), *(Text(str(len(y.files))) for y in years)],
        [Text(_t("score", lang)), *scores],
    ]
    for line in aligned([[*row, Text("")] for row in head]):
        sheet.line(line)
    sheet.heading(_t("rules", lang))
    ids = shown_rules(trend, verbose)
    titles = {r.id: r.title.get(lang) for r in trend.rules}
    rows = [[Text(_t("rule", lang), style="bold"), *(Text(y.label) for y in years), Text("")]]
    for rule_id in ids:
        counts = trend.counts(rule_id)
        cells = []
        for index, item in enumerate(counts):
            before = would_fail(counts[index - 1]) if index else None
            mark = arrow(before, would_fail(item))
            cells.append(_with_arrow(cell(item), mark, mark == "↑"))
        rows.append([Text(rule_id), *cells, Text(titles[rule_id], style="dim")])
    if ids:
        for line in aligned(rows):
            sheet.line(line)
    else:
        sheet.line("  " + _t("none", lang))
    hidden = len(trend.rules) - len(ids)
    if hidden:
        sheet.line("  " + _t("quiet", lang, n=hidden), style="dim")
    sheet.line("  " + _t("legend", lang), style="dim")
    sheet.print(console)


def render_json(trend: Trend, stream: TextIO, lang: str) -> None:
    data = {
        "tool": "taikang-check",
        "version": trend.version,
        "years": [
            {
                "label": y.label,
                "folder": y.folder,
                "as_of": y.as_of.isoformat(),
                "score": None if y.score is None else round(y.score, 2),
                "inputs": list(y.files),
            }
            for y in trend.years
        ],
        "rules": [
            {
                "id": rule.id,
                "title": rule.title.get(lang),
                "severity": rule.severity.value,
                "years": [
                    {
                        "status": c.status.value,
                        "evaluated": c.evaluated,
                        "failed": c.failed,
                        "unknown": c.unknown,
                        "pending": c.pending,
                    }
                    for c in trend.counts(rule.id)
                ],
            }
            for rule in trend.rules
        ],
    }
    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
