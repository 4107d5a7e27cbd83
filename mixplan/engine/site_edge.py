"""A site and its boundary's segments: what footprints it holds, near its edge, how far.

A box inside the site (its core) holds every footprint whose box it holds:
those are in the site without asking GEOS, which tests each other footprint
against the whole boundary. The distance of a footprint to the boundary is
the least of its distances to the boundary's segments: measured to the few
segments near the footprint (found by their boxes), it is the number
``shapely.distance(footprint, boundary)`` gives, to the last bit, for a
fraction of the cost on a boundary of hundreds of vertices (GEOS compares
every segment of both shapes).
"""

from __future__ import annotations

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

from mixplan.engine.footprint_tree import BOX_MARGIN_M, KeptTree, widened_envelopes

__all__ = ["SiteEdge"]

#: Below this many footprints, the plain calls (the boundary's segments are
#: not worth cutting out for a moved building or two).
_FEW = 64


class SiteEdge:
    """The segments of a site boundary, for measuring footprints against it.

    Parameters
    ----------
    site
        The site (a polygon or several); prepared here.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> edge = SiteEdge(box(0, 0, 100, 100))
    >>> feet = np.array([box(10, 10, 20, 20), box(95, 10, 105, 20)] * 40)
    >>> edge.near(STRtree(feet), len(feet), 0.0)[:2].tolist()
    [False, True]
    >>> edge.distances(feet, shapely.bounds(feet), 20.0)[:2].tolist()
    [10.0, 0.0]
    """

    __slots__ = ("_boundary", "_core", "_lines", "_tree", "ends", "site")

    def __init__(self, site: BaseGeometry) -> None:
        self.site = site
        shapely.prepare(site)
        self._boundary = shapely.boundary(site)
        parts = shapely.get_parts(self._boundary)
        coords = [shapely.get_coordinates(part) for part in parts]
        #: The boundary's segments, (start, end) as they are in it: (n, 2, 2).
        self.ends: NDArray[np.float64] = np.zeros((0, 2, 2))
        if coords:
            self.ends = np.stack(
                (
                    np.concatenate([c[:-1] for c in coords]),
                    np.concatenate([c[1:] for c in coords]),
                ),
                axis=1,
            )
        self._lines: NDArray[np.object_] | None = None
        self._tree: STRtree | None = None
        self._core: tuple[float, float, float, float] | None = None

    @property
    def core(self) -> tuple[float, float, float, float]:
        """A box (x0, y0, x1, y1) the site contains: its envelope, else shrunk.

        The envelope shrunk about its centre by the largest factor found (to
        1/4096) whose box the site contains; an empty box (NaN) if none.
        """
        if self._core is None:
            x0, y0, x1, y1 = self.site.bounds
            cx, cy, w, h = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2

            def shrunk(f: float) -> tuple[float, float, float, float]:
                return cx - f * w, cy - f * h, cx + f * w, cy + f * h

            nothing = (np.nan, np.nan, np.nan, np.nan)
            low, high = 0.0, 1.0
            if shapely.contains(self.site, shapely.box(*shrunk(high))):
                low = high
            else:
                for _ in range(12):
                    middle = (low + high) / 2
                    if shapely.contains(self.site, shapely.box(*shrunk(middle))):
                        low = middle
                    else:
                        high = middle
            self._core = shrunk(low) if low > 0 else nothing
        return self._core

    def contains(
        self, geoms: NDArray[np.object_], bounds: NDArray[np.float64]
    ) -> NDArray[np.bool_]:
        """Whether the site contains each footprint (``bounds``: their bounds).

        ``shapely.contains(site, geoms)``, the footprints whose box lies in
        :attr:`core` answered without it (a footprint in a box the site
        contains is in the site; an empty one has NaN bounds: asked).
        """
        if len(geoms) < _FEW:
            plain: NDArray[np.bool_] = shapely.contains(self.site, geoms)
            return plain
        x0, y0, x1, y1 = self.core
        inside = (
            (bounds[:, 0] >= x0)
            & (bounds[:, 1] >= y0)
            & (bounds[:, 2] <= x1)
            & (bounds[:, 3] <= y1)
        )
        asked = np.flatnonzero(~inside)
        if len(asked):
            inside[asked] = shapely.contains(self.site, geoms[asked])
        return inside

    def near(
        self, tree: STRtree | KeptTree, count: int, within: float
    ) -> NDArray[np.bool_]:
        """Which of ``tree``'s ``count`` footprints have a box near a segment's.

        Within ``within`` of it. The others are further than ``within`` from
        the boundary: a box holds its footprint, and a segment's box its
        segment.
        """
        wide = within + BOX_MARGIN_M
        low = self.ends.min(axis=1) - wide
        high = self.ends.max(axis=1) + wide
        boxes = shapely.box(low[:, 0], low[:, 1], high[:, 0], high[:, 1])
        near = np.zeros(count, dtype=bool)
        near[tree.query(boxes)[1]] = True
        return near

    def distances(
        self,
        geoms: NDArray[np.object_],
        bounds: NDArray[np.float64],
        within: float | None = None,
    ) -> NDArray[np.float64]:
        """Each footprint's distance to the boundary (``bounds``: their bounds).

        With ``within``, measured to the segments whose boxes are within
        ``within`` of the footprint's; a footprint none of those comes within
        ``within`` of (its nearest segment may be another) is measured to the
        whole boundary, as are all of them without ``within`` or when few.
        """
        boundary = self._boundary
        if within is None or len(geoms) < _FEW:
            plain: NDArray[np.float64] = shapely.distance(geoms, boundary)
            return plain
        if self._lines is None or self._tree is None:
            self._lines = np.asarray(shapely.linestrings(self.ends), dtype=object)
            self._tree = STRtree(self._lines)
        reach = np.full(len(geoms), within + BOX_MARGIN_M)
        which, segment = self._tree.query(widened_envelopes(bounds, reach))
        gaps = np.full(len(geoms), np.inf)
        np.minimum.at(gaps, which, shapely.distance(geoms[which], self._lines[segment]))
        far = np.flatnonzero(gaps > within)
        if len(far):
            gaps[far] = shapely.distance(geoms[far], boundary)
        return gaps
