"""The buildings drawn as a few paths a tile when the plan is zoomed out.

At site zoom each of 10,000 buildings is a few pixels, and painting them an item
each cost the GUI thread ~20 ms a repaint (a painter set up and a fill per
building), on every repaint: a selection, a language switch, a resize. Zoomed
out (level of detail), the plan is cut into square tiles and each tile's
buildings are one path a family colour, and the selected buildings one more
path a family above them all; the building items stay in the
scene without contents (``ItemHasNoContents``), so clicks, rubber bands,
tooltips and tools find them as before.

The paths follow the plan at every zoom: a change redraws (at once) the tiles of
the buildings it names, a rebuild every tile in steps; a selection only the
selected paths (every building is drawn under the selection too), whose cost is
that of the selected buildings. A building a tool drags (move, rotate) draws
itself meanwhile, and so does a faint one (a phase of the works): translucent
strokes drawn as one would not darken where they overlap. Zoomed in, the paths
are hidden and the items paint themselves.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TypeVar

import numpy as np
import shapely
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from mixplan.model import Building
from mixplan.ui.colors import FAMILY_COLORS
from mixplan.ui.items import (
    Z_BUILDING,
    Z_SELECTED,
    BuildingItem,
    Frame,
    Piece,
    PlanPaths,
    building_brush,
    building_pen,
    joined_paths,
)
from mixplan.ui.outline_tiles import TILE_M, Tile, cache_mode, picture_margin, place
from mixplan.ui.slices import in_a_turn_of_its_own

#: A tile's path: its buildings' family.
Key = str
K = TypeVar("K")
#: Tiles drawn at once by one step of ``redraw_all``'s (about 25 buildings each).
TILES_A_STEP = 40
#: Buildings placed in their tiles by one step of ``redraw_all``'s (100,000 at
#: once held a scenario switch's slice 0.33 s).
PLACED_A_STEP = 4096
#: Zoomed out, a selected path keeps its picture in a pixmap while it is at most
#: this many pixels a side (a whole 10,000-building park selected at site zoom:
#: each repaint stroked 9,167 outlines with the selection's pen, ~35 ms of a
#: 50 ms repaint; a picture of a park larger than the view, 20 MB a family,
#: would cost more to make than it saves).
SELECTION_PICTURE_PX = 1024


def selection_pictures_kb() -> int:
    """KB the pictures of the selected paths may take: one a family, at most
    ``SELECTION_PICTURE_PX`` a side, 4 bytes a pixel.

    Examples
    --------
    >>> selection_pictures_kb() == len(FAMILY_COLORS) * 1024 * 1024 * 4 // 1024
    True
    """
    return math.ceil(len(FAMILY_COLORS) * SELECTION_PICTURE_PX**2 * 4 / 1024)


#: Where a wide edge is drawn with a thin pen instead (device pixels: the path
#: drawn again moved by each): a cross three pixels wide, about the 2.5 px of
#: the selection's pen (see ``TileFill.paint``).
WIDE_EDGE_OFFSETS = ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1))


class TileFill(PlanPaths):
    """Buildings that look alike (of one tile, or selected), as one path."""

    def __init__(self, family: Key, selected: bool, outlined: bool) -> None:
        super().__init__()
        self.setBrush(building_brush(family, selected))
        self.setPen(building_pen(selected, outlined))
        self.setZValue(Z_SELECTED if selected else Z_BUILDING)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """A wide cosmetic edge (the selection's) drawn as a thin one at each
        of ``WIDE_EDGE_OFFSETS``, without antialiasing (zoomed out).

        Qt strokes a pen wider than a pixel through its general stroker: the
        picture of a whole 10,000-building park selected took 36 ms of a
        60 ms repaint to stroke its edges (9,167 outlines), 3 ms a thin pass.
        """
        pen = self.pen()
        if (
            not pen.isCosmetic()
            or pen.widthF() <= 1.0
            or painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        ):
            super().paint(painter, option, widget)
            return
        path = self.path()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.brush())
        painter.drawPath(path)
        thin = QPen(pen)
        thin.setWidthF(1.0)
        painter.setPen(thin)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        transform = painter.transform()
        for dx, dy in WIDE_EDGE_OFFSETS:
            painter.setTransform(transform * QTransform.fromTranslate(dx, dy))
            painter.drawPath(path)
        painter.setTransform(transform)


class FillTiles:
    """The buildings of a scene as :class:`TileFill` paths, a few a tile.

    ``buildings``: the scene's items by building id (read, never changed);
    ``selected()``: the ids selected.
    """

    def __init__(
        self,
        scene: QGraphicsScene,
        buildings: dict[str, BuildingItem],
        selected: Callable[[], set[str]],
    ) -> None:
        self.scene = scene
        self.buildings = buildings
        self.selected = selected
        self.frame = Frame()
        #: zoomed out: every building drawn by the paths
        self.shown = False
        #: zoomed in, the tiles whose items draw themselves (the tiles shown
        #: since: see ``reveal``)
        self.revealed: set[Tile] = set()
        #: how far a building reaches beyond its tile (half its bounds' side)
        self._reach = 0.0
        self.outlined = True
        self.items: dict[Tile, dict[Key, TileFill]] = {}
        #: the selected buildings' paths, above the tiles
        self.selection: dict[Key, TileFill] = {}
        self._tile_of: dict[str, Tile] = {}
        self._members: dict[Tile, set[str]] = {}
        #: tiles still to draw while every tile is drawn in steps (None: not)
        self._pending: list[Tile] | None = None
        #: buildings still to place in their tiles meanwhile (placed first)
        self._unplaced: list[str] = []
        #: buildings a tool dragged away or back, their paths still to draw
        self._dragged: set[str] = set()
        #: each building's footprint as path elements, kept until it changes
        #: (the tiles, the selection and a tool's drag join them: see ``_paths``)
        self._pieces: dict[str, Piece] = {}
        #: whether the selected paths wait for a turn of their own (``reselected``)
        self._reselecting = False
        #: what waits to be done in that turn (``once_reselected``)
        self._after_reselect: list[Callable[[], object]] = []
        #: the selected paths made (hidden) for a frame the next turn shows
        #: (see ``_reselect``), or None
        self._staged: dict[Key, TileFill] | None = None
        #: the buildings the tiles' paths draw, and the key of their path (read
        #: for the selection without asking 10,000 items)
        self._key_of: dict[str, Key] = {}
        #: the selected paths left out of the picture (see ``hold_selection``)
        self._held = False
        #: the zoom when last zoomed out, and the margin it gives the selected
        #: paths' pictures (see ``set_zoom``)
        self._pixels_per_unit = 0.0
        self._margin = 0.0

    @property
    def drawing(self) -> bool:
        return self._pending is not None

    @property
    def reselecting(self) -> bool:
        """Whether the selected paths wait for their turn (see ``reselected``),
        or are held (see ``hold_selection``)."""
        return self._reselecting or self._staged is not None or self._held

    def hold_selection(self, held: bool) -> None:
        """Leave the selected paths out of the picture (``held``), or put them
        back and do what waits for them (``once_reselected``).

        A view drawing the outlines' pictures ahead at a new zoom (a strip of
        the plan at a time) holds them: each strip would draw them whole.
        """
        if held == self._held:
            return
        self._held = held
        for fill in self.selection.values():
            fill.setVisible(self._selection_shown())
        if not self.reselecting:
            self._after_reselected()

    def _selection_shown(self) -> bool:
        return self.shown and not self._held

    def redraw_all(self, frame: Frame) -> None:
        """Every building placed in its tile again (the plan was rebuilt) and
        every tile drawn, by ``draw_step`` until it returns False."""
        self.frame = frame
        self._tile_of.clear()
        self._members.clear()
        self._pieces.clear()
        self._key_of.clear()
        self._unplaced = list(self.buildings)
        self._pending = list(self.items)  # (emptied or drawn again)

    def draw_step(self) -> bool:
        """Place some of the buildings, or draw some of the tiles, that
        ``redraw_all`` left; whether some are left."""
        if self._pending is None:
            return False
        if self._unplaced:
            self._place(self._unplaced[-PLACED_A_STEP:])
            del self._unplaced[-PLACED_A_STEP:]
            if not self._unplaced:
                self._pending = sorted(set(self._members) | set(self._pending))
            return True
        step = self._pending[-TILES_A_STEP:]
        del self._pending[-TILES_A_STEP:]
        self._draw(step)
        if not self._pending:
            self._pending = None
            self._draw_selection()
        return self._pending is not None

    def changed(self, building_ids: Iterable[str]) -> None:
        """These buildings changed (footprint, family, faint, added, removed):
        their tiles and the selection, at once."""
        building_ids = list(building_ids)
        tiles = self._place(building_ids)
        if self._pending is not None:
            # Drawn by the steps under way.
            self._pending.extend(tiles - set(self._pending))
            return
        if tiles:
            self._draw(tiles)
        if not self.selected().isdisjoint(building_ids):
            self._draw_selection()

    def reselected(self) -> None:
        """The selection changed: the selected paths, in a turn of the event
        loop of their own (with the repaint they cause): all 10,000 selected,
        that repaint alone takes 50 ms, which the selection's other work (the
        items, the panels told) no longer comes on top of."""
        self._drop_staged()  # (made for the selection before)
        if not self._reselecting:
            self._reselecting = True
            in_a_turn_of_its_own(self.scene, self._reselect)

    def once_reselected(self, step: Callable[[], object]) -> None:
        """Do ``step`` in the turn that draws the selected paths, or now if
        none waits (a zoom to the buildings just selected: one repaint, at the
        new zoom, with them drawn selected)."""
        if self.reselecting:
            self._after_reselect.append(step)
        else:
            step()

    def _reselect(self) -> None:
        if self._pending is None:
            # The selected paths are made now, hidden, and shown (with a
            # frame that waits: a findings group) in a turn of their own: the
            # repaint's turn, at the new zoom if framed, is without the paths'
            # joining (select all at 10k: 12-19 ms; a findings group of 2,338
            # buildings: 11 ms).
            self._staged = self._selection_fills(self._selected_paths())
            in_a_turn_of_its_own(self.scene, self._show_staged)
            return
        self._reselecting = False  # (drawn at the end of the steps)
        self._after_reselected()

    def _show_staged(self) -> None:
        staged, self._staged = self._staged, None
        self._reselecting = False
        if staged is not None:
            for item in self.selection.values():
                self.scene.removeItem(item)
            for item in staged.values():
                item.setVisible(self._selection_shown())
            self.selection = staged
        elif self._pending is None:  # (dropped: the plan changed meanwhile)
            self._draw_selection()
        self._after_reselected()

    def _after_reselected(self) -> None:
        if self._held:
            return  # (done once the paths are put back)
        steps, self._after_reselect = self._after_reselect, []
        for step in steps:
            step()

    def _drop_staged(self) -> None:
        if self._staged is not None:
            for item in self._staged.values():
                self.scene.removeItem(item)
            self._staged = None

    def set_shown(self, shown: bool) -> None:
        """Zoomed out (the paths draw the buildings) or in (the items do, in
        the tiles ``reveal`` is given: those in view, not all 10,000)."""
        if shown == self.shown:
            return
        self.shown = shown
        for fill in self.selection.values():
            fill.setVisible(self._selection_shown())
            self._picture(fill)
        if shown:
            revealed, self.revealed = self.revealed, set()
            self._show_tiles(revealed)

    def set_zoom(self, pixels_per_unit: float | None) -> None:
        """Zoomed out at ``pixels_per_unit`` (None: the zoom as before): the
        selected paths keep their pictures at it (see ``_picture``)."""
        if pixels_per_unit:
            self._pixels_per_unit = pixels_per_unit
            self._margin = picture_margin(self._margin, pixels_per_unit)
        for fill in self.selection.values():
            self._picture(fill)

    def _picture(self, fill: TileFill) -> None:
        """Zoomed out, a selected path small enough on screen (see
        ``SELECTION_PICTURE_PX``) keeps its picture: a repaint copies it
        (until the path or the zoom changes) instead of stroking every
        selected outline again. Its bounds hold the strokes whole."""
        side = 0.0
        if self.shown and self._pixels_per_unit:
            fill.set_margin(self._margin)
            bounds = fill.path().controlPointRect()
            side = max(bounds.width(), bounds.height()) + 2 * self._margin
            side *= self._pixels_per_unit
        fill.setCacheMode(cache_mode(0 < side <= SELECTION_PICTURE_PX))

    def reveal(self, rect: QRectF) -> None:
        """Zoomed in, the items draw themselves in the tiles over ``rect``
        (scene units: what the view is about to paint)."""
        if self.shown or not self._members:
            return
        frame, reach = self.frame, self._reach
        x0, y1 = frame.to_model(rect.topLeft())
        x1, y0 = frame.to_model(rect.bottomRight())
        tiles = {
            (x, y)
            for x in range(
                math.floor((x0 - reach) / TILE_M), math.floor((x1 + reach) / TILE_M) + 1
            )
            for y in range(
                math.floor((y0 - reach) / TILE_M), math.floor((y1 + reach) / TILE_M) + 1
            )
        }
        new = (tiles & self._members.keys()) - self.revealed
        if new:
            self.revealed |= new
            self._show_tiles(new)

    def _show_tiles(self, tiles: Iterable[Tile]) -> None:
        """Each tile drawn by its paths, or by its items when revealed."""
        for tile in tiles:
            drawn = tile not in self.revealed
            for fill in self.items.get(tile, {}).values():
                fill.setVisible(drawn)
            for building_id in self._members.get(tile, ()):
                self._tile(building_id)

    def set_outlined(self, outlined: bool) -> None:
        if outlined != self.outlined:
            self.outlined = outlined
            pen = building_pen(False, outlined)
            for keyed in self.items.values():
                for item in keyed.values():
                    item.setPen(pen)

    def displaced(self, item: BuildingItem) -> None:
        """A tool dragged the item away or back: it draws itself meanwhile; the
        paths are drawn without it (or with it again) once the tool moved all."""
        if item.displaced:
            item.set_tiled(False)
        if _draws_itself(item):
            self._key_of.pop(item.building_id, None)
        elif item.building_id in self._tile_of:
            self._key_of[item.building_id] = item.family
        if not self._dragged:
            QTimer.singleShot(0, self.scene, self._draw_dragged)
        self._dragged.add(item.building_id)

    def _draw_dragged(self) -> None:
        dragged, self._dragged = self._dragged, set()
        if self._pending is None:
            self._draw({self._tile_of[b] for b in dragged if b in self._tile_of})
            self._draw_selection()

    def _fills(self) -> Iterable[TileFill]:
        for keyed in self.items.values():
            yield from keyed.values()
        yield from self.selection.values()

    def _tile(self, building_id: str) -> None:
        """The building's item drawn by the paths, or by itself."""
        item = self.buildings.get(building_id)
        if item is not None:
            tile = self._tile_of.get(building_id)
            item.set_tiled(
                tile is not None
                and tile not in self.revealed
                and not _draws_itself(item)
            )

    def _place(self, building_ids: Iterable[str]) -> set[Tile]:
        """Move these buildings to their tiles; the tiles left and entered."""
        items = self.buildings

        def shown(building_id: str) -> Building | None:
            item = items.get(building_id)
            return None if item is None else item.building

        building_ids = list(building_ids)
        for building_id in building_ids:
            self._pieces.pop(building_id, None)  # (made again when drawn)
            self._key_of.pop(building_id, None)
        placed = [items[b].building.footprint for b in building_ids if b in items]
        if placed:
            bounds = shapely.bounds(placed)
            sides = np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])
            self._reach = max(self._reach, float(sides.max()) / 2)
        return place(self._tile_of, self._members, building_ids, shown)

    def pieces(self, building_ids: list[str]) -> list[Piece]:
        """These buildings' footprints as path elements, in their order (as
        their items show them): those kept for the tiles, the others made at
        once (and kept)."""
        self._keep_pieces(building_ids)
        pieces = self._pieces
        return [pieces[b] for b in building_ids]

    def _keep_pieces(self, building_ids: Iterable[str]) -> None:
        pieces = self._pieces
        missing = [b for b in building_ids if b not in pieces]
        if missing:
            footprints = [self.buildings[b].building.footprint for b in missing]
            pieces.update(zip(missing, self.frame.pieces(footprints), strict=True))

    def _paths(self, keyed: Iterable[tuple[K, str]]) -> dict[K, QPainterPath]:
        """One path a key, of the footprints of its buildings: their pieces
        joined, those not kept yet made at once."""
        groups: dict[K, list[str]] = {}
        for key, building_id in keyed:
            groups.setdefault(key, []).append(building_id)
        self._keep_pieces(b for ids in groups.values() for b in ids)
        pieces = self._pieces
        paths = joined_paths([[pieces[b] for b in ids] for ids in groups.values()])
        return dict(zip(groups, paths, strict=True))

    def _draw(self, tiles: Iterable[Tile]) -> None:
        """These tiles' paths, made again (all in one go)."""
        tiles = set(tiles)
        drawn: list[str] = []
        key_of = self._key_of

        def keyed() -> Iterable[tuple[tuple[Tile, Key], str]]:
            for tile in sorted(tiles):
                for building_id in sorted(self._members.get(tile, ())):
                    drawn.append(building_id)
                    item = self.buildings.get(building_id)
                    if item is not None and not _draws_itself(item):
                        key_of[building_id] = item.family
                        yield (tile, item.family), building_id
                    else:
                        key_of.pop(building_id, None)

        made = self._paths(keyed())
        for tile in tiles:
            fills = self.items.get(tile, {})
            for key in [k for k in fills if (tile, k) not in made]:
                self.scene.removeItem(fills.pop(key))
            if not fills:
                self.items.pop(tile, None)
            if not self._members.get(tile):
                self._members.pop(tile, None)
        for (tile, key), path in made.items():
            fills = self.items.setdefault(tile, {})
            item = fills.get(key)
            if item is None:
                item = fills[key] = self._new_fill(key, selected=False)
                item.setVisible(tile not in self.revealed)
            item.setPath(path)
        for building_id in drawn:
            self._tile(building_id)

    def _selected_paths(self) -> dict[Key, QPainterPath]:
        key_of = self._key_of
        return self._paths(
            (key_of[b], b) for b in sorted(self.selected()) if b in key_of
        )

    def _selection_fills(self, made: dict[Key, QPainterPath]) -> dict[Key, TileFill]:
        """New selected paths, hidden, stacked as ``_draw_selection`` would
        stack them (the keys drawn already below, in their order)."""
        keys = [k for k in self.selection if k in made]
        keys += [k for k in made if k not in self.selection]
        fills = {}
        for key in keys:
            item = fills[key] = TileFill(key, selected=True, outlined=self.outlined)
            item.setVisible(False)
            item.setPath(made[key])
            self._picture(item)
            self.scene.addItem(item)
        return fills

    def _draw_selection(self) -> None:
        """The selected buildings' paths, made again."""
        self._drop_staged()  # (made from older paths)
        made = self._selected_paths()
        for key in [k for k in self.selection if k not in made]:
            self.scene.removeItem(self.selection.pop(key))
        for key, path in made.items():
            item = self.selection.get(key)
            if item is None:
                item = self.selection[key] = self._new_fill(key, selected=True)
            item.setPath(path)
            self._picture(item)

    def _new_fill(self, key: Key, selected: bool) -> TileFill:
        item = TileFill(key, selected, self.outlined)
        # (a tile's too: see _draw)
        item.setVisible(self._selection_shown() if selected else self.shown)
        self.scene.addItem(item)
        return item


def _draws_itself(item: BuildingItem) -> bool:
    """Whether the building is left out of the paths: dragged by a tool, or faint."""
    return item.displaced or item.opacity() < 1.0
