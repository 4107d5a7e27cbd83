"""Base maps, web map tiles and reference layers beneath the plan (issue 18).

The images are GDAL-written fixtures (tests/store/fixtures/basemap): 64 × 48
pixels of 1 m, upper-left corner at (652000, 6862048) in Lambert-93, quadrants
red (north-west), green (north-east), blue (south-west) and white (south-east).
``ortho_4326.tif`` is the same picture in WGS 84, which must be reprojected.
Pixel probes read the real window's viewport at model points, well inside each
quadrant.
"""

from __future__ import annotations

import http.server
import io
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox
from shapely.geometry import box

from mixplan.model import Project, Site
from tests.ui.helpers import click, view_point

FIXTURES = Path(__file__).parents[1] / "store" / "fixtures" / "basemap"
X0, Y0 = 652000.0, 6862000.0  # the images' lower-left corner
QUADRANTS = {
    "red": (X0 + 16, Y0 + 36, QColor(255, 0, 0)),
    "green": (X0 + 48, Y0 + 36, QColor(0, 255, 0)),
    "blue": (X0 + 16, Y0 + 12, QColor(0, 0, 255)),
    "white": (X0 + 48, Y0 + 12, QColor(255, 255, 255)),
}


def _site_project() -> Project:
    project = Project.new("Ortho site")
    project.site = Site(box(X0 - 20, Y0 - 20, X0 + 84, Y0 + 68), "Ortho site")
    return project


@pytest.fixture
def window(make_window):
    w = make_window(_site_project())
    w.resize(1000, 700)
    w.site_view.zoom_to_site()
    return w


def _wait_loaded(qtbot, window, source: str) -> None:
    with qtbot.waitSignal(
        window.context_actions.controller.layer_loaded,
        timeout=10_000,
        check_params_cb=lambda s: s == source,
    ):
        pass


def _probe(window, x: float, y: float) -> QColor:
    image: QImage = window.site_view.viewport().grab().toImage()
    point = view_point(window, x, y)
    return image.pixelColor(point.x(), point.y())


def _near(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return all(
        abs(p - q) <= tolerance
        for p, q in ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue()))
    )


def _assert_quadrants(window) -> None:
    for name, (x, y, colour) in QUADRANTS.items():
        seen = _probe(window, x, y)
        assert _near(seen, colour), (name, seen.name(), colour.name())


@pytest.mark.parametrize(
    "name", ["ortho_2154.tif", "plan.png", "sketch.png", "ortho_4326.tif"]
)
def test_a_base_map_lies_under_the_plan_at_its_coordinates(
    qtbot, window, tmp_path, name
):
    # Copy the image with its world file so the test never touches the fixture.
    for part in FIXTURES.glob(Path(name).stem + ".*"):
        shutil.copy(part, tmp_path / part.name)
    path = tmp_path / name
    undo = window.document.undo_stack
    before = undo.count()
    with qtbot.waitSignal(
        window.context_actions.controller.layer_loaded, timeout=10_000
    ):
        assert window.add_basemap(path) is True
    assert undo.count() == before + 1
    layer = window.document.project.context_layers[0]
    assert (layer.kind, layer.source) == ("image", str(path.resolve()))
    _assert_quadrants(window)
    # Off the image, the plan's white background shows again.
    assert _near(_probe(window, X0 - 10, Y0 - 10), QColor(255, 255, 255))
    # Undo takes it away in one step.
    undo.undo()
    assert window.document.project.context_layers == ()
    assert not _near(_probe(window, X0 + 16, Y0 + 36), QColor(255, 0, 0))


def test_opacity_and_visibility_are_single_undo_steps(qtbot, window):
    with qtbot.waitSignal(
        window.context_actions.controller.layer_loaded, timeout=10_000
    ):
        window.add_basemap(FIXTURES / "ortho_2154.tif")
    panel = window.context_actions.panel
    undo = window.document.undo_stack
    before = undo.count()
    panel.opacity.setFocus()
    for _ in range(5):  # five key presses: 100 % → 50 %
        qtbot.keyClick(panel.opacity, Qt.Key.Key_PageDown)
    assert window.document.project.context_layers[0].opacity == pytest.approx(0.5)
    assert undo.count() == before + 5
    red = _probe(window, *QUADRANTS["red"][:2])
    assert 100 < red.green() < 160  # red at half opacity over white
    item = panel.list.item(0)
    rect = panel.list.visualItemRect(item)
    check = rect.topLeft() + (rect.bottomLeft() - rect.topLeft()) / 2
    check.setX(rect.left() + 10)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=check)
    assert window.document.project.context_layers[0].visible is False
    assert _near(_probe(window, *QUADRANTS["red"][:2]), QColor(255, 255, 255), 10)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (
            lambda d: shutil.copy(FIXTURES / "plain.tif", d / "plain.tif"),
            ["plain.tif", "not georeferenced"],
        ),
        (
            lambda d: (d / "broken.tif").write_bytes(b"II*\x00garbage" * 10),
            ["broken.tif", "damaged"],
        ),
        (
            lambda d: (d / "notes.png").write_text("not an image"),
            ["notes.png", "not a PNG"],
        ),
    ],
)
def test_a_bad_image_is_one_dialog_and_no_change(qtbot, window, tmp_path, make, words):
    make(tmp_path)
    name = words[0]
    before = window.document.undo_stack.count()
    assert window.add_basemap(tmp_path / name) is False
    box_ = window.findChild(QMessageBox, "error_dialog")
    assert box_ is not None
    text = box_.text()
    assert "\n" not in text and all(w in text for w in words), text
    assert window.document.undo_stack.count() == before
    assert window.document.project.context_layers == ()
    box_.close()


class _TileHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        type(self).requests.append(self.path)
        image = QImage(256, 256, QImage.Format.Format_RGB32)
        image.fill(QColor(0, 128, 255))
        buffer = io.BytesIO()
        from PySide6.QtCore import QBuffer, QIODevice

        qbuffer = QBuffer()
        qbuffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(qbuffer, "PNG")
        buffer.write(bytes(qbuffer.data()))
        data = buffer.getvalue()
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args) -> None:
        pass


@pytest.mark.parametrize(
    "path",
    [
        "/{z}/{x}/{y}.png",
        "/wms?SERVICE=WMS&REQUEST=GetMap&LAYERS=ortho&CRS=EPSG:3857&WIDTH=256"
        "&HEIGHT=256&FORMAT=image/png&BBOX={bbox}",
    ],
)
def test_web_map_tiles_load_in_the_background_and_stay_offline(
    qtbot, make_window, isolated_settings, path
):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _TileHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    template = f"http://127.0.0.1:{server.server_address[1]}{path}"
    try:
        window = make_window(_site_project())
        window.site_view.zoom_to_site()
        assert window.context_actions.add_tiles(template, "Local tiles")
        controller = window.context_actions.controller
        qtbot.waitUntil(lambda: controller.tile_count(template) > 0, timeout=10_000)
        qtbot.waitUntil(lambda: not controller._tiles_pending, timeout=10_000)
        assert _TileHandler.requests
        if "{bbox}" in path:  # a WMS request names the tile's Web Mercator extent
            assert all("BBOX=" in r and "{" not in r for r in _TileHandler.requests)
        assert _near(_probe(window, X0 + 30, Y0 + 20), QColor(0, 128, 255))
        cached = list((isolated_settings / "tiles").rglob("*.tile"))
        assert cached
        path = window.document.project
    finally:
        server.shutdown()
        server.server_close()
    # The server is gone: a new window on the same project draws from the cache.
    _TileHandler.requests.clear()
    again = make_window(path)
    again.site_view.zoom_to_site()
    controller = again.context_actions.controller
    qtbot.waitUntil(lambda: controller.tile_count(template) > 0, timeout=10_000)
    qtbot.waitUntil(lambda: not controller._tiles_pending, timeout=10_000)
    assert _TileHandler.requests == []
    assert _near(_probe(again, X0 + 30, Y0 + 20), QColor(0, 128, 255))


def test_an_unreachable_tile_service_is_a_quiet_status(qtbot, make_window):
    window = make_window(_site_project())
    window.site_view.zoom_to_site()
    # Port 9 (discard) on loopback: refused at once, no traffic leaves the machine.
    template = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    assert window.context_actions.add_tiles(template)
    controller = window.context_actions.controller
    with qtbot.waitSignal(controller.message, timeout=10_000) as blocker:
        pass
    assert "tile" in blocker.args[0].lower()
    assert window.findChild(QMessageBox, "error_dialog") is None


def _parcels(path: Path) -> None:
    import numpy as np
    import pyogrio.raw
    import shapely

    geoms = [box(X0, Y0, X0 + 30, Y0 + 48), box(X0 + 30, Y0, X0 + 64, Y0 + 48)]
    pyogrio.raw.write(
        path,
        geometry=np.asarray(shapely.to_wkb(geoms), dtype=object),
        field_data=[np.array(["AB 41", "AB 42"], dtype=object), np.array([1440, 1632])],
        fields=["numero", "contenance"],
        layer="parcelles",
        driver="GPKG",
        geometry_type="Polygon",
        crs="EPSG:2154",
    )


def test_a_reference_layer_is_drawn_identified_and_saved(qtbot, window, tmp_path):
    source = tmp_path / "cadastre.gpkg"
    _parcels(source)
    with qtbot.waitSignal(
        window.context_actions.controller.layer_loaded, timeout=10_000
    ):
        assert window.context_actions.add_reference(source)
    assert window.document.project.context_layers[0].name == "parcelles"
    # The parcel boundary at x = X0 + 30 is drawn (a coloured line on white).
    line = _probe(window, X0 + 30, Y0 + 24)
    assert not _near(line, QColor(255, 255, 255), 20), line.name()
    # A click on empty ground with the Select tool identifies the parcel.
    with qtbot.waitSignal(window.context_actions.controller.message) as blocker:
        click(window, X0 + 50, Y0 + 24)
    assert "AB 42" in blocker.args[0] and "1632" in blocker.args[0]
    # Saved with the project as a reference; reopened, it is drawn again.
    project_file = tmp_path / "site.mixplan.gpkg"
    window.save_to(project_file)
    qtbot.waitUntil(lambda: window.document.path == project_file, timeout=10_000)
    from mixplan.store import open_project

    reopened = open_project(project_file)
    assert [lay.source for lay in reopened.context_layers] == [str(source.resolve())]
    # Moved away: the project opens, the layer says why it is not shown.
    source.rename(tmp_path / "elsewhere.gpkg")
    window.open_path(project_file, ask_to_save=False)
    qtbot.waitUntil(
        lambda: bool(window.context_actions.controller.problems), timeout=10_000
    )
    problem = next(iter(window.context_actions.controller.problems.values()))
    assert "missing" in problem
