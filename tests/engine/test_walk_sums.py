"""Pairs in the order of the per-building walk, sums in row order (by hand)."""

from __future__ import annotations

import numpy as np

from mixplan.engine.walk_sums import pairs_in_walk_order, sums_by_key


def test_pairs_follow_first_appearance_not_key_order() -> None:
    uses = 4
    # building 0 meets use 3, then 1, then 3 again, then 0; building 1 has no
    # row; building 2 meets use 2 twice, then use 1
    keys = np.array([3, 1, 3, 0, 2 * uses + 2, 2 * uses + 2, 2 * uses + 1])
    values = np.arange(3 * uses, dtype=float) / 10
    buildings, codes, got = pairs_in_walk_order(keys, values, uses)
    assert buildings.tolist() == [0, 0, 0, 2, 2]
    assert codes.tolist() == [3, 1, 0, 2, 1]
    assert got.tolist() == [0.3, 0.1, 0.0, 1.0, 0.9]


def test_no_pairs() -> None:
    buildings, codes, got = pairs_in_walk_order(
        np.array([], dtype=np.intp), np.zeros(8), 4
    )
    assert buildings.tolist() == codes.tolist() == got.tolist() == []


def test_sums_add_in_row_order() -> None:
    # 0.1 + 0.2 + 0.3 in that order, not 0.1 + (0.2 + 0.3)
    sums = sums_by_key(np.array([1, 1, 1]), np.array([0.1, 0.2, 0.3]), 2)
    assert sums.tolist() == [0.0, (0.1 + 0.2) + 0.3]
    assert sums[1] != 0.1 + (0.2 + 0.3)
