"""The Scenarios dock: the baseline first, then the others; a click switches."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QDockWidget,
    QGridLayout,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mixplan.model.commands import Change
from mixplan.ui.document import ProjectDocument
from mixplan.ui.live_engine import LiveEngine

NAME_ROLE = Qt.ItemDataRole.UserRole


class ScenariosDock(QDockWidget):
    def __init__(
        self,
        document: ProjectDocument,
        live_engine: LiveEngine,
        actions: list[QAction],
        parent=None,
    ) -> None:  # type: ignore[no-untyped-def]
        super().__init__(self.tr("Scenarios"), parent)
        self.setObjectName("dock_scenarios")
        self.document = document
        self.live_engine = live_engine
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        self.list = QListWidget(body)
        self.list.setObjectName("scenario_list")
        layout.addWidget(self.list)
        buttons = QGridLayout()
        for n, action in enumerate(actions):
            button = QToolButton(body)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.addWidget(button, n // 2, n % 2)
        layout.addLayout(buttons)
        self.setWidget(body)
        self._filling = False
        self.list.currentItemChanged.connect(self._on_current)
        document.changed.connect(self._on_changed)
        document.project_replaced.connect(self.fill)
        document.scenario_changed.connect(self._select_current)
        live_engine.evaluated.connect(self._on_evaluated)
        self.fill()

    def fill(self) -> None:
        self._filling = True
        try:
            self.list.clear()
            project = self.document.project
            for i, scenario in enumerate(project.scenarios):
                item = QListWidgetItem(self.list)
                item.setData(NAME_ROLE, scenario.name)
                if i == 0:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self._set_text(item)
            self._select_current(self.document.current_scenario)
        finally:
            self._filling = False

    def _set_text(self, item: QListWidgetItem) -> None:
        name = item.data(NAME_ROLE)
        project = self.document.project
        text = name
        if project.has_scenario(name) and project.baseline.name == name:
            text = self.tr("{0} (baseline)").format(name)
        errors = self.live_engine.error_count(name)
        if errors:
            text += "  " + self.tr("⚠ %n error(s)", "", errors)
        item.setText(text)

    def _select_current(self, name: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(NAME_ROLE) == name:
                if self.list.currentItem() is not item:
                    was, self._filling = self._filling, True
                    self.list.setCurrentItem(item)
                    self._filling = was
                return

    def _on_current(self, item: QListWidgetItem | None, _previous) -> None:  # type: ignore[no-untyped-def]
        if item is None or self._filling:
            return
        self.document.set_scenario(item.data(NAME_ROLE))

    def _on_changed(self, change: Change) -> None:
        if change.scenarios or change.everything:
            self.fill()

    def _on_evaluated(self, name: str, _evaluation: object) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(NAME_ROLE) == name:
                self._set_text(item)
