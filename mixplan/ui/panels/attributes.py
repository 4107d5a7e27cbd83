"""The building attributes of the inspector: freight lift, ramp, bays, parking, roof.

Each change is one ``SetBuildingAttributes`` command; spin boxes being scrubbed
push with one merge id per editing session, so a scrub is one undo step.
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
    QSpinBox,
    QWidget,
)

from mixplan.model import Building
from mixplan.model.commands import SetBuildingAttributes
from mixplan.model.errors import MixplanError
from mixplan.ui.document import ProjectDocument
from mixplan.ui.panels.common import merge_id, new_scrub_session


class BuildingAttributesBox(QGroupBox):
    """The attribute editors of one building of the current scenario."""

    #: a refused edit with its one-line reason
    edit_refused = Signal(str)

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("building_attributes")
        self.document = document
        self.building_id: str | None = None
        self._sessions: dict[str, int] = {}
        self.freight_lift = self._spin("freight_lift", 0, 20000, 500)
        self.loading_bays = self._spin("loading_bays", 0, 500, 1)
        self.parking_spaces = self._spin("parking_spaces", 0, 100000, 1)
        self.ramp = QCheckBox()
        self.ramp.setObjectName("ramp")
        self.ramp.toggled.connect(lambda on: self._set_attribute("ramp", on))
        self.shared = QCheckBox()
        self.shared.setObjectName("shared")
        self.shared.toggled.connect(lambda on: self._set_attribute("shared", on))
        self.roof = QComboBox()
        self.roof.setObjectName("roof")
        self.roof.addItem("", "plain")
        self.roof.addItem("", "green")
        self.roof.activated.connect(
            lambda _i: self._set_attribute("roof", self.roof.currentData())
        )
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
        )

    def _spin(self, name: str, low: int, high: int, step: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setSingleStep(step)
        spin.setAccelerated(True)
        spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        attribute = {"freight_lift": "freight_lift_kg"}.get(name, name)
        spin.valueChanged.connect(
            lambda v: self._set_attribute(attribute, v, scrub=True)
        )
        # A new focus or Enter starts a new undo step for this spin box.
        spin.editingFinished.connect(lambda: self._sessions.pop(attribute, None))
        return spin

    def retranslate(self) -> None:
        self.setTitle(self.tr("Building"))
        self.freight_lift.setSuffix(" kg")
        self.freight_lift.setSpecialValueText(self.tr("none"))
        self.ramp.setText(self.tr("Vehicle ramp to upper floors"))
        self.shared.setText(self.tr("Pooled for the whole site"))
        self.roof.setItemText(0, self.tr("Plain roof"))
        self.roof.setItemText(1, self.tr("Green roof"))
        texts = (
            self.tr("Freight lift"),
            self.tr("Ramp"),
            self.tr("Loading bays"),
            self.tr("Parking spaces"),
            self.tr("Roof"),
            self.tr("Shared"),
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
            self._sessions.clear()
        self.building_id = building_id
        self.refresh()

    def refresh(self) -> None:
        """Show the building's values without pushing anything."""
        building = self.building
        if building is None:
            return
        for widget in self.editors():
            widget.blockSignals(True)
        try:
            self.freight_lift.setValue(int(round(building.freight_lift_kg)))
            self.loading_bays.setValue(building.loading_bays)
            self.parking_spaces.setValue(building.parking_spaces)
            self.ramp.setChecked(building.ramp)
            self.shared.setChecked(building.shared)
            self.roof.setCurrentIndex(max(self.roof.findData(building.roof), 0))
        finally:
            for widget in self.editors():
                widget.blockSignals(False)

    def _set_attribute(
        self, attribute: str, value: object, scrub: bool = False
    ) -> None:
        building = self.building
        if building is None or getattr(building, attribute) == value:
            return
        if attribute == "freight_lift_kg":
            value = float(value)  # type: ignore[arg-type]
        scenario = self.document.current_scenario
        command = SetBuildingAttributes(scenario, building.id, **{attribute: value})
        command.label = self.tr("Edit building")
        merge = -1
        if scrub:
            session = self._sessions.setdefault(attribute, new_scrub_session())
            merge = merge_id(
                self.document, "building", scenario, building.id, attribute, session
            )
        try:
            self.document.push(command, merge)
        except MixplanError as exc:
            self.edit_refused.emit(str(exc))
            self.refresh()
