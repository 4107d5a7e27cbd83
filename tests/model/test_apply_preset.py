"""A typology preset given to many buildings as one edit (ApplyPreset, what the
inspector's preset menu pushes): the project, the Change, undo and redo of
ReplaceBuildings given ``buildings_with_preset`` (its former path), whether
the new buildings are made at apply or ahead in slices (``prepare``)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixplan.model.commands import (
    ApplyPreset,
    Change,
    ReplaceBuildings,
    SetLevelHeight,
    TransformBuildings,
)
from mixplan.model.errors import ModelError
from mixplan.model.geometry import translation
from mixplan.model.presets import MAX_UPPER_STOREYS, PRESETS, buildings_with_preset
from tests.model.test_remove_buildings import _park, _state


def test_a_preset_by_hand() -> None:
    """Housing block at R+2 for b1 (kept by Plan) and n1 (new in Plan): a
    3.2 m ground floor and two 2.9 m storeys; b1 is changed from the baseline,
    whose b1 keeps its 5 m craft and 3 m housing."""
    p = _park(4)
    command = ApplyPreset("Plan", ["b1", "n1"], PRESETS["housing_block"], 2)
    change = command.apply(p)
    assert change == Change("Plan", frozenset({"b1", "n1"}))
    plan = p.scenario("Plan")
    for bid in ("b1", "n1"):
        building = plan.buildings[bid]
        assert [lv.height_m for lv in building.levels] == [3.2, 2.9, 2.9]
        assert building.storeys_label == "R+2"
        assert building.loading_bays == 0 and building.roof == "plain"
    assert plan.buildings["b1"].levels is plan.buildings["n1"].levels  # (shared)
    assert "b1" not in plan.kept and "b1" in plan.changed_from
    assert [lv.height_m for lv in p.baseline.buildings["b1"].levels] == [5.0, 3.0]
    assert command.revert(p) == change
    assert "b1" in plan.kept and "b1" not in plan.changed_from


def test_prepared_in_slices_counts_what_it_made() -> None:
    p = _park(6)
    # Plan holds b0..b4 (b5 removed), n1, t0, n2: 8 buildings, 3 a slice
    ids = list(p.scenario("Plan").buildings)
    shed = PRESETS["single_storey_shed"]
    assert list(ApplyPreset("Plan", ids, shed).prepare(p, 3)) == [3, 6, 8]
    assert list(ApplyPreset("Plan", ids[:3], shed).prepare(p, 3)) == [3]
    assert list(ApplyPreset("Plan", [], shed).prepare(p, 3)) == []


#: storey counts: the typology's own, some, and refused ones (negative, too
#: many; a single-storey typology takes none above its ground floor)
_STOREYS = [None, 0, 1, 3, 8, -1, MAX_UPPER_STOREYS + 1]


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_prepared_or_not_the_same_as_replace_buildings(data: st.DataObject) -> None:
    """Buildings of either scenario given a preset: made ahead in slices of
    any size, or at apply, the state, the Change, undo and redo are those of
    ReplaceBuildings given ``buildings_with_preset`` of them (a refusal is the
    same refusal, nothing changed). After another edit of either scenario
    between the preparing and the apply, the apply makes them again."""
    name = data.draw(st.sampled_from(["Existing", "Plan"]))
    p, q = _park(9), _park(9)
    ids = data.draw(
        st.lists(st.sampled_from(list(p.scenario(name).buildings)), unique=True)
    )
    chosen = data.draw(st.sampled_from(list(PRESETS.values())))
    storeys = data.draw(st.sampled_from(_STOREYS))
    command = ApplyPreset(name, ids, chosen, storeys, "Apply preset")
    if data.draw(st.booleans()):
        list(command.prepare(p, data.draw(st.integers(1, 12))))
    between = data.draw(st.sampled_from([None, "Existing", "Plan"]))
    if between is not None:  # another edit after the preparing, before the apply
        edited = list(p.scenario(between).buildings)[:3]
        moved = data.draw(st.booleans())
        for project in (p, q):
            if moved:
                TransformBuildings(between, edited, translation(0.5, 0.25)).apply(
                    project
                )
            else:
                SetLevelHeight(between, edited[0], 0, 6.5).apply(project)
    before = _state(p)
    assert before == _state(q)
    sources = [q.scenario(name).buildings[b] for b in ids]
    try:
        made = buildings_with_preset(sources, chosen, storeys)
    except ModelError as refused:
        with pytest.raises(ModelError, match=re.escape(str(refused))):
            command.apply(p)
        assert _state(p) == before
        return
    former = ReplaceBuildings(name, made, "Apply preset")
    assert command.apply(p) == former.apply(q)
    after = _state(p)
    assert after == _state(q)
    # the levels one tuple shared by all, as the former path shares them
    shared = {id(p.scenario(name).buildings[b].levels) for b in ids}
    assert len(shared) == len({id(b.levels) for b in made}) == min(len(ids), 1)
    assert command.revert(p) == former.revert(q)
    assert _state(p) == before == _state(q)
    assert command.apply(p) == former.apply(q)  # redo
    assert _state(p) == after == _state(q)


def test_prepared_for_buildings_no_longer_there_is_made_again() -> None:
    """By hand: b1 prepared with 2 storeys of housing above its ground floor,
    then its ground floor raised to 6.5 m: the apply gives the preset to that
    b1, whose footprint it keeps; the one prepared is not used."""
    p = _park(3)
    command = ApplyPreset("Existing", ["b1"], PRESETS["housing_block"], 2)
    assert list(command.prepare(p)) == [1]
    TransformBuildings("Existing", ["b1"], translation(1.0, 0.0)).apply(p)
    command.apply(p)
    b1 = p.baseline.buildings["b1"]
    assert b1.footprint.bounds == (31.0, 0.0, 51.0, 15.0)
    assert [lv.height_m for lv in b1.levels] == [3.2, 2.9, 2.9]


def test_a_refused_preset_prepared_is_refused_at_apply_as_before() -> None:
    p = _park(3)
    before = _state(p)
    shed = ApplyPreset("Plan", ["b0", "b1"], PRESETS["single_storey_shed"], 2)
    assert list(shed.prepare(p, 1)) == []  # (refused: nothing made)
    with pytest.raises(ModelError, match="single-storey typology"):
        shed.apply(p)
    assert _state(p) == before
    housing = PRESETS["housing_block"]
    missing = ApplyPreset("Plan", ["b0", "nowhere"], housing)
    assert list(missing.prepare(p)) == []
    with pytest.raises(ModelError, match="nowhere"):
        missing.apply(p)
    assert _state(p) == before


def test_asked_ahead_whether_kept_holds_only_for_the_same_baseline() -> None:
    """By hand: Plan's b0 (changed: its upper level 3.2 m) prepared with the
    housing block at R+2, then the baseline's b0 given the same preset: Plan's
    b0 is the very same object still, but the baseline's is another, which
    Plan's b0 now equals (its origin apart): the apply records it as kept, as
    the command made at apply does, not as changed (what was asked ahead)."""
    p, q = _park(3), _park(3)
    housing = PRESETS["housing_block"]
    command = ApplyPreset("Plan", ["b0"], housing, 2)
    assert list(command.prepare(p)) == [1]
    for project in (p, q):
        ApplyPreset("Existing", ["b0"], housing, 2).apply(project)
    assert command.apply(p) == ApplyPreset("Plan", ["b0"], housing, 2).apply(q)
    assert "b0" in p.scenario("Plan").kept
    assert "b0" not in p.scenario("Plan").changed_from
    assert _state(p) == _state(q)
