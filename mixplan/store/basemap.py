"""Where a base-map image lies: georeferencing from GeoTIFF tags or a world file.

A base map is an image placed under the plan (an orthophoto, a scanned plan). Its
place comes from the GeoTIFF keys inside the file (read with tifffile) or from a
*world file* beside it (``.tfw``, ``.jgw``, ``.pgw``, ``.wld``…: six numbers, ESRI's
format) with, optionally, a ``.prj`` naming its CRS. The pixels themselves are
read by the editor; this module only says where the image's corners fall in the
project's CRS, reprojecting them with pyproj when the image's CRS differs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from mixplan.model.errors import MixplanError

__all__ = [
    "MAX_IMAGE_BYTES",
    "MAX_IMAGE_PIXELS",
    "Georeference",
    "read_georeference",
    "world_file_of",
]

#: Larger images are refused: 100 megapixels take 400 MB once decoded.
MAX_IMAGE_PIXELS = 100_000_000
MAX_IMAGE_BYTES = 2 * 1024**3

_WORLD_SUFFIXES = {
    ".tif": (".tfw", ".tifw"),
    ".tiff": (".tfw", ".tiffw"),
    ".jpg": (".jgw", ".jpgw"),
    ".jpeg": (".jgw", ".jpegw"),
    ".png": (".pgw", ".pngw"),
    ".gif": (".gfw", ".gifw"),
    ".bmp": (".bpw", ".bmpw"),
}


@dataclass(frozen=True)
class Georeference:
    """An image's size and where its pixels lie.

    ``transform`` = (a, b, c, d, e, f) maps a point (u, v) of the image, in pixels
    from its upper-left *corner* (u to the right, v down), to
    x = a·u + b·v + c, y = d·u + e·v + f in the image's CRS ``crs``
    (``"EPSG:N"``, or ``""`` when the source does not say: then the project's
    CRS is assumed, and :attr:`assumed_crs` says so).
    """

    width: int
    height: int
    transform: tuple[float, float, float, float, float, float]
    crs: str
    origin: str

    @property
    def assumed_crs(self) -> bool:
        return not self.crs

    def corners(self) -> list[tuple[float, float]]:
        """The image's four outer corners in its own CRS.

        Upper-left, upper-right, lower-right, lower-left.

        Examples
        --------
        >>> g = Georeference(4, 2, (1.0, 0.0, 100.0, 0.0, -1.0, 50.0), "", "x")
        >>> g.corners()
        [(100.0, 50.0), (104.0, 50.0), (104.0, 48.0), (100.0, 48.0)]
        """
        a, b, c, d, e, f = self.transform
        return [
            (a * u + b * v + c, d * u + e * v + f)
            for u, v in (
                (0, 0),
                (self.width, 0),
                (self.width, self.height),
                (0, self.height),
            )
        ]

    def corners_in(self, project_crs: str) -> list[tuple[float, float]]:
        """The four corners in ``project_crs``, reprojected when the CRS differs.

        Only the corners are reprojected: over a site-sized image the editor maps
        the image onto them with a projective transform, far within a pixel for
        conformal projections such as Lambert-93. A corner that does not
        reproject (outside the CRS's area) raises :class:`MixplanError`.
        """
        corners = self.corners()
        if not self.crs or self.crs == project_crs:
            return corners
        from pyproj import Transformer
        from pyproj.exceptions import ProjError

        from mixplan.store.crs import PROJ_LOCK

        try:
            with PROJ_LOCK:
                transformer = Transformer.from_crs(
                    self.crs, project_crs, always_xy=True
                )
                xs, ys = transformer.transform(
                    [p[0] for p in corners], [p[1] for p in corners]
                )
        except ProjError as exc:
            raise MixplanError(
                f"cannot reproject from {self.crs} to {project_crs} ({exc})"
            ) from None
        out = [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]
        if not all(math.isfinite(v) for p in out for v in p):
            raise MixplanError(
                f"the image lies outside the area where {self.crs} reprojects to "
                f"{project_crs}"
            )
        return out


def world_file_of(image: Path) -> Path | None:
    """The world file beside ``image``, if any (``.tfw``… then ``.wld``)."""
    suffix = image.suffix.lower()
    candidates = [*_WORLD_SUFFIXES.get(suffix, ()), ".wld"]
    for candidate in candidates:
        for variant in (candidate, candidate.upper()):
            path = image.with_suffix(variant)
            if path.is_file():
                return path
    return None


def _checked_crs(code: str, path: Path) -> str:
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        crs = CRS.from_user_input(code)
    except CRSError:
        raise MixplanError(
            f"unknown coordinate reference system {code}", path
        ) from None
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg is not None else crs.to_wkt()


def _crs_of_prj(image: Path) -> str:
    prj = image.with_suffix(".prj")
    if not prj.is_file():
        return ""
    if prj.stat().st_size > 100_000:
        raise MixplanError("the .prj file is over 100 kB", prj)
    text = prj.read_text(encoding="utf-8", errors="replace").strip()
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        crs = CRS.from_wkt(text)
    except CRSError:
        raise MixplanError("the .prj file does not describe a CRS", prj) from None
    epsg = crs.to_epsg(min_confidence=70)
    return f"EPSG:{epsg}" if epsg is not None else crs.to_wkt()


def _read_world_file(path: Path) -> tuple[float, ...]:
    if path.stat().st_size > 10_000:
        raise MixplanError(
            "a world file holds six numbers; this one is over 10 kB", path
        )
    lines = path.read_text(encoding="utf-8", errors="replace").split()
    try:
        values = tuple(float(v) for v in lines)
    except ValueError:
        raise MixplanError("a world file holds six numbers, one a line", path) from None
    if len(values) != 6 or not all(math.isfinite(v) for v in values):
        raise MixplanError("a world file holds six finite numbers, one a line", path)
    return values


def _image_size(path: Path) -> tuple[int, int]:
    """Width and height from the file's header, without decoding the pixels."""
    import struct

    with path.open("rb") as fh:
        head = fh.read(32)
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        width, height = struct.unpack(">II", head[16:24])
        return int(width), int(height)
    if head[:2] in (b"II", b"MM"):
        return _tiff_size(path)
    if head.startswith(b"\xff\xd8"):
        return _jpeg_size(path)
    raise MixplanError("not a PNG, JPEG or TIFF image", path)


def _jpeg_size(path: Path) -> tuple[int, int]:
    import struct

    with path.open("rb") as fh:
        fh.read(2)
        for _ in range(10_000):
            marker = fh.read(2)
            if len(marker) < 2 or marker[0] != 0xFF:
                break
            if marker[1] in (0xD8, 0x01) or 0xD0 <= marker[1] <= 0xD7:
                continue
            length_bytes = fh.read(2)
            if len(length_bytes) < 2:
                break
            (length,) = struct.unpack(">H", length_bytes)
            if 0xC0 <= marker[1] <= 0xCF and marker[1] not in (0xC4, 0xC8, 0xCC):
                data = fh.read(5)
                if len(data) < 5:
                    break
                height, width = struct.unpack(">HH", data[1:5])
                return int(width), int(height)
            fh.seek(length - 2, 1)
    raise MixplanError("the JPEG image is damaged (no frame header)", path)


def _tiff_size(path: Path) -> tuple[int, int]:
    with _open_tiff(path) as tif:
        try:
            page = tif.pages.first
            return int(page.imagewidth), int(page.imagelength)
        except Exception as exc:  # noqa: BLE001 - tifffile raises many kinds on damage
            raise MixplanError(
                f"the TIFF file is damaged ({type(exc).__name__})", path
            ) from None


def _open_tiff(path: Path):  # type: ignore[no-untyped-def]
    import tifffile

    try:
        return tifffile.TiffFile(path)
    except Exception as exc:  # noqa: BLE001 - tifffile raises many kinds on damage
        raise MixplanError(
            f"the TIFF file is damaged ({type(exc).__name__})", path
        ) from None


def _geotiff(path: Path) -> Georeference | None:
    """The georeferencing in a GeoTIFF's keys, or None if it has none."""
    with _open_tiff(path) as tif:
        try:
            page = tif.pages.first
            width, height = int(page.imagewidth), int(page.imagelength)
            meta = tif.geotiff_metadata
        except Exception as exc:  # noqa: BLE001 - damaged tags
            raise MixplanError(
                f"the GeoTIFF tags are damaged ({type(exc).__name__})", path
            ) from None
    if not meta:
        return None
    pixel_is_point = int(meta.get("GTRasterTypeGeoKey", 1)) == 2
    shift = 0.5 if pixel_is_point else 0.0
    matrix = meta.get("ModelTransformation")
    try:
        if matrix is not None:
            m = [
                float(v)
                for v in list(matrix.flat if hasattr(matrix, "flat") else matrix)
            ][:16]
            a, b, c, d, e, f = m[0], m[1], m[3], m[4], m[5], m[7]
        else:
            scale = [float(v) for v in meta["ModelPixelScale"]]
            tie = [float(v) for v in meta["ModelTiepoint"]][:6]
            i, j, _k, x, y, _z = tie
            a, b, d, e = scale[0], 0.0, 0.0, -scale[1]
            c, f = x - a * i, y - e * j
    except (KeyError, ValueError, TypeError, IndexError):
        return None
    # PixelIsPoint: the tie point is a pixel's centre, so corners lie half a pixel out.
    c, f = c - shift * (a + b), f - shift * (d + e)
    crs = ""
    model = int(meta.get("GTModelTypeGeoKey", 0) or 0)
    code = meta.get("ProjectedCSTypeGeoKey") if model != 2 else None
    if code is None:
        code = meta.get("GeographicTypeGeoKey")
    if code is not None:
        code = int(code)
        if code == 32767:
            raise MixplanError(
                "the GeoTIFF's CRS is user-defined, not an EPSG code: save it with "
                "an EPSG CRS, or use a world file and a .prj",
                path,
            )
        crs = _checked_crs(f"EPSG:{code}", path)
    return Georeference(width, height, (a, b, c, d, e, f), crs, "GeoTIFF keys")


def read_georeference(path: str | Path) -> Georeference:
    """Where an image lies: from its GeoTIFF keys, else its world file.

    Raises
    ------
    MixplanError
        Naming the file, when it is missing, not a file, not an image we read,
        larger than :data:`MAX_IMAGE_PIXELS`, or georeferenced nowhere (no GeoTIFF
        keys and no world file), or in a CRS pyproj does not know.

    Examples
    --------
    >>> from pathlib import Path
    >>> folder = Path(__file__).parents[2] / "tests/store/fixtures/basemap"
    >>> g = read_georeference(folder / "ortho_2154.tif")
    >>> g.crs, g.width, g.height, g.corners()[0]
    ('EPSG:2154', 64, 48, (652000.0, 6862048.0))
    """
    image = Path(path)
    if not image.exists():
        raise MixplanError("no such file", image)
    if not image.is_file():
        raise MixplanError("not a regular file", image)
    if image.stat().st_size > MAX_IMAGE_BYTES:
        raise MixplanError("the image is over 2 GiB, more than a base map needs", image)
    width, height = _image_size(image)
    if width <= 0 or height <= 0:
        raise MixplanError("the image has no pixels", image)
    if width * height > MAX_IMAGE_PIXELS:
        raise MixplanError(
            f"the image is {width:,} × {height:,} pixels, over the "
            f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels a base map may have: "
            "cut it to the site or lower its resolution",
            image,
        )
    georef = None
    if image.suffix.lower() in (".tif", ".tiff"):
        georef = _geotiff(image)
    world = world_file_of(image)
    if georef is None and world is not None:
        a, d, b, e, c, f = _read_world_file(world)
        if abs(a * e - b * d) < 1e-18:
            raise MixplanError("the world file's pixel size is zero", world)
        # A world file gives the centre of the upper-left pixel.
        georef = Georeference(
            width,
            height,
            (a, b, c - 0.5 * (a + b), d, e, f - 0.5 * (d + e)),
            _crs_of_prj(image),
            f"world file {world.name}",
        )
    if georef is None:
        raise MixplanError(
            "the image is not georeferenced: no GeoTIFF keys and no world file "
            "(.tfw, .jgw, .pgw or .wld) beside it",
            image,
        )
    if not all(math.isfinite(v) for v in georef.transform):
        raise MixplanError(
            "the georeferencing holds numbers that are not finite", image
        )
    return georef
