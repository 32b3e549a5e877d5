"""User-facing text in Simplified Chinese (default) and English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

from taikang_check.contract.indicators import BY_CODE, CATALOGUE
from taikang_check.contract.tables import TABLES
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
from taikang_check.text.safe import visible

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
SEVERITY_TEXT = {"error": ("错误", "error"), "warning": ("警告", "warning")}

PROBLEM_TEXT: dict[ProblemCode, tuple[str, str]] = {
    ProblemCode.FILE_NOT_FOUND: ("文件不存在", "file not found"),
    ProblemCode.NOT_A_FILE: ("不是文件（可能是文件夹）", "not a file (a folder?)"),
    ProblemCode.UNREADABLE_FILE: ("无法读取：{reason}", "cannot be read: {reason}"),
    ProblemCode.UNSUPPORTED_FORMAT: (
        "{format_zh}不能直接读取：请在 Excel 或 WPS 中打开，另存为 .xlsx（或 UTF-8 的 CSV）",
        "{format_en} cannot be read directly: open it in Excel or WPS and save it as .xlsx "
        "(or as CSV in UTF-8)",
    ),
    ProblemCode.EMPTY_FILE: ("文件为空", "the file is empty"),
    ProblemCode.ENCODING_ERROR: (
        "第 {offset} 字节起无法按 {tried} 解码{looks_like}；"
        "请另存为 UTF-8 或 GBK，或用 --encoding 指定",
        "cannot be decoded as {tried} from byte {offset}{looks_like}; save as UTF-8 or GBK, "
        "or give --encoding",
    ),
    ProblemCode.WRONG_FORMAT: (
        "这是{format_zh}，不是数据表：{advice_zh}",
        "this is {format_en}, not a data table: {advice_en}",
    ),
    ProblemCode.ENCRYPTED_FILE: (
        "工作簿设有打开密码（已加密），无法读取：请在 Excel 中打开，点“文件 → 信息 → 保护工作簿 → "
        "用密码进行加密”，清空密码并保存后再审核",
        "the workbook is encrypted (it has a password to open): open it in Excel, choose File → "
        "Info → Protect Workbook → Encrypt with Password, clear the password, save, and audit it "
        "again",
    ),
    ProblemCode.MALFORMED_WORKBOOK: (
        "工作簿已损坏或结构异常，为安全起见不予读取：{why_zh}{particulars_zh}",
        "the workbook is damaged or built oddly, and is refused for safety: {why_en}{particulars}",
    ),
    ProblemCode.TOO_LARGE: ("{too_large_zh}", "{too_large_en}"),
    ProblemCode.SPARSE_SHEET: (
        "单元格 {value} 远在表格之外，使工作表范围达 {grid} 个单元格，而有数据的只有 {cells} 个："
        "请删除该单元格（或其所在的行、列）后保存",
        "the cell {value} lies far outside the table and stretches the sheet to {grid} cells "
        "for {cells} that hold data: delete it (or its row or column) and save",
    ),
    ProblemCode.BAD_CELL_REFERENCE: (
        "单元格引用“{value}”超出 Excel 的范围（最大为 XFD1048576）或无效：文件不是表格软件写出的，"
        "或已损坏",
        "the cell reference {value!r} is beyond Excel's limits (XFD1048576) or not a reference: "
        "the file was not written by a spreadsheet program, or is damaged",
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
        "与“{against}”对不上：{value}",
        "does not add up with {against!r}: {value}",
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


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


class _Shown(str):
    """A cell or header as it goes into a message: `{x}` shows an invisible or control
    character as its escape (`\\ufeff`, `\\x1b`), as `{x!r}` does; the text is kept as is."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return format(visible(str(self)), spec)

    def __repr__(self) -> str:
        return repr(str(self))


def header_list(names: tuple[str, ...] | list[str]) -> str:
    """Headers from a file as a note lists them (未识别的列): every character that shows as
    nothing, a no-break space included, written as its escape (`学校名称\\ufeff`), so that
    the reader can see why the header did not match."""
    return "、".join(visible(name, keep_spaces=False) for name in names)


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
        **_format_fields(problem),
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
    if kind == "table":
        return f"{TABLE_TEXT.get(name, name)}（{name}）" if lang == "zh" else f"the {name} table"
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


# What a file is when it is no table (wrong-format, unsupported-format): its name, and what
# to do, in each language.
FORMAT_TEXT: dict[str, tuple[str, str, str, str]] = {
    "docx": (
        "Word 文档（.docx）",
        "a Word document (.docx)",
        "请把其中的表格复制到 Excel 或 WPS 表格，另存为 .xlsx 或 CSV 后再审核",
        "copy its table into Excel or WPS Spreadsheets, save it as .xlsx or CSV and audit that",
    ),
    "doc": (
        "Word 97-2003 文档（.doc）",
        "a Word 97-2003 document (.doc)",
        "请把其中的表格复制到 Excel 或 WPS 表格，另存为 .xlsx 或 CSV 后再审核",
        "copy its table into Excel or WPS Spreadsheets, save it as .xlsx or CSV and audit that",
    ),
    "pptx": (
        "PowerPoint 演示文稿（.pptx）",
        "a PowerPoint presentation (.pptx)",
        "请向报送单位索取原始的 Excel 或 CSV 数据表",
        "ask the sender for the original Excel or CSV table",
    ),
    "ppt": (
        "PowerPoint 97-2003 演示文稿（.ppt）",
        "a PowerPoint 97-2003 presentation (.ppt)",
        "请向报送单位索取原始的 Excel 或 CSV 数据表",
        "ask the sender for the original Excel or CSV table",
    ),
    "odt": (
        "OpenDocument 文本文档（.odt）",
        "an OpenDocument text document (.odt)",
        "请把其中的表格复制到表格软件，另存为 .xlsx 或 CSV 后再审核",
        "copy its table into a spreadsheet, save it as .xlsx or CSV and audit that",
    ),
    "odp": (
        "OpenDocument 演示文稿（.odp）",
        "an OpenDocument presentation (.odp)",
        "请向报送单位索取原始的 Excel 或 CSV 数据表",
        "ask the sender for the original Excel or CSV table",
    ),
    "odf": (
        "OpenDocument 文件，但不是电子表格",
        "an OpenDocument file that is no spreadsheet",
        "请在表格软件中打开数据表，另存为 .xlsx 或 CSV",
        "open the table in a spreadsheet program and save it as .xlsx or CSV",
    ),
    "pdf": (
        "PDF 文件",
        "a PDF file",
        "PDF 中的表格无法可靠读取，请向报送单位索取原始的 Excel 或 CSV 文件",
        "tables in a PDF cannot be read reliably; ask the sender for the original Excel or CSV",
    ),
    "rtf": (
        "RTF 文档",
        "an RTF document",
        "请把其中的表格复制到 Excel 或 WPS 表格，另存为 .xlsx 或 CSV 后再审核",
        "copy its table into Excel or WPS Spreadsheets, save it as .xlsx or CSV and audit that",
    ),
    "zip": (
        "ZIP 压缩包",
        "a ZIP archive",
        "请先解压，再审核其中的表格文件",
        "unpack it and audit the spreadsheet files inside",
    ),
    "ole": (
        "Office 97-2003 文件，但不是工作簿",
        "an Office 97-2003 file that is no workbook",
        "请在 Excel 或 WPS 中打开数据表，另存为 .xlsx 或 CSV",
        "open the table in Excel or WPS and save it as .xlsx or CSV",
    ),
    "lock-file": (
        "Excel 打开工作簿时留下的临时锁定文件（文件名以 ~$ 开头）",
        "the lock file Excel keeps while a workbook is open (its name starts with ~$)",
        "请关闭 Excel，审核文件名不带 ~$ 的工作簿本身",
        "close Excel and audit the workbook itself, the name without ~$",
    ),
    # unsupported-format: tables the tool cannot read itself
    "html": (
        "网页（HTML）格式的表格（很多系统导出的“.xls”其实是网页）",
        "a web-page (HTML) table (what many systems export under an .xls name)",
        "",
        "",
    ),
    "xml-spreadsheet": ("Excel 2003 XML 表格", "an Excel 2003 XML spreadsheet", "", ""),
    "numbers": ("Apple Numbers 表格", "an Apple Numbers spreadsheet", "", ""),
}
# malformed-workbook, by detail "why"
MALFORMED_TEXT: dict[str, tuple[str, str]] = {
    "dtd": (
        "其中含有 DTD 声明（<!DOCTYPE>），表格软件从不写入，可能是 XML 炸弹",
        "it declares a DTD (<!DOCTYPE>), which no spreadsheet program writes: an XML bomb?",
    ),
    "zip": ("压缩包结构损坏或前后矛盾", "its zip structure is damaged or contradicts itself"),
    "xml": ("其中的 XML 部件无法解析", "one of its XML parts cannot be parsed"),
    "ole": ("OLE2 复合文件结构损坏", "its OLE2 compound-file structure is damaged"),
    "records": ("工作表的记录损坏", "the records of a sheet are damaged"),
    "dimension": (
        "工作表声明的范围远大于其中的数据，请用 Excel 打开后重新保存",
        "a sheet declares a used range far larger than its data; open it in Excel and save it "
        "again",
    ),
    "strings": (
        "共享字符串表声明的字符串数远多于其内容",
        "its shared-strings table announces far more strings than it holds",
    ),
}
# too-large, by detail "what"
TOO_LARGE_TEXT: dict[str, tuple[str, str]] = {
    "entries": (
        "压缩包内有 {size} 个文件，超过上限 {limit}",
        "the archive holds {size} entries, more than the {limit} read",
    ),
    "directory": (
        "压缩包目录有 {size}，超过上限 {limit}",
        "the archive's directory takes {size}, more than the {limit} read",
    ),
    "part": (
        "其中的“{part}”解压后为 {size}，超过上限 {limit}",
        "its part {part!r} unpacks to {size}, more than the {limit} read",
    ),
    "unpacked": (
        "解压后共 {size}，超过上限 {limit}",
        "it unpacks to {size}, more than the {limit} read",
    ),
    "ratio": (
        "其中的“{part}”压缩比达 {size}，远超真实的表格（可能是压缩炸弹，或已损坏）",
        "its part {part!r} is compressed {size}, far beyond any real spreadsheet (a zip bomb, "
        "or damaged)",
    ),
    "sheets": (
        "有 {size} 个工作表，超过上限 {limit}",
        "it has {size} sheets, more than the {limit} read",
    ),
    "cells": (
        "有数据的单元格达 {size} 个，超过上限 {limit}：请按区县拆分文件",
        "{size} cells hold data, more than the {limit} read: split the file by county",
    ),
    "errors": (
        "有 {size} 个单元格是 Excel 错误值（#DIV/0!、#N/A 等），超过上限 {limit}：请先改正公式",
        "{size} cells hold Excel error values (#DIV/0!, #N/A …), more than the {limit} read: "
        "fix the formulas first",
    ),
    "grid": (
        "工作表范围达 {size} 个单元格，超过上限 {limit}：请删除表格之外的内容",
        "the sheet spans {size} cells, more than the {limit} read: delete what lies outside "
        "the table",
    ),
    "file": (
        "文件大小为 {size}，超过此格式的上限 {limit}：请另存为 .xlsx 或 CSV",
        "the file takes {size}, more than the {limit} read in this format: save it as .xlsx or CSV",
    ),
}


def _format_fields(problem: Problem) -> dict[str, str]:
    """The placeholders of the file-format problems, from the keys in their detail."""
    detail = problem.detail
    names = FORMAT_TEXT.get(detail.get("format", ""), ("此格式", "this format", "", ""))
    why = MALFORMED_TEXT.get(detail.get("why", ""), ("", ""))
    part, reason = detail.get("part", ""), detail.get("reason", "")
    particulars = "; ".join(p for p in (part, reason) if p)
    values = {"size": detail.get("size", ""), "limit": detail.get("limit", ""), "part": part}
    large = TOO_LARGE_TEXT.get(detail.get("what", ""), ("", ""))
    return {
        # a space between a Chinese word and a Latin one: 这是 Word 文档
        "format_zh": f" {names[0]}" if names[0][:1].isascii() else names[0],
        "format_en": names[1],
        "advice_zh": names[2],
        "advice_en": names[3],
        "why_zh": why[0],
        "why_en": why[1],
        "particulars": f" ({particulars})" if particulars else "",
        "particulars_zh": f"（{particulars}）" if particulars else "",
        "grid": detail.get("grid", ""),
        "cells": detail.get("cells", ""),
        "too_large_zh": large[0].format(**values),
        "too_large_en": large[1].format(**values),
    }
