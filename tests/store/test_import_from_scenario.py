"""``import --from``: a new target scenario starts as a copy (DESIGN §8)."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, MixplanError, Project
from mixplan.model.commands import AddScenario
from mixplan.store.geojson import write_geojson
from mixplan.store.importing import ImportOptions, import_source


def park() -> Project:
    """Baseline: b1 (craft) and b2 (housing); scenario S1 adds nothing."""
    project = Project.new("Park")
    project.baseline.buildings["b1"] = Building(
        "b1", "Workshop", box(0, 0, 20, 10), (Level.of(5.0, "craft"),)
    )
    project.baseline.buildings["b2"] = Building(
        "b2", "Block", box(40, 0, 60, 20), (Level.of(3.0, "housing"),)
    )
    return project


def new_building_file(tmp_path):
    source = Project.new("Source")
    source.baseline.buildings["n1"] = Building(
        "n1", "New hall", box(80, 0, 100, 20), (Level.of(6.0, "industry"),)
    )
    path = tmp_path / "new.geojson"
    write_geojson(source, source.baseline.name, path)
    return path


def test_a_new_scenario_from_the_baseline_keeps_the_baseline(tmp_path):
    project = park()
    report = import_source(
        project,
        new_building_file(tmp_path),
        ImportOptions(scenario="Plan B", from_scenario="Existing"),
    )
    plan_b = project.scenario("Plan B")
    # The two baseline buildings (kept) and the new hall: not an empty scenario.
    assert sorted(plan_b.buildings) == ["b1", "b2", "n1"]
    assert report.scenario_created
    assert "starts as a copy of 'Existing'" in report.summary()


def test_without_from_a_new_scenario_is_empty_as_before(tmp_path):
    project = park()
    import_source(project, new_building_file(tmp_path), ImportOptions(scenario="Only"))
    assert sorted(project.scenario("Only").buildings) == ["n1"]


def test_from_is_ignored_for_an_existing_target_and_checked_when_used(tmp_path):
    project = park()
    AddScenario("S1", empty=True).apply(project)
    source = new_building_file(tmp_path)
    import_source(
        project, source, ImportOptions(scenario="S1", from_scenario="Existing")
    )
    assert sorted(project.scenario("S1").buildings) == ["n1"]
    with pytest.raises(MixplanError, match="--from"):
        import_source(
            project, source, ImportOptions(scenario="X", from_scenario="Nope")
        )
    assert not project.has_scenario("X")
