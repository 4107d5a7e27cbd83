"""Languages: mixplan's own translations and Qt's, switched at run time.

English is the source language; French comes from
``resources/translations/mixplan_fr.qm`` (built with ``pyside6-lrelease`` from the
``.ts`` file that ``pyside6-lupdate`` extracts from ``mixplan/ui``). Qt's own
translations (standard buttons, dialogs) are loaded from the Qt installation.
"""

from __future__ import annotations

import locale
import logging

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
)
from PySide6.QtWidgets import QWidget

from mixplan.model.errors import set_message_language
from mixplan.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("fr", "en")

_installed: list[QTranslator] = []
_current = "en"


def system_language() -> str:
    name = QLocale.system().name() or (locale.getlocale()[0] or "")
    return "fr" if name.lower().startswith("fr") else "en"


def current_language() -> str:
    return _current


def install_language(lang: str) -> bool:
    """Replace the installed translators by those of ``lang``; True if found."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = lang if lang in LANGUAGES else "en"
    # The model's refusals shown in dialogs speak the same language.
    set_message_language(_current)
    QLocale.setDefault(
        QLocale(
            QLocale.Language.French if _current == "fr" else QLocale.Language.English
        )
    )
    ok = True
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if _current != "en" and translator.load(f"qtbase_{_current}", qt_dir):
        app.installTranslator(translator)
        _installed.append(translator)
    # English is the source language; its .qm only holds plural forms.
    translator = QTranslator(app)
    try:
        folder = str(resource_path("translations"))
    except FileNotFoundError:
        folder = ""
    if folder and translator.load(f"mixplan_{_current}", folder):
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        log.warning("no mixplan translation for %s in %s", _current, folder)
        ok = False
    return ok


class _PassedOn(QObject):
    """Passes a language change on to a widget's children, as Qt does, without
    repainting the widget: Qt repaints every widget the change reaches."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.LanguageChange or not isinstance(
            watched, QWidget
        ):
            return False
        watched.changeEvent(event)
        for child in watched.children():
            QCoreApplication.sendEvent(child, event)
        return True


def not_repainted_on_language_change(*widgets: QWidget) -> None:
    """A language change no longer repaints ``widgets`` as a whole.

    For widgets that draw no translated text of their own, and all the widgets
    around one: a repaint of any of them repaints it. The plan of 10,000
    buildings took 15-30 ms of a switch's ~90 to be drawn again unchanged. Their
    children still get the change (and repaint themselves); what a widget's
    ``changeEvent`` does is done.
    """
    passed_on = _PassedOn(widgets[0])
    for widget in widgets:
        widget.installEventFilter(passed_on)


def use_label(code: str) -> str:
    """A use class's name in the current language."""
    from mixplan.model import use_class

    return use_class(code).label(_current)


def cover_labels() -> dict[str, str]:
    """Ground cover surface types by code, in the current language."""
    translate = QCoreApplication.translate
    return {
        "open_soil": translate("Covers", "Open soil (pleine terre)"),
        "lawn": translate("Covers", "Lawn (pleine terre, artificialised)"),
        "semi_open": translate("Covers", "Semi-open ground"),
        "permeable_paving": translate("Covers", "Permeable paving"),
        "sealed": translate("Covers", "Sealed"),
        "parking": translate("Covers", "Surface car park"),
        "yard": translate("Covers", "Yard"),
        "green_on_slab": translate("Covers", "Green on slab"),
    }
