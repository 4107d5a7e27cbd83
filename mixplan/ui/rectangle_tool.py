"""The rectangle tool: two corners, or one corner and a typed width × depth."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem
from shapely.geometry import Polygon, box

from mixplan.ui.items import Z_TOOL, preview_pen
from mixplan.ui.snapping import Snapper
from mixplan.ui.tools import Point, Tool, add_building

_SIZE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*[x×*]\s*(\d+(?:[.,]\d+)?)\s*$")


def parse_size(text: str) -> tuple[float, float] | None:
    """``"30 x 12.5"`` → (30.0, 12.5); None if not a width × depth."""
    match = _SIZE.match(text)
    if not match:
        return None
    width, depth = (float(g.replace(",", ".")) for g in match.groups())
    return (width, depth) if width > 0 and depth > 0 else None


class RectangleTool(Tool):
    """Two corners by click, or a first corner then a typed ``W x D`` and Enter."""

    name = "rectangle"

    def __init__(self, view) -> None:  # type: ignore[no-untyped-def]
        super().__init__(view)
        self.corner: Point | None = None
        self.cursor: Point | None = None
        self.typed = ""
        self.preview: QGraphicsPathItem | None = None
        self.snapper = Snapper(view.scene())

    def activate(self) -> None:
        self.snapper.scene = self.scene
        self.status.emit(
            self.tr(
                "Click a corner, then the opposite corner, or type "
                "width x depth and Enter"
            )
        )

    def deactivate(self) -> None:
        self.cancel()

    def cancel(self) -> None:
        self.corner = self.cursor = None
        self.typed = ""
        if self.preview is not None and self.preview.scene() is not None:
            self.preview.scene().removeItem(self.preview)
        self.preview = None

    def press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        point = self.snapper.snap(self.scene_pos(event), self.view.pixels_per_metre())
        if self.corner is None:
            self.corner = point
            self.cursor = point
            self._update_preview()
        else:
            self._commit(self._rect_to(point))
        return True

    def move(self, event: QMouseEvent) -> bool:
        if self.corner is not None:
            self.cursor = self.snapper.snap(
                self.scene_pos(event), self.view.pixels_per_metre()
            )
            self._update_preview()
        return False

    def release(self, event: QMouseEvent) -> bool:
        return event.button() == Qt.MouseButton.LeftButton and self.corner is not None

    def key(self, event: QKeyEvent) -> bool:
        if self.corner is None:
            return False
        key, text = event.key(), event.text()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            size = parse_size(self.typed)
            if size is None:
                self.status.emit(self.tr("Type width x depth, e.g. 30x12"))
            else:
                self._commit(self._rect_sized(*size))
            return True
        if key == Qt.Key.Key_Escape:
            self.cancel()
            return True
        if key == Qt.Key.Key_Backspace:
            self.typed = self.typed[:-1]
            self._update_preview()
            return True
        if text and text in "0123456789.,x×* ":
            self.typed += text
            self._update_preview()
            return True
        return False

    def wants_key(self, event: QKeyEvent) -> bool:
        return self.corner is not None and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )

    def _direction(self) -> tuple[float, float]:
        assert self.corner is not None
        cx, cy = self.cursor or self.corner
        return (
            -1.0 if cx < self.corner[0] else 1.0,
            -1.0 if cy < self.corner[1] else 1.0,
        )

    def _rect_sized(self, width: float, depth: float) -> Polygon:
        assert self.corner is not None
        sx, sy = self._direction()
        x0, y0 = self.corner
        return box(
            min(x0, x0 + sx * width),
            min(y0, y0 + sy * depth),
            max(x0, x0 + sx * width),
            max(y0, y0 + sy * depth),
        )

    def _rect_to(self, point: Point) -> Polygon:
        assert self.corner is not None
        (x0, y0), (x1, y1) = self.corner, point
        return box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))

    def _current(self) -> Polygon | None:
        size = parse_size(self.typed)
        if size is not None:
            return self._rect_sized(*size)
        if self.cursor is not None:
            return self._rect_to(self.cursor)
        return None

    def _update_preview(self) -> None:
        polygon = self._current()
        path = QPainterPath()
        if polygon is not None and polygon.area > 0:
            path.addPolygon(self.scene.frame.ring(polygon.exterior))
        if self.preview is None:
            self.preview = QGraphicsPathItem()
            self.preview.setPen(preview_pen())
            self.preview.setZValue(Z_TOOL)
            self.scene.addItem(self.preview)
        self.preview.setPath(path)
        if polygon is not None:
            minx, miny, maxx, maxy = polygon.bounds
            self.status.emit(
                self.tr("{0:.2f} m × {1:.2f} m · area {2:.1f} m² {3}").format(
                    maxx - minx, maxy - miny, polygon.area, self.typed
                )
            )

    def _commit(self, polygon: Polygon) -> None:
        if polygon.area <= 0:
            self.status.emit(self.tr("The rectangle has no area"))
            return
        if add_building(self, polygon):
            self.cancel()
