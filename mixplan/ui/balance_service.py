"""BalanceService: computes scenario balances off the GUI thread.

A balance (both sheets and the ± 20 % sensitivity) measures every building and
ground cover of a scenario and of the baseline nine times over; on a large
project that is far more than the 100 ms the GUI thread may spend. The service
hands a snapshot of the project to a pool thread and emits ``computed`` with
the result; a result made from an older state of the project (edits happened
meanwhile) is dropped and the scenario computed again.

A balance is pure Python for 0.1–0.5 s a scenario on a 10,000-building project,
and every Python thread that runs takes GIL turns from the GUI thread: each
return of the GUI thread from Qt waits for one. So the service runs one job at
a time (its own pool of one thread; a job started per edit piled up, three
balances at once while the GUI thread waited for the GIL: stalls of 100–300 ms
in the editor), and a job made outdated by an edit, or by its view hidden,
stops within 64 buildings (``balance_of``'s checkpoint; the newer job, queued
behind it, computes the current state).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from mixplan.engine.balance_sheets import Balance
from mixplan.model import Project
from mixplan.ui.document import ProjectDocument

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(int, str, object)
    failed = Signal(int, str, str)


class _Outdated(Exception):
    """Raised in a job's balance once an edit made it outdated: it stops."""


class _Job(QRunnable):
    def __init__(
        self,
        project: Project,
        names: list[str],
        generation: int,
        signals: _Signals,
        current: Callable[[], int],
    ) -> None:
        super().__init__()
        self.project = project
        self.names = names
        self.generation = generation
        self.signals = signals
        #: the service's generation now (read from this thread: an int)
        self.current = current

    def run(self) -> None:
        from mixplan.engine.balance import balance_of

        for name in self.names:
            try:
                self._check()
                result = balance_of(self.project, name, checkpoint=self._check)
            except _Outdated:
                return  # the job queued behind this one computes anew
            except Exception as exc:  # noqa: BLE001 - reported, never fatal
                log.exception("balance of %s failed", name)
                self.signals.failed.emit(self.generation, name, str(exc))
                continue
            self.signals.done.emit(self.generation, name, result)

    def _check(self) -> None:
        if self.current() != self.generation:
            raise _Outdated


class BalanceService(QObject):
    """Balances of the document's scenarios, kept up to date after edits."""

    #: a scenario's balance is ready (name, Balance)
    computed = Signal(str, object)
    #: a scenario's balance could not be computed (name, message)
    failed = Signal(str, str)

    def __init__(self, document: ProjectDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.results: dict[str, Balance] = {}
        self.generation = 0
        self.wanted: set[str] = set()
        #: one job at a time (see the module docstring); made before the
        #: signals so that, deleted first, it waits for its job to end
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)  # fold a burst of edits into one job
        self._timer.timeout.connect(self._start)
        document.changed.connect(self._invalidate)
        document.project_replaced.connect(self._invalidate)

    def request(self, names: list[str]) -> None:
        """Ask for these scenarios' balances (``computed`` tells when each is ready)."""
        self.wanted.update(names)
        missing = [n for n in names if n not in self.results]
        if missing:
            self._timer.start(0)
        for name in names:
            if name in self.results:
                self.computed.emit(name, self.results[name])

    def result(self, name: str) -> Balance | None:
        return self.results.get(name)

    def cancel(self) -> None:
        """Ask for nothing more (the view that asked is hidden): no job starts,
        and the one under way stops (within 64 buildings). The balances
        computed so far are kept (the project did not change)."""
        self.wanted.clear()
        self._timer.stop()
        self.generation += 1

    def _invalidate(self, *_args: object) -> None:
        self.generation += 1
        self.results.clear()
        if self.wanted:
            self._timer.start()

    def _start(self) -> None:
        project = self.document.project
        names = [s.name for s in project.scenarios if s.name in self.wanted]
        self.wanted = set(names)
        if not names:
            return
        mirror = project.snapshot()  # every field, the assumptions included
        self.pool.start(
            _Job(mirror, names, self.generation, self._signals, self._generation)
        )

    def _generation(self) -> int:
        return self.generation

    def _on_done(self, generation: int, name: str, result: object) -> None:
        if generation != self.generation:
            return  # made from an older state; a newer job is on its way
        self.results[name] = result  # type: ignore[assignment]
        self.computed.emit(name, result)

    def _on_failed(self, generation: int, name: str, message: str) -> None:
        if generation == self.generation:
            self.failed.emit(name, message)
