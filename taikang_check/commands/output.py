"""The one place output goes through, so tests can swap the streams, and where all text from
outside (cells, names, paths, rule files) is made safe for a terminal or a CI log: a control
character (an ANSI escape, a bell, a carriage return) is shown as an escape, never sent, and a
line is one line: a newline inside a file name cannot forge a line of its own."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from taikang_check.text.safe import safe_line

_out: TextIO | None = None
_err: TextIO | None = None


def stdout() -> TextIO:
    return _out or sys.stdout


def stderr() -> TextIO:
    return _err or sys.stderr


def reader_left() -> None:
    """The reader of standard output closed it early (`| head`): the rest goes nowhere, and
    Python's flush at exit must not fail on the closed pipe."""
    if _out is None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def write(text: str) -> None:
    """Lines to standard output: each line of `text` is made safe on its own."""
    stdout().write("\n".join(safe_line(line) for line in text.split("\n")))


def line(text: str) -> None:
    """One line to standard output; a newline inside it is shown, not obeyed."""
    stdout().write(safe_line(text) + "\n")


def error(text: str) -> None:
    """One line to standard error; a newline inside it is shown, not obeyed."""
    stream = stderr()
    stream.write(safe_line(text.removesuffix("\n")) + "\n")
    stream.flush()


@contextmanager
def captured(out: TextIO, err: TextIO | None = None) -> Iterator[None]:
    """Send everything to `out` (and `err`) while the block runs."""
    global _out, _err
    saved = (_out, _err)
    _out, _err = out, err if err is not None else out
    try:
        yield
    finally:
        _out, _err = saved
