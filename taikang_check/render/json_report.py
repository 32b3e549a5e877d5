"""The JSON report of the contract (schema_version 2), streamed: findings are written
rule by rule from their columns, never built as one string."""

from __future__ import annotations

import json
from typing import TextIO

import polars as pl

from taikang_check.render.formats import RenderOptions
from taikang_check.render.remedy import remedy_json, remedy_summary
from taikang_check.report.additions import Addition, additions
from taikang_check.report.model import FINDING_FIELDS, Report, RuleResult
from taikang_check.text.additions import describe_addition
from taikang_check.text.finding_messages import message_expr, shown_values
from taikang_check.text.notes import report_notes

SCHEMA_VERSION = 2
LINES_PER_WRITE = 10_000  # findings joined into one write


def header(report: Report, lang: str) -> dict[str, object]:
    return {
        "tool": "taikang-check",
        "version": report.version,
        "schema_version": SCHEMA_VERSION,
        "as_of": report.as_of.isoformat(),
        "inputs": [{"path": f.path, "table": f.table, "rows": f.rows} for f in report.inputs],
        "summary": {
            "verdict": report.verdict,
            "score": report.score,
            "assessed": report.assessed,
            "applicable": report.applicable,
            **report.summary,
            **remedy_summary(report, lang),
            "counties": counties(report),
            "additions": [_addition(a, lang) for a in additions(report.rules)],
        },
        "rules": [_rule(r, lang) for r in report.rules],
    }


def counties(report: Report) -> list[dict[str, object]]:
    """Verdict, score and coverage of each named county, by name."""
    named = report.county_scores.filter(pl.col("county").is_not_null()).sort("county")
    return [
        {k: row[k] for k in ("county", "verdict", "score", "assessed", "applicable")}
        for row in named.iter_rows(named=True)
    ]


def _items(items: tuple[str, ...]) -> list[dict[str, str | None]]:
    """ "table:indicators" → {"table": "indicators", "column": null}; columns likewise."""
    shown: list[dict[str, str | None]] = []
    for item in items:
        kind, _, name = item.partition(":")
        table, _, column = name.partition(".")
        shown.append({"table": table, "column": column if kind == "column" else None})
    return shown


def _addition(addition: Addition, lang: str) -> dict[str, object]:
    return {
        "add": _items(addition.needs),
        "or_add": _items(addition.instead),
        "rules": list(addition.skipped),
        "completes": list(addition.partial),
        "message": describe_addition(addition, lang),
    }


def _rule(result: RuleResult, lang: str) -> dict[str, object]:
    rule = result.rule
    return {
        "id": rule.id,
        "title": rule.title.get(lang),
        "severity": rule.severity.value,
        "due": rule.due.isoformat() if rule.due else None,
        "status": result.status.value,
        "evaluated": result.evaluated,
        "passed": result.passed,
        "failed": result.failed,
        "pending": result.pending,
        "unknown": result.unknown,
    }


def _json(expr: pl.Expr, name: str) -> pl.Expr:
    """One column as JSON text, column-wise."""
    encoded = pl.struct(expr.alias(name)).struct.json_encode()
    return encoded.str.strip_prefix(f'{{"{name}":').str.strip_suffix("}")


def finding_lines(result: RuleResult, lang: str) -> list[str]:
    """Each finding as one JSON object, fields in contract order, built column by column:
    value and limit are already JSON text (their type varies by check)."""
    *plain, value, limit = FINDING_FIELDS
    head = pl.struct([pl.col(name) for name in plain]).struct.json_encode().str.strip_suffix("}")
    line = pl.concat_str(
        head,
        pl.lit(f',"{value}":'),
        pl.col(value).fill_null("null"),
        pl.lit(f',"{limit}":'),
        pl.col(limit).fill_null("null"),
        pl.lit(',"message":'),
        _json(message_expr(result, lang, shown=True), "message"),
        remedy_json(result.findings, lang),
        pl.lit("}"),
    )
    findings = result.findings.with_columns(shown_values(lang))
    return findings.select(line.alias("line")).get_column("line").to_list()


def render_json(report: Report, stream: TextIO, options: RenderOptions | None = None) -> None:
    lang = (options or RenderOptions()).lang
    head = json.dumps(header(report, lang), ensure_ascii=False, indent=2)
    stream.write(head[: head.rindex("}")].rstrip() + ',\n  "findings": [')
    first = True
    for result in report.rules:
        if not result.findings.height:
            continue
        lines = finding_lines(result, lang)
        # Blocks of lines, not a write per finding: a national report has millions.
        for start in range(0, len(lines), LINES_PER_WRITE):
            block = ",\n    ".join(lines[start : start + LINES_PER_WRITE])
            stream.write(("\n    " if first else ",\n    ") + block)
            first = False
    stream.write("\n  ]" if not first else "]")
    # An addition after the contract's keys: what the terminal prints under the report.
    notes = [json.dumps(n.as_json(), ensure_ascii=False) for n in report_notes(report, lang)]
    stream.write(',\n  "notes": [' + ",".join(f"\n    {n}" for n in notes))
    stream.write("\n  ]\n}\n" if notes else "]\n}\n")
