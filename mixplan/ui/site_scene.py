"""SiteScene: the plan of the current scenario, kept in step with the document.

Items are made once and updated from each command's Change (only the buildings it
names), so an edit on a 10,000-building scenario touches one item, not all.
Selection is the document's, shown by restyling items (Qt's own item selection
would draw its dashed box and cost a Python call per item).

A rebuild (scenario switch, project opened) makes or updates items in slices of
at most ``REBUILD_SLICE_S`` on the GUI thread, yielding to the event loop between
slices: a 10,000-building plan appears progressively instead of freezing the
window; a small one is still rebuilt at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import numpy as np
import shapely
from PySide6.QtCore import QEvent, QRectF, Signal
from PySide6.QtGui import QPainterPath, QPixmapCache
from PySide6.QtWidgets import QGraphicsScene

from mixplan.engine.finding_records import targets_of
from mixplan.engine.findings import Evaluation
from mixplan.model import Building, Scenario
from mixplan.model.commands import Change
from mixplan.model.families import dominant_families
from mixplan.ui.document import ProjectDocument
from mixplan.ui.fill_tiles import FillTiles, selection_pictures_kb
from mixplan.ui.items import (
    BASELINE_PEN,
    ERROR_PEN,
    Z_BASELINE,
    Z_ERRORS,
    BuildingItem,
    CoverItem,
    Frame,
    Piece,
    PlanItems,
    SiteItem,
    StandingBuildings,
    same_levels,
)
from mixplan.ui.outline_tiles import STROKE_REACH_PX, TILE_M, OutlineTiles
from mixplan.ui.slices import SliceClock, next_slice, turn_taken

#: The longest a rebuild works on the GUI thread before yielding (seconds).
REBUILD_SLICE_S = 0.02
#: Buildings whose items a rebuild makes at once (their paths in one batch).
REBUILD_CHUNK = 128
#: Baseline buildings a rebuild compares with the scenario in one step (all
#: 100,000 at once held a scenario switch's slice 0.26–0.51 s).
BASELINE_A_STEP = 4096


def outline_pictures_kb(tiles: int, pixels_per_metre: float) -> int:
    """KB the pictures of the outline tiles may take zoomed out: two layers
    (errors, baseline) over ``tiles`` tiles, each tile a pixmap of its side
    plus the strokes' reach (its margin, up to 16 px) both sides, 4 bytes a
    pixel, and half as much again for buildings reaching past their tile.

    Examples
    --------
    >>> outline_pictures_kb(100, 0.2)  # 2 * 100 * (30 + 32)² * 4 * 1.5 / 1024
    4505
    """
    side = TILE_M * pixels_per_metre + 8 * STROKE_REACH_PX
    return math.ceil(2 * tiles * side * side * 4 * 1.5 / 1024)


def finding_building_ids(targets: tuple[str, ...] | list[str]) -> set[str]:
    """Building ids named by finding targets (``"b1#2"`` names a level of b1)."""
    return {t.split("#", 1)[0] for t in targets if t != "site"}


def changed_from_baseline(
    baseline: Scenario, scenario: Scenario, ids: Iterable[str] | None = None
) -> list[Building]:
    """Baseline buildings whose footprint the scenario removed or changed.

    ``ids``: look only at these baseline buildings (default: all of them).
    """
    candidates: list[tuple[Building, Building | None]] = []
    for building_id in baseline.buildings if ids is None else ids:
        building = baseline.buildings.get(building_id)
        if building is None:
            continue
        other = scenario.buildings.get(building_id)
        if other is None or other.footprint is not building.footprint:
            candidates.append((building, other))
    compared = [(b, o) for b, o in candidates if o is not None]
    # Exactly equal first (cheap); the topological test only for the others,
    # which mostly did change.
    exact = shapely.equals_exact(
        [b.footprint for b, _o in compared], [o.footprint for _b, o in compared], 0.0
    )
    unchanged = {b.id for (b, _o), equal in zip(compared, exact, strict=True) if equal}
    rest = [(b, o) for b, o in compared if b.id not in unchanged]
    # Footprints whose bounds differ cannot be equal: the costly test only for
    # the others (a ring started elsewhere, an extra vertex on a side).
    if rest:
        before = shapely.bounds([b.footprint for b, _o in rest])
        after = shapely.bounds([o.footprint for _b, o in rest])
        alike = np.all(np.abs(before - after) <= 1e-9, axis=1)
        rest = [pair for pair, keep in zip(rest, alike, strict=True) if keep]
    same = shapely.equals(
        [b.footprint for b, _o in rest], [o.footprint for _b, o in rest]
    )
    unchanged.update(b.id for (b, _o), equal in zip(rest, same, strict=True) if equal)
    return [b for b, _o in candidates if b.id not in unchanged]


class SiteScene(QGraphicsScene):
    """Items for the site, covers, buildings and the baseline's outlines."""

    #: emitted after the items were rebuilt (scenario switch, project replaced)
    rebuilt = Signal()
    #: the surface types of the ground covers shown, sorted (for the legend)
    cover_types_shown = Signal(list)
    #: True when a large rebuild starts its slices, False when it is done: views
    #: repaint at the end, not after every slice (each full repaint of 10,000
    #: items costs as much as a slice)
    slicing = Signal(bool)

    def __init__(self, document: ProjectDocument, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.document = document
        self.frame = Frame()
        self.buildings: dict[str, BuildingItem] = {}
        self.covers: list[CoverItem] = []
        self.site_item: SiteItem | None = None
        self.standing_item: StandingBuildings | None = None
        #: baseline buildings outlined under the scenario (id -> building)
        self._outlined: dict[str, Building] = {}
        self.show_labels = True
        self.show_baseline = True
        #: False under a base map, whose picture an opaque site fill would hide
        self.site_fill = True
        self.outlined = True
        self.error_ids: set[str] = set()
        #: the outlines of the buildings in ``error_ids``, a path a tile
        self.errors = OutlineTiles(self, self._shown_building, ERROR_PEN, Z_ERRORS)
        #: faint outlines of the baseline buildings ``_outlined``, a path a tile
        self.baseline_outlines = OutlineTiles(
            self, self._outlined_building, BASELINE_PEN, Z_BASELINE
        )
        #: error outlines to draw again once the rebuild under way is done
        self._marks_stale = False
        #: the selection and the items drawing themselves, which the items share
        self.shared = PlanItems()
        #: (changed in place: the items read it)
        self.selected_ids: set[str] = self.shared.selected
        #: the buildings drawn a few paths a tile when zoomed out
        self.fills = FillTiles(self, self.buildings, lambda: self.selected_ids)
        self._fills_placed = False
        self._shown_scenario = ""
        #: buildings still to show, while a rebuild runs in slices
        self._pending: list[Building] | None = None
        self._pending_at = 0
        #: items of buildings no longer shown, removed by the rebuild's slices
        self._doomed: list[BuildingItem] = []
        self._steps: list[Callable[[], None]] = []
        #: while a rebuild compares the baseline with the scenario a step at a
        #: time: the baseline's ids, how many are compared, the changed ones
        self._baseline_search: tuple[list[str], list[Building]] | None = None
        self._baseline_at = 0
        self._sliced = False
        self._slicing = False
        self._rebuild_generation = 0
        #: the zoom when last zoomed out (sizes the pixmap cache)
        self._pixels_per_metre = 0.0
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        document.changed.connect(self.on_changed)
        document.scenario_changed.connect(self._on_scenario_changed)
        document.project_replaced.connect(self.reset)
        document.selection_changed.connect(self.select_ids)
        document.cover_selection_changed.connect(self.select_covers)
        self.reset()

    def event(self, event: QEvent) -> bool:  # noqa: N802
        """The scene stays active once a view activated it.

        Qt deactivates a scene when its view is hidden (the massing view shown)
        or its window loses focus, and activates it again when it shows: each
        time it sorts all its items and sends each top-level one an event
        (260 ms of the GUI thread for 100,000 buildings, in one go). No item of
        the plan is a panel, a widget or takes focus: the events would change
        nothing, so the scene is never deactivated (and, active, never
        activated again).
        """
        if event.type() == QEvent.Type.WindowDeactivate:
            return True
        return super().event(event)

    def reset(self) -> None:
        bounds = self.model_bounds()
        self.frame = Frame(*(round(v) for v in bounds[:2])) if bounds else Frame()
        # The view can frame the new site while its items are still being made
        # (a view scrolls only within the scene rect).
        self._update_scene_rect(bounds)
        self._shown_scenario = ""
        # The previous project's items are removed in slices too (10,000
        # removeItem calls); meanwhile they are no one's (see ``shows``).
        self._doomed.extend(self.buildings.values())
        self.buildings.clear()
        self.selected_ids.clear()
        self.rebuild()

    def shows(self, item: BuildingItem) -> bool:
        """Whether the item is the plan's (not one of a rebuild's leftovers)."""
        return self.buildings.get(item.building_id) is item

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
        """Show the current scenario, reusing the items of buildings it shares.

        Items are made or updated in slices (see ``REBUILD_SLICE_S``); ``rebuilt``
        is emitted when the last slice is done. ``rebuilding`` tells whether one
        is under way.
        """
        self._shown_scenario = self.document.current_scenario
        scenario = self.document.scenario
        for building_id in [b for b in self.buildings if b not in scenario.buildings]:
            self._doomed.append(self.buildings.pop(building_id))
            self.selected_ids.discard(building_id)
        self._pending = list(scenario.buildings.values())
        self._pending_at = 0
        # Done at the end, each in a slice of its own when the rebuild is large.
        self._steps = [self._show_ground, self._show_baseline, self._draw_fills]
        self._baseline_search = None
        self._fills_placed = False
        self._sliced = max(len(self._pending), len(self._doomed)) > REBUILD_CHUNK
        self._rebuild_generation += 1
        generation = self._rebuild_generation
        if self._sliced:
            self._set_slicing(True)
            # The first slice in a turn of its own too: run at once, it shared
            # the turn of the project's replacement (or the scenario's switch)
            # with every panel's refresh.
            next_slice(self, lambda: self._continue_rebuild(generation))
            return
        self._continue_rebuild(generation)

    @property
    def rebuilding(self) -> bool:
        return self._pending is not None

    def _continue_rebuild(self, generation: int) -> None:
        if generation != self._rebuild_generation or self._pending is None:
            return  # a newer rebuild took over
        if self._sliced and turn_taken():
            next_slice(self, lambda: self._continue_rebuild(generation))
            return
        clock = SliceClock(REBUILD_SLICE_S)

        def out_of_time() -> bool:
            if self._sliced and clock.spent():
                # (the scene as context: no slice runs once it is deleted)
                next_slice(self, lambda: self._continue_rebuild(generation))
                return True
            return False

        doomed = self._doomed
        while doomed:
            for item in doomed[-REBUILD_CHUNK:]:
                self.removeItem(item)
            del doomed[-REBUILD_CHUNK:]
            if out_of_time():
                return
        pending = self._pending
        while self._pending_at < len(pending):
            chunk = pending[self._pending_at : self._pending_at + REBUILD_CHUNK]
            self._pending_at += len(chunk)
            self._show_buildings(chunk)
            if out_of_time():
                return
        while self._steps:
            self._steps.pop(0)()
            if out_of_time():
                return  # the end (error outlines, signals) in a turn of its own
        self._pending = None
        self.select_ids(self.document.selection)
        self._marks_stale = False
        self.errors.ids = set(self.error_ids)
        self.errors.redraw_all(self.frame)  # the buildings shown may all differ
        self._set_slicing(False)
        self._fit_pixmap_cache()  # (the tiles of another project, or scenario)
        self.rebuilt.emit()

    def _set_slicing(self, slicing: bool) -> None:
        if slicing != self._slicing:
            self._slicing = slicing
            self.slicing.emit(slicing)

    def _show_buildings(self, buildings: list[Building]) -> None:
        """Make or update the items of these buildings, new paths made at once.

        A building read again from the file has an equal footprint that is
        another object: its item keeps its path.
        """
        new: list[Building] = []
        updated: list[tuple[BuildingItem, Building]] = []
        for building in buildings:
            item = self.buildings.get(building.id)
            if item is None:
                new.append(building)
            elif item.building is not building:
                updated.append((item, building))
        moved = [
            (item, b)
            for item, b in updated
            if item.building.footprint is not b.footprint
        ]
        same = shapely.equals_exact(
            [item.building.footprint for item, _b in moved],
            [b.footprint for _item, b in moved],
            0.0,
        )
        reshaped = [pair for pair, equal in zip(moved, same, strict=True) if not equal]
        paths = self.frame.paths(
            [b.footprint for b in new] + [b.footprint for _item, b in reshaped]
        )
        # Families measured at once too, for the buildings whose levels changed
        # (unless shown before: an undo).
        recoloured: list[Building] = []
        known: dict[int, str] = {}
        for item, b in updated:
            if (
                item.building.levels is not b.levels
                or item.building.footprint is not b.footprint
            ):
                family = item.earlier_family(b)
                if family is not None:
                    known[id(b)] = family
                elif not same_levels(item.building, b):
                    recoloured.append(b)
        families = dict(
            zip(
                (id(b) for b in [*new, *recoloured]),
                dominant_families([*new, *recoloured]),
                strict=True,
            )
        )
        families.update(known)
        # Zoomed out, a new building is drawn by its tile, made at the end of
        # the rebuild: drawn by itself meanwhile, each progress repaint of a
        # 100,000-building switch drew thousands of them one by one.
        tiled = self.fills.shown
        for building, path in zip(new, paths, strict=False):
            self._add_building(building, path, families[id(building)], tiled)
        reshaped_paths = dict(
            zip((id(b) for _item, b in reshaped), paths[len(new) :], strict=True)
        )
        for item, building in updated:
            path = reshaped_paths.get(id(building))
            item.update_building(
                building,
                self.frame,
                path,
                same_footprint=path is None,
                family=families.get(id(building)),
            )

    def _show_ground(self) -> None:
        """The site and the scenario's ground covers, made again."""
        for item in [*self.covers, self.site_item]:
            if item is not None:
                self.removeItem(item)
        self.covers = []
        self.site_item = None
        self._add_site()
        self._add_covers(self.document.scenario)
        self._update_scene_rect()

    def _show_baseline(self) -> None:
        """The baseline's outlines drawn again: a step of the rebuild, or a few
        when many buildings are compared (``BASELINE_A_STEP`` a step)."""
        project = self.document.project
        found: list[Building] | None = None
        if self.show_baseline and project.baseline.name != self._shown_scenario:
            if self._baseline_search is None:
                self._baseline_search = (list(project.baseline.buildings), [])
                self._baseline_at = 0
            ids, found = self._baseline_search
            at = self._baseline_at
            self._baseline_at = at + BASELINE_A_STEP
            found.extend(
                changed_from_baseline(
                    project.baseline,
                    self.document.scenario,
                    ids[at : at + BASELINE_A_STEP],
                )
            )
            if self._baseline_at < len(ids):
                self._steps.insert(0, self._show_baseline)
                return
        self._baseline_search = None
        self._update_baseline(force=True, found=found)

    def _draw_fills(self) -> None:
        """The tiles of the buildings, a step at a time (each a step of the rebuild)."""
        if not self._fills_placed:
            self._fills_placed = True
            self.fills.redraw_all(self.frame)
            self._steps.insert(0, self._draw_fills)
        elif self.fills.draw_step():
            self._steps.insert(0, self._draw_fills)

    def show_as_at_phase(
        self, in_use: set[str] | None, standing: list[Building]
    ) -> None:
        """The plan as at the end of a phase: buildings not yet delivered faint,
        existing buildings still standing drawn in grey; ``None``: the final plan."""
        for building_id, item in self.buildings.items():
            item.setOpacity(1.0 if in_use is None or building_id in in_use else 0.15)
        self.fills.changed(list(self.buildings))
        if self.standing_item is not None:
            self.removeItem(self.standing_item)
            self.standing_item = None
        if standing:
            self.standing_item = StandingBuildings(standing, self.frame)
            self.addItem(self.standing_item)

    def _add_site(self) -> None:
        site = self.document.project.site
        if site is not None:
            self.site_item = SiteItem(site.boundary, self.frame)
            self.site_item.set_filled(self.site_fill)
            self.addItem(self.site_item)

    def set_site_fill(self, filled: bool) -> None:
        """Fill the site (plain plan) or leave it clear (over a base map)."""
        self.site_fill = filled
        if self.site_item is not None:
            self.site_item.set_filled(filled)

    def _add_covers(self, scenario: Scenario) -> None:
        selected = set(self.document.cover_selection)
        self.covers = []
        for cover in scenario.cover.values():
            item = CoverItem(cover, self.frame)
            item.set_selected(cover.id in selected)
            self.covers.append(item)
            self.addItem(item)
        self.cover_types_shown.emit(sorted({c.cover for c in scenario.cover.values()}))

    def select_covers(self, cover_ids: list[str]) -> None:
        wanted = set(cover_ids)
        for item in self.covers:
            item.set_selected(item.cover_id in wanted)

    def _add_building(
        self,
        building: Building,
        path: QPainterPath | None = None,
        family: str | None = None,
        tiled: bool = False,
    ) -> None:
        """``tiled``: drawn by the tiles (once they place it), not by itself."""
        item = BuildingItem(building, self.frame, path, family, self.shared)
        item.outlined = self.outlined
        item.set_tiled(tiled)
        item.restyle()
        self.buildings[building.id] = item
        self.addItem(item)

    def _update_baseline(
        self,
        force: bool = False,
        ids: Iterable[str] | None = None,
        found: list[Building] | None = None,
    ) -> None:
        """Faint outlines of the baseline buildings this scenario changed.

        ``ids``: only these buildings may have changed (an edit); ``force``:
        draw the outlines again even when the same buildings are outlined (a
        baseline footprint moved); ``found``: the changed buildings, already
        compared (by the rebuild's steps).
        """
        project = self.document.project
        outlined = dict(self._outlined)
        if not self.show_baseline or project.baseline.name == self._shown_scenario:
            outlined = {}
        elif ids is None:
            if found is None:
                found = changed_from_baseline(project.baseline, self.document.scenario)
            outlined = {b.id: b for b in found}
        else:
            ids = list(ids)
            for building_id in ids:
                outlined.pop(building_id, None)
            found = changed_from_baseline(project.baseline, self.document.scenario, ids)
            outlined.update((b.id, b) for b in found)
        changed = outlined.keys() != self._outlined.keys()
        self._outlined = outlined
        tiles = self.baseline_outlines
        if ids is None:
            if changed or force:
                tiles.ids = set(outlined)
                tiles.redraw_all(self.frame)
        else:
            tiles.set_ids(set(outlined))
            if force:
                tiles.moved(ids)  # a baseline footprint moved: its outline too

    def _outlined_building(self, building_id: str) -> Building | None:
        return self._outlined.get(building_id)

    def _update_scene_rect(
        self, bounds: tuple[float, float, float, float] | None = None
    ) -> None:
        """The scene rect: the site (``bounds``, else measured) and a margin."""
        if bounds is None:
            bounds = self.model_bounds()
        if bounds is None:
            ox, oy = self.frame.origin_x, self.frame.origin_y
            bounds = (ox - 100, oy - 100, ox + 100, oy + 100)
        rect = self.model_rect(bounds)
        margin = max(rect.width(), rect.height(), 50.0)
        self.setSceneRect(rect.adjusted(-margin, -margin, margin, margin))

    def model_rect(self, bounds: tuple[float, float, float, float]) -> QRectF:
        top_left = self.frame.to_scene(bounds[0], bounds[3])
        bottom_right = self.frame.to_scene(bounds[2], bounds[1])
        return QRectF(top_left, bottom_right).normalized()

    def on_changed(self, change: Change) -> None:
        document = self.document
        if change.everything or change.scenarios or self._pending is not None:
            # A rebuild under way started from older values: start it again
            # (the items already made are kept).
            self.rebuild()
            return
        if change.site:
            if self.site_item is not None:
                self.removeItem(self.site_item)
                self.site_item = None
            self._add_site()
            self._update_scene_rect()
        if (
            document.current_scenario in change.scenario_names
            and len(change.buildings) > REBUILD_CHUNK
        ):
            # Many buildings at once (a large delete, its undo): the rebuild's
            # slices make their items in batches, the window answering between
            # (one by one, the undo of 10,000 deleted held it 1.6 s).
            self.rebuild()
            return
        # An edit of the baseline reaches the scenarios that keep the building.
        if document.current_scenario in change.scenario_names:
            scenario = document.scenario
            for building_id in change.buildings:
                self._update_building(scenario, building_id)
            self.fills.changed(change.buildings)
            self.errors.moved(change.buildings)  # outlines follow their buildings
            if change.cover:
                for item in self.covers:
                    self.removeItem(item)
                self._add_covers(scenario)
        if change.buildings and change.scenario in (
            document.current_scenario,
            document.project.baseline.name,
        ):
            self._update_baseline(
                force=change.scenario != document.current_scenario,
                ids=change.buildings,
            )

    def _update_building(self, scenario: Scenario, building_id: str) -> None:
        building = scenario.buildings.get(building_id)
        item = self.buildings.get(building_id)
        if building is None:
            if item is not None:
                self.removeItem(item)
                del self.buildings[building_id]
                self.selected_ids.discard(building_id)
            return
        if item is None:
            self._add_building(building)
            if building_id in self.document.selection:
                self.select_ids(self.document.selection)
            return
        item.update_building(building, self.frame)

    def select_ids(self, building_ids: list[str]) -> None:
        wanted = {b for b in building_ids if b in self.buildings}
        changed = wanted ^ self.selected_ids
        self.selected_ids.clear()
        self.selected_ids |= wanted
        # Only the items drawing themselves show it now; zoomed out, the tiles
        # draw the selection (see ``BuildingItem.show_selection``).
        for building_id in changed & self.shared.drawn:
            item = self.buildings.get(building_id)
            if item is not None:
                item.show_selection()
        self.fills.reselected()

    def ids_in_rect(self, rect: QRectF) -> list[str]:
        """Buildings a rubber band over ``rect`` (scene units) touches, in order."""
        hits = {
            item.building_id
            for item in self.items(rect)
            if isinstance(item, BuildingItem) and self.shows(item)
        }
        return [b for b in self.document.scenario.buildings if b in hits]

    def set_evaluation(self, evaluation: Evaluation | None) -> None:
        ids: set[str] = set()
        if evaluation is not None:
            # (the targets of error findings, read without making findings)
            for targets in targets_of(evaluation.findings, "error"):
                ids |= finding_building_ids(targets)
        self.set_error_ids(ids)

    def set_error_ids(self, ids: set[str]) -> None:
        """Outline these buildings as having an error finding.

        Only the tiles of the buildings whose mark changed are drawn again;
        during a rebuild the outlines wait for its end.
        """
        self.error_ids = set(ids)
        if self.rebuilding:
            self._marks_stale = True
            return
        self.errors.set_ids(self.error_ids)

    def _shown_building(self, building_id: str) -> Building | None:
        item = self.buildings.get(building_id)
        return None if item is None else item.building

    @property
    def marking(self) -> bool:
        """Whether outlines are still to be drawn (after a rebuild)."""
        return (
            self._marks_stale or self.errors.drawing or self.baseline_outlines.drawing
        )

    def set_outlined(self, outlined: bool) -> None:
        """Drop outlines when zoomed far out (they would only blacken the plan)."""
        if outlined != self.outlined:
            self.outlined = outlined
            for item in self.buildings.values():
                item.set_outlined(outlined)
            self.fills.set_outlined(outlined)

    def set_zoomed_out(
        self, zoomed_out: bool, pixels_per_metre: float | None = None
    ) -> None:
        """Zoomed out, the buildings are drawn by tiles and the outlines over
        them kept as pictures (see :mod:`mixplan.ui.fill_tiles`); zoomed in, each
        building by its item. ``pixels_per_metre``: the zoom (the pictures hold
        the outlines' strokes whole)."""
        self.fills.set_shown(zoomed_out)
        self.fills.set_zoom(pixels_per_metre if zoomed_out else None)
        self.errors.set_cached(zoomed_out, pixels_per_metre)
        self.baseline_outlines.set_cached(zoomed_out, pixels_per_metre)
        if zoomed_out and pixels_per_metre:
            self._pixels_per_metre = pixels_per_metre
            self._fit_pixmap_cache()

    def _fit_pixmap_cache(self) -> None:
        """Room in Qt's pixmap cache for the outline tiles' pictures, and for
        the selected paths' (see ``fill_tiles.SELECTION_PICTURE_PX``).

        Its default 10 MB held those of a 10,000-building plan, not those of
        100,000 (8,185 tiles): each repaint then made every picture again and
        stroked thousands of outlines (a repaint 269 ms of GUI CPU instead of
        161, 413 instead of 158 during a switch). The limit is only raised.
        """
        if self._pixels_per_metre:
            needed = outline_pictures_kb(len(self.fills.items), self._pixels_per_metre)
            needed += selection_pictures_kb()
            if needed > QPixmapCache.cacheLimit():
                QPixmapCache.setCacheLimit(needed)

    def building_displaced(self, item: BuildingItem) -> None:
        """A tool drags a building's item (or put it back): see ``FillTiles``."""
        if self.shows(item):
            self.fills.displaced(item)

    def set_show_labels(self, show: bool) -> None:
        self.show_labels = show
        self.update()

    def set_show_baseline(self, show: bool) -> None:
        self.show_baseline = show
        self._update_baseline(force=True)

    def footprint_pieces(self, building_ids: list[str]) -> list[Piece]:
        """The footprints of these buildings of the scenario as path elements
        (see :func:`mixplan.ui.items.joined_paths`), in their order: those the
        tiles keep, unless a rebuild is under way (the items may still show
        older values then); the others made at once (10,000: ~30-60 ms)."""
        if self.rebuilding:
            buildings = self.document.scenario.buildings
            return self.frame.pieces([buildings[b].footprint for b in building_ids])
        return self.fills.pieces(building_ids)

    def selection_rect(self) -> QRectF | None:
        return self.buildings_rect(self.document.selection)

    def buildings_rect(self, building_ids: Iterable[str]) -> QRectF | None:
        """The scene rect around these buildings (those shown), or None.

        Their bounds measured at once: a group of 2,000 buildings asked its
        items' paths for theirs a call each.
        """
        items = self.buildings
        footprints = [items[b].building.footprint for b in building_ids if b in items]
        if not footprints:
            return None
        bounds = shapely.bounds(footprints)
        return self.model_rect(
            (
                float(bounds[:, 0].min()),
                float(bounds[:, 1].min()),
                float(bounds[:, 2].max()),
                float(bounds[:, 3].max()),
            )
        )

    def site_rect(self) -> QRectF | None:
        bounds = self.model_bounds()
        return None if bounds is None else self.model_rect(bounds)
