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

from mixplan.engine.columns import facts_batch
from mixplan.engine.facts import Assumptions, BuildingFacts
from mixplan.engine.level_rows import LevelRows
from mixplan.model.project import Building
from mixplan.model.sameness import compare_in_bulk

__all__ = ["BaselineFacts", "CopiedFacts", "copy_facts"]

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
    baseline was measured on that very origin object; the others are computed
    at once (reading again only the levels the baseline's cold pass did not
    read). ``footprint_areas`` are the scenario's footprint areas, in order.
    The matrix takes the shared facts' rows from the baseline's.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.engine.columns import facts_batch
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
    count = len(values)
    origins: list[str | None] = list(map(_ORIGIN, values))
    # (no building has the id None: a new building finds no origin)
    origin_buildings: list[Building | None] = list(
        map(base_buildings.get, origins)  # type: ignore[arg-type]
    )
    same, altered = compare_in_bulk(values, origin_buildings)
    facts: list[BuildingFacts | None] = [None] * count
    shared: list[int] = []
    base_rows: list[int] = []
    if base is not None and any(same):
        # The baseline's facts are shared where they were measured on the very
        # origin object (an id the same building keeps: its own). At C speed:
        # an id the baseline's facts lack finds the None past its last building.
        position = base.position
        if position is None:
            position = dict(zip(base.ids, range(len(base.ids)), strict=True))
        alike = list(compress(range(count), same))
        at = list(
            map(position.get, map(_ID, map(values.__getitem__, alike)), repeat(-1))
        )
        measured_on = [*base.values, None]
        found = list(
            map(
                is_,
                map(measured_on.__getitem__, at),
                map(origin_buildings.__getitem__, alike),
            )
        )
        shared = list(compress(alike, found))
        base_rows = list(compress(at, found))
        for p, f in zip(shared, map(base.facts.__getitem__, base_rows), strict=True):
            facts[p] = f
    missing = (
        list(compress(range(count), map(is_, facts, repeat(None))))
        if shared
        else list(range(count))
    )
    missing_values = [values[p] for p in missing]
    batch = facts_batch(
        missing_values,
        [origin_buildings[p] for p in missing],
        a,
        footprint_areas[missing],
        [altered[p] for p in missing],
        base.levels if base is not None else None,
    )
    for p, f in zip(missing, batch.facts, strict=True):
        facts[p] = f
    matrix = None
    if base is not None and base.matrix is not None:
        matrix = np.empty((count, batch.rows.shape[1]))
        matrix[shared] = base.matrix[base_rows]
        matrix[missing] = batch.rows
    return CopiedFacts(
        cast(list[BuildingFacts], facts),  # every None was filled in
        origins,
        origin_buildings,
        matrix,
    )


def same_objects(first: Sequence[object], second: Sequence[object]) -> bool:
    """Whether two sequences hold the very same objects, in order (C speed)."""
    return len(first) == len(second) and all(map(is_, first, second))
