"""Languages: mixplan's own translations and Qt's, switched at run time.

English is the source language; French comes from
``resources/translations/mixplan_fr.qm`` (built with ``pyside6-lrelease`` from the
``.ts`` file that ``pyside6-lupdate`` extracts from ``mixplan/ui``). Qt's own
translations (standard buttons, dialogs) are loaded from the Qt installation.
"""

from __future__ import annotations

import locale
import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

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
