"""ProjectDocument: the open project, its undo stack, current scenario and selection.

Every view talks to the project through this object: edits are pushed as model
commands (wrapped in one QUndoCommand adapter), and views refresh from the
``changed`` signal's :class:`~mixplan.model.commands.Change`, not by polling.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from mixplan.gc_pause import collector_paused
from mixplan.model import Project
from mixplan.model.commands import Change, Command

#: The model's command labels, listed for pyside6-lupdate: the Edit menu shows
#: them ("Undo Add building") in the user's language.
COMMAND_LABELS = (
    QT_TRANSLATE_NOOP("Commands", "Add building"),
    QT_TRANSLATE_NOOP("Commands", "Add ground cover"),
    QT_TRANSLATE_NOOP("Commands", "Add level"),
    QT_TRANSLATE_NOOP("Commands", "Delete scenario"),
    QT_TRANSLATE_NOOP("Commands", "Duplicate level"),
    QT_TRANSLATE_NOOP("Commands", "Edit"),
    QT_TRANSLATE_NOOP("Commands", "Edit building"),
    QT_TRANSLATE_NOOP("Commands", "Edit level"),
    QT_TRANSLATE_NOOP("Commands", "Move level"),
    QT_TRANSLATE_NOOP("Commands", "New scenario"),
    QT_TRANSLATE_NOOP("Commands", "Remove building"),
    QT_TRANSLATE_NOOP("Commands", "Remove ground cover"),
    QT_TRANSLATE_NOOP("Commands", "Restore building"),
    QT_TRANSLATE_NOOP("Commands", "Restore ground cover"),
    QT_TRANSLATE_NOOP("Commands", "Take the existing version"),
    QT_TRANSLATE_NOOP("Commands", "Remove level"),
    QT_TRANSLATE_NOOP("Commands", "Rename scenario"),
    QT_TRANSLATE_NOOP("Commands", "Set access"),
    QT_TRANSLATE_NOOP("Commands", "Set design load"),
    QT_TRANSLATE_NOOP("Commands", "Set footprint"),
    QT_TRANSLATE_NOOP("Commands", "Set ground cover"),
    QT_TRANSLATE_NOOP("Commands", "Set car spaces"),
    QT_TRANSLATE_NOOP("Commands", "Set level height"),
    QT_TRANSLATE_NOOP("Commands", "Set level uses"),
    QT_TRANSLATE_NOOP("Commands", "Set rule parameter"),
    QT_TRANSLATE_NOOP("Commands", "Set site boundary"),
    QT_TRANSLATE_NOOP("Commands", "Add context layer"),
    QT_TRANSLATE_NOOP("Commands", "Remove context layer"),
    QT_TRANSLATE_NOOP("Commands", "Change context layer"),
    QT_TRANSLATE_NOOP("Commands", "Move context layer"),
    QT_TRANSLATE_NOOP("Commands", "Show layer"),
    QT_TRANSLATE_NOOP("Commands", "Hide layer"),
    QT_TRANSLATE_NOOP("Commands", "Set layer opacity"),
    QT_TRANSLATE_NOOP("Commands", "Save typology"),
    QT_TRANSLATE_NOOP("Commands", "Remove typology"),
    QT_TRANSLATE_NOOP("Commands", "Import typologies"),
    QT_TRANSLATE_NOOP("Commands", "Set report options"),
    QT_TRANSLATE_NOOP("Commands", "Update typology"),
)


class ModelUndoCommand(QUndoCommand):
    """Adapts a model command to Qt's undo stack.

    The model command is applied in ``redo`` (Qt calls it on push); if it raises, the
    exception propagates out of ``push`` before the stack records it, so a refused
    edit leaves no undo entry.

    Applied, reverted and told to the views with the cyclic garbage collector
    paused, what they made then frozen (see :mod:`mixplan.gc_pause`: the new
    buildings stay, in the project or the undo stack; a whole-park edit left
    the views 100,000 young objects, whose collections, the full one included,
    cost the GUI thread 15-40 ms each edit and undo). The engine freezes what
    each evaluation leaves the same way.
    """

    def __init__(
        self, document: ProjectDocument, command: Command, merge_id: int = -1
    ) -> None:
        # Labels made in the UI are already translated; the model's are English
        # and looked up here (an unknown text comes back unchanged).
        super().__init__(QCoreApplication.translate("Commands", command.label))
        self.document = document
        self.command = command
        self.commands = [command]
        self._merge_id = merge_id
        self.sealed = False

    def redo(self) -> None:
        project = self.document.project
        with collector_paused(keep=True):
            applied = [command.apply(project) for command in self.commands]
            self.document.changed.emit(Change.merged(applied))
        # What the edit left is noted at a later turn, if nothing changed the
        # project meanwhile, not at its first undo: 5-10 ms less of that
        # undo's turn for a whole-park edit (see _CapturedCommand).
        document, told = self.document, self.document.edits_told
        if len(self.commands) == 1:
            command = self.commands[0]
            QTimer.singleShot(
                0, document, lambda: document.note_result(command, project, told)
            )

    def undo(self) -> None:
        project = self.document.project
        with collector_paused(keep=True):
            reverted = [command.revert(project) for command in reversed(self.commands)]
            self.document.changed.emit(Change.merged(reverted))

    def id(self) -> int:
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        """Fold a scrubbing step into this one: undo goes back before both."""
        if (
            self.sealed
            or not isinstance(other, ModelUndoCommand)
            or other.id() != self._merge_id
            or self._merge_id < 0
        ):
            return False
        self.commands.extend(other.commands)
        return True


class ProjectDocument(QObject):
    """The project being edited, shared by the window, views, panels and engine."""

    #: emitted after every applied or reverted command, with what changed
    changed = Signal(object)
    #: emitted when the scenario shown changes (its name)
    scenario_changed = Signal(str)
    #: emitted when the selected building ids change (a list of str, the same
    #: list to every receiver, not to be changed: ``Signal(list)`` converted
    #: 10,000 ids to a QVariantList and back for each of six receivers, 8 ms)
    selection_changed = Signal(object)
    #: emitted when the selected ground-cover ids change (a list of str)
    cover_selection_changed = Signal(object)
    #: emitted when the project object itself is replaced (open, new, recover)
    project_replaced = Signal()
    #: emitted when the file path changes (save as)
    path_changed = Signal(object)
    #: emitted when the unsaved-changes state flips
    modified_changed = Signal(bool)
    #: edits wait (True: a save runs or a move is prepared) or no longer (False)
    edits_held_changed = Signal(bool)

    def __init__(
        self, project: Project, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.current_scenario = project.baseline.name
        #: the scenario shown before the current one: shown again if the
        #: current one goes (a duplicate or a new scenario undone, deleted)
        self.previous_scenario = project.baseline.name
        self.selection: list[str] = []
        # Covers are selected apart from buildings (and never with them), so
        # that the many building panels keep a list of building ids.
        self.cover_selection: list[str] = []
        # True after recovering a project: it differs from its file with no edit
        # on the (fresh) undo stack to say so.
        self.unsaved_recovery = False
        self._merge_ids: dict[str, int] = {}
        #: every change applied or reverted since the project was opened or saved,
        #: so that saving can rewrite only those rows
        self.changes_since_save: list[Change] = []
        #: edits made while a save runs or a reserved place waits, applied in
        #: order when both end (None: not held); see :meth:`reserve_edit`
        self._held: list[list[Any]] | None = None
        #: whether a save holds the edits
        self._saving = False
        #: how many edits were applied or reverted since the document was made
        #: (an open under way asks again about changes made meanwhile)
        self.edits_told = 0
        self.changed.connect(self._count_edit)
        self.changed.connect(self._follow_renames)
        self.changed.connect(self.changes_since_save.append)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def push(self, command: Command, merge_id: int = -1) -> None:
        """Apply ``command`` as one undo step (raises MixplanError if refused).

        Consecutive pushes with the same ``merge_id`` (not -1) merge into one step.
        While edits are held (:meth:`hold_edits`), the command waits its turn.
        """
        if self._held is not None:
            self._held.append(["push", command, merge_id])
            return
        wrapper = ModelUndoCommand(self, command, merge_id)
        # Apply first so a refused command never reaches the stack.
        wrapper.redo()
        wrapper.redo = _skip_first(wrapper.redo)  # type: ignore[method-assign]
        self.undo_stack.push(wrapper)

    def undo(self) -> None:
        """Undo one step (after the held edits, while edits are held)."""
        if self._held is not None:
            self._held.append(["undo", None, -1])
        else:
            self.undo_stack.undo()

    def redo(self) -> None:
        """Redo one step (after the held edits, while edits are held)."""
        if self._held is not None:
            self._held.append(["redo", None, -1])
        else:
            self.undo_stack.redo()

    @property
    def edits_held(self) -> bool:
        return self._held is not None

    def hold_edits(self) -> None:
        """Let edits wait (a save is reading the project): see :meth:`release_edits`."""
        self._saving = True
        if self._held is None:
            self._hold([])

    def release_edits(self) -> list[Exception]:
        """Apply the edits that waited, in order; returns the refusals.

        Those behind a reserved place not yet filled wait for it
        (:meth:`fill_reserved`).
        """
        self._saving = False
        return self._apply_held()

    def reserve_edit(self) -> object:
        """Hold the edits behind a place for one being prepared; returns the place.

        Edits made meanwhile wait behind it, in order, until
        :meth:`fill_reserved` gives its command: a move of 10,000 buildings is
        prepared across event-loop turns, the user's edits meanwhile follow it.
        """
        place: list[Any] = ["reserved", None, -1]
        held = self._held
        if held is None:
            held = []
            self._hold(held)
        held.append(place)
        return place

    def fill_reserved(self, place: object, command: Command | None) -> list[Exception]:
        """Push ``command`` (None: nothing) at ``place``, then what waited behind it.

        Returns the refusals (see :meth:`release_edits`); while a save holds the
        edits, they all wait for it still.
        """
        assert isinstance(place, list) and place[0] == "reserved"
        place[:2] = ["push", command] if command is not None else ["none", None]
        return self._apply_held()

    def _apply_held(self) -> list[Exception]:
        """Apply the held edits in order, up to a place still reserved."""
        refused: list[Exception] = []
        held = self._held
        if self._saving or held is None:
            return refused
        ready = 0
        while ready < len(held) and held[ready][0] != "reserved":
            ready += 1
        if held and ready == 0:
            return refused  # (a place still reserved first)
        self._held = None  # (told below: the edits are applied now, not held)
        for kind, command, merge_id in held[:ready]:
            try:
                if kind == "push" and command is not None:
                    self.push(command, merge_id)
                elif kind == "undo":
                    self.undo_stack.undo()
                elif kind == "redo":
                    self.undo_stack.redo()
            except Exception as exc:  # noqa: BLE001 - reported by the caller
                refused.append(exc)
        if ready < len(held):
            self._held = held[ready:]
        else:
            self.edits_held_changed.emit(False)
        return refused

    def _hold(self, held: list[list[Any]] | None) -> None:
        """Set what waits, and tell whether edits wait now."""
        was, self._held = self._held is not None, held
        if was != (held is not None):
            self.edits_held_changed.emit(held is not None)

    def note_result(self, command: Command, project: Project, told: int) -> None:
        """Let ``command`` note what it left, if the project is still as it
        left it (the same project, no edit applied or reverted since)."""
        if self.project is project and self.edits_told == told:
            with collector_paused(keep=True):
                command.note_result(project)

    def _count_edit(self, _change: Change) -> None:
        self.edits_told += 1

    def _on_clean_changed(self, _clean: bool) -> None:
        try:
            self.modified_changed.emit(self.modified)
        except RuntimeError:
            pass  # the stack is being destroyed with the document

    def merge_id(self, key: str) -> int:
        """A stable undo merge id for a kind of scrubbing edit, e.g. "height:b1:2".

        Consecutive pushes with the same id become one undo step, until
        :meth:`seal_merge` (call it when the spin box loses focus or the drag ends).
        """
        return self._merge_ids.setdefault(key, 1000 + len(self._merge_ids))

    def seal_merge(self) -> None:
        """Stop the last undo step from absorbing the next push."""
        count = self.undo_stack.count()
        index = self.undo_stack.index()
        if count and index == count:
            top = self.undo_stack.command(index - 1)
            if isinstance(top, ModelUndoCommand):
                top.sealed = True

    @property
    def modified(self) -> bool:
        return self.unsaved_recovery or not self.undo_stack.isClean()

    def mark_saved(self, path: Path | None = None) -> None:
        if path is not None and path != self.path:
            self.path = path
            self.path_changed.emit(path)
        was = self.modified
        self.changes_since_save.clear()
        self.unsaved_recovery = False
        self.seal_merge()
        self.undo_stack.setClean()
        if was != self.modified:
            self.modified_changed.emit(self.modified)

    def replace_project(
        self, project: Project, path: Path | None, recovered: bool = False
    ) -> None:
        """Swap in another project (open, new, recover); clears undo history.

        Edits still waiting (behind a move being prepared) were the old
        project's: they are dropped, not applied to this one (the window lets
        them land first: ``FileOps.settle_edits``).
        """
        self._hold(None)
        self.project = project
        self.path = path
        self.undo_stack.clear()
        self.changes_since_save.clear()
        self.unsaved_recovery = recovered
        self.modified_changed.emit(self.modified)
        self.selection = []
        self.cover_selection = []
        self.current_scenario = self.previous_scenario = project.baseline.name
        self.project_replaced.emit()
        self.path_changed.emit(path)
        self.scenario_changed.emit(self.current_scenario)
        self.selection_changed.emit([])
        self.cover_selection_changed.emit([])

    @property
    def scenario(self):  # type: ignore[no-untyped-def]
        return self.project.scenario(self.current_scenario)

    def set_scenario(self, name: str) -> None:
        if name == self.current_scenario:
            return
        self.project.scenario(name)
        self.previous_scenario, self.current_scenario = self.current_scenario, name
        self.selection = []
        self.cover_selection = []
        self.scenario_changed.emit(name)
        self.selection_changed.emit([])
        self.cover_selection_changed.emit([])

    def set_selection(self, building_ids: list[str]) -> None:
        buildings = self.scenario.buildings
        ids = [b for b in building_ids if b in buildings]
        if ids and self.cover_selection:
            self.set_cover_selection([])
        if ids != self.selection:
            self.selection = ids
            self.selection_changed.emit(list(ids))

    def set_cover_selection(self, cover_ids: list[str]) -> None:
        """Select ground covers of the current scenario (deselects buildings)."""
        ids = [c for c in cover_ids if c in self.scenario.cover]
        if ids and self.selection:
            self.set_selection([])
        if ids != self.cover_selection:
            self.cover_selection = ids
            self.cover_selection_changed.emit(list(ids))

    def _follow_renames(self, change: Change) -> None:
        if change.renamed and change.renamed[0] == self.previous_scenario:
            self.previous_scenario = change.renamed[1]
        if change.renamed and change.renamed[0] == self.current_scenario:
            self.current_scenario = change.renamed[1]
            self.scenario_changed.emit(self.current_scenario)
        elif not self.project.has_scenario(self.current_scenario):
            previous = self.previous_scenario
            if not self.project.has_scenario(previous):
                previous = self.project.baseline.name
            self.current_scenario = self.previous_scenario = previous
            self.selection = []
            self.scenario_changed.emit(self.current_scenario)
            if self.cover_selection:
                self.cover_selection = []
                self.cover_selection_changed.emit([])
        if self.current_scenario in change.scenario_names and self.selection:
            buildings = self.scenario.buildings  # (not looked up for each id)
            kept = [b for b in self.selection if b in buildings]
            if kept != self.selection:
                self.selection = kept
                self.selection_changed.emit(list(kept))
        if self.cover_selection:
            kept = [c for c in self.cover_selection if c in self.scenario.cover]
            if kept != self.cover_selection:
                self.cover_selection = kept
                self.cover_selection_changed.emit(list(kept))


def _skip_first(redo):  # type: ignore[no-untyped-def]
    """QUndoStack.push calls redo(); the command was already applied, so skip once."""
    state = {"skipped": False}

    def wrapped() -> None:
        if not state["skipped"]:
            state["skipped"] = True
            return
        redo()

    return wrapped
