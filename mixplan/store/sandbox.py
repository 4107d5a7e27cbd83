"""Run a reader of untrusted files in a child process with a time and memory limit.

GDAL (through pyogrio) and ezdxf read a source in native code or long loops that
no progress handler reaches: a GeoPackage layer that is a view over a recursive
CTE, a ``--where`` with a recursive sub-query, a DXF that expands without end. In
a child process such a file costs at most :data:`READ_SECONDS` seconds and
:data:`MEMORY_BYTES` bytes (``RLIMIT_AS`` on POSIX; on Windows a job object's
process memory limit, :mod:`windows_job`), then the child is stopped and the user
gets one line. The session, the
window and the machine are never at stake.

Linux forks (a few milliseconds, the modules already imported are shared); macOS
and Windows spawn a fresh interpreter, as fork is unsafe there.
"""

from __future__ import annotations

import faulthandler
import gc
import importlib
import io
import multiprocessing
import os
import pickle
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

import shapely
from shapely.geometry.base import BaseGeometry

from mixplan.model.errors import MixplanError
from mixplan.store.errors import one_line
from mixplan.store.progress import Progress

__all__ = ["MEMORY_BYTES", "READ_SECONDS", "forks", "run_apart", "run_bounded"]

T = TypeVar("T")

#: Wall-clock seconds one read of a source may take (the harness allows 60).
READ_SECONDS = 40.0
#: Address space the reading process may add to what it maps when it starts (a
#: 250,000-feature layer needs well under 1 GiB); with the few hundred MB it
#: starts with, the whole stays under 2 GiB.
MEMORY_BYTES = 3 * 1024**3 // 2


def _context() -> Any:
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def forks() -> bool:
    """Whether a child here is forked, not spawned.

    A forked child starts with this process's objects, none pickled to it.
    """
    return bool(_context().get_start_method() == "fork")


def _mapped_bytes() -> int:
    """The address space this process maps now (Linux), else 0."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _child(
    conn: Connection,
    function: Callable[..., Any],
    args: tuple[Any, ...],
    memory_bytes: int | None,
    seconds: float | None,
    reports: bool,
) -> None:
    faulthandler.disable()  # a crash here is one line in the parent, not a dump
    # What a forked child inherits is never garbage of its own: its collector
    # leaves it alone (a window's 10,000 buildings, scanned at each full pass).
    gc.freeze()
    if memory_bytes is not None:
        _limit(memory_bytes, seconds)
    if reports:
        args = (*args, _Reporter(conn))
    try:
        outcome: tuple[Any, ...] = ("ok", function(*args))
    except MixplanError as exc:
        # the English id and its French: the parent shows the user's language
        outcome = ("refused", exc.message, exc.path, exc.message_fr)
    except MemoryError:
        outcome = ("memory",)
    except RecursionError:
        outcome = ("refused", "nested too deeply to read", None)
    except Exception as exc:  # noqa: BLE001 - any library failure: one line
        outcome = ("failed", one_line(exc))
    try:
        _send(conn, outcome)
    except MemoryError:
        _send(conn, ("memory",))
    except Exception as exc:  # noqa: BLE001 - an unpicklable result
        _send(conn, ("failed", one_line(exc)))
    finally:
        conn.close()


def _limit(memory_bytes: int, seconds: float | None) -> None:
    """Cap this process's memory (and CPU time) at what it maps now plus a budget."""
    try:
        import resource

        # A forked child starts with its parent's address space (a window with Qt
        # loaded may already map gigabytes): the budget comes on top of it.
        limit = _mapped_bytes() + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        if seconds is not None:
            cpu = int(seconds) + 5
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    except (ImportError, ValueError, OSError):
        # Windows: a job object caps the memory (not run on our Linux CI); the
        # parent's timeout stays the time limit.
        from mixplan.store.windows_job import limit_own_memory

        limit_own_memory(memory_bytes)


class _Reporter:
    """The child's progress callback, passing on to the parent.

    Each new per cent (a fraction), and each stage named (a report's "cover").
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.sent = -1

    def __call__(self, done: float | str) -> None:
        if isinstance(done, str):
            _send(self.conn, ("progress", done))
            return
        percent = int(done * 100)
        if percent > self.sent:
            self.sent = percent
            _send(self.conn, ("progress", done))


def run_bounded(
    function: Callable[..., T],
    *args: Any,
    source: Path,
    what: str = "the file",
    seconds: float | None = None,
    memory_bytes: int | None = None,
    preload: tuple[str, ...] = (),
) -> T:
    """``function(*args)`` in a child process, stopped past a time or memory limit.

    Parameters
    ----------
    function
        A module-level function (it is pickled when the child is spawned); its
        result must pickle.
    source
        The file being read: every refusal names it.
    what
        What is read, for the message ("layer 'evil_view'").
    seconds, memory_bytes
        Limits; default :data:`READ_SECONDS` and :data:`MEMORY_BYTES`.
    preload
        Modules the function needs, imported here first when the child is forked:
        it then starts with them (``import ezdxf`` alone takes seconds), and
        the next read pays nothing.

    Raises
    ------
    MixplanError
        The function's own refusal, or one line saying which limit stopped it.
    """
    return run_apart(
        function,
        *args,
        source=source,
        what=what,
        seconds=READ_SECONDS if seconds is None else seconds,
        memory_bytes=MEMORY_BYTES if memory_bytes is None else memory_bytes,
        preload=preload,
    )


def run_apart(
    function: Callable[..., T],
    *args: Any,
    source: Path,
    what: str = "the file",
    seconds: float | None = None,
    memory_bytes: int | None = None,
    preload: tuple[str, ...] = (),
    progress: Progress | Callable[[str], None] | None = None,
    doing: str = "read",
    stop: Callable[[], bool] | None = None,
) -> T:
    """``function(*args)`` in a child process; this thread only waits for it.

    What the child does never holds this process's GIL: its collector's full
    passes, single long C calls (a 10,000-building DXF being made and written
    froze the window 0.15-0.3 s at a time in a thread). Arguments as in
    :func:`run_bounded`, except that there are no limits unless given, and:

    progress
        Given, ``function`` is called with one more argument, a progress
        callback; each new per cent it reports (a fraction), or each stage it
        names (a string), is passed on to ``progress`` here.
    doing
        "read" or "write", for the messages ("cannot write the DXF (…)").
    stop
        Asked ten times a second: once true, the child is stopped and a
        MixplanError raised (the import dialog closed while planning).
    """
    context = _context()
    if context.get_start_method() == "fork" and preload:
        from mixplan.gc_pause import collector_paused

        # Modules live as long as the process: made with the collector paused
        # and then frozen (a first import of ezdxf here set off full passes of
        # 50-110 ms, each holding the GIL: the window waited).
        with collector_paused(keep=True):
            for module in preload:
                importlib.import_module(module)
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child,
        args=(sender, function, args, memory_bytes, seconds, progress is not None),
        daemon=True,
    )
    process.start()
    sender.close()
    deadline = None if seconds is None else time.monotonic() + seconds
    try:
        while True:
            if not _waited(receiver, deadline, stop):
                if stop is not None and stop():
                    raise MixplanError("stopped before the end", source)
                raise MixplanError(
                    f"{what} takes too long to {doing} (stopped after {seconds:g} s)",
                    source,
                )
            try:
                outcome = _unpickled(receiver.recv_bytes())
            except (EOFError, OSError):
                process.join(5)
                raise MixplanError(
                    _died(what, process.exitcode, doing), source
                ) from None
            if outcome[0] != "progress":
                break
            if progress is not None:
                progress(outcome[1])
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
        process.close()
    kind = outcome[0]
    if kind == "ok":
        return outcome[1]  # type: ignore[no-any-return]
    if kind == "refused":
        french = outcome[3] if len(outcome) > 3 else None
        raise MixplanError(
            " ".join(outcome[1].split()), outcome[2] or source, message_fr=french
        )
    if kind == "memory":
        if memory_bytes is None:
            raise MixplanError(f"not enough memory to {doing} {what}", source)
        raise MixplanError(
            f"{what} needs more than {memory_bytes / 1024**3:g} GiB of memory to "
            f"{doing}; stopped",
            source,
        )
    raise MixplanError(f"cannot {doing} {what} ({outcome[1]})", source)


def _send(conn: Connection, message: Any) -> None:
    """Send ``message`` to the parent, its shapely geometries apart.

    They go as one list of WKB, read back by one vectorised call: pickled one
    by one, each cost the parent a Python call (10,000 footprints: 40 ms).
    """
    shapes: list[Any] = []
    numbers: dict[int, int] = {}

    def shape_number(value: Any) -> int | None:
        if not isinstance(value, BaseGeometry):
            return None
        number = numbers.get(id(value))
        if number is None:
            number = numbers[id(value)] = len(shapes)
            shapes.append(value)
        return number

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = shape_number  # type: ignore[method-assign]
    pickler.dump(message)
    wkb = shapely.to_wkb(shapes, include_srid=True).tolist() if shapes else []
    conn.send_bytes(
        pickle.dumps((wkb, buffer.getvalue()), protocol=pickle.HIGHEST_PROTOCOL)
    )


def _waited(
    receiver: Connection, deadline: float | None, stop: Callable[[], bool] | None
) -> bool:
    """Whether a message came before the deadline and before ``stop()``."""
    while True:
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        if stop is None:
            return bool(receiver.poll(left))
        if stop():
            return False
        if receiver.poll(0.1 if left is None else min(left, 0.1)):
            return True
        if left is not None and left <= 0.1:
            return False


#: A pause after each frame of a result unpickled (see :func:`_unpickled`).
FRAME_PAUSE_S = 0.0003


class _FramePauses(io.BytesIO):
    """A pickle's bytes, read with a pause after each frame (64 kB) of them."""

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        if len(data) > 1024:  # (a frame, not the opcode or length before it)
            time.sleep(FRAME_PAUSE_S)
        return data


def _unpickled(data: bytes) -> Any:
    """What the child sent, unpickled a frame at a time, the GIL let go between.

    A 10,000-building import plan is 5 MB, 0.1-0.3 s of unpickling: in one
    call, each time the window's thread came back into Python it waited for
    the GIL up to the switch interval (5 ms; a convoy). Between two frames
    this thread sleeps, the window takes the GIL at once. Pickles from the
    child are protocol 5, framed; its geometries come apart (see :func:`_send`).
    """
    wkb, pickled = pickle.loads(data)
    shapes = shapely.from_wkb(wkb).tolist() if wkb else []
    unpickler = pickle.Unpickler(_FramePauses(pickled))
    unpickler.persistent_load = shapes.__getitem__  # type: ignore[assignment]
    return unpickler.load()


_DOER = {"read": "reader", "write": "writer"}


def _died(what: str, exitcode: int | None, doing: str = "read") -> str:
    if exitcode is not None and exitcode < 0 and os.name == "posix":
        import signal

        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if name in ("SIGXCPU", "SIGKILL"):
            return f"{what} takes too long or too much memory to {doing} ({name})"
        return f"the {_DOER[doing]} of {what} crashed on this file ({name})"
    return f"the {_DOER[doing]} of {what} stopped on this file (exit {exitcode})"
