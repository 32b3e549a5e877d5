"""Input that stops the audit: every problem is a ProblemsFound with a closed ProblemCode,
the file, the spreadsheet row and the column header as it is written in the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLASSES_ZH, SCHOOLS_EN, SCHOOLS_ZH, school_row, write_bytes, write_table

from taikang_check.problems import PROBLEMS_PER_CODE, Problem, ProblemCode, ProblemsFound
from taikang_check.read.dataset import load_dataset
from taikang_check.text.problem_texts import describe_problem


def problems_of(*paths: Path | str) -> ProblemsFound:
    with pytest.raises(ProblemsFound) as raised:
        load_dataset([str(p) for p in paths])
    return raised.value


def only_problem(*paths: Path | str) -> Problem:
    found = problems_of(*paths)
    assert len(found.problems) == 1, found.problems
    assert found.omitted == {}
    return found.problems[0]


def located(problem: Problem) -> tuple[ProblemCode, str | None, int | None, str | None]:
    return problem.code, problem.file, problem.row, problem.column


# --- malformed cells -------------------------------------------------------------------------


# Headers of a schools file with three optional columns, and a good value for each column.
GOOD_ROW = {
    **dict(zip(SCHOOLS_ZH, school_row("S"), strict=True)),
    "开办日期": "2020-09-01",
    "资源教室": "是",
    "办学状态": "在办",
}


@pytest.mark.parametrize(
    ("column", "written", "cell", "code"),
    [
        # (the column's Chinese name, its header as written in the file, bad cell, problem)
        ("在校生数", "在校生数", "八百", ProblemCode.TYPE_ERROR),
        ("在校生数", "Students", "八百", ProblemCode.TYPE_ERROR),
        ("在校生数", " ＳＴＵＤＥＮＴＳ ", "3.5", ProblemCode.TYPE_ERROR),
        ("在校生数", "在校生数", "-3", ProblemCode.NEGATIVE_COUNT),
        ("学校类型", "学校类型", "大学", ProblemCode.OUT_OF_DOMAIN),
        ("学校类型", "KIND", "university", ProblemCode.OUT_OF_DOMAIN),
        ("开办日期", "开办日期", "2024-13-01", ProblemCode.OUT_OF_DOMAIN),
        ("开办日期", "开办日期", "2023-02-29", ProblemCode.OUT_OF_DOMAIN),
        ("开办日期", "Opened", "去年九月", ProblemCode.TYPE_ERROR),
        ("资源教室", "资源教室", "也许", ProblemCode.OUT_OF_DOMAIN),
        ("办学状态", "办学状态", "暂停", ProblemCode.OUT_OF_DOMAIN),
    ],
)
def test_malformed_cell_is_located(
    tmp_path: Path, column: str, written: str, cell: str, code: ProblemCode
) -> None:
    header = [written if name == column else name for name in GOOD_ROW]
    rows = [[*GOOD_ROW.values()] for _ in range(3)]
    rows[1][list(GOOD_ROW).index(column)] = cell
    path = write_table(tmp_path, "schools.csv", header, rows)
    problem = only_problem(path)
    assert located(problem) == (code, str(path), 3, written.strip())
    assert problem.value == cell


@pytest.mark.parametrize(
    ("cell", "code"),
    [("13", ProblemCode.OUT_OF_DOMAIN), ("0", ProblemCode.OUT_OF_DOMAIN), ("大班", None)],
)
def test_bad_grade(tmp_path: Path, cell: str, code: ProblemCode | None) -> None:
    rows = [["S1", "一年级", "1班", 40], ["S1", cell, "2班", 40]]
    path = write_table(tmp_path, "classes.csv", CLASSES_ZH, rows)
    problem = only_problem(path)
    # A word that is no grade at all may be a type error or out of domain; both locate it.
    assert problem.code in ({code} if code else {ProblemCode.OUT_OF_DOMAIN, ProblemCode.TYPE_ERROR})
    assert (problem.file, problem.row, problem.column, problem.value) == (
        str(path),
        3,
        "年级",
        cell,
    )


def test_bad_class_size_in_classes_table(tmp_path: Path) -> None:
    rows = [["S1", "一年级", "1班", "四十"]]
    path = write_table(tmp_path, "classes.csv", CLASSES_ZH, rows)
    assert located(only_problem(path)) == (ProblemCode.TYPE_ERROR, str(path), 2, "学生数")


def test_several_errors_in_one_file_are_all_collected(tmp_path: Path) -> None:
    header = [*SCHOOLS_ZH, "开办日期"]
    rows = [
        [*school_row("S1", "八百", kind="大学"), "2024-13-01"],
        [*school_row("S2", -5), ""],
        [*school_row("S3"), "2024/9/1"],
        [*school_row("S4", "", area="山区"), ""],
    ]
    path = write_table(tmp_path, "schools.csv", header, rows)
    found = problems_of(path)
    assert {(p.code, p.row, p.column, p.value) for p in found.problems} == {
        (ProblemCode.TYPE_ERROR, 2, "在校生数", "八百"),
        (ProblemCode.OUT_OF_DOMAIN, 2, "学校类型", "大学"),
        (ProblemCode.OUT_OF_DOMAIN, 2, "开办日期", "2024-13-01"),
        (ProblemCode.NEGATIVE_COUNT, 3, "在校生数", "-5"),
        (ProblemCode.OUT_OF_DOMAIN, 5, "城乡类别", "山区"),
    }
    assert all(p.file == str(path) for p in found.problems)


def test_errors_in_several_files_are_all_collected(tmp_path: Path) -> None:
    schools = write_table(tmp_path, "schools.csv", SCHOOLS_ZH, [school_row("S1", "八百")])
    classes = write_table(tmp_path, "classes.csv", CLASSES_ZH, [["S1", "13", "1班", 30]])
    missing = tmp_path / "missing.csv"
    found = problems_of(schools, classes, missing)
    assert {located(p) for p in found.problems} == {
        (ProblemCode.TYPE_ERROR, str(schools), 2, "在校生数"),
        (ProblemCode.OUT_OF_DOMAIN, str(classes), 2, "年级"),
        (ProblemCode.FILE_NOT_FOUND, str(missing), None, None),
    }


def test_problems_above_the_cap_are_counted_as_omitted(tmp_path: Path) -> None:
    extra = 7
    rows = [school_row(f"S{i}", "八百") for i in range(PROBLEMS_PER_CODE + extra)]
    path = write_table(tmp_path, "schools.csv", SCHOOLS_ZH, rows)
    found = problems_of(path)
    assert len(found.problems) == PROBLEMS_PER_CODE
    assert [p.row for p in found.problems] == list(range(2, PROBLEMS_PER_CODE + 2))
    assert found.omitted == {ProblemCode.TYPE_ERROR: extra}


def test_cap_is_per_code_across_columns(tmp_path: Path) -> None:
    # 15 bad counts and 15 bad kinds: 30 problems of two codes, each below the cap.
    rows = [school_row(f"S{i}", "八百", kind="大学") for i in range(15)]
    found = problems_of(write_table(tmp_path, "schools.csv", SCHOOLS_ZH, rows))
    assert len(found.problems) == 30
    assert found.omitted == {}


def test_mixed_codes_in_one_column_are_capped_per_code(tmp_path: Path) -> None:
    rows = [school_row(f"A{i}", "八百") for i in range(PROBLEMS_PER_CODE)]
    rows += [school_row(f"B{i}", -1) for i in range(3)]
    found = problems_of(write_table(tmp_path, "schools.csv", SCHOOLS_ZH, rows))

    def total(code: ProblemCode) -> int:
        return sum(p.code is code for p in found.problems) + found.omitted.get(code, 0)

    assert total(ProblemCode.TYPE_ERROR) == PROBLEMS_PER_CODE
    assert total(ProblemCode.NEGATIVE_COUNT) == 3


# --- headers and tables ----------------------------------------------------------------------


def test_missing_required_column(tmp_path: Path) -> None:
    header = [h for h in SCHOOLS_ZH if h != "在校生数"]
    rows = [[c for c, h in zip(school_row("S1"), SCHOOLS_ZH, strict=True) if h != "在校生数"]]
    path = write_table(tmp_path, "schools.csv", header, rows)
    problem = only_problem(path)
    assert (problem.code, problem.file, problem.row) == (
        ProblemCode.MISSING_COLUMN,
        str(path),
        1,
    )
    # Nothing is written for it, so either spelling of the column will do.
    assert problem.column in {"students", "在校生数"}


def test_every_missing_required_column_is_named(tmp_path: Path) -> None:
    path = write_table(tmp_path, "schools.csv", ["学校代码", "学校名称"], [["S1", "一小"]])
    found = problems_of(path)
    assert {p.code for p in found.problems} == {ProblemCode.MISSING_COLUMN}
    assert {p.column for p in found.problems} == {
        "township",
        "kind",
        "ownership",
        "area",
        "students",
    }


def test_duplicate_header_in_two_languages(tmp_path: Path) -> None:
    header = [*SCHOOLS_ZH, "school_id"]
    path = write_table(tmp_path, "schools.csv", header, [[*school_row("S1"), "S1"]])
    assert located(only_problem(path)) == (
        ProblemCode.DUPLICATE_HEADER,
        str(path),
        1,
        "school_id",
    )


def test_duplicate_header_same_spelling(tmp_path: Path) -> None:
    header = [*SCHOOLS_EN, " Students "]
    path = write_table(tmp_path, "schools.csv", header, [[*school_row("S1"), 3]])
    assert located(only_problem(path)) == (ProblemCode.DUPLICATE_HEADER, str(path), 1, "Students")


def test_blank_header_over_data(tmp_path: Path) -> None:
    header = [*SCHOOLS_ZH[:3], "", *SCHOOLS_ZH[3:]]
    row = school_row("S1")
    path = write_table(tmp_path, "schools.csv", header, [[*row[:3], "备注", *row[3:]]])
    problem = only_problem(path)
    assert (problem.code, problem.file, problem.row) == (ProblemCode.BLANK_HEADER, str(path), 1)
    assert problem.detail.get("position") == "4"


def test_blank_trailing_header_over_nothing_is_fine(tmp_path: Path) -> None:
    path = write_table(
        tmp_path, "schools.csv", [*SCHOOLS_ZH, "", ""], [[*school_row("S1"), "", ""]]
    )
    assert load_dataset([str(path)]).files[0].rows == 1


@pytest.mark.parametrize(
    "header",
    [
        ["姓名", "性别", "年龄"],
        ["学校代码"],  # one column names no table
        ["学校代码", "备注"],
    ],
)
def test_unknown_table(tmp_path: Path, header: list[str]) -> None:
    path = write_table(tmp_path, "people.csv", header, [["x"] * len(header)])
    problem = only_problem(path)
    assert (problem.code, problem.file) == (ProblemCode.UNKNOWN_TABLE, str(path))


def test_extra_cells(tmp_path: Path) -> None:
    rows: list[list[object]] = [school_row("S1"), [*school_row("S2"), "多余"], school_row("S3")]
    path = write_table(tmp_path, "schools.csv", SCHOOLS_ZH, rows)
    problem = only_problem(path)
    assert (problem.code, problem.file, problem.row) == (ProblemCode.EXTRA_CELL, str(path), 3)


def test_extra_cell_far_below_the_header(tmp_path: Path) -> None:
    rows: list[list[object]] = [school_row(f"S{i}") for i in range(30)]
    rows.append([*school_row("S99"), "多余"])
    path = write_table(tmp_path, "schools.csv", SCHOOLS_ZH, rows)
    problem = only_problem(path)
    assert (problem.code, problem.row) == (ProblemCode.EXTRA_CELL, 32)


def test_extra_cell_after_a_blank_one_far_below_the_header(tmp_path: Path) -> None:
    rows: list[list[object]] = [school_row(f"S{i}") for i in range(30)]
    rows.append([*school_row("S99"), "", "多余"])
    path = write_table(tmp_path, "schools.csv", SCHOOLS_ZH, rows)
    problem = only_problem(path)
    assert (problem.code, problem.row) == (ProblemCode.EXTRA_CELL, 32)


def test_extra_cell_after_a_blank_one_near_the_header(tmp_path: Path) -> None:
    rows: list[list[object]] = [school_row("S1"), [*school_row("S2"), "", "多余"]]
    path = write_table(tmp_path, "schools.csv", SCHOOLS_ZH, rows)
    assert located(only_problem(path)) == (ProblemCode.EXTRA_CELL, str(path), 3, None)


# --- files and bytes -------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   ", b"\n\n\r\n", b" \t \n  \n", b"\xef\xbb\xbf"])
def test_empty_or_blank_file(tmp_path: Path, data: bytes) -> None:
    path = write_bytes(tmp_path, "schools.csv", data)
    assert located(only_problem(path)) == (ProblemCode.EMPTY_FILE, str(path), None, None)


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    data = b"GIF89a" + b"\x00" * 20 + bytes(range(256))
    path = write_bytes(tmp_path, "schools.csv", data)
    problem = only_problem(path)
    assert (problem.code, problem.file) == (ProblemCode.ENCODING_ERROR, str(path))
    assert problem.detail["offset"] == str(data.index(b"\x00"))


def test_a_damaged_zip_named_csv_is_no_encoding_problem(tmp_path: Path) -> None:
    """Files are recognised by content: the zip signature says this is no text at all."""
    path = write_bytes(tmp_path, "schools.csv", b"PK\x03\x04" + b"\x00" * 20 + bytes(range(256)))
    problem = only_problem(path)
    assert (problem.code, problem.file) == (ProblemCode.UNREADABLE_FILE, str(path))


def test_undecodable_bytes_give_the_byte_offset(tmp_path: Path) -> None:
    good = write_table(tmp_path, "good.csv", SCHOOLS_ZH, [school_row("S1")]).read_bytes()
    data = good + b"S2,\xff\xfe\x80\xff,x\n"  # neither UTF-8 nor GB18030
    for encoding in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(encoding)
    path = write_bytes(tmp_path, "schools.csv", data)
    problem = only_problem(path)
    assert (problem.code, problem.file) == (ProblemCode.ENCODING_ERROR, str(path))
    assert problem.detail["offset"] == str(data.index(b"\xff"))
    assert str(data.index(b"\xff")) in describe_problem(problem, "en")


def test_nonexistent_path(tmp_path: Path) -> None:
    path = tmp_path / "no-such-file.csv"
    assert located(only_problem(path)) == (ProblemCode.FILE_NOT_FOUND, str(path), None, None)


def test_directory_as_path(tmp_path: Path) -> None:
    assert located(only_problem(tmp_path)) == (ProblemCode.NOT_A_FILE, str(tmp_path), None, None)


# --- across rows and tables ------------------------------------------------------------------


def test_duplicate_school_id(tmp_path: Path) -> None:
    rows = [school_row("S1"), school_row("S2"), school_row("S1")]
    path = write_table(tmp_path, "schools.csv", SCHOOLS_ZH, rows)
    found = problems_of(path)
    assert {p.code for p in found.problems} == {ProblemCode.DUPLICATE_ID}
    assert {(p.file, p.value) for p in found.problems} == {(str(path), "S1")}
    assert 4 in {p.row for p in found.problems}  # at least the second occurrence


def test_duplicate_school_id_across_files(tmp_path: Path) -> None:
    a = write_table(tmp_path, "a.csv", SCHOOLS_ZH, [school_row("S1")])
    b = write_table(tmp_path, "b.csv", SCHOOLS_ZH, [school_row("S2"), school_row("S1")])
    found = problems_of(a, b)
    assert {p.code for p in found.problems} == {ProblemCode.DUPLICATE_ID}
    assert (str(b), 3) in {(p.file, p.row) for p in found.problems}


def test_class_of_an_unknown_school(tmp_path: Path) -> None:
    schools = write_table(tmp_path, "schools.csv", SCHOOLS_ZH, [school_row("S1")])
    classes = write_table(
        tmp_path, "classes.csv", CLASSES_ZH, [["S1", 1, "1班", 40], ["S9", 2, "1班", 40]]
    )
    problem = only_problem(schools, classes)
    assert (problem.code, problem.file, problem.row, problem.value) == (
        ProblemCode.UNKNOWN_SCHOOL,
        str(classes),
        3,
        "S9",
    )


def test_classes_alone_need_no_schools_table(tmp_path: Path) -> None:
    classes = write_table(tmp_path, "classes.csv", CLASSES_ZH, [["S9", 2, "1班", 40]])
    assert load_dataset([str(classes)]).tables["classes"].height == 1


def test_cross_row_problems_name_the_header_as_written(tmp_path: Path) -> None:
    schools = write_table(tmp_path, "schools.csv", SCHOOLS_ZH, [school_row("S1"), school_row("S1")])
    assert {p.column for p in problems_of(schools).problems} == {"学校代码"}
    schools = write_table(tmp_path, "ok.csv", SCHOOLS_ZH, [school_row("S1")])
    classes = write_table(tmp_path, "classes.csv", CLASSES_ZH, [["S9", 2, "1班", 40]])
    assert only_problem(schools, classes).column == "学校代码"


# --- every problem reads well ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_problem_description_names_file_row_and_column(tmp_path: Path, lang: str) -> None:
    path = write_table(tmp_path, "schools.csv", SCHOOLS_ZH, [school_row("S1", "八百")])
    text = describe_problem(only_problem(path), lang)
    assert str(path) in text
    assert "2" in text
    assert "在校生数" in text
    assert "八百" in text
    assert "type-error" in text


def test_every_problem_code_has_text_in_both_languages() -> None:
    for code in ProblemCode:
        problem = Problem(code, file="x.csv", row=2, column="列", value="v")
        for lang in ("zh", "en"):
            assert code.value in describe_problem(problem, lang)


def test_a_blank_line_among_records_wider_than_the_header(tmp_path: Path) -> None:
    """The widest record is counted column-wise; a blank line there read as null and was
    taken for the widest (a TypeError, found by the fuzzer: its input without the byte that
    picks the fuzzer's mode)."""
    crasher = Path(__file__).parent / "corpus" / "crashers" / "csv-d7b2cf1085810b90"
    data = crasher.read_bytes()[1:]
    assert b"\n\n" in data
    path = write_bytes(tmp_path, "wide.csv", data)
    found = problems_of(path).problems
    assert [(p.code, p.row) for p in found] == [
        (ProblemCode.MISSING_CELL, 3),
        (ProblemCode.MISSING_CELL, 14),
    ]
