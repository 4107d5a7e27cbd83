"""Move and rotate the selected buildings: the drag moves items on screen, the
release pushes one command for all of them."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTransform
from PySide6.QtWidgets import QGraphicsItem
from shapely import affinity

from mixplan.model.commands import CompoundCommand, SetFootprint
from mixplan.ui.items import BuildingItem
from mixplan.ui.snapping import orthogonal
from mixplan.ui.tools import Point, Tool


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
