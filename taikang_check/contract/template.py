"""What the template offers to fill in: each column's header and its example cell, made safe
for spreadsheets. The reader uses the same examples to recognise a template's example row."""

from __future__ import annotations

from taikang_check.contract.tables import Column, ColumnType

EXAMPLES = {
    "school_id": "4116270001",
    "county": "太康县",
    "name": "城关回族镇第一小学",
    "township": "城关回族镇",
    "students": "850",
    "classes": "18",
    "opened": "2001-09-01",
    "grade": "一年级",
    "class_name": "1班",
    "indicator": "学前三年毛入园率",
    "year": "2025",
    "value": "93.5",
    "principal_rank": "3",
}
BY_TYPE = {
    ColumnType.TEXT: "",
    ColumnType.COUNT: "0",
    ColumnType.BOOL: "否",
    ColumnType.DATE: "",
    ColumnType.GRADE: "一年级",
    ColumnType.YEAR: "2025",
    ColumnType.NUMBER: "",
}
FORMULA_STARTS = ("=", "+", "-", "@")


def safe_cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def example(column: Column, lang: str) -> str:
    if column.name in EXAMPLES:
        return EXAMPLES[column.name]
    if column.values:
        value = column.values[0]
        return value.zh if lang == "zh" else value.code
    if column.type is ColumnType.BOOL:
        return "否" if lang == "zh" else "no"
    return BY_TYPE[column.type]


def header_text(column: Column, lang: str) -> str:
    return column.zh if lang == "zh" else column.name
