"""Every indicator of DESIGN §8, hand-computed on the site of conftest.py."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from shapely.geometry import box

from mixplan.engine import Evaluation, evaluate
from mixplan.engine.indicators import INDICATOR_KEYS
from mixplan.model import Building, GroundCover, Level, Project
from mixplan.model.commands import (
    AddBuilding,
    AddCover,
    RemoveBuilding,
    RemoveCover,
    ReplaceBuilding,
    SetLevelUses,
)

F = 0.92  # sdp_factor
# Housing in a building with internal common parts (the default) loses a further
# 10 % of SDP (Code de l'urbanisme R111-22 8°): 0.92 × 0.90 = 0.828 per gross m².
H = F * 0.9


def approx(x: float) -> object:
    return pytest.approx(x, rel=1e-9, abs=1e-9)


def test_indicator_keys_are_exactly_the_contract(site_project: Project) -> None:
    ev = evaluate(site_project, "Existing")
    assert isinstance(ev, Evaluation)
    assert tuple(ev.indicators) == INDICATOR_KEYS
    assert set(ev.indicators["sdp_by_family_m2"]) == {
        "housing", "productive", "tertiary", "shared"}
    assert "parking" not in ev.indicators["sdp_by_use_m2"]
    assert "unassigned" in ev.indicators["sdp_by_use_m2"]


def test_baseline_floor_areas(site_project: Project) -> None:
    ind = evaluate(site_project, "Existing").indicators
    assert ind["site_area_m2"] == approx(5000)
    assert ind["footprint_m2"] == approx(700)
    assert ind["coverage"] == approx(700 / 5000)
    # A: 2 × 400; B: parking 200 + office 200 + own polygon 100; C: 100
    assert ind["gfa_m2"] == approx(1400)
    assert ind["sdp_m2"] == approx(700 * F + 500 * H)  # 644 + 414 = 1,058 m²
    assert ind["sdp_m2"] == approx(1058)
    assert ind["sdp_by_family_m2"] == {
        "housing": approx(500 * H), "productive": approx(500 * F),
        "tertiary": approx(200 * F), "shared": 0.0}
    assert ind["sdp_by_use_m2"]["craft"] == approx(400 * F)
    assert ind["sdp_by_use_m2"]["warehouse"] == approx(100 * F)
    assert ind["sdp_by_use_m2"]["housing"] == approx(414)
    assert ind["far"] == approx(1058 / 5000)
    assert ind["max_height_m"] == approx(8.0)  # B's basement does not count


def test_baseline_productive_and_people(site_project: Project) -> None:
    ind = evaluate(site_project, "Existing").indicators
    assert ind["productive_sdp_m2"] == approx(500 * F)
    assert ind["productive_non_grade_sdp_m2"] == 0
    assert ind["productive_retention"] == 1.0
    assert ind["productive_kept_m2"] == approx(500 * F)
    assert ind["productive_lost_m2"] == 0
    assert ind["productive_gained_m2"] == 0
    dwellings = 414 / 65  # 500 m² gross of housing × 0.92 × 0.90
    assert ind["dwellings"] == approx(dwellings)
    assert ind["residents"] == approx(dwellings * 2.3)
    assert ind["jobs"] == approx(400 * F / 47 + 100 * F / 164 + 200 * F / 15)


def test_baseline_land_and_servicing(site_project: Project) -> None:
    ind = evaluate(site_project, "Existing").indicators
    assert ind["open_soil_m2"] == approx(1000)
    assert ind["open_soil_ratio"] == approx(0.2)
    assert ind["cbs"] == approx(1000 / 5000)  # yard counts 0
    assert ind["artificialised_m2"] == approx(4000)  # all but the open soil
    assert ind["net_new_artificialised_m2"] == 0
    assert ind["parking_supply"] == 3 + 8  # A's spaces + B's 200 m² ÷ 25
    demand = 414 / 65 + 200 * F / 60 + 500 * F / 250
    assert ind["parking_demand"] == approx(demand)
    assert ind["loading_bays"] == 1
    assert ind["loading_bays_required"] == 1


def test_baseline_delta_is_zero(site_project: Project) -> None:
    ev = evaluate(site_project, "Existing")
    assert all(v == 0 for k, v in ev.delta.items() if not isinstance(v, dict))
    assert all(v == 0 for v in ev.delta["sdp_by_use_m2"].values())


def test_copied_scenario_equals_baseline(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    base = evaluate(site_project, "Existing").indicators
    ev = evaluate(site_project, name)
    assert ev.indicators == base
    assert ev.delta["far"] == 0


def test_split_building_keeps_its_origin(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    a = site_project.scenario(name).buildings["A"]
    RemoveBuilding(name, "A").apply(site_project)
    for bid, fp in (("A1", box(10, 10, 20, 30)), ("A2", box(20, 10, 30, 30))):
        AddBuilding(name, replace(a, id=bid, footprint=fp, origin="A")).apply(
            site_project)
    ev = evaluate(site_project, name)
    ind = ev.indicators
    assert ind["productive_kept_m2"] == approx(500 * F)
    assert ind["productive_lost_m2"] == 0
    assert ind["productive_gained_m2"] == 0
    assert ind["productive_retention"] == approx(1.0)
    assert ind["footprint_m2"] == approx(700)  # the halves touch, no overlap
    assert not [f for f in ev.findings if f.rule in ("C09", "C05")]


def test_demolished_building_loses_all(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    RemoveBuilding(name, "C").apply(site_project)
    ind = evaluate(site_project, name).indicators
    assert ind["productive_lost_m2"] == approx(100 * F)
    assert ind["productive_kept_m2"] == approx(400 * F)
    assert ind["productive_sdp_m2"] == approx(400 * F)
    assert ind["productive_retention"] == approx(400 / 500)
    assert ind["footprint_m2"] == approx(600)


def test_new_building_and_conversion(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    # A's craft ground floor becomes office: A loses 368 m².
    SetLevelUses(name, "A", 0, {"office": 1.0}).apply(site_project)
    new = Building("N", "New hall", box(60, 30, 75, 40),
                   (Level.of(6.0, "industry", load_kn_m2=15, access="yard"),))
    AddBuilding(name, new).apply(site_project)
    ev = evaluate(site_project, name)
    ind = ev.indicators
    assert ind["productive_lost_m2"] == approx(400 * F)
    assert ind["productive_gained_m2"] == approx(150 * F)
    assert ind["productive_kept_m2"] == approx(100 * F)
    assert ind["productive_sdp_m2"] == approx(
        ind["productive_kept_m2"] + ind["productive_gained_m2"])
    assert ev.delta["productive_sdp_m2"] == approx(-250 * F)
    assert ev.delta["sdp_by_use_m2"]["office"] == approx(400 * F)
    assert ev.delta["sdp_by_family_m2"]["productive"] == approx(-250 * F)


def test_raised_building_gains_its_new_storey(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    c = site_project.scenario(name).buildings["C"]
    raised = replace(c, levels=c.levels + (Level.of(4.5, "craft", load_kn_m2=6.0),),
                     ramp=True)
    ReplaceBuilding(name, raised).apply(site_project)
    ind = evaluate(site_project, name).indicators
    assert ind["productive_gained_m2"] == approx(100 * F)
    assert ind["productive_kept_m2"] == approx(500 * F)


def test_overlapping_footprints_count_once(site_project) -> None:
    base = site_project.baseline
    base.buildings["D"] = Building("D", "", box(20, 20, 40, 40),
                                   (Level.of(3.0, "office"),))
    ind = evaluate(site_project, "Existing").indicators
    # D overlaps A on 10 × 10 m
    assert ind["footprint_m2"] == approx(700 + 400 - 100)
    assert ind["gfa_m2"] == approx(1400 + 400)


def test_cover_under_buildings_and_overlaps(site_project) -> None:
    base = site_project.baseline
    # semi-open box(0, 0, 40, 50): 2,000 m², of which A covers 400 and the open
    # soil strip (higher coefficient, counted first) 400; it overlaps the yard
    # on box(30, 0, 40, 10) = 100 m², which it keeps (0.5 > 0).
    base.cover["semi"] = GroundCover("semi", "semi_open", box(0, 0, 40, 50))
    ind = evaluate(site_project, "Existing").indicators
    assert ind["open_soil_m2"] == approx(1000)
    assert ind["cbs"] == approx((1000 + 0.5 * 1200) / 5000)
    # open soil + semi + rest of the yard + footprints in the site + uncovered
    assert ind["artificialised_m2"] == approx(5000 - 1000)


def test_green_roof_and_green_on_slab(site_project) -> None:
    base = site_project.baseline
    base.buildings["A"] = replace(base.buildings["A"], roof="green")
    base.cover["slab"] = GroundCover("slab", "green_on_slab", box(0, 0, 10, 10))
    ind = evaluate(site_project, "Existing").indicators
    assert ind["cbs"] == approx((1000 + 0.7 * 400 + 0.5 * 100) / 5000)
    site_project.rulebook.set("assumptions", "cbs_green_on_slab", 0.7)
    ind = evaluate(site_project, "Existing").indicators
    assert ind["cbs"] == approx((1000 + 0.7 * 400 + 0.7 * 100) / 5000)


def test_artificialisation_against_baseline(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    # renature 300 m² of uncovered (assumed sealed) ground as open soil
    AddCover(name, GroundCover("park", "open_soil", box(0, 0, 10, 30))).apply(
        site_project)
    ind = evaluate(site_project, name).indicators
    assert ind["artificialised_m2"] == approx(4000 - 300)
    assert ind["net_new_artificialised_m2"] == approx(-300)
    # building on the open soil strip artificialises it
    RemoveCover(name, "park").apply(site_project)
    AddBuilding(name, Building("N", "", box(0, 40, 10, 50),
                               (Level.of(3.0, "office"),))).apply(site_project)
    ind = evaluate(site_project, name).indicators
    assert ind["net_new_artificialised_m2"] == approx(100)
    assert ind["open_soil_m2"] == approx(900)


def test_uncovered_ground_assumption(site_project) -> None:
    site_project.rulebook.set("assumptions", "uncovered_ground_artificialised", False)
    ind = evaluate(site_project, "Existing").indicators
    # only buildings (700) and the yard (200) are artificialised then
    assert ind["artificialised_m2"] == approx(900)


def test_unassigned_counts_in_totals(site_project) -> None:
    base = site_project.baseline
    base.buildings["U"] = Building("U", "", box(60, 30, 70, 40),
                                   (Level.of(3.0, "unassigned"),))
    ind = evaluate(site_project, "Existing").indicators
    assert ind["sdp_m2"] == approx(1058 + 100 * F)
    assert ind["gfa_m2"] == approx(1500)
    assert ind["sdp_by_use_m2"]["unassigned"] == approx(100 * F)
    assert sum(ind["sdp_by_family_m2"].values()) == approx(1058)


def test_pooled_parking(site_project) -> None:
    base = site_project.baseline
    base.buildings["A"] = replace(base.buildings["A"], shared=True)
    ind = evaluate(site_project, "Existing").indicators
    demand = 414 / 65 + 200 * F / 60 + 500 * F / 250
    assert ind["parking_demand"] == approx(0.75 * demand)


def test_no_site_gives_zero_ratios() -> None:
    project = Project.new("no site")
    project.baseline.buildings["a"] = Building(
        "a", "", box(0, 0, 10, 10), (Level.of(3.0, "office"),))
    ev = evaluate(project, "Existing")
    assert ev.indicators["site_area_m2"] == 0
    assert ev.indicators["far"] == 0 and ev.indicators["coverage"] == 0
    assert ev.indicators["sdp_m2"] == approx(100 * F)
    assert all(math.isfinite(v) for v in ev.indicators.values()
               if isinstance(v, float))
    info = {f.rule for f in ev.findings if f.severity == "info"}
    assert {"C02", "C06", "C07"} <= info
