"""The massing view: an axonometric 2.5D drawing of the current scenario.

Wheel zooms around the cursor, a drag pans, a double click on empty ground fits
the site again; a click selects a building (Shift adds or removes one).

Storeys are extruded and coloured by their uses (the report's palette, as in the
plan; see :mod:`mixplan.ui.massing_shapes`), so housing over workshops reads at a
glance. Hidden faces are resolved with the painter's algorithm: buildings far to
near, storeys bottom up.

At scale (10,000 buildings) the view is built once and updated per changed
building: every building has a cheap *block*, kept while the building value is
the same. Blocks of many new buildings (the first showing, a scenario switch)
are made ``BLOCK_CHUNK`` at a time in slices of at most ``BUILD_SLICE_S``, the
view saying how far it is meanwhile, so the window never freezes. A building
smaller than ``DETAIL_PX`` on screen is drawn as its block (level of detail); the
detailed prism of the others is made when first needed, at most
``DETAIL_BUDGET_S`` of them per rendering — the picture refines over the next
few frames.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget
from shapely.geometry import MultiPolygon

from mixplan.gc_pause import collector_paused
from mixplan.model import USES, Building, use_class
from mixplan.report.palette import (
    BOUNDARY_COLOUR,
    OUTLINE_COLOUR,
    cover_colour,
    use_colour,
)
from mixplan.ui.document import ProjectDocument
from mixplan.ui.massing_shapes import Block, Face, building_blocks, plan_to_view
from mixplan.ui.panels.common import ui_lang
from mixplan.ui.slices import NEXT_SLICE_MS, SliceClock, next_slice, turn_taken

SELECTION_COLOUR = "#1f6feb"
#: Below this size on screen (pixels) a building is drawn as its block.
DETAIL_PX = 14.0
#: The longest one rendering spends making detailed prisms (seconds): the rest
#: is drawn as blocks and refined by the next renderings, each a turn of its own.
DETAIL_BUDGET_S = 0.015
#: Blocks made at once while building the view (their footprints measured together).
BLOCK_CHUNK = 400
#: The longest building the view works on the GUI thread before yielding (seconds).
BUILD_SLICE_S = 0.02


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
        self._blocks: dict[str, Block] = {}
        self._order: list[Block] = []
        self._refining = False
        self._ground: list[Face] = []
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
        #: every block made and not yet dropped, by building id (a build reuses them)
        self._made: dict[str, Block] = {}
        #: buildings of the build under way still without a block (None: none runs)
        self._fresh: list[Building] | None = None
        self._fresh_at = 0
        self._building: list[Building] = []
        self._build_generation = 0
        self._ground_key: tuple[object, ...] = ()
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

    def _ensure(self, complete: bool = True) -> None:
        """Bring the drawing up to date; ``complete=False`` (painting) lets a
        large build go on in slices instead of finishing it now."""
        if self._dirty:
            self._dirty = False
            self._start_build()
        if complete and self._fresh is not None:
            self._build_step(self._build_generation, clock=None)

    @property
    def building_view(self) -> bool:
        """Whether blocks are still being made (the view says how far it is)."""
        return self._fresh is not None

    def _start_build(self) -> None:
        """Blocks of the buildings whose value changed (the others are kept)."""
        scenario = self.document.scenario
        self._building = list(scenario.buildings.values())
        made = self._made
        self._fresh = [
            b
            for b in self._building
            if (block := made.get(b.id)) is None or block.building is not b
        ]
        self._fresh_at = 0
        self._build_generation += 1
        # A few changed buildings (an edit) are done at once.
        self._build_step(self._build_generation, clock=SliceClock(BUILD_SLICE_S))

    def _build_step(self, generation: int, clock: SliceClock | None) -> None:
        fresh = self._fresh
        if generation != self._build_generation or fresh is None:
            return  # a newer build took over, or this one ended
        sliced = clock is not None and len(fresh) > BLOCK_CHUNK
        worked = False
        while self._fresh_at < len(fresh):
            chunk = fresh[self._fresh_at : self._fresh_at + BLOCK_CHUNK]
            self._fresh_at += len(chunk)
            # The blocks are kept: made with the collector paused, then frozen
            # (100,000 blocks made the collector scan the whole heap four times
            # during a build, 140–210 ms each: see mixplan.gc_pause).
            with collector_paused(keep=True):
                for block in building_blocks(chunk):
                    self._made[block.building.id] = block
            worked = True
            # Past the deadline, a large build leaves even its last sorting to the
            # next slice; a build of one chunk (an edit) ends at once.
            if sliced and clock is not None and clock.spent():
                break
        if sliced and worked:
            # The end (sorting, legend, fitting: 10,000 blocks) in a slice of its own.
            next_slice(self, lambda: self._next_build_slice(generation))
            self.update()  # how far it is
            return
        self._fresh = None
        if sliced:
            # Its first painting (10,000 blocks) in a turn of the event loop of
            # its own too.
            self.setUpdatesEnabled(False)
            self._finish_build()
            next_slice(self, lambda: self.setUpdatesEnabled(True))
            return
        self._finish_build()

    def _next_build_slice(self, generation: int) -> None:
        if turn_taken():  # another slice just ran: the next turn
            next_slice(self, lambda: self._next_build_slice(generation))
            return
        self._build_step(generation, SliceClock(BUILD_SLICE_S))

    def _finish_build(self) -> None:
        made = self._made
        blocks = {b.id: made[b.id] for b in self._building}
        self._made = dict(blocks)  # blocks of buildings gone are dropped
        self._blocks = blocks
        self._order = sorted(blocks.values(), key=lambda b: -b.depth)
        self._building = []
        project, scenario = self.document.project, self.document.scenario
        key = (project.site, *scenario.cover.values())
        if len(key) != len(self._ground_key) or any(
            a is not b for a, b in zip(key, self._ground_key, strict=True)
        ):
            self._ground = self._ground_faces()
            self._ground_key = key
        self._legend = self._collect_legend()
        self._fit()

    def _ground_faces(self) -> list[Face]:
        faces: list[Face] = []
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
                faces.append(Face(flat, colour))
        return faces

    def _fit(self) -> None:
        rect = QRectF()
        if self._order:
            boxes = np.array([b.box for b in self._order])
            left, top = boxes[:, 0].min(), boxes[:, 1].min()
            right, bottom = boxes[:, 2].max(), boxes[:, 3].max()
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
        self._ensure(complete=False)
        if self._fresh is not None:
            self._paint_progress()
            return
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

    def _paint_progress(self) -> None:
        """While blocks are made: how many buildings and how far it is."""
        fresh = self._fresh or []
        share = round(100 * self._fresh_at / max(len(fresh), 1))
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QColor("#6b6b6b"))
        text = (
            self.tr("Drawing %1 buildings… %2%")
            .replace("%1", str(len(fresh)))
            .replace("%2", str(share))
        )
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, text)
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
        # 10,000 blocks: every Qt call and enum lookup saved in this loop counts.
        no_pen, pen_off = Qt.PenStyle.NoPen, False
        detail_extent = DETAIL_PX / scale if scale else float("inf")
        for block in self._order:
            bounds = block.bounds
            if not bounds.intersects(visible):
                continue
            if block.shape is None and (
                block.extent < detail_extent or time.perf_counter() > deadline
            ):
                # Level of detail: small on screen (or not made yet) — its block.
                coarse += block.extent >= detail_extent
                if not pen_off:
                    painter.setPen(no_pen)
                    pen_off = True
                painter.setBrush(block.colour)
                painter.drawRect(bounds)
                continue
            pen_off = False
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
            QTimer.singleShot(NEXT_SLICE_MS, self._refine)
        return pixmap

    def _refine(self) -> None:
        self._refining = False
        self._cache = None
        self.update()

    def _legend_codes(self) -> list[str]:
        return self._legend

    def _collect_legend(self) -> list[str]:
        # Few distinct sets of uses among 10,000 buildings: union those.
        codes = frozenset().union(*{b.uses for b in self._order})
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
