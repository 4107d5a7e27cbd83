"""Write files so that a crash never leaves a half-written one (DESIGN §6)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from mixplan.model.errors import MixplanError

__all__ = [
    "atomic_target",
    "remove_stale_temporaries",
    "stale_temporaries",
    "write_bytes_atomic",
    "write_text_atomic",
    "write_with",
]


@contextlib.contextmanager
def atomic_target(path: str | Path, backup: Path | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success fsync and rename it over.

    On any exception the temporary file is removed and ``path`` is untouched.
    The temporary file is named ``.NAME.xxxx.tmp`` and locked while it lives, so
    :func:`remove_stale_temporaries` can tell the litter of a crash from a save
    in progress. With ``backup``, the file being replaced is kept under that name
    (a hard link, else a copy), itself replaced atomically.
    """
    target = Path(path)
    if target.is_dir():
        raise MixplanError("is a directory", target)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise MixplanError(f"folder {parent} does not exist", target)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=parent
    )
    _lock(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        if backup is not None and target.is_file():
            _keep_previous(target, backup)
        if os.name != "posix":
            os.close(fd)  # Windows renames no file that is open
            fd = -1
        os.replace(tmp, target)
        _fsync_dir(parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        if fd >= 0:
            os.close(fd)


def _lock(fd: int) -> None:
    """Hold an exclusive lock on a temporary file while this process writes it."""
    try:
        import fcntl
    except ImportError:  # Windows: an open file cannot be deleted anyway
        return
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _in_use(path: Path) -> bool:
    """Whether a save in progress (this process or another) holds ``path``."""
    try:
        import fcntl
    except ImportError:
        return False  # Windows refuses to delete it if it is open
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _keep_previous(target: Path, backup: Path) -> None:
    """``backup`` becomes the file ``target`` is now; never a half-made backup."""
    fd, name = tempfile.mkstemp(
        prefix=f".{backup.name}.", suffix=".tmp", dir=backup.parent
    )
    os.close(fd)
    staged = Path(name)
    try:
        staged.unlink()
        try:
            os.link(target, staged)
        except OSError:  # no hard links here (FAT, some shares): a copy
            shutil.copy2(target, staged)
        os.replace(staged, backup)
    except OSError:
        with contextlib.suppress(OSError):
            staged.unlink()
        # A backup that cannot be made must not stop the save itself.


def stale_temporaries(target: str | Path) -> list[Path]:
    """Temporary files that interrupted saves of ``target`` left beside it.

    ``.NAME.xxxx.tmp`` (a save, or a backup, that never got renamed) and SQLite's
    ``.NAME.xxxx.tmp-journal`` beside it, when no save in progress holds them.
    """
    target = Path(target)
    parent = target.parent if str(target.parent) else Path(".")
    prefix = f".{target.name}."
    found = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if not name.startswith(prefix) or not entry.is_file(follow_symlinks=False):
            continue
        path = parent / name
        if name.endswith(".tmp") and not _in_use(path):
            found.append(path)
        elif name.endswith(".tmp-journal"):
            owner = parent / name.removesuffix("-journal")
            if not owner.exists() or not _in_use(owner):
                found.append(path)
    return sorted(found)


def remove_stale_temporaries(target: str | Path) -> list[Path]:
    """Delete what :func:`stale_temporaries` finds; return what was removed."""
    removed = []
    for path in stale_temporaries(target):
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _mode_for(target: Path) -> int:
    """The permissions the file should end with: the old file's, else the umask's.

    ``mkstemp`` creates the temporary file private (0600); without this, saving
    would silently make a shared project unreadable to others.
    """
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    with atomic_target(path) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(path: str | Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_with(path: str | Path, writer: Callable[[Path], None]) -> None:
    """Call ``writer(tmp_path)`` and move the result over ``path`` atomically."""
    with atomic_target(path) as tmp:
        writer(tmp)
