"""What every part of the HTML report shares: its labels (zh, en), the stylesheet, and
the small builders of escaped cells and rows."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

import polars as pl

from taikang_check.report.model import RuleResult, Status
from taikang_check.text.finding_messages import display_text, message_expr
from taikang_check.text.labels import STATUS_TEXT, WORDS, pick

MAX_FINDINGS = 200  # per rule; --verbose lists them all
ACT_ON = (Status.FAIL.value, Status.UNKNOWN.value)
LABELS = {
    "title": WORDS["report_title"],
    "as_of": ("核查日期", "Audit date"),
    "tool": WORDS["generated_by"],
    "inputs": WORDS["input_files"],
    "file": ("文件", "File"),
    "table": ("表", "Table"),
    "rows": ("行数", "Rows"),
    "contents": ("目录", "Contents"),
    "summary": ("总体情况", "Summary"),
    "score": WORDS["score"],
    "score_none": ("无可计分的检查", "nothing was evaluated"),
    "county": WORDS["county"],
    "charts": ("图表", "Charts"),
    # The class-size note, in parts: the caps come from the loaded rules.
    "sizes_intro": ("每 5 人一组统计班级数；", "Classes per 5-student bucket; "),
    "sizes_stage_caps": (
        "虚线 {limits} 为{stages}班额上限，",
        "dashed lines at {limits} are the {stages} caps, ",
    ),
    "sizes_stage_cap": (
        "虚线 {limits} 为{stages}班额上限，",
        "the dashed line at {limits} is the {stages} cap, ",
    ),
    "sizes_large": (
        "实线 {limit} 以上为大班额（{fails} 人及以上）；",
        "the solid line at {limit} marks large classes ({fails} or more); ",
    ),
    "sizes_end": ("红色为超过本学段上限的班级。", "red bars exceed the stage's cap."),
    "no_classes": ("未提供班级表，无法绘制班额分布。", "No classes table: no class-size chart."),
    "townships_note": (
        "按得分由低到高；橙色为低于全县得分的乡镇。",
        "Lowest first; orange bars are below the county score.",
    ),
    "timeline_note": (
        "有期限的规则，按期限排列；逾期未完成指期限已过（或阶段目标已到期）仍不合格。",
        "Rules with a due date, by date; late means failing after its date (or a yearly "
        "milestone's).",
    ),
    "rules": WORDS["rules"],
    "rule": WORDS["rule"],
    "rule_title": WORDS["requirement"],
    "section": WORDS["section"],
    "severity": WORDS["severity"],
    "due": WORDS["due"],
    "status": WORDS["status"],
    "evaluated": ("检查", "Checked"),
    "passed": ("通过", "Pass"),
    "failed": ("不合格", "Fail"),
    "pending": ("未到期", "Pending"),
    "unknown": ("缺失", "Unknown"),
    "findings": WORDS["findings"],
    "none": WORDS["all_passed"],
    "school": WORDS["school"],
    "township": WORDS["township"],
    "where": WORDS["where"],
    "value": ("值 / 限值", "Value / limit"),
    "message": WORDS["what"],
    "more": (
        "……另有 {n} 条未列出，完整列表见 --format json。",
        "… {n} more not listed: see --format json.",
    ),
    "schools": ("需整改的学校", "Schools to act on"),
    "schools_note": (
        "每校一页（打印时分页）：本校不合格及数据缺失的问题。",
        "A page per school (a new page when printed): its failing and unknown findings.",
    ),
    "school_id": ("学校代码", "School code"),
    "school_score": ("本校得分", "School score"),
    "problems": ("问题数", "Findings"),
    "scope_county": ("全县", "county-wide"),
    "scope_township": ("全乡镇", "township-wide"),
    "national": ("国家优质均衡标准", "National standard"),
    "notes": WORDS["notes"],
    "skipped": ("因缺少数据未检查：缺少 {what}", "skipped, missing {what}"),
    "partial": ("仅部分检查：缺少 {what}", "checked in part only, missing {what}"),
    "skipped_sheet": WORDS["skipped_sheet"],
    "unknown_columns": WORDS["unknown_columns"],
}
CSS = """
*{box-sizing:border-box}
body{font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",
"Source Han Sans SC","Noto Sans SC","WenQuanYi Micro Hei",SimHei,SimSun,system-ui,sans-serif;
color:#222;background:#fff;margin:0 auto;max-width:1040px;padding:16px 24px;line-height:1.5;
font-size:14px}
h1{font-size:22px;margin:.2em 0}
h2{font-size:18px;border-bottom:2px solid #333;margin:1.6em 0 .5em;padding-bottom:2px}
h3{font-size:15px;margin:1.2em 0 .3em}
.meta,.note,.more{color:#666;font-size:12.5px}
table{border-collapse:collapse;width:100%;font-size:12.5px;margin:.3em 0}
th,td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f2f2f2;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nw{white-space:nowrap}
.st{display:inline-block;padding:0 .45em;border-radius:3px;font-size:12px;white-space:nowrap;
color:#fff;background:#888}
.st-pass{background:#2e7d32}.st-fail{background:#c0392b}.st-pending{background:#b7791f}
.st-unknown{background:#8e44ad}.st-skipped,.st-not_applicable{background:#9e9e9e}
.score{font-size:40px;font-weight:bold;margin-right:.3em}
.counts .st{margin-right:.5em}
nav ol{columns:2;font-size:13px}
figure{margin:1em 0}
figcaption{font-weight:bold}
.key{white-space:nowrap;font-size:12.5px}
.m-met{background:#e7f4e8}.m-near{background:#fff4d6}.m-short{background:#fbe0dc}
.m-unknown{background:#eee}
#matrix td{font-size:12px}#matrix td:first-child{min-width:8em}
a{color:#1f5fa8}
.school-page h3{font-size:17px}
@page{size:A4;margin:14mm 12mm}
@media print{
body{max-width:none;padding:0;font-size:11px}
nav{display:none}
a{color:inherit;text-decoration:none}
.page,.school-page{break-before:page;page-break-before:always}
tr,figure{break-inside:avoid;page-break-inside:avoid}
h2,h3{break-after:avoid;page-break-after:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


def text(key: str, lang: str, **fields: object) -> str:
    return pick(LABELS[key], lang).format(**fields)


def esc(text: object) -> str:
    return escape("—" if text is None else str(text))


def badge(status: Status | str, lang: str) -> str:
    status = Status(status)
    return f'<span class="st st-{status.value}">{escape(pick(STATUS_TEXT[status], lang))}</span>'


def row(cells: Iterable[str], numeric: Iterable[int] = ()) -> str:
    """A table row of cells that are already HTML; the `numeric` ones right-aligned."""
    right = set(numeric)
    return (
        "<tr>"
        + "".join(
            f'<td class="n">{c}</td>' if i in right else f"<td>{c}</td>"
            for i, c in enumerate(cells)
        )
        + "</tr>\n"
    )


def head(labels: Iterable[str], numeric: Iterable[int] = ()) -> str:
    right = set(numeric)
    cells = "".join(
        f'<th class="n">{escape(t)}</th>' if i in right else f"<th>{escape(t)}</th>"
        for i, t in enumerate(labels)
    )
    return f"<thead><tr>{cells}</tr></thead>\n"


def finding_rows(result: RuleResult, frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Findings as the text people read: value and limit, the message, and where."""
    return frame.select(
        "school_id",
        "school_name",
        "county",
        "township",
        "rule",
        "status",
        pl.col("file").str.replace(r"^.*[/\\]", "").alias("file"),  # the file's name only
        "row",
        "scope",
        display_text(pl.col("value"), lang, pl.col("limit")).alias("value"),
        display_text(pl.col("limit"), lang).alias("limit"),
        message_expr(result, lang).alias("message"),
    )


def value_limit(value: str, limit: str) -> str:
    return f'<span class="nw">{esc(value)} / {esc(limit)}</span>'


def where(file: str | None, line: int | None, scope: str, lang: str) -> str:
    """The file name and spreadsheet row, or for a township or county finding its scope."""
    if file:
        return f"{file}:{line}"
    return text(f"scope_{scope}", lang) if f"scope_{scope}" in LABELS else scope
