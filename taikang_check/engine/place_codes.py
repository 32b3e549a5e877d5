"""Places (county, township, school) as small integer codes, so that the scores group
millions of (place, rule) rows on one integer key instead of three strings and a rule id.

A key's code is its position among the values seen for it; a missing key (a county-level
row has no township or school) stays null. Codes live only inside the scores: every frame
the reports see carries the strings again.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from taikang_check.engine.outcomes import TALLY_KEYS

CODE = pl.UInt64  # wide enough for a county × township × rule key (see packed_key)


@dataclass(frozen=True)
class PlaceCodes:
    """The values of each place key, in the order that gives them their codes."""

    values: dict[str, pl.Series]
    types: dict[str, pl.Enum]  # made once: an enum of many values is costly to build

    @classmethod
    def of(cls, frames: list[pl.DataFrame]) -> PlaceCodes:
        """Codes for every value of the keys that these frames (strings) hold."""
        values = {
            key: pl.concat(
                [frame.get_column(key).cast(pl.String) for frame in frames], rechunk=False
            )
            .drop_nulls()
            .unique(maintain_order=True)
            for key in TALLY_KEYS
        }
        return cls(values, {key: pl.Enum(series) for key, series in values.items()})

    def size(self, key: str) -> int:
        """The number of codes of a key, counting one for its missing value."""
        return self.values[key].len() + 1

    def encoded(self) -> list[pl.Expr]:
        """A frame's place keys (strings) as codes of the same names, for a select on it."""
        return [
            pl.col(key).cast(pl.String).cast(self.types[key]).to_physical().cast(CODE).alias(key)
            for key in TALLY_KEYS
        ]

    def decoded(self, key: str, code: pl.Expr) -> pl.Expr:
        """A code (null, or the missing value's code, for none) back to the key's text."""
        known = pl.when(code < self.values[key].len()).then(code)
        return pl.lit(self.values[key]).gather(known).alias(key)

    def missing(self, key: str) -> int:
        """The code that stands for a missing key inside a packed key."""
        return self.values[key].len()
