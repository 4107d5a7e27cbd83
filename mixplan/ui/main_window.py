"""MainWindow: the site plan in the middle, panels in docks, menus and status bar.

Object names follow DESIGN §12 (the window, ``site_view``, the docks and the
actions) so automation and accessibility tools can find them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from mixplan.engine.findings import Evaluation
from mixplan.model import COVER_TYPES, Project
from mixplan.ui import edit_ops
from mixplan.ui.autosave import Autosaver
from mixplan.ui.document import ProjectDocument
from mixplan.ui.errors import show_error
from mixplan.ui.file_ops import FileOperations
from mixplan.ui.help import install_help, retranslate_help
from mixplan.ui.history import HistoryDock
from mixplan.ui.i18n import (
    cover_labels,
    current_language,
    install_language,
    not_repainted_on_language_change,
)
from mixplan.ui.live_engine import LiveEngine
from mixplan.ui.panel_docks import (
    COMPARE,
    MASSING,
    add_panel_docks,
    load_panel,
    panel_of,
    tabify_panel_docks,
    wire_panels,
)
from mixplan.ui.panels.common import format_number
from mixplan.ui.panels.editors import CommitSpinBox
from mixplan.ui.panels.layers import ContextLayerActions
from mixplan.ui.project_settings import show_project_settings
from mixplan.ui.rulebook_dialog import show_rulebook
from mixplan.ui.scenarios_dock import ScenariosDock
from mixplan.ui.settings import Settings
from mixplan.ui.site_view import SiteView
from mixplan.ui.status_bar import StatusReadouts
from mixplan.ui.typology_library import install_typologies, retranslate_typologies
from mixplan.ui.window_actions import (
    TOOL_ACTIONS,
    Menus,
    create_actions,
    create_toolbars,
    icon,
    retranslate_actions,
)

log = logging.getLogger(__name__)


class MainWindow(FileOperations, QMainWindow):
    def __init__(
        self, project_path: Path | None = None, project: Project | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        #: the language the window's own texts were last set in (retranslate_ui)
        self._texts_language = ""
        self.settings = Settings()
        self.document = ProjectDocument(project or Project.new("Untitled"), None, self)
        self.live_engine = LiveEngine(self.document, self)
        self.autosaver = Autosaver(self.document, self)
        self.autosaver.failed.connect(
            lambda message: self.statusBar().showMessage(
                self.tr("Autosave failed: {0}").format(message), 8000
            )
        )

        self.site_view = SiteView(self.document, self)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("central_stack")
        self.stack.addWidget(self.site_view)
        self.massing_view = load_panel(self, *MASSING)
        if self.massing_view is not None:
            self.massing_view.setObjectName(
                self.massing_view.objectName() or "massing_view"
            )
            self.stack.addWidget(self.massing_view)
        self.setCentralWidget(self.stack)
        # The plan draws no translated text: a language change leaves it as it is.
        not_repainted_on_language_change(
            self, self.stack, self.site_view, self.site_view.viewport()
        )

        self.actions_ = create_actions(self)
        # Own actions rather than QUndoStack.createUndoAction: its "Undo %1"
        # template is fixed in the language of the moment it was made.
        stack = self.document.undo_stack
        self.undo_action = QAction(self)
        self.undo_action.setObjectName("action_undo")
        self.undo_action.setIcon(icon("undo"))
        self.undo_action.triggered.connect(self.document.undo)
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = QAction(self)
        self.redo_action.setObjectName("action_redo")
        self.redo_action.setIcon(icon("redo"))
        self.redo_action.triggered.connect(self.document.redo)
        for signal in (
            stack.undoTextChanged,
            stack.redoTextChanged,
            stack.canUndoChanged,
            stack.canRedoChanged,
        ):
            signal.connect(self._update_undo_actions)
        self.document.edits_held_changed.connect(self._update_undo_actions)
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Y") not in redo_keys:
            redo_keys.append(QKeySequence("Ctrl+Y"))
        self.redo_action.setShortcuts(redo_keys)
        self.addActions(
            list(self.actions_.values()) + [self.undo_action, self.redo_action]
        )
        self.menus = Menus(self, self.actions_, self.undo_action, self.redo_action)
        self.toolbars = create_toolbars(
            self, self.actions_, self.undo_action, self.redo_action
        )
        self.cover_type = QComboBox(self)
        self.cover_type.setObjectName("cover_type")
        for code in COVER_TYPES:
            self.cover_type.addItem(code, code)
        self._showing_cover_type = False
        self.cover_type.currentIndexChanged.connect(
            lambda _i: self._set_cover_type(self.cover_type.currentData())
        )
        self.toolbars[1].insertWidget(
            self.actions_["action_edit_site"], self.cover_type
        )
        # The car spaces of the selected surface car parks ("—": not stated, the
        # engine estimates them from the area).
        self.cover_spaces = CommitSpinBox(
            self, unstated_text="—", undo_stack=self.document.undo_stack
        )
        self.cover_spaces.setObjectName("cover_spaces")
        self.cover_spaces.setRange(0, 100_000)
        self.cover_spaces.setEnabled(False)
        self.cover_spaces.committed.connect(
            lambda spaces: edit_ops.set_cover_spaces(self, spaces or 0)
        )
        self.toolbars[1].insertWidget(
            self.actions_["action_edit_site"], self.cover_spaces
        )

        self.scenarios_dock = ScenariosDock(
            self.document,
            self.live_engine,
            [
                self.actions_[n]
                for n in (
                    "action_scenario_new",
                    "action_scenario_duplicate",
                    "action_scenario_rename",
                    "action_scenario_delete",
                )
            ],
            self,
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.scenarios_dock)
        self.history_dock = HistoryDock(self.document, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.history_dock)
        self.compare_view: QWidget | None = None
        self.panel_docks: dict[str, QDockWidget] = {}
        self.panel_docks = add_panel_docks(self)
        self.status = StatusReadouts(self.statusBar())
        self.context_actions = ContextLayerActions(self)
        install_help(self)
        install_typologies(self)
        wire_panels(self)
        self._connect()
        self.retranslate_ui()
        self._restore_layout()
        self._update_title()
        self._update_scenario_actions()
        if project_path is not None:
            self.open_path(Path(project_path), ask_to_save=False)

    def _connect(self) -> None:
        a = self.actions_
        a["action_new"].triggered.connect(self.new_project)
        a["action_open"].triggered.connect(self.open_dialog)
        a["action_save"].triggered.connect(self.save)
        a["action_save_as"].triggered.connect(self.save_as)
        a["action_import"].triggered.connect(lambda: self.import_file())
        a["action_export"].triggered.connect(self.export_scenario)
        a["action_export_report"].triggered.connect(self.export_report)
        a["action_attribute_table"].triggered.connect(self.show_attribute_table)
        a["action_rules"].triggered.connect(lambda: show_rulebook(self))
        a["action_project_settings"].triggered.connect(
            lambda: show_project_settings(self)
        )
        a["action_keep_backup"].setChecked(self.settings.keep_backup())
        a["action_keep_backup"].toggled.connect(self.settings.set_keep_backup)
        a["action_quit"].triggered.connect(self.close)
        a["action_delete"].triggered.connect(lambda: edit_ops.delete_selection(self))
        a["action_duplicate"].triggered.connect(
            lambda: edit_ops.duplicate_selection(self)
        )
        a["action_select_all"].triggered.connect(self.select_all)
        a["action_restore_building"].triggered.connect(
            lambda: edit_ops.restore_removed(self)
        )
        a["action_restore_cover"].triggered.connect(
            lambda: edit_ops.restore_removed_cover(self)
        )
        a["action_zoom_site"].triggered.connect(self.site_view.zoom_to_site)
        a["action_zoom_selection"].triggered.connect(self.site_view.zoom_to_selection)
        a["action_plan_view"].triggered.connect(lambda: self.show_view("plan"))
        a["action_massing_view"].triggered.connect(lambda: self.show_view("massing"))
        a["action_massing_view"].setEnabled(self.massing_view is not None)
        a["action_show_baseline"].toggled.connect(
            self.site_view.site_scene.set_show_baseline
        )
        a["action_show_legend"].toggled.connect(self.site_view.legend.setVisible)
        a["action_show_labels"].toggled.connect(
            self.site_view.site_scene.set_show_labels
        )
        a["action_snap_vertices"].toggled.connect(self._set_snapping)
        a["action_snap_grid"].toggled.connect(self._set_snapping)
        for name, tool in TOOL_ACTIONS.items():
            a[name].triggered.connect(lambda _=False, t=tool: self.set_tool(t))
        a["action_scenario_new"].triggered.connect(
            lambda: edit_ops.new_scenario(self, from_current=False)
        )
        a["action_scenario_duplicate"].triggered.connect(
            lambda: edit_ops.new_scenario(self, from_current=True)
        )
        a["action_scenario_rename"].triggered.connect(
            lambda: edit_ops.rename_scenario(self)
        )
        a["action_scenario_delete"].triggered.connect(
            lambda: edit_ops.delete_scenario(self)
        )
        a["action_compare"].triggered.connect(self.show_compare)
        a["action_suggest"].triggered.connect(self.show_suggest)
        a["action_about"].triggered.connect(lambda: edit_ops.show_about(self))
        a["action_rule_sources"].triggered.connect(
            lambda: edit_ops.show_rule_sources(self)
        )
        a["action_lang_fr"].triggered.connect(lambda: self.set_language("fr"))
        a["action_lang_en"].triggered.connect(lambda: self.set_language("en"))
        a["action_lang_" + current_language()].setChecked(True)
        self.menus.recent.aboutToShow.connect(self._fill_recent)

        document = self.document
        document.modified_changed.connect(lambda _m: self._update_title())
        document.path_changed.connect(lambda _p: self._update_title())
        document.project_replaced.connect(self._on_project_replaced)
        document.scenario_changed.connect(self._on_scenario_changed)
        document.selection_changed.connect(self._update_selection_actions)
        document.cover_selection_changed.connect(self._on_cover_selection)
        document.changed.connect(self._on_changed_covers)
        document.project_replaced.connect(self._cover_spaces_tooltip)
        document.changed.connect(lambda _c: self._update_title())
        self.live_engine.gui_busy = self._drawing
        self.site_view.heavy_turn = self.live_engine.in_heavy_turn
        self.site_view.site_scene.slicing.connect(
            lambda slicing: self.live_engine.gui_turn() if slicing else None
        )
        self.live_engine.evaluated.connect(self._on_evaluated)
        self.live_engine.grouped.connect(self._on_grouped)
        self.live_engine.failed.connect(
            lambda name, message: self.statusBar().showMessage(
                self.tr("The rules could not be checked: {0}").format(message), 8000
            )
        )
        view = self.site_view
        view.cursor_moved.connect(
            lambda x, y: self.status.show_cursor(x, y, self.document.project.crs)
        )
        view.zoomed.connect(lambda ppm: self.status.show_scale(ppm, self.logicalDpiX()))
        view.tool_status.connect(self.status.tool.setText)
        view.tool_changed.connect(self._on_tool_changed)
        self._update_selection_actions(document.selection)

    def retranslate_ui(self) -> None:
        self._texts_language = current_language()
        retranslate_actions(self.actions_)
        self._update_undo_actions()
        self.menus.retranslate()
        self.toolbars[0].setWindowTitle(self.tr("File"))
        self.toolbars[1].setWindowTitle(self.tr("Tools"))
        self.toolbars[2].setWindowTitle(self.tr("View"))
        self.scenarios_dock.setWindowTitle(self.tr("Scenarios"))
        self.history_dock.setWindowTitle(self.tr("History"))
        self.history_dock.view.setEmptyLabel(self.tr("<opened>"))
        titles = {
            "dock_inspector": self.tr("Inspector"),
            "dock_indicators": self.tr("Indicators"),
            "dock_findings": self.tr("Findings"),
            "dock_balance": self.tr("Financial balance"),
            "dock_attribute_table": self.tr("Attribute table"),
            "dock_phasing": self.tr("Phasing"),
        }
        self.menus.panels.clear()
        self.context_actions.retranslate()
        retranslate_help(self)
        retranslate_typologies(self)
        for dock in [
            self.scenarios_dock,
            self.history_dock,
            *self.panel_docks.values(),
            self.context_actions.dock,
        ]:
            if dock.objectName() in titles:
                dock.setWindowTitle(titles[dock.objectName()])
            if isinstance(dock.widget(), QLabel):
                dock.widget().setText(
                    self.tr("{0} — not available in this build").format(
                        dock.windowTitle()
                    )
                )
            self.menus.panels.addAction(dock.toggleViewAction())
        self.scenarios_dock.fill()
        self.site_view.legend.relayout()
        self.cover_type.setToolTip(
            self.tr(
                "Surface type of the selected ground cover, or of the next one drawn"
            )
        )
        self._cover_spaces_tooltip()
        for index, label in enumerate(cover_labels().values()):
            self.cover_type.setItemText(index, label)
        self._update_title()
        self.status.show_errors(
            self.live_engine.error_count(self.document.current_scenario)
        )

    def _update_undo_actions(self, *_args) -> None:  # type: ignore[no-untyped-def]
        stack = self.document.undo_stack
        undo, redo = stack.undoText(), stack.redoText()
        # (while edits wait, e.g. the first move of thousands of buildings
        # being made, an undo waits behind them: it undoes that move)
        self.undo_action.setEnabled(stack.canUndo() or self.document.edits_held)
        self.redo_action.setEnabled(stack.canRedo())
        self.undo_action.setText(
            self.tr("Undo {0}").format(undo) if undo else self.tr("Undo")
        )
        self.redo_action.setText(
            self.tr("Redo {0}").format(redo) if redo else self.tr("Redo")
        )

    def set_language(self, lang: str) -> None:
        install_language(lang)
        self.settings.set_language(lang)
        # Qt posts LanguageChange; retitle now so the menu reads right at once.
        self.retranslate_ui()
        self.actions_[f"action_lang_{lang}"].setChecked(True)

    def changeEvent(self, event: QEvent) -> None:
        # set_language has already set the texts of the language it installed.
        if (
            event.type() == QEvent.Type.LanguageChange
            and self._texts_language != current_language()
        ):
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_title(self) -> None:
        document = self.document
        name = document.project.name
        if document.path is not None:
            name = f"{name} ({document.path.name})"
        self.setWindowTitle(f"{name}[*] — mixplan")
        self.setWindowModified(document.modified)

    def _drawing(self) -> bool:
        """Whether the plan or the massing view is being drawn in slices."""
        scene = self.site_view.site_scene
        massing = self.massing_view
        return (
            scene.rebuilding
            or scene.marking
            or bool(getattr(massing, "building_view", False))
        )

    def _on_evaluated(self, name: str, evaluation: Evaluation) -> None:
        if name == self.document.current_scenario:
            self._show_error_marks(evaluation)

    def _show_error_marks(self, evaluation: Evaluation | None) -> None:
        """Buildings with errors outlined, and the count in the status bar.

        From the worker's index of the findings when made (``grouped``): a
        10,000-building scenario has tens of thousands of findings to read.
        """
        index = self.live_engine.findings_index(evaluation)
        if index is not None:
            self.site_view.site_scene.set_error_ids(index.error_buildings())
        elif evaluation is None or len(evaluation.findings) < 2000:
            self.site_view.site_scene.set_evaluation(evaluation)
        self.status.show_errors(
            self.live_engine.error_count(self.document.current_scenario)
        )

    def _on_grouped(self, name: str, evaluation: Evaluation, _groups: object) -> None:
        if name == self.document.current_scenario:
            self._show_error_marks(evaluation)

    def _on_scenario_changed(self, name: str) -> None:
        self._show_error_marks(self.live_engine.evaluation(name))
        self.status.show_errors(
            self.live_engine.error_count(self.document.current_scenario)
        )
        self._update_scenario_actions()

    def _on_project_replaced(self) -> None:
        self._update_title()
        self._update_scenario_actions()

    def show_attribute_table(self) -> None:
        dock = self.panel_docks.get("dock_attribute_table")
        if dock is not None:
            dock.show()
            dock.raise_()

    def panel(self, dock_name: str) -> QWidget | None:
        """The panel in a dock, or None where a placeholder stands in."""
        return panel_of(self.panel_docks.get(dock_name))

    def _update_scenario_actions(self) -> None:
        is_baseline = (
            self.document.current_scenario == self.document.project.baseline.name
        )
        self.actions_["action_scenario_delete"].setEnabled(not is_baseline)

    def _update_selection_actions(self, selection: list[str]) -> None:
        for name in ("action_delete", "action_duplicate", "action_zoom_selection"):
            self.actions_[name].setEnabled(bool(selection))
        if self.document.cover_selection:
            self.actions_["action_delete"].setEnabled(True)

    def _on_cover_selection(self, _covers: list[str]) -> None:
        self._update_selection_actions(self.document.selection)
        self._show_selected_cover_type()

    def _cover_spaces_tooltip(self) -> None:
        """The spaces box says how unstated spaces are estimated (the rulebook's)."""
        per_space = self.document.project.rulebook.number(
            "assumptions", "parking_m2_per_space_gross"
        )
        self.cover_spaces.setToolTip(
            self.tr(
                "Car spaces of the selected surface car park; — (or 0): not "
                "stated, estimated as its area ÷ %1 m²"
            ).replace("%1", format_number(per_space))
        )

    def _on_changed_covers(self, change) -> None:  # type: ignore[no-untyped-def]
        if change.rulebook or change.everything:
            self._cover_spaces_tooltip()
        if change.cover:
            self._show_selected_cover_type()

    def _show_selected_cover_type(self) -> None:
        """Let the cover-type box show the (first) selected cover's surface, and
        the spaces box the (first) selected car park's spaces."""
        covers = self.document.scenario.cover
        selected = [c for c in self.document.cover_selection if c in covers]
        parking = [covers[c] for c in selected if covers[c].cover == "parking"]
        self.cover_spaces.setEnabled(bool(parking))
        if not self.cover_spaces.is_typing():
            self.cover_spaces.show_value(parking[0].spaces or None if parking else None)
        if not selected:
            return
        index = self.cover_type.findData(covers[selected[0]].cover)
        self._showing_cover_type = True
        try:
            self.cover_type.setCurrentIndex(index)
        finally:
            self._showing_cover_type = False

    def _on_tool_changed(self, name: str) -> None:
        for action_name, tool in TOOL_ACTIONS.items():
            if tool == name or (tool == "edit_site" and name == "draw_site"):
                self.actions_[action_name].setChecked(True)

    def set_tool(self, name: str) -> None:
        if name == "edit_site" and self.document.project.site is None:
            name = "draw_site"
        self.show_view("plan")
        self.site_view.set_tool(name)
        self.site_view.setFocus()

    def _set_cover_type(self, cover: str) -> None:
        # The box also sets the type of the next cover drawn: what it shows.
        self.site_view.tools["draw_cover"].cover_type = cover  # type: ignore[attr-defined]
        if not self._showing_cover_type:
            edit_ops.retype_covers(self, cover)

    def _set_snapping(self) -> None:
        vertices = self.actions_["action_snap_vertices"].isChecked()
        grid = self.actions_["action_snap_grid"].isChecked()
        for tool in self.site_view.tools.values():
            snapper = getattr(tool, "snapper", None)
            if snapper is not None:
                snapper.vertices = snapper.edges = vertices
                snapper.grid = grid
        self.site_view.show_grid = grid
        self.site_view.viewport().update()

    def show_view(self, which: str) -> None:
        if which == "massing" and self.massing_view is not None:
            self.stack.setCurrentWidget(self.massing_view)
            self.actions_["action_massing_view"].setChecked(True)
        else:
            self.stack.setCurrentWidget(self.site_view)
            self.actions_["action_plan_view"].setChecked(True)

    def show_compare(self) -> None:
        if self.compare_view is None:
            self.compare_view = load_panel(self, *COMPARE)
            if self.compare_view is None:
                show_error(
                    self, self.tr("The comparison is not available in this build.")
                )
                return
            self.compare_view.setWindowFlag(Qt.WindowType.Window, True)
        self.compare_view.show()
        self.compare_view.raise_()
        self.compare_view.activateWindow()

    def add_basemap(self, path: Path) -> bool:
        """Add a georeferenced image beneath the plan (what Add base map… does)."""
        return self.context_actions.add_basemap(Path(path))

    def new_from_bdtopo(self) -> None:
        """A new project, then the import dialog for its BD TOPO buildings."""
        self.new_project()
        if (
            self.document.path is None
            and not self.document.project.scenarios[0].buildings
        ):
            self.import_file()

    def add_basemap_dialog(self) -> None:
        self.context_actions.add_basemap_dialog()

    def add_tiles_dialog(self) -> None:
        self.context_actions.add_tiles_dialog()

    def add_reference_dialog(self) -> None:
        self.context_actions.add_reference_dialog()

    def show_suggest(self) -> None:
        from mixplan.ui.suggest_dialog import SuggestDialog

        dialog = getattr(self, "suggest_dialog", None)
        if dialog is None:
            dialog = self.suggest_dialog = SuggestDialog(self)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def select_all(self) -> None:
        self.document.set_selection(list(self.document.scenario.buildings))

    def _fill_recent(self) -> None:
        menu = self.menus.recent
        menu.clear()
        files = self.settings.recent_files()
        for path in files:
            action = QAction(str(path), menu)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
            menu.addAction(action)
        if not files:
            empty = menu.addAction(self.tr("(none)"))
            empty.setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(self.tr("Clear the list"), self.settings.clear_recent_files)

    def _restore_layout(self) -> None:
        # Side docks run the full height; the findings sit under the plan only.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(
            Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea
        )
        geometry, state = self.settings.window_state()
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        if state:
            self.restoreState(state)
        else:
            self._default_dock_sizes()
        #: the default tabs are made once the window is shown (tabify_panel_docks)
        self._tabs_pending = not state

    def _default_dock_sizes(self) -> None:
        right = [
            self.panel_docks["dock_inspector"],
            self.panel_docks["dock_indicators"],
        ]
        self.resizeDocks(right, [440, 460], Qt.Orientation.Vertical)
        self.resizeDocks(right[:1], [380], Qt.Orientation.Horizontal)
        self.resizeDocks([self.scenarios_dock], [280], Qt.Orientation.Horizontal)
        self.resizeDocks(
            [self.scenarios_dock, self.history_dock],
            [260, 500],
            Qt.Orientation.Vertical,
        )
        self.resizeDocks(
            [self.panel_docks["dock_findings"]], [170], Qt.Orientation.Vertical
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._tabs_pending:
            self._tabs_pending = False
            QTimer.singleShot(
                0, self, lambda: tabify_panel_docks(self, self.panel_docks)
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.wait_for_file_job()  # a save under way ends before anything else
        if not self.maybe_save():
            event.ignore()
            return
        if not self.document.modified:
            self.autosaver.discard()
        self.settings.set_window_state(self.saveGeometry(), self.saveState())
        self.autosaver.release()
        self.live_engine.shutdown()
        # The guide is a window of its own: it goes with the editor it helps.
        if getattr(self, "help_window", None) is not None:
            self.help_window.close()
        if getattr(self, "suggest_dialog", None) is not None:
            self.suggest_dialog.close()
        event.accept()

    def report_failure(self, message: str) -> None:
        show_error(self, message)
