"""A scenario of other buildings than its baseline's (some demolished, some built)
starts its footprint index from the baseline's: what the baseline measured of
the footprints the scenario kept is not measured again."""

from __future__ import annotations

from shapely.geometry import box

from mixplan.engine import Evaluator
from mixplan.engine.reference import reference_evaluate
from mixplan.model import Building, Level, Project
from mixplan.model.commands import AddBuildings, AddScenario, RemoveBuilding
from mixplan.model.project import Site
from tests.engine.test_engine_incremental import same


def _park() -> Project:
    """A 200 m × 100 m site; A and B overlap by 5 m × 20 m, C and D stand apart
    (D half outside the site); scenario Plan demolishes C and builds E."""
    project = Project.new("kept")
    project.site = Site(box(0, 0, 200, 100))
    for bid, shape in (
        ("A", box(10, 10, 30, 30)),
        ("B", box(25, 10, 45, 30)),
        ("C", box(100, 10, 120, 30)),
        ("D", box(190, 50, 210, 70)),
    ):
        project.baseline.buildings[bid] = Building(
            bid, bid, shape, (Level.of(4.0, "craft"), Level.of(3.0, "housing"))
        )
    AddScenario("Plan").apply(project)
    RemoveBuilding("Plan", "C").apply(project)
    new = Building("E", "E", box(60, 60, 70, 80), (Level.of(3.0, "office"),))
    AddBuildings("Plan", [new]).apply(project)
    return project


def test_the_scenario_index_reuses_the_baselines_measures() -> None:
    project = _park()
    evaluator = Evaluator(project)
    evaluation = evaluator.evaluate("Plan")
    index = evaluator._states["Plan"].index
    assert index.ids == ["A", "B", "D", "E"]
    # The A-B overlap was merged for the baseline: kept, not merged again.
    assert index.groups_merged == 0
    # 400 + 400 - 100 (A and B) + 400 (D) + 200 (E); D has 200 m² inside.
    assert index.union_m2 == 1300.0
    assert index.union_in_site_m2 == 1100.0
    assert index.in_site_areas.tolist() == [400.0, 400.0, 200.0, 200.0]
    # What appeared (E) and what went (C): the ground cover's question.
    assert [g.bounds for g in index.moved_geoms] == [
        (60.0, 60.0, 70.0, 80.0),
        (100.0, 10.0, 120.0, 30.0),
    ]
    assert same(evaluation.to_json(), reference_evaluate(project, "Plan").to_json())


def test_footprints_all_in_the_site_and_apart_are_measured_afresh() -> None:
    # 100 buildings 10 m apart in a row, all in the site, none overlapping:
    # a fresh index measures them sooner than the baseline's are looked up
    # (it lists every footprint as new); the figures are the oracle's.
    project = Project.new("apart")
    project.site = Site(box(0, 0, 2100, 100))
    for k in range(100):
        project.baseline.buildings[f"b{k}"] = Building(
            f"b{k}", "", box(20.0 * k, 10, 20.0 * k + 10, 20), (Level.of(3.0, "craft"),)
        )
    AddScenario("Plan").apply(project)
    RemoveBuilding("Plan", "b7").apply(project)
    evaluator = Evaluator(project)
    evaluation = evaluator.evaluate("Plan")
    index = evaluator._states["Plan"].index
    assert len(index.moved_geoms) == 99
    assert index.union_m2 == 99 * 100.0
    assert same(evaluation.to_json(), reference_evaluate(project, "Plan").to_json())
