"""The footprints of a scenario on an STRtree: coverage, neighbours, boundary distance.

One :class:`FootprintIndex` is built per set of footprints and reused until a
footprint is added, removed or moved, so level edits (the common live edit) never
touch geometry. Everything is computed with shapely 2's array functions.

The union of footprints (``footprint_m2``) is not a ``union_all`` of the whole
scenario (slow: about a second for 10,000 buildings) but the sum of the areas of
footprints that overlap nothing plus the union of each cluster of overlapping
footprints, which gives the same area.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely import STRtree
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

__all__ = ["TOUCHING_M", "FootprintIndex"]

#: Below this distance two footprints (or a footprint and the site boundary) are
#: attached: built on the limit, which setback rules allow (RULES §1.5).
TOUCHING_M = 0.01

_OVERLAP_M2 = 1e-6


def _clusters(n: int, i: NDArray[np.intp], j: NDArray[np.intp]) -> list[list[int]]:
    """Connected components (size ≥ 2) of the graph with edges ``i[k]–j[k]``."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(i.tolist(), j.tolist(), strict=True):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    groups: dict[int, list[int]] = {}
    for node in {int(x) for x in i.tolist()} | {int(x) for x in j.tolist()}:
        groups.setdefault(find(node), []).append(node)
    return [sorted(g) for g in groups.values()]


class FootprintIndex:
    """An STRtree over a scenario's footprints and what follows from geometry alone.

    Parameters
    ----------
    ids
        Building ids, in scenario order.
    footprints
        Their footprints, same order.
    site
        The site boundary, or ``None``.
    """

    def __init__(
        self,
        ids: Sequence[str],
        footprints: Sequence[Polygon],
        site: BaseGeometry | None,
    ) -> None:
        self.ids = list(ids)
        self.footprints = list(footprints)
        self.position = {bid: k for k, bid in enumerate(self.ids)}
        self.site = site
        n = len(self.ids)
        self.geoms: NDArray[np.object_] = np.empty(n, dtype=object)
        self.geoms[:] = self.footprints
        self.areas = shapely.area(self.geoms) if n else np.zeros(0)
        self.tree = STRtree(self.geoms)
        self._radius = np.full(n, -1.0)
        self._pairs: tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]] = (
            np.zeros(0, np.intp), np.zeros(0, np.intp), np.zeros(0))
        self._clustered = self._overlap_clusters()
        self.union_m2, self.union_in_site_m2 = self._union_areas()
        if site is not None and n:
            shapely.prepare(site)
            self.boundary_distance = shapely.distance(
                self.geoms, shapely.boundary(site))
        else:
            self.boundary_distance = np.full(n, np.inf)

    def same_footprints(self, footprints: Sequence[Polygon],
                        site: BaseGeometry | None) -> bool:
        """Whether this index still describes these footprints and site."""
        if site is not self.site or len(footprints) != len(self.footprints):
            return False
        return all(a is b for a, b in zip(footprints, self.footprints, strict=True))

    def _overlap_clusters(self) -> list[list[int]]:
        n = len(self.ids)
        if n < 2:
            return []
        i, j = self.tree.query(self.geoms, predicate="intersects")
        keep = i < j
        i, j = i[keep], j[keep]
        if not len(i):
            return []
        overlap = shapely.area(shapely.intersection(self.geoms[i], self.geoms[j]))
        keep = overlap > _OVERLAP_M2
        return _clusters(n, i[keep], j[keep])

    def _union_areas(self) -> tuple[float, float]:
        """Area of the union of footprints, and of that union within the site."""
        n = len(self.ids)
        if not n:
            return 0.0, 0.0
        single = np.ones(n, dtype=bool)
        parts: list[BaseGeometry] = []
        for group in self._clustered:
            single[group] = False
            parts.append(shapely.union_all(self.geoms[group]))
        union = float(self.areas[single].sum()) + sum(float(p.area) for p in parts)
        site = self.site
        if site is None:
            return union, 0.0
        shapely.prepare(site)
        singles = self.geoms[single]
        inside = shapely.contains(site, singles)
        in_site = float(self.areas[single][inside].sum())
        outside = singles[~inside]
        if len(outside):
            in_site += float(shapely.area(shapely.intersection(outside, site)).sum())
        for part in parts:
            in_site += float(shapely.intersection(part, site).area)
        return union, in_site

    def neighbour_pairs(
        self, radii: NDArray[np.float64]
    ) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
        """Pairs of footprints closer than the larger of their radii.

        Returns index arrays ``i < j`` and their distances. The query is redone
        only when a radius grew beyond the one last queried.
        """
        if len(radii) and bool(np.any(radii > self._radius)):
            radius = np.maximum(radii, self._radius)
            i, j = self.tree.query(self.geoms, predicate="dwithin", distance=radius)
            a, b = np.minimum(i, j), np.maximum(i, j)
            keep = a < b
            code = np.unique(a[keep].astype(np.int64) * len(radii) + b[keep])
            a, b = code // len(radii), code % len(radii)
            d = (shapely.distance(self.geoms[a], self.geoms[b]) if len(a)
                 else np.zeros(0))
            self._pairs = (a.astype(np.intp), b.astype(np.intp), np.asarray(d))
            self._radius = radius
        return self._pairs

    def within(self, geom: BaseGeometry, distance: float) -> list[int]:
        """Positions of footprints within ``distance`` of ``geom``."""
        found = self.tree.query(geom, predicate="dwithin", distance=distance)
        return sorted(int(k) for k in found)

    def footprints_touching(self, geom: BaseGeometry) -> NDArray[np.object_]:
        """The footprints that intersect ``geom``."""
        return self.geoms[self.tree.query(geom, predicate="intersects")]
