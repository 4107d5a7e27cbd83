"""Vertex editing of a building footprint, a ground cover or the site boundary.

Handles sit on the outer ring's vertices: drag one (committed on release),
double-click an edge to insert a vertex, Delete (or right-click) removes the
vertex under the cursor. Holes are kept as they are.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QKeyEvent, QMouseEvent, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

from mixplan.model.commands import SetCover, SetFootprint, SetSiteBoundary
from mixplan.ui.items import Z_TOOL
from mixplan.ui.snapping import SNAP_PIXELS, Snapper, orthogonal
from mixplan.ui.tools import Tool

HANDLE_PIXELS = 8.0


class Handle(QGraphicsRectItem):
    def __init__(self, index: int, pos: QPointF) -> None:
        half = HANDLE_PIXELS / 2
        super().__init__(QRectF(-half, -half, HANDLE_PIXELS, HANDLE_PIXELS))
        self.index = index
        self.setPos(pos)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setBrush(QBrush(QColor("white")))
        self.setPen(QPen(QColor("#1f6feb"), 1.5))
        self.setZValue(Z_TOOL)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)


def replace_exterior(geometry, ring: list[tuple[float, float]]):  # type: ignore[no-untyped-def]
    """The geometry with its (largest part's) outer ring replaced."""
    if isinstance(geometry, MultiPolygon):
        parts = list(geometry.geoms)
        largest = max(range(len(parts)), key=lambda i: parts[i].area)
        parts[largest] = Polygon(ring, [h.coords for h in parts[largest].interiors])
        return MultiPolygon(parts)
    return Polygon(ring, [h.coords for h in geometry.interiors])


def exterior(geometry) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    if isinstance(geometry, MultiPolygon):
        geometry = max(geometry.geoms, key=lambda p: p.area)
    return [(x, y) for x, y, *_ in geometry.exterior.coords[:-1]]


class VertexTool(Tool):
    """Edits the selected building or ground cover, or the site when
    ``target == "site"``."""

    def __init__(self, view, target: str = "building") -> None:  # type: ignore[no-untyped-def]
        super().__init__(view)
        self.target = target
        self.name = "edit_site" if target == "site" else "edit_vertices"
        self.handles: list[Handle] = []
        self.dragging: int | None = None
        self.ring: list[tuple[float, float]] = []
        self.snapper = Snapper(view.scene())

    def activate(self) -> None:
        self.snapper.scene = self.scene
        self.document.selection_changed.connect(self.refresh)
        self.document.cover_selection_changed.connect(self.refresh)
        self.document.changed.connect(self.refresh)
        self.refresh()
        self.status.emit(
            self.tr(
                "Drag a vertex; double-click an edge to add one; "
                "Delete removes the vertex under the cursor"
            )
        )

    def deactivate(self) -> None:
        self.document.selection_changed.disconnect(self.refresh)
        self.document.cover_selection_changed.disconnect(self.refresh)
        self.document.changed.disconnect(self.refresh)
        self._clear()

    def geometry(self):  # type: ignore[no-untyped-def]
        if self.target == "site":
            site = self.document.project.site
            return None if site is None else site.boundary
        cover_id = self.edited_cover()
        if cover_id is not None:
            return self.document.scenario.cover[cover_id].geometry
        if len(self.document.selection) != 1:
            return None
        building = self.document.scenario.buildings.get(self.document.selection[0])
        return None if building is None else building.footprint

    def edited_cover(self) -> str | None:
        """The ground cover being edited: the only one selected, if any."""
        covers = self.document.cover_selection
        if self.target == "site" or len(covers) != 1:
            return None
        return covers[0] if covers[0] in self.document.scenario.cover else None

    def _clear(self) -> None:
        for handle in self.handles:
            if handle.scene() is not None:
                handle.scene().removeItem(handle)
        self.handles = []

    def refresh(self, *_args) -> None:  # type: ignore[no-untyped-def]
        if self.dragging is not None:
            return
        self._clear()
        geometry = self.geometry()
        if geometry is None:
            self.ring = []
            return
        self.ring = exterior(geometry)
        for i, (x, y) in enumerate(self.ring):
            handle = Handle(i, self.scene.frame.to_scene(x, y))
            self.scene.addItem(handle)
            self.handles.append(handle)

    def _handle_at(self, event: QMouseEvent) -> int | None:
        x, y = self.model_pos(event)
        tolerance = SNAP_PIXELS / self.view.pixels_per_metre()
        best, best_d = None, tolerance
        for i, (vx, vy) in enumerate(self.ring):
            d = math.hypot(vx - x, vy - y)
            if d <= best_d:
                best, best_d = i, d
        return best

    def press(self, event: QMouseEvent) -> bool:
        index = self._handle_at(event) if self.ring else None
        if event.button() == Qt.MouseButton.RightButton and index is not None:
            self.delete_vertex(index)
            return True
        if event.button() == Qt.MouseButton.LeftButton and index is not None:
            self.dragging = index
            return True
        if event.button() == Qt.MouseButton.LeftButton and self.target == "building":
            # A click on another building picks it for editing.
            item = self.view.building_item_at(event.position().toPoint())
            if item is not None:
                self.document.set_selection([item.building_id])
                return True
            cover = self.view.cover_item_at(event.position().toPoint())
            if cover is not None:
                self.document.set_cover_selection([cover.cover_id])
                return True
        return False

    def move(self, event: QMouseEvent) -> bool:
        if self.dragging is None:
            return False
        point = self.snapper.snap(self.scene_pos(event), self.view.pixels_per_metre())
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            point = orthogonal(self.ring[self.dragging - 1], point)
        self.ring[self.dragging] = point
        self.handles[self.dragging].setPos(self.scene.frame.to_scene(*point))
        return True

    def release(self, event: QMouseEvent) -> bool:
        if self.dragging is None:
            return False
        self.dragging = None
        self.commit(list(self.ring), self.tr("Move vertex"))
        return True

    def double_click(self, event: QMouseEvent) -> bool:
        if not self.ring or event.button() != Qt.MouseButton.LeftButton:
            return False
        x, y = self.model_pos(event)
        point = Point(x, y)
        tolerance = SNAP_PIXELS / self.view.pixels_per_metre()
        best, best_d = None, tolerance
        n = len(self.ring)
        for i in range(n):
            edge = LineString([self.ring[i], self.ring[(i + 1) % n]])
            d = edge.distance(point)
            if d <= best_d:
                best, best_d = i, d
        if best is None:
            return False
        edge = LineString([self.ring[best], self.ring[(best + 1) % n]])
        nearest = edge.interpolate(edge.project(point))
        ring = list(self.ring)
        ring.insert(best + 1, (nearest.x, nearest.y))
        self.commit(ring, self.tr("Insert vertex"))
        return True

    def _vertex_under_cursor(self) -> int | None:
        position = self.view.viewport().mapFromGlobal(QCursor.pos())
        x, y = self.scene.frame.to_model(self.view.mapToScene(position))
        tolerance = SNAP_PIXELS / self.view.pixels_per_metre()
        for i, (vx, vy) in enumerate(self.ring):
            if math.hypot(vx - x, vy - y) <= tolerance:
                return i
        return None

    def wants_key(self, event: QKeyEvent) -> bool:
        return (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self._vertex_under_cursor() is not None
        )

    def key(self, event: QKeyEvent) -> bool:
        if event.key() not in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return False
        index = self._vertex_under_cursor()
        if index is None:
            return False
        self.delete_vertex(index)
        return True

    def delete_vertex(self, index: int) -> None:
        if len(self.ring) <= 3:
            self.status.emit(self.tr("A polygon keeps at least three vertices"))
            return
        ring = list(self.ring)
        del ring[index]
        self.commit(ring, self.tr("Delete vertex"))

    def commit(self, ring: list[tuple[float, float]], label: str) -> None:
        geometry = self.geometry()
        if geometry is None:
            return
        new = replace_exterior(geometry, ring)
        if not new.is_valid or new.area <= 0:
            self.status.emit(self.tr("That would make the outline cross itself"))
            self.refresh()
            return
        cover_id = self.edited_cover()
        if self.target == "site":
            command = SetSiteBoundary(new)
        elif cover_id is not None:
            command = SetCover(self.document.current_scenario, cover_id, geometry=new)
        else:
            command = SetFootprint(
                self.document.current_scenario, self.document.selection[0], new
            )
        command.label = label
        if not self.push(command):
            self.refresh()
