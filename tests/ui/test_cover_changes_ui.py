"""Ground cover as changes in the window (DESIGN §14), driven with real events:
retyping a kept cover in a scenario makes it changed (undo makes it kept again);
a correction of the existing state reaches the scenarios that keep the cover; a
scenario that changed it says so and takes the existing version back in one
undo step; a removed cover comes back through Edit ▸ Restore a removed ground
cover…."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QLabel, QPushButton
from shapely.geometry import box

from mixplan.model import GroundCover
from mixplan.model.commands import AddCover, AddScenario, SetCover
from tests.ui.conftest import small_project
from tests.ui.helpers import click
from tests.ui.test_scenario_changes_ui import _choose_scenario

ON_C1 = (35, 25)  # on the sealed c1 box(0, 0, 40, 30), beside b1
ON_C2 = (90, 45)  # on the open soil c2 box(40, 35, 100, 50)


def covered_scenarios():
    """The small site; covers added to the existing state after S1 was made (S1
    keeps them); "Paved" seals c2 (a changed cover)."""
    project = small_project()
    AddCover("Existing", GroundCover("c1", "sealed", box(0, 0, 40, 30))).apply(project)
    AddCover("Existing", GroundCover("c2", "open_soil", box(40, 35, 100, 50))).apply(
        project
    )
    AddScenario("Paved").apply(project)
    SetCover("Paved", "c2", cover="sealed").apply(project)
    return project


def _status(window) -> str:
    return window.findChild(QLabel, "cover_status").text()


def _retype_with_down_key(window) -> None:
    """The toolbar's surface box, focused, one item down (open soil → lawn,
    sealed → surface car park): as a keyboard user does."""
    combo = window.cover_type
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)


def test_a_kept_cover_retyped_in_a_scenario_becomes_changed(make_window):
    project = covered_scenarios()
    window = make_window(project)
    document = window.document
    _choose_scenario(window, "S1")
    click(window, *ON_C2)
    assert document.cover_selection == ["c2"]
    assert _status(window) == "Kept as existing"
    take = window.findChild(QPushButton, "take_existing_cover")
    assert take.isHidden()
    _retype_with_down_key(window)
    s1 = project.scenario("S1")
    assert s1.cover["c2"].cover == "lawn"
    assert "c2" not in s1.cover_kept and "c2" in s1.cover_changed_from
    assert project.baseline.cover["c2"].cover == "open_soil"
    assert _status(window) == "Changed from the existing state"
    assert take.isVisible()
    assert document.undo_stack.count() == 1
    # Edit ▸ Undo (window shortcuts need an active window, which the offscreen
    # platform does not give).
    window.undo_action.trigger()
    assert s1.cover["c2"] is project.baseline.cover["c2"]
    assert _status(window) == "Kept as existing"
    assert window.cover_type.currentData() == "open_soil"


def test_a_correction_of_the_existing_state_and_taking_it_back(make_window, qtbot):
    project = covered_scenarios()
    window = make_window(project)
    document = window.document
    # Correct the existing state: c2 is a lawn, not planted open soil.
    click(window, *ON_C2)
    assert _status(window) == "Existing cover"
    _retype_with_down_key(window)
    assert project.baseline.cover["c2"].cover == "lawn"
    # S1 keeps c2: it shows the correction at once.
    _choose_scenario(window, "S1")
    click(window, *ON_C2)
    assert project.scenario("S1").cover["c2"].cover == "lawn"
    assert _status(window) == "Kept as existing"
    assert window.cover_type.currentData() == "lawn"
    # Paved sealed c2: it keeps its version and says so.
    _choose_scenario(window, "Paved")
    click(window, *ON_C2)
    paved = project.scenario("Paved")
    assert paved.cover["c2"].cover == "sealed"
    assert _status(window) == (
        "Changed from the existing state\n"
        "The existing state was edited after this change (U02)"
    )
    qtbot.waitUntil(
        lambda: (
            (evaluation := window.live_engine.evaluation("Paved")) is not None
            and any(f.rule == "U02" for f in evaluation.findings)
        )
    )
    take = window.findChild(QPushButton, "take_existing_cover")
    assert take.isVisible()
    QTest.mouseClick(take, Qt.MouseButton.LeftButton)
    assert paved.cover["c2"] is project.baseline.cover["c2"]
    assert "c2" in paved.cover_kept and not paved.cover_changed_from
    assert _status(window) == "Kept as existing" and take.isHidden()
    assert document.undo_stack.count() == 2  # the correction, taking it back
    document.undo_stack.undo()
    assert paved.cover["c2"].cover == "sealed"
    assert "U02" in _status(window)


def test_delete_and_restore_a_cover_in_a_scenario(make_window, qtbot):
    project = covered_scenarios()
    window = make_window(project)
    document = window.document
    _choose_scenario(window, "S1")
    click(window, *ON_C1)
    assert document.cover_selection == ["c1"]
    window.actions_["action_delete"].trigger()  # Edit ▸ Delete
    s1 = project.scenario("S1")
    assert "c1" not in s1.cover and s1.cover_removed == {"c1"}
    assert "c1" in project.baseline.cover
    assert document.undo_stack.count() == 1
    window.actions_["action_restore_cover"].trigger()  # Edit ▸ Restore…
    dialog = window.findChild(QInputDialog, "restore_cover_dialog")
    assert dialog is not None and dialog.comboBoxItems() == ["c1 — Sealed"]
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "c1" in s1.cover)
    assert s1.cover["c1"] is project.baseline.cover["c1"]
    assert "c1" in s1.cover_kept and not s1.cover_removed
    assert document.cover_selection == ["c1"]
    assert _status(window) == "Kept as existing"
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert "c1" not in s1.cover and s1.cover_removed == {"c1"}
    # A scenario that removes nothing has nothing to restore: said, not asked.
    _choose_scenario(window, "Paved")
    window.actions_["action_restore_cover"].trigger()
    assert "removes no ground cover" in window.statusBar().currentMessage()
