"""Stop NumPy asking for huge pages around bulk work (Linux).

On Linux NumPy marks the memory of every array of 4 MB or more for transparent
huge pages (``madvise(MADV_HUGEPAGE)``). Where the system's THP defrag setting
is ``madvise`` (Ubuntu's default, and the test machine's), the first touch of
such memory waits, when no 2 MB page is free, for the kernel to compact memory
into one: on a shared machine 5-15 ms a page, and the mark stays on the freed
memory for whatever the allocator puts there next (numpy/numpy#31590). A cold
evaluation of 100,000 buildings makes hundreds of megabytes of such arrays, and
spent 0.4-1.5 s of its 3.5 s in the kernel that way, against ~0.2 s unmarked;
at 10,000 buildings, whose arrays stay under 4 MB, nothing changes. Unmarked,
memory still comes in huge pages where the system gives them without waiting.

The setting is process-wide and the editor evaluates in a worker thread while
the GUI thread may open or save, so pauses are counted: NumPy's setting comes
back, as it was, when the last one ends. Where NumPy has no such setting, this
does nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from mixplan.held_setting import HeldSetting

__all__ = ["huge_pages_unasked"]

try:
    # (NumPy's runtime form of its NUMPY_MADVISE_HUGEPAGE variable, since 1.19;
    # it returns the setting it replaces)
    from numpy._core.multiarray import (  # type: ignore[attr-defined]
        _set_madvise_hugepage as _set_advice,
    )
except ImportError:  # pragma: no cover - another NumPy
    _set_advice = None

_advice = (
    HeldSetting(lambda: _set_advice(False), _set_advice)
    if _set_advice is not None
    else None
)


@contextmanager
def huge_pages_unasked() -> Iterator[None]:
    """Context manager: NumPy asks for no huge pages inside (nested, thread-safe).

    Examples
    --------
    >>> with huge_pages_unasked():
    ...     with huge_pages_unasked():
    ...         pass
    """
    if _advice is None:
        yield
        return
    with _advice.held():
        yield
