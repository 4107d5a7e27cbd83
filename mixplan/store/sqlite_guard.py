"""Reading an untrusted SQLite file without changing it or hanging on it (DESIGN §6).

SQLite changes a database it opens when a *hot journal* lies beside it (it rolls
the journal back into the file) and creates ``-wal``/``-shm`` files beside a
WAL-mode database. A journal may even belong to another database, renamed: rolled
back into a project, it destroys it. So, before SQLite touches a file:

* only a regular file is opened (a FIFO or a device would block or never end);
* with no ``-journal`` nor ``-wal`` beside it and a rollback-journal header, the
  file is opened read-only, in place;
* otherwise it is copied, with its journal or WAL, into a private temporary
  folder and opened there: SQLite recovers the copy, never the user's file.

Every untrusted connection has a time budget for each statement, in the reading
thread's CPU time (a progress handler that interrupts a statement running past
it; the clock starts again with the next statement, so a large project whose
reading takes longer in all, or a busy machine, does not get it refused) and a
cap on the size of one value, so a hostile file costs seconds, not the session.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from mixplan.store.errors import ProjectFileError

__all__ = [
    "READ_BUDGET_S",
    "RECOVERED_NOTE",
    "SideFiles",
    "UntrustedDatabase",
    "budget_exceeded",
    "foreign_journal_note",
    "open_copy",
    "open_in_place",
    "read_header",
    "side_files",
]

#: Seconds of the reading thread's CPU one statement of an untrusted read may
#: take before it is stopped (CPU, not wall-clock: on a machine busy with other
#: work a large project's read must not be refused for waiting its turn).
READ_BUDGET_S = 20.0
#: Largest string or blob one row may hold (a project's are a few kB).
MAX_VALUE_BYTES = 64 * 1024**2
#: SQLite VM steps between two looks at the clock.
_STEPS_PER_CHECK = 10_000
_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")

#: Told to the user (CLI and editor) when a project was read from a recovered copy.
RECOVERED_NOTE = (
    "this project was being saved when a program stopped; it opened from a "
    "recovered copy — save to keep it"
)


def foreign_journal_note(journal: Path) -> str:
    """Told when a journal beside a project is not that project's own."""
    return (
        f"the journal beside it ({journal.name}) is not this project's: it was "
        "left alone and the project read as it is"
    )


def read_header(path: Path, size: int = 100) -> tuple[bytes, int]:
    """The first ``size`` bytes of a regular file and its length.

    Opens without blocking and refuses what is not a regular file, so a FIFO or a
    device named like a project is refused instead of waiting forever.

    Raises
    ------
    ProjectFileError
        Missing file, directory, FIFO, device, socket or unreadable file.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ProjectFileError("no such file", path) from None
    except OSError as exc:
        raise ProjectFileError(f"cannot read: {exc.strerror or exc}", path) from None
    if stat.S_ISDIR(info.st_mode):
        raise ProjectFileError("is a directory, not a project file", path)
    if not stat.S_ISREG(info.st_mode):
        raise ProjectFileError(
            f"is a {_kind(info.st_mode)}, not a regular file; it was not opened", path
        )
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ProjectFileError(f"cannot read: {exc.strerror or exc}", path) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):  # swapped since the stat above
            raise ProjectFileError("is not a regular file; it was not opened", path)
        return os.read(fd, size), opened.st_size
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


@dataclass(frozen=True)
class SideFiles:
    """What lies beside a database and makes opening it in place unsafe."""

    journal: Path | None
    wal: Path | None
    wal_mode: bool
    #: A ``-journal`` that is not one (no journal magic) but that SQLite would
    #: take for a hot journal (its first byte is not zero) and try to roll back.
    stray_journal: Path | None = None

    @property
    def any(self) -> bool:
        return (
            self.journal is not None
            or self.wal is not None
            or self.wal_mode
            or self.stray_journal is not None
        )


def side_files(path: Path, header: bytes) -> SideFiles:
    """The ``-journal`` and ``-wal`` beside ``path`` and whether it is in WAL mode.

    A journal counts only when it could be hot: a regular file that is not empty
    and starts with the journal magic (SQLite ignores the others).
    """
    journal = Path(f"{path}-journal")
    wal = Path(f"{path}-wal")
    start = _journal_start(journal)
    return SideFiles(
        journal=journal if start == _JOURNAL_MAGIC else None,
        wal=wal if _regular_nonempty(wal) else None,
        # File format §1.3.3: read and write versions 2 mean WAL.
        wal_mode=len(header) >= 20 and (header[18] == 2 or header[19] == 2),
        # SQLite's own test (pager.c, hasHotJournal): a first byte that is not 0.
        stray_journal=(
            journal
            if start[:1] not in (b"", b"\x00") and start != _JOURNAL_MAGIC
            else None
        ),
    )


def _regular_nonempty(path: Path) -> bool:
    try:
        info = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size > 0


def _journal_start(path: Path) -> bytes:
    """The first bytes of a journal (empty when there is none to read)."""
    if not _regular_nonempty(path):
        return b""
    try:
        with path.open("rb") as fh:
            return fh.read(len(_JOURNAL_MAGIC))
    except OSError:
        return b""


class UntrustedDatabase:
    """A hardened connection to an untrusted file, and the private copy it may use.

    ``close()`` closes the connection and deletes the copy.
    """

    def __init__(self, connection: sqlite3.Connection, folder: Path | None) -> None:
        self.connection = connection
        self._folder = folder

    def close(self) -> None:
        self.connection.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


def _harden(connection: sqlite3.Connection, budget_s: float) -> None:
    # The reading thread's CPU time: a hostile statement spins in SQLite and
    # spends it; a slow machine only makes the thread wait.
    deadline = [time.thread_time() + budget_s]

    def statement_starts(_sql: str) -> None:
        # (The budget is a statement's: reading a 100,000-building project
        # runs many statements, with our own work between them.)
        deadline[0] = time.thread_time() + budget_s

    def past_deadline() -> bool:
        return time.thread_time() > deadline[0]

    connection.set_trace_callback(statement_starts)
    connection.set_progress_handler(past_deadline, _STEPS_PER_CHECK)
    connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute("PRAGMA mmap_size = 0")
    connection.execute("PRAGMA cell_size_check = ON")


def budget_exceeded(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` is the interruption of a statement past its time budget."""
    return isinstance(exc, sqlite3.OperationalError) and "interrupt" in str(exc)


def open_in_place(path: Path, budget_s: float = READ_BUDGET_S) -> UntrustedDatabase:
    """Open ``path`` read-only where it is (only when :func:`side_files` is empty)."""
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise ProjectFileError(f"cannot open: {exc}", path) from None
    try:
        _harden(connection, budget_s)
    except BaseException:
        connection.close()
        raise
    return UntrustedDatabase(connection, None)


def open_copy(
    path: Path,
    side: SideFiles,
    with_journal: bool,
    budget_s: float = READ_BUDGET_S,
) -> UntrustedDatabase:
    """Copy ``path`` (and its journal or WAL) to a private folder and open it there.

    With ``with_journal``, SQLite rolls the copied journal back into the copy on
    the first read; without it, the copy is read as the file is. A ``-wal`` is
    always copied: its frames are committed transactions of that database.
    """
    folder = Path(tempfile.mkdtemp(prefix="mixplan-open-"))
    copy = folder / "project.gpkg"
    try:
        shutil.copyfile(path, copy)
        if with_journal and side.journal is not None:
            shutil.copyfile(side.journal, f"{copy}-journal")
        if side.wal is not None:
            shutil.copyfile(side.wal, f"{copy}-wal")
        connection = sqlite3.connect(copy, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        text = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise ProjectFileError(f"cannot read a copy: {text or exc}", path) from None
    database = UntrustedDatabase(connection, folder)
    try:
        _harden(connection, budget_s)
    except BaseException:
        database.close()
        raise
    return database


def remove_quietly(path: Path) -> None:
    """Delete a file if it is there; a failure is not an error."""
    with contextlib.suppress(OSError):
        path.unlink()
