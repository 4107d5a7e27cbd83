"""Keep the memory bulk work frees for its next arrays (glibc's malloc, Linux).

glibc's malloc maps every block above a threshold afresh (``M_MMAP_THRESHOLD``)
and gives the free memory at the top of its heap back to the system as soon as
it passes another (``M_TRIM_THRESHOLD``). Both start at 128 kB and rise with the
largest mapped block a process has freed, up to 32 MB and 64 MB. A cold
evaluation of 10,000 buildings makes and frees NumPy arrays of about a megabyte
(an allocation's worth of a column) by the hundred: in a process that had not yet
freed bigger blocks, the heap shrank after them and grew again for the next ones,
and the kernel gave it 3,500-9,800 fresh, zeroed pages an evaluation (14-38 MB;
8-30 ms of its CPU, and caches flushed), before its own computing started.

:func:`keep_heap` pins both thresholds where glibc's own rule ends them: blocks
up to 32 MB come from the heap and its freed memory stays there, up to 64 MB,
for the next arrays (what a long-running process reaches anyway after freeing
one array of 32 MB). It is process-wide and stays; elsewhere than glibc it does
nothing.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Callable
from typing import cast

__all__ = ["KEPT_MB", "MAPPED_FROM_MB", "keep_heap"]

#: glibc's ``mallopt`` parameters (malloc.h).
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
#: Blocks from this size up are mapped afresh (glibc's ceiling for its own rule).
MAPPED_FROM_MB = 32
#: Free memory the heap keeps at its top (twice the above, as glibc's rule).
KEPT_MB = 2 * MAPPED_FROM_MB

_lock = threading.Lock()
#: Whether the thresholds are pinned (``None``: not tried yet).
_pinned: bool | None = None


def _mallopt() -> Callable[[int, int], int] | None:
    """The ``mallopt`` of glibc in this process (``None``: not glibc)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
    except OSError:  # pragma: no cover - no symbols of the process itself
        return None
    # (musl and others have no gnu_get_libc_version, nor glibc's thresholds)
    if not hasattr(libc, "gnu_get_libc_version") or not hasattr(libc, "mallopt"):
        return None
    mallopt = libc.mallopt
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return cast(Callable[[int, int], int], mallopt)


def keep_heap() -> bool:
    """Pin glibc's thresholds (once a process); whether they are pinned.

    Examples
    --------
    >>> keep_heap() == keep_heap()
    True
    """
    global _pinned
    with _lock:
        if _pinned is None:
            mallopt = _mallopt()
            mb = 1 << 20
            # (mallopt gives 1 on success)
            _pinned = (
                mallopt is not None
                and mallopt(_M_MMAP_THRESHOLD, MAPPED_FROM_MB * mb) == 1
                and mallopt(_M_TRIM_THRESHOLD, KEPT_MB * mb) == 1
            )
        return _pinned
