"""The footprints of a scenario on an STRtree: coverage, neighbours, boundary distance.

A :class:`FootprintIndex` describes one set of footprints. Level edits (the common
live edit) keep it as is; when footprints change, :meth:`FootprintIndex.derive`
builds the next index and recomputes only what involves the footprints that
changed (boundary distances, overlaps, neighbour pairs), so moving one building
among thousands costs a tree rebuild and a few local queries. Everything is done
with shapely 2's array functions.

The union of footprints (``footprint_m2``) is not a ``union_all`` of the whole
scenario (slow: about a second for 10,000 buildings) but the sum of the areas of
footprints that overlap nothing plus the union of each cluster of overlapping
footprints, which is the same area.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from operator import is_, is_not

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely import STRtree
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from mixplan.engine.box_join import meeting_pairs
from mixplan.engine.footprint_tree import (
    BOX_MARGIN_M,
    KeptTree,
    box_gaps,
    moved_positions,
    pair_order,
    widened_envelopes,
)
from mixplan.engine.site_edge import SiteEdge

__all__ = ["TOUCHING_M", "FootprintIndex"]

#: Below this distance two footprints (or a footprint and the site boundary) are
#: attached: built on the limit, which setback rules allow (RULES §1.5).
TOUCHING_M = 0.01

_OVERLAP_M2 = 1e-6
_Pairs = tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]


def _clusters(pairs: set[tuple[str, str]]) -> list[list[str]]:
    """Connected components of the graph whose edges are ``pairs``."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    groups: dict[str, list[str]] = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    return [sorted(g) for g in groups.values()]


def _pairs_kept(
    pairs: _Pairs,
    old_count: int,
    kept_from: NDArray[np.intp],
    same: NDArray[np.bool_],
) -> _Pairs:
    """The pairs of a previous index between footprints that did not move.

    ``kept_from`` are the previous positions of the unmoved footprints, which
    are at ``np.flatnonzero(same)`` now; pairs with any other footprint go.
    """
    i, j, d = pairs
    if not len(i):
        return pairs
    if old_count == len(same) and len(kept_from) == int(same.sum()):
        if np.array_equal(kept_from, np.flatnonzero(same)):
            # The same positions: the order stays.
            keep = same[i] & same[j]
            return i[keep], j[keep], d[keep]
    now = np.full(old_count, -1, np.intp)
    now[kept_from] = np.flatnonzero(same)
    a, b = now[i], now[j]
    keep = (a >= 0) & (b >= 0)
    a, b, d = a[keep], b[keep], d[keep]
    i, j = np.minimum(a, b), np.maximum(a, b)
    order = pair_order(i, j, len(same))
    return i[order], j[order], d[order]


def _merged_pairs(first: _Pairs, then: _Pairs, count: int) -> _Pairs:
    """Pairs of ``first`` and ``then`` sorted by (i, j), the first of each kept."""
    i = np.concatenate((first[0], then[0]))
    j = np.concatenate((first[1], then[1]))
    d = np.concatenate((first[2], then[2]))
    # (i, j) as one number, i < j < count: its order is the (i, j) order. The
    # sort of np.unique is stable: the first occurrence of each pair is kept.
    _, where = np.unique(i.astype(np.int64) * count + j, return_index=True)
    return i[where], j[where], d[where]


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
        _previous: FootprintIndex | None = None,
    ) -> None:
        self.ids = list(ids)
        self.footprints = list(footprints)
        # Positions by id, made on demand (see ``position``): a dict of 100,000
        # ids costs tens of milliseconds.
        self._position: dict[str, int] | None = None
        if _previous is not None and _previous.ids == self.ids:
            self._position = _previous._position
        self.site = site
        n = len(self.ids)
        old = _previous if _previous is not None and _previous.site is site else None
        self._edge: SiteEdge | None = None
        if old is not None:
            self._edge = old._edge
        elif site is not None:
            self._edge = SiteEdge(site)
        self.geoms: NDArray[np.object_]
        self._tree: KeptTree
        # The footprints' bounds (x0, y0, x1, y1), on demand (see ``bounds``).
        self._known_bounds: NDArray[np.float64] | None = None
        if old is not None and old.ids == self.ids:
            # The same buildings: the footprints that are not the same objects
            # moved, the others' geometry array entries are copied.
            changed = np.asarray(
                moved_positions(self.footprints, old.footprints), np.intp
            )
            same = np.ones(n, dtype=bool)
            same[changed] = False
            self.geoms = old.geoms.copy()
            for k in changed.tolist():
                self.geoms[k] = self.footprints[k]
            self._tree = KeptTree(self.geoms, old._tree, changed)
            if old._known_bounds is not None:
                self._known_bounds = old._known_bounds.copy()
                if len(changed):
                    self._known_bounds[changed] = shapely.bounds(self.geoms[changed])
        else:
            self.geoms = np.fromiter(self.footprints, dtype=object, count=n)
            same = np.zeros(n, dtype=bool)
            if old is not None and len(old.ids):
                # Each building's position in the previous index (-1: new),
                # then whether its footprint there is the same object.
                old_at = np.fromiter(
                    map(old.position.get, self.ids, repeat(-1)), np.intp, n
                )
                there = np.fromiter(map(is_, old.geoms[old_at], self.geoms), bool, n)
                same = there & (old_at >= 0)
                # A footprint read apart (a project opened from its file: the
                # scenario's are other objects than the baseline's) is the same
                # when its coordinates are identical: what it measured holds.
                other = np.flatnonzero(~there & (old_at >= 0))
                if len(other):
                    same[other] = shapely.equals_identical(
                        old.geoms[old_at[other]], self.geoms[other]
                    )
            changed = np.flatnonzero(~same)
            self._tree = KeptTree(self.geoms)
        self._whole_tree: STRtree | None = None
        if old is None:
            kept_from = np.zeros(0, np.intp)
        elif old.ids == self.ids:
            kept_from = np.flatnonzero(same)
        else:
            kept_from = old_at[same] if len(old.ids) else np.zeros(0, np.intp)
        self.areas = np.zeros(n)
        # NaN: not measured yet (measured on demand, for the buildings C05 checks).
        self._boundary_distance = np.full(n, np.nan)
        self.in_site_areas = np.zeros(n)
        if old is not None:
            self.areas[same] = old.areas[kept_from]
            self._boundary_distance[same] = old._boundary_distance[kept_from]
            self.in_site_areas[same] = old.in_site_areas[kept_from]
        if len(changed):
            sub = self.geoms[changed]
            self.areas[changed] = shapely.area(sub)
            if self._edge is not None:
                bounds = self.bounds if len(changed) == n else shapely.bounds(sub)
                inside = self._edge.contains(sub, bounds)
                part = self.areas[changed].copy()
                if not inside.all():
                    part[~inside] = shapely.area(
                        shapely.intersection(sub[~inside], site)
                    )
                self.in_site_areas[changed] = part
        # The footprints that appeared or moved (listed on demand: a cold index's
        # are all of them, and no one asks), and those that moved or went.
        self._changed = changed
        self._left: list[BaseGeometry] = []
        if old is not None and old.ids == self.ids:
            self._left = list(old.geoms[changed])
        elif old is not None and len(old.ids):
            # The previous positions of the buildings that moved, and of those
            # that went (positions no building of this index has now).
            was = old_at[changed]
            kept = np.zeros(len(old.ids), dtype=bool)
            kept[old_at[old_at >= 0]] = True
            went = np.flatnonzero(~kept)
            self._left = list(old.geoms[np.concatenate((was[was >= 0], went))])
        # The position of every building in an overlap (no dict of all ids).
        self.overlap_position: dict[str, int] = {}
        self.overlaps = self._overlaps(old, changed, kept_from, same)
        #: What each group of overlapping footprints adds to the sum of their
        #: areas when merged (negative), and to their in-site areas, by the
        #: group's sorted ids: a derived index reuses the groups whose
        #: footprints all stayed.
        self._merged: dict[tuple[str, ...], tuple[float, float]] = {}
        #: How many groups this index merged (the others were reused).
        self.groups_merged = 0
        self.union_m2, self.union_in_site_m2 = self._union_areas(old, same)
        self._radius = np.full(n, -1.0)
        # Known neighbour pairs: positions i < j and distances, sorted by (i, j).
        self._pairs: _Pairs = (np.zeros(0, np.intp), np.zeros(0, np.intp), np.zeros(0))
        # A footprint that moved must be queried once as far as any unmoved one
        # was: an unmoved neighbour's earlier query could not see it.
        self._fresh = np.zeros(n, dtype=bool)
        # Footprints wanted at the last question: all their pairs were looked
        # for; the others may have lost pairs with footprints not wanted either.
        self._complete = np.zeros(n, dtype=bool)
        if old is not None:
            self._fresh[changed] = True
            self._complete[same] = old._complete[kept_from]
            self._radius[same] = old._radius[kept_from]
            self._pairs = _pairs_kept(old._pairs, len(old.ids), kept_from, same)

    @property
    def position(self) -> dict[str, int]:
        """The position of each building id in this index."""
        if self._position is None:
            self._position = dict(zip(self.ids, range(len(self.ids)), strict=True))
        return self._position

    @property
    def moved_geoms(self) -> list[BaseGeometry]:
        """Footprints that appeared, moved or went, new and old (for ground cover)."""
        return [*self.geoms[self._changed], *self._left]

    @property
    def tree(self) -> STRtree:
        """An STRtree of the footprints (positions are the index's)."""
        whole = self._tree.whole
        if whole is not None:
            return whole
        if self._whole_tree is None:
            self._whole_tree = STRtree(self.geoms)
        return self._whole_tree

    @property
    def bounds(self) -> NDArray[np.float64]:
        """The footprints' bounds (x0, y0, x1, y1), measured once for an index.

        Read only: the array is the index's own.
        """
        if self._known_bounds is None:
            self._known_bounds = shapely.bounds(self.geoms)
        return self._known_bounds

    def derive(
        self,
        ids: Sequence[str],
        footprints: Sequence[Polygon],
        site: BaseGeometry | None,
    ) -> FootprintIndex:
        """The index of new footprints, reusing what did not move."""
        return FootprintIndex(ids, footprints, site, _previous=self)

    def same_footprints(
        self,
        ids: Sequence[str],
        footprints: Sequence[Polygon],
        site: BaseGeometry | None,
    ) -> bool:
        """Whether this index still describes these buildings, footprints and site."""
        if site is not self.site or len(footprints) != len(self.footprints):
            return False
        if any(map(is_not, footprints, self.footprints)):
            return False
        return self.ids == list(ids)

    def _overlaps(
        self,
        old: FootprintIndex | None,
        changed: NDArray[np.intp],
        kept_from: NDArray[np.intp],
        same: NDArray[np.bool_],
    ) -> set[tuple[str, str]]:
        """Pairs of ids whose footprints overlap; fills ``overlap_position``.

        The pairs of ``old`` between unmoved footprints are kept (their
        positions follow them: ``kept_from`` were their positions in ``old``,
        ``same`` marks where they are now); the footprints that ``changed``
        are queried.
        """
        pairs: set[tuple[str, str]] = set()
        at = self.overlap_position
        if old is not None and old.overlaps:
            # Each old position's position now (-1: the building moved or
            # went): a pair stays when both of its footprints stayed. (By
            # position, not by a set of the ids that moved: at 100,000
            # buildings, that set cost more than the pairs.)
            moved_to = np.full(len(old.ids), -1, np.intp)
            moved_to[kept_from] = np.flatnonzero(same)
            now, was = moved_to.tolist(), old.overlap_position
            for x, y in old.overlaps:
                a, b = now[was[x]], now[was[y]]
                if a >= 0 and b >= 0:
                    pairs.add((x, y))
                    at[x], at[y] = a, b
        if not len(changed) or len(self.ids) < 2:
            return pairs
        # Bounding boxes only: pairs that do not intersect have an empty
        # intersection (area 0) and drop out below, and the exact predicate would
        # cost more than the few extra intersections. (Every footprint with
        # every other, for a new index: the boxes compared as numbers.)
        found = meeting_pairs(self.bounds) if len(changed) == len(self.ids) else None
        if found is None:
            i, j = self._tree.query(self.geoms[changed])
            i = changed[i]
            asked = np.zeros(len(self.ids), dtype=bool)
            asked[changed] = True
            # Each pair once: two footprints asked found each other.
            keep = (i < j) | ~asked[j]
        else:
            i, j = found
            keep = i < j  # (found both ways round)
        i, j = i[keep], j[keep]
        # Boxes that only touch (a shared wall: a row of terraced buildings)
        # have no area in common: no intersection to compute for them. Nor
        # have boxes sharing a sliver (rows back to back, their walls apart
        # by the coordinates' rounding): the shapes share no more than their
        # boxes, and half the threshold leaves room for GEOS's rounding.
        box = self.bounds
        wide = np.minimum(box[i, 2], box[j, 2]) - np.maximum(box[i, 0], box[j, 0])
        high = np.minimum(box[i, 3], box[j, 3]) - np.maximum(box[i, 1], box[j, 1])
        apart = (wide <= 0) | (high <= 0) | (wide * high < _OVERLAP_M2 / 2)
        if apart.any():
            i, j = i[~apart], j[~apart]
        if not len(i):
            return pairs
        area = shapely.area(shapely.intersection(self.geoms[i], self.geoms[j]))
        for a, b in zip(
            i[area > _OVERLAP_M2].tolist(), j[area > _OVERLAP_M2].tolist(), strict=True
        ):
            x, y = self.ids[a], self.ids[b]
            pairs.add((x, y) if x < y else (y, x))
            at[x], at[y] = a, b
        return pairs

    def _union_areas(
        self, old: FootprintIndex | None, same: NDArray[np.bool_]
    ) -> tuple[float, float]:
        """Area of the union of footprints, and of that union within the site.

        A group of overlapping footprints that ``old`` (same site) merged and
        whose footprints all stayed (``same``) is not merged again.
        """
        if not self.overlaps:
            return float(self.areas.sum()), float(self.in_site_areas.sum())
        union = float(self.areas.sum())
        in_site = float(self.in_site_areas.sum())
        known = old._merged if old is not None else {}
        # In the groups' order, not the pairs' (a set, ordered by the strings'
        # hashes: the sum's last digit changed from one run to the next).
        for group in sorted(_clusters(self.overlaps)):
            members = [self.overlap_position[bid] for bid in group]
            key = tuple(group)
            added = known.get(key)
            if added is None or not same[members].all():
                added = self._merge(members)
                self.groups_merged += 1
            self._merged[key] = added
            union += added[0]
            in_site += added[1]
        return union, in_site

    def _merge(self, members: list[int]) -> tuple[float, float]:
        """What merging these footprints adds to their area, and in-site area."""
        merged = shapely.union_all(self.geoms[members])
        added = float(merged.area) - float(self.areas[members].sum())
        if self.site is None:
            return added, 0.0
        return added, float(shapely.intersection(merged, self.site).area) - float(
            self.in_site_areas[members].sum()
        )

    def neighbour_pairs(
        self, radii: NDArray[np.float64], wanted: NDArray[np.bool_] | None = None
    ) -> _Pairs:
        """Pairs of footprints closer than the larger of their radii.

        Returns position arrays ``i < j`` and their distances, sorted by
        ``(i, j)`` (pairs found by earlier, wider queries may be included;
        callers compare distances). With ``wanted``, only the pairs with a
        wanted footprint are sure to be there (C05 checks those of altered
        buildings): the others are not measured. Only buildings whose radius
        grew beyond the one last queried are queried, each at its own radius:
        a pair closer than the larger radius is found by the building that has
        it. A footprint that moved, or that is wanted for the first time, is
        queried at least as far as any other footprint was before: the other's
        earlier query could not see it there, or dropped it (on a new index,
        nothing was queried before: its own radius).
        """
        if wanted is None:
            wanted = np.ones(len(self.ids), dtype=bool)
        newly = wanted & ~self._complete
        if newly.any():
            self._fresh |= newly
            self._radius[newly] = -1.0
        # Footprints not wanted now may lose pairs to the queries below.
        self._complete = wanted.copy()
        grow = np.flatnonzero(radii > self._radius)
        if not len(grow):
            return self._pairs
        query = radii[grow].copy()
        fresh = self._fresh[grow]
        if fresh.any():
            # As far as the others looked before (those looking further now see
            # everything anyway).
            others = self._radius[~self._fresh]
            reach = float(others.max()) if len(others) else 0.0
            query[fresh] = np.maximum(query[fresh], reach)
            self._fresh[grow] = False
        self._radius[grow] = query
        found = self._pairs_within(grow, query, wanted)
        if len(found[0]):
            if len(self._pairs[0]):
                found = _merged_pairs(self._pairs, found, len(self.ids))
            self._pairs = found
        return self._pairs

    def _pairs_within(
        self,
        asked: NDArray[np.intp],
        reach: NDArray[np.float64],
        wanted: NDArray[np.bool_],
    ) -> _Pairs:
        """Pairs (i < j, distance) with a footprint of ``asked`` within its ``reach``.

        Only pairs with a ``wanted`` footprint are measured and returned.
        Sorted by (i, j), each pair once; a pair is kept when its distance is
        within the larger recorded radius of its two footprints (the reach of
        those asked is recorded already). Candidates are the footprints whose
        bounding boxes meet the asked ones' widened by their reach (no exact
        predicate: its distance would be measured twice), from one envelope
        query of the index's tree (:meth:`box_candidates`: the tree the rules
        query anyway; comparing the boxes through a grid of cells took twice
        as long at 100,000 footprints); a pair whose boxes are further apart
        than the larger radius is dropped unmeasured, and each other pair's
        distance is measured once.
        """
        # A margin far above the rounding of coordinates of millions of metres
        # (1e-9 m): a pair within reach is a candidate whatever the rounding.
        wide = reach + BOX_MARGIN_M
        bounds = self.bounds
        which, found = self.box_candidates(asked, wide)
        # Each pair once: from the side with the larger reach (it finds every
        # pair the other side finds), the earlier position on a tie.
        reach_of = np.full(len(self.ids), -np.inf)
        reach_of[asked] = reach
        mine = reach[which]
        which = asked[which]
        theirs = reach_of[found]
        keep = (mine > theirs) | ((mine == theirs) & (which < found))
        keep &= wanted[which] | wanted[found]
        which, found = which[keep], found[keep]
        # Bounding boxes further apart than the larger radius: the footprints
        # are too (a box holds its footprint).
        radius = np.maximum(self._radius[which], self._radius[found])
        keep = box_gaps(bounds[which], bounds[found]) <= radius + BOX_MARGIN_M
        first = np.minimum(which[keep], found[keep])
        second = np.maximum(which[keep], found[keep])
        order = pair_order(first, second, len(self.ids))
        first, second, radius = first[order], second[order], radius[keep][order]
        # Measured one way, the later footprint's to the earlier's (GEOS's
        # distance can differ in the last bit the other way round): a pair's
        # distance does not depend on which query found it.
        d = np.asarray(
            shapely.distance(self.geoms[second], self.geoms[first]), dtype=float
        )
        near = d <= radius
        return first[near], second[near], d[near]

    def boundary_distance(
        self, positions: NDArray[np.intp], within: float | None = None
    ) -> NDArray[np.float64]:
        """Distance of some footprints to the site boundary (inf with no site).

        With ``within``, only the footprints that may be closer than that are
        measured: the others (their bounding box is further from every
        segment of the boundary) come back as inf.
        """
        if self._edge is None:
            return np.full(len(positions), np.inf)
        todo = np.isnan(self._boundary_distance[positions])
        far = np.zeros(len(positions), dtype=bool)
        if within is not None and todo.any():
            far = todo & ~self._near_boundary(within)[positions]
            todo &= ~far
        if todo.any():
            measured = positions[todo]
            self._boundary_distance[measured] = self._edge.distances(
                self.geoms[measured], self.bounds[measured], within
            )
        gaps = self._boundary_distance[positions]
        gaps[far] = np.inf
        return gaps

    def _near_boundary(self, within: float) -> NDArray[np.bool_]:
        """Footprints whose box is within ``within`` of a boundary segment's."""
        assert self._edge is not None
        return self._edge.near(self._tree, len(self.ids), within)

    def within(self, geom: BaseGeometry, distance: float) -> list[int]:
        """Positions of footprints within ``distance`` of ``geom``."""
        single = np.empty(1, dtype=object)
        single[0] = geom
        _, found = self._tree.query(single, predicate="dwithin", distance=distance)
        return sorted(int(k) for k in found)

    def footprints_touching_any(
        self, geoms: Sequence[BaseGeometry]
    ) -> NDArray[np.object_]:
        """The footprints that intersect any of ``geoms``."""
        array = np.empty(len(geoms), dtype=object)
        array[:] = list(geoms)
        _, found = self._tree.query(array, predicate="intersects")
        return self.geoms[np.unique(found)]

    def box_candidates(
        self, positions: NDArray[np.intp], distances: NDArray[np.float64]
    ) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """Pairs (k, j): footprint j's box meets ``positions[k]``'s, grown.

        Grown by ``distances[k]`` on every side: the candidates a query
        ``dwithin distances[k]`` would examine, without measuring any: every
        footprint within ``distances[k]`` of ``positions[k]`` is among them
        (itself too). Unordered; one bulk query of the index's tree.
        """
        return self._tree.query(widened_envelopes(self.bounds[positions], distances))

    def box_pairs(
        self, geoms: NDArray[np.object_]
    ) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """Pairs (k, j): footprint j's box meets the box of ``geoms[k]``.

        Every footprint that meets a shape (shares a point with it) is among
        them, found without a predicate; unordered. One bulk query.
        """
        return self._tree.query(geoms)
