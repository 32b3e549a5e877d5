"""The three input tables of the data contract, as pydantic models.

This is the one source the readers, the docs and the templates are driven from:
column names in English and Chinese, types, whether a column must be present,
and the allowed values of every enum column in both languages.
"""

from __future__ import annotations

from taikang_check.contract.columns_bands import CLASS_BAND_COLUMNS
from taikang_check.contract.columns_core import CLASS_COLUMNS, INDICATOR_COLUMNS, SCHOOL_COLUMNS
from taikang_check.contract.columns_national import NATIONAL_COLUMNS
from taikang_check.contract.columns_plan import PLAN_COLUMNS
from taikang_check.contract.types import Column, ColumnType, EnumValue, TableSchema

RESOURCES = (
    "qualified_teachers",
    "backbone_teachers",
    "pe_art_teachers",
    "teaching_area",
    "sports_area",
    "equipment_value",
    "multimedia_classrooms",
)
# A count that is part of another of the same row ("of which"): never more than it. The
# readers warn when a row says otherwise; county totals use it to bound a blank cell.
PART_OF = {
    "primary_zoned_admissions": "primary_admissions",
    "junior_zoned_admissions": "junior_admissions",
    "migrant_children_public": "migrant_children",
}
STAGE_VALUES = (
    EnumValue(code="primary", zh="小学"),
    EnumValue(code="junior", zh="初中"),
)

SCHOOLS = TableSchema(
    name="schools", zh="学校表", columns=SCHOOL_COLUMNS + PLAN_COLUMNS + NATIONAL_COLUMNS
)
CLASSES = TableSchema(name="classes", zh="班级表", columns=CLASS_COLUMNS)
INDICATORS = TableSchema(name="indicators", zh="县级指标表", columns=INDICATOR_COLUMNS)
# The education statistics return's 教学班数、班额情况: classes per size band, per school and
# grade or stage; the class-size rules read it where a school has no classes table rows.
CLASS_BANDS = TableSchema(name="class_bands", zh="班额情况表", columns=CLASS_BAND_COLUMNS)

TABLES: tuple[TableSchema, ...] = (SCHOOLS, CLASSES, INDICATORS, CLASS_BANDS)

# Not inputs: columns of the schools table computed from others (engine/stages.py), which
# rules may read.
COMPUTED_SCHOOL_COLUMNS: tuple[Column, ...] = (
    Column(
        name="compulsory_students",
        zh="义务教育阶段在校生数",
        type=ColumnType.COUNT,
        about_zh="小学、初中、九年一贯制学校和教学点的在校生数；十二年一贯制学校的小学部与初中部"
        "在校生数之和；完全中学的初中部在校生数；其他学校为0",
        about_en="students of a primary, junior, nine-year school or teaching point; the "
        "primary and junior parts of a twelve-year school; the junior part of a complete "
        "secondary school; 0 for other schools",
    ),
)

# Not an input: built from schools for the national standard (see engine/stages.py).
STAGES = TableSchema(
    name="stages",
    zh="学段资源表",
    columns=(
        SCHOOLS.column("school_id"),
        SCHOOLS.column("county"),
        SCHOOLS.column("township"),
        SCHOOLS.column("kind"),
        Column(name="school_name", zh="学校名称", type=ColumnType.TEXT),
        Column(name="stage", zh="学段", type=ColumnType.ENUM, values=STAGE_VALUES),
        Column(name="students", zh="学段在校生数", type=ColumnType.COUNT),
        *(SCHOOLS.column(name) for name in RESOURCES),
    ),
)


# Not an input either: columns the engine derives for class rows from the audit date.
DERIVED_CLASS_COLUMNS: tuple[Column, ...] = (
    Column(
        name="intake_year",
        zh="入学年份",
        type=ColumnType.YEAR,
        about_zh="本班进入所在学段起始年级（一、七、十年级）的秋季学年，由年级和核查日期所在学年推算",
        about_en=(
            "the autumn the class entered the first grade of its stage (1, 7 or 10), from its "
            "grade and the school year of the audit date (a school year starts on 1 September)"
        ),
    ),
)


def table_schema(name: str) -> TableSchema:
    for table in (*TABLES, STAGES):
        if table.name == name:
            return table
    raise KeyError(name)


__all__ = [
    "CLASSES",
    "CLASS_BANDS",
    "DERIVED_CLASS_COLUMNS",
    "INDICATORS",
    "SCHOOLS",
    "TABLES",
    "Column",
    "ColumnType",
    "EnumValue",
    "TableSchema",
    "table_schema",
]
