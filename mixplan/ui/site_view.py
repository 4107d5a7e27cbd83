"""SiteView: the plan (y up = north), zoom around the cursor, pan, tools.

Mouse and key events go to the active tool first; what it does not use falls
back to QGraphicsView (rubber-band selection for the select tool). Panning with
the middle button or Space+drag works under every tool.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QRegion,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QToolTip, QWidget

from mixplan.ui.document import ProjectDocument
from mixplan.ui.items import OUTLINE_LOD, BuildingItem, CoverItem, label_text
from mixplan.ui.legend import Legend
from mixplan.ui.rectangle_tool import RectangleTool
from mixplan.ui.site_scene import SiteScene
from mixplan.ui.slices import (
    SliceClock,
    in_a_turn_of_its_own,
    next_slice,
    take_turn,
    turn_taken,
)
from mixplan.ui.tools import DrawPolygonTool, SelectTool, Tool
from mixplan.ui.transform_tools import MoveTool, RotateTool
from mixplan.ui.vertex_tool import VertexTool

#: Labels are shown above this many screen pixels per metre (a 20 m building is
#: then at least 30 px wide).
LABEL_ZOOM = 0.8
#: Below this many screen pixels per metre (no labels then) the buildings are
#: drawn a few paths a tile, not an item each (see :mod:`mixplan.ui.fill_tiles`).
TILES_ZOOM = LABEL_ZOOM
#: A name may overhang its building by this factor of the building's width.
LABEL_OVERHANG = 1.3
LABEL_MARGIN_PX = 120
LABEL_COLOR = QColor(25, 25, 25)
GRID_COLOR = QColor(31, 111, 235, 45)
GRID_MIN_PIXELS = 8
LABEL_HALO = QColor(255, 255, 255, 200)
#: While the plan is made in slices it is repainted this often (ms), not after
#: every slice: a full repaint of 10,000 buildings costs as much as a slice.
SLICING_REPAINT_MS = 250
#: ... and not oftener than this many times the last such repaint's length:
#: with 100,000 buildings one took 0.1-0.5 s, and repaints every 250 ms left the
#: slices a fraction of the GUI thread (a switch back took over 15 s).
SLICING_REPAINT_SPACING = 3
ZOOM_STEP = 1.0015  # per wheel angle unit (120 units per notch ≈ ×1.2)
MIN_SCALE, MAX_SCALE = 1e-3, 400.0
#: A framed site (or selection) keeps clear of the legend when that leaves it at
#: least this share of the scale it would have under the legend.
LEGEND_ROOM_SCALE = 0.7
#: Pixels between the legend and what is framed beside it.
LEGEND_GAP_PX = 6.0
#: Drawing ahead at a new zoom (see ``_frame_ahead``): strips of the viewport
#: this many pixels wide, as many a slice as fit in its budget (s).
AHEAD_STRIP_PX = 64
AHEAD_SLICE_S = 0.02


def _at_once(step: Callable[[], object]) -> None:
    """A heavy step run at once (no one to take turns with)."""
    step()


def _fit_scale(rect: QRectF, area: QRectF) -> float:
    """Pixels per scene unit that show ``rect`` whole in ``area`` (0 if none)."""
    if area.width() <= 0 or area.height() <= 0:
        return 0.0
    return min(area.width() / rect.width(), area.height() / rect.height())


class SiteView(QGraphicsView):
    """The plan of the current scenario, with its drawing tools."""

    #: cursor position in project coordinates (x, y)
    cursor_moved = Signal(float, float)
    #: pixels per metre after a zoom
    zoomed = Signal(float)
    #: a tool's readout (length, area, hint)
    tool_status = Signal(str)
    tool_changed = Signal(str)
    #: a click of the Select tool on empty ground: model x, y (identify beneath)
    empty_clicked = Signal(float, float)

    def __init__(self, document: ProjectDocument, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setObjectName("site_view")
        self.document = document
        self.site_scene = SiteScene(document, self)
        self.setScene(self.site_scene)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(Qt.GlobalColor.white)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._pan_from: QPoint | None = None
        self._space_down = False
        self.show_grid = False
        self.last_paint_ms = 0.0
        #: runs a repaint of the whole plan (a step of the GUI thread too long
        #: to share: see ``LiveEngine.in_heavy_turn``, the window's)
        self.heavy_turn: Callable[[Callable[[], object]], None] = _at_once
        self.tools: dict[str, Tool] = {
            "select": SelectTool(self),
            "draw_building": DrawPolygonTool(self, "building"),
            "draw_cover": DrawPolygonTool(self, "cover"),
            "draw_site": DrawPolygonTool(self, "site"),
            "rectangle": RectangleTool(self),
            "edit_vertices": VertexTool(self, "building"),
            "edit_site": VertexTool(self, "site"),
            "move": MoveTool(self),
            "rotate": RotateTool(self),
        }
        for tool in self.tools.values():
            tool.status.connect(self.tool_status)
        self.tool: Tool = self.tools["select"]
        self.tool.activate()
        self.site_scene.rebuilt.connect(self._after_rebuild)
        self._fitted_once = False
        #: an opened project's site is framed again when its plan is drawn,
        #: unless the user zoomed or panned meanwhile
        self._frame_when_drawn = False
        # (after the scene's own reset: the scene rect is the new site's then)
        document.project_replaced.connect(self._on_project_replaced)
        #: whether the scene works in slices (repaints held)
        self._slicing = False
        self._repaint_asked = False
        self._slicing_repaint = QTimer(self)
        self._slicing_repaint.setInterval(SLICING_REPAINT_MS)
        self._slicing_repaint.timeout.connect(self._repaint_while_slicing)
        #: strips of the viewport still to draw ahead at a new zoom (None: not
        #: drawing ahead; see ``_frame_ahead``)
        self._ahead: list[QRect] | None = None
        self._ahead_generation = 0
        self.site_scene.slicing.connect(self._on_slicing)
        # A child of the view, not of the viewport: the viewport's children would
        # scroll with the plan.
        self.legend = Legend(self)
        self.site_scene.cover_types_shown.connect(self.legend.set_cover_types)
        self.legend.set_cover_types(
            sorted({c.cover for c in document.scenario.cover.values()})
        )

    def set_tool(self, name: str) -> None:
        tool = self.tools[name]
        if tool is self.tool:
            return
        self.tool.deactivate()
        self.tool = tool
        tool.activate()
        cursor = (
            Qt.CursorShape.ArrowCursor
            if name == "select"
            else Qt.CursorShape.CrossCursor
        )
        self.viewport().setCursor(cursor)
        self.tool_changed.emit(name)

    def building_item_at(self, pos: QPoint) -> BuildingItem | None:
        """The building under ``pos`` that is drawn on top: a selected one
        first. (Zoomed out, the tiles draw the selection above the others, and
        the items keep their stacking: see ``BuildingItem.show_selection``.)"""
        hits = [
            item
            for item in self.items(pos)
            if isinstance(item, BuildingItem) and self.site_scene.shows(item)
        ]
        return next((item for item in hits if item.selected), None) or next(
            iter(hits), None
        )

    def cover_item_at(self, pos: QPoint) -> CoverItem | None:
        """The topmost ground cover under ``pos``, unless a building is on it."""
        for item in self.items(pos):
            if isinstance(item, BuildingItem) and self.site_scene.shows(item):
                return None
            if isinstance(item, CoverItem):
                return item
        return None

    def pixels_per_metre(self) -> float:
        return abs(self.transform().m11()) or 1.0

    def scale_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self._frame_when_drawn = False  # the user's zoom stays
        self._end_ahead()
        current = self.pixels_per_metre()
        factor = max(MIN_SCALE / current, min(MAX_SCALE / current, factor))
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        before = self.mapToScene(anchor.toPoint())
        self.scale(factor, factor)
        after = self.mapToScene(anchor.toPoint())
        # Scroll so that the point that was under the anchor is again.
        ppm = self.pixels_per_metre()
        self.scroll_pixels(
            (before.x() - after.x()) * ppm, (before.y() - after.y()) * ppm
        )
        self._zoom_changed()

    def scroll_pixels(self, dx: float, dy: float) -> None:
        self._end_ahead()
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + round(dx))
        v.setValue(v.value() + round(dy))

    def fit_rect(self, rect: QRectF | None, margin: float = 0.08) -> None:
        """Show ``rect`` (scene units) whole, as large as it goes, clear of the
        legend when that costs little (see ``LEGEND_ROOM_SCALE``)."""
        if rect is None or rect.isEmpty():
            return
        self._end_ahead()
        pad = max(rect.width(), rect.height()) * margin + 1.0
        padded = rect.adjusted(-pad, -pad, pad, pad)
        area = self._framing_area(rect, padded)
        scale = _fit_scale(padded, area)
        scale = max(MIN_SCALE, min(MAX_SCALE, scale))
        self.setTransform(QTransform.fromScale(scale, scale))
        # The view centres on a scene point: the one that puts the rect's centre
        # at the centre of the area.
        middle = QRectF(self.viewport().rect()).center()
        self.centerOn(padded.center() + (middle - area.center()) / scale)
        self._zoom_changed()

    def _framing_area(self, rect: QRectF, padded: QRectF) -> QRectF:
        """The part of the viewport (pixels) to show ``padded`` in: the whole
        viewport, unless ``rect`` framed there would pass under the legend and
        the room beside the legend keeps it nearly as large."""
        whole = QRectF(self.viewport().rect())
        legend = self.legend
        if not legend.isVisible() or whole.isEmpty():
            return whole
        box = QRectF(legend.geometry()).translated(-QPointF(self.viewport().pos()))
        scale = _fit_scale(padded, whole)
        if scale <= 0:
            return whole
        shown = QRectF(0, 0, rect.width() * scale, rect.height() * scale)
        shown.moveCenter(whole.center() + (rect.center() - padded.center()) * scale)
        if not shown.intersects(box):
            return whole
        gap = LEGEND_GAP_PX
        beside = [
            QRectF(whole.left(), whole.top(), box.left() - gap, whole.height()),
            QRectF(
                box.right() + gap,
                whole.top(),
                whole.right() - box.right() - gap,
                whole.height(),
            ),
            QRectF(whole.left(), whole.top(), whole.width(), box.top() - gap),
            QRectF(
                whole.left(),
                box.bottom() + gap,
                whole.width(),
                whole.bottom() - box.bottom() - gap,
            ),
        ]
        best = max(beside, key=lambda area: _fit_scale(padded, area))
        if _fit_scale(padded, best) >= LEGEND_ROOM_SCALE * scale:
            return best
        return whole

    def zoom_to_site(self) -> None:
        self.fit_rect(self.site_scene.site_rect())

    def zoom_to_selection(self) -> None:
        self._frame_when_drawn = False
        rect = self.site_scene.selection_rect()
        if rect is not None:
            self._frame_ahead(rect, margin=0.5)

    def frame_buildings(self, building_ids: list[str]) -> None:
        self._frame_when_drawn = False
        rect = self.site_scene.buildings_rect(building_ids)
        if rect is not None:
            # (with their selection, when they were just selected)
            self.site_scene.fills.once_reselected(
                lambda: self._frame_ahead(rect, margin=0.6)
            )

    @property
    def drawing_ahead(self) -> bool:
        """Whether the plan waits, framed anew, for its pictures (see
        ``_frame_ahead``): the viewport still shows it as before."""
        return self._ahead is not None

    def _frame_ahead(self, rect: QRectF, margin: float) -> None:
        """Frame ``rect``, and show it once the outlines' pictures at the new
        zoom are drawn.

        Zoomed out, each tile of outlines keeps its picture for the zoom it
        was drawn at (``DeviceCoordinateCache``), and a new zoom draws them
        all again, in its first repaint: a findings group framed at 10k was a
        repaint of 40-50 ms of GUI CPU, ~27 of them for 857 pictures. They are
        drawn ahead instead, into an image thrown away, a strip of the
        viewport at a time in slices (Qt keeps a picture made for the viewport
        whatever it was drawn on), the selected paths held out of it (each
        strip would draw them whole). Meanwhile the viewport shows the plan as
        before; then one repaint, which copies the pictures, shows it framed.
        """
        self._end_ahead()
        viewport = self.viewport()
        ahead = not self._slicing and self.isVisible()
        if ahead:
            viewport.setUpdatesEnabled(False)  # (from before the new zoom)
        before = self.transform()
        self.fit_rect(rect, margin)
        scene = self.site_scene
        pictures = scene.errors.items or scene.baseline_outlines.items
        cached = scene.errors.cached and pictures
        if not ahead or not cached or self.transform() == before:
            if ahead:
                viewport.setUpdatesEnabled(True)
            return
        self.site_scene.fills.hold_selection(True)
        width, height = viewport.width(), viewport.height()
        self._ahead = [
            QRect(x, 0, min(AHEAD_STRIP_PX, width - x), height)
            for x in range(0, width, AHEAD_STRIP_PX)
        ]
        self._ahead_generation += 1
        generation = self._ahead_generation
        next_slice(self, lambda: self._draw_ahead(generation))

    def _draw_ahead(self, generation: int) -> None:
        strips = self._ahead
        if strips is None or generation != self._ahead_generation:
            return
        if turn_taken():
            next_slice(self, lambda: self._draw_ahead(generation))
            return
        clock = SliceClock(AHEAD_SLICE_S)
        viewport = self.viewport()
        while strips:
            strip = strips.pop()
            image = QImage(strip.size(), QImage.Format.Format_ARGB32_Premultiplied)
            viewport.render(image, QPoint(), QRegion(strip), QWidget.RenderFlag(0))
            if strips and clock.spent():
                next_slice(self, lambda: self._draw_ahead(generation))
                return
        # Shown by a repaint in a turn of its own (not after this slice).
        in_a_turn_of_its_own(self, lambda: self._end_ahead(generation))

    def _end_ahead(self, generation: int | None = None) -> None:
        """Stop drawing ahead (the user zooms, pans, clicks; the plan is
        rebuilt), or end it (``generation``: its own): the plan is shown as it
        is now, its selection with it."""
        if self._ahead is None or generation not in (None, self._ahead_generation):
            return
        self._ahead = None
        self.site_scene.fills.hold_selection(False)
        if not self._slicing:
            self.viewport().setUpdatesEnabled(True)  # (a full repaint)

    def _zoom_changed(self) -> None:
        ppm = self.pixels_per_metre()
        scene = self.site_scene
        # Zoomed out before the outline changes, zoomed in after: the items
        # restyle only when they draw themselves again (a change while tiled waits).
        zoomed_out = ppm < TILES_ZOOM
        if zoomed_out:
            scene.set_zoomed_out(True, ppm)
        scene.set_outlined(ppm >= OUTLINE_LOD)
        if not zoomed_out:
            scene.set_zoomed_out(False, ppm)
        self.zoomed.emit(ppm)

    def _on_slicing(self, slicing: bool) -> None:
        """Repaints held while the scene works in slices, then one at the end.

        The one at the end comes a turn of the event loop later: asked for at
        the end of the last slice, Qt painted at once, before any timer or
        input waiting since the slice began (a stall of slice + full repaint).
        """
        self._slicing = slicing
        if slicing:
            self._end_ahead()
            self.viewport().setUpdatesEnabled(False)
            self._slicing_repaint.start(SLICING_REPAINT_MS)
        else:
            self._slicing_repaint.stop()
            in_a_turn_of_its_own(
                self, lambda: self.heavy_turn(self._repaint_after_slicing)
            )

    def _repaint_after_slicing(self) -> None:
        if not self._slicing and self._ahead is None:
            viewport = self.viewport()
            viewport.setUpdatesEnabled(True)
            # Now, not at a later turn: the heavy turn lasts until it is done.
            viewport.repaint()

    def _repaint_while_slicing(self) -> None:
        """Show how far a long rebuild got (a repaint of its own, between slices)."""
        if not self._repaint_asked:
            self._repaint_asked = True
            in_a_turn_of_its_own(self, self._repaint_now)

    def _repaint_now(self) -> None:
        # No take_turn() of its own: the repaint's paintEvent takes the turn,
        # and in_a_turn_of_its_own takes it again once this step returns.
        self._repaint_asked = False
        if self._slicing:
            viewport = self.viewport()
            viewport.setUpdatesEnabled(True)
            viewport.repaint()
            viewport.setUpdatesEnabled(False)
            self._slicing_repaint.setInterval(
                max(
                    SLICING_REPAINT_MS,
                    round(SLICING_REPAINT_SPACING * self.last_paint_ms),
                )
            )

    def _on_project_replaced(self) -> None:
        """Frame the opened site now, and again once its plan is drawn.

        Now: the plan appears in its final frame while it is drawn in slices.
        Once drawn: the docks around the view may have resized it meanwhile
        (panels filled with the new project). The second fit is skipped if the
        user zoomed or panned in between: their view is not taken from them.
        """
        self._frame_when_drawn = True
        # A turn later: the window's layout settles first (a small plan is
        # already drawn, its rebuild ended before this slot ran).
        QTimer.singleShot(0, self, self._frame_opened_site)

    def _frame_opened_site(self) -> None:
        if self._frame_when_drawn:
            self.zoom_to_site()
            if not self.site_scene.rebuilding:
                self._frame_when_drawn = False

    def _after_rebuild(self) -> None:
        if self._frame_when_drawn:
            self._frame_when_drawn = False
            self.zoom_to_site()
        elif not self._fitted_once and self.isVisible():
            self._fitted_once = True
            self.zoom_to_site()
        self._zoom_changed()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if not self._fitted_once:
            self._fitted_once = True
            self.zoom_to_site()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._end_ahead()
        super().resizeEvent(event)
        self.legend.place()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta:
            self.scale_by(ZOOM_STEP**delta, event.position())
        event.accept()

    def _start_pan(self, event: QMouseEvent) -> None:
        self._pan_from = event.position().toPoint()
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def _pan(self, event: QMouseEvent) -> None:
        assert self._pan_from is not None
        self._frame_when_drawn = False  # the user's view stays
        pos = event.position().toPoint()
        delta = pos - self._pan_from
        self._pan_from = pos
        self.scroll_pixels(-delta.x(), -delta.y())

    def _stop_pan(self) -> None:
        self._pan_from = None
        cursor = (
            Qt.CursorShape.OpenHandCursor
            if self._space_down
            else Qt.CursorShape.ArrowCursor
            if self.tool.name == "select"
            else Qt.CursorShape.CrossCursor
        )
        self.viewport().setCursor(cursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._end_ahead()  # (shown as the click finds it)
        if event.button() == Qt.MouseButton.MiddleButton or (
            self._space_down and event.button() == Qt.MouseButton.LeftButton
        ):
            self._start_pan(event)
            event.accept()
            return
        if self.tool.press(event):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan(event)
            event.accept()
            return
        x, y = self.site_scene.frame.to_model(
            self.mapToScene(event.position().toPoint())
        )
        self.cursor_moved.emit(x, y)
        if self.tool.move(event):
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and event.button() in (
            Qt.MouseButton.MiddleButton,
            Qt.MouseButton.LeftButton,
        ):
            self._stop_pan()
            event.accept()
            return
        if self.tool.release(event):
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.tool.double_click(event):
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def viewportEvent(self, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, pos: QPoint) -> str:
        """What the plan says of the building or ground cover under ``pos``.

        Made on demand (a tooltip per item would cost a call per building of a
        10,000-building plan): the building's name, its id when it differs,
        storeys and height; a ground cover's type in the user's language.
        """
        item = self.building_item_at(pos)
        if item is not None:
            building = item.building
            from mixplan.model.naming import building_reference
            from mixplan.ui.panels.common import format_number, ui_lang

            name = building_reference(building.id, building.name, ui_lang())
            height = format_number(building.height_m, 1)
            return f"{name}\n{building.storeys_label} · {height} m"
        cover = self.cover_item_at(pos)
        if cover is not None:
            from mixplan.ui.i18n import cover_labels

            return cover_labels().get(cover.cover_type, cover.cover_type)
        return ""

    def event(self, event) -> bool:  # type: ignore[no-untyped-def]
        if event.type() == QEvent.Type.ShortcutOverride and (
            self.tool.wants_key(event) or event.key() == Qt.Key.Key_Space
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            if self._pan_from is None:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        if self.tool.key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            self._stop_pan()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        # Zoomed in, the buildings in view draw themselves (not all 10,000
        # items changed at each zoom in: see mixplan.ui.fill_tiles).
        self.site_scene.fills.reveal(
            self.mapToScene(self.viewport().rect()).boundingRect()
        )
        super().paintEvent(event)
        self.last_paint_ms = (time.perf_counter() - start) * 1000.0
        # A slice due now waits for the next turn of the event loop: timers and
        # input waiting since before the paint go first.
        take_turn()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        super().drawBackground(painter, rect)
        # Antialiasing thousands of tiny polygons costs more than it shows.
        painter.setRenderHint(
            QPainter.RenderHint.Antialiasing,
            self.pixels_per_metre() >= OUTLINE_LOD * 4,
        )

    def visible_labels(
        self, rect: QRectF | None = None
    ) -> list[tuple[str, QPointF, float]]:
        """(text, scene point, building width in px) of the labels over ``rect``."""
        scene = self.site_scene
        ppm = self.pixels_per_metre()
        if not scene.show_labels or ppm < LABEL_ZOOM:
            return []
        if rect is None:
            rect = self.mapToScene(self.viewport().rect()).boundingRect()
        # Labels overhang their building: look a little beyond the exposed area.
        margin = LABEL_MARGIN_PX / ppm
        area = rect.adjusted(-margin, -margin, margin, margin)
        labels = []
        for item in scene.items(area):
            if isinstance(item, BuildingItem) and scene.shows(item):
                width = item.path().boundingRect().width() * ppm
                labels.append(
                    (label_text(item.building), item.mapToScene(item.anchor), width)
                )
        return labels

    def grid_step(self) -> float | None:
        """Spacing of the drawn grid (m): 1 m, or a multiple when zoomed out."""
        if not self.show_grid:
            return None
        ppm = self.pixels_per_metre()
        for step in (1.0, 5.0, 10.0, 50.0, 100.0):
            if step * ppm >= GRID_MIN_PIXELS:
                return step
        return None

    def _draw_grid(self, painter: QPainter, rect: QRectF) -> None:
        step = self.grid_step()
        if step is None:
            return
        # The scene origin is a whole metre of the project CRS, so scene
        # multiples of the step are model multiples too.
        painter.save()
        pen = QPen(GRID_COLOR, 0)
        painter.setPen(pen)
        x = math.floor(rect.left() / step) * step
        while x <= rect.right():
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            x += step
        y = math.floor(rect.top() / step) * step
        while y <= rect.bottom():
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            y += step
        painter.restore()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        # A faint grid over everything while grid snapping is on.
        self._draw_grid(painter, rect)
        # Labels drawn here rather than as 10,000 text items: only the visible
        # ones, and only when zoomed in enough to read them.
        labels = self.visible_labels(rect)
        if not labels:
            return
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        metrics = painter.fontMetrics()
        line = metrics.height()
        for text, point, width in labels:
            lines = text.split("\n")
            # A name much wider than its building would cover the neighbours:
            # keep only the storeys then, and nothing on a sliver.
            if metrics.horizontalAdvance(lines[0]) > width * LABEL_OVERHANG:
                lines = lines[1:]
            if not lines or metrics.horizontalAdvance(lines[0]) > width:
                continue
            centre = self.mapFromScene(point)
            top = centre.y() - line * len(lines) / 2
            for n, text_line in enumerate(lines):
                x = centre.x() - metrics.horizontalAdvance(text_line) / 2
                y = top + n * line + metrics.ascent()
                painter.setPen(LABEL_HALO)
                for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                    painter.drawText(QPointF(x + dx, y + dy), text_line)
                painter.setPen(LABEL_COLOR)
                painter.drawText(QPointF(x, y), text_line)
        painter.restore()
