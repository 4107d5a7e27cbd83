"""Start-up (demo on first run, then the last project), settings, languages."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction

from mixplan.model.commands import RemoveBuilding
from mixplan.store import save_project
from mixplan.ui.app import create_main_window
from mixplan.ui.i18n import current_language, install_language
from mixplan.ui.main_window import MainWindow
from mixplan.ui.settings import Settings
from tests.ui.conftest import small_project


@pytest.fixture
def started(qtbot, monkeypatch):
    """create_main_window, with each window closed without questions."""
    monkeypatch.setattr(MainWindow, "ask_unsaved", lambda self: "discard")

    def start(path=None):
        window = create_main_window(path)
        qtbot.addWidget(window)
        window.wait_for_file_job()  # the project is opened in the background
        return window

    return start


def test_first_run_opens_the_demo_then_the_last_project(started, tmp_path):
    from mixplan.store.demo import build_demo

    first = started()
    assert first.document.project.name == build_demo().name
    assert first.document.path is None
    assert len(first.site_view.site_scene.buildings) == len(
        build_demo().baseline.buildings
    )
    assert not Settings().first_run()
    saved = tmp_path / "mine.mixplan.gpkg"
    save_project(small_project(), saved)
    assert first.open_path(saved)
    first.wait_for_file_job()
    first.close()
    second = started()
    assert second.document.path == saved.resolve()
    assert second.document.project.name == "Small site"


def test_a_path_given_is_opened(started, tmp_path):
    saved = tmp_path / "given.mixplan.gpkg"
    save_project(small_project(), saved)
    window = started(saved)
    assert window.document.path == saved.resolve()


def test_recent_files_are_kept_newest_first(tmp_path):
    settings = Settings()
    for name in ("a", "b", "a"):
        settings.add_recent_file(tmp_path / f"{name}.mixplan.gpkg")
    assert [p.name for p in Settings().recent_files()] == [
        "a.mixplan.gpkg",
        "b.mixplan.gpkg",
    ]


def test_layout_is_saved_on_close(make_window):
    window = make_window()
    window.panel_docks["dock_findings"].hide()
    window.close()
    geometry, state = Settings().window_state()
    assert geometry and state
    again = make_window()
    assert not again.panel_docks["dock_findings"].isVisible()


def test_switching_to_french_and_back(make_window):
    window = make_window()
    try:
        window.set_language("fr")
        assert current_language() == "fr"
        assert Settings().language() == "fr"
        assert window.findChild(QAction, "action_new").text() == "&Nouveau"
        assert window.menus.file.title() == "&Fichier"
        assert window.scenarios_dock.windowTitle() == "Scénarios"
        assert window.scenarios_dock.list.item(0).text() == "Existing (existant)"
        window.document.push(RemoveBuilding("S1", "b1"))
        assert window.undo_action.text() == "Annuler Supprimer le bâtiment"
        window.set_language("en")
        assert window.findChild(QAction, "action_new").text() == "&New"
        assert window.menus.file.title() == "&File"
    finally:
        install_language("en")


def test_english_plural_forms(make_window):
    from PySide6.QtCore import QCoreApplication

    install_language("en")
    translate = QCoreApplication.translate
    assert translate("StatusReadouts", "%n error(s)", "", 1) == "1 error"
    assert translate("StatusReadouts", "%n error(s)", "", 3) == "3 errors"


def test_status_bar_counts_errors_in_words(make_window):
    window = make_window()
    install_language("en")
    window.status.show_errors(1)
    assert window.status.errors.text() == "1 error"
    window.status.show_errors(0)
    assert window.status.errors.text() == "No errors"


def test_macos_open_document_event_opens_the_file(make_window, tmp_path):
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from mixplan.ui.app import FileOpenHandler

    saved = tmp_path / "finder.mixplan.gpkg"
    project = small_project()
    project.name = "Opened from Finder"
    save_project(project, saved)
    window = make_window()
    app = QApplication.instance()
    handler = FileOpenHandler(window)
    app.installEventFilter(handler)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(saved)))
    finally:
        app.removeEventFilter(handler)
    window.wait_for_file_job()
    assert window.document.path == saved
    assert window.document.project.name == "Opened from Finder"
