"""A small hand-computable site for the engine tests.

Site: 100 m × 50 m = 5,000 m². Baseline:

- ``A`` box(10, 10, 30, 30) = 400 m²: ground craft, 5.0 m, 12 kN/m², street;
  R+1 housing 3.0 m. SDP = 400 × 0.92 + 400 × 0.92 × 0.90 = 699.2 m² (craft 368,
  housing 331.2: R111-22 8° takes a further 10 % of housing).
- ``B`` box(50, 10, 70, 20) = 200 m²: basement parking (200 m² → 8 spaces);
  ground office 4.0 m; R+1 housing on its own polygon box(50, 10, 60, 20) = 100 m².
- ``C`` box(80, 30, 90, 40) = 100 m²: ground warehouse 6.0 m, load and access
  not stated (slab on grade and street access assumed: productive-grade).
- covers: open soil box(0, 40, 100, 50) = 1,000 m² (touches no building),
  yard box(30, 0, 50, 10) = 200 m².
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from shapely.geometry import box

from mixplan.model import Building, GroundCover, Level, Project, Site
from mixplan.model.commands import AddScenario


def make_site_project() -> Project:
    project = Project.new("test site")
    project.site = Site(box(0, 0, 100, 50))
    base = project.baseline
    base.buildings["A"] = Building(
        "A", "Workshop with flats", box(10, 10, 30, 30),
        (Level.of(5.0, "craft", load_kn_m2=12.0, access="street"),
         Level.of(3.0, "housing")),
        parking_spaces=3)
    base.buildings["B"] = Building(
        "B", "Offices", box(50, 10, 70, 20),
        (Level.of(2.6, "parking"), Level.of(4.0, "office"),
         Level.of(3.0, "housing", polygon=box(50, 10, 60, 20))),
        basements=1)
    base.buildings["C"] = Building(
        "C", "Shed", box(80, 30, 90, 40), (Level.of(6.0, "warehouse"),),
        loading_bays=1)
    base.cover["soil"] = GroundCover("soil", "open_soil", box(0, 40, 100, 50))
    base.cover["yard"] = GroundCover("yard", "yard", box(30, 0, 50, 10))
    return project


@pytest.fixture
def site_project() -> Project:
    return make_site_project()


@pytest.fixture
def with_scenario() -> Callable[[Project, str], str]:
    """Add a copy of the baseline (buildings continue their origin)."""

    def add(project: Project, name: str = "Plan") -> str:
        AddScenario(name).apply(project)
        return name

    return add
