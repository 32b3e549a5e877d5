"""`--help` laid out by display width, not by characters.

click measures and wraps help by characters, but a Chinese character takes two columns of a
terminal: `--max-findings 整数` pushed its description two columns right of the others, and a
Chinese description, having no spaces to break at, ran past the edge. This formatter measures
East Asian wide and full-width characters (unicodedata W and F) as two columns, aligns the
option column by that width, and wraps Chinese text between characters. Help with no wide
character is left to click, so English help is exactly click's.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

import click
from click.formatting import wrap_text

# A line never starts with closing punctuation, nor ends with opening punctuation (禁则).
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…%,.;:?!)]")
NO_LINE_END = frozenset("（《「『【〔〈“‘([")


def cells(text: str) -> int:
    """Columns `text` takes on a terminal: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _tokens(text: str) -> Iterator[str]:
    """Runs of white space and the text between them, cut between two wide characters: a
    line may break at white space or between Chinese characters, never inside an English
    word, an option, a file name or a section such as 三(一)."""
    run = ""
    for char in text:
        if run and (char.isspace() != run[-1].isspace() or (_is_wide(char) and _is_wide(run[-1]))):
            yield run
            run = ""
        run += char
    if run:
        yield run


def _units(text: str) -> list[str]:
    """Tokens glued so that no line starts with closing or ends with opening punctuation,
    and click's bracketed notes (`[默认：error]`) break at their spaces only."""
    units: list[str] = []
    depth = 0  # inside [ … ]
    for token in _tokens(text):
        glue = units and not token.isspace() and not units[-1].isspace()
        punctuated = glue and (token[0] in NO_LINE_START or units[-1][-1] in NO_LINE_END)
        if punctuated or (glue and depth > 0):
            units[-1] += token
        else:
            units.append(token)
        depth = max(depth + token.count("[") - token.count("]"), 0)
    return units


def wrap_cells(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns (a unit wider than that gets a line of its own),
    broken at white space or between wide characters; white space at a break is dropped."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used, space = "", 0, ""
        for unit in _units(paragraph):
            if unit.isspace():
                space = unit if line else ""
                continue
            size = cells(unit)
            if line and used + cells(space) + size > width:
                lines.append(line)
                line, used = unit, size
            else:
                line, used = line + space + unit, used + cells(space) + size
            space = ""
        lines.append(line)
    return lines


def _has_wide(text: str) -> bool:
    return any(_is_wide(char) for char in text)


def _wrap(text: str, width: int) -> list[str]:
    if not _has_wide(text):
        return wrap_text(text, width, preserve_paragraphs=True).splitlines()
    return wrap_cells(text, width)


class CellHelpFormatter(click.HelpFormatter):
    """click's help layout, measured in terminal columns."""

    def write_text(self, text: str) -> None:
        if not _has_wide(text):
            super().write_text(text)
            return
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 11)
        for line in _wrap(text, width):
            self.write(f"{indent}{line}".rstrip() + "\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        if not any(_has_wide(term + text) for term, text in rows):
            super().write_dl(rows, col_max, col_spacing)
            return
        first = min(max((cells(term) for term, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        hanging = " " * (first + self.current_indent)
        for term, text in rows:
            self.write(f"{indent}{term}")
            if not text:
                self.write("\n")
                continue
            if cells(term) <= first - col_spacing:
                self.write(" " * (first - cells(term)))
            else:  # a long term: the description starts on the next line, in the column
                self.write("\n" + hanging)
            lines = _wrap(text, max(self.width - first - 2, 10)) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{hanging}{line}\n")


class CellContext(click.Context):
    """The context of every command: its help goes through CellHelpFormatter."""

    formatter_class = CellHelpFormatter
