"""Ground cover: open soil, biotope coefficient (CBS) and artificialised land.

Coefficients are rulebook parameters (section ``cbs``), one per cover type and per
roof, each PLU setting its own (Code de l'urbanisme art. L151-22); the defaults are
the Berlin Biotope Area Factor table: open soil and lawn (pleine terre) 1.0,
semi-open 0.5, permeable paving 0.3, sealed, surface car park and yard 0, greening
on slab 0.5 (under 80 cm of soil), green roof 0.7, plain roof 0 (× footprint).

Pleine terre (C06, ``open_soil_m2``) is ``open_soil`` + ``lawn``: both are soil
connected to natural ground.

Artificialised land (décret n° 2023-1096, annex to Code de l'urbanisme R101-1):
buildings (A1), sealed surfaces, car parks and yards (A2), permeable, semi-open
and on-slab covers (A3), and herbaceous cover (lawn) on residential or production
land (A4) are artificialised; planted open soil (trees, shrubs, habitat, N8–N10)
is not. Site ground with no cover drawn and no building on it counts as
artificialised when ``assumptions.uncovered_ground_artificialised`` is true (the
default: business sites are overwhelmingly A1–A4, and an import of buildings alone
says nothing of the ground between them; counting it as open soil would credit
land nobody has surveyed). Net new artificialised area is the scenario's total
minus the baseline's, which equals the area turned artificial minus the area
renatured, both measured over the same site.

Cover is measured inside the site, outside footprints, and once: where covers
overlap, the one with the higher coefficient counts.

Surface car parks count in parking supply: their stated ``spaces``, else
⌊area ÷ ``assumptions.parking_m2_per_space_gross``⌋ (25 m² a space with aisles).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from mixplan.engine.spatial import FootprintIndex
from mixplan.model.project import COVER_TYPES, GroundCover
from mixplan.model.rulebook import Rulebook

__all__ = [
    "ARTIFICIALISED_COVERS",
    "PLEINE_TERRE_COVERS",
    "GroundFacts",
    "cover_coefficients",
    "cover_regions",
    "ground_facts",
    "parking_spaces",
]

ARTIFICIALISED_COVERS = frozenset(
    {
        "lawn",
        "semi_open",
        "permeable_paving",
        "sealed",
        "parking",
        "yard",
        "green_on_slab",
    }
)
#: Soil connected to natural ground (C06 and the ``open_soil_m2`` indicator).
PLEINE_TERRE_COVERS = ("open_soil", "lawn")


def cover_coefficients(rb: Rulebook) -> dict[str, float]:
    """The CBS coefficient of each cover type and roof, from the rulebook.

    Examples
    --------
    >>> c = cover_coefficients(Rulebook())
    >>> c["permeable_paving"], c["lawn"], c["green_roof"]
    (0.3, 1.0, 0.7)
    """
    return {
        surface: rb.number("cbs", surface)
        for surface in (*COVER_TYPES, "green_roof", "plain_roof")
    }


@dataclass(frozen=True, slots=True)
class GroundFacts:
    """Effective area of each cover type (m², in the site, off the footprints)."""

    area_by_cover: dict[str, float]
    #: car spaces of the surface car parks (stated, else estimated from area)
    parking_spaces: float = 0.0

    @property
    def covered_m2(self) -> float:
        return sum(self.area_by_cover.values())

    @property
    def pleine_terre_m2(self) -> float:
        """Open soil and lawn: soil connected to natural ground."""
        return sum(self.area_by_cover[c] for c in PLEINE_TERRE_COVERS)

    def artificial_cover_m2(self) -> float:
        return sum(self.area_by_cover[c] for c in ARTIFICIALISED_COVERS)

    def eco_m2(self, coefficients: dict[str, float]) -> float:
        """Σ area × coefficient over the covers (the surface éco-aménageable)."""
        return sum(self.area_by_cover[c] * coefficients[c] for c in COVER_TYPES)


def cover_regions(
    covers: Sequence[GroundCover],
    index: FootprintIndex,
    site: BaseGeometry | None,
    coefficients: dict[str, float],
) -> dict[str, BaseGeometry]:
    """Where each cover type counts: inside the site, off the footprints, once.

    Where covers overlap, the type with the higher coefficient takes the
    ground; the regions returned are disjoint. :func:`ground_facts` measures
    them; the optimiser intersects them with the footprints it may add.

    Each cut takes only what meets the region: the footprints touching the
    type's polygons, and the pieces of ground already counted whose boxes meet
    the region's pieces, each set dissolved group by group
    (:func:`_dissolved`). The regions are the ground of the plain overlays
    (:func:`~mixplan.engine.reference_ground.reference_cover_regions`). GEOS
    starts the rings of an overlay's result on edges of its first operand, so
    where no region has a hole they are most often those overlays' vertex for
    vertex, and their areas the same to the last bit (the benchmark's parks);
    elsewhere a ring may start at another vertex and an area differ in its
    last bits.
    """
    by_type: dict[str, list[BaseGeometry]] = {}
    for cover in covers:
        by_type.setdefault(cover.cover, []).append(cover.geometry)
    order = sorted(by_type, key=lambda c: (-coefficients[c], COVER_TYPES.index(c)))
    regions: dict[str, BaseGeometry] = {}
    counted: list[BaseGeometry] = []
    for cover_type in order:
        parts = by_type[cover_type]
        geom: BaseGeometry = shapely.union_all(parts)
        if site is not None:
            geom = shapely.intersection(geom, site)
        # Query the tree with each polygon, not their union, whose envelope
        # would take in most of the site.
        under = index.footprints_touching_any(parts)
        if len(under):
            geom = shapely.difference(geom, _dissolved(under))
        if geom.is_empty:
            continue
        if counted:
            geom = shapely.difference(geom, _counted_meeting(counted, geom))
            if geom.is_empty:
                continue
        regions[cover_type] = geom
        counted.extend(shapely.get_parts(geom).tolist())
    return regions


_POLYGON = 3  # shapely.get_type_id of a Polygon


def _counted_meeting(counted: list[BaseGeometry], region: BaseGeometry) -> BaseGeometry:
    """The pieces of ground already counted that may meet ``region``, as one.

    When none does, a square beyond the region's box: the region still goes
    through one overlay, as it would with all the ground counted, because GEOS
    starts the rings of an overlay's result at vertices of its own choosing and
    a ring's starting vertex changes the last bit of its area.
    """
    pieces = np.empty(len(counted), dtype=object)
    pieces[:] = counted
    _, found = shapely.STRtree(pieces).query(shapely.get_parts(region))
    if len(found):
        meeting = pieces[np.unique(found)]
        if (shapely.get_type_id(meeting) == _POLYGON).all():
            return _dissolved(meeting)
        # a point or a line where a cover only met the site's edge: rare
        return cast(BaseGeometry, shapely.union_all(meeting))
    _, _, right, top = region.bounds
    return shapely.box(right + 1.0, top + 1.0, right + 2.0, top + 2.0)


def _dissolved(polygons: NDArray[np.object_]) -> BaseGeometry:
    """The union of ``polygons``, uniting only those that meet.

    A polygon that meets no other is taken as it is; each group that meets
    (overlapping or touching) is united. The result is one valid geometry
    covering exactly the union, for a fraction of ``union_all``'s cost on
    polygons spread over a site.
    """
    if len(polygons) == 1:
        return cast(BaseGeometry, polygons[0])
    first, second = shapely.STRtree(polygons).query(polygons, predicate="intersects")
    parts: list[BaseGeometry] = []
    for group in _groups(
        len(polygons), first[first != second], second[first != second]
    ):
        if len(group) == 1:
            parts.append(polygons[group[0]])
        else:
            parts.extend(shapely.get_parts(shapely.union_all(polygons[group])).tolist())
    return cast(BaseGeometry, shapely.multipolygons(parts))


def _groups(
    count: int, first: NDArray[np.intp], second: NDArray[np.intp]
) -> list[list[int]]:
    """The connected groups of ``range(count)`` linked by the pairs given, in order."""
    parent = list(range(count))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in zip(first.tolist(), second.tolist(), strict=True):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for k in range(count):
        groups.setdefault(root(k), []).append(k)
    return list(groups.values())


def ground_facts(
    covers: Sequence[GroundCover],
    index: FootprintIndex,
    site: BaseGeometry | None,
    coefficients: dict[str, float],
    m2_per_space: float = 25.0,
) -> GroundFacts:
    """Measure each cover type once, inside the site and outside buildings.

    Parking spaces of a car park without stated ``spaces`` are estimated from its
    own polygon's area, rounded down (a part of a space is no space).
    """
    area = dict.fromkeys(COVER_TYPES, 0.0)
    for cover_type, geom in cover_regions(covers, index, site, coefficients).items():
        area[cover_type] = float(geom.area)
    return GroundFacts(area, parking_spaces(covers, m2_per_space))


def parking_spaces(covers: Sequence[GroundCover], m2_per_space: float) -> float:
    """Car spaces of the surface car parks: stated, else ⌊area ÷ m² per space⌋.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> parking_spaces([GroundCover("p", "parking", box(0, 0, 10, 24.9))], 25.0)
    9.0
    """
    spaces = 0
    for cover in covers:
        if cover.cover == "parking":
            spaces += cover.spaces or math.floor(
                round(cover.geometry.area / m2_per_space, 9)
            )
    return float(spaces)
