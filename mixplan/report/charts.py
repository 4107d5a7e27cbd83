"""Comparison charts, drawn as reportlab vector graphics.

Why not matplotlib here: these are plain bar charts, and drawing them with the
same primitives as the plans keeps one font (DejaVu, embedded once, text
searchable), one colour palette and one vector pipeline with no conversion step.
Rendering matplotlib figures into the PDF would need an SVG or PDF bridge
(svglib, or merging pages with pypdf) and costs about half a second of import
and layout per report, a tenth of the whole budget of DESIGN §11.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from mixplan.report.drawkit import draw_text, fit_text, new_drawing, swatch_legend

__all__ = ["Series", "horizontal_groups", "nice_step", "vertical_bars"]


@dataclass(frozen=True)
class Series:
    """One series of a bar chart: a label, a colour and one value per category."""

    label: str
    colour: str
    values: Sequence[float]


def nice_step(maximum: float, ticks: int = 5) -> float:
    """A round tick step (1, 2, 2.5, 5 × 10ⁿ) giving about ``ticks`` ticks.

    Examples
    --------
    >>> nice_step(23000.0)
    5000.0
    """
    if maximum <= 0 or not math.isfinite(maximum):
        return 1.0
    raw = maximum / ticks
    exponent = 10.0 ** math.floor(math.log10(raw))
    for base in (1.0, 2.0, 2.5, 5.0, 10.0):
        if base * exponent >= raw:
            return base * exponent
    return 10.0 * exponent  # pragma: no cover


def vertical_bars(
    categories: Sequence[str],
    series: Sequence[Series],
    width: float,
    height: float,
    tick_format: Callable[[float], str],
    *,
    value_format: Callable[[float], str] | None = None,
    bar_colours: Sequence[str] | None = None,
    reference: tuple[float, str] | None = None,
    legend: bool = True,
) -> Any:
    """Vertical bars, stacked when there are several series.

    Parameters
    ----------
    categories
        One label per bar (scenario names).
    series
        Stacked bottom-up; values must be ≥ 0 (negative values are drawn as 0).
    width, height
        Size of the whole drawing in points, legend included.
    tick_format
        Formats the axis ticks.
    value_format
        When given, the total is written above each bar.
    bar_colours
        One colour per bar, overriding a single series' colour.
    reference
        ``(value, label)``: a dashed horizontal line, e.g. a threshold.
    legend
        Draw a legend of the series under the chart.
    """
    from reportlab.graphics.shapes import Group, Line, Rect
    from reportlab.lib.colors import HexColor

    drawing = new_drawing(width, height)
    group = Group()
    drawing.add(group)
    legend_drawing = None
    legend_h = 0.0
    if legend and len(series) > 1:
        legend_drawing = swatch_legend(
            [("fill", s.colour, s.label) for s in series], width - 50)
        legend_h = legend_drawing.height + 4
    # A reference line is labelled in the right margin, clear of the bars.
    right = 64.0 if reference is not None else 8.0
    left, bottom, top = 48.0, 18.0 + legend_h, 14.0
    plot_w, plot_h = width - left - right, height - bottom - top
    totals = [sum(max(0.0, s.values[i]) for s in series)
              for i in range(len(categories))]
    peak = max([*totals, reference[0] if reference else 0.0, 0.0])
    step = nice_step(peak if peak > 0 else 1.0)
    axis_max = step * max(1, math.ceil(peak / step - 1e-9))
    if peak >= axis_max * 0.999 and value_format is not None:
        axis_max += step  # room for the value written above the tallest bar
    k = plot_h / axis_max
    grey = HexColor("#777777")
    tick = 0.0
    while tick <= axis_max + 1e-9:
        y = bottom + tick * k
        group.add(Line(left, y, left + plot_w, y, strokeColor=HexColor("#E3E3E3"),
                       strokeWidth=0.4))
        draw_text(group, left - 4, y - 2.3, tick_format(tick), 6.5, anchor="end",
                  colour="#555555")
        tick += step
    group.add(Line(left, bottom, left + plot_w, bottom, strokeColor=grey,
                   strokeWidth=0.6))
    n = max(1, len(categories))
    pitch = plot_w / n
    bar_w = min(pitch * 0.6, 60.0)
    for i, category in enumerate(categories):
        cx = left + pitch * (i + 0.5)
        y = bottom
        for s in series:
            h = max(0.0, s.values[i]) * k
            colour = bar_colours[i] if bar_colours and len(series) == 1 else s.colour
            if h > 0:
                group.add(Rect(cx - bar_w / 2, y, bar_w, h,
                               fillColor=HexColor(colour),
                               strokeColor=HexColor("#FFFFFF"), strokeWidth=0.4))
            y += h
        if value_format is not None:
            draw_text(group, cx, y + 2.5, value_format(totals[i]), 6.5,
                      anchor="middle")
        draw_text(group, cx, bottom - 10, fit_text(category, 7, pitch - 4), 7,
                  anchor="middle")
    if reference is not None:
        y = bottom + reference[0] * k
        line = Line(left, y, left + plot_w, y, strokeColor=HexColor("#C62828"),
                    strokeWidth=0.9)
        line.strokeDashArray = [4, 2]
        group.add(line)
        first, _, second = reference[1].rpartition(" ")
        lines = [first, second] if first else [second]
        for n_line, label in enumerate(lines):
            draw_text(group, left + plot_w + 4, y + 1 - 8 * n_line,
                      fit_text(label, 6.5, right - 6), 6.5, colour="#C62828")
    if legend_drawing is not None:
        legend_group = legend_drawing.contents[0]
        legend_group.translate(left, 0)
        group.add(legend_group)
    return drawing


def horizontal_groups(
    categories: Sequence[str],
    series: Sequence[Series],
    width: float,
    tick_format: Callable[[float], str],
) -> Any:
    """Horizontal grouped bars: per category, one bar for each series.

    Used for the productive balance (kept, lost, gained per productive class).
    """
    from reportlab.graphics.shapes import Group, Line, Rect
    from reportlab.lib.colors import HexColor

    bar_h, gap = 5.5, 6.0
    group_h = bar_h * len(series) + gap
    legend_drawing = swatch_legend([("fill", s.colour, s.label) for s in series],
                                   width - 120)
    left, right = 118.0, 40.0
    bottom = 16.0 + legend_drawing.height + 2
    height = bottom + group_h * len(categories) + 6
    drawing = new_drawing(width, height)
    group = Group()
    drawing.add(group)
    peak = max([max(0.0, v) for s in series for v in s.values] + [0.0])
    step = nice_step(peak if peak > 0 else 1.0, 4)
    axis_max = step * max(1, math.ceil(peak / step - 1e-9))
    plot_w = width - left - right
    k = plot_w / axis_max
    tick = 0.0
    while tick <= axis_max + 1e-9:
        x = left + tick * k
        group.add(Line(x, bottom, x, height - 4, strokeColor=HexColor("#E3E3E3"),
                       strokeWidth=0.4))
        draw_text(group, x, bottom - 9, tick_format(tick), 6.5, anchor="middle",
                  colour="#555555")
        tick += step
    for i, category in enumerate(categories):
        top = height - 6 - i * group_h
        draw_text(group, left - 4, top - bar_h * len(series) / 2 - 2.5,
                  fit_text(category, 7, left - 8), 7, anchor="end")
        for j, s in enumerate(series):
            y = top - (j + 1) * bar_h
            w = max(0.0, s.values[i]) * k
            if w > 0:
                group.add(Rect(left, y, w, bar_h - 0.8, fillColor=HexColor(s.colour),
                               strokeColor=None))
    group.add(Line(left, bottom, left, height - 4, strokeColor=HexColor("#777777"),
                   strokeWidth=0.6))
    legend_group = legend_drawing.contents[0]
    legend_group.translate(left, 0)
    group.add(legend_group)
    return drawing
