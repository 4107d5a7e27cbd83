"""The facts of many buildings at once, level and use columns as arrays.

:func:`~mixplan.engine.facts.building_facts` walks one building level by level;
that walk, tens of microseconds a building, was most of a cold evaluation. Here
every level of every building is read once into flat arrays (one row a level:
building, position, index above ground, gross area, floor-to-floor, load,
access; one row an allocation: level, use, share, ICPE regime), and the
definitions of :mod:`mixplan.engine.facts` (R111-22 floor area, the C13 grade
conditions by level position, C14 service, C15 stacking, U01) become array
expressions. Sums run in the order of the per-building walk (``np.bincount``
adds its weights in array order, and rows are in building, level, allocation
order), so every figure is the same double as :func:`building_facts` gives;
``tests/engine/test_engine_columns.py`` checks that on random buildings, and the
reference evaluation (:mod:`mixplan.engine.reference`, still the per-building
walk) checks the whole evaluation.

Level issues are :class:`~mixplan.engine.facts.LevelIssue` values whose
English and French details are worded only when read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import chain, compress
from operator import attrgetter, is_not
from typing import TypeVar

import numpy as np
import shapely
from numpy.typing import NDArray

from mixplan.engine.facts import (
    _GENERIC_UPPER_LOAD,
    _LOW_LEVEL_M,
    Assumptions,
    BuildingFacts,
    LevelIssue,
    level_label,
    non_grade_words,
    stacking_words,
    unserved_words,
)
from mixplan.model.project import Building
from mixplan.model.sameness import alters
from mixplan.model.uses import (
    ACCESS_CODES,
    NUISANCE_CLASSES,
    USES,
    Family,
    nuisance_rank,
)

__all__ = ["columnar_facts"]

_CODES: tuple[str, ...] = tuple(USES)
_CODE = {code: k for k, code in enumerate(_CODES)}
_FAMILIES = [USES[c].family for c in _CODES]
_IS_PRODUCTIVE = np.array([f is Family.PRODUCTIVE for f in _FAMILIES])
_IS_HOUSING = np.array([f is Family.HOUSING for f in _FAMILIES])
_IS_NON_FLOOR = np.array([f is Family.NON_FLOOR_AREA for f in _FAMILIES])
_IS_UNASSIGNED = np.array([f is Family.UNASSIGNED for f in _FAMILIES])
#: Families other than the four above (tertiary, facilities...): a stated
#: ICPE regime counts; no default one.
_IS_OTHER = ~(_IS_PRODUCTIVE | _IS_HOUSING | _IS_NON_FLOOR | _IS_UNASSIGNED)
_PARKING = _CODE["parking"]
_TYPICAL_LOAD = np.array([USES[c].typical_load_kn_m2 for c in _CODES])
_CLASS_UPPER_LOAD = np.array([USES[c].min_load_upper_kn_m2 or 0.0 for c in _CODES])
_RANK = {code: nuisance_rank(code) for code in NUISANCE_CLASSES}
_DEFAULT_RANK = np.array([_RANK[USES[c].default_nuisance] for c in _CODES])
_RANK_A = nuisance_rank("A")
_NO_RANK = -1
_STREET_OR_YARD = ("street", "yard")
#: Access codes of a level (street and yard first; -1: not stated).
_ACCESS_CODE: dict[str | None, int] = {None: -1} | {
    code: k
    for k, code in enumerate(
        ("street", "yard", *(c for c in ACCESS_CODES if c not in ("street", "yard")))
    )
}
#: The ICPE regime an allocation states (-1: none, its use's default applies).
_STATED_RANK: dict[str | None, int] = {None: _NO_RANK, "": _NO_RANK}
_STATED_RANK.update(_RANK)
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
_Item = TypeVar("_Item")


def _objects(values: list[object]) -> NDArray[np.object_]:
    """A list as an object array (no attempt to read its items as sequences)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _sums(
    keys: NDArray[np.intp], weights: NDArray[np.float64], size: int
) -> NDArray[np.float64]:
    """Weights added up by key, each key's in array order (as a loop would)."""
    return np.bincount(keys, weights, minlength=size).astype(float, copy=False)


def _by_first_seen(
    keys: NDArray[np.intp], values: NDArray[np.float64], uses: int
) -> tuple[list[int], list[int], list[float], NDArray[np.intp]]:
    """(building, use) pairs in the order a building's walk first meets them.

    ``keys`` are ``building × uses + use`` of the rows, ``values`` a value per
    key. Returns buildings, uses and values of the present pairs, and the pairs'
    buildings as an array, sorted by building and first appearance.
    """
    present, first = np.unique(keys, return_index=True)
    order = np.lexsort((first, present // uses))
    present = present[order]
    buildings = present // uses
    return (
        buildings.tolist(),
        (present % uses).tolist(),
        values[present].tolist(),
        buildings,
    )


def columnar_facts(
    buildings: Sequence[Building],
    origins: Sequence[Building | None],
    a: Assumptions,
    footprint_m2: Sequence[float] | NDArray[np.float64],
) -> list[BuildingFacts]:
    """The facts of every building, as :func:`building_facts` gives them one by one.

    Parameters
    ----------
    buildings
        The building values.
    origins
        The baseline building each continues (itself in the baseline), or ``None``.
    a
        Rulebook values.
    footprint_m2
        The footprints' areas, measured in bulk, same order.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Level, Rulebook
    >>> b = Building("b", "", box(0, 0, 20, 10),
    ...              (Level.of(5.0, "craft", load_kn_m2=12, access="street"),
    ...               Level.of(3.0, "housing")))
    >>> [f] = columnar_facts([b], [None], Assumptions.of(Rulebook()), [200.0])
    >>> round(f.productive_grade_m2, 2), round(f.sdp_by_use["housing"], 2)
    (184.0, 165.6)
    """
    n = len(buildings)
    if not n:
        return []
    uses = len(_CODES)
    # --- reading the model: one row a level, one row an allocation ----------------
    level_lists = list(map(_LEVELS, buildings))
    levels = list(chain.from_iterable(level_lists))
    n_levels = len(levels)
    per_building = np.fromiter(map(len, level_lists), np.intp, n)
    level_building = np.repeat(np.arange(n), per_building)
    starts = np.cumsum(per_building) - per_building
    position = np.arange(n_levels) - starts[level_building]
    basements = np.fromiter(map(_BASEMENTS, buildings), np.intp, n)
    index = position - basements[level_building]
    height = np.fromiter(map(_HEIGHT, levels), float, n_levels)
    loads = list(map(_LOAD, levels))
    stated = _objects(loads) != None  # noqa: E711 (elementwise: not None)
    # (None becomes NaN, which only the levels whose load is not stated hold)
    load = np.array(loads, dtype=float)
    access = list(map(_ACCESS, levels))
    access_code = np.fromiter(map(_ACCESS_CODE.__getitem__, access), np.intp, n_levels)
    level_access_known = access_code >= 0
    level_street = (access_code == 0) | (access_code == 1)
    level_ramp = access_code == _ACCESS_CODE["ramp"]
    polygons = _objects(list(map(_POLYGON, levels)))
    gross = np.asarray(footprint_m2, dtype=float)[level_building]
    own = polygons != None  # noqa: E711 (elementwise: not None)
    if own.any():
        gross[own] = shapely.area(polygons[own])
    use_lists = list(map(_USES, levels))
    allocations = list(chain.from_iterable(use_lists))
    n_alloc = len(allocations)
    alloc_level = np.repeat(
        np.arange(n_levels), np.fromiter(map(len, use_lists), np.intp, n_levels)
    )
    use = np.fromiter(map(_CODE.__getitem__, map(_USE, allocations)), np.intp, n_alloc)
    share = np.fromiter(map(_SHARE, allocations), float, n_alloc)
    stated_rank = np.fromiter(
        map(_STATED_RANK.__getitem__, map(_NUISANCE, allocations)), np.intp, n_alloc
    )
    ramp = np.fromiter((b.ramp for b in buildings), bool, n)
    lift = np.fromiter((b.freight_lift_kg for b in buildings), float, n)
    lift_ok = (lift > 0) & (lift >= a.min_lift_kg)
    on_grade = basements == 0

    b_of = level_building[alloc_level]
    part = gross[alloc_level] * share
    counted_level = height > _LOW_LEVEL_M
    counted = counted_level[alloc_level]
    productive = _IS_PRODUCTIVE[use]
    housing = _IS_HOUSING[use]
    floor = ~_IS_NON_FLOOR[use]

    # --- floor areas (R111-22) -----------------------------------------------------
    gfa = _sums(level_building, gross, n)
    in_sdp = floor & counted
    keys = b_of * uses + use
    gross_by_use = _sums(keys[in_sdp], part[in_sdp], n * uses)
    housing_factor = np.where(
        np.fromiter((b.common_parts for b in buildings), bool, n),
        a.sdp_factor * (1.0 - a.housing_deduction),
        a.sdp_factor,
    )
    factors = np.where(_IS_HOUSING, housing_factor[:, None], a.sdp_factor).ravel()
    sdp_values = gross_by_use * factors
    sdp_b, sdp_u, sdp_v, sdp_pairs = _by_first_seen(keys[in_sdp], sdp_values, uses)
    sdp = _sums(sdp_pairs, np.asarray(sdp_v), n)
    parking = use == _PARKING
    parking_gfa = _sums(b_of[parking], part[parking], n)
    unassigned_rows = _IS_UNASSIGNED[use]
    unassigned_gfa = _sums(b_of[unassigned_rows], part[unassigned_rows], n)

    # --- built form: heights, housing ----------------------------------------------
    above = position >= basements[level_building]
    elevation = _sums(level_building[above], height[above], n)
    level_floor = np.bincount(alloc_level[floor], minlength=n_levels) > 0
    before = np.zeros(n_levels)
    running = np.zeros(n)
    for k in range(int(per_building.max())):
        at = np.flatnonzero(position == k)
        owners = level_building[at]
        before[at] = running[owners]
        up = above[at]
        running[owners[up]] += height[at[up]]
    occupied_levels = np.flatnonzero(above & level_floor)
    last = np.full(n, -1)
    np.maximum.at(last, level_building[occupied_levels], occupied_levels)
    top_floor = np.where(last >= 0, before[np.maximum(last, 0)], 0.0)
    housing_level = np.zeros(n_levels + 1, bool)
    housing_level[alloc_level[housing]] = True
    has_housing = np.bincount(b_of[housing], minlength=n) > 0
    mixed = ~(housing | ~floor)
    housing_only = has_housing & ~(np.bincount(b_of[mixed], minlength=n) > 0)

    # --- productive grade (C13) ----------------------------------------------------
    graded = np.flatnonzero(productive & counted)
    g_level = alloc_level[graded]
    g_use = use[graded]
    g_b = b_of[graded]
    m2 = part[graded] * a.sdp_factor
    g_height = height[g_level]
    g_load = load[g_level]
    g_stated = stated[g_level]
    ground = index[g_level] == 0
    # ground level
    assume_slab = ~g_stated & a.slab_on_grade & on_grade[g_b]
    ground_load = np.where(
        g_stated, g_load, np.where(assume_slab, a.min_load_ground, _TYPICAL_LOAD[g_use])
    )
    access_known = level_access_known[g_level]
    street = level_street[g_level]
    access_assumed = ~access_known & a.ground_access
    ground_fails = (
        (g_height < a.min_height_ground)
        | (ground_load < a.min_load_ground)
        | ~(street | access_assumed)
    )
    ground_assumed = assume_slab | access_assumed
    # upper and basement levels
    class_load = _CLASS_UPPER_LOAD[g_use]
    min_upper = np.where(
        class_load > _GENERIC_UPPER_LOAD,
        np.maximum(a.min_load_upper, class_load),
        a.min_load_upper,
    )
    upper_load = np.where(g_stated, g_load, _TYPICAL_LOAD[g_use])
    ramp_access = level_ramp[g_level]
    served = ramp[g_b] | ramp_access | lift_ok[g_b]
    light = upper_load < min_upper
    upper_fails = (g_height < a.min_height_upper) | light | ~served
    upper_assumed = ~g_stated & ~light
    fails = np.where(ground, ground_fails, upper_fails)
    assumed = ~fails & np.where(ground, ground_assumed, upper_assumed)
    non_grade = _sums(g_b[fails], m2[fails], n)
    passes = ~fails
    grade = _sums(g_b[passes], m2[passes], n)
    grade_keys = g_b[passes] * uses + g_use[passes]
    grade_by_key = _sums(grade_keys, m2[passes], n * uses)
    gr_b, gr_u, gr_v, _ = _by_first_seen(grade_keys, grade_by_key, uses)

    # --- issues, in the order of the walk ------------------------------------------
    ids = [b.id for b in buildings]
    positions = position.tolist()
    label_of = {k: level_label(k) for k in np.unique(index).tolist()}
    labels = list(map(label_of.__getitem__, index.tolist()))
    non_grade_lists: dict[int, list[LevelIssue]] = defaultdict(list)
    assumed_lists: dict[int, list[LevelIssue]] = defaultdict(list)
    typical_lists: dict[int, list[LevelIssue]] = defaultdict(list)
    on_grade_list = on_grade.tolist()
    failing = np.flatnonzero(fails | assumed)
    for lv, b, u, h, is_ground, ok, fail, area in zip(
        g_level[failing].tolist(),
        g_b[failing].tolist(),
        g_use[failing].tolist(),
        g_height[failing].tolist(),
        ground[failing].tolist(),
        served[failing].tolist(),
        fails[failing].tolist(),
        m2[failing].tolist(),
        strict=True,
    ):
        code = _CODES[u]
        load_stated = loads[lv]
        key: tuple[object, ...]
        if is_ground:
            key = (code, 0, h, load_stated, access[lv], on_grade_list[b])
        else:
            key = (code, 1, h, load_stated, ok)
        issue = LevelIssue(
            f"{ids[b]}#{positions[lv]}",
            labels[lv],
            area,
            words=(non_grade_words, (code, key, a, fail)),
        )
        if fail:
            non_grade_lists[b].append(issue)
        elif is_ground:
            assumed_lists[b].append(issue)
        else:
            typical_lists[b].append(issue)

    # C14: upper productive levels not served
    level_productive = np.bincount(
        alloc_level[graded], part[graded], minlength=n_levels
    )
    owner_lift_ok = lift_ok[level_building]
    unserved_levels = np.flatnonzero(
        (level_productive > 0)
        & (index != 0)
        & ~ramp[level_building]
        & ~level_ramp
        & ~(owner_lift_ok & (level_productive <= a.max_m2_per_lift))
    )
    upper_lists: dict[int, list[LevelIssue]] = defaultdict(list)
    lifts = lift.tolist()
    for lv, b, productive_m2 in zip(
        unserved_levels.tolist(),
        level_building[unserved_levels].tolist(),
        level_productive[unserved_levels].tolist(),
        strict=True,
    ):
        upper_lists[b].append(
            LevelIssue(
                f"{ids[b]}#{positions[lv]}",
                labels[lv],
                productive_m2,
                words=(unserved_words, (lifts[b], productive_m2, a)),
            )
        )

    # C15: ICPE regimes, and stacking under housing
    rank = np.where(
        productive,
        np.where(stated_rank == _NO_RANK, _DEFAULT_RANK[use], stated_rank),
        np.where(_IS_OTHER[use], stated_rank, _NO_RANK),
    )
    ranked = rank > 0
    hazard = np.zeros(n, np.intp)
    np.maximum.at(hazard, b_of[ranked], rank[ranked])
    # Housing on the same level, or on the level right above in the same building.
    next_housing = housing_level[alloc_level + 1] & (
        position[alloc_level] + 1 < per_building[b_of]
    )
    stacked = np.flatnonzero(
        ranked
        & has_housing[b_of]
        & (rank > a.max_nuisance_rank)
        & (rank < _RANK_A)
        & (housing_level[alloc_level] | next_housing)
    )
    stacking_lists: dict[int, list[LevelIssue]] = defaultdict(list)
    for lv, b, u, r in zip(
        alloc_level[stacked].tolist(),
        b_of[stacked].tolist(),
        use[stacked].tolist(),
        rank[stacked].tolist(),
        strict=True,
    ):
        stacking_lists[b].append(
            LevelIssue(
                f"{ids[b]}#{positions[lv]}",
                labels[lv],
                0.0,
                words=(
                    stacking_words,
                    (_CODES[u], NUISANCE_CLASSES[r], bool(housing_level[lv])),
                ),
            )
        )

    # U01: unassigned levels
    unassigned_lists: dict[int, list[str]] = defaultdict(list)
    for lv, b in zip(
        alloc_level[unassigned_rows].tolist(),
        b_of[unassigned_rows].tolist(),
        strict=True,
    ):
        unassigned_lists[b].append(f"{ids[b]}#{positions[lv]}")

    # --- one BuildingFacts a building ----------------------------------------------
    sdp_dicts: list[dict[str, float]] = [{} for _ in range(n)]
    for b, u, v in zip(sdp_b, sdp_u, sdp_v, strict=True):
        sdp_dicts[b][_CODES[u]] = v
    grade_dicts: list[dict[str, float]] = [{} for _ in range(n)]
    for b, u, v in zip(gr_b, gr_u, gr_v, strict=True):
        grade_dicts[b][_CODES[u]] = v
    areas = np.asarray(footprint_m2, dtype=float)
    spaces = np.fromiter(map(_SPACES, buildings), float, n)
    supply = np.where(
        spaces > 0, spaces, np.trunc(np.asarray(parking_gfa) / a.parking_m2_per_space)
    )
    shared = np.fromiter(map(_SHARED, buildings), bool, n)
    green = np.fromiter((b.roof == "green" for b in buildings), bool, n)
    issues = (
        np.bincount(g_b[fails | assumed], minlength=n)
        + np.bincount(level_building[unserved_levels], minlength=n)
        + np.bincount(b_of[stacked], minlength=n)
        + np.bincount(b_of[unassigned_rows], minlength=n)
        + (hazard >= _RANK_A)
    )

    def issues_of(lists: dict[int, list[_Item]]) -> list[tuple[_Item, ...]]:
        out: list[tuple[_Item, ...]] = [()] * n
        for b, found in lists.items():
            out[b] = tuple(found)
        return out

    altered = [False] * n
    for b in compress(range(n), map(is_not, buildings, origins)):
        altered[b] = alters(buildings[b], origins[b])

    return list(
        map(
            BuildingFacts,
            ids,
            altered,
            areas.tolist(),
            elevation.tolist(),
            top_floor.tolist(),
            housing_only.tolist(),
            gfa.tolist(),
            sdp.tolist(),
            sdp_dicts,
            grade_dicts,
            grade.tolist(),
            non_grade.tolist(),
            unassigned_gfa.tolist(),
            supply.tolist(),
            map(_BAYS, buildings),
            shared.tolist(),
            np.where(green, areas, 0.0).tolist(),
            has_housing.tolist(),
            hazard.tolist(),
            issues_of(non_grade_lists),
            issues_of(assumed_lists),
            issues_of(stacking_lists),
            issues_of(upper_lists),
            issues_of(unassigned_lists),
            lift.tolist(),
            ramp.tolist(),
            (shared & (supply > 0)).tolist(),
            issues.tolist(),
            issues_of(typical_lists),
        )
    )
