"""Render the app icon from its vector drawing: mixplan.svg -> .png, .ico, .icns.

Run from the repository root after changing ``resources/icons/mixplan.svg``::

    uv run python packaging/make_icons.py

Qt renders the SVG (so the pictures match what the app shows); Pillow, which
matplotlib already brings, packs the sizes into a Windows ``.ico`` and a macOS
``.icns``. The outputs are committed, so a build needs neither step.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "mixplan.svg"
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]


def render_png(size: int, target: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"{target}: could not write the PNG")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841
    master = ICONS / "mixplan-1024.png"
    render_png(1024, master)
    render_png(256, ICONS / "mixplan.png")
    big = Image.open(master).convert("RGBA")
    big.save(ICONS / "mixplan.ico", sizes=[(s, s) for s in ICO_SIZES])
    big.save(ICONS / "mixplan.icns")
    master.unlink()
    for name in ("mixplan.png", "mixplan.ico", "mixplan.icns"):
        print(f"wrote {ICONS / name} ({(ICONS / name).stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
