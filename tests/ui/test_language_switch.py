"""Language ▸ Français / English from the menu: every text retitled both ways, the
plan left as it is, the closed guide reloaded only when shown again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QTreeView

from mixplan.store.demo import build_demo
from mixplan.ui.help import HelpWindow
from mixplan.ui.settings import Settings
from tests.ui.test_backup_option import click_menu_item


class Painted(QObject):
    """The rectangles painted on each watched widget."""

    def __init__(self, *widgets) -> None:
        super().__init__()
        self.rects: dict[object, list[tuple[int, int, int, int]]] = {}
        for widget in widgets:
            self.rects[widget] = []
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and watched in self.rects:
            self.rects[watched].append(event.rect().getRect())
        return False


def _demo_window(make_window, qtbot):
    project = build_demo()
    window = make_window(project)
    # Résidentialisation: two errors (C09 first among the findings).
    window.document.set_scenario(project.scenarios[3].name)
    qtbot.waitUntil(lambda: window.live_engine.settled, timeout=20_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _first_group(window) -> str:
    tree = window.findChild(QTreeView, "findings_tree")
    model = tree.model()
    return model.index(0, 0).data() if model.rowCount() else ""


def _texts(window) -> dict[str, object]:
    bar = [a.text() for a in window.menuBar().actions()]
    return {
        "file menu": bar[0],
        "language menu": window.menus.language.title(),
        "findings dock": window.panel_docks["dock_findings"].windowTitle(),
        "inspector dock": window.panel_docks["dock_inspector"].windowTitle(),
        "scenarios dock": window.scenarios_dock.windowTitle(),
        "tools toolbar": window.toolbars[1].windowTitle(),
        "legend": [label for _k, _c, label in window.site_view.legend.entries()][:2],
        "status errors": window.findChild(QLabel, "status_errors").text(),
    }


#: (language, the first findings group, the other texts) in either language
EXPECTED = [
    (
        "fr",
        "C09 Pas de perte nette de surface productive — 1 erreur",
        {
            "file menu": "&Fichier",
            "language menu": "&Langue",
            "findings dock": "Constats",
            "inspector dock": "Inspecteur",
            "scenarios dock": "Scénarios",
            "tools toolbar": "Outils",
            "legend": ["Logement", "Productif"],
            "status errors": "2 erreurs",
        },
    ),
    (
        "en",
        "C09 No net loss of productive floor area — 1 error",
        {
            "file menu": "&File",
            "language menu": "&Language",
            "findings dock": "Findings",
            "inspector dock": "Inspector",
            "scenarios dock": "Scenarios",
            "tools toolbar": "Tools",
            "legend": ["Housing", "Productive"],
            "status errors": "2 errors",
        },
    ),
]


def test_the_language_menu_retitles_every_text_both_ways(make_window, qtbot):
    window = _demo_window(make_window, qtbot)
    qtbot.waitUntil(lambda: _first_group(window).startswith("C09 "))
    assert window.live_engine.error_count(window.document.current_scenario) == 2
    try:
        for lang, group, texts in EXPECTED:
            click_menu_item(window, "menu_language", f"action_lang_{lang}", qtbot)
            # The panels retitle themselves on Qt's language change, a turn later.
            qtbot.waitUntil(lambda group=group: _first_group(window) == group)
            assert _texts(window) == texts
            assert window.actions_[f"action_lang_{lang}"].isChecked()
            assert Settings().language() == lang
        # The choice reaches the settings file a turn later.
        path = Settings().qsettings.fileName()
        qtbot.waitUntil(lambda: "language=en" in open(path, encoding="utf-8").read())
    finally:
        window.actions_["action_lang_en"].trigger()


def test_a_language_switch_leaves_the_plan_as_it_is(make_window, qtbot):
    window = _demo_window(make_window, qtbot)
    viewport = window.site_view.viewport()
    legend = window.site_view.legend
    painted = Painted(viewport, legend)

    def switch(lang: str) -> None:
        for rects in painted.rects.values():
            rects.clear()
        click_menu_item(window, "menu_language", f"action_lang_{lang}", qtbot)
        # The legend is drawn again in the new language.
        qtbot.waitUntil(lambda: len(painted.rects[legend]) > 0)

    try:
        # French texts are wider: the first switch may widen the docks (the
        # plan, resized, is drawn again); back in English they keep their width.
        switch("fr")
        switch("en")
        size = viewport.size()
        switch("fr")
        assert legend.entries()[0][2] == "Logement"
        assert viewport.size() == size
        # The plan is drawn again under the legend only, not as a whole.
        area = size.width() * size.height()
        whole = [r for r in painted.rects[viewport] if r[2] * r[3] > area // 2]
        assert not whole
        assert painted.rects[viewport]
    finally:
        window.actions_["action_lang_en"].trigger()


def _f1_in_the_plan(window, qtbot) -> HelpWindow:
    """F1 with the focus in the plan, once the window is active: the guide."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.site_view.setFocus()
    QTest.keyClick(window.site_view, Qt.Key.Key_F1)
    guide = window.findChild(HelpWindow, "help_window")
    qtbot.waitUntil(guide.isVisible)
    return guide


def test_a_closed_guide_is_reloaded_in_the_new_language_when_shown(make_window, qtbot):
    window = make_window()
    guide = _f1_in_the_plan(window, qtbot)
    QTest.keyClick(guide, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not guide.isVisible())
    try:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        click_menu_item(window, "menu_language", "action_lang_fr", qtbot)
        # Closed, the guide is not loaded again (tens of ms) at the switch...
        assert "Getting started" in guide.browser.toPlainText()
        # ...but when it is shown again.
        assert _f1_in_the_plan(window, qtbot) is guide
        text = guide.browser.toPlainText()
        assert "Premiers pas" in text and "Getting started" not in text
        assert guide.windowTitle() == "mixplan — guide d'utilisation"
    finally:
        window.actions_["action_lang_en"].trigger()
