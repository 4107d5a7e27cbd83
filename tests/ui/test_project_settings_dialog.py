"""File ▸ Project settings…: typed with real keys, one undo step per change."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QListView

from mixplan.model import Project
from mixplan.model.project_settings import SetProjectSetting
from mixplan.ui.project_settings import ProjectSettingsDialog, crs_problem


@pytest.fixture(autouse=True)
def close_dialogs():
    """A window-modal dialog left open would block the next test's window."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ProjectSettingsDialog) and widget.isVisible():
            widget.close()
    QApplication.processEvents()


def open_settings(window, qtbot) -> ProjectSettingsDialog:
    window.findChild(QAction, "action_project_settings").trigger()
    dialog = window.findChild(ProjectSettingsDialog, "project_settings_dialog")
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def type_into(edit: QLineEdit, text: str) -> None:
    QTest.mouseClick(edit, Qt.MouseButton.LeftButton)
    for _ in range(50):
        if edit.hasFocus():
            break
        QTest.qWait(10)
    assert edit.hasFocus()
    # The field's text selected with End, Shift+Home: Ctrl+A is also the
    # window's Select All, which took the key now and then while the modal
    # dialog's activation settled (the text was typed after the old one).
    QTest.keyClick(edit, Qt.Key.Key_End)
    QTest.keyClick(edit, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    assert edit.selectedText() == edit.text()
    QTest.keyClicks(edit, text, delay=20)
    QTest.keyClick(edit, Qt.Key.Key_Return)


def test_name_author_and_site_name_each_one_undo_step(make_window, qtbot):
    window = make_window()
    dialog = open_settings(window, qtbot)
    stack = window.document.undo_stack
    assert dialog.findChild(QLineEdit, "project_name").text() == "Small site"
    type_into(dialog.findChild(QLineEdit, "project_name"), "Parc des Glaisieres")
    type_into(dialog.findChild(QLineEdit, "project_author"), "Agence Nord")
    type_into(dialog.findChild(QLineEdit, "site_name"), "ZA Nord")
    project = window.document.project
    assert (project.name, project.author, project.site.name) == (
        "Parc des Glaisieres",
        "Agence Nord",
        "ZA Nord",
    )
    assert stack.count() == 3
    assert dialog.isVisible()  # Enter commits a field, it does not close
    assert "Parc des Glaisieres" in window.windowTitle()
    stack.undo()
    assert project.site.name == "Small site"
    assert dialog.findChild(QLineEdit, "site_name").text() == "Small site"
    # An empty name is refused in the dialog, the field shows the name again.
    type_into(dialog.findChild(QLineEdit, "project_name"), " ")
    assert project.name == "Parc des Glaisieres" and stack.index() == 2
    assert "needs a name" in dialog.message.text()
    assert dialog.findChild(QLineEdit, "project_name").text() == "Parc des Glaisieres"
    # The model's refusal in the interface's language.
    window.actions_["action_lang_fr"].trigger()
    try:
        type_into(dialog.findChild(QLineEdit, "project_name"), " ")
        assert dialog.message.text() == "Un projet a un nom"
    finally:
        window.actions_["action_lang_en"].trigger()


def test_a_new_project_opens_its_settings_and_takes_a_searched_crs(make_window, qtbot):
    window = make_window(Project.new("Untitled"))
    window.findChild(QAction, "action_new").trigger()
    dialog = window.findChild(ProjectSettingsDialog, "project_settings_dialog")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    qtbot.waitUntil(lambda: dialog.crs_model.rowCount() > 1000, timeout=10000)
    search = dialog.findChild(QLineEdit, "crs_search")
    search.setFocus()
    QTest.keyClicks(search, "Long Island", delay=10)
    listing = dialog.findChild(QListView, "crs_list")
    texts = [
        listing.model().index(r, 0).data() for r in range(listing.model().rowCount())
    ]
    metric = "EPSG:32118 — NAD83 / New York Long Island"
    assert metric in texts
    # The feet variant is listed but refused: mixplan works in metres.
    feet = next(t for t in texts if t.startswith("EPSG:2263 "))
    row = texts.index(feet)
    listing.setFocus()
    listing.setCurrentIndex(listing.model().index(row, 0))
    QTest.mouseClick(dialog.crs_apply, Qt.MouseButton.LeftButton)
    assert window.document.project.crs == "EPSG:2154"
    assert "metre" in dialog.message.text()
    listing.setCurrentIndex(listing.model().index(texts.index(metric), 0))
    QTest.keyClick(listing, Qt.Key.Key_Return)
    assert window.document.project.crs == "EPSG:32118"
    assert window.document.undo_stack.count() == 1
    assert "EPSG:32118" in dialog.findChild(type(dialog.message), "project_crs").text()
    window.document.undo_stack.undo()
    assert window.document.project.crs == "EPSG:2154"
    dialog.close()
    QApplication.processEvents()


def test_the_crs_is_locked_once_the_project_has_geometry(make_window, qtbot):
    window = make_window()
    dialog = open_settings(window, qtbot)
    assert not dialog.findChild(QListView, "crs_list").isEnabled()
    assert "before anything is drawn" in dialog.crs_group.toolTip()


def test_crs_problems_name_the_unit():
    assert crs_problem("EPSG:2154") is None
    assert "not a projected" in crs_problem("EPSG:4326")
    assert "US survey foot" in crs_problem("EPSG:2263")


def test_refusals_follow_the_interface_language(make_window):
    from mixplan.ui.panels.attribute_table import parse_attribute

    window = make_window()
    window.actions_["action_lang_fr"].trigger()
    try:
        assert crs_problem("EPSG:2263") == (
            "EPSG:2263 est en US survey foot ; mixplan travaille en mètres"
        )
        with pytest.raises(ValueError) as refused:
            parse_attribute("ramp", "peut-être")
        assert str(refused.value) == "ramp : oui ou non, pas 'peut-être'"
    finally:
        window.actions_["action_lang_en"].trigger()
    assert crs_problem("EPSG:2263").endswith("mixplan works in metres")


def test_an_edit_after_the_dialog_closed_raises_nothing(make_window, qtbot):
    """Escape closes (and deletes) the dialog; an edit afterwards must not reach
    its deleted fields: each edit raised RuntimeError in the old dialog's
    document.changed handler (an error dialog for the user at every edit)."""
    from tests.ui.helpers import click

    window = make_window()
    dialog = open_settings(window, qtbot)
    with qtbot.waitSignal(dialog.destroyed, timeout=2000):
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    click(window, 20, 15)  # b1
    assert window.document.selection == ["b1"]
    errors: list[BaseException] = []
    hook = sys.excepthook
    sys.excepthook = lambda _t, value, _tb: errors.append(value)
    try:
        window.site_view.setFocus()
        QTest.keyClick(window.site_view, Qt.Key.Key_Delete)
    finally:
        sys.excepthook = hook
    assert "b1" not in window.document.scenario.buildings
    assert errors == []


def test_the_crs_list_is_pyprojs_once_each_by_name_then_code():
    """The list read from PROJ's database equals what pyproj's own query gives
    (projected EPSG CRSs, not deprecated), without its repeats."""
    from pyproj.database import query_crs_info
    from pyproj.enums import PJType

    from mixplan.ui.project_settings import projected_crs_list

    infos = query_crs_info(
        auth_name="EPSG", pj_types=PJType.PROJECTED_CRS, allow_deprecated=False
    )
    expected = {(f"EPSG:{i.code}", i.name) for i in infos}
    listed = projected_crs_list()
    assert len(listed) == len(set(listed))
    assert set(listed) == expected
    assert listed == sorted(listed, key=lambda c: (c[1], c[0]))
    assert ("EPSG:2154", "RGF93 v1 / Lambert-93") in listed


def test_the_proj_database_found_without_pyproj_is_pyprojs():
    from pathlib import Path

    from pyproj.datadir import get_data_dir

    from mixplan.ui.project_settings import _proj_database

    assert _proj_database() == Path(get_data_dir()) / "proj.db"


def test_a_refresh_while_a_field_is_selected_keeps_the_selection(make_window, qtbot):
    # The dialog refreshes its fields whenever the project changes or the CRS
    # list (read in the background) arrives; a slow machine delivers that
    # after the user has selected a field's text: what they type must still
    # replace it, not be added to it.
    window = make_window()
    dialog = open_settings(window, qtbot)
    name = dialog.findChild(QLineEdit, "project_name")
    QTest.mouseClick(name, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(name.hasFocus)
    QTest.keyClick(name, Qt.Key.Key_End)
    QTest.keyClick(name, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    assert name.selectedText() == "Small site"
    # (another edit reaches the document meanwhile: the author, set elsewhere)
    window.document.push(SetProjectSetting("author", "Agence Sud", "Edit"))
    assert dialog.findChild(QLineEdit, "project_author").text() == "Agence Sud"
    assert name.selectedText() == "Small site"
    QTest.keyClicks(name, "Parc Sud")
    QTest.keyClick(name, Qt.Key.Key_Return)
    assert window.document.project.name == "Parc Sud"
