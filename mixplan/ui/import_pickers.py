"""The import dialog's pickers: a CAD plan's layers as a table of uses, and a
filter built from a field and a value of the file.

A mixin of :class:`~mixplan.ui.import_dialog.ImportDialog` (its widgets are made
there); texts keep the dialog's translation context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QTableWidgetItem

from mixplan.model.uses import USES
from mixplan.ui.panels.common import ui_lang


class ImportPickers:
    """Layer table and filter picker of the import dialog."""

    layer_table: Any
    layer_map: Any
    filter_field: Any
    filter_value: Any
    where: Any
    layer: Any
    _fields: dict[str, list[str]]
    _values: dict[str, dict[str, list[str]]]

    def _fill_filter_fields(self, layer: str) -> None:
        self.filter_field.blockSignals(True)
        self.filter_field.clear()
        self.filter_field.addItems(self._fields.get(layer, []))
        self.filter_field.blockSignals(False)
        self._fill_filter_values(self.filter_field.currentText())

    def _fill_filter_values(self, field: str) -> None:
        values = self._values.get(self.layer.currentText(), {}).get(field, [])
        self.filter_value.clear()
        self.filter_value.addItems(values)

    def _add_filter(self) -> None:
        """Append ``"FIELD" = 'value'`` to the filter (AND with what is there)."""
        field = self.filter_field.currentText()
        value = self.filter_value.currentText()
        if not field:
            return
        quoted = "'" + value.replace("'", "''") + "'"
        clause = f'"{field}" = {quoted}'
        current = self.where.text().strip()
        self.where.setText(f"{current} AND {clause}" if current else clause)

    def _layer_choices(self) -> list[tuple[str, str]]:
        lang = ui_lang()
        choices = [
            (QCoreApplication.translate("ImportDialog", "(not imported)"), ""),
            (
                QCoreApplication.translate(
                    "ImportDialog", "Outline (unassigned floor area)"
                ),
                "outline",
            ),
        ]
        return choices + [
            (use.label(lang), code)
            for code, use in USES.items()
            if code != "unassigned"
        ]

    def _fill_layer_table(self, layers: list[str], info: dict[str, Any]) -> None:
        table = self.layer_table
        table.setRowCount(0)
        choices = self._layer_choices()
        for row, name in enumerate(layers):
            table.insertRow(row)
            item = QTableWidgetItem(name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 0, item)
            count = QTableWidgetItem(str(info.get("closed", {}).get(name, 0)))
            count.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 1, count)
            combo = QComboBox(objectName=f"import_layer_use_{row}")
            for text, code in choices:
                combo.addItem(text, code)
            combo.currentIndexChanged.connect(lambda _i: self._write_layer_map())
            table.setCellWidget(row, 2, combo)
        table.resizeColumnsToContents()

    def set_layer_use(self, layer: str, code: str) -> None:
        """Choose what a DXF layer becomes (what its row's list does)."""
        for row in range(self.layer_table.rowCount()):
            if self.layer_table.item(row, 0).text() == layer:
                combo = self.layer_table.cellWidget(row, 2)
                combo.setCurrentIndex(combo.findData(code))  # type: ignore[attr-defined]
                return
        raise KeyError(layer)

    def _write_layer_map(self) -> None:
        pairs = []
        for row in range(self.layer_table.rowCount()):
            code = self.layer_table.cellWidget(row, 2).currentData()  # type: ignore[attr-defined]
            if code:
                pairs.append(f"{self.layer_table.item(row, 0).text()}={code}")
        self.layer_map.setText(",".join(pairs))
