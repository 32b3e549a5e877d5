"""`taikang-check template`: blank tables for schools and the bureau to fill in, generated
from the data contract: headers, one example row, and (xlsx) drop-down lists and a sheet
explaining every column."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

from taikang_check.commands import output
from taikang_check.commands.audit import as_problems, report_problems
from taikang_check.commands.exit_codes import ExitCode
from taikang_check.commands.template_xlsx import write_xlsx
from taikang_check.contract.tables import TABLES, TableSchema
from taikang_check.contract.template import example, header_text, safe_cell
from taikang_check.problems import Problem, ProblemCode, ProblemsFound
from taikang_check.render.files import write_atomically


@dataclass(frozen=True)
class TemplateOptions:
    format: str = "xlsx"
    lang: str = "zh"
    directory: str = "."
    force: bool = False


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
    else:
        problems += [
            Problem(
                ProblemCode.UNWRITABLE_OUTPUT,
                file=str(target),
                detail={"reason": "not a regular file (a device, a pipe or a folder)"},
            )
            for target in targets
            if os.path.lexists(target) and not target.is_file()
        ]
    if not problems and not options.force:
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
    try:
        if options.format == "csv":
            for table, target in zip(TABLES, targets, strict=True):
                _write_csv(table, target, options.lang)
        else:
            write_xlsx(targets[0], options.lang)
    except OSError as error:  # a read-only folder, a full disk: said, never a traceback
        report_problems(as_problems(error, debug=False), options.lang, heading=False)
        return ExitCode.CANNOT_RUN
    for target in targets:
        output.line(str(target))
    return ExitCode.OK


def _write_csv(table: TableSchema, target: Path, lang: str) -> None:
    def fill(stream: object) -> None:
        stream.write("\ufeff")  # type: ignore[attr-defined]  # Excel reads UTF-8 with a BOM
        writer = csv.writer(stream, lineterminator="\r\n")  # type: ignore[arg-type]
        writer.writerow([safe_cell(header_text(c, lang)) for c in table.columns])
        writer.writerow([safe_cell(example(c, lang)) for c in table.columns])

    write_atomically(target, fill)
