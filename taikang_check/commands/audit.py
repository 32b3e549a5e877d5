"""`taikang-check audit`: run the audit, render the report, return the exit code."""

from __future__ import annotations

import datetime as dt
import traceback
from dataclasses import dataclass

from taikang_check.api import audit
from taikang_check.commands import output
from taikang_check.commands.exit_codes import ExitCode, FailOn, exit_code_for
from taikang_check.commands.progress import input_bytes, megabytes, status_line, wants_progress
from taikang_check.problems import Problem, ProblemCode, ProblemsFound
from taikang_check.render.formats import (
    Output,
    RenderOptions,
    check_outputs,
    files_read,
    parse_output,
    write,
)
from taikang_check.text.problem_texts import describe_problem


@dataclass(frozen=True)
class AuditOptions:
    paths: tuple[str, ...]
    as_of: dt.date | None = None
    rules_dir: str | None = None
    format: str = "terminal"
    fail_on: FailOn = FailOn.ERROR
    lang: str = "zh"
    encoding: str | None = None
    max_findings: int = 20
    debug: bool = False
    packs: tuple[str, ...] = ("taikang", "national")
    teaching_points: bool = True
    outputs: tuple[str, ...] = ()  # "html:report.html" or "report.html" (the main format)
    verbose: bool = False
    quiet: bool = False
    school_pages: bool = False  # the HTML report's page per school (--html-schools)
    by_township: bool = False  # the workbook: a sheet per township too
    select: tuple[str, ...] = ()  # rule selectors (rulebook/selection.py)
    ignore: tuple[str, ...] = ()
    config_path: str | None = None  # the config file the settings came from

    def targets(self) -> list[Output]:
        """Where each report goes: the main format to stdout unless an output names a file
        for it; every --output to its file."""
        extra = [parse_output(spec, self.format) for spec in self.outputs]
        main_to_file = any(item.format == self.format for item in extra)
        return ([] if main_to_file else [Output(self.format, None)]) + extra


def run_audit(options: AuditOptions) -> int:
    try:
        targets = options.targets()
        check_outputs(targets, options.paths, files_read(options.rules_dir, options.config_path))
        size = input_bytes(options.paths)
        show = wants_progress(output.stderr(), size, options.quiet)
        text = f"核查 {len(options.paths)} 个文件（{megabytes(size)}）…"
        if options.lang == "en":
            text = f"Auditing {len(options.paths)} files ({megabytes(size)})…"
        with status_line(output.stderr(), text, show):
            report = audit(
                list(options.paths),
                as_of=options.as_of,
                rules_dir=options.rules_dir,
                packs=options.packs,
                encoding=options.encoding,
                teaching_points=options.teaching_points,
                select=options.select,
                ignore=options.ignore,
                class_sizes=any(t.format == "html" for t in targets),
            )
        render_options = RenderOptions(
            lang=options.lang,
            max_findings=options.max_findings,
            verbose=options.verbose,
            quiet=options.quiet,
            school_pages=options.school_pages,
            by_township=options.by_township,
        )
        for target in targets:
            try:
                write(report, target, output.stdout(), render_options)
            except BrokenPipeError:
                if target.path is not None:
                    raise
                output.reader_left()  # `| head`: a quiet end, with the audit's own status
    except Exception as error:  # never a bare traceback
        report_problems(as_problems(error, options.debug), options.lang)
        return ExitCode.CANNOT_RUN
    return exit_code_for(report, options.fail_on)


def as_problems(error: Exception, debug: bool) -> ProblemsFound:
    """Why a command could not run: its own problems, an output that could not be written,
    or a bug of ours said plainly (the traceback only with --debug)."""
    if isinstance(error, ProblemsFound):
        return error
    if isinstance(error, OSError):
        return ProblemsFound(
            [
                Problem(
                    ProblemCode.UNWRITABLE_OUTPUT,
                    file=getattr(error, "filename", None),
                    detail={"reason": error.strerror or str(error)},
                )
            ]
        )
    if debug:
        for text in traceback.format_exc().splitlines():
            output.error(text)
    return ProblemsFound(
        [Problem(ProblemCode.INTERNAL_ERROR, detail={"reason": repr(error)[:300]})]
    )


def report_problems(found: ProblemsFound, lang: str, heading: bool = True) -> None:
    """Every problem on its own line on stderr, under a heading for the audit."""
    if heading:
        output.error("无法完成核查：" if lang == "zh" else "The audit could not run:")
    for problem in found.problems:
        output.error("  " + describe_problem(problem, lang))
        hint = describe_hint(problem, lang)
        if hint:
            output.error("    " + hint)
    for code, count in sorted(found.omitted.items()):
        output.error(
            f"  [{code.value}] 另有 {count} 处同类问题未列出"
            if lang == "zh"
            else f"  [{code.value}] {count} more of the same not listed"
        )


# Lines under a `bad-argument` problem, by its detail["hint"]: what is wrong, what was meant.
HINTS = {
    "unknown-selector": (
        "没有与之匹配的规则 id、条款或标签{closest}",
        "matches no rule id, section or tag{closest}",
    ),
    "empty-selection": ("选择后没有剩下任何规则", "the selection leaves no rule to evaluate"),
    "not-a-folder": (
        "不是文件夹：trend 的每个参数是一个学年的文件夹",
        "not a folder: each argument of trend is the folder of one school year",
    ),
    "no-inputs": (
        "文件夹中没有 CSV 或 XLSX 文件",
        "the folder holds no CSV or XLSX file",
    ),
}


def describe_hint(problem: Problem, lang: str) -> str | None:
    texts = HINTS.get(problem.detail.get("hint", ""))
    if texts is None:
        return None
    zh = lang != "en"
    closest = problem.detail.get("closest", "")
    if closest:
        closest = f"；最接近的：{closest}" if zh else f"; closest: {closest}"
    elif problem.detail.get("hint") == "unknown-selector":
        closest = (
            "（taikang-check rules 列出全部规则）"
            if zh
            else " (taikang-check rules lists them all)"
        )
    return (texts[0] if zh else texts[1]).format(closest=closest)
