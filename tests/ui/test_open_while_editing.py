"""Opening another project while edits are under way loses none of them.

The read runs in the background: an edit made meanwhile, or a move of
thousands of buildings still being prepared, lands on the open project first,
and the user is asked about it before the project is replaced.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from mixplan.store import save_project
from mixplan.ui import transform_tools
from tests.ui.conftest import small_project
from tests.ui.helpers import click, key
from tests.ui.test_move_many import LEFT, NO_KEY, _press_and_drag, _select_all_and_press
from tests.ui.test_plan_tiles import grid_window

CTRL = Qt.KeyboardModifier.ControlModifier


def _other_file(tmp_path):  # type: ignore[no-untyped-def]
    other = small_project()
    other.name = "Other site"
    path = tmp_path / "other.mixplan.gpkg"
    save_project(other, path)
    return path


def _answer_question(button: QMessageBox.StandardButton, asked: list[str]) -> None:
    """Clicks ``button`` of the question about to open (within 10 s); its
    text into ``asked``."""
    tries = iter(range(500))

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if next(tries, None) is not None:
                QTimer.singleShot(20, answer)
            return
        asked.append(box.text())
        QTest.mouseClick(box.button(button), LEFT)

    QTimer.singleShot(20, answer)


def _press_ctrl_o(window, qtbot, path) -> None:  # type: ignore[no-untyped-def]
    window.ask_open_path = lambda: path  # (the file dialog's answer)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_O, CTRL)


def test_an_edit_made_while_the_file_is_read_is_asked_about_again(
    make_window, qtbot, tmp_path
):
    """Clean when Ctrl+O is pressed (no question then); the workshop deleted
    while the file is read: the question comes when it is read, Cancel keeps
    the project with its edit and says so; the next Ctrl+O, Discard, opens it."""
    path = _other_file(tmp_path)
    window = make_window()
    del window.ask_unsaved  # (the real question, answered with the mouse)
    document = window.document
    document.set_scenario("S1")
    kept = document.project
    _press_ctrl_o(window, qtbot, path)
    assert window.file_busy()  # (its end is told in a later turn)
    window.site_view.setFocus()
    click(window, 20, 15)  # the workshop, b1
    assert document.selection == ["b1"]
    key(window, Qt.Key.Key_Delete)
    assert "b1" not in kept.scenario("S1").buildings
    asked: list[str] = []
    _answer_question(QMessageBox.StandardButton.Cancel, asked)
    window.wait_for_file_job()
    assert asked == ["Save the changes to Small site?"]
    assert document.project is kept and document.modified
    assert "b1" not in kept.scenario("S1").buildings
    assert window.statusBar().currentMessage() == (
        "other.mixplan.gpkg was not opened: the open project was kept"
    )
    _answer_question(QMessageBox.StandardButton.Discard, asked)
    _press_ctrl_o(window, qtbot, path)
    window.wait_for_file_job()
    assert len(asked) == 2  # (asked at the key, not again: nothing edited since)
    assert document.project.name == "Other site"
    assert document.path == path.resolve() and not document.modified
    assert set(document.project.scenario("S1").buildings) == {"b1", "b2"}


def test_a_move_being_prepared_lands_before_the_question(make_window, qtbot, tmp_path):
    """Ctrl+O right after the release of a move of 2,000 buildings (prepared
    over several turns): the move lands on the open project, which is then
    modified, so the user is asked; the project opened is as its file holds it."""
    path = _other_file(tmp_path)
    window = grid_window(make_window, qtbot, transform_tools.PREPARED_FROM)
    asked: list[str] = []
    window.ask_unsaved = lambda: asked.append("asked") or "discard"
    document = window.document
    grid = document.project
    before = grid.scenario("S").buildings["b0"].footprint
    _view, viewport = _select_all_and_press(window, qtbot, Qt.Key.Key_M)
    _start, end = _press_and_drag(viewport)
    QTest.mouseRelease(viewport, LEFT, NO_KEY, end)
    assert document.edits_held and document.undo_stack.count() == 0
    _press_ctrl_o(window, qtbot, path)
    assert asked == ["asked"]  # (the move had landed: the project was modified)
    assert not grid.scenario("S").buildings["b0"].footprint.equals(before)
    window.wait_for_file_job()
    assert document.project.name == "Other site" and not document.edits_held
    assert document.undo_stack.count() == 0
