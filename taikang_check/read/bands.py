"""The class-size band table across files and tables: each row names a grade or a stage, no
school's grade is given twice, and a school the classes table lists is read from its classes.

Precedence: a school with rows in the classes table is audited from its classes alone (the
exact sizes); its band rows are left out, named in a note, so no class is counted twice. A
school in the band table only is audited from its bands.
"""

from __future__ import annotations

import polars as pl

from taikang_check.contract.tables import CLASS_BANDS
from taikang_check.problems import Problem, ProblemCode
from taikang_check.read.csv_reader import ROW, RawTable

TABLE = CLASS_BANDS.name


def grouping_problems(raw: RawTable) -> list[Problem]:
    """A band table must say, by grade or by stage, which cap its classes are held to."""
    if raw.match.table.name != TABLE:
        return []
    found = set(raw.match.columns.values())
    if found & {"grade", "stage"}:
        return []
    return [Problem(ProblemCode.NO_GRADE_OR_STAGE, file=raw.path, row=raw.header_row)]


def twice_given(bands: pl.DataFrame) -> pl.DataFrame:
    """Rows that repeat a school's grade (or, without grades, its stage)."""
    keys = [k for k in ("school_id", "grade", "stage") if k in bands.columns]
    if "grade" in bands.columns:
        keys = [k for k in keys if k != "stage"]
    return bands.filter(pl.struct(keys).is_duplicated()).with_columns(
        pl.concat_str(
            [pl.col(k).cast(pl.String) for k in keys], separator=" ", ignore_nulls=True
        ).alias("_band_key")
    )


def without_listed_schools(
    bands: pl.DataFrame, classes: pl.DataFrame | None, file_column: str
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The band rows of schools that the classes table does not list, and the first band
    row (file index, row, school_id) of each school it does."""
    if classes is None:
        return bands, pl.DataFrame()
    listed = classes.get_column("school_id").unique().implode()
    in_classes = pl.col("school_id").is_in(listed)
    left_out = (
        bands.filter(in_classes)
        .sort(file_column, ROW)
        .unique("school_id", keep="first", maintain_order=True)
        .select(file_column, ROW, "school_id")
    )
    return bands.filter(~in_classes), left_out
