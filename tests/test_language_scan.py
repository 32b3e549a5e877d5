"""Done-when of issue 13: in --lang zh the sample's terminal and Markdown reports and the
--help of every command have no English word outside identifiers, typed text and data; in
--lang en no Chinese outside data, quotes and the contract's headers (tests/language_scan.py
says what is allowed)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import SAMPLE, CliRun
from language_scan import chinese_leaks, data_strings, english_leaks

from taikang_check.cli import main

FILES = [SAMPLE / "schools.csv", SAMPLE / "classes.csv", SAMPLE / "indicators.csv"]
COMMANDS = ["", *sorted(main.commands)]  # "" is the group itself


def run(*args: str, lang: str) -> tuple[int, str, str]:
    """The command line as a user runs it (its usage lines name taikang-check), in a
    locale of that language and with --lang for a command (the group takes no --lang)."""
    env = {"LANG": "en_US.UTF-8" if lang == "en" else "zh_CN.UTF-8"}
    argv = [*args, "--lang", lang] if args[0] != "--help" else list(args)
    result = CliRunner().invoke(main, argv, env=env, prog_name="taikang-check")
    return result.exit_code, result.stdout, result.stderr


def leaks(text: str, lang: str, data: frozenset[str] = frozenset()) -> list[str]:
    return english_leaks(text, data) if lang == "zh" else chinese_leaks(text, data)


def test_the_scan_finds_what_it_must() -> None:
    """An English word in a Chinese report is found unless it is an identifier or typed."""
    assert english_leaks("区县：county，级别：error") == ["county", "error"]
    assert english_leaks("缺少 学校表（schools）") == ["schools"]
    allowed = "large-class · national-cv-* · resource_room · [error|warning|never] · --format json"
    assert english_leaks(allowed + " · schools.csv · data/sample/ · CSV") == []
    assert chinese_leaks("Verdict: 不合格") == ["不合格"]
    assert chinese_leaks("Section 三(一), column '在校生数'") == []  # section, header


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["terminal", "markdown"])
def test_sample_reports_speak_one_language(cli: CliRun, fmt: str, lang: str) -> None:
    result = cli(
        "audit", *map(str, FILES), "--as-of", "2025-06-30", "--format", fmt, "--lang", lang
    )
    assert result.exit_code == 1, result.stderr
    assert leaks(result.stdout, lang, data_strings(FILES)) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", COMMANDS)
def test_help_speaks_one_language(command: str, lang: str) -> None:
    status, out, err = run(*([command, "--help"] if command else ["--help"]), lang=lang)
    assert status == 0, err
    assert leaks(out, lang) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_usage_errors_speak_one_language(lang: str) -> None:
    for args in (["audit"], ["audit", "x.csv", "--as-of", "2025-13-01"], ["rules", "--bogus"]):
        status, _, err = run(*args, lang=lang)
        assert status == 2
        assert leaks(err, lang) == [], err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rule_listing_and_every_explanation_speak_one_language(lang: str) -> None:
    from taikang_check.rulebook.loader import load_rules

    status, out, err = run("rules", lang=lang)
    assert status == 0, err
    # The plan names its schools (灵运初中): proper names, kept in every language.
    schools = frozenset(re.findall(r"[\u4e00-\u9fff]+(?:小学|初中|高中|中学|学校)", out))
    assert leaks(out, lang, schools) == []
    for loaded in load_rules():
        status, out, err = run("explain", loaded.rule.id, lang=lang)
        assert status == 0, err
        # The quote is the document's own text and the rule file a path: neither is ours;
        # an English interpretation glosses the plan's terms in Chinese, (大班额).
        theirs = ("原文", "Quote", "规则文件", "Rule file", "Interpretation")
        ours = "\n".join(line for line in out.splitlines() if not line.startswith(theirs))
        assert leaks(ours, lang, schools) == [], (loaded.rule.id, ours)
