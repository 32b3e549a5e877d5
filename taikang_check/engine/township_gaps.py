"""The coefficients of variation per township (四(四) 校际差异), kept whole for `trend`.

A township rule's findings name only the coefficients over their limit; whether a township's
gaps grow (the plan summons the heads of such townships) is a comparison of every coefficient
with the year before, so the audit keeps all of them: the same groups, formula and limits as
the rule's checks (check_cv.py), for every rule with coefficient checks at township scope
that was evaluated.
"""

from __future__ import annotations

import polars as pl

from taikang_check.engine.check_cv import variation_table
from taikang_check.engine.results import RuleResult, Status
from taikang_check.rulebook.model import Check, Scope

EVALUATED = (Status.PASS, Status.FAIL, Status.PENDING, Status.UNKNOWN)
KEYS = ["county", "township"]


def _township_cv_checks(result: RuleResult, columns: list[str]) -> list[Check]:
    return [
        check
        for check in result.rule.checks
        if isinstance(check, Check)
        and check.measure.cv is not None
        and check.scope is Scope.TOWNSHIP
        and check.table == "stages"
        and {check.measure.cv.numerator, check.measure.cv.denominator} <= set(columns)
    ]


def township_variation(
    tables: dict[str, pl.DataFrame], results: list[RuleResult] | tuple[RuleResult, ...]
) -> pl.DataFrame | None:
    """rule, severity, county, township, check, stage, indicator, cv (null when unknown),
    limit, schools, status (pass, fail, unknown; groups the rule does not apply to are left
    out), by rule, county, township and check; None when no such rule was evaluated on a
    stages table."""
    stages = tables.get("stages")
    if stages is None:
        return None
    parts = []
    for result in results:
        if result.status not in EVALUATED:
            continue
        checks = _township_cv_checks(result, stages.columns)
        table = variation_table(stages, checks, KEYS) if checks else pl.DataFrame()
        if table.height == 0:
            continue
        parts.append(
            table.filter(pl.col("status") != Status.NOT_APPLICABLE.value).select(
                pl.lit(result.rule.id).alias("rule"),
                pl.lit(result.severity.value).alias("severity"),
                *KEYS,
                "check",
                "stage",
                "indicator",
                # A blank leaves a coefficient unknown: the one over the other schools is not it.
                pl.when(pl.col("status") != Status.UNKNOWN.value).then("cv").alias("cv"),
                "limit",
                "schools",
                "status",
            )
        )
    if not parts:
        return None
    return pl.concat(parts).sort(["rule", *KEYS, "check"], nulls_last=False)
