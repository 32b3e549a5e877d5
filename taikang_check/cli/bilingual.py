"""Help and usage errors in the user's language: `--lang`, else the config file, else the
locale (an English locale gives English), else Simplified Chinese.

click writes its help and errors in English; these classes write them through the words of
`cli/words.py` instead, so a statistician never meets an English line, while `--lang en`
stays complete.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import Any

import click

from taikang_check.cli.help_format import CellContext
from taikang_check.cli.words import CLICK_ZH, FRAME, HELP_ZH, METAVAR_ZH
from taikang_check.commands import output
from taikang_check.config import CONFIG_NAME, PYPROJECT, ConfigError, find_config

LANGS = ("zh", "en")
# Help texts by their English with white space folded (docstrings are wrapped and dedented).
_HELP = {" ".join(en.split()): zh for en, zh in HELP_ZH.items()}
_LANG_OPTION = re.compile(r"^--lang(?:=(?P<value>.*))?$")
# A placeholder stands alone: between spaces, quotes or the ends of its text.
_METAVAR = re.compile(
    r"(?<![\w\[])("
    + "|".join(re.escape(m) for m in sorted(METAVAR_ZH, key=len, reverse=True))
    + r")(?![\w\]])"
)


def metavars(text: str, lang: str) -> str:
    """FILES..., PATH, [OPTIONS] … as 文件..., 路径, [选项] in Chinese."""
    if lang == "en":
        return text
    return _METAVAR.sub(lambda match: METAVAR_ZH[match.group(1)], text)


def locale_language(environ: dict[str, str] | None = None) -> str:
    """en when the locale says English; zh otherwise (C, POSIX, unset and Chinese included)."""
    environ = dict(os.environ) if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def configured_language() -> str | None:
    """The `lang` of the nearest config file, if it sets one (a bad config is said later)."""
    # pathlib only where there may be a config: `--help` elsewhere stays instant.
    try:
        if not _config_may_be_near(os.getcwd()):
            return None
        from pathlib import Path

        config = find_config(Path.cwd())
    except (ConfigError, OSError):
        return None
    value = config.values.get("lang") if config else None
    return value if value in LANGS else None


def _config_may_be_near(start: str) -> bool:
    """Whether a file `find_config` would read lies in `start` or a folder above it."""
    folder = os.path.abspath(start)
    while True:
        if any(os.path.isfile(os.path.join(folder, name)) for name in (CONFIG_NAME, PYPROJECT)):
            return True
        parent = os.path.dirname(folder)
        if parent == folder:
            return False
        folder = parent


def language_of(args: Sequence[str]) -> str:
    """The language a command line asks for, before click has parsed it."""
    for index, arg in enumerate(args):
        match = _LANG_OPTION.match(arg)
        if match is None:
            continue
        value = match.group("value")
        if value is None and index + 1 < len(args):
            value = args[index + 1]
        if value in LANGS:
            return value
    return configured_language() or locale_language()


def word(key: str, lang: str) -> str:
    zh, en = FRAME[key]
    return en if lang == "en" else zh


def translate(text: str, lang: str) -> str:
    """A help text or one of click's messages in `lang` (help texts are declared in English)."""
    if lang == "en" or not text:
        return text
    flat = " ".join(text.split())
    if flat in _HELP:
        return _HELP[flat]
    lines = []
    for line in text.split("\n"):
        for pattern, chinese in CLICK_ZH:
            match = re.match(pattern, line)
            if match:
                fields = {k: translate(v or "", lang) for k, v in match.groupdict().items()}
                line = chinese.format(**fields)
                break
        lines.append(line)
    return "\n".join(lines)


def _lang(ctx: click.Context) -> str:
    return str(ctx.meta.get("taikang.lang", "zh"))


def current_language() -> str:
    """The language found for the command line being run (`--lang` given wins over it)."""
    return _lang(click.get_current_context())


def _help_extra(extra: str, lang: str) -> str:
    """`[default: all; x>=1; required]` in the user's language."""
    if lang == "en":
        return extra
    return extra.replace("default: ", word("default", lang)).replace(
        "required", word("required", lang)
    )


def _heading(formatter: click.HelpFormatter, key: str, lang: str) -> None:
    formatter.write_paragraph()
    formatter.write(word(key, lang) + ("：" if lang != "en" else ":") + "\n")


def _usage(ctx: click.Context, lang: str) -> str:
    pieces = " ".join(ctx.command.collect_usage_pieces(ctx))
    gap = " " if lang == "en" else ""
    return f"{word('usage', lang)}{gap}{ctx.command_path} {metavars(pieces, lang)}".rstrip()


def _format_help(
    command: click.Command, ctx: click.Context, formatter: click.HelpFormatter
) -> None:
    """Usage, the command's text and its options, in the user's language."""
    lang = _lang(ctx)
    formatter.write(_usage(ctx, lang) + "\n")
    if command.help:
        formatter.write_paragraph()
        with formatter.indentation():
            for paragraph in translate(command.help, lang).split("\n\n"):
                formatter.write_text(" ".join(paragraph.split()))
    records = []
    for param in command.get_params(ctx):
        record = None if isinstance(param, click.Argument) else param.get_help_record(ctx)
        if record is None:
            continue
        names, text = record
        declared = " ".join((getattr(param, "help", None) or "").split())
        text = " ".join(text.split())
        extra = text[len(declared) :].strip() if text.startswith(declared) else ""
        shown = translate(declared, lang) if declared else ""
        extra = _help_extra(extra, lang)
        records.append((metavars(names, lang), " ".join(p for p in (shown, extra) if p)))
    if records:
        _heading(formatter, "options", lang)
        with formatter.indentation():
            formatter.write_dl(records)


class BilingualCommand(click.Command):
    """A command whose help is written in the user's language, aligned by display width."""

    context_class = CellContext

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _format_help(self, ctx, formatter)


class BilingualGroup(click.Group):
    """The command group: finds the language first, then helps, parses and reports usage
    errors in it."""

    command_class = BilingualCommand
    context_class = CellContext

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["taikang.lang"] = language_of(args)
        return super().parse_args(ctx, args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _format_help(self, ctx, formatter)
        lang = _lang(ctx)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            first = translate(command.help or "", lang).split("\n\n")[0]
            rows.append((name, " ".join(first.split())))
        if rows:
            _heading(formatter, "commands", lang)
            with formatter.indentation():
                formatter.write_dl(rows)

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        """click's main, with usage errors said in the user's language (exit status 2)."""
        standalone = extra.pop("standalone_mode", True)
        argv = list(sys.argv[1:] if args is None else args)
        try:
            return super().main(argv, prog_name, standalone_mode=False, **extra)
        except click.exceptions.UsageError as error:
            _show_usage_error(error, language_of(argv))
            if not standalone:
                raise
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            if not standalone:
                raise
            sys.exit(1)


def _show_usage_error(error: click.exceptions.UsageError, lang: str) -> None:
    """Usage, where to find help, and what is wrong: on stderr, like every problem."""
    ctx = error.ctx
    if ctx is not None:
        output.error(_usage(ctx, lang))
        option = ctx.help_option_names[0]
        output.error(word("try", lang).format(command=ctx.command_path, option=option))
        output.error("")
    message = metavars(translate(error.format_message(), lang), lang)
    for number, text in enumerate(message.split("\n")):
        output.error(word("error", lang).format(message=text) if number == 0 else text)
