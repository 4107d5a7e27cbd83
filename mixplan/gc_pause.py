"""Pause Python's cyclic garbage collector around bulk work.

Opening a project or evaluating a scenario allocates ~10⁵ small, acyclic objects
(buildings, levels, facts, findings). Each burst of allocations triggers
generation-2 passes over the whole heap, which made a cold evaluation of 10,000
buildings two to three times slower and cost ~15 % of opening a project. Reference
counting still frees everything. The collector is process-wide and the editor
evaluates in a worker thread while the GUI thread may save, so pauses are counted:
the collector resumes, as it was, when the last pause ends.

A pause whose objects are kept (``keep=True``: a project read, an evaluation the
editor caches) freezes what was made when the last pause ends
(:func:`freeze_survivors`): all of it sat in the collector's youngest generation,
whose next pass would otherwise scan 10⁶ objects at once (0.1–0.6 s holding the
GIL, the GUI thread of the editor waiting). Work whose objects are dropped (a
report) pauses without keeping, so that its reference cycles are still collected.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from mixplan.held_setting import HeldSetting

__all__ = ["collector_paused", "freeze_survivors"]

_keep = False


def _pause() -> bool:
    was_enabled = gc.isenabled()
    gc.disable()
    return was_enabled


def _resume(was_enabled: bool) -> None:
    global _keep
    # Frozen before the collector resumes: the exit itself allocates.
    if _keep:
        freeze_survivors()
    _keep = False
    if was_enabled:
        gc.enable()


_collector = HeldSetting(_pause, _resume)


def _kept() -> None:
    global _keep
    _keep = True


@contextmanager
def collector_paused(keep: bool = False) -> Iterator[None]:
    """Context manager: no cyclic collection inside, nested and thread-safe.

    ``keep``: what is made inside is kept for long; it is frozen when the last
    pause ends (see :func:`freeze_survivors`).

    Examples
    --------
    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    with _collector.held(_kept if keep else None):
        yield


def freeze_survivors() -> None:
    """Put every object alive now out of the cyclic collector's reach.

    Called once a burst of long-lived objects is made (a project read, an
    evaluation kept by the editor). Without it, the collector's passes scan the
    whole heap of a 10,000-building project (10⁶ objects): a pause of 0.1–0.6 s
    holding the GIL, so every thread waits, the GUI thread included. Objects
    made while the collector was paused all sit in its youngest generation, and
    its first pass after the pause scanned them all. Frozen objects are still
    freed by reference counting; only a reference cycle among them would stay
    in memory (``gc.freeze``).

    Examples
    --------
    >>> import gc
    >>> freeze_survivors()
    >>> gc.get_freeze_count() > 0
    True
    """
    gc.freeze()
