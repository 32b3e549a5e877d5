"""User-facing text in Simplified Chinese (default) and English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

from taikang_check.contract.indicators import BY_CODE, CATALOGUE
from taikang_check.contract.tables import RESOURCES, TABLES
from taikang_check.problems import Problem, ProblemCode
from taikang_check.read.coerce import MAX_COUNT
from taikang_check.report.model import RuleResult, Status
from taikang_check.rulebook.model import (
    AnyCheck,
    Check,
    CheckKind,
    ConditionCheck,
    IndicatorCheck,
    Placeholder,
    StandardCheck,
)
from taikang_check.text.numbers import DECIMALS, number_expr, round_numbers_in_text

ENUM_ZH = {v.code: v.zh for table in TABLES for c in table.columns for v in c.values}
# As series once, not as a dict of literals per call (that costs more than the lookup).
_ENUM_CODES = pl.Series(list(ENUM_ZH))
_ENUM_NAMES = pl.Series(list(ENUM_ZH.values()))
CLASS_COLUMN_ZH = {c.name: c.zh for c in TABLES[1].columns}
COLUMN_ZH = {
    **{i.code: i.zh for i in CATALOGUE},
    **{c.name: c.zh for table in reversed(TABLES) for c in table.columns},
}

# The national standard's matrix: how a school's indicator stands, and short column labels.
STATE_MARK = {"met": "✓", "near": "~", "short": "✗", "unknown": "?"}
RESOURCE_SHORT = {
    "qualified_teachers": ("学历", "qualified"),
    "backbone_teachers": ("骨干", "backbone"),
    "pe_art_teachers": ("体艺", "PE/art"),
    "teaching_area": ("校舍", "floor"),
    "sports_area": ("场馆", "sports"),
    "equipment_value": ("设备", "equipment"),
    "multimedia_classrooms": ("多媒体", "multimedia"),
}

STATUS_TEXT: dict[Status, tuple[str, str]] = {
    Status.PASS: ("通过", "pass"),
    Status.FAIL: ("不合格", "fail"),
    Status.PENDING: ("未到期", "pending"),
    Status.UNKNOWN: ("数据缺失", "unknown"),
    Status.SKIPPED: ("未检查", "skipped"),
    Status.NOT_APPLICABLE: ("不适用", "not applicable"),
}
# The audit's verdict (contract §4) and the coverage line under it.
VERDICT_TEXT = {
    "pass": ("合格", "pass"),
    "fail": ("不合格", "fail"),
    "undecided": ("待定（数据缺失）", "undecided (data missing)"),
}
VERDICT_LABEL = ("结论", "Verdict")
COVERAGE_TEXT = (
    "已核查 {assessed} / 适用 {applicable} 条到期规则",
    "{assessed} of {applicable} due rules assessed",
)
# Where a county- or township-wide finding is, in place of a file and row.
SCOPE_TEXT = {"county": ("全县", "county"), "township": ("全乡镇", "township")}
SEVERITY_TEXT = {"error": ("错误", "error"), "warning": ("警告", "warning")}

PROBLEM_TEXT: dict[ProblemCode, tuple[str, str]] = {
    ProblemCode.FILE_NOT_FOUND: ("文件不存在", "file not found"),
    ProblemCode.NOT_A_FILE: ("不是文件（可能是文件夹）", "not a file (a folder?)"),
    ProblemCode.UNREADABLE_FILE: ("无法读取：{reason}", "cannot be read: {reason}"),
    ProblemCode.UNSUPPORTED_FORMAT: (
        "暂不支持此格式，请另存为 CSV（UTF-8 或 GBK）",
        "this format is not supported yet; save the sheet as CSV (UTF-8 or GBK)",
    ),
    ProblemCode.EMPTY_FILE: ("文件为空", "the file is empty"),
    ProblemCode.ENCODING_ERROR: (
        "第 {offset} 字节起无法按 {tried} 解码{looks_like}；"
        "请另存为 UTF-8 或 GBK，或用 --encoding 指定",
        "cannot be decoded as {tried} from byte {offset}{looks_like}; save as UTF-8 or GBK, "
        "or give --encoding",
    ),
    ProblemCode.NO_HEADER: ("找不到表头行", "no header row found"),
    ProblemCode.BLANK_HEADER: (
        "第 {position} 列表头为空，但该列有数据",
        "column {position} has data but a blank header",
    ),
    ProblemCode.DUPLICATE_HEADER: (
        "表头重复（第 {position} 列）",
        "duplicate header (column {position})",
    ),
    ProblemCode.UNKNOWN_TABLE: (
        "无法识别为学校表、班级表或县级指标表；表头为：{value}",
        "not recognised as a schools, classes or indicators table; the header is: {value}",
    ),
    ProblemCode.MISSING_COLUMN: (
        "{table_zh}缺少必需列{did_you_mean}",
        "required column missing from the {table} table{did_you_mean}",
    ),
    ProblemCode.EXTRA_CELL: (
        "本行单元格多于表头（表头 {width} 列）",
        "more cells than the header's {width} columns",
    ),
    ProblemCode.MISSING_CELL: (
        "本行单元格少于表头的 {width} 列（可能漏填或少了分隔符）",
        "fewer cells than the header's {width} columns (a cell or a delimiter is missing)",
    ),
    ProblemCode.TYPE_ERROR: ("“{value}”不是有效的{type_zh}", "{value!r} is not a valid {type}"),
    ProblemCode.OUT_OF_DOMAIN: (
        "“{value}”不在允许的取值范围内",
        "{value!r} is not an allowed value",
    ),
    ProblemCode.NEGATIVE_COUNT: (
        "“{value}”为负数，人数/个数不能为负",
        "{value!r} is negative; counts cannot be",
    ),
    ProblemCode.DUPLICATE_ID: (
        "{what_zh}“{value}”重复",
        "{what} {value!r} appears more than once",
    ),
    ProblemCode.UNKNOWN_SCHOOL: (
        "学校代码“{value}”不在学校表中",
        "school_id {value!r} is not in the schools table",
    ),
    ProblemCode.INCONSISTENT_TOTAL: (
        "大于“{against}”：{value}，部分不能多于总数",
        "is more than {against!r}: {value}; a part cannot exceed its whole",
    ),
    ProblemCode.RULE_FILE_INVALID: ("规则文件无效：{reason}", "invalid rule file: {reason}"),
    ProblemCode.RULE_YAML_ERROR: (
        "规则文件不是有效的 YAML：{reason}",
        "rule file is not valid YAML: {reason}",
    ),
    ProblemCode.RULES_NOT_FOUND: ("找不到规则文件（*.yaml）", "no rule files (*.yaml) found"),
    ProblemCode.UNKNOWN_RULE: (
        "没有这条规则：{value}（用 taikang-check rules 查看全部规则）",
        "no rule {value!r} (taikang-check rules lists them all)",
    ),
    ProblemCode.BAD_ARGUMENT: ("参数无效：{what} {value}", "invalid argument: {what} {value}"),
    ProblemCode.OUTPUT_IS_INPUT: (
        "输出文件与输入文件相同，不会覆盖输入",
        "the output is one of the inputs; inputs are never overwritten",
    ),
    ProblemCode.UNWRITABLE_OUTPUT: (
        "无法写入输出文件：{reason}",
        "cannot write the output: {reason}",
    ),
    ProblemCode.DUPLICATE_INPUT: (
        "同一个文件给了两次（另一次为 {value}）：每个文件只需给一次",
        "the same file is given twice (also as {value}): give each file once",
    ),
    ProblemCode.INTERNAL_ERROR: (
        "内部错误：{reason}（加 --debug 查看详情并请报告）",
        "internal error: {reason} (run with --debug and please report it)",
    ),
    ProblemCode.TOTAL_ROW: (
        "“{value}”是合计行，不是学校或班级，未纳入核查",
        "{value!r} is a total row, not a school or class: left out of the audit",
    ),
    ProblemCode.TOTAL_MISMATCH: (
        "合计行为 {value}，而它所合计的各行之和为 {sum}",
        "the total row says {value}, but the rows it totals add up to {sum}",
    ),
    ProblemCode.EXAMPLE_ROW: (
        "这是模板的示例行（每个单元格都与模板示例相同），未作为数据核查；请删除此行",
        "the template's example row (every cell as the template wrote it): not audited as "
        "data; delete the row",
    ),
    ProblemCode.EMPTY_TABLE: (
        "只有表头、没有数据行，视为未提供{table_zh}",
        "a header and no data rows: counts as no {table} table given",
    ),
    ProblemCode.NOTHING_TO_AUDIT: (
        "没有可核查的内容：没有一条规则能够评估（所给的表没有数据行，或缺少规则所需的表和列）",
        "nothing to audit: no rule could be evaluated (the tables given hold no data rows, "
        "or lack the tables and columns the rules need)",
    ),
    ProblemCode.MIXED_ENCODING: (
        "本行不是 UTF-8 编码，而第 {utf8_row} 行是：文件混用了两种编码"
        "（多为从另一个文件粘贴的行），请将整个文件另存为 UTF-8 或 GBK，或用 --encoding 指定",
        "this row is not UTF-8, but row {utf8_row} is: the file mixes two encodings (rows "
        "pasted from another file?); save the whole file as UTF-8 or GBK, or give --encoding",
    ),
    ProblemCode.COUNT_TOO_LARGE: (
        "“{value}”超过每格上限 {max}，请检查是否多填了数字",
        "{value!r} is more than the {max} a cell may hold; check for extra digits",
    ),
    ProblemCode.CLASS_SUM_MISMATCH: (
        "本校在校生数为 {value}，而班级表中本校各班学生数之和为 {sum}，两者应相等",
        "the school's students are {value}, but its classes in the classes table add up to "
        "{sum}; the two should be equal",
    ),
    ProblemCode.EXCEL_ERROR: (
        "“{value}”是 Excel 的错误值（公式出错），不是数据；请改正公式或填入数值",
        "{value!r} is an Excel error value (a formula failed), not data; fix the formula or "
        "type the value",
    ),
}
UNKNOWN_TABLE_UNQUOTED = (
    "无法识别为学校表、班级表或县级指标表：开头几行没有一格是数据规范中的列名（文件内容不予显示）",
    "not recognised as a schools, classes or indicators table: no cell of its first rows is a "
    "column name of the data contract (its content is not shown)",
)
TYPE_TEXT = {
    "count": "非负整数",
    "date": "日期（YYYY-MM-DD）",
    "number": "数字",
    "year": "年份",
    "grade": "年级",
    "bool": "是/否",
    "enum": "取值",
    "text": "文本",
}
TABLE_TEXT = {"schools": "学校表", "classes": "班级表", "indicators": "县级指标表"}
# The national rules read a table built from these columns of the schools table.
STAGES_TEXT = (
    f"学校表的国家标准资源配置列（{COLUMN_ZH[RESOURCES[0]]}等 {len(RESOURCES)} 列）",
    f"the national standard's {len(RESOURCES)} resource columns of the schools table "
    f"({RESOURCES[0]} …)",
)


def table_name(table: str, lang: str) -> str:
    """学校表, 班级表, 县级指标表 (zh); the contract's name (en)."""
    return table if lang == "en" else TABLE_TEXT.get(table, table)


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


# Spaces that show as spaces (the ideographic space of Chinese text, a no-break space).
_SPACES = frozenset("\u3000\u00a0")


class _Shown(str):
    """A cell or header as it goes into a message: `{x}` shows an invisible or control
    character as its escape (`\\ufeff`, `\\x1b`), as `{x!r}` does; the text is kept as is."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return format(visible(str(self)), spec)

    def __repr__(self) -> str:
        return repr(str(self))


def visible(text: str) -> str:
    """`text` with every character that prints as nothing or moves the cursor (a byte-order
    mark, a zero-width space, an escape …) written as its Python escape."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in _SPACES else repr(c)[1:-1] for c in text)


def _did_you_mean(detail: dict[str, str], zh: bool) -> str:
    closest = detail.get("closest")
    if closest is None:
        return ""
    position = detail.get("closest_position", "")
    if zh:
        return f"；是否指第 {position} 列“{visible(closest)}”？"
    return f"; did you mean {closest!r} (column {position})?"


def _looks_like(detail: dict[str, str], zh: bool) -> str:
    name = detail.get("looks_like")
    if not name:
        return ""
    if zh:
        return f"（看起来是不带 BOM 的 {name.upper()}，可用 --encoding {name}）"
    return f" (it looks like {name.upper()} without a byte-order mark: --encoding {name})"


def describe_problem(problem: Problem, lang: str = "zh") -> str:
    """One line: where (file, row, column) and what, in the user's language."""
    zh = lang != "en"
    fields = {
        "type_zh": TYPE_TEXT.get(problem.detail.get("type", ""), ""),
        "table_zh": TABLE_TEXT.get(problem.detail.get("table", ""), ""),
        "reason": "",
        "offset": "",
        "tried": "",
        "position": "",
        "width": "",
        "type": "",
        "table": "",
        "what": "school_id",
        "what_zh": "学校代码",
        "against": "",
        "sum": "",
        "utf8_row": "",
        "max": f"{MAX_COUNT:,}",
        **problem.detail,
        "value": _Shown(problem.value or ""),
        "did_you_mean": _did_you_mean(problem.detail, zh),
        "looks_like": _looks_like(problem.detail, zh),
    }
    template = PROBLEM_TEXT[problem.code]
    if problem.code is ProblemCode.UNKNOWN_TABLE and not problem.value:
        template = UNKNOWN_TABLE_UNQUOTED  # nothing of a file that is no table is echoed
    text = pick(template, lang).format(**fields)
    where = []
    if problem.file:
        where.append(problem.file)
    if problem.row is not None:
        rule_file = problem.code in (ProblemCode.RULE_FILE_INVALID, ProblemCode.RULE_YAML_ERROR)
        english = f"line {problem.row}" if rule_file else f"row {problem.row}"
        where.append(f"第 {problem.row} 行" if lang == "zh" else english)
    if problem.column:
        column = problem.column
        if problem.code is ProblemCode.MISSING_COLUMN:  # not in the file: give both names
            column = f"{COLUMN_ZH.get(column, column)}（{column}）"
        label = "列" if problem.code is not ProblemCode.RULE_FILE_INVALID else "键"
        where.append(
            f"{label}“{visible(column)}”"
            if lang == "zh"
            else f"{'key' if label == '键' else 'column'} {column!r}"
        )
    prefix = "，".join(where) if lang == "zh" else ", ".join(where)
    separator = "：" if lang == "zh" else ": "
    return (
        f"[{problem.code.value}] {prefix}{separator}{text}"
        if prefix
        else f"[{problem.code.value}] {text}"
    )


def describe_missing(item: str, lang: str) -> str:
    """'table:classes' or 'column:schools.resource_room' as a reader would say it."""
    kind, _, name = item.partition(":")
    if kind == "table" and name == "stages":  # built from the schools' resource columns
        return pick(STAGES_TEXT, lang)
    if kind == "table":
        return TABLE_TEXT.get(name, name) if lang == "zh" else f"the {name} table"
    table, _, column = name.partition(".")
    label = next(
        (c.zh for t in TABLES if t.name == table for c in t.columns if c.name == column), column
    )
    if lang == "zh":
        return f"{TABLE_TEXT.get(table, table)}的“{label}”列（{column}）"
    return f"column {column} ({label}) of the {table} table"


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


def _number_text(column: pl.Expr, against: pl.Expr | None) -> pl.Expr:
    number = column.cast(pl.Float64, strict=False)
    short = number_expr(number)
    if against is None:
        return short
    other = against.cast(pl.Float64, strict=False)
    on_the_limit = (number.round(DECIMALS) == other) & (number != other)
    return pl.when(on_the_limit.fill_null(False)).then(number_expr(number, 6)).otherwise(short)


def _as_text(column: str, dtype: pl.DataType, lang: str) -> pl.Expr:
    if column == "value":
        return display_text(pl.col(column), lang, pl.col("limit"))
    if column == "limit":
        return display_text(pl.col(column), lang)
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


def _template_expr(template: str, schema: pl.Schema, lang: str) -> pl.Expr:
    parts: list[pl.Expr | str] = []
    last = 0
    for match in Placeholder.finditer(template):
        parts.append(template[last : match.start()])
        name = match.group(1)
        if name == "detail" and f"detail_{lang}" in schema:
            name = f"detail_{lang}"
        parts.append(_as_text(name, schema[name], lang) if name in schema else pl.lit("—"))
        last = match.end()
    parts.append(template[last:])
    return pl.concat_str(
        [
            p if isinstance(p, pl.Expr) else pl.lit(p)
            for p in parts
            if not (isinstance(p, str) and p == "")
        ]
    )


# What a failing comparison says, by the operator of fail_if: (zh, en).
_FAILING = {
    "gt": ("超过{limit}", "above {limit}"),
    "ge": ("达到或超过{limit}", "at or above {limit}"),
    "lt": ("低于{limit}", "below {limit}"),
    "le": ("不高于{limit}", "at or below {limit}"),
    "eq": ("等于{limit}", "equal to {limit}"),
    "ne": ("不等于{limit}", "not {limit}"),
    "between": ("在{limit}之间", "within {limit}"),
    "outside": ("不在{limit}之间", "outside {limit}"),
    "is": ("不符合要求", "does not meet the requirement"),
    "is_not": ("不符合要求", "does not meet the requirement"),
}


def default_template(check: AnyCheck, lang: str) -> str:
    """A message for checks whose rule file gives none: the value, and how it fails."""
    template: Callable[[Any, bool], str] = DEFAULT_TEMPLATES[check.kind]
    return template(check, lang != "en")


def _indicator_template(check: IndicatorCheck, zh: bool) -> str:
    name = "/".join(BY_CODE[c].zh if zh else c for c in check.codes)
    lang = "zh" if zh else "en"
    if check.trend:
        return (
            f"{{year}}年{name}为{{value}}，低于上一年的{{limit}}"
            if zh
            else f"{{year}}: {name} {{value}}, below the year before ({{limit}})"
        )
    op = (
        check.targets[0].fail_if.op
        if check.targets
        else (check.fail_if.op if check.fail_if else "lt")
    )
    failing = pick(_FAILING[op], lang)
    return (
        f"{{year}}年{name}为{{value}}，{failing}"
        if zh
        else f"{{year}}: {name} {{value}}, {failing}"
    )


def _conditions_template(check: ConditionCheck, zh: bool) -> str:
    return "“{value}”不符合要求" if zh else '"{value}" does not meet the requirement'


def _standard_template(check: StandardCheck, zh: bool) -> str:
    return (
        f"{check.standard.at_least}项以上达标的要求未满足：{{detail}}"
        if zh
        else f"fewer than {check.standard.at_least} met, or one far short: {{detail}}"
    )


def _measure_template(check: Check, zh: bool) -> str:
    failing = pick(_FAILING[check.fail_if.op], "zh" if zh else "en")
    percent = "%" if check.fail_if.percent else ""
    return (
        f"{{value}}{percent}，{failing}{percent}"
        if zh
        else f"{{value}}{percent}, {failing}{percent}"
    )


DEFAULT_TEMPLATES: dict[CheckKind, Callable[[Any, bool], str]] = {
    CheckKind.ROW: _measure_template,
    CheckKind.GROUP: _measure_template,
    CheckKind.CV: _measure_template,
    CheckKind.CONDITION: _conditions_template,
    CheckKind.STANDARD: _standard_template,
    CheckKind.INDICATOR: _indicator_template,
}


def message_expr(result: RuleResult, lang: str) -> pl.Expr:
    """The message of each finding of a rule, built column-wise from its checks' templates."""
    schema = result.findings.schema
    checks = result.rule.fallback if result.used_fallback else result.rule.checks
    unknown = _unknown_text(schema, lang)
    expr: pl.Expr = pl.lit(None, pl.String)
    for index, check in reversed(list(enumerate(checks))):
        template = check.message.get(lang) if check.message else default_template(check, lang)
        expr = (
            pl.when(pl.col("check") == index)
            .then(_template_expr(template, schema, lang))
            .otherwise(expr)
        )
    if "blank_at" in schema:  # a total decided although some of its rows are blank
        expr = expr + pl.coalesce(_decided_despite_blanks(lang), pl.lit(""))
    return pl.when(pl.col("status") == Status.UNKNOWN.value).then(unknown).otherwise(expr)


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
