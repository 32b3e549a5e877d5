"""What to add, in words: "加上县级指标表可再核查 34 条规则" / "Add the county indicators
table to check 34 more rules" (the additions of report/additions.py)."""

from __future__ import annotations

from taikang_check.report.additions import Addition
from taikang_check.text.names import COLUMN_ZH, STAGES_TEXT, TABLE_TEXT

TABLE_EN = {"schools": "schools", "classes": "classes", "indicators": "county indicators"}


def _split(items: tuple[str, ...]) -> tuple[list[str], dict[str, list[str]]]:
    """Tables, and columns by their table, in the order given."""
    tables: list[str] = []
    columns: dict[str, list[str]] = {}
    for item in items:
        kind, _, name = item.partition(":")
        if kind == "table":
            tables.append(name)
        else:
            table, _, column = name.partition(".")
            columns.setdefault(table, []).append(column)
    return tables, columns


def _table_zh(table: str) -> str:
    return TABLE_TEXT.get(table, table)


def _what_zh(items: tuple[str, ...]) -> str:
    """加上县级指标表 · 在学校表加上「资源教室」「确需保留」列 · both, joined by ，并"""
    tables, columns = _split(items)
    parts = []
    if "stages" in tables:  # no table to add: the schools table's resource columns
        tables.remove("stages")
        parts.append("加上" + STAGES_TEXT[0])
    if tables:
        parts.insert(0, "加上" + "和".join(_table_zh(t) for t in tables))
    for table, names in columns.items():
        labels = "".join(f"「{COLUMN_ZH.get(name, name)}」" for name in names)
        parts.append(f"在{_table_zh(table)}加上{labels}列")
    return "，并".join(parts)


def _table_en(table: str) -> str:
    return f"the {TABLE_EN.get(table, table)} table"


def _what_en(items: tuple[str, ...]) -> str:
    """Add the county indicators table · Add the column resource_room to the schools table."""
    tables, columns = _split(items)
    stages = "stages" in tables
    tables = [t for t in tables if t != "stages"]
    parts = [" and ".join(_table_en(t) for t in tables)] if tables else []
    if stages:  # no table to add: the schools table's resource columns
        parts.append(STAGES_TEXT[1])
    for table, names in columns.items():
        noun = "column" if len(names) == 1 else "columns"
        parts.append(f"the {noun} {', '.join(names)} to {_table_en(table)}")
    return "Add " + " and ".join(parts)


def describe_addition(addition: Addition, lang: str) -> str:
    """One sentence: what to add and how many rules it lets run (and complete)."""
    skipped, partial = len(addition.skipped), len(addition.partial)
    if lang == "en":
        what = _what_en(addition.needs)
        if addition.instead:
            what += f" (or {_what_en(addition.instead)[4:]})"
        if not skipped:
            return f"{what} to check in full {partial} rules now checked in part"
        text = f"{what} to check {skipped} more {'rule' if skipped == 1 else 'rules'}"
        return text + (f", and {partial} more in full" if partial else "")
    what = _what_zh(addition.needs)
    if addition.instead:
        what += f"（或{_what_zh(addition.instead)}）"
    if not skipped:
        return f"{what}可完整核查 {partial} 条目前仅部分核查的规则"
    text = f"{what}可再核查 {skipped} 条规则"
    return text + (f"，并完整核查另 {partial} 条" if partial else "")
