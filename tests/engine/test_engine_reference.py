"""The incremental Evaluator against the cache-free reference evaluation.

:func:`mixplan.engine.reference.reference_evaluate` computes every building's
facts afresh and sums them plainly: an oracle independent of the Evaluator's
caches (facts shared with the baseline, patched matrices, derived indexes). The
random sessions edit the baseline under buildings (and ground covers) that
scenarios keep and under those they changed, remove and restore buildings and
covers in scenarios and take the existing version back, and compare every
scenario after every step.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import box

import mixplan.engine.facts_cache as facts_cache_module
import mixplan.engine.scenario_state as scenario_state_module
from mixplan.engine import Evaluator
from mixplan.engine.reference import reference_evaluate
from mixplan.model import ModelError, Project
from mixplan.model.commands import (
    AddScenario,
    Command,
    RemoveBuilding,
    RemoveCover,
    RestoreBuilding,
    RestoreCover,
    SetBuildingAttributes,
    SetCover,
    TakeExistingCover,
    TakeExistingVersion,
)
from mixplan.model.sameness import building_differences
from tests.engine.conftest import make_site_project
from tests.engine.test_engine_incremental import random_command, same


def scenario_command(data: st.DataObject, project: Project) -> Command:
    """A command of the scenarios-as-changes kind, else any random command."""
    kind = data.draw(
        st.sampled_from(["any", "any", "base", "remove", "restore", "take", "attrs",
                         "cover", "cover"])
    )  # fmt: skip
    scenarios = project.scenarios[1:]
    if kind == "cover":
        return cover_command(data, project)
    if kind == "base" and project.baseline.buildings:
        # An edit of the baseline: it reaches the scenarios that keep the building.
        bid = data.draw(st.sampled_from(sorted(project.baseline.buildings)))
        return SetBuildingAttributes(
            project.baseline.name, bid,
            **data.draw(st.sampled_from([
                {"roof": "green"}, {"shared": True, "parking_spaces": 4},
                {"freight_lift_kg": 3000.0}, {"loading_bays": 2}, {"ramp": True},
            ])),
        )  # fmt: skip
    if scenarios and kind in ("remove", "restore", "take", "attrs"):
        s = data.draw(st.sampled_from(scenarios))
        if kind == "restore" and s.removed:
            return RestoreBuilding(s.name, data.draw(st.sampled_from(list(s.removed))))
        if kind == "take" and s.changed_from:
            return TakeExistingVersion(
                s.name, data.draw(st.sampled_from(sorted(s.changed_from)))
            )
        if s.buildings and kind in ("remove", "attrs"):
            bid = data.draw(st.sampled_from(sorted(s.buildings)))
            if kind == "remove":
                return RemoveBuilding(s.name, bid)
            return SetBuildingAttributes(
                s.name, bid,
                **data.draw(st.sampled_from([{"roof": "green"}, {"shared": True},
                                             {"parking_spaces": 7}])),
            )  # fmt: skip
    return random_command(data, project)


#: Ground-cover edits: surface types and outlines (the soil and yard of the
#: test site, moved or grown; one outline reaches under building C).
_SURFACES = ["open_soil", "lawn", "sealed", "parking", "yard", "semi_open"]
_OUTLINES = [box(0, 35, 100, 50), box(0, 40, 60, 50), box(30, 0, 60, 10),
             box(20, 30, 95, 45)]  # fmt: skip


def cover_command(data: st.DataObject, project: Project) -> Command:
    """A ground-cover edit: of the baseline (reaching the scenarios that keep
    the cover), or in a scenario (change, remove, restore, take back)."""
    scenario = data.draw(st.sampled_from(project.scenarios))
    what = data.draw(st.sampled_from(["type", "outline", "remove", "restore", "take"]))
    if what == "restore" and scenario.cover_removed:
        cid = data.draw(st.sampled_from(sorted(scenario.cover_removed)))
        return RestoreCover(scenario.name, cid)
    if what == "take" and scenario.cover_changed_from:
        cid = data.draw(st.sampled_from(sorted(scenario.cover_changed_from)))
        return TakeExistingCover(scenario.name, cid)
    if not scenario.cover:
        return SetBuildingAttributes(project.baseline.name, "A", ramp=True)
    cid = data.draw(st.sampled_from(sorted(scenario.cover)))
    if what == "remove":
        return RemoveCover(scenario.name, cid)
    if what == "outline":
        return SetCover(
            scenario.name, cid, geometry=data.draw(st.sampled_from(_OUTLINES))
        )
    return SetCover(scenario.name, cid, cover=data.draw(st.sampled_from(_SURFACES)))


def assert_agree(evaluator: Evaluator, project: Project) -> None:
    for scenario in project.scenarios:
        live = evaluator.evaluate(scenario.name).to_json()
        oracle = reference_evaluate(project, scenario.name).to_json()
        assert same(live, oracle), scenario.name


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_incremental_evaluator_agrees_with_the_reference(data: st.DataObject) -> None:
    project = make_site_project()
    AddScenario("Plan").apply(project)
    AddScenario("Copy").apply(project)
    evaluator = Evaluator(project)
    assert_agree(evaluator, project)
    for _ in range(data.draw(st.integers(1, 12))):
        try:
            change = scenario_command(data, project).apply(project)
        except ModelError:
            continue
        if data.draw(st.booleans()):
            evaluator.invalidate(change)
        assert_agree(evaluator, project)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_scenario_evaluated_first_agrees_with_the_reference(
    data: st.DataObject,
) -> None:
    """After a random session (scenarios keeping, changing, removing and adding
    buildings; the baseline edited under buildings they keep and under those
    they changed), a new Evaluator asked for a scenario first: its baseline's
    cold pass runs in the same evaluation and the scenario is copied from it
    (the levels its buildings share with their origins taken from that pass's
    rows), then every other state is evaluated. The last copy's origins are
    found at their positions among the baseline's ids (by hand)."""
    project = make_site_project()
    AddScenario("Plan").apply(project)
    AddScenario("Copy").apply(project)
    for _ in range(data.draw(st.integers(1, 12))):
        try:
            scenario_command(data, project).apply(project)
        except ModelError:
            continue
    names = [s.name for s in project.scenarios]
    first = data.draw(st.sampled_from(names[1:] or names))
    evaluator = Evaluator(project)
    for name in (first, *names):
        live = evaluator.evaluate(name).to_json()
        assert same(live, reference_evaluate(project, name).to_json()), name
    base_ids = evaluator._states[names[0]].index.ids
    cache = evaluator._facts_cache
    found = {
        name: cache.origin_positions(evaluator._states[name].origins, base_ids)
        for name in names[1:]
    }
    # (the last copy's: each copy's replaces the last's)
    assert any(at is not None for at in found.values()) or not found
    for name, at in found.items():
        if at is not None:
            origins = evaluator._states[name].origins
            assert at.tolist() == [
                base_ids.index(o) if o in base_ids else -1 for o in origins
            ], name


# --- the oracle catches a cache that ignores a field --------------------------------


def _ignoring(field: str):  # type: ignore[no-untyped-def]
    """A mutant of the cache's sameness test that does not look at ``field``."""

    def same_facts(building, origin):  # type: ignore[no-untyped-def]
        return building.id == origin.id and building_differences(building, origin) <= {
            "origin",
            "name",
            field,
        }

    return same_facts


@pytest.mark.parametrize(
    ("field", "edit"),
    [("roof", {"roof": "green"}), ("shared", {"shared": True})],
)
def test_the_oracle_catches_a_cache_that_ignores_a_field(
    monkeypatch: pytest.MonkeyPatch, field: str, edit: dict[str, object]
) -> None:
    """With the real cache the two agree; with a mutant they do not."""
    for mutant in (False, True):
        if mutant:
            monkeypatch.setattr(facts_cache_module, "_same_facts", _ignoring(field))
        project = make_site_project()
        project.baseline.buildings["A"] = replace(
            project.baseline.buildings["A"], parking_spaces=30
        )
        AddScenario("Plan").apply(project)
        evaluator = Evaluator(project)
        evaluator.evaluate("Plan")
        evaluator.invalidate(SetBuildingAttributes("Plan", "A", **edit).apply(project))
        live = evaluator.evaluate("Plan").to_json()
        oracle = reference_evaluate(project, "Plan").to_json()
        assert same(live, oracle) is not mutant, (field, mutant)


def test_taking_the_existing_version_back_clears_u02_without_invalidation() -> None:
    """Found by the random sessions: Plan gives A a green roof, the existing state
    then gives its A one too, and Plan takes the existing version back. Every fact
    of Plan is then the same object as before, so a cache keyed on facts alone
    kept the stale U02 finding; the reference has none."""
    from mixplan.model.commands import SetLevelUses

    project = make_site_project()
    AddScenario("Plan").apply(project)
    evaluator = Evaluator(project)
    assert_agree(evaluator, project)
    for command in (
        SetLevelUses("Existing", "A", 0, {"craft": 1.0}),
        SetBuildingAttributes("Plan", "A", roof="green"),
        SetBuildingAttributes("Existing", "A", roof="green"),
    ):
        command.apply(project)  # no invalidate: the cache must see it by itself
        assert_agree(evaluator, project)
    assert [f.rule for f in evaluator.evaluate("Plan").findings].count("U02") == 1
    TakeExistingVersion("Plan", "A").apply(project)
    assert_agree(evaluator, project)
    assert "U02" not in {f.rule for f in evaluator.evaluate("Plan").findings}


def _ground_ignoring_cover_values(old, key):  # type: ignore[no-untyped-def]
    """A mutant of the ground cache's test that does not look at the covers."""
    return old.ground_key[:2] == key[:2] and old.index is key[0]


def test_the_oracle_catches_a_ground_cache_that_ignores_a_kept_cover(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A baseline correction of a cover reaches a scenario that keeps it: with a
    ground cache that ignores cover values, the scenario's open soil is stale."""
    for mutant in (False, True):
        if mutant:
            monkeypatch.setattr(
                scenario_state_module, "same_ground", _ground_ignoring_cover_values
            )
        project = make_site_project()
        AddScenario("Plan").apply(project)
        evaluator = Evaluator(project)
        evaluator.evaluate("Plan")
        change = SetCover("Existing", "soil", geometry=box(0, 35, 100, 50))
        evaluator.invalidate(change.apply(project))
        live = evaluator.evaluate("Plan").to_json()
        oracle = reference_evaluate(project, "Plan").to_json()
        assert same(live, oracle) is not mutant, mutant
