"""Typology presets in the inspector: a menu that fills the selected buildings'
levels, with the number of storeys above the ground floor the user chose."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from mixplan.model.commands import ApplyPreset
from mixplan.model.errors import MixplanError
from mixplan.model.presets import MAX_UPPER_STOREYS, building_with_preset
from mixplan.ui.busy import busy_for
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.common import format_number, ui_lang
from mixplan.ui.panels.editors import CommitSpinBox
from mixplan.ui.prepared_push import PREPARED_FROM, PreparedPush


def apply_preset(
    document: ProjectDocument,
    building_ids: list[str],
    key: str,
    label: str | None = None,
    upper_storeys: int | None = None,
) -> ApplyPreset | None:
    """Give every building the preset's levels and attributes, as one undo step
    (raises MixplanError if refused).

    Returns the command, not yet pushed, when it is for
    :data:`~mixplan.ui.prepared_push.PREPARED_FROM` buildings or more (the
    caller pushes it through a :class:`~mixplan.ui.prepared_push.PreparedPush`),
    else pushes it and returns None. The first building is given the preset
    here either way: a preset it refuses is refused at once.
    """
    from mixplan.ui.typology_library import typologies_of

    chosen = typologies_of(document).get(key)
    if chosen is None:
        raise MixplanError(f"no typology {key!r}")
    text = label or f"Apply preset {chosen.label(ui_lang())}"
    command = ApplyPreset(
        document.current_scenario, building_ids, chosen, upper_storeys, text
    )
    if not command.building_ids:
        return None
    # (what the first becomes is checked: the others take its values)
    building_with_preset(
        document.scenario.building(command.building_ids[0]), chosen, upper_storeys
    )
    if len(command.building_ids) >= PREPARED_FROM:
        return command
    with busy_for(len(building_ids)):
        document.push(command)
    return None


class PresetStoreys(CommitSpinBox):
    """The storeys above the ground floor a preset gets: "R+n", or the typology's
    own count (the lowest value, shown as such)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preset_storeys")
        self.setRange(-1, MAX_UPPER_STOREYS)
        self.setValue(-1)
        self.setPrefix("R+")
        self.retranslate()

    def retranslate(self) -> None:
        text = self.tr("R+ as typology")
        self.setSpecialValueText(text)
        # Wide enough for that text in either language (with the arrows).
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(text) + 40)
        self.setToolTip(
            self.tr(
                "Storeys above the ground floor given by the next preset "
                "(R+n), or the typology's own"
            )
        )

    def storeys(self) -> int | None:
        return None if self.value() < 0 else self.value()


class PresetButton(QToolButton):
    """A "Preset" button whose menu lists the typologies; a preset goes to every
    selected building."""

    #: a refused preset, with the one-line reason
    edit_refused = Signal(str)

    def __init__(
        self,
        document: ProjectDocument,
        storeys: PresetStoreys | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("preset_button")
        self.document = document
        self.storeys = storeys
        self.building_id: str | None = None
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill_menu)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("Preset"))
        self.setToolTip(
            self.tr("Fill the levels of the selected buildings from a typology")
        )

    def set_building(self, building_id: str | None) -> None:
        self.building_id = building_id
        self.setEnabled(building_id is not None)

    def _fill_menu(self) -> None:
        menu = self.menu()
        menu.clear()
        from mixplan.ui.typology_library import typologies_of

        lang = ui_lang()
        for key, item in typologies_of(self.document).items():
            action = menu.addAction(item.label(lang))
            action.setObjectName(f"preset_{key}")
            storeys = len(item.levels) - 1
            action.setToolTip(
                self.tr("R+%1, %2 m")
                .replace("%1", str(storeys))
                .replace("%2", format_number(item.height_m, 1))
            )
            action.triggered.connect(lambda _checked=False, k=key: self.apply(k))
        menu.setToolTipsVisible(True)

    def target_ids(self) -> list[str]:
        """The shown building and every other selected one."""
        if self.building_id is None:
            return []
        selection = self.document.selection
        if self.building_id not in selection:
            return [self.building_id]
        return [self.building_id, *(b for b in selection if b != self.building_id)]

    def apply(self, key: str) -> bool:
        """Apply the preset ``key`` to the selected buildings; False if refused."""
        if self.building_id is None:
            return False
        if self.storeys is not None and self.storeys.is_typing():
            self.storeys.commit()
        count = self.storeys.storeys() if self.storeys is not None else None
        from mixplan.ui.typology_library import typologies_of

        found = typologies_of(self.document).get(key)
        name = found.label(ui_lang()) if found is not None else key
        try:
            command = apply_preset(
                self.document,
                self.target_ids(),
                key,
                self.tr("Apply preset “%1”").replace("%1", name),
                count,
            )
        except MixplanError as exc:
            self.edit_refused.emit(str(exc))
            return False
        if command is not None:
            PreparedPush(self, self.document, command, self._refused)
        return True

    def _refused(self, exc: Exception) -> None:
        self.edit_refused.emit(str(exc))
