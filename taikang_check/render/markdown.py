"""A Markdown summary for a pull-request comment or $GITHUB_STEP_SUMMARY, bounded in length.

Title, audit date, inputs, score and rules per status, a table of the rules that fail or lack
data, the rules not yet due and those skipped, the first findings of each failing rule, and
the count of findings not shown. Whatever the size of the data the page stays under
`MAX_BYTES` of UTF-8 (GitHub takes 65,536 characters in a comment and 1 MiB in a step
summary): every cell is cut to a fixed length, lists are cut to a fixed count, and findings are
taken one round at a time (every failing rule's first finding, then every rule's second ...)
until the page is full, so no rule is crowded out by a bigger one.

Text from the data and the rule files is escaped: `&`, `<` and `>` become entities (a school
named `<script>` is text, never HTML); `|`, backslash, backtick, `*`, `_`, `[`, `]`, `~` and `$`
are backslash-escaped (no broken table, code span, emphasis, link or maths); line breaks and
other control characters become spaces (a table row stays one line).
"""

from __future__ import annotations

import re
from typing import TextIO

import polars as pl

from taikang_check.render.formats import RenderOptions
from taikang_check.render.remedy import remedy_markdown
from taikang_check.render.rule_label import markdown_name
from taikang_check.report.additions import additions
from taikang_check.report.model import Report, RuleResult, Status
from taikang_check.report.order import failing_first
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
from taikang_check.text.numbers import score_text
from taikang_check.text.titles import report_title

MAX_BYTES = 60_000  # the whole page, UTF-8
FINDINGS_PER_RULE = 5  # at most; fewer with --max-findings, fewer still when the page is full
RULE_ROWS = 100  # rows of the rules table at most
RULES_BYTES = MAX_BYTES // 2  # where the rules table stops at the latest; findings get the rest
LIST_ITEMS = 10  # inputs, pending rules, skipped rules
TAIL_BYTES = 400  # kept for the line that counts the findings not shown
# Longest cell, in characters, before escaping.
CUT = {"name": 40, "where": 60, "value": 30, "message": 160, "title": 60, "path": 100}

LABELS: dict[str, tuple[str, str]] = {
    "as_of": WORDS["as_of"],
    "inputs": WORDS["inputs"],
    "input": ("{path}（{table}，{rows} 行）", "{path} ({table}, {rows} rows)"),
    "more_inputs": ("……另有 {n} 个文件", "… {n} more files"),
    "score": WORDS["score"],
    "rules": ("不合格或数据缺失的规则", "Rules that fail or lack data"),
    "more_rules": ("……另有 {n} 条规则", "… {n} more rules"),
    "none": WORDS["all_passed"],
    "pending": (
        "**未到期**（尚不计为不合格）：{n} 项，{rules}",
        "**Not yet due** (not counted as failures): {n} findings, {rules}",
    ),
    "pending_rule": ("{rule}（{n} 项，{due} 到期）", "{rule} ({n}, due {due})"),
    "skipped": ("**补充数据可再核查**：", "**Data to add**:"),
    "more_items": ("……另有 {n} 条", "… {n} more"),
    "findings": ("需整改的问题（每条规则前 {n} 条）", "Findings to act on (first {n} per rule)"),
    "not_shown": (
        "另有 {n} 条问题未列出，完整列表见 `--format json`。",
        "{n} more findings not shown: see `--format json`.",
    ),
    "all_shown": ("以上列出了全部问题。", "Every finding is listed above."),
}
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "counties": (
        ("区县", "结论", "合规得分", "已核查", "适用"),
        ("County", "Verdict", "Score", "Assessed", "Applicable"),
    ),
    "rules": (
        ("结果", "规则", "级别", "检查", "不合格", "缺失"),
        ("Status", "Rule", "Severity", "Checked", "Failed", "Unknown"),
    ),
    "findings": (
        ("规则", "结果", "学校或地区", "位置", "值", "限值", "说明"),
        ("Rule", "Status", "School or area", "Where", "Value", "Limit", "What"),
    ),
}

# Backslash-escaped: a table cell delimiter and every character that starts inline markup.
_BACKSLASHED = ("\\", "|", "`", "*", "_", "[", "]", "~", "$")
_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_CONTROL = r"[\x00-\x1f\x7f\u2028\u2029]"
_CONTROL_RE = re.compile(_CONTROL)


def _text(name: str) -> pl.Expr:
    """A findings column as text, whether the report holds it as a string or an enum."""
    return pl.col(name).cast(pl.String)


def _label(key: str, lang: str, **fields: object) -> str:
    return pick(LABELS[key], lang).format(**fields)


def _columns(key: str, lang: str) -> tuple[str, ...]:
    zh, en = COLUMNS[key]
    return en if lang == "en" else zh


def escape(text: str, cut: int | None = None) -> str:
    """Data as inert Markdown text on one line, first cut to `cut` characters."""
    if cut is not None and len(text) > cut:
        text = text[: cut - 1] + "…"
    text = _CONTROL_RE.sub(" ", text)
    for char, entity in _ENTITIES:
        text = text.replace(char, entity)
    for char in _BACKSLASHED:
        text = text.replace(char, "\\" + char)
    return text


def escape_expr(expr: pl.Expr, cut: int) -> pl.Expr:
    """`escape`, column-wise."""
    expr = (
        pl.when(expr.str.len_chars() > cut).then(expr.str.slice(0, cut - 1) + "…").otherwise(expr)
    )
    expr = expr.str.replace_all(_CONTROL, " ")
    for char, entity in _ENTITIES:
        expr = expr.str.replace_all(char, entity, literal=True)
    for char in _BACKSLASHED:
        expr = expr.str.replace_all(char, "\\" + char, literal=True)
    return expr


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


class _Page:
    """Blocks of lines written so far and their size: a block that would take the page past
    its limit is left out whole (a paragraph and the blank line after it, a table's head)."""

    def __init__(self, limit: int) -> None:
        self.lines: list[str] = []
        self.size = 0
        self.limit = limit

    @staticmethod
    def measure(lines: list[str]) -> int:
        return sum(len(line.encode()) + 1 for line in lines)

    def fits(self, *lines: str, limit: int | None = None) -> bool:
        return self.size + self.measure(list(lines)) <= (self.limit if limit is None else limit)

    def add(self, *lines: str) -> bool:
        if not self.fits(*lines):
            return False
        self.lines += lines
        self.size += self.measure(list(lines))
        return True


def render_markdown(report: Report, stream: TextIO, options: RenderOptions | None = None) -> None:
    options = options or RenderOptions()
    lang = options.lang
    page = _Page(MAX_BYTES - TAIL_BYTES)
    _summary(page, report, lang)
    # Veto items first, then other failing errors, warnings, then unknowns; plan order.
    acting = failing_first(report.rules, ("veto", "errors", "warnings", "unknown"))
    _rules_table(page, acting, lang)
    _pending(page, report, lang)
    _skipped(page, report, lang)
    page.add(*remedy_markdown(report, lang, escape))
    shown = _findings(page, acting, lang, min(options.max_findings, FINDINGS_PER_RULE))
    total = sum(_acting_count(r) for r in acting)
    page.limit = MAX_BYTES
    page.add(
        _label("not_shown", lang, n=total - shown) if total > shown else _label("all_shown", lang)
    )
    stream.write("\n".join(page.lines) + "\n")


def _acting_count(result: RuleResult) -> int:
    """Findings that fail or lack data (pending ones are not failures yet)."""
    if not result.findings.height:
        return 0
    return int(result.findings.select((_text("status") != Status.PENDING.value).sum()).item())


def _summary(page: _Page, report: Report, lang: str) -> None:
    version = escape(report.version, 40)
    page.add(f"## {escape(report_title(report, lang), CUT['path'])}", "")
    page.add(f"{_label('as_of', lang)}: {report.as_of.isoformat()} · taikang-check {version}", "")
    inputs = [
        "- "
        + _label(
            "input",
            lang,
            path=escape(item.path, CUT["path"]),
            table=escape(table_name(item.table, lang)),
            rows=item.rows,
        )
        for item in report.inputs[:LIST_ITEMS]
    ]
    if len(report.inputs) > LIST_ITEMS:
        inputs.append(f"- {_label('more_inputs', lang, n=len(report.inputs) - LIST_ITEMS)}")
    page.add(f"{_label('inputs', lang)}:", "", *inputs, "")
    score = score_text(report.score)
    verdict = pick(VERDICT_TEXT[report.verdict], lang)
    coverage = pick(COVERAGE_TEXT, lang).format(
        assessed=report.assessed, applicable=report.applicable
    )
    counts = " · ".join(f"{pick(STATUS_TEXT[s], lang)} {report.count(s)}" for s in Status)
    page.add(f"**{pick(VERDICT_LABEL, lang)}: {verdict}** · {coverage}", "")
    page.add(f"**{_label('score', lang)}: {score} / 100** · {counts}", "")
    _counties(page, report, lang)


def _counties(page: _Page, report: Report, lang: str) -> None:
    """Verdict, score and coverage per county, when the data has several."""
    named = report.county_scores.filter(pl.col("county").is_not_null())
    if named.height < 2:
        return
    rows = [
        _row(
            [
                escape(row["county"], CUT["name"]),
                pick(VERDICT_TEXT[row["verdict"]], lang),
                score_text(row["score"]),
                str(row["assessed"]),
                str(row["applicable"]),
            ]
        )
        for row in named.head(LIST_ITEMS * 10).iter_rows(named=True)
    ]
    head = [_row(list(_columns("counties", lang))), _row(["---"] * 2 + ["---:"] * 3)]
    page.add(*head, *rows, "")


def _rules_table(page: _Page, acting: list[RuleResult], lang: str) -> None:
    heading = f"### {_label('rules', lang)}"
    if not acting:
        page.add(heading, "", _label("none", lang), "")
        return
    head = [heading, "", _row(list(_columns("rules", lang))), _row(["---"] * 3 + ["---:"] * 3)]
    rows: list[str] = []
    for result in acting[:RULE_ROWS]:
        row = _row(
            [
                pick(STATUS_TEXT[result.status], lang),
                _name(result, lang),
                pick(SEVERITY_TEXT[result.rule.severity.value], lang),
                str(result.evaluated),
                str(result.failed),
                str(result.unknown),
            ]
        )
        if not page.fits(*head, *rows, row, "", limit=min(RULES_BYTES, page.limit)):
            break
        rows.append(row)
    if rows:
        page.add(*head, *rows, "")
    if len(acting) > len(rows):
        page.add(_label("more_rules", lang, n=len(acting) - len(rows)), "")


def _name(result: RuleResult, lang: str) -> str:
    """The rule's title, then its id as code."""
    return markdown_name(escape(result.rule.title.get(lang), CUT["title"]), result.rule.id)


def _listing(items: list[str], lang: str) -> str:
    shown = items[:LIST_ITEMS]
    if len(items) > LIST_ITEMS:
        shown.append(_label("more_items", lang, n=len(items) - LIST_ITEMS))
    return ("、" if lang != "en" else ", ").join(shown)


def _pending(page: _Page, report: Report, lang: str) -> None:
    ahead = sorted(
        (r for r in report.rules if r.pending),
        key=lambda r: (r.rule.due.isoformat() if r.rule.due else "", r.rule.id),
    )
    if not ahead:
        return
    rules = [
        _label(
            "pending_rule",
            lang,
            rule=_name(r, lang),
            n=r.pending,
            due=r.rule.due.isoformat() if r.rule.due else "—",
        )
        for r in ahead
    ]
    n = sum(r.pending for r in ahead)
    page.add(_label("pending", lang, n=n, rules=_listing(rules, lang)), "")


def _skipped(page: _Page, report: Report, lang: str) -> None:
    """What data to add and how many rules each addition would let run."""
    found = additions(report.rules)
    if not found:
        return
    items = [f"- {escape(describe_addition(a, lang), CUT['message'])}" for a in found]
    if len(items) > LIST_ITEMS:
        items = [*items[:LIST_ITEMS], f"- {_label('more_items', lang, n=len(items) - LIST_ITEMS)}"]
    page.add(_label("skipped", lang), "", *items, "")


_CELLS = ("rule", "status", "place", "where", "value", "limit", "message")


def _candidates(result: RuleResult, order: int, per_rule: int, lang: str) -> pl.DataFrame:
    """The first findings of a rule as the text of their cells, built column-wise: the
    rule's name as Markdown, the other cells unescaped."""
    schema = pl.Schema(
        {**dict.fromkeys(_CELLS, pl.String()), "rank": pl.Int64(), "order": pl.Int64()}
    )
    if not result.findings.height:
        return pl.DataFrame(schema=schema)
    findings = result.findings.filter(_text("status") != Status.PENDING.value).head(per_rule)
    status = _text("status").replace_strict(
        {s.value: pick(STATUS_TEXT[s], lang) for s in Status}, return_dtype=pl.String
    )
    scope = _text("scope").replace_strict(
        {k: pick(v, lang) for k, v in SCOPE_TEXT.items()}, default="—", return_dtype=pl.String
    )
    located = pl.when(_text("file").is_not_null()).then(
        _text("file") + pl.lit(":") + pl.col("row").cast(pl.String).fill_null("—")
    )
    # The rule is named on its first row only: its rows follow one another, and a title on
    # every row would crowd findings off a bounded page.
    name = _name(result, lang)
    first = pl.int_range(pl.len()) == 0
    return (
        findings.with_columns(shown_values(lang))
        .select(
            pl.when(first).then(pl.lit(name)).otherwise(pl.lit("")).alias("rule"),
            status.alias("status"),
            pl.coalesce(
                _text("school_name"), _text("township"), _text("county"), pl.lit("—")
            ).alias("place"),
            pl.coalesce(located, scope).alias("where"),
            pl.col(SHOWN_VALUE).alias("value"),
            pl.col(SHOWN_LIMIT).alias("limit"),
            message_expr(result, lang, shown=True).fill_null("—").alias("message"),
            pl.int_range(pl.len(), dtype=pl.Int64).alias("rank"),
            pl.lit(order, dtype=pl.Int64).alias("order"),
        )
        .cast(schema)
    )


def _table_rows(cells: pl.DataFrame) -> pl.DataFrame:
    """Markdown table rows, column-wise, from the cells of `_candidates`: the rule's name is
    Markdown already, every other cell is escaped."""
    cut = {"status": 20, "place": CUT["name"], "where": CUT["where"]}
    cut |= {"value": CUT["value"], "limit": CUT["value"], "message": CUT["message"]}
    cells_text = [
        pl.col(name) if name == "rule" else escape_expr(pl.col(name), cut[name]) for name in _CELLS
    ]
    line = pl.lit("| ") + pl.concat_str(cells_text, separator=" | ") + pl.lit(" |")
    return cells.select(line.alias("line"), "rank", "order")


def _findings(page: _Page, acting: list[RuleResult], lang: str, per_rule: int) -> int:
    """The table of first findings, as many as fit; returns how many were written."""
    if not acting:
        return 0
    columns = _columns("findings", lang)
    head = [
        f"### {_label('findings', lang, n=per_rule)}",
        "",
        _row(list(columns)),
        _row(["---"] * len(columns)),
    ]
    candidates = _table_rows(
        pl.concat([_candidates(r, order, per_rule, lang) for order, r in enumerate(acting)])
    )
    # Round by round, every rule's first finding before any rule's second, while they fit.
    room = page.limit - page.size - page.measure([*head, ""])
    chosen = (
        candidates.sort("rank", "order")
        .filter((pl.col("line").str.len_bytes() + 1).cum_sum() <= room)
        .sort("order", "rank")
        .get_column("line")
        .to_list()
    )
    if not chosen or not page.add(*head, *chosen, ""):
        return 0
    return len(chosen)
