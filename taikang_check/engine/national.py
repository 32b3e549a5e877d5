"""The national-standard summary (教督〔2017〕6号): the 7-indicator matrix per school and
stage, the variation coefficients against their limits, and a verdict and rank per county under
第五条 (resources).

It reads the rules of the national pack, so thresholds and limits live in one place: the
rule files. The matrix and the coefficients are those the checks computed (`computed`, by rule
id and check index); only a check that did not run for them is computed here.
"""

from __future__ import annotations

import polars as pl

from taikang_check.engine.check_cv import stage_of, variation_table
from taikang_check.engine.check_standard import indicator_names, standard_matrix
from taikang_check.engine.results import NationalSummary, Status
from taikang_check.rulebook.model import Check, Rule, StandardCheck

Computed = dict[tuple[str, int], pl.DataFrame]


def _standard(rules: dict[str, Rule]) -> tuple[str, int, StandardCheck] | None:
    """The standard of school stages: its rule's id, the check's index, the check."""
    for rule in rules.values():
        for index, check in enumerate(rule.checks):
            if isinstance(check, StandardCheck) and check.table == "stages":
                return rule.id, index, check
    return None


def _variation(stages: pl.DataFrame, rules: dict[str, Rule], computed: Computed) -> pl.DataFrame:
    found = [
        ((rule.id, index), check)
        for rule in rules.values()
        for index, check in enumerate(rule.checks)
        if isinstance(check, Check) and check.measure.cv is not None
    ]
    # a check by township, or one not evaluated, has no county groups to reuse
    known = {n: computed[key] for n, (key, _) in enumerate(found) if key in computed}
    table = variation_table(stages, [check for _, check in found], ["county"], known)
    if table.height == 0 and not table.columns:
        return table
    return table.drop("check").sort(["county", "stage", "indicator"], nulls_last=False)


def _counties(matrix: pl.DataFrame, variation: pl.DataFrame) -> pl.DataFrame:
    """A county meets 第五条 when every school (each stage of it) meets the school standard
    — 6 of the 7 indicators, the 7th at 85% or more — and every variation coefficient is
    within its limit; it fails when one stage or coefficient fails, and is unknown when none
    fails but one is unknown. The single-indicator rules are warnings: a school short of
    one indicator is judged by the standard, not by them. Ranked best first."""
    stages = matrix.group_by("county").agg(
        pl.len().alias("stages"),
        (pl.col("verdict") == "pass").sum().alias("stages_passing"),
        (pl.col("verdict") == "fail").sum().alias("_stages_failing"),
        (pl.col("verdict") == "unknown").sum().alias("_stages_unknown"),
    )
    schema = {"county": pl.String, "_cv_failing": pl.UInt32, "_cv_unknown": pl.UInt32}
    cvs = (
        variation.group_by("county").agg(
            (pl.col("status") == "fail").sum().alias("_cv_failing"),
            (pl.col("status") == "unknown").sum().alias("_cv_unknown"),
        )
        if variation.height
        else pl.DataFrame(schema=schema)
    )
    counties = (
        stages.join(cvs, on="county", how="left", nulls_equal=True)
        .with_columns(
            (pl.col("_stages_failing") + pl.col("_cv_failing").fill_null(0)).alias("failing"),
            (pl.col("_stages_unknown") + pl.col("_cv_unknown").fill_null(0)).alias("unknown"),
        )
        .drop("_stages_failing", "_stages_unknown", "_cv_failing", "_cv_unknown")
    )
    verdict = (
        pl.when(pl.col("failing") > 0)
        .then(pl.lit(Status.FAIL.value))
        .when(pl.col("unknown") > 0)
        .then(pl.lit(Status.UNKNOWN.value))
        .otherwise(pl.lit(Status.PASS.value))
    )
    order = (
        pl.when(pl.col("verdict") == "pass")
        .then(0)
        .when(pl.col("verdict") == "unknown")
        .then(1)
        .otherwise(2)
    )
    share = pl.col("stages_passing") / pl.col("stages")
    return (
        counties.with_columns(verdict.alias("verdict"))
        .sort(
            [order, pl.col("failing"), share, pl.col("county")],
            descending=[False, False, True, False],
            nulls_last=True,
        )
        .with_row_index("rank", offset=1)
    )


def national_summary(
    tables: dict[str, pl.DataFrame], rules: dict[str, Rule], computed: Computed | None = None
) -> NationalSummary | None:
    """The summary, from what the checks computed (`computed`, Evaluation.computed)."""
    computed = computed or {}
    stages = tables.get("stages")
    found = _standard(rules)
    if stages is None or found is None:
        return None
    rule_id, index, standard = found
    if any(r not in rules for r in standard.standard.rules):
        return None
    if "county" not in stages.columns:
        stages = stages.with_columns(pl.lit(None, pl.String).alias("county"))
    matrix = computed.get((rule_id, index))
    if matrix is None:  # the standard's rule was not evaluated
        matrix = standard_matrix(stages, standard, rules)
    names = indicator_names(standard, rules)
    variation = _variation(stages, rules, computed)
    return NationalSummary(
        matrix=matrix,
        variation=variation,
        counties=_counties(matrix, variation),
        indicators=names,
        cv_limits=_cv_limits(rules),
        others_reach=standard.standard.reach,
        at_least=standard.standard.at_least,
    )


def _cv_limits(rules: dict[str, Rule]) -> tuple[tuple[str, float], ...]:
    """Each stage's CV limit, as its rules set it (the first rule of a stage gives it)."""
    limits: dict[str, float] = {}
    for rule in rules.values():
        for check in rule.checks:
            if isinstance(check, Check) and check.measure.cv is not None:
                (limit,) = check.fail_if.bounds
                limits.setdefault(stage_of(check), float(limit))
    order = {"primary": 0, "junior": 1}
    return tuple(sorted(limits.items(), key=lambda item: (order.get(item[0], 2), item[0])))
