# ezdxf ships no PyInstaller hook. It chooses its C accelerators (ezdxf.acc) at run
# time; the Qt-based viewer add-ons are never used by mixplan (they need PyQt/qtpy).
from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("ezdxf.acc")
excludedimports = [
    "ezdxf.addons.xqt",
    "ezdxf.addons.browser",
    "ezdxf.addons.drawing.qtviewer",
    "ezdxf.addons.drawing.pyqt",
]
