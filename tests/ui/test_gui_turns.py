"""The GUI thread and the evaluation worker take turns; the plan is repainted once
a rebuild in slices is done, not after every slice."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from shapely.geometry import box

from mixplan.model.commands import RemoveBuilding, SetFootprint, SetLevelUses
from mixplan.store import save_project
from mixplan.ui import live_engine, outline_tiles, site_scene, site_view
from mixplan.ui.colors import FAMILY_COLORS
from mixplan.ui.document import ProjectDocument
from mixplan.ui.live_engine import LiveEngine
from tests.ui.test_plan_batches import _choose_scenario, _shows
from tests.ui.test_scale_views import grid


class PaintCounter(QObject):
    """Counts the paint events a widget receives, and when they came."""

    def __init__(self, scene) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.scene = scene
        self.during_rebuild = 0
        self.after_rebuild = 0

    def eventFilter(self, _watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            if self.scene.rebuilding:
                self.during_rebuild += 1
            else:
                self.after_rebuild += 1
        return False


def _on_screen(window, view, scene_point) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """The colour the window shows at a scene point (the screen's own picture)."""
    at = view.viewport().mapTo(window, view.mapFromScene(scene_point))
    image = window.screen().grabWindow(window.winId()).toImage()
    ratio = image.width() / window.width()
    colour = image.pixelColor(QPoint(int(at.x() * ratio), int(at.y() * ratio)))
    return colour.red(), colour.green(), colour.blue()


def _project_file(tmp_path, n: int):  # type: ignore[no-untyped-def]
    project = grid(n)  # b_k: box(12 (k % 20), 12 (k // 20)) 8 m wide, craft + housing
    RemoveBuilding("S", "b5").apply(project)
    SetFootprint("S", "b7", box(84, 0, 100, 20)).apply(project)
    SetLevelUses("S", "b9", 1, {"office": 1.0}).apply(project)
    path = tmp_path / "grid.mixplan.gpkg"
    save_project(project, path)
    return path


def test_the_plan_is_repainted_once_a_rebuild_in_slices_is_done(
    make_window, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)  # a slice per chunk
    window = make_window(project_path=_project_file(tmp_path, 2000))
    view, scene = window.site_view, window.site_view.site_scene
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=20_000)
    qtbot.waitUntil(lambda: not window._drawing(), timeout=20_000)
    b5 = scene.buildings["b5"].sceneBoundingRect().center()
    # b5 on screen in its family's colour (not merely something other than
    # white: a plan still being drawn showed the ground there, as S does).
    family = FAMILY_COLORS[scene.buildings["b5"].family]
    drawn_b5 = family.red(), family.green(), family.blue()
    qtbot.waitUntil(lambda: _on_screen(window, view, b5) == drawn_b5)

    counter = PaintCounter(scene)
    view.viewport().installEventFilter(counter)
    started = time.perf_counter()
    with qtbot.waitSignal(scene.rebuilt, timeout=20_000):
        _choose_scenario(window, "S")  # 2,000 buildings: 16 slices at least
    took_ms = (time.perf_counter() - started) * 1000
    qtbot.waitUntil(lambda: counter.after_rebuild > 0, timeout=5000)
    # Repainted once the plan is made; meanwhile only to show how far it got.
    assert counter.during_rebuild <= took_ms // site_view.SLICING_REPAINT_MS + 1
    assert view.viewport().updatesEnabled()
    _shows(scene, window.document.scenario)
    # On screen, b5 (removed in S) is gone: only its baseline outline is left.
    qtbot.waitUntil(lambda: _on_screen(window, view, b5) != drawn_b5, timeout=5000)
    view.viewport().removeEventFilter(counter)


def _switch_counting_repaints(make_window, qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """Scenario S of 2,000 buildings chosen, rebuilt a chunk a slice with a
    progress repaint as often as one may come: the plan's repaints counted."""
    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)
    monkeypatch.setattr(site_view, "SLICING_REPAINT_MS", 0)
    window = make_window(project_path=_project_file(tmp_path, 2000))
    view, scene = window.site_view, window.site_view.site_scene
    qtbot.waitUntil(lambda: not window._drawing(), timeout=20_000)
    counter = PaintCounter(scene)
    view.viewport().installEventFilter(counter)
    with qtbot.waitSignal(scene.rebuilt, timeout=20_000):
        _choose_scenario(window, "S")
    qtbot.waitUntil(lambda: counter.after_rebuild > 0, timeout=5000)
    view.viewport().removeEventFilter(counter)
    return counter


def test_a_long_rebuild_still_shows_how_far_it_got(
    make_window, qtbot, tmp_path, monkeypatch
):
    counter = _switch_counting_repaints(make_window, qtbot, tmp_path, monkeypatch)
    assert counter.during_rebuild > 0


def test_progress_repaints_are_spaced_by_their_own_length(
    make_window, qtbot, tmp_path, monkeypatch
):
    """A long rebuild's repaints come no oftener than a few times their own
    length: with 100,000 buildings each took up to 0.5 s, every 250 ms."""
    monkeypatch.setattr(site_view, "SLICING_REPAINT_SPACING", 1e6)  # once only
    counter = _switch_counting_repaints(make_window, qtbot, tmp_path, monkeypatch)
    assert counter.during_rebuild == 1


def test_no_evaluation_starts_while_the_gui_draws_in_slices(qtbot, monkeypatch):
    monkeypatch.setattr(live_engine, "GUI_WAIT_S", 30.0)
    document = ProjectDocument(grid(40))
    engine = LiveEngine(document)
    drawing = [False]
    engine.gui_busy = lambda: drawing[0]
    try:
        qtbot.waitUntil(lambda: engine.evaluation("S") is not None, timeout=20_000)
        qtbot.waitUntil(lambda: not engine._busy, timeout=20_000)
        before = engine.evaluation("S")
        drawing[0] = True
        document.push(SetLevelUses("S", "b2", 0, {"housing": 1.0}))
        qtbot.wait(300)
        assert engine.evaluation("S") is before  # waits for the GUI's turn
        drawing[0] = False
        qtbot.waitUntil(lambda: engine.evaluation("S") is not before, timeout=20_000)
    finally:
        engine.shutdown()


def engine_showing_s(buildings: int) -> LiveEngine:
    """A live engine on a grid of ``buildings`` (:func:`grid`), S shown."""
    document = ProjectDocument(grid(buildings))
    document.set_scenario("S")
    return LiveEngine(document)


def test_the_worker_waits_for_shown_results_between_steps_and_never_for_ever(
    qtbot, monkeypatch
):
    monkeypatch.setattr(live_engine, "GUI_WAIT_S", 30.0)
    engine = engine_showing_s(40)
    drawing = [False]
    grouped: list[str] = []
    engine.grouped.connect(lambda name, *_rest: grouped.append(name))
    # Showing the current scenario's first figures starts work in slices.
    engine.evaluated.connect(
        lambda name, _e: drawing.__setitem__(0, drawing[0] or not grouped)
    )
    engine.gui_busy = lambda: drawing[0]
    try:
        qtbot.waitUntil(lambda: engine.evaluation("S") is not None, timeout=20_000)
        qtbot.wait(300)
        assert grouped == []  # the worker's next step waits
        drawing[0] = False
        qtbot.waitUntil(lambda: grouped[:1] == ["S"], timeout=20_000)
        qtbot.waitUntil(lambda: not engine._busy, timeout=20_000)
        assert set(grouped) == {"S", "Existing"}  # both ready for a switch
    finally:
        engine.shutdown()

    # A GUI that stays busy delays the worker by BACKGROUND_WAIT_S a step, no more.
    monkeypatch.setattr(live_engine, "GUI_WAIT_S", 0.05)
    monkeypatch.setattr(live_engine, "BACKGROUND_WAIT_S", 0.05)
    document = ProjectDocument(grid(40))
    engine = LiveEngine(document)
    engine.gui_busy = lambda: True
    try:
        qtbot.waitUntil(lambda: engine.evaluation("S") is not None, timeout=20_000)
        qtbot.waitUntil(lambda: not engine._busy, timeout=20_000)
    finally:
        engine.shutdown()


def _figures_after(qtbot, engine, action) -> float:  # type: ignore[no-untyped-def]
    """Seconds from ``action`` until the current scenario's next figures."""
    shown: list[float] = []
    engine.evaluated.connect(lambda *_a: shown.append(time.perf_counter()))
    started = time.perf_counter()
    action()
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    return shown[0] - started


def test_only_an_edit_s_figures_cut_into_a_busy_gui_s_turn(qtbot, monkeypatch):
    # A GUI busy for ever: the first evaluation of a project (just opened) waits
    # BACKGROUND_WAIT_S, an edit's figures GUI_WAIT_S, each at its boundary.
    monkeypatch.setattr(live_engine, "GUI_WAIT_S", 0.3)
    monkeypatch.setattr(live_engine, "BACKGROUND_WAIT_S", 1.5)
    document = ProjectDocument(grid(40))
    document.set_scenario("S")
    engine = LiveEngine(document)
    engine.gui_busy = lambda: True
    try:
        qtbot.waitUntil(lambda: engine.settled, timeout=30_000)
        took = _figures_after(qtbot, engine, engine.refresh)
        assert took >= 1.5
        qtbot.waitUntil(lambda: engine.settled, timeout=30_000)
        edit = SetLevelUses("S", "b2", 0, {"housing": 1.0})
        took = _figures_after(qtbot, engine, lambda: document.push(edit))
        assert 0.3 <= took < 1.5
    finally:
        engine.shutdown()


def test_an_edit_ends_the_wait_of_a_step_for_the_gui(qtbot, monkeypatch):
    # After its first figures the job waits for the GUI (busy for ever here)
    # to group them; an edit ends that wait: its figures come GUI_WAIT_S later,
    # not after the BACKGROUND_WAIT_S of the outdated job.
    monkeypatch.setattr(live_engine, "GUI_WAIT_S", 0.1)
    monkeypatch.setattr(live_engine, "BACKGROUND_WAIT_S", 60.0)
    document = ProjectDocument(grid(40))
    document.set_scenario("S")
    engine = LiveEngine(document)
    drawing = [False]
    engine.gui_busy = lambda: drawing[0]
    grouped: list[str] = []
    engine.grouped.connect(lambda name, *_rest: grouped.append(name))
    engine.evaluated.connect(lambda *_a: drawing.__setitem__(0, True))
    try:
        qtbot.waitUntil(lambda: engine.evaluation("S") is not None, timeout=30_000)
        qtbot.wait(200)
        assert engine._busy and grouped == []  # waiting for the GUI
        before = engine.evaluation("S")
        edit = SetLevelUses("S", "b2", 0, {"housing": 1.0})
        took = _figures_after(qtbot, engine, lambda: document.push(edit))
        assert took < 10.0
        assert engine.evaluation("S") is not before
        assert grouped == []  # the outdated figures were never grouped
    finally:
        engine.shutdown()


def test_an_opened_project_is_evaluated_once_its_plan_is_drawn(
    make_window, qtbot, tmp_path, monkeypatch
):
    # The plan of the opened file takes many turns; an edit's figures would not
    # wait for it at all (GUI_WAIT_S 0), the opened project's first evaluation
    # and every later step of its job do.
    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)  # a slice per chunk
    monkeypatch.setattr(live_engine, "GUI_WAIT_S", 0.0)
    path = _project_file(tmp_path, 2000)
    window = make_window()
    engine = window.live_engine
    qtbot.waitUntil(lambda: engine.settled, timeout=30_000)
    steps: list[tuple[str, bool]] = []  # (step, whether the GUI was drawing)
    worker = type(engine._worker)
    evaluate, group = worker._evaluate, worker._group

    def evaluating(self, name):  # type: ignore[no-untyped-def]
        steps.append((f"evaluate {name}", window._drawing()))
        return evaluate(self, name)

    def grouping(self, generation, name, evaluation):  # type: ignore[no-untyped-def]
        steps.append((f"group {name}", window._drawing()))
        return group(self, generation, name, evaluation)

    monkeypatch.setattr(worker, "_evaluate", evaluating)
    monkeypatch.setattr(worker, "_group", grouping)
    window.ask_open_path = lambda: path  # type: ignore[method-assign]
    rebuilt: list[float] = []
    window.site_view.site_scene.rebuilt.connect(
        lambda *_a: rebuilt.append(time.perf_counter())
    )
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.document.path == path.resolve(), timeout=30_000)
    qtbot.waitUntil(lambda: len(steps) == 4, timeout=60_000)
    qtbot.waitUntil(lambda: not engine._busy, timeout=30_000)
    # (the plan of 2,000 buildings drawn in slices)
    qtbot.waitUntil(lambda: bool(rebuilt), timeout=30_000)
    assert steps == [
        ("evaluate Existing", False),
        ("group Existing", False),
        ("evaluate S", False),
        ("group S", False),
    ]


def test_a_switch_to_a_scenario_already_checked_shows_its_findings_at_once(
    make_window, qtbot, tmp_path
):
    window = make_window(project_path=_project_file(tmp_path, 200))
    engine = window.live_engine
    summary = window.findChild(QLabel, "findings_summary")
    for name in ("Existing", "S"):
        qtbot.waitUntil(
            lambda n=name: engine.findings_index(engine.evaluation(n)) is not None,
            timeout=30_000,
        )
    qtbot.waitUntil(lambda: engine.settled, timeout=30_000)
    jobs: list[float] = []
    engine.idle.connect(jobs.append)
    _choose_scenario(window, "S")
    assert window.document.current_scenario == "S"
    errors = engine.error_count("S")
    assert summary.text().startswith(f"{errors} error")
    qtbot.wait(200)
    assert jobs == []  # nothing to evaluate again


def test_a_slice_yields_before_its_next_chunk_would_pass_the_budget(monkeypatch):
    from mixplan.ui import slices

    # Binary fractions, so that the boundary is exact.
    now = [0.0]
    monkeypatch.setattr(slices.time, "perf_counter", lambda: now[0])
    clock = slices.SliceClock(0.5)
    now[0] += 0.25  # a chunk of 250 ms: another ends at exactly 500 ms
    assert not clock.spent()
    now[0] += 0.25
    assert clock.spent()  # a third would end at 750 ms
    now[0] = 0.0
    clock = slices.SliceClock(0.5)
    now[0] += 0.125
    assert not clock.spent()
    now[0] += 0.25  # the longest chunk so far counts: 375 + 250 > 500
    assert clock.spent()


def test_no_slice_runs_once_the_plan_or_the_massing_view_is_gone(qtbot, monkeypatch):
    import shiboken6

    from mixplan.ui import massing
    from mixplan.ui.site_scene import SiteScene

    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)
    monkeypatch.setattr(massing, "BUILD_SLICE_S", 0.0)
    document = ProjectDocument(grid(2000))
    scene = SiteScene(document)
    assert scene.rebuilding
    view = massing.MassingView(document)
    view.resize(400, 300)
    view._ensure(complete=False)
    assert view.building_view
    shiboken6.delete(scene)
    shiboken6.delete(view)
    qtbot.wait(200)  # a slice on a deleted object would raise here
    document.push(SetLevelUses("S", "b2", 0, {"housing": 1.0}))
    qtbot.wait(50)


def test_edits_in_a_row_each_show_their_figures_before_any_grouping(qtbot, monkeypatch):
    from mixplan.engine import evaluate

    monkeypatch.setattr(live_engine, "GROUP_QUIET_S", 30.0)
    document = ProjectDocument(grid(40))
    document.set_scenario("S")
    engine = LiveEngine(document)
    steps: list[tuple[str, str]] = []
    try:
        qtbot.waitUntil(lambda: engine.settled, timeout=20_000)
        engine.evaluated.connect(lambda name, _e: steps.append(("figures", name)))
        engine.grouped.connect(lambda name, *_rest: steps.append(("groups", name)))
        document.push(SetLevelUses("S", "b2", 0, {"housing": 1.0}))
        qtbot.waitUntil(lambda: steps == [("figures", "S")], timeout=20_000)
        # The next edit while the worker waits for a quiet moment to group.
        document.push(SetLevelUses("S", "b3", 0, {"office": 1.0}))
        qtbot.waitUntil(lambda: len(steps) == 2, timeout=10_000)  # not 30 s
        assert steps == [("figures", "S"), ("figures", "S")]
        expected = evaluate(document.project, "S").indicators
        assert engine.evaluation("S").indicators == expected
    finally:
        engine.shutdown()  # wakes the worker still waiting for a quiet moment


def test_an_edit_alone_has_its_findings_grouped_after_a_quiet_moment(
    qtbot, monkeypatch
):
    monkeypatch.setattr(live_engine, "GROUP_QUIET_S", 0.05)
    document = ProjectDocument(grid(40))
    document.set_scenario("S")
    engine = LiveEngine(document)
    steps: list[tuple[str, str]] = []
    try:
        qtbot.waitUntil(lambda: engine.settled, timeout=20_000)
        engine.evaluated.connect(lambda name, _e: steps.append(("figures", name)))
        engine.grouped.connect(lambda name, *_rest: steps.append(("groups", name)))
        document.push(SetLevelUses("S", "b2", 0, {"housing": 1.0}))
        qtbot.waitUntil(lambda: engine.settled, timeout=20_000)
        assert steps[:2] == [("figures", "S"), ("groups", "S")]
        index = engine.findings_index(engine.evaluation("S"))
        assert index is not None
    finally:
        engine.shutdown()


def test_a_slice_right_after_another_waits_for_the_next_turn(monkeypatch):
    from mixplan.ui import slices

    # (the module's state as left by other tests: no step waiting — one whose
    # window was closed before it ran stays listed until slices look again,
    # asked for at a real time the fake clock below is long before)
    monkeypatch.setattr(slices, "_wanted", {})
    monkeypatch.setattr(slices, "_step_ran_last", False)
    now = [10.0]
    monkeypatch.setattr(slices.time, "perf_counter", lambda: now[0])
    monkeypatch.setattr(slices, "TURN_S", 0.5)  # binary fractions: exact boundary
    clock = slices.SliceClock(1.0)
    now[0] += 0.25
    clock.spent()  # another chain's chunk ends at 10.25
    now[0] += 0.25
    assert slices.turn_taken()  # 0.25 s later: still its turn
    now[0] += 0.25
    assert not slices.turn_taken()  # 0.5 s later: the next turn


class TurnCounter(QObject):
    """Counts the turns of the event loop (a 0 ms timer fires once a turn, before
    the slices due in it) and notes the turn of each paint of a widget."""

    def __init__(self) -> None:
        super().__init__()
        self.turn = 0
        self.paints: list[int] = []
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.turn += 1

    def eventFilter(self, _watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.paints.append(self.turn)
        return False


def test_the_plan_is_never_painted_in_the_turn_of_a_slice(
    make_window, qtbot, tmp_path, monkeypatch
):
    # A paint right after a slice made one stall of both: the heartbeat, a
    # key press waiting since the slice began, waited for the paint too.
    monkeypatch.setattr(site_scene, "REBUILD_SLICE_S", 0.0)  # a slice per chunk
    monkeypatch.setattr(site_view, "SLICING_REPAINT_MS", 15)  # many repaints
    # ... however long a repaint takes (on a loaded machine one took long enough
    # to space the next ones beyond the rebuild's end: a single paint, after it)
    monkeypatch.setattr(site_view, "SLICING_REPAINT_SPACING", 0)
    window = make_window(project_path=_project_file(tmp_path, 2000))
    view, scene = window.site_view, window.site_view.site_scene
    qtbot.waitUntil(lambda: not window._drawing(), timeout=20_000)
    qtbot.waitUntil(lambda: not window.live_engine._busy, timeout=60_000)
    counter = TurnCounter()
    slices: list[int] = []

    class CountedClock(site_scene.SliceClock):
        def __init__(self, budget_s: float) -> None:  # a slice starts working
            slices.append(counter.turn)
            super().__init__(budget_s)

    monkeypatch.setattr(site_scene, "SliceClock", CountedClock)  # the plan's
    monkeypatch.setattr(outline_tiles, "SliceClock", CountedClock)  # outlines'
    view.viewport().installEventFilter(counter)
    with qtbot.waitSignal(scene.rebuilt, timeout=20_000):
        _choose_scenario(window, "S")
    painted = len(counter.paints)
    qtbot.waitUntil(lambda: len(counter.paints) > painted, timeout=5000)  # the last
    view.viewport().removeEventFilter(counter)
    counter.timer.stop()
    assert len(slices) > 16 and len(counter.paints) > 2
    assert not set(slices) & set(counter.paints)


def _slices_on_a_fake_clock(monkeypatch):  # type: ignore[no-untyped-def]
    """The slices module as no other test left it (no slice run, no step
    waiting) on a clock that moves when the test moves it (``now[0]``); its
    durations binary fractions, for exact boundaries: ``(slices, now)``."""
    from mixplan.ui import slices

    monkeypatch.setattr(slices, "TURN_WANTED_S", 0.0625)
    monkeypatch.setattr(slices, "TURN_S", 2**-9)
    monkeypatch.setattr(slices, "_last_chunk_end", 0.0)
    monkeypatch.setattr(slices, "_wanted", {})
    monkeypatch.setattr(slices, "_step_ran_last", False)
    now = [1000.0]
    monkeypatch.setattr(slices.time, "perf_counter", lambda: now[0])
    return slices, now


def test_slices_wait_for_every_step_that_asked_for_a_turn(qtbot, monkeypatch):
    """Two steps waiting (the plan's repaint and another): the first to run
    gives slices one turn, then they wait for the second again. (The first used
    to end the wait of both: a repaint asked for during a rebuild found a slice
    just ended at each try, and waited for the rebuild's end.)"""
    slices, now = _slices_on_a_fake_clock(monkeypatch)
    ran: list[str] = []
    context = QObject()
    slices.in_a_turn_of_its_own(context, lambda: ran.append("first"))
    slices.in_a_turn_of_its_own(context, lambda: ran.append("second"))
    assert slices.turn_taken()  # slices wait for them
    # The first runs and takes its turn; the second, due in the same instant,
    # waits for the next turn (the clock stands still: it keeps waiting).
    qtbot.waitUntil(lambda: ran == ["first"], timeout=5000)
    qtbot.wait(20)
    assert ran == ["first"]
    now[0] += 2**-9
    assert not slices.turn_taken()  # a step ran last: a slice's turn
    slices.SliceClock(1.0).spent()  # a slice works a chunk
    now[0] += 2**-9
    assert slices.turn_taken()  # the second still waits: slices wait for it
    qtbot.waitUntil(lambda: ran == ["first", "second"], timeout=5000)
    now[0] += 2**-9
    assert not slices.turn_taken()  # nothing waits any more


def test_slices_wait_for_a_turn_asked_for_and_never_for_ever(qtbot, monkeypatch):
    slices, now = _slices_on_a_fake_clock(monkeypatch)
    ran: list[str] = []
    context = QObject()
    slices.in_a_turn_of_its_own(context, lambda: ran.append("repaint"))
    context.deleteLater()  # its step will never run
    qtbot.wait(50)
    assert ran == []
    now[0] += 0.0625 - 2**-20
    assert slices.turn_taken()  # slices still wait for it
    now[0] += 2**-20
    assert not slices.turn_taken()  # no longer
    # A step that runs ends the wait at once, and takes its turn (TURN_S).
    context = QObject()
    slices.in_a_turn_of_its_own(context, lambda: ran.append("step"))
    assert slices.turn_taken()
    qtbot.waitUntil(lambda: ran == ["step"], timeout=5000)
    now[0] += 2**-9 - 2**-20
    assert slices.turn_taken()
    now[0] += 2**-20
    assert not slices.turn_taken()
