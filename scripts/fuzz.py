"""Coverage-guided fuzzing of the readers and the rule loader, for a bounded time.

    .venv/bin/pip install atheris        # optional; without it this script says so and exits 0
    .venv/bin/python scripts/fuzz.py --target csv --seconds 300
    .venv/bin/python scripts/fuzz.py --target all --seconds 60 --keep-going
    .venv/bin/python scripts/fuzz.py --target yaml --keep-going --ignore-in parse_yaml
    .venv/bin/python scripts/fuzz.py --replay tests/corpus/crashers/csv-876b1d5872ac8d7f

Targets (each gets bytes from the fuzzer and must end in a result or ProblemsFound):

- `csv`:  bytes -> a .csv file -> load_dataset (decode, read_csv_text, coerce, cross-table checks);
  the first byte may put a valid header line in front so that the cells get exercised too.
- `xlsx`: bytes -> a .xlsx file -> load_dataset (read_xlsx); the first bytes may instead pick a
  part of a valid workbook to replace or drop, so that the zip container stays valid.
- `yaml`: bytes -> a rule file -> load_rules (safe YAML, RuleFile validation, contract checks).

Any other exception is a crash: its input is written to tests/corpus/crashers/ and the run
stops with a non-zero status (with --keep-going: the first input of each distinct crash is
kept, the run goes on and exits non-zero at the end). Inputs that run longer than --timeout
seconds or use more than --rss-limit-mb are libFuzzer's to catch: it writes them to the same
folder as <target>-timeout-* or <target>-oom-* and exits non-zero; such cases belong in the
corpus as `isolate: true` cases, not in crashers/. --ignore-in skips exceptions escaping from
functions whose bugs are already reported, to fuzz past them. tests/test_hostile.py replays
every file in crashers/.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CRASHERS = REPO / "tests" / "corpus" / "crashers"
TARGETS = ("csv", "xlsx", "yaml")
MAX_LEN = {"csv": 16_384, "xlsx": 65_536, "yaml": 65_536}

# The fuzzed modules, filled in by load_package() (inside atheris' instrumentation when fuzzing).
pkg: dict[str, Any] = {}


def load_package() -> None:
    import openpyxl  # noqa: F401  (builds the seed workbook; imported here to be instrumented)

    from taikang_check import problems
    from taikang_check.contract import tables as schema
    from taikang_check.read import dataset as inputs
    from taikang_check.rulebook import loader as rule_loader

    pkg.update(
        load_dataset=inputs.load_dataset,
        ProblemsFound=problems.ProblemsFound,
        load_rules=rule_loader.load_rules,
        TABLES=schema.TABLES,
    )


# --- targets ---------------------------------------------------------------------------------


class Workdir:
    """One scratch folder for the inputs of a run (in memory when /dev/shm exists)."""

    def __init__(self) -> None:
        base = "/dev/shm" if os.path.isdir("/dev/shm") else None
        self.path = Path(tempfile.mkdtemp(prefix="taikang-fuzz-", dir=base))
        (self.path / "rules").mkdir()

    def file(self, name: str, data: bytes) -> str:
        path = self.path / name
        path.write_bytes(data)
        return str(path)

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def header_lines() -> list[bytes]:
    """A valid header line per table: its required columns and one optional column of each
    type, in Chinese and in English."""
    lines: list[bytes] = []
    for table in pkg["TABLES"]:
        columns = [c for c in table.columns if c.required]
        types = {c.type for c in columns}
        for column in table.columns:
            if column.type not in types:
                columns.append(column)
                types.add(column.type)
        lines.append((",".join(c.zh for c in columns) + "\n").encode("utf-8"))
        lines.append((",".join(c.name for c in columns) + "\n").encode("utf-8"))
    return lines


def csv_input(data: bytes, headers: list[bytes]) -> bytes:
    """Byte 0 odd: a header line chosen by byte 1 goes in front of the rest."""
    if len(data) >= 2 and data[0] % 2:
        return headers[data[1] % len(headers)] + data[2:]
    return data[1:]


def workbook_parts() -> list[tuple[str, bytes]]:
    """The parts of a small valid workbook: a schools sheet and an instructions sheet."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "学校表"
    sheet.append(["学校代码", "学校名称", "乡镇", "学校类型", "办学性质", "城乡类别", "在校生数"])
    sheet.append(["S1", "一小", "城关回族镇", "小学", "公办", "城区", 300])
    sheet.append(["S2", "二小", "城关回族镇", "小学", "公办", "城区", "1,200"])
    book.create_sheet("说明").append(["请按模板填写"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def xlsx_input(data: bytes, parts: list[tuple[str, bytes]]) -> bytes:
    """Byte 0 % 3 == 0: the bytes are the file. 1: part `byte 1` of the valid workbook is
    replaced by the rest; 2: it is dropped and the rest is appended as an extra part."""
    if len(data) < 2 or data[0] % 3 == 0:
        return data[1:]
    index = data[1] % len(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, (name, content) in enumerate(parts):
            if i != index:
                archive.writestr(name, content)
            elif data[0] % 3 == 1:
                archive.writestr(name, data[2:])
        if data[0] % 3 == 2:
            archive.writestr("xl/extra.xml", data[2:])
    return buffer.getvalue()


def make_target(name: str, work: Workdir) -> Callable[[bytes], None]:
    load_dataset = pkg["load_dataset"]
    if name == "csv":
        headers = header_lines()

        def run_csv(data: bytes) -> None:
            load_dataset([work.file("input.csv", csv_input(data, headers))])

        return run_csv
    if name == "xlsx":
        parts = workbook_parts()

        def run_xlsx(data: bytes) -> None:
            load_dataset([work.file("input.xlsx", xlsx_input(data, parts))])

        return run_xlsx
    load_rules = pkg["load_rules"]

    def run_yaml(data: bytes) -> None:
        work.file("rules/input.yaml", data)
        load_rules(work.path / "rules")

    return run_yaml


# --- seeds and dictionary --------------------------------------------------------------------


def corpus_files(pattern: str) -> list[Path]:
    """Files of tests/corpus, without the cases known to hang or to blow up (isolate: true)."""
    import yaml

    corpus = REPO / "tests" / "corpus"
    manifest = yaml.safe_load((corpus / "expected.yaml").read_text(encoding="utf-8"))
    isolated = {
        name
        for section in ("data", "rules")
        for name, spec in (manifest.get(section) or {}).items()
        if spec.get("isolate")
    }
    return [p for p in sorted(corpus.glob(pattern)) if p.name not in isolated]


def seeds(name: str) -> list[bytes]:
    """Valid and nearly valid inputs to start from."""
    found: list[bytes] = []
    if name == "csv":
        headers = header_lines()
        for path in [*sorted((REPO / "data" / "sample").glob("*.csv")), *corpus_files("*.csv")]:
            found.append(b"\x00" + path.read_bytes()[:8192])
        row = "S1,一小,城关回族镇,小学,公办,城区,300,2020-09-01,是,1,2024\n"
        for index in range(len(headers)):
            found.append(bytes([1, index]) + row.encode("utf-8"))
            found.append(bytes([1, index]) + row.encode("gb18030"))
        return found
    if name == "xlsx":
        parts = workbook_parts()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for part, content in parts:
                archive.writestr(part, content)
        found.append(b"\x00" + buffer.getvalue())
        for index, (_, content) in enumerate(parts):
            found.append(bytes([1, index]) + content)
        found += [b"\x00" + path.read_bytes() for path in corpus_files("*.xlsx")]
        return found
    for path in sorted((REPO / "rules").rglob("*.yaml")):
        found.append(path.read_bytes()[: MAX_LEN["yaml"]])
    found += [p.read_bytes()[: MAX_LEN["yaml"]] for p in corpus_files("rules/*.yaml")]
    return found


def dictionary(name: str) -> list[bytes]:
    """Words the fuzzer may splice in: headers, enum values, rule keys and operators."""
    words: set[str] = set()
    for table in pkg["TABLES"]:
        words.add(table.name)
        for column in table.columns:
            words.update((column.name, column.zh))
            for value in column.values:
                words.update((value.code, value.zh, *value.aliases))
    if name == "yaml":
        words.update(rule_words())
        words.update(["!!python/object", "!!binary", "!!timestamp", "!!set", "&", "*", "---"])
        words.update(["...", "?", ":", "-", "[", "]", "{", "}", "95%", "1e9", "2024-09-01"])
    else:
        words.update(("是", "否", "2024-09-01", "2024/9/1", "1,200", "八百", "-3", '"', "\r\n"))
    return sorted(w.encode("utf-8") for w in words if w)


def rule_words() -> set[str]:
    """Every key (field or alias) and enum value of the rule file models."""
    from enum import Enum

    from pydantic import BaseModel

    from taikang_check.rulebook import model as rule_model

    words: set[str] = set()
    for value in vars(rule_model).values():
        if isinstance(value, type) and issubclass(value, BaseModel):
            words.update(f.alias or name for name, f in value.model_fields.items())
        elif isinstance(value, type) and issubclass(value, Enum):
            words.update(str(member.value) for member in value)
    return words


def write_dictionary(words: list[bytes], path: Path) -> None:
    def escape(word: bytes) -> str:
        return "".join(
            chr(b) if 0x20 <= b < 0x7F and b not in b'\\"' else f"\\x{b:02x}" for b in word
        )

    path.write_text("".join(f'"{escape(w)}"\n' for w in words), encoding="ascii")


# --- running ---------------------------------------------------------------------------------


def escapes_from(error: BaseException) -> str:
    """The innermost function of the package the exception passed through."""
    frames = traceback.extract_tb(error.__traceback__)
    names = [f.name for f in frames if "taikang_check" in f.filename and f.name[0] != "<"]
    return names[-1] if names else ""


def crash_signature(error: BaseException) -> str:
    """Type, innermost frame of the package and innermost frame at all."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "taikang_check" in f.filename]
    places = [f"{Path(f.filename).name}:{f.lineno}" for f in (ours[-1:] + frames[-1:])]
    where = " / ".join(dict.fromkeys(places)) or "?"
    return f"{type(error).__name__} at {where}"


def save_crasher(target: str, data: bytes) -> Path:
    CRASHERS.mkdir(parents=True, exist_ok=True)
    path = CRASHERS / f"{target}-{hashlib.sha1(data).hexdigest()[:16]}"
    path.write_bytes(data)
    return path


def replay(target: str, data: bytes) -> None:
    """Run one input through a target (for tests and for reproducing a crasher)."""
    if not pkg:
        load_package()
    work = Workdir()
    try:
        make_target(target, work)(data)
    finally:
        work.remove()


def fuzz(args: argparse.Namespace, atheris: Any) -> None:
    with atheris.instrument_imports(include=["taikang_check", "yaml", "openpyxl"]):
        load_package()
    work = Workdir()
    run = make_target(args.target, work)
    problems_found = pkg["ProblemsFound"]
    corpus = Path(args.corpus) if args.corpus else work.path / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for data in seeds(args.target):
        (corpus / hashlib.sha1(data).hexdigest()).write_bytes(data)
    dict_path = work.path / "fuzz.dict"
    write_dictionary(dictionary(args.target), dict_path)
    CRASHERS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    deadline = started + args.seconds
    state = {"executions": 0, "ignored": 0}
    ignored = set(args.ignore_in.split(",")) if args.ignore_in else set()
    crashes: dict[str, Path] = {}

    def finish() -> None:
        elapsed = time.monotonic() - started
        print(
            f"\nfuzz {args.target}: {state['executions']} executions in {elapsed:.0f} s, "
            f"{len(crashes)} distinct crash(es)"
            + (f", {state['ignored']} known crash(es) ignored" if ignored else ""),
            file=sys.stderr,
        )
        for signature, path in crashes.items():
            print(f"  {signature}: {path.relative_to(REPO)}", file=sys.stderr)
        sys.stderr.flush()
        work.remove()
        os._exit(1 if crashes else 0)

    def one_input(data: bytes) -> None:
        if time.monotonic() > deadline:
            finish()
        state["executions"] += 1
        try:
            run(data)
        except problems_found:
            pass
        except Exception as error:
            if escapes_from(error) in ignored:
                state["ignored"] += 1
                return
            signature = crash_signature(error)
            if signature not in crashes:
                crashes[signature] = save_crasher(args.target, data)
                print(f"\nCRASH {signature}: {crashes[signature]}", file=sys.stderr)
                traceback.print_exc()
            if not args.keep_going:
                finish()

    libfuzzer_args = [
        sys.argv[0],
        str(corpus),
        f"-dict={dict_path}",
        f"-max_len={MAX_LEN[args.target]}",
        f"-timeout={args.timeout}",
        f"-rss_limit_mb={args.rss_limit_mb}",
        f"-max_total_time={args.seconds + 2 * args.timeout}",
        f"-artifact_prefix={CRASHERS}/{args.target}-",
        "-print_final_stats=1",
    ]
    atheris.Setup(libfuzzer_args, one_input)
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--target", choices=[*TARGETS, "all"], default="all")
    parser.add_argument("--seconds", type=int, default=60, help="per target (default 60)")
    parser.add_argument("--timeout", type=int, default=10, help="seconds per input")
    parser.add_argument("--rss-limit-mb", type=int, default=3072)
    parser.add_argument("--keep-going", action="store_true", help="go on after a crash")
    parser.add_argument(
        "--ignore-in",
        metavar="FUNC[,FUNC]",
        help="exceptions escaping from these functions of the package are known bugs already "
        "reported: count them, do not keep them (to fuzz past them)",
    )
    parser.add_argument("--corpus", help="keep the growing corpus in this folder")
    parser.add_argument("--replay", metavar="FILE", help="run one saved input and show the result")
    args = parser.parse_args(argv)
    if args.replay:
        target = args.target if args.target != "all" else Path(args.replay).name.split("-")[0]
        try:
            replay(target, Path(args.replay).read_bytes())
        except pkg["ProblemsFound"] as found:
            print(f"no crash: ProblemsFound {sorted({p.code.value for p in found.problems})}")
        else:
            print("no crash: a result")
        return 0
    if importlib.util.find_spec("atheris") is None:
        print(
            "atheris is not installed, so there is nothing to fuzz with; it is optional:\n"
            f"  {sys.executable} -m pip install atheris",
            file=sys.stderr,
        )
        return 0
    if args.target == "all":
        # libFuzzer ends its process, so each target runs in a process of its own.
        status = 0
        for target in TARGETS:
            command = [sys.executable, __file__, "--target", target]
            command += ["--seconds", str(args.seconds), "--timeout", str(args.timeout)]
            command += ["--rss-limit-mb", str(args.rss_limit_mb)]
            command += ["--keep-going"] if args.keep_going else []
            command += ["--ignore-in", args.ignore_in] if args.ignore_in else []
            command += ["--corpus", str(Path(args.corpus) / target)] if args.corpus else []
            print(f"== {target}", file=sys.stderr, flush=True)
            status |= 1 if subprocess.run(command, check=False).returncode else 0
        return status
    fuzz(args, importlib.import_module("atheris"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
