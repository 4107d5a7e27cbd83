"""Export report…: file, language, scenarios; the PDF written off the GUI thread.

The report is written from a snapshot of the project (scenario containers copied,
buildings shared: they are immutable values), so the user can keep editing while
it is produced; a worker thread waits for a child process that runs
:func:`mixplan.report.write_report` (``apart=True``), the
dialog shows each stage on a progress bar, and a failure opens an error dialog
naming the file. The file itself is written atomically by ``write_report``: a
failed export never leaves a half-written PDF over an earlier one.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mixplan.model import Project
from mixplan.model.report_options import (
    REPORT_SECTIONS,
    ReportOptions,
    SetReportOptions,
)
from mixplan.ui.document import ProjectDocument
from mixplan.ui.errors import show_error

log = logging.getLogger(__name__)

_SUFFIXES = {"fr": "rapport", "en": "report"}


def default_report_path(document: ProjectDocument, lang: str) -> Path:
    """``<project stem>-report.pdf`` beside the project, else in the home folder."""
    suffix = _SUFFIXES.get(lang, "report")
    if document.path is not None:
        stem = document.path.name
        for ending in (".gpkg", ".mixplan"):
            stem = stem.removesuffix(ending)
        return document.path.with_name(f"{stem}-{suffix}.pdf")
    stem = re.sub(r'[\\/:*?"<>|\s]+', "-", document.project.name).strip("-.")
    return Path.home() / f"{stem[:80] or 'mixplan'}-{suffix}.pdf"


class ReportWorker(QThread):
    """Runs ``write_report`` once; reports stages, then success or failure."""

    stage = Signal(str)
    #: the PDF's path, and the files of full lists written beside it
    succeeded = Signal(str, list)
    failed = Signal(str, str)

    def __init__(
        self,
        project: Project,
        path: Path,
        lang: str,
        scenarios: list[str],
        parent: QObject | None = None,
        options: ReportOptions | None = None,
        source: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mixplan-report")
        self.source = source
        self.project = project
        self.path = path
        self.lang = lang
        self.scenarios = scenarios
        self.options = options

    def run(self) -> None:
        from mixplan.model.errors import MixplanError
        from mixplan.report import write_report

        try:
            beside = write_report(
                self.project,
                self.path,
                lang=self.lang,
                # With options, their scenarios (in their order) are the report's.
                scenarios=None if self.options is not None else self.scenarios,
                progress=self.stage.emit,
                options=self.options,
                source=self.source,
                # In a child process: this thread only waits for it.
                apart=True,
            )
        except MixplanError as exc:
            where = exc.path or str(self.path)
            self.failed.emit(where, str(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the user, logged in full
            log.exception("report to %s failed", self.path)
            self.failed.emit(str(self.path), f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(str(self.path), [str(p) for p in beside])


class ReportExportDialog(QDialog):
    """File, language and scenarios of the report; progress while it is written."""

    #: emitted with the PDF's path once written
    exported = Signal(object)

    def __init__(
        self, document: ProjectDocument, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("report_export_dialog")
        self.setWindowTitle(self.tr("Export the council report"))
        self.document = document
        self.worker: ReportWorker | None = None
        self._stages = 0
        self._done_stages = 0

        from mixplan.ui.i18n import current_language

        lang = current_language()
        self.language = QComboBox(objectName="report_language")
        self.language.addItem(self.tr("French"), "fr")
        self.language.addItem(self.tr("English"), "en")
        self.language.setCurrentIndex(0 if lang == "fr" else 1)

        self.path_edit = QLineEdit(objectName="report_path")
        self._default_path = default_report_path(document, self.lang)
        self.path_edit.setText(str(self._default_path))
        browse = QPushButton(self.tr("Browse…"), objectName="report_browse")
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)

        options = document.project.report_options
        self.scenario_list = QListWidget(objectName="report_scenarios")
        # Drag to reorder, or Up/Down: the report follows this order.
        self.scenario_list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        baseline = document.project.baseline.name
        all_names = [s.name for s in document.project.scenarios]
        chosen = options.ordered(all_names)
        for name in chosen + [n for n in all_names if n not in chosen]:
            label = name
            if name == baseline:
                label += " " + self.tr("(baseline)")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked
                if not chosen or name in chosen
                else Qt.CheckState.Unchecked
            )
            self.scenario_list.addItem(item)
        self.scenario_list.itemChanged.connect(lambda _item: self._update_ok())
        up = QPushButton(self.tr("Up"), objectName="report_up")
        down = QPushButton(self.tr("Down"), objectName="report_down")
        up.clicked.connect(lambda: self._move_scenario(-1))
        down.clicked.connect(lambda: self._move_scenario(1))
        order_row = QVBoxLayout()
        order_row.addWidget(up)
        order_row.addWidget(down)
        order_row.addStretch(1)
        scenario_row = QHBoxLayout()
        scenario_row.addWidget(self.scenario_list, 1)
        scenario_row.addLayout(order_row)

        section_names = {
            "summary": self.tr("Summary of the verdicts"),
            "scenarios": self.tr("Pages of each scenario"),
            "balance": self.tr("Financial balance"),
            "comparison": self.tr("Comparison charts"),
            "annex": self.tr("Annex: rules, sources, assumptions"),
        }
        self.section_boxes: dict[str, QCheckBox] = {}
        sections = QVBoxLayout()
        for key in REPORT_SECTIONS:
            box = QCheckBox(section_names[key], objectName=f"report_section_{key}")
            box.setChecked(options.includes(key))
            self.section_boxes[key] = box
            sections.addWidget(box)
        self.basemaps = QCheckBox(
            self.tr("Base maps under the plans"), objectName="report_basemaps"
        )
        self.basemaps.setChecked(options.basemaps)
        self.basemaps.setEnabled(
            any(lay.kind == "image" for lay in document.project.context_layers)
        )
        sections.addWidget(self.basemaps)
        self.labels = QComboBox(objectName="report_labels")
        self.labels.addItem(self.tr("Buildings by name"), "name")
        self.labels.addItem(self.tr("Buildings by id"), "id")
        self.labels.setCurrentIndex(0 if options.labels == "name" else 1)
        self.logo_edit = QLineEdit(objectName="report_logo")
        self.logo_edit.setText(options.logo)
        self.logo_edit.setPlaceholderText(
            self.tr("PNG or JPEG on the cover (optional)")
        )
        logo_browse = QPushButton(self.tr("Browse…"), objectName="report_logo_browse")
        logo_browse.clicked.connect(self._browse_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_edit, 1)
        logo_row.addWidget(logo_browse)

        form = QFormLayout()
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Scenarios"), scenario_row)
        form.addRow(self.tr("Contents"), sections)
        form.addRow(self.tr("Plan labels"), self.labels)
        form.addRow(self.tr("Logo"), logo_row)
        self.language.currentIndexChanged.connect(self._language_changed)

        self.status = QLabel(objectName="report_status")
        self.progress = QProgressBar(objectName="report_progress")
        self.progress.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(self.tr("Export"))
        self.export_button.setObjectName("report_export")
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, 560)

    @property
    def lang(self) -> str:
        return str(self.language.currentData())

    def chosen_scenarios(self) -> list[str]:
        names = []
        for row in range(self.scenario_list.count()):
            item = self.scenario_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                names.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return names

    def chosen_options(self) -> ReportOptions:
        """The options as set in the dialog (remembered with the project)."""
        return ReportOptions(
            logo=self.logo_edit.text().strip(),
            sections=tuple(
                k for k, box in self.section_boxes.items() if box.isChecked()
            ),
            labels=str(self.labels.currentData()),
            scenarios=tuple(self.chosen_scenarios()),
            basemaps=self.basemaps.isChecked(),
        )

    def _move_scenario(self, step: int) -> None:
        row = self.scenario_list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < self.scenario_list.count():
            return
        item = self.scenario_list.takeItem(row)
        self.scenario_list.insertItem(to, item)
        self.scenario_list.setCurrentRow(to)

    def _browse_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Logo for the cover"),
            self.logo_edit.text(),
            self.tr("Images (*.png *.jpg *.jpeg)"),
        )
        if name:
            self.logo_edit.setText(name)

    def running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def _update_ok(self) -> None:
        self.export_button.setEnabled(
            bool(self.chosen_scenarios()) and not self.running()
        )

    def _language_changed(self) -> None:
        # Follow the language in the file name, unless the user typed their own.
        if Path(self.path_edit.text()) == self._default_path:
            self._default_path = default_report_path(self.document, self.lang)
            self.path_edit.setText(str(self._default_path))

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the report as"),
            self.path_edit.text(),
            self.tr("PDF documents (*.pdf)"),
        )
        if name:
            self.path_edit.setText(name)

    def target(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        return (
            path
            if path.suffix.lower() == ".pdf"
            else path.with_name(path.name + ".pdf")
        )

    def start(self) -> None:
        """Write the report in a worker thread (the dialog stays open meanwhile)."""
        if self.running():
            return
        names = self.chosen_scenarios()
        if not names or not self.path_edit.text().strip():
            return
        path = self.target()
        self._stages = len(names) + 5  # evaluate, cover, scenarios, comparison, layout
        self._done_stages = 0
        self.progress.setRange(0, self._stages)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(self.tr("Writing {0}…").format(path.name))
        for widget in (
            self.export_button,
            self.path_edit,
            self.language,
            self.scenario_list,
        ):
            widget.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        options = self.chosen_options()
        if options != self.document.project.report_options:
            # Remembered with the project: the next export starts from them.
            self.document.push(SetReportOptions(options))
        self.worker = ReportWorker(
            self.document.project.snapshot(),
            path,
            self.lang,
            names,
            self,
            options=options,
            source=self.document.path,
        )
        self.worker.stage.connect(self._on_stage)
        self.worker.succeeded.connect(self._on_succeeded)
        self.worker.failed.connect(self._on_failed)
        self.worker.start()

    def _on_stage(self, stage: str) -> None:
        self._done_stages += 1
        self.progress.setValue(min(self._done_stages, self._stages))

    def _finish_worker(self) -> None:
        if self.worker is not None:
            self.worker.wait()
            self.worker.deleteLater()
            self.worker = None

    def _on_succeeded(self, path: str, beside: list[str]) -> None:
        self._finish_worker()
        self.progress.setValue(self._stages)
        parent = self.parent()
        bar = getattr(parent, "statusBar", None)
        if callable(bar):
            if beside:
                # The PDF's tables are summaries: say where the full lists are.
                names = ", ".join(Path(p).name for p in beside)
                message = self.tr("Report written to {0}, full lists in {1}")
                bar().showMessage(message.format(path, names), 10000)
            else:
                bar().showMessage(self.tr("Report written to {0}").format(path), 6000)
        self.exported.emit(Path(path))
        self.accept()

    def _on_failed(self, path: str, message: str) -> None:
        self._finish_worker()
        self.progress.setVisible(False)
        self.status.setText("")
        for widget in (self.path_edit, self.language, self.scenario_list):
            widget.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(True)
        self._update_ok()
        show_error(
            self, self.tr("Could not write the report {0}").format(path), message
        )

    def reject(self) -> None:
        if self.running():
            return  # the PDF is being written; it finishes in a few seconds
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.running():
            event.ignore()
            return
        super().closeEvent(event)


def export_report(
    parent: QWidget | None, document: ProjectDocument
) -> ReportExportDialog:
    """Open the export dialog (window-modal, not blocking) and return it."""
    dialog = ReportExportDialog(document, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
