"""How the text reports name a rule: its title first, in the report's language, then its id,
quieter. A reader reads the title; the id is there to look the rule up (`explain`, `--select`),
so it follows the title and never leads a line where the title exists. The HTML report does
the same with its `.rule-id` span."""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text

from taikang_check.text.safe import safe_line

SEPARATOR = " · "
ID_STYLE = "dim"


class RuleLine(NamedTuple):
    """A line about one rule, before a report names the rule: its id, its title in the
    report's language, and the text that follows the name (starting with its own separator,
    ": …" or " · …")."""

    rule_id: str
    title: str
    text: str


def terminal_name(title: str, rule_id: str, style: str = "") -> Text:
    """`title · id`, the title in `style`, the id dim. Titles can come from a user's rule
    files, so their control characters are shown, never sent."""
    name = Text()
    name.append(safe_line(title), style=style)  # a span: what follows keeps its own style
    name.append(SEPARATOR + rule_id, style=ID_STYLE)
    return name


def plain_name(title: str, rule_id: str) -> str:
    """`title · id` where no style can be shown (`explain`, an annotation's title)."""
    return f"{title}{SEPARATOR}{rule_id}"


def markdown_name(escaped_title: str, rule_id: str) -> str:
    """`title` then the id as code. A rule id is lowercase letters, digits and hyphens (the
    rule files' schema), so it needs no escaping inside a code span."""
    return f"{escaped_title} `{rule_id}`"
