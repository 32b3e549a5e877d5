"""Shared command-line parameters: dates, packs, rule selection, and the config file's values
as defaults the command line overrides. Imports nothing heavy: `--help` stays instant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from taikang_check.cli.bilingual import current_language
from taikang_check.config import Config, ConfigError, find_config, parse_date, read_config

PACK_CHOICES = {"taikang": ("taikang",), "national": ("national",), "all": ("taikang", "national")}
F = TypeVar("F", bound=Callable[..., Any])


class DateParam(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY-MM-DD"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


def lang_option(help: str = "Report language.") -> Callable[[F], F]:
    """--lang, unset unless given (the config file, then the system's language decide)."""
    return click.option("--lang", type=click.Choice(["zh", "en"]), help=help)


def rules_option(function: F) -> F:
    """--rules DIR: rule files instead of the built-in packs."""
    return click.option(
        "--rules",
        "rules_dir",
        type=click.Path(),
        help="Folder of rule files (or one rule file) to use instead of the built-in packs.",
    )(function)


def pack_option(function: F) -> F:
    """--pack taikang|national|all."""
    return click.option(
        "--pack",
        type=click.Choice(list(PACK_CHOICES)),
        default="all",
        show_default=True,
        help="Built-in rule pack: the county plan, the national standard, or both.",
    )(function)


def encoding_option(function: F) -> F:
    return click.option(
        "--encoding", help="Force the text encoding of CSV input (default: detect)."
    )(function)


def output_option(function: F) -> F:
    """-o/--output [FORMAT:]PATH, read one way by every command that takes it
    (render/formats.py parse_output)."""
    return click.option(
        "-o",
        "--output",
        "outputs",
        multiple=True,
        metavar="[FORMAT:]PATH",
        help="Also write to a file, e.g. html:report.html; a bare PATH takes the format its "
        "extension names (report.html, report.json), else --format (which then goes to the "
        "file instead of the screen). Repeatable.",
    )(function)


def shared_options(function: F) -> F:
    """The options `audit` and `trend` share: rules, packs, selection, language, input,
    config and debugging."""
    decorators = [
        rules_option,
        pack_option,
        selection_options,
        lang_option(),
        encoding_option,
        click.option(
            "--teaching-points",
            type=click.Choice(["include", "exclude"]),
            default="include",
            show_default=True,
            help="Count teaching points as primary schools in the national "
            "standard's school verdicts and variation coefficients.",
        ),
        config_options,
        click.option("--debug", is_flag=True, help="Show the traceback of internal errors."),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def shared_values(params: dict[str, Any]) -> dict[str, Any]:
    """The values of `shared_options` (after the config file), as AuditOptions and
    TrendOptions name them."""
    return {
        "rules_dir": params["rules_dir"],
        "packs": PACK_CHOICES[params["pack"]],
        "select": tuple(params["select"]),
        "ignore": tuple(params["ignore"]),
        "lang": params["lang"],
        "encoding": params["encoding"],
        "teaching_points": params["teaching_points"] == "include",
        "debug": params["debug"],
        "config_path": params.get("config_path"),
    }


def selection_options(function: F) -> F:
    """--select and --ignore, repeatable and comma-separated."""
    function = click.option(
        "--ignore",
        multiple=True,
        metavar="SELECTOR[,…]",
        help="Leave out these rules (same selectors as --select).",
    )(function)
    return click.option(
        "--select",
        multiple=True,
        metavar="SELECTOR[,…]",
        help="Only these rules: a rule id, an id prefix ending in * (national-cv-*), "
        "a section (三(一)) or a tag (class-size). Repeatable or comma-separated.",
    )(function)


def config_options(function: F) -> F:
    """--config FILE and --no-config."""
    function = click.option(
        "--no-config",
        is_flag=True,
        help="Ignore taikang-check.toml and [tool.taikang-check] in pyproject.toml.",
    )(function)
    return click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False),
        help="Read settings from this file instead of the nearest taikang-check.toml "
        "or pyproject.toml.",
    )(function)


def with_config(params: dict[str, Any], keys: frozenset[str]) -> dict[str, Any]:
    """The parameters, where the command line left one at its default, from the config file.

    `keys` are the parameter names the command takes from a config (by their Python name).
    A bad or unreadable config file is a usage error (exit 2) naming the file and key.
    """
    # Here, not at the top: `--help` runs no command and so never needs pathlib.
    from pathlib import Path

    ctx = click.get_current_context()
    config_file, no_config = params.pop("config_file", None), params.pop("no_config", False)
    if config_file and no_config:
        raise click.UsageError("--config and --no-config cannot be used together")
    try:
        config: Config | None = None
        if config_file:
            config = read_config(Path(config_file))
        elif not no_config:
            config = find_config(Path.cwd())
    except ConfigError as error:  # said in the user's language (--lang, else the locale)
        raise click.UsageError(error.message(current_language())) from None
    if config is None:
        return params
    merged = dict(params)
    merged["config_path"] = str(config.path)  # read by the run: outputs never replace it
    for name, value in config.values.items():
        if name in keys and ctx.get_parameter_source(name) in (
            ParameterSource.DEFAULT,
            ParameterSource.DEFAULT_MAP,
            None,
        ):
            merged[name] = value
    return merged
