"""What data to add, and how many rules each addition would let run.

A rule skipped for missing data names what it lacks ("table:indicators",
"column:schools.resource_room"). Reports do not list such rules one by one: they group them by
what the user has to add, all of it together (a check that reads two absent columns needs
both), and count the rules each addition lets run. A rule that ran only in part (one of its
checks lacked its table) is counted apart: the addition completes it.

A rule that fell back to other columns because its own table is absent (the class-size rules
read 小学最大班额 without a classes table) can also be run by adding that table: the addition
names it as the alternative.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from taikang_check.report.model import RuleResult, Status


@dataclass(frozen=True)
class Addition:
    needs: tuple[str, ...]  # every item to add, together: "table:x" or "column:table.name"
    instead: tuple[str, ...]  # or these tables instead (the rule's own, when it fell back)
    skipped: tuple[str, ...]  # ids of the skipped rules that would run
    partial: tuple[str, ...]  # ids of the rules checked in part that would run in full

    @property
    def rules(self) -> int:
        return len(self.skipped) + len(self.partial)


def _item_order(item: str) -> tuple[int, str]:
    """Tables before columns; then by name."""
    return (0 if item.startswith("table:") else 1, item)


def _key(result: RuleResult) -> tuple[tuple[str, ...], tuple[str, ...]]:
    needs = tuple(sorted(set(result.missing), key=_item_order))
    instead: tuple[str, ...] = ()
    if result.used_fallback:
        own = sorted({f"table:{check.table}" for check in result.rule.checks})
        instead = tuple(item for item in own if item not in needs)
    return needs, instead


def additions(results: Iterable[RuleResult]) -> tuple[Addition, ...]:
    """The additions that would let skipped or partly checked rules run, the one that lets
    the most rules run first (then tables before columns, by name)."""
    skipped: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
    partial: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
    for result in results:
        if not result.missing:
            continue
        into = skipped if result.status is Status.SKIPPED else partial
        into.setdefault(_key(result), []).append(result.rule.id)
    keys = set(skipped) | set(partial)
    found = [
        Addition(
            needs,
            instead,
            tuple(sorted(skipped.get((needs, instead), []))),
            tuple(sorted(partial.get((needs, instead), []))),
        )
        for needs, instead in keys
    ]
    found.sort(
        key=lambda a: (
            -len(a.skipped),
            -len(a.partial),
            [_item_order(i) for i in a.needs],
            a.instead,
        )
    )
    return tuple(found)
