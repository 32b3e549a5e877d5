"""The one place output goes through, so tests can swap the streams."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

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
    stdout().write(text)


def error(text: str) -> None:
    stream = stderr()
    stream.write(text if text.endswith("\n") else text + "\n")
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
