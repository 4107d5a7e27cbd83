"""Implausible imported data: each threshold at its boundary, hand-computed."""

from __future__ import annotations

from shapely.geometry import box

from mixplan.model import Building, Level
from mixplan.store.import_checks import implausible_data

SITE = box(0, 0, 100, 100)


def shed(bid: str, footprint, *heights: float) -> Building:
    return Building(
        bid, "", footprint, tuple(Level.of(h, "warehouse") for h in heights)
    )


def test_storeys_under_2_2_m_at_the_boundary():
    ok = shed("a", box(0, 0, 10, 10), 2.2, 3.0)  # exactly 2.2 m: plausible
    assert implausible_data([ok], SITE, 1, 0) == []
    low = shed("b", box(0, 0, 10, 10), 3.0, 2.19)
    (line,) = implausible_data([ok, low], SITE, 2, 0)
    assert line.startswith("1 building(s) with storeys under 2.2 m (lowest 2.19 m)")


def test_a_basement_lower_than_2_2_m_is_not_flagged():
    cellar = Building(
        "c",
        "",
        box(0, 0, 10, 10),
        (Level.of(2.0, "technical"), Level.of(3.0, "craft")),
        basements=1,
    )
    assert implausible_data([cellar], SITE, 1, 0) == []


def test_footprints_over_50000_m2_at_the_boundary():
    # 250 m × 200 m = 50,000 m² exactly: plausible; 250 m × 200.1 m is not.
    exact = shed("a", box(0, 0, 250, 200), 8.0)
    assert implausible_data([exact], None, 1, 0) == []
    over = shed("b", box(0, 0, 250, 200.1), 8.0)
    (line,) = implausible_data([over], None, 1, 0)
    assert line.startswith("1 footprint(s) over 50,000 m² (largest 50,025 m²)")


def test_buildings_over_5_km_from_the_site_at_the_boundary():
    # The site ends at x = 100: a building starting at x = 5,100 is 5 km away.
    at_5_km = shed("a", box(5_100, 0, 5_110, 10), 4.0)
    assert implausible_data([at_5_km], SITE, 1, 0) == []
    beyond = shed("b", box(12_400, 0, 12_410, 10), 4.0)  # 12.3 km
    (line,) = implausible_data([at_5_km, beyond], SITE, 2, 0)
    assert line.startswith("1 building(s) over 5 km from the site (farthest 12.3 km)")
    # Without a site there is nothing to be far from.
    assert implausible_data([beyond], None, 1, 0) == []


def test_a_file_with_many_features_skipped_looks_damaged():
    # 10 % and at least 10 features: 10 of 100 is flagged, 9 of 90 (10 %) is not.
    assert implausible_data([], None, 90, 9) == []
    assert implausible_data([], None, 101, 10) == []  # 9.9 %
    (line,) = implausible_data([], None, 100, 10)
    assert line == "10 of 100 features (10%) were skipped: the file looks damaged"
    (line,) = implausible_data([], None, 2_273, 1_624)
    assert line.startswith("1,624 of 2,273 features (71%)")
