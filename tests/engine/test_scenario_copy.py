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
from mixplan.engine import Evaluator
from mixplan.engine.columns import facts_batch
from mixplan.engine.facts import Assumptions, BuildingFacts, facts_rows
from mixplan.engine.facts_cache import FactsCache
from mixplan.engine.reference import reference_evaluate
from mixplan.engine.scenario_copy import (
    BaselineFacts,
    CopiedFacts,
    CopyPlan,
    copy_facts,
)
from mixplan.model import Building, Level, Project, Rulebook
from mixplan.model.commands import AddScenario
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


def test_a_cold_scenario_is_measured_in_its_baselines_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Evaluated first, a scenario has its buildings that do not share their
    # origin's facts measured in the baseline's one batch, after the
    # baseline's: no copy of its own; the same findings and figures as the
    # reference, the matrix that of its facts; U02 fingerprints from the rows.
    project = _varied(60, 2)
    batches: list[int] = []
    batch = facts_cache_module.facts_batch

    def counted(buildings: list[Building], *args: Any) -> Any:
        batches.append(len(buildings))
        return batch(buildings, *args)

    def no_copy(*_: object) -> None:
        raise AssertionError("copied apart")

    encodings: list[bool] = []
    digests = digest_rows_module.building_digests

    def from_rows(buildings: list[Building], levels: Any = None) -> list[str]:
        encodings.append(levels is not None)
        return digests(buildings, levels)

    monkeypatch.setattr(facts_cache_module, "facts_batch", counted)
    monkeypatch.setattr(facts_cache_module, "copy_facts", no_copy)
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
    assert batches == [len(baseline.buildings) + len(altered)]
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


def test_the_oracle_catches_a_copy_measured_with_the_baseline_out_of_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A mutant that gives the scenario's measured buildings each the next
    one's matrix row: the reference evaluation tells."""
    project = _varied(60, 2)
    finish = facts_cache_module.finish_copy

    def shifted(plan: CopyPlan, *args: Any) -> CopiedFacts:
        copied = finish(plan, *args)
        assert copied.matrix is not None
        copied.matrix[plan.missing] = np.roll(copied.matrix[plan.missing], 1, axis=0)
        return copied

    for mutant in (False, True):
        if mutant:
            monkeypatch.setattr(facts_cache_module, "finish_copy", shifted)
        live = Evaluator(project).evaluate("Scenario").to_json()
        oracle = reference_evaluate(project, "Scenario").to_json()
        assert same(live, oracle) is not mutant


def test_a_copy_measured_with_the_baseline_holds_only_for_its_buildings() -> None:
    # The scenario's hall is replaced after the baseline's pass measured the
    # scenario with it: the scenario's facts are measured again, not taken.
    project = Project.new("p")
    project.baseline.buildings.update({"s": SHED, "h": HALL})
    AddScenario("Plan").apply(project)
    plan = project.scenario("Plan")
    plan.buildings["h"] = replace(HALL, origin="h", levels=(Level.of(3.0, "craft"),))
    cache = FactsCache()
    areas = np.array([100.0, 200.0])
    facts, _, _, _ = cache.scenario_facts(
        project.baseline, project.baseline, A, areas, companion=plan
    )
    assert [f.gfa_m2 for f in facts] == [100.0, 200.0]
    assert set(cache.prepared) == {"Plan"}
    taller = replace(plan.buildings["h"], levels=(Level.of(3.0, "craft"),) * 2)
    plan.buildings["h"] = taller
    facts, origins, _, _ = cache.scenario_facts(plan, project.baseline, A, areas)
    assert [f.gfa_m2 for f in facts] == [100.0, 400.0]
    assert origins == ["s", "h"]
    assert not cache.prepared
    # as it was planned: taken (the shed's facts are the baseline's object)
    fresh = FactsCache()
    base_facts = fresh.scenario_facts(
        project.baseline, project.baseline, A, areas, companion=plan
    )[0]
    prepared = fresh.prepared["Plan"].copy
    facts = fresh.scenario_facts(plan, project.baseline, A, areas)[0]
    assert facts is prepared.facts and facts[0] is base_facts[0]
    assert [f.gfa_m2 for f in facts] == [100.0, 400.0]
