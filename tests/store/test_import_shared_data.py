"""Imports of the real files in ``../shared/data`` (skipped when absent).

BD TOPO (Olemps, the Malan business park), MapPLUTO lots in US feet (Maspeth) and
the two CityScope DXF plans; ``../shared/data/README.md`` lists their traps.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely

from mixplan.model import Project
from mixplan.store.importing import ImportOptions, import_source

pytestmark = pytest.mark.shared_data

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
MALAN = "TOPONYME = 'Parc d''Activités de Malan'"
HOTEL_DIEU_MAP = ("Floor=outline,Offices=office,Supermarket=retail,"
                  "Restaurants=restaurant,Coffee=restaurant,"
                  "Meeting rooms=shared_services")


@pytest.fixture(scope="module")
def malan():
    """Site and buildings of Malan imported once, with both reports."""
    if not DATA.is_dir():
        pytest.skip("../shared/data is absent (real site data lives beside the repo)")
    folder = DATA / "bdtopo_olemps_12174"
    project = Project.new("Malan")
    site = import_source(project, folder / "ZONE_D_ACTIVITE_OU_D_INTERET.shp",
                         ImportOptions(kind="site", where=MALAN))
    buildings = import_source(project, folder / "BATIMENT.shp",
                              ImportOptions(clip_to_site=True))
    return project, site, buildings


def test_malan_site_from_the_activity_zone(shared_data, malan):
    project, site, _ = malan
    assert site.features_read == 1
    assert project.site is not None
    assert project.site.name == "Parc d'Activités de Malan"  # UTF-8, no mojibake
    assert project.site.area_m2 == pytest.approx(279_332, rel=1e-4)  # 27.9 ha


def test_malan_buildings_clipped_with_uses_and_levels(shared_data, malan):
    project, _, report = malan
    buildings = project.baseline.buildings
    derived = json.loads((shared_data / "derived" / "olemps_malan_batiments_2154"
                          ".geojson").read_text("utf-8"))
    # The same 72 buildings as the curated extract of Malan.
    assert set(buildings) == {f["properties"]["ID"] for f in derived["features"]}
    # 2,273 features give 2,274 polygons (one has two parts); 72 kept.
    assert report.features_read == 2273 and report.outside_site == 2202
    assert report.parts_split == 0  # that one lies outside
    assert report.preset == "bdtopo" and report.encoding == "UTF-8"
    assert report.flattened_3d and report.reprojected_from is None
    by_id = {f["properties"]["ID"]: f["properties"] for f in derived["features"]}
    for bid, building in buildings.items():
        assert building.footprint.area == pytest.approx(
            by_id[bid]["footprint_m2"], abs=0.1)
    # Hand checks. An industrial shed of 9.5 m without a level count: one storey.
    shed = buildings["BATIMENT0000000257027936"]
    assert [(lv.height_m, lv.use_shares()) for lv in shed.levels] == [
        (9.5, {"industry": 1.0})]
    # "Commercial et services" over "Résidentiel", 2 storeys, 4.9 m: shop + flat.
    mixed = buildings["BATIMENT0000000229494769"]
    assert [(lv.height_m, lv.use_shares()) for lv in mixed.levels] == [
        (2.45, {"retail": 1.0}), (2.45, {"housing": 1.0})]
    # USAGE1 "Indifférencié" in an "Industriel, agricole ou commercial" building.
    assert buildings["BATIMENT0000002008229576"].levels[0].use_shares() == {
        "industry": 1.0}
    # Nothing said, no dwelling, 6.0 m: a shed, one tall storey (not 2 × 3 m).
    assert [(lv.height_m, lv.use_shares())
            for lv in buildings["BATIMENT0000000257027878"].levels] == [
        (6.0, {"unassigned": 1.0})]
    assert report.levels_inferred_from_height == 22
    assert sum(report.levels.values()) == 72
    assert dict(report.uses) == {"retail": 24, "industry": 17, "unassigned": 16,
                                 "housing": 15}


def test_malan_default_use_makes_unknown_sheds_one_tall_storey(shared_data):
    project = Project.new("Malan")
    folder = shared_data / "bdtopo_olemps_12174"
    import_source(project, folder / "ZONE_D_ACTIVITE_OU_D_INTERET.shp",
                  ImportOptions(kind="site", where=MALAN))
    import_source(project, folder / "BATIMENT.shp",
                  ImportOptions(clip_to_site=True, default_use="craft"))
    # USAGE1 and NATURE "Indifférencié(e)", 6.0 m, no level count.
    unknown = project.baseline.buildings["BATIMENT0000000257027878"]
    assert [(lv.height_m, lv.use_shares()) for lv in unknown.levels] == [
        (6.0, {"craft": 1.0})]


def test_maspeth_lots_in_feet_come_out_in_square_metres(shared_data):
    source = shared_data / "mappluto_maspeth_ibz" / "private-cdw-maspeth.shp"
    project = Project.new("Maspeth", "EPSG:32618")
    report = import_source(project, source, ImportOptions(
        levels_field="NumFloors", use_field="LandUse",
        use_map="06=industry,05=office,10=parking,11=unassigned"))
    assert report.reprojected_from == "EPSG:2263"
    assert report.source_units == "US survey foot → metre"
    buildings = project.baseline.buildings
    assert len(buildings) == 813
    from pyogrio.raw import read

    meta, _, wkb, columns = read(source, columns=["BBL", "LotArea"])
    fields = dict(zip(meta["fields"], columns, strict=True))
    lot_area = {str(int(b)): a for b, a in zip(fields["BBL"], fields["LotArea"],
                                               strict=True)}
    # Geometry: ft² × 0.09290341 = m², within the UTM scale factor (±0.2 %).
    source_ft2 = float(shapely.area(shapely.from_wkb(wkb)).sum())
    ours_m2 = sum(b.footprint.area for b in buildings.values())
    assert ours_m2 == pytest.approx(source_ft2 * 0.09290341, rel=2e-3)
    # Against the tax roll's LotArea × 0.0929: most lots within 5 %.
    ratios = np.array([buildings[bbl].footprint.area / (area * 0.0929)
                       for bbl, area in lot_area.items() if area > 0])
    assert np.median(ratios) == pytest.approx(1.0, abs=0.03)
    assert np.mean(np.abs(ratios - 1) < 0.05) > 0.6
    # A lot with NumFloors 0 (vacant) gets one default storey, and is counted.
    assert report.levels["one storey assumed (no height, no level count)"] > 0


def test_hotel_dieu_plan_is_one_building_with_room_shares(shared_data):
    project = Project.new("Lyon")
    report = import_source(
        project, shared_data / "cs_proxymix_hotel_dieu" / "building.dxf",
        ImportOptions(origin=(842_000.0, 6_519_000.0), layer_map=HOTEL_DIEU_MAP))
    (building,) = project.baseline.buildings.values()
    shares = building.levels[0].use_shares()
    assert set(shares) == {"office", "retail", "restaurant", "shared_services",
                           "unassigned"}
    assert sum(shares.values()) == pytest.approx(1.0, abs=1e-9)
    assert 0 < shares["unassigned"] < 1
    assert report.source_units == "centimetres → metre"
    # The outline is 28,200 × 12,080 cm in the plan: at most 282 m × 121 m.
    minx, miny, maxx, maxy = building.footprint.bounds
    assert (maxx - minx) < 285 and (maxy - miny) < 125
    assert not report.georeferenced
    assert report.skips["on a layer not in --layer-map"] > 500  # the 442 walls …


def test_factory_plan_keeps_closed_rooms_and_counts_the_noise(shared_data):
    project = Project.new("Factory")
    report = import_source(
        project, shared_data / "cs_proxymix_factory" / "building.dxf",
        ImportOptions(origin=(0.0, 0.0),
                      layer_map="Offices=office,Meeting rooms=shared_services,"
                                "Coffee=restaurant,Supermarket=retail"))
    # 23 + 7 + 8 + 1 closed outlines on the mapped layers; one open office polyline.
    assert report.buildings == 39
    assert report.skips["open polyline"] == 1
    assert report.skips["on a layer not in --layer-map"] > 4000
    assert dict(report.uses) == {"office": 23, "restaurant": 8,
                                 "shared_services": 7, "retail": 1}
