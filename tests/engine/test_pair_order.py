"""pair_order: the order of (first, second) pairs that lexsort gives, by one key."""

from __future__ import annotations

import numpy as np
import pytest

from mixplan.engine.footprint_tree import pair_order


def test_pairs_sorted_by_first_then_second_ties_in_place() -> None:
    # By hand: (0, 3) twice (positions 1 and 3, kept in that order), (2, 0),
    # (2, 1), and the largest second, count - 1.
    first = np.array([2, 0, 2, 0, 2])
    second = np.array([1, 3, 0, 3, 4])
    assert pair_order(first, second, 5).tolist() == [1, 3, 2, 0, 4]


@pytest.mark.parametrize("seed", range(6))
def test_the_same_order_as_lexsort_on_random_pairs(seed: int) -> None:
    rng = np.random.default_rng(seed)
    count = int(rng.integers(1, 300_000))
    size = int(rng.integers(0, 5_000))
    first = rng.integers(0, count, size)
    # Many duplicates: a few distinct seconds.
    second = (
        rng.integers(0, min(count, 7), size)
        if seed % 2
        else rng.integers(0, count, size)
    )
    expected = np.lexsort((second, first))
    assert pair_order(first, second, count).tolist() == expected.tolist()


def test_positions_beyond_the_int32_range_of_their_product() -> None:
    # first × count overflows 32 bits: the key is made in 64.
    first = np.array([70_000, 69_999], dtype=np.int32)
    second = np.array([5, 99_999], dtype=np.int32)
    assert pair_order(first, second, 100_000).tolist() == [1, 0]
