"""The class-size band table (班额情况表, the statistics return's 教学班数、班额情况): read like
the other tables, the class-size rules answered exactly from its bands, and the classes needed
estimated from the bands' upper bounds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from conftest import SAMPLE_CLASSES, SAMPLE_SCHOOLS, CliRun, write_table

from taikang_check.api import audit
from taikang_check.contract.columns_bands import BANDS
from taikang_check.engine.evaluate import evaluate
from taikang_check.engine.tables import prepare_tables
from taikang_check.problems import ProblemCode, ProblemsFound
from taikang_check.read.dataset import Dataset, load_dataset
from taikang_check.report.model import Report
from taikang_check.rulebook.loader import load_rules

AS_OF = dt.date(2025, 9, 1)
CLASS_SIZE_RULES = (
    "large-class",
    "class-size-primary",
    "class-size-junior",
    "intake-class-size",
    "national-class-size",
)
BAND_ZH = [
    "25人及以下",
    "26-30人",
    "31-35人",
    "36-40人",
    "41-45人",
    "46-50人",
    "51-55人",
    "56-60人",
    "61-65人",
    "66人及以上",
]
SCHOOL = {
    "school_id": "S1",
    "name": "S1小学",
    "township": "城关回族镇",
    "kind": "nine_year",
    "ownership": "public",
    "area": "urban",
    "students": 300,
}


def _schools(tmp_path: Path, *ids: str) -> Path:
    path = tmp_path / "schools.csv"
    pl.DataFrame([{**SCHOOL, "school_id": i, "name": f"{i}学校"} for i in ids]).write_csv(path)
    return path


def _band_counts(**counts: int) -> list[int]:
    """Ten band cells, by the band's Chinese heading: _band_counts(**{"46-50人": 1})."""
    return [counts.get(heading, 0) for heading in BAND_ZH]


def _bands(tmp_path: Path, rows: list[list[object]], head: list[str] | None = None) -> Path:
    return write_table(tmp_path, "bands.csv", (head or ["学校代码", "年级"]) + BAND_ZH, rows)


def _derived(classes: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """A band table counted from class rows, as a school fills the return in from its classes."""
    in_band = [
        (
            (pl.col("students") >= band.lower)
            & (pl.col("students") <= (band.upper if band.upper is not None else pl.col("students")))
        )
        .sum()
        .alias(band.column)
        for band in BANDS
    ]
    return classes.group_by(keys).agg(in_band).sort(keys)


def _sample_classes() -> pl.DataFrame:
    return load_dataset([str(SAMPLE_CLASSES)]).tables["classes"]


def _by_school(dataset: Dataset) -> dict[str, tuple[set[tuple[str, str]], set[str]]]:
    """Per class-size rule: its (school, status) findings, and the schools it was evaluated at."""
    rules = [r for r in load_rules(None) if r.rule.id in CLASS_SIZE_RULES]
    evaluation = evaluate(rules, prepare_tables(dataset), AS_OF)
    verdicts = {}
    for result in evaluation.results:
        findings = result.findings
        flagged = (
            set(zip(findings["school_id"], findings["status"], strict=True))
            if findings.height
            else set()
        )
        counted = evaluation.tally.filter(
            (pl.col("rule") == result.rule.id) & (pl.col("counted") > 0)
        )
        verdicts[result.rule.id] = (flagged, set(counted["school_id"].to_list()))
    return verdicts


def _report(paths: list[Path], as_of: dt.date = AS_OF) -> Report:
    return audit(paths, as_of=as_of, class_sizes=False)


def _rows(report: Report, rule: str) -> list[dict[str, object]]:
    result = next(r for r in report.rules if r.rule.id == rule)
    return result.findings.to_dicts() if result.findings.height else []


# --- Done when: the sample's classes as bands give the same verdict per school ---------------


def test_bands_by_grade_derived_from_the_sample_give_its_verdicts_per_school(
    tmp_path: Path,
) -> None:
    path = tmp_path / "class_bands.csv"
    _derived(_sample_classes(), ["school_id", "grade"]).write_csv(path)
    from_classes = _by_school(load_dataset([str(SAMPLE_SCHOOLS), str(SAMPLE_CLASSES)]))
    from_bands = _by_school(load_dataset([str(SAMPLE_SCHOOLS), str(path)]))
    assert set(from_classes) == set(CLASS_SIZE_RULES)
    for rule in CLASS_SIZE_RULES:
        assert from_bands[rule] == from_classes[rule], rule
        assert from_classes[rule][0], f"the sample has no finding of {rule} to compare"


def test_bands_by_stage_give_the_verdicts_their_stage_decides(tmp_path: Path) -> None:
    classes = _sample_classes().with_columns(
        pl.when(pl.col("grade") <= 6)
        .then(pl.lit("primary"))
        .otherwise(pl.lit("junior"))
        .alias("stage")
    )
    path = tmp_path / "class_bands.csv"
    _derived(classes.filter(pl.col("grade") <= 9), ["school_id", "stage"]).write_csv(path)
    from_classes = _by_school(load_dataset([str(SAMPLE_SCHOOLS), str(SAMPLE_CLASSES)]))
    from_bands = _by_school(load_dataset([str(SAMPLE_SCHOOLS), str(path)]))
    for rule in ("large-class", "class-size-primary", "class-size-junior", "national-class-size"):
        assert {s for s, _ in from_bands[rule][0]} == {s for s, _ in from_classes[rule][0]}, rule
        assert from_bands[rule][1] == from_classes[rule][1], rule
    # The intake year needs the grade: a stage with a class over the cap cannot say whether
    # that class was admitted after the plan (unknown), and one with none passes.
    intake_bands, intake_classes = (
        from_bands["intake-class-size"],
        from_classes["intake-class-size"],
    )
    failing = {s for s, status in intake_classes[0] if status == "fail"}
    assert failing
    assert failing <= {s for s, status in intake_bands[0] if status in ("unknown", "fail")}
    assert intake_bands[1] == intake_classes[1]
    # In 2025–26 grades 1–3 were admitted from autumn 2023 and grades 4–6 before: a primary
    # stage is undecided. Grades 7–9 all entered grade 7 from autumn 2023: a junior stage is
    # decided.
    rows = _rows(_report([SAMPLE_SCHOOLS, path]), "intake-class-size")
    statuses = {(row["stage"], row["status"]) for row in rows}
    assert statuses == {("primary", "unknown"), ("junior", "fail")}


# --- verdicts at the edges -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "band", "rule", "failed"),
    [
        ("三年级", "41-45人", "class-size-primary", False),  # 45 at most: passes
        ("三年级", "46-50人", "class-size-primary", True),  # one over the cap
        ("八年级", "46-50人", "class-size-junior", False),
        ("八年级", "51-55人", "class-size-junior", True),
        ("八年级", "51-55人", "large-class", False),  # 55 is no large class
        ("八年级", "56-60人", "large-class", True),
        ("三年级", "66人及以上", "large-class", True),
    ],
)
def test_a_band_wholly_above_the_cap_fails(
    tmp_path: Path, grade: str, band: str, rule: str, failed: bool
) -> None:
    paths = [
        _schools(tmp_path, "S1"),
        _bands(tmp_path, [["S1", grade, *_band_counts(**{band: 2})]]),
    ]
    result = next(r for r in _report(paths).rules if r.rule.id == rule)
    assert (result.failed, result.passed) == ((1, 0) if failed else (0, 1))
    if failed:
        (finding,) = _rows(_report(paths), rule)
        assert (finding["table"], finding["school_id"], finding["value"]) == (
            "class_bands",
            "S1",
            "2",
        )
        assert finding["school_name"] == "S1学校"


def test_the_finding_says_how_many_classes_lie_above_the_cap(tmp_path: Path, cli: CliRun) -> None:
    counts = _band_counts(**{"41-45人": 3, "46-50人": 2, "51-55人": 1})
    paths = [_schools(tmp_path, "S1"), _bands(tmp_path, [["S1", "三年级", *counts]])]
    zh = cli("audit", *paths, "--as-of", "2025-09-01", "--select", "class-size-primary")
    assert zh.exit_code == 1
    assert "3年级有3个班超过45人（班额情况表）" in zh.stdout
    en = cli("audit", *paths, "--as-of", "2025-09-01", "--format", "json", "--lang", "en")
    report = json.loads(en.stdout)
    assert {"path": str(paths[1]), "table": "class_bands", "rows": 1} in report["inputs"]
    finding = next(f for f in report["findings"] if f["rule"] == "class-size-primary")
    assert (finding["value"], finding["limit"], finding["file"], finding["row"]) == (
        3,
        45,
        str(paths[1]),
        2,
    )
    assert finding["message"] == "grade 3: 3 class(es) above 45 students (class-size bands)"


def test_a_blank_band_above_the_cap_is_unknown_and_below_it_decides_nothing(
    tmp_path: Path,
) -> None:
    blank_above = _band_counts()
    blank_above[BAND_ZH.index("51-55人")] = None  # type: ignore[call-overload]
    blank_below = _band_counts()
    blank_below[BAND_ZH.index("31-35人")] = None  # type: ignore[call-overload]
    decided = _band_counts(**{"46-50人": 1})
    decided[BAND_ZH.index("51-55人")] = None  # type: ignore[call-overload]
    rows = [
        ["S1", "一年级", *blank_above],
        ["S1", "二年级", *blank_below],
        ["S1", "三年级", *decided],
    ]
    report = _report([_schools(tmp_path, "S1"), _bands(tmp_path, rows)])
    result = next(r for r in report.rules if r.rule.id == "class-size-primary")
    assert (result.unknown, result.passed, result.failed) == (1, 1, 1)
    by_row = {f["row"]: f["status"] for f in _rows(report, "class-size-primary")}
    assert by_row == {2: "unknown", 4: "fail"}


def test_a_cap_inside_a_band_is_refused_not_guessed(tmp_path: Path, cli: CliRun) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "cap.yaml").write_text(
        """rules:
  - id: cap-48
    title: {zh: 每班不超过48人, en: At most 48}
    source: {section: 三(一), quote: 每班不超过48人}
    severity: error
    checks:
      - table: classes
        where: [{column: grade, between: [1, 9]}]
        measure: {column: students}
        fail_if: {gt: 48}
""",
        encoding="utf-8",
    )
    schools = _schools(tmp_path, "S1")
    bands = _bands(tmp_path, [["S1", "一年级", *_band_counts(**{"46-50人": 1})]])
    run = cli("audit", schools, bands, "--rules", rules, "--lang", "en")
    assert run.exit_code == 2
    assert "[band-cap-off-edge]" in run.stderr
    assert "48" in run.stderr
    assert "45, 50" in run.stderr
    classes = write_table(tmp_path, "classes.csv", ["学校代码", "年级", "学生数"], [["S1", 1, 49]])
    assert cli("audit", schools, classes, "--rules", rules).exit_code == 1  # exact sizes: fine


# --- both tables: the classes table decides its schools --------------------------------------


def test_a_school_in_the_classes_table_is_audited_from_its_classes_only(tmp_path: Path) -> None:
    schools = _schools(tmp_path, "S1", "S2")
    classes = write_table(tmp_path, "classes.csv", ["学校代码", "年级", "学生数"], [["S1", 1, 50]])
    over = _band_counts(**{"46-50人": 1})
    bands = _bands(tmp_path, [["S1", "一年级", *over], ["S2", "一年级", *over]])
    report = _report([schools, classes, bands])
    rows = _rows(report, "class-size-primary")
    assert sorted((f["school_id"], f["table"]) for f in rows) == [
        ("S1", "classes"),
        ("S2", "class_bands"),
    ]
    (note,) = [w for w in report.warnings if w.code is ProblemCode.BANDS_SUPERSEDED]
    assert (note.file, note.row, note.value, note.detail) == (str(bands), 2, "S1", {"count": "1"})
    result = next(r for r in report.rules if r.rule.id == "class-size-primary")
    assert (result.evaluated, result.failed) == (2, 2)  # S1 once, not twice


def test_bands_alone_stand_in_for_the_classes_table_not_the_fallback(tmp_path: Path) -> None:
    schools = write_table(
        tmp_path,
        "schools.csv",
        [
            "学校代码",
            "学校名称",
            "乡镇",
            "学校类型",
            "办学性质",
            "城乡类别",
            "在校生数",
            "小学最大班额",
        ],
        [["S1", "S1小学", "城关回族镇", "小学", "公办", "城区", 300, 70]],
    )
    bands = _bands(tmp_path, [["S1", "一年级", *_band_counts(**{"41-45人": 1})]])
    report = _report([schools, bands])
    result = next(r for r in report.rules if r.rule.id == "large-class")
    assert (result.used_fallback, result.status.value) == (False, "pass")


# --- reading: headers, Excel, located problems, totals -------------------------------------


def test_english_headers_in_an_excel_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["school_id", "stage", *(band.column for band in BANDS)])
    sheet.append(["S1", "junior", *_band_counts(**{"51-55人": 1})])
    path = tmp_path / "bands.xlsx"
    book.save(path)
    report = _report([_schools(tmp_path, "S1"), path])
    (finding,) = _rows(report, "class-size-junior")
    assert (finding["table"], finding["row"], finding["value"]) == ("class_bands", 2, "1")


@pytest.mark.parametrize("heading", ["26～30人", "26~30人", "26至30人", "26–30人"])
def test_the_returns_ways_of_writing_a_band(tmp_path: Path, heading: str) -> None:
    head = ["学校代码", "年级", *(heading if h == "26-30人" else h for h in BAND_ZH)]
    path = write_table(tmp_path, "bands.csv", head, [["S1", 1, *_band_counts()]])
    assert load_dataset([str(path)]).files[0].table == "class_bands"


def test_a_bad_cell_is_located(tmp_path: Path) -> None:
    row = ["S1", "一年级", *_band_counts()]
    row[2 + BAND_ZH.index("46-50人")] = "八"
    with pytest.raises(ProblemsFound) as raised:
        load_dataset([str(_bands(tmp_path, [["S1", "二年级", *_band_counts()], row]))])
    (problem,) = raised.value.problems
    assert (problem.code, problem.row, problem.column) == (ProblemCode.TYPE_ERROR, 3, "46-50人")


def test_without_grade_or_stage_the_cap_cannot_be_told(tmp_path: Path) -> None:
    with pytest.raises(ProblemsFound) as raised:
        load_dataset([str(_bands(tmp_path, [["S1", *_band_counts()]], head=["学校代码"]))])
    assert [p.code for p in raised.value.problems] == [ProblemCode.NO_GRADE_OR_STAGE]


def test_a_missing_band_is_a_missing_column(tmp_path: Path) -> None:
    head = ["学校代码", "年级", *BAND_ZH[:-1]]
    path = write_table(tmp_path, "bands.csv", head, [["S1", 1, *_band_counts()[:-1]]])
    with pytest.raises(ProblemsFound) as raised:
        load_dataset([str(path)])
    (problem,) = raised.value.problems
    assert (problem.code, problem.column) == (ProblemCode.MISSING_COLUMN, "classes_66_or_more")


def test_a_grade_given_twice_and_an_unknown_school_are_input_errors(tmp_path: Path) -> None:
    rows = [
        ["S1", "一年级", *_band_counts()],
        ["S1", "1", *_band_counts()],
        ["S9", 2, *_band_counts()],
    ]
    with pytest.raises(ProblemsFound) as raised:
        load_dataset([str(_schools(tmp_path, "S1")), str(_bands(tmp_path, rows))])
    found = {(p.code, p.row) for p in raised.value.problems}
    assert found == {
        (ProblemCode.DUPLICATE_ID, 2),
        (ProblemCode.DUPLICATE_ID, 3),
        (ProblemCode.UNKNOWN_SCHOOL, 4),
    }


def test_a_schools_total_row_is_left_out_and_checked(tmp_path: Path) -> None:
    rows = [
        ["S1", "一年级", *_band_counts(**{"41-45人": 2})],
        ["S1", "二年级", *_band_counts(**{"41-45人": 1})],
        ["S1", "合计", *_band_counts(**{"41-45人": 4})],
    ]
    dataset = load_dataset([str(_bands(tmp_path, rows))])
    assert dataset.tables["class_bands"].height == 2
    codes = [n.code for n in dataset.notes]
    assert ProblemCode.TOTAL_ROW in codes
    assert ProblemCode.TOTAL_MISMATCH in codes


# --- classes needed, from the bands' upper bounds ---------------------------------------------


@pytest.mark.parametrize(
    ("counts", "rule", "expected"),
    [
        ({"46-50人": 1}, "class-size-primary", 1),  # ⌈50 / 45⌉ − 1
        ({"46-50人": 1, "36-40人": 1}, "class-size-primary", 0),  # ⌈90 / 45⌉ − 2: 90 fits
        ({"46-50人": 2, "41-45人": 1}, "class-size-primary", 1),  # ⌈145 / 45⌉ − 3 = 1
        ({"56-60人": 1}, "large-class", 1),  # ⌈60 / 55⌉ − 1
        ({"66人及以上": 1}, "large-class", 1),  # the open band at 66: ⌈66 / 55⌉ − 1
    ],
)
def test_classes_needed_from_the_upper_bounds(
    tmp_path: Path, counts: dict[str, int], rule: str, expected: int
) -> None:
    paths = [
        _schools(tmp_path, "S1"),
        _bands(tmp_path, [["S1", "三年级", *_band_counts(**counts)]]),
    ]
    (finding,) = _rows(_report(paths), rule)
    upper = sum(
        n * (band.upper or band.lower)
        for band, n in zip(BANDS, _band_counts(**counts), strict=True)
    )
    cap = 45 if rule == "class-size-primary" else 55
    assert finding["remedy_quantity"] == max(0, -(-upper // cap) - sum(counts.values()))
    assert finding["remedy_quantity"] == expected


def test_a_stage_splits_each_class_over_the_cap_on_its_own(tmp_path: Path) -> None:
    # Two classes of up to 50 may be in two grades, which cannot share students: two more
    # classes at most, where one grade holding both would need one (⌈100 / 45⌉ − 2).
    counts = _band_counts(**{"46-50人": 2, "61-65人": 1})
    bands = _bands(tmp_path, [["S1", "小学", *counts]], head=["学校代码", "学段"])
    (finding,) = _rows(_report([_schools(tmp_path, "S1"), bands]), "class-size-primary")
    assert finding["remedy_quantity"] == 2 * 1 + 1 * 1  # ⌈50/45⌉ − 1 and ⌈65/45⌉ − 1


def test_the_band_estimate_is_never_below_what_the_classes_need(tmp_path: Path) -> None:
    path = tmp_path / "class_bands.csv"
    _derived(_sample_classes(), ["school_id", "grade"]).write_csv(path)
    exact = _report([SAMPLE_SCHOOLS, SAMPLE_CLASSES], dt.date(2026, 1, 1))
    estimate = _report([SAMPLE_SCHOOLS, path], dt.date(2026, 1, 1))
    assert exact.remedies is not None
    assert estimate.remedies is not None

    def county(report: Report) -> dict[str, int]:
        assert report.remedies is not None
        rows = report.remedies.filter(pl.col("township").is_null())
        return dict(zip(rows["rule"], rows["quantity"], strict=True))

    totals, estimated = county(exact), county(estimate)
    assert {"large-class", "class-size-primary", "class-size-junior"} <= set(totals)
    for rule, quantity in totals.items():
        assert estimated[rule] >= quantity, rule
    # By stage too: the per-class split bounds what the grades need.
    stages = (
        _sample_classes()
        .filter(pl.col("grade") <= 9)
        .with_columns(
            pl.when(pl.col("grade") <= 6)
            .then(pl.lit("primary"))
            .otherwise(pl.lit("junior"))
            .alias("stage")
        )
    )
    by_stage = tmp_path / "by_stage.csv"
    _derived(stages, ["school_id", "stage"]).write_csv(by_stage)
    staged = county(_report([SAMPLE_SCHOOLS, by_stage], dt.date(2026, 1, 1)))
    for rule in ("large-class", "class-size-primary", "class-size-junior"):
        assert staged[rule] >= totals[rule], rule


def test_the_reports_say_the_quantity_is_an_upper_estimate(tmp_path: Path, cli: CliRun) -> None:
    paths = [
        _schools(tmp_path, "S1"),
        _bands(tmp_path, [["S1", "三年级", *_band_counts(**{"46-50人": 1})]]),
    ]
    terminal = cli("audit", *paths, "--as-of", "2025-09-01", "--lang", "en")
    assert "partly an upper estimate from the class-size bands" in terminal.stdout
    run = cli("audit", *paths, "--as-of", "2025-09-01", "--format", "json")
    finding = next(
        f for f in json.loads(run.stdout)["findings"] if f["rule"] == "class-size-primary"
    )
    assert finding["remedy"]["estimate"] == "band_upper_bounds"
    classes = write_table(tmp_path, "classes.csv", ["学校代码", "年级", "学生数"], [["S1", 3, 50]])
    exact = cli("audit", paths[0], classes, "--as-of", "2025-09-01", "--format", "json")
    finding = next(
        f for f in json.loads(exact.stdout)["findings"] if f["rule"] == "class-size-primary"
    )
    assert "estimate" not in finding["remedy"]


def test_an_undecided_stage_says_why(tmp_path: Path, cli: CliRun) -> None:
    counts = _band_counts(**{"46-50人": 6})
    bands = _bands(tmp_path, [["S1", "小学", *counts]], head=["学校代码", "学段"])
    run = cli("audit", _schools(tmp_path, "S1"), bands, "--as-of", "2025-09-01", "--lang", "en")
    line = next(x for x in run.stdout.splitlines() if "unknown" in x and "bands.csv:2" in x)
    assert "primary: 6 class(es) above 45 students" in line
    assert "gives no grades" in line
