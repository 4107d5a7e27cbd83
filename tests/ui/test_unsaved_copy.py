"""Opening a project whose last save was killed before its rename (issue 14).

The save is interrupted for real (a child process killed with SIGKILL once it has
written the whole temporary file); the editor's question is answered with a real
mouse click on the button of the dialog it shows.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from mixplan.store import open_project, save_project
from tests.ui.conftest import small_project

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from interrupted import digest, kill_save  # noqa: E402

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def click_when_asked(button_name: str, seen: list[str]) -> None:
    """Click ``button_name`` of the newer-version question as soon as it shows."""

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                if widget.objectName() == "unsaved_copy_box":
                    seen.append(widget.text())
                    button = widget.findChild(QPushButton, button_name)
                    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
                    return
        QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def interrupted_project(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "site.mixplan.gpkg"
    save_project(small_project(), path)
    kill_save(path, "rename")  # the newer project, named "NEW NAME", not renamed
    return path


def test_opening_offers_the_newer_version_and_saving_keeps_it(
    make_window, qtbot, tmp_path, isolated_settings
):
    path = interrupted_project(tmp_path)
    before = digest(path)
    window = make_window()
    seen: list[str] = []
    click_when_asked("open_newer_copy", seen)
    assert window.open_path(path, ask_to_save=False)
    window.wait_for_file_job()
    assert seen and "newer version" in seen[0]
    assert window.document.project.name == "NEW NAME"
    assert window.document.path == path.resolve()
    assert window.isWindowModified()  # not saved yet: the file is as it was
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "site.mixplan.gpkg",
        "site.mixplan.gpkg.bak",  # made by the killed save before its rename
    ]
    # The question closed: the window is the active one again, as for a user.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window.site_view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    window.wait_for_file_job()
    assert not window.isWindowModified()
    assert open_project(path).name == "NEW NAME"
    assert open_project(Path(f"{path}.bak")) == small_project()
    # Saved: the recovery copy has done its work and is gone.
    assert list((isolated_settings / "recovery").glob("*.mixplan.gpkg")) == []


def test_keeping_the_saved_file_keeps_the_newer_version_aside(
    make_window, tmp_path, isolated_settings
):
    path = interrupted_project(tmp_path)
    before = digest(path)
    window = make_window()
    seen: list[str] = []
    click_when_asked("keep_saved_file", seen)
    assert window.open_path(path, ask_to_save=False)
    window.wait_for_file_job()
    assert seen
    assert window.document.project == small_project()
    assert not window.isWindowModified()
    assert digest(path) == before
    (kept,) = (isolated_settings / "recovery").glob("*.mixplan.gpkg")
    assert kept.name.startswith("site (unsaved ")
    assert open_project(kept).name == "NEW NAME"  # never lost
    assert list((isolated_settings / "recovery").glob("*.json")) == []
    assert str(kept) in window.statusBar().currentMessage()
    # Not offered again: the next open asks nothing.
    window.open_path(path, ask_to_save=False)
    window.wait_for_file_job()
    assert len(seen) == 1


def test_a_copy_the_command_line_moved_aside_is_offered_at_the_next_start(
    qtbot, tmp_path, isolated_settings, monkeypatch
):
    from mixplan.ui.app import create_main_window
    from mixplan.ui.settings import Settings

    path = interrupted_project(tmp_path)
    open_project(path)  # what `mixplan info` does: the newer version moved aside
    Settings().mark_started()  # not a first run
    seen: list[str] = []

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                seen.append(widget.text())
                (recover,) = [b for b in widget.buttons() if b.text() == "Recover"]
                QTest.mouseClick(recover, Qt.MouseButton.LeftButton)
                return
        QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    window = create_main_window()  # a plain start
    qtbot.addWidget(window)
    window.ask_unsaved = lambda: "discard"
    assert seen and "was stopped" in seen[0] and "before it could replace" in seen[0]
    assert window.document.project.name == "NEW NAME"
    assert window.document.path == path.resolve()
    assert window.isWindowModified()
