"""The project CRS: projected and metric, named EPSG:N."""

from __future__ import annotations

import pytest

from mixplan.model import MixplanError
from mixplan.store.crs import (
    LAMBERT_93_WKT1,
    check_project_crs,
    crs_from_urn,
    crs_urn,
    crs_wkt1,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EPSG:2154", "EPSG:2154"),
        ("epsg:2154", "EPSG:2154"),
        ("urn:ogc:def:crs:EPSG::2154", "EPSG:2154"),
        ("EPSG:3949", "EPSG:3949"),  # CC49
        ("EPSG:32631", "EPSG:32631"),  # UTM 31N
    ],
)
def test_projected_metric_crs_is_accepted(text: str, expected: str) -> None:
    assert check_project_crs(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("EPSG:4326", "is not projected"),
        ("EPSG:2272", "not metres"),  # Pennsylvania South, US survey feet
        ("EPSG:999999", "unknown CRS"),
        ("Lambert 93 please", "unknown CRS"),
    ],
)
def test_other_crs_is_refused(text: str, message: str) -> None:
    with pytest.raises(MixplanError, match=message):
        check_project_crs(text)


def test_hard_coded_lambert_93_matches_proj() -> None:
    from pyproj import CRS

    assert crs_wkt1("EPSG:2154") == LAMBERT_93_WKT1
    assert LAMBERT_93_WKT1 == CRS.from_epsg(2154).to_wkt("WKT1_GDAL")
    assert CRS.from_wkt(LAMBERT_93_WKT1).to_epsg() == 2154


def test_urns() -> None:
    assert crs_urn("EPSG:2154") == "urn:ogc:def:crs:EPSG::2154"
    assert crs_from_urn("urn:ogc:def:crs:EPSG::3949") == "EPSG:3949"
    assert crs_from_urn("urn:ogc:def:crs:OGC:1.3:CRS84") == "OGC:CRS84"
    assert crs_from_urn("EPSG:2154") == "EPSG:2154"
    assert crs_from_urn("something else") is None
