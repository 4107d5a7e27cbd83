"""The import dialog's map: the footprints an import will create, by use family."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from mixplan.model import Project

__all__ = [
    "MAX_DRAWN",
    "MAX_SMOOTHED",
    "ImportPreviewView",
    "paths_from_bytes",
    "preview_bytes",
    "preview_paths",
]

#: Footprints drawn in the preview at most (the rest are counted in the report).
MAX_DRAWN = 20_000
#: Path elements drawn with antialiasing at most (about 2,000 footprints). More
#: are a few pixels each on the small map, where smoothing shows little and
#: cost the GUI thread 65-100 ms a paint at 10,000 footprints (5 ms without).
MAX_SMOOTHED = 12_000


def _ring_path(path: QPainterPath, coords: Any) -> None:
    points = [QPointF(x, -y) for x, y in coords]  # y up on the map
    path.addPolygon(QPolygonF(points))
    path.closeSubpath()


def preview_paths(command: Any, project: Project) -> dict[str, QPainterPath]:
    """Footprints to be created, one path per use family, plus ``"site"``.

    Built in the worker thread (QPainterPath is a value type): the dialog only
    adds a handful of items, however many buildings the file holds.
    """
    from mixplan.ui.colors import dominant_family

    paths: dict[str, QPainterPath] = {}
    site = (
        command.site
        if command.site is not None
        else (project.site.boundary if project.site is not None else None)
    )
    if site is not None:
        paths["site"] = QPainterPath()
        for polygon in getattr(site, "geoms", [site]):
            _ring_path(paths["site"], polygon.exterior.coords)
    for building in list(command.buildings)[:MAX_DRAWN]:
        family = dominant_family(building)
        _ring_path(
            paths.setdefault(family, QPainterPath()), building.footprint.exterior.coords
        )
    for cover in list(command.cover)[:MAX_DRAWN]:
        for polygon in getattr(cover.geometry, "geoms", [cover.geometry]):
            _ring_path(
                paths.setdefault("cover", QPainterPath()), polygon.exterior.coords
            )
    return paths


def preview_bytes(command: Any, project: Project) -> dict[str, bytes]:
    """:func:`preview_paths` as bytes (``QDataStream``).

    For a child process planning the import to send back (see
    :func:`~mixplan.store.importing.plan_import`): a path of 10,000 footprints
    is read back in one C++ call, not built in 0.15-0.2 s of Python here.
    """
    out = {}
    for key, path in preview_paths(command, project).items():
        data = QByteArray()
        QDataStream(data, QIODevice.OpenModeFlag.WriteOnly) << path
        out[key] = data.data()
    return out


def paths_from_bytes(drawn: dict[str, bytes]) -> dict[str, QPainterPath]:
    """The paths :func:`preview_bytes` wrote."""
    paths = {}
    for key, data in drawn.items():
        path = QPainterPath()
        QDataStream(QByteArray(data)) >> path
        paths[key] = path
    return paths


class ImportPreviewView(QGraphicsView):
    """A small map of what the import will create, fitted to the view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_map")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(180, 140)
        self.setBackgroundBrush(QColor("#ffffff"))

    def show_paths(self, paths: dict[str, QPainterPath]) -> None:
        from mixplan.ui.colors import COVER_COLORS, FAMILY_COLORS, SITE_COLOR

        scene = self.scene()
        scene.clear()
        elements = sum(path.elementCount() for path in paths.values())
        self.setRenderHint(QPainter.RenderHint.Antialiasing, elements <= MAX_SMOOTHED)
        for key, path in paths.items():
            item = QGraphicsPathItem(path)
            if key == "site":
                fill = None
            elif key == "cover":
                fill = COVER_COLORS.get("open_soil", QColor("#9ccc65"))
            else:
                fill = FAMILY_COLORS.get(key, QColor("#bdbdbd"))
            pen = QPen(SITE_COLOR if fill is None else fill.darker(150))
            pen.setCosmetic(True)
            # One pixel wide, as width 1: with 1, Qt found the item's bounds by
            # stroking every outline (10,000 footprints: 15-20 ms of the GUI
            # thread), and the map was fitted to them grown by half a metre.
            pen.setWidth(0)
            item.setPen(pen)
            if fill is not None:
                item.setBrush(fill)
            item.setZValue(0 if key == "site" else 1)
            scene.addItem(item)
        if paths:
            rect = scene.itemsBoundingRect()
            self.fitInView(
                rect.adjusted(
                    -rect.width() * 0.05,
                    -rect.height() * 0.05,
                    rect.width() * 0.05,
                    rect.height() * 0.05,
                ),
                Qt.AspectRatioMode.KeepAspectRatio,
            )

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.scene().items():
            self.fitInView(
                self.scene().itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio
            )
