"""Open project files (``NAME.mixplan.gpkg``) as untrusted files (DESIGN §6, §10).

The file's header is checked before SQLite sees it (text files, truncated files),
the connection is read-only with ``trusted_schema=OFF`` and ``mmap_size=0``,
``PRAGMA quick_check`` runs first, and every failure is one
:class:`~mixplan.store.errors.ProjectFileError` line. An older schema is migrated
on an in-memory copy; the file itself is never changed by opening it (a journal
beside it is rolled back into a private copy, :mod:`sqlite_guard`).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from mixplan.gc_pause import collector_paused
from mixplan.model.errors import message_language
from mixplan.model.project import OpenedFile, Project, SavedFile
from mixplan.store.errors import NewerSchemaError, NotAProjectError, ProjectFileError
from mixplan.store.gpkg_blob import register_st_functions
from mixplan.store.gpkg_reader import RowError, read_project
from mixplan.store.gpkg_schema import (
    APPLICATION_ID,
    ATTRIBUTE_TABLES,
    FEATURE_TABLES,
    MIGRATIONS,
    SCHEMA_VERSION,
    add_cover_changes,
    lacks_cover_changes,
)
from mixplan.store.leftovers import (
    french_note,
    remove_idle_journal,
    settle_temporaries,
    unsaved_copy_note,
)
from mixplan.store.progress import Progress, Span, nothing_reported
from mixplan.store.sqlite_guard import (
    READ_BUDGET_S,
    RECOVERED_NOTE,
    UntrustedDatabase,
    budget_exceeded,
    foreign_journal_note,
    open_copy,
    open_in_place,
    read_header,
    side_files,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "configure_connection",
    "open_project",
    "open_project_and_version",
    "opening_notes",
    "read_app_state",
    "read_identity",
    "read_revision",
    "read_schema_version",
    "remember_file",
]

_log = logging.getLogger(__name__)
_SQLITE_MAGIC = b"SQLite format 3\x00"
#: Caps on what is opened (DESIGN §10): a 10,000-building project is ~15 MB.
MAX_FILE_BYTES = 2 * 1024**3
MAX_ROWS = {"buildings": 1_000_000, "levels": 10_000_000, "allocations": 20_000_000}
#: GeoPackage 1.0 and 1.1 used other application ids ('GP10', 'GP11').
_GPKG_IDS = {APPLICATION_ID, 0x47503130, 0x47503131}
#: The part of an open's time spent checking the file (quick_check, counts).
_CHECKED = 0.05


# --- untrusted opening ------------------------------------------------------------


def _check_header(path: Path) -> bytes:
    """Refuse what is plainly not an SQLite database before SQLite reads it."""
    header, size = read_header(path)
    if size == 0:
        raise ProjectFileError("the file is empty", path)
    if size > MAX_FILE_BYTES:
        raise ProjectFileError(
            f"file is {size / 1e6:,.0f} MB; "
            f"the limit is {MAX_FILE_BYTES / 1e6:,.0f} MB",
            path,
        )
    if not header.startswith(_SQLITE_MAGIC):
        if b"\x00" not in header:
            raise ProjectFileError(
                "is a text file, not a mixplan project (a GeoPackage)", path
            )
        raise ProjectFileError("not a mixplan project (not an SQLite database)", path)
    if len(header) < 100:
        raise ProjectFileError("truncated file (shorter than its header)", path)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count is trustworthy when the "version-valid-for" number matches
    # the change counter (SQLite file format §1.3.9).
    if header[92:96] == header[24:28] and pages and size < page_size * pages:
        raise ProjectFileError(
            f"truncated file ({size:,} bytes of {page_size * pages:,})", path
        )
    return header


def configure_connection(connection: sqlite3.Connection, trusted: bool) -> None:
    """Register the GeoPackage ``ST_`` functions and the safe pragmas."""
    register_st_functions(connection)
    connection.execute(f"PRAGMA trusted_schema = {'ON' if trusted else 'OFF'}")
    connection.execute("PRAGMA mmap_size = 0")
    connection.execute("PRAGMA cell_size_check = ON")


def _one_line(text: str) -> str:
    """SQLite's multi-line messages (quick_check) as one short line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("*** in database")]
    first = lines[0] if lines else "?"
    more = f" and {len(lines) - 1} more problems" if len(lines) > 1 else ""
    return (first[:160] + "…" if len(first) > 160 else first) + more


def _checked_version(database: UntrustedDatabase, path: Path) -> int:
    """``quick_check`` then the schema version, every failure one line."""
    connection = database.connection
    try:
        register_st_functions(connection)
        rows = [row[0] for row in connection.execute("PRAGMA quick_check(20)")]
        if rows != ["ok"]:
            _log.info("quick_check of %s:\n%s", path, "\n".join(map(str, rows)))
            raise ProjectFileError(
                f"damaged file (SQLite quick_check: {_one_line(chr(10).join(rows))})",
                path,
            )
        return _schema_version(connection, path)
    except UnicodeDecodeError:
        raise ProjectFileError("damaged file (text that is not UTF-8)", path) from None
    except sqlite3.DatabaseError as exc:
        if budget_exceeded(exc):
            raise _too_long(path) from None
        raise ProjectFileError(
            f"damaged or not a database ({_one_line(str(exc))})", path
        ) from None


def _too_long(path: Path) -> ProjectFileError:
    return ProjectFileError(
        f"takes too long to read (stopped after {READ_BUDGET_S:g} s)", path
    )


def _connect_untrusted(path: Path) -> tuple[UntrustedDatabase, int, list[str]]:
    """A hardened connection to a checked file, its schema version, notes for the user.

    A journal or WAL beside the file is never rolled into it: the file is copied
    with it into a private folder and recovered there (:mod:`sqlite_guard`). A
    journal whose rollback does not give a valid project is another database's:
    it is reported and the file is read as it is.
    """
    header = _check_header(path)
    side = side_files(path, header)
    notes: list[str] = []
    if side.journal is not None:
        database = open_copy(path, side, with_journal=True)
        try:
            version = _checked_version(database, path)
        except ProjectFileError:
            database.close()
            notes.append(foreign_journal_note(side.journal))
        else:
            notes.append(RECOVERED_NOTE)
            return database, version, notes
    if side.stray_journal is not None:
        notes.append(foreign_journal_note(side.stray_journal))
    if side.any:
        database = open_copy(path, side, with_journal=False)
    else:
        database = open_in_place(path)
    try:
        return database, _checked_version(database, path), notes
    except BaseException:
        database.close()
        raise


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
        )
    }


#: Every table a project is read from: a view or virtual table under one of these
#: names would run the file's own SQL, which may never finish.
_READ_TABLES = frozenset(
    {*FEATURE_TABLES, *ATTRIBUTE_TABLES, "gpkg_contents", "gpkg_spatial_ref_sys"}
    | {"mixplan_meta", "mixplan_schema", "mixplan_rulebook", "mixplan_app_state"}
)


def _refuse_foreign_views(connection: sqlite3.Connection, path: Path) -> None:
    for name, kind, sql in connection.execute(
        "SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view')"
    ):
        virtual = str(sql or "").lstrip().upper().startswith("CREATE VIRTUAL")
        if name in _READ_TABLES and (kind == "view" or virtual):
            what = "a view" if kind == "view" else "a virtual table"
            raise ProjectFileError(
                f"'{name}' is {what} in this file, not a table; mixplan does not "
                "run a file's own SQL (it could take forever to read)",
                path,
            )


def _schema_version(connection: sqlite3.Connection, path: Path) -> int:
    """The project schema version; refuses foreign files with a clear message."""
    _refuse_foreign_views(connection, path)
    tables = _tables(connection)
    (application_id,) = connection.execute("PRAGMA application_id").fetchone()
    if application_id not in _GPKG_IDS and "gpkg_contents" not in tables:
        raise ProjectFileError(
            "an SQLite database, but not a GeoPackage or mixplan project", path
        )
    is_project = False
    if "mixplan_meta" in tables:
        row = connection.execute(
            "SELECT value FROM mixplan_meta WHERE key = 'application'"
        ).fetchone()
        is_project = row is not None and row[0] == "mixplan"
    if not is_project:
        layers: list[str] = []
        if "gpkg_contents" in tables:
            layers = [
                name
                for (name,) in connection.execute(
                    "SELECT table_name FROM gpkg_contents WHERE data_type = 'features' "
                    "ORDER BY table_name"
                )
            ]
        shown = ", ".join(layers) if layers else "none"
        raise NotAProjectError(
            f"a GeoPackage, but not a mixplan project (layers: {shown}); "
            "import its layers into a project instead",
            path,
            layers,
        )
    row = connection.execute("SELECT max(version) FROM mixplan_schema").fetchone()
    version = row[0] if row else None
    if not isinstance(version, int) or version < 1:
        raise ProjectFileError("damaged project: no schema version", path)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"written by a newer mixplan (project schema {version}; this version "
            f"reads up to {SCHEMA_VERSION}); update mixplan to open it",
            path,
        )
    for table, limit in MAX_ROWS.items():
        (count,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        if count > limit:
            raise ProjectFileError(
                f"{count:,} rows in '{table}'; the limit is {limit:,}", path
            )
    return version


def _migrated(
    connection: sqlite3.Connection, version: int, path: Path
) -> sqlite3.Connection:
    """An in-memory copy of an older project, upgraded to the current schema."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    connection.backup(memory)
    configure_connection(memory, trusted=True)
    for step in range(version, SCHEMA_VERSION):
        migrate = MIGRATIONS.get(step)
        if migrate is None:
            memory.close()
            raise ProjectFileError(f"no migration from project schema {step}", path)
        try:
            memory.execute("BEGIN")
            migrate(memory)
            memory.execute(
                "INSERT INTO mixplan_schema VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ',"
                "'now'))",
                (step + 1,),
            )
            memory.execute("COMMIT")
        except Exception as exc:  # noqa: BLE001 - any failure: one line, file intact
            memory.close()
            raise ProjectFileError(
                f"cannot upgrade from project schema {step} ({exc})", path
            ) from None
    return memory


@contextlib.contextmanager
def _reading(
    path: str | Path, notes: list[str] | None = None
) -> Iterator[tuple[sqlite3.Connection, int]]:
    """An untrusted connection and the schema version; ``notes`` gets what to tell."""
    source = Path(path)
    database, version, found = _connect_untrusted(source)
    if notes is not None:
        notes.extend(found)
    try:
        yield database.connection, version
    except UnicodeDecodeError:
        raise ProjectFileError(
            "damaged project file (text that is not UTF-8)", source
        ) from None
    except sqlite3.DatabaseError as exc:
        if budget_exceeded(exc):
            raise _too_long(source) from None
        raise ProjectFileError(
            f"damaged project file ({_one_line(str(exc))})", source
        ) from None
    finally:
        database.close()


def read_schema_version(path: str | Path) -> int:
    """The schema version a project file was written with (before any migration).

    Raises
    ------
    ProjectFileError
        If the file is missing, damaged, or not a mixplan project.
    """
    with _reading(path) as (_, version):
        return version


def open_project(path: str | Path, progress: Progress = nothing_reported) -> Project:
    """Open a project file (any file: it is treated as untrusted).

    ``progress`` is told, now and then, the fraction of the read done (0 to 1),
    for a bar in a window that reads in the background.

    Raises
    ------
    ProjectFileError
        One line naming the file and the problem: missing file, directory, text
        file, empty or truncated file, damaged database, SQLite database that is
        not a GeoPackage, GeoPackage that is not a mixplan project
        (:class:`~mixplan.store.errors.NotAProjectError`, listing its layers),
        newer schema (:class:`~mixplan.store.errors.NewerSchemaError`), or rows
        that do not make a valid project.

    Examples
    --------
    >>> from mixplan.store import open_project  # doctest: +SKIP
    >>> project = open_project("demo.mixplan.gpkg")  # doctest: +SKIP
    """
    return open_project_and_version(path, progress)[0]


def open_project_and_version(
    path: str | Path, progress: Progress = nothing_reported
) -> tuple[Project, int]:
    """Open a project and tell the schema version its file was written with.

    One untrusted read serves both (:func:`read_schema_version` would check the
    file a second time); the version is the one before any migration. What an
    interrupted save left beside the file is settled (:mod:`leftovers`): litter
    removed, a newer whole project moved to the recovery folder and named in
    :attr:`Project.opened_file`; the file itself is never changed. ``progress``
    as for :func:`open_project`.
    """
    source = Path(path)
    try:
        project, version, notes, revision, completed = _read(source, progress)
    except ProjectFileError as exc:
        # The file cannot be read: a whole project an interrupted save wrote
        # may be the only good copy, so it is kept whatever its age.
        copies = settle_temporaries(source, read_identity, None)
        if copies:
            note = unsaved_copy_note(copies[0])
            exc.message_fr = f"{exc.text('fr')}\u202f; {french_note(note)}"
            exc.args = (f"{exc.args[0]}; {note}",)
        raise
    copies = settle_temporaries(source, read_identity, revision)
    # Recovered or read past a foreign journal: the file on disk is not what was
    # read, so the next save must write the whole project.
    read_elsewhere = bool(notes)
    if not read_elsewhere:
        remove_idle_journal(source)
    notes.extend(unsaved_copy_note(copy) for copy in copies)
    if notes:
        project.opened_file = OpenedFile(
            source.resolve(),
            tuple(notes),
            recovered=RECOVERED_NOTE in notes,
            foreign_journal=read_elsewhere and RECOVERED_NOTE not in notes,
            unsaved_copy=copies[0].path if copies else None,
        )
    if read_elsewhere:
        return project, version
    if version == SCHEMA_VERSION and not completed:
        # An older file must be rewritten whole in the current schema before any
        # row-by-row save; not remembering it forces that.
        remember_file(project, source, revision)
    return project, version


def _read(
    source: Path, progress: Progress = nothing_reported
) -> tuple[Project, int, list[str], str | None, bool]:
    """The project in ``source``, its schema version, notes and revision token.

    The last item says whether the file was completed to the current schema in
    memory (then it must be saved whole before any row-by-row save).
    """
    notes: list[str] = []
    with _reading(source, notes) as (connection, version):
        progress(_CHECKED)  # the file's integrity checked
        reader = connection
        completed = False
        if version < SCHEMA_VERSION:
            reader = _migrated(connection, version, source)
        elif lacks_cover_changes(connection):
            # Ground cover as whole copies (a development build of version 2):
            # completed in memory, the file untouched, covers settled below.
            reader = _migrated(connection, version, source)
            add_cover_changes(reader)
            completed = True
        try:
            with collector_paused(keep=True):
                project = read_project(
                    reader, Span(progress, _CHECKED, 1.0).at_fraction
                )
                if version < 2 or completed:
                    # Version 1 held every scenario as a full copy: find what
                    # each keeps and removes (DESIGN §14).
                    project.settle()
        except RowError as exc:
            raise ProjectFileError(f"damaged project: {exc}", source) from None
        except RecursionError:
            raise ProjectFileError(
                "damaged project: a value nested too deep to read", source
            ) from None
        finally:
            if reader is not connection:
                reader.close()
        return project, version, notes, read_revision(connection), completed


def read_identity(path: Path) -> tuple[str | None, str]:
    """The revision token and name of the whole, valid project in ``path``.

    Raises
    ------
    ProjectFileError
        If ``path`` is not a whole, valid mixplan project.
    """
    with _reading(path) as (connection, _):
        row = connection.execute(
            "SELECT value FROM mixplan_meta WHERE key = 'project_name'"
        ).fetchone()
        return read_revision(connection), str(row[0]) if row else path.name


def opening_notes(project: Project, lang: str | None = None) -> list[str]:
    """What the user must be told about how ``project`` was opened (may be empty).

    For instance :data:`RECOVERED_NOTE` when the file had the hot journal of an
    interrupted save: the project was read from a recovered private copy and the
    file itself is unchanged until the project is saved. In ``lang`` (default:
    the language chosen for messages, :func:`~mixplan.model.errors.message_language`).
    """
    opened = project.opened_file
    if opened is None:
        return []
    if (lang or message_language()) == "fr":
        return [french_note(note) for note in opened.notes]
    return list(opened.notes)


def read_revision(connection: sqlite3.Connection) -> str | None:
    """The revision token a save wrote in ``mixplan_meta`` (changes at every save)."""
    row = connection.execute(
        "SELECT value FROM mixplan_meta WHERE key = 'revision'"
    ).fetchone()
    return row[0] if row else None


def remember_file(project: Project, path: Path, revision: str | None) -> None:
    """Record on the project the file it was read from or written to, as it is."""
    stat = path.stat()
    project.saved_file = SavedFile(
        path.resolve(), revision, stat.st_mtime_ns, stat.st_size
    )


def read_app_state(path: str | Path) -> dict[str, str]:
    """The app's key/value state stored in a project file (view, last scenario…)."""
    with _reading(path) as (connection, _):
        if "mixplan_app_state" not in _tables(connection):
            return {}
        return dict(connection.execute("SELECT key, value FROM mixplan_app_state"))
