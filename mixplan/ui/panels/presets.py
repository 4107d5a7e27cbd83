"""Typology presets in the inspector: a menu that fills a building's levels."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from mixplan.model.commands import ReplaceBuilding
from mixplan.model.errors import MixplanError
from mixplan.model.presets import PRESETS, building_with_preset, preset
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.common import format_number, ui_lang


def apply_preset(
    document: ProjectDocument, building_id: str, key: str, label: str | None = None
) -> None:
    """Replace the building's levels and attributes by a preset's, as one undo step."""
    chosen = preset(key)
    scenario = document.current_scenario
    building = document.scenario.building(building_id)
    text = label or f"Apply preset {chosen.label(ui_lang())}"
    document.push(
        ReplaceBuilding(scenario, building_with_preset(building, chosen), label=text)
    )


class PresetButton(QToolButton):
    """A "Preset" button whose menu lists the typologies of RULES §3.4–3.5."""

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preset_button")
        self.document = document
        self.building_id: str | None = None
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill_menu)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("Preset"))
        self.setToolTip(self.tr("Fill the levels from a typology"))

    def set_building(self, building_id: str | None) -> None:
        self.building_id = building_id
        self.setEnabled(building_id is not None)

    def _fill_menu(self) -> None:
        menu = self.menu()
        menu.clear()
        lang = ui_lang()
        for key, item in PRESETS.items():
            action = menu.addAction(item.label(lang))
            action.setObjectName(f"preset_{key}")
            storeys = len(item.levels) - 1
            action.setToolTip(
                self.tr("R+%1, %2 m — %3")
                .replace("%1", str(storeys))
                .replace("%2", format_number(item.height_m, 1))
                .replace("%3", item.source)
            )
            action.triggered.connect(lambda _checked=False, k=key: self.apply(k))
        menu.setToolTipsVisible(True)

    def apply(self, key: str) -> bool:
        """Apply the preset ``key`` to the building shown; False if refused."""
        if self.building_id is None:
            return False
        name = PRESETS[key].label(ui_lang())
        try:
            apply_preset(
                self.document,
                self.building_id,
                key,
                self.tr("Apply preset “%1”").replace("%1", name),
            )
        except MixplanError:
            return False
        return True
