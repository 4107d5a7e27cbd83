"""The ground cover's measure is kept after a move only when no moved shape
(new or old) meets a cover; the evaluation stays the oracle's either way."""

from __future__ import annotations

import pytest
from shapely.geometry import box

import mixplan.engine.scenario_state as scenario_state_module
from mixplan.engine import Evaluator
from mixplan.engine.reference import reference_evaluate
from mixplan.model import Building, GroundCover, Level, Project
from mixplan.model.commands import AddScenario, SetFootprint, TransformBuildings
from mixplan.model.geometry import rotation
from mixplan.model.project import Site
from tests.engine.test_engine_incremental import same


def _park() -> Project:
    """A 200 m × 100 m site, open soil along its top (y 90-100); P and Q
    away from it, R touching it (its top at y = 90); scenario Plan."""
    project = Project.new("ground")
    project.site = Site(box(0, 0, 200, 100))
    for bid, shape in (
        ("P", box(10, 10, 20, 20)),
        ("Q", box(50, 10, 60, 20)),
        ("R", box(100, 70, 110, 90)),
    ):
        project.baseline.buildings[bid] = Building(
            bid, bid, shape, (Level.of(4.0, "craft"), Level.of(3.0, "housing"))
        )
    project.baseline.cover["soil"] = GroundCover(
        "soil", "open_soil", box(0, 90, 200, 100)
    )
    AddScenario("Plan").apply(project)
    return project


@pytest.fixture
def kept(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """What the real ``same_ground`` answered for each new footprint index
    (the scenario's; the baseline's index is the same one, kept at once)."""
    answers: list[bool] = []
    real = scenario_state_module.same_ground

    def told(old, key):  # type: ignore[no-untyped-def]
        answer = real(old, key)
        if key[0] is not old.index:
            answers.append(answer)
        return answer

    monkeypatch.setattr(scenario_state_module, "same_ground", told)
    return answers


def test_kept_only_when_no_moved_shape_meets_a_cover(kept: list[bool]) -> None:
    project = _park()
    evaluator = Evaluator(project)
    evaluator.evaluate("Plan")
    turn = rotation(1.0, (100, 50))
    steps = (
        # P 5 m right: neither shape near the soil: kept
        (SetFootprint("Plan", "P", box(15, 10, 25, 20)), True),
        # Q into the soil (y 85-95): measured again
        (SetFootprint("Plan", "Q", box(50, 85, 60, 95)), False),
        # R 10 m down: its new shape is clear, its old one touched the soil
        (SetFootprint("Plan", "R", box(100, 60, 110, 80)), False),
        # P up to the soil's edge, meeting it along its top only
        (SetFootprint("Plan", "P", box(10, 80, 20, 90)), False),
        # P away again: its old shape met the soil
        (SetFootprint("Plan", "P", box(10, 10, 20, 20)), False),
        # and 5 m further: neither shape meets it: kept
        (SetFootprint("Plan", "P", box(15, 10, 25, 20)), True),
        # all three turned 1° about the site's centre: Q still in the soil
        (TransformBuildings("Plan", ["P", "Q", "R"], turn), False),
    )
    for command, expected in steps:
        kept.clear()
        evaluator.invalidate(command.apply(project))
        live = evaluator.evaluate("Plan").to_json()
        assert kept == [expected], command.label
        assert same(live, reference_evaluate(project, "Plan").to_json())
