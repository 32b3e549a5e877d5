"""The three input tables of the data contract, as pydantic models.

This is the one source the readers, the docs and the templates are driven from:
column names in English and Chinese, types, whether a column must be present,
and the allowed values of every enum column in both languages.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from taikang_check.indicators import CATALOGUE


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


def _count(name: str, zh: str, about_zh: str, about_en: str, required: bool = False) -> Column:
    return Column(
        name=name,
        zh=zh,
        type=ColumnType.COUNT,
        required=required,
        about_zh=about_zh,
        about_en=about_en,
    )


def _number(name: str, zh: str, about_zh: str, about_en: str) -> Column:
    return Column(name=name, zh=zh, type=ColumnType.NUMBER, about_zh=about_zh, about_en=about_en)


def _bool(name: str, zh: str, about_zh: str, about_en: str) -> Column:
    return Column(name=name, zh=zh, type=ColumnType.BOOL, about_zh=about_zh, about_en=about_en)


SCHOOLS = TableSchema(
    name="schools",
    zh="学校表",
    columns=(
        Column(
            name="school_id",
            zh="学校代码",
            type=ColumnType.TEXT,
            required=True,
            about_zh="文件内唯一",
            about_en="unique within the file",
        ),
        Column(
            name="county",
            zh="区县",
            type=ColumnType.TEXT,
            about_zh="填写时，县级结果按区县分别计算",
            about_en="county-scope results are computed per county",
        ),
        Column(
            name="name",
            zh="学校名称",
            type=ColumnType.TEXT,
            required=True,
            about_zh="学校或教学点名称",
            about_en="school or teaching-point name",
        ),
        Column(
            name="township",
            zh="乡镇",
            type=ColumnType.TEXT,
            required=True,
            about_zh="乡镇或街道",
            about_en="township or sub-district (街道)",
        ),
        Column(
            name="kind",
            zh="学校类型",
            type=ColumnType.ENUM,
            required=True,
            values=KIND_VALUES,
            about_zh="学校类型",
            about_en="kind of school",
        ),
        Column(
            name="ownership",
            zh="办学性质",
            type=ColumnType.ENUM,
            required=True,
            values=OWNERSHIP_VALUES,
            about_zh="公办或民办",
            about_en="public or private",
        ),
        Column(
            name="area",
            zh="城乡类别",
            type=ColumnType.ENUM,
            required=True,
            values=AREA_VALUES,
            about_zh="城区、镇区或乡村",
            about_en="urban, town or rural",
        ),
        Column(
            name="status",
            zh="办学状态",
            type=ColumnType.ENUM,
            values=STATUS_VALUES,
            default="open",
            about_zh="空白视为在办",
            about_en="blank means open",
        ),
        _count("students", "在校生数", "全部在校学生", "all students on roll", required=True),
        _count("classes", "班级数", "班级总数", "number of classes"),
        Column(
            name="opened",
            zh="开办日期",
            type=ColumnType.DATE,
            about_zh="YYYY-MM-DD",
            about_en="YYYY-MM-DD",
        ),
        _count(
            "max_class_size_primary",
            "小学最大班额",
            "1–6年级最大班额（无班级表时使用）",
            "largest class in grades 1–6 (used when no classes table is given)",
        ),
        _count(
            "max_class_size_junior",
            "初中最大班额",
            "7–9年级最大班额（无班级表时使用）",
            "largest class in grades 7–9 (used when no classes table is given)",
        ),
        _bool(
            "retention_approved",
            "确需保留",
            "经县级决定确需保留的教学点",
            "teaching point kept by decision of the county",
        ),
        _bool(
            "central_school_managed",
            "纳入中心校管理",
            "由乡镇中心校统一管理",
            "teaching point run by its township central school",
        ),
        _count(
            "primary_admissions", "小学招生数", "本年度一年级招生数", "this year's grade-1 intake"
        ),
        _count(
            "primary_zoned_admissions",
            "小学划片招生数",
            "其中划片就近入学人数",
            "of which admitted by zone",
        ),
        _count(
            "junior_admissions", "初中招生数", "本年度七年级招生数", "this year's grade-7 intake"
        ),
        _count(
            "junior_zoned_admissions",
            "初中划片招生数",
            "其中划片就近入学人数",
            "of which admitted by zone",
        ),
        _count(
            "disabled_inclusive",
            "随班就读残疾学生数",
            "随班就读的残疾学生",
            "disabled students in regular classes",
        ),
        _bool("resource_room", "资源教室", "是否设立资源教室", "has a resource room"),
        # Layout and boarding (二(一))
        Column(
            name="location_level",
            zh="驻地层级",
            type=ColumnType.ENUM,
            values=LOCATION_VALUES,
            about_zh="学校所在地：县城、乡镇驻地、中心村或一般村",
            about_en="where the school is: county town, township seat, central village or village",
        ),
        _bool("boarding", "寄宿制", "是否为寄宿制学校", "is a boarding school"),
        Column(
            name="project",
            zh="建设项目",
            type=ColumnType.TEXT,
            about_zh="方案点名的建设项目名称，如“灵运初中”",
            about_en="name of a construction project named in the plan, e.g. 灵运初中",
        ),
        # Management and demonstration schools (二(二), 三(四))
        _bool(
            "management_standard",
            "达到管理标准",
            "已达到义务教育管理标准",
            "meets the compulsory-education management standard",
        ),
        _bool(
            "provincial_management_demo",
            "省级管理示范校",
            "省级义务教育管理示范校",
            "provincial management demonstration school",
        ),
        _bool(
            "provincial_management_characteristic",
            "省级管理特色校",
            "省级义务教育管理特色校",
            "provincial management characteristic school",
        ),
        _bool(
            "municipal_management_demo",
            "市级管理示范校",
            "市级义务教育管理示范校",
            "municipal management demonstration school",
        ),
        Column(
            name="civilised_campus",
            zh="文明校园",
            type=ColumnType.ENUM,
            values=CAMPUS_VALUES,
            about_zh="已获文明校园的最高级别",
            about_en="highest civilised-campus title held",
        ),
        # Leadership and staffing (二(三), 三(七))
        _bool(
            "party_led_principal_system",
            "党组织领导的校长负责制",
            "已实行中小学校党组织领导的校长负责制",
            "runs the party-organisation-led principal responsibility system",
        ),
        _count("principal_rank", "校长职级", "校长职级，一至五级", "principal's rank, 1 to 5"),
        _bool(
            "county_managed_hiring",
            "县管校聘",
            "教师“县管校聘”已实施",
            "teachers hired under 县管校聘 (county-managed, school-hired)",
        ),
        # Digital campus (三(二))
        _bool(
            "digital_campus_standard",
            "数字校园达标",
            "达到《河南省中小学校数字校园评估标准》基本要求",
            "meets the Henan digital-campus standard",
        ),
        _bool(
            "live_classes_needed",
            "需要网络直播课",
            "教学点是否有网络直播课需求",
            "teaching point needs live network classes",
        ),
        _bool(
            "live_classes", "网络直播课覆盖", "已开通网络直播课", "live network classes reach it"
        ),
        # Equity and development (三(五)–三(七))
        _bool(
            "education_group",
            "紧密型教育集团",
            "已加入紧密型教育集团",
            "member of a close-knit education group",
        ),
        _count("migrant_children", "随迁子女数", "在校随迁子女", "migrant children on roll"),
        _count(
            "migrant_children_public",
            "公办或购买服务随迁子女数",
            "其中在公办学校或政府购买服务学位就读",
            "of which in public or government-purchased places",
        ),
        _bool(
            "daily_exercise_hour",
            "每天锻炼一小时",
            "保证学生每天锻炼一小时",
            "students get an hour of exercise every day",
        ),
        _count(
            "sports_competitions",
            "校级体育竞赛次数",
            "本年度举办校级体育竞赛次数",
            "school sports competitions held this year",
        ),
        # The six key posts' duties, per semester (附件2(6))
        _number(
            "principal_observation_coverage",
            "校长听评课覆盖率",
            "本学期校长听评课覆盖任课教师的比例（%）",
            "share of teachers whose lesson the principal observed this semester (%)",
        ),
        _number(
            "principal_talk_coverage",
            "校长谈心覆盖率",
            "本学期校长谈心覆盖教师的比例（%）",
            "share of teachers the principal talked with this semester (%)",
        ),
        _number(
            "home_visit_coverage",
            "班主任家访覆盖率",
            "本学期班主任家访覆盖学生的比例（%）",
            "share of students whose home a head teacher visited this semester (%)",
        ),
        _count(
            "parents_meetings",
            "家长会次数",
            "本学期每班召开家长会的最少次数",
            "fewest parents' meetings held by a class this semester",
        ),
        _number(
            "collective_preparation_weekly",
            "每周集体备课次数",
            "教研组每周集体备课次数（最少的教研组）",
            "collective lesson preparations a week (of the least active group)",
        ),
    ),
)

CLASSES = TableSchema(
    name="classes",
    zh="班级表",
    columns=(
        Column(
            name="school_id",
            zh="学校代码",
            type=ColumnType.TEXT,
            required=True,
            about_zh="须在学校表中存在",
            about_en="must exist in schools when both are given",
        ),
        Column(
            name="grade",
            zh="年级",
            type=ColumnType.GRADE,
            required=True,
            about_zh="1–12，或一年级…九年级、初一…初三、高一…高三",
            about_en="1–12, or 一年级…九年级, 初一…初三, 高一…高三",
        ),
        Column(
            name="class_name",
            zh="班级",
            type=ColumnType.TEXT,
            about_zh="班级名称",
            about_en="class name",
        ),
        _count("students", "学生数", "本班学生数", "students in the class", required=True),
    ),
)

INDICATORS = TableSchema(
    name="indicators",
    zh="县级指标表",
    columns=(
        Column(
            name="indicator",
            zh="指标",
            type=ColumnType.ENUM,
            required=True,
            values=tuple(EnumValue(code=i.code, zh=i.zh) for i in CATALOGUE),
            about_zh="指标代码或中文名称（见文档）",
            about_en="indicator code or its Chinese name (see the docs)",
        ),
        Column(
            name="year",
            zh="年度",
            type=ColumnType.YEAR,
            required=True,
            about_zh="2020–2100",
            about_en="2020–2100",
        ),
        Column(
            name="value",
            zh="数值",
            type=ColumnType.NUMBER,
            required=True,
            about_zh="比率填百分数：93.5 即 93.5%",
            about_en="rates as percentages: 93.5 means 93.5%",
        ),
        Column(
            name="county",
            zh="区县",
            type=ColumnType.TEXT,
            about_zh="多县审核时填写",
            about_en="for multi-county audits",
        ),
    ),
)

TABLES: tuple[TableSchema, ...] = (SCHOOLS, CLASSES, INDICATORS)


def table_schema(name: str) -> TableSchema:
    for table in TABLES:
        if table.name == name:
            return table
    raise KeyError(name)
