"""Strings to typed columns, column-wise, with every malformed cell located.

Blank cells become nulls (missing data, decided later by the rules); cells that cannot be
read as their column's type become problems with file, row, header and value.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import polars as pl

from taikang_check.contract.tables import Column, ColumnType
from taikang_check.problems import PROBLEMS_PER_CODE, Problem, ProblemCode
from taikang_check.read.csv_reader import ROW, RawTable, typed_positions
from taikang_check.read.simplified import MAX_CONVERTED, to_simplified, traditional_pattern

BOOL_SPELLINGS: dict[str, bool] = {
    **dict.fromkeys(("是", "有", "true", "yes", "y", "1", "√", "t"), True),
    **dict.fromkeys(("否", "无", "false", "no", "n", "0", "×", "f"), False),
}
_CHINESE_NUMBERS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def _grade_spellings() -> dict[str, int]:
    spellings: dict[str, int] = {}
    for grade in range(1, 13):
        chinese = _CHINESE_NUMBERS[grade - 1]
        for text in (str(grade), f"{grade}年级", f"{chinese}年级", f"{grade}.0"):
            spellings[text] = grade
    for offset, prefix in ((6, "初"), (9, "高")):
        for n in range(1, 4):
            spellings[f"{prefix}{_CHINESE_NUMBERS[n - 1]}"] = offset + n
            spellings[f"{prefix}{n}"] = offset + n
            spellings[f"{prefix}中{_CHINESE_NUMBERS[n - 1]}年级"] = offset + n
    return spellings


GRADE_SPELLINGS = _grade_spellings()
# Also what Excel date cells read as: "2001-09-01 00:00:00".
# Digits are ASCII here ([0-9], never \d, which takes every script's digits): full-width
# digits are folded to ASCII first, and any other script's digit is a type error.
_DATE_PATTERN = (
    r"^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?"
    r"(?:[ T]0?0:00(?::00)?)?$"
)
# A date cell without a date format reaches a CSV or text cell as Excel's day number.
_EXCEL_SERIAL = r"^[2-7][0-9]{4}(\.0+)?$"
_EXCEL_EPOCH = pl.lit(dt.date(1899, 12, 30))
_COUNT_PATTERN = r"^[0-9]+(\.0+)?$"
_NEGATIVE_PATTERN = r"^-[0-9]+(\.0+)?$"
_NUMBER_PATTERN = r"^-?[0-9]{1,24}(\.[0-9]{1,6})?$"
# A digit of another script (٣٠٠٠, ३०००, ①, ²): NFKC would fold some of them to ASCII and
# leave others, so a count could read as a different number or as blank.
_FOREIGN_DIGIT = r"[\p{N}&&[^0-9０-９]]"
# The largest count a cell may hold. Sums over groups are exact in 128-bit integers
# (engine/check_groups.py), which no number of cells this size can overflow.
MAX_COUNT = 10**12
YEAR_RANGE = (2020, 2100)
NUMBER_TYPE = pl.Decimal(38, 6)
# What Excel shows in a cell whose formula failed; saved to CSV, the cell holds this text.
EXCEL_ERRORS = (
    "#DIV/0!",
    "#N/A",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
    "#GETTING_DATA",
)
# What `str.strip_chars()` strips: the characters Unicode calls White_Space.
_WHITESPACE = [
    *"\t\n\x0b\x0c\r \x85\xa0\u1680",
    *(chr(c) for c in range(0x2000, 0x200B)),
    *"\u2028\u2029\u202f\u205f\u3000",
]
# Enum-like columns whose values may be written in Traditional characters (小學, 公辦).
_CONVERTED_TYPES = (ColumnType.ENUM, ColumnType.BOOL, ColumnType.GRADE)


def fold(text: str) -> str:
    """The spelling-insensitive form of a value, as used for enum and bool lookups."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def enum_spellings(column: Column) -> dict[str, str]:
    spellings: dict[str, str] = {}
    for value in column.values:
        for text in (value.code, value.zh, *value.aliases):
            spellings[fold(text)] = value.code
    return spellings


def _folded(source: pl.Expr) -> pl.Expr:
    return source.str.normalize("NFKC").str.strip_chars().str.to_lowercase()


def is_excel_error(source: pl.Expr) -> pl.Expr:
    """The cell is an Excel error value (#DIV/0!, #N/A …), in any width or case."""
    return source.str.normalize("NFKC").str.strip_chars().str.to_uppercase().is_in(EXCEL_ERRORS)


def _typed(column: Column, source: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(parsed value, problem code or null) for one column; `source` is stripped, blank=null.
    An Excel error value is a problem in every column; a digit of another script in every
    column that is not text."""
    parsed, code = _typed_value(column, source)
    if column.type is not ColumnType.TEXT:
        foreign = source.str.contains(_FOREIGN_DIGIT)
        parsed = pl.when(foreign).then(None).otherwise(parsed)
        code = pl.when(foreign).then(pl.lit(ProblemCode.TYPE_ERROR.value)).otherwise(code)
    error = is_excel_error(source)
    parsed = pl.when(error).then(None).otherwise(parsed)
    code = pl.when(error).then(pl.lit(ProblemCode.EXCEL_ERROR.value)).otherwise(code)
    return parsed, code


def _typed_value(column: Column, source: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    kind = column.type
    if kind is ColumnType.TEXT:
        return source, pl.lit(None, pl.String)
    # Full-width digits and signs (１２, －３) read as their ASCII forms.
    source = source.str.normalize("NFKC")
    if kind is ColumnType.COUNT:
        cleaned = _without_thousands(source)
        shaped = cleaned.str.contains(_COUNT_PATTERN)
        digits = cleaned.str.replace(r"\.0+$", "").str.strip_chars_start("0")
        small = digits.str.len_chars() <= len(str(MAX_COUNT))
        number: pl.Expr = pl.when(shaped & small).then(
            pl.when(digits == "").then(pl.lit("0")).otherwise(digits).cast(pl.Int64, strict=False)
        )
        ok = shaped & small & (number <= MAX_COUNT)
        parsed: pl.Expr = pl.when(ok).then(number)
        code = (
            pl.when(source.is_null() | ok)
            .then(None)
            .when(shaped)
            .then(pl.lit(ProblemCode.COUNT_TOO_LARGE.value))
            .when(cleaned.str.contains(_NEGATIVE_PATTERN))
            .then(pl.lit(ProblemCode.NEGATIVE_COUNT.value))
            .otherwise(pl.lit(ProblemCode.TYPE_ERROR.value))
        )
        return parsed, code
    if kind is ColumnType.BOOL:
        parsed = _folded(source).replace_strict(
            BOOL_SPELLINGS, default=None, return_dtype=pl.Boolean
        )
        return parsed, _bad_if(source, parsed, ProblemCode.OUT_OF_DOMAIN)
    if kind is ColumnType.ENUM:
        parsed = _folded(source).replace_strict(
            enum_spellings(column), default=None, return_dtype=pl.String
        )
        if column.default is not None:
            parsed = pl.when(source.is_null()).then(pl.lit(column.default)).otherwise(parsed)
        return parsed, _bad_if(source, parsed, ProblemCode.OUT_OF_DOMAIN)
    if kind is ColumnType.GRADE:
        parsed = _folded(source).replace_strict(GRADE_SPELLINGS, default=None, return_dtype=pl.Int8)
        return parsed, _bad_if(source, parsed, ProblemCode.OUT_OF_DOMAIN)
    if kind is ColumnType.DATE:
        return _date(source)
    if kind is ColumnType.YEAR:
        number = source.cast(pl.Int64, strict=False)
        in_range = number.is_between(*YEAR_RANGE)
        parsed = pl.when(in_range).then(number)
        code = (
            pl.when(source.is_null() | in_range)
            .then(None)
            .when(number.is_not_null())
            .then(pl.lit(ProblemCode.OUT_OF_DOMAIN.value))
            .otherwise(pl.lit(ProblemCode.TYPE_ERROR.value))
        )
        return parsed, code
    # NUMBER: a plain decimal, kept exact (no binary floating point) so that a rate of 92.4
    # meets a target of 92.4; a trailing % is allowed since rates are percentages anyway.
    cleaned = _without_thousands(source.str.replace_all(r"[\s%]", ""))
    parsed = pl.when(cleaned.str.contains(_NUMBER_PATTERN)).then(
        cleaned.cast(NUMBER_TYPE, strict=False)
    )
    return parsed, _bad_if(source, parsed, ProblemCode.TYPE_ERROR)


def _without_thousands(source: pl.Expr) -> pl.Expr:
    """1,200 and 1 200 as 1200; a comma elsewhere (12,5) is left in, to be refused."""
    spaced = source.str.replace_all(r"\s", "")
    grouped = spaced.str.contains(r"^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")
    return pl.when(grouped).then(spaced.str.replace_all(",", "")).otherwise(spaced)


def _bad_if(source: pl.Expr, parsed: pl.Expr, code: ProblemCode) -> pl.Expr:
    return pl.when(source.is_not_null() & parsed.is_null()).then(pl.lit(code.value))


def _date(source: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    parts = source.str.extract_groups(_DATE_PATTERN)
    iso = pl.concat_str(
        parts.struct.field("1"),
        parts.struct.field("2").str.zfill(2),
        parts.struct.field("3").str.zfill(2),
        separator="-",
    )
    serial = source.str.contains(_EXCEL_SERIAL)
    days = source.str.replace(r"\.0+$", "").cast(pl.Int64, strict=False)
    parsed = (
        pl.when(serial)
        .then(_EXCEL_EPOCH + pl.duration(days=days))
        .otherwise(iso.str.to_date("%Y-%m-%d", strict=False))
    )
    code = (
        pl.when(source.is_null() | parsed.is_not_null())
        .then(None)
        .when(iso.is_not_null())
        .then(pl.lit(ProblemCode.OUT_OF_DOMAIN.value))
        .otherwise(pl.lit(ProblemCode.TYPE_ERROR.value))
    )
    return parsed, code


def _fast(column: Column, source: pl.Expr) -> pl.Expr:
    """The common, clean spelling of a value, read cheaply; null where the full reading
    (`_typed`) must decide. Those few distinct leftovers are read once each."""
    kind = column.type
    if kind is ColumnType.TEXT:
        return source
    if kind in (ColumnType.COUNT, ColumnType.YEAR):
        number = source.cast(pl.Int64, strict=False)
        low, high = (0, MAX_COUNT) if kind is ColumnType.COUNT else YEAR_RANGE
        return pl.when(number.is_between(low, high)).then(number)
    if kind is ColumnType.NUMBER:
        return pl.when(source.str.contains(_NUMBER_PATTERN)).then(
            source.cast(NUMBER_TYPE, strict=False)
        )
    if kind is ColumnType.DATE:
        return source.str.to_date("%Y-%m-%d", strict=False)
    if kind is ColumnType.GRADE:
        number = source.cast(pl.Int64, strict=False)
        exact = source.replace_strict(GRADE_SPELLINGS, default=None, return_dtype=pl.Int8)
        return pl.coalesce(pl.when(number.is_between(1, 12)).then(number).cast(pl.Int8), exact)
    spellings: dict[str, object] = (
        dict(BOOL_SPELLINGS) if kind is ColumnType.BOOL else exact_spellings(column)
    )
    dtype = pl.Boolean if kind is ColumnType.BOOL else pl.String
    parsed = source.replace_strict(spellings, default=None, return_dtype=dtype)
    if column.default is not None:
        parsed = pl.when(source.is_null()).then(pl.lit(column.default)).otherwise(parsed)
    return parsed


def exact_spellings(column: Column) -> dict[str, object]:
    """Enum spellings as written most often: the code and the Chinese name, unchanged."""
    spellings: dict[str, object] = {}
    for value in column.values:
        spellings[value.code] = value.code
        spellings[value.zh] = value.code
    return spellings


def coerce(raw: RawTable) -> tuple[pl.DataFrame, list[Problem], dict[ProblemCode, int]]:
    """Typed frame (contract column names, ROW kept), problems (capped) and counts left out.

    Column-wise in two steps: a cheap reading of every cell, then the full reading (width
    forms, case, thousands separators, Chinese spellings, problems) of the distinct values
    the cheap one could not place, joined back. Clean data never pays for the second step.
    A column the reader typed already (typed_csv.py) is taken as it is: every cell of it
    parsed and is in range. A text column is stripped only when some cell needs it.
    """
    positions = sorted(raw.match.columns)
    columns = {p: raw.match.table.column(raw.match.columns[p]) for p in positions}
    typed = typed_positions(raw.frame)
    padded = _padded(raw.frame, [p for p in positions if p not in typed])
    sources = []
    for position in positions:
        cell = pl.col(f"c{position}")
        if position in padded:
            stripped = cell.str.strip_chars()
            cell = pl.when(stripped != "").then(stripped)
        sources.append(cell.alias(f"s{position}"))
    checked = raw.frame.select(*sources, pl.col(ROW)).with_columns(
        (pl.col(f"s{p}") if p in typed else _fast(columns[p], pl.col(f"s{p}"))).alias(
            columns[p].name
        )
        for p in positions
    )
    coded: list[int] = []
    for position in positions:
        column, source = columns[position], f"s{position}"
        if position in typed:
            continue
        if column.type is ColumnType.TEXT:  # text reads as written, unless a formula failed
            hashed = pl.col(source).str.starts_with("#") | pl.col(source).str.starts_with("＃")
            left = checked.filter(hashed).filter(is_excel_error(pl.col(source)))
        else:
            left = checked.filter(pl.col(source).is_not_null() & pl.col(column.name).is_null())
        if left.height == 0:
            continue
        readings = left.select(pl.col(source).unique())
        if column.type in _CONVERTED_TYPES:
            readings = _with_simplified(readings, source)
            parsed, code = _typed(column, pl.col("_simplified"))
        else:
            parsed, code = _typed(column, pl.col(source))
        readings = readings.select(source, parsed.alias("_parsed"), code.alias(f"!{position}"))
        checked = checked.join(readings, on=source, how="left", maintain_order="left")
        checked = checked.with_columns(pl.coalesce(column.name, "_parsed").alias(column.name)).drop(
            "_parsed"
        )
        coded.append(position)
    problems, omitted = _collect(raw, checked, coded)
    names = [columns[p].name for p in positions]
    return checked.select([*names, ROW]), problems, omitted


def _padded(frame: pl.DataFrame, positions: list[int]) -> set[int]:
    """The text columns with a cell that stripping changes or that is empty (`""`): only
    those are stripped, and their blank cells made null (the parser reads an empty unquoted
    cell as null already). A literal search for whitespace first: stripping every cell of a
    column that holds none would only copy it."""
    if not positions or frame.height == 0:
        return set()
    cells = [pl.col(f"c{p}") for p in positions]
    verdicts = frame.select(
        *(cell.str.contains_any(_WHITESPACE).any().alias(f"w{i}") for i, cell in enumerate(cells)),
        *((cell == "").any().alias(f"e{i}") for i, cell in enumerate(cells)),
    ).row(0)
    spaced, empty = verdicts[: len(cells)], verdicts[len(cells) :]
    padded = {p for p, blank in zip(positions, empty, strict=True) if blank}
    to_check = [p for p, found in zip(positions, spaced, strict=True) if found and p not in padded]
    if to_check:
        stripped = frame.select(
            (pl.col(f"c{p}").str.strip_chars() != pl.col(f"c{p}")).any().alias(str(p))
            for p in to_check
        ).row(0)
        padded |= {p for p, changed in zip(to_check, stripped, strict=True) if changed}
    return padded


def _with_simplified(readings: pl.DataFrame, source: str) -> pl.DataFrame:
    """`readings` (distinct values) with "_simplified": each value in Simplified characters.
    Only the values holding a Traditional character (found column-wise) are converted."""
    values = pl.col(source)
    traditional = values.str.contains(traditional_pattern()) & (
        values.str.len_chars() <= MAX_CONVERTED
    )
    to_convert = readings.filter(traditional).get_column(source).to_list()
    if not to_convert:
        return readings.with_columns(values.alias("_simplified"))
    converted = pl.DataFrame(
        {source: to_convert, "_converted": [to_simplified(v) for v in to_convert]},
        schema={source: pl.String, "_converted": pl.String},
    )
    return readings.join(converted, on=source, how="left").select(
        source, pl.coalesce("_converted", source).alias("_simplified")
    )


def _collect(
    raw: RawTable, checked: pl.DataFrame, positions: list[int]
) -> tuple[list[Problem], dict[ProblemCode, int]]:
    """The first PROBLEMS_PER_CODE problems of each column and code; the rest counted."""
    problems: list[Problem] = []
    omitted: dict[ProblemCode, int] = {}
    if not positions:
        return problems, omitted
    code_columns = [f"!{p}" for p in positions]
    counts = checked.select(pl.col(code_columns).is_not_null().sum()).row(0)
    for position, count in zip(positions, counts, strict=True):
        if not count:
            continue
        column = raw.match.table.column(raw.match.columns[position])
        flagged = checked.filter(pl.col(f"!{position}").is_not_null())
        for code_text, code_count in (
            flagged.group_by(f"!{position}").len().sort(f"!{position}").iter_rows()
        ):
            code = ProblemCode(code_text)
            rows = (
                flagged.filter(pl.col(f"!{position}") == code_text)
                .head(PROBLEMS_PER_CODE)
                .get_column(ROW)
                .to_list()
            )
            cells = raw.frame.filter(pl.col(ROW).is_in(rows)).get_column(f"c{position}")
            problems += [
                Problem(
                    code,
                    file=raw.path,
                    row=row,
                    column=raw.headers[position],
                    value=cell,
                    detail={"type": column.type.value, "column": column.name},
                )
                for row, cell in zip(rows, cells.to_list(), strict=True)
            ]
            if code_count > len(rows):
                omitted[code] = omitted.get(code, 0) + code_count - len(rows)
    return problems, omitted
