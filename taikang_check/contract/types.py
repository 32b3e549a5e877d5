"""The building blocks of the data contract: column types, columns, tables (pydantic)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class ColumnType(StrEnum):
    TEXT = "text"
    COUNT = "count"  # whole number >= 0
    BOOL = "bool"
    ENUM = "enum"
    DATE = "date"
    GRADE = "grade"  # 1-12, Chinese spellings accepted
    YEAR = "year"
    NUMBER = "number"


class EnumValue(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    zh: str
    aliases: tuple[str, ...] = ()


class Column(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    zh: str
    type: ColumnType
    required: bool = False
    # Other headers that mean this column (the band table's 26～30人 for 26-30人).
    aliases: tuple[str, ...] = ()
    about_zh: str = ""
    about_en: str = ""
    values: tuple[EnumValue, ...] = ()
    # Value assumed for an absent column or a blank cell (only `status`: blank means open).
    default: str | None = None


class TableSchema(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    zh: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


KIND_VALUES = (
    EnumValue(code="kindergarten", zh="幼儿园", aliases=("幼儿园(所)", "kindergarten")),
    EnumValue(code="primary", zh="小学", aliases=("小学校", "完全小学")),
    EnumValue(code="junior", zh="初中", aliases=("初级中学", "独立初中", "junior_high")),
    EnumValue(code="nine_year", zh="九年一贯制", aliases=("九年一贯制学校", "nine-year")),
    EnumValue(code="twelve_year", zh="十二年一贯制", aliases=("十二年一贯制学校", "twelve-year")),
    EnumValue(code="complete_secondary", zh="完全中学", aliases=("完中",)),
    EnumValue(code="senior", zh="普通高中", aliases=("高中", "高级中学", "senior_high")),
    EnumValue(code="teaching_point", zh="教学点", aliases=("小学教学点", "teaching-point")),
    EnumValue(code="special", zh="特殊教育学校", aliases=("特教学校", "特殊教育")),
    EnumValue(code="vocational", zh="中等职业学校", aliases=("中职", "职业学校", "中等职业")),
)
OWNERSHIP_VALUES = (
    EnumValue(code="public", zh="公办"),
    EnumValue(code="private", zh="民办"),
    EnumValue(code="private_inclusive", zh="普惠性民办", aliases=("民办普惠", "普惠民办")),
)
AREA_VALUES = (
    EnumValue(code="urban", zh="城区"),
    EnumValue(code="town", zh="镇区"),
    EnumValue(code="rural", zh="乡村", aliases=("农村",)),
)
STATUS_VALUES = (
    EnumValue(code="open", zh="在办", aliases=("正常", "办学中")),
    EnumValue(code="closed", zh="已撤并", aliases=("撤并", "已撤销", "停办", "已停办")),
    EnumValue(code="planned", zh="规划", aliases=("规划中", "拟建")),
    EnumValue(code="building", zh="在建", aliases=("建设中",)),
)

LOCATION_VALUES = (
    EnumValue(code="county_town", zh="县城", aliases=("城区", "县城区")),
    EnumValue(code="township_seat", zh="乡镇驻地", aliases=("乡镇政府驻地", "集镇")),
    EnumValue(code="central_village", zh="中心村"),
    EnumValue(code="village", zh="一般村", aliases=("村",)),
)
CAMPUS_VALUES = (
    EnumValue(code="provincial", zh="省级"),
    EnumValue(code="municipal", zh="市级"),
    EnumValue(code="county", zh="县级"),
    EnumValue(code="none", zh="无", aliases=("否",)),
)


def count_column(
    name: str, zh: str, about_zh: str, about_en: str, required: bool = False
) -> Column:
    return Column(
        name=name,
        zh=zh,
        type=ColumnType.COUNT,
        required=required,
        about_zh=about_zh,
        about_en=about_en,
    )


def number_column(name: str, zh: str, about_zh: str, about_en: str) -> Column:
    return Column(name=name, zh=zh, type=ColumnType.NUMBER, about_zh=about_zh, about_en=about_en)


def bool_column(name: str, zh: str, about_zh: str, about_en: str) -> Column:
    return Column(name=name, zh=zh, type=ColumnType.BOOL, about_zh=about_zh, about_en=about_en)


# The grades of each school stage (the contract's `grade` column: 1–6, 7–9, 10–12).
STAGE_GRADES = {"primary": (1, 6), "junior": (7, 9), "senior": (10, 12)}
