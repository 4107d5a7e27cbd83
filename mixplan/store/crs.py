"""The project CRS: one projected, metric CRS named ``EPSG:N`` (DESIGN §4, §6).

Lambert-93 (EPSG:2154) is the default and its WKT1 definition is written into the
GeoPackage from the text below, so saving a project needs no PROJ database. Any
other CRS is checked and described with pyproj, imported only then.
"""

from __future__ import annotations

import re
import threading

from mixplan.model.errors import MixplanError

__all__ = [
    "PROJ_LOCK",
    "LAMBERT_93_WKT1",
    "check_project_crs",
    "crs_from_urn",
    "crs_name",
    "crs_urn",
    "crs_wkt1",
    "epsg_code",
]

#: PROJ objects are made and used one thread at a time: creating transformers in
#: several threads at once has crashed the process (pyproj 3.7, seen in the
#: editor's background loaders).
PROJ_LOCK = threading.RLock()

#: EPSG:2154 as GDAL writes it in a GeoPackage (WKT1, ``OSR`` flavour).
LAMBERT_93_WKT1 = (
    'PROJCS["RGF93 v1 / Lambert-93",'
    'GEOGCS["RGF93 v1",'
    'DATUM["Reseau_Geodesique_Francais_1993_v1",'
    'SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],'
    'AUTHORITY["EPSG","6171"]],'
    'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AUTHORITY["EPSG","4171"]],'
    'PROJECTION["Lambert_Conformal_Conic_2SP"],'
    'PARAMETER["latitude_of_origin",46.5],'
    'PARAMETER["central_meridian",3],'
    'PARAMETER["standard_parallel_1",49],'
    'PARAMETER["standard_parallel_2",44],'
    'PARAMETER["false_easting",700000],'
    'PARAMETER["false_northing",6600000],'
    'UNIT["metre",1,AUTHORITY["EPSG","9001"]],'
    'AXIS["Easting",EAST],AXIS["Northing",NORTH],'
    'AUTHORITY["EPSG","2154"]]'
)

_EPSG = re.compile(r"^\s*EPSG\s*:+\s*(\d{3,6})\s*$", re.IGNORECASE)
_URN = re.compile(r"^urn:ogc:def:crs:EPSG:[\d.]*:(\d{3,6})$", re.IGNORECASE)


def epsg_code(crs: str) -> int:
    """The number of an ``EPSG:N`` name.

    Examples
    --------
    >>> epsg_code("EPSG:2154")
    2154
    """
    match = _EPSG.match(crs)
    if match is None:
        raise MixplanError(f"CRS {crs!r} is not of the form EPSG:N")
    return int(match.group(1))


def check_project_crs(text: str) -> str:
    """Check that ``text`` names a projected, metric CRS and return ``"EPSG:N"``.

    Parameters
    ----------
    text
        ``"EPSG:2154"``, ``"epsg:32631"``, ``"urn:ogc:def:crs:EPSG::2154"`` or any
        text pyproj understands that resolves to an EPSG code.

    Raises
    ------
    MixplanError
        If the CRS is unknown, geographic (degrees), not in metres, a Mercator
        projection (areas distorted), or has no EPSG code.

    Examples
    --------
    >>> check_project_crs("epsg:2154")
    'EPSG:2154'
    """
    match = _EPSG.match(text) or _URN.match(text)
    if match is not None and int(match.group(1)) == 2154:
        return "EPSG:2154"
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        crs = CRS.from_user_input(text)
    except CRSError:
        raise MixplanError(f"unknown CRS {text!r}") from None
    if not crs.is_projected:
        raise MixplanError(
            f"CRS {text!r} ({crs.name}) is not projected; a project needs a "
            "projected CRS in metres, e.g. EPSG:2154"
        )
    units = {axis.unit_name for axis in crs.axis_info}
    if units - {"metre"}:
        raise MixplanError(
            f"CRS {text!r} ({crs.name}) is in {', '.join(sorted(units))}, not metres"
        )
    method = crs.coordinate_operation.method_name if crs.coordinate_operation else ""
    if method in _AREA_DISTORTING:
        # Web Mercator doubles areas at Paris's latitude: every m² would be wrong.
        raise MixplanError(
            f"CRS {text!r} ({crs.name}) distorts areas ({method}); use a local "
            "projected CRS such as EPSG:2154 (France) or the UTM zone of the site"
        )
    code = crs.to_epsg()
    if code is None:
        raise MixplanError(f"CRS {text!r} has no EPSG code")
    return f"EPSG:{code}"


#: Projection methods whose scale grows with latitude far too fast for floor areas.
_AREA_DISTORTING = frozenset(
    {
        "Popular Visualisation Pseudo Mercator",
        "Mercator (variant A)",
        "Mercator (variant B)",
    }
)


def crs_wkt1(crs: str) -> str:
    """The WKT1 (GDAL flavour) definition of a project CRS, for the GeoPackage.

    EPSG:2154 comes from :data:`LAMBERT_93_WKT1` without touching PROJ.
    """
    code = epsg_code(crs)
    if code == 2154:
        return LAMBERT_93_WKT1
    from pyproj import CRS

    return str(CRS.from_epsg(code).to_wkt("WKT1_GDAL"))


def crs_name(crs: str) -> str:
    """A human name for the CRS (``"RGF93 v1 / Lambert-93"``)."""
    code = epsg_code(crs)
    if code == 2154:
        return "RGF93 v1 / Lambert-93"
    from pyproj import CRS

    return str(CRS.from_epsg(code).name)


def crs_urn(crs: str) -> str:
    """The OGC URN of a project CRS, as GeoJSON's legacy ``crs`` member names it.

    Examples
    --------
    >>> crs_urn("EPSG:2154")
    'urn:ogc:def:crs:EPSG::2154'
    """
    return f"urn:ogc:def:crs:EPSG::{epsg_code(crs)}"


def crs_from_urn(name: str) -> str | None:
    """``"EPSG:N"`` from a URN or ``EPSG:N`` text; ``"OGC:CRS84"`` for WGS 84 lon/lat.

    Returns ``None`` when the text names no CRS we recognise.

    Examples
    --------
    >>> crs_from_urn("urn:ogc:def:crs:EPSG::2154")
    'EPSG:2154'
    """
    match = _URN.match(name) or _EPSG.match(name)
    if match is not None:
        return f"EPSG:{int(match.group(1))}"
    if name.strip().upper().endswith("CRS84"):
        return "OGC:CRS84"
    return None
