"""`--help` laid out by display width (cli/help_format.py): a Chinese character takes two
terminal columns, so in Chinese help every option's description starts at the same column,
and no line runs past the terminal's width."""

from __future__ import annotations

import re
import unicodedata

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from taikang_check.cli.help_format import NO_LINE_START, cells, wrap_cells
from taikang_check.cli.main import main

COMMANDS = ["", *sorted(main.commands)]  # "" is the group itself
WIDTH = 80


def display_width(text: str) -> int:
    """Columns on a terminal, counted independently of the code under test."""
    return sum(1 + (unicodedata.east_asian_width(c) in ("W", "F")) for c in text)


def help_text(command: str, lang: str) -> str:
    args = [command, "--help", "--lang", lang] if command else ["--help"]
    env = {"COLUMNS": str(WIDTH), "LANG": "en_US.UTF-8" if lang == "en" else "zh_CN.UTF-8"}
    result = CliRunner().invoke(main, args, env=env, prog_name="taikang-check")
    assert result.exit_code == 0, result.output
    return result.stdout


# A term (an option and its placeholder, or a command), two spaces or more, a description.
_TERM = re.compile(r"^(?P<before>  \S+(?: \S+)*? {2,})\S")


def description_columns(text: str) -> list[int]:
    """The display column where each description starts, in the options' and commands'
    lists: after a term and two spaces or more, or on a line of its own below a long term."""
    columns = []
    listing = False
    for line in text.splitlines():
        if re.fullmatch(r"(选项|命令|Options|Commands)[：:]", line):
            listing = True
            continue
        if not listing or not line.strip():
            continue
        term = _TERM.match(line)
        if term:
            columns.append(display_width(term.group("before")))
        elif line.startswith("   "):  # a description's next line, or one below a long term
            columns.append(display_width(line) - display_width(line.lstrip()))
    return columns


def listings(text: str) -> list[str]:
    """The help page cut into its lists (options, commands), each judged on its own."""
    return re.split(r"\n(?=(?:选项|命令|Options|Commands)[：:]\n)", text)[1:]


@pytest.mark.parametrize("command", COMMANDS)
def test_chinese_help_aligns_every_description(command: str) -> None:
    text = help_text(command, "zh")
    for listing in listings(text):
        columns = description_columns(listing)
        assert columns, listing
        assert len(set(columns)) == 1, listing


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", COMMANDS)
def test_help_fits_the_terminal(command: str, lang: str) -> None:
    long = [
        line
        for line in help_text(command, lang).splitlines()
        if display_width(line) > WIDTH and " " in line.strip()  # one unbreakable token may
    ]
    assert long == []


def test_a_wide_metavar_no_longer_shifts_its_description() -> None:
    """`--max-findings 整数` was two columns short by click's count of characters."""
    lines = help_text("audit", "zh").splitlines()
    starts = {
        display_width(found.group("before"))
        for line in lines
        if line.startswith(("  --max-findings ", "  --as-of ")) and (found := _TERM.match(line))
    }
    assert len(starts) == 1, starts


def test_wrapping_keeps_sections_and_brackets_whole() -> None:
    text = "只核查这些规则：条款（三(一)）或标签（class-size）。 [默认：error]"
    for width in range(12, 40):
        lines = wrap_cells(text, width)
        assert all("三(一)" in line for line in lines if "三" in line)
        assert any("[默认：error]" in line for line in lines)
        assert not any(line and line[0] in NO_LINE_START for line in lines)


_PIECES = st.sampled_from(
    ["国", "家", "标", "准", "，", "。", "（", "）", "三(一)", " ", "  ", "national-cv-*", "a"]
)


@given(st.lists(_PIECES, max_size=60).map("".join), st.integers(min_value=4, max_value=50))
def test_wrapped_lines_fit_and_lose_no_text(text: str, width: int) -> None:
    lines = wrap_cells(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert cells(line) == display_width(line)
        # a line wider than the width holds one piece that cannot be broken
        assert display_width(line) <= width or " " not in line.strip()
