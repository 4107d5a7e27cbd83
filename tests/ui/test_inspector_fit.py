"""The inspector fits a 1280 × 800 screen: every level column visible, long
status texts wrapped (a BD TOPO origin id once pushed Height … ICPE off-screen)."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QScrollArea, QTableView

from mixplan.model.commands import AddScenario, DeleteScenario
from mixplan.ui.panels.levels import LevelsTableModel
from tests.ui.conftest import small_project

LONG_ID = "BATIMENT0000002244703140"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_level_column_is_visible_at_1280_by_800(make_window, qtbot, lang):
    project = small_project()
    DeleteScenario("S1").apply(project)
    workshop = project.baseline.buildings.pop("b1")
    # An imported building: a long id, no name, four storeys with long use mixes.
    levels = tuple(
        lv.with_uses({"craft": 0.5, "shared_services": 0.3, "urban_logistics": 0.2})
        for lv in workshop.levels
    )
    project.baseline.buildings[LONG_ID] = replace(
        workshop, id=LONG_ID, name="", levels=levels * 2
    )
    AddScenario("S1").apply(project)
    window = make_window(project)
    window.actions_[f"action_lang_{lang}"].trigger()
    window.resize(1280, 800)
    qtbot.wait(50)
    window.document.set_scenario("S1")
    window.document.set_selection([LONG_ID])
    qtbot.wait(50)
    view = window.findChild(QTableView, "levels_table")
    # What the user sees: the part of the table inside the inspector's scroll
    # area (the table itself may be wider than the dock).
    scroll = window.findChild(QScrollArea, "inspector_scroll").viewport()
    seen = QRect(scroll.mapTo(window, QPoint(0, 0)), scroll.size())
    model = view.model()
    for column in range(model.columnCount()):
        if view.isColumnHidden(column):
            continue
        rect = view.visualRect(model.index(0, column))
        left = view.viewport().mapTo(window, rect.topLeft())
        right = view.viewport().mapTo(window, rect.topRight())
        assert seen.contains(left) and seen.contains(right), (column, left, right)
    assert view.horizontalScrollBar().maximum() == 0
    status = window.panel("dock_inspector").status_label
    assert status.wordWrap() and status.width() <= view.width() + 40
    assert not view.isColumnHidden(LevelsTableModel.HEIGHT)
    if os.environ.get("MIXPLAN_SCREENSHOTS"):
        folder = os.environ["MIXPLAN_SCREENSHOTS"]
        window.grab().save(f"{folder}/inspector_1280_{lang}.png")
    window.actions_["action_lang_en"].trigger()
