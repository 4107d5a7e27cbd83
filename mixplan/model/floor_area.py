"""Surface de plancher of one allocation, as Code de l'urbanisme art. R111-22 says.

The engine (:mod:`mixplan.engine.facts`) applies the same rule in bulk; this is the
one-allocation form that exports and the inspector use, so every figure a user
sees agrees with the indicators.

- parking and technical rooms are not SDP (R111-22 4° and 6°);
- a level whose floor-to-floor height is 1.80 m or less gives no SDP (3°);
- the rest is gross area × ``sdp_factor`` (the wall thicknesses and shafts of 1°
  and 2°, an estimate), and housing (``housing``, ``residence``) in a building
  whose dwellings are served by internal common parts loses a further
  ``housing_common_parts_deduction`` (10 %, 8°).
"""

from __future__ import annotations

from mixplan.model.project import Building, Level
from mixplan.model.rulebook import Rulebook
from mixplan.model.uses import Family, use_class

__all__ = ["SDP_MIN_HEIGHT_M", "allocation_sdp_m2", "sdp_multiplier"]

#: R111-22 3°: floor areas under a ceiling height of 1.80 m or less are not SDP.
SDP_MIN_HEIGHT_M = 1.80


def sdp_multiplier(
    building: Building, level: Level, use: str, rulebook: Rulebook
) -> float:
    """SDP per m² of gross floor area of ``use`` on ``level`` of ``building``.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> b = Building("b", "", box(0, 0, 10, 10), (Level.of(3.0, "housing"),))
    >>> round(sdp_multiplier(b, b.levels[0], "housing", Rulebook()), 6)
    0.828
    >>> sdp_multiplier(b, Level.of(1.8, "housing"), "housing", Rulebook())
    0.0
    """
    cls = use_class(use)
    if not cls.counts_in_sdp or level.height_m <= SDP_MIN_HEIGHT_M + 1e-9:
        return 0.0
    factor = rulebook.number("assumptions", "sdp_factor")
    if cls.family is Family.HOUSING and building.common_parts:
        factor *= 1.0 - rulebook.number("assumptions", "housing_common_parts_deduction")
    return factor


def allocation_sdp_m2(
    building: Building, level: Level, use: str, share: float, rulebook: Rulebook
) -> float:
    """SDP of one allocation: gross area × share × :func:`sdp_multiplier`."""
    return (
        building.level_area(level)
        * share
        * sdp_multiplier(building, level, use, rulebook)
    )
