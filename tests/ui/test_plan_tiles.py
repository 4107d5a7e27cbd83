"""Zoomed out, the plan draws its buildings a few paths a tile: same picture,
same clicks, following edits, selections and scenario switches."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QAction, QColor, QImage, QPainter, QPainterPath, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QGraphicsItem,
    QStyleOptionGraphicsItem,
    QTreeView,
)
from shapely import affinity
from shapely.geometry import box

from mixplan.model import Building, Level, Project, Site
from mixplan.model.commands import (
    AddScenario,
    RemoveBuilding,
    SetFootprint,
    SetLevelUses,
)
from mixplan.ui import fill_tiles, site_scene, site_view
from mixplan.ui.colors import ERROR_COLOR, FAMILY_COLORS, SELECTION_COLOR
from mixplan.ui.fill_tiles import TileFill
from mixplan.ui.items import Z_BUILDING, Z_SELECTED, building_brush
from mixplan.ui.site_view import AHEAD_STRIP_PX, TILES_ZOOM, ZOOM_STEP
from tests.ui.helpers import click, drag, view_point
from tests.ui.test_scale_views import grid


def grid_window(make_window, qtbot, n: int = 600):
    """The grid of ``n`` 8 m buildings (12 m apart), its scenario S shown."""
    window = make_window(grid(n))
    # (zoomed in, a building's name would be written on the pixels probed)
    window.findChild(QAction, "action_show_labels").setChecked(False)
    window.document.set_scenario("S")
    scene = window.site_view.site_scene
    qtbot.waitUntil(lambda: not scene.rebuilding and not scene.marking, timeout=10_000)
    window.site_view.zoom_to_site()
    return window


def zoom(window, qtbot, ppm: float) -> None:
    """The site's centre at ``ppm`` screen pixels per metre."""
    view = window.site_view
    view.zoom_to_site()
    view.scale_by(ppm / view.pixels_per_metre())
    qtbot.wait(1)


def picture(window, qtbot) -> QImage:
    """The plan as shown (a selection's paths are drawn in a turn of their own)."""
    fills = window.site_view.site_scene.fills
    qtbot.waitUntil(lambda: not fills.reselecting, timeout=5000)
    return window.site_view.viewport().grab().toImage()


@contextmanager
def marks_drawn(window, qtbot) -> Iterator[None]:
    """The block's edits evaluated and their error outlines drawn (else the
    findings may arrive in the middle of the pixels probed after it)."""
    yield
    engine, scene = window.live_engine, window.site_view.site_scene
    qtbot.waitUntil(lambda: engine.settled and not scene.marking, timeout=10_000)


def colour_at(window, qtbot, x: float, y: float) -> QColor:
    return QColor(picture(window, qtbot).pixel(view_point(window, x, y)))


def centre(window, building_id: str) -> tuple[float, float]:
    point = window.document.scenario.buildings[building_id].footprint.centroid
    return point.x, point.y


def family_colour(window, building_id: str) -> int:
    family = window.site_view.site_scene.buildings[building_id].family
    return FAMILY_COLORS[family].rgb()


def selected_look(window, building_id: str) -> set[int]:
    """A selected building's middle: its lighter fill, or the selection's edge
    when it is a few pixels wide."""
    family = window.site_view.site_scene.buildings[building_id].family
    return {FAMILY_COLORS[family].lighter(130).rgb(), SELECTION_COLOR.rgb()}


# Zoomed out (outlines kept, and dropped) and zoomed in (the items themselves).
OUT, FAR_OUT, IN = 0.5, 0.2, 2.0


def test_zoomed_out_the_tiles_draw_the_buildings_and_zoomed_in_the_items(
    make_window, qtbot
):
    window = grid_window(make_window, qtbot)
    scene = window.site_view.site_scene
    zoom(window, qtbot, OUT)
    assert window.site_view.pixels_per_metre() < TILES_ZOOM
    assert all(item.tiled for item in scene.buildings.values())
    fills = [item for item in scene.items() if isinstance(item, TileFill)]
    # The grid is 240 m × 360 m: 2 × 3 tiles of 150 m, one family.
    assert len(fills) == 6 and all(item.isVisible() for item in fills)
    zoom(window, qtbot, IN)
    picture(window, qtbot)  # (painted: the buildings in view draw themselves)
    view = window.site_view
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    in_view = [
        i for i in scene.buildings.values() if i.sceneBoundingRect().intersects(shown)
    ]
    assert in_view and not any(item.tiled for item in in_view)
    assert not any(
        f.isVisible() for f in fills if f.sceneBoundingRect().intersects(shown)
    )
    # Not all 600 changed at once: those far away are still drawn by their tile.
    assert any(item.tiled for item in scene.buildings.values())
    zoom(window, qtbot, OUT)
    assert all(item.tiled for item in scene.buildings.values())
    assert all(item.isVisible() for item in fills)


def test_zoomed_out_the_picture_is_the_one_the_items_draw(make_window, qtbot):
    """Selection, error outlines and the baseline's outlines included."""
    window = grid_window(make_window, qtbot)
    document = window.document
    document.push(RemoveBuilding("S", "b21"))
    moved = affinity.translate(document.scenario.buildings["b45"].footprint, 2, 0)
    document.push(SetFootprint("S", "b45", moved))
    document.push(SetLevelUses("S", "b66", 0, {"housing": 1.0}))
    document.set_selection([f"b{k}" for k in range(0, 600, 7)])
    scene = window.site_view.site_scene
    scene.set_error_ids({f"b{k}" for k in range(0, 600, 5)})
    qtbot.waitUntil(lambda: not scene.marking, timeout=5000)
    edges = 0
    for ppm in (0.7, OUT, 0.37, 0.3, 0.24, FAR_OUT, 0.13, 0.1):
        zoom(window, qtbot, ppm)
        tiled = picture(window, qtbot)
        scene.set_zoomed_out(False)  # the items at the same zoom
        edges += same_but_the_selected_edges(picture(window, qtbot), tiled)
        assert not any(item.tiled for item in scene.buildings.values())
        scene.set_zoomed_out(True)
        assert picture(window, qtbot) == tiled
    assert edges > 0  # (the selection is in the pictures compared)


def same_but_the_selected_edges(items: QImage, tiled: QImage) -> int:
    """Whether the tiles' picture is the items' but where the selected paths'
    edge is drawn (three thin passes, not Qt's 2.5 px pen: see
    ``TileFill.paint``): how many pixels differ there."""
    assert items.size() == tiled.size()
    a, b = _pixels(items), _pixels(tiled)
    edge = SELECTION_COLOR.rgb() & 0xFFFFFF
    differ = a != b
    assert ((a[differ] == edge) | (b[differ] == edge)).all()
    return int(differ.sum())


def _pixels(image: QImage) -> np.ndarray:
    """Each pixel's RGB as one integer, by row."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint32).reshape(
        image.height(), image.bytesPerLine() // 4
    )
    return rows[:, : image.width()] & 0xFFFFFF


def test_a_click_selects_a_building_and_shows_it_at_both_zooms(make_window, qtbot):
    window = grid_window(make_window, qtbot)
    x, y = centre(window, "b310")  # the middle of the site: in view zoomed in
    for ppm in (OUT, IN):
        zoom(window, qtbot, ppm)
        window.document.set_selection([])
        assert colour_at(window, qtbot, x, y).rgb() == family_colour(window, "b310")
        click(window, x, y)
        assert window.document.selection == ["b310"]
        assert colour_at(window, qtbot, x, y).rgb() in selected_look(window, "b310")
        window.document.set_selection([])
        assert colour_at(window, qtbot, x, y).rgb() == family_colour(window, "b310")


def test_a_group_selected_shows_at_both_zooms(make_window, qtbot):
    window = grid_window(make_window, qtbot)
    group = [f"b{k}" for k in range(300)]  # the southern half
    for ppm in (OUT, IN):
        zoom(window, qtbot, ppm)
        window.document.set_selection(group)
        shown = picture(window, qtbot)
        for building_id in ("b150", "b169", "b270", "b330", "b349", "b450"):
            x, y = centre(window, building_id)
            pixel = QColor(shown.pixel(view_point(window, x, y))).rgb()
            if building_id in group:
                assert pixel in selected_look(window, building_id)
            else:
                assert pixel == family_colour(window, building_id)
        window.document.set_selection([])
        x, y = centre(window, "b150")
        assert colour_at(window, qtbot, x, y).rgb() == family_colour(window, "b150")


def test_the_selection_edge_is_drawn_zoomed_out(make_window, qtbot):
    window = grid_window(make_window, qtbot)
    zoom(window, qtbot, OUT)
    window.document.set_selection(["b47"])
    x, y = centre(window, "b47")
    edge = view_point(window, x - 4, y)  # the west side, drawn 2.5 px wide
    image = picture(window, qtbot)
    near = [QColor(image.pixel(edge.x() + dx, edge.y())) for dx in (-1, 0, 1)]
    assert SELECTION_COLOR in near


def test_an_edit_is_drawn_at_both_zooms(make_window, qtbot):
    window = grid_window(make_window, qtbot)
    document = window.document
    for ppm, building_id in ((OUT, "b310"), (IN, "b309")):
        zoom(window, qtbot, ppm)
        x, y = centre(window, building_id)
        before = colour_at(window, qtbot, x, y)
        assert before.rgb() == family_colour(window, building_id)
        # Another family: another colour.
        document.push(SetLevelUses("S", building_id, 0, {"office": 1.0}))
        document.push(SetLevelUses("S", building_id, 1, {"office": 1.0}))
        assert colour_at(window, qtbot, x, y).rgb() == family_colour(
            window, building_id
        )
        assert colour_at(window, qtbot, x, y) != before
        # Moved 4 m north, into the gap: drawn there, no longer where it was.
        footprint = document.scenario.buildings[building_id].footprint
        with marks_drawn(window, qtbot):
            document.push(
                SetFootprint("S", building_id, affinity.translate(footprint, 0, 4))
            )
        assert colour_at(window, qtbot, x, y - 2).rgb() != family_colour(
            window, building_id
        )
        assert colour_at(window, qtbot, x, y + 4).rgb() == family_colour(
            window, building_id
        )


def test_a_scenario_switch_is_drawn_zoomed_out(make_window, qtbot):
    window = grid_window(make_window, qtbot)
    document = window.document
    document.push(RemoveBuilding("S", "b47"))
    zoom(window, qtbot, OUT)
    x, y = centre(window, "b48")
    x -= 12  # where b47 was
    ground = colour_at(window, qtbot, x, y)
    assert ground.rgb() != FAMILY_COLORS["productive"].rgb()
    scene = window.site_view.site_scene
    document.set_scenario("Existing")
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=5000)
    assert scene.buildings["b47"].tiled
    assert colour_at(window, qtbot, x, y).rgb() == family_colour(window, "b47")
    document.set_scenario("S")
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=5000)
    assert colour_at(window, qtbot, x, y) == ground


def test_rubber_band_and_move_tool_zoomed_out(make_window, qtbot):
    window = grid_window(make_window, qtbot)
    document = window.document
    zoom(window, qtbot, OUT)
    # A rubber band from a gap around b0, b1, b20 and b21.
    drag(window, (-3, -3), (16, 16))
    assert sorted(document.selection) == ["b0", "b1", "b20", "b21"]
    document.set_selection(["b47"])
    x, y = centre(window, "b47")
    colour = selected_look(window, "b47")
    view = window.site_view
    view.set_tool("move")
    viewport = view.viewport()
    start = view_point(window, x, y)
    left, no_key = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(viewport, left, no_key, start)
    # 4 m north, into the gap (further, it would overlap b67: error outlines
    # drawn over the pixels probed once the findings arrive).
    end = view_point(window, x, y + 4)
    QTest.mouseMove(viewport, QPoint(start.x(), (start.y() + end.y()) // 2))
    QTest.mouseMove(viewport, end)
    qtbot.wait(1)
    # Dragged: drawn where it goes, not where it was.
    assert colour_at(window, qtbot, x, y + 4).rgb() in colour
    assert colour_at(window, qtbot, x, y - 2).rgb() not in colour
    with marks_drawn(window, qtbot):
        QTest.mouseRelease(viewport, left, no_key, end)
    moved = document.scenario.buildings["b47"].footprint.centroid
    assert abs(moved.y - (y + 4)) < 0.01 * 12 / view.pixels_per_metre() + 1
    qtbot.wait(1)
    assert colour_at(window, qtbot, x, moved.y).rgb() in colour
    assert colour_at(window, qtbot, x, y - 2).rgb() not in colour


def test_a_phase_of_the_works_zoomed_out_looks_as_the_items_draw_it(make_window, qtbot):
    """Buildings not yet delivered are faint, the selected ones too."""
    window = grid_window(make_window, qtbot)
    scene = window.site_view.site_scene
    delivered = {f"b{k}" for k in range(300)}
    scene.show_as_at_phase(delivered, [])
    window.document.set_selection(["b10", "b410", "b411"])  # one delivered
    zoom(window, qtbot, OUT)
    # (faint: drawn by the item, translucent strokes would not overlap as one)
    assert scene.buildings["b10"].tiled and not scene.buildings["b410"].tiled
    tiled = picture(window, qtbot)
    scene.set_zoomed_out(False)
    same_but_the_selected_edges(picture(window, qtbot), tiled)
    scene.set_zoomed_out(True)
    window.document.set_selection(["b412"])
    tiled = picture(window, qtbot)
    scene.set_zoomed_out(False)
    assert picture(window, qtbot) == tiled
    scene.set_zoomed_out(True)
    scene.show_as_at_phase(None, [])  # the final plan
    tiled = picture(window, qtbot)
    scene.set_zoomed_out(False)
    same_but_the_selected_edges(picture(window, qtbot), tiled)


def same_picture_as_the_items(window, qtbot) -> bool:
    """Whether the tiles (zoomed out) draw what the items would draw themselves."""
    scene = window.site_view.site_scene
    tiled = picture(window, qtbot)
    scene.set_zoomed_out(False)
    drawn = picture(window, qtbot)
    scene.set_zoomed_out(True)
    same_but_the_selected_edges(drawn, tiled)
    return True


def test_select_all_clear_and_duplicate_with_keys_zoomed_out(make_window, qtbot):
    window = grid_window(make_window, qtbot)
    document, view = window.document, window.site_view
    scene = view.site_scene
    zoom(window, qtbot, OUT)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.setFocus()
    probes = ("b0", "b310", "b599")
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert document.selection == list(document.scenario.buildings)
    assert len(document.selection) == 600
    assert all(item.selected and item.tiled for item in scene.buildings.values())
    for building_id in probes:
        assert colour_at(
            window, qtbot, *centre(window, building_id)
        ).rgb() in selected_look(window, building_id)
    assert same_picture_as_the_items(window, qtbot)
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert document.selection == []
    for building_id in probes:
        x, y = centre(window, building_id)
        assert colour_at(window, qtbot, x, y).rgb() == family_colour(
            window, building_id
        )
    # A box around b0, b1, b20 and b21, duplicated: the copies 5 m east and 5 m
    # south, selected (and drawn so), the originals no longer selected.
    drag(window, (-3, -3), (16, 16))
    assert sorted(document.selection) == ["b0", "b1", "b20", "b21"]
    # The copies overlap their originals: error outlines are drawn over them
    # once the findings arrive (4 px wide at this zoom, all red): probed after,
    # a little closer (still tiled), their fill has the selected look and
    # nowhere the plain one.
    with marks_drawn(window, qtbot):
        QTest.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=5000)
    buildings = document.scenario.buildings
    copies = document.selection
    assert len(buildings) == 604 and len(copies) == 4
    assert not set(copies) & {"b0", "b1", "b20", "b21"}
    assert set(copies) <= scene.error_ids
    zoom(window, qtbot, 0.75)
    assert view.pixels_per_metre() < TILES_ZOOM
    shown = picture(window, qtbot)
    for copy, original in zip(copies, ("b0", "b1", "b20", "b21"), strict=True):
        x0, y0, x1, y1 = buildings[original].footprint.bounds
        assert buildings[copy].footprint.bounds == (x0 + 5, y0 - 5, x1 + 5, y1 - 5)
        inside = {
            QColor(shown.pixel(view_point(window, x0 + 5 + dx, y0 - 5 + dy))).rgb()
            for dx in range(1, 8)
            for dy in range(1, 8)
        }
        assert inside & selected_look(window, copy)
        assert family_colour(window, copy) not in inside
        assert not scene.buildings[original].selected
    assert same_picture_as_the_items(window, qtbot)
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=5000)
    assert len(document.scenario.buildings) == 600
    assert same_picture_as_the_items(window, qtbot)


def test_zoomed_out_a_selected_building_is_first_under_the_cursor(make_window, qtbot):
    window = grid_window(make_window, qtbot)
    document = window.document
    # b1 moved 8 m west: it covers the eastern half of b0 (and is above it,
    # made after it).
    footprint = document.scenario.buildings["b1"].footprint
    document.push(SetFootprint("S", "b1", affinity.translate(footprint, -8, 0)))
    zoom(window, qtbot, OUT)
    x, y = centre(window, "b0")
    overlap = (x + 2, y)
    click(window, *overlap)
    assert document.selection == ["b1"]
    click(window, x - 3, y)  # b0 alone
    assert document.selection == ["b0"]
    click(window, *overlap)  # the selected one first
    assert document.selection == ["b0"]
    assert window.site_view.site_scene.buildings["b0"].tiled
    QTest.keyClick(window.site_view, Qt.Key.Key_Escape)
    click(window, *overlap)
    assert document.selection == ["b1"]


def largest_group(window, qtbot) -> tuple[list[str], QModelIndex]:
    """The findings group of the most buildings shown (once the scenario's
    findings are evaluated and grouped), the findings dock raised."""
    window.findChild(QDockWidget, "dock_findings").raise_()
    panel = window.panel("dock_findings")
    shown_ids = window.document.scenario.buildings

    def largest() -> tuple[list[str], QModelIndex]:
        groups = [
            ([b for b in panel.model.buildings_of(g) if b in shown_ids], g)
            for g in panel.group_rows()
        ]
        return max(groups, key=lambda found: len(found[0]), default=([], None))

    qtbot.waitUntil(lambda: len(largest()[0]) > 1, timeout=10_000)
    return largest()


def click_row(window, group: QModelIndex) -> None:
    """A click on the group's row of the findings tree."""
    tree = window.findChild(QTreeView, "findings_tree")
    tree.scrollTo(group)
    QTest.mouseClick(
        tree.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        tree.visualRect(group).center(),
    )


def test_a_click_on_a_findings_group_selects_frames_and_draws_it(make_window, qtbot):
    window = grid_window(make_window, qtbot)
    document, view = window.document, window.site_view
    ids, group = largest_group(window, qtbot)
    zoom(window, qtbot, FAR_OUT)
    click_row(window, group)
    assert document.selection == ids
    shown = picture(window, qtbot)  # (framed in the turn drawing the selection)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.site_scene.buildings_rect(ids))
    assert view.pixels_per_metre() != FAR_OUT
    for building_id in (ids[0], ids[len(ids) // 2], ids[-1]):
        x, y = centre(window, building_id)
        pixel = QColor(shown.pixel(view_point(window, x, y))).rgb()
        assert pixel in selected_look(window, building_id)
    if view.pixels_per_metre() < TILES_ZOOM:
        assert same_picture_as_the_items(window, qtbot)


def test_select_all_zoomed_out_restacks_no_item_and_clicks_hit_the_selected_first(
    make_window, qtbot
):
    """Where two buildings overlap, a click zoomed out hits the selected one
    first; zoomed in, it is raised and drawn on top. Ctrl+A zoomed out:
    the tiles draw the selection and no item is raised (10,000 items restacked
    were most of its turn at 10k); zoomed in, those in view are."""
    window = grid_window(make_window, qtbot)
    document, view = window.document, window.site_view
    scene = view.site_scene
    # b1 moved 6 m west covers b0's east edge (x 6 to 8), above it.
    moved = affinity.translate(document.scenario.buildings["b1"].footprint, -6, 0)
    document.push(SetFootprint("S", "b1", moved))
    overlap, b0_only = (7.0, 4.0), (2.0, 4.0)
    inspector = window.panel("dock_inspector")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    zoom(window, qtbot, OUT)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Escape)
    click(window, *overlap)
    assert document.selection == ["b1"]  # (on top)
    # (a band from afar: a click by the last would make a double click)
    drag(window, (-4.5, 11.0), b0_only)
    assert document.selection == ["b0"]
    assert inspector.name_edit.text() == "B 0"
    click(window, *overlap)
    assert document.selection == ["b0"]  # the selected one first
    zoom(window, qtbot, IN)
    view.centerOn(scene.frame.to_scene(*overlap))
    picture(window, qtbot)  # (painted: the buildings in view draw themselves)
    assert scene.buildings["b0"].zValue() == Z_SELECTED
    assert scene.buildings["b1"].zValue() == Z_BUILDING
    x, y = centre(window, "b0")
    assert colour_at(window, qtbot, x, y).rgb() in selected_look(window, "b0")
    zoom(window, qtbot, OUT)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(document.selection) == 600
    assert inspector.name_edit.text() == "B 0"
    items = scene.buildings.values()
    assert all(i.selected and i.tiled and i.zValue() == Z_BUILDING for i in items)
    x, y = centre(window, "b310")
    assert colour_at(window, qtbot, x, y).rgb() in selected_look(window, "b310")
    click(window, *overlap)
    assert document.selection == ["b1"]  # (both selected: the one on top)
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    zoom(window, qtbot, IN)
    picture(window, qtbot)  # (painted: the buildings in view draw themselves)
    drawn = [i for i in items if not i.tiled]
    assert drawn and all(i.zValue() == Z_SELECTED for i in drawn)
    assert all(i.pen().widthF() == 2.5 for i in drawn)  # the selection's edge
    zoom(window, qtbot, OUT)
    assert all(i.tiled and i.zValue() == Z_BUILDING for i in items)


def test_select_all_makes_its_paths_a_turn_before_the_repaint_shows_them(
    make_window, qtbot
):
    """The selected paths of Ctrl+A are joined in a turn of their own, hidden,
    and shown in the next one with the repaint (at 10k each was 12-19 ms)."""
    window = grid_window(make_window, qtbot)
    view = window.site_view
    fills = view.site_scene.fills
    zoom(window, qtbot, OUT)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.setFocus()
    x, y = centre(window, "b310")

    def staged_seen() -> bool:
        """Ctrl+A, then a turn at a time (waitUntil's waits may run both turns
        at once): whether the paths were seen made but not yet shown."""
        QTest.keyClick(view, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not fills.reselecting, timeout=5000)
        QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        while fills.reselecting:
            QApplication.processEvents()
            if fills._staged is not None:
                return True
        return False

    # (a loaded machine may run both turns in one go now and then)
    assert any(staged_seen() for _ in range(20))
    assert fills._staged and not any(f.isVisible() for f in fills._staged.values())
    before = view.viewport().grab().toImage()
    assert QColor(before.pixel(view_point(window, x, y))).rgb() == family_colour(
        window, "b310"
    )
    assert colour_at(window, qtbot, x, y).rgb() in selected_look(window, "b310")
    assert fills._staged is None
    assert all(f.isVisible() for f in fills.selection.values())
    assert same_picture_as_the_items(window, qtbot)


def test_a_findings_group_cleared_at_once_is_framed_and_drawn_unselected(
    make_window, qtbot
):
    """A group clicked, then Esc before the selected paths' turn: the group is
    framed, nothing is drawn selected, and no selected path is left behind."""
    window = grid_window(make_window, qtbot)
    document, view = window.document, window.site_view
    fills = view.site_scene.fills
    ids, group = largest_group(window, qtbot)
    zoom(window, qtbot, FAR_OUT)
    document.set_selection(["b0", "b599"])  # (drawn: paths to take away)
    qtbot.waitUntil(lambda: not fills.reselecting, timeout=5000)
    click_row(window, group)
    assert document.selection == ids
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert document.selection == []
    shown = picture(window, qtbot)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.site_scene.buildings_rect(ids))
    selected_paths = [
        item
        for item in view.site_scene.items()
        if isinstance(item, TileFill) and item.zValue() == Z_SELECTED
    ]
    assert all(item.path().isEmpty() for item in selected_paths)
    x, y = centre(window, ids[0])
    assert QColor(shown.pixel(view_point(window, x, y))).rgb() not in selected_look(
        window, ids[0]
    )
    if view.pixels_per_metre() < TILES_ZOOM:
        assert same_picture_as_the_items(window, qtbot)


def test_a_switch_placing_its_buildings_in_steps_follows_edits_meanwhile(
    make_window, qtbot, monkeypatch
):
    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)  # a step a slice
    monkeypatch.setattr(fill_tiles, "PLACED_A_STEP", 50)  # 12 steps for 600
    window = grid_window(make_window, qtbot)
    document = window.document
    scene = window.site_view.site_scene
    zoom(window, qtbot, OUT)
    document.set_scenario("Existing")
    qtbot.waitUntil(lambda: scene.fills.drawing, timeout=5000)
    assert scene.fills._unplaced  # (placing, not yet drawing tiles)
    footprint = document.scenario.buildings["b310"].footprint
    moved = affinity.translate(footprint, 0, 2)  # (into the gap: no overlap)
    document.push(SetFootprint("Existing", "b310", moved))
    document.push(RemoveBuilding("Existing", "b47"))
    qtbot.waitUntil(lambda: not scene.rebuilding and not scene.marking, timeout=10_000)
    assert "b47" not in scene.buildings
    assert same_picture_as_the_items(window, qtbot)
    x, y = centre(window, "b310")
    assert colour_at(window, qtbot, x, y).rgb() == family_colour(window, "b310")


def overlaps_marked(window, qtbot) -> None:
    """Four buildings moved 6 m west over their neighbours, across the grid:
    errors, outlined red (the outlines' tiles keep pictures zoomed out)."""
    document = window.document
    errors = window.site_view.site_scene.errors
    for k in (21, 170, 330, 578):
        footprint = document.scenario.buildings[f"b{k}"].footprint
        moved = affinity.translate(footprint, -6, 0)
        document.push(SetFootprint("S", f"b{k}", moved))
    overlapping = {f"b{k}" for k in (20, 21, 169, 170, 329, 330, 577, 578)}
    qtbot.waitUntil(
        lambda: overlapping <= errors.outlined() and not errors.drawing,
        timeout=10_000,
    )


class Paints(QObject):
    """The viewport's paint events: the area painted, the zoom, and whether
    the selected paths were shown."""

    def __init__(self, view) -> None:
        super().__init__()
        self.view = view
        self.seen: list[tuple[QRect, float, bool]] = []
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            fills = self.view.site_scene.fills
            shown = any(f.isVisible() for f in fills.selection.values())
            self.seen.append((event.rect(), self.view.pixels_per_metre(), shown))
        return False

    def whole(self, ppm: float) -> list[int]:
        """Which of them painted the whole viewport at zoom ``ppm``."""
        whole = self.view.viewport().rect()
        return [k for k, (r, z, _) in enumerate(self.seen) if z == ppm and r == whole]

    def shown_after_drawn_ahead(self, qtbot) -> float:
        """Waits for the view to show its new zoom; checks that strips
        covering the viewport were drawn ahead at it, with no selected path,
        before one whole repaint. The new zoom."""
        view = self.view
        qtbot.waitUntil(
            lambda: (
                not view.drawing_ahead and bool(self.whole(view.pixels_per_metre()))
            ),
            timeout=5000,
        )
        framed = view.pixels_per_metre()
        first_whole = self.whole(framed)[0]
        ahead = [p for p in self.seen[:first_whole] if p[1] == framed]
        assert sum(rect.width() for rect, _, _ in ahead) == view.viewport().width()
        assert all(rect.width() <= AHEAD_STRIP_PX for rect, _, _ in ahead)
        assert not any(selection_shown for _, _, selection_shown in ahead)
        return framed


def test_a_findings_group_is_shown_framed_once_its_outline_pictures_are_drawn(
    make_window, qtbot
):
    """Zoomed out, the outlines' pictures at the group's new zoom are drawn
    ahead, a strip of the viewport at a time with the selected paths held out
    (each strip would draw them whole); then one repaint shows the plan framed,
    selected, and as the outlines drawn anew show it."""
    window = grid_window(make_window, qtbot)
    document, view = window.document, window.site_view
    overlaps_marked(window, qtbot)
    ids, group = largest_group(window, qtbot)
    zoom(window, qtbot, FAR_OUT)
    picture(window, qtbot)
    paints = Paints(view)
    click_row(window, group)
    assert document.selection == ids
    framed = paints.shown_after_drawn_ahead(qtbot)
    assert FAR_OUT < framed < TILES_ZOOM
    assert paints.seen[paints.whole(framed)[0]][2]  # (shown with the selection)
    shown = picture(window, qtbot)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.site_scene.buildings_rect(ids))
    for building_id in (ids[0], ids[len(ids) // 2], ids[-1]):
        x, y = centre(window, building_id)
        pixel = QColor(shown.pixel(view_point(window, x, y))).rgb()
        assert pixel in selected_look(window, building_id)
    assert same_picture_as_the_items(window, qtbot)  # (drawn with no picture kept)


def test_a_wheel_or_a_click_while_a_group_is_drawn_ahead_is_shown_at_once(
    make_window, qtbot, monkeypatch
):
    """The plan framed on a findings group waits for its pictures; a wheel
    turned (or a click on the plan) meanwhile ends the wait: it zooms from the
    group's frame (selects where the plan is framed), with the selection shown."""
    monkeypatch.setattr(site_view, "AHEAD_SLICE_S", 0.0)  # a strip a turn
    window = grid_window(make_window, qtbot)
    document, view = window.document, window.site_view
    fills = view.site_scene.fills
    overlaps_marked(window, qtbot)
    ids, group = largest_group(window, qtbot)
    viewport = view.viewport()
    for turn in ("wheel", "click"):
        zoom(window, qtbot, FAR_OUT)
        picture(window, qtbot)
        click_row(window, group)
        while fills.reselecting and not view.drawing_ahead:
            QApplication.processEvents()
        assert view.drawing_ahead
        framed = view.pixels_per_metre()
        assert not any(f.isVisible() for f in fills.selection.values())
        if turn == "wheel":
            centre_px = QPointF(viewport.rect().center())
            wheel = QWheelEvent(
                centre_px,
                QPointF(viewport.mapToGlobal(centre_px)),
                QPoint(),
                QPoint(0, 120),
                Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
                Qt.ScrollPhase.NoScrollPhase,
                False,
            )
            QApplication.sendEvent(viewport, wheel)
            assert abs(view.pixels_per_metre() / (framed * ZOOM_STEP**120) - 1) < 1e-9
            assert document.selection == ids
        else:
            click(window, *centre(window, "b310"))
            assert document.selection == ["b310"]
        assert not view.drawing_ahead
        shown = picture(window, qtbot)
        assert all(f.isVisible() for f in fills.selection.values())
        x, y = centre(window, document.selection[-1])
        pixel = QColor(shown.pixel(view_point(window, x, y))).rgb()
        assert pixel in selected_look(window, document.selection[-1])
        assert same_picture_as_the_items(window, qtbot)


def test_zoom_to_a_selection_of_many_draws_the_pictures_ahead(make_window, qtbot):
    """Ctrl+2 on all 600 selected, zoomed in: the new zoom is zoomed out, and
    shown once the outlines' pictures at it are drawn, with the selection."""
    window = grid_window(make_window, qtbot)
    document, view = window.document, window.site_view
    overlaps_marked(window, qtbot)
    zoom(window, qtbot, IN)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(document.selection) == 600
    picture(window, qtbot)
    paints = Paints(view)
    QTest.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    framed = paints.shown_after_drawn_ahead(qtbot)
    assert framed < TILES_ZOOM
    shown = picture(window, qtbot)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.site_scene.selection_rect())
    for building_id in ("b0", "b310", "b599"):
        x, y = centre(window, building_id)
        pixel = QColor(shown.pixel(view_point(window, x, y))).rgb()
        assert pixel in selected_look(window, building_id)
    assert same_picture_as_the_items(window, qtbot)


def apart(count: int, spacing: float) -> Project:
    """``count`` 8 m buildings in a row, ``spacing`` metres apart (scenario S)."""
    project = Project.new("Apart")
    project.site = Site(box(-5, -5, (count - 1) * spacing + 13, 13))
    for k in range(count):
        x = k * spacing
        project.baseline.buildings[f"b{k}"] = Building(
            f"b{k}", f"B {k}", box(x, 0, x + 8, 8), (Level.of(4.0, "craft"),)
        )
    AddScenario("S").apply(project)
    return project


def test_zoomed_out_the_selection_keeps_its_picture_while_small_on_screen(
    make_window, qtbot
):
    """Ctrl+A zoomed out: the selected paths keep their pictures (a repaint
    copies them: at 10k it stroked 9,167 selected outlines, ~35 ms of each
    repaint), up to 1024 px a side; the plan looks as the items draw it."""
    window = make_window(apart(3, 650.0))  # 1,308 m from end to end
    window.findChild(QAction, "action_show_labels").setChecked(False)
    window.document.set_scenario("S")
    view, fills = window.site_view, window.site_view.site_scene.fills
    qtbot.waitUntil(lambda: not view.site_scene.rebuilding, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    cached = QGraphicsItem.CacheMode.DeviceCoordinateCache
    for ppm, kept in ((0.5, True), (0.7, True), (0.79, False), (0.5, True)):
        # 1,308 m plus the strokes' margin (4-16 px each side): 654-686 px,
        # 916-948 px, 1,033-1,065 px
        zoom(window, qtbot, ppm)
        view.setFocus()
        QTest.keyClick(view, Qt.Key.Key_Escape)
        QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        shown = picture(window, qtbot)
        assert fills.selection
        assert [f.cacheMode() == cached for f in fills.selection.values()] == [kept]
        x, y = centre(window, "b1")  # (in the middle: in view)
        pixel = QColor(shown.pixel(view_point(window, x, y))).rgb()
        assert pixel in selected_look(window, "b1")
        assert same_picture_as_the_items(window, qtbot)
    zoom(window, qtbot, IN)  # (hidden: no picture kept)
    assert not any(f.isVisible() for f in fills.selection.values())
    assert all(f.cacheMode() != cached for f in fills.selection.values())


def test_outlines_over_many_tiles_are_drawn_in_slices(make_window, qtbot):
    """Error outlines changing in up to 32 tiles are drawn at once; in more
    (a whole-park edit's findings at 10k: 300-400 tiles, 60-90 ms), in slices
    while the plan answers. Either way they end as the items draw them."""
    window = make_window(apart(40, 150.0))  # a tile each
    window.findChild(QAction, "action_show_labels").setChecked(False)
    window.document.set_scenario("S")
    view = window.site_view
    scene = view.site_scene
    qtbot.waitUntil(
        lambda: window.live_engine.settled and not scene.marking, timeout=10_000
    )
    view.zoom_to_site()  # (all in view, zoomed out)
    assert view.pixels_per_metre() < TILES_ZOOM
    picture(window, qtbot)
    assert not scene.error_ids
    for count, sliced in ((32, False), (0, False), (33, True), (40, False)):
        # (33 -> 40: the 7 changed at once; 32 and 33 from none)
        scene.set_error_ids({f"b{k}" for k in range(count)})
        assert scene.marking == sliced
        qtbot.waitUntil(lambda: not scene.marking, timeout=5000)
        assert scene.errors.outlined() == scene.error_ids
        assert len(scene.errors.items) == count
        shown = picture(window, qtbot)
        if count:
            x, y = centre(window, f"b{count - 1}")  # (under 1 px: the stroke's)
            pixel = QColor(shown.pixel(view_point(window, x, y))).rgb()
            assert pixel == QColor(ERROR_COLOR).rgb()
        assert same_picture_as_the_items(window, qtbot)


def _painted(fill: TileFill, antialiased: bool = False) -> QImage:
    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)
    fill.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    return image


def test_a_selected_path_s_wide_edge_is_three_pixels_across():
    fill = TileFill("housing", selected=True, outlined=True)
    path = QPainterPath()
    path.addRect(10, 10, 20, 20)  # pixels 10..30 (no transform)
    fill.setPath(path)
    assert fill.pen().widthF() == 2.5  # (its bounds and hit tests as before)
    image = _painted(fill)
    edge = SELECTION_COLOR.rgb()
    inside = building_brush("housing", True).color().rgb()
    white = QColor("white").rgb()
    row = [image.pixel(x, 20) for x in range(6, 35)]
    # The left edge at x = 10: a thin line there and one pixel either side.
    assert row[:3] == [white] * 3  # x 6..8
    assert row[3:6] == [edge] * 3  # x 9..11
    assert row[6] == inside  # x 12
    # The right edge at x = 30: 29..31.
    assert row[22] == inside  # x 28
    assert row[23:26] == [edge] * 3  # x 29..31
    assert row[26] == white  # x 32
    column = [image.pixel(20, y) for y in range(8, 13)]
    assert column == [white, edge, edge, edge, inside]  # y 8..12
    # Antialiased (zoomed in), Qt's own wide pen: not three whole pixels.
    smooth = _painted(fill, antialiased=True)
    assert [smooth.pixel(x, 20) for x in (9, 10, 11)] != [edge] * 3
