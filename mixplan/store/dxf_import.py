"""DXF floor plans to buildings (ezdxf): units, closed outlines, rooms as uses.

``--layer-map "Floor=outline,Offices=office,Supermarket=retail"`` says what the
layers mean. With an outline layer, each outline is a building and the rooms on
the mapped layers give its level's allocations as shares of the outline's area
(overlaps counted once, for the first use in the map); the rest is
``unassigned``. Without one, each closed outline on a mapped layer is a building
of that use. Closed LWPOLYLINE/POLYLINE (bulges approximated within 1 cm) and
HATCH boundaries are read; blocks are exploded with their transforms; everything
else (open polylines, lines, arcs, circles, text, dimensions…) is counted and
skipped. A plan in local coordinates is placed with ``--origin``/``--rotation``
(default: its centre on the site's centre) and the report says so.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely
from shapely import affinity
from shapely.geometry import MultiPolygon, Polygon

from mixplan.model.errors import MixplanError
from mixplan.model.project import Building, Level
from mixplan.model.uses import USES
from mixplan.store.errors import one_line
from mixplan.store.field_mapping import storey_height_m
from mixplan.store.import_layer import BuildingRecord
from mixplan.store.import_report import ImportReport
from mixplan.store.repair import polygon_parts, repair_areal
from mixplan.store.sandbox import run_bounded

if TYPE_CHECKING:
    from mixplan.model.project import Project, Site
    from mixplan.store.importing import ImportOptions

__all__ = ["INSUNITS_M", "expanded_entities", "parse_layer_map", "read_dxf_buildings"]

#: ``$INSUNITS`` code → metres per drawing unit.
INSUNITS_M: dict[int, float] = {
    1: 0.0254,  # inches
    2: 0.3048,  # feet
    3: 1609.344,  # miles
    4: 0.001,  # millimetres
    5: 0.01,  # centimetres
    6: 1.0,  # metres
    7: 1000.0,  # kilometres
    10: 0.9144,  # yards
    14: 0.1,  # decimetres
}
_UNIT_NAMES = {
    1: "inches",
    2: "feet",
    3: "miles",
    4: "millimetres",
    5: "centimetres",
    6: "metres",
    7: "kilometres",
    10: "yards",
    14: "decimetres",
}
OUTLINE = "outline"
#: Chord error allowed when approximating bulges and arcs of boundaries (m).
FLATTENING_M = 0.01
MAX_BLOCK_DEPTH = 8
MAX_ENTITIES = 500_000


def parse_layer_map(text: str | None) -> dict[str, str]:
    """``"Layer=use|outline,…"`` → ``{layer (case-folded): use or "outline"}``.

    Examples
    --------
    >>> parse_layer_map("Floor=outline, Meeting rooms=shared_services")
    {'floor': 'outline', 'meeting rooms': 'shared_services'}
    """
    mapping: dict[str, str] = {}
    for item in (text or "").split(","):
        if not item.strip():
            continue
        layer, sep, target = item.rpartition("=")
        target = target.strip()
        if not sep or not layer.strip():
            raise MixplanError(f"--layer-map: {item.strip()!r} is not Layer=use")
        if target != OUTLINE and target not in USES:
            raise MixplanError(
                f"--layer-map: {target!r} is neither 'outline' nor a use; valid "
                f"uses: {', '.join(USES)}"
            )
        mapping[layer.strip().casefold()] = target
    return mapping


@dataclass
class _Shapes:
    """Polygons found on the mapped layers, in drawing units, and what was skipped."""

    by_layer: dict[str, list[Polygon]] = field(default_factory=dict)
    closed_by_layer: dict[str, int] = field(default_factory=dict)
    layers: set[str] = field(default_factory=set)
    read: int = 0


def _open(source: Path, options: ImportOptions) -> Any:
    import ezdxf

    if not source.is_file():
        raise MixplanError("no such file", source)
    size = source.stat().st_size
    if size == 0:
        raise MixplanError("file is empty", source)
    if size > options.caps.max_file_bytes:
        from mixplan.store.vector import human_size

        raise MixplanError(
            f"file is {human_size(size)}, over the import cap of "
            f"{human_size(options.caps.max_file_bytes)}",
            source,
        )
    try:
        return ezdxf.readfile(source)
    except ezdxf.DXFStructureError as exc:
        text = " ".join(str(exc).split())  # ezdxf quotes the raw line, newline and all
        raise MixplanError(f"not a readable DXF file ({text})", source) from None
    except (OSError, UnicodeDecodeError, ValueError, EOFError) as exc:
        text = " ".join(str(exc).split())
        raise MixplanError(f"not a readable DXF file ({text})", source) from None


def _entities(layout: Any, depth: int = 0, layer: str | None = None) -> Iterator[Any]:
    for entity in layout:
        if entity.dxftype() == "INSERT" and depth < MAX_BLOCK_DEPTH:
            insert_layer = entity.dxf.layer
            try:
                # A MINSERT (rows × columns) is one INSERT per cell.
                inserts = list(entity.multi_insert()) if entity.mcount > 1 else [entity]
                children = [c for i in inserts for c in i.virtual_entities()]
            except Exception:  # noqa: BLE001 - a broken block is skipped, not fatal
                yield entity
                continue
            yield from _entities(children, depth + 1, insert_layer)
            continue
        if (
            layer is not None
            and entity.dxf.hasattr("layer")
            and (entity.dxf.layer == "0")
        ):
            # Entities on layer 0 in a block take the layer of the INSERT.
            entity.dxf.layer = layer
        yield entity


def expanded_entities(doc: Any, cap: int = MAX_ENTITIES) -> int:
    """How many entities the model space expands to, counted without expanding.

    Blocks, nested inserts and MINSERT arrays are counted through. Stops
    counting past ``cap`` (returns a number above it): a MINSERT of 30000 × 30000
    cells or blocks nested 20-way on 7 levels would otherwise be expanded to
    billions of entities before the cap was reached.
    """
    memo: dict[str, int] = {}

    def block_size(name: str, depth: int, visiting: frozenset[str]) -> int:
        if name in memo:
            return memo[name]
        block = doc.blocks.get(name)
        if block is None or name in visiting:
            return 1
        size = layout_size(block, depth, visiting | {name})
        memo[name] = size
        return size

    def layout_size(layout: Any, depth: int, visiting: frozenset[str]) -> int:
        total = 0
        for entity in layout:
            if entity.dxftype() == "INSERT" and depth < MAX_BLOCK_DEPTH:
                cells = max(1, int(entity.dxf.get("row_count", 1) or 1)) * max(
                    1, int(entity.dxf.get("column_count", 1) or 1)
                )
                total += cells * block_size(entity.dxf.name, depth + 1, visiting)
            else:
                total += 1
            if total > cap:
                return total
        return total

    return layout_size(doc.modelspace(), 0, frozenset())


def _points(path: Any, distance: float) -> list[tuple[float, float]]:
    return [(v.x, v.y) for v in path.flattening(distance)]


def _polygon_of(
    entity: Any, distance: float
) -> tuple[Polygon | MultiPolygon | None, str | None]:
    """A closed outline as a polygon, or ``None`` and why it is skipped."""
    from ezdxf import path as dxf_path

    kind = entity.dxftype()
    if kind in ("LWPOLYLINE", "POLYLINE"):
        if kind == "POLYLINE" and (entity.is_poly_face_mesh or entity.is_polygon_mesh):
            return None, "polyface or polygon mesh"
        path = dxf_path.make_path(entity)
        points = _points(path, distance)
        closed = bool(
            getattr(entity, "closed", False) or getattr(entity, "is_closed", False)
        )
        if not closed and not (len(points) > 3 and points[0] == points[-1]):
            return None, "open polyline"
        if len(points) < 3:
            return None, "closed polyline with fewer than 3 vertices"
        return Polygon(points), None
    if kind == "HATCH":
        rings = [Polygon(_points(p, distance)) for p in dxf_path.from_hatch(entity)]
        rings = [r for r in rings if len(r.exterior.coords) >= 4]
        if not rings:
            return None, "hatch without boundary"
        area = shapely.make_valid(rings[0])
        for ring in rings[1:]:
            # Boundaries alternate filled / hole (the hatch's odd-parity rule).
            area = area.symmetric_difference(shapely.make_valid(ring))
        parts = polygon_parts(area)
        if not parts:
            return None, "hatch without area"
        return (parts[0] if len(parts) == 1 else MultiPolygon(parts)), None
    return None, f"{kind} (not a closed polyline or hatch)"


def _collect(
    doc: Any, layer_map: dict[str, str], unit: float, report: ImportReport
) -> _Shapes:
    shapes = _Shapes()
    distance = FLATTENING_M / unit
    expanded = expanded_entities(doc)
    if expanded > MAX_ENTITIES:
        raise MixplanError(
            f"the plan expands to more than {MAX_ENTITIES:,} entities through its "
            "blocks and arrays (MINSERT, nested inserts); the cap is "
            f"{MAX_ENTITIES:,}"
        )
    for entity in _entities(doc.modelspace()):
        shapes.read += 1
        if shapes.read > MAX_ENTITIES:
            raise MixplanError(f"more than {MAX_ENTITIES:,} entities (size cap)")
        layer = str(entity.dxf.layer) if entity.dxf.hasattr("layer") else "0"
        key = layer.casefold()
        shapes.layers.add(layer)
        label = f"{entity.dxftype()} on {layer}"
        try:
            polygon, reason = _polygon_of(entity, distance)
        except Exception as exc:  # noqa: BLE001 - a broken entity is skipped
            polygon, reason = None, f"unreadable geometry ({one_line(exc)})"
        if polygon is not None:
            shapes.closed_by_layer[layer] = shapes.closed_by_layer.get(layer, 0) + 1
        if key not in layer_map:
            report.skipped(label, "on a layer not in --layer-map")
            continue
        if polygon is None:
            report.skipped(label, reason or "unreadable")
            continue
        shapes.by_layer.setdefault(key, []).append(polygon)
    return shapes


def _placement(
    site: Site | None,
    options: ImportOptions,
    polygons: list[Polygon],
    unit: float,
    report: ImportReport,
) -> tuple[float, float]:
    """Translation applied after rotation about the plan's origin."""
    report.georeferenced = False
    rotation = options.rotation
    if options.origin is not None:
        x, y = options.origin
        report.placement = (
            f"plan origin placed at {x:,.2f}, {y:,.2f}, rotated "
            f"{rotation:g}°; placed, not georeferenced"
        )
        return x, y
    if site is None:
        raise MixplanError(
            "the plan has no georeference and the project no site: place it with "
            "--origin X,Y (and --rotation DEG)"
        )
    centre = site.boundary.centroid
    envelope = affinity.scale(
        shapely.union_all(polygons).envelope, unit, unit, origin=(0, 0)
    )
    rotated = affinity.rotate(envelope, rotation, origin=(0, 0))
    plan_centre = rotated.centroid
    dx, dy = centre.x - plan_centre.x, centre.y - plan_centre.y
    report.placement = (
        f"plan centred on the site's centre ({centre.x:,.2f}, "
        f"{centre.y:,.2f}), rotated {rotation:g}°; placed, not "
        "georeferenced"
    )
    return dx, dy


def _place(
    polygon: Polygon, unit: float, rotation: float, shift: tuple[float, float]
) -> Polygon:
    scaled = affinity.scale(polygon, unit, unit, origin=(0, 0))
    turned = affinity.rotate(scaled, rotation, origin=(0, 0)) if rotation else scaled
    return affinity.translate(turned, *shift)


def _shares(areas: dict[str, float], total: float) -> dict[str, float]:
    """Shares of ``total`` by use, the rest ``unassigned``, summing to exactly 1."""
    shares = {u: a / total for u, a in areas.items() if a > total * 1e-6}
    used = math.fsum(shares.values())
    if used > 1:
        shares = {u: s / used for u, s in shares.items()}
    rest = 1.0 - math.fsum(shares.values())
    if rest > 1e-6:
        shares["unassigned"] = shares.get("unassigned", 0.0) + rest
    largest = max(shares, key=lambda u: shares[u])
    shares[largest] += 1.0 - math.fsum(shares.values())
    return shares


@dataclass
class _Plan:
    """What the child process read from a DXF (see :func:`_read_plan`)."""

    units: int
    shapes: _Shapes
    layers: set[str]
    report: ImportReport


def _read_plan(
    source: Path,
    options: ImportOptions,
    layer_map: dict[str, str],
    report: ImportReport,
) -> _Plan:
    """Read a plan's units, layers and closed outlines (runs in a child process)."""
    doc = _open(source, options)
    code = int(doc.header.get("$INSUNITS", 0) or 0)
    unit = INSUNITS_M.get(code)
    if unit is None:
        unit = 1.0
        report.warnings.append("the DXF states no units ($INSUNITS): metres assumed")
        report.source_units = "unitless (metres assumed)"
    else:
        report.source_units = f"{_UNIT_NAMES[code]} → metre"
    shapes = _collect(doc, layer_map, unit, report)
    layers = {str(layer.dxf.name) for layer in doc.layers}
    return _Plan(code, shapes, layers, report)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "plan"


def read_dxf_buildings(
    project: Project, source: Path, options: ImportOptions, report: ImportReport
) -> list[BuildingRecord]:
    """Buildings from a DXF plan (see the module docstring for the rules).

    Raises
    ------
    MixplanError
        Unreadable file, missing or wrong ``--layer-map``, no closed outline on
        the mapped layers, no way to place a local plan.
    """
    report.format = "DXF"
    report.preset = "dxf"
    report.kind = "buildings"
    if options.kind not in (None, "buildings"):
        raise MixplanError("a DXF plan imports as buildings only", source)
    gis_only = [
        name
        for name, value in (
            ("--where", options.where),
            ("--layer", options.layer),
            ("--height-field", options.height_field),
            ("--levels-field", options.levels_field),
            ("--use-field", options.use_field),
            ("--crs", options.crs),
        )
        if value
    ]
    if gis_only:
        raise MixplanError(
            f"{gis_only[0]} is for GIS layers; a DXF plan is mapped with --layer-map",
            source,
        )
    layer_map = parse_layer_map(options.layer_map)
    # ezdxf parses and flattens in loops no one can interrupt: in a child process
    # with a time and memory limit, a hostile plan costs seconds. The buildings
    # are made there too: placing and repairing 10,000 outlines was 0.5 s of
    # Python in the editor's import thread, competing with the window; what
    # comes back (the buildings, the report) unpickles in a tenth of that.
    records, filled = run_bounded(
        _read_records,
        project.site,
        source,
        options,
        layer_map,
        report,
        source=source,
        preload=("ezdxf", "ezdxf.path"),
    )
    report.take(filled)
    return records


def _read_records(
    site: Site | None,
    source: Path,
    options: ImportOptions,
    layer_map: dict[str, str],
    report: ImportReport,
) -> tuple[list[BuildingRecord], ImportReport]:
    """:func:`read_dxf_buildings`'s buildings and report (in the child process)."""
    plan = _read_plan(source, options, layer_map, report)
    code, shapes = plan.units, plan.shapes
    unit = INSUNITS_M.get(code, 1.0)
    report.features_read = shapes.read
    if not layer_map:
        listing = (
            ", ".join(
                f"{name} ({n})"
                for name, n in sorted(
                    shapes.closed_by_layer.items(), key=lambda kv: -kv[1]
                )
            )
            or "none"
        )
        raise MixplanError(
            'say what the layers are with --layer-map "Floor=outline,Offices=office'
            f',…"; layers with closed outlines: {listing}',
            source,
        )
    # DXF allows entities on layers missing from the layer table.
    known = plan.layers | shapes.layers
    unknown = [name for name in layer_map if name not in {k.casefold() for k in known}]
    if unknown:
        raise MixplanError(
            f"--layer-map: no layer {unknown[0]!r} in the plan; layers: "
            + ", ".join(sorted(known)),
            source,
        )
    raw = [p for polygons in shapes.by_layer.values() for p in polygons]
    if not raw:
        unreadable = [r for r in report.skips if r.startswith("unreadable")]
        why = f"; skipped: {unreadable[0]}" if unreadable else ""
        raise MixplanError(
            "no closed outline on the mapped layers (open polylines, arcs and "
            f"text are not outlines){why}",
            source,
        )
    shift = _placement(site, options, raw, unit, report)
    placed: dict[str, list[Polygon]] = {}
    for key, polygons in shapes.by_layer.items():
        for n, polygon in enumerate(polygons, start=1):
            outcome = repair_areal(_place(polygon, unit, options.rotation, shift))
            label = f"{key} #{n}"
            for repair in outcome.repairs:
                report.repaired(label, repair)
            if outcome.skip_reason:
                report.skipped(label, outcome.skip_reason)
            placed.setdefault(key, []).extend(outcome.parts)
    stem = _slug(source.stem)
    outline_layers = [k for k, v in layer_map.items() if v == OUTLINE]
    if outline_layers:
        records = _plan_with_outline(placed, layer_map, outline_layers, stem, report)
    else:
        records = _rooms_as_buildings(placed, layer_map, stem)
    return records, report


def _plan_with_outline(
    placed: dict[str, list[Polygon]],
    layer_map: dict[str, str],
    outline_layers: list[str],
    stem: str,
    report: ImportReport,
) -> list[BuildingRecord]:
    outlines = [p for k in outline_layers for p in placed.get(k, [])]
    if not outlines:
        raise MixplanError(
            f"no closed outline on the outline layer {outline_layers[0]!r}"
        )
    footprints = polygon_parts(shapely.union_all(outlines))
    rooms_by_use: dict[str, list[Polygon]] = {}
    for key, target in layer_map.items():
        if target != OUTLINE:
            rooms_by_use.setdefault(target, []).extend(placed.get(key, []))
    records = []
    overlap_total = 0.0
    outside = 0
    for n, footprint in enumerate(footprints, start=1):
        covered: Any = Polygon()
        areas: dict[str, float] = {}
        for use, rooms in rooms_by_use.items():
            if not rooms:
                continue
            union = shapely.union_all(rooms)
            inside = union.intersection(footprint)
            new = inside.difference(covered)
            overlap_total += inside.area - new.area
            if new.area > 0:
                areas[use] = areas.get(use, 0.0) + new.area
                covered = covered.union(new)
        shares = _shares(areas, footprint.area)
        assigned = {u: s for u, s in shares.items() if u != "unassigned"}
        main = max(assigned or shares, key=lambda u: shares[u])
        level = Level.of(storey_height_m(main), shares)
        report.notes.append(
            f"footprint {n} ({footprint.area:,.0f} m²): "
            + ", ".join(f"{use} {share:.0%}" for use, share in shares.items())
        )
        building_id = stem if len(footprints) == 1 else f"{stem}-{n}"
        records.append(
            BuildingRecord(
                Building(building_id, building_id, footprint, (level,)),
                "one storey (a plan is one level)",
                "layer map",
            )
        )
    all_rooms = [r for rooms in rooms_by_use.values() for r in rooms]
    if all_rooms:
        whole = shapely.union_all(footprints)
        outside = sum(1 for r in all_rooms if not r.intersects(whole))
    if overlap_total > 0.01:
        report.notes.append(
            f"{overlap_total:,.1f} m² of rooms overlap another use: "
            "counted once, for the use listed first"
        )
    if outside:
        report.notes.append(
            f"{outside} room outlines lie outside the outline: not counted"
        )
    return records


def _rooms_as_buildings(
    placed: dict[str, list[Polygon]], layer_map: dict[str, str], stem: str
) -> list[BuildingRecord]:
    records = []
    n = 0
    for key, polygons in placed.items():
        use = layer_map[key]
        for polygon in polygons:
            n += 1
            building_id = f"{stem}-{n}"
            level = Level.of(storey_height_m(use), use)
            records.append(
                BuildingRecord(
                    Building(building_id, f"{key} {n}", polygon, (level,)),
                    "one storey (a plan is one level)",
                    "layer map",
                )
            )
    return records
