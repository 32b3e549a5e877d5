"""`taikang-check validate`: read and check data files without auditing them."""

from __future__ import annotations

from taikang_check.commands import output
from taikang_check.commands.audit import report_problems
from taikang_check.commands.exit_codes import ExitCode
from taikang_check.problems import ProblemsFound
from taikang_check.read.dataset import load_dataset
from taikang_check.text.problem_texts import describe_problem, header_list


def run_validate(paths: tuple[str, ...], lang: str, encoding: str | None) -> int:
    """0 when every file reads as a table of the contract (warnings are printed), 2 when not."""

    try:
        dataset = load_dataset(list(paths), encoding)
    except ProblemsFound as found:
        report_problems(found, lang, heading=False)
        return ExitCode.CANNOT_RUN
    zh = lang == "zh"
    for item in dataset.files:
        where = f"{item.path} [{item.sheet}]" if item.sheet else item.path
        output.line(f"{where}: {item.table}, {item.rows} {'行' if zh else 'rows'}")
        if item.unknown_columns:
            label = "未识别的列" if zh else "columns not in the contract"
            output.line(f"  {label}: {header_list(item.unknown_columns)}")
    for path, sheet in dataset.skipped_sheets:
        output.line(f"{path} [{sheet}]: {'已跳过（不是数据表）' if zh else 'skipped (no table)'}")
    for problem in dataset.notes:
        output.line("  " + describe_problem(problem, lang))
    output.line("数据可以核查。" if zh else "The data can be audited.")
    return ExitCode.OK
