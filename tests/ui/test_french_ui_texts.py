"""In French, the window and its main dialogs show no English words.

Walks what the user reads in the window, the attribute table, the rulebook
editor, project settings and the import dialog — menus and actions (text and
tooltip), dock titles, buttons, labels, check boxes, group titles, combo-box
entries, table and tree headers, placeholders — with the demo open and a
building selected, and looks for common English words that are not French words
too. Data (the project's, the buildings' and the scenarios' own names) is left
out: it is what the user typed.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QWidget,
)

from mixplan.store import open_project, save_project
from mixplan.store.demo import build_demo
from mixplan.ui.import_dialog import ImportDialog
from mixplan.ui.project_settings import show_project_settings
from mixplan.ui.rulebook_dialog import show_rulebook

#: English words a French screen should never show (none of them is French).
ENGLISH = {
    "the",
    "and",
    "of",
    "with",
    "from",
    "to",
    "is",
    "are",
    "for",
    "this",
    "that",
    "selected",
    "building",
    "buildings",
    "level",
    "levels",
    "height",
    "add",
    "remove",
    "delete",
    "save",
    "open",
    "show",
    "hide",
    "settings",
    "none",
    "unassigned",
    "ground",
    "cover",
    "spaces",
    "rules",
    "findings",
    "indicators",
    "new",
    "edit",
    "view",
    "help",
    "undo",
    "redo",
    "draw",
    "select",
    "load",
    "access",
    "storeys",
    "storey",
    "scenarios",
    "name",
    "author",
    "preset",
    "error",
    "errors",
    "warning",
    "warnings",
    "search",
    "filter",
    "layer",
    "layers",
    "close",
    "cancel",
    "yes",
    "no",
    "all",
    "uses",
    "use",
    "share",
    "roof",
    "green",
    "housing",
    "industry",
    "office",
    "warehouse",
    "craft",
    "existing",
}
#: Words of the demo's data (project, scenario and building names) shown as typed.
DATA = {"existing"}
#: Texts where English words are identifiers the user types: the use-map syntax
#: takes use codes (DESIGN §5, a contract); "New York" is a place.
IDENTIFIERS = {"placeholder import_use_map": {"craft", "office"}}
PLACES = ("New York",)
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


def _texts(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything the user can read in and under ``widget``."""
    out: list[tuple[str, str]] = []
    for action in widget.findChildren(QAction):
        out += [(f"action {action.objectName()}", action.text())]
        out += [(f"action tip {action.objectName()}", action.toolTip())]
    for menu in widget.findChildren(QMenu):
        out.append((f"menu {menu.objectName()}", menu.title()))
    for dock in widget.findChildren(QDockWidget):
        out.append((f"dock {dock.objectName()}", dock.windowTitle()))
    for child in widget.findChildren(QWidget):
        if not child.isVisible() and not isinstance(child, QMenu):
            continue
        name = child.objectName() or type(child).__name__
        if isinstance(child, QAbstractButton):
            out.append((f"button {name}", child.text()))
        elif isinstance(child, QLabel):
            out.append((f"label {name}", child.text()))
        elif isinstance(child, QGroupBox):
            out.append((f"group {name}", child.title()))
        elif isinstance(child, QLineEdit):
            out.append((f"placeholder {name}", child.placeholderText()))
        elif isinstance(child, QComboBox):
            out += [(f"combo {name}", child.itemText(i)) for i in range(child.count())]
        elif isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            header = getattr(child, "horizontalHeader", None) or getattr(
                child, "header", None
            )
            columns = header().count() if header is not None else 0
            for column in range(columns):
                title = model.headerData(
                    column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
                )
                out.append((f"header {name}", str(title or "")))
        tip = child.toolTip()
        if tip:
            out.append((f"tooltip {name}", tip))
    return out


def _english(texts: list[tuple[str, str]], data: set[str]) -> list[str]:
    found = []
    for where, text in texts:
        plain = re.sub(r"<[^>]+>", " ", text)  # rich text tags
        for place in PLACES:
            plain = plain.replace(place, "")
        words = {w.lower() for w in _WORD.findall(plain)}
        hits = sorted((words & ENGLISH) - data - IDENTIFIERS.get(where, set()))
        if hits:
            found.append(f"{where}: {', '.join(hits)} in {plain!r}")
    return found


def test_the_french_window_reads_french(make_window, qtbot, tmp_path):
    path = tmp_path / "demo.mixplan.gpkg"
    save_project(build_demo(), path)
    project = open_project(path)
    window = make_window(project)
    window.resize(1600, 1000)
    window.actions_["action_lang_fr"].trigger()
    try:
        window.document.set_scenario(project.scenarios[1].name)
        window.document.set_selection([next(iter(window.document.scenario.buildings))])
        qtbot.wait(300)  # the language change reaches every widget as an event
        data = set(DATA)
        for scenario in project.scenarios:
            data |= {w.lower() for w in _WORD.findall(scenario.name)}
            for building in scenario.buildings.values():
                data |= {w.lower() for w in _WORD.findall(building.name)}
        data |= {w.lower() for w in _WORD.findall(project.name)}
        texts = _texts(window)
        window.actions_["action_attribute_table"].trigger()
        dialogs = [
            show_rulebook(window),
            show_project_settings(window),
            ImportDialog(window.document, window),
        ]
        for dialog in dialogs:
            dialog.show()
        qtbot.wait(300)
        texts += _texts(window.panel_docks["dock_attribute_table"])
        for dialog in dialogs:
            texts += _texts(dialog)
            dialog.close()
        found = _english(texts, data)
        assert not found, "\n".join(found)
    finally:
        window.actions_["action_lang_en"].trigger()
