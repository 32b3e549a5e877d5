"""Where the time and memory of an audit go: import time, phases, cProfile.

    python benchmarks/profile_audit.py --size national [--top 25] [--format terminal|json]
    python benchmarks/profile_audit.py --files data/sample/*.csv     # any CSV files

Three parts, each in its own process so they do not disturb each other:

1. `python -X importtime`: the slowest imports of `taikang-check --help` and of an audit.
2. Phases: `taikang_check.api.audit` in-process with its steps (rules, reading, table
   preparation, evaluation, national summary, scores) and the rendering timed one by one,
   with the process's resident memory sampled every 10 ms (peak during, and left after, each
   step). The steps are found by name in `taikang_check.api`; a step that is renamed is
   simply not shown.
3. cProfile of `taikang_check.api.audit` (the top entries by cumulative time), then of the
   rendering.

Data comes from benchmarks/generate.py (cached in benchmarks/data/).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import pstats
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import generate

AS_OF = dt.date(2026, 11, 29)
PHASES = (
    "load_rules",
    "load_dataset",
    "prepare_tables",
    "evaluate",
    "_finish_findings",
    "national_summary",
    "overall_score",
    "county_scores",
    "township_scores",
    "school_scores",
)
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_now() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


class Peak:
    """The process's peak resident memory since the last reset.

    Exact where Linux lets a process reset its high-water mark (writing 5 to
    /proc/self/clear_refs resets VmHWM); otherwise sampled every 10 ms by a thread.
    """

    def __init__(self) -> None:
        self.exact = self._clear()
        self.sampled = rss_now()
        self.overall = _status_kib("VmHWM")
        self.stop = threading.Event()
        if not self.exact:
            threading.Thread(target=self._sample, daemon=True).start()

    @staticmethod
    def _clear() -> bool:
        try:
            with open("/proc/self/clear_refs", "w") as f:
                f.write("5")
        except OSError:
            return False
        return True

    def _sample(self) -> None:
        while not self.stop.wait(0.01):
            self.sampled = max(self.sampled, rss_now())

    def reset(self) -> None:
        self.overall = max(self.overall, self.peak())
        if self.exact:
            self._clear()
        self.sampled = rss_now()

    def peak(self) -> int:
        return _status_kib("VmHWM") if self.exact else self.sampled


def mib(value: float) -> str:
    return f"{value / 1024**2:,.0f} MiB"


# ------------------------------------------------------------------------------ 1. imports


def import_times(code: str, top: int) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPYCACHEPREFIX": str(generate.DEFAULT_CACHE / "pycache")},
    )
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if match:
            rows.append(
                (int(match.group(2)), int(match.group(1)), len(match.group(3)), match.group(4))
            )
    top_level = sorted((r for r in rows if r[2] <= 2), reverse=True)
    total = sum(r[0] for r in top_level)
    print(f"\n## import time of `{code}`: {total / 1000:.0f} ms in {len(rows)} modules")
    print("  cumulative ms  self ms  module (top-level imports; nested ones inside)")
    for cumulative, own, _, name in top_level[:top]:
        print(f"  {cumulative / 1000:13.1f} {own / 1000:8.1f}  {name}")
    ours = sorted((r for r in rows if r[3].startswith("taikang_check")), reverse=True)[:top]
    print("  slowest taikang_check modules (cumulative ms):")
    for cumulative, _, _, name in ours:
        print(f"  {cumulative / 1000:13.1f}           {name}")


# ------------------------------------------------------------------------------ 2. phases


def phases(paths: list[str], fmt: str, out_dir: Path) -> None:
    started = time.perf_counter()
    base = rss_now()
    import taikang_check.api as api
    from taikang_check.render.formats import RenderOptions, renderer

    import_seconds = time.perf_counter() - started
    sampler = Peak()
    stats: dict[str, list[float]] = {}

    def wrap(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            sampler.reset()
            before = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                entry = stats.setdefault(name, [0, 0.0, 0.0, 0.0])
                entry[0] += 1
                entry[1] += time.perf_counter() - before
                entry[2] = max(entry[2], sampler.peak())
                entry[3] = rss_now()

        return timed

    for name in PHASES:
        if hasattr(api, name):
            setattr(api, name, wrap(name, getattr(api, name)))
    print(f"\n## phases of one audit ({fmt} report), in-process")
    print(f"  imports (api, renderers): {import_seconds:.2f} s, RSS {mib(rss_now())}")
    sampler.reset()
    before = time.perf_counter()
    report = api.audit(paths, as_of=AS_OF)
    audit_seconds = time.perf_counter() - before
    sampler.reset()
    before = time.perf_counter()
    with open(out_dir / f"report.{fmt}", "w", encoding="utf-8") as stream:
        renderer(fmt)(report, stream, RenderOptions(lang="zh"))
    render_seconds = time.perf_counter() - before
    render_peak = sampler.peak()
    sampler.reset()
    total = audit_seconds + render_seconds
    print(
        f"  {'step':<20} {'calls':>5} {'seconds':>8} {'share':>6}"
        f" {'peak RSS':>11} {'RSS after':>11}"
    )
    for name in PHASES:
        if name in stats:
            calls, seconds, peak, after = stats[name]
            print(
                f"  {name:<20} {int(calls):>5} {seconds:8.2f} {seconds / total:6.0%}"
                f" {mib(peak):>11} {mib(after):>11}"
            )
    accounted = sum(v[1] for v in stats.values())
    print(f"  {'(rest of audit)':<20} {'':>5} {audit_seconds - accounted:8.2f}")
    print(
        f"  {'render ' + fmt:<20} {1:>5} {render_seconds:8.2f} {render_seconds / total:6.0%}"
        f" {mib(render_peak):>11} {mib(rss_now()):>11}"
    )
    print(
        f"  audit {audit_seconds:.2f} s + render {render_seconds:.2f} s = {total:.2f} s;"
        f" peak RSS {mib(sampler.overall)} (process start {mib(base)});"
        f" per-step peaks {'exact (VmHWM reset per step)' if sampler.exact else 'sampled'}"
    )
    findings = sum(r.findings.height for r in report.rules)
    print(f"  {len(report.rules)} rules, {findings:,} findings")
    sampler.stop.set()
    print(
        "  (a step's peak RSS is the highest resident memory while it ran, its own and"
        " what earlier steps left; RSS after is what it left behind)"
    )


# ------------------------------------------------------------------------------ 3. cProfile


def profile(paths: list[str], fmt: str, top: int, out_dir: Path) -> None:
    import taikang_check.api as api
    from taikang_check.render.formats import RenderOptions, renderer

    profiler = cProfile.Profile()
    profiler.enable()
    report = api.audit(paths, as_of=AS_OF)
    profiler.disable()
    print_stats(profiler, f"cProfile of taikang_check.api.audit, top {top} by cumulative", top)
    print_stats(
        profiler,
        f"the same, taikang_check functions only, top {top} by cumulative",
        top,
        "taikang_check/",
    )
    profiler = cProfile.Profile()
    profiler.enable()
    with open(out_dir / f"report.{fmt}", "w", encoding="utf-8") as stream:
        renderer(fmt)(report, stream, RenderOptions(lang="zh"))
    profiler.disable()
    print_stats(profiler, f"cProfile of the {fmt} rendering, top {top // 2}", top // 2)


def print_stats(profiler: cProfile.Profile, title: str, top: int, only: str = "") -> None:
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    if only:
        stats.sort_stats("cumulative").print_stats(only, top)
    else:
        stats.sort_stats("cumulative").print_stats(top)
    lines = text.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if "function calls" in line)
    print(f"\n## {title}")
    for line in lines[start:]:
        if line.strip():
            print("  " + line.replace(str(Path.cwd()) + "/", "").replace(sys.prefix + "/", ""))


# ------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--size", choices=sorted(generate.PRESETS), default=None)
    group.add_argument("--rows", type=int)
    group.add_argument(
        "--files", nargs="+", type=Path, help="profile these CSV files (e.g. data/sample/*.csv)"
    )
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--format", choices=("terminal", "json"), default="terminal")
    parser.add_argument("--part", choices=("all", "imports", "phases", "cprofile"), default="all")
    parser.add_argument("--cache", type=Path, default=generate.DEFAULT_CACHE)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.files:
        paths = [str(path.resolve()) for path in args.files]
        what = ["--files", *paths]
        title = " ".join(paths)
    else:
        params = generate.resolve(args.size or "national", args.rows)
        folder = generate.ensure(params, args.cache)
        paths = [str(folder / "schools.csv"), str(folder / "classes.csv")]
        what = ["--size", args.size] if args.size else ["--rows", str(params.classes)]
        title = (
            f"{params.classes:,} classes, {params.schools:,} schools,"
            f" {params.counties:,} counties ({folder})"
        )
    out_dir = args.cache / "profile"
    out_dir.mkdir(parents=True, exist_ok=True)
    if not args.child:
        print(f"# {title}")
    me = [sys.executable, str(Path(__file__).resolve())]
    common = [*what, "--format", args.format, "--top", str(args.top)]
    common += ["--cache", str(args.cache)]
    if args.part == "all":
        # Each part in a fresh process: no warm caches, no profiler overhead in the phases.
        for part in ("imports", "phases", "cprofile"):
            sys.stdout.flush()
            subprocess.run([*me, *common, "--part", part, "--child"], check=True)
        return 0
    if args.part == "imports":
        import_times("import taikang_check.cli.main", args.top // 2)
        import_times(
            "import taikang_check.cli.main, taikang_check.api, taikang_check.render.terminal,"
            " taikang_check.render.json_report",
            args.top // 2,
        )
    elif args.part == "phases":
        phases(paths, args.format, out_dir)
    else:
        profile(paths, args.format, args.top, out_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
