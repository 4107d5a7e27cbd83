"""The plan's labels and colours follow the current state, after edits and undos.

b1 "Workshop" of the small site (conftest.py): two craft storeys, R+1, coloured
productive. Removing its top level with the inspector's button makes it R+0; the
productive-base-and-housing preset at R+3 gives it one productive storey under
three of housing, the larger family (3 × 200 m² of housing against 200 m²), so it
is coloured housing; Ctrl+Z brings each back. Real clicks and keys throughout.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QColor
from PySide6.QtTest import QTest

from mixplan.ui.colors import FAMILY_COLORS
from tests.ui.helpers import click, view_point


def _label(window, building_id: str) -> str:
    view = window.site_view
    item = view.site_scene.buildings[building_id]
    point = item.mapToScene(item.anchor)
    (text,) = [t for t, at, _w in view.visible_labels() if at == point]
    return text


def _colour(window, x: float, y: float) -> QColor:
    view = window.site_view
    image = view.viewport().grab().toImage()
    return QColor(image.pixel(view_point(window, x, y)))


def _undo(window) -> None:
    """A click on the toolbar's Undo button (offscreen, no window is active for
    the Ctrl+Z shortcut; the key is tested from the editors in test_editing)."""
    (button,) = [
        b
        for b in (t.widgetForAction(window.undo_action) for t in window.toolbars)
        if b is not None
    ]
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_labels_and_colours_after_edits_and_undo(make_window, qtbot):
    window = make_window()
    view = window.site_view
    view.scale_by(4.0)  # close enough for labels
    view.centerOn(view.site_scene.buildings["b1"].mapToScene(
        view.site_scene.buildings["b1"].anchor))  # fmt: skip
    assert _label(window, "b1") == "Workshop\nR+1"
    click(window, 20, 15)
    assert window.document.selection == ["b1"]
    panel = window.panel("dock_inspector")
    top = panel.levels_model.row_of(1)
    panel.levels_view.selectRow(top)
    QTest.mouseClick(panel.level_buttons["remove"], Qt.MouseButton.LeftButton)
    assert window.document.scenario.buildings["b1"].storeys_label == "R+0"
    assert _label(window, "b1") == "Workshop\nR+0"
    _undo(window)
    assert window.document.scenario.buildings["b1"].storeys_label == "R+1"
    assert _label(window, "b1") == "Workshop\nR+1"

    # Unselected, so the fill is the family colour itself.
    window.findChild(QAction, "action_show_labels").setChecked(False)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert _colour(window, 14, 12) == FAMILY_COLORS["productive"]
    click(window, 20, 15)
    storeys = panel.preset_storeys
    QTest.mouseClick(storeys, Qt.MouseButton.LeftButton)
    storeys.selectAll()
    QTest.keyClicks(storeys, "3", delay=40)
    QTest.keyClick(storeys, Qt.Key.Key_Return)
    menu = panel.preset_button.menu()
    clicked = []

    def click_in_menu() -> None:
        action = next(
            a
            for a in menu.actions()
            if a.objectName() == "preset_productive_base_housing"
        )
        QTest.mouseClick(
            menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center()
        )
        clicked.append(True)

    QTimer.singleShot(300, click_in_menu)
    QTest.mouseClick(panel.preset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(clicked) and not menu.isVisible())
    assert window.document.scenario.buildings["b1"].storeys_label == "R+3"
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert window.document.selection == []
    assert _colour(window, 14, 12) == FAMILY_COLORS["housing"]
    _undo(window)
    assert window.document.scenario.buildings["b1"].storeys_label == "R+1"
    assert _colour(window, 14, 12) == FAMILY_COLORS["productive"]
