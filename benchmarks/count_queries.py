"""How many polars queries the evaluation of rules runs, and how long it takes, in-process.

    python benchmarks/count_queries.py                       # data/sample, as of 2025-09-01
    python benchmarks/count_queries.py --no-remedy           # without the remedy quantities
    python benchmarks/count_queries.py --files a.csv b.csv --as-of 2026-11-29

The tables are read and prepared once; `evaluate` then runs a few times and the fastest run
is printed (wall clock and CPU of the process), then once more under cProfile, which counts
the queries: eager ones (`collect`, every eager DataFrame operation runs one) and batches
(`collect_all`).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"


def _calls(stats: pstats.Stats, name: str) -> int:
    """Calls of polars' `name` (the query engine's entry points)."""
    table: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    return sum(
        calls
        for (path, _, function), (_, calls, _, _, _) in table.items()
        if function == name and Path(path).match("polars/lazyframe/engine.py")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", nargs="+", default=None)
    parser.add_argument("--as-of", default="2025-09-01")
    parser.add_argument("--no-remedy", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from taikang_check.engine import evaluate as engine
    from taikang_check.engine import rule_plans
    from taikang_check.engine.tables import prepare_tables
    from taikang_check.read.dataset import load_dataset
    from taikang_check.rulebook.loader import load_rules

    if args.no_remedy:
        rule_plans.with_remedy = lambda rule, check, result, frame, rules=None: result  # type: ignore[assignment]
        rule_plans.with_band_remedy = lambda rule, check, result: result  # type: ignore[assignment]
    files = args.files or [
        str(SAMPLE / n) for n in ("schools.csv", "classes.csv", "indicators.csv")
    ]
    as_of = dt.date.fromisoformat(args.as_of)
    rules = load_rules()
    tables = prepare_tables(load_dataset(files))
    engine.evaluate(rules, tables, as_of)  # warm: imports, caches
    best = (float("inf"), float("inf"))
    for _ in range(args.runs):
        wall, cpu = time.perf_counter(), time.process_time()
        engine.evaluate(rules, tables, as_of)
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    remedies = "without remedies" if args.no_remedy else "with remedies"
    print(
        f"evaluate ({remedies}): fastest of {args.runs}: {best[0]:.3f} s wall, {best[1]:.3f} s CPU"
    )
    profile = cProfile.Profile()
    profile.enable()
    engine.evaluate(rules, tables, as_of)
    profile.disable()
    stats = pstats.Stats(profile)
    print(
        f"queries: {_calls(stats, 'collect')} collect, {_calls(stats, 'collect_all')} collect_all"
    )


if __name__ == "__main__":
    main()
