"""Scenarios as changes in the window (DESIGN §14), driven with real events:
correct the existing state in the inspector, switch scenario, see it; a
scenario that changed the building keeps its version, says so, and takes the
existing version back in one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
)

from mixplan.model.commands import AddScenario, SetLevelHeight
from tests.ui.conftest import small_project
from tests.ui.helpers import click


def _choose_scenario(window, name: str) -> None:
    scenarios = window.findChild(QListWidget, "scenario_list")
    (item,) = scenarios.findItems(name, Qt.MatchFlag.MatchStartsWith)
    rect = scenarios.visualItemRect(item)
    QTest.mouseClick(
        scenarios.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        rect.center(),
    )
    assert window.document.current_scenario == name


def _ground_height(window) -> float:
    table = window.findChild(QTableView, "levels_table")
    model = table.model()
    # Rows run top-down: the ground floor of b1 (two storeys) is row 1.
    return float(model.index(1, model.HEIGHT).data(Qt.ItemDataRole.EditRole))


def test_correcting_the_existing_state_reaches_the_scenarios(make_window, qtbot):
    project = small_project()  # b1: workshop box(10, 10, 30, 20); S1 keeps it
    AddScenario("Raised").apply(project)
    SetLevelHeight("Raised", "b1", 0, 6.0).apply(project)
    window = make_window(project)
    document = window.document
    assert document.current_scenario == "Existing"
    click(window, 20, 15)
    assert document.selection == ["b1"]

    # Type the surveyed ground-floor height into the levels table.
    table = window.findChild(QTableView, "levels_table")
    model = table.model()
    table.setFocus()
    table.setCurrentIndex(model.index(1, model.HEIGHT))
    QTest.keyClick(table, Qt.Key.Key_F2)
    editor = table.viewport().findChild(QDoubleSpinBox)
    assert editor is not None and editor.value() == 5.0
    editor.selectAll()
    QTest.keyClicks(editor, "4.8")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert project.baseline.buildings["b1"].levels[0].height_m == 4.8
    assert document.undo_stack.count() == 1

    # S1 keeps b1: it shows the correction at once.
    _choose_scenario(window, "S1")
    click(window, 20, 15)
    assert document.selection == ["b1"]
    assert _ground_height(window) == 4.8
    take = window.findChild(QPushButton, "take_existing_version")
    assert take.isHidden()

    # Raised changed b1: its own version, the note, and the way back.
    _choose_scenario(window, "Raised")
    click(window, 20, 15)
    assert _ground_height(window) == 6.0
    status = window.findChild(QLabel, "building_status")
    assert "U02" in status.text()
    qtbot.waitUntil(lambda: window.live_engine.evaluation("Raised") is not None)
    qtbot.waitUntil(
        lambda: any(
            f.rule == "U02" and f.targets == ("b1",)
            for f in window.live_engine.evaluation("Raised").findings
        )
    )
    assert take.isVisible()
    QTest.mouseClick(take, Qt.MouseButton.LeftButton)
    assert _ground_height(window) == 4.8
    assert "b1" in project.scenario("Raised").kept
    assert document.undo_stack.count() == 2
    assert "U02" not in status.text() and take.isHidden()
    document.undo_stack.undo()
    assert _ground_height(window) == 6.0
    assert project.scenario("Raised").buildings["b1"].levels[0].height_m == 6.0


def test_remove_and_restore_a_building_in_a_scenario(make_window, qtbot):
    from PySide6.QtWidgets import QInputDialog

    window = make_window()  # S1 keeps b1 and b2
    document = window.document
    _choose_scenario(window, "S1")
    click(window, 20, 15)
    window.actions_["action_delete"].trigger()  # Edit ▸ Delete
    s1 = document.project.scenario("S1")
    assert "b1" not in s1.buildings and list(s1.removed) == ["b1"]
    assert "b1" in document.project.baseline.buildings
    assert document.undo_stack.count() == 1
    window.actions_["action_restore_building"].trigger()
    dialog = window.findChild(QInputDialog, "restore_building_dialog")
    assert dialog is not None and dialog.comboBoxItems() == ["Workshop (b1)"]
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "b1" in s1.buildings)
    assert "b1" in s1.kept and not s1.removed
    assert document.selection == ["b1"]
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert "b1" not in s1.buildings and "b1" in s1.removed
