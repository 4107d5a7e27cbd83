"""The inspector's page for a selected ground cover: what it is in the scenario.

A scenario keeps, changes, adds or removes the covers of the existing state
(DESIGN §14). The page says which, with the cover's surface and area, notes when
the existing state was corrected after the scenario changed the cover (U02),
and offers to take the existing version back in one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from mixplan.model.commands import TakeExistingCover
from mixplan.model.cover_edits import cover_status, outdated_cover_changes
from mixplan.model.errors import MixplanError
from mixplan.ui.document import ProjectDocument
from mixplan.ui.i18n import cover_labels
from mixplan.ui.panels.common import format_number

__all__ = ["CoverPanel"]


class CoverPanel(QWidget):
    """The first selected ground cover: surface, area, status, way back."""

    #: a refused edit with its one-line reason (for the status bar)
    edit_refused = Signal(str)

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cover_panel")
        self.document = document
        self.title_label = QLabel()
        self.title_label.setObjectName("cover_title")
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.status_label = QLabel()
        self.status_label.setObjectName("cover_status")
        self.status_label.setWordWrap(True)
        self.take_existing_button = QPushButton()
        self.take_existing_button.setObjectName("take_existing_cover")
        self.take_existing_button.clicked.connect(self._take_existing)
        self.take_existing_button.hide()
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.take_existing_button)
        layout.addWidget(self.hint_label)
        layout.addStretch(1)
        self.retranslate()

    @property
    def cover_id(self) -> str | None:
        covers = self.document.scenario.cover
        return next((c for c in self.document.cover_selection if c in covers), None)

    def retranslate(self) -> None:
        self.take_existing_button.setText(self.tr("Take the existing version"))
        self.take_existing_button.setToolTip(
            self.tr(
                "Replace this ground cover by the existing state's current version "
                "(one undo step)"
            )
        )
        self.hint_label.setText(
            self.tr(
                "The surface type is set in the toolbar; Edit ▸ Delete removes the "
                "cover and Edit ▸ Restore a removed ground cover… brings back one "
                "of the existing state."
            )
        )
        self.refresh()

    def refresh(self) -> None:
        """Show the first selected cover of the current scenario (if any)."""
        cover_id = self.cover_id
        if cover_id is None:
            self.title_label.setText("")
            self.status_label.setText("")
            self.take_existing_button.hide()
            return
        project = self.document.project
        scenario = self.document.scenario
        cover = scenario.cover[cover_id]
        surface = cover_labels().get(cover.cover, cover.cover)
        self.title_label.setText(
            self.tr("Ground cover %1: %2, %3 m²")
            .replace("%1", cover_id)
            .replace("%2", surface)
            .replace("%3", format_number(cover.geometry.area))
        )
        status = cover_status(project, scenario, cover_id)
        text = {
            "baseline": self.tr("Existing cover"),
            "kept": self.tr("Kept as existing"),
            "changed": self.tr("Changed from the existing state"),
            "added": self.tr("New cover"),
        }[status]
        if cover_id in outdated_cover_changes(project, scenario):
            text += "\n" + self.tr(
                "The existing state was edited after this change (U02)"
            )
        self.status_label.setText(text)
        self.take_existing_button.setVisible(status == "changed")

    def _take_existing(self) -> None:
        cover_id = self.cover_id
        if cover_id is None:
            return
        try:
            self.document.push(
                TakeExistingCover(self.document.current_scenario, cover_id)
            )
        except MixplanError as exc:
            self.edit_refused.emit(str(exc))
