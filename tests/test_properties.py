"""Property-based tests: whatever bytes, CSV tables or YAML documents come in, the readers and
the rule loader give a result or ProblemsFound (a problem of the closed taxonomy), nothing else.

Runs are deterministic (derandomize) and keep no example database, so the suite stays
reproducible; raise MAX_EXAMPLES locally to search harder. Crashes already reported and kept as
strict-xfail corpus cases (KNOWN_BUGS) are rejected as examples rather than failing here twice.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import traceback
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, note, reject, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from taikang_check.contract.tables import TABLES, Column, ColumnType, TableSchema
from taikang_check.problems import ProblemCode, ProblemsFound
from taikang_check.read.coerce import BOOL_SPELLINGS, GRADE_SPELLINGS
from taikang_check.read.dataset import Dataset, load_dataset
from taikang_check.read.headers import normalise_header
from taikang_check.rulebook import model as rule_model
from taikang_check.rulebook.loader import load_rule_file
from taikang_check.rulebook.model import RuleFile

MAX_EXAMPLES = 150
SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# (exception type, function of the package it escapes from) -> the corpus case that tracks it.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def known_bug(error: BaseException) -> str | None:
    frames = traceback.extract_tb(error.__traceback__)
    # The innermost function of the package (not a comprehension inside it).
    names = [f.name for f in frames if "taikang_check" in f.filename and f.name[0] != "<"]
    return KNOWN_BUGS.get((type(error).__name__, names[-1])) if names else None


def result_or_problems(call: Any, *args: Any) -> Any:
    """The call's result, or None when it raised ProblemsFound; any other exception fails the
    test unless it is a known bug (then the example is rejected)."""
    found: ProblemsFound | None = None
    try:
        result = call(*args)
    except ProblemsFound as raised:
        found = raised
    except Exception as error:
        case = known_bug(error)
        if case is None:
            raise
        note(f"known bug, tracked by tests/corpus/{case}: {error!r}")
        reject()
    if found is not None:
        assert found.problems or found.omitted
        assert all(isinstance(p.code, ProblemCode) for p in found.problems)
        event(f"problems: {', '.join(sorted({p.code.value for p in found.problems}))}")
        return None
    event("a result")
    return result


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


_counter = itertools.count()


def write_input(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"input-{next(_counter)}{suffix}"
    path.write_bytes(data)
    return path


# --- arbitrary bytes -------------------------------------------------------------------------

BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]
LINES = [b"\n", b"\r\n", b"\r", b",", b";", b"\t", b'"', b"\x00", "学校代码".encode(), b"S1"]

arbitrary_bytes = st.one_of(
    st.binary(max_size=2048),
    st.builds(lambda bom, body: bom + body, st.sampled_from(BOMS), st.binary(max_size=512)),
    # Bytes made of CSV-ish pieces reach further than uniform noise.
    st.lists(st.sampled_from(LINES) | st.binary(max_size=8), max_size=80).map(b"".join),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
)


@SETTINGS
@given(data=arbitrary_bytes, suffix=st.sampled_from([".csv", ".txt", ".xlsx"]))
def test_arbitrary_bytes_give_a_dataset_or_problems(
    workdir: Path, data: bytes, suffix: str
) -> None:
    path = write_input(workdir, suffix, data)
    result = result_or_problems(load_dataset, [str(path)])
    assert result is None or isinstance(result, Dataset)
    assert path.read_bytes() == data


# --- arbitrary CSV tables --------------------------------------------------------------------


def spellings(column: Column) -> list[str]:
    return [column.name, column.zh, column.name.upper(), f" {column.zh} ", column.zh + "\u3000"]


ALL_SPELLINGS = {normalise_header(s) for t in TABLES for c in t.columns for s in spellings(c)}
# Cells must not read as a header themselves (the header search looks at the first rows).
junk = st.text(max_size=10).filter(lambda t: normalise_header(t) not in ALL_SPELLINGS)


def valid_cells(column: Column) -> st.SearchStrategy[str]:
    kind = column.type
    if kind is ColumnType.COUNT:
        return st.integers(0, 5000).map(str) | st.sampled_from(["1,200", " 30 ", "３０", "12.0"])
    if kind is ColumnType.BOOL:
        return st.sampled_from(sorted(BOOL_SPELLINGS))
    if kind is ColumnType.ENUM:
        return st.sampled_from(
            sorted({s for v in column.values for s in (v.code, v.zh, *v.aliases)})
        )
    if kind is ColumnType.GRADE:
        return st.sampled_from(sorted(GRADE_SPELLINGS))
    if kind is ColumnType.DATE:
        dates = st.dates(dt.date(1950, 1, 1), dt.date(2040, 12, 31))
        return dates.map(dt.date.isoformat) | st.sampled_from(["2024/9/1", "2024年9月1日", "45000"])
    if kind is ColumnType.YEAR:
        return st.integers(2020, 2100).map(str)
    if kind is ColumnType.NUMBER:
        numbers = st.decimals(0, 10**6, places=2, allow_nan=False, allow_infinity=False)
        return numbers.map(str) | st.sampled_from(["95%", "12.5", "-3"])
    return junk


def cells(column: Column) -> st.SearchStrategy[str]:
    return st.one_of(valid_cells(column), valid_cells(column), st.just(""), junk)


@st.composite
def csv_tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    """A header of one table's columns (most required ones, some optional ones, some junk)
    in any spelling and order, and rows of valid, blank and junk cells, some ragged."""
    table: TableSchema = draw(st.sampled_from(TABLES))
    required = [c for c in table.columns if c.required and draw(st.integers(0, 9))]
    optional = [c for c in table.columns if not c.required]
    extra = draw(st.lists(st.sampled_from(optional), max_size=5, unique_by=lambda c: c.name))
    columns: list[Column | None] = [*required, *extra]
    columns += [None] * draw(st.integers(0, 2))  # columns the contract does not know
    columns = draw(st.permutations(columns))
    header = [
        draw(st.sampled_from(spellings(c))) if c else draw(junk.filter(bool)) for c in columns
    ]
    row = st.tuples(*(cells(c) if c else junk for c in columns)).map(list)
    rows = draw(st.lists(row, max_size=15))
    for data in rows:
        change = draw(st.integers(0, 19))
        if change == 0 and len(data) > 2:
            data.pop()  # a short row
        elif change == 1:
            data.append(draw(junk))  # a cell beyond the header
    return header, rows


@SETTINGS
@given(
    table=csv_tables(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk", "utf-16"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_arbitrary_csv_gives_a_dataset_or_problems(
    workdir: Path, table: tuple[list[str], list[list[str]]], encoding: str, delimiter: str
) -> None:
    header, rows = table
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    try:
        data = buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = buffer.getvalue().encode("utf-8")
    path = write_input(workdir, ".csv", data)
    result = result_or_problems(load_dataset, [str(path)])
    if result is None:
        return
    assert isinstance(result, Dataset)
    [loaded] = result.files
    # Every data row with a filled cell is a row of the table; blank rows are skipped.
    assert loaded.rows == sum(1 for r in rows if any(c != "" for c in r))
    assert result.tables[loaded.table].height == loaded.rows


# --- arbitrary YAML into the rule loader ------------------------------------------------------


def rule_words() -> list[str]:
    """Every key (field or alias) and enum value of the rule file models, and table and
    column names of the contract."""
    words: set[str] = {t.name for t in TABLES} | {"stages", "school_kind", "school_name"}
    words |= {c.name for t in TABLES for c in t.columns}
    for value in vars(rule_model).values():
        if isinstance(value, type) and issubclass(value, BaseModel):
            words.update(f.alias or name for name, f in value.model_fields.items())
        elif isinstance(value, type) and issubclass(value, Enum):
            words.update(str(member.value) for member in value)
    return sorted(words)


VOCABULARY = rule_words()

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(VOCABULARY),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.sampled_from(["95%", "0.5", "1/3", "-0", "1e3", "2024-09-01", "三(一)", "error"]),
)
keys = st.sampled_from(VOCABULARY) | st.text(max_size=8)
structures = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=40,
)

VALID_RULE: dict[str, Any] = {
    "rules": [
        {
            "id": "tiny-rule",
            "title": {"zh": "小测试", "en": "Tiny test"},
            "source": {"section": "三(一)", "quote": "全面消除"},
            "severity": "error",
            "due": dt.date(2024, 9, 1),
            "checks": [
                {
                    "table": "classes",
                    "where": [{"column": "grade", "between": [1, 9]}],
                    "measure": {"column": "students"},
                    "fail_if": {"ge": 56},
                }
            ],
        }
    ]
}


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*prefix, index))


@st.composite
def rule_shaped(draw: st.DrawFn) -> Any:
    """The valid rule file with a few of its values replaced, keys removed or keys added."""
    document = yaml.safe_load(yaml.safe_dump(VALID_RULE))  # a deep copy
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(sorted(paths(document), key=repr)))
        if not path:
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.integers(0, 2))
        if action == 0:
            parent[path[-1]] = draw(structures)
        elif action == 1 and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(keys)] = draw(structures)
    return document


def dumped(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda value, flow, ascii_only: yaml.safe_dump(
            value, default_flow_style=flow, allow_unicode=not ascii_only
        ),
        strategy,
        st.sampled_from([None, True, False]),
        st.booleans(),
    )


SNIPPETS = [
    "rules:",
    "\n",
    "  ",
    "- ",
    ": ",
    "id: x",
    "&a ",
    "*a",
    "!!python/object/apply:os.system",
    "!!binary",
    "!!set",
    "!!timestamp",
    "---\n",
    "...\n",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "|\n",
    ">\n",
    "#",
    "%YAML 1.1\n",
    "<<: ",
    "\t",
    "2024-09-01",
    "1_000",
    "0x1F",
    "0o17",
    "1:30",
    ".inf",
    ".nan",
    "~",
    "yes",
    "off",
]
yaml_text = st.one_of(
    dumped(structures),
    dumped(rule_shaped()),
    st.lists(st.sampled_from(SNIPPETS) | st.sampled_from(VOCABULARY), max_size=60).map("".join),
    st.text(max_size=200),
)


@SETTINGS
@given(text=yaml_text)
def test_arbitrary_yaml_gives_rules_or_problems(workdir: Path, text: str) -> None:
    path = write_input(workdir, ".yaml", text.encode("utf-8", "surrogatepass"))
    result = result_or_problems(load_rule_file, path)
    if result is not None:
        rule_file, lines = result
        assert isinstance(rule_file, RuleFile)
        assert len(lines) == len(rule_file.rules)


@SETTINGS
@given(document=rule_shaped())
def test_changed_rule_files_give_rules_or_problems(workdir: Path, document: Any) -> None:
    """Close to a valid file, most changes reach the validation and the contract checks."""
    path = write_input(workdir, ".yaml", yaml.safe_dump(document, allow_unicode=True).encode())
    result = result_or_problems(load_rule_file, path)
    if result is not None:
        assert isinstance(result[0], RuleFile)


def test_the_unchanged_rule_file_loads(workdir: Path) -> None:
    """Guard for the strategies above: the base document is valid as it stands."""
    path = write_input(workdir, ".yaml", yaml.safe_dump(VALID_RULE, allow_unicode=True).encode())
    rule_file, _ = load_rule_file(path)
    assert [r.id for r in rule_file.rules] == ["tiny-rule"]
