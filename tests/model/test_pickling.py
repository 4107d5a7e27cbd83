"""Buildings, levels and allocations pickle to equal values, every field kept.

They pickle through generated functions (a third of the time of dataclasses'
own ``__setstate__``): a field added later must still travel.
"""

from __future__ import annotations

import copy
import pickle
import sys
from dataclasses import fields, replace
from pathlib import Path

import shapely

from mixplan.model import Allocation, Building, Level
from mixplan.model.phasing import Hosting, Occupant

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from store_projects import rich_project  # noqa: E402


def _buildings() -> list[Building]:
    """The rich project's buildings (basements, set-back storeys, loads, access,
    nuisance classes, origins), and one with firms and phases too."""
    found = [b for s in rich_project().scenarios for b in s.buildings.values()]
    firms = replace(
        found[0],
        id="F1",
        origin=None,
        demolished_in=1,
        delivered_in=2,
        occupants=(Occupant("Atelier", 250.0, 4.0),),
        hosts=(Hosting("Atelier", 2),),
        common_parts=False,
    )
    return [*found, firms]


def _fields(value: object) -> list[tuple[str, str]]:
    return [(f.name, repr(getattr(value, f.name))) for f in fields(value)]  # type: ignore[arg-type]


def test_every_field_comes_back() -> None:
    buildings = _buildings()
    assert any(lv.polygon is not None for b in buildings for lv in b.levels)
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(buildings, protocol=protocol))
        assert back == buildings
        for building, original in zip(back, buildings, strict=True):
            assert type(building) is Building
            assert _fields(building) == _fields(original)
            for level, stated in zip(building.levels, original.levels, strict=True):
                assert type(level) is Level and _fields(level) == _fields(stated)
                assert all(type(a) is Allocation for a in level.uses)
                if stated.polygon is not None:
                    assert shapely.to_wkb(level.polygon) == shapely.to_wkb(
                        stated.polygon
                    )
    assert copy.deepcopy(buildings) == buildings
    assert [copy.copy(b) for b in buildings] == buildings


def test_shared_values_stay_shared() -> None:
    """A level two buildings share (a duplicate's) is one level unpickled."""
    building = _buildings()[-1]
    twin = building.renewed(id="F2")
    back, back_twin = pickle.loads(pickle.dumps([building, twin]))
    assert back.levels[0] is back_twin.levels[0]
    assert back_twin.id == "F2" and back_twin.levels == building.levels
