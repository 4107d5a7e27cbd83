"""Engine performance budgets (DESIGN §11), printed as ratios.

Two datasets, so the figures cannot flatter the engine: ``grid`` (the friendly
synthetic park, identical levels repeated) and ``varied`` (two uses a level at
random shares, every height and load different, productive upper floors mostly
without lifts, L-shaped and overlapping footprints: tens of thousands of
findings, as on real data; see ``synthetic.varied_project``). Each at 10,000
and 100,000 buildings by default (``--buildings``).

1. Full evaluation of an N-building × 5-level scenario, against the bare
   numpy/shapely floor: footprint areas × level shares summed, plus one STRtree
   distance query over the footprints. Budget: ≤ 10× the floor. The floor is
   printed twice: on arrays already built, and including reading the shares out
   of the model's objects (which any evaluation of the model has to do). Each
   evaluation is the first one of a project just saved and opened again, as a
   user's: nothing the model remembers per object (e.g. the buildings'
   digests that U02 compares, computed when the generator made the scenario's
   changes) is left over, and no level is shared by a scenario and the
   baseline unless the file says so.
2. Re-evaluation after one edit on a 2,000-building scenario (a level's uses, a
   level's height, a footprint moved): command applied, evaluator told, scenario
   evaluated. Budget: < 16 ms.

Both wall and CPU times are printed: on a shared machine wall time includes the
wait for a CPU, CPU time is what the engine itself uses.

Run: ``uv run python benchmarks/bench_engine.py [--dataset grid|varied|both]
[--buildings 10000,100000] [--live N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import shapely
import synthetic
from shapely import STRtree
from shapely.geometry import box

from mixplan.engine import Evaluator
from mixplan.model import Project
from mixplan.model.commands import (
    AddScenario,
    SetFootprint,
    SetLevelHeight,
    SetLevelUses,
)
from mixplan.store import open_project, save_project


def synthetic_project(
    n: int, levels: int = 5, seed: int = 0, dataset: str = "grid"
) -> Project:
    """A benchmark project with a baseline and a scenario named "Scenario".

    ``grid``: the shared synthetic grid and a copy of its baseline; ``varied``:
    :func:`synthetic.varied_project` (its scenario raises, converts, demolishes
    and adds buildings).
    """
    if dataset == "varied":
        return synthetic.varied_project(n, levels, seed)
    project = synthetic.synthetic_project(n, levels, seed)
    AddScenario("Scenario").apply(project)
    return project


def floor_arrays(project: Project) -> tuple[np.ndarray, np.ndarray]:
    """The footprints and a (buildings × allocations) share matrix, from the model."""
    buildings = list(project.baseline.buildings.values())
    geoms = np.array([b.footprint for b in buildings], dtype=object)
    rows = [[a.share for lv in b.levels for a in lv.uses] for b in buildings]
    width = max(len(r) for r in rows)
    shares = np.array([r + [0.0] * (width - len(r)) for r in rows])
    return geoms, shares


def bare_floor(geoms: np.ndarray, shares: np.ndarray) -> tuple[float, float]:
    """Areas × shares summed and one STRtree distance query, on ready arrays.

    Returns (wall, CPU) seconds.
    """
    t0, c0 = time.perf_counter(), time.process_time()
    areas = shapely.area(geoms)
    total = float((areas[:, None] * shares).sum())
    tree = STRtree(geoms)
    tree.query(geoms, predicate="dwithin", distance=4.0)
    assert total > 0
    return time.perf_counter() - t0, time.process_time() - c0


def best(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    runs = [fn() for _ in range(repeat)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def opened(project: Project) -> Project:
    """``project`` saved to a GeoPackage and opened again, as a user opens a file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.gpkg"
        save_project(project, path)
        return open_project(path)


def full_evaluation(project: Project, scenario: str) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    evaluation = Evaluator(project).evaluate(scenario)
    times = time.perf_counter() - t0, time.process_time() - c0
    del evaluation  # (letting the results go is not part of evaluating)
    return times


def first_evaluations(
    dataset: str, n: int, scenario: str, repeat: int, project: Project | None = None
) -> tuple[float, float]:
    """Best (wall, CPU) of ``repeat`` first evaluations, each of a project just opened.

    ``project`` (opened, not evaluated yet) is the first one measured.
    """
    runs = []
    for _ in range(repeat):
        fresh = project or opened(synthetic_project(n, dataset=dataset))
        project = None
        runs.append(full_evaluation(fresh, scenario))
        del fresh
    return min(r[0] for r in runs), min(r[1] for r in runs)


def live_edits(project: Project, rounds: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds of apply + invalidate + evaluate, per kind of edit."""
    ev = Evaluator(project)
    ev.evaluate("Scenario")
    times: dict[str, list[tuple[float, float]]] = {
        "uses": [],
        "height": [],
        "footprint": [],
    }
    ids = list(project.scenario("Scenario").buildings)
    rng = np.random.default_rng(1)
    for r in range(rounds):
        bid = ids[int(rng.integers(len(ids)))]
        b = project.scenario("Scenario").buildings[bid]
        x0, y0, x1, y1 = b.footprint.bounds
        for kind, cmd in (
            ("uses", SetLevelUses("Scenario", bid, 1, {"housing": 0.5, "craft": 0.5})),
            ("height", SetLevelHeight("Scenario", bid, 1, 3.0 + r % 3)),
            ("footprint", SetFootprint("Scenario", bid, box(x0, y0, x1 + 0.5, y1))),
        ):
            t0, c0 = time.perf_counter(), time.process_time()
            change = cmd.apply(project)
            ev.invalidate(change)
            ev.evaluate("Scenario")
            times[kind].append((time.perf_counter() - t0, time.process_time() - c0))
    return times


def cold_figures(dataset: str, n: int, repeat: int) -> None:
    """Print the cold-evaluation figures of one dataset at one size."""
    big = opened(synthetic_project(n, dataset=dataset))
    t0, c0 = time.perf_counter(), time.process_time()
    geoms, shares = floor_arrays(big)
    reading = (time.perf_counter() - t0, time.process_time() - c0)
    floor = best(lambda: bare_floor(geoms, shares), repeat)
    baseline = first_evaluations(dataset, n, "Existing", repeat, big)
    del big
    scenario = first_evaluations(dataset, n, "Scenario", repeat)
    print(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(
        f"[{dataset}] full evaluation, {n} buildings × 5 levels (best of "
        f"{repeat}, each the first evaluation of a project just opened; wall ms / "
        "CPU ms)"
    )
    rows = [
        ("bare floor, arrays ready", floor),
        (
            "bare floor + reading the model",
            (floor[0] + reading[0], floor[1] + reading[1]),
        ),
        ("baseline scenario, cold", baseline),
        ("scenario + its baseline, cold", scenario),
    ]
    for label, (wall, cpu) in rows:
        print(f"  {label:32s} {wall * 1e3:7.1f} / {cpu * 1e3:7.1f}")
    for label, (wall, cpu) in rows[2:]:
        print(
            f"  [{dataset} {n}] ratio, {label}: {cpu / floor[1]:4.1f}× the floor "
            f"with arrays ready, {cpu / rows[1][1][1]:4.1f}× with reading the "
            f"model (CPU; wall {wall / floor[0]:4.1f}×; budget 10×)"
        )
    # "scenario + its baseline" evaluates two scenarios; also compared with the
    # floor of two scenarios (the line above stays the budget's).
    print(
        f"  [{dataset} {n}] ratio, scenario + its baseline, cold, against two "
        f"scenarios' floor: {scenario[1] / (2 * floor[1]):4.1f}× (CPU; wall "
        f"{scenario[0] / (2 * floor[0]):4.1f}×)"
    )


def live_figures(dataset: str, n: int) -> None:
    """Print the one-edit re-evaluation figures of one dataset."""
    times = live_edits(synthetic_project(n, dataset=dataset), 40)
    print(f"[{dataset}] re-evaluation after one edit, {n} buildings (budget 16 ms)")
    for kind, values in times.items():
        wall = statistics.median(v[0] for v in values) * 1e3
        cpu = statistics.median(v[1] for v in values) * 1e3
        worst = max(v[0] for v in values) * 1e3
        worst_cpu = max(v[1] for v in values) * 1e3
        print(
            f"  {kind:10s} median {wall:6.2f} ms wall, {cpu:6.2f} ms CPU  "
            f"(max {worst:6.2f} wall, {worst_cpu:6.2f} CPU)  "
            f"ratio to budget {wall / 16:4.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=("grid", "varied", "both"), default="both")
    parser.add_argument(
        "--buildings", default="10000,100000", help="comma-separated sizes"
    )
    parser.add_argument(
        "--live",
        type=int,
        default=2_000,
        help="buildings of the one-edit figures (0: skip)",
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    datasets = ("grid", "varied") if args.dataset == "both" else (args.dataset,)
    sizes = [int(v) for v in args.buildings.split(",") if v]
    for dataset in datasets:
        for n in sizes:
            cold_figures(dataset, n, args.repeat if n <= 20_000 else 1)
    for dataset in datasets if args.live > 0 else ():
        live_figures(dataset, args.live)
    print(
        "CPU time is what the engine uses; wall time includes waiting for a CPU "
        "when the machine is shared."
    )


if __name__ == "__main__":
    main()
