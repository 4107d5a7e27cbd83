"""A batch of buildings read into flat arrays: one row a level, one row an allocation.

The model holds buildings as immutable objects (a building, its levels, each
level's allocations of floor area to uses). The columnar facts
(:mod:`mixplan.engine.columns`) need them as columns: every attribute is read
here once, at C speed (``map`` over ``attrgetter``), into arrays in building,
level, allocation order — the order of :func:`~mixplan.engine.facts.building_facts`'
walk, which sums must keep to give the same doubles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from operator import attrgetter, eq

import numpy as np
import shapely
from numpy.typing import NDArray

from mixplan.model.project import Building
from mixplan.model.uses import ACCESS_CODES, NUISANCE_CLASSES, USES, nuisance_rank

__all__ = ["CODES", "NO_RANK", "LevelRows", "read_rows"]

#: Use codes in taxonomy order: a use's column number is its position here.
CODES: tuple[str, ...] = tuple(USES)
_CODE = {code: k for k, code in enumerate(CODES)}
#: The ICPE regime an allocation states (-1: none, its use's default applies).
NO_RANK = -1
_STATED_RANK: dict[str | None, int] = {None: NO_RANK, "": NO_RANK}
_STATED_RANK.update({code: nuisance_rank(code) for code in NUISANCE_CLASSES})
#: Access codes of a level (street and yard first; -1: not stated).
_ACCESS_CODE: dict[str | None, int] = {None: -1} | {
    code: k
    for k, code in enumerate(
        ("street", "yard", *(c for c in ACCESS_CODES if c not in ("street", "yard")))
    )
}
#: The code of ramp access.
RAMP_ACCESS = _ACCESS_CODE["ramp"]

_LEVELS = attrgetter("levels")
_BASEMENTS = attrgetter("basements")
_HEIGHT = attrgetter("height_m")
_LOAD = attrgetter("load_kn_m2")
_ACCESS = attrgetter("access")
_POLYGON = attrgetter("polygon")
_USES = attrgetter("uses")
_USE = attrgetter("use")
_SHARE = attrgetter("share")
_NUISANCE = attrgetter("nuisance")
_SPACES = attrgetter("parking_spaces")
_SHARED = attrgetter("shared")
_BAYS = attrgetter("loading_bays")
_RAMP = attrgetter("ramp")
_LIFT = attrgetter("freight_lift_kg")
_COMMON_PARTS = attrgetter("common_parts")
_ROOF = attrgetter("roof")
_ID = attrgetter("id")


def _objects(values: list[object]) -> NDArray[np.object_]:
    """A list as an object array (no attempt to read its items as sequences)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


@dataclass(frozen=True, slots=True)
class LevelRows:
    """The levels and allocations of a batch of buildings, as columns.

    Building columns have one value a building; level columns one a level
    (``level_building`` says whose); allocation columns one an allocation
    (``alloc_level`` says of which level).
    """

    #: building columns
    ids: list[str]
    basements: NDArray[np.intp]
    levels_per_building: NDArray[np.intp]
    ramp: NDArray[np.bool_]
    lift: NDArray[np.float64]
    common_parts: NDArray[np.bool_]
    spaces: NDArray[np.float64]
    bays: list[int]
    shared: NDArray[np.bool_]
    green_roof: NDArray[np.bool_]
    #: level columns
    level_building: NDArray[np.intp]
    position: NDArray[np.intp]
    #: storey index: 0 the ground floor, negative below ground
    index: NDArray[np.intp]
    height: NDArray[np.float64]
    #: the loads as stated (None: not stated), and as numbers (NaN: not stated)
    loads: list[float | None]
    load: NDArray[np.float64]
    load_stated: NDArray[np.bool_]
    access: list[str | None]
    access_code: NDArray[np.intp]
    gross: NDArray[np.float64]
    #: allocation columns
    alloc_level: NDArray[np.intp]
    use: NDArray[np.intp]
    share: NDArray[np.float64]
    stated_rank: NDArray[np.intp]

    @property
    def buildings(self) -> int:
        """How many buildings."""
        return len(self.ids)


def read_rows(
    buildings: Sequence[Building], footprint_m2: NDArray[np.float64]
) -> LevelRows:
    """Read a batch of buildings into columns.

    ``footprint_m2`` are the footprints' areas, measured in bulk, same order: a
    level's gross area is its own polygon's, else its footprint's.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Level
    >>> b = Building("b", "", box(0, 0, 20, 10),
    ...              (Level.of(5.0, {"craft": 0.5, "office": 0.5}),
    ...               Level.of(3.0, "housing")), basements=1)
    >>> rows = read_rows([b], np.array([200.0]))
    >>> rows.index.tolist(), rows.alloc_level.tolist(), rows.share.tolist()
    ([-1, 0], [0, 0, 1], [0.5, 0.5, 1.0])
    """
    n = len(buildings)
    level_lists = list(map(_LEVELS, buildings))
    levels = list(chain.from_iterable(level_lists))
    n_levels = len(levels)
    per_building = np.fromiter(map(len, level_lists), np.intp, n)
    level_building = np.repeat(np.arange(n), per_building)
    starts = np.cumsum(per_building) - per_building
    position = np.arange(n_levels) - starts[level_building]
    basements = np.fromiter(map(_BASEMENTS, buildings), np.intp, n)
    loads = list(map(_LOAD, levels))
    access = list(map(_ACCESS, levels))
    polygons = _objects(list(map(_POLYGON, levels)))
    gross = np.asarray(footprint_m2, dtype=float)[level_building]
    own = polygons != None  # noqa: E711 (elementwise: not None)
    if own.any():
        gross[own] = shapely.area(polygons[own])
    use_lists = list(map(_USES, levels))
    allocations = list(chain.from_iterable(use_lists))
    n_alloc = len(allocations)
    return LevelRows(
        ids=list(map(_ID, buildings)),
        basements=basements,
        levels_per_building=per_building,
        ramp=np.fromiter(map(_RAMP, buildings), bool, n),
        lift=np.fromiter(map(_LIFT, buildings), float, n),
        common_parts=np.fromiter(map(_COMMON_PARTS, buildings), bool, n),
        spaces=np.fromiter(map(_SPACES, buildings), float, n),
        bays=list(map(_BAYS, buildings)),
        shared=np.fromiter(map(_SHARED, buildings), bool, n),
        green_roof=np.fromiter(
            map(eq, map(_ROOF, buildings), repeat("green")), bool, n
        ),
        level_building=level_building,
        position=position,
        index=position - basements[level_building],
        height=np.fromiter(map(_HEIGHT, levels), float, n_levels),
        loads=loads,
        # (None becomes NaN, which only the levels whose load is not stated hold)
        load=np.array(loads, dtype=float),
        load_stated=_objects(loads) != None,  # noqa: E711 (elementwise: not None)
        access=access,
        access_code=np.fromiter(
            map(_ACCESS_CODE.__getitem__, access), np.intp, n_levels
        ),
        gross=gross,
        alloc_level=np.repeat(
            np.arange(n_levels), np.fromiter(map(len, use_lists), np.intp, n_levels)
        ),
        use=np.fromiter(
            map(_CODE.__getitem__, map(_USE, allocations)), np.intp, n_alloc
        ),
        share=np.fromiter(map(_SHARE, allocations), float, n_alloc),
        stated_rank=np.fromiter(
            map(_STATED_RANK.__getitem__, map(_NUISANCE, allocations)),
            np.intp,
            n_alloc,
        ),
    )
