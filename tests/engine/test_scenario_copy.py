"""A scenario's copy shares its baseline's facts only where they were measured on
the very origin object, whatever the positions it is given say."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from shapely.geometry import box

import mixplan.engine.digest_rows as digest_rows_module
import mixplan.engine.facts_cache as facts_cache_module
import mixplan.engine.level_rows as level_rows_module
import mixplan.engine.scenario_copy as scenario_copy_module
from mixplan.engine import Evaluator
from mixplan.engine.columns import facts_batch
from mixplan.engine.facts import Assumptions, BuildingFacts, facts_rows
from mixplan.engine.reference import reference_evaluate
from mixplan.engine.scenario_copy import (
    BaselineFacts,
    CopiedFacts,
    CopyPlan,
    copy_facts,
    plan_copy,
)
from mixplan.model import Building, Level, Project, Rulebook
from mixplan.model.commands import RemoveBuilding
from mixplan.model.sameness import kept_version, same_facts
from tests.engine.test_engine_incremental import same

A = Assumptions.of(Rulebook())
SHED = Building("s", "Shed", box(0, 0, 10, 10), (Level.of(6.0, "craft"),))
HALL = Building("h", "Hall", box(20, 0, 40, 10), (Level.of(4.0, "office"),))


def test_shared_only_where_measured_on_the_origin_itself() -> None:
    older_hall = replace(HALL, name="Old hall")  # the facts were measured on it
    measured = facts_batch([SHED, older_hall], [SHED, older_hall], A, [100.0, 200.0])
    current = {"s": SHED, "h": HALL}
    scenario = [kept_version(SHED), kept_version(HALL)]
    areas = np.array([100.0, 200.0])
    for position in (None, {"s": 0, "h": 1}):
        base = BaselineFacts(
            ["s", "h"],
            [SHED, older_hall],
            measured.facts,
            measured.rows,
            None,
            position,
        )
        copy = copy_facts(scenario, current, base, A, areas)
        assert copy.facts[0] is measured.facts[0]
        # the hall's facts were measured on another object: measured again
        assert copy.facts[1] is not measured.facts[1]
        assert copy.facts[1].gfa_m2 == 200.0
        assert copy.matrix is not None
        assert copy.matrix.tobytes() == measured.rows.tobytes()


def test_an_id_the_baseline_facts_lack_is_measured() -> None:
    # the baseline's facts hold the shed only (as last evaluated); the hall came since
    measured = facts_batch([SHED], [SHED], A, [100.0])
    base = BaselineFacts(["s"], [SHED], measured.facts, measured.rows, None, {"s": 0})
    copy = copy_facts(
        [kept_version(HALL), kept_version(SHED)],
        {"s": SHED, "h": HALL},
        base,
        A,
        np.array([200.0, 100.0]),
    )
    assert copy.facts[1] is measured.facts[0]
    assert copy.facts[0].gfa_m2 == 200.0
    assert copy.origins == ["h", "s"]


def _varied(count: int, seed: int) -> Project:
    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    import synthetic

    return synthetic.varied_project(count, seed=seed)


def test_a_cold_scenario_is_copied_after_its_baselines_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Evaluated first, a scenario is copied from its baseline's cold pass (run
    # first in the same evaluation): its buildings that do not share their
    # origin's facts are measured in a batch of their own, reading only the
    # levels that are not their origin's at the same position (the others'
    # rows taken from the baseline's); the same findings and figures as the
    # reference, the matrix that of its facts; U02 fingerprints from the rows.
    project = _varied(60, 2)
    batches: list[int] = []
    read: list[int] = []

    def counted(batch: Any) -> Any:
        def counting(buildings: list[Building], *args: Any) -> Any:
            batches.append(len(buildings))
            return batch(buildings, *args)

        return counting

    read_levels = level_rows_module._read_levels

    def reading(levels: Any) -> Any:
        read.append(len(levels))
        return read_levels(levels)

    encodings: list[bool] = []
    digests = digest_rows_module.building_digests

    def from_rows(
        buildings: list[Building], levels: Any = None, field_values: Any = None
    ) -> list[str]:
        encodings.append(levels is not None)
        return digests(buildings, levels, field_values)

    for module in (facts_cache_module, scenario_copy_module):
        monkeypatch.setattr(module, "facts_batch", counted(module.facts_batch))
    monkeypatch.setattr(level_rows_module, "_read_levels", reading)
    monkeypatch.setattr(digest_rows_module, "building_digests", from_rows)
    evaluator = Evaluator(project)
    live = evaluator.evaluate("Scenario").to_json()
    scenario = project.scenario("Scenario")
    baseline = project.baseline
    altered = [
        b
        for b in scenario.buildings.values()
        if b.origin is None or not same_facts(b, baseline.buildings[b.origin])
    ]
    assert 0 < len(altered) < len(scenario.buildings)
    assert batches == [len(baseline.buildings), len(altered)]
    # (by hand: a level is its origin's when it is the very object at its place)
    own = baseline.buildings
    new_levels = [
        level
        for b in altered
        for k, level in enumerate(b.levels)
        if b.origin is None
        or k >= len(own[b.origin].levels)
        or own[b.origin].levels[k] is not level
    ]
    base_levels = sum(len(b.levels) for b in baseline.buildings.values())
    assert 0 < len(new_levels) < sum(len(b.levels) for b in altered)
    assert read == [base_levels, len(new_levels)]
    assert encodings and all(encodings)
    monkeypatch.undo()
    assert same(live, reference_evaluate(project, "Scenario").to_json())
    for name in ("Existing", "Scenario"):
        state = evaluator._states[name]
        walked = [BuildingFacts(*f.field_values()) for f in state.facts]
        assert state.matrix.tobytes() == facts_rows(walked).tobytes(), name
    # the existing state's evaluation, from what that pass measured
    assert same(
        evaluator.evaluate("Existing").to_json(),
        reference_evaluate(project, "Existing").to_json(),
    )


def test_the_oracle_catches_a_cold_copy_out_of_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A mutant that gives the scenario's measured buildings each the next
    one's matrix row: the reference evaluation tells."""
    project = _varied(60, 2)
    finish = scenario_copy_module.finish_copy

    def shifted(plan: CopyPlan, *args: Any) -> CopiedFacts:
        copied = finish(plan, *args)
        assert copied.matrix is not None
        copied.matrix[plan.missing] = np.roll(copied.matrix[plan.missing], 1, axis=0)
        return copied

    for mutant in (False, True):
        if mutant:
            monkeypatch.setattr(scenario_copy_module, "finish_copy", shifted)
        live = Evaluator(project).evaluate("Scenario").to_json()
        oracle = reference_evaluate(project, "Scenario").to_json()
        assert same(live, oracle) is not mutant


def test_origins_are_found_by_position_where_the_baseline_was_measured_now() -> None:
    # (by hand: the hall continues position 1, the shed position 0, "n" is new)
    measured = facts_batch([SHED, HALL], [SHED, HALL], A, [100.0, 200.0])
    new = Building("n", "New", box(50, 0, 60, 10), (Level.of(3.0, "office"),))
    scenario = [kept_version(HALL), new, kept_version(SHED)]
    base = BaselineFacts(["s", "h"], [SHED, HALL], measured.facts, measured.rows)
    plan = plan_copy(scenario, {"s": SHED, "h": HALL}, base)
    assert plan.origin_at is not None and plan.origin_at.tolist() == [1, -1, 0]
    assert plan.origin_buildings == [HALL, None, SHED]
    assert plan.origin_buildings[0] is HALL and plan.origin_buildings[2] is SHED
    assert not plan.origin_at.flags.writeable
    copy = copy_facts(scenario, {"s": SHED, "h": HALL}, base, A, np.full(3, 100.0))
    assert copy.origin_at is not None and copy.origin_at.tolist() == [1, -1, 0]
    assert copy.base_ids == ["s", "h"]


def test_origins_are_looked_up_where_the_baseline_changed_since() -> None:
    # The baseline's facts were measured on an older hall, or on buildings in
    # another order, or without the hall: each origin is the current
    # baseline's building of its id, looked up by id.
    older_hall = replace(HALL, name="Old hall")
    current = {"s": SHED, "h": HALL}
    scenario = [kept_version(HALL), kept_version(SHED)]
    for ids, values in (
        (["s", "h"], [SHED, older_hall]),
        (["h", "s"], [HALL, SHED]),
        (["s"], [SHED]),
    ):
        areas = [200.0 if b.id == "h" else 100.0 for b in values]
        measured = facts_batch(values, values, A, areas)
        base = BaselineFacts(ids, values, measured.facts, measured.rows)
        plan = plan_copy(scenario, current, base)
        assert plan.origin_at is None, ids
        assert plan.origin_buildings[0] is HALL and plan.origin_buildings[1] is SHED
        copy = copy_facts(scenario, current, base, A, np.array([200.0, 100.0]))
        assert copy.origin_at is None and copy.facts[0].gfa_m2 == 200.0
    assert plan_copy(scenario, current, None).origin_at is None


def test_the_evaluation_takes_the_copys_origin_positions_for_that_copy_only() -> None:
    project = _varied(60, 4)
    evaluator = Evaluator(project)
    live = evaluator.evaluate("Scenario").to_json()
    assert same(live, reference_evaluate(project, "Scenario").to_json())
    state = evaluator._states["Scenario"]
    base_ids = evaluator._states["Existing"].index.ids
    found = evaluator._facts_cache.origin_positions(state.origins, base_ids)
    # (by hand: each origin's position among the baseline's ids)
    expected = [base_ids.index(o) if o in base_ids else -1 for o in state.origins]
    assert found is not None and found.tolist() == expected
    assert -1 in expected and 0 < expected.count(-1) < len(expected)
    # Another list of the same origins, or other baseline ids: looked up.
    cache = evaluator._facts_cache
    assert cache.origin_positions(list(state.origins), base_ids) is None
    assert cache.origin_positions(state.origins, base_ids[1:]) is None
    # The baseline loses a building a changed scenario building continues:
    # the scenario's origins are looked up among the new ids.
    baseline = project.baseline.buildings
    gone = next(
        b.origin
        for b in project.scenario("Scenario").buildings.values()
        if b.origin is not None and not same_facts(b, baseline[b.origin])
    )
    evaluator.invalidate(RemoveBuilding("Existing", gone).apply(project))
    assert same(
        evaluator.evaluate("Scenario").to_json(),
        reference_evaluate(project, "Scenario").to_json(),
    )

