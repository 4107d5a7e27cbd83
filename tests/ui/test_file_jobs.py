"""Open and save in the background: busy cursor, progress, edits wait for a save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QProgressBar

from mixplan.model.commands import RemoveBuilding
from mixplan.store import open_project, save_project
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
    assert bar.isVisible() and bar.maximum() == 0  # a busy indicator
    assert cursor_shape() == Qt.CursorShape.WaitCursor
    window.wait_for_file_job()
    assert not window.file_busy()
    assert window.document.project.name == "Other site"
    assert window.document.path == saved.resolve()
    assert not bar.isVisible()
    assert cursor_shape() is None


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
