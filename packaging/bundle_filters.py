"""Which collected files the frozen app leaves out (used by ``mixplan.spec``).

PyInstaller's PySide6 hooks collect every plug-in and translation that the Qt
modules in use could need. mixplan keeps the platforms it runs on, the image
formats, icon engines, styles and input methods, and Qt's French and English
catalogues; this module decides, from a file's destination in the bundle, so
the choices are tested without building (``tests/test_packaging.py``).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

#: Platform plug-ins kept: offscreen (self-test, CI), xcb (Linux desktops, and
#: Wayland ones through XWayland), windows, cocoa, and minimal (tiny, for tools).
KEEP_PLATFORMS = ("offscreen", "xcb", "windows", "cocoa", "minimal")

#: Plug-ins dropped by name: the GTK theme alone brings ~25 MB of GTK, Cairo and
#: Pango on Linux; Qt's own Fusion look and the XDG portal dialogs stay.
DROP_PLUGINS = ("qgtk3", "qtvirtualkeyboardplugin")

#: Plug-in folders dropped whole (prefixes).
DROP_PLUGIN_DIRS = (
    "egldeviceintegrations", "generic", "networkinformation", "tls", "qmltooling",
    "qmllint", "designer", "sqldrivers", "vectorimageformats", "wayland-",
    "printsupport", "position", "sensors", "multimedia", "webview", "sceneparsers",
    "renderers", "geometryloaders", "renderplugins", "texttospeech",
)  # fmt: skip

#: Qt translation catalogues kept, by language suffix.
KEEP_LANGUAGES = ("fr", "en")

# PySide6 keeps them in PySide6/Qt/plugins (Linux, macOS) or PySide6/plugins
# (Windows); the same for translations.
_QT_PLUGIN = re.compile(r"^PySide6/(?:Qt/)?plugins/(.+)$")
_QT_TRANSLATION = re.compile(r"^PySide6/(?:Qt/)?translations/([^/]+)$")


def posix(dest: str) -> str:
    """A bundle destination with forward slashes (Windows TOCs use backslashes)."""
    return dest.replace("\\", "/")


def _plugin_stem(name: str) -> str:
    """``libqxcb.so`` / ``qwindows.dll`` / ``libqcocoa.dylib`` -> ``xcb`` etc."""
    return name.split(".")[0].removeprefix("lib").removeprefix("q")


def keep_qt_file(dest: str) -> bool:
    """Whether a Qt plug-in or translation at ``dest`` stays in the bundle.

    Files that are neither (libraries, modules, data) are always kept.
    """
    dest = posix(dest)
    plugin = _QT_PLUGIN.match(dest)
    if plugin:
        path = PurePosixPath(plugin.group(1))
        kind = path.parts[0]
        if any(kind.startswith(d) for d in DROP_PLUGIN_DIRS):
            return False
        if kind == "platforms":
            return _plugin_stem(path.name) in KEEP_PLATFORMS
        return not any(path.name.split(".")[0].endswith(d) for d in DROP_PLUGINS)
    translation = _QT_TRANSLATION.match(dest)
    if translation:
        name = translation.group(1)
        language = name.removesuffix(".qm").rsplit("_", 1)[-1]
        return language in KEEP_LANGUAGES and not name.startswith("qt_help")
    return True


def keep_data_file(dest: str) -> bool:
    """Whether a data file at ``dest`` stays: no Qt catalogue of other languages,
    no matplotlib sample data, no translation sources or scripts in resources."""
    dest = posix(dest)
    if not keep_qt_file(dest):
        return False
    if "mpl-data/sample_data/" in dest:
        return False
    return not (dest.startswith("resources/") and dest.endswith((".py", ".pyc", ".ts")))
