"""GeoJSON polygon geometry to and from shapely, checked strictly (DESIGN §10).

shapely's own ``shape()`` closes open rings silently and accepts strings and nested
garbage in odd ways; this reader says what is wrong instead. Only ``Polygon`` and
``MultiPolygon`` exist in the mixplan profile.
"""

from __future__ import annotations

import math
from typing import Any

from shapely.geometry import MultiPolygon, Polygon

from mixplan.model.errors import ModelError
from mixplan.model.geometry import Areal

__all__ = ["GeometryBudget", "areal_from_geojson", "areal_to_geojson"]


class GeometryBudget:
    """Counts vertices read so far and refuses input beyond ``limit``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def spend(self, count: int) -> None:
        self.used += count
        if self.used > self.limit:
            raise ModelError(f"more than {self.limit:,} vertices in the file")


def _ring_coords(ring: Any) -> list[list[float]]:
    return [list(xy) for xy in ring.coords]


def _polygon_coords(polygon: Polygon) -> list[list[list[float]]]:
    return [_ring_coords(polygon.exterior)] + [
        _ring_coords(interior) for interior in polygon.interiors
    ]


def areal_to_geojson(geom: Areal) -> dict[str, Any]:
    """A GeoJSON geometry object for a polygon or multipolygon (rings as stored).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> areal_to_geojson(box(0, 0, 1, 1))["coordinates"][0][0]
    [1.0, 0.0]
    """
    if isinstance(geom, Polygon):
        return {"type": "Polygon", "coordinates": _polygon_coords(geom)}
    return {
        "type": "MultiPolygon",
        "coordinates": [_polygon_coords(part) for part in geom.geoms],
    }


def _position(value: Any) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) not in (2, 3):
        raise ModelError(f"a position must be [x, y], not {_short(value)}")
    for number in value:
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise ModelError(f"a position must hold numbers, not {_short(value)}")
        try:
            finite = math.isfinite(number)
        except OverflowError:  # JSON allows a 400-digit integer
            raise ModelError("a position has a coordinate too large") from None
        if not finite:
            raise ModelError("a position has a NaN or infinite coordinate")
    # A third (z) ordinate carries nothing a footprint means; it is dropped.
    return float(value[0]), float(value[1])


def _ring(value: Any, budget: GeometryBudget) -> list[tuple[float, float]]:
    if not isinstance(value, list):
        raise ModelError(f"a ring must be a list of positions, not {_short(value)}")
    budget.spend(len(value))
    points = [_position(p) for p in value]
    if len(points) < 4:
        raise ModelError(f"a ring needs at least 4 positions, not {len(points)}")
    if points[0] != points[-1]:
        raise ModelError("a ring is not closed (first and last positions differ)")
    return points


def _polygon(value: Any, budget: GeometryBudget) -> Polygon:
    if not isinstance(value, list) or not value:
        raise ModelError("a polygon must be a non-empty list of rings")
    rings = [_ring(r, budget) for r in value]
    return Polygon(rings[0], rings[1:])


def areal_from_geojson(
    geometry: Any, budget: GeometryBudget, *, single: bool = False
) -> Areal:
    """Read a GeoJSON ``Polygon``/``MultiPolygon`` object into shapely.

    Parameters
    ----------
    geometry
        The decoded ``geometry`` member.
    budget
        Shared vertex counter for the whole file.
    single
        Require one polygon: a ``MultiPolygon`` of one part (as QGIS writes
        buildings) is unwrapped; more parts are refused.

    Raises
    ------
    ModelError
        Naming the problem: missing geometry, wrong type, malformed or open ring,
        non-finite coordinate. Validity (bow-ties, zero area) is checked by the
        model when the geometry is used.
    """
    if geometry is None:
        raise ModelError("has no geometry")
    if not isinstance(geometry, dict):
        raise ModelError(f"geometry must be an object, not {_short(geometry)}")
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Polygon":
        return _polygon(coords, budget)
    if kind == "MultiPolygon":
        if not isinstance(coords, list) or not coords:
            raise ModelError("a multipolygon must be a non-empty list of polygons")
        parts = [_polygon(p, budget) for p in coords]
        if single:
            if len(parts) > 1:
                raise ModelError(
                    "must be a single polygon, not a multipolygon of "
                    f"{len(parts)} parts"
                )
            return parts[0]
        return MultiPolygon(parts)
    wanted = "a Polygon" if single else "a Polygon or MultiPolygon"
    raise ModelError(f"geometry must be {wanted}, not {_short(kind)}")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
