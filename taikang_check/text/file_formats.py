"""What a file is when it is no table, or a workbook refused for safety: the names of formats
and the advice (wrong-format, unsupported-format, malformed-workbook, too-large)."""

from __future__ import annotations

from taikang_check.problems import Problem
from taikang_check.text.reasons import reason_text

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


def format_fields(problem: Problem, lang: str = "zh") -> dict[str, str]:
    """The placeholders of the file-format problems, from the keys in their detail."""
    detail = problem.detail
    names = FORMAT_TEXT.get(detail.get("format", ""), ("此格式", "this format", "", ""))
    why = MALFORMED_TEXT.get(detail.get("why", ""), ("", ""))
    part, reason = detail.get("part", ""), reason_text(detail.get("reason", ""), lang)
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
