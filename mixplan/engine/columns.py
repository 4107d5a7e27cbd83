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

The model is read by :mod:`mixplan.engine.level_rows`; level issues
(:class:`~mixplan.engine.level_issues.LevelIssue`) are made in bulk and worded
only when read. Besides the facts objects, a batch gives its facts matrix
(:data:`~mixplan.engine.facts.ROW_LENGTH` columns, what site totals add up)
straight from the columns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mixplan.engine.facts import (
    _GENERIC_UPPER_LOAD,
    _LOW_LEVEL_M,
    COL_ALTERED,
    COL_BAYS,
    COL_GFA,
    COL_GRADE,
    COL_GRADE_USE,
    COL_GREEN_ROOF,
    COL_HAS_HOUSING,
    COL_HAZARD,
    COL_HEIGHT,
    COL_HOUSING_ONLY,
    COL_ISSUES,
    COL_NON_GRADE,
    COL_PARKING,
    COL_POOLED,
    COL_SDP,
    COL_TOP_FLOOR,
    COL_UNASSIGNED,
    COL_USE,
    PRODUCTIVE_USES,
    ROW_LENGTH,
    SDP_USES,
    Assumptions,
    BuildingFacts,
    non_grade_words,
    stacking_words,
    unserved_words,
)
from mixplan.engine.facts_store import ISSUE_FIELDS, BatchIssues, FactsStore, PairDicts
from mixplan.engine.level_issues import IssueTable, LevelTargets
from mixplan.engine.level_rows import (
    CODES,
    COLUMN_OF_USE,
    NO_RANK,
    RAMP_ACCESS,
    LevelRows,
    RowValues,
    read_rows,
)
from mixplan.engine.walk_sums import pair_sums, sums_by_key
from mixplan.model.project import Building
from mixplan.model.sameness import alters_in_bulk
from mixplan.model.uses import NUISANCE_CLASSES, USES, Family, nuisance_rank

__all__ = ["FactsBatch", "columnar_facts", "facts_batch"]

_FAMILIES = [USES[c].family for c in CODES]
_IS_PRODUCTIVE = np.array([f is Family.PRODUCTIVE for f in _FAMILIES])
_IS_HOUSING = np.array([f is Family.HOUSING for f in _FAMILIES])
_IS_NON_FLOOR = np.array([f is Family.NON_FLOOR_AREA for f in _FAMILIES])
_IS_UNASSIGNED = np.array([f is Family.UNASSIGNED for f in _FAMILIES])
#: Families other than the four above (tertiary, facilities...): a stated
#: ICPE regime counts; no default one.
_IS_OTHER = ~(_IS_PRODUCTIVE | _IS_HOUSING | _IS_NON_FLOOR | _IS_UNASSIGNED)
_PARKING = COLUMN_OF_USE["parking"]
_TYPICAL_LOAD = np.array([USES[c].typical_load_kn_m2 for c in CODES])
_CLASS_UPPER_LOAD = np.array([USES[c].min_load_upper_kn_m2 or 0.0 for c in CODES])
_DEFAULT_RANK = np.array([nuisance_rank(USES[c].default_nuisance) for c in CODES])


def _rank_of(default: int, productive: bool, other: bool, stated: int) -> int:
    """The ICPE regime rank of an allocation of a use stating ``stated``.

    A productive use's stated regime, else its use's default; another family's
    (tertiary, facilities...) stated one; housing, non-floor and unassigned
    uses none (:data:`NO_RANK`).
    """
    if productive:
        return default if stated == NO_RANK else stated
    return stated if other else NO_RANK


#: :func:`_rank_of` by use (row) and stated rank (column: stated - NO_RANK).
_RANK_BY_USE = np.array(
    [
        [_rank_of(*use, stated) for stated in range(NO_RANK, len(NUISANCE_CLASSES))]
        for use in zip(
            _DEFAULT_RANK.tolist(),
            _IS_PRODUCTIVE.tolist(),
            _IS_OTHER.tolist(),
            strict=True,
        )
    ],
    # (a byte a rank: an allocation's rank is a column as long as the allocations)
    dtype=np.int8,
)
_RANK_A = nuisance_rank("A")
#: Each use's column among the SDP columns of the facts matrix (-1: none; no
#: floor-area use lacks one) and among its grade columns (-1: not productive).
_SDP_COLUMN = np.array([SDP_USES.index(c) if c in SDP_USES else -1 for c in CODES])
_GRADE_COLUMN = np.array(
    [PRODUCTIVE_USES.index(c) if c in PRODUCTIVE_USES else -1 for c in CODES]
)
_SDP_IS_HOUSING = np.array([USES[c].family is Family.HOUSING for c in SDP_USES])
#: The use codes of those columns, as objects (a column's name at C speed).
_SDP_NAMES = np.array(SDP_USES, dtype=object)
_GRADE_NAMES = np.array(PRODUCTIVE_USES, dtype=object)


@dataclass(frozen=True, slots=True)
class FactsBatch:
    """The facts of a batch of buildings: objects, and their matrix rows."""

    facts: list[BuildingFacts]
    #: one row a building, the columns of :func:`~mixplan.engine.facts.facts_rows`
    rows: NDArray[np.float64]
    #: the buildings' levels as read (``None``: no building)
    levels: LevelRows | None = None


def _c13_words(
    use: str,
    ground: bool,
    height: float,
    load: float | None,
    access: str | None,
    on_grade: bool,
    served: bool,
    failed: bool,
    a: Assumptions,
) -> tuple[str, str]:
    """The details of a C13 issue, from its row of columns (facts.non_grade_words)."""
    key: tuple[object, ...] = (
        (use, 0, height, load, access, on_grade)
        if ground
        else (use, 1, height, load, served)
    )
    return non_grade_words(use, key, a, failed)


#: Buildings whose facts are computed together (:meth:`LevelRows.parts`): the
#: arrays of a part (an allocation's worth each) stay under a few megabytes,
#: which the allocator reuses from a part to the next. At 100,000 buildings,
#: computed at once, each was megabytes of fresh pages (NumPy asks for huge
#: pages from 4 MB on), slower to touch than to compute. 10,000 buildings are
#: one part.
PART_BUILDINGS = 16384

#: Rows of the facts matrix written at a time: a block of 2,048 rows (850 kB)
#: stays in the CPU cache while its columns and its pairs' cells are written.
#: Written a column at a time, the 42 MB matrix of 100,000 buildings missed the
#: cache at every row of every column (16 passes over all of it).
_MATRIX_BLOCK = 2048


def _fill_matrix(
    matrix: NDArray[np.float64],
    columns: Sequence[tuple[int, Sequence[Any] | NDArray[Any]]],
    cells: Sequence[tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]],
) -> None:
    """Write a facts matrix of zeros, a block of rows at a time.

    ``columns``: a column number and its values, one a row; ``cells``: the
    row (non-decreasing), column and value of pair cells. Other cells stay
    0.0, as a sum of nothing.

    Examples
    --------
    >>> m = np.zeros((3, ROW_LENGTH))
    >>> _fill_matrix(m, [(0, [1.0, 2.0, 3.0])],
    ...              [(np.array([0, 2]), np.array([5, 1]), np.array([7.0, 8.0]))])
    >>> m[:, [0, 1, 5]].tolist()
    [[1.0, 0.0, 7.0], [2.0, 0.0, 0.0], [3.0, 8.0, 0.0]]
    """
    n = len(matrix)
    values = [(column, np.asarray(v)) for column, v in columns]
    starts = range(0, n, _MATRIX_BLOCK)
    # each block's first and last pair of each kind of cell
    bounds = [np.searchsorted(owners, [*starts, n]).tolist() for owners, _, _ in cells]
    for k, start in enumerate(starts):
        stop = min(start + _MATRIX_BLOCK, n)
        block = matrix[start:stop]
        for column, v in values:
            block[:, column] = v[start:stop]
        flat = block.reshape(-1)
        for (owners, cell_columns, cell_values), cuts in zip(
            cells, bounds, strict=True
        ):
            first, last = cuts[k], cuts[k + 1]
            flat[
                (owners[first:last] - start) * ROW_LENGTH + cell_columns[first:last]
            ] = cell_values[first:last]


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
    return facts_batch(buildings, origins, a, footprint_m2).facts


def facts_batch(
    buildings: Sequence[Building],
    origins: Sequence[Building | None],
    a: Assumptions,
    footprint_m2: Sequence[float] | NDArray[np.float64],
    altered: Sequence[bool] | None = None,
    known: LevelRows | None = None,
    known_position: Mapping[str, int] | None = None,
    origin_rows: NDArray[np.intp] | None = None,
) -> FactsBatch:
    """The facts of a batch of buildings, and their facts matrix.

    As :func:`columnar_facts`; ``altered`` (whether each building alters its
    origin, :func:`~mixplan.model.sameness.alters`) when the caller knows it;
    ``known``: another batch's levels, whose rows the same Level objects take
    (:func:`~mixplan.engine.level_rows.read_rows`), and ``known_position``
    the row of each of its ids and ``origin_rows`` that of each building's
    origin (-1: none), if at hand.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.engine.facts import facts_rows
    >>> from mixplan.model import Level, Rulebook
    >>> b = Building("b", "", box(0, 0, 20, 10), (Level.of(3.0, "housing"),))
    >>> batch = facts_batch([b], [b], Assumptions.of(Rulebook()), [200.0])
    >>> bool((batch.rows == facts_rows(batch.facts)).all())
    True
    """
    n = len(buildings)
    if not n:
        return FactsBatch([], np.zeros((0, ROW_LENGTH)))
    areas = np.asarray(footprint_m2, dtype=float)
    rows = read_rows(buildings, areas, known, known_position, origin_rows)
    if altered is None:
        altered = alters_in_bulk(buildings, origins)
    matrix = np.zeros((n, ROW_LENGTH))
    facts: list[BuildingFacts] = []
    start = 0
    for part in rows.parts(PART_BUILDINGS):
        stop = start + part.buildings
        store = _part_facts(
            part, a, areas[start:stop], altered[start:stop], matrix[start:stop]
        )
        facts += store.records()
        start = stop
    return FactsBatch(facts, matrix, rows)


def _part_facts(
    rows: LevelRows,
    a: Assumptions,
    areas: NDArray[np.float64],
    altered: Sequence[bool],
    matrix: NDArray[np.float64],
) -> FactsStore:
    """The facts of a part of a batch (:func:`facts_batch`), its matrix rows filled."""
    n = rows.buildings
    ids = rows.ids
    level_building = rows.level_building
    alloc_level = rows.alloc_level
    position = rows.position
    index = rows.index
    height = rows.height
    levels_of = rows.levels_per_building
    basements = rows.basements
    n_levels = len(level_building)
    use = rows.use
    ramp = rows.ramp
    lift = rows.lift
    lift_ok = (lift > 0) & (lift >= a.min_lift_kg)
    on_grade = basements == 0
    level_street = (rows.access_code == 0) | (rows.access_code == 1)
    level_ramp = rows.access_code == RAMP_ACCESS

    b_of = level_building[alloc_level]
    part = rows.gross[alloc_level] * rows.share
    counted = (height > _LOW_LEVEL_M)[alloc_level]
    productive = _IS_PRODUCTIVE[use]
    housing = _IS_HOUSING[use]
    floor = ~_IS_NON_FLOOR[use]

    # --- floor areas (R111-22) -----------------------------------------------------
    gfa = sums_by_key(level_building, rows.gross, n)
    in_sdp = np.flatnonzero(floor & counted)
    sdp_pairs, sdp_columns, sdp_pair_values = pair_sums(
        b_of[in_sdp], _SDP_COLUMN[use[in_sdp]], part[in_sdp], n, len(SDP_USES)
    )
    # SDP of a pair: its gross area × the factor of its use (housing: its own)
    housing_factor = np.where(
        rows.common_parts, a.sdp_factor * (1.0 - a.housing_deduction), a.sdp_factor
    )
    sdp_pair_values *= np.where(
        _SDP_IS_HOUSING[sdp_columns], housing_factor[sdp_pairs], a.sdp_factor
    )
    sdp = sums_by_key(sdp_pairs, sdp_pair_values, n)
    parking = use == _PARKING
    parking_gfa = sums_by_key(b_of[parking], part[parking], n)
    unassigned_rows = _IS_UNASSIGNED[use]
    unassigned_gfa = sums_by_key(b_of[unassigned_rows], part[unassigned_rows], n)

    # --- built form: heights, housing ----------------------------------------------
    above = position >= basements[level_building]
    elevation = sums_by_key(level_building[above], height[above], n)
    level_floor = np.bincount(alloc_level[floor], minlength=n_levels) > 0
    before = np.zeros(n_levels)
    running = np.zeros(n)
    for k in range(int(levels_of.max())):
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
    g_load = rows.load[g_level]
    g_stated = rows.load_stated[g_level]
    ground = index[g_level] == 0
    # ground level
    assume_slab = ~g_stated & a.slab_on_grade & on_grade[g_b]
    ground_load = np.where(
        g_stated, g_load, np.where(assume_slab, a.min_load_ground, _TYPICAL_LOAD[g_use])
    )
    access_assumed = ~(rows.access_code >= 0)[g_level] & a.ground_access
    ground_fails = (
        (g_height < a.min_height_ground)
        | (ground_load < a.min_load_ground)
        | ~(level_street[g_level] | access_assumed)
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
    served = ramp[g_b] | level_ramp[g_level] | lift_ok[g_b]
    light = upper_load < min_upper
    upper_fails = (g_height < a.min_height_upper) | light | ~served
    upper_assumed = ~g_stated & ~light
    fails = np.where(ground, ground_fails, upper_fails)
    assumed = ~fails & np.where(ground, ground_assumed, upper_assumed)
    non_grade = sums_by_key(g_b[fails], m2[fails], n)
    passes = ~fails
    grade = sums_by_key(g_b[passes], m2[passes], n)
    grade_pairs, grade_columns, grade_pair_values = pair_sums(
        g_b[passes], _GRADE_COLUMN[g_use[passes]], m2[passes], n, len(PRODUCTIVE_USES)
    )

    # --- level issues, in the order of the walk ------------------------------------
    # C13: productive allocations failing, or passing on an assumption
    # by kind (not productive-grade; an assumed ground floor; an upper level on
    # a typical load), then in walk order: each kind's issues are one run
    kinds = (
        np.flatnonzero(fails),
        np.flatnonzero(assumed & ground),
        np.flatnonzero(assumed & ~ground),
    )
    listed = np.concatenate(kinds)
    f_level = g_level[listed]
    f_b = g_b[listed]
    f_ground = ground[listed]
    f_fails = fails[listed]
    c13 = IssueTable(
        ids,
        f_b,
        position[f_level],
        index[f_level],
        m2[listed],
        _c13_words,
        (
            RowValues(g_use[listed], CODES.__getitem__),
            RowValues(f_ground),
            RowValues(g_height[listed]),
            rows.loads_of(f_level),
            rows.access_of(f_level),
            RowValues(on_grade[f_b]),
            RowValues(served[listed]),
            RowValues(f_fails),
        ),
        (a,),
    )

    c13_owners = np.repeat(np.arange(3) * n, [len(k) for k in kinds]) + f_b

    # C14: upper productive levels not served
    level_productive = np.bincount(
        alloc_level[graded], part[graded], minlength=n_levels
    )
    unserved_levels = np.flatnonzero(
        (level_productive > 0)
        & (index != 0)
        & ~ramp[level_building]
        & ~level_ramp
        & ~(lift_ok[level_building] & (level_productive <= a.max_m2_per_lift))
    )
    u_b = level_building[unserved_levels]
    u_m2 = level_productive[unserved_levels]
    c14 = IssueTable(
        ids,
        u_b,
        position[unserved_levels],
        index[unserved_levels],
        u_m2,
        unserved_words,
        (RowValues(lift[u_b]), RowValues(u_m2)),
        (a,),
    )

    # C15: ICPE regimes, and stacking under housing
    rank = _RANK_BY_USE.ravel()[
        use * _RANK_BY_USE.shape[1] + rows.stated_rank - NO_RANK
    ]
    ranked = rank > 0
    # A building's highest rank (0: none), over its allocations' rows, which
    # follow one another: every building has a level and every level a use
    # (the model's rule), so each building's rows start a run of them.
    first_allocation = rows.columns.alloc_start[np.cumsum(levels_of) - levels_of]
    hazard = np.maximum.reduceat(np.maximum(rank, 0), first_allocation)
    # Housing on the same level, or on the level right above in the same
    # building: by level, then looked at for the regimes over the limit only.
    near_housing = housing_level[:-1] | (
        housing_level[1:] & (position + 1 < levels_of[level_building])
    )
    over = np.flatnonzero(ranked & (rank > a.max_nuisance_rank) & (rank < _RANK_A))
    stacked = over[has_housing[b_of[over]] & near_housing[alloc_level[over]]]
    s_level = alloc_level[stacked]
    s_b = b_of[stacked]
    c15 = IssueTable(
        ids,
        s_b,
        position[s_level],
        index[s_level],
        np.zeros(len(stacked)),
        stacking_words,
        (
            RowValues(use[stacked], CODES.__getitem__),
            RowValues(rank[stacked], NUISANCE_CLASSES.__getitem__),
            RowValues(housing_level[s_level]),
        ),
    )

    # U01: unassigned levels
    v_b = b_of[unassigned_rows]
    u01 = LevelTargets(ids, v_b, position[alloc_level[unassigned_rows]])

    # Each building's issues of each kind (ISSUE_FIELDS' order), made when
    # read: kind k's building b is owner k·n + b (each kind's rows are in walk
    # order); the items are the tables' rows, one table after the other.
    firsts = np.cumsum([0, len(c13), len(c14), len(c15)]).tolist()
    batch_issues = BatchIssues(
        np.concatenate((c13_owners, u_b + 3 * n, s_b + 4 * n, v_b + 5 * n)),
        list(zip(firsts, (c13, c14, c15, u01), strict=True)),
        len(ISSUE_FIELDS),
        n,
    )

    # --- the facts matrix, and a record a building reading the columns ----------
    supply = np.where(
        rows.spaces > 0,
        rows.spaces,
        np.trunc(np.asarray(parking_gfa) / a.parking_m2_per_space),
    )
    shared = rows.shared
    green = np.where(rows.green_roof, areas, 0.0)
    pooled = shared & (supply > 0)
    issues = (
        np.bincount(g_b[fails | assumed], minlength=n)
        + np.bincount(level_building[unserved_levels], minlength=n)
        + np.bincount(b_of[stacked], minlength=n)
        + np.bincount(b_of[unassigned_rows], minlength=n)
        + (hazard >= _RANK_A)
    )
    _fill_matrix(
        matrix,
        (
            (COL_GFA, gfa),
            (COL_SDP, sdp),
            (COL_GRADE, grade),
            (COL_NON_GRADE, non_grade),
            (COL_UNASSIGNED, unassigned_gfa),
            (COL_PARKING, supply),
            (COL_BAYS, rows.bays),
            (COL_GREEN_ROOF, green),
            (COL_HEIGHT, elevation),
            (COL_TOP_FLOOR, top_floor),
            (COL_POOLED, pooled),
            (COL_ALTERED, altered),
            (COL_HOUSING_ONLY, housing_only),
            (COL_ISSUES, issues),
            (COL_HAS_HOUSING, has_housing),
            (COL_HAZARD, hazard),
        ),
        (
            (sdp_pairs, COL_USE + sdp_columns, sdp_pair_values),
            (grade_pairs, COL_GRADE_USE + grade_columns, grade_pair_values),
        ),
    )

    store = FactsStore(
        {
            "id": ids,
            "altered": altered,
            "footprint_m2": areas,
            "height_m": elevation,
            "top_floor_m": top_floor,
            "housing_only": housing_only,
            "gfa_m2": gfa,
            "sdp_m2": sdp,
            "sdp_by_use": PairDicts(
                sdp_pairs, _SDP_NAMES[sdp_columns], sdp_pair_values, n
            ),
            "grade_by_use": PairDicts(
                grade_pairs, _GRADE_NAMES[grade_columns], grade_pair_values, n
            ),
            "productive_grade_m2": grade,
            "productive_non_grade_m2": non_grade,
            "unassigned_gfa_m2": unassigned_gfa,
            "parking_supply": supply,
            "loading_bays": rows.bays,
            "shared": shared,
            "green_roof_m2": green,
            "has_housing": has_housing,
            "hazard_rank": hazard,
            "freight_lift_kg": lift,
            "ramp": ramp,
            "pooled_parking": pooled,
            "issues": issues,
        },
        batch_issues,
        matrix,
    )
    return store
