"""Copies made from the window with real keys: Ctrl+D on a rubber-band box
(buildings copied whole under new ids, moved 5 m east and south), and a new
scenario from the baseline (Ctrl+Shift+N, its name typed), with undo and redo."""

from __future__ import annotations

from dataclasses import fields, replace

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from shapely import affinity
from shapely.geometry import box

from mixplan.model import Building, Level
from mixplan.model.commands import AddScenario, SetBuildingAttributes
from mixplan.model.phasing import Hosting, Occupant
from mixplan.model.sameness import is_kept_version
from tests.ui.conftest import small_project
from tests.ui.helpers import answer_text_prompt, click_scenario, drag, key

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def rich_project():  # type: ignore[no-untyped-def]
    """The small site, with b3: a basement, a set-back top storey, firms, a
    lift, a green roof; S1 keeps b1 and b3 and changed b2's name."""
    project = small_project()
    project.scenarios.remove(project.scenario("S1"))
    project.baseline.buildings["b3"] = Building(
        "b3",
        "Halle",
        box(40, 30, 50, 45),
        (
            Level.of(3.0, "parking"),
            Level.of(6.0, {"craft": 0.5, "office": 0.5}, nuisance="E", load_kn_m2=10),
            Level.of(3.0, "office", polygon=box(42, 32, 48, 43)),
        ),
        basements=1,
        freight_lift_kg=2000.0,
        ramp=True,
        loading_bays=2,
        roof="green",
        occupants=(Occupant("Acme", 150.0),),
        hosts=(Hosting("Acme", 2),),
        common_parts=False,
    )
    AddScenario("S1").apply(project)
    SetBuildingAttributes("S1", "b2", name="Flats").apply(project)
    return project


def to_window(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.site_view.setFocus()


def test_ctrl_d_on_a_box_copies_each_building_whole_under_a_new_id(make_window, qtbot):
    window = make_window(rich_project())
    document = window.document
    document.set_scenario("S1")
    scene = window.site_view.site_scene
    qtbot.waitUntil(lambda: not scene.rebuilding)
    to_window(window, qtbot)
    drag(window, (5, 5), (55, 48))  # b1 and b3, not b2
    assert sorted(document.selection) == ["b1", "b3"]
    originals = {b: document.scenario.buildings[b] for b in ("b1", "b3")}
    key(window, Qt.Key.Key_D, CTRL)
    buildings = document.scenario.buildings
    copies = document.selection
    assert len(copies) == 2 and not set(copies) & {"b1", "b2", "b3"}
    assert list(buildings)[-2:] == copies  # added at the end, in the box's order
    for copy_id, original in zip(copies, originals.values(), strict=True):
        copy = buildings[copy_id]
        assert copy.name == f"{original.name} (copy)" and copy.origin is None
        assert copy.footprint.equals(affinity.translate(original.footprint, 5, -5))
        assert len(copy.levels) == len(original.levels)
        for level, before in zip(copy.levels, original.levels, strict=True):
            moved = (
                None
                if before.polygon is None
                else affinity.translate(before.polygon, 5, -5)
            )
            assert (level.polygon is None) == (moved is None)
            if moved is not None:
                assert level.polygon.equals(moved)
            assert replace(level, polygon=before.polygon) == before
        for f in fields(Building):
            if f.name not in {"id", "name", "origin", "footprint", "levels"}:
                assert getattr(copy, f.name) == getattr(original, f.name), f.name
        assert scene.buildings[copy_id].selected
    assert not scene.buildings["b1"].selected
    made = {b: buildings[b] for b in copies}
    key(window, Qt.Key.Key_Z, CTRL)
    assert set(document.scenario.buildings) == {"b1", "b2", "b3"}
    key(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert {b: document.scenario.buildings[b] for b in copies} == made
    qtbot.waitUntil(lambda: not scene.rebuilding)
    assert set(copies) <= set(scene.buildings)


def test_a_new_scenario_from_the_baseline_keeps_every_building(make_window, qtbot):
    window = make_window(rich_project())
    document = window.document
    document.set_scenario("S1")
    s1 = document.project.scenario("S1")
    to_window(window, qtbot)
    answer_text_prompt("Plan B")
    QTest.keyClick(window, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: document.current_scenario == "Plan B")
    new = document.project.scenario("Plan B")
    baseline = document.project.baseline
    assert list(new.buildings) == list(baseline.buildings)
    assert new.kept == set(baseline.buildings) and not new.changed_from
    for bid, base in baseline.buildings.items():
        assert is_kept_version(new.buildings[bid], base)
    # The versions S1 keeps are shared (values, as a scenario's copy shares).
    assert new.buildings["b1"] is s1.buildings["b1"]
    assert new.buildings["b3"] is s1.buildings["b3"]
    assert new.buildings["b2"].name == "Housing"
    scene = window.site_view.site_scene
    qtbot.waitUntil(lambda: not scene.rebuilding)
    assert {b: item.building for b, item in scene.buildings.items()} == new.buildings
    to_window(window, qtbot)
    key(window, Qt.Key.Key_Z, CTRL)
    assert not document.project.has_scenario("Plan B")
    key(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert document.project.scenario("Plan B").buildings == new.buildings


def test_undoing_a_duplicate_shows_the_scenario_duplicated_again(make_window, qtbot):
    """S1 clicked in the list, its Duplicate button clicked, "S1 bis" typed: the
    copy is shown. Ctrl+Z: the copy goes and S1 is shown again, where the user
    was (it used to be the existing state). Ctrl+Shift+Z: the copy again."""
    from PySide6.QtWidgets import QListWidget, QToolButton

    window = make_window(rich_project())
    document = window.document
    scenarios = window.findChild(QListWidget, "scenario_list")
    click_scenario(window, "S1")
    assert document.current_scenario == "S1"
    (button,) = [
        b
        for b in window.findChildren(QToolButton)
        if b.defaultAction() is window.actions_["action_scenario_duplicate"]
    ]
    answer_text_prompt("S1 bis")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: document.current_scenario == "S1 bis")
    to_window(window, qtbot)
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert not document.project.has_scenario("S1 bis")
    assert document.current_scenario == "S1"
    assert scenarios.currentItem().text().startswith("S1")
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert document.project.has_scenario("S1 bis")
