"""Generate SYNTHETIC contract-shaped school data for the benchmarks (columnar, deterministic).

Writes `schools.csv` and `classes.csv` (English headers, Chinese enum values, UTF-8) shaped
like the data a county, a province or the whole country would audit:

    python benchmarks/generate.py --size county|province|national
    python benchmarks/generate.py --rows 1000000          # the scaling series

| size     | classes   | schools | counties |
|----------|-----------|---------|----------|
| county   | 5,000     | 400     | 1        |
| province | 400,000   | 30,000  | 160      |
| national | 4,000,000 | 240,000 | 2,800    |
| --rows N | N         | 0.06 N  | 0.0007 N |

(`--rows 4000000` is the national set.) Everything is invented: the counties are called
模拟县0001…, the schools 镇03第12小学; nothing describes a real school.

Every random draw is a hash of (seed, stream, row number) computed with polars integer
expressions (Chris Wellons' "lowbias32" mixer), so there is no Python loop per row and the
output depends only on the seed and the sizes, not on the polars version's random generator.
Same arguments, byte-identical files.

Shape (grades 1-9 mostly, some 10-12): primary schools, teaching points (grades 1-4, tiny
classes), junior, nine-year, twelve-year, complete secondary and a few senior high schools;
class sizes normal around 42 in towns (larger in county towns, smaller in villages), capped
at the standard (45 / 50) for most classes, about 0.3% over the standard but below 56 and
about 1.3% large classes of 56 or more in grades 1-9 (Henan 2023), more in county towns and
in some counties than others. Schools also carry the columns of the teaching-point, idle
school, school size, zoning, private-share and resource-room rules, with a small share of
violations and blank cells.

Files go to a cache folder (default benchmarks/data/, git-ignored), one sub-folder per
parameter set; a complete folder is reused as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import polars as pl

SEED = 20261129
# Bump when the shape of the data changes, so stale cache folders are not reused.
GENERATOR_VERSION = 1
DEFAULT_CACHE = Path(__file__).resolve().parent / "data"

MASK32 = 0xFFFFFFFF
TWO32 = 4294967296.0


@dataclass(frozen=True)
class Params:
    classes: int
    schools: int
    counties: int
    seed: int = SEED

    @property
    def folder_name(self) -> str:
        return (
            f"c{self.classes}-s{self.schools}-k{self.counties}-seed{self.seed}-v{GENERATOR_VERSION}"
        )


PRESETS: dict[str, Params] = {
    "county": Params(5_000, 400, 1),
    "province": Params(400_000, 30_000, 160),
    "national": Params(4_000_000, 240_000, 2_800),
}


def params_for_rows(rows: int, seed: int = SEED) -> Params:
    """The scaling series: national proportions (16.7 classes a school, 86 schools a county)."""
    if rows < 100:
        raise ValueError("--rows must be at least 100")
    return Params(rows, max(1, rows * 3 // 50), max(1, round(rows * 7 / 10_000)), seed)


# ------------------------------------------------------------------------------ random


def _mix32_int(x: int) -> int:
    """lowbias32 on a Python int (for stream keys)."""
    x &= MASK32
    x ^= x >> 16
    x = (x * 0x7FEB352D) & MASK32
    x ^= x >> 15
    x = (x * 0x846CA68B) & MASK32
    x ^= x >> 16
    return x


def _mix32(x: pl.Expr) -> pl.Expr:
    """lowbias32 on a UInt64 expression holding values below 2**32 (exact, no overflow)."""
    x = x ^ (x // 65536)
    x = (x * 0x7FEB352D) & MASK32
    x = x ^ (x // 32768)
    x = (x * 0x846CA68B) & MASK32
    return x ^ (x // 65536)


class Draws:
    """Independent uniform streams over a row-number column, keyed by (seed, stream)."""

    def __init__(self, seed: int, index: str) -> None:
        self.seed = seed
        self.index = index

    def bits(self, stream: int) -> pl.Expr:
        key = _mix32_int(_mix32_int(self.seed) ^ _mix32_int(stream * 0x9E3779B9 + 1))
        i = pl.col(self.index).cast(pl.UInt64)
        return _mix32(_mix32(i ^ key) ^ _mix32_int(key + 0x6A09E667))

    def uniform(self, stream: int) -> pl.Expr:
        """Uniform on (0, 1)."""
        return (self.bits(stream).cast(pl.Float64) + 0.5) / TWO32

    def integers(self, stream: int, low: int | pl.Expr, high: int | pl.Expr) -> pl.Expr:
        """Uniform whole numbers in [low, high]."""
        low_e = pl.lit(low) if isinstance(low, int) else low
        high_e = pl.lit(high) if isinstance(high, int) else high
        span = (high_e - low_e + 1).cast(pl.Float64)
        return low_e + (self.uniform(stream) * span).floor().cast(pl.Int64)

    def normal(self, stream: int) -> pl.Expr:
        """Standard normal (Box-Muller) from two streams."""
        u1, u2 = self.uniform(stream), self.uniform(stream + 1)
        return (-2.0 * u1.log()).sqrt() * (2.0 * 3.141592653589793 * u2).cos()


# ------------------------------------------------------------------------------ schools

# (kind, share of schools); compulsory-education shares of the 2023 national statistics,
# with a few senior high schools.
KINDS: tuple[tuple[str, float], ...] = (
    ("小学", 0.555),
    ("教学点", 0.240),
    ("初中", 0.120),
    ("九年一贯制", 0.060),
    ("十二年一贯制", 0.005),
    ("完全中学", 0.012),
    ("普通高中", 0.008),
)
LABELS = {
    "小学": "小学",
    "教学点": "教学点",
    "初中": "初级中学",
    "九年一贯制": "学校",
    "十二年一贯制": "实验学校",
    "完全中学": "中学",
    "普通高中": "高级中学",
}
# Grades taught: (first, last).
SPANS = {
    "小学": (1, 6),
    "教学点": (1, 4),
    "初中": (7, 9),
    "九年一贯制": (1, 9),
    "十二年一贯制": (1, 12),
    "完全中学": (7, 12),
    "普通高中": (10, 12),
}
# Expected classes of an open school by kind and area (urban, town, rural).
CLASS_WEIGHTS = {
    "小学": (36.0, 20.0, 9.0),
    "教学点": (2.6, 2.6, 2.6),
    "初中": (40.0, 27.0, 15.0),
    "九年一贯制": (45.0, 27.0, 14.0),
    "十二年一贯制": (66.0, 66.0, 66.0),
    "完全中学": (48.0, 48.0, 48.0),
    "普通高中": (54.0, 54.0, 54.0),
}
PRIMARY_STAGE = ("小学", "九年一贯制", "十二年一贯制", "教学点")
JUNIOR_STAGE = ("初中", "九年一贯制", "十二年一贯制", "完全中学")

SCHOOL_COLUMNS = (
    "school_id", "county", "name", "township", "kind", "ownership", "area", "status",
    "students", "classes", "opened", "retention_approved", "central_school_managed",
    "primary_admissions", "primary_zoned_admissions", "junior_admissions",
    "junior_zoned_admissions", "disabled_inclusive", "resource_room",
)  # fmt: skip
CLASS_COLUMNS = ("school_id", "grade", "class_name", "students")


def _choose(u: pl.Expr, options: tuple[tuple[str, float], ...]) -> pl.Expr:
    """Pick an option by its share with one uniform draw."""
    total = sum(share for _, share in options)
    edges, edge = [], 0.0
    for value, share in options[:-1]:
        edge += share / total
        edges.append((value, edge))
    expr = pl.lit(options[-1][0])
    for value, edge in reversed(edges):
        expr = pl.when(u < edge).then(pl.lit(value)).otherwise(expr)
    return expr


def _bool_text(condition: pl.Expr) -> pl.Expr:
    return pl.when(condition).then(pl.lit("是")).otherwise(pl.lit("否"))


def _lookup(kind: pl.Expr, table: dict[str, object], dtype: pl.DataType) -> pl.Expr:
    return kind.replace_strict(table, return_dtype=dtype)


def build_schools(p: Params) -> pl.DataFrame:
    """One row per school, with the number of classes to give it (column `n`)."""
    s, k = p.schools, p.counties
    d = Draws(p.seed, "i")
    county_draws = Draws(p.seed, "k")
    frame = pl.LazyFrame({"i": pl.int_range(0, s, eager=True, dtype=pl.Int64)})
    frame = frame.with_columns(k=(pl.col("i") * k) // s)
    # Position within the county and the county's number of schools, by arithmetic.
    start = (pl.col("k") * s + k - 1) // k
    end = ((pl.col("k") + 1) * s + k - 1) // k
    frame = frame.with_columns(pos=pl.col("i") - start, n_county=end - start)
    towns = pl.max_horizontal(pl.lit(1), pl.min_horizontal(pl.lit(25), pl.col("n_county") // 6))
    frame = frame.with_columns(towns=towns)
    frame = frame.with_columns(town=(pl.col("pos") * pl.col("towns")) // pl.col("n_county"))
    # County traits: how private, how crowded.
    frame = frame.with_columns(
        private_rate=0.004 + 0.065 * county_draws.uniform(101) ** 2,
        crowding=2.0 * county_draws.uniform(102),
        kind=_choose(d.uniform(1), KINDS),
    )
    # The first townships of a county (its county town, 城关 and 城郊) are urban.
    urban_town = pl.col("town") < pl.max_horizontal(pl.lit(1), pl.col("towns") // 8)
    kind = pl.col("kind")
    town_share = (
        pl.when(kind.is_in(["初中", "九年一贯制"]))
        .then(0.5)
        .when(kind == "小学")
        .then(0.25)
        .otherwise(1.0)
    )
    area = (
        pl.when(kind == "教学点")
        .then(pl.lit("乡村"))
        .when(urban_town)
        .then(pl.lit("城区"))
        .when(d.uniform(2) < town_share)
        .then(pl.lit("镇区"))
        .otherwise(pl.lit("乡村"))
    )
    frame = frame.with_columns(area=area)
    area_col = pl.col("area")
    private_factor = (
        pl.when(kind == "教学点")
        .then(0.0)
        .when(kind.is_in(["普通高中", "完全中学"]))
        .then(2.0)
        .when(area_col == "城区")
        .then(2.0)
        .when(area_col == "镇区")
        .then(1.2)
        .otherwise(0.2)
    )
    ownership = (
        pl.when(d.uniform(3) < pl.col("private_rate") * private_factor)
        .then(pl.lit("民办"))
        .otherwise(pl.lit("公办"))
    )
    frame = frame.with_columns(ownership=ownership)
    rural_small = area_col.eq("乡村") & kind.is_in(["小学", "教学点"])
    u_status = d.uniform(4)
    status = (
        pl.when(rural_small & (u_status < 0.03))
        .then(pl.lit("已撤并"))
        .when(~rural_small & (u_status < 0.004))
        .then(pl.lit("规划"))
        .when(~rural_small & (u_status < 0.008))
        .then(pl.lit("在建"))
        .otherwise(pl.lit("在办"))
    )
    frame = frame.with_columns(status=status)
    # Open rural schools with no pupils left (idle), about 0.4% of them.
    idle = rural_small & pl.col("status").eq("在办") & (d.uniform(5) < 0.004)
    frame = frame.with_columns(idle=idle)
    area_index = area_col.replace_strict({"城区": 0, "镇区": 1, "乡村": 2}, return_dtype=pl.Int64)
    weight = pl.lit(0.0)
    for name, (urban, town, rural) in CLASS_WEIGHTS.items():
        by_area = (
            pl.when(area_index == 0).then(urban).when(area_index == 1).then(town).otherwise(rural)
        )
        weight = pl.when(kind == name).then(by_area).otherwise(weight)
    private_boost = pl.when(pl.col("ownership") == "民办").then(1.3).otherwise(1.0)
    weight = weight * (0.5 + d.uniform(6)) * private_boost
    has_classes = pl.col("status").eq("在办") & ~pl.col("idle")
    frame = frame.with_columns(
        w=pl.when(has_classes).then(weight).otherwise(0.0), active=has_classes
    )
    return _allocate_classes(frame.collect(), p.classes)


def _allocate_classes(frame: pl.DataFrame, total: int) -> pl.DataFrame:
    """Exactly `total` classes: one per active school, the rest in proportion to the weights.

    Integer cumulative rounding: n_i = floor(C_i * R / W) - floor(C_(i-1) * R / W), so the
    counts add up to `total` exactly and depend on nothing but the weights.
    """
    active = int(frame["active"].sum())
    if active == 0:
        raise ValueError("no open school to give classes to")
    if total < active:
        raise ValueError(f"{total} classes for {active} open schools: too few classes")
    rest = total - active
    units = (
        pl.when(pl.col("active")).then(((pl.col("w") - 1.0).clip(0.0) * 100).round()).otherwise(0)
    )
    frame = frame.with_columns(units=units.cast(pl.Int64))
    frame = frame.with_columns(cum=pl.col("units").cum_sum())
    whole = int(frame["units"].sum())
    if whole == 0:
        share = pl.lit(0, dtype=pl.Int64)
    else:
        # cum <= whole (about 100 units a class) and rest < 2**31: the products fit Int64.
        share = (pl.col("cum") * rest // whole) - (
            (pl.col("cum") - pl.col("units")) * rest // whole
        )
    frame = frame.with_columns(
        n=(pl.col("active").cast(pl.Int64) + share.cast(pl.Int64)).cast(pl.Int64)
    )
    if whole == 0:  # every school the same: spread the rest by position
        frame = frame.with_columns(n=pl.col("n") + (pl.col("i") < rest).cast(pl.Int64))
    assert int(frame["n"].sum()) == total
    return frame


# ------------------------------------------------------------------------------ classes


def build_classes(schools: pl.DataFrame, p: Params) -> pl.DataFrame:
    d = Draws(p.seed, "j")
    span = schools.select(
        "i",
        "kind",
        "area",
        "ownership",
        "crowding",
        "n",
        g0=_lookup(pl.col("kind"), {k: v[0] for k, v in SPANS.items()}, pl.Int64()),
        g1=_lookup(pl.col("kind"), {k: v[1] for k, v in SPANS.items()}, pl.Int64()),
    ).filter(pl.col("n") > 0)
    classes = span.lazy().with_columns(slot=pl.int_ranges(0, pl.col("n"))).explode("slot")
    classes = classes.with_columns(j=pl.int_range(0, pl.len(), dtype=pl.Int64))
    grades = pl.col("g1") - pl.col("g0") + 1
    # Spread the classes evenly over the grades; a grade's sections are numbered from 1.
    grade_of = pl.col("g0") + (pl.col("slot") * grades) // pl.col("n")
    classes = classes.with_columns(grade=grade_of)
    first = ((pl.col("grade") - pl.col("g0")) * pl.col("n") + grades - 1) // grades
    classes = classes.with_columns(section=pl.col("slot") - first + 1)

    kind, area, grade = pl.col("kind"), pl.col("area"), pl.col("grade")
    private = pl.col("ownership") == "民办"
    urban_like = (area == "城区") | private
    primary, junior = grade <= 6, grade.is_between(7, 9)
    mean = (
        pl.when(kind == "教学点")
        .then(12.0)
        .when(grade >= 10)
        .then(50.0)
        .when(urban_like)
        .then(pl.when(primary).then(43.5).otherwise(47.5))
        .when(area == "镇区")
        .then(pl.when(primary).then(41.0).otherwise(45.0))
        .otherwise(pl.when(primary).then(29.0).otherwise(38.0))
    )
    sd = pl.when(kind == "教学点").then(5.0).when(area == "乡村").then(8.0).otherwise(5.0)
    cap = pl.when(primary).then(45).when(junior).then(50).otherwise(75)
    usual = (mean + sd * d.normal(11)).round().cast(pl.Int64).clip(3).clip(upper_bound=cap)
    # Large classes (56+): county-town schools and crowded counties most.
    area_factor = (
        pl.when(kind == "教学点")
        .then(0.0)
        .when(urban_like)
        .then(2.4)
        .when(area == "镇区")
        .then(0.9)
        .otherwise(0.12)
    )
    p_large = 0.014 * area_factor * pl.col("crowding")
    p_over = 0.003
    u = d.uniform(13)
    compulsory = grade <= 9
    large_size = 56 + (d.uniform(14) ** 2 * 20).floor().cast(pl.Int64)  # 56-75, mostly low
    over_size = pl.when(primary).then(d.integers(15, 46, 55)).otherwise(d.integers(15, 51, 55))
    students = (
        pl.when(compulsory & (kind != "教学点") & (u < p_large))
        .then(large_size)
        .when(compulsory & (kind != "教学点") & (u < p_large + p_over))
        .then(over_size)
        .otherwise(usual)
    )
    classes = classes.with_columns(students=students)
    return classes.select(
        "i",
        "grade",
        "students",
        class_name=pl.format("{}班", pl.col("section")),
    ).collect()


# ------------------------------------------------------------------------------ assembly


def finish_schools(schools: pl.DataFrame, classes: pl.DataFrame, p: Params) -> pl.DataFrame:
    d = Draws(p.seed, "i")
    sums = (
        classes.lazy()
        .group_by("i")
        .agg(
            from_classes=pl.col("students").sum(),
            grade1=pl.col("students").filter(pl.col("grade") == 1).sum(),
            grade7=pl.col("students").filter(pl.col("grade") == 7).sum(),
        )
    )
    frame = schools.lazy().join(sums, on="i", how="left").sort("i")
    kind, status = pl.col("kind"), pl.col("status")
    open_ = status == "在办"
    planned = status.is_in(["规划", "在建"])
    students = (
        pl.when(planned)
        .then(d.integers(21, 600, 2600))
        .when(status == "已撤并")
        .then(d.integers(22, 0, 12))
        .otherwise(pl.col("from_classes").fill_null(0))
    )
    frame = frame.with_columns(students=students)
    public = pl.col("ownership") == "公办"
    has_primary = kind.is_in(PRIMARY_STAGE) & open_
    has_junior = kind.is_in(JUNIOR_STAGE) & open_
    adm1 = pl.col("grade1").fill_null(0)
    adm7 = pl.col("grade7").fill_null(0)
    # Zoned admission: most public schools admit all by zone, a few short of it.
    short1 = d.integers(24, 1, pl.max_horizontal(pl.lit(1), adm1 // 10))
    zoned1 = pl.when(d.uniform(23) < 0.04).then((adm1 - short1).clip(0)).otherwise(adm1)
    zoned7_ratio = 0.84 + 0.16 * d.uniform(26)
    zoned7 = (
        pl.when(d.uniform(25) < 0.10)
        .then((adm7.cast(pl.Float64) * zoned7_ratio).floor().cast(pl.Int64))
        .otherwise(adm7)
    )
    blank_adm = d.uniform(27) < 0.005
    primary_admissions = pl.when(has_primary & ~blank_adm).then(adm1)
    junior_admissions = pl.when(has_junior & ~blank_adm).then(adm7)
    primary_zoned = pl.when(has_primary & public & ~blank_adm).then(zoned1)
    junior_zoned = pl.when(has_junior & public & ~blank_adm).then(zoned7)
    disabled = pl.when(open_).then(
        pl.when(pl.col("students") > 0)
        .then((d.uniform(28) ** 4 * 10).floor().cast(pl.Int64))
        .otherwise(0)
    )
    u_room = d.uniform(29)
    room = (
        pl.when(disabled.is_null())
        .then(pl.lit(None, dtype=pl.String))
        .when(disabled >= 5)
        .then(
            pl.when(u_room < 0.88)
            .then(pl.lit("是"))
            .when(u_room < 0.98)
            .then(pl.lit("否"))
            .otherwise(pl.lit(None, dtype=pl.String))
        )
        .otherwise(_bool_text(u_room < 0.3))
    )
    tp = kind == "教学点"
    u_keep, u_managed = d.uniform(30), d.uniform(31)
    retention = pl.when(tp & (u_keep < 0.97)).then(_bool_text(u_keep < 0.80))
    managed = pl.when(tp & (u_managed < 0.98)).then(_bool_text(u_managed < 0.94))
    # Opening dates: mostly old schools, 3% opened since the plan (2023-09-01, 2024-09-01).
    year = (
        pl.when(planned)
        .then(pl.lit(2026))
        .when(d.uniform(32) < 0.03)
        .then(d.integers(33, 2023, 2024))
        .otherwise(d.integers(34, 1950, 2018))
    )
    opened = pl.format("{}-09-01", year)
    county = pl.format("模拟县{}", (pl.col("k") + 1).cast(pl.String).str.zfill(4))
    township = pl.format("镇{}", (pl.col("town") + 1).cast(pl.String).str.zfill(2))
    serial = (pl.col("pos") + 1).cast(pl.String).str.zfill(5)
    school_id = pl.format("9{}{}", (pl.col("k") + 1).cast(pl.String).str.zfill(4), serial)
    label = _lookup(kind, LABELS, pl.String())
    name = pl.format("{}第{}{}", township, (pl.col("pos") + 1), label)
    return frame.select(
        "i",
        school_id=school_id,
        county=county,
        name=name,
        township=township,
        kind=kind,
        ownership=pl.col("ownership"),
        area=pl.col("area"),
        status=status,
        students=pl.col("students"),
        classes=pl.col("n"),
        opened=opened,
        retention_approved=retention,
        central_school_managed=managed,
        primary_admissions=primary_admissions,
        primary_zoned_admissions=primary_zoned,
        junior_admissions=junior_admissions,
        junior_zoned_admissions=junior_zoned,
        disabled_inclusive=disabled,
        resource_room=room,
    ).collect()


def summary(schools: pl.DataFrame, classes: pl.DataFrame) -> dict[str, object]:
    """Counts of what was planted, for the runner to print next to its results."""
    g, s = pl.col("grade"), pl.col("students")
    c = classes.select(
        large=(g.is_between(1, 9) & (s >= 56)).sum(),
        primary_over=(g.is_between(1, 6) & (s > 45)).sum(),
        junior_over=(g.is_between(7, 9) & (s > 50)).sum(),
        grades_10_12=(g >= 10).sum(),
        mean_students=s.mean().round(2),
    ).row(0, named=True)
    compulsory = schools.filter(
        pl.col("status").eq("在办") & pl.col("kind").is_in(["小学", "初中", "九年一贯制", "教学点"])
    )
    shares = compulsory.group_by("county").agg(
        share=pl.col("students").filter(pl.col("ownership") == "民办").sum()
        / pl.col("students").sum()
    )
    kinds = schools.group_by("kind").len().sort("kind")
    return {
        "classes": classes.height,
        "schools": schools.height,
        "counties": schools["county"].n_unique(),
        **c,
        "counties_private_over_5pct": int((shares["share"] > 0.05).sum()),
        "kinds": dict(zip(kinds["kind"].to_list(), kinds["len"].to_list(), strict=True)),
    }


def generate(p: Params, out: Path) -> dict[str, object]:
    """Write schools.csv and classes.csv for `p` into `out` (a fresh folder)."""
    schools = build_schools(p)
    classes = build_classes(schools, p)
    finished = finish_schools(schools, classes, p)
    ids = finished.select("i", "school_id")
    class_rows = classes.join(ids, on="i", how="left", maintain_order="left").select(CLASS_COLUMNS)
    school_rows = finished.select(SCHOOL_COLUMNS)
    out.mkdir(parents=True, exist_ok=True)
    school_rows.write_csv(out / "schools.csv", line_terminator="\n")
    class_rows.write_csv(out / "classes.csv", line_terminator="\n")
    return summary(school_rows, class_rows)


def ensure(p: Params, cache: Path = DEFAULT_CACHE, quiet: bool = False) -> Path:
    """The folder holding the data for `p`, generated if it is not in the cache yet."""
    folder = cache / p.folder_name
    if (folder / "meta.json").is_file():
        return folder
    partial = cache / (p.folder_name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    started = time.perf_counter()
    if not quiet:
        print(
            f"generating {p.classes:,} classes, {p.schools:,} schools, {p.counties:,} counties"
            f" -> {folder}",
            file=sys.stderr,
        )
    counts = generate(p, partial)
    seconds = time.perf_counter() - started
    meta = {"params": asdict(p), "generator_version": GENERATOR_VERSION, "counts": counts}
    meta["seconds"] = round(seconds, 2)
    (partial / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(partial, folder)
    if not quiet:
        print(f"generated in {seconds:.1f} s", file=sys.stderr)
    return folder


def resolve(size: str | None, rows: int | None, seed: int = SEED) -> Params:
    if rows is not None:
        return params_for_rows(rows, seed)
    preset = PRESETS[size or "county"]
    return Params(preset.classes, preset.schools, preset.counties, seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--size", choices=sorted(PRESETS), default=None)
    group.add_argument("--rows", type=int, help="number of classes (scaling series)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="cache folder")
    parser.add_argument("--force", action="store_true", help="regenerate even if cached")
    args = parser.parse_args(argv)
    p = resolve(args.size, args.rows, args.seed)
    if args.force:
        shutil.rmtree(args.cache / p.folder_name, ignore_errors=True)
    folder = ensure(p, args.cache)
    meta = json.loads((folder / "meta.json").read_text())
    print(folder)
    print(json.dumps(meta["counts"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
