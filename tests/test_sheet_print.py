"""The terminal sheet writes its lines itself (rich took seconds for a national report): what it
writes must be what rich's `Console.print` writes for the same lines, byte for byte, on a
pipe, on a colour terminal and under NO_COLOR."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from taikang_check.render.sheet import Sheet, aligned

STYLES = ["", "bold", "dim", "red", "bold red", "green", "yellow", "magenta", "italic blue"]
WORDS = st.text(alphabet="ab 中文\t\n─·", max_size=8)
CONSOLES = [
    {"force_terminal": False, "color_system": None, "no_color": False},
    {"force_terminal": True, "color_system": "standard", "no_color": False},
    {"force_terminal": True, "color_system": "truecolor", "no_color": False},
    {"force_terminal": True, "color_system": "256", "no_color": True},
]


def console(stream: io.StringIO, kind: dict[str, object]) -> Console:
    return Console(file=stream, width=40, highlight=False, soft_wrap=False, emoji=False, **kind)  # type: ignore[arg-type]


@st.composite
def texts(draw: st.DrawFn) -> Text:
    text = Text(draw(WORDS), style=draw(st.sampled_from(STYLES)))
    for _ in range(draw(st.integers(0, 3))):
        text.append(draw(WORDS), style=draw(st.sampled_from(STYLES)))
    if draw(st.booleans()):
        text.stylize(
            draw(st.sampled_from(STYLES[1:])), draw(st.integers(0, 5)), draw(st.integers(0, 12))
        )
    return text


CELLS = st.one_of(WORDS, texts())


def printed_by_rich(lines: list[Text], kind: dict[str, object]) -> str:
    stream = io.StringIO()
    console(stream, kind).print(Text("\n").join(lines), soft_wrap=True)
    return stream.getvalue()


def printed(sheet: Sheet, kind: dict[str, object]) -> str:
    stream = io.StringIO()
    sheet.print(console(stream, kind))
    return stream.getvalue()


@settings(max_examples=150, deadline=None)
@given(
    title=WORDS,
    lines=st.lists(st.tuples(CELLS, st.sampled_from(STYLES)), max_size=4),
    rows=st.lists(st.lists(CELLS, min_size=3, max_size=3), max_size=4),
    first=st.lists(st.sampled_from(STYLES), min_size=4, max_size=4),
    kind=st.sampled_from(CONSOLES),
)
def test_a_sheet_prints_what_rich_prints(
    title: str,
    lines: list[tuple[str | Text, str]],
    rows: list[list[str | Text]],
    first: list[str],
    kind: dict[str, object],
) -> None:
    sheet = Sheet(40)
    expected: list[Text] = []
    # The heading as rich drew it: a dim rule with the bold title inside.
    sheet.heading(title)
    clean_title = title.replace("\n", "\\x0a")
    side = max(40 - Text(clean_title).cell_len - 2, 2)
    rule = Text("─" * (side // 2) + " ", style="dim")
    rule.append(clean_title, style="bold")
    rule.append(" " + "─" * (side - side // 2), style="dim")
    expected.append(rule)
    for cell, style in lines:
        sheet.line(cell, style)
        expected.append(
            cell if isinstance(cell, Text) else Text(cell.replace("\n", "\\x0a"), style=style)
        )
    sheet.rows(rows, first)
    expected += aligned(
        [
            [
                c
                if isinstance(c, Text)
                else Text(c.replace("\n", "\\x0a"), style=first[r] if i == 0 else "")
                for i, c in enumerate(row)
            ]
            for r, row in enumerate(rows)
        ]
    )
    assert printed(sheet, kind) == printed_by_rich(expected, kind)


def test_the_comparison_sees_colour() -> None:
    """Guard: on a colour console the sheet writes escape codes, on a pipe none."""
    sheet = Sheet(40)
    sheet.line("不合格", style="bold red")
    assert "\x1b[1;31m不合格\x1b[0m" in printed(sheet, CONSOLES[1])
    assert printed(sheet, CONSOLES[0]) == "不合格\n"


def test_an_empty_sheet_prints_one_empty_line_as_rich_does() -> None:
    assert printed(Sheet(40), CONSOLES[1]) == printed_by_rich([], CONSOLES[1]) == "\n"


def test_a_long_line_ending_in_spaces_prints_as_the_installed_rich_prints_it() -> None:
    """rich before 14 drops white space beyond the width even without wrapping; later ones
    keep it. Either way the sheet writes what the installed rich writes."""
    sheet = Sheet(40)
    long_line = "中" * 30 + "  "
    sheet.line(long_line, style="bold")
    sheet.rows([["x", Text("\t\t\t\t\t"), Text("")]])
    expected = [
        Text(long_line, style="bold"),
        *aligned([[Text("x"), Text("\t\t\t\t\t"), Text("")]]),
    ]
    for kind in CONSOLES:
        assert printed(sheet, kind) == printed_by_rich(expected, kind)
