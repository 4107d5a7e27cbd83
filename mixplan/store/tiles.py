"""Map tiles from a web service (XYZ or WMTS in Web Mercator), with a disk cache.

A tile layer is a URL template: ``{z}``, ``{x}`` and ``{y}`` (also spelt
``{TileMatrix}``, ``{TileCol}``, ``{TileRow}`` as in a WMTS GetTile request on the
``PM`` / ``GoogleMapsCompatible`` matrix set) are replaced by a tile's zoom, column
and row. A WMS GetMap request takes ``{bbox}`` instead: the tile's extent in Web
Mercator (``minx,miny,maxx,maxy``), with ``CRS=EPSG:3857&WIDTH=256&HEIGHT=256`` in
the URL, so a WMS layer is cut and cached in the same tiles. IGN's Géoplateforme
orthophotos and cadastral parcels, and OpenStreetMap, are such services. Every
tile fetched is kept in a cache folder, so a site seen once stays visible without
a network. Fetching never raises past one line: a missing network is a quiet
status in the editor, never an error dialog.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mixplan.model.errors import MixplanError

__all__ = [
    "TileCache",
    "TileKey",
    "tile_corners",
    "tile_url",
    "tiles_covering",
    "zoom_for",
]

_HALF_WORLD = 20037508.342789244  # metres, half the Web Mercator world's width
_MAX_ZOOM = 20
#: A tile bigger than this is not an image tile (an error page, a hostile server).
MAX_TILE_BYTES = 8 * 1024 * 1024
_PLACEHOLDERS = {
    "{TileMatrix}": "{z}",
    "{TileCol}": "{x}",
    "{TileRow}": "{y}",
    "{tilematrix}": "{z}",
    "{tilecol}": "{x}",
    "{tilerow}": "{y}",
}


@dataclass(frozen=True, order=True)
class TileKey:
    """One tile of the Web Mercator pyramid: zoom, column (x), row (y, from the top)."""

    z: int
    x: int
    y: int


def _normalised(template: str) -> str:
    for old, new in _PLACEHOLDERS.items():
        template = template.replace(old, new)
    return template


def tile_url(template: str, tile: TileKey) -> str:
    """The URL of ``tile`` from a template.

    Examples
    --------
    >>> tile_url("https://tile.openstreetmap.org/{z}/{x}/{y}.png", TileKey(17, 66, 45))
    'https://tile.openstreetmap.org/17/66/45.png'
    >>> tile_url("https://w/wmts?TILEMATRIX={TileMatrix}&TILECOL={TileCol}"
    ...          "&TILEROW={TileRow}", TileKey(3, 4, 5))
    'https://w/wmts?TILEMATRIX=3&TILECOL=4&TILEROW=5'
    >>> tile_url("https://w/wms?REQUEST=GetMap&BBOX={bbox}", TileKey(1, 0, 0))
    'https://w/wms?REQUEST=GetMap&BBOX=-20037508.343,0.000,0.000,20037508.343'
    """
    template = _normalised(template)
    if "{bbox}" in template:
        size = 2 * _HALF_WORLD / 2**tile.z
        left = -_HALF_WORLD + tile.x * size
        top = _HALF_WORLD - tile.y * size
        bbox = f"{left:.3f},{top - size:.3f},{left + size:.3f},{top:.3f}"
        return template.replace("{bbox}", bbox)
    for needed in ("{z}", "{x}", "{y}"):
        if needed not in template:
            raise MixplanError(
                f"the tile URL has no {needed} (a tile service URL names the zoom "
                "{z}, column {x} and row {y}, or a WMS request its {bbox})"
            )
    return (
        template.replace("{z}", str(tile.z))
        .replace("{x}", str(tile.x))
        .replace("{y}", str(tile.y))
    )


@functools.lru_cache(maxsize=8)
def _transformer(source: str, target: str):  # type: ignore[no-untyped-def]
    """One PROJ transformer per pair of CRSs (making one costs ~6 ms)."""
    from pyproj import Transformer

    return Transformer.from_crs(source, target, always_xy=True)


def _transform(
    project_crs: str, to_mercator: bool, xs: list[float], ys: list[float]
) -> tuple[list[float], list[float]]:
    from mixplan.store.crs import PROJ_LOCK

    a, b = (project_crs, "EPSG:3857") if to_mercator else ("EPSG:3857", project_crs)
    # A transformer is used by one thread at a time: the lock covers the use too.
    with PROJ_LOCK:
        tx, ty = _transformer(a, b).transform(xs, ys)
    return list(tx), list(ty)


def zoom_for(pixels_per_metre: float, latitude: float) -> int:
    """The tile zoom whose pixels are closest to the plan's at this scale.

    A Web Mercator tile of zoom z has 156,543.03 × cos(latitude) / 2^z ground
    metres a pixel.

    Examples
    --------
    >>> zoom_for(1.0, 48.85)  # one pixel a metre in Paris
    17
    """
    if pixels_per_metre <= 0 or not math.isfinite(pixels_per_metre):
        return 0
    metres = 156543.03392804097 * math.cos(math.radians(latitude))
    z = round(math.log2(max(metres * pixels_per_metre, 1e-9)))
    return max(0, min(_MAX_ZOOM, z))


def tiles_covering(
    bounds: Sequence[float],
    project_crs: str,
    pixels_per_metre: float,
    max_tiles: int = 64,
) -> list[TileKey]:
    """The tiles that cover ``bounds`` (minx, miny, maxx, maxy in the project CRS).

    The zoom follows the scale; when the view would need more than ``max_tiles``
    tiles, coarser tiles are taken instead (never thousands of requests).
    """
    minx, miny, maxx, maxy = bounds
    xs, ys = _transform(
        project_crs, True, [minx, maxx, maxx, minx], [miny, miny, maxy, maxy]
    )
    if not all(math.isfinite(v) for v in (*xs, *ys)):
        return []
    centre_y = (min(ys) + max(ys)) / 2
    latitude = math.degrees(2 * math.atan(math.exp(centre_y / 6378137.0)) - math.pi / 2)
    z = zoom_for(pixels_per_metre, latitude)
    while True:
        n = 2**z
        size = 2 * _HALF_WORLD / n
        x0 = max(0, int((min(xs) + _HALF_WORLD) // size))
        x1 = min(n - 1, int((max(xs) + _HALF_WORLD) // size))
        y0 = max(0, int((_HALF_WORLD - max(ys)) // size))
        y1 = min(n - 1, int((_HALF_WORLD - min(ys)) // size))
        count = (x1 - x0 + 1) * (y1 - y0 + 1)
        if count <= max_tiles or z == 0:
            break
        z -= 1
    return [TileKey(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def tile_corners(tile: TileKey, project_crs: str) -> list[tuple[float, float]]:
    """A tile's corners in the project CRS.

    Upper-left, upper-right, lower-right, lower-left.
    """
    size = 2 * _HALF_WORLD / 2**tile.z
    left = -_HALF_WORLD + tile.x * size
    top = _HALF_WORLD - tile.y * size
    xs = [left, left + size, left + size, left]
    ys = [top, top, top - size, top - size]
    px, py = _transform(project_crs, False, xs, ys)
    return [(float(x), float(y)) for x, y in zip(px, py, strict=True)]


class TileCache:
    """Tiles kept on disk, one folder per service (a hash of its URL template)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def path(self, template: str, tile: TileKey) -> Path:
        service = hashlib.sha256(_normalised(template).encode()).hexdigest()[:16]
        return self.folder / service / str(tile.z) / str(tile.x) / f"{tile.y}.tile"

    def get(self, template: str, tile: TileKey) -> bytes | None:
        """The cached tile, or None."""
        path = self.path(template, tile)
        try:
            if path.stat().st_size > MAX_TILE_BYTES:
                return None
            return path.read_bytes()
        except OSError:
            return None

    def put(self, template: str, tile: TileKey, data: bytes) -> None:
        """Keep a tile (written whole or not at all)."""
        path = self.path(template, tile)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError:
            pass  # a full or read-only disk only costs the cache

    def fetch(self, template: str, tile: TileKey, timeout: float = 10.0) -> bytes:
        """The tile from the cache, else from the service (then cached).

        Raises
        ------
        MixplanError
            One line: the service could not be reached, answered an error, or
            sent something that is not a tile.
        """
        cached = self.get(template, tile)
        if cached is not None:
            return cached
        import urllib.error
        import urllib.request

        url = tile_url(template, tile)
        if not url.lower().startswith(("http://", "https://")):
            raise MixplanError("a tile service URL starts with http:// or https://")
        request = urllib.request.Request(url, headers={"User-Agent": "mixplan"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                data = response.read(MAX_TILE_BYTES + 1)
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            raise MixplanError(
                f"the tile service answered {exc.code} {exc.reason}"
            ) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise MixplanError(
                f"the tile service cannot be reached ({reason})"
            ) from None
        if len(data) > MAX_TILE_BYTES:
            raise MixplanError("the tile service sent a tile over 8 MB")
        if kind and not kind.lower().startswith("image/"):
            raise MixplanError(
                f"the tile service sent {kind.split(';')[0]}, not an image"
            )
        self.put(template, tile, data)
        return data
