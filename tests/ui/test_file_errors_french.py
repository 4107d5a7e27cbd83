"""A file that cannot be opened is explained in the user's language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox


def test_ctrl_o_of_a_missing_file_says_so_in_french(make_window, qtbot, tmp_path):
    window = make_window()
    missing = tmp_path / "gone.mixplan.gpkg"
    window.ask_open_path = lambda: missing  # type: ignore[method-assign]
    window.actions_["action_lang_fr"].trigger()
    try:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(
            lambda: window.findChild(QMessageBox, "error_dialog") is not None,
            timeout=10_000,
        )
        box = window.findChild(QMessageBox, "error_dialog")
        assert box.text() == f"Impossible d'ouvrir {missing}"
        assert box.informativeText() == "Fichier introuvable"
        box.close()
    finally:
        window.actions_["action_lang_en"].trigger()
