"""Lines of terminal text gathered and printed in one go: printing line by line through rich
costs a few milliseconds each, which long reports cannot afford."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

# Control characters from the data (ESC, CSI …) must not reach a terminal as commands.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    return _CONTROL.sub("\ufffd", text)


class Sheet:
    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[Text] = []

    def heading(self, title: str) -> None:
        """A rule across the width with the title in the middle."""
        side = max(self.width - cell_len(title) - 2, 2)
        text = Text("─" * (side // 2) + " ", style="dim")
        text.append(title, style="bold")
        text.append(" " + "─" * (side - side // 2), style="dim")
        self.lines.append(text)

    def line(self, text: str | Text, style: str = "") -> None:
        self.lines.append(text if isinstance(text, Text) else Text(clean(text), style=style))

    def rows(self, rows: list[list[str]], styles: list[str] | None = None, indent: int = 2) -> None:
        """Aligned columns (CJK counted double width); the last column is left ragged.
        `styles` colours the first cell of each row."""
        if not rows:
            return
        widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        for index, row in enumerate(rows):
            text = Text(" " * indent)
            row = [clean(cell) for cell in row]
            for i, cell in enumerate(row[:-1]):
                style = styles[index] if styles and i == 0 else ""
                text.append(cell + " " * (widths[i] - cell_len(cell) + 2), style=style)
            text.append(row[-1])
            text.rstrip()
            self.lines.append(text)

    def print(self, console: Console) -> None:
        # soft_wrap: long lines are left whole (a log or a file wants them so; a terminal wraps).
        console.print(Text("\n").join(self.lines), soft_wrap=True)
