"""What an interrupted save leaves beside a project, settled at the next open or save.

A full save writes ``.NAME.xxxx.tmp`` (and SQLite's ``.NAME.xxxx.tmp-journal``)
beside the project, then renames it over the project. A program stopped on the
way leaves them behind:

* a temporary file that is not a whole project (stopped while writing), or that
  holds the project's own state (the backup being made), is removed;
* a temporary file that is a whole, valid project **newer** than the project
  file (stopped after writing it, before the rename) is the user's latest save:
  it is never deleted but moved to the recovery folder, with a note naming the
  project, where the editor offers it back; the project file is not touched.

An empty ``NAME-journal``, or one whose magic is still zeroed (a save stopped as
it began, before it wrote to the project: SQLite ignores it), is removed at the
next open when no program is using the project.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import struct
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mixplan.model.errors import MixplanError
from mixplan.store.atomic import stale_temporaries, write_text_atomic
from mixplan.store.sqlite_guard import RECOVERED_NOTE, remove_quietly, side_files
from mixplan.user_dirs import recovery_dir

__all__ = [
    "UnsavedCopy",
    "french_note",
    "remove_idle_journal",
    "settle_temporaries",
    "unsaved_copy_note",
]

#: What a temporary file holds: (revision token, project name) of a whole project.
IdentityReader = Callable[[Path], tuple[str | None, str]]

#: Where a rollback journal's magic goes. SQLite writes the header with these
#: bytes zeroed, syncs the journal, then writes the magic (pager.c,
#: writeJournalHdr): zeroed, the journal is not hot and nothing was yet written
#: to the database; PERSIST mode zeroes them again after each commit.
_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
#: SQLite's lock bytes (os_unix.c): PENDING at 1 GiB, RESERVED, then 510 SHARED.
_LOCK_START, _LOCK_LENGTH = 0x40000000, 512


@dataclass(frozen=True)
class UnsavedCopy:
    """A newer project an interrupted save wrote, moved to the recovery folder."""

    #: Where it now is (``<recovery>/<slot>.mixplan.gpkg``, a note beside it).
    path: Path
    #: When the interrupted save wrote it (seconds since the epoch).
    written_at: float
    #: The project's name in that copy.
    project_name: str


def unsaved_copy_note(copy: UnsavedCopy) -> str:
    """The one line told to the user (the command line prints it on stderr)."""
    import time

    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(copy.written_at))
    return (
        f"a save stopped before it replaced this file had written a newer version "
        f"({when}); the file is unchanged and that version was moved to {copy.path}"
    )


_NNBSP = "\u202f"  # French puts a narrow no-break space before ; and :
_FOREIGN_EN = re.compile(
    r"the journal beside it \((?P<name>.*)\) is not this project's: it was left "
    r"alone and the project read as it is"
)
_UNSAVED_EN = re.compile(
    r"a save stopped before it replaced this file had written a newer version "
    r"\((?P<when>[^)]*)\); the file is unchanged and that version was moved to "
    r"(?P<path>.*)"
)


def french_note(note: str) -> str:
    """The French of a note on how a project was opened (the English if unknown).

    Examples
    --------
    >>> french_note("the journal beside it (p.gpkg-journal) is not this project's: "
    ...             "it was left alone and the project read as it is")[:40]
    'le journal à côté (p.gpkg-journal) n’est'
    """
    if note == RECOVERED_NOTE:
        return (
            f"ce projet était en cours d’enregistrement quand un programme s’est "
            f"arrêté{_NNBSP}; il a été ouvert depuis une copie récupérée — "
            "enregistrez-le pour la conserver"
        )
    if match := _FOREIGN_EN.fullmatch(note):
        return (
            f"le journal à côté ({match['name']}) n’est pas celui de ce "
            f"projet{_NNBSP}: il a été laissé tel quel et le projet lu en l’état"
        )
    if match := _UNSAVED_EN.fullmatch(note):
        return (
            "un enregistrement arrêté avant de remplacer ce fichier avait écrit une "
            f"version plus récente ({match['when']}){_NNBSP}; le fichier est "
            f"inchangé et cette version a été déplacée vers {match['path']}"
        )
    return note


def settle_temporaries(
    target: Path, read_identity: IdentityReader, target_revision: str | None
) -> list[UnsavedCopy]:
    """Remove or move the temporary files interrupted saves of ``target`` left.

    Parameters
    ----------
    target
        The project file; it is never changed.
    read_identity
        Opens a file as an untrusted project and returns its revision token and
        name, raising :class:`MixplanError` if it is not a whole, valid project.
    target_revision
        The revision ``target`` holds, ``None`` if it could not be read (then a
        whole project in a temporary file is kept, whatever its age).

    Returns
    -------
    list[UnsavedCopy]
        The newer copies moved to the recovery folder, newest first.
    """
    moved: list[UnsavedCopy] = []
    stale = stale_temporaries(target)
    keep_newer = not _in_recovery_folder(target)
    for path in stale:
        if not path.name.endswith(".tmp") or not path.exists():
            continue
        journal = Path(f"{path}-journal")
        copy = None
        if keep_newer and not side_files(path, b"").journal:
            copy = _newer_copy(path, target, read_identity, target_revision)
        if copy is not None:
            moved.append(copy)
        remove_quietly(path)
        if journal in stale:
            remove_quietly(journal)
    for path in stale:  # journals whose temporary file is already gone
        if (
            path.name.endswith(".tmp-journal")
            and not Path(str(path).removesuffix("-journal")).exists()
        ):
            remove_quietly(path)
    moved.sort(key=lambda c: c.written_at, reverse=True)
    return moved


def _in_recovery_folder(target: Path) -> bool:
    # An autosave's own interrupted save is not offered back as a newer project.
    try:
        return target.parent.resolve() == recovery_dir(create=False).resolve()
    except OSError:
        return False


def _newer_copy(
    candidate: Path,
    target: Path,
    read_identity: IdentityReader,
    target_revision: str | None,
) -> UnsavedCopy | None:
    """``candidate`` moved to the recovery folder if it is a newer whole project."""
    try:
        before = candidate.stat()
        revision, name = read_identity(candidate)
    except (MixplanError, OSError):
        return None  # not a whole project: litter
    if target_revision is not None:
        if revision == target_revision:
            return None  # the project's own state (a backup being made)
        try:
            if before.st_mtime_ns <= target.stat().st_mtime_ns:
                return None  # a later save replaced the file since
        except OSError:
            pass
    try:
        return _move_to_recovery(candidate, target, name, before.st_mtime)
    except OSError:
        return None


def _move_to_recovery(
    candidate: Path, target: Path, name: str, written_at: float
) -> UnsavedCopy:
    """Link (else copy) ``candidate`` into a recovery slot with its note.

    The caller deletes ``candidate`` only after this returns: a crash on the way
    leaves it where it was, to be settled again at the next open.
    """
    folder = recovery_dir()
    slot = f"unsaved-{uuid.uuid4().hex[:12]}"
    copy = folder / f"{slot}.mixplan.gpkg"
    try:
        os.link(candidate, copy)
    except OSError:  # another file system, or no hard links
        staged = folder / f".{slot}.partial"
        try:
            shutil.copyfile(candidate, staged)
            with open(staged, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(staged, copy)
        finally:
            remove_quietly(staged)
    note = {
        "source": str(target.resolve()),
        "project": name,
        "saved_at": written_at,
        "interrupted_save": True,
    }
    try:
        write_text_atomic(folder / f"{slot}.json", json.dumps(note))
    except MixplanError as exc:
        remove_quietly(copy)
        raise OSError(str(exc)) from None
    return UnsavedCopy(copy, written_at, name)


def remove_idle_journal(target: Path) -> bool:
    """Delete an empty or not-yet-valid ``-journal`` beside ``target``; True if so.

    Such a journal is what a save stopped as it began leaves: SQLite ignores it
    (it is not *hot*), so it holds nothing to recover. It is kept while any
    program holds a lock on the project (a save may have just created it).
    The project file itself is never written.
    """
    journal = Path(f"{target}-journal")
    try:
        if not journal.is_file() or journal.is_symlink():
            return False
        with journal.open("rb") as fh:
            header = fh.read(len(_JOURNAL_MAGIC))
    except OSError:
        return False
    if header[: len(_JOURNAL_MAGIC)].strip(b"\x00"):
        return False  # something to roll back, or not a journal of ours
    if _database_locked(target):
        return False
    with contextlib.suppress(OSError):
        journal.unlink()  # Windows refuses while SQLite holds it open
        return True
    return False


def _database_locked(path: Path) -> bool:
    """Whether another process holds one of SQLite's locks on ``path``."""
    layout = _FLOCK_LAYOUTS.get(sys.platform)
    if layout is None or os.name != "posix":
        return sys.platform != "win32"  # unknown layout: assume in use
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return True
    try:
        fmt, pack = layout
        request = pack(fcntl.F_WRLCK, os.SEEK_SET, _LOCK_START, _LOCK_LENGTH)
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, request)
        return _lock_type(fmt, answer) != fcntl.F_UNLCK
    except OSError:
        return True
    finally:
        os.close(fd)


def _lock_type(fmt: str, answer: bytes) -> int:
    values = struct.unpack(fmt, answer)
    return int(values[0] if fmt.startswith("hh") else values[3])


def _linux_flock(kind: int, whence: int, start: int, length: int) -> bytes:
    # struct flock {short l_type; short l_whence; off_t l_start; off_t l_len;
    # pid_t l_pid;} on 64-bit Linux.
    return struct.pack("hhqqi4x", kind, whence, start, length, 0)


def _bsd_flock(kind: int, whence: int, start: int, length: int) -> bytes:
    # struct flock {off_t l_start; off_t l_len; pid_t l_pid; short l_type;
    # short l_whence;} on macOS.
    return struct.pack("qqihh", start, length, 0, kind, whence)


_FLOCK_LAYOUTS: dict[str, tuple[str, Callable[[int, int, int, int], bytes]]] = (
    {"linux": ("hhqqi4x", _linux_flock), "darwin": ("qqihh", _bsd_flock)}
    if struct.calcsize("P") == 8
    else {}
)
