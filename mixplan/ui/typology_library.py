"""The typology library: shipped presets, the user's library and the project's own.

Scenario ▸ Typologies… lists them all; a typology is made from the selected
building (as stacked in the inspector) into the project (one undo step) and can be
copied to the user's library (``typologies.toml`` beside the settings, for every
project), removed, imported from or exported to TOML. The inspector's Preset menu
offers every typology and applies one to every selected building in one step.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mixplan.model.errors import MixplanError
from mixplan.model.presets import PRESETS, Preset
from mixplan.model.typologies import (
    RemoveTypology,
    SetTypology,
    available_typologies,
    typology_from_building,
)
from mixplan.ui.errors import show_error

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

_cache: dict[str, Any] = {"mtime": None, "typologies": ()}


def library_path() -> Path:
    from mixplan.ui.settings import settings_dir

    return settings_dir() / "typologies.toml"


def user_library() -> tuple[Preset, ...]:
    """The user's own typologies (none when the file is missing or unreadable)."""
    from mixplan.store.typology_io import read_typologies

    path = library_path()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return ()
    if _cache["mtime"] != (path, mtime):
        try:
            _cache["typologies"] = read_typologies(path)
        except MixplanError:
            log.exception("the typology library %s cannot be read", path)
            _cache["typologies"] = ()
        _cache["mtime"] = (path, mtime)
    return _cache["typologies"]  # type: ignore[no-any-return]


def save_user_library(typologies: tuple[Preset, ...]) -> None:
    from mixplan.store.typology_io import write_typologies

    path = library_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_typologies(path, typologies)


def typologies_of(document: Any) -> dict[str, Preset]:
    """Every typology the editor offers for this project, by key."""
    return available_typologies(document.project, user_library())


def shelf_of(document: Any, key: str) -> str:
    """Where a typology comes from: ``project``, ``library`` or ``mixplan``."""
    if any(t.key == key for t in document.project.typologies):
        return "project"
    if any(t.key == key for t in user_library()):
        return "library"
    return "mixplan"


class TypologyDialog(QDialog):
    """Scenario ▸ Typologies…: the library, made and shared here."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("typology_dialog")
        self.window_ = window
        self.document = window.document
        self.list = QListWidget(self)
        self.list.setObjectName("typology_list")
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.from_building = QPushButton(self)
        self.from_building.setObjectName("typology_from_building")
        self.update_button = QPushButton(self)
        self.update_button.setObjectName("typology_update")
        self.to_library = QPushButton(self)
        self.to_library.setObjectName("typology_to_library")
        self.remove = QPushButton(self)
        self.remove.setObjectName("typology_remove")
        self.import_ = QPushButton(self)
        self.import_.setObjectName("typology_import")
        self.export = QPushButton(self)
        self.export.setObjectName("typology_export")
        buttons = QHBoxLayout()
        for button in (
            self.from_building,
            self.update_button,
            self.to_library,
            self.remove,
            self.import_,
            self.export,
        ):
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.from_building.clicked.connect(self._from_building)
        self.update_button.clicked.connect(self._update_from_selection)
        self.to_library.clicked.connect(self.copy_to_library)
        self.remove.clicked.connect(self._remove)
        self.import_.clicked.connect(self._import)
        self.export.clicked.connect(self._export)
        self.list.currentRowChanged.connect(lambda _r: self._show_current())
        self.document.changed.connect(self._on_changed)
        self.setWindowTitle(translate("Typologies", "Typologies"))
        self.from_building.setText(
            translate("Typologies", "From the selected building…")
        )
        self.update_button.setText(
            translate("Typologies", "Update from the selected building")
        )
        self.update_button.setToolTip(
            translate(
                "Typologies",
                "Edit a typology: apply it to a building, change the building in "
                "the inspector, then update the typology from it",
            )
        )
        self.to_library.setText(translate("Typologies", "Copy to my library"))
        self.remove.setText(translate("Typologies", "Remove"))
        self.import_.setText(translate("Typologies", "Import…"))
        self.export.setText(translate("Typologies", "Export…"))
        self.resize(720, 480)
        self.fill()

    def _on_changed(self, change: Any) -> None:
        if change.typologies or change.everything:
            self.fill()

    def fill(self, select: str | None = None) -> None:
        from mixplan.ui.panels.common import ui_lang

        current = select or self.current_key()
        self.list.clear()
        shelves = {
            "project": translate("Typologies", "project"),
            "library": translate("Typologies", "my library"),
            "mixplan": translate("Typologies", "mixplan"),
        }
        for key, typology in typologies_of(self.document).items():
            shelf = shelf_of(self.document, key)
            item = QListWidgetItem(f"{typology.label(ui_lang())} — {shelves[shelf]}")
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.list.addItem(item)
            if key == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._show_current()

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _show_current(self) -> None:
        from mixplan.ui.panels.common import format_number, format_percent, ui_lang

        key = self.current_key()
        typology = typologies_of(self.document).get(key or "")
        self.remove.setEnabled(
            key is not None and shelf_of(self.document, key) != "mixplan"
        )
        self.to_library.setEnabled(typology is not None)
        if typology is None:
            self.detail.clear()
            return
        lines = []
        for index, level in enumerate(typology.levels):
            uses = ", ".join(
                f"{use} {format_percent(share * 100)}"
                for use, share in level.use_shares().items()
            )
            lines.append(f"R+{index}: {format_number(level.height_m, 2)} m — {uses}")
        self.detail.setText(
            f"<b>{typology.label(ui_lang())}</b> ({typology.key})<br>"
            + "<br>".join(lines)
        )

    # --- actions ------------------------------------------------------------------

    def _from_building(self) -> None:
        ids = list(self.document.selection)
        if not ids:
            show_error(
                self, translate("Typologies", "Select the building to copy first.")
            )
            return
        name, ok = QInputDialog.getText(
            self,
            translate("Typologies", "New typology"),
            translate("Typologies", "Name of the typology:"),
        )
        if ok and name.strip():
            self.add_from_building(ids[0], name.strip())

    def add_from_building(self, building_id: str, name: str) -> bool:
        """Make a project typology from a building, one undo step."""
        import re

        building = self.document.scenario.building(building_id)
        key = re.sub(r"[^A-Za-z0-9_\-]+", "_", name).strip("_")[:64] or "typology"
        if key in PRESETS:
            key += "_own"
        try:
            typology = typology_from_building(building, key, name)
            self.document.push(SetTypology(typology))
        except MixplanError as exc:
            show_error(self, str(exc))
            return False
        self.fill(select=key)
        return True

    def update_from_building(self, building_id: str) -> bool:
        """Give the chosen typology the building's levels and attributes.

        How a typology is edited: apply it to a building, change that building
        in the inspector, then update the typology from it. The result is the
        project's typology of that key (one undo step); a shipped preset or a
        library typology stays as it was until copied back to the library.
        """
        from dataclasses import replace

        key = self.current_key()
        current = typologies_of(self.document).get(key or "")
        if current is None:
            return False
        try:
            building = self.document.scenario.building(building_id)
            made = typology_from_building(building, current.key, current.label_en)
            typology = replace(current, levels=made.levels, attributes=made.attributes)
            command = SetTypology(typology)
            command.label = "Update typology"
            self.document.push(command)
        except MixplanError as exc:
            show_error(self, str(exc))
            return False
        self.fill(select=current.key)
        return True

    def _update_from_selection(self) -> None:
        ids = list(self.document.selection)
        if not ids:
            show_error(
                self, translate("Typologies", "Select the building to copy first.")
            )
            return
        self.update_from_building(ids[0])

    def copy_to_library(self) -> bool:
        key = self.current_key()
        typology = typologies_of(self.document).get(key or "")
        if typology is None:
            return False
        library = [t for t in user_library() if t.key != typology.key]
        try:
            save_user_library((*library, typology))
        except (MixplanError, OSError) as exc:
            show_error(self, str(exc))
            return False
        self.fill(select=typology.key)
        return True

    def _remove(self) -> None:
        key = self.current_key()
        if key is None:
            return
        if shelf_of(self.document, key) == "project":
            self.document.push(RemoveTypology(key))
        else:
            save_user_library(tuple(t for t in user_library() if t.key != key))
            self.fill()

    def import_from(self, path: Path) -> int:
        """Add a TOML file's typologies to the project: one undo step."""
        from mixplan.model.commands import CompoundCommand
        from mixplan.store.typology_io import read_typologies

        try:
            typologies = read_typologies(path)
        except MixplanError as exc:
            show_error(self, str(exc) if exc.path is None else f"{path.name}: {exc}")
            return 0
        if typologies:
            commands = [SetTypology(t) for t in typologies]
            self.document.push(
                CompoundCommand(commands, "Import typologies")
                if len(commands) > 1
                else commands[0]
            )
        self.fill()
        return len(typologies)

    def export_to(self, path: Path) -> bool:
        from mixplan.store.typology_io import write_typologies

        try:
            write_typologies(path, typologies_of(self.document).values())
        except (MixplanError, OSError) as exc:
            show_error(self, str(exc))
            return False
        return True

    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("Typologies", "Import typologies"),
            "",
            translate("Typologies", "Typologies (*.toml)"),
        )
        if path:
            self.import_from(Path(path))

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("Typologies", "Export typologies"),
            "typologies.toml",
            translate("Typologies", "Typologies (*.toml)"),
        )
        if path:
            self.export_to(Path(path))


def show_typologies(window: QWidget) -> TypologyDialog:
    dialog = getattr(window, "typology_dialog", None)
    if dialog is None:
        dialog = TypologyDialog(window)
        window.typology_dialog = dialog  # type: ignore[attr-defined]
    dialog.fill()
    dialog.show()
    dialog.raise_()
    return dialog


def install_typologies(window: Any) -> None:
    """Scenario ▸ Typologies… (``action_typologies``)."""
    from PySide6.QtGui import QAction

    action = QAction(window)
    action.setObjectName("action_typologies")
    action.triggered.connect(lambda: show_typologies(window))
    window.addAction(action)
    window.menus.scenario.addSeparator()
    window.menus.scenario.addAction(action)


def retranslate_typologies(window: Any) -> None:
    from PySide6.QtGui import QAction

    action = window.findChild(QAction, "action_typologies")
    if action is not None:
        action.setText(translate("MainWindow", "&Typologies…"))
        action.setStatusTip(
            translate("MainWindow", "The typology library: make, share and apply")
        )
