"""Traditional Chinese to Simplified (OpenCC's t2s), for matching headers and enum values.

`学校名稱`, `小學`, `公辦` match as `学校名称`, `小学`, `公办`; data text (names) is never
converted. OpenCC converts the longest dictionary entry at each place, phrases before
characters: text in which no phrase of its dictionary occurs is converted character by
character with `str.translate` (what OpenCC gives, without its Python loop per character);
only text holding a phrase goes through OpenCC itself.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# A header or value longer than this is no spelling of the contract: it is not converted.
MAX_CONVERTED = 64


@dataclass(frozen=True)
class _Tables:
    characters: dict[int, str]  # Traditional character -> its first Simplified form
    changed: frozenset[str]  # the characters of `characters`
    phrases: dict[str, tuple[str, ...]]  # first character -> the phrase entries it starts


def _entries(name: str) -> list[tuple[str, str]]:
    text = (importlib.resources.files("opencc") / "dictionary" / name).read_text("utf-8")
    entries = []
    for line in text.splitlines():
        key, _, values = line.partition("\t")
        if key and values:
            entries.append((key, values.split(" ")[0]))
    return entries


@lru_cache(maxsize=1)
def _tables() -> _Tables | None:
    """OpenCC's t2s dictionaries, or None when the installed OpenCC keeps them elsewhere
    (then every text with a non-ASCII character goes through OpenCC)."""
    try:
        characters = _entries("TSCharacters.txt")
        phrases = _entries("TSPhrases.txt")
    except (OSError, ModuleNotFoundError, TypeError):
        return None
    starting: dict[str, list[str]] = {}
    for key, _ in phrases:
        starting.setdefault(key[0], []).append(key)
    single = {k: v for k, v in characters if len(k) == 1 and k != v}
    return _Tables(
        characters={ord(k): v for k, v in single.items()},
        changed=frozenset(single),
        phrases={first: tuple(keys) for first, keys in starting.items()},
    )


def _has_phrase(text: str, phrases: dict[str, tuple[str, ...]]) -> bool:
    firsts = phrases.keys() & set(text)
    return any(key in text for first in firsts for key in phrases[first])


@lru_cache(maxsize=1)
def _converter() -> Any:
    from opencc import OpenCC  # type: ignore[import-untyped]

    return OpenCC("t2s")


@lru_cache(maxsize=8192)
def _convert(text: str) -> str:
    return str(_converter().convert(text))


def to_simplified(text: str) -> str:
    """`text` with Traditional characters in their Simplified forms (OpenCC t2s)."""
    if text.isascii() or len(text) > MAX_CONVERTED:
        return text
    tables = _tables()
    if tables is None or _has_phrase(text, tables.phrases):
        return _convert(text)
    if tables.changed.isdisjoint(text):
        return text
    # No phrase of the dictionary occurs: OpenCC would convert character by character.
    return text.translate(tables.characters)


@lru_cache(maxsize=1)
def traditional_pattern() -> str:
    """A regular expression (polars) that finds a character OpenCC t2s would convert or that
    starts one of its phrases; without the dictionaries, any non-ASCII character."""
    tables = _tables()
    if tables is None:
        return r"[^\x00-\x7f]"
    characters = sorted(tables.changed | set(tables.phrases))
    return "[" + "".join("\\" + c if c in "\\[]^-&~" else c for c in characters) + "]"
