"""A busy cursor while an edit of many buildings is applied.

Whole-park edits (a preset, a level's height, a move of 10,000 buildings) still
hold the window a few tenths of a second: the cursor says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

__all__ = ["BUSY_FROM", "busy_for"]

#: From this many buildings, an edit shows a busy cursor while it applies.
BUSY_FROM = 2000


@contextmanager
def busy_for(count: int) -> Iterator[None]:
    """A wait cursor within, if ``count`` buildings (from :data:`BUSY_FROM`) change."""
    busy = count >= BUSY_FROM
    if busy:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        if busy:
            QApplication.restoreOverrideCursor()
