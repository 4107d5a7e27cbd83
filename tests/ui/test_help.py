"""The user guide (F1, Help ▸ User guide, the "?" of each panel) and the first start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QToolButton

from mixplan.ui.help import HelpWindow, guide_html, sections


def _guide(window) -> HelpWindow:
    guide = window.findChild(HelpWindow, "help_window")
    assert guide is not None and guide.isVisible()
    return guide


def test_f1_opens_the_guide_in_english_then_in_french(qtbot, make_window):
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.site_view.setFocus()
    QTest.keyClick(window.site_view, Qt.Key.Key_F1)
    guide = _guide(window)
    text = guide.browser.toPlainText()
    assert "Getting started: from a BD TOPO extract to a council PDF" in text
    # The rules chapter is the engine's own reference: every rule is there.
    from mixplan.engine.rules import RULES

    assert all(rule in text for rule in RULES)
    window.findChild(
        type(window.actions_["action_lang_fr"]), "action_lang_fr"
    ).trigger()
    try:
        text = guide.browser.toPlainText()
        assert "Premiers pas" in text and "Getting started" not in text
        assert guide.windowTitle() == "mixplan — guide d'utilisation"
    finally:
        window.actions_["action_lang_en"].trigger()


def test_search_lists_sections_and_ignores_accents(qtbot, make_window):
    window = make_window()
    window.actions_["action_lang_fr"].trigger()
    try:
        window.findChild(
            type(window.actions_["action_lang_fr"]), "action_help"
        ).trigger()
        guide = _guide(window)
        guide.search.setFocus()
        QTest.keyClicks(guide.search, "georeferencement")  # typed without accents
        titles = [guide.contents.item(i).text() for i in range(guide.contents.count())]
        assert "Fonds de plan et couches de référence" in titles
        assert "Raccourcis clavier" not in titles
        guide.search.clear()
        QTest.keyClicks(guide.search, "monte-charge")
        QTest.keyClick(guide.search, Qt.Key.Key_Return)
        assert guide.browser.textCursor().selectedText() == "monte-charge"
        guide.search.clear()
        QTest.keyClicks(guide.search, "zzzz")
        assert guide.contents.count() == 0
        assert guide.status.text() == "Rien dans le guide ne correspond."
    finally:
        window.actions_["action_lang_en"].trigger()


def test_every_panel_has_a_question_mark_to_its_section(qtbot, make_window):
    window = make_window()
    button = window.findChild(QToolButton, "dock_inspector_help")
    assert button is not None and button.isVisible()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    guide = _guide(window)
    # Scrolled to "Levels and uses": that heading is at the top of the view.
    top = guide.browser.cursorForPosition(guide.browser.viewport().rect().topLeft())
    assert (
        "Levels and uses" in top.block().text()
        or guide.browser.verticalScrollBar().value() > 0
    )
    for dock in ("dock_scenarios", "dock_findings", "dock_layers", "dock_history"):
        assert window.findChild(QToolButton, f"{dock}_help") is not None


def test_the_guide_sections_are_the_same_in_both_languages():
    english = [anchor for anchor, *_ in sections(guide_html("en"))]
    french = [anchor for anchor, *_ in sections(guide_html("fr"))]
    assert english == french and len(english) >= 10


def test_first_start_offers_demo_bdtopo_or_a_file(qtbot, isolated_settings):
    from mixplan.ui.app import create_main_window
    from mixplan.ui.help import WelcomePage

    window = create_main_window(None)
    window.ask_unsaved = lambda: "discard"
    qtbot.addWidget(window)
    assert window.first_start is True
    assert window.document.project.baseline.buildings  # the demo is open behind
    page = WelcomePage(window)
    qtbot.addWidget(page)
    page.open()
    assert {b.objectName() for b in page.findChildren(type(page.demo))} >= {
        "welcome_demo",
        "welcome_bdtopo",
        "welcome_open",
        "welcome_guide",
    }
    QTest.mouseClick(page.guide, Qt.MouseButton.LeftButton)
    assert page.result() == QDialog.DialogCode.Accepted
    assert _guide(window).isVisible()
    # The second start is not a first start.
    again = create_main_window(None)
    again.ask_unsaved = lambda: "discard"
    qtbot.addWidget(again)
    assert again.first_start is False
    QApplication.processEvents()
