"""Removing many buildings as one edit (RemoveBuildings): the same result as one
after the other, undone exactly — the order of every scenario's buildings too."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from mixplan.model import Building, Level, Project
from mixplan.model.commands import (
    AddBuilding,
    AddScenario,
    RemoveBuilding,
    RemoveBuildings,
    SetLevelHeight,
)
from mixplan.model.errors import ModelError
from mixplan.model.project import Removal, Site


def _building(bid: str, k: int, origin: str | None = None) -> Building:
    return Building(
        bid,
        f"Bâtiment {bid}",
        box(k * 30, 0, k * 30 + 20, 15),
        (Level.of(5.0, "craft"), Level.of(3.0, "housing")),
        origin=origin,
    )


def _park(n: int = 12) -> Project:
    """A baseline of ``n`` buildings; "Plan" changes every third, removes the
    last, adds two, and continues b0 twice (b0 changed, and a second building
    "t0" cut from it)."""
    p = Project.new("park")
    p.site = Site(box(-10, -10, n * 30 + 10, 40))
    for k in range(n):
        p.baseline.buildings[f"b{k}"] = _building(f"b{k}", k)
    AddScenario("Plan").apply(p)
    for k in range(0, n, 3):
        SetLevelHeight("Plan", f"b{k}", 1, 3.2).apply(p)
    RemoveBuilding("Plan", f"b{n - 1}").apply(p)
    AddBuilding("Plan", _building("n1", n + 1)).apply(p)
    AddBuilding("Plan", replace(_building("t0", 0), origin="b0")).apply(p)
    AddBuilding("Plan", _building("n2", n + 2)).apply(p)
    return p


def _state(p: Project) -> list[object]:
    """Everything the scenarios hold, orders included (dict equality ignores
    them)."""
    return [
        (
            s.name,
            list(s.buildings.items()),
            sorted(s.kept),
            list(s.removed.items()),
            list(s.changed_from.items()),
        )
        for s in p.scenarios
    ]


def test_undo_puts_every_building_back_in_its_place() -> None:
    """Twelve buildings removed from the baseline in a scrambled order: undo
    gives back each scenario's order exactly (put back one at a time in the
    capture's order, a later one at a lower place pushed earlier ones out of
    theirs)."""
    p = _park(30)
    before = _state(p)
    ids = ["b17", "b3", "b29", "b0", "b11", "b12", "b25", "b4", "b8", "b21", "b1", "b2"]
    continuing = p.scenario("Plan").buildings["t0"]
    command = RemoveBuildings("Existing", ids)
    command.apply(p)
    after = _state(p)
    # the same building, continuing nothing
    assert p.scenario("Plan").buildings["t0"] == replace(continuing, origin=None)
    assert not set(ids) & set(p.baseline.buildings)
    assert not set(ids) & set(p.scenario("Plan").kept)
    # what continued b0 in Plan continues nothing now, in its place
    plan = p.scenario("Plan")
    assert plan.buildings["b0"].origin is None and plan.buildings["t0"].origin is None
    assert list(plan.buildings)[:3] == ["b0", "b3", "b5"]  # b3 was changed: stays
    command.revert(p)
    assert _state(p) == before
    command.apply(p)
    assert _state(p) == after


def test_in_a_scenario_the_removal_is_recorded_when_nothing_continues_it() -> None:
    """b0 is continued by b0 (changed) and t0: removing both records b0's
    removal once; removing b5 (kept) records it; n1 (new) records nothing."""
    p = _park()
    RemoveBuildings("Plan", ["n1", "t0", "b5", "b0"]).apply(p)
    plan = p.scenario("Plan")
    assert list(plan.removed.items()) == [
        ("b11", Removal("b11")),
        ("b5", Removal("b5")),
        ("b0", Removal("b0")),
    ]
    q = _park()
    RemoveBuildings("Plan", ["t0", "b5"]).apply(q)  # b0 still continued
    assert list(q.scenario("Plan").removed) == ["b11", "b5"]


def test_an_unknown_building_is_refused_and_nothing_changes() -> None:
    p = _park()
    before = _state(p)
    with pytest.raises(ModelError):
        RemoveBuildings("Plan", ["b1", "nope"]).apply(p)
    assert _state(p) == before


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_as_one_edit_the_same_as_one_after_the_other(data: st.DataObject) -> None:
    """Any buildings of the baseline or the scenario, in any order (repeats
    included): the state equals removing them one by one with RemoveBuilding,
    and undo restores the state before, orders included."""
    p = _park(9)
    name = data.draw(st.sampled_from(["Existing", "Plan"]))
    ids = data.draw(
        st.lists(st.sampled_from(sorted(p.scenario(name).buildings)), max_size=12)
    )
    one_by_one = _park(9)
    for bid in dict.fromkeys(ids):
        RemoveBuilding(name, bid).apply(one_by_one)
    before = _state(p)
    command = RemoveBuildings(name, ids)
    command.apply(p)
    assert _state(p) == _state(one_by_one)
    command.revert(p)
    assert _state(p) == before


def test_a_redo_in_a_scenario_puts_the_removals_back_in_their_order() -> None:
    """Twenty of Plan's buildings removed, newest first: Plan records the
    removals of b10-b28 (kept or changed) in that order, b29 before them (the
    park's own removal). Undone and redone, the records come back in the same
    order (the redo followed the ids' hashes, different from one run to the
    next: b29, b14, b19, b27 ... with PYTHONHASHSEED=1)."""
    p = _park(30)
    plan = p.scenario("Plan")
    ids = [bid for bid in reversed(list(plan.buildings)) if bid != "b29"][:20]
    assert ids[:4] == ["n2", "t0", "n1", "b28"]
    command = RemoveBuildings("Plan", ids)
    command.apply(p)
    after = _state(p)
    assert list(plan.removed) == ["b29"] + [f"b{k}" for k in range(28, 11, -1)]
    command.revert(p)
    command.apply(p)
    assert _state(p) == after


def test_the_whole_baseline_removed_is_undone_in_order_reaching_plan() -> None:
    """Every baseline building removed, in a scrambled order (a whole-park
    delete): undo gives the baseline back in its order b0..b5 and every record
    of Plan back, and each undo and redo reports Plan reached (it keeps b1, b2
    and b4, and t0 continued b0), as the first apply did; an edit of Plan alone
    reaches no scenario at any turn."""
    p = _park(6)
    before = _state(p)
    command = RemoveBuildings("Existing", ["b4", "b0", "b5", "b2", "b3", "b1"])
    assert command.apply(p).reached == frozenset({"Plan"})
    after = _state(p)
    assert not p.baseline.buildings
    for _turn in range(2):
        assert command.revert(p).reached == frozenset({"Plan"})
        assert list(p.baseline.buildings) == ["b0", "b1", "b2", "b3", "b4", "b5"]
        assert _state(p) == before
        assert command.apply(p).reached == frozenset({"Plan"})
        assert _state(p) == after
    in_plan = RemoveBuildings("Plan", ["b3", "n1"])
    assert in_plan.apply(p).reached == frozenset()
    assert in_plan.revert(p).reached == frozenset()
    assert in_plan.apply(p).reached == frozenset()
