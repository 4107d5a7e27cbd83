"""What reading a source in a child process costs on a normal import (issue 14).

Writes a shapefile of ``N`` footprints and a one-outline DXF plan, then times
``plan_import`` on each (median of ``--repeat`` runs, after a warm-up) with the
reader in a child process (:func:`mixplan.store.sandbox.run_bounded`, what
mixplan does) and in this process (the floor). Prints both, the difference and
the ratio.

Run: ``uv run python benchmarks/bench_sandbox.py [--features N] [--repeat R]``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import shapely


def _write_sources(folder: Path, n: int) -> tuple[Path, Path]:
    import ezdxf
    from pyogrio.raw import write

    squares = [
        shapely.box(
            660000 + (i % 100) * 30,
            6865000 + (i // 100) * 30,
            660020 + (i % 100) * 30,
            6865020 + (i // 100) * 30,
        )
        for i in range(n)
    ]
    shp = folder / "footprints.shp"
    write(
        shp,
        np.array(shapely.to_wkb(squares), dtype=object),
        [np.array([f"b{i}" for i in range(n)], dtype=object), np.full(n, 9.0)],
        fields=["name", "hauteur"],
        layer="footprints",
        driver="ESRI Shapefile",
        geometry_type="Polygon",
        crs="EPSG:2154",
    )
    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 6
    doc.modelspace().add_lwpolyline(
        [(0, 0), (20, 0), (20, 10), (0, 10)], close=True, dxfattribs={"layer": "Floor"}
    )
    dxf = folder / "plan.dxf"
    doc.saveas(dxf)
    return shp, dxf


def _in_process(function: Any, *args: Any, **_limits: Any) -> Any:
    return function(*args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    import mixplan.store.dxf_import as dxf_import
    import mixplan.store.importing as importing
    from mixplan.model import Project
    from mixplan.store.importing import ImportOptions, plan_import
    from mixplan.store.sandbox import run_bounded

    project = Project.new("bench")
    with tempfile.TemporaryDirectory() as folder:
        shp, dxf = _write_sources(Path(folder), args.features)
        cases = [
            (f"shapefile, {args.features:,} footprints", shp, ImportOptions()),
            (
                "DXF, one outline",
                dxf,
                ImportOptions(layer_map="Floor=office", origin=(0.0, 0.0)),
            ),
        ]
        for label, source, options in cases:
            timings = {}
            for mode, runner in (("child", run_bounded), ("in process", _in_process)):
                importing.run_bounded = runner  # type: ignore[assignment]
                dxf_import.run_bounded = runner  # type: ignore[assignment]
                plan_import(project, source, options)  # warm-up (imports, caches)
                runs = []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    plan_import(project, source, options)
                    runs.append(time.perf_counter() - start)
                timings[mode] = statistics.median(runs)
            child, floor = timings["child"], timings["in process"]
            print(
                f"{label}: in process {floor * 1000:.0f} ms, child process "
                f"{child * 1000:.0f} ms (+{(child - floor) * 1000:.0f} ms, "
                f"ratio {child / floor:.2f})"
            )


if __name__ == "__main__":
    main()
