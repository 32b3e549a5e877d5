"""The trend across school years: a terminal table (rule × year, with marks) and JSON, as the
trend command writes them (the HTML page is render/html/trend.py; the townships' coefficients
of variation, trend_gaps.py; what the marks mean, marks.py)."""

from __future__ import annotations

import json
from typing import TextIO

from rich.text import Text

from taikang_check.render.marks import change, marked
from taikang_check.render.rule_label import terminal_name
from taikang_check.render.sheet import Sheet, aligned, clean
from taikang_check.render.terminal import VERDICT_STYLE, make_console
from taikang_check.render.trend_gaps import township_gaps_json, township_gaps_terminal
from taikang_check.report.model import Status
from taikang_check.report.trend import Counts, Trend, Year
from taikang_check.text.labels import VERDICT_LABEL, VERDICT_TEXT, WORDS, pick
from taikang_check.text.numbers import coverage_text, score_text

LABELS = {
    "title": ("逐年变化", "Year by year"),
    "year": WORDS["year"],
    "as_of": WORDS["as_of"],
    "files": WORDS["input_files"],
    "verdict": VERDICT_LABEL,
    "score": ("合规得分", "Score"),
    "coverage": WORDS["assessed_applicable"],
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
        "↑ 比上一学年好转、↓ 变差：得分、覆盖升高为好转，不合格数（含未到期的）减少为好转，"
        "差异系数增大为变差；（n）未到期：到期后将有 n 个不合格（到期本身不算变化）；"
        "“—” 缺少数据未检查；“·” 不适用",
        "↑ better than the year before, ↓ worse: a higher score or coverage is better, "
        "fewer failing (due or not) is better, a larger coefficient of variation is worse; "
        "(n) not yet due: n would fail (coming due is no change); “—” skipped (data "
        "missing); “·” not applicable",
    ),
}


def _t(key: str, lang: str, **fields: object) -> str:
    return pick(LABELS[key], lang).format(**fields)


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
    """Failures, due or not: what the marks compare (a rule coming due is no change)."""
    failed = failed_count(counts)
    return None if failed is None else failed + counts.pending


def rule_changes(counts: list[Counts]) -> list[str]:
    """Per year, better or worse than the year before: fewer failing, due or not, is better."""
    return [
        change(would_fail(counts[i - 1]), would_fail(item), False) if i else ""
        for i, item in enumerate(counts)
    ]


def score_changes(years: tuple[Year, ...]) -> list[str]:
    return [
        change(years[i - 1].score, year.score, True) if i else "" for i, year in enumerate(years)
    ]


def coverage_changes(years: tuple[Year, ...]) -> list[str]:
    """A larger share of the applicable rules assessed is better."""
    return [
        change(years[i - 1].coverage, year.coverage, True) if i else ""
        for i, year in enumerate(years)
    ]


def shown_rules(trend: Trend, verbose: bool) -> list[str]:
    return [r.id for r in trend.rules if verbose or trend.acting(r.id)]


def render_terminal(trend: Trend, stream: TextIO, lang: str, verbose: bool) -> None:
    console = make_console(stream)
    sheet = Sheet(console.width)
    sheet.heading(_t("title", lang))
    years = trend.years
    scores = [score_text(y.score) for y in years]
    coverage = [coverage_text(y.assessed, y.applicable) for y in years]
    verdicts = [
        Text(pick(VERDICT_TEXT[y.verdict], lang), style=VERDICT_STYLE[y.verdict]) for y in years
    ]
    head = [
        [
            Text(_t("year", lang), style="bold"),
            *(Text(clean(y.label), style="bold") for y in years),
        ],
        [Text(_t("as_of", lang)), *(Text(y.as_of.isoformat()) for y in years)],
        [Text(_t("files", lang)), *(Text(str(len(y.files))) for y in years)],
        [Text(_t("verdict", lang)), *verdicts],
        [
            Text(_t("score", lang)),
            *(marked(s, c) for s, c in zip(scores, score_changes(years), strict=True)),
        ],
        [
            Text(_t("coverage", lang)),
            *(marked(s, c) for s, c in zip(coverage, coverage_changes(years), strict=True)),
        ],
    ]
    for line in aligned([[*row, Text("")] for row in head]):
        sheet.line(line)
    sheet.heading(_t("rules", lang))
    ids = shown_rules(trend, verbose)
    titles = {r.id: r.title.get(lang) for r in trend.rules}
    # The rule's name last: its title (then its id, dim) is the one cell of no fixed width.
    rows = [[*(Text(clean(y.label)) for y in years), Text(_t("rule", lang), style="bold")]]
    for rule_id in ids:
        counts = trend.counts(rule_id)
        cells = [marked(cell(c), how) for c, how in zip(counts, rule_changes(counts), strict=True)]
        rows.append([*cells, terminal_name(titles[rule_id], rule_id)])
    if ids:
        for line in aligned(rows):
            sheet.line(line)
    else:
        sheet.line("  " + _t("none", lang))
    hidden = len(trend.rules) - len(ids)
    if hidden:
        sheet.line("  " + _t("quiet", lang, n=hidden), style="dim")
    township_gaps_terminal(sheet, trend, lang, verbose)
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
                "verdict": y.verdict,
                "score": y.score,
                "assessed": y.assessed,
                "applicable": y.applicable,
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
        "township_gaps": township_gaps_json(trend),
    }
    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
