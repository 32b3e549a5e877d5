"""The class-size band table (班额情况表): the education statistics return's 教学班数、班额情况,
per school and grade (or per school and stage), the number of classes in each size band.

The bands are the return's own: 25人及以下, 26–30人 … 61–65人, 66人及以上. Their edges are
part of the form, not policy; the caps the rules hold classes to come from the rule files,
and the engine refuses a cap that falls inside a band (engine/check_bands.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from taikang_check.contract.types import Column, ColumnType, EnumValue

# The return's band edges: the largest size of each band but the last, which is open-ended.
_UPPER_EDGES = (25, 30, 35, 40, 45, 50, 55, 60, 65)
# How the return's printings write the dash of a range (26-30人, 26～30人, 26至30人 …).
_DASHES = ("-", "－", "–", "—", "~", "～", "至", "到")


@dataclass(frozen=True)
class Band:
    column: str  # the column of the band table
    lower: int  # smallest class size in the band
    upper: int | None  # largest, None for the open-ended last band


def _bands() -> tuple[Band, ...]:
    bands = [Band(f"classes_{_UPPER_EDGES[0]}_or_fewer", 0, _UPPER_EDGES[0])]
    for low, high in pairwise(_UPPER_EDGES):
        bands.append(Band(f"classes_{low + 1}_{high}", low + 1, high))
    last = _UPPER_EDGES[-1] + 1
    bands.append(Band(f"classes_{last}_or_more", last, None))
    return tuple(bands)


BANDS = _bands()


def _band_column(band: Band) -> Column:
    aliases: tuple[str, ...]
    if band.lower == 0:
        zh, aliases = f"{band.upper}人及以下", (f"{band.upper}人以下", f"{band.upper}人及以内")
        about_en = f"classes of {band.upper} students or fewer"
    elif band.upper is None:
        zh, aliases = f"{band.lower}人及以上", (f"{band.lower}人以上",)
        about_en = f"classes of {band.lower} students or more"
    else:
        zh = f"{band.lower}-{band.upper}人"
        aliases = tuple(f"{band.lower}{dash}{band.upper}人" for dash in _DASHES[1:])
        about_en = f"classes of {band.lower} to {band.upper} students"
    return Column(
        name=band.column,
        zh=zh,
        type=ColumnType.COUNT,
        required=True,
        aliases=aliases,
        about_zh=f"班额为{zh}的教学班数",
        about_en=about_en,
    )


BAND_STAGE_VALUES = (
    EnumValue(code="primary", zh="小学", aliases=("小学部",)),
    EnumValue(code="junior", zh="初中", aliases=("初中部", "初级中学")),
)

CLASS_BAND_COLUMNS: tuple[Column, ...] = (
    Column(
        name="school_id",
        zh="学校代码",
        type=ColumnType.TEXT,
        required=True,
        about_zh="给出学校表时须在其中存在",
        about_en="must exist in schools when both are given",
    ),
    Column(
        name="name",
        zh="学校名称",
        type=ColumnType.TEXT,
        about_zh="无学校表时用于报告",
        about_en="shown in findings when no schools table is given",
    ),
    Column(
        name="grade",
        zh="年级",
        type=ColumnType.GRADE,
        about_zh="按年级填报时填写（1–9，或一年级…九年级、初一…初三）；与“学段”至少给出一列",
        about_en="when the return is by grade (1–9, or 一年级…九年级, 初一…初三); give this "
        "or stage",
    ),
    Column(
        name="stage",
        zh="学段",
        type=ColumnType.ENUM,
        values=BAND_STAGE_VALUES,
        about_zh="按学段填报（不分年级）时填写；填了年级则以年级为准",
        about_en="when the return is by stage, not by grade; a row's grade, where given, "
        "decides its stage",
    ),
    *(_band_column(band) for band in BANDS),
)
