"""Import…: pick a GIS, CAD or mixplan GeoJSON file, map it, preview, import.

The file is inspected (layers, fields, DXF layers) and the import is planned in a
worker thread (:func:`mixplan.store.importing.plan_import` on a snapshot of the
project), so a big file never freezes the window. The preview shows the import
report of what will be created; "Import" pushes the planned command on the undo
stack: the whole import is one undo step, and a refused import pushes nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QPointF,
    Qt,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mixplan.model import Project, Scenario
from mixplan.model.errors import MixplanError
from mixplan.model.uses import USES
from mixplan.ui.document import ProjectDocument

log = logging.getLogger(__name__)

FILE_FILTER = (
    "GIS and CAD files (*.gpkg *.shp *.zip *.geojson *.json *.fgb *.dxf *.gml "
    "*.kml *.sqlite *.tab *.mif);;All files (*)"
)
_NONE = ""


def _snapshot(project: Project) -> Project:
    # Scenario containers copied, buildings shared (immutable values): the plan
    # reads ids and the site while the GUI thread keeps the original.
    return Project(
        project.name,
        project.crs,
        project.site,
        [
            Scenario(s.name, dict(s.buildings), dict(s.cover), s.description)
            for s in project.scenarios
        ],
        project.rulebook,
    )


def inspect_source(path: Path) -> dict[str, Any]:
    """What a file holds: its kind, layers and each layer's fields (worker side)."""
    suffix = path.suffix.lower()
    if suffix == ".dxf":
        import ezdxf

        try:
            doc = ezdxf.readfile(path)
        except (OSError, ezdxf.DXFStructureError, UnicodeDecodeError) as exc:
            raise MixplanError(f"not a readable DXF file ({exc})", path) from None
        closed: dict[str, int] = {}
        for polyline in doc.modelspace().query("LWPOLYLINE POLYLINE HATCH"):
            if polyline.dxftype() == "HATCH" or polyline.closed:
                closed[polyline.dxf.layer] = closed.get(polyline.dxf.layer, 0) + 1
        # Layers holding closed outlines first: those are the ones to map.
        ranked = sorted(closed, key=lambda name: -closed[name])
        return {"kind": "dxf", "layers": ranked, "closed": closed, "fields": {}}
    if (
        suffix in (".geojson", ".json")
        and path.is_file()
        and (path.stat().st_size < 64 * 1024**2)
    ):
        head = path.read_bytes()[:65536].decode("utf-8", "replace")
        if '"mixplan"' in head or '"kind"' in head:
            return {"kind": "mixplan", "layers": [], "fields": {}}
    import pyogrio

    from mixplan.store.vector import ImportCaps, layer_names, vsi_path

    gdal_path = vsi_path(path, ImportCaps())
    layers = layer_names(gdal_path, path)
    fields: dict[str, list[str]] = {}
    for name, _kind in layers:
        try:
            fields[name] = [
                str(f) for f in pyogrio.read_info(gdal_path, layer=name)["fields"]
            ]
        except Exception:  # noqa: BLE001 - a layer GDAL cannot describe: no fields
            fields[name] = []
    return {"kind": "gis", "layers": [name for name, _ in layers], "fields": fields}


#: Footprints drawn in the preview at most (the rest are counted in the report).
MAX_DRAWN = 20_000


def _ring_path(path: QPainterPath, coords: Any) -> None:
    points = [QPointF(x, -y) for x, y in coords]  # y up on the map
    path.addPolygon(QPolygonF(points))
    path.closeSubpath()


def preview_paths(command: Any, project: Project) -> dict[str, QPainterPath]:
    """Footprints to be created, one path per use family, plus ``"site"``.

    Built in the worker thread (QPainterPath is a value type): the dialog only
    adds a handful of items, however many buildings the file holds.
    """
    from mixplan.ui.colors import dominant_family

    paths: dict[str, QPainterPath] = {}
    site = (
        command.site
        if command.site is not None
        else (project.site.boundary if project.site is not None else None)
    )
    if site is not None:
        paths["site"] = QPainterPath()
        for polygon in getattr(site, "geoms", [site]):
            _ring_path(paths["site"], polygon.exterior.coords)
    for building in list(command.buildings)[:MAX_DRAWN]:
        family = dominant_family(building)
        _ring_path(
            paths.setdefault(family, QPainterPath()), building.footprint.exterior.coords
        )
    for cover in list(command.cover)[:MAX_DRAWN]:
        for polygon in getattr(cover.geometry, "geoms", [cover.geometry]):
            _ring_path(
                paths.setdefault("cover", QPainterPath()), polygon.exterior.coords
            )
    return paths


class ImportPreviewView(QGraphicsView):
    """A small map of what the import will create, fitted to the view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_map")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(180, 140)
        self.setBackgroundBrush(QColor("#ffffff"))

    def show_paths(self, paths: dict[str, QPainterPath]) -> None:
        from mixplan.ui.colors import COVER_COLORS, FAMILY_COLORS, SITE_COLOR

        scene = self.scene()
        scene.clear()
        for key, path in paths.items():
            item = QGraphicsPathItem(path)
            if key == "site":
                fill = None
            elif key == "cover":
                fill = COVER_COLORS.get("open_soil", QColor("#9ccc65"))
            else:
                fill = FAMILY_COLORS.get(key, QColor("#bdbdbd"))
            pen = QPen(SITE_COLOR if fill is None else fill.darker(150))
            pen.setCosmetic(True)
            item.setPen(pen)
            if fill is not None:
                item.setBrush(fill)
            item.setZValue(0 if key == "site" else 1)
            scene.addItem(item)
        if paths:
            rect = scene.itemsBoundingRect()
            self.fitInView(
                rect.adjusted(
                    -rect.width() * 0.05,
                    -rect.height() * 0.05,
                    rect.width() * 0.05,
                    rect.height() * 0.05,
                ),
                Qt.AspectRatioMode.KeepAspectRatio,
            )

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.scene().items():
            self.fitInView(
                self.scene().itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio
            )


class ImportWorker(QThread):
    """Runs one job off the GUI thread: ``inspect`` a file or ``plan`` its import."""

    inspected = Signal(object)
    planned = Signal(object)
    failed = Signal(str, str)

    def __init__(
        self,
        job: str,
        path: Path,
        project: Project | None = None,
        options: Any = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"mixplan-import-{job}")
        self.job, self.path, self.project, self.options = job, path, project, options
        self.drawing: dict[str, QPainterPath] = {}

    def run(self) -> None:
        try:
            if self.job == "inspect":
                self.inspected.emit(inspect_source(self.path))
            else:
                from mixplan.store.importing import plan_import

                assert self.project is not None
                plan = plan_import(self.project, self.path, self.options)
                self.drawing = preview_paths(plan.command, self.project)
                self.planned.emit(plan)
        except MixplanError as exc:
            self.failed.emit(exc.path or str(self.path), str(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the user, logged in full
            log.exception("import of %s failed", self.path)
            self.failed.emit(str(self.path), f"{type(exc).__name__}: {exc}")


class _Reaper(QObject):
    """Keeps abandoned workers alive until they finish (a running QThread must
    not be destroyed), then deletes them; lives in the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self.running: set[ImportWorker] = set()

    @Slot()
    def wait_all(self) -> None:
        for worker in list(self.running):
            worker.wait()

    @Slot()
    def reap(self) -> None:
        worker = self.sender()
        if isinstance(worker, ImportWorker) and worker in self.running:
            worker.wait()
            self.running.discard(worker)
            worker.deleteLater()


_reaper: _Reaper | None = None


def _orphan(worker: ImportWorker) -> None:
    global _reaper
    if _reaper is None:
        _reaper = _Reaper()
        app = QCoreApplication.instance()
        if app is not None:
            # A QThread destroyed while running aborts the process at exit.
            app.aboutToQuit.connect(_reaper.wait_all)
    worker.setParent(None)
    _reaper.running.add(worker)
    worker.finished.connect(_reaper.reap)
    if worker.isFinished():
        _reaper.running.discard(worker)
        worker.deleteLater()


class ImportDialog(QDialog):
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
        ):
            self.kind.addItem(label, value)
        self.layer = QComboBox(objectName="import_layer")
        self.layer.currentTextChanged.connect(self._fill_fields)
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
                self.default_use.addItem(use.label("en"), code)
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
        self._forget_plan()
        self.format_label.setText(self.tr("Reading…"))
        self._run(ImportWorker("inspect", Path(text), parent=self))

    def _on_inspected(self, info: dict[str, Any]) -> None:
        self._reap()
        kind = info["kind"]
        self.dxf_box.setVisible(kind == "dxf")
        self.gis_box.setVisible(kind == "gis")
        self.layer.blockSignals(True)
        self.layer.clear()
        self._fields = info["fields"]
        if kind == "gis":
            self.layer.addItems(info["layers"])
        self.layer.blockSignals(False)
        self.layer.setEnabled(kind == "gis" and len(info["layers"]) > 1)
        for widget in (self.layer, self.preset, self.where):
            self.source_form.setRowVisible(widget, kind == "gis")
        self.source_form.setRowVisible(self.crs, kind != "dxf")
        self.source_form.setRowVisible(self.kind, kind != "dxf")
        self._fill_fields(self.layer.currentText())
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
        return ImportOptions(
            scenario=self.scenario.currentText().strip() or None,
            kind=self.kind.currentData(),
            layer=self.layer.currentText() or None,
            where=text(self.where),
            preset=self.preset.currentData() if not dxf else "auto",
            crs=text(self.crs),
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
                _snapshot(self.document.project),
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
            _orphan(worker)
        self.workers.clear()
        super().done(result)
