"""School columns for the rest of 太政办〔2023〕7号: layout, management, leadership, digital,
equity and the six key posts."""

from __future__ import annotations

from taikang_check.contract.types import (
    CAMPUS_VALUES,
    LOCATION_VALUES,
    Column,
    ColumnType,
    bool_column,
    count_column,
    number_column,
)

PLAN_COLUMNS: tuple[Column, ...] = (
    # Layout and boarding (二(一))
    Column(
        name="location_level",
        zh="驻地层级",
        type=ColumnType.ENUM,
        values=LOCATION_VALUES,
        about_zh="学校所在地：县城、乡镇驻地、中心村或一般村",
        about_en="where the school is: county town, township seat, central village or village",
    ),
    bool_column("boarding", "寄宿制", "是否为寄宿制学校", "is a boarding school"),
    count_column(
        "design_capacity",
        "设计规模",
        "规划、在建学校的设计规模（即规划学位数，人）；表头写“设计规模”，写作“规划学位数”的列不识别",
        "design capacity (planned places) of a planned or building school; the header is 设计规模 "
        "(a column headed 规划学位数 is not recognised)",
    ),
    Column(
        name="project",
        zh="建设项目",
        type=ColumnType.TEXT,
        about_zh="方案点名的建设项目名称，如“灵运初中”",
        about_en="name of a construction project named in the plan, e.g. 灵运初中",
    ),
    # Management and demonstration schools (二(二), 三(四))
    bool_column(
        "management_standard",
        "达到管理标准",
        "已达到义务教育管理标准",
        "meets the compulsory-education management standard",
    ),
    bool_column(
        "provincial_management_demo",
        "省级管理示范校",
        "省级义务教育管理示范校",
        "provincial management demonstration school",
    ),
    bool_column(
        "provincial_management_characteristic",
        "省级管理特色校",
        "省级义务教育管理特色校",
        "provincial management characteristic school",
    ),
    bool_column(
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
    bool_column(
        "party_led_principal_system",
        "党组织领导的校长负责制",
        "已实行中小学校党组织领导的校长负责制",
        "runs the party-organisation-led principal responsibility system",
    ),
    count_column("principal_rank", "校长职级", "校长职级，一至五级", "principal's rank, 1 to 5"),
    bool_column(
        "county_managed_hiring",
        "县管校聘",
        "教师“县管校聘”已实施",
        "teachers hired under 县管校聘 (county-managed, school-hired)",
    ),
    # Digital campus (三(二))
    bool_column(
        "digital_campus_standard",
        "数字校园达标",
        "达到《河南省中小学校数字校园评估标准》基本要求",
        "meets the Henan digital-campus standard",
    ),
    bool_column(
        "live_classes_needed",
        "需要网络直播课",
        "教学点是否有网络直播课需求",
        "teaching point needs live network classes",
    ),
    bool_column(
        "live_classes", "网络直播课覆盖", "已开通网络直播课", "live network classes reach it"
    ),
    # Equity and development (三(五)–三(七))
    bool_column(
        "education_group",
        "紧密型教育集团",
        "已加入紧密型教育集团",
        "member of a close-knit education group",
    ),
    count_column(
        "migrant_children",
        "随迁子女数",
        "在校随迁子女；十二年一贯制学校、完全中学填义务教育阶段的",
        "migrant children on roll; for a twelve-year or complete secondary school, those of "
        "its compulsory stages",
    ),
    count_column(
        "migrant_children_public",
        "公办或购买服务随迁子女数",
        "其中在公办学校或政府购买服务学位就读",
        "of which in public or government-purchased places",
    ),
    bool_column(
        "daily_exercise_hour",
        "每天锻炼一小时",
        "保证学生每天锻炼一小时",
        "students get an hour of exercise every day",
    ),
    count_column(
        "sports_competition_participants",
        "参加校级体育竞赛学生数",
        "本年度至少参加1次校级体育竞赛活动的学生数",
        "students who took part in at least one school sports competition this year",
    ),
    # The six key posts' duties, per semester (附件2(6))
    number_column(
        "principal_observation_coverage",
        "校长听评课覆盖率",
        "本学期校长听评课覆盖任课教师的比例（%）",
        "share of teachers whose lesson the principal observed this semester (%)",
    ),
    number_column(
        "principal_talk_coverage",
        "校长谈心覆盖率",
        "本学期校长谈心覆盖教师的比例（%）",
        "share of teachers the principal talked with this semester (%)",
    ),
    number_column(
        "home_visit_coverage",
        "班主任家访覆盖率",
        "本学期班主任家访覆盖学生的比例（%）",
        "share of students whose home a head teacher visited this semester (%)",
    ),
    count_column(
        "parents_meetings",
        "家长会次数",
        "本学期每班召开家长会的最少次数",
        "fewest parents' meetings held by a class this semester",
    ),
    number_column(
        "collective_preparation_weekly",
        "每周集体备课次数",
        "教研组每周集体备课次数（最少的教研组）",
        "collective lesson preparations a week (of the least active group)",
    ),
)
