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
