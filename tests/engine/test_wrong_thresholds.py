"""Tests that a wrong threshold cannot survive (each figure worked out by hand).

The Seveso distance, a building's distance to itself, the stacking boundary and
the equality boundaries have their own tests (test_engine_rules.py,
test_equality_boundaries.py); here: the ``shared`` term of parking demand,
retention with no productive baseline, and the rounding of parking supply.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from shapely.geometry import box

from mixplan.engine import evaluate
from mixplan.model import Building, Level, Project, Site
from mixplan.model.commands import AddBuilding, AddScenario


def _project(*buildings: Building) -> Project:
    project = Project.new("thresholds")
    project.site = Site(box(0, 0, 200, 100))
    for b in buildings:
        project.baseline.buildings[b.id] = b
    return project


def _offices(**kw: object) -> Building:
    # 20 m × 30 m = 600 m² gross of offices: 552 m² SDP → 552 / 60 = 9.2 spaces
    return Building("o", "", box(0, 0, 20, 30), (Level.of(3.5, "office"),), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("shared", "spaces", "factor"),
    [
        (False, 0, 1.0),  # nothing pooled
        (True, 0, 1.0),  # pooled, but no parking of its own to pool
        (False, 5, 1.0),  # parking, not pooled
        (True, 5, 0.75),  # a pooled car park: foisonnement 0.75
    ],
)
def test_shared_term_of_parking_demand(
    shared: bool, spaces: int, factor: float
) -> None:
    project = _project(_offices(shared=shared, parking_spaces=spaces))
    demand = evaluate(project, "Existing").indicators["parking_demand"]
    assert demand == pytest.approx(600 * 0.92 / 60 * factor)


def test_pooling_factor_follows_the_rulebook() -> None:
    project = _project(_offices(shared=True, parking_spaces=5))
    project.rulebook.set("assumptions", "parking_pooling_factor", 0.5)
    demand = evaluate(project, "Existing").indicators["parking_demand"]
    assert demand == pytest.approx(9.2 * 0.5)


def test_retention_with_no_productive_baseline() -> None:
    project = _project(_offices())
    AddScenario("Plan").apply(project)
    ev = evaluate(project, "Plan")
    # nothing productive to keep: retention is 1 (100 %) and C09 is silent
    assert ev.indicators["productive_retention"] == 1.0
    assert not [f for f in ev.findings if f.rule == "C09"]
    AddBuilding(
        "Plan",
        Building(
            "w",
            "",
            box(50, 0, 70, 10),
            (Level.of(6.0, "craft", load_kn_m2=12, access="street"),),
        ),
    ).apply(project)
    ev = evaluate(project, "Plan")
    assert ev.indicators["productive_retention"] == 1.0
    assert ev.indicators["productive_gained_m2"] == pytest.approx(200 * 0.92)
    assert not [f for f in ev.findings if f.rule == "C09"]


@pytest.mark.parametrize(
    ("depth", "spaces"),
    [
        (24.99, 9),  # 249.9 m² of parking floor: 9.996 spaces are 9 spaces
        (25.0, 10),  # 250 m²: 10 spaces exactly
        (27.49, 10),
        (27.5, 11),  # 275 m² = 11 × 25
    ],
)
def test_parking_supply_rounds_down(depth: float, spaces: int) -> None:
    b = Building(
        "p",
        "",
        box(0, 0, 10, depth),
        (Level.of(2.6, "parking"), Level.of(3.0, "office")),
        basements=1,
    )
    ind = evaluate(_project(b), "Existing").indicators
    assert ind["parking_supply"] == spaces
    stated = replace(b, parking_spaces=3)  # stated spaces win over the estimate
    assert evaluate(_project(stated), "Existing").indicators["parking_supply"] == 3
