"""Project-file performance budgets (DESIGN §11), printed as times and ratios.

A 10,000-building × 5-level project (one baseline scenario, Lambert-93) is
saved in full, opened, and edited one level at a time with an incremental save
after each edit. Each figure is compared with the floor of doing the same I/O with
bare ``sqlite3``: inserting / selecting the same rows (the same blobs, no model,
no validation) in one transaction with the same durability (``synchronous=FULL``).

Budgets: open under 1 s; saving one edit under 50 ms.

Run: ``uv run python benchmarks/bench_store.py [--buildings N] [--edits N]``.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from synthetic import synthetic_project

from mixplan.model.commands import SetLevelHeight, SetLevelUses
from mixplan.store import open_project, save_project

OPEN_BUDGET_S = 1.0
EDIT_BUDGET_S = 0.050


def timed(function: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``repeat`` calls, in seconds."""
    return timed_both(function, repeat)[0]


def timed_both(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and CPU time of ``repeat`` calls, in seconds.

    On a shared machine the wall time includes waiting for a core; the CPU time
    of this process shows what the work itself costs.
    """
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def bare_sqlite_copy(
    source: Path, target: Path
) -> tuple[Callable[[], None], Callable[[], None]]:
    """Floors: write / read the same project rows with plain sqlite3."""
    with sqlite3.connect(source) as db:
        rows = {
            table: db.execute(f"SELECT * FROM {table}").fetchall()
            for table in ("buildings", "levels", "allocations", "ground_cover")
        }
        schemas = [
            sql
            for (sql,) in db.execute(
                "SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') "
                "AND tbl_name IN ('buildings', 'levels', 'allocations', "
                "'ground_cover') AND sql IS NOT NULL ORDER BY type DESC"
            )
        ]

    def write() -> None:
        target.unlink(missing_ok=True)
        db = sqlite3.connect(target, isolation_level=None)
        db.execute("PRAGMA synchronous = FULL")
        db.execute("BEGIN")
        for sql in schemas:
            db.execute(sql)
        for table, values in rows.items():
            if values:
                marks = ", ".join("?" * len(values[0]))
                db.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
        db.execute("COMMIT")
        db.close()

    def read() -> None:
        db = sqlite3.connect(target)
        for table in rows:
            db.execute(f"SELECT * FROM {table}").fetchall()
        db.close()

    return write, read


def bare_sqlite_edit(path: Path) -> Callable[[], None]:
    """Floor of one edit: delete and re-insert one building's level rows, durably."""
    counter = iter(range(10**9))

    def edit() -> None:
        k = next(counter)
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("PRAGMA synchronous = FULL")
        db.execute("BEGIN IMMEDIATE")
        ident = f"b{k % 1000}"
        old = db.execute(
            "SELECT scenario, building_id, position, level_index, "
            "height_m, load_kn_m2, access, area_m2, polygon FROM levels "
            "WHERE building_id = ?",
            (ident,),
        ).fetchall()
        db.execute("DELETE FROM levels WHERE building_id = ?", (ident,))
        db.executemany(
            "INSERT INTO levels (scenario, building_id, position, "
            "level_index, height_m, load_kn_m2, access, area_m2, polygon)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            old,
        )
        db.execute("COMMIT")
        db.close()

    return edit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buildings", type=int, default=10_000)
    parser.add_argument("--levels", type=int, default=5)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()

    start = time.perf_counter()
    project = synthetic_project(args.buildings, args.levels)
    build_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.mixplan.gpkg"
        save_s, save_cpu = timed_both(lambda: save_project(project, path), 3)
        size_mb = path.stat().st_size / 1e6
        open_s, open_cpu = timed_both(lambda: open_project(path), 3)
        opened = open_project(path)
        assert opened == project

        ids = list(opened.baseline.buildings)
        rng = np.random.default_rng(1)
        edit_times = []
        for i in range(args.edits):
            ident = ids[int(rng.integers(len(ids)))]
            if i % 2:
                command = SetLevelHeight("Existing", ident, 2, 3.0 + i / 100)
            else:
                command = SetLevelUses(
                    "Existing", ident, 1, {"craft": 0.5, "office": 0.5}
                )
            change = command.apply(opened)
            t0 = time.perf_counter()
            save_project(opened, path, [change])
            edit_times.append(time.perf_counter() - t0)
        edit_s = statistics.median(edit_times)
        edit_max = max(edit_times)
        assert open_project(path) == opened

        bare = Path(folder) / "bare.sqlite"
        write_floor, read_floor = bare_sqlite_copy(path, bare)
        write_floor_s, write_floor_cpu = timed_both(write_floor, 3)
        read_floor_s, read_floor_cpu = timed_both(read_floor, 3)
        edit_floor_s = timed(bare_sqlite_edit(bare), args.edits)

    n_levels = args.buildings * args.levels
    print(
        f"project: {args.buildings:,} buildings × {args.levels} levels "
        f"({n_levels:,} levels), file {size_mb:.1f} MB; built in {build_s:.2f} s"
    )
    print(
        f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
        f"on {os.cpu_count()} cores (wall times include waiting for a core)"
    )
    print(
        f"full save        {save_s * 1000:8.1f} ms (cpu {save_cpu * 1000:6.1f})   "
        f"bare sqlite3 write {write_floor_s * 1000:7.1f} ms "
        f"(cpu {write_floor_cpu * 1000:6.1f})   ratio {save_s / write_floor_s:4.1f}×"
    )
    print(
        f"open             {open_s * 1000:8.1f} ms (cpu {open_cpu * 1000:6.1f})   "
        f"bare sqlite3 read  {read_floor_s * 1000:7.1f} ms "
        f"(cpu {read_floor_cpu * 1000:6.1f})   ratio {open_s / read_floor_s:4.1f}×   "
        f"budget {OPEN_BUDGET_S * 1000:.0f} ms: "
        f"{'OK' if open_s < OPEN_BUDGET_S else 'OVER'}"
    )
    print(
        f"save one edit    {edit_s * 1000:8.1f} ms               "
        f"bare sqlite3 edit  {edit_floor_s * 1000:7.1f} ms"
        f"               ratio {edit_s / edit_floor_s:4.1f}×   "
        f"budget {EDIT_BUDGET_S * 1000:.0f} ms: "
        f"{'OK' if edit_s < EDIT_BUDGET_S else 'OVER'} "
        f"(median of {args.edits}, worst {edit_max * 1000:.1f} ms)"
    )


if __name__ == "__main__":
    main()
