"""The use mix of one storey: which uses share its floor area, and how much.

Shares always sum to 100 %: changing one rescales the others in proportion;
removing one gives its share back to the others in proportion.
"""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QColor

from mixplan.model import USES, Allocation, Level
from mixplan.model.commands import SetLevels
from mixplan.model.uses import use_class
from mixplan.report.palette import use_colour
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.building_table import BuildingTableModel
from mixplan.ui.panels.common import format_number, ui_lang
from mixplan.ui.panels.levels import NONE_TEXT


class UseMixModel(BuildingTableModel):
    """The allocations of one level: use, share (%), nuisance class.

    Shares always sum to 100 %: changing one rescales the others in proportion;
    removing one gives its share back to the others in proportion.
    """

    USE, SHARE, NUISANCE = range(3)

    def __init__(self, document: ProjectDocument, parent: QObject | None = None):
        super().__init__(document, parent)
        self.position: int | None = None
        self._uses: tuple[Allocation, ...] = ()

    def set_level(self, building_id: str | None, position: int | None) -> None:
        self.building_id, self.position = building_id, position
        self.refresh()

    def level(self) -> Level | None:
        building = self._building
        if building is None or self.position is None:
            return None
        if not 0 <= self.position < len(building.levels):
            return None
        return building.levels[self.position]

    def refresh(self) -> None:
        building = self._lookup()
        level = None
        if (
            building is not None
            and self.position is not None
            and 0 <= self.position < len(building.levels)
        ):
            level = building.levels[self.position]
        uses = level.uses if level is not None else ()
        if len(uses) == len(self._uses) and uses:
            self._building, self._uses = building, uses
            self.cells_changed(len(uses), 3)
            return
        self.beginResetModel()
        self._building, self._uses = building, uses
        self.endResetModel()

    def allocation(self, row: int) -> Allocation:
        return self._uses[row]

    def allocations(self) -> tuple[Allocation, ...]:
        return self._uses

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._uses)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
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
        titles = (self.tr("Use"), self.tr("Share (%)"), self.tr("Nuisance"))
        return titles[section] if 0 <= section < 3 else None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != self.SHARE or len(self._uses) > 1:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self._uses):
            return None
        a = self._uses[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.EditRole:
            return (a.use, a.share * 100, a.nuisance)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.USE:
                return use_class(a.use).label(ui_lang())
            if column == self.SHARE:
                return format_number(a.share * 100, 1)
            return a.nuisance or NONE_TEXT
        if role == Qt.ItemDataRole.DecorationRole and column == self.USE:
            return QColor(use_colour(a.use))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SHARE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(
        self,
        index: QModelIndex,
        value,  # type: ignore[no-untyped-def]
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.set_value(index, value)

    def set_value(self, index: QModelIndex, value: object) -> bool:
        uses = list(self._uses)
        row, column = index.row(), index.column()
        if not uses or not 0 <= row < len(uses):
            return False
        a = uses[row]
        if column == self.USE:
            if value == a.use or value not in USES or any(u.use == value for u in uses):
                return False
            uses[row] = Allocation(str(value), a.share, None)
        elif column == self.SHARE:
            share = float(value) / 100  # type: ignore[arg-type]
            if len(uses) < 2 or math.isclose(share, a.share, abs_tol=1e-9):
                return False
            uses = rescaled(uses, row, share)
        elif column == self.NUISANCE:
            nuisance = value or None
            if nuisance == a.nuisance:
                return False
            uses[row] = replace(a, nuisance=nuisance)
        else:
            return False
        return self._set_uses(tuple(uses), self.tr("Set level uses"))

    def add_use(self) -> bool:
        """Add ``unassigned`` floor area (the user then says which use it is), or
        the first use not on the level yet, with a share of 1 / (n + 1)."""
        present = {a.use for a in self._uses}
        free = [code for code in ("unassigned", *USES) if code not in present]
        if not self._uses or not free:
            return False
        n = len(self._uses)
        share = 1 / (n + 1)
        others = [replace(a, share=a.share * (1 - share)) for a in self._uses]
        uses = exact_sum([*others, Allocation(free[0], share)])
        return self._set_uses(uses, self.tr("Add use"))

    def remove_use(self, row: int) -> bool:
        """Remove one use; the others take its share in proportion."""
        if len(self._uses) < 2 or not 0 <= row < len(self._uses):
            return False
        rest = [a for i, a in enumerate(self._uses) if i != row]
        total = math.fsum(a.share for a in rest)
        uses = exact_sum([replace(a, share=a.share / total) for a in rest])
        return self._set_uses(uses, self.tr("Remove use"))

    def _set_uses(self, uses: tuple[Allocation, ...], label: str) -> bool:
        """Give this mix to the same storey of every selected building that has
        it, as one undo step (:meth:`push_levels`)."""
        if self._building is None or self.position is None:
            return False
        storey = self.position - self._building.basements
        scenario = self.document.current_scenario
        asked = (scenario, storey, uses)
        if self.being_prepared(asked):
            return False  # (the editor's commit again)
        # (while edits wait, one before this may change the levels: each is
        # then given the mix, whatever it has now)
        skip = not self.document.edits_held
        positions = {
            building_id: position
            for building_id, position, level in self.storey_levels(storey)
            if not skip or level.uses != uses
        }
        if not positions:
            return False
        command = SetLevels(
            scenario, positions, lambda lv: replace(lv, uses=uses), label
        )
        return self.push_levels(command, asked)


def exact_sum(uses: list[Allocation]) -> tuple[Allocation, ...]:
    """The allocations with the largest share adjusted so the shares sum to 1."""
    largest = max(range(len(uses)), key=lambda i: uses[i].share)
    rest = math.fsum(a.share for i, a in enumerate(uses) if i != largest)
    uses[largest] = replace(uses[largest], share=1.0 - rest)
    return tuple(uses)


def rescaled(uses: list[Allocation], row: int, share: float) -> list[Allocation]:
    """Set ``uses[row]`` to ``share`` and scale the others to fill the rest."""
    floor = 0.001 * (len(uses) - 1)
    share = min(max(share, 0.001), 1.0 - floor)
    others = math.fsum(a.share for i, a in enumerate(uses) if i != row)
    scale = (1.0 - share) / others
    out = [
        a if i == row else replace(a, share=max(a.share * scale, 0.0005))
        for i, a in enumerate(uses)
    ]
    out[row] = replace(uses[row], share=share)
    rest = math.fsum(a.share for i, a in enumerate(out) if i != row)
    # Absorb rounding in the largest of the others so the level stays valid.
    others_idx = [i for i in range(len(out)) if i != row]
    big = max(others_idx, key=lambda i: out[i].share)
    out[big] = replace(out[big], share=out[big].share + (1.0 - share - rest))
    return out
