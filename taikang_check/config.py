"""Settings from `taikang-check.toml` or `[tool.taikang-check]` in `pyproject.toml`.

The nearest one from the current folder up to the filesystem root is used; in one folder a
`taikang-check.toml` beats a `pyproject.toml`, and a `pyproject.toml` without the table is
passed over. Values are checked here, so a mistake names the file and the key.
"""

from __future__ import annotations

import datetime as dt
import errno
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from taikang_check.commands.exit_codes import FailOn
from taikang_check.render.format_names import FORMATS

if TYPE_CHECKING:  # paths come from the caller: `--help` does without pathlib
    from pathlib import Path

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


# What can be wrong with a config file, in Chinese and English (placeholders from the error).
CONFIG_TEXT = {
    "unreadable": ("无法读取：{reason_zh}", "cannot be read: {reason}"),
    "too_deep": ("嵌套层数过多，不是配置文件", "nested too deeply to be a config file"),
    "not_toml": ("不是有效的 TOML：{reason_zh}", "not valid TOML: {reason}"),
    "not_table": ("“{key}”必须是一个表（[{key}]）", "{key} must be a table"),
    "unknown_key": ("没有这个键：“{key}”{hint_zh}", "unknown key {key!r}{hint}"),
    "not_one_of": ("“{value}”不是可选值之一：{choices}", "{value!r} is not one of {choices}"),
    "not_date": ("“{value}”不是日期（应为 YYYY-MM-DD）", "{value!r} is not a date (YYYY-MM-DD)"),
    "date_time": (
        "{value} 含时间；请只给日期（2025-09-01）",
        "{value} is a date and time; give a date (2025-09-01)",
    ),
    "not_selectors": (
        "“{value}”不是规则选择器（字符串）或其列表",
        "{value!r} is not a list of rule selectors (strings)",
    ),
    "not_folder": ("“{value}”不是文件夹名", "{value!r} is not a folder name"),
}
_OS_REASON_ZH = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有读取权限",
    errno.EISDIR: "这是文件夹，不是文件",
}
_TOML_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


class BadValue(ValueError):
    """A config value a key may not take: what is wrong (a key of CONFIG_TEXT) and the
    value, as the error message's fields."""

    def __init__(self, problem: str, value: Any, **fields: str) -> None:
        self.problem = problem
        self.fields = {"value": value, **fields}
        super().__init__(CONFIG_TEXT[problem][1].format(**self.fields))


class ConfigError(Exception):
    """A config file that cannot be read, or a key or value it may not have: names the file
    and the key, in either language (`message`); str() is the English."""

    def __init__(self, problem: str, path: Path, key: str | None = None, **fields: Any) -> None:
        self.problem = problem
        self.path = path
        self.key = key
        self.fields = fields
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        zh = lang != "en"
        fields = {"key": self.key or "", **self.fields}
        text = CONFIG_TEXT[self.problem][0 if zh else 1].format(**fields)
        if self.key is not None and self.problem != "unknown_key" and self.problem != "not_table":
            text = (f"键“{self.key}”：" if zh else f"key {self.key!r}: ") + text
        return f"{self.path}{'：' if zh else ': '}{text}"


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
    # Imported here: every run looks for a config, few find one, and `--help` stays instant.
    import tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        reason = str(error.strerror or error)
        reason_zh = _OS_REASON_ZH.get(error.errno or 0, f"系统错误 {error.errno}")
        raise ConfigError("unreadable", path, reason=reason, reason_zh=reason_zh) from None
    except RecursionError:  # tomllib recurses once per nesting level: 5,000 `[` is no config
        raise ConfigError("too_deep", path) from None
    except UnicodeDecodeError as error:
        raise ConfigError(
            "not_toml", path, reason=str(error), reason_zh="不是 UTF-8 编码的文本"
        ) from None
    except tomllib.TOMLDecodeError as error:
        where = _TOML_WHERE.search(str(error))
        reason_zh = f"第 {where[1]} 行第 {where[2]} 列有语法错误" if where else "有语法错误"
        raise ConfigError("not_toml", path, reason=str(error), reason_zh=reason_zh) from None


def _tool_table(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    tool = data.get("tool")
    table = tool.get(TABLE) if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError("not_table", path, f"tool.{TABLE}")
    return table


def _choice(*choices: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, str) or value not in choices:
            raise BadValue("not_one_of", value, choices=", ".join(choices))
        return value

    return check


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise BadValue("date_time", value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError:
            raise BadValue("not_date", value) from None
    raise BadValue("not_date", value)


def _selectors(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise BadValue("not_selectors", value)


def _keys() -> dict[str, tuple[str, Callable[[Any], Any]]]:
    """Config key → (parameter name, check-and-convert)."""

    def folder(value: Any) -> str:
        if not isinstance(value, str) or not value:
            raise BadValue("not_folder", value)
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
            import difflib  # only for a wrong key: not on the way of every run

            close = difflib.get_close_matches(key, list(keys), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; keys: {', '.join(keys)}"
            hint_zh = f"（是否要用“{close[0]}”？）" if close else f"；可用的键：{', '.join(keys)}"
            raise ConfigError("unknown_key", path, shown, hint=hint, hint_zh=hint_zh)
        name, convert = keys[key]
        try:
            values[name] = convert(value)
        except BadValue as error:
            raise ConfigError(error.problem, path, shown, **error.fields) from None
    if "rules_dir" in values:  # relative to the config file, not to where the tool runs
        values["rules_dir"] = str(path.parent / values["rules_dir"])
    return values
