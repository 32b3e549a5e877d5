"""What every part of the HTML report shares: its labels (zh, en), the stylesheet, and
the small builders of escaped cells and rows."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

import polars as pl

from taikang_check.render.remedy import QUANTITY
from taikang_check.report.model import RuleResult, Status
from taikang_check.rulebook.model import AnyCheck, Check, IndicatorCheck, Threshold
from taikang_check.text.finding_messages import (
    SHOWN_LIMIT,
    SHOWN_VALUE,
    message_expr,
    shown_values,
)
from taikang_check.text.labels import STATUS_TEXT, VERDICT_LABEL, WORDS, pick
from taikang_check.text.remedy import KINDS, unit_expr

MAX_FINDINGS = 200  # per rule; --verbose lists them all
# Printed per rule (the rest only on screen), so the report prints in a few dozen pages;
# the schools' pages (--html-schools) print every finding of their school.
PRINT_FINDINGS = 20
# What the findings section lists: also the would-be failures of rules not yet due, which
# carry the quantities owed by their due date.
LISTED = (Status.FAIL.value, Status.PENDING.value, Status.UNKNOWN.value)
LABELS = {
    "as_of": ("核查日期", "Audit date"),
    "tool": WORDS["generated_by"],
    "inputs": WORDS["input_files"],
    "file": ("文件", "File"),
    "table": ("表", "Table"),
    "table_schools": ("学校表", "schools"),
    "table_classes": ("班级表", "classes"),
    "table_indicators": ("县级指标表", "indicators"),
    "rows": ("行数", "Rows"),
    "contents": ("目录", "Contents"),
    "summary": ("总体情况", "Summary"),
    "score": WORDS["score"],
    "score_none": ("无可计分的检查", "nothing was evaluated"),
    "county": WORDS["county"],
    "verdict": VERDICT_LABEL,
    "coverage": ("已核查/适用", "Assessed/applicable"),
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
    "rule_title": ("要求", "Requirement"),
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
    "group_veto": WORDS["group_veto"],
    "group_errors": WORDS["group_errors"],
    "group_warnings": WORDS["group_warnings"],
    "group_pending": ("尚未到期的要求（{n} 条）", "Deadlines still ahead ({n})"),
    "group_unknown": ("数据缺失、无法判断的规则（{n} 条）", "Rules that cannot be decided ({n})"),
    "group_other": ("其他需处理的规则（{n} 条）", "Other rules to act on ({n})"),
    "due_in": ("期限 {due}，还剩 {n} 天", "due {due}, {n} days left"),
    "print_limit": (
        "打印版每条规则列出前 {n} 条问题；完整列表见屏幕版、各校页（--html-schools）或 "
        "--format json。",
        "The printed report lists the first {n} findings of each rule; every finding is on "
        "screen, on the schools' pages (--html-schools) and in --format json.",
    ),
    "more_print": ("……另有 {n} 条未打印。", "… {n} more not printed."),
    "remedy": ("需整改数量", "Quantity needed"),
    "grade_counted": ("计入本年级首个超额班", "counted with the grade's first class over the cap"),
    "rebalance": (
        "无需增班：本年级现有班数够用，调整分班即可",
        "no class to add: the grade's classes suffice if rebalanced",
    ),
    "county_total": ("全县合计", "County total"),
    "by_township": ("各乡镇", "By township"),
    "remedy_note": (
        "不合格及未到期问题达标所需的数量，按完成时限汇总到全县和乡镇（测算方法见规则说明）。",
        "What the failing and pending findings need to comply, summed for the county and "
        "each township by due date (the methods are in the rules reference).",
    ),
    "none": WORDS["all_passed"],
    "school": WORDS["school"],
    "township": WORDS["township"],
    "where": WORDS["where"],
    "value": ("值与限值", "Value vs limit"),
    "message": WORDS["what"],
    "more": (
        "……另有 {n} 条未列出，完整列表见 --format json。",
        "… {n} more not listed: see --format json.",
    ),
    "schools": ("需整改的学校", "Schools to act on"),
    "schools_note": (
        "每校一页（打印时分页）：本校不合格、未到期及数据缺失的问题。",
        "A page per school (a new page when printed): its failing, pending and unknown findings.",
    ),
    "schools_index": (
        "有问题的学校及其得分；各校的问题清单（每校一页）用 --html-schools 生成。",
        "Schools with findings and their scores; add --html-schools for a page per school "
        "listing its findings.",
    ),
    "planned": WORDS["planned"],
    "school_id": ("学校代码", "School code"),
    "school_score": ("本校得分", "School score"),
    "school_verdict": ("本校结论", "School verdict"),
    "problems": ("问题数", "Findings"),
    "scope_county": ("全县", "county-wide"),
    "scope_township": ("全乡镇", "township-wide"),
    "national": ("国家优质均衡标准", "National standard"),
    "notes": ("数据说明", "About the data"),
    "skipped_group": (
        "加上{what}可再核查 {n} 条规则：{titles}",
        "adding {what} would let {n} more rules run: {titles}",
    ),
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
.rule-id{color:#888;font-size:11.5px;font-weight:normal;font-family:ui-monospace,monospace}
h3.group{font-size:16px;color:#444;border-left:4px solid #c0392b;padding-left:.4em}
.print-only{display:none}
@page{size:A4;margin:12mm 10mm}
@media print{
body{max-width:none;padding:0;font-size:10px;line-height:1.35}
nav,.more:not(.print-only){display:none}
.print-only{display:block}
tr.extra{display:none}
table{font-size:9.5px}
th,td{padding:1px 4px}
h2{margin:.8em 0 .3em}
h3{margin:.7em 0 .2em}
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


def row(cells: Iterable[str], numeric: Iterable[int] = (), extra: bool = False) -> str:
    """A table row of cells that are already HTML; the `numeric` ones right-aligned; an
    `extra` row shows on screen only."""
    right = set(numeric)
    return (
        ('<tr class="extra">' if extra else "<tr>")
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


# The failing comparison of a rule's `fail_if`, as the rule states it: a class of 56 under
# `ge: 56` shows `56 ≥ 56`. Tests of truth (is, is_not) and of conditions show the value alone.
SYMBOLS = {
    "gt": ">",
    "ge": "≥",
    "lt": "<",
    "le": "≤",
    "eq": "=",
    "ne": "≠",
    "between": "∈",
    "outside": "∉",
}


def _compared(check: AnyCheck) -> tuple[str, bool] | None:
    """(operator of the failing comparison, written as a percentage) of a check."""
    threshold: Threshold | None = None
    if isinstance(check, Check):
        threshold = check.fail_if
    elif isinstance(check, IndicatorCheck):
        if check.trend:  # fails when the figure is below the year before's
            return "lt", False
        threshold = check.targets[0].fail_if if check.targets else check.fail_if
    if threshold is None or threshold.op not in SYMBOLS:
        return None
    return threshold.op, threshold.percent


def comparison_expr(result: RuleResult) -> tuple[pl.Expr, pl.Expr]:
    """(symbol, percent sign) of each finding's failing comparison, by the check it failed;
    null for an unknown finding (nothing was compared) and for checks without a threshold."""
    checks = result.rule.fallback if result.used_fallback else result.rule.checks
    symbol: pl.Expr = pl.lit(None, pl.String)
    percent: pl.Expr = pl.lit("")
    for index, check in enumerate(checks):
        compared = _compared(check)
        if compared is None:
            continue
        op, is_percent = compared
        chosen = pl.col("check") == index
        symbol = pl.when(chosen).then(pl.lit(SYMBOLS[op])).otherwise(symbol)
        percent = pl.when(chosen).then(pl.lit("%" if is_percent else "")).otherwise(percent)
    decided = pl.col("status") != Status.UNKNOWN.value
    return pl.when(decided).then(symbol), percent


def remedy_expr(frame: pl.DataFrame, lang: str) -> pl.Expr:
    """The quantity needed (整改测算) of each finding as text, null where none is computed:
    `增设班级 2个班（教室、班主任各2）`, `students to place elsewhere: 84 students`. A grade's
    classes to add are carried by its first class over the cap; its other classes say so."""
    if QUANTITY not in frame.columns:
        return pl.lit(None, pl.String)
    quantity = pl.col(QUANTITY).cast(pl.String)
    kind = pl.col("remedy_kind").replace_strict(
        {code: pick(words, lang) for code, words in KINDS.items()},
        default="",
        return_dtype=pl.String,
    )
    unit = unit_expr("remedy_unit", lang).fill_null("")
    classes = pl.col("remedy_kind").eq("classes")
    if lang == "en":
        text = pl.concat_str(kind, pl.lit(": "), quantity, pl.lit(" "), unit)
        extra = pl.concat_str(
            pl.lit(" ("), quantity, pl.lit(" classrooms, "), quantity, pl.lit(" head teachers)")
        )
    else:
        text = pl.concat_str(kind, pl.lit(" "), quantity, unit)
        extra = pl.concat_str(pl.lit("（教室、班主任各"), quantity, pl.lit("）"))
    text = text + pl.when(classes & pl.col(QUANTITY).gt(0)).then(extra).otherwise(pl.lit(""))
    if "grade" in frame.columns:
        grade = ["school_id", "grade", "remedy_kind", pl.col(QUANTITY).is_null()]
        carried = pl.col(QUANTITY).is_not_null() & (
            pl.int_range(pl.len()).over(grade, order_by=["file", "row"]) > 0
        )
        text = (
            pl.when(classes & carried).then(pl.lit(text_of("grade_counted", lang))).otherwise(text)
        )
        alone = pl.lit(text_of("rebalance", lang))
        text = pl.when(classes & ~carried & pl.col(QUANTITY).eq(0)).then(alone).otherwise(text)
    return pl.when(pl.col(QUANTITY).is_not_null()).then(text)


def text_of(key: str, lang: str) -> str:
    return pick(LABELS[key], lang)


def finding_rows(result: RuleResult, frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Findings as the text people read: value, comparison and limit, the message, the
    quantity needed, and where."""
    symbol, percent = comparison_expr(result)
    return frame.with_columns(shown_values(lang)).select(
        "school_id",
        "school_name",
        "county",
        "township",
        "rule",
        "status",
        pl.col("file").str.replace(r"^.*[/\\]", "").alias("file"),  # the file's name only
        "row",
        "scope",
        pl.col(SHOWN_VALUE).alias("value"),
        pl.col(SHOWN_LIMIT).alias("limit"),
        symbol.alias("compare"),
        percent.alias("percent"),
        message_expr(result, lang, shown=True).alias("message"),
        remedy_expr(frame, lang).alias("remedy"),
    )


def value_limit(finding: dict[str, object]) -> str:
    """`56 ≥ 56`: the value against the limit with the comparison that fails; the value alone
    where nothing was compared (an unknown finding, a test of conditions)."""
    value, limit, symbol = finding["value"], finding["limit"], finding["compare"]
    percent = str(finding.get("percent") or "")
    shown = esc(value) if value == "—" else esc(f"{value}{percent}")
    if symbol is None or limit in (None, "—"):
        return f'<span class="nw">{shown}</span>'
    return f'<span class="nw">{shown} {esc(symbol)} {esc(f"{limit}{percent}")}</span>'


def where(file: str | None, line: int | None, scope: str, lang: str) -> str:
    """The file name and spreadsheet row, or for a township or county finding its scope."""
    if file:
        return f"{file}:{line}"
    return text(f"scope_{scope}", lang) if f"scope_{scope}" in LABELS else scope
