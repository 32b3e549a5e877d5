"""`taikang-check rules` and `taikang-check explain`: what is checked, and why."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from taikang_check.commands import output
from taikang_check.commands.audit import report_problems
from taikang_check.commands.exit_codes import ExitCode
from taikang_check.contract.tables import CLASS_BANDS
from taikang_check.engine.check_bands import answers
from taikang_check.problems import Problem, ProblemCode, ProblemsFound
from taikang_check.render.rule_label import plain_name
from taikang_check.render.sheet import aligned
from taikang_check.rulebook.loader import PACKS, LoadedRule, load_rules
from taikang_check.text.check_words import check_text
from taikang_check.text.labels import SEVERITY_TEXT, pick


@dataclass(frozen=True)
class RuleFilter:
    section: str | None = None
    table: str | None = None
    tag: str | None = None

    def keeps(self, loaded: LoadedRule) -> bool:
        rule = loaded.rule
        tables: set[str] = {c.table for c in (*rule.checks, *rule.fallback)}
        if any(answers(c) for c in rule.checks):  # the band table answers it too
            tables.add(CLASS_BANDS.name)
        return (
            (self.section is None or rule.source.section.startswith(self.section))
            and (self.table is None or self.table in tables)
            and (self.tag is None or self.tag in rule.tags)
        )


def _aligned(rows: list[list[str]]) -> list[str]:
    return [line.plain for line in aligned([[Text(cell) for cell in row] for row in rows], 0)]


def run_rules(
    rules_dir: str | None, only: RuleFilter, lang: str, packs: tuple[str, ...] = PACKS
) -> int:
    try:
        rules = [r for r in load_rules(rules_dir, packs) if only.keeps(r)]
    except ProblemsFound as found:
        report_problems(found, lang, heading=False)
        return ExitCode.CANNOT_RUN
    # The title, then the id: the name is the one column of no fixed width, so it comes last.
    header = [
        "条款" if lang == "zh" else "section",
        "级别" if lang == "zh" else "severity",
        "期限" if lang == "zh" else "due",
        "规则" if lang == "zh" else "rule",
    ]
    rows = [header] + [
        [
            r.rule.source.section,
            pick(SEVERITY_TEXT[r.rule.severity.value], lang),
            r.rule.due.isoformat() if r.rule.due else "—",
            plain_name(r.rule.title.get(lang), r.rule.id),
        ]
        for r in rules
    ]
    for text in _aligned(rows):
        output.line(text)
    output.line(f"共 {len(rules)} 条规则" if lang == "zh" else f"{len(rules)} rules")
    return ExitCode.OK


def _quote_label(verified: bool, zh: bool) -> str:
    """A quote checked against the document's text is 原文; one that could not be is marked."""
    if verified:
        return "原文" if zh else "Quote"
    return (
        "原文（未经核对：文件全文未随工具提供）"
        if zh
        else "Quote (unverified: the document's text is not shipped)"
    )


def run_explain(rule_id: str, rules_dir: str | None, lang: str) -> int:
    try:
        rules = {r.rule.id: r for r in load_rules(rules_dir)}
        if rule_id not in rules:
            raise ProblemsFound([Problem(ProblemCode.UNKNOWN_RULE, value=rule_id)])
    except ProblemsFound as found:
        report_problems(found, lang, heading=False)
        return ExitCode.CANNOT_RUN
    loaded = rules[rule_id]
    rule = loaded.rule
    zh = lang == "zh"
    lines = [
        plain_name(rule.title.get(lang), rule.id),
        f"{'依据' if zh else 'Source'}: {rule.source.document} {rule.source.section}",
        f"{_quote_label(rule.source.verified, zh)}: “{rule.source.quote}”",
        f"{'级别' if zh else 'Severity'}: {pick(SEVERITY_TEXT[rule.severity.value], lang)}    "
        f"{'期限' if zh else 'Due'}: {rule.due.isoformat() if rule.due else '—'}",
    ]
    if rule.tags:
        lines.append(f"{'标签' if zh else 'Tags'}: {', '.join(rule.tags)}")
    for check in rule.checks:
        lines.append(f"{'检查' if zh else 'Check'}: {check_text(check, lang)}")
    for check in rule.fallback:
        lines.append(f"{'备用检查' if zh else 'Fallback'}: {check_text(check, lang)}")
    if rule.interpretation:
        lines.append(f"{'解释' if zh else 'Interpretation'}: {rule.interpretation.get(lang)}")
    lines.append(f"{'规则文件' if zh else 'Rule file'}: {loaded.file}")
    for text in lines:
        output.line(text)
    return ExitCode.OK
