"""LiveEngine: evaluations follow the document, off the GUI thread."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from shapely.geometry import box

from mixplan.engine import evaluate
from mixplan.model import Building, Level
from mixplan.model.commands import AddBuilding, RemoveBuilding
from mixplan.ui.document import ProjectDocument
from mixplan.ui.live_engine import LiveEngine
from tests.ui.conftest import small_project
from tests.ui.helpers import click, key


def wait_for(qtbot, engine, name, predicate, timeout=5000):
    qtbot.waitUntil(
        lambda: (
            engine.evaluation(name) is not None and predicate(engine.evaluation(name))
        ),
        timeout=timeout,
    )
    return engine.evaluation(name)


def test_evaluates_every_scenario_like_the_engine(qtbot):
    project = small_project()
    document = ProjectDocument(project)
    engine = LiveEngine(document)
    try:
        for scenario in project.scenarios:
            live = wait_for(qtbot, engine, scenario.name, lambda e: True)
            assert live.indicators == evaluate(project, scenario.name).indicators
        # b1 200 m² + b2 400 m² of footprint.
        assert engine.evaluation("Existing").indicators["footprint_m2"] == 600.0
    finally:
        engine.shutdown()


def test_follows_edits_and_undo(qtbot):
    project = small_project()
    document = ProjectDocument(project)
    engine = LiveEngine(document)
    try:
        wait_for(qtbot, engine, "S1", lambda e: True)
        extra = Building("x", "Extra", box(40, 30, 50, 40), (Level.of(3, "office"),))
        document.push(AddBuilding("S1", extra))
        s1 = wait_for(
            qtbot, engine, "S1", lambda e: e.indicators["footprint_m2"] == 700.0
        )
        assert s1.delta["footprint_m2"] == 100.0
        document.push(RemoveBuilding("Existing", "b2"))
        # A baseline edit reaches S1, which keeps b2 (DESIGN §14): 700 − 400 m².
        s1 = wait_for(
            qtbot, engine, "S1", lambda e: e.indicators["footprint_m2"] == 300.0
        )
        assert s1.delta["footprint_m2"] == 100.0
        document.undo_stack.undo()
        document.undo_stack.undo()
        wait_for(qtbot, engine, "S1", lambda e: e.indicators["footprint_m2"] == 600.0)
    finally:
        engine.shutdown()


def test_snapshot_is_not_touched_by_later_edits():
    project = small_project()
    copy = project.snapshot()
    RemoveBuilding("S1", "b1").apply(project)
    project.rulebook.set("C02", "max_coverage", 0.5)
    assert "b1" in copy.scenario("S1").buildings
    assert copy.rulebook.values == {}


def test_drawing_a_building_changes_the_indicators(make_window, qtbot):
    window = make_window()
    engine = window.live_engine
    wait_for(qtbot, engine, "Existing", lambda e: True)
    before = engine.evaluation("Existing").indicators
    window.findChild(QAction, "action_snap_grid").setChecked(True)
    window.findChild(QAction, "action_draw_building").trigger()
    for x, y in [(35, 35), (55, 35), (55, 45), (35, 45)]:
        click(window, x, y)
    key(window, Qt.Key.Key_Return)
    after = wait_for(
        qtbot,
        engine,
        "Existing",
        lambda e: e.indicators["footprint_m2"] != before["footprint_m2"],
    )
    # One 20 m × 10 m storey: +200 m² of footprint and of gross floor area.
    assert math.isclose(
        after.indicators["footprint_m2"], before["footprint_m2"] + 200.0
    )
    assert math.isclose(after.indicators["gfa_m2"], before["gfa_m2"] + 200.0)
    window.document.undo_stack.undo()
    wait_for(
        qtbot,
        engine,
        "Existing",
        lambda e: e.indicators["footprint_m2"] == before["footprint_m2"],
    )
    assert (
        window.status.errors.text() in ("No errors",)
        or "error" in window.status.errors.text()
    )
