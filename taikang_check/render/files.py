"""Writing a report or a template to a file: whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO


def write_atomically(path: Path, fill: Callable[[TextIO], None]) -> None:
    """Text through `fill`, UTF-8 with LF line ends."""

    def write(handle: int) -> None:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            fill(out)

    _replace(path, write)


def write_bytes_atomically(path: Path, data: bytes) -> None:
    def write(handle: int) -> None:
        with os.fdopen(handle, "wb") as out:
            out.write(data)

    _replace(path, write)


def _replace(path: Path, write: Callable[[int], None]) -> None:
    """Write to a temporary file beside `path`, then rename: a reader, a crash or Ctrl-C never
    sees half a file."""
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:  # a read-only folder: name the file asked for, not our .tmp
        raise OSError(error.errno, error.strerror, str(path)) from None
    try:
        write(handle)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; reports are not
        os.replace(temporary, path)
    except OSError as error:  # a full disk names no file: name the one being written
        Path(temporary).unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(path)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
