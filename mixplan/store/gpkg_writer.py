"""Writing a project into the tables of :mod:`mixplan.store.gpkg_schema`.

Two ways in: :func:`write_full` fills a fresh file; :func:`write_changes` brings an
existing file up to date from the :class:`~mixplan.model.commands.Change` values of
the edits made since it was last saved, touching only those rows (DESIGN §11:
saving one edit of a 10,000-building project under 50 ms). Both run inside the
caller's transaction.
"""

from __future__ import annotations

import json
import math
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon

from mixplan import __version__
from mixplan.model.commands import Change
from mixplan.model.geometry import Areal
from mixplan.model.project import Building, GroundCover, Project, Scenario
from mixplan.model.uses import use_class
from mixplan.store.gpkg_blob import encode_blobs
from mixplan.store.gpkg_schema import (
    ATTRIBUTE_TABLES,
    FEATURE_TABLES,
    SCHEMA_VERSION,
    create_schema,
)

__all__ = ["write_changes", "write_full"]

_BUILDING_COLUMNS = (
    "geom, scenario, building_id, name, origin, sort_key, levels, basements, "
    "storeys, height_m, footprint_m2, gross_floor_area_m2, dominant_use, "
    "dominant_family, freight_lift_kg, ramp, loading_bays, parking_spaces, roof, "
    "shared"
)
_INSERT_BUILDING = (
    f"INSERT INTO buildings ({_BUILDING_COLUMNS}) VALUES ({', '.join('?' * 20)})"
)
_INSERT_LEVEL = (
    "INSERT INTO levels (scenario, building_id, position, level_index, height_m, "
    "load_kn_m2, access, area_m2, polygon) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_ALLOCATION = (
    "INSERT INTO allocations (scenario, building_id, level_position, position, "
    "use_code, family, share, nuisance, area_m2) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_COVER = (
    "INSERT INTO ground_cover (geom, scenario, cover_id, cover, sort_key, area_m2, "
    "single_polygon) VALUES (?, ?, ?, ?, ?, ?, ?)"
)

Extent = tuple[float, float, float, float]  # minx, miny, maxx, maxy


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


def _as_multi(geometry: Areal) -> MultiPolygon:
    # The layer is declared MULTIPOLYGON, and the GeoPackage spec allows only that
    # type (or a subtype) in it; ``single_polygon`` remembers a plain Polygon.
    return MultiPolygon([geometry]) if isinstance(geometry, Polygon) else geometry


def _dominant_use(building: Building) -> str:
    """The use with the most floor area above ground, floor-area uses first.

    Parking or technical rooms win only when nothing else is above ground: a
    QGIS user styling by this column wants "craft" for a workshop over a car park.
    """
    area: dict[str, float] = {}
    for level in building.levels[building.basements :]:
        level_area = building.level_area(level)
        for allocation in level.uses:
            area[allocation.use] = area.get(allocation.use, 0.0) + (
                level_area * allocation.share
            )
    floor = {u: a for u, a in area.items() if use_class(u).counts_in_sdp}
    ranked = floor or area
    return max(ranked, key=ranked.__getitem__)


@dataclass
class _Extents:
    """Bounding boxes of what was written, per feature table."""

    boxes: dict[str, Extent] = field(default_factory=dict)

    def add(self, table: str, geometries: Sequence[Areal]) -> None:
        if not geometries:
            return
        bounds = shapely.bounds(list(geometries))
        box = (
            float(bounds[:, 0].min()),
            float(bounds[:, 1].min()),
            float(bounds[:, 2].max()),
            float(bounds[:, 3].max()),
        )
        old = self.boxes.get(table)
        if old is not None:
            box = (
                min(old[0], box[0]),
                min(old[1], box[1]),
                max(old[2], box[2]),
                max(old[3], box[3]),
            )
        self.boxes[table] = box


def _insert_buildings(
    connection: sqlite3.Connection,
    scenario: str,
    keyed: Sequence[tuple[Building, float]],
    srs_id: int,
    extents: _Extents,
) -> None:
    if not keyed:
        return
    buildings = [b for b, _ in keyed]
    footprints = [b.footprint for b in buildings]
    extents.add("buildings", footprints)
    blobs = encode_blobs(footprints, srs_id)
    own = [(b, lv) for b in buildings for lv in b.levels if lv.polygon is not None]
    level_blobs = dict(
        zip(
            (id(lv) for _, lv in own),
            encode_blobs([lv.polygon for _, lv in own], srs_id),
            strict=True,
        )
    )
    building_rows: list[tuple[Any, ...]] = []
    level_rows: list[tuple[Any, ...]] = []
    allocation_rows: list[tuple[Any, ...]] = []
    for (b, key), blob in zip(keyed, blobs, strict=True):
        footprint_m2 = b.footprint.area
        gross = 0.0
        for position, level in enumerate(b.levels):
            area = footprint_m2 if level.polygon is None else level.polygon.area
            gross += area
            level_rows.append(
                (
                    scenario,
                    b.id,
                    position,
                    position - b.basements,
                    level.height_m,
                    level.load_kn_m2,
                    level.access,
                    area,
                    None if level.polygon is None else level_blobs[id(level)],
                )
            )
            for slot, a in enumerate(level.uses):
                allocation_rows.append(
                    (
                        scenario,
                        b.id,
                        position,
                        slot,
                        a.use,
                        use_class(a.use).family.value,
                        a.share,
                        a.nuisance,
                        area * a.share,
                    )
                )
        dominant = _dominant_use(b)
        building_rows.append(
            (
                blob,
                scenario,
                b.id,
                b.name,
                b.origin,
                key,
                len(b.levels),
                b.basements,
                b.storeys_label,
                b.height_m,
                footprint_m2,
                gross,
                dominant,
                use_class(dominant).family.value,
                b.freight_lift_kg,
                b.ramp,
                b.loading_bays,
                b.parking_spaces,
                b.roof,
                b.shared,
            )
        )
    connection.executemany(_INSERT_BUILDING, building_rows)
    connection.executemany(_INSERT_LEVEL, level_rows)
    connection.executemany(_INSERT_ALLOCATION, allocation_rows)


def _insert_cover(
    connection: sqlite3.Connection,
    scenario: str,
    cover: Sequence[GroundCover],
    srs_id: int,
    extents: _Extents,
) -> None:
    if not cover:
        return
    geometries = [_as_multi(c.geometry) for c in cover]
    extents.add("ground_cover", geometries)
    blobs = encode_blobs(geometries, srs_id)
    connection.executemany(
        _INSERT_COVER,
        [
            (
                blob,
                scenario,
                c.id,
                c.cover,
                float(key),
                c.geometry.area,
                isinstance(c.geometry, Polygon),
            )
            for key, (c, blob) in enumerate(zip(cover, blobs, strict=True))
        ],
    )


def _write_scenario(
    connection: sqlite3.Connection, scenario: Scenario, srs_id: int, extents: _Extents
) -> None:
    keyed = [(b, float(key)) for key, b in enumerate(scenario.buildings.values())]
    _insert_buildings(connection, scenario.name, keyed, srs_id, extents)
    _insert_cover(
        connection, scenario.name, list(scenario.cover.values()), srs_id, extents
    )


def _write_scenario_list(connection: sqlite3.Connection, project: Project) -> None:
    connection.execute("DELETE FROM scenarios")
    connection.executemany(
        "INSERT INTO scenarios (name, position, baseline, description, buildings) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (s.name, i, i == 0, s.description, len(s.buildings))
            for i, s in enumerate(project.scenarios)
        ],
    )


def _write_site(
    connection: sqlite3.Connection, project: Project, srs_id: int, extents: _Extents
) -> None:
    connection.execute("DELETE FROM site")
    extents.boxes.pop("site", None)
    site = project.site
    if site is None:
        return
    multi = _as_multi(site.boundary)
    extents.add("site", [multi])
    (blob,) = encode_blobs([multi], srs_id)
    connection.execute(
        "INSERT INTO site (geom, name, area_m2, single_polygon) VALUES (?, ?, ?, ?)",
        (blob, site.name, site.area_m2, isinstance(site.boundary, Polygon)),
    )


def _write_rulebook(connection: sqlite3.Connection, project: Project) -> None:
    connection.execute("DELETE FROM mixplan_rulebook")
    connection.executemany(
        "INSERT INTO mixplan_rulebook VALUES (?, ?, ?)",
        [
            (section, name, json.dumps(value))
            for (section, name), value in sorted(project.rulebook.values.items())
        ],
    )


def _write_meta(connection: sqlite3.Connection, project: Project) -> str:
    revision = uuid.uuid4().hex
    connection.executemany(
        "INSERT OR REPLACE INTO mixplan_meta VALUES (?, ?)",
        [
            ("application", "mixplan"),
            ("mixplan_version", __version__),
            ("schema_version", str(SCHEMA_VERSION)),
            ("project_name", project.name),
            ("crs", project.crs),
            ("saved", _now()),
            ("revision", revision),
        ],
    )
    return revision


def _write_extents(
    connection: sqlite3.Connection,
    extents: _Extents,
    grow: bool,
    exact: tuple[str, ...] = (),
) -> None:
    """Fill the extents in ``gpkg_contents``, exactly or grown.

    After an incremental save they are grown to include what was written, which
    may leave them a little loose until the next full save.
    """
    now = _now()
    for table in FEATURE_TABLES:
        box = extents.boxes.get(table)
        if grow and table not in exact:
            if box is not None:
                old = connection.execute(
                    "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents "
                    "WHERE table_name = ?",
                    (table,),
                ).fetchone()
                if old is not None and None not in old:
                    box = (
                        min(old[0], box[0]),
                        min(old[1], box[1]),
                        max(old[2], box[2]),
                        max(old[3], box[3]),
                    )
                connection.execute(
                    "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, "
                    "max_y = ? WHERE table_name = ?",
                    (*box, table),
                )
        else:
            connection.execute(
                "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, "
                "max_y = ? WHERE table_name = ?",
                (*(box or (None,) * 4), table),
            )
    connection.execute(
        "UPDATE gpkg_contents SET last_change = ? WHERE table_name IN "
        f"({', '.join('?' * (len(FEATURE_TABLES) + len(ATTRIBUTE_TABLES)))})",
        (now, *FEATURE_TABLES, *ATTRIBUTE_TABLES),
    )


def write_full(
    connection: sqlite3.Connection,
    project: Project,
    app_state: dict[str, str] | None = None,
) -> str:
    """Create the schema in an empty database and write the whole project.

    Returns
    -------
    str
        The revision token written in ``mixplan_meta`` (changes on every save).
    """
    srs_id = create_schema(connection, project.crs)
    extents = _Extents()
    _write_site(connection, project, srs_id, extents)
    _write_scenario_list(connection, project)
    for scenario in project.scenarios:
        _write_scenario(connection, scenario, srs_id, extents)
    _write_rulebook(connection, project)
    if app_state:
        connection.executemany(
            "INSERT INTO mixplan_app_state VALUES (?, ?)", sorted(app_state.items())
        )
    _write_extents(connection, extents, grow=False)
    return _write_meta(connection, project)


# --- incremental ------------------------------------------------------------------


@dataclass
class _Plan:
    """What a list of changes asks to rewrite."""

    buildings: dict[str, set[str]] = field(default_factory=dict)
    cover: set[str] = field(default_factory=set)
    whole: set[str] = field(default_factory=set)
    renames: list[tuple[str, str]] = field(default_factory=list)
    site: bool = False
    rulebook: bool = False


def _plan(changes: Iterable[Change]) -> _Plan | None:
    """Translate changes into rows to rewrite; ``None`` if only a full save will do."""
    plan = _Plan()
    for change in changes:
        specific = (
            change.buildings
            or change.cover
            or change.site
            or change.scenarios
            or change.rulebook
            or change.renamed
        )
        if change.everything and not specific:
            return None
        if (change.buildings or change.cover) and change.scenario is None:
            return None  # merged edits of two scenarios: which rows is unknown
        if change.renamed is not None:
            old, new = change.renamed
            plan.renames.append((old, new))
            for group in (plan.buildings,):
                if old in group:
                    group[new] = group.pop(old)
            for names in (plan.cover, plan.whole):
                if old in names:
                    names.discard(old)
                    names.add(new)
        elif change.scenarios and change.scenario is not None:
            plan.whole.add(change.scenario)  # added, or a deletion undone
        if change.scenario is not None and change.buildings:
            plan.buildings.setdefault(change.scenario, set()).update(change.buildings)
        if change.scenario is not None and change.cover:
            plan.cover.add(change.scenario)
        plan.site |= change.site
        plan.rulebook |= change.rulebook
    return plan


def _delete_scenario_rows(
    connection: sqlite3.Connection, scenario: str, ids: Sequence[str] | None = None
) -> None:
    tables = ("buildings", "levels", "allocations")
    if ids is None:
        for table in (*tables, "ground_cover"):
            connection.execute(f"DELETE FROM {table} WHERE scenario = ?", (scenario,))
        return
    for table in tables:
        connection.executemany(
            f"DELETE FROM {table} WHERE scenario = ? AND building_id = ?",
            [(scenario, i) for i in ids],
        )


def _sort_keys(
    connection: sqlite3.Connection, scenario: Scenario, ids: set[str]
) -> dict[str, float]:
    """Order keys for the buildings ``ids`` that keep the scenario's order.

    A replaced building keeps its key; a new one gets a key between those of its
    neighbours (appended: last key + 1), so no other row has to move. Returns an
    empty dict when two neighbours' keys are too close to split (renumber then).
    """
    present = [i for i in ids if i in scenario.buildings]
    keys: dict[str, float] = {}
    for ident in present:
        row = connection.execute(
            "SELECT sort_key FROM buildings WHERE scenario = ? AND building_id = ?",
            (scenario.name, ident),
        ).fetchone()
        if row is not None:
            keys[ident] = row[0]
    new = [i for i in scenario.buildings if i in ids and i not in keys]
    if not new:
        return keys
    # Only a new building needs its neighbours' keys: read them all once.
    known = {
        i: k
        for i, k in connection.execute(
            "SELECT building_id, sort_key FROM buildings WHERE scenario = ?",
            (scenario.name,),
        )
        if i in scenario.buildings
    }
    order = list(scenario.buildings)
    positions = {i: p for p, i in enumerate(order)}
    for ident in new:
        p = positions[ident]
        before = next(
            (known[order[q]] for q in range(p - 1, -1, -1) if order[q] in known), None
        )
        after = next(
            (known[order[q]] for q in range(p + 1, len(order)) if order[q] in known),
            None,
        )
        if before is None and after is None:
            key = 0.0
        elif after is None:
            assert before is not None
            key = math.floor(before) + 1.0
        elif before is None:
            key = math.floor(after) - 1.0
        else:
            key = (before + after) / 2
            if not before < key < after:
                return {}
        known[ident] = keys[ident] = key
    return keys


def _renumber(connection: sqlite3.Connection, scenario: Scenario) -> None:
    connection.executemany(
        "UPDATE buildings SET sort_key = ? WHERE scenario = ? AND building_id = ?",
        [(float(k), scenario.name, i) for k, i in enumerate(scenario.buildings)],
    )


def _rewrite_buildings(
    connection: sqlite3.Connection,
    scenario: Scenario,
    ids: set[str],
    srs_id: int,
    extents: _Extents,
) -> None:
    keys = _sort_keys(connection, scenario, ids)
    if not keys and any(i in scenario.buildings for i in ids):
        _renumber(connection, scenario)
        keys = _sort_keys(connection, scenario, ids)
    _delete_scenario_rows(connection, scenario.name, sorted(ids))
    keyed = [(scenario.buildings[i], keys[i]) for i in scenario.buildings if i in ids]
    _insert_buildings(connection, scenario.name, keyed, srs_id, extents)


def write_changes(
    connection: sqlite3.Connection,
    project: Project,
    changes: Iterable[Change],
    srs_id: int,
) -> str | None:
    """Bring a saved project file up to date with ``changes``, in place.

    ``changes`` must be every change applied (or reverted) since the file was
    last written from this project. Returns the new revision token, or ``None``
    (having written nothing) when the changes cannot be saved row by row and a
    full save is needed.
    """
    plan = _plan(changes)
    if plan is None:
        return None
    in_file = {name for (name,) in connection.execute("SELECT name FROM scenarios")}
    for old, new in plan.renames:
        if new in in_file or old not in in_file:
            return None
        for table in ("buildings", "levels", "allocations", "ground_cover"):
            connection.execute(
                f"UPDATE {table} SET scenario = ? WHERE scenario = ?", (new, old)
            )
        connection.execute("UPDATE scenarios SET name = ? WHERE name = ?", (new, old))
        in_file = (in_file - {old}) | {new}
    extents = _Extents()
    current = {s.name: s for s in project.scenarios}
    for name in in_file - set(current):
        _delete_scenario_rows(connection, name)
    for name, scenario in current.items():
        if name not in in_file or name in plan.whole:
            _delete_scenario_rows(connection, name)
            _write_scenario(connection, scenario, srs_id, extents)
            continue
        if plan.buildings.get(name):
            _rewrite_buildings(
                connection, scenario, plan.buildings[name], srs_id, extents
            )
        if name in plan.cover:
            connection.execute("DELETE FROM ground_cover WHERE scenario = ?", (name,))
            _insert_cover(
                connection, name, list(scenario.cover.values()), srs_id, extents
            )
    _write_scenario_list(connection, project)
    if plan.site:
        _write_site(connection, project, srs_id, extents)
    if plan.rulebook:
        _write_rulebook(connection, project)
    _write_extents(connection, extents, grow=True, exact=("site",) if plan.site else ())
    return _write_meta(connection, project)
