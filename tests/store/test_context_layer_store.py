"""Context layers in the model and the project file; base-map georeferencing; tiles."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from mixplan.model import Project
from mixplan.model.context import (
    AddContextLayer,
    ContextLayer,
    MoveContextLayer,
    RemoveContextLayer,
    SetContextLayer,
)
from mixplan.model.errors import MixplanError, ModelError
from mixplan.store import open_project, save_project
from mixplan.store.basemap import read_georeference
from mixplan.store.tiles import TileCache, TileKey, tile_corners, tiles_covering

FIXTURES = Path(__file__).parent / "fixtures" / "basemap"


def _layers() -> list[ContextLayer]:
    return [
        ContextLayer("image", "/data/ortho.tif", "Ortho", opacity=0.7),
        ContextLayer("tiles", "https://t/{z}/{x}/{y}.png", "OSM", visible=False),
        ContextLayer("vector", "/data/cadastre.gpkg", "Parcelles", layer="parcelle"),
    ]


def test_commands_apply_and_revert_exactly() -> None:
    project = Project.new("p")
    layers = _layers()
    commands = [AddContextLayer(layer) for layer in layers] + [
        SetContextLayer(0, {"opacity": 0.25}),
        MoveContextLayer(2, 0),
        RemoveContextLayer(1),
    ]
    states = [project.context_layers]
    for command in commands:
        assert command.apply(project).context
        states.append(project.context_layers)
    assert [lay.name for lay in project.context_layers] == ["Parcelles", "OSM"]
    for command, state in zip(reversed(commands), reversed(states[:-1]), strict=True):
        command.revert(project)
        assert project.context_layers == state


@pytest.mark.parametrize(
    "changes",
    [
        {"opacity": 1.5},
        {"opacity": -0.1},
        {"opacity": float("nan")},
        {"visible": "yes"},
        {"source": "/elsewhere.tif"},
    ],
)
def test_bad_changes_are_refused_and_change_nothing(changes) -> None:
    project = Project.new("p")
    AddContextLayer(_layers()[0]).apply(project)
    before = project.context_layers
    with pytest.raises(ModelError):
        SetContextLayer(0, changes).apply(project)
    assert project.context_layers == before


def test_layers_are_saved_as_references_and_read_back(tmp_path: Path) -> None:
    project = Project.new("p")
    for layer in _layers():
        AddContextLayer(layer).apply(project)
    path = tmp_path / "p.mixplan.gpkg"
    save_project(project, path)
    assert open_project(path).context_layers == project.context_layers


@pytest.mark.parametrize(
    "stored",
    [
        '{"kind": "image"}',
        '[{"kind": "map", "source": "x", "name": "x"}]',
        "[" * 100_000 + "]" * 100_000,
        "not json",
    ],
)
def test_a_damaged_list_of_layers_is_one_line(tmp_path: Path, stored: str) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(Project.new("p"), path)
    with sqlite3.connect(path) as con:
        con.execute(
            "UPDATE mixplan_meta SET value = ? WHERE key = 'context_layers'", (stored,)
        )
    con.close()
    with pytest.raises(MixplanError) as caught:
        open_project(path)
    assert "\n" not in str(caught.value) and "context layer" in str(caught.value)


def test_geotiff_keys_give_the_corners() -> None:
    # 64 × 48 pixels of 1 m, upper-left corner (652000, 6862048) (gdalinfo says so).
    g = read_georeference(FIXTURES / "ortho_2154.tif")
    assert (g.width, g.height, g.crs) == (64, 48, "EPSG:2154")
    assert g.corners() == [
        (652000, 6862048),
        (652064, 6862048),
        (652064, 6862000),
        (652000, 6862000),
    ]


def test_a_world_file_gives_the_centre_of_the_first_pixel(tmp_path: Path) -> None:
    # plan.wld: 1, 0, 0, -1, 652000.5, 6862047.5 — the centre of pixel (0, 0).
    g = read_georeference(FIXTURES / "plan.png")
    assert g.corners()[0] == (652000.0, 6862048.0)
    assert g.assumed_crs
    # A .prj beside it names the CRS.
    for part in FIXTURES.glob("plan.*"):
        shutil.copy(part, tmp_path / part.name)
    from pyproj import CRS

    (tmp_path / "plan.prj").write_text(CRS.from_epsg(2154).to_wkt())
    assert read_georeference(tmp_path / "plan.png").crs == "EPSG:2154"


def test_wgs84_corners_reproject_onto_lambert93() -> None:
    g = read_georeference(FIXTURES / "ortho_4326.tif")
    corners = g.corners_in("EPSG:2154")
    # The fixture was cut from (652000, 6862048)–(652064, 6862000) by GDAL.
    assert corners[0] == pytest.approx((652000, 6862048), abs=0.01)
    assert corners[2] == pytest.approx((652064, 6862000), abs=0.01)


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("ortho.tif", None, ["not georeferenced"]),
        ("x.pgw", "1\n0\n0\n-1\n", ["six"]),
        ("x.pgw", "0\n0\n0\n0\n5\n5\n", ["pixel size is zero"]),
    ],
)
def test_bad_georeferencing_is_one_line(tmp_path, name, text, words) -> None:
    if text is None:
        shutil.copy(FIXTURES / "plain.tif", tmp_path / name)
        target = tmp_path / name
    else:
        shutil.copy(FIXTURES / "plan.png", tmp_path / "x.png")
        (tmp_path / name).write_text(text)
        target = tmp_path / "x.png"
    with pytest.raises(MixplanError) as caught:
        read_georeference(target)
    message = str(caught.value)
    assert "\n" not in message and all(w in message for w in words)


def test_unknown_crs_in_a_prj_is_named(tmp_path: Path) -> None:
    for part in FIXTURES.glob("plan.*"):
        shutil.copy(part, tmp_path / part.name)
    (tmp_path / "plan.prj").write_text("GEOGCS[nonsense")
    with pytest.raises(MixplanError, match="does not describe a CRS"):
        read_georeference(tmp_path / "plan.png")


def test_tiles_cover_the_view_and_stay_few() -> None:
    bounds = (652000, 6862000, 652064, 6862048)
    tiles = tiles_covering(bounds, "EPSG:2154", pixels_per_metre=2.0)
    assert tiles and len({t.z for t in tiles}) == 1
    # Each tile's corners, back in Lambert-93, overlap the view.
    for tile in tiles:
        xs = [c[0] for c in tile_corners(tile, "EPSG:2154")]
        ys = [c[1] for c in tile_corners(tile, "EPSG:2154")]
        assert min(xs) < 652064 and max(xs) > 652000
        assert min(ys) < 6862048 and max(ys) > 6862000
    # A whole département at street scale falls back to coarser tiles.
    wide = tiles_covering((600000, 6800000, 700000, 6900000), "EPSG:2154", 4.0)
    assert len(wide) <= 64


def test_the_tile_cache_serves_without_a_network(tmp_path: Path) -> None:
    cache = TileCache(tmp_path)
    template = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    tile = TileKey(17, 66390, 45092)
    with pytest.raises(MixplanError, match="cannot be reached"):
        cache.fetch(template, tile, timeout=2)
    cache.put(template, tile, b"\x89PNG fake")
    assert cache.fetch(template, tile) == b"\x89PNG fake"


def test_meta_holds_plain_json(tmp_path: Path) -> None:
    """QGIS users can read the references: plain JSON in mixplan_meta."""
    project = Project.new("p")
    AddContextLayer(_layers()[2]).apply(project)
    path = tmp_path / "p.mixplan.gpkg"
    save_project(project, path)
    with sqlite3.connect(path) as con:
        (text,) = con.execute(
            "SELECT value FROM mixplan_meta WHERE key = 'context_layers'"
        ).fetchone()
    con.close()
    assert json.loads(text)[0]["source"] == "/data/cadastre.gpkg"


def test_an_image_over_the_pixel_cap_is_refused_before_decoding(tmp_path: Path):
    # A PNG header claiming 20,000 × 20,000 pixels (400 Mpx): refused from the
    # header alone, nothing decoded.
    import struct
    import zlib

    head = b"\x89PNG\r\n\x1a\n"
    ihdr = struct.pack(">IIBBBBB", 20_000, 20_000, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", 13) + b"IHDR" + ihdr
    chunk += struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    image = tmp_path / "huge.png"
    image.write_bytes(head + chunk)
    (tmp_path / "huge.pgw").write_text("1\n0\n0\n-1\n0.5\n-0.5\n")
    with pytest.raises(MixplanError) as caught:
        read_georeference(image)
    message = str(caught.value)
    assert "20,000 × 20,000" in message and "megapixels" in message


def test_a_tile_service_answering_an_error_is_one_line(tmp_path: Path):
    import http.server
    import threading

    class NotFound(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_error(404, "Not Found")

        def log_message(self, *_args) -> None:
            pass

    class Html(NotFound):
        def do_GET(self) -> None:  # noqa: N802
            body = b"<html>maintenance</html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    for handler, words in ((NotFound, "answered 404"), (Html, "text/html")):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            template = f"http://127.0.0.1:{server.server_address[1]}/{{z}}/{{x}}/{{y}}"
            cache = TileCache(tmp_path / handler.__name__)
            with pytest.raises(MixplanError) as caught:
                cache.fetch(template, TileKey(1, 0, 0), timeout=5)
            assert words in str(caught.value) and "\n" not in str(caught.value)
            assert cache.get(template, TileKey(1, 0, 0)) is None  # nothing cached
        finally:
            server.shutdown()
            server.server_close()
