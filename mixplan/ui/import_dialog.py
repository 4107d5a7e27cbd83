"""Import…: pick a GIS, CAD or mixplan GeoJSON file, map it, preview, import.

The file is inspected (layers, fields, DXF layers) and the import is planned in a
worker thread (:func:`mixplan.store.importing.plan_import` on a snapshot of the
project), so a big file never freezes the window. The preview shows the import
report of what will be created; "Import" pushes the planned command on the undo
stack: the whole import is one undo step, and a refused import pushes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from mixplan.model.errors import MixplanError
from mixplan.model.uses import USES
from mixplan.ui.document import ProjectDocument
from mixplan.ui.import_pickers import ImportPickers
from mixplan.ui.import_preview import ImportPreviewView
from mixplan.ui.import_worker import ImportWorker, orphan
from mixplan.ui.panels.common import ui_lang

__all__ = ["ImportDialog", "ImportWorker"]

FILE_FILTER = (
    "GIS and CAD files (*.gpkg *.shp *.zip *.geojson *.json *.fgb *.dxf *.gml "
    "*.kml *.sqlite *.tab *.mif);;All files (*)"
)
_NONE = ""


class ImportDialog(ImportPickers, QDialog):
    """File, layer, kind and field mapping of an import, its preview and report."""

    #: emitted with the ImportReport once the import is on the undo stack
    imported = Signal(object)

    def __init__(
        self,
        document: ProjectDocument,
        parent: QWidget | None = None,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.setWindowTitle(self.tr("Import GIS, CAD or GeoJSON data"))
        self.document = document
        self.workers: list[ImportWorker] = []
        self.plan: Any = None
        self.report: Any = None
        self._import_when_planned = False
        self._fields: dict[str, list[str]] = {}
        self._values: dict[str, dict[str, list[str]]] = {}
        self._build()
        if path is not None:
            self.path_edit.setText(str(path))
            self._inspect()

    # --- layout ------------------------------------------------------------------

    def _build(self) -> None:
        self.path_edit = QLineEdit(objectName="import_path")
        self.path_edit.editingFinished.connect(self._inspect)
        browse = QPushButton(self.tr("Browse…"), objectName="import_browse")
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        self.format_label = QLabel(objectName="import_format")
        self.format_label.setWordWrap(True)

        self.kind = QComboBox(objectName="import_kind")
        for label, value in (
            (self.tr("Buildings"), "buildings"),
            (self.tr("Site boundary"), "site"),
            (self.tr("Ground cover"), "cover"),
            (self.tr("Everything the file holds"), None),
        ):
            self.kind.addItem(label, value)
        self.layer = QComboBox(objectName="import_layer")
        self.layer.currentTextChanged.connect(self._fill_fields)
        self.layer.currentTextChanged.connect(self._fill_filter_fields)
        self.scenario = QComboBox(objectName="import_scenario")
        self.scenario.setEditable(True)
        self.scenario.addItems([s.name for s in self.document.project.scenarios])
        self.scenario.setCurrentText(self.document.current_scenario)
        self.preset = QComboBox(objectName="import_preset")
        for label, value in (
            (self.tr("Automatic"), "auto"),
            (self.tr("BD TOPO (IGN)"), "bdtopo"),
            (self.tr("Fields below"), "generic"),
        ):
            self.preset.addItem(label, value)
        self.crs = QLineEdit(objectName="import_crs")
        self.crs.setPlaceholderText(self.tr("from the file, e.g. EPSG:4326"))
        self.where = QLineEdit(objectName="import_where")
        self.where.setPlaceholderText("USAGE1 = 'Industriel'")
        self.clip = QCheckBox(
            self.tr("Keep only what lies in the site"), objectName="import_clip"
        )
        self.clip.setEnabled(self.document.project.site is not None)

        source = self.source_form = QFormLayout()
        source.addRow(self.tr("File"), file_row)
        source.addRow("", self.format_label)
        source.addRow(self.tr("Import as"), self.kind)
        source.addRow(self.tr("Layer"), self.layer)
        source.addRow(self.tr("Into scenario"), self.scenario)
        source.addRow(self.tr("Preset"), self.preset)
        source.addRow(self.tr("CRS"), self.crs)
        source.addRow(self.tr("Filter"), self.where)
        # A field, a value from the file, "Add": the filter is written for the user.
        self.filter_field = QComboBox(objectName="import_filter_field")
        self.filter_field.currentTextChanged.connect(self._fill_filter_values)
        self.filter_value = QComboBox(objectName="import_filter_value")
        self.filter_value.setEditable(True)
        self.filter_add = QPushButton(
            self.tr("Add to filter"), objectName="import_filter_add"
        )
        self.filter_add.setAutoDefault(False)
        self.filter_add.clicked.connect(self._add_filter)
        picker = QHBoxLayout()
        picker.addWidget(self.filter_field, 1)
        picker.addWidget(QLabel("="))
        picker.addWidget(self.filter_value, 2)
        picker.addWidget(self.filter_add)
        source.addRow("", picker)
        source.addRow("", self.clip)

        self.height_field = QComboBox(objectName="import_height_field")
        self.levels_field = QComboBox(objectName="import_levels_field")
        self.use_field = QComboBox(objectName="import_use_field")
        self.use_map = QLineEdit(objectName="import_use_map")
        self.use_map.setPlaceholderText("Atelier=craft,Bureaux=office")
        self.default_use = QComboBox(objectName="import_default_use")
        self.default_use.addItem(self.tr("(unassigned)"), _NONE)
        for code, use in USES.items():
            if code != "unassigned":
                self.default_use.addItem(use.label(ui_lang()), code)
        self.gis_box = QGroupBox(self.tr("Fields"), objectName="import_fields")
        fields = QFormLayout(self.gis_box)
        fields.addRow(self.tr("Height (m)"), self.height_field)
        fields.addRow(self.tr("Number of levels"), self.levels_field)
        fields.addRow(self.tr("Use"), self.use_field)
        fields.addRow(self.tr("Use map"), self.use_map)
        fields.addRow(self.tr("Default use"), self.default_use)

        self.layer_map = QLineEdit(objectName="import_layer_map")
        self.layer_map.setPlaceholderText("Floor=outline,Offices=office,Shop=retail")
        self.origin = QLineEdit(objectName="import_origin")
        self.origin.setPlaceholderText(self.tr("X,Y (default: the site's centre)"))
        self.rotation = QDoubleSpinBox(objectName="import_rotation")
        self.rotation.setRange(-360.0, 360.0)
        self.rotation.setSuffix(" °")
        self.dxf_box = QGroupBox(self.tr("CAD plan"), objectName="import_dxf")
        dxf = QFormLayout(self.dxf_box)
        # One row per layer of the plan, each with a use chosen by its name; the
        # table writes the layer map (still editable as text for a long list).
        self.layer_table = QTableWidget(0, 3, objectName="import_layer_table")
        self.layer_table.setHorizontalHeaderLabels(
            [self.tr("DXF layer"), self.tr("Closed outlines"), self.tr("Becomes")]
        )
        self.layer_table.verticalHeader().hide()
        self.layer_table.horizontalHeader().setStretchLastSection(True)
        self.layer_table.setMaximumHeight(180)
        dxf.addRow(self.layer_table)
        dxf.addRow(self.tr("Layers"), self.layer_map)
        dxf.addRow(self.tr("Origin"), self.origin)
        dxf.addRow(self.tr("Rotation"), self.rotation)
        self.dxf_box.setVisible(False)

        self.map = ImportPreviewView(self)
        self.preview = QPlainTextEdit(objectName="import_preview")
        self.preview.setReadOnly(True)
        self.preview.setFont(
            QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        )
        self.preview.setMinimumHeight(140)
        self.preview_button = QPushButton(
            self.tr("Preview"), objectName="import_preview_button"
        )
        self.preview_button.clicked.connect(self.start_preview)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.import_button.setObjectName("import_ok")
        self.buttons.addButton(
            self.preview_button, QDialogButtonBox.ButtonRole.ActionRole
        )
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(source)
        layout.addWidget(self.gis_box)
        layout.addWidget(self.dxf_box)
        result = QHBoxLayout()
        result.addWidget(self.preview, 3)
        result.addWidget(self.map, 2)
        layout.addLayout(result, 1)
        layout.addWidget(self.buttons)
        for widget in (
            self.kind,
            self.layer,
            self.preset,
            self.height_field,
            self.levels_field,
            self.use_field,
            self.default_use,
            self.scenario,
        ):
            widget.currentIndexChanged.connect(self._forget_plan)
        for edit in (self.crs, self.where, self.use_map, self.layer_map, self.origin):
            edit.textChanged.connect(self._forget_plan)
        self.clip.toggled.connect(self._forget_plan)
        self.rotation.valueChanged.connect(self._forget_plan)
        self._set_busy(False)

    # --- file and fields -----------------------------------------------------------

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a file"), self.path_edit.text(), FILE_FILTER
        )
        if name:
            self.path_edit.setText(name)
            self._inspect()

    def _inspect(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            return
        # A new file: a new import, with the options of this file, not the last.
        self.report = None
        self.where.clear()
        self.use_map.clear()
        self.layer_map.clear()
        self.clip.setEnabled(self.document.project.site is not None)
        self._forget_plan()
        self.format_label.setText(self.tr("Reading…"))
        self._run(ImportWorker("inspect", Path(text), parent=self))

    def _on_inspected(self, info: dict[str, Any]) -> None:
        self._reap()
        kind = info["kind"]
        # A mixplan GeoJSON may hold a site, buildings and cover: all by default.
        self.kind.setCurrentIndex(self.kind.count() - 1 if kind == "mixplan" else 0)
        self.dxf_box.setVisible(kind == "dxf")
        self.gis_box.setVisible(kind == "gis")
        self.layer.blockSignals(True)
        self.layer.clear()
        self._fields = info["fields"]
        self._values = info.get("values", {})
        if kind == "gis":
            self.layer.addItems(info["layers"])
        self.layer.blockSignals(False)
        self.layer.setEnabled(kind == "gis" and len(info["layers"]) > 1)
        for widget in (self.layer, self.preset, self.where):
            self.source_form.setRowVisible(widget, kind == "gis")
        self.source_form.setRowVisible(self.crs, kind != "dxf")
        self.source_form.setRowVisible(self.kind, kind != "dxf")
        self._fill_fields(self.layer.currentText())
        self._fill_filter_fields(self.layer.currentText())
        self._fill_layer_table(info["layers"] if kind == "dxf" else [], info)
        if kind == "dxf":
            shown = [f"{name} ({info['closed'][name]})" for name in info["layers"][:12]]
            more = ", …" if len(info["layers"]) > 12 else ""
            self.format_label.setText(
                self.tr("CAD plan (DXF); closed outlines by layer: ")
                + (", ".join(shown) or self.tr("none"))
                + more
            )
        elif kind == "mixplan":
            self.format_label.setText(self.tr("mixplan GeoJSON"))
        else:
            self.format_label.setText(
                self.tr("GIS data, %n layer(s)", "", len(info["layers"]))
            )
        self._set_busy(False)

    def _fill_fields(self, layer: str) -> None:
        names = self._fields.get(layer, [])
        guesses = {
            self.height_field: ("hauteur", "height", "haut"),
            self.levels_field: ("nb_etages", "etages", "levels", "floors", "numfloors"),
            self.use_field: ("usage1", "usage", "use", "landuse"),
        }
        for combo, hints in guesses.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(none)"), _NONE)
            for name in names:
                combo.addItem(name, name)
            for hint in hints:
                match = next((n for n in names if n.casefold() == hint), None)
                if match is not None:
                    combo.setCurrentIndex(combo.findData(match))
                    break
            combo.blockSignals(False)

    # --- planning and importing ------------------------------------------------------

    def options(self) -> Any:
        """The ImportOptions the widgets describe (raises MixplanError if invalid)."""
        from mixplan.store.importing import ImportOptions, parse_origin

        def text(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        def field(combo: QComboBox) -> str | None:
            return combo.currentData() or None

        dxf = self.dxf_box.isVisible() or self.path_edit.text().lower().endswith(".dxf")
        origin = text(self.origin)
        target = self.scenario.currentText().strip() or None
        project = self.document.project
        return ImportOptions(
            scenario=target,
            # A new scenario starts as a copy of the baseline (DESIGN §8), not empty.
            from_scenario=(
                project.baseline.name
                if target is not None and not project.has_scenario(target)
                else None
            ),
            kind=None if dxf else self.kind.currentData(),
            layer=None if dxf else (self.layer.currentText() or None),
            where=None if dxf else text(self.where),
            preset=self.preset.currentData() if not dxf else "auto",
            crs=None if dxf else text(self.crs),
            clip_to_site=self.clip.isChecked(),
            height_field=None if dxf else field(self.height_field),
            levels_field=None if dxf else field(self.levels_field),
            use_field=None if dxf else field(self.use_field),
            use_map=text(self.use_map),
            default_use=self.default_use.currentData() or None,
            layer_map=text(self.layer_map) if dxf else None,
            origin=parse_origin(origin) if origin else None,
            rotation=float(self.rotation.value()),
        )

    def start_preview(self) -> None:
        """Plan the import in a worker; the report shows what it will create."""
        self._import_when_planned = False
        self._plan()

    def start_import(self) -> None:
        """Import: push the planned command (planning first if needed)."""
        if self.plan is not None:
            self._push()
            return
        self._import_when_planned = True
        self._plan()

    def _plan(self) -> None:
        path = self.path_edit.text().strip()
        if not path:
            self._show_error("", self.tr("Choose a file to import."))
            return
        try:
            options = self.options()
        except MixplanError as exc:
            self._show_error(path, str(exc))
            return
        self.preview.setPlainText(self.tr("Reading and checking the file…"))
        self._run(
            ImportWorker(
                "plan",
                Path(path),
                self.document.project.snapshot(),
                options,
                parent=self,
            )
        )

    def _on_planned(self, plan: Any) -> None:
        worker = self.sender()
        self._reap()
        if isinstance(worker, ImportWorker):
            self.map.show_paths(worker.drawing)
        self.plan = plan
        self._set_busy(False)
        self.preview.setPlainText(plan.report.summary(self.tr("Will import")))
        if self._import_when_planned:
            self._push()

    def _push(self) -> None:
        try:
            self.document.push(self.plan.command)
        except MixplanError as exc:
            self._show_error(self.path_edit.text(), str(exc))
            self.plan = None
            return
        self.report = self.plan.report
        self.plan = None
        target = self.report.scenario
        if target and self.document.project.has_scenario(target):
            # Show what was imported: the editor switches to the target scenario.
            self.document.set_scenario(target)
            if self.scenario.findText(target) < 0:
                self.scenario.addItem(target)
        self.preview.setPlainText(
            self.tr("Imported (Edit ▸ Undo takes it back):")
            + "\n"
            + self.report.summary()
        )
        self.import_button.setEnabled(False)
        self.imported.emit(self.report)

    def _forget_plan(self, *_args: object) -> None:
        self.plan = None
        if self.report is None:
            self.import_button.setEnabled(True)

    def _show_error(self, where: str, message: str) -> None:
        self._set_busy(False)
        self.preview.setPlainText(
            self.tr("Not imported:") + f"\n{where}: {message}" if where else message
        )
        self.format_label.setText(self.format_label.text() or "")

    def _on_failed(self, where: str, message: str) -> None:
        self._reap()
        self._import_when_planned = False
        if self.format_label.text() == self.tr("Reading…"):
            self.format_label.setText("")
        self._show_error(where, message)

    # --- workers ------------------------------------------------------------------

    def _run(self, worker: ImportWorker) -> None:
        worker.inspected.connect(self._on_inspected)
        worker.planned.connect(self._on_planned)
        worker.failed.connect(self._on_failed)
        # Every run ends with exactly one of the three signals, delivered here on
        # the GUI thread (queued: the slots belong to the dialog), where the
        # worker is reaped; a lambda on ``finished`` would run in the worker.
        self.workers.append(worker)
        self._set_busy(True)
        worker.start()

    def _reap(self) -> None:
        worker = self.sender()
        if isinstance(worker, ImportWorker) and worker in self.workers:
            worker.wait()
            self.workers.remove(worker)
            worker.deleteLater()

    def _set_busy(self, busy: bool) -> None:
        self.preview_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy and self.report is None)

    @property
    def busy(self) -> bool:
        return bool(self.workers)

    def done(self, result: int) -> None:
        # Closing never waits for a file still being read: the worker is handed
        # to a reaper that outlives the dialog and its result is dropped.
        for worker in list(self.workers):
            for signal, slot in (
                (worker.inspected, self._on_inspected),
                (worker.planned, self._on_planned),
                (worker.failed, self._on_failed),
            ):
                signal.disconnect(slot)
            orphan(worker)
        self.workers.clear()
        super().done(result)
