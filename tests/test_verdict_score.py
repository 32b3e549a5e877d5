"""Verdict, score and coverage (contract §4), report order and numbers for people."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from taikang_check.api import audit
from taikang_check.commands.exit_codes import ExitCode, exit_code_for
from taikang_check.render.formats import Output, RenderOptions, write
from taikang_check.report.order import section_key

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
AS_OF = dt.date(2025, 6, 30)
FILES = [SAMPLE / "schools.csv", SAMPLE / "classes.csv", SAMPLE / "indicators.csv"]


def render(report, fmt: str, lang: str = "zh") -> str:  # type: ignore[no-untyped-def]
    stream = io.StringIO()
    write(report, Output(fmt, None), stream, RenderOptions(lang=lang))
    return stream.getvalue()


@pytest.fixture(scope="module")
def sample():  # type: ignore[no-untyped-def]
    return audit(FILES, as_of=AS_OF)


def expected_score(report: dict) -> tuple[float | None, int, int]:  # type: ignore[type-arg]
    """The contract's formula over the JSON rules, computed independently."""
    as_of = report["as_of"]
    due = [r for r in report["rules"] if r["due"] is None or r["due"] <= as_of]
    passed = sum(r["status"] == "pass" for r in due)
    assessed = sum(r["status"] in ("pass", "fail", "unknown") for r in due)
    applicable = assessed + sum(r["status"] == "skipped" for r in due)
    score = round(100 * passed / applicable, 2) if applicable else None
    return score, assessed, applicable


def test_sample_summary_has_verdict_score_and_coverage(sample) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(render(sample, "json"))
    assert report["schema_version"] == 2
    summary = report["summary"]
    assert list(summary)[:4] == ["verdict", "score", "assessed", "applicable"]
    score, assessed, applicable = expected_score(report)
    assert summary["score"] == pytest.approx(score)
    assert summary["assessed"] == assessed
    assert summary["applicable"] == applicable
    assert summary["verdict"] == "fail"
    assert exit_code_for(sample) == ExitCode.FINDINGS


def _drop_column(source: Path, column: str, target: Path) -> None:
    with source.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    index = rows[0].index(column)
    with target.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([r[:index] + r[index + 1 :] for r in rows])


@pytest.mark.parametrize("column", ["确需保留", "纳入中心校管理", "资源教室", "开办日期", "寄宿制"])
def test_dropping_a_column_never_raises_score_or_coverage(
    sample,
    column: str,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    target = tmp_path / "schools.csv"
    _drop_column(SAMPLE / "schools.csv", column, target)
    dropped = audit([target, *FILES[1:]], as_of=AS_OF)
    assert dropped.score is not None
    assert sample.score is not None
    assert dropped.score <= sample.score
    assert dropped.assessed <= sample.assessed


def _one_large_class(tmp_path: Path) -> list[Path]:
    schools = tmp_path / "schools.csv"
    schools.write_text(
        "school_id,name,township,kind,ownership,area,students\n"
        "S1,城关第一小学,城关镇,primary,public,urban,276\n",
        encoding="utf-8",
    )
    classes = tmp_path / "classes.csv"
    rows = [f"S1,{grade},{grade}年级1班,{56 if grade == 3 else 44}" for grade in range(1, 7)]
    classes.write_text(
        "school_id,grade,class_name,students\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    return [schools, classes]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_large_class_fails_and_comes_first(tmp_path: Path, lang: str) -> None:
    report = audit(_one_large_class(tmp_path), as_of=dt.date(2024, 9, 2), packs=("taikang",))
    assert report.verdict == "fail"
    assert exit_code_for(report) == ExitCode.FINDINGS
    assert json.loads(render(report, "json"))["summary"]["verdict"] == "fail"
    first_screen = render(report, "terminal", lang).splitlines()[:25]
    text = "\n".join(first_screen)
    assert ("结论: 不合格" if lang == "zh" else "Verdict: fail") in text
    findings = [line for line in first_screen if "classes.csv:" in line]
    assert findings
    assert "classes.csv:4" in findings[0]
    assert "56 / 56" in findings[0]
    assert "large-class" in text


def test_before_the_due_date_the_class_is_pending_and_the_verdict_passes(tmp_path: Path) -> None:
    report = audit(_one_large_class(tmp_path), as_of=dt.date(2024, 8, 31), packs=("taikang",))
    large = next(r for r in report.rules if r.rule.id == "large-class")
    assert large.status.value == "pending"
    assert report.verdict in ("pass", "undecided")
    assert (exit_code_for(report) == ExitCode.OK) == (report.verdict == "pass")


def test_no_teaching_points_means_their_skipped_rules_do_not_apply(tmp_path: Path) -> None:
    files = _one_large_class(tmp_path)
    report = audit(files, as_of=dt.date(2024, 9, 2), packs=("taikang",))
    statuses = {r.rule.id: r.status.value for r in report.rules}
    assert statuses["retained-teaching-point"] in ("skipped", "not_applicable")
    summary = json.loads(render(report, "json"))["summary"]
    skipped = summary["applicable"] - summary["assessed"]
    assert 0 <= skipped <= summary["skipped"]


def test_section_key_is_chinese_numeral_aware() -> None:
    sections = ["附件2(6)", "三(十)", "三(一)", "二(四)", "四(二)", "三(九)", "二(一)"]
    assert sorted(sections, key=section_key) == [
        "二(一)",
        "二(四)",
        "三(一)",
        "三(九)",
        "三(十)",
        "四(二)",
        "附件2(6)",
    ]
    assert sorted(["第十条", "第五条(一)", "第六条"], key=section_key) == [
        "第五条(一)",
        "第六条",
        "第十条",
    ]


NOISE = re.compile(r"\d+\.\d{3,}")


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_no_number_has_more_than_two_decimals(sample, fmt: str) -> None:  # type: ignore[no-untyped-def]
    text = render(sample, fmt)
    assert NOISE.findall(text) == []


def test_json_messages_have_no_float_noise(sample) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(render(sample, "json"))
    messages = [f["message"] for f in report["findings"]]
    assert [m for m in messages if NOISE.search(m)] == []
    assert NOISE.search(json.dumps(report["summary"])) is None


def test_number_formatter() -> None:
    from taikang_check.text.numbers import compared_number, number, percent

    assert number(61.980000000000004) == "61.98"
    assert number(4.281000000000001) == "4.28"
    assert number(52) == "52"
    assert number(52.0) == "52"
    assert number(None) == "—"
    assert percent(91.5) == "91.5%"
    assert compared_number(0.5083, 0.45) == "0.51"
    assert compared_number(0.4504, 0.45) == "0.4504"
    assert compared_number(0.45, 0.45) == "0.45"


def test_display_keeps_digits_where_rounding_would_meet_the_limit() -> None:
    import polars as pl

    from taikang_check.text.finding_messages import display_text

    frame = pl.DataFrame({"value": ["99.99875", "61.980000000000004", "52"], "limit": ["100"] * 3})
    shown = frame.select(display_text(pl.col("value"), "zh", pl.col("limit"))).to_series()
    assert shown.to_list() == ["99.99875", "61.98", "52"]
