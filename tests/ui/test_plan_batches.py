"""The plan at scale: footprint paths made in batches, a project read from its
file switched scenario by scenario with real clicks, baseline outlines following
edits one building at a time."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QPainterPath
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QListWidget
from shapely.geometry import MultiPolygon, Polygon, box

from mixplan.engine import evaluate
from mixplan.model.commands import (
    RemoveBuilding,
    SetFootprint,
    SetLevelUses,
)
from mixplan.store import save_project
from mixplan.ui import site_scene
from mixplan.ui.document import ProjectDocument
from mixplan.ui.items import Frame, joined_paths
from mixplan.ui.site_scene import SiteScene
from tests.ui.test_scale_views import grid

HOLED = Polygon(
    [(0, 0), (10, 0), (10, 10), (0, 10)], [[(2, 2), (4, 2), (4, 4), (2, 4)]]
)


def elements(path: QPainterPath) -> list[tuple[int, float, float]]:
    return [
        (path.elementAt(k).type.value, path.elementAt(k).x, path.elementAt(k).y)
        for k in range(path.elementCount())
    ]


def test_a_batch_path_is_the_footprint_in_scene_units():
    frame = Frame(100.0, 200.0)
    triangle = Polygon([(100, 200), (110, 200), (100, 210)])
    (path,) = frame.paths([triangle])
    # x − 100, −(y − 200): a move, then lines back to the start (0 move, 1 line).
    assert elements(path) == [
        (0, 0.0, 0.0),
        (1, 10.0, 0.0),
        (1, 0.0, -10.0),
        (1, 0.0, 0.0),
    ]
    assert path.fillRule() == Qt.FillRule.OddEvenFill


def test_batch_paths_equal_paths_made_point_by_point():
    frame = Frame(3.0, -7.0)
    shapes = [
        box(0, 0, 5, 3),
        HOLED,
        MultiPolygon([box(20, 0, 30, 10), HOLED]),
        Polygon([(1, 1), (4, 1), (2.5, 6)]),
    ]
    batch = frame.paths(shapes)
    assert len(batch) == 4
    for made, shape in zip(batch, shapes, strict=True):
        assert elements(made) == elements(frame._path_by_points(shape))
        assert made.fillRule() == Qt.FillRule.OddEvenFill
    # The hole is a hole (odd-even): its centre is outside, the ring inside.
    holed = batch[1]
    assert not holed.contains(frame.to_scene(3, 3))
    assert holed.contains(frame.to_scene(7, 7))
    # Adding to a path read back goes on like any other path.
    holed.lineTo(QPointF(50, 50))
    assert holed.elementCount() == 11


def test_a_combined_path_holds_every_ring_and_an_empty_shape_is_an_empty_path():
    frame = Frame()
    (combined,) = frame.paths([box(20, 0, 21, 1), HOLED], combined=True)
    assert combined.elementCount() == 5 + 5 + 5
    assert combined.contains(QPointF(20.5, -0.5))
    assert combined.contains(QPointF(7, -7))
    assert not combined.contains(frame.to_scene(3, 3))
    square, empty = frame.paths([box(0, 0, 1, 1), Polygon()])
    assert square.elementCount() == 5 and empty.isEmpty()
    assert frame.paths([]) == []


def test_pieces_joined_make_the_paths_of_their_groups():
    """What the plan's tiles and selection keep of each building and join."""
    frame = Frame(3.0, -7.0)
    square, triangle = box(0, 0, 5, 3), Polygon([(1, 1), (4, 1), (2.5, 6)])
    two = MultiPolygon([box(20, 0, 30, 10), HOLED])
    pieces = frame.pieces([square, HOLED, two, triangle])
    # A square is 5 elements of 20 bytes, its one ring starting at 0; the holed
    # square's hole starts at its 6th element; the multipolygon's last ring
    # (the hole of its second part) at its 11th.
    assert [(len(data), last) for data, last in pieces] == [
        (100, 0),
        (200, 5),
        (300, 10),
        (80, 0),
    ]
    first, second, lone, nothing = joined_paths(
        [[pieces[0], pieces[1]], [pieces[2], pieces[3]], [pieces[3]], []]
    )
    assert elements(first) == elements(frame._path_by_points(square)) + elements(
        frame._path_by_points(HOLED)
    )
    assert elements(second) == elements(frame._path_by_points(two)) + elements(
        frame._path_by_points(triangle)
    )
    assert elements(lone) == elements(frame._path_by_points(triangle))
    for path in (first, second, lone, nothing):
        assert path.fillRule() == Qt.FillRule.OddEvenFill
    assert nothing.isEmpty()
    # The hole is still a hole (clear of the square), and a path goes on
    # where its last ring began.
    assert not first.contains(frame.to_scene(3, 3.5))
    assert first.contains(frame.to_scene(7, 7))
    first.lineTo(QPointF(50, 50))
    first.closeSubpath()  # back to the hole's first point
    assert first.elementAt(first.elementCount() - 1).x == 2.0 - 3.0
    assert frame.pieces([]) == [] and joined_paths([]) == []


def _choose_scenario(window, name: str) -> None:
    scenarios = window.findChild(QListWidget, "scenario_list")
    (item,) = scenarios.findItems(name, Qt.MatchFlag.MatchStartsWith)
    QTest.mouseClick(
        scenarios.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        scenarios.visualItemRect(item).center(),
    )


def _footprint_rect(scene: SiteScene, footprint) -> tuple[float, ...]:
    rect = scene.model_rect(footprint.bounds)
    return tuple(round(v, 6) for v in rect.getCoords())


def _shows(scene: SiteScene, scenario) -> None:
    assert set(scene.buildings) == set(scenario.buildings)
    for building_id, building in scenario.buildings.items():
        item = scene.buildings[building_id]
        assert item.building is building
        drawn = tuple(round(v, 6) for v in item.path().boundingRect().getCoords())
        assert drawn == _footprint_rect(scene, building.footprint), building_id
        assert item.family == building.dominant_family(), building_id


def test_switching_a_project_read_from_its_file_shows_each_scenarios_buildings(
    make_window, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)  # a slice per chunk
    project = grid(600)
    RemoveBuilding("S", "b5").apply(project)
    SetFootprint("S", "b7", box(84, 0, 100, 20)).apply(project)
    SetLevelUses("S", "b9", 1, {"office": 1.0}).apply(project)
    path = tmp_path / "grid.mixplan.gpkg"
    save_project(project, path)
    window = make_window(project_path=path)
    scene = window.site_view.site_scene
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=10_000)
    document = window.document
    _shows(scene, document.project.baseline)
    assert not scene.baseline_outlines.items

    with qtbot.waitSignal(scene.rebuilt, timeout=10_000):
        _choose_scenario(window, "S")
    assert document.current_scenario == "S"
    _shows(scene, document.scenario)
    assert "b5" not in scene.buildings
    # Read back from the file, the kept footprints are equal but new objects:
    # outlined are only the removed and the moved building.
    assert set(scene._outlined) == {"b5", "b7"}
    assert scene.baseline_outlines.items

    with qtbot.waitSignal(scene.rebuilt, timeout=10_000):
        _choose_scenario(window, "Existing")
    _shows(scene, document.project.baseline)
    assert not scene.baseline_outlines.items


def test_baseline_outlines_follow_edits_one_building_at_a_time(qtbot):
    document = ProjectDocument(grid(40))
    scene = SiteScene(document)
    document.set_scenario("S")
    assert scene._outlined == {} and not scene.baseline_outlines.items
    document.push(SetFootprint("S", "b3", box(36, 0, 50, 8)))
    assert set(scene._outlined) == {"b3"}
    (tile,) = scene.baseline_outlines.items.values()
    outline = tile.path().boundingRect()
    assert outline == scene.model_rect((36.0, 0.0, 44.0, 8.0))  # b3 as it was
    document.push(RemoveBuilding("S", "b4"))
    assert set(scene._outlined) == {"b3", "b4"}
    document.push(SetLevelUses("S", "b6", 1, {"office": 1.0}))  # footprint kept
    assert set(scene._outlined) == {"b3", "b4"}
    # The baseline's b3 moved (seen from S, which changed b3): its outline follows,
    # into the next 150 m tile north; b4's tile stays as it was drawn.
    b4_tile = scene.baseline_outlines.items[(0, 0)]
    document.push(SetFootprint("Existing", "b3", box(36, 200, 44, 208)))
    assert set(scene.baseline_outlines.items) == {(0, 0), (0, 1)}
    moved = scene.baseline_outlines.items[(0, 1)].path().boundingRect()
    assert moved == scene.model_rect((36.0, 200.0, 44.0, 208.0))
    assert scene.baseline_outlines.items[(0, 0)] is b4_tile
    document.undo_stack.undo()
    document.undo_stack.undo()
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert scene._outlined == {} and not scene.baseline_outlines.items


def test_the_error_count_comes_with_the_evaluation(qtbot):
    from mixplan.ui.live_engine import LiveEngine

    project = grid(30)
    SetLevelUses("S", "b2", 0, {"housing": 1.0}).apply(project)
    document = ProjectDocument(project)
    engine = LiveEngine(document)
    try:
        qtbot.waitUntil(lambda: engine.evaluation("S") is not None, timeout=10_000)
        expected = sum(f.severity == "error" for f in evaluate(project, "S").findings)
        assert engine._errors["S"][0] is engine.evaluation("S")
        assert engine.error_count("S") == expected
    finally:
        engine.shutdown()


def _outlined_in_red(scene: SiteScene) -> set[str]:
    """Buildings the error outlines go round (centre inside, one ring each)."""
    paths = [item.path() for item in scene.errors.items.values()]
    rings = sum(
        path.elementAt(k).type.value == 0  # one move-to a ring
        for path in paths
        for k in range(path.elementCount())
    )
    inside = {
        building_id
        for building_id, item in scene.buildings.items()
        if any(path.contains(item.sceneBoundingRect().center()) for path in paths)
    }
    assert rings == len(inside)
    return inside


def test_thousands_of_error_outlines_are_a_path_a_tile_and_the_latest_wins(qtbot):
    from mixplan.ui.items import _ERROR, _OUTLINE, Z_BUILDING, Z_ERRORS
    from mixplan.ui.outline_tiles import TILE_M

    document = ProjectDocument(grid(600))
    scene = SiteScene(document)
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=10_000)
    first = {f"b{k}" for k in range(0, 600, 2)}
    scene.set_error_ids(first)
    assert _outlined_in_red(scene) == first
    # The grid is 20 buildings of 12 m a row, 30 rows: 240 m × 360 m.
    assert TILE_M == 150.0
    assert set(scene.errors.items) == {(x, y) for x in (0, 1) for y in (0, 1, 2)}
    second = {f"b{k}" for k in range(0, 600, 3)}
    scene.set_error_ids(second)
    assert _outlined_in_red(scene) == second
    # Drawn over every building; the buildings keep their own outline.
    for tile in scene.errors.items.values():
        assert tile.pen() == _ERROR
        assert tile.zValue() == Z_ERRORS > Z_BUILDING + 0.5
    assert all(item.pen() == _OUTLINE for item in scene.buildings.values())
    # b0 (x 0–8) and b19 (x 228–236) lie in two tiles: only those two change.
    kept = {tile: item.path() for tile, item in scene.errors.items.items()}
    scene.set_error_ids(second - {"b0"} | {"b19"})
    assert _outlined_in_red(scene) == second - {"b0"} | {"b19"}
    redrawn = {t for t, item in scene.errors.items.items() if item.path() != kept[t]}
    assert redrawn == {(0, 0), (1, 0)}
    scene.set_error_ids(set())
    assert scene.errors.items == {}


def test_thousands_of_new_error_outlines_are_drawn_in_slices(qtbot):
    from mixplan.ui.outline_tiles import PLACE_CHUNK

    document = ProjectDocument(grid(2000))
    scene = SiteScene(document)
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=20_000)
    marked = {f"b{k}" for k in range(0, 2000, 2)}  # 1,000: more than a chunk
    assert len(marked) > PLACE_CHUNK
    scene.set_error_ids(marked)
    assert scene.marking and _outlined_in_red(scene) == set()  # from next turn
    scene.set_error_ids(marked | {"b1"})  # meanwhile: the latest wins
    qtbot.waitUntil(lambda: not scene.marking, timeout=10_000)
    assert _outlined_in_red(scene) == marked | {"b1"}
    scene.set_error_ids(marked - {"b0"})  # two changes: at once
    assert not scene.marking
    assert _outlined_in_red(scene) == marked - {"b0"}


def test_an_error_outline_follows_its_building_moved_or_removed(qtbot):
    document = ProjectDocument(grid(40))
    document.set_scenario("S")
    scene = SiteScene(document)
    scene.set_error_ids({"b3", "b4"})
    assert set(scene.errors.items) == {(0, 0)}  # 150 m tiles
    document.push(SetFootprint("S", "b3", box(36, 200, 44, 208)))  # moved north
    assert _outlined_in_red(scene) == {"b3", "b4"}
    assert set(scene.errors.items) == {(0, 0), (0, 1)}
    moved = scene.errors.items[(0, 1)].path().boundingRect()
    assert moved == scene.model_rect((36.0, 200.0, 44.0, 208.0))
    document.push(RemoveBuilding("S", "b4"))
    assert _outlined_in_red(scene) == {"b3"}
    document.undo_stack.undo()
    assert _outlined_in_red(scene) == {"b3", "b4"}


def test_a_job_overtaken_by_an_edit_stops_after_the_current_scenario(qtbot):
    from mixplan.ui.live_engine import _Worker

    project = grid(30)
    worker = _Worker()
    evaluated, grouped, finished, steps = [], [], [], []
    worker.evaluated.connect(lambda _g, name, *_rest: evaluated.append(name))
    worker.grouped.connect(lambda _g, name, *_rest: grouped.append(name))
    worker.evaluated.connect(lambda _g, name, *_rest: steps.append(("figures", name)))
    worker.grouped.connect(lambda _g, name, *_rest: steps.append(("groups", name)))
    worker.finished.connect(lambda generation, _ms: finished.append(generation))
    worker.run(1, project.snapshot(), None, ["S", "Existing"])
    # The current scenario's figures and groups first; the other's groups last,
    # made ready for a switch.
    assert steps == [
        ("figures", "S"),
        ("groups", "S"),
        ("figures", "Existing"),
        ("groups", "Existing"),
    ]
    assert finished == [1]
    evaluated.clear(), grouped.clear()
    worker.interrupted = True  # an edit came while the job ran
    worker.run(2, project.snapshot(), [], ["Existing", "S"])
    # The current scenario is shown (newer figures come next), nothing else.
    assert evaluated == ["Existing"] and grouped == [] and finished == [1, 2]


def test_a_project_replaced_leaves_none_of_its_items_and_they_are_no_ones_meanwhile(
    qtbot, monkeypatch
):
    from mixplan.ui.items import BuildingItem
    from mixplan.ui.site_view import SiteView

    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)
    document = ProjectDocument(grid(600))
    view = SiteView(document)
    qtbot.addWidget(view)
    view.resize(600, 500)
    view.show()
    qtbot.waitExposed(view)
    scene = view.site_scene
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=10_000)
    old = scene.buildings["b0"]  # removed last (the slices take from the end)
    view.centerOn(old)
    at_old = view.mapFromScene(old.sceneBoundingRect().center())
    assert view.building_item_at(at_old) is old
    document.replace_project(grid(200), None)
    assert scene.rebuilding  # 600 old items to remove, in slices
    assert old.scene() is scene and not scene.shows(old)
    assert view.building_item_at(at_old) is None  # not clickable meanwhile
    with qtbot.waitSignal(scene.rebuilt, timeout=10_000):
        pass
    items = [i for i in scene.items() if isinstance(i, BuildingItem)]
    assert len(items) == 200 and all(scene.shows(i) for i in items)
    assert old.scene() is None
    _shows(scene, document.scenario)


def test_a_height_typed_while_the_plan_is_drawn_in_slices_lands_and_undoes(
    make_window, qtbot, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QDoubleSpinBox, QTableView

    from tests.ui.helpers import click

    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)
    project = grid(2000)  # b0: box(0, 0, 8, 8), craft 4.0 m under housing 3.0 m
    SetLevelUses("S", "b9", 1, {"office": 1.0}).apply(project)
    path = tmp_path / "grid.mixplan.gpkg"
    save_project(project, path)
    window = make_window(project_path=path)
    scene, document = window.site_view.site_scene, window.document
    engine = window.live_engine
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=20_000)
    qtbot.waitUntil(lambda: engine.evaluation("S") is not None, timeout=60_000)
    before = engine.evaluation("S").indicators

    _choose_scenario(window, "S")  # the switch draws the plan in slices
    assert document.current_scenario == "S" and scene.rebuilding
    click(window, 4, 4)
    assert document.selection == ["b0"]
    # Meanwhile, type 1.5 m as b0's ground-floor height (no floor area: R111-22).
    table = window.findChild(QTableView, "levels_table")
    model = table.model()
    table.setFocus()
    table.setCurrentIndex(model.index(model.rowCount() - 1, model.HEIGHT))
    QTest.keyClick(table, Qt.Key.Key_F2)
    editor = table.viewport().findChild(QDoubleSpinBox)
    editor.selectAll()
    QTest.keyClicks(editor, "1.5")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert scene.rebuilding  # the edit landed during the slices
    s = document.project.scenario("S")
    assert s.buildings["b0"].levels[0].height_m == 1.5
    assert document.project.baseline.buildings["b0"].levels[0].height_m == 4.0
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=20_000)
    _shows(scene, document.scenario)  # b0's item holds the edited value
    qtbot.waitUntil(
        lambda: engine.evaluation("S").indicators["sdp_m2"] < before["sdp_m2"],
        timeout=60_000,
    )

    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.project.scenario("S").buildings["b0"].levels[0].height_m == 4.0
    assert scene.buildings["b0"].building is document.scenario.buildings["b0"]
    qtbot.waitUntil(lambda: engine.evaluation("S").indicators == before, timeout=60_000)


def test_changed_from_baseline_sees_through_a_redrawn_ring_and_not_past_a_move():
    from mixplan.model import Building, Level, Scenario
    from mixplan.ui.site_scene import changed_from_baseline

    storey = (Level.of(3.0, "office"),)
    square = box(0, 0, 10, 10)
    base = Scenario.of(
        "E", [Building(k, k.upper(), square, storey) for k in ("a", "b", "c", "d", "e")]
    )
    started_elsewhere = Polygon([(10, 0), (10, 10), (0, 10), (0, 0)])
    extra_vertex = Polygon([(0, 0), (5, 0), (10, 0), (10, 10), (0, 10)])
    taller = box(0, 0, 10, 10.001)  # bounds differ by 1 mm
    same_bounds_other_shape = Polygon([(0, 0), (10, 0), (10, 10), (5, 5), (0, 10)])
    scenario = Scenario.of(
        "S",
        [
            Building("a", "A", started_elsewhere, storey),
            Building("b", "B", extra_vertex, storey),
            Building("c", "C", taller, storey),
            Building("e", "E", same_bounds_other_shape, storey),
        ],
    )
    # d was removed; c and e changed shape; a and b are the same square.
    assert [b.id for b in changed_from_baseline(base, scenario)] == ["c", "d", "e"]
    assert [b.id for b in changed_from_baseline(base, scenario, ["a", "e"])] == ["e"]


def test_error_outlines_set_during_a_rebuild_wait_for_its_end(qtbot, monkeypatch):
    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)
    document = ProjectDocument(grid(600))
    scene = SiteScene(document)
    assert scene.rebuilding
    scene.set_error_ids({"b0", "b599"})  # the rebuild runs: drawn at its end
    assert scene.marking and scene.errors.items == {}
    with qtbot.waitSignal(scene.rebuilt, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: not scene.marking, timeout=5000)
    assert _outlined_in_red(scene) == {"b0", "b599"}


def _switch_sampling(qtbot, window, name: str, sample) -> None:  # type: ignore[no-untyped-def]
    """Switch to ``name`` through the scenarios dock, ``sample()`` run at every
    turn of the event loop until the plan is rebuilt."""
    ticks = _each_turn(sample)
    try:
        with qtbot.waitSignal(window.site_view.site_scene.rebuilt, timeout=10_000):
            _choose_scenario(window, name)
    finally:
        ticks.stop()


def _each_turn(step) -> QTimer:  # type: ignore[no-untyped-def]
    """``step()`` run at every turn of the event loop until the timer is stopped."""
    ticks = QTimer()
    ticks.timeout.connect(step)
    ticks.start(0)
    return ticks


def test_a_switch_compares_the_baseline_in_steps_and_outlines_as_at_once(
    make_window, qtbot, monkeypatch
):
    """A large switch compares the baseline with the scenario a few buildings a
    step (many turns of the event loop), and ends with the outlines an unsliced
    comparison gives: the same buildings, in the same order, in the same tiles."""
    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)  # a slice per step
    monkeypatch.setattr(site_scene, "BASELINE_A_STEP", 50)  # 600: 12 steps
    project = grid(600)
    RemoveBuilding("S", "b5").apply(project)
    SetFootprint("S", "b7", box(84, 0, 100, 20)).apply(project)
    SetFootprint("S", "b300", box(0, 180, 9, 189)).apply(project)
    window = make_window(project)
    scene = window.site_view.site_scene
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=10_000)
    seen: list[int] = []  # how far the comparison got, at each turn

    def sample() -> None:
        if scene._baseline_search is not None:
            seen.append(scene._baseline_at)

    _switch_sampling(qtbot, window, "S", sample)
    assert len(set(seen)) >= 2 and all(0 < at < 600 for at in seen)
    assert list(scene._outlined) == ["b5", "b7", "b300"]
    assert scene.baseline_outlines.outlined() == {"b5", "b7", "b300"}
    sliced = {
        t: i.path().boundingRect() for t, i in scene.baseline_outlines.items.items()
    }
    # The same switch compared at once.
    monkeypatch.setattr(site_scene, "BASELINE_A_STEP", 10_000)
    with qtbot.waitSignal(scene.rebuilt, timeout=10_000):
        _choose_scenario(window, "Existing")
    assert not scene._outlined and not scene.baseline_outlines.items
    with qtbot.waitSignal(scene.rebuilt, timeout=10_000):
        _choose_scenario(window, "S")
    assert list(scene._outlined) == ["b5", "b7", "b300"]
    at_once = {
        t: i.path().boundingRect() for t, i in scene.baseline_outlines.items.items()
    }
    assert at_once == sliced


def test_an_edit_while_the_baseline_is_compared_in_steps_is_outlined(
    make_window, qtbot, monkeypatch
):
    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)
    monkeypatch.setattr(site_scene, "BASELINE_A_STEP", 50)
    window = make_window(grid(600))
    scene = window.site_view.site_scene
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=10_000)
    edited: list[int] = []

    def edit_halfway() -> None:
        # An edit of S once half the baseline is compared: a building already
        # compared moves, one still to compare is removed.
        if not edited and scene._baseline_search is not None:
            if scene._baseline_at >= 300:
                edited.append(scene._baseline_at)
                window.document.push(SetFootprint("S", "b1", box(12, 0, 30, 9)))
                window.document.push(RemoveBuilding("S", "b590"))

    ticks = _each_turn(edit_halfway)
    try:
        _choose_scenario(window, "S")
        qtbot.waitUntil(lambda: bool(edited), timeout=10_000)
    finally:
        ticks.stop()
    assert edited[0] < 600
    qtbot.waitUntil(lambda: not scene.rebuilding and not scene.marking, timeout=10_000)
    assert list(scene._outlined) == ["b1", "b590"]
    assert scene.baseline_outlines.outlined() == {"b1", "b590"}


def test_zoomed_out_a_switch_leaves_its_new_buildings_to_their_tiles(
    make_window, qtbot, monkeypatch
):
    """Zoomed out, the buildings a switch adds are drawn by their tiles once
    drawn, never one by one meanwhile (a progress repaint of 100,000 buildings
    drew thousands of them), and the plan ends as the items would draw it."""
    from PySide6.QtGui import QAction

    from tests.ui.test_plan_tiles import OUT, same_picture_as_the_items, zoom

    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)  # a slice per step
    project = grid(600)
    removed = [f"b{k}" for k in range(0, 600, 3)]
    for building_id in removed:
        RemoveBuilding("S", building_id).apply(project)
    window = make_window(project)
    window.findChild(QAction, "action_show_labels").setChecked(False)
    scene = window.site_view.site_scene
    with qtbot.waitSignal(scene.rebuilt, timeout=10_000):
        _choose_scenario(window, "S")
    zoom(window, qtbot, OUT)
    assert scene.fills.shown
    drew_itself: set[str] = set()
    made: set[str] = set()

    def sample() -> None:
        if scene.rebuilding:
            for building_id in removed:
                item = scene.buildings.get(building_id)
                if item is not None:
                    made.add(building_id)
                    if not item.tiled:
                        drew_itself.add(building_id)

    _switch_sampling(qtbot, window, "Existing", sample)
    assert len(made) > 100  # (seen while the rebuild ran)
    assert not drew_itself
    _shows(scene, window.document.project.baseline)
    assert all(scene.buildings[b].tiled for b in removed)
    assert same_picture_as_the_items(window, qtbot)


def test_zoomed_out_the_pixmap_cache_holds_the_outline_pictures(make_window, qtbot):
    """The outline tiles keep their pictures in Qt's pixmap cache zoomed out:
    the cache is made room for all of them (at 100,000 buildings they did not
    fit in its default 10 MB and were all made again at each repaint), and for
    the selected paths' pictures."""
    from PySide6.QtGui import QPixmapCache

    from tests.ui.test_plan_tiles import OUT, zoom

    limit = QPixmapCache.cacheLimit()
    QPixmapCache.setCacheLimit(1)  # (KB: smaller than any picture)
    try:
        window = make_window(grid(600))
        scene = window.site_view.site_scene
        with qtbot.waitSignal(scene.rebuilt, timeout=10_000):
            _choose_scenario(window, "S")
        zoom(window, qtbot, OUT)
        # 240 x 360 m: tiles of 150 m, 2 x 3 of them (hand-counted)
        assert len(scene.fills.items) == 6
        side = 150 * OUT + 32
        outlines = math.ceil(2 * 6 * side**2 * 6 / 1024)
        # and the selected paths': 6 families, 1024 px a side at most, 4 bytes
        selection = 6 * 1024 * 1024 * 4 // 1024
        assert QPixmapCache.cacheLimit() == outlines + selection
    finally:
        QPixmapCache.setCacheLimit(limit)
