"""Typed reading (read/typed_csv.py): counts, grades and years parsed by the CSV parser give
exactly what reading every cell as text gives — the same frames, notes and problems at the
same rows and columns — and the file's text is looked at again only where the data needs it.

The reference is the text reader (csv_reader.read_csv_text, every cell a string, typed by
coerce), which the typed reader falls back to for a file it cannot take.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from conftest import CLASSES_ZH, SCHOOLS_ZH, school_row, write_table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taikang_check.problems import ProblemCode, ProblemsFound
from taikang_check.read import dataset, typed_csv
from taikang_check.read.csv_reader import typed_positions
from taikang_check.read.dataset import load_dataset

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# What offices put in count and grade cells, good and bad.
NUMBER_CELLS = [
    "", " ", "45", " 45", "45 ", "+45", "045", "45.0", "-3", "1,200", "1 200", "４５", "٤٥",
    "#DIV/0!", "#n/a", "八百", "—", "99999999999999", "1000000000000", "1000000000001",
    "9223372036854775808", "13", "0", "1", "12", "一年级", "初一", "\u3000", "\t7", "850", "0850",
]  # fmt: skip
ID_CELLS = ["S1", "S2", " S1", "S2 ", "合计", "小计", "Total", "", " ", "4116270001", "#REF!"]
NAME_CELLS = ["1班", "", " ", "一年级", "合 计", "2班 "]


def outcome(paths: list[Path]) -> Any:
    """Everything the reader gives: the typed tables with their dtypes, the notes and the
    input list, or the problems (code, file, row, column, value, detail) and counts left out."""
    try:
        data = load_dataset([str(p) for p in paths])
    except ProblemsFound as found:
        problems = [(p.code, p.file, p.row, p.column, p.value, p.detail) for p in found.problems]
        return "problems", problems, found.omitted
    tables = {name: (frame.schema, frame.rows()) for name, frame in sorted(data.tables.items())}
    notes = [(p.code, p.file, p.row, p.column, p.value, p.detail) for p in data.notes]
    return "read", tables, notes, data.files


def as_text(paths: list[Path]) -> Any:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typed_csv, "_typed_records", lambda content, layout: None)
        return outcome(paths)


def write_csv(path: Path, rows: list[list[str]], quoting: int, encoding: str, eol: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=quoting, lineterminator=eol).writerows(rows)
    text = buffer.getvalue()
    # GBK has no Arabic-Indic digits: such a file is written as UTF-8.
    path.write_bytes(text.encode(encoding, "strict") if _encodes(text, encoding) else text.encode())
    return path


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


record = st.one_of(
    st.tuples(
        st.sampled_from(ID_CELLS),
        st.sampled_from(NUMBER_CELLS),
        st.sampled_from(NAME_CELLS),
        st.sampled_from(NUMBER_CELLS),
    ).map(list),
    st.sampled_from([[], ["", "", "", ""], [" "], ["", ""], ["S1", "3"], ["", " ", "", ""]]),
    st.tuples(st.just("S1"), st.sampled_from(["1", "7"]), st.just("1班")).map(list),
    st.just(["S1", "1", "1班", "45", "extra"]),
)


@SETTINGS
@given(
    records=st.lists(record, min_size=0, max_size=8),
    schools_students=st.lists(st.sampled_from(NUMBER_CELLS), min_size=2, max_size=2),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk"]),
    eol=st.sampled_from(["\n", "\r\n"]),
    title=st.booleans(),
)
def test_typed_reading_gives_what_the_text_reader_gives(
    tmp_path_factory: pytest.TempPathFactory,
    records: list[list[str]],
    schools_students: list[str],
    quoting: int,
    encoding: str,
    eol: str,
    title: bool,
) -> None:
    folder = tmp_path_factory.mktemp("typed")
    schools = [SCHOOLS_ZH] + [
        [str(c) for c in school_row(f"S{i + 1}", students)]
        for i, students in enumerate(schools_students)
    ]
    classes = [["表1 班级情况"]] * title + [CLASSES_ZH, ["S1", "1", "1班", "40"], *records]
    paths = [
        write_csv(folder / "schools.csv", schools, quoting, encoding, eol),
        write_csv(folder / "classes.csv", classes, quoting, encoding, eol),
    ]
    assert outcome(paths) == as_text(paths)


def test_a_clean_file_is_read_typed_and_a_bad_column_as_text(tmp_path: Path) -> None:
    rows = [["S1", "1", "1班", "40"], ["S1", "2", "1班", "八百"], ["S1", "3", "1班", "41"]]
    path = write_table(tmp_path, "classes.csv", CLASSES_ZH, rows)
    content = typed_csv.content_of_file(path)
    assert content is not None
    raw = typed_csv.read_typed_csv(path.read_text("utf-8"), str(path), content)
    assert typed_positions(raw.frame) == {1}  # the grade; students is text, to be located
    assert raw.frame.schema["c1"] == pl.Int8
    with pytest.raises(ProblemsFound) as found:
        load_dataset([str(path)])
    [problem] = found.value.problems
    assert (problem.code, problem.row, problem.column, problem.value) == (
        ProblemCode.TYPE_ERROR,
        3,
        "学生数",
        "八百",
    )
    clean = write_table(tmp_path, "clean.csv", CLASSES_ZH, [rows[0], rows[2]])
    content = typed_csv.content_of_file(clean)
    assert content is not None
    raw = typed_csv.read_typed_csv(clean.read_text("utf-8"), str(clean), content)
    assert typed_positions(raw.frame) == {1, 3}


def test_a_utf8_file_is_never_read_whole_into_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_table(tmp_path, "schools.csv", SCHOOLS_ZH, [school_row("S1"), school_row("S2")])

    def refuse(path: str) -> bytes:
        raise AssertionError(f"{path} read whole")

    monkeypatch.setattr(dataset, "read_bytes", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    frame = load_dataset([str(path)]).tables["schools"]
    assert frame.get_column("students").to_list() == [300, 300]


def test_lines_are_read_again_only_when_a_record_may_be_short(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_lines: list[int] = []
    short_lines = typed_csv.short_lines
    monkeypatch.setattr(
        typed_csv,
        "short_lines",
        lambda lines, *args: read_lines.append(lines.height) or short_lines(lines, *args),
    )
    full = [["S1", str(g), "1班", "40"] for g in range(1, 7)]
    load_dataset([str(write_table(tmp_path, "full.csv", CLASSES_ZH, full))])
    assert read_lines == []
    path = tmp_path / "short.csv"
    path.write_text("学校代码,年级,班级,学生数\nS1,1,1班,40\nS1,2,1班\nS1,3,1班,\n", "utf-8")
    with pytest.raises(ProblemsFound) as found:
        load_dataset([str(path)])
    assert [(p.code, p.row) for p in found.value.problems] == [(ProblemCode.MISSING_CELL, 3)]
    assert read_lines == [2]  # the two records whose last cell is blank, not the whole file


@pytest.mark.parametrize(
    ("students", "example_row"), [("850", True), ("0850", False), (" 850", True)]
)
def test_an_example_row_is_told_by_its_cells_as_written(
    tmp_path: Path, students: str, example_row: bool
) -> None:
    header = ["学校代码", "学校名称", "乡镇", "学校类型", "办学性质", "城乡类别", "在校生数"]
    example = ["4116270001", "城关回族镇第一小学", "城关回族镇", "幼儿园", "公办", "城区"]
    rows = [[*example, students], school_row("S1")]
    path = write_table(tmp_path, "schools.csv", header, rows)
    data = load_dataset([str(path)])
    ids = data.tables["schools"].get_column("school_id").to_list()
    assert ids == (["S1"] if example_row else ["4116270001", "S1"])
    assert [n.code for n in data.notes] == ([ProblemCode.EXAMPLE_ROW] if example_row else [])
    assert outcome([path]) == as_text([path])


def test_a_record_blank_but_for_spaces_in_a_typed_column_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "classes.csv"
    path.write_text("学校代码,年级,班级,学生数\nS1,1,1班,40\n,, ,\n,,,\n, ,,\n", "utf-8")
    assert outcome([path]) == as_text([path])
    rows = load_dataset([str(path)]).tables["classes"].get_column("_row").to_list()
    assert rows == [2, 3, 5]  # the text holds a cell in rows 3 and 5; row 4 is blank
