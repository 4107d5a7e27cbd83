"""Colours of use families, use classes and ground covers, as hex strings (no Qt).

One palette for the plan view, the massing view, the legends and the PDF report, so a
use reads the same everywhere. Families follow the convention of French land-use
maps: housing warm yellow, productive activity violet; each use class is a shade of
its family's colour, so a mixed level stays readable by family at a glance.
"""

from __future__ import annotations

from mixplan.model.uses import USES, use_class

__all__ = [
    "COVER_COLOURS",
    "FAMILY_COLOURS",
    "USE_COLOURS",
    "family_colour",
    "use_colour",
]

#: Fill colour per family (the keys of :class:`~mixplan.model.uses.Family`).
FAMILY_COLOURS: dict[str, str] = {
    "housing": "#f2c14e",
    "productive": "#8e6cc0",
    "tertiary": "#e07a5f",
    "shared": "#5aa469",
    "non_floor_area": "#9e9e9e",
    "unassigned": "#d4d4d4",
}

#: Fill colour per use class: a shade of its family's colour.
USE_COLOURS: dict[str, str] = {
    "housing": "#f2c14e",
    "residence": "#e6a93c",
    "craft": "#8e6cc0",
    "industry": "#6b4aa3",
    "warehouse": "#5a3d8c",
    "urban_logistics": "#7858b3",
    "wholesale": "#a388d1",
    "urban_services": "#9f7fd6",
    "dark_kitchen": "#a56fbf",
    "urban_farm": "#7f76c4",
    "office": "#e07a5f",
    "retail": "#e9937b",
    "restaurant": "#d4654b",
    "client_services": "#eda58f",
    "hotel": "#c55a43",
    "facility": "#5aa469",
    "third_place": "#43905a",
    "shared_services": "#7dbd88",
    "parking": "#9e9e9e",
    "technical": "#b4b4b4",
    "unassigned": "#d4d4d4",
}

#: Fill colour per ground cover surface type (DESIGN §7).
COVER_COLOURS: dict[str, str] = {
    "open_soil": "#b9d7a1",
    "semi_open": "#d3e4b8",
    "permeable_paving": "#e3e0cf",
    "sealed": "#c8c8c8",
    "yard": "#dcd6cc",
    "green_on_slab": "#a6c98f",
}

assert set(USE_COLOURS) == set(USES)


def use_colour(code: str) -> str:
    """The hex colour of a use class.

    Examples
    --------
    >>> use_colour("housing")
    '#f2c14e'
    """
    use_class(code)
    return USE_COLOURS[code]


def family_colour(family: str) -> str:
    """The hex colour of a family (``"unassigned"`` for an unknown one).

    Examples
    --------
    >>> family_colour("productive")
    '#8e6cc0'
    """
    return FAMILY_COLOURS.get(family, FAMILY_COLOURS["unassigned"])
