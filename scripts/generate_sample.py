"""Generate the SYNTHETIC sample data set of taikang-check (data/sample/).

Everything written here is SYNTHETIC: invented schools, villages, classes and numbers,
shaped like a county of eastern Henan so that every core rule of the contract has
passing and failing rows. It is NOT real data of Taikang County (太康县) and says nothing
about any real school; the county column reads "太康县（模拟）" to make that plain.

`--counties N` writes a city of N such counties instead (the sample county first, then
others drawn from their own seeds, each with a twelve-year school; 2 <= N <= 4), with a
区县 column in the indicators too and no README: the multi-county data of the tests.

The output is deterministic: one fixed seed, a fixed iteration order and fixed line
endings, so two runs write byte-identical files.

    python scripts/generate_sample.py [--out DIR] [--counties N]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

SEED = 20230510
# A second, independent stream for the columns and project schools added later, so the rows
# and cells drawn from SEED (and the violations planted in them) stay exactly as they were.
EXTRA_SEED = 20250630
COUNTY = "太康县（模拟）"
ID_PREFIX = "411627"
# The counties of a multi-county set (build_city), with the prefix of their school ids.
CITY: tuple[tuple[str, str], ...] = (
    (COUNTY, ID_PREFIX),
    ("扶沟县（模拟）", "411621"),
    ("西华县（模拟）", "411622"),
    ("商水县（模拟）", "411623"),
)
# 太政办〔2023〕7号 三(九) says the share "不超过5%的指标不反弹": already at or below 5%.
PRIVATE_SHARE_TARGET = 0.048

TOWNSHIPS: tuple[str, ...] = (
    "城关回族镇", "常营镇", "逊母口镇", "老冢镇", "朱口镇", "马头镇", "龙曲镇", "板桥镇",
    "符草楼镇", "马厂镇", "毛庄镇", "张集镇", "清集镇", "转楼镇", "大许寨镇",
    "城郊乡", "杨庙乡", "王集乡", "高贤乡", "芝麻洼乡", "独塘乡", "五里口乡", "高朗乡",
)  # fmt: skip
CHENGGUAN, CHENGJIAO = "城关回族镇", "城郊乡"

KINDERGARTEN, PRIMARY, JUNIOR, NINE_YEAR = "幼儿园", "小学", "初中", "九年一贯制"
COMPLETE, SENIOR, TEACHING_POINT = "完全中学", "普通高中", "教学点"
TWELVE_YEAR = "十二年一贯制"  # only in the other counties of a multi-county set
SPECIAL, VOCATIONAL = "特殊教育学校", "中等职业学校"
PUBLIC, PRIVATE, INCLUSIVE = "公办", "民办", "普惠性民办"
URBAN, TOWN, RURAL = "城区", "镇区", "乡村"
OPEN, CLOSED, PLANNED, BUILDING = "在办", "已撤并", "规划", "在建"

KIND_ORDER = (
    PRIMARY, TEACHING_POINT, JUNIOR, NINE_YEAR, COMPLETE, SENIOR, KINDERGARTEN, SPECIAL,
    VOCATIONAL,
)  # fmt: skip
COMPULSORY_KINDS = (PRIMARY, JUNIOR, NINE_YEAR, TEACHING_POINT)
DIRECT_KINDS = (KINDERGARTEN, SPECIAL, VOCATIONAL)  # no rows in classes.csv
PRIMARY_GRADES = (1, 2, 3, 4, 5, 6)
JUNIOR_GRADES = (7, 8, 9)
SENIOR_GRADES = (10, 11, 12)
GRADES_BY_KIND: dict[str, tuple[int, ...]] = {
    PRIMARY: PRIMARY_GRADES,
    JUNIOR: JUNIOR_GRADES,
    NINE_YEAR: PRIMARY_GRADES + JUNIOR_GRADES,
    COMPLETE: JUNIOR_GRADES + SENIOR_GRADES,
    TWELVE_YEAR: PRIMARY_GRADES + JUNIOR_GRADES + SENIOR_GRADES,
    SENIOR: SENIOR_GRADES,
}
GRADE_NAMES = (
    "", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级",
    "七年级", "八年级", "九年级", "高一", "高二", "高三",
)  # fmt: skip

SCHOOL_HEADER = (
    "学校代码", "区县", "学校名称", "乡镇", "学校类型", "办学性质", "城乡类别", "办学状态",
    "在校生数", "班级数", "开办日期", "小学最大班额", "初中最大班额", "确需保留",
    "纳入中心校管理", "小学招生数", "小学划片招生数", "初中招生数", "初中划片招生数",
    "随班就读残疾学生数", "资源教室",
)  # fmt: skip
# The optional columns of the contract, in its order, after the ones above.
EXTRA_HEADER = (
    "驻地层级", "寄宿制", "设计规模", "建设项目", "达到管理标准", "省级管理示范校",
    "省级管理特色校", "市级管理示范校", "文明校园", "党组织领导的校长负责制", "校长职级",
    "县管校聘", "数字校园达标", "需要网络直播课", "网络直播课覆盖", "紧密型教育集团", "随迁子女数",
    "公办或购买服务随迁子女数", "每天锻炼一小时", "参加校级体育竞赛学生数", "校长听评课覆盖率",
    "校长谈心覆盖率", "班主任家访覆盖率", "家长会次数", "每周集体备课次数",
)  # fmt: skip
CLASS_HEADER = ("学校代码", "年级", "班级", "学生数")
INDICATOR_HEADER = ("指标", "年度", "数值")

# 驻地层级 and 文明校园 values.
COUNTY_TOWN, SEAT, CENTRAL_VILLAGE, VILLAGE = "县城", "乡镇驻地", "中心村", "一般村"
PROVINCIAL, MUNICIPAL, COUNTY_LEVEL, NO_TITLE = "省级", "市级", "县级", "无"
SCHOOL_KINDS = (PRIMARY, JUNIOR, NINE_YEAR, TWELVE_YEAR, COMPLETE, SENIOR)  # 中小学 without 教学点

SURNAMES = (
    "李王张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
    "彭田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈崔谭陆范石贾夏付方邹"
)
SUFFIXES = "庄楼寨集营店岗洼桥屯湾园口坡阁庙"
KINDERGARTEN_BRANDS = (
    "小太阳", "育才", "金色童年", "蓝天", "贝贝", "启明星", "童心", "阳光", "七彩",
    "小天使", "爱心", "博雅", "新星", "快乐宝贝", "春苗", "小博士", "智慧树", "金太阳",
)  # fmt: skip
NUMERALS = "一二三四五六七八九十"

# Teaching-point sizes: (weight, lowest, highest) per band of the plan's 三(一).
TEACHING_POINT_BANDS = ((62, 8, 50), (23, 51, 100), (11, 101, 200), (4, 201, 260))
# Planted exact edges of the teaching-point bands.
TEACHING_POINT_EDGES = (50, 51, 100, 101, 200, 201)


@dataclass(frozen=True)
class Profile:
    """How crowded the classes of one kind of location are."""

    primary: tuple[int, int]  # usual range of a grade 1-6 class
    junior: tuple[int, int]  # usual range of a grade 7-9 class
    over_primary: float  # chance of a 46-55 class in grades 1-6
    over_junior: float  # chance of a 51-55 class in grades 7-9
    large: float  # chance of a 56-70 class (大班额)


PROFILES: dict[str, Profile] = {
    "city": Profile((40, 45), (44, 50), 0.30, 0.20, 0.035),
    "private": Profile((40, 45), (44, 50), 0.30, 0.25, 0.05),
    "seat": Profile((30, 45), (38, 50), 0.10, 0.08, 0.007),
    "village": Profile((14, 40), (24, 45), 0.02, 0.02, 0.002),
    "tiny": Profile((4, 15), (4, 15), 0.0, 0.0, 0.0),
    "new": Profile((38, 45), (42, 50), 0.0, 0.0, 0.0),  # built to the standard class sizes
}
SENIOR_CLASS = (48, 66)


@dataclass
class Klass:
    """One row of classes.csv."""

    grade: int
    number: int
    students: int


@dataclass
class Extras:
    """The optional columns of the contract beyond the core ones; None is a blank cell."""

    location: str | None = None  # 驻地层级
    boarding: bool | None = None
    capacity: int | None = None  # 设计规模 of a planned or building school
    project: str | None = None
    standard: bool | None = None  # 达到管理标准
    provincial_demo: bool | None = None
    provincial_characteristic: bool | None = None
    municipal_demo: bool | None = None
    civilised: str | None = None
    party_led: bool | None = None
    rank: int | None = None
    county_hiring: bool | None = None
    digital: bool | None = None
    live_needed: bool | None = None
    live: bool | None = None
    group: bool | None = None
    migrants: int | None = None
    migrants_public: int | None = None
    exercise: bool | None = None
    competitions: int | None = None  # drawn, not written: how many competitions were held
    participants: int | None = None  # 参加校级体育竞赛学生数
    observation: float | None = None
    talk: float | None = None
    home_visit: float | None = None
    meetings: int | None = None
    preparation: float | None = None


@dataclass
class School:
    """One row of schools.csv and the classes behind it."""

    name: str
    township: str
    kind: str
    ownership: str
    area: str
    opened: date
    status: str = OPEN
    profile: str = "village"
    grades: tuple[int, ...] = ()
    sections: tuple[int, int] = (1, 1)  # classes per grade, lowest and highest
    school_id: str = ""
    classes: list[Klass] = field(default_factory=list)
    direct_students: int | None = None  # schools without class rows
    direct_class_count: int | None = None
    idle: bool = False
    tp_target: int = 0
    retention: bool | None = None
    central_managed: bool | None = None
    primary_admissions: int | None = None
    primary_zoned: int | None = None
    junior_admissions: int | None = None
    junior_zoned: int | None = None
    disabled: int | None = None
    resource_room: bool | None = None
    extra: Extras = field(default_factory=Extras)
    national: National | None = None  # the national resource columns
    guarantee: Guarantee | None = None  # the national standard's rooms and funds

    @property
    def students(self) -> int:
        if self.direct_students is not None:
            return self.direct_students
        return sum(k.students for k in self.classes)

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


# --------------------------------------------------------------------------- names


def village_pool(rng: random.Random, count: int) -> list[str]:
    """Distinct invented village names such as 李庄, 前王楼."""
    names = [s + x for s in SURNAMES for x in SUFFIXES]
    names = [n for n in names if not any(n in t for t in TOWNSHIPS)]
    picked = rng.sample(names, count)
    return [rng.choice("前后东西大小") + n if rng.random() < 0.15 else n for n in picked]


def school_day(year: int) -> date:
    return date(year, 9, 1)


def any_day(rng: random.Random, first: int, last: int) -> date:
    start = date(first, 1, 1)
    return start + timedelta(days=rng.randrange((date(last, 12, 31) - start).days))


# ---------------------------------------------------------------- rural townships


def seat_area(township: str) -> str:
    # Statistical urban-rural codes: a 镇's seat is 镇区 (121), a 乡's seat 乡村 (210).
    return TOWN if township.endswith("镇") else RURAL


def public_school(
    name: str,
    town: str,
    kind: str,
    area: str,
    opened: date,
    profile: str,
    sections: tuple[int, int],
) -> School:
    """A public school whose classes are drawn from its profile."""
    grades = GRADES_BY_KIND[kind]
    return School(
        name, town, kind, PUBLIC, area, opened, profile=profile, grades=grades, sections=sections
    )


def central_primaries(rng: random.Random, town: str) -> list[School]:
    area = seat_area(town)
    big = area == TOWN
    opened = school_day(rng.randint(1950, 1975))
    sections = (5, 8) if big else (4, 6)
    schools = [public_school(f"{town}中心小学", town, PRIMARY, area, opened, "seat", sections)]
    if big and rng.random() < 0.6:
        opened = school_day(rng.randint(1978, 2005))
        schools.append(
            public_school(f"{town}第二小学", town, PRIMARY, area, opened, "seat", (3, 5))
        )
    return schools


def village_primary(rng: random.Random, town: str, village: str) -> School:
    opened = school_day(rng.randint(1952, 1990))
    return public_school(f"{town}{village}小学", town, PRIMARY, RURAL, opened, "village", (1, 2))


def junior_schools(rng: random.Random, town: str) -> list[School]:
    """One big junior school at the seat, or a first one there and a second in a village."""
    area = seat_area(town)
    opened = school_day(rng.randint(1956, 1980))
    if rng.random() < 0.4:
        return [public_school(f"{town}初级中学", town, JUNIOR, area, opened, "seat", (8, 14))]
    second = school_day(rng.randint(1968, 1990))
    return [
        public_school(f"{town}第一初级中学", town, JUNIOR, area, opened, "seat", (7, 12)),
        public_school(f"{town}第二初级中学", town, JUNIOR, RURAL, second, "village", (4, 6)),
    ]


def nine_year_school(rng: random.Random, town: str, village: str) -> School:
    opened = school_day(rng.randint(1985, 2015))
    return public_school(f"{town}{village}学校", town, NINE_YEAR, RURAL, opened, "village", (2, 3))


def teaching_point(rng: random.Random, town: str, village: str) -> School:
    weights = [band[0] for band in TEACHING_POINT_BANDS]
    _, low, high = rng.choices(TEACHING_POINT_BANDS, weights=weights)[0]
    opened = school_day(rng.randint(1960, 2008))
    point = School(f"{town}{village}教学点", town, TEACHING_POINT, PUBLIC, RURAL, opened)
    point.tp_target = rng.randint(low, high)
    point.retention, point.central_managed = False, rng.random() < 0.9
    return point


def kindergarten(
    rng: random.Random, name: str, town: str, ownership: str, area: str, size: tuple[int, int]
) -> School:
    opened = any_day(rng, 1990 if ownership == PUBLIC else 1998, 2021)
    students = rng.randint(*size)
    school = School(name, town, KINDERGARTEN, ownership, area, opened, direct_students=students)
    school.direct_class_count = -(-students // 30)
    return school


def kindergartens(
    rng: random.Random, town: str, places: list[str], count: int, stem: str = ""
) -> list[School]:
    """A public central kindergarten, then a mix of public, private and 普惠 ones."""
    stem = stem or town
    brands = rng.sample(KINDERGARTEN_BRANDS, count)
    area = URBAN if town in (CHENGGUAN, CHENGJIAO) else seat_area(town)
    central = "实验幼儿园" if stem != town else "中心幼儿园"
    schools = [kindergarten(rng, f"{stem}{central}", town, PUBLIC, area, (220, 480))]
    for index in range(1, count):
        ownership = rng.choices((PUBLIC, PRIVATE, INCLUSIVE), weights=(2, 4, 4))[0]
        where = area if area == URBAN or rng.random() < 0.5 else RURAL
        name = f"{stem}{brands[index]}幼儿园"
        if ownership == PUBLIC:
            name = f"{stem}{places[index]}幼儿园"
        schools.append(kindergarten(rng, name, town, ownership, where, (60, 320)))
    return schools


def closed_school(rng: random.Random, town: str, village: str, kind: str) -> School:
    """A merged (已撤并) school still listed with the few pupils it had left."""
    opened = school_day(rng.randint(1958, 1985))
    if kind == TEACHING_POINT:
        name, grades = f"{town}{village}教学点", (1, 2, 3)[: rng.randint(1, 3)]
    else:
        name, grades = f"{town}{village}小学", (4, 5, 6)
    school = School(name, town, kind, PUBLIC, RURAL, opened, status=CLOSED, profile="tiny")
    school.grades = grades
    return school


def rural_township(rng: random.Random, town: str, closed_kind: str | None) -> list[School]:
    villages = village_pool(rng, 32)
    n_village = rng.randint(7, 12)
    n_points = rng.randint(2, 6)
    schools = central_primaries(rng, town)
    schools += [village_primary(rng, town, v) for v in villages[:n_village]]
    schools += junior_schools(rng, town)
    if rng.random() < 0.6:
        schools.append(nine_year_school(rng, town, villages[n_village + 1]))
    spots = villages[n_village + 2 : n_village + 2 + n_points]
    schools += [teaching_point(rng, town, v) for v in spots]
    schools += kindergartens(rng, town, villages[20:], rng.randint(3, 7))
    if closed_kind is not None:
        schools.append(closed_school(rng, town, villages[-1], closed_kind))
    return schools


# ------------------------------------------------------------------- county town


def city_school(
    rng: random.Random, name: str, town: str, kind: str, sections: tuple[int, int]
) -> School:
    opened = school_day(rng.randint(1950, 2012))
    return public_school(name, town, kind, URBAN, opened, "city", sections)


def chengguan(rng: random.Random) -> list[School]:
    town = CHENGGUAN
    schools = [
        city_school(rng, f"太康县第{NUMERALS[i]}实验小学", town, PRIMARY, (8, 13)) for i in range(4)
    ]
    schools += [
        city_school(rng, f"太康县城关回族镇第{NUMERALS[i]}小学", town, PRIMARY, (7, 11))
        for i in range(2)
    ]
    schools.append(city_school(rng, "太康县回民小学", town, PRIMARY, (3, 5)))
    schools += [
        city_school(rng, f"太康县第{NUMERALS[i]}初级中学", town, JUNIOR, (15, 22)) for i in range(3)
    ]
    schools += new_city_schools(rng, town)
    quarters = ["城关", "东关", "西关", "南关", "北关", "城东", "城西", "城南", "城北"]
    schools += kindergartens(rng, town, quarters, 9, stem="太康县")
    return schools


def new_city_schools(rng: random.Random, town: str) -> list[School]:
    """Schools opened in September 2023 and projects of the plan (三(一))."""
    lingyun = city_school(rng, "太康县灵运小学", town, PRIMARY, (7, 9))
    lingyun.grades, lingyun.opened = (1, 2, 3), school_day(2023)
    lingyun_junior = city_school(rng, "太康县灵运初级中学", town, JUNIOR, (12, 14))
    lingyun_junior.grades, lingyun_junior.opened = (7,), school_day(2023)
    opening = school_day(2025)
    yangxia = School("太康县阳夏小学", town, PRIMARY, PUBLIC, URBAN, opening, status=PLANNED)
    yangxia.direct_students = 0  # not open yet
    yangxia.extra.capacity = 2400  # designed over the 2,000 cap
    binhu = School("太康县滨湖花园小学", CHENGJIAO, PRIMARY, PUBLIC, URBAN, opening)
    binhu.status, binhu.direct_students, binhu.extra.capacity = BUILDING, 0, 1800
    return [lingyun, lingyun_junior, yangxia, binhu]


def chengjiao(rng: random.Random) -> list[School]:
    town = CHENGJIAO
    villages = village_pool(rng, 16)
    schools = [
        city_school(rng, "城郊乡中心小学", town, PRIMARY, (7, 10)),
        city_school(rng, "太康县长兴路小学", town, PRIMARY, (8, 12)),
        city_school(rng, "太康县第四初级中学", town, JUNIOR, (13, 20)),
        city_school(rng, "太康县第五初级中学", town, JUNIOR, (12, 18)),
    ]
    schools += [village_primary(rng, town, v) for v in villages[:4]]
    schools += [teaching_point(rng, town, v) for v in villages[4:6]]
    schools += kindergartens(rng, town, villages[6:], 8)
    return schools


def county_schools(rng: random.Random) -> list[School]:
    """Schools run by the county itself (block 00 of the school ids)."""
    seniors = [
        city_school(rng, "太康县第一高级中学", CHENGGUAN, SENIOR, (28, 32)),
        city_school(rng, "太康县第二高级中学", CHENGGUAN, SENIOR, (20, 24)),
        city_school(rng, "太康县第三高级中学", CHENGJIAO, SENIOR, (16, 20)),
        city_school(rng, "太康县一高附中", CHENGJIAO, COMPLETE, (8, 10)),
    ]
    xinshidai = city_school(rng, "太康县新时代高级中学", CHENGJIAO, SENIOR, (10, 12))
    xinshidai.grades, xinshidai.opened = (10,), school_day(2023)
    special = School("太康县特殊教育学校", CHENGGUAN, SPECIAL, PUBLIC, URBAN, school_day(2009))
    special.direct_students, special.direct_class_count = 186, 16
    vocational = School(
        "太康县弘源职业学校", CHENGJIAO, VOCATIONAL, PRIVATE, URBAN, school_day(2004)
    )
    vocational.direct_students, vocational.direct_class_count = 2860, 58
    return [*seniors, xinshidai, special, vocational]


# -------------------------------------------------------------------- private


PRIVATE_SCHOOLS: tuple[tuple[str, str, str, str, float], ...] = (
    ("太康县英才学校", CHENGGUAN, NINE_YEAR, URBAN, 0.30),
    ("太康县育英小学", CHENGGUAN, PRIMARY, URBAN, 0.16),
    ("太康县博文初级中学", CHENGGUAN, JUNIOR, URBAN, 0.24),
    ("太康县明德学校", CHENGJIAO, NINE_YEAR, URBAN, 0.22),
    ("逊母口镇启智小学", "逊母口镇", PRIMARY, TOWN, 0.08),
)


def compulsory_students(schools: list[School], ownership: str | None = None) -> int:
    return sum(
        s.students
        for s in schools
        if s.is_open
        and s.kind in COMPULSORY_KINDS
        and (ownership is None or s.ownership == ownership)
    )


def private_schools(rng: random.Random, public_students: int) -> list[School]:
    """Private schools sized so that the private share ends just below the target."""
    total = public_students * PRIVATE_SHARE_TARGET / (1 - PRIVATE_SHARE_TARGET)
    schools = []
    for name, town, kind, area, weight in PRIVATE_SCHOOLS:
        grades = GRADES_BY_KIND[kind]
        per_grade = -(-round(total * weight) // (len(grades) * 42))
        opened = school_day(rng.randint(2003, 2016))
        school = School(name, town, kind, PRIVATE, area, opened, profile="private", grades=grades)
        school.sections = (per_grade, per_grade)
        build_classes(rng, school)
        trim_classes(school, round(total * weight))
        schools.append(school)
    return schools


def trim_classes(school: School, target: int) -> None:
    """Drop the last class of the fullest grade until the school has <= target students."""
    while school.students > target:
        grade = max(school.grades, key=lambda g: (sum(k.grade == g for k in school.classes), g))
        last = max((k for k in school.classes if k.grade == grade), key=lambda k: k.number)
        school.classes.remove(last)


# -------------------------------------------------------------------- classes


def class_size(rng: random.Random, profile: Profile, grade: int) -> int:
    if grade >= 10:
        return rng.randint(*SENIOR_CLASS)
    junior = grade >= 7
    roll = rng.random()
    if roll < profile.large:  # 大班额; few of 66 or more, as in Henan
        if rng.random() < 0.05:
            return rng.randint(66, 70)
        return 56 + min(int(rng.triangular(0, 10, 0)), 9)
    if roll < profile.large + (profile.over_junior if junior else profile.over_primary):
        if junior:
            return 51 + min(int(rng.triangular(0, 5, 0)), 4)
        return 46 + min(int(rng.triangular(0, 10, 0)), 9)
    return rng.randint(*(profile.junior if junior else profile.primary))


def split(rng: random.Random, total: int, parts: int) -> list[int]:
    """Split total into parts of similar size, each at least 1."""
    weights = [rng.uniform(0.75, 1.25) for _ in range(parts)]
    scale = sum(weights)
    sizes = [max(1, int(total * w / scale)) for w in weights]
    for index in range(total - sum(sizes)):
        sizes[index % parts] += 1
    return sizes


def teaching_point_grades(rng: random.Random, target: int) -> tuple[int, ...]:
    if target == 0:
        return ()
    if target <= 50:
        grades = (1, 2, 3)[: rng.choice((2, 3, 3))]
        return (2, 3) if rng.random() < 0.12 else grades
    if target <= 100:
        return (1, 2, 3, 4)
    return PRIMARY_GRADES


def build_classes(rng: random.Random, school: School) -> None:
    if school.direct_students is not None or school.idle:
        return
    if school.kind == TEACHING_POINT and school.is_open:
        grades = teaching_point_grades(rng, school.tp_target)
        sizes = split(rng, school.tp_target, len(grades)) if grades else []
        school.classes = [Klass(g, 1, n) for g, n in zip(grades, sizes, strict=True)]
        return
    profile = PROFILES[school.profile]
    for grade in school.grades:
        for number in range(1, rng.randint(*school.sections) + 1):
            school.classes.append(Klass(grade, number, class_size(rng, profile, grade)))


def plant_class_edges(schools: list[School]) -> None:
    """Exact edge classes: 45/46 and 55/56 in grade 1, 50/51 and 55/56 in grade 7."""
    edges = {
        "太康县第一实验小学": (1, (45, 46, 55, 56)),
        "太康县第一初级中学": (7, (50, 51, 55, 56)),
    }
    for school in schools:
        if school.name in edges:
            grade, sizes = edges[school.name]
            in_grade = [k for k in school.classes if k.grade == grade]
            for klass, size in zip(in_grade, sizes, strict=False):
                klass.students = size


# ------------------------------------------------------------------ plantings


def plant_teaching_points(rng: random.Random, schools: list[School]) -> None:
    """Idle and edge-sized teaching points, retained ones, one blank retention flag."""
    points = [s for s in schools if s.kind == TEACHING_POINT and s.is_open]
    chosen = rng.sample(points, 1 + len(TEACHING_POINT_EDGES) + 10 + 1)
    idle, edges = chosen[0], chosen[1 : 1 + len(TEACHING_POINT_EDGES)]
    retained, unknown = chosen[-11:-1], chosen[-1]
    idle.tp_target = 0
    for point, size in zip(edges, TEACHING_POINT_EDGES, strict=True):
        point.tp_target, point.central_managed = size, True
    for index, point in enumerate(retained):
        point.retention, point.tp_target = True, rng.randint(9, 48)
        point.central_managed = (None, False, False)[index] if index < 3 else True
    unknown.retention = None


def plant_idle_primary(rng: random.Random, schools: list[School]) -> None:
    candidates = [s for s in schools if s.kind == PRIMARY and s.area == RURAL and s.is_open]
    rng.choice(candidates).idle = True


def closed_plan(rng: random.Random) -> dict[str, str]:
    rural = [t for t in TOWNSHIPS if t not in (CHENGGUAN, CHENGJIAO)]
    kinds = (TEACHING_POINT, TEACHING_POINT, PRIMARY, TEACHING_POINT, PRIMARY, TEACHING_POINT)
    return dict(zip(rng.sample(rural, len(kinds)), kinds, strict=True))


# ------------------------------------------------------------------ admissions


def grade_total(school: School, grade: int) -> int:
    return sum(k.students for k in school.classes if k.grade == grade)


def fill_admissions(school: School) -> None:
    """This year's intake = the grade-1 / grade-7 classes; public schools all by zone."""
    if not school.is_open:
        return
    public = school.ownership == PUBLIC
    if school.kind in (PRIMARY, NINE_YEAR, TWELVE_YEAR, TEACHING_POINT):
        intake = grade_total(school, 1)
        school.primary_admissions = intake
        school.primary_zoned = intake if public else None
    if school.kind in (JUNIOR, NINE_YEAR, TWELVE_YEAR, COMPLETE):
        intake = grade_total(school, 7)
        school.junior_admissions = intake
        school.junior_zoned = intake if public else None


def zone_primary(school: School, gap: int) -> None:
    school.primary_zoned = (school.primary_admissions or 0) - gap


def zone_junior(school: School, percent: int) -> None:
    school.junior_zoned = (school.junior_admissions or 0) * percent // 100


def plant_zoning(rng: random.Random, schools: list[School]) -> None:
    """Public schools below the 100% / 95% zoned-admission targets, edges and a blank."""
    public = [s for s in schools if s.ownership == PUBLIC and s.is_open]
    by_profile = {
        profile: [
            s for s in public if s.kind == PRIMARY and s.profile == profile and s.primary_admissions
        ]
        for profile in ("city", "seat", "village")
    }
    for school in rng.sample(by_profile["city"], 2):
        zone_primary(school, rng.randint(25, 80))
    low_seat, blank_seat = rng.sample(by_profile["seat"], 2)
    zone_primary(low_seat, rng.randint(5, 20))
    blank_seat.primary_zoned = None
    zone_primary(rng.choice(by_profile["village"]), 1)
    juniors = [s for s in public if s.kind == JUNIOR and s.junior_admissions]
    for school in rng.sample(juniors, 3):
        zone_junior(school, rng.randint(85, 93))
    full = [s for s in juniors if s.junior_zoned == s.junior_admissions]
    exact = min(full, key=lambda s: (s.junior_admissions or 0) % 20)
    intake = exact.junior_admissions or 0
    exact.junior_admissions = intake - intake % 20  # a few left after enrolment
    zone_junior(exact, 95)  # exactly 95%: passes
    zone_junior(full[-1] if full[-1] is not exact else full[-2], 97)


# ------------------------------------------------------------------ disability


def disabled_count(rng: random.Random, students: int) -> int:
    if students < 200:
        weights = (70, 20, 7, 3, 0, 0, 0, 0, 0, 0)
    elif students < 1000:
        weights = (34, 27, 18, 10, 6, 2, 1, 1, 1, 0)
    else:
        weights = (8, 10, 14, 16, 14, 12, 10, 7, 5, 4)
    return rng.choices(range(10), weights=weights)[0]


def fill_disability(rng: random.Random, school: School) -> None:
    if school.status in (PLANNED, BUILDING):
        return
    if not school.is_open or school.kind == SPECIAL or school.students == 0:
        school.disabled, school.resource_room = 0, school.kind == SPECIAL
        return
    if school.kind == KINDERGARTEN:
        school.disabled = rng.choices((0, 1, 2), weights=(85, 12, 3))[0]
        school.resource_room = False
        return
    school.disabled = disabled_count(rng, school.students)
    chance = 0.75 if school.students >= 1000 else 0.35 if school.students >= 200 else 0.05
    school.resource_room = rng.random() < chance


def plant_disability(rng: random.Random, schools: list[School]) -> None:
    """Exactly 5 without a room, exactly 4 without one, blanks for unknown findings."""
    candidates = [
        s
        for s in schools
        if s.is_open
        and s.kind in (PRIMARY, JUNIOR)
        and 200 <= s.students < 1000
        and (s.disabled or 0) < 4
    ]
    five, four, blank_room = rng.sample(candidates, 3)
    five.disabled, five.resource_room = 5, False
    four.disabled, four.resource_room = 4, False
    blank_room.disabled, blank_room.resource_room = 9, None
    village = [
        s
        for s in schools
        if s.is_open and s.kind == PRIMARY and s.profile == "village" and s.students
    ]
    rng.choice(village).disabled = None


# ------------------------------------------------------------- project schools


# Schools of the plan's construction projects (三(一)) already in the county, by name.
PROJECTS: dict[str, str] = {
    "太康县灵运初级中学": "灵运初中",
    "太康县灵运小学": "灵运小学",
    "太康县新时代高级中学": "新时代高中",
    "太康县阳夏小学": "阳夏小学",
    "太康县滨湖花园小学": "滨湖花园小学",
    "太康县第二高级中学": "二高搬迁",
    "太康县第三高级中学": "三高改扩建",
    "太康县弘源职业学校": "弘源职业学校",
}


def new_school(
    rng: random.Random,
    name: str,
    kind: str,
    grades: tuple[int, ...],
    sections: tuple[int, int],
    project: str,
) -> School:
    """A school of the county town opened in September 2024, with standard-size classes."""
    school = public_school(name, CHENGGUAN, kind, URBAN, school_day(2024), "new", sections)
    school.grades = grades
    school.extra.project = project
    build_classes(rng, school)
    fill_admissions(school)
    school.disabled, school.resource_room = rng.randint(0, 3), True
    return school


def project_schools(rng: random.Random) -> tuple[list[School], list[School]]:
    """Projects that need rows of their own: 涡河花园小学 and the two schools on the old site
    of the Second Senior High School (open since 2024, township block), and the 一高附中
    expansion (in building, county block)."""
    opening = school_day(2025)
    annex = School("太康县一高附中新校区", CHENGJIAO, COMPLETE, PUBLIC, URBAN, opening)
    annex.status = BUILDING
    annex.direct_students, annex.extra.project = 0, "一高附中改扩建"
    annex.extra.capacity = 3600
    town = [
        new_school(rng, "太康县涡河花园小学", PRIMARY, (1, 2), (6, 8), "涡河花园小学"),
        new_school(rng, "太康县第六初级中学", JUNIOR, (7,), (8, 10), "二高旧址初中"),
        new_school(rng, "太康县第五实验小学", PRIMARY, (1, 2, 3), (4, 5), "二高旧址小学"),
    ]
    return town, [annex]


def id_block(school: School) -> str:
    return school.school_id[len(ID_PREFIX) : len(ID_PREFIX) + 2]


def add_schools(ordered: list[School], county: bool, schools: list[School]) -> None:
    """Append schools at the end of their id block (00 = county-run), after every existing row
    of the block, so the ids and the order of the existing rows do not change."""
    for school in schools:
        block = "00" if county else f"{TOWNSHIPS.index(school.township) + 1:02d}"
        members = [i for i, s in enumerate(ordered) if id_block(s) == block]
        if len(members) >= 99:
            raise ValueError(f"too many schools in block {block}")
        school.school_id = f"{ID_PREFIX}{block}{len(members) + 1:02d}"
        ordered.insert(members[-1] + 1, school)


# ------------------------------------------------------------- optional columns


def rank_by_size(rng: random.Random, schools: list[School]) -> list[School]:
    """Largest first, with some noise: the big schools usually win the titles."""
    keyed = [(s.students * rng.uniform(0.6, 1.4), s.school_id, s) for s in schools]
    return [s for _, _, s in sorted(keyed, key=lambda item: (-item[0], item[1]))]


def by_name(schools: list[School], name: str) -> School:
    return next(s for s in schools if s.name == name)


def is_compulsory(school: School) -> bool:
    return school.kind in COMPULSORY_KINDS


def location_level(rng: random.Random, school: School) -> str | None:
    if school.kind == KINDERGARTEN or school.status == CLOSED:
        return None
    if school.area == URBAN:
        return COUNTY_TOWN
    if school.profile == "seat" or school.area == TOWN:
        return SEAT
    if school.kind == TEACHING_POINT:
        return VILLAGE
    if school.kind == PRIMARY:  # village primaries: some in a central village
        return CENTRAL_VILLAGE if rng.random() < 0.35 else VILLAGE
    return CENTRAL_VILLAGE  # second junior schools and nine-year schools


def fill_location(rng: random.Random, schools: list[School]) -> None:
    """驻地层级 and 寄宿制 of open schools (and the location of planned ones)."""
    for school in schools:
        school.extra.location = location_level(rng, school)
        if not school.is_open or school.kind == KINDERGARTEN:
            continue
        level, kind = school.extra.location, school.kind
        if kind in (SENIOR, COMPLETE, SPECIAL, VOCATIONAL):
            boarding = True
        elif kind == TEACHING_POINT or school.area == URBAN:
            boarding = school.ownership != PUBLIC and kind == NINE_YEAR
        elif kind == JUNIOR:
            boarding = level == SEAT and rng.random() < 0.8
        elif kind == PRIMARY:
            chance = {SEAT: 0.25, CENTRAL_VILLAGE: 0.35}.get(level or "", 0.0)
            boarding = rng.random() < chance
        else:
            boarding = False
        school.extra.boarding = boarding


def plant_boarding(rng: random.Random, schools: list[School]) -> None:
    """Two boarding primaries in an ordinary village and one boarding junior in a village."""
    open_rows = [s for s in schools if s.is_open and s.students > 0]
    villages = [s for s in open_rows if s.kind == PRIMARY and s.extra.location == VILLAGE]
    for school in rng.sample(villages, 2):
        school.extra.boarding = True
    juniors = [s for s in open_rows if s.kind == JUNIOR and s.extra.location == CENTRAL_VILLAGE]
    junior = rng.choice(juniors)
    junior.extra.location, junior.extra.boarding = VILLAGE, True


def fill_management(rng: random.Random, schools: list[School]) -> None:
    """达到管理标准 (all compulsory schools of a few townships, about 70% elsewhere) and the
    demonstration titles: 1 provincial demonstration, 2 characteristic, 30 municipal."""
    compulsory = [s for s in schools if s.is_open and is_compulsory(s)]
    rural = [t for t in TOWNSHIPS if t not in (CHENGGUAN, CHENGJIAO)]
    complete = {CHENGGUAN, *rng.sample(rural, 4)}
    for school in compulsory:
        chance = {TEACHING_POINT: 0.45, JUNIOR: 0.85}.get(school.kind, 0.72)
        if school.area == URBAN or school.profile == "seat":
            chance = 0.92
        school.extra.standard = school.township in complete or rng.random() < chance
        school.extra.provincial_demo = False
        school.extra.provincial_characteristic = False
        school.extra.municipal_demo = False
    by_name(schools, "太康县第一实验小学").extra.provincial_demo = True
    for name in ("太康县第二实验小学", "太康县第一初级中学"):
        by_name(schools, name).extra.provincial_characteristic = True
    candidates = [
        s
        for s in compulsory
        if s.extra.standard
        and s.kind != TEACHING_POINT
        and not (s.extra.provincial_demo or s.extra.provincial_characteristic)
    ]
    for school in rank_by_size(rng, candidates)[:30]:
        school.extra.municipal_demo = True


def fill_titles(rng: random.Random, schools: list[School]) -> None:
    """文明校园: 1 provincial, 6 municipal, 15 county; 无 for the other schools."""
    eligible = [
        s
        for s in schools
        if s.is_open and s.kind not in (KINDERGARTEN, TEACHING_POINT) and s.ownership == PUBLIC
    ]
    for school in schools:
        if school.is_open and school.kind != KINDERGARTEN:
            school.extra.civilised = NO_TITLE
    first = by_name(schools, "太康县第一高级中学")
    first.extra.civilised = PROVINCIAL
    ranked = [s for s in rank_by_size(rng, eligible) if s is not first]
    for school in ranked[:6]:
        school.extra.civilised = MUNICIPAL
    for school in ranked[6:21]:
        school.extra.civilised = COUNTY_LEVEL


def principal_rank(rng: random.Random, students: int) -> int:
    if students >= 2000:
        return rng.choice((1, 2, 2))
    if students >= 800:
        return rng.choice((2, 3, 3))
    if students >= 300:
        return rng.choice((3, 3, 4))
    return rng.choice((4, 4, 5))


def fill_leadership(rng: random.Random, schools: list[School]) -> None:
    """党组织领导的校长负责制, 校长职级 and 县管校聘 of public schools; private schools have
    none of the three (blank), since those reforms concern public schools."""
    for school in schools:
        if not school.is_open or school.ownership != PUBLIC:
            continue
        if school.kind in SCHOOL_KINDS:
            school.extra.party_led = rng.random() < 0.96
            school.extra.rank = principal_rank(rng, school.students)
        if school.kind in (*SCHOOL_KINDS, TEACHING_POINT):
            school.extra.county_hiring = rng.random() < 0.985


def plant_leadership(rng: random.Random, schools: list[School]) -> None:
    """A principal of rank 6 (outside 一至五级) and three schools with the rank left blank."""
    ranked = [s for s in schools if s.extra.rank is not None]
    sixth, *blanks = rng.sample(ranked, 4)
    sixth.extra.rank = 6
    for school in blanks:
        school.extra.rank = None


def fill_digital(rng: random.Random, schools: list[School]) -> None:
    """数字校园达标 of primary and secondary schools; live classes of teaching points."""
    for school in schools:
        if not school.is_open:
            continue
        if school.kind in SCHOOL_KINDS:
            chance = 0.97 if school.area == URBAN else 0.92 if school.profile == "seat" else 0.78
            school.extra.digital = rng.random() < chance
        if school.kind == TEACHING_POINT:
            school.extra.live_needed = rng.random() < 0.8
            school.extra.live = rng.random() < (0.92 if school.extra.live_needed else 0.2)


def fill_groups(rng: random.Random, schools: list[School]) -> None:
    """紧密型教育集团: most county-town schools, between a quarter and three quarters of a
    township's schools elsewhere (the bigger ones first)."""
    for town in TOWNSHIPS:
        mine = [s for s in schools if s.is_open and is_compulsory(s) and s.township == town]
        rate = 0.85 if town in (CHENGGUAN, CHENGJIAO) else rng.uniform(0.25, 0.75)
        members = {s.school_id for s in rank_by_size(rng, mine)[: round(rate * len(mine))]}
        for school in mine:
            school.extra.group = school.school_id in members


def migrant_rate(rng: random.Random, school: School) -> float:
    if school.ownership != PUBLIC:
        return rng.uniform(0.12, 0.28)
    if school.area == URBAN:
        return rng.uniform(0.05, 0.15)
    if school.area == TOWN:
        return rng.uniform(0.01, 0.05)
    return rng.uniform(0.0, 0.02)


def fill_migrants(rng: random.Random, schools: list[School], share: float) -> None:
    """随迁子女: every public (and 普惠性民办) place counts; private schools' purchased places
    are spread so that the county share ends at about `share`."""
    open_rows = [s for s in schools if s.is_open]
    for school in open_rows:
        school.extra.migrants = int(school.students * migrant_rate(rng, school))
        if school.ownership != PRIVATE:
            school.extra.migrants_public = school.extra.migrants
    private = [s for s in open_rows if s.ownership == PRIVATE]
    total = sum(s.extra.migrants or 0 for s in open_rows)
    in_private = sum(s.extra.migrants or 0 for s in private)
    need = round(total * share) - (total - in_private)
    fraction = min(1.0, max(0.0, need / in_private)) if in_private else 0.0
    for school in private:
        school.extra.migrants_public = int((school.extra.migrants or 0) * fraction)
    left = max(0, need) - sum(s.extra.migrants_public or 0 for s in private)
    for school in private:  # the rounding remainder, to schools with room for it
        room = (school.extra.migrants or 0) - (school.extra.migrants_public or 0)
        step = min(room, left)
        school.extra.migrants_public = (school.extra.migrants_public or 0) + step
        left -= step


def coverage(rng: random.Random, full: float) -> float:
    """100, or 80-99.5 in half points."""
    return 100.0 if rng.random() < full else rng.randint(160, 199) / 2


def fill_students_and_posts(rng: random.Random, schools: list[School]) -> None:
    """Exercise and sports of schools; the key-post duties of every open school."""
    for school in schools:
        if not school.is_open:
            continue
        if school.kind in (*SCHOOL_KINDS, TEACHING_POINT):
            school.extra.exercise = rng.random() < 0.97
            weights = (10, 70, 20, 0) if school.kind == TEACHING_POINT else (2, 35, 45, 18)
            school.extra.competitions = rng.choices(range(4), weights=weights)[0]
        school.extra.observation = coverage(rng, 0.9)
        school.extra.talk = coverage(rng, 0.93)
        school.extra.home_visit = coverage(rng, 0.88)
        school.extra.meetings = rng.choices((0, 1, 2), weights=(3, 60, 37))[0]
        school.extra.preparation = rng.choices((0.5, 1.0, 2.0), weights=(4, 56, 40))[0]


def plant_blanks(rng: random.Random, schools: list[School]) -> None:
    """One blank cell in each of a few row-checked columns, for `unknown` findings."""
    pupils = [s for s in schools if s.is_open and s.kind in (*SCHOOL_KINDS, TEACHING_POINT)]
    everyone = [s for s in schools if s.is_open]
    points = [s for s in pupils if s.kind == TEACHING_POINT and s.students]
    rng.choice([s for s in pupils if s.kind in SCHOOL_KINDS]).extra.digital = None
    rng.choice(pupils).extra.exercise = None
    point = rng.choice([s for s in points if s.extra.live_needed])
    point.extra.live_needed, point.extra.live = None, False  # no live classes, need unknown
    rng.choice(everyone).extra.observation = None
    rng.choice(everyone).extra.home_visit = None
    rng.choice(everyone).extra.preparation = None


def fill_extras(rng: random.Random, schools: list[School]) -> None:
    for school in schools:
        if school.name in PROJECTS:
            school.extra.project = PROJECTS[school.name]
    fill_location(rng, schools)
    plant_boarding(rng, schools)
    fill_management(rng, schools)
    fill_titles(rng, schools)
    fill_leadership(rng, schools)
    plant_leadership(rng, schools)
    fill_digital(rng, schools)
    fill_groups(rng, schools)
    fill_migrants(rng, schools, MIGRANT_SHARE)
    fill_students_and_posts(rng, schools)
    plant_blanks(rng, schools)


# ------------------------------------------------------------- national standard

# A third stream for the national columns (教督〔2017〕6号), so that every earlier cell, drawn
# from SEED or EXTRA_SEED, stays exactly as it was.
NATIONAL_SEED = 20170426
NATIONAL_HEADER = (
    "高于规定学历教师数", "县级以上骨干教师数", "体育艺术专任教师数", "教学及辅助用房面积",
    "体育运动场馆面积", "教学仪器设备值", "网络多媒体教室数", "小学部在校生数", "初中部在校生数",
    "初中部高于规定学历教师数", "初中部县级以上骨干教师数", "初中部体育艺术专任教师数",
    "初中部教学及辅助用房面积", "初中部体育运动场馆面积", "初中部教学仪器设备值",
    "初中部网络多媒体教室数",
)  # fmt: skip
RESOURCES = (
    "qualified", "backbone", "pe_art", "teaching_area", "sports_area", "equipment", "multimedia",
)  # fmt: skip
# Short Chinese names of the seven indicators, for the README.
RESOURCE_TITLES = {
    "qualified": "每百名学生高于规定学历教师数",
    "backbone": "每百名学生县级以上骨干教师数",
    "pe_art": "每百名学生体育艺术专任教师数",
    "teaching_area": "生均教学及辅助用房面积",
    "sports_area": "生均体育运动场馆面积",
    "equipment": "生均教学仪器设备值",
    "multimedia": "每百名学生网络多媒体教室数",
}
RESOURCE_TITLES_EN = {
    "qualified": "qualified teachers per 100",
    "backbone": "backbone teachers per 100",
    "pe_art": "PE and art teachers per 100",
    "teaching_area": "teaching floor area per student",
    "sports_area": "sports area per student",
    "equipment": "equipment value per student",
    "multimedia": "multimedia classrooms per 100",
}
PRIMARY_STAGE, JUNIOR_STAGE = "primary", "junior"
MET, NEAR, SHORT = "met", "near", "short"  # short: below 85% of the threshold
REACH = Fraction(85, 100)  # the seventh indicator must reach 85%
PAD = Fraction(101, 100)  # drawn values keep 1% off every edge; the planted edges sit on one
CV_LIMITS = {PRIMARY_STAGE: Fraction(1, 2), JUNIOR_STAGE: Fraction(45, 100)}


@dataclass(frozen=True)
class Standard:
    """One resource indicator: per `per` students, in steps of `unit`."""

    per: int
    unit: Fraction
    primary: Fraction
    junior: Fraction

    def bound(self, stage: str) -> Fraction:
        return self.primary if stage == PRIMARY_STAGE else self.junior


TEACHER, TENTH, YUAN = Fraction(1), Fraction(1, 10), Fraction(1)
STANDARDS: dict[str, Standard] = {
    "qualified": Standard(100, TEACHER, Fraction("4.2"), Fraction("5.3")),
    "backbone": Standard(100, TEACHER, Fraction(1), Fraction(1)),
    "pe_art": Standard(100, TEACHER, Fraction("0.9"), Fraction("0.9")),
    "teaching_area": Standard(1, TENTH, Fraction("4.5"), Fraction("5.8")),
    "sports_area": Standard(1, TENTH, Fraction("7.5"), Fraction("10.2")),
    "equipment": Standard(1, YUAN, Fraction(2000), Fraction(2500)),
    "multimedia": Standard(100, TEACHER, Fraction("2.3"), Fraction("2.4")),
}

# Where a school stands, and so how well it is equipped: county-town schools are crowded
# (short on playground), village schools have room to spare after years of falling rolls but
# few backbone, PE and art teachers, teaching points fewer still; the schools opened since
# 2023 are built to the standard. Ranges are value / threshold for an indicator that is met,
# in the order of RESOURCES.
MET_RANGES: dict[str, tuple[tuple[float, float], ...]] = {
    "city": ((1.05, 1.35), (1.2, 2.0), (1.05, 1.4), (1.02, 1.25), (1.02, 1.15), (1.3, 1.8),
             (1.1, 1.6)),
    "mega": ((1.02, 1.2), (1.2, 1.8), (1.02, 1.2), (1.02, 1.1), (1.02, 1.1), (1.3, 1.7),
             (1.05, 1.3)),
    "new": ((1.2, 1.5), (1.05, 1.5), (1.1, 1.6), (1.6, 2.1), (1.4, 1.9), (1.8, 2.6),
            (1.5, 2.0)),
    "private": ((1.02, 1.2), (1.02, 1.3), (1.02, 1.3), (1.02, 1.2), (1.02, 1.1), (1.4, 2.2),
                (1.2, 1.8)),
    "seat": ((1.05, 1.4), (1.02, 1.6), (1.02, 1.4), (1.1, 1.5), (1.1, 1.8), (1.05, 1.5),
             (1.05, 1.5)),
    "village": ((1.02, 1.6), (1.02, 1.8), (1.02, 1.5), (1.3, 2.4), (1.9, 4.4), (1.02, 1.4),
                (1.1, 1.9)),
    "point": ((1.2, 2.2), (1.02, 2.5), (1.02, 2.0), (1.8, 3.2), (2.5, 5.5), (1.02, 1.3),
              (1.2, 2.5)),
}  # fmt: skip
# Junior parts differ: the junior schools of the county town got smart classrooms and new
# laboratories first, and a village junior school's playground is shared by fewer spare
# square metres than a village primary school's.
JUNIOR_RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "equipment": {
        "city": (2.6, 3.8), "mega": (2.2, 3.0), "new": (2.8, 3.6), "private": (2.0, 2.8),
        "seat": (1.02, 1.3), "village": (1.02, 1.25),
    },
    "sports_area": {"seat": (1.05, 1.5), "village": (1.3, 2.5)},
}  # fmt: skip
NEAR_RANGE, SHORT_RANGE = (0.86, 0.98), (0.45, 0.82)
# Which indicator a school misses, by weight.
MISS_WEIGHTS: dict[str, dict[str, int]] = {
    "city": {"sports_area": 8, "teaching_area": 2, "multimedia": 1, "backbone": 1},
    "private": {"sports_area": 3, "backbone": 3, "pe_art": 2},
    "seat": {"pe_art": 3, "backbone": 3, "sports_area": 2, "equipment": 1, "multimedia": 1},
    "village": {"backbone": 4, "pe_art": 4, "equipment": 3, "multimedia": 2, "qualified": 2},
    "point": {"pe_art": 4, "backbone": 3, "equipment": 3, "multimedia": 2, "qualified": 1},
}
# How many indicators a school misses: none, one within 85%, one below 85%, two, three.
PLANS = ("all", "near", "short", "two", "three")
PLAN_WEIGHTS: dict[str, tuple[int, ...]] = {
    "city": (40, 50, 5, 5, 0),
    "private": (50, 50, 0, 0, 0),
    "seat": (70, 17, 6, 7, 0),
    "village": (50, 24, 10, 12, 4),
    "point": (42, 24, 12, 15, 7),
}
MEGA_PRIMARY, MEGA_JUNIOR = 4, 2  # the largest county-town schools, short on floor and playground


@dataclass
class Part:
    """The primary or junior part of a school (a senior part only inside a complete school)."""

    stage: str
    students: int
    setting: str
    plan: str
    values: dict[str, Fraction | None]


@dataclass
class National:
    """The national resource columns of one school."""

    parts: list[Part]
    split: bool = False  # one-through school without the 初中部 columns
    blank: str | None = None  # resource left blank

    def total(self, resource: str) -> Fraction | None:
        values = [p.values[resource] for p in self.parts]
        if resource == self.blank or any(v is None for v in values):
            return None
        return sum((v for v in values if v is not None), Fraction(0))

    def junior(self) -> Part | None:
        if self.split:
            return None
        return next((p for p in self.parts if p.stage == JUNIOR_STAGE), None)


def units(standard: Standard, stage: str, students: int) -> Fraction:
    """The threshold of a part, in units of the column (teachers, tenths of m², yuan)."""
    return standard.bound(stage) * students / standard.per / standard.unit


def unit_range(need: Fraction, state: str) -> tuple[int, int | None]:
    """Lowest and highest number of units that put a part in `state`, 1% off the edges."""
    if state == MET:
        return math.ceil(need * PAD), None
    if state == NEAR:
        return math.ceil(REACH * need * PAD), math.ceil(need / PAD) - 1
    return 0, math.ceil(REACH * need / PAD) - 1


def feasible(resource: str, stage: str, students: int, state: str) -> bool:
    low, high = unit_range(units(STANDARDS[resource], stage, students), state)
    return high is None or low <= high


def draw_value(
    rng: random.Random, resource: str, stage: str, students: int, state: str, setting: str
) -> Fraction:
    standard = STANDARDS[resource]
    need = units(standard, stage, students)
    if state == MET:
        low_m, high_m = MET_RANGES[setting][RESOURCES.index(resource)]
        if stage != PRIMARY_STAGE:
            low_m, high_m = JUNIOR_RANGES.get(resource, {}).get(setting, (low_m, high_m))
    else:
        low_m, high_m = NEAR_RANGE if state == NEAR else SHORT_RANGE
    wanted = round(float(need) * rng.uniform(low_m, high_m))
    low, high = unit_range(need, state)
    chosen = max(wanted, low) if high is None else min(max(wanted, low), high)
    return chosen * standard.unit


def pick(rng: random.Random, weights: dict[str, int], count: int) -> list[str]:
    """`count` distinct indicators, by weight."""
    left, chosen = dict(weights), []
    for _ in range(min(count, len(left))):
        name = rng.choices(list(left), weights=list(left.values()))[0]
        chosen.append(name)
        del left[name]
    return chosen


def plan_states(
    rng: random.Random, setting: str, stage: str, students: int
) -> tuple[str, dict[str, str]]:
    states = dict.fromkeys(RESOURCES, MET)
    if setting == "mega":  # crowded: floor area near or short, playground short
        states["teaching_area"] = rng.choice((NEAR, SHORT))
        states["sports_area"] = SHORT
        return "two", states
    if setting == "new":
        return "all", states
    plan = rng.choices(PLANS, weights=PLAN_WEIGHTS[setting])[0]
    weights = MISS_WEIGHTS[setting]
    if plan in ("near", "short"):
        state = NEAR if plan == "near" else SHORT
        options = {r: w for r, w in weights.items() if feasible(r, stage, students, state)}
        states[pick(rng, options, 1)[0]] = state
    elif plan in ("two", "three"):
        for resource in pick(rng, weights, 2 if plan == "two" else 3):
            state = rng.choice((NEAR, SHORT))
            states[resource] = state if feasible(resource, stage, students, state) else SHORT
    return plan, states


def make_part(
    rng: random.Random, stage: str, students: int, setting: str, judged_as: str | None = None
) -> Part:
    """A part's resources; `judged_as` draws them against another stage's thresholds (the
    whole of a one-through school split by students is judged at the junior thresholds)."""
    against = judged_as or stage
    if students == 0:  # an idle school: buildings and equipment stay, the teachers left
        nominal = rng.randint(80, 200)
        values: dict[str, Fraction | None] = {
            r: draw_value(rng, r, against, nominal, MET, setting) for r in RESOURCES
        }
        values.update(qualified=Fraction(0), backbone=Fraction(0), pe_art=Fraction(0))
        return Part(stage, 0, setting, "idle", values)
    plan, states = plan_states(rng, setting, against, students)
    values = {r: draw_value(rng, r, against, students, states[r], setting) for r in RESOURCES}
    return Part(stage, students, setting, plan, values)


def national_setting(school: School, mega: set[str]) -> str:
    if school.school_id in mega:
        return "mega"
    if school.profile == "new" or school.opened >= school_day(2023):
        return "new"
    if school.ownership != PUBLIC:
        return "private"
    if school.area == URBAN:
        return "city"
    if school.profile == "seat":
        return "seat"
    return "point" if school.kind == TEACHING_POINT else "village"


def grade_students(school: School, grades: tuple[int, ...]) -> int:
    return sum(k.students for k in school.classes if k.grade in grades)


def national_of(rng: random.Random, school: School, setting: str, split: bool) -> National:
    students = school.students
    if school.kind in (PRIMARY, TEACHING_POINT):
        return National([make_part(rng, PRIMARY_STAGE, students, setting)])
    if school.kind == JUNIOR:
        return National([make_part(rng, JUNIOR_STAGE, students, setting)])
    junior = grade_students(school, JUNIOR_GRADES)
    if school.kind == COMPLETE:  # the senior part is no stage of the standard
        senior = students - junior
        return National(
            [make_part(rng, JUNIOR_STAGE, junior, setting), make_part(rng, "senior", senior, "new")]
        )
    primary = grade_students(school, PRIMARY_GRADES)
    if school.kind == TWELVE_YEAR:  # a senior part too; split: no 初中部 columns
        parts = [
            make_part(rng, PRIMARY_STAGE, primary, setting),
            make_part(rng, JUNIOR_STAGE, junior, setting),
            make_part(rng, "senior", students - primary - junior, "new"),
        ]
        return National(parts, split=split)
    if split:  # one set of books for the whole school, judged at the junior thresholds
        whole = make_part(rng, "school", students, setting, judged_as=JUNIOR_STAGE)
        parts = [
            Part(PRIMARY_STAGE, primary, setting, whole.plan, {}),
            Part(JUNIOR_STAGE, junior, setting, whole.plan, {}),
        ]
        for resource, value in whole.values.items():
            assert value is not None
            parts[1].values[resource] = value * junior / students
            parts[0].values[resource] = value - value * junior / students
        return National(parts, split=True)
    return National(
        [
            make_part(rng, PRIMARY_STAGE, primary, setting),
            make_part(rng, JUNIOR_STAGE, junior, setting),
        ]
    )


def fill_national(rng: random.Random, schools: list[School]) -> None:
    """The seven resources of open primary, junior, one-through schools and teaching points."""
    kinds = (PRIMARY, TEACHING_POINT, JUNIOR, NINE_YEAR, TWELVE_YEAR, COMPLETE)
    targets = [s for s in schools if s.is_open and s.kind in kinds]
    city = [s for s in targets if s.area == URBAN and s.ownership == PUBLIC]
    mega = {
        s.school_id
        for kind, count in ((PRIMARY, MEGA_PRIMARY), (JUNIOR, MEGA_JUNIOR))
        for s in sorted((s for s in city if s.kind == kind), key=lambda s: -s.students)[:count]
    }
    nine_year = [s.school_id for s in targets if s.kind in (NINE_YEAR, TWELVE_YEAR)]
    split = set(rng.sample(nine_year, len(nine_year) // 2 + 1))
    for school in targets:
        setting = national_setting(school, mega)
        school.national = national_of(rng, school, setting, school.school_id in split)
    plant_national(rng, targets)


def state_of(resource: str, stage: str, students: int, value: Fraction | None) -> str | None:
    """met, near, short or None (blank), compared exactly as the tool does."""
    if value is None:
        return None
    standard = STANDARDS[resource]
    bound = standard.bound(stage) * students
    if value * standard.per >= bound:
        return MET
    return NEAR if value * standard.per >= REACH * bound else SHORT


def part_states(part: Part) -> dict[str, str | None]:
    return {r: state_of(r, part.stage, part.students, part.values[r]) for r in RESOURCES}


def plant_national(rng: random.Random, schools: list[School]) -> None:
    """Two exact edges and three blank cells of 网络多媒体教室数 (primary stage)."""

    def single(kinds: tuple[str, ...], setting: str, plan: str) -> list[School]:
        found = []
        for s in schools:
            n = s.national
            if (
                s.kind in kinds
                and n
                and n.parts[0].setting == setting
                and n.parts[0].plan == plan
                and n.parts[0].students
                and n.blank is None
            ):
                found.append(s)
        return found

    # 以上含本数: teaching floor area exactly 4.5 m² a student meets the standard.
    edge = rng.choice(single((PRIMARY,), "village", "all")).national
    assert edge is not None
    part = edge.parts[0]
    part.values["teaching_area"] = STANDARDS["teaching_area"].primary * part.students
    # 不低于85%: a playground of exactly 85% of 7.5 m² a student still lets the school pass.
    seats = [s for s in single((PRIMARY,), "seat", "all") if s.students % 4 == 0]
    edge = rng.choice(seats).national
    assert edge is not None
    part = edge.parts[0]
    part.values["sports_area"] = REACH * STANDARDS["sports_area"].primary * part.students
    part.plan = "near"
    # Blank multimedia classrooms: a school otherwise at the standard (unknown), one with
    # another indicator within 85% (unknown), a teaching point short on two others (fail).
    near = [
        s
        for s in single((PRIMARY,), "village", "near")
        if s.national and part_states(s.national.parts[0])["multimedia"] == MET
    ]
    failing = [
        s
        for s in single((TEACHING_POINT,), "point", "two")
        if s.national and part_states(s.national.parts[0])["multimedia"] == MET
    ]
    for group in (single((PRIMARY,), "village", "all"), near, failing):
        chosen = rng.choice(group).national
        assert chosen is not None
        chosen.blank = "multimedia"
        chosen.parts[0].values["multimedia"] = None


# ------------------------------------------------------ national standard, as audited


@dataclass
class Stage:
    """One row of the tool's stages table, computed independently."""

    school: School
    stage: str
    students: int
    values: dict[str, Fraction | None]

    def states(self) -> dict[str, str | None]:
        return {r: state_of(r, self.stage, self.students, self.values[r]) for r in RESOURCES}

    def verdict(self) -> str:
        """6 of 7 met and the other at 85% or more: pass; decided by blanks: unknown."""
        states = list(self.states().values())
        unmet = sum(s in (NEAR, SHORT) for s in states)
        if unmet > 1 or SHORT in states:
            return "fail"
        return "unknown" if None in states else "pass"


def stage_rows(schools: list[School]) -> list[Stage]:
    """As the tool splits them: the junior part from the 初中部 columns or by students, the
    primary part what remains."""
    rows = []
    for school in schools:
        n = school.national
        if n is None:
            continue
        whole = {r: n.total(r) for r in RESOURCES}
        if school.kind in (PRIMARY, TEACHING_POINT, JUNIOR):
            stage = JUNIOR_STAGE if school.kind == JUNIOR else PRIMARY_STAGE
            rows.append(Stage(school, stage, school.students, whole))
            continue
        total, junior = school.students, grade_students(school, JUNIOR_GRADES)
        given = n.junior()
        part: dict[str, Fraction | None] = {}
        for r in RESOURCES:
            value = whole[r]
            if given is not None:
                part[r] = given.values[r]
            else:
                part[r] = None if value is None else value * junior / total
        rows.append(Stage(school, JUNIOR_STAGE, junior, part))
        if school.kind in (NINE_YEAR, TWELVE_YEAR):  # a twelve-year senior part keeps its share
            primary = grade_students(school, PRIMARY_GRADES)
            rest: dict[str, Fraction | None] = {}
            for r in RESOURCES:
                value, mine = whole[r], part[r]
                left = None if value is None or mine is None else value - mine
                rest[r] = None if left is None else left * primary / (total - junior)
            rows.append(Stage(school, PRIMARY_STAGE, primary, rest))
    return rows


def variation(rows: list[Stage], stage: str, resource: str) -> tuple[float, bool]:
    """The enrolment-weighted coefficient of variation, and whether blanks make it unknown."""
    per = STANDARDS[resource].per
    mine = [r for r in rows if r.stage == stage and r.students]
    known = [(r.students, float(r.values[resource] or 0) * per) for r in mine
             if r.values[resource] is not None]  # fmt: skip
    pupils = sum(n for n, _ in known)
    mean = sum(v for _, v in known) / pupils
    spread = sum(n / pupils * (v / n - mean) ** 2 for n, v in known)
    return math.sqrt(spread) / mean, len(known) < len(mine)


# ------------------------------------------- national standard: rooms and funds

# A fourth stream for the columns added after the national ones (the students taking part in a
# competition; the music and art rooms, funded students, public funds and teacher training of
# 第六条(三)(六) and 第七条(四)), so that every earlier cell stays as it was.
ADDED_SEED = 20230901
GUARANTEE_HEADER = (
    "音乐专用教室数", "美术专用教室数", "音乐专用教室最小面积", "美术专用教室最小面积",
    "核定公用经费学生数", "年度公用经费预算总额", "教师培训经费",
)  # fmt: skip
# Yuan of public funds per funded student and year (invented, Henan-like benchmarks).
FUNDS_PER_STUDENT = {
    PRIMARY: 720,
    TEACHING_POINT: 720,
    JUNIOR: 940,
    NINE_YEAR: 820,
    TWELVE_YEAR: 820,  # only in the other counties of a multi-county set
    COMPLETE: 940,
}
ROOM_KINDS = (PRIMARY, JUNIOR, NINE_YEAR, COMPLETE)  # the standard's rooms: not teaching points


@dataclass
class Guarantee:
    """The national standard's rooms and funds of one school; None is a blank cell."""

    music: int | None = None
    art: int | None = None
    music_area: int | None = None
    art_area: int | None = None
    funded: int | None = None
    budget: int | None = None
    training: int | None = None


def room_count(rng: random.Random, school: School) -> int:
    """Music or art rooms: one per 12 classes and sometimes one more; some village schools
    are one short."""
    need = -(-len(school.classes) // 12) if school.classes else 1
    short = {URBAN: 0.02, TOWN: 0.04}.get(school.area, 0.08)
    return max(0, need - 1) if rng.random() < short else need + (rng.random() < 0.2)


def fill_guarantee(rng: random.Random, schools: list[School]) -> None:
    """Rooms of the schools with a national row (teaching points have none), funded students
    (100 for small village schools, a few left at their roll), budgets and training funds."""
    for school in schools:
        if school.national is None:
            continue
        g = Guarantee()
        if school.kind in ROOM_KINDS:
            g.music, g.art = room_count(rng, school), room_count(rng, school)
            small = rng.random() < (0.05 if school.area == RURAL else 0.01)
            g.music_area = rng.randint(80, 95) if small and g.music else rng.randint(96, 132)
            g.art_area = rng.randint(76, 89) if small and g.art else rng.randint(90, 126)
            g.music_area = g.music_area if g.music else None
            g.art_area = g.art_area if g.art else None
        students = school.students
        small_village = school.area == RURAL and school.kind in (PRIMARY, TEACHING_POINT)
        if small_village and 0 < students < 100:
            g.funded = students if rng.random() < 0.05 else 100
        else:
            g.funded = students
        g.budget = g.funded * FUNDS_PER_STUDENT[school.kind]
        share = rng.uniform(0.03, 0.0499) if rng.random() < 0.04 else rng.uniform(0.05, 0.08)
        g.training = math.ceil(g.budget * share)
        school.guarantee = g
    with_rooms = [s for s in schools if s.guarantee and s.guarantee.music]
    edge = rng.choice(with_rooms).guarantee
    assert edge is not None
    assert edge.budget is not None
    edge.music_area, edge.art_area = 96, 90  # exactly at the standard: met
    edge.training = edge.budget // 20  # exactly 5%: met


def guarantee_cells(g: Guarantee | None) -> list[str]:
    if g is None:
        return [""] * len(GUARANTEE_HEADER)
    return [
        cell(g.music), cell(g.art), cell(g.music_area), cell(g.art_area),
        cell(g.funded), cell(g.budget), cell(g.training),
    ]  # fmt: skip


def participation(rng: random.Random, schools: list[School]) -> None:
    """参加校级体育竞赛学生数: nobody where no competition was held, everyone in most schools,
    a few short of everyone elsewhere."""
    for school in schools:
        held = school.extra.competitions
        if held is None:
            continue
        students = school.students
        if held == 0 or students == 0:
            school.extra.participants = 0
        elif rng.random() < 0.05:
            school.extra.participants = students - rng.randint(1, max(1, students // 8))
        else:
            school.extra.participants = students


# ------------------------------------------------------------------ indicators

MIGRANT_SHARE = 0.88
# County figures per indicator and year. Cumulative counts run from 2023 and have no 2022
# figure; a 2025 figure is what is planned or reached so far in the year.
INDICATORS: dict[str, dict[int, float]] = {
    "preschool_gross_enrolment_rate": {2022: 90.6, 2023: 91.4, 2024: 92.5, 2025: 93.2},
    "compulsory_enrolment_rate": {2022: 100, 2023: 100, 2024: 100, 2025: 100},
    "compulsory_retention_rate": {2022: 100, 2023: 100, 2024: 100, 2025: 100},
    "senior_gross_enrolment_rate": {2022: 89.7, 2023: 90.5, 2024: 91.2, 2025: 91.8},
    "rural_boarding_primary_built": {2023: 13, 2024: 25, 2025: 31},
    "rural_boarding_junior_built": {2023: 12, 2024: 20, 2025: 23},
    "rural_kindergartens_built": {2023: 11, 2024: 22, 2025: 31},
    "urban_schools_built": {2023: 4, 2024: 7, 2025: 9},
    "urban_kindergartens_built": {2023: 1, 2024: 2, 2025: 3},
    "digital_campus_demo_schools": {2022: 6, 2023: 10, 2024: 12, 2025: 14},
    "online_class_demo_schools": {2022: 1, 2023: 4, 2024: 5, 2025: 5},
    "new_famous_teachers": {2023: 27, 2024: 46, 2025: 72},
    "new_backbone_teachers": {2023: 134, 2024: 262, 2025: 410},
    "municipal_famous_teacher_studios": {2022: 3, 2023: 5, 2024: 10, 2025: 13},
    "rural_teacher_training": {2022: 2040, 2023: 2150, 2024: 1860, 2025: 1200},
    "municipal_head_teacher_studios": {2022: 1, 2023: 3, 2024: 6, 2025: 9},
    "provincial_head_teacher_studios": {2022: 0, 2023: 0, 2024: 1, 2025: 2},
    "principals_trained": {2022: 60, 2023: 100, 2024: 100, 2025: 50},
    "principal_training_batches": {2022: 1, 2023: 2, 2025: 1},  # 2024 left out: unknown
    "county_famous_principal_studios": {2023: 10, 2024: 30, 2025: 50},
    "management_schools_evaluated": {2022: 64, 2023: 82, 2024: 76, 2025: 40},
    "provincial_moral_collectives": {2022: 0, 2023: 1, 2024: 2, 2025: 2},
    "municipal_moral_collectives": {2022: 5, 2023: 9, 2024: 15, 2025: 19},
    "provincial_moral_individuals": {2022: 1, 2023: 2, 2024: 4, 2025: 5},
    "municipal_moral_individuals": {2022: 12, 2023: 21, 2024: 33, 2025: 41},
    "senior_quota_allocation_share": {2022: 45, 2023: 50, 2024: 52, 2025: 55},
    "disabled_children_enrolment_rate": {2022: 96.5, 2023: 97.2, 2024: 97.5, 2025: 96.8},
    "special_education_funding_per_student": {2022: 6000, 2023: 6000, 2024: 6500, 2025: 7200},
    "special_education_resource_centres": {2022: 0, 2023: 0, 2024: 1, 2025: 1},
    "new_close_knit_groups": {2022: 1, 2023: 3, 2024: 2, 2025: 1},
    "alliance_groups": {2022: 2, 2023: 5, 2024: 9, 2025: 12},
    "vocational_places_added": {2023: 2800, 2024: 5100, 2025: 6500},
    # The national standard's county figures (教督〔2017〕6号), from 2023.
    "teacher_training_completion": {2023: 100, 2024: 100, 2025: 98.5},
    "teacher_rotation_share": {2023: 10.6, 2024: 9.2, 2025: 11.3},
    "backbone_rotation_share": {2023: 21.4, 2024: 23.8, 2025: 19.6},
    "teaching_certificate_rate": {2023: 100, 2024: 100, 2025: 100},
    "junior_retention_rate": {2023: 94.6, 2024: 95.3, 2025: 96.1},
    "social_recognition_rate": {2023: 87.3, 2024: 88.6, 2025: 89.8},
    "education_budget_spending": {2022: 98600, 2023: 103200, 2024: 107900, 2025: 106800},
    "education_spending_per_student": {2022: 11650, 2023: 12180, 2024: 12050, 2025: 12400},
    "teacher_average_pay": {2022: 66200, 2023: 68500, 2024: 70100, 2025: 72400},
    "civil_servant_average_pay": {2022: 65800, 2023: 67200, 2024: 70800, 2025: 72000},
    # Added later (written after the indicators above, so their rows keep their numbers).
    "primary_students_per_staff_post": {2022: 19.8, 2023: 19.3, 2024: 18.9, 2025: 18.6},
    "junior_students_per_staff_post": {2022: 14.1, 2023: 13.5, 2024: 13.2, 2025: 13.0},
    "quality_monitoring_level": {2023: 3, 2024: 3, 2025: 3},
    "quality_monitoring_school_gap": {2023: 0.17, 2024: 0.16, 2025: 0.14},
    "education_surcharge_assessed": {2022: 5120, 2023: 5480, 2024: 5710, 2025: 2930},
    "education_surcharge_collected": {2022: 5120, 2023: 5480, 2024: 5530, 2025: 2780},
}
# Shares the schools table gives for 2025, and the earlier years as points below it.
COMPUTED_STEPS: dict[str, dict[int, float]] = {
    "inclusive_kindergarten_coverage": {2022: -4.6, 2023: -3.1, 2024: -1.4, 2025: 0},
    "public_kindergarten_share": {2022: -5.3, 2023: -3.5, 2024: -1.6, 2025: 0},
    "migrant_children_public_share": {2022: -3.9, 2023: -1.6, 2024: -0.7, 2025: 0},
}
# Chinese names of the indicators, in the order of the contract's list (docs/indicators.md),
# except the ones added later, at the end, so that the rows before them keep their numbers.
INDICATOR_NAMES: dict[str, str] = {
    "preschool_gross_enrolment_rate": "学前三年毛入园率",
    "inclusive_kindergarten_coverage": "普惠性幼儿园覆盖率",
    "public_kindergarten_share": "公办园在园幼儿占比",
    "compulsory_enrolment_rate": "义务教育入学率",
    "compulsory_retention_rate": "义务教育巩固率",
    "senior_gross_enrolment_rate": "高中阶段毛入学率",
    "rural_boarding_primary_built": "农村寄宿制小学新建改扩建累计",
    "rural_boarding_junior_built": "农村寄宿制初中新建改扩建累计",
    "rural_kindergartens_built": "农村幼儿园新建改扩建累计",
    "urban_schools_built": "城区中小学新建改扩建累计",
    "urban_kindergartens_built": "城区幼儿园新建改扩建累计",
    "digital_campus_demo_schools": "数字校园示范校",
    "online_class_demo_schools": "名校网络课堂示范校",
    "new_famous_teachers": "新培养省市级名师累计",
    "new_backbone_teachers": "新培养骨干教师累计",
    "municipal_famous_teacher_studios": "市级名师工作室累计",
    "rural_teacher_training": "农村教师培训人次",
    "municipal_head_teacher_studios": "市级名班主任工作室累计",
    "provincial_head_teacher_studios": "省级名班主任工作室累计",
    "principals_trained": "中小学校长培训人数",
    "principal_training_batches": "校长培训批次",
    "county_famous_principal_studios": "县级名校长工作室累计",
    "management_schools_evaluated": "义务教育管理标准化评估验收学校数",
    "provincial_moral_collectives": "省级德育工作先进集体",
    "municipal_moral_collectives": "市级德育工作先进集体",
    "provincial_moral_individuals": "省级德育工作先进个人",
    "municipal_moral_individuals": "市级德育工作先进个人",
    "senior_quota_allocation_share": "优质普通高中分配生比例",
    "migrant_children_public_share": "随迁子女在公办和政府购买服务学校就读比例",
    "disabled_children_enrolment_rate": "适龄残疾儿童义务教育入学率",
    "special_education_funding_per_student": "特殊教育生均公用经费",
    "special_education_resource_centres": "高标准特殊教育资源中心",
    "new_close_knit_groups": "新增紧密型教育集团",
    "alliance_groups": "联盟型教育集团",
    "vocational_places_added": "新增职业教育学位累计",
    "teacher_training_completion": "教师5年360学时培训完成率",
    "teacher_rotation_share": "交流轮岗教师比例",
    "backbone_rotation_share": "骨干教师占交流轮岗教师比例",
    "teaching_certificate_rate": "专任教师持证上岗率",
    "junior_retention_rate": "初中三年巩固率",
    "social_recognition_rate": "社会认可度",
    "education_budget_spending": "一般公共预算教育支出",
    "education_spending_per_student": "生均一般公共预算教育支出",
    "teacher_average_pay": "教师平均工资收入",
    "civil_servant_average_pay": "当地公务员平均工资",
    "primary_students_per_staff_post": "小学生编比",
    "junior_students_per_staff_post": "初中生编比",
    "quality_monitoring_level": "质量监测学业水平等级",
    "quality_monitoring_school_gap": "质量监测校际差异率",
    "education_surcharge_assessed": "教育费附加应征额",
    "education_surcharge_collected": "教育费附加实征额",
}


def percent(part: int, whole: int) -> float:
    return round(part * 100 / whole, 1) if whole else 0.0


def computed_shares(schools: list[School]) -> dict[str, float]:
    """This year's shares as the schools table has them."""
    kindergartens = [s for s in schools if s.is_open and s.kind == KINDERGARTEN]
    children = sum(s.students for s in kindergartens)
    inclusive = sum(s.students for s in kindergartens if s.ownership in (PUBLIC, INCLUSIVE))
    public = sum(s.students for s in kindergartens if s.ownership == PUBLIC)
    open_rows = [s for s in schools if s.is_open]
    migrants = sum(s.extra.migrants or 0 for s in open_rows)
    placed = sum(s.extra.migrants_public or 0 for s in open_rows)
    return {
        "inclusive_kindergarten_coverage": percent(inclusive, children),
        "public_kindergarten_share": percent(public, children),
        "migrant_children_public_share": percent(placed, migrants),
    }


def number(value: float | None) -> str:
    """A number as a spreadsheet shows it: 95.5, 100, 0.5."""
    return "" if value is None else f"{value:g}"


def indicator_rows(schools: list[School]) -> list[list[str]]:
    """Every indicator, year by year; the Chinese name on every other indicator and the
    English code on the rest, to show that both are read."""
    shares = computed_shares(schools)
    figures = dict(INDICATORS)
    for code, steps in COMPUTED_STEPS.items():
        figures[code] = {year: round(shares[code] + step, 1) for year, step in steps.items()}
    if set(figures) != set(INDICATOR_NAMES):
        raise ValueError("every indicator of the contract needs figures")
    rows = []
    for index, (code, name) in enumerate(INDICATOR_NAMES.items()):
        label = name if index % 2 == 0 else code
        for year, value in sorted(figures[code].items()):
            rows.append([label, str(year), number(value)])
    return rows


# ------------------------------------------------------------------ assembly


def assign_ids(county: list[School], schools: list[School]) -> list[School]:
    ordered = list(county)
    for seq, school in enumerate(county, start=1):
        school.school_id = f"{ID_PREFIX}00{seq:02d}"
    for block, town in enumerate(TOWNSHIPS, start=1):
        mine = [s for s in schools if s.township == town]
        if len(mine) > 99:
            raise ValueError(f"too many schools in {town}")
        for seq, school in enumerate(mine, start=1):
            school.school_id = f"{ID_PREFIX}{block:02d}{seq:02d}"
        ordered += mine
    return ordered


def build_county(rng: random.Random, index: int = 0) -> list[School]:
    """The sample county; `index` > 0 is another county of a city (build_city): the streams
    of the optional and national columns start elsewhere, and the county runs a
    twelve-year school."""
    closed = closed_plan(rng)
    schools: list[School] = []
    for town in TOWNSHIPS:
        if town == CHENGGUAN:
            schools += chengguan(rng)
        elif town == CHENGJIAO:
            schools += chengjiao(rng)
        else:
            schools += rural_township(rng, town, closed.get(town))
    county = county_schools(rng)
    if index:
        county.append(city_school(rng, "太康县实验学校", CHENGJIAO, TWELVE_YEAR, (3, 4)))
    plant_teaching_points(rng, schools)
    plant_idle_primary(rng, schools)
    for school in county + schools:
        build_classes(rng, school)
    plant_class_edges(schools)
    schools += private_schools(rng, compulsory_students(schools))
    everything = assign_ids(county, schools)
    for school in everything:
        fill_admissions(school)
    plant_zoning(rng, everything)
    for school in everything:
        fill_disability(rng, school)
    plant_disability(rng, everything)
    extra = random.Random(EXTRA_SEED + index)
    in_town, county_run = project_schools(extra)
    add_schools(everything, False, in_town)
    add_schools(everything, True, county_run)
    fill_extras(extra, everything)
    fill_national(random.Random(NATIONAL_SEED + index), everything)
    added = random.Random(ADDED_SEED + index)
    participation(added, everything)
    fill_guarantee(added, everything)
    return everything


def build_city(counties: int) -> list[tuple[str, list[School]]]:
    """The first `counties` counties of CITY, each as (county name, schools): the sample
    county, then counties built from their own seeds, their ids and names their own."""
    if not 1 <= counties <= len(CITY):
        raise ValueError(f"counties must be between 1 and {len(CITY)}")
    city = []
    for index, (name, prefix) in enumerate(CITY[:counties]):
        schools = build_county(random.Random(SEED + index), index)
        if index:
            stem = name.removesuffix("（模拟）")
            for school in schools:
                school.school_id = prefix + school.school_id[len(ID_PREFIX) :]
                school.name = school.name.replace("太康县", stem)
        city.append((name, schools))
    return city


# --------------------------------------------------------------------- output


def cell(value: int | None) -> str:
    return "" if value is None else str(value)


def flag(value: bool | None) -> str:
    return "" if value is None else "是" if value else "否"


def text(value: str | None) -> str:
    return "" if value is None else value


def max_class(school: School, grades: tuple[int, ...]) -> int | None:
    sizes = [k.students for k in school.classes if k.grade in grades]
    return max(sizes) if sizes else None


def class_count(school: School) -> int | None:
    if school.kind in DIRECT_KINDS or school.status in (PLANNED, BUILDING):
        return school.direct_class_count
    return len(school.classes)


def school_row(s: School, county: str = COUNTY) -> list[str]:
    return [
        s.school_id, county, s.name, s.township, s.kind, s.ownership, s.area, s.status,
        str(s.students), cell(class_count(s)), s.opened.isoformat(),
        cell(max_class(s, PRIMARY_GRADES)), cell(max_class(s, JUNIOR_GRADES)),
        flag(s.retention), flag(s.central_managed),
        cell(s.primary_admissions), cell(s.primary_zoned),
        cell(s.junior_admissions), cell(s.junior_zoned),
        cell(s.disabled), flag(s.resource_room), *extra_cells(s.extra),
        *national_cells(s.national), *guarantee_cells(s.guarantee),
    ]  # fmt: skip


def extra_cells(e: Extras) -> list[str]:
    return [
        text(e.location), flag(e.boarding), cell(e.capacity), text(e.project), flag(e.standard),
        flag(e.provincial_demo), flag(e.provincial_characteristic), flag(e.municipal_demo),
        text(e.civilised), flag(e.party_led), cell(e.rank), flag(e.county_hiring),
        flag(e.digital), flag(e.live_needed), flag(e.live), flag(e.group), cell(e.migrants),
        cell(e.migrants_public), flag(e.exercise), cell(e.participants), number(e.observation),
        number(e.talk), number(e.home_visit), cell(e.meetings), number(e.preparation),
    ]  # fmt: skip


def resource_text(resource: str, value: Fraction | None) -> str:
    """Teachers, classrooms and yuan as whole numbers; areas with one decimal."""
    if value is None:
        return ""
    unit = STANDARDS[resource].unit
    steps = value / unit
    if steps.denominator != 1:
        raise ValueError(f"{resource} {value} is not a whole number of {unit}")
    if unit == TENTH:
        return f"{steps.numerator // 10}.{steps.numerator % 10}"
    return str(steps.numerator)


def national_cells(n: National | None) -> list[str]:
    """The 16 national columns; blank for schools outside the standard."""
    if n is None:
        return [""] * len(NATIONAL_HEADER)
    whole = [resource_text(r, n.total(r)) for r in RESOURCES]
    primary = next((p.students for p in n.parts if p.stage == PRIMARY_STAGE), None)
    junior = next((p.students for p in n.parts if p.stage == JUNIOR_STAGE), None)
    if len(n.parts) == 1:
        primary = junior = None
    given = n.junior()
    parts = [resource_text(r, given.values[r]) if given else "" for r in RESOURCES]
    return [*whole, cell(primary), cell(junior), *parts]


def class_rows(schools: list[School]) -> list[list[str]]:
    return [
        [s.school_id, GRADE_NAMES[k.grade], f"{k.number}班", str(k.students)]
        for s in schools
        for k in sorted(s.classes, key=lambda k: (k.grade, k.number))
    ]


def write_csv(path: Path, header: tuple[str, ...], rows: list[list[str]], bom: bool) -> None:
    encoding = "utf-8-sig" if bom else "utf-8"
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


# --------------------------------------------------------------------- README


def private_share(schools: list[School]) -> float:
    return compulsory_students(schools, PRIVATE) / compulsory_students(schools)


def open_classes(schools: list[School], grades: tuple[int, ...]) -> list[int]:
    return [k.students for s in schools if s.is_open for k in s.classes if k.grade in grades]


def planted_counts(schools: list[School]) -> dict[str, int]:
    compulsory = open_classes(schools, PRIMARY_GRADES + JUNIOR_GRADES)
    primary = open_classes(schools, PRIMARY_GRADES)
    junior = open_classes(schools, JUNIOR_GRADES)
    points = [s for s in schools if s.is_open and s.kind == TEACHING_POINT]
    free = [p.students for p in points if p.retention is False]
    retained = [p for p in points if p.retention]
    public = [s for s in schools if s.is_open and s.ownership == PUBLIC]
    rooms = [s for s in schools if s.is_open and (s.disabled or 0) >= 5]
    return {
        "large": sum(n >= 56 for n in compulsory),
        "primary_over": sum(46 <= n <= 55 for n in primary),
        "junior_over": sum(51 <= n <= 55 for n in junior),
        "tp_50": sum(n <= 50 for n in free),
        "tp_100": sum(51 <= n <= 100 for n in free),
        "tp_200": sum(101 <= n <= 200 for n in free),
        "tp_big": sum(n > 200 for n in free),
        "retained": len(retained),
        "retained_unmanaged": sum(p.central_managed is not True for p in retained),
        "idle": sum(s.area == RURAL and s.students == 0 for s in public if s.kind != KINDERGARTEN),
        "zoned_primary": sum(
            s.primary_zoned is not None and s.primary_zoned < (s.primary_admissions or 0)
            for s in public
        ),
        "zoned_junior": sum(
            s.junior_zoned is not None and s.junior_zoned * 100 < (s.junior_admissions or 0) * 95
            for s in public
        ),
        "rooms_fail": sum(s.resource_room is False for s in rooms),
        "rooms_pass": sum(s.resource_room is True for s in rooms),
    }


# The school year of the README's audit date (2025-06-30): classes of grades 1–2 and 7–8 were
# admitted from autumn 2023 on, after the plan.
README_SCHOOL_YEAR = 2024


def intake_counts(schools: list[School]) -> dict[str, int]:
    """Classes admitted after the plan (intake from autumn 2023) over the standard sizes."""

    def intake(grade: int) -> int:
        first = 1 if grade <= 6 else 7 if grade <= 9 else 10
        return README_SCHOOL_YEAR - (grade - first)

    over = [
        k
        for s in schools
        if s.is_open
        for k in s.classes
        if k.grade <= 9 and intake(k.grade) >= 2023 and k.students > (45 if k.grade <= 6 else 50)
    ]
    return {
        "intake_over": len(over),
        "intake_1": sum(k.grade == 1 for k in over),
        "intake_7": sum(k.grade == 7 for k in over),
    }


def guarantee_counts(schools: list[School]) -> dict[str, int]:
    """What the rooms-and-funds columns plant, for the README."""
    rows = [(s, s.guarantee) for s in schools if s.guarantee is not None]
    rooms = [(s, g) for s, g in rows if s.kind in ROOM_KINDS and s.classes]
    return {
        "rooms_short": sum(
            (g.music or 0) * 12 < len(s.classes) or (g.art or 0) * 12 < len(s.classes)
            for s, g in rooms
        ),
        "rooms_small": sum((g.music_area or 96) < 96 or (g.art_area or 90) < 90 for s, g in rooms),
        "funded_short": sum(
            s.area == RURAL
            and s.kind in (PRIMARY, TEACHING_POINT)
            and 0 < s.students < 100
            and (g.funded or 0) < 100
            for s, g in rows
        ),
        "training_low": sum(
            bool(g.budget) and (g.training or 0) * 20 < (g.budget or 0) for s, g in rows
        ),
    }


def kind_counts(schools: list[School]) -> str:
    return "、".join(f"{k} {sum(s.kind == k for s in schools)}" for k in KIND_ORDER)


def extra_counts(schools: list[School]) -> dict[str, object]:
    """What the optional columns plant, for the README."""
    live = [s for s in schools if s.is_open]
    e = [(s, s.extra) for s in live]
    compulsory = [(s, x) for s, x in e if is_compulsory(s)]
    boarding = [(s, x) for s, x in e if x.boarding]
    towns = {}
    for s, x in compulsory:
        done, total = towns.get(s.township, (0, 0))
        towns[s.township] = (done + bool(x.group), total + 1)
    standard = {}
    for s, x in compulsory:
        ok, total = standard.get(s.township, (0, 0))
        standard[s.township] = (ok + bool(x.standard), total + 1)
    migrants = sum(x.migrants or 0 for _, x in e)
    placed = sum(x.migrants_public or 0 for _, x in e)
    schools_kinds = [x for s, x in e if s.kind in SCHOOL_KINDS]
    return {
        "boarding_primary": sum(s.kind == PRIMARY for s, _ in boarding),
        "boarding_primary_village": sum(
            s.kind == PRIMARY and x.location == VILLAGE for s, x in boarding
        ),
        "boarding_junior": sum(s.kind == JUNIOR for s, _ in boarding),
        "boarding_junior_village": sum(
            s.kind == JUNIOR and x.location in (CENTRAL_VILLAGE, VILLAGE) for s, x in boarding
        ),
        "standard": sum(bool(x.standard) for _, x in compulsory),
        "compulsory": len(compulsory),
        "standard_towns": sum(ok == total for ok, total in standard.values()),
        "municipal_demo": sum(bool(x.municipal_demo) for _, x in e),
        "civilised": "、".join(
            f"{t} {sum(x.civilised == t for _, x in e)}"
            for t in (PROVINCIAL, MUNICIPAL, COUNTY_LEVEL)
        ),
        "party_no": sum(x.party_led is False for x in schools_kinds),
        "rank_blank": sum(
            x.rank is None and s.ownership == PUBLIC for s, x in e if s.kind in SCHOOL_KINDS
        ),
        "hiring_no": sum(x.county_hiring is False for _, x in e),
        "digital": sum(bool(x.digital) for x in schools_kinds),
        "schools": len(schools_kinds),
        "live_missing": sum(bool(x.live_needed) and x.live is False for _, x in e),
        "group_share": 100 * sum(d for d, _ in towns.values()) / sum(t for _, t in towns.values()),
        "group_low": sum(d * 2 < t for d, t in towns.values()),
        "migrants": migrants,
        "migrant_share": 100 * placed / migrants,
        "exercise_no": sum(x.exercise is False for _, x in e),
        "no_competition": sum(x.competitions == 0 and s.students > 0 for s, x in e),
        "participation_low": sum(
            x.participants is not None and x.participants < s.students for s, x in e
        ),
        "coverage_low": sum(
            any(v is not None and v < 100 for v in (x.observation, x.talk, x.home_visit))
            for _, x in e
        ),
        "no_meeting": sum(x.meetings == 0 for _, x in e),
        "half_preparation": sum(x.preparation == 0.5 for _, x in e),
    }


def national_counts(schools: list[School]) -> dict[str, object]:
    """What the national columns plant, for the README (computed as the tool does)."""
    rows = stage_rows(schools)
    verdicts = [r.verdict() for r in rows]
    unmet = [sum(v in (NEAR, SHORT) for v in r.states().values()) for r in rows]
    filled = [s for s in schools if s.national is not None]
    nine = [s for s in filled if s.kind == NINE_YEAR]
    mega = [s for s in filled if s.national and s.national.parts[0].setting == "mega"]
    blanks = [s for s in filled if s.national and s.national.blank]
    grades_1_6 = [k.students for s in schools for k in s.classes if k.grade in PRIMARY_GRADES]
    grades_7_9 = [k.students for s in schools for k in s.classes if k.grade in JUNIOR_GRADES]
    return {
        "schools": len(filled),
        "stages": len(rows),
        "primary": sum(r.stage == PRIMARY_STAGE for r in rows),
        "junior": sum(r.stage == JUNIOR_STAGE for r in rows),
        "pass": verdicts.count("pass"),
        "fail": verdicts.count("fail"),
        "unknown": verdicts.count("unknown"),
        "share": 100 * verdicts.count("pass") / len(rows),
        "all_met": sum(v == "pass" and u == 0 for v, u in zip(verdicts, unmet, strict=True)),
        "near": sum(v == "pass" and u == 1 for v, u in zip(verdicts, unmet, strict=True)),
        "one_short": sum(v == "fail" and u == 1 for v, u in zip(verdicts, unmet, strict=True)),
        "several": sum(v == "fail" and u > 1 for v, u in zip(verdicts, unmet, strict=True)),
        "idle": "、".join(r.school.name for r in rows if r.students == 0),
        "nine": len(nine),
        "given": sum(bool(s.national and not s.national.split) for s in nine),
        "split": sum(bool(s.national and s.national.split) for s in nine),
        "mega": "、".join(s.name for s in mega),
        "mega_count": len(mega),
        "blanks": "、".join(s.name for s in blanks),
        "class_primary": sum(n > 45 for n in grades_1_6),
        "class_junior": sum(n > 50 for n in grades_7_9),
    }


def edge_school(schools: list[School], resource: str, share: Fraction) -> str:
    """The primary school planted at exactly `share` of a threshold."""
    return next(
        s.name
        for s in schools
        if s.national
        and s.kind == PRIMARY
        and s.national.parts[0].values[resource] == share * STANDARDS[resource].primary * s.students
    )


def variations(schools: list[School]) -> dict[tuple[str, str], tuple[float, bool]]:
    rows = stage_rows(schools)
    return {
        (stage, resource): variation(rows, stage, resource)
        for stage in (PRIMARY_STAGE, JUNIOR_STAGE)
        for resource in RESOURCES
    }


def cv_table(cv: dict[tuple[str, str], tuple[float, bool]], lang: str) -> str:
    """The coefficients of variation per indicator and stage, against their limits."""
    if lang == "zh":
        head = "| 指标 | 小学（≤ 0.50） | 初中（≤ 0.45） |\n|---|---|---|\n"
        marks = {"over": "**超标**", "unknown": "（有空白，未知）"}
        titles = RESOURCE_TITLES
    else:
        head = "| indicator | primary (≤ 0.50) | junior (≤ 0.45) |\n|---|---|---|\n"
        marks = {"over": "**over**", "unknown": "(blank cells: unknown)"}
        titles = RESOURCE_TITLES_EN
    lines = []
    for resource in RESOURCES:
        cells = []
        for stage in (PRIMARY_STAGE, JUNIOR_STAGE):
            value, blank = cv[(stage, resource)]
            mark = ""
            if blank:
                mark = " " + marks["unknown"]
            elif value > CV_LIMITS[stage]:
                mark = " " + marks["over"]
            cells.append(f"{value:.3f}{mark}")
        lines.append(f"| {titles[resource]} | {cells[0]} | {cells[1]} |")
    return head + "\n".join(lines)


def national_figures() -> list[list[str]]:
    """The national standard's county figures, 2023-2025, as the README quotes them."""
    codes = (
        "teacher_training_completion", "teacher_rotation_share", "backbone_rotation_share",
        "teaching_certificate_rate", "junior_retention_rate", "social_recognition_rate",
        "quality_monitoring_level", "quality_monitoring_school_gap",
    )  # fmt: skip
    return [[number(INDICATORS[code][year]) for year in (2023, 2024, 2025)] for code in codes]


def national_readme_zh(schools: list[School], n: dict[str, object]) -> str:
    g = guarantee_counts(schools)
    area = edge_school(schools, "teaching_area", Fraction(1))
    sports = edge_school(schools, "sports_area", REACH)
    tc, tr, br, cr, jr, sr, ql, qg = national_figures()
    return f"""## 国家优质均衡标准（教督〔2017〕6号）

```sh
taikang-check audit data/sample/*.csv --as-of 2025-06-30 --pack national
```

学校表的 16 列国家标准资源列（七项资源、小学部和初中部在校生数、初中部各项资源）填写了
{n["schools"]} 所在办的小学、初中、九年一贯制学校、完全中学和教学点；幼儿园、普通高中、
特殊教育学校、职业学校以及已撤并、规划、在建的学校留空。数据仿照通过国家评估前几年的
河南县域：县城学校拥挤、生均场地偏少；乡村学校生源减少后场地富余，但县级以上骨干教师、
体育艺术教师和教学仪器设备不足；2023 年以后新开办的学校按标准建设。

- 学段共 {n["stages"]} 个（小学 {n["primary"]} 个，含教学点；初中 {n["junior"]} 个）：
  达标 {n["pass"]} 个（{n["share"]:.1f}%），不达标 {n["fail"]} 个，未知 {n["unknown"]} 个。
  达标的有 {n["all_met"]} 个七项全部达到、{n["near"]} 个一项未达到但不低于 85%；
  不达标的有 {n["one_short"]} 个一项低于 85%、{n["several"]} 个两项及以上未达到。
- 县城规模最大的 {MEGA_PRIMARY} 所小学和 {MEGA_JUNIOR} 所初中生均教学及辅助用房面积和
  生均体育运动场馆面积都不足，不达标：{n["mega"]}。
- 九年一贯制学校 {n["nine"]} 所都填写小学部、初中部在校生数（两者之和为在校生数），其中
  {n["given"]} 所另填初中部各项资源，{n["split"]} 所不填、由工具按学生数分摊；完全中学一高附中
  填写初中部在校生数和初中部各项资源。
- 边界：{area}生均教学及辅助用房恰好 4.5 平方米（“以上”含本数，达到）；
  {sports}生均体育运动场馆面积恰好 6.375 平方米，即标准的 85%（仍达标）。
- 网络多媒体教室数留空 3 处：{n["blanks"]}。其余六项都达到的、
  另有一项不低于 85% 的两所判为未知，另有两项未达到的教学点仍不达标；小学该项差异系数为未知。
- 在校生为 0 的{n["idle"]}保留校舍和设备、没有教师；单项指标和差异系数
  不计在校生为 0 的学校。
- 最后 7 列为第六条(三)(六)和第七条(四)：同样这些学校填写核定公用经费学生数、年度公用经费预算
  总额和教师培训经费，教学点以外的学校另填音乐、美术专用教室数及最小一间的面积。每 12 个班
  音乐或美术专用教室不足 1 间的学校 {g["rooms_short"]} 所，专用教室小于 96/90 平方米的
  {g["rooms_small"]} 所；在校生不足 100 人而未按 100 人核定公用经费的村小和教学点
  {g["funded_short"]} 所；教师培训经费低于公用经费预算 5% 的 {g["training_low"]} 所；
  恰好 96、90 平方米和恰好 5% 的一所（达标）。

差异系数（按在校生数加权，教学点计入小学）：

{cv_table(variations(schools), "zh")}

其余国家规则用已有数据：班额（小学超过 45 人的班级 {n["class_primary"]} 个、初中超过 50 人的
{n["class_junior"]} 个，按全部班级计）、学校规模、县城和镇区划片入学按学校表计算；随迁子女、
残疾儿童入学率、特殊教育经费和教师工资用上文的县级指标。国家标准另有的县级指标（2023—2025 年）：

- 教师5年360学时培训完成率：{tc[0]}%、{tc[1]}%，2025 年年中 {tc[2]}%（待到期）。
- 交流轮岗教师比例：{tr[0]}%、{tr[1]}%（2024 年低于 10%，不合格）、{tr[2]}%；
  骨干教师占交流轮岗教师比例：{br[0]}%、{br[1]}%，2025 年年中 {br[2]}%（待到期）。
- 专任教师持证上岗率：各年 {cr[0]}%。
- 初中三年巩固率：{jr[0]}%（2023 年低于 95%，不合格）、{jr[1]}%、{jr[2]}%。
- 社会认可度：{sr[0]}%、{sr[1]}%、{sr[2]}%。
- 国家义务教育质量监测：学业水平各年为 {ql[0]} 级；校际差异率 {qg[0]}、{qg[1]}（2023、2024 年
  不低于 0.15，不合格）、{qg[2]}。
"""


def national_readme_en(schools: list[School], n: dict[str, object]) -> str:
    g = guarantee_counts(schools)
    area = edge_school(schools, "teaching_area", Fraction(1))
    sports = edge_school(schools, "sports_area", REACH)
    tc, tr, br, cr, jr, sr, ql, qg = national_figures()
    return f"""### National standard (教督〔2017〕6号, `--pack national`)

The 16 national resource columns of the schools table (the seven resources, the students of each
part, the junior part's resources) are filled in for the {n["schools"]} open primary, junior,
nine-year and complete secondary schools and teaching points, and blank on every other row.
They are shaped like a Henan county a few years before it passed the national assessment:
crowded county-town schools short of space; village schools with room to spare after years of
falling rolls but short of backbone, PE and art teachers and of equipment; new schools built to
the standard.

- {n["stages"]} school-stages ({n["primary"]} primary, teaching points included, and
  {n["junior"]} junior): {n["pass"]} pass ({n["share"]:.1f}%), {n["fail"]} fail,
  {n["unknown"]} unknown. Of those passing, {n["all_met"]} meet all seven indicators and
  {n["near"]} miss one within 85%; of those failing, {n["one_short"]} miss one by more than 15%
  and {n["several"]} miss two or more.
- The {MEGA_PRIMARY} largest primary and {MEGA_JUNIOR} largest junior schools of the county town
  are short of both floor area and sports area per student, and fail.
- All {n["nine"]} nine-year schools give their primary and junior students (summing to 在校生数);
  {n["given"]} also give the junior part's resources, {n["split"]} leave the split by students to
  the tool. The complete secondary school gives its junior students and resources.
- Edges: {area} has exactly 4.5 m² of teaching floor area a student (met);
  {sports} exactly 6.375 m² of sports area, 85% of the standard (still passes).
- 网络多媒体教室数 is blank in 3 rows: a school meeting the other six and one with another
  indicator within 85% are unknown, a teaching point short on two others fails all the same;
  the primary coefficient of that indicator is unknown.
- The two open schools with no students keep buildings and equipment but no teachers; the
  single-indicator checks and the coefficients leave out schools with no students.
- The last 7 columns are 第六条(三)(六) and 第七条(四): the same schools give their funded
  students, public-funds budget and teacher-training funds, and all but teaching points their
  music and art rooms and the smallest room's area. {g["rooms_short"]} schools have fewer than one
  music or art room per 12 classes, {g["rooms_small"]} a room below 96 / 90 m²; {g["funded_short"]}
  village schools or teaching points under 100 students are not funded as 100; {g["training_low"]}
  spend less than 5% of their public funds on teacher training; one school sits exactly on
  96 m², 90 m² and 5% (met).

Coefficients of variation (enrolment-weighted, teaching points in the primary stage):

{cv_table(variations(schools), "en")}

The other national rules use the existing data: class sizes ({n["class_primary"]} classes of
grades 1–6 above 45, {n["class_junior"]} of grades 7–9 above 50, all classes counted), school size
and zoned admission from the schools table; migrant children, disabled children's enrolment,
special-education funding and teachers' pay from the county figures above. The national
standard's own county figures, 2023–2025:

- 360-hour training completion {tc[0]}%, {tc[1]}%, mid-2025 {tc[2]}% (pending).
- Teacher rotation {tr[0]}%, {tr[1]}% (below 10% in 2024: fails), {tr[2]}%; backbone
  teachers among those rotated {br[0]}%, {br[1]}%, mid-2025 {br[2]}% (pending).
- Teaching certificates {cr[0]}% every year.
- Three-year junior retention {jr[0]}% (below 95% in 2023: fails), {jr[1]}%, {jr[2]}%.
- Social recognition {sr[0]}%, {sr[1]}%, {sr[2]}%.
- National quality monitoring: level {ql[0]} every year; inter-school gap {qg[0]}, {qg[1]} (not
  below 0.15 in 2023 and 2024: fails), {qg[2]}.
"""


def readme(schools: list[School], n_classes: int, n_indicators: int) -> str:
    c = planted_counts(schools)
    x = extra_counts(schools)
    i = intake_counts(schools)
    share = private_share(schools) * 100
    zh_limit, en_limit = ("不超过 5%", "not above 5%") if share <= 5 else ("超过 5%", "above 5%")
    closed = sum(s.status == CLOSED for s in schools)
    planned = sum(s.status in (PLANNED, BUILDING) for s in schools)
    national = national_counts(schools)
    return f"""# 示例数据（模拟） / Sample data (SYNTHETIC)

本目录中的数据全部是**模拟数据**，由 `python scripts/generate_sample.py` 生成（固定随机种子
{SEED} 和 {EXTRA_SEED}，每次运行输出逐字节相同）。它不是太康县的真实数据，不代表任何真实学校，
各项县级指标也是虚构的。

```sh
taikang-check audit data/sample/*.csv --as-of 2025-06-30
```

- `schools.csv`（学校表，UTF-8 带 BOM，中文表头）：{len(schools)} 行，覆盖 23 个乡镇——
  {kind_counts(schools)}；其中已撤并 {closed} 所，规划或在建 {planned} 所。
- `classes.csv`（班级表，UTF-8）：{n_classes} 个班级。
- `indicators.csv`（县级指标表，UTF-8，表头 指标,年度,数值）：{n_indicators} 行，2022—2025 年，
  覆盖全部 {len(INDICATOR_NAMES)} 项指标；指标一半写中文名称、一半写英文代码，两种写法都能识别。
- 民办义务教育在校生占比 {share:.2f}%（{zh_limit}）。

有意植入的问题（核心规则）：

- 大班额（56–70 人）{c["large"]} 个；小学 46–55 人班级 {c["primary_over"]} 个；初中 51–55 人班级
  {c["junior_over"]} 个；恰好 45、46、50、51、55、56 人的边界班级均有。
- 未确需保留的在办教学点：50 人以下 {c["tp_50"]} 个，51–100 人 {c["tp_100"]} 个，101–200 人
  {c["tp_200"]} 个，超过 200 人 {c["tp_big"]} 个（含恰好 50/51/100/101/200/201 人的）。
- 确需保留的教学点 {c["retained"]} 个，其中 {c["retained_unmanaged"]} 个未纳入或未填写中心校管理。
- 在校生为 0 的在办乡村学校 {c["idle"]} 所。
- 小学划片入学比例低于 100% 的公办学校 {c["zoned_primary"]} 所；初中低于 95% 的
  {c["zoned_junior"]} 所，另有恰好 95% 的一所。
- 随班就读残疾学生 5 名以上而无资源教室 {c["rooms_fail"]} 所（有资源教室 {c["rooms_pass"]} 所），
  其中有恰好 5 名的；恰好 4 名而无资源教室的学校不在规则范围内。
- 规划中的阳夏小学设计规模 2400 人，超过 2000 人（规划、在建的学校填“设计规模”，在校生为 0）。
- 2023 年秋季以后入学（按 2025-06-30 即 2024—2025 学年的一、二、七、八年级）而超过标准班额
  （小学 45 人、初中 50 人）的班级 {i["intake_over"]} 个，其中一年级 {i["intake_1"]} 个、七年级
  {i["intake_7"]} 个：三(五)“按标准班额招生”即时不合格，而三(一)全部班级的 45/50 人要求尚待到期。
- 少量空白单元格（资源教室、小学划片招生数、确需保留、纳入中心校管理、随班就读残疾学生数），
  用于产生 `unknown` 结果（“确需保留”为空即无保留决定，照常判定是否应撤并）。

学校表的其他列（方案其他条款）：

- 驻地层级：城区学校为县城，乡镇中心小学、驻地初中为乡镇驻地，村小为中心村或
  一般村，教学点为一般村；幼儿园不填。寄宿制小学 {x["boarding_primary"]} 所，其中
  {x["boarding_primary_village"]} 所在一般村；寄宿制初中 {x["boarding_junior"]} 所，其中
  {x["boarding_junior_village"]} 所在村（均违反布局要求）；普通高中都在县城。
- 建设项目：灵运初中、灵运小学、新时代高中已招生；涡河花园小学、二高搬迁、二高旧址初中和小学、
  三高改扩建已建成，弘源职业学校在办；阳夏小学（规划）、滨湖花园小学（在建）、一高附中改扩建（在建）未建成。
- 达到管理标准的义务教育学校 {x["standard"]}/{x["compulsory"]} 所，
  {x["standard_towns"]} 个乡镇全部达标；省级管理示范校 1 所、省级管理特色校 2 所
  （少于 3 所）、市级管理示范校 {x["municipal_demo"]} 所（少于 35 所）。
- 文明校园：{x["civilised"]} 所（县级少于 20 所）。
- 党组织领导的校长负责制未实行 {x["party_no"]} 所；校长职级有一所为 6 级（超出
  一至五级），{x["rank_blank"]} 所公办学校未填；县管校聘未实施 {x["hiring_no"]} 所。
  民办学校这三列不填（属公办学校的改革）。
- 数字校园达标 {x["digital"]}/{x["schools"]} 所中小学；有需求而未开通网络直播课的教学点
  {x["live_missing"]} 个，另有一个未填是否有需求。
- 紧密型教育集团覆盖全县义务教育学校的 {x["group_share"]:.1f}%，
  其中 {x["group_low"]} 个乡镇低于 50%（50% 是全县指标，不按乡镇检查）。
- 随迁子女 {x["migrants"]} 人，在公办或政府购买服务学位就读 {x["migrant_share"]:.1f}%。
- 未保证每天锻炼一小时 {x["exercise_no"]} 所；本年度参加校级体育竞赛的学生未覆盖全体学生的
  {x["participation_low"]} 所，其中未举办竞赛、无人参加的 {x["no_competition"]} 所；
  校长听评课、谈心或班主任家访覆盖率不足 100% 的 {x["coverage_low"]} 所；有班级未开家长会的
  {x["no_meeting"]} 所；每周集体备课 0.5 次的 {x["half_preparation"]} 所。
- 各列另有个别空白单元格（数字校园达标、每天锻炼一小时、需要网络直播课、校长听评课覆盖率、
  班主任家访覆盖率、每周集体备课次数），用于产生 `unknown` 结果。

县级指标（2025 年数值为年中的计划或已完成数）：按 2025-06-30 核查时——

- 合格：学前三年毛入园率、义务教育入学率和巩固率、数字校园和名校网络课堂示范校、县级名校长工作室、
  优质高中分配生比例、随迁子女就读比例、特殊教育经费和资源中心、联盟型教育集团等。
- 不合格：2024 年省市级名师 46 名（少于 50）、农村寄宿制初中 20 所（少于 21）、农村教师培训
  1860 人次（少于 2000）、评估验收管理标准化学校 76 所（少于 80 所左右）、生均教育支出比 2023 年
  下降、教师平均工资低于公务员；2023 年小学生编比 19.3（超过 1:19）、2024 年教育费附加实征
  5530 万元（应征 5710 万元）。
- 待到期（2025-12-31 前）：2025 年数值尚未达标的，如高中阶段毛入学率 91.8%、新增职业教育学位
  6500 个、市级名班主任工作室 9 个、适龄残疾儿童入学率 96.8%（97% 为 2025 年目标）、一般公共预算
  教育支出低于 2024 年、年中教育费附加实征尚少于应征等；按 2026 年核查时转为不合格。
- 未知：2024 年“校长培训批次”有意缺失。
- 普惠性幼儿园覆盖率、公办园在园幼儿占比和随迁子女就读比例的 2025 年数值按学校表计算。

{national_readme_zh(schools, national)}
## English

Everything here is **SYNTHETIC**, written by `python scripts/generate_sample.py` (fixed seeds
{SEED} and {EXTRA_SEED}; reruns are byte-identical). It is not real data of Taikang County,
describes no real school, and the county figures are invented.

- `schools.csv` (UTF-8 with BOM, Chinese headers): {len(schools)} rows in 23 townships,
  {closed} of them closed and {planned} planned or under construction.
- `classes.csv` (UTF-8): {n_classes} classes.
- `indicators.csv` (UTF-8, header 指标,年度,数值): {n_indicators} rows for 2022–2025 covering all
  {len(INDICATOR_NAMES)} indicators; every other indicator is written by its Chinese name, the
  rest by its English code, to show that both are read.
- Private share of compulsory-education students: {share:.2f}% ({en_limit}).

Planted on purpose (core rules):

- {c["large"]} classes of 56–70 students, {c["primary_over"]} primary classes of 46–55,
  {c["junior_over"]} junior classes of 51–55, and classes of exactly 45/46/50/51/55/56.
- Open teaching points not retained: {c["tp_50"]} with <= 50 students, {c["tp_100"]} with 51–100,
  {c["tp_200"]} with 101–200, {c["tp_big"]} with more than 200 (edges 50/51/100/101/200/201).
- {c["retained"]} retained teaching points, {c["retained_unmanaged"]} of them not (or not known
  to be) run by the township central school.
- {c["idle"]} open rural schools with no students.
- {c["zoned_primary"]} public schools below 100% zoned primary admission, {c["zoned_junior"]}
  below 95% zoned junior admission, and one at exactly 95%.
- {c["rooms_fail"]} schools with 5 or more disabled students and no resource room (some at
  exactly 5), {c["rooms_pass"]} with one; schools with exactly 4 and none are out of scope.
- A planned primary school designed for 2,400 students, over the 2,000 cap (planned and
  building schools give their 设计规模 and have no students yet).
- {i["intake_over"]} classes admitted from autumn 2023 on (grades 1, 2, 7 and 8 of 2024–25 as
  of 2025-06-30) above the standard sizes of 45 / 50, {i["intake_1"]} of them in grade 1 and
  {i["intake_7"]} in grade 7: 三(五)'s standard class sizes fail them at once, while 三(一)'s caps
  for every class are still pending.
- A few blank cells (资源教室, 小学划片招生数, 确需保留, 纳入中心校管理, 随班就读残疾学生数)
  that give `unknown` findings (a blank 确需保留 is no decision to keep the point, which is
  judged for closure as usual).

The other school columns (the rest of the plan):

- 驻地层级: county-town schools 县城, township central schools 乡镇驻地, village primaries
  中心村 or 一般村, teaching points 一般村; blank for kindergartens.
  {x["boarding_primary"]} boarding primaries, {x["boarding_primary_village"]} of them in an
  ordinary village; {x["boarding_junior"]} boarding junior schools,
  {x["boarding_junior_village"]} in a village (layout failures); every senior high school is in
  the county town.
- 建设项目: 灵运初中, 灵运小学 and 新时代高中 enrol; 涡河花园小学, 二高搬迁, 二高旧址初中/小学,
  三高改扩建 and 弘源职业学校 are open; 阳夏小学 (planned), 滨湖花园小学 and 一高附中改扩建
  (building) are not.
- {x["standard"]} of {x["compulsory"]} compulsory schools meet the management standard, all of them
  in {x["standard_towns"]} townships; 1 provincial demonstration school, 2 provincial
  characteristic schools (fewer than 3), {x["municipal_demo"]} municipal demonstration schools
  (fewer than 35).
- Civilised campuses: {x["civilised"]} (fewer than 20 county ones).
- {x["party_no"]} schools without the party-led principal system, one principal of rank 6 and
  {x["rank_blank"]} public schools with the rank blank, {x["hiring_no"]} without 县管校聘.
  Private schools leave these three blank (they are reforms of public schools).
- {x["digital"]} of {x["schools"]} schools meet the digital-campus standard; {x["live_missing"]}
  teaching points need live classes and have none, one leaves the need blank.
- Close-knit education groups cover {x["group_share"]:.1f}% of compulsory schools;
  {x["group_low"]} townships are below 50% (the 50% is a county figure, not checked per township).
- {x["migrants"]} migrant children, {x["migrant_share"]:.1f}% in public or purchased places.
- {x["exercise_no"]} schools without the daily hour of exercise; {x["participation_low"]} where not
  every student took part in a school sports competition, {x["no_competition"]} of them holding
  none; {x["coverage_low"]} below 100% principal observation, talks or home
  visits; {x["no_meeting"]} with a class that held no parents' meeting; {x["half_preparation"]} with
  collective preparation only every other week.
- Single blank cells (数字校园达标, 每天锻炼一小时, 需要网络直播课, 校长听评课覆盖率,
  班主任家访覆盖率, 每周集体备课次数) give `unknown` findings.

County indicators (a 2025 figure is what is planned or done by mid-year), audited as of
2025-06-30:

- pass: pre-school enrolment, compulsory enrolment and retention, digital and online-class
  demonstration schools, famous-principal studios, quota allocation, migrant children,
  special-education funding and centre, alliance groups, among others;
- fail: 46 famous teachers in 2024 (below 50), 20 rural boarding junior schools in 2024
  (below 21), 1,860 person-times of rural teacher training in 2024 (below 2,000), 76 schools
  evaluated in 2024 (below about 80), spending per student lower in 2024 than in 2023, teachers
  paid less than civil servants in 2024, 19.3 primary students per staff post in 2023 (above
  1:19), an education surcharge of 5,530 collected against 5,710 due in 2024;
- pending (due 2025-12-31): 2025 figures still below target — senior enrolment 91.8%, 6,500
  vocational places, 9 municipal head-teacher studios, disabled children's enrolment 96.8% (97% is
  the 2025 target), a 2025 education budget below 2024's, a mid-year surcharge short of what is
  due, and more; audited as of 2026 they fail;
- unknown: the 2024 figure of 校长培训批次 is left out on purpose;
- the 2025 kindergarten shares and the migrant-children share are computed from the schools table.

{national_readme_en(schools, national)}"""


def write_city(out: Path, counties: int) -> None:
    """schools.csv, classes.csv and indicators.csv (with 区县) of a city (build_city)."""
    city = build_city(counties)
    header = SCHOOL_HEADER + EXTRA_HEADER + NATIONAL_HEADER + GUARANTEE_HEADER
    rows = [school_row(s, name) for name, schools in city for s in schools]
    write_csv(out / "schools.csv", header, rows, bom=True)
    classes = [row for _, schools in city for row in class_rows(schools)]
    write_csv(out / "classes.csv", CLASS_HEADER, classes, bom=False)
    figures = [[*row, name] for name, schools in city for row in indicator_rows(schools)]
    write_csv(out / "indicators.csv", (*INDICATOR_HEADER, "区县"), figures, bom=False)


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the SYNTHETIC sample data set.")
    parser.add_argument(
        "--out", type=Path, default=repo_root() / "data" / "sample", help="output directory"
    )
    parser.add_argument(
        "--counties",
        type=int,
        default=1,
        choices=range(1, len(CITY) + 1),
        help="a city of that many counties instead (needs --out)",
    )
    args = parser.parse_args(argv)
    if args.counties != 1 and args.out == parser.get_default("out"):
        parser.error("--counties needs --out: data/sample is the one-county sample")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    if args.counties != 1:
        write_city(out, args.counties)
        return 0
    schools = build_county(random.Random(SEED))
    rows = class_rows(schools)
    header = SCHOOL_HEADER + EXTRA_HEADER + NATIONAL_HEADER + GUARANTEE_HEADER
    write_csv(out / "schools.csv", header, [school_row(s) for s in schools], bom=True)
    write_csv(out / "classes.csv", CLASS_HEADER, rows, bom=False)
    figures = indicator_rows(schools)
    write_csv(out / "indicators.csv", INDICATOR_HEADER, figures, bom=False)
    text = readme(schools, len(rows), len(figures))
    (out / "README.md").write_text(text, encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
