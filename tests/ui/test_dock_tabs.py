"""The panels sharing a place as tabs: no stray tab bar, the tabs there when shown."""

from __future__ import annotations

from PySide6.QtWidgets import QTabBar


def _tab_bars_in_the_window(window) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The titles of each tab bar shown inside the window (Qt parks unused ones out)."""
    return [
        [bar.tabText(k) for k in range(bar.count())]
        for bar in window.findChildren(QTabBar)
        if bar.isVisible() and window.rect().intersects(bar.geometry())
    ]


def _balance_shown_as_a_tab(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.actions_["action_lang_fr"].trigger()
    try:
        indicators = window.panel_docks["dock_indicators"]
        balance = window.panel_docks["dock_balance"]
        balance.toggleViewAction().trigger()  # View ▸ Panels ▸ Financial balance
        qtbot.waitUntil(balance.isVisible)
        qtbot.waitUntil(
            lambda: (
                ["Indicateurs", "Bilan financier"] in _tab_bars_in_the_window(window)
            )
        )
        assert window.tabifiedDockWidgets(indicators) == [balance]
    finally:
        window.actions_["action_lang_en"].trigger()


def test_the_first_window_makes_the_tabs_without_a_stray_tab_bar(make_window, qtbot):
    window = make_window()
    assert _tab_bars_in_the_window(window) == []
    qtbot.wait(50)  # (the tabs are made once the window is shown)
    assert _tab_bars_in_the_window(window) == []
    _balance_shown_as_a_tab(window, qtbot)


def test_a_window_opened_on_its_saved_layout_has_no_stray_tab_bar(make_window, qtbot):
    first = make_window()
    qtbot.wait(50)
    first.close()  # (saves the window's layout)
    window = make_window()
    # The old window, opened on a saved layout, showed the tab bar of the
    # indicators and the (hidden) balance at its top left, over the File menu
    # (and in the language it started in).
    assert _tab_bars_in_the_window(window) == []
    qtbot.wait(50)
    assert _tab_bars_in_the_window(window) == []
    _balance_shown_as_a_tab(window, qtbot)
