"""The xlsx template: one sheet per table with drop-down lists for enum and yes/no columns,
and a sheet that explains every column (all from the data contract)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from taikang_check.contract.tables import TABLES, Column, ColumnType
from taikang_check.contract.template import example, header_text, safe_cell
from taikang_check.render.files import write_bytes_atomically

# A fixed date in the properties (the zip format's epoch): the same template, the same bytes.
TEMPLATE_DATE = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
ROWS_WITH_LISTS = 5000  # drop-downs reach this far down each sheet
GUIDE = {
    "zh": ("填表说明", ["表", "列", "英文列名", "类型", "必填", "可选值", "说明"]),
    "en": ("guide", ["table", "column", "中文表头", "type", "required", "values", "meaning"]),
}


def _choices(column: Column, lang: str) -> list[str]:
    if column.type is ColumnType.BOOL:
        return ["是", "否"] if lang == "zh" else ["yes", "no"]
    return [v.zh if lang == "zh" else v.code for v in column.values]


def write_xlsx(target: Path, lang: str) -> None:
    buffer = io.BytesIO()
    _fill(buffer, lang)
    write_bytes_atomically(target, buffer.getvalue())


def _fill(buffer: io.BytesIO, lang: str) -> None:
    workbook = xlsxwriter.Workbook(buffer, {"strings_to_formulas": False, "in_memory": True})
    workbook.set_properties({"created": TEMPLATE_DATE})
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7"})
    text = workbook.add_format({"num_format": "@"})  # ids stay text, not 4.1e9
    sheets = [(t, workbook.add_worksheet(t.zh if lang == "zh" else t.name)) for t in TABLES]
    # Allowed values live in a hidden sheet: a list typed into the rule is capped at 255 chars.
    lists = workbook.add_worksheet("lists")
    lists.hide()
    used = 0
    for table, sheet in sheets:
        for index, column in enumerate(table.columns):
            sheet.write_string(0, index, header_text(column, lang), bold)
            sheet.write_string(1, index, safe_cell(example(column, lang)), text)
            sheet.set_column(index, index, max(10, len(header_text(column, lang)) * 2), text)
            choices = _choices(column, lang)
            if not choices:
                continue
            lists.write_column(0, used, [safe_cell(c) for c in choices])
            letter = xl_col_to_name(used)
            source = f"=lists!${letter}$1:${letter}${len(choices)}"
            sheet.data_validation(
                1, index, ROWS_WITH_LISTS, index, {"validate": "list", "source": source}
            )
            used += 1
        sheet.freeze_panes(1, 0)
    name, headings = GUIDE["zh" if lang == "zh" else "en"]
    guide = workbook.add_worksheet(name)
    guide.write_row(0, 0, headings, bold)
    row = 1
    for table in TABLES:
        for column in table.columns:
            values = " · ".join(_choices(column, lang))
            about = column.about_zh if lang == "zh" else column.about_en
            cells = [
                table.zh if lang == "zh" else table.name,
                column.zh,
                column.name,
                column.type.value,
                "是" if column.required and lang == "zh" else ("yes" if column.required else ""),
                values,
                about,
            ]
            guide.write_row(row, 0, [safe_cell(c) for c in cells])
            row += 1
    guide.set_column(0, 0, 12)
    guide.set_column(1, 2, 24)
    guide.set_column(5, 6, 60)
    workbook.close()
