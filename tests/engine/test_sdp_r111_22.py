"""Surface de plancher as Code de l'urbanisme art. R111-22 defines it, by hand.

Every expected figure below is worked out in the comment beside it from the
gross areas (footprints are axis-aligned boxes) and the defaults: sdp_factor 0.92,
housing deduction 10 % (8°), 65 m² per dwelling, 2.3 persons per dwelling,
15 m² of office per job, 60 m² of office per parking space.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from shapely.geometry import box

from mixplan.engine import evaluate
from mixplan.model import Building, Level, Project, Site
from mixplan.model.floor_area import allocation_sdp_m2
from mixplan.store import save_project
from mixplan.store.csv_export import scenario_csv_rows
from mixplan.store.geojson import scenario_to_geojson
from tests.cli.clitools import digest, run_cli


def approx(x: float) -> object:
    return pytest.approx(x, rel=1e-12, abs=1e-9)


def _project(*buildings: Building) -> Project:
    project = Project.new("R111-22")
    project.site = Site(box(0, 0, 100, 100))  # 10,000 m²
    for b in buildings:
        project.baseline.buildings[b.id] = b
    return project


def _flats(common_parts: bool = True, use: str = "housing") -> Building:
    # 20 m × 10 m = 200 m², three storeys of 3 m: 600 m² gross of housing.
    return Building(
        "F",
        "Flats",
        box(0, 0, 20, 10),
        tuple(Level.of(3.0, use) for _ in range(3)),
        common_parts=common_parts,
    )


def test_housing_with_common_parts_loses_ten_percent() -> None:
    ind = evaluate(_project(_flats()), "Existing").indicators
    # 600 × 0.92 = 552; less 10 %: 496.8 m²
    assert ind["sdp_m2"] == approx(496.8)
    assert ind["sdp_by_family_m2"]["housing"] == approx(496.8)
    assert ind["gfa_m2"] == approx(600.0)
    assert ind["dwellings"] == approx(496.8 / 65)  # 7.643…
    assert ind["residents"] == approx(496.8 / 65 * 2.3)  # 17.58
    assert ind["parking_demand"] == approx(496.8 / 65 * 1.0)
    assert ind["far"] == approx(496.8 / 10000)


def test_a_house_without_common_parts_keeps_its_housing_sdp() -> None:
    ind = evaluate(_project(_flats(common_parts=False)), "Existing").indicators
    assert ind["sdp_m2"] == approx(552.0)  # 600 × 0.92, no 8° deduction
    assert ind["dwellings"] == approx(552.0 / 65)


def test_residence_is_housing_too() -> None:
    ind = evaluate(_project(_flats(use="residence")), "Existing").indicators
    assert ind["sdp_by_use_m2"]["residence"] == approx(496.8)


def test_the_deduction_touches_housing_only_and_follows_the_rulebook() -> None:
    # ground floor offices 5.0 m (200 m² gross), two storeys of housing above
    b = Building(
        "M",
        "Mixed",
        box(0, 0, 20, 10),
        (Level.of(5.0, "office"), Level.of(3.0, "housing"), Level.of(3.0, "housing")),
    )
    project = _project(b)
    ind = evaluate(project, "Existing").indicators
    # offices 200 × 0.92 = 184; housing 400 × 0.92 × 0.9 = 331.2
    assert ind["sdp_by_use_m2"]["office"] == approx(184.0)
    assert ind["sdp_by_use_m2"]["housing"] == approx(331.2)
    assert ind["jobs"] == approx(184.0 / 15)
    project.rulebook.set("assumptions", "housing_common_parts_deduction", 0.2)
    ind = evaluate(project, "Existing").indicators
    assert ind["sdp_by_use_m2"]["housing"] == approx(400 * 0.92 * 0.8)  # 294.4
    assert ind["sdp_by_use_m2"]["office"] == approx(184.0)


@pytest.mark.parametrize(
    ("height", "counted"),
    [(1.5, False), (1.8, False), (1.8 + 1e-12, False), (1.81, True), (2.2, True)],
)
def test_no_sdp_at_one_metre_eighty_or_less(height: float, counted: bool) -> None:
    # an office storey of 200 m² and, above it, a low storey of 200 m²
    b = Building(
        "L",
        "Low",
        box(0, 0, 20, 10),
        (Level.of(4.0, "office"), Level.of(height, "office")),
    )
    ind = evaluate(_project(b), "Existing").indicators
    assert ind["gfa_m2"] == approx(400.0)  # gross area always counts
    expected = 368.0 if counted else 184.0
    assert ind["sdp_m2"] == approx(expected)
    assert ind["jobs"] == approx(expected / 15)
    assert ind["parking_demand"] == approx(expected / 60)


def test_a_low_productive_level_is_neither_grade_nor_counted() -> None:
    # a 1.80 m craft mezzanine is no floor area: nothing for C09 to keep, no C13
    b = Building(
        "P",
        "Shed",
        box(0, 0, 20, 10),
        (
            Level.of(6.0, "craft", load_kn_m2=12, access="street"),
            Level.of(1.8, "craft"),
        ),
        ramp=True,
    )
    ev = evaluate(_project(b), "Existing")
    assert ev.indicators["productive_sdp_m2"] == approx(184.0)
    assert ev.indicators["productive_non_grade_sdp_m2"] == 0
    assert not [f for f in ev.findings if f.rule == "C13"]


def test_csv_and_engine_agree() -> None:
    b = Building(
        "M",
        "Mixed",
        box(0, 0, 20, 10),
        (
            Level.of(5.0, {"office": 0.5, "parking": 0.5}),
            Level.of(3.0, "housing"),
            Level.of(1.7, "housing"),
        ),
    )
    project = _project(
        b, replace(_flats(common_parts=False), id="H", footprint=box(40, 0, 60, 10))
    )
    rows = scenario_csv_rows(project, "Existing")
    total = sum(float(r[10]) for r in rows)
    # office 100 × 0.92 = 92; housing 200 × 0.828 = 165.6; low level 0;
    # house 600 × 0.92 = 552
    assert total == approx(92 + 165.6 + 552)
    assert total == approx(evaluate(project, "Existing").indicators["sdp_m2"])
    flags = {(r[1], r[11]) for r in rows}
    assert flags == {("M", "true"), ("H", "false")}
    level = b.levels[1]
    assert allocation_sdp_m2(b, level, "housing", 1.0, project.rulebook) == approx(
        165.6
    )


def test_geojson_carries_common_parts_and_refuses_a_non_boolean(
    tmp_path: Path,
) -> None:
    project = _project(_flats(common_parts=False))
    doc = scenario_to_geojson(project, "Existing")
    (feature,) = [f for f in doc["features"] if f["properties"]["kind"] == "building"]
    assert feature["properties"]["common_parts"] is False
    target = tmp_path / "p.mixplan.gpkg"
    save_project(Project.new("target"), target)
    good = tmp_path / "good.geojson"
    good.write_text(json.dumps(doc), encoding="utf-8")
    assert run_cli("import", target, good, "--scenario", "Plan").code == 0
    from mixplan.store import open_project

    assert open_project(target).scenario("Plan").buildings["F"].common_parts is False
    feature["properties"]["common_parts"] = "yes"
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    before = digest(target)
    result = run_cli("import", target, bad, "--scenario", "Other")
    result.assert_one_line_error("bad.geojson", "'F'", "common_parts")
    assert digest(target) == before
