"""Adding many buildings as one edit (AddBuildings, what Duplicate does): the
same result as one after the other, undone and redone exactly, orders included."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixplan.model.commands import AddBuilding, AddBuildings
from mixplan.model.errors import ModelError
from tests.model.test_remove_buildings import _building, _park, _state


def test_added_to_the_baseline_every_scenario_keeps_them() -> None:
    p = _park()
    before = _state(p)
    command = AddBuildings("Existing", [_building("x1", 20), _building("x2", 21)])
    command.apply(p)
    plan = p.scenario("Plan")
    assert list(p.baseline.buildings)[-2:] == ["x1", "x2"]
    assert {"x1", "x2"} <= plan.kept and list(plan.buildings)[-2:] == ["x1", "x2"]
    after = _state(p)
    command.revert(p)
    assert _state(p) == before
    command.apply(p)  # redo
    assert _state(p) == after


@pytest.mark.parametrize(
    "ids",
    [
        ["x1", "n1"],  # n1 is already Plan's
        ["x1", "x1"],  # twice in the batch
    ],
)
def test_a_taken_id_is_refused_and_nothing_changes(ids: list[str]) -> None:
    p = _park()
    before = _state(p)
    with pytest.raises(ModelError, match="already has a building"):
        AddBuildings("Plan", [_building(b, 20 + k) for k, b in enumerate(ids)]).apply(p)
    assert _state(p) == before


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_as_one_edit_the_same_as_one_after_the_other(data: st.DataObject) -> None:
    """New buildings, some continuing a baseline building in the scenario, added
    to either scenario: the state equals adding them one by one with
    AddBuilding; undo restores the state before and redo the state after, orders
    included."""
    p = _park(9)
    name = data.draw(st.sampled_from(["Existing", "Plan"]))
    count = data.draw(st.integers(0, 6))
    origins = [None] if name == "Existing" else [None, "b1", "b4", "b7"]
    buildings = [
        replace(_building(f"x{k}", 20 + k), origin=data.draw(st.sampled_from(origins)))
        for k in range(count)
    ]
    one_by_one = _park(9)
    for building in buildings:
        AddBuilding(name, building).apply(one_by_one)
    before = _state(p)
    command = AddBuildings(name, buildings)
    command.apply(p)
    after = _state(p)
    assert after == _state(one_by_one)
    command.revert(p)
    assert _state(p) == before
    command.apply(p)  # redo: the added buildings at the end again, in order
    assert _state(p) == after
