"""The command line's words in Simplified Chinese: each help text of the CLI (written in English
in the declarations) and each message of click's that a user can meet. A test checks that every
help text of every command has its translation here."""

from __future__ import annotations

# Help texts, keyed by the English text as declared (option help and command docstrings).
HELP_ZH = {
    # the group
    "Audit county school data against 太政办〔2023〕7号 and 教督〔2017〕6号.": (
        "按太康县义务教育优质均衡发展实施方案（太政办〔2023〕7号）和"
        "国家优质均衡督导评估办法（教督〔2017〕6号）核查学校数据。"
    ),
    "Show the version and exit.": "显示版本后退出。",
    "Show this message and exit.": "显示本帮助后退出。",
    # audit
    "Audit data FILES (CSV, XLSX) against the rules.\n\n"
    "Settings may also come from taikang-check.toml or [tool.taikang-check] in\n"
    "pyproject.toml (the nearest, from the current folder up); options given here win.": (
        "按规则核查数据文件（CSV、XLSX）。\n\n"
        "设置也可写在 taikang-check.toml 或 pyproject.toml 的 [tool.taikang-check] 中"
        "（从当前文件夹向上找最近的一个）；命令行给出的选项优先。"
    ),
    "Audit date (default: today).": "核查日期（默认今天）。",
    "Report format on the screen.": "屏幕上显示的报告格式。",
    "Trend format on the screen.": "屏幕上显示的对比结果格式。",
    "Lowest severity of failure that gives exit status 1.": (
        "达到此严重程度的不合格即以状态 1 退出。"
    ),
    "Findings shown per rule in the terminal report.": "终端报告中每条规则最多列出的问题数。",
    "Also write to a file, e.g. html:report.html; a bare PATH takes the format its "
    "extension names (report.html, report.json), else --format (which then goes to the "
    "file instead of the screen). Repeatable.": (
        "另写入文件，如 html:report.html；只给路径时按扩展名所指的格式（如 report.html），"
        "扩展名不指格式时按 --format 的格式写入该文件（屏幕上不再显示）。可重复。"
    ),
    "List every finding in the terminal report.": "终端报告列出全部问题。",
    "Only the summary and the failing rules.": "只显示总体情况和不合格的规则。",
    "HTML report: add a page per school with its findings (printed: a page each).": (
        "网页报告：另加每校一页的问题清单（打印时每校一页）。"
    ),
    "In the workbook (-o xlsx:PATH), also a sheet of findings per township.": (
        "在 XLSX 整改台账工作簿中另为每个乡镇建一张问题表。"
    ),
    "Folder of rule files (or one rule file) to use instead of the built-in packs.": (
        "改用此文件夹中的规则文件（或这一个规则文件），不用内置规则包。"
    ),
    "Built-in rule pack: the county plan, the national standard, or both.": (
        "内置规则包：县实施方案、国家标准，或两者都用。"
    ),
    "Only these rules: a rule id, an id prefix ending in * (national-cv-*), "
    "a section (三(一)) or a tag (class-size). Repeatable or comma-separated.": (
        "只核查这些规则：规则编号、以 * 结尾的编号前缀（national-cv-*）、条款（三(一)）或标签"
        "（class-size）。可重复，也可用逗号分隔。"
    ),
    "Leave out these rules (same selectors as --select).": "不核查这些规则（写法同 --select）。",
    "Report language.": "报告语言（默认取配置文件，其次系统语言，再次中文）。",
    "Force the text encoding of CSV input (default: detect).": (
        "指定 CSV 文件的编码（默认自动识别）。"
    ),
    "Count teaching points as primary schools in the national "
    "standard's school verdicts and variation coefficients.": (
        "国家标准的学校达标判断和差异系数中是否把教学点计为小学。"
    ),
    "Ignore taikang-check.toml and [tool.taikang-check] in pyproject.toml.": (
        "不读 taikang-check.toml 和 pyproject.toml 中的 [tool.taikang-check]。"
    ),
    "Read settings from this file instead of the nearest taikang-check.toml "
    "or pyproject.toml.": "从此文件读取设置，不找最近的 taikang-check.toml 或 pyproject.toml。",
    "Show the traceback of internal errors.": "内部错误时显示调用栈。",
    # trend
    "Compare school years: FOLDERS each hold one year's tables (2023/ 2024/ …).": (
        "逐年对比：每个文件夹存放一个学年的数据表（2023/ 2024/ …）。"
    ),
    "Audit every year at this date (default: 31 August after the year a folder's name "
    "starts with, else today).": (
        "各年都按此日期核查（默认：文件夹名开头年份的次年 8 月 31 日，否则今天）。"
    ),
    "List every rule, not only those that failed or lacked data in some year.": (
        "列出全部规则，而不只是某年不合格或缺数据的规则。"
    ),
    # rules, explain
    "List the rules.": "列出规则。",
    "Only rules of this section of the plan, e.g. 三(一).": "只列方案此条款的规则，如 三(一)。",
    "Only rules with this tag, e.g. class-size.": "只列带此标签的规则，如 class-size。",
    "Only rules that read this table.": "只列读取此表的规则。",
    "Explain one rule: its sentence, population, condition and dates.": (
        "解释一条规则：原文、适用对象、判定条件和期限。"
    ),
    # validate, template
    "Check data FILES without auditing them.": "只检查数据文件能否读取，不核查。",
    "Write blank tables to fill in.": "生成待填写的空白数据表（填报模板）。",
    "Template format.": "模板格式。",
    "Header language.": "表头语言。",
    "Folder to write into.": "写入的文件夹。",
    "Replace template files that already exist.": "覆盖已存在的模板文件。",
}

# Section headings and the frame of usage errors.
FRAME = {
    "usage": ("用法：", "Usage:"),
    "options": ("选项", "Options"),
    "commands": ("命令", "Commands"),
    "arguments": ("参数", "Arguments"),
    "try": ("运行 “{command} {option}” 查看帮助。", "Try '{command} {option}' for help."),
    "error": ("错误：{message}", "Error: {message}"),
    "default": ("默认：", "default: "),
    "required": ("必填", "required"),
}

# Placeholders in usage lines and option lists (click's and ours), in Chinese.
METAVAR_ZH = {
    "[OPTIONS]": "[选项]",
    "COMMAND": "命令",
    "[ARGS]...": "[参数]...",
    "FILES...": "文件...",
    "FOLDERS...": "文件夹...",
    "RULE": "规则编号",
    "[FORMAT:]PATH": "[格式:]路径",
    "PATH": "路径",
    "FILE": "文件",
    "TEXT": "文本",
    "INTEGER RANGE": "整数",
    "INTEGER": "整数",
    "SELECTOR[,…]": "选择器[,…]",
}

# click's own messages (English), as regular expressions, with their Chinese.
CLICK_ZH = (
    (r"^No such option: (?P<a>\S+)$", "没有这个选项：{a}"),
    # click 8.2 writes the suggestion without quotes, on the same line
    (
        r"^No such option: (?P<a>\S+) Did you mean (?P<b>\S+)\?$",
        "没有这个选项：{a}；是否要用 {b}？",
    ),
    (r"^No such option '(?P<a>[^']+)'\.?$", "没有这个选项：{a}"),
    (
        r"^No such option '(?P<a>[^']+)'\. Did you mean '(?P<b>[^']+)'\?$",
        "没有这个选项：{a}；是否要用 {b}？",
    ),
    (
        r"^No such option '(?P<a>[^']+)'\. \(Possible options: (?P<b>.+)\)$",
        "没有这个选项：{a}（可用：{b}）",
    ),
    (
        r"^No such command '(?P<a>[^']+)'\. Did you mean '(?P<b>[^']+)'\?$",
        "没有这个命令：{a}；是否要用 {b}？",
    ),
    (r"^Did you mean (?P<a>\S+)\?$", "是否要用 {a}？"),
    (r"^\(Did you mean one of: (?P<a>.+)\?\)$", "（是否要用其中之一：{a}？）"),
    (r"^No such command '(?P<a>[^']+)'\.$", "没有这个命令：{a}"),
    (r"^Missing command\.$", "缺少命令"),
    (r"^Missing argument '(?P<a>[^']+)'\.$", "缺少参数 {a}"),
    (r"^Missing option '(?P<a>[^']+)'\.$", "缺少选项 {a}"),
    (r"^Got unexpected extra arguments? \((?P<a>.+)\)$", "多余的参数：{a}"),
    (r"^Option '(?P<a>[^']+)' requires an argument\.$", "选项 {a} 需要一个值"),
    (r"^Option '(?P<a>[^']+)' requires (?P<b>\d+) arguments\.$", "选项 {a} 需要 {b} 个值"),
    (r"^Option '(?P<a>[^']+)' does not take a value\.$", "选项 {a} 不带值"),
    (r"^Invalid value for (?P<a>.+?): (?P<b>.+)$", "{a} 的值无效：{b}"),
    (r"^'(?P<a>.*)' is not one of (?P<b>.+)\.$", "“{a}”不是可选值之一：{b}"),
    (r"^'(?P<a>.*)' is not (?P<b>'[^']*')\.$", "“{a}”不是可选值 {b}"),
    (r"^'?(?P<a>[^']*?)'? is not a valid integer( range)?\.$", "“{a}”不是整数"),
    (r"^(?P<a>\S+) is not in the range (?P<b>\S+)\.$", "{a} 不在允许范围 {b} 之内"),
    (r"^'(?P<a>.*)' is not a date \(YYYY-MM-DD\)$", "“{a}”不是日期（应为 YYYY-MM-DD）"),
    (
        r"^(?P<a>\S+) is a date and time; give a date \((?P<b>[^)]+)\)$",
        "{a} 含时间；请给日期（{b}）",
    ),
    (r"^File '(?P<a>[^']+)' is a directory\.$", "“{a}”是文件夹，不是文件"),
    (r"^--config and --no-config cannot be used together$", "--config 和 --no-config 不能同时使用"),
)
