"""The colours of mixplan, shared by the report and the editor (hex strings, no Qt).

One palette keeps the PDF and the screen consistent: a council member who saw the
violet workshops on the planner's screen finds them violet in the report. The
families follow the conventions of French zoning maps (PLU): housing in warm
yellow, business and productive activity in violet, offices in blue, public and
shared facilities in terracotta; open ground in greens.
"""

from __future__ import annotations

import functools

__all__ = [
    "BASELINE_OUTLINE_COLOUR",
    "BOUNDARY_COLOUR",
    "COVER_COLOURS",
    "FAMILY_COLOURS",
    "SEVERITY_COLOURS",
    "USE_COLOURS",
    "cover_colour",
    "family_colour",
    "OUTLINE_COLOUR",
    "lighten",
    "use_colour",
]

#: One colour per use family (keys are :class:`mixplan.model.Family` values).
FAMILY_COLOURS: dict[str, str] = {
    "housing": "#F2C14E",
    "productive": "#7E57C2",
    "tertiary": "#4A90C2",
    "shared": "#E07A5F",
    "non_floor_area": "#9E9E9E",
    "unassigned": "#D6D6D6",
}

#: One colour per use class: shades of its family's colour, distinct enough to
#: tell the productive classes apart in the productive balance.
USE_COLOURS: dict[str, str] = {
    "housing": "#F2C14E",
    "residence": "#E8A838",
    "craft": "#9575CD",
    "industry": "#5E35B1",
    "warehouse": "#7B1FA2",
    "urban_logistics": "#AB47BC",
    "wholesale": "#4527A0",
    "urban_services": "#B39DDB",
    "dark_kitchen": "#6A1B9A",
    "urban_farm": "#8E7CC3",
    "office": "#4A90C2",
    "retail": "#64B5F6",
    "restaurant": "#1E6FA8",
    "client_services": "#90CAF9",
    "hotel": "#2D5F8B",
    "facility": "#E07A5F",
    "third_place": "#F4A261",
    "shared_services": "#C8553D",
    "parking": "#9E9E9E",
    "technical": "#BDBDBD",
    "unassigned": "#D6D6D6",
}

#: Ground cover surface types (DESIGN §7).
COVER_COLOURS: dict[str, str] = {
    "open_soil": "#9CCB86",
    "lawn": "#B5D98E",
    "semi_open": "#C5E0A5",
    "permeable_paving": "#DCD7C9",
    "sealed": "#C4C4C4",
    "parking": "#B0B4BA",
    "yard": "#E6DCC8",
    "green_on_slab": "#B8DCA0",
}

#: Findings and pass/fail marks.
SEVERITY_COLOURS: dict[str, str] = {
    "error": "#C62828",
    "warning": "#E09A00",
    "info": "#1E88E5",
    "pass": "#2E7D32",
}

#: Lines: the site boundary, building outlines, the baseline's faint outlines.
BOUNDARY_COLOUR = "#D62828"
OUTLINE_COLOUR = "#3A3A3A"
BASELINE_OUTLINE_COLOUR = "#9A9A9A"
TEXT_COLOUR = "#222222"
MUTED_TEXT_COLOUR = "#6B6B6B"
RULE_LINE_COLOUR = "#CFCFCF"
HEADER_FILL = "#EFEBF7"


def family_colour(family: str) -> str:
    """Colour of a use family, grey for anything unknown.

    Examples
    --------
    >>> family_colour("productive")
    '#7E57C2'
    """
    return FAMILY_COLOURS.get(family, FAMILY_COLOURS["unassigned"])


def use_colour(code: str) -> str:
    """Colour of a use class, grey for anything unknown."""
    return USE_COLOURS.get(code, FAMILY_COLOURS["unassigned"])


def cover_colour(cover: str) -> str:
    """Colour of a ground cover surface type."""
    return COVER_COLOURS.get(cover, COVER_COLOURS["sealed"])


@functools.cache
def lighten(colour: str, amount: float) -> str:
    """Mix a ``#rrggbb`` colour with white; ``amount`` 0 keeps it, 1 gives white.

    Kept per colour and amount: a massing of 10,000 buildings asks for the same
    few roof colours 10,000 times.

    Examples
    --------
    >>> lighten("#000000", 0.5)
    '#808080'
    """
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c + (255 - c) * amount) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)
