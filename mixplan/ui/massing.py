"""The massing view: an axonometric 2.5D drawing of the current scenario.

Every storey above ground is extruded from its outline and coloured by its dominant
use (the report's palette, as in the plan), so housing over workshops reads at a
glance. Projection: the plan is turned by ``ANGLE`` and foreshortened by
``DEPTH_SCALE`` along the view direction; heights are drawn at full scale. Hidden
faces are resolved with the painter's algorithm: buildings far to near, storeys
bottom up, and within a storey only the walls facing the viewer, far to near.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import QWidget
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.polygon import orient

from mixplan.model import USES, Building, Level, use_class
from mixplan.report.palette import (
    BOUNDARY_COLOUR,
    OUTLINE_COLOUR,
    cover_colour,
    use_colour,
)
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.common import ui_lang

ANGLE = math.radians(30.0)
DEPTH_SCALE = 0.5
SELECTION_COLOUR = "#1f6feb"
_COS, _SIN = math.cos(ANGLE), math.sin(ANGLE)
# Light from the upper left: walls facing it are lighter.
_LIGHT = (-0.8, -0.6)


def plan_to_view(x: float, y: float, z: float = 0.0) -> tuple[float, float, float]:
    """``(X, Y, depth)``: screen position with Y up, and distance from the viewer."""
    u = x * _COS - y * _SIN
    v = x * _SIN + y * _COS
    return u, DEPTH_SCALE * v + z, v


def dominant_use(level: Level) -> str:
    return max(level.uses, key=lambda a: a.share).use


@dataclass
class _Face:
    polygon: QPolygonF
    colour: QColor


@dataclass
class _Shape:
    building: Building
    depth: float
    faces: list[_Face]
    outline: QPainterPath
    _silhouette: QPainterPath | None = None

    def silhouette(self) -> QPainterPath:
        """The outer contour of all faces (for the selection outline), cached."""
        if self._silhouette is None:
            path = QPainterPath()
            for face in self.faces:
                piece = QPainterPath()
                piece.addPolygon(face.polygon)
                piece.closeSubpath()
                path = path.united(piece)
            self._silhouette = path
        return self._silhouette


def _shade(colour: QColor, factor: float) -> QColor:
    return QColor.fromRgbF(
        min(colour.redF() * factor, 1.0),
        min(colour.greenF() * factor, 1.0),
        min(colour.blueF() * factor, 1.0),
    )


def _rings(outline: Polygon) -> list[list[tuple[float, float]]]:
    oriented = orient(outline, sign=1.0)  # exterior counter-clockwise, holes clockwise
    rings = [list(oriented.exterior.coords)]
    rings.extend(list(ring.coords) for ring in oriented.interiors)
    return rings


def _prism_faces(outline: Polygon, z0: float, z1: float, colour: QColor) -> list[_Face]:
    walls: list[tuple[float, _Face]] = []
    for ring in _rings(outline):
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
            dx, dy = x1 - x0, y1 - y0
            length = math.hypot(dx, dy)
            if length == 0:
                continue
            nx, ny = dy / length, -dx / length  # outward normal of a CCW ring
            # The viewer looks along +v: a wall is seen when its normal points to -v.
            facing = nx * _SIN + ny * _COS
            if facing >= -1e-9:
                continue
            light = -(nx * _LIGHT[0] + ny * _LIGHT[1])
            factor = 0.84 + 0.12 * light
            a, b = plan_to_view(x0, y0), plan_to_view(x1, y1)
            polygon = QPolygonF(
                [
                    QPointF(a[0], a[1] + z0),
                    QPointF(b[0], b[1] + z0),
                    QPointF(b[0], b[1] + z1),
                    QPointF(a[0], a[1] + z1),
                ]
            )
            walls.append(((a[2] + b[2]) / 2, _Face(polygon, _shade(colour, factor))))
    walls.sort(key=lambda item: -item[0])
    faces = [face for _depth, face in walls]
    top = QPolygonF()
    for x, y in outline.exterior.coords:
        u, vy, _ = plan_to_view(x, y, z1)
        top.append(QPointF(u, vy))
    faces.append(_Face(top, _shade(colour, 1.08)))
    return faces


def building_shape(building: Building) -> _Shape:
    faces: list[_Face] = []
    z = 0.0
    for index, level in building.indexed_levels():
        if index < 0:
            continue
        outline = level.polygon or building.footprint
        colour = QColor(use_colour(dominant_use(level)))
        faces.extend(_prism_faces(outline, z, z + level.height_m, colour))
        z += level.height_m
    outline = QPainterPath()
    outline.setFillRule(Qt.FillRule.WindingFill)
    for face in faces:
        outline.addPolygon(face.polygon)
    centroid = building.footprint.centroid
    return _Shape(building, plan_to_view(centroid.x, centroid.y)[2], faces, outline)


class MassingView(QWidget):
    """Axonometric view of the current scenario; follows and sets the selection."""

    #: building ids clicked in the view (already pushed to the document's selection)
    building_clicked = Signal(list)

    def __init__(
        self,
        document: ProjectDocument,
        live_engine: object = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("massing_view")
        self.document = document
        self.live_engine = live_engine
        self._shapes: dict[str, _Shape] = {}
        self._order: list[_Shape] = []
        self._ground: list[_Face] = []
        self._transform = QTransform()
        self.setMinimumSize(240, 180)
        self.setMouseTracking(False)
        document.changed.connect(self._on_changed)
        document.scenario_changed.connect(lambda _name: self.rebuild())
        document.project_replaced.connect(self.rebuild)
        document.selection_changed.connect(lambda _ids: self.update())
        self.rebuild()

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    # --- geometry -----------------------------------------------------------------

    def _on_changed(self, change) -> None:  # type: ignore[no-untyped-def]
        if (
            change.everything
            or change.site
            or change.scenarios
            or change.scenario == self.document.current_scenario
        ):
            self.rebuild()

    def rebuild(self) -> None:
        """Recompute the shapes of buildings whose value changed, then the layout."""
        scenario = self.document.scenario
        shapes: dict[str, _Shape] = {}
        for building_id, building in scenario.buildings.items():
            cached = self._shapes.get(building_id)
            if cached is not None and cached.building is building:
                shapes[building_id] = cached
            else:
                shapes[building_id] = building_shape(building)
        self._shapes = shapes
        self._order = sorted(shapes.values(), key=lambda s: -s.depth)
        self._ground = self._ground_faces()
        self._fit()
        self.update()

    def _ground_faces(self) -> list[_Face]:
        faces: list[_Face] = []
        project = self.document.project
        pieces: list[tuple[object, QColor]] = []
        if project.site is not None:
            pieces.append((project.site.boundary, QColor("#f3f1ea")))
        for cover in self.document.scenario.cover.values():
            pieces.append((cover.geometry, QColor(cover_colour(cover.cover))))
        for geometry, colour in pieces:
            polygons = (
                list(geometry.geoms)
                if isinstance(geometry, MultiPolygon)
                else [geometry]
            )
            for polygon in polygons:
                flat = QPolygonF()
                for x, y in polygon.exterior.coords:  # type: ignore[attr-defined]
                    u, vy, _ = plan_to_view(x, y)
                    flat.append(QPointF(u, vy))
                faces.append(_Face(flat, colour))
        return faces

    def _fit(self) -> None:
        rect = QRectF()
        for shape in self._order:
            rect = rect.united(shape.outline.boundingRect())
        for face in self._ground:
            rect = rect.united(face.polygon.boundingRect())
        if rect.isEmpty():
            self._transform = QTransform()
            return
        margin = 16.0
        width = max(self.width() - 2 * margin, 1.0)
        height = max(self.height() - 2 * margin, 1.0)
        scale = min(width / max(rect.width(), 1e-6), height / max(rect.height(), 1e-6))
        # Centre the drawing; world Y points up, widget y down.
        dx = margin + (width - rect.width() * scale) / 2 - rect.left() * scale
        dy = margin + (height - rect.height() * scale) / 2 + rect.bottom() * scale
        self._transform = QTransform(scale, 0, 0, -scale, dx, dy)

    def project_point(self, x: float, y: float, z: float = 0.0) -> QPointF:
        """Where the plan point ``(x, y)`` at height ``z`` is drawn in the widget."""
        u, vy, _ = plan_to_view(x, y, z)
        return self._transform.map(QPointF(u, vy))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit()
        super().resizeEvent(event)

    # --- painting -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self._order:
            painter.setPen(QColor("#6b6b6b"))
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("No building in this scenario"),
            )
        painter.setTransform(self._transform)
        edge = QPen(QColor(OUTLINE_COLOUR), 0.8)
        edge.setCosmetic(True)
        edge.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        ground_pen = QPen(QColor(BOUNDARY_COLOUR), 1.2, Qt.PenStyle.DashLine)
        ground_pen.setCosmetic(True)
        for number, face in enumerate(self._ground):
            painter.setPen(ground_pen if number == 0 else Qt.PenStyle.NoPen)
            painter.setBrush(face.colour)
            painter.drawPolygon(face.polygon)
        selected = set(self.document.selection)
        highlight = QPen(QColor(SELECTION_COLOUR), 2.5)
        highlight.setCosmetic(True)
        for shape in self._order:
            painter.setPen(edge)
            for face in shape.faces:
                painter.setBrush(QBrush(face.colour))
                painter.drawPolygon(face.polygon)
            if shape.building.id in selected:
                painter.setPen(highlight)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(shape.silhouette())
        painter.resetTransform()
        self._paint_legend(painter)
        painter.end()

    def _paint_legend(self, painter: QPainter) -> None:
        codes: list[str] = []
        for shape in self._order:
            for index, level in shape.building.indexed_levels():
                code = dominant_use(level)
                if index >= 0 and code not in codes:
                    codes.append(code)
        if not codes:
            return
        codes.sort(key=list(USES).index)
        lang = ui_lang()
        metrics = painter.fontMetrics()
        line = metrics.height() + 2
        labels = [use_class(code).label(lang) for code in codes]
        width = max(metrics.horizontalAdvance(t) for t in labels) + 28
        box = QRectF(8, 8, width, line * len(codes) + 8)
        painter.setPen(QColor("#cfcfcf"))
        painter.setBrush(QColor(255, 255, 255, 220))
        painter.drawRoundedRect(box, 4, 4)
        for number, (code, text) in enumerate(zip(codes, labels, strict=True)):
            top = box.top() + 4 + number * line
            painter.setPen(QColor(OUTLINE_COLOUR))
            painter.setBrush(QColor(use_colour(code)))
            painter.drawRect(QRectF(box.left() + 6, top + 3, 12, line - 6))
            painter.setPen(QColor("#222222"))
            painter.drawText(
                QRectF(box.left() + 24, top, width, line),
                Qt.AlignmentFlag.AlignVCenter,
                text,
            )

    # --- selection --------------------------------------------------------------------

    def building_at(self, point: QPointF) -> str | None:
        """The id of the building drawn on top at a widget point."""
        inverse, ok = self._transform.inverted()
        if not ok:
            return None
        world = inverse.map(point)
        for shape in reversed(self._order):
            if shape.outline.contains(world):
                return shape.building.id
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        hit = self.building_at(event.position())
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if hit is None:
            ids = list(self.document.selection) if shift else []
        elif shift:
            ids = [b for b in self.document.selection if b != hit]
            if hit not in self.document.selection:
                ids.append(hit)
        else:
            ids = [hit]
        self.document.set_selection(ids)
        self.building_clicked.emit(ids)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.update()
        super().changeEvent(event)
