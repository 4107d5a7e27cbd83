"""Editors commit a value once: real key, mouse and wheel events on the real window.

The small project (tests/ui/conftest.py): b1 "Workshop" has a 5.0 m ground floor
(10 kN/m², street) and a 4.0 m upper floor; the levels table lists the upper
floor on row 0 and the ground floor on row 1.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDoubleSpinBox,
    QStyle,
    QStyleOptionSpinBox,
    QTableView,
)

from mixplan.ui.panels.levels import LevelsTableModel
from tests.ui.helpers import click

GROUND_ROW, UPPER_ROW = 1, 0


@pytest.fixture
def window(make_window, qtbot):
    window = make_window()
    window.activateWindow()
    qtbot.waitActive(window)
    window.document.set_scenario("S1")
    window.document.set_selection(["b1"])
    return window


def levels_view(window):
    return window.findChild(QTableView, "levels_table")


def inspector(window):
    return window.panel("dock_inspector")


def b1(window):
    return window.document.scenario.buildings["b1"]


def click_cell(qtbot, view, row: int, column: int) -> None:
    rect = view.visualRect(view.model().index(row, column))
    assert rect.isValid() and view.viewport().rect().contains(rect.center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_text(text: str, delay_ms: int = 40) -> None:
    """Type as a user does: each key goes to whatever has the focus then."""
    for char in text:
        QTest.keyClicks(QApplication.focusWidget(), char, delay=delay_ms)


def open_editor(view) -> QDoubleSpinBox:
    # A closed editor lingers until deleted later: take the one shown.
    editors = [e for e in view.viewport().findChildren(QDoubleSpinBox) if e.isVisible()]
    assert len(editors) == 1
    return editors[0]


def test_typing_a_height_at_typing_speed_is_one_value_and_one_undo_step(window, qtbot):
    view = levels_view(window)
    stack = window.document.undo_stack
    click_cell(qtbot, view, GROUND_ROW, LevelsTableModel.HEIGHT)
    # Typing on the focused cell opens its editor with the text selected.
    type_text("4.5")
    editor = open_editor(view)
    assert editor.hasFocus()
    # Nothing is committed while typing: no half value, no undo step.
    assert b1(window).levels[0].height_m == 5.0
    assert stack.count() == 0
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert b1(window).levels[0].height_m == 4.5
    assert stack.count() == 1
    assert stack.undoText() == "Set level height"
    assert view.model().index(GROUND_ROW, LevelsTableModel.HEIGHT).data() == "4.50"
    # Ctrl+Z from the cell undoes the value, Ctrl+Shift+Z redoes it.
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert b1(window).levels[0].height_m == 5.0
    QTest.keyClick(
        view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert b1(window).levels[0].height_m == 4.5


def test_ctrl_z_inside_an_open_editor_drops_the_typing_then_undoes(window, qtbot):
    view = levels_view(window)
    stack = window.document.undo_stack
    click_cell(qtbot, view, GROUND_ROW, LevelsTableModel.HEIGHT)
    type_text("6.2")
    QTest.keyClick(open_editor(view), Qt.Key.Key_Tab)  # leaving the cell commits
    assert b1(window).levels[0].height_m == 6.2 and stack.count() == 1
    click_cell(qtbot, view, GROUND_ROW, LevelsTableModel.HEIGHT)
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = open_editor(view)
    type_text("7")
    # First Ctrl+Z: the typed 7 goes, the committed 6.20 is shown again.
    QTest.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "6.20" and b1(window).levels[0].height_m == 6.2
    # Second: the document's last edit is undone, and the open editor shows it.
    QTest.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert b1(window).levels[0].height_m == 5.0
    assert editor.text() == "5.00"
    QTest.keyClick(editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert b1(window).levels[0].height_m == 6.2
    assert editor.text() == "6.20"
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert stack.count() == 1


def test_an_arrow_key_commits_on_release_one_step_per_value(window, qtbot):
    view = levels_view(window)
    stack = window.document.undo_stack
    click_cell(qtbot, view, UPPER_ROW, LevelsTableModel.HEIGHT)
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = open_editor(view)
    QTest.keyPress(editor, Qt.Key.Key_Up)
    assert stack.count() == 0  # held down: nothing committed yet
    QTest.keyRelease(editor, Qt.Key.Key_Up)
    assert b1(window).levels[1].height_m == pytest.approx(4.1)
    assert stack.count() == 1
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert stack.count() == 1


def test_the_arrow_on_an_unstated_load_leaves_it_unstated(window, qtbot):
    scenario = window.document.scenario
    scenario.buildings["b1"] = replace(
        b1(window),
        levels=(b1(window).levels[0], replace(b1(window).levels[1], load_kn_m2=None)),
    )
    window.document.set_selection([])
    window.document.set_selection(["b1"])
    view = levels_view(window)
    assert view.model().index(UPPER_ROW, LevelsTableModel.LOAD).data() == "—"
    click_cell(qtbot, view, UPPER_ROW, LevelsTableModel.LOAD)
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = open_editor(view)
    assert editor.text() == "—"
    # A click on the up arrow of the spin box and the Up key change nothing.
    option = QStyleOptionSpinBox()
    editor.initStyleOption(option)
    up = editor.style().subControlRect(
        QStyle.ComplexControl.CC_SpinBox, option, QStyle.SubControl.SC_SpinBoxUp, editor
    )
    QTest.mouseClick(editor, Qt.MouseButton.LeftButton, pos=up.center())
    QTest.keyClick(editor, Qt.Key.Key_Up)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert b1(window).levels[1].load_kn_m2 is None
    assert window.document.undo_stack.count() == 0
    # Typing a value states it.
    click_cell(qtbot, view, UPPER_ROW, LevelsTableModel.LOAD)
    type_text("7.5")
    QTest.keyClick(open_editor(view), Qt.Key.Key_Return)
    assert b1(window).levels[1].load_kn_m2 == 7.5
    assert window.document.undo_stack.count() == 1


def send_wheel(widget, steps: int = 1) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_changes_only_a_focused_editor(window, qtbot):
    parking = inspector(window).parking_spaces
    window.site_view.setFocus()
    assert not parking.hasFocus()
    send_wheel(parking, 3)
    assert parking.value() == 0
    assert window.document.undo_stack.count() == 0
    parking.setFocus()
    qtbot.waitUntil(parking.hasFocus)
    send_wheel(parking, 2)
    assert parking.value() == 2
    # The wheel's value is committed once the wheel rests: one undo step.
    qtbot.waitUntil(lambda: b1(window).parking_spaces == 2, timeout=2000)
    assert window.document.undo_stack.count() == 1


def test_typing_in_an_attribute_is_kept_through_a_refresh(window, qtbot):
    bays = inspector(window).loading_bays
    bays.setFocus()
    qtbot.waitUntil(bays.hasFocus)
    bays.selectAll()
    QTest.keyClicks(bays, "1")
    # Something else changes the building meanwhile (the ramp box, here).
    window.document.push(
        __import__("mixplan.model.commands", fromlist=["x"]).SetBuildingAttributes(
            "S1", "b1", ramp=True
        )
    )
    QTest.keyClicks(bays, "2")
    assert bays.text() == "12"
    QTest.keyClick(bays, Qt.Key.Key_Return)
    assert b1(window).loading_bays == 12
    assert window.document.undo_stack.count() == 2
    QTest.keyClick(bays, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert b1(window).loading_bays == 0 and bays.value() == 0


# --- several buildings selected --------------------------------------------------


@pytest.fixture
def three(make_window, qtbot):
    """The small project with a third building b3 (20 m × 6 m at x 40–60)."""
    from shapely.geometry import box

    from mixplan.model import Building, Level
    from mixplan.model.commands import AddScenario, DeleteScenario
    from tests.ui.conftest import small_project

    project = small_project()
    DeleteScenario("S1").apply(project)
    project.baseline.buildings["b3"] = Building(
        "b3", "Store", box(40, 2, 60, 8), (Level.of(4.0, "warehouse"),)
    )
    AddScenario("S1").apply(project)
    window = make_window(project)
    window.activateWindow()
    qtbot.waitActive(window)
    window.document.set_scenario("S1")
    # Click one, Shift-click the others, as a user selects on the plan.
    click(window, 20, 15)
    for x, y in ((70, 20), (50, 5)):
        QTest.qWait(QApplication.doubleClickInterval() + 50)  # not a double click
        click(window, x, y, Qt.KeyboardModifier.ShiftModifier)
    assert sorted(window.document.selection) == ["b1", "b2", "b3"]
    return window


def test_three_selected_buildings_take_a_preset_with_a_storey_count(three, qtbot):
    window = three
    panel = inspector(window)
    stack = window.document.undo_stack
    assert "3 selected" in panel.status_label.text()
    storeys = panel.preset_storeys
    assert storeys.text() == "R+ as typology"
    QTest.mouseClick(storeys, Qt.MouseButton.LeftButton)
    storeys.selectAll()
    type_text("3")
    QTest.keyClick(storeys, Qt.Key.Key_Return)
    assert stack.count() == 0  # choosing a count edits nothing yet
    menu = panel.preset_button.menu()
    clicked = []

    def click_in_menu() -> None:
        # The menu runs its own event loop: click the item while it is open.
        action = next(
            a
            for a in menu.actions()
            if a.objectName() == "preset_productive_base_housing"
        )
        QTest.mouseClick(
            menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center()
        )
        clicked.append(True)

    QTimer.singleShot(300, click_in_menu)
    QTest.mouseClick(panel.preset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(clicked) and not menu.isVisible())
    buildings = window.document.scenario.buildings
    for building_id in ("b1", "b2", "b3"):
        building = buildings[building_id]
        assert building.storeys_label == "R+3", building_id
        # 5.5 m productive ground floor + 3 × 2.9 m housing = 14.2 m
        assert building.height_m == pytest.approx(14.2)
    assert stack.count() == 1
    stack.undo()
    assert buildings["b3"].storeys_label == "R+0"
    assert buildings["b2"].storeys_label == "R+1"


def test_a_level_edit_and_an_attribute_go_to_every_selected_building(three, qtbot):
    window = three
    view = levels_view(window)
    stack = window.document.undo_stack
    shown = inspector(window).building_id
    rows = view.model().rowCount()
    # The ground floor is the last row of the shown building.
    click_cell(qtbot, view, rows - 1, LevelsTableModel.HEIGHT)
    type_text("6")
    QTest.keyClick(open_editor(view), Qt.Key.Key_Return)
    buildings = window.document.scenario.buildings
    assert [buildings[b].levels[0].height_m for b in ("b1", "b2", "b3")] == [6.0] * 3
    assert stack.count() == 1
    bays = inspector(window).loading_bays
    QTest.mouseClick(bays, Qt.MouseButton.LeftButton)
    bays.selectAll()
    type_text("4")
    QTest.keyClick(bays, Qt.Key.Key_Tab)
    assert [buildings[b].loading_bays for b in ("b1", "b2", "b3")] == [4, 4, 4]
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert buildings["b2"].levels[0].height_m == 3.0
    assert buildings["b3"].levels[0].height_m == 4.0
    assert shown in ("b1", "b2", "b3")


def test_add_use_adds_unassigned_floor_area(window, qtbot):
    panel = inspector(window)
    QTest.mouseClick(panel.add_use_button, Qt.MouseButton.LeftButton)
    # The selected storey is the ground floor: craft 1/2, unassigned 1/2.
    assert b1(window).levels[0].use_shares() == {"craft": 0.5, "unassigned": 0.5}
    assert window.document.undo_stack.count() == 1


def test_a_typed_height_repaints_the_levels_in_one_change(window, qtbot):
    """The refreshed storeys are announced in one block, not cell by cell: the
    table fits its columns to their contents and measured every cell again for
    each of the 14 cells (1,316 data calls per edit of a 2-storey building)."""
    view = levels_view(window)
    changes: list[tuple[int, int, int, int]] = []
    view.model().dataChanged.connect(
        lambda a, b, _roles=(): changes.append(
            (a.row(), a.column(), b.row(), b.column())
        )
    )
    click_cell(qtbot, view, GROUND_ROW, LevelsTableModel.HEIGHT)
    type_text("4.5")
    QTest.keyClick(open_editor(view), Qt.Key.Key_Return)
    assert b1(window).levels[0].height_m == 4.5
    last = LevelsTableModel.COLUMN_COUNT - 1
    assert (0, 0, 1, last) in changes  # the storeys, in one block
    # nothing cell by cell (the storey marks of findings may change apart)
    assert [c for c in changes if c[:2] == c[2:]] == []
