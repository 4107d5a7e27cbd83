"""Where bundled resources (demo, translations, fonts, icons) live.

In a source checkout they sit in ``resources/`` beside the package; in a wheel they
are packaged as ``mixplan/_resources``; in a frozen app PyInstaller puts them in
``sys._MEIPASS/resources``.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["resource_path"]


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = [
        Path(frozen) / "resources" if frozen else None,
        Path(__file__).resolve().parent / "_resources",
        Path(__file__).resolve().parent.parent / "resources",
    ]
    for c in candidates:
        if c is not None and c.is_dir():
            return c
    raise FileNotFoundError("mixplan's resources folder is missing")


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("demo", "site.geojson")``."""
    return _root().joinpath(*parts)
