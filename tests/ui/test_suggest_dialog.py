"""Scenario ▸ Suggest… driven with real keys and clicks (DESIGN §12, §15)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from mixplan.engine import evaluate
from mixplan.ui.errors import open_error_dialogs
from tests.engine.conftest import make_site_project
from tests.engine.test_suggest import lot_site
from tests.ui.helpers import answer_text_prompt

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _open(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.site_view.setFocus()
    QTest.keyClick(window.site_view, Qt.Key.Key_G, CTRL_SHIFT)
    dialog = window.findChild(QDialog, "suggest_dialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def _click(widget):
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def _type_name(dialog, name: str) -> None:
    field = dialog.name
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, name)


def _wait_idle(qtbot, dialog, timeout=60000):
    qtbot.waitUntil(lambda: dialog.job is None, timeout=timeout)


@pytest.fixture(autouse=True)
def _close_errors():
    yield
    from PySide6.QtWidgets import QToolTip

    QToolTip.hideText()  # the chart's tooltip must not outlive the test
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "suggest_dialog":
            widget.close()  # a top-level window left open takes later mouse events
    for box in open_error_dialogs():
        box.close()


def test_suggest_one_undo_step_with_explanation(make_window, qtbot):
    window = make_window(lot_site())
    document = window.document
    dialog = _open(window, qtbot)
    _type_name(dialog, "Max")
    _click(dialog.options["build"])  # no building on the car park this time
    assert not dialog.options["build"].isChecked()
    dialog.frozen.setFocus()
    dialog.frozen.setCurrentIndex(dialog.frozen.model().index(0, 0))  # A
    QTest.keyClick(dialog.frozen, Qt.Key.Key_Space)
    assert dialog.frozen_ids() == ["A"]
    steps = document.undo_stack.count()
    _click(dialog.run_button)
    assert dialog.cancel_button.isEnabled()
    _wait_idle(qtbot, dialog)
    project = document.project
    assert project.has_scenario("Max")
    assert document.undo_stack.count() == steps + 1
    assert document.current_scenario == "Max"
    max_ = project.scenario("Max")
    assert max_.buildings["A"] == replace(project.baseline.buildings["A"], origin="A")
    assert not any(b.startswith("new-") for b in max_.buildings)
    assert evaluate(project, "Max").errors == []
    text = dialog.explanation.toPlainText()
    assert "What limits it" in text and "What changes" in text
    # Changes name the building as the user named it, then its id.
    assert "\n“Offices” (B): add " in text
    assert "\nB:" not in text
    # Undo removes the whole suggestion at once.
    window.activateWindow()
    document.undo_stack.undo()
    assert not project.has_scenario("Max")


def test_trade_off_chart_click_creates_that_scenario(make_window, qtbot):
    window = make_window(lot_site())
    dialog = _open(window, qtbot)
    _click(dialog.pareto_button)
    _wait_idle(qtbot, dialog)
    assert dialog.chart.isVisible()
    assert len(dialog.chart.points) == 2
    before = {s.name for s in window.document.project.scenarios}
    target = dialog.chart.point_position(1).toPoint()
    QTest.mouseClick(
        dialog.chart, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target
    )
    _wait_idle(qtbot, dialog)
    project = window.document.project
    created = {s.name for s in project.scenarios} - before
    assert len(created) == 1
    name = created.pop()
    ev = evaluate(project, name)
    assert ev.errors == []
    assert ev.indicators["open_soil_ratio"] * 100 == pytest.approx(
        dialog.chart.points[1][0]
    )
    assert "trade-off" in project.scenario(name).description


def test_cancel_drops_the_result(make_window, qtbot):
    window = make_window(lot_site())
    dialog = _open(window, qtbot)
    job_count = dialog.job_count
    _click(dialog.run_button)
    _click(dialog.cancel_button)
    assert dialog.job is None and dialog.run_button.isEnabled()
    assert dialog.job_count == job_count + 1
    qtbot.wait(1500)  # the pool thread ends; its result must be ignored
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(30000)
    qtbot.wait(50)
    assert not window.document.project.has_scenario("Suggested")


def test_infeasible_site_says_why_in_a_dialog(make_window, qtbot):
    project = make_site_project()
    # A density target out of reach (an existing CBS shortfall may be kept,
    # DESIGN §9: it no longer makes the site infeasible).
    project.rulebook.set("D01", "min_far_increase", 20.0)
    window = make_window(project)
    dialog = _open(window, qtbot)
    _click(dialog.run_button)
    _wait_idle(qtbot, dialog)
    boxes = open_error_dialogs()
    assert boxes and "D01" in boxes[-1].informativeText()
    assert [s.name for s in window.document.project.scenarios] == ["Existing"]


def test_the_frozen_list_ticks_the_selection_and_the_space_key(make_window, qtbot):
    """Buildings then ground covers, the plan's selection ticked; clicking a
    row's check box or Space on it ticks or unticks it (a lazy list model)."""
    from tests.ui.helpers import click

    window = make_window(lot_site())
    click(window, 85, 35)  # C, the shed
    assert window.document.selection == ["C"]
    dialog = _open(window, qtbot)
    view, model = dialog.frozen, dialog.frozen.model()
    rows = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert rows == [
        "A — Workshop with flats",
        "B — Offices",
        "C — Shed",
        "soil — ground (open_soil)",
        "yard — ground (yard)",
        "lot — ground (sealed)",
    ]
    assert dialog.frozen_ids() == ["C"]
    view.setFocus()
    view.setCurrentIndex(model.index(2, 0))
    QTest.keyClick(view, Qt.Key.Key_Space)  # C unticked
    assert dialog.frozen_ids() == []
    yard = view.visualRect(model.index(4, 0))
    check_box = QPoint(yard.left() + yard.height() // 2, yard.center().y())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=check_box)
    assert dialog.frozen_ids() == ["yard"]


def _rows(dialog) -> list[str]:
    model = dialog.frozen.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _to_window(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.site_view.setFocus()


def test_the_dialog_follows_the_project_while_open_and_when_shown_again(
    make_window, qtbot
):
    """Buildings duplicated, deleted or renamed in the plan while Suggest is open
    show in its frozen list at once, the user's ticks kept; a scenario added while
    it is closed is in "Start from" when it opens again, the source chosen kept."""
    from tests.ui.helpers import click, key

    window = make_window(lot_site())
    click(window, 85, 35)  # C, the shed
    dialog = _open(window, qtbot)
    assert dialog.frozen_ids() == ["C"]
    view, model = dialog.frozen, dialog.frozen.model()
    view.setCurrentIndex(model.index(1, 0))  # B

    _to_window(window, qtbot)
    click(window, 20, 20)  # A
    key(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # duplicated
    copy = window.document.selection[0]
    assert copy not in {"A", "B", "C"}
    qtbot.waitUntil(lambda: len(_rows(dialog)) == 7)
    assert f"{copy} — Workshop with flats (copy)" in _rows(dialog)
    assert dialog.frozen_ids() == ["C"]  # the user's tick kept

    key(window, Qt.Key.Key_Delete)  # the copy, still selected, deleted
    qtbot.waitUntil(lambda: len(_rows(dialog)) == 6)
    assert not any(row.startswith(copy) for row in _rows(dialog))
    assert dialog.frozen_ids() == ["C"]

    click(window, 60, 15)  # B, renamed in the inspector with the keyboard
    inspector = window.panel("dock_inspector")
    inspector.name_edit.setFocus()
    inspector.name_edit.selectAll()
    QTest.keyClicks(inspector.name_edit, "Bureaux")
    QTest.keyClick(inspector.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "B — Bureaux" in _rows(dialog))
    assert view.currentIndex().row() == 1  # a rename moves nothing

    dialog.close()
    _to_window(window, qtbot)
    answer_text_prompt("Plan B")
    key(window, Qt.Key.Key_N, CTRL_SHIFT)  # Scenario ▸ New
    qtbot.waitUntil(lambda: window.document.project.has_scenario("Plan B"))
    assert window.document.current_scenario == "Plan B"
    dialog = _open(window, qtbot)
    sources = [dialog.source.itemText(i) for i in range(dialog.source.count())]
    assert sources == ["Existing", "Plan B"]
    assert dialog.source.currentData() == "Existing"  # the user's choice kept
    assert dialog.frozen_ids() == ["C"]


def test_the_source_follows_its_rename_and_a_taken_name_is_replaced(
    make_window, qtbot
):
    """The scenario Suggest starts from, renamed while the dialog is closed, is
    still the one chosen under its new name; the new scenario's name, taken in
    the meantime, is replaced by a free one."""
    from tests.ui.helpers import key

    window = make_window(lot_site())
    dialog = _open(window, qtbot)
    assert dialog.name.text() == "Suggested"
    dialog.close()
    _to_window(window, qtbot)
    answer_text_prompt("Suggested")
    key(window, Qt.Key.Key_N, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.document.project.has_scenario("Suggested"))
    window.document.set_scenario("Existing")
    answer_text_prompt("Bestand")
    window.findChild(QAction, "action_scenario_rename").trigger()
    qtbot.waitUntil(lambda: window.document.project.has_scenario("Bestand"))
    dialog = _open(window, qtbot)
    assert dialog.source.currentData() == "Bestand"
    assert dialog.source.currentText() == "Bestand"
    assert dialog.name.text() == "Suggested 2"


def test_the_suggestion_written_is_the_engines_own(make_window, qtbot):
    """Made in a child process, the suggestion is the one the engine makes here:
    the same scenario, description and explanation, byte for byte."""
    import json

    from mixplan.engine.suggest import suggest, working_copy
    from mixplan.ui.suggest_dialog import explanation_html

    project = lot_site()
    mine = working_copy(project)
    expected = suggest(working_copy(project), "Existing", "Suggested", "housing")
    window = make_window(project)
    dialog = _open(window, qtbot)
    _click(dialog.run_button)
    _wait_idle(qtbot, dialog)
    written = window.document.project.scenario("Suggested")
    expected.command.apply(mine)
    assert written.buildings == mine.scenario("Suggested").buildings
    assert written.cover == mine.scenario("Suggested").cover
    assert written.description == mine.scenario("Suggested").description
    got = dialog.suggestion
    for lang in ("en", "fr"):
        assert explanation_html(got, lang) == explanation_html(expected, lang)

    def shown(result):  # type: ignore[no-untyped-def]
        return json.dumps({**result.to_json(), "seconds": None})

    assert shown(got) == shown(expected)


def _children() -> set[int]:
    """The processes this one started that still exist (Linux's /proc)."""
    import os
    from pathlib import Path

    mine = str(os.getpid())
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it has just ended
        if fields[1] == mine:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux's /proc")
def test_cancel_ends_the_process_that_suggests(make_window, qtbot):
    """The suggestion works in a child process (nothing it does holds the
    window); Cancel ends that process at once and its result never comes."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from synthetic import varied_project

    window = make_window(varied_project(300))  # a few seconds of suggestion
    before = _children()
    dialog = _open(window, qtbot)
    _click(dialog.run_button)
    # its stages come from the child, shown as they come
    qtbot.waitUntil(
        lambda: (
            dialog.status.text() == "Suggesting: listing the options of every building"
        ),
        timeout=30000,
    )
    working = _children() - before
    assert len(working) == 1  # the child that suggests
    assert dialog.progress.maximum() == 0  # busy
    assert dialog.cursor().shape() == Qt.CursorShape.BusyCursor
    _click(dialog.cancel_button)
    assert dialog.status.text() == "Cancelled."
    assert dialog.run_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert dialog.cursor().shape() != Qt.CursorShape.BusyCursor
    qtbot.waitUntil(lambda: not (_children() & working), timeout=30000)  # reaped
    qtbot.wait(50)
    assert not window.document.project.has_scenario("Suggested")
    assert dialog.status.text() == "Cancelled."
