"""Levels from heights, use maps, the BD TOPO table and geometry repair, by hand."""

from __future__ import annotations

import math

import pytest
from shapely.geometry import LineString, Polygon, box

from mixplan.model.errors import MixplanError
from mixplan.store.bdtopo import bdtopo_facts, looks_like_bdtopo
from mixplan.store.dxf_import import parse_layer_map
from mixplan.store.field_mapping import (
    LEVELS_DEFAULT,
    LEVELS_FROM_FIELD,
    LEVELS_FROM_HEIGHT,
    BuildingFacts,
    clean_height,
    clean_level_count,
    levels_for,
    parse_use_map,
)
from mixplan.store.repair import (
    REPAIR_DUPLICATES,
    REPAIR_HOLE_OUTSIDE,
    REPAIR_MAKE_VALID,
    REPAIR_ZERO_HOLE,
    repair_areal,
)


def _heights(facts: BuildingFacts) -> tuple[list[float], str]:
    levels, how = levels_for(facts)
    return [round(lv.height_m, 6) for lv in levels], how


@pytest.mark.parametrize(
    ("facts", "heights", "how"),
    [
        # A 6–12 m shed is one tall storey, not height ÷ 3 m.
        (BuildingFacts("warehouse", height_m=6.0), [6.0], LEVELS_FROM_HEIGHT),
        (BuildingFacts("industry", height_m=9.0), [9.0], LEVELS_FROM_HEIGHT),
        (BuildingFacts("craft", height_m=12.0), [12.0], LEVELS_FROM_HEIGHT),
        # 17.5 m of workshops: 5.5 m ground + 3 × 4 m → 4 levels sharing 17.5 m.
        (BuildingFacts("craft", height_m=17.5), [4.375] * 4, LEVELS_FROM_HEIGHT),
        # Housing 2.9 m storeys: 9 m → round(3.10) = 3 levels of 3 m.
        (BuildingFacts("housing", height_m=9.0), [3.0] * 3, LEVELS_FROM_HEIGHT),
        # Offices 3.5 m: 14 m → 4 levels.
        (BuildingFacts("office", height_m=14.0), [3.5] * 4, LEVELS_FROM_HEIGHT),
        # A level count splits the height.
        (BuildingFacts("housing", height_m=12.0, levels=4), [3.0] * 4,
         LEVELS_FROM_FIELD),
        # A count with storeys under 2 m keeps typical heights instead.
        (BuildingFacts("housing", height_m=3.0, levels=3), [2.9] * 3,
         LEVELS_FROM_FIELD),
        # Count only: productive ground 5.5 m, upper 4 m.
        (BuildingFacts("craft", levels=3), [5.5, 4.0, 4.0], LEVELS_FROM_FIELD),
        # Nothing: one typical storey.
        (BuildingFacts("retail"), [4.0], LEVELS_DEFAULT),
    ],
)
def test_levels_from_height_and_count(facts, heights, how):
    assert _heights(facts) == (heights, how)


def test_mixed_building_puts_the_secondary_use_on_the_ground_floor():
    levels, _ = levels_for(BuildingFacts("housing", 9.0, 3, ground_use="retail"))
    assert [lv.use_shares() for lv in levels] == [
        {"retail": 1.0}, {"housing": 1.0}, {"housing": 1.0}]
    # One storey: the main use only.
    levels, _ = levels_for(BuildingFacts("housing", 3.0, 1, ground_use="retail"))
    assert [lv.use_shares() for lv in levels] == [{"housing": 1.0}]


@pytest.mark.parametrize("value", [None, "", "abc", float("nan"), -3, 0, 5000])
def test_unusable_heights_are_missing(value):
    assert clean_height(value) is None


def test_level_counts_are_cleaned():
    assert clean_level_count(2.0) == 2
    assert clean_level_count(float("nan")) is None
    assert clean_level_count(0) is None
    assert clean_level_count(999) is None


def test_use_map_parsing_and_refusals():
    assert parse_use_map("Entrepôt=warehouse, Bureaux = office") == {
        "entrepôt": "warehouse", "bureaux": "office"}
    with pytest.raises(MixplanError, match="unknown code 'factory'"):
        parse_use_map("Usine=factory")
    with pytest.raises(MixplanError, match="not value=code"):
        parse_use_map("office")
    assert parse_layer_map("Floor=outline,Meeting rooms=shared_services") == {
        "floor": "outline", "meeting rooms": "shared_services"}
    with pytest.raises(MixplanError, match="neither 'outline' nor a use"):
        parse_layer_map("Walls=wall")


@pytest.mark.parametrize(
    ("record", "use", "ground", "upper", "basis"),
    [
        ({"USAGE1": "Résidentiel", "NATURE": "Indifférenciée"}, "housing", None,
         None, "USAGE1"),
        ({"USAGE1": "Commercial et services", "USAGE2": "Résidentiel",
          "NATURE": "Indifférenciée"}, "retail", None, "housing", "USAGE1"),
        ({"USAGE1": "Résidentiel", "USAGE2": "Commercial et services"}, "housing",
         "retail", None, "USAGE1"),
        ({"USAGE1": "Indifférencié", "NATURE": "Industriel, agricole ou commercial"},
         "industry", None, None, "NATURE"),
        ({"USAGE1": "Annexe", "NATURE": "Serre"}, "urban_farm", None, None, "NATURE"),
        ({"USAGE1": "Indifférencié", "NATURE": "Indifférenciée", "NB_LOGTS": 2},
         "housing", None, None, "NB_LOGTS"),
        ({"USAGE1": "Indifférencié", "NATURE": "Indifférenciée", "NB_LOGTS": 0},
         "craft", None, None, "default"),
        # the sous-destinations of R151-28 D4.5 and D4.6
        ({"USAGE1": "Sportif"}, "sports_facility", None, None, "USAGE1"),
        ({"USAGE1": "Religieux"}, "place_of_worship", None, None, "USAGE1"),
        ({"USAGE1": "Indifférencié", "NATURE": "Eglise"}, "place_of_worship", None,
         None, "NATURE"),
    ],
)
def test_bdtopo_usage_table(record, use, ground, upper, basis):
    facts, how = bdtopo_facts(record, "craft")
    assert (facts.use, facts.ground_use, facts.upper_use, how) == (
        use, ground, upper, basis)


def test_bdtopo_annexes_and_undescribed_buildings_are_sheds():
    for record in ({"USAGE1": "Annexe", "HAUTEUR": 7.0},
                   {"USAGE1": "Indifférencié", "NATURE": "Indifférenciée",
                    "HAUTEUR": 9.0}):
        facts, _ = bdtopo_facts(record, "unassigned")
        levels, _ = levels_for(facts)
        assert [lv.height_m for lv in levels] == [record["HAUTEUR"]]
    # With dwellings it is housing, and 9 m is three storeys.
    facts, _ = bdtopo_facts({"USAGE1": "Indifférencié", "NB_LOGTS": 3,
                             "HAUTEUR": 9.0}, "unassigned")
    assert [lv.height_m for lv in levels_for(facts)[0]] == [3.0, 3.0, 3.0]
    # Over 12 m even a shed has storeys.
    facts, _ = bdtopo_facts({"USAGE1": "Annexe", "HAUTEUR": 15.0}, "unassigned")
    assert len(levels_for(facts)[0]) == 5


def test_bdtopo_use_map_overrides_the_table_and_fields_are_recognised():
    facts, _ = bdtopo_facts({"USAGE1": "Commercial et services"}, "unassigned",
                            {"commercial et services": "wholesale"})
    assert facts.use == "wholesale"
    assert looks_like_bdtopo(["id", "nature", "usage1", "hauteur", "nb_etages"])
    assert not looks_like_bdtopo(["id", "height"])


def test_repair_bow_tie_gives_two_triangles_with_their_real_area():
    out = repair_areal(Polygon([(0, 0), (10, 10), (10, 0), (0, 10)]))
    assert out.repairs == [REPAIR_MAKE_VALID]
    assert sorted(p.area for p in out.parts) == [25.0, 25.0]


def test_repair_drops_a_hole_outside_its_shell_instead_of_making_a_building():
    holed = Polygon(box(0, 0, 10, 10).exterior, [box(20, 20, 22, 22).exterior])
    out = repair_areal(holed)
    assert out.repairs == [REPAIR_HOLE_OUTSIDE]
    assert [p.area for p in out.parts] == [100.0]


def test_repair_zero_area_hole_duplicates_and_degenerate_shell():
    thin = Polygon(box(0, 0, 10, 10).exterior, [[(2, 2), (4, 4), (6, 6), (2, 2)]])
    out = repair_areal(thin)
    assert REPAIR_ZERO_HOLE in out.repairs and out.parts[0].area == 100.0
    dup = Polygon([(0, 0), (10, 0), (10, 0), (10, 10), (0, 10)])
    assert repair_areal(dup).repairs == [REPAIR_DUPLICATES]
    flat = repair_areal(Polygon([(0, 0), (5, 5), (10, 10), (0, 0)]))
    assert flat.parts == [] and "no area" in (flat.skip_reason or "")
    line = repair_areal(LineString([(0, 0), (1, 1)]))
    assert line.skip_reason == "not a polygon (LineString)"


def test_repair_of_a_valid_polygon_changes_nothing():
    out = repair_areal(box(0, 0, 3, 4))
    assert out.repairs == [] and math.isclose(out.parts[0].area, 12.0)


def test_options_from_the_real_command_line_parser():
    from mixplan.cli import _parser
    from mixplan.store.importing import ImportOptions

    args = _parser().parse_args([
        "import", "p.mixplan.gpkg", "plan.dxf", "--scenario", "B", "--as",
        "buildings", "--layer", "L", "--where", "x = 1", "--preset", "dxf",
        "--crs", "EPSG:4326", "--clip-to-site", "--height-field", "H",
        "--levels-field", "N", "--use-field", "U", "--use-map", "a=office",
        "--default-use", "craft", "--layer-map", "Floor=outline",
        "--origin", "10.5,-3", "--rotation", "90", "--report", "r.json"])
    options = ImportOptions.from_cli(args)
    assert (options.scenario, options.kind, options.layer, options.where) == (
        "B", "buildings", "L", "x = 1")
    assert (options.preset, options.crs, options.clip_to_site) == (
        "dxf", "EPSG:4326", True)
    assert (options.height_field, options.levels_field, options.use_field,
            options.use_map, options.default_use) == ("H", "N", "U", "a=office",
                                                      "craft")
    assert (options.layer_map, options.origin, options.rotation) == (
        "Floor=outline", (10.5, -3.0), 90.0)
    defaults = ImportOptions.from_cli(_parser().parse_args(
        ["import", "p.mixplan.gpkg", "s.shp"]))
    assert defaults == ImportOptions()


@pytest.mark.parametrize(
    ("name", "unsafe"),
    [("../evil.shp", True), ("a/../../b.shp", True), ("/etc/b.shp", True),
     ("C:/b.shp", True), ("a\\..\\..\\b.shp", True), ("export/b.shp", False),
     ("b..shp", False)],
)
def test_zip_member_paths_that_climb_out_are_unsafe(name, unsafe):
    from mixplan.store.vector import _unsafe_member

    assert _unsafe_member(name) is unsafe
