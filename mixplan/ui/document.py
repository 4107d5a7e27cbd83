"""ProjectDocument: the open project, its undo stack, current scenario and selection.

Every view talks to the project through this object: edits are pushed as model
commands (wrapped in one QUndoCommand adapter), and views refresh from the
``changed`` signal's :class:`~mixplan.model.commands.Change`, not by polling.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from mixplan.model import Project
from mixplan.model.commands import Change, Command, CompoundCommand


class ModelUndoCommand(QUndoCommand):
    """Adapts a model command to Qt's undo stack.

    The model command is applied in ``redo`` (Qt calls it on push); if it raises, the
    exception propagates out of ``push`` before the stack records it, so a refused
    edit leaves no undo entry.
    """

    def __init__(self, document: ProjectDocument, command: Command,
                 merge_id: int = -1) -> None:
        super().__init__(command.label)
        self.document = document
        self.command = command
        self._merge_id = merge_id

    def redo(self) -> None:
        change = self.command.apply(self.document.project)
        self.document.changed.emit(change)

    def undo(self) -> None:
        change = self.command.revert(self.document.project)
        self.document.changed.emit(change)

    def id(self) -> int:
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Qt only asks when both ids are equal and not -1: consecutive pushes with
        # one merge id (a spin box being scrubbed) become one undo step.
        if not isinstance(other, ModelUndoCommand):
            return False
        if isinstance(self.command, _MergedCommand):
            parts = [*self.command.commands, other.command]
        else:
            parts = [self.command, other.command]
        self.command = _MergedCommand(parts, self.command.label)
        return True


class _MergedCommand(CompoundCommand):
    """Commands merged into one undo step; flat, so long scrubs do not nest."""


class ProjectDocument(QObject):
    """The project being edited, shared by the window, views, panels and engine."""

    #: emitted after every applied or reverted command, with what changed
    changed = Signal(object)
    #: emitted when the scenario shown changes (its name)
    scenario_changed = Signal(str)
    #: emitted when the selected building ids change (a list of str)
    selection_changed = Signal(list)
    #: emitted when the project object itself is replaced (open, new, recover)
    project_replaced = Signal()
    #: emitted when the file path changes (save as)
    path_changed = Signal(object)

    def __init__(self, project: Project, path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.current_scenario = project.baseline.name
        self.selection: list[str] = []
        self.changed.connect(self._follow_renames)

    # --- edits ---------------------------------------------------------------

    def push(self, command: Command, merge_id: int = -1) -> None:
        """Apply ``command`` as one undo step (raises MixplanError if refused).

        Consecutive pushes with the same ``merge_id`` (not -1) merge into one step.
        """
        wrapper = ModelUndoCommand(self, command, merge_id)
        # Apply first so a refused command never reaches the stack.
        wrapper.redo()
        wrapper.redo = _skip_first(wrapper.redo)  # type: ignore[method-assign]
        self.undo_stack.push(wrapper)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_saved(self, path: Path | None = None) -> None:
        if path is not None and path != self.path:
            self.path = path
            self.path_changed.emit(path)
        self.undo_stack.setClean()

    def replace_project(self, project: Project, path: Path | None) -> None:
        """Swap in another project (open, new, recover); clears undo history."""
        self.project = project
        self.path = path
        self.undo_stack.clear()
        self.selection = []
        self.current_scenario = project.baseline.name
        self.project_replaced.emit()
        self.path_changed.emit(path)
        self.scenario_changed.emit(self.current_scenario)
        self.selection_changed.emit([])

    # --- view state -------------------------------------------------------------

    @property
    def scenario(self):  # type: ignore[no-untyped-def]
        return self.project.scenario(self.current_scenario)

    def set_scenario(self, name: str) -> None:
        if name == self.current_scenario:
            return
        self.project.scenario(name)
        self.current_scenario = name
        self.selection = []
        self.scenario_changed.emit(name)
        self.selection_changed.emit([])

    def set_selection(self, building_ids: list[str]) -> None:
        ids = [b for b in building_ids if b in self.scenario.buildings]
        if ids != self.selection:
            self.selection = ids
            self.selection_changed.emit(list(ids))

    def _follow_renames(self, change: Change) -> None:
        if change.renamed and change.renamed[0] == self.current_scenario:
            self.current_scenario = change.renamed[1]
            self.scenario_changed.emit(self.current_scenario)
        elif not self.project.has_scenario(self.current_scenario):
            self.current_scenario = self.project.baseline.name
            self.selection = []
            self.scenario_changed.emit(self.current_scenario)
        if change.scenario == self.current_scenario and self.selection:
            kept = [b for b in self.selection if b in self.scenario.buildings]
            if kept != self.selection:
                self.selection = kept
                self.selection_changed.emit(list(kept))


def _skip_first(redo):  # type: ignore[no-untyped-def]
    """QUndoStack.push calls redo(); the command was already applied, so skip once."""
    state = {"skipped": False}

    def wrapped() -> None:
        if not state["skipped"]:
            state["skipped"] = True
            return
        redo()

    return wrapped
