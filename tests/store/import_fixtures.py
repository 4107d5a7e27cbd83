"""Small project-written import fixtures (imported by the import tests).

Text fixtures live in ``tests/store/fixtures/import/``; binary ones (GeoPackage,
Shapefile, FlatGeobuf, zips, broken files) are written here with GDAL (pyogrio)
and ezdxf into a temporary folder, so nothing binary is committed. Coordinates
are in Lambert-93 around (700 000, 6 600 000) unless a case needs otherwise.
"""

from __future__ import annotations

import json
import shutil
import struct
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pyogrio.raw
import shapely
from shapely.geometry import MultiPolygon, box

STATIC = Path(__file__).resolve().parent / "fixtures" / "import"
X0, Y0 = 700_000.0, 6_600_000.0


def _write(
    path: Path,
    geoms: list,
    fields: dict[str, list],
    *,
    layer: str,
    driver: str,
    crs: str | None = "EPSG:2154",
    geometry_type: str = "Polygon",
    **options: object,
) -> Path:
    wkb = np.array(
        [
            None if g is None else (g if isinstance(g, bytes) else shapely.to_wkb(g))
            for g in geoms
        ],
        dtype=object,
    )
    names = list(fields)
    data = (
        [
            np.array(
                fields[n], dtype=object if isinstance(fields[n][0], str) else float
            )
            for n in names
        ]
        if geoms
        else [np.array([], dtype=object) for _ in names]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a missing CRS on purpose
        pyogrio.raw.write(
            path,
            geometry=wkb,
            field_data=data,
            fields=names,
            layer=layer,
            driver=driver,
            geometry_type=geometry_type,
            crs=crs,
            append=path.exists() and driver == "GPKG",
            **options,
        )
    return path


def _buildings() -> tuple[list, dict[str, list]]:
    """Three buildings: a 20 × 10 m shed 8 m high (no level count), a 10 × 10 m
    block of flats 9 m high with 3 levels, and a two-part multipolygon of offices
    (2 × 100 m²) 7 m high."""
    shed = box(X0, Y0, X0 + 20, Y0 + 10)
    flats = box(X0 + 30, Y0, X0 + 40, Y0 + 10)
    twin = MultiPolygon(
        [box(X0, Y0 + 30, X0 + 10, Y0 + 40), box(X0 + 20, Y0 + 30, X0 + 30, Y0 + 40)]
    )
    fields = {
        "id": ["shed", "flats", "twin"],
        "usage": ["Entrepôt", "Résidentiel", "Bureaux"],
        "hauteur": [8.0, 9.0, 7.0],
        "etages": [float("nan"), 3.0, float("nan")],
    }
    return [shed, flats, twin], fields


def wkb_polygon(rings: list[list[tuple[float, float]]]) -> bytes:
    """ISO WKB of a polygon written as is (unclosed rings, NaN allowed)."""
    out = struct.pack("<BII", 1, 3, len(rings))
    for ring in rings:
        out += struct.pack("<I", len(ring))
        for x, y in ring:
            out += struct.pack("<2d", x, y)
    return out


def build_all(folder: Path) -> dict[str, Path]:
    """Write every fixture into ``folder``; return them by name."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    geoms, fields = _buildings()

    gpkg = folder / "buildings.gpkg"
    _write(
        gpkg,
        geoms,
        fields,
        layer="buildings",
        driver="GPKG",
        geometry_type="MultiPolygon",
    )
    _write(
        gpkg,
        [box(X0 - 10, Y0 - 10, X0 + 60, Y0 + 60)],
        {"name": ["Lot"]},
        layer="parcels",
        driver="GPKG",
    )
    out["gpkg"] = gpkg

    shp_dir = folder / "shp"
    shp_dir.mkdir(exist_ok=True)
    shp = _write(
        shp_dir / "batiments.shp",
        geoms,
        fields,
        layer="batiments",
        driver="ESRI Shapefile",
        geometry_type="MultiPolygon",
        encoding="UTF-8",
    )
    for cpg in shp_dir.glob("*.cpg"):
        cpg.unlink()  # as BD TOPO ships: UTF-8 text and no .cpg
    out["shp"] = shp
    zipped = folder / "batiments.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        for part in sorted(shp_dir.iterdir()):
            archive.write(part, f"export/{part.name}")
    out["zip"] = zipped

    latin_dir = folder / "latin1"
    latin_dir.mkdir(exist_ok=True)
    out["latin1"] = _write(
        latin_dir / "ateliers.shp",
        [box(X0, Y0, X0 + 10, Y0 + 10)],
        {"id": ["a1"], "usage": ["Entrepôt frigorifié"]},
        layer="ateliers",
        driver="ESRI Shapefile",
        encoding="ISO-8859-1",
    )
    for cpg in latin_dir.glob("*.cpg"):
        cpg.unlink()  # Latin-1 text and no .cpg: GDAL's default applies

    # A BD TOPO-like layer in 3D (PolygonZ), as IGN ships it: an 8 m shed with
    # no level count, flats over shops (R+2, 9 m) and an undescribed 6 m
    # building with 2 dwellings.
    def z_box(x: float, y: float, w: float, h: float, z: float) -> bytes:
        ring = [(x, y, z), (x + w, y, z), (x + w, y + h, z), (x, y + h, z), (x, y, z)]
        return shapely.to_wkb(shapely.Polygon(ring), output_dimension=3)

    out["bdtopo_like"] = _write(
        folder / "bdtopo_like.gpkg",
        [
            z_box(X0, Y0, 30, 20, 610.0),
            z_box(X0 + 40, Y0, 10, 10, 612.0),
            z_box(X0 + 60, Y0, 10, 10, 611.0),
        ],
        {
            "ID": ["BAT1", "BAT2", "BAT3"],
            "NATURE": [
                "Industriel, agricole ou commercial",
                "Indifférenciée",
                "Indifférenciée",
            ],
            "USAGE1": ["Industriel", "Résidentiel", "Indifférencié"],
            "USAGE2": ["", "Commercial et services", ""],
            "HAUTEUR": [8.0, 9.0, 6.0],
            "NB_ETAGES": [float("nan"), 3.0, float("nan")],
            "NB_LOGTS": [0.0, 6.0, 1.0],
        },
        layer="batiment",
        driver="GPKG",
        geometry_type="Polygon Z",
    )

    fgb = folder / "buildings.fgb"
    _write(
        fgb,
        geoms,
        fields,
        layer="buildings",
        driver="FlatGeobuf",
        geometry_type="MultiPolygon",
    )
    out["fgb"] = fgb

    for name in (
        "bowtie",
        "hole_outside",
        "zero_area",
        "swapped_axes",
        "lonlat",
        "plain_projected",
        "mixplan_profile",
    ):
        out[name] = STATIC / f"{name}.geojson"

    repairs = folder / "repairs.gpkg"
    _write(
        repairs,
        [
            wkb_polygon([[(X0, Y0), (X0 + 10, Y0), (X0 + 10, Y0 + 10), (X0, Y0 + 10)]]),
            wkb_polygon(
                [
                    [
                        (X0, Y0 + 20),
                        (X0 + 10, Y0 + 20),
                        (X0 + 10, Y0 + 20),
                        (X0 + 10, Y0 + 30),
                        (X0, Y0 + 30),
                        (X0, Y0 + 20),
                    ]
                ]
            ),
            wkb_polygon(
                [
                    [
                        (X0, Y0 + 40),
                        (float("nan"), Y0 + 40),
                        (X0 + 10, Y0 + 50),
                        (X0, Y0 + 40),
                    ]
                ]
            ),
            wkb_polygon(
                [[(X0, Y0 + 60), (1e12, Y0 + 60), (1e12, Y0 + 70), (X0, Y0 + 60)]]
            ),
            shapely.to_wkb(shapely.linestrings([(X0, Y0), (X0 + 5, Y0 + 5)])),
        ],
        {"id": ["unclosed", "dup", "nan", "huge", "line"]},
        layer="repairs",
        driver="GPKG",
        geometry_type="Unknown",
    )
    out["repairs"] = repairs

    empty = folder / "empty.gpkg"
    _write(empty, [], {"id": []}, layer="nothing", driver="GPKG")
    out["empty"] = empty

    no_crs_dir = folder / "nocrs"
    no_crs_dir.mkdir(exist_ok=True)
    out["no_crs"] = _write(
        no_crs_dir / "lots.shp",
        [box(X0, Y0, X0 + 10, Y0 + 10)],
        {"id": ["a"]},
        layer="lots",
        driver="ESRI Shapefile",
        crs=None,
    )

    # 100 ft × 100 ft in New York Long Island (ftUS): 929.03 m².
    feet_dir = folder / "feet"
    feet_dir.mkdir(exist_ok=True)
    fx, fy = 1_010_000.0, 200_000.0
    out["feet"] = _write(
        feet_dir / "lot.shp",
        [box(fx, fy, fx + 100, fy + 100)],
        {"id": ["lot1"], "floors": [2.0]},
        layer="lot",
        driver="ESRI Shapefile",
        crs="EPSG:2263",
    )

    truncated = folder / "truncated.fgb"
    data = fgb.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    out["truncated"] = truncated
    truncated_gpkg = folder / "truncated.gpkg"
    data = gpkg.read_bytes()
    truncated_gpkg.write_bytes(data[:3000])
    out["truncated_gpkg"] = truncated_gpkg

    garbage = folder / "garbage.gpkg"
    garbage.write_bytes(
        bytes(np.random.default_rng(7).integers(0, 256, 4096, dtype=np.uint8))
    )
    out["garbage"] = garbage
    garbage_shp = folder / "garbage.shp"
    shutil.copy(garbage, garbage_shp)
    out["garbage_shp"] = garbage_shp

    slip = folder / "slip.zip"
    with zipfile.ZipFile(slip, "w") as archive:
        archive.writestr("../../evil.shp", b"x" * 100)
        archive.writestr("ok.txt", "hello")
    out["zip_slip"] = slip

    nested = folder / "nested.geojson"
    nested.write_text(
        '{"type": "FeatureCollection", "features": '
        + "[" * 100_000
        + "]" * 100_000
        + "}",
        "utf-8",
    )
    out["nested"] = nested

    out["dxf_open"] = STATIC / "open_polylines.dxf"
    out["dxf_plan"] = write_plan_dxf(folder / "plan.dxf")
    out["dxf_bulge"] = write_bulge_dxf(folder / "bulge.dxf")
    return out


def write_plan_dxf(path: Path) -> Path:
    """A floor plan in millimetres: a 20 m × 10 m outline on ``Floor``, an office
    room of 10 m × 10 m with a bulged side on ``Offices``, a 5 m × 4 m shop as a
    HATCH on ``Shop``, a 2 m × 2 m store room drawn in a block inserted twice
    (scaled by 1 and rotated 90°) on ``Store``, plus noise: an open polyline,
    an arc and a text."""
    import ezdxf

    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 4
    for name in ("Floor", "Offices", "Shop", "Store", "Walls"):
        doc.layers.add(name)
    msp = doc.modelspace()
    msp.add_lwpolyline(
        [(0, 0), (20_000, 0), (20_000, 10_000), (0, 10_000)],
        close=True,
        dxfattribs={"layer": "Floor"},
    )
    # Bulge 0 everywhere but the west side: a flat bulge keeps the area near 100 m².
    msp.add_lwpolyline(
        [(0, 0, 0), (10_000, 0, 0), (10_000, 10_000, 0), (0, 10_000, 0)],
        format="xyb",
        close=True,
        dxfattribs={"layer": "Offices"},
    )
    hatch = msp.add_hatch(dxfattribs={"layer": "Shop"})
    hatch.paths.add_polyline_path(
        [(12_000, 1_000), (17_000, 1_000), (17_000, 5_000), (12_000, 5_000)],
        is_closed=True,
    )
    block = doc.blocks.new("STORE")
    block.add_lwpolyline(
        [(0, 0), (2_000, 0), (2_000, 2_000), (0, 2_000)],
        close=True,
        dxfattribs={"layer": "0"},
    )
    msp.add_blockref("STORE", (12_000, 6_000), dxfattribs={"layer": "Store"})
    msp.add_blockref(
        "STORE", (19_000, 6_000), dxfattribs={"layer": "Store", "rotation": 90}
    )
    msp.add_lwpolyline([(0, 0), (5_000, 5_000)], dxfattribs={"layer": "Walls"})
    msp.add_arc((1_000, 1_000), 500, 0, 90, dxfattribs={"layer": "Walls"})
    msp.add_text("Plan RDC", dxfattribs={"layer": "Walls"})
    doc.saveas(path)
    return path


def write_bulge_dxf(path: Path) -> Path:
    """A 10 m × 10 m room in metres whose north side is a half circle bulging
    out (bulge 1): 100 + π × 5² / 2 = 139.27 m², on layer ``Kiosk``; and the
    same shape as an old-style POLYLINE on ``Kiosk`` shifted 20 m east."""
    import ezdxf

    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 6
    doc.layers.add("Kiosk")
    msp = doc.modelspace()
    points = [(0, 0, 0), (10, 0, 0), (10, 10, 1), (0, 10, 0)]
    msp.add_lwpolyline(points, format="xyb", close=True, dxfattribs={"layer": "Kiosk"})
    poly = msp.add_polyline2d(
        [(20, 0), (30, 0), (30, 10), (20, 10)],
        close=True,
        dxfattribs={"layer": "Kiosk"},
    )
    poly.vertices[2].dxf.bulge = 1
    doc.saveas(path)
    return path


def lonlat_square(lon: float, lat: float, size_deg: float = 0.0005) -> dict:
    """A GeoJSON polygon feature of a small square at lon/lat (helper for tests)."""
    ring = [
        [lon, lat],
        [lon + size_deg, lat],
        [lon + size_deg, lat + size_deg],
        [lon, lat + size_deg],
        [lon, lat],
    ]
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


if __name__ == "__main__":  # pragma: no cover - regenerate static fixtures
    print(
        json.dumps({k: str(v) for k, v in build_all(Path("/tmp/fx")).items()}, indent=1)
    )
