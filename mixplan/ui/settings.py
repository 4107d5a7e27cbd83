"""Where mixplan keeps its settings: recent files, layout, language, recovery.

Settings live in one INI file so that tests (and a portable install) can point
them at a folder of their own with ``MIXPLAN_SETTINGS_DIR``; otherwise Qt's
per-user configuration folder is used.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from mixplan.user_dirs import config_dir

MAX_RECENT = 8


def settings_dir() -> Path:
    # One definition for the editor and the command line (recovery copies).
    return config_dir()


def log_path() -> Path:
    return settings_dir() / "mixplan.log"


class Settings:
    """Typed access to the few things mixplan remembers between sessions."""

    def __init__(self) -> None:
        self.qsettings = QSettings(
            str(settings_dir() / "mixplan.ini"), QSettings.Format.IniFormat
        )

    def recent_files(self) -> list[Path]:
        value = self.qsettings.value("recent_files", [])
        if isinstance(value, str):
            value = [value] if value else []
        return [Path(v) for v in value or []]

    def add_recent_file(self, path: Path) -> None:
        path = Path(path).resolve()
        files = [p for p in self.recent_files() if p != path]
        files.insert(0, path)
        self.qsettings.setValue("recent_files", [str(p) for p in files[:MAX_RECENT]])
        self.qsettings.sync()

    def remove_recent_file(self, path: Path) -> None:
        files = [p for p in self.recent_files() if p != Path(path)]
        self.qsettings.setValue("recent_files", [str(p) for p in files])

    def clear_recent_files(self) -> None:
        self.qsettings.setValue("recent_files", [])

    def last_project(self) -> Path | None:
        files = self.recent_files()
        return files[0] if files else None

    def language(self) -> str | None:
        value = self.qsettings.value("language", None)
        return str(value) if value in ("fr", "en") else None

    def set_language(self, lang: str) -> None:
        # Written to disk by Qt's event loop a turn later, not in the switch's
        # own turn (a sync took 1-19 ms there); other Settings see it at once.
        self.qsettings.setValue("language", lang)

    def window_state(self) -> tuple[bytes | None, bytes | None]:
        return (
            self.qsettings.value("window/geometry", None),
            self.qsettings.value("window/state", None),
        )

    def set_window_state(self, geometry: bytes, state: bytes) -> None:
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.setValue("window/state", state)
        self.qsettings.sync()

    def bool_value(self, key: str, default: bool) -> bool:
        value = self.qsettings.value(key, default)
        if isinstance(value, str):
            return value.lower() == "true"
        return bool(value)

    def set_value(self, key: str, value: object) -> None:
        self.qsettings.setValue(key, value)

    def keep_backup(self) -> bool:
        """Whether a full save keeps the replaced file as NAME.bak (on by default)."""
        return self.bool_value("save/keep_backup", True)

    def set_keep_backup(self, keep: bool) -> None:
        self.qsettings.setValue("save/keep_backup", bool(keep))
        self.qsettings.sync()

    def first_run(self) -> bool:
        return not self.bool_value("started_before", False)

    def mark_started(self) -> None:
        self.qsettings.setValue("started_before", True)
        self.qsettings.sync()
