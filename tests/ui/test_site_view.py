"""The site view driven with real mouse and key events on its viewport."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from shapely.geometry import box

from tests.ui.helpers import click, double_click, drag, key, view_point

SQUARE = [(35, 35), (55, 35), (55, 45), (35, 45)]  # 20 m × 10 m = 200 m²


def drawing_window(make_window, grid: bool = True):
    window = make_window()
    window.findChild(QAction, "action_snap_grid").setChecked(grid)
    window.findChild(QAction, "action_draw_building").trigger()
    return window


def test_draw_building_by_clicks_then_enter_undo_redo(make_window):
    window = drawing_window(make_window)
    document = window.document
    document.set_scenario("S1")
    for x, y in SQUARE:
        click(window, x, y)
    assert "area 200.0 m²" in window.status.tool.text()
    key(window, Qt.Key.Key_Return)
    new = [b for b in document.scenario.buildings.values() if b.id not in ("b1", "b2")]
    assert len(new) == 1
    building = new[0]
    # Grid snapping puts the vertices exactly on the clicked metres.
    assert building.footprint.equals(box(35, 35, 55, 45))
    assert building.footprint.area == 200.0
    assert building.storeys_label == "R+0"
    assert building.levels[0].use_shares() == {"unassigned": 1.0}
    assert building.origin is None
    assert document.selection == [building.id]
    assert building.id in window.site_view.site_scene.buildings
    assert document.undo_stack.count() == 1
    assert window.undo_action.text() == "Undo Add building"
    document.undo_stack.undo()
    assert building.id not in document.scenario.buildings
    assert building.id not in window.site_view.site_scene.buildings
    document.undo_stack.redo()
    assert document.scenario.buildings[building.id] == building
    # The baseline is untouched.
    assert set(document.project.baseline.buildings) == {"b1", "b2"}


def test_double_click_closes_the_polygon(make_window):
    window = drawing_window(make_window)
    for x, y in SQUARE[:3]:
        click(window, x, y)
    double_click(window, *SQUARE[3])
    buildings = window.document.scenario.buildings
    assert len(buildings) == 3
    new = [b for b in buildings.values() if b.id not in ("b1", "b2")][0]
    assert new.footprint.equals(box(35, 35, 55, 45))


def test_backspace_removes_a_vertex_and_escape_cancels(make_window):
    window = drawing_window(make_window)
    tool = window.site_view.tool
    click(window, 35, 35)
    click(window, 55, 35)
    click(window, 90, 48)  # a wrong vertex
    key(window, Qt.Key.Key_Backspace)
    assert tool.points == [(35, 35), (55, 35)]
    click(window, 55, 45)
    click(window, 35, 45)
    key(window, Qt.Key.Key_Escape)
    assert tool.points == []
    assert tool.preview is None
    assert len(window.document.scenario.buildings) == 2
    assert window.document.undo_stack.count() == 0


def test_a_self_crossing_outline_is_refused_without_an_edit(make_window):
    window = drawing_window(make_window)
    for x, y in [(35, 35), (55, 45), (55, 35), (35, 45)]:  # a bow tie
        click(window, x, y)
    key(window, Qt.Key.Key_Return)
    assert "crosses itself" in window.status.tool.text()
    assert window.document.undo_stack.count() == 0
    assert len(window.site_view.tool.points) == 4  # still drawing, nothing lost


def test_shift_keeps_the_segment_orthogonal(make_window):
    window = drawing_window(make_window, grid=False)
    tool = window.site_view.tool
    click(window, 40, 30)
    click(window, 52, 31.5, Qt.KeyboardModifier.ShiftModifier)
    (x0, y0), (x1, y1) = tool.points
    assert y1 == y0 and x1 > x0


def test_snaps_to_an_existing_vertex(make_window):
    window = drawing_window(make_window, grid=False)
    click(window, 30.3, 20.2)  # near b1's corner (30, 20)
    assert window.site_view.tool.points == [(30.0, 20.0)]


def test_rectangle_with_typed_width_and_depth(make_window):
    window = make_window()
    window.findChild(QAction, "action_snap_grid").setChecked(True)
    window.findChild(QAction, "action_rectangle").trigger()
    click(window, 40, 30)
    QTest.mouseMove(window.site_view.viewport(), view_point(window, 45, 35))
    QTest.keyClicks(window.site_view, "12x8.5")
    key(window, Qt.Key.Key_Return)
    new = [
        b
        for b in window.document.scenario.buildings.values()
        if b.id not in ("b1", "b2")
    ]
    assert len(new) == 1
    assert new[0].footprint.equals(box(40, 30, 52, 38.5))


def test_rectangle_by_two_corners(make_window):
    window = make_window()
    window.findChild(QAction, "action_snap_grid").setChecked(True)
    window.findChild(QAction, "action_rectangle").trigger()
    click(window, 40, 45)
    click(window, 50, 35)
    new = [
        b
        for b in window.document.scenario.buildings.values()
        if b.id not in ("b1", "b2")
    ]
    assert new[0].footprint.equals(box(40, 35, 50, 45))


def test_draw_ground_cover_of_the_chosen_type(make_window):
    window = make_window()
    window.findChild(QAction, "action_snap_grid").setChecked(True)
    window.cover_type.setCurrentIndex(window.cover_type.findData("permeable_paving"))
    window.findChild(QAction, "action_draw_cover").trigger()
    for x, y in SQUARE:
        click(window, x, y)
    key(window, Qt.Key.Key_Enter)
    covers = list(window.document.scenario.cover.values())
    assert len(covers) == 1
    assert covers[0].cover == "permeable_paving"
    assert covers[0].geometry.area == 200.0
    assert len(window.site_view.site_scene.covers) == 1


def test_select_click_shift_click_and_rubber_band(make_window):
    window = make_window()
    document = window.document
    click(window, 20, 15)
    assert document.selection == ["b1"]
    click(window, 70, 20, Qt.KeyboardModifier.ShiftModifier)
    assert document.selection == ["b1", "b2"]
    click(window, 70, 20, Qt.KeyboardModifier.ShiftModifier)
    assert document.selection == ["b1"]
    click(window, 50, 45)  # empty ground clears
    assert document.selection == []
    drag(window, (5, 5), (40, 25))  # a box around b1 only
    assert document.selection == ["b1"]
    scene = window.site_view.site_scene
    assert scene.buildings["b1"].selected and not scene.buildings["b2"].selected
    drag(window, (50, 45), (85, 25), modifier=Qt.KeyboardModifier.ShiftModifier)
    assert document.selection == ["b1", "b2"]


def test_move_is_one_command_on_release(make_window):
    window = make_window()
    document = window.document
    document.set_selection(["b1"])
    window.findChild(QAction, "action_move").trigger()
    view = window.site_view
    start, end = view_point(window, 20, 15), view_point(window, 30, 25)
    frame = view.site_scene.frame
    sx, sy = frame.to_model(view.mapToScene(start))
    ex, ey = frame.to_model(view.mapToScene(end))
    drag(window, (20, 15), (30, 25))
    moved = document.scenario.buildings["b1"].footprint
    assert math.isclose(moved.bounds[0], 10 + ex - sx, abs_tol=1e-9)
    assert math.isclose(moved.bounds[1], 10 + ey - sy, abs_tol=1e-9)
    assert math.isclose(moved.area, 200.0)
    assert document.undo_stack.count() == 1
    assert window.undo_action.text() == "Undo Move building"
    item = view.site_scene.buildings["b1"]
    assert item.pos().isNull()  # the drag offset was folded into the geometry
    document.undo_stack.undo()
    assert document.scenario.buildings["b1"].footprint.equals(box(10, 10, 30, 20))


def test_rotate_quarter_turn_with_shift_steps(make_window):
    window = make_window()
    document = window.document
    document.set_selection(["b1"])  # centre (20, 15)
    window.findChild(QAction, "action_rotate").trigger()
    viewport = window.site_view.viewport()
    QTest.mousePress(
        viewport,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        view_point(window, 30, 15),
    )
    QTest.mouseMove(viewport, view_point(window, 25, 22))
    QTest.mouseRelease(
        viewport,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        view_point(window, 20.3, 25),
    )
    rotated = document.scenario.buildings["b1"].footprint
    minx, miny, maxx, maxy = rotated.bounds
    # 20 m × 10 m turned by 90° about (20, 15): 10 m × 20 m, same centre.
    assert math.isclose(maxx - minx, 10, abs_tol=1e-6)
    assert math.isclose(maxy - miny, 20, abs_tol=1e-6)
    assert math.isclose((minx + maxx) / 2, 20, abs_tol=1e-6)
    assert document.undo_stack.count() == 1


def test_edit_vertices_drag_insert_delete(make_window):
    window = make_window()
    document = window.document
    window.findChild(QAction, "action_snap_grid").setChecked(True)
    document.set_selection(["b1"])
    window.findChild(QAction, "action_edit_vertices").trigger()
    drag(window, (30, 20), (34, 24))  # the top-right corner
    footprint = document.scenario.buildings["b1"].footprint
    assert (34.0, 24.0) in list(footprint.exterior.coords)
    assert document.undo_stack.count() == 1
    double_click(window, 20, 10)  # on the bottom edge
    footprint = document.scenario.buildings["b1"].footprint
    assert len(footprint.exterior.coords) == 6  # five vertices, closed
    assert document.undo_stack.count() == 2
    QTest.mouseClick(
        window.site_view.viewport(),
        Qt.MouseButton.RightButton,
        Qt.KeyboardModifier.NoModifier,
        view_point(window, 34, 24),
    )
    footprint = document.scenario.buildings["b1"].footprint
    assert (34.0, 24.0) not in list(footprint.exterior.coords)
    assert len(footprint.exterior.coords) == 5
    assert document.undo_stack.count() == 3


def test_edit_site_boundary(make_window):
    window = make_window()
    window.findChild(QAction, "action_snap_grid").setChecked(True)
    window.findChild(QAction, "action_edit_site").trigger()
    drag(window, (100, 50), (104, 56))
    boundary = window.document.project.site.boundary
    assert (104.0, 56.0) in list(boundary.exterior.coords)
    assert window.undo_action.text() == "Undo Move vertex"


def test_wheel_zoom_keeps_the_point_under_the_cursor(make_window, qtbot):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    window = make_window()
    view = window.site_view
    before_scale = view.pixels_per_metre()
    anchor = view_point(window, 70, 20)
    event = QWheelEvent(
        QPointF(anchor),
        QPointF(view.viewport().mapToGlobal(anchor)),
        QPoint(),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.pixels_per_metre() > before_scale * 1.3
    x, y = view.site_scene.frame.to_model(view.mapToScene(anchor))
    assert math.hypot(x - 70, y - 20) < 2 / view.pixels_per_metre()


def test_middle_drag_pans(make_window):
    window = make_window()
    view = window.site_view
    view.scale_by(4.0)
    centre = view.viewport().rect().center()
    before = view.mapToScene(centre)
    drag(window, (40, 25), (45, 25), button=Qt.MouseButton.MiddleButton)
    after = view.mapToScene(centre)
    moved_m = before.x() - after.x()
    assert math.isclose(moved_m, 5, abs_tol=2 / view.pixels_per_metre())
    assert window.document.undo_stack.count() == 0


def test_zoom_to_selection_frames_it(make_window):
    window = make_window()
    window.document.set_selection(["b2"])
    window.findChild(QAction, "action_zoom_selection").trigger()
    view = window.site_view
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.site_scene.buildings["b2"].path().boundingRect())
    assert not visible.contains(view.site_scene.buildings["b1"].path().boundingRect())


def test_error_findings_outline_buildings_red(make_window):
    from mixplan.engine.findings import Evaluation, Finding
    from mixplan.ui.colors import ERROR_COLOR

    window = make_window()
    scene = window.site_view.site_scene
    evaluation = Evaluation(
        "Existing",
        {},
        {},
        [
            Finding("C13", "error", "too low", targets=("b1#0",)),
            Finding("C09", "warning", "watch", targets=("b2",)),
        ],
    )
    scene.set_evaluation(evaluation)
    (tile,) = scene.errors.items.values()
    assert tile.pen().color() == ERROR_COLOR
    assert tile.path().contains(scene.buildings["b1"].sceneBoundingRect().center())
    assert not tile.path().contains(scene.buildings["b2"].sceneBoundingRect().center())


def test_labels_show_name_and_storeys_when_zoomed_in(make_window):
    window = make_window()
    view = window.site_view
    texts = {text for text, _point, _width in view.visible_labels()}
    assert texts == {"Workshop\nR+1", "Housing\nR+1"}
    view.scale_by(0.05)  # far out: no labels
    assert view.visible_labels() == []
    view.zoom_to_site()
    window.findChild(QAction, "action_show_labels").setChecked(False)
    assert view.visible_labels() == []


def test_outlines_dropped_when_zoomed_far_out(make_window):
    """Zoomed far out the buildings are drawn by the plan's tiles (see
    test_plan_tiles), whose pen drops the outlines; zoomed in again, each item
    draws its own outline."""
    from mixplan.ui.fill_tiles import TileFill

    window = make_window()
    view = window.site_view
    item = view.site_scene.buildings["b1"]
    view.viewport().grab()  # (zoomed in, the buildings painted draw themselves)
    assert not item.tiled and item.pen().style() == Qt.PenStyle.SolidLine
    view.scale_by(0.02)
    assert item.tiled
    fills = [f for f in view.site_scene.items() if isinstance(f, TileFill)]
    assert fills and all(f.pen().style() == Qt.PenStyle.NoPen for f in fills)
    view.zoom_to_site()
    view.viewport().grab()  # (zoomed in, the buildings painted draw themselves)
    assert not item.tiled and item.pen().style() == Qt.PenStyle.SolidLine


def test_baseline_outlines_show_what_the_scenario_changed(make_window):
    from mixplan.model.commands import RemoveBuilding

    window = make_window()
    document = window.document
    document.set_scenario("S1")
    scene = window.site_view.site_scene
    assert not scene.baseline_outlines.items  # S1 is still a copy of the baseline
    document.push(RemoveBuilding("S1", "b2"))
    assert scene.baseline_outlines.items
    (tile,) = scene.baseline_outlines.items.values()
    outline = tile.path().boundingRect()
    assert outline == scene.model_rect((60, 10, 80, 30))
    document.undo_stack.undo()
    assert not scene.baseline_outlines.items


def test_edit_site_draws_a_boundary_when_there_is_none(make_window):
    from mixplan.model import Project

    window = make_window(Project.new("Empty"))
    window.findChild(QAction, "action_snap_grid").setChecked(True)
    window.site_view.fit_rect(window.site_view.site_scene.model_rect((0, 0, 100, 50)))
    window.findChild(QAction, "action_edit_site").trigger()
    assert window.site_view.tool.name == "draw_site"
    for x, y in [(10, 10), (90, 10), (90, 40), (10, 40)]:
        click(window, x, y)
    key(window, Qt.Key.Key_Return)
    site = window.document.project.site
    assert site is not None and site.boundary.area == 80 * 30
    assert window.undo_action.text() == "Undo Set site boundary"


def test_vertex_tool_picks_the_building_clicked(make_window):
    window = make_window()
    window.findChild(QAction, "action_edit_vertices").trigger()
    click(window, 70, 20)
    assert window.document.selection == ["b2"]
    assert len(window.site_view.tool.handles) == 4


def test_escape_clears_the_selection(make_window):
    window = make_window()
    click(window, 20, 15)
    assert window.document.selection == ["b1"]
    key(window, Qt.Key.Key_Escape)
    assert window.document.selection == []


def test_the_plan_paints_families_and_selection(make_window):
    """Pixel probes, not a golden image: colours at known points of the plan."""
    from PySide6.QtGui import QColor

    from mixplan.ui.colors import FAMILY_COLORS, SELECTION_COLOR

    window = make_window()
    view = window.site_view
    window.findChild(QAction, "action_show_labels").setChecked(False)

    def colour_at(x, y):
        image = view.viewport().grab().toImage()
        return QColor(image.pixel(view_point(window, x, y)))

    assert colour_at(14, 12) == FAMILY_COLORS["productive"]  # inside b1
    assert colour_at(64, 14) == FAMILY_COLORS["housing"]  # inside b2
    assert colour_at(45, 40) != FAMILY_COLORS["housing"]  # open ground
    window.document.set_selection(["b1"])
    # Compared as 8-bit RGB (QColor.lighter keeps more precision than pixels).
    lighter = FAMILY_COLORS["productive"].lighter(130).rgb()
    assert colour_at(14, 12).rgb() == lighter
    edge = view_point(window, 10, 15)  # b1's west side, drawn 2.5 px wide
    image = view.viewport().grab().toImage()
    near = [QColor(image.pixel(edge.x() + dx, edge.y())) for dx in (-1, 0, 1)]
    assert SELECTION_COLOR in near


def test_grid_is_drawn_while_grid_snapping(make_window):
    window = make_window()
    view = window.site_view
    assert view.grid_step() is None
    window.findChild(QAction, "action_snap_grid").setChecked(True)
    step = view.grid_step()
    assert step is not None and step * view.pixels_per_metre() >= 8
    view.scale_by(0.01)  # far out: no grid finer than 100 m would show
    assert view.grid_step() in (None, 100.0)


def test_the_plan_tooltip_names_the_building_and_the_cover_type(make_window):
    """Hovering shows the building's name, id, storeys and height; a cover's type in
    the user's language (not its code); nothing over empty ground."""
    from shapely.geometry import box

    from mixplan.model import GroundCover
    from mixplan.model.commands import AddCover

    window = make_window()
    view = window.site_view
    # b1 "Workshop": 5.0 m + 4.0 m = 9.0 m, R+1.
    assert view.tooltip_at(view_point(window, 20, 15)) == "“Workshop” (b1)\nR+1 · 9.0 m"
    window.document.push(
        AddCover(
            window.document.current_scenario,
            GroundCover("p1", "parking", box(40, 35, 55, 45)),
        )
    )
    assert view.tooltip_at(view_point(window, 47, 40)) == "Surface car park"
    window.actions_["action_lang_fr"].trigger()
    try:
        assert view.tooltip_at(view_point(window, 47, 40)) == (
            "Parc de stationnement en surface"
        )
        assert view.tooltip_at(view_point(window, 20, 15)) == (
            "«\u202fWorkshop\u202f» (b1)\nR+1 · 9,0 m"
        )
    finally:
        window.actions_["action_lang_en"].trigger()
    assert view.tooltip_at(view_point(window, 95, 45)) == ""
