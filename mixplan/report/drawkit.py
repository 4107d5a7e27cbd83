"""Small vector-drawing helpers shared by the plan, massing, stacking and charts.

Text, marks and legends are :mod:`reportlab.graphics.shapes` objects; the bulk
of a figure (footprints, walls, bars) goes through :class:`PathBatch`, written as
PDF path operators. Either way the drawings stay vector, scale without blur, and
their words stay searchable.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mixplan.model import Building
from mixplan.report.fonts import REGULAR, font_runs, string_width

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Group

__all__ = [
    "PathBatch",
    "darken",
    "dominant_family",
    "draw_text",
    "fit_text",
    "formatted_rows",
    "new_drawing",
    "pdf_rgb",
    "ring_paths",
    "swatch_legend",
    "vector_drawing",
    "wrap_text",
]


def darken(colour: str, amount: float) -> str:
    """Mix a ``#rrggbb`` colour with black; ``amount`` 0 keeps it.

    Examples
    --------
    >>> darken("#ffffff", 0.5)
    '#808080'
    """
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c * (1 - amount)):02x}" for c in channels)


def new_drawing(width: float, height: float) -> Any:
    """An empty reportlab Drawing whose default font is DejaVu Sans.

    reportlab starts every drawing in Helvetica, which would then be listed,
    unembedded, among the PDF's fonts even though no text uses it.
    """
    from reportlab.graphics.shapes import Drawing

    drawing = Drawing(width, height)
    drawing.initialFontName = REGULAR
    return drawing


def dominant_family(building: Building) -> str:
    """The family a building is coloured by (:meth:`Building.dominant_family`)."""
    return building.dominant_family()


@functools.cache
def pdf_rgb(colour: str) -> str:
    """A ``#rrggbb`` colour as the three PDF components.

    Examples
    --------
    >>> pdf_rgb("#ff8000")
    '1.000 0.502 0.000'
    """
    value = colour.lstrip("#")
    return " ".join(f"{int(value[i : i + 2], 16) / 255:.3f}" for i in (0, 2, 4))


_rgb = pdf_rgb


class PathBatch:
    """Polygons written straight as PDF path operators.

    A plan or massing of a thousand buildings has tens of thousands of faces;
    as reportlab shape objects each would be validated, state-tracked and
    formatted one by one (about 30 s for 1,000 buildings). Written here as
    operators (``m``/``l``/``h`` then ``f*``, ``B*`` or ``S``: even-odd fill,
    so holes stay open) they cost a few microseconds each and stay vector.
    """

    def __init__(self) -> None:
        self._ops: list[str] = []
        self._fill: str | None = None
        self._stroke: tuple[str, float, tuple[float, ...]] | None = None

    def __len__(self) -> int:
        return len(self._ops)

    @property
    def operators(self) -> tuple[str, ...]:
        """The PDF operators of each path, in drawing order."""
        return tuple(self._ops)

    def polygon(
        self,
        rings: Sequence[Sequence[tuple[float, float]]],
        *,
        fill: str | None,
        stroke: str | None = None,
        stroke_width: float = 0.5,
        dash: Sequence[float] | None = None,
    ) -> None:
        """Add one path of several rings (drawing coordinates, points)."""
        subpaths: list[str] = []
        for ring in rings:
            if len(ring) < 3:
                continue
            x, y = ring[0]
            parts = [f"{x:.2f} {y:.2f} m"]
            parts.extend(f"{x:.2f} {y:.2f} l" for x, y in ring[1:])
            parts.append("h")
            subpaths.append("\n".join(parts))
        self.path(
            "\n".join(subpaths),
            fill=fill,
            stroke=stroke,
            stroke_width=stroke_width,
            dash=dash,
        )

    def path(
        self,
        subpaths: str,
        *,
        fill: str | None,
        stroke: str | None = None,
        stroke_width: float = 0.5,
        dash: Sequence[float] | None = None,
    ) -> None:
        """Add one path already written as subpaths (``m``/``l``/``h``).

        :func:`ring_paths` writes those of many polygons at once; nothing is
        added for an empty one.
        """
        if not subpaths:
            return
        parts: list[str] = []
        if fill is not None and fill != self._fill:
            parts.append(f"{_rgb(fill)} rg")
            self._fill = fill
        if stroke is not None:
            state = (stroke, stroke_width, tuple(dash or ()))
            if state != self._stroke:
                pattern = " ".join(f"{d:g}" for d in state[2])
                parts.append(f"{_rgb(stroke)} RG {stroke_width:.2f} w [{pattern}] 0 d")
                self._stroke = state
        parts.append(subpaths)
        parts.append("B*" if fill and stroke else "f*" if fill else "S")
        self._ops.append("\n".join(parts))

    def extend(self, operators: Iterable[str]) -> None:
        """Add paths already written as operators, each setting its own colours.

        Figures with thousands of similar paths write them in bulk (numpy, one
        format string); the next :meth:`polygon` then sets its colours again.
        """
        self._ops.extend(operators)
        self._fill = None
        self._stroke = None

    def rect(
        self,
        x: float,
        y: float,
        width: float,
        height: float,
        *,
        fill: str | None,
        stroke: str | None = None,
        stroke_width: float = 0.5,
    ) -> None:
        """Add a rectangle."""
        self.polygon(
            [[(x, y), (x + width, y), (x + width, y + height), (x, y + height)]],
            fill=fill,
            stroke=stroke,
            stroke_width=stroke_width,
        )

    def draw_on(self, canvas: Any) -> None:
        """Write the operators into the canvas's current stream."""
        if self._ops:
            canvas.addLiteral("q 1 j\n" + "\n".join(self._ops) + "\nQ")


#: Rows formatted per call of :func:`formatted_rows`: a few hundred kB of text
#: at a time, never one Python float object per number of a whole figure.
_ROWS_AT_ONCE = 4096


def formatted_rows(pattern: str, rows: Any) -> list[str]:
    """Each row of a 2-D array through ``pattern`` (``%`` formatting), in bulk.

    The same strings as ``pattern % tuple(row)`` row by row, formatted a
    chunk of rows per call: a figure of 10,000 buildings has ~140,000 vertices
    and ~40,000 walls, whose numbers as Python floats would take tens of MB.

    Examples
    --------
    >>> import numpy as np
    >>> formatted_rows("%.2f %.2f", np.array([[1.0, 2.5], [3.125, 4.0]]))
    ['1.00 2.50', '3.12 4.00']
    """
    out: list[str] = []
    template = pattern + "\0"
    for start in range(0, len(rows), _ROWS_AT_ONCE):
        chunk = rows[start : start + _ROWS_AT_ONCE]
        text = (template * len(chunk)) % tuple(chunk.ravel().tolist())
        out += text.split("\0")[:-1]
    return out


def ring_paths(
    geometries: Sequence[Any],
    origin: tuple[float, float],
    offset: tuple[float, float],
    k: float,
) -> list[str]:
    """The subpaths of many polygons on paper, written at once.

    Each point (x, y) goes to ``origin + ((x, y) - offset) × k``; each polygon
    or multipolygon gives one string of its rings (``x y m``, ``x y l`` …
    ``h``), empty for an empty geometry, ready for :meth:`PathBatch.path`. The
    coordinates are turned and formatted in bulk (numpy, one format string):
    the plan of 10,000 buildings writes ~140,000 vertices.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> (path,) = ring_paths([box(0, 0, 1, 2)], (10.0, 0.0), (0.0, 0.0), 2.0)
    >>> path.splitlines()  # doctest: +NORMALIZE_WHITESPACE
    ['12.00 0.00 m', '12.00 4.00 l', '10.00 4.00 l', '10.00 0.00 l',
     '12.00 0.00 l', 'h']
    """
    import numpy as np
    import shapely

    count = len(geometries)
    parts, part_owner = shapely.get_parts(
        np.asarray(geometries, dtype=object), return_index=True
    )
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, point_ring = shapely.get_coordinates(rings, return_index=True)
    if not len(coords):
        return [""] * count
    xy = (coords - np.asarray(offset)) * k + np.asarray(origin)
    vertices = formatted_rows("%.2f %.2f", xy)
    starts = np.searchsorted(point_ring, np.arange(len(rings) + 1)).tolist()
    ring_owner = part_owner[ring_part].tolist()
    out: list[list[str]] = [[] for _ in range(count)]
    for r, who in enumerate(ring_owner):
        ring = vertices[starts[r] : starts[r + 1]]
        if len(ring) >= 3:
            out[who].append(f"{ring[0]} m\n" + " l\n".join(ring[1:]) + " l\nh")
    return ["\n".join(subpaths) for subpaths in out]


@functools.cache
def _vector_drawing_class() -> type:
    from reportlab.graphics import renderPDF
    from reportlab.platypus import Flowable

    class VectorDrawing(Flowable):
        """A figure: a batch of polygons under a reportlab Drawing (text, marks)."""

        def __init__(
            self,
            width: float,
            height: float,
            under: PathBatch,
            over: Any | None,
            background: PathBatch | None = None,
            images: Sequence[PlacedImage] = (),
        ) -> None:
            super().__init__()
            self.width, self.height = width, height
            self.under, self.over = under, over
            self.background, self.images = background, tuple(images)

        def wrap(
            self, available_width: float, available_height: float
        ) -> tuple[float, float]:
            return self.width, self.height

        def draw(self) -> None:
            canvas = self.canv
            if self.background is not None:
                self.background.draw_on(canvas)
            for image in self.images:
                canvas.saveState()
                clip = canvas.beginPath()
                clip.rect(0, 0, self.width, self.height)
                canvas.clipPath(clip, stroke=0, fill=0)
                canvas.setFillAlpha(image.opacity)
                canvas.transform(*image.matrix)
                canvas.drawImage(image.path, 0, 0, width=1, height=1)
                canvas.restoreState()
            self.under.draw_on(canvas)
            if self.over is not None:
                renderPDF.draw(self.over, canvas, 0, 0)

    return VectorDrawing


@dataclass(frozen=True)
class PlacedImage:
    """An image file drawn through ``matrix``, faded to ``opacity``.

    ``matrix`` is a PDF ``cm``: it lays the image's unit square (lower-left corner
    at 0, 0) onto the figure.
    """

    path: str
    matrix: tuple[float, float, float, float, float, float]
    opacity: float = 1.0


def vector_drawing(
    width: float,
    height: float,
    under: PathBatch,
    over: Any | None = None,
    *,
    background: PathBatch | None = None,
    images: Sequence[PlacedImage] = (),
) -> Any:
    """A flowable figure: ``under`` polygons first, then the ``over`` Drawing.

    A ``background`` batch and ``images`` (clipped to the figure) go beneath both.
    """
    return _vector_drawing_class()(width, height, under, over, background, images)


def draw_text(
    group: Group,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    font: str = REGULAR,
    anchor: str = "start",
    colour: str = "#222222",
    angle: float = 0.0,
) -> float:
    """Add ``text`` to ``group`` at ``(x, y)``, switching fonts for CJK runs.

    ``anchor`` is ``start``, ``middle`` or ``end``; ``angle`` rotates the text
    (degrees, counter-clockwise) about ``(x, y)``. Returns the text's width.
    """
    from reportlab.graphics.shapes import Group as _Group
    from reportlab.graphics.shapes import String
    from reportlab.lib.colors import HexColor

    width = string_width(text, size, font)
    start = {"start": 0.0, "middle": -width / 2, "end": -width}[anchor]
    target: Any = group
    if angle:
        import math

        rad = math.radians(angle)
        c, s = math.cos(rad), math.sin(rad)
        target = _Group(transform=(c, s, -s, c, x, y))
        group.add(target)
        x, y = 0.0, 0.0
    cursor = x + start
    for name, chunk in font_runs(text, font):
        target.add(
            String(
                cursor,
                y,
                chunk,
                fontName=name,
                fontSize=size,
                fillColor=HexColor(colour),
            )
        )
        cursor += string_width(chunk, size, name)
    return width


def fit_text(text: str, size: float, max_width: float, font: str = REGULAR) -> str:
    """``text`` cut with an ellipsis so that it fits ``max_width`` points.

    Examples
    --------
    >>> fit_text("Workshop", 10, 1000)
    'Workshop'
    >>> fit_text("A very long building name", 10, 60).endswith("…")
    True
    """
    if string_width(text, size, font) <= max_width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if string_width(text[:mid].rstrip() + "…", size, font) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…" if lo else ""


def wrap_text(
    text: str, size: float, max_width: float, lines: int = 2, font: str = REGULAR
) -> list[str]:
    """Break ``text`` into at most ``lines`` lines of ``max_width`` points.

    Words move to the next line whole when they can; the last line is cut
    with an ellipsis if the text still does not fit.

    Examples
    --------
    >>> wrap_text("Ateliers du Canal", 10, 60)
    ['Ateliers du', 'Canal']
    """
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines - 1:
        line = words[0]
        rest = words[1:]
        while rest and string_width(f"{line} {rest[0]}", size, font) <= max_width:
            line = f"{line} {rest.pop(0)}"
        if string_width(line, size, font) > max_width:
            break  # one long word: leave it to the last line's ellipsis
        out.append(line)
        words = rest
    if words:
        out.append(fit_text(" ".join(words), size, max_width, font))
    return out


def swatch_legend(
    entries: Iterable[tuple[str, str, str]],
    width: float,
    *,
    size: float = 7.0,
) -> Any:
    """A legend of ``(kind, colour, label)`` entries flowing in rows.

    ``kind`` is ``fill`` (a filled square), ``line`` (a solid line), ``dash``
    (a dashed line) or ``outline`` (an empty square with a coloured border).
    """
    from reportlab.graphics.shapes import Group, Line, Rect
    from reportlab.lib.colors import HexColor

    items = list(entries)
    box = size * 1.2
    gap = size * 1.6
    rows: list[list[tuple[str, str, str, float]]] = [[]]
    cursor = 0.0
    for kind, colour, label in items:
        item_width = box + size * 0.5 + string_width(label, size) + gap
        if rows[-1] and cursor + item_width > width:
            rows.append([])
            cursor = 0.0
        rows[-1].append((kind, colour, label, cursor))
        cursor += item_width
    line_height = size * 1.9
    height = max(1, len(rows)) * line_height
    drawing = new_drawing(width, height)
    group = Group()
    drawing.add(group)
    for row_index, row in enumerate(rows):
        y = height - (row_index + 1) * line_height + size * 0.5
        for kind, colour, label, x in row:
            if kind == "fill":
                group.add(
                    Rect(
                        x,
                        y,
                        box,
                        box,
                        fillColor=HexColor(colour),
                        strokeColor=HexColor("#555555"),
                        strokeWidth=0.3,
                    )
                )
            elif kind == "outline":
                group.add(
                    Rect(
                        x,
                        y,
                        box,
                        box,
                        fillColor=None,
                        strokeColor=HexColor(colour),
                        strokeWidth=1.2,
                    )
                )
            else:
                line = Line(
                    x,
                    y + box / 2,
                    x + box,
                    y + box / 2,
                    strokeColor=HexColor(colour),
                    strokeWidth=1.2,
                )
                if kind == "dash":
                    line.strokeDashArray = [2, 1.5]
                group.add(line)
            draw_text(group, x + box + size * 0.5, y + size * 0.15, label, size)
    return drawing
