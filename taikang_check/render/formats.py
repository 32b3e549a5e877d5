"""Every output format, by name, and the one way reports reach a stream or a file.

A renderer is `render(report, stream, options)`; its module is imported only when asked for,
so `--help` and a JSON run never pay for rich. The names themselves are in
`format_names.py`, which the command line reads without importing this module.
"""

from __future__ import annotations

import importlib
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from taikang_check.problems import Problem, ProblemCode, ProblemsFound
from taikang_check.render.files import write_atomically, write_bytes_atomically
from taikang_check.render.format_names import BINARY, BY_SUFFIX, FORMATS

if TYPE_CHECKING:
    from taikang_check.report.model import Report


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "zh"
    max_findings: int = 20  # per rule, in the terminal report
    verbose: bool = False  # every finding, not just the first max_findings
    quiet: bool = False  # only the summary and what fails
    school_pages: bool = False  # the HTML report: a page per school with its findings
    by_township: bool = False  # the workbook: a sheet per township too


Renderer = Callable[["Report", TextIO, RenderOptions], None]


def renderer(name: str) -> Renderer:
    module, _, function = FORMATS[name].partition(":")
    return cast(Renderer, getattr(importlib.import_module(module), function))


@dataclass(frozen=True)
class Output:
    format: str
    path: str | None  # None: standard output


# `xlsx:r.xlsx` names a format (a word before the colon); `C:\\r.html` names a drive.
_FORMAT_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9_-]+$")


def parse_output(spec: str, default_format: str, formats: Sequence[str] = ()) -> Output:
    """`html:report.html` (a format and a path), or a bare PATH: the format its extension
    names (BY_SUFFIX) when the command has it, else `default_format` (the command's --format).
    `audit` and `trend` read `-o` this one way.

    A word before a colon that is not one of `formats` (every format by default) is a usage
    error naming them, never a file literally named `xlsx:r.xlsx`.
    """
    known = tuple(formats) or tuple(FORMATS)
    name, colon, path = spec.partition(":")
    if colon and name in known:
        return Output(name, path)
    if colon and _FORMAT_PREFIX.match(name):
        what = "-o " + "|".join(known) + ":PATH"
        raise ProblemsFound(
            [Problem(ProblemCode.BAD_ARGUMENT, detail={"what": what, "value": name})]
        )
    by_suffix = BY_SUFFIX.get(Path(spec).suffix.lower())
    return Output(by_suffix if by_suffix in known else default_format, spec)


def check_outputs(
    outputs: Sequence[Output], inputs: Sequence[str], read: Sequence[str] = ()
) -> None:
    """Refuse before any work an output that would overwrite a file the run reads (data,
    `read`: rule files and the config file) or that is not a regular file or a new path (a
    device, a pipe or a folder is never replaced)."""
    given = {os.path.realpath(p) for p in (*inputs, *read)}
    problems = []
    for item in outputs:
        if item.path is None:
            continue
        target = os.path.realpath(item.path)
        if target in given:
            problems.append(Problem(ProblemCode.OUTPUT_IS_INPUT, file=item.path))
        elif os.path.lexists(item.path) and not _regular(item.path):
            problems.append(
                Problem(
                    ProblemCode.UNWRITABLE_OUTPUT,
                    file=item.path,
                    detail={"reason": "not a regular file (a device, a pipe or a folder)"},
                )
            )
        elif Path(target).is_dir() or not Path(target).parent.is_dir():
            problems.append(
                Problem(
                    ProblemCode.UNWRITABLE_OUTPUT,
                    file=item.path,
                    detail={"reason": "not a file in an existing folder"},
                )
            )
    if problems:
        raise ProblemsFound(problems)


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def files_read(rules_dir: str | None, config_path: str | None) -> list[str]:
    """The rule files and the config file a run reads: outputs never replace them."""
    read = [config_path] if config_path else []
    if rules_dir:
        root = Path(rules_dir)
        candidates = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
        read += [str(p) for p in candidates if p.suffix.lower() in (".yaml", ".yml")]
    return read


def write(report: Report, item: Output, stream: TextIO, options: RenderOptions) -> None:
    if item.format in BINARY:
        module, _, function = FORMATS[item.format].partition(":")
        make = cast(
            "Callable[[Report, RenderOptions], bytes]",
            getattr(importlib.import_module(module), function),
        )
        if item.path is None:
            raise ProblemsFound(
                [Problem(ProblemCode.BAD_ARGUMENT, detail={"what": "-o xlsx:PATH", "value": "-"})]
            )
        write_bytes_atomically(Path(item.path), make(report, options))
        return
    render = renderer(item.format)
    if item.path is None:
        render(report, stream, options)
        stream.flush()
        return
    write_atomically(Path(item.path), lambda out: render(report, out, options))
