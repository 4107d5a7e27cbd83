"""Move and rotate the selected buildings: the drag moves them on screen, the
release pushes one command for all of them.

A few buildings are dragged as their own items. A larger selection is dragged
as one picture of its outlines over the plan (its items stay where they are
until the release): moving 10,000 items at every mouse move, and the tiles
drawing them again, held the GUI thread seconds.
"""

from __future__ import annotations

import math

import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QMouseEvent, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from mixplan.model.commands import TransformBuildings
from mixplan.model.geometry import Affine, rotation, translation
from mixplan.ui.busy import busy_for
from mixplan.ui.colors import SELECTION_COLOR
from mixplan.ui.items import Z_TOOL, BuildingItem, joined_paths
from mixplan.ui.prepared_push import PREPARED_FROM, PreparedPush
from mixplan.ui.snapping import orthogonal
from mixplan.ui.tools import Point, Tool

#: Up to this many selected buildings, a drag moves their items; beyond, one
#: picture of their outlines.
ITEMS_DRAGGED = 64


class _SelectionDrag(Tool):
    """Shared by move and rotate: drag the selected buildings, commit on release."""

    def __init__(self, view) -> None:  # type: ignore[no-untyped-def]
        super().__init__(view)
        self.start: Point | None = None
        #: the selection's outlines dragged instead of its items, or None
        self.ghost: QGraphicsPathItem | None = None

    def selected_ids(self) -> list[str]:
        buildings = self.document.scenario.buildings
        return [b for b in self.document.selection if b in buildings]

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
        if len(self.document.selection) > ITEMS_DRAGGED:
            self.ghost = self._ghost()
        return True

    def _ghost(self) -> QGraphicsPathItem:
        """One item drawing the selected footprints' outlines (made at once)."""
        (path,) = joined_paths([self.scene.footprint_pieces(self.selected_ids())])
        ghost = QGraphicsPathItem(path)
        pen = QPen(SELECTION_COLOR, 1.0)
        pen.setCosmetic(True)
        ghost.setPen(pen)
        colour = QColor(SELECTION_COLOR)
        colour.setAlpha(60)
        ghost.setBrush(QBrush(colour))
        ghost.setZValue(Z_TOOL)
        # (moved, not changed: its picture is drawn once)
        ghost.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.scene.addItem(ghost)
        return ghost

    def begin(self) -> None:
        pass

    def move(self, event: QMouseEvent) -> bool:
        if self.start is None:
            return False
        self.drag(self.model_pos(event), event)
        return True

    def drag(self, point: Point, event: QMouseEvent) -> None:
        raise NotImplementedError

    def dragged(self) -> list[QGraphicsItem]:
        """What the drag moves on screen: the ghost, else the selected items."""
        return [self.ghost] if self.ghost is not None else self.selected_items()

    def release(self, event: QMouseEvent) -> bool:
        if self.start is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        point = self.model_pos(event)
        matrix = self.matrix(point, event)
        self.start = None
        ids = self.selected_ids()
        if matrix is None or not ids:
            self.restore()
            return True
        command = TransformBuildings(
            self.document.current_scenario, ids, matrix, self.label(len(ids))
        )
        if len(ids) < PREPARED_FROM or self.ghost is None:
            self.restore()
            with busy_for(len(ids)):
                self.push(command)
        else:
            # (the ghost shows the move until it is pushed)
            ghost, self.ghost = self.ghost, None
            PreparedPush(
                self,
                self.document,
                command,
                self._refused,
                lambda: _remove(ghost),
            )
        return True

    def _refused(self, exc: Exception) -> None:
        self.status.emit(self.tr("Not applied: {0}").format(exc))

    def key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape and self.start is not None:
            self.restore()
            self.start = None
            return True
        return False

    def deactivate(self) -> None:
        if self.start is not None:
            self.restore()
            self.start = None

    def restore(self) -> None:
        if self.ghost is not None:
            self.scene.removeItem(self.ghost)
            self.ghost = None
            return
        for item in self.selected_items():
            item.setPos(0, 0)
            item.setTransform(QTransform())

    def matrix(self, point: Point, event: QMouseEvent) -> Affine | None:
        """The map of the drag in model coordinates (None: no change)."""
        raise NotImplementedError

    def label(self, count: int) -> str:
        raise NotImplementedError


def _remove(item: QGraphicsItem) -> None:
    """Take ``item`` off its scene, if it is still on one."""
    scene = item.scene()
    if scene is not None:
        scene.removeItem(item)


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
        for item in self.dragged():
            item.setPos(dx, -dy)
        self.status.emit(self.tr("Move {0:.2f} m, {1:.2f} m").format(dx, dy))

    def matrix(self, point: Point, event: QMouseEvent) -> Affine | None:
        dx, dy = self._offset(point, event)
        if math.hypot(dx, dy) < 1e-9:
            return None
        return translation(dx, dy)

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
        footprints = [scenario.buildings[b].footprint for b in self.selected_ids()]
        minx, miny, maxx, maxy = shapely.total_bounds(footprints).tolist()
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
        for item in self.dragged():
            if isinstance(item, BuildingItem) or item is self.ghost:
                item.setTransform(transform)
        self.status.emit(self.tr("Rotate {0:.1f}°").format(degrees))

    def matrix(self, point: Point, event: QMouseEvent) -> Affine | None:
        degrees = self._angle(point, event)
        if abs(degrees) < 1e-9:
            return None
        return rotation(degrees, self.pivot)

    def label(self, count: int) -> str:
        if count == 1:
            return self.tr("Rotate building")
        return self.tr("Rotate buildings")
