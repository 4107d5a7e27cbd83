"""Moving and turning a large selection with the mouse: one picture of its
outlines dragged, one edit on release, undone in one step."""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from shapely import affinity

from mixplan.ui import transform_tools
from tests.ui.test_plan_tiles import grid_window

LEFT, NO_KEY = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


def _footprints(window) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    return {
        bid: shapely.get_coordinates(b.footprint)
        for bid, b in window.document.scenario.buildings.items()
    }


def _select_all_and_press(window, qtbot, tool_key):  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.site_view
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, tool_key)
    return view, view.viewport()


def test_select_all_moved_by_the_drag_then_undone(make_window, qtbot):
    window = grid_window(make_window, qtbot)  # 600 buildings
    document = window.document
    before = _footprints(window)
    view, viewport = _select_all_and_press(window, qtbot, Qt.Key.Key_M)
    assert len(document.selection) == 600 > transform_tools.ITEMS_DRAGGED
    assert view.tool.name == "move"
    start = viewport.rect().center()
    end = start + QPoint(60, 30)
    QTest.mousePress(viewport, LEFT, NO_KEY, start)
    for i in range(1, 6):
        QTest.mouseMove(viewport, start + QPoint(12 * i, 6 * i))
    # Dragged: one picture of the outlines, the buildings' items left in place.
    ghost = view.tool.ghost
    assert ghost is not None and ghost.scene() is view.site_scene
    assert all(item.pos().isNull() for item in view.site_scene.buildings.values())
    frame = view.site_scene.frame
    sx, sy = frame.to_model(view.mapToScene(start))
    ex, ey = frame.to_model(view.mapToScene(end))
    dx, dy = ex - sx, ey - sy
    assert window.status.tool.text() == f"Move {dx:.2f} m, {dy:.2f} m"
    QTest.mouseRelease(viewport, LEFT, NO_KEY, end)
    assert view.tool.ghost is None and ghost.scene() is None
    # Every footprint moved by the drag's distance in the model, exactly as
    # shapely's translate moves it.
    after = _footprints(window)
    buildings = document.scenario.buildings
    for bid, xy in before.items():
        assert np.array_equal(xy + (dx, dy), after[bid]), bid
    b0 = buildings["b0"].footprint
    assert b0.equals_exact(affinity.translate(shapely.box(0, 0, 8, 8), dx, dy), 0)
    assert document.undo_stack.count() == 1
    assert window.undo_action.text() == "Undo Move buildings"
    assert len(document.selection) == 600  # the selection kept
    scene = view.site_scene
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=10_000)
    item = scene.buildings["b0"]
    assert item.pos().isNull()
    assert item.building.footprint is buildings["b0"].footprint  # the scene follows
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.undo_stack.index() == 0
    undone = _footprints(window)
    assert all(np.array_equal(xy, undone[bid]) for bid, xy in before.items())
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=10_000)
    assert scene.buildings["b0"].building.footprint.bounds == (0.0, 0.0, 8.0, 8.0)


def test_select_all_turned_and_escape_cancels(make_window, qtbot):
    window = grid_window(make_window, qtbot)
    document = window.document
    before = _footprints(window)
    view, viewport = _select_all_and_press(window, qtbot, Qt.Key.Key_T)
    assert view.tool.name == "rotate"
    start = viewport.rect().center() + QPoint(100, 0)
    QTest.mousePress(viewport, LEFT, NO_KEY, start)
    QTest.mouseMove(viewport, start + QPoint(0, 40))
    assert view.tool.ghost is not None
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert view.tool.ghost is None
    QTest.mouseRelease(viewport, LEFT, NO_KEY, start + QPoint(0, 40))
    assert document.undo_stack.count() == 0
    # A quarter turn (Shift: 15° steps) about the middle of the selection's bounds.
    shift = Qt.KeyboardModifier.ShiftModifier
    frame = view.site_scene.frame
    minx, miny, maxx, maxy = shapely.total_bounds(
        [b.footprint for b in document.scenario.buildings.values()]
    )
    pivot = ((minx + maxx) / 2, (miny + maxy) / 2)
    at = view.mapFromScene(frame.to_scene(*pivot))
    QTest.mousePress(viewport, LEFT, NO_KEY, at + QPoint(100, 0))
    QTest.mouseMove(viewport, at + QPoint(70, -70))
    assert window.status.tool.text().startswith("Rotate")
    QTest.mouseRelease(viewport, LEFT, shift, at + QPoint(2, -100))
    assert document.undo_stack.count() == 1
    assert window.undo_action.text() == "Undo Rotate buildings"
    buildings = document.scenario.buildings
    for bid, xy in before.items():
        turned = affinity.rotate(shapely.Polygon(xy), 90.0, origin=pivot)
        assert buildings[bid].footprint.equals_exact(turned, 0), bid
    document.undo_stack.undo()
    undone = _footprints(window)
    assert all(np.array_equal(xy, undone[bid]) for bid, xy in before.items())


def _outlines(window):  # type: ignore[no-untyped-def]
    """The selection's footprints in the scenario, as one path (the drag's)."""
    from mixplan.ui.items import joined_paths

    buildings = window.document.scenario.buildings
    frame = window.site_view.site_scene.frame
    footprints = [buildings[b].footprint for b in window.document.selection]
    return joined_paths([frame.pieces(footprints)])[0]


def test_the_dragged_outlines_are_the_scenario_s_after_edits_and_undo(
    make_window, qtbot
):
    """The picture dragged outlines the selected footprints as the scenario
    holds them: after an edit of some of them, after a move, and while the
    plan is still being redrawn after its undo (the tiles' outlines are then
    older: the dragged ones are not taken from them)."""
    from mixplan.model.commands import SetFootprint

    window = grid_window(make_window, qtbot)
    document, scene = window.document, window.site_view.site_scene
    moved = affinity.translate(document.scenario.buildings["b45"].footprint, 3, 1)
    document.push(SetFootprint("S", "b45", moved))
    view, viewport = _select_all_and_press(window, qtbot, Qt.Key.Key_M)
    start = viewport.rect().center()
    QTest.mousePress(viewport, LEFT, NO_KEY, start)
    QTest.mouseMove(viewport, start + QPoint(30, 15))
    assert view.tool.ghost.path() == _outlines(window)
    QTest.mouseRelease(viewport, LEFT, NO_KEY, start + QPoint(30, 15))
    assert document.undo_stack.index() == 2
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=10_000)
    QTest.mousePress(viewport, LEFT, NO_KEY, start)
    QTest.mouseMove(viewport, start + QPoint(-30, 15))
    assert view.tool.ghost.path() == _outlines(window)
    QTest.keyClick(view, Qt.Key.Key_Escape)
    QTest.mouseRelease(viewport, LEFT, NO_KEY, start + QPoint(-30, 15))
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.undo_stack.index() == 1 and scene.rebuilding
    QTest.mousePress(viewport, LEFT, NO_KEY, start)
    QTest.mouseMove(viewport, start + QPoint(20, 20))
    assert view.tool.ghost.path() == _outlines(window)
    QTest.keyClick(view, Qt.Key.Key_Escape)
    QTest.mouseRelease(viewport, LEFT, NO_KEY, start + QPoint(20, 20))
