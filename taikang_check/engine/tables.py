"""The tables as rules see them: closed schools out, class rows with the columns of their
school that a check reads, school places filled in after the work is done."""

from __future__ import annotations

from collections.abc import Collection

import polars as pl

from taikang_check.engine import check_bands
from taikang_check.engine.stages import stage_table, with_compulsory_students
from taikang_check.engine.table_plan import collect
from taikang_check.read.dataset import Dataset
from taikang_check.rulebook.contract_check import SCHOOL_COLUMNS_OF_CLASSES


def prepare_tables(dataset: Dataset, teaching_points: bool = True) -> dict[str, pl.DataFrame]:
    """Tables as rules see them: closed schools out, class rows carrying their school's columns,
    and the stages of schools for the national standard (teaching points in or out)."""
    tables: dict[str, pl.DataFrame] = {}
    schools = dataset.tables.get("schools")
    if schools is not None:
        schools = schools.with_columns(pl.col("name").alias("school_name"))
        schools = with_compulsory_students(schools)
        tables["schools"] = schools.filter(pl.col("status") != "closed")
        stages = stage_table(tables["schools"], teaching_points)
        if stages is not None:
            tables["stages"] = stages
    classes = dataset.tables.get("classes")
    if classes is not None:
        if schools is not None:
            # Classes of closed schools are out; the schools' columns are joined only when a
            # check reads them (see with_school_columns), not onto millions of rows up front.
            closed = schools.filter(pl.col("status") == "closed").get_column("school_id")
            classes = classes.filter(~pl.col("school_id").is_in(closed.implode()))
        tables["classes"] = classes
    bands = dataset.tables.get(check_bands.TABLE)
    if bands is not None:
        if schools is not None:  # as for classes: the rows of closed schools are out
            closed = schools.filter(pl.col("status") == "closed").get_column("school_id")
            bands = bands.filter(~pl.col("school_id").is_in(closed.implode()))
        tables[check_bands.TABLE] = bands
    if "indicators" in dataset.tables:
        tables["indicators"] = _with_the_county(dataset.tables["indicators"], schools)
    return tables


def with_school_columns(
    classes: pl.DataFrame, schools: pl.DataFrame | None, needed: set[str]
) -> pl.DataFrame:
    """Class rows with the columns of their school that a check reads (school_kind …)."""
    present = school_columns(classes.columns, schools, needed)
    if schools is None or not present:
        return classes
    side = schools.select("school_id", *(pl.col(c).alias(a) for a, c in present.items()))
    return classes.join(side, on="school_id", how="left", maintain_order="left")


def school_columns(
    columns: Collection[str], schools: pl.DataFrame | None, needed: set[str]
) -> dict[str, str]:
    """The columns of their school that class rows of these columns get for a check reading
    `needed`: their name on the class rows, and in the schools table."""
    if schools is None:
        return {}
    return {
        a: c
        for a, c in SCHOOL_COLUMNS_OF_CLASSES.items()
        if a in needed and a not in columns and c in schools.columns
    }


def with_school_places(frame: pl.DataFrame, schools: pl.DataFrame | None) -> pl.DataFrame:
    """Fill school name, township and county of rows that only know their school_id
    (class findings, class tallies); a small frame, joined after the work is done."""
    if not lacks_places(frame, schools):
        return frame
    assert schools is not None
    return collect([placed(frame.lazy(), frame.columns, schools)])[0]


def lacks_places(frame: pl.DataFrame, schools: pl.DataFrame | None) -> bool:
    """Whether rows of `frame` may lack the places of their school (findings of school rows
    carry them already)."""
    if schools is None or frame.height == 0 or "school_id" not in frame.columns:
        return False
    if "table" not in frame.columns:
        return True
    tables = frame.get_column("table")
    if tables.n_unique() == 1:  # a check's findings are all of one table: no query
        return tables[0] in ("classes", check_bands.TABLE)
    return bool(tables.is_in(["classes", check_bands.TABLE]).any())


def placed(frame: pl.LazyFrame, columns: list[str], schools: pl.DataFrame) -> pl.LazyFrame:
    places = [c for c in ("school_name", "township", "county") if c in schools.columns]
    side = schools.lazy().select("school_id", *(pl.col(c).alias(f"_{c}") for c in places))
    joined = frame.join(side, on="school_id", how="left", maintain_order="left")
    return joined.with_columns(
        pl.coalesce(pl.col(c), pl.col(f"_{c}")).alias(c)
        if c in columns
        else pl.col(f"_{c}").alias(c)
        for c in places
    ).drop([f"_{c}" for c in places])


def _with_the_county(indicators: pl.DataFrame, schools: pl.DataFrame | None) -> pl.DataFrame:
    """County figures without a county name belong to the one county the schools are in."""
    if schools is None or "county" not in schools.columns:
        return indicators
    counties = schools.get_column("county").drop_nulls().unique().to_list()
    if len(counties) != 1:
        return indicators
    if "county" not in indicators.columns:
        return indicators.with_columns(pl.lit(counties[0]).alias("county"))
    return indicators.with_columns(pl.col("county").fill_null(counties[0]))
