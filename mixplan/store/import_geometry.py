"""Source geometries to valid project polygons: decode, reproject, check, repair.

The steps, vectorised over a whole layer where shapely allows it:

1. decode WKB (an unclosed ring is closed and reported);
2. detect lat/lon written in the wrong order (the data falls outside the project
   CRS's area of use, and would fall inside with x and y exchanged);
3. reproject into the project CRS with pyproj (``always_xy=True``): degrees and
   feet end up in metres;
4. refuse non-finite or huge coordinates and features over the vertex cap;
5. repair (:mod:`mixplan.store.repair`) what is invalid, naming each repair.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon

from mixplan.model.errors import MixplanError
from mixplan.store.import_report import ImportReport
from mixplan.store.repair import REPAIR_RING_CLOSED, coordinate_problems, repair_areal
from mixplan.store.vector import ImportCaps

__all__ = ["decode_wkb", "resolve_source_crs", "to_project_polygons"]

#: Degrees of slack around a CRS's area of use before data counts as outside it.
AREA_OF_USE_MARGIN_DEG = 1.0


def resolve_source_crs(declared: str | None, option: str | None, source: str) -> Any:
    """The source CRS as a ``pyproj.CRS``: ``--crs`` when given, else the file's.

    Raises
    ------
    MixplanError
        When neither says anything (coordinates would be guessed) or either is
        not a CRS pyproj knows.
    """
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    text = option or declared
    if not text:
        raise MixplanError(
            "the source has no coordinate reference system; name it with --crs "
            "(e.g. --crs EPSG:4326 for longitude/latitude)",
            source,
        )
    try:
        return CRS.from_user_input(text)
    except CRSError:
        what = "--crs" if option else "the source's CRS"
        raise MixplanError(
            f"{what} {text!r} is not a CRS pyproj knows", source
        ) from None


def _crs_label(crs: Any) -> str:
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else (crs.name or "custom CRS")


def decode_wkb(wkb: np.ndarray, ids: Sequence[str], report: ImportReport) -> np.ndarray:
    """Decode WKB; close unclosed rings (reported); ``None`` where unreadable."""
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        # In slices: decoding holds the GIL, and a window may be waiting.
        geoms = (
            np.concatenate(
                [
                    shapely.from_wkb(wkb[start : start + 8_192], on_invalid="ignore")
                    for start in range(0, len(wkb), 8_192)
                ]
            )
            if len(wkb)
            else np.array([], dtype=object)
        )
    broken = np.flatnonzero(
        shapely.is_missing(geoms) & np.array([w is not None for w in wkb], dtype=bool)
    )
    for i in broken:
        fixed = shapely.from_wkb(wkb[i], on_invalid="fix")
        if fixed is not None and not fixed.is_empty:
            geoms[i] = fixed
            report.repaired(ids[int(i)], REPAIR_RING_CLOSED)
    return geoms


def _inside(lon: float, lat: float, bounds: tuple[float, float, float, float]) -> bool:
    west, south, east, north = bounds
    m = AREA_OF_USE_MARGIN_DEG
    return west - m <= lon <= east + m and south - m <= lat <= north + m


def _axes_look_swapped(
    geoms: np.ndarray, src: Any, dst: Any, report: ImportReport
) -> bool:
    from pyproj import Transformer

    present = geoms[~shapely.is_missing(geoms)]
    coords = shapely.get_coordinates(present)
    coords = coords[np.isfinite(coords).all(axis=1)]
    if coords.size == 0 or dst.area_of_use is None:
        return False
    cx, cy = (float(v) for v in np.median(coords, axis=0))
    if src.is_geographic and abs(cy) > 90 >= abs(cx):
        return True
    if src.is_geographic and (np.abs(coords) > 180).any():
        raise MixplanError(
            f"coordinates such as ({cx:.6g}, {cy:.6g}) are not longitude/latitude, "
            f"yet the source's CRS is {_crs_label(src)} (a GeoJSON file without a "
            "'crs' member is read as WGS 84); name the real CRS with --crs"
        )
    to_lonlat = Transformer.from_crs(src, "EPSG:4326", always_xy=True)
    bounds = dst.area_of_use.bounds
    lon, lat = to_lonlat.transform(cx, cy)
    if np.isfinite([lon, lat]).all() and _inside(lon, lat, bounds):
        return False
    lon2, lat2 = to_lonlat.transform(cy, cx)
    if np.isfinite([lon2, lat2]).all() and _inside(lon2, lat2, bounds):
        return True
    report.warnings.append(
        f"the data lies outside the area of use of {_crs_label(dst)} "
        f"({dst.area_of_use.name}); check the source CRS"
    )
    return False


def to_project_polygons(
    wkb: np.ndarray,
    ids: Sequence[str],
    src: Any,
    project_crs: str,
    caps: ImportCaps,
    report: ImportReport,
) -> list[list[Polygon]]:
    """Valid polygons in the project CRS for each source feature (empty = skipped).

    Parameters
    ----------
    wkb
        The features' geometries as WKB (``None`` for a feature without one).
    ids
        Feature ids, as named in the report.
    src
        The source CRS (``pyproj.CRS``).
    project_crs
        The project's CRS, e.g. ``"EPSG:2154"``.
    caps
        Size limits (vertices per feature).
    report
        Receives reprojection, repairs and skips.
    """
    from pyproj import CRS, Transformer

    dst = CRS.from_user_input(project_crs)
    report.source_crs = _crs_label(src)
    report.project_crs = project_crs
    geoms = decode_wkb(wkb, ids, report)
    vertices = shapely.get_num_coordinates(geoms)
    pre_problems = coordinate_problems(geoms, limit=np.inf)
    usable = ~shapely.is_missing(geoms) & (pre_problems == "")
    if usable.any() and _axes_look_swapped(geoms[usable], src, dst, report):
        geoms[usable] = shapely.transform(geoms[usable], lambda c: c[:, ::-1])
        report.axes_swapped = True
    if not src.equals(dst):
        report.reprojected_from = _crs_label(src)
        unit = src.axis_info[0].unit_name if src.axis_info else ""
        if unit and unit != "metre":
            report.source_units = f"{unit} → metre"
        from pyproj.exceptions import ProjError

        def project(coords: np.ndarray) -> np.ndarray:
            x, y = transformer.transform(coords[:, 0], coords[:, 1])
            return np.column_stack([x, y])

        try:
            transformer = Transformer.from_crs(src, dst, always_xy=True)
            geoms[usable] = shapely.transform(geoms[usable], project)
        except ProjError as exc:
            raise MixplanError(
                f"cannot reproject from {_crs_label(src)} to {project_crs} ({exc})"
            ) from None
    problems = coordinate_problems(geoms)
    problems[pre_problems != ""] = pre_problems[pre_problems != ""]
    # Fast path: valid single polygons without repeated vertices pass untouched.
    is_polygon = shapely.get_type_id(geoms) == 3
    valid = shapely.is_valid(geoms)
    candidates = geoms.copy()
    candidates[~(is_polygon & valid & (problems == ""))] = None
    deduped = shapely.remove_repeated_points(candidates, tolerance=0.0)
    same = shapely.get_num_coordinates(deduped) == vertices
    fast = (
        is_polygon
        & valid
        & same
        & (problems == "")
        & (vertices <= caps.max_vertices)
        & (shapely.area(geoms) > 0)
    )
    results: list[list[Polygon]] = []
    for i, (geom, ok) in enumerate(zip(geoms.tolist(), fast.tolist(), strict=True)):
        if ok:
            results.append([geom])
            continue
        fid = ids[i]
        if geom is None:
            report.skipped(fid, "no geometry or unreadable geometry")
            results.append([])
        elif vertices[i] > caps.max_vertices:
            report.skipped(fid, f"over {caps.max_vertices:,} vertices (size cap)")
            results.append([])
        elif problems[i]:
            report.skipped(fid, str(problems[i]))
            results.append([])
        else:
            outcome = repair_areal(geom)
            for repair in outcome.repairs:
                report.repaired(fid, repair)
            if outcome.skip_reason:
                report.skipped(fid, outcome.skip_reason)
            results.append(outcome.parts)
    return results
