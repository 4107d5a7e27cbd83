"""The massing view: an axonometric 2.5D drawing of the current scenario.

Wheel zooms around the cursor, a drag pans, a double click on empty ground fits
the site again; a click selects a building (Shift adds or removes one).

Every storey above ground is extruded from its outline and coloured by its uses
(the report's palette, as in the plan; a mixed storey shows its uses side by side
along each wall, in proportion), so housing over workshops reads at a glance.
Projection: the plan is turned by ``ANGLE`` and foreshortened by ``DEPTH_SCALE``
along the view direction; heights are drawn at full scale. Hidden faces are
resolved with the painter's algorithm: buildings far to near, storeys bottom up,
and within a storey only the walls facing the viewer, far to near.

At scale (10,000 buildings) the view is built once and updated per changed
building: every building has a cheap *block* (its projected bounds, depth and
roof colour, measured for all new buildings at once), kept while the building
value is the same. A building smaller than ``DETAIL_PX`` on screen is drawn as
its block (level of detail); the detailed prism of the others is made when first
needed, at most ``DETAIL_BUDGET_S`` of them per rendering — the picture refines
over the next few frames instead of freezing the window.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import shapely
from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget
from shapely.geometry import MultiPolygon, Polygon

from mixplan.model import USES, Building, use_class
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
#: Below this size on screen (pixels) a building is drawn as its block.
DETAIL_PX = 14.0
#: The longest one rendering spends making detailed prisms (seconds).
DETAIL_BUDGET_S = 0.04


def plan_to_view(x: float, y: float, z: float = 0.0) -> tuple[float, float, float]:
    """``(X, Y, depth)``: screen position with Y up, and distance from the viewer."""
    u = x * _COS - y * _SIN
    v = x * _SIN + y * _COS
    return u, DEPTH_SCALE * v + z, v


@dataclass
class _Face:
    """A filled polygon, or (``lines`` set) the storey lines drawn over a wall."""

    polygon: QPolygonF
    colour: QColor
    lines: list[QLineF] | None = None


@dataclass
class _Shape:
    """A building's drawing: faces in paint order, storey lines, screen bounds."""

    building: Building
    depth: float
    faces: list[_Face]
    bounds: QRectF
    uses: frozenset[str]
    _silhouette: QPainterPath | None = None

    def silhouette(self) -> QPainterPath:
        """The outer contour of all faces (for the selection outline), cached."""
        if self._silhouette is None:
            path = QPainterPath()
            for face in self.faces:
                if face.lines is not None:
                    continue
                piece = QPainterPath()
                piece.addPolygon(face.polygon)
                piece.closeSubpath()
                path = path.united(piece)
            self._silhouette = path
        return self._silhouette

    def contains(self, point: QPointF) -> bool:
        if not self.bounds.contains(point):
            return False
        return any(
            face.polygon.containsPoint(point, Qt.FillRule.OddEvenFill)
            for face in self.faces
            if face.lines is None
        )


@dataclass
class _Block:
    """A building at low detail: projected bounds, depth, roof colour.

    ``shape`` is its detailed drawing once made (None until needed).
    """

    building: Building
    depth: float
    bounds: QRectF
    colour: QColor
    shape: _Shape | None = None

    def detailed(self) -> _Shape:
        if self.shape is None:
            self.shape = building_shape(self.building)
        return self.shape


def _roof_use(building: Building) -> str:
    """The use shown on the roof: the top storey's largest (as the prism draws it)."""
    top = building.levels[-1]
    return max(top.uses, key=lambda a: a.share).use


def building_blocks(buildings: list[Building]) -> list[_Block]:
    """Blocks of buildings, their footprints measured and projected at once."""
    if not buildings:
        return []
    footprints = [b.footprint for b in buildings]
    xy, owner = shapely.get_coordinates(footprints, return_index=True)
    u = xy[:, 0] * _COS - xy[:, 1] * _SIN
    vy = DEPTH_SCALE * (xy[:, 0] * _SIN + xy[:, 1] * _COS)
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    u0, u1 = np.minimum.reduceat(u, starts), np.maximum.reduceat(u, starts)
    v0, v1 = np.minimum.reduceat(vy, starts), np.maximum.reduceat(vy, starts)
    centroids = shapely.get_coordinates(shapely.centroid(footprints))
    depth = centroids[:, 0] * _SIN + centroids[:, 1] * _COS
    blocks = []
    for k, building in enumerate(buildings):
        height = sum(lv.height_m for lv in building.levels[building.basements :])
        rect = QRectF(
            float(u0[k]), float(v0[k]), float(u1[k] - u0[k]), float(v1[k] - v0[k])
        )
        rect.setBottom(rect.bottom() + height)
        colour = _shade(use_colour(_roof_use(building)), 0.96)
        blocks.append(_Block(building, float(depth[k]), rect, colour))
    return blocks


_SHADES: dict[tuple[str, float], QColor] = {}


def _shade(hex_colour: str, factor: float) -> QColor:
    key = (hex_colour, round(factor, 3))
    colour = _SHADES.get(key)
    if colour is None:
        base = QColor(hex_colour)
        colour = QColor.fromRgbF(
            min(base.redF() * factor, 1.0),
            min(base.greenF() * factor, 1.0),
            min(base.blueF() * factor, 1.0),
        )
        _SHADES[key] = colour
    return colour


@dataclass
class _Outline:
    """An outline projected once: its visible walls (far to near) and its top."""

    walls: list[tuple[float, float, float, float, float]]  # ax, ay, bx, by, shade
    top: list[tuple[float, float]]


def _signed_area(points: list[tuple[float, float]]) -> float:
    return 0.5 * sum(
        x0 * y1 - x1 * y0
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False)
    )


def _project_outline(outline: Polygon) -> _Outline:
    exterior = list(outline.exterior.coords)
    rings = [exterior if _signed_area(exterior) > 0 else exterior[::-1]]
    for interior in outline.interiors:
        hole = list(interior.coords)
        rings.append(hole if _signed_area(hole) < 0 else hole[::-1])
    # Exterior counter-clockwise and holes clockwise: (dy, -dx) points outward.
    walls: list[tuple[float, tuple[float, float, float, float, float]]] = []
    for points in rings:
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            dx, dy = x1 - x0, y1 - y0
            length = math.hypot(dx, dy)
            if length == 0:
                continue
            nx, ny = dy / length, -dx / length
            # The viewer looks along +v: a wall is seen when its normal points to -v.
            if nx * _SIN + ny * _COS >= -1e-9:
                continue
            light = -(nx * _LIGHT[0] + ny * _LIGHT[1])
            u0, v0 = x0 * _COS - y0 * _SIN, x0 * _SIN + y0 * _COS
            u1, v1 = x1 * _COS - y1 * _SIN, x1 * _SIN + y1 * _COS
            walls.append(
                (
                    (v0 + v1) / 2,
                    (u0, DEPTH_SCALE * v0, u1, DEPTH_SCALE * v1, 0.84 + 0.12 * light),
                )
            )
    walls.sort(key=lambda item: -item[0])
    top = [
        (x * _COS - y * _SIN, DEPTH_SCALE * (x * _SIN + y * _COS)) for x, y in exterior
    ]
    return _Outline([w for _depth, w in walls], top)


Mix = tuple[tuple[str, float], ...]


def _storey_runs(building: Building) -> list[tuple[Polygon, Mix, list[float]]]:
    """Consecutive storeys above ground with one outline and one use mix, merged
    into one prism: ``(outline, ((use, share), …) largest first, [z0, …, z_top])``."""
    runs: list[tuple[Polygon, Mix, list[float]]] = []
    z = 0.0
    for index, level in building.indexed_levels():
        if index < 0:
            continue
        outline = level.polygon or building.footprint
        mix = tuple(
            sorted(((a.use, a.share) for a in level.uses), key=lambda item: -item[1])
        )
        top = z + level.height_m
        if runs and runs[-1][0] is outline and runs[-1][1] == mix:
            runs[-1][2].append(top)
        else:
            runs.append((outline, mix, [z, top]))
        z = top
    return runs


def _bounds(points: list[tuple[float, float]]) -> QRectF:
    if not points:
        return QRectF()
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def building_shape(building: Building) -> _Shape:
    faces: list[_Face] = []
    projected: dict[int, _Outline] = {}
    spec_points: list[tuple[float, float]] = []
    runs = _storey_runs(building)
    for outline, mix, heights in runs:
        spec = projected.get(id(outline))
        if spec is None:
            spec = projected[id(outline)] = _project_outline(outline)
        z0, z1 = heights[0], heights[-1]
        for ax, ay, bx, by, shade in spec.walls:
            # A mixed storey shows its uses side by side along each wall, in
            # proportion to their shares (largest first).
            start = 0.0
            for use, share in mix:
                end = min(start + share, 1.0)
                sx, sy = ax + (bx - ax) * start, ay + (by - ay) * start
                ex, ey = ax + (bx - ax) * end, ay + (by - ay) * end
                polygon = QPolygonF(
                    [
                        QPointF(sx, sy + z0),
                        QPointF(ex, ey + z0),
                        QPointF(ex, ey + z1),
                        QPointF(sx, sy + z1),
                    ]
                )
                faces.append(_Face(polygon, _shade(use_colour(use), shade)))
                start = end
            if len(heights) > 2:
                # Right after their wall, so nearer walls and roofs still hide them.
                lines = [QLineF(ax, ay + z, bx, by + z) for z in heights[1:-1]]
                faces.append(_Face(QPolygonF(), QColor(), lines))
        spec_points.extend((u, vy + z) for u, vy in spec.top for z in (z0, z1))
        top = QPolygonF([QPointF(u, vy + z1) for u, vy in spec.top])
        faces.append(_Face(top, _shade(use_colour(mix[0][0]), 1.08)))
    bounds = _bounds(spec_points)
    centroid = building.footprint.centroid
    depth = plan_to_view(centroid.x, centroid.y)[2]
    uses = frozenset(use for _outline, mix, _heights in runs for use, _share in mix)
    return _Shape(building, depth, faces, bounds, uses)


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
        self._blocks: dict[str, _Block] = {}
        self._order: list[_Block] = []
        self._refining = False
        self._ground: list[_Face] = []
        self._transform = QTransform()
        self._fitted = QTransform()
        self._zoom = 1.0
        self._pan = QPointF()
        self._press: QPointF | None = None
        self._dragged = False
        self._dirty = True
        self._cache: QPixmap | None = None
        self._legend: list[str] = []
        self._fitted_size = QSize()
        self.setMinimumSize(240, 180)
        self.setMouseTracking(False)
        document.changed.connect(self._on_changed)
        document.scenario_changed.connect(lambda _name: self.rebuild())
        document.project_replaced.connect(self.rebuild)
        document.selection_changed.connect(lambda _ids: self.update())

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    # --- geometry -----------------------------------------------------------------

    def _on_changed(self, change) -> None:  # type: ignore[no-untyped-def]
        if (
            change.everything
            or change.site
            or change.scenarios
            or self.document.current_scenario in change.scenario_names
        ):
            self.rebuild()

    def rebuild(self) -> None:
        """Mark the drawing stale; it is recomputed when next painted or probed.

        A hidden massing view (the plan is shown) so costs nothing per edit.
        """
        self._dirty = True
        self._cache = None
        self.update()

    def _ensure(self) -> None:
        if self._dirty:
            self._dirty = False
            self._rebuild_now()

    def _rebuild_now(self) -> None:
        """Blocks of the buildings whose value changed (the others are kept)."""
        scenario = self.document.scenario
        blocks: dict[str, _Block] = {}
        fresh: list[Building] = []
        for building_id, building in scenario.buildings.items():
            cached = self._blocks.get(building_id)
            if cached is not None and cached.building is building:
                blocks[building_id] = cached
            else:
                fresh.append(building)
        for block in building_blocks(fresh):
            blocks[block.building.id] = block
        self._blocks = blocks
        self._order = sorted(blocks.values(), key=lambda b: -b.depth)
        self._ground = self._ground_faces()
        self._legend = self._collect_legend()
        self._fit()

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
        if self._order:
            left = min(b.bounds.left() for b in self._order)
            top = min(b.bounds.top() for b in self._order)
            right = max(b.bounds.right() for b in self._order)
            bottom = max(b.bounds.bottom() for b in self._order)
            rect = QRectF(left, top, right - left, bottom - top)
        for face in self._ground:
            rect = rect.united(face.polygon.boundingRect())
        if rect.isEmpty():
            self._fitted = QTransform()
            self._apply_view()
            return
        margin = 16.0
        # Keep the legend's column free when the view is wide enough for both.
        legend = self._legend_width() + 8.0
        left = margin + (legend if self.width() > 3 * legend else 0.0)
        width = max(self.width() - left - margin, 1.0)
        height = max(self.height() - 2 * margin, 1.0)
        scale = min(width / max(rect.width(), 1e-6), height / max(rect.height(), 1e-6))
        # Centre the drawing; world Y points up, widget y down.
        dx = left + (width - rect.width() * scale) / 2 - rect.left() * scale
        dy = margin + (height - rect.height() * scale) / 2 + rect.bottom() * scale
        self._fitted = QTransform(scale, 0, 0, -scale, dx, dy)
        self._fitted_size = self.size()
        self._apply_view()

    def _apply_view(self) -> None:
        # The user's zoom and pan act in widget pixels on top of the fitted drawing.
        view = QTransform()
        view.translate(self._pan.x(), self._pan.y())
        view.scale(self._zoom, self._zoom)
        self._transform = self._fitted * view
        self._cache = None
        self.update()

    def frame(self, building_ids: list[str]) -> None:
        """Zoom and pan so these buildings fill most of the view (a finding clicked)."""
        self._ensure()
        rect = QRectF()
        for building_id in building_ids:
            block = self._blocks.get(building_id)
            if block is not None:
                rect = rect.united(self._fitted.mapRect(block.bounds))
        if rect.isEmpty():
            return
        zoom = min(
            self.width() * 0.6 / max(rect.width(), 1.0),
            self.height() * 0.6 / max(rect.height(), 1.0),
            40.0,
        )
        self._zoom = max(zoom, 0.2)
        centre = rect.center() * self._zoom
        self._pan = QPointF(self.width() / 2, self.height() / 2) - centre
        self._apply_view()

    def reset_view(self) -> None:
        """Fit the whole site again (double click)."""
        self._zoom, self._pan = 1.0, QPointF()
        self._apply_view()

    def project_point(self, x: float, y: float, z: float = 0.0) -> QPointF:
        """Where the plan point ``(x, y)`` at height ``z`` is drawn in the widget."""
        self._ensure()
        u, vy, _ = plan_to_view(x, y, z)
        return self._transform.map(QPointF(u, vy))

    def resizeEvent(self, event: QResizeEvent) -> None:
        # grab() of a hidden widget replays a resize to the same size: keep the cache.
        if not self._dirty and event.size() != self._fitted_size:
            self._fit()
        super().resizeEvent(event)

    # --- painting -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        self._ensure()
        if (
            self._cache is None
            or self._cache.size() != self.size() * self.devicePixelRatioF()
        ):
            self._cache = self._render_scene()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._cache)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = set(self.document.selection)
        if selected:
            # Drawn over the cached picture: a selected building hidden behind
            # another still shows its outline.
            highlight = QPen(QColor(SELECTION_COLOUR), 2.5)
            highlight.setCosmetic(True)
            painter.setTransform(self._transform)
            painter.setPen(highlight)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for building_id in selected:
                block = self._blocks.get(building_id)
                if block is not None:
                    painter.drawPath(block.detailed().silhouette())
            painter.resetTransform()
        self._paint_legend(painter)
        painter.end()

    def _render_scene(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor("#ffffff"))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
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
        storey_pen = QPen(QColor(OUTLINE_COLOUR), 0.5)
        storey_pen.setCosmetic(True)
        ground_pen = QPen(QColor(BOUNDARY_COLOUR), 1.2, Qt.PenStyle.DashLine)
        ground_pen.setCosmetic(True)
        for number, face in enumerate(self._ground):
            painter.setPen(ground_pen if number == 0 else Qt.PenStyle.NoPen)
            painter.setBrush(face.colour)
            painter.drawPolygon(face.polygon)
        inverse, _ok = self._transform.inverted()
        visible = inverse.mapRect(QRectF(self.rect()))
        # Storey lines only where a storey is at least ~4 px tall.
        scale = abs(self._transform.m22())
        show_storeys = scale * 2.8 >= 4.0
        deadline = time.perf_counter() + DETAIL_BUDGET_S
        coarse = 0
        for block in self._order:
            bounds = block.bounds
            if not bounds.intersects(visible):
                continue
            shape = block.shape
            if shape is None and (
                max(bounds.width(), bounds.height()) * scale < DETAIL_PX
                or time.perf_counter() > deadline
            ):
                # Level of detail: small on screen (or not made yet) — its block.
                coarse += max(bounds.width(), bounds.height()) * scale >= DETAIL_PX
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(block.colour)
                painter.drawRect(bounds)
                continue
            painter.setPen(edge)
            for face in block.detailed().faces:
                if face.lines is not None:
                    if show_storeys:
                        painter.setPen(storey_pen)
                        painter.drawLines(face.lines)
                        painter.setPen(edge)
                    continue
                painter.setBrush(face.colour)
                painter.drawPolygon(face.polygon)
        painter.end()
        if coarse and not self._refining:
            # Some buildings big enough for detail were drawn as blocks: the next
            # rendering (after the event loop ran) makes more of them.
            self._refining = True
            QTimer.singleShot(0, self._refine)
        return pixmap

    def _refine(self) -> None:
        self._refining = False
        self._cache = None
        self.update()

    def _legend_codes(self) -> list[str]:
        return self._legend

    def _collect_legend(self) -> list[str]:
        levels = {id(b.building.levels): b.building.levels for b in self._order}
        codes = {a.use for stack in levels.values() for lv in stack for a in lv.uses}
        return sorted(codes, key=list(USES).index)

    def _legend_width(self) -> float:
        codes = self._legend_codes()
        if not codes:
            return 0.0
        lang = ui_lang()
        metrics = self.fontMetrics()
        return (
            max(metrics.horizontalAdvance(use_class(c).label(lang)) for c in codes) + 28
        )

    def _paint_legend(self, painter: QPainter) -> None:
        codes = self._legend_codes()
        if not codes:
            return
        lang = ui_lang()
        metrics = painter.fontMetrics()
        line = metrics.height() + 2
        labels = [use_class(code).label(lang) for code in codes]
        width = self._legend_width()
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
        self._ensure()
        inverse, ok = self._transform.inverted()
        if not ok:
            return None
        world = inverse.map(point)
        for block in reversed(self._order):
            if block.bounds.contains(world) and block.detailed().contains(world):
                return block.building.id
        return None

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.0015 ** event.angleDelta().y()
        zoom = min(max(self._zoom * factor, 0.2), 40.0)
        factor = zoom / self._zoom
        # Keep the point under the cursor still.
        cursor = event.position()
        self._pan = cursor - (cursor - self._pan) * factor
        self._zoom = zoom
        self._apply_view()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton):
            self._press, self._dragged = event.position(), False
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        step = event.position() - self._press
        if self._dragged or step.manhattanLength() > 4:
            self._dragged = True
            self._pan += step
            self._press = event.position()
            self._apply_view()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, dragged = self._press, self._dragged
        self._press, self._dragged = None, False
        if pressed is None or dragged or event.button() != Qt.MouseButton.LeftButton:
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

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.building_at(event.position()) is None:
            self.reset_view()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.update()
        super().changeEvent(event)
