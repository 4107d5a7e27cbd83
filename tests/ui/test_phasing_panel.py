"""The phasing dock driven with real mouse and key events (DESIGN §12, §16)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QProgressDialog, QPushButton

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from test_phasing_engine import tiroir_project  # noqa: E402

from mixplan.model.commands import AddScenario  # noqa: E402
from mixplan.model.phasing import Hosting, Occupant  # noqa: E402
from mixplan.model.phasing_commands import SetHosts  # noqa: E402


@pytest.fixture
def window(make_window, qtbot):
    project = tiroir_project()
    AddScenario("U", source="Tiroir").apply(project)
    s = project.scenario("U")
    for bid, b in list(s.buildings.items()):
        s.buildings[bid] = replace(b, delivered_in=None, demolished_in=None, hosts=())
    for bid, removal in list(s.removed.items()):
        s.removed[bid] = replace(removal, demolished_in=None)
    w = make_window(project)
    w.document.set_scenario("Tiroir")
    dock = w.panel_docks["dock_phasing"]
    dock.show()
    dock.resize(1100, 320)
    panel = w.panel("dock_phasing")
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.phased)
    return w


def _panel(window):
    return window.panel("dock_phasing")


def test_drag_a_bar_to_another_phase_is_one_undo_step(window, qtbot) -> None:
    panel = _panel(window)
    timeline = panel.timeline
    timeline.resize(700, 200)
    row = [b.id for b in timeline.rows].index("H")
    start = timeline.row_center(row).toPoint()
    target = QPoint(int(timeline.column_rect(2).center().x()), start.y())
    stack = window.document.undo_stack
    count = stack.count()
    QTest.mousePress(timeline, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(timeline, target)
    QTest.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=target)
    assert window.document.scenario.buildings["H"].delivered_in == 2
    assert stack.count() == count + 1
    stack.undo()
    assert window.document.scenario.buildings["H"].delivered_in == 3


def test_dragging_a_delivery_before_its_ground_is_free_is_refused(
    window, qtbot, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    timeline = _panel(window).timeline
    timeline.resize(700, 200)
    row = [b.id for b in timeline.rows].index("H")
    start = timeline.row_center(row).toPoint()
    target = QPoint(int(timeline.column_rect(1).center().x()), start.y())
    count = window.document.undo_stack.count()
    QTest.mousePress(timeline, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=target)
    assert window.document.scenario.buildings["H"].delivered_in == 3
    assert window.document.undo_stack.count() == count
    assert shown and "building H is delivered in phase 1" in shown[0]


def test_firms_panel_says_who_is_where(window, qtbot) -> None:
    panel = _panel(window)
    table = panel.firms
    firms = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    row = firms.index("Menuiserie")
    assert [table.item(row, c).text() for c in range(3)] == ["A", "N", "N"]
    assert "Menuiserie moves from A to N" in panel.moves.text()


def test_moves_name_the_buildings(make_window, qtbot) -> None:
    project = tiroir_project()
    project.baseline.buildings["A"] = replace(
        project.baseline.buildings["A"], name="Atelier"
    )
    tiroir = project.scenario("Tiroir")
    tiroir.buildings["N"] = replace(tiroir.buildings["N"], name="Halle Nord")
    window = make_window(project)
    window.document.set_scenario("Tiroir")
    window.panel_docks["dock_phasing"].show()
    panel = _panel(window)
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.phased)
    assert (
        "Phase 2: Menuiserie moves from “Atelier” (A) to “Halle Nord” (N)"
        in panel.moves.text().splitlines()
    )


def test_the_plan_as_at_a_phase(window, qtbot) -> None:
    panel = _panel(window)
    scene = window.site_view.site_scene
    panel.slider.setFocus()
    QTest.keyClick(panel.slider, Qt.Key.Key_Right)  # end of phase 1
    assert panel.slider.value() == 1
    assert scene.buildings["N"].opacity() == 1.0  # delivered in 1
    assert scene.buildings["H"].opacity() < 0.5  # not before phase 3
    assert scene.standing_item is not None  # A still stands
    QTest.keyClick(panel.slider, Qt.Key.Key_Right)  # end of phase 2: A is gone
    assert scene.standing_item is None
    QTest.keyClick(panel.slider, Qt.Key.Key_Home)
    assert scene.buildings["H"].opacity() == 1.0


def test_findings_per_phase(window, qtbot) -> None:
    panel = _panel(window)
    window.document.push(SetHosts("Tiroir", "N", []))
    qtbot.waitUntil(lambda: panel.findings.count() >= 2)
    texts = [panel.findings.item(i).text() for i in range(panel.findings.count())]
    assert any("no premises" in t or "pas de locaux" in t for t in texts)
    panel.slider.setValue(1)
    kept = [panel.findings.item(i).text() for i in range(panel.findings.count())]
    assert all(not t.startswith(("Phase 2", "Phase 3")) for t in kept)


def _suggest_clicked(window, qtbot):  # type: ignore[no-untyped-def]
    """Scenario U shown, unphased; Suggest phasing clicked: (panel, undo
    count before, the progress dialog)."""
    window.document.set_scenario("U")
    panel = _panel(window)
    qtbot.waitUntil(lambda: panel.result is not None and not panel.result.phased)
    count = window.document.undo_stack.count()
    QTest.mouseClick(panel.suggest_button, Qt.MouseButton.LeftButton)
    return panel, count, panel.findChild(QProgressDialog, "phasing_suggest_progress")


def test_suggest_phasing_from_the_editor(window, qtbot) -> None:
    panel, count, progress = _suggest_clicked(window, qtbot)
    # worked out in a child process, a progress dialog shown meanwhile
    assert progress is not None and progress.isVisible()
    assert not panel.suggest_button.isEnabled()
    qtbot.waitUntil(lambda: window.document.undo_stack.count() == count + 1)
    scenario = window.document.project.scenario("U")
    assert scenario.demolitions == {"A": 2}
    assert "Phase 2" in panel.status.text()
    assert panel.suggest_button.isEnabled()
    # (closed; deleted later, when the event loop gets to it)
    assert not any(d.isVisible() for d in panel.findChildren(QProgressDialog))


def test_suggest_phasing_cancelled_changes_nothing(window, qtbot) -> None:
    panel, count, progress = _suggest_clicked(window, qtbot)
    QTest.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert panel.suggest_button.isEnabled()
    qtbot.wait(1500)  # (a result that still came would be pushed by now)
    assert window.document.undo_stack.count() == count
    assert window.document.project.scenario("U").demolitions == {}


def test_move_a_firm_from_the_firms_panel(window, qtbot) -> None:
    """Serrurerie is hosted in N from phase 3 only: without premises in phase 2.

    Choosing Serrurerie, N and phase 2 with the arrow keys and clicking Move houses
    it in N from phase 2 (its phase-3 hosting stays): one undo step, no firm left
    without premises.
    """
    panel = _panel(window)
    window.document.push(
        SetHosts("Tiroir", "N", [Hosting("Menuiserie", 2), Hosting("Serrurerie", 3)])
    )
    qtbot.waitUntil(
        lambda: (
            panel.result is not None
            and panel.result.phases[1].firms_without_premises == ("Serrurerie",)
        )
    )
    for combo, wanted in ((panel.move_firm, "Serrurerie"), (panel.move_to, "N")):
        combo.setFocus()
        QTest.keyClick(combo, Qt.Key.Key_Home)
        for _ in range(combo.count()):
            if combo.currentText() == wanted:
                break
            QTest.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentText() == wanted
    panel.move_phase.setFocus()
    panel.move_phase.selectAll()
    QTest.keyClicks(panel.move_phase, "2")
    assert panel.move_phase.value() == 2
    count = window.document.undo_stack.count()
    QTest.mouseClick(panel.move_button, Qt.MouseButton.LeftButton)
    hosts = window.document.project.scenario("Tiroir").buildings["N"].hosts
    assert Hosting("Serrurerie", 2) in hosts
    assert window.document.undo_stack.count() == count + 1
    qtbot.waitUntil(
        lambda: (
            panel.result is not None
            and all(not f.firms_without_premises for f in panel.result.phases)
        )
    )
    window.document.undo_stack.undo()
    hosts = window.document.project.scenario("Tiroir").buildings["N"].hosts
    assert Hosting("Serrurerie", 2) not in hosts


def test_type_a_firm_into_an_existing_building(window, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    panel = _panel(window)
    combo = panel.occupant_building
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == "B":
            break
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "B"
    panel.occupant_m2.setFocus()
    panel.occupant_m2.selectAll()
    QTest.keyClicks(panel.occupant_m2, "250")
    panel.occupant_jobs.setFocus()
    panel.occupant_jobs.selectAll()
    QTest.keyClicks(panel.occupant_jobs, "4")
    panel.occupant_name.setFocus()
    QTest.keyClicks(panel.occupant_name, "Reliure Petit")
    count = window.document.undo_stack.count()
    QTest.keyClick(panel.occupant_name, Qt.Key.Key_Return)
    firms = window.document.project.baseline.buildings["B"].occupants
    assert firms[-1] == Occupant("Reliure Petit", 250, 4)
    assert window.document.undo_stack.count() == count + 1
    assert panel.occupant_name.text() == ""
    # the same name again: refused in a message, nothing changed
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    QTest.keyClicks(panel.occupant_name, "Reliure Petit")
    QTest.mouseClick(panel.occupant_add, Qt.MouseButton.LeftButton)
    assert shown and "Reliure Petit" in shown[0]
    assert window.document.undo_stack.count() == count + 1
    window.document.undo_stack.undo()
    assert window.document.project.baseline.buildings["B"].occupants == (
        Occupant("Imprimerie", 500, 8),
    )


def test_the_phasing_is_computed_off_the_gui_thread(make_window, qtbot) -> None:
    """Shown from View ▸ Panels, the dock says it computes (busy cursor) while its
    worker measures the plan; a phase added meanwhile with a click outdates that
    job: what is shown in the end is the phasing of the plan as it is now."""
    import threading

    from PySide6.QtCore import QRunnable

    from mixplan.engine.phasing import phasing

    project = tiroir_project()
    window = make_window(project)
    window.document.set_scenario("Tiroir")
    dock = window.panel_docks["dock_phasing"]
    panel = _panel(window)
    panel.result = None
    gate = threading.Event()
    # the panel's one worker thread, held: its jobs wait behind this one
    panel.pool.start(QRunnable.create(lambda: gate.wait(30)))
    try:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        dock.toggleViewAction().trigger()  # View ▸ Panels ▸ Phasing
        qtbot.waitUntil(dock.isVisible)
        qtbot.waitUntil(lambda: panel.status.text() == "Computing the phasing…")
        assert panel.busy() and panel.result is None
        assert panel.cursor().shape() == Qt.CursorShape.BusyCursor
        qtbot.wait(200)  # the job waits for the worker: the window does not
        assert panel.status.text() == "Computing the phasing…"
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not panel.busy())
    assert panel.cursor().shape() != Qt.CursorShape.BusyCursor
    assert panel.status.text().startswith("3 phase(s)")
    assert panel.result.to_json() == phasing(project, "Tiroir").to_json()
    assert panel.timeline.count == 3

    gate.clear()
    panel.pool.start(QRunnable.create(lambda: gate.wait(30)))
    try:
        QTest.mouseClick(panel.add_phase, Qt.MouseButton.LeftButton)
        assert len(project.phases) == 4
        qtbot.waitUntil(lambda: panel.status.text() == "Computing the phasing…")
        assert panel.timeline.count == 3  # the last result, until the new one
        QTest.mouseClick(panel.add_phase, Qt.MouseButton.LeftButton)
        assert len(project.phases) == 5
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not panel.busy())
    assert panel.status.text().startswith("5 phase(s)")
    assert panel.timeline.count == 5
    assert panel.result.to_json() == phasing(project, "Tiroir").to_json()


def test_the_timeline_scrolls_and_paints_its_rows_on_screen(make_window, qtbot):
    """Hundreds of bars: the timeline scrolls in its own area (the dock keeps its
    height) and a bar scrolled to is drawn where the user sees it."""
    from dataclasses import replace as replaced

    from PySide6.QtGui import QColor
    from shapely.geometry import box

    project = tiroir_project()
    tiroir = project.scenario("Tiroir")
    for k in range(400):  # side by side (overlaps would be slow to evaluate)
        x, y = 300 + 40 * (k % 20), 100 + 60 * (k // 20)
        tiroir.buildings[f"n{k:03d}"] = replaced(
            tiroir.buildings["N"],
            id=f"n{k:03d}",
            name=f"n{k:03d}",
            footprint=box(x, y, x + 30, y + 50),
            hosts=(),
        )
    window = make_window(project)
    window.document.set_scenario("Tiroir")
    dock = window.panel_docks["dock_phasing"]
    dock.show()
    dock.resize(1100, 320)
    panel = _panel(window)
    qtbot.waitUntil(lambda: panel.result is not None and not panel.busy())
    timeline, scroll = panel.timeline, panel.timeline_scroll
    assert len(timeline.rows) == 403  # N, H, A removed, and the 400
    assert timeline.height() >= 403 * timeline.ROW_HEIGHT
    assert dock.height() < 1000
    last = [b.id for b in timeline.rows].index("n399")  # the removed A is after it
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    qtbot.wait(50)
    seen = scroll.viewport().grab().toImage()
    centre = timeline.mapTo(scroll.viewport(), timeline.row_center(last).toPoint())
    assert scroll.viewport().rect().contains(centre)
    colour = QColor(seen.pixel(centre))
    assert colour.green() > colour.red() and colour.green() > colour.blue()  # new
