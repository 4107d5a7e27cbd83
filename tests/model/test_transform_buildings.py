"""Moving or turning many buildings as one edit (TransformBuildings, what the
move and rotate tools push): the footprints of one SetFootprint a building,
coordinate for coordinate, levels' own outlines carried along, undone and
redone exactly."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import affinity
from shapely.geometry import box

from mixplan.model.commands import (
    CompoundCommand,
    SetFootprint,
    TransformBuildings,
)
from mixplan.model.errors import ModelError
from mixplan.model.geometry import rotation, translation
from tests.model.test_remove_buildings import _park, _state


def _coordinates(p, name: str) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    return {
        bid: shapely.get_coordinates(b.footprint)
        for bid, b in p.scenario(name).buildings.items()
    }


def test_a_move_by_hand() -> None:
    p = _park(4)
    command = TransformBuildings("Plan", ["b1", "n1"], translation(2.5, -1.0))
    change = command.apply(p)
    plan = p.scenario("Plan")
    # b1: box(30, 0, 50, 15); n1 (k = 5): box(150, 0, 170, 15)
    assert plan.buildings["b1"].footprint.bounds == (32.5, -1.0, 52.5, 14.0)
    assert plan.buildings["n1"].footprint.bounds == (152.5, -1.0, 172.5, 14.0)
    assert plan.buildings["b2"].footprint.bounds == (60.0, 0.0, 80.0, 15.0)
    assert change.scenario == "Plan" and change.buildings == {"b1", "n1"}
    assert "b1" not in plan.kept  # moved in the scenario: changed from the baseline
    assert p.baseline.buildings["b1"].footprint.bounds == (30.0, 0.0, 50.0, 15.0)


def test_a_quarter_turn_by_hand() -> None:
    p = _park(4)
    # b0 of the baseline: box(0, 0, 20, 15) turned about (10, 7.5)
    TransformBuildings("Existing", ["b0"], rotation(90.0, (10.0, 7.5))).apply(p)
    bounds = p.baseline.buildings["b0"].footprint.bounds
    assert bounds == pytest.approx((2.5, -2.5, 17.5, 17.5), abs=1e-12)


def test_levels_outlines_of_their_own_move_with_the_footprint() -> None:
    p = _park(3)
    b1 = p.baseline.buildings["b1"]
    setback = b1.levels[1].with_polygon(box(32, 2, 48, 13))
    p.baseline.buildings["b1"] = replace(b1, levels=(b1.levels[0], setback))
    TransformBuildings("Existing", ["b1"], translation(10.0, 5.0)).apply(p)
    moved = p.baseline.buildings["b1"]
    assert moved.levels[0].polygon is None
    assert moved.levels[1].polygon.bounds == (42.0, 7.0, 58.0, 18.0)
    assert moved.levels[1].uses == setback.uses
    assert moved.footprint.bounds == (40.0, 5.0, 60.0, 20.0)


def test_a_building_moved_off_limits_is_refused_and_nothing_changes() -> None:
    p = _park(3)
    before = _state(p)
    with pytest.raises(ModelError, match="coordinates beyond"):
        TransformBuildings("Plan", ["b0", "b1"], translation(2e8, 0.0)).apply(p)
    assert _state(p) == before


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_same_as_one_set_footprint_a_building(data: st.DataObject) -> None:
    """Buildings of either scenario moved or turned: each footprint has the
    coordinates ``affinity.translate``/``rotate`` gave it through one
    SetFootprint a building (the tools' former path), the state is the same;
    undo restores the state before and redo the state after."""
    name = data.draw(st.sampled_from(["Existing", "Plan"]))
    p, per_building = _park(9), _park(9)
    ids = data.draw(
        st.lists(st.sampled_from(list(p.scenario(name).buildings)), unique=True)
    )
    finite = st.floats(-500, 500, allow_nan=False)
    if data.draw(st.booleans()):
        dx, dy = data.draw(finite), data.draw(finite)
        matrix = translation(dx, dy)

        def mapped(g):  # type: ignore[no-untyped-def]
            return affinity.translate(g, dx, dy)
    else:
        degrees = data.draw(st.floats(-180, 180, allow_nan=False))
        origin = (data.draw(finite), data.draw(finite))
        matrix = rotation(degrees, origin)

        def mapped(g):  # type: ignore[no-untyped-def]
            return affinity.rotate(g, degrees, origin=origin)

    buildings = per_building.scenario(name).buildings
    CompoundCommand(
        [SetFootprint(name, b, mapped(buildings[b].footprint)) for b in ids]
    ).apply(per_building)
    before = _state(p)
    command = TransformBuildings(name, ids, matrix)
    command.apply(p)
    after = _state(p)
    assert after == _state(per_building)
    for scenario in ("Existing", "Plan"):
        ours, theirs = _coordinates(p, scenario), _coordinates(per_building, scenario)
        assert ours.keys() == theirs.keys()
        for bid, xy in ours.items():
            assert np.array_equal(xy, theirs[bid]), bid
    command.revert(p)
    assert _state(p) == before
    command.apply(p)  # redo
    assert _state(p) == after


def _with_setback(p):  # type: ignore[no-untyped-def]
    """``p`` with b1's upper level on an outline of its own (carried along)."""
    b1 = p.baseline.buildings["b1"]
    setback = b1.levels[1].with_polygon(box(32, 2, 48, 13))
    p.baseline.buildings["b1"] = replace(b1, levels=(b1.levels[0], setback))
    return p


def test_prepared_in_slices_counts_what_it_made() -> None:
    p = _park(6)
    # Plan holds b0..b4 (b5 removed), n1, t0, n2: 8 buildings, 3 a slice
    ids = list(p.scenario("Plan").buildings)
    assert len(ids) == 8
    command = TransformBuildings("Plan", ids, translation(1.0, 2.0))
    assert list(command.prepare(p, 3)) == [3, 6, 8]
    assert list(
        TransformBuildings("Plan", ids[:3], translation(1, 2)).prepare(p, 3)
    ) == [3]
    assert list(TransformBuildings("Plan", [], translation(1, 2)).prepare(p, 3)) == []


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_prepared_the_same_as_computed_at_apply(data: st.DataObject) -> None:
    """Moved buildings made ahead in slices (:meth:`TransformBuildings.prepare`)
    give the state, the Change, the undo and the redo the command computing
    them at apply gives; after another edit of the scenario between the two,
    the apply computes them again (the prepared ones are of buildings no
    longer there)."""
    name = data.draw(st.sampled_from(["Existing", "Plan"]))
    p, q = _with_setback(_park(9)), _with_setback(_park(9))
    ids = data.draw(
        st.lists(st.sampled_from(list(p.scenario(name).buildings)), unique=True)
    )
    finite = st.floats(-500, 500, allow_nan=False)
    if data.draw(st.booleans()):
        matrix = translation(data.draw(finite), data.draw(finite))
    else:
        degrees = data.draw(st.floats(-180, 180, allow_nan=False))
        matrix = rotation(degrees, (data.draw(finite), data.draw(finite)))
    prepared = TransformBuildings(name, ids, matrix)
    steps = list(prepared.prepare(p, data.draw(st.integers(1, 12))))
    assert steps[-1:] == ([len(ids)] if ids else [])
    between = data.draw(st.sampled_from([None, "Existing", "Plan"]))
    if between is not None:  # another edit after the preparing, before the apply
        moved = list(p.scenario(between).buildings)[:3]
        for project in (p, q):
            TransformBuildings(between, moved, translation(0.5, 0.25)).apply(project)
    before = _state(p)
    assert before == _state(q)
    computed = TransformBuildings(name, ids, matrix)
    assert prepared.apply(p) == computed.apply(q)
    after = _state(p)
    assert after == _state(q)
    for scenario in ("Existing", "Plan"):
        ours, theirs = _coordinates(p, scenario), _coordinates(q, scenario)
        for bid, xy in ours.items():
            assert np.array_equal(xy, theirs[bid]), bid
    assert prepared.revert(p) == computed.revert(q)
    assert _state(p) == before == _state(q)
    assert prepared.apply(p) == computed.apply(q)  # redo
    assert _state(p) == after == _state(q)


def test_prepared_for_buildings_no_longer_there_is_computed_again() -> None:
    """By hand: b1 prepared at (30, 0)-(50, 15) moved by 10 m; moved 1 m
    first, the apply moves it from there."""
    p = _park(3)
    command = TransformBuildings("Existing", ["b1"], translation(10.0, 0.0))
    assert list(command.prepare(p)) == [1]
    TransformBuildings("Existing", ["b1"], translation(1.0, 0.0)).apply(p)
    command.apply(p)
    assert p.baseline.buildings["b1"].footprint.bounds == (41.0, 0.0, 61.0, 15.0)


def test_a_refused_move_prepared_is_refused_at_apply_as_before() -> None:
    p = _park(3)
    before = _state(p)
    command = TransformBuildings("Plan", ["b0", "b1"], translation(2e8, 0.0))
    assert list(command.prepare(p, 1)) == []  # (refused: nothing made)
    with pytest.raises(ModelError, match="coordinates beyond"):
        command.apply(p)
    assert _state(p) == before
    missing = TransformBuildings("Plan", ["b0", "nowhere"], translation(1.0, 0.0))
    assert list(missing.prepare(p)) == []
    with pytest.raises(ModelError, match="nowhere"):
        missing.apply(p)
    assert _state(p) == before


def test_the_slots_captured_while_prepared_stand_only_if_they_still_hold() -> None:
    """Captured step by step while prepared, they are the apply's if nothing
    changed meanwhile; b1 moved 1 m between, the undo gives it back there (the
    slots are captured again at the apply), not where it was prepared."""
    p = _park(3)
    start = _state(p)
    command = TransformBuildings("Plan", ["b0", "b1"], translation(10.0, 0.0))
    assert list(command.prepare(p, 1)) == [1, 2]
    assert command._ahead is not None
    ahead = command._ahead[1]
    command.apply(p)
    assert command._before is ahead
    command.revert(p)
    assert _state(p) == start
    again = TransformBuildings("Plan", ["b0", "b1"], translation(10.0, 0.0))
    assert list(again.prepare(p, 1)) == [1, 2]
    TransformBuildings("Plan", ["b1"], translation(1.0, 0.0)).apply(p)
    between = _state(p)
    again.apply(p)
    assert p.scenario("Plan").buildings["b1"].footprint.bounds == (41, 0, 61, 15)
    again.revert(p)
    assert _state(p) == between
    assert p.scenario("Plan").buildings["b1"].footprint.bounds == (31, 0, 51, 15)
