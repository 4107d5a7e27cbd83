"""The user guide inside the app, the "?" of each panel, and the first-start page.

The guide is HTML in ``resources/help/guide_<lang>.html`` (French and English), with
the rule reference generated from the engine's registry where the guide says
``<!-- rules -->``, so the guide and Help ▸ Rule sources never disagree. Help ▸
User guide (F1) opens it at the section of the panel that has the focus; each
panel's "?" opens it at its own section; the search box lists the sections that
hold a word and finds it in the text.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mixplan.resources import resource_path
from mixplan.ui.i18n import current_language

translate = QCoreApplication.translate

#: dock (or view) object name -> the guide's section about it
TOPICS = {
    "dock_scenarios": "scenarios",
    "dock_phasing": "phasing",
    "dock_inspector": "levels",
    "dock_indicators": "start",
    "dock_findings": "rules",
    "dock_balance": "balance",
    "dock_history": "tools",
    "dock_layers": "layers",
    "site_view": "plan",
    "massing_view": "report",
}


@functools.cache
def guide_html(lang: str) -> str:
    """The guide in ``lang`` with the rule reference filled in (made once a
    language: files and rules do not change while the app runs)."""
    from mixplan.ui.edit_ops import rule_sources_html

    lang = "fr" if lang == "fr" else "en"
    text = resource_path("help", f"guide_{lang}.html").read_text(encoding="utf-8")
    rules = rule_sources_html(lang)
    body = re.search(r"<body[^>]*>(.*)</body>", rules, flags=re.S)
    return text.replace("<!-- rules -->", body.group(1) if body else rules)


def _folded(text: str) -> str:
    """Lower case without accents, so "regle" finds "règle"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sections(guide: str) -> list[tuple[str, str, str]]:
    """``(anchor, title, plain text)`` of every ``<h2>`` section of the guide."""
    found = []
    parts = re.split(r"<h2><a name=\"([^\"]+)\"></a>(.*?)</h2>", guide)
    for i in range(1, len(parts) - 1, 3):
        anchor, title, body = parts[i], parts[i + 1], parts[i + 2]
        plain = html.unescape(re.sub(r"<[^>]+>", " ", title + " " + body))
        found.append((anchor, html.unescape(title), plain))
    return found


class HelpWindow(QDialog):
    """The searchable user guide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_window")
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.search = QLineEdit(self)
        self.search.setObjectName("help_search")
        self.search.setClearButtonEnabled(True)
        self.contents = QListWidget(self)
        self.contents.setObjectName("help_contents")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("help_browser")
        self.browser.setOpenExternalLinks(True)
        self.status = QLabel(self)
        splitter = QSplitter(self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 680])
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        #: (anchor, title, folded plain text) of each section
        self._sections: list[tuple[str, str, str]] = []
        self.lang = ""
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.find_next)
        self.contents.itemClicked.connect(
            lambda item: self.show_topic(item.data(Qt.ItemDataRole.UserRole))
        )
        self.resize(960, 680)
        self.load()

    def load(self) -> None:
        """(Re)load the guide in the interface's language."""
        lang = current_language()
        if lang == self.lang:
            return
        self.lang = lang
        guide = guide_html(lang)
        self.browser.setHtml(guide)
        # Folded once here, not again at each key typed into the search box.
        self._sections = [
            (anchor, title, _folded(plain)) for anchor, title, plain in sections(guide)
        ]
        self.setWindowTitle(translate("Help", "mixplan — user guide"))
        self.search.setPlaceholderText(translate("Help", "Search the guide"))
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        """List the sections that hold every word typed."""
        words = _folded(text).split()
        self.contents.clear()
        for anchor, title, folded in self._sections:
            if all(w in folded for w in words):
                item = QListWidgetItem(title)
                item.setData(Qt.ItemDataRole.UserRole, anchor)
                self.contents.addItem(item)
        if words and not self.contents.count():
            self.status.setText(translate("Help", "Nothing in the guide matches."))
        else:
            self.status.clear()

    def find_next(self) -> bool:
        """Find the search text after the cursor (from the top when at the end)."""
        text = self.search.text().strip()
        if not text:
            return False
        if self.browser.find(text):
            return True
        cursor = self.browser.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        found = self.browser.find(text, QTextDocument.FindFlag(0))
        if not found:
            self.status.setText(translate("Help", "Nothing in the guide matches."))
        return found

    def show_topic(self, anchor: str | None) -> None:
        if anchor:
            self.browser.scrollToAnchor(anchor)


def _topic_of_focus(window: Any) -> str | None:
    widget = QApplication.focusWidget()
    while widget is not None and widget is not window:
        name = widget.objectName()
        if name in TOPICS:
            return TOPICS[name]
        widget = widget.parentWidget()
    return None


def show_help(window: Any, topic: str | None = None) -> HelpWindow:
    """Open (or raise) the guide, at ``topic`` or at the focused panel's section."""
    if topic is None:
        topic = _topic_of_focus(window)
    guide = getattr(window, "help_window", None)
    if guide is None:
        guide = HelpWindow(window)
        window.help_window = guide
    guide.load()
    guide.show()
    guide.raise_()
    guide.activateWindow()
    guide.show_topic(topic)
    return guide  # type: ignore[no-any-return]


class DockTitleBar(QWidget):
    """A dock's title with a "?" that opens the guide at the panel's section."""

    def __init__(self, dock: QDockWidget, window: Any, topic: str) -> None:
        super().__init__(dock)
        self.dock = dock
        self.label = QLabel(dock.windowTitle(), self)
        self.label.setObjectName(f"{dock.objectName()}_title")
        self.help = QToolButton(self)
        self.help.setObjectName(f"{dock.objectName()}_help")
        self.help.setText("?")
        self.help.setAutoRaise(True)
        self.help.clicked.connect(lambda: show_help(window, topic))
        style = self.style()
        self.float_button = QToolButton(self)
        self.float_button.setIcon(
            style.standardIcon(QStyle.StandardPixmap.SP_TitleBarNormalButton)
        )
        self.float_button.setAutoRaise(True)
        self.float_button.clicked.connect(
            lambda: dock.setFloating(not dock.isFloating())
        )
        self.close_button = QToolButton(self)
        self.close_button.setIcon(
            style.standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton)
        )
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(dock.close)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.label, 1)
        for button in (self.help, self.float_button, self.close_button):
            layout.addWidget(button)
        dock.windowTitleChanged.connect(self.label.setText)
        self.retranslate()

    def retranslate(self) -> None:
        self.help.setToolTip(translate("Help", "Help on this panel"))
        self.float_button.setToolTip(translate("Help", "Detach or dock the panel"))
        self.close_button.setToolTip(translate("Help", "Close the panel"))


def install_help(window: Any) -> QAction:
    """Help ▸ User guide (F1), and a "?" in the title of every panel."""
    action = QAction(window)
    action.setObjectName("action_help")
    action.setShortcuts(QKeySequence.StandardKey.HelpContents)
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.triggered.connect(lambda: show_help(window))
    window.addAction(action)
    menu = window.menus.help
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, action)
    if first is not None:
        menu.insertSeparator(first)
    window.help_title_bars = []
    for dock in window.findChildren(QDockWidget):
        topic = TOPICS.get(dock.objectName())
        if topic is not None:
            bar = DockTitleBar(dock, window, topic)
            dock.setTitleBarWidget(bar)
            window.help_title_bars.append(bar)
    return action


def retranslate_help(window: Any) -> None:
    action = window.findChild(QAction, "action_help")
    if action is not None:
        action.setText(translate("MainWindow", "User &guide"))
        action.setStatusTip(translate("MainWindow", "How to use mixplan, searchable"))
    for bar in getattr(window, "help_title_bars", []):
        bar.retranslate()
    guide = getattr(window, "help_window", None)
    # A guide closed earlier is reloaded when it is shown again (show_help):
    # loading it costs tens of milliseconds.
    if guide is not None and guide.isVisible():
        guide.load()


class WelcomePage(QDialog):
    """The first start: explore the demo, start from a BD TOPO extract, or open."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("welcome_page")
        self.setWindowTitle(translate("Help", "Welcome to mixplan"))
        intro = QLabel(
            translate(
                "Help",
                "<h3>Welcome to mixplan</h3><p>Plan the mixed-use redevelopment of a "
                "business site, and keep its productive floor area while density "
                "rises. The demo project, a fictional business park, is open behind "
                "this page.</p>",
            ),
            self,
        )
        intro.setWordWrap(True)
        self.demo = QPushButton(translate("Help", "Explore the demo"), self)
        self.demo.setObjectName("welcome_demo")
        self.bdtopo = QPushButton(
            translate("Help", "New project from a BD TOPO extract…"), self
        )
        self.bdtopo.setObjectName("welcome_bdtopo")
        self.open_ = QPushButton(translate("Help", "Open a project…"), self)
        self.open_.setObjectName("welcome_open")
        self.guide = QPushButton(translate("Help", "Read the guide"), self)
        self.guide.setObjectName("welcome_guide")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for button in (self.demo, self.bdtopo, self.open_, self.guide):
            layout.addWidget(button)
        self.demo.clicked.connect(self.accept)
        self.bdtopo.clicked.connect(lambda: self._then(window.new_from_bdtopo))
        self.open_.clicked.connect(lambda: self._then(window.open_dialog))
        self.guide.clicked.connect(
            lambda: self._then(lambda: show_help(window, "start"))
        )
        self.demo.setDefault(True)

    def _then(self, action: Any) -> None:
        self.accept()
        action()
