"""Hostile sources: exit 2 and exactly one line, never exit 3, nothing changed.

Each hostile file of the issue-14 harness is built here: numbers past every range,
a 401-digit coordinate, an unknown EPSG code, coordinates of 1e300, a broken .prj,
a .dbf that lists 3 of 60 shapes, DXF bulges of 1e300 and NaN, blocks nested
20-way on 7 levels, MINSERT arrays of 1000 × 1000 and 30000 × 30000, a DXF cut at
97 %.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from clitools import call_cli, digest

from mixplan.model import Building, Level, ModelError
from mixplan.model.project import (
    MAX_COUNT,
    MAX_FREIGHT_LIFT_KG,
    MAX_LEVEL_HEIGHT_M,
    MAX_LOAD_KN_M2,
)


@pytest.fixture
def project(tmp_path: Path, demo_file: Path) -> Path:
    path = tmp_path / "p.mixplan.gpkg"
    shutil.copyfile(demo_file, path)
    return path


@pytest.fixture(scope="module")
def demo_geojson(tmp_path_factory: pytest.TempPathFactory, demo_file: Path) -> dict:
    out = tmp_path_factory.mktemp("geojson") / "base.geojson"
    assert call_cli("export", demo_file, "-o", out).code == 0
    return json.loads(out.read_text("utf-8"))


def _first_building(doc: dict) -> dict:
    return next(f for f in doc["features"] if f["properties"]["kind"] == "building")


def _set(key: str, value: Any) -> Callable[[dict], None]:
    return lambda doc: _first_building(doc)["properties"].__setitem__(key, value)


def _set_level(key: str, value: Any) -> Callable[[dict], None]:
    return lambda doc: _first_building(doc)["properties"]["levels"][0].__setitem__(
        key, value
    )


def _set_crs(name: str) -> Callable[[dict], None]:
    return lambda doc: doc["crs"]["properties"].__setitem__("name", name)


def _set_x(value: Any) -> Callable[[dict], None]:
    return lambda doc: _first_building(doc)["geometry"]["coordinates"][0][
        1
    ].__setitem__(0, value)


GEOJSON_CASES = {
    "bays_1e30": (_set("loading_bays", 1e30), "loading bays must be at most"),
    "bays_10_30": (_set("loading_bays", 10**30), "loading bays must be at most"),
    "spaces_1e30": (_set("parking_spaces", 1e30), "parking spaces must be at most"),
    "lift_1e300": (_set("freight_lift_kg", 1e300), "freight lift must be 0 to"),
    "height_1e300": (_set_level("height_m", 1e300), "level height must be at most"),
    "load_1e30": (_set_level("load_kn_m2", 1e30), "design load must be at most"),
    "x_401_digits": (_set_x(10**400), "coordinate too large"),
    "x_1e300": (_set_x(1e300), "coordinates beyond"),
    "unknown_epsg": (
        _set_crs("urn:ogc:def:crs:EPSG::999999"),
        "CRS EPSG:999999 is not one pyproj knows",
    ),
}


@pytest.mark.parametrize("case", list(GEOJSON_CASES))
def test_a_hostile_mixplan_geojson_is_one_line(
    case: str, project: Path, demo_geojson: dict, tmp_path: Path
) -> None:
    mutate, words = GEOJSON_CASES[case]
    doc = json.loads(json.dumps(demo_geojson))
    mutate(doc)
    source = tmp_path / f"{case}.geojson"
    source.write_text(json.dumps(doc), "utf-8")
    before = digest(project), digest(source)
    call_cli("import", project, source, "--scenario", "X").assert_one_line_error(
        source, words
    )
    assert (digest(project), digest(source)) == before


def test_range_limits_hold_at_their_boundary() -> None:
    square = shapely.box(0, 0, 10, 10)
    top = Level.of(MAX_LEVEL_HEIGHT_M, "craft", load_kn_m2=MAX_LOAD_KN_M2)
    Building(
        "b",
        "",
        square,
        (top,),
        None,
        0,
        MAX_FREIGHT_LIFT_KG,
        False,
        MAX_COUNT,
        MAX_COUNT,
    )
    for height in (np.nextafter(MAX_LEVEL_HEIGHT_M, np.inf), 10**400):
        with pytest.raises(ModelError, match="level height"):
            Level.of(float(height) if height < 1e300 else height, "craft")
    with pytest.raises(ModelError, match="design load"):
        Level.of(3.0, "craft", load_kn_m2=float(np.nextafter(MAX_LOAD_KN_M2, np.inf)))
    for field, extra in (("bays", (MAX_COUNT + 1, 0)), ("spaces", (0, MAX_COUNT + 1))):
        with pytest.raises(ModelError, match=field):
            Building("b", "", square, (top,), None, 0, 0.0, False, *extra)


def _write_layer(
    path: Path, geometries: list[Any], crs: str | None = "EPSG:2154"
) -> None:
    from pyogrio.raw import write

    names = np.array([f"b{i}" for i in range(len(geometries))], dtype=object)
    write(
        path,
        np.array(shapely.to_wkb(geometries), dtype=object),
        [names],
        fields=["name"],
        layer=path.stem,
        driver="ESRI Shapefile" if path.suffix == ".shp" else "GPKG",
        geometry_type="Polygon",
        crs=crs,
    )


def _squares(n: int) -> list[Any]:
    return [
        shapely.box(660000 + i * 30, 6865000, 660020 + i * 30, 6865020)
        for i in range(n)
    ]


def test_gis_coordinates_of_1e300_print_no_library_warning(
    project: Path, tmp_path: Path
) -> None:
    source = tmp_path / "huge.gpkg"
    _write_layer(source, [shapely.box(1e300, 0, 2e300, 1e300)])
    result = call_cli("import", project, source, "--scenario", "X")
    result.assert_one_line_error(source, "coordinates beyond")
    assert "Warning" not in result.err


def test_a_garbage_prj_is_one_line(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "garbage.shp"
    _write_layer(source, _squares(2))
    (tmp_path / "garbage.prj").write_text("GEOGCS[[[garbage", "ascii")
    result = call_cli("import", project, source, "--scenario", "X")
    result.assert_one_line_error(source)
    assert "Warning" not in result.err


def test_a_dbf_listing_fewer_records_than_shapes_says_how_many_were_dropped(
    project: Path, tmp_path: Path
) -> None:
    source = tmp_path / "cut.shp"
    _write_layer(source, _squares(60))
    dbf = tmp_path / "cut.dbf"
    header = bytearray(dbf.read_bytes())
    header[4:8] = (3).to_bytes(4, "little")  # the record count of the DBF header
    dbf.write_bytes(bytes(header))
    report = tmp_path / "report.json"
    result = call_cli("import", project, source, "--scenario", "X", "--report", report)
    assert result.code == 0, result.err
    expected = (
        "the .dbf lists 3 records but the .shp holds 60 shapes: 57 shapes were "
        "dropped (repair the .dbf)"
    )
    assert f"warning         {expected}" in result.out
    assert expected in json.loads(report.read_text("utf-8"))["warnings"]


def _dxf(path: Path, build: Callable[[Any, Any], None]) -> Path:
    import ezdxf

    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 6
    build(doc, doc.modelspace())
    doc.saveas(path)
    return path


def _square_block(doc: Any, name: str) -> None:
    doc.blocks.new(name).add_lwpolyline([(0, 0), (1, 0), (1, 1), (0, 1)], close=True)


def _nested(doc: Any, msp: Any) -> None:
    _square_block(doc, "L0")
    for level in range(1, 7):
        block = doc.blocks.new(f"L{level}")
        for i in range(20):
            block.add_blockref(f"L{level - 1}", (i * 2, 0))
    msp.add_blockref("L6", (0, 0), dxfattribs={"layer": "Floor"})


def _minsert(n: int) -> Callable[[Any, Any], None]:
    def build(doc: Any, msp: Any) -> None:
        _square_block(doc, "C")
        ref = msp.add_blockref("C", (0, 0), dxfattribs={"layer": "Floor"})
        ref.grid(size=(n, n), spacing=(2, 2))

    return build


def _bulge(value: float) -> Callable[[Any, Any], None]:
    def build(doc: Any, msp: Any) -> None:
        msp.add_lwpolyline(
            [(0, 0, 0, 0, value), (20, 0), (20, 10), (0, 10)],
            format="xyseb",
            close=True,
            dxfattribs={"layer": "Floor"},
        )

    return build


DXF_CASES = {
    "nested_20x7": (_nested, "expands to more than 500,000 entities"),
    "minsert_1000": (_minsert(1000), "expands to more than 500,000 entities"),
    "minsert_30000": (_minsert(30000), "expands to more than 500,000 entities"),
    "bulge_1e300": (_bulge(1e300), "unreadable geometry"),
    "bulge_nan": (_bulge(float("nan")), "unreadable geometry"),
}


@pytest.mark.parametrize("case", list(DXF_CASES))
def test_a_hostile_dxf_is_one_line_in_seconds(
    case: str, project: Path, tmp_path: Path
) -> None:
    build, words = DXF_CASES[case]
    source = _dxf(tmp_path / f"{case}.dxf", build)
    before = digest(project), digest(source)
    start = time.monotonic()
    result = call_cli(
        "import", project, source, "--scenario", "X", "--layer-map", "Floor=office"
    )
    result.assert_one_line_error(source, words)
    assert time.monotonic() - start < 30
    assert (digest(project), digest(source)) == before


def test_the_expansion_cap_holds_at_its_boundary(tmp_path: Path) -> None:
    import ezdxf

    from mixplan.store.dxf_import import MAX_ENTITIES, expanded_entities

    rows = 500
    for columns, expected in ((1000, MAX_ENTITIES), (1001, rows * 1001)):
        doc = ezdxf.new("R2010")
        _minsert(1)(doc, doc.modelspace())
        ref = doc.modelspace().query("INSERT")[0]
        ref.grid(size=(rows, columns), spacing=(2, 2))
        assert expanded_entities(doc) == expected


@pytest.mark.parametrize("fraction", [0.5, 0.9, 0.97, 0.999])
def test_a_dxf_cut_short_is_one_line(
    fraction: float, project: Path, tmp_path: Path
) -> None:
    whole = _dxf(tmp_path / "whole.dxf", _bulge(0.0))
    data = whole.read_bytes()
    source = tmp_path / f"cut{fraction}.dxf"
    source.write_bytes(data[: int(len(data) * fraction)])
    result = call_cli(
        "import", project, source, "--scenario", "X", "--layer-map", "Floor=office"
    )
    result.assert_one_line_error(source)
