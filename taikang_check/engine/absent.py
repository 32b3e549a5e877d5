"""What a check can do without: claims whose column was not given, and measures of rows that
nothing falls under.

- A claim (a test with `blank:`, such as an exemption by 确需保留) is made only by a yes: a
  blank cell is no claim, and so is a column that no input has. Such a column is added as
  blank, so the check runs and the rows are judged without the exemption.
- A check whose measure columns are absent but whose population can be told from the columns
  given, and is empty (no teaching point is retained, so none needs 纳入中心校管理), has
  nothing to evaluate: it is not applicable rather than skipped.
"""

from __future__ import annotations

from collections.abc import Collection

import polars as pl

from taikang_check.contract.tables import ColumnType, table_schema
from taikang_check.engine.expressions import all_of, measure_columns
from taikang_check.rulebook.model import (
    AnyCheck,
    Check,
    Condition,
    ConditionCheck,
    walk_predicates,
)

_DTYPES: dict[ColumnType, pl.DataType] = {
    ColumnType.TEXT: pl.String(),
    ColumnType.ENUM: pl.String(),
    ColumnType.COUNT: pl.Int64(),
    ColumnType.BOOL: pl.Boolean(),
    ColumnType.NUMBER: pl.Decimal(38, 6),
    ColumnType.DATE: pl.Date(),
    ColumnType.GRADE: pl.Int8(),
    ColumnType.YEAR: pl.Int64(),
}


def _conditions(check: AnyCheck) -> list[Condition]:
    conditions: list[Condition] = []
    if isinstance(check, Check | ConditionCheck):
        conditions += check.where
    if isinstance(check, ConditionCheck):
        conditions += check.fail_when
    if isinstance(check, Check):
        if check.measure.share is not None:
            conditions += check.measure.share.part
        if check.measure.count is not None:
            conditions += check.measure.count.part
    return conditions


def claim_columns(check: AnyCheck) -> set[str]:
    """Columns read only by claims (`blank:` tests): a check runs without them."""
    if not isinstance(check, Check | ConditionCheck):
        return set()
    claims: set[str] = set()
    others: set[str] = set()
    for condition in _conditions(check):
        for predicate, _ in walk_predicates(condition):
            (claims if predicate.blank is not None else others).add(predicate.column)
    if isinstance(check, Check):
        others |= measure_columns(check.measure)
    return claims - others


def absent_claims(columns: Collection[str], check: AnyCheck) -> dict[str, pl.DataType]:
    """The claim columns of a check that a table of these columns lacks, with their type."""
    return {name: pl.Boolean() for name in sorted(claim_columns(check) - set(columns))}


def with_claims(frame: pl.DataFrame, check: AnyCheck) -> pl.DataFrame:
    """The frame with every absent claim column added as blank (no claim on record)."""
    return with_nulls(frame, absent_claims(frame.columns, check))


def with_nulls(frame: pl.DataFrame, added: dict[str, pl.DataType]) -> pl.DataFrame:
    """The frame with these columns added, all blank."""
    if not added:  # not even an empty query
        return frame
    return frame.with_columns(pl.lit(None, dtype).alias(name) for name, dtype in added.items())


def nothing_applies(check: AnyCheck, frame: pl.DataFrame, absent: list[str]) -> bool:
    """The absent columns are only measured, and no row can be in the population."""
    if not isinstance(check, Check | ConditionCheck):
        return False
    population_columns = {
        predicate.column for condition in check.where for predicate, _ in walk_predicates(condition)
    }
    if population_columns & set(absent) or population_columns - set(frame.columns):
        return False
    # A row whose population test is blank may be in it: only a definite no keeps it out.
    could_be_in = frame.select(all_of(check.where).fill_null(True).any()).item()
    return not could_be_in


def with_blanks(frame: pl.DataFrame, table: str, absent: list[str]) -> pl.DataFrame:
    """The absent columns added as blank (typed as the contract says), to evaluate a check
    that nothing falls under: every row stays, and none is in its population."""
    return with_nulls(frame, blank_types(table, absent))


def blank_types(table: str, absent: list[str]) -> dict[str, pl.DataType]:
    """The type of each of these columns of the table, as the contract says (text if it
    says nothing)."""
    columns = {c.name: c for c in table_schema(table).columns}
    return {
        name: _DTYPES[columns[name].type] if name in columns else pl.String() for name in absent
    }
