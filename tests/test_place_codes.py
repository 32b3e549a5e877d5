"""Places as integer codes (engine/place_codes.py): made from the schools table, extended by
values it does not name, and the scores of an audit whose schools are known only from its
classes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from conftest import write_table

from taikang_check.api import audit
from taikang_check.engine.place_codes import PlaceCodes

SCHOOLS = pl.DataFrame(
    {
        "school_id": ["S1", "S2", "S3"],
        "county": ["甲县", "甲县", "乙县"],
        "township": ["城关镇", "东乡", "城关镇"],
    }
)


def _named(codes: PlaceCodes, coded: pl.DataFrame) -> list[tuple[object, ...]]:
    return coded.select(
        codes.name("county", pl.col("county")),
        codes.name("township", pl.col("township")),
        codes.name("school_id", pl.col("school")),
    ).rows()


def test_a_schools_row_is_placed_by_its_school_and_a_county_row_by_its_names() -> None:
    codes = PlaceCodes.of(SCHOOLS)
    frame = pl.DataFrame(
        {
            "county": [None, "乙县", "甲县"],
            "township": [None, None, "东乡"],
            "school_id": ["S3", None, None],
        }
    )
    same, coded = codes.encoded(frame)
    assert same is codes  # nothing new
    assert coded.get_column("school").drop_nulls().to_list() == [2]  # the schools' row
    assert sorted(_named(codes, coded), key=str) == sorted(
        [("乙县", "城关镇", "S3"), ("乙县", None, None), ("甲县", "东乡", None)], key=str
    )


def test_new_values_get_new_codes_and_the_old_codes_stay() -> None:
    codes = PlaceCodes.of(SCHOOLS)
    before = codes.encoded(pl.DataFrame({"school_id": ["S2"]}))[1]
    frame = pl.DataFrame({"county": ["丙县", None], "school_id": [None, "S9"]})
    extended, coded = codes.encoded(frame)
    assert extended.school_count == 4
    assert extended.listed == 3
    assert sorted(_named(extended, coded), key=str) == sorted(
        [("丙县", None, None), (None, None, "S9")], key=str
    )
    assert extended.encoded(pl.DataFrame({"school_id": ["S2"]}))[1].equals(before)


def test_without_a_schools_table_each_school_of_the_classes_is_scored(tmp_path: Path) -> None:
    classes = write_table(
        tmp_path,
        "classes.csv",
        ["school_id", "grade", "class_name", "students"],
        [["A1", 3, "1班", 70], ["A1", 4, "1班", 40], ["B2", 3, "1班", 40], ["C3", 3, "1班", 41]],
    )
    report = audit([classes], as_of=dt.date(2026, 1, 1))
    schools = report.school_scores
    assert sorted(schools.get_column("school_id").to_list()) == ["A1", "B2", "C3"]
    verdicts = dict(schools.select("school_id", "verdict").iter_rows())
    assert verdicts["A1"] == "fail"
    assert verdicts["B2"] == verdicts["C3"] == "pass"
    failed = dict(schools.select("school_id", "failed").iter_rows())
    assert failed["A1"] >= 1
    assert failed["B2"] == failed["C3"] == 0
    assert schools.get_column("county").is_null().all()  # no schools table: no county
