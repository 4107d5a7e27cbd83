"""Outlines over the plan drawn a tile at a time: error marks, the baseline's.

A scenario switch changes the error marks of thousands of buildings, an edit
those of a few. Restyling one item per building (a pen, a z-value, the scene's
index updated for each) cost more than a slice of the GUI thread; one path for
all of them had to be made again, whole, after every edit, and repainted the
whole plan. So the plan is cut into square tiles and each tile's outlines are
one path item: an edit redraws (and repaints) the tiles of the buildings it
changed, a switch redraws every tile in slices. The baseline's faint outlines
under a scenario are kept the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import shapely
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from mixplan.model import Building
from mixplan.ui.items import Frame, TileOutlines
from mixplan.ui.slices import SliceClock, next_slice, turn_taken

#: Side of a tile (model metres): a few dozen buildings of a business park.
TILE_M = 150.0
#: The longest a redraw of every tile works before yielding (seconds).
SLICE_S = 0.02
#: Buildings placed in their tiles at once (their bounds measured together).
PLACE_CHUNK = 512
#: Tiles an edit's outlines are drawn again in at once; more (the findings of a
#: whole-park edit at 10,000 buildings: 300-400 tiles, 60-90 ms) in slices.
TILES_AT_ONCE = 32
#: How far a stroke reaches beyond its path (pixels): half a 2.5 px pen, its
#: mitred corners, antialiasing.
STROKE_REACH_PX = 4.0

Tile = tuple[int, int]


def picture_margin(margin: float, pixels_per_unit: float) -> float:
    """The margin (scene units) for pictures of paths stroked with a cosmetic
    pen at this zoom, kept in pixmaps: ``margin`` while it holds the strokes
    and is not four times what they need, else twice what they need (a few
    zoom steps out change nothing).

    Examples
    --------
    >>> picture_margin(0.0, 0.5)  # 4 px of reach at 0.5 px a unit: 8 units
    16.0
    >>> picture_margin(16.0, 0.4), picture_margin(16.0, 2.0)
    (16.0, 4.0)
    """
    needed = STROKE_REACH_PX / pixels_per_unit
    if needed > margin or 4 * needed < margin:
        return 2 * needed
    return margin


def tiles_of(buildings: list[Building]) -> list[Tile]:
    """The tile of each building: where the centre of its bounds falls."""
    if not buildings:
        return []
    bounds = shapely.bounds([b.footprint for b in buildings])
    x = np.floor((bounds[:, 0] + bounds[:, 2]) / 2 / TILE_M).astype(np.int64)
    y = np.floor((bounds[:, 1] + bounds[:, 3]) / 2 / TILE_M).astype(np.int64)
    return list(zip(x.tolist(), y.tolist(), strict=True))


def place(
    tile_of: dict[str, Tile],
    members: dict[Tile, set[str]],
    building_ids: Iterable[str],
    shown: Callable[[str], Building | None],
) -> set[Tile]:
    """Move these buildings to their tiles (``tile_of`` a building's tile,
    ``members`` a tile's buildings); ``shown(id)``: the building to place (None:
    none, it leaves its tile). The tiles left and entered."""
    touched: set[Tile] = set()
    placed: list[Building] = []
    for building_id in building_ids:
        old = tile_of.pop(building_id, None)
        if old is not None:
            members[old].discard(building_id)
            touched.add(old)
        building = shown(building_id)
        if building is not None:
            placed.append(building)
    for building, tile in zip(placed, tiles_of(placed), strict=True):
        tile_of[building.id] = tile
        members.setdefault(tile, set()).add(building.id)
        touched.add(tile)
    return touched


class OutlineTiles:
    """Outlines of some buildings of a scene, one :class:`TileOutlines` a tile.

    ``shown(id)`` gives the building outlined under that id (or None); ``pen``
    and ``z`` are the outlines'.
    """

    def __init__(
        self,
        scene: QGraphicsScene,
        shown: Callable[[str], Building | None],
        pen: QPen,
        z: float,
    ) -> None:
        self.scene = scene
        self.shown = shown
        self.pen, self.z = pen, z
        self.frame = Frame()
        self.ids: set[str] = set()
        self.items: dict[Tile, TileOutlines] = {}
        self._tile_of: dict[str, Tile] = {}
        self._members: dict[Tile, set[str]] = {}
        #: tiles still to draw, while every tile is drawn in slices
        self._pending: list[Tile] | None = None
        #: outlined buildings still to place in their tiles, meanwhile
        self._unplaced: list[str] = []
        self._generation = 0
        #: zoomed out: each tile's picture kept in a pixmap (see ``set_cached``)
        self.cached = False
        #: scene units the tiles' bounds reach beyond their paths
        self.margin = 0.0

    @property
    def drawing(self) -> bool:
        return self._pending is not None

    def set_ids(self, ids: set[str]) -> None:
        """Outline these buildings; only the tiles whose buildings changed."""
        changed = ids ^ self.ids
        self.ids = set(ids)
        self.moved(changed)

    def moved(self, building_ids: Iterable[str]) -> None:
        """These buildings changed (footprint, removed, marked): their tiles."""
        wanted = [b for b in building_ids if b in self.ids or b in self._tile_of]
        if not wanted:
            return
        if self._pending is None and len(wanted) <= PLACE_CHUNK:
            tiles = self._place(wanted)
            if len(tiles) <= TILES_AT_ONCE:
                for tile in tiles:
                    self._draw(tile)
                return
            # Many tiles: drawn in slices.
            self._pending = sorted(tiles)
            self._start_slices()
            return
        # Thousands (the first figures of an opened project): in slices.
        self._unplaced.extend(wanted)
        if self._pending is None:
            self._pending = []
            self._start_slices()

    def _start_slices(self) -> None:
        self._generation += 1
        self._next_slice(self._generation)

    def redraw_all(self, frame: Frame) -> None:
        """Every tile again (the plan was rebuilt); many, in slices from the next
        turn of the event loop."""
        self.frame = frame
        for tile in list(self._members):
            self._members[tile] = set()
        self._tile_of.clear()
        self._unplaced = sorted(self.ids)
        self._pending = list(self.items)
        self._generation += 1
        generation = self._generation
        if len(self.ids) <= PLACE_CHUNK:
            self._continue(generation, at_once=True)  # a few
        else:
            self._next_slice(generation)

    def set_cached(self, cached: bool, pixels_per_unit: float | None = None) -> None:
        """Keep each tile's picture in a pixmap (zoomed out, where a tile is a
        few dozen pixels: thousands of outlines are costly to stroke at each
        repaint), or draw it at each repaint (zoomed in).

        ``pixels_per_unit``: the zoom, which sets how far (in scene units) the
        strokes reach beyond the paths: the pixmaps hold them whole.
        """
        if cached and pixels_per_unit:
            margin = picture_margin(self.margin, pixels_per_unit)
            if margin != self.margin:
                self.margin = margin
                for item in self.items.values():
                    item.set_margin(self.margin)
        if cached != self.cached:
            self.cached = cached
            for item in self.items.values():
                item.setCacheMode(cache_mode(cached))

    def _place(self, building_ids: list[str]) -> set[Tile]:
        """Move these buildings to their tiles; the tiles left and entered."""
        ids, shown = self.ids, self.shown
        return place(
            self._tile_of,
            self._members,
            building_ids,
            lambda building_id: shown(building_id) if building_id in ids else None,
        )

    def _next_slice(self, generation: int) -> None:
        # The scene as context: no slice runs once it is deleted.
        next_slice(self.scene, lambda: self._continue(generation))

    def _continue(self, generation: int, at_once: bool = False) -> None:
        pending = self._pending
        if generation != self._generation or pending is None:
            return
        if turn_taken() and not at_once:
            self._next_slice(generation)
            return
        clock = SliceClock(SLICE_S)

        def out_of_time() -> bool:
            if clock.spent():
                self._next_slice(generation)
                return True
            return False

        unplaced = self._unplaced
        while unplaced:
            chunk = unplaced[-PLACE_CHUNK:]
            del unplaced[-PLACE_CHUNK:]
            pending.extend(self._place(chunk) - set(pending))
            if out_of_time():
                return
        while pending:
            self._draw(pending.pop())
            if pending and out_of_time():
                return
        self._pending = None

    def _draw(self, tile: Tile) -> None:
        members = self._members.get(tile, set())
        buildings = [b for b in map(self.shown, sorted(members)) if b is not None]
        item = self.items.get(tile)
        if not buildings:
            if item is not None:
                self.scene.removeItem(item)
                del self.items[tile]
            self._members.pop(tile, None)
            return
        if item is None:
            item = self.items[tile] = TileOutlines(self.pen, self.z)
            item.set_margin(self.margin)
            item.setCacheMode(cache_mode(self.cached))
            self.scene.addItem(item)
        item.show_buildings(buildings, self.frame)

    def outlined(self) -> set[str]:
        """The buildings outlined now (for checks: what the tiles hold)."""
        return {b for members in self._members.values() for b in members}


def cache_mode(cached: bool) -> QGraphicsItem.CacheMode:
    if cached:
        return QGraphicsItem.CacheMode.DeviceCoordinateCache
    return QGraphicsItem.CacheMode.NoCache
