"""Table editors that commit while they change, for one-step scrubbing."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)


class ScrubDelegate(QStyledItemDelegate):
    """Editors that commit while they change: a spin box being scrubbed pushes one
    merged undo step per editor session, a combo box commits on selection."""

    def __init__(
        self,
        spin_columns: dict[int, tuple[float, float, float, int, str]],
        combo_columns: dict[int, object],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.spin_columns = spin_columns
        self.combo_columns = combo_columns

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        from mixplan.ui.panels.common import new_scrub_session

        column = index.column()
        session = new_scrub_session()
        # The model may refresh while the editor is open: keep a persistent index.
        index = QPersistentModelIndex(index)  # type: ignore[assignment]
        if column in self.spin_columns:
            low, high, step, decimals, special = self.spin_columns[column]
            spin = QDoubleSpinBox(parent)
            spin.setRange(low, high)
            spin.setSingleStep(step)
            spin.setDecimals(decimals)
            if special:
                spin.setSpecialValueText(special)
            spin.setProperty("scrub_session", session)
            spin.valueChanged.connect(lambda _v: self._commit(spin, index))
            return spin
        if column in self.combo_columns:
            combo = QComboBox(parent)
            choices = self.combo_columns[column]
            items = choices(index) if callable(choices) else choices
            for code, text in items:  # type: ignore[attr-defined]
                combo.addItem(text, code)
            combo.setProperty("scrub_session", session)
            combo.activated.connect(lambda _i: self._commit(combo, index))
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.blockSignals(True)
        try:
            if isinstance(editor, QDoubleSpinBox):
                editor.setValue(editor.minimum() if value is None else float(value))
            elif isinstance(editor, QComboBox):
                found = editor.findData(value)
                editor.setCurrentIndex(max(found, 0))
            else:
                super().setEditorData(editor, index)
        finally:
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # type: ignore[no-untyped-def]
        session = int(editor.property("scrub_session") or 0)
        if isinstance(editor, QDoubleSpinBox):
            value: object = editor.value()
            if editor.specialValueText() and value == editor.minimum():
                value = None
        elif isinstance(editor, QComboBox):
            value = editor.currentData()
        else:
            super().setModelData(editor, model, index)
            return
        model.set_value(index, value, session)

    def _commit(self, editor: QWidget, index: QPersistentModelIndex) -> None:
        if index.isValid():
            model = index.model()
            self.setModelData(editor, model, model.index(index.row(), index.column()))
