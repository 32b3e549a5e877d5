"""`taikang-check template`: blank tables for schools and the bureau to fill in, generated
from the data contract: headers, one example row, and (xlsx) drop-down lists and a sheet
explaining every column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from taikang_check import output
from taikang_check.audit_command import report_problems
from taikang_check.exit_codes import ExitCode
from taikang_check.problems import Problem, ProblemCode, ProblemsFound
from taikang_check.renderers import write_atomically
from taikang_check.schema import TABLES, Column, ColumnType, TableSchema

EXAMPLES = {
    "school_id": "4116270001",
    "county": "太康县",
    "name": "城关回族镇第一小学",
    "township": "城关回族镇",
    "students": "850",
    "classes": "18",
    "opened": "2001-09-01",
    "grade": "一年级",
    "class_name": "1班",
    "indicator": "学前三年毛入园率",
    "year": "2025",
    "value": "93.5",
    "principal_rank": "3",
}
BY_TYPE = {
    ColumnType.TEXT: "",
    ColumnType.COUNT: "0",
    ColumnType.BOOL: "否",
    ColumnType.DATE: "",
    ColumnType.GRADE: "一年级",
    ColumnType.YEAR: "2025",
    ColumnType.NUMBER: "",
}
FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass(frozen=True)
class TemplateOptions:
    format: str = "xlsx"
    lang: str = "zh"
    directory: str = "."
    force: bool = False


def safe_cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def example(column: Column, lang: str) -> str:
    if column.name in EXAMPLES:
        return EXAMPLES[column.name]
    if column.values:
        value = column.values[0]
        return value.zh if lang == "zh" else value.code
    if column.type is ColumnType.BOOL:
        return "否" if lang == "zh" else "no"
    return BY_TYPE[column.type]


def _header(column: Column, lang: str) -> str:
    return column.zh if lang == "zh" else column.name


def run_template(options: TemplateOptions) -> int:
    directory = Path(options.directory)
    names = (
        [f"{t.name}.csv" for t in TABLES]
        if options.format == "csv"
        else ["taikang-check-template.xlsx"]
    )
    targets = [directory / name for name in names]
    problems = []
    if not directory.is_dir():
        problems.append(
            Problem(
                ProblemCode.UNWRITABLE_OUTPUT,
                file=str(directory),
                detail={"reason": "not a folder"},
            )
        )
    elif not options.force:
        problems += [
            Problem(
                ProblemCode.UNWRITABLE_OUTPUT,
                file=str(target),
                detail={"reason": "exists (use --force to replace it)"},
            )
            for target in targets
            if target.exists()
        ]
    if problems:
        report_problems(ProblemsFound(problems), options.lang, heading=False)
        return ExitCode.CANNOT_RUN
    if options.format == "csv":
        for table, target in zip(TABLES, targets, strict=True):
            _write_csv(table, target, options.lang)
    else:
        from taikang_check.template_xlsx import write_xlsx

        write_xlsx(targets[0], options.lang)
    for target in targets:
        output.write(f"{target}\n")
    return ExitCode.OK


def _write_csv(table: TableSchema, target: Path, lang: str) -> None:
    import csv

    def fill(stream: object) -> None:
        stream.write("\ufeff")  # type: ignore[attr-defined]  # Excel reads UTF-8 with a BOM
        writer = csv.writer(stream, lineterminator="\r\n")  # type: ignore[arg-type]
        writer.writerow([safe_cell(_header(c, lang)) for c in table.columns])
        writer.writerow([safe_cell(example(c, lang)) for c in table.columns])

    write_atomically(target, fill)
