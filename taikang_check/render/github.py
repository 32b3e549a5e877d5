"""GitHub Actions workflow commands: one annotation per finding that fails or lacks data.

    ::error file=data/classes.csv,line=277,title=小学每班不超过45人 · class-size-primary::1年级3…
    ::error title=2025年底义务教育集团化办学覆盖率达到50%25以上 · education-groups::太康县 大许…

The annotation's title names the rule as the other reports do: its title, then its id.

`::error` for the findings of error rules, `::warning` for those of warning rules; an unknown
finding (a blank cell) is annotated like a failure, since missing data is never a pass.
Findings not yet due (pending) are left out: they are not failures. County-wide findings have
no file and line; their message starts with the county and township they are about. Nothing
else is written, so the output can go straight to standard output in a workflow step.

`file` is the input path as given on the command line (give paths relative to the repository
root for GitHub to place the annotation on the file) and `line` the spreadsheet row, which is
the file's line unless a quoted cell above it spans several lines.

Escaping follows GitHub's toolkit (`@actions/core` `escapeData` and `escapeProperty`): in the
message `%` → `%25`, CR → `%0D`, LF → `%0A`; in properties also `:` → `%3A` and `,` → `%2C`.
Other control characters (tab aside), C1 controls and U+2028/U+2029 become spaces, so a
cell cannot send an ANSI escape sequence or a bell to the log, nor break an annotation line.
Lines are built column-wise with polars and written rule by rule, CHUNK_ROWS at a time.
"""

from __future__ import annotations

from typing import TextIO

import polars as pl

from taikang_check.render.formats import RenderOptions
from taikang_check.render.rule_label import plain_name
from taikang_check.report.model import Report, RuleResult, Status
from taikang_check.text.finding_messages import message_expr

CHUNK_ROWS = 20_000
_DATA = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY = (*_DATA, (":", "%3A"), (",", "%2C"))
# Other control characters (an ANSI escape from a cell could restyle the log) become spaces,
# and so do C1 controls (NEL, U+0085) and the line and paragraph separators U+2028/U+2029,
# which a log viewer may break a line on: one finding is one annotation line.
CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]"


def _text(name: str) -> pl.Expr:
    """A findings column as text, whether the report holds it as a string or an enum."""
    return pl.col(name).cast(pl.String)


def escape_data(expr: pl.Expr) -> pl.Expr:
    expr = expr.str.replace_all(CONTROL, " ")
    for char, code in _DATA:
        expr = expr.str.replace_all(char, code, literal=True)
    return expr


def escape_property(expr: pl.Expr) -> pl.Expr:
    expr = expr.str.replace_all(CONTROL, " ")
    for char, code in _PROPERTY:
        expr = expr.str.replace_all(char, code, literal=True)
    return expr


def message(result: RuleResult, lang: str) -> pl.Expr:
    """The annotation's text: the finding's message, after its place when it has no file."""
    place = pl.concat_str(_text("county"), _text("township"), separator=" ", ignore_nulls=True)
    text = message_expr(result, lang).fill_null("")
    return (
        pl.when(_text("file").is_null() & (place != ""))
        .then(pl.concat_str(place, pl.lit(": "), text))
        .otherwise(text)
    )


def _line(result: RuleResult, lang: str) -> pl.Expr:
    level = (
        pl.when(_text("severity") == "warning").then(pl.lit("warning")).otherwise(pl.lit("error"))
    )
    has_file = _text("file").is_not_null()
    name = plain_name(result.rule.title.get(lang), result.rule.id)
    properties = pl.concat_str(
        pl.when(has_file).then(pl.lit("file=") + escape_property(_text("file")) + pl.lit(",")),
        pl.when(has_file & pl.col("row").is_not_null()).then(
            pl.lit("line=") + pl.col("row").cast(pl.String) + pl.lit(",")
        ),
        pl.lit("title=") + escape_property(pl.lit(name)),
        ignore_nulls=True,
    )
    return pl.concat_str(
        pl.lit("::"),
        level,
        pl.lit(" "),
        properties,
        pl.lit("::"),
        escape_data(message(result, lang)),
    )


def render_github(report: Report, stream: TextIO, options: RenderOptions | None = None) -> None:
    lang = (options or RenderOptions()).lang
    for result in report.rules:
        if not (result.failed or result.unknown) or not result.findings.height:
            continue
        rows = result.findings.filter(
            _text("status").is_in([Status.FAIL.value, Status.UNKNOWN.value])
        )
        line = _line(result, lang).str.join("\n")
        for offset in range(0, rows.height, CHUNK_ROWS):
            stream.write(rows.slice(offset, CHUNK_ROWS).select(line).item() + "\n")
