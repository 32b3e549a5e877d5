"""The findings' messages and values as text, built column-wise with polars expressions from
each check's template (the rule file's, or text/message_templates.py's): no loop over rows."""

from __future__ import annotations

import polars as pl

from taikang_check.report.model import RuleResult, Status
from taikang_check.rulebook.model import AnyCheck, Check, Placeholder
from taikang_check.text.labels import pick
from taikang_check.text.message_templates import FAILING, default_template
from taikang_check.text.names import CLASS_COLUMN_ZH, COLUMN_ZH, ENUM_ZH
from taikang_check.text.numbers import DECIMALS, number_expr, round_numbers_in_text

# As series once, not as a dict of literals per call (that costs more than the lookup).
_ENUM_CODES = pl.Series(list(ENUM_ZH))
_ENUM_NAMES = pl.Series(list(ENUM_ZH.values()))
# Columns of the value and the limit as people read them (`shown_values`): a message reads
# them from there instead of decoding them again in the template of each of its checks.
SHOWN_VALUE = "_shown_value"
SHOWN_LIMIT = "_shown_limit"


def display_text(column: pl.Expr, lang: str, against: pl.Expr | None = None) -> pl.Expr:
    """A finding's JSON-text value or limit as people read it: 52, 94.74, 是, 51–100, 一般村.

    Numbers to at most two decimals (text/numbers.py); a value compared `against` its limit
    keeps more where two decimals would show it equal to the limit (99.9988, not 100)."""
    zh = lang != "en"
    yes, no = ("是", "否") if zh else ("yes", "no")
    word = column.str.json_decode(pl.String)
    words = column.str.json_decode(pl.List(pl.String))
    if zh:  # enum codes as the Chinese the data was written in
        word = word.replace(_ENUM_CODES, _ENUM_NAMES)
        words = words.list.eval(pl.element().replace(_ENUM_CODES, _ENUM_NAMES))
    return (
        pl.when(column.is_null() | (column == "null"))
        .then(pl.lit("—"))
        .when(column.str.starts_with('"'))
        .then(word)
        .when(column == "true")
        .then(pl.lit(yes))
        .when(column == "false")
        .then(pl.lit(no))
        .when(column.str.starts_with('["'))
        .then(words.list.join("、" if zh else ", "))
        .when(column.str.starts_with("["))
        .then(column.str.strip_chars("[]").str.replace_all(",", "–"))
        .otherwise(pl.coalesce(_number_text(column, against), column))
    )


def shown_values(lang: str) -> list[pl.Expr]:
    """The SHOWN_VALUE and SHOWN_LIMIT columns of findings, for `message_expr(shown=True)`."""
    return [
        display_text(pl.col("value"), lang, pl.col("limit")).alias(SHOWN_VALUE),
        display_text(pl.col("limit"), lang).alias(SHOWN_LIMIT),
    ]


def _number_text(column: pl.Expr, against: pl.Expr | None) -> pl.Expr:
    number = column.cast(pl.Float64, strict=False)
    short = number_expr(number)
    if against is None:
        return short
    other = against.cast(pl.Float64, strict=False)
    on_the_limit = (number.round(DECIMALS) == other) & (number != other)
    return pl.when(on_the_limit.fill_null(False)).then(number_expr(number, 6)).otherwise(short)


def _as_text(column: str, dtype: pl.DataType, lang: str, shown: bool) -> pl.Expr:
    if column == "value":
        return pl.col(SHOWN_VALUE) if shown else display_text(pl.col(column), lang, pl.col("limit"))
    if column == "limit":
        return pl.col(SHOWN_LIMIT) if shown else display_text(pl.col(column), lang)
    expr = pl.col(column)
    if isinstance(dtype, pl.List):
        expr = expr.list.eval(pl.element().cast(pl.String)).list.join("–")
    elif dtype == pl.Boolean:
        expr = pl.when(expr).then(pl.lit("是")).when(~expr).then(pl.lit("否"))
    elif dtype.is_float() or isinstance(dtype, pl.Decimal):
        # 40.0 reads as 40; 94.74 stays as it is; 61.980000000000004 reads as 61.98.
        expr = number_expr(expr)
    elif dtype == pl.String and column.startswith("detail"):
        # Texts put together by a check (the national standard's indicators not met).
        expr = round_numbers_in_text(expr)
    return expr.cast(pl.String).fill_null("—")


def _template_expr(template: str, schema: pl.Schema, lang: str, shown: bool) -> pl.Expr:
    parts: list[pl.Expr | str] = []
    last = 0
    for match in Placeholder.finditer(template):
        parts.append(template[last : match.start()])
        name = match.group(1)
        if name == "detail" and f"detail_{lang}" in schema:
            name = f"detail_{lang}"
        parts.append(_as_text(name, schema[name], lang, shown) if name in schema else pl.lit("—"))
        last = match.end()
    parts.append(template[last:])
    return pl.concat_str(
        [
            p if isinstance(p, pl.Expr) else pl.lit(p)
            for p in parts
            if not (isinstance(p, str) and p == "")
        ]
    )


def message_expr(result: RuleResult, lang: str, shown: bool = False) -> pl.Expr:
    """The message of each finding of a rule, built column-wise from its checks' templates.

    `shown`: the frame holds the columns of `shown_values`, which the templates then read."""
    schema = result.findings.schema
    checks = result.rule.fallback if result.used_fallback else result.rule.checks
    unknown = _unknown_text(schema, lang)
    expr: pl.Expr = pl.lit(None, pl.String)
    for index, check in reversed(list(enumerate(checks))):
        template = check.message.get(lang) if check.message else default_template(check, lang)
        expr = (
            pl.when(pl.col("check") == index)
            .then(_template_expr(template, schema, lang, shown))
            .otherwise(expr)
        )
    if "band_classes" in schema:  # findings of the band table: classes above the cap
        expr = _band_messages(checks, lang, expr, shown)
        # No band is blank, yet undecided: a stage row, which cannot say which of its grades
        # (and so its classes above the cap) the rule's population takes.
        undecided = (pl.col("table") == "class_bands") & (pl.col("blank").list.len() == 0)
        stage_text = (
            "；班额情况表未分年级，无法判断这些班是否在本规则适用范围内"
            if lang != "en"
            else "; the band table gives no grades, so whether the rule applies to them cannot "
            "be told"
        )
        unknown = pl.when(undecided).then(expr + pl.lit(stage_text)).otherwise(unknown)
    if "blank_at" in schema:  # a total decided although some of its rows are blank
        expr = expr + pl.coalesce(_decided_despite_blanks(lang), pl.lit(""))
    return pl.when(pl.col("status") == Status.UNKNOWN.value).then(unknown).otherwise(expr)


def _band_messages(
    checks: tuple[AnyCheck, ...], lang: str, others: pl.Expr, shown: bool
) -> pl.Expr:
    """A band row's finding: its grade (or stage) and how many of its classes lie in the bands
    above the cap — 3年级有2个班超过45人（班额情况表）."""
    zh = lang != "en"
    grade = pl.col("grade").cast(pl.String)
    stage = pl.col("stage").cast(pl.String)
    stage_words = {"primary": "小学", "junior": "初中"} if zh else {}
    where = pl.coalesce(
        (grade + pl.lit("年级")) if zh else (pl.lit("grade ") + grade),
        stage.replace(stage_words) if zh else stage,
        pl.lit("—"),
    )
    expr = others
    for index, check in reversed(list(enumerate(checks))):
        if not isinstance(check, Check) or check.fail_if.op not in ("gt", "ge"):
            continue
        failing = pick(FAILING[check.fail_if.op], lang).replace("{limit}", "")
        classes = pl.col("value").cast(pl.String)
        limit = pl.col(SHOWN_LIMIT) if shown else display_text(pl.col("limit"), lang)
        text = (
            pl.concat_str(
                where,
                pl.lit("有"),
                classes,
                pl.lit(f"个班{failing}"),
                limit,
                pl.lit("人（班额情况表）"),
            )
            if zh
            else pl.concat_str(
                where,
                pl.lit(": "),
                classes,
                pl.lit(f" class(es) {failing}"),
                limit,
                pl.lit(" students (class-size bands)"),
            )
        )
        expr = (
            pl.when((pl.col("table") == "class_bands") & (pl.col("check") == index))
            .then(text)
            .otherwise(expr)
        )
    return expr


def _blank_rows_named(lang: str) -> pl.Expr:
    """The rows with blanks of a county or township total: 学校3（第4行）、… 等 12 行."""
    zh = lang != "en"
    name = pl.element().struct.field("name").fill_null("—")
    row = pl.element().struct.field("row").cast(pl.String)
    one = (
        pl.concat_str(name, pl.lit("（第"), row, pl.lit("行）"))
        if zh
        else pl.concat_str(name, pl.lit(" (row "), row, pl.lit(")"))
    )
    named = pl.col("blank_at").list.eval(one).list.join("、" if zh else ", ")
    more = pl.col("blank_rows").cast(pl.Int64) - pl.col("blank_at").list.len().cast(pl.Int64)
    rest = (
        pl.lit(" 等 ") + pl.col("blank_rows").cast(pl.String) + pl.lit(" 行")
        if zh
        else pl.lit(" and ") + more.cast(pl.String) + pl.lit(" more")
    )
    return pl.when(more > 0).then(named + rest).otherwise(named)


def _decided_despite_blanks(lang: str) -> pl.Expr:
    """Said after the message of a total that its blank rows cannot change."""
    count = pl.col("blank_rows").cast(pl.String)
    text = (
        pl.lit("（另有 ") + count + pl.lit(" 行数据为空，不影响结论：")
        if lang != "en"
        else pl.lit(" (") + count + pl.lit(" row(s) with blank data cannot change this: ")
    )
    close = pl.lit("）" if lang != "en" else ")")
    return pl.when(pl.col("blank_rows") > 0).then(text + _blank_rows_named(lang) + close)


def _unknown_text(schema: pl.Schema, lang: str) -> pl.Expr:
    """Name the blank cells (row findings) or count the rows with blanks (county findings)."""
    zh = lang != "en"
    parts: list[pl.Expr] = []
    if "blank" in schema:
        names = pl.col("blank")
        if zh:  # a class's 学生数 is not a school's 在校生数: names by the finding's table
            names = (
                pl.when(pl.col("table") == "classes")
                .then(names.list.eval(pl.element().replace(CLASS_COLUMN_ZH)))
                .otherwise(names.list.eval(pl.element().replace(COLUMN_ZH)))
            )
        prefix = "以下数据为空，无法判断：" if zh else "blank, so this cannot be decided: "
        parts.append(
            pl.when(names.list.len() > 0).then(
                pl.lit(prefix) + names.list.join("、" if zh else ", ")
            )
        )
    if "blank_rows" in schema:
        count = pl.col("blank_rows").cast(pl.String)
        text = (
            (pl.lit("有 ") + count + pl.lit(" 行所需数据为空，无法计算"))
            if zh
            else (count + pl.lit(" row(s) have blank data this needs"))
        )
        if "blank_at" in schema:  # a total: the blanks could change it; which rows they are
            lead = (
                pl.lit("有 ") + count + pl.lit(" 行所需数据为空，可能改变结论：")
                if zh
                else count + pl.lit(" row(s) have blank data that could change this: ")
            )
            text = lead + _blank_rows_named(lang)
        parts.append(pl.when(pl.col("blank_rows") > 0).then(text))
    fallback = pl.lit("所需数据为空，无法判断" if zh else "data needed for this check is blank")
    text = pl.coalesce([*parts, fallback])
    if "year" in schema:  # an indicator's figure for a year (other findings have none)
        year = pl.col("year").cast(pl.String)
        dated = (year + pl.lit("年：") + text) if zh else (year + pl.lit(": ") + text)
        text = pl.when(pl.col("year").is_not_null()).then(dated).otherwise(text)
    return text
