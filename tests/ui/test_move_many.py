"""Moving and turning a large selection with the mouse: one picture of its
outlines dragged, one edit on release, undone in one step."""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from shapely import affinity

from mixplan.ui import transform_tools
from tests.ui.test_busy_many import _cursors_when_changed
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


def _press_and_drag(viewport):  # type: ignore[no-untyped-def]
    """Press at the viewport's centre and drag 60, 30 px in 5 moves, not
    released: the press's and the release's points."""
    start = viewport.rect().center()
    QTest.mousePress(viewport, LEFT, NO_KEY, start)
    for i in range(1, 6):
        QTest.mouseMove(viewport, start + QPoint(12 * i, 6 * i))
    return start, start + QPoint(60, 30)


def test_select_all_moved_by_the_drag_then_undone(make_window, qtbot):
    window = grid_window(make_window, qtbot)  # 600 buildings
    document = window.document
    before = _footprints(window)
    view, viewport = _select_all_and_press(window, qtbot, Qt.Key.Key_M)
    assert len(document.selection) == 600 > transform_tools.ITEMS_DRAGGED
    assert view.tool.name == "move"
    start, end = _press_and_drag(viewport)
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


def test_colours_follow_edits_a_move_of_all_and_their_undo(make_window, qtbot):
    """Each building is coloured by its dominant family through uses changed,
    a move of all with the mouse and the undo of each (an undo shows values
    shown before: their families are not measured again, and must be theirs)."""
    from mixplan.model.commands import SetLevelUses
    from tests.ui.helpers import view_point
    from tests.ui.test_plan_tiles import family_colour, picture

    window = grid_window(make_window, qtbot)
    document, scene = window.document, window.site_view.site_scene

    def coloured_right() -> bool:
        qtbot.waitUntil(lambda: not scene.rebuilding, timeout=10_000)
        buildings = document.scenario.buildings
        return all(
            item.building is buildings[bid]
            and item.family == buildings[bid].dominant_family()
            for bid, item in scene.buildings.items()
        )

    def family() -> str:
        return scene.buildings["b7"].family

    # b7: 4 m of craft and 3 m of housing on 64 m² each: a tie, craft's
    # family first; all housing; then housing and office: housing first.
    assert family() == "productive"
    document.push(SetLevelUses("S", "b7", 0, {"housing": 1.0}))
    assert family() == "housing"
    document.push(SetLevelUses("S", "b7", 1, {"office": 1.0}))
    assert family() == "housing"
    document.push(SetLevelUses("S", "b7", 0, {"craft": 1.0}))
    assert family() == "productive"  # (craft and office: craft first)
    document.push(SetLevelUses("S", "b7", 1, {"office": 0.5, "housing": 0.5}))
    assert family() == "productive"
    document.push(SetLevelUses("S", "b7", 0, {"office": 1.0}))
    assert family() == "tertiary"
    assert coloured_right()
    view, viewport = _select_all_and_press(window, qtbot, Qt.Key.Key_M)
    start = viewport.rect().center()
    QTest.mousePress(viewport, LEFT, NO_KEY, start)
    QTest.mouseMove(viewport, start + QPoint(30, 15))
    QTest.mouseRelease(viewport, LEFT, NO_KEY, start + QPoint(30, 15))
    assert document.undo_stack.index() == 6
    assert coloured_right()
    expected = ["tertiary", "productive", "productive", "housing", "housing"]
    expected.append("productive")
    for index, colour in zip(range(5, -1, -1), expected, strict=True):
        QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert document.undo_stack.index() == index
        assert coloured_right()
        assert family() == colour, index
    document.set_selection([])
    x, y = document.scenario.buildings["b7"].footprint.centroid.coords[0]
    shown = picture(window, qtbot)
    assert shown.pixelColor(view_point(window, x, y)).rgb() == family_colour(
        window, "b7"
    )


def test_colours_follow_a_footprint_when_levels_have_their_own_outlines(
    make_window, qtbot
):
    """Two housing levels of 40 m² outlines of their own over a craft level on
    the footprint: housing (80 m²) on 8 x 8 m, craft (100 m²) on 10 x 10 m, then
    housing again on the first footprint (undone), and on 8 x 9.5 m (shown
    after 10 x 10 m, whose family is not this one's)."""
    from shapely.geometry import box

    from mixplan.model import Building, Level, Project, Site
    from mixplan.model.commands import AddScenario, SetFootprint

    project = Project.new("Outlines")
    project.site = Site(box(-50, -50, 50, 50))
    own = box(0, 0, 5, 8)
    project.baseline.buildings["p"] = Building(
        "p",
        "P",
        box(0, 0, 8, 8),
        (
            Level.of(3.0, "housing", polygon=own),
            Level.of(3.0, "housing", polygon=own),
            Level.of(3.0, "craft"),
        ),
    )
    AddScenario("S").apply(project)
    window = make_window(project)
    document = window.document
    document.set_scenario("S")
    scene = window.site_view.site_scene
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=10_000)

    def family() -> str:
        item = scene.buildings["p"]
        assert item.building is document.scenario.buildings["p"]
        assert item.family == item.building.dominant_family()
        return item.family

    assert family() == "housing"
    document.push(SetFootprint("S", "p", box(0, 0, 10, 10)))
    assert family() == "productive"
    document.undo_stack.undo()
    assert family() == "housing"
    document.undo_stack.redo()
    assert family() == "productive"
    document.undo_stack.undo()
    assert family() == "housing"
    document.push(SetFootprint("S", "p", box(0, 0, 8, 9.5)))
    assert family() == "housing"  # (76 m² of craft)


def test_a_move_of_thousands_is_pushed_after_the_release_in_its_turn(
    make_window, qtbot
):
    """2,000 buildings (from PREPARED_FROM) moved: the moved ones are made in
    steps after the release, under a busy cursor, then pushed as one edit,
    exactly the drag's move. Turned, then Ctrl+Z pressed at once: the undo
    waits its turn and undoes the turn, not the move."""
    count = transform_tools.PREPARED_FROM
    window = grid_window(make_window, qtbot, count)
    document = window.document
    shapes = _cursors_when_changed(window)
    before = _footprints(window)
    view, viewport = _select_all_and_press(window, qtbot, Qt.Key.Key_M)
    assert len(document.selection) == count
    start, end = _press_and_drag(viewport)
    ghost = view.tool.ghost
    frame = view.site_scene.frame
    sx, sy = frame.to_model(view.mapToScene(start))
    ex, ey = frame.to_model(view.mapToScene(end))
    dx, dy = ex - sx, ey - sy
    QTest.mouseRelease(viewport, LEFT, NO_KEY, end)
    qtbot.waitUntil(lambda: document.undo_stack.count() == 1, timeout=20_000)
    assert ghost.scene() is None and view.tool.ghost is None
    moved = _footprints(window)
    assert all(np.array_equal(xy + (dx, dy), moved[b]) for b, xy in before.items())
    assert window.undo_action.text() == "Undo Move buildings"
    assert shapes == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None
    QTest.keyClick(view, Qt.Key.Key_T)
    QTest.mousePress(viewport, LEFT, NO_KEY, start + QPoint(40, 0))
    QTest.mouseMove(viewport, start + QPoint(0, 40))
    QTest.mouseRelease(viewport, LEFT, NO_KEY, start + QPoint(0, 40))
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: document.undo_stack.count() == 2 and not document.edits_held,
        timeout=20_000,
    )
    assert document.undo_stack.index() == 1
    assert window.redo_action.text() == "Redo Rotate buildings"
    now = _footprints(window)
    assert all(np.array_equal(xy, now[b]) for b, xy in moved.items())
    assert QApplication.overrideCursor() is None


def test_the_history_waits_while_a_move_of_thousands_is_prepared(make_window, qtbot):
    """Its clicks undo at once, not in the edits' queue: a click on its first
    row ("<opened>") right after the release of a turn of 2,000 buildings
    reaches a disabled list and undoes nothing; the turn lands after the move
    (two steps, at the top), then the list takes clicks again."""
    window = grid_window(make_window, qtbot, transform_tools.PREPARED_FROM)
    document = window.document
    history = window.history_dock
    assert history.isEnabled()
    view, viewport = _select_all_and_press(window, qtbot, Qt.Key.Key_M)
    _start, end = _press_and_drag(viewport)
    QTest.mouseRelease(viewport, LEFT, NO_KEY, end)
    assert not history.isEnabled()
    qtbot.waitUntil(lambda: document.undo_stack.count() == 1, timeout=20_000)
    assert history.isEnabled()
    QTest.keyClick(view, Qt.Key.Key_T)
    start = viewport.rect().center()
    QTest.mousePress(viewport, LEFT, NO_KEY, start + QPoint(40, 0))
    QTest.mouseMove(viewport, start + QPoint(0, 40))
    QTest.mouseRelease(viewport, LEFT, NO_KEY, start + QPoint(0, 40))
    rows = history.view
    first = rows.visualRect(rows.model().index(0, 0)).center()
    QTest.mouseClick(rows.viewport(), LEFT, NO_KEY, first)
    qtbot.waitUntil(lambda: not document.edits_held, timeout=20_000)
    assert document.undo_stack.count() == 2 and document.undo_stack.index() == 2
    assert history.isEnabled()
    QTest.mouseClick(rows.viewport(), LEFT, NO_KEY, first)
    assert document.undo_stack.index() == 0  # (enabled again: back to "<opened>")


def test_ctrl_z_right_after_the_first_move_of_thousands_undoes_it(make_window, qtbot):
    """Nothing to undo yet when the release of a move of 2,000 buildings
    starts making it: Ctrl+Z pressed then is taken (Edit ▸ Undo enabled while
    the move waits) and undoes the move once it is made; nothing to undo after."""
    window = grid_window(make_window, qtbot, transform_tools.PREPARED_FROM)
    document = window.document
    before = _footprints(window)
    view, viewport = _select_all_and_press(window, qtbot, Qt.Key.Key_M)
    assert not window.undo_action.isEnabled()  # (nothing done yet)
    _start, end = _press_and_drag(viewport)
    QTest.mouseRelease(viewport, LEFT, NO_KEY, end)
    assert document.edits_held and document.undo_stack.count() == 0
    assert window.undo_action.isEnabled()
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not document.edits_held, timeout=20_000)
    assert document.undo_stack.count() == 1 and document.undo_stack.index() == 0
    after = _footprints(window)
    assert all(np.array_equal(xy, after[bid]) for bid, xy in before.items())
    assert not window.undo_action.isEnabled() and window.redo_action.isEnabled()
    assert window.redo_action.text() == "Redo Move buildings"
