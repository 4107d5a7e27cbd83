"""The massing view: pixel probes on a real rendering (no golden images)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from shapely.geometry import box

from mixplan.model import Building, Level, Project, Site
from mixplan.model.commands import SetLevelUses
from mixplan.report.palette import use_colour
from mixplan.ui.document import ProjectDocument
from mixplan.ui.massing import MassingView


def hue_of(view: MassingView, point) -> float:
    image = view.grab().toImage()
    colour = QColor(image.pixel(round(point.x()), round(point.y())))
    return colour.hueF() * 360


def hue_distance(a: float, b: float) -> float:
    d = abs(a - b) % 360
    return min(d, 360 - d)


def expected_hue(code: str) -> float:
    return QColor(use_colour(code)).hueF() * 360


def assert_shows(view, point, code, others=("housing", "craft")):
    hue = hue_of(view, point)
    distances = {c: hue_distance(hue, expected_hue(c)) for c in {code, *others}}
    assert min(distances, key=distances.get) == code, (hue, distances)
    assert distances[code] < 12


@pytest.fixture
def document(qapp) -> ProjectDocument:
    project = Project.new("Massing")
    project.site = Site(box(-10, -10, 60, 50))
    # A productive ground floor (5.5 m) under four storeys of housing (2.9 m).
    project.baseline.buildings["mixed"] = Building(
        "mixed",
        "Mixed",
        box(0, 0, 40, 10),
        (
            Level.of(5.5, "craft", load_kn_m2=10.0, access="street"),
            *(Level.of(2.9, "housing") for _ in range(4)),
        ),
    )
    return ProjectDocument(project)


@pytest.fixture
def view(qtbot, document) -> MassingView:
    widget = MassingView(document, None)
    qtbot.addWidget(widget)
    widget.resize(600, 450)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_housing_is_drawn_above_the_productive_ground_floor(view):
    # The south wall (y = 0) faces the viewer: probe it mid-storey.
    ground = view.project_point(20, 0, 5.5 / 2)
    housing = view.project_point(20, 0, 5.5 + 2.9 * 1.5)
    assert housing.y() < ground.y()  # higher on screen
    assert_shows(view, ground, "craft")
    assert_shows(view, housing, "housing")


def test_the_roof_is_drawn_and_the_sky_above_it_is_empty(view):
    roof = view.project_point(20, 5, 5.5 + 4 * 2.9)  # middle of the top face
    assert_shows(view, roof, "housing")
    sky = view.project_point(20, 5, 5.5 + 4 * 2.9 + 8)
    image = view.grab().toImage()
    # Above the roof: the pale ground of the site behind, no use colour.
    assert QColor(image.pixel(round(sky.x()), round(sky.y()))).saturationF() < 0.15


def test_a_near_building_hides_a_taller_one_behind_it(view, document):
    # Painter's algorithm: the tall housing block north of the shed is drawn first.
    document.project.baseline.buildings["tall"] = Building(
        "tall",
        "Tall",
        box(0, 20, 40, 30),
        tuple(Level.of(3.0, "housing") for _ in range(10)),
    )
    document.project.baseline.buildings["mixed"] = Building(
        "mixed",
        "Shed",
        box(0, 0, 40, 10),
        (Level.of(6.0, "craft", load_kn_m2=10.0, access="street"),),
    )
    view.rebuild()
    front = view.project_point(20, 0, 3.0)
    behind = view.project_point(20, 25, 0)  # on the ground behind the shed
    # The back block's foot projects behind the shed's wall…
    assert view.building_at(front) == "mixed"
    assert_shows(view, front, "craft")
    # …and the part of it that rises above the shed shows.
    above = view.project_point(20, 0, 20.0)
    assert view.building_at(above) == "tall"
    assert_shows(view, above, "housing")
    assert behind.y() < front.y()


def test_an_edit_and_its_undo_recolour_the_storey(view, document):
    ground = view.project_point(20, 0, 2.75)
    document.push(SetLevelUses("Existing", "mixed", 0, {"retail": 1.0}))
    assert_shows(view, ground, "retail", others=("craft", "housing", "retail"))
    document.undo_stack.undo()
    assert_shows(view, ground, "craft")


def test_clicks_select_and_the_view_follows_the_selection(view, document, qtbot):
    point = view.project_point(20, 0, 8.0).toPoint()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=point)
    assert document.selection == ["mixed"]
    # The selected building is outlined in the selection colour.
    image = view.grab().toImage()
    corner = view.project_point(0, 10, 5.5 + 4 * 2.9)  # on the silhouette
    blues = [
        QColor(image.pixel(round(corner.x()) + dx, round(corner.y()) + dy))
        for dx in (-1, 0, 1)
        for dy in (-1, 0, 1)
    ]
    assert any(c.blue() > 180 and c.red() < 90 for c in blues)
    empty = view.project_point(55, 45, 0).toPoint()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=empty)
    assert document.selection == []


def test_an_empty_scenario_renders(qtbot, qapp):
    document = ProjectDocument(Project.new("Empty"))
    widget = MassingView(document, None)
    qtbot.addWidget(widget)
    widget.resize(300, 200)
    assert not widget.grab().isNull()


def test_wheel_zooms_around_the_cursor_and_a_drag_pans(view, document):
    from PySide6.QtCore import QEvent, QPoint, QPointF
    from PySide6.QtGui import QMouseEvent, QWheelEvent
    from PySide6.QtWidgets import QApplication

    anchor = view.project_point(20, 0, 5.0)
    before = view.project_point(40, 10, 0)
    wheel = QWheelEvent(
        anchor,
        view.mapToGlobal(anchor),
        QPoint(),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, wheel)
    # The point under the cursor stays put; others move away from it.
    assert view.project_point(20, 0, 5.0).x() == pytest.approx(anchor.x(), abs=1e-6)
    assert view.project_point(20, 0, 5.0).y() == pytest.approx(anchor.y(), abs=1e-6)
    after = view.project_point(40, 10, 0)
    assert (after - anchor).manhattanLength() > (before - anchor).manhattanLength()

    def mouse(kind, pos, buttons):
        return QMouseEvent(
            kind,
            QPointF(pos),
            view.mapToGlobal(QPointF(pos)),
            Qt.MouseButton.LeftButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )

    start = view.project_point(20, 0, 5.0)
    left = Qt.MouseButton.LeftButton
    QApplication.sendEvent(view, mouse(QEvent.Type.MouseButtonPress, start, left))
    QApplication.sendEvent(
        view, mouse(QEvent.Type.MouseMove, start + QPointF(30, 10), left)
    )
    QApplication.sendEvent(
        view,
        mouse(
            QEvent.Type.MouseButtonRelease,
            start + QPointF(30, 10),
            Qt.MouseButton.NoButton,
        ),
    )
    moved = view.project_point(20, 0, 5.0)
    assert (moved.x() - start.x(), moved.y() - start.y()) == pytest.approx((30, 10))
    assert document.selection == []  # a drag is not a click
    view.reset_view()
    fitted = view.project_point(40, 10, 0)
    assert (fitted.x(), fitted.y()) == pytest.approx((before.x(), before.y()))


def test_a_mixed_storey_shows_its_uses_in_proportion_along_the_wall(view, document):
    document.push(SetLevelUses("Existing", "mixed", 0, {"craft": 0.6, "retail": 0.4}))
    # South wall, from (0, 0) to (40, 0): craft over the first 24 m, retail after.
    both = ("craft", "retail", "housing")
    assert_shows(view, view.project_point(10, 0, 2.75), "craft", others=both)
    assert_shows(view, view.project_point(35, 0, 2.75), "retail", others=both)
    assert_shows(view, view.project_point(35, 0, 5.5 + 1.45), "housing", others=both)


def test_frame_centres_the_buildings(view, document):
    from shapely.geometry import box as rect

    document.project.baseline.buildings["far"] = Building(
        "far", "Far", rect(45, 35, 55, 45), (Level.of(3.0, "office"),)
    )
    view.rebuild()
    view.frame(["far"])
    centre = view.project_point(50, 40, 1.5)
    assert abs(centre.x() - view.width() / 2) < view.width() * 0.1
    assert abs(centre.y() - view.height() / 2) < view.height() * 0.1
    assert view.building_at(centre) == "far"


def test_the_massing_view_shown_and_hidden_leaves_the_plan_active(make_window, qtbot):
    """F6 hides the plan and F5 shows it again: Qt would deactivate its scene
    and activate it again, sending every building's item an event (at 100,000
    buildings a quarter of a second each way); the plan's scene stays active,
    and a click on a building still selects it."""
    from PySide6.QtTest import QTest

    from tests.ui.helpers import click

    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    scene = window.site_view.site_scene
    qtbot.waitUntil(lambda: not scene.rebuilding)
    assert scene.isActive()
    QTest.keyClick(window, Qt.Key.Key_F6)
    assert window.stack.currentWidget() is window.massing_view
    assert scene.isActive()
    QTest.keyClick(window, Qt.Key.Key_F5)
    assert window.stack.currentWidget() is window.site_view
    assert scene.isActive()
    building = next(iter(window.document.scenario.buildings.values()))
    centre = building.footprint.representative_point()
    click(window, centre.x, centre.y)
    assert window.document.selection == [building.id]


def test_the_blocks_of_a_large_build_are_kept_out_of_the_collectors_passes(
    make_window, qtbot
):
    """F6 on 600 buildings builds the massing view in slices; its blocks are
    kept, so they are frozen once made (at 100,000 buildings the collector's
    passes over them held the GUI thread 140–210 ms, four times a build)."""
    import gc

    from PySide6.QtTest import QTest

    from mixplan.ui import massing
    from tests.ui.test_scale_views import grid

    window = make_window(grid(600))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.massing_view
    QTest.keyClick(window, Qt.Key.Key_F6)
    assert window.stack.currentWidget() is view
    qtbot.waitUntil(
        lambda: bool(view._blocks) and not view.building_view, timeout=10_000
    )
    assert 600 > massing.BLOCK_CHUNK  # (built in slices)
    blocks = {id(block) for block in view._blocks.values()}
    assert len(blocks) == 600
    tracked = {id(o) for g in range(3) for o in gc.get_objects(g) if id(o) in blocks}
    assert not tracked
