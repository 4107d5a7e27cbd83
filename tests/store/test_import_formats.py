"""Each format and each repair, in process, with hand-computed expectations.

The same fixtures go through the real command in ``tests/cli/test_import_cli.py``;
here the results are looked at closely (areas, levels, uses, the report).
"""

from __future__ import annotations

import copy
import math
from pathlib import Path

import pytest
from import_fixtures import X0, Y0, build_all
from shapely.geometry import box

from mixplan.model import Building, Level, MixplanError, Project
from mixplan.model.commands import SetSiteBoundary
from mixplan.store.importing import ImportOptions, import_source, plan_import

MAPPING = dict(use_field="usage", height_field="hauteur", levels_field="etages",
               use_map="Entrepôt=warehouse,Résidentiel=housing,Bureaux=office")


@pytest.fixture(scope="module")
def fx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_all(tmp_path_factory.mktemp("import-fixtures"))


def _import(name_or_path, fx, crs="EPSG:2154", project=None, **options):
    project = project or Project.new("t", crs)
    source = fx[name_or_path] if isinstance(name_or_path, str) else name_or_path
    report = import_source(project, source, ImportOptions(**options))
    return project, report


@pytest.mark.parametrize("name", ["gpkg", "shp", "zip", "fgb"])
def test_each_vector_format_gives_the_same_buildings(fx, name):
    extra = {"layer": "buildings"} if name == "gpkg" else {}
    project, report = _import(name, fx, **MAPPING, **extra)
    b = project.baseline.buildings
    assert sorted(b) == ["flats", "shed", "twin-1", "twin-2"]
    # Shed: 8 m warehouse without a level count → one tall storey of 8 m.
    assert [(lv.height_m, lv.use_shares()) for lv in b["shed"].levels] == [
        (8.0, {"warehouse": 1.0})]
    # Flats: 3 levels over 9 m.
    assert [lv.height_m for lv in b["flats"].levels] == [3.0, 3.0, 3.0]
    # The two-part feature: two 100 m² office buildings of 2 storeys (7 m / 3.5).
    assert b["twin-1"].footprint.area == 100.0 and b["twin-2"].footprint.area == 100.0
    assert [lv.height_m for lv in b["twin-2"].levels] == [3.5, 3.5]
    assert b["shed"].footprint.area == 200.0
    assert report.features_read == 3 and report.buildings == 4
    assert report.parts_split == 1
    assert report.levels_inferred_from_height == 3
    assert dict(report.uses) == {"warehouse": 1, "housing": 1, "office": 2}


def test_shapefile_without_cpg_is_read_as_utf8_not_mojibake(fx):
    project, report = _import("shp", fx, use_field="usage")
    assert report.encoding == "UTF-8"
    # No --use-map: the raw values are listed as unmapped, spelled right.
    assert set(report.unmapped_values) == {"Entrepôt", "Résidentiel", "Bureaux"}
    assert "Ã" not in report.summary()


def test_bdtopo_fields_are_recognised_and_3d_is_flattened(fx):
    project, report = _import("bdtopo_like", fx)
    assert report.preset == "bdtopo" and report.flattened_3d
    b = project.baseline.buildings
    assert b["BAT1"].footprint.area == 600.0 and not b["BAT1"].footprint.has_z
    assert [(lv.height_m, lv.use_shares()) for lv in b["BAT1"].levels] == [
        (8.0, {"industry": 1.0})]
    assert [lv.use_shares() for lv in b["BAT2"].levels] == [
        {"retail": 1.0}, {"housing": 1.0}, {"housing": 1.0}]
    # Nothing said but 1 dwelling: housing, 6 m → 2 storeys of 3 m.
    assert [(lv.height_m, lv.use_shares()) for lv in b["BAT3"].levels] == [
        (3.0, {"housing": 1.0}), (3.0, {"housing": 1.0})]
    # One dwelling is a house: no internal common parts (R111-22 8° does not
    # apply); six dwellings, or none, keep the default.
    assert b["BAT3"].common_parts is False
    assert b["BAT2"].common_parts is True and b["BAT1"].common_parts is True
    assert dict(report.use_basis) == {"USAGE1": 2, "NB_LOGTS": 1}
    assert report.levels_inferred_from_height == 2


def test_latin1_shapefile_without_cpg_keeps_its_accents(fx):
    project, report = _import("latin1", fx, use_field="usage",
                              use_map="Entrepôt frigorifié=warehouse")
    assert report.encoding == "ISO-8859-1"
    assert project.baseline.buildings["a1"].levels[0].use_shares() == {
        "warehouse": 1.0}
    assert "text is not UTF-8" in " ".join(report.notes)


def test_several_layers_are_listed_when_none_is_chosen(fx):
    with pytest.raises(MixplanError, match=r"choose one with --layer: buildings "
                       r"\(MultiPolygon\), parcels \(Polygon\)"):
        _import("gpkg", fx)


def test_where_filters_and_a_bad_where_is_one_clear_error(fx):
    project, report = _import("gpkg", fx, layer="buildings", where="id = 'shed'")
    assert list(project.baseline.buildings) == ["shed"]
    with pytest.raises(MixplanError, match="--where"):
        _import("gpkg", fx, layer="buildings", where="no_such_field = 1")


def test_site_from_several_features_is_dissolved(fx, tmp_path):
    project, report = _import("gpkg", fx, layer="buildings", kind="site")
    # 200 + 100 + 2 × 100 m², dissolved into one multipolygon.
    assert project.site is not None
    assert math.isclose(project.site.area_m2, 500.0)
    assert report.site and "4 polygons dissolved into one site" in report.notes
    assert project.baseline.buildings == {}


def test_bow_tie_is_two_buildings_of_25_m2(fx):
    project, report = _import("bowtie", fx)
    areas = sorted(b.footprint.area for b in project.baseline.buildings.values())
    assert areas == [25.0, 25.0]
    assert report.repairs == {"self-intersection fixed by make_valid keeping "
                              "polygons only": 1}


def test_hole_outside_shell_is_dropped_not_imported_as_a_building(fx):
    project, report = _import("hole_outside", fx)
    assert [b.footprint.area for b in project.baseline.buildings.values()] == [100.0]
    assert report.repairs == {"hole outside its shell dropped": 1}


def test_zero_area_rings(fx):
    project, report = _import("zero_area", fx)
    assert list(project.baseline.buildings) == ["thin_hole"]
    assert report.skips == {"no area (degenerate or zero-area ring)": 1}
    assert report.repairs["zero-area hole dropped"] == 1


def test_unclosed_duplicate_nan_huge_and_line_geometries(fx):
    project, report = _import("repairs", fx)
    assert sorted(project.baseline.buildings) == ["dup", "unclosed"]
    assert project.baseline.buildings["unclosed"].footprint.area == 100.0
    assert report.repairs == {"ring closed": 1, "duplicate vertices removed": 1}
    assert report.skips == {
        "NaN or infinite coordinates": 1,
        "coordinates beyond ±1e+08 m": 1,
        "not a polygon (LineString)": 1,
    }
    assert report.to_json()["skipped"]["examples"][0]["feature"] in {
        "nan", "huge", "line"}


def test_lon_lat_is_reprojected_and_swapped_axes_are_detected(fx):
    straight, report = _import("lonlat", fx)
    assert report.reprojected_from == "EPSG:4326" and not report.axes_swapped
    swapped, report2 = _import("swapped_axes", fx)
    assert report2.axes_swapped
    a = straight.baseline.buildings["lyon"].footprint
    b = swapped.baseline.buildings["lyon"].footprint
    assert a.equals_exact(b, 1e-6)
    # 0.0005° × 0.0005° at 45.76° N ≈ 38.9 m × 55.6 m.
    assert 2000 < a.area < 2300
    assert 840_000 < a.centroid.x < 850_000 and 6_510_000 < a.centroid.y < 6_525_000


def test_feet_become_metres(fx):
    project, report = _import("feet", fx, crs="EPSG:32618", levels_field="floors")
    lot = project.baseline.buildings["lot1"]
    # 100 ftUS × 100 ftUS = 929.03 m² (UTM scale factor near 0.9996 → ± 0.2 %).
    assert math.isclose(lot.footprint.area, 929.03, rel_tol=2e-3)
    assert report.source_units == "US survey foot → metre"
    assert len(lot.levels) == 2


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("no_crs", {}, "no coordinate reference system; name it with --crs"),
        ("plain_projected", {}, "not longitude/latitude"),
        ("empty", {}, "holds no feature"),
        ("truncated", {}, "truncated"),
        ("truncated_gpkg", {}, "malformed"),
        ("garbage", {}, "not recognized as being in a supported file format"),
        ("garbage_shp", {}, "cannot read this file as GIS data"),
        ("zip_slip", {}, "'../../evil.shp' points outside the archive"),
        ("nested", {}, "nested too deeply"),
        ("nested", {"preset": "generic"}, "Failed to read GeoJSON data"),
        ("dxf_open", {"layer_map": "Offices=office", "origin": (0.0, 0.0)},
         "no closed outline on the mapped layers"),
        ("dxf_open", {}, "layers with closed outlines: none"),
        ("dxf_plan", {"layer_map": "Walls=outline,Offices=office",
                      "origin": (0.0, 0.0)},
         "no closed outline on the outline layer 'walls'"),
    ],
)
def test_refusals_leave_the_project_as_it_was(fx, name, options, message):
    project = Project.new("t")
    before = copy.deepcopy(project)
    with pytest.raises(MixplanError, match=message) as caught:
        import_source(project, fx[name], ImportOptions(**options))
    assert caught.value.path is not None and Path(caught.value.path).name == (
        fx[name].name)
    assert project == before


def test_crs_option_names_a_missing_crs(fx):
    project = Project.new("t")
    report = import_source(project, fx["no_crs"], ImportOptions(crs="EPSG:2154"))
    assert report.buildings == 1 and report.reprojected_from is None
    project = Project.new("t")
    report = import_source(project, fx["plain_projected"],
                           ImportOptions(crs="EPSG:2154"))
    assert project.baseline.buildings["p1"].footprint.area == 100.0


def test_size_caps_are_clear_refusals(fx):
    from mixplan.store.vector import ImportCaps

    with pytest.raises(MixplanError, match="file is .* bytes, over the import cap "
                       "of 1,000 bytes"):
        import_source(Project.new("t"), fx["fgb"],
                      ImportOptions(caps=ImportCaps(max_file_bytes=1000)))
    tight = ImportCaps(max_features=2)
    with pytest.raises(MixplanError, match="3 features, over the cap of 2"):
        import_source(Project.new("t"), fx["fgb"], ImportOptions(caps=tight))
    # Every ring of the file has 5 vertices.
    few_vertices = ImportCaps(max_vertices=4)
    with pytest.raises(MixplanError, match=r"nothing to import: 3 features "
                       r"skipped \(over 4 vertices \(size cap\): 3\)"):
        import_source(Project.new("t"), fx["fgb"], ImportOptions(caps=few_vertices))


def test_scenario_is_created_empty_and_clashes_are_errors(fx):
    project = Project.new("t")
    project.baseline.buildings["shed"] = Building(
        "shed", "old", box(0, 0, 5, 5), (Level.of(3, "craft"),))
    report = import_source(project, fx["fgb"], ImportOptions(scenario="Plan B"))
    assert report.scenario_created and len(project.scenario("Plan B").buildings) == 4
    before = copy.deepcopy(project)
    with pytest.raises(MixplanError, match=r"1 building id\(s\) already in scenario "
                       r"'Existing': 'shed'"):
        import_source(project, fx["fgb"], ImportOptions())
    assert project == before
    # Adding to an existing scenario keeps what it had.
    import_source(project, fx["bowtie"], ImportOptions(scenario="Plan B"))
    assert len(project.scenario("Plan B").buildings) == 6


def test_plan_is_one_undoable_command(fx):
    project = Project.new("t")
    before = copy.deepcopy(project)
    plan = plan_import(project, fx["fgb"], ImportOptions(scenario="New"))
    assert project == before  # planning changes nothing
    plan.command.apply(project)
    assert len(project.scenario("New").buildings) == 4
    plan.command.revert(project)
    assert project == before


def test_clip_to_site_keeps_buildings_mostly_inside_whole(fx):
    project = Project.new("t")
    # Site: x 0…25 m, y 0…20 m → the shed (20 × 10) is inside, the flats
    # (x 30…40) are outside, twin-1 (y 30…40) is outside.
    SetSiteBoundary(box(X0 - 5, Y0 - 5, X0 + 25, Y0 + 20)).apply(project)
    report = import_source(project, fx["fgb"], ImportOptions(clip_to_site=True))
    assert list(project.baseline.buildings) == ["shed"]
    assert report.outside_site == 3
    # A site cutting the shed at 60 % of its length keeps it whole.
    project = Project.new("t")
    SetSiteBoundary(box(X0 + 8, Y0 - 5, X0 + 25, Y0 + 20)).apply(project)
    report = import_source(project, fx["fgb"], ImportOptions(clip_to_site=True))
    assert project.baseline.buildings["shed"].footprint.area == 200.0
    assert report.kept_across_boundary == 1
    with pytest.raises(MixplanError, match="no site yet"):
        import_source(Project.new("t"), fx["fgb"], ImportOptions(clip_to_site=True))


def test_cover_needs_a_surface_and_is_cut_to_the_site(fx):
    with pytest.raises(MixplanError, match="say which surface"):
        import_source(Project.new("t"), fx["fgb"], ImportOptions(kind="cover"))
    project = Project.new("t")
    SetSiteBoundary(box(X0 + 10, Y0 - 5, X0 + 35, Y0 + 20)).apply(project)
    import_source(project, fx["fgb"], ImportOptions(
        kind="cover", use_field="usage", use_map="Entrepôt=sealed",
        default_use="open_soil", clip_to_site=True))
    cover = project.baseline.cover
    # Shed cut to x 10…20 (100 m²), flats cut to x 30…35 (50 m²), twin outside.
    assert {c: (v.cover, v.geometry.area) for c, v in cover.items()} == {
        "shed": ("sealed", 100.0), "flats": ("open_soil", 50.0)}


def test_mixplan_profile_is_recognised_and_read_losslessly(fx):
    project, report = _import("mixplan_profile", fx)
    assert report.format == "mixplan GeoJSON"
    hall = project.baseline.buildings["H1"]
    assert [lv.use_shares() for lv in hall.levels] == [
        {"craft": 0.75, "retail": 0.25}, {"housing": 1.0}]
    assert project.site is not None and project.site.area_m2 == 40_000.0
    assert project.baseline.cover["G1"].cover == "open_soil"
    only_site, _ = _import("mixplan_profile", fx, kind="site")
    assert only_site.baseline.buildings == {} and only_site.site is not None


def test_mixplan_export_round_trip(fx, tmp_path):
    from mixplan.store.geojson import write_geojson

    project, _ = _import("gpkg", fx, layer="buildings", **MAPPING)
    out = tmp_path / "scenario.geojson"
    write_geojson(project, "Existing", out)
    again, report = _import(out, fx)
    assert again.baseline.buildings == project.baseline.buildings
    assert report.format == "mixplan GeoJSON"


def test_dxf_plan_outline_and_rooms_give_level_shares(fx):
    project, report = _import(
        "dxf_plan", fx, origin=(X0, Y0),
        layer_map="Floor=outline,Offices=office,Shop=retail,Store=warehouse")
    (plan,) = project.baseline.buildings.values()
    # Outline 20 × 10 m (plan in mm); office 100 m², hatched shop 20 m²,
    # two 2 × 2 m store rooms from a block (one rotated 90°): 8 m².
    assert plan.footprint.area == pytest.approx(200.0)
    assert plan.footprint.bounds == pytest.approx((X0, Y0, X0 + 20, Y0 + 10))
    assert plan.levels[0].use_shares() == pytest.approx(
        {"office": 0.5, "retail": 0.1, "warehouse": 0.04, "unassigned": 0.36})
    assert report.skips == {"on a layer not in --layer-map": 3}
    assert not report.georeferenced and "not georeferenced" in report.placement
    assert report.source_units == "millimetres → metre"


def test_dxf_without_outline_each_room_is_a_building_and_bulges_are_arcs(fx):
    project, _ = _import("dxf_plan", fx, origin=(X0, Y0),
                         layer_map="Offices=office,Shop=retail,Store=warehouse")
    areas = sorted(round(b.footprint.area, 6)
                   for b in project.baseline.buildings.values())
    assert areas == [4.0, 4.0, 20.0, 100.0]
    project, _ = _import("dxf_bulge", fx, origin=(0.0, 0.0), crs="EPSG:2154",
                         layer_map="Kiosk=retail", rotation=30.0)
    expected = 100 + math.pi * 25 / 2
    for building in project.baseline.buildings.values():
        assert building.footprint.area == pytest.approx(expected, abs=0.2)


def test_dxf_is_placed_at_the_site_centre_by_default(fx):
    project = Project.new("t")
    SetSiteBoundary(box(X0, Y0, X0 + 100, Y0 + 100)).apply(project)
    import_source(project, fx["dxf_plan"], ImportOptions(
        layer_map="Floor=outline,Offices=office"))
    (plan,) = project.baseline.buildings.values()
    assert plan.footprint.centroid.x == pytest.approx(X0 + 50)
    assert plan.footprint.centroid.y == pytest.approx(Y0 + 50)
    with pytest.raises(MixplanError, match="--origin"):
        import_source(Project.new("t"), fx["dxf_plan"],
                      ImportOptions(layer_map="Floor=outline"))


def test_dxf_export_round_trip(fx, tmp_path):
    import ezdxf

    from mixplan.store.dxf_export import write_dxf

    project, _ = _import("mixplan_profile", fx)
    project.baseline.buildings["S1"] = Building(
        "S1", "Shed", box(X0 + 100, Y0, X0 + 120, Y0 + 10), (Level.of(8, "warehouse"),))
    out = tmp_path / "scenario.dxf"
    write_dxf(project, "Existing", out)
    doc = ezdxf.readfile(out)
    assert doc.header["$INSUNITS"] == 6
    msp = doc.modelspace()
    layers = {e.dxf.layer for e in msp.query("LWPOLYLINE")}
    assert layers == {"MIXPLAN_SITE", "MIXPLAN_HOUSING", "MIXPLAN_PRODUCTIVE",
                      "MIXPLAN_COVER_OPEN_SOIL"}
    attributes = {}
    for insert in msp.query("INSERT"):
        values = {a.dxf.tag: a.dxf.text for a in insert.attribs}
        attributes[values["ID"]] = (insert.dxf.layer, values)
    # Hall: 600 m² × 2 levels: craft 450 m², retail 150 m², housing 600 m²,
    # so on the housing layer; the shed on the productive one.
    layer, hall = attributes["H1"]
    assert layer == "MIXPLAN_HOUSING"
    assert attributes["S1"][0] == "MIXPLAN_PRODUCTIVE"
    assert hall["STOREYS"] == "R+1" and hall["HEIGHT_M"] == "9.00"
    assert hall["GFA_M2"] == "1200.0"
    assert hall["LEVELS"] == ("L0: h=6m craft=0.75 retail=0.25 | "
                              "L1: h=3m housing=1")
    shed = [e for e in msp.query("LWPOLYLINE")
            if e.has_xdata("MIXPLAN") and ("1000", "id=S1") in [
                (str(t.code), t.value) for t in e.get_xdata("MIXPLAN")]]
    assert len(shed) == 1
    points = [(x, y) for x, y, *_ in shed[0].get_points()]
    from shapely.geometry import Polygon

    assert Polygon(points).area == pytest.approx(200.0)
    # And back in through the importer: the footprints on a family layer.
    again = Project.new("t")
    import_source(again, out, ImportOptions(
        origin=(0.0, 0.0),
        layer_map="MIXPLAN_PRODUCTIVE=craft,MIXPLAN_HOUSING=housing"))
    assert sorted(b.footprint.area for b in again.baseline.buildings.values()) == [
        200.0, 600.0]


def test_dxf_hatch_islands_and_minsert_arrays(tmp_path):
    import ezdxf

    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 6
    msp = doc.modelspace()
    hatch = msp.add_hatch(dxfattribs={"layer": "Kiosk"})
    # Two 1 m squares in one hatch, plus a 0.5 m hole in the first.
    hatch.paths.add_polyline_path([(0, 0), (1, 0), (1, 1), (0, 1)], is_closed=True)
    hatch.paths.add_polyline_path([(5, 0), (6, 0), (6, 1), (5, 1)], is_closed=True)
    hatch.paths.add_polyline_path([(0.25, 0.25), (0.75, 0.25), (0.75, 0.75),
                                   (0.25, 0.75)], is_closed=True)
    block = doc.blocks.new("BOX")
    block.add_lwpolyline([(0, 0), (2, 0), (2, 2), (0, 2)], close=True)
    grid = msp.add_blockref("BOX", (10, 0), dxfattribs={"layer": "Store"})
    grid.grid(size=(2, 3), spacing=(5, 5))  # 2 rows × 3 columns
    path = tmp_path / "arrays.dxf"
    doc.saveas(path)
    project = Project.new("t")
    report = import_source(project, path, ImportOptions(
        origin=(X0, Y0), layer_map="Kiosk=retail,Store=warehouse"))
    areas = sorted(b.footprint.area for b in project.baseline.buildings.values())
    assert areas == pytest.approx([0.75, 1.0] + [4.0] * 6)
    assert dict(report.uses) == {"retail": 2, "warehouse": 6}


def test_big_geojson_is_recognised_by_its_start_without_parsing(fx):
    from mixplan.store.vector import ImportCaps

    small_cap = ImportOptions(caps=ImportCaps(max_json_bytes=10))
    report = import_source(Project.new("t"), fx["mixplan_profile"], small_cap)
    assert report.format == "mixplan GeoJSON"
    report = import_source(Project.new("t"), fx["lonlat"], small_cap)
    assert report.format == "GeoJSON" and report.buildings == 1


def test_big_layers_are_read_in_slices_with_the_same_result(fx, monkeypatch):
    from mixplan.store import vector

    whole = vector.read_layer(fx["gpkg"], "buildings", None, vector.ImportCaps())
    monkeypatch.setattr(vector, "READ_CHUNK", 1)  # 3 features: 3 slices
    sliced = vector.read_layer(fx["gpkg"], "buildings", None, vector.ImportCaps())
    assert list(sliced.wkb) == list(whole.wkb)
    assert list(sliced.fids) == list(whole.fids)
    assert list(sliced.fields["usage"]) == ["Entrepôt", "Résidentiel", "Bureaux"]


def test_a_refusal_while_applying_rolls_back_the_new_scenario(fx, tmp_path):
    import json

    doc = json.loads(fx["mixplan_profile"].read_text("utf-8"))
    doc["features"][1]["properties"]["origin"] = "no-such-building"
    source = tmp_path / "orphan.geojson"
    source.write_text(json.dumps(doc), "utf-8")
    project = Project.new("t")
    before = copy.deepcopy(project)
    with pytest.raises(MixplanError, match="origin 'no-such-building' is not a "
                       "building of the baseline") as caught:
        import_source(project, source, ImportOptions(scenario="Scheme"))
    assert caught.value.path == str(source)
    assert project == before and not project.has_scenario("Scheme")


def test_geojson_with_a_kind_property_that_is_not_the_profile_is_gis_data(tmp_path):
    import json

    ring = [[X0, Y0], [X0 + 10, Y0], [X0 + 10, Y0 + 10], [X0, Y0 + 10], [X0, Y0]]
    doc = {"type": "FeatureCollection",
           "crs": {"type": "name",
                   "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}},
           "features": [{"type": "Feature",
                         "properties": {"id": "osm1", "kind": "building"},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}}]}
    source = tmp_path / "export.geojson"
    source.write_text(json.dumps(doc), "utf-8")
    project = Project.new("t")
    report = import_source(project, source, ImportOptions())
    assert report.format == "GeoJSON" and report.buildings == 1
    assert "not the mixplan profile" in report.notes[0]
    with pytest.raises(MixplanError):
        import_source(Project.new("t"), source, ImportOptions(preset="mixplan"))
