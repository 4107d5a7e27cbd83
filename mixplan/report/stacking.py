"""The stacking diagram: per building, its levels as bars split by use.

Bar heights are the floor-to-floor heights at one vertical scale for every
building, so a 6 m workshop hall reads twice as tall as a 3 m flat; within a
level the width is shared between its uses. Basements hang below the ground
line. On large scenarios only the buildings with the most floor area are drawn
(the caption says how many), in rows of at most :data:`PER_ROW` columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mixplan.model import Building, Scenario
from mixplan.report.drawkit import (
    PathBatch,
    draw_text,
    new_drawing,
    vector_drawing,
    wrap_text,
)
from mixplan.report.labels import building_label
from mixplan.report.palette import use_colour
from mixplan.report.texts import text

__all__ = ["MAX_BUILDINGS", "PER_ROW", "StackingDrawing", "stacking"]

PER_ROW = 14
MAX_BUILDINGS = 42


@dataclass
class StackingDrawing:
    """A drawn stacking diagram, how many buildings it shows, the uses shown."""

    drawing: Any
    shown: int
    total: int
    uses: list[str]


def _gross_area(building: Building) -> float:
    return sum(building.level_area(level) for level in building.levels)


def stacking(scenario: Scenario, lang: str, width: float,
             max_buildings: int = MAX_BUILDINGS) -> StackingDrawing:
    """Draw the stacking diagram of ``scenario``, ``width`` points wide.

    Parameters
    ----------
    scenario
        The scenario drawn.
    lang
        Language of the note shown when it has no building.
    width
        Width of the drawing in points.
    max_buildings
        At most this many buildings are drawn: those with the most gross floor
        area, then ordered by name.

    Returns
    -------
    StackingDrawing
        The drawing with the counts of buildings shown and in total.
    """
    from reportlab.graphics.shapes import Group, Line
    from reportlab.lib.colors import HexColor

    every = list(scenario.buildings.values())
    if not every:
        drawing = new_drawing(width, 40)
        draw_text(drawing, width / 2, 16, text(lang, "empty_scenario"), 9,
                  anchor="middle")
        return StackingDrawing(drawing, 0, 0, [])
    chosen = sorted(every, key=_gross_area, reverse=True)[:max_buildings]
    chosen.sort(key=lambda b: (b.name.casefold(), b.id))

    axis_w = 26.0
    columns = min(PER_ROW, len(chosen))
    pitch = (width - axis_w) / columns
    bar_w = min(pitch * 0.72, 46.0)
    rows = [chosen[i : i + PER_ROW] for i in range(0, len(chosen), PER_ROW)]

    def above(b: Building) -> float:
        return b.height_m

    def below(b: Building) -> float:
        return sum(lv.height_m for lv in b.levels[: b.basements])

    tallest = max(above(b) for b in chosen)
    deepest = max(below(b) for b in chosen)
    row_budget = 150.0 if len(rows) == 1 else 80.0
    k = min(4.0, row_budget / max(tallest + deepest, 1.0))  # points per metre
    label_h, top_h = 22.0, 10.0
    row_h = top_h + (tallest + deepest) * k + label_h
    height = row_h * len(rows) + 4
    batch = PathBatch()
    drawing = new_drawing(width, height)
    group = Group()
    drawing.add(group)
    uses: list[str] = []
    grey = HexColor("#555555")
    for r, row in enumerate(rows):
        base_y = height - r * row_h - top_h - tallest * k
        group.add(Line(axis_w - 4, base_y, width, base_y, strokeColor=grey,
                       strokeWidth=0.6))
        tick = 10.0 if tallest <= 60 else 20.0
        m = 0.0
        while m <= tallest + 1e-9:
            y = base_y + m * k
            group.add(Line(axis_w - 4, y, axis_w - 1, y, strokeColor=grey,
                           strokeWidth=0.4))
            draw_text(group, axis_w - 6, y - 2, f"{m:.0f}", 5.5, anchor="end",
                      colour="#555555")
            m += tick
        draw_text(group, axis_w - 6, base_y + tallest * k + 6, "m", 5.5,
                  anchor="end", colour="#555555")
        for c, building in enumerate(row):
            cx = axis_w + pitch * (c + 0.5)
            x0 = cx - bar_w / 2
            y = base_y - below(building) * k
            for level in building.levels:
                h = level.height_m * k
                x = x0
                for allocation in level.uses:
                    w = bar_w * allocation.share
                    batch.rect(x, y, w, h, fill=use_colour(allocation.use))
                    if allocation.use not in uses:
                        uses.append(allocation.use)
                    x += w
                batch.rect(x0, y, bar_w, h, fill=None, stroke="#333333",
                           stroke_width=0.3)
                y += h
            draw_text(group, cx, base_y + above(building) * k + 2.5,
                      building.storeys_label, 5.5, anchor="middle",
                      colour="#444444")
            name_lines = wrap_text(building_label(building), 5.5, pitch - 2)
            for n, line in enumerate(name_lines):
                draw_text(group, cx, base_y - deepest * k - 8 - 6.5 * n, line, 5.5,
                          anchor="middle")
    figure = vector_drawing(width, height, batch, drawing)
    return StackingDrawing(figure, len(chosen), len(every), uses)
