"""The HTML report speaks one language: `--lang zh` shows no English word outside rule ids,
file names and data; `--lang en` no Chinese outside data, the documents' names and quoted
plan text. The scan reads what a reader sees: text, not tags or attributes (an SVG tooltip
counts, it shows on hover)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SAMPLE

from taikang_check.api import audit
from taikang_check.render.formats import RenderOptions
from taikang_check.render.html.report import render_html
from taikang_check.report.model import Report

FILES = [SAMPLE / name for name in ("schools.csv", "classes.csv", "indicators.csv")]
AS_OF = dt.date(2025, 6, 30)  # rules failing, pending and unknown, remedies of every kind
LATIN = re.compile(r"[A-Za-z]+")
HAN = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]+")
# Not English words but names: the tool's, and the options a reader types.
NAMES = ("taikang-check", "--html-schools", "--format json")


class Visible(HTMLParser):
    """The text of a page as shown, one piece per text node; style sheets left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._style = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._style += tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style -= tag == "style"

    def handle_data(self, data: str) -> None:
        if not self._style and data.strip():
            self.pieces.append(data)


def visible_text(html: str) -> list[str]:
    parser = Visible()
    parser.feed(html)
    parser.close()
    return parser.pieces


def data_words(paths: list[Path]) -> set[str]:
    """Every header and cell of the inputs: data, shown as the offices wrote it."""
    words: set[str] = set()
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for record in csv.reader(handle):
                words.update(cell.strip() for cell in record if cell.strip())
    return words


def strip_allowed(piece: str, allowed: list[str]) -> str:
    for word in allowed:  # longest first, so a name is removed before its parts
        if word in piece:
            piece = piece.replace(word, " ")
    return piece


def leaks(html: str, pattern: re.Pattern[str], allowed: list[str]) -> list[str]:
    found = []
    for piece in visible_text(html):
        rest = strip_allowed(piece, allowed)
        found += [f"{match!r} in {piece.strip()[:120]!r}" for match in pattern.findall(rest)]
    return found


def render(report: Report, lang: str) -> str:
    out = io.StringIO()
    render_html(report, out, RenderOptions(lang=lang, school_pages=True))
    return out.getvalue()


class Audited:
    def __init__(self, files: list[Path]) -> None:
        self.files = files
        self.report = audit(files, as_of=AS_OF)


@pytest.fixture(scope="module", params=[3, 1], ids=["all-tables", "schools-only"])
def sample(request: pytest.FixtureRequest) -> Audited:
    """The sample, and its schools table alone (rules skipped: the notes say what to add)."""
    return Audited(FILES[: request.param])


def allowed_words(sample: Audited, *, chinese: bool) -> list[str]:
    report = sample.report
    words = {*data_words(sample.files), *NAMES}
    words |= {r.rule.id for r in report.rules}
    words |= {str(path) for path in sample.files} | {path.name for path in sample.files}
    if chinese:  # the documents cited and the sentences quoted from them stay in Chinese
        words |= {r.rule.source.document for r in report.rules}
        words |= {r.rule.source.section for r in report.rules}
        words |= {r.rule.source.quote for r in report.rules}
        words |= {"教督〔2017〕6号", "太政办〔2023〕7号", "大班额"}
    return sorted(words, key=len, reverse=True)


def test_chinese_report_has_no_english(sample: Audited) -> None:
    html = render(sample.report, "zh")
    assert leaks(html, LATIN, allowed_words(sample, chinese=False)) == []


def test_english_report_has_no_chinese(sample: Audited) -> None:
    html = render(sample.report, "en")
    assert leaks(html, HAN, allowed_words(sample, chinese=True)) == []


def test_the_scan_sees_a_leak(sample: Audited) -> None:
    """An English word in the Chinese page and a Chinese one in the English page are found."""
    zh = render(sample.report, "zh").replace("<h2>总体情况</h2>", "<h2>Summary</h2>")
    assert any("Summary" in leak for leak in leaks(zh, LATIN, allowed_words(sample, chinese=False)))
    en = render(sample.report, "en").replace("<h2>Summary</h2>", "<h2>总体情况</h2>")
    assert any("总体情况" in leak for leak in leaks(en, HAN, allowed_words(sample, chinese=True)))
    # Attributes and the style sheet are not text: a class name is no leak.
    assert leaks('<p class="verdict"><style>x{}</style>结论</p>', LATIN, []) == []
