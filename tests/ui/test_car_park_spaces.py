"""A surface car park's spaces, typed in the toolbar; the plan and legend show it.

On the small site (conftest.py), car park p1 is box(40, 30, 60, 45) = 20 m × 15 m =
300 m²: not stated, it counts ⌊300 ÷ 25⌋ = 12 spaces; the buildings have none. c2
is a lawn, box(85, 35, 100, 50). Driven with real clicks and keys.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from shapely.geometry import box

from mixplan.model import GroundCover
from mixplan.model.commands import SetRulebookValue
from tests.ui.conftest import small_project
from tests.ui.helpers import click


def _project():
    project = small_project()
    cover = project.baseline.cover
    cover["p1"] = GroundCover("p1", "parking", box(40, 30, 60, 45))
    cover["c2"] = GroundCover("c2", "lawn", box(85, 35, 100, 50))
    return project


def _supply(qtbot, window, expected: float) -> None:
    engine, name = window.live_engine, window.document.current_scenario

    def reported() -> bool:
        evaluation = engine.evaluation(name)
        return evaluation is not None and evaluation.indicators[
            "parking_supply"
        ] == pytest.approx(expected)

    qtbot.waitUntil(reported, timeout=10_000)


def test_typed_spaces_are_one_undo_step_and_unstated_stays_unstated(qtbot, make_window):
    window = make_window(_project())
    document = window.document
    spaces = window.cover_spaces
    assert not spaces.isEnabled()  # no car park selected
    _supply(qtbot, window, 12.0)
    click(window, 50, 40)  # on p1
    assert document.cover_selection == ["p1"]
    assert spaces.isEnabled() and spaces.text() == "—"
    # an arrow on "—" does not invent a value
    QTest.keyClick(spaces, Qt.Key.Key_Up)
    assert spaces.text() == "—" and document.undo_stack.count() == 0

    spaces.setFocus()
    spaces.selectAll()
    QTest.keyClicks(spaces, "30", delay=40)
    QTest.keyClick(spaces, Qt.Key.Key_Return)
    assert document.scenario.cover["p1"].spaces == 30
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Set car spaces"
    _supply(qtbot, window, 30.0)

    QTest.keyClick(spaces, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.scenario.cover["p1"].spaces == 0
    assert spaces.text() == "—"
    _supply(qtbot, window, 12.0)

    click(window, 90, 45)  # the lawn: no spaces to edit
    assert document.cover_selection == ["c2"] and not spaces.isEnabled()
    # The tooltip gives the rulebook's area per space, as it is now.
    assert spaces.toolTip().endswith("area ÷ 25 m²")
    document.push(SetRulebookValue("assumptions", "parking_m2_per_space_gross", 30.0))
    assert spaces.toolTip().endswith("area ÷ 30 m²")
    _supply(qtbot, window, 10.0)  # ⌊300 ÷ 30⌋


def test_the_legend_lists_the_surfaces_the_plan_shows(qtbot, make_window):
    window = make_window(_project())
    legend = window.site_view.legend
    labels = [label for _kind, _colour, label in legend.entries()]
    assert "Surface car park" in labels
    assert any(label.startswith("Lawn") for label in labels)
    assert not any(label.startswith("Sealed") for label in labels)
    height = legend.height()
    click(window, 90, 45)
    window.actions_["action_delete"].trigger()  # Edit ▸ Delete
    assert list(window.document.scenario.cover) == ["p1"]
    labels = [label for _kind, _colour, label in legend.entries()]
    assert "Surface car park" in labels
    assert not any(label.startswith("Lawn") for label in labels)
    assert legend.height() < height
    # p1 drawn in the car-park colour
    (item,) = [i for i in window.site_view.site_scene.covers if i.cover_id == "p1"]
    assert item.brush().color().name().lower() == "#b0b4ba"
