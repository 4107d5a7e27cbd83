"""Snapping of drawn points to vertices, edges and a grid, and the Shift constraint."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from shapely.geometry import MultiPolygon, Point, Polygon

#: Snap distance in screen pixels, whatever the zoom.
SNAP_PIXELS = 10.0


def _rings(geometry: Polygon | MultiPolygon):  # type: ignore[no-untyped-def]
    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    for polygon in polygons:
        yield polygon.exterior
        yield from polygon.interiors


def orthogonal(
    previous: tuple[float, float], point: tuple[float, float]
) -> tuple[float, float]:
    """Keep ``point`` on the horizontal or vertical through ``previous``."""
    dx, dy = point[0] - previous[0], point[1] - previous[1]
    if abs(dx) >= abs(dy):
        return point[0], previous[1]
    return previous[0], point[1]


class Snapper:
    """Finds the point to use for a cursor position (model coordinates)."""

    def __init__(self, scene) -> None:  # type: ignore[no-untyped-def]
        self.scene = scene
        self.vertices = True
        self.edges = True
        self.grid = False
        self.grid_step = 1.0
        self.last_kind = ""

    def snap(
        self,
        scene_pos: QPointF,
        pixels_per_metre: float,
        extra_vertices: list[tuple[float, float]] | None = None,
    ) -> tuple[float, float]:
        frame = self.scene.frame
        x, y = frame.to_model(scene_pos)
        tolerance = SNAP_PIXELS / max(pixels_per_metre, 1e-9)
        self.last_kind = ""
        geometries = self._nearby(scene_pos, tolerance)
        if self.vertices:
            best, best_d = None, tolerance
            candidates = list(extra_vertices or [])
            for geometry in geometries:
                for ring in _rings(geometry):
                    candidates.extend(ring.coords)
            for cx, cy, *_ in candidates:
                d = math.hypot(cx - x, cy - y)
                if d <= best_d:
                    best, best_d = (cx, cy), d
            if best is not None:
                self.last_kind = "vertex"
                return best
        if self.edges and geometries:
            point = Point(x, y)
            best, best_d = None, tolerance
            for geometry in geometries:
                for ring in _rings(geometry):
                    d = ring.distance(point)
                    if d <= best_d:
                        nearest = ring.interpolate(ring.project(point))
                        best, best_d = (nearest.x, nearest.y), d
            if best is not None:
                self.last_kind = "edge"
                return best
        if self.grid and self.grid_step > 0:
            step = self.grid_step
            self.last_kind = "grid"
            return round(x / step) * step, round(y / step) * step
        return x, y

    def _nearby(self, scene_pos: QPointF, tolerance: float) -> list:  # type: ignore[type-arg]
        area = QRectF(
            scene_pos.x() - tolerance,
            scene_pos.y() - tolerance,
            2 * tolerance,
            2 * tolerance,
        )
        geometries = []
        for item in self.scene.items(area):
            building = getattr(item, "building", None)
            if building is not None and item.isVisible():
                geometries.append(building.footprint)
        site = self.scene.document.project.site
        if site is not None:
            geometries.append(site.boundary)
        return geometries
