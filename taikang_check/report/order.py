"""The order in which reports put what needs action: the verdict first, then the failing
requirements — veto items (大班额 and class caps, a CV over its limit, the private share,
teaching points past their closing date), other failing error rules, failing warnings —
each group in the plan's order of sections (二, 三(一) … 四(四), then 附件; the national
standard by article), then the deadlines still ahead, then the rules lacking data.

Veto items are chosen from the loaded rules by tag: `veto`, or the tags that mark them in
the built-in packs (class-size, variation, private); and the teaching-point closure rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from taikang_check.report.model import RuleResult, Status
from taikang_check.rulebook.loader import PACKS
from taikang_check.rulebook.model import Rule

VETO_TAGS = frozenset({"veto", "class-size", "variation", "private"})
VETO_IDS = frozenset({"teaching-point-50", "teaching-point-100", "teaching-point-200"})
GROUPS = ("veto", "errors", "warnings", "pending", "unknown")

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_TOKEN = re.compile(r"附件|[零〇一二两三四五六七八九十百千]+|\d+")


def chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 一百零五 → 105."""
    total, digit = 0, 0
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        else:
            total += (digit or 1) * _UNITS[char]
            digit = 0
    return total + digit


def section_key(section: str) -> tuple[int, tuple[int, ...], str]:
    """A sort key for 二(一) < 三(一) < 三(十) < 四(四) < 附件2(6); 第五条(一) < 第十条."""
    annex = 0
    numbers: list[int] = []
    for token in _TOKEN.findall(section):
        if token == "附件":
            annex = 1
        elif token.isdigit():
            numbers.append(int(token))
        else:
            numbers.append(chinese_number(token))
    return annex, tuple(numbers), section


def is_veto(rule: Rule) -> bool:
    return rule.id in VETO_IDS or bool(VETO_TAGS.intersection(rule.tags))


def plan_order(result: RuleResult) -> tuple[int, tuple[int, tuple[int, ...], str], str]:
    pack = PACKS.index(result.pack) if result.pack in PACKS else len(PACKS)
    return pack, section_key(result.rule.source.section), result.rule.id


def group_of(result: RuleResult) -> str | None:
    if result.status is Status.FAIL:
        if is_veto(result.rule):
            return "veto"
        return "errors" if result.severity.value == "error" else "warnings"
    if result.status is Status.UNKNOWN:
        return "unknown"
    if result.pending:
        return "pending"
    return None


def action_groups(rules: Iterable[RuleResult]) -> list[tuple[str, list[RuleResult]]]:
    """The rules needing action, by group (GROUPS), each in the plan's order; pending rules
    by due date. Empty groups are left out."""
    grouped: dict[str, list[RuleResult]] = {group: [] for group in GROUPS}
    for result in rules:
        group = group_of(result)
        if group is not None:
            grouped[group].append(result)
    out = []
    for group, members in grouped.items():
        if group == "pending":
            members.sort(key=lambda r: (r.rule.due or dt.date.max, plan_order(r)))
        else:
            members.sort(key=plan_order)
        if members:
            out.append((group, members))
    return out


def failing_first(rules: Sequence[RuleResult], groups: Sequence[str] = GROUPS) -> list[RuleResult]:
    """The rules of these groups, in report order."""
    return [r for group, members in action_groups(rules) if group in groups for r in members]
