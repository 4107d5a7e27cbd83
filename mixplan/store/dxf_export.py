"""A scenario as DXF for architects: footprints by use family, levels as attributes.

What a CAD user sees: the site boundary on ``MIXPLAN_SITE``; each footprint as a
closed LWPOLYLINE on the layer of its main use family (``MIXPLAN_HOUSING``,
``MIXPLAN_PRODUCTIVE``, ``MIXPLAN_TERTIARY``, ``MIXPLAN_SHARED``,
``MIXPLAN_NON_FLOOR_AREA``, ``MIXPLAN_UNASSIGNED``), holes as further closed
polylines on the same layer; on it, a ``MIXPLAN_BUILDING`` block reference whose
attributes (``ID``, ``NAME``, ``STOREYS``, ``HEIGHT_M``, ``GFA_M2``, ``USES``,
``LEVELS``) show in the properties palette and in attribute extraction, the
name and storeys visible as a label; and the same level detail, one string per
level, as XDATA (application ``MIXPLAN``) on the footprint. Ground cover goes on
``MIXPLAN_COVER_<TYPE>``. Units are metres, coordinates the project CRS.
"""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path
from typing import Any

from shapely.geometry import MultiPolygon, Polygon

from mixplan.model.errors import MixplanError
from mixplan.model.project import Building, Level, Project
from mixplan.store.atomic import write_with
from mixplan.store.progress import Progress, Span, nothing_reported

__all__ = ["BLOCK_NAME", "FAMILY_LAYERS", "write_dxf", "write_dxf_apart"]

BLOCK_NAME = "MIXPLAN_BUILDING"
APP_ID = "MIXPLAN"
SITE_LAYER = "MIXPLAN_SITE"
#: Layer of each use family and its AutoCAD colour index.
FAMILY_LAYERS: dict[str, tuple[str, int]] = {
    "housing": ("MIXPLAN_HOUSING", 2),
    "productive": ("MIXPLAN_PRODUCTIVE", 5),
    "tertiary": ("MIXPLAN_TERTIARY", 1),
    "shared": ("MIXPLAN_SHARED", 3),
    "non_floor_area": ("MIXPLAN_NON_FLOOR_AREA", 8),
    "unassigned": ("MIXPLAN_UNASSIGNED", 9),
}
_ATTRIBUTES = ("ID", "NAME", "STOREYS", "HEIGHT_M", "GFA_M2", "USES", "LEVELS")
_VISIBLE = {"NAME", "STOREYS"}
#: DXF strings (attribute values, XDATA) are safe up to 255 characters.
MAX_TEXT = 250


def _level_text(index: int, level: Level) -> str:
    uses = " ".join(f"{a.use}={a.share:.3g}" for a in level.uses)
    extra = ""
    if level.load_kn_m2 is not None:
        extra += f" load={level.load_kn_m2:g}kN/m2"
    if level.access is not None:
        extra += f" access={level.access}"
    return f"L{index}: h={level.height_m:g}m {uses}{extra}"


def _uses_text(building: Building) -> str:
    areas: dict[str, float] = defaultdict(float)
    for level in building.levels:
        for allocation in level.uses:
            areas[allocation.use] += building.level_area(level) * allocation.share
    total = math.fsum(areas.values()) or 1.0
    ranked = sorted(areas.items(), key=lambda kv: -kv[1])
    return ", ".join(f"{use} {area / total:.0%}" for use, area in ranked)


def _rings(geom: Polygon | MultiPolygon) -> list[list[tuple[float, float]]]:
    polygons = [geom] if isinstance(geom, Polygon) else list(geom.geoms)
    rings = []
    for polygon in polygons:
        rings.append(list(polygon.exterior.coords)[:-1])
        rings.extend(list(ring.coords)[:-1] for ring in polygon.interiors)
    return rings


def _make_block(doc: Any) -> None:
    block = doc.blocks.new(BLOCK_NAME)
    for row, tag in enumerate(_ATTRIBUTES):
        attdef = block.add_attdef(tag, (0, -1.5 * row), dxfattribs={"height": 1.0})
        attdef.is_invisible = tag not in _VISIBLE


def _add_building(msp: Any, building: Building) -> None:
    layer = FAMILY_LAYERS[building.dominant_family()][0]
    levels = [_level_text(index, lv) for index, lv in building.indexed_levels()]
    xdata = [(1000, f"id={building.id}"[:MAX_TEXT])]
    if building.origin:
        xdata.append((1000, f"origin={building.origin}"[:MAX_TEXT]))
    xdata.extend((1000, text[:MAX_TEXT]) for text in levels)
    rings = _rings(building.footprint)
    for n, ring in enumerate(rings):
        polyline = msp.add_lwpolyline(ring, close=True, dxfattribs={"layer": layer})
        polyline.set_xdata(
            APP_ID, xdata if n == 0 else [(1000, f"hole of {building.id}"[:MAX_TEXT])]
        )
    gross = math.fsum(building.level_area(lv) for lv in building.levels)
    values = {
        "ID": building.id,
        "NAME": building.name,
        "STOREYS": building.storeys_label,
        "HEIGHT_M": f"{building.height_m:.2f}",
        "GFA_M2": f"{gross:.1f}",
        "USES": _uses_text(building),
        "LEVELS": " | ".join(levels),
    }
    point = building.footprint.representative_point()
    insert = msp.add_blockref(
        BLOCK_NAME, (point.x, point.y), dxfattribs={"layer": layer}
    )
    insert.add_auto_attribs({k: v[:MAX_TEXT] for k, v in values.items()})


def write_dxf(
    project: Project,
    scenario: str,
    path: str | Path,
    progress: Progress = nothing_reported,
) -> None:
    """Write a scenario as a DXF (R2010, metres, project coordinates).

    Parameters
    ----------
    project
        The project.
    scenario
        Name of the scenario to write.
    path
        The ``.dxf`` to write, atomically (a failure leaves no half file).
    progress
        Told how far the writing has come (10,000 buildings take 10-15 s:
        half making the drawing's entities, half writing them).

    Raises
    ------
    MixplanError
        Unknown scenario, or the target cannot be written.
    """
    import ezdxf

    target = Path(path)
    chosen = project.scenario(scenario)
    doc = ezdxf.new("R2010", setup=False)
    doc.units = 6  # metres ($INSUNITS)
    doc.header["$MEASUREMENT"] = 1
    doc.appids.add(APP_ID)
    doc.layers.add(SITE_LAYER, color=7)
    for layer, colour in FAMILY_LAYERS.values():
        doc.layers.add(layer, color=colour)
    _make_block(doc)
    msp = doc.modelspace()
    if project.site is not None:
        for ring in _rings(project.site.boundary):
            msp.add_lwpolyline(ring, close=True, dxfattribs={"layer": SITE_LAYER})
    for cover in chosen.cover.values():
        layer = f"MIXPLAN_COVER_{cover.cover.upper()}"
        if layer not in doc.layers:
            doc.layers.add(layer, color=3 if cover.cover == "open_soil" else 8)
        for ring in _rings(cover.geometry):
            polyline = msp.add_lwpolyline(ring, close=True, dxfattribs={"layer": layer})
            polyline.set_xdata(APP_ID, [(1000, f"cover={cover.id}"[:MAX_TEXT])])
    for building in Span(progress, 0.0, 0.5).rows(list(chosen.buildings.values())):
        _add_building(msp, building)
    try:
        write_with(target, lambda tmp: doc.saveas(tmp))
        progress(1.0)
    except OSError as exc:
        raise MixplanError(f"cannot write: {exc.strerror or exc}", target) from None


def write_dxf_apart(
    project: Project,
    scenario: str,
    path: str | Path,
    progress: Progress = nothing_reported,
) -> None:
    """:func:`write_dxf` in a child process (the same file), for the editor.

    ezdxf's drawing of 10,000 buildings is 10^5 objects referring to each
    other: in a thread, the collector's full passes over them held the GIL
    0.15-0.3 s several times per export, and the window froze as long. The
    child inherits the project when forked (Linux) or gets it pickled; its
    progress and its error come back; it has no time or memory limit.
    """
    from mixplan.store.sandbox import run_apart

    target = Path(path)
    run_apart(
        write_dxf,
        project,
        scenario,
        target,
        source=target,
        what="the DXF",
        progress=progress,
        doing="write",
        preload=("ezdxf",),
    )
