"""The message of a check whose rule file gives none, one template per kind of check: the
value, and how it fails. Placeholders (`{value}`, `{limit}` …) are filled column-wise by
text/finding_messages.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from taikang_check.contract.indicators import BY_CODE
from taikang_check.rulebook.model import (
    AnyCheck,
    Check,
    CheckKind,
    ConditionCheck,
    IndicatorCheck,
    StandardCheck,
)
from taikang_check.text.labels import pick

_NOT_MET = ("不符合要求", "does not meet the requirement")
# What a failing comparison says, by the operator of fail_if: (zh, en).
FAILING = {
    "gt": ("超过{limit}", "above {limit}"),
    "ge": ("达到或超过{limit}", "at or above {limit}"),
    "lt": ("低于{limit}", "below {limit}"),
    "le": ("不高于{limit}", "at or below {limit}"),
    "eq": ("等于{limit}", "equal to {limit}"),
    "ne": ("不等于{limit}", "not {limit}"),
    "between": ("在{limit}之间", "within {limit}"),
    "outside": ("不在{limit}之间", "outside {limit}"),
    "is": _NOT_MET,
    "is_not": _NOT_MET,
}


def default_template(check: AnyCheck, lang: str) -> str:
    """A message for checks whose rule file gives none: the value, and how it fails."""
    template: Callable[[Any, bool], str] = DEFAULT_TEMPLATES[check.kind]
    return template(check, lang != "en")


def _indicator_template(check: IndicatorCheck, zh: bool) -> str:
    name = "/".join(BY_CODE[c].zh if zh else c for c in check.codes)
    lang = "zh" if zh else "en"
    if check.trend:
        return (
            f"{{year}}年{name}为{{value}}，低于上一年的{{limit}}"
            if zh
            else f"{{year}}: {name} {{value}}, below the year before ({{limit}})"
        )
    op = (
        check.targets[0].fail_if.op
        if check.targets
        else (check.fail_if.op if check.fail_if else "lt")
    )
    failing = pick(FAILING[op], lang)
    return (
        f"{{year}}年{name}为{{value}}，{failing}"
        if zh
        else f"{{year}}: {name} {{value}}, {failing}"
    )


def _conditions_template(check: ConditionCheck, zh: bool) -> str:
    return "“{value}”不符合要求" if zh else '"{value}" does not meet the requirement'


def _standard_template(check: StandardCheck, zh: bool) -> str:
    return (
        f"{check.standard.at_least}项以上达标的要求未满足：{{detail}}"
        if zh
        else f"fewer than {check.standard.at_least} met, or one far short: {{detail}}"
    )


def _measure_template(check: Check, zh: bool) -> str:
    failing = pick(FAILING[check.fail_if.op], "zh" if zh else "en")
    percent = "%" if check.fail_if.percent else ""
    return (
        f"{{value}}{percent}，{failing}{percent}"
        if zh
        else f"{{value}}{percent}, {failing}{percent}"
    )


DEFAULT_TEMPLATES: dict[CheckKind, Callable[[Any, bool], str]] = {
    CheckKind.ROW: _measure_template,
    CheckKind.GROUP: _measure_template,
    CheckKind.CV: _measure_template,
    CheckKind.CONDITION: _conditions_template,
    CheckKind.STANDARD: _standard_template,
    CheckKind.INDICATOR: _indicator_template,
}
