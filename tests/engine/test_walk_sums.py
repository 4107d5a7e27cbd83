"""Pairs in the order of the per-building walk, sums in row order (by hand)."""

from __future__ import annotations

import numpy as np
import pytest

from mixplan.engine import walk_sums
from mixplan.engine.columns import _IS_NON_FLOOR, _SDP_COLUMN
from mixplan.engine.walk_sums import pair_sums, sums_by_key


def test_pairs_follow_first_appearance_not_key_order() -> None:
    # building 0 meets column 3, then 1, then 3 again, then 0; building 1 has no
    # row; building 2 meets column 2 twice, then column 1
    owners = np.array([0, 0, 0, 0, 2, 2, 2])
    columns = np.array([3, 1, 3, 0, 2, 2, 1])
    weights = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
    buildings, codes, got = pair_sums(owners, columns, weights, 3, 4)
    assert buildings.tolist() == [0, 0, 0, 2, 2]
    assert codes.tolist() == [3, 1, 0, 2, 1]
    assert got.tolist() == [0.1 + 0.3, 0.2, 0.4, 0.5 + 0.6, 0.7]


def test_pair_sums_add_in_row_order() -> None:
    # 0.1 + 0.2 + 0.3 in that order, not 0.1 + (0.2 + 0.3)
    _, _, got = pair_sums(
        np.array([1, 1, 1]), np.array([0, 0, 0]), np.array([0.1, 0.2, 0.3]), 2, 1
    )
    assert got.tolist() == [(0.1 + 0.2) + 0.3]
    assert got[0] != 0.1 + (0.2 + 0.3)


def test_pairs_of_the_last_owner_and_column() -> None:
    # the last cell of the owner × column space is a pair like any other
    buildings, codes, got = pair_sums(
        np.array([0, 2, 2]), np.array([2, 2, 0]), np.array([1.0, 2.0, 3.0]), 3, 3
    )
    assert buildings.tolist() == [0, 2, 2]
    assert codes.tolist() == [2, 2, 0]
    assert got.tolist() == [1.0, 2.0, 3.0]


def test_no_pairs() -> None:
    empty = np.array([], dtype=np.intp)
    buildings, codes, got = pair_sums(empty, empty, np.zeros(0), 4, 3)
    assert buildings.tolist() == codes.tolist() == got.tolist() == []


def test_sums_add_in_row_order() -> None:
    # 0.1 + 0.2 + 0.3 in that order, not 0.1 + (0.2 + 0.3)
    sums = sums_by_key(np.array([1, 1, 1]), np.array([0.1, 0.2, 0.3]), 2)
    assert sums.tolist() == [0.0, (0.1 + 0.2) + 0.3]
    assert sums[1] != 0.1 + (0.2 + 0.3)


def test_every_floor_area_use_has_an_sdp_column() -> None:
    # the columnar facts sum floor-area allocations into the SDP columns
    assert ((_SDP_COLUMN >= 0) == ~_IS_NON_FLOOR).all()


def _walked(
    owners: np.ndarray, columns: np.ndarray, weights: np.ndarray
) -> list[tuple[int, int, float]]:
    """The pairs as a loop meets them, each summed in row order."""
    sums: dict[tuple[int, int], float] = {}
    for o, c, w in zip(
        owners.tolist(), columns.tolist(), weights.tolist(), strict=True
    ):
        sums[(o, c)] = sums.get((o, c), 0) + w
    return [(o, c, s) for (o, c), s in sums.items()]


@pytest.mark.parametrize("block", [1, 2, 3, 5, 1000])
def test_blocks_of_whole_owners_give_the_loop(
    monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    # owner 1 has 4 rows (more than small blocks), owner 3 none, the cuts fall
    # inside owners and on their edges
    owners = np.array([0, 0, 1, 1, 1, 1, 2, 4, 4, 5])
    columns = np.array([1, 0, 2, 2, 0, 2, 1, 0, 0, 1])
    weights = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])
    monkeypatch.setattr(walk_sums, "PAIR_BLOCK_ROWS", block)
    buildings, codes, got = pair_sums(owners, columns, weights, 6, 3)
    assert list(
        zip(buildings.tolist(), codes.tolist(), got.tolist(), strict=True)
    ) == _walked(owners, columns, weights)
    assert buildings.dtype == codes.dtype == np.intp and got.dtype == np.float64
