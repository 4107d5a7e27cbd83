"""Rules that judge what a scenario changes: no worsening of an existing
shortfall (C02, C06, C07, C19, C20), C22 overlapping footprints, U02 changed
buildings whose existing state was edited since, and the C13 note on upper and
basement levels that pass on an assumed load. Figures by hand on the site of
``conftest.make_site_project`` (100 m × 50 m = 5,000 m²)."""

from __future__ import annotations

from pathlib import Path

import pytest
from shapely.geometry import box

from mixplan.engine import evaluate
from mixplan.engine.reference import reference_evaluate
from mixplan.model import Building, Level, Project
from mixplan.model.commands import (
    AddBuilding,
    AddScenario,
    SetCover,
    SetLevelHeight,
    SetRulebookValue,
    TakeExistingVersion,
)
from mixplan.store import open_project, save_project
from tests.engine.conftest import make_site_project


def findings(project: Project, scenario: str, rule: str) -> list:
    got = [f for f in evaluate(project, scenario).findings if f.rule == rule]
    oracle = [
        f for f in reference_evaluate(project, scenario).findings if f.rule == rule
    ]
    assert got == oracle
    return got


def shed(bid: str, x0: float, y0: float, x1: float, y1: float) -> Building:
    return Building(bid, "", box(x0, y0, x1, y1), (Level.of(4.0, "office"),))


# --- no worsening of an existing shortfall ------------------------------------------


@pytest.fixture
def short_of_open_soil() -> Project:
    """Open soil 1,000 m² = 20 % of the site; the minimum raised to 25 %."""
    project = make_site_project()
    SetRulebookValue("C06", "min_open_soil_ratio", 0.25).apply(project)
    AddScenario("Copy").apply(project)
    return project


def test_an_unchanged_copy_keeps_the_existing_shortfall_as_a_warning(
    short_of_open_soil: Project,
) -> None:
    (base,) = findings(short_of_open_soil, "Existing", "C06")
    assert base.severity == "warning" and base.message.startswith("Existing state:")
    (c06,) = findings(short_of_open_soil, "Copy", "C06")
    assert c06.severity == "warning"
    assert c06.message.startswith("Existing shortfall kept: ")
    assert c06.measured == pytest.approx(0.2) and c06.limit == 0.25


def test_removing_more_open_soil_is_an_error(short_of_open_soil: Project) -> None:
    # 10 m × 10 m built on the open soil strip: 900 m² = 18 % < 20 % existing.
    AddBuilding("Copy", shed("N", 0, 40, 10, 50)).apply(short_of_open_soil)
    (c06,) = findings(short_of_open_soil, "Copy", "C06")
    assert c06.severity == "error"
    assert c06.message.endswith("(worse than the existing state)")
    assert c06.measured == pytest.approx(0.18)


def test_less_of_a_shortfall_is_still_a_warning(short_of_open_soil: Project) -> None:
    # The yard (200 m²) de-sealed: 1,200 m² = 24 % < 25 %, better than 20 %.
    SetCover("Copy", "yard", cover="open_soil").apply(short_of_open_soil)
    (c06,) = findings(short_of_open_soil, "Copy", "C06")
    assert c06.severity == "warning" and c06.measured == pytest.approx(0.24)


def test_a_site_that_complies_keeps_the_rule_as_it_is() -> None:
    project = make_site_project()  # open soil 20 % = the 20 % minimum: passes
    AddScenario("Copy").apply(project)
    assert findings(project, "Copy", "C06") == []
    AddBuilding("Copy", shed("N", 0, 40, 10, 50)).apply(project)
    (c06,) = findings(project, "Copy", "C06")
    assert c06.severity == "error" and not c06.message.startswith("Existing")


def test_coverage_above_the_maximum_may_be_kept_not_increased() -> None:
    # Footprints 400 + 200 + 100 = 700 m² = 14 % of the site; maximum 10 %.
    project = make_site_project()
    SetRulebookValue("C02", "max_coverage", 0.10).apply(project)
    AddScenario("Copy").apply(project)
    (c02,) = findings(project, "Copy", "C02")
    assert c02.severity == "warning" and c02.measured == pytest.approx(0.14)
    AddBuilding("Copy", shed("N", 40, 25, 45, 30)).apply(project)  # +25 m²
    (c02,) = findings(project, "Copy", "C02")
    assert c02.severity == "error" and c02.measured == pytest.approx(0.145)


def test_biotope_coefficient_below_the_minimum_may_be_kept() -> None:
    project = make_site_project()
    AddScenario("Copy").apply(project)
    base_cbs = evaluate(project, "Existing").indicators["cbs"]
    SetRulebookValue("C07", "min_cbs", base_cbs + 0.05).apply(project)
    (c07,) = findings(project, "Copy", "C07")
    assert c07.severity == "warning"
    AddBuilding("Copy", shed("N", 0, 40, 10, 50)).apply(project)
    (c07,) = findings(project, "Copy", "C07")
    assert c07.severity == "error"


def test_parking_and_loading_shortfalls_say_whether_they_got_worse() -> None:
    project = make_site_project()
    AddScenario("Copy").apply(project)
    # C19 and C20 are warnings either way; the message says which case it is.
    SetRulebookValue("C20", "m2_per_loading_bay", 100.0).apply(project)
    (c20,) = findings(project, "Copy", "C20")
    assert c20.message.startswith("Existing shortfall kept: ")
    craft = Building(
        "N",
        "",
        box(40, 25, 50, 35),
        (Level.of(5.0, "craft", load_kn_m2=12, access="street"),),
    )
    AddBuilding("Copy", craft).apply(project)
    (c20,) = findings(project, "Copy", "C20")
    assert c20.severity == "warning" and "worse than the existing" in c20.message


# --- C22 overlapping footprints -----------------------------------------------------


@pytest.mark.parametrize(("y0", "expected"), [(39.0, None), (38.99, 1.01)])
def test_overlapping_footprints_above_one_square_metre(
    y0: float, expected: float | None
) -> None:
    project = make_site_project()
    AddScenario("Plan").apply(project)
    # C is box(80, 30, 90, 40): box(89, y0, 95, 45) overlaps it 1 m × (40 − y0).
    AddBuilding("Plan", shed("N1", 89, y0, 95, 45)).apply(project)
    got = findings(project, "Plan", "C22")
    if expected is None:
        assert got == []  # exactly 1 m²: not more than 1 m²
        return
    (c22,) = got
    assert c22.severity == "error" and c22.targets == ("C", "N1")
    assert c22.measured == pytest.approx(expected) and c22.limit == 1.0
    assert "“Shed” (C) and N1 overlap by 1.0 m²" in c22.message
    assert "«\u202fShed\u202f» (C) et N1 se chevauchent sur 1,0 m²" in c22.message_fr


# --- U02 --------------------------------------------------------------------------


def test_a_changed_building_whose_existing_state_was_edited_says_so(
    tmp_path: Path,
) -> None:
    project = make_site_project()
    AddScenario("Plan").apply(project)
    AddScenario("Copy").apply(project)
    SetLevelHeight("Plan", "A", 0, 5.5).apply(project)
    assert findings(project, "Plan", "U02") == []
    SetLevelHeight("Existing", "A", 1, 3.2).apply(project)  # a survey came back
    (u02,) = findings(project, "Plan", "U02")
    assert u02.severity == "info" and u02.targets == ("A",)
    assert project.scenario("Plan").buildings["A"].levels[1].height_m == 3.0
    assert findings(project, "Copy", "U02") == []  # Copy keeps A: it follows
    assert project.scenario("Copy").buildings["A"].levels[1].height_m == 3.2
    path = tmp_path / "p.mixplan.gpkg"
    save_project(project, path)
    assert [f.targets for f in findings(open_project(path), "Plan", "U02")] == [("A",)]
    TakeExistingVersion("Plan", "A").apply(project)
    assert findings(project, "Plan", "U02") == []
    assert project.scenario("Plan").buildings["A"].levels[1].height_m == 3.2


# --- C13: upper and basement levels on an assumed load ------------------------------


def test_upper_and_basement_levels_passing_on_an_assumed_load_are_noted() -> None:
    project = make_site_project()
    project.baseline.cover.clear()
    project.baseline.buildings["H"] = Building(
        "H", "Hôtel", box(40, 25, 50, 35),
        (Level.of(4.5, "craft", access="ramp"),  # load not stated
         Level.of(5.0, "craft", load_kn_m2=12, access="street"),
         Level.of(4.5, "craft"),  # R+1: load not stated
         Level.of(4.5, "craft", load_kn_m2=6.0)),  # R+2: stated
        basements=1, freight_lift_kg=3000.0,
    )  # fmt: skip
    notes = [f for f in findings(project, "Existing", "C13") if "upper" in f.message]
    (note,) = notes
    assert note.severity == "info" and note.targets == ("H#0", "H#2")
    assert evaluate(project, "Existing").indicators["productive_sdp_m2"] > 0
