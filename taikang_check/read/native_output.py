"""What a native library writes to the process's stderr is kept off the user's terminal.

A Rust panic inside calamine reaches Python as an exception (and becomes a problem), but
Rust's panic hook first prints the panic and a backtrace straight to file descriptor 2.
While a library reads a workbook, descriptor 2 points at the null device.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def quiet_native_stderr() -> Iterator[None]:
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no descriptor 2 (a GUI, a test harness)
        yield
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 2)
        finally:
            os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
