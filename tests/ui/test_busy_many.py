"""A busy cursor while an edit of thousands of buildings is applied: a preset
from the inspector's menu and a level's height typed in the levels table, with
the whole park selected (Ctrl+A); a few buildings show none."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mixplan.ui.busy import BUSY_FROM
from mixplan.ui.panels.levels import LevelsTableModel
from tests.ui.test_editing import click_cell, levels_view, type_text
from tests.ui.test_plan_tiles import grid_window
from tests.ui.test_typology_library import _apply_from_menu


def _cursors_when_changed(window) -> list[object]:  # type: ignore[no-untyped-def]
    """The override cursor's shape each time the document changes."""
    shapes: list[object] = []

    def note(_change: object) -> None:
        cursor = QApplication.overrideCursor()
        shapes.append(None if cursor is None else cursor.shape())

    window.document.changed.connect(note)
    return shapes


def _select_all(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.site_view
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)


def test_a_preset_and_a_height_for_the_whole_park_show_a_busy_cursor(
    make_window, qtbot
):
    window = grid_window(make_window, qtbot, BUSY_FROM)
    document = window.document
    shapes = _cursors_when_changed(window)
    _select_all(window, qtbot)
    assert len(document.selection) == BUSY_FROM
    _apply_from_menu(window, qtbot, "housing_block")
    # (from BUSY_FROM buildings, pushed once made, in later turns)
    qtbot.waitUntil(lambda: document.undo_stack.count() == 1, timeout=20_000)
    assert {b.storeys_label for b in document.scenario.buildings.values()} == {
        document.scenario.buildings["b0"].storeys_label
    }
    assert shapes == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None  # and gone after
    view = levels_view(window)
    click_cell(qtbot, view, view.model().rowCount() - 1, LevelsTableModel.HEIGHT)
    type_text("4.25")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    # (from PREPARED_FROM buildings, made in steps first: see test_levels_many)
    qtbot.waitUntil(lambda: document.undo_stack.count() == 2, timeout=20_000)
    assert {b.levels[0].height_m for b in document.scenario.buildings.values()} == {
        4.25
    }
    assert shapes == [Qt.CursorShape.WaitCursor] * 2
    assert QApplication.overrideCursor() is None


def test_a_preset_for_a_few_buildings_shows_none(make_window, qtbot):
    window = grid_window(make_window, qtbot, BUSY_FROM - 1)
    shapes = _cursors_when_changed(window)
    _select_all(window, qtbot)
    _apply_from_menu(window, qtbot, "housing_block")
    assert window.document.undo_stack.count() == 1
    assert shapes == [None]
