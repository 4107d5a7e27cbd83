# ruff: noqa: F811 - "three" is the editing tests' fixture, taken as a parameter
"""The typology library: a typology made from a building, shared, applied to three."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from mixplan.store.typology_io import read_typologies
from mixplan.ui.typology_library import TypologyDialog, library_path
from tests.ui.test_editing import inspector, three  # noqa: F401 - the fixture


def _open_dialog(window) -> TypologyDialog:
    menu = window.menus.scenario
    action = next(a for a in menu.actions() if a.objectName() == "action_typologies")
    assert action.text() == "&Typologies…"
    action.trigger()
    dialog = window.findChild(TypologyDialog, "typology_dialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def _apply_from_menu(window, qtbot, key: str) -> None:
    panel = inspector(window)
    menu = panel.preset_button.menu()
    clicked = []

    def click_in_menu() -> None:
        action = next(a for a in menu.actions() if a.objectName() == f"preset_{key}")
        QTest.mouseClick(
            menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center()
        )
        clicked.append(True)

    QTimer.singleShot(300, click_in_menu)
    QTest.mouseClick(panel.preset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(clicked) and not menu.isVisible())


def test_a_typology_made_from_a_building_goes_to_three_in_one_step(
    three,
    qtbot,
    monkeypatch,  # noqa: F811
):
    window = three
    stack = window.document.undo_stack
    # b1 (the workshop: 5 m craft + 4 m craft with a freight lift) becomes a typology.
    window.document.set_selection(["b1"])
    dialog = _open_dialog(window)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Atelier R+1", True))
    QTest.mouseClick(dialog.from_building, Qt.MouseButton.LeftButton)
    assert stack.count() == 1
    (typology,) = window.document.project.typologies
    assert typology.key == "Atelier_R_1" and typology.label_en == "Atelier R+1"
    assert [lv.height_m for lv in typology.levels] == [5.0, 4.0]
    assert "project" in dialog.list.currentItem().text()
    dialog.close()
    # Select the three buildings again and apply it from the inspector's menu.
    window.document.set_selection(["b1", "b2", "b3"])
    _apply_from_menu(window, qtbot, "Atelier_R_1")
    buildings = window.document.scenario.buildings
    for building_id in ("b1", "b2", "b3"):
        levels = buildings[building_id].levels
        assert [lv.height_m for lv in levels] == [5.0, 4.0], building_id
        assert [lv.use_shares() for lv in levels] == [{"craft": 1.0}] * 2
    assert stack.count() == 2
    stack.undo()
    assert buildings["b3"].levels[0].use_shares() == {"warehouse": 1.0}


def test_the_user_library_is_shared_by_every_project(
    three,
    qtbot,
    make_window,  # noqa: F811
    isolated_settings,
):
    window = three
    window.document.set_selection(["b2"])
    dialog = _open_dialog(window)
    assert dialog.add_from_building("b2", "Logements R+1")
    QTest.mouseClick(dialog.to_library, Qt.MouseButton.LeftButton)
    saved = read_typologies(library_path())
    assert [t.key for t in saved] == ["Logements_R_1"]
    assert library_path().parent == isolated_settings
    # Another project, in another window, offers it.
    other = make_window()
    other_dialog = _open_dialog(other)
    keys = [
        other_dialog.list.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(other_dialog.list.count())
    ]
    assert "Logements_R_1" in keys and "industrial_hotel" in keys
    assert other.document.project.typologies == ()


def test_import_export_and_a_bad_file(three, qtbot, tmp_path):  # noqa: F811
    window = three
    dialog = _open_dialog(window)
    assert dialog.add_from_building("b1", "Socle")
    out = tmp_path / "mine.toml"
    assert dialog.export_to(out)
    exported = read_typologies(out)
    assert "Socle" in {t.key for t in exported} and len(exported) >= 7
    window.document.undo_stack.undo()
    assert window.document.project.typologies == ()
    stack = window.document.undo_stack
    before = stack.index()
    assert dialog.import_from(out) == len(exported)
    assert stack.index() == before + 1  # one step for all
    assert stack.undoText() == "Import typologies"
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[typology]]\nkey = "x"\nlevels = [{height_m = -3, uses = {craft = 1.0}}]\n'
    )
    count = stack.index()
    assert dialog.import_from(bad) == 0
    box = dialog.findChild(QMessageBox, "error_dialog")
    assert box is not None
    assert "bad.toml" in box.text() and "height_m" in box.text()
    assert "\n" not in box.text()
    assert stack.index() == count


@pytest.mark.parametrize("lang", ["fr"])
def test_the_dialog_reads_french(three, lang):  # noqa: F811
    window = three
    window.actions_["action_lang_fr"].trigger()
    try:
        dialog = _open_dialog_fr(window)
        assert dialog.windowTitle() == "Typologies"
        assert dialog.to_library.text() == "Copier dans ma bibliothèque"
    finally:
        window.actions_["action_lang_en"].trigger()


def _open_dialog_fr(window) -> TypologyDialog:
    action = next(
        a
        for a in window.menus.scenario.actions()
        if a.objectName() == "action_typologies"
    )
    assert action.text() == "&Typologies…"
    action.trigger()
    return window.findChild(TypologyDialog, "typology_dialog")


def test_a_typology_is_edited_through_a_building(three, qtbot):
    """Apply, change the building in the inspector's model, update: one step."""
    from dataclasses import replace

    from mixplan.model.commands import ReplaceBuilding

    window = three
    window.document.set_selection(["b1"])
    dialog = _open_dialog(window)
    assert dialog.add_from_building("b1", "Atelier")
    b1 = window.document.scenario.buildings["b1"]
    taller = replace(b1, levels=(replace(b1.levels[0], height_m=6.0), *b1.levels[1:]))
    window.document.push(ReplaceBuilding(window.document.current_scenario, taller))
    stack = window.document.undo_stack
    before = stack.index()
    QTest.mouseClick(dialog.update_button, Qt.MouseButton.LeftButton)
    assert stack.index() == before + 1
    assert stack.undoText() == "Update typology"
    (typology,) = window.document.project.typologies
    assert [lv.height_m for lv in typology.levels] == [6.0, 4.0]
    assert typology.label_en == "Atelier"
