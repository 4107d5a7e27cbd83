"""The drawings of the massing view: each building's block and detailed prism.

Projection: the plan is turned by ``ANGLE`` and foreshortened by ``DEPTH_SCALE``
along the view direction; heights are drawn at full scale. Every storey above
ground is extruded from its outline and coloured by its uses (a mixed storey shows
its uses side by side along each wall, in proportion); within a storey only the
walls facing the viewer are kept, far to near, for the painter's algorithm.

A *block* is a building at low detail: its projected bounds, depth, roof colour
and uses, measured for many buildings at once (:func:`building_blocks`); its
detailed prism (:func:`building_shape`) is made only when it is big enough on
screen to be seen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shapely
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPolygonF
from shapely.geometry import Polygon

from mixplan.model import Building
from mixplan.report.palette import use_colour

ANGLE = math.radians(30.0)
DEPTH_SCALE = 0.5
_COS, _SIN = math.cos(ANGLE), math.sin(ANGLE)
# Light from the upper left: walls facing it are lighter.
_LIGHT = (-0.8, -0.6)


def plan_to_view(x: float, y: float, z: float = 0.0) -> tuple[float, float, float]:
    """``(X, Y, depth)``: screen position with Y up, and distance from the viewer."""
    u = x * _COS - y * _SIN
    v = x * _SIN + y * _COS
    return u, DEPTH_SCALE * v + z, v


@dataclass
class Face:
    """A filled polygon, or (``lines`` set) the storey lines drawn over a wall."""

    polygon: QPolygonF
    colour: QColor
    lines: list[QLineF] | None = None


@dataclass
class Shape:
    """A building's drawing: faces in paint order, storey lines, screen bounds."""

    building: Building
    depth: float
    faces: list[Face]
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
class Block:
    """A building at low detail: projected bounds, depth, roof colour.

    ``shape`` is its detailed drawing once made (None until needed).
    """

    building: Building
    depth: float
    bounds: QRectF
    colour: QColor
    #: every use of the building (the legend lists them)
    uses: frozenset[str] = field(default_factory=frozenset)
    #: the larger side of ``bounds`` (read at every rendering, kept as a float)
    extent: float = 0.0
    #: ``bounds`` as (left, top, right, bottom) floats (the view fits them at once)
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    shape: Shape | None = None

    def detailed(self) -> Shape:
        if self.shape is None:
            self.shape = building_shape(self.building)
        return self.shape


def _roof_use(building: Building) -> str:
    """The use shown on the roof: the top storey's largest (as the prism draws it)."""
    top = building.levels[-1]
    return max(top.uses, key=lambda a: a.share).use


def building_blocks(buildings: list[Building]) -> list[Block]:
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
            float(u0[k]),
            float(v0[k]),
            float(u1[k] - u0[k]),
            float(v1[k] - v0[k]) + height,
        )
        colour = _shade(use_colour(_roof_use(building)), 0.96)
        uses = frozenset(a.use for level in building.levels for a in level.uses)
        left, top, right = float(u0[k]), float(v0[k]), float(u1[k])
        bottom = float(v1[k]) + height
        extent = max(right - left, bottom - top)
        box = (left, top, right, bottom)
        blocks.append(Block(building, float(depth[k]), rect, colour, uses, extent, box))
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


def building_shape(building: Building) -> Shape:
    faces: list[Face] = []
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
                faces.append(Face(polygon, _shade(use_colour(use), shade)))
                start = end
            if len(heights) > 2:
                # Right after their wall, so nearer walls and roofs still hide them.
                lines = [QLineF(ax, ay + z, bx, by + z) for z in heights[1:-1]]
                faces.append(Face(QPolygonF(), QColor(), lines))
        spec_points.extend((u, vy + z) for u, vy in spec.top for z in (z0, z1))
        top = QPolygonF([QPointF(u, vy + z1) for u, vy in spec.top])
        faces.append(Face(top, _shade(use_colour(mix[0][0]), 1.08)))
    bounds = _bounds(spec_points)
    centroid = building.footprint.centroid
    depth = plan_to_view(centroid.x, centroid.y)[2]
    uses = frozenset(use for _outline, mix, _heights in runs for use, _share in mix)
    return Shape(building, depth, faces, bounds, uses)
