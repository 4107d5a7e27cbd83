"""Editor budgets (DESIGN §11, turn 2), measured on the real window, offscreen.

A 10,000-building project of the varied park (``synthetic.varied_project``: two
uses a level, every height and load different, tens of thousands of findings) is
saved as a real project file and opened in :class:`mixplan.ui.main_window.MainWindow`.
Then, each in turn, through the window's contract names (DESIGN §12): open the file
(``MainWindow.open_path``), an edit (a building selected and the Delete key pressed
in ``site_view``), an edit of a level's uses (the command the inspector pushes),
undo (Ctrl+Z), a scenario switch (``scenario_list``), the massing view on and off
(``action_massing_view`` / ``action_plan_view``), save (``MainWindow.save_to``), and an
edit made as soon as the figures of the previous one show (the engine still grouping
its findings).

A heartbeat timer ticks every 5 ms on the GUI thread; the longest gap between two
ticks while an operation and everything it triggers run is the longest stall of
the main thread (budget: 100 ms). Beside it, the GUI thread's own CPU time in its
longest busy stretch, and in the longest gap: the CPU time of the GUI thread, how
long it was runnable but waited for a CPU, the CPU time of every other thread of
the process, named (the live engine ``mixplan-live-en``, a file job, the report's
writer, the autosave, Qt's pooled threads: a thread running Python takes GIL turns
from the GUI thread), and the other processes' CPU time: on a machine loaded by
other processes the wall-clock gap also counts the time the OS gave them (compare
before blaming the code). A gap in which nothing ran on the whole machine is
flagged (the virtual machine paused). Where the GUI thread waited, thread by
thread: ``bench_editor_more.py --watch`` / ``--py-spy`` (``stall_watch.py``).
For edits, the time until ``indicators_table`` shows different figures is printed
too (budget: 300 ms). Each operation is
followed until the live engine is idle and the heartbeat has run quietly for
300 ms, so stalls that come after the figures (findings, plan) are counted.

Run: ``uv run python benchmarks/bench_editor.py [--buildings 10000]
[--project FILE]`` (``--project``: a project file of one's own instead of the
varied park, e.g. real data; its second scenario named "Scenario").
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import synthetic  # noqa: E402
from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QWidget  # noqa: E402

from mixplan.model.commands import SetLevelUses  # noqa: E402

STALL_BUDGET_MS = 100.0
INDICATORS_BUDGET_MS = 300.0
QUIET_MS = 300.0


def waited_for_cpu() -> float:
    """Time (s) this thread has spent runnable but not running (Linux; else 0).

    The kernel's run-queue wait: on a machine loaded by other processes the GUI
    thread waits for a CPU, not for our code.
    """
    try:
        with open("/proc/thread-self/schedstat") as stat:
            return int(stat.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def machine_cpu() -> tuple[float, float]:
    """CPU time (s) the whole machine used so far (all CPUs, every process),
    and the time its virtual CPUs were stolen by the host (Linux; else 0)."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(f) for f in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return 0.0, 0.0
    tick = os.sysconf("SC_CLK_TCK")
    # user nice system idle iowait irq softirq steal ...
    busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6]
    return busy / tick, fields[7] / tick


class Threads:
    """The CPU time of every thread of this process, by kernel id, and its name.

    Read through each thread's CPU clock (Linux: any thread of the process, by
    its kernel id, ns resolution; a few µs a thread), so the probe counts the
    threads it was not told about too: the report's writer, the autosave, Qt's
    pooled threads (the balance), the collector running in any of them.
    """

    def __init__(self) -> None:
        self.gui = threading.get_native_id()
        self.names: dict[int, str] = {}

    @staticmethod
    def _clock(tid: int) -> int:
        # the kernel's MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED)
        return ((~tid) << 3) | 6

    def sample(self) -> dict[int, float]:
        """CPU time (s) of each thread alive now (empty where /proc is not)."""
        try:
            tids = os.listdir("/proc/self/task")
        except OSError:
            return {}
        cpu: dict[int, float] = {}
        for entry in tids:
            tid = int(entry)
            try:
                cpu[tid] = time.clock_gettime(self._clock(tid))
            except OSError:
                continue  # ended meanwhile
            if tid not in self.names:
                self.names[tid] = self._kernel_name(tid)
        return cpu

    @staticmethod
    def _kernel_name(tid: int) -> str:
        # Qt names its threads (a QThread by its objectName, 15 characters)
        try:
            with open(f"/proc/self/task/{tid}/comm") as comm:
                return comm.read().strip()
        except OSError:
            return "?"

    def name(self, tid: int) -> str:
        """A Python thread's own name, else the kernel's, with its id."""
        for thread in threading.enumerate():
            if thread.native_id == tid and not thread.name.startswith("Dummy"):
                return thread.name
        # read again: a QThread names itself once it runs
        name = self._kernel_name(tid)
        return self.names.get(tid, "?") if name == "?" else name


class Heartbeat:
    """Ticks every 5 ms; records the longest gap between ticks since ``reset``.

    For the longest gap it also keeps the CPU time the GUI thread used in it,
    how long the GUI thread waited for a CPU in it (other processes' doing, when
    the machine is loaded), and the CPU time of every other thread of the
    process in it, named (:class:`Threads`; they only add up to the gap when
    the GUI waited for another's GIL or for a CPU they took). With a
    :class:`~stall_watch.Watch`, each tick is also told to the watcher process,
    which looks at the threads while the heartbeat is late.
    """

    def __init__(self, on_tick: Callable[[float], None], watch=None) -> None:  # type: ignore[no-untyped-def]
        self.threads = Threads()
        self.watch = watch
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.on_tick = on_tick
        self.reset()
        self.timer.start()

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.last_threads = self.threads.sample()
        self.last_process = time.process_time()
        self.last_waited = waited_for_cpu()
        self.last_machine = machine_cpu()
        self.longest = 0.0
        self.longest_cpu = 0.0
        #: when the longest gap began (perf_counter: the watcher's key)
        self.longest_from = self.last
        #: the GUI thread's CPU time in the longest gap (s)
        self.longest_gui = 0.0
        #: the other threads' CPU time in the longest gap: (name, s), most first
        self.longest_others: list[tuple[str, float]] = []
        #: CPU time in the longest gap of threads that ended in it (s)
        self.longest_ended = 0.0
        #: how long the GUI thread waited for a CPU in the longest gap (s)
        self.longest_waited = 0.0
        #: other processes' CPU time in the longest gap, and the time the host
        #: stole from the virtual CPUs (s; /proc/stat counts in 10 ms ticks)
        self.longest_machine = (0.0, 0.0)
        self.quiet_since = self.last
        if self.watch is not None:
            self.watch.beat(self.last)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if self.watch is not None:
            self.watch.beat(now)
        threads = self.threads.sample()
        process = time.process_time()
        waited = waited_for_cpu()
        machine = machine_cpu()
        gap = now - self.last
        if gap > self.longest:
            self.longest = gap
            self.longest_from = self.last
            self.longest_gui = cpu - self.last_cpu
            gui = self.threads.gui
            used = {
                tid: spent - self.last_threads.get(tid, 0.0)
                for tid, spent in threads.items()
            }
            self.longest_others = sorted(
                (
                    (self.threads.name(tid), spent)
                    for tid, spent in used.items()
                    if tid != gui and spent > 0.0005
                ),
                key=lambda named: -named[1],
            )
            # what the process used beyond the threads alive now: those that
            # ended in the gap (the report's writer, an autosave)
            self.longest_ended = max(
                0.0, process - self.last_process - sum(used.values())
            )
            self.longest_waited = waited - self.last_waited
            self.longest_machine = (
                max(
                    0.0,
                    machine[0] - self.last_machine[0] - (process - self.last_process),
                ),
                machine[1] - self.last_machine[1],
            )
        self.last_machine = machine
        self.last_threads = threads
        self.last_process = process
        self.last_waited = waited
        # The GUI thread's own CPU time between two ticks: on a loaded machine the
        # wall-clock gap also counts the time the OS gave other processes.
        self.longest_cpu = max(self.longest_cpu, cpu - self.last_cpu)
        if gap > 0.030:
            self.quiet_since = now
        self.last, self.last_cpu = now, cpu
        self.on_tick(now)

    def nothing_ran(self) -> bool:
        """Whether a long gap saw almost no CPU used on the whole machine, by
        us or others (< 10 % of it): the virtual machine was paused by its host
        (not always counted as stolen), not a wait of ours."""
        used = (
            self.longest_gui
            + sum(spent for _name, spent in self.longest_others)
            + self.longest_ended
            + self.longest_machine[0]
        )
        return self.longest > 0.1 and used < 0.1 * self.longest

    def others_text(self) -> str:
        """The other threads' CPU in the longest gap, e.g. ``mixplan-report 80``."""
        named = [f"{name} {spent * 1000:.0f}" for name, spent in self.longest_others]
        if self.longest_ended > 0.0005:
            named.append(f"(ended) {self.longest_ended * 1000:.0f}")
        return ", ".join(named) or "none"


def indicator_texts(window) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """What indicators_table shows; empty while the figures are being evaluated."""
    title = window.findChild(QLabel, "indicators_title")
    if title is not None and "evaluating" in title.text():
        return ()
    table = window.findChild(QTableView, "indicators_table")
    model = table.model()
    return tuple(
        str(model.index(r, c).data() or "")
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    )


class Probe:
    """Runs one operation in the event loop and measures what the user waits for."""

    def __init__(self, app: QApplication, window, watch=None) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.window = window
        self.before: tuple[str, ...] = ()
        self.started = 0.0
        self.shown_at: float | None = None
        self.watch = False
        self.ready: Callable[[], bool] = lambda: True
        # The table is read only after it says it changed: reading all its
        # cells at every 5 ms tick would itself load the GUI thread.
        self.maybe_changed = True
        model = window.findChild(QTableView, "indicators_table").model()
        for signal in (model.dataChanged, model.modelReset, model.layoutChanged):
            signal.connect(self._on_table_changed)
        self.heartbeat = Heartbeat(self._on_tick, watch)

    def _on_table_changed(self, *_args: object) -> None:
        self.maybe_changed = True

    def _on_tick(self, now: float) -> None:
        if self.watch and self.shown_at is None and self.maybe_changed:
            if not self.ready():
                return
            self.maybe_changed = False
            texts = indicator_texts(self.window)
            if texts and texts != self.before:
                self.shown_at = now

    def idle(self) -> bool:
        """The engine idle, no file job, and no view still drawing in slices."""
        window = self.window
        engine = window.live_engine
        busy = getattr(window, "file_busy", lambda: False)()
        scene = window.site_view.site_scene
        massing = window.findChild(QWidget, "massing_view")
        drawing = (
            scene.rebuilding
            or getattr(scene, "marking", False)
            or getattr(massing, "building_view", False)
        )
        return engine.settled and not busy and not drawing

    def run(
        self,
        label: str,
        action: Callable[[], object],
        watch_indicators: bool = False,
        timeout_s: float = 120.0,
        ready: Callable[[], bool] = lambda: True,
        until_shown: bool = False,
    ) -> tuple[float, float | None]:
        """Longest stall (ms) and time to new indicators (ms, when watched).

        ``ready``: the indicators count only once this holds (an open: once the
        window shows the opened file, not the previous project's figures).
        ``until_shown``: stop as soon as the new figures show (the work after
        them, e.g. the findings grouped, still under way: the next operation
        meets it).
        """
        self.before = indicator_texts(self.window)
        self.shown_at = None
        self.watch = watch_indicators
        self.ready = ready
        self.maybe_changed = True
        self.heartbeat.reset()
        self.started = time.perf_counter()
        QTimer.singleShot(0, action)
        loop = QEventLoop()
        deadline = self.started + timeout_s

        def check() -> None:
            now = time.perf_counter()
            settled = (until_shown and self.shown_at is not None) or (
                now - self.started > 0.05
                and self.idle()
                and now - self.heartbeat.quiet_since > QUIET_MS / 1000
                and (not watch_indicators or self.shown_at is not None)
            )
            if settled or now > deadline:
                loop.quit()

        poll = QTimer()
        poll.setInterval(10)
        poll.timeout.connect(check)
        poll.start()
        loop.exec()
        poll.stop()
        beat = self.heartbeat
        stall = beat.longest * 1000
        busy = beat.longest_cpu * 1000
        shown = (
            (self.shown_at - self.started) * 1000 if self.shown_at is not None else None
        )
        figures = "" if shown is None else f"  indicators after {shown:7.0f} ms"
        if watch_indicators and shown is None:
            figures = "  indicators NOT updated before the timeout"
        print(
            f"  {label:28s} longest stall {stall:5.0f} ms (in it: GUI CPU "
            f"{beat.longest_gui * 1000:3.0f}, GUI waiting for a CPU "
            f"{beat.longest_waited * 1000:3.0f}, other threads' CPU: "
            f"{beat.others_text()}; other processes' CPU "
            f"~{beat.longest_machine[0] * 1000:.0f}"
            + (
                f", stolen ~{beat.longest_machine[1] * 1000:.0f}"
                if beat.longest_machine[1]
                else ""
            )
            + f"; GUI's longest {busy:3.0f} ms){figures}"
            + (
                "  NOTHING RAN on the machine in it (paused?)"
                if beat.nothing_ran()
                else ""
            ),
            flush=True,
        )
        if beat.watch is not None:
            beat.watch.report(beat.longest_from, beat.longest)
        return stall, shown


def varied_window(  # type: ignore[no-untyped-def]
    buildings: int, prefix: str, project: Path | None = None
):
    """The varied park of ``buildings`` saved as a project in a fresh folder
    (settings kept there too), and a shown window with nothing opened yet:
    ``(app, window, folder, project path)``.

    ``project``: a project file of one's own instead (copied into the folder,
    so the original is never written; it needs a second scenario named
    "Scenario", which the benchmarks switch to).
    """
    from mixplan.store import save_project

    folder = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("MIXPLAN_SETTINGS_DIR", str(folder / "settings"))
    path = folder / "varied.mixplan.gpkg"
    t0 = time.perf_counter()
    if project is not None:
        shutil.copyfile(project, path)
        what = f"{project.name} (copied)"
    else:
        save_project(synthetic.varied_project(buildings), path)
        what = f"varied park, {buildings} buildings, 2 scenarios, written"
    print(
        f"{what} in {time.perf_counter() - t0:.1f} s; machine load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs",
        flush=True,
    )

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from mixplan.ui.main_window import MainWindow

    window = MainWindow()
    window.ask_unsaved = lambda: "discard"  # type: ignore[method-assign]
    window.resize(1400, 900)
    window.show()
    QTest.qWaitForWindowExposed(window)
    return app, window, folder, path


def add_project_argument(parser: argparse.ArgumentParser) -> None:
    """``--project PATH``: measure on a project file of one's own."""
    parser.add_argument(
        "--project",
        type=Path,
        help="a project file to measure on instead of the varied park (copied "
        'first; its second scenario must be named "Scenario")',
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buildings", type=int, default=10_000)
    add_project_argument(parser)
    args = parser.parse_args()

    app, window, folder, path = varied_window(
        args.buildings, "bench-editor-", args.project
    )
    probe = Probe(app, window)
    results: list[tuple[str, float, float | None]] = []

    def record(
        label: str,
        action: Callable[[], object],
        watch: bool = False,
        ready: Callable[[], bool] = lambda: True,
    ) -> None:
        stall, shown = probe.run(label, action, watch, ready=ready)
        results.append((label, stall, shown))

    def current_building() -> str:
        buildings = window.document.scenario.buildings
        return next(iter(buildings))

    print("operation (each followed until the engine is idle and 300 ms are quiet)")
    record(
        "open",
        lambda: window.open_path(path, ask_to_save=False),
        watch=True,
        ready=lambda: window.document.path == path and not window.file_busy(),
    )
    window.document.set_scenario("Scenario")
    probe.run("(switch to Scenario)", lambda: None)

    def delete_one() -> None:
        window.document.set_selection([current_building()])
        window.site_view.setFocus()
        QTest.keyClick(window.site_view.viewport(), Qt.Key.Key_Delete)

    record("edit: delete a building", delete_one, watch=True)

    def set_uses() -> None:
        bid = current_building()
        window.document.push(
            SetLevelUses("Scenario", bid, 0, {"housing": 0.25, "craft": 0.75})
        )

    record("edit: a level's uses", set_uses, watch=True)
    undo = window.undo_action
    record(
        "undo (Ctrl+Z)",
        lambda: (
            QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            if undo.isEnabled()
            else None
        ),
        watch=True,
    )
    scenarios = window.findChild(object, "scenario_list")
    record("scenario switch", lambda: scenarios.setCurrentRow(0), watch=True)
    record("scenario switch back", lambda: scenarios.setCurrentRow(1), watch=True)
    actions = window.actions_
    record("massing view on", actions["action_massing_view"].trigger)
    record("massing view off", actions["action_plan_view"].trigger)
    record("save as", lambda: window.save_to(folder / "copy.mixplan.gpkg"))
    record("edit after save", set_uses, watch=True)

    # Edits in a row: the next one comes as soon as the figures of the last show,
    # while the engine still groups its findings.
    def set_other_uses() -> None:
        bid = current_building()
        window.document.push(
            SetLevelUses("Scenario", bid, 0, {"housing": 0.5, "office": 0.5})
        )

    probe.run("(an edit, until its figures)", set_other_uses, True, until_shown=True)
    record("edit right after an edit", set_uses, watch=True)
    record("save (one edit)", lambda: window.save_to(folder / "copy.mixplan.gpkg"))

    worst = max(r[1] for r in results)
    # The indicators' budget is of an edit (and a switch, an undo); an opened
    # project's first figures wait for its plan to be drawn: printed apart.
    shown = [r[2] for r in results if r[2] is not None and r[0] != "open"]
    opened = [r[2] for r in results if r[2] is not None and r[0] == "open"]
    print(
        f"longest main-thread stall {worst:.0f} ms (budget {STALL_BUDGET_MS:.0f} ms, "
        f"ratio {worst / STALL_BUDGET_MS:.2f}); slowest indicators after an edit "
        f"{max(shown) if shown else float('nan'):.0f} ms (budget "
        f"{INDICATORS_BUDGET_MS:.0f} ms); an opened project's first figures after "
        f"{max(opened) if opened else float('nan'):.0f} ms"
    )
    window.close()


if __name__ == "__main__":
    main()
