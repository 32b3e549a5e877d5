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
    schools = tables.get("schools")
    queries: list[tuple[str, Scope, pl.LazyFrame]] = []
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
            frame = with_school_columns(frame, schools, needed)
        rows = frame.lazy()
        if where and where_columns <= set(frame.columns):
            rows = rows.filter(all_of(where).fill_null(True))
        queries.append((check.table, scope, _own_places(rows, frame.columns, scope)))
    if not queries:
        return None
    found = pl.collect_all([query for _, _, query in queries])
    return pl.concat(
        [
            _with_schools(own, table, scope, schools)
            for (table, scope, _), own in zip(queries, found, strict=True)
        ],
        how="vertical_relaxed",
    ).unique()


def columns_of(condition: Condition) -> set[str]:
    return {predicate.column for predicate, _ in walk_predicates(condition)}


def _own_places(rows: pl.LazyFrame, columns: list[str], scope: Scope) -> pl.LazyFrame:
    """The distinct places that the rows themselves name at a scope (strings)."""
    kept = KEPT[scope]
    return rows.select(
        pl.col(k).cast(pl.String)
        if k in kept and k in columns
        else pl.lit(None, pl.String).alias(k)
        for k in TALLY_KEYS
    ).unique()


def _with_schools(
    own: pl.DataFrame, table: str, scope: Scope, schools: pl.DataFrame | None
) -> pl.DataFrame:
    """A row's township and county where the row only knows its school (a class, a stage):
    its school's. The schools' own rows name theirs already (school ids are unique)."""
    if scope is not Scope.ROW or table == "schools" or own.get_column("school_id").is_null().all():
        return own
    return with_school_places(own, schools).select(TALLY_KEYS)


def places(frame: pl.DataFrame, scope: Scope, schools: pl.DataFrame | None) -> pl.DataFrame:
    """The distinct places of a table's rows at a scope, as strings."""
    own = _own_places(frame.lazy(), frame.columns, scope).collect()
    return _with_schools(own, "", scope, schools)
