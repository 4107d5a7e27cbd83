"""Ground cover regions: the cuts taken only where covers and footprints meet.

Every figure by hand. Site 100 m × 50 m; default CBS coefficients (open soil and
lawn 1.0, permeable paving 0.3, sealed and yard 0: among equal coefficients the
order of ``COVER_TYPES``, sealed before yard).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from mixplan.engine.land import (
    _dissolved,
    cover_coefficients,
    cover_regions,
    ground_facts,
)
from mixplan.engine.reference_ground import (
    reference_cover_regions,
    reference_ground_facts,
)
from mixplan.engine.spatial import FootprintIndex
from mixplan.model import GroundCover, Rulebook

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from synthetic import varied_project  # noqa: E402

SITE = box(0, 0, 100, 50)
COEFFICIENTS = cover_coefficients(Rulebook())


def _index(*footprints: shapely.Geometry) -> FootprintIndex:
    return FootprintIndex([f"f{k}" for k in range(len(footprints))], footprints, SITE)


def approx(x: float) -> object:
    return pytest.approx(x, rel=1e-12, abs=1e-9)


# Open soil A (0–20 × 0–10) overlaps sealed B (10–30 × 0–10) over 10–20: the open
# soil (1.0 > 0) takes the overlap. Footprints:
#   F1 16–24 × 2–6 straddles x = 20: 16 m² off A, 16 m² off B's own part;
#   F2 30–34 × 0–10 touches B along x = 30 only (no area), and covers 40 m² of
#      the yard C (30–40 × 0–10), which itself touches B along x = 30;
#   F3 2–6 × 2–6 and F4 6–8 × 2–6 touch along x = 6: 16 + 8 = 24 m² off A;
#   F5 12–15 × 7–9 and F6 14–17 × 7–9 overlap over 1 × 2: 6 + 6 − 2 = 10 m² off A.
# Permeable paving P (75–90 × 35–45, 150 m², 0.3) takes 25 m² of yard D
# (60–80 × 30–40, 200 m²). Lawn L (90–110 × 40–60) counts inside the site: 100 m².
COVERS = (
    GroundCover("A", "open_soil", box(0, 0, 20, 10)),
    GroundCover("B", "sealed", box(10, 0, 30, 10)),
    GroundCover("C", "yard", box(30, 0, 40, 10)),
    GroundCover("D", "yard", box(60, 30, 80, 40)),
    GroundCover("P", "permeable_paving", box(75, 35, 90, 45)),
    GroundCover("L", "lawn", box(90, 40, 110, 60)),
)
FOOTPRINTS = (
    box(16, 2, 24, 6),
    box(30, 0, 34, 10),
    box(2, 2, 6, 6),
    box(6, 2, 8, 6),
    box(12, 7, 15, 9),
    box(14, 7, 17, 9),
)
EXPECTED = {
    "open_soil": 200 - 16 - 24 - 10,  # 150
    "lawn": 100,
    "permeable_paving": 150,
    "sealed": 200 - 100 - 16,  # 84: F2 only touches it
    "yard": (100 - 40) + (200 - 25),  # 235
}


def test_regions_by_hand_where_covers_and_footprints_overlap_and_touch() -> None:
    index = _index(*FOOTPRINTS)
    ground = ground_facts(list(COVERS), index, SITE, COEFFICIENTS)
    for cover_type, area in EXPECTED.items():
        assert ground.area_by_cover[cover_type] == approx(area), cover_type
    assert ground.area_by_cover["semi_open"] == 0.0
    assert ground.covered_m2 == approx(sum(EXPECTED.values()))
    plain = reference_ground_facts(list(COVERS), index, SITE, COEFFICIENTS)
    assert plain.area_by_cover == ground.area_by_cover


def test_a_footprint_along_a_cover_edge_takes_nothing() -> None:
    # the footprint's side is the cover's side (x = 20): 200 m² stay
    cover = [GroundCover("A", "open_soil", box(0, 0, 20, 10))]
    for footprint in (box(20, 0, 30, 10), box(20, 10, 30, 20)):  # side, corner
        ground = ground_facts(cover, _index(footprint), SITE, COEFFICIENTS)
        assert ground.area_by_cover["open_soil"] == approx(200)
    # a millimetre over the edge: 0.001 × 10 m² taken
    ground = ground_facts(cover, _index(box(19.999, 0, 30, 10)), SITE, COEFFICIENTS)
    assert ground.area_by_cover["open_soil"] == approx(200 - 0.01)


def test_ground_counted_is_taken_only_where_it_meets() -> None:
    # Three sealed strips and an open-soil square over the middle one: the
    # sealed ground loses 4 × 2 m² there only; a yard far away keeps all of it.
    covers = [
        GroundCover("s1", "sealed", box(0, 0, 100, 2)),
        GroundCover("s2", "sealed", box(0, 20, 100, 22)),
        GroundCover("s3", "sealed", box(0, 40, 100, 42)),
        GroundCover("o", "open_soil", box(50, 19, 54, 23)),
        GroundCover("y", "yard", box(0, 10, 10, 15)),
    ]
    ground = ground_facts(covers, _index(), SITE, COEFFICIENTS)
    assert ground.area_by_cover["open_soil"] == approx(16)
    assert ground.area_by_cover["sealed"] == approx(600 - 8)
    assert ground.area_by_cover["yard"] == approx(50)


def test_dissolved_unites_only_what_meets() -> None:
    polygons = np.empty(5, dtype=object)
    polygons[:] = [
        box(0, 0, 2, 2),
        box(2, 0, 4, 2),  # touches the first along x = 2
        box(10, 0, 12, 2),  # alone
        box(20, 0, 23, 3),
        box(22, 2, 25, 5),  # overlaps the fourth over 1 × 1
    ]
    whole = _dissolved(polygons)
    assert whole.is_valid
    assert whole.area == approx(8 + 4 + 9 + 9 - 1)
    assert whole.equals(shapely.union_all(polygons))
    assert len(shapely.get_parts(whole)) == 3
    assert _dissolved(polygons[2:3]) is polygons[2]


_SIDES = st.integers(0, 12).map(float)


@st.composite
def _boxes(draw: st.DrawFn, count: int) -> list[shapely.Geometry]:
    found = []
    for _ in range(draw(st.integers(0, count))):
        x, y = draw(_SIDES), draw(_SIDES)
        found.append(
            box(x, y, x + draw(st.integers(1, 6)), y + draw(st.integers(1, 6)))
        )
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.data(),
    _boxes(8),
    st.sampled_from([None, box(0.5, 0.5, 13.5, 13.5), box(-1, -1, 100, 50)]),
)
def test_regions_are_the_plain_overlays(
    data: st.DataObject, footprints: list[shapely.Geometry], site: object
) -> None:
    # Covers and footprints on a 1 m grid: they overlap, touch along edges and
    # at corners, and stick out of the site (whose edges are off the grid: a
    # cover meeting the site along a line only is another matter).
    shapes = data.draw(_boxes(8))
    kinds = data.draw(
        st.lists(
            st.sampled_from(["open_soil", "lawn", "semi_open", "sealed", "yard"]),
            min_size=len(shapes),
            max_size=len(shapes),
        )
    )
    covers = [
        GroundCover(f"c{k}", kind, shape)
        for k, (kind, shape) in enumerate(zip(kinds, shapes, strict=True))
    ]
    index = FootprintIndex(
        [f"f{k}" for k in range(len(footprints))],
        footprints,
        site,  # type: ignore[arg-type]
    )
    fast = cover_regions(covers, index, site, COEFFICIENTS)  # type: ignore[arg-type]
    plain = reference_cover_regions(covers, index, site, COEFFICIENTS)  # type: ignore[arg-type]
    assert fast.keys() == plain.keys()
    for cover_type, region in plain.items():
        # the same ground; a ring may start at another vertex, or polygons come
        # in another order: the area may differ in its last bits
        assert shapely.equals(fast[cover_type], region), cover_type
        assert fast[cover_type].area == approx(region.area), cover_type


@pytest.mark.parametrize(("count", "seed"), [(400, 7), (1500, 3)])
def test_regions_of_a_varied_park_are_the_plain_overlays_to_the_last_bit(
    count: int, seed: int
) -> None:
    # Strips of cover across rows of buildings, cut by the footprints that
    # cross them (no hole): the same vertices, in the same order.
    project = varied_project(count, 5, seed)
    site = project.site.boundary  # type: ignore[union-attr]
    for scenario in project.scenarios:
        index = FootprintIndex(
            list(scenario.buildings),
            [b.footprint for b in scenario.buildings.values()],
            site,
        )
        covers = list(scenario.cover.values())
        fast = cover_regions(covers, index, site, COEFFICIENTS)
        plain = reference_cover_regions(covers, index, site, COEFFICIENTS)
        assert fast.keys() == plain.keys()
        for cover_type, region in plain.items():
            assert fast[cover_type].equals_exact(region, 0.0), cover_type
            assert fast[cover_type].area == region.area
