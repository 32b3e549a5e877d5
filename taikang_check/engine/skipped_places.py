"""Where a rule skipped for missing data would have been evaluated, so that the scores count
it against the places it applies to (and only those): from its checks' `where` conditions on
the tables given, or, when a table it needs is absent, everywhere its checks' scopes reach.

Rules whose checks read the same tables in the same way would be evaluated at the same
places, so they are grouped and their places found once (a national audit skips dozens of
rules over the same 240k schools), all groups' queries collected together.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass

import polars as pl

from taikang_check.engine.evaluate import with_school_columns, with_school_places
from taikang_check.engine.expressions import all_of, columns_used
from taikang_check.engine.outcomes import TALLY_KEYS
from taikang_check.engine.results import RuleResult
from taikang_check.rulebook.model import AnyCheck, Condition, Scope, walk_predicates

# The keys a place of each scope has; the others are null (a township has no school).
KEPT = {
    Scope.ROW: TALLY_KEYS,
    Scope.TOWNSHIP: ("county", "township"),
    Scope.COUNTY: ("county",),
}
PLACE_COLUMNS = ("county", "township")
Query = tuple[str, Scope, pl.LazyFrame]  # a check's table, scope, and its rows' own places


@dataclass(frozen=True)
class SkippedGroup:
    """Skipped rules that would have been evaluated at the same places: those places
    (strings), or None when a table they need is absent, so that they apply everywhere
    their checks' scopes reach."""

    rules: tuple[str, ...]
    places: pl.DataFrame | None
    scopes: tuple[Scope, ...]


def skipped_groups(
    results: Sequence[RuleResult], tables: dict[str, pl.DataFrame]
) -> list[SkippedGroup]:
    """The skipped rules in groups of the same places, in the order of their first rule."""
    plans: dict[Hashable, list[Query] | None] = {}
    members: dict[Hashable, list[str]] = {}
    for result in results:
        checks = _checks(result)
        reads: Hashable = tuple(sorted({_reads(check) for check in checks}))
        if reads not in plans:
            plans[reads] = _plan(checks, tables)
        if plans[reads] is None:  # everywhere: only the scopes tell such rules apart
            reads = ("everywhere", _scopes(checks))
            plans.setdefault(reads, None)
        members.setdefault(reads, []).append(result.rule.id)
    queries = [query for plan in plans.values() for _, _, query in plan or ()]
    found = iter(pl.collect_all(queries))
    groups = []
    for reads, plan in plans.items():
        places = None if plan is None else _places_found(plan, found, tables.get("schools"))
        if reads in members:  # not a key that led to an `everywhere` one
            scopes = reads[1] if isinstance(reads, tuple) and plan is None else ()
            groups.append(SkippedGroup(tuple(members[reads]), places, scopes))
    return groups


def _checks(result: RuleResult) -> tuple[AnyCheck, ...]:
    return result.rule.fallback if result.used_fallback else result.rule.checks


def _scopes(checks: tuple[AnyCheck, ...]) -> tuple[Scope, ...]:
    return tuple(sorted({getattr(c, "scope", Scope.ROW) for c in checks}))


def _reads(check: AnyCheck) -> tuple[str, str, str, tuple[str, ...]]:
    """What decides a check's places: its table, scope, `where`, and the place columns that
    it reads itself (which a class row then carries)."""
    return (
        check.table,
        getattr(check, "scope", Scope.ROW).value,
        repr(getattr(check, "where", ())),
        tuple(sorted(columns_used(check) & set(PLACE_COLUMNS))),
    )


def _plan(checks: tuple[AnyCheck, ...], tables: dict[str, pl.DataFrame]) -> list[Query] | None:
    """A query per check for the places its `where` conditions select on the tables given;
    None when a table it needs is absent (it cannot be told where the rule applies)."""
    queries: list[Query] = []
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
        rows = frame.lazy()
        if where and where_columns <= set(frame.columns):
            rows = rows.filter(all_of(where).fill_null(True))
        queries.append((check.table, scope, _own_places(rows, frame.columns, scope)))
    return queries or None  # no check at all: nothing tells where it applies


def _places_found(
    plan: list[Query], found: Iterator[pl.DataFrame], schools: pl.DataFrame | None
) -> pl.DataFrame:
    frames = [_with_schools(next(found), table, scope, schools) for table, scope, _ in plan]
    return pl.concat(frames, how="vertical_relaxed").unique()


def columns_of(condition: Condition) -> set[str]:
    return {predicate.column for predicate, _ in walk_predicates(condition)}


def _own_places(rows: pl.LazyFrame, columns: list[str], scope: Scope) -> pl.LazyFrame:
    """The distinct places that the rows themselves name at a scope (strings)."""
    named = [k for k in KEPT[scope] if k in columns]
    return rows.select(
        pl.col(k).cast(pl.String) if k in named else pl.lit(None, pl.String).alias(k)
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
