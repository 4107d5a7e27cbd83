"""A preset from the inspector's menu for thousands of selected buildings: the
new buildings are made in later turns, then pushed as one edit; the user's
edits meanwhile wait behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mixplan.model.presets import PRESETS
from mixplan.ui.prepared_push import PREPARED_FROM
from tests.ui.test_busy_many import _cursors_when_changed, _select_all
from tests.ui.test_editing import inspector
from tests.ui.test_plan_tiles import grid_window

CTRL = Qt.KeyboardModifier.ControlModifier


def _preset_from_menu(window, key: str, then=lambda: None) -> list[bool]:  # type: ignore[no-untyped-def]
    """Click the preset button, then (in the menu's loop) the preset ``key``,
    and ``then()`` in the very turn of that click: a list that holds True
    once clicked."""
    panel = inspector(window)
    menu = panel.preset_button.menu()
    clicked: list[bool] = []

    def click_in_menu() -> None:
        action = next(a for a in menu.actions() if a.objectName() == f"preset_{key}")
        QTest.mouseClick(
            menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center()
        )
        then()
        clicked.append(True)

    QTimer.singleShot(300, click_in_menu)
    QTest.mouseClick(panel.preset_button, Qt.MouseButton.LeftButton)
    return clicked


def test_a_preset_for_thousands_lands_before_an_undo_pressed_at_once(
    make_window, qtbot
):
    """2,000 buildings (from PREPARED_FROM) take the housing block (R+5) from
    the menu, pushed as one edit in later turns; then the single-storey shed,
    and Ctrl+Z pressed in the very turn of the menu's click: the undo waits
    for the shed, then undoes it, not the housing block (two steps on the
    stack, "Redo Apply preset “Single-storey shed”"). Ctrl+Shift+Z gives
    every building the shed's one level. The busy cursor showed at each
    change, and is gone after."""
    window = grid_window(make_window, qtbot, PREPARED_FROM)
    document = window.document
    stack = document.undo_stack
    shapes = _cursors_when_changed(window)
    _select_all(window, qtbot)
    assert len(document.selection) == PREPARED_FROM
    footprints = {bid: b.footprint for bid, b in document.scenario.buildings.items()}
    view = window.site_view

    def levels_of_all() -> set[object]:
        buildings = document.scenario.buildings.values()
        assert len(buildings) == PREPARED_FROM
        assert all(b.footprint is footprints[b.id] for b in buildings)
        return {(b.levels, b.basements) for b in buildings}

    clicked = _preset_from_menu(window, "housing_block")
    qtbot.waitUntil(lambda: bool(clicked) and stack.count() == 1, timeout=20_000)
    housing = PRESETS["housing_block"].levels
    assert levels_of_all() == {(housing, 0)}
    assert window.undo_action.text() == "Undo Apply preset “Housing block (R+5)”"
    clicked = _preset_from_menu(
        window, "single_storey_shed", lambda: QTest.keyClick(view, Qt.Key.Key_Z, CTRL)
    )
    qtbot.waitUntil(
        lambda: bool(clicked) and stack.count() == 2 and not document.edits_held,
        timeout=20_000,
    )
    assert stack.index() == 1
    assert window.redo_action.text() == "Redo Apply preset “Single-storey shed”"
    assert levels_of_all() == {(housing, 0)}
    QTest.keyClick(view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert stack.index() == 2
    assert levels_of_all() == {(PRESETS["single_storey_shed"].levels, 0)}
    assert shapes == [Qt.CursorShape.WaitCursor] * 3 + [None]
    assert QApplication.overrideCursor() is None
