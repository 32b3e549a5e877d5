"""The documented list of county indicator codes (the `indicator` column of the indicators table).

Rates are percentages (93.5 means 93.5%); counts of people, schools or studios are cumulative
where the plan sets cumulative milestones, and per year where it sets yearly figures.
"""

from __future__ import annotations

from typing import NamedTuple


class Indicator(NamedTuple):
    code: str
    zh: str
    unit: str
    en: str


_code = Indicator


_CATALOGUE = (
    # 二(四) enrolment targets
    _code(
        "preschool_gross_enrolment_rate",
        "学前三年毛入园率",
        "%",
        "gross 3-year pre-school enrolment rate",
    ),
    _code(
        "inclusive_kindergarten_coverage",
        "普惠性幼儿园覆盖率",
        "%",
        "share of children in inclusive (public or 普惠性民办) kindergartens",
    ),
    _code(
        "public_kindergarten_share",
        "公办园在园幼儿占比",
        "%",
        "share of kindergarten children in public kindergartens",
    ),
    _code(
        "compulsory_enrolment_rate", "义务教育入学率", "%", "compulsory-education enrolment rate"
    ),
    _code(
        "compulsory_retention_rate", "义务教育巩固率", "%", "compulsory-education retention rate"
    ),
    _code(
        "senior_gross_enrolment_rate",
        "高中阶段毛入学率",
        "%",
        "gross senior-secondary enrolment rate",
    ),
    # 三(一) construction programme, cumulative since 2023
    _code(
        "rural_boarding_primary_built",
        "农村寄宿制小学新建改扩建累计",
        "所",
        "rural boarding primary schools built or expanded, cumulative",
    ),
    _code(
        "rural_boarding_junior_built",
        "农村寄宿制初中新建改扩建累计",
        "所",
        "rural boarding junior schools built or expanded, cumulative",
    ),
    _code(
        "rural_kindergartens_built",
        "农村幼儿园新建改扩建累计",
        "所",
        "rural kindergartens built or expanded, cumulative",
    ),
    _code(
        "urban_schools_built",
        "城区中小学新建改扩建累计",
        "所",
        "urban primary and junior schools built or expanded, cumulative",
    ),
    _code(
        "urban_kindergartens_built",
        "城区幼儿园新建改扩建累计",
        "所",
        "urban kindergartens built or expanded, cumulative",
    ),
    # 三(二) digital campus
    _code(
        "digital_campus_demo_schools",
        "数字校园示范校",
        "所",
        "digital-campus demonstration schools",
    ),
    _code(
        "online_class_demo_schools",
        "名校网络课堂示范校",
        "所",
        "名校网络课堂 demonstration schools",
    ),
    # 三(三) teachers and principals
    _code(
        "new_famous_teachers",
        "新培养省市级名师累计",
        "名",
        "provincial and municipal famous teachers, cumulative since 2023",
    ),
    _code(
        "new_backbone_teachers",
        "新培养骨干教师累计",
        "名",
        "backbone teachers, cumulative since 2023",
    ),
    _code(
        "municipal_famous_teacher_studios",
        "市级名师工作室累计",
        "个",
        "municipal famous-teacher studios, cumulative",
    ),
    _code(
        "rural_teacher_training",
        "农村教师培训人次",
        "人次",
        "rural teacher training, person-times in the year",
    ),
    _code(
        "municipal_head_teacher_studios",
        "市级名班主任工作室累计",
        "个",
        "municipal head-teacher studios, cumulative",
    ),
    _code(
        "provincial_head_teacher_studios",
        "省级名班主任工作室累计",
        "个",
        "provincial head-teacher studios, cumulative",
    ),
    _code("principals_trained", "中小学校长培训人数", "名", "principals trained in the year"),
    _code(
        "principal_training_batches",
        "校长培训批次",
        "批",
        "batches of principal training in the year",
    ),
    _code(
        "county_famous_principal_studios",
        "县级名校长工作室累计",
        "个",
        "county famous-principal studios, cumulative",
    ),
    _code(
        "primary_students_per_staff_post",
        "小学生编比",
        "人/编",
        "primary students per approved staff post (核定教职工编制), county",
    ),
    _code(
        "junior_students_per_staff_post",
        "初中生编比",
        "人/编",
        "junior students per approved staff post (核定教职工编制), county",
    ),
    # 三(四) management, moral education, civilised campuses
    _code(
        "management_schools_evaluated",
        "义务教育管理标准化评估验收学校数",
        "所",
        "schools evaluated for the management standard in the year",
    ),
    _code(
        "provincial_moral_collectives",
        "省级德育工作先进集体",
        "个",
        "provincial moral-education advanced collectives",
    ),
    _code(
        "municipal_moral_collectives",
        "市级德育工作先进集体",
        "个",
        "municipal moral-education advanced collectives",
    ),
    _code(
        "provincial_moral_individuals",
        "省级德育工作先进个人",
        "名",
        "provincial moral-education advanced individuals",
    ),
    _code(
        "municipal_moral_individuals",
        "市级德育工作先进个人",
        "名",
        "municipal moral-education advanced individuals",
    ),
    # 三(五) equity
    _code(
        "senior_quota_allocation_share",
        "优质普通高中分配生比例",
        "%",
        "share of quality senior-high places allocated to junior schools",
    ),
    _code(
        "migrant_children_public_share",
        "随迁子女在公办和政府购买服务学校就读比例",
        "%",
        "migrant children in public or government-purchased places",
    ),
    _code(
        "disabled_children_enrolment_rate",
        "适龄残疾儿童义务教育入学率",
        "%",
        "compulsory enrolment rate of disabled children",
    ),
    _code(
        "special_education_funding_per_student",
        "特殊教育生均公用经费",
        "元",
        "special-education public funding per student per year",
    ),
    _code(
        "special_education_resource_centres",
        "高标准特殊教育资源中心",
        "个",
        "high-standard special-education resource centres",
    ),
    # 三(七) reform
    _code(
        "new_close_knit_groups",
        "新增紧密型教育集团",
        "个",
        "new close-knit education groups in the year",
    ),
    _code("alliance_groups", "联盟型教育集团", "个", "alliance-type education groups"),
    _code(
        "vocational_places_added",
        "新增职业教育学位累计",
        "个",
        "vocational places added, cumulative since 2023",
    ),
    # 教督〔2017〕6号: government guarantee and quality indicators of the national standard
    _code(
        "teacher_training_completion",
        "教师5年360学时培训完成率",
        "%",
        "share of teachers completing 360 training hours in 5 years",
    ),
    _code(
        "teacher_rotation_share",
        "交流轮岗教师比例",
        "%",
        "teachers rotated, as a share of teachers eligible for rotation",
    ),
    _code(
        "backbone_rotation_share",
        "骨干教师占交流轮岗教师比例",
        "%",
        "backbone teachers among the teachers rotated",
    ),
    _code(
        "teaching_certificate_rate",
        "专任教师持证上岗率",
        "%",
        "full-time teachers holding a teaching certificate",
    ),
    _code("junior_retention_rate", "初中三年巩固率", "%", "three-year junior retention rate"),
    _code("social_recognition_rate", "社会认可度", "%", "social recognition (survey), percent"),
    _code(
        "quality_monitoring_level",
        "质量监测学业水平等级",
        "级",
        "national quality monitoring: the lowest level (1–4, Ⅰ–Ⅳ) of the subjects monitored",
    ),
    _code(
        "quality_monitoring_school_gap",
        "质量监测校际差异率",
        "",
        "national quality monitoring: the largest inter-school gap rate of those subjects",
    ),
    # 四(二) funding
    _code(
        "education_budget_spending",
        "一般公共预算教育支出",
        "万元",
        "general public budget spending on education",
    ),
    _code(
        "education_spending_per_student",
        "生均一般公共预算教育支出",
        "元",
        "general public budget education spending per student",
    ),
    _code("teacher_average_pay", "教师平均工资收入", "元", "teachers' average pay"),
    _code(
        "civil_servant_average_pay", "当地公务员平均工资", "元", "local civil servants' average pay"
    ),
    _code(
        "education_surcharge_assessed",
        "教育费附加应征额",
        "万元",
        "education surcharge (教育费附加) due in the year",
    ),
    _code(
        "education_surcharge_collected",
        "教育费附加实征额",
        "万元",
        "education surcharge collected in the year",
    ),
)

CATALOGUE: tuple[Indicator, ...] = _CATALOGUE
BY_CODE: dict[str, Indicator] = {item.code: item for item in CATALOGUE}
