"""Places (county, township, school) as small integer codes, made once from the schools table
and reused by every step of the scores, so that millions of rows are never hashed by strings.

A school's code is its row in the schools table (the open schools the rules see); the county
and township of every school are coded once with it. Codes are only ever appended: a value
that the schools table does not name (a school of a class table given without schools, a
county of the county figures) gets the next code, and the codes given before stay valid.

A school's rows always carry its county and township (the schools table's, joined onto class
and band rows; stages copy them), or none when no schools table is given: so a row of a
school is placed by its school's code alone, and only rows without a school need their
county and township looked up. Codes live only inside the scores; every frame the reports
see carries the strings again.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from taikang_check.engine.outcomes import TALLY_KEYS

CODE = pl.UInt32
# The coded columns of a place, in TALLY_KEYS order: school_id becomes `school`.
CODED_KEYS = ("county", "township", "school")


@dataclass(frozen=True)
class PlaceCodes:
    counties: pl.Series  # a county's code is its position (strings)
    townships: pl.Series  # likewise for townships (one code per name, whatever its county)
    schools: pl.DataFrame  # school_id, county, township (codes): a school's code is its row
    listed: int  # the first `listed` schools are the schools table's rows, in its order

    @classmethod
    def of(cls, schools: pl.DataFrame | None) -> PlaceCodes:
        """Codes for the schools table's schools, counties and townships (school ids are
        unique there: the reader rejects a second row of one id)."""
        if schools is None:
            empty = pl.Series([], dtype=pl.String)
            frame = pl.DataFrame(
                {"school_id": empty, "county": pl.Series([], dtype=CODE)}
            ).with_columns(pl.col("county").alias("township"))
            return cls(empty, empty, frame, 0)
        names = {
            key: (
                schools.get_column(key).cast(pl.String)
                if key in schools.columns
                else pl.repeat(None, schools.height, dtype=pl.String, eager=True)
            )
            for key in ("county", "township")
        }
        values = {key: names[key].drop_nulls().unique(maintain_order=True) for key in names}
        frame = pl.DataFrame(
            [
                schools.get_column("school_id").cast(pl.String),
                *(_positions(names[key], values[key]).alias(key) for key in names),
            ]
        )
        return cls(values["county"], values["township"], frame, schools.height)

    @property
    def school_count(self) -> int:
        return self.schools.height

    def encoded(self, frame: pl.DataFrame) -> tuple[PlaceCodes, pl.DataFrame]:
        """A frame's places (county, township, school_id: strings, null where none) as codes
        (county, township, school), with the codes extended by any value new to them. A
        school's row takes its school's county and township where it names none itself.
        The rows come back in no particular order (every reader groups or writes them)."""
        frame = frame.with_columns(
            pl.lit(None, pl.String).alias(key) for key in TALLY_KEYS if key not in frame.columns
        )
        joined = (
            frame.lazy()
            .join(self._index("school_id", "school"), on="school_id", how="left")
            .join(self._index("county", "_county"), on="county", how="left")
            .join(self._index("township", "_township"), on="township", how="left")
            .collect()
        )
        missed = joined.filter(
            pl.any_horizontal(
                pl.col(name).is_not_null() & pl.col(code).is_null()
                for name, code in (
                    ("school_id", "school"),
                    ("county", "_county"),
                    ("township", "_township"),
                )
            )
        )
        if missed.height:  # rare: a value no code has yet (a school known only from classes)
            return self._with_values(missed).encoded(frame)
        school = pl.col("school")
        return self, joined.select(
            pl.exclude("school_id", "county", "township", "_county", "_township"),
            pl.coalesce(pl.col("_county"), self.school_county(school)).alias("county"),
            pl.coalesce(pl.col("_township"), self.school_township(school)).alias("township"),
        )

    def school_county(self, school: pl.Expr) -> pl.Expr:
        """The county code of a school (code), null for none."""
        return pl.lit(self.schools.get_column("county")).gather(school)

    def school_township(self, school: pl.Expr) -> pl.Expr:
        return pl.lit(self.schools.get_column("township")).gather(school)

    def name(self, key: str, code: pl.Expr) -> pl.Expr:
        """A code back to its text (null for none), as the column of the key's name."""
        values = self.schools.get_column("school_id") if key == "school_id" else self._values(key)
        return pl.lit(values).gather(code).alias(key)

    def _values(self, key: str) -> pl.Series:
        return self.counties if key == "county" else self.townships

    def _index(self, key: str, alias: str) -> pl.LazyFrame:
        values = self.schools.get_column("school_id") if key == "school_id" else self._values(key)
        return pl.LazyFrame([values.alias(key), pl.Series(alias, range(values.len()), dtype=CODE)])

    def _with_values(self, frame: pl.DataFrame) -> PlaceCodes:
        """These codes, with the values of the frame that they lack appended."""
        new = {
            key: _unseen(frame.get_column(key).cast(pl.String), known)
            for key, known in (
                ("county", self.counties),
                ("township", self.townships),
                ("school_id", self.schools.get_column("school_id")),
            )
        }
        if not any(series.len() for series in new.values()):
            return self
        # A school known only from other tables has no county or township of its own.
        schools = pl.concat(
            [
                self.schools,
                pl.DataFrame({"school_id": new["school_id"]}).with_columns(
                    pl.lit(None, CODE).alias("county"), pl.lit(None, CODE).alias("township")
                ),
            ]
        )
        return PlaceCodes(
            pl.concat([self.counties, new["county"]]),
            pl.concat([self.townships, new["township"]]),
            schools,
            self.listed,
        )


def _positions(names: pl.Series, values: pl.Series) -> pl.Series:
    """The code of each name (its position among `values`, which hold every one)."""
    return names.cast(pl.Enum(values)).to_physical().cast(CODE)


def _unseen(values: pl.Series, known: pl.Series) -> pl.Series:
    values = values.drop_nulls()
    return values.filter(~values.is_in(known.implode())).unique(maintain_order=True)
