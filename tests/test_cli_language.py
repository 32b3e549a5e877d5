"""The command line speaks the user's language: help and usage errors in Chinese by default,
complete English with --lang en or an English locale."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from conftest import CliRun

from taikang_check.cli.bilingual import locale_language, translate
from taikang_check.cli.main import main
from taikang_check.cli.words import HELP_ZH
from taikang_check.text.reasons import reason_text

COMMANDS = ["", "audit", "trend", "rules", "explain", "validate", "template"]
# What may stay Latin in a Chinese help page: option names, metavars, choices, file and rule
# names, format names and the tool's own name.
ALLOWED = re.compile(
    r"--?[a-z][a-z-]*|\[[^\]]*\]|\b[A-Z][A-Z_.…]+\b|[\w./-]+\.(?:toml|html|xml|csv|xlsx)\b"
    r"|national-cv-\*|\b(?:taikang-check|tool|class-size|html|junit|CSV|XLSX|YYYY-MM-DD)\b"
    r"|\b(?:main|audit|trend|rules|explain|validate|template)\b"  # the program and commands
    r"|\bx>=\d+|\d+<=x<=\d+|INTEGER RANGE|TEXT|PATH"
)


def _help(cli: CliRun, command: str, *extra: str) -> str:
    args = [command, *extra, "--help"] if command else [*extra, "--help"]
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_help_in_chinese_has_no_english_words(cli: CliRun, command: str) -> None:
    text = re.sub(r"-\n\s+", "-", _help(cli, command))  # a name wrapped at its hyphen
    text = ALLOWED.sub(" ", text)
    words = re.findall(r"[A-Za-z]{2,}", text)
    assert words == [], words


@pytest.mark.parametrize("command", COMMANDS)
def test_help_in_english_has_no_chinese_outside_the_documents_names(
    cli: CliRun, command: str
) -> None:
    text = _help(cli, command, "--lang", "en") if command else ""
    text = text or cli("--help", env={"LANG": "en_US.UTF-8"}).stdout
    text = re.sub(r"太政办〔2023〕7号|教督〔2017〕6号|三\(一\)", "", text)
    assert re.findall(r"[\u4e00-\u9fff]", text) == []


def test_every_help_text_has_its_chinese() -> None:
    ctx = click.Context(main)
    texts = [main.help or ""]
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        assert command is not None
        texts.append(command.help or "")
        texts += [getattr(p, "help", None) or "" for p in command.params]
    missing = [t for t in texts if t and translate(t, "zh") == t]
    assert missing == []
    assert len(HELP_ZH) >= len({t for t in texts if t})


def test_usage_errors_in_chinese_and_english(cli: CliRun) -> None:
    zh = cli("audit", "x.csv", "--as-of", "2024-13-01")
    assert zh.exit_code == 2
    assert "错误：" in zh.stderr
    assert "不是日期" in zh.stderr
    assert "Invalid value" not in zh.stderr
    en = cli("audit", "x.csv", "--as-of", "2024-13-01", "--lang", "en")
    assert en.exit_code == 2
    assert "Error: Invalid value for '--as-of'" in en.stderr
    unknown = cli("audit", "x.csv", "--formt", "json")
    assert "没有这个选项：--formt；是否要用 --format？" in unknown.stderr


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({}, "zh"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ],
)
def test_the_locale_decides_when_nothing_else_does(environ: dict[str, str], lang: str) -> None:
    assert locale_language(environ) == lang


def test_an_english_locale_gives_an_english_report(cli: CliRun, tmp_path: object) -> None:
    result = cli("rules", env={"LANG": "en_US.UTF-8"})
    assert result.exit_code == 0
    assert "rules" in result.stdout.splitlines()[-1]


def test_output_problems_give_their_reason_in_chinese(cli: CliRun, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    zh = cli("template", "-o", str(missing))
    assert zh.exit_code == 2
    assert "无法写入输出文件：不是文件夹" in zh.stderr + zh.stdout
    assert "not a folder" not in zh.stderr + zh.stdout
    (tmp_path / "taikang-check-template.xlsx").write_bytes(b"kept")
    again = cli("template", "-o", str(tmp_path))
    assert "文件已存在（加 --force 可覆盖）" in again.stderr + again.stdout
    en = cli("template", "-o", str(missing), "--lang", "en")
    assert "cannot write the output: not a folder" in en.stderr + en.stdout


def test_the_systems_reasons_and_our_counted_ones_read_in_chinese() -> None:
    assert reason_text("Permission denied", "zh") == "没有权限"
    assert reason_text("more than 16,384 columns", "zh") == "超过 16,384 列"
    assert reason_text("more than 16,384 columns", "en") == "more than 16,384 columns"
    # a library's own words are kept as they came, never half translated
    assert reason_text("could not parse 'x' as i64", "zh") == "could not parse 'x' as i64"


def test_every_reason_the_package_writes_has_its_chinese() -> None:
    """A reason written as a literal (`"reason": "not a folder"`) is shown in Chinese only if
    text/reasons.py knows it: a new or reworded one must be added there too."""
    import taikang_check
    from taikang_check.text.reasons import REASON_ZH

    package = Path(taikang_check.__file__).parent
    literal = re.compile(r'(?:"reason":\s*|\breason = )"([^"{}]+)"')
    written = {
        found
        for source in package.rglob("*.py")
        for found in literal.findall(source.read_text(encoding="utf-8"))
    }
    assert "not a folder" in written  # the scan sees them
    assert sorted(written - REASON_ZH.keys()) == []
