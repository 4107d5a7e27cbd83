"""FootprintIndex.near after footprints moved: the same answer as a fresh index.

A derived index (the same buildings, some footprints moved) answers ``near`` from
the previous index's answer plus a query of the moved footprints; the oracle is
a fresh index queried in full.
"""

from __future__ import annotations

import numpy as np
from shapely.geometry import box

from mixplan.engine.spatial import FootprintIndex


def _footprints(rng: np.random.Generator, n: int) -> list:  # type: ignore[type-arg]
    xy = rng.uniform(0, 300, size=(n, 2))
    size = rng.uniform(5, 25, size=(n, 2))
    return [box(x, y, x + w, y + h) for (x, y), (w, h) in zip(xy, size, strict=True)]


def test_near_after_moves_equals_a_fresh_query() -> None:
    rng = np.random.default_rng(7)
    n = 120
    ids = [f"b{k}" for k in range(n)]
    footprints = _footprints(rng, n)
    index = FootprintIndex(ids, footprints, None)
    positions = [3, 17, 40, 41, 99]
    distances = [30.0, 50.0, 10.0, 0.0, 75.0]
    index.near(positions, distances)
    for _ in range(25):
        moved = rng.choice(n, size=int(rng.integers(1, 4)), replace=False)
        # the hazards themselves move too, now and then
        if rng.random() < 0.3:
            moved = np.append(moved, positions[int(rng.integers(len(positions)))])
        footprints = list(footprints)
        for k in moved.tolist():
            x0, y0, x1, y1 = footprints[k].bounds
            dx, dy = rng.uniform(-60, 60, size=2)
            footprints[k] = box(x0 + dx, y0 + dy, x1 + dx, y1 + dy)
        index = index.derive(ids, footprints, None)
        fresh = FootprintIndex(ids, footprints, None)
        assert index.near(positions, distances) == fresh.near(positions, distances)


def test_near_with_other_distances_queries_in_full() -> None:
    ids = ["a", "b", "c"]
    footprints = [box(0, 0, 10, 10), box(20, 0, 30, 10), box(100, 0, 110, 10)]
    index = FootprintIndex(ids, footprints, None)
    assert index.near([0], [10.0]) == [[0, 1]]  # exactly 10 m apart: within
    moved = [footprints[0], footprints[1], box(15, 0, 18, 10)]
    derived = index.derive(ids, moved, None)
    assert derived.near([0], [10.0]) == [[0, 1, 2]]
    assert derived.near([0], [9.99]) == [[0, 2]]
