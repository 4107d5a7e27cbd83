"""Work done on the GUI thread in slices, each ending before its budget runs out.

A slice works chunk after chunk and yields to the event loop before the next
chunk would pass the slice's budget (a chunk is expected to take as long as the
longest one so far): checking only after a chunk let slices of 20 ms run 30–40.
The next slice is a timer ``NEXT_SLICE_MS`` away, not an event posted at once:
one turn of the event loop then runs one slice *or* the repaint (and Qt's own
bookkeeping) it caused, never all of them back to back.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

#: The next slice is a timer this many ms away (see the module docstring).
NEXT_SLICE_MS = 1
#: A slice starting within this long (s) of another's last chunk waits for the
#: next turn: two chains' timers due together ran back to back (two 20 ms slices
#: in one turn after a switch: the plan's error and baseline outlines).
TURN_S = 0.002

_last_chunk_end = 0.0
#: A step that asked for a turn of its own (a repaint) keeps slices waiting this
#: long at most (s): should it never run (its object deleted), slices go on.
TURN_WANTED_S = 0.05
#: When each step waiting for a turn of its own asked for it (perf_counter), by
#: a key of its own. One entry for all let the first step to run end the wait
#: of the others: a repaint asked for during a rebuild then found a slice just
#: ended at each try, and waited for the rebuild's end.
_wanted: dict[int, float] = {}
_keys = itertools.count()
#: whether such a step ran since the last slice (the next turn is a slice's:
#: a repaint asked for every turn must not starve the slices)
_step_ran_last = False


def next_slice(context: QObject, step: Callable[[], object]) -> None:
    """Run ``step`` at a later turn of the event loop (``NEXT_SLICE_MS`` away);
    not at all once ``context`` is deleted."""
    QTimer.singleShot(NEXT_SLICE_MS, context, step)


def in_a_turn_of_its_own(context: QObject, step: Callable[[], object]) -> None:
    """Run ``step`` at a later turn of the event loop with no slice before it in
    that turn (slices due meanwhile wait); not at all once ``context`` is deleted.

    A repaint run right after a slice in one turn made one stall of both.
    """
    key = turn_key()
    _wanted[key] = time.perf_counter()

    def run() -> None:
        if not its_turn(key):
            QTimer.singleShot(NEXT_SLICE_MS, context, run)
            return
        step()
        take_turn()

    QTimer.singleShot(NEXT_SLICE_MS, context, run)


def turn_key() -> int:
    """A key of its own for a step that will ask for turns (``its_turn``)."""
    return next(_keys)


def its_turn(key: int) -> bool:
    """Whether the step waiting under ``key`` may run in this turn of the event
    loop: no slice (nor repaint) worked a moment ago in it. If so, it is no
    longer waited for and slices have the next turn after it (call
    ``take_turn`` once it is done); if not, it is listed as waiting (again, had
    slices stopped waiting for it: ``TURN_WANTED_S``): slices due meanwhile let
    it go first at a coming turn — ask again at the next one.
    """
    if turn_just_worked():
        _wanted.setdefault(key, time.perf_counter())
        return False
    turn_given(key)
    return True


def turn_given(key: int) -> None:
    """The step waiting under ``key`` runs now, in this turn or beside others
    (it waited long enough): slices no longer wait for it, and have the next
    turn after it."""
    global _step_ran_last
    _wanted.pop(key, None)
    _step_ran_last = True


def turn_just_worked() -> bool:
    """Whether a slice (or a repaint) worked a moment ago, in this turn of the
    event loop: a step that wants a turn of its own waits for the next one."""
    return time.perf_counter() - _last_chunk_end < TURN_S


def take_turn() -> None:
    """Work other than a slice (a repaint) just ended: this turn is taken too."""
    global _last_chunk_end
    _last_chunk_end = time.perf_counter()


def turn_taken() -> bool:
    """Whether this turn of the event loop is taken (come back at the next one):
    another slice (or a repaint) worked a moment ago, or a step waits for a turn
    of its own and no such step ran since the last slice."""
    now = time.perf_counter()
    for key, since in list(_wanted.items()):
        if now - since >= TURN_WANTED_S:
            del _wanted[key]  # (its object deleted, or waiting too long)
    if _wanted and not _step_ran_last:
        return True
    return now - _last_chunk_end < TURN_S


class SliceClock:
    """Tells a slice when to yield: ``spent()`` after each chunk.

    Examples
    --------
    >>> clock = SliceClock(0.0)
    >>> clock.spent()  # any chunk passes a budget of nothing
    True
    >>> SliceClock(60.0).spent()
    False
    """

    def __init__(self, budget_s: float) -> None:
        self.start = self.last = time.perf_counter()
        self.deadline = self.start + budget_s
        self.longest = 0.0

    def spent(self) -> bool:
        """Whether the next chunk would end past the budget (yield now)."""
        global _last_chunk_end, _step_ran_last
        _step_ran_last = False
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = _last_chunk_end = now
        return now + self.longest > self.deadline
