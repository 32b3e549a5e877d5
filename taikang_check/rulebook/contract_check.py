"""Checks a rule file's meaning against the data contract: columns exist, values fit them."""

from __future__ import annotations

from taikang_check.contract.indicators import BY_CODE
from taikang_check.contract.tables import (
    COMPUTED_SCHOOL_COLUMNS,
    DERIVED_CLASS_COLUMNS,
    SCHOOLS,
    Column,
    ColumnType,
    table_schema,
)
from taikang_check.rulebook.model import (
    AnyCheck,
    Condition,
    ConditionCheck,
    IndicatorCheck,
    Loc,
    RuleFile,
    StandardCheck,
    walk_predicates,
)

NUMERIC = (ColumnType.COUNT, ColumnType.NUMBER, ColumnType.YEAR, ColumnType.GRADE)
ORDERED = (*NUMERIC, ColumnType.DATE)

# Columns of a class row that come from its school (joined on school_id).
SCHOOL_COLUMNS_OF_CLASSES = {
    "school_name": "name",
    "township": "township",
    "county": "county",
    "status": "status",
    "school_kind": "kind",
    "school_area": "area",
    "school_ownership": "ownership",
}


def columns_of(table: str) -> dict[str, Column]:
    columns = {c.name: c for c in table_schema(table).columns}
    if table == "schools":
        columns.update((c.name, c) for c in COMPUTED_SCHOOL_COLUMNS)
    if table == "classes":
        for alias, name in SCHOOL_COLUMNS_OF_CLASSES.items():
            columns.setdefault(alias, SCHOOLS.column(name))
        for column in DERIVED_CLASS_COLUMNS:
            columns.setdefault(column.name, column)
    return columns


def semantic_problems(rule_file: RuleFile) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    for i, rule in enumerate(rule_file.rules):
        for part in ("checks", "fallback"):
            for j, check in enumerate(getattr(rule, part)):
                problems += _check_problems(check, ("rules", i, part, j))
    return problems


def _check_problems(check: AnyCheck, loc: Loc) -> list[tuple[Loc, str]]:
    if isinstance(check, IndicatorCheck):
        return _indicator_problems(check, loc)
    columns = columns_of(check.table)
    problems: list[tuple[Loc, str]] = []
    for k, condition in enumerate(check.where):
        problems += _condition_problems(condition, columns, (*loc, "where", k))
    if isinstance(check, ConditionCheck):
        for k, condition in enumerate(check.fail_when):
            problems += _condition_problems(condition, columns, (*loc, "fail_when", k))
        return problems
    if isinstance(check, StandardCheck):
        return problems  # its member rules are checked once all files are loaded
    measure = check.measure
    numeric_inputs: list[tuple[str, Loc]] = []
    if measure.column is not None:
        numeric_inputs.append((measure.column, (*loc, "measure", "column")))
    if measure.sum is not None:
        numeric_inputs.append((measure.sum, (*loc, "measure", "sum")))
    for k, name in enumerate(measure.total or ()):
        numeric_inputs.append((name, (*loc, "measure", "total", k)))
    for kind in ("ratio", "cv"):
        ratio = getattr(measure, kind)
        if ratio is not None:
            numeric_inputs += [
                (ratio.numerator, (*loc, "measure", kind, "numerator")),
                (ratio.denominator, (*loc, "measure", kind, "denominator")),
            ]
    if measure.share is not None:
        if measure.share.of is not None:
            numeric_inputs.append((measure.share.of, (*loc, "measure", "share", "of")))
        for k, condition in enumerate(measure.share.part):
            problems += _condition_problems(
                condition, columns, (*loc, "measure", "share", "part", k)
            )
    if measure.count is not None:
        for k, condition in enumerate(measure.count.part):
            problems += _condition_problems(
                condition, columns, (*loc, "measure", "count", "part", k)
            )
    boolean_measure = False
    for name, where in numeric_inputs:
        column = columns.get(name)
        if column is None:
            problems.append((where, _unknown_column(name, check.table, columns)))
        elif column.type is ColumnType.BOOL and measure.column is not None:
            boolean_measure = True
        elif column.type not in NUMERIC:
            problems.append((where, f"column {name!r} is {column.type.value}, not a number"))
    flag_test = check.fail_if.op in ("is", "is_not")
    if flag_test != boolean_measure:
        problems.append(
            (
                (*loc, "fail_if"),
                "use is / is_not with a yes/no column, and numeric comparisons with numbers",
            )
        )
    return problems


def _indicator_problems(check: IndicatorCheck, loc: Loc) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    named = [("indicator", check.indicator)] if check.indicator else []
    if check.ratio is not None:
        named += [("ratio", check.ratio.numerator), ("ratio", check.ratio.denominator)]
    for key, code in named:
        if code not in BY_CODE:
            problems.append(((*loc, key), f"unknown indicator {code!r}; see docs/indicators.md"))
    thresholds = [t.fail_if for t in check.targets] + ([check.fail_if] if check.fail_if else [])
    if any(t.op in ("is", "is_not") for t in thresholds):
        problems.append(((*loc, "fail_if"), "indicators are numbers: use a numeric comparison"))
    years = [t.year for t in check.targets]
    if len(years) != len(set(years)):
        problems.append(((*loc, "targets"), "each year may have one target only"))
    if check.years and check.years.last is not None and check.years.last < check.years.first:
        problems.append(((*loc, "years"), "`to` is before `from`"))
    return problems


def _condition_problems(
    condition: Condition, columns: dict[str, Column], loc: Loc
) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    for predicate, where in walk_predicates(condition, loc):
        column = columns.get(predicate.column)
        if column is None:
            problems.append(((*where, "column"), _unknown_column(predicate.column, "", columns)))
            continue
        op, value = predicate.operator
        problems += [((*where, op), message) for message in _value_problems(column, op, value)]
    return problems


def _value_problems(column: Column, op: str, value: object) -> list[str]:
    values = value if isinstance(value, tuple) else (value,)
    if op == "present":
        return []
    if op in ("is", "is_not"):
        return (
            []
            if column.type is ColumnType.BOOL
            else [f"is / is_not test yes/no columns; {column.name!r} is {column.type.value}"]
        )
    if column.type is ColumnType.ENUM:
        if op not in ("eq", "ne", "in", "not_in"):
            return [f"{column.name!r} is a list of values: use eq, ne, in or not_in"]
        codes = [v.code for v in column.values]
        return [
            f"{v!r} is not a value of {column.name!r}; expected one of {', '.join(codes)}"
            for v in values
            if v not in codes
        ]
    if column.type is ColumnType.BOOL:
        return [f"{column.name!r} is yes/no: use is or is_not"]
    if op in ("gt", "ge", "lt", "le", "between", "outside") and column.type not in ORDERED:
        return [f"{op} needs a number or date column; {column.name!r} is {column.type.value}"]
    return []


def _unknown_column(name: str, table: str, columns: dict[str, Column]) -> str:
    where = f" of table {table!r}" if table else ""
    return f"unknown column {name!r}{where}; known: {', '.join(sorted(columns))}"
