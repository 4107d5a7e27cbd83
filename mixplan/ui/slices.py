"""Work done on the GUI thread in slices, each ending before its budget runs out.

A slice works chunk after chunk and yields to the event loop before the next
chunk would pass the slice's budget (a chunk is expected to take as long as the
longest one so far): checking only after a chunk let slices of 20 ms run 30–40.
The next slice is a timer ``NEXT_SLICE_MS`` away, not an event posted at once:
one turn of the event loop then runs one slice *or* the repaint (and Qt's own
bookkeeping) it caused, never all of them back to back.
"""

from __future__ import annotations

import time

#: The next slice is a timer this many ms away (see the module docstring).
NEXT_SLICE_MS = 1


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
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now
        return now + self.longest > self.deadline
