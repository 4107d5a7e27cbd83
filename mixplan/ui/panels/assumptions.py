"""The financial assumptions editor: value, unit, year, status and source.

Every cell edit is one undo step (:class:`SetAssumption`); a refused value
(negative price, rate outside [0, 1), a year that is not one) opens a dialog
and changes nothing. Per-use refinements can be added and removed; the whole
set is imported from and exported to TOML (an import is one undo step).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mixplan.model.errors import MixplanError
from mixplan.model.finance import (
    PRICED_USES,
    REQUIRED_KEYS,
    TABLES,
    Assumption,
    label_of,
    unit_of,
)
from mixplan.model.finance_defaults import source_text
from mixplan.model.uses import USES
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.common import ui_lang

COLUMNS = ("label", "value", "unit", "year", "status", "source")
COL_LABEL, COL_VALUE, COL_UNIT, COL_YEAR, COL_STATUS, COL_SOURCE = range(6)


class AssumptionsModel(QAbstractTableModel):
    """One row per assumption of the project, editable in place."""

    def __init__(self, document: ProjectDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.keys: list[str] = []
        self.refused: list[str] = []  # messages of refused edits (also shown)
        document.changed.connect(self._on_changed)
        document.project_replaced.connect(self.refresh)
        self.refresh()

    @property
    def assumptions(self):  # type: ignore[no-untyped-def]
        return self.document.project.assumptions

    def refresh(self) -> None:
        self.beginResetModel()
        self.keys = [key for key, _ in self.assumptions]
        self.endResetModel()

    def _on_changed(self, change) -> None:  # type: ignore[no-untyped-def]
        if change is None or change.assumptions or change.everything:
            keys = [key for key, _ in self.assumptions]
            if keys != self.keys:
                self.refresh()
            else:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(keys) - 1, len(COLUMNS) - 1)
                )

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.keys)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 - Qt override
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ):  # type: ignore[no-untyped-def]
        if (
            role != Qt.ItemDataRole.DisplayRole
            or orientation != Qt.Orientation.Horizontal
        ):
            return None
        titles = (
            self.tr("Assumption"),
            self.tr("Value"),
            self.tr("Unit"),
            self.tr("Year"),
            self.tr("Status"),
            self.tr("Source"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (COL_VALUE, COL_YEAR, COL_STATUS, COL_SOURCE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self.keys):
            return None
        key = self.keys[index.row()]
        entry = self.assumptions.get(key)
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return key
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{key}\n{source_text(key, entry, ui_lang())}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            COL_VALUE,
            COL_YEAR,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if column == COL_LABEL:
            return label_of(key, ui_lang())
        if column == COL_VALUE:
            return f"{entry.value:g}"
        if column == COL_UNIT:
            return self.tr("€/m² excl. VAT") if unit_of(key) else self.tr("rate")
        if column == COL_YEAR:
            return "" if entry.year is None else str(entry.year)
        if column == COL_STATUS:
            return entry.status
        if role == Qt.ItemDataRole.EditRole:
            return entry.source
        return source_text(key, entry, ui_lang())

    def setData(  # noqa: N802 - Qt override
        self, index: QModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = self.keys[index.row()]
        entry = self.assumptions.get(key)
        if entry is None:
            return False
        text = str(value).strip()
        column = index.column()
        try:
            if column == COL_VALUE:
                number = float(
                    text.replace("\u202f", "").replace(" ", "").replace(",", ".")
                )
                if number == entry.value:
                    return False
                new = replace(entry, value=number)
            elif column == COL_YEAR:
                year = None if not text else int(text)
                if year == entry.year:
                    return False
                new = Assumption(entry.value, entry.source, year, entry.status)
            elif column == COL_STATUS:
                if text.upper() == entry.status:
                    return False
                new = Assumption(entry.value, entry.source, entry.year, text.upper())
            elif column == COL_SOURCE:
                if not text:
                    raise MixplanError(self.tr("a figure needs its source"))
                if text == entry.source:
                    return False
                new = replace(entry, source=text)
            else:
                return False
            from mixplan.model.commands import SetAssumption

            self.document.push(SetAssumption(key, new))
        except (MixplanError, ValueError) as exc:
            message = (
                self.tr("%1 was not changed: %2")
                .replace("%1", label_of(key, ui_lang()))
                .replace("%2", str(exc))
            )
            self.refused.append(message)
            parent = self.parent()
            QMessageBox.warning(
                parent if isinstance(parent, QWidget) else None,
                self.tr("Financial assumptions"),
                message,
            )
            return False
        return True


class AssumptionsDialog(QDialog):
    """Edit, refine, import and export the project's financial assumptions."""

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("assumptions_dialog")
        self.document = document
        self.model = AssumptionsModel(document, self)
        self.table = QTableView()
        self.table.setObjectName("assumptions_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        for column in (COL_LABEL, COL_VALUE, COL_UNIT, COL_YEAR, COL_STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        note = QLabel(
            self.tr(
                "Amounts in euros excluding VAT per m² of floor area (SDP); "
                "demolition per m² of gross floor area, remediation per m² of "
                "footprint, de-sealing per m² of ground. Status: S sourced, M from "
                "memory of a primary text, I estimate. A use refines its family."
            )
        )
        note.setWordWrap(True)
        self.table_box = QComboBox()
        self.table_box.setObjectName("assumptions_add_table")
        for table in TABLES:
            self.table_box.addItem(
                label_of(f"{table}.housing", ui_lang()).split(" — ")[0], table
            )
        self.use_box = QComboBox()
        self.use_box.setObjectName("assumptions_add_use")
        for code in PRICED_USES:
            self.use_box.addItem(USES[code].label(ui_lang()), code)
        self.add_button = QPushButton(self.tr("Refine for this use"))
        self.add_button.setObjectName("assumptions_add")
        self.add_button.clicked.connect(self.add_refinement)
        self.remove_button = QPushButton(self.tr("Remove refinement"))
        self.remove_button.setObjectName("assumptions_remove")
        self.remove_button.clicked.connect(self.remove_selected)
        adder = QHBoxLayout()
        for widget in (
            self.table_box,
            self.use_box,
            self.add_button,
            self.remove_button,
        ):
            adder.addWidget(widget)
        adder.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setObjectName("assumptions_import")
        self.import_button.clicked.connect(self._import)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("assumptions_export")
        self.export_button.clicked.connect(self._export)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(adder)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("Financial assumptions"))
        self.resize(980, 560)

    def row_of(self, key: str) -> int:
        return self.model.keys.index(key)

    def add_refinement(self) -> None:
        """Add a per-use key, starting from the value its family gives."""
        from mixplan.model.commands import SetAssumption

        table, use = self.table_box.currentData(), self.use_box.currentData()
        key = f"{table}.{use}"
        fa = self.document.project.assumptions
        if fa.get(key) is not None:
            self.table.selectRow(self.row_of(key))
            return
        family = fa.get(f"{table}.{USES[use].family.value}")
        value = family.value if family is not None else 0.0
        entry = Assumption(value, self.tr("project choice"), None, "I")
        try:
            self.document.push(SetAssumption(key, entry))
        except MixplanError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.table.selectRow(self.row_of(key))

    def remove_selected(self) -> None:
        from mixplan.model.commands import SetAssumption

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        key = self.model.keys[rows[0].row()]
        if key in REQUIRED_KEYS:
            QMessageBox.information(
                self,
                self.windowTitle(),
                self.tr("%1 is required: change its value instead.").replace(
                    "%1", label_of(key, ui_lang())
                ),
            )
            return
        self.document.push(SetAssumption(key, None))

    def import_from(self, path: Path) -> bool:
        """Replace the assumptions by a TOML file's, as one undo step."""
        from mixplan.engine.assumptions_io import assumptions_from_toml
        from mixplan.model.commands import SetAssumptions

        try:
            new = assumptions_from_toml(path, self.document.project.assumptions)
        except MixplanError as exc:
            QMessageBox.warning(
                self,
                self.tr("Import financial assumptions"),
                self.tr("%1 was not imported: %2")
                .replace("%1", str(path))
                .replace("%2", str(exc)),
            )
            return False
        self.document.push(SetAssumptions(new))
        return True

    def export_to(self, path: Path) -> bool:
        from mixplan.engine.assumptions_io import assumptions_to_toml
        from mixplan.store.atomic import write_text_atomic

        try:
            write_text_atomic(
                path, assumptions_to_toml(self.document.project.assumptions)
            )
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Export financial assumptions"),
                self.tr("Could not write %1: %2")
                .replace("%1", str(path))
                .replace("%2", str(exc)),
            )
            return False
        return True

    def _folder(self) -> Path:
        path = self.document.path
        return path.parent if path else Path.home()

    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import financial assumptions"),
            str(self._folder()),
            self.tr("TOML (*.toml)"),
        )
        if path:
            self.import_from(Path(path))

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export financial assumptions"),
            str(self._folder() / "assumptions.toml"),
            self.tr("TOML (*.toml)"),
        )
        if path:
            self.export_to(Path(path))
