"""Opening and saving off the GUI thread, with a busy cursor and a progress bar.

Reading or writing a 10,000-building project takes about a second: done on the
GUI thread, it freezes the window. A :class:`FileJob` runs the work in a
``QThread`` and reports back through queued signals; :class:`FileProgress`
shows it in the status bar (an indeterminate bar and what is being done, the
busy cursor over the window) until the job ends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QStatusBar

from mixplan.ui.live_engine import shorten_gil_turns

log = logging.getLogger(__name__)


class FileJob(QThread):
    """Runs ``work`` in a thread; ``succeeded(result)`` or ``failed(exception)``.

    Both signals are delivered on the GUI thread (queued), after which the job
    is finished and deletes itself.
    """

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], object], parent: QObject | None = None):
        super().__init__(parent)
        self.work = work
        self.done = False
        self.setObjectName("mixplan-file-job")
        # Reading a project is Python for seconds: the GUI's turns stay short.
        shorten_gil_turns()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread as is
            self.failed.emit(exc)
            return
        self.succeeded.emit(result)


class FileProgress(QObject):
    """The status-bar bar and busy cursor shown while a file job runs."""

    def __init__(self, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self.label = QLabel()
        self.label.setObjectName("file_progress_label")
        self.bar = QProgressBar()
        self.bar.setObjectName("file_progress")
        self.bar.setRange(0, 0)  # the store reports no steps: a busy indicator
        self.bar.setMaximumWidth(160)
        self.bar.setMaximumHeight(14)
        status_bar.addPermanentWidget(self.label)
        status_bar.addPermanentWidget(self.bar)
        self.label.hide()
        self.bar.hide()
        self._cursor = False
        self.clock = QElapsedTimer()

    def start(self, text: str) -> None:
        self.label.setText(text)
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
