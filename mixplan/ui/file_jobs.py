"""Opening and saving off the GUI thread, with a busy cursor and a progress bar.

Reading or writing a 10,000-building project takes about a second: done on the
GUI thread, it freezes the window. A :class:`FileJob` runs the work in a
``QThread`` and reports back through queued signals; :class:`FileProgress`
shows it in the status bar (a bar and what is being done, the busy cursor over
the window) until the job ends.

An open or a save tells how far it has come, and the bar shows it, moved at
most every ``PROGRESS_INTERVAL_S``. A busy indicator is animated by the style at
60 frames a second, each repainting the status bar and the window behind it: a
dozen calls into Python a frame, each waiting for the file's thread to hand
over the GIL. Reading 10,000 buildings, that froze the window 40–120 ms at a
time on a loaded machine.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QStatusBar

from mixplan.ui.live_engine import shorten_gil_turns

log = logging.getLogger(__name__)

#: The bar of a job that reports its progress moves at most this often (s).
PROGRESS_INTERVAL_S = 0.1


class ProgressThrottle:
    """Whole per cents, passed on at most every ``interval_s`` (and 100 % always)."""

    def __init__(self, interval_s: float = PROGRESS_INTERVAL_S) -> None:
        self.interval_s = interval_s
        self.shown = -1
        self.shown_at = -float("inf")

    def percent(self, fraction: float, now: float) -> int | None:
        """The per cent to show for ``fraction`` at ``now`` (s), or None: not yet."""
        percent = max(0, min(100, int(fraction * 100)))
        if percent <= self.shown:
            return None
        if percent < 100 and now - self.shown_at < self.interval_s:
            return None
        self.shown, self.shown_at = percent, now
        return percent


class FileJob(QThread):
    """Runs ``work`` in a thread; ``succeeded(result)`` or ``failed(exception)``.

    Both signals are delivered on the GUI thread (queued), after which the job
    is finished and deletes itself. With ``reports_progress``, ``work`` is given
    a callback taking the fraction done, and ``progressed(percent)`` follows it.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int)

    def __init__(
        self,
        work: Callable[..., object],
        parent: QObject | None = None,
        reports_progress: bool = False,
    ):
        super().__init__(parent)
        self.work = work
        self.reports_progress = reports_progress
        self.throttle = ProgressThrottle()
        #: the Python id of the job's thread once it runs (for measurements)
        self.thread_ident: int | None = None
        self.done = False
        self.setObjectName("mixplan-file-job")
        # Reading a project is Python for seconds: the GUI's turns stay short.
        shorten_gil_turns()

    def report(self, fraction: float) -> None:
        """The work's progress callback (called in the job's thread)."""
        percent = self.throttle.percent(fraction, time.monotonic())
        if percent is not None:
            self.progressed.emit(percent)

    def run(self) -> None:
        self.thread_ident = threading.get_ident()
        try:
            result = self.work(self.report) if self.reports_progress else self.work()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread as is
            self.thread_ident = None
            self.failed.emit(exc)
            return
        self.thread_ident = None  # (its CPU clock goes with the thread)
        self.succeeded.emit(result)


class FileProgress(QObject):
    """The status-bar bar and busy cursor shown while a file job runs."""

    def __init__(self, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self.label = QLabel()
        self.label.setObjectName("file_progress_label")
        self.bar = QProgressBar()
        self.bar.setObjectName("file_progress")
        self.bar.setMaximumWidth(160)
        self.bar.setMaximumHeight(14)
        status_bar.addPermanentWidget(self.label)
        status_bar.addPermanentWidget(self.bar)
        self.label.hide()
        self.bar.hide()
        self._cursor = False
        self.clock = QElapsedTimer()

    def start(self, text: str, steps: bool = False) -> None:
        """Show ``text``; the bar counts per cents with ``steps``, else is busy."""
        self.label.setText(text)
        self.bar.setRange(0, 100 if steps else 0)
        self.bar.setValue(0)
        self.label.show()
        self.bar.show()
        self.clock.start()
        if not self._cursor:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self._cursor = True

    def stop(self) -> None:
        self.label.hide()
        self.bar.hide()
        if self._cursor:
            QApplication.restoreOverrideCursor()
            self._cursor = False
        if self.clock.isValid():
            log.info("%s took %d ms", self.label.text(), self.clock.elapsed())
