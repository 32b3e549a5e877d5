"""The audit as one Python call: read inputs, validate, evaluate rules, build the report."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

import polars as pl

from taikang_check import __version__
from taikang_check.engine.distributions import class_size_distribution
from taikang_check.engine.evaluate import evaluate
from taikang_check.engine.national import national_summary
from taikang_check.engine.remedy import remedy_totals
from taikang_check.engine.score import scores
from taikang_check.engine.tables import prepare_tables
from taikang_check.engine.township_gaps import township_variation
from taikang_check.problems import Problem, ProblemCode, ProblemsFound
from taikang_check.read.dataset import Dataset, load_dataset
from taikang_check.report.model import Report, RuleResult, Status
from taikang_check.rulebook.loader import PACKS, LoadedRule, load_rules
from taikang_check.rulebook.selection import select_rules

# A rule with one of these statuses was evaluated on the data.
_EVALUATED = frozenset({Status.PASS, Status.FAIL, Status.PENDING, Status.UNKNOWN})


def audit(
    paths: Sequence[str | os.PathLike[str]],
    as_of: dt.date | None = None,
    rules_dir: str | os.PathLike[str] | None = None,
    packs: tuple[str, ...] = PACKS,
    encoding: str | None = None,
    teaching_points: bool = True,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    class_sizes: bool = True,
    rules: list[LoadedRule] | None = None,
) -> Report:
    """Audit the given data files; raises ProblemsFound when the audit cannot run.

    `packs` chooses the built-in rule packs (taikang, national); `teaching_points` says
    whether teaching points count as primary schools for the national standard; `select`
    and `ignore` choose rules by id, id prefix (`national-cv-*`), section or tag
    (rulebook/selection.py). `class_sizes` computes the class-size distribution that
    the HTML report draws (a pass over every class; the other reports do without it).
    `rules`, from `selected_rules`, spares a caller auditing several folders (trend) reading
    and validating the rule files again for each; the four rule arguments are then unused.
    """
    as_of = as_of or dt.date.today()
    if rules is None:
        rules = selected_rules(rules_dir, packs, select, ignore)
    dataset = load_dataset([os.fspath(p) for p in paths], encoding)
    report = build_report(dataset, rules, as_of, teaching_points, class_sizes)
    if not any(r.status in _EVALUATED for r in report.rules):
        # Every rule skipped or not applicable: a pass here would say nothing was checked.
        raise ProblemsFound([Problem(ProblemCode.NOTHING_TO_AUDIT), *report.warnings])
    return report


def selected_rules(
    rules_dir: str | os.PathLike[str] | None = None,
    packs: tuple[str, ...] = PACKS,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> list[LoadedRule]:
    """The rules an audit with these arguments runs, loaded and validated once."""
    return select_rules(load_rules(rules_dir, packs), select, ignore, rules_dir is None)


def build_report(
    dataset: Dataset,
    rules: list[LoadedRule],
    as_of: dt.date,
    teaching_points: bool = True,
    class_sizes: bool = True,
) -> Report:
    tables = prepare_tables(dataset, teaching_points)
    evaluation = evaluate(rules, tables, as_of)
    paths = [f.path for f in dataset.files]
    results = _finish_findings(evaluation.results, paths)
    figures = scores(results, evaluation.coded_tally, tables, dataset.tables.get("schools"), as_of)
    return Report(
        as_of=as_of,
        inputs=tuple(dataset.files),
        rules=results,
        score=figures.overall.score,
        county_scores=figures.counties,
        township_scores=figures.townships,
        school_scores=figures.schools,
        version=__version__,
        verdict=figures.overall.verdict,
        assessed=figures.overall.assessed,
        applicable=figures.overall.applicable,
        warnings=tuple(dataset.notes),
        skipped_sheets=tuple(dataset.skipped_sheets),
        national=national_summary(tables, {r.rule.id: r.rule for r in rules}, evaluation.computed),
        class_sizes=class_size_distribution(tables) if class_sizes else None,
        remedies=remedy_totals(results),
        township_variation=township_variation(tables, results),
    )


def _finish_findings(results: Sequence[RuleResult], paths: list[str]) -> tuple[RuleResult, ...]:
    """File indices to paths, and the contract's order: by file, then row. One polars call
    for every rule's findings (a few eager queries per rule added up to hundreds)."""
    by_name = sorted(range(len(paths)), key=lambda i: paths[i])
    rank = {index: position for position, index in enumerate(by_name)}
    names = dict(enumerate(paths))
    found = [index for index, result in enumerate(results) if result.findings.height]
    plans = [_ordered(results[index].findings, rank, names) for index in found]
    # In memory, as the eager queries were.
    frames = pl.collect_all(plans, engine="in-memory") if plans else []
    finished = list(results)
    for index, findings in zip(found, frames, strict=True):
        finished[index] = RuleResult(**{**results[index].__dict__, "findings": findings})
    return tuple(finished)


def _ordered(findings: pl.DataFrame, rank: dict[int, int], names: dict[int, str]) -> pl.LazyFrame:
    # Exact decimals were for comparing; reports show plain numbers.
    decimals = [n for n, t in findings.schema.items() if isinstance(t, pl.Decimal)]
    return (
        findings.lazy()
        .with_columns(pl.col(decimals).cast(pl.Float64))
        .with_columns(pl.col("file").replace_strict(rank, default=None).alias("_rank"))
        .sort(["_rank", "row", "county", "township"], nulls_last=False, maintain_order=True)
        .with_columns(pl.col("file").replace_strict(names, default=None, return_dtype=pl.String))
        .drop("_rank")
    )
