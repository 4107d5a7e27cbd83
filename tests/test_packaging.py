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
