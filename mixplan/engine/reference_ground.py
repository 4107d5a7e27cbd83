"""The reference measure of ground cover: one plain overlay after another.

:func:`~mixplan.engine.land.ground_facts` overlays only where covers, footprints
and the ground already counted actually meet. This module measures the same
:class:`~mixplan.engine.land.GroundFacts` the plain way, for the reference
evaluation (:mod:`mixplan.engine.reference`) the faster one is tested against:
each cover type's polygons united, cut to the site, minus the union of every
footprint touching them, minus the union of the ground already counted.
"""

from __future__ import annotations

from collections.abc import Sequence

import shapely
from shapely.geometry.base import BaseGeometry

from mixplan.engine.land import GroundFacts, parking_spaces
from mixplan.engine.spatial import FootprintIndex
from mixplan.model.project import COVER_TYPES, GroundCover

__all__ = ["reference_cover_regions", "reference_ground_facts"]


def reference_cover_regions(
    covers: Sequence[GroundCover],
    index: FootprintIndex,
    site: BaseGeometry | None,
    coefficients: dict[str, float],
) -> dict[str, BaseGeometry]:
    """Where each cover type counts: inside the site, off the footprints, once.

    Where covers overlap, the type with the higher coefficient takes the ground.
    """
    by_type: dict[str, list[BaseGeometry]] = {}
    for cover in covers:
        by_type.setdefault(cover.cover, []).append(cover.geometry)
    order = sorted(by_type, key=lambda c: (-coefficients[c], COVER_TYPES.index(c)))
    regions: dict[str, BaseGeometry] = {}
    counted: BaseGeometry | None = None
    for cover_type in order:
        parts = by_type[cover_type]
        geom: BaseGeometry = shapely.union_all(parts)
        if site is not None:
            geom = shapely.intersection(geom, site)
        under = index.footprints_touching_any(parts)
        if len(under):
            geom = shapely.difference(geom, shapely.union_all(under))
        if counted is not None:
            geom = shapely.difference(geom, counted)
        if geom.is_empty:
            continue
        regions[cover_type] = geom
        counted = geom if counted is None else shapely.union(counted, geom)
    return regions


def reference_ground_facts(
    covers: Sequence[GroundCover],
    index: FootprintIndex,
    site: BaseGeometry | None,
    coefficients: dict[str, float],
    m2_per_space: float = 25.0,
) -> GroundFacts:
    """Each cover type's area measured the plain way, and the car spaces."""
    area = dict.fromkeys(COVER_TYPES, 0.0)
    regions = reference_cover_regions(covers, index, site, coefficients)
    for cover_type, geom in regions.items():
        area[cover_type] = float(geom.area)
    return GroundFacts(area, parking_spaces(covers, m2_per_space))
