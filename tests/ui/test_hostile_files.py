"""The editor on hostile or half-saved files: told, never changed (issue 14)."""

from __future__ import annotations

import shutil
import sqlite3

from PySide6.QtGui import QAction

from mixplan.store import save_project
from mixplan.ui.errors import open_error_dialogs
from tests.ui.conftest import small_project


def crashed_copy(saved, into):
    """What a kill during an incremental save leaves: pages spilled + journal."""
    writer = sqlite3.connect(saved, isolation_level=None)
    writer.execute("PRAGMA cache_size = 1")
    writer.execute("BEGIN")
    writer.execute("DELETE FROM levels")
    writer.execute("DELETE FROM buildings")
    shutil.copyfile(saved, into)
    shutil.copyfile(f"{saved}-journal", f"{into}-journal")
    writer.execute("ROLLBACK")
    writer.close()


def test_opening_a_half_saved_project_says_so_and_saving_keeps_it(
    make_window, tmp_path, monkeypatch
):
    saved = tmp_path / "saved.mixplan.gpkg"
    save_project(small_project(), saved)
    crashed = tmp_path / "crashed.mixplan.gpkg"
    crashed_copy(saved, crashed)
    journal = tmp_path / "crashed.mixplan.gpkg-journal"
    before = crashed.read_bytes(), journal.read_bytes()
    window = make_window()
    assert window.open_path(crashed)
    window.wait_for_file_job()
    window.wait_for_file_job()  # opened in the background
    assert window.document.project == small_project()
    texts = [b.text() for b in open_error_dialogs()]
    assert any("recovered copy" in t for t in texts), texts
    assert window.isWindowModified()  # closing asks; the recovered state is not saved
    assert (crashed.read_bytes(), journal.read_bytes()) == before
    for box in open_error_dialogs():
        box.close()
    window.findChild(QAction, "action_save").trigger()
    window.wait_for_file_job()
    assert not journal.exists() and not window.isWindowModified()
    assert crashed.read_bytes() != before[0]


def test_starting_on_a_file_offers_its_recovery_copy(qtbot, tmp_path, monkeypatch):
    from mixplan.model.commands import RemoveBuilding
    from mixplan.ui.app import create_main_window
    from mixplan.ui.main_window import MainWindow

    path = tmp_path / "site.mixplan.gpkg"
    save_project(small_project(), path)
    first = create_main_window(path)
    qtbot.addWidget(first)
    first.wait_for_file_job()
    first.document.push(RemoveBuilding("Existing", "b2"))
    assert first.autosaver.save_now()
    first.autosaver.abandon()  # the process "dies"
    offered = []
    monkeypatch.setattr(
        MainWindow, "ask_recovery", lambda self, r: offered.append(r) or "recover"
    )
    monkeypatch.setattr(MainWindow, "ask_unsaved", lambda self: "discard")
    # What a double-click on the file runs: mixplan FILE.gpkg -> open FILE.gpkg.
    second = create_main_window(path)
    qtbot.addWidget(second)
    second.wait_for_file_job()
    assert [r.source for r in offered] == [path.resolve()]
    assert set(second.document.project.baseline.buildings) == {"b1"}
    assert second.document.path == path.resolve()
    assert second.isWindowModified()


def test_the_autosave_note_is_replaced_atomically(make_window):
    from mixplan.model.commands import RemoveBuilding

    window = make_window()
    window.document.push(RemoveBuilding("S1", "b1"))
    assert window.autosaver.save_now()
    note = window.autosaver.note_path
    first = note.stat().st_ino
    window.document.push(RemoveBuilding("S1", "b2"))
    assert window.autosaver.save_now()
    # A new file renamed over the old one (write_text would keep the inode and
    # leave an empty note if killed while writing).
    assert note.stat().st_ino != first
    assert sorted(p.name for p in note.parent.iterdir() if p.name.startswith(".")) == []


def test_the_recovered_project_equals_the_edited_one_field_for_field(
    make_window, monkeypatch
):
    import dataclasses

    from mixplan.model.commands import RemoveBuilding, SetLevelHeight

    first = make_window()
    first.document.project.author = "A. Urbaniste"
    first.document.push(RemoveBuilding("S1", "b2"))
    first.document.push(SetLevelHeight("Existing", "b1", 0, 6.5))
    edited = first.document.project
    assert first.autosaver.save_now()
    first.autosaver.abandon()
    second = make_window()
    monkeypatch.setattr(second, "ask_recovery", lambda r: "recover")
    assert second.offer_recovery()
    recovered = second.document.project
    for field in dataclasses.fields(edited):
        if field.compare:
            assert getattr(recovered, field.name) == getattr(edited, field.name), field
    assert recovered.author == "A. Urbaniste"
