"""Small typed helpers around shapely: validation of polygons on entry (DESIGN §10)."""

from __future__ import annotations

import math
from typing import TypeAlias

import shapely
from shapely.geometry import MultiPolygon, Polygon

from mixplan.model.errors import ModelError

__all__ = ["Areal", "MAX_COORDINATE", "as_areal", "as_polygon"]

Areal: TypeAlias = Polygon | MultiPolygon

#: Projected metric coordinates beyond this are refused: areas would overflow or be
#: meaningless (no projected CRS used here reaches 1e8 m).
MAX_COORDINATE = 1e8


def _check_coordinates(geom: Areal, what: str) -> None:
    coords = shapely.get_coordinates(geom)
    if coords.size == 0:
        raise ModelError(f"{what} is empty")
    if not bool(shapely.is_valid_input(geom)) or not math.isfinite(float(coords.sum())):
        raise ModelError(f"{what} has NaN or infinite coordinates")
    if float(abs(coords).max()) > MAX_COORDINATE:
        raise ModelError(f"{what} has coordinates beyond ±{MAX_COORDINATE:.0e} m")


def as_polygon(geom: object, what: str = "footprint") -> Polygon:
    """Check that ``geom`` is a valid polygon of positive area and return it.

    Parameters
    ----------
    geom
        Any object; only a shapely ``Polygon`` passes.
    what
        How the geometry is named in the error message.

    Raises
    ------
    ModelError
        If it is not a polygon, is empty, invalid (bow-tie, self-intersection),
        has non-finite or huge coordinates, or has zero area.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> as_polygon(box(0, 0, 10, 5)).area
    50.0
    """
    if not isinstance(geom, Polygon):
        kind = getattr(geom, "geom_type", type(geom).__name__)
        raise ModelError(f"{what} must be a polygon, not {kind}")
    _check_coordinates(geom, what)
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        raise ModelError(f"{what} is not a valid polygon ({reason})")
    if not geom.area > 0:
        raise ModelError(f"{what} has no area")
    return geom


def as_areal(geom: object, what: str = "boundary") -> Areal:
    """Check that ``geom`` is a valid polygon or multipolygon of positive area.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> as_areal(box(0, 0, 1, 1) | box(2, 0, 3, 1)).geom_type
    'MultiPolygon'
    """
    if isinstance(geom, Polygon):
        return as_polygon(geom, what)
    if not isinstance(geom, MultiPolygon):
        kind = getattr(geom, "geom_type", type(geom).__name__)
        raise ModelError(f"{what} must be a polygon or multipolygon, not {kind}")
    _check_coordinates(geom, what)
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        raise ModelError(f"{what} is not a valid multipolygon ({reason})")
    if not geom.area > 0:
        raise ModelError(f"{what} has no area")
    return geom
