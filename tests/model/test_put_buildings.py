"""Buildings put into a scenario at once (put_buildings, what ReplaceBuildings,
TransformBuildings, AddBuildings and batched edits use): the same scenarios as
put_building one after the other, records' orders included; a scenario's edit
captures that scenario's slots only; presets given to many buildings at once are
those given one by one."""

from __future__ import annotations

import copy
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from mixplan.model import Building
from mixplan.model.commands import (
    Change,
    RemoveBuildings,
    ReplaceBuilding,
    ReplaceBuildings,
    SetLevelHeight,
    TransformBuildings,
)
from mixplan.model.errors import ModelError
from mixplan.model.geometry import translation
from mixplan.model.presets import PRESETS, building_with_preset, buildings_with_preset
from mixplan.model.sameness import building_digest, is_kept_version, kept_in_bulk
from mixplan.model.scenario_edits import capture, put_building, put_buildings
from tests.model.test_remove_buildings import _building, _park, _state


def _variant(p, bid: str, kind: int, k: int) -> Building:  # type: ignore[no-untyped-def]
    """A version of ``bid`` (a building of Plan, or a baseline id) of one kind."""
    base = p.baseline.buildings.get(bid)
    held = p.scenario("Plan").buildings.get(bid)
    if kind == 0 and base is not None:  # the baseline's version itself: kept
        return base.as_kept()
    if kind == 1 and base is not None:  # changed from its origin
        return replace(base.as_kept(), name=f"Hall {k}", roof="green")
    if kind == 2:  # moved
        x = 30 * k
        return replace(held or base or _building(bid, k), footprint=box(x, 0, x + 9, 9))
    if kind == 3 and held is not None:  # the one held, renamed (its origin kept)
        return replace(held, name=f"Renamed {k}")
    if kind == 4 and base is not None:  # continues another baseline building
        return replace(base.as_kept(), origin=f"b{(k + 1) % 9}", id=bid)
    return replace(held or _building(bid, k), origin=None)  # new


_IDS = [f"b{k}" for k in range(9)] + ["n1", "n2", "t0", "x1"]


@settings(max_examples=120, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_IDS), st.integers(0, 5), st.integers(0, 8)),
        max_size=10,
        unique_by=lambda t: t[0],
    )
)
def test_at_once_is_one_after_the_other(edits) -> None:  # type: ignore[no-untyped-def]
    # Plan of a 9-building park: kept, changed (b0, b3, b6), removed (b8),
    # added (n1, n2) and a second continuation of b0 (t0); each building put
    # kept, changed, moved, renamed, continuing another one or new.
    one, other = _park(9), _park(9)
    buildings = [_variant(one, bid, kind, k) for bid, kind, k in edits]
    plan = one.scenario("Plan")
    for building in buildings:
        put_building(one, plan, building)
    put_buildings(other, other.scenario("Plan"), buildings)
    assert _state(other) == _state(one)


def test_at_once_by_hand() -> None:
    p = _park(9)
    plan = p.scenario("Plan")
    b1, b3 = p.baseline.buildings["b1"], p.baseline.buildings["b3"]
    assert "b1" in plan.kept and "b3" in plan.changed_from
    put_buildings(
        p,
        plan,
        [
            replace(b1.as_kept(), roof="green"),  # kept -> changed from b1
            b3.as_kept(),  # changed -> kept again
            replace(plan.buildings["n1"], name="New"),  # new, stays new
            b1.as_kept().renewed(id="b8", origin="b8", footprint=box(0, 50, 9, 59)),
        ],
    )
    assert plan.changed_from["b1"] == building_digest(b1)
    assert "b3" in plan.kept and "b3" not in plan.changed_from
    assert "n1" not in plan.kept and "n1" not in plan.changed_from
    # b8 was removed by the plan: a building continuing it puts it back
    assert "b8" not in plan.removed and plan.changed_from["b8"] == building_digest(
        p.baseline.buildings["b8"]
    )


def test_a_refused_building_changes_nothing() -> None:
    p = _park(9)
    before = _state(p)
    good = replace(p.baseline.buildings["b1"].as_kept(), roof="green")
    bad = replace(good, id="b2", origin="nowhere")
    with pytest.raises(ModelError, match="origin 'nowhere' is not a building"):
        put_buildings(p, p.scenario("Plan"), [good, bad])
    assert _state(p) == before


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_IDS), st.integers(0, 5), st.integers(0, 8)),
        min_size=1,
        max_size=8,
        unique_by=lambda t: t[0],
    )
)
def test_kept_in_bulk_is_is_kept_version(edits) -> None:  # type: ignore[no-untyped-def]
    p = _park(9)
    buildings = [_variant(p, bid, kind, k) for bid, kind, k in edits]
    bases = [
        p.baseline.buildings.get(b.origin) if b.origin else None for b in buildings
    ]
    assert kept_in_bulk(buildings, bases) == [
        base is not None and is_kept_version(b, base)
        for b, base in zip(buildings, bases, strict=True)
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["Existing", "Plan"]),
    st.lists(
        st.tuples(st.sampled_from(_IDS[:9]), st.integers(0, 3), st.integers(0, 8)),
        min_size=1,
        max_size=6,
        unique_by=lambda t: t[0],
    ),
)
def test_replace_buildings_is_one_replace_a_building(name, edits) -> None:  # type: ignore[no-untyped-def]
    # Apply, revert and redo, and the change reported: those of one
    # ReplaceBuilding after the other (each capturing every scenario).
    one, other = _park(9), _park(9)
    held = one.scenario(name).buildings
    buildings = [
        replace(held[bid], name=f"Hall {k}")
        if kind == 0
        else replace(held[bid], roof="green")
        if kind == 1
        else one.baseline.buildings[bid].as_kept()
        if kind == 2 and name == "Plan"
        else held[bid]
        for bid, kind, k in edits
        if bid in held
    ]
    if not buildings:
        return
    before = copy.deepcopy(one)
    command = ReplaceBuildings(name, buildings)
    singles = [ReplaceBuilding(name, b) for b in buildings]
    assert command.apply(one) == Change.merged([c.apply(other) for c in singles])
    after = _state(one)
    assert after == _state(other)
    assert command.revert(one) == Change.merged(
        [c.revert(other) for c in reversed(singles)]
    )
    # (records compared as dicts: a changed building kept again and undone
    # gets its changed-from record back last, one by one as at once, the
    # order not captured)
    assert one == other == before
    command.apply(one)
    assert _state(one) == after


def test_a_scenarios_edit_captures_its_own_slots_only() -> None:
    p = _park(9)
    command = SetLevelHeight("Plan", "b1", 0, 7.0)
    command.apply(p)
    assert {name for name, _, _ in command._before} == {"Plan"}
    assert command.apply(p).reached == frozenset()
    # an edit of the baseline: every scenario (Plan keeps b2: reached)
    edit = SetLevelHeight("Existing", "b2", 0, 7.0)
    assert edit.apply(p).reached == frozenset({"Plan"})
    assert {name for name, _, _ in edit._before} == {"Existing", "Plan"}
    assert set(capture(p, ["b2"], only="Plan")) == {("Plan", "b2", "buildings")}


def _unordered_removals(state: list[object]) -> list[object]:
    return [(*record[:3], sorted(record[3]), record[4]) for record in state]  # type: ignore[index]


def test_a_scenarios_edit_captures_its_result_when_first_undone() -> None:
    """Not in the edit's own turn: when it is first undone, the project is as
    the edit left it (a later edit undone first), and undo and redo are exact."""
    p = _park(9)
    start = _state(p)
    # In Plan, b1 is kept, b3 changed, n1 new (see _park).
    move = TransformBuildings("Plan", ["b1", "b3", "n1"], translation(5.0, 0.0))
    change = move.apply(p)
    assert move._after is None  # (not captured yet)
    assert change == Change("Plan", frozenset({"b1", "b3", "n1"}))
    moved = _state(p)
    assert moved != start
    remove = RemoveBuildings("Plan", ["b3", "b1"])
    assert remove.apply(p) == Change("Plan", frozenset({"b1", "b3"}))
    removed = _state(p)
    remove.revert(p)
    assert _state(p) == moved
    assert move.revert(p) == change
    assert _state(p) == start
    assert move.apply(p) == change  # (redo: the result captured at the undo)
    assert _state(p) == moved
    remove.apply(p)
    # (the removals' order aside: a redo adds them back in the order of the
    # ids the command gives, a set's)
    assert _unordered_removals(_state(p)) == _unordered_removals(removed)
    remove.revert(p)
    move.revert(p)
    assert _state(p) == start


def test_presets_at_once_are_presets_one_by_one() -> None:
    p = _park(9)
    # what a preset resets or keeps: a freight lift, a ramp, bays, a green roof,
    # parking, a shared building, basements
    buildings = [
        replace(
            b,
            freight_lift_kg=1000.0 * (k % 2),
            ramp=k % 3 == 0,
            loading_bays=k,
            roof="green" if k % 2 else "plain",
            parking_spaces=k,
            shared=k % 4 == 0,
            basements=k % 2,
        )
        for k, b in enumerate(p.scenario("Plan").buildings.values())
    ]
    for chosen in PRESETS.values():
        for storeys in (None, 0, 3):
            try:
                alone = [building_with_preset(b, chosen, storeys) for b in buildings]
            except ModelError as refused:
                with pytest.raises(ModelError, match=re.escape(str(refused))):
                    buildings_with_preset(buildings, chosen, storeys)
                continue
            at_once = buildings_with_preset(buildings, chosen, storeys)
            assert at_once == alone
            assert [b.basements for b in at_once] == [0] * len(buildings)
    assert buildings_with_preset([], next(iter(PRESETS.values()))) == []


def test_presets_at_once_refuse_what_one_refuses() -> None:
    chosen = next(iter(PRESETS.values()))
    odd = replace(chosen, attributes={"loading_bays": -1})
    buildings = list(_park(3).baseline.buildings.values())
    with pytest.raises(ModelError, match="building b0: loading bays"):
        buildings_with_preset(buildings, odd)
    with pytest.raises(ValueError, match="levels and basements go together"):
        Building.alike(buildings, buildings[0], ["levels"])
