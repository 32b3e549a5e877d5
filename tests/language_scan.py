"""Scanning a report for words of the other language: English in `--lang zh`, Chinese in
`--lang en`. Reusable for every text report (terminal, Markdown, `--help`; HTML after its
tags are stripped).

What may appear in either language, because it is no word of the report's own:

- identifiers: rule ids (and id prefixes such as `national-cv-*`), tags, rule sections,
  problem codes, and the contract's multi-word column and indicator names
  (`resource_room`, `max_class_size_primary`), which the Chinese report gives after the
  Chinese header. Single-word column names (`county`, `township`, `students`) are ordinary
  English words and are not allowed;
- what a user types: file names and paths, options (`--format json`), the choices click
  lists (`[error|warning|never]`), the tool's name and config table, `YYYY-MM-DD`;
- names of file formats and encodings (CSV, Excel, UTF-8 …);
- data: every header and cell of the input files, passed in by the caller;
- in English only: the plan's and the standard's quoted sentences, document names,
  sections, and the contract's Chinese headers (how the data's headers are written).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from taikang_check.contract.indicators import CATALOGUE
from taikang_check.contract.tables import TABLES
from taikang_check.problems import ProblemCode
from taikang_check.rulebook.loader import load_rules

FORMAT_NAMES = frozenset(
    {"CSV", "XLSX", "Excel", "TOML", "YAML", "JSON", "HTML", "Markdown", "JUnit", "GitHub"}
    | {"UTF-8", "UTF-16", "UTF-32", "GBK", "GB18030", "BOM", "CI", "A4"}
)
# A formula's symbols: X̄ = 资源总量/学生总数, CV = S/X̄.
SYMBOLS = frozenset({"CV", *"ABCDPSX"})
# Spans that are typed by the user or name files: removed before looking for words.
_TYPED = [
    r"\[tool\.taikang-check\]",
    r"taikang-check(?:\s+(?:v?\d[\w.+-]*|audit|trend|rules|explain|validate|template))?",
    r"\[(?:默认：|default: )[^\]]*\]",  # click's default, as our help writes it
    r"^\s+(?:audit|trend|rules|explain|validate|template)(?=\s{2})",  # help's command list
    r"YYYY-MM-DD",
    r"\d+<=x<=\d+",  # click's range of an integer option
    r"[\w./\\:~-]*\.(?:csv|xlsx|toml|yaml|yml|json|html|xml|md|txt|py)\b",  # file names
    r"(?<![\w.])(?:\.{0,2}/)?(?:[\w.-]+/)+[\w.-]*",  # paths
    r"\[[a-z][\w:-]*(?:\|[a-z][\w:-]*)+\]",  # click's choices: [error|warning|never]
    r"--[a-z][a-z-]*(?:[ =][a-z]+(?![\w-]))?",  # options, with a choice
    r"-[a-z](?![\w-])",  # short options
]
_TYPED_RE = re.compile("|".join(f"(?:{p})" for p in _TYPED), re.MULTILINE)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:[-*][A-Za-z0-9_*]+)*-?\*?")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e“”‘’…—]+")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@cache
def _rules() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(rule ids, tags, Chinese an English report may quote: quotes, sections, documents)."""
    rules = [loaded.rule for loaded in load_rules()]
    ids = frozenset(rule.id for rule in rules)
    tags = frozenset(tag for rule in rules for tag in rule.tags)
    quoted = frozenset(
        text
        for rule in rules
        for text in (rule.source.quote, rule.source.section, rule.source.document)
    )
    # Values the checks compare cells with (项目 = 一高附中改扩建) are data as it is written.
    compared = frozenset(
        text
        for rule in rules
        for check in (*rule.checks, *rule.fallback)
        for text in _strings(check.model_dump(exclude={"message"}))
        if _CJK_CHAR.search(text)
    )
    return ids, tags, quoted | compared


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            yield from _strings(inner)


@cache
def identifiers() -> frozenset[str]:
    """Words allowed in a Chinese report because they are identifiers (module docstring)."""
    ids, tags, _ = _rules()
    columns = {c.name for table in TABLES for c in table.columns} | {i.code for i in CATALOGUE}
    return frozenset(
        ids | tags | {code.value for code in ProblemCode} | {c for c in columns if "_" in c}
    )


@cache
def contract_chinese() -> frozenset[str]:
    """Chinese an English report may show: the contract's Chinese headers and enum values
    (how data is written), the quoted sentences, sections and document names."""
    _, _, quoted = _rules()
    headers = {c.zh for table in TABLES for c in table.columns} | {i.zh for i in CATALOGUE}
    values = {v.zh for table in TABLES for c in table.columns for v in c.values}
    return frozenset(quoted | headers | values)


def data_strings(paths: Iterable[Path]) -> frozenset[str]:
    """Every header and non-blank cell of these CSV files: data, shown as written."""
    found: set[str] = set()
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                found.update(cell.strip() for cell in row if cell.strip())
    return frozenset(found)


def _without(text: str, strings: Iterable[str]) -> str:
    """The text with every occurrence of the strings blanked out (the longest first)."""
    ordered = sorted({s for s in strings if s}, key=len, reverse=True)
    if not ordered:
        return text
    pattern = re.compile("|".join(re.escape(s) for s in ordered))
    return pattern.sub(" ", text)


def english_leaks(text: str, data: Iterable[str] = ()) -> list[str]:
    """English words of a Chinese report that are no identifier, typed text or data."""
    text = text.replace("\\", "")  # Markdown escapes (location\_level)
    text = re.sub(r"-\n\s*", "-", text)  # an id that help text wrapped at its hyphen
    text = _without(text, data)
    text = _TYPED_RE.sub(" ", text)
    ids, _, _ = _rules()
    leaks = []
    for word in _WORD.findall(text):
        if word in FORMAT_NAMES or word in SYMBOLS or word in identifiers():
            continue
        stem = word.rstrip("*").rstrip("-")
        if (word.endswith(("*", "-"))) and any(rule_id.startswith(stem) for rule_id in ids):
            continue  # an id prefix: national-cv-*, teaching-point-
        leaks.append(word)
    return leaks


def chinese_leaks(text: str, data: Iterable[str] = ()) -> list[str]:
    """Runs of Chinese in an English report that are no data, quote or contract header."""
    text = _without(text, [*data, *contract_chinese()])
    return [run for run in _CJK.findall(text) if _CJK_CHAR.search(run)]
