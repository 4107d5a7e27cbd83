"""A compound of edits, one a building, is the same as those edits one by one.

``CompoundCommand`` captures and restores such edits at once; the project after
apply, revert and redo, and the change reported, must be what applying the
same commands one after the other gives.
"""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from mixplan.model import Building, Level, ModelError, Project, Scenario
from mixplan.model.commands import (
    AddScenario,
    Change,
    CompoundCommand,
    ReplaceBuilding,
    SetBuildingAttributes,
    SetFootprint,
    SetLevelAccess,
    SetLevelHeight,
    SetLevelLoad,
    SetLevelUses,
)
from mixplan.model.project import Site

IDS = [f"b{k}" for k in range(6)]


def _project() -> Project:
    buildings = [
        Building(
            bid,
            f"Hall {k}",
            box(30 * k, 0, 30 * k + 20, 15),
            (Level.of(6.0, "warehouse"), Level.of(3.0 + k / 10, "office")),
        )
        for k, bid in enumerate(IDS)
    ]
    p = Project(
        "Batch",
        "EPSG:2154",
        Site(box(-10, -10, 200, 40), "ZA"),
        [Scenario.of("Existing", buildings)],
    )
    AddScenario("Plan").apply(p)
    # one building of the plan already changed from its existing version
    SetLevelHeight("Plan", "b1", 1, 3.5).apply(p)
    return p


def _edit(kind: int, scenario: str, bid: str, k: int):  # type: ignore[no-untyped-def]
    if kind == 0:
        return SetLevelHeight(scenario, bid, k % 2, 3.0 + k)
    if kind == 1:
        return SetLevelUses(scenario, bid, 0, {"housing": 0.5, "craft": 0.5})
    if kind == 2:
        return SetLevelLoad(scenario, bid, 0, 5.0 * (k + 1))
    if kind == 3:
        return SetLevelAccess(scenario, bid, 0, "yard")
    if kind == 4:
        return SetBuildingAttributes(scenario, bid, name=f"Renamed {k}", loading_bays=k)
    if kind == 5:
        x = 30 * IDS.index(bid)
        return SetFootprint(scenario, bid, box(x, 0, x + 20 + k, 15))
    # the building given back as it exists (the plan then keeps it again)
    return ReplaceBuilding(scenario, _project().baseline.buildings[bid])


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["Existing", "Plan"]),
    st.lists(
        st.tuples(st.sampled_from(IDS), st.integers(0, 6), st.integers(0, 3)),
        min_size=2,
        max_size=6,
        unique_by=lambda t: t[0],
    ),
)
def test_a_batch_is_its_edits_one_by_one(scenario, edits):
    made = lambda: [_edit(kind, scenario, bid, k) for bid, kind, k in edits]  # noqa: E731
    one, other = _project(), _project()
    before = copy.deepcopy(one)
    compound = CompoundCommand(made(), "Edit many")
    singles = made()
    change = compound.apply(one)
    assert change == Change.merged([c.apply(other) for c in singles])
    assert one == other
    after = copy.deepcopy(one)
    assert compound.revert(one) == Change.merged(
        [c.revert(other) for c in reversed(singles)]
    )
    assert one == other == before
    compound.apply(one)
    assert one == after


def test_a_failing_edit_in_a_batch_changes_nothing():
    project = _project()
    before = copy.deepcopy(project)
    compound = CompoundCommand(
        [SetLevelHeight("Plan", "b0", 0, 4.0), SetLevelHeight("Plan", "b2", 7, 4.0)]
    )
    with pytest.raises(ModelError, match="no level at position 7"):
        compound.apply(project)
    assert project == before


def test_an_edit_of_the_existing_state_reaches_the_scenario_keeping_it():
    project = _project()
    change = CompoundCommand(
        [SetLevelHeight("Existing", bid, 0, 7.0) for bid in ("b0", "b1", "b2")]
    ).apply(project)
    # b0 and b2 are kept by the plan; b1 was changed there and stays as it was
    assert change.scenario == "Existing" and change.reached == frozenset({"Plan"})
    plan = project.scenario("Plan").buildings
    assert [plan[b].levels[0].height_m for b in ("b0", "b1", "b2")] == [7.0, 6.0, 7.0]
