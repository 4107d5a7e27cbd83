"""Reading a project back from the tables of :mod:`mixplan.store.gpkg_schema`.

Every value passes through the model's own checks, so a tampered file cannot
produce an invalid project; a failing row is named in the error (scenario,
building, level). Identical levels and allocations are shared between buildings
(they are immutable values), which keeps opening a 10,000-building project fast.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from typing import Any

from mixplan.model.errors import ModelError
from mixplan.model.project import (
    Allocation,
    Building,
    GroundCover,
    Level,
    Project,
    Scenario,
    Site,
)
from mixplan.model.rulebook import PARAMETERS, Rulebook
from mixplan.store.gpkg_blob import BlobError, decode_blobs

__all__ = ["read_project"]


class RowError(ModelError):
    """A row that does not make a valid model value; the message names it."""


def _geometries(blobs: list[bytes], what: str) -> list[Any]:
    try:
        return decode_blobs(blobs)
    except BlobError as exc:
        raise RowError(f"{what}: {exc}") from None


def _single(geometry: Any, single_polygon: int) -> Any:
    if (
        single_polygon
        and geometry.geom_type == "MultiPolygon"
        and len(geometry.geoms) == 1
    ):
        return geometry.geoms[0]
    return geometry


def _read_meta(connection: sqlite3.Connection) -> dict[str, str]:
    return dict(connection.execute("SELECT key, value FROM mixplan_meta"))


def _read_site(connection: sqlite3.Connection) -> Site | None:
    rows = connection.execute(
        "SELECT geom, name, single_polygon FROM site ORDER BY fid"
    ).fetchall()
    if not rows:
        return None
    if len(rows) > 1:
        raise RowError(f"the site table has {len(rows)} rows, not one")
    blob, name, single = rows[0]
    (geometry,) = _geometries([blob], "site")
    try:
        return Site(_single(geometry, single), name or "")
    except ModelError as exc:
        raise RowError(f"site: {exc}") from None


def _read_rulebook(connection: sqlite3.Connection) -> Rulebook:
    rulebook = Rulebook()
    for section, name, text in connection.execute(
        "SELECT section, name, value FROM mixplan_rulebook"
    ):
        if (section, name) not in PARAMETERS:
            continue  # a parameter this version no longer has
        try:
            rulebook.set(section, name, json.loads(text))
        except (ModelError, ValueError) as exc:
            raise RowError(f"rulebook {section}.{name}: {exc}") from None
    return rulebook


class _Interner:
    """Shares equal allocations and levels: a project repeats them a lot."""

    def __init__(self) -> None:
        self.allocations: dict[tuple[Any, ...], Allocation] = {}
        self.levels: dict[tuple[Any, ...], Level] = {}

    def allocation(self, use: str, share: float, nuisance: str | None) -> Allocation:
        key = (use, share, nuisance)
        found = self.allocations.get(key)
        if found is None:
            found = self.allocations[key] = Allocation(use, share, nuisance)
        return found

    def level(
        self,
        height: float,
        uses: tuple[Allocation, ...],
        load: float | None,
        access: str | None,
        polygon: Any,
    ) -> Level:
        if polygon is not None:
            return Level(height, uses, load, access, polygon)
        key = (height, uses, load, access)
        found = self.levels.get(key)
        if found is None:
            found = self.levels[key] = Level(height, uses, load, access)
        return found


def _read_levels(
    connection: sqlite3.Connection,
) -> dict[tuple[str, str], list[Level]]:
    interner = _Interner()
    allocations: dict[tuple[str, str, int], list[tuple[int, Allocation]]] = defaultdict(
        list
    )
    for scenario, building, level, position, use, share, nuisance in connection.execute(
        "SELECT scenario, building_id, level_position, position, use_code, "
        "share, nuisance FROM allocations"
    ):
        try:
            allocation = interner.allocation(use, share, nuisance)
        except ModelError as exc:
            raise RowError(
                f"scenario {scenario!r}, building {building!r}, level {level}: {exc}"
            ) from None
        allocations[(scenario, building, level)].append((position, allocation))
    rows = connection.execute(
        "SELECT scenario, building_id, position, height_m, load_kn_m2, access, "
        "polygon FROM levels"
    ).fetchall()
    own = [r for r in rows if r[6] is not None]
    polygons = dict(
        zip(
            ((r[0], r[1], r[2]) for r in own),
            _geometries([r[6] for r in own], "level polygon"),
            strict=True,
        )
    )
    levels: dict[tuple[str, str], list[tuple[int, Level]]] = defaultdict(list)
    for scenario, building, position, height, load, access, _ in rows:
        key = (scenario, building, position)
        try:
            uses = tuple(
                a for _, a in sorted(allocations.pop(key, ()), key=lambda pa: pa[0])
            )
            level = interner.level(height, uses, load, access, polygons.get(key))
        except (ModelError, TypeError) as exc:
            raise RowError(
                f"scenario {scenario!r}, building {building!r}, level {position}: {exc}"
            ) from None
        levels[(scenario, building)].append((position, level))
    if allocations:
        scenario, building, level = next(iter(allocations))
        raise RowError(
            f"scenario {scenario!r}, building {building!r}: allocations for a "
            f"missing level {level}"
        )
    return {
        key: [lv for _, lv in sorted(pairs, key=lambda pl: pl[0])]
        for key, pairs in levels.items()
    }


def _read_buildings(
    connection: sqlite3.Connection,
) -> dict[str, list[Building]]:
    levels = _read_levels(connection)
    rows = connection.execute(
        "SELECT geom, scenario, building_id, name, origin, basements, "
        "freight_lift_kg, ramp, loading_bays, parking_spaces, roof, shared "
        "FROM buildings ORDER BY scenario, sort_key"
    ).fetchall()
    footprints = _geometries([r[0] for r in rows], "building footprint")
    by_scenario: dict[str, list[Building]] = defaultdict(list)
    for row, footprint in zip(rows, footprints, strict=True):
        (
            _,
            scenario,
            ident,
            name,
            origin,
            basements,
            lift,
            ramp,
            bays,
            spaces,
            roof,
            shared,
        ) = row
        try:
            building = Building(
                ident,
                name or "",
                footprint,
                tuple(levels.pop((scenario, ident), ())),
                origin,
                basements,
                lift,
                bool(ramp),
                bays,
                spaces,
                roof,
                bool(shared),
            )
        except ModelError as exc:
            raise RowError(f"scenario {scenario!r}: {exc}") from None
        by_scenario[scenario].append(building)
    if levels:
        scenario, ident = next(iter(levels))
        raise RowError(f"scenario {scenario!r}: levels of a missing building {ident!r}")
    return by_scenario


def _read_cover(connection: sqlite3.Connection) -> dict[str, list[GroundCover]]:
    rows = connection.execute(
        "SELECT geom, scenario, cover_id, cover, single_polygon FROM ground_cover "
        "ORDER BY scenario, sort_key"
    ).fetchall()
    geometries = _geometries([r[0] for r in rows], "ground cover")
    by_scenario: dict[str, list[GroundCover]] = defaultdict(list)
    for (_, scenario, ident, cover, single), geometry in zip(
        rows, geometries, strict=True
    ):
        try:
            by_scenario[scenario].append(
                GroundCover(ident, cover, _single(geometry, single))
            )
        except ModelError as exc:
            raise RowError(f"scenario {scenario!r}: {exc}") from None
    return by_scenario


def read_project(connection: sqlite3.Connection) -> Project:
    """The project stored in an open project-file connection (current schema).

    Raises
    ------
    RowError
        Naming the first row that does not make a valid model value.
    """
    meta = _read_meta(connection)
    buildings = _read_buildings(connection)
    cover = _read_cover(connection)
    scenarios = []
    for name, description in connection.execute(
        "SELECT name, description FROM scenarios ORDER BY position"
    ):
        try:
            scenarios.append(
                Scenario.of(
                    name,
                    buildings.pop(name, ()),
                    cover.pop(name, ()),
                    description or "",
                )
            )
        except ModelError as exc:
            raise RowError(str(exc)) from None
    stray = next(iter(buildings), None) or next(iter(cover), None)
    if stray is not None:
        raise RowError(f"rows of scenario {stray!r}, which the file does not list")
    if not scenarios:
        raise RowError("the project has no scenario")
    return Project(
        meta.get("project_name", ""),
        meta.get("crs", "EPSG:2154"),
        _read_site(connection),
        scenarios,
        _read_rulebook(connection),
    )
