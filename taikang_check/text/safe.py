"""Text from outside (cells, names, paths, rule files) made safe for a terminal or a log: the
one function every place that writes text for people applies to it."""

from __future__ import annotations

import re

# C0 and C1 controls (tab aside), DEL, and the Unicode line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_line(text: str) -> str:
    """One line, with every control character shown as an escape (`\\x1b`, `\\n`): an ANSI
    sequence is never sent, and a newline inside a name cannot forge a line of its own."""
    return _UNSAFE.sub(_visible, text)


# Spaces that show as spaces (the ideographic space of Chinese text, a no-break space).
_SPACES = frozenset("\u3000\u00a0")


def visible(text: str, keep_spaces: bool = True) -> str:
    """`text` with every character that prints as nothing or moves the cursor (a byte-order
    mark, a zero-width space, an escape …) written as its Python escape (`\\ufeff`). Spaces
    other than U+0020 stay as they are unless `keep_spaces` is false (a header's trailing
    no-break space is invisible, and is why it did not match)."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or (keep_spaces and c in _SPACES) else repr(c)[1:-1] for c in text
    )
