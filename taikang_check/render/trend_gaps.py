"""四(四) in the trend: each township's coefficients of variation year by year, each one
larger than the year before marked worse, and the townships with such a coefficient flagged
at the rule's warning level (the plan summons their heads), in the terminal and JSON."""

from __future__ import annotations

from rich.text import Text

from taikang_check.render.marks import change, marked
from taikang_check.render.sheet import Sheet, aligned, clean
from taikang_check.report.model import Status
from taikang_check.report.trend import GapSeries, TownshipGaps, Trend
from taikang_check.text.labels import WORDS, pick
from taikang_check.text.national import RESOURCE_SHORT, stage_name
from taikang_check.text.numbers import number, series_numbers

GAP_STYLE = "yellow"  # a township whose gaps grew: flagged at the rule's warning level
LABELS = {
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
        "{year}: townships with a coefficient larger than the year before (warning), {n}: {names}",
    ),
    "gaps_same": (
        "{year}：没有乡镇的差异系数比上一学年增大",
        "{year}: no township has a coefficient larger than the year before",
    ),
    "gaps_one_year": (
        "只有一个学年，无从比较差异是否增大。",
        "One school year only: nothing to compare with.",
    ),
    "township": WORDS["township"],
    "stage": WORDS["stage"],
    "indicator": ("指标", "Resource"),
    "limit": WORDS["limit"],
    "gaps_quiet": (
        "另有 {n} 项差异系数各学年均未增大、未超限（-v 列出全部）",
        "{n} more coefficients neither grew nor exceeded their limit in any year (-v lists them)",
    ),
}


def gap_label(key: str, lang: str, **fields: object) -> str:
    return pick(LABELS[key], lang).format(**fields)


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


def township_gaps_terminal(sheet: Sheet, trend: Trend, lang: str, verbose: bool) -> None:
    townships = trend.township_gaps()
    if not townships:
        return
    years = trend.years
    sheet.heading(gap_label("gaps", lang))
    sheet.line("  " + gap_label("gaps_intro", lang), style="dim")
    if len(years) == 1:
        sheet.line("  " + gap_label("gaps_one_year", lang))
    separator = ", " if lang == "en" else "、"
    for index in range(1, len(years)):
        names = grown_names(townships, index)
        label = years[index].label
        if names:
            text = gap_label(
                "gaps_grew", lang, year=label, n=len(names), names=separator.join(names)
            )
            sheet.line("  " + text, style=GAP_STYLE)
        else:
            sheet.line("  " + gap_label("gaps_same", lang, year=label))
    many = many_counties(townships)
    labels = [gap_label(key, lang) for key in ("township", "stage", "indicator")]
    labels += [clean(y.label) for y in years] + [gap_label("limit", lang)]
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
                        marked(t, how, bold=status == Status.FAIL.value)
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
        sheet.line("  " + gap_label("gaps_quiet", lang, n=hidden), style="dim")


def township_gaps_json(trend: Trend) -> list[dict[str, object]]:
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
