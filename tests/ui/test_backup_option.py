"""File ▸ Keep a backup when saving: on by default, remembered, obeyed (issue 14)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from mixplan.store import open_project, save_project
from mixplan.ui.settings import Settings
from tests.ui.conftest import small_project


def click_menu_item(window, menu_name: str, action_name: str, qtbot) -> None:
    """Open a menu of the menu bar and click one of its items, with the mouse."""
    bar = window.menuBar()
    menu = window.findChild(QMenu, menu_name)
    where = bar.actionGeometry(menu.menuAction()).center()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(menu.isVisible)
    action = window.findChild(QAction, action_name)
    QTest.mouseClick(
        menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center()
    )
    qtbot.waitUntil(lambda: not menu.isVisible())


def replaced_file(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    other = small_project()
    other.name = "Before"
    save_project(other, path)
    return path


def test_the_backup_option_is_on_by_default_and_off_when_unticked(
    make_window, qtbot, tmp_path
):
    window = make_window()
    action = window.findChild(QAction, "action_keep_backup")
    assert action.isCheckable() and action.isChecked()  # on by default

    kept = replaced_file(tmp_path, "kept.mixplan.gpkg")
    window.save_to(kept)
    window.wait_for_file_job()
    assert open_project(Path(f"{kept}.bak")).name == "Before"

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    click_menu_item(window, "menu_file", "action_keep_backup", qtbot)
    assert not action.isChecked()
    assert Settings().keep_backup() is False  # remembered for the next session

    plain = replaced_file(tmp_path, "plain.mixplan.gpkg")
    window.save_to(plain)
    window.wait_for_file_job()
    assert open_project(plain) == window.document.project
    assert not Path(f"{plain}.bak").exists()

    again = make_window()  # a later window starts with the user's choice
    assert not again.findChild(QAction, "action_keep_backup").isChecked()
