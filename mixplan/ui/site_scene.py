"""SiteScene: the plan of the current scenario, kept in step with the document.

Items are made once and updated from each command's Change (only the buildings it
names), so an edit on a 10,000-building scenario touches one item, not all.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Signal
from PySide6.QtWidgets import QGraphicsScene
from shapely.geometry import box

from mixplan.engine.findings import Evaluation
from mixplan.model.commands import Change
from mixplan.ui.document import ProjectDocument
from mixplan.ui.items import (
    BaselineOutlines,
    BuildingItem,
    CoverItem,
    Frame,
    LabelItem,
    SiteItem,
)


def finding_building_ids(targets: tuple[str, ...] | list[str]) -> set[str]:
    """Building ids named by finding targets (``"b1#2"`` names a level of b1)."""
    return {t.split("#", 1)[0] for t in targets if t != "site"}


class SiteScene(QGraphicsScene):
    """Items for the site, covers, buildings, labels and baseline outlines."""

    #: emitted after the items were rebuilt (scenario switch, project replaced)
    rebuilt = Signal()

    def __init__(self, document: ProjectDocument, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.document = document
        self.frame = Frame()
        self.buildings: dict[str, BuildingItem] = {}
        self.labels: dict[str, LabelItem] = {}
        self.covers: list[CoverItem] = []
        self.site_item: SiteItem | None = None
        self.baseline_item: BaselineOutlines | None = None
        self.show_labels = True
        self.labels_fit_zoom = True
        self.show_baseline = True
        self.error_ids: set[str] = set()
        self._syncing = False
        self._shown_scenario = ""
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        document.changed.connect(self.on_changed)
        document.scenario_changed.connect(self._on_scenario_changed)
        document.project_replaced.connect(self.reset)
        document.selection_changed.connect(self.select_ids)
        self.selectionChanged.connect(self._selection_from_scene)
        self.reset()

    def reset(self) -> None:
        bounds = self.model_bounds()
        if bounds is not None:
            self.frame = Frame(round(bounds[0]), round(bounds[1]))
        else:
            self.frame = Frame()
        self.rebuild()

    def model_bounds(self) -> tuple[float, float, float, float] | None:
        project = self.document.project
        if project.site is not None:
            return tuple(project.site.boundary.bounds)  # type: ignore[return-value]
        boxes = [
            b.footprint.bounds for s in project.scenarios for b in s.buildings.values()
        ]
        if not boxes:
            return None
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )

    def _on_scenario_changed(self, name: str) -> None:
        if name != self._shown_scenario:
            self.rebuild()

    def rebuild(self) -> None:
        self._shown_scenario = self.document.current_scenario
        self._syncing = True
        try:
            self.clear()
            self.buildings.clear()
            self.labels.clear()
            self.covers = []
            self.site_item = self.baseline_item = None
            self._add_site()
            scenario = self.document.scenario
            for cover in scenario.cover.values():
                item = CoverItem(cover, self.frame)
                self.covers.append(item)
                self.addItem(item)
            for building in scenario.buildings.values():
                self._add_building(building)
            self._add_baseline()
            self._update_scene_rect()
            self.select_ids(self.document.selection)
        finally:
            self._syncing = False
        self.rebuilt.emit()

    def _add_site(self) -> None:
        site = self.document.project.site
        if site is not None:
            self.site_item = SiteItem(site.boundary, self.frame)
            self.addItem(self.site_item)

    def _add_building(self, building) -> None:  # type: ignore[no-untyped-def]
        item = BuildingItem(building, self.frame)
        item.set_error(building.id in self.error_ids)
        self.buildings[building.id] = item
        self.addItem(item)
        label = LabelItem(building, self.frame)
        label.setVisible(self.show_labels and self.labels_fit_zoom)
        self.labels[building.id] = label
        self.addItem(label)

    def _add_baseline(self) -> None:
        project = self.document.project
        if (
            self.show_baseline
            and project.baseline.name != self.document.current_scenario
        ):
            self.baseline_item = BaselineOutlines(
                list(project.baseline.buildings.values()), self.frame
            )
            self.addItem(self.baseline_item)

    def _update_scene_rect(self) -> None:
        bounds = self.model_bounds()
        if bounds is None:
            bounds = (
                self.frame.origin_x - 100,
                self.frame.origin_y - 100,
                self.frame.origin_x + 100,
                self.frame.origin_y + 100,
            )
        rect = self.model_rect(bounds)
        margin = max(rect.width(), rect.height(), 50.0)
        self.setSceneRect(rect.adjusted(-margin, -margin, margin, margin))

    def model_rect(self, bounds: tuple[float, float, float, float]) -> QRectF:
        top_left = self.frame.to_scene(bounds[0], bounds[3])
        bottom_right = self.frame.to_scene(bounds[2], bounds[1])
        return QRectF(top_left, bottom_right).normalized()

    def on_changed(self, change: Change) -> None:
        document = self.document
        if change.everything or change.scenarios:
            self.rebuild()
            return
        if change.site:
            if self.site_item is not None:
                self.removeItem(self.site_item)
                self.site_item = None
            self._add_site()
            self._update_scene_rect()
        if change.scenario == document.current_scenario:
            scenario = document.scenario
            self._syncing = True
            try:
                for building_id in change.buildings:
                    self._update_building(scenario, building_id)
            finally:
                self._syncing = False
            if change.cover:
                for item in self.covers:
                    self.removeItem(item)
                self.covers = [
                    CoverItem(c, self.frame) for c in scenario.cover.values()
                ]
                for item in self.covers:
                    self.addItem(item)
        if (
            change.scenario == document.project.baseline.name
            and change.scenario != document.current_scenario
            and change.buildings
        ):
            if self.baseline_item is not None:
                self.removeItem(self.baseline_item)
                self.baseline_item = None
            self._add_baseline()

    def _update_building(self, scenario, building_id: str) -> None:  # type: ignore[no-untyped-def]
        building = scenario.buildings.get(building_id)
        item = self.buildings.get(building_id)
        if building is None:
            if item is not None:
                self.removeItem(item)
                self.removeItem(self.labels.pop(building_id))
                del self.buildings[building_id]
            return
        if item is None:
            self._add_building(building)
            return
        item.update_building(building, self.frame)
        self.labels[building_id].update_building(building, self.frame)

    def select_ids(self, building_ids: list[str]) -> None:
        wanted = set(building_ids)
        self._syncing = True
        try:
            for item in self.selectedItems():
                if getattr(item, "building_id", None) not in wanted:
                    item.setSelected(False)
            for building_id in wanted:
                item = self.buildings.get(building_id)
                if item is not None and not item.isSelected():
                    item.setSelected(True)
        finally:
            self._syncing = False

    def _selection_from_scene(self) -> None:
        if self._syncing:
            return
        ids = [
            item.building_id
            for item in self.selectedItems()
            if isinstance(item, BuildingItem)
        ]
        # Keep the document's order for ids still selected, then the new ones.
        ordered = [b for b in self.document.selection if b in ids]
        ordered += [b for b in ids if b not in ordered]
        self.document.set_selection(ordered)

    def set_evaluation(self, evaluation: Evaluation | None) -> None:
        ids: set[str] = set()
        if evaluation is not None:
            for finding in evaluation.findings:
                if finding.severity == "error":
                    ids |= finding_building_ids(finding.targets)
        self.error_ids = ids
        for building_id, item in self.buildings.items():
            item.set_error(building_id in ids)

    def set_show_labels(self, show: bool) -> None:
        self.show_labels = show
        self._apply_label_visibility()

    def set_labels_fit_zoom(self, fit: bool) -> None:
        if fit != self.labels_fit_zoom:
            self.labels_fit_zoom = fit
            self._apply_label_visibility()

    def _apply_label_visibility(self) -> None:
        visible = self.show_labels and self.labels_fit_zoom
        for label in self.labels.values():
            label.setVisible(visible)

    def set_show_baseline(self, show: bool) -> None:
        self.show_baseline = show
        if self.baseline_item is not None:
            self.removeItem(self.baseline_item)
            self.baseline_item = None
        self._add_baseline()

    def selection_rect(self) -> QRectF | None:
        scenario = self.document.scenario
        footprints = [
            scenario.buildings[b].footprint
            for b in self.document.selection
            if b in scenario.buildings
        ]
        if not footprints:
            return None
        minx = min(f.bounds[0] for f in footprints)
        miny = min(f.bounds[1] for f in footprints)
        maxx = max(f.bounds[2] for f in footprints)
        maxy = max(f.bounds[3] for f in footprints)
        return self.model_rect(box(minx, miny, maxx, maxy).bounds)

    def site_rect(self) -> QRectF | None:
        bounds = self.model_bounds()
        return None if bounds is None else self.model_rect(bounds)
