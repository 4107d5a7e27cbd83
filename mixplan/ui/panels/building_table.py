"""Base of the inspector's table models: one building of the current scenario.

The models read the building from the document and write through model commands
only (``document.push``); they refresh from ``document.changed``, so an undo shows
in the table like any other change.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import (
    QAbstractTableModel,
    QObject,
    Qt,
    Signal,
)

from mixplan.model import Building, Level
from mixplan.model.commands import SetLevels
from mixplan.model.errors import MixplanError
from mixplan.ui.busy import busy_for
from mixplan.ui.document import ProjectDocument
from mixplan.ui.prepared_push import PREPARED_FROM, PreparedPush


class BuildingTableModel(QAbstractTableModel):
    """Base: follows one building of the current scenario through the document."""

    #: a refused edit, with the model's one-line reason
    edit_refused = Signal(str)

    def __init__(self, document: ProjectDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.building_id: str | None = None
        self._building: Building | None = None
        #: the project and what the edit being prepared (:class:`PreparedPush`)
        #: was asked, or None
        self._preparing: tuple[object, tuple[object, ...]] | None = None
        document.changed.connect(self._on_changed)
        document.scenario_changed.connect(lambda _name: self.refresh())
        document.project_replaced.connect(self.refresh)

    @property
    def building(self) -> Building | None:
        return self._building

    def _lookup(self) -> Building | None:
        if self.building_id is None:
            return None
        return self.document.scenario.buildings.get(self.building_id)

    def set_building(self, building_id: str | None) -> None:
        self.building_id = building_id
        self.refresh()

    def _on_changed(self, change) -> None:  # type: ignore[no-untyped-def]
        if (
            change.everything
            or change.scenarios
            or (
                self.document.current_scenario in change.scenario_names
                and (self.building_id in change.buildings)
            )
        ):
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def edited_ids(self) -> list[str]:
        """The buildings an edit goes to: every selected one, the shown one first."""
        if self.building_id is None:
            return []
        selection = self.document.selection
        if self.building_id not in selection:
            return [self.building_id]
        return [self.building_id, *(b for b in selection if b != self.building_id)]

    def storey_levels(self, storey: int) -> Iterator[tuple[str, int, Level]]:
        """Each edited building (:meth:`edited_ids`) that has ``storey``: its
        id, the position of that storey's level (after its basements) and the
        level."""
        buildings = self.document.scenario.buildings
        for building_id in self.edited_ids():
            building = buildings.get(building_id)
            if building is None:
                continue
            position = storey + building.basements
            if 0 <= position < len(building.levels):
                yield building_id, position, building.levels[position]

    def cells_changed(self, rows: int, columns: int) -> None:
        """One ``dataChanged`` for every cell. (Cell by cell, a table whose
        columns fit their contents measured all its cells again for each:
        3,000-18,000 ``data`` calls per edit of a 5-storey building.) Qt 6
        shows a block's change in an open editor too (an undo shows there)."""
        if rows and columns:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, columns - 1))

    def retranslate(self) -> None:
        """Headers and texts again, after a language change."""
        columns = self.columnCount()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, columns - 1)
            )

    def _push(self, command) -> bool:  # type: ignore[no-untyped-def]
        try:
            self.document.push(command)
        except MixplanError as exc:
            self.edit_refused.emit(str(exc))
            return False
        return True

    def being_prepared(self, asked: tuple[object, ...]) -> bool:
        """Whether the edit ``asked`` (what names it: the scenario, the storey,
        the value...) is being prepared already: an editor's commit comes
        twice, the second while the first is made in steps."""
        preparing = self._preparing
        return (
            preparing is not None
            and preparing[0] is self.document.project
            and preparing[1] == asked
        )

    def push_levels(self, command: SetLevels, asked: tuple[object, ...]) -> bool:
        """Push a storey's edit of the selection (see :meth:`being_prepared`).

        From :data:`PREPARED_FROM` buildings, their new versions are made
        across event-loop turns first (:class:`PreparedPush`, the edits
        meanwhile waiting behind it): made with the push, a height typed for
        the 9,144 buildings of the varied park held the GUI thread 0.12 s.
        """
        if len(command.building_ids) < PREPARED_FROM:
            with busy_for(len(command.building_ids)):
                return self._push(command)
        self._preparing = (self.document.project, asked)
        PreparedPush(self, self.document, command, self._refused, self._prepared)
        return True

    def _refused(self, exc: Exception) -> None:
        self.edit_refused.emit(str(exc))

    def _prepared(self) -> None:
        self._preparing = None
