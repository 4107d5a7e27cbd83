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

from mixplan.model import Building, Level, Project, Scenario
from mixplan.report.drawkit import (
    PathBatch,
    darken,
    draw_text,
    formatted_rows,
    new_drawing,
    pdf_rgb,
    swatch_legend,
    vector_drawing,
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
#: Buildings narrower than this on paper (points, ~1.4 mm) are drawn as one prism.
BLOCK_BELOW_PT = 4.0


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


def massing(
    project: Project, scenario: Scenario, lang: str, width: float, max_height: float
) -> MassingDrawing:
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
    buildings = list(scenario.buildings.values())
    if not buildings:
        drawing = new_drawing(width, 40)
        draw_text(
            drawing, width / 2, 16, text(lang, "empty_scenario"), 9, anchor="middle"
        )
        return MassingDrawing(drawing, [])

    # Every vertex of every footprint, projected at the ground and at the
    # building's top, to fit the frame (in bulk: 10,000 buildings).
    ground = [project.site.boundary] if project.site is not None else []
    footprints = np.array([b.footprint for b in buildings], dtype=object)
    tops = np.array([b.height_m for b in buildings])
    exteriors = shapely.get_coordinates(
        shapely.get_exterior_ring(footprints), return_index=True
    )
    turned = _turn(exteriors[0])
    depths = turned[:, 1] * DEPTH_SQUASH
    points = [
        np.column_stack((turned[:, 0], depths)),
        np.column_stack((turned[:, 0], depths + tops[exteriors[1]] * HEIGHT_FACTOR)),
    ]
    for g in ground:
        for poly in g.geoms if isinstance(g, MultiPolygon) else [g]:
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

    batch = PathBatch()
    for g in ground:
        for poly in g.geoms if isinstance(g, MultiPolygon) else [g]:
            rings = [paper(_turn(np.asarray(poly.exterior.coords)), 0.0)]
            rings += [paper(_turn(np.asarray(r.coords)), 0.0) for r in poly.interiors]
            batch.polygon(
                rings,
                fill="#F1F1EC",
                stroke=BOUNDARY_COLOUR,
                stroke_width=0.6,
                dash=(4, 2),
            )
    for cover in scenario.cover.values():
        geom = cover.geometry
        if cover.cover not in ("open_soil", "lawn", "semi_open", "green_on_slab"):
            continue
        for poly in geom.geoms if isinstance(geom, MultiPolygon) else [geom]:
            batch.polygon(
                [paper(_turn(np.asarray(poly.exterior.coords)), 0.0)], fill="#CFE3C2"
            )

    depth = _turn(shapely.get_coordinates(shapely.centroid(footprints)))[:, 1]
    uses: list[str] = []
    # Level lines thin out as buildings multiply, or they would blacken the view.
    line = 0.25 * min(1.0, math.sqrt(100 / len(buildings)))
    scale = _Paper(ox, oy, k, line)
    bounds = shapely.bounds(footprints)
    extent = np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1]) * k
    small = extent < BLOCK_BELOW_PT
    blocks = _block_paths(
        [b for b, s in zip(buildings, small.tolist(), strict=True) if s],
        footprints[small],
        scale,
    )
    # Back to front; a stable sort keeps the project's order between equals.
    for position in np.argsort(-depth, kind="stable").tolist():
        building = buildings[position]
        if small[position]:
            _add_uses(building, uses)
            batch.extend(blocks[building.id])
        else:
            _draw_building(batch, building, scale, uses)
    drawing = vector_drawing(width, height, batch)
    return MassingDrawing(drawing, uses)


@dataclass(frozen=True)
class _Paper:
    """Turned plan metres and heights → drawing points."""

    ox: float
    oy: float
    k: float
    line: float


@dataclass
class _Walls:
    """The walls of one outline facing the viewer, ready to extrude."""

    xs: np.ndarray  # (n, 2) x of both ends, points
    ys: np.ndarray  # (n, 2) y of both ends at z = 0, points
    shade: np.ndarray  # (n,) how much each wall is darkened
    rings: list[tuple[np.ndarray, np.ndarray]]  # roof outline per ring (x, y0)


def _walls(polygon: Polygon, paper: _Paper) -> _Walls:
    xs, ys, shades, rings = [], [], [], []
    for ring in _oriented_rings(polygon):
        turned = _turn(ring)
        px = paper.ox + turned[:, 0] * paper.k
        py = paper.oy + turned[:, 1] * DEPTH_SQUASH * paper.k
        rings.append((px, py))
        a, b = turned[:-1], turned[1:]
        # Outward normal of an edge with the solid on its left: (dy, -dx).
        nx, ny = b[:, 1] - a[:, 1], -(b[:, 0] - a[:, 0])
        visible = ny < 0  # faces the viewer
        if not visible.any():
            continue
        length = np.hypot(nx, ny)
        length[length == 0] = 1.0
        facing = nx / length
        order = np.argsort(-(a[:, 1] + b[:, 1]))  # far walls first
        order = order[visible[order]]
        xs.append(np.column_stack((px[:-1][order], px[1:][order])))
        ys.append(np.column_stack((py[:-1][order], py[1:][order])))
        # Light from the left: walls turned left are lit, right ones shaded.
        shades.append(0.08 + 0.14 * (1 + facing[order]) / 2)
    if not xs:
        empty = np.zeros((0, 2))
        return _Walls(empty, empty, np.zeros(0), rings)
    return _Walls(np.vstack(xs), np.vstack(ys), np.concatenate(shades), rings)


def _add_uses(building: Building, uses: list[str]) -> None:
    for level in building.levels[building.basements :]:
        for allocation in level.uses:
            if allocation.use not in uses:
                uses.append(allocation.use)


def _main_use(level: Level) -> str:
    return max(level.uses, key=lambda a: a.share).use


def _block_paths(
    buildings: list[Building], footprints: np.ndarray, paper: _Paper
) -> dict[str, list[str]]:
    """Buildings too small on paper for their storeys: one prism each (LOD).

    Its walls take the ground storey's main use, its roof the top storey's; a
    10,000-building site would otherwise cost ~30 faces a building. The walls
    facing the viewer and the roofs of all of them are computed at once (numpy)
    and written as PDF operators: walls far first, then the roof, per building.
    """
    if not buildings:
        return {}
    # Rings with the solid on their left (exteriors CCW, holes CW), every
    # vertex turned and put on paper at the ground.
    rings, ring_owner = shapely.get_rings(
        shapely.orient_polygons(footprints), return_index=True
    )
    coords, point_ring = shapely.get_coordinates(rings, return_index=True)
    turned = _turn(coords)
    px = paper.ox + turned[:, 0] * paper.k
    py = paper.oy + turned[:, 1] * DEPTH_SQUASH * paper.k
    lifts = np.array(
        [
            HEIGHT_FACTOR
            * paper.k
            * sum(level.height_m for level in b.levels[b.basements :])
            for b in buildings
        ]
    )
    # Edges from each vertex to the next of the same ring; a wall faces the
    # viewer when its outward normal (dy, -dx) points down the page.
    same = point_ring[:-1] == point_ring[1:]
    dx = turned[1:, 0] - turned[:-1, 0]
    dy = turned[1:, 1] - turned[:-1, 1]
    visible = np.flatnonzero(same & (-dx < 0))
    owner = ring_owner[point_ring[visible]]
    length = np.hypot(dy[visible], dx[visible])
    length[length == 0] = 1.0
    # Light from the left: walls turned left are lit, right ones shaded.
    shade = 0.08 + 0.14 * (1 + dy[visible] / length) / 2
    far = turned[visible, 1] + turned[visible + 1, 1]
    order = np.lexsort((-far, owner))
    visible, owner, shade = visible[order], owner[order], shade[order]
    base = np.array(
        [_channels(use_colour(_main_use(b.levels[b.basements]))) for b in buildings]
    ).reshape(-1, 3)
    colour = np.round(base[owner] * (1 - shade)[:, None]) / 255
    x0, y0 = px[visible], py[visible]
    x1, y1 = px[visible + 1], py[visible + 1]
    lift = lifts[owner]
    wall_ops = formatted_rows(
        _WALL, np.column_stack((colour, x0, y0, x1, y1, x1, y1 + lift, x0, y0 + lift))
    )
    # The walls are sorted by building: each building's are one slice.
    wall_ends = np.cumsum(np.bincount(owner, minlength=len(buildings))).tolist()
    # Roofs: every ring of the footprint lifted to the top, even-odd filled.
    roof_y = py + lifts[ring_owner[point_ring]]
    vertices = formatted_rows("%.2f %.2f", np.column_stack((px, roof_y)))
    starts = np.searchsorted(point_ring, np.arange(len(rings) + 1)).tolist()
    outline = f"{pdf_rgb('#3A3A3A')} RG {paper.line:.2f} w [] 0 d"
    ring_owner_list = ring_owner.tolist()
    roofs: list[list[str]] = [[] for _ in buildings]
    for r, who in enumerate(ring_owner_list):
        ring = vertices[starts[r] : starts[r + 1]]
        if len(ring) < 3:
            continue
        roofs[who].append(f"{ring[0]} m\n" + " l\n".join(ring[1:]) + " l\nh")
    # One string a building: its walls far first, then its roof.
    paths: dict[str, list[str]] = {}
    first = 0
    for who, building in enumerate(buildings):
        ops = wall_ops[first : wall_ends[who]]
        first = wall_ends[who]
        if roofs[who]:
            top = use_colour(_main_use(building.levels[-1]))
            roof = "#A8D08D" if building.roof == "green" else lighten(top, 0.25)
            ops.append(
                f"{pdf_rgb(roof)} rg\n{outline}\n" + "\n".join(roofs[who]) + "\nB*"
            )
        paths[building.id] = ["\n".join(ops)] if ops else []
    return paths


#: One wall of a block: its colour, then the quad, filled.
_WALL = "%.3f %.3f %.3f rg\n%.2f %.2f m\n%.2f %.2f l\n%.2f %.2f l\n%.2f %.2f l\nh\nf*"


def _channels(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _draw_building(
    batch: PathBatch, building: Building, paper: _Paper, uses: list[str]
) -> None:
    lift = HEIGHT_FACTOR * paper.k
    z = 0.0
    above = building.levels[building.basements :]
    cache: dict[int, _Walls] = {}
    for position, level in enumerate(above):
        polygon = level.polygon or building.footprint
        walls = cache.get(id(polygon))
        if walls is None:
            walls = cache[id(polygon)] = _walls(polygon, paper)
        shares = [(a.use, a.share) for a in level.uses]
        for use, _ in shares:
            if use not in uses:
                uses.append(use)
        for (x0, x1), (y0, y1), shade in zip(
            walls.xs.tolist(), walls.ys.tolist(), walls.shade.tolist(), strict=True
        ):
            bottom = z
            for n, (use, share) in enumerate(shares):
                top = bottom + level.height_m * share
                quad = [
                    (x0, y0 + bottom * lift),
                    (x1, y1 + bottom * lift),
                    (x1, y1 + top * lift),
                    (x0, y0 + top * lift),
                ]
                single = len(shares) == 1
                batch.polygon(
                    [quad],
                    fill=darken(use_colour(use), shade),
                    stroke="#4A4A4A" if single else None,
                    stroke_width=paper.line,
                )
                bottom = top
                if not single and n == len(shares) - 1:
                    batch.polygon(
                        [
                            [
                                (x0, y0 + z * lift),
                                (x1, y1 + z * lift),
                                (x1, y1 + top * lift),
                                (x0, y0 + top * lift),
                            ]
                        ],
                        fill=None,
                        stroke="#4A4A4A",
                        stroke_width=paper.line,
                    )
        z += level.height_m
        next_polygon = (
            above[position + 1].polygon or building.footprint
            if position + 1 < len(above)
            else None
        )
        if next_polygon is None or (
            next_polygon is not polygon and not next_polygon.equals(polygon)
        ):
            top_use = max(shares, key=lambda s: s[1])[0]
            roof = lighten(use_colour(top_use), 0.25)
            if building.roof == "green" and next_polygon is None:
                roof = "#A8D08D"
            rings = [
                list(zip(px.tolist(), (py + z * lift).tolist(), strict=True))
                for px, py in walls.rings
            ]
            batch.polygon(
                rings, fill=roof, stroke="#3A3A3A", stroke_width=paper.line * 1.4
            )


def massing_legend(uses: list[str], lang: str, width: float) -> Any:
    """The legend of the use colours shown in a massing or stacking drawing."""
    from mixplan.model import USES

    return swatch_legend(
        [("fill", use_colour(u), USES[u].label(lang)) for u in uses], width
    )
