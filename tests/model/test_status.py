"""A scenario building's status against the baseline building it continues."""

from __future__ import annotations

from dataclasses import replace

from shapely.geometry import box

from mixplan.model import Building, Level, Project
from mixplan.model.commands import AddScenario
from mixplan.model.status import building_status


def project_with_workshop() -> Project:
    project = Project.new("Status")
    project.baseline.buildings["b1"] = Building(
        "b1",
        "Atelier",
        box(0, 0, 40, 20),
        (
            Level.of(5.5, "craft", load_kn_m2=10.0, access="street"),
            Level.of(4.0, "craft", load_kn_m2=5.0, access="freight_lift"),
        ),
    )
    AddScenario("Plan A").apply(project)
    return project


def test_every_status():
    project = project_with_workshop()
    kept = project.scenario("Plan A").buildings["b1"]
    assert building_status(project, "Existing", project.baseline.buildings["b1"]) == (
        "existing"
    )
    assert building_status(project, "Plan A", kept) == "kept"
    raised = replace(kept, levels=(*kept.levels, Level.of(2.9, "housing")))
    assert building_status(project, "Plan A", raised) == "raised"
    converted = replace(
        kept,
        levels=(
            kept.levels[0],
            Level.of(4.0, "office", load_kn_m2=5.0, access="freight_lift"),
        ),
    )
    assert building_status(project, "Plan A", converted) == "converted"
    both = replace(converted, levels=(*converted.levels, Level.of(2.9, "housing")))
    assert building_status(project, "Plan A", both) == "raised_converted"
    assert building_status(project, "Plan A", replace(kept, origin=None)) == "new"
    wider = replace(kept, footprint=box(0, 0, 50, 20))
    assert building_status(project, "Plan A", wider) == "modified"
    lower = replace(
        kept, levels=(replace(kept.levels[0], height_m=4.0), kept.levels[1])
    )
    assert building_status(project, "Plan A", lower) == "modified"
