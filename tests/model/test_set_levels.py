"""One level of many buildings as one edit (SetLevels, what the levels table
pushes for a selection): the scenarios, the Change, the undo and the redo of
one SetLevel a building, whether its new buildings are made at the apply or
ahead, in slices (SetLevels.prepare)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixplan.model import Level, Project
from mixplan.model.commands import (
    AddLevel,
    CompoundCommand,
    SetLevel,
    SetLevelHeight,
    SetLevels,
)
from mixplan.model.errors import ModelError
from tests.model.test_remove_buildings import _park, _state


def _with_basements(p: Project) -> Project:
    """``p`` with a basement under b1 and b4 of the baseline (kept by Plan)
    and under Plan's n1: the same storey is at position 1 there, 0 elsewhere."""
    cellar = Level.of(2.8, "parking")
    for scenario, bid in (("Existing", "b1"), ("Existing", "b4"), ("Plan", "n1")):
        AddLevel(scenario, bid, cellar, 0, below_ground=True).apply(p)
    return p


def _records_of(state: list[object]) -> list[object]:
    """A scenario state with its changed-from records in no order: an undo
    puts back the record of a building an edit made kept again at the end
    (one SetLevel a building does so too)."""
    return [(*entry[:4], sorted(entry[4])) for entry in state]  # type: ignore[index]


def _records(p: Project) -> list[object]:
    return _records_of(_state(p))


def _height(value: float):  # type: ignore[no-untyped-def]
    return lambda lv: lv.with_height(value)


def test_a_storey_given_to_buildings_with_and_without_a_basement() -> None:
    # Plan: b0 changed (upper floor 3.2 m), b1 kept with its basement, n1 new
    # with one; their ground floors (at 0, 1, 1) become 4.25 m.
    p = _with_basements(_park(6))
    plan = p.scenario("Plan")
    upper = plan.buildings["b1"].levels[2]
    change = SetLevels("Plan", {"b0": 0, "b1": 1, "n1": 1}, _height(4.25)).apply(p)
    assert change.scenario == "Plan"
    assert change.buildings == {"b0", "b1", "n1"} and not change.reached
    assert [lv.height_m for lv in plan.buildings["b0"].levels] == [4.25, 3.2]
    assert [lv.height_m for lv in plan.buildings["b1"].levels] == [2.8, 4.25, 3.0]
    assert [lv.height_m for lv in plan.buildings["n1"].levels] == [2.8, 4.25, 3.0]
    assert plan.buildings["b1"].levels[2] is upper  # (only the one level made)
    assert "b1" not in plan.kept and "b1" in plan.changed_from
    assert p.baseline.buildings["b1"].levels[1].height_m == 5.0


def test_a_baseline_storey_reaches_the_scenario_keeping_the_building() -> None:
    p = _park(6)
    change = SetLevels("Existing", {"b1": 1, "b0": 1}, _height(3.5)).apply(p)
    assert change.scenario == "Existing" and change.buildings == {"b0", "b1"}
    assert change.reached == {"Plan"}  # b1 kept there; b0 changed there
    plan = p.scenario("Plan")
    assert plan.buildings["b1"].levels[1].height_m == 3.5 and "b1" in plan.kept
    assert plan.buildings["b0"].levels[1].height_m == 3.2


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_the_same_as_one_set_level_a_building(data: st.DataObject) -> None:
    """A storey given a height, a load or an access in either scenario, by
    SetLevels made at the apply or prepared in slices (another edit between
    or not), and by one SetLevel a building (the levels table's former path):
    the same Change and scenarios, orders included; undo restores the state
    before and redo the state after, for both."""
    name = data.draw(st.sampled_from(["Existing", "Plan"]))
    p, q = _with_basements(_park(9)), _with_basements(_park(9))
    storey = data.draw(st.sampled_from([-1, 0, 1]))
    held = p.scenario(name).buildings
    having = [
        bid for bid, b in held.items() if 0 <= storey + b.basements < len(b.levels)
    ]
    if not having:
        return
    ids = data.draw(st.lists(st.sampled_from(having), min_size=1, unique=True))
    positions = {bid: storey + held[bid].basements for bid in ids}
    kind = data.draw(st.sampled_from(["height", "load", "access"]))
    if kind == "height":
        change = _height(data.draw(st.sampled_from([2.8, 3.0, 3.2, 4.25, 5.0])))
    elif kind == "load":
        load = data.draw(st.sampled_from([None, 2.5, 10.0]))
        change = lambda lv: replace(lv, load_kn_m2=load)  # noqa: E731
    else:
        access = data.draw(st.sampled_from([None, "street", "ramp"]))
        change = lambda lv: replace(lv, access=access)  # noqa: E731
    batched = SetLevels(name, positions, change, "Set level height")
    if data.draw(st.booleans()):
        steps = list(batched.prepare(p, data.draw(st.integers(1, 5))))
        assert steps[-1] == len(ids)
        between = data.draw(st.sampled_from([None, "Existing", "Plan"]))
        if between is not None:  # another edit after the preparing, before the apply
            bid = data.draw(st.sampled_from(sorted(p.scenario(between).buildings)))
            top = len(p.scenario(between).buildings[bid].levels) - 1
            for project in (p, q):
                SetLevelHeight(between, bid, top, 6.5).apply(project)
    one_each = CompoundCommand(
        [
            SetLevel(name, bid, pos, change, "Set level height")
            for bid, pos in positions.items()
        ],
        "Set level height",
    )
    before = _state(p)
    assert before == _state(q)
    assert batched.label == one_each.label
    assert batched.apply(p) == one_each.apply(q)
    after = _state(p)
    assert after == _state(q)
    assert batched.revert(p) == one_each.revert(q)
    assert _state(p) == _state(q)
    assert _records(p) == _records_of(before)
    assert batched.apply(p) == one_each.apply(q)  # redo
    assert _state(p) == after == _state(q)


def test_prepared_in_slices_counts_what_it_made() -> None:
    p = _park(6)
    positions = {bid: 0 for bid in p.scenario("Plan").buildings}  # 8 buildings
    assert list(SetLevels("Plan", positions, _height(4.0)).prepare(p, 3)) == [3, 6, 8]
    assert list(SetLevels("Plan", {}, _height(4.0)).prepare(p, 3)) == []


def test_prepared_for_a_building_no_longer_there_is_made_again() -> None:
    """By hand: b1's upper floor (3.0 m) prepared with 1 m more; made 3.5 m
    meanwhile, the apply gives it 4.5 m."""
    p = _park(3)
    command = SetLevels(
        "Existing", {"b1": 1}, lambda lv: lv.with_height(lv.height_m + 1)
    )
    assert list(command.prepare(p)) == [1]
    SetLevelHeight("Existing", "b1", 1, 3.5).apply(p)
    command.apply(p)
    assert p.baseline.buildings["b1"].levels[1].height_m == 4.5


def test_a_level_not_there_is_refused_as_by_set_level_and_nothing_changes() -> None:
    p = _park(3)
    before = _state(p)
    message = "building b1 has no level at position 2 \\(it has 2\\)"
    with pytest.raises(ModelError, match=message):
        SetLevel("Plan", "b1", 2, _height(4.0)).apply(p)
    command = SetLevels("Plan", {"b0": 1, "b1": 2}, _height(4.0))
    # (b0 made, b1 refused: the preparing stops, the apply refuses it)
    assert list(command.prepare(p, 1)) == [1]
    with pytest.raises(ModelError, match=message):
        command.apply(p)
    with pytest.raises(ModelError, match="level height must be at most 1000"):
        SetLevels("Plan", {"b0": 1}, _height(1e4)).apply(p)
    assert _state(p) == before
