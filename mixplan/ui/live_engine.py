"""LiveEngine: re-evaluates the scenarios after each edit without blocking the GUI.

The worker thread owns a *mirror* of the project: after each burst of edits the
GUI thread hands it a snapshot (the scenario dicts copied; buildings are
immutable values, so copying a 10,000-building scenario is a fraction of a
millisecond) and the changes since the last job. The worker's
:class:`mixplan.engine.Evaluator` keeps its caches across jobs and is told what
changed through ``invalidate``, so an edit re-evaluates only what it touched.
Only one job runs at a time, started as soon as an edit comes to an idle worker;
edits made meanwhile are folded into the next one, and the job under way stops
after the scenario it is evaluating (its other results would be outdated): the
next job starts with the current scenario at once. Right after the current
scenario, the worker groups its findings by rule
(:func:`mixplan.engine.finding_groups.group_findings`), so that the findings dock
never sorts tens of thousands of findings on the GUI thread — after an edit, once
no newer edit came for ``GROUP_QUIET_S`` (grouping cannot be stopped half way,
and edits in a row must each show their figures at once); then the others are
evaluated, then grouped too, so that a scenario switch finds everything ready
(a switch alone starts no job).

The worker and the GUI thread share the GIL: while the GUI thread has heavy work
under way (the plan made in slices, results being shown), every return of the GUI
thread from Qt would wait for the worker's Python to let go of the GIL — a slice
of 20 ms took 50–100 ms. So the two take turns: a job starts once the GUI's
sliced work is done, and between its steps (a scenario evaluated, grouped) the
worker waits until the GUI thread has shown what it sent and is idle again
(``gui_busy``). Only the figures of an edit are worth cutting into the GUI's
drawing, after ``GUI_WAIT_S`` (they are wanted within 300 ms); every other step
(the first evaluation of an opened project, findings grouped, the other
scenarios) waits for the GUI's whole turn, ``BACKGROUND_WAIT_S`` at most so that
it always progresses: on a loaded machine the plan of an opened 10,000-building
project takes more than ``GUI_WAIT_S`` to draw, and an evaluation started
meanwhile took CPU and GIL turns from the slices — stalls of 100–220 ms (the GUI
thread runnable but not running for 70–110 ms of them).

An edit's evaluation that cut in still runs beside the GUI's slices, and one
evaluation (0.2–0.6 s of the worker after a whole-park move or turn) is one
step. The GUI's heavy single steps (the plan's full repaint after its rebuild,
60 ms of its CPU with a whole park selected) are therefore run through
:meth:`LiveEngine.in_heavy_turn`: the worker is asked to pause at the next of
the evaluation's pause points (between its states and rules: see
``Evaluator.evaluate``) or of its own steps, the GUI runs the step once it rests
(``HEAVY_ASK_S`` at most), then lets it go on. Beside a worker running Python,
that repaint took 100–125 ms of wall time (the GIL and a CPU shared).
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from mixplan.engine.finding_groups import FindingsIndex
from mixplan.engine.finding_records import severity_count
from mixplan.engine.findings import Evaluation
from mixplan.gc_pause import freeze_survivors
from mixplan.model import Project
from mixplan.model.commands import Change
from mixplan.ui.document import ProjectDocument
from mixplan.ui.slices import its_turn, take_turn, turn_given, turn_key

log = logging.getLogger(__name__)


#: How long a thread may hold the GIL while another waits for it (seconds).
#: Every virtual call of a widget made from Python (a paint, an event) takes the
#: GIL: while the project reader or the evaluation runs Python, each such call
#: waits up to this interval. At 1 ms a busy-bar repaint during the open of a
#: 10,000-building project waited 84 ms (3 ms of CPU); bench_editor's open stall
#: was 130–240 ms at 1 ms and 41–48 ms at 0.1 ms (quiet machine).
GIL_SWITCH_INTERVAL_S = 0.0001


def shorten_gil_turns() -> None:
    """Make the GIL change hands every :data:`GIL_SWITCH_INTERVAL_S` at most.

    Called before a thread that runs Python for long starts (the evaluation
    worker, a file job), so that the GUI thread never waits long for its turn.
    """
    sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_INTERVAL_S))


#: The longest an edit's figures wait for a busy GUI thread (seconds).
GUI_WAIT_S = 0.4
#: The longest any other step of the worker waits for a busy GUI thread (s).
BACKGROUND_WAIT_S = 5.0
#: How often a waiting worker looks whether an edit came (seconds).
WAIT_STEP_S = 0.02
#: After an edit's figures, its findings are grouped (0.3–0.8 s of the worker at
#: 10,000 buildings, not interruptible) only once no newer edit came for this
#: long (s): edits in a row each get their figures at once, the findings follow
#: the last one.
GROUP_QUIET_S = 0.2
#: How often the GUI thread looks whether its sliced work is done (ms).
GUI_POLL_MS = 5
#: The longest a heavy step of the GUI waits for the worker to pause (s): the
#: worker's longest stretch without a pause point (a whole-park move's scenario
#: state) is 120–330 ms of CPU, up to a second on a loaded machine; the step
#: goes on beside it after this. (At 0.15 s, repaints of 25 ms of CPU still ran
#: beside that stretch, and took 95–105 ms.) Meanwhile the window answers: the
#: plan only shows its new picture that much later.
HEAVY_ASK_S = 0.5
#: The longest the worker stays paused for a heavy step of the GUI (s).
HEAVY_WAIT_S = 1.0


class _Worker(QObject):
    evaluated = Signal(int, str, object, int)
    grouped = Signal(int, str, object, object)
    failed = Signal(int, str, str)
    finished = Signal(int, float)

    def __init__(self) -> None:
        super().__init__()
        self.mirror: Project | None = None
        self.evaluator = None
        self._grouped: dict[str, tuple[Evaluation, object]] = {}
        #: set from the GUI thread when an edit came during the job: the job
        #: stops after the scenario under way (its results are outdated anyway)
        self.interrupted = False
        #: the worker thread's id once it ran a job (benchmarks read its CPU time)
        self.thread_ident: int | None = None
        #: set while the GUI thread is idle: the worker waits on it between steps
        self.gui_idle = threading.Event()
        self.gui_idle.set()
        #: results signalled to the GUI thread (it counts those it has shown)
        self.sent = 0
        #: False when the worker runs in the GUI thread (no one to wait for)
        self.cooperative = False
        #: set from the GUI thread with ``interrupted`` (wakes a quiet wait)
        self.edited = threading.Event()
        #: cleared from the GUI thread while it runs a heavy step (or asks to):
        #: the worker waits for it at its next pause point (``pause``)
        self.heavy_done = threading.Event()
        self.heavy_done.set()
        #: set while the worker runs no Python: no job, or waiting (for the
        #: GUI, for a quiet moment, at a pause point)
        self.resting = threading.Event()
        self.resting.set()
        #: times the worker paused for a heavy step of the GUI
        self.pauses = 0

    def pause(self) -> None:
        """A pause point: wait while the GUI thread runs a heavy step
        (``HEAVY_WAIT_S`` at most)."""
        if self.cooperative and not self.heavy_done.is_set():
            self.pauses += 1
            self.resting.set()
            try:
                self.heavy_done.wait(HEAVY_WAIT_S)
            finally:
                self.resting.clear()

    def _wait_for_gui(self, limit_s: float) -> bool:
        """Wait until the GUI is idle (``limit_s`` at most); False if an edit came.

        An edit makes the rest of a job outdated: the wait ends at once.
        """
        if not self.cooperative:
            return not self.interrupted
        deadline = time.perf_counter() + limit_s
        self.resting.set()
        try:
            while not self.interrupted:
                left = deadline - time.perf_counter()
                if left <= 0 or self.gui_idle.wait(min(left, WAIT_STEP_S)):
                    break
        finally:
            self.resting.clear()
        return not self.interrupted

    def _quiet_after(self, edits: bool) -> bool:
        """Whether no newer edit came (after an edit: within ``GROUP_QUIET_S``)."""
        if self.cooperative and edits:
            self.resting.set()
            try:
                self.edited.wait(GROUP_QUIET_S)
            finally:
                self.resting.clear()
        return not self.interrupted

    def _sending(self) -> None:
        """About to signal results: the next step waits until they are shown."""
        self.sent += 1
        if self.cooperative:
            self.gui_idle.clear()

    @Slot(int, object, object, object)
    def run(
        self, generation: int, project: Project, changes: object, names: object
    ) -> None:
        start = time.perf_counter()
        self.thread_ident = threading.get_ident()
        self.resting.clear()
        try:
            self._run(generation, project, changes, names)
        finally:
            self.resting.set()
            self.finished.emit(generation, (time.perf_counter() - start) * 1000.0)

    def _run(
        self, generation: int, project: Project, changes: object, names: object
    ) -> None:
        try:
            self.pause()
            self._update(project, changes)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - reported, never fatal
            log.exception("live evaluation could not start")
            self.failed.emit(generation, "", str(exc))
            return
        evaluated: list[tuple[str, Evaluation]] = []
        for position, name in enumerate(names):  # type: ignore[arg-type]
            if position == 0:
                # The current scenario: an edit's figures wait GUI_WAIT_S at most.
                self._wait_for_gui(GUI_WAIT_S if changes else BACKGROUND_WAIT_S)
            elif not self._wait_for_gui(BACKGROUND_WAIT_S):
                break  # newer edits wait: they start a job of their own at once
            try:
                evaluation = self._evaluate(name)
            except Exception as exc:  # noqa: BLE001
                log.exception("live evaluation of %s failed", name)
                self.failed.emit(generation, name, str(exc))
                continue
            # Counted here: 40,000 findings are a few ms of the GUI thread.
            errors = severity_count(evaluation.findings, "error")
            self._sending()
            self.evaluated.emit(generation, name, evaluation, errors)
            evaluated.append((name, evaluation))
            if (
                position == 0
                and self._quiet_after(bool(changes))
                and self._wait_for_gui(BACKGROUND_WAIT_S)
            ):
                # The current scenario's findings before the other scenarios.
                self._group(generation, name, evaluation)
        # The other scenarios' findings too: a switch then finds them ready.
        for name, evaluation in evaluated[1:]:
            if not self._wait_for_gui(BACKGROUND_WAIT_S):
                break
            self._group(generation, name, evaluation)
        # The evaluator's caches and the results are kept: no collector pass
        # should scan them again (see freeze_survivors).
        freeze_survivors()

    def _group(self, generation: int, name: str, evaluation: Evaluation) -> None:
        """Group the findings of a scenario (once per evaluation)."""
        try:
            self._group_findings(generation, name, evaluation)
        except Exception:  # noqa: BLE001 - the dock says "evaluating"
            log.exception("grouping the findings of %s failed", name)

    def _group_findings(
        self, generation: int, name: str, evaluation: Evaluation
    ) -> None:
        from mixplan.engine.finding_groups import (
            FindingsIndex,
            findings_by_building,
            group_findings,
        )
        from mixplan.engine.rules import RULES

        known = self._grouped.get(name)
        if known is not None and known[0] is evaluation:
            groups = known[1]
        else:
            self.pause()
            assert self.mirror is not None
            findings = evaluation.findings
            groups = FindingsIndex(
                group_findings(findings, self.mirror.scenario(name), list(RULES)),
                findings_by_building(findings),
            )
            self._grouped[name] = (evaluation, groups)
        self._sending()
        self.grouped.emit(generation, name, evaluation, groups)

    def _update(self, project: Project, changes: list[Change] | None) -> None:
        if self.mirror is None or changes is None or self.evaluator is None:
            from mixplan.engine import Evaluator

            self.mirror = project
            self.evaluator = Evaluator(project)
            self._grouped.clear()
            return
        mirror = self.mirror
        mirror.name, mirror.crs, mirror.site = project.name, project.crs, project.site
        mirror.scenarios[:] = project.scenarios
        mirror.rulebook = project.rulebook
        for change in changes:
            self.evaluator.invalidate(change)

    def _evaluate(self, name: str) -> Evaluation:
        assert self.evaluator is not None
        self.pause()
        return self.evaluator.evaluate(name, self.pause if self.cooperative else None)


class LiveEngine(QObject):
    """Evaluations of every scenario, kept current as the document changes."""

    #: a scenario's new evaluation (name, Evaluation)
    evaluated = Signal(str, object)
    #: a scenario's findings grouped by rule (name, Evaluation, list of FindingGroup)
    grouped = Signal(str, object, object)
    #: an evaluation failed (scenario name or "", message)
    failed = Signal(str, str)
    #: all scenarios asked for in a job are done; the job took this many ms
    idle = Signal(float)

    _job = Signal(int, object, object, object)

    def __init__(
        self,
        document: ProjectDocument,
        parent: QObject | None = None,
        threaded: bool = True,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.results: dict[str, Evaluation] = {}
        self._groups: dict[str, tuple[Evaluation, object]] = {}
        #: error findings of each result, counted by the worker
        self._errors: dict[str, tuple[Evaluation, int]] = {}
        self.last_job_ms = 0.0
        self._generation = 0
        self._busy = False
        self._pending: list[Change] | None = None  # None: start afresh
        self._dirty = True
        self._worker = _Worker()
        self._worker.cooperative = threaded
        #: whether the GUI thread has sliced work under way (see the module
        #: docstring); the window tells
        self.gui_busy: Callable[[], bool] = lambda: False
        #: results of the worker the GUI thread has shown (see ``_Worker.sent``)
        self._shown = 0
        #: since when (perf_counter) a job waits for the GUI's turn
        self._waiting_since: float | None = None
        self._thread: QThread | None = None
        if threaded:
            # The worker's evaluation is pure Python: every time the GUI thread
            # returns from Qt it waits for the GIL, up to the switch interval
            # (5 ms by default). Hundreds of such waits made a repaint or a
            # table refresh last hundreds of ms while an evaluation ran.
            shorten_gil_turns()
            self._thread = QThread(self)
            self._thread.setObjectName("mixplan-live-engine")
            self._worker.moveToThread(self._thread)
            self._thread.start()
        self._job.connect(self._worker.run)
        self._worker.evaluated.connect(self._on_evaluated)
        self._worker.grouped.connect(self._on_grouped)
        self._worker.failed.connect(self._on_failed)
        self._worker.finished.connect(self._on_finished)
        # Coalesce a burst of commands (a compound edit, spin-box scrubbing) into
        # one job: the timer fires once control returns to the event loop.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._start_job)
        # Turns with the worker (see the module docstring), looked at while a
        # job runs or waits to start.
        self._gui_poll = QTimer(self)
        self._gui_poll.setInterval(GUI_POLL_MS)
        self._gui_poll.timeout.connect(self._poll_gui)
        #: heavy steps of the GUI waiting for the worker to pause, and since
        #: when (perf_counter; see ``in_heavy_turn``)
        self._heavy: list[Callable[[], object]] = []
        self._heavy_since = 0.0
        #: the heavy steps' key in the slices' turn-taking (``its_turn``)
        self._heavy_key = turn_key()
        self._heavy_poll = QTimer(self)
        self._heavy_poll.setInterval(GUI_POLL_MS)
        self._heavy_poll.timeout.connect(self._poll_heavy)
        document.changed.connect(self._on_changed)
        document.project_replaced.connect(self._on_replaced)
        document.scenario_changed.connect(self._on_scenario_changed)
        self._schedule()

    def evaluation(self, name: str) -> Evaluation | None:
        return self.results.get(name)

    @property
    def settled(self) -> bool:
        """Whether no job runs nor is due: the results (and their findings'
        groups) shown are those of the document as it is."""
        return not self._busy and not self._dirty

    def groups(self, evaluation: Evaluation) -> object | None:
        """The findings groups of an evaluation, once the worker has made them."""
        index = self.findings_index(evaluation)
        return None if index is None else index.groups

    def findings_index(self, evaluation: Evaluation | None) -> FindingsIndex | None:
        """Groups and findings by building of an evaluation, once made (worker)."""
        for known, index in self._groups.values():
            if known is evaluation:
                return index  # type: ignore[return-value]
        return None

    def refresh(self) -> None:
        """Evaluate everything again from scratch."""
        self._pending = None
        self._schedule()

    def error_count(self, name: str) -> int | None:
        evaluation = self.results.get(name)
        if evaluation is None:
            return None
        index = self.findings_index(evaluation)
        if index is not None:
            return index.error_count
        counted = self._errors.get(name)
        if counted is not None and counted[0] is evaluation:
            return counted[1]
        return severity_count(evaluation.findings, "error")

    def in_heavy_turn(self, step: Callable[[], object]) -> None:
        """Run ``step`` (a long single step of the GUI thread: a full repaint)
        while the worker rests: at once if it does, else once it paused at its
        next pause point (``HEAVY_ASK_S`` at most: the step then runs beside
        it); the worker goes on once the step returned."""
        if self._thread is None:
            step()
            return
        self._worker.heavy_done.clear()  # (a waiting worker woken meanwhile too)
        self._heavy.append(step)
        if len(self._heavy) == 1:
            self._heavy_since = time.perf_counter()
            self._poll_heavy()

    def _poll_heavy(self) -> None:
        """Run the heavy steps once the worker rests, in a turn of their own
        (slices let them go first every other turn, as they do a step
        ``in_a_turn_of_its_own``), or beside it after ``HEAVY_ASK_S``; then let
        the worker go on."""
        if not (self._worker.resting.is_set() and its_turn(self._heavy_key)):
            if time.perf_counter() - self._heavy_since < HEAVY_ASK_S:
                if not self._heavy_poll.isActive():
                    self._heavy_poll.start()  # until it does
                return
            turn_given(self._heavy_key)
        self._heavy_poll.stop()
        steps, self._heavy = self._heavy, []
        try:
            for step in steps:
                step()
        finally:
            take_turn()
            self._worker.heavy_done.set()

    def shutdown(self) -> None:
        self._timer.stop()
        self._gui_poll.stop()
        self._heavy_poll.stop()
        turn_given(self._heavy_key)
        self._worker.heavy_done.set()
        # A worker waiting for the GUI or for a quiet moment goes on, and stops.
        self._worker.interrupted = True
        self._worker.edited.set()
        self._worker.gui_idle.set()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(5000)
            self._thread = None

    def _on_changed(self, change: Change) -> None:
        if self._busy:
            self._worker.interrupted = True
            self._worker.edited.set()
        if self._pending is not None:
            self._pending.append(change)
        if change.scenarios or change.everything:
            # A renamed or deleted scenario's old result must not linger.
            names = {s.name for s in self.document.project.scenarios}
            self.results = {k: v for k, v in self.results.items() if k in names}
            self._errors = {k: v for k, v in self._errors.items() if k in names}
        self._schedule()

    def _on_scenario_changed(self, name: str) -> None:
        """A switch needs a job only when the scenario's results are not ready."""
        evaluation = self.results.get(name)
        ready = (
            evaluation is not None
            and self.findings_index(evaluation) is not None
            and self._pending == []
        )
        if not ready or self._busy:
            self._schedule()

    def _on_replaced(self) -> None:
        self.results = {}
        self._groups = {}
        self._errors = {}
        self._generation += 1
        self._pending = None
        self._schedule()

    def _schedule(self) -> None:
        self._dirty = True
        if not self._busy:
            # At once (the figures are wanted within 300 ms of an edit): edits
            # made while a job runs are folded into the next one, so typing or
            # scrubbing queues at most one evaluation.
            self._timer.start()

    def _gui_idle(self) -> bool:
        return self._shown >= self._worker.sent and not self.gui_busy()

    def _poll_gui(self) -> None:
        """Polled only while the worker waits for the GUI (or a job to start):
        a timer firing during an evaluation would itself wait for the GIL."""
        if not self._busy:
            if self._dirty:
                self._start_job()  # when the GUI is idle, or kept it waiting long
            else:
                self._gui_poll.stop()
        elif self._gui_idle():
            self._worker.gui_idle.set()
            self._gui_poll.stop()  # its next results start the polling again

    def gui_turn(self) -> None:
        """The GUI starts work in slices: the worker's next step waits for its end."""
        if self._thread is not None and self._busy:
            self._worker.gui_idle.clear()
            self._gui_poll.start()

    def _start_job(self) -> None:
        if self._busy or not self._dirty:
            return
        if self._thread is not None:
            now = time.perf_counter()
            if self._waiting_since is None:
                self._waiting_since = now
            # An edit's figures cut into the GUI's turn after GUI_WAIT_S; a
            # job from scratch (an opened project) waits for the plan drawn.
            limit = BACKGROUND_WAIT_S if self._pending is None else GUI_WAIT_S
            if not self._gui_idle() and now - self._waiting_since < limit:
                if not self._gui_poll.isActive():
                    self._gui_poll.start()  # until the GUI is idle
                return
            self._gui_poll.stop()
            self._worker.gui_idle.set()
        self._waiting_since = None
        self._dirty = False
        self._busy = True
        project = self.document.project
        current = self.document.current_scenario
        names = [current] + [s.name for s in project.scenarios if s.name != current]
        changes, self._pending = self._pending, []
        self._worker.interrupted = False
        self._worker.edited.clear()
        # (from now on: a heavy step asked for waits for its first pause point)
        self._worker.resting.clear()
        self._job.emit(self._generation, project.snapshot(), changes, names)

    def _on_evaluated(
        self, generation: int, name: str, evaluation: object, errors: int
    ) -> None:
        self._shown += 1
        self._await_gui()
        if generation != self._generation:
            return
        self.results[name] = evaluation  # type: ignore[assignment]
        self._errors[name] = (evaluation, errors)  # type: ignore[assignment]
        self.evaluated.emit(name, evaluation)

    def _on_grouped(
        self, generation: int, name: str, evaluation: object, groups: object
    ) -> None:
        self._shown += 1
        self._await_gui()
        if generation != self._generation:
            return
        self._groups[name] = (evaluation, groups)  # type: ignore[assignment]
        self.grouped.emit(name, evaluation, groups)

    def _await_gui(self) -> None:
        """The worker waits until what it sent is shown: poll for that."""
        if self._thread is not None and self._busy:
            self._gui_poll.start()

    def _on_failed(self, generation: int, name: str, message: str) -> None:
        if generation == self._generation:
            self.failed.emit(name, message)

    def _on_finished(self, generation: int, elapsed_ms: float) -> None:
        self._busy = False
        self.last_job_ms = elapsed_ms
        self.idle.emit(elapsed_ms)
        if self._dirty:
            self._schedule()
