"""Lines of terminal text gathered and printed in one go: printing line by line through rich
costs a few milliseconds each, which long reports cannot afford.

A national report has tens of thousands of lines, and even one `Console.print` of them all
spent seconds in rich's wrapping (which soft wrap then leaves undone) and in building a `Text`
per cell. So a sheet keeps its lines as plain text with style spans (`Line`) and writes them
itself, styled exactly as rich writes a `Text` (`print`): the same escape codes at the same
places, with or without colour, so that a report is byte for byte what rich printed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate, pairwise
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import COLOR_SYSTEMS, WINDOWS, Console
from rich.style import Style
from rich.text import Span, Text

from taikang_check.text.safe import safe_line

StyleSpec = str | Style
SpanTuple = tuple[int, int, StyleSpec]
# rich's Windows writes stay under this many characters (a bug of the Windows console).
_WINDOWS_WRITE = 32 * 1024 // 4


def clean(text: str) -> str:
    """Control characters from the data (ESC, CSI, a newline …) never reach a terminal as
    commands: each is shown as an escape (the same rule as every other output)."""
    return safe_line(text)


class Line(NamedTuple):
    """One line of a sheet: its text (already clean) and its styled spans, in the order rich
    stacks them (a later span's style goes over an earlier one's where both apply)."""

    plain: str
    spans: tuple[SpanTuple, ...] = ()


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


def _own_spans(text: Text) -> tuple[SpanTuple, ...]:
    """A Text's spans with its own style first, over the whole of it, as rich joins it."""
    spans = tuple((s.start, s.end, s.style) for s in text.spans)
    return ((0, len(text), text.style), *spans) if text.style else spans


def _cell(cell: str | Text, style: str) -> Line:
    if isinstance(cell, Text):
        return Line(cell.plain, _own_spans(cell))
    plain = clean(cell)
    return Line(plain, ((0, len(plain), style),) if style else ())


def _aligned_lines(rows: list[list[Line]], indent: int) -> list[Line]:
    """`aligned` without a Text per cell: the same text and the same spans."""
    if not rows:
        return []
    widths = [max(cell_len(row[i].plain) for row in rows) for i in range(len(rows[0]) - 1)]
    last = len(rows[0]) - 1
    lines = []
    for row in rows:
        parts = [" " * indent]
        spans: list[SpanTuple] = []
        offset = indent
        for i, (plain, cell_spans) in enumerate(row):
            spans += [(offset + start, offset + end, style) for start, end, style in cell_spans]
            parts.append(plain)
            offset += len(plain)
            if i < last:
                pad = widths[i] - cell_len(plain) + 2
                parts.append(" " * pad)
                offset += pad
        plain = "".join(parts).rstrip()
        end = len(plain)
        lines.append(
            Line(plain, tuple((s, min(e, end), style) for s, e, style in spans if s < end))
        )
    return lines


class Sheet:
    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[Line | Text] = []

    def heading(self, title: str) -> None:
        """A rule across the width with the title in the middle."""
        title = clean(title)
        side = max(self.width - cell_len(title) - 2, 2)
        left = "─" * (side // 2) + " "
        right = " " + "─" * (side - side // 2)
        start, end = len(left), len(left) + len(title)
        plain = left + title + right
        # The dim of the whole line under the title's bold, as a Text styled dim that the
        # title and the right-hand rule are appended to.
        spans = ((0, len(plain), "dim"), (start, end, "bold"), (end, len(plain), "dim"))
        self.lines.append(Line(plain, spans))

    def line(self, text: str | Text, style: str = "") -> None:
        self.lines.append(text if isinstance(text, Text) else _cell(text, style))

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
            [_cell(cell, styles[index] if styles and i == 0 else "") for i, cell in enumerate(row)]
            for index, row in enumerate(rows)
        ]
        self.lines += _aligned_lines(cells, indent)

    def print(self, console: Console) -> None:
        width, tab_size = console.width, console.tab_size  # each a look at the terminal
        # Each line as rich prints it: cut at its newlines, its tabs expanded.
        lines = [piece for line in self.lines for piece in _pieces(_as_line(line), tab_size)]
        if not _writes_as_rich_does(console) or any(_may_be_cropped(line, width) for line in lines):
            # soft_wrap: long lines are left whole (a log or a file wants them so).
            console.print(Text("\n").join(map(_as_text, self.lines)), soft_wrap=True)
            return
        paint = _painter(console)
        text = "\n".join(_rendered(line, paint) for line in lines) + "\n"
        try:
            _write(console, text)
        except BrokenPipeError:
            console.on_broken_pipe()  # what rich does when the reader left (`| head`)
        except UnicodeEncodeError as error:
            error.reason += (
                "\n*** You may need to add PYTHONIOENCODING=utf-8 to your environment ***"
            )
            raise


def _as_line(line: Line | Text) -> Line:
    return line if isinstance(line, Line) else Line(line.plain, _own_spans(line))


def _as_text(line: Line | Text) -> Text:
    if isinstance(line, Text):
        return line
    return Text(line.plain, spans=[Span(*span) for span in line.spans])


def _writes_as_rich_does(console: Console) -> bool:
    """Whether `print` may write the console's text itself: not for consoles that record,
    stay quiet, style everything, or draw through Jupyter or the legacy Windows console."""
    return not (
        console.quiet
        or console.record
        or console.is_jupyter
        or console.legacy_windows
        or console.style is not None
    )


def _may_be_cropped(line: Line, width: int) -> bool:
    """A line longer than the console ending in white space: rich before 14 drops the white
    space beyond the width even when it does not wrap, so such a sheet is left to rich."""
    return len(line.plain) > width and line.plain[-1].isspace()


def _write(console: Console, text: str) -> None:
    stream = console.file
    if WINDOWS and len(text) > _WINDOWS_WRITE:
        batch: list[str] = []
        size = 0
        for piece in text.splitlines(True):
            if size + len(piece) > _WINDOWS_WRITE and batch:
                stream.write("".join(batch))
                batch, size = [], 0
            batch.append(piece)
            size += len(piece)
        stream.write("".join(batch))
    else:
        stream.write(text)
    stream.flush()


Painter = Callable[[tuple[StyleSpec, ...], str], str] | None


def _painter(console: Console) -> Painter:
    """How a piece of text under these styles is written: None where nothing is styled (no
    terminal: rich writes no escape code at all)."""
    system = console.color_system
    if system is None:
        return None
    color_system = COLOR_SYSTEMS[system]
    no_color = console.no_color
    null = Style.null()
    styles: dict[tuple[StyleSpec, ...], Style] = {}

    def paint(key: tuple[StyleSpec, ...], piece: str) -> str:
        style = styles.get(key)
        if style is None:
            style = Style.combine([null, *(console.get_style(s, default=null) for s in key)])
            if no_color:
                style = style.without_color
            styles[key] = style
        return style.render(piece, color_system=color_system) if style else piece

    return paint


def _rendered(line: Line, paint: Painter) -> str:
    return line.plain if paint is None else _painted(line, paint)


def _pieces(line: Line, tab_size: int) -> list[Line]:
    """rich splits a text at its newlines before it expands tabs and styles each line."""
    if "\n" in line.plain or "\t" in line.plain:
        return _split(line, tab_size)
    return [line]


def _split(line: Line, tab_size: int) -> list[Line]:
    plains = line.plain.split("\n")
    starts = list(accumulate((len(p) + 1 for p in plains[:-1]), initial=0))
    # Each span goes to the pieces it overlaps, in the spans' order: one pass over the spans,
    # not one per piece (the remedy section is one text of thousands of lines and spans).
    spans: list[list[Span]] = [[] for _ in plains]
    for s, e, style in line.spans:
        first = max(bisect_right(starts, s) - 1, 0)
        for index in range(first, len(plains)):
            start = starts[index]
            if start >= e:
                break
            end = start + len(plains[index])
            if min(e, end) > max(s, start):
                spans[index].append(Span(max(s, start) - start, min(e, end) - start, style))
    pieces = []
    for plain, own in zip(plains, spans, strict=True):
        if "\t" in plain:
            text = Text(plain, spans=own)
            text.expand_tabs(tab_size)
            pieces.append(_as_line(text))
        else:
            pieces.append(Line(plain, tuple((s.start, s.end, s.style) for s in own)))
    return pieces


def _painted(line: Line, paint: Painter) -> str:
    """The line as rich renders a Text: cut at every span's start and end, each piece
    written under the styles of the spans over it, combined in their order."""
    plain, spans = line
    if paint is None or not spans:
        return plain
    size = len(plain)
    cuts = sorted(
        {0, size, *(min(s, size) for s, _, _ in spans), *(min(e, size) for _, e, _ in spans)}
    )
    out = []
    for start, end in pairwise(cuts):
        key = tuple(style for s, e, style in spans if s <= start and e >= end)
        piece = plain[start:end]
        out.append(paint(key, piece) if key else piece)
    return "".join(out)
