"""The command line: parse arguments and dispatch to `commands/`; nothing else.

May import: `commands/` (lazily, inside each command, so `--help` stays instant), `config`,
`problems`, click. Nothing below `commands/` imports this package.
"""

from __future__ import annotations

from taikang_check.cli.main import main

__all__ = ["main"]
