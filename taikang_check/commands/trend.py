"""`taikang-check trend 2023/ 2024/ 2025/`: the audit of each school year's folder, compared
rule by rule (how many rows failed or lacked data each year).

Every folder goes through the same `api.audit` call as `taikang-check audit`, with the same
rules. A folder's CSV and XLSX files are its inputs (hidden files, Excel's `~$` lock files
and other files are left out). A folder whose name starts with a year (`2023`, `2023-2024`,
`2023学年`) is audited as of 31 August of the next year, the end of that school year;
another name is audited as of today; `--as-of` sets one date for all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from taikang_check.api import audit, selected_rules
from taikang_check.commands import output
from taikang_check.commands.audit import as_problems, report_problems
from taikang_check.commands.exit_codes import ExitCode
from taikang_check.commands.progress import input_bytes, megabytes, status_line, wants_progress
from taikang_check.problems import Problem, ProblemCode, ProblemsFound
from taikang_check.render.files import write_atomically
from taikang_check.render.formats import Output, check_outputs, files_read, parse_output
from taikang_check.render.html.trend import render_trend_html
from taikang_check.render.trend import render_json as trend_json
from taikang_check.render.trend import render_terminal as trend_terminal
from taikang_check.report.trend import Counts, Trend, Year
from taikang_check.rulebook.loader import PACKS
from taikang_check.rulebook.model import Rule

YEAR = re.compile(r"^((?:19|20)\d{2})(?!\d)")
INPUT_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xlsb", ".xls", ".et", ".ods")
TREND_FORMATS = ("terminal", "json", "html")


@dataclass(frozen=True)
class TrendOptions:
    folders: tuple[str, ...]
    as_of: dt.date | None = None  # None: by the folder's name
    rules_dir: str | None = None
    packs: tuple[str, ...] = PACKS
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str = "zh"
    encoding: str | None = None
    teaching_points: bool = True
    format: str = "terminal"
    outputs: tuple[str, ...] = ()  # "html:trend.html", "json:trend.json" or a bare path
    verbose: bool = False  # every rule, not only those that failed or lacked data some year
    debug: bool = False
    config_path: str | None = None  # the config file the settings came from


def school_year_end(name: str, today: dt.date) -> dt.date:
    """31 August after the year a folder's name starts with (2023 → 2024-08-31), else today."""
    match = YEAR.match(name.strip())
    return dt.date(int(match.group(1)) + 1, 8, 31) if match else today


def year_inputs(folder: str) -> list[str]:
    """The CSV and XLSX files of one year's folder, by name."""
    path = Path(folder)
    if not path.exists():
        raise ProblemsFound([Problem(ProblemCode.FILE_NOT_FOUND, file=folder)])
    if not path.is_dir():
        detail = {"what": "trend", "hint": "not-a-folder"}
        raise ProblemsFound([Problem(ProblemCode.BAD_ARGUMENT, value=folder, detail=detail)])
    files = sorted(
        str(p)
        for p in path.iterdir()
        if p.suffix.lower() in INPUT_SUFFIXES and not p.name.startswith((".", "~$")) and p.is_file()
    )
    if not files:
        detail = {"what": "trend", "hint": "no-inputs"}
        raise ProblemsFound([Problem(ProblemCode.BAD_ARGUMENT, value=folder, detail=detail)])
    return files


def _label(folder: str) -> str:
    return Path(folder).resolve().name or folder


def collect(
    options: TrendOptions,
    inputs: list[list[str]],
    say: Callable[[str, int], None] | None = None,
) -> Trend:
    """Audit every folder (`inputs` are its files) and keep the counts of each rule."""
    today = dt.date.today()
    labels = [_label(folder) for folder in options.folders]
    if len(set(labels)) < len(labels):  # two folders of one name: tell them apart by path
        labels = list(options.folders)
    years: list[Year] = []
    rules: tuple[Rule, ...] = ()
    # One reading of the rule files for every year: the same rules judge each of them.
    loaded = selected_rules(options.rules_dir, options.packs, options.select, options.ignore)
    for index, (folder, files) in enumerate(zip(options.folders, inputs, strict=True)):
        if say is not None:
            say(labels[index], index)
        as_of = options.as_of or school_year_end(labels[index], today)
        report = audit(
            files,
            as_of=as_of,
            encoding=options.encoding,
            teaching_points=options.teaching_points,
            rules=loaded,
        )
        counts = {
            r.rule.id: Counts(r.status, r.evaluated, r.failed, r.unknown, r.pending)
            for r in report.rules
        }
        years.append(
            Year(
                labels[index],
                folder,
                as_of,
                tuple(files),
                report.score,
                counts,
                verdict=report.verdict,
                assessed=report.assessed,
                applicable=report.applicable,
                township_variation=report.township_variation,
            )
        )
        rules = rules or tuple(r.rule for r in report.rules)
    return Trend(tuple(years), rules)


def _targets(options: TrendOptions) -> list[tuple[str, str | None]]:
    """(format, path) of every report; the main format to stdout unless a file takes it."""
    # As `audit` reads -o: FORMAT:PATH, or a bare PATH by its extension, else --format.
    extra: list[tuple[str, str | None]] = [
        (item.format, item.path)
        for item in (parse_output(spec, options.format, TREND_FORMATS) for spec in options.outputs)
    ]
    main_to_file = any(fmt == options.format for fmt, _ in extra)
    return ([] if main_to_file else [(options.format, None)]) + extra


def write_trend(trend: Trend, fmt: str, path: str | None, lang: str, verbose: bool) -> None:
    """One format of the trend to the screen (path None) or to a file."""

    def render(stream: TextIO) -> None:
        if fmt == "json":
            trend_json(trend, stream, lang)
        elif fmt == "html":
            render_trend_html(trend, stream, lang)
        else:
            trend_terminal(trend, stream, lang, verbose)

    if path is None:
        render(output.stdout())
        output.stdout().flush()
    else:
        write_atomically(Path(path), render)


def run_trend(options: TrendOptions) -> int:
    zh = options.lang != "en"
    try:
        inputs = [year_inputs(folder) for folder in options.folders]
        targets = _targets(options)
        every = [f for files in inputs for f in files]
        read = files_read(options.rules_dir, options.config_path)
        check_outputs([Output(fmt, path) for fmt, path in targets], every, read)
        size = input_bytes(every)
        show = wants_progress(output.stderr(), size)
        total = len(options.folders)
        first = (
            f"逐年核查（{megabytes(size)}）…" if zh else f"Auditing by year ({megabytes(size)})…"
        )
        with status_line(output.stderr(), first, show) as update:

            def say(label: str, index: int) -> None:
                update(
                    f"核查 {label}（{index + 1}/{total}）…"
                    if zh
                    else f"Auditing {label} ({index + 1}/{total})…"
                )

            trend = collect(options, inputs, say)
        for fmt, path in targets:
            write_trend(trend, fmt, path, options.lang, options.verbose)
    except Exception as error:  # never a bare traceback
        report_problems(as_problems(error, options.debug), options.lang)
        return ExitCode.CANNOT_RUN
    return ExitCode.OK
