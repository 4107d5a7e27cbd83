"""Every rule on hand-computed cases, with its boundaries (site of conftest.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from shapely.affinity import rotate
from shapely.geometry import box

from mixplan.engine import Finding, evaluate
from mixplan.engine.rules import RULES
from mixplan.model import Building, GroundCover, Level, Project, Site
from mixplan.model.commands import (
    AddBuilding,
    RemoveBuilding,
    RemoveCover,
    ReplaceBuilding,
    SetCover,
    SetLevelUses,
)

F = 0.92


def findings(project: Project, scenario: str, rule: str) -> list[Finding]:
    return [f for f in evaluate(project, scenario).findings if f.rule == rule]


def add(project: Project, scenario: str, building: Building) -> None:
    AddBuilding(scenario, building).apply(project)


def test_registry_names_sources_and_parameters() -> None:
    assert {"C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10", "C11",
            "C12", "C13", "C14", "C15", "C19", "C20", "D01", "U01"} <= set(RULES)
    for rule in RULES.values():
        assert rule.name_en and rule.name_fr and rule.source
        assert rule.severity in ("error", "warning", "info")
        assert rule.parameters[0].name == "enabled"
    assert {p.name for p in RULES["C09"].parameters} >= {
        "min_productive_retention", "per_class"}


def test_finding_json_keys_are_the_contract(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    RemoveBuilding(name, "C").apply(site_project)
    (c09,) = findings(site_project, name, "C09")
    assert list(c09.to_json()) == [
        "rule", "severity", "message", "measured", "limit", "targets", "source"]
    assert c09.message_fr


# --- C09 no net loss, D01 density rises ------------------------------------------


def test_c09_equal_passes_and_loss_fails(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    assert findings(site_project, name, "C09") == []
    RemoveBuilding(name, "C").apply(site_project)
    (f,) = findings(site_project, name, "C09")
    assert f.severity == "error"
    assert f.measured == pytest.approx(400 * F)
    assert f.limit == pytest.approx(500 * F)
    assert f.targets == ("C",)
    assert f.source == ("London Plan 2021, policy E4 and E7 (no net loss of "
                        "industrial capacity)")


def test_c09_retention_parameter(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    RemoveBuilding(name, "C").apply(site_project)
    site_project.rulebook.set("C09", "min_productive_retention", 0.79)
    assert findings(site_project, name, "C09") == []  # 368 ≥ 0.79 × 460
    site_project.rulebook.set("C09", "min_productive_retention", 0.81)
    assert len(findings(site_project, name, "C09")) == 1


def test_c09_per_class(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    # Swap the warehouse for the same area of craft: total kept, class lost.
    SetLevelUses(name, "C", 0, {"craft": 1.0}).apply(site_project)
    assert findings(site_project, name, "C09") == []
    site_project.rulebook.set("C09", "per_class", True)
    (f,) = findings(site_project, name, "C09")
    assert "Warehouse" in f.message
    assert f.measured == 0 and f.limit == pytest.approx(100 * F)


def test_c13_failing_space_is_excluded_from_c09(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    a = site_project.scenario(name).buildings["A"]
    low = replace(a, levels=(replace(a.levels[0], height_m=4.0), a.levels[1]))
    ReplaceBuilding(name, low).apply(site_project)
    ev = evaluate(site_project, name)
    assert ev.indicators["productive_non_grade_sdp_m2"] == pytest.approx(400 * F)
    assert ev.indicators["productive_sdp_m2"] == pytest.approx(100 * F)
    (c13,) = [f for f in ev.findings if f.rule == "C13" and f.severity == "warning"]
    assert c13.targets == ("A#0",)
    assert "floor-to-floor 4 m < 4.5 m" in c13.message
    assert "C09" in [f.rule for f in ev.findings if f.severity == "error"]


def test_d01_equal_far_fails_higher_passes(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    (f,) = findings(site_project, name, "D01")
    assert f.severity == "error" and f.measured == f.limit
    add(site_project, name, Building("N", "", box(60, 30, 70, 40),
                                     (Level.of(3.0, "housing"),)))
    assert findings(site_project, name, "D01") == []
    far_gain = 100 * F * 0.9 / 5000  # housing SDP: 0.92 × 0.90 (R111-22 8°)
    site_project.rulebook.set("D01", "min_far_increase", far_gain * 1.01)
    (f,) = findings(site_project, name, "D01")
    assert f.limit == pytest.approx(1058 / 5000 + far_gain * 1.01, abs=1e-4)
    site_project.rulebook.set("D01", "min_far_increase", far_gain * 0.99)
    assert findings(site_project, name, "D01") == []


def test_comparison_rules_skip_the_baseline(site_project) -> None:
    rules = {f.rule for f in evaluate(site_project, "Existing").findings}
    assert not rules & {"C08", "C09", "C10", "C11", "C12", "D01"}


def test_baseline_errors_become_existing_state_warnings(site_project) -> None:
    ev = evaluate(site_project, "Existing")
    assert not ev.errors
    (c07,) = [f for f in ev.findings if f.rule == "C07"]
    assert c07.severity == "warning" and c07.message.startswith("Existing state")


def test_rule_switched_off_produces_nothing(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    RemoveBuilding(name, "C").apply(site_project)
    assert findings(site_project, name, "C09")
    site_project.rulebook.set("C09", "enabled", False)
    site_project.rulebook.set("C13", "enabled", False)
    rules = {f.rule for f in evaluate(site_project, name).findings}
    assert "C09" not in rules and "C13" not in rules
    # the indicator is still there
    assert evaluate(site_project, name).indicators["productive_lost_m2"] > 0


def test_c10_off_by_default_then_capacity(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    assert findings(site_project, name, "C10") == []
    site_project.rulebook.set("C10", "enabled", True)
    (f,) = findings(site_project, name, "C10")
    assert f.limit == pytest.approx(0.65 * 5000)
    site_project.rulebook.set("C10", "plot_ratio", 500 * F / 5000)
    assert findings(site_project, name, "C10") == []  # equal passes


# --- C13 productive grade -------------------------------------------------------


def _craft_building(levels: tuple[Level, ...], **kw: object) -> Building:
    return Building("P", "", box(60, 30, 70, 40), levels, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("level", "reason"),
    [
        (Level.of(4.4, "craft", load_kn_m2=10, access="street"), "floor-to-floor"),
        (Level.of(4.5, "craft", load_kn_m2=9.9, access="yard"), "load 9.9"),
        (Level.of(4.5, "craft", load_kn_m2=10, access="none"), "access none"),
        (Level.of(4.5, "craft", load_kn_m2=10, access="ramp"), "access ramp"),
    ],
)
def test_c13_ground_conditions(site_project, level, reason) -> None:
    site_project.baseline.buildings["P"] = _craft_building((level,))
    ev = evaluate(site_project, "Existing")
    (f,) = [f for f in ev.findings if f.rule == "C13" and "P#0" in f.targets]
    assert reason in f.message and f.severity == "warning"
    assert ev.indicators["productive_non_grade_sdp_m2"] == pytest.approx(100 * F)


def test_c13_ground_exact_thresholds_pass(site_project) -> None:
    site_project.baseline.buildings["P"] = _craft_building(
        (Level.of(4.5, "craft", load_kn_m2=10.0, access="yard"),))
    ev = evaluate(site_project, "Existing")
    assert ev.indicators["productive_non_grade_sdp_m2"] == 0


def test_c13_upper_floor_needs_lift_or_ramp(site_project) -> None:
    levels = (Level.of(3.0, "office"), Level.of(4.0, "craft", load_kn_m2=5.0))
    site_project.baseline.buildings["P"] = _craft_building(levels)
    (f,) = [f for f in evaluate(site_project, "Existing").findings
            if f.rule == "C13" and f.targets == ("P#1",)]
    assert "freight lift" in f.message and "R+1" in f.message
    for served in ({"freight_lift_kg": 2000.0}, {"ramp": True}):
        site_project.baseline.buildings["P"] = _craft_building(levels, **served)
        ev = evaluate(site_project, "Existing")
        assert ev.indicators["productive_non_grade_sdp_m2"] == 0
    site_project.baseline.buildings["P"] = _craft_building(
        levels, freight_lift_kg=1999.0)
    assert evaluate(site_project, "Existing").indicators[
        "productive_non_grade_sdp_m2"] == pytest.approx(100 * F)


def test_c13_upper_storage_needs_e1_load(site_project) -> None:
    levels = (Level.of(3.0, "office"), Level.of(4.0, "warehouse", load_kn_m2=6.0))
    site_project.baseline.buildings["P"] = _craft_building(levels, ramp=True)
    (f,) = [f for f in evaluate(site_project, "Existing").findings
            if f.rule == "C13" and f.targets == ("P#1",)]
    assert "load 6 < 7.5" in f.message


def test_c13_assumptions_reported_and_switchable(site_project) -> None:
    infos = [f for f in evaluate(site_project, "Existing").findings
             if f.rule == "C13" and f.severity == "info"]
    assert len(infos) == 1 and infos[0].targets == ("C#0",)
    site_project.rulebook.set("C13", "assume_slab_on_grade", False)
    ev = evaluate(site_project, "Existing")
    # warehouse typical load 7.5 < 10 kN/m² at ground level
    (f,) = [f for f in ev.findings if f.rule == "C13" and f.targets == ("C#0",)]
    assert "load 7.5 (use default) < 10" in f.message


def test_c13_suspended_ground_floor_takes_use_default(site_project) -> None:
    site_project.baseline.buildings["P"] = _craft_building(
        (Level.of(3.0, "parking"), Level.of(5.0, "craft", access="street")),
        basements=1)
    (f,) = [f for f in evaluate(site_project, "Existing").findings
            if f.rule == "C13" and f.targets == ("P#1",)]
    assert "load 5 (use default) < 10" in f.message


# --- C14 upper floors served --------------------------------------------------------


def test_c14_on_new_buildings_only(site_project, with_scenario) -> None:
    levels = (Level.of(4.5, "office"), Level.of(4.0, "craft", load_kn_m2=5.0))
    site_project.baseline.buildings["P"] = _craft_building(levels)
    name = with_scenario(site_project)
    assert findings(site_project, name, "C14") == []  # kept as it is
    add(site_project, name, Building("Q", "", box(60, 10, 70, 20), levels))
    (f,) = findings(site_project, name, "C14")
    assert f.targets == ("Q#1",) and f.severity == "error"
    assert f.measured == 0 and f.limit == 2000


def test_c14_area_per_lift(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    big = box(0, 0, 50, 41)  # 2,050 m² per floor
    levels = (Level.of(5.0, "office"), Level.of(4.0, "craft", load_kn_m2=5.0))
    add(site_project, name, Building("Q", "", big, levels, freight_lift_kg=3000.0))
    (f,) = [f for f in findings(site_project, name, "C14")]
    assert f.measured == pytest.approx(2050) and f.limit == 2000
    site_project.rulebook.set("C14", "max_m2_per_lift", 2050.0)
    assert findings(site_project, name, "C14") == []


# --- C15 stacking and separation --------------------------------------------------


def test_c15_stacking_under_housing(site_project) -> None:
    levels = (Level.of(5.0, "industry", load_kn_m2=12, access="street",
                       nuisance="E"), Level.of(3.0, "housing"))
    site_project.baseline.buildings["P"] = _craft_building(levels)
    (f,) = findings(site_project, "Existing", "C15")
    assert f.targets == ("P#0",) and "Industry (ICPE E) directly under" in f.message
    assert "industrie (ICPE E) directement sous des logements" in f.message_fr
    ok = (Level.of(5.0, "industry", load_kn_m2=12, access="street",
                   nuisance="DC"), Level.of(3.0, "housing"))
    site_project.baseline.buildings["P"] = _craft_building(ok)
    assert findings(site_project, "Existing", "C15") == []
    # housing below the workshop is not "under housing"
    above = (Level.of(3.0, "housing"), Level.of(5.0, "industry", nuisance="E"))
    site_project.baseline.buildings["P"] = _craft_building(above, ramp=True)
    assert findings(site_project, "Existing", "C15") == []


def test_c15_matrix_an_intervening_floor_makes_class_e_acceptable(site_project):
    # E on the ground floor, offices on R+1, housing on R+2: acceptable
    levels = (Level.of(5.0, "industry", load_kn_m2=12, access="street",
                       nuisance="E"), Level.of(3.5, "office"),
              Level.of(3.0, "housing"))
    site_project.baseline.buildings["P"] = _craft_building(levels)
    assert findings(site_project, "Existing", "C15") == []


def test_c15_matrix_class_e_beside_housing_on_one_level(site_project) -> None:
    levels = (Level.of(5.0, {"industry": 0.5, "housing": 0.5}, load_kn_m2=12,
                       access="street", nuisance="E"),)
    site_project.baseline.buildings["P"] = _craft_building(levels)
    (f,) = findings(site_project, "Existing", "C15")
    assert f.targets == ("P#0",) and "beside housing on the same level" in f.message


def test_c15_matrix_class_a_or_seveso_share_no_building(site_project) -> None:
    # A two floors below housing, with an office between: still one building
    for regime in ("A", "SEVESO"):
        levels = (Level.of(6.0, "industry", load_kn_m2=20, access="yard",
                           nuisance=regime), Level.of(3.5, "office"),
                  Level.of(3.0, "housing"))
        site_project.baseline.buildings["P"] = _craft_building(levels, ramp=True)
        site_project.rulebook.set("C15", "separation_a_m", 0.0)
        site_project.rulebook.set("C15", "separation_seveso_m", 0.0)
        (f,) = findings(site_project, "Existing", "C15")
        assert f.targets == ("P",) and regime in f.message


def test_c15_seveso_distance_boundary_and_no_distance_to_itself(
        site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    # Seveso shed 10 m east of B (B has housing on its own 10 m polygon, but the
    # footprint box(50, 10, 70, 20) counts): gap 10 m
    seveso = (Level.of(6.0, "industry", load_kn_m2=20, access="yard",
                       nuisance="SEVESO"),)
    add(site_project, name, Building("S", "", box(80, 10, 90, 20), seveso))
    site_project.rulebook.set("C15", "separation_seveso_m", 10.0)
    assert findings(site_project, name, "C15") == []  # exactly 10 m: passes
    site_project.rulebook.set("C15", "separation_seveso_m", 10.001)
    (f,) = findings(site_project, name, "C15")
    assert set(f.targets) == {"S", "B"} and f.limit == pytest.approx(10.001)
    assert "hypothesis" in f.message and "hypothèse" in f.message_fr
    # the A distance does not apply to a Seveso site
    site_project.rulebook.set("C15", "separation_seveso_m", 5.0)
    site_project.rulebook.set("C15", "separation_a_m", 500.0)
    assert findings(site_project, name, "C15") == []
    # a hazard building with housing of its own: one "separate buildings"
    # finding, never a distance of 0 m to itself
    both = seveso + (Level.of(3.0, "housing"),)
    add(site_project, name, Building("T", "", box(0, 0, 5, 5), both, ramp=True))
    t = [f for f in findings(site_project, name, "C15") if "T" in f.targets]
    assert len(t) == 1 and t[0].targets == ("T",)


def test_c15_separation_of_icpe_a(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    hazard = (Level.of(6.0, "industry", load_kn_m2=20, access="yard",
                       nuisance="A"),)
    # 10 m east of B (x 70..80), B has housing: 10 m < 50 m
    add(site_project, name, Building("H", "", box(80, 10, 90, 20), hazard))
    (f,) = findings(site_project, name, "C15")
    assert set(f.targets) == {"H", "B"} and f.measured == pytest.approx(10.0)
    assert f.limit == 50
    site_project.rulebook.set("C15", "separation_a_m", 10.0)
    assert findings(site_project, name, "C15") == []  # at least 10 m: passes


def test_c15_icpe_a_and_housing_in_one_building(site_project) -> None:
    levels = (Level.of(3.0, "housing"), Level.of(6.0, "industry", nuisance="A"))
    site_project.baseline.buildings["P"] = _craft_building(levels, ramp=True)
    f = [f for f in findings(site_project, "Existing", "C15") if f.targets == ("P",)]
    assert len(f) == 1 and "separate buildings" in f[0].message


# --- built form ---------------------------------------------------------------------


def test_c02_coverage_boundary(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    site_project.rulebook.set("C02", "max_coverage", 700 / 5000)
    assert findings(site_project, name, "C02") == []
    site_project.rulebook.set("C02", "max_coverage", 0.139)
    (f,) = findings(site_project, name, "C02")
    assert f.measured == pytest.approx(0.14) and f.limit == 0.139


def test_c03_height_on_altered_buildings(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    site_project.rulebook.set("C03", "max_height_m", 7.0)
    assert findings(site_project, name, "C03") == []  # A (8 m) is existing
    a = site_project.scenario(name).buildings["A"]
    raised = replace(a, levels=a.levels + (Level.of(3.0, "housing"),))
    ReplaceBuilding(name, raised).apply(site_project)
    (f,) = findings(site_project, name, "C03")
    assert f.targets == ("A",) and f.measured == 11.0
    site_project.rulebook.set("C03", "max_height_m", 11.0)
    assert findings(site_project, name, "C03") == []


def test_c04_high_rise(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    tower = tuple(Level.of(4.0, "office") for _ in range(9))  # top floor at 32 m
    add(site_project, name, Building("T", "", box(60, 30, 70, 40), tower))
    (f,) = findings(site_project, name, "C04")
    assert f.measured == 32 and f.limit == 28 and f.severity == "warning"
    flats = tuple(Level.of(4.0, "housing") for _ in range(9))
    ReplaceBuilding(name, Building("T", "", box(60, 30, 70, 40), flats)).apply(
        site_project)
    assert findings(site_project, name, "C04") == []  # 32 m ≤ 50 m for housing


def test_c05_boundary_and_between_buildings(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    one = (Level.of(6.0, "office"),)  # H = 6 → L ≥ max(3, 4) = 4 m
    add(site_project, name, Building("E", "", box(2, 42, 6, 46), one))  # 2 m
    add(site_project, name, Building("W", "", box(94, 0, 100, 4), one))  # on limit
    add(site_project, name, Building("G", "", box(60, 30, 70, 40), one))
    ev = evaluate(site_project, name)
    c05 = [f for f in ev.findings if f.rule == "C05"]
    assert [(f.targets, f.measured, f.limit) for f in c05] == [
        (("E",), 2.0, 4.0)]
    # G 3 m from a new building: error; 4 m: passes
    add(site_project, name, Building("K", "", box(73, 30, 80, 40), one))
    c05 = findings(site_project, name, "C05")
    assert [(set(f.targets), f.measured) for f in c05 if "G" in f.targets] == [
        ({"G", "K"}, 3.0)]
    ReplaceBuilding(name, Building("K", "", box(74, 30, 80, 40), one)).apply(
        site_project)
    assert [f for f in findings(site_project, name, "C05") if "G" in f.targets] == []


def test_c05_uses_the_taller_building(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    tall = tuple(Level.of(4.0, "office") for _ in range(5))  # 20 m → 10 m
    add(site_project, name, Building("G", "", box(60, 30, 72, 40), tall))
    # 8 m from C (existing, 6 m high): needs max(0.5 × 20, 4) = 10 m
    (f,) = [f for f in findings(site_project, name, "C05") if "C" in f.targets]
    assert (f.measured, f.limit) == (8.0, 10.0)
    # 10 m from B and from the site boundary: exactly enough
    assert [f.targets for f in findings(site_project, name, "C05")] == [
        ("C", "G")]


# --- land ------------------------------------------------------------------------


def test_c06_c07_boundaries(site_project) -> None:
    assert findings(site_project, "Existing", "C06") == []  # 0.20 = 0.20
    site_project.rulebook.set("C07", "min_cbs", 0.2)
    assert findings(site_project, "Existing", "C07") == []  # 0.20 = 0.20
    site_project.rulebook.set("C06", "min_open_soil_ratio", 0.21)
    (f,) = findings(site_project, "Existing", "C06")
    assert f.severity == "warning"  # existing state


def test_c08_net_artificialisation(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    assert findings(site_project, name, "C08") == []
    RemoveCover(name, "soil").apply(site_project)
    (f,) = findings(site_project, name, "C08")
    assert f.measured == pytest.approx(1000) and f.severity == "warning"


def test_c11_yard_no_net_loss(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    assert findings(site_project, name, "C11") == []
    add(site_project, name, Building("Y", "", box(30, 0, 40, 10),
                                     (Level.of(3.0, "office"),)))
    (f,) = findings(site_project, name, "C11")
    assert f.measured == pytest.approx(100) and f.limit == pytest.approx(200)


def test_c11_ignores_float_noise_but_not_a_small_real_loss(
        site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    # Rotated there and back: the same yard, its area a few ulps under 200 m².
    noisy = rotate(rotate(box(30, 0, 50, 10), 3, origin=(0, 0)), -3, origin=(0, 0))
    assert noisy.area < 200
    SetCover(name, "yard", geometry=noisy).apply(site_project)
    assert findings(site_project, name, "C11") == []
    SetCover(name, "yard", geometry=box(30, 0, 50, 9.999)).apply(site_project)
    (f,) = findings(site_project, name, "C11")
    assert f.measured == pytest.approx(199.98)


def test_c12_says_a_scenario_without_phases_is_not_phased(
    site_project, with_scenario
) -> None:
    name = with_scenario(site_project)
    add(site_project, name, Building("N", "", box(60, 30, 70, 40),
                                     (Level.of(3.0, "housing"),)))
    (f,) = findings(site_project, name, "C12")
    assert f.severity == "info" and f.message.startswith("Not phased")
    assert findings(site_project, "Existing", "C12") == []


# --- servicing, unassigned ---------------------------------------------------------


def test_c19_parking(site_project) -> None:
    (f,) = findings(site_project, "Existing", "C19")
    # 414 m² of housing SDP (500 × 0.92 × 0.90) ÷ 65 + offices + productive
    assert f.measured == 11 and f.limit == pytest.approx(
        414 / 65 + 200 * F / 60 + 500 * F / 250, abs=1e-4)
    a = site_project.baseline.buildings["A"]
    site_project.baseline.buildings["A"] = replace(a, parking_spaces=4)
    assert findings(site_project, "Existing", "C19") == []


def test_c20_loading_bays(site_project, with_scenario) -> None:
    name = with_scenario(site_project)
    assert findings(site_project, name, "C20") == []  # 1 bay for 460 m²
    add(site_project, name, Building(
        "N", "", box(60, 30, 70, 40),
        tuple(Level.of(5.0, "craft", load_kn_m2=10, access="street")
              for _ in range(6)), ramp=True))
    (f,) = findings(site_project, name, "C20")
    assert f.measured == 1 and f.limit == 2  # 1,012 m² → 2 bays
    assert f.targets == ("A", "N")


def test_u01_unassigned(site_project) -> None:
    site_project.baseline.buildings["U"] = Building(
        "U", "", box(60, 30, 70, 40),
        (Level.of(3.0, {"unassigned": 0.5, "office": 0.5}),))
    (f,) = findings(site_project, "Existing", "U01")
    assert f.measured == pytest.approx(50) and f.targets == ("U#0",)


def test_scenario_checks_against_moved_site() -> None:
    project = Project.new("p")
    project.site = Site(box(0, 0, 10, 10))
    project.baseline.buildings["a"] = Building("a", "", box(1, 1, 9, 9),
                                               (Level.of(3.0, "office"),))
    assert evaluate(project, "Existing").indicators["coverage"] == pytest.approx(0.64)
    project.site = Site(box(0, 0, 20, 10))
    assert evaluate(project, "Existing").indicators["coverage"] == pytest.approx(0.32)
    project.baseline.cover["g"] = GroundCover("g", "open_soil", box(10, 0, 20, 10))
    assert evaluate(project, "Existing").indicators["open_soil_ratio"] == 0.5
