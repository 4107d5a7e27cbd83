"""Open and save in the background: busy cursor, progress, edits wait for a save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressBar

from mixplan.model.commands import RemoveBuilding
from mixplan.store import open_project, save_project
from mixplan.ui.file_jobs import PROGRESS_INTERVAL_S, ProgressThrottle
from tests.store.test_open_in_pieces import _park
from tests.ui.conftest import small_project


def cursor_shape():
    cursor = QApplication.overrideCursor()
    return None if cursor is None else cursor.shape()


def test_open_reads_in_the_background_with_progress_and_a_busy_cursor(
    make_window, tmp_path
):
    saved = tmp_path / "other.mixplan.gpkg"
    other = small_project()
    other.name = "Other site"
    save_project(other, saved)
    window = make_window()
    before = window.document.project
    assert window.open_path(saved, ask_to_save=False)
    # Returned before the project was read: the old one is still shown.
    assert window.file_busy()
    assert window.document.project is before
    bar = window.findChild(QProgressBar, "file_progress")
    assert bar.isVisible() and bar.maximum() == 100  # how far the read has come
    assert cursor_shape() == Qt.CursorShape.WaitCursor
    window.wait_for_file_job()
    assert not window.file_busy()
    assert window.document.project.name == "Other site"
    assert window.document.path == saved.resolve()
    assert not bar.isVisible()
    assert cursor_shape() is None


def test_ctrl_o_shows_how_far_the_read_has_come_then_hides_the_bar(
    make_window, qtbot, tmp_path
):
    path = tmp_path / "park.mixplan.gpkg"
    save_project(_park(600), path)
    window = make_window()
    window.ask_open_path = lambda: path  # type: ignore[method-assign]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    shown: list[int] = []
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.file_busy()
    bar = window.findChild(QProgressBar, "file_progress")
    bar.valueChanged.connect(shown.append)
    # Not the style's busy animation (60 repaints a second of the status bar and
    # the window behind it, each waiting for the reading thread's GIL): per cents.
    assert (bar.minimum(), bar.maximum()) == (0, 100)
    window.wait_for_file_job()
    assert window.document.path == path.resolve()
    assert len(window.document.project.baseline.buildings) == 600
    assert shown and shown[-1] == 100
    assert shown == sorted(shown)
    assert not bar.isVisible()


def test_ctrl_s_shows_how_far_the_save_has_come(make_window, qtbot, tmp_path):
    path = tmp_path / "park.mixplan.gpkg"
    save_project(_park(600), path)
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.open_path(path, ask_to_save=False)
    window.wait_for_file_job()
    window.document.push(RemoveBuilding("Existing", "b0"))
    window.document.push(RemoveBuilding("Existing", "b1"))
    bar = window.findChild(QProgressBar, "file_progress")
    shown: list[int] = []
    bar.valueChanged.connect(shown.append)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.file_busy()
    assert bar.isVisible() and (bar.minimum(), bar.maximum()) == (0, 100)
    window.wait_for_file_job()
    assert not window.document.modified
    assert len(open_project(path).baseline.buildings) == 598
    assert shown[-1] == 100 and shown == sorted(shown)
    assert not bar.isVisible()


def test_the_bar_moves_by_whole_per_cents_at_most_every_interval():
    throttle = ProgressThrottle(0.5)  # binary fractions: exact boundaries
    assert throttle.percent(0.05, 10.0) == 5  # the first at once
    assert throttle.percent(0.3, 10.25) is None  # too soon
    assert throttle.percent(0.3, 10.5) == 30  # one interval after
    assert throttle.percent(0.309, 20.0) is None  # not a whole per cent more
    assert throttle.percent(0.999, 20.0) == 99
    assert throttle.percent(1.0, 20.0) == 100  # the end, however soon
    assert throttle.percent(1.0, 30.0) is None  # shown already
    assert ProgressThrottle().interval_s == PROGRESS_INTERVAL_S == 0.1


def test_an_edit_made_during_a_save_waits_for_it_and_stays_unsaved(
    make_window, tmp_path
):
    window = make_window()
    window.document.push(RemoveBuilding("S1", "b2"))
    target = tmp_path / "during.mixplan.gpkg"
    assert window.save_to(target)
    assert window.file_busy()
    window.document.push(RemoveBuilding("S1", "b1"))  # waits for the save
    assert "b1" in window.document.project.scenario("S1").buildings
    window.wait_for_file_job()
    assert "b1" not in window.document.project.scenario("S1").buildings
    assert window.document.modified  # the edit came after the save
    assert set(open_project(target).scenario("S1").buildings) == {"b1"}
    # Undo (Ctrl+Z's action) during a save waits too, then undoes that edit.
    window.save_to(target)
    window.findChild(QAction, "action_undo").trigger()
    assert "b1" not in window.document.project.scenario("S1").buildings
    window.wait_for_file_job()
    assert "b1" in window.document.project.scenario("S1").buildings
    assert set(open_project(target).scenario("S1").buildings) == set()


def test_closing_during_a_save_lets_it_finish(make_window, tmp_path):
    window = make_window()
    window.document.push(RemoveBuilding("S1", "b2"))
    target = tmp_path / "closing.mixplan.gpkg"
    window.save_to(target)
    window.close()
    assert set(open_project(target).scenario("S1").buildings) == {"b1"}
    assert not window.document.modified


def test_the_plan_of_an_opened_project_is_drawn_from_the_next_turn_on(
    make_window, qtbot, tmp_path
):
    # Ctrl+O of 2,000 buildings: the plan is made in slices. The event that
    # applies the opened project (every panel refreshed) made the first slice's
    # items too — 20 ms more in that one event — now they wait for a turn.
    path = tmp_path / "park.mixplan.gpkg"
    save_project(_park(2000), path)
    window = make_window()
    window.ask_open_path = lambda: path  # type: ignore[method-assign]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    scene = window.site_view.site_scene
    items_when_replaced: list[int] = []
    window.document.project_replaced.connect(
        lambda: items_when_replaced.append(len(scene.buildings))
    )
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    window.wait_for_file_job()
    assert items_when_replaced == [0]
    assert scene.rebuilding
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=30_000)
    assert len(scene.buildings) == 2000
