"""Heavy single steps of the GUI thread (the plan's full repaint after its
rebuild) run while the evaluation worker rests at a pause point."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, QTimer

from mixplan.engine import evaluate
from mixplan.ui import live_engine, site_scene
from mixplan.ui.slices import SliceClock, next_slice, turn_just_worked, turn_taken
from tests.ui.test_gui_turns import _project_file, engine_showing_s
from tests.ui.test_plan_batches import _choose_scenario


def test_the_worker_waits_at_a_pause_point_until_the_heavy_step_is_done(qtbot):
    worker = live_engine._Worker()
    worker.cooperative = True
    # No heavy step: a pause point passes at once, and is not counted.
    worker.pause()
    assert worker.pauses == 0
    worker.heavy_done.clear()  # (what LiveEngine.in_heavy_turn does)
    passed = threading.Event()

    def evaluating() -> None:
        worker.resting.clear()  # (running Python, as in a job)
        worker.pause()
        passed.set()

    thread = threading.Thread(target=evaluating)
    thread.start()
    try:
        qtbot.waitUntil(lambda: worker.pauses == 1 and worker.resting.is_set())
        assert not passed.is_set()  # it waits
    finally:
        worker.heavy_done.set()
    qtbot.waitUntil(passed.is_set)
    thread.join()
    assert not worker.resting.is_set()  # running again


@pytest.mark.parametrize("back_to_back", [False, True])
def test_a_heavy_step_runs_while_the_worker_rests_and_results_stay_the_same(
    qtbot, monkeypatch, back_to_back
):
    # The step waits for the worker's pause however long (no going on beside it).
    monkeypatch.setattr(live_engine, "HEAVY_ASK_S", 600.0)
    engine = engine_showing_s(400)
    document, worker = engine.document, engine._worker
    asked: list[int] = []  # the worker's pauses when a step was asked for
    seen: list[tuple[bool, int]] = []  # (resting, pauses) when each step ran
    after_a_slice: list[bool] = []  # whether each step ran right after a slice
    # slices that worked while a step waited and the worker rested: each step's
    kept_waiting = [0]
    # Slices meanwhile: one every 10 ms, or back to back, each as soon as the
    # slices' turn-taking lets it (``turn_taken``, as the plan's slices do) and
    # working longer than the heavy step's polling interval: the step is then
    # polled right after a slice each time. It runs in a turn of its own all
    # the same: slices let it go first. (It used to look for a turn no slice
    # had just worked in, and found none beside such slices: it waited through
    # many jobs, up to the test's minute.)
    chain = QObject()
    work_s = (live_engine.GUI_POLL_MS + 1) / 1000 if back_to_back else 0.0

    def a_slice() -> None:
        if not (back_to_back and turn_taken()):
            clock = SliceClock(work_s)
            while not clock.spent():  # (a chunk just ended)
                pass
            if engine._heavy and worker.resting.is_set():
                kept_waiting[-1] += 1
        QTimer.singleShot(0 if back_to_back else 10, chain, a_slice)

    next_slice(chain, a_slice)

    def step() -> None:
        seen.append((worker.resting.is_set(), worker.pauses))
        after_a_slice.append(turn_just_worked())
        kept_waiting.append(0)

    def ask() -> None:
        # A step asked for while the worker runs Python: it must wait.
        if engine._busy and not worker.resting.is_set() and not engine._heavy:
            asked.append(worker.pauses)
            engine.in_heavy_turn(step)
        elif engine.settled:
            engine.refresh()  # another job, until one paused for a step

    def paused_for_a_step() -> bool:
        return any(pauses > at for at, (_r, pauses) in zip(asked, seen, strict=False))

    timer = QTimer()
    timer.timeout.connect(ask)
    timer.start(0)
    try:
        qtbot.waitUntil(paused_for_a_step, timeout=20_000)
        timer.stop()
        assert seen and all(resting for resting, _pauses in seen)
        assert not any(after_a_slice)
        if back_to_back:
            # The step was polled after a slice, and slices let it go first:
            # one slice before it (its poll came right after one), a few should
            # the GUI thread not run for longer than slices wait for it
            # (TURN_WANTED_S, a loaded machine). It was 11 to 142 before.
            assert max(kept_waiting) <= 3, kept_waiting
        qtbot.waitUntil(lambda: engine.settled and not engine._heavy, timeout=60_000)
        # The worker went on: its figures are those of an evaluation unpaused.
        project = document.project
        for name in ("S", "Existing"):
            assert (
                engine.evaluation(name).to_json() == evaluate(project, name).to_json()
            )
    finally:
        timer.stop()
        chain.deleteLater()  # (the slices stop)
        engine.shutdown()


def test_the_plan_s_repaint_after_a_rebuild_runs_while_the_worker_rests(
    make_window, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)  # a slice per chunk
    monkeypatch.setattr(live_engine, "HEAVY_ASK_S", 600.0)
    window = make_window(project_path=_project_file(tmp_path, 2000))
    view, scene, engine = (
        window.site_view,
        window.site_view.site_scene,
        window.live_engine,
    )
    qtbot.waitUntil(lambda: engine.settled and not window._drawing(), timeout=30_000)
    heavy = view.heavy_turn
    assert heavy == engine.in_heavy_turn
    seen: list[tuple[bool, bool, bool]] = []  # (resting, rebuilding, updates on)
    painted: list[float] = []

    def watched(step):  # type: ignore[no-untyped-def]
        def run() -> None:
            before = view.last_paint_ms
            view.last_paint_ms = -1.0
            step()
            seen.append(
                (
                    engine._worker.resting.is_set(),
                    scene.rebuilding,
                    view.viewport().updatesEnabled(),
                )
            )
            painted.append(view.last_paint_ms)
            if view.last_paint_ms < 0:
                view.last_paint_ms = before

        heavy(run)

    view.heavy_turn = watched
    with qtbot.waitSignal(scene.rebuilt, timeout=30_000):
        _choose_scenario(window, "S")
    qtbot.waitUntil(lambda: any(not r for _w, r, _u in seen), timeout=10_000)
    resting, _rebuilding, updates = next(s for s in seen if not s[1])
    assert resting and updates  # the worker rested, the plan shown again...
    assert painted[[s[1] for s in seen].index(False)] >= 0.0  # ...painted in it
    view.heavy_turn = heavy
