"""Save project files (``NAME.mixplan.gpkg``) atomically (DESIGN §6).

A full save writes a temporary file beside the target in one transaction
(``synchronous=FULL``, rollback journal, not WAL), fsyncs it and renames it over
the target. An incremental save (``changes`` given, the file being the one this
project was opened from or last saved to, unchanged since) rewrites only the rows
those changes touched, in place, in one transaction: SQLite's rollback journal
makes it all-or-nothing. This is how the editor saves one edit of a
10,000-building project in well under 50 ms (DESIGN §11).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from mixplan.gc_pause import collector_paused
from mixplan.model.commands import Change
from mixplan.model.errors import MixplanError
from mixplan.model.project import Project, SavedFile
from mixplan.store.atomic import atomic_target, stale_temporaries
from mixplan.store.crs import epsg_code
from mixplan.store.errors import ProjectFileError
from mixplan.store.gpkg_blob import register_st_functions
from mixplan.store.gpkg_incremental import write_changes
from mixplan.store.gpkg_open import (
    configure_connection,
    read_app_state,
    read_identity,
    read_revision,
    read_schema_version,
    remember_file,
)
from mixplan.store.gpkg_writer import write_full
from mixplan.store.leftovers import settle_temporaries
from mixplan.store.progress import Progress, Span, nothing_reported
from mixplan.store.sqlite_guard import read_header, remove_quietly, side_files

__all__ = ["save_project", "write_app_state"]


def _last_saved(project: Project, path: Path) -> SavedFile | None:
    """The record of ``project``'s file if it is ``path`` and nobody changed it."""
    saved = project.saved_file
    if saved is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    if (
        saved.path != path.resolve()
        or stat.st_mtime_ns != saved.mtime_ns
        or stat.st_size != saved.size
    ):
        return None
    return saved


# --- saving -----------------------------------------------------------------------


def _has_side_files(path: Path) -> bool:
    try:
        header, _ = read_header(path)
    except ProjectFileError:
        return False
    return side_files(path, header).any


def _read_app_state_quietly(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        return read_app_state(path)
    except MixplanError:
        return {}


#: The part of a full save's time spent writing the rows (the rest: the commit,
#: its fsync, the rename).
_ROWS_WRITTEN = 0.9


def _save_full(
    project: Project,
    target: Path,
    backup: bool,
    progress: Progress = nothing_reported,
) -> None:
    app_state = _read_app_state_quietly(target)

    def write(tmp: Path) -> str:
        connection = sqlite3.connect(tmp, isolation_level=None)
        try:
            register_st_functions(connection)
            connection.execute("PRAGMA journal_mode = DELETE")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("BEGIN")
            with collector_paused():
                revision = write_full(
                    connection,
                    project,
                    app_state,
                    Span(progress, 0.0, _ROWS_WRITTEN).at_fraction,
                )
            connection.execute("COMMIT")
            return revision
        finally:
            connection.close()

    # The previous version is kept as NAME.bak, unless it is the half-written
    # file of an interrupted save (its journal beside it): that is no backup.
    keep = backup and target.is_file() and not _has_side_files(target)
    with atomic_target(target, _backup_path(target) if keep else None) as tmp:
        revision = write(tmp)
    opened = project.opened_file
    journal = Path(f"{target}-journal")
    read_from_target = opened is not None and opened.path == target.resolve()
    if (read_from_target and opened is not None and opened.recovered) or (
        journal.exists() and not side_files(target, b"").journal
    ):
        # The interrupted save's journal belongs to the file just replaced (left
        # there, SQLite would roll it into the new one); an empty or zeroed one
        # is the litter of a save killed as it began. A foreign journal stays.
        remove_quietly(journal)
    if read_from_target:
        project.opened_file = None
    remember_file(project, target, revision)


def _save_changes(
    project: Project, target: Path, saved: SavedFile, changes: list[Change]
) -> bool:
    """Try an in-place incremental save; ``False`` if a full save is needed."""
    if _has_side_files(target):
        return False  # SQLite would roll a journal lying there into the file
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        # Our own file: GDAL's R-tree triggers (if QGIS indexed it) must be allowed
        # to call the ST_ functions registered here.
        configure_connection(connection, trusted=True)
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("BEGIN IMMEDIATE")
        if read_revision(connection) != saved.revision:
            connection.execute("ROLLBACK")
            return False
        srs_id = epsg_code(project.crs)
        revision = write_changes(connection, project, changes, srs_id)
        if revision is None:
            connection.execute("ROLLBACK")
            return False
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
    remember_file(project, target, revision)
    return True


def _revision_quietly(target: Path) -> str | None:
    try:
        return read_identity(target)[0] if target.is_file() else None
    except MixplanError:
        return None


def _backup_path(target: Path) -> Path:
    return target.with_name(f"{target.name}.bak")


def save_project(
    project: Project,
    path: str | Path,
    changes: Iterable[Change] | None = None,
    backup: bool = True,
    progress: Progress = nothing_reported,
) -> None:
    """Save a project to ``path``, atomically.

    Parameters
    ----------
    project
        The project to save.
    path
        The target file (``NAME.mixplan.gpkg``); replaced if it exists.
    changes
        For the editor: every :class:`~mixplan.model.commands.Change` returned by
        commands applied or reverted since the project was opened from, or last
        saved to, ``path``. When given, and ``path`` is that file and has not been
        touched by anything else since, only the rows the changes name are
        rewritten, in place, in one transaction. Otherwise (no changes, another
        path, a file changed behind our back, a change that names no rows) the
        whole project is written to a temporary file that replaces ``path``.
    backup
        On a full save over an existing file, keep that file as
        ``NAME.mixplan.gpkg.bak`` (one backup, replaced at each full save).
    progress
        Told, now and then, the fraction of the save done (0 to 1), for a bar in
        a window that saves in the background.

    Temporary files that an interrupted save of ``path`` left beside it
    (``.NAME.xxxx.tmp``, ``.NAME.xxxx.tmp-journal``) are removed, except a whole
    project newer than ``path``: that is moved to the recovery folder
    (:mod:`~mixplan.store.leftovers`), where the editor offers it back.

    Raises
    ------
    MixplanError
        With ``path`` set, if the file cannot be written; ``path`` is then
        unchanged.
    """
    target = Path(path)
    try:
        epsg_code(project.crs)
        if changes is not None:
            saved = _last_saved(project, target)
            if saved is not None and _save_changes(
                project, target, saved, list(changes)
            ):
                progress(1.0)
                return
        if stale_temporaries(target):
            # Litter goes; a newer whole project an interrupted save wrote is
            # moved to the recovery folder, never deleted.
            settle_temporaries(target, read_identity, _revision_quietly(target))
        _save_full(project, target, backup, progress)
        progress(1.0)
    except MixplanError as exc:
        raise MixplanError(str(exc), exc.path or target) from None
    except OSError as exc:
        raise MixplanError(f"cannot write: {exc.strerror or exc}", target) from None
    except sqlite3.Error as exc:
        raise MixplanError(f"cannot save ({exc})", target) from None
    except OverflowError:
        raise MixplanError("cannot save: a number too large to store", target) from None


def write_app_state(
    path: str | Path, values: dict[str, str], project: Project | None = None
) -> None:
    """Replace the app state stored in a project file (one small transaction).

    The project's rows are not touched, so ``project``, when it was opened from
    (or saved to) this file as it was, keeps its incremental saves.
    """
    target = Path(path)
    read_schema_version(target)
    if _has_side_files(target):
        raise MixplanError(
            "a journal or WAL lies beside the file; save the project first", target
        )
    before = target.stat()
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        configure_connection(connection, trusted=True)
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("DELETE FROM mixplan_app_state")
        connection.executemany(
            "INSERT INTO mixplan_app_state VALUES (?, ?)", sorted(values.items())
        )
        connection.execute("COMMIT")
    except sqlite3.Error as exc:
        raise MixplanError(f"cannot save the app state ({exc})", target) from None
    finally:
        connection.close()
    if project is not None:
        saved = project.saved_file
        if (
            saved is not None
            and saved.path == target.resolve()
            and (saved.mtime_ns, saved.size) == (before.st_mtime_ns, before.st_size)
        ):
            remember_file(project, target, saved.revision)
