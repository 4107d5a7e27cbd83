"""Save, reopen, errors naming the file, autosave, crash and recovery."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox

from mixplan.model.commands import RemoveBuilding
from mixplan.store import open_project
from mixplan.ui.autosave import find_recoveries
from mixplan.ui.errors import install_excepthook, open_error_dialogs, setup_logging
from mixplan.ui.settings import Settings, log_path


def error_dialog_texts() -> list[str]:
    return [b.text() + "\n" + b.informativeText() for b in open_error_dialogs()]


def close_dialogs() -> None:
    for box in open_error_dialogs():
        box.close()


def test_an_error_dialog_deleted_with_its_parent_is_no_longer_listed(qtbot):
    # (a dialog closed while its error was open: the next test asking which
    # error dialogs are open raised "already deleted" — seen in reverse order)
    import shiboken6
    from PySide6.QtWidgets import QDialog

    from mixplan.ui.errors import show_error

    shown = open_error_dialogs()
    parent = QDialog()
    parent.show()
    qtbot.waitExposed(parent)
    box = show_error(parent, "notes.gpkg is not a mixplan project")
    qtbot.waitUntil(box.isVisible)
    assert open_error_dialogs() == [*shown, box]
    shiboken6.delete(parent)
    assert not shiboken6.isValid(box)
    assert open_error_dialogs() == shown


def test_save_then_reopen(make_window, tmp_path, monkeypatch):
    window = make_window()
    window.document.push(RemoveBuilding("S1", "b2"))
    target = tmp_path / "site"  # the suffix is added
    monkeypatch.setattr(
        window, "ask_save_path", lambda: target.with_name("site.mixplan.gpkg")
    )
    window.findChild(QAction, "action_save").trigger()
    assert window.file_busy()  # saved in the background...
    window.wait_for_file_job()  # ...until it ends
    saved = tmp_path / "site.mixplan.gpkg"
    assert saved.is_file()
    assert not window.isWindowModified()
    assert window.document.path == saved.resolve()
    assert "site.mixplan.gpkg" in window.windowTitle()
    assert Settings().recent_files()[0] == saved.resolve()
    # An incremental save of one more edit, then a fresh window reads it all.
    window.document.push(RemoveBuilding("S1", "b1"))
    window.findChild(QAction, "action_save").trigger()
    window.wait_for_file_job()
    reopened = make_window()
    assert reopened.open_path(saved)
    reopened.wait_for_file_job()
    assert set(reopened.document.project.scenario("S1").buildings) == set()
    assert set(reopened.document.project.baseline.buildings) == {"b1", "b2"}
    assert not reopened.isWindowModified()


def test_open_a_bad_file_shows_its_name_and_keeps_the_project(make_window, tmp_path):
    window = make_window()
    project = window.document.project
    bad = tmp_path / "notes.gpkg"
    bad.write_text("not a database", encoding="utf-8")
    window.open_path(bad)
    window.wait_for_file_job()
    assert window.document.project is project
    texts = error_dialog_texts()
    assert any(str(bad) in t for t in texts), texts
    close_dialogs()


def test_a_foreign_geopackage_offers_import(make_window, tmp_path, monkeypatch):
    import numpy as np
    import shapely
    from pyogrio.raw import write

    foreign = tmp_path / "parcels.gpkg"
    geometry = np.array(shapely.to_wkb([shapely.box(0, 0, 10, 10)]), dtype=object)
    write(
        foreign,
        geometry,
        [np.array(["A"], dtype=object)],
        fields=["name"],
        layer="parcels",
        driver="GPKG",
        geometry_type="Polygon",
        crs="EPSG:2154",
    )
    window = make_window()
    project = window.document.project
    asked, imported = [], []
    monkeypatch.setattr(
        window, "ask_import_geopackage", lambda path: asked.append(path) or True
    )
    monkeypatch.setattr(window, "import_file", lambda path=None: imported.append(path))
    window.open_path(foreign)
    window.wait_for_file_job()
    assert asked == [foreign] and imported == [foreign]
    assert window.document.project is project


def test_save_failure_names_the_file_and_keeps_changes(
    make_window, tmp_path, monkeypatch
):
    window = make_window()
    window.document.push(RemoveBuilding("S1", "b2"))
    target = tmp_path / "missing-folder" / "x.mixplan.gpkg"
    window.save_to(target)
    window.wait_for_file_job()
    assert window.isWindowModified()
    assert any(str(target) in t for t in error_dialog_texts())
    close_dialogs()


def test_autosave_crash_recovery_and_again(make_window, tmp_path, monkeypatch):
    first = make_window()
    first.autosaver.edits_per_save = 3
    for building in ("b1", "b2"):
        first.document.push(RemoveBuilding("S1", building))
    assert not first.autosaver.path.exists()  # two edits: not yet
    first.document.push(RemoveBuilding("Existing", "b2"))
    first.autosaver.wait()  # the third edit autosaves, in the background
    assert first.autosaver.path.exists()
    assert find_recoveries() == []  # a live window's copy is not offered
    first.autosaver.abandon()  # the process "dies" without closing

    second = make_window()
    offered = []
    monkeypatch.setattr(
        second, "ask_recovery", lambda r: offered.append(r) or "recover"
    )
    assert second.offer_recovery()
    assert len(offered) == 1 and offered[0].project_name == "Small site"
    project = second.document.project
    assert set(project.scenario("S1").buildings) == set()
    assert set(project.baseline.buildings) == {"b1"}
    assert second.isWindowModified()  # recovered work is unsaved work
    second.autosaver.abandon()  # crashes again before saving

    third = make_window()
    monkeypatch.setattr(third, "ask_recovery", lambda r: "recover")
    assert third.offer_recovery()
    assert set(third.document.project.baseline.buildings) == {"b1"}
    monkeypatch.setattr(third, "ask_save_path", lambda: tmp_path / "r.mixplan.gpkg")
    assert third.save()
    third.wait_for_file_job()
    assert find_recoveries() == []
    assert not third.autosaver.path.exists()
    assert set(open_project(tmp_path / "r.mixplan.gpkg").baseline.buildings) == {"b1"}


def test_declining_recovery_keeps_it_and_discarding_removes_it(
    make_window, monkeypatch
):
    first = make_window()
    first.document.push(RemoveBuilding("S1", "b1"))
    assert first.autosaver.save_now()
    first.autosaver.abandon()
    second = make_window()
    monkeypatch.setattr(second, "ask_recovery", lambda r: "later")
    assert not second.offer_recovery()
    assert len(find_recoveries()) == 1
    monkeypatch.setattr(second, "ask_recovery", lambda r: "discard")
    assert not second.offer_recovery()
    assert find_recoveries() == []


def test_autosave_every_interval_when_modified(make_window, qtbot):
    window = make_window()
    window.autosaver.timer.setInterval(50)
    window.document.push(RemoveBuilding("S1", "b1"))
    qtbot.waitUntil(window.autosaver.path.exists, timeout=3000)
    assert set(open_project(window.autosaver.path).scenario("S1").buildings) == {"b2"}


@pytest.mark.qt_no_exception_capture
def test_a_failing_slot_shows_a_dialog_and_keeps_the_project(
    make_window, qtbot, capsys
):
    import sys

    setup_logging()
    window = make_window()
    project = window.document.project
    buildings = dict(project.scenario("S1").buildings)
    saved_hook = sys.excepthook
    install_excepthook(lambda: window)
    try:

        def broken() -> None:
            raise RuntimeError("a bug in a slot")

        action = QAction("broken", window)
        action.triggered.connect(broken)
        action.trigger()
        qtbot.waitUntil(lambda: bool(open_error_dialogs()), timeout=3000)
    finally:
        sys.excepthook = saved_hook
    box = open_error_dialogs()[0]
    assert box.icon() == QMessageBox.Icon.Warning
    assert "still open and unchanged" in box.text()
    assert "mixplan.log" in box.informativeText()
    assert "Traceback" not in box.text() + box.informativeText()
    assert window.isVisible()
    assert window.document.project is project
    assert project.scenario("S1").buildings == buildings
    assert "Traceback" not in capsys.readouterr().err
    assert "RuntimeError: a bug in a slot" in log_path().read_text(encoding="utf-8")
    box.close()
    QApplication.processEvents()


def test_a_save_during_a_background_autosave_leaves_no_copy(
    make_window, tmp_path, monkeypatch
):
    window = make_window()
    window.document.push(RemoveBuilding("S1", "b1"))
    window.autosaver.save_if_dirty()  # starts writing in a thread
    monkeypatch.setattr(window, "ask_save_path", lambda: tmp_path / "s.mixplan.gpkg")
    assert window.save()  # discards the recovery copy, maybe before it lands
    window.wait_for_file_job()
    window.autosaver.wait()
    assert not window.autosaver.path.exists()
    assert not window.autosaver.note_path.exists()
    assert find_recoveries() == []


def test_autosaves_after_the_first_rewrite_only_what_the_edits_touched(
    make_window, qtbot
):
    """The first autosave writes the slot whole; the next ones update it in place
    with the rows the edits since touched (the same file: writing a 10,000-building
    project whole took 1.6 s of the autosave's thread, the GUI thread waiting for
    the GIL). Each copy holds the project as it was, undo included."""
    import os

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.ui.helpers import click

    window = make_window()
    document, autosaver = window.document, window.autosaver
    autosaver.edits_per_save = 2
    document.set_scenario("S1")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    def delete(bid: str) -> None:
        point = document.scenario.buildings[bid].footprint.representative_point()
        click(window, point.x, point.y)
        assert document.selection == [bid]
        window.site_view.setFocus()
        QTest.keyClick(window.site_view, Qt.Key.Key_Delete)

    def copy_matches() -> None:
        autosaver.wait()
        copy = open_project(autosaver.path)
        for scenario in document.project.scenarios:
            assert copy.scenario(scenario.name).buildings == scenario.buildings
            assert copy.scenario(scenario.name).removed == scenario.removed

    delete("b1")
    delete("b2")
    copy_matches()  # two edits: the first copy, whole
    assert document.scenario.buildings == {}
    first = os.stat(autosaver.path).st_ino

    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert set(document.scenario.buildings) == {"b2"}  # undone
    document.set_scenario("Existing")
    delete("b1")
    copy_matches()  # written in place: the same file
    assert set(document.project.baseline.buildings) == {"b2"}
    assert os.stat(autosaver.path).st_ino == first
