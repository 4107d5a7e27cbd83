"""The facts of a scenario seen for the first time, shared with its baseline's.

A new scenario is typically a copy of the baseline: most of its buildings are
kept versions of the baseline's, whose facts (and facts matrix rows) it shares;
only the buildings that differ are measured, at once
(:func:`~mixplan.engine.columns.facts_batch`). Which buildings share their
baseline facts, and which alter their origin, the model decides for all of
them at once (:func:`~mixplan.model.sameness.compare_in_bulk`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter, is_
from typing import cast

import numpy as np
from numpy.typing import NDArray

from mixplan.engine.columns import FactsBatch, facts_batch
from mixplan.engine.facts import Assumptions, BuildingFacts
from mixplan.engine.level_rows import LevelRows
from mixplan.model.project import Building
from mixplan.model.sameness import compare_in_bulk

__all__ = [
    "BaselineFacts",
    "CopiedFacts",
    "CopyPlan",
    "copy_facts",
    "finish_copy",
    "plan_copy",
]

_ORIGIN = attrgetter("origin")
_ID = attrgetter("id")


@dataclass(frozen=True, slots=True)
class BaselineFacts:
    """The baseline as last evaluated: its buildings, their facts and matrix."""

    ids: list[str]
    #: the building objects the facts were measured on
    values: list[Building]
    facts: list[BuildingFacts]
    #: the facts matrix rows of ``facts`` (``None``: not at hand)
    matrix: NDArray[np.float64] | None
    #: the baseline's levels as read by its cold pass (``None``: not at hand)
    levels: LevelRows | None = None
    #: the position of each id in ``ids`` (``None``: made when needed)
    position: Mapping[str, int] | None = None


@dataclass(frozen=True, slots=True)
class CopiedFacts:
    """What :func:`copy_facts` found, in scenario order."""

    facts: list[BuildingFacts]
    #: the origin id of each building (``None``: a new building)
    origins: list[str | None]
    #: the baseline building each continues (``None``: new, or origin gone)
    origin_buildings: list[Building | None]
    #: the facts matrix (``None`` when the baseline's rows were not at hand)
    matrix: NDArray[np.float64] | None
    #: the position of each origin among the baseline's ids (-1: none;
    #: ``None``: not looked up), and those ids
    origin_at: NDArray[np.intp] | None = None
    base_ids: list[str] | None = None


@dataclass(frozen=True, slots=True)
class CopyPlan:
    """Which of a scenario's buildings share their baseline facts, which not."""

    #: the origin id of each building (``None``: a new building)
    origins: list[str | None]
    #: the baseline building each continues (``None``: new, or origin gone)
    origin_buildings: list[Building | None]
    #: whether each building alters its origin
    altered: list[bool]
    #: the positions of the buildings sharing their origin's facts, and the
    #: baseline position of those facts
    shared: list[int]
    base_rows: list[int]
    #: the positions of the others (to measure)
    missing: list[int]
    #: the position of each building's origin among the baseline's ids
    #: (-1: none; ``None``: not looked up, the baseline's facts not at hand)
    origin_at: NDArray[np.intp] | None = None

    def to_measure(
        self, values: Sequence[Building]
    ) -> tuple[list[Building], list[Building | None], list[bool]]:
        """The buildings of :attr:`missing`, their origins, whether each alters it.

        ``values``: the scenario's buildings this plan was made for.
        """
        missing = self.missing
        return (
            [values[p] for p in missing],
            [self.origin_buildings[p] for p in missing],
            [self.altered[p] for p in missing],
        )


def plan_copy(
    values: Sequence[Building],
    base_buildings: Mapping[str, Building],
    base: BaselineFacts | None,
) -> CopyPlan:
    """Which buildings of a scenario share the facts of ``base``, which not.

    A building shares its origin's facts object when the model finds it has
    the same facts (:func:`~mixplan.model.sameness.same_facts`) and the
    baseline was measured on that very origin object (``base``: the
    baseline's buildings as measured; ``None``: none shares).
    """
    count = len(values)
    origins: list[str | None] = list(map(_ORIGIN, values))
    position: Mapping[str, int] | None = None
    origin_at: NDArray[np.intp] | None = None
    if base is not None:
        position = base.position
        if position is None:
            position = dict(zip(base.ids, range(len(base.ids)), strict=True))
    # An id the baseline's facts lack finds the None past its last building.
    measured_on = [*base.values, None] if base is not None else []
    if position is not None and _measured_now(base_buildings, base):
        # Each origin's position among the baseline's ids, looked up once (a
        # dictionary lookup a building, cache misses at 100,000): its building
        # is the one measured there, and the levels the baseline read are
        # found by it (:func:`~mixplan.engine.level_rows.known_rows`).
        # (no building has the id None: a new building finds no origin)
        origin_at = np.fromiter(
            map(position.get, origins, repeat(-1)),  # type: ignore[arg-type]
            np.intp,
            count,
        )
        origin_at.flags.writeable = False  # (shared: the evaluation reads it)
        origin_buildings: list[Building | None] = list(
            map(measured_on.__getitem__, origin_at.tolist())
        )
    else:
        origin_buildings = list(
            map(base_buildings.get, origins)  # type: ignore[arg-type]
        )
    same, altered = compare_in_bulk(values, origin_buildings)
    shared: list[int] = []
    base_rows: list[int] = []
    if position is not None and any(same):
        # The baseline's facts are shared where they were measured on the very
        # origin object (an id the same building keeps: its own). At C speed.
        alike = list(compress(range(count), same))
        at = list(
            map(position.get, map(_ID, map(values.__getitem__, alike)), repeat(-1))
        )
        found = list(
            map(
                is_,
                map(measured_on.__getitem__, at),
                map(origin_buildings.__getitem__, alike),
            )
        )
        shared = list(compress(alike, found))
        base_rows = list(compress(at, found))
    if shared:
        measure = [True] * count
        for p in shared:
            measure[p] = False
        missing = list(compress(range(count), measure))
    else:
        missing = list(range(count))
    return CopyPlan(
        origins, origin_buildings, altered, shared, base_rows, missing, origin_at
    )


def _measured_now(
    base_buildings: Mapping[str, Building], base: BaselineFacts | None
) -> bool:
    """Whether ``base`` was measured on exactly the baseline's buildings, in order.

    Then a position among its ids gives the baseline's building there (what
    a lookup of the id in ``base_buildings`` gives), at C speed.
    """
    return (
        base is not None
        and len(base.values) == len(base_buildings)
        and all(map(is_, base.values, base_buildings.values()))
        and base.ids == list(base_buildings)
    )


def finish_copy(
    plan: CopyPlan,
    base_facts: Sequence[BuildingFacts],
    base_matrix: NDArray[np.float64] | None,
    measured: FactsBatch,
    base_ids: list[str] | None = None,
) -> CopiedFacts:
    """The facts :func:`copy_facts` finds, from a plan and the missing measured.

    ``measured``: the missing buildings' facts, in order; ``base_matrix``: the
    baseline's facts rows (``None``: not at hand, no matrix is made);
    ``base_ids``: the baseline's ids the plan's origin positions refer to.
    """
    facts: list[BuildingFacts | None] = [None] * len(plan.origins)
    for p, f in zip(
        plan.shared, map(base_facts.__getitem__, plan.base_rows), strict=True
    ):
        facts[p] = f
    for p, f in zip(plan.missing, measured.facts, strict=True):
        facts[p] = f
    matrix = None
    if base_matrix is not None:
        matrix = np.empty((len(facts), measured.rows.shape[1]))
        matrix[plan.shared] = base_matrix[plan.base_rows]
        matrix[plan.missing] = measured.rows
    return CopiedFacts(
        cast(list[BuildingFacts], facts),  # every None was filled in
        plan.origins,
        plan.origin_buildings,
        matrix,
        plan.origin_at,
        base_ids,
    )


def copy_facts(
    values: Sequence[Building],
    base_buildings: Mapping[str, Building],
    base: BaselineFacts | None,
    a: Assumptions,
    footprint_areas: NDArray[np.float64],
) -> CopiedFacts:
    """Facts of a scenario's buildings, sharing the baseline's where they may.

    A building shares its origin's facts object when the model finds it has
    the same facts (:func:`~mixplan.model.sameness.same_facts`) and the
    baseline was measured on that very origin object (:func:`plan_copy`);
    the others are computed at once (reading again only the levels the
    baseline's cold pass did not read). ``footprint_areas`` are the
    scenario's footprint areas, in order. The matrix takes the shared facts'
    rows from the baseline's.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.engine.columns import FactsBatch, facts_batch
    >>> from mixplan.model import Level, Rulebook
    >>> from mixplan.model.sameness import kept_version
    >>> a = Assumptions.of(Rulebook())
    >>> shed = Building("s", "Shed", box(0, 0, 10, 10), (Level.of(6, "craft"),))
    >>> measured = facts_batch([shed], [shed], a, [100.0])
    >>> base = BaselineFacts(["s"], [shed], measured.facts, measured.rows)
    >>> new = Building("n", "New", box(20, 0, 30, 10), (Level.of(3, "office"),))
    >>> copy = copy_facts([kept_version(shed), new], {"s": shed}, base, a,
    ...                   np.array([100.0, 100.0]))
    >>> copy.facts[0] is measured.facts[0], copy.origins, copy.facts[1].altered
    (True, ['s', None], True)
    """
    plan = plan_copy(values, base_buildings, base)
    buildings, origins, altered = plan.to_measure(values)
    # (the positions of the baseline's ids are its rows' when they are the
    # same ids)
    rows_are_positions = (
        base is not None and base.levels is not None and base.levels.ids == base.ids
    )
    batch = facts_batch(
        buildings,
        origins,
        a,
        footprint_areas[plan.missing],
        altered,
        base.levels if base is not None else None,
        base.position if rows_are_positions and base is not None else None,
        plan.origin_at[plan.missing]
        if rows_are_positions and plan.origin_at is not None
        else None,
    )
    return finish_copy(
        plan,
        base.facts if base is not None else [],
        base.matrix if base is not None else None,
        batch,
        base.ids if base is not None else None,
    )


def same_objects(first: Sequence[object], second: Sequence[object]) -> bool:
    """Whether two sequences hold the very same objects, in order (C speed)."""
    return len(first) == len(second) and all(map(is_, first, second))
