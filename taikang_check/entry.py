"""The console script: answers --version without loading the command line's libraries."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from taikang_check import __version__

        sys.stdout.write(f"taikang-check, version {__version__}\n")
        return
    from taikang_check.cli.main import main as cli_main

    cli_main()
