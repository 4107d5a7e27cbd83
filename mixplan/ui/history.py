"""The History dock: the undo stack as a list; clicking a row goes back to it."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QUndoView

from mixplan.ui.document import ProjectDocument


class HistoryDock(QDockWidget):
    def __init__(self, document: ProjectDocument, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(self.tr("History"), parent)
        self.setObjectName("dock_history")
        self.view = QUndoView(document.undo_stack, self)
        self.view.setObjectName("history_view")
        self.view.setEmptyLabel(self.tr("<opened>"))
        self.setWidget(self.view)
        # Its clicks undo and redo at once, not in the edits' queue: while
        # edits wait (a save runs, a move is prepared), it waits too.
        document.edits_held_changed.connect(self._on_edits_held)

    def _on_edits_held(self, held: bool) -> None:
        self.setEnabled(not held)
