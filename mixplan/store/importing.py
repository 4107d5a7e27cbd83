"""``mixplan import``: GIS, CAD and mixplan GeoJSON into a project, as one transaction.

:func:`plan_import` reads a source and prepares everything it will add as one
:class:`~mixplan.store.import_command.ImportData` command, without touching the
project;
:func:`import_source` applies it. The editor's import dialog pushes the same command
on its undo stack, so an import is one undo step. A command that fails part-way
rolls back, so a failed import leaves the project exactly as it was; the source
file is only ever read.

Formats: anything GDAL reads with polygons (GeoPackage, Shapefile, zipped
Shapefile, GeoJSON, FlatGeobuf, …) through :mod:`mixplan.store.vector`; DXF through
:mod:`mixplan.store.dxf_import`; the mixplan GeoJSON profile (DESIGN §7) through
:mod:`mixplan.store.geojson_reader`.
"""

from __future__ import annotations

import argparse
import gc
import logging
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon

from mixplan.gc_pause import collector_paused
from mixplan.model.errors import MixplanError
from mixplan.model.geometry import Areal, as_areal
from mixplan.model.project import Project, Scenario
from mixplan.model.uses import use_class
from mixplan.store.errors import one_line
from mixplan.store.geojson_reader import drop_document
from mixplan.store.import_checks import implausible_data
from mixplan.store.import_command import ImportData
from mixplan.store.import_layer import BuildingRecord, ImportContent
from mixplan.store.import_mixplan import content_from_mixplan, mixplan_document
from mixplan.store.import_report import ImportReport
from mixplan.store.sandbox import run_apart, run_bounded
from mixplan.store.vector import ImportCaps

_log = logging.getLogger(__name__)

__all__ = [
    "ImportOptions",
    "ImportPlan",
    "ImportReport",
    "import_source",
    "parse_origin",
    "plan_import",
]

KINDS = ("site", "buildings", "cover")
PRESETS = ("auto", "mixplan", "bdtopo", "dxf", "generic")
#: A building is kept by ``--clip-to-site`` when at least this share of its
#: footprint lies inside the site; it is kept whole, never cut.
CLIP_KEEP_SHARE = 0.5


@dataclass(frozen=True)
class ImportOptions:
    """How to import a source (the options of ``mixplan import``, DESIGN §8).

    ``kind`` is ``None`` to let the source decide (mixplan GeoJSON: what it holds;
    anything else: buildings). For ``--as cover``, ``use_map`` and ``default_use``
    name ground-cover surface types instead of uses.
    """

    scenario: str | None = None
    #: a target scenario that does not exist starts as a copy of this one
    from_scenario: str | None = None
    #: replace the buildings and covers whose id the target already has (``--update``)
    update: bool = False
    kind: str | None = None
    layer: str | None = None
    where: str | None = None
    preset: str = "auto"
    crs: str | None = None
    clip_to_site: bool = False
    height_field: str | None = None
    levels_field: str | None = None
    use_field: str | None = None
    use_map: str | None = None
    default_use: str | None = None
    layer_map: str | None = None
    origin: tuple[float, float] | None = None
    rotation: float = 0.0
    caps: ImportCaps = ImportCaps()

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in KINDS:
            raise MixplanError(f"--as must be one of {', '.join(KINDS)}")
        if self.preset not in PRESETS:
            raise MixplanError(f"--preset must be one of {', '.join(PRESETS)}")
        if self.kind != "cover" and self.default_use is not None:
            use_class(self.default_use)
        if not math.isfinite(self.rotation):
            raise MixplanError("--rotation must be a finite number of degrees")

    @classmethod
    def from_cli(cls, args: argparse.Namespace) -> ImportOptions:
        """Options from the ``mixplan import`` arguments (see ``mixplan/cli.py``)."""
        origin = getattr(args, "origin", None)
        rotation = getattr(args, "rotation", None)
        return cls(
            scenario=getattr(args, "scenario", None),
            from_scenario=getattr(args, "from_scenario", None),
            update=bool(getattr(args, "update", False)),
            kind=getattr(args, "kind", None),
            layer=getattr(args, "layer", None),
            where=getattr(args, "where", None),
            preset=getattr(args, "preset", None) or "auto",
            crs=getattr(args, "crs", None),
            clip_to_site=bool(getattr(args, "clip_to_site", False)),
            height_field=getattr(args, "height_field", None),
            levels_field=getattr(args, "levels_field", None),
            use_field=getattr(args, "use_field", None),
            use_map=getattr(args, "use_map", None),
            default_use=getattr(args, "default_use", None),
            layer_map=getattr(args, "layer_map", None),
            origin=parse_origin(origin) if origin else None,
            rotation=float(rotation) if rotation is not None else 0.0,
        )


def parse_origin(text: str) -> tuple[float, float]:
    """``"X,Y"`` → ``(x, y)`` in project metres.

    Examples
    --------
    >>> parse_origin("574000.5, 6357000")
    (574000.5, 6357000.0)
    """
    try:
        x_text, y_text = text.split(",")
        x, y = float(x_text), float(y_text)
    except ValueError:
        raise MixplanError(f"--origin {text!r} is not X,Y") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise MixplanError(f"--origin {text!r} is not finite")
    return x, y


@dataclass
class ImportPlan:
    """What an import will do: one command (one undo step) and its report.

    ``drawn``: what :func:`plan_import`'s ``draw`` made of the command, if
    asked (the import dialog's map).
    """

    command: ImportData
    report: ImportReport
    drawn: Any = None


def import_source(
    project: Project, source_path: str | Path, options: ImportOptions
) -> ImportReport:
    """Import a file into a project in memory, all or nothing.

    Parameters
    ----------
    project
        Changed in place only when the whole import succeeds.
    source_path
        A GIS file (GeoPackage, Shapefile or zip of one, GeoJSON, FlatGeobuf, …),
        a DXF plan or a mixplan GeoJSON file. It is only read.
    options
        See :class:`ImportOptions`.

    Returns
    -------
    ImportReport
        Features read, objects created, repairs, skips, reprojection, levels
        inferred.

    Raises
    ------
    MixplanError
        One clear line naming the file and the problem; the project is unchanged.
    """
    plan = plan_import(project, source_path, options)
    try:
        plan.command.apply(project)
    except MixplanError as exc:
        raise MixplanError(str(exc), exc.path or source_path) from None
    return plan.report


def plan_import(
    project: Project,
    source_path: str | Path,
    options: ImportOptions,
    *,
    apart: bool = False,
    draw: Callable[[ImportData, Project], Any] | None = None,
    stop: Callable[[], bool] | None = None,
) -> ImportPlan:
    """Read a source and prepare its import, without changing the project.

    Safe to call from a worker thread as long as the project is not edited
    meanwhile (it reads the project's CRS, site and existing ids).

    The collector is paused, what is kept frozen (as when a project is read):
    its full passes over a 10,000-building source held the GIL 0.25-1.2 s at a
    time, the editor's window waiting for the import dialog's worker.

    Parameters
    ----------
    apart
        Plan a mixplan GeoJSON (or what may be one) in a child process where
        processes fork (Linux); only the plan comes back. Planning 10,000
        buildings is 1.2 s of Python: in the editor's process, its window
        waited for the GIL each time it came back into Python. A GeoJSON that
        is not the mixplan profile is then read here, as GIS data.
    draw
        A module-level function of the command and the project, called where
        the plan is made; its result is the plan's ``drawn``.
    stop
        For a plan made apart: asked ten times a second, once true the child
        is stopped and a MixplanError raised (the import dialog closed).
    """
    source = Path(source_path)
    report = None
    if apart and _plans_apart(source, options):
        with collector_paused(keep=True):
            made = run_apart(
                _planned_mixplan,
                project,
                source,
                options,
                draw,
                source=source,
                stop=stop,
            )
        if isinstance(made, ImportPlan):
            return made
        report = made  # not the mixplan profile: GIS data, read here
    with collector_paused(keep=True):
        plan = _planned(project, source, options, report)
    if draw is not None:
        plan.drawn = draw(plan.command, project)
    return plan


def _plans_apart(source: Path, options: ImportOptions) -> bool:
    """Whether :func:`plan_import` ``apart`` plans ``source`` in a child.

    A file :func:`mixplan_document` may read, where processes fork.
    """
    from mixplan.store.sandbox import forks

    if options.preset not in ("auto", "mixplan") or not forks():
        return False
    return options.preset == "mixplan" or source.suffix.lower() in (
        ".geojson",
        ".json",
    )


def _planned_mixplan(
    project: Project,
    source: Path,
    options: ImportOptions,
    draw: Callable[[ImportData, Project], Any] | None,
) -> ImportPlan | ImportReport:
    """The plan of a mixplan GeoJSON (in a child process).

    For a source that is not one, the report so far: the parent reads it as
    GIS data (a child cannot start the GIS reader's own child).
    """
    # No collection in a child that ends with this (and no collector_paused:
    # its lock may have been held by another thread of the parent at the fork).
    gc.disable()
    report = ImportReport(source=str(source), preset=options.preset)
    with _read_errors(source):
        content = _mixplan_content(project, source, options, report)
    if content is None:
        return report
    plan = _plan(project, content, options, report, source)
    if draw is not None:
        plan.drawn = draw(plan.command, project)
    return plan


def _planned(
    project: Project,
    source: Path,
    options: ImportOptions,
    report: ImportReport | None = None,
) -> ImportPlan:
    """:func:`plan_import`, the collector paused.

    Given a ``report``, the source is known to be no mixplan GeoJSON (see
    :func:`_planned_mixplan`).
    """
    known = report is not None
    report = report or ImportReport(source=str(source), preset=options.preset)
    content: ImportContent | None = None
    with _read_errors(source):
        if options.preset == "dxf" or source.suffix.lower() == ".dxf":
            from mixplan.store.dxf_import import read_dxf_buildings

            records = read_dxf_buildings(project, source, options, report)
            content = ImportContent(buildings=records)
        else:
            if not known:
                content = _mixplan_content(project, source, options, report)
            if content is None:
                content = _from_vector(project, source, options, report)
    assert content is not None
    return _plan(project, content, options, report, source)


@contextmanager
def _read_errors(source: Path) -> Iterator[None]:
    """Whatever goes wrong reading ``source``: one line naming it."""
    try:
        yield
    except MixplanError as exc:
        if exc.path is None:
            raise MixplanError(str(exc), source) from None
        raise
    except RecursionError:
        raise MixplanError("nested too deeply to read", source) from None
    except MemoryError:
        raise MixplanError("too big to import in memory", source) from None
    except Exception as exc:  # noqa: BLE001 - any input: one line, never exit 3
        _log.info("importing %s failed", source, exc_info=True)
        raise MixplanError(f"cannot read this file ({one_line(exc)})", source) from None


def _mixplan_content(
    project: Project, source: Path, options: ImportOptions, report: ImportReport
) -> ImportContent | None:
    """A mixplan GeoJSON's content; ``None`` for a source that is not one."""
    doc = mixplan_document(source, options)
    if doc is None:
        return None
    try:
        return content_from_mixplan(project, doc, source, options, report)
    except MixplanError as exc:
        # Features with a "kind" but no "mixplan" member may be any
        # GeoJSON: read as GIS data, and say why.
        if "mixplan" in doc or options.preset == "mixplan":
            raise
        report.notes.append(f"not the mixplan profile ({exc}): read as GIS data")
        report.format, report.preset = "", options.preset
        return None
    finally:
        drop_document(doc)


# --- GIS layers ---------------------------------------------------------------------


def _from_vector(
    project: Project, source: Path, options: ImportOptions, report: ImportReport
) -> ImportContent:
    from mixplan.store.import_geometry import resolve_source_crs, to_project_polygons
    from mixplan.store.import_layer import (
        building_records,
        cover_records,
        feature_ids,
        site_name,
    )
    from mixplan.store.vector import read_layer

    if options.layer_map:
        raise MixplanError("--layer-map is for DXF plans only", source)
    # GDAL runs a layer that is a view, or a --where, to the end: in a child
    # process with a time and memory limit, a hostile source costs seconds.
    what = f"layer {options.layer!r}" if options.layer else "the layer"
    if options.where:
        what += f" filtered by --where {options.where!r}"
    layer = run_bounded(
        read_layer,
        source,
        options.layer,
        options.where,
        options.caps,
        source=source,
        what=what,
        preload=("pyogrio", "pyogrio.raw"),
    )
    report.format = layer.driver
    report.layer = layer.layer
    report.encoding = layer.encoding
    if layer.encoding_note:
        report.notes.append(layer.encoding_note)
    report.notes.extend(f"GDAL: {w}" for w in layer.gdal_warnings)
    if layer.shape_mismatch:
        report.warnings.append(layer.shape_mismatch)
    if layer.view_note:
        report.notes.append(layer.view_note)
    report.features_read = len(layer)
    if len(layer) == 0:
        filtered = " matching --where" if options.where else ""
        raise MixplanError(f"layer {layer.layer!r} holds no feature{filtered}", source)
    report.flattened_3d = any(
        t in layer.geometry_type.upper() for t in (" Z", "25D", "3D")
    )
    src = resolve_source_crs(layer.crs, options.crs, str(source))
    if options.crs and layer.crs:
        report.notes.append(f"--crs {options.crs} used instead of the source's own CRS")
    ids = feature_ids(layer)
    parts = to_project_polygons(layer.wkb, ids, src, project.crs, options.caps, report)
    kind = options.kind or "buildings"
    report.kind = kind
    if kind == "site":
        polygons = [p for feature_parts in parts for p in feature_parts]
        if not polygons:
            raise MixplanError("no usable polygon for the site", source)
        dissolved = shapely.union_all(polygons)
        boundary = _areal(dissolved)
        if len(polygons) > 1:
            report.notes.append(f"{len(polygons)} polygons dissolved into one site")
        return ImportContent(site=boundary, site_name=site_name(layer, parts))
    if kind == "cover":
        return ImportContent(
            cover=cover_records(layer, ids, parts, options, report, project)
        )
    return ImportContent(buildings=building_records(layer, ids, parts, options, report))


def _areal(geom: Any) -> Areal:
    from mixplan.store.repair import polygon_parts

    parts = polygon_parts(geom)
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


# --- clip, commands ---------------------------------------------------------------


def _clip_buildings(
    project: Project, records: list[BuildingRecord], report: ImportReport, source: Path
) -> list[BuildingRecord]:
    """Keep buildings mostly inside the site, whole (never cut).

    A building is kept when at least half of its footprint lies in the site, and
    then kept whole: cutting it along the boundary would invent a wall and
    change its floor area. The report counts those kept across the boundary.
    """
    if project.site is None:
        raise MixplanError(
            "--clip-to-site: the project has no site yet (import one "
            "with --as site first)",
            source,
        )
    import numpy as np

    site = project.site.boundary
    shapely.prepare(site)
    footprints = np.array([r.building.footprint for r in records], dtype=object)
    candidates = shapely.intersects(footprints, site)
    share = np.zeros(len(records))
    share[candidates] = shapely.area(
        shapely.intersection(footprints[candidates], site)
    ) / shapely.area(footprints[candidates])
    within = np.zeros(len(records), dtype=bool)
    within[candidates] = shapely.within(footprints[candidates], site)
    kept = []
    for record, fraction, inside in zip(records, share, within, strict=True):
        if fraction >= CLIP_KEEP_SHARE:
            kept.append(record)
            report.kept_across_boundary += not bool(inside)
        else:
            report.outside_site += 1
    if not kept:
        raise MixplanError("--clip-to-site: no building lies in the site", source)
    report.notes.append(
        "--clip-to-site keeps whole the buildings at least half inside the site "
        "and leaves out the others"
    )
    return kept


def _count(records: list[BuildingRecord], report: ImportReport) -> None:
    report.parts_split = len({r.split_from for r in records if r.split_from})
    for record in records:
        building = record.building
        report.levels[record.levels_how] += 1
        ground = building.levels[building.basements]
        report.uses[max(ground.uses, key=lambda a: a.share).use] += 1
        if record.use_basis:
            report.use_basis[record.use_basis] += 1
        if record.unmapped is not None:
            report.unmapped_values[record.unmapped] += 1


def _plan(
    project: Project,
    content: ImportContent,
    options: ImportOptions,
    report: ImportReport,
    source: Path,
) -> ImportPlan:
    """The plan of what was read: clipped, counted, checked."""
    if options.clip_to_site and content.buildings:
        content.buildings = _clip_buildings(project, content.buildings, report, source)
    _count(content.buildings or [], report)
    scenario = options.scenario or project.baseline.name
    buildings = [r.building for r in content.buildings or ()]
    cover = list(content.cover or ())
    if buildings or cover:
        report.scenario = scenario
        existing = (
            project.scenario(scenario) if project.has_scenario(scenario) else None
        )
        report.scenario_created = existing is None
        if existing is None and options.from_scenario is not None:
            # The new scenario starts as a copy: the import adds to that copy.
            try:
                existing = project.scenario(options.from_scenario)
            except MixplanError as exc:
                raise MixplanError(f"--from: {exc}", source) from None
        if options.update:
            _check_update([b.id for b in buildings], existing, scenario, source)
            assert existing is not None  # _check_update refuses a missing one
            replaced = sum(b.id in existing.buildings for b in buildings)
            report.notes.append(
                f"{replaced} building(s) of scenario {scenario!r} replaced (--update)"
            )
        else:
            _refuse_clashes(
                [b.id for b in buildings],
                existing.buildings if existing else {},
                "building",
                scenario,
                source,
            )
        if options.update and existing is not None:
            # A corrected survey of the ground: covers whose id is there are
            # replaced (and reach the scenarios that keep them), like buildings.
            replaced_covers = sum(c.id in existing.cover for c in cover)
            if cover and not buildings and not replaced_covers:
                raise MixplanError(
                    f"--update: no ground cover id of the source is in scenario "
                    f"{scenario!r} (first ids: "
                    f"{', '.join(repr(c.id) for c in cover[:3])})",
                    source,
                )
            if replaced_covers:
                report.notes.append(
                    f"{replaced_covers} ground cover(s) of scenario {scenario!r} "
                    "replaced (--update)"
                )
            _refuse_clashes([c.id for c in cover], {}, "ground cover", scenario, source)
        else:
            _refuse_clashes(
                [c.id for c in cover],
                existing.cover if existing else {},
                "ground cover",
                scenario,
                source,
            )
    if content.site is not None:
        try:
            as_areal(content.site, "site boundary")
        except MixplanError as exc:
            raise MixplanError(f"site: {exc}", source) from None
        report.site = True
        report.site_area_m2 = float(content.site.area)
        report.site_replaced = project.site is not None
        if report.site_replaced:
            report.notes.append(
                f"the site ({project.site_area_m2:,.0f} m²) was replaced"
            )
    report.buildings, report.cover = len(buildings), len(cover)
    site_boundary = (
        content.site
        if content.site is not None
        else (project.site.boundary if project.site is not None else None)
    )
    report.warnings.extend(
        implausible_data(
            buildings, site_boundary, report.features_read, sum(report.skips.values())
        )
    )
    if not (buildings or cover or content.site is not None):
        skipped = sum(report.skips.values())
        why = "; ".join(f"{reason}: {n}" for reason, n in report.skips.most_common(3))
        raise MixplanError(
            f"nothing to import: {skipped} features skipped ({why})"
            if skipped
            else "nothing to import",
            source,
        )
    copy_from = (
        options.from_scenario
        if report.scenario_created and options.from_scenario is not None
        else None
    )
    if copy_from is not None:
        report.notes.append(f"scenario {scenario!r} starts as a copy of {copy_from!r}")
    command = ImportData(
        scenario,
        buildings,
        cover,
        content.site,
        content.site_name,
        label=f"Import {source.name}",
        update=options.update,
        copy_from=copy_from,
        phases=tuple(content.phases),
        demolitions=dict(content.demolitions),
    )
    return ImportPlan(command, report)


def _check_update(
    new_ids: list[str], existing: Scenario | None, scenario: str, source: Path
) -> None:
    """``--update`` replaces buildings by id: some ids must be in the target."""
    if len(set(new_ids)) != len(new_ids):
        raise MixplanError(
            "--update: the source holds the same building id twice", source
        )
    if existing is None:
        raise MixplanError(
            f"--update: there is no scenario {scenario!r} to update", source
        )
    if new_ids and not any(i in existing.buildings for i in new_ids):
        raise MixplanError(
            f"--update: no building id of the source is in scenario {scenario!r} "
            f"(first ids: {', '.join(repr(i) for i in new_ids[:3])})",
            source,
        )


def _refuse_clashes(
    new_ids: list[str], existing: dict[str, Any], what: str, scenario: str, source: Path
) -> None:
    seen: set[str] = set()
    clashes = []
    for object_id in new_ids:
        if object_id in existing or object_id in seen:
            clashes.append(object_id)
        seen.add(object_id)
    if clashes:
        shown = ", ".join(repr(c) for c in clashes[:5])
        more = f" and {len(clashes) - 5} more" if len(clashes) > 5 else ""
        raise MixplanError(
            f"{len(clashes)} {what} id(s) already in scenario {scenario!r}: "
            f"{shown}{more} (nothing imported; import into another scenario with "
            "--scenario)",
            source,
        )
