"""Export report…: the dialog writes the PDF in a worker, the GUI keeps running."""

from __future__ import annotations

import time
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer

from mixplan.ui.document import ProjectDocument
from mixplan.ui.errors import open_error_dialogs
from mixplan.ui.report_export import (
    ReportExportDialog,
    default_report_path,
    export_report,
)
from tests.ui.conftest import small_project


def _text(path: Path) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)


def test_default_name_follows_project_and_language(tmp_path: Path, qtbot) -> None:
    document = ProjectDocument(small_project(), tmp_path / "Zone Nord.mixplan.gpkg")
    assert default_report_path(document, "fr") == tmp_path / "Zone Nord-rapport.pdf"
    assert default_report_path(document, "en") == tmp_path / "Zone Nord-report.pdf"
    unsaved = ProjectDocument(small_project())
    assert default_report_path(unsaved, "en").name == "Small-site-report.pdf"
    dialog = ReportExportDialog(document)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert dialog.path_edit.text() == str(tmp_path / "Zone Nord-rapport.pdf")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.path_edit.text() == str(tmp_path / "Zone Nord-report.pdf")
    dialog.path_edit.setText(str(tmp_path / "mine.pdf"))
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert dialog.path_edit.text() == str(tmp_path / "mine.pdf")  # kept


def _import_report_modules() -> None:
    """Import what the worker imports, as a running app already has.

    Compiling a module's source holds the GIL for up to ~200 ms; this test
    environment sets PYTHONDONTWRITEBYTECODE, so every first import compiles.
    An installed or frozen app loads bytecode instead, and has imported the
    engine long before the first export.
    """
    import importlib
    import pkgutil

    import reportlab.graphics.renderPDF
    import reportlab.pdfbase.cidfonts
    import reportlab.platypus  # noqa: F401

    import mixplan.engine
    import mixplan.report
    import mixplan.store

    for module in pkgutil.iter_modules(mixplan.report.__path__):
        importlib.import_module(f"mixplan.report.{module.name}")
    importlib.import_module("mixplan.engine.evaluator")


def test_export_in_a_worker_without_blocking(tmp_path: Path, qtbot) -> None:
    from tests.report.test_report_cases import _grid_project

    _import_report_modules()
    # 400 buildings: an export long enough (a second or more) that a stall of
    # the GUI thread could not hide between two ticks
    project = _grid_project(400)
    project.scenarios.append(project.scenarios[1].copy("Left out"))
    document = ProjectDocument(project, tmp_path / "grid.mixplan.gpkg")
    dialog = export_report(None, document)  # deletes itself once done
    out = tmp_path / "council"  # no suffix: the dialog adds .pdf
    dialog.path_edit.setText(str(out))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    last_row = dialog.scenario_list.count() - 1
    dialog.scenario_list.item(last_row).setCheckState(Qt.CheckState.Unchecked)
    chosen = ["Existing", "Grown"]
    assert dialog.chosen_scenarios() == chosen
    # the first paint of a dialog (Qt's font database, styles) is the GUI's own
    # work: let it happen before timing the export
    qtbot.waitExposed(dialog)
    dialog.progress.setVisible(True)
    dialog.progress.setValue(1)
    qtbot.wait(100)

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    start = time.perf_counter()
    timer.start()
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.running() and not dialog.export_button.isEnabled()
        assert dialog.progress.isVisible()
    timer.stop()
    elapsed = time.perf_counter() - start
    assert signal.args == [out.with_name("council.pdf")]
    text = _text(out.with_name("council.pdf"))
    assert "Summary" in text and f"Scenario: {chosen[1]}" in text
    assert "Scenario: Left out" not in text
    # The event loop kept turning while the PDF was written (DESIGN §11: no
    # stall over 100 ms). Written on the GUI thread, the export would show as
    # one gap as long as the whole export (a second or more here). On a machine
    # shared by many processes the OS alone delays a thread now and then
    # (a pure-Python busy worker shows the same rare 100-200 ms gaps), so the
    # bound is on the 95th percentile, and the worst gap must stay a fraction
    # of the export.
    gaps.sort()
    assert len(gaps) > 20
    slowest = (
        f"slowest gaps {[round(g * 1000) for g in gaps[-5:]]} ms in {elapsed:.2f} s"
    )
    assert gaps[int(len(gaps) * 0.95)] < 0.1, slowest
    assert gaps[-1] < min(0.4, elapsed / 2), slowest


def test_the_report_is_written_by_a_child_process(tmp_path: Path, qtbot) -> None:
    """Seconds of the report's Python run in a child: the window's process only
    waits for it (in a thread, each of the GUI thread's returns from Qt waited
    for the report's thread to let go of the GIL)."""
    import multiprocessing

    from tests.report.test_report_cases import _grid_project

    document = ProjectDocument(_grid_project(400), tmp_path / "grid.mixplan.gpkg")
    dialog = export_report(None, document)
    out = tmp_path / "apart.pdf"
    dialog.path_edit.setText(str(out))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.waitExposed(dialog)
    before = {p.pid for p in multiprocessing.active_children()}
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: bool({p.pid for p in multiprocessing.active_children()} - before),
            timeout=10_000,
        )
    assert "Summary" in _text(out)
    assert dialog.progress.value() == dialog.progress.maximum()


def test_edits_during_export_do_not_reach_the_report(tmp_path: Path, qtbot) -> None:
    from mixplan.model.commands import RenameScenario

    document = ProjectDocument(small_project())
    dialog = export_report(None, document)
    out = tmp_path / "snap.pdf"
    dialog.path_edit.setText(str(out))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.start()
        document.push(RenameScenario("S1", "Renamed while exporting"))
    text = _text(out)
    assert "Scenario: S1" in text and "Renamed while exporting" not in text


def test_failure_names_the_file_and_keeps_the_dialog(tmp_path: Path, qtbot) -> None:
    document = ProjectDocument(small_project())
    dialog = export_report(None, document)
    bad = tmp_path / "no such folder" / "r.pdf"
    dialog.path_edit.setText(str(bad))
    dialog.start()
    qtbot.waitUntil(
        lambda: not dialog.running() and bool(open_error_dialogs()), timeout=60_000
    )
    box = open_error_dialogs()[-1]
    assert str(bad) in box.text()
    assert "does not exist" in box.informativeText()
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    assert not bad.parent.exists()
    box.close()
    dialog.close()


def test_export_needs_a_scenario(qtbot) -> None:
    dialog = ReportExportDialog(ProjectDocument(small_project()))
    qtbot.addWidget(dialog)
    for row in range(dialog.scenario_list.count()):
        dialog.scenario_list.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.export_button.isEnabled()
    dialog.start()
    assert dialog.worker is None


def test_the_window_action_opens_the_dialog_and_writes(
    tmp_path: Path, qtbot, make_window
) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialog

    window = make_window()
    window.findChild(QAction, "action_export_report").trigger()
    dialog = window.findChild(QDialog, "report_export_dialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.scenario_list.count() == len(window.document.project.scenarios)
    dialog.path_edit.setText(str(tmp_path / "from-window.pdf"))
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.start()
    assert (tmp_path / "from-window.pdf").stat().st_size > 10_000
    assert "from-window.pdf" in window.statusBar().currentMessage()


def test_the_status_bar_names_the_full_list_written_beside(
    tmp_path: Path, qtbot, make_window
) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialog

    from tests.report.test_report_lists import workshops

    # nine workshops: one C13 finding each, one more than a table shows
    window = make_window(workshops(9))
    window.findChild(QAction, "action_export_report").trigger()
    dialog = window.findChild(QDialog, "report_export_dialog")
    dialog.path_edit.setText(str(tmp_path / "ateliers.pdf"))
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "ateliers.findings.csv").is_file()
    message = window.statusBar().currentMessage()
    assert "ateliers.pdf" in message and "ateliers.findings.csv" in message


def test_report_options_are_set_in_the_dialog_and_remembered(tmp_path: Path, qtbot):
    """Uncheck a part, move a scenario up, label by id, a logo: one undo step, kept."""
    from PySide6.QtTest import QTest

    from mixplan.resources import resource_path

    document = ProjectDocument(small_project(), tmp_path / "site.mixplan.gpkg")
    dialog = ReportExportDialog(document)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.path_edit.setText(str(tmp_path / "options.pdf"))
    annex = dialog.section_boxes["annex"]
    QTest.mouseClick(
        annex,
        Qt.MouseButton.LeftButton,
        pos=annex.rect().topLeft() + annex.rect().center() / 4,
    )
    assert not annex.isChecked()
    names = [
        dialog.scenario_list.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(dialog.scenario_list.count())
    ]
    assert names == ["Existing", "S1"]
    dialog.scenario_list.setCurrentRow(1)
    QTest.mouseClick(
        dialog.findChild(type(dialog.export_button), "report_up"),
        Qt.MouseButton.LeftButton,
    )
    dialog.labels.setFocus()
    QTest.keyClick(dialog.labels, Qt.Key.Key_Down)
    assert dialog.labels.currentData() == "id"
    dialog.logo_edit.setFocus()
    QTest.keyClicks(dialog.logo_edit, str(resource_path("icons", "mixplan.png")))
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    options = document.project.report_options
    assert options.scenarios == ("S1", "Existing")
    assert "annex" not in options.sections and options.labels == "id"
    assert options.logo.endswith("mixplan.png")
    assert document.undo_stack.undoText() == "Set report options"
    text = _text(tmp_path / "options.pdf")
    assert "Annex" not in text
    assert text.index("Scenario: S1") < text.index("Existing state: Existing")
    # The next export of this project starts from them.
    again = ReportExportDialog(document)
    qtbot.addWidget(again)
    assert not again.section_boxes["annex"].isChecked()
    assert again.scenario_list.item(0).data(Qt.ItemDataRole.UserRole) == "S1"
    assert again.labels.currentData() == "id"
