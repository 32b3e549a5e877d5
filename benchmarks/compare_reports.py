"""Write every report of the sample and the generated data with two versions of the code and
compare them byte for byte: a change meant to be faster must not change what is reported.

    python benchmarks/compare_reports.py --ref main                   # a commit, branch or tag
    python benchmarks/compare_reports.py --ref main --sizes sample,county,province
    python benchmarks/compare_reports.py --record main                # keep main's reports
    python benchmarks/compare_reports.py --against benchmarks/data/reports-main

The reference code is the tree of `--ref` exported with `git archive` into a temporary
folder (no worktree, no checkout) and run with `PYTHONPATH` set to it, with this Python and
its dependencies; the current code is the checkout this script belongs to. `--record` keeps
the reference reports in benchmarks/data/reports-REF so that later comparisons do not run
the old code again; `--against` compares with such a folder.

For each data set (`sample`: data/sample with its county figures; `county`, `province`,
`national`: benchmarks/generate.py) and each language, one audit writes every format: the
terminal report (plain, and with --verbose), JSON, Markdown, JUnit, GitHub annotations, HTML
and the workbook (compared by the files inside it, the time it was written left out); at
national size only the terminal report and JSON (the others take minutes there). The exit
status and standard error are compared as well. Prints one line per report and exits 1 when
any differs.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import generate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
AS_OF = "2026-11-29"
SAMPLE = ROOT / "data" / "sample"
SIZES = ("sample", "county", "province", "national")
LANGS = ("zh", "en")
# format -> file name; the terminal report goes to standard output.
FILES = {
    "json": "report.json",
    "markdown": "report.md",
    "junit": "junit.xml",
    "github": "github.txt",
    "html": "report.html",
    "xlsx": "report.xlsx",
}
NATIONAL_FILES = ("json",)


def inputs(size: str, cache: Path) -> list[Path]:
    if size == "sample":
        return [SAMPLE / n for n in ("schools.csv", "classes.csv", "indicators.csv")]
    folder = generate.ensure(generate.PRESETS[size], cache)
    return [folder / "schools.csv", folder / "classes.csv"]


def write_reports(code: Path, size: str, cache: Path, out: Path) -> None:
    """Every report of one data set by the code in `code`, into `out/size/lang/`."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(code)
    env.setdefault("LANG", "C.UTF-8")
    env["COLUMNS"] = "100"
    files = [str(p) for p in inputs(size, cache)]
    for lang in LANGS:
        folder = out / size / lang
        folder.mkdir(parents=True, exist_ok=True)
        # At national size a run writes the terminal report and JSON only: the other formats
        # take minutes there and are covered at the smaller sizes.
        formats = {f: p for f, p in FILES.items() if size != "national" or f in NATIONAL_FILES}
        for verbose in (False,) if size == "national" else (False, True):
            command = [sys.executable, "-m", "taikang_check", "audit", *files]
            command += ["--as-of", AS_OF, "--lang", lang, "--format", "terminal"]
            name = "terminal-verbose.txt" if verbose else "terminal.txt"
            if verbose:
                command.append("--verbose")
            else:
                command += [f"-o{fmt}:{folder / path}" for fmt, path in formats.items()]
            # An empty folder as the current one: no taikang-check.toml is found.
            with tempfile.TemporaryDirectory() as cwd:
                done = subprocess.run(command, capture_output=True, env=env, cwd=cwd, check=False)
            (folder / name).write_bytes(done.stdout)
            stem = name.removesuffix(".txt")
            (folder / f"{stem}.stderr").write_bytes(done.stderr)
            (folder / f"{stem}.status").write_text(f"{done.returncode}\n")
        xlsx = folder / FILES["xlsx"]
        if xlsx.is_file():  # unpacked: its members compared one by one
            shutil.unpack_archive(xlsx, folder / "report.xlsx.d", "zip")
            # The workbook's properties carry the time it was written: not part of the report.
            core = folder / "report.xlsx.d" / "docProps" / "core.xml"
            if core.is_file():
                stamp = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*")
                core.write_bytes(stamp.sub(rb"\1(time written)", core.read_bytes()))
            members = sorted(p.name for p in (folder / "report.xlsx.d").rglob("*"))
            (folder / "report.xlsx.members").write_text("\n".join(members) + "\n")
            xlsx.unlink()


def export(ref: str, into: Path) -> Path:
    """The package and rules of `ref`, as files, without touching any checkout."""
    archive = into / "ref.tar"
    with open(archive, "wb") as f:
        subprocess.run(["git", "-C", str(ROOT), "archive", ref], stdout=f, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "code", filter="data")
    archive.unlink()
    return into / "code"


def compare(reference: Path, current: Path) -> int:
    """One line per report; the number that differ."""
    differ = 0
    for path in sorted(p for p in reference.rglob("*") if p.is_file()):
        rel = path.relative_to(reference)
        other = current / rel
        if not other.is_file():
            print(f"  MISSING  {rel}")
            differ += 1
        elif filecmp.cmp(path, other, shallow=False):
            print(f"  same     {rel} ({path.stat().st_size:,} bytes)")
        else:
            print(f"  DIFFERS  {rel}")
            differ += 1
    for path in sorted(p for p in current.rglob("*") if p.is_file()):
        if not (reference / path.relative_to(current)).is_file():
            print(f"  EXTRA    {path.relative_to(current)}")
            differ += 1
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--ref", help="git commit, branch or tag of the reference code")
    source.add_argument("--record", metavar="REF", help="only write REF's reports, to keep")
    source.add_argument("--against", type=Path, help="a folder written by --record")
    parser.add_argument(
        "--sizes",
        type=lambda text: text.split(","),
        default=["sample", "county", "province"],
        help=f"comma-separated, of {','.join(SIZES)} (default: all but national)",
    )
    parser.add_argument("--cache", type=Path, default=generate.DEFAULT_CACHE)
    parser.add_argument("--keep", type=Path, help="keep the current reports in this folder")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.sizes) - set(SIZES))
    if unknown:
        parser.error(f"unknown sizes {unknown}; choose from {','.join(SIZES)}")
    args.cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="taikang-compare-") as tmp:
        work = Path(tmp)
        if args.record:
            code = export(args.record, work)
            kept = args.cache / f"reports-{args.record.replace('/', '-')}"
            for size in args.sizes:
                shutil.rmtree(kept / size, ignore_errors=True)
                write_reports(code, size, args.cache, kept)
            print(f"wrote the reports of {args.record} to {kept}")
            return 0
        if args.ref:
            reference = work / "reference"
            code = export(args.ref, work)
            for size in args.sizes:
                write_reports(code, size, args.cache, reference)
        else:
            reference = work / "reference"
            for size in args.sizes:
                if not (args.against / size).is_dir():
                    parser.error(f"{args.against} has no reports of {size}")
                shutil.copytree(args.against / size, reference / size)
        current = args.keep or work / "current"
        shutil.rmtree(current, ignore_errors=True)
        for size in args.sizes:
            write_reports(ROOT, size, args.cache, current)
        differ = compare(reference, current)
    print("byte-identical" if differ == 0 else f"{differ} reports differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
