"""Geometry repair for imports: make polygons valid and say what was done (DESIGN §10).

An imported footprint is either kept as it is, repaired (each repair named in the
import report), or skipped with a reason. What must never happen is a silent change
of meaning: a bow-tie that becomes a zero-area polygon, a hole that becomes a
building, a polygon that becomes a line. So holes are handled apart from the shell:
a hole outside its shell is dropped, never turned into a second polygon (which is
what ``shapely.make_valid`` would do).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from mixplan.model.geometry import MAX_COORDINATE

__all__ = [
    "MIN_PART_AREA_M2",
    "REPAIR_DUPLICATES",
    "REPAIR_HOLE_OUTSIDE",
    "REPAIR_MAKE_VALID",
    "REPAIR_RING_CLOSED",
    "REPAIR_SLIVER",
    "REPAIR_ZERO_HOLE",
    "RepairOutcome",
    "coordinate_problems",
    "polygon_parts",
    "repair_areal",
]

#: Parts smaller than this (m²) are slivers left by a repair, not buildings.
MIN_PART_AREA_M2 = 0.01

REPAIR_RING_CLOSED = "ring closed"
REPAIR_DUPLICATES = "duplicate vertices removed"
REPAIR_MAKE_VALID = "self-intersection fixed by make_valid keeping polygons only"
REPAIR_HOLE_OUTSIDE = "hole outside its shell dropped"
REPAIR_ZERO_HOLE = "zero-area hole dropped"
REPAIR_SLIVER = "sliver part under 0.01 m² dropped"


@dataclass
class RepairOutcome:
    """What became of one source geometry.

    ``parts`` are the valid polygons to import (empty when skipped), ``repairs`` the
    repairs applied, ``skip_reason`` why nothing is imported.
    """

    parts: list[Polygon] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    skip_reason: str | None = None


def coordinate_problems(geoms: np.ndarray, limit: float = MAX_COORDINATE) -> np.ndarray:
    """For each geometry, ``""`` if its coordinates are fine, else the problem.

    Vectorised over the whole layer: non-finite coordinates (NaN, infinity) and
    coordinates beyond ``±limit`` (areas would overflow or be meaningless).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> list(coordinate_problems(np.array([box(0, 0, 1, 1), box(0, 0, 1e9, 1)])))
    ['', 'coordinates beyond ±1e+08 m']
    """
    problems = np.full(len(geoms), "", dtype=object)
    if len(geoms) == 0:
        return problems
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    if coords.size == 0:
        return problems
    with np.errstate(invalid="ignore"):
        bad_value = ~np.isfinite(coords).all(axis=1)
        huge = np.abs(np.where(np.isfinite(coords), coords, 0)).max(axis=1) > limit
    nonfinite_geoms = np.unique(index[bad_value])
    huge_geoms = np.unique(index[huge])
    problems[huge_geoms] = f"coordinates beyond ±{limit:.0e} m"
    problems[nonfinite_geoms] = "NaN or infinite coordinates"
    return problems


def _polygons_of(geom: BaseGeometry) -> list[Polygon]:
    """The polygons inside any geometry (lines and points of a collection dropped)."""
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    if isinstance(geom, MultiPolygon):
        return [p for p in geom.geoms if not p.is_empty]
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in _polygons_of(g)]
    return []


def _valid_area(ring_polygon: Polygon) -> BaseGeometry | None:
    """``make_valid`` of a single ring, polygons only; ``None`` when it has no area."""
    fixed = _polygons_of(shapely.make_valid(ring_polygon))
    if not fixed:
        return None
    return shapely.union_all(fixed) if len(fixed) > 1 else fixed[0]


def _repair_polygon(polygon: Polygon, repairs: list[str]) -> list[Polygon]:
    shell = _valid_area(Polygon(polygon.exterior))
    if shell is None:
        return []
    if not Polygon(polygon.exterior).is_valid:
        repairs.append(REPAIR_MAKE_VALID)
    holes = []
    for ring in polygon.interiors:
        hole = _valid_area(Polygon(ring))
        if hole is None:
            repairs.append(REPAIR_ZERO_HOLE)
        elif not hole.intersects(shell) or hole.intersection(shell).area <= 0:
            repairs.append(REPAIR_HOLE_OUTSIDE)
        else:
            holes.append(hole)
    result = shell.difference(shapely.union_all(holes)) if holes else shell
    if holes and REPAIR_MAKE_VALID not in repairs:
        # Holes touching or crossing the shell: the difference is the valid reading.
        repairs.append(REPAIR_MAKE_VALID)
    return _polygons_of(result)


def repair_areal(geom: BaseGeometry | None) -> RepairOutcome:
    """Turn one source geometry into valid polygons, naming each repair.

    Parameters
    ----------
    geom
        A shapely geometry in the project CRS (2D), or ``None`` (unreadable).

    Returns
    -------
    RepairOutcome
        The polygon parts (a multipolygon gives several), the repairs applied, or
        the reason it is skipped (not areal, no area).

    Examples
    --------
    >>> bow_tie = Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    >>> out = repair_areal(bow_tie)
    >>> len(out.parts), out.parts[0].area, out.repairs
    (2, 1.0, ['self-intersection fixed by make_valid keeping polygons only'])
    """
    out = RepairOutcome()
    if geom is None or geom.is_empty:
        out.skip_reason = "empty geometry"
        return out
    if not isinstance(geom, Polygon | MultiPolygon):
        polygons = _polygons_of(geom)
        if not polygons:
            out.skip_reason = f"not a polygon ({geom.geom_type})"
            return out
        geom = MultiPolygon(polygons)
    cleaned = shapely.remove_repeated_points(geom, tolerance=0.0)
    if shapely.get_num_coordinates(cleaned) < shapely.get_num_coordinates(geom):
        out.repairs.append(REPAIR_DUPLICATES)
        geom = cleaned
    sources = [geom] if isinstance(geom, Polygon) else list(geom.geoms)
    if geom.is_valid:
        parts = [p for p in sources if not p.is_empty]
    else:
        pieces: list[Polygon] = []
        for polygon in sources:
            pieces.extend(_repair_polygon(polygon, out.repairs))
        if len(sources) > 1 and pieces:
            # Overlapping parts of one feature are one area, not stacked buildings.
            pieces = _polygons_of(shapely.union_all(pieces))
        parts = pieces
        if REPAIR_MAKE_VALID not in out.repairs and not out.repairs:
            out.repairs.append(REPAIR_MAKE_VALID)
    kept = [p for p in parts if p.area >= MIN_PART_AREA_M2]
    if len(kept) < len(parts) and kept:
        out.repairs.append(REPAIR_SLIVER)
    if not kept:
        out.skip_reason = "no area (degenerate or zero-area ring)"
        return out
    out.parts = kept
    out.repairs = list(dict.fromkeys(out.repairs))
    return out


def polygon_parts(geom: BaseGeometry) -> list[Polygon]:
    """The non-empty polygons of a polygon, multipolygon or collection."""
    return _polygons_of(geom)
