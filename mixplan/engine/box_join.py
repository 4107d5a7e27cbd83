"""Pairs of bounding boxes that meet, found in bulk through a grid of cells.

An :class:`~shapely.STRtree` asked for the footprints whose boxes meet the
boxes of the same footprints needs a walk of the tree for each: sorting the
boxes into the cells of a grid and comparing the numbers of the boxes in
neighbouring cells gives the same pairs (:func:`meeting_pairs`, a new
footprint index's overlaps). Boxes widened by a reach are asked of the
index's tree instead (:meth:`~mixplan.engine.spatial.FootprintIndex.box_candidates`:
the tree the rules query anyway).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from mixplan.engine.level_rows import row_ranges

__all__ = ["meeting_pairs"]

#: The grid is given up for a tree when it would hold more cells, or yield
#: more candidate pairs, than this many per box.
_ENTRIES_PER_BOX_MAX = 32


def _meeting(
    bounds: tuple[NDArray[np.float64], ...],
    first: NDArray[np.intp],
    second: NDArray[np.intp],
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The pairs (``first[k]``, ``second[k]``) whose boxes share a point, in order.

    ``bounds``: the columns x0, y0, x1, y1 of the boxes. Compared an axis at a
    time, the second only on the pairs the first leaves: no box is gathered
    whole.
    """
    x0, y0, x1, y1 = bounds
    open_ = np.flatnonzero((x0[first] <= x1[second]) & (x0[second] <= x1[first]))
    first, second = first[open_], second[open_]
    meet = (y0[first] <= y1[second]) & (y0[second] <= y1[first])
    return first[meet], second[meet]


#: The cells a box's lower left corner may be in, relative to a box it meets,
#: that it looks in (the other half is looked in by the other box).
_HALF_NEIGHBOURHOOD = ((0, 0), (-1, -1), (-1, 0), (-1, 1), (0, -1))


def meeting_pairs(
    boxes: NDArray[np.float64],
) -> tuple[NDArray[np.intp], NDArray[np.intp]] | None:
    """Pairs (i, j), i ≠ j, of ``boxes`` that meet, both ways round; unordered.

    The pairs an STRtree of ``boxes`` queried with the same boxes gives, less
    (i, i), for finite boxes of similar sizes: each box is put in
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
    # The candidates of one neighbouring cell at a time: at 100,000 boxes,
    # every candidate's boxes gathered at once were 50 MB of fresh memory
    # (for 218 pairs).
    bounds = tuple(np.ascontiguousarray(bound) for bound in (x0, y0, x1, y1))
    boxes_at = np.arange(count)
    firsts, seconds = [], []
    for near in found_in:
        many = in_cell[near]
        first, second = _meeting(
            bounds,
            np.repeat(boxes_at, many),
            by_cell[row_ranges(cell_start[near], many)],
        )
        apart = first != second
        firsts.append(first[apart])
        seconds.append(second[apart])
    first, second = np.concatenate(firsts), np.concatenate(seconds)
    # A pair in one cell was found both ways; a pair across cells one way.
    across = cell[first] != cell[second]
    return (
        np.concatenate((first, second[across])),
        np.concatenate((second, first[across])),
    )
