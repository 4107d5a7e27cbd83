"""Ground cover: open soil, biotope coefficient (CBS) and artificialised land.

Coefficients (RULES §1.6, Berlin BAF via Brussels Environment): open soil
(pleine terre) 1.0, semi-open 0.5, permeable paving 0.3, sealed 0, yard 0 (a
sealed service yard), greening on slab ``assumptions.cbs_green_on_slab`` (0.5
under 80 cm of soil, 0.7 from 80 cm), green roof 0.7 × footprint.

Artificialised land (RULES §1.7, décret 2023-1096): buildings (A1) and sealed,
yard, permeable, semi-open and on-slab covers (A2–A4) are artificialised; open
soil is not. Site ground with no cover drawn and no building on it counts as
artificialised when ``assumptions.uncovered_ground_artificialised`` is true (the
default: business sites are overwhelmingly A1–A4, and an import of buildings alone
says nothing of the ground between them; counting it as open soil would credit
land nobody has surveyed). Net new artificialised area is the scenario's total
minus the baseline's, which equals the area turned artificial minus the area
renatured, both measured over the same site.

Cover is measured inside the site, outside footprints, and once: where covers
overlap, the one with the higher coefficient counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import shapely
from shapely.geometry.base import BaseGeometry

from mixplan.engine.spatial import FootprintIndex
from mixplan.model.project import COVER_TYPES, GroundCover

__all__ = [
    "ARTIFICIALISED_COVERS",
    "GREEN_ROOF_CBS",
    "GroundFacts",
    "cover_coefficients",
    "cover_regions",
    "ground_facts",
]

GREEN_ROOF_CBS = 0.7
ARTIFICIALISED_COVERS = frozenset(
    {"semi_open", "permeable_paving", "sealed", "yard", "green_on_slab"}
)


def cover_coefficients(green_on_slab: float) -> dict[str, float]:
    """The CBS coefficient of each cover type (RULES §1.6).

    Examples
    --------
    >>> cover_coefficients(0.5)["permeable_paving"]
    0.3
    """
    return {
        "open_soil": 1.0,
        "semi_open": 0.5,
        "permeable_paving": 0.3,
        "sealed": 0.0,
        "yard": 0.0,
        "green_on_slab": green_on_slab,
    }


@dataclass(frozen=True, slots=True)
class GroundFacts:
    """Effective area of each cover type (m², in the site, off the footprints)."""

    area_by_cover: dict[str, float]

    @property
    def covered_m2(self) -> float:
        return sum(self.area_by_cover.values())

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
        # Query the tree with each polygon, not their union, whose envelope
        # would take in most of the site.
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


def ground_facts(
    covers: Sequence[GroundCover],
    index: FootprintIndex,
    site: BaseGeometry | None,
    coefficients: dict[str, float],
) -> GroundFacts:
    """Measure each cover type once, inside the site and outside buildings."""
    area = dict.fromkeys(COVER_TYPES, 0.0)
    for cover_type, geom in cover_regions(covers, index, site, coefficients).items():
        area[cover_type] = float(geom.area)
    return GroundFacts(area)
