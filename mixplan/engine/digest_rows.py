"""Fingerprints of baseline buildings from the level rows the engine has read.

Rule U02 compares the digest of each changed building's baseline building
with the one its scenario recorded
(:func:`~mixplan.model.scenario_edits.outdated_changes`).
On the first evaluation of a project just opened nothing is remembered: the
5,000 baseline buildings a varied 10,000-building scenario changes are all
fingerprinted, reading their 25,000 levels and 50,000 allocations one value
at a time. The baseline's cold pass has just read those levels into columns
(:class:`~mixplan.engine.level_rows.LevelRows`): their rows are handed to the
model's encoder (:func:`~mixplan.model.sameness.building_digests`), which
writes the same bytes from them. The rows are used only for levels that are
the very objects they were read from (values are immutable).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from itertools import chain, compress, repeat
from operator import attrgetter, is_, is_not, itemgetter, not_
from typing import NamedTuple, cast

import numpy as np
from numpy.typing import NDArray

from mixplan.engine.level_rows import _ACCESS_NAMES, CODES, LevelRows, row_ranges
from mixplan.model.digest_columns import LevelColumns
from mixplan.model.project import Building
from mixplan.model.sameness import building_digests
from mixplan.model.slot_values import SlotReader, probe
from mixplan.model.uses import NUISANCE_CLASSES

__all__ = ["DigestStore", "digests_from_rows"]

_LEVELS = attrgetter("levels")
_POLYGON = attrgetter("polygon")
#: The ICPE regime of each stated rank; the last, at -1, is "none stated".
_REGIMES: tuple[str | None, ...] = (*NUISANCE_CLASSES, None)
#: How many buildings are encoded at once.
CHUNK = 4096


#: The fields a digest encodes besides the levels (``origin`` it leaves out).
_FIELD_NAMES = tuple(
    f.name for f in fields(Building) if f.name not in ("origin", "levels")
)


#: Reads those fields off the buildings fingerprinted, a list a field, at
#: once (U02 reads them off 5,000 buildings of a 10,000-building park: one C
#: call, where a tuple a building and their transposition cost 4 ms).
_FIELDS = SlotReader(Building, [probe(Building)], _FIELD_NAMES)
_AT_ID = _FIELD_NAMES.index("id")


def digests_from_rows(
    buildings: list[Building],
    rows: LevelRows,
    read: Sequence[Building] | None = None,
    row_of_id: Mapping[str, int] | None = None,
) -> list[str]:
    """:func:`~mixplan.model.sameness.building_digest` of each building.

    ``rows``: levels read by the engine, among which the buildings' (by id).
    Where a building's levels are not the very objects of its rows (or its
    id has none), every digest is made from the objects instead: the same
    fingerprints, only slower. ``read``: the buildings the rows were read
    from, in row order, if known: a building that is the very one read has
    its rows' levels (values are immutable), and the levels of those are not
    looked at one by one. ``row_of_id``: the row of each id of ``rows``, if
    at hand.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.engine.level_rows import read_rows
    >>> from mixplan.model import Building, Level
    >>> from mixplan.model.sameness import building_digest
    >>> a = Building("a", "Shed", box(0, 0, 10, 10), (Level.of(6, "craft"),))
    >>> rows = read_rows([a], np.array([100.0]))
    >>> digests_from_rows([a], rows) == [building_digest(a)]
    True
    """
    count = len(buildings)
    if not count:
        return []
    if row_of_id is None:
        row_of_id = dict(zip(rows.ids, range(len(rows.ids)), strict=True))
    # Where each building's levels and each level's allocations start in the
    # rows: found once, not again for each chunk (at 100,000 buildings, a
    # chunk's two passes over all the rows cost 2-3 ms).
    per_building = rows.levels_per_building
    starts = _Starts(np.cumsum(per_building) - per_building, rows.columns.alloc_start)
    if count > CHUNK:
        # (a few thousand buildings at a time: at 100,000 buildings, the
        # 50,000 changed ones' pieces and bytes at once cost 10 % more)
        return list(
            chain.from_iterable(
                _digests(
                    buildings[start : start + CHUNK], rows, read, row_of_id, starts
                )
                for start in range(0, count, CHUNK)
            )
        )
    return _digests(buildings, rows, read, row_of_id, starts)


class _Starts(NamedTuple):
    """Where the rows of each building's levels and each level's allocations start."""

    level: NDArray[np.intp]
    allocation: NDArray[np.intp]


def _digests(
    buildings: list[Building],
    rows: LevelRows,
    read: Sequence[Building] | None,
    row_of_id: Mapping[str, int],
    starts: _Starts,
) -> list[str]:
    """:func:`digests_from_rows` of a batch of buildings, the rows' positions known."""
    count = len(buildings)
    # (their fields first: the ids among them, each building then visited
    # once: at 100,000 buildings, reading their ids apart cost 5 ms more)
    values = _FIELDS.read(buildings)
    at = np.fromiter(map(row_of_id.get, values[_AT_ID], repeat(-1)), np.intp, count)
    if (at < 0).any():
        return building_digests(buildings)
    level_counts = rows.levels_per_building[at]
    level_rows = row_ranges(starts.level[at], level_counts)
    levels = rows.levels
    if not (
        read is not None
        and len(read) == len(rows.ids)
        and all(map(is_, buildings, map(read.__getitem__, at.tolist())))
    ):
        levels_of = list(map(_LEVELS, buildings))
        if level_counts.tolist() != list(map(len, levels_of)) or not all(
            map(
                is_,
                chain.from_iterable(levels_of),
                map(levels.__getitem__, level_rows.tolist()),
            )
        ):
            return building_digests(buildings)
    column = rows.columns
    allocation_counts = column.allocations[level_rows]
    allocation_rows = row_ranges(starts.allocation[level_rows], allocation_counts)
    outlined = np.flatnonzero(~np.isnan(column.own_area[level_rows]))
    return building_digests(
        buildings,
        LevelColumns(
            level_counts=level_counts,
            height=column.height[level_rows],
            load=rows.load[level_rows],
            access=column.access_code[level_rows],
            access_names=_ACCESS_NAMES,
            allocation_counts=allocation_counts,
            outlined=outlined,
            outlines=list(
                map(_POLYGON, map(levels.__getitem__, level_rows[outlined].tolist()))
            ),
            use=column.use[allocation_rows],
            use_names=CODES,
            share=column.share[allocation_rows],
            nuisance=column.stated_rank[allocation_rows],
            nuisance_names=_REGIMES,
        ),
        dict(zip(_FIELD_NAMES, values, strict=True)),
    )


class DigestStore:
    """The digests of baseline buildings made for U02, by building object.

    An evaluator's own: U02 asks again for its changed buildings' origins
    after an edit (the rows let go by then), and they are mostly the same
    objects (values are immutable: an object's digest holds while it lives).
    The store holds the objects, so an id it knows is that object's. (The
    model's memo of digests refers to its buildings weakly, so as to keep no
    project alive: at 100,000 buildings, its 50,000 references of a cold
    pass cost 90 ms.)
    """

    def __init__(self) -> None:
        self._known: dict[int, tuple[Building, str]] = {}

    def clear(self) -> None:
        """Forget every digest."""
        self._known.clear()

    def digests(
        self,
        buildings: list[Building],
        make: Callable[[list[Building]], list[str]],
        baseline: Mapping[str, Building],
    ) -> list[str]:
        """The digest of each building, those not known made by ``make``.

        ``baseline``: the baseline's buildings now. Once the store would hold
        more than twice as many digests as there are baseline buildings, it
        lets go of those of objects no longer among them.

        Examples
        --------
        >>> from shapely.geometry import box
        >>> from mixplan.model import Level
        >>> a = Building("a", "Shed", box(0, 0, 10, 10), (Level.of(6, "craft"),))
        >>> store, asked = DigestStore(), []
        >>> def make(buildings):
        ...     asked.append(len(buildings))
        ...     return building_digests(buildings)
        >>> store.digests([a], make, {"a": a}) == building_digests([a])
        True
        >>> store.digests([a, a], make, {"a": a}) == 2 * building_digests([a])
        True
        >>> asked
        [1]
        """
        known = self._known
        found: list[tuple[Building, str] | None] = []
        held: list[bool] = []
        if known:
            found = list(map(known.get, map(id, buildings)))
            held = list(map(is_not, found, repeat(None)))
            missing = list(compress(buildings, map(not_, held)))
            if not missing:
                return list(map(_DIGEST, cast(list[tuple[Building, str]], found)))
        else:
            missing = buildings  # (a cold pass: nothing to look up)
        made = make(missing)
        if len(made) != len(missing):
            raise ValueError("one digest a building")
        if len(known) + len(made) > 2 * len(baseline) + 64:
            kept = {
                key: entry
                for key, entry in known.items()
                if baseline.get(entry[0].id) is entry[0]
            }
            known.clear()
            known.update(kept)
        known.update(
            zip(map(id, missing), zip(missing, made, strict=True), strict=True)
        )
        if len(made) == len(buildings):
            return made
        fresh = iter(made)
        return [next(fresh) if entry is None else entry[1] for entry in found]


_DIGEST = itemgetter(1)
