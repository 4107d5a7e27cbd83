"""A footprint's distance to the site boundary, measured to the segments near it,
is the plain distance to the whole boundary to the last bit."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from shapely import STRtree
from shapely.geometry import Polygon, box

from mixplan.engine.site_edge import SiteEdge
from mixplan.engine.spatial import FootprintIndex


def _wavy_site() -> Polygon:
    # 600 vertices, a wave of 6 m along each side of a 1 km square
    t = np.linspace(0, 1, 150, endpoint=False)
    wave = 6 * np.sin(t * 2 * math.pi * 12)
    ring = np.r_[
        np.c_[t * 1000, wave],
        np.c_[1000 + wave, t * 1000],
        np.c_[1000 - t * 1000, 1000 + wave],
        np.c_[wave, 1000 - t * 1000],
    ]
    return Polygon(np.round(ring, 3))


def _footprints(count: int, seed: int) -> np.ndarray:
    """Rotated rectangles anywhere in and around the site, many near its edge."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-30, 1030, (count, 2))
    edge = rng.random(count) < 0.5
    centres[edge, 0] = rng.choice([0.0, 1000.0], int(edge.sum())) + rng.normal(
        0, 15, int(edge.sum())
    )
    shapes = [
        shapely.affinity.rotate(
            box(x - w / 2, y - h / 2, x + w / 2, y + h / 2), angle, origin=(x, y)
        )
        for (x, y), w, h, angle in zip(
            centres,
            rng.uniform(4, 30, count),
            rng.uniform(4, 30, count),
            rng.uniform(0, 90, count),
            strict=True,
        )
    ]
    return np.array(shapes, dtype=object)


def test_hand_computed_distances_near_and_beyond_the_reach() -> None:
    # A 100 m square: 10 m inside, crossing the edge (0), 40 m inside (beyond
    # the reach of 20 m: measured to the whole boundary), 5 m outside.
    edge = SiteEdge(box(0, 0, 100, 100))
    feet = np.array(
        [
            box(10, 10, 20, 20),
            box(95, 10, 105, 20),
            box(40, 40, 60, 60),
            box(-15, 50, -5, 60),
        ]
        * 20,
        dtype=object,
    )
    gaps = edge.distances(feet, shapely.bounds(feet), 20.0)
    assert gaps[:4].tolist() == [10.0, 0.0, 40.0, 5.0]
    near = edge.near(STRtree(feet), len(feet), 0.0)
    assert near[:4].tolist() == [False, True, False, False]


def test_the_plain_distance_to_the_last_bit_on_a_wavy_boundary() -> None:
    site = _wavy_site()
    edge = SiteEdge(site)
    boundary = shapely.boundary(site)
    for seed in range(3):
        feet = _footprints(400, seed)
        plain = shapely.distance(feet, boundary)
        for within in (0.5, 5.0, 25.0):
            gaps = edge.distances(feet, shapely.bounds(feet), within)
            assert gaps.tobytes() == plain.tobytes(), (seed, within)
        assert (plain == 0).any() and (plain > 25).any()


def test_the_index_measures_what_the_plain_distance_gives() -> None:
    site = _wavy_site()
    feet = _footprints(300, 7)
    index = FootprintIndex([f"b{k}" for k in range(300)], list(feet), site)
    positions = np.arange(300)
    gaps = index.boundary_distance(positions, within=12.0)
    plain = shapely.distance(feet, shapely.boundary(site))
    near = np.isfinite(gaps)
    assert (plain[~near] > 12.0).all()
    assert gaps[near].tobytes() == plain[near].tobytes()
    # measured once: asked again further, the same numbers
    again = index.boundary_distance(positions)
    assert again.tobytes() == plain.tobytes()


def test_the_site_contains_what_the_plain_predicate_says() -> None:
    # The wavy site's core, an L-shaped site whose envelope's centre is
    # outside it (no core), and footprints on the core's very edge or empty.
    wavy = _wavy_site()
    ell = Polygon([(0, 0), (1000, 0), (1000, 100), (100, 100), (100, 1000), (0, 1000)])
    for site in (wavy, ell):
        edge = SiteEdge(site)
        x0, y0, x1, y1 = edge.core
        feet = list(_footprints(300, 3))
        if not np.isnan(x0):
            feet += [box(x0, y0, x0 + 10, y0 + 10), box(x1 - 10, y1 - 10, x1, y1)]
        feet.append(Polygon())
        array = np.array(feet, dtype=object)
        inside = edge.contains(array, shapely.bounds(array))
        assert inside.tolist() == shapely.contains(site, array).tolist()
        assert inside.any() and not inside.all()
    assert np.isnan(SiteEdge(ell).core[0])


def test_a_footprint_in_the_core_is_not_asked_of_geos(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A 1 km square site (its core: itself) and 100 footprints inside it, one
    # of them across its edge (half inside: 50 of 100 m²).
    site = box(0, 0, 1000, 1000)
    feet = [box(10.0 * k, 500, 10.0 * k + 5, 510) for k in range(99)]
    feet.append(box(995, 0, 1005, 10))
    asked: list[int] = []
    real = shapely.contains

    def counted(a, b, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(b, np.ndarray):  # (not the core's own test, a box)
            asked.append(len(b))
        return real(a, b, **kwargs)

    monkeypatch.setattr(shapely, "contains", counted)
    index = FootprintIndex([f"b{k}" for k in range(100)], feet, site)
    assert index.in_site_areas.tolist() == [50.0] * 99 + [50.0]
    assert sum(asked) == 1  # the one across the edge
