"""Work done in a child process, waited for by a pool thread of the window.

What runs there never holds the window's GIL (its collector's full passes,
scipy's HiGHS through a whole solve); Cancel stops the child within a tenth of
a second (:func:`mixplan.store.sandbox.run_apart`'s ``stop``). Used by Suggest
and by the phasing dock's Suggest phasing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from mixplan.model.errors import MixplanError

log = logging.getLogger(__name__)


class JobSignals(QObject):
    stage = Signal(int, str, int, int)
    done = Signal(int, object)
    failed = Signal(int, str)


#: Per cent steps of a trade-off's progress (run_apart passes fractions on).
_STEPS = 100


def in_child(work: Callable[..., Any], args: tuple[Any, ...], report: Any) -> Any:
    """In the child process: ``work(*args, report)``.

    The outcome comes back as a value, ``("ok", result)`` or ``("failed",
    message)``, so that the message is the one a thread would have shown, as
    it is (run_apart words its own refusals as a file's).
    """
    from mixplan.gc_pause import collector_paused

    try:
        # What it makes dies with the process: no collector's passes over it.
        with collector_paused():
            return ("ok", work(*args, report))
    except MixplanError as exc:
        return ("failed", str(exc))
    except Exception as exc:  # noqa: BLE001 - shown in a dialog, never fatal
        log.exception("work in a child process failed")
        return ("failed", f"{type(exc).__name__}: {exc}")


class ApartJob(QRunnable):
    """Runs ``work(*args, report)`` in a child process, waited for off the GUI
    thread, and reports through signals."""

    def __init__(
        self,
        job: int,
        work: Callable[..., Any],
        args: tuple[Any, ...],
        signals: JobSignals,
    ) -> None:
        super().__init__()
        self.job, self.work, self.args, self.signals = job, work, args, signals
        #: set from the GUI thread: the child is stopped (run_apart asks ten
        #: times a second)
        self.cancelled = False

    def report(self, said: str | float) -> None:
        if isinstance(said, str):
            self.signals.stage.emit(self.job, said, 0, 0)
        else:
            self.signals.stage.emit(self.job, "", round(said * _STEPS), _STEPS)

    def cancel(self) -> None:
        """Stop the child (from the GUI thread): its result never comes."""
        self.cancelled = True

    def run(self) -> None:
        from mixplan.store.sandbox import run_apart

        try:
            kind, outcome = run_apart(
                in_child,
                self.work,
                self.args,
                source=Path("suggestion"),
                what="the suggestion",
                progress=self.report,
                doing="write",
                stop=lambda: self.cancelled,
            )
        except MixplanError as exc:
            kind, outcome = "failed", str(exc)
        if self.cancelled:
            return
        if kind == "ok":
            self.signals.done.emit(self.job, outcome)
        else:
            self.signals.failed.emit(self.job, outcome)
