"""Drawing tools of the site view: select, draw polygon (building, cover, site),
rectangle, move and rotate. Vertex editing lives in :mod:`vertex_tool`.

A tool receives the view's mouse and key events first and returns True when it
used them. Drags only move items on screen; the edit is pushed as one command on
release, so one gesture is one undo step.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainterPath, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QRubberBand
from shapely import affinity
from shapely.geometry import Polygon, box

from mixplan.model import Building, GroundCover, Level, MixplanError
from mixplan.model.commands import (
    AddBuilding,
    AddCover,
    CompoundCommand,
    SetFootprint,
    SetSiteBoundary,
)
from mixplan.ui.items import Z_TOOL, BuildingItem, preview_pen
from mixplan.ui.snapping import Snapper, orthogonal

Point = tuple[float, float]

#: A press that moves less than this is a click, not a drag.
DRAG_PIXELS = 4

#: The storey a drawn building starts with: one 3 m ground floor, not yet assigned,
#: so the findings remind the user to give it uses.
DEFAULT_LEVEL = Level.of(3.0, "unassigned")


def new_id(prefix: str, taken) -> str:  # type: ignore[no-untyped-def]
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


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
        self.origin = pos
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

    def release(self, event: QMouseEvent) -> bool:
        if self.origin is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        if self.band is None:
            if not self.adding:
                self.document.set_selection([])  # a click on empty ground
        else:
            rect = self.view.mapToScene(self.band.geometry()).boundingRect()
            ids = self.scene.ids_in_rect(rect)
            if self.adding:
                ids = list(self.document.selection) + [
                    b for b in ids if b not in self.document.selection
                ]
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


class _SelectionDrag(Tool):
    """Shared by move and rotate: drag the selected buildings, commit on release."""

    def __init__(self, view) -> None:  # type: ignore[no-untyped-def]
        super().__init__(view)
        self.start: Point | None = None

    def selected_items(self) -> list[QGraphicsItem]:
        buildings = self.scene.buildings
        return [buildings[b] for b in self.document.selection if b in buildings]

    def press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        item = self.view.building_item_at(event.position().toPoint())
        if item is not None and item.building_id not in self.document.selection:
            self.document.set_selection([item.building_id])
        if not self.document.selection:
            self.status.emit(self.tr("Select buildings first"))
            return True
        self.start = self.model_pos(event)
        self.begin()
        return True

    def begin(self) -> None:
        pass

    def move(self, event: QMouseEvent) -> bool:
        if self.start is None:
            return False
        self.drag(self.model_pos(event), event)
        return True

    def drag(self, point: Point, event: QMouseEvent) -> None:
        raise NotImplementedError

    def release(self, event: QMouseEvent) -> bool:
        if self.start is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        point = self.model_pos(event)
        commands = self.commands(point, event)
        self.restore()
        self.start = None
        if commands:
            label = self.label(len(commands))
            for command in commands:
                command.label = label
            self.push(
                commands[0] if len(commands) == 1 else CompoundCommand(commands, label)
            )
        return True

    def key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape and self.start is not None:
            self.restore()
            self.start = None
            return True
        return False

    def restore(self) -> None:
        for item in self.selected_items():
            item.setPos(0, 0)
            item.setTransform(QTransform())

    def commands(self, point: Point, event: QMouseEvent) -> list:  # type: ignore[type-arg]
        raise NotImplementedError

    def label(self, count: int) -> str:
        raise NotImplementedError


class MoveTool(_SelectionDrag):
    name = "move"

    def activate(self) -> None:
        self.status.emit(
            self.tr("Drag to move the selected buildings (Shift: along an axis)")
        )

    def _offset(self, point: Point, event: QMouseEvent) -> Point:
        assert self.start is not None
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            point = orthogonal(self.start, point)
        return point[0] - self.start[0], point[1] - self.start[1]

    def drag(self, point: Point, event: QMouseEvent) -> None:
        dx, dy = self._offset(point, event)
        for item in self.selected_items():
            item.setPos(dx, -dy)
        self.status.emit(self.tr("Move {0:.2f} m, {1:.2f} m").format(dx, dy))

    def commands(self, point: Point, event: QMouseEvent) -> list:  # type: ignore[type-arg]
        dx, dy = self._offset(point, event)
        if math.hypot(dx, dy) < 1e-9:
            return []
        scenario = self.document.scenario
        return [
            SetFootprint(
                self.document.current_scenario,
                b,
                affinity.translate(scenario.buildings[b].footprint, dx, dy),
            )
            for b in self.document.selection
            if b in scenario.buildings
        ]

    def label(self, count: int) -> str:
        return self.tr("Move building") if count == 1 else self.tr("Move buildings")


class RotateTool(_SelectionDrag):
    name = "rotate"

    def __init__(self, view) -> None:  # type: ignore[no-untyped-def]
        super().__init__(view)
        self.pivot: Point = (0.0, 0.0)

    def activate(self) -> None:
        self.status.emit(
            self.tr("Drag around the selection to rotate it (Shift: 15° steps)")
        )

    def begin(self) -> None:
        scenario = self.document.scenario
        footprints = [
            scenario.buildings[b].footprint
            for b in self.document.selection
            if b in scenario.buildings
        ]
        minx = min(f.bounds[0] for f in footprints)
        miny = min(f.bounds[1] for f in footprints)
        maxx = max(f.bounds[2] for f in footprints)
        maxy = max(f.bounds[3] for f in footprints)
        self.pivot = ((minx + maxx) / 2, (miny + maxy) / 2)

    def _angle(self, point: Point, event: QMouseEvent) -> float:
        assert self.start is not None
        px, py = self.pivot
        a0 = math.atan2(self.start[1] - py, self.start[0] - px)
        a1 = math.atan2(point[1] - py, point[0] - px)
        degrees = math.degrees(a1 - a0)
        degrees = (degrees + 180.0) % 360.0 - 180.0
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            degrees = round(degrees / 15.0) * 15.0
        return degrees

    def drag(self, point: Point, event: QMouseEvent) -> None:
        degrees = self._angle(point, event)
        centre = self.scene.frame.to_scene(*self.pivot)
        # The scene's y points down, so a counter-clockwise model rotation is a
        # clockwise one on screen.
        transform = (
            QTransform()
            .translate(centre.x(), centre.y())
            .rotate(-degrees)
            .translate(-centre.x(), -centre.y())
        )
        for item in self.selected_items():
            if isinstance(item, BuildingItem):
                item.setTransform(transform)
        self.status.emit(self.tr("Rotate {0:.1f}°").format(degrees))

    def commands(self, point: Point, event: QMouseEvent) -> list:  # type: ignore[type-arg]
        degrees = self._angle(point, event)
        if abs(degrees) < 1e-9:
            return []
        scenario = self.document.scenario
        return [
            SetFootprint(
                self.document.current_scenario,
                b,
                affinity.rotate(
                    scenario.buildings[b].footprint, degrees, origin=self.pivot
                ),
            )
            for b in self.document.selection
            if b in scenario.buildings
        ]

    def label(self, count: int) -> str:
        if count == 1:
            return self.tr("Rotate building")
        return self.tr("Rotate buildings")
