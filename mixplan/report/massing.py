"""The massing: an axonometric drawing where every level shows its uses.

The plan is turned 45° so the view comes from the south-west, squashed to half
its depth, and heights rise straight up: a planometric axonometric that a council
member reads as "housing over workshops" at a glance. Faces are drawn back to
front (painter's algorithm): buildings by the depth of their centre, then within
a building level by level, each wall facing the viewer, striped by the shares of
the level's uses, and the roof last.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from mixplan.model import Building, Project, Scenario
from mixplan.report.drawkit import (
    darken,
    draw_text,
    new_drawing,
    polygon_path,
    swatch_legend,
)
from mixplan.report.palette import (
    BOUNDARY_COLOUR,
    lighten,
    use_colour,
)
from mixplan.report.texts import text

__all__ = ["MassingDrawing", "massing"]

ANGLE = math.radians(45.0)
DEPTH_SQUASH = 0.5
HEIGHT_FACTOR = 0.9


@dataclass
class MassingDrawing:
    """A drawn massing and the uses it shows (for the legend)."""

    drawing: Any
    uses: list[str]


def _turn(coords: np.ndarray) -> np.ndarray:
    """Plan (x, y) → (across, depth): depth grows away from the viewer."""
    c, s = math.cos(ANGLE), math.sin(ANGLE)
    x, y = coords[:, 0], coords[:, 1]
    return np.column_stack((x * c - y * s, x * s + y * c))


def _oriented_rings(polygon: Polygon) -> list[np.ndarray]:
    """Rings with the solid on their left (exterior CCW, holes CW)."""
    oriented = shapely.geometry.polygon.orient(polygon, 1.0)
    rings = [np.asarray(oriented.exterior.coords)]
    rings += [np.asarray(r.coords) for r in oriented.interiors]
    return rings


@dataclass
class _Prism:
    depth: float
    building: Building


def massing(project: Project, scenario: Scenario, lang: str, width: float,
            max_height: float) -> MassingDrawing:
    """Draw the axonometric massing of ``scenario`` in ``width`` × ``max_height``.

    Parameters
    ----------
    project
        The project (its site boundary is drawn on the ground).
    scenario
        The scenario drawn.
    lang
        Language of the note shown when the scenario has no building.
    width, max_height
        The frame in points; the drawing is as tall as it needs, up to that.

    Returns
    -------
    MassingDrawing
        The drawing and the use codes it shows, in first-seen order.
    """
    from reportlab.graphics.shapes import Group

    buildings = list(scenario.buildings.values())
    if not buildings:
        drawing = new_drawing(width, 40)
        draw_text(drawing, width / 2, 16, text(lang, "empty_scenario"), 9,
                  anchor="middle")
        return MassingDrawing(drawing, [])

    # Every vertex of every level top, projected, to fit the frame.
    ground = [project.site.boundary] if project.site is not None else []
    points = []
    for b in buildings:
        turned = _turn(np.asarray(b.footprint.exterior.coords))
        points.append(np.column_stack((turned[:, 0], turned[:, 1] * DEPTH_SQUASH)))
        points.append(np.column_stack(
            (turned[:, 0], turned[:, 1] * DEPTH_SQUASH + b.height_m * HEIGHT_FACTOR)))
    for g in ground:
        for poly in (g.geoms if isinstance(g, MultiPolygon) else [g]):
            turned = _turn(np.asarray(poly.exterior.coords))
            points.append(np.column_stack((turned[:, 0], turned[:, 1] * DEPTH_SQUASH)))
    allpts = np.vstack(points)
    lo, hi = allpts.min(axis=0), allpts.max(axis=0)
    span = np.maximum(hi - lo, 1.0)
    margin = 8.0
    k = min((width - 2 * margin) / span[0], (max_height - 2 * margin) / span[1])
    height = span[1] * k + 2 * margin
    ox = (width - span[0] * k) / 2 - lo[0] * k
    oy = margin - lo[1] * k

    def paper(turned: np.ndarray, z: float) -> list[tuple[float, float]]:
        xs = ox + turned[:, 0] * k
        ys = oy + (turned[:, 1] * DEPTH_SQUASH + z * HEIGHT_FACTOR) * k
        return list(zip(xs.tolist(), ys.tolist(), strict=True))

    drawing = new_drawing(width, height)
    group = Group()
    drawing.add(group)
    for g in ground:
        for poly in (g.geoms if isinstance(g, MultiPolygon) else [g]):
            rings = [paper(_turn(np.asarray(poly.exterior.coords)), 0.0)]
            rings += [paper(_turn(np.asarray(r.coords)), 0.0) for r in poly.interiors]
            group.add(polygon_path(rings, fill="#F1F1EC", stroke=BOUNDARY_COLOUR,
                                   stroke_width=0.6, dash=(4, 2)))
    for cover in scenario.cover.values():
        geom = cover.geometry
        for poly in (geom.geoms if isinstance(geom, MultiPolygon) else [geom]):
            if cover.cover in ("open_soil", "semi_open", "green_on_slab"):
                group.add(polygon_path(
                    [paper(_turn(np.asarray(poly.exterior.coords)), 0.0)],
                    fill="#CFE3C2", stroke=None))

    prisms = sorted(
        (_Prism(float(_turn(np.asarray([b.footprint.centroid.coords[0]]))[0, 1]), b)
         for b in buildings),
        key=lambda p: -p.depth,
    )
    uses: list[str] = []
    for prism in prisms:
        _draw_building(group, prism.building, paper, uses)
    return MassingDrawing(drawing, uses)


def _draw_building(group: Any, building: Building, paper: Any,
                   uses: list[str]) -> None:
    z = 0.0
    above = building.levels[building.basements :]
    for position, level in enumerate(above):
        polygon = level.polygon or building.footprint
        shares = [(a.use, a.share) for a in level.uses]
        for use, _ in shares:
            if use not in uses:
                uses.append(use)
        walls = []
        for ring in _oriented_rings(polygon):
            turned = _turn(ring)
            for i in range(len(turned) - 1):
                (ax, ay), (bx, by) = turned[i], turned[i + 1]
                # Outward normal of an edge with the solid on its left.
                nx, ny = by - ay, -(bx - ax)
                if ny >= 0:
                    continue  # faces away from the viewer
                length = math.hypot(nx, ny) or 1.0
                walls.append(((ay + by) / 2, turned[i : i + 2], nx / length))
        walls.sort(key=lambda w: -w[0])
        for _, edge, facing in walls:
            # Light from the left: walls turned left are lit, right ones shaded.
            shade = 0.08 + 0.14 * (1 + facing) / 2
            bottom = z
            for use, share in shares:
                top = bottom + level.height_m * share
                quad = paper(edge, bottom) + paper(edge[::-1], top)
                group.add(polygon_path([quad], fill=darken(use_colour(use), shade),
                                       stroke=None))
                bottom = top
            outline = paper(edge, z) + paper(edge[::-1], z + level.height_m)
            group.add(polygon_path([outline], fill=None, stroke="#4A4A4A",
                                   stroke_width=0.25))
        z += level.height_m
        next_polygon = (above[position + 1].polygon or building.footprint
                        if position + 1 < len(above) else None)
        if next_polygon is None or not next_polygon.equals(polygon):
            top_use = max(shares, key=lambda s: s[1])[0]
            rings = [paper(_turn(r), z) for r in _oriented_rings(polygon)]
            roof = lighten(use_colour(top_use), 0.25)
            if building.roof == "green" and next_polygon is None:
                roof = "#A8D08D"
            group.add(polygon_path(rings, fill=roof, stroke="#3A3A3A",
                                   stroke_width=0.35))


def massing_legend(uses: list[str], lang: str, width: float) -> Any:
    """The legend of the use colours shown in a massing or stacking drawing."""
    from mixplan.model import USES

    return swatch_legend(
        [("fill", use_colour(u), USES[u].label(lang)) for u in uses], width)
