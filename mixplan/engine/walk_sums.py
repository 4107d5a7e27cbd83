"""Sums over rows that give the very doubles of the per-building walk.

:func:`~mixplan.engine.facts.building_facts` adds a building's figures level by
level, allocation by allocation. Floating-point addition is not associative, so
the columnar facts add the same numbers in the same order: ``np.bincount`` adds
each key's weights in array order, and rows are in building, level, allocation
order. Per-use dictionaries keep the order in which the walk first meets a use.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["pairs_in_walk_order", "sums_by_key"]


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


def pairs_in_walk_order(
    keys: NDArray[np.intp], values: NDArray[np.float64], uses: int
) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
    """(building, use) pairs in the order a building's walk first meets them.

    ``keys`` are ``building × uses + use`` of the rows, in building order (a
    row's building is never before the previous row's), ``values`` a value per
    key. Returns the buildings, uses and values of the present pairs, by
    building and first appearance: the rows where a key first appears, in row
    order.

    Examples
    --------
    Building 0 meets use 2 before use 1 (and use 2 again); building 1 meets use 0:

    >>> values = np.arange(6, dtype=float)
    >>> [a.tolist() for a in pairs_in_walk_order(np.array([2, 1, 2, 3]), values, 3)]
    [[0, 0, 1], [2, 1, 0], [2.0, 1.0, 3.0]]
    """
    rows = np.arange(len(keys))
    first = np.full(len(values), len(keys))
    np.minimum.at(first, keys, rows)
    present = keys[first[keys] == rows]
    return present // uses, present % uses, values[present]
