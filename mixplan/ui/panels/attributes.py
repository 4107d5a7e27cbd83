"""The building attributes of the inspector: freight lift, ramp, bays, parking, roof,
pooling, and whether dwellings share internal common parts (R111-22 8°).

Each committed value is one undo step, given to every selected building (one
``SetBuildingAttributes`` per building, in one compound command). The number
editors commit once (:mod:`.editors`); the wheel changes nothing unfocused.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QWidget,
)

from mixplan.model import Building
from mixplan.model.commands import CompoundCommand, SetBuildingAttributes
from mixplan.model.errors import MixplanError
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.editors import CommitSpinBox, WheelGuard, guard_wheel


class BuildingAttributesBox(QGroupBox):
    """The attribute editors of one building of the current scenario."""

    #: a refused edit with its one-line reason
    edit_refused = Signal(str)

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("building_attributes")
        self.document = document
        self.building_id: str | None = None
        self.wheel_guard = WheelGuard(self)
        self.freight_lift = self._spin("freight_lift", 0, 20000, 500)
        self.loading_bays = self._spin("loading_bays", 0, 500, 1)
        self.parking_spaces = self._spin("parking_spaces", 0, 100000, 1)
        # ``clicked``, not ``toggled``: only the user's click or key edits; a
        # building shown (``refresh``) sets the boxes without pushing anything.
        self.ramp = QCheckBox()
        self.ramp.setObjectName("ramp")
        self.ramp.clicked.connect(lambda on: self._set_attribute("ramp", on))
        self.shared = QCheckBox()
        self.shared.setObjectName("shared")
        self.shared.clicked.connect(lambda on: self._set_attribute("shared", on))
        self.common_parts = QCheckBox()
        self.common_parts.setObjectName("common_parts")
        self.common_parts.clicked.connect(
            lambda on: self._set_attribute("common_parts", on)
        )
        self.roof = QComboBox()
        self.roof.setObjectName("roof")
        self.roof.addItem("", "plain")
        self.roof.addItem("", "green")
        self.roof.activated.connect(
            lambda _i: self._set_attribute("roof", self.roof.currentData())
        )
        guard_wheel(self.roof, self.wheel_guard)
        form = QFormLayout(self)
        self.labels: list[QLabel] = []
        for widget in self.editors():
            label = QLabel()
            label.setBuddy(widget)
            self.labels.append(label)
            form.addRow(label, widget)
        self.retranslate()

    def editors(self) -> tuple[QWidget, ...]:
        return (
            self.freight_lift,
            self.ramp,
            self.loading_bays,
            self.parking_spaces,
            self.roof,
            self.shared,
            self.common_parts,
        )

    def _spin(self, name: str, low: int, high: int, step: int) -> CommitSpinBox:
        spin = CommitSpinBox(undo_stack=self.document.undo_stack)
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setSingleStep(step)
        spin.setAccelerated(True)
        spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        attribute = {"freight_lift": "freight_lift_kg"}.get(name, name)
        spin.committed.connect(lambda v: self._set_attribute(attribute, v))
        return spin

    def retranslate(self) -> None:
        self.setTitle(self.tr("Building"))
        self.freight_lift.setSuffix(" kg")
        self.freight_lift.setSpecialValueText(self.tr("none"))
        # The row labels name them; the longer text is the tooltip, so that a
        # French sentence does not widen the inspector beyond a 1280 × 800 screen.
        self.ramp.setToolTip(self.tr("Vehicle ramp to upper floors"))
        self.shared.setToolTip(self.tr("Pooled for the whole site"))
        self.common_parts.setToolTip(
            self.tr(
                "Dwellings served by internal common parts: housing floor area "
                "(surface de plancher) is reduced by a further 10% (Code de "
                "l'urbanisme, art. R111-22, 8°). Untick for a single house."
            )
        )
        self.roof.setItemText(0, self.tr("Plain roof"))
        self.roof.setItemText(1, self.tr("Green roof"))
        texts = (
            self.tr("Freight lift"),
            self.tr("Ramp"),
            self.tr("Loading bays"),
            self.tr("Parking spaces"),
            self.tr("Roof"),
            self.tr("Shared"),
            self.tr("Common parts"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)

    @property
    def building(self) -> Building | None:
        if self.building_id is None:
            return None
        return self.document.scenario.buildings.get(self.building_id)

    def set_building(self, building_id: str | None) -> None:
        if building_id != self.building_id:
            # A number being typed belongs to the building it was typed for.
            for spin in (self.freight_lift, self.loading_bays, self.parking_spaces):
                if spin.is_typing():
                    spin.commit()
        self.building_id = building_id
        self.refresh()

    def refresh(self) -> None:
        """Show the building's values without pushing anything (never over a
        number being typed)."""
        building = self.building
        if building is None:
            return
        for spin, value in (
            (self.freight_lift, int(round(building.freight_lift_kg))),
            (self.loading_bays, building.loading_bays),
            (self.parking_spaces, building.parking_spaces),
        ):
            if not spin.is_typing():
                spin.show_value(value)
        # (The boxes edit on ``clicked``, the roof on ``activated``: the user's.)
        self.ramp.setChecked(building.ramp)
        self.shared.setChecked(building.shared)
        self.common_parts.setChecked(building.common_parts)
        self.roof.setCurrentIndex(max(self.roof.findData(building.roof), 0))

    def edited_ids(self) -> list[str]:
        """Every selected building, the one shown first."""
        if self.building_id is None:
            return []
        selection = self.document.selection
        if self.building_id not in selection:
            return [self.building_id]
        return [self.building_id, *(b for b in selection if b != self.building_id)]

    def _set_attribute(self, attribute: str, value: object) -> None:
        if self.building is None or value is None:
            return
        if attribute == "freight_lift_kg":
            value = float(value)  # type: ignore[arg-type]
        scenario = self.document.current_scenario
        buildings = self.document.scenario.buildings
        label = self.tr("Edit building")
        commands = []
        for building_id in self.edited_ids():
            building = buildings.get(building_id)
            if building is not None and getattr(building, attribute) != value:
                command = SetBuildingAttributes(
                    scenario, building_id, **{attribute: value}
                )
                command.label = label
                commands.append(command)
        if not commands:
            return
        try:
            if len(commands) == 1:
                self.document.push(commands[0])
            else:
                self.document.push(CompoundCommand(commands, label))
        except MixplanError as exc:
            self.edit_refused.emit(str(exc))
            self.refresh()
