"""The import dialog's report in French when the editor speaks French (issue 13)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mixplan.model import Project
from mixplan.ui.import_dialog import ImportDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from import_fixtures import build_all  # noqa: E402

NNBSP = "\u202f"


@pytest.fixture(scope="module")
def fx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_all(tmp_path_factory.mktemp("import-ui-fr"))


def test_the_report_reads_french(make_window, qtbot, fx):
    window = make_window(Project.new("t"))
    window.actions_["action_lang_fr"].trigger()
    try:
        dialog = ImportDialog(window.document, window, path=fx["gpkg"])
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
        dialog.layer.setCurrentText("buildings")
        dialog.scenario.setCurrentText("Relevé")
        dialog.start_preview()
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
        lines = dialog.preview.toPlainText().splitlines()
        assert lines[0].startswith(
            f"Sera importé : 4 bâtiments dans le scénario «{NNBSP}Relevé{NNBSP}» "
            f"(créé) depuis {fx['gpkg']} (GPKG, couche buildings)"
        ), lines[0]
        assert lines[1] == "  entités lues    3"
        with qtbot.waitSignal(dialog.imported, timeout=10_000):
            QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        text = dialog.preview.toPlainText()
        assert text.startswith("Importé (Édition ▸ Annuler le retire) :\nImporté : ")
        assert (
            f"  note            le scénario «{NNBSP}Relevé{NNBSP}» part d'une copie de "
            f"«{NNBSP}Existing{NNBSP}»"
        ) in text.splitlines()
        english = ("Imported", "features read", "levels  ", "uses  ", "warning ")
        assert not [word for word in english if word in text], text
        dialog.close()
    finally:
        window.actions_["action_lang_en"].trigger()
