"""Tools of the site view: the base class, select, and draw polygon (building,
cover, site). The rectangle, move/rotate and vertex tools have modules of their
own.

A tool receives the view's mouse and key events first and returns True when it
used them. Drags only move items on screen; the edit is pushed as one command on
release, so one gesture is one undo step.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem, QRubberBand
from shapely.geometry import Polygon

from mixplan.model import Building, GroundCover, Level, MixplanError
from mixplan.model.commands import (
    AddBuilding,
    AddCover,
    SetSiteBoundary,
)
from mixplan.ui.items import Z_TOOL, preview_pen
from mixplan.ui.snapping import Snapper, orthogonal

Point = tuple[float, float]

#: A press that moves less than this is a click, not a drag.
DRAG_PIXELS = 4

#: The storey a drawn building starts with: one 3 m ground floor, not yet assigned,
#: so the findings remind the user to give it uses.
DEFAULT_LEVEL = Level.of(3.0, "unassigned")


def new_id(prefix: str, taken) -> str:  # type: ignore[no-untyped-def]
    """The first of ``prefix`` 1, 2, 3… not in ``taken``."""
    return next(fresh_ids(prefix, taken))


def fresh_ids(prefix: str, taken) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """``prefix`` 1, 2, 3… skipping those in ``taken``, one after the other (ids
    for many new buildings in one pass, not a search from 1 for each)."""
    n = 0
    while True:
        n += 1
        if (candidate := f"{prefix}{n}") not in taken:
            yield candidate


def all_building_ids(project) -> set[str]:  # type: ignore[no-untyped-def]
    return {b for s in project.scenarios for b in s.buildings}


def polygon_length(points: list[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(points, points[1:], strict=False))


class Tool(QObject):
    """Base tool: ignores everything, so the view does its default."""

    #: a readout for the status bar (length, area, hints)
    status = Signal(str)
    name = "tool"

    def __init__(self, view) -> None:  # type: ignore[no-untyped-def]
        super().__init__(view)
        self.view = view

    @property
    def scene(self):  # type: ignore[no-untyped-def]
        return self.view.scene()

    @property
    def document(self):  # type: ignore[no-untyped-def]
        return self.view.document

    def activate(self) -> None:
        pass

    def deactivate(self) -> None:
        pass

    def press(self, event: QMouseEvent) -> bool:
        return False

    def move(self, event: QMouseEvent) -> bool:
        return False

    def release(self, event: QMouseEvent) -> bool:
        return False

    def double_click(self, event: QMouseEvent) -> bool:
        return False

    def key(self, event: QKeyEvent) -> bool:
        return False

    def wants_key(self, event: QKeyEvent) -> bool:
        """Whether the tool takes this key before the window's shortcuts do."""
        return False

    def scene_pos(self, event: QMouseEvent) -> QPointF:
        return self.view.mapToScene(event.position().toPoint())

    def model_pos(self, event: QMouseEvent) -> Point:
        return self.scene.frame.to_model(self.scene_pos(event))

    def push(self, command) -> bool:  # type: ignore[no-untyped-def]
        """Push an edit; a refused one becomes a status message, not a dialog."""
        try:
            self.document.push(command)
        except MixplanError as exc:
            self.status.emit(self.tr("Not applied: {0}").format(exc))
            return False
        return True


class SelectTool(Tool):
    """Click, Shift-click to add or remove, drag a box (Shift adds to the selection)."""

    name = "select"

    def __init__(self, view) -> None:  # type: ignore[no-untyped-def]
        super().__init__(view)
        self.origin: QPoint | None = None
        self.band: QRubberBand | None = None
        self.adding = False
        # The press picked a ground cover: releasing there keeps it selected.
        self.on_cover = False

    def press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        pos = event.position().toPoint()
        self.adding = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        item = self.view.building_item_at(pos)
        if item is not None:
            ids = list(self.document.selection)
            if not self.adding:
                ids = [item.building_id]
            elif item.building_id in ids:
                ids.remove(item.building_id)
            else:
                ids.append(item.building_id)
            self.document.set_selection(ids)
            return True
        cover = self.view.cover_item_at(pos)
        if cover is not None:
            covers = list(self.document.cover_selection)
            if not self.adding:
                covers = [cover.cover_id]
            elif cover.cover_id in covers:
                covers.remove(cover.cover_id)
            else:
                covers.append(cover.cover_id)
            self.document.set_cover_selection(covers)
            # Still a rubber band if the press turns into a drag.
            self.origin = pos
            self.on_cover = True
            return True
        self.origin = pos
        self.on_cover = False
        return True

    def move(self, event: QMouseEvent) -> bool:
        if self.origin is None:
            return False
        rect = QRect(self.origin, event.position().toPoint()).normalized()
        if self.band is None:
            if rect.width() < DRAG_PIXELS and rect.height() < DRAG_PIXELS:
                return True
            self.band = QRubberBand(QRubberBand.Shape.Rectangle, self.view.viewport())
        self.band.setGeometry(rect)
        self.band.show()
        return True

    def key(self, event: QKeyEvent) -> bool:
        document = self.document
        if event.key() == Qt.Key.Key_Escape and (
            document.selection or document.cover_selection
        ):
            document.set_selection([])
            document.set_cover_selection([])
            return True
        return False

    def release(self, event: QMouseEvent) -> bool:
        if self.origin is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        if self.band is None:
            if not self.adding and not self.on_cover:
                # a click on empty ground
                self.document.set_selection([])
                self.document.set_cover_selection([])
                x, y = self.scene.frame.to_model(
                    self.view.mapToScene(event.position().toPoint())
                )
                self.view.empty_clicked.emit(x, y)
        else:
            rect = self.view.mapToScene(self.band.geometry()).boundingRect()
            ids = self.scene.ids_in_rect(rect)
            if self.adding:
                ids = list(self.document.selection) + [
                    b for b in ids if b not in self.document.selection
                ]
            else:
                self.document.set_cover_selection([])
            self.document.set_selection(ids)
            self.band.hide()
            self.band.deleteLater()
            self.band = None
        self.origin = None
        return True


class DrawPolygonTool(Tool):
    """Click vertices; double-click or Enter closes; Backspace; Esc cancels."""

    def __init__(self, view, kind: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__(view)
        self.kind = kind  # "building", "cover" or "site"
        self.name = f"draw_{kind}"
        self.points: list[Point] = []
        self.cursor: Point | None = None
        self.preview: QGraphicsPathItem | None = None
        self.snapper = Snapper(view.scene())
        self.cover_type = "open_soil"

    def activate(self) -> None:
        self.snapper.scene = self.scene
        self.status.emit(
            self.tr(
                "Click to add vertices; double-click or Enter "
                "closes, Backspace removes the last, Esc cancels"
            )
        )

    def deactivate(self) -> None:
        self.cancel()

    def cancel(self) -> None:
        self.points = []
        self.cursor = None
        self._remove_preview()

    def _remove_preview(self) -> None:
        if self.preview is not None and self.preview.scene() is not None:
            self.preview.scene().removeItem(self.preview)
        self.preview = None

    def snapped(self, event: QMouseEvent) -> Point:
        point = self.snapper.snap(
            self.scene_pos(event), self.view.pixels_per_metre(), self.points[:1]
        )
        if self.points and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            point = orthogonal(self.points[-1], point)
        return point

    def press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return event.button() == Qt.MouseButton.RightButton and bool(self.points)
        point = self.snapped(event)
        if not self.points or math.dist(point, self.points[-1]) > 1e-6:
            self.points.append(point)
        self.cursor = point
        self._update_preview()
        return True

    def move(self, event: QMouseEvent) -> bool:
        self.cursor = self.snapped(event)
        if self.points:
            self._update_preview()
        return False

    def release(self, event: QMouseEvent) -> bool:
        return event.button() == Qt.MouseButton.LeftButton

    def double_click(self, event: QMouseEvent) -> bool:
        if event.button() == Qt.MouseButton.LeftButton:
            # A real double click brings a press first (the vertex is already
            # there); a synthesised one may not, so add the point if it is new.
            point = self.snapped(event)
            if not self.points or math.dist(point, self.points[-1]) > 1e-6:
                self.points.append(point)
            self.finish()
            return True
        return False

    def key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.points:
            self.finish()
            return True
        if key == Qt.Key.Key_Backspace and self.points:
            self.points.pop()
            self._update_preview()
            return True
        if key == Qt.Key.Key_Escape and self.points:
            self.cancel()
            self.status.emit(self.tr("Drawing cancelled"))
            return True
        return False

    def wants_key(self, event: QKeyEvent) -> bool:
        return bool(self.points) and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Backspace,
            Qt.Key.Key_Escape,
        )

    def _update_preview(self) -> None:
        frame = self.scene.frame
        points = list(self.points)
        if self.cursor is not None and (not points or self.cursor != points[-1]):
            points.append(self.cursor)
        path = QPainterPath()
        if points:
            path.moveTo(frame.to_scene(*points[0]))
            for p in points[1:]:
                path.lineTo(frame.to_scene(*p))
            if len(points) > 2:
                path.lineTo(frame.to_scene(*points[0]))
        if self.preview is None:
            self.preview = QGraphicsPathItem()
            self.preview.setPen(preview_pen())
            self.preview.setZValue(Z_TOOL)
            self.preview.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.scene.addItem(self.preview)
        self.preview.setPath(path)
        segment = math.dist(points[-2], points[-1]) if len(points) > 1 else 0.0
        area = Polygon(points).area if len(points) > 2 else 0.0
        self.status.emit(
            self.tr("Length {0:.2f} m · perimeter {1:.2f} m · area {2:.1f} m²").format(
                segment, polygon_length(points), area
            )
        )

    def finish(self) -> None:
        points = self.points
        if len(points) < 3:
            self.status.emit(self.tr("A polygon needs at least three vertices"))
            return
        polygon = Polygon(points)
        if not polygon.is_valid or polygon.area <= 0:
            self.status.emit(
                self.tr(
                    "The outline crosses itself; move or remove a vertex (Backspace)"
                )
            )
            return
        if self.create(polygon):
            self.cancel()

    def create(self, polygon: Polygon) -> bool:
        document = self.document
        project = document.project
        if self.kind == "site":
            return self.push(SetSiteBoundary(polygon))
        if self.kind == "cover":
            taken = {c for s in project.scenarios for c in s.cover}
            cover = GroundCover(new_id("c", taken), self.cover_type, polygon)
            return self.push(AddCover(document.current_scenario, cover))
        return add_building(self, polygon)


def add_building(tool: Tool, polygon: Polygon) -> bool:
    document = tool.document
    building_id = new_id("n", all_building_ids(document.project))
    name = QCoreApplication.translate("Tools", "New building {0}").format(
        building_id[1:]
    )
    building = Building(building_id, name, polygon, (DEFAULT_LEVEL,))
    if tool.push(AddBuilding(document.current_scenario, building)):
        document.set_selection([building_id])
        return True
    return False
