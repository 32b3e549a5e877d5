"""The three input tables of the data contract, as pydantic models.

This is the one source the readers, the docs and the templates are driven from:
column names in English and Chinese, types, whether a column must be present,
and the allowed values of every enum column in both languages.
"""

from __future__ import annotations

from taikang_check.columns_core import CLASS_COLUMNS, INDICATOR_COLUMNS, SCHOOL_COLUMNS
from taikang_check.columns_national import NATIONAL_COLUMNS
from taikang_check.columns_plan import PLAN_COLUMNS
from taikang_check.schema_types import Column, ColumnType, EnumValue, TableSchema

SCHOOLS = TableSchema(
    name="schools", zh="学校表", columns=SCHOOL_COLUMNS + PLAN_COLUMNS + NATIONAL_COLUMNS
)
CLASSES = TableSchema(name="classes", zh="班级表", columns=CLASS_COLUMNS)
INDICATORS = TableSchema(name="indicators", zh="县级指标表", columns=INDICATOR_COLUMNS)

TABLES: tuple[TableSchema, ...] = (SCHOOLS, CLASSES, INDICATORS)


def table_schema(name: str) -> TableSchema:
    for table in TABLES:
        if table.name == name:
            return table
    raise KeyError(name)


__all__ = [
    "CLASSES",
    "INDICATORS",
    "SCHOOLS",
    "TABLES",
    "Column",
    "ColumnType",
    "EnumValue",
    "TableSchema",
    "table_schema",
]
