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


#: Rows a block of :func:`pair_sums` takes at most (unless one owner has more):
#: its temporaries stay under a few megabytes, which the allocator reuses from a
#: block to the next. At 100,000 buildings one pass's table and temporaries
#: were tens of megabytes of fresh pages, slower to touch than to compute.
PAIR_BLOCK_ROWS = 1 << 17


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
    added in row order. Long inputs are taken in blocks of whole owners
    (:data:`PAIR_BLOCK_ROWS`): an owner's pairs are all in its block, and the
    blocks' pairs follow one another in the walk's order.

    Examples
    --------
    Owner 0 meets column 2 before column 1 (and column 2 again); owner 2 meets
    column 0:

    >>> owners, columns = np.array([0, 0, 0, 2]), np.array([2, 1, 2, 0])
    >>> weights = np.array([0.1, 5.0, 0.2, 1.0])
    >>> [a.tolist() for a in pair_sums(owners, columns, weights, 3, 3)]
    [[0, 0, 2], [2, 1, 0], [0.30000000000000004, 5.0, 1.0]]
    """
    rows = len(owners)
    if rows <= PAIR_BLOCK_ROWS:
        return _block_sums(owners, columns, weights, width)
    cuts = [0]
    while cuts[-1] < rows:
        end = cuts[-1] + PAIR_BLOCK_ROWS
        if end < rows:
            # back to the first row of that row's owner (or, if one owner
            # fills the block, on to the first row of the next one)
            end = int(np.searchsorted(owners, owners[end], "left"))
            if end <= cuts[-1]:
                end = int(np.searchsorted(owners, owners[cuts[-1]], "right"))
        cuts.append(min(end, rows))
    blocks = [
        _block_sums(owners[a:b], columns[a:b], weights[a:b], width)
        for a, b in zip(cuts[:-1], cuts[1:], strict=True)
    ]
    return (
        np.concatenate([block[0] for block in blocks]),
        np.concatenate([block[1] for block in blocks]),
        np.concatenate([block[2] for block in blocks]),
    )


def _block_sums(
    owners: NDArray[np.intp],
    columns: NDArray[np.intp],
    weights: NDArray[np.float64],
    width: int,
) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
    """:func:`pair_sums` of one block, with a slot a pair of its owners."""
    rows = len(owners)
    if not rows:
        empty = np.zeros(0, np.intp)
        return empty, empty.copy(), np.zeros(0)
    first = int(owners[0])
    keys = (owners - first) * width + columns
    # (a slot a pair: half the pages of intp, and rows never reach 2**31)
    small = np.int32 if rows < np.iinfo(np.int32).max else np.intp
    row = np.arange(rows, dtype=small)
    slot = np.full((int(owners[-1]) - first + 1) * width, rows, small)
    np.minimum.at(slot, keys, row)
    present = keys[slot[keys] == row]
    # Each present pair's slot now holds its number in walk order.
    slot[present] = np.arange(len(present), dtype=small)
    sums = np.bincount(slot[keys], weights, minlength=len(present))
    return present // width + first, present % width, sums.astype(float, copy=False)
