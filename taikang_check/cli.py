"""Command line: parse arguments and dispatch; the work happens in the *_command modules."""

from __future__ import annotations

import datetime as dt
import re

import click

from taikang_check import __version__
from taikang_check.exit_codes import ExitCode, FailOn
from taikang_check.renderers import FORMATS

PACK_CHOICES = {"taikang": ("taikang",), "national": ("national",), "all": ("taikang", "national")}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


class DateParam(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY-MM-DD"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        match = _DATE.match(str(value).strip())
        try:
            if match is None:
                raise ValueError
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD)", param, ctx)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="taikang-check")
def main() -> None:
    """Audit county school data against 太政办〔2023〕7号 and 教督〔2017〕6号.

    按太康县义务教育优质均衡发展实施方案核查学校数据。
    """


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--as-of", type=DateParam(), help="Audit date (default: today). 核查日期")
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(),
    help="Folder of rule files to use instead of the built-in packs.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="terminal",
    show_default=True,
)
@click.option(
    "--fail-on",
    type=click.Choice([f.value for f in FailOn]),
    default="error",
    show_default=True,
    help="Lowest severity of failure that gives exit status 1.",
)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--encoding", help="Force the text encoding of CSV input (default: detect).")
@click.option(
    "--max-findings",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Findings shown per rule in the terminal report.",
)
@click.option(
    "--pack",
    type=click.Choice(["taikang", "national", "all"]),
    default="all",
    show_default=True,
    help="Built-in rule pack: the county plan, the national standard, or both.",
)
@click.option(
    "--teaching-points",
    type=click.Choice(["include", "exclude"]),
    default="include",
    show_default=True,
    help="Count teaching points as primary schools in the national "
    "standard's school verdicts and variation coefficients.",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    metavar="[FORMAT:]PATH",
    help="Also write a report to a file, e.g. html:report.html or junit:junit.xml; a bare "
    "PATH takes --format (which then goes to the file instead of the screen). Repeatable.",
)
@click.option("--verbose", "-v", is_flag=True, help="List every finding in the terminal report.")
@click.option("--quiet", "-q", is_flag=True, help="Only the summary and the failing rules.")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
def audit(
    files: tuple[str, ...],
    as_of: dt.date | None,
    rules_dir: str | None,
    fmt: str,
    fail_on: str,
    lang: str,
    encoding: str | None,
    max_findings: int,
    pack: str,
    teaching_points: str,
    outputs: tuple[str, ...],
    verbose: bool,
    quiet: bool,
    debug: bool,
) -> None:
    """Audit data FILES (CSV) against the rules. 核查数据文件。"""
    from taikang_check.audit_command import AuditOptions, run_audit

    options = AuditOptions(
        paths=files,
        as_of=as_of,
        rules_dir=rules_dir,
        format=fmt,
        fail_on=FailOn(fail_on),
        lang=lang,
        encoding=encoding,
        max_findings=max_findings,
        debug=debug,
        packs=PACK_CHOICES[pack],
        teaching_points=teaching_points == "include",
        outputs=outputs,
        verbose=verbose,
        quiet=quiet,
    )
    raise SystemExit(run_audit(options))


@main.command("rules")
@click.option("--section", help="Only rules of this section of the plan, e.g. 三(一).")
@click.option("--table", type=click.Choice(["schools", "classes", "indicators"]))
@click.option("--tag", help="Only rules with this tag, e.g. class-size.")
@click.option(
    "--pack", type=click.Choice(["taikang", "national", "all"]), default="all", show_default=True
)
@click.option("--rules", "rules_dir", type=click.Path(), help="Folder of rule files.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def rules_(
    section: str | None,
    table: str | None,
    tag: str | None,
    pack: str,
    rules_dir: str | None,
    lang: str,
) -> None:
    """List the rules. 列出规则。"""
    from taikang_check.rules_command import RuleFilter, run_rules

    only = RuleFilter(section, table, tag)
    raise SystemExit(run_rules(rules_dir, only, lang, PACK_CHOICES[pack]))


@main.command()
@click.argument("rule_id", metavar="RULE")
@click.option("--rules", "rules_dir", type=click.Path(), help="Folder of rule files.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def explain(rule_id: str, rules_dir: str | None, lang: str) -> None:
    """Explain one rule: its sentence, population, condition and dates. 解释一条规则。"""
    from taikang_check.rules_command import run_explain

    raise SystemExit(run_explain(rule_id, rules_dir, lang))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--encoding", help="Force the text encoding of CSV input (default: detect).")
def validate(files: tuple[str, ...], lang: str, encoding: str | None) -> None:
    """Check data FILES without auditing them. 只检查数据文件。"""
    from taikang_check.validate_command import run_validate

    raise SystemExit(run_validate(files, lang, encoding))


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(["xlsx", "csv"]), default="xlsx", show_default=True
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Header language.",
)
@click.option(
    "-o",
    "--output",
    "directory",
    type=click.Path(),
    default=".",
    show_default=True,
    help="Folder to write into.",
)
@click.option("--force", is_flag=True, help="Replace template files that already exist.")
def template(fmt: str, lang: str, directory: str, force: bool) -> None:
    """Write blank tables to fill in. 生成填报模板。"""
    from taikang_check.template_command import TemplateOptions, run_template

    raise SystemExit(run_template(TemplateOptions(fmt, lang, directory, force)))


__all__ = ["ExitCode", "main"]
