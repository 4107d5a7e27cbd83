"""Base maps and reference layers beneath the plan.

The project holds context layers as references (``Project.context_layers``); this
module draws them under the site: georeferenced images (GeoTIFF or a world file),
map tiles from a web service (cached on disk, fetched in the background) and
vector reference layers (identify on click). Everything that reads a file or the
network runs in a worker thread; a file that moved, a bad image or a missing
network is one quiet line in the status bar, never a freeze and never a change
to the project.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QObject,
    QPointF,
    QRectF,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QToolTip,
)

from mixplan.model.context import ContextLayer
from mixplan.model.errors import MixplanError

log = logging.getLogger(__name__)

#: Images and tiles sit below everything of the project (the site fill is at 0);
#: reference layers are outlines, drawn over the ground covers, under buildings.
Z_CONTEXT = -1000.0
Z_REFERENCE = 2.0
_REFERENCE_COLOURS = ["#7a4fa3", "#c2410c", "#0f766e", "#1d4ed8", "#a16207"]

LayerKey = tuple[str, str, str, str]


def layer_key(layer: ContextLayer) -> LayerKey:
    """What identifies a layer's data (its name, opacity and visibility do not)."""
    return (layer.kind, layer.source, layer.layer, layer.crs)


class _Signals(QObject):
    done = Signal(object, object)  # key, result (or MixplanError)


class _Job(QRunnable):
    """Run ``work()`` in a worker; deliver its result, or a one-line error."""

    def __init__(self, key: object, work: Any) -> None:
        super().__init__()
        self.key = key
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except MixplanError as exc:
            result = exc
        except Exception as exc:  # noqa: BLE001 - a worker must always answer
            log.exception("context layer %s", self.key)
            result = MixplanError(f"{type(exc).__name__}: {exc}")
        self.signals.done.emit(self.key, result)


@dataclass
class LoadedImage:
    image: QImage
    corners: list[tuple[float, float]]
    note: str


@dataclass
class LoadedVector:
    data: Any  # mixplan.store.reference_layer.ReferenceLayer
    tree: Any  # shapely STRtree over its geometries


def _load_image(source: str, crs: str, project_crs: str) -> LoadedImage:
    from mixplan.store.basemap import read_georeference

    path = Path(source)
    georef = read_georeference(path)
    if georef.assumed_crs and crs:
        from dataclasses import replace

        georef = replace(georef, crs=crs)
    corners = georef.corners_in(project_crs)
    image = QImage(str(path))
    if image.isNull():
        raise MixplanError(
            "the image cannot be decoded (damaged, or a format "
            "this build does not read)",
            path,
        )
    if image.width() != georef.width or image.height() != georef.height:
        raise MixplanError("the image's size differs from its georeferencing", path)
    note = ""
    if georef.assumed_crs and not crs:
        note = "no CRS stated: taken to be the project's"
    return LoadedImage(image, corners, note)


def _load_vector(source: str, layer: str, crs: str, project_crs: str) -> LoadedVector:
    import shapely

    from mixplan.store.reference_layer import read_reference_layer

    data = read_reference_layer(source, layer, project_crs, assumed_crs=crs)
    return LoadedVector(data, shapely.STRtree(data.geometries))


def _scene_path(geometries: Any, frame: Any) -> QPainterPath:
    """One path for all features: polygons and lines as drawn, points as crosses."""
    import shapely

    path = QPainterPath()
    ox, oy = frame.origin_x, frame.origin_y
    for geometry in geometries:
        if geometry is None or geometry.is_empty:
            continue
        for part in getattr(geometry, "geoms", [geometry]):
            kind = part.geom_type
            if kind == "Polygon":
                rings = [part.exterior, *part.interiors]
            elif kind in ("LineString", "LinearRing"):
                rings = [part]
            elif kind == "Point":
                x, y = part.x - ox, oy - part.y
                path.moveTo(x - 1.5, y)
                path.lineTo(x + 1.5, y)
                path.moveTo(x, y - 1.5)
                path.lineTo(x, y + 1.5)
                continue
            else:
                continue
            for ring in rings:
                coords = shapely.get_coordinates(ring)
                if len(coords) < 2:
                    continue
                path.addPolygon(QPolygonF([QPointF(x - ox, oy - y) for x, y in coords]))
                if kind == "Polygon":
                    path.closeSubpath()
    return path


def _z_of(layer: ContextLayer, index: int) -> float:
    if layer.kind == "vector":
        return Z_REFERENCE + index / 1000
    return Z_CONTEXT + index


def _quad(points: list[tuple[float, float]], frame: Any) -> QPolygonF:
    return QPolygonF([frame.to_scene(x, y) for x, y in points])


class ContextLayers(QObject):
    """Draws the project's context layers in the site scene and keeps them in step."""

    #: one line for the status bar (a layer that cannot be shown, tiles offline…)
    message = Signal(str)
    #: a layer finished loading (or failed): for tests and the Layers panel
    layer_loaded = Signal(str)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.view = window.site_view
        self.scene = self.view.site_scene
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(3)
        self.items: dict[LayerKey, QGraphicsItem] = {}
        self.loaded: dict[LayerKey, LoadedImage | LoadedVector] = {}
        self.problems: dict[LayerKey, str] = {}
        self._pending: set[LayerKey] = set()
        self._jobs: list[_Job] = []
        self._tile_items: dict[tuple[str, Any], QGraphicsPixmapItem] = {}
        self._tiles_pending: set[tuple[str, Any]] = set()
        self._tiles_failed: set[tuple[str, Any]] = set()
        self._tile_cache: Any = None
        self._frame_origin = (self.scene.frame.origin_x, self.scene.frame.origin_y)
        self._tiles_timer = QTimer(self)
        self._tiles_timer.setSingleShot(True)
        self._tiles_timer.setInterval(150)
        self._tiles_timer.timeout.connect(self._update_tiles)
        self.document.changed.connect(self._on_changed)
        self.document.project_replaced.connect(self.reset)
        self.scene.rebuilt.connect(self._on_scene_rebuilt)
        self.view.zoomed.connect(lambda _ppm: self._tiles_timer.start())
        self.view.horizontalScrollBar().valueChanged.connect(
            lambda _v: self._tiles_timer.start()
        )
        self.view.verticalScrollBar().valueChanged.connect(
            lambda _v: self._tiles_timer.start()
        )
        self.sync()

    # --- following the project -------------------------------------------------

    def _on_changed(self, change: Any) -> None:
        if change.context or change.everything:
            self.sync()

    def _on_scene_rebuilt(self) -> None:
        frame = self.scene.frame
        if (frame.origin_x, frame.origin_y) != self._frame_origin:
            self.reset(reread=False)

    def reset(self, reread: bool = True) -> None:
        """Rebuild every item (the project or the scene's frame was replaced).

        A project opened again reads its sources again: a file may have changed
        or moved since.
        """
        if reread:
            self.loaded.clear()
            self.problems.clear()
        self._frame_origin = (self.scene.frame.origin_x, self.scene.frame.origin_y)
        for item in list(self.items.values()) + list(self._tile_items.values()):
            self.scene.removeItem(item)
        self.items.clear()
        self._tile_items.clear()
        self._tiles_failed.clear()
        self.sync()

    @property
    def layers(self) -> tuple[ContextLayer, ...]:
        return self.document.project.context_layers  # type: ignore[no-any-return]

    def sync(self) -> None:
        """Items for the project's layers: added, restyled, or removed."""
        wanted = {
            layer_key(layer): (index, layer) for index, layer in enumerate(self.layers)
        }
        for key in [k for k in self.items if k not in wanted]:
            self.scene.removeItem(self.items.pop(key))
        for key in [
            k
            for k in self._tile_items
            if k[0] not in {w[1] for w in wanted if w[0] == "tiles"}
        ]:
            self.scene.removeItem(self._tile_items.pop(key))
        for key, (index, layer) in wanted.items():
            if layer.kind == "tiles":
                continue
            item = self.items.get(key)
            if item is None:
                if key in self.loaded:
                    item = self._make_item(key, index)
                elif key not in self._pending and key not in self.problems:
                    self._start_load(layer)
            if item is not None:
                item.setOpacity(layer.opacity)
                item.setVisible(layer.visible)
                item.setZValue(_z_of(layer, index))
        for item in self._tile_items.values():
            template = item.data(0)
            layer = next(
                (
                    lay
                    for lay in self.layers
                    if lay.kind == "tiles" and lay.source == template
                ),
                None,
            )
            if layer is not None:
                item.setOpacity(layer.opacity)
                item.setVisible(layer.visible)
        self._update_site_fill()
        self._tiles_timer.start()

    def _update_site_fill(self) -> None:
        """An opaque site fill would hide the base map: leave it out under one."""
        covered = any(
            lay.visible and lay.kind in ("image", "tiles") for lay in self.layers
        )
        set_fill = getattr(self.scene, "set_site_fill", None)
        if set_fill is not None:
            set_fill(not covered)

    # --- loading in the background ------------------------------------------------

    def _start_load(self, layer: ContextLayer) -> None:
        key = layer_key(layer)
        project_crs = self.document.project.crs
        if layer.kind == "image":
            job = _Job(key, lambda: _load_image(layer.source, layer.crs, project_crs))
        else:
            job = _Job(
                key,
                lambda: _load_vector(layer.source, layer.layer, layer.crs, project_crs),
            )
        self._pending.add(key)
        self._run(job, self._on_loaded)

    def _run(self, job: _Job, slot: Any) -> None:
        job.setAutoDelete(False)
        self._jobs.append(job)
        job.signals.done.connect(slot, Qt.ConnectionType.QueuedConnection)
        job.signals.done.connect(
            lambda *_a, j=job: self._forget(j), Qt.ConnectionType.QueuedConnection
        )
        self.pool.start(job)

    def _forget(self, job: _Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)

    def _on_loaded(self, key: LayerKey, result: object) -> None:
        self._pending.discard(key)
        name = Path(key[1]).name
        if isinstance(result, MixplanError):
            self.problems[key] = str(result)
            where = Path(result.path).name if result.path else name
            self.message.emit(self.tr("Layer {0} not shown: {1}").format(where, result))
            self.layer_loaded.emit(key[1])
            return
        self.loaded[key] = result  # type: ignore[assignment]
        if isinstance(result, LoadedImage) and result.note:
            self.message.emit(
                self.tr(
                    "Base map {0}: no CRS stated, taken to be the project's"
                ).format(name)
            )
        self.problems.pop(key, None)
        self.sync()
        self.layer_loaded.emit(key[1])

    def _make_item(self, key: LayerKey, index: int) -> QGraphicsItem | None:
        loaded = self.loaded[key]
        frame = self.scene.frame
        item: QGraphicsItem
        if isinstance(loaded, LoadedImage):
            pixmap_item = QGraphicsPixmapItem(QPixmap.fromImage(loaded.image))
            pixmap_item.setTransformationMode(
                Qt.TransformationMode.SmoothTransformation
            )
            w, h = loaded.image.width(), loaded.image.height()
            source = QPolygonF(
                [QPointF(0, 0), QPointF(w, 0), QPointF(w, h), QPointF(0, h)]
            )
            transform = QTransform()
            if not QTransform.quadToQuad(
                source, _quad(loaded.corners, frame), transform
            ):
                self.problems[key] = "the image's corners do not make a quadrilateral"
                return None
            pixmap_item.setTransform(transform)
            item = pixmap_item
        else:
            path_item = QGraphicsPathItem(_scene_path(loaded.data.geometries, frame))
            colour = QColor(_REFERENCE_COLOURS[index % len(_REFERENCE_COLOURS)])
            pen = QPen(colour, 1.2)
            pen.setCosmetic(True)
            path_item.setPen(pen)
            item = path_item
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        item.setZValue(_z_of(self.layers[index], index))
        self.scene.addItem(item)
        self.items[key] = item
        return item

    # --- tiles -----------------------------------------------------------------

    def tile_cache(self) -> Any:
        if self._tile_cache is None:
            from mixplan.store.tiles import TileCache
            from mixplan.ui.settings import settings_dir

            self._tile_cache = TileCache(settings_dir() / "tiles")
        return self._tile_cache

    def visible_bounds(self) -> tuple[float, float, float, float]:
        rect: QRectF = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        frame = self.scene.frame
        x0, y0 = frame.to_model(rect.bottomLeft())
        x1, y1 = frame.to_model(rect.topRight())
        return x0, y0, x1, y1

    def _update_tiles(self) -> None:
        layers = [lay for lay in self.layers if lay.kind == "tiles" and lay.visible]
        if not layers or not self.view.isVisible():
            return
        from mixplan.store.tiles import tiles_covering

        project_crs = self.document.project.crs
        try:
            tiles = tiles_covering(
                self.visible_bounds(), project_crs, self.view.pixels_per_metre()
            )
        except Exception:  # noqa: BLE001 - a view far off the map shows no tiles
            return
        wanted = set()
        for layer in layers:
            for tile in tiles:
                key = (layer.source, tile)
                wanted.add(key)
                if (
                    key in self._tile_items
                    or key in self._tiles_pending
                    or key in self._tiles_failed
                ):
                    continue
                self._tiles_pending.add(key)
                cache = self.tile_cache()
                job = _Job(
                    key, lambda t=layer.source, k=tile, c=cache: _load_tile(c, t, k)
                )
                self._run(job, self._on_tile)
        # Tiles of other zoom levels go once the new ones are there.
        for key in [k for k in self._tile_items if k not in wanted]:
            if all(w in self._tile_items for w in wanted):
                self.scene.removeItem(self._tile_items.pop(key))

    def _on_tile(self, key: tuple[str, Any], result: object) -> None:
        self._tiles_pending.discard(key)
        template, _tile = key
        layer_index = next(
            (
                i
                for i, lay in enumerate(self.layers)
                if lay.kind == "tiles" and lay.source == template
            ),
            None,
        )
        if layer_index is None:
            return
        if isinstance(result, MixplanError):
            self._tiles_failed.add(key)
            # Quiet: a status line, once per batch, never a dialog.
            self.message.emit(self.tr("Map tiles unavailable: {0}").format(result))
            self.layer_loaded.emit(template)
            return
        from mixplan.store.tiles import tile_corners

        image: QImage = result  # type: ignore[assignment]
        # Reprojected here, on the GUI thread: PROJ in several worker threads at
        # once has crashed the process.
        corners = tile_corners(key[1], self.document.project.crs)
        layer = self.layers[layer_index]
        item = QGraphicsPixmapItem(QPixmap.fromImage(image))
        item.setData(0, template)
        item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        w, h = image.width(), image.height()
        transform = QTransform()
        QTransform.quadToQuad(
            QPolygonF([QPointF(0, 0), QPointF(w, 0), QPointF(w, h), QPointF(0, h)]),
            _quad(corners, self.scene.frame),
            transform,
        )
        item.setTransform(transform)
        item.setZValue(Z_CONTEXT + layer_index - 0.5)
        item.setOpacity(layer.opacity)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.scene.addItem(item)
        self._tile_items[key] = item
        self.layer_loaded.emit(template)
        self._tiles_timer.start()

    def tile_count(self, template: str) -> int:
        return sum(1 for k in self._tile_items if k[0] == template)

    # --- identify ----------------------------------------------------------------

    def identify(self, x: float, y: float) -> list[tuple[str, dict[str, object]]]:
        """Features of the visible reference layers under a point, topmost first.

        The tolerance is four screen pixels, so a road line can be hit.
        """
        import shapely

        tolerance = 4.0 / max(self.view.pixels_per_metre(), 1e-9)
        point = shapely.Point(x, y).buffer(tolerance)
        found = []
        for layer in reversed(self.layers):
            loaded = self.loaded.get(layer_key(layer))
            if (
                layer.kind != "vector"
                or not layer.visible
                or not isinstance(loaded, LoadedVector)
            ):
                continue
            for index in loaded.tree.query(point, predicate="intersects"):
                found.append((layer.name, loaded.data.attributes(int(index))))
        return found

    def show_identify(self, x: float, y: float, global_pos: Any = None) -> str:
        """Show what lies under a click on empty ground (tooltip and status)."""
        features = self.identify(x, y)
        if not features:
            return ""
        name, attributes = features[0]
        shown = ", ".join(f"{k}: {v}" for k, v in list(attributes.items())[:8])
        text = f"{name} — {shown}" if shown else name
        if len(features) > 1:
            text += self.tr(" (+{0} more)").format(len(features) - 1)
        self.message.emit(text)
        if global_pos is not None:
            QToolTip.showText(global_pos, text.replace(", ", "\n"), self.view)
        return text


def _load_tile(cache: Any, template: str, tile: Any) -> QImage:
    data = cache.fetch(template, tile)
    image = QImage.fromData(data)
    if image.isNull():
        raise MixplanError("the tile service sent an image that cannot be decoded")
    return image
