"""Where a scenario's building stands against the baseline building it continues."""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from mixplan.model.project import Building, Project

__all__ = ["BuildingStatus", "building_status"]

BuildingStatus = Literal[
    "existing", "new", "kept", "raised", "converted", "raised_converted", "modified"
]


def building_status(
    project: Project, scenario_name: str, building: Building
) -> BuildingStatus:
    """The building's status against its ``origin`` in the baseline.

    ``existing`` (a baseline building), ``new`` (no origin), ``kept`` (unchanged),
    ``raised`` (storeys added on top, lower storeys unchanged), ``converted`` (uses
    changed on the same storeys), ``raised_converted`` (both), or ``modified``
    (footprint, storey heights, loads or access changed).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Level
    >>> from mixplan.model.commands import AddScenario
    >>> p = Project.new("Demo")
    >>> p.baseline.buildings["b1"] = Building(
    ...     "b1", "Shed", box(0, 0, 20, 10), (Level.of(6.0, "craft"),))
    >>> _ = AddScenario("Plan").apply(p)
    >>> b = p.scenario("Plan").buildings["b1"]
    >>> building_status(p, "Plan", b)
    'kept'
    >>> raised = replace(b, levels=(*b.levels, Level.of(3, "housing")))
    >>> building_status(p, "Plan", raised)
    'raised'
    """
    if scenario_name == project.baseline.name:
        return "existing"
    base = project.baseline.buildings.get(building.origin or "")
    if base is None:
        return "new"
    if replace(building, origin=None) == base:
        return "kept"
    shares = [lv.use_shares() for lv in building.levels]
    base_shares = [lv.use_shares() for lv in base.levels]
    shape = [(lv.height_m, lv.load_kn_m2, lv.access) for lv in building.levels]
    base_shape = [(lv.height_m, lv.load_kn_m2, lv.access) for lv in base.levels]
    common = min(len(shares), len(base_shares))
    raised = (
        len(building.levels) > len(base.levels)
        and building.height_m > base.height_m
        and shape[: len(base_shape)] == base_shape
    )
    converted = shares[:common] != base_shares[:common]
    if raised:
        return "raised_converted" if converted else "raised"
    same_shell = shape == base_shape and building.footprint.equals(base.footprint)
    if converted and same_shell:
        return "converted"
    return "modified"
