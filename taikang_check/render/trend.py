"""The trend across school years: a terminal table (rule × year, with marks) and JSON, as the
trend command writes them (the HTML page is render/html/trend.py).

One meaning for the marks on every row: ↑ better than the year before, ↓ worse (green and
red where there is colour). A higher score or coverage is better; fewer failing schools or
classes (due or not) is better; a larger coefficient of variation of a township is worse.
"""

from __future__ import annotations

import json
from typing import TextIO

from rich.text import Text

from taikang_check.render.sheet import Sheet, aligned, clean
from taikang_check.render.terminal import VERDICT_STYLE, make_console
from taikang_check.report.model import Status
from taikang_check.report.trend import Counts, GapSeries, TownshipGaps, Trend, Year
from taikang_check.text.messages import RESOURCE_SHORT, VERDICT_TEXT, pick
from taikang_check.text.national import stage_name
from taikang_check.text.numbers import coverage_text, number, score_text, series_numbers

BETTER, WORSE = "better", "worse"
MARKS = {BETTER: "↑", WORSE: "↓"}
STYLES = {BETTER: "green", WORSE: "red"}
GAP_STYLE = "yellow"  # a township whose gaps grew: flagged at the rule's warning level

LABELS = {
    "title": ("逐年变化", "Year by year"),
    "year": ("学年", "Year"),
    "as_of": ("核查日期", "As of"),
    "files": ("输入文件", "Input files"),
    "verdict": ("结论", "Verdict"),
    "score": ("合规得分", "Score"),
    "coverage": ("已核查/适用规则", "Rules assessed/applicable"),
    "rules": (
        "各规则不合格 / 数据缺失的学校或班级数",
        "Schools or classes failing / lacking data, per rule",
    ),
    "rule": ("规则", "Rule"),
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
    "gaps": (
        "四(四) 乡镇校际差异系数逐年比较",
        "四(四) Inter-school variation per township, year by year",
    ),
    "gaps_intro": (
        "方案要求对校际差异增大的乡镇负责人进行约谈；差异系数比上一学年增大的乡镇标为警告。",
        "The plan summons the heads of townships whose gaps between schools grow; a "
        "township with a coefficient larger than the year before is flagged as a warning.",
    ),
    "gaps_grew": (
        "{year}：差异系数比上一学年增大的乡镇 {n} 个（警告）：{names}",
        "{year}: townships with a coefficient larger than the year before (warning), {n}: "
        "{names}",
    ),
    "gaps_same": (
        "{year}：没有乡镇的差异系数比上一学年增大",
        "{year}: no township has a coefficient larger than the year before",
    ),
    "gaps_one_year": (
        "只有一个学年，无从比较差异是否增大。",
        "One school year only: nothing to compare with.",
    ),
    "township": ("乡镇", "Township"),
    "stage": ("学段", "Stage"),
    "indicator": ("指标", "Resource"),
    "limit": ("限值", "Limit"),
    "gaps_quiet": (
        "另有 {n} 项差异系数各学年均未增大、未超限（-v 列出全部）",
        "{n} more coefficients neither grew nor exceeded their limit in any year (-v lists them)",
    ),
}


def _t(key: str, lang: str, **fields: object) -> str:
    return pick(LABELS[key], lang).format(**fields)


def change(before: float | None, now: float | None, higher_is_better: bool) -> str:
    """BETTER, WORSE, or "" (no change, or nothing to compare)."""
    if before is None or now is None or before == now:
        return ""
    return BETTER if (now > before) == higher_is_better else WORSE


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


def gap_changes(series: GapSeries) -> list[str]:
    """A coefficient that grew is worse, one that shrank better."""
    return [change(series.cvs[i - 1], cv, False) if i else "" for i, cv in enumerate(series.cvs)]


def gap_texts(series: GapSeries) -> list[str]:
    return series_numbers(series.cvs)


def resource_label(indicator: str, lang: str) -> str:
    names = RESOURCE_SHORT.get(indicator)
    return indicator if names is None else pick(names, lang)


def township_label(gaps: TownshipGaps, many_counties: bool) -> str:
    name = gaps.township or "—"
    return f"{gaps.county} {name}" if many_counties and gaps.county else name


def many_counties(townships: list[TownshipGaps]) -> bool:
    return len({t.county for t in townships}) > 1


def grown_names(townships: list[TownshipGaps], index: int) -> list[str]:
    """The townships whose coefficients grew in year `index`."""
    many = many_counties(townships)
    return [township_label(t, many) for t in townships if t.grew[index]]


def shown_rules(trend: Trend, verbose: bool) -> list[str]:
    return [r.id for r in trend.rules if verbose or trend.acting(r.id)]


def _marked(text: str, how: str, bold: bool = False) -> Text:
    item = Text(clean(text), style="bold" if bold else "")
    if how:
        item.append(" " + MARKS[how], style=STYLES[how])
    return item


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
            *(_marked(s, c) for s, c in zip(scores, score_changes(years), strict=True)),
        ],
        [
            Text(_t("coverage", lang)),
            *(_marked(s, c) for s, c in zip(coverage, coverage_changes(years), strict=True)),
        ],
    ]
    for line in aligned([[*row, Text("")] for row in head]):
        sheet.line(line)
    sheet.heading(_t("rules", lang))
    ids = shown_rules(trend, verbose)
    titles = {r.id: r.title.get(lang) for r in trend.rules}
    rows = [
        [Text(_t("rule", lang), style="bold"), *(Text(clean(y.label)) for y in years), Text("")]
    ]
    for rule_id in ids:
        counts = trend.counts(rule_id)
        cells = [_marked(cell(c), how) for c, how in zip(counts, rule_changes(counts), strict=True)]
        rows.append([Text(rule_id), *cells, Text(titles[rule_id], style="dim")])
    if ids:
        for line in aligned(rows):
            sheet.line(line)
    else:
        sheet.line("  " + _t("none", lang))
    hidden = len(trend.rules) - len(ids)
    if hidden:
        sheet.line("  " + _t("quiet", lang, n=hidden), style="dim")
    _township_gaps(sheet, trend, lang, verbose)
    sheet.line("  " + _t("legend", lang), style="dim")
    sheet.print(console)


def _township_gaps(sheet: Sheet, trend: Trend, lang: str, verbose: bool) -> None:
    townships = trend.township_gaps()
    if not townships:
        return
    years = trend.years
    sheet.heading(_t("gaps", lang))
    sheet.line("  " + _t("gaps_intro", lang), style="dim")
    if len(years) == 1:
        sheet.line("  " + _t("gaps_one_year", lang))
    separator = ", " if lang == "en" else "、"
    for index in range(1, len(years)):
        names = grown_names(townships, index)
        label = years[index].label
        if names:
            text = _t("gaps_grew", lang, year=label, n=len(names), names=separator.join(names))
            sheet.line("  " + text, style=GAP_STYLE)
        else:
            sheet.line("  " + _t("gaps_same", lang, year=label))
    many = many_counties(townships)
    labels = [_t(key, lang) for key in ("township", "stage", "indicator")]
    labels += [clean(y.label) for y in years] + [_t("limit", lang)]
    rows = [[Text(label, style="bold") for label in labels]]
    hidden = 0
    for gaps in townships:
        grown = any(gaps.grew)
        for series in gaps.series:
            if not (verbose or any(series.grew) or Status.FAIL.value in series.statuses):
                hidden += 1
                continue
            texts = gap_texts(series)
            rows.append(
                [
                    Text(clean(township_label(gaps, many)), style=GAP_STYLE if grown else ""),
                    Text(stage_name(series.stage, lang)),
                    Text(resource_label(series.indicator, lang)),
                    *(
                        _marked(t, how, bold=status == Status.FAIL.value)
                        for t, how, status in zip(
                            texts, gap_changes(series), series.statuses, strict=True
                        )
                    ),
                    Text(f"≤ {number(series.limit)}", style="dim"),
                ]
            )
    if len(rows) > 1:
        for line in aligned(rows):
            sheet.line(line)
    if hidden:
        sheet.line("  " + _t("gaps_quiet", lang, n=hidden), style="dim")


def _gaps_json(trend: Trend) -> list[dict[str, object]]:
    return [
        {
            "rule": gaps.rule,
            "severity": gaps.severity,
            "county": gaps.county,
            "township": gaps.township,
            "grew": list(gaps.grew),
            "coefficients": [
                {
                    "stage": s.stage,
                    "indicator": s.indicator,
                    "limit": s.limit,
                    "years": [
                        {"cv": cv, "status": status, "grew": grew}
                        for cv, status, grew in zip(s.cvs, s.statuses, s.grew, strict=True)
                    ],
                }
                for s in gaps.series
            ],
        }
        for gaps in trend.township_gaps()
    ]


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
        "township_gaps": _gaps_json(trend),
    }
    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
