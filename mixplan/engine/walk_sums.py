"""Sums over rows that give the very doubles of the per-building walk.

:func:`~mixplan.engine.facts.building_facts` adds a building's figures level by
level, allocation by allocation. Floating-point addition is not associative, so
the columnar facts add the same numbers in the same order: ``np.bincount`` adds
each key's weights in array order, and rows are in building, level, allocation
order. Per-use dictionaries keep the order in which the walk first meets a use.

Pairs (building, use) are numbered as the walk meets them, so their sums need
no array of every building × every use: at 100,000 buildings such an array is
tens of megabytes of fresh pages, which cost more to touch than the sums.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["pair_sums", "sums_by_key"]


def sums_by_key(
    keys: NDArray[np.intp], weights: NDArray[np.float64], size: int
) -> NDArray[np.float64]:
    """Weights added up by key, each key's in array order (as a loop would).

    Examples
    --------
    >>> sums_by_key(np.array([0, 2, 0]), np.array([0.1, 5.0, 0.2]), 3).tolist()
    [0.30000000000000004, 0.0, 5.0]
    """
    return np.bincount(keys, weights, minlength=size).astype(float, copy=False)


def pair_sums(
    owners: NDArray[np.intp],
    columns: NDArray[np.intp],
    weights: NDArray[np.float64],
    count: int,
    width: int,
) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
    """Weights added up by (owner, column) pair, the pairs in the walk's order.

    ``owners`` (in ``[0, count)``) never decrease from a row to the next;
    ``columns`` are in ``[0, width)``. Returns the owner, column and sum of each
    pair present, the pairs in the order of the rows where each first appears
    (a building's walk meets its uses in that order); each pair's weights are
    added in row order.

    Examples
    --------
    Owner 0 meets column 2 before column 1 (and column 2 again); owner 2 meets
    column 0:

    >>> owners, columns = np.array([0, 0, 0, 2]), np.array([2, 1, 2, 0])
    >>> weights = np.array([0.1, 5.0, 0.2, 1.0])
    >>> [a.tolist() for a in pair_sums(owners, columns, weights, 3, 3)]
    [[0, 0, 2], [2, 1, 0], [0.30000000000000004, 5.0, 1.0]]
    """
    keys = owners * width + columns
    rows = len(keys)
    # (a slot a pair: half the pages of intp, and rows never reach 2**31)
    small = np.int32 if rows < np.iinfo(np.int32).max else np.intp
    row = np.arange(rows, dtype=small)
    slot = np.full(count * width, rows, small)
    np.minimum.at(slot, keys, row)
    present = keys[slot[keys] == row]
    # Each present pair's slot now holds its number in walk order.
    slot[present] = np.arange(len(present), dtype=small)
    sums = np.bincount(slot[keys], weights, minlength=len(present))
    return present // width, present % width, sums.astype(float, copy=False)
