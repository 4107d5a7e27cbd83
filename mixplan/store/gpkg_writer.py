"""Writing a project into the tables of :mod:`mixplan.store.gpkg_schema`.

:func:`write_full` fills a fresh file inside the caller's transaction; the row
writers below are shared with :mod:`mixplan.store.gpkg_incremental`, which
rewrites only the rows that edits touched.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon

from mixplan import __version__
from mixplan.model.geometry import Areal
from mixplan.model.phasing import Hosting, Occupant
from mixplan.model.project import Building, GroundCover, Project, Scenario
from mixplan.model.sameness import digest_text
from mixplan.model.typologies import typology_to_json
from mixplan.model.uses import USES
from mixplan.store.gpkg_blob import encode_blobs
from mixplan.store.gpkg_schema import (
    ATTRIBUTE_TABLES,
    FEATURE_TABLES,
    SCHEMA_VERSION,
    create_schema,
)
from mixplan.store.progress import Progress, Span, nothing_reported

__all__ = [
    "Extents",
    "insert_buildings",
    "insert_cover",
    "insert_removals",
    "write_extents",
    "write_full",
    "write_meta",
    "write_rulebook",
    "write_assumptions",
    "firms_json",
    "write_phases",
    "write_scenario",
    "write_scenario_list",
    "write_site",
]

_BUILDING_COLUMNS = (
    "geom, scenario, building_id, name, origin, sort_key, levels, basements, "
    "storeys, height_m, footprint_m2, gross_floor_area_m2, dominant_use, "
    "dominant_family, freight_lift_kg, ramp, loading_bays, parking_spaces, roof, "
    "shared, kept, changed_from, demolished_in, delivered_in, occupants, hosts, "
    "common_parts"
)
_INSERT_BUILDING = (
    f"INSERT INTO buildings ({_BUILDING_COLUMNS}) VALUES ({', '.join('?' * 27)})"
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
    "single_polygon, spaces, kept, changed_from) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

Extent = tuple[float, float, float, float]  # minx, miny, maxx, maxy


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


def _as_multi(geometry: Areal) -> MultiPolygon:
    # The layer is declared MULTIPOLYGON, and the GeoPackage spec allows only that
    # type (or a subtype) in it; ``single_polygon`` remembers a plain Polygon.
    return MultiPolygon([geometry]) if isinstance(geometry, Polygon) else geometry


#: Family of each use code, looked up once per allocation row.
_FAMILY: dict[str, str] = {code: u.family.value for code, u in USES.items()}
_COUNTS_IN_SDP: dict[str, bool] = {code: u.counts_in_sdp for code, u in USES.items()}


def _dominant_use(area_by_use: dict[str, float]) -> str:
    """The use with the most floor area above ground, floor-area uses first.

    Parking or technical rooms win only when nothing else is above ground: a
    QGIS user styling by this column wants "craft" for a workshop over a car park.
    """
    floor = {u: a for u, a in area_by_use.items() if _COUNTS_IN_SDP[u]}
    ranked = floor or area_by_use
    return max(ranked, key=ranked.__getitem__)


@dataclass
class Extents:
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


def insert_buildings(
    connection: sqlite3.Connection,
    scenario: str,
    keyed: Sequence[tuple[Building, float]],
    srs_id: int,
    extents: Extents,
    state: Scenario | None = None,
    progress: Progress = nothing_reported,
) -> None:
    """Insert building rows (and the levels and allocations of those not kept).

    ``state`` is the scenario they belong to, which says which are kept and what
    changed buildings were changed from. ``progress`` is told the fraction of
    this step done.
    """
    if not keyed:
        return
    kept_ids = state.kept if state is not None else set()
    changed_from = state.changed_from if state is not None else {}
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
    footprint_areas = shapely.area(footprints).tolist()
    rows = Span(progress, 0.0, 0.6).rows(keyed)
    for (b, key), blob, footprint_m2 in zip(rows, blobs, footprint_areas, strict=True):
        gross = 0.0
        above: dict[str, float] = {}
        kept = b.id in kept_ids
        for position, level in enumerate(b.levels):
            area = footprint_m2 if level.polygon is None else level.polygon.area
            gross += area
            index = position - b.basements
            for a in level.uses:
                if index >= 0:
                    above[a.use] = above.get(a.use, 0.0) + area * a.share
            if kept:
                continue  # read back from the baseline's rows
            level_rows.append(
                (
                    scenario,
                    b.id,
                    position,
                    index,
                    level.height_m,
                    level.load_kn_m2,
                    level.access,
                    area,
                    None if level.polygon is None else level_blobs[id(level)],
                )
            )
            for slot, a in enumerate(level.uses):
                use_area = area * a.share
                allocation_rows.append(
                    (
                        scenario,
                        b.id,
                        position,
                        slot,
                        a.use,
                        _FAMILY[a.use],
                        a.share,
                        a.nuisance,
                        use_area,
                    )
                )
        dominant = _dominant_use(above)
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
                _FAMILY[dominant],
                b.freight_lift_kg,
                b.ramp,
                b.loading_bays,
                b.parking_spaces,
                b.roof,
                b.shared,
                kept,
                digest_text(changed_from.get(b.id)),
                b.demolished_in,
                b.delivered_in,
                firms_json(b.occupants),
                firms_json(b.hosts),
                b.common_parts,
            )
        )
    connection.executemany(_INSERT_BUILDING, building_rows)
    progress(0.7)
    connection.executemany(_INSERT_LEVEL, level_rows)
    progress(0.85)
    connection.executemany(_INSERT_ALLOCATION, allocation_rows)
    progress(1.0)


def insert_cover(
    connection: sqlite3.Connection,
    scenario: Scenario,
    srs_id: int,
    extents: Extents,
) -> None:
    """Insert the rows of a scenario's ground cover and of the covers it removes.

    Kept covers are written with their baseline attributes (GIS users see the
    whole state) and ``kept`` set.
    """
    connection.executemany(
        "INSERT INTO cover_removals (scenario, cover_id) VALUES (?, ?)",
        [(scenario.name, i) for i in sorted(scenario.cover_removed)],
    )
    cover: Sequence[GroundCover] = list(scenario.cover.values())
    if not cover:
        return
    kept, changed_from = scenario.cover_kept, scenario.cover_changed_from
    geometries = [_as_multi(c.geometry) for c in cover]
    extents.add("ground_cover", geometries)
    blobs = encode_blobs(geometries, srs_id)
    connection.executemany(
        _INSERT_COVER,
        [
            (
                blob,
                scenario.name,
                c.id,
                c.cover,
                float(key),
                c.geometry.area,
                isinstance(c.geometry, Polygon),
                c.spaces,
                c.id in kept,
                changed_from.get(c.id),
            )
            for key, (c, blob) in enumerate(zip(cover, blobs, strict=True))
        ],
    )


def insert_removals(
    connection: sqlite3.Connection, scenario: Scenario, ids: Sequence[str]
) -> None:
    """Insert the rows of ``scenario``'s removals of the baseline buildings ``ids``."""
    connection.executemany(
        "INSERT INTO removals (scenario, building_id, demolished_in) VALUES (?, ?, ?)",
        [
            (scenario.name, i, scenario.removed[i].demolished_in)
            for i in ids
            if i in scenario.removed
        ],
    )


def firms_json(firms: Sequence[Occupant | Hosting]) -> str | None:
    """Occupants or hosts as the JSON text of their column (``None`` if none)."""
    if not firms:
        return None
    return json.dumps(
        [{k: v for k, v in asdict(f).items() if v is not None} for f in firms],
        ensure_ascii=False,
    )


def write_phases(connection: sqlite3.Connection, project: Project) -> None:
    """The project's phases, numbered from 1."""
    connection.execute("DELETE FROM phases")
    connection.executemany(
        "INSERT INTO phases (phase, name, start_date, end_date) VALUES (?, ?, ?, ?)",
        [(n, p.name, p.start, p.end) for n, p in enumerate(project.phases, 1)],
    )


def write_scenario(
    connection: sqlite3.Connection,
    scenario: Scenario,
    srs_id: int,
    extents: Extents,
    progress: Progress = nothing_reported,
) -> None:
    keyed = [(b, float(key)) for key, b in enumerate(scenario.buildings.values())]
    insert_buildings(
        connection, scenario.name, keyed, srs_id, extents, scenario, progress
    )
    insert_removals(connection, scenario, list(scenario.removed))
    insert_cover(connection, scenario, srs_id, extents)


def write_scenario_list(connection: sqlite3.Connection, project: Project) -> None:
    connection.execute("DELETE FROM scenarios")
    connection.executemany(
        "INSERT INTO scenarios (name, position, baseline, description, buildings) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (s.name, i, i == 0, s.description, len(s.buildings))
            for i, s in enumerate(project.scenarios)
        ],
    )


def write_site(
    connection: sqlite3.Connection, project: Project, srs_id: int, extents: Extents
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


def write_rulebook(connection: sqlite3.Connection, project: Project) -> None:
    connection.execute("DELETE FROM mixplan_rulebook")
    connection.executemany(
        "INSERT INTO mixplan_rulebook VALUES (?, ?, ?)",
        [
            (section, name, json.dumps(value))
            for (section, name), value in sorted(project.rulebook.values.items())
        ],
    )


def write_assumptions(connection: sqlite3.Connection, project: Project) -> None:
    """Write every financial assumption with its provenance (DESIGN §17)."""
    connection.execute("DELETE FROM mixplan_assumptions")
    connection.executemany(
        "INSERT INTO mixplan_assumptions VALUES (?, ?, ?, ?, ?)",
        [
            (key, entry.value, entry.source, entry.year, entry.status)
            for key, entry in project.assumptions
        ],
    )


def write_meta(connection: sqlite3.Connection, project: Project) -> str:
    revision = uuid.uuid4().hex
    connection.executemany(
        "INSERT OR REPLACE INTO mixplan_meta VALUES (?, ?)",
        [
            ("application", "mixplan"),
            ("mixplan_version", __version__),
            ("schema_version", str(SCHEMA_VERSION)),
            ("project_name", project.name),
            ("author", project.author),
            ("crs", project.crs),
            (
                "context_layers",
                json.dumps([layer.to_json() for layer in project.context_layers]),
            ),
            (
                "typologies",
                json.dumps([typology_to_json(t) for t in project.typologies]),
            ),
            ("report_options", json.dumps(project.report_options.to_json())),
            ("saved", _now()),
            ("revision", revision),
        ],
    )
    return revision


def write_extents(
    connection: sqlite3.Connection,
    extents: Extents,
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
    progress: Progress = nothing_reported,
) -> str:
    """Create the schema in an empty database and write the whole project.

    ``progress`` is told, scenario after scenario, the fraction written (each
    scenario's share is its share of the buildings).

    Returns
    -------
    str
        The revision token written in ``mixplan_meta`` (changes on every save).
    """
    srs_id = create_schema(connection, project.crs)
    extents = Extents()
    write_site(connection, project, srs_id, extents)
    write_scenario_list(connection, project)
    total = sum(len(s.buildings) for s in project.scenarios) or 1
    done = 0
    for scenario in project.scenarios:
        share = Span(progress, done / total, (done + len(scenario.buildings)) / total)
        write_scenario(connection, scenario, srs_id, extents, share.at_fraction)
        done += len(scenario.buildings)
    write_rulebook(connection, project)
    write_phases(connection, project)
    write_assumptions(connection, project)
    if app_state:
        connection.executemany(
            "INSERT INTO mixplan_app_state VALUES (?, ?)", sorted(app_state.items())
        )
    write_extents(connection, extents, grow=False)
    return write_meta(connection, project)
