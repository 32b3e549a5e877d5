"""Where a rule skipped for missing data would have been evaluated, so that the scores count
it against the places it applies to (and only those): from its checks' `where` conditions on
the tables given, or, when a table it needs is absent, everywhere its checks' scopes reach.
"""

from __future__ import annotations

import polars as pl

from taikang_check.engine.evaluate import with_school_columns, with_school_places
from taikang_check.engine.expressions import all_of, columns_used
from taikang_check.engine.outcomes import TALLY_KEYS
from taikang_check.engine.results import RuleResult
from taikang_check.rulebook.model import Condition, Scope, walk_predicates

# The keys a place of each scope has; the others are null (a township has no school).
KEPT = {
    Scope.ROW: TALLY_KEYS,
    Scope.TOWNSHIP: ("county", "township"),
    Scope.COUNTY: ("county",),
}
PLACE_COLUMNS = ("county", "township")


def skipped_places(result: RuleResult, tables: dict[str, pl.DataFrame]) -> pl.DataFrame | None:
    """The places (county, township, school_id) that a skipped rule would have been evaluated
    at, from its `where` conditions on the tables given; None when it cannot be told (a table
    it needs is absent), i.e. it applies everywhere at its scope."""
    rule = result.rule
    checks = rule.fallback if result.used_fallback else rule.checks
    frames: list[pl.DataFrame] = []
    for check in checks:
        frame = tables.get(check.table)
        if frame is None:
            return None
        scope = getattr(check, "scope", Scope.ROW)
        where = getattr(check, "where", ())
        where_columns = set().union(*(columns_of(c) for c in where)) if where else set()
        if check.table == "classes":
            # Only what the filter reads, and the places a check of a township or county
            # reads itself: a row's school gives its places below, after the filter.
            needed = where_columns | (columns_used(check) & set(PLACE_COLUMNS))
            frame = with_school_columns(frame, tables.get("schools"), needed)
        if where and where_columns <= set(frame.columns):
            frame = frame.filter(all_of(where).fill_null(True))
        frames.append(places(frame, scope, tables.get("schools")))
    return pl.concat(frames, how="vertical_relaxed").unique() if frames else None


def columns_of(condition: Condition) -> set[str]:
    return {predicate.column for predicate, _ in walk_predicates(condition)}


def places(frame: pl.DataFrame, scope: Scope, schools: pl.DataFrame | None) -> pl.DataFrame:
    """The distinct places of a table's rows at a scope, as strings."""
    kept = KEPT[scope]
    if scope is Scope.ROW and "school_id" in frame.columns:
        # Distinct first: a school's places are looked up once, not once per class.
        own = frame.select("school_id", *[c for c in PLACE_COLUMNS if c in frame.columns])
        frame = with_school_places(own.unique(maintain_order=True), schools)
    return frame.select(
        pl.col(k).cast(pl.String)
        if k in kept and k in frame.columns
        else pl.lit(None, pl.String).alias(k)
        for k in TALLY_KEYS
    ).unique(maintain_order=True)
