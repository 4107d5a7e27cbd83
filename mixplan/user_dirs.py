"""Where mixplan keeps per-user files (settings, recovery copies), without Qt.

The editor and the command line must agree on the recovery folder: the store
moves there a newer copy that an interrupted save left beside a project, and
the editor offers it back. ``MIXPLAN_SETTINGS_DIR`` overrides the location (tests,
a portable install); otherwise the folder is the one Qt's
``QStandardPaths.GenericConfigLocation`` names, plus ``mixplan``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["config_dir", "recovery_dir"]


def config_dir(create: bool = True) -> Path:
    """The per-user folder of mixplan's settings (created if missing, by default).

    Examples
    --------
    >>> config_dir().name  # doctest: +SKIP
    'mixplan'
    """
    override = os.environ.get("MIXPLAN_SETTINGS_DIR")
    if override:
        folder = Path(override)
    else:
        folder = _generic_config_location() / "mixplan"
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def recovery_dir(create: bool = True) -> Path:
    """The recovery copies: autosaves, and newer copies of interrupted saves."""
    folder = config_dir(create) / "recovery"
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def _generic_config_location() -> Path:
    # What QStandardPaths.GenericConfigLocation gives on each platform.
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return Path(local) if local else Path.home() / "AppData" / "Local"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Preferences"
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".config"
