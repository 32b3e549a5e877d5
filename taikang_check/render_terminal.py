"""The terminal report (rich): what a statistician or principal reads and acts on."""

from __future__ import annotations

import os
from typing import TextIO

import polars as pl
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from taikang_check.messages import (
    STATUS_TEXT,
    describe_missing,
    display_text,
    message_expr,
    pick,
)
from taikang_check.report import Report, RuleResult, Status

STATUS_STYLE = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.PENDING: "yellow",
    Status.UNKNOWN: "magenta",
    Status.SKIPPED: "dim",
    Status.NOT_APPLICABLE: "dim",
}
LABELS = {
    "title": (
        "太康县义务教育优质均衡发展监测报告",
        "Taikang compulsory-education compliance report",
    ),
    "as_of": ("核查日期", "As of"),
    "inputs": ("输入文件", "Inputs"),
    "rows": ("行", "rows"),
    "score": ("合规得分", "Compliance score"),
    "rules": ("规则检查结果", "Rules"),
    "rule": ("规则", "Rule"),
    "section": ("条款", "Section"),
    "severity": ("级别", "Severity"),
    "due": ("期限", "Due"),
    "status": ("结果", "Status"),
    "counts": ("检查/通过/不合格/未到期/缺失", "checked/pass/fail/pending/unknown"),
    "findings": ("需整改的问题", "Findings to act on"),
    "school": ("学校", "School"),
    "township": ("乡镇", "Township"),
    "where": ("位置", "Where"),
    "value": ("值", "Value"),
    "limit": ("限值", "Limit"),
    "message": ("说明", "What"),
    "more": (
        "……另有 {n} 条，见 --format json 或 --max-findings",
        "… {n} more: see --format json or --max-findings",
    ),
    "pending": ("尚未到期的要求", "Deadlines still ahead"),
    "days_left": ("还剩 {n} 天", "{n} days left"),
    "would_fail": ("届时将不合格 {n} 项", "{n} would fail"),
    "skipped": ("因缺少数据未检查的规则", "Rules skipped for missing data"),
    "missing": ("缺少", "missing"),
    "partial": ("仅部分检查，缺少", "checked in part only; missing"),
    "fallback_missing": (
        "{tables} 表；未提供该表时改用 {missing}",
        "the {tables} table; without it, {missing}",
    ),
    "schools": ("得分最低的学校", "Lowest-scoring schools"),
    "more_townships": ("……另有 {n} 个乡镇", "… {n} more townships"),
    "townships": ("各乡镇得分（由低到高）", "Score by township (lowest first)"),
    "notes": ("说明", "Notes"),
    "unknown_columns": (
        "{file} 中未识别的列（未参与核查）：{cols}",
        "{file}: columns not in the contract (left out of the audit): {cols}",
    ),
    "county": ("区县", "County"),
    "none": ("全部规则均已通过或不适用。", "Every rule passed or does not apply."),
}
SCHOOL_ROWS = 10
TOWNSHIP_ROWS = 30


def _t(key: str, lang: str, **fields: object) -> str:
    return pick(LABELS[key], lang).format(**fields)


def make_console(stream: TextIO) -> Console:
    """Colour only on a terminal and never with NO_COLOR; a fixed width when piped."""
    is_tty = stream.isatty() if hasattr(stream, "isatty") else False
    columns = os.environ.get("COLUMNS", "")
    width = None if is_tty else (int(columns) if columns.isdigit() and int(columns) > 20 else 120)
    return Console(
        file=stream,
        force_terminal=is_tty,
        no_color="NO_COLOR" in os.environ,
        width=width,
        highlight=False,
        soft_wrap=False,
        emoji=False,
    )


def render_terminal(
    report: Report, stream: TextIO, lang: str = "zh", max_findings: int = 20
) -> None:
    console = make_console(stream)
    _summary(console, report, lang)
    _rules_table(console, report, lang)
    _findings(console, report, lang, max_findings)
    _pending(console, report, lang)
    _skipped(console, report, lang)
    if report.national is not None:
        from taikang_check.render_national import render_national

        render_national(console, report.national, lang)
    _townships(console, report, lang)
    _schools(console, report, lang)
    _notes(console, report, lang)


def _status_text(status: Status, lang: str) -> Text:
    return Text(pick(STATUS_TEXT[status], lang), style=STATUS_STYLE[status])


def _summary(console: Console, report: Report, lang: str) -> None:
    console.rule(Text(_t("title", lang), style="bold"))
    console.print(
        f"{_t('as_of', lang)}: {report.as_of.isoformat()}    taikang-check {report.version}"
    )
    for item in report.inputs:
        console.print(
            f"{_t('inputs', lang)}: {item.path} ({item.table}, {item.rows} {_t('rows', lang)})"
        )
    score = "—" if report.score is None else f"{report.score:.1f}"
    counts = Text()
    for status in Status:
        counts.append(
            f"{pick(STATUS_TEXT[status], lang)} {report.count(status)}  ",
            style=STATUS_STYLE[status],
        )
    console.print(Text(f"{_t('score', lang)}: {score} / 100    ", style="bold") + counts)
    if report.county_scores.height > 1:
        table = Table(_t("county", lang), _t("score", lang), box=None)
        for county, score_value in report.county_scores.select("county", "score").iter_rows():
            table.add_row(county or "—", "—" if score_value is None else f"{score_value:.1f}")
        console.print(table)


def _rules_table(console: Console, report: Report, lang: str) -> None:
    table = Table(title=_t("rules", lang), title_justify="left", show_lines=False)
    for key in ("rule", "section", "severity", "due", "status", "counts"):
        table.add_column(_t(key, lang), no_wrap=key != "rule")
    for result in report.rules:
        rule = result.rule
        table.add_row(
            f"{rule.id}\n{rule.title.get(lang)}",
            rule.source.section,
            pick(
                ("错误", "error") if rule.severity.value == "error" else ("警告", "warning"), lang
            ),
            rule.due.isoformat() if rule.due else "—",
            _status_text(result.status, lang),
            f"{result.evaluated}/{result.passed}/{result.failed}/{result.pending}/{result.unknown}",
        )
    console.print(table)


def _findings(console: Console, report: Report, lang: str, limit: int) -> None:
    acting = [r for r in report.rules if r.failed or r.unknown]
    console.rule(Text(_t("findings", lang), style="bold"))
    if not acting:
        console.print(_t("none", lang))
        return
    for result in acting:
        _rule_findings(console, result, lang, limit)


def _rule_findings(console: Console, result: RuleResult, lang: str, limit: int) -> None:
    """One aligned line per finding: rich tables cost too much per cell for long lists."""
    shown = result.findings.filter(pl.col("status") != Status.PENDING.value)
    heading = Text(f"{result.rule.id} · {result.rule.title.get(lang)}", style="bold")
    heading.append(f"  ({_counts_text(result, lang)})", style="dim")
    console.print(heading)
    rows = shown.head(limit).with_columns(
        message_expr(result, lang).alias("message"),
        display_text(pl.col("value"), lang).alias("value"),
        display_text(pl.col("limit"), lang).alias("limit"),
    )
    cells: list[list[str]] = []
    statuses: list[Status] = []
    for row in rows.iter_rows(named=True):
        where = f"{os.path.basename(row['file'])}:{row['row']}" if row["file"] else row["scope"]
        statuses.append(Status(row["status"]))
        cells.append(
            [
                pick(STATUS_TEXT[statuses[-1]], lang),
                row["school_name"] or row["county"] or "—",
                row["township"] or "—",
                where,
                f"{row['value']} / {row['limit']}",
                row["message"],
            ]
        )
    widths = [max(cell_len(line[i]) for line in cells) for i in range(5)]
    for status, line in zip(statuses, cells, strict=True):
        text = Text("  ")
        for i, cell in enumerate(line[:5]):
            text.append(
                cell + " " * (widths[i] - cell_len(cell) + 2),
                style=STATUS_STYLE[status] if i == 0 else "",
            )
        text.append(line[5])
        console.print(text, overflow="fold")
    if shown.height > limit:
        console.print(Text("  " + _t("more", lang, n=shown.height - limit), style="dim"))


def _counts_text(result: RuleResult, lang: str) -> str:
    parts = [(result.failed, Status.FAIL), (result.unknown, Status.UNKNOWN)]
    return ", ".join(f"{pick(STATUS_TEXT[s], lang)} {n}" for n, s in parts if n)


def _pending(console: Console, report: Report, lang: str) -> None:
    ahead = [
        r
        for r in report.rules
        if r.rule.due and r.rule.due > report.as_of and r.status not in (Status.SKIPPED,)
    ]
    if not ahead:
        return
    console.rule(Text(_t("pending", lang), style="bold"))
    for result in sorted(ahead, key=lambda r: (r.rule.due, r.rule.id)):
        line = Text(
            f"{result.rule.due} ({_t('days_left', lang, n=result.days_left(report.as_of))})  "
        )
        line.append(f"{result.rule.id} · {result.rule.title.get(lang)}  ")
        if result.pending:
            line.append(_t("would_fail", lang, n=result.pending), style="yellow")
        else:
            line.append_text(_status_text(result.status, lang))
        console.print(line)


def _skipped(console: Console, report: Report, lang: str) -> None:
    """Rules not checked at all, then rules checked only in part, for missing data."""
    skipped = [r for r in report.rules if r.status is Status.SKIPPED]
    partial = [r for r in report.rules if r.missing and r.status is not Status.SKIPPED]
    if not skipped and not partial:
        return
    console.rule(Text(_t("skipped", lang), style="bold"))
    for result in partial:
        missing = "、".join(describe_missing(m, lang) for m in result.missing)
        console.print(
            f"{result.rule.id} · {result.rule.title.get(lang)}: {_t('partial', lang)} {missing}"
        )
    for result in skipped:
        missing = "、".join(describe_missing(m, lang) for m in result.missing)
        if result.used_fallback:
            tables = "、".join(sorted({c.table for c in result.rule.checks}))
            missing = _t("fallback_missing", lang, tables=tables, missing=missing)
        console.print(
            f"{result.rule.id} · {result.rule.title.get(lang)}: {_t('missing', lang)} {missing}"
        )


def _townships(console: Console, report: Report, lang: str) -> None:
    scores = report.township_scores.filter(pl.col("score").is_not_null())
    if scores.height == 0:
        return
    console.rule(Text(_t("townships", lang), style="bold"))
    many_counties = scores.get_column("county").n_unique() > 1
    rows = [
        [(f"{county} " if many_counties and county else "") + township, f"{score:.1f}"]
        for county, township, score in scores.select("county", "township", "score").iter_rows()
    ]
    width = max(cell_len(name) for name, _ in rows)
    for name, score in rows[:TOWNSHIP_ROWS]:
        console.print(f"  {name}{' ' * (width - cell_len(name))}  {score}")
    if len(rows) > TOWNSHIP_ROWS:
        console.print(
            Text("  " + _t("more_townships", lang, n=len(rows) - TOWNSHIP_ROWS), style="dim")
        )


def _schools(console: Console, report: Report, lang: str) -> None:
    scores = report.school_scores.filter(pl.col("score") < 100).head(SCHOOL_ROWS)
    if scores.height == 0:
        return
    table = Table(title=_t("schools", lang), title_justify="left")
    for key in ("school", "township", "score"):
        table.add_column(_t(key, lang))
    columns = [c for c in ("school_name", "township", "score") if c in scores.columns]
    for row in scores.select(columns).iter_rows(named=True):
        table.add_row(
            row.get("school_name") or "—", row.get("township") or "—", f"{row['score']:.1f}"
        )
    console.print(table)


def _notes(console: Console, report: Report, lang: str) -> None:
    for path, columns in report.unknown_columns:
        console.print(
            Text(_t("unknown_columns", lang, file=path, cols="、".join(columns)), style="dim")
        )
