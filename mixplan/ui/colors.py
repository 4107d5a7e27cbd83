"""Qt colours of the plan, from the palette shared with the report."""

from __future__ import annotations

from PySide6.QtGui import QColor

from mixplan.model import Building
from mixplan.report import palette

FAMILY_COLORS: dict[str, QColor] = {
    family: QColor(hex_) for family, hex_ in palette.FAMILY_COLOURS.items()
}
COVER_COLORS: dict[str, QColor] = {
    cover: QColor(hex_) for cover, hex_ in palette.COVER_COLOURS.items()
}

ERROR_COLOR = QColor(palette.SEVERITY_COLOURS["error"])
SELECTION_COLOR = QColor("#1f6feb")
SITE_COLOR = QColor(palette.BOUNDARY_COLOUR)
OUTLINE_COLOR = QColor(palette.OUTLINE_COLOUR)
BASELINE_COLOR = QColor(palette.BASELINE_OUTLINE_COLOUR)


def dominant_family(building: Building) -> str:
    """The family a building is coloured by, as in the report."""
    return building.dominant_family()
