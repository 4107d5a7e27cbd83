"""The tables of a project file (DESIGN §6) and how older schemas migrate.

A project file is an OGC GeoPackage 1.2:

* feature tables ``site`` (MULTIPOLYGON), ``buildings`` (POLYGON) and
  ``ground_cover`` (MULTIPOLYGON) in the project CRS, each with a ``scenario``
  column and attributes a QGIS user can label and filter by;
* attribute tables ``scenarios``, ``levels``, ``allocations`` and ``removals``,
  registered in ``gpkg_contents`` as ``attributes`` (QGIS lists them as tables);
* internal tables, not registered: ``mixplan_schema`` (versions applied),
  ``mixplan_meta`` (project metadata), ``mixplan_rulebook`` (values that differ
  from the defaults, as JSON), ``mixplan_assumptions`` (the financial
  assumptions, every one with its source, year and status; schema 2) and
  ``mixplan_app_state`` (key/value for the app).

``SCHEMA_VERSION`` is the version this code writes. :data:`MIGRATIONS` maps a
version ``v`` to the function that upgrades a connection from ``v`` to ``v + 1``;
opening an older file runs them on an in-memory copy, never on the user's file.
Keep a fixture of every released version under ``tests/store/fixtures/``.

Version 2 (scenarios as changes over the baseline, DESIGN §14): a scenario's
rows in ``buildings`` are its whole state, so that filtering the layer by
scenario in QGIS shows every building standing in it. A row with ``kept`` = 1 is
a baseline building the scenario keeps as it is: its attributes repeat the
baseline's (for GIS users), it has no ``levels`` rows, and mixplan reads it as
the baseline's current version. ``changed_from`` is the fingerprint of the
baseline version a changed building was changed from (rule U02). ``removals``
lists the baseline buildings each scenario removes.

Ground cover likewise: a scenario's ``ground_cover`` rows are its whole state; a
row with ``kept`` = 1 repeats the baseline cover of its ``cover_id`` (mixplan
reads the baseline's), ``changed_from`` fingerprints the baseline version a
changed cover was changed from, and ``cover_removals`` lists the baseline covers
each scenario removes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from mixplan.store.crs import crs_name, crs_wkt1, epsg_code

__all__ = [
    "APPLICATION_ID",
    "ATTRIBUTE_TABLES",
    "FEATURE_TABLES",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "USER_VERSION",
    "add_cover_changes",
    "create_schema",
    "lacks_cover_changes",
]

#: ``PRAGMA application_id`` of a GeoPackage: 'GPKG' as a big-endian int32.
APPLICATION_ID = 0x47504B47
#: ``PRAGMA user_version`` of a GeoPackage 1.2.
USER_VERSION = 10200
#: The project schema this version of mixplan writes.
SCHEMA_VERSION = 2

#: Upgrades: ``MIGRATIONS[v](connection)`` turns schema ``v`` into ``v + 1``.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {}

#: Feature table -> (geometry type, description shown by GIS tools).
FEATURE_TABLES: dict[str, tuple[str, str]] = {
    "site": ("MULTIPOLYGON", "Site boundary"),
    "buildings": ("POLYGON", "Buildings of every scenario (filter on 'scenario')"),
    "ground_cover": (
        "MULTIPOLYGON",
        "Ground cover of every scenario (filter on 'scenario')",
    ),
}

#: Attribute table -> description.
ATTRIBUTE_TABLES: dict[str, str] = {
    "scenarios": "Scenarios, the baseline first",
    "levels": "Levels of each building, bottom-up (level_index 0 = ground)",
    "allocations": "Uses on each level: share of the level's floor area",
    "removals": "Baseline buildings each scenario removes",
    "cover_removals": "Baseline ground covers each scenario removes",
    "phases": "Phases of the works, numbered from 1",
}

_WGS84_WKT1 = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],'
    'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)

_GPKG_TABLES = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id)
    REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
"""

_PROJECT_TABLES = (
    """
CREATE TABLE site (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom MULTIPOLYGON,
  name TEXT,
  area_m2 DOUBLE,
  single_polygon BOOLEAN NOT NULL
);
CREATE TABLE buildings (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom POLYGON,
  scenario TEXT NOT NULL,
  building_id TEXT NOT NULL,
  name TEXT,
  origin TEXT,
  sort_key DOUBLE NOT NULL,
  levels INTEGER NOT NULL,
  basements INTEGER NOT NULL,
  storeys TEXT,
  height_m DOUBLE,
  footprint_m2 DOUBLE,
  gross_floor_area_m2 DOUBLE,
  dominant_use TEXT,
  dominant_family TEXT,
  freight_lift_kg DOUBLE NOT NULL,
  ramp BOOLEAN NOT NULL,
  loading_bays INTEGER NOT NULL,
  parking_spaces INTEGER NOT NULL,
  roof TEXT NOT NULL,
  shared BOOLEAN NOT NULL,
  kept BOOLEAN NOT NULL DEFAULT 0,
  changed_from TEXT,
  common_parts BOOLEAN NOT NULL DEFAULT 1,
  UNIQUE (scenario, building_id)
);
CREATE TABLE ground_cover (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom MULTIPOLYGON,
  scenario TEXT NOT NULL,
  cover_id TEXT NOT NULL,
  cover TEXT NOT NULL,
  sort_key DOUBLE NOT NULL,
  area_m2 DOUBLE,
  single_polygon BOOLEAN NOT NULL,
  spaces INTEGER NOT NULL DEFAULT 0,
  kept BOOLEAN NOT NULL DEFAULT 0,
  changed_from TEXT,
  UNIQUE (scenario, cover_id)
);
CREATE TABLE removals (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  scenario TEXT NOT NULL,
  building_id TEXT NOT NULL,
  UNIQUE (scenario, building_id)
);
CREATE TABLE cover_removals (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  scenario TEXT NOT NULL,
  cover_id TEXT NOT NULL,
  UNIQUE (scenario, cover_id)
);
CREATE TABLE scenarios (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  name TEXT NOT NULL UNIQUE,
  position INTEGER NOT NULL,
  baseline BOOLEAN NOT NULL,
  description TEXT,
  buildings INTEGER
);
CREATE TABLE levels (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  scenario TEXT NOT NULL,
  building_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  level_index INTEGER NOT NULL,
  height_m DOUBLE NOT NULL,
  load_kn_m2 DOUBLE,
  access TEXT,
  area_m2 DOUBLE,
  polygon BLOB
);
CREATE INDEX levels_building ON levels (scenario, building_id, position);
CREATE TABLE allocations (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  scenario TEXT NOT NULL,
  building_id TEXT NOT NULL,
  level_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  use_code TEXT NOT NULL,
  family TEXT,
  share DOUBLE NOT NULL,
  nuisance TEXT,
  area_m2 DOUBLE
);
CREATE INDEX allocations_building
  ON allocations (scenario, building_id, level_position, position);
CREATE TABLE mixplan_schema (
  version INTEGER NOT NULL PRIMARY KEY,
  applied TEXT NOT NULL
);
CREATE TABLE mixplan_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT);
CREATE TABLE mixplan_rulebook (
  section TEXT NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (section, name)
);
CREATE TABLE mixplan_app_state (key TEXT NOT NULL PRIMARY KEY, value TEXT);
"""
    + """
CREATE TABLE mixplan_assumptions (
  key TEXT NOT NULL PRIMARY KEY,
  value DOUBLE NOT NULL,
  source TEXT NOT NULL,
  year INTEGER,
  status TEXT NOT NULL
);
"""
)

#: Tables schema 2 adds (created by the v1 -> v2 migration as well).
_V2_TABLES = _PROJECT_TABLES[
    _PROJECT_TABLES.index("CREATE TABLE mixplan_assumptions") :
]


def _statements(script: str) -> list[str]:
    return [s for s in script.split(";") if s.strip()]


#: Schema 2, phasing (DESIGN §16): the phases, the phase data of buildings (firms
#: as JSON) and the demolition phase of a removed building. Run on a new file
#: and by the migration alike, so both have the same tables.
_V2_PHASING = """
ALTER TABLE buildings ADD COLUMN demolished_in INTEGER;
ALTER TABLE buildings ADD COLUMN delivered_in INTEGER;
ALTER TABLE buildings ADD COLUMN occupants TEXT;
ALTER TABLE buildings ADD COLUMN hosts TEXT;
ALTER TABLE removals ADD COLUMN demolished_in INTEGER;
CREATE TABLE phases (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  phase INTEGER NOT NULL UNIQUE,
  name TEXT,
  start_date TEXT,
  end_date TEXT
);
"""


def _v1_to_v2(connection: sqlite3.Connection) -> None:
    """Schema 1 -> 2: assumptions table, common parts, car-park spaces.

    Adds the financial assumptions table (empty: the defaults),
    ``buildings.common_parts`` (R111-22 8° deduction) and ``ground_cover.spaces``
    (car spaces of a surface car park; version 1 had no car-park cover). A
    building of a version-1 file is taken to have internal common parts, the
    default of a new building: version 1 applied no deduction at all, which
    overstated housing floor area.
    """
    for statement in _V2_TABLES.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute(
        "ALTER TABLE buildings ADD COLUMN common_parts BOOLEAN NOT NULL DEFAULT 1"
    )
    connection.execute(
        "ALTER TABLE ground_cover ADD COLUMN spaces INTEGER NOT NULL DEFAULT 0"
    )


def create_schema(connection: sqlite3.Connection, crs: str) -> int:
    """Create every table of an empty project file; return the project's srs_id.

    The srs_id is the EPSG code, so GDAL and QGIS recognise the CRS by number;
    the definition is WKT1 (for EPSG:2154 written from a constant, so no PROJ
    database is needed).
    """
    srs_id = epsg_code(crs)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {USER_VERSION}")
    # Statement by statement: executescript() would commit the caller's transaction.
    for statement in _statements(_GPKG_TABLES + _PROJECT_TABLES + _V2_PHASING):
        connection.execute(statement)
    srs_rows = [
        (
            "Undefined cartesian SRS",
            -1,
            "NONE",
            -1,
            "undefined",
            "undefined cartesian coordinate reference system",
        ),
        (
            "Undefined geographic SRS",
            0,
            "NONE",
            0,
            "undefined",
            "undefined geographic coordinate reference system",
        ),
        (
            "WGS 84 geodetic",
            4326,
            "EPSG",
            4326,
            _WGS84_WKT1,
            "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid",
        ),
    ]
    if srs_id != 4326:
        srs_rows.append((crs_name(crs), srs_id, "EPSG", srs_id, crs_wkt1(crs), crs))
    connection.executemany(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", srs_rows
    )
    for table, (geometry_type, description) in FEATURE_TABLES.items():
        connection.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, "
            "description, srs_id) VALUES (?, 'features', ?, ?, ?)",
            (table, table, description, srs_id),
        )
        connection.execute(
            "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)",
            (table, geometry_type, srs_id),
        )
    for table, description in ATTRIBUTE_TABLES.items():
        connection.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, "
            "description) VALUES (?, 'attributes', ?, ?)",
            (table, table, description),
        )
    connection.execute(
        "INSERT INTO mixplan_schema VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
        (SCHEMA_VERSION,),
    )
    return srs_id


def _migrate_1_to_2(connection: sqlite3.Connection) -> None:
    """Version 1 -> 2: assumptions (DESIGN §17) and scenarios as changes (§14).

    Adds the financial assumptions table, and the columns and tables of
    scenarios as changes. Every row stays a building or cover of its own; which
    scenario buildings and covers are kept (equal to their baseline
    counterpart) and which baseline ones a scenario removes is found on the
    model after reading (:meth:`~mixplan.model.project.Project.settle`).
    """
    _v1_to_v2(connection)
    connection.execute(
        "ALTER TABLE buildings ADD COLUMN kept BOOLEAN NOT NULL DEFAULT 0"
    )
    connection.execute("ALTER TABLE buildings ADD COLUMN changed_from TEXT")
    connection.execute(
        "CREATE TABLE removals (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
        "scenario TEXT NOT NULL, building_id TEXT NOT NULL, "
        "UNIQUE (scenario, building_id))"
    )
    connection.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, "
        "description) VALUES ('removals', 'attributes', 'removals', ?)",
        (ATTRIBUTE_TABLES["removals"],),
    )
    for statement in _statements(_V2_PHASING):
        connection.execute(statement)
    connection.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, "
        "description) VALUES ('phases', 'attributes', 'phases', ?)",
        (ATTRIBUTE_TABLES["phases"],),
    )
    add_cover_changes(connection)


def lacks_cover_changes(connection: sqlite3.Connection) -> bool:
    """Whether a version-2 file predates ground cover as changes over the baseline.

    Development builds of version 2 wrote every scenario's ground cover as a
    whole copy, without ``ground_cover.kept``/``changed_from`` and
    ``cover_removals``; such a file is completed in memory on open
    (:func:`add_cover_changes`) and its covers settled like version 1's.
    """
    columns = {row[1] for row in connection.execute("PRAGMA table_info(ground_cover)")}
    return "kept" not in columns


def add_cover_changes(connection: sqlite3.Connection) -> None:
    """Add the columns and table of ground cover as changes (DESIGN §14)."""
    connection.execute(
        "ALTER TABLE ground_cover ADD COLUMN kept BOOLEAN NOT NULL DEFAULT 0"
    )
    connection.execute("ALTER TABLE ground_cover ADD COLUMN changed_from TEXT")
    connection.execute(
        "CREATE TABLE cover_removals (fid INTEGER PRIMARY KEY AUTOINCREMENT "
        "NOT NULL, scenario TEXT NOT NULL, cover_id TEXT NOT NULL, "
        "UNIQUE (scenario, cover_id))"
    )
    connection.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, "
        "description) VALUES ('cover_removals', 'attributes', 'cover_removals', ?)",
        (ATTRIBUTE_TABLES["cover_removals"],),
    )


MIGRATIONS[1] = _migrate_1_to_2
