"""Suggest a scenario (DESIGN §15) at 20, 100 and 500 buildings.

Budget: 500 buildings in under 10 s (the whole suggestion: options measured by
the engine, the mixed-integer programme solved by HiGHS, the result re-checked by
the engine), a proven optimum (gap 0) up to 100 buildings, and a trade-off (housing
against open soil, and against jobs) of at least 10 points in under 60 s for 100
buildings.

The park is varied on purpose (STYLE.md: benchmarks on unfriendly data): buildings
of random size and height; craft, industry (ICPE D and E), warehouses, offices and
housing stacked in different ways; freight lifts on some; sealed car parks among
them (some large enough to build on, some not); an open-soil band near its
minimum, so that open soil (C06), setbacks (C05), height (C03), stacking (C15),
productive floor area (C09) and density (D01) all take part.

Run: ``uv run python benchmarks/bench_suggest.py [--buildings 20 100 500]``.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
from shapely.geometry import box

from mixplan.engine.suggest import suggest
from mixplan.model import Building, GroundCover, Level, Project, Site

X0, Y0 = 652_000.0, 6_862_000.0
CELL = 42.0


def _stack(kind: int, rng: np.random.Generator) -> tuple[list[Level], float]:
    """Levels of one building and its freight lift."""
    upper = int(rng.integers(0, 4))
    if kind == 0:  # craft ground floor, housing and offices above
        ground = Level.of(
            float(rng.choice([4.0, 5.0, 5.5])),
            "craft",
            load_kn_m2=float(rng.choice([8.0, 12.0])),
            access="street",
        )
        return [ground] + [
            Level.of(3.0, {"housing": 0.7, "office": 0.3}) for _ in range(upper)
        ], 0.0
    if kind == 1:  # industry ICPE D or E with offices
        nuisance = "E" if rng.random() < 0.4 else "D"
        ground = Level.of(
            7.0, "industry", load_kn_m2=20.0, access="yard", nuisance=nuisance
        )
        return [ground] + [Level.of(3.5, "office") for _ in range(min(upper, 1))], 0.0
    if kind == 2:  # stacked craft with a freight lift
        return [Level.of(5.5, "craft", load_kn_m2=15.0, access="street")] + [
            Level.of(4.5, "craft", load_kn_m2=float(rng.choice([4.0, 8.0])))
            for _ in range(upper)
        ], 3000.0
    if kind == 3:  # warehouse
        return [Level.of(9.0, "warehouse", load_kn_m2=30.0, access="yard")], 0.0
    return [Level.of(3.5, "office") for _ in range(1 + upper)], 0.0  # offices


def park(n: int, seed: int = 0) -> Project:
    """A varied business park of ``n`` buildings (and a car park every 6 cells)."""
    rng = np.random.default_rng(seed)
    cells = int(np.ceil(n * 1.2))
    side = int(np.ceil(np.sqrt(cells)))
    width = side * CELL
    rows = int(np.ceil(cells / side))
    height = rows * CELL
    band = 0.23 * width * (height + 40) / width  # open soil near the 20 % minimum
    project = Project.new(f"suggest-{n}")
    project.site = Site(box(X0 - 5, Y0 - band - 5, X0 + width + 5, Y0 + height + 5))
    project.rulebook.set("C07", "min_cbs", 0.2)
    base = project.baseline
    base.cover["soil"] = GroundCover(
        "soil", "open_soil", box(X0 - 5, Y0 - band - 5, X0 + width + 5, Y0 - 5)
    )
    placed = 0
    for k in range(cells):
        x, y = X0 + (k % side) * CELL, Y0 + (k // side) * CELL
        if k % 6 == 5 or placed >= n:
            size = float(rng.uniform(20, 38))
            base.cover[f"p{k}"] = GroundCover(
                f"p{k}", "sealed", box(x + 2, y + 2, x + 2 + size, y + 2 + size * 0.8)
            )
            continue
        w, h = float(rng.uniform(12, 30)), float(rng.uniform(12, 30))
        levels, lift = _stack(int(rng.integers(0, 5)), rng)
        base.buildings[f"B{k}"] = Building(
            f"B{k}",
            f"Bâtiment {k}",
            box(x + 3, y + 3, x + 3 + w, y + 3 + h),
            tuple(levels),
            freight_lift_kg=lift,
        )
        placed += 1
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buildings", type=int, nargs="+", default=[20, 100, 500])
    args = parser.parse_args()
    print(f"bench_suggest (cpus available: {os.cpu_count()})")
    started = time.perf_counter()
    import scipy.optimize  # noqa: F401 - imported lazily by the optimiser

    print(
        f"importing scipy.optimize (once per process): "
        f"{time.perf_counter() - started:.2f} s, not counted below"
    )
    print(
        f"{'buildings':>9} {'covers':>6} {'choices':>7} {'status':>8} {'gap':>6} "
        f"{'solve s':>8} {'total s':>8} {'cpu s':>7}  housing m²"
    )
    for n in args.buildings:
        project = park(n)
        notes: list[str] = []
        wall, cpu = time.perf_counter(), time.process_time()
        result = suggest(
            project, "Existing", "Max", time_limit=9.0, progress=notes.append
        )
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        choices = next((t for t in notes if t.startswith("solving")), "")
        count = choices.split("(")[1].split()[0] if "(" in choices else "?"
        print(
            f"{n:>9} {len(project.baseline.cover) - 1:>6} {count:>7} "
            f"{result.status:>8} {result.gap:>6.2%} {result.seconds:>8.2f} "
            f"{wall:>8.2f} {cpu:>7.2f}  {result.value:,.0f}"
        )
        budget = "within" if wall < 10 else "OVER"
        if n >= 500:
            print(f"          500-building budget 10 s: {budget} ({wall:.2f} s)")
    from mixplan.engine.suggest_pareto import pareto

    project = park(100)
    for versus in ("open_soil", "jobs"):
        wall = time.perf_counter()
        front = pareto(project, "Existing", versus, points=10)
        wall = time.perf_counter() - wall
        verdict = "within" if wall < 60 and len(front.points) >= 10 else "OVER"
        print(
            f"trade-off housing / {versus}, 100 buildings: {len(front.points)} "
            f"points in {wall:.2f} s (budget ≥ 10 points in 60 s: {verdict})"
        )


if __name__ == "__main__":
    main()
