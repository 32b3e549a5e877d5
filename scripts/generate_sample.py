"""Generate the SYNTHETIC sample data set of taikang-check (data/sample/).

Everything written here is SYNTHETIC: invented schools, villages, classes and numbers,
shaped like a county of eastern Henan so that every core rule of the contract has
passing and failing rows. It is NOT real data of Taikang County (太康县) and says nothing
about any real school; the county column reads "太康县（模拟）" to make that plain.

The output is deterministic: one fixed seed, a fixed iteration order and fixed line
endings, so two runs write byte-identical files.

    python scripts/generate_sample.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

SEED = 20230510
COUNTY = "太康县（模拟）"
ID_PREFIX = "411627"
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
CLASS_HEADER = ("学校代码", "年级", "班级", "学生数")

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
}
SENIOR_CLASS = (48, 66)


@dataclass
class Klass:
    """One row of classes.csv."""

    grade: int
    number: int
    students: int


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
    yangxia.direct_students = 2400  # planned size, over the 2,000 cap
    binhu = School("太康县滨湖花园小学", CHENGJIAO, PRIMARY, PUBLIC, URBAN, opening)
    binhu.status, binhu.direct_students = BUILDING, 1800
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
    if school.kind in (PRIMARY, NINE_YEAR, TEACHING_POINT):
        intake = grade_total(school, 1)
        school.primary_admissions = intake
        school.primary_zoned = intake if public else None
    if school.kind in (JUNIOR, NINE_YEAR, COMPLETE):
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


def build_county(rng: random.Random) -> list[School]:
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
    return everything


# --------------------------------------------------------------------- output


def cell(value: int | None) -> str:
    return "" if value is None else str(value)


def flag(value: bool | None) -> str:
    return "" if value is None else "是" if value else "否"


def max_class(school: School, grades: tuple[int, ...]) -> int | None:
    sizes = [k.students for k in school.classes if k.grade in grades]
    return max(sizes) if sizes else None


def class_count(school: School) -> int | None:
    if school.kind in DIRECT_KINDS or school.status in (PLANNED, BUILDING):
        return school.direct_class_count
    return len(school.classes)


def school_row(s: School) -> list[str]:
    return [
        s.school_id, COUNTY, s.name, s.township, s.kind, s.ownership, s.area, s.status,
        str(s.students), cell(class_count(s)), s.opened.isoformat(),
        cell(max_class(s, PRIMARY_GRADES)), cell(max_class(s, JUNIOR_GRADES)),
        flag(s.retention), flag(s.central_managed),
        cell(s.primary_admissions), cell(s.primary_zoned),
        cell(s.junior_admissions), cell(s.junior_zoned),
        cell(s.disabled), flag(s.resource_room),
    ]  # fmt: skip


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


def kind_counts(schools: list[School]) -> str:
    return "、".join(f"{k} {sum(s.kind == k for s in schools)}" for k in KIND_ORDER)


def readme(schools: list[School], n_classes: int) -> str:
    c = planted_counts(schools)
    share = private_share(schools) * 100
    zh_limit, en_limit = ("不超过 5%", "not above 5%") if share <= 5 else ("超过 5%", "above 5%")
    closed = sum(s.status == CLOSED for s in schools)
    planned = sum(s.status in (PLANNED, BUILDING) for s in schools)
    return f"""# 示例数据（模拟） / Sample data (SYNTHETIC)

本目录中的数据全部是**模拟数据**，由 `python scripts/generate_sample.py` 生成（固定随机种子
{SEED}，每次运行输出逐字节相同）。它不是太康县的真实数据，不代表任何真实学校。

- `schools.csv`（学校表，UTF-8 带 BOM，中文表头）：{len(schools)} 行，覆盖 23 个乡镇——
  {kind_counts(schools)}；其中已撤并 {closed} 所，规划或在建 {planned} 所。
- `classes.csv`（班级表，UTF-8）：{n_classes} 个班级。
- 民办义务教育在校生占比 {share:.2f}%（{zh_limit}）。

有意植入的问题：

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
- 规划中的阳夏小学规模 2400 人，超过 2000 人。
- 少量空白单元格（资源教室、小学划片招生数、确需保留、纳入中心校管理、随班就读残疾学生数），
  用于产生 `unknown` 结果。

## English

Everything here is **SYNTHETIC**, written by `python scripts/generate_sample.py` (fixed seed
{SEED}; reruns are byte-identical). It is not real data of Taikang County and describes no
real school.

- `schools.csv` (UTF-8 with BOM, Chinese headers): {len(schools)} rows in 23 townships,
  {closed} of them closed and {planned} planned or under construction.
- `classes.csv` (UTF-8): {n_classes} classes.
- Private share of compulsory-education students: {share:.2f}% ({en_limit}).

Planted on purpose:

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
- A planned primary school of 2,400 students, over the 2,000 cap.
- A few blank cells (资源教室, 小学划片招生数, 确需保留, 纳入中心校管理, 随班就读残疾学生数)
  that give `unknown` findings.
"""


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the SYNTHETIC sample data set.")
    parser.add_argument(
        "--out", type=Path, default=repo_root() / "data" / "sample", help="output directory"
    )
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    schools = build_county(random.Random(SEED))
    rows = class_rows(schools)
    write_csv(out / "schools.csv", SCHOOL_HEADER, [school_row(s) for s in schools], bom=True)
    write_csv(out / "classes.csv", CLASS_HEADER, rows, bom=False)
    (out / "README.md").write_text(readme(schools, len(rows)), encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
