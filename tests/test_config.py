"""taikang-check.toml and [tool.taikang-check]: found upwards, checked key by key, and always
overridden by the command line."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import CLASSES_ZH, SCHOOLS_ZH, CliRun, school_row, write_table

from taikang_check.config import Config, ConfigError, find_config, read_config


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path/project with a planned school designed for 2400 students (a failing
    warning rule, school-size) and a class of 60 (large-class, an error rule due 2024-09-01)."""
    project = tmp_path / "project"
    header = [*SCHOOLS_ZH, "办学状态", "设计规模"]
    write_table(project, "schools.csv", header, [[*school_row("S1", 2400), "规划", 2400]])
    write_table(project, "classes.csv", CLASSES_ZH, [["S1", 1, "1班", 60]])
    monkeypatch.chdir(project)
    return project


def report(stdout: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(stdout)
    return data


# --- finding the file -----------------------------------------------------------------------


def test_nearest_config_wins_and_own_file_beats_pyproject(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    above = find_config(deep)  # whatever the machine has above tmp_path, if anything
    assert above is None or tmp_path not in above.path.parents
    write(tmp_path / "taikang-check.toml", 'lang = "en"\n')
    write(tmp_path / "a" / "pyproject.toml", "[project]\nname = 'x'\n")  # no table: passed over
    assert find_config(deep) == Config(tmp_path / "taikang-check.toml", {"lang": "en"})
    write(tmp_path / "a" / "b" / "pyproject.toml", '[tool.taikang-check]\npack = "national"\n')
    found = find_config(deep)
    assert found == Config(tmp_path / "a" / "b" / "pyproject.toml", {"pack": "national"})
    write(tmp_path / "a" / "b" / "taikang-check.toml", 'fail-on = "warning"\n')
    found = find_config(deep)
    assert found == Config(tmp_path / "a" / "b" / "taikang-check.toml", {"fail_on": "warning"})


def test_every_key_and_its_value(tmp_path: Path) -> None:
    path = write(
        tmp_path / "conf" / "taikang-check.toml",
        """
as-of = 2025-09-01
pack = "taikang"
select = ["large-class", "三(一)"]
ignore = "national-cv-*"
fail-on = "warning"
lang = "en"
rules = "my-rules"
format = "markdown"
teaching-points = "exclude"
""",
    )
    assert read_config(path).values == {
        "as_of": dt.date(2025, 9, 1),
        "pack": "taikang",
        "select": ("large-class", "三(一)"),
        "ignore": ("national-cv-*",),
        "fail_on": "warning",
        "lang": "en",
        "rules_dir": str(tmp_path / "conf" / "my-rules"),  # relative to the file
        "fmt": "markdown",
        "teaching_points": "exclude",
    }
    assert read_config(write(path, 'as-of = "2025/9/1"\nteaching-points = true\n')).values == {
        "as_of": dt.date(2025, 9, 1),
        "teaching_points": "include",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('fail_on = "warning"\n', "unknown key 'fail_on' (did you mean 'fail-on'?)"),
        ('colour = "red"\n', "unknown key 'colour'; keys: as-of"),
        ('pack = "county"\n', "key 'pack': 'county' is not one of taikang, national, all"),
        ("as-of = 2025-09-01T08:00:00\n", "key 'as-of'"),
        ('as-of = "2025-13-01"\n', "key 'as-of': '2025-13-01' is not a date"),
        ("select = [1, 2]\n", "key 'select'"),
        ('format = "xml"\n', "key 'format': 'xml' is not one of terminal"),
        ('lang = "fr"\n', "key 'lang'"),
        ('teaching-points = "yes"\n', "key 'teaching-points'"),
        ("rules = 3\n", "key 'rules'"),
        ("lang = \n", "not valid TOML"),
    ],
)
def test_bad_keys_and_values_name_file_and_key(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path / "taikang-check.toml", text)
    with pytest.raises(ConfigError) as raised:
        find_config(tmp_path)
    assert str(raised.value).startswith(f"{path}: ")
    assert expected in str(raised.value)


def test_pyproject_table_errors_say_where(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.taikang-check]\nlnag = "en"\n')
    with pytest.raises(ConfigError, match=r"unknown key 'tool\.taikang-check\.lnag'"):
        find_config(tmp_path)
    write(tmp_path / "pyproject.toml", '[tool]\ntaikang-check = "en"\n')
    with pytest.raises(ConfigError, match="must be a table"):
        find_config(tmp_path)


# --- through the command line ---------------------------------------------------------------


def test_config_sets_the_defaults(cli: CliRun, data: Path) -> None:
    write(
        data / "taikang-check.toml",
        'as-of = 2024-08-31\nformat = "json"\nselect = ["large-class", "school-size*"]\n'
        'fail-on = "warning"\n',
    )
    result = cli("audit", "schools.csv", "classes.csv")
    assert result.exit_code == 1  # school-size, a warning, fails: fail-on warning
    out = report(result.stdout)
    assert out["as_of"] == "2024-08-31"
    assert [r["id"] for r in out["rules"]] == ["large-class", "school-size"]
    assert out["rules"][0]["status"] == "pending"


def test_the_command_line_overrides_the_config(cli: CliRun, data: Path) -> None:
    write(
        data.parent / "pyproject.toml",  # found from the project folder, one up
        '[tool.taikang-check]\nas-of = 2024-08-31\nformat = "json"\nselect = "large-class"\n'
        'fail-on = "warning"\n',
    )
    args = ["audit", "schools.csv", "classes.csv", "--as-of", "2025-01-01"]
    result = cli(*args, "--select", "school-size*", "--fail-on", "error")
    assert result.exit_code == 0
    out = report(result.stdout)
    assert out["as_of"] == "2025-01-01"
    assert [r["id"] for r in out["rules"]] == ["school-size"]
    terminal = cli(*args, "--format", "terminal")
    assert terminal.stdout.startswith("─")
    assert "large-class" in terminal.stdout


def test_rules_folder_is_relative_to_the_config_file(cli: CliRun, data: Path) -> None:
    write(data.parent / "taikang-check.toml", 'rules = "rules"\nformat = "json"\n')
    (data.parent / "rules").mkdir()
    result = cli("audit", "schools.csv")
    assert result.exit_code == 2
    assert str(data.parent / "rules") in result.stderr  # found there, and empty


def test_no_config_and_an_explicit_config(cli: CliRun, data: Path, tmp_path: Path) -> None:
    write(data / "taikang-check.toml", 'format = "json"\nlang = "fr"\n')
    broken = cli("audit", "schools.csv")
    assert broken.exit_code == 2
    assert "taikang-check.toml：键“lang”" in broken.stderr  # Chinese by default
    assert "Traceback" not in broken.stderr
    plain = cli("audit", "schools.csv", "--no-config", "--as-of", "2025-01-01")
    assert plain.exit_code == 0
    assert plain.stdout.startswith("─")
    other = write(tmp_path / "elsewhere.toml", 'format = "json"\n')
    explicit = cli("audit", "schools.csv", "--config", other, "--as-of", "2025-01-01")
    assert report(explicit.stdout)["as_of"] == "2025-01-01"
    both = cli("audit", "schools.csv", "--config", other, "--no-config", "--lang", "en")
    assert both.exit_code == 2
    assert "cannot be used together" in both.stderr


def test_trend_takes_what_applies_to_it(cli: CliRun, data: Path) -> None:
    """format and fail-on are the audit's; the trend takes as-of, select and the rest."""
    write(
        data / "taikang-check.toml",
        'format = "markdown"\nfail-on = "never"\nas-of = 2025-01-01\nselect = "large-class"\n',
    )
    result = cli("trend", ".", "--format", "json")
    assert result.exit_code == 0, result.stderr
    out = report(result.stdout)
    assert [y["as_of"] for y in out["years"]] == ["2025-01-01"]
    assert [r["id"] for r in out["rules"]] == ["large-class"]


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ('lang = "fr"\n', "键“lang”：“fr”不是可选值之一：zh, en", "key 'lang': 'fr' is not one of"),
        ('lnag = "en"\n', "没有这个键：“lnag”（是否要用“lang”？）", "unknown key 'lnag'"),
        ('as-of = "soon"\n', "键“as-of”：“soon”不是日期", "key 'as-of': 'soon' is not a date"),
        ("lang = \n", "不是有效的 TOML：第 1 行第 8 列有语法错误", "not valid TOML"),
        ("select = [1]\n", "键“select”：", "key 'select'"),
    ],
)
def test_config_errors_are_said_in_the_users_language(
    cli: CliRun, data: Path, text: str, zh: str, en: str
) -> None:
    """Chinese by default, English with --lang en; either way the file, the key, exit 2."""
    path = write(data / "taikang-check.toml", text)
    chinese = cli("audit", "schools.csv")
    assert chinese.exit_code == 2
    assert f"错误：{path}：" in chinese.stderr
    assert zh in chinese.stderr
    assert not re.search(r"\b(?:key|unknown|not|valid|is)\b", chinese.stderr), chinese.stderr
    english = cli("audit", "schools.csv", "--lang", "en")
    assert english.exit_code == 2
    assert f"Error: {path}: " in english.stderr
    assert en in english.stderr
    assert not re.search(r"[\u4e00-\u9fff]", english.stderr), english.stderr
    assert "Traceback" not in chinese.stderr + english.stderr
