"""Boxes that meet, found through a grid: the pairs an STRtree of the boxes gives.

The oracle is shapely's STRtree asked without a predicate (it compares
envelopes), the boxes made polygons; cases by hand for touching edges and
corners, empty boxes and boxes that are points or lines.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from mixplan.engine import box_join as module
from mixplan.engine.box_join import meeting_pairs


def _pairs(found: tuple[np.ndarray, np.ndarray]) -> list[tuple[int, int]]:
    return sorted(zip(*(a.tolist() for a in found), strict=True))


def _tree_pairs(queries: np.ndarray, boxes: np.ndarray) -> list[tuple[int, int]]:
    tree = shapely.STRtree(shapely.box(*boxes.T))
    return _pairs(tree.query(shapely.box(*queries.T)))


def test_boxes_meet_when_they_share_a_point() -> None:
    first = np.array([[0.0, 0, 10, 10]])
    second = np.array(
        [
            [10.0, 0, 20, 10],  # 0: shares the edge x = 10
            [10.0, 10, 20, 20],  # 1: shares the corner (10, 10)
            [10.000001, 0, 20, 10],  # 2: 1 µm to the right
            [2.0, 2, 3, 3],  # 3: inside
            [5.0, 5, 5, 5],  # 4: a point inside
            [-5.0, 10, 15, 10],  # 5: a line along the top edge
            [-5.0, 10.000001, 15, 12],  # 6: 1 µm above
        ]
    )
    bounds = tuple(np.concatenate([first, second]).T)
    found = module._meeting(bounds, np.zeros(7, np.intp), np.arange(1, 8))
    assert _pairs((found[0], found[1] - 1)) == [(0, 0), (0, 1), (0, 3), (0, 4), (0, 5)]
    assert _pairs((found[0], found[1] - 1)) == _tree_pairs(first, second)


def _grid_boxes(rng: np.random.Generator, n: int, scale: float) -> np.ndarray:
    # Corners on a lattice of quarter units: edges and corners often touch.
    x = 652_000.0 + rng.integers(0, 120, n) * scale / 4
    y = 6_862_000.0 + rng.integers(0, 120, n) * scale / 4
    w = rng.integers(0, 14, n) * scale / 4
    h = rng.integers(0, 14, n) * scale / 4
    big = rng.random(n) < 0.03  # a few long boxes across many cells
    w = np.where(big, w * 30, w)
    return np.column_stack([x, y, x + w, y + h])


def _tree_pairs_apart(boxes: np.ndarray) -> list[tuple[int, int]]:
    return [(i, j) for i, j in _tree_pairs(boxes, boxes) if i != j]


@pytest.mark.parametrize("seed", [11, 12])
def test_meeting_pairs_are_a_trees_pairs_of_two_boxes(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for scale in (1e-3, 1.0, 1000.0):
        # corners on a lattice of quarter units, sides up to 13 of them
        x = 652_000.0 + rng.integers(0, 300, 800) * scale / 4
        y = 6_862_000.0 + rng.integers(0, 300, 800) * scale / 4
        w, h = rng.integers(0, 14, (2, 800)) * scale / 4
        boxes = np.column_stack([x, y, x + w, y + h])
        found = meeting_pairs(boxes)
        assert found is not None  # the grid answered
        expected = _tree_pairs_apart(boxes)
        assert len(expected) > 800
        assert _pairs(found) == expected


def test_boxes_unfit_for_meeting_pairs_are_left_to_the_tree() -> None:
    rng = np.random.default_rng(13)
    boxes = _grid_boxes(rng, 300, 1.0)
    assert meeting_pairs(boxes[:63]) is None  # too few to be worth it
    nan = boxes.copy()
    nan[5] = np.nan
    assert meeting_pairs(nan) is None
    huge = boxes.copy()
    huge[7] = [652_000.0, 6_862_000, 652_030, 6_862_030]  # as large as the park
    assert meeting_pairs(huge) is None


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 30), st.integers(0, 30), st.integers(0, 6), st.integers(0, 6)
        ),
        min_size=64,
        max_size=300,
    )
)
def test_meeting_pairs_of_any_boxes(corners: list[tuple[int, int, int, int]]) -> None:
    boxes = np.array([[x, y, x + w, y + h] for x, y, w, h in corners], dtype=float)
    found = meeting_pairs(boxes)
    if found is not None:
        assert _pairs(found) == _tree_pairs_apart(boxes)
