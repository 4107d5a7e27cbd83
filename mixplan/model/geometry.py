"""Small typed helpers around shapely: validation of polygons on entry (DESIGN §10).

A project file holds tens of thousands of polygons: :func:`polygons_checked`
checks them a slice at a time with one vectorised shapely call per test, and the
model's constructors then take the ones that passed without checking each again
(a polygon that fails is checked on its own as before, for the same error).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeAlias

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from mixplan.model.errors import ModelError

__all__ = [
    "Affine",
    "Areal",
    "MAX_COORDINATE",
    "POLYGONS_PER_CHECK",
    "as_areal",
    "affine_transformed",
    "as_polygon",
    "polygons_checked",
    "rotation",
    "translation",
    "valid_polygons",
]

Areal: TypeAlias = Polygon | MultiPolygon
#: A plane affine map as shapely's ``affine_transform`` takes it:
#: ``(a, b, d, e, xoff, yoff)``, x' = a x + b y + xoff, y' = d x + e y + yoff.
Affine: TypeAlias = tuple[float, float, float, float, float, float]

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
    if id(geom) in _checked.get():
        return geom  # type: ignore[return-value]  # passed valid_polygons
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


#: Polygons checked by one vectorised call: shapely's calls run no bytecode, so
#: a call holds the GIL throughout (a project is read in a thread of the editor).
POLYGONS_PER_CHECK = 2048

#: Ids of the polygons :func:`polygons_checked` found valid, in this context.
_checked: ContextVar[frozenset[int]] = ContextVar("checked", default=frozenset())


def valid_polygons(geoms: Sequence[object]) -> np.ndarray:
    """For each of ``geoms``, whether :func:`as_polygon` passes it (vectorised).

    Same tests as :func:`as_polygon`, made on many geometries at once: a
    polygon, not empty, finite coordinates within ``±MAX_COORDINATE``, valid,
    of positive area.

    Examples
    --------
    >>> from shapely.geometry import Point, box
    >>> bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    >>> valid_polygons([box(0, 0, 1, 1), bowtie, Point(0, 0), None]).tolist()
    [True, False, False, False]
    """
    passed = np.fromiter(
        (isinstance(g, Polygon) for g in geoms), dtype=bool, count=len(geoms)
    )
    for start in range(0, len(geoms), POLYGONS_PER_CHECK):
        piece = slice(start, start + POLYGONS_PER_CHECK)
        ok = passed[piece]
        polygons = np.asarray(geoms[piece], dtype=object)[ok]
        if not len(polygons):
            continue
        coords, owner = shapely.get_coordinates(polygons, return_index=True)
        # NaN and infinities fail the comparison too.
        beyond = ~(np.abs(coords) <= MAX_COORDINATE).all(axis=1)
        good = (
            (np.bincount(owner, minlength=len(polygons)) > 0)
            & (np.bincount(owner[beyond], minlength=len(polygons)) == 0)
            & shapely.is_valid_input(polygons)
        )
        # Validity and area only of finite polygons (GEOS warns of the others).
        finite = polygons[good]
        good[good] = shapely.is_valid(finite) & (shapely.area(finite) > 0)
        ok[ok] = good
    return passed


@contextmanager
def polygons_checked(geoms: Sequence[object]) -> Iterator[np.ndarray]:
    """Within: :func:`as_polygon` passes those of ``geoms`` that are valid at once.

    Yields :func:`valid_polygons` of ``geoms``; the others are checked one by
    one as ever (for the error that names what is wrong). ``geoms`` are held
    until the context ends (their ids are what is remembered). Nestable; the
    checks stay in the calling thread (a context variable).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> squares = [box(0, 0, 1, 1), box(0, 0, 2, 2)]
    >>> with polygons_checked(squares) as passed:
    ...     as_polygon(squares[1]).area, passed.tolist()
    (4.0, [True, True])
    """
    passed = valid_polygons(geoms)
    ids = {id(g) for g, ok in zip(geoms, passed.tolist(), strict=True) if ok}
    token = _checked.set(_checked.get() | ids)
    try:
        yield passed
    finally:
        _checked.reset(token)


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


def translation(dx: float, dy: float) -> Affine:
    """The map of ``shapely.affinity.translate(g, dx, dy)``."""
    return (1.0, 0.0, 0.0, 1.0, dx, dy)


def rotation(degrees: float, origin: tuple[float, float]) -> Affine:
    """The map of ``shapely.affinity.rotate(g, degrees, origin=origin)``.

    Counter-clockwise, computed as shapely computes it.

    Examples
    --------
    >>> rotation(90.0, (1.0, 0.0))
    (0.0, -1.0, 1.0, 0.0, 1.0, -1.0)
    """
    angle = degrees * math.pi / 180.0
    cosp, sinp = math.cos(angle), math.sin(angle)
    if abs(cosp) < 2.5e-16:
        cosp = 0.0
    if abs(sinp) < 2.5e-16:
        sinp = 0.0
    x0, y0 = origin
    return (
        cosp,
        -sinp,
        sinp,
        cosp,
        x0 - x0 * cosp + y0 * sinp,
        y0 - x0 * sinp - y0 * cosp,
    )


def affine_transformed(geometries: Sequence[Areal], matrix: Affine) -> np.ndarray:
    """The geometries mapped by ``matrix`` in one vectorised call.

    Each has the coordinates ``shapely.affinity.affine_transform(g, matrix)``
    gives it (the same arithmetic, element by element; a z kept as it is).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> [g.bounds for g in affine_transformed([box(0, 0, 2, 1)], translation(5, 1))]
    [(5.0, 1.0, 7.0, 2.0)]
    """
    a, b, d, e, xoff, yoff = matrix

    def mapped(coords: np.ndarray) -> np.ndarray:
        x, y = coords[:, 0], coords[:, 1]
        result = coords.copy()
        result[:, 0] = a * x + b * y + xoff
        result[:, 1] = d * x + e * y + yoff
        return result

    array = np.empty(len(geometries), dtype=object)
    array[:] = list(geometries)
    return shapely.transform(array, mapped, include_z=None)  # type: ignore[no-any-return]
