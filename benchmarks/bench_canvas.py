"""Canvas performance (DESIGN §11): the site view on 10,000 buildings.

Measures, on a 1600 × 1000 window: building the plan's items, a full repaint
zoomed to the site and zoomed in (labels shown), one edit (push → items updated →
repaint), and the longest main-thread stall while the live engine re-evaluates
after an edit (a 5 ms timer records the gaps between its ticks). Budget: no
stall over 100 ms. A full repaint is the GUI thread's CPU time of a repaint of
the viewport once the plan is drawn (its slices done), at a zoom already shown
("again": what a selection, a language switch or a resize costs) and just after
a zoom change ("new zoom": pictures kept by the plan drawn anew).

Run: ``QT_QPA_PLATFORM=offscreen uv run python benchmarks/bench_canvas.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("MIXPLAN_SETTINGS_DIR", tempfile.mkdtemp())

from bench_engine import synthetic_project  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from shapely import affinity  # noqa: E402

from mixplan.model.commands import AddScenario, SetFootprint  # noqa: E402


def repaint_ms(view, repeats: int = 5, new_zoom: bool = False) -> float:
    """Median GUI-thread CPU time (ms) of a repaint of the whole viewport;
    ``new_zoom``: each just after a zoom change (0.5 % in, then out)."""
    times = []
    for k in range(repeats):
        if new_zoom:
            view.scale_by(1.005 if k % 2 else 1 / 1.005)
        start = time.thread_time()
        view.viewport().repaint()
        times.append((time.thread_time() - start) * 1000)
    return statistics.median(times)


def drawn(app: QApplication, scene) -> None:  # type: ignore[no-untyped-def]
    """Wait until the plan's slices are done (items, outlines, tiles)."""
    wait(app, 60, until=lambda: not scene.rebuilding and not scene.marking)


class StallMonitor:
    """Records the longest gap between ticks of a 5 ms timer on the GUI thread."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.clock = QElapsedTimer()
        self.worst = 0.0
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.worst = 0.0
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        self.worst = max(self.worst, self.clock.restart())

    def stop(self) -> float:
        self.timer.stop()
        return self.worst


def wait(app: QApplication, seconds: float, until=None) -> None:  # type: ignore[no-untyped-def]
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        if until is not None and until():
            return
        time.sleep(0.001)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--buildings", type=int, default=10_000)
    parser.add_argument(
        "--write",
        type=Path,
        help="also save the baseline as a project, to time QGIS on the same layer",
    )
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from mixplan.ui.document import ProjectDocument
    from mixplan.ui.main_window import MainWindow
    from mixplan.ui.site_view import SiteView

    project = synthetic_project(args.buildings, levels=3)
    if args.write is not None:
        from mixplan.model import Project
        from mixplan.store import save_project

        # The baseline alone: the layer QGIS draws then holds the same 10,000.
        baseline_only = Project(
            project.name, project.crs, project.site, [project.baseline]
        )
        save_project(baseline_only, args.write)
    # The plan alone at QGIS's check size (1600 × 1000), for the comparison.
    alone = SiteView(ProjectDocument(project))
    alone.resize(1600, 1000)
    alone.show()
    drawn(app, alone.site_scene)
    alone.zoom_to_site()
    app.processEvents()
    alone_ms = repaint_ms(alone)
    alone_new_ms = repaint_ms(alone, new_zoom=True)
    alone.close()
    print(
        f"plan alone 1600×1000, full repaint:  {alone_ms:8.1f} ms again, "
        f"{alone_new_ms:.1f} ms at a new zoom "
        "(compare: QGIS_RENDER=1 ../shared/checks/qgis_layers.py FILE buildings)"
    )
    AddScenario("Plan").apply(project)
    start = time.perf_counter()
    window = MainWindow(project=project)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    build_ms = (time.perf_counter() - start) * 1000
    view = window.site_view
    start = time.perf_counter()
    window.document.set_scenario("Plan")
    switch_ms = (time.perf_counter() - start) * 1000
    drawn(app, view.site_scene)
    view.zoom_to_site()
    app.processEvents()
    print(
        f"buildings: {args.buildings}, viewport {view.viewport().width()}×"
        f"{view.viewport().height()} px, {view.pixels_per_metre():.2f} px/m"
    )
    print(f"window with the plan built:          {build_ms:8.1f} ms")
    print(f"switch to a scenario copied from it: {switch_ms:8.1f} ms")
    fit_ms = repaint_ms(view)
    fit_new_ms = repaint_ms(view, new_zoom=True)
    print(
        f"full repaint, whole site:            {fit_ms:8.1f} ms again, "
        f"{fit_new_ms:.1f} ms at a new zoom"
    )
    view.scale_by(12.0)
    app.processEvents()
    zoom_ms = repaint_ms(view)
    print(
        f"full repaint, zoomed in with labels: {zoom_ms:8.1f} ms "
        f"({view.pixels_per_metre():.2f} px/m)"
    )
    view.zoom_to_site()
    app.processEvents()

    monitor = StallMonitor()
    engine = window.live_engine
    wait(
        app,
        60,
        until=lambda: engine.evaluation("Plan") is not None and not engine._busy,
    )
    first = window.document.scenario.buildings["b5"]
    start = time.perf_counter()
    window.document.push(
        SetFootprint("Plan", "b5", affinity.translate(first.footprint, 3, 0))
    )
    edit_ms = (time.perf_counter() - start) * 1000
    view.viewport().repaint()
    edit_paint_ms = (time.perf_counter() - start) * 1000
    # The stall while the live engine re-evaluates after a second edit, with the
    # view repainting only what changed, as it does when a user edits.
    wait(app, 30, until=lambda: engine.settled)
    monitor.start()
    window.document.push(SetFootprint("Plan", "b5", first.footprint))
    wait(
        app,
        30,
        until=lambda: engine.settled and engine.last_job_ms > 0,
    )
    wait(app, 0.2)
    stall = monitor.stop()
    print(f"one edit, items updated:             {edit_ms:8.1f} ms")
    print(f"one edit, items updated + repaint:   {edit_paint_ms:8.1f} ms")
    print(
        f"live re-evaluation of all scenarios: {engine.last_job_ms:8.1f} ms "
        "(worker thread)"
    )
    print(f"longest GUI stall during it:         {stall:8.1f} ms (budget 100 ms)")
    window.document.undo_stack.setClean()
    window.close()
    return 0 if stall <= 100 else 1


if __name__ == "__main__":
    sys.exit(main())
