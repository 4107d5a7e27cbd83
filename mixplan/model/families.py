"""Dominant families of many buildings at once (the plan colours 10,000 of them).

:meth:`mixplan.model.Building.dominant_family` measures one building's levels one
by one; :func:`dominant_families` measures the levels of many buildings in one
vectorised call and adds them up in the same order, so that it gives the same
answer, tie-breaks included (the method stays the reference it is tested against).
"""

from __future__ import annotations

from collections.abc import Sequence

import shapely

from mixplan.model.project import Building
from mixplan.model.uses import USES

__all__ = ["dominant_families"]

_FAMILY_OF: dict[str, str] = {code: use.family.value for code, use in USES.items()}


def dominant_families(buildings: Sequence[Building]) -> list[str]:
    """The family holding the most gross floor area of each building.

    Same rule as :meth:`Building.dominant_family`: non floor area wins only in a
    building holding nothing else; unassigned floor area is its own family.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Level
    >>> shed = Building("a", "Shed", box(0, 0, 10, 10), (Level.of(6, "warehouse"),))
    >>> flats = Building("b", "Flats", box(0, 0, 10, 10),
    ...                  (Level.of(3, "parking"), Level.of(3, "housing")))
    >>> dominant_families([shed, flats])
    ['productive', 'housing']
    """
    outlines = [level.polygon or b.footprint for b in buildings for level in b.levels]
    areas = shapely.area(outlines).tolist() if outlines else []
    families: list[str] = []
    position = 0
    for building in buildings:
        totals: dict[str, float] = {}
        for level in building.levels:
            area = areas[position]
            position += 1
            for allocation in level.uses:
                family = _FAMILY_OF[allocation.use]
                totals[family] = totals.get(family, 0.0) + area * allocation.share
        floor = {f: a for f, a in totals.items() if f != "non_floor_area"}
        pool = floor or totals
        families.append(max(pool, key=pool.__getitem__))
    return families
