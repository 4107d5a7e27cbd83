"""Table editors that commit a value once: on Enter, on leaving the cell, on the
release of an arrow, or on choosing in a list (see :mod:`.editors`)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from mixplan.ui.panels.editors import CommitDoubleSpinBox


class CommitDelegate(QStyledItemDelegate):
    """Spin box and combo box editors for the inspector's tables.

    ``spin_columns`` maps a column to ``(low, high, step, decimals, unstated)``
    where ``unstated`` is the text of an unstated value ("" when the column always
    has one); ``combo_columns`` maps a column to its ``(code, text)`` choices or a
    function of the index giving them.
    """

    def __init__(
        self,
        spin_columns: dict[int, tuple[float, float, float, int, str]],
        combo_columns: dict[int, object],
        undo_stack: QUndoStack | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.spin_columns = spin_columns
        self.combo_columns = combo_columns
        self.undo_stack = undo_stack

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        column = index.column()
        if column in self.spin_columns:
            low, high, step, decimals, unstated = self.spin_columns[column]
            spin = CommitDoubleSpinBox(parent, unstated, self.undo_stack)
            spin.setRange(low, high)
            spin.setSingleStep(step)
            spin.setDecimals(decimals)
            spin.setFrame(False)
            spin.committed.connect(lambda _v: self.commitData.emit(spin))
            return spin
        if column in self.combo_columns:
            combo = QComboBox(parent)
            choices = self.combo_columns[column]
            items = choices(index) if callable(choices) else choices
            for code, text in items:  # type: ignore[attr-defined]
                combo.addItem(text, code)
            combo.activated.connect(lambda _i: self.commitData.emit(combo))
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, CommitDoubleSpinBox):
            # What is being typed stays: the model may refresh under the editor.
            if not editor.is_typing():
                editor.show_value(None if value is None else float(value))
        elif isinstance(editor, QComboBox):
            editor.blockSignals(True)
            editor.setCurrentIndex(max(editor.findData(value), 0))
            editor.blockSignals(False)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # type: ignore[no-untyped-def]
        if isinstance(editor, CommitDoubleSpinBox):
            editor.commit()
            value: object = editor.current()
        elif isinstance(editor, QComboBox):
            value = editor.currentData()
        else:
            super().setModelData(editor, model, index)
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)
