"""The terminal report (rich): what a statistician or principal reads and acts on."""

from __future__ import annotations

import os
from typing import TextIO

import polars as pl
from rich.console import Console
from rich.text import Text

from taikang_check.render.formats import RenderOptions
from taikang_check.render.rule_label import terminal_name
from taikang_check.render.sheet import Sheet
from taikang_check.render.terminal_national import render_national
from taikang_check.render.terminal_remedy import render_remedy
from taikang_check.report.additions import additions
from taikang_check.report.model import Report, RuleResult, Status
from taikang_check.report.order import action_groups, failing_first, plan_order
from taikang_check.text.additions import describe_addition
from taikang_check.text.finding_messages import (
    SHOWN_LIMIT,
    SHOWN_VALUE,
    message_expr,
    shown_values,
)
from taikang_check.text.labels import (
    COVERAGE_TEXT,
    SCOPE_TEXT,
    SEVERITY_TEXT,
    STATUS_TEXT,
    VERDICT_LABEL,
    VERDICT_TEXT,
    WORDS,
    pick,
)
from taikang_check.text.names import table_name
from taikang_check.text.notes import report_notes
from taikang_check.text.numbers import score_text
from taikang_check.text.titles import report_title

STATUS_STYLE = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.PENDING: "yellow",
    Status.UNKNOWN: "magenta",
    Status.SKIPPED: "dim",
    Status.NOT_APPLICABLE: "dim",
}
LABELS = {
    "as_of": WORDS["as_of"],
    "inputs": WORDS["inputs"],
    "input": ("{label}: {path}（{table}，{rows} 行）", "{label}: {path} ({table}, {rows} rows)"),
    "score": WORDS["score"],
    "rules": WORDS["rules"],
    "rule": WORDS["rule"],
    "section": WORDS["section"],
    "severity": WORDS["severity"],
    "due": WORDS["due"],
    "status": WORDS["status"],
    "counts": ("检查/通过/不合格/未到期/缺失", "checked/pass/fail/pending/unknown"),
    "findings": WORDS["findings"],
    "school": WORDS["school"],
    "township": WORDS["township"],
    "where": WORDS["where"],
    "value": ("值", "Value"),
    "limit": WORDS["limit"],
    "message": WORDS["what"],
    "more": (
        "……另有 {n} 条，见 --format json 或 --max-findings",
        "… {n} more: see --format json or --max-findings",
    ),
    "pending": ("尚未到期的要求", "Deadlines still ahead"),
    "unknowns": ("数据缺失、无法判断的规则", "Rules that cannot be decided: data missing"),
    "group_veto": WORDS["group_veto"],
    "group_errors": WORDS["group_errors"],
    "group_warnings": WORDS["group_warnings"],
    "more_inputs": ("……另有 {n} 个输入文件", "… {n} more input files"),
    "days_left": ("还剩 {n} 天", "{n} days left"),
    "would_fail": ("届时将不合格 {n} 项", "{n} would fail"),
    "skipped": ("补充数据可再核查的规则", "Data to add: rules it would let run"),
    "and_more": ("等 {total} 条", " and {rest} more"),
    "schools": ("得分最低的学校", "Lowest-scoring schools"),
    "schools_planned": WORDS["planned"],
    "more_townships": ("……另有 {n} 个乡镇", "… {n} more townships"),
    "townships": ("各乡镇得分（由低到高）", "Score by township (lowest first)"),
    "notes": ("说明", "Notes"),
    "county": WORDS["county"],
    "verdict": VERDICT_LABEL,
    "coverage": ("覆盖", "Coverage"),
    "none": WORDS["all_passed"],
}
VERDICT_STYLE = {"pass": "bold green", "fail": "bold red", "undecided": "bold magenta"}
FAILING_GROUPS = ("veto", "errors", "warnings")
INPUT_ROWS = 5
SCHOOL_ROWS = 10
NOT_YET_OPEN = ("planned", "building")
TOWNSHIP_ROWS = 30
ADDITION_TITLES = 3  # rule titles named under each addition


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


def render_terminal(report: Report, stream: TextIO, options: RenderOptions | None = None) -> None:
    options = options or RenderOptions()
    lang = options.lang
    max_findings = options.max_findings if not options.verbose else 10**12
    console = make_console(stream)
    sheet = Sheet(console.width)
    _summary(sheet, report, lang)
    _notes(sheet, report, lang)  # what the reader left out or found not adding up: read first
    if options.quiet:  # for CI logs: the summary and the rules that need action
        _failing_rules(sheet, report, lang)
        sheet.print(console)
        return
    # The verdict, then what fails (veto items first), then deadlines ahead, then unknowns;
    # the full rules table after them.
    shown = _shown_findings(report, lang, max_findings)
    _findings(sheet, report, lang, shown)
    _pending(sheet, report, lang)
    _unknowns(sheet, report, lang, shown)
    _skipped(sheet, report, lang)
    _rules_table(sheet, report, lang)
    if report.national is not None:
        render_national(sheet, report.national, lang)
    render_remedy(sheet, report, lang)
    _townships(sheet, report, lang)
    _schools(sheet, report, lang)
    sheet.print(console)


def _status_text(status: Status, lang: str) -> Text:
    return Text(pick(STATUS_TEXT[status], lang), style=STATUS_STYLE[status])


def _summary(sheet: Sheet, report: Report, lang: str) -> None:
    sheet.heading(report_title(report, lang))
    sheet.line(f"{_t('as_of', lang)}: {report.as_of.isoformat()}    taikang-check {report.version}")
    for item in report.inputs[:INPUT_ROWS]:
        sheet.line(
            _t(
                "input",
                lang,
                label=_t("inputs", lang),
                path=item.path,
                table=table_name(item.table, lang),
                rows=item.rows,
            )
        )
    if len(report.inputs) > INPUT_ROWS:
        sheet.line("  " + _t("more_inputs", lang, n=len(report.inputs) - INPUT_ROWS), style="dim")
    verdict = Text(f"{pick(VERDICT_LABEL, lang)}: ", style="bold")
    verdict.append(pick(VERDICT_TEXT[report.verdict], lang), style=VERDICT_STYLE[report.verdict])
    coverage = pick(COVERAGE_TEXT, lang).format(
        assessed=report.assessed, applicable=report.applicable
    )
    verdict.append(
        f"    {_t('score', lang)}: {score_text(report.score)} / 100    {coverage}", style="bold"
    )
    sheet.line(verdict)
    counts = Text("")
    for status in Status:
        counts.append(
            f"{pick(STATUS_TEXT[status], lang)} {report.count(status)}  ",
            style=STATUS_STYLE[status],
        )
    sheet.line(counts)
    _counties(sheet, report, lang)


def _counties(sheet: Sheet, report: Report, lang: str) -> None:
    """Verdict, score and coverage per county, when the data has several."""
    named = report.county_scores.filter(pl.col("county").is_not_null())
    if named.height < 2:
        return
    head = [_t(k, lang) for k in ("county", "verdict", "score", "coverage")]
    coverage = pick(COVERAGE_TEXT, lang)
    verdicts = {v: pick(text, lang) for v, text in VERDICT_TEXT.items()}
    columns = named.select("county", "verdict", "score", "assessed", "applicable")
    rows: list[list[str]] = [head]
    styles = ["bold"]
    for county, verdict, score, assessed, applicable in columns.iter_rows():
        rows.append(
            [
                county,
                verdicts[verdict],
                score_text(score),
                coverage.format(assessed=assessed, applicable=applicable),
            ]
        )
        styles.append(VERDICT_STYLE[verdict])
    sheet.rows(rows, styles)


def _severity(result: RuleResult, lang: str) -> str:
    return pick(SEVERITY_TEXT[result.rule.severity.value], lang)


def _rules_table(sheet: Sheet, report: Report, lang: str) -> None:
    """Every rule in the plan's order; the title (then the id, dim) last, as it is the one
    cell of no fixed width."""
    sheet.heading(_t("rules", lang))
    header: list[str | Text] = [
        _t(k, lang) for k in ("status", "section", "severity", "due", "counts", "rule")
    ]
    ordered = sorted(report.rules, key=plan_order)
    rows: list[list[str | Text]] = [header]
    rows += [
        [
            pick(STATUS_TEXT[r.status], lang),
            r.rule.source.section,
            _severity(r, lang),
            r.rule.due.isoformat() if r.rule.due else "—",
            f"{r.evaluated}/{r.passed}/{r.failed}/{r.pending}/{r.unknown}",
            _name(r, lang),
        ]
        for r in ordered
    ]
    styles = ["bold"] + [STATUS_STYLE[r.status] for r in ordered]
    sheet.rows(rows, styles)


def _name(result: RuleResult, lang: str, style: str = "") -> Text:
    return terminal_name(result.rule.title.get(lang), result.rule.id, style)


def _failing_rules(sheet: Sheet, report: Report, lang: str) -> None:
    acting = failing_first(report.rules, ("veto", "errors", "warnings", "unknown"))
    rows: list[list[str | Text]] = [
        [
            pick(STATUS_TEXT[r.status], lang),
            r.rule.source.section,
            _counts_text(r, lang),
            _name(r, lang),
        ]
        for r in acting
    ]
    sheet.rows(rows, [STATUS_STYLE[r.status] for r in acting])


# The rows a rule shows (at most max_findings, formatted) and how many it has to show.
Shown = dict[str, tuple[pl.DataFrame, int]]
SHOWN_COLUMNS = ("status", "file", "row", "scope", "school_name", "county", "township")


def _shown_findings(report: Report, lang: str, limit: int) -> Shown:
    """The findings the report lists: only the rows shown get their values and messages
    formatted, in three polars calls for every rule together (a query costs milliseconds
    whatever its size, and there are dozens of rules)."""
    rules = failing_first(report.rules, (*FAILING_GROUPS, "unknown"))
    if not rules:
        return {}
    # In memory, as eager frames are: the streaming engine decodes every branch of a `when`
    # on every row, and a limit such as [51,100] is no JSON string.
    heads = pl.collect_all([_first_rows(r, limit) for r in rules], engine="in-memory")
    # Columns, not eager queries: each of those would cost as much as a lazy one.
    values = pl.DataFrame(
        [pl.concat([h.get_column(n).cast(pl.String) for h in heads]) for n in ("value", "limit")]
    )
    texts = values.lazy().select(shown_values(lang)).collect(engine="in-memory")
    plans = []
    start = 0
    for result, head in zip(rules, heads, strict=True):
        part = texts.slice(start, head.height)
        start += head.height
        plans.append(
            head.hstack(part.get_columns())
            .lazy()
            .select(
                *SHOWN_COLUMNS,
                message_expr(result, lang, shown=True).alias("message"),
                pl.col(SHOWN_VALUE).alias("value"),
                pl.col(SHOWN_LIMIT).alias("limit"),
            )
        )
    frames = pl.collect_all(plans, engine="in-memory")
    shown: Shown = {}
    for result, head, frame in zip(rules, heads, frames, strict=True):
        count: int = head.item(0, "_shown") if head.height else 0
        shown[result.rule.id] = (frame, count)
    return shown


def _first_rows(result: RuleResult, limit: int) -> pl.LazyFrame:
    """The rows a rule shows, with how many it has to show."""
    return (
        result.findings.lazy()
        .filter(pl.col("status") != Status.PENDING.value)
        .with_columns(pl.len().alias("_shown"))
        .head(min(limit, result.findings.height))  # --verbose: 10**12 is no slice length
    )


def _findings(sheet: Sheet, report: Report, lang: str, shown: Shown) -> None:
    """The failing requirements: veto items, other errors, warnings; each in plan order."""
    groups = [(g, rules) for g, rules in action_groups(report.rules) if g in FAILING_GROUPS]
    sheet.heading(_t("findings", lang))
    if not groups:
        sheet.line(_t("none", lang))
        return
    for group, rules in groups:
        sheet.line(_t(f"group_{group}", lang, n=len(rules)), style="bold red")
        for result in rules:
            _rule_findings(sheet, result, lang, shown)


def _unknowns(sheet: Sheet, report: Report, lang: str, shown: Shown) -> None:
    rules = failing_first(report.rules, ("unknown",))
    if not rules:
        return
    sheet.heading(_t("unknowns", lang))
    for result in rules:
        _rule_findings(sheet, result, lang, shown)


def _rule_findings(sheet: Sheet, result: RuleResult, lang: str, shown: Shown) -> None:
    rows, count = shown[result.rule.id]
    heading = _name(result, lang, style="bold")
    heading.append(f"  ({_counts_text(result, lang)})", style="dim")
    sheet.line(heading)
    cells: list[list[str]] = []
    styles: list[str] = []
    for row in rows.iter_rows(named=True):
        where = (
            f"{os.path.basename(row['file'])}:{row['row']}"
            if row["file"]
            else pick(SCOPE_TEXT.get(row["scope"], (row["scope"], row["scope"])), lang)
        )
        status = Status(row["status"])
        styles.append(STATUS_STYLE[status])
        cells.append(
            [
                pick(STATUS_TEXT[status], lang),
                row["school_name"] or row["county"] or "—",
                row["township"] or "—",
                where,
                f"{row['value']} / {row['limit']}",
                row["message"],
            ]
        )
    sheet.rows(cells, styles)
    if count > rows.height:
        sheet.line("  " + _t("more", lang, n=count - rows.height), style="dim")


def _counts_text(result: RuleResult, lang: str) -> str:
    parts = [(result.failed, Status.FAIL), (result.unknown, Status.UNKNOWN)]
    return ", ".join(f"{pick(STATUS_TEXT[s], lang)} {n}" for n, s in parts if n)


def _pending(sheet: Sheet, report: Report, lang: str) -> None:
    ahead = [
        r
        for r in report.rules
        if r.rule.due
        and r.rule.due > report.as_of
        and r.status not in (Status.SKIPPED, Status.UNKNOWN)
    ]
    if not ahead:
        return
    sheet.heading(_t("pending", lang))
    for result in sorted(ahead, key=lambda r: (r.rule.due, r.rule.id)):
        line = Text(
            f"{result.rule.due} ({_t('days_left', lang, n=result.days_left(report.as_of))})  "
        )
        line.append_text(_name(result, lang))
        line.append("  ")
        if result.pending:
            line.append(_t("would_fail", lang, n=result.pending), style="yellow")
        else:
            line.append_text(_status_text(result.status, lang))
        sheet.line(line)


def _skipped(sheet: Sheet, report: Report, lang: str) -> None:
    """What data to add, with how many rules each addition would let run (not one line per
    rule): the titles of the first few follow, dim."""
    found = additions(report.rules)
    if not found:
        return
    sheet.heading(_t("skipped", lang))
    titles = {r.rule.id: r.rule.title.get(lang) for r in report.rules}
    for addition in found:
        sheet.line(describe_addition(addition, lang))
        ids = [*addition.skipped, *addition.partial]
        named = ("、" if lang != "en" else "; ").join(titles[i] for i in ids[:ADDITION_TITLES])
        if len(ids) > ADDITION_TITLES:
            named += _t("and_more", lang, total=len(ids), rest=len(ids) - ADDITION_TITLES)
        sheet.line("  " + named, style="dim")


def _townships(sheet: Sheet, report: Report, lang: str) -> None:
    scores = report.township_scores.filter(pl.col("score").is_not_null())
    if scores.height == 0:
        return
    sheet.heading(_t("townships", lang))
    many_counties = scores.get_column("county").n_unique() > 1
    shown = scores.head(TOWNSHIP_ROWS).select("county", "township", "score")
    rows = [
        [(f"{county} " if many_counties and county else "") + township, score_text(score)]
        for county, township, score in shown.iter_rows()
    ]
    sheet.rows(rows)
    if scores.height > TOWNSHIP_ROWS:
        sheet.line("  " + _t("more_townships", lang, n=scores.height - TOWNSHIP_ROWS), style="dim")


def _schools(sheet: Sheet, report: Report, lang: str) -> None:
    """The lowest-scoring open schools; planned and building schools apart, never ranked."""
    planned = pl.col("status").is_in(NOT_YET_OPEN).fill_null(False)
    coverage = pick(COVERAGE_TEXT, lang)
    verdicts = {v: pick(text, lang) for v, text in VERDICT_TEXT.items()}
    columns = ("school_name", "township", "score", "verdict", "assessed", "applicable")
    for key, chosen in (("schools", ~planned), ("schools_planned", planned)):
        scores = report.school_scores.filter(chosen & (pl.col("score") < 100))
        if key == "schools":
            scores = scores.head(SCHOOL_ROWS)
        if scores.height == 0:
            continue
        sheet.heading(_t(key, lang))
        sheet.rows(
            [
                [
                    name or "—",
                    township or "—",
                    score_text(score),
                    verdicts[verdict],
                    coverage.format(assessed=assessed, applicable=applicable),
                ]
                for name, township, score, verdict, assessed, applicable in scores.select(
                    columns
                ).iter_rows()
            ]
        )


def _notes(sheet: Sheet, report: Report, lang: str) -> None:
    for note in report_notes(report, lang):  # the JSON report's `notes`, in the same order
        sheet.line(note.message, style="yellow" if note.warning else "dim")
