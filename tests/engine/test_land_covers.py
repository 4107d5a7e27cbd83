"""Lawn and surface car parks; CBS coefficients from the rulebook (by hand).

Site 100 m × 50 m = 5,000 m², no building unless stated. Defaults: CBS open soil
and lawn 1.0, semi-open 0.5, sealed/parking/yard 0, green roof 0.7, plain roof 0;
pleine terre = open soil + lawn; lawn and car parks are artificialised (décret
2023-1096 annex, A4 and A2); 25 m² of car park per space.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shapely.geometry import box

from mixplan.engine import evaluate
from mixplan.model import Building, GroundCover, Level, ModelError, Project, Site
from mixplan.model.commands import SetCover
from mixplan.store import open_project, save_project
from mixplan.store.geojson import scenario_to_geojson
from tests.cli.clitools import digest, run_cli


def approx(x: float) -> object:
    return pytest.approx(x, rel=1e-12, abs=1e-9)


def _project(*covers: GroundCover, buildings: tuple[Building, ...] = ()) -> Project:
    project = Project.new("land")
    project.site = Site(box(0, 0, 100, 50))
    for c in covers:
        project.baseline.cover[c.id] = c
    for b in buildings:
        project.baseline.buildings[b.id] = b
    return project


def test_lawn_is_pleine_terre_but_artificialised() -> None:
    project = _project(
        GroundCover("l", "lawn", box(0, 0, 40, 25)),  # 1,000 m²
        GroundCover("o", "open_soil", box(40, 0, 60, 25)),
    )  # 500 m²
    ind = evaluate(project, "Existing").indicators
    assert ind["open_soil_m2"] == approx(1500)
    assert ind["open_soil_ratio"] == approx(0.3)
    assert ind["cbs"] == approx(1500 / 5000)
    # everything but the planted open soil: 5,000 − 500 (the lawn and the
    # uncovered ground, assumed artificialised)
    assert ind["artificialised_m2"] == approx(4500)
    c06 = [f for f in evaluate(project, "Existing").findings if f.rule == "C06"]
    assert c06 == []  # 30 % ≥ 20 %


def test_surface_car_park_counts_its_spaces_and_is_sealed() -> None:
    project = _project(
        GroundCover("p1", "parking", box(0, 0, 30, 20), spaces=20),  # 600 m²
        GroundCover("p2", "parking", box(30, 0, 50, 12.4)),  # 248 m²
        GroundCover("o", "open_soil", box(0, 40, 100, 50)),
    )  # 1,000 m²
    ind = evaluate(project, "Existing").indicators
    # stated 20 + ⌊248 / 25⌋ = 20 + 9 (9.92 spaces is 9 spaces)
    assert ind["parking_supply"] == 29
    assert ind["cbs"] == approx(1000 / 5000)
    assert ind["artificialised_m2"] == approx(4000)
    project.rulebook.set("assumptions", "parking_m2_per_space_gross", 24.8)
    assert evaluate(project, "Existing").indicators["parking_supply"] == 30


def test_parking_supply_adds_buildings_and_car_parks() -> None:
    # a basement car park of 200 m² (⌊200 / 25⌋ = 8) and a surface one of 5 spaces
    b = Building(
        "b",
        "",
        box(60, 10, 80, 20),
        (Level.of(2.6, "parking"), Level.of(3.0, "office")),
        basements=1,
    )
    project = _project(
        GroundCover("p", "parking", box(0, 0, 10, 10), spaces=5), buildings=(b,)
    )
    assert evaluate(project, "Existing").indicators["parking_supply"] == 13


def test_cbs_coefficients_are_rulebook_parameters() -> None:
    roofed = Building(
        "g", "", box(60, 10, 80, 20), (Level.of(3.0, "office"),), roof="green"
    )  # 200 m² green roof
    plain = Building("p", "", box(60, 30, 70, 40), (Level.of(3.0, "office"),))
    project = _project(
        GroundCover("l", "lawn", box(0, 0, 40, 25)),
        GroundCover("s", "semi_open", box(0, 25, 40, 50)),
        buildings=(roofed, plain),
    )
    # lawn 1,000 × 1.0 + semi-open 1,000 × 0.5 + green roof 200 × 0.7
    assert evaluate(project, "Existing").indicators["cbs"] == approx(1640 / 5000)
    rb = project.rulebook
    rb.set("cbs", "lawn", 0.8)
    rb.set("cbs", "semi_open", 0.4)
    rb.set("cbs", "green_roof", 0.5)
    rb.set("cbs", "plain_roof", 0.2)  # the 100 m² plain roof
    assert evaluate(project, "Existing").indicators["cbs"] == approx(
        (800 + 400 + 100 + 20) / 5000
    )


def test_spaces_belong_to_car_parks_only_and_retyping_drops_them() -> None:
    with pytest.raises(ModelError, match="only a parking cover has spaces"):
        GroundCover("x", "lawn", box(0, 0, 1, 1), spaces=3)
    with pytest.raises(ModelError, match="whole number"):
        GroundCover("x", "parking", box(0, 0, 1, 1), spaces=-1)
    project = _project(GroundCover("p", "parking", box(0, 0, 10, 10), spaces=4))
    command = SetCover("Existing", "p", "lawn")
    command.apply(project)
    assert project.baseline.cover["p"].spaces == 0
    command.revert(project)
    assert project.baseline.cover["p"].spaces == 4


def test_file_and_geojson_keep_the_new_covers(tmp_path: Path) -> None:
    project = _project(
        GroundCover("p", "parking", box(0, 0, 30, 20), spaces=20),
        GroundCover("l", "lawn", box(40, 0, 60, 20)),
    )
    path = tmp_path / "land.mixplan.gpkg"
    save_project(project, path)
    assert open_project(path) == project
    doc = scenario_to_geojson(project, "Existing")
    props = {
        f["properties"]["id"]: f["properties"]
        for f in doc["features"]
        if f["properties"]["kind"] == "cover"
    }
    assert props["p"]["spaces"] == 20 and "spaces" not in props["l"]
    source = tmp_path / "covers.geojson"
    source.write_text(json.dumps(doc), encoding="utf-8")
    assert run_cli("import", path, source, "--scenario", "Copy").code == 0
    copy = open_project(path).scenario("Copy")
    assert copy.cover["p"].spaces == 20 and copy.cover["l"].cover == "lawn"
    props["p"]["spaces"] = "many"
    source.write_text(json.dumps(doc), encoding="utf-8")
    before = digest(path)
    run_cli("import", path, source, "--scenario", "Bad").assert_one_line_error(
        "covers.geojson", "'p'", "spaces"
    )
    assert digest(path) == before
