"""Every threshold rule at its equality boundary, and equal areas in any order.

Each boundary test builds a scenario whose measure equals the limit exactly (in
metres, as a designer would draw it), then one a hair beyond: exactly at the limit
a rule that allows equality passes (and D01, strict, fails); past it, it fires.
The limits are the rulebook defaults, worked out in the comments.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from mixplan.engine import evaluate
from mixplan.model import Building, GroundCover, Level, Project, Site
from mixplan.model.commands import AddScenario


def _rules(project: Project, scenario: str, rule: str) -> list:
    return [f for f in evaluate(project, scenario).findings if f.rule == rule]


def _site(width: float = 100.0, depth: float = 50.0) -> Project:
    project = Project.new("boundaries")
    project.site = Site(box(0, 0, width, depth))  # 5,000 m² by default
    return project


def _shed(bid: str, geom, height: float = 6.0, **kw) -> Building:
    return Building(bid, bid, geom, (Level.of(height, "warehouse"),), **kw)


# --- equal areas summed in another order ------------------------------------------


@st.composite
def _parks(draw: st.DrawFn) -> list[tuple[float, float, float, int]]:
    """Buildings as (x0, width, depth, storeys), widths in decimetres."""
    n = draw(st.integers(1, 6))
    out = []
    x = 0.0
    for _ in range(n):
        width = draw(st.integers(31, 400)) / 10
        depth = draw(st.integers(31, 300)) / 10
        out.append((x, width, depth, draw(st.integers(1, 3))))
        x += width + 1.3
    return out


@settings(max_examples=300, deadline=None)
@given(_parks(), st.data())
def test_equal_floor_area_in_another_order_never_flips_d01_or_c09(park, data):
    """A scenario that splits buildings in two (same outline, same levels,
    origin kept) and lists them in another order holds exactly the baseline's
    floor area: D01 (strict) must fail and C09 must not fire."""
    project = Project.new("split")
    project.site = Site(box(-10, -10, 1500, 400))
    base = project.baseline
    for k, (x0, width, depth, storeys) in enumerate(park):
        levels = (Level.of(5.5, "craft", load_kn_m2=12, access="street"),) + tuple(
            Level.of(3.1, "housing") for _ in range(storeys - 1)
        )
        base.buildings[f"b{k}"] = Building(
            f"b{k}", "", box(x0, 0, x0 + width, depth), levels
        )
    AddScenario("Split").apply(project)
    scenario = project.scenario("Split")
    ids = list(base.buildings)
    for bid in data.draw(st.permutations(ids)):
        b = base.buildings[bid]
        x0, y0, x1, y1 = b.footprint.bounds
        cut = x0 + data.draw(st.integers(1, int(round((x1 - x0) * 10)) - 1)) / 10
        del scenario.buildings[bid]
        for part, geom in (("w", box(x0, y0, cut, y1)), ("e", box(cut, y0, x1, y1))):
            scenario.buildings[bid + part] = replace(
                b, id=bid + part, footprint=geom, origin=bid
            )
    d01 = _rules(project, "Split", "D01")
    assert len(d01) == 1 and d01[0].severity == "error"
    assert _rules(project, "Split", "C09") == []


def test_the_reported_pair_is_equal() -> None:
    """10,681.199999999999 m² and 10,681.2 m² are the same floor area."""
    from mixplan.engine.context import AREA_TOLERANCE_M2, falls_short, overshoots

    assert not overshoots(10681.2, 10681.199999999999, AREA_TOLERANCE_M2)
    assert not falls_short(10681.199999999999, 10681.2, AREA_TOLERANCE_M2)
    assert falls_short(10681.19, 10681.2, AREA_TOLERANCE_M2)


# --- one rule at a time at its boundary ------------------------------------------


def test_c02_coverage_at_sixty_percent() -> None:
    project = _site()  # 5,000 m²; 60 % = 3,000 m²
    # three strips of 0.1 m multiples summing to 60 m × 50 m
    for k, (x0, x1) in enumerate(((0.0, 20.3), (20.3, 40.7), (40.7, 60.0))):
        project.baseline.buildings[f"s{k}"] = _shed(f"s{k}", box(x0, 0, x1, 50))
    assert _rules(project, "Existing", "C02") == []
    project.baseline.buildings["x"] = _shed("x", box(70, 0, 70.01, 0.01))
    (f,) = _rules(project, "Existing", "C02")
    assert f.limit == 0.6


def test_c03_height_at_twenty_five_metres() -> None:
    project = _site()
    AddScenario("Plan").apply(project)  # C03 judges new or altered buildings
    plan = project.scenario("Plan")
    # 5.5 + 6 × 3.25 = 25.0 m (float sum 25.000000000000004 or so)
    levels = (Level.of(5.5, "craft"),) + tuple(
        Level.of(3.25, "office") for _ in range(6)
    )
    plan.buildings["t"] = Building("t", "", box(40, 20, 50, 30), levels)
    assert _rules(project, "Plan", "C03") == []
    plan.buildings["t"] = Building(
        "t", "", box(40, 20, 50, 30), levels + (Level.of(0.01, "technical"),)
    )
    assert len(_rules(project, "Plan", "C03")) == 1


def test_c04_top_floor_at_twenty_eight_metres() -> None:
    project = _site()
    project.rulebook.set("C03", "enabled", False)
    # offices: 7 × 4.0 m = 28.0 m to the top floor, which is not above 28 m
    levels = tuple(Level.of(4.0, "office") for _ in range(8))
    project.baseline.buildings["t"] = Building("t", "", box(40, 20, 50, 30), levels)
    assert _rules(project, "Existing", "C04") == []
    levels = (Level.of(4.01, "office"),) + levels[1:]
    project.baseline.buildings["t"] = Building("t", "", box(40, 20, 50, 30), levels)
    assert len(_rules(project, "Existing", "C04")) == 1


def test_c06_and_c07_open_soil_at_twenty_percent_and_cbs_at_point_three() -> None:
    project = _site()  # 20 % = 1,000 m² of open soil
    project.rulebook.set("C07", "min_cbs", 0.2)  # CBS = 1,000 × 1.0 / 5,000
    base = project.baseline
    base.cover["a"] = GroundCover("a", "open_soil", box(0, 0, 33.3, 10))
    base.cover["b"] = GroundCover("b", "open_soil", box(33.3, 0, 100, 10))
    assert _rules(project, "Existing", "C06") == []
    assert _rules(project, "Existing", "C07") == []
    base.cover["b"] = GroundCover("b", "open_soil", box(33.3, 0, 99.99, 10))
    assert len(_rules(project, "Existing", "C06")) == 1
    assert len(_rules(project, "Existing", "C07")) == 1


def test_c09_exactly_kept_and_a_square_centimetre_short() -> None:
    project = _site()
    project.baseline.buildings["a"] = _shed("a", box(0, 0, 30.7, 10.3))
    AddScenario("Plan").apply(project)
    plan = project.scenario("Plan")
    del plan.buildings["a"]
    plan.buildings["a1"] = _shed("a1", box(0, 0, 12.9, 10.3), origin="a")
    plan.buildings["a2"] = _shed("a2", box(12.9, 0, 30.7, 10.3), origin="a")
    assert _rules(project, "Plan", "C09") == []
    plan.buildings["a2"] = _shed("a2", box(12.9, 0, 30.699, 10.3), origin="a")
    (f,) = _rules(project, "Plan", "C09")
    assert f.severity == "error"


def test_c11_yard_kept_in_two_pieces() -> None:
    project = _site()
    project.baseline.cover["y"] = GroundCover("y", "yard", box(0, 0, 26.3, 40.1))
    AddScenario("Plan").apply(project)
    plan = project.scenario("Plan")
    del plan.cover["y"]
    plan.cover["y1"] = GroundCover("y1", "yard", box(0, 0, 26.3, 17.7))
    plan.cover["y2"] = GroundCover("y2", "yard", box(0, 17.7, 26.3, 40.1))
    assert _rules(project, "Plan", "C11") == []
    plan.cover["y2"] = GroundCover("y2", "yard", box(0, 17.7, 26.3, 40.09))
    assert len(_rules(project, "Plan", "C11")) == 1


def test_c19_supply_equal_to_demand() -> None:
    project = _site()
    # offices: 652.17… m² gross × 0.92 = 600 m² SDP → 600 / 60 = 10 spaces
    width = 600 / 0.92 / 20
    project.baseline.buildings["o"] = Building(
        "o", "", box(0, 0, width, 20), (Level.of(3.5, "office"),), parking_spaces=10
    )
    assert _rules(project, "Existing", "C19") == []
    project.baseline.buildings["o"] = replace(
        project.baseline.buildings["o"], footprint=box(0, 0, width + 0.01, 20)
    )
    (f,) = _rules(project, "Existing", "C19")
    assert f.measured == 10


def test_c20_one_bay_per_thousand_square_metres() -> None:
    project = _site()
    # productive SDP 1,000 m² exactly: 1,000 / 0.92 gross → 1 bay required
    width = 1000 / 0.92 / 25
    project.baseline.buildings["w"] = _shed("w", box(0, 0, width, 25), loading_bays=1)
    assert _rules(project, "Existing", "C20") == []
    project.baseline.buildings["w"] = _shed(
        "w", box(0, 0, width + 0.01, 25), loading_bays=1
    )
    (f,) = _rules(project, "Existing", "C20")
    assert (f.measured, f.limit) == (1, 2)


def test_d01_strict_with_a_minimum_increase() -> None:
    project = _site()
    project.baseline.buildings["a"] = _shed("a", box(0, 0, 20, 10))  # 184 m² SDP
    project.rulebook.set("D01", "min_far_increase", 0.01)  # + 50 m² of SDP
    AddScenario("Plan").apply(project)
    plan = project.scenario("Plan")
    # a new office of exactly 50 m² SDP: equal to the limit, strict rule fails
    plan.buildings["n"] = Building(
        "n", "", box(50, 0, 50 + 50 / 0.92 / 10, 10), (Level.of(3.5, "office"),)
    )
    assert len(_rules(project, "Plan", "D01")) == 1
    plan.buildings["n"] = Building(
        "n", "", box(50, 0, 50 + 50.01 / 0.92 / 10, 10), (Level.of(3.5, "office"),)
    )
    assert _rules(project, "Plan", "D01") == []
