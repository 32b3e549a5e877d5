"""Columns the engine derives from the data and the audit date: a class's intake year."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from taikang_check.engine.derived import school_year, with_derived_columns


@pytest.mark.parametrize(
    ("as_of", "year"),
    [
        (dt.date(2024, 8, 31), 2023),
        (dt.date(2024, 9, 1), 2024),
        (dt.date(2025, 6, 30), 2024),
        (dt.date(2025, 12, 31), 2025),
    ],
)
def test_a_school_year_starts_on_1_september(as_of: dt.date, year: int) -> None:
    assert school_year(as_of) == year


def test_intake_year_is_the_autumn_the_class_entered_its_stage() -> None:
    classes = pl.DataFrame({"grade": [1, 2, 6, 7, 8, 9, 10, 12, None]}, schema={"grade": pl.Int8})
    derived = with_derived_columns(classes, {"intake_year"}, dt.date(2025, 6, 30))
    assert derived.get_column("intake_year").to_list() == [
        2024, 2023, 2019, 2024, 2023, 2022, 2024, 2022, None,
    ]  # fmt: skip


def test_nothing_is_derived_that_no_check_reads() -> None:
    classes = pl.DataFrame({"grade": [1]})
    assert with_derived_columns(classes, {"students"}, dt.date(2025, 6, 30)).columns == ["grade"]
