"""``mixplan --self-test``: a headless check that an installed mixplan works.

It runs the whole product once, in a temporary folder, the way a user would: the
bundled resources are there, the demo project is built, saved, reopened and
evaluated, its baseline is exported (GeoJSON, DXF, CSV), a GIS file (GeoJSON in
WGS 84, so GDAL and PROJ are both needed) is imported, a PDF report is written, and
the main window opens (with Qt's and mixplan's French catalogues) and closes
without a screen. One line per step says ``ok`` or ``FAILED`` with the reason; the
exit code is 0 only when every step passed. A frozen app that lost a data file, a
library or a Qt plug-in fails here rather than on a user's machine.

Qt runs on the ``offscreen`` platform unless ``QT_QPA_PLATFORM`` says otherwise,
and the window step uses a settings folder of its own, so the user's recent files
are left alone.
"""

from __future__ import annotations

import math
import os
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mixplan.model.errors import MixplanError

__all__ = ["run_self_test"]

#: GeoPackage ``application_id`` ('GPKG', DESIGN §6).
GPKG_APPLICATION_ID = 0x47504B47

#: The imported footprint: a 40 m × 25 m rectangle in Lambert-93 near Lyon,
#: written to the GeoJSON in longitude/latitude and reprojected back on import.
IMPORT_ORIGIN_L93 = (842_000.0, 6_519_000.0)
IMPORT_SIZE_M = (40.0, 25.0)
IMPORT_AREA_TOLERANCE_M2 = 0.5

#: Indicator keys of DESIGN §8 that every evaluation must carry.
REQUIRED_INDICATORS = (
    "site_area_m2",
    "footprint_m2",
    "gfa_m2",
    "sdp_m2",
    "sdp_by_family_m2",
    "productive_sdp_m2",
    "productive_retention",
    "far",
    "dwellings",
    "jobs",
    "open_soil_m2",
    "artificialised_m2",
)

#: How long the window may take to show before the step fails (seconds).
WINDOW_TIMEOUT_S = 20.0


class StepFailed(Exception):
    """A step ran but its result is wrong; the message says how."""


@dataclass
class _Context:
    """What the steps hand on to each other."""

    folder: Path
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StepResult:
    """The outcome of one step, as printed."""

    name: str
    ok: bool
    detail: str
    seconds: float

    def line(self) -> str:
        status = "ok    " if self.ok else "FAILED"
        return (
            f"self-test: {self.name:<10} {status} {self.seconds:6.2f} s  {self.detail}"
        )


# --- the steps ---------------------------------------------------------------------


def _step_resources(ctx: _Context) -> str:
    from mixplan.resources import resource_path

    root = resource_path()
    icon = resource_path("icons", "mixplan.png")
    if not icon.is_file():
        raise StepFailed(f"the app icon is missing from {root}")
    folders = sorted(p.name for p in root.iterdir() if p.is_dir())
    return f"{root} ({', '.join(folders)})"


def _step_demo(ctx: _Context) -> str:
    from mixplan.store.demo import build_demo

    project = build_demo()
    if len(project.scenarios) < 2:
        raise StepFailed(
            f"the demo has {len(project.scenarios)} scenario(s), "
            "expected a baseline and at least one other"
        )
    if not project.baseline.buildings:
        raise StepFailed("the demo's baseline has no building")
    ctx.values["project"] = project
    buildings = sum(len(s.buildings) for s in project.scenarios)
    return (
        f"{project.name!r}: {len(project.scenarios)} scenarios, "
        f"{buildings} buildings, site {project.site_area_m2:,.0f} m2"
    )


def _step_save(ctx: _Context) -> str:
    from mixplan.store import save_project

    path = ctx.folder / "self-test.mixplan.gpkg"
    save_project(ctx.values["project"], path)
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise StepFailed(f"{path.name} is not an SQLite file")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    finally:
        connection.close()
    if application_id != GPKG_APPLICATION_ID:
        raise StepFailed(
            f"application_id is {application_id:#x}, "
            f"not {GPKG_APPLICATION_ID:#x} (GPKG)"
        )
    ctx.values["path"] = path
    return f"{path.name}, {path.stat().st_size / 1024:,.0f} KB"


def _scenario_outline(project: Any) -> list[tuple[str, list[str]]]:
    return [(s.name, sorted(s.buildings)) for s in project.scenarios]


def _step_reopen(ctx: _Context) -> str:
    from mixplan.store import open_project

    saved = ctx.values["project"]
    project = open_project(ctx.values["path"])
    if _scenario_outline(project) != _scenario_outline(saved):
        raise StepFailed(
            "the reopened project's scenarios or buildings differ from the saved ones"
        )
    if not math.isclose(project.site_area_m2, saved.site_area_m2, rel_tol=1e-9):
        raise StepFailed(
            f"site area {project.site_area_m2} m2 after reopening, "
            f"{saved.site_area_m2} m2 before"
        )
    ctx.values["project"] = project
    return f"same {len(project.scenarios)} scenarios and buildings, same site area"


def _number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def _step_engine(ctx: _Context) -> str:
    from mixplan.engine import evaluate

    project = ctx.values["project"]
    summaries = []
    for scenario in project.scenarios:
        evaluation = evaluate(project, scenario.name)
        indicators = evaluation.indicators
        missing = [k for k in REQUIRED_INDICATORS if k not in indicators]
        if missing:
            raise StepFailed(
                f"scenario {scenario.name!r} lacks indicators " + ", ".join(missing)
            )
        if not _number(indicators["far"]) or not _number(indicators["gfa_m2"]):
            raise StepFailed(
                f"scenario {scenario.name!r}: FAR or GFA is not a finite number"
            )
        summaries.append((scenario.name, indicators, len(evaluation.findings)))
    baseline = summaries[0][1]
    # The baseline compared with itself keeps all of its productive floor area.
    if baseline["productive_sdp_m2"] > 0 and not math.isclose(
        baseline["productive_retention"], 1.0, abs_tol=1e-9
    ):
        raise StepFailed(
            "the baseline's productive retention is "
            f"{baseline['productive_retention']}, not 1"
        )
    findings = sum(n for _, _, n in summaries)
    return (
        f"{len(summaries)} scenarios evaluated, baseline FAR "
        f"{baseline['far']:.2f}, {findings} findings"
    )


def _step_export(ctx: _Context) -> str:
    import ezdxf

    from mixplan.store.csv_export import write_csv
    from mixplan.store.dxf_export import BLOCK_NAME, write_dxf
    from mixplan.store.geojson import read_geojson, write_geojson

    project = ctx.values["project"]
    baseline = project.baseline
    count = len(baseline.buildings)
    geojson = ctx.folder / "baseline.geojson"
    write_geojson(project, baseline.name, geojson)
    read_back = len(read_geojson(geojson).buildings)
    if read_back != count:
        raise StepFailed(f"GeoJSON: {read_back} buildings read back, {count} written")
    dxf = ctx.folder / "baseline.dxf"
    write_dxf(project, baseline.name, dxf)
    blocks = len(
        ezdxf.readfile(dxf).modelspace().query(f'INSERT[name=="{BLOCK_NAME}"]')
    )
    if blocks != count:
        raise StepFailed(f"DXF: {blocks} building blocks for {count} buildings")
    csv = ctx.folder / "baseline.csv"
    write_csv(project, baseline.name, csv)
    if csv.stat().st_size == 0:
        raise StepFailed("CSV: the file is empty")
    return f"{count} buildings to GeoJSON (read back), DXF (ezdxf reads them), CSV"


def _write_wgs84_geojson(path: Path) -> float:
    """Write one building footprint as plain GeoJSON (RFC 7946, WGS 84).

    Returns the footprint's area in Lambert-93, the value the import must give
    back: corners are converted exactly, and straight edges stay straight.
    """
    import json

    from pyproj import Transformer

    x0, y0 = IMPORT_ORIGIN_L93
    width, depth = IMPORT_SIZE_M
    corners = [
        (x0, y0),
        (x0 + width, y0),
        (x0 + width, y0 + depth),
        (x0, y0 + depth),
        (x0, y0),
    ]
    to_wgs84 = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)
    ring = [list(to_wgs84.transform(x, y)) for x, y in corners]
    if not all(math.isfinite(c) for point in ring for c in point):
        raise StepFailed("PROJ returned no coordinates (is proj.db missing?)")
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "Self-test hall", "hauteur": 7.0},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return width * depth


def _step_import(ctx: _Context) -> str:
    from mixplan.store.importing import ImportOptions, import_source

    project = ctx.values["project"]
    source = ctx.folder / "hall-wgs84.geojson"
    expected = _write_wgs84_geojson(source)
    scenario_name = "Self-test import"
    options = ImportOptions(
        scenario=scenario_name, kind="buildings", height_field="hauteur"
    )
    report = import_source(project, source, options)
    imported = list(project.scenario(scenario_name).buildings.values())
    if len(imported) != 1:
        raise StepFailed(f"{len(imported)} buildings imported, expected 1")
    area = imported[0].footprint.area
    if abs(area - expected) > IMPORT_AREA_TOLERANCE_M2:
        raise StepFailed(
            f"imported footprint is {area:.2f} m2, expected "
            f"{expected:.2f} m2 after reprojection to {project.crs}"
        )
    summary = report.summary().strip().splitlines()[0].split(" from ", 1)[0]
    return f"1 building, {area:.2f} m2 in {project.crs}: {summary}"


def _step_report(ctx: _Context) -> str:
    from mixplan.report import write_report

    project = ctx.values["project"]
    path = ctx.folder / "self-test-report.pdf"
    scenarios = [s.name for s in project.scenarios[:2]]
    write_report(project, path, lang="fr", scenarios=scenarios)
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise StepFailed(f"{path.name} is not a complete PDF")
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    return (
        f"{path.name}, {len(data) / 1024:,.0f} KB, {pages} page(s), scenarios "
        + " + ".join(scenarios)
    )


def _step_window(ctx: _Context) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    settings = ctx.folder / "settings"
    previous = os.environ.get("MIXPLAN_SETTINGS_DIR")
    os.environ["MIXPLAN_SETTINGS_DIR"] = str(settings)
    try:
        from mixplan.ui.selftest_window import open_and_close_main_window

        return open_and_close_main_window(ctx.values["path"], WINDOW_TIMEOUT_S)
    finally:
        if previous is None:
            os.environ.pop("MIXPLAN_SETTINGS_DIR", None)
        else:
            os.environ["MIXPLAN_SETTINGS_DIR"] = previous


#: (name, function, names of the steps whose results it needs)
STEPS: tuple[tuple[str, Callable[[_Context], str], tuple[str, ...]], ...] = (
    ("resources", _step_resources, ()),
    ("demo", _step_demo, ()),
    ("save", _step_save, ("demo",)),
    ("reopen", _step_reopen, ("save",)),
    ("engine", _step_engine, ("reopen",)),
    ("export", _step_export, ("reopen",)),
    ("import", _step_import, ("reopen",)),
    ("report", _step_report, ("reopen",)),
    ("window", _step_window, ("save",)),
)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, StepFailed):
        return str(exc)
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        where = f" (at {Path(last.filename).name}:{last.lineno})"
    text = " ".join(str(exc).split()) or "no message"
    if isinstance(exc, MixplanError) and exc.path:
        text = f"{exc.path}: {text}"
    return f"{type(exc).__name__}: {text}{where}"


def _run_step(
    name: str,
    function: Callable[[_Context], str],
    ctx: _Context,
    failed: set[str],
    needs: tuple[str, ...],
) -> StepResult:
    blocked = [n for n in needs if n in failed]
    if blocked:
        return StepResult(name, False, f"not run: needs {', '.join(blocked)}", 0.0)
    started = time.perf_counter()
    try:
        detail = function(ctx)
    except Exception as exc:  # noqa: BLE001 - each step reports, the next one runs
        return StepResult(name, False, _reason(exc), time.perf_counter() - started)
    return StepResult(name, True, detail, time.perf_counter() - started)


def run_self_test() -> int:
    """Run every step, print one line each, and return the exit code.

    Returns
    -------
    int
        0 when every step passed, 1 otherwise.

    Examples
    --------
    ``python -m mixplan --self-test`` prints lines such as::

        self-test: save       ok       0.05 s  self-test.mixplan.gpkg, 96 KB
    """
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        # A Windows console may not encode a project's name; never fail on that.
        reconfigure(errors="replace")
    from mixplan import __version__

    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    print(
        f"self-test: mixplan {__version__} ({frozen}), Python "
        f"{sys.version.split()[0]}, {sys.platform}",
        flush=True,
    )
    results: list[StepResult] = []
    failed: set[str] = set()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(
        prefix="mixplan-selftest-", ignore_cleanup_errors=True
    ) as folder:
        ctx = _Context(Path(folder))
        for name, function, needs in STEPS:
            result = _run_step(name, function, ctx, failed, needs)
            results.append(result)
            if not result.ok:
                failed.add(name)
            print(result.line(), flush=True)
        ctx.values.clear()
    total = time.perf_counter() - started
    if failed:
        print(
            f"self-test: FAILED: {len(failed)} of {len(results)} steps "
            f"({', '.join(sorted(failed))}) in {total:.1f} s",
            flush=True,
        )
        return 1
    print(f"self-test: all {len(results)} steps ok in {total:.1f} s", flush=True)
    return 0
