"""The findings dock: the current scenario's findings grouped by rule, at any scale.

A 10,000-building park gives tens of thousands of findings: they are shown as a
lazy tree (:class:`FindingsModel`, a ``QAbstractItemModel``) of groups — one per
rule and severity, with the count and the floor area concerned — whose children
are the findings, the worst first (:mod:`mixplan.engine.finding_groups`). Only the
rows on screen are ever formatted. Filters narrow it by rule, severity and
building (name or id). Clicking a group selects and frames its buildings;
clicking a finding, the buildings it is about (and its storey in the inspector).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from mixplan.engine.finding_groups import (
    FindingGroup,
    findings_by_building,
    group_findings,
)
from mixplan.engine.findings import Evaluation, Finding
from mixplan.model import Building
from mixplan.report.palette import SEVERITY_COLOURS
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.common import (
    finding_message,
    format_number,
    rule_ids,
    rule_name,
    ui_lang,
)

SEVERITIES = ("error", "warning", "info")
#: The Finding of a child row, the FindingGroup of a group row.
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
#: The building ids a row is about.
BUILDINGS_ROLE = Qt.ItemDataRole.UserRole + 2
_ALL = "*"  # the data of "All rules" and "All severities" (an empty string is None)
_TOP = 0  # internal id of a group row; a finding row holds its group's row + 1
#: Findings listed under an expanded group, the worst first; a last row says how
#: many more there are. A tree lays out every child of an expanded row: a group
#: of 28,000 findings (a varied 10,000-building park) took 230 ms of CPU to
#: expand, and again after every edit while it stayed expanded.
FINDINGS_SHOWN = 1000
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_MORE_FLAGS = Qt.ItemFlag.ItemIsEnabled


def target_buildings(finding: Finding) -> list[str]:
    """The building ids a finding is about: ``"b1#2"`` (a level) counts as ``b1``."""
    ids: list[str] = []
    for target in finding.targets:
        building = target.split("#", 1)[0]
        if building and building != "site" and building not in ids:
            ids.append(building)
    return ids


class BuildingNames(Mapping[str, str]):
    """Building id -> name, read from the scenario when asked: only the
    building filter reads names, and a dict of 10,000 made after every
    evaluation cost 26-40 ms of the GUI thread."""

    def __init__(self, buildings: Mapping[str, Building]) -> None:
        self._buildings = buildings

    def __getitem__(self, building_id: str) -> str:
        return self._buildings[building_id].name

    def __iter__(self) -> Iterator[str]:
        return iter(self._buildings)

    def __len__(self) -> int:
        return len(self._buildings)


def number_text(value: float | None) -> str:
    if value is None:
        return "—"
    return format_number(value, 2 if abs(value) < 10 else 0)


class FindingsModel(QAbstractItemModel):
    """Groups of findings (top rows) and their findings (children), formatted lazily.

    ``set_findings`` takes the evaluation's findings and their groups; filters
    keep, per group, the positions that pass (computed once per filter change,
    never per paint).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.findings: Sequence[Finding] = ()
        self.groups: list[FindingGroup] = []
        self.names: Mapping[str, str] = {}
        #: positions of the findings about each building (None: made when a
        #: building filter first needs them)
        self.by_building: Mapping[str, Sequence[int]] | None = None
        self.rule_filter = ""
        self.severity_filter = ""
        self.text_filter = ""
        #: groups shown, with the positions (in ``findings``) shown in each and
        #: the floor area they concern
        self.visible: list[tuple[FindingGroup, tuple[int, ...], float]] = []
        self._lang = ui_lang()

    def set_findings(
        self,
        findings: Sequence[Finding],
        groups: list[FindingGroup],
        names: Mapping[str, str],
        by_building: Mapping[str, Sequence[int]] | None = None,
    ) -> None:
        """Show findings and their groups; ``by_building``: the positions of the
        findings about each building, when already made (the live engine's)."""
        self.beginResetModel()
        self.findings, self.groups, self.names = findings, groups, names
        self.by_building = by_building
        self._lang = ui_lang()
        self._filter()
        self.endResetModel()

    def set_filters(self, rule: str, severity: str, text: str) -> None:
        self.beginResetModel()
        self.rule_filter, self.severity_filter = rule, severity
        self.text_filter = text.strip().casefold()
        self._filter()
        self.endResetModel()

    def _text_positions(self) -> set[int]:
        """Positions of the findings about a building whose id or name holds the
        filter text: found per building, never per finding (tens of thousands
        of findings made one by one took a second at 10,000 buildings)."""
        if self.by_building is None:
            self.by_building = findings_by_building(self.findings)
        needle, names = self.text_filter, self.names
        matched: set[int] = set()
        for building, positions in self.by_building.items():
            if (
                needle in building.casefold()
                or needle in names.get(building, "").casefold()
            ):
                matched.update(positions)
        return matched

    def _filter(self) -> None:
        self.visible = []
        matched = self._text_positions() if self.text_filter else set()
        for group in self.groups:
            if self.rule_filter and group.rule != self.rule_filter:
                continue
            if self.severity_filter and group.severity != self.severity_filter:
                continue
            positions, area = group.positions, group.floor_area_m2
            if self.text_filter:
                kept = [k for k, p in enumerate(positions) if p in matched]
                if not kept:
                    continue
                positions = tuple(positions[k] for k in kept)
                # The area the shown findings concern, not the whole group's
                # (a building's one warning said "7,750,866 m² concerned").
                # Findings about the same storeys count them once.
                concerned = {
                    self.findings[positions[j]].targets: group.areas_m2[k]
                    for j, k in enumerate(kept)
                }
                area = float(sum(concerned.values()))
            self.visible.append((group, positions, area))

    # --- structure --------------------------------------------------------------

    def index(
        self,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self.visible):
                return QModelIndex()
            return self.createIndex(row, 0, _TOP)
        if parent.internalId() != _TOP:
            return QModelIndex()
        if row >= self._child_rows(parent.row()):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def _child_rows(self, group_row: int) -> int:
        """Rows under a group: its first FINDINGS_SHOWN findings, and a last row
        saying how many more when there are."""
        count = len(self.visible[group_row][1])
        return count if count <= FINDINGS_SHOWN else FINDINGS_SHOWN + 1

    @staticmethod
    def is_more_row(index: QModelIndex | QPersistentModelIndex) -> bool:
        """Whether ``index`` is a group's last row, "… and N more"."""
        return (
            index.isValid()
            and index.internalId() != _TOP
            and index.row() >= FINDINGS_SHOWN
        )

    def more_count(self, index: QModelIndex | QPersistentModelIndex) -> int:
        """How many findings the "… more" row stands for (0 on any other row)."""
        if not self.is_more_row(index):
            return 0
        return len(self.visible[index.internalId() - 1][1]) - FINDINGS_SHOWN

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()):  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(
        self,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> int:
        if not parent.isValid():
            return len(self.visible)
        if parent.internalId() == _TOP:
            return self._child_rows(parent.row())
        return 0

    def columnCount(
        self,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> int:
        return 1

    def hasChildren(
        self,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> bool:
        return self.rowCount(parent) > 0

    # --- content ----------------------------------------------------------------

    def group_of(self, index: QModelIndex) -> FindingGroup | None:
        if index.isValid() and index.internalId() == _TOP:
            return self.visible[index.row()][0]
        return None

    def finding_of(self, index: QModelIndex) -> Finding | None:
        if not index.isValid() or index.internalId() == _TOP or self.is_more_row(index):
            return None
        _group, positions, _area = self.visible[index.internalId() - 1]
        return self.findings[positions[index.row()]]

    def buildings_of(self, index: QModelIndex) -> list[str]:
        group = self.group_of(index)
        if group is not None:
            if self.text_filter:
                _g, positions, _a = self.visible[index.row()]
                ids: dict[str, None] = {}
                for p in positions:
                    ids.update(dict.fromkeys(target_buildings(self.findings[p])))
                return list(ids)
            return list(group.buildings)
        finding = self.finding_of(index)
        return [] if finding is None else target_buildings(finding)

    def group_text(self, row: int) -> str:
        group, positions, floor_area = self.visible[row]
        count = len(positions)
        words = {
            "error": self.tr("%n error(s)", "", count),
            "warning": self.tr("%n warning(s)", "", count),
            "info": self.tr("%n note(s)", "", count),
        }[group.severity]
        text = f"{group.rule} {rule_name(group.rule, self._lang)} — {words}"
        if floor_area > 0:
            area = self.tr("%1 m² concerned").replace("%1", format_number(floor_area))
            text += f" · {area}"
        return text

    def more_text(self, more: int) -> str:
        return (
            self.tr(
                "… and %1 more (the worst %2 are listed): filter by building "
                "name or id to find the others"
            )
            .replace("%1", format_number(more))
            .replace("%2", format_number(FINDINGS_SHOWN))
        )

    def finding_text(self, finding: Finding) -> str:
        return finding_message(finding, self._lang)

    def finding_details(self, finding: Finding) -> str:
        """The rule, the message, measured, limit and source (the tooltip)."""
        first = (
            f"{finding.rule} {rule_name(finding.rule, self._lang)} — "
            f"{self.finding_text(finding)}"
        )
        details = [
            self.tr("measured %1").replace("%1", number_text(finding.measured)),
            self.tr("limit %1").replace("%1", number_text(finding.limit)),
        ]
        if finding.source:
            details.append(self.tr("source: %1").replace("%1", finding.source))
        return first + "\n" + " · ".join(details)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            group = self.visible[index.row()][0]
            if role == Qt.ItemDataRole.DisplayRole:
                return self.group_text(index.row())
            if role == Qt.ItemDataRole.ToolTipRole:
                return (
                    self.group_text(index.row())
                    + "\n"
                    + self.tr("Click to select and frame its buildings")
                )
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(SEVERITY_COLOURS[group.severity]))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == FINDING_ROLE:
                return group
            return None
        finding = self.finding_of(index)
        if finding is None:
            more = self.more_count(index)
            if more and role == Qt.ItemDataRole.DisplayRole:
                return self.tr("… and %1 more").replace("%1", format_number(more))
            if more and role == Qt.ItemDataRole.ToolTipRole:
                return self.more_text(more)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.finding_text(finding)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.finding_details(finding)
        if role == FINDING_ROLE:
            return finding
        if role == BUILDINGS_ROLE:
            return target_buildings(finding)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_more_row(index):
            return _MORE_FLAGS
        return _GROUP_FLAGS


class FindingsPanel(QWidget):
    """Dock content of ``dock_findings``."""

    #: building ids the view should frame, a list (the window connects it to the
    #: site view)
    frame_requested = Signal(object)
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
        self._shown: tuple[int, int] | None = None
        #: groups a narrowing filter expanded (not the user): collapsed again
        #: when the filter goes, else thousands of rows stay laid out and are
        #: laid out again after every edit
        self._auto_expanded: set[tuple[str, str]] = set()
        self.summary = QLabel()
        self.summary.setObjectName("findings_summary")
        self.summary.setWordWrap(True)
        self.rule_box = QComboBox()
        self.rule_box.setObjectName("findings_rule_filter")
        # Its longest rule name would set the panel's (and so the window's)
        # least width: it may shrink to a few words (the list shows them whole).
        self.rule_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.rule_box.setMinimumContentsLength(16)
        self.severity_box = QComboBox()
        self.severity_box.setObjectName("findings_severity_filter")
        # Sized to its entries again when they change language, and never
        # squeezed by the rule filter beside it ("Toutes gravités" was cut after a
        # switch from English: sized once at first show, then shrunk).
        self.severity_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents
        )
        self.severity_box.setSizePolicy(
            QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed
        )
        self.search = QLineEdit()
        self.search.setObjectName("findings_search")
        self.search.setClearButtonEnabled(True)
        self.model = FindingsModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("findings_tree")
        self.tree.setHeaderHidden(True)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)  # lazy: only rows on screen measured
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.clicked.connect(self._on_clicked)
        self.tree.expanded.connect(self._on_user_expanded)
        self.tree.activated.connect(self._on_clicked)
        self.details = QLabel()
        self.details.setObjectName("findings_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.severity_box)
        filters.addWidget(self.rule_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addLayout(filters)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.details)
        # Typing in the search box filters once the user pauses.
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(200)
        self._filter_timer.timeout.connect(self._apply_filters)
        self.search.textChanged.connect(lambda _t: self._filter_timer.start())
        self.rule_box.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.severity_box.currentIndexChanged.connect(lambda _i: self._apply_filters())
        live_engine.evaluated.connect(self._on_evaluated)  # type: ignore[attr-defined]
        grouped = getattr(live_engine, "grouped", None)
        if grouped is not None:
            grouped.connect(self._on_grouped)
        document.scenario_changed.connect(lambda _name: self.refresh())
        document.project_replaced.connect(self.refresh)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Filter by building name or id"))
        self.severity_box.setToolTip(self.tr("Show one severity"))
        self.rule_box.setToolTip(self.tr("Show one rule"))
        self._fill_filters()

    def _fill_filters(self) -> None:
        severity = self.severity_box.currentData()
        rule = self.rule_box.currentData()
        for box in (self.severity_box, self.rule_box):
            box.blockSignals(True)
            box.clear()
        self.severity_box.addItem(self.tr("All severities"), _ALL)
        self.severity_box.addItem(self.tr("Errors"), "error")
        self.severity_box.addItem(self.tr("Warnings"), "warning")
        self.severity_box.addItem(self.tr("Notes"), "info")
        self.rule_box.addItem(self.tr("All rules"), _ALL)
        lang = ui_lang()
        for rule_id in rule_ids():
            self.rule_box.addItem(f"{rule_id} {rule_name(rule_id, lang)}", rule_id)
        for box, value in ((self.severity_box, severity), (self.rule_box, rule)):
            box.setCurrentIndex(max(box.findData(value or _ALL), 0))
            box.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._shown = None
            self.show_evaluation(self.evaluation)
        super().changeEvent(event)

    def _on_evaluated(self, name: str, evaluation: object) -> None:
        if name == self.document.current_scenario:
            self.show_evaluation(evaluation)  # type: ignore[arg-type]

    def _on_grouped(self, name: str, evaluation: object, _groups: object) -> None:
        if name == self.document.current_scenario:
            self.show_evaluation(evaluation)  # type: ignore[arg-type]

    def refresh(self) -> None:
        lookup = self.live_engine.evaluation  # type: ignore[attr-defined]
        self.show_evaluation(lookup(self.document.current_scenario))

    def _groups(self, evaluation: Evaluation) -> list[FindingGroup] | None:
        """The evaluation's groups: from the live engine's worker, else made here.

        Made here only when the engine has no grouping of its own (a plain engine
        in tests); the live engine groups off the GUI thread.
        """
        lookup = getattr(self.live_engine, "groups", None)
        if lookup is not None:
            return lookup(evaluation)  # type: ignore[no-any-return]
        return group_findings(evaluation.findings, self.document.scenario, rule_ids())

    def show_evaluation(self, evaluation: Evaluation | None) -> None:
        """Show an evaluation's findings; unchanged findings are not shown again."""
        self.evaluation = evaluation
        if evaluation is None:
            self.summary.setText(self.tr("Evaluating…"))
            self._shown = None
            self.model.set_findings((), [], {})
            return
        groups = self._groups(evaluation)
        if groups is None:
            if self._shown is None:
                self.summary.setText(self.tr("Evaluating…"))
            return  # the worker is grouping them; _on_grouped shows them
        key = (id(evaluation.findings), id(groups))
        if key == self._shown:
            return
        self._shown = key
        counts = dict.fromkeys(SEVERITIES, 0)
        for group in groups:
            counts[group.severity] = counts.get(group.severity, 0) + group.count
        if not evaluation.findings:
            self.summary.setText(self.tr("No findings: every rule passes."))
        else:
            self.summary.setText(
                ", ".join(
                    (
                        self.tr("%n error(s)", "", counts["error"]),
                        self.tr("%n warning(s)", "", counts["warning"]),
                        self.tr("%n note(s)", "", counts["info"]),
                    )
                )
            )
        expanded = self._expanded_groups()
        names = BuildingNames(self.document.scenario.buildings)
        index_of = getattr(self.live_engine, "findings_index", None)
        index = index_of(evaluation) if index_of is not None else None
        by_building = None if index is None else index.by_building
        self.model.set_findings(evaluation.findings, groups, names, by_building)
        self._restore_expanded(expanded)

    def _expanded_groups(self) -> set[tuple[str, str]]:
        out = set()
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            group = self.model.group_of(index)
            if group is not None and self.tree.isExpanded(index):
                out.add((group.rule, group.severity))
        return out

    def _restore_expanded(self, expanded: set[tuple[str, str]]) -> None:
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            group = self.model.group_of(index)
            if group is not None and (group.rule, group.severity) in expanded:
                self.tree.expand(index)

    def _on_user_expanded(self, index: QModelIndex) -> None:
        group = self.model.group_of(index)
        if group is not None:
            self._auto_expanded.discard((group.rule, group.severity))

    def _apply_filters(self) -> None:
        expanded = self._expanded_groups() - self._auto_expanded
        self._auto_expanded = set()
        rule, severity = self.rule_box.currentData(), self.severity_box.currentData()
        self.model.set_filters(
            "" if rule in (None, _ALL) else rule,
            "" if severity in (None, _ALL) else severity,
            self.search.text(),
        )
        self._restore_expanded(expanded)
        if self.model.text_filter or self.model.rule_filter:
            # A narrowed list is small enough to read: show its findings.
            for row in range(min(self.model.rowCount(), 5)):
                index = self.model.index(row, 0)
                group = self.model.group_of(index)
                if group is None or self.tree.isExpanded(index):
                    continue
                self.tree.expand(index)
                self._auto_expanded.add((group.rule, group.severity))

    def group_rows(self) -> list[QModelIndex]:
        """The indexes of the groups shown, in order."""
        return [self.model.index(r, 0) for r in range(self.model.rowCount())]

    def finding_rows(self) -> list[QModelIndex]:
        """The indexes of every finding shown, in display order (errors first)."""
        out = []
        for group in self.group_rows():
            out.extend(
                self.model.index(r, 0, group) for r in range(self.model.rowCount(group))
            )
        return out

    def _on_clicked(self, index: QModelIndex) -> None:
        finding = self.model.finding_of(index)
        self.details.setText(
            self.model.finding_details(finding) if finding is not None else ""
        )
        scenario = self.document.scenario.buildings
        ids = [b for b in self.model.buildings_of(index) if b in scenario]
        if not ids:
            return
        self.document.set_selection(ids)
        self.frame_requested.emit(ids)
        if finding is None:
            return
        for target in finding.targets:
            building, _, position = target.partition("#")
            if building == ids[0] and position.isdigit():
                self.level_requested.emit(building, int(position))
                break
