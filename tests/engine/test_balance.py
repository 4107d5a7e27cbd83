"""The financial balance (DESIGN §17) against balances computed by hand.

The site: baseline

- ``B1`` box(0, 0, 20, 10) = 200 m², one warehouse level 6 m, ICPE class D.
  SDP = 200 × 0.92 = 184 m².
- ``B2`` box(50, 0, 70, 10) = 200 m²: ground craft 5 m, R+1 office 3.5 m.
  SDP craft 184, office 184.
- ``B3`` box(100, 0, 110, 10) = 100 m², office, kept unchanged.
- ``B4`` box(150, 0, 160, 10) = 100 m², craft (class NC): SDP 92.
- open soil box(0, 100, 10, 110) = 100 m².

The scenario "Plan": B1 removed; B2 keeps its ground floor, its R+1 turns to
retail (converted) and an office storey is added on top (raised); B3 kept;
B4 replaced by box(150, 0, 165, 10) = 150 m² with two craft storeys (another
footprint: B4 demolished, the new building all new); a new building N1
box(0, 50, 20, 60) = 200 m² with a parking basement and a third place above;
open soil box(0, 100, 30, 110) = 300 m² (200 m² de-sealed).

No housing is used in the hand-computed cases: its SDP depends on the
R111-22 common-parts deduction, which the engine owns.
"""

from __future__ import annotations

import gc
from dataclasses import replace

import pytest
from shapely.geometry import Polygon, box

from mixplan.engine.balance import (
    balance_of,
    demolished_baseline_ids,
    developer_balance,
    storey_sdp,
)
from mixplan.engine.evaluator import Evaluator
from mixplan.engine.facts import Assumptions, building_facts
from mixplan.model import Building, GroundCover, Level, Project, Scenario, Site
from mixplan.model.finance import Assumption, FinancialAssumptions

F = 0.92  # the rulebook's default SDP factor


def _a(value: float) -> Assumption:
    return Assumption(value, "test figure", 2024, "S")


def hand_assumptions() -> FinancialAssumptions:
    values = {
        "price_eur_m2.housing": 5000,
        "price_eur_m2.productive": 2000,
        "price_eur_m2.tertiary": 3000,
        "price_eur_m2.shared": 1000,
        "price_eur_m2.craft": 2500,
        "price_eur_m2.retail": 3500,
        "cost_eur_m2.housing": 2000,
        "cost_eur_m2.productive": 1000,
        "cost_eur_m2.tertiary": 1500,
        "cost_eur_m2.shared": 1000,
        "acquisition_eur_m2.housing": 3000,
        "acquisition_eur_m2.productive": 800,
        "acquisition_eur_m2.tertiary": 1500,
        "acquisition_eur_m2.shared": 500,
        "conversion_cost_eur_m2": 1200,
        "demolition_eur_m2": 100,
        "desealing_eur_m2": 100,
        "remediation_eur_m2": 150,
        "relocation_eur_m2": 200,
        "desealing_subsidy_eur_m2": 50,
        "fees_rate": 0.10,
        "marketing_rate": 0.05,
        "finance_rate": 0.02,
        "margin_rate": 0.08,
    }
    return FinancialAssumptions({k: _a(v) for k, v in values.items()})


def make_project(b1_class: str = "D") -> Project:
    project = Project.new("balance")
    project.site = Site(box(-10, -10, 300, 300))
    base = project.baseline
    base.buildings["B1"] = Building(
        "B1",
        "Shed",
        box(0, 0, 20, 10),
        (Level.of(6.0, "warehouse", nuisance=b1_class),),
    )
    base.buildings["B2"] = Building(
        "B2",
        "Workshop",
        box(50, 0, 70, 10),
        (Level.of(5.0, "craft"), Level.of(3.5, "office")),
    )
    base.buildings["B3"] = Building(
        "B3", "Office", box(100, 0, 110, 10), (Level.of(3.5, "office"),)
    )
    base.buildings["B4"] = Building(
        "B4",
        "Small workshop",
        box(150, 0, 160, 10),
        (Level.of(5.0, "craft", nuisance="NC"),),
    )
    base.cover["g1"] = GroundCover("g1", "open_soil", box(0, 100, 10, 110))

    plan = Scenario("Plan")
    b2 = base.buildings["B2"]
    plan.buildings["B2"] = replace(
        b2,
        origin="B2",
        levels=(b2.levels[0], Level.of(3.5, "retail"), Level.of(3.5, "office")),
    )
    plan.buildings["B3"] = replace(base.buildings["B3"], origin="B3")
    plan.buildings["B4x"] = Building(
        "B4x",
        "New workshops",
        box(150, 0, 165, 10),
        (Level.of(5.0, "craft"), Level.of(5.0, "craft")),
        origin="B4",
    )
    plan.buildings["N1"] = Building(
        "N1",
        "Third place",
        box(0, 50, 20, 60),
        (Level.of(3.0, "parking"), Level.of(4.0, "third_place")),
        basements=1,
    )
    plan.cover["g1"] = GroundCover("g1", "open_soil", box(0, 100, 30, 110))
    project.scenarios.append(plan)
    return project


# The hand computation, line by line.
# Developer:
#   B2 converted R+1: retail 200 × 0.92 = 184 m² sold at the retail key 3,500
#      = 644,000; costed at conversion 1,200 → 220,800.
#   B2 added R+2: office 184 m² at tertiary 3,000 = 552,000; cost 1,500 → 276,000.
#   B4x (origin demolished: all new): craft 2 × 150 × 0.92 = 276 m² at the craft
#      key 2,500 (a use key wins) = 690,000; cost productive 1,000 → 276,000.
#   N1: third place 184 m² (the parking basement is neither sold nor costed) at
#      shared 1,000 = 184,000; cost 1,000 → 184,000.
REVENUE = 644_000 + 552_000 + 690_000 + 184_000  # 2,070,000
CONSTRUCTION = 220_800 + 276_000 + 276_000 + 184_000  # 956,800
FEES = CONSTRUCTION * 0.10  # 95,680
MARKETING = REVENUE * 0.05  # 103,500
MARGIN = REVENUE * 0.08  # 165,600
CF = (REVENUE * (1 - 0.05 - 0.08) - CONSTRUCTION * 1.10 * 1.02) / 1.02
#   = (1,800,900 − 1,073,529.6) / 1.02 = 713,108.2353
FINANCE = 0.02 * (CONSTRUCTION + FEES + CF)  # 35,311.7647
# Public:
#   demolished: B1 (removed) and B4 (another footprint); converted: B2.
#   acquisition: B1 warehouse 184 × 800 = 147,200; B4 craft 92 × 800 = 73,600;
#      B2 craft 184 × 800 + office 184 × 1,500 = 423,200.
#   relocation: productive SDP demolished (184 + 92) × 200 = 55,200.
#   demolition: GFA (200 + 100) × 100 = 30,000.
#   remediation: B1 is class D: footprint 200 × 150 = 30,000.
#   de-sealed: 300 − 100 = 200 m²: cost 20,000, subsidy 10,000.
LINES = {
    "charges_foncieres": CF,
    "desealing_subsidy": 10_000.0,
    "acquisition": 147_200 + 73_600 + 423_200,
    "relocation": 55_200.0,
    "demolition": 30_000.0,
    "remediation": 30_000.0,
    "desealing": 20_000.0,
}
INCOME = CF + 10_000
COSTS = 644_000 + 55_200 + 30_000 + 30_000 + 20_000  # 779,200


def test_developer_balance_matches_the_hand_computation() -> None:
    result = balance_of(make_project(), "Plan", hand_assumptions())
    dev = result.developer
    assert dev.revenue == pytest.approx(REVENUE)
    assert dev.construction == pytest.approx(CONSTRUCTION)
    assert dev.fees == pytest.approx(FEES)
    assert dev.marketing == pytest.approx(MARKETING)
    assert dev.margin == pytest.approx(MARGIN)
    assert dev.charge_fonciere == pytest.approx(713_108.2353, abs=1e-3)
    assert dev.finance == pytest.approx(35_311.7647, abs=1e-3)
    # The compte à rebours closes: revenue = every cost + the charge foncière.
    assert dev.revenue == pytest.approx(
        dev.construction
        + dev.fees
        + dev.marketing
        + dev.margin
        + dev.finance
        + dev.charge_fonciere
    )


@pytest.mark.parametrize("reuse", [False, True], ids=["measured", "evaluators"])
def test_public_balance_matches_the_hand_computation(reuse: bool) -> None:
    # the same figures whether the balance measures each building or reads the
    # facts an evaluator measured (as the report does)
    project = make_project()
    evaluator = Evaluator(project) if reuse else None
    result = balance_of(project, "Plan", hand_assumptions(), evaluator=evaluator)
    assert result.demolished == ("B1", "B4")
    assert result.converted == ("B2",)
    for key, value in LINES.items():
        assert result.public.lines[key] == pytest.approx(value), key
    assert result.public.income == pytest.approx(INCOME)
    assert result.public.costs == pytest.approx(COSTS)
    assert result.public.balance == pytest.approx(
        713_108.2353 + 10_000 - 779_200, abs=1e-3
    )
    assert result.quantities["desealed_m2"] == pytest.approx(200.0)
    assert result.quantities["converted_sdp_m2"] == pytest.approx(184.0)


def test_per_building_sheets_sum_to_the_total() -> None:
    result = balance_of(make_project(), "Plan", hand_assumptions())
    by_id = {b.building_id: b for b in result.buildings}
    assert set(by_id) == {"B2", "B4x", "N1"}  # B3 is kept: nothing new
    assert by_id["B2"].kind == "raised_converted"
    assert by_id["B4x"].kind == "rebuilt"
    assert by_id["N1"].kind == "new"
    assert by_id["B2"].developer.revenue == pytest.approx(644_000 + 552_000)
    assert by_id["B2"].developer.construction == pytest.approx(220_800 + 276_000)
    assert by_id["N1"].built_sdp_by_use == {"third_place": pytest.approx(184.0)}
    total = sum(b.developer.charge_fonciere for b in result.buildings)
    assert total == pytest.approx(result.developer.charge_fonciere)


def test_sensitivity_scales_prices_and_construction_costs() -> None:
    result = balance_of(make_project(), "Plan", hand_assumptions())
    points = {(p.price_factor, p.cost_factor): p for p in result.sensitivity}
    assert set(points) == {(p, c) for p in (0.8, 1.0, 1.2) for c in (0.8, 1.0, 1.2)}
    for (p, c), point in points.items():
        cf = (REVENUE * p * 0.87 - CONSTRUCTION * c * 1.10 * 1.02) / 1.02
        assert point.charge_fonciere == pytest.approx(cf), (p, c)
        # Public costs do not move with prices and construction costs.
        assert point.public_balance == pytest.approx(cf + 10_000 - COSTS), (p, c)
    assert points[(1.0, 1.0)].charge_fonciere == pytest.approx(
        result.developer.charge_fonciere
    )


def test_sensitivity_equals_a_recomputation_with_scaled_assumptions() -> None:
    project, fa = make_project(), hand_assumptions()
    result = balance_of(project, "Plan", fa)
    for point in result.sensitivity:
        scaled = fa.scaled(point.price_factor, point.cost_factor)
        again = balance_of(project, "Plan", scaled, with_sensitivity=False)
        assert point.charge_fonciere == pytest.approx(again.developer.charge_fonciere)
        assert point.public_balance == pytest.approx(again.public.balance)


def test_remediation_counts_class_d_and_above_only() -> None:
    fa = hand_assumptions()
    for cls, expected in (
        ("NC", 0.0),
        ("D", 30_000.0),
        ("DC", 30_000.0),
        ("A", 30_000.0),
    ):
        result = balance_of(
            make_project(b1_class=cls), "Plan", fa, with_sensitivity=False
        )
        assert result.public.lines["remediation"] == pytest.approx(expected), cls


def test_same_footprint_drawn_from_another_vertex_is_not_demolished() -> None:
    project = make_project()
    plan = project.scenario("Plan")
    # B4's outline starting from another corner, reversed: the same footprint.
    same = Polygon([(160, 10), (160, 0), (150, 0), (150, 10)])
    plan.buildings["B4x"] = replace(plan.buildings["B4x"], footprint=same)
    assert "B4" not in demolished_baseline_ids(project, plan)
    result = balance_of(project, "Plan", hand_assumptions(), with_sensitivity=False)
    b4x = next(b for b in result.buildings if b.building_id == "B4x")
    # Kept ground floor (craft → craft, not converted), one craft storey added.
    assert b4x.kind == "raised"
    assert b4x.built_sdp_by_use == {"craft": pytest.approx(92.0)}
    assert "B4" not in result.converted
    # Moved by 1 cm: another footprint, so B4 is demolished.
    moved = box(150.01, 0, 160.01, 10)
    plan.buildings["B4x"] = replace(plan.buildings["B4x"], footprint=moved)
    assert "B4" in demolished_baseline_ids(project, plan)


def test_a_change_of_shares_converts_and_a_change_of_height_does_not() -> None:
    project = make_project()
    plan = project.scenario("Plan")
    b3 = project.baseline.buildings["B3"]
    # Height only: same uses, same SDP: not converted, nothing new.
    plan.buildings["B3"] = replace(b3, origin="B3", levels=(Level.of(4.0, "office"),))
    result = balance_of(project, "Plan", hand_assumptions(), with_sensitivity=False)
    assert "B3" not in result.converted
    assert all(b.building_id != "B3" for b in result.buildings)
    # 70 % office, 30 % retail: a part of the storey changes use: converted,
    # 100 × 0.92 × 0.3 = 27.6 m² of retail sold (3,500) and converted (1,200).
    plan.buildings["B3"] = replace(
        b3, origin="B3", levels=(Level.of(3.5, {"office": 0.7, "retail": 0.3}),)
    )
    result = balance_of(project, "Plan", hand_assumptions(), with_sensitivity=False)
    assert "B3" in result.converted
    b3_sheet = next(b for b in result.buildings if b.building_id == "B3")
    assert b3_sheet.converted_sdp_by_use == {"retail": pytest.approx(27.6)}
    assert b3_sheet.developer.revenue == pytest.approx(27.6 * 3500)
    assert b3_sheet.developer.construction == pytest.approx(27.6 * 1200)
    # B3 converted: its whole baseline SDP (office 92 m²) is acquired at 1,500.
    assert result.public.lines["acquisition"] == pytest.approx(644_000 + 92 * 1500)


def test_no_new_floor_area_gives_costs_only() -> None:
    project = make_project()
    only_removal = Scenario("Demolish B1")
    for bid in ("B2", "B3", "B4"):
        only_removal.buildings[bid] = replace(
            project.baseline.buildings[bid], origin=bid
        )
    only_removal.cover = dict(project.baseline.cover)
    project.scenarios.append(only_removal)
    result = balance_of(project, "Demolish B1", hand_assumptions())
    assert not result.has_new_floor_area and result.buildings == ()
    assert result.developer.revenue == 0 and result.developer.charge_fonciere == 0
    # Costs: acquisition 147,200 + relocation 36,800 + demolition 20,000 +
    # remediation 30,000 = 234,000; nothing de-sealed.
    assert result.public.income == 0
    assert result.public.costs == pytest.approx(234_000)
    assert result.public.balance == pytest.approx(-234_000)


def test_less_pleine_terre_is_not_negative_de_sealing() -> None:
    project = make_project()
    project.scenario("Plan").cover = {}
    result = balance_of(project, "Plan", hand_assumptions(), with_sensitivity=False)
    assert result.quantities["desealed_m2"] == 0
    assert result.public.lines["desealing"] == 0
    assert result.public.lines["desealing_subsidy"] == 0


def test_pleine_terre_under_a_building_or_outside_the_site_does_not_count() -> None:
    project = make_project()
    plan = project.scenario("Plan")
    # 100 m² of the new open soil under N1 (box(0, 50, 20, 60)) and 100 m²
    # outside the site (x < -10): neither is de-sealed ground.
    plan.cover["g2"] = GroundCover("g2", "open_soil", box(0, 50, 10, 60))
    plan.cover["g3"] = GroundCover("g3", "open_soil", box(-20, 200, -10, 210))
    result = balance_of(project, "Plan", hand_assumptions(), with_sensitivity=False)
    assert result.quantities["desealed_m2"] == pytest.approx(200.0)


def test_footprints_far_from_the_pleine_terre_do_not_change_it() -> None:
    project = make_project()
    plan = project.scenario("Plan")
    # a building straddling the open soil box(0, 100, 30, 110) takes 5 × 10 m²
    # of it; one touching its edge only, and a hundred far away, take nothing
    plan.buildings["S1"] = Building(
        "S1", "", box(25, 100, 35, 110), (Level.of(3.0, "office"),)
    )
    plan.buildings["S2"] = Building(
        "S2", "", box(30, 100, 40, 110), (Level.of(3.0, "office"),)
    )
    for k in range(100):
        plan.buildings[f"F{k}"] = Building(
            f"F{k}", "", box(200 + k, 300, 200.5 + k, 300.5), (Level.of(3.0, "office"),)
        )
    result = balance_of(project, "Plan", hand_assumptions(), with_sensitivity=False)
    assert result.quantities["desealed_m2"] == pytest.approx(300 - 50 - 100)


def test_removals_recorded_by_the_model_are_demolished() -> None:
    project = make_project()
    project.settle()  # records B1 (continued by no building) as removed
    plan = project.scenario("Plan")
    assert set(plan.removed) == {"B1"}  # B4 is continued by B4x, on another footprint
    result = balance_of(project, "Plan", hand_assumptions(), with_sensitivity=False)
    assert result.demolished == ("B1", "B4")
    assert result.public.balance == pytest.approx(713_108.2353 + 10_000 - 779_200)


def test_the_baseline_balances_to_zero() -> None:
    result = balance_of(make_project(), "Existing", hand_assumptions())
    assert result.buildings == () and result.public.balance == 0
    assert result.developer.charge_fonciere == 0


def test_unassigned_floor_area_is_reported_unpriced() -> None:
    project = make_project()
    project.scenario("Plan").buildings["N2"] = Building(
        "N2", "Shell", box(0, 200, 10, 210), (Level.of(3.0, "unassigned"),)
    )
    result = balance_of(project, "Plan", hand_assumptions(), with_sensitivity=False)
    assert result.quantities["unpriced_sdp_m2"] == pytest.approx(92.0)
    assert result.developer.revenue == pytest.approx(REVENUE)


def test_developer_formula_in_isolation() -> None:
    # R = 1,000, C = 500, rates of the hand set:
    # CF = (1,000 × 0.87 − 500 × 1.1 × 1.02) / 1.02 = (870 − 561) / 1.02 = 302.94
    d = developer_balance(1000.0, 500.0, hand_assumptions())
    assert d.charge_fonciere == pytest.approx(309.0 / 1.02)
    assert d.finance == pytest.approx(0.02 * (500 + 50 + 309.0 / 1.02))


def test_storey_sdp_sums_to_the_engine_figure_on_the_demo() -> None:
    from mixplan.store.demo import build_demo

    project = build_demo()
    a = Assumptions.of(project.rulebook)
    for scenario in project.scenarios:
        for b in scenario.buildings.values():
            facts = building_facts(b, None, a)
            spread = storey_sdp(b, facts)
            for use, m2 in facts.sdp_by_use.items():
                total = sum(row.get(use, 0.0) for row in spread.values())
                assert total == pytest.approx(m2, abs=1e-6), (b.id, use)


def test_every_demo_scenario_balances() -> None:
    from mixplan.store.demo import build_demo

    project = build_demo()
    for scenario in project.scenarios[1:]:
        result = balance_of(project, scenario.name)
        dev = result.developer
        assert dev.revenue == pytest.approx(
            dev.construction
            + dev.fees
            + dev.marketing
            + dev.margin
            + dev.finance
            + dev.charge_fonciere
        )
        assert len(result.sensitivity) == 9


def _new_buildings(count: int) -> Project:
    """A scenario of ``count`` new one-storey buildings on an empty baseline."""
    project = Project.new("checkpoints")
    project.site = Site(box(-10, -10, 20 * count + 10, 30))
    plan = Scenario("Plan")
    for k in range(count):
        bid = f"N{k}"
        plan.buildings[bid] = Building(
            bid, bid, box(20 * k, 0, 20 * k + 10, 10), (Level.of(3.0, "office"),)
        )
    project.scenarios.append(plan)
    return project


@pytest.mark.parametrize(("count", "calls"), [(63, 0), (64, 1), (128, 2), (129, 2)])
def test_the_checkpoint_is_called_every_64_buildings_measured(
    count: int, calls: int
) -> None:
    project = _new_buildings(count)
    called: list[int] = []
    balance = balance_of(project, "Plan", checkpoint=lambda: called.append(1))
    assert len(called) == calls
    assert balance == balance_of(project, "Plan")


def test_what_the_checkpoint_raises_stops_the_balance() -> None:
    class Stop(Exception):
        pass

    def stop() -> None:
        raise Stop

    with pytest.raises(Stop):
        balance_of(_new_buildings(64), "Plan", checkpoint=stop)
    # Fewer buildings than a checkpoint's worth: it is never called.
    assert balance_of(_new_buildings(63), "Plan", checkpoint=stop).scenario == "Plan"


def test_the_collector_is_paused_while_a_balance_measures() -> None:
    # Its passes over the whole heap held the GIL 0.1-0.2 s each in the editor's
    # balance thread; the checkpoint sees the collector paused, resumed after.
    seen: list[bool] = []
    gc.enable()
    balance_of(
        _new_buildings(128), "Plan", checkpoint=lambda: seen.append(gc.isenabled())
    )
    assert seen == [False, False]
    assert gc.isenabled()


def test_a_stopped_balance_resumes_the_collector() -> None:
    def stop() -> None:
        raise RuntimeError

    gc.enable()
    with pytest.raises(RuntimeError):
        balance_of(_new_buildings(64), "Plan", checkpoint=stop)
    assert gc.isenabled()
