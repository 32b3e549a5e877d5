"""`--select` and `--ignore`: which of the loaded rules an audit evaluates (as in ruff).

A selector is a rule id, an id prefix ending in `*` (`national-cv-*`), a section of the
document (`三(一)` takes every rule whose section starts so; full-width brackets are fine) or a
tag (`class-size`). Without `select` every loaded rule is selected; `ignore` then leaves out
what it matches. A standard rule (national-school-standard) is judged from its member rules,
so selecting it brings them in too, even when they are ignored.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from taikang_check.problems import Problem, ProblemCode, ProblemsFound

if TYPE_CHECKING:  # the loader pulls in pydantic; describe_hint must not wait for it
    from taikang_check.rulebook.loader import LoadedRule

_SPLIT = re.compile(r"[,，、]")
HINT_UNKNOWN = "unknown-selector"
HINT_EMPTY = "empty-selection"


def parse_selectors(values: Iterable[str]) -> tuple[str, ...]:
    """Entries of repeated and comma-separated options, trimmed, blanks and repeats dropped."""
    entries = (part.strip() for value in values for part in _SPLIT.split(value))
    return tuple(dict.fromkeys(entry for entry in entries if entry))


def _section(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def matches(selector: str, loaded: LoadedRule) -> bool:
    rule = loaded.rule
    if selector.endswith("*"):
        return rule.id.startswith(selector[:-1])
    if selector == rule.id or selector in rule.tags:
        return True
    return _section(rule.source.section).startswith(_section(selector))


def select_rules(
    rules: list[LoadedRule],
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    builtin: bool = True,
) -> list[LoadedRule]:
    """The rules the selection keeps, in their loaded order.

    A selector that matches no rule is an error (ProblemsFound, `bad-argument`, with the
    closest rule ids in `detail["closest"]`). With the built-in packs (`builtin`), a selector
    that matches a rule of a pack not loaded is no error: one config serves every --pack.
    """
    # Lazy: the loader pulls in pydantic (see the TYPE_CHECKING import above).
    from taikang_check.rulebook.loader import PACKS, load_rules
    from taikang_check.rulebook.model import StandardCheck

    select = (select,) if isinstance(select, str) else select  # one selector, not its letters
    ignore = (ignore,) if isinstance(ignore, str) else ignore
    chosen, omitted = parse_selectors(select), parse_selectors(ignore)
    if not chosen and not omitted:
        return rules
    unknown = [
        (option, s)
        for option, selectors in (("--select", chosen), ("--ignore", omitted))
        for s in selectors
        if not any(matches(s, r) for r in rules)
    ]
    not_loaded = tuple(p for p in PACKS if p not in {r.pack for r in rules})
    if unknown and builtin and not_loaded:  # only the packs not read yet are read
        others = load_rules(None, not_loaded)
        unknown = [(o, s) for o, s in unknown if not any(matches(s, r) for r in others)]
    if unknown:
        raise ProblemsFound([_unknown(option, s, rules) for option, s in unknown])
    kept = {
        r.rule.id
        for r in rules
        if (not chosen or any(matches(s, r) for s in chosen))
        and not any(matches(s, r) for s in omitted)
    }
    if not kept:
        detail = {"what": "--select/--ignore", "hint": HINT_EMPTY}
        value = ", ".join((*chosen, *omitted))
        raise ProblemsFound([Problem(ProblemCode.BAD_ARGUMENT, value=value, detail=detail)])
    for loaded in rules:
        if loaded.rule.id in kept:
            for check in (*loaded.rule.checks, *loaded.rule.fallback):
                if isinstance(check, StandardCheck):
                    kept.update(check.standard.rules)
    return [r for r in rules if r.rule.id in kept]


def _unknown(option: str, selector: str, rules: list[LoadedRule]) -> Problem:
    """A selector that matches nothing, with the closest ids, prefixes, tags or sections."""
    ids = [r.rule.id for r in rules]
    if selector.endswith("*"):
        size = len(selector) - 1
        candidates = [i[: size + k] + "*" for i in ids for k in (-1, 0, 1) if size + k > 0]
    else:
        tags = [t for r in rules for t in r.rule.tags]
        candidates = [*ids, *tags, *(r.rule.source.section for r in rules)]
    close = difflib.get_close_matches(selector, list(dict.fromkeys(candidates)), 3, 0.6)
    if not close:  # the ids that share the longest start with it, if that says anything
        shared = {i: _shared_start(i, selector) for i in ids}
        longest = max(shared.values(), default=0)
        close = [i for i in ids if shared[i] == longest][:3] if longest >= 3 else []
    return Problem(
        ProblemCode.BAD_ARGUMENT,
        value=selector,
        detail={"what": option, "hint": HINT_UNKNOWN, "closest": ", ".join(close)},
    )


def _shared_start(a: str, b: str) -> int:
    return next(
        (n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
