"""Issue 13, "Chinese first": wherever a report names a rule, its title leads and the id
follows (terminal, Markdown, the trend table, `rules`, `explain`; the HTML report has its
own tests). A line that starts with a rule id, or shows an id before that rule's title,
fails."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CLASSES_ZH, SAMPLE, SCHOOLS_ZH, CliRun, school_row, write_table

from taikang_check.api import audit
from taikang_check.render.formats import RenderOptions
from taikang_check.render.terminal import render_terminal
from taikang_check.rulebook.loader import load_rules

FILES = [SAMPLE / "schools.csv", SAMPLE / "classes.csv", SAMPLE / "indicators.csv"]
AS_OF = "2025-06-30"  # the README's example date: failures, deadlines ahead and unknowns
TITLES = {
    lang: {loaded.rule.id: loaded.rule.title.get(lang) for loaded in load_rules()}
    for lang in ("zh", "en")
}
# A rule id as a whole token: not inside a longer id, a word or a file name.
_IDS = re.compile(
    r"(?<![\w.-])("
    + "|".join(re.escape(i) for i in sorted(TITLES["zh"], key=len, reverse=True))
    + r")(?![\w-])"
)
TITLE_START = 20  # characters
_LEAD = re.compile(r"^[\s|*-]*")  # indentation, a table's pipe, a list's dash, bold


def misplaced_ids(text: str, lang: str) -> Iterator[str]:
    """Lines where a rule id leads, or comes before its rule's title."""
    for line in text.splitlines():
        body = _LEAD.sub("", line)
        if _IDS.match(body):
            yield line
            continue
        for found in _IDS.finditer(line):
            # Markdown escapes a title and may cut a long one: its start is enough.
            before = line[: found.start()].replace("\\", "")
            if TITLES[lang][found.group(1)][:TITLE_START] not in before:
                yield line
                break


def test_the_check_finds_what_it_must() -> None:
    title = TITLES["zh"]["large-class"]
    assert list(misplaced_ids(f"  large-class · {title}  (不合格 1)", "zh"))
    assert list(misplaced_ids(f"| 不合格 | large-class | {title} |", "zh"))
    assert list(misplaced_ids("- large-class: 4个班", "zh"))
    assert not list(misplaced_ids(f"{title} · large-class  (不合格 1)", "zh"))
    assert not list(misplaced_ids(f"| 不合格 | {title} `large-class` |", "zh"))
    assert not list(misplaced_ids("规则文件: rules/taikang/10-large-class.yaml", "zh"))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["terminal", "markdown"])
def test_audit_reports_lead_with_titles(cli: CliRun, fmt: str, lang: str) -> None:
    result = cli("audit", *FILES, "--as-of", AS_OF, "--format", fmt, "--lang", lang, "-v")
    assert result.exit_code == 1, result.stderr
    assert " · large-class" in result.stdout or " `large-class`" in result.stdout
    assert list(misplaced_ids(result.stdout, lang)) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_quiet_terminal_report_leads_with_titles(cli: CliRun, lang: str) -> None:
    result = cli("audit", *FILES, "--as-of", AS_OF, "--quiet", "--lang", lang)
    assert f"{TITLES[lang]['large-class']} · large-class" in result.stdout
    assert list(misplaced_ids(result.stdout, lang)) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_and_explain_lead_with_titles(cli: CliRun, lang: str) -> None:
    listing = cli("rules", "--lang", lang).stdout
    assert listing.count(" · ") >= len(TITLES[lang])
    assert list(misplaced_ids(listing, lang)) == []
    explained = cli("explain", "large-class", "--lang", lang).stdout
    assert explained.splitlines()[0] == f"{TITLES[lang]['large-class']} · large-class"
    assert list(misplaced_ids(explained, lang)) == []


def test_the_trend_table_leads_with_titles(
    cli: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for year, large in (("2024", 2), ("2025", 1)):
        write_table(tmp_path / year, "schools.csv", SCHOOLS_ZH, [school_row("S1", 500)])
        classes = [["S1", 1, f"{n}班", 60] for n in range(large)]
        write_table(tmp_path / year, "classes.csv", CLASSES_ZH, classes)
    for lang in ("zh", "en"):
        text = cli("trend", "2024/", "2025/", "--pack", "taikang", "--lang", lang).stdout
        assert f"{TITLES[lang]['large-class']} · large-class" in text
        assert list(misplaced_ids(text, lang)) == []


class Tty(io.StringIO):
    """A stream that says it is a terminal, so the report is styled."""

    def isatty(self) -> bool:
        return True


def test_the_id_is_the_quieter_part_of_a_terminal_heading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    report = audit(FILES, as_of=dt.date.fromisoformat(AS_OF))
    stream = Tty()
    render_terminal(report, stream, RenderOptions(lang="zh"))
    title = TITLES["zh"]["large-class"]
    # the title bold, then the id dim (SGR 2) and not bold
    assert f"\x1b[1m{title}\x1b[0m\x1b[2m · large-class\x1b[0m" in stream.getvalue()
