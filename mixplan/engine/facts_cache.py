"""Each building's facts, kept by building object from one evaluation to the next.

Buildings are immutable values that edit commands swap whole (DESIGN §3), so a
cached :class:`~mixplan.engine.facts.BuildingFacts` stays valid exactly as long as
the scenario holds the same building object (and the same baseline building it
continues): :class:`FactsCache` checks that identity on every call. A scenario
building with exactly its origin's facts shares the baseline's facts object. A
scenario seen for the first time (typically a copy of the baseline) shares the
baseline's facts and facts rows (:mod:`mixplan.engine.scenario_copy`); in the
evaluation that measured the baseline cold, it also takes the rows of the levels
it shares with it. A cold pass leaves its per-building cache to be made when
first looked up (an edit), not on the way.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, count
from operator import attrgetter, is_not
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import shapely
from numpy.typing import NDArray

from mixplan.engine.columns import facts_batch
from mixplan.engine.facts import Assumptions, BuildingFacts
from mixplan.engine.level_rows import LevelRows
from mixplan.engine.scenario_copy import (
    BaselineFacts,
    copy_facts,
    same_objects,
)
from mixplan.model.project import Building, Scenario
from mixplan.model.sameness import same_facts

if TYPE_CHECKING:
    from mixplan.engine.scenario_state import ScenarioState

__all__ = ["FactsCache"]

Entry = tuple[Building, Building | None, BuildingFacts]
_Pending = tuple[list[str], list[Building], list[Building | None], list[BuildingFacts]]
_ID = attrgetter("id")


@dataclass(slots=True)
class _Snapshot:
    """The building objects of a scenario last seen, and their facts."""

    keys: list[str]
    values: list[Building]
    generation: int
    facts: list[BuildingFacts]
    origins: list[str | None]


#: Whether a scenario building has exactly the facts of its baseline origin
#: (then the baseline's facts object is shared): the model's one definition.
_same_facts = same_facts


class FactsCache:
    """The facts of each scenario's buildings, by scenario name and building id.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Building, Level, Project, Rulebook
    >>> p = Project.new("p")
    >>> p.baseline.buildings["a"] = Building(
    ...     "a", "Shed", box(0, 0, 20, 10), (Level.of(6, "warehouse"),))
    >>> cache = FactsCache()
    >>> a = Assumptions.of(Rulebook())
    >>> facts, origins, fresh, _ = cache.scenario_facts(
    ...     p.baseline, p.baseline, a, np.array([200.0]))
    >>> round(facts[0].gfa_m2, 1), origins, fresh
    (200.0, ['a'], [0])
    >>> cache.scenario_facts(p.baseline, p.baseline, a, np.array([200.0]))[2]
    []
    """

    def __init__(self) -> None:
        self.cached: dict[str, dict[str, Entry]] = {}
        #: Caches not made yet: the ids, buildings, origins and facts of a cold
        #: pass, made into a cache (``cached``) only when first looked up.
        self.pending: dict[str, _Pending] = {}
        self.snapshots: dict[str, _Snapshot] = {}
        #: The levels the baseline's cold pass read, until every scenario has
        #: been seen (a scenario copied from it reads only the levels it does
        #: not share, and U02 fingerprints its changes' origins from them) or
        #: the baseline changes.
        self.baseline_levels: LevelRows | None = None
        #: The building objects those levels were read from, in row order.
        self.baseline_read: list[Building] | None = None
        #: Counts the baseline's changes of buildings (a scenario's snapshot
        #: holds while the baseline's generation it was taken at holds).
        self.baseline_generation = 0
        #: The last copy's origins, the baseline ids it found them among, and
        #: their positions (:meth:`origin_positions`).
        self._copied_origins: (
            tuple[list[str | None], list[str], NDArray[np.intp]] | None
        ) = None

    def rename(self, old: str, new: str) -> None:
        """A scenario renamed keeps its caches."""
        caches: tuple[dict[str, Any], ...] = (
            self.cached,
            self.pending,
            self.snapshots,
        )
        for cache in caches:
            if old in cache:
                cache[new] = cache.pop(old)

    def clear(self) -> None:
        """Drop every cache."""
        self.cached.clear()
        self.pending.clear()
        self.snapshots.clear()
        self._forget_levels()
        self._copied_origins = None

    def origin_positions(
        self, origins: list[str | None], base_ids: list[str]
    ) -> NDArray[np.intp] | None:
        """The position of each of ``origins`` among ``base_ids`` (-1: none), if known.

        Known when ``origins`` is the very list a scenario's copy returned
        (:meth:`scenario_facts`), whose origins it looked up among the same
        ids: a dictionary lookup a building saved (``None``: look them up).
        """
        copied = self._copied_origins
        if copied is None or copied[0] is not origins:
            return None
        return copied[2] if copied[1] == base_ids else None

    def _forget_levels(self) -> None:
        self.baseline_levels = None
        self.baseline_read = None

    def release_levels(self, scenarios: list[Scenario]) -> None:
        """Drop the baseline's levels once each of ``scenarios`` has been seen.

        (They weigh 100 MB at 100,000 buildings: kept only while a scenario
        seen for the first time may still use them.)
        """
        snapshots = self.snapshots
        if self.baseline_levels is not None and all(
            s.name in snapshots for s in scenarios
        ):
            self._forget_levels()

    @property
    def every(self) -> dict[str, dict[str, Entry]]:
        """Every scenario's facts cache, the pending ones made (for inspection)."""
        for name in list(self.pending):
            self.cache(name)
        return self.cached

    def cache(self, name: str) -> dict[str, Entry] | None:
        """The facts cache of a scenario (``None``: none).

        A cold pass leaves its facts pending: the cache is made from them the
        first time it is looked up (an edit, another scenario's lookup).
        """
        pending = self.pending.pop(name, None)
        if pending is not None:
            keys, values, origins, facts = pending
            self.cached.setdefault(name, {}).update(
                zip(keys, zip(values, origins, facts, strict=True), strict=True)
            )
        return self.cached.get(name)

    def _baseline_facts(
        self, baseline: Scenario, state: ScenarioState | None
    ) -> BaselineFacts | None:
        """The baseline's buildings and facts as last evaluated, for a copy.

        ``state``: the baseline's state (its facts matrix and the positions of
        its ids), if any.
        """
        snap = self.snapshots.get(baseline.name)
        if snap is None:
            return None
        matrix = (
            state.matrix
            if state is not None
            and (state.facts is snap.facts or same_objects(state.facts, snap.facts))
            else None
        )
        # (the footprint index numbers the same ids: its positions serve)
        position = (
            state.index.position
            if state is not None and state.index.ids == snap.keys
            else None
        )
        return BaselineFacts(
            snap.keys, snap.values, snap.facts, matrix, self.baseline_levels, position
        )

    def _facts_of(
        self,
        building: Building,
        is_baseline: bool,
        baseline: Scenario,
        cache: dict[str, Entry],
    ) -> tuple[BuildingFacts | None, str | None, Building | None]:
        """Cached facts of one building (``None`` to compute), origin id and origin.

        A scenario building with exactly its origin's facts shares the
        baseline's facts object.
        """
        bid = building.id
        if is_baseline:
            origin_id: str | None = bid
            origin: Building | None = building
        else:
            origin_id = building.origin
            origin = (
                baseline.buildings.get(origin_id) if origin_id is not None else None
            )
        entry = cache.get(bid)
        if entry is not None and entry[0] is building and entry[1] is origin:
            return entry[2], origin_id, origin
        if not is_baseline and origin is not None:
            base_entry = (self.cache(baseline.name) or {}).get(origin.id)
            if (
                base_entry is not None
                and base_entry[0] is origin
                and _same_facts(building, origin)
            ):
                cache[bid] = (building, origin, base_entry[2])
                return base_entry[2], origin_id, origin
        return None, origin_id, origin

    def _compute(
        self,
        buildings: list[Building],
        origins: list[Building | None],
        a: Assumptions,
        cache: dict[str, Entry],
        areas: NDArray[np.float64] | None = None,
    ) -> list[BuildingFacts]:
        """Facts of buildings not in any cache, at once (columns), then cached."""
        if areas is None:
            areas = shapely.area([b.footprint for b in buildings])
        batch = facts_batch(buildings, origins, a, areas)
        cache.update(
            zip(
                map(_ID, buildings),
                zip(buildings, origins, batch.facts, strict=True),
                strict=True,
            )
        )
        return batch.facts

    def _facts_at(
        self,
        values: list[Building],
        positions: list[int],
        is_baseline: bool,
        baseline: Scenario,
        a: Assumptions,
        cache: dict[str, Entry],
        facts: list[BuildingFacts],
        origins: list[str | None],
        footprint_areas: NDArray[np.float64],
    ) -> list[int]:
        """Fill ``facts`` and ``origins`` at ``positions``; the recomputed positions."""
        todo: list[int] = []
        todo_origins: list[Building | None] = []
        for position in positions:
            found, origins[position], origin = self._facts_of(
                values[position], is_baseline, baseline, cache
            )
            if found is None:
                todo.append(position)
                todo_origins.append(origin)
            else:
                facts[position] = found
        if todo:
            computed = self._compute(
                [values[p] for p in todo],
                todo_origins,
                a,
                cache,
                footprint_areas[todo],
            )
            for position, f in zip(todo, computed, strict=True):
                facts[position] = f
        return todo

    def scenario_facts(
        self,
        scenario: Scenario,
        baseline: Scenario,
        a: Assumptions,
        footprint_areas: NDArray[np.float64],
        baseline_state: ScenarioState | None = None,
    ) -> tuple[
        list[BuildingFacts], list[str | None], list[int], NDArray[np.float64] | None
    ]:
        """Facts of every building (cached by identity), origins, fresh positions.

        ``footprint_areas`` are the areas of the scenario's footprints, in order;
        ``baseline_state`` the baseline's state, if any (a copy takes its rows).
        Last, the facts matrix when a cold pass made it with the facts (else
        ``None``).

        When the scenario holds the same ids as last time (and, for a scenario,
        the baseline has not changed since), only the building objects that are
        not the ones seen last time are looked at: the comparison runs at C speed.
        """
        cache = self.cache(scenario.name)
        if cache is None:
            cache = self.cached[scenario.name] = {}
        is_baseline = scenario is baseline
        keys = list(scenario.buildings)
        values = list(scenario.buildings.values())
        generation = 0 if is_baseline else self.baseline_generation
        snap = self.snapshots.get(scenario.name)
        rows: NDArray[np.float64] | None = None
        read_cold = False
        if snap is not None and snap.generation == generation and snap.keys == keys:
            fresh = list(compress(count(), map(is_not, values, snap.values)))
            facts, origins = list(snap.facts), list(snap.origins)
            self._facts_at(
                values, fresh, is_baseline, baseline, a, cache, facts, origins,
                footprint_areas,
            )  # fmt: skip
        elif not is_baseline and not cache:
            copy = copy_facts(
                values,
                baseline.buildings,
                self._baseline_facts(baseline, baseline_state),
                a,
                footprint_areas,
            )
            facts, origins, rows = copy.facts, copy.origins, copy.matrix
            if copy.origin_at is not None and copy.base_ids is not None:
                self._copied_origins = (origins, copy.base_ids, copy.origin_at)
            # (the cache is made from these when first looked up)
            self.pending[scenario.name] = (keys, values, copy.origin_buildings, facts)
            fresh = list(range(len(keys)))
        else:
            if is_baseline and not cache:
                # Cold baseline: nothing to look up, every building is its origin.
                batch = facts_batch(values, values, a, footprint_areas)
                facts, rows = batch.facts, batch.rows
                # (kept for a scenario copied from it, and for U02)
                self.baseline_levels, self.baseline_read = batch.levels, values
                read_cold = True
                self.pending[scenario.name] = (keys, values, list(values), facts)
                origins = list(keys)
                fresh = list(range(len(keys)))
            else:
                facts = cast(list[BuildingFacts], [None] * len(values))
                origins = [None] * len(values)
                fresh = self._facts_at(
                    values, list(range(len(values))), is_baseline, baseline, a,
                    cache, facts, origins, footprint_areas,
                )  # fmt: skip
            if len(cache) > len(keys):
                for gone in set(cache) - set(keys):
                    del cache[gone]
            if snap is not None and snap.keys != keys:
                fresh = list(range(len(keys)))
        if is_baseline and (fresh or snap is None or snap.keys != keys):
            self.baseline_generation += 1
            if not read_cold:
                self._forget_levels()  # (they read buildings gone since)
        self.snapshots[scenario.name] = _Snapshot(
            keys, values, generation, facts, origins
        )
        return facts, origins, fresh, rows
