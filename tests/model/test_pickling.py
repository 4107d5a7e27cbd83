"""Buildings, levels and allocations pickle to equal values, every field kept.

They pickle through generated functions (a third of the time of dataclasses'
own ``__setstate__``): a field added later must still travel.
"""

from __future__ import annotations

import copy
import pickle
from dataclasses import fields

import shapely
from shapely.geometry import box

from mixplan.model import Allocation, Building, Level
from mixplan.model.phasing import Hosting, Occupant


def _rich() -> Building:
    return Building(
        "R1",
        "Terraces",
        box(0, 0, 30, 20),
        (
            Level.of(4.0, "parking", load_kn_m2=5.0),
            Level.of(5.5, {"craft": 0.6, "retail": 0.4}, nuisance="D", access="yard"),
            Level.of(3.1, "housing", polygon=box(0, 0, 20, 20)),
        ),
        origin="B7",
        basements=1,
        freight_lift_kg=2000,
        ramp=True,
        loading_bays=2,
        parking_spaces=12,
        roof="green",
        shared=True,
        demolished_in=1,
        delivered_in=2,
        occupants=(Occupant("Atelier", 250.0, 4.0),),
        hosts=(Hosting("Atelier", 2),),
        common_parts=False,
    )


def _fields(value: object) -> list[tuple[str, str]]:
    return [(f.name, repr(getattr(value, f.name))) for f in fields(value)]  # type: ignore[arg-type]


def test_every_field_comes_back() -> None:
    building = _rich()
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(building, protocol=protocol))
        assert type(back) is Building and back == building
        assert _fields(back) == _fields(building)
        for level, original in zip(back.levels, building.levels, strict=True):
            assert type(level) is Level and _fields(level) == _fields(original)
            for allocation in level.uses:
                assert type(allocation) is Allocation
        assert shapely.to_wkb(back.levels[2].polygon) == shapely.to_wkb(
            building.levels[2].polygon
        )
    assert copy.deepcopy(building) == building
    assert copy.copy(building) == building


def test_shared_values_stay_shared() -> None:
    """A level two buildings share (a duplicate's) is one level unpickled."""
    building = _rich()
    twin = building.renewed(id="R2")
    back, back_twin = pickle.loads(pickle.dumps([building, twin]))
    assert back.levels[0] is back_twin.levels[0]
    assert back_twin.id == "R2" and back_twin.levels == building.levels
