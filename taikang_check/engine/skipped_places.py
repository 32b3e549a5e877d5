"""Where a rule skipped for missing data would have been evaluated, so that the scores count
it against the places it applies to (and only those): from its checks' `where` conditions on
the tables given, or, when a table it needs is absent, everywhere its checks' scopes reach.

Rules whose checks read the same tables in the same way would be evaluated at the same
places, so they are grouped and their places found once (a national audit skips dozens of
rules over the same 240k schools), all groups' queries collected together. Places are coded
(engine/place_codes.py): a row of the schools table is its school's code, so the schools a
`where` selects there are never looked up by their ids.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass

import polars as pl

from taikang_check.engine.expressions import all_of, columns_used
from taikang_check.engine.outcomes import TALLY_KEYS
from taikang_check.engine.place_codes import CODE, CODED_KEYS, PlaceCodes
from taikang_check.engine.results import RuleResult
from taikang_check.engine.tables import with_school_columns
from taikang_check.rulebook.model import AnyCheck, Condition, Scope, walk_predicates

# The keys a place of each scope has; the others are null (a township has no school).
KEPT = {
    Scope.ROW: TALLY_KEYS,
    Scope.TOWNSHIP: ("county", "township"),
    Scope.COUNTY: ("county",),
}
PLACE_COLUMNS = ("county", "township")
# A check's query: its places coded already (a check on the schools table) or as text.
Query = tuple[bool, pl.LazyFrame]


@dataclass(frozen=True)
class Reached:
    """The places of a group of skipped rules (codes): the schools, and the townships and
    counties without a school (county, township); a place may be listed more than once."""

    schools: pl.Series
    others: pl.DataFrame

    @property
    def empty(self) -> bool:
        return self.schools.len() + self.others.height == 0


@dataclass(frozen=True)
class SkippedGroup:
    """Skipped rules that would have been evaluated at the same places: those places, or
    None when a table they need is absent, so that they apply everywhere their checks'
    scopes reach."""

    rules: tuple[str, ...]
    places: Reached | None
    scopes: tuple[Scope, ...]


def skipped_groups(
    results: Sequence[RuleResult], tables: dict[str, pl.DataFrame], codes: PlaceCodes
) -> tuple[list[SkippedGroup], PlaceCodes]:
    """The skipped rules in groups of the same places, in the order of their first rule,
    and the codes with any place new to them."""
    plans: dict[Hashable, list[Query] | None] = {}
    members: dict[Hashable, list[str]] = {}
    for result in results:
        checks = _checks(result)
        reads: Hashable = tuple(sorted({_reads(check) for check in checks}))
        if reads not in plans:
            plans[reads] = _plan(checks, tables, codes)
        if plans[reads] is None:  # everywhere: only the scopes tell such rules apart
            reads = ("everywhere", _scopes(checks))
            plans.setdefault(reads, None)
        members.setdefault(reads, []).append(result.rule.id)
    queries = [query for plan in plans.values() for query in plan or ()]
    codes, found = _coded(queries, pl.collect_all([frame for _, frame in queries]), codes)
    groups = []
    for reads, plan in plans.items():
        places = None if plan is None else _reached([next(found) for _ in plan])
        if reads in members:  # not a key that led to an `everywhere` one
            scopes = reads[1] if isinstance(reads, tuple) and plan is None else ()
            groups.append(SkippedGroup(tuple(members[reads]), places, scopes))
    return groups, codes


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


def _plan(
    checks: tuple[AnyCheck, ...], tables: dict[str, pl.DataFrame], codes: PlaceCodes
) -> list[Query] | None:
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
        coded = check.table == "schools" and frame.height == codes.listed
        if check.table == "classes":
            # Only what the filter reads, and the places a check of a township or county
            # reads itself: a row's school gives its places when the places are coded.
            needed = where_columns | (columns_used(check) & set(PLACE_COLUMNS))
            frame = with_school_columns(frame, tables.get("schools"), needed)
        rows = frame.lazy()
        if coded:
            rows = rows.with_row_index("school").with_columns(pl.col("school").cast(CODE))
        if where and where_columns <= set(frame.columns):
            rows = rows.filter(all_of(where).fill_null(True))
        own = _school_places(rows, scope, codes) if coded else _own_places(rows, frame, scope)
        queries.append((coded, own))
    return queries or None  # no check at all: nothing tells where it applies


def columns_of(condition: Condition) -> set[str]:
    return {predicate.column for predicate, _ in walk_predicates(condition)}


def _own_places(rows: pl.LazyFrame, frame: pl.DataFrame, scope: Scope) -> pl.LazyFrame:
    """The distinct places that the rows themselves name at a scope (text); a row that only
    knows its school (a class, a stage) is placed by it when coded."""
    named = [k for k in KEPT[scope] if k in frame.columns]
    return rows.select(
        pl.col(k).cast(pl.String) if k in named else pl.lit(None, pl.String).alias(k)
        for k in TALLY_KEYS
    ).unique()


def _school_places(rows: pl.LazyFrame, scope: Scope, codes: PlaceCodes) -> pl.LazyFrame:
    """The places of rows of the schools table at a scope, coded from each row's school."""
    school = pl.col("school")
    if scope is Scope.ROW:
        return rows.select(
            pl.lit(None, CODE).alias("county"), pl.lit(None, CODE).alias("township"), school
        )
    township = codes.school_township(school) if scope is Scope.TOWNSHIP else pl.lit(None, CODE)
    return rows.select(
        codes.school_county(school).alias("county"),
        township.alias("township"),
        pl.lit(None, CODE).alias("school"),
    ).unique()


def _coded(
    queries: list[Query], found: list[pl.DataFrame], codes: PlaceCodes
) -> tuple[PlaceCodes, Iterator[pl.DataFrame]]:
    """Every query's places as codes: those given as text coded together, in one lookup."""
    named = [
        frame.with_columns(pl.lit(index, pl.UInt32).alias("_query"))
        for index, ((coded, _), frame) in enumerate(zip(queries, found, strict=True))
        if not coded
    ]
    if named:
        codes, together = codes.encoded(pl.concat(named))
        by_query = together.partition_by("_query", as_dict=True, include_key=False)
        empty = together.clear().drop("_query")
        found = [
            frame if coded else by_query.get((index,), empty)
            for index, ((coded, _), frame) in enumerate(zip(queries, found, strict=True))
        ]
    return codes, iter(found)


def _reached(frames: list[pl.DataFrame]) -> Reached:
    """A group's places, from the places of each of its checks (a place may come twice)."""
    places = pl.concat([frame.select(CODED_KEYS) for frame in frames])
    return Reached(
        places.get_column("school").drop_nulls(),
        places.filter(pl.col("school").is_null()).select("county", "township"),
    )
