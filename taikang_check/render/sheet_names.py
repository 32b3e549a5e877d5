"""Worksheet names Excel accepts, made from data (a township's name): at most 31 characters,
none of [ ] : * ? / \\ or control characters, no apostrophe at either end, not the reserved
"History", and unique without regard to case."""

from __future__ import annotations

import re

LIMIT = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
_RESERVED = frozenset({"history"})


def sheet_name(text: str, used: set[str], blank: str = "_") -> str:
    """A safe name for `text`, not yet in `used` (lower-cased names); it is added to `used`."""
    base = _FORBIDDEN.sub("_", text).strip().strip("'").strip() or blank
    base = base[:LIMIT].rstrip("'") or blank
    name, number = base, 2
    while name.casefold() in used or name.casefold() in _RESERVED:
        suffix = f"~{number}"
        name = base[: LIMIT - len(suffix)] + suffix
        number += 1
    used.add(name.casefold())
    return name
