"""JUnit XML for CI test reporters (Jenkins, GitLab, GitHub Actions reporters): a rule is a test.

One `<testsuites>` holding one `<testsuite name="taikang-check">`; in it one `<testcase>` per
rule, in rule-id order, with `classname` the rule's pack (`taikang`, `national`, or the folder
of `--rules`; its section of the document when the pack has no name), `name` the rule id and
`time="0"`. A rule's testcase

- has a `<failure type="error|warning">` when the rule failed, or when it is an error rule
  with findings that lack data (`unknown`): missing data is never a pass, as for the exit
  status. Its text lists every failing and unknown row, one per line, as `file:row message`
  (`county message` or `county township message` for county-wide findings);
- has `<skipped>` when the rule was skipped because a table or column was not given;
- passes otherwise (pass, not applicable, not yet due). A warning rule whose only findings
  lack data passes and lists them in `<system-out>`; rules with findings not yet due say how
  many in `<system-out>`. Pending findings are never failures: their due date has not come.

`tests`, `failures` and (on `<testsuite>`, where the common schema has it) `skipped` count
testcases; `errors` is always 0 (an audit that cannot run writes no report). Nothing depends
on the clock: `time` is 0 and there is no timestamp.

The failure text is written rule by rule in chunks of rows, each built column-wise and escaped
with xml.sax.saxutils, so hundreds of thousands of findings never make one string. Control
characters in the data become spaces: most cannot be held by XML 1.0 at all, and a line break
inside a cell would split its row's line. When the stream's encoding
is not UTF-8, non-ASCII characters are written as character references, so the declared UTF-8
is always true.
"""

from __future__ import annotations

import codecs
import re
from typing import TextIO
from xml.sax.saxutils import escape

import polars as pl

from taikang_check.render.formats import RenderOptions
from taikang_check.report.model import Report, RuleResult, Status
from taikang_check.text.finding_messages import message_expr
from taikang_check.text.labels import STATUS_TEXT, pick
from taikang_check.text.names import describe_missing
from taikang_check.text.numbers import score_text

CHUNK_ROWS = 20_000
SUITE = "taikang-check"
# Characters XML 1.0 cannot hold, and line breaks inside one row's text.
_NOT_XML = r"[\x00-\x1f\x7f\ufffe\uffff]"
_NOT_XML_RE = re.compile(_NOT_XML)
_ATTRIBUTE = {'"': "&quot;"}

LABELS = {
    "missing": ("缺少", "missing"),
    "pending": ("未到期：{n} 项到 {due} 将不合格", "not yet due: {n} would fail from {due}"),
    "unknown": (
        "数据缺失 {n} 项（警告级规则，不计为不合格）",
        "{n} unknown (a warning rule: not a failure)",
    ),
}


def _text(name: str) -> pl.Expr:
    """A findings column as text, whether the report holds it as a string or an enum."""
    return pl.col(name).cast(pl.String)


def _attr(text: str) -> str:
    """An attribute value, quoted."""
    return '"' + escape(_clean(text), _ATTRIBUTE) + '"'


def _clean(text: str) -> str:
    """One line of text XML can hold."""
    return _NOT_XML_RE.sub(" ", text)


class _Writer:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            self.ascii = codecs.lookup(encoding).name != "utf-8"
        except LookupError:
            self.ascii = True

    def write(self, text: str) -> None:
        if self.ascii:
            text = text.encode("ascii", "xmlcharrefreplace").decode("ascii")
        self.stream.write(text)


# The findings a testcase lists: those that fail or lack data, never pending ones.
_LISTED = _text("status").is_in([Status.FAIL.value, Status.UNKNOWN.value])


def _line(result: RuleResult, lang: str) -> pl.Expr:
    located = pl.when(_text("file").is_not_null()).then(
        _text("file") + pl.lit(":") + pl.col("row").cast(pl.String).fill_null("")
    )
    place = pl.concat_str(_text("county"), _text("township"), separator=" ", ignore_nulls=True)
    where = pl.coalesce(located, pl.when(place != "").then(place), _text("scope"))
    return pl.concat_str(
        where, pl.lit(" "), message_expr(result, lang).fill_null("")
    ).str.replace_all(_NOT_XML, " ")


def _write_rows(out: _Writer, result: RuleResult, lang: str) -> None:
    """The listed rows of a rule, one per line, CHUNK_ROWS at a time."""
    if not result.findings.height:  # a rule without findings has a frame without columns
        return
    rows = result.findings.filter(_LISTED)
    line = _line(result, lang).str.join("\n")
    for offset in range(0, rows.height, CHUNK_ROWS):
        text = rows.slice(offset, CHUNK_ROWS).select(line).item()
        out.write(("\n" if offset else "") + escape(text))


def _testcase(out: _Writer, result: RuleResult, lang: str) -> None:
    rule = result.rule
    classname = result.pack or rule.source.section
    out.write(f'    <testcase classname={_attr(classname)} name={_attr(rule.id)} time="0"')
    title = rule.title.get(lang)
    counts = ", ".join(
        f"{pick(STATUS_TEXT[s], lang)} {n}"
        for s, n in ((Status.FAIL, result.failed), (Status.UNKNOWN, result.unknown))
        if n
    )
    notes: list[str] = []
    if result.pending:
        due = rule.due.isoformat() if rule.due else "—"
        notes.append(pick(LABELS["pending"], lang).format(n=result.pending, due=due))
    if result.status is Status.SKIPPED:
        missing = ("、" if lang != "en" else ", ").join(
            describe_missing(m, lang) for m in result.missing
        )
        message = f"{title}: {pick(LABELS['missing'], lang)} {missing}"
        out.write(f">\n      <skipped message={_attr(message)}/>\n    </testcase>\n")
        return
    if result.is_failing():
        out.write(">\n")
        out.write(
            f"      <failure message={_attr(f'{title}: {counts}')} "
            f"type={_attr(rule.severity.value)}>"
        )
        _write_rows(out, result, lang)
        out.write("</failure>\n")
        _system_out(out, result, lang, notes, rows=False)
        out.write("    </testcase>\n")
        return
    if result.unknown:  # a warning rule whose findings only lack data
        notes.insert(0, pick(LABELS["unknown"], lang).format(n=result.unknown))
        out.write(">\n")
        _system_out(out, result, lang, notes, rows=True)
        out.write("    </testcase>\n")
        return
    if notes:
        out.write(">\n")
        _system_out(out, result, lang, notes, rows=False)
        out.write("    </testcase>\n")
        return
    out.write("/>\n")


def _system_out(out: _Writer, result: RuleResult, lang: str, notes: list[str], rows: bool) -> None:
    if not notes and not rows:
        return
    out.write("      <system-out>" + escape("\n".join(_clean(n) for n in notes)))
    if rows:
        out.write("\n")
        _write_rows(out, result, lang)
    out.write("</system-out>\n")


def render_junit(report: Report, stream: TextIO, options: RenderOptions | None = None) -> None:
    lang = (options or RenderOptions()).lang
    out = _Writer(stream)
    tests = len(report.rules)
    failures = sum(1 for r in report.rules if r.status is not Status.SKIPPED and r.is_failing())
    skipped = report.count(Status.SKIPPED)
    counts = f'tests="{tests}" failures="{failures}" errors="0"'
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<testsuites name={_attr(SUITE)} {counts} time="0">\n')
    out.write(f'  <testsuite name={_attr(SUITE)} {counts} skipped="{skipped}" time="0">\n')
    out.write("    <properties>\n")
    properties = [
        ("as_of", report.as_of.isoformat()),
        ("version", report.version),
        ("verdict", report.verdict),
        ("score", score_text(report.score, "")),
        ("assessed", str(report.assessed)),
        ("applicable", str(report.applicable)),
        *(("input", f"{f.path} ({f.table}, {f.rows})") for f in report.inputs),
    ]
    for name, value in properties:
        out.write(f"      <property name={_attr(name)} value={_attr(value)}/>\n")
    out.write("    </properties>\n")
    for result in report.rules:
        _testcase(out, result, lang)
    out.write("  </testsuite>\n</testsuites>\n")
