"""Report performance budgets (DESIGN §11): the demo's PDF and a 10,000-building one.

Times ``write_report`` on the bundled demo (baseline + 3 scenarios), in French
and in English, from the project in memory to the PDF on disk (engine
evaluation, drawings, layout, writing), and prints each time as a ratio of the
5 s budget.

``--varied N`` (default 10,000) then writes the report of
``synthetic.varied_project(N)`` (buildings no two alike, two uses a level, many
findings; a baseline and one scenario) in a fresh process, so that its peak
memory is its own: the time as a ratio of the 5 s budget (wall and CPU: on a
shared machine the wall time is inflated by others' work), the peak resident
memory of that process (project included, as the app would hold it) as a ratio
of the 300 MB budget, and the time of each stage of the report. ``--profile``
also prints the 30 costliest functions of that run (cProfile, cumulative).

``--scenarios K`` (3 to 5) writes instead the report of a park of several
scenarios: ``other_parks``' ``scen4`` (a baseline and four scenarios changing
10, 40, 80 and 100 % of the buildings; ``bench_other_parks.py``) cut to its
baseline and first K - 1 scenarios. Its full list of findings (written beside
the PDF) has over 250,000 rows at 10,000 buildings and five scenarios.

Run: ``uv run python benchmarks/bench_report.py [--repeat 3] [--varied 10000]
[--scenarios 5]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

from mixplan.model import Project  # noqa: E402
from mixplan.report import write_report  # noqa: E402
from mixplan.store.demo import build_demo  # noqa: E402

BUDGET_S = 5.0
BUDGET_MB = 300.0
DAY = dt.date(2026, 11, 26)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (MB; Linux gives kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_report(project: Project, path: Path, lang: str, repeat: int) -> float:
    """Median wall time of ``repeat`` runs of ``write_report``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        write_report(project, path, lang=lang, today=DAY)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


#: The shares of buildings that ``scen4``'s scenarios change, in order.
SCEN4_SHARES = (0.1, 0.4, 0.8, 1.0)


def varied_report(n: int, lang: str, profile: bool, scenarios: int = 0) -> None:
    """Build the varied project, write its report once, print time and memory.

    With ``scenarios``, the ``scen4`` park of that many scenarios instead.
    Runs in a child process: its peak memory is this report's, not the demo's.
    """
    import cProfile
    import pstats

    # imports and fonts are paid by the app once, not by each export: warm them
    # on the demo, whose memory is small next to the budget
    with tempfile.TemporaryDirectory() as folder:
        write_report(build_demo(), Path(folder) / "warm.pdf", lang=lang, today=DAY)
    start = time.perf_counter()
    if scenarios:
        from other_parks import hunt_project

        shares = SCEN4_SHARES[: scenarios - 1]
        project = hunt_project(n, seed=15, scenarios=shares)
        kind = "scen4"
    else:
        project = synthetic.varied_project(n)
        kind = "varied"
    built = time.perf_counter() - start
    held = peak_rss_mb()
    scenarios = len(project.scenarios)
    print(
        f"{kind} project, {n} buildings, {scenarios} scenarios: built in "
        f"{built:.1f} s, peak RSS {held:.0f} MB before the report"
    )
    stages: list[tuple[str, float]] = []
    profiler = cProfile.Profile() if profile else None
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "varied.pdf"
        start = time.perf_counter()
        cpu = time.process_time()
        if profiler is not None:
            profiler.enable()
        write_report(
            project,
            out,
            lang=lang,
            today=DAY,
            progress=lambda s: stages.append((s, time.process_time())),
        )
        if profiler is not None:
            profiler.disable()
        seconds = time.perf_counter() - start
        finished = time.process_time()
        cpu = finished - cpu
        pages = out.read_bytes().count(b"/Type /Page\n")
        size = out.stat().st_size / 1e6
    peak = peak_rss_mb()
    # (CPU, as the total below: the wall time of a stage is inflated by
    # others' work on a shared machine)
    ends = [t for _, t in stages[1:]] + [finished]
    print(
        "  stages (CPU): "
        + ", ".join(
            f"{name} {end - begin:.2f} s"
            for (name, begin), end in zip(stages, ends, strict=True)
        )
    )
    print(
        f"{kind} report ({lang}, {n} buildings, {scenarios} scenarios, {pages} "
        f"pages, {size:.2f} MB): "
        f"{seconds:.2f} s = {seconds / BUDGET_S:.2f} × the {BUDGET_S:g} s budget "
        f"-> {'OK' if seconds < BUDGET_S else 'OVER'}"
    )
    # CPU time: on a machine shared with other work, wall time is inflated;
    # the report runs on one core, so CPU time is what it would take alone
    print(
        f"  CPU {cpu:.2f} s = {cpu / BUDGET_S:.2f} × the budget "
        f"-> {'OK' if cpu < BUDGET_S else 'OVER'}"
    )
    print(
        f"  peak RSS {peak:.0f} MB = {peak / BUDGET_MB:.2f} × the "
        f"{BUDGET_MB:g} MB budget -> {'OK' if peak < BUDGET_MB else 'OVER'} "
        f"(the report added {peak - held:.0f} MB over the project held)"
    )
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--varied",
        type=int,
        default=10_000,
        help="buildings of the varied project (0: skip)",
    )
    parser.add_argument(
        "--lang",
        default="fr",
        choices=("fr", "en"),
        help="language of the varied report",
    )
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the varied report"
    )
    parser.add_argument(
        "--scenarios",
        type=int,
        default=0,
        choices=(0, 3, 4, 5),
        help="instead of the varied project, scen4 of that many scenarios",
    )
    parser.add_argument("--skip-demo", action="store_true")
    args = parser.parse_args()
    print(
        f"cpus: {os.cpu_count()}, load average: "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    if not args.skip_demo:
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "report.pdf"
            # a first run pays imports and font registration, as the app's
            # first export does: report it apart
            start = time.perf_counter()
            demo = build_demo()
            write_report(demo, out, lang="fr")
            cold = time.perf_counter() - start
            pages = out.read_bytes().count(b"/Type /Page\n")
            print(f"demo, first run (imports, fonts, build_demo): {cold:.2f} s")
            for lang in ("fr", "en"):
                seconds = time_report(demo, out, lang, args.repeat)
                print(
                    f"demo report ({lang}, baseline + {len(demo.scenarios) - 1} "
                    f"scenarios, {pages} pages, "
                    f"{out.stat().st_size / 1e6:.2f} MB): {seconds:.2f} s = "
                    f"{seconds / BUDGET_S:.2f} × the {BUDGET_S:g} s budget -> "
                    f"{'OK' if seconds < BUDGET_S else 'OVER'}"
                )
    if args.varied:
        # a fresh process (not forked from this one): its peak memory is the
        # varied report's alone
        context = multiprocessing.get_context("spawn")
        child = context.Process(
            target=varied_report,
            args=(args.varied, args.lang, args.profile, args.scenarios),
        )
        child.start()
        child.join()
        if child.exitcode:
            sys.exit(child.exitcode)


if __name__ == "__main__":
    main()
