"""The mixplan GeoJSON profile (DESIGN §7): one scenario as a FeatureCollection.

A file is a FeatureCollection with ``"mixplan": {"version": 1, …}`` and the legacy
``crs`` member GDAL and QGIS read. Each feature's ``properties.kind`` is ``site``,
``building`` or ``cover``. A building feature carries its levels from the lowest
up, each with its storey ``index`` (0 = ground, negative = basement)::

    {"kind": "building", "id": "B3", "name": "Halle Nord", "origin": null,
     "levels": [{"index": 0, "height_m": 6.5, "uses": {"craft": 0.7, "office": 0.3},
                 "load_kn_m2": 10.0, "access": "yard", "nuisance": "D"}],
     "freight_lift_kg": 0.0, "ramp": false, "loading_bays": 2,
     "parking_spaces": 0, "roof": "plain", "shared": false, "common_parts": true}

Beyond the contract, a level may carry ``polygon`` (its own outline, a GeoJSON
geometry, for set-back storeys) and ``nuisance_by_use`` (``{use: class}``) when the
productive allocations of the level do not share one nuisance class; ``nuisance``
then gives the most constrained class, for readers that know only the contract.

The round trip is exact: coordinates and numbers are written as the shortest
decimal that reads back to the same double (three decimals for millimetre data),
never rounded, so ``read_geojson(write_geojson(s))`` gives equal buildings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from mixplan.gc_pause import collector_paused
from mixplan.model.errors import MixplanError, ModelError
from mixplan.model.phasing import Hosting, Occupant
from mixplan.model.project import Building, GroundCover, Level, Project, Removal
from mixplan.model.uses import nuisance_rank, use_class
from mixplan.store.atomic import write_with
from mixplan.store.crs import crs_urn
from mixplan.store.geojson_geometry import areal_to_geojson
from mixplan.store.geojson_reader import (
    FORMAT_VERSION,
    GeoJSONContent,
    drop_document,
    geojson_to_content,
    read_geojson,
)
from mixplan.store.progress import Progress, Span, nothing_reported

__all__ = [
    "FORMAT_VERSION",
    "GeoJSONContent",
    "format_geojson",
    "geojson_pieces",
    "geojson_to_content",
    "read_geojson",
    "scenario_to_geojson",
    "write_geojson",
]

# --- writing -------------------------------------------------------------------------


def _level_nuisance(level: Level) -> dict[str, Any]:
    """The ``nuisance`` (and, if needed, ``nuisance_by_use``) members of a level."""
    by_use = {a.use: a.nuisance for a in level.uses if a.nuisance is not None}
    if not by_use:
        return {}
    productive = [a for a in level.uses if use_class(a.use).is_productive]
    classes = {a.nuisance for a in productive}
    # Level.of(nuisance=c) gives c to every productive allocation and to no other:
    # the single member is enough exactly when the level looks like that.
    if len(classes) == 1 and None not in classes and len(by_use) == len(productive):
        return {"nuisance": next(iter(classes))}
    worst = max(by_use.values(), key=nuisance_rank)
    return {"nuisance": worst, "nuisance_by_use": by_use}


def _level_to_json(index: int, level: Level) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "index": index,
        "height_m": level.height_m,
        "uses": level.use_shares(),
    }
    if level.load_kn_m2 is not None:
        doc["load_kn_m2"] = level.load_kn_m2
    if level.access is not None:
        doc["access"] = level.access
    doc.update(_level_nuisance(level))
    if level.polygon is not None:
        doc["polygon"] = areal_to_geojson(level.polygon)
    return doc


def _building_feature(b: Building) -> dict[str, Any]:
    properties = {
        "kind": "building",
        "id": b.id,
        "name": b.name,
        "origin": b.origin,
        "levels": [_level_to_json(i, lv) for i, lv in b.indexed_levels()],
        "freight_lift_kg": b.freight_lift_kg,
        "ramp": b.ramp,
        "loading_bays": b.loading_bays,
        "parking_spaces": b.parking_spaces,
        "roof": b.roof,
        "shared": b.shared,
        "common_parts": b.common_parts,
    }
    for key in ("demolished_in", "delivered_in"):
        if getattr(b, key) is not None:
            properties[key] = getattr(b, key)
    if b.occupants:
        properties["occupants"] = [_firm(o) for o in b.occupants]
    if b.hosts:
        properties["hosts"] = [_firm(h) for h in b.hosts]
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": areal_to_geojson(b.footprint),
    }


def _removed_feature(b: Building, removal: Removal) -> dict[str, Any]:
    """The record of a baseline building the scenario removes (DESIGN §7)."""
    properties: dict[str, Any] = {
        "kind": "building",
        "id": b.id,
        "name": b.name,
        "origin": b.id,
        "removed": True,
    }
    if removal.demolished_in is not None:
        properties["demolished_in"] = removal.demolished_in
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": areal_to_geojson(b.footprint),
    }


def _firm(firm: Occupant | Hosting) -> dict[str, Any]:
    return {k: v for k, v in asdict(firm).items() if v is not None}


def _phases_member(project: Project) -> dict[str, Any]:
    if not project.phases:
        return {}
    return {
        "phases": [
            {"phase": n, **{k: v for k, v in asdict(p).items() if v}}
            for n, p in enumerate(project.phases, 1)
        ]
    }


def _cover_properties(c: GroundCover) -> dict[str, Any]:
    properties: dict[str, Any] = {"kind": "cover", "id": c.id, "cover": c.cover}
    if c.cover == "parking":
        properties["spaces"] = c.spaces
    return properties


def scenario_to_geojson(
    project: Project, scenario_name: str, progress: Progress = nothing_reported
) -> dict[str, Any]:
    """One scenario (with the project's site) as a mixplan GeoJSON document.

    Parameters
    ----------
    project
        The project; its ``crs`` goes into the legacy ``crs`` member.
    scenario_name
        The scenario to export.
    progress
        Told how far the buildings have come.

    Returns
    -------
    dict
        A FeatureCollection: the site first (if any), then the scenario's whole
        state (buildings it keeps, changes and adds) in scenario order, a
        ``removed: true`` record for each baseline building it removes, and
        ground covers.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Building, Level, Project
    >>> p = Project.new("Demo")
    >>> p.baseline.buildings["b1"] = Building(
    ...     "b1", "Shed", box(0, 0, 20, 10), (Level.of(6, "warehouse"),))
    >>> doc = scenario_to_geojson(p, "Existing")
    >>> doc["features"][0]["properties"]["levels"][0]["uses"]
    {'warehouse': 1.0}
    """
    scenario = project.scenario(scenario_name)
    features: list[dict[str, Any]] = []
    if project.site is not None:
        features.append(
            {
                "type": "Feature",
                "properties": {"kind": "site", "name": project.site.name},
                "geometry": areal_to_geojson(project.site.boundary),
            }
        )
    buildings = Span(progress, 0.0, 1.0).rows(list(scenario.buildings.values()))
    features += [_building_feature(b) for b in buildings]
    base = project.baseline.buildings
    features += [
        _removed_feature(base[bid], removal)
        for bid, removal in scenario.removed.items()
        if bid in base
    ]
    features += [
        {
            "type": "Feature",
            "properties": _cover_properties(c),
            "geometry": areal_to_geojson(c.geometry),
        }
        for c in scenario.cover.values()
    ]
    return {
        "type": "FeatureCollection",
        "name": scenario.name,
        "mixplan": {
            "version": FORMAT_VERSION,
            "project": project.name,
            "scenario": scenario.name,
            "description": scenario.description,
            **_phases_member(project),
        },
        "crs": {"type": "name", "properties": {"name": crs_urn(project.crs)}},
        "features": features,
    }


_ONE_LINE = {
    "coordinates": (",", ":"),
    "uses": (", ", ": "),
    "nuisance_by_use": (", ", ": "),
}
_PLACEHOLDER = re.compile(r'"\\u0000mixplan-coordinates-(\d+)"')
#: Characters encoded and written at a time (a few milliseconds of work).
_BATCH_CHARS = 1 << 17


def _compact(node: Any, arrays: list[str]) -> Any:
    """``node`` with a placeholder for each one-line member.

    The member's text is appended to ``arrays``.
    """
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in _ONE_LINE:
                arrays.append(
                    json.dumps(
                        value,
                        separators=_ONE_LINE[key],
                        ensure_ascii=False,
                        allow_nan=False,
                    )
                )
                out[key] = f"\0mixplan-coordinates-{len(arrays) - 1}"
            else:
                out[key] = _compact(value, arrays)
        return out
    if isinstance(node, list):
        return [_compact(v, arrays) for v in node]
    return node


def geojson_pieces(
    doc: dict[str, Any], progress: Progress = nothing_reported
) -> Iterator[str]:
    """:func:`format_geojson`'s text in pieces of about a hundred kilobytes.

    Written piece by piece, a 10,000-building file is never one string:
    joining, searching and encoding its 16 MB at once were single calls that
    held the GIL 0.1 s, the editor's window waiting. ``progress`` is told the
    fraction written.

    Examples
    --------
    >>> doc = {"type": "FeatureCollection", "features": [{"id": 1}, {"id": 2}]}
    >>> "".join(geojson_pieces(doc)) == format_geojson(doc)
    True
    """
    arrays: list[str] = []
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False, allow_nan=False)
    total = 0

    def array(match: re.Match[str]) -> str:
        nonlocal total
        total = int(match.group(1)) + 1
        return arrays[total - 1]

    # (The encoder yields a string value whole, in one chunk: a batch of
    # chunks never splits a placeholder.)
    batch: list[str] = []
    size = 0
    compacted = _compact(doc, arrays)
    for chunk in encoder.iterencode(compacted):
        batch.append(chunk)
        size += len(chunk)
        if size >= _BATCH_CHARS:
            yield _PLACEHOLDER.sub(array, "".join(batch))
            progress(total / max(len(arrays), 1))
            batch, size = [], 0
    yield _PLACEHOLDER.sub(array, "".join(batch)) + "\n"
    drop_document(compacted)
    progress(1.0)


def format_geojson(doc: dict[str, Any]) -> str:
    """Indented JSON with each geometry's coordinates and each uses map on one line.

    Every coordinate on its own line would make a building hundreds of lines
    long; one line per geometry keeps a file readable and diffable.
    """
    return "".join(geojson_pieces(doc))


def _write_pieces(path: Path, pieces: Iterable[str]) -> None:
    with open(path, "wb") as out:
        for piece in pieces:
            out.write(piece.encode("utf-8"))


def write_geojson(
    project: Project,
    scenario_name: str,
    path: str | Path,
    progress: Progress = nothing_reported,
) -> None:
    """Write one scenario as mixplan GeoJSON, atomically (UTF-8, no BOM).

    ``progress`` is told how far the writing has come (2 s for 10,000
    buildings).

    Raises
    ------
    MixplanError
        If the scenario does not exist or the file cannot be written.
    """
    # Objects by the hundred thousand, all dropped before the end: the
    # collector's passes over the whole heap held the GIL 0.1 s each.
    with collector_paused():
        _write_geojson(project, scenario_name, path, progress)


def _write_geojson(
    project: Project, scenario_name: str, path: str | Path, progress: Progress
) -> None:
    try:
        doc = scenario_to_geojson(
            project, scenario_name, Span(progress, 0.0, 0.5).at_fraction
        )
    except ModelError as exc:
        raise MixplanError(str(exc), path) from None
    pieces = geojson_pieces(doc, Span(progress, 0.5, 1.0).at_fraction)
    try:
        write_with(path, lambda tmp: _write_pieces(tmp, pieces))
    except OSError as exc:
        raise MixplanError(f"cannot write: {exc.strerror or exc}", path) from None
    finally:
        drop_document(doc)
