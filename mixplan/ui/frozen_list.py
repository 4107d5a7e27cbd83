"""The buildings and ground covers Suggest must keep as they are, ticked in a list.

A model, not one list item per entry: a 10,000-building scenario made 10,000
items (and as many check boxes) each time the Suggest dialog opened or its
source scenario changed, 165-195 ms on the GUI thread. The model answers for the
rows on screen only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from mixplan.ui.panels.common import row_runs

Index = QModelIndex | QPersistentModelIndex

_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsUserCheckable
)


class FrozenListModel(QAbstractListModel):
    """Rows of (id, label); the ids ticked are kept as they are."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[str] = []
        self._labels: list[str] = []
        self._ticked: set[str] = set()

    def set_rows(self, rows: list[tuple[str, str]], ticked: set[str]) -> None:
        """Show ``rows`` (id, label) in order, the ids in ``ticked`` ticked."""
        self.beginResetModel()
        self._ids = [row_id for row_id, _label in rows]
        self._labels = [label for _row_id, label in rows]
        self._ticked = {row_id for row_id in self._ids if row_id in ticked}
        self.endResetModel()

    def follow(self, rows: list[tuple[str, str]]) -> None:
        """Show ``rows`` instead, the ticks of the ids still there kept.

        Rows of ids gone are removed and rows of new ids inserted in place, so
        the view keeps its scroll position and current row; only when ids were
        reordered is the model reset.
        """
        ids = [row_id for row_id, _label in rows]
        labels = [label for _row_id, label in rows]
        if ids != self._ids:
            new_ids, old_ids = set(ids), set(self._ids)
            kept = [row_id for row_id in self._ids if row_id in new_ids]
            if kept != [row_id for row_id in ids if row_id in old_ids]:
                self.set_rows(rows, self._ticked)
                return
            gone = [k for k, row_id in enumerate(self._ids) if row_id not in new_ids]
            for first, last in reversed(row_runs(gone)):
                self.beginRemoveRows(QModelIndex(), first, last)
                del self._ids[first : last + 1], self._labels[first : last + 1]
                self.endRemoveRows()
            came = [k for k, row_id in enumerate(ids) if row_id not in old_ids]
            for first, last in row_runs(came):
                self.beginInsertRows(QModelIndex(), first, last)
                self._ids[first:first] = ids[first : last + 1]
                self._labels[first:first] = labels[first : last + 1]
                self.endInsertRows()
            self._ticked &= new_ids
        if labels != self._labels:
            self._labels = labels
            end = self.index(len(ids) - 1, 0)
            self.dataChanged.emit(self.index(0, 0), end, [Qt.ItemDataRole.DisplayRole])

    def ticked_ids(self) -> list[str]:
        """The ticked ids, in the list's order."""
        return [row_id for row_id in self._ids if row_id in self._ticked]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        row_id = self._ids[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._labels[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = row_id in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return row_id
        return None

    def setData(
        self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        row_id = self._ids[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._ticked.add(row_id)
        else:
            self._ticked.discard(row_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

