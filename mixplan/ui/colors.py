"""Qt colours of the plan, from the palette shared with the report."""

from __future__ import annotations

from PySide6.QtGui import QColor

from mixplan.model import Building, use_class
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
    """The family with the most floor area in the building (ties: lowest first)."""
    areas: dict[str, float] = {}
    for level in building.levels:
        area = building.level_area(level)
        for allocation in level.uses:
            family = use_class(allocation.use).family.value
            areas[family] = areas.get(family, 0.0) + area * allocation.share
    if not areas:
        return "unassigned"
    return max(areas.items(), key=lambda kv: kv[1])[0]
