"""Lines of terminal text gathered and printed in one go: printing line by line through rich
costs a few milliseconds each, which long reports cannot afford."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from taikang_check.text.safe import safe_line


def clean(text: str) -> str:
    """Control characters from the data (ESC, CSI, a newline …) never reach a terminal as
    commands: each is shown as an escape (the same rule as every other output)."""
    return safe_line(text)


def aligned(rows: list[list[Text]], indent: int = 2) -> list[Text]:
    """Aligned columns (CJK counted double width); the last column is left ragged."""
    if not rows:
        return []
    widths = [max(cell_len(row[i].plain) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        line = Text(" " * indent)
        for i, item in enumerate(row[:-1]):
            line.append_text(item)
            line.append(" " * (widths[i] - cell_len(item.plain) + 2))
        line.append_text(row[-1])
        line.rstrip()
        lines.append(line)
    return lines


class Sheet:
    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[Text] = []

    def heading(self, title: str) -> None:
        """A rule across the width with the title in the middle."""
        title = clean(title)
        side = max(self.width - cell_len(title) - 2, 2)
        text = Text("─" * (side // 2) + " ", style="dim")
        text.append(title, style="bold")
        text.append(" " + "─" * (side - side // 2), style="dim")
        self.lines.append(text)

    def line(self, text: str | Text, style: str = "") -> None:
        self.lines.append(text if isinstance(text, Text) else Text(clean(text), style=style))

    def rows(
        self,
        rows: Sequence[Sequence[str | Text]],
        styles: list[str] | None = None,
        indent: int = 2,
    ) -> None:
        """Aligned columns (CJK counted double width); the last column is left ragged.
        `styles` colours the first cell of each row. A cell given as Text keeps its own
        styles (its text must already be clean)."""
        cells = [
            [
                cell
                if isinstance(cell, Text)
                else Text(clean(cell), style=styles[index] if styles and i == 0 else "")
                for i, cell in enumerate(row)
            ]
            for index, row in enumerate(rows)
        ]
        self.lines += aligned(cells, indent)

    def print(self, console: Console) -> None:
        # soft_wrap: long lines are left whole (a log or a file wants them so; a terminal wraps).
        console.print(Text("\n").join(self.lines), soft_wrap=True)
