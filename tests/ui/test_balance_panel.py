"""The Balance dock, the assumptions editor and the compare view, driven through the
real window with real clicks and keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
)

from mixplan.engine.balance import balance_of
from mixplan.model.finance import FinancialAssumptions

SCENARIO = "Hôtel d'activités"


@pytest.fixture
def demo_window(make_window):
    from mixplan.store.demo import build_demo

    window = make_window(build_demo())
    window.document.set_scenario(SCENARIO)
    return window


def show_balance(qtbot, window):
    dock = window.panel_docks["dock_balance"]
    assert not dock.isVisible()  # hidden at start
    dock.toggleViewAction().trigger()
    dock.raise_()
    qtbot.waitUntil(dock.isVisible)
    panel = window.panel("dock_balance")
    table = panel.findChild(QTableWidget, "balance_developer_table")
    qtbot.waitUntil(
        lambda: table.rowCount() == 7 and table.item(6, 1) is not None, timeout=10000
    )
    return panel


def amounts(table: QTableWidget) -> list[float | None]:
    return [
        table.item(r, 1).data(Qt.ItemDataRole.UserRole) for r in range(table.rowCount())
    ]


def test_the_dock_shows_both_sheets_of_the_current_scenario(qtbot, demo_window):
    panel = show_balance(qtbot, demo_window)
    expected = balance_of(demo_window.document.project, SCENARIO)
    dev = panel.findChild(QTableWidget, "balance_developer_table")
    assert amounts(dev) == pytest.approx(list(expected.developer.to_json().values()))
    public = panel.findChild(QTableWidget, "balance_public_table")
    values = amounts(public)
    assert values[-1] == pytest.approx(expected.public.balance)
    assert SCENARIO in panel.title.text()
    # Whole euros with grouping, the charge foncière in bold.
    text = dev.item(6, 1).text()
    assert text.endswith(" €") and "," in text or "\u202f" in text or "\xa0" in text
    assert dev.item(6, 0).font().bold()
    chart = panel.findChild(type(panel.chart), "balance_sensitivity_chart")
    assert chart.balance is not None and len(chart.balance.sensitivity) == 9
    assert not chart.grab().isNull()


def test_switching_scenario_recomputes(qtbot, demo_window):
    panel = show_balance(qtbot, demo_window)
    demo_window.document.set_scenario("Résidentialisation")
    expected = balance_of(demo_window.document.project, "Résidentialisation")
    dev = panel.findChild(QTableWidget, "balance_developer_table")
    qtbot.waitUntil(
        lambda: (
            "Résidentialisation" in panel.title.text() and "…" not in panel.title.text()
        ),
        timeout=10000,
    )
    assert amounts(dev)[0] == pytest.approx(expected.developer.revenue)


def _open_editor(qtbot, panel):
    button = panel.findChild(QPushButton, "balance_assumptions_button")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    qtbot.waitExposed(dialog)
    return dialog, dialog.findChild(QTableView, "assumptions_table")


def _edit_cell(qtbot, table: QTableView, row: int, column: int, text: str) -> None:
    index = table.model().index(row, column)
    table.scrollTo(index)
    rect = table.visualRect(index)
    # Select the cell with a click, then F2 opens its editor (as a user does).
    QTest.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        rect.center(),
    )
    assert table.currentIndex() == index
    QTest.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: table.viewport().findChild(QLineEdit) is not None)
    editor = table.viewport().findChild(QLineEdit)
    editor.setFocus()
    editor.selectAll()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    # Qt commits the editor's data through a queued call, then deletes it.
    qtbot.waitUntil(
        lambda: (
            table.state() != QAbstractItemView.State.EditingState
            and table.viewport().findChild(QLineEdit) is None
        )
    )


def test_editing_an_assumption_is_one_undo_step_and_updates_the_balance(
    qtbot, demo_window
):
    panel = show_balance(qtbot, demo_window)
    document = demo_window.document
    dialog, table = _open_editor(qtbot, panel)
    row = dialog.row_of("fees_rate")
    before = document.undo_stack.count()
    _edit_cell(qtbot, table, row, 1, "0.2")
    assert document.project.assumptions.number("fees_rate") == 0.2
    assert document.undo_stack.count() == before + 1
    fees = balance_of(document.project, SCENARIO).developer.fees
    dev = panel.findChild(QTableWidget, "balance_developer_table")
    qtbot.waitUntil(lambda: amounts(dev)[2] == pytest.approx(fees), timeout=10000)
    # The source of a changed figure is edited the same way.
    _edit_cell(qtbot, table, row, 5, "Our 2025 tender")
    assert document.project.assumptions.get("fees_rate").source == "Our 2025 tender"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.project.assumptions == FinancialAssumptions.defaults()


def test_a_refused_value_opens_a_dialog_and_changes_nothing(
    qtbot, demo_window, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text: shown.append(text)
    )
    panel = show_balance(qtbot, demo_window)
    document = demo_window.document
    dialog, table = _open_editor(qtbot, panel)
    before = document.undo_stack.count()
    _edit_cell(qtbot, table, dialog.row_of("margin_rate"), 1, "1")
    _edit_cell(qtbot, table, dialog.row_of("price_eur_m2.housing"), 1, "-5")
    assert len(shown) == 2
    assert "[0, 1)" in shown[0] and "negative" in shown[1]
    assert document.undo_stack.count() == before
    assert document.project.assumptions == FinancialAssumptions.defaults()


def test_refine_a_use_then_remove_it(qtbot, demo_window):
    panel = show_balance(qtbot, demo_window)
    document = demo_window.document
    dialog, table = _open_editor(qtbot, panel)
    dialog.table_box.setCurrentIndex(dialog.table_box.findData("cost_eur_m2"))
    dialog.use_box.setCurrentIndex(dialog.use_box.findData("wholesale"))
    QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    entry = document.project.assumptions.get("cost_eur_m2.wholesale")
    assert entry is not None and entry.value == 1600.0  # its family's, to start
    assert table.selectionModel().selectedRows()[0].row() == dialog.row_of(
        "cost_eur_m2.wholesale"
    )
    QTest.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert document.project.assumptions.get("cost_eur_m2.wholesale") is None


def test_import_is_one_undo_step_and_a_bad_file_a_dialog(
    qtbot, demo_window, tmp_path: Path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from mixplan.engine.assumptions_io import assumptions_to_toml

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text: shown.append(text)
    )
    panel = show_balance(qtbot, demo_window)
    document = demo_window.document
    dialog, _table = _open_editor(qtbot, panel)
    good = tmp_path / "a.toml"
    good.write_text(
        assumptions_to_toml(FinancialAssumptions.defaults()).replace(
            "marketing_rate = 0.04", "marketing_rate = 0.05"
        ),
        "utf-8",
    )
    bad = tmp_path / "bad.toml"
    bad.write_text("fees_rate = 0.1\n", "utf-8")
    before = document.undo_stack.count()
    assert not dialog.import_from(bad)
    assert shown and "missing assumption" in shown[0]
    assert dialog.import_from(good)
    assert document.project.assumptions.number("marketing_rate") == 0.05
    assert document.undo_stack.count() == before + 1
    out = tmp_path / "out.toml"
    assert dialog.export_to(out) and "marketing_rate = 0.05" in out.read_text("utf-8")


def test_compare_view_shows_every_scenarios_balance(qtbot, demo_window):
    from mixplan.ui.panels.compare import CompareDialog

    dialog = CompareDialog(demo_window.document, demo_window.live_engine, demo_window)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.findChild(QTableWidget, "compare_balance_table")
    project = demo_window.document.project
    qtbot.waitUntil(
        lambda: all(
            table.item(2, c) is not None
            and table.item(2, c).data(Qt.ItemDataRole.UserRole) is not None
            for c in range(1, table.columnCount())
        ),
        timeout=15000,
    )
    assert table.columnCount() == 1 + len(project.scenarios)
    for column, scenario in enumerate(project.scenarios, start=1):
        expected = balance_of(project, scenario.name, with_sensitivity=False)
        cf = table.item(2, column).data(Qt.ItemDataRole.UserRole)
        assert cf == pytest.approx(expected.developer.charge_fonciere)
        balance = table.item(5, column).data(Qt.ItemDataRole.UserRole)
        assert balance == pytest.approx(expected.public.balance)


def test_the_guide_has_a_balance_section_in_both_languages():
    from mixplan.ui.help import TOPICS, guide_html, sections

    assert TOPICS["dock_balance"] == "balance"
    for lang, words in (("en", "charge foncière"), ("fr", "bilan d'aménagement")):
        found = {anchor: text for anchor, _title, text in sections(guide_html(lang))}
        assert words in found["balance"]


def test_the_dock_and_the_editor_speak_french(qtbot, demo_window):
    panel = show_balance(qtbot, demo_window)
    demo_window.actions_["action_lang_fr"].trigger()
    try:
        dock = demo_window.panel_docks["dock_balance"]
        assert dock.windowTitle() == "Bilan financier"
        dev = panel.findChild(QTableWidget, "balance_developer_table")
        qtbot.waitUntil(
            lambda: (
                dev.item(0, 0) is not None
                and dev.item(0, 0).text() == "Chiffre d'affaires (ventes)"
            ),
            timeout=10000,
        )
        assert "€ HT" in panel.title.text()
        assert panel.assumptions_button.text() == "Hypothèses financières…"
        dialog, table = _open_editor(qtbot, panel)
        row = dialog.row_of("fees_rate")
        model = table.model()
        assert model.index(row, 0).data() == "Honoraires (part de la construction)"
        assert model.index(row, 5).data().startswith("pratique du bilan promoteur")
    finally:
        demo_window.actions_["action_lang_en"].trigger()


def compare_balances_shown(table: QTableWidget) -> bool:
    return table.columnCount() > 1 and all(
        table.item(5, c) is not None
        and table.item(5, c).data(Qt.ItemDataRole.UserRole) is not None
        for c in range(1, table.columnCount())
    )


def test_a_closed_comparison_computes_no_balance_after_an_edit(qtbot, demo_window):
    """The comparison's balances are worked out only while it shows: once closed,
    an edit starts no balance of every scenario in a thread (it took GIL turns
    from the GUI thread: stalls of 100-300 ms on 10,000 buildings)."""
    from tests.ui.helpers import click

    window = demo_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.compare_view is not None)
    compare = window.compare_view
    table = compare.findChild(QTableWidget, "compare_balance_table")
    qtbot.waitUntil(lambda: compare_balances_shown(table), timeout=15000)
    QTest.keyClick(compare, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not compare.isVisible())

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    building = next(iter(window.document.scenario.buildings.values()))
    point = building.footprint.representative_point()
    click(window, point.x, point.y)
    assert window.document.selection == [building.id]
    window.site_view.setFocus()
    QTest.keyClick(window.site_view, Qt.Key.Key_Delete)
    assert building.id not in window.document.scenario.buildings
    qtbot.wait(600)  # four times the service's folding of a burst of edits
    assert table.service.results == {}

    # Shown again, it shows the balances of the project as it is now.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(compare.isVisible)
    qtbot.waitUntil(lambda: compare_balances_shown(table), timeout=15000)
    project = window.document.project
    for column, scenario in enumerate(project.scenarios, start=1):
        expected = balance_of(project, scenario.name)
        balance = table.item(5, column).data(Qt.ItemDataRole.UserRole)
        assert balance == pytest.approx(expected.public.balance)


def test_edits_in_a_row_end_with_the_balance_of_the_last(qtbot, demo_window):
    """Edits further apart than the service folds them each start a job; one
    runs at a time and an outdated one stops: the dock ends with the balance of
    the project as the last edit left it."""
    from mixplan.model.commands import SetLevelUses

    panel = show_balance(qtbot, demo_window)
    document = demo_window.document
    service = panel.service
    assert service.pool.maxThreadCount() == 1
    ids = list(document.scenario.buildings)[:3]
    for bid, share in zip(ids, (0.25, 0.5, 0.75), strict=True):
        document.push(
            SetLevelUses(SCENARIO, bid, 0, {"housing": share, "office": 1 - share})
        )
        qtbot.wait(200)  # past the 150 ms fold: a job of its own
    expected = balance_of(document.project, SCENARIO)
    dev = panel.findChild(QTableWidget, "balance_developer_table")
    qtbot.waitUntil(
        lambda: (
            service.result(SCENARIO) is not None
            and amounts(dev)
            == pytest.approx(list(expected.developer.to_json().values()))
        ),
        timeout=15000,
    )
