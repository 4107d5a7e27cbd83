"""Opening a file frames the plan on the opened site; a zoom of the user's stays.

Driven like a user: Ctrl+O in the window (the file dialog's answer given by
``ask_open_path``), the wheel on the plan's viewport.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mixplan.store import save_project
from mixplan.ui import site_scene
from tests.ui.conftest import small_project
from tests.ui.test_plan_batches import _choose_scenario

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic import varied_project  # noqa: E402


@pytest.fixture
def sliced(monkeypatch):
    """A slice per chunk of buildings: the plan of 400 buildings takes several
    turns of the event loop, as a 10,000-building plan does on any machine."""
    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)


def _varied_file(tmp_path: Path) -> Path:
    # 400 buildings on a 620 m square at x 652 km (the window's project is a
    # 100 m × 50 m site at 0, 0).
    path = tmp_path / "varied.mixplan.gpkg"
    save_project(varied_project(400), path)
    return path


def _visible(view) -> QRectF:  # type: ignore[no-untyped-def]
    return view.mapToScene(view.viewport().rect()).boundingRect()


def _ctrl_o(window, qtbot, path: Path) -> None:  # type: ignore[no-untyped-def]
    window.ask_open_path = lambda: path  # type: ignore[method-assign]
    # A shortcut reaches only the active window (a key sent before the window
    # was activated went nowhere: nothing was opened).
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.document.path == path.resolve(), timeout=30_000)


def _wheel(view, notches: int) -> None:  # type: ignore[no-untyped-def]
    """Turn the mouse wheel over the middle of the plan."""
    at = QPointF(view.viewport().rect().center())
    event = QWheelEvent(
        at,
        QPointF(view.viewport().mapToGlobal(at.toPoint())),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def _assert_framed(view) -> None:  # type: ignore[no-untyped-def]
    site, visible = view.site_scene.site_rect(), _visible(view)
    assert visible.contains(site), (site, visible)
    # Framed, not merely inside: the site fills the view along one side (the
    # fit leaves 8 % of margin on each side: 1 / 1.16 = 86 %).
    fill = max(site.width() / visible.width(), site.height() / visible.height())
    assert fill > 0.8, fill


def test_ctrl_o_frames_the_opened_site_once_its_plan_is_drawn(
    make_window, qtbot, tmp_path, sliced
):
    path = _varied_file(tmp_path)
    window = make_window()
    view, scene = window.site_view, window.site_view.site_scene
    _ctrl_o(window, qtbot, path)
    assert scene.rebuilding  # (the plan is drawn in slices)
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=30_000)
    qtbot.wait(50)
    _assert_framed(view)
    # Every building of the park is on screen.
    visible = _visible(view)
    assert all(
        visible.contains(item.sceneBoundingRect()) for item in scene.buildings.values()
    )


def test_a_zoom_while_the_opened_plan_is_drawn_is_kept(
    make_window, qtbot, tmp_path, sliced
):
    path = _varied_file(tmp_path)
    window = make_window()
    view, scene = window.site_view, window.site_view.site_scene
    _ctrl_o(window, qtbot, path)
    assert scene.rebuilding
    _wheel(view, 3)  # ×1.7 around the middle
    zoomed = view.transform()
    centre = _visible(view).center()
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=30_000)
    qtbot.wait(50)
    assert view.transform() == zoomed  # no jump back to the whole site
    assert _visible(view).center() == centre


def test_a_small_opened_plan_is_framed_and_later_rebuilds_keep_the_users_view(
    make_window, qtbot, tmp_path
):
    # Drawn at once (100 items removed, two made: one slice, ended before the
    # view heard of the new project): framed all the same; a scenario switch
    # after the user zoomed keeps the user's view.
    window = make_window(project=varied_project(100))
    view, scene = window.site_view, window.site_view.site_scene
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=30_000)
    path = tmp_path / "small.mixplan.gpkg"
    save_project(small_project(), path)
    _ctrl_o(window, qtbot, path)
    qtbot.wait(50)
    assert not scene.rebuilding
    _assert_framed(view)
    _wheel(view, 2)
    zoomed = view.transform()
    _choose_scenario(window, "S1")
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=10_000)
    qtbot.wait(50)
    assert window.document.current_scenario == "S1"
    assert view.transform() == zoomed
