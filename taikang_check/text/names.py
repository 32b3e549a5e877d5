"""The data contract's names as people read them: columns, enum values, tables and types in
Chinese, and a missing table or column in words."""

from __future__ import annotations

from taikang_check.contract.indicators import CATALOGUE
from taikang_check.contract.tables import RESOURCES, TABLES
from taikang_check.text.labels import pick

ENUM_ZH = {v.code: v.zh for table in TABLES for c in table.columns for v in c.values}
CLASS_COLUMN_ZH = {c.name: c.zh for c in TABLES[1].columns}
COLUMN_ZH = {
    **{i.code: i.zh for i in CATALOGUE},
    **{c.name: c.zh for table in reversed(TABLES) for c in table.columns},
}

TYPE_TEXT = {
    "count": "非负整数",
    "date": "日期（YYYY-MM-DD）",
    "number": "数字",
    "year": "年份",
    "grade": "年级",
    "bool": "是/否",
    "enum": "取值",
    "text": "文本",
}
TABLE_TEXT = {
    "schools": "学校表",
    "classes": "班级表",
    "indicators": "县级指标表",
    "class_bands": "班额情况表",
}
# The national rules read a table built from these columns of the schools table.
STAGES_TEXT = (
    f"学校表的国家标准资源配置列（{COLUMN_ZH[RESOURCES[0]]}等 {len(RESOURCES)} 列）",
    f"the national standard's {len(RESOURCES)} resource columns of the schools table "
    f"({RESOURCES[0]} …)",
)


def table_name(table: str, lang: str) -> str:
    """学校表, 班级表, 县级指标表 (zh); the contract's name (en)."""
    return table if lang == "en" else TABLE_TEXT.get(table, table)


def describe_missing(item: str, lang: str) -> str:
    """'table:classes' or 'column:schools.resource_room' as a reader would say it."""
    kind, _, name = item.partition(":")
    if kind == "table" and name == "stages":  # built from the schools' resource columns
        return pick(STAGES_TEXT, lang)
    if kind == "table":
        return TABLE_TEXT.get(name, name) if lang == "zh" else f"the {name} table"
    table, _, column = name.partition(".")
    label = next(
        (c.zh for t in TABLES if t.name == table for c in t.columns if c.name == column), column
    )
    if lang == "zh":
        return f"{TABLE_TEXT.get(table, table)}的“{label}”列（{column}）"
    return f"column {column} ({label}) of the {table} table"
