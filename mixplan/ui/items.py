"""Graphics items of the site plan: buildings, covers, the site, baseline outlines.

Model coordinates are projected metres with y pointing north; the scene flips y
(Qt's y points down) and subtracts an origin near the site, because Lambert-93
coordinates in the millions lose precision once scaled to screen pixels.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence

import numpy as np
import shapely
from PySide6.QtCore import QByteArray, QDataStream, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem
from shapely.geometry import MultiPolygon, Polygon

from mixplan.model import Building, GroundCover
from mixplan.ui.colors import (
    BASELINE_COLOR,
    COVER_COLORS,
    ERROR_COLOR,
    FAMILY_COLORS,
    OUTLINE_COLOR,
    SELECTION_COLOR,
    SITE_COLOR,
    dominant_family,
)

Z_SITE_FILL, Z_COVER, Z_BUILDING, Z_SITE_LINE, Z_BASELINE, Z_LABEL, Z_TOOL = (
    0,
    1,
    3,
    4,
    5,
    6,
    10,
)

#: A selected building: above the others.
Z_SELECTED = Z_BUILDING + 0.5
#: Error outlines: above every building (a raised selected one included).
Z_ERRORS = Z_BUILDING + 0.75
#: Below this many screen pixels per metre building outlines are dropped.
OUTLINE_LOD = 0.25

# QPainterPath as QDataStream writes it (qpainterpath.cpp): the element count,
# then (type, x, y) per element, then the index of the last subpath's start and
# the fill rule. Writing that with numpy and reading it back makes a path in one
# C++ call, instead of one call per point (a 10,000-building plan: 25 ms, not 350).
_ELEMENT = np.dtype([("type", "<i4"), ("x", "<f8"), ("y", "<f8")])
_TRAILER = np.dtype([("last_start", "<i4"), ("fill_rule", "<i4")])
_MOVE_TO, _LINE_TO = 0, 1
_ODD_EVEN = Qt.FillRule.OddEvenFill.value


class Frame:
    """Converts between model metres (y north) and scene units (y down, offset)."""

    def __init__(self, origin_x: float = 0.0, origin_y: float = 0.0) -> None:
        self.origin_x, self.origin_y = origin_x, origin_y

    def to_scene(self, x: float, y: float) -> QPointF:
        return QPointF(x - self.origin_x, -(y - self.origin_y))

    def to_model(self, point: QPointF) -> tuple[float, float]:
        return point.x() + self.origin_x, -point.y() + self.origin_y

    def ring(self, ring) -> QPolygonF:  # type: ignore[no-untyped-def]
        # Coordinates read at once (iterating ring.coords costs a call per point).
        xy = shapely.get_coordinates(ring)
        xs = (xy[:, 0] - self.origin_x).tolist()
        ys = (self.origin_y - xy[:, 1]).tolist()
        return QPolygonF(list(map(QPointF, xs, ys)))

    def path(self, geometry: Polygon | MultiPolygon) -> QPainterPath:
        return self.paths([geometry])[0]

    def paths(
        self, geometries: Sequence[Polygon | MultiPolygon], combined: bool = False
    ) -> list[QPainterPath]:
        """One odd-even path per geometry (each ring a closed subpath), made at once.

        ``combined``: a single path holding every geometry's rings.
        """
        if not len(geometries):
            return [QPainterPath()] if combined else []
        elements, owner = self._elements(geometries)
        count = 1 if combined else len(geometries)
        if combined:
            owner = np.zeros_like(owner)
        sizes = np.bincount(owner, minlength=count)
        if not sizes.all():
            # An empty geometry would be an empty path, which the stream writes
            # without its trailer: make those one by one.
            made = [self._path_by_points(g) for g in geometries]
            if combined:
                for path in made[1:]:
                    made[0].addPath(path)
                return made[:1]
            return made
        starts = np.r_[0, np.cumsum(sizes)[:-1]]
        moves = np.flatnonzero(elements["type"] == _MOVE_TO)
        last_start = np.zeros(count, np.int64)
        np.maximum.at(last_start, owner[moves], moves)
        trailer = np.empty(count, _TRAILER)
        trailer["last_start"] = last_start - starts
        trailer["fill_rule"] = _ODD_EVEN
        # Path k's bytes: its 4-byte count, 20 bytes an element, 8-byte trailer.
        head = 20 * starts + 12 * np.arange(count)
        data = np.empty(20 * len(elements) + 12 * count, np.uint8)
        data[head[:, None] + np.arange(4)] = (
            sizes.astype("<i4").view(np.uint8).reshape(-1, 4)
        )
        into = 20 * np.arange(len(elements)) + 12 * owner + 4
        data[into[:, None] + np.arange(20)] = elements.view(np.uint8).reshape(-1, 20)
        tail = head + 4 + 20 * sizes
        data[tail[:, None] + np.arange(8)] = trailer.view(np.uint8).reshape(-1, 8)
        return _read_paths(data.tobytes(), count)

    def pieces(self, geometries: Sequence[Polygon | MultiPolygon]) -> list[Piece]:
        """Each geometry's path elements as the stream writes them (see
        :func:`joined_paths`), made at once."""
        if not len(geometries):
            return []
        elements, owner = self._elements(geometries)
        sizes = np.bincount(owner, minlength=len(geometries))
        ends = np.cumsum(sizes)
        starts = ends - sizes
        moves = np.flatnonzero(elements["type"] == _MOVE_TO)
        last_start = np.zeros(len(geometries), np.int64)
        np.maximum.at(last_start, owner[moves], moves)
        data = elements.tobytes()
        return [
            (data[20 * start : 20 * end], last - start)
            for start, end, last in zip(
                starts.tolist(), ends.tolist(), last_start.tolist(), strict=True
            )
        ]

    def _elements(
        self, geometries: Sequence[Polygon | MultiPolygon]
    ) -> tuple[np.ndarray, np.ndarray]:
        """The rings' points as path elements (a move to each ring's first, a
        line to the others), and the geometry each belongs to."""
        parts, part_owner = shapely.get_parts(geometries, return_index=True)
        rings, ring_part = shapely.get_rings(parts, return_index=True)
        xy, ring_of = shapely.get_coordinates(rings, return_index=True)
        elements = np.empty(len(xy), _ELEMENT)
        first = np.r_[True, ring_of[1:] != ring_of[:-1]][: len(xy)]
        elements["type"] = np.where(first, _MOVE_TO, _LINE_TO)
        elements["x"] = xy[:, 0] - self.origin_x
        elements["y"] = self.origin_y - xy[:, 1]
        return elements, part_owner[ring_part][ring_of]

    def _path_by_points(self, geometry: Polygon | MultiPolygon) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
        for polygon in polygons:
            if polygon.is_empty:
                continue
            path.addPolygon(self.ring(polygon.exterior))
            path.closeSubpath()
            for hole in polygon.interiors:
                path.addPolygon(self.ring(hole))
                path.closeSubpath()
        return path


#: A geometry's path elements as QDataStream writes them (20 bytes each), and
#: the index of its last ring's first element among them (see Frame.pieces).
Piece = tuple[bytes, int]
_HEAD = struct.Struct("<i")
_TAIL = struct.Struct("<ii")


def joined_paths(groups: Iterable[Sequence[Piece]]) -> list[QPainterPath]:
    """One odd-even path per group of pieces, holding their rings in order.

    Pieces kept from :meth:`Frame.pieces` make a path at the cost of joining
    bytes: a selection of 10,000 buildings without measuring them again.
    """
    chunks: list[bytes] = []
    count = 0
    empty: list[int] = []
    for k, pieces in enumerate(groups):
        data = b"".join([piece[0] for piece in pieces])
        size = len(data) // 20
        if not size:
            empty.append(k)  # (a path without elements has no trailer)
            continue
        data_of_last, last = pieces[-1]
        last += size - len(data_of_last) // 20
        chunks += (_HEAD.pack(size), data, _TAIL.pack(last, _ODD_EVEN))
        count += 1
    made = _read_paths(b"".join(chunks), count)
    for k in empty:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        made.insert(k, path)
    return made


def _read_paths(data: bytes, count: int) -> list[QPainterPath]:
    """``count`` paths read from the bytes the stream would have written."""
    stream = QDataStream(QByteArray(data))
    stream.setByteOrder(QDataStream.ByteOrder.LittleEndian)
    made = []
    for _ in range(count):
        path = QPainterPath()
        stream >> path  # QDataStream operator>> fills the path
        made.append(path)
    return made


def _cosmetic(
    color: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine
) -> QPen:
    pen = QPen(color, width, style)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


_OUTLINE = _cosmetic(OUTLINE_COLOR, 1.0)
_SELECTED = _cosmetic(SELECTION_COLOR, 2.5)
_ERROR = _cosmetic(ERROR_COLOR, 2.5)
_NO_PEN = QPen(Qt.PenStyle.NoPen)
_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def building_brush(family: str, selected: bool) -> QBrush:
    """A building's fill: its dominant family's colour, lighter when selected."""
    brush = _BRUSHES.get((family, selected))
    if brush is None:
        colour = FAMILY_COLORS[family]
        brush = _BRUSHES[family, selected] = QBrush(
            colour.lighter(130) if selected else colour
        )
    return brush


_BRUSHES: dict[tuple[str, bool], QBrush] = {}


def building_pen(selected: bool, outlined: bool) -> QPen:
    """A building's edge: the selection's, else its outline (none zoomed far out)."""
    if selected:
        return _SELECTED
    return _OUTLINE if outlined else _NO_PEN


class PlanItems:
    """What the building items of a plan share: the ids selected, and the ids
    of those drawing themselves (not tiled: see ``BuildingItem.set_tiled``).

    The plan changes ``selected`` in place and then shows the change on the
    items in ``drawn`` only (``BuildingItem.show_selection``): select all,
    zoomed out, tells no item. ``drawn`` may still hold the id of an item
    removed from the plan.
    """

    def __init__(self) -> None:
        self.selected: set[str] = set()
        self.drawn: set[str] = set()


class BuildingItem(QGraphicsPathItem):
    """One building's footprint, filled with its dominant family's colour.

    Painting stays in C++ (no Python ``paint``): with 10,000 buildings a Python
    call per item per repaint costs more than the drawing. Selection and level of
    detail are shown by swapping the pen and brush when they change; error
    outlines are drawn a tile at a time (:mod:`mixplan.ui.outline_tiles`). Zoomed
    out, the item draws nothing and the plan's tiles draw the building
    (:mod:`mixplan.ui.fill_tiles`); it stays for clicks, tooltips and tools.
    """

    def __init__(
        self,
        building: Building,
        frame: Frame,
        path: QPainterPath | None = None,
        family: str | None = None,
        shared: PlanItems | None = None,
    ) -> None:
        super().__init__()
        self.building_id = building.id
        #: the selection, and the items drawing themselves, of its plan
        self._shared = PlanItems() if shared is None else shared
        self.outlined = True
        #: drawn by the plan's tiles, not by the item (see ``set_tiled``)
        self.tiled = False
        self._shared.drawn.add(self.building_id)
        #: its brush, its pen to set once it draws itself again
        self._fill_later = self._edge_later = False
        #: whether its brush and pen show it selected, and its stacking
        self._styled_selected = False
        self._z = Z_BUILDING
        #: dragged by a tool away from its building (move, rotate)
        self.displaced = False
        self.family = ""
        #: a value shown before (its levels and footprint) and its family: an
        #: undo shows it again (see ``earlier_family``)
        self._earlier: tuple[Building, str] | None = None
        self._anchor: QPointF | None = None
        self.setZValue(Z_BUILDING)
        self.update_building(building, frame, path, family=family)
        self._restack()

    def update_building(
        self,
        building: Building,
        frame: Frame,
        path: QPainterPath | None = None,
        same_footprint: bool = False,
        family: str | None = None,
    ) -> None:
        """Show this value of the building; ``path``: its footprint's, when made
        already (a rebuild makes them in batches); ``same_footprint``: the
        footprint is equal to the one shown (the path is kept); ``family``: its
        dominant family, when measured already."""
        old = getattr(self, "building", None)
        self.building = building
        # Scenario copies share footprint and level values: reuse what they give.
        if old is None or (
            old.footprint is not building.footprint and not same_footprint
        ):
            self.setPath(frame.path(building.footprint) if path is None else path)
            self._frame, self._anchor = frame, None
        # A new footprint changes the share of levels drawn on polygons of their
        # own, and so possibly the dominant family.
        if (
            old is None
            or old.levels is not building.levels
            or old.footprint is not building.footprint
        ):
            if family is None:
                family = (
                    self.family
                    if same_levels(old, building)
                    else self.earlier_family(building) or dominant_family(building)
                )
            if old is not None:
                self._earlier = (old, self.family)
            if old is None:
                self.family = family
                self.restyle()
            elif family != self.family:
                self.family = family
                self._restyle_fill()

    def earlier_family(self, building: Building) -> str | None:
        """The family of ``building`` when the item showed its levels and
        footprint before the value it shows (an undo: the family of all 9,167
        buildings of a park turned and turned back was measured again, 0.4 s
        of the plan's rebuild), else None."""
        if self._earlier is not None:
            shown, family = self._earlier
            if (
                shown.levels is building.levels
                and shown.footprint is building.footprint
            ):
                return family
        return None

    @property
    def anchor(self) -> QPointF:
        """Where the label goes: a point inside the footprint (made when asked)."""
        if self._anchor is None:
            point = self.building.footprint.representative_point()
            self._anchor = self._frame.to_scene(point.x, point.y)
        return self._anchor

    @property
    def selected(self) -> bool:
        return self.building_id in self._shared.selected

    def set_selected(self, selected: bool) -> None:
        """Select the building or not (its plan's selection: see
        :class:`PlanItems`), and show it."""
        if selected:
            self._shared.selected.add(self.building_id)
        else:
            self._shared.selected.discard(self.building_id)
        self.show_selection()

    def show_selection(self) -> None:
        """Show whether it is selected: raised above the others, its brush and
        pen. Tiled, only once it draws itself again (``set_tiled``): then the
        tiles draw the selection, and the plan tells no item of a selection of
        10,000 (a Qt call or two each, and Qt's bookkeeping of as many
        stacking changes after)."""
        if not self.tiled:
            self._restack()
            if self.selected != self._styled_selected:
                self.restyle()

    def _restack(self) -> None:
        # Tiled items stay at Z_BUILDING: what a click hits first among them
        # is chosen by the view (a selected one: ``SiteView.building_item_at``).
        z = Z_SELECTED if self.selected and not self.tiled else Z_BUILDING
        if z != self._z:
            self._z = z
            self.setZValue(z)

    def set_outlined(self, outlined: bool) -> None:
        if outlined != self.outlined:
            self.outlined = outlined
            if self.tiled:
                self._edge_later = True
            else:
                self._restyle_edge()

    def restyle(self) -> None:
        if not self.tiled:
            self._styled_selected = self.selected
        self._restyle_fill()
        self._restyle_edge()

    # Each Qt call counts when 10,000 items change at once: only what changed is
    # set, and a brush or pen only once the item draws itself again.
    def _restyle_fill(self) -> None:
        if self.tiled:
            self._fill_later = True
            return
        self.setBrush(building_brush(self.family, self.selected))

    def _restyle_edge(self) -> None:
        if self.tiled:
            self._edge_later = True
            return
        self.setPen(building_pen(self.selected, self.outlined))

    def set_tiled(self, tiled: bool) -> None:
        """Whether the plan's tiles draw this building (zoomed out), not the item
        itself: it stays in the scene, without contents, for clicks and tools."""
        if tiled != self.tiled:
            self.tiled = tiled
            self.setFlag(_NO_CONTENTS, tiled)
            self._restack()
            if tiled:
                self._shared.drawn.discard(self.building_id)
            else:
                self._shared.drawn.add(self.building_id)
                if self.selected != self._styled_selected:
                    # (selected or not while tiled)
                    self._fill_later = self._edge_later = True
                    self._styled_selected = self.selected
                if self._fill_later:
                    self._fill_later = False
                    self._restyle_fill()
                if self._edge_later:
                    self._edge_later = False
                    self._restyle_edge()

    # The move and rotate tools drag the item itself: tiles must leave it out.
    def setPos(self, *args) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().setPos(*args)
        self._moved()

    def setTransform(self, *args) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().setTransform(*args)
        self._moved()

    def _moved(self) -> None:
        displaced = not self.pos().isNull() or not self.transform().isIdentity()
        if displaced != self.displaced:
            self.displaced = displaced
            notify = getattr(self.scene(), "building_displaced", None)
            if notify is not None:
                notify(self)


def same_levels(old: Building | None, new: Building) -> bool:
    """Whether ``new`` has the levels and footprint of ``old`` (the same family).

    A scenario read back from the file holds equal values that are other objects.
    """
    if old is None or old.levels != new.levels:
        return False
    return (
        old.footprint is new.footprint
        or all(level.polygon is not None for level in new.levels)
        or old.footprint.equals_exact(new.footprint, 0.0)
    )


def label_text(building: Building) -> str:
    """What the plan writes on a building: its name and storeys (R+n)."""
    return f"{building.name}\n{building.storeys_label}"


_COVER_EDGE = _cosmetic(QColor(120, 120, 120, 120), 0.5)


class CoverItem(QGraphicsPathItem):
    """One ground cover, filled with its surface type's colour.

    The select tool picks it by position (the view asks the scene), so the item
    itself takes no mouse buttons; selection restyles it as for buildings.
    """

    def __init__(self, cover: GroundCover, frame: Frame) -> None:
        super().__init__(frame.path(cover.geometry))
        self.cover_id = cover.id
        self.cover_type = cover.cover
        self.selected = False
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.restyle()

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self.restyle()

    def restyle(self) -> None:
        colour = COVER_COLORS.get(self.cover_type, QColor("#dddddd"))
        self.setBrush(QBrush(colour.lighter(115) if self.selected else colour))
        self.setPen(_SELECTED if self.selected else _COVER_EDGE)
        # Above the other covers, still under the buildings.
        self.setZValue(Z_COVER + (0.5 if self.selected else 0))


class SiteItem(QGraphicsPathItem):
    def __init__(self, boundary: Polygon | MultiPolygon, frame: Frame) -> None:
        super().__init__(frame.path(boundary))
        self.setBrush(QBrush(QColor(250, 250, 246)))
        self.setPen(_cosmetic(SITE_COLOR, 1.5, Qt.PenStyle.DashLine))
        self.setZValue(Z_SITE_FILL)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_filled(self, filled: bool) -> None:
        self.setBrush(
            QBrush(QColor(250, 250, 246)) if filled else QBrush(Qt.BrushStyle.NoBrush)
        )


class PlanPaths(QGraphicsPathItem):
    """Paths of many buildings drawn as one item that takes no clicks: its
    shape is its bounds (the path's, widened by what its pen reaches and by
    ``margin``).

    Qt's own shape strokes the whole path with the pen, and Qt asks for it for
    the item's bounds each time the path changes (10,000 selected footprints:
    18 ms) and at each hit test over the item. A Python ``boundingRect`` would
    instead be called at every paint, for every item (12,000 a paint with
    100,000 buildings).
    """

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        #: scene units around the path that its strokes may reach (see
        #: ``set_margin``)
        self.margin = 0.0
        self._shape: QPainterPath | None = None

    def setPath(self, path: QPainterPath) -> None:  # noqa: N802
        self._shape = None
        super().setPath(path)

    def setPen(self, pen: QPen) -> None:  # type: ignore[override]  # noqa: N802
        self._shape = None
        super().setPen(pen)

    def set_margin(self, margin: float) -> None:
        """Bounds this much wider than the path. Qt measures a cosmetic pen's
        width in scene units, but it is drawn in pixels: zoomed out, a picture
        of the item kept in a pixmap (its bounds) would cut its strokes."""
        if margin != self.margin:
            self.margin = margin
            # (Qt measures the bounds again only once the path or pen changed)
            path = self.path()
            self.setPath(QPainterPath())
            self.setPath(path)

    def shape(self) -> QPainterPath:
        if self._shape is None:
            path, pen = self.path(), self.pen()
            self._shape = QPainterPath()
            if not path.isEmpty():
                # (a miter joint reaches the pen's half width times its limit)
                reach = self.margin
                if pen.style() != Qt.PenStyle.NoPen:
                    reach += pen.widthF() * max(pen.miterLimit(), 1.0) / 2
                bounds = path.controlPointRect()
                self._shape.addRect(bounds.adjusted(-reach, -reach, reach, reach))
        return self._shape


class TileOutlines(PlanPaths):
    """Outlines of some buildings of one tile of the plan, as one path.

    Error outlines (red, over every building) and the baseline's outlines
    (faint, dashed) are drawn a tile at a time: see :mod:`mixplan.ui.outline_tiles`.
    """

    def __init__(self, pen: QPen, z: float) -> None:
        super().__init__()
        self.setPen(pen)
        self.setBrush(Qt.BrushStyle.NoBrush)
        self.setZValue(z)

    def show_buildings(self, buildings: list[Building], frame: Frame) -> None:
        footprints = [building.footprint for building in buildings]
        self.setPath(frame.paths(footprints, combined=True)[0])


ERROR_PEN = _ERROR
BASELINE_PEN = _cosmetic(BASELINE_COLOR, 1.0, Qt.PenStyle.DashLine)


class StandingBuildings(QGraphicsPathItem):
    """Existing buildings still standing at a phase of the works, in grey."""

    def __init__(self, buildings: list[Building], frame: Frame) -> None:
        footprints = [building.footprint for building in buildings]
        super().__init__(frame.paths(footprints, combined=True)[0])
        self.setPen(_cosmetic(BASELINE_COLOR, 1.5, Qt.PenStyle.SolidLine))
        self.setBrush(QBrush(QColor(90, 90, 90), Qt.BrushStyle.BDiagPattern))
        # Above the buildings: an existing building still standing where a new
        # one will rise must show through the faint future one.
        self.setZValue(1000.0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)


def preview_pen() -> QPen:
    return _cosmetic(SELECTION_COLOR, 1.5, Qt.PenStyle.DashLine)
