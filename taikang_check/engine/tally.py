"""Where each rule was evaluated, at coded places (engine/place_codes.py): what the evaluation
hands the scores, so that they never hash the places of millions of rows by their strings."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from taikang_check.engine.outcomes import TALLY_KEYS
from taikang_check.engine.place_codes import CODED_KEYS, PlaceCodes


@dataclass(frozen=True)
class Tally:
    """One row per place and rule that a table or check judged there (unordered; a place
    may have a row from each table or check of one rule): county, township, school (codes,
    null where the place has none), rule (an enum of the rules' ids), counted (weighted
    evaluations: pass, fail or unknown; 0 where the rule only found pending rows there)."""

    frame: pl.DataFrame
    codes: PlaceCodes

    def named(self) -> pl.DataFrame:
        """The tally with its places and rules as text (county, township, school_id, rule,
        counted), for reading it outside the scores."""
        return self.frame.select(
            *(
                self.codes.name(key, pl.col(coded))
                for key, coded in zip(TALLY_KEYS, CODED_KEYS, strict=True)
            ),
            pl.col("rule").cast(pl.String),
            "counted",
        )
