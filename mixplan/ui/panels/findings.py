"""The findings dock: the rules' findings on the current scenario, by severity.

Clicking a finding selects the buildings it is about (``document.set_selection``)
and emits ``frame_requested`` with their ids so the window can frame them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mixplan.engine.findings import Evaluation, Finding
from mixplan.report.palette import SEVERITY_COLOURS
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.common import format_number, rule_name, ui_lang

SEVERITIES = ("error", "warning", "info")
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def target_buildings(finding: Finding) -> list[str]:
    """The building ids a finding is about: ``"b1#2"`` (a level) counts as ``b1``."""
    ids: list[str] = []
    for target in finding.targets:
        building = target.split("#", 1)[0]
        if building and building != "site" and building not in ids:
            ids.append(building)
    return ids


def number_text(value: float | None) -> str:
    if value is None:
        return "—"
    return format_number(value, 2 if abs(value) < 10 else 0)


class _WrappingDelegate(QStyledItemDelegate):
    """Row heights for word-wrapped text at the tree's current width.

    QStyledItemDelegate sizes a row without knowing its column width, so long
    findings would be elided; here the height is measured at the real width.
    """

    def __init__(self, tree: QTreeWidget):
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        width = self.tree.viewport().width() - self.tree.indentation() * (depth + 1) - 8
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        metrics = QFontMetrics(font)
        rect = metrics.boundingRect(
            QRect(0, 0, max(width, 80), 100000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(max(width, 80), rect.height() + 6)


class FindingsPanel(QWidget):
    """Dock content of ``dock_findings``."""

    #: building ids the view should frame (the window connects it to the site view)
    frame_requested = Signal(list)
    #: a finding about one storey: (building id, level position), for the inspector
    level_requested = Signal(str, int)

    def __init__(
        self,
        document: ProjectDocument,
        live_engine: QObject,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("findings_panel")
        self.document = document
        self.live_engine = live_engine
        self.evaluation: Evaluation | None = None
        self.summary = QLabel()
        self.summary.setObjectName("findings_summary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("findings_tree")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setRootIsDecorated(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.itemClicked.connect(self._on_item_clicked)
        self.tree.itemActivated.connect(self._on_item_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        live_engine.evaluated.connect(self._on_evaluated)  # type: ignore[attr-defined]
        document.scenario_changed.connect(lambda _name: self.refresh())
        document.project_replaced.connect(self.refresh)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.tree.doItemsLayout()  # wrapped rows change height with the width

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.show_evaluation(self.evaluation)
        super().changeEvent(event)

    def _on_evaluated(self, name: str, evaluation: object) -> None:
        if name == self.document.current_scenario:
            self.show_evaluation(evaluation)  # type: ignore[arg-type]

    def refresh(self) -> None:
        lookup = self.live_engine.evaluation  # type: ignore[attr-defined]
        self.show_evaluation(lookup(self.document.current_scenario))

    def severity_title(self, severity: str, count: int) -> str:
        titles = {
            "error": self.tr("Errors (%1)"),
            "warning": self.tr("Warnings (%1)"),
            "info": self.tr("Information (%1)"),
        }
        return titles[severity].replace("%1", str(count))

    def finding_text(self, finding: Finding) -> str:
        """Two lines: the rule and the message; measured, limit and source."""
        message = finding.message
        if ui_lang() == "fr":
            message = getattr(finding, "message_fr", "") or message
        first = f"{finding.rule} {rule_name(finding.rule)} — {message}"
        details = [
            self.tr("measured %1").replace("%1", number_text(finding.measured)),
            self.tr("limit %1").replace("%1", number_text(finding.limit)),
        ]
        if finding.source:
            details.append(self.tr("source: %1").replace("%1", finding.source))
        return first + "\n" + " · ".join(details)

    def show_evaluation(self, evaluation: Evaluation | None) -> None:
        self.evaluation = evaluation
        collapsed = {
            self.tree.topLevelItem(i).data(0, FINDING_ROLE)
            for i in range(self.tree.topLevelItemCount())
            if not self.tree.topLevelItem(i).isExpanded()
        }
        self.tree.clear()
        if evaluation is None:
            self.summary.setText(self.tr("Evaluating…"))
            return
        groups = {
            s: [f for f in evaluation.findings if f.severity == s] for s in SEVERITIES
        }
        counts = {s: len(items) for s, items in groups.items()}
        if not evaluation.findings:
            self.summary.setText(self.tr("No findings: every rule passes."))
        else:
            self.summary.setText(
                ", ".join((
                    self.tr("%n error(s)", "", counts["error"]),
                    self.tr("%n warning(s)", "", counts["warning"]),
                    self.tr("%n note(s)", "", counts["info"]),
                ))
            )
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for severity in SEVERITIES:
            findings = groups[severity]
            if not findings:
                continue
            group = QTreeWidgetItem([self.severity_title(severity, len(findings))])
            group.setData(0, FINDING_ROLE, severity)
            group.setFont(0, bold)
            group.setForeground(0, QBrush(QColor(SEVERITY_COLOURS[severity])))
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for finding in findings:
                item = QTreeWidgetItem([self.finding_text(finding)])
                item.setData(0, FINDING_ROLE, finding)
                item.setToolTip(0, self.finding_text(finding))
                group.addChild(item)
            group.setExpanded(severity not in collapsed)

    def items(self) -> list[QTreeWidgetItem]:
        """Every finding item, in display order (errors first)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            out.extend(group.child(j) for j in range(group.childCount()))
        return out

    def _on_item_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, FINDING_ROLE)
        if not isinstance(finding, Finding):
            return
        ids = [
            b
            for b in target_buildings(finding)
            if b in self.document.scenario.buildings
        ]
        if not ids:
            return
        self.document.set_selection(ids)
        self.frame_requested.emit(ids)
        for target in finding.targets:
            building, _, position = target.partition("#")
            if building == ids[0] and position.isdigit():
                self.level_requested.emit(building, int(position))
                break
