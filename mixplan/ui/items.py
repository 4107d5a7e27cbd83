"""Graphics items of the site plan: buildings, their labels, covers, the site.

Model coordinates are projected metres with y pointing north; the scene flips y
(Qt's y points down) and subtracts an origin near the site, because Lambert-93
coordinates in the millions lose precision once scaled to screen pixels.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)
from shapely.geometry import MultiPolygon, Polygon

from mixplan.model import Building, GroundCover
from mixplan.ui.colors import (
    BASELINE_COLOR,
    COVER_COLORS,
    ERROR_COLOR,
    FAMILY_COLORS,
    OUTLINE_COLOR,
    SELECTION_COLOR,
    SITE_COLOR,
    dominant_family,
)

Z_SITE_FILL, Z_COVER, Z_BUILDING, Z_SITE_LINE, Z_BASELINE, Z_LABEL, Z_TOOL = (
    0,
    1,
    3,
    4,
    5,
    6,
    10,
)

#: Below this many screen pixels per metre outlines and labels are dropped.
OUTLINE_LOD = 0.25


class Frame:
    """Converts between model metres (y north) and scene units (y down, offset)."""

    def __init__(self, origin_x: float = 0.0, origin_y: float = 0.0) -> None:
        self.origin_x, self.origin_y = origin_x, origin_y

    def to_scene(self, x: float, y: float) -> QPointF:
        return QPointF(x - self.origin_x, -(y - self.origin_y))

    def to_model(self, point: QPointF) -> tuple[float, float]:
        return point.x() + self.origin_x, -point.y() + self.origin_y

    def ring(self, coords) -> QPolygonF:  # type: ignore[no-untyped-def]
        ox, oy = self.origin_x, self.origin_y
        return QPolygonF([QPointF(x - ox, oy - y) for x, y, *_ in coords])

    def path(self, geometry: Polygon | MultiPolygon) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
        for polygon in polygons:
            path.addPolygon(self.ring(polygon.exterior.coords))
            path.closeSubpath()
            for hole in polygon.interiors:
                path.addPolygon(self.ring(hole.coords))
                path.closeSubpath()
        return path


def _cosmetic(
    color: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine
) -> QPen:
    pen = QPen(color, width, style)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


_OUTLINE = _cosmetic(OUTLINE_COLOR, 1.0)
_SELECTED = _cosmetic(SELECTION_COLOR, 2.5)
_ERROR = _cosmetic(ERROR_COLOR, 2.5)


class BuildingItem(QGraphicsPathItem):
    """One building's footprint, filled with its dominant family's colour."""

    def __init__(self, building: Building, frame: Frame) -> None:
        super().__init__()
        self.building_id = building.id
        self.has_error = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setZValue(Z_BUILDING)
        self.update_building(building, frame)

    def update_building(self, building: Building, frame: Frame) -> None:
        self.building = building
        self.family = dominant_family(building)
        self.fill = QBrush(FAMILY_COLORS[self.family])
        self.selected_fill = QBrush(FAMILY_COLORS[self.family].lighter(125))
        self.setPath(frame.path(building.footprint))
        self.setToolTip(f"{building.name} ({building.id}) {building.storeys_label}")

    def set_error(self, has_error: bool) -> None:
        if has_error != self.has_error:
            self.has_error = has_error
            self.update()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        selected = self.isSelected()
        painter.setBrush(self.selected_fill if selected else self.fill)
        if self.has_error:
            painter.setPen(_ERROR)
        elif selected:
            painter.setPen(_SELECTED)
        elif lod >= OUTLINE_LOD:
            painter.setPen(_OUTLINE)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPath(self.path())

    def boundingRect(self) -> QRectF:
        # Cosmetic pens are a few pixels wide whatever the zoom; a small margin in
        # scene units would clip them when zoomed out, so pad relative to size.
        rect = self.path().boundingRect()
        pad = max(0.5, 0.02 * max(rect.width(), rect.height()))
        return rect.adjusted(-pad, -pad, pad, pad)


class LabelItem(QGraphicsSimpleTextItem):
    """Name and storeys (R+n) at a building's representative point."""

    def __init__(self, building: Building, frame: Frame) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(Z_LABEL)
        self.setBrush(QColor(20, 20, 20))
        self.update_building(building, frame)

    def update_building(self, building: Building, frame: Frame) -> None:
        self.setText(f"{building.name}\n{building.storeys_label}")
        point = building.footprint.representative_point()
        self.setPos(frame.to_scene(point.x, point.y))
        rect = super().boundingRect()
        # Centre the text on the point (offset is in device pixels here).
        self._offset = QPointF(-rect.width() / 2, -rect.height() / 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.translate(self._offset)
        super().paint(painter, option, widget)

    def boundingRect(self) -> QRectF:
        rect = super().boundingRect()
        offset = getattr(self, "_offset", QPointF())
        return rect.translated(offset)


class CoverItem(QGraphicsPathItem):
    def __init__(self, cover: GroundCover, frame: Frame) -> None:
        super().__init__(frame.path(cover.geometry))
        self.cover_id = cover.id
        self.setBrush(QBrush(COVER_COLORS.get(cover.cover, QColor("#dddddd"))))
        self.setPen(_cosmetic(QColor(120, 120, 120, 120), 0.5))
        self.setZValue(Z_COVER)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setToolTip(cover.cover)


class SiteItem(QGraphicsPathItem):
    def __init__(self, boundary: Polygon | MultiPolygon, frame: Frame) -> None:
        super().__init__(frame.path(boundary))
        self.setBrush(QBrush(QColor(250, 250, 246)))
        self.setPen(_cosmetic(SITE_COLOR, 1.5, Qt.PenStyle.DashLine))
        self.setZValue(Z_SITE_FILL)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)


class BaselineOutlines(QGraphicsPathItem):
    """The baseline's footprints drawn faintly under a scenario, as one path."""

    def __init__(self, buildings: list[Building], frame: Frame) -> None:
        path = QPainterPath()
        for building in buildings:
            path.addPath(frame.path(building.footprint))
        super().__init__(path)
        self.setPen(_cosmetic(BASELINE_COLOR, 1.0, Qt.PenStyle.DashLine))
        self.setBrush(Qt.BrushStyle.NoBrush)
        self.setZValue(Z_BASELINE)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)


def preview_pen() -> QPen:
    return _cosmetic(SELECTION_COLOR, 1.5, Qt.PenStyle.DashLine)
