"""The HTML report's national-standard section (教督〔2017〕6号): county verdicts and ranking,
the variation coefficients against their limits, and the 7-indicator matrix of the school
stages that do not pass."""

from __future__ import annotations

from typing import TextIO

import polars as pl

from taikang_check.contract.tables import SCHOOLS
from taikang_check.render.html.page import badge, esc, head, row
from taikang_check.report.model import NationalSummary
from taikang_check.text.labels import VERDICT_LABEL, WORDS, pick
from taikang_check.text.national import (
    RESOURCE_SHORT,
    STATE_MARK,
    counties_heading,
    cv_limits_text,
    percent_text,
    stage_name,
)
from taikang_check.text.numbers import compared_number

LABELS = {
    "title": WORDS["national_title"],
    "rank": ("排名", "Rank"),
    "county": WORDS["county"],
    "verdict": VERDICT_LABEL,
    "stages_ok": ("学段达标", "Stages meeting the standard"),
    "failing": ("不合格问题", "Failing"),
    "unknown": ("数据缺失", "Unknown"),
    "variation": (
        "校际差异系数（{limits}）",
        "Variation coefficients ({limits})",
    ),
    "stage": WORDS["stage"],
    "indicator": ("指标", "Indicator"),
    "cv": WORDS["cv"],
    "limit": WORDS["limit"],
    "schools": ("学校数", "Schools"),
    "status": WORDS["status"],
    "top": ("影响最大的学校", "Schools contributing most"),
    "matrix": ("资源配置未达标的学校学段", "School stages short of the standard"),
    "matrix_note": (
        "✓ 达标　~ 未达标但达到{reach}以上　✗ 不足{reach}　? 数据缺失；"
        "数值为每百名学生（教师、教室）或生均（面积、设备值）。",
        "✓ met, ~ short but at {reach} or more, ✗ below {reach}, ? blank; values per 100 students "
        "(teachers, classrooms) or per student (areas, equipment).",
    ),
    "school": WORDS["school"],
    "township": WORDS["township"],
    "met": ("达标项", "Met"),
    "none": ("所有学校学段均达标。", "Every school stage meets the standard."),
}


def text(key: str, lang: str) -> str:
    return pick(LABELS[key], lang)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def _indicator(name: str, lang: str) -> str:
    return SCHOOLS.column(name).zh if lang != "en" else name


def render_national(stream: TextIO, summary: NationalSummary, lang: str) -> None:
    stream.write(f'<section id="national" class="page"><h2>{esc(text("title", lang))}</h2>\n')
    _counties(stream, summary, lang)
    _variation(stream, summary, lang)
    _matrix(stream, summary, lang)
    stream.write("</section>\n")


def _counties(stream: TextIO, summary: NationalSummary, lang: str) -> None:
    keys = ("rank", "county", "verdict", "stages_ok", "failing", "unknown")
    heading = counties_heading(
        len(summary.indicators), summary.at_least, summary.others_reach, lang
    )
    stream.write(f"<h3>{esc(heading)}</h3>\n<table>")
    stream.write(head([text(k, lang) for k in keys], [0, 3, 4, 5]))
    for c in summary.counties.iter_rows(named=True):
        cells = [
            str(c["rank"]),
            esc(c["county"]),
            badge(c["verdict"], lang),
            f"{c['stages_passing']}/{c['stages']}",
            str(c["failing"]),
            str(c["unknown"]),
        ]
        stream.write(row(cells, [0, 3, 4, 5]))
    stream.write("</table>\n")


def _variation(stream: TextIO, summary: NationalSummary, lang: str) -> None:
    if summary.variation.height == 0:
        return
    many = summary.variation.get_column("county").n_unique() > 1
    keys = ("county",) * many + ("stage", "indicator", "cv", "limit", "schools", "status", "top")
    numeric = [many + 2, many + 3, many + 4]
    limits = cv_limits_text(summary.cv_limits, lang)
    stream.write(f"<h3>{esc(text('variation', lang).format(limits=limits))}</h3>\n<table>")
    stream.write(head([text(k, lang) for k in keys], numeric))
    for v in summary.variation.iter_rows(named=True):
        cells = [
            *([esc(v["county"])] if many else []),
            esc(stage_name(v["stage"], lang)),
            esc(_indicator(v["indicator"], lang)),
            compared_number(v["cv"], v["limit"]),
            f"≤ {compared_number(v['limit'], None)}",
            str(v["schools"]),
            badge(v["status"], lang),
            esc((v["top"] or "").replace("、", ", ") if lang == "en" else v["top"] or ""),
        ]
        stream.write(row(cells, numeric))
    stream.write("</table>\n")


def _matrix(stream: TextIO, summary: NationalSummary, lang: str) -> None:
    stream.write(f"<h3>{esc(text('matrix', lang))}</h3>\n")
    short = summary.matrix.filter(pl.col("verdict") != "pass").sort(
        ["county", "township", "school_name", "school_id", "stage"],
        nulls_last=True,
        maintain_order=True,
    )
    if short.height == 0:
        stream.write(f"<p>{esc(text('none', lang))}</p>\n")
        return
    note = text("matrix_note", lang).format(reach=percent_text(summary.others_reach))
    stream.write(f'<p class="note">{esc(note)}</p>\n<table id="matrix">')
    names = summary.indicators
    many = short.get_column("county").n_unique() > 1
    header = [text("school", lang), text("township", lang), text("stage", lang)]
    header = [text("county", lang), *header] if many else header
    stream.write(
        "<thead><tr>"
        + "".join(f"<th>{esc(h)}</th>" for h in header)
        + "".join(
            f'<th class="n" title="{esc(_indicator(n, lang))}">'
            f"{esc(pick(RESOURCE_SHORT[n], lang) if n in RESOURCE_SHORT else n)}</th>"
            for n in names
        )
        + f'<th class="n">{esc(text("met", lang))}</th><th>{esc(text("verdict", lang))}</th>'
        "</tr></thead>\n"
    )
    for m in short.iter_rows(named=True):
        cells = [
            *([esc(m["county"])] if many else []),
            esc(m["school_name"] or m["school_id"]),
            esc(m["township"]),
            esc(stage_name(m["stage"], lang)),
        ]
        marks = "".join(
            f'<td class="n m-{m[f"{n}_state"]}">{STATE_MARK[m[f"{n}_state"]]} '
            f"{_number(m[f'{n}_value'])}</td>"
            for n in names
        )
        stream.write(
            row(cells)[: -len("</tr>\n")]
            + marks
            + f'<td class="n">{esc(m["met"])}/{len(names)}</td><td>{badge(m["verdict"], lang)}</td>'
            "</tr>\n"
        )
    stream.write("</table>\n")
