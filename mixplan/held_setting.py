"""A process-wide setting changed while any of several holds lasts.

Bulk work changes settings of the whole process (the cyclic collector paused,
NumPy's huge-page requests stopped) while threads overlap: the editor evaluates
in a worker thread while the GUI thread may open or save. Holds are counted:
the first changes the setting, the last puts it back as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["HeldSetting"]


class HeldSetting:
    """A setting ``change`` makes while held; ``restore`` gets what it returned.

    Examples
    --------
    >>> state = {"on": True}
    >>> def change():
    ...     was, state["on"] = state["on"], False
    ...     return was
    >>> setting = HeldSetting(change, lambda was: state.update(on=was))
    >>> with setting.held():
    ...     with setting.held():
    ...         pass
    ...     state["on"]
    False
    >>> state["on"]
    True
    """

    def __init__(
        self, change: Callable[[], Any], restore: Callable[[Any], None]
    ) -> None:
        self._change = change
        self._restore = restore
        self._lock = threading.Lock()
        self._depth = 0
        self._saved: Any = None

    @contextmanager
    def held(self, entering: Callable[[], None] | None = None) -> Iterator[None]:
        """Context manager: the setting changed inside, nested and thread-safe.

        ``entering`` runs at the start of this hold, under the same lock.
        """
        with self._lock:
            if self._depth == 0:
                self._saved = self._change()
            self._depth += 1
            if entering is not None:
                entering()
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0:
                    self._restore(self._saved)
