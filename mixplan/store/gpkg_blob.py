"""GeoPackage geometry blobs (OGC 12-128r18 §2.1.3) and the ST_ SQL functions.

A blob is a header then ISO WKB::

    offset 0  b"GP"               magic
    offset 2  0                   version (GeoPackage 1.0+)
    offset 3  flags               bit 0: byte order (1 = little endian)
                                  bits 1-3: envelope (1 = minx, maxx, miny, maxy)
                                  bit 4: empty geometry, bit 5: extended type (0)
    offset 4  srs_id              int32, in the flags' byte order
    offset 8  envelope            4 doubles: minx, maxx, miny, maxy
    offset 40 WKB                 ISO flavour

The envelope order is **not** shapely's ``bounds`` order (minx, miny, maxx, maxy).
"""

from __future__ import annotations

import math
import sqlite3
import struct
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

__all__ = [
    "BlobError",
    "decode_blob",
    "decode_blobs",
    "encode_blob",
    "encode_blobs",
    "envelope_of_blob",
    "register_st_functions",
]

MAGIC = b"GP"
_LITTLE_ENDIAN = 0x01
_ENVELOPE_XY = 0x01 << 1
_EMPTY = 0x01 << 4
_HEADER = struct.Struct("<2sBBi4d")  # little endian, envelope [minx, maxx, miny, maxy]
_HEADER_EMPTY = struct.Struct("<2sBBi")
#: Envelope size in bytes by the flags' envelope indicator (bits 1-3).
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
#: Geometries parsed by one call of shapely: a call runs no bytecode, so it never
#: lets go of the GIL; 19,000 footprints in one call held it 14 ms (30–40 ms on a
#: loaded machine) while the editor's window waited (a project opens in a thread).
BLOBS_PER_CALL = 2048


class BlobError(ValueError):
    """A geometry blob that is not a well-formed GeoPackage geometry."""


def encode_blob(geometry: BaseGeometry, srs_id: int) -> bytes:
    r"""One shapely geometry as a GeoPackage blob (little endian, XY envelope).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> blob = encode_blob(box(0, 0, 2, 1), 2154)
    >>> blob[:4], blob[3] == 0b0011
    (b'GP\x00\x03', True)
    """
    return encode_blobs([geometry], srs_id)[0]


def encode_blobs(geometries: Sequence[BaseGeometry], srs_id: int) -> list[bytes]:
    """Many geometries at once (vectorised WKB and bounds: saving 10,000 buildings)."""
    if not geometries:
        return []
    array = np.asarray(geometries, dtype=object)
    wkbs = shapely.to_wkb(array, flavor="iso", byte_order=1, output_dimension=2)
    bounds = shapely.bounds(array)
    empty = shapely.is_empty(array)
    blobs = []
    for wkb, (minx, miny, maxx, maxy), is_empty in zip(
        wkbs, bounds, empty, strict=True
    ):
        if is_empty:
            header = _HEADER_EMPTY.pack(MAGIC, 0, _LITTLE_ENDIAN | _EMPTY, srs_id)
        else:
            header = _HEADER.pack(
                MAGIC, 0, _LITTLE_ENDIAN | _ENVELOPE_XY, srs_id, minx, maxx, miny, maxy
            )
        blobs.append(header + wkb)
    return blobs


def _header_size(blob: bytes) -> tuple[int, str]:
    """Size of the header and the struct byte-order prefix; checks magic/version."""
    if not isinstance(blob, bytes | memoryview) or len(blob) < 8:
        raise BlobError("geometry blob shorter than its header")
    if bytes(blob[:2]) != MAGIC:
        raise BlobError("geometry blob does not start with 'GP'")
    if blob[2] != 0:
        raise BlobError(f"geometry blob version {blob[2]} is not 0")
    flags = blob[3]
    if flags & 0b0010_0000:
        raise BlobError("extended GeoPackage geometry types are not supported")
    indicator = (flags >> 1) & 0b111
    if indicator not in _ENVELOPE_BYTES:
        raise BlobError(f"geometry blob envelope indicator {indicator} is invalid")
    size = 8 + _ENVELOPE_BYTES[indicator]
    if len(blob) < size:
        raise BlobError("geometry blob shorter than its envelope")
    return size, "<" if flags & _LITTLE_ENDIAN else ">"


def decode_blob(blob: bytes) -> BaseGeometry:
    """The shapely geometry of a GeoPackage blob.

    Raises
    ------
    BlobError
        If the header or the WKB is malformed.
    """
    return decode_blobs([blob])[0]


def decode_blobs(blobs: Sequence[bytes]) -> list[BaseGeometry]:
    """Many blobs at once (vectorised WKB parses of ``BLOBS_PER_CALL`` each)."""
    bodies = []
    for blob in blobs:
        size, _ = _header_size(blob)
        bodies.append(bytes(blob[size:]))
    wkbs = np.asarray(bodies, dtype=object)
    geometries = np.empty(len(bodies), dtype=object)
    try:
        for start in range(0, len(bodies), BLOBS_PER_CALL):
            piece = slice(start, start + BLOBS_PER_CALL)
            geometries[piece] = shapely.from_wkb(wkbs[piece], on_invalid="raise")
    except (shapely.errors.GEOSException, ValueError, TypeError) as exc:
        raise BlobError(f"geometry WKB is malformed ({exc})") from None
    if any(g is None for g in geometries):
        raise BlobError("geometry WKB is empty")
    return list(geometries)


def envelope_of_blob(blob: bytes) -> tuple[float, float, float, float] | None:
    """``(minx, maxx, miny, maxy)`` of a blob; ``None`` if the geometry is empty.

    Read from the header's envelope when it has one, else from the WKB.
    """
    size, order = _header_size(blob)
    flags = blob[3]
    if flags & _EMPTY:
        return None
    if size >= 40:
        return struct.unpack_from(order + "4d", blob, 8)
    geometry = decode_blob(blob)
    if geometry.is_empty:
        return None
    minx, miny, maxx, maxy = geometry.bounds
    return minx, maxx, miny, maxy


def _st(index: int | None):  # type: ignore[no-untyped-def]
    def function(blob: bytes | None) -> float | int | None:
        if blob is None:
            return None
        try:
            envelope = envelope_of_blob(blob)
        except BlobError:
            return None
        if index is None:
            return 1 if envelope is None else 0
        if envelope is None:
            return None
        value = envelope[index]
        return value if math.isfinite(value) else None

    return function


def register_st_functions(connection: sqlite3.Connection) -> None:
    """Register ST_IsEmpty, ST_MinX, ST_MaxX, ST_MinY, ST_MaxY on a connection.

    A GeoPackage indexed by QGIS or GDAL carries R-tree triggers that call these;
    without them any write to a feature table fails with "no such function".
    """
    for name, index in (
        ("ST_IsEmpty", None),
        ("ST_MinX", 0),
        ("ST_MaxX", 1),
        ("ST_MinY", 2),
        ("ST_MaxY", 3),
    ):
        connection.create_function(name, 1, _st(index), deterministic=True)
