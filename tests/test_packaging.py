"""What the installers promise, read from the packaging files themselves."""

from __future__ import annotations

import plistlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"


def test_macos_bundle_offers_gpkg_as_an_alternate_handler():
    with (PACKAGING / "macos" / "Info.plist").open("rb") as fh:
        info = plistlib.load(fh)
    (doc_type,) = info["CFBundleDocumentTypes"]
    assert doc_type["LSHandlerRank"] == "Alternate"
    uti = doc_type["LSItemContentTypes"][0]
    (declared,) = [
        t for t in info["UTImportedTypeDeclarations"] if t["UTTypeIdentifier"] == uti
    ]
    assert declared["UTTypeTagSpecification"]["public.filename-extension"] == ["gpkg"]
    assert "UTExportedTypeDeclarations" not in info  # we do not own .gpkg


def test_windows_installer_is_per_user_and_never_takes_the_gpkg_default():
    iss = (PACKAGING / "windows" / "mixplan.iss").read_text(encoding="utf-8-sig")
    assert re.search(r"^PrivilegesRequired=lowest$", iss, re.M)
    registry = [line for line in iss.splitlines() if line.startswith("Root:")]
    gpkg = [line for line in registry if 'Subkey: "Software\\Classes\\.gpkg' in line]
    assert gpkg, "no .gpkg registration"
    # Only the OpenWithProgids list is touched, never .gpkg's (Default) ProgID.
    assert all("\\.gpkg\\OpenWithProgids" in line for line in gpkg)
    assert all("HKLM" not in line and "HKCR" not in line for line in registry)
    assert "{autoprograms}" in iss and "demo.mixplan.gpkg" in iss


def test_icons_are_made_in_every_size_the_platforms_ask_for():
    from PIL import Image

    with Image.open(ICONS / "mixplan.png") as png:
        assert png.size == (256, 256)
    with Image.open(ICONS / "mixplan.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(ICONS / "mixplan.icns") as icns:
        assert max(icns.info["sizes"])[0] >= 512


def _bundle_filters():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bundle_filters", PACKAGING / "bundle_filters.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_platform_keeps_its_own_qt_platform_plugin_and_offscreen():
    keep = _bundle_filters().keep_qt_file
    kept = [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",  # a Windows TOC
        "PySide6\\plugins\\platforms\\qoffscreen.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    ]
    dropped = [
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqminimalegl.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6\\plugins\\tls\\qschannelbackend.dll",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    ]
    assert [d for d in kept if not keep(d)] == []
    assert [d for d in dropped if keep(d)] == []


def test_only_french_and_english_qt_catalogues_are_kept():
    keep = _bundle_filters().keep_data_file
    assert keep("PySide6/Qt/translations/qtbase_fr.qm")
    assert keep("PySide6\\translations\\qt_en.qm")
    assert not keep("PySide6/Qt/translations/qtbase_de.qm")
    assert not keep("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert not keep("PySide6/Qt/translations/qt_help_fr.qm")


def test_resources_ship_without_their_sources_and_matplotlib_without_samples():
    keep = _bundle_filters().keep_data_file
    assert keep("resources/translations/mixplan_fr.qm")
    assert keep("resources/demo/existing.geojson")
    assert not keep("resources/translations/mixplan_fr.ts")
    assert not keep("resources/translations/update_translations.py")
    assert not keep("matplotlib/mpl-data/sample_data/goog.npz")
    assert keep("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf")
    assert keep("pyogrio/gdal_data/gdalvrt.xsd")
