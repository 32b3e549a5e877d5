"""One meaning for the marks of the trend on every row: ↑ better than the year before, ↓ worse
(green and red where there is colour). A higher score or coverage is better; fewer failing
schools or classes (due or not) is better; a larger coefficient of variation is worse."""

from __future__ import annotations

from rich.text import Text

from taikang_check.render.sheet import clean

BETTER, WORSE = "better", "worse"
MARKS = {BETTER: "↑", WORSE: "↓"}
STYLES = {BETTER: "green", WORSE: "red"}


def change(before: float | None, now: float | None, higher_is_better: bool) -> str:
    """BETTER, WORSE, or "" (no change, or nothing to compare)."""
    if before is None or now is None or before == now:
        return ""
    return BETTER if (now > before) == higher_is_better else WORSE


def marked(text: str, how: str, bold: bool = False) -> Text:
    item = Text(clean(text), style="bold" if bold else "")
    if how:
        item.append(" " + MARKS[how], style=STYLES[how])
    return item
