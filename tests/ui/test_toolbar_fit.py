"""The toolbars fit the window: the tools drop their names before the view
buttons at the end of the row would hide behind the overflow arrow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar


def _all_view_buttons_shown(window) -> bool:  # type: ignore[no-untyped-def]
    bar = window.findChild(QToolBar, "toolbar_view")
    return all(bar.widgetForAction(a).isVisible() for a in bar.actions())


def test_the_view_buttons_stay_in_sight_when_the_tools_names_do_not_fit(
    make_window, qtbot
):
    window = make_window()
    window.actions_["action_lang_fr"].trigger()
    tools = window.findChild(QToolBar, "toolbar_tools")
    bars = [
        window.findChild(QToolBar, f"toolbar_{n}") for n in ("file", "tools", "view")
    ]
    try:
        window.resize(2400, 800)
        qtbot.waitUntil(
            lambda: (
                tools.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            )
        )
        qtbot.wait(20)
        named = sum(bar.sizeHint().width() for bar in bars)
        assert _all_view_buttons_shown(window)
        # One pixel short of the row with the tools' names: icons only, and the
        # view buttons at the end of the row are not behind the overflow arrow.
        window.resize(named - 1, 800)
        qtbot.waitUntil(
            lambda: tools.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        qtbot.waitUntil(lambda: _all_view_buttons_shown(window))
        # Just wide enough: the names again.
        window.resize(named, 800)
        qtbot.waitUntil(
            lambda: (
                tools.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            )
        )
        qtbot.waitUntil(lambda: _all_view_buttons_shown(window))
    finally:
        window.actions_["action_lang_en"].trigger()
