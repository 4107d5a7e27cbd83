"""C15 separation distances on hand-computed shapes, at their boundaries.

An ICPE A building keeps housing of other buildings beyond ``separation_a_m``
(50 m by default), a Seveso one beyond ``separation_seveso_m``: a pair fails
when the footprints are closer than the distance (exactly at it passes). The
engine measures only housing footprints whose box meets the hazard's grown by
the distance, and skips the pairs whose boxes are already that far apart; the
shapes here put pairs on each side of both of those cuts, and every result is
also compared with the reference evaluation (which queries and measures
building by building).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from shapely.geometry import Polygon, box

from mixplan.engine import Evaluator, evaluate
from mixplan.engine.findings import Finding
from mixplan.engine.reference import reference_evaluate
from mixplan.engine.spatial import FootprintIndex
from mixplan.model import Building, Level, Project
from mixplan.model.commands import ReplaceBuilding
from tests.engine.test_engine_incremental import same

HAZARD_A = (Level.of(6.0, "industry", load_kn_m2=20, access="yard", nuisance="A"),)
SEVESO = (Level.of(6.0, "industry", load_kn_m2=20, access="yard", nuisance="SEVESO"),)
HOUSING = (Level.of(3.0, "housing"),)
OFFICE = (Level.of(3.5, "office"),)


def _project(*buildings: Building) -> Project:
    project = Project.new("c15")
    for building in buildings:
        project.baseline.buildings[building.id] = building
    return project


def _separations(project: Project) -> list[Finding]:
    """The C15 distance findings of the existing state, checked against the oracle."""
    live = evaluate(project, "Existing")
    assert same(live.to_json(), reference_evaluate(project, "Existing").to_json())
    return [f for f in live.findings if f.rule == "C15" and len(f.targets) == 2]


def _set_distance(project: Project, metres: float) -> None:
    project.rulebook.set("C15", "separation_a_m", metres)


def test_a_diagonal_neighbour_exactly_at_the_distance_passes() -> None:
    # H's corner (40, 50) is 30 m east and 40 m north of the hazard's (10, 10):
    # sqrt(30² + 40²) = 50 m exactly; their boxes are as far apart.
    project = _project(
        Building("Z", "", box(0, 0, 10, 10), HAZARD_A),
        Building("H", "", box(40, 50, 60, 70), HOUSING),
    )
    assert _separations(project) == []  # 50 m: not closer than 50 m
    _set_distance(project, 50.001)
    (f,) = _separations(project)
    assert f.targets == ("Z", "H") and f.measured == 50.0 and f.limit == 50.001
    assert "is 50.0 m from housing in building H" in f.message
    _set_distance(project, 49.999)  # boxes 50 m apart: not even measured
    assert _separations(project) == []


def test_within_a_micrometre_of_the_distance_the_query_decides_too() -> None:
    # 10 m gap, distance 10.0000005 m: closer by half a micrometre (the pair is
    # checked once more by the within-distance query, which agrees).
    project = _project(
        Building("Z", "", box(0, 0, 10, 10), HAZARD_A),
        Building("H", "", box(20, 0, 30, 10), HOUSING),
    )
    _set_distance(project, 10.0000005)
    (f,) = _separations(project)
    assert f.measured == 10.0
    _set_distance(project, 10.0)
    assert _separations(project) == []


def test_grown_boxes_meet_but_the_corners_are_farther() -> None:
    # 40 m east and 40 m north: the box grown by 50 m reaches H, but the
    # corners are sqrt(40² + 40²) = 56.5685 m apart.
    project = _project(
        Building("Z", "", box(0, 0, 10, 10), HAZARD_A),
        Building("H", "", box(50, 50, 60, 60), HOUSING),
    )
    assert _separations(project) == []
    _set_distance(project, 56.57)
    (f,) = _separations(project)
    assert f.measured == 56.5685 and f.limit == 56.57


def test_an_l_shaped_neighbour_is_measured_to_its_shape_not_its_box() -> None:
    # H's box (15, 0)-(100, 60) is 5 m from the hazard, but its shape is an L:
    # the arm along y 50..60 starts at x 15, the arm along x 90..100 is 80 m
    # away. Nearest: the hazard's corner (10, 10) to (15, 50):
    # sqrt(5² + 40²) = 40.3113 m.
    ell = Polygon([(15, 50), (90, 50), (90, 0), (100, 0), (100, 60), (15, 60)])
    assert ell.is_valid and ell.bounds == (15, 0, 100, 60)
    project = _project(
        Building("Z", "", box(0, 0, 10, 10), HAZARD_A),
        Building("H", "", ell, HOUSING),
    )
    _set_distance(project, 40.0)
    assert _separations(project) == []
    _set_distance(project, 41.0)
    (f,) = _separations(project)
    assert f.measured == 40.3113


def test_only_housing_of_other_buildings_counts_in_hazard_then_position_order() -> None:
    # S (Seveso, 200 m) and Z (A, 50 m); housing K, H; offices O right beside.
    project = _project(
        Building("H", "", box(100, 0, 110, 10), HOUSING),
        Building("S", "", box(0, 0, 10, 10), SEVESO),
        Building("O", "", box(12, 0, 20, 10), OFFICE),
        Building("Z", "", box(60, 0, 70, 10), HAZARD_A),
        Building("K", "", box(30, 0, 40, 10), HOUSING),
    )
    found = [(f.targets, f.measured, f.limit) for f in _separations(project)]
    # S: H at 90 m, K at 20 m (both < 200); Z: H at 30 m, K at 20 m (< 50).
    assert found == [
        (("S", "H"), 90.0, 200.0),
        (("S", "K"), 20.0, 200.0),
        (("Z", "H"), 30.0, 50.0),
        (("Z", "K"), 20.0, 50.0),
    ]


def test_an_edit_to_exactly_the_distance_is_measured_again() -> None:
    project = _project(
        Building("Z", "", box(0, 0, 10, 10), HAZARD_A),
        Building("H", "", box(40, 0, 50, 10), HOUSING),
        Building("K", "", box(0, 30, 10, 40), HOUSING),
    )
    evaluator = Evaluator(project)

    def distances() -> list[tuple[tuple[str, ...], float | None]]:
        live = evaluator.evaluate("Existing")
        oracle = reference_evaluate(project, "Existing")
        assert same(live.to_json(), oracle.to_json())
        return [(f.targets, f.measured) for f in live.findings if len(f.targets) == 2]

    assert distances() == [(("Z", "H"), 30.0), (("Z", "K"), 20.0)]
    for x, expected in ((60, []), (59.5, [(("Z", "H"), 49.5)])):
        h = project.baseline.buildings["H"]
        moved = ReplaceBuilding("Existing", replace(h, footprint=box(x, 0, x + 10, 10)))
        evaluator.invalidate(moved.apply(project))
        assert distances() == [*expected, (("Z", "K"), 20.0)]


@pytest.mark.parametrize(("distance", "expected"), [(50.0, [0, 1]), (49.999, [0])])
def test_box_candidates_include_a_box_touching_the_grown_box(
    distance: float, expected: list[int]
) -> None:
    # The second box starts 50 m east of the first: grown by 50 m, they touch.
    index = FootprintIndex(["a", "b"], [box(0, 0, 10, 10), box(60, 0, 70, 10)], None)
    which, found = index.box_candidates(np.array([0]), np.array([distance]))
    assert which.tolist() == [0] * len(expected)
    assert sorted(found.tolist()) == expected
