"""Settings from `taikang-check.toml` or `[tool.taikang-check]` in `pyproject.toml`.

The nearest one from the current folder up to the filesystem root is used; in one folder a
`taikang-check.toml` beats a `pyproject.toml`, and a `pyproject.toml` without the table is
passed over. Values are checked here, so a mistake names the file and the key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from taikang_check.commands.exit_codes import FailOn
from taikang_check.render.formats import FORMATS

CONFIG_NAME = "taikang-check.toml"
PYPROJECT = "pyproject.toml"
TABLE = "taikang-check"  # [tool.taikang-check]


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(text: str) -> dt.date:
    """2025-09-01, 2025/9/1, 2025.9.1 or 2025年9月1日; ValueError otherwise."""
    match = _DATE.match(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)") from None


class ConfigError(Exception):
    """A config file that cannot be read, or a key or value it may not have."""


@dataclass(frozen=True)
class Config:
    path: Path
    values: dict[str, Any] = field(default_factory=dict)  # by the commands' parameter names


def find_config(start: Path) -> Config | None:
    """The nearest config at or above `start`, read and checked; None when there is none."""
    for folder in (start, *start.parents):
        own = folder / CONFIG_NAME
        if own.is_file():
            return read_config(own)
        project = folder / PYPROJECT
        if project.is_file():
            table = _tool_table(project, _parse(project))
            if table is not None:
                return Config(project, _values(project, table, "tool.taikang-check."))
    return None


def read_config(path: Path) -> Config:
    """One file given by name: a pyproject.toml's [tool.taikang-check] table, or the whole
    file."""
    data = _parse(path)
    if path.name == PYPROJECT:
        table = _tool_table(path, data)
        return Config(path, _values(path, table or {}, "tool.taikang-check."))
    return Config(path, _values(path, data, ""))


def _parse(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror or error}") from None
    except RecursionError:  # tomllib recurses once per nesting level: 5,000 `[` is no config
        raise ConfigError(f"{path}: nested too deeply to be a config file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def _tool_table(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    tool = data.get("tool")
    table = tool.get(TABLE) if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: tool.{TABLE} must be a table")
    return table


def _choice(*choices: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, str) or value not in choices:
            raise ValueError(f"{value!r} is not one of {', '.join(choices)}")
        return value

    return check


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(f"{value} is a date and time; give a date (2025-09-01)")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)")


def _selectors(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise ValueError(f"{value!r} is not a list of rule selectors (strings)")


def _keys() -> dict[str, tuple[str, Callable[[Any], Any]]]:
    """Config key → (parameter name, check-and-convert)."""

    def folder(value: Any) -> str:
        if not isinstance(value, str) or not value:
            raise ValueError(f"{value!r} is not a folder name")
        return value

    def teaching(value: Any) -> str:
        if isinstance(value, bool):
            return "include" if value else "exclude"
        return str(_choice("include", "exclude")(value))

    return {
        "as-of": ("as_of", _date),
        "pack": ("pack", _choice("taikang", "national", "all")),
        "select": ("select", _selectors),
        "ignore": ("ignore", _selectors),
        "fail-on": ("fail_on", _choice(*(f.value for f in FailOn))),
        "lang": ("lang", _choice("zh", "en")),
        "rules": ("rules_dir", folder),
        "format": ("fmt", _choice(*FORMATS)),
        "teaching-points": ("teaching_points", teaching),
    }


def _values(path: Path, table: dict[str, Any], prefix: str) -> dict[str, Any]:
    keys = _keys()
    values: dict[str, Any] = {}
    for key, value in table.items():
        shown = f"{prefix}{key}"
        if key not in keys:
            close = difflib.get_close_matches(key, list(keys), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; keys: {', '.join(keys)}"
            raise ConfigError(f"{path}: unknown key {shown!r}{hint}")
        name, convert = keys[key]
        try:
            values[name] = convert(value)
        except ValueError as error:
            raise ConfigError(f"{path}: key {shown!r}: {error}") from None
    if "rules_dir" in values:  # relative to the config file, not to where the tool runs
        values["rules_dir"] = str(path.parent / values["rules_dir"])
    return values
