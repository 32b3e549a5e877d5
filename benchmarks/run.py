"""Time the installed `taikang-check audit` end to end against a plain polars floor.

    python benchmarks/run.py --size county|province|national [--runs 3]
                             [--format terminal|json|both] [--frictionless] [--startup]
    python benchmarks/run.py --scaling [--runs 3] [--plot]
    python benchmarks/run.py --plot          # redraw benchmarks/scaling.svg from the last series

Each measurement is a subprocess under `/usr/bin/time -v` (wall clock and peak RSS from its
report), with stdout written to a file in a temporary folder:

- audit: `taikang-check audit schools.csv classes.csv --as-of 2026-11-29 --fail-on never
  --format F`, the CLI installed next to this Python;
- floor: `python -c …`, a plain polars `scan_csv` of the same classes file applying the three
  class-size conditions (grades 1-9 students >= 56; grades 1-6 > 45; grades 7-9 > 50) and
  collecting the three counts;
- frictionless (optional, `pip install frictionless`): `validate` of the same classes file
  with the equivalent range constraint (`students` maximum 55) and every error kept.

Runs alternate (floor, audit, floor, audit, …) so that a noisy machine slows both alike; the
report gives medians and the ratio of the audit's median to the floor's, and checks the
targets of issue 7 (PASS / MISS with the numbers). Data comes from benchmarks/generate.py and
is cached in benchmarks/data/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import generate

HERE = Path(__file__).resolve().parent
AS_OF = "2026-11-29"
SCALING_ROWS = (10_000, 100_000, 1_000_000, 4_000_000)
SVG_PATH = HERE / "scaling.svg"
GIB = 1024**3

FLOOR_CODE = """\
import sys
import polars as pl
g, s = pl.col("grade"), pl.col("students")
counts = pl.scan_csv(sys.argv[1]).select(
    large=(g.is_between(1, 9) & (s >= 56)).sum(),
    primary_over_45=(g.is_between(1, 6) & (s > 45)).sum(),
    junior_over_50=(g.is_between(7, 9) & (s > 50)).sum(),
).collect()
print(counts.row(0, named=True))
"""

# frictionless refuses absolute paths ("not safe"): it runs in the data folder.
FRICTIONLESS_CODE = """\
import sys
from collections import Counter
from frictionless import Resource, Schema
schema = Schema.from_descriptor({"fields": [
    {"name": "school_id", "type": "string"},
    {"name": "grade", "type": "integer"},
    {"name": "class_name", "type": "string"},
    {"name": "students", "type": "integer", "constraints": {"maximum": 55}},
]})
report = Resource(path=sys.argv[1], schema=schema).validate(limit_errors=10**10)
task = report.tasks[0]
print(task.stats["rows"], dict(Counter(error.type for error in task.errors)))
"""


# ------------------------------------------------------------------------------ timing


@dataclass
class Sample:
    wall: float  # seconds
    rss: int  # bytes
    cpu: float  # user + system seconds
    output_bytes: int


@dataclass
class Series:
    label: str
    samples: list[Sample] = field(default_factory=list)
    stdout_head: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def rss(self) -> float:
        return statistics.median(s.rss for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    def to_json(self) -> dict[str, object]:
        return {
            "label": self.label,
            "wall_median": self.wall,
            "rss_median": self.rss,
            "cpu_median": self.cpu,
            "walls": [s.wall for s in self.samples],
            "rss": [s.rss for s in self.samples],
            "output_bytes": self.samples[-1].output_bytes if self.samples else 0,
        }


def parse_elapsed(text: str) -> float:
    """`h:mm:ss` or `m:ss.ss` as printed by GNU time."""
    seconds = 0.0
    for part in text.strip().split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def parse_time_report(text: str) -> tuple[float, int, float]:
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    user = re.search(r"User time \(seconds\): ([\d.]+)", text)
    system = re.search(r"System time \(seconds\): ([\d.]+)", text)
    if not (wall and rss and user and system):
        raise RuntimeError(f"cannot read the /usr/bin/time report:\n{text}")
    cpu = float(user.group(1)) + float(system.group(1))
    return parse_elapsed(wall.group(1)), int(rss.group(1)) * 1024, cpu


class Timer:
    def __init__(self, workdir: Path, env: dict[str, str]) -> None:
        self.workdir = workdir
        self.env = env
        self.count = 0

    def run(self, series: Series, command: Sequence[str], cwd: Path | None = None) -> Sample:
        self.count += 1
        out = self.workdir / f"out-{self.count}.txt"
        report = self.workdir / f"time-{self.count}.txt"
        with open(out, "wb") as stdout:
            done = subprocess.run(
                ["/usr/bin/time", "-v", "-o", str(report), *command],
                stdout=stdout,
                stderr=subprocess.PIPE,
                env=self.env,
                cwd=cwd or self.workdir,
                check=False,
            )
        if done.returncode != 0:
            raise RuntimeError(
                f"{series.label}: exit status {done.returncode}\n$ {' '.join(command)}\n"
                + done.stderr.decode(errors="replace")[-3000:]
            )
        wall, rss, cpu = parse_time_report(report.read_text())
        size = out.stat().st_size
        if not series.stdout_head:
            with open(out, "rb") as f:
                series.stdout_head = f.read(400).decode(errors="replace")
        out.unlink()
        sample = Sample(wall, rss, cpu, size)
        series.samples.append(sample)
        return sample


def bench_env(cache: Path) -> dict[str, str]:
    """The environment of every measured process.

    Bytecode is cached in the cache folder (PYTHONPYCACHEPREFIX) even where the shell sets
    PYTHONDONTWRITEBYTECODE, as an installed package has its modules compiled: otherwise an
    editable checkout would compile every module of the tool from source on each run.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache / "pycache")
    env.setdefault("LANG", "C.UTF-8")
    return env


def cli_path() -> str:
    beside = Path(sys.executable).parent / "taikang-check"
    if beside.is_file():
        return str(beside)
    found = shutil.which("taikang-check")
    if not found:
        raise SystemExit("taikang-check is not installed (pip install -e .)")
    return found


SAMPLE = HERE.parent / "data" / "sample"
SAMPLE_FILES = ("schools.csv", "classes.csv", "indicators.csv")


def audit_command(
    folder: Path, fmt: str, files: Sequence[str] = ("schools.csv", "classes.csv")
) -> list[str]:
    return [
        cli_path(),
        "audit",
        *(str(folder / name) for name in files),
        "--as-of",
        AS_OF,
        "--fail-on",
        "never",
        "--format",
        fmt,
    ]


def floor_command(folder: Path) -> list[str]:
    return [sys.executable, "-c", FLOOR_CODE, str(folder / "classes.csv")]


def realistic_floor_command(folder: Path) -> list[str]:
    """benchmarks/floor_realistic.py: typed read, every row condition, tallies, one plan."""
    files = [str(folder / "schools.csv"), str(folder / "classes.csv")]
    return [sys.executable, str(HERE / "floor_realistic.py"), *files, AS_OF]


def warm_up(timer: Timer) -> None:
    """Import every module of the tool once, untimed, so that its bytecode is cached."""
    code = (
        "import importlib, pkgutil, taikang_check\n"
        "for module in pkgutil.iter_modules(taikang_check.__path__):\n"
        "    try:\n"
        "        importlib.import_module('taikang_check.' + module.name)\n"
        "    except Exception:\n"
        "        pass\n"
    )
    timer.run(Series("warm-up"), [sys.executable, "-c", code])


def warm_page_cache(folder: Path) -> None:
    for name in ("schools.csv", "classes.csv"):
        with open(folder / name, "rb") as f:
            while f.read(1 << 24):
                pass


# ------------------------------------------------------------------------------ output


def fmt_seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def fmt_bytes(value: float) -> str:
    if value >= GIB:
        return f"{value / GIB:.2f} GiB"
    return f"{value / 1024**2:.0f} MiB"


def print_table(rows: list[Series], floor: Series | None) -> None:
    print(
        f"  {'command':<22} {'wall (median)':>13} {'min-max':>15} {'CPU':>9} "
        f"{'peak RSS':>10} {'wall/floor':>10} {'CPU/floor':>9} {'RSS/floor':>9}"
    )
    for series in rows:
        walls = [s.wall for s in series.samples]
        spread = f"{min(walls):.2f}-{max(walls):.2f}"
        ratio = cpu_ratio = rss_ratio = ""
        if floor is not None:
            ratio = f"{series.wall / floor.wall:.2f}x"
            cpu_ratio = f"{series.cpu / floor.cpu:.1f}x" if floor.cpu else ""
            rss_ratio = f"{series.rss / floor.rss:.1f}x"
        print(
            f"  {series.label:<22} {fmt_seconds(series.wall):>13} {spread:>15} "
            f"{fmt_seconds(series.cpu):>9} {fmt_bytes(series.rss):>10} {ratio:>10}"
            f" {cpu_ratio:>9} {rss_ratio:>9}"
        )


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    reference: bool = False  # a target of another size, shown for information

    def line(self) -> str:
        verdict = "PASS" if self.ok else "MISS"
        if self.reference:
            verdict = verdict.lower()
        return f"  {verdict}  {self.name}: {self.detail}"


def ratio_check(name: str, audit: Series, floor: Series, limit: float, ref: bool) -> Check:
    ratio = audit.wall / floor.wall
    if ratio <= limit:
        margin = f"{(1 - ratio / limit) * 100:.0f}% below the target"
    elif ratio < 2 * limit:
        margin = f"{(ratio / limit - 1) * 100:.0f}% over the target"
    else:
        margin = f"{ratio / limit:.1f}x the target"
    detail = (
        f"{ratio:.2f}x (audit {fmt_seconds(audit.wall)}, floor {fmt_seconds(floor.wall)};"
        f" target <= {limit:g}x: {margin})"
    )
    return Check(name, ratio <= limit, detail, ref)


def rss_check(audit: Series, ref: bool) -> Check:
    over = f", {audit.rss / GIB:.2f}x the target" if audit.rss > GIB else ""
    detail = f"{fmt_bytes(audit.rss)} (target <= 1 GiB{over})"
    return Check("peak RSS, terminal report <= 1 GiB", audit.rss <= GIB, detail, ref)


# ------------------------------------------------------------------------------ commands


def run_size(args: argparse.Namespace) -> int:
    params = generate.resolve(args.size, args.rows)
    folder = generate.ensure(params, args.cache)
    meta = json.loads((folder / "meta.json").read_text())
    formats = ["terminal", "json"] if args.format == "both" else [args.format]
    name = args.size or f"{params.classes:,} rows"
    print(
        f"{name}: {params.classes:,} classes, {params.schools:,} schools,"
        f" {params.counties:,} counties  ({folder})"
    )
    counts = meta["counts"]
    print(
        f"  planted: {counts['large']:,} large classes (56+, grades 1-9),"
        f" {counts['primary_over']:,} grade 1-6 classes over 45,"
        f" {counts['junior_over']:,} grade 7-9 over 50,"
        f" {counts['counties_private_over_5pct']:,} counties over 5% private"
    )
    env = bench_env(args.cache)
    results: dict[str, object] = {"size": name, "params": meta["params"], "runs": args.runs}
    results["load_before"] = print_load("before")
    results["code"] = code_state()
    print(f"  code: {results['code']}")
    checks: list[Check] = []
    with tempfile.TemporaryDirectory(prefix="taikang-bench-") as tmp:
        timer = Timer(Path(tmp), env)
        warm_page_cache(folder)
        warm_up(timer)
        # One untimed audit on small data warms what is left.
        if params.classes <= 100_000:
            timer.run(Series("warm-up"), audit_command(folder, formats[0]))
        floor = Series("floor (polars scan)")
        audits = {f: Series(f"audit --format {f}") for f in formats}
        # The bundled county sample (every column, county figures): the 0.6 s target.
        sample = Series("audit data/sample")
        with_sample = args.size == "county" and all((SAMPLE / n).is_file() for n in SAMPLE_FILES)
        if with_sample:
            timer.run(Series("warm-up"), audit_command(SAMPLE, "terminal", SAMPLE_FILES))
        friction = Series("frictionless validate")
        friction_python = args.frictionless_python or sys.executable
        if args.frictionless:
            have = subprocess.run(
                [friction_python, "-c", "import frictionless"],
                stderr=subprocess.DEVNULL,
                check=False,
            )
            if have.returncode != 0:
                raise SystemExit(
                    f"frictionless is not installed for {friction_python}: pip install -e"
                    " '.[bench]' (or pip install frictionless), or name a Python that has it"
                    " with --frictionless-python"
                )
        for round_ in range(args.runs):
            for fmt in formats:
                timer.run(floor, floor_command(folder))
                timer.run(audits[fmt], audit_command(folder, fmt))
            if with_sample:
                timer.run(floor, floor_command(folder))
                timer.run(sample, audit_command(SAMPLE, "terminal", SAMPLE_FILES))
            if args.frictionless:
                timer.run(floor, floor_command(folder))
                cmd = [friction_python, "-c", FRICTIONLESS_CODE, "classes.csv"]
                timer.run(friction, cmd, cwd=folder)
            shown = [*audits.values()] + ([sample] if with_sample else [])
            walls = ", ".join(f"{s.label} {s.samples[-1].wall:.2f} s" for s in shown)
            print(
                f"  round {round_ + 1}/{args.runs}: floor {floor.samples[-1].wall:.2f} s, {walls}"
            )
        rows = [floor, *audits.values()]
        rows += ([sample] if with_sample else []) + ([friction] if args.frictionless else [])
        print(f"  floor output: {floor.stdout_head.strip()}")
        if args.frictionless:
            print(f"  frictionless output: {friction.stdout_head.strip()}")
        for fmt, series in audits.items():
            print(f"  audit --format {fmt} output: {series.samples[-1].output_bytes:,} bytes")
        print_table(rows, floor)
        results["series"] = [s.to_json() for s in rows]
        national = args.size == "national"
        ref = not national
        if "terminal" in audits:
            checks.append(
                ratio_check("terminal report <= 3x floor", audits["terminal"], floor, 3, ref)
            )
            checks.append(rss_check(audits["terminal"], ref))
        if "json" in audits:
            checks.append(
                ratio_check("JSON with every finding <= 6x floor", audits["json"], floor, 6, ref)
            )
        county_runs = [("data/sample", sample)] if with_sample else []
        if args.size == "county" and "terminal" in audits:
            county_runs.append(("generated county", audits["terminal"]))
        for what, series in county_runs:
            wall = series.wall
            over = f", over by {wall - 0.6:.2f} s" if wall > 0.6 else ""
            checks.append(
                Check(
                    f"county sample ({what}), whole process <= 0.6 s",
                    wall <= 0.6,
                    f"{fmt_seconds(wall)} (best {min(s.wall for s in series.samples):.2f} s,"
                    f" CPU {fmt_seconds(series.cpu)}{over})",
                )
            )
        if args.frictionless and friction.samples:
            for series in audits.values():
                print(
                    f"  {series.label}: {series.wall / friction.wall:.3f}x frictionless's wall"
                    f" time (frictionless {fmt_seconds(friction.wall)}, that is"
                    f" {friction.wall / series.wall:.1f}x the audit)"
                )
        if args.startup or args.size == "county":
            checks += run_startup(timer, max(args.runs, 10))
    results["load_after"] = print_load("after")
    print(
        "targets (issue 7)"
        + ("" if args.size == "national" else "; lower case: national targets, for reference")
    )
    for check in checks:
        print(check.line())
    results["checks"] = [check.__dict__ for check in checks]
    results["date"] = dt.datetime.now().isoformat(timespec="seconds")
    out = args.cache / f"results-{name.replace(' ', '').replace(',', '')}.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    return 0


def code_state() -> str:
    """The commit of the checkout the CLI runs from, and whether the package is edited."""
    try:
        root = HERE.parent
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "taikang_check", "rules"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + (" with uncommitted changes to taikang_check/ or rules/" if dirty else "")


def print_load(when: str) -> list[float]:
    """The machine's load average: other work slows the floor and the audit alike."""
    load = [round(v, 2) for v in os.getloadavg()]
    print(f"  load average {when}: {load[0]} {load[1]} {load[2]} on {os.cpu_count()} CPUs")
    return load


def run_startup(timer: Timer, runs: int, limit: float = 0.1) -> list[Check]:
    """`taikang-check --help` and `--version` against `python -c pass`, alternating."""
    baseline = Series("python -c pass")
    helps = Series("taikang-check --help")
    versions = Series("taikang-check --version")
    timer.run(Series("warm-up"), [cli_path(), "--help"])
    for _ in range(runs):
        timer.run(baseline, [sys.executable, "-c", "pass"])
        timer.run(helps, [cli_path(), "--help"])
        timer.run(versions, [cli_path(), "--version"])
    print(f"startup ({runs} runs each; /usr/bin/time resolution 0.01 s)")
    print_table([baseline, helps, versions], None)
    checks = []
    for series in (helps, versions):
        extra = series.wall - baseline.wall
        checks.append(
            Check(
                f"`{series.label.split(' ', 1)[1]}` within {limit:g} s of `python -c pass`",
                extra <= limit,
                f"+{extra:.2f} s ({fmt_seconds(series.wall)} vs {fmt_seconds(baseline.wall)})",
            )
        )
    return checks


def run_scaling(args: argparse.Namespace) -> int:
    env = bench_env(args.cache)
    points: list[dict[str, Any]] = []
    load_before = print_load("before")
    code = code_state()
    print(f"  code: {code}")
    with tempfile.TemporaryDirectory(prefix="taikang-bench-") as tmp:
        timer = Timer(Path(tmp), env)
        for rows in args.rows_list:
            params = generate.params_for_rows(rows)
            folder = generate.ensure(params, args.cache)
            warm_page_cache(folder)
            warm_up(timer)
            if rows <= 100_000:
                timer.run(Series("warm-up"), audit_command(folder, "terminal"))
            floor, audit = Series("floor"), Series("audit --format terminal")
            for _ in range(args.runs):
                timer.run(floor, floor_command(folder))
                timer.run(audit, audit_command(folder, "terminal"))
            point = {
                "rows": rows,
                "schools": params.schools,
                "counties": params.counties,
                "audit": audit.to_json(),
                "floor": floor.to_json(),
            }
            points.append(point)
            print(
                f"  {rows:>9,} classes: audit {fmt_seconds(audit.wall):>8}"
                f" (CPU {fmt_seconds(audit.cpu)}, {fmt_bytes(audit.rss)}),"
                f" floor {fmt_seconds(floor.wall):>7}"
                f" ({fmt_bytes(floor.rss)}), ratio {audit.wall / floor.wall:.2f}x,"
                f" {audit.wall / rows * 1e6:.2f} us/class"
            )
    load_after = print_load("after")
    walls = {int(p["rows"]): float(p["audit"]["wall_median"]) for p in points}
    ordered = sorted(walls)
    for low, high in itertools.pairwise(ordered):
        marginal = (walls[high] - walls[low]) / (high - low) * 1e6
        print(f"  marginal cost {low:,} -> {high:,} classes: {marginal:.2f} us/class")
    checks = []
    if 1_000_000 in walls and 4_000_000 in walls:
        one, four = walls[1_000_000] / 1_000_000, walls[4_000_000] / 4_000_000
        ratio = four / one
        cpus = {int(p["rows"]): float(p["audit"]["cpu_median"]) for p in points}
        cpu_ratio = (cpus[4_000_000] / 4) / cpus[1_000_000]
        checks.append(
            Check(
                "linear cost: 4M per-row cost <= 1.3x the 1M per-row cost",
                ratio <= 1.3,
                f"{ratio:.2f}x ({four * 1e6:.2f} vs {one * 1e6:.2f} us/class;"
                f" by CPU time {cpu_ratio:.2f}x)",
            )
        )
    print("targets (issue 7)")
    for check in checks:
        print(check.line())
    data = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "runs": args.runs,
        "load": [load_before, load_after],
        "code": code,
        "points": points,
    }
    (args.cache / "scaling.json").write_text(json.dumps(data, indent=1) + "\n")
    if args.plot:
        write_svg(data, SVG_PATH)
        print(f"wrote {SVG_PATH}")
    return 0


# ------------------------------------------------------------------------------ issue 14


def _target(name: str, value: float, limit: float, unit: str, detail: str) -> Check:
    shown = f"{value:.2f}{unit}" if unit != " MiB" else f"{value:.0f}{unit}"
    return Check(name, value <= limit, f"{shown} (target <= {limit:g}{unit}; {detail})")


def run_targets(args: argparse.Namespace) -> int:
    """Every target of issue 14 from one run, against the realistic floor of the same run.

    Series: `python -c pass` and `--help`/`--version`; the bundled sample; the scaling
    points (10k, 100k, 1M classes: terminal report) and the national set (4M classes:
    terminal and JSON). At each size the thin floor, the realistic floor and the audits
    alternate, and the medians are compared.
    """
    env = bench_env(args.cache)
    results: dict[str, Any] = {"runs": args.runs, "load_before": print_load("before")}
    results["code"] = code_state()
    print(f"  code: {results['code']}")
    checks: list[Check] = []
    points: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="taikang-bench-") as tmp:
        timer = Timer(Path(tmp), env)
        warm_up(timer)
        checks += run_startup(timer, max(args.runs, 10), limit=0.05)
        sample = Series("audit data/sample")
        timer.run(Series("warm-up"), audit_command(SAMPLE, "terminal", SAMPLE_FILES))
        for _ in range(max(args.runs, 5)):
            timer.run(sample, audit_command(SAMPLE, "terminal", SAMPLE_FILES))
        print_table([sample], None)
        checks.append(
            _target(
                "data/sample, whole process",
                sample.wall,
                0.4,
                " s",
                f"CPU {fmt_seconds(sample.cpu)}, best {min(s.wall for s in sample.samples):.2f} s",
            )
        )
        for rows in args.rows_list:
            params = generate.params_for_rows(rows)
            folder = generate.ensure(params, args.cache)
            warm_page_cache(folder)
            national = rows == generate.PRESETS["national"].classes
            formats = ["terminal", "json"] if national else ["terminal"]
            thin, real = Series("floor (thin)"), Series("floor (realistic)")
            audits = {f: Series(f"audit --format {f}") for f in formats}
            if rows <= 100_000:
                timer.run(Series("warm-up"), audit_command(folder, "terminal"))
                timer.run(Series("warm-up"), realistic_floor_command(folder))
            for _ in range(args.runs):
                timer.run(thin, floor_command(folder))
                for fmt in formats:
                    timer.run(real, realistic_floor_command(folder))
                    timer.run(audits[fmt], audit_command(folder, fmt))
            print(f"{rows:,} classes, {params.schools:,} schools ({folder.name})")
            print(f"  realistic floor output: {real.stdout_head.strip()[:160]}")
            print_table([real, thin, *audits.values()], real)
            point = {"rows": rows, "thin": thin.to_json(), "realistic": real.to_json()}
            point |= {f"audit_{f}": s.to_json() for f, s in audits.items()}
            points.append(point)
            if national:
                checks.append(
                    _target(
                        "national terminal / realistic floor",
                        audits["terminal"].wall / real.wall,
                        2,
                        "x",
                        f"audit {fmt_seconds(audits['terminal'].wall)}, realistic floor"
                        f" {fmt_seconds(real.wall)}, thin floor {fmt_seconds(thin.wall)};"
                        f" by CPU {audits['terminal'].cpu / real.cpu:.2f}x",
                    )
                )
                checks.append(
                    _target(
                        "national JSON of every finding / realistic floor",
                        audits["json"].wall / real.wall,
                        2.5,
                        "x",
                        f"audit {fmt_seconds(audits['json'].wall)},"
                        f" by CPU {audits['json'].cpu / real.cpu:.2f}x",
                    )
                )
                checks.append(
                    _target(
                        "national peak RSS (terminal; JSON)",
                        audits["terminal"].rss / 1024**2,
                        700,
                        " MiB",
                        f"JSON {fmt_bytes(audits['json'].rss)}, realistic floor"
                        f" {fmt_bytes(real.rss)}",
                    )
                )
    results["load_after"] = print_load("after")
    walls = {int(p["rows"]): float(p["audit_terminal"]["wall_median"]) for p in points}
    floors = {int(p["rows"]): float(p["realistic"]["wall_median"]) for p in points}
    for rows in sorted(walls):
        print(
            f"  {rows:>9,} classes: {walls[rows] / rows * 1e6:8.2f} us/class,"
            f" {walls[rows] / floors[rows]:.2f}x the realistic floor"
        )
    marginal = [
        ((walls[high] - walls[low]) / (high - low) * 1e6, low, high)
        for low, high in itertools.pairwise(sorted(walls))
    ]
    for cost, low, high in marginal:
        print(f"  marginal cost {low:,} -> {high:,} classes: {cost:.2f} us/class")
    if len(marginal) >= 2:
        steady = [m for m in marginal if m[1] >= 100_000] or marginal[-2:]
        spread = max(m[0] for m in steady) / max(min(m[0] for m in steady), 1e-9)
        checks.append(
            _target(
                "cost per class constant (largest / smallest marginal cost from 100k up)",
                spread,
                1.3,
                "x",
                ", ".join(f"{low:,}->{high:,}: {cost:.2f} us" for cost, low, high in steady),
            )
        )
    print("targets (issue 14; wall times are medians of alternating runs on a shared machine)")
    for check in checks:
        print(check.line())
    results["points"] = points
    results["checks"] = [check.__dict__ for check in checks]
    results["date"] = dt.datetime.now().isoformat(timespec="seconds")
    (args.cache / "results-targets.json").write_text(json.dumps(results, indent=1) + "\n")
    return 0


# ------------------------------------------------------------------------------ plot


def _decades(low: float, high: float) -> list[float]:
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    return [10.0**e for e in range(first, last + 1)]


def _rows_label(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def _seconds_label(value: float) -> str:
    return f"{value:g} s"


def write_svg(data: dict[str, Any], path: Path) -> None:
    """Wall time against classes, log-log, hand-written SVG."""
    points = data["points"]
    rows = [float(p["rows"]) for p in points]
    audit_y = [float(p["audit"]["wall_median"]) for p in points]
    floor_y = [float(p["floor"]["wall_median"]) for p in points]
    lines = [
        ("audit (terminal report)", audit_y, "#c0392b"),
        ("floor (polars scan)", floor_y, "#2471a3"),
    ]
    all_y = audit_y + floor_y
    x_ticks = [t for t in _decades(min(rows), max(rows)) if t <= max(rows) * 1.01]
    if max(rows) not in x_ticks:
        x_ticks.append(max(rows))
    y_ticks = _decades(min(all_y), max(all_y))
    width, height = 680, 400
    left, right, top, bottom = 70, 190, 40, 50
    x_lo, x_hi = math.log10(min(x_ticks)), math.log10(max(x_ticks))
    y_lo, y_hi = math.log10(min(y_ticks)), math.log10(max(y_ticks))

    def sx(x: float) -> float:
        return left + (math.log10(x) - x_lo) / (x_hi - x_lo) * (width - left - right)

    def sy(y: float) -> float:
        return height - bottom - (math.log10(y) - y_lo) / (y_hi - y_lo) * (height - top - bottom)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="22" font-size="14" font-weight="bold">'
        "taikang-check audit: wall time against classes (log-log)</text>",
    ]
    for t in x_ticks:
        x = sx(t)
        out.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - bottom}" stroke="#ddd"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle">'
            f"{_rows_label(t)}</text>"
        )
    for t in y_ticks:
        y = sy(t)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        out.append(
            f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{_seconds_label(t)}</text>'
        )
    out.append(
        f'<rect x="{left}" y="{top}" width="{width - left - right}"'
        f' height="{height - top - bottom}" fill="none" stroke="#444"/>'
    )
    out.append(
        f'<text x="{(left + width - right) / 2:.1f}" y="{height - 12}" text-anchor="middle">'
        "classes (rows of classes.csv; schools = 6% of that)</text>"
    )
    # Cost proportional to rows through the audit's largest point, for reference.
    slope = audit_y[-1] / rows[-1]
    x0 = max(min(rows), min(y_ticks) / slope)
    out.append(
        f'<line x1="{sx(x0):.1f}" y1="{sy(slope * x0):.1f}" x2="{sx(rows[-1]):.1f}"'
        f' y2="{sy(audit_y[-1]):.1f}" stroke="#c0392b" stroke-dasharray="4 4" opacity="0.5"/>'
    )
    lx, legend_y = width - right + 14, top + 10
    for label, ys, colour in lines:
        path_d = " ".join(
            f"{'M' if i == 0 else 'L'}{sx(x):.1f},{sy(y):.1f}"
            for i, (x, y) in enumerate(zip(rows, ys, strict=True))
        )
        out.append(f'<path d="{path_d}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y in zip(rows, ys, strict=True):
            out.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3.5" fill="{colour}"/>')
            last = x == rows[-1]
            tx, ty = sx(x) + (-7 if last else 6), sy(y) + (4 if last else -7)
            anchor = "end" if last else "start"
            out.append(
                f'<text x="{tx:.1f}" y="{ty:.1f}" font-size="10" fill="{colour}"'
                f' text-anchor="{anchor}">{y:.2f} s</text>'
            )
        out.append(
            f'<line x1="{lx}" y1="{legend_y}" x2="{lx + 20}" y2="{legend_y}" stroke="{colour}"'
            ' stroke-width="2"/>'
        )
        out.append(f'<text x="{lx + 26}" y="{legend_y + 4}" font-size="11">{label}</text>')
        legend_y += 20
    out.append(
        f'<line x1="{lx}" y1="{legend_y}" x2="{lx + 20}" y2="{legend_y}" stroke="#c0392b"'
        ' stroke-dasharray="4 4" opacity="0.5"/>'
    )
    out.append(f'<text x="{lx + 26}" y="{legend_y + 4}" font-size="11">proportional to rows</text>')
    legend_y += 24
    notes = [f"medians of {data.get('runs')} runs", str(data.get("date", ""))[:10]]
    notes.append(f"code {str(data.get('code', '?')).split()[0]}")
    for note in notes:
        out.append(f'<text x="{lx}" y="{legend_y}" font-size="10" fill="#555">{note}</text>')
        legend_y += 14
    out.append("</svg>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


# ------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark taikang-check against a plain polars floor (issue 7)."
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--size", choices=sorted(generate.PRESETS))
    what.add_argument("--rows", type=int, help="one data set of N classes (national proportions)")
    what.add_argument("--scaling", action="store_true", help="10k, 100k, 1M and 4M classes")
    what.add_argument(
        "--targets",
        action="store_true",
        help="every target of issue 14 in one run (start-up, sample, 10k-4M, national JSON)",
    )
    parser.add_argument("--runs", type=int, default=3, help="measurements per command (median)")
    parser.add_argument(
        "--format", choices=("terminal", "json", "both"), default="terminal", help="audit report"
    )
    parser.add_argument("--frictionless", action="store_true", help="also time frictionless")
    parser.add_argument(
        "--frictionless-python",
        help="Python that has frictionless installed (default: this one)",
    )
    parser.add_argument(
        "--startup", action="store_true", help="time --help/--version (always with county)"
    )
    parser.add_argument("--plot", action="store_true", help=f"write {SVG_PATH.name}")
    parser.add_argument(
        "--scaling-rows",
        dest="rows_list",
        type=lambda text: [int(v) for v in text.split(",")],
        default=list(SCALING_ROWS),
        help="comma-separated class counts for --scaling",
    )
    parser.add_argument("--cache", type=Path, default=generate.DEFAULT_CACHE)
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not Path("/usr/bin/time").is_file():
        raise SystemExit("/usr/bin/time (GNU time) is needed: apt-get install time")
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.targets:
        command = " ".join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])])
        print(f"$ {command}")
        return run_targets(args)
    if args.scaling:
        return run_scaling(args)
    if args.size or args.rows:
        return run_size(args)
    if args.plot:
        data = json.loads((args.cache / "scaling.json").read_text())
        write_svg(data, SVG_PATH)
        print(f"wrote {SVG_PATH}")
        return 0
    if args.startup:
        with tempfile.TemporaryDirectory(prefix="taikang-bench-") as tmp:
            checks = run_startup(Timer(Path(tmp), bench_env(args.cache)), max(args.runs, 10))
        for check in checks:
            print(check.line())
        return 0
    parser.print_help()
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
