"""A row with fewer cells than the header is an input problem, not silently blank cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from taikang_check.problems import ProblemCode, ProblemsFound
from taikang_check.read.dataset import load_dataset

HEADER = "school_id,name,township,kind,ownership,area,students\n"


@pytest.mark.parametrize(
    ("body", "rows"),
    [
        ("S1,a,x,primary,public,urban,10\nS2,b,x,primary,public,urban\n", [3]),
        ('S1,"a,b",x,primary,public,urban,10\nS2,b,x,primary\n', [3]),  # quoted: csv module
        ("S1,a,x,primary,public,urban,10\n\nS2,b\nS3,c\n", [4, 5]),  # blank lines keep numbers
    ],
)
def test_short_rows_are_missing_cells(tmp_path: Path, body: str, rows: list[int]) -> None:
    path = tmp_path / "s.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(ProblemsFound) as raised:
        load_dataset([str(path)])
    found = raised.value.problems
    assert {p.code for p in found} == {ProblemCode.MISSING_CELL}
    assert [p.row for p in found] == rows


def test_trailing_empty_cells_and_blank_lines_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        HEADER + "S1,a,x,primary,public,urban,10,\n\nS2,b,x,primary,public,urban,\n",
        encoding="utf-8",
    )
    assert load_dataset([str(path)]).files[0].rows == 2
