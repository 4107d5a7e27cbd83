"""The inspector: the selected building's name, status, levels, uses and attributes.

Every committed value is one ``document.push`` of a model command, and goes to
every selected building (the first one is shown). Editors commit once, on Enter,
on leaving them or on releasing an arrow (:mod:`.editors`). The widgets are
refreshed from ``document.changed``, so undo and redo show here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mixplan.model import NUISANCE_CLASSES, USES, Building, Level
from mixplan.model.commands import (
    AddLevel,
    DuplicateLevel,
    MoveLevel,
    RemoveLevel,
    SetBuildingAttributes,
    TakeExistingVersion,
)
from mixplan.model.errors import MixplanError
from mixplan.model.naming import building_reference
from mixplan.model.sameness import building_digest
from mixplan.model.status import building_status
from mixplan.model.uses import ACCESS_CODES, use_class
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.attributes import BuildingAttributesBox
from mixplan.ui.panels.common import format_number, ui_lang
from mixplan.ui.panels.cover_panel import CoverPanel
from mixplan.ui.panels.delegates import CommitDelegate
from mixplan.ui.panels.levels import NONE_TEXT, LevelsTableModel, access_labels
from mixplan.ui.panels.presets import PresetButton, PresetStoreys
from mixplan.ui.panels.use_mix import UseMixModel

__all__ = ["InspectorPanel", "LevelsTableModel", "UseMixModel", "building_status"]


class InspectorPanel(QWidget):
    """Dock content of ``dock_inspector``: edits the first selected building."""

    #: a refused edit with its one-line reason (for the status bar)
    edit_refused = Signal(str)

    def __init__(
        self,
        document: ProjectDocument,
        live_engine: QObject | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("inspector_panel")
        self.document = document
        self.live_engine = live_engine
        self.building_id: str | None = None
        self._name_of: tuple[str, str] | None = None

        self.levels_model = LevelsTableModel(document, self)
        self.uses_model = UseMixModel(document, self)
        self._build()
        self.retranslate()

        for model in (self.levels_model, self.uses_model):
            model.edit_refused.connect(self._show_refusal)
        document.changed.connect(self._on_changed)
        document.selection_changed.connect(lambda _ids: self._follow_selection())
        document.cover_selection_changed.connect(lambda _ids: self._follow_selection())
        document.scenario_changed.connect(lambda _name: self._follow_selection())
        document.project_replaced.connect(self._follow_selection)
        if live_engine is not None and hasattr(live_engine, "evaluated"):
            live_engine.evaluated.connect(self._on_evaluated)  # type: ignore[attr-defined]
        if live_engine is not None and hasattr(live_engine, "grouped"):
            live_engine.grouped.connect(self._on_grouped)  # type: ignore[attr-defined]
        self._follow_selection()

    # --- layout ---

    def _build(self) -> None:
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("building_name")
        self.name_edit.editingFinished.connect(self._rename)
        # Both lines wrap: a long origin id must not push the level columns off a
        # 1280 × 800 screen.
        self.status_label = QLabel()
        self.status_label.setObjectName("building_status")
        self.status_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("building_summary")
        self.summary_label.setWordWrap(True)
        self.preset_storeys = PresetStoreys()
        self.preset_button = PresetButton(self.document, self.preset_storeys)
        self.preset_button.edit_refused.connect(self._show_refusal)
        self.message_label = QLabel()
        self.message_label.setObjectName("inspector_message")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b42318;")
        self.message_label.hide()

        # A scenario's changed building: back to the existing state's current
        # version in one undo step (DESIGN §14).
        self.take_existing_button = QPushButton()
        self.take_existing_button.setObjectName("take_existing_version")
        self.take_existing_button.clicked.connect(self._take_existing)
        self.take_existing_button.hide()

        header = QVBoxLayout()
        header.setSpacing(0)
        header.addWidget(self.status_label)
        header.addWidget(self.summary_label)
        header.addWidget(self.take_existing_button)

        self.levels_view = QTableView()
        self.levels_view.setObjectName("levels_table")
        self.levels_view.setModel(self.levels_model)
        self.levels_view.setSelectionBehavior(
            QAbstractItemView.SelectionBehavior.SelectRows
        )
        self.levels_view.setSelectionMode(
            QAbstractItemView.SelectionMode.SingleSelection
        )
        # As in a spreadsheet: typing on a cell replaces its value, F2 or a double
        # click edits it. (No edit on a click of the selected row: its delayed
        # editor would swallow what is typed right after the click.)
        self.levels_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.levels_view.verticalHeader().hide()
        self.levels_view.setAlternatingRowColors(True)
        levels_header = self.levels_view.horizontalHeader()
        levels_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        levels_header.setSectionResizeMode(
            LevelsTableModel.USES, QHeaderView.ResizeMode.Stretch
        )
        self.levels_delegate = CommitDelegate(
            {
                LevelsTableModel.HEIGHT: (0.5, 30.0, 0.1, 2, ""),
                LevelsTableModel.LOAD: (0.0, 100.0, 0.5, 1, NONE_TEXT),
            },
            {
                LevelsTableModel.ACCESS: self._access_choices,
                LevelsTableModel.NUISANCE: self._nuisance_choices,
            },
            self.document.undo_stack,
            self,
        )
        self.levels_view.setItemDelegate(self.levels_delegate)
        self.levels_view.installEventFilter(self)
        # The footprint area is in the header line and the storey's tooltip; the
        # column stays in the model (and the report), hidden to leave room for uses.
        self.levels_view.setColumnHidden(LevelsTableModel.AREA, True)
        self.levels_view.selectionModel().currentRowChanged.connect(
            lambda _cur, _prev: self._level_selected()
        )
        self.levels_model.modelReset.connect(self._after_reset)
        self._last_position = 0

        self.level_buttons: dict[str, QToolButton] = {}
        level_bar = QHBoxLayout()
        for key, slot in (
            ("add", self._add_level),
            ("duplicate", self._duplicate_level),
            ("remove", self._remove_level),
            ("up", self._move_up),
            ("down", self._move_down),
        ):
            button = QToolButton()
            button.setObjectName(f"level_{key}")
            button.clicked.connect(slot)
            self.level_buttons[key] = button
            level_bar.addWidget(button)
        level_bar.addStretch(1)
        # The presets on a row of their own: one row of every button is wider
        # than the dock on a 1280 × 800 screen, and would push the level columns
        # out of sight.
        preset_bar = QHBoxLayout()
        preset_bar.addWidget(self.preset_button)
        preset_bar.addWidget(self.preset_storeys)
        preset_bar.addStretch(1)

        self.uses_view = QTableView()
        self.uses_view.setObjectName("uses_table")
        self.uses_view.setModel(self.uses_model)
        self.uses_view.verticalHeader().hide()
        self.uses_view.setSelectionBehavior(
            QAbstractItemView.SelectionBehavior.SelectRows
        )
        self.uses_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.uses_view.setEditTriggers(self.levels_view.editTriggers())
        uses_header = self.uses_view.horizontalHeader()
        uses_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        uses_header.setSectionResizeMode(
            UseMixModel.USE, QHeaderView.ResizeMode.Stretch
        )
        self.uses_delegate = CommitDelegate(
            {UseMixModel.SHARE: (0.1, 99.9, 5.0, 1, "")},
            {
                UseMixModel.USE: self._use_choices,
                UseMixModel.NUISANCE: self._nuisance_choices,
            },
            self.document.undo_stack,
            self,
        )
        self.uses_view.setItemDelegate(self.uses_delegate)
        self.uses_view.installEventFilter(self)
        self.uses_view.setMaximumHeight(110)
        self.add_use_button = QToolButton()
        self.add_use_button.setObjectName("use_add")
        self.add_use_button.clicked.connect(self.uses_model.add_use)
        self.remove_use_button = QToolButton()
        self.remove_use_button.setObjectName("use_remove")
        self.remove_use_button.clicked.connect(self._remove_use)
        uses_bar = QHBoxLayout()
        uses_bar.addWidget(self.add_use_button)
        uses_bar.addWidget(self.remove_use_button)
        uses_bar.addStretch(1)
        self.uses_group = QGroupBox()
        uses_layout = QVBoxLayout(self.uses_group)
        uses_layout.addWidget(self.uses_view)
        uses_layout.addLayout(uses_bar)

        self.attributes_group = BuildingAttributesBox(self.document)
        self.attributes_group.edit_refused.connect(self._show_refusal)
        # The editors, by name, for the window's automation and the tests.
        self.freight_lift = self.attributes_group.freight_lift
        self.loading_bays = self.attributes_group.loading_bays
        self.parking_spaces = self.attributes_group.parking_spaces
        self.ramp = self.attributes_group.ramp
        self.shared = self.attributes_group.shared
        self.common_parts = self.attributes_group.common_parts
        self.roof = self.attributes_group.roof

        editor = QWidget()
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.name_edit)
        layout.addLayout(header)
        layout.addLayout(level_bar)
        layout.addLayout(preset_bar)
        layout.addWidget(self.message_label)
        layout.addWidget(self.levels_view, 2)
        layout.addWidget(self.uses_group)
        layout.addWidget(self.attributes_group)
        # Enough room for six storeys; a short dock scrolls rather than squeezing
        # the levels table to a row or two.
        self.levels_view.setMinimumHeight(190)
        self.uses_view.setMinimumHeight(80)
        scroll = QScrollArea()
        scroll.setObjectName("inspector_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(editor)

        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(scroll)
        # A selected ground cover (and no building): what it is in the scenario.
        self.cover_panel = CoverPanel(self.document)
        self.cover_panel.edit_refused.connect(self.edit_refused)
        self.stack.addWidget(self.cover_panel)
        self.setMinimumWidth(340)

    def sizeHint(self) -> QSize:
        # Tall enough for the levels table, the use mix and the attributes.
        return QSize(380, 680)

    def retranslate(self) -> None:
        self.empty_label.setText(
            self.tr("Select a building to see and edit its levels.")
        )
        self.name_edit.setPlaceholderText(self.tr("Building name"))
        texts = {
            "add": (
                self.tr("Add"),
                self.tr("Add an unassigned level above the selected one"),
            ),
            "duplicate": (
                self.tr("Duplicate"),
                self.tr("Copy the selected level just above it"),
            ),
            "remove": (self.tr("Remove"), self.tr("Remove the selected level")),
            "up": ("▲", self.tr("Move the selected level up one storey")),
            "down": ("▼", self.tr("Move the selected level down one storey")),
        }
        for key, (text, tip) in texts.items():
            self.level_buttons[key].setText(text)
            self.level_buttons[key].setToolTip(tip)
        self.uses_group.setTitle(self.tr("Uses of the selected level"))
        self.take_existing_button.setText(self.tr("Take the existing version"))
        self.take_existing_button.setToolTip(
            self.tr(
                "Replace this building by the existing state's current version "
                "(one undo step)"
            )
        )
        self.add_use_button.setText(self.tr("Add use"))
        self.remove_use_button.setText(self.tr("Remove use"))
        self.attributes_group.retranslate()
        self.preset_button.retranslate()
        self.preset_storeys.retranslate()
        self.cover_panel.retranslate()
        self._refresh_header()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Delete in the levels or uses table removes a level or a use: claim the
        # key before the window's Delete shortcut (which removes buildings) sees it.
        if watched in (self.levels_view, self.uses_view) and event.type() in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not (
                self.levels_view.state() == QAbstractItemView.State.EditingState
                or self.uses_view.state() == QAbstractItemView.State.EditingState
            ):
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    if watched is self.levels_view:
                        if self.level_buttons["remove"].isEnabled():
                            self._remove_level()
                    elif self.remove_use_button.isEnabled():
                        self._remove_use()
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.levels_model.retranslate()
            self.uses_model.retranslate()
        super().changeEvent(event)

    # --- choices for the delegates ---

    def _access_choices(self, _index) -> list[tuple[str | None, str]]:  # type: ignore[no-untyped-def]
        labels = access_labels()
        return [(None, NONE_TEXT)] + [(code, labels[code]) for code in ACCESS_CODES]

    def _nuisance_choices(self, _index) -> list[tuple[str | None, str]]:  # type: ignore[no-untyped-def]
        return [(None, NONE_TEXT)] + [(code, code) for code in NUISANCE_CLASSES]

    def _use_choices(self, index) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
        lang = ui_lang()
        taken = {a.use for a in self.uses_model.allocations()}
        current = index.data(Qt.ItemDataRole.EditRole)
        return [
            (code, use_class(code).label(lang))
            for code in USES
            if code == current or code not in taken
        ]

    # --- following the document ---

    @property
    def building(self) -> Building | None:
        if self.building_id is None:
            return None
        return self.document.scenario.buildings.get(self.building_id)

    def _follow_selection(self) -> None:
        selection = self.document.selection
        building_id = selection[0] if selection else None
        if building_id != self.building_id:
            # A name being typed belongs to the building it was typed for.
            if self.name_edit.hasFocus():
                self._rename()
            self.message_label.hide()
            new = self.document.scenario.buildings.get(building_id or "")
            # Start on the ground floor, above any basements.
            self._last_position = new.basements if new is not None else 0
        self.building_id = building_id
        self.levels_model.set_building(building_id)
        self._show_level_findings()
        self.preset_button.set_building(building_id)
        self.cover_panel.refresh()
        cover = self.cover_panel.cover_id is not None
        self.stack.setCurrentIndex(1 if building_id is not None else 2 if cover else 0)
        self._refresh_attributes()
        self._level_selected()
        if (
            building_id is not None
            and self.levels_model.rowCount()
            and not self.levels_view.currentIndex().isValid()
        ):
            self._select_position(self._last_position)

    def _on_evaluated(self, name: str, evaluation: object) -> None:
        if name == self.document.current_scenario:
            self._mark_levels(evaluation)

    def _mark_levels(self, evaluation: object) -> None:
        findings = self._building_findings(evaluation)
        if findings is not None:
            self.levels_model.set_findings(findings)

    def _building_findings(self, evaluation: object) -> list | None:  # type: ignore[type-arg]
        """The findings about the building shown: looked up in the live engine's
        index of them; None while a large evaluation waits for its index (the
        ``grouped`` signal brings it: scanning every finding here would stall)."""
        findings = getattr(evaluation, "findings", None) or []
        if self.building_id is None:
            return []
        lookup = getattr(self.live_engine, "findings_index", None)
        index = lookup(evaluation) if lookup is not None else None
        if index is None:
            return findings if len(findings) < 2000 else None  # type: ignore[no-any-return]
        return [findings[p] for p in index.by_building.get(self.building_id, [])]

    def _on_grouped(self, name: str, evaluation: object, _groups: object) -> None:
        if name == self.document.current_scenario:
            self._mark_levels(evaluation)

    def _show_level_findings(self) -> None:
        lookup = getattr(self.live_engine, "evaluation", None)
        evaluation = lookup(self.document.current_scenario) if lookup else None
        self._mark_levels(evaluation)

    def _on_changed(self, change) -> None:  # type: ignore[no-untyped-def]
        if self.building_id is None:
            if change.cover or change.everything or change.scenarios:
                self._follow_selection()
            return
        if self.building is None:
            self._follow_selection()
            return
        if (
            change.everything
            or change.scenarios
            or self.building_id in change.buildings
        ):
            self._refresh_attributes()
            self._update_buttons()

    def _refresh_attributes(self) -> None:
        building = self.building
        # A name is one building's: with several selected (whose other edits
        # go to all of them) the field shows the first's and is read-only.
        several = len(self.document.selection) > 1
        self.name_edit.setReadOnly(several)
        self.name_edit.setToolTip(
            self.tr("Select one building to rename it") if several else ""
        )
        if building is not None:
            # Keep what the user is typing, unless the edit now shows another
            # building (then its name, and the rename goes to the right one).
            shown = (self.document.current_scenario, building.id)
            if not self.name_edit.hasFocus() or self._name_of != shown:
                self.name_edit.blockSignals(True)
                self.name_edit.setText(building.name)
                # (setText leaves the cursor at the end: a long name showed
                # only its last words)
                self.name_edit.setCursorPosition(0)
                self.name_edit.blockSignals(False)
                self._name_of = shown
        self.attributes_group.set_building(self.building_id)
        self._refresh_header()
        self._update_buttons()

    def _refresh_header(self) -> None:
        building = self.building
        if building is None:
            self.status_label.setText("")
            self.summary_label.setText("")
            self.take_existing_button.hide()
            return
        scenario = self.document.scenario
        baseline = self.document.project.baseline
        changed_from = scenario.changed_from.get(building.id)
        origin = baseline.buildings.get(building.origin or "")
        self.take_existing_button.setVisible(
            scenario is not baseline and changed_from is not None and origin is not None
        )
        status = building_status(
            self.document.project, self.document.current_scenario, building
        )
        texts = {
            "existing": self.tr("Existing building"),
            "new": self.tr("New building"),
            "kept": self.tr("Kept as existing"),
            "raised": self.tr("Raised"),
            "converted": self.tr("Converted"),
            "raised_converted": self.tr("Raised and converted"),
            "modified": self.tr("Modified"),
        }
        text = texts[status]
        if building.origin and status != "new":
            # Named as findings name it: the name the user knows, with its id.
            origin = self.document.project.baseline.buildings.get(building.origin)
            origin_name = origin.name if origin is not None else ""
            named = building_reference(building.origin, origin_name, ui_lang())
            text = self.tr("%1 (from %2)").replace("%1", text).replace("%2", named)
            self.status_label.setToolTip(building.origin)
        count = len(self.document.selection)
        if count > 1:
            text = (
                self.tr("%1 — %2 selected: edits go to all of them")
                .replace("%1", text)
                .replace("%2", format_number(count))
            )
        if (
            changed_from is not None
            and origin is not None
            and building_digest(origin) != changed_from
        ):
            text += "\n" + self.tr(
                "The existing state was edited after this change (U02)"
            )
        self.status_label.setText(text)
        area = sum(building.level_area(lv) for lv in building.levels)
        self.summary_label.setText(
            self.tr("%1 · %2 m · %3 m² floor area")
            .replace("%1", building.storeys_label)
            .replace("%2", format_number(building.height_m, 1))
            .replace("%3", format_number(area))
        )

    # --- levels ---

    def show_level(self, building_id: str, position: int) -> None:
        """Select a storey of the building shown (a finding about it was clicked)."""
        if building_id == self.building_id:
            self._select_position(position)

    def selected_position(self) -> int | None:
        index = self.levels_view.currentIndex()
        if not index.isValid():
            return None
        return self.levels_model.position(index.row())

    def _select_position(self, position: int) -> None:
        rows = self.levels_model.rowCount()
        if not rows:
            return
        row = min(max(self.levels_model.row_of(position), 0), rows - 1)
        index = self.levels_model.index(row, LevelsTableModel.USES)
        self.levels_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _after_reset(self) -> None:
        # A reset (levels added, removed, undone) drops the current row: keep the
        # storey the user was on, or the nearest one.
        if self.levels_model.rowCount():
            self._select_position(self._last_position)
        self._level_selected()

    def _level_selected(self) -> None:
        position = self.selected_position()
        if position is not None:
            self._last_position = position
        self.uses_model.set_level(self.building_id, position)
        self._update_buttons()

    def _update_buttons(self) -> None:
        building = self.building
        position = self.selected_position()
        count = len(building.levels) if building else 0
        has = building is not None and position is not None
        self.level_buttons["add"].setEnabled(building is not None)
        self.level_buttons["duplicate"].setEnabled(has)
        self.level_buttons["remove"].setEnabled(has and count > 1)
        self.level_buttons["up"].setEnabled(has and position < count - 1)  # type: ignore[operator]
        self.level_buttons["down"].setEnabled(has and position > 0)  # type: ignore[operator]
        uses = self.uses_model.rowCount()
        self.add_use_button.setEnabled(has and 0 < uses < len(USES) - 1)
        self.remove_use_button.setEnabled(has and uses > 1)

    def _push(self, command, select: int | None = None) -> bool:  # type: ignore[no-untyped-def]
        try:
            self.document.push(command)
        except MixplanError as exc:
            self._show_refusal(str(exc))
            return False
        self.message_label.hide()
        if select is not None:
            self._select_position(select)
        return True

    def _take_existing(self) -> None:
        if self.building_id is not None:
            self._push(
                TakeExistingVersion(self.document.current_scenario, self.building_id)
            )

    def _show_refusal(self, message: str) -> None:
        self.message_label.setText(message)
        self.message_label.show()
        self.edit_refused.emit(message)

    def _add_level(self) -> None:
        building = self.building
        if building is None:
            return
        position = self.selected_position()
        target = len(building.levels) if position is None else position + 1
        command = AddLevel(
            self.document.current_scenario,
            building.id,
            Level.of(3.0, "unassigned"),
            target,
        )
        command.label = self.tr("Add level")
        self._push(command, target)

    def _duplicate_level(self) -> None:
        position = self.selected_position()
        if self.building is None or position is None:
            return
        command = DuplicateLevel(
            self.document.current_scenario, self.building.id, position
        )
        command.label = self.tr("Duplicate level")
        self._push(command, position + 1)

    def _remove_level(self) -> None:
        position = self.selected_position()
        if self.building is None or position is None:
            return
        command = RemoveLevel(
            self.document.current_scenario, self.building.id, position
        )
        command.label = self.tr("Remove level")
        self._push(command, max(position - 1, 0))

    def _move(self, step: int) -> None:
        position = self.selected_position()
        building = self.building
        if building is None or position is None:
            return
        target = position + step
        if not 0 <= target < len(building.levels):
            return
        command = MoveLevel(
            self.document.current_scenario, building.id, position, target
        )
        command.label = self.tr("Move level")
        self._push(command, target)

    def _move_up(self) -> None:
        self._move(+1)

    def _move_down(self) -> None:
        self._move(-1)

    def _remove_use(self) -> None:
        index = self.uses_view.currentIndex()
        self.uses_model.remove_use(
            index.row() if index.isValid() else self.uses_model.rowCount() - 1
        )

    # --- building attributes ---

    def _rename(self) -> None:
        if self._name_of is None or self.name_edit.isReadOnly():
            return
        scenario, building_id = self._name_of
        if not self.document.project.has_scenario(scenario):
            return
        building = self.document.project.scenario(scenario).buildings.get(building_id)
        name = self.name_edit.text().strip()
        if building is None or name == building.name:
            return
        command = SetBuildingAttributes(scenario, building_id, name=name)
        command.label = self.tr("Rename building")
        self._push(command)
