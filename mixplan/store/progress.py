"""How far the reading or writing of a project file has come, as a fraction.

Opening or saving a 10,000-building project takes one to two seconds; the editor
shows a bar that moves. Each step is a span of ``[0, 1]`` sized after its
measured share of the time (rows of allocations, levels, buildings read and
turned into model values, or made and inserted), and a loop over rows reports
where it is in its span.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from typing import TypeVar

__all__ = ["ROWS_PER_REPORT", "Progress", "Span", "nothing_reported"]

#: Told the fraction of the work done (0 to 1, never going back).
Progress = Callable[[float], None]

_Item = TypeVar("_Item")

#: Rows a loop handles between two reports.
ROWS_PER_REPORT = 4096


def nothing_reported(_fraction: float) -> None:
    """The progress callback of work nobody watches."""


class Span:
    """One step of the work: the part ``[start, end]`` of the whole it covers.

    Examples
    --------
    >>> seen = []
    >>> span = Span(seen.append, 0.2, 0.6)
    >>> span.at(1, 4)
    >>> span.at_fraction(0.75)
    >>> span.done()
    >>> seen
    [0.3, 0.5, 0.6]
    """

    def __init__(self, progress: Progress, start: float, end: float) -> None:
        self.progress = progress
        self.start = start
        self.end = end

    def at(self, done: int, total: int) -> None:
        """``done`` items of ``total`` are read."""
        self.at_fraction(done / total if total else 1.0)

    def at_fraction(self, fraction: float) -> None:
        """Tell that ``fraction`` of the step is done (a :data:`Progress`)."""
        self.progress(self.start + (self.end - self.start) * min(fraction, 1.0))

    def done(self) -> None:
        """The step is over."""
        self.progress(self.end)

    def batches(self, rows: Sequence[_Item]) -> Iterator[Sequence[_Item]]:
        """The rows in slices of :data:`ROWS_PER_REPORT`, reporting after each.

        Examples
        --------
        >>> seen = []
        >>> [len(b) for b in Span(seen.append, 0.0, 1.0).batches(range(5000))], seen
        ([4096, 904], [0.8192, 1.0, 1.0])
        """
        total = len(rows)
        for first in range(0, total, ROWS_PER_REPORT):
            yield rows[first : first + ROWS_PER_REPORT]
            self.at(min(first + ROWS_PER_REPORT, total), total)
        self.done()

    def rows(self, rows: Sequence[_Item]) -> Iterable[_Item]:
        """The rows one by one, reported as in :meth:`batches`.

        The rows pass through C's ``chain``, not through a generator frame each.

        Examples
        --------
        >>> seen = []
        >>> sum(Span(seen.append, 0.0, 1.0).rows(range(5000))), seen
        (12497500, [0.8192, 1.0, 1.0])
        """
        return chain.from_iterable(self.batches(rows))
