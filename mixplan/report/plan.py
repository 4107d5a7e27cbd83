"""The site plan, to scale: ground cover, buildings by use family, labels.

The plan is drawn at a round scale (1:500, 1:1 000, 1:2 000, 1:2 500 …) chosen so
the site fits the frame, so a council member can measure it with a ruler; a
scale bar in metres and a north arrow (grid north of the projected CRS) sit in
its corners. Labels (name and R+n) are placed largest building first and skipped
when they would collide or the building is too small on paper to carry one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from mixplan.model import Building, Project, Scenario
from mixplan.model.families import dominant_families
from mixplan.report.drawkit import (
    PathBatch,
    PlacedImage,
    draw_text,
    fit_text,
    new_drawing,
    ring_paths,
    swatch_legend,
    vector_drawing,
)
from mixplan.report.fonts import string_width
from mixplan.report.labels import building_label, short_id
from mixplan.report.palette import (
    BASELINE_OUTLINE_COLOUR,
    BOUNDARY_COLOUR,
    OUTLINE_COLOUR,
    SEVERITY_COLOURS,
    cover_colour,
    family_colour,
)
from mixplan.report.texts import text

__all__ = ["PlanDrawing", "line_scale", "nice_scale", "scale_bar_length", "site_plan"]

#: Points per metre of paper: 72 pt per inch, 25.4 mm per inch.
POINTS_PER_METRE = 72_000 / 25.4
LABEL_SIZE = 6.5
MAX_LABELS = 160


@dataclass
class PlanDrawing:
    """A drawn plan and what it shows."""

    drawing: Any
    scale: int | None
    labels_shown: int
    buildings: int
    families: list[str]
    covers: list[str]


def nice_scale(minimum: float) -> int:
    """The smallest round scale denominator ≥ ``minimum``.

    Round scales are 1, 1.25, 1.5, 2, 2.5, 3, 4, 5 and 7.5 × 10ⁿ: the usual
    1:500, 1:1 000, 1:2 000, 1:2 500, 1:5 000 and the steps between them, so a
    plan never shrinks to half the page for want of a scale.

    Examples
    --------
    >>> nice_scale(1830.0)
    2000
    >>> nice_scale(2001.0)
    2500
    >>> nice_scale(3200.0)
    4000
    """
    exponent = 10 ** max(0, math.floor(math.log10(max(minimum, 1.0))))
    for base in (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10):
        if base * exponent >= minimum:
            return int(base * exponent)
    return int(10 * exponent)  # pragma: no cover - the loop always returns


def scale_bar_length(metres_available: float) -> float:
    """The longest round length (1, 2, 5 × 10ⁿ m) not above ``metres_available``.

    Examples
    --------
    >>> scale_bar_length(73.0)
    50.0
    """
    exponent = 10.0 ** math.floor(math.log10(max(metres_available, 1e-9)))
    for base in (5, 2, 1):
        if base * exponent <= metres_available:
            return float(base * exponent)
    return float(exponent)


def _rings(geom: BaseGeometry) -> list[list[tuple[float, float]]]:
    polygons = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
    rings: list[list[tuple[float, float]]] = []
    for polygon in polygons:
        if not isinstance(polygon, Polygon) or polygon.is_empty:
            continue
        rings.append(list(polygon.exterior.coords))
        rings.extend(list(ring.coords) for ring in polygon.interiors)
    return rings


class _Frame:
    """Plan metres → drawing points at one scale."""

    def __init__(
        self,
        bounds: tuple[float, float, float, float],
        scale: int,
        origin: tuple[float, float],
    ) -> None:
        self.minx, self.miny = bounds[0], bounds[1]
        self.k = POINTS_PER_METRE / scale
        self.ox, self.oy = origin

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (self.ox + (x - self.minx) * self.k, self.oy + (y - self.miny) * self.k)

    def rings(self, geom: BaseGeometry) -> list[list[tuple[float, float]]]:
        return [[self.point(x, y) for x, y in ring] for ring in _rings(geom)]

    def paths(self, geoms: Sequence[BaseGeometry]) -> list[str]:
        """Each geometry's rings on paper, as PDF subpaths (in bulk)."""
        return ring_paths(geoms, (self.ox, self.oy), (self.minx, self.miny), self.k)


@dataclass(frozen=True)
class BaseMap:
    """An image under the plan: file, corners in the project CRS, opacity.

    Corners run upper-left, upper-right, lower-right, lower-left.
    """

    path: str
    corners: tuple[tuple[float, float], ...]
    opacity: float = 1.0


def _placed(basemap: BaseMap, frame: _Frame) -> PlacedImage:
    """The PDF matrix that lays the image's unit square on its corners.

    Three corners fix an affine map (the fourth follows): exact for an image in
    the project's CRS, within a fraction of a point at plan scale for one
    reprojected from another.
    """
    ulx, uly = frame.point(*basemap.corners[0])
    lrx, lry = frame.point(*basemap.corners[2])
    llx, lly = frame.point(*basemap.corners[3])
    return PlacedImage(
        basemap.path,
        (lrx - llx, lry - lly, ulx - llx, uly - lly, llx, lly),
        basemap.opacity,
    )


def _extent(
    project: Project, scenario: Scenario, baseline: Scenario | None
) -> tuple[float, float, float, float] | None:
    geoms: list[BaseGeometry] = [b.footprint for b in scenario.buildings.values()]
    geoms += [c.geometry for c in scenario.cover.values()]
    if baseline is not None:
        geoms += [b.footprint for b in baseline.buildings.values()]
    if project.site is not None:
        geoms.append(project.site.boundary)
    if not geoms:
        return None
    bounds = shapely.total_bounds(geoms)
    return (float(bounds[0]), float(bounds[1]), float(bounds[2]), float(bounds[3]))


def line_scale(footprints: Sequence[BaseGeometry], k: float) -> float:
    """How much the plan's outlines thin out for buildings small on paper.

    Outlines are drawn at full width (1.2 pt for an error, 0.35 pt otherwise)
    while the median building is at least 12 pt across on paper; below, in
    proportion, down to a quarter, so that the outlines of a dense park at
    1:20 000 (buildings of 2–4 pt) do not hide the colours of their uses.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> line_scale([box(0, 0, 20, 10)], 1.0), line_scale([box(0, 0, 6, 3)], 1.0)
    (1.0, 0.5)
    >>> line_scale([box(0, 0, 20, 10)], 0.1)
    0.25
    """
    if not footprints:
        return 1.0
    bounds = shapely.bounds(np.asarray(footprints, dtype=object))
    across = np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])
    return float(min(1.0, max(0.25, float(np.median(across)) * k / 12.0)))


def _label_point(building: Building) -> tuple[float, float]:
    footprint = building.footprint
    if len(footprint.exterior.coords) <= 5 and not footprint.interiors:
        c = footprint.centroid
        if footprint.contains(c):
            return (c.x, c.y)
    p = footprint.representative_point()
    return (p.x, p.y)


def _boxes_overlap(
    a: tuple[float, float, float, float], b: tuple[float, float, float, float]
) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def site_plan(
    project: Project,
    scenario: Scenario,
    lang: str,
    width: float,
    max_height: float,
    *,
    baseline: Scenario | None = None,
    error_ids: frozenset[str] = frozenset(),
    label_by: str = "name",
    basemaps: Sequence[BaseMap] = (),
) -> PlanDrawing:
    """Draw ``scenario`` to scale in a frame ``width`` × at most ``max_height`` pt.

    Parameters
    ----------
    project
        The project (site boundary).
    scenario
        The scenario drawn.
    lang
        Language of the scale bar and north arrow.
    width, max_height
        The frame in points; the drawing is as tall as the plan needs.
    baseline
        When given, its footprints are drawn as faint dashed outlines.
    error_ids
        Buildings outlined in red (they carry an error finding).
    label_by
        ``"name"`` or ``"id"``: what labels the buildings.
    basemaps
        Georeferenced images drawn under the plan (clipped to its frame).

    Returns
    -------
    PlanDrawing
        The drawing with its scale denominator and the labels placed.
    """
    from reportlab.graphics.shapes import Group, Line, Rect
    from reportlab.graphics.shapes import Polygon as RLPolygon
    from reportlab.lib.colors import HexColor, white

    margin = 14.0
    extent = _extent(project, scenario, baseline)
    if extent is None:
        drawing = new_drawing(width, 40)
        draw_text(
            drawing, width / 2, 16, text(lang, "empty_scenario"), 9, anchor="middle"
        )
        return PlanDrawing(drawing, None, 0, 0, [], [])
    span_x = max(extent[2] - extent[0], 1.0)
    span_y = max(extent[3] - extent[1], 1.0)
    usable_w, usable_h = width - 2 * margin, max_height - 2 * margin - 18
    scale = nice_scale(
        max(span_x * POINTS_PER_METRE / usable_w, span_y * POINTS_PER_METRE / usable_h)
    )
    k = POINTS_PER_METRE / scale
    height = span_y * k + 2 * margin + 18
    origin = ((width - span_x * k) / 2, margin + 18)
    frame = _Frame(extent, scale, origin)

    batch = PathBatch()
    overlay = new_drawing(width, height)
    group = Group()
    overlay.add(group)
    background = PathBatch() if basemaps else batch
    background.rect(0, 0, width, height, fill="#FBFBF8", stroke="#BBBBBB")
    images = [_placed(basemap, frame) for basemap in basemaps]
    covers: list[str] = []
    cover_paths = frame.paths([c.geometry for c in scenario.cover.values()])
    for cover, subpaths in zip(scenario.cover.values(), cover_paths, strict=True):
        batch.path(subpaths, fill=cover_colour(cover.cover))
        if cover.cover not in covers:
            covers.append(cover.cover)
    buildings = list(scenario.buildings.values())
    thin = line_scale([b.footprint for b in buildings], k)
    if baseline is not None:
        # One path of every baseline outline: they share their dashed stroke.
        outlines = frame.paths([b.footprint for b in baseline.buildings.values()])
        batch.path(
            "\n".join(filter(None, outlines)),
            fill=None,
            stroke=BASELINE_OUTLINE_COLOUR,
            stroke_width=0.6 * thin,
            dash=(2.5 * thin, 1.5 * thin),
        )
    families: list[str] = []
    footprints = frame.paths([b.footprint for b in buildings])
    for building, subpaths, family in zip(
        buildings, footprints, dominant_families(buildings), strict=True
    ):
        if family not in families:
            families.append(family)
        in_error = building.id in error_ids
        batch.path(
            subpaths,
            fill=family_colour(family),
            stroke=SEVERITY_COLOURS["error"] if in_error else OUTLINE_COLOUR,
            stroke_width=(1.2 if in_error else 0.35) * thin,
        )
    if project.site is not None:
        batch.polygon(
            frame.rings(project.site.boundary),
            fill=None,
            stroke=BOUNDARY_COLOUR,
            stroke_width=1.1,
            dash=(6, 2, 1.5, 2),
        )

    labels = _place_labels(group, scenario, frame, label_by)

    # Scale bar, bottom left: alternating black and white quarters.
    bar_m = scale_bar_length((width * 0.28) / k)
    bar_w = bar_m * k
    x0, y0 = margin, 9.0
    for i in range(4):
        group.add(
            Rect(
                x0 + i * bar_w / 4,
                y0,
                bar_w / 4,
                3.5,
                fillColor=HexColor("#222222") if i % 2 == 0 else white,
                strokeColor=HexColor("#222222"),
                strokeWidth=0.4,
            )
        )
    from mixplan.report.typography import format_number

    for fraction in (0.0, 0.5, 1.0):
        label = format_number(bar_m * fraction, lang, 0 if bar_m >= 2 else 1)
        if fraction == 1.0:
            label += "\u00a0" + text(lang, "scale_bar_unit")
        draw_text(
            group,
            x0 + bar_w * fraction,
            y0 + 5.5,
            label,
            6.5,
            anchor="middle" if fraction < 1.0 else "start",
        )
    draw_text(group, x0 + bar_w + 30, y0 + 0.5, f"1:{format_number(scale, lang)}", 6.5)

    # North arrow, top right (grid north of the projected CRS).
    nx, ny = width - margin - 6, height - margin - 22
    group.add(
        RLPolygon(
            [nx - 5, ny, nx, ny + 16, nx, ny + 4],
            fillColor=HexColor("#222222"),
            strokeColor=None,
        )
    )
    group.add(
        RLPolygon(
            [nx + 5, ny, nx, ny + 16, nx, ny + 4],
            fillColor=white,
            strokeColor=HexColor("#222222"),
            strokeWidth=0.5,
        )
    )
    group.add(
        Line(nx, ny + 4, nx, ny + 16, strokeColor=HexColor("#222222"), strokeWidth=0.5)
    )
    draw_text(
        group,
        nx,
        ny + 18,
        text(lang, "north"),
        8,
        anchor="middle",
        font="DejaVuSans-Bold",
    )
    drawing = vector_drawing(
        width,
        height,
        batch,
        overlay,
        background=background if basemaps else None,
        images=images,
    )
    return PlanDrawing(
        drawing, scale, labels, len(scenario.buildings), families, covers
    )


def _place_labels(
    group: Any, scenario: Scenario, frame: _Frame, label_by: str = "name"
) -> int:
    from reportlab.graphics.shapes import Rect
    from reportlab.lib.colors import white

    size = LABEL_SIZE
    line = size * 1.15
    placed: list[tuple[float, float, float, float]] = []
    buildings = sorted(
        scenario.buildings.values(), key=lambda b: b.footprint.area, reverse=True
    )
    min_paper_area = 90.0  # pt², about 3 × 3 mm: smaller buildings stay unlabelled
    for building in buildings:
        if len(placed) >= MAX_LABELS:
            break
        paper_area = building.footprint.area * frame.k * frame.k
        if paper_area < min_paper_area:
            break  # sorted by area: every later one is smaller still
        shown = short_id(building.id) if label_by == "id" else building_label(building)
        name = fit_text(shown, size, 80.0)
        storeys = building.storeys_label
        text_w = max(string_width(name, size), string_width(storeys, size))
        x, y = frame.point(*_label_point(building))
        box = (x - text_w / 2 - 1.5, y - line - 1.0, x + text_w / 2 + 1.5, y + line)
        if any(_boxes_overlap(box, other) for other in placed):
            continue
        placed.append(box)
        group.add(
            Rect(
                box[0],
                box[1],
                box[2] - box[0],
                box[3] - box[1],
                fillColor=white,
                fillOpacity=0.72,
                strokeColor=None,
                rx=1.5,
                ry=1.5,
            )
        )
        draw_text(group, x, y + 0.15 * size, name, size, anchor="middle")
        draw_text(
            group,
            x,
            y - line + 0.15 * size,
            storeys,
            size * 0.92,
            anchor="middle",
            colour="#444444",
        )
    return len(placed)


def plan_legend(
    plan: PlanDrawing,
    lang: str,
    width: float,
    *,
    with_baseline: bool,
    with_errors: bool,
) -> Any:
    """The legend under a plan: families, ground covers and lines shown."""
    entries = [
        ("fill", family_colour(f), text(lang, f"family.{f}")) for f in plan.families
    ]
    entries += [
        ("fill", cover_colour(c), text(lang, f"cover.{c}")) for c in plan.covers
    ]
    entries.append(("dash", BOUNDARY_COLOUR, text(lang, "site_boundary")))
    if with_baseline:
        entries.append(
            ("dash", BASELINE_OUTLINE_COLOUR, text(lang, "baseline_outline"))
        )
    if with_errors:
        entries.append(
            ("outline", SEVERITY_COLOURS["error"], text(lang, "error_outline"))
        )
    return swatch_legend(entries, width)
