"""``FootprintIndex.meeting`` (C21): pairs of shapes within 0 m of each other.

Hand-computed cases (a kept shape, corners and edges touching, a slanted edge
whose box meets but whose shape does not), and the oracle of
``STRtree.query(..., "dwithin", 0.0)`` on a plain tree of the footprints over
rotated shapes touching at corners and along slanted edges, many of whose
boxes meet without their shapes meeting.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely import affinity
from shapely.geometry import Polygon, box

from mixplan.engine.spatial import FootprintIndex


def _pairs(
    index: FootprintIndex, other: FootprintIndex, asked: list[int]
) -> list[tuple[int, int]]:
    which, found = index.meeting(other, asked)
    return list(zip(which.tolist(), found.tolist(), strict=True))


def test_kept_touching_and_apart_shapes() -> None:
    kept = box(0, 0, 10, 10)
    former = FootprintIndex(
        ["k", "c", "e", "f"],
        [kept, box(20, 0, 30, 10), box(40, 0, 50, 10), box(60, 0, 70, 10)],
        None,
    )
    now = FootprintIndex(
        ["k", "corner", "edge", "off"],
        [
            kept,  # the same shape object: meets itself
            box(30, 10, 35, 15),  # touches c at its corner (30, 10)
            box(50, 2, 55, 8),  # touches e along its right edge
            box(70.001, 0, 75, 10),  # 1 mm right of f: its box does not meet
        ],
        None,
    )
    assert _pairs(now, former, [0, 1, 2, 3]) == [(0, 0), (1, 1), (2, 2)]
    # Its box meets f's, its shape does not (f's corner (70, 10) is 1/√2 m
    # from the slanted edge x + y = 81): no pair. Its last corner touches: a pair.
    diagonal = FootprintIndex(["d"], [Polygon([(69, 12), (80, 1), (80, 12)])], None)
    assert _pairs(diagonal, former, [3]) == []
    corner = FootprintIndex(["d"], [Polygon([(70, 10), (80, 1), (80, 12)])], None)
    assert _pairs(corner, former, [3]) == [(0, 0)]


def _slanted(rng: np.random.Generator, n: int) -> list[Polygon]:
    """Rotated rectangles, half of them copies of a neighbour moved to touch it."""
    out: list[Polygon] = []
    for _ in range(n):
        if out and rng.random() < 0.5:
            base = out[int(rng.integers(len(out)))]
            x0, y0, x1, y1 = base.bounds
            # A copy moved by its width along x: edges touch (up to rounding).
            out.append(affinity.translate(base, x1 - x0, float(rng.choice([0, 3]))))
            continue
        x, y = rng.uniform(0, 120, 2)
        shape = box(x, y, x + rng.uniform(3, 15), y + rng.uniform(3, 15))
        out.append(affinity.rotate(shape, float(rng.uniform(0, 90)), origin="centroid"))
    return out


@pytest.mark.parametrize("seed", [41, 42, 43])
def test_meeting_equals_the_dwithin_query(seed: int) -> None:
    rng = np.random.default_rng(seed)
    former_shapes = _slanted(rng, 120)
    # The scenario keeps some former shapes (the same objects) and adds others.
    now_shapes = [s if rng.random() < 0.4 else t for s, t in zip(
        former_shapes, _slanted(rng, 120), strict=True
    )]  # fmt: skip
    former = FootprintIndex([f"b{k}" for k in range(120)], former_shapes, None)
    now = FootprintIndex([f"s{k}" for k in range(120)], now_shapes, None)
    asked = sorted(rng.choice(120, size=70, replace=False).tolist())
    tree = shapely.STRtree(np.array(now_shapes, dtype=object))
    which, found = tree.query(
        np.array(former_shapes, dtype=object)[asked], predicate="dwithin", distance=0.0
    )
    expected = sorted(zip(which.tolist(), found.tolist(), strict=True))
    # Many boxes meet without their shapes meeting: those are decided.
    boxes_only = tree.query(np.array(former_shapes, dtype=object)[asked])[0]
    assert len(boxes_only) > len(expected) + 20
    got = _pairs(now, former, asked)
    assert got == expected
    assert sum(1 for k, j in got if now_shapes[j] is former_shapes[asked[k]]) > 10
    assert len(got) > 40
