"""C05's neighbour pairs, each footprint queried at its own radius, and boundary gaps.

A pair of footprints is needed when they are closer than the larger of their
two radii: the footprint with the larger radius finds it. The oracles are hand
computed distances between boxes and a brute-force distance between every two
footprints; boundaries (exactly at the radius) are included, as ``dwithin``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box

from mixplan.engine.spatial import FootprintIndex


def _pairs(index: FootprintIndex, radii: list[float]) -> dict[tuple[str, str], float]:
    """The index's pairs within the larger radius of the two, by ids."""
    r = np.asarray(radii, dtype=float)
    i, j, d = index.neighbour_pairs(r)
    assert (i < j).all()
    assert np.array_equal(np.lexsort((j, i)), np.arange(len(i)))  # (i, j) order
    close = d <= np.maximum(r[i], r[j])
    return {
        (index.ids[a], index.ids[b]): dist
        for a, b, dist in zip(
            i[close].tolist(), j[close].tolist(), d[close].tolist(), strict=True
        )
    }


def test_each_pair_is_found_by_the_footprint_with_the_larger_radius() -> None:
    ids = ["a", "b", "c", "d", "e"]
    footprints = [
        box(0, 0, 10, 10),  # a, radius 5
        box(15, 0, 20, 10),  # b: 5 m right of a (exactly a's radius), radius 1
        box(-5.5, 0, -1, 10),  # c: 1 m left of a, radius 0.5: a finds it
        box(0, 15.5, 10, 20),  # d: 5.5 m above a (beyond 5), radius 1
        box(13, 13, 16, 16),  # e: 3 m right and above a's corner (4.243 m)
    ]
    index = FootprintIndex(ids, footprints, None)
    # e (radius 4) is 3 m above b and 3 m right of d: it finds both; a (radius
    # 5) finds e's corner at √18 = 4.243 m; b-c, c-d, a-d (5.5 m) are too far.
    got = _pairs(index, [5.0, 1.0, 0.5, 1.0, 4.0])
    assert got == {
        ("a", "b"): 5.0,
        ("a", "c"): 1.0,
        ("a", "e"): math.sqrt(18),
        ("b", "e"): 3.0,
        ("d", "e"): 3.0,
    }
    # e lower (radius 2.99): b and d are 3 m away, beyond both radii.
    lower = FootprintIndex(ids, footprints, None)
    assert set(_pairs(lower, [5.0, 1.0, 0.5, 1.0, 2.99])) == {
        ("a", "b"),
        ("a", "c"),
        ("a", "e"),
    }


def test_a_corner_beyond_both_radii_is_not_a_pair_and_then_is() -> None:
    # Two boxes whose corners are 3 m apart along x and y: √18 = 4.2426 m; their
    # bounding boxes widened by 4.24 overlap, the footprints are not that close.
    ids = ["a", "b"]
    index = FootprintIndex(ids, [box(0, 0, 10, 10), box(13, 13, 20, 20)], None)
    assert _pairs(index, [4.24, 1.0]) == {}
    assert _pairs(index, [4.24, 4.25]) == {("a", "b"): math.sqrt(18)}


def test_a_building_whose_radius_grows_finds_its_new_neighbours() -> None:
    ids = ["a", "b", "c"]
    footprints = [box(0, 0, 10, 10), box(15.5, 0, 20, 10), box(0, 17, 10, 20)]
    index = FootprintIndex(ids, footprints, None)
    # a (radius 5) does not reach b (5.5 m) nor c (7 m).
    assert _pairs(index, [5.0, 1.0, 1.0]) == {}
    # b grows taller: its radius 5.5 reaches a exactly; c still too far.
    assert _pairs(index, [5.0, 5.5, 1.0]) == {("a", "b"): 5.5}
    # c grows to 6.99 (not 7 m), then to 7.
    assert _pairs(index, [5.0, 5.5, 6.99]) == {("a", "b"): 5.5}
    assert _pairs(index, [5.0, 5.5, 7.0]) == {("a", "b"): 5.5, ("a", "c"): 7.0}
    # Radii shrink again: the pairs known stay, the callers compare distances.
    assert _pairs(index, [5.0, 1.0, 1.0]) == {}


def test_a_moved_footprint_reaches_as_far_as_its_unmoved_neighbours_looked() -> None:
    # a (radius 8) queried before b moved: b, radius 1, comes 7 m from a. Its
    # own radius would not find a; it is looked for at 8 m, as far as a looked.
    ids = ["a", "b"]
    index = FootprintIndex(ids, [box(0, 0, 10, 10), box(50, 0, 60, 10)], None)
    assert _pairs(index, [8.0, 1.0]) == {}
    moved = index.derive(ids, [index.footprints[0], box(17, 0, 27, 10)], None)
    assert _pairs(moved, [8.0, 1.0]) == {("a", "b"): 7.0}
    # b moves again, 8.5 m away: beyond a's 8 m, no pair; at 8 m, one.
    away = moved.derive(ids, [index.footprints[0], box(18.5, 0, 27, 10)], None)
    assert _pairs(away, [8.0, 1.0]) == {}
    back = away.derive(ids, [index.footprints[0], box(18, 0, 27, 10)], None)
    assert _pairs(back, [8.0, 1.0]) == {("a", "b"): 8.0}


def _random_footprints(rng: np.random.Generator, n: int) -> list[Polygon]:
    out: list[Polygon] = []
    for x, y in rng.uniform(0, 250, size=(n, 2)):
        w, h = rng.uniform(4, 25, size=2)
        shape = box(x, y, x + w, y + h)
        if rng.random() < 0.4:  # an L shape
            shape = shape.difference(box(x + w / 2, y + h / 2, x + w + 1, y + h + 1))
        out.append(shape)
    return out


@pytest.mark.parametrize(
    ("seed", "n"),
    # (candidates from the footprint tree, as the rules ask it; 400: a larger tree)
    [(21, 150), (22, 150), (23, 150), (24, 400)],
)
def test_pairs_at_each_own_radius_equal_brute_force(seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    ids = [f"b{k}" for k in range(n)]
    footprints = _random_footprints(rng, n)
    # Radii from 0.5 to 40 m: most pairs are found by one side only.
    radii = np.exp(rng.uniform(np.log(0.5), np.log(40), n))
    index = FootprintIndex(ids, footprints, None)
    for step in range(4):
        geoms = np.array(footprints, dtype=object)
        d = shapely.distance(geoms[:, None], geoms[None, :])
        reach = np.maximum(radii[:, None], radii[None, :])
        a, b = np.nonzero(np.triu(d <= reach, k=1))
        expected = {
            (ids[x], ids[y]): float(shapely.distance(geoms[y], geoms[x]))
            for x, y in zip(a.tolist(), b.tolist(), strict=True)
        }
        assert len(expected) > 100
        assert _pairs(index, radii.tolist()) == expected, f"step {step}"
        # Some buildings grow taller (their radius too), others lower.
        radii = radii * rng.choice([0.7, 1.0, 1.6], size=n)


def test_boundary_gaps_beyond_within_are_not_measured() -> None:
    site = box(0, 0, 100, 100)
    footprints = [
        box(3, 40, 10, 50),  # 3 m from the left edge
        box(40, 40, 50, 50),  # 40 m from every edge
        box(80, 80, 95, 95),  # 5 m from the top and right edges
        box(95, 10, 105, 20),  # across the right edge: 0
    ]
    index = FootprintIndex(["a", "b", "c", "d"], footprints, site)
    everyone = np.arange(4)
    got = index.boundary_distance(everyone, within=5.0)
    assert got.tolist() == [3.0, np.inf, 5.0, 0.0]
    # Measured in full once asked without a bound (b was left unmeasured).
    assert index.boundary_distance(everyone).tolist() == [3.0, 40.0, 5.0, 0.0]
    assert index.boundary_distance(everyone, within=5.0).tolist() == [
        3.0, 40.0, 5.0, 0.0,
    ]  # fmt: skip
    # Within 4.99 of a fresh index: c (5 m) is not measured either.
    fresh = FootprintIndex(["a", "b", "c", "d"], footprints, site)
    assert fresh.boundary_distance(everyone, within=4.99).tolist() == [
        3.0, np.inf, np.inf, 0.0,
    ]  # fmt: skip
    assert FootprintIndex(["a"], footprints[:1], None).boundary_distance(
        np.arange(1), within=5.0
    ).tolist() == [np.inf]


@pytest.mark.parametrize("seed", [31, 32])
def test_boundary_gaps_within_equal_full_measures(seed: int) -> None:
    rng = np.random.default_rng(seed)
    # A site with a slanted edge and a hole (a courtyard kept out of the site).
    site = shapely.Polygon(
        [(0, 0), (260, 0), (260, 150), (120, 260), (0, 260)],
        [[(100, 100), (140, 100), (140, 140), (100, 140)]],
    )
    footprints = _random_footprints(rng, 120)
    full = FootprintIndex([f"b{k}" for k in range(120)], footprints, site)
    expected = shapely.distance(np.array(footprints, dtype=object), site.boundary)
    assert full.boundary_distance(np.arange(120)).tolist() == expected.tolist()
    for within in (0.0, 2.5, 12.0, 30.0):
        index = FootprintIndex([f"b{k}" for k in range(120)], footprints, site)
        got = index.boundary_distance(np.arange(120), within=within)
        measured = np.isfinite(got)
        assert (expected[~measured] > within).all()
        assert got[measured].tolist() == expected[measured].tolist()
        assert (expected[expected <= within] == got[expected <= within]).all()


def _wanted_pairs(
    index: FootprintIndex, radii: np.ndarray, wanted: np.ndarray
) -> dict[tuple[str, str], float]:
    """The index's pairs with a wanted footprint, within the larger radius."""
    i, j, d = index.neighbour_pairs(radii, wanted=wanted)
    assert (i < j).all()
    assert np.array_equal(np.lexsort((j, i)), np.arange(len(i)))
    close = (d <= np.maximum(radii[i], radii[j])) & (wanted[i] | wanted[j])
    return {
        (index.ids[a], index.ids[b]): dist
        for a, b, dist in zip(
            i[close].tolist(), j[close].tolist(), d[close].tolist(), strict=True
        )
    }


def test_pairs_of_footprints_not_wanted_are_left_until_one_is() -> None:
    ids = ["a", "b", "c"]
    # b is 3 m right of a, c 2 m right of b.
    footprints = [box(0, 0, 10, 10), box(13, 0, 20, 10), box(22, 0, 30, 10)]
    index = FootprintIndex(ids, footprints, None)
    radii = np.array([1.0, 5.0, 1.0])
    only_a = np.array([True, False, False])
    i, j, d = index.neighbour_pairs(radii, wanted=only_a)
    # b's query finds a (wanted) and c (not wanted: not measured).
    assert (i.tolist(), j.tolist(), d.tolist()) == ([0], [1], [3.0])
    # c is wanted now (an edit altered it): b, which will not look again, had
    # dropped it; c looks as far as b did (5 m) and finds it, 2 m away.
    a_and_c = np.array([True, False, True])
    assert _wanted_pairs(index, radii, a_and_c) == {("a", "b"): 3.0, ("b", "c"): 2.0}
    # Everyone wanted on a new index: the same pairs, each at its own radius.
    fresh = FootprintIndex(ids, footprints, None)
    assert _wanted_pairs(fresh, radii, np.ones(3, dtype=bool)) == {
        ("a", "b"): 3.0,
        ("b", "c"): 2.0,
    }


@pytest.mark.parametrize("seed", [51, 52, 53])
def test_wanted_pairs_after_edits_equal_brute_force(seed: int) -> None:
    """Moves, radii growing or shrinking, buildings wanted or not, as C05 asks."""
    rng = np.random.default_rng(seed)
    n = 90
    ids = [f"b{k}" for k in range(n)]
    footprints = _random_footprints(rng, n)
    radii = np.exp(rng.uniform(np.log(0.5), np.log(30), n))
    wanted = rng.random(n) < 0.5
    index = FootprintIndex(ids, footprints, None)
    checked = 0
    for _ in range(25):
        step = rng.random()
        if step < 0.4:
            footprints = list(footprints)
            for k in rng.choice(n, size=int(rng.integers(1, 4)), replace=False):
                x0, y0, _, _ = footprints[int(k)].bounds
                dx, dy = rng.uniform(-30, 30, size=2)
                footprints[int(k)] = shapely.affinity.translate(
                    footprints[int(k)], dx, dy
                )
            index = index.derive(ids, footprints, None)
        elif step < 0.7:
            flip = rng.choice(n, size=int(rng.integers(1, 6)), replace=False)
            wanted = wanted.copy()
            wanted[flip] = ~wanted[flip]
        else:
            radii = radii * rng.choice([0.6, 1.0, 1.7], size=n)
        geoms = np.array(footprints, dtype=object)
        d = shapely.distance(geoms[:, None], geoms[None, :])
        close = d <= np.maximum(radii[:, None], radii[None, :])
        close &= wanted[:, None] | wanted[None, :]
        a, b = np.nonzero(np.triu(close, k=1))
        expected = {
            (ids[x], ids[y]): float(shapely.distance(geoms[y], geoms[x]))
            for x, y in zip(a.tolist(), b.tolist(), strict=True)
        }
        assert _wanted_pairs(index, radii, wanted) == expected
        checked += len(expected)
    assert checked > 500
