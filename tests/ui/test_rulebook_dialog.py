"""Scenario ▸ Rules…: the rulebook editor driven with real keys and clicks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView

from mixplan.engine.rulebook_io import rulebook_to_toml
from mixplan.model import Rulebook
from mixplan.ui.rulebook_dialog import RulebookDialog, RulebookModel


def open_rules(window, qtbot) -> RulebookDialog:
    window.findChild(QAction, "action_rules").trigger()
    dialog = window.findChild(RulebookDialog, "rulebook_dialog")
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def row_of(dialog, section: str, name: str) -> int:
    return [p.key for p in dialog.model.parameters].index((section, name))


def focus_cell(view: QTableView, row: int) -> None:
    index = view.model().index(row, RulebookModel.VALUE)
    view.scrollTo(index)
    rect = view.visualRect(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_every_parameter_shows_value_unit_status_and_source(make_window, qtbot):
    dialog = open_rules(make_window(), qtbot)
    model = dialog.model
    row = row_of(dialog, "C02", "max_coverage")
    cells = [model.index(row, c).data() for c in range(6)]
    assert cells[0] == "C02 — Maximum coverage (CES)"
    # the status in words, never a code to decode
    assert cells[2] == "0.6" and cells[4] == "hypothesis" and cells[5]
    assert model.rowCount() == len(list(Rulebook().items()))
    enabled = row_of(dialog, "C02", "enabled")
    assert model.index(enabled, 5).data() == "project choice"
    window = dialog.parentWidget()
    window.actions_["action_lang_fr"].trigger()
    try:
        cells = [model.index(row, c).data() for c in range(6)]
        assert cells[0] == "C02 — Emprise au sol maximale (CES)"
        assert cells[2] == "0,6" and cells[4] == "hypothèse"
        assert model.index(enabled, 5).data() == "choix du projet"
        cbs = row_of(dialog, "cbs", "lawn")
        assert model.index(cbs, 0).data() == (
            "Coefficients de biotope (CBS) par surface et toiture"
        )
    finally:
        window.actions_["action_lang_en"].trigger()


def test_a_typed_value_and_a_rule_switch_are_one_undo_step_each(make_window, qtbot):
    window = make_window()
    dialog = open_rules(window, qtbot)
    view = dialog.findChild(QTableView, "rules_table")
    stack = window.document.undo_stack
    rulebook = window.document.project.rulebook
    focus_cell(view, row_of(dialog, "C02", "max_coverage"))
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    for char in "0.45":
        typed_into = QApplication.focusWidget()
        assert typed_into is not None
        QTest.keyClicks(typed_into, char, delay=30)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert rulebook.get("C02", "max_coverage") == 0.45
    assert stack.count() == 1
    # Space on the focused cell switches the rule off; Ctrl+Z in the dialog undoes.
    focus_cell(view, row_of(dialog, "C02", "enabled"))
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert rulebook.enabled("C02") is False
    assert stack.count() == 2
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rulebook.enabled("C02") is True
    stack.undo()
    assert rulebook.get("C02", "max_coverage") == 0.6


def test_import_and_export_toml(make_window, qtbot, tmp_path):
    window = make_window()
    dialog = open_rules(window, qtbot)
    other = Rulebook()
    other.set("C02", "max_coverage", 0.5)
    other.set("C02", "enabled", False)
    source = tmp_path / "plu.toml"
    source.write_text(rulebook_to_toml(other), encoding="utf-8")
    assert dialog.import_toml(source)
    rulebook = window.document.project.rulebook
    assert rulebook.get("C02", "max_coverage") == 0.5 and not rulebook.enabled("C02")
    assert window.document.undo_stack.count() == 1
    assert "2 parameter(s) changed from plu.toml" in dialog.message.text()
    out = tmp_path / "out.toml"
    assert dialog.export_toml(out)
    assert out.read_text(encoding="utf-8") == rulebook_to_toml(rulebook)
    bad = tmp_path / "bad.toml"
    bad.write_text("[C02]\nmax_coverage = 7\n", encoding="utf-8")
    assert not dialog.import_toml(bad)
    assert "bad.toml" in dialog.message.text()
    assert rulebook.get("C02", "max_coverage") == 0.5
