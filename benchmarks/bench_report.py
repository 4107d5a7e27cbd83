"""Report performance budget (DESIGN §11): the demo's PDF in under 5 s.

Times ``write_report`` on the bundled demo (baseline + 3 scenarios), in French
and in English, from the project in memory to the PDF on disk (engine
evaluation, drawings, layout, writing), and prints each time as a ratio of the
5 s budget. ``--big N`` also times a synthetic N-building scenario (default
1,000), which has no budget of its own but must stay usable.

Run: ``uv run python benchmarks/bench_report.py [--repeat 3] [--big 1000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

from shapely.geometry import box

from mixplan.model import Building, Level, Project, Scenario, Site
from mixplan.report import write_report
from mixplan.store.demo import build_demo

BUDGET_S = 5.0


def grid_project(n: int) -> Project:
    """``n`` workshops with flats and offices above; a scenario raises each."""
    side = int(n ** 0.5) + 1
    buildings = []
    for i in range(n):
        x, y = (i % side) * 30.0, (i // side) * 30.0
        levels = (Level.of(5.0, "craft", load_kn_m2=12, access="street"),
                  Level.of(3.0, "housing"), Level.of(3.0, "office"))
        buildings.append(Building(f"b{i}", f"Building {i}",
                                  box(x, y, x + 18, y + 12), levels))
    raised = [Building(b.id, b.name, b.footprint,
                       b.levels + (Level.of(3.0, "housing"),), origin=b.id)
              for b in buildings]
    site = Site(box(-10, -10, side * 30 + 10, side * 30 + 10))
    return Project(f"bench-{n}", site=site,
                   scenarios=[Scenario.of("Existing", buildings),
                              Scenario.of("Raised", raised)])


def time_report(project: Project, path: Path, lang: str, repeat: int) -> float:
    """Median wall time of ``repeat`` runs of ``write_report``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        write_report(project, path, lang=lang, today=dt.date(2026, 11, 26))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--big", type=int, default=1000,
                        help="buildings of the synthetic scenario (0: skip)")
    args = parser.parse_args()
    print(f"cpus: {os.cpu_count()}, load average: "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.pdf"
        # a first run pays imports and font registration, as the app's first
        # export does: report it apart
        start = time.perf_counter()
        demo = build_demo()
        write_report(demo, out, lang="fr")
        cold = time.perf_counter() - start
        pages = out.read_bytes().count(b"/Type /Page\n")
        print(f"demo, first run (imports, fonts, build_demo): {cold:.2f} s")
        for lang in ("fr", "en"):
            seconds = time_report(demo, out, lang, args.repeat)
            print(f"demo report ({lang}, baseline + {len(demo.scenarios) - 1} "
                  f"scenarios, {pages} pages, {out.stat().st_size / 1e6:.2f} MB): "
                  f"{seconds:.2f} s = {seconds / BUDGET_S:.2f} × the {BUDGET_S:g} s "
                  f"budget -> {'OK' if seconds < BUDGET_S else 'OVER'}")
        if args.big:
            big = grid_project(args.big)
            seconds = time_report(big, out, "fr", 1)
            print(f"{args.big}-building scenario (+ baseline): {seconds:.2f} s, "
                  f"{out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
