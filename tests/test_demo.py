"""The bundled demo: a credible business park whose scenarios tell the product's story.

Structure and realism are checked on the model directly; the story (the tempting
scenario fails C09, the two good ones pass C09, D01, C13 and C15) through the real
engine.
"""

from __future__ import annotations

import json
import math
import shutil
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
import shapely

from mixplan.model import MixplanError, Project, use_class
from mixplan.store.demo import build_demo, demo_folder, write_demo_sources
from mixplan.store.geojson import (
    format_geojson,
    read_geojson,
    scenario_to_geojson,
    write_geojson,
)

GOOD = ("Socle productif", "Hôtel d'activités")
FAILING = "Résidentialisation"


@pytest.fixture(scope="module")
def demo() -> Project:
    return build_demo()


@pytest.fixture(scope="module")
def manifest() -> dict:
    return tomllib.loads((demo_folder() / "project.toml").read_text("utf-8"))


def _productive_levels(building):
    for index, level in building.indexed_levels():
        if any(use_class(a.use).is_productive for a in level.uses):
            yield index, level


def test_site_size_place_and_crs(demo: Project) -> None:
    assert demo.crs == "EPSG:2154"
    assert 12e4 <= demo.site_area_m2 <= 20e4
    minx, miny, maxx, maxy = demo.site.boundary.bounds
    # Lambert-93 east of Paris (Seine-Saint-Denis / Val-de-Marne).
    assert 650_000 <= minx < maxx <= 670_000
    assert 6_855_000 <= miny < maxy <= 6_870_000
    assert "fictif" in demo.site.name


def test_scenarios_in_manifest_order_baseline_first(demo, manifest) -> None:
    names = [s.name for s in demo.scenarios]
    assert names == [e["name"] for e in manifest["scenarios"]]
    assert names[0] == "Existing"
    assert set(GOOD) | {FAILING} <= set(names)
    for scenario, entry in zip(demo.scenarios, manifest["scenarios"], strict=True):
        assert scenario.description == entry["description"].strip()
        # The file's own header agrees with the manifest, so they cannot drift.
        header = json.loads((demo_folder() / entry["file"]).read_text("utf-8"))
        assert header["mixplan"]["scenario"] == entry["name"]
        assert header["mixplan"]["description"] == scenario.description


def test_baseline_is_a_credible_business_park(demo: Project) -> None:
    base = demo.baseline
    assert 25 <= len(base.buildings) <= 40
    assert all(b.origin is None for b in base.buildings.values())
    ground_uses = {
        a.use for b in base.buildings.values() for a in b.levels[b.basements].uses
    }
    assert {
        "warehouse",
        "craft",
        "industry",
        "urban_logistics",
        "wholesale",
        "office",
        "housing",
        "unassigned",
    } <= ground_uses
    houses = [
        b
        for b in base.buildings.values()
        if {a.use for lv in b.levels for a in lv.uses} == {"housing"}
    ]
    assert 2 <= len(houses) <= 6
    assert all(len(h.levels) == 2 and h.footprint.area < 150 for h in houses)
    offices = [
        b
        for b in base.buildings.values()
        if len(b.levels) >= 3 and b.levels[-1].use_shares() == {"office": 1.0}
    ]
    assert len(offices) == 1
    nuisances = [
        a.nuisance
        for b in base.buildings.values()
        for lv in b.levels
        for a in lv.uses
        if a.nuisance
    ]
    assert nuisances.count("E") == 1 and nuisances.count("D") >= 3
    for b in base.buildings.values():
        ground = b.levels[b.basements]
        if any(use_class(a.use).is_productive for a in ground.uses):
            # One tall storey of shed or workshop, on a real slab.
            assert 5.0 <= ground.height_m <= 11.0, b.name
            assert 10.0 <= ground.load_kn_m2 <= 30.0, b.name
            assert ground.access in ("street", "yard"), b.name
            assert b.loading_bays >= 1, b.name
        assert 50 <= b.footprint.area <= 8000 or b.name.startswith("Poste")
    covers = {c.cover for c in base.cover.values()}
    assert {"open_soil", "semi_open", "sealed", "yard"} <= covers


@pytest.mark.parametrize("index", range(4))
def test_scenario_geometry_is_consistent(demo: Project, index: int) -> None:
    scenario = demo.scenarios[index]
    site = demo.site.boundary
    buildings = list(scenario.buildings.values())
    footprints = [b.footprint for b in buildings]
    for b in buildings:
        assert site.contains(b.footprint), b.id
        for lv in b.levels:
            if lv.polygon is not None:
                assert b.footprint.buffer(0.01).contains(lv.polygon), b.id
    tree = shapely.STRtree(footprints)
    pairs = tree.query(footprints, predicate="dwithin", distance=3.0)
    close = {(buildings[i].id, buildings[j].id) for i, j in pairs.T if i < j}
    assert not close, f"buildings closer than 3 m: {close}"
    # Ground cover and footprints tile the site: no gap, no overlap (to 1 m²).
    covers = [c.geometry for c in scenario.cover.values()]
    built = shapely.union_all(footprints)
    total = sum(g.area for g in covers) + built.area
    assert math.isclose(total, site.area, abs_tol=1.0)
    assert shapely.union_all(covers).intersection(built).area < 1.0
    # Scenario buildings that continue the baseline say so.
    for b in buildings:
        if index == 0:
            assert b.origin is None
        elif b.id in demo.baseline.buildings:
            assert b.origin == b.id


@pytest.mark.parametrize("index", range(4))
def test_each_scenario_exports_and_reimports_identical(
    demo: Project, manifest: dict, index: int, tmp_path: Path
) -> None:
    scenario = demo.scenarios[index]
    out = tmp_path / "out.geojson"
    write_geojson(demo, scenario.name, out)
    back = read_geojson(out)
    assert {b.id: b for b in back.buildings} == scenario.buildings
    assert {c.id: c for c in back.cover} == scenario.cover
    assert back.site.boundary.equals_exact(demo.site.boundary, 0)
    assert back.crs == "EPSG:2154"
    # The committed file is exactly what mixplan exports: the demo is maintained
    # by editing it in mixplan and exporting over it.
    committed = demo_folder() / manifest["scenarios"][index]["file"]
    assert out.read_text("utf-8") == committed.read_text("utf-8")
    assert format_geojson(scenario_to_geojson(demo, scenario.name)) == (
        committed.read_text("utf-8")
    )


def test_good_scenarios_are_productive_grade_by_construction(demo: Project) -> None:
    # C13 thresholds of RULES §6, checked on the data itself (the engine test
    # below checks the same through the rules).
    for name in GOOD:
        for b in demo.scenario(name).buildings.values():
            for index, level in _productive_levels(b):
                if index == 0:
                    assert level.height_m >= 4.5 and level.load_kn_m2 >= 10
                    assert level.access in ("street", "yard")
                else:
                    assert level.height_m >= 4.0 and level.load_kn_m2 >= 5
                    assert b.freight_lift_kg >= 2000 or b.ramp
    socle = demo.scenario("Socle productif")
    mixed = [b for b in socle.buildings.values() if b.origin is None]
    assert len(mixed) >= 2
    for b in mixed:
        ground = b.levels[b.basements]
        assert any(use_class(a.use).is_productive for a in ground.uses)
        assert all(
            lv.use_shares() == {"housing": 1.0} for lv in b.levels[b.basements + 1 :]
        )
        # Built on a former car park of the baseline.
        parks = [
            c.geometry for c in demo.baseline.cover.values() if c.cover == "sealed"
        ]
        assert b.footprint.intersection(shapely.union_all(parks)).area > (
            0.9 * b.footprint.area
        )
    hotel = demo.scenario("Hôtel d'activités")
    (industrial_hotel,) = [
        b
        for b in hotel.buildings.values()
        if b.origin is None and b.freight_lift_kg >= 2000
    ]
    assert len(list(_productive_levels(industrial_hotel))) >= 4
    assert industrial_hotel.levels[0].access == "yard"
    assert any(b.shared and b.parking_spaces >= 100 for b in hotel.buildings.values())


def _cover_area(scenario, kind: str) -> float:
    return sum(c.geometry.area for c in scenario.cover.values() if c.cover == kind)


def test_good_scenarios_de_seal_and_keep_yards(demo: Project) -> None:
    base = demo.baseline
    for name in GOOD:
        s = demo.scenario(name)
        assert _cover_area(s, "open_soil") > _cover_area(base, "open_soil") + 1e4
        assert _cover_area(s, "sealed") < _cover_area(base, "sealed")
        assert _cover_area(s, "yard") >= _cover_area(base, "yard")


def test_demo_survives_the_project_file(demo: Project, tmp_path: Path) -> None:
    from mixplan.store import open_project, save_project

    path = tmp_path / "demo.mixplan.gpkg"
    save_project(demo, path)
    assert open_project(path) == demo


def test_names_are_french_and_distinct(demo: Project) -> None:
    for scenario in demo.scenarios:
        names = [b.name for b in scenario.buildings.values()]
        assert len(set(names)) == len(names), scenario.name
    base_names = " ".join(b.name for b in demo.baseline.buildings.values())
    for word in ("Ateliers", "Halle", "Entrepôts", "Pavillon", "Menuiserie"):
        assert word in base_names
    assert [s.name for s in demo.scenarios[1:]] == [
        "Socle productif",
        "Hôtel d'activités",
        "Résidentialisation",
    ]


def test_write_demo_sources_is_the_maintenance_path(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    shutil.copytree(demo_folder(), folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    project = build_demo(folder)
    write_demo_sources(project, folder)  # unchanged project: identical files
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    hotel = project.scenario("Hôtel d'activités")
    hotel.buildings["N10"] = replace(hotel.buildings["N10"], name="Hôtel Industria")
    write_demo_sources(project, folder)
    assert build_demo(folder) == project
    changed = [n for n, data in before.items() if (folder / n).read_bytes() != data]
    assert changed == ["hotel_activites.geojson"]
    project.scenarios.pop()
    with pytest.raises(MixplanError, match="Résidentialisation"):
        write_demo_sources(project, folder)


def test_build_demo_names_the_file_of_a_broken_demo(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    shutil.copytree(demo_folder(), folder)
    path = folder / "socle_productif.geojson"
    doc = json.loads(path.read_text("utf-8"))
    building = next(f for f in doc["features"] if f["properties"]["kind"] == "building")
    building["properties"]["origin"] = "B99"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(MixplanError, match="B99") as info:
        build_demo(folder)
    assert info.value.path == str(path)
    (folder / "project.toml").unlink()
    with pytest.raises(MixplanError, match="manifest is missing"):
        build_demo(folder)


@pytest.fixture(scope="module")
def evaluations(demo: Project) -> dict:
    from mixplan.engine import evaluate

    return {s.name: evaluate(demo, s.name) for s in demo.scenarios}


def test_tempting_scenario_fails_c09_with_fake_productive_ground_floors(
    evaluations: dict,
) -> None:
    failing = evaluations[FAILING]
    c09 = [f for f in failing.findings if f.rule == "C09"]
    assert [f.severity for f in c09] == ["error"]
    # The Ateliers du Canal and the Dufour sheds are where the loss is.
    assert {"B05", "B06", "B07", "B08", "B21", "B22"} <= set(c09[0].targets)
    ind = failing.indicators
    assert ind["productive_retention"] < 0.8
    # More dwellings and density: the scenario is tempting...
    assert ind["dwellings"] > 500
    assert ind["far"] > evaluations["Existing"].indicators["far"]
    # ...and its 3.5 m "ateliers" under housing are not productive-grade.
    assert ind["productive_non_grade_sdp_m2"] > 3000
    assert {t for f in failing.findings if f.rule == "C13" for t in f.targets} == {
        f"N2{i}#1" for i in range(5)
    }


@pytest.mark.parametrize("name", GOOD)
def test_good_scenarios_pass_the_engine(evaluations: dict, name: str) -> None:
    evaluation = evaluations[name]
    base = evaluations["Existing"].indicators
    ind = evaluation.indicators
    found = {(f.rule, f.severity) for f in evaluation.findings}
    # Clean on every rule; C12 (phasing) is an info the engine always gives when
    # housing is added, since phasing is not modelled.
    assert found <= {("C12", "info")}, evaluation.findings
    assert ind["productive_retention"] > 1.0
    assert ind["productive_non_grade_sdp_m2"] == 0
    assert ind["far"] > base["far"]
    assert ind["jobs"] > base["jobs"]
    assert ind["open_soil_ratio"] >= 0.20 and ind["cbs"] >= 0.30
    assert ind["net_new_artificialised_m2"] < -10_000
    assert evaluation.delta["far"] == pytest.approx(ind["far"] - base["far"])


def test_baseline_shows_the_existing_state_only_as_warnings(evaluations) -> None:
    base = evaluations["Existing"]
    assert not base.errors
    assert {f.rule for f in base.findings} >= {"C06", "C07", "U01"}
    assert base.indicators["productive_retention"] == pytest.approx(1.0)
