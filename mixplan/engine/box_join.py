"""Pairs of bounding boxes that meet, found in bulk through a grid of cells.

An :class:`~shapely.STRtree` asked for the footprints whose boxes meet other
boxes needs those boxes as geometries: making 100,000 of them, then walking
the tree for each, costs more than comparing the numbers themselves once the
boxes are sorted into the cells of a grid. :func:`box_join` gives the same
pairs from the same comparisons of the same numbers.
"""

from __future__ import annotations

import numpy as np
import shapely
from numpy.typing import NDArray

from mixplan.engine.level_rows import row_ranges

__all__ = ["box_join", "meeting_pairs"]

#: Up to this many box comparisons, :func:`box_join` compares every pair.
_EVERY_PAIR_MAX = 1 << 16

#: The grid is given up for a tree when it would hold more entries or cells,
#: or yield more candidate pairs, than this many per box.
_ENTRIES_PER_BOX_MAX = 32


def box_join(
    queries: NDArray[np.float64], boxes: NDArray[np.float64]
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Pairs (k, j): box ``queries[k]`` meets box ``boxes[j]`` (x0, y0, x1, y1).

    Boxes meet when they share a point (touching counts), as the envelopes of
    an :class:`~shapely.STRtree` query without a predicate do: the same
    pairs, unordered. Boxes with a NaN bound (empty geometries) meet nothing;
    an infinite bound reaches as far as it says.

    The boxes go into the cells of a square grid (cells the size of a
    typical box); each pair of boxes sharing cells is compared once, in the
    cell of the lower left corner of their common part: the cell of the
    larger first column and first row of the two, as a cell index never
    decreases with the coordinate. Boxes too uneven for a grid (one cell
    size would put many boxes in a cell, or a box in many cells) are asked
    of a tree.

    Examples
    --------
    >>> a = np.array([[0.0, 0, 10, 10], [20, 0, 30, 10]])
    >>> b = np.array([[10.0, 10, 12, 12], [11, 0, 19, 5], [25, 5, 40, 6]])
    >>> sorted(zip(*(x.tolist() for x in box_join(a, b))))
    [(0, 0), (1, 2)]
    """
    usable_q = np.flatnonzero(~np.isnan(queries).any(axis=1))
    usable_b = np.flatnonzero(~np.isnan(boxes).any(axis=1))
    q, b = queries[usable_q], boxes[usable_b]
    if len(q) * len(b) <= _EVERY_PAIR_MAX:
        which, found = np.nonzero(_meet(q[:, None], b[None, :]))
    elif np.isfinite(q).all() and np.isfinite(b).all():
        which, found = _grid_join(q, b)
    else:
        # (an infinite bound has no cell)
        which, found = _tree_join(q, b)
    return usable_q[which], usable_b[found]


def _meet(first: NDArray[np.float64], second: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Whether boxes ``first`` and ``second`` (x0, y0, x1, y1) share a point.

    The last axis holds the bounds; the others broadcast as NumPy's do.
    """
    return (
        (first[..., 0] <= second[..., 2])
        & (second[..., 0] <= first[..., 2])
        & (first[..., 1] <= second[..., 3])
        & (second[..., 1] <= first[..., 3])
    )


def _grid_join(
    q: NDArray[np.float64], b: NDArray[np.float64]
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """:func:`box_join` of boxes with finite bounds, through a grid."""
    sides = np.concatenate(
        (np.maximum(q[:, 2] - q[:, 0], q[:, 3] - q[:, 1]),
         np.maximum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]))
    )  # fmt: skip
    x0 = float(min(q[:, 0].min(), b[:, 0].min()))
    y0 = float(min(q[:, 1].min(), b[:, 1].min()))
    extent = max(
        float(max(q[:, 2].max(), b[:, 2].max())) - x0,
        float(max(q[:, 3].max(), b[:, 3].max())) - y0,
    )
    # (Not finer than a millionth of the extent: cell numbers stay small.)
    size = max(float(np.median(sides)), extent * 1e-6, 1e-9)
    qc0, qr0, qc1, qr1 = _cells(q, x0, y0, size)
    bc0, br0, bc1, br1 = _cells(b, x0, y0, size)
    q_count = (qc1 - qc0 + 1) * (qr1 - qr0 + 1)
    b_count = (bc1 - bc0 + 1) * (br1 - br0 + 1)
    rows = int(max(qr1.max(), br1.max())) + 1
    columns = int(max(qc1.max(), bc1.max())) + 1
    limit = _ENTRIES_PER_BOX_MAX * (len(q) + len(b))
    if int(q_count.sum()) + int(b_count.sum()) > limit or columns * rows > limit:
        return _tree_join(q, b)
    q_item, q_column, q_row = _cell_entries(qc0, qr0, qc1, q_count)
    b_item, b_column, b_row = _cell_entries(bc0, br0, bc1, b_count)
    # The boxes' entries grouped by cell, and where each cell's group starts.
    b_cell = b_column * rows + b_row
    in_cell = np.bincount(b_cell, minlength=columns * rows)
    cell_start = np.cumsum(in_cell) - in_cell
    b_item = b_item[np.argsort(b_cell, kind="stable")]
    q_cell = q_column * rows + q_row
    start, many = cell_start[q_cell], in_cell[q_cell]
    total = int(many.sum())
    if total > limit:
        return _tree_join(q, b)
    entry = np.repeat(np.arange(len(q_cell)), many)
    which, found = q_item[entry], b_item[row_ranges(start, many)]
    # Each pair in one cell only: that of their common part's lower left corner.
    once = (q_column[entry] == np.maximum(qc0[which], bc0[found])) & (
        q_row[entry] == np.maximum(qr0[which], br0[found])
    )
    which, found = which[once], found[once]
    meet = _meet(q[which], b[found])
    return which[meet], found[meet]


def _cells(
    boxes: NDArray[np.float64], x0: float, y0: float, size: float
) -> tuple[NDArray[np.int64], ...]:
    """The first column, first row, last column and last row of each box's cells."""
    return tuple(
        np.floor((boxes[:, k] - origin) / size).astype(np.int64)
        for k, origin in enumerate((x0, y0, x0, y0))
    )


def _cell_entries(
    first_column: NDArray[np.int64],
    first_row: NDArray[np.int64],
    last_column: NDArray[np.int64],
    counts: NDArray[np.int64],
) -> tuple[NDArray[np.intp], NDArray[np.int64], NDArray[np.int64]]:
    """An entry a box and cell it covers: the box, the cell's column and row."""
    item = np.repeat(np.arange(len(counts)), counts)
    if len(item) == len(counts):
        # Every box in one cell (each covers at least one).
        return item, first_column, first_row
    local = np.arange(len(item)) - np.repeat(np.cumsum(counts) - counts, counts)
    across = np.repeat(last_column - first_column + 1, counts)
    column = np.repeat(first_column, counts) + local % across
    row = np.repeat(first_row, counts) + local // across
    return item, column, row


def _tree_join(
    q: NDArray[np.float64], b: NDArray[np.float64]
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """:func:`box_join` through an STRtree of the boxes."""
    tree = shapely.STRtree(shapely.box(b[:, 0], b[:, 1], b[:, 2], b[:, 3]))
    which, found = tree.query(shapely.box(q[:, 0], q[:, 1], q[:, 2], q[:, 3]))
    return which.astype(np.intp), found.astype(np.intp)


#: The cells a box's lower left corner may be in, relative to a box it meets,
#: that it looks in (the other half is looked in by the other box).
_HALF_NEIGHBOURHOOD = ((0, 0), (-1, -1), (-1, 0), (-1, 1), (0, -1))


def meeting_pairs(
    boxes: NDArray[np.float64],
) -> tuple[NDArray[np.intp], NDArray[np.intp]] | None:
    """Pairs (i, j), i ≠ j, of ``boxes`` that meet, both ways round; unordered.

    The pairs other than (i, i) that :func:`box_join` of ``boxes`` with
    themselves gives, for finite boxes of similar sizes: each box is put in
    the one cell of its lower left corner, cells as large as the largest box,
    so that boxes that meet have corners in the same or neighbouring cells.
    ``None`` when the boxes do not suit a grid (a box far larger than most,
    a bound not finite, too few boxes to be worth it).

    Examples
    --------
    A row of 64 boxes 10 m wide, each touching the next:

    >>> b = np.array([[10.0 * k, 0, 10.0 * k + 10, 5] for k in range(64)])
    >>> i, j = meeting_pairs(b)
    >>> len(i), sorted(j[i == 5].tolist())
    (126, [4, 6])
    """
    count = len(boxes)
    if count < 64 or not np.isfinite(boxes).all():
        return None
    x0, y0, x1, y1 = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    side = float(max((x1 - x0).max(), (y1 - y0).max()))
    origin_x, origin_y = float(x0.min()), float(y0.min())
    width, height = float(x1.max()) - origin_x, float(y1.max()) - origin_y
    # Larger than the largest box by far more than the rounding of the
    # coordinates: boxes that meet have corners at most one cell apart.
    size = side * (1 + 1e-9) + max(width, height) * 1e-9 + 1e-9
    # (a margin of one cell all round: every neighbour of a cell is a cell)
    columns, rows = int(width // size) + 3, int(height // size) + 3
    if columns * rows > _ENTRIES_PER_BOX_MAX * count:
        return None
    column = np.floor((x0 - origin_x) / size).astype(np.int64) + 1
    row = np.floor((y0 - origin_y) / size).astype(np.int64) + 1
    cell = column * rows + row
    in_cell = np.bincount(cell, minlength=columns * rows)
    cell_start = np.cumsum(in_cell) - in_cell
    by_cell = np.argsort(cell, kind="stable")
    found_in = [cell + dx * rows + dy for dx, dy in _HALF_NEIGHBOURHOOD]
    total = sum(int(in_cell[near].sum()) for near in found_in)
    if total > _ENTRIES_PER_BOX_MAX * count:
        return None
    firsts, seconds = [], []
    for near in found_in:
        many = in_cell[near]
        firsts.append(np.repeat(np.arange(count), many))
        seconds.append(by_cell[row_ranges(cell_start[near], many)])
    first, second = np.concatenate(firsts), np.concatenate(seconds)
    meet = _meet(boxes[first], boxes[second]) & (first != second)
    first, second = first[meet], second[meet]
    # A pair in one cell was found both ways; a pair across cells one way.
    across = cell[first] != cell[second]
    return (
        np.concatenate((first, second[across])),
        np.concatenate((second, first[across])),
    )
