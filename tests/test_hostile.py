"""Hostile and broken input never crashes: every case ends in a result or in exit 2 with a
one-paragraph message naming the problem, never a traceback, in bounded time and memory, and
no input file is changed.

The corpus of nasty files is tests/corpus/ (expected.yaml says what each must give); the
cases too large to commit (a 100 MB line, a 2 MiB rule file …) are built in tmp_path here.
Cases that fail today are xfail(strict=True) with the reason: fixing the package turns them
into failures, so the marker has to be removed with the fix.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from conftest import CLASSES_ZH, REPO, SCHOOLS_ZH, CliResult, CliRun, school_row, write_table

import taikang_check.api
from taikang_check.problems import ProblemCode, ProblemsFound
from taikang_check.read.dataset import load_dataset

CORPUS = REPO / "tests" / "corpus"
CRASHERS = CORPUS / "crashers"
MANIFEST: dict[str, dict[str, dict[str, Any]]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)
NOT_CASES = {"expected.yaml", "generate.py", "README.md"}
AS_OF = "2026-11-29"
HEADING_EN = "The audit could not run:"
SECONDS = 10.0  # per in-process case
ISOLATED_SECONDS = (
    20.0  # per case in a subprocess: interpreter start-up (seconds on a busy machine)
)
MEMORY_LIMIT = 4 * 1024**3  # address space of a subprocess: a runaway fails instead of swapping
PEAK_RSS = 2 * 1024**3
CODES = {code.value for code in ProblemCode}
UNIX = sys.platform != "win32"

ROW = "S{i},第{i}小学,城关回族镇,小学,公办,城区,300\n"
SCHOOLS_LINE = ",".join(SCHOOLS_ZH) + "\n"
VALID_RULE = (CORPUS / "rules" / "ok-valid.yaml").read_text(encoding="utf-8")


# --- running the CLI -------------------------------------------------------------------------


@dataclass
class Run:
    exit_code: int | None  # None: killed at the time limit
    stdout: str
    stderr: str
    seconds: float
    peak_rss: int | None = None  # bytes, for a subprocess

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_in_process(cli: CliRun, *args: str | Path) -> Run:
    started = time.perf_counter()
    result: CliResult = cli(*args)
    return Run(result.exit_code, result.stdout, result.stderr, time.perf_counter() - started)


# Runs in the child: cap the address space, then run the CLI as `python -m taikang_check`.
_BOOTSTRAP = """\
import resource, runpy, sys
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.argv = ["taikang-check", *sys.argv[2:]]
runpy.run_module("taikang_check", run_name="__main__", alter_sys=True)
"""


def run_isolated(
    *args: str | Path, timeout: float, scratch: Path, memory: int = MEMORY_LIMIT
) -> Run:
    """`taikang-check ARGS` in a subprocess under an address-space cap, killed at `timeout`;
    reports its exit status (None when killed), output, wall time and peak resident memory."""
    scratch.mkdir(parents=True, exist_ok=True)
    out_path, err_path = scratch / "stdout", scratch / "stderr"
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "TTY_COMPATIBLE"}}
    command = [sys.executable, "-c", _BOOTSTRAP, str(memory), *map(str, args)]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=REPO)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            process.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        None if killed.is_set() else process.returncode,
        out_path.read_bytes().decode("utf-8", "replace"),
        err_path.read_bytes().decode("utf-8", "replace"),
        seconds,
        usage.ru_maxrss * 1024,  # KiB on Linux
    )


def codes_in(text: str) -> set[str]:
    return set(re.findall(r"\[([a-z-]+)\]", text)) & CODES


def assert_outcome(run: Run, expect: str | list[str], seconds: float) -> None:
    """`ok`: the audit ran (exit 0 or 1). A code: exit 2, the code on stderr in one paragraph
    (the heading, then the problems, no blank line), nothing on stdout."""
    assert "Traceback" not in run.output
    assert run.exit_code is not None, f"still running after {run.seconds:.1f} s"
    assert run.seconds < seconds, f"took {run.seconds:.1f} s"
    expected = {expect} if isinstance(expect, str) else set(expect)
    if run.exit_code in (0, 1) and "ok" in expected:
        assert HEADING_EN not in run.stderr
        return
    assert run.exit_code == 2, (run.exit_code, run.stderr[-2000:])
    assert run.stdout == ""
    found = codes_in(run.stderr)
    assert found & expected, f"expected {sorted(expected)}, got {sorted(found)}: {run.stderr}"
    lines = run.stderr.rstrip("\n").split("\n")
    assert lines[0] == HEADING_EN
    assert lines[1].startswith("  ["), run.stderr
    assert all(line.strip() for line in lines), "a blank line splits the message"
    assert len(lines) <= 80


Snapshot = dict[Path, tuple[bytes, int]]


def snapshot(*paths: Path) -> Snapshot:
    """Bytes and modification time of every file under `paths` (files or folders)."""
    files: list[Path] = []
    for path in paths:
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()}


@pytest.fixture
def unchanged() -> Iterator[Callable[..., None]]:
    """`unchanged(path, ...)` records files; after the test they must be exactly as they were
    (bytes and mtime) and no file may have appeared next to them."""
    recorded: list[tuple[Path, Snapshot, set[str]]] = []

    def record(*paths: Path) -> None:
        for path in paths:
            folder = path if path.is_dir() else path.parent
            recorded.append((path, snapshot(path), {p.name for p in folder.iterdir()}))

    yield record
    for path, before, listing in recorded:
        folder = path if path.is_dir() else path.parent
        assert snapshot(path) == before, f"{path} was changed"
        assert {p.name for p in folder.iterdir()} == listing, f"a file appeared in {folder}"


@pytest.fixture(scope="module", autouse=True)
def corpus_untouched() -> Iterator[None]:
    """Across every run of this module, no corpus file changes and none appears."""
    folders = [CORPUS, CORPUS / "rules"]
    before = [
        (snapshot(*sorted(f.glob("*.*"))), sorted(p.name for p in f.iterdir())) for f in folders
    ]
    yield
    after = [
        (snapshot(*sorted(f.glob("*.*"))), sorted(p.name for p in f.iterdir())) for f in folders
    ]
    assert after == before


# --- the corpus ------------------------------------------------------------------------------


def _schools(rows: str) -> bytes:
    return (SCHOOLS_LINE + rows).encode("utf-8")


def _many_rows(n: int = 12) -> str:
    return "".join(ROW.format(i=i) for i in range(1, n + 1))


def _rule(index: int = 0, where: str = "[]") -> str:
    return (
        f"  - id: rule-{index}\n"
        "    title: {zh: 小测试, en: Tiny test}\n"
        "    source: {section: 三(一), quote: 全面消除}\n"
        "    severity: error\n"
        "    checks:\n"
        "      - table: schools\n"
        f"        where: {where}\n"
        "        measure: {column: students}\n"
        "        fail_if: {gt: 2000}\n"
    )


PREDICATE = "{column: students, gt: 1}"


def _nested_conditions(outer: int, middle: int, inner: int) -> str:
    any_of = "{any_of: [" + ", ".join([PREDICATE] * inner) + "]}"
    all_of = "{all_of: [" + ", ".join([any_of] * middle) + "]}"
    return "[" + ", ".join([all_of] * outer) + "]"


def _padded_rule_file(size: int) -> bytes:
    padding = "# " + "填充" * 100 + "\n"
    return (VALID_RULE + padding * (size // len(padding.encode()) + 1)).encode("utf-8")


GENERATED: dict[str, Callable[[], bytes]] = {
    # A school name of a million characters on the first data row: Python's csv (reading the
    # header rows) refuses fields over 128 KiB.
    "huge-field-1mb.csv": lambda: _schools(
        "S1," + "长" * 1_000_000 + ",城关回族镇,小学,公办,城区,300\n"
    ),
    # ... and below the rows the header search reads, polars reads it.
    "huge-field-1mb-below-header-search.csv": lambda: _schools(
        _many_rows() + "S99," + "长" * 1_000_000 + ",城关回族镇,小学,公办,城区,300\n"
    ),
    "wide-line-20000-cells.csv": lambda: _schools(ROW.format(i=1).strip() + "," * 20_000 + "x\n"),
    "wide-row-1m-cells-below-header-search.csv": lambda: _schools(
        _many_rows() + "S99" + "," * 1_000_000 + "\n"
    ),
    # ... with a quoted cell, so that the csv module measures the records.
    "wide-row-1m-cells-quoted-below-header-search.csv": lambda: _schools(
        'S0,"第〇小学",城关回族镇,小学,公办,城区,300\n'
        + _many_rows()
        + "S99"
        + "," * 1_000_000
        + "\n"
    ),
    # A data row of 40,000 cells among the rows the header search reads.
    "wide-row-40000-cells-in-header-search.csv": lambda: _schools(
        ROW.format(i=1) + "S2" + "," * 40_000 + "\n"
    ),
    "conditions-5000-flat.yaml": lambda: (
        "rules:\n" + _rule(where="[" + ", ".join([PREDICATE] * 5000) + "]")
    ).encode(),
    # 2,500 predicates that pass the per-list limits (50 per list) by nesting.
    "conditions-2500-nested.yaml": lambda: (
        "rules:\n" + _rule(where=_nested_conditions(50, 25, 2))
    ).encode(),
    "rule-file-2mib.yaml": lambda: _padded_rule_file(2 * 1024 * 1024),
    "rules-500-in-one-file.yaml": lambda: (
        "rules:\n" + "".join(_rule(i) for i in range(500))
    ).encode(),
    # Honest zip bombs of a few MB each, built in seconds by tests/corpus/generate.py.
    **{
        name: functools.partial(lambda name: big_workbooks()[name], name)
        for name in (
            "zip-bomb-100m-cells.xlsx",
            "xml-whitespace-2gib.xlsx",
            "shared-strings-1.5gib.xlsx",
        )
    },
}


def corpus_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("taikang_corpus", CORPUS / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def big_workbooks() -> dict[str, bytes]:
    made: dict[str, bytes] = corpus_generator().big_workbooks()
    return made


def corpus_params(section: str) -> list[Any]:
    params = []
    for name, spec in MANIFEST[section].items():
        marks = (
            [pytest.mark.xfail(strict=True, reason=" ".join(spec["bug"].split()))]
            if "bug" in spec
            else []
        )
        if spec.get("isolate"):
            marks.append(pytest.mark.skipif(not UNIX, reason="needs RLIMIT_AS and wait4"))
            marks.append(pytest.mark.slow)
        params.append(pytest.param(name, spec, id=name, marks=marks))
    return params


def corpus_case(cli: CliRun, tmp_path: Path, path: Path, spec: dict[str, Any], rules: bool) -> Run:
    """Audit `path` (data), or ok-schools.csv with `path` as the only rule file."""
    if rules:
        folder = tmp_path / "rules"
        folder.mkdir()
        shutil.copyfile(path, folder / path.name)
        args: list[str | Path] = ["audit", CORPUS / "ok-schools.csv", "--rules", folder]
    else:
        args = ["audit", path]
    args += ["--as-of", AS_OF, "--lang", "en"]
    if spec.get("isolate"):
        return run_isolated(*args, timeout=ISOLATED_SECONDS, scratch=tmp_path / "run")
    return run_in_process(cli, *args)


def test_manifest_lists_every_corpus_file() -> None:
    data = {p.name for p in CORPUS.iterdir() if p.is_file()} - NOT_CASES
    rules = {p.name for p in (CORPUS / "rules").iterdir()}
    assert data == set(MANIFEST["data"])
    assert rules == set(MANIFEST["rules"])
    assert set(GENERATED) == set(MANIFEST["generated"])
    for section in ("data", "rules", "generated"):
        for name, spec in MANIFEST[section].items():
            expect = spec["expect"]
            assert set([expect] if isinstance(expect, str) else expect) <= CODES | {"ok"}, name


@pytest.mark.parametrize(("name", "spec"), corpus_params("data"))
def test_corpus_data_file(
    cli: CliRun, tmp_path: Path, unchanged: Callable[..., None], name: str, spec: dict[str, Any]
) -> None:
    path = CORPUS / name
    unchanged(path)
    run = corpus_case(cli, tmp_path, path, spec, rules=False)
    limit = ISOLATED_SECONDS if spec.get("isolate") else SECONDS
    assert_outcome(run, spec["expect"], limit)
    if run.peak_rss is not None:
        assert run.peak_rss < PEAK_RSS, f"peak RSS {run.peak_rss / 1024**2:.0f} MiB"


@pytest.mark.parametrize(("name", "spec"), corpus_params("rules"))
def test_corpus_rule_file(
    cli: CliRun, tmp_path: Path, unchanged: Callable[..., None], name: str, spec: dict[str, Any]
) -> None:
    path = CORPUS / "rules" / name
    unchanged(path, CORPUS / "ok-schools.csv")
    run = corpus_case(cli, tmp_path, path, spec, rules=True)
    limit = ISOLATED_SECONDS if spec.get("isolate") else SECONDS
    assert_outcome(run, spec["expect"], limit)


@pytest.mark.parametrize(("name", "spec"), corpus_params("generated"))
def test_generated_case(
    cli: CliRun, tmp_path: Path, unchanged: Callable[..., None], name: str, spec: dict[str, Any]
) -> None:
    path = tmp_path / "input" / name
    path.parent.mkdir()
    path.write_bytes(GENERATED[name]())
    unchanged(path.parent)
    run = corpus_case(cli, tmp_path, path, spec, rules=name.endswith(".yaml"))
    assert_outcome(run, spec["expect"], SECONDS)


def test_header_without_rows_is_nothing_to_audit(cli: CliRun) -> None:
    """A table of no rows counts as not given: with nothing else, no rule can be evaluated,
    and that is exit 2, never a pass."""
    run = run_in_process(cli, "audit", CORPUS / "header-only.csv", "--as-of", AS_OF, "--lang", "en")
    assert_outcome(run, "nothing-to-audit", SECONDS)
    assert "[empty-table]" in run.stderr
    assert "header-only.csv" in run.stderr


# --- crashers kept by scripts/fuzz.py --------------------------------------------------------


def load_fuzz_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("taikang_fuzz", REPO / "scripts" / "fuzz.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CRASHER_MANIFEST: dict[str, dict[str, Any]] = MANIFEST.get("crashers") or {}


def crasher_params() -> list[Any]:
    files = sorted(p.name for p in CRASHERS.iterdir()) if CRASHERS.is_dir() else []
    params = []
    for name in files:
        spec = CRASHER_MANIFEST.get(name) or {}
        marks = (
            [pytest.mark.xfail(strict=True, reason=" ".join(spec["bug"].split()))]
            if "bug" in spec
            else []
        )
        params.append(pytest.param(name, id=name, marks=marks))
    return params


def test_every_crasher_is_described() -> None:
    files = {p.name for p in CRASHERS.iterdir()} if CRASHERS.is_dir() else set()
    assert files == set(CRASHER_MANIFEST)
    assert all(name.split("-")[0] in ("csv", "xlsx", "yaml") for name in files)
    # Hangs, memory blow-ups and aborts (libFuzzer's timeout-*, oom-*, crash-*) belong in the
    # corpus as isolated cases: replaying them here would hang or kill the test run.
    artifacts = ("-timeout-", "-oom-", "-crash-", "-leak-", "-slow-unit-")
    assert not [name for name in files if any(a in name for a in artifacts)]


@pytest.mark.parametrize("name", crasher_params())
def test_crasher_gives_a_result_or_problems(name: str) -> None:
    fuzz = load_fuzz_script()
    target = name.split("-")[0]
    started = time.perf_counter()
    with contextlib.suppress(ProblemsFound):
        fuzz.replay(target, (CRASHERS / name).read_bytes())
    assert time.perf_counter() - started < SECONDS


# --- the worst workbooks in 2 GiB -----------------------------------------------------------


WORST_WORKBOOKS = [
    "sparse-bomb-xfd1048576.xlsx",
    "ref-a4294967297.xlsx",
    "ref-aaaaaaaaaaaaaaa1.xlsx",
    "shared-strings-count-huge.xlsx",
    "xml-dtd-entity-bomb.xlsx",
    "zip-declared-size-lie.xlsx",
    "xls-dimensions-4g-rows.xls",
    "xls-far-cell-iv65536.xls",
    "ole-fat-loop.xls",
    "ods-cells-bomb.ods",
    "ods-far-cell.ods",
    "ods-table-never-ends.ods",
    "ods-note-never-ends.ods",
    "xlsb-column-4294967295.xlsb",
    "xlsb-far-cell.xlsb",
]
TWO_GIB = 2 * 1024**3


@pytest.mark.slow
@pytest.mark.skipif(not UNIX, reason="needs RLIMIT_AS and wait4")
def test_worst_workbooks_under_a_2_gib_address_space(
    tmp_path: Path, unchanged: Callable[..., None]
) -> None:
    """All of them in one audit, in a process under RLIMIT_AS = 2 GiB (Python and polars
    take about 1 GiB of it): exit 2 with each file's problem named, no traceback, no Rust
    panic or abort. Each would have aborted, panicked or been misread without the checks."""
    bombs = tmp_path / "bombs"
    bombs.mkdir()
    for name, data in big_workbooks().items():
        (bombs / name).write_bytes(data)
    paths = [CORPUS / name for name in WORST_WORKBOOKS] + sorted(bombs.iterdir())
    unchanged(*paths)
    expected = {
        path: (MANIFEST["data"].get(path.name) or MANIFEST["generated"][path.name])["expect"]
        for path in paths
    }
    run = run_isolated(
        "audit", *paths, "--lang", "en", timeout=60, scratch=tmp_path / "run", memory=TWO_GIB
    )
    assert "panicked" not in run.stderr, run.stderr
    assert "RUST_BACKTRACE" not in run.stderr, run.stderr
    assert_outcome(run, sorted(set(expected.values())), 60)
    for path, code in expected.items():
        assert f"[{code}] {path}" in run.stderr, (path.name, run.stderr)


# --- a 100 MB line ---------------------------------------------------------------------------


HUNDRED_MB = 100 * 1024 * 1024


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A folder for large inputs, removed after the test (pytest keeps old tmp_paths)."""
    folder = tmp_path / "input"
    folder.mkdir()
    yield folder
    shutil.rmtree(folder)


@pytest.mark.slow
@pytest.mark.skipif(not UNIX, reason="needs RLIMIT_AS and wait4")
@pytest.mark.parametrize(
    ("fill", "expect"),
    [
        pytest.param(b"x", "unreadable-file", id="no-delimiter"),
        pytest.param("长".encode(), "unreadable-file", id="chinese-no-delimiter"),
        pytest.param(
            b",",
            ["unknown-table", "unreadable-file"],
            id="commas",
        ),
    ],
)
def test_100_mb_single_line(
    scratch: Path, unchanged: Callable[..., None], fill: bytes, expect: str | list[str]
) -> None:
    path = scratch / "line.csv"
    path.write_bytes(fill * (HUNDRED_MB // len(fill)))
    unchanged(path.parent)
    run = run_isolated("audit", path, "--lang", "en", timeout=20, scratch=scratch.parent / "run")
    assert_outcome(run, expect, 20)
    assert run.peak_rss is not None
    assert run.peak_rss < PEAK_RSS, f"peak RSS {run.peak_rss / 1024**2:.0f} MiB"


# --- paths that are no regular file ----------------------------------------------------------


@pytest.mark.skipif(not UNIX, reason="FIFOs, /dev/zero and symlinks")
def test_paths_that_are_not_regular_files(tmp_path: Path) -> None:
    """One run over every kind of path that must not be read (a FIFO or /dev/zero would block
    or never end): each is named with its code, in a subprocess so that a hang is caught."""
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "nowhere.csv")
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    to_zero = tmp_path / "zero.csv"
    to_zero.symlink_to("/dev/zero")
    sparse = tmp_path / "sparse.csv"  # more than 2 GiB, refused before it is read
    with sparse.open("wb") as handle:
        handle.truncate(2 * 1024**3 + 1)
    expected = {
        fifo: "not-a-file",
        folder: "not-a-file",
        Path("/dev/zero"): "not-a-file",
        to_zero: "not-a-file",
        tmp_path / "missing.csv": "file-not-found",
        dangling: "file-not-found",
        loop: "file-not-found",
        sparse: "unreadable-file",
    }
    run = run_isolated("audit", *expected, "--lang", "en", timeout=30, scratch=tmp_path / "run")
    assert_outcome(run, sorted(set(expected.values())), 30)
    lines = run.stderr.splitlines()[1:]
    for path, code in expected.items():
        assert any(f"[{code}] {path}" in line for line in lines), (path, run.stderr)


@pytest.mark.skipif(not UNIX, reason="symlinks")
def test_rules_folder_with_a_symlink_loop_and_a_fifo(
    cli: CliRun, tmp_path: Path, unchanged: Callable[..., None]
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "ok.yaml").write_text(VALID_RULE, encoding="utf-8")
    (rules / "self").symlink_to(rules)
    os.mkfifo(rules / "fifo.yaml")
    (rules / "zero.yaml").symlink_to("/dev/zero")
    unchanged(rules / "ok.yaml", CORPUS / "ok-schools.csv")
    run = run_in_process(
        cli, "audit", CORPUS / "ok-schools.csv", "--rules", rules, "--as-of", AS_OF
    )
    assert_outcome(run, "ok", SECONDS)


# --- injection in school names ---------------------------------------------------------------


INJECTED = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.com","x")',
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "| a | b |",
    "**bold** _x_ `code`",
    "[bold red]markup[/]",
    "[/]",
    "{school_id}{value}",
    "%s%n%x",
    "\\N{BELL}",
]
# Control sequences a terminal would act on: colour, clear screen, window title (OSC), the
# one-byte CSI of C1.
ESCAPES = ["\x1b[31mRED\x1b[0m", "\x1b[2J", "\x1b]0;pwned\x07", "\x9b31m"]


def injected_dataset(tmp_path: Path, names: list[str]) -> tuple[Path, Path]:
    """One school per name; each has a class of 70 (a large-class failure listing the name)."""
    schools = write_table(
        tmp_path,
        "schools.csv",
        SCHOOLS_ZH,
        [school_row(f"S{i}", name=n) for i, n in enumerate(names)],
    )
    classes = write_table(
        tmp_path, "classes.csv", CLASSES_ZH, [[f"S{i}", 1, "1班", 70] for i in range(len(names))]
    )
    return schools, classes


def test_injection_in_school_names_is_plain_text_in_json(
    cli: CliRun, tmp_path: Path, unchanged: Callable[..., None]
) -> None:
    names = INJECTED + ESCAPES
    inputs = injected_dataset(tmp_path, names)
    unchanged(tmp_path)
    run = run_in_process(cli, "audit", *inputs, "--as-of", AS_OF, "--format", "json")
    assert run.exit_code == 1, run.stderr
    assert "\x1b" not in run.stdout  # JSON escapes C0 controls (C1 ones such as U+009B are legal)
    report = json.loads(run.stdout)
    listed = {f["school_name"] for f in report["findings"] if f["rule"] == "large-class"}
    assert listed == set(names)  # every name exactly as written: escaped, never altered


def test_injection_in_school_names_is_plain_text_in_the_terminal(
    cli: CliRun, tmp_path: Path, unchanged: Callable[..., None]
) -> None:
    inputs = injected_dataset(tmp_path, INJECTED)
    unchanged(tmp_path)
    run = run_in_process(
        cli, "audit", *inputs, "--as-of", AS_OF, "--lang", "en", "--max-findings", "100"
    )
    assert run.exit_code == 1, run.stderr
    for name in INJECTED:  # printed as written: no rich markup, no template expansion
        assert name in run.stdout, name


@pytest.mark.parametrize(
    ("fmt", "escaped"),
    [
        ("html", ["&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;"]),
        ("markdown", ["\\| a \\| b \\|"]),
    ],
)
def test_injection_in_school_names_is_escaped_in_html_and_markdown(
    cli: CliRun, tmp_path: Path, fmt: str, escaped: list[str]
) -> None:
    from taikang_check.render.formats import FORMATS

    if fmt not in FORMATS:
        pytest.skip(f"no {fmt} report")
    # The Markdown report lists the first five findings of a rule: these come first.
    names = ["| a | b |", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
    inputs = injected_dataset(tmp_path, names)
    run = run_in_process(cli, "audit", *inputs, "--as-of", AS_OF, "--format", fmt)
    assert run.exit_code == 1, run.stderr
    assert "<script>" not in run.stdout
    assert "<img" not in run.stdout
    for text in escaped:
        assert text in run.stdout, text


@pytest.mark.parametrize("escape", ESCAPES)
def test_no_terminal_escape_from_a_school_name(cli: CliRun, tmp_path: Path, escape: str) -> None:
    inputs = injected_dataset(tmp_path, [f"校{escape}名"])
    run = run_in_process(cli, "audit", *inputs, "--as-of", AS_OF, "--lang", "en")
    assert run.exit_code == 1, run.stderr
    payload = escape.rstrip("\x07")  # rich drops the BEL itself
    assert payload not in run.stdout


def test_escape_in_a_bad_cell_is_quoted_in_the_problem(cli: CliRun, tmp_path: Path) -> None:
    path = write_table(tmp_path, "schools.csv", SCHOOLS_ZH, [school_row("S1", "\x1b[2J八百")])
    run = run_in_process(cli, "audit", path, "--lang", "en")
    assert_outcome(run, "type-error", SECONDS)
    assert "\x1b" not in run.stderr
    assert "\\x1b[2J八百" in run.stderr


# --- --debug ---------------------------------------------------------------------------------


def break_the_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("planted bug for the test")

    monkeypatch.setattr(taikang_check.api, "build_report", broken)


def test_internal_error_without_debug_is_one_paragraph(
    cli: CliRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_the_audit(monkeypatch)
    run = run_in_process(cli, "audit", CORPUS / "ok-schools.csv", "--lang", "en")
    assert_outcome(run, "internal-error", SECONDS)
    assert "planted bug for the test" in run.stderr
    assert "--debug" in run.stderr


def test_internal_error_with_debug_shows_the_traceback(
    cli: CliRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_the_audit(monkeypatch)
    run = run_in_process(cli, "audit", CORPUS / "ok-schools.csv", "--lang", "en", "--debug")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert "Traceback (most recent call last)" in run.stderr
    assert "RuntimeError: planted bug for the test" in run.stderr
    assert "[internal-error]" in run.stderr


def test_debug_shows_no_traceback_for_an_input_problem(cli: CliRun) -> None:
    run = run_in_process(cli, "audit", CORPUS / "binary-png.csv", "--lang", "en", "--debug")
    assert_outcome(run, "encoding-error", SECONDS)


# --- smaller bugs found on the way -----------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "data"),
    [("undefined", b"x"), ("idna", b"xn--" + b"a" * 100), ("punycode", b"99999999")],
)
def test_odd_encoding_argument(cli: CliRun, tmp_path: Path, encoding: str, data: bytes) -> None:
    path = tmp_path / "schools.csv"
    path.write_bytes(data + b"\n")
    run = run_in_process(cli, "audit", path, "--encoding", encoding, "--lang", "en")
    assert_outcome(run, ["bad-argument", "encoding-error"], SECONDS)


def test_path_with_a_nul_character() -> None:
    """Not reachable from a command line, but from the Python API."""
    with pytest.raises(ProblemsFound) as raised:
        load_dataset(["schools\x00.csv"])
    assert [p.code for p in raised.value.problems] == [ProblemCode.FILE_NOT_FOUND]


def test_csv_writer_round_trip_of_injected_names(tmp_path: Path) -> None:
    """The reader keeps formula-looking and markup cells as text, exactly."""
    names = [*INJECTED, "a,b", 'say "hi"', "two\nlines"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(SCHOOLS_ZH)
    writer.writerows(school_row(f"S{i}", name=n) for i, n in enumerate(names))
    path = tmp_path / "schools.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    frame = load_dataset([str(path)]).tables["schools"]
    assert frame.get_column("name").to_list() == names
