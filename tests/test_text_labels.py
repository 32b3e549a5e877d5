"""Every (zh, en) pair of user-facing words is written once in the package: a word several
renderers show lives in `text/labels.py` (`WORDS`), and the renderers refer to it."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import taikang_check
from taikang_check.text.labels import WORDS

PACKAGE = Path(taikang_check.__file__).parent
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
WORD_REFERENCE = re.compile(r"""\bWORDS\[["'](\w+)["']\]""")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _pairs() -> dict[tuple[str, str], list[str]]:
    """Each literal (Chinese, English) pair of strings in the package, with where it is."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Tuple) and len(node.elts) == 2):
                continue
            zh, en = (e.value if isinstance(e, ast.Constant) else None for e in node.elts)
            if isinstance(zh, str) and isinstance(en, str) and CJK.search(zh) and LATIN.search(en):
                found[(zh, en)].append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_no_zh_en_pair_is_defined_twice() -> None:
    twice = {pair: where for pair, where in _pairs().items() if len(where) > 1}
    assert not twice, "define each pair once (shared words in text/labels.py WORDS):\n" + "\n".join(
        f"{pair}: {', '.join(where)}" for pair, where in twice.items()
    )


def test_the_scan_sees_the_shared_words() -> None:
    """The scan above would pass vacuously if it missed the pairs: it finds every shared word,
    in text/labels.py."""
    pairs = _pairs()
    for key, pair in WORDS.items():
        assert [w.split(":")[0] for w in pairs.get(pair, [])] == ["text/labels.py"], key


def test_every_shared_word_is_used_by_more_than_one_module() -> None:
    """A word only one renderer shows belongs in that renderer's table, not in WORDS."""
    users: dict[str, set[str]] = defaultdict(set)
    for path in _modules():
        for key in WORD_REFERENCE.findall(path.read_text(encoding="utf-8")):
            users[key].add(str(path.relative_to(PACKAGE)))
    assert set(users) <= set(WORDS), sorted(set(users) - set(WORDS))
    lonely = {key: sorted(users[key]) for key in WORDS if len(users[key]) < 2}
    assert not lonely, lonely
