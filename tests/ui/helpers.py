"""Driving the site view with real mouse and key events."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest


def view_point(window, x: float, y: float) -> QPoint:
    """Viewport pixel of model point (x, y)."""
    view = window.site_view
    return view.mapFromScene(view.site_scene.frame.to_scene(x, y))


def click(window, x: float, y: float, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.mouseClick(window.site_view.viewport(), Qt.MouseButton.LeftButton, modifier,
                     view_point(window, x, y))


def double_click(window, x: float, y: float) -> None:
    QTest.mouseDClick(window.site_view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, view_point(window, x, y))


def drag(window, start: tuple[float, float], end: tuple[float, float],
         button=Qt.MouseButton.LeftButton, steps: int = 4,
         modifier=Qt.KeyboardModifier.NoModifier) -> None:
    viewport = window.site_view.viewport()
    a, b = view_point(window, *start), view_point(window, *end)
    QTest.mousePress(viewport, button, modifier, a)
    for i in range(1, steps + 1):
        p = QPoint(a.x() + (b.x() - a.x()) * i // steps,
                   a.y() + (b.y() - a.y()) * i // steps)
        QTest.mouseMove(viewport, p)
    QTest.mouseRelease(viewport, button, modifier, b)


def click_scenario(window, name: str) -> None:
    """Click the scenario whose row starts with ``name`` in ``scenario_list``."""
    from PySide6.QtWidgets import QListWidget

    scenarios = window.findChild(QListWidget, "scenario_list")
    item = scenarios.findItems(name, Qt.MatchFlag.MatchStartsWith)[0]
    QTest.mouseClick(
        scenarios.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        scenarios.visualItemRect(item).center(),
    )


def key(window, key_code, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(window.site_view, key_code, modifier)


def type_text(widget, text: str, delay: int = 2) -> None:
    """Type as a user does, accented letters included.

    (QTest.keyClicks knows ASCII only: an "é" is sent as a French keyboard
    sends it, its key code and its text.)
    """
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char, delay=delay)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, widget, Qt.Key(ord(char.upper())), char,
                Qt.KeyboardModifier.NoModifier, delay,
            )


def answer_text_prompt(text: str) -> None:
    """Types ``text`` into the text prompt about to open, then Enter."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLineEdit

    def answer() -> None:
        prompt = QApplication.activeModalWidget()
        if prompt is None:
            QTimer.singleShot(20, answer)
            return
        field = prompt.findChild(QLineEdit)
        # the proposed name replaced
        QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(field, text)
        QTest.keyClick(field, Qt.Key.Key_Return)

    QTimer.singleShot(20, answer)
