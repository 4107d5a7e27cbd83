"""Neighbour pairs (C05) and the kept tree after footprints moved.

A derived index (some footprints moved, buildings added or removed) keeps the
previous index's neighbour pairs between unmoved footprints and queries the
moved ones, and keeps its predecessor's tree while few footprints moved. The
oracle is a fresh index over the same footprints, queried in full (and, for the
pairs, brute-force distances between every two footprints), and a fresh STRtree.
A mutant that keeps the moved footprints' old pairs, and one whose kept tree
answers for stale footprints, must be caught.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box

import mixplan.engine.spatial as spatial
from mixplan.engine.footprint_tree import KeptTree
from mixplan.engine.spatial import FootprintIndex


def _footprints(rng: np.random.Generator, n: int) -> list[Polygon]:
    xy = rng.uniform(0, 300, size=(n, 2))
    size = rng.uniform(5, 25, size=(n, 2))
    return [box(x, y, x + w, y + h) for (x, y), (w, h) in zip(xy, size, strict=True)]


def _moved(rng: np.random.Generator, footprints: list[Polygon], k: int) -> Polygon:
    x0, y0, x1, y1 = footprints[k].bounds
    dx, dy = rng.uniform(-40, 40, size=2)
    return box(x0 + dx, y0 + dy, x1 + dx, y1 + dy)


def _close_pairs(
    index: FootprintIndex, radii: np.ndarray
) -> dict[tuple[str, str], float]:
    """Pairs within the larger of both radii, by ids, with their distances."""
    i, j, d = index.neighbour_pairs(radii)
    assert (i < j).all()
    assert np.array_equal(np.lexsort((j, i)), np.arange(len(i)))  # (i, j) order
    close = d <= np.maximum(radii[i], radii[j])
    return {
        (index.ids[a], index.ids[b]): dist
        for a, b, dist in zip(
            i[close].tolist(), j[close].tolist(), d[close].tolist(), strict=True
        )
    }


def _brute_pairs(
    ids: list[str], footprints: list[Polygon], radii: np.ndarray
) -> set[tuple[str, str]]:
    geoms = np.array(footprints, dtype=object)
    d = shapely.distance(geoms[:, None], geoms[None, :])
    reach = np.maximum(radii[:, None], radii[None, :])
    a, b = np.nonzero(np.triu(d <= reach, k=1))
    return {(ids[x], ids[y]) for x, y in zip(a.tolist(), b.tolist(), strict=True)}


def _pair_session(seed: int) -> int:
    """Random steps; after each, the derived index's pairs are a fresh index's.

    Steps: footprints moved (the same buildings), a building added or
    removed, radii grown or shrunk; each index is asked for its pairs before
    the next is derived from it (as C05 asks). Returns the steps checked.
    """
    rng = np.random.default_rng(seed)
    n = 80
    ids = [f"b{k}" for k in range(n)]
    footprints = _footprints(rng, n)
    radii = rng.uniform(2, 15, size=n)
    index = FootprintIndex(ids, footprints, None)
    index.neighbour_pairs(radii)
    serial = n
    steps = 0
    for _ in range(30):
        step = rng.random()
        if step < 0.6:
            footprints = list(footprints)
            for k in rng.choice(len(ids), size=int(rng.integers(1, 4)), replace=False):
                footprints[int(k)] = _moved(rng, footprints, int(k))
        elif step < 0.75:
            ids = [*ids, f"b{serial}"]
            footprints = [*footprints, *_footprints(rng, 1)]
            radii = np.append(radii, rng.uniform(2, 15))
            serial += 1
        elif step < 0.9:
            gone = int(rng.integers(len(ids)))
            ids = ids[:gone] + ids[gone + 1 :]
            footprints = footprints[:gone] + footprints[gone + 1 :]
            radii = np.delete(radii, gone)
        else:
            radii = radii * rng.uniform(0.5, 2.0, size=len(radii))
        index = index.derive(ids, footprints, None)
        assert _close_pairs(index, radii) == _close_pairs(
            FootprintIndex(ids, footprints, None), radii
        ), "the derived index's pairs differ from a fresh index's"
        assert set(_close_pairs(index, radii)) == _brute_pairs(ids, footprints, radii)
        steps += 1
    return steps


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_neighbour_pairs_after_moves_equal_a_fresh_index(seed: int) -> None:
    assert _pair_session(seed) == 30


def test_a_moved_footprint_drops_its_old_pairs_and_finds_new_ones() -> None:
    ids = ["a", "b", "c"]
    footprints = [box(0, 0, 10, 10), box(14, 0, 20, 10), box(100, 0, 110, 10)]
    radii = np.array([6.0, 1.0, 1.0])
    index = FootprintIndex(ids, footprints, None)
    i, j, d = index.neighbour_pairs(radii)  # a sees b at 4 m
    assert (i.tolist(), j.tolist(), d.tolist()) == ([0], [1], [4.0])
    # b moves 1 m away: its old pair goes; queried with the widest radius
    # (a's query never saw it there), it finds a at 5 m.
    moved = index.derive(ids, [footprints[0], box(15, 0, 20, 10), footprints[2]], None)
    i, j, d = moved.neighbour_pairs(radii)
    assert (i.tolist(), j.tolist(), d.tolist()) == ([0], [1], [5.0])
    # b moves 7 m away (beyond 6 m): no pair; c comes 1 m from a, in (i, j) order.
    away = moved.derive(
        ids, [footprints[0], box(17, 0, 20, 10), box(-3, 0, -1, 5)], None
    )
    i, j, d = away.neighbour_pairs(radii)
    assert (i.tolist(), j.tolist(), d.tolist()) == ([0], [2], [1.0])


def test_a_pairs_distance_is_measured_one_way_whoever_asked() -> None:
    rng = np.random.default_rng(11)
    ids = [f"b{k}" for k in range(60)]
    footprints = [
        shapely.Polygon(rng.uniform(0, 200, 2) + rng.uniform(-9, 9, (5, 2))).convex_hull
        for _ in ids
    ]
    index = FootprintIndex(ids, footprints, None)
    i, j, d = index.neighbour_pairs(rng.uniform(5, 40, len(ids)))
    assert len(i) > 20
    expected = shapely.distance(index.geoms[j], index.geoms[i])
    assert d.tolist() == np.asarray(expected).tolist()


def test_a_mutant_keeping_the_moved_footprints_old_pairs_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def keep_all(pairs, old_count, kept_from, same):  # type: ignore[no-untyped-def]
        # Mutant: when only footprints moved (the same count), their pairs stay
        # as they were measured.
        if old_count == len(same):
            return pairs
        return real(pairs, old_count, kept_from, same)

    real = spatial._pairs_kept
    monkeypatch.setattr(spatial, "_pairs_kept", keep_all)
    with pytest.raises(AssertionError, match="differ from a fresh"):
        for seed in (1, 2, 3):
            _pair_session(seed)


def _tree_session(seed: int) -> int:
    """Random moves; the kept tree answers as a tree of the current footprints.

    Returns how many of the derived indexes reused an earlier tree.
    """
    rng = np.random.default_rng(seed)
    n = 150
    ids = [f"b{k}" for k in range(n)]
    footprints = _footprints(rng, n)
    index = FootprintIndex(ids, footprints, None)
    reused = 0
    for _ in range(40):
        footprints = list(footprints)
        for k in rng.choice(n, size=int(rng.integers(1, 5)), replace=False):
            footprints[int(k)] = _moved(rng, footprints, int(k))
        index = index.derive(ids, footprints, None)
        reused += index._tree.whole is None
        fresh = shapely.STRtree(np.array(footprints, dtype=object))
        probes = np.array(_footprints(rng, 12) + footprints[:5], dtype=object)
        distances = rng.uniform(0, 30, len(probes))
        for predicate, distance in (
            (None, None),
            ("intersects", None),
            ("dwithin", distances),
        ):
            got = index._tree.query(probes, predicate=predicate, distance=distance)
            want = fresh.query(probes, predicate=predicate, distance=distance)
            assert sorted(zip(*(a.tolist() for a in got), strict=True)) == sorted(
                zip(*(a.tolist() for a in want), strict=True)
            ), f"the kept tree answers {predicate} otherwise"
        assert index.within(footprints[3], 12.5) == sorted(
            fresh.query(footprints[3], predicate="dwithin", distance=12.5).tolist()
        )
    return reused


@pytest.mark.parametrize("seed", [7, 8])
def test_a_kept_tree_answers_as_a_fresh_one(seed: int) -> None:
    # 40 steps of 1-4 moves: the tree is kept until 32 moved, then rebuilt.
    reused = _tree_session(seed)
    assert 20 < reused < 40


def test_a_mutant_tree_answering_for_stale_footprints_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def stale(self, geoms, predicate=None, distance=None):  # type: ignore[no-untyped-def]
        # Mutant: the kept tree's answers for moved footprints are not dropped.
        which, found = self._base.query(geoms, predicate=predicate, distance=distance)
        if self._moved_tree is None:
            return which, found
        more, moved = self._moved_tree.query(
            geoms, predicate=predicate, distance=distance
        )
        return (
            np.concatenate((which, more)),
            np.concatenate((found, self._moved[moved])),
        )

    monkeypatch.setattr(KeptTree, "query", stale)
    with pytest.raises(AssertionError, match="kept tree answers"):
        _tree_session(7)


def test_moved_geoms_are_the_new_and_old_shapes_of_what_changed() -> None:
    a, b, c = box(0, 0, 10, 10), box(20, 0, 30, 10), box(40, 0, 50, 10)
    cold = FootprintIndex(["a", "b", "c"], [a, b, c], None)
    assert cold.moved_geoms == [a, b, c]  # a cold index: everything appeared
    b2 = box(21, 0, 31, 10)
    moved = cold.derive(["a", "b", "c"], [a, b2, c], None)
    assert moved.moved_geoms == [b2, b]  # b's new shape, then its old one
    assert moved.derive(["a", "b", "c"], [a, b2, c], None).moved_geoms == []
    d = box(60, 0, 70, 10)
    # c demolished, d built: d's shape (new), then c's (gone)
    rebuilt = moved.derive(["a", "b", "d"], [a, b2, d], None)
    assert [g.bounds for g in rebuilt.moved_geoms] == [d.bounds, c.bounds]
