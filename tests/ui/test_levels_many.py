"""A level's value typed or chosen in the levels table for thousands of
selected buildings (Ctrl+A): the new buildings made in steps after the commit,
under a busy cursor, then pushed as one undo step (SetLevels); the same storey
of each, whatever its basements; the editor's second commit adds nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QTableView, QToolButton

from mixplan.model import Level
from mixplan.model.commands import AddLevel, SetLevelHeight
from mixplan.ui.panels.levels import LevelsTableModel
from mixplan.ui.prepared_push import PREPARED_FROM
from tests.ui.test_busy_many import _cursors_when_changed, _select_all
from tests.ui.test_editing import click_cell, levels_view, type_text
from tests.ui.test_scale_views import grid

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
#: the grid's buildings: b3 and b6 of scenario S with a basement, b5's
#: ground floor 4.25 m already (the others 4.0 m, craft; their upper floor
#: 3.0 m, housing)
COUNT = PREPARED_FROM + 10


def _park_window(make_window, qtbot):  # type: ignore[no-untyped-def]
    project = grid(COUNT)
    for bid in ("b3", "b6"):
        AddLevel("S", bid, Level.of(2.8, "parking"), 0, below_ground=True).apply(
            project
        )
    SetLevelHeight("S", "b5", 0, 4.25).apply(project)
    window = make_window(project)
    window.findChild(QAction, "action_show_labels").setChecked(False)
    window.document.set_scenario("S")
    scene = window.site_view.site_scene
    qtbot.waitUntil(lambda: not scene.rebuilding, timeout=10_000)
    _select_all(window, qtbot)
    assert len(window.document.selection) == COUNT
    return window


def _ground_row(window) -> int:  # type: ignore[no-untyped-def]
    model = levels_view(window).model()
    shown = window.document.scenario.buildings[model.building_id]
    return model.row_of(shown.basements)


def _settled(window, qtbot, steps: int) -> None:  # type: ignore[no-untyped-def]
    document = window.document
    qtbot.waitUntil(
        lambda: not document.edits_held and document.undo_stack.count() == steps,
        timeout=20_000,
    )


def test_a_height_typed_for_thousands_is_pushed_in_its_turn(make_window, qtbot):
    window = _park_window(make_window, qtbot)
    document = window.document
    before = dict(document.scenario.buildings)
    changes: list[object] = []
    document.changed.connect(changes.append)
    shapes = _cursors_when_changed(window)
    view = levels_view(window)
    click_cell(qtbot, view, _ground_row(window), LevelsTableModel.HEIGHT)
    type_text("4.25")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    # Made in steps after the commit: nothing changed yet, edits wait for it.
    assert document.edits_held and not changes
    assert document.scenario.buildings["b0"] is before["b0"]
    _settled(window, qtbot, 1)
    buildings = document.scenario.buildings
    for bid, old in before.items():
        new, ground = buildings[bid], old.basements
        assert new.levels[ground].height_m == 4.25, bid
        assert all(
            new.levels[k] is old.levels[k]
            for k in range(len(old.levels))
            if k != ground
        ), bid
    assert buildings["b3"].levels[0].height_m == 2.8  # (its basement kept)
    assert buildings["b5"] is before["b5"]  # (had it: untouched)
    # One change, of every building but b5, pushed under the busy cursor;
    # the editor's second commit of the same value added nothing.
    assert [(c.scenario, c.buildings) for c in changes] == [
        ("S", frozenset(before) - {"b5"})
    ]
    assert shapes == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None
    assert window.undo_action.text() == "Undo Set level height"
    model = view.model()
    assert model.index(_ground_row(window), model.HEIGHT).data() == "4.25"
    QTest.keyClick(window.site_view, Qt.Key.Key_Z, CTRL)
    assert dict(buildings) == before
    assert all(buildings[bid] is old for bid, old in before.items())
    QTest.keyClick(window.site_view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert {b.levels[b.basements].height_m for b in buildings.values()} == {4.25}


def _choose_next(window, qtbot, column: int) -> None:  # type: ignore[no-untyped-def]
    """Open the cell's list (F2), take the next choice (Down), Return."""
    view = levels_view(window)
    click_cell(qtbot, view, _ground_row(window), column)
    QTest.keyClick(view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    QTest.keyClick(combo, Qt.Key.Key_Down)
    QTest.keyClick(combo, Qt.Key.Key_Return)


def test_a_load_an_access_and_a_nuisance_class_for_thousands(make_window, qtbot):
    window = _park_window(make_window, qtbot)
    document = window.document
    before = dict(document.scenario.buildings)
    view = levels_view(window)
    click_cell(qtbot, view, _ground_row(window), LevelsTableModel.LOAD)
    type_text("7.5")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    _settled(window, qtbot, 1)
    _choose_next(window, qtbot, LevelsTableModel.ACCESS)  # "—", then "Street"
    _settled(window, qtbot, 2)
    _choose_next(window, qtbot, LevelsTableModel.NUISANCE)  # "—", then "NC"
    _settled(window, qtbot, 3)
    buildings = document.scenario.buildings
    for bid, old in before.items():
        ground = buildings[bid].levels[old.basements]
        assert ground.load_kn_m2 == 7.5, bid
        assert ground.access == "street", bid
        assert [(a.use, a.nuisance) for a in ground.uses] == [("craft", "NC")], bid
        assert ground.height_m == old.levels[old.basements].height_m, bid
        assert buildings[bid].levels[-1] is old.levels[-1], bid
    assert window.undo_action.text() == "Undo Set nuisance class"
    for _ in range(3):
        QTest.keyClick(window.site_view, Qt.Key.Key_Z, CTRL)
    assert document.undo_stack.index() == 0
    assert all(buildings[bid] is old for bid, old in before.items())


def test_a_use_added_then_a_share_typed_for_thousands(make_window, qtbot):
    """The ground floor's row clicked, then "Add use" clicked: every selected
    ground floor (craft) takes half unassigned, in one step made after the
    click; then 70 typed as craft's share: 70 % craft, 30 % unassigned, the
    editor's second commit adding nothing. Undone in two steps."""
    window = _park_window(make_window, qtbot)
    document = window.document
    before = dict(document.scenario.buildings)
    click_cell(qtbot, levels_view(window), _ground_row(window), LevelsTableModel.USES)
    add = window.findChild(QToolButton, "use_add")
    QTest.mouseClick(add, Qt.MouseButton.LeftButton)
    assert document.edits_held and document.undo_stack.count() == 0
    _settled(window, qtbot, 1)
    buildings = document.scenario.buildings
    for bid, old in before.items():
        ground = buildings[bid].levels[old.basements]
        assert ground.use_shares() == {"craft": 0.5, "unassigned": 0.5}, bid
        assert buildings[bid].levels[-1] is old.levels[-1], bid
    assert window.undo_action.text() == "Undo Add use"
    uses = window.findChild(QTableView, "uses_table")
    assert uses.model().index(0, 0).data() == "Production craft"
    click_cell(qtbot, uses, 0, uses.model().SHARE)
    QTest.keyClick(uses, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    QTest.keyClick(editor, Qt.Key.Key_A, CTRL)
    type_text("70")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    _settled(window, qtbot, 2)
    assert {
        tuple(sorted(b.levels[b.basements].use_shares().items()))
        for b in buildings.values()
    } == {(("craft", 0.7), ("unassigned", 0.30000000000000004))}
    assert window.undo_action.text() == "Undo Set level uses"
    for _ in range(2):
        QTest.keyClick(window.site_view, Qt.Key.Key_Z, CTRL)
    assert all(buildings[bid] is old for bid, old in before.items())
