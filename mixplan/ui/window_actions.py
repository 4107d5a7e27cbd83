"""The main window's actions, menus and toolbar.

Actions are made once with their object names (DESIGN §12) and shortcuts;
their texts are set in :func:`retranslate_actions`, which runs again when the
language changes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from mixplan.resources import resource_path

StandardKey = QKeySequence.StandardKey
translate = QCoreApplication.translate

#: name -> (shortcut, checkable, icon file)
ACTIONS: dict[str, tuple[object, bool, str]] = {
    "action_new": (StandardKey.New, False, "new"),
    "action_open": (StandardKey.Open, False, "open"),
    "action_save": (StandardKey.Save, False, "save"),
    "action_save_as": (StandardKey.SaveAs, False, ""),
    "action_import": ("Ctrl+I", False, "import"),
    "action_export": ("Ctrl+E", False, ""),
    "action_export_report": ("Ctrl+Shift+P", False, "report"),
    "action_project_settings": ("", False, ""),
    "action_keep_backup": ("", True, ""),
    "action_quit": (StandardKey.Quit, False, ""),
    "action_delete": (StandardKey.Delete, False, "delete"),
    "action_duplicate": ("Ctrl+D", False, ""),
    "action_select_all": (StandardKey.SelectAll, False, ""),
    "action_restore_building": ("", False, ""),
    "action_restore_cover": ("", False, ""),
    "action_zoom_site": ("Ctrl+0", False, "zoom_site"),
    "action_zoom_selection": ("Ctrl+2", False, "zoom_selection"),
    "action_plan_view": ("F5", True, "plan"),
    "action_massing_view": ("F6", True, "massing"),
    "action_show_baseline": ("", True, ""),
    "action_show_labels": ("", True, ""),
    "action_show_legend": ("", True, ""),
    "action_snap_vertices": ("", True, ""),
    "action_snap_grid": ("", True, ""),
    "action_select": ("S", True, "select"),
    "action_draw_building": ("B", True, "draw_building"),
    "action_rectangle": ("R", True, "rectangle"),
    "action_draw_cover": ("C", True, "draw_cover"),
    "action_edit_site": ("", True, "edit_site"),
    "action_edit_vertices": ("V", True, "edit_vertices"),
    "action_move": ("M", True, "move"),
    "action_rotate": ("T", True, "rotate"),
    "action_scenario_new": ("Ctrl+Shift+N", False, ""),
    "action_scenario_duplicate": ("", False, ""),
    "action_scenario_rename": ("", False, ""),
    "action_scenario_delete": ("", False, ""),
    "action_compare": ("Ctrl+K", False, "compare"),
    "action_attribute_table": ("Ctrl+Shift+T", False, ""),
    "action_rules": ("", False, ""),
    "action_suggest": ("Ctrl+Shift+G", False, ""),
    "action_about": ("", False, ""),
    "action_rule_sources": ("", False, ""),
    "action_lang_fr": ("", True, ""),
    "action_lang_en": ("", True, ""),
}

#: tool action -> SiteView tool name
TOOL_ACTIONS = {
    "action_select": "select",
    "action_draw_building": "draw_building",
    "action_rectangle": "rectangle",
    "action_draw_cover": "draw_cover",
    "action_edit_site": "edit_site",
    "action_edit_vertices": "edit_vertices",
    "action_move": "move",
    "action_rotate": "rotate",
}


def icon(name: str) -> QIcon:
    if not name:
        return QIcon()
    try:
        path = resource_path("icons", f"{name}.svg")
    except FileNotFoundError:
        return QIcon()
    return QIcon(str(path)) if path.is_file() else QIcon()


def create_actions(window: QMainWindow) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for name, (shortcut, checkable, icon_name) in ACTIONS.items():
        action = QAction(window)
        action.setObjectName(name)
        action.setIcon(icon(icon_name))
        if isinstance(shortcut, StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[arg-type]
        action.setCheckable(checkable)
        actions[name] = action
    # Delete works from Backspace too on keyboards without Delete (macOS).
    actions["action_delete"].setShortcuts(
        [QKeySequence(StandardKey.Delete), QKeySequence("Ctrl+Backspace")]
    )
    for name in ("action_delete", "action_duplicate", "action_select_all"):
        # Keep Delete and Ctrl+A away from text fields in the panels.
        actions[name].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    tools = QActionGroup(window)
    tools.setExclusive(True)
    for name in TOOL_ACTIONS:
        tools.addAction(actions[name])
    actions["action_select"].setChecked(True)
    views = QActionGroup(window)
    views.addAction(actions["action_plan_view"])
    views.addAction(actions["action_massing_view"])
    actions["action_plan_view"].setChecked(True)
    languages = QActionGroup(window)
    languages.addAction(actions["action_lang_fr"])
    languages.addAction(actions["action_lang_en"])
    for name in (
        "action_show_baseline",
        "action_show_labels",
        "action_show_legend",
        "action_snap_vertices",
    ):
        actions[name].setChecked(True)
    return actions


def retranslate_actions(actions: dict[str, QAction]) -> None:
    texts = {
        "action_new": (
            translate("MainWindow", "&New"),
            translate("MainWindow", "Start a new project"),
        ),
        "action_open": (
            translate("MainWindow", "&Open…"),
            translate("MainWindow", "Open a project or a GeoPackage"),
        ),
        "action_save": (
            translate("MainWindow", "&Save"),
            translate("MainWindow", "Save the project"),
        ),
        "action_save_as": (
            translate("MainWindow", "Save &As…"),
            translate("MainWindow", "Save the project under another name"),
        ),
        "action_import": (
            translate("MainWindow", "&Import…"),
            translate("MainWindow", "Import GIS, CAD or GeoJSON data"),
        ),
        "action_export": (
            translate("MainWindow", "&Export…"),
            translate("MainWindow", "Export the scenario as GeoJSON, CSV or DXF"),
        ),
        "action_export_report": (
            translate("MainWindow", "Export &report…"),
            translate("MainWindow", "Write the council-ready PDF report"),
        ),
        "action_project_settings": (
            translate("MainWindow", "Project se&ttings…"),
            translate("MainWindow", "Name, author, site name and CRS of the project"),
        ),
        "action_keep_backup": (
            translate("MainWindow", "Keep a &backup when saving"),
            translate(
                "MainWindow",
                "Keep the replaced file as NAME.mixplan.gpkg.bak at each full save",
            ),
        ),
        "action_rules": (
            translate("MainWindow", "R&ules…"),
            translate(
                "MainWindow", "Every rule parameter with its source; rules on or off"
            ),
        ),
        "action_attribute_table": (
            translate("MainWindow", "&Attribute table"),
            translate("MainWindow", "The scenario's buildings as a table"),
        ),
        "action_quit": (
            translate("MainWindow", "&Quit"),
            translate("MainWindow", "Quit mixplan"),
        ),
        "action_delete": (
            translate("MainWindow", "&Delete"),
            translate("MainWindow", "Delete the selected buildings or ground covers"),
        ),
        "action_duplicate": (
            translate("MainWindow", "D&uplicate"),
            translate("MainWindow", "Duplicate the selected buildings"),
        ),
        "action_restore_building": (
            translate("MainWindow", "&Restore a removed building…"),
            translate(
                "MainWindow",
                "Keep again a building of the existing state this scenario removes",
            ),
        ),
        "action_restore_cover": (
            translate("MainWindow", "Restore a removed &ground cover…"),
            translate(
                "MainWindow",
                "Keep again a ground cover of the existing state this scenario removes",
            ),
        ),
        "action_select_all": (
            translate("MainWindow", "Select &all"),
            translate("MainWindow", "Select every building"),
        ),
        "action_zoom_site": (
            translate("MainWindow", "Zoom to &site"),
            translate("MainWindow", "Show the whole site"),
        ),
        "action_zoom_selection": (
            translate("MainWindow", "Zoom to s&election"),
            translate("MainWindow", "Frame the selected buildings"),
        ),
        "action_plan_view": (
            translate("MainWindow", "&Plan"),
            translate("MainWindow", "The site plan"),
        ),
        "action_massing_view": (
            translate("MainWindow", "&Massing"),
            translate("MainWindow", "The axonometric massing view"),
        ),
        "action_show_baseline": (
            translate("MainWindow", "Show &baseline outlines"),
            translate("MainWindow", "Draw the baseline's buildings faintly"),
        ),
        "action_show_legend": (
            translate("MainWindow", "Show le&gend"),
            translate("MainWindow", "The colours of the plan (drag it to move it)"),
        ),
        "action_show_labels": (
            translate("MainWindow", "Show &labels"),
            translate("MainWindow", "Names and storeys"),
        ),
        "action_snap_vertices": (
            translate("MainWindow", "Snap to vertices and edges"),
            "",
        ),
        "action_snap_grid": (translate("MainWindow", "Snap to a 1 m grid"), ""),
        "action_select": (
            translate("MainWindow", "Select"),
            translate("MainWindow", "Click, Shift-click or drag a box"),
        ),
        "action_draw_building": (
            translate("MainWindow", "Draw building"),
            translate("MainWindow", "Click the corners; double-click or Enter closes"),
        ),
        "action_rectangle": (
            translate("MainWindow", "Rectangle"),
            translate("MainWindow", "Two corners, or a corner then width x depth"),
        ),
        "action_draw_cover": (
            translate("MainWindow", "Draw ground cover"),
            translate("MainWindow", "Click the corners of a ground cover polygon"),
        ),
        "action_edit_site": (
            translate("MainWindow", "Edit site boundary"),
            translate("MainWindow", "Move the site's vertices (draws it if none)"),
        ),
        "action_edit_vertices": (
            translate("MainWindow", "Edit vertices"),
            translate("MainWindow", "Drag, insert (double-click) or delete vertices"),
        ),
        "action_move": (
            translate("MainWindow", "Move"),
            translate("MainWindow", "Move the selected buildings"),
        ),
        "action_rotate": (
            translate("MainWindow", "Rotate"),
            translate("MainWindow", "Rotate the selected buildings"),
        ),
        "action_scenario_new": (
            translate("MainWindow", "&New from baseline…"),
            translate("MainWindow", "A new scenario copying the baseline"),
        ),
        "action_scenario_duplicate": (
            translate("MainWindow", "&Duplicate…"),
            translate("MainWindow", "A copy of the current scenario"),
        ),
        "action_scenario_rename": (
            translate("MainWindow", "&Rename…"),
            translate("MainWindow", "Rename the current scenario"),
        ),
        "action_scenario_delete": (
            translate("MainWindow", "De&lete"),
            translate("MainWindow", "Delete the current scenario"),
        ),
        "action_suggest": (
            translate("MainWindow", "S&uggest…"),
            translate(
                "MainWindow",
                "The scenario with the most housing that passes every rule",
            ),
        ),
        "action_compare": (
            translate("MainWindow", "&Compare"),
            translate("MainWindow", "Scenarios side by side"),
        ),
        "action_about": (translate("MainWindow", "&About mixplan"), ""),
        "action_rule_sources": (
            translate("MainWindow", "&Rule sources"),
            translate("MainWindow", "Every rule, its threshold and its source"),
        ),
        "action_lang_fr": ("Français", ""),
        "action_lang_en": ("English", ""),
    }
    # Shorter names on the tools toolbar, so it fits in French too.
    icon_texts = {
        "action_select": translate("MainWindow", "Select"),
        "action_draw_building": translate("MainWindow", "Building"),
        "action_rectangle": translate("MainWindow", "Rectangle"),
        "action_draw_cover": translate("MainWindow", "Ground"),
        "action_edit_site": translate("MainWindow", "Site"),
        "action_edit_vertices": translate("MainWindow", "Vertices"),
        "action_move": translate("MainWindow", "Move"),
        "action_rotate": translate("MainWindow", "Rotate"),
        "action_scenario_new": translate("MainWindow", "New"),
        "action_scenario_duplicate": translate("MainWindow", "Duplicate"),
        "action_scenario_rename": translate("MainWindow", "Rename"),
        "action_scenario_delete": translate("MainWindow", "Delete"),
    }
    for name, text in icon_texts.items():
        actions[name].setIconText(text)
    for name, (text, tip) in texts.items():
        action = actions[name]
        action.setText(text)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        status = tip or text.replace("&", "")
        action.setStatusTip(status)
        action.setToolTip(f"{status} ({shortcut})" if shortcut else status)


class Menus:
    """The menu bar's menus, kept to retitle them on a language change."""

    def __init__(
        self,
        window: QMainWindow,
        actions: dict[str, QAction],
        undo: QAction,
        redo: QAction,
    ) -> None:
        bar = window.menuBar()
        a = actions
        self.file = bar.addMenu("")
        self.file.setObjectName("menu_file")
        self.file.addActions([a["action_new"], a["action_open"]])
        self.recent = QMenu(window)
        self.recent.setObjectName("menu_recent")
        self.file.addMenu(self.recent)
        self.file.addSeparator()
        self.file.addActions([a["action_save"], a["action_save_as"]])
        self.file.addSeparator()
        self.file.addActions(
            [a["action_import"], a["action_export"], a["action_export_report"]]
        )
        self.file.addSeparator()
        self.file.addAction(a["action_project_settings"])
        self.file.addAction(a["action_keep_backup"])
        self.file.addSeparator()
        self.file.addAction(a["action_quit"])

        self.edit = bar.addMenu("")
        self.edit.setObjectName("menu_edit")
        self.edit.addActions([undo, redo])
        self.edit.addSeparator()
        self.edit.addActions(
            [a["action_delete"], a["action_duplicate"], a["action_select_all"]]
        )
        self.edit.addAction(a["action_restore_building"])
        self.edit.addAction(a["action_restore_cover"])

        self.view = bar.addMenu("")
        self.view.setObjectName("menu_view")
        self.view.addActions([a["action_zoom_site"], a["action_zoom_selection"]])
        self.view.addSeparator()
        self.view.addActions([a["action_plan_view"], a["action_massing_view"]])
        self.view.addSeparator()
        self.view.addActions(
            [
                a["action_show_baseline"],
                a["action_show_labels"],
                a["action_show_legend"],
                a["action_snap_vertices"],
                a["action_snap_grid"],
            ]
        )
        self.view.addSeparator()
        self.panels = QMenu(window)
        self.panels.setObjectName("menu_panels")
        self.view.addMenu(self.panels)

        self.tools = bar.addMenu("")
        self.tools.setObjectName("menu_tools")
        self.tools.addActions([a[name] for name in TOOL_ACTIONS])

        self.scenario = bar.addMenu("")
        self.scenario.setObjectName("menu_scenario")
        self.scenario.addActions(
            [
                a["action_scenario_new"],
                a["action_scenario_duplicate"],
                a["action_scenario_rename"],
                a["action_scenario_delete"],
            ]
        )
        self.scenario.addSeparator()
        self.scenario.addAction(a["action_suggest"])
        self.scenario.addAction(a["action_compare"])
        self.scenario.addAction(a["action_attribute_table"])
        self.scenario.addAction(a["action_rules"])

        self.language = bar.addMenu("")
        self.language.setObjectName("menu_language")
        self.language.addActions([a["action_lang_fr"], a["action_lang_en"]])

        self.help = bar.addMenu("")
        self.help.setObjectName("menu_help")
        self.help.addActions([a["action_rule_sources"], a["action_about"]])

    def retranslate(self) -> None:
        self.file.setTitle(translate("MainWindow", "&File"))
        self.recent.setTitle(translate("MainWindow", "Open &Recent"))
        self.edit.setTitle(translate("MainWindow", "&Edit"))
        self.view.setTitle(translate("MainWindow", "&View"))
        self.panels.setTitle(translate("MainWindow", "&Panels"))
        self.tools.setTitle(translate("MainWindow", "&Tools"))
        self.scenario.setTitle(translate("MainWindow", "&Scenario"))
        self.language.setTitle(translate("MainWindow", "&Language"))
        self.help.setTitle(translate("MainWindow", "&Help"))


def create_toolbars(
    window: QMainWindow, actions: dict[str, QAction], undo: QAction, redo: QAction
) -> list[QToolBar]:
    file_bar = QToolBar(window)
    file_bar.setObjectName("toolbar_file")
    file_bar.addActions(
        [
            actions["action_new"],
            actions["action_open"],
            actions["action_save"],
            undo,
            redo,
        ]
    )
    tools_bar = QToolBar(window)
    tools_bar.setObjectName("toolbar_tools")
    tools_bar.addActions([actions[name] for name in TOOL_ACTIONS])
    view_bar = QToolBar(window)
    view_bar.setObjectName("toolbar_view")
    view_bar.addActions(
        [
            actions["action_zoom_site"],
            actions["action_zoom_selection"],
            actions["action_plan_view"],
            actions["action_massing_view"],
            actions["action_compare"],
        ]
    )
    # Only the tools carry their names: the file and view buttons are the
    # usual pictures, with the names in their tooltips.
    file_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    tools_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    view_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    for bar in (file_bar, tools_bar, view_bar):
        window.addToolBar(bar)
    ToolNamesFit(window, [file_bar, tools_bar, view_bar], tools_bar)
    return [file_bar, tools_bar, view_bar]


class ToolNamesFit(QObject):
    """The tools show their names beside their icons while the toolbars fit in
    the window's width, and their icons only when not (the names stay in the
    tooltips): at 1400 px in French the view buttons at the end of the row were
    hidden behind the toolbar's overflow arrow."""

    def __init__(
        self, window: QMainWindow, bars: list[QToolBar], tools_bar: QToolBar
    ) -> None:
        super().__init__(window)
        self.window = window
        self.bars = bars
        self.tools_bar = tools_bar
        self._pending = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type()
            in (
                QEvent.Type.Resize,
                QEvent.Type.Show,
                QEvent.Type.LanguageChange,
            )
            and not self._pending
        ):
            # A turn later: the texts of a language change are set by then.
            self._pending = True
            QTimer.singleShot(0, self, self.fit)
        return False

    def fit(self) -> None:
        self._pending = False
        tools = self.tools_bar
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # (the window lays its toolbars side by side, each at its size hint)
        needed = sum(bar.sizeHint().width() for bar in self.bars if not bar.isHidden())
        if needed > self.window.width():
            tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
