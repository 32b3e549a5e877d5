"""The report's title: the county the data is about, never a county it is not about."""

from __future__ import annotations

from taikang_check.report.model import Report

# Up to this many counties are named in the title; more are counted ("5 个县").
NAMED_COUNTIES = 3
DEFAULT_PLACE = ("太康县", "Taikang")


def counties_of(report: Report) -> list[str]:
    """The named counties of the data, by name (none without a 区县 column)."""
    column = report.county_scores.get_column("county") if report.county_scores.height else None
    return sorted({c for c in column if c}) if column is not None else []


def report_title(report: Report, lang: str) -> str:
    """太康县义务教育优质均衡发展监测报告; with a 区县 column the counties of the data (named
    up to NAMED_COUNTIES, else counted)."""
    counties = counties_of(report)
    if lang == "en":
        title = "compulsory-education compliance report"
        if not counties:
            return f"{DEFAULT_PLACE[1]} {title}"
        if len(counties) > NAMED_COUNTIES:
            return f"{title[0].upper()}{title[1:]}: {len(counties)} counties"
        return f"{title[0].upper()}{title[1:]}: {', '.join(counties)}"
    title = "义务教育优质均衡发展监测报告"
    if not counties:
        return DEFAULT_PLACE[0] + title
    if len(counties) > NAMED_COUNTIES:
        return f"{len(counties)} 个县{title}"
    return "、".join(counties) + title
