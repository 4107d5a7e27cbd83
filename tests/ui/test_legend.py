"""The plan's legend moves where the user drags it and hides from the View menu."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest


def test_the_legend_is_dragged_and_stays_put_on_resize(make_window, qtbot):
    window = make_window()
    legend = window.site_view.legend
    view = window.site_view
    start = legend.pos()
    assert start.x() == 10  # bottom-left at first
    grab = QPoint(20, 10)
    QTest.mousePress(legend, Qt.MouseButton.LeftButton, pos=grab)
    # Drag it to the top-left corner of the plan (and beyond: it stays inside).
    QTest.mouseMove(legend, grab - QPoint(0, start.y() + 50))
    QTest.mouseRelease(
        legend, Qt.MouseButton.LeftButton, pos=grab - QPoint(0, start.y() + 50)
    )
    assert legend.pos() == QPoint(10, 0)
    assert window.document.selection == []  # the drag did not touch the plan
    # Dragged to the right edge, it keeps to that edge when the window grows.
    QTest.mousePress(legend, Qt.MouseButton.LeftButton, pos=grab)
    far = grab + QPoint(view.width() * 2, 0)
    QTest.mouseMove(legend, far)
    QTest.mouseRelease(legend, Qt.MouseButton.LeftButton, pos=far)
    assert legend.geometry().right() == view.width() - 1
    window.resize(window.width() + 120, window.height())
    qtbot.waitUntil(lambda: legend.geometry().right() == view.width() - 1)


def test_the_legend_hides_from_the_view_menu(make_window):
    window = make_window()
    action = window.findChild(QAction, "action_show_legend")
    assert action.isChecked() and window.site_view.legend.isVisible()
    assert action in window.menus.view.actions()
    action.trigger()
    assert not window.site_view.legend.isVisible()
    action.trigger()
    assert window.site_view.legend.isVisible()
