"""The compare view: scenarios × indicators, pass/fail per rule."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from shapely.geometry import box

from mixplan.model import Building, Level, Project, Site
from mixplan.model.commands import AddScenario, RenameScenario, SetLevelUses
from mixplan.ui.document import ProjectDocument
from mixplan.ui.live_engine import LiveEngine
from mixplan.ui.panels.compare import CompareDialog, CompareTableModel
from mixplan.ui.panels.indicators import INDICATOR_ROWS


@pytest.fixture
def document(qapp) -> ProjectDocument:
    project = Project.new("Compare")
    project.site = Site(box(0, 0, 100, 50))
    project.baseline.buildings["b1"] = Building(
        "b1",
        "Atelier",
        box(0, 0, 40, 20),
        (
            Level.of(5.5, "craft", load_kn_m2=10.0, access="street"),
            Level.of(4.0, "craft", load_kn_m2=5.0, access="freight_lift"),
        ),
        freight_lift_kg=3000.0,
    )
    doc = ProjectDocument(project)
    doc.push(AddScenario("Loss"))  # upper storey to housing: productive loss
    doc.push(SetLevelUses("Loss", "b1", 1, {"housing": 1.0}))
    doc.push(AddScenario("Kept"))  # unchanged copy of the baseline
    return doc


@pytest.fixture
def engine(qtbot, document):
    live = LiveEngine(document, threaded=False)
    yield live
    live.shutdown()


def row_of(model: CompareTableModel, label_start: str) -> int:
    for row in range(model.rowCount()):
        if model.index(row, 0).data().startswith(label_start):
            return row
    raise AssertionError(label_start)


def test_compare_model_passes_the_model_tester(qtmodeltester, document, engine):
    model = CompareTableModel(document, engine)
    qtmodeltester.check(model, force_py=True)


def test_rule_rows_say_pass_or_fail_per_scenario(document, engine):
    model = CompareTableModel(document, engine)
    assert model.columnCount() == 4  # name + Existing, Loss, Kept
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Existing (baseline)"
    c09 = row_of(model, "C09")
    status = [model.index(c09, c).data(Qt.ItemDataRole.UserRole) for c in (1, 2, 3)]
    assert status == ["pass", "fail", "pass"]
    assert model.index(c09, 2).data() == "✗ fail (1)"


def test_indicator_rows_hold_each_scenarios_value(document, engine):
    model = CompareTableModel(document, engine)
    row = [r.key for r in INDICATOR_ROWS].index("productive_sdp_m2")
    values = [model.index(row, c).data(Qt.ItemDataRole.UserRole) for c in (1, 2, 3)]
    assert values == pytest.approx([1600 * 0.92, 800 * 0.92, 1600 * 0.92])
    assert "(−736" in model.index(row, 2).data()


def test_the_table_follows_scenario_changes(qtbot, document, engine):
    model = CompareTableModel(document, engine)
    document.push(RenameScenario("Kept", "Status quo"))
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Status quo"
    document.undo_stack.undo()
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Kept"


def test_the_dialog_opens_with_its_table(qtbot, document, engine):
    dialog = CompareDialog(document, engine)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.objectName() == "compare_view"
    assert dialog.table.model().rowCount() > len(INDICATOR_ROWS)


def test_double_clicking_a_scenario_header_shows_that_scenario(qtbot, document, engine):
    dialog = CompareDialog(document, engine)
    qtbot.addWidget(dialog)
    from PySide6.QtCore import QPoint

    dialog.show()
    qtbot.waitExposed(dialog)
    header = dialog.table.horizontalHeader()
    x = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
    qtbot.mouseDClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(x, header.height() // 2),
    )
    assert document.current_scenario == "Loss"


def test_export_button_writes_a_workbook_a_spreadsheet_opens(
    qtbot, document, engine, tmp_path, monkeypatch
):
    """Export… in the compare view: the file dialog's choice gets the workbook."""
    openpyxl = pytest.importorskip("openpyxl")
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "comparison.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "")
    )
    dialog = CompareDialog(document, engine)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    book = openpyxl.load_workbook(target)
    rules = {r[0]: r for r in book["Rules"].iter_rows(min_row=2, values_only=True)}
    # Existing passes C09; "Loss" gives up the 160 m² craft upper floor; "Kept"
    # is the unchanged copy.
    assert rules["C09"][2:] == ("pass", "fail (1)", "pass")
    values = {r[0]: r for r in book["Indicators"].iter_rows(min_row=2,
                                                             values_only=True)}
    # 800 m² a level × 0.92: 736 m² of craft a level.
    assert values["productive_sdp_m2"][3:] == pytest.approx((1472.0, 736.0, 1472.0))


def test_export_refuses_an_unknown_extension_with_a_dialog(
    qtbot, document, engine, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text: shown.append(text)
    )
    dialog = CompareDialog(document, engine)
    qtbot.addWidget(dialog)
    assert dialog.export_to(tmp_path / "comparison.pdf") is False
    assert len(shown) == 1 and "comparison.pdf" in shown[0]
    assert not (tmp_path / "comparison.pdf").exists()
