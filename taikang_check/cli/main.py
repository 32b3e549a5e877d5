"""Command line: parse arguments and dispatch; the work happens in `commands/`."""

from __future__ import annotations

from typing import Any

import click

from taikang_check import __version__
from taikang_check.cli.bilingual import BilingualGroup, current_language
from taikang_check.cli.params import (
    PACK_CHOICES,
    DateParam,
    encoding_option,
    lang_option,
    output_option,
    pack_option,
    rules_option,
    shared_options,
    shared_values,
    with_config,
)
from taikang_check.commands.exit_codes import ExitCode, FailOn
from taikang_check.render.format_names import FORMATS

# Each command imports its module when it runs (the function-local imports below): the commands
# pull in polars, pydantic and rich, and `--help` must stay instant.

# What a config file may set for each command (parameter names; see taikang_check/config.py).
AUDIT_CONFIG = frozenset(
    {"as_of", "pack", "select", "ignore", "fail_on", "lang", "rules_dir", "fmt", "teaching_points"}
)
TREND_CONFIG = AUDIT_CONFIG - {"fail_on", "fmt"}


@click.group(cls=BilingualGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="taikang-check")
def main() -> None:
    """Audit county school data against 太政办〔2023〕7号 and 教督〔2017〕6号."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--as-of", type=DateParam(), help="Audit date (default: today).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="terminal",
    show_default=True,
    help="Report format on the screen.",
)
@click.option(
    "--fail-on",
    type=click.Choice([f.value for f in FailOn]),
    default="error",
    show_default=True,
    help="Lowest severity of failure that gives exit status 1.",
)
@click.option(
    "--max-findings",
    type=click.IntRange(min=1, max=1_000_000),  # beyond, a C int would overflow
    default=20,
    show_default=True,
    help="Findings shown per rule in the terminal report.",
)
@output_option
@click.option("--verbose", "-v", is_flag=True, help="List every finding in the terminal report.")
@click.option("--quiet", "-q", is_flag=True, help="Only the summary and the failing rules.")
@click.option(
    "--html-schools",
    is_flag=True,
    help="HTML report: add a page per school with its findings (printed: a page each).",
)
@click.option(
    "--by-township",
    is_flag=True,
    help="In the workbook (-o xlsx:PATH), also a sheet of findings per township.",
)
@shared_options
def audit(**params: Any) -> None:
    """Audit data FILES (CSV, XLSX) against the rules.

    Settings may also come from taikang-check.toml or [tool.taikang-check] in
    pyproject.toml (the nearest, from the current folder up); options given here win.
    """
    from taikang_check.commands.audit import AuditOptions, run_audit

    p = with_config(params, AUDIT_CONFIG)
    p["lang"] = p["lang"] or current_language()
    options = AuditOptions(
        paths=p["files"],
        as_of=p["as_of"],
        format=p["fmt"],
        fail_on=FailOn(p["fail_on"]),
        max_findings=p["max_findings"],
        outputs=p["outputs"],
        verbose=p["verbose"],
        quiet=p["quiet"],
        **shared_values(p),
        school_pages=p["html_schools"],
        by_township=p["by_township"],
    )
    raise SystemExit(run_audit(options))


@main.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path())
@click.option(
    "--as-of",
    type=DateParam(),
    help="Audit every year at this date (default: 31 August after the year a folder's name "
    "starts with, else today).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["terminal", "json", "html"]),
    default="terminal",
    show_default=True,
    help="Trend format on the screen.",
)
@output_option
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="List every rule, not only those that failed or lacked data in some year.",
)
@shared_options
def trend(**params: Any) -> None:
    """Compare school years: FOLDERS each hold one year's tables (2023/ 2024/ …)."""
    from taikang_check.commands.trend import TrendOptions, run_trend

    p = with_config(params, TREND_CONFIG)
    p["lang"] = p["lang"] or current_language()
    options = TrendOptions(
        folders=p["folders"],
        as_of=p["as_of"],
        format=p["fmt"],
        outputs=p["outputs"],
        verbose=p["verbose"],
        **shared_values(p),
    )
    raise SystemExit(run_trend(options))


@main.command("rules")
@click.option("--section", help="Only rules of this section of the plan, e.g. 三(一).")
@click.option(
    "--table",
    type=click.Choice(["schools", "classes", "indicators", "class_bands"]),
    help="Only rules that read this table.",
)
@click.option("--tag", help="Only rules with this tag, e.g. class-size.")
@pack_option
@rules_option
@lang_option()
def rules_(
    section: str | None,
    table: str | None,
    tag: str | None,
    pack: str,
    rules_dir: str | None,
    lang: str | None,
) -> None:
    """List the rules."""
    from taikang_check.commands.rules import RuleFilter, run_rules

    only = RuleFilter(section, table, tag)
    raise SystemExit(run_rules(rules_dir, only, lang or current_language(), PACK_CHOICES[pack]))


@main.command()
@click.argument("rule_id", metavar="RULE")
@rules_option
@lang_option()
def explain(rule_id: str, rules_dir: str | None, lang: str | None) -> None:
    """Explain one rule: its sentence, population, condition and dates."""
    from taikang_check.commands.rules import run_explain

    raise SystemExit(run_explain(rule_id, rules_dir, lang or current_language()))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@lang_option()
@encoding_option
def validate(files: tuple[str, ...], lang: str | None, encoding: str | None) -> None:
    """Check data FILES without auditing them."""
    from taikang_check.commands.validate import run_validate

    raise SystemExit(run_validate(files, lang or current_language(), encoding))


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    default="xlsx",
    show_default=True,
    help="Template format.",
)
@lang_option("Header language.")
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
def template(fmt: str, lang: str | None, directory: str, force: bool) -> None:
    """Write blank tables to fill in."""
    from taikang_check.commands.template import TemplateOptions, run_template

    raise SystemExit(
        run_template(TemplateOptions(fmt, lang or current_language(), directory, force))
    )


__all__ = ["ExitCode", "main"]
