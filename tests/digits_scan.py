"""Numbers in report text with more digits than their kind allows (text/numbers.py's rule):
a percentage at most two decimals; any other number at most two decimals, except a value
shown against its limit, which keeps up to six where two would show it equal to a limit it
differs from (a CV of 0.4504 against 0.45); and never a trailing zero, so a count is never
written 12.0 and no float noise survives as 0.30000000000000004 or 56.00. Reusable for every
text report (terminal, Markdown, JUnit, JSON messages, HTML text)."""

from __future__ import annotations

import re

# ASCII boundaries: a number is often written right after a Chinese word (比例99.41%).
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(\d+)(?:\.(\d+))?(?!\.?\d)(?![A-Za-z_])(%)?")
COMPARED_DECIMALS = 6
# Not numbers of the report's own: versions, dates, times, file rows, codes.
_SKIP = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?"  # dates and times
    r"|taikang-check\s+\S+|\"version\":\s*\"[^\"]*\""  # the version
    r"|\d+\.\d+\.\d+"  # versions and other dotted codes
    r"|<\?xml[^>]*\?>"  # the XML declaration
    r"|[\w.-]+\.(?:csv|xlsx|json|html|xml|md):\d+"  # file:row
)


def too_many_digits(text: str) -> list[str]:
    """Each number that breaks the rule, with its line."""
    bad = []
    for line in text.splitlines():
        plain = _SKIP.sub(" ", line)
        numbers = [(m, float(f"{m[1]}.{m[2] or 0}")) for m in NUMBER.finditer(plain)]
        values = [v for _, v in numbers]
        for match, value in numbers:
            decimals = len(match.group(2) or "")
            if match.group(2) and match.group(2).endswith("0"):
                bad.append(f"{match.group(0)!r} in {line.strip()!r}")
                continue
            if match.group(3):
                allowed = 2
            elif any(round(value, 2) == other != value for other in values):
                allowed = COMPARED_DECIMALS
            else:
                allowed = 2
            if decimals > allowed:
                bad.append(f"{match.group(0)!r} in {line.strip()!r}")
    return bad
