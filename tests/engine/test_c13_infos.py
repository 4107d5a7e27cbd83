"""C13's two information findings: levels passing on assumed values, listed.

One finding each names every level concerned (targets in building then level
order) and counts them (``measured``); the engine lists the targets only when
the finding is read, the reference evaluation at once: both must agree.
"""

from __future__ import annotations

from shapely.geometry import box

from mixplan.engine import evaluate
from mixplan.engine.findings import Finding
from mixplan.engine.reference import reference_evaluate
from mixplan.model import Building, Level, Project
from tests.engine.test_engine_incremental import same

OFFICE = Level.of(3.5, "office")
#: A warehouse floor without a stated load: the use's typical 7.5 kN/m² is assumed.
STORE = Level.of(4.5, "warehouse", access="yard")
#: A ground-floor workshop without a stated load or access: slab on grade, street.
GROUND = Level.of(5.0, "craft")


def _infos(*buildings: Building) -> list[Finding]:
    project = Project.new("c13")
    for building in buildings:
        project.baseline.buildings[building.id] = building
    live = evaluate(project, "Existing")
    assert same(live.to_json(), reference_evaluate(project, "Existing").to_json())
    return [f for f in live.findings if f.rule == "C13" and f.severity == "info"]


def test_typical_loads_and_assumptions_are_listed_in_building_then_level_order() -> (
    None
):
    assumed, typical = _infos(
        Building("Q", "", box(0, 0, 10, 10), (GROUND, STORE, OFFICE, STORE), ramp=True),
        Building("P", "", box(20, 0, 30, 10), (GROUND, STORE), ramp=True),
        Building("R", "", box(40, 0, 50, 10), (OFFICE,)),
    )
    assert assumed.targets == ("Q#0", "P#0") and assumed.measured == 2.0
    assert assumed.message.startswith("2 productive level(s) pass on assumed values")
    assert assumed.message_fr.startswith("2 niveau(x) productif(s) conforme(s)")
    assert typical.targets == ("Q#1", "Q#3", "P#1") and typical.measured == 3.0
    assert typical.message.startswith(
        "3 upper or basement productive level(s) pass only on the typical design "
        "load of their use"
    )
    assert typical.source.startswith("Eurocode 1")


def test_a_stated_load_is_not_listed_and_no_level_no_finding() -> None:
    stated = Level.of(4.5, "warehouse", access="yard", load_kn_m2=7.5)
    (assumed,) = _infos(
        Building("P", "", box(0, 0, 10, 10), (GROUND, stated), ramp=True)
    )
    assert assumed.targets == ("P#0",)
    assert _infos(Building("R", "", box(0, 0, 10, 10), (OFFICE,))) == []


def test_a_level_with_two_productive_uses_is_one_level() -> None:
    # Two productive uses on one storey are two allocations, but one level: the
    # infos count and name levels (a planner counts storeys, not shares).
    ground = Level.of(5.0, {"craft": 0.5, "urban_logistics": 0.5})
    store = Level.of(4.5, {"warehouse": 0.6, "craft": 0.4}, access="yard")
    assumed, typical = _infos(
        Building("Q", "", box(0, 0, 10, 10), (ground, store, store), ramp=True),
        Building("P", "", box(20, 0, 30, 10), (GROUND,)),
    )
    assert assumed.targets == ("Q#0", "P#0") and assumed.measured == 2.0
    assert assumed.message.startswith("2 productive level(s) pass on assumed values")
    assert assumed.message_fr.startswith("2 niveau(x) productif(s) conforme(s)")
    assert typical.targets == ("Q#1", "Q#2") and typical.measured == 2.0
    assert typical.message_fr.startswith("2 niveau(x) productif(s) en étage")
