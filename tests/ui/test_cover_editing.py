"""Selecting, deleting and retyping ground covers in the plan, through the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from shapely.geometry import box

from mixplan.model import GroundCover
from tests.ui.conftest import small_project
from tests.ui.helpers import click, drag, key

BASELINE = "Existing"


def covered_project():
    """The small site with two covers on the baseline.

    c1: sealed 40 m × 30 m = 1200 m², under b1 (20 m × 10 m = 200 m²), so 1000 m²
    of it counts; c2: open soil 60 m × 15 m = 900 m², clear of the buildings.
    """
    project = small_project()
    cover = project.baseline.cover
    cover["c1"] = GroundCover("c1", "sealed", box(0, 0, 40, 30))
    cover["c2"] = GroundCover("c2", "open_soil", box(40, 35, 100, 50))
    return project


def cover_item(window, cover_id):
    (item,) = [i for i in window.site_view.site_scene.covers if i.cover_id == cover_id]
    return item


def indicator(qtbot, window, name, expected):
    """Wait for the live engine to report ``name`` == expected (m²)."""
    engine = window.live_engine

    def reported() -> bool:
        evaluation = engine.evaluation(BASELINE)
        return evaluation is not None and evaluation.indicators[name] == pytest.approx(
            expected
        )

    qtbot.waitUntil(reported, timeout=10_000)


def delete(window) -> None:
    window.findChild(QAction, "action_delete").trigger()


@pytest.fixture
def window(make_window):
    return make_window(covered_project())


def test_click_selects_the_cover_and_highlights_it(window):
    document = window.document
    click(window, 35, 25)  # on c1, beside b1
    assert document.cover_selection == ["c1"]
    assert document.selection == []
    assert cover_item(window, "c1").selected
    assert not cover_item(window, "c2").selected
    assert window.findChild(QAction, "action_delete").isEnabled()
    # The type box shows the selected cover's surface.
    assert window.cover_type.currentData() == "sealed"
    click(window, 90, 45)  # on c2
    assert document.cover_selection == ["c2"]
    assert window.cover_type.currentData() == "open_soil"
    click(window, 90, 25)  # bare ground: nothing
    assert document.cover_selection == []
    assert not cover_item(window, "c2").selected


def test_a_building_over_a_cover_wins_the_click(window):
    document = window.document
    click(window, 35, 25)
    click(window, 20, 15)  # b1, which stands on c1
    assert document.selection == ["b1"]
    assert document.cover_selection == []
    assert not cover_item(window, "c1").selected


def test_shift_click_adds_covers_and_escape_clears(window):
    document = window.document
    click(window, 35, 25)
    click(window, 90, 45, Qt.KeyboardModifier.ShiftModifier)
    assert document.cover_selection == ["c1", "c2"]
    click(window, 35, 25, Qt.KeyboardModifier.ShiftModifier)
    assert document.cover_selection == ["c2"]
    key(window, Qt.Key.Key_Escape)
    assert document.cover_selection == []


def test_delete_removes_the_cover_in_one_undo_step(window):
    document = window.document
    stack = document.undo_stack
    click(window, 35, 25)
    delete(window)
    assert list(document.scenario.cover) == ["c2"]
    assert stack.count() == 1
    assert document.cover_selection == []
    assert all(i.cover_id != "c1" for i in window.site_view.site_scene.covers)
    stack.undo()
    assert list(document.scenario.cover) == ["c1", "c2"]
    assert document.scenario.cover["c1"].cover == "sealed"
    assert {i.cover_id for i in window.site_view.site_scene.covers} == {"c1", "c2"}
    stack.redo()
    assert list(document.scenario.cover) == ["c2"]


def test_delete_of_two_covers_is_one_step(window):
    document = window.document
    click(window, 35, 25)
    click(window, 90, 45, Qt.KeyboardModifier.ShiftModifier)
    delete(window)
    assert document.scenario.cover == {}
    assert document.undo_stack.count() == 1
    assert window.site_view.site_scene.covers == []
    document.undo_stack.undo()
    assert list(document.scenario.cover) == ["c1", "c2"]
    # The buildings were never touched.
    assert set(document.scenario.buildings) == {"b1", "b2"}


def test_retype_pushes_one_command_and_changes_open_soil(qtbot, window):
    document = window.document
    indicator(qtbot, window, "open_soil_m2", 900.0)  # c2 only
    click(window, 35, 25)
    window.cover_type.setCurrentIndex(window.cover_type.findData("open_soil"))
    assert document.scenario.cover["c1"].cover == "open_soil"
    assert document.undo_stack.count() == 1
    # c1 now counts off b1's footprint: 1200 − 200 = 1000 m², plus c2's 900 m².
    indicator(qtbot, window, "open_soil_m2", 1900.0)
    assert cover_item(window, "c1").cover_type == "open_soil"
    assert cover_item(window, "c1").selected  # still selected after the rebuild
    document.undo_stack.undo()
    assert document.scenario.cover["c1"].cover == "sealed"
    assert window.cover_type.currentData() == "sealed"
    indicator(qtbot, window, "open_soil_m2", 900.0)
    # Choosing the type the cover already has records nothing.
    window.cover_type.setCurrentIndex(window.cover_type.findData("sealed"))
    assert document.undo_stack.count() == 1 and document.undo_stack.index() == 0


def test_combo_without_a_selected_cover_only_sets_the_drawing_type(window):
    document = window.document
    window.cover_type.setCurrentIndex(window.cover_type.findData("yard"))
    assert document.undo_stack.count() == 0
    assert window.site_view.tools["draw_cover"].cover_type == "yard"
    assert document.scenario.cover["c1"].cover == "sealed"


def test_vertices_tool_edits_the_selected_cover(window):
    document = window.document
    window.findChild(QAction, "action_snap_grid").setChecked(True)
    click(window, 35, 25)  # c1
    window.findChild(QAction, "action_edit_vertices").trigger()
    drag(window, (40, 30), (36, 26))  # c1's north-east corner, inwards
    ring = list(document.scenario.cover["c1"].geometry.exterior.coords)
    assert (36.0, 26.0) in ring and (40.0, 30.0) not in ring
    assert document.scenario.cover["c1"].cover == "sealed"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    ring = list(document.scenario.cover["c1"].geometry.exterior.coords)
    assert (40.0, 30.0) in ring
