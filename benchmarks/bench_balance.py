"""Financial balance cost (DESIGN §17) against a full engine evaluation.

Times ``balance_of`` (both sheets and the ± 20 % sensitivity) on the synthetic
grid of ``bench_report`` (every building raised by a housing storey) and on
the demo, and prints each time as a ratio of a cold ``evaluate`` of the same
scenario: the balance re-measures every building's floor area, so it should
cost about one evaluation, not ten.

Run: ``uv run python benchmarks/bench_balance.py [--sizes 1000 10000] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_report import grid_project  # noqa: E402

from mixplan.engine import evaluate  # noqa: E402
from mixplan.engine.balance import balance_of  # noqa: E402
from mixplan.store.demo import build_demo  # noqa: E402


def median_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"cpus: {os.cpu_count()}, load average: "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    cases = [("demo, Hôtel d'activités", build_demo(), "Hôtel d'activités")]
    cases += [
        (f"grid of {n} buildings raised", grid_project(n), "Raised") for n in args.sizes
    ]
    for label, project, scenario in cases:
        engine = median_time(lambda p=project, s=scenario: evaluate(p, s), args.repeat)
        balance = median_time(
            lambda p=project, s=scenario: balance_of(p, s), args.repeat
        )
        print(
            f"{label}: balance with sensitivity {balance:.3f} s, evaluate "
            f"{engine:.3f} s -> balance = {balance / engine:.2f} × evaluate"
        )


if __name__ == "__main__":
    main()
