"""The columns the contract fixes: the core of schools, and the classes and indicators tables."""

from __future__ import annotations

from taikang_check.contract.indicators import CATALOGUE
from taikang_check.contract.types import (
    AREA_VALUES,
    KIND_VALUES,
    OWNERSHIP_VALUES,
    STATUS_VALUES,
    Column,
    ColumnType,
    EnumValue,
    bool_column,
    count_column,
)

SCHOOL_COLUMNS: tuple[Column, ...] = (
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
    count_column("students", "在校生数", "全部在校学生", "all students on roll", required=True),
    count_column("classes", "班级数", "班级总数", "number of classes"),
    Column(
        name="opened",
        zh="开办日期",
        type=ColumnType.DATE,
        about_zh="YYYY-MM-DD",
        about_en="YYYY-MM-DD",
    ),
    count_column(
        "max_class_size_primary",
        "小学最大班额",
        "1–6年级最大班额（无班级表时使用）",
        "largest class in grades 1–6 (used when no classes table is given)",
    ),
    count_column(
        "max_class_size_junior",
        "初中最大班额",
        "7–9年级最大班额（无班级表时使用）",
        "largest class in grades 7–9 (used when no classes table is given)",
    ),
    bool_column(
        "retention_approved",
        "确需保留",
        "经县级决定确需保留的教学点",
        "teaching point kept by decision of the county",
    ),
    bool_column(
        "central_school_managed",
        "纳入中心校管理",
        "由乡镇中心校统一管理",
        "teaching point run by its township central school",
    ),
    count_column(
        "primary_admissions", "小学招生数", "本年度一年级招生数", "this year's grade-1 intake"
    ),
    count_column(
        "primary_zoned_admissions",
        "小学划片招生数",
        "其中划片就近入学人数",
        "of which admitted by zone",
    ),
    count_column(
        "junior_admissions", "初中招生数", "本年度七年级招生数", "this year's grade-7 intake"
    ),
    count_column(
        "junior_zoned_admissions",
        "初中划片招生数",
        "其中划片就近入学人数",
        "of which admitted by zone",
    ),
    count_column(
        "disabled_inclusive",
        "随班就读残疾学生数",
        "随班就读的残疾学生",
        "disabled students in regular classes",
    ),
    bool_column("resource_room", "资源教室", "是否设立资源教室", "has a resource room"),
)

CLASS_COLUMNS: tuple[Column, ...] = (
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
    count_column("students", "学生数", "本班学生数", "students in the class", required=True),
)

INDICATOR_COLUMNS: tuple[Column, ...] = (
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
)
