import math

import pytest
from shapely.geometry import MultiPolygon, Polygon, box

from mixplan.model import (
    USES,
    Allocation,
    Building,
    GroundCover,
    Level,
    ModelError,
    Project,
    Scenario,
    Site,
    use_class,
)
from mixplan.model.rulebook import PARAMETERS, Rulebook


def shed(bid="b1", levels=None, **kw):
    return Building(
        bid, "Shed", box(0, 0, 20, 10), levels or (Level.of(6.0, "warehouse"),), **kw
    )


def test_taxonomy_covers_design_section_5():
    families = {
        "housing": {"housing", "residence"},
        "productive": {
            "craft",
            "industry",
            "warehouse",
            "urban_logistics",
            "wholesale",
            "urban_services",
            "dark_kitchen",
            "urban_farm",
            "forestry",  # D1.2, added with the 23 sous-destinations of R151-28
        },
        "tertiary": {
            "office",
            "retail",
            "restaurant",
            "client_services",
            "hotel",
            "tourist_accommodation",
            "conference_centre",
        },
        "shared": {
            "facility",
            "third_place",
            "shared_services",
            "public_office",
            "education_health",
            "performance_venue",
            "sports_facility",
            "place_of_worship",
            "cinema",
        },
        "non_floor_area": {"parking", "technical"},
        "unassigned": {"unassigned"},
    }
    got: dict[str, set[str]] = {}
    for code, u in USES.items():
        got.setdefault(u.family.value, set()).add(code)
        assert u.label_fr and u.label_en
    assert got == families
    assert not use_class("parking").counts_in_sdp
    assert use_class("unassigned").counts_in_sdp
    assert use_class("warehouse").m2_per_job == 164.0  # IdF survey, RULES §4.1


def test_unknown_use_lists_valid_codes():
    with pytest.raises(ModelError, match="unknown use 'lab'.*housing, residence"):
        Allocation("lab", 1.0)


@pytest.mark.parametrize("shares", [{"housing": 0.5}, {"housing": 0.5, "office": 0.6}])
def test_shares_must_sum_to_one(shares):
    with pytest.raises(ModelError, match="sum to 1"):
        Level.of(3.0, shares)


def test_shares_tolerance_is_1e_9():
    Level.of(3.0, {"housing": 1 / 3, "office": 1 / 3, "craft": 1 / 3})
    Level.of(3.0, {"housing": 0.5 + 5e-10, "office": 0.5})
    with pytest.raises(ModelError):
        Level.of(3.0, {"housing": 0.5 + 5e-9, "office": 0.5})


@pytest.mark.parametrize("height", [0, -1, math.nan, math.inf, "3"])
def test_height_must_be_positive_number(height):
    with pytest.raises(ModelError):
        Level.of(height, "housing")


def test_load_positive_and_access_known():
    with pytest.raises(ModelError, match="design load"):
        Level.of(3.0, "craft", load_kn_m2=0)
    with pytest.raises(ModelError, match="unknown access 'door'"):
        Level.of(3.0, "craft", access="door")
    assert Level.of(3.0, "craft", load_kn_m2=5, access="yard").load_kn_m2 == 5.0


def test_nuisance_applies_to_productive_uses_only():
    level = Level.of(5.5, {"craft": 0.5, "retail": 0.5}, nuisance="E")
    assert [a.nuisance for a in level.uses] == ["E", None]
    with pytest.raises(ModelError, match="nuisance"):
        Allocation("craft", 1.0, "X")


@pytest.mark.parametrize(
    "footprint, message",
    [
        (Polygon([(0, 0), (10, 10), (10, 0), (0, 10)]), "not a valid polygon"),
        (Polygon(), "empty"),
        (box(0, 0, 1, 1).boundary, "must be a polygon"),
        (Polygon([(0, 0), (1e9, 0), (1e9, 1), (0, 1)]), "beyond"),
        (MultiPolygon([box(0, 0, 1, 1)]), "must be a polygon"),
    ],
)
def test_footprint_validation(footprint, message):
    with pytest.raises(ModelError, match=message):
        shed(levels=(Level.of(3, "craft"),)).__class__(
            "x", "x", footprint, (Level.of(3, "craft"),)
        )


def test_nan_coordinates_refused():
    with pytest.warns(RuntimeWarning):
        bad = Polygon([(0, 0), (1, math.nan), (1, 1)])
    with pytest.raises(ModelError, match="NaN"):
        Building("x", "x", bad, (Level.of(3, "craft"),))


def test_building_derived_values():
    b = Building(
        "b",
        "Mixed",
        box(0, 0, 20, 10),
        (
            Level.of(3.0, "parking"),
            Level.of(5.5, "craft"),
            Level.of(3.0, "housing"),
            Level.of(3.0, "housing", polygon=box(0, 0, 10, 10)),
        ),
        basements=1,
    )
    assert b.height_m == 11.5  # basement excluded
    assert b.storeys_label == "R+2"
    assert [i for i, _ in b.indexed_levels()] == [-1, 0, 1, 2]
    assert b.level_area(b.levels[3]) == 100.0
    assert b.level_area(b.levels[1]) == 200.0
    with pytest.raises(ModelError, match="above ground"):
        Building("c", "c", box(0, 0, 1, 1), (Level.of(3, "parking"),), basements=1)


def test_cover_and_site_validation():
    GroundCover("c1", "open_soil", box(0, 0, 5, 5))
    with pytest.raises(ModelError, match="unknown surface 'grass'"):
        GroundCover("c1", "grass", box(0, 0, 5, 5))
    site = Site(MultiPolygon([box(0, 0, 10, 10), box(20, 0, 30, 10)]))
    assert site.area_m2 == 200.0


def test_scenario_refuses_duplicate_ids():
    with pytest.raises(ModelError, match="duplicate building id 'b1'"):
        Scenario.of("S", [shed(), shed()])


def test_project_lookup_names_scenarios():
    p = Project.new("p")
    assert p.baseline.name == "Existing"
    with pytest.raises(ModelError, match="no scenario 'X'; scenarios: Existing"):
        p.scenario("X")


def test_rulebook_defaults_and_validation():
    rb = Rulebook()
    assert rb.get("C09", "min_productive_retention") == 1.0
    assert rb.get("assumptions", "persons_per_dwelling") == 2.3
    rb.set("C02", "max_coverage", 0.5)
    assert rb.values == {("C02", "max_coverage"): 0.5}
    rb.set("C02", "max_coverage", 0.6)  # back to the default: not stored
    assert rb.values == {}
    with pytest.raises(ModelError, match="≤ 1"):
        rb.set("C02", "max_coverage", 1.5)
    with pytest.raises(ModelError, match="true or false"):
        rb.set("C10", "enabled", 1)
    with pytest.raises(ModelError, match="unknown rulebook parameter"):
        rb.set("C99", "x", 1.0)
    with pytest.raises(ModelError, match="one of NC, D, DC"):
        rb.set("C15", "max_nuisance_under_housing", "Z")
    assert not rb.enabled("C10") and rb.enabled("C09")
    for param in PARAMETERS.values():
        assert param.status in {"S", "M", "I"}
        assert param.source, param.key
        assert param.check(param.default) == param.default
