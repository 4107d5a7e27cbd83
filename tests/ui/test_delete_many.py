"""Deleting many buildings with the keyboard: one undo step, undone in place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from shapely.geometry import box

from mixplan.model import Building, Level, Project
from mixplan.model.commands import AddScenario, SetLevelHeight
from mixplan.model.project import Site
from tests.ui.helpers import click, drag, key


def _row_of_sheds() -> Project:
    """Eight sheds in a row, 10 m wide every 15 m; "Plan" changes every other."""
    project = Project.new("row")
    project.site = Site(box(0, 0, 130, 40))
    for k in range(8):
        project.baseline.buildings[f"s{k}"] = Building(
            f"s{k}",
            f"Shed {k}",
            box(5 + 15 * k, 10, 15 + 15 * k, 25),
            (Level.of(6.0, "craft"), Level.of(3.0, "office")),
        )
    AddScenario("Plan").apply(project)
    for k in range(0, 8, 2):
        SetLevelHeight("Plan", f"s{k}", 1, 3.5).apply(project)
    return project


def test_a_box_of_buildings_deleted_then_undone_in_place(make_window, qtbot):
    window = make_window(_row_of_sheds())
    window.document.set_scenario("Plan")
    plan = window.document.project.scenario("Plan")
    order = list(plan.buildings)
    changed = list(plan.changed_from)
    window.activateWindow()  # the shortcuts reach an active window
    qtbot.waitUntil(window.isActiveWindow)
    window.site_view.setFocus()
    drag(window, (33, 5), (92, 35))  # s2 to s5 (s1 ends at 30, s6 starts at 95)
    assert sorted(window.document.selection) == ["s2", "s3", "s4", "s5"]
    key(window, Qt.Key.Key_Delete)
    assert list(plan.buildings) == ["s0", "s1", "s6", "s7"]
    assert sorted(plan.removed) == ["s2", "s3", "s4", "s5"]
    stack = window.document.undo_stack
    assert stack.undoText() == "Delete 4 buildings"
    key(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert list(plan.buildings) == order  # each back in its place
    assert list(plan.changed_from) == changed
    assert not plan.removed
    scene = window.site_view.site_scene
    assert set(scene.buildings) == set(order)


def test_duplicated_buildings_take_the_free_ids_in_turn(make_window, qtbot):
    """Copies are named n1, n2… skipping ids taken in any scenario (n2 here)."""
    from dataclasses import replace

    project = _row_of_sheds()
    taken = replace(project.baseline.buildings["s7"], id="n2")
    project.scenario("Plan").buildings["n2"] = replace(taken, origin=None)
    window = make_window(project)
    window.document.set_scenario("Plan")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.site_view.setFocus()
    drag(window, (3, 5), (47, 35))  # s0, s1, s2
    assert sorted(window.document.selection) == ["s0", "s1", "s2"]
    key(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert sorted(window.document.selection) == ["n1", "n3", "n4"]
    plan = window.document.project.scenario("Plan")
    assert plan.buildings["n3"].name == "Shed 1 (copy)"
    # one undo step, undone and redone whole, each copy back in its place
    order = list(plan.buildings)
    stack = window.document.undo_stack
    assert stack.undoText() == "Duplicate buildings"
    key(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert list(plan.buildings) == [b for b in order if b not in ("n1", "n3", "n4")]
    key(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert list(plan.buildings) == order


def test_hundreds_deleted_and_undone_come_back_on_the_plan(make_window, qtbot):
    """300 buildings (more than one slice of the plan's rebuild): Ctrl+A, Delete,
    Ctrl+Z; the plan shows every building again, in its place (a click on one
    selects it), in the order of the scenario."""
    from tests.ui.helpers import click

    project = Project.new("grid")
    project.site = Site(box(0, 0, 300, 300))
    for k in range(300):
        x, y = 15 * (k % 20), 15 * (k // 20)
        project.baseline.buildings[f"g{k}"] = Building(
            f"g{k}",
            f"Hall {k}",
            box(x + 1, y + 1, x + 11, y + 11),
            (Level.of(5.0, "craft"),),
        )
    AddScenario("Plan").apply(project)
    window = make_window(project)
    window.document.set_scenario("Plan")
    scene = window.site_view.site_scene
    qtbot.waitUntil(lambda: not scene.rebuilding)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.site_view.setFocus()
    key(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(window.document.selection) == 300
    key(window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not scene.rebuilding and not scene.buildings)
    key(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not scene.rebuilding and len(scene.buildings) == 300)
    plan = window.document.project.scenario("Plan")
    assert list(plan.buildings) == [f"g{k}" for k in range(300)]
    key(window, Qt.Key.Key_Escape)
    click(window, 15 * 7 + 6, 15 * 11 + 6)  # g227: column 7, row 11
    assert window.document.selection == ["g227"]


def test_a_copy_moves_its_levels_own_outlines_too(make_window, qtbot):
    """Ctrl+D: the copy 5 m east and 5 m south, a set-back storey's own outline
    with it; a storey without one keeps none (it follows the footprint)."""
    project = Project.new("setback")
    project.site = Site(box(0, 0, 100, 60))
    project.baseline.buildings["a"] = Building(
        "a",
        "Halle",
        box(10, 20, 40, 40),
        (
            Level.of(5.0, "craft"),
            Level.of(3.0, "housing", polygon=box(10, 20, 30, 40)),
        ),
    )
    window = make_window(project)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.site_view.setFocus()
    click(window, 35, 25)
    key(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    (copy_id,) = window.document.selection
    copy = window.document.scenario.buildings[copy_id]
    assert copy.footprint.bounds == (15.0, 15.0, 45.0, 35.0)
    assert copy.levels[0].polygon is None
    assert copy.levels[1].polygon.bounds == (15.0, 15.0, 35.0, 35.0)
    assert copy.name == "Halle (copy)" and copy.origin is None


def test_edits_undone_and_redone_with_keys_restore_every_record(make_window, qtbot):
    """Ctrl+A and Ctrl+D, Ctrl+A and Delete; then Ctrl+Z twice and
    Ctrl+Shift+Z twice: every scenario's records, orders included, are at each
    step what they were (each edit's result is captured when it is first
    undone, the later one undone first)."""
    from tests.model.test_remove_buildings import _state

    window = make_window(_row_of_sheds())
    document = window.document
    document.set_scenario("Plan")
    project = document.project
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.site_view.setFocus()
    start = _state(project)
    key(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    key(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    copied = _state(project)
    copies = sorted(document.selection)
    assert copies == [f"n{k}" for k in range(1, 9)]
    key(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    key(window, Qt.Key.Key_Delete)
    plan = project.scenario("Plan")
    assert not plan.buildings and list(plan.removed) == [f"s{k}" for k in range(8)]
    deleted = _state(project)
    assert copied != start
    undo, shift = Qt.Key.Key_Z, Qt.KeyboardModifier.ShiftModifier
    ctrl = Qt.KeyboardModifier.ControlModifier
    key(window, undo, ctrl)
    assert _state(project) == copied
    key(window, undo, ctrl)
    assert _state(project) == start
    key(window, undo, ctrl | shift)
    assert _state(project) == copied
    key(window, undo, ctrl | shift)
    assert _state(project) == deleted
    key(window, undo, ctrl)
    key(window, undo, ctrl)
    assert _state(project) == start


def test_an_edit_notes_its_result_at_a_later_turn_if_nothing_changed_since(
    make_window, qtbot
):
    """Ctrl+A, Ctrl+D: at a later turn of the event loop the copy notes what
    it left (its undo then has less to do). Ctrl+A, Ctrl+D, Ctrl+A, Delete
    pressed without a turn between: that second copy does not (the delete
    changed the project first) and notes it at its undo. Undo and redo give
    every record back either way."""
    from tests.model.test_remove_buildings import _state

    window = make_window(_row_of_sheds())
    document = window.document
    document.set_scenario("Plan")
    project, stack = document.project, document.undo_stack
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.site_view.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    states = [_state(project)]
    key(window, Qt.Key.Key_A, ctrl)
    key(window, Qt.Key.Key_D, ctrl)
    first = stack.command(0).command
    qtbot.waitUntil(lambda: first._after is not None)
    states.append(_state(project))
    key(window, Qt.Key.Key_A, ctrl)
    key(window, Qt.Key.Key_D, ctrl)
    states.append(_state(project))
    key(window, Qt.Key.Key_A, ctrl)
    key(window, Qt.Key.Key_Delete)
    states.append(_state(project))
    second, third = stack.command(1).command, stack.command(2).command
    qtbot.waitUntil(lambda: third._after is not None)
    assert second._after is None
    for state in reversed(states[:-1]):
        key(window, Qt.Key.Key_Z, ctrl)
        assert _state(project) == state
    assert second._after is not None  # (noted at its undo)
    plan = project.scenario("Plan")
    for state in states[1:]:
        key(window, Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier)
        # (the removals' order aside: see the test above)
        plan.removed = dict(sorted(plan.removed.items()))
        assert _state(project) == state


def _sheds_1200(height: float) -> Project:
    """1,200 sheds of 10 m × 10 m in rows of 40, one craft level ``height`` high."""
    project = Project.new("rows")
    project.site = Site(box(0, 0, 600, 480))
    for k in range(1200):
        x, y = 15 * (k % 40), 15 * (k // 40)
        project.baseline.buildings[f"s{k}"] = Building(
            f"s{k}",
            f"Shed {k}",
            box(x, y, x + 10, y + 10),
            (Level.of(height, "craft"),),
        )
    return project


def test_french_counts_of_a_selection_are_grouped_as_french_writes_them(
    make_window, qtbot
):
    """1 200 sheds selected: "1 200" in the inspector and the history, not "1200"."""
    project = _sheds_1200(6.0)
    window = make_window(project)
    window.actions_["action_lang_fr"].trigger()
    try:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.site_view.setFocus()
        key(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        assert len(window.document.selection) == 1200
        status = window.panel("dock_inspector").status_label.text()
        assert "1\u202f200 sélectionnés" in status or "1\xa0200 sélectionnés" in status
        key(window, Qt.Key.Key_Delete)
        label = window.document.undo_stack.undoText()
        assert label in (
            "Supprimer 1\u202f200 bâtiments",
            "Supprimer 1\xa0200 bâtiments",
        )
    finally:
        window.actions_["action_lang_en"].trigger()


def test_french_counts_of_findings_are_grouped_as_french_writes_them(
    make_window, qtbot
):
    """1 200 sheds of 3 m ground floors (too low to be productive-grade, C13):
    the findings' summary says "1 204 avertissements" in French, not "1204",
    and "1,204 warnings" in English."""
    import re

    project = _sheds_1200(3.0)
    window = make_window(project)
    panel = window.panel("dock_findings")
    window.actions_["action_lang_en"].trigger()
    qtbot.waitUntil(lambda: window.live_engine.settled, timeout=30_000)
    qtbot.waitUntil(lambda: "warnings" in panel.summary.text(), timeout=10_000)
    # (and four about the site: 1,204)
    assert "1,204 warnings" in panel.summary.text()
    window.actions_["action_lang_fr"].trigger()
    try:
        qtbot.waitUntil(
            lambda: "avertissements" in panel.summary.text(), timeout=10_000
        )
        summary = panel.summary.text()
        assert re.search("1[\u202f\xa0]204 avertissements", summary), summary
        assert not re.search(r"\d{4}", summary), summary
    finally:
        window.actions_["action_lang_en"].trigger()
