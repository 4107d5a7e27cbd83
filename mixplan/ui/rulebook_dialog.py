"""Scenario ▸ Rules… (``action_rules``): the rulebook editor.

Every parameter with its value, unit, status (S sourced, M estimate, I
hypothesis) and source; a rule's "enabled" parameter is a check box. Each change is
one undo step (``SetRulebookValue``); importing a TOML rulebook is one undo step
for all it changes; exporting writes the TOML of ``mixplan rules --export``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mixplan.model.commands import CompoundCommand, SetRulebookValue
from mixplan.model.errors import MixplanError
from mixplan.model.rulebook import PARAMETERS, Parameter, Value
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.common import format_number, ui_lang
from mixplan.ui.panels.editors import CommitDoubleSpinBox, add_undo_shortcuts


class RulebookModel(QAbstractTableModel):
    """One row per rulebook parameter, in catalogue order."""

    RULE, PARAMETER, VALUE, UNIT, STATUS, SOURCE = range(6)

    def __init__(self, document: ProjectDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.parameters: list[Parameter] = list(PARAMETERS.values())
        self.refused = ""
        document.changed.connect(self._on_changed)
        document.project_replaced.connect(self._refresh)

    def _on_changed(self, change) -> None:  # type: ignore[no-untyped-def]
        if change.rulebook or change.everything:
            self._refresh()

    def _refresh(self) -> None:
        # Cell by cell: an open editor shows an undo, never over typing.
        for row in range(len(self.parameters)):
            index = self.index(row, self.VALUE)
            self.dataChanged.emit(index, index)

    def value(self, row: int) -> Value:
        return self.document.project.rulebook.get(*self.parameters[row].key)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.parameters)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ):  # type: ignore[no-untyped-def]
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 6:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Rule"),
                self.tr("Parameter"),
                self.tr("Value"),
                self.tr("Unit"),
                self.tr("Status"),
                self.tr("Source"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.STATUS:
            # The planner's words of the rule reference, never "from memory".
            from mixplan.engine.rule_reference import status_label
            from mixplan.ui.panels.common import ui_lang

            lang = ui_lang()
            return " · ".join(f"{c}: {status_label(c, lang)}" for c in "SMI")
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() == self.VALUE:
            if self.parameters[index.row()].kind == "bool":
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            else:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        param = self.parameters[index.row()]
        column = index.column()
        lang = ui_lang()
        if column == self.VALUE:
            value = self.value(index.row())
            if param.kind == "bool":
                if role == Qt.ItemDataRole.CheckStateRole:
                    return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
                if role == Qt.ItemDataRole.DisplayRole:
                    return self.tr("on") if value else self.tr("off")
                return None
            if role == Qt.ItemDataRole.EditRole:
                return value
            if role == Qt.ItemDataRole.DisplayRole:
                if isinstance(value, str):
                    return value
                if param.kind == "int":
                    return format_number(float(value), 0)
                # Three decimals at most, without trailing zeros (0.92, not 0.920).
                return format_number(float(value), 3).rstrip("0").rstrip(".,")
            if role == Qt.ItemDataRole.FontRole and value != param.default:
                from PySide6.QtGui import QFont

                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Default: %1").replace("%1", str(param.default))
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == self.RULE:
            from mixplan.engine.rulebook_io import section_title

            # "C03 — Hauteur maximale", or the section's own title.
            return section_title(param.section, lang)
        if column == self.PARAMETER:
            return param.label_fr if lang == "fr" else param.label_en
        if column == self.UNIT:
            return param.unit
        if column == self.STATUS:
            from mixplan.engine.rule_reference import status_label

            return status_label(param.status, lang)
        from mixplan.engine.rulebook_io import parameter_source

        return parameter_source(param.source, lang)

    def setData(
        self,
        index: QModelIndex,
        value,  # type: ignore[no-untyped-def]
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if not index.isValid() or index.column() != self.VALUE:
            return False
        param = self.parameters[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and param.kind == "bool":
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        if param.kind == "int" and isinstance(value, float):
            value = int(round(value))
        if value == self.value(index.row()):
            return False
        command = SetRulebookValue(param.section, param.name, value)
        command.label = self.tr("Set rule parameter")
        try:
            self.document.push(command)
        except MixplanError as exc:
            self.refused = str(exc)
            return False
        self.refused = ""
        return True


class RulebookDelegate(QStyledItemDelegate):
    """A number editor bounded by the parameter's range, or its choices."""

    def __init__(self, model: RulebookModel, document: ProjectDocument, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.model = model
        self.document = document

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        param = self.model.parameters[index.row()]
        if param.kind == "choice":
            combo = QComboBox(parent)
            for choice in param.choices:
                combo.addItem(choice, choice)
            combo.activated.connect(lambda _i: self.commitData.emit(combo))
            return combo
        spin = CommitDoubleSpinBox(parent, "", self.document.undo_stack)
        spin.setDecimals(0 if param.kind == "int" else 3)
        spin.setRange(
            param.minimum if param.minimum is not None else -1e9,
            param.maximum if param.maximum is not None else 1e9,
        )
        spin.setSuffix(f" {param.unit}" if param.unit else "")
        spin.setFrame(False)
        spin.committed.connect(lambda _v: self.commitData.emit(spin))
        return spin

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, CommitDoubleSpinBox):
            if not editor.is_typing():
                editor.show_value(float(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # type: ignore[no-untyped-def]
        if isinstance(editor, CommitDoubleSpinBox):
            editor.commit()
            model.setData(index, editor.value())
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())


class RulebookDialog(QDialog):
    """The rulebook of the open project."""

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rulebook_dialog")
        self.document = document
        self.model = RulebookModel(document, self)
        self.view = QTableView()
        self.view.setObjectName("rules_table")
        self.view.setModel(self.model)
        self.view.setItemDelegate(RulebookDelegate(self.model, document, self))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(RulebookModel.RULE, 220)
        self.view.setColumnWidth(RulebookModel.PARAMETER, 260)
        self.message = QLabel()
        self.message.setObjectName("rules_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b42318;")
        self.import_button = QPushButton()
        self.import_button.setObjectName("rules_import")
        self.import_button.clicked.connect(self._ask_import)
        self.export_button = QPushButton()
        self.export_button.setObjectName("rules_export")
        self.export_button.clicked.connect(self._ask_export)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        for button in (self.import_button, self.export_button, self.close_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.model.dataChanged.connect(lambda *_: self._show_refusal())
        self.view.clicked.connect(lambda _i: self._show_refusal())
        add_undo_shortcuts(self, document.undo_stack)
        self.resize(1000, 620)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Rulebook"))
        self.import_button.setText(self.tr("Import TOML…"))
        self.export_button.setText(self.tr("Export TOML…"))
        self.close_button.setText(self.tr("Close"))

    def _show_refusal(self) -> None:
        self.message.setText(self.model.refused)

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a rulebook"), "", self.tr("Rulebook (*.toml)")
        )
        if path:
            self.import_toml(Path(path))

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the rulebook"), "rules.toml", "TOML (*.toml)"
        )
        if path:
            self.export_toml(Path(path))

    def import_toml(self, path: Path) -> bool:
        """Take every value of a TOML rulebook, as one undo step."""
        from mixplan.engine.rulebook_io import rulebook_from_toml

        try:
            imported = rulebook_from_toml(path)
        except MixplanError as exc:
            # One line naming the file and the problem; the rulebook is untouched.
            message = str(exc)
            if path.name not in message:
                message = f"{path.name}: {message}"
            self.message.setText(message)
            return False
        current = self.document.project.rulebook
        commands = []
        for param in PARAMETERS.values():
            value = imported.get(*param.key)
            if value != current.get(*param.key):
                commands.append(SetRulebookValue(param.section, param.name, value))
        if commands:
            label = self.tr("Import rulebook")
            self.document.push(CompoundCommand(commands, label))
        self.message.setText(
            self.tr("%1 parameter(s) changed from %2")
            .replace("%1", str(len(commands)))
            .replace("%2", path.name)
        )
        return True

    def export_toml(self, path: Path) -> bool:
        from mixplan.engine.rulebook_io import rulebook_to_toml
        from mixplan.store.atomic import write_text_atomic

        try:
            write_text_atomic(path, rulebook_to_toml(self.document.project.rulebook))
        except (OSError, MixplanError) as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(self.tr("Wrote %1").replace("%1", str(path)))
        return True


def show_rulebook(window) -> RulebookDialog:  # type: ignore[no-untyped-def]
    """Open the rulebook editor of the window's project (not blocking)."""
    dialog = window.findChild(RulebookDialog, "rulebook_dialog")
    if dialog is None:
        dialog = RulebookDialog(window.document, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    return dialog
