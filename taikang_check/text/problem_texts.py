"""What each problem code says, in zh and en, and one problem as one line that names where
(file, row, column) and what."""

from __future__ import annotations

from taikang_check.problems import Problem, ProblemCode
from taikang_check.read.coerce import MAX_COUNT
from taikang_check.text.file_formats import format_fields
from taikang_check.text.labels import pick
from taikang_check.text.names import COLUMN_ZH, TABLE_TEXT, TYPE_TEXT
from taikang_check.text.reasons import reason_text
from taikang_check.text.safe import visible

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
        "无法识别为学校表、班级表、县级指标表或班额情况表；表头为：{value}",
        "not recognised as a schools, classes, indicators or class-size band table; the "
        "header is: {value}",
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
    ProblemCode.NO_GRADE_OR_STAGE: (
        "班额情况表须有“年级”或“学段”列，才能判断各班适用小学还是初中的班额标准",
        "a class-size band table needs a grade or a stage column, to tell which classes are "
        "held to the primary cap and which to the junior cap",
    ),
    ProblemCode.BANDS_SUPERSEDED: (
        "{count} 所学校（{value}等）在班级表中已有班级，按班级表核查其班额；"
        "这些学校在班额情况表中的各行未纳入核查",
        "{count} school(s) ({value} …) have classes in the classes table, which decide their "
        "class sizes; their rows of the band table are left out",
    ),
    ProblemCode.BAND_CAP_OFF_EDGE: (
        "规则 {rule} 的班额上限 {cap} 人不在班额情况表的分档界线上（{edges}），"
        "无法由班额情况表判断；请提供班级表，或将上限定在分档界线上",
        "rule {rule}'s class cap of {cap} falls inside a band of the class-size band table "
        "(band edges {edges}), so the bands cannot decide it; give a classes table, or a cap "
        "on a band edge",
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
    "无法识别为学校表、班级表、县级指标表或班额情况表：开头几行没有一格是数据规范中的列名"
    "（文件内容不予显示）",
    "not recognised as a schools, classes, indicators or class-size band table: no cell of its "
    "first rows is a column name of the data contract (its content is not shown)",
)


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
        "rule": "",
        "count": "",
        "cap": "",
        "edges": "",
        "max": f"{MAX_COUNT:,}",
        **problem.detail,
        "reason": reason_text(problem.detail.get("reason", ""), lang),
        **format_fields(problem, lang),
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
