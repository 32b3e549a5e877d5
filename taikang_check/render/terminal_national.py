"""The national-standard section of the terminal report: county verdicts and ranking, the
variation coefficients, and the schools whose resources fall short."""

from __future__ import annotations

import polars as pl

from taikang_check.contract.tables import SCHOOLS
from taikang_check.render.sheet import Sheet
from taikang_check.report.model import NationalSummary, Status
from taikang_check.text.labels import STATUS_TEXT, WORDS, pick
from taikang_check.text.national import (
    RESOURCE_SHORT,
    STAGE_NAMES,
    STATE_MARK,
    counties_heading,
    cv_limits_text,
    percent_text,
)
from taikang_check.text.numbers import compared_number

LABELS = {
    "title": WORDS["national_title"],
    "county_row": (
        "{rank}. {county}  {verdict}  学段达标 {ok}/{all}  问题 {failing} 项",
        "{rank}. {county}  {verdict}  stages meeting the standard {ok}/{all}  {failing} failing",
    ),
    "variation": (
        "差异系数（{limits}）",
        "Variation coefficients ({limits})",
    ),
    "schools": (
        "资源配置未达标的学校（✓达标 ~达{reach}以上 ✗不足{reach} ?数据缺失）",
        "Schools short of the standard (✓ met, ~ at {reach} or more, ✗ below {reach}, ? blank)",
    ),
    "more": ("……另有 {n} 个学段", "… {n} more"),
}
ROWS = 20


def _text(key: str, lang: str) -> str:
    return pick(LABELS[key], lang)


def render_national(sheet: Sheet, summary: NationalSummary, lang: str) -> None:
    sheet.heading(_text("title", lang))
    stage_names = {stage: pick(names, lang) for stage, names in STAGE_NAMES.items()}
    sheet.line(
        counties_heading(len(summary.indicators), summary.at_least, summary.others_reach, lang),
        style="bold",
    )
    for row in summary.counties.head(ROWS).iter_rows(named=True):
        verdict = pick(STATUS_TEXT[Status(row["verdict"])], lang)
        sheet.line(
            "  "
            + _text("county_row", lang).format(
                rank=row["rank"],
                county=row["county"] or "—",
                verdict=verdict,
                ok=row["stages_passing"],
                all=row["stages"],
                failing=row["failing"],
            )
        )
    variation = summary.variation
    if variation.height:
        many = variation.get_column("county").n_unique() > 1
        if many:  # many counties: only what needs action
            variation = variation.filter(pl.col("status").is_in(["fail", "unknown"]))
        limits = cv_limits_text(summary.cv_limits, lang)
        sheet.line(_text("variation", lang).format(limits=limits), style="bold")
        rows = [
            [
                row["county"] or "",
                stage_names.get(row["stage"], row["stage"]),
                _label(row["indicator"], lang),
                compared_number(row["cv"], row["limit"]),
                f"≤ {compared_number(row['limit'], None)}",
                pick(STATUS_TEXT[Status(row["status"])], lang),
                row["top"] or "",
            ]
            for row in variation.head(ROWS * 2).iter_rows(named=True)
        ]
        sheet.rows(rows)
    _schools(sheet, summary, lang, stage_names)


def _label(column: str, lang: str, short: bool = False) -> str:
    if short and column in RESOURCE_SHORT:
        return pick(RESOURCE_SHORT[column], lang)
    return SCHOOLS.column(column).zh if lang == "zh" else column


def _schools(
    sheet: Sheet, summary: NationalSummary, lang: str, stage_names: dict[str, str]
) -> None:
    short = summary.matrix.filter(pl.col("verdict") != "pass")
    if short.height == 0:
        return
    reach = percent_text(summary.others_reach)
    sheet.line(_text("schools", lang).format(reach=reach), style="bold")
    header = ["", "", *(_label(name, lang, short=True) for name in summary.indicators)]
    rows = [header]
    for row in short.head(ROWS).iter_rows(named=True):
        cells = [row.get("school_name") or row["school_id"], stage_names.get(row["stage"], "")]
        for name in summary.indicators:
            value = row[f"{name}_value"]
            shown = "—" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")
            cells.append(f"{STATE_MARK[row[f'{name}_state']]}{shown}")
        rows.append(cells)
    sheet.rows(rows)
    if short.height > ROWS:
        sheet.line("  " + _text("more", lang).format(n=short.height - ROWS), style="dim")
