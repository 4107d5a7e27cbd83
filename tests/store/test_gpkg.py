"""The project file: a real GeoPackage that round-trips a project exactly."""

from __future__ import annotations

import shutil
import sqlite3
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import box

from mixplan.model import Project
from mixplan.store import open_project, read_app_state, save_project, write_app_state
from mixplan.store.gpkg_blob import (
    BlobError,
    decode_blob,
    encode_blob,
    register_st_functions,
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def saved(project: Project, tmp_path: Path) -> Path:
    path = tmp_path / "parc.mixplan.gpkg"
    save_project(project, path)
    return path


def test_round_trip_gives_an_equal_project(project: Project, saved: Path) -> None:
    loaded = open_project(saved)
    assert loaded == project
    # the parts dataclass equality compares, spelled out
    assert [s.name for s in loaded.scenarios] == [
        "Existing",
        "Socle productif",
        "Vide",
    ]
    assert loaded.scenarios[0].description == "État existant, relevé 2024"
    b1 = loaded.baseline.buildings["B1"]
    assert (
        b1.basements == 1
        and b1.levels[2].polygon == project.baseline.buildings["B1"].levels[2].polygon
    )
    assert [a.nuisance for a in b1.levels[2].uses] == ["A", None, "DC"]
    assert list(loaded.scenario("Socle productif").buildings) == ["B1", "N1"]
    assert loaded.site is not None and loaded.site.boundary.geom_type == "MultiPolygon"
    assert loaded.baseline.buildings["B2"].footprint.interiors[0].coords[:] == list(
        project.baseline.buildings["B2"].footprint.interiors[0].coords
    )
    assert loaded.baseline.cover["C1"].geometry.geom_type == "Polygon"
    assert loaded.rulebook.get("assumptions", "sdp_factor") == 0.9
    assert loaded.rulebook.get("C15", "max_nuisance_under_housing") == "D"
    assert loaded.rulebook.get("C09", "per_class") is True
    assert loaded.name == "Parc des Deux-Ruisseaux" and loaded.crs == "EPSG:2154"


def test_project_without_site_and_with_empty_scenarios(tmp_path: Path) -> None:
    project = Project.new("Vide")
    path = tmp_path / "vide.mixplan.gpkg"
    save_project(project, path)
    assert open_project(path) == project


def test_other_projected_crs(project: Project, tmp_path: Path) -> None:
    project.crs = "EPSG:3949"  # CC49, another metric French CRS
    path = tmp_path / "cc49.mixplan.gpkg"
    save_project(project, path)
    assert open_project(path).crs == "EPSG:3949"
    with sqlite3.connect(path) as db:
        (definition,) = db.execute(
            "SELECT definition FROM gpkg_spatial_ref_sys WHERE srs_id = 3949"
        ).fetchone()
    assert definition.startswith('PROJCS["RGF93 v1 / CC49"')


# --- GeoPackage conformance --------------------------------------------------------


def test_geopackage_header_and_registries(project: Project, saved: Path) -> None:
    db = sqlite3.connect(saved)
    assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    assert db.execute("PRAGMA user_version").fetchone()[0] == 10200
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    srs = dict(db.execute("SELECT srs_id, organization FROM gpkg_spatial_ref_sys"))
    assert srs == {-1: "NONE", 0: "NONE", 4326: "EPSG", 2154: "EPSG"}
    (wkt,) = db.execute(
        "SELECT definition FROM gpkg_spatial_ref_sys WHERE srs_id = 2154"
    ).fetchone()
    assert wkt.startswith('PROJCS["RGF93 v1 / Lambert-93"')
    contents = {
        row[0]: row[1:]
        for row in db.execute(
            "SELECT table_name, data_type, srs_id, min_x, min_y, max_x, max_y "
            "FROM gpkg_contents"
        )
    }
    assert set(contents) == {
        "site",
        "buildings",
        "ground_cover",
        "scenarios",
        "levels",
        "allocations",
        "removals",
        "cover_removals",
        "phases",
    }
    assert contents["scenarios"][:2] == ("attributes", None)
    # Extents by hand: buildings of every scenario span x 10.125 → 270, y 10.5 → 158
    x0, y0 = 652_000.0, 6_862_000.0
    assert contents["buildings"] == (
        "features",
        2154,
        x0 + 10.125,
        y0 + 10.5,
        x0 + 270,
        y0 + 158,
    )
    assert contents["site"][2:] == (x0, y0, x0 + 350, y0 + 200)
    columns = set(
        db.execute(
            "SELECT table_name, column_name, geometry_type_name, srs_id, z, m "
            "FROM gpkg_geometry_columns"
        )
    )
    assert columns == {
        ("site", "geom", "MULTIPOLYGON", 2154, 0, 0),
        ("buildings", "geom", "POLYGON", 2154, 0, 0),
        ("ground_cover", "geom", "MULTIPOLYGON", 2154, 0, 0),
    }
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    internal = {"mixplan_schema", "mixplan_meta", "mixplan_rulebook"}
    assert internal <= tables and not internal & set(contents)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def test_blob_header_layout_by_hand() -> None:
    blob = encode_blob(box(1.0, 2.0, 4.0, 8.0), 2154)
    assert blob[:2] == b"GP" and blob[2] == 0
    assert blob[3] == 0b0000_0011  # little endian, envelope [minx, maxx, miny, maxy]
    assert struct.unpack_from("<i", blob, 4) == (2154,)
    assert struct.unpack_from("<4d", blob, 8) == (1.0, 4.0, 2.0, 8.0)
    # ISO WKB: byte order 1, type 3 (Polygon, 2D), 1 ring of 5 points
    assert struct.unpack_from("<BII", blob, 40) == (1, 3, 1)
    assert struct.unpack_from("<I", blob, 49) == (5,)
    assert decode_blob(blob) == box(1.0, 2.0, 4.0, 8.0)


def test_blob_from_the_file_matches_the_building(project: Project, saved: Path) -> None:
    with sqlite3.connect(saved) as db:
        (blob,) = db.execute(
            "SELECT geom FROM buildings WHERE scenario = 'Existing' AND "
            "building_id = 'B1'"
        ).fetchone()
    minx, miny, maxx, maxy = project.baseline.buildings["B1"].footprint.bounds
    assert struct.unpack_from("<i4d", blob, 4) == (2154, minx, maxx, miny, maxy)


def test_big_endian_blob_without_envelope_is_read() -> None:
    wkb = shapely.to_wkb(box(0, 0, 2, 1), flavor="iso", byte_order=0)
    blob = b"GP\x00\x00" + struct.pack(">i", 2154) + wkb
    assert decode_blob(blob) == box(0, 0, 2, 1)


@pytest.mark.parametrize(
    ("blob", "message"),
    [
        (b"XX\x00\x03" + b"\x00" * 40, "does not start with 'GP'"),
        (b"GP\x01\x03" + b"\x00" * 40, "version 1 is not 0"),
        (b"GP\x00\x0f" + b"\x00" * 40, "envelope indicator 7"),
        (b"GP\x00\x03\x00", "shorter than its header"),
        (b"GP\x00\x01\x6a\x08\x00\x00" + b"\x01\x03\x00", "WKB is malformed"),
    ],
)
def test_bad_blobs_are_refused(blob: bytes, message: str) -> None:
    with pytest.raises(BlobError, match=message):
        decode_blob(blob)


def test_st_functions_read_the_envelope() -> None:
    db = sqlite3.connect(":memory:")
    register_st_functions(db)
    blob = encode_blob(box(1, 2, 4, 8), 2154)
    row = db.execute(
        "SELECT ST_MinX(?1), ST_MaxX(?1), ST_MinY(?1), ST_MaxY(?1), ST_IsEmpty(?1)",
        (blob,),
    ).fetchone()
    assert row == (1.0, 4.0, 2.0, 8.0, 0)
    empty = encode_blob(shapely.Polygon(), 2154)
    assert empty[3] & 0b1_0000
    assert db.execute(
        "SELECT ST_IsEmpty(?), ST_MinX(?)", (empty, empty)
    ).fetchone() == (
        1,
        None,
    )


def test_gdal_reads_every_layer(project: Project, saved: Path) -> None:
    pyogrio = pytest.importorskip("pyogrio")
    layers = dict(pyogrio.list_layers(saved))
    assert layers == {
        "site": "MultiPolygon",
        "buildings": "Polygon",
        "ground_cover": "MultiPolygon",
        "scenarios": None,
        "levels": None,
        "allocations": None,
        "removals": None,
        "cover_removals": None,
        "phases": None,
    }
    counts = {"site": 1, "buildings": 5, "ground_cover": 6}
    for layer, count in counts.items():
        info = pyogrio.read_info(saved, layer=layer)
        assert info["crs"] == "EPSG:2154"
        assert info["features"] == count
        meta, _, geometry, fields = pyogrio.raw.read(saved, layer=layer)
        geoms = shapely.from_wkb(geometry)
        assert shapely.is_valid(geoms).all() and (shapely.area(geoms) > 0).all()
        assert "scenario" in meta["fields"] or layer == "site"
    meta, _, _, fields = pyogrio.raw.read(saved, layer="buildings")
    row = dict(zip(meta["fields"], [f[0] for f in fields], strict=True))
    assert row["building_id"] == "B1" and row["storeys"] == "R+1"
    assert row["dominant_use"] == "craft" and row["dominant_family"] == "productive"
    assert row["ramp"] == True  # noqa: E712 - GDAL gives a numpy bool
    # 60 × 30 m footprint: basement + ground + a 40 × 20 m storey
    assert row["gross_floor_area_m2"] == pytest.approx(1800 + 1800 + 800)
    meta, _, _, fields = pyogrio.raw.read(saved, layer="allocations")
    assert len(fields[0]) == sum(
        len(lv.uses)
        for s in project.scenarios
        for b in s.buildings.values()
        for lv in b.levels
    )


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="ogrinfo not installed")
def test_ogrinfo_opens_it_without_warnings(saved: Path) -> None:
    done = subprocess.run(
        ["ogrinfo", "-ro", "-al", "-so", str(saved)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr and "ERROR" not in done.stderr
    assert "Layer name: buildings" in done.stdout
    assert 'ID["EPSG",2154]' in done.stdout


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="ogrinfo not installed")
def test_file_indexed_by_gdal_still_saves(project: Project, saved: Path) -> None:
    """GDAL's R-tree triggers call ST_MinX & co.: they must resolve on our side."""
    from mixplan.model.commands import SetLevelHeight

    done = subprocess.run(
        [
            "ogrinfo",
            str(saved),
            "-sql",
            "SELECT CreateSpatialIndex('buildings', 'geom')",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    loaded = open_project(saved)
    change = SetLevelHeight("Existing", "B3", 0, 3.1).apply(loaded)
    inode = saved.stat().st_ino
    save_project(loaded, saved, [change])
    assert saved.stat().st_ino == inode  # written in place, through the triggers
    with sqlite3.connect(saved) as db:
        (count,) = db.execute("SELECT count(*) FROM rtree_buildings_geom").fetchone()
    assert count == 5
    assert open_project(saved) == loaded


def test_app_state_survives_a_full_save(project: Project, saved: Path) -> None:
    write_app_state(saved, {"scenario": "Socle productif", "view": "1 2 3 4"})
    save_project(project, saved)
    assert read_app_state(saved) == {"scenario": "Socle productif", "view": "1 2 3 4"}


def test_st_functions_on_saved_rows_follow_the_envelope_order(saved: Path) -> None:
    db = sqlite3.connect(saved)
    register_st_functions(db)
    got = np.array(
        db.execute(
            "SELECT ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom) "
            "FROM buildings ORDER BY fid"
        ).fetchall()
    )
    blobs = [r[0] for r in db.execute("SELECT geom FROM buildings ORDER BY fid")]
    db.close()
    bounds = shapely.bounds([decode_blob(b) for b in blobs])  # minx, miny, maxx, maxy
    assert (got == bounds[:, [0, 2, 1, 3]]).all()


VALIDATOR = Path("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py")


@pytest.mark.skipif(
    not VALIDATOR.exists() or not Path("/usr/bin/python3").exists(),
    reason="GDAL's validate_gpkg.py (Debian python3-gdal) not installed",
)
def test_gdal_geopackage_validator_accepts_the_file(saved: Path) -> None:
    done = subprocess.run(
        ["/usr/bin/python3", str(VALIDATOR), str(saved)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "" and done.stderr == ""
