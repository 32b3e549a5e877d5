"""A status line on stderr while a large audit runs, and only on a terminal.

Shown when the inputs total more than PROGRESS_BYTES, stderr is a terminal and the run is not
--quiet; never in a pipe, a file or a CI log, so JSON and CI output stay clean. The line is
erased when the work is done, before the report is written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import TextIO

PROGRESS_BYTES = 50 * 1024 * 1024

Status = Callable[[str], None]  # sets the text of the line


def input_bytes(paths: Iterable[str]) -> int:
    """The inputs' total size; files that cannot be looked at count 0 (the audit says why)."""
    total = 0
    for path in paths:
        with suppress(OSError):
            total += os.stat(path).st_size
    return total


def is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except (ValueError, OSError):  # a closed or detached stream
        return False


def wants_progress(stream: TextIO, total_bytes: int, quiet: bool = False) -> bool:
    return (
        not quiet
        and total_bytes > PROGRESS_BYTES
        and is_terminal(stream)
        and os.environ.get("TERM") != "dumb"
    )


def megabytes(total_bytes: int) -> str:
    return f"{total_bytes / 1024 / 1024:.0f} MB"


@contextmanager
def status_line(stream: TextIO, text: str, enabled: bool) -> Iterator[Status]:
    """A spinner, the text and the time taken, while the block runs (when `enabled`)."""
    if not enabled:
        yield lambda _text: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(file=stream, force_terminal=True, no_color="NO_COLOR" in os.environ)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(text, total=None)
        yield lambda new: progress.update(task, description=new, refresh=True)
