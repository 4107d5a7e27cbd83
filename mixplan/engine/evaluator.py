"""Evaluate scenarios, incrementally: per-building caches, cheap site aggregates.

Buildings are immutable values that edit commands swap whole (DESIGN §3), so a
cached :class:`~mixplan.engine.facts.BuildingFacts` stays valid exactly as long as
the scenario holds the same building object (and the same baseline building it
continues). The evaluator checks that identity on every call, so it is correct
even if nobody calls :meth:`Evaluator.invalidate`; ``invalidate`` drops what a
:class:`~mixplan.model.commands.Change` touched so memory does not pile up and
renamed scenarios keep their caches. The footprint STRtree is rebuilt only when a
footprint is added, removed or moved; ground cover is re-measured only when cover,
footprints or the site change; a rulebook change drops everything. A scenario
seen for the first time (typically a copy of the baseline) starts from the
baseline's state and shares its facts, facts rows, footprint index and ground
measure (:mod:`mixplan.engine.scenario_copy`); in the evaluation that measured
the baseline cold, it also takes the rows of the levels it shares with it. A
cold pass leaves its per-building cache to be made when first looked up (an
edit), not on the way.

An Evaluator is not thread-safe: use it from one thread at a time, and do not
edit the project while it evaluates. Evaluations it returns are cached and
shared between calls: treat them as read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, count, repeat
from operator import attrgetter, is_not, ne
from types import SimpleNamespace
from typing import Any, cast

import numpy as np
import shapely
from numpy.typing import NDArray

from mixplan.engine.columns import facts_batch
from mixplan.engine.context import BuildingFindings, Context
from mixplan.engine.facts import (
    COL_GRADE,
    COL_ISSUES,
    Assumptions,
    BuildingFacts,
)
from mixplan.engine.findings import Evaluation, Finding
from mixplan.engine.indicators import (
    ProductiveFlows,
    Totals,
    facts_matrix,
    indicator_delta,
    productive_flows,
    scenario_indicators,
    sum_facts,
)
from mixplan.engine.land import GroundFacts, cover_coefficients, ground_facts
from mixplan.engine.level_rows import LevelRows
from mixplan.engine.phasing import phasing_from_facts, phasing_token
from mixplan.engine.rules import run_rules
from mixplan.engine.scenario_copy import BaselineFacts, copy_facts, same_objects
from mixplan.engine.spatial import FootprintIndex
from mixplan.gc_pause import collector_paused
from mixplan.model.commands import Change
from mixplan.model.cover_edits import outdated_cover_changes
from mixplan.model.project import Building, Project, Scenario
from mixplan.model.sameness import building_digest, same_facts

__all__ = ["Evaluator", "evaluate"]

_Entry = tuple[Building, Building | None, BuildingFacts]
_Pending = tuple[list[str], list[Building], list[Building | None], list[BuildingFacts]]


@dataclass(slots=True)
class _State:
    """The evaluated parts of one scenario, reused while nothing changed."""

    ids: list[str]
    facts: list[BuildingFacts]
    origins: list[str | None]
    matrix: NDArray[np.float64]
    totals: Totals
    index: FootprintIndex
    ground: GroundFacts
    ground_key: tuple[Any, ...]
    flagged: list[int]
    baseline_indicators: dict[str, Any] | None = None
    baseline_flows: ProductiveFlows | None = None


@dataclass(slots=True)
class _Snapshot:
    """The building objects of a scenario last seen, and their facts."""

    keys: list[str]
    values: list[Building]
    generation: int
    facts: list[BuildingFacts]
    origins: list[str | None]


_ORIGIN = attrgetter("origin")
#: Stands for a building a scenario does not hold: no origin.
_NO_BUILDING = SimpleNamespace(origin=None)
_FOOTPRINT = attrgetter("footprint")
_NAME = attrgetter("name")
_ID = attrgetter("id")


#: Whether a scenario building has exactly the facts of its baseline origin
#: (then the baseline's facts object is shared): the model's one definition.
_same_facts = same_facts


def _same_site(kept: object, site: object) -> bool:
    """Whether findings kept for one site boundary hold for ``site`` (C05 gaps)."""
    return kept is site


def _same_ground(old: _State, key: tuple[Any, ...]) -> bool:
    """Whether the ground cover measured for ``old`` still holds for ``key``.

    The key is (index, (coefficients, m² per space), *covers). A new index keeps
    the measure when no footprint that moved touches a cover.
    """
    if len(old.ground_key) != len(key):
        return False
    if old.ground_key[1] != key[1] or any(map(is_not, old.ground_key[2:], key[2:])):
        return False
    index = key[0]
    if index is old.index:
        return True
    if index.site is not old.index.site:
        return False
    if not index.moved_geoms or len(key) == 2:
        return True
    covers = [c.geometry for c in key[2:]]
    moved = shapely.union_all(index.moved_geoms)
    return not bool(shapely.intersects(moved, covers).any())


class Evaluator:
    """Evaluates the scenarios of one project and keeps what it can between calls.

    Examples
    --------
    >>> from mixplan.model import Project
    >>> ev = Evaluator(Project.new("p"))
    >>> ev.evaluate("Existing").indicators["sdp_m2"]
    0.0
    """

    def __init__(self, project: Project) -> None:
        self.project = project
        self._cached: dict[str, dict[str, _Entry]] = {}
        #: Caches not made yet: the ids, buildings, origins and facts of a cold
        #: pass, made into a cache (``_cached``) only when first looked up.
        self._pending: dict[str, _Pending] = {}
        #: The levels the baseline's cold pass read, while one evaluation lasts
        #: (a scenario copied from it reads only the levels it does not share).
        self._baseline_levels: LevelRows | None = None
        self._states: dict[str, _State] = {}
        self._evaluations: dict[str, tuple[tuple[object, ...], Evaluation]] = {}
        self._snapshots: dict[str, _Snapshot] = {}
        #: Findings of each building kept by scenario, with the site they hold for.
        self._kept: dict[str, tuple[object, BuildingFindings]] = {}
        #: U02's last answer by scenario, with what it was computed from.
        self._outdated: dict[
            str, tuple[int, dict[str, str], list[str | None], tuple[str, ...]]
        ] = {}
        self._baseline_generation = 0
        self._rulebook_token: frozenset[Any] | None = None
        self._assumptions: Assumptions | None = None

    def invalidate(self, change: Change) -> None:
        """Forget what ``change`` touched (identity checks catch the rest)."""
        if change.renamed is not None:
            old, new = change.renamed
            caches: tuple[dict[str, Any], ...] = (
                self._cached,
                self._pending,
                self._states,
                self._evaluations,
                self._snapshots,
                self._kept,
                self._outdated,
            )
            for cache in caches:
                if old in cache:
                    cache[new] = cache.pop(old)
        if change.everything or change.rulebook or change.site:
            self.clear()
            return
        if change.scenario is None:
            return
        # An edit of the baseline reaches the scenarios that keep the building.
        for name in change.scenario_names:
            self._evaluations.pop(name, None)
            entries = self._cache(name)
            if entries is not None:
                for bid in change.buildings:
                    entries.pop(bid, None)
        if self.project.scenarios and change.scenario == self.project.baseline.name:
            # Every scenario is compared with the baseline.
            self._evaluations.clear()

    def clear(self) -> None:
        """Drop every cache."""
        self._cached.clear()
        self._pending.clear()
        self._snapshots.clear()
        self._kept.clear()
        self._outdated.clear()
        self._states.clear()
        self._evaluations.clear()
        self._assumptions = None

    @property
    def _facts(self) -> dict[str, dict[str, _Entry]]:
        """Every scenario's facts cache, the pending ones made (for inspection)."""
        for name in list(self._pending):
            self._cache(name)
        return self._cached

    def _cache(self, name: str) -> dict[str, _Entry] | None:
        """The facts cache of a scenario (``None``: none).

        A cold pass leaves its facts pending: the cache is made from them the
        first time it is looked up (an edit, another scenario's lookup).
        """
        pending = self._pending.pop(name, None)
        if pending is not None:
            keys, values, origins, facts = pending
            self._cached.setdefault(name, {}).update(
                zip(keys, zip(values, origins, facts, strict=True), strict=True)
            )
        return self._cached.get(name)

    def _baseline_facts(self, baseline: Scenario) -> BaselineFacts | None:
        """The baseline's buildings and facts as last evaluated, for a copy."""
        snap = self._snapshots.get(baseline.name)
        if snap is None:
            return None
        state = self._states.get(baseline.name)
        matrix = (
            state.matrix
            if state is not None
            and (state.facts is snap.facts or same_objects(state.facts, snap.facts))
            else None
        )
        return BaselineFacts(
            snap.keys, snap.values, snap.facts, matrix, self._baseline_levels
        )

    def _check_rulebook(self) -> Assumptions:
        token = frozenset(self.project.rulebook.values.items())
        if token != self._rulebook_token or self._assumptions is None:
            self.clear()
            self._rulebook_token = token
            self._assumptions = Assumptions.of(self.project.rulebook)
        return self._assumptions

    def _facts_of(
        self,
        building: Building,
        is_baseline: bool,
        baseline: Scenario,
        cache: dict[str, _Entry],
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
            base_entry = (self._cache(baseline.name) or {}).get(origin.id)
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
        cache: dict[str, _Entry],
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
        cache: dict[str, _Entry],
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

    def _scenario_facts(
        self,
        scenario: Scenario,
        baseline: Scenario,
        a: Assumptions,
        footprint_areas: NDArray[np.float64],
    ) -> tuple[
        list[BuildingFacts], list[str | None], list[int], NDArray[np.float64] | None
    ]:
        """Facts of every building (cached by identity), origins, fresh positions.

        ``footprint_areas`` are the areas of the scenario's footprints, in order.
        Last, the facts matrix when a cold pass made it with the facts (else
        ``None``).

        When the scenario holds the same ids as last time (and, for a scenario,
        the baseline has not changed since), only the building objects that are
        not the ones seen last time are looked at: the comparison runs at C speed.
        """
        cache = self._cache(scenario.name)
        if cache is None:
            cache = self._cached[scenario.name] = {}
        is_baseline = scenario is baseline
        keys = list(scenario.buildings)
        values = list(scenario.buildings.values())
        generation = 0 if is_baseline else self._baseline_generation
        snap = self._snapshots.get(scenario.name)
        rows: NDArray[np.float64] | None = None
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
                self._baseline_facts(baseline),
                a,
                footprint_areas,
            )
            facts, origins, rows = copy.facts, copy.origins, copy.matrix
            # (the cache is made from these when first looked up)
            self._pending[scenario.name] = (keys, values, copy.origin_buildings, facts)
            fresh = list(range(len(keys)))
        else:
            if is_baseline and not cache:
                # Cold baseline: nothing to look up, every building is its origin.
                batch = facts_batch(values, values, a, footprint_areas)
                facts, rows = batch.facts, batch.rows
                self._baseline_levels = batch.levels
                self._pending[scenario.name] = (keys, values, list(values), facts)
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
            self._baseline_generation += 1
        self._snapshots[scenario.name] = _Snapshot(
            keys, values, generation, facts, origins
        )
        return facts, origins, fresh, rows

    def _state(self, scenario: Scenario, baseline: Scenario, a: Assumptions) -> _State:
        site = self.project.site.boundary if self.project.site is not None else None
        ids = list(scenario.buildings)
        footprints = list(map(_FOOTPRINT, scenario.buildings.values()))
        old = self._states.get(scenario.name)
        # What to start from: this scenario's last state, else (a scenario seen for
        # the first time, typically a copy) the baseline's, whose footprint index,
        # ground measure and facts rows it mostly shares.
        template = old
        if template is None and scenario is not baseline:
            base = self._states.get(baseline.name)
            if base is not None and base.ids == ids:
                template = base
        if template is None:
            index = FootprintIndex(ids, footprints, site)
        elif template.index.same_footprints(ids, footprints, site):
            index = template.index
        else:
            index = template.index.derive(ids, footprints, site)
        # The index measured every footprint (same order): a cold pass reuses that.
        facts, origins, _, rows = self._scenario_facts(
            scenario, baseline, a, index.areas
        )
        rulebook = self.project.rulebook
        coefficients = cover_coefficients(rulebook)
        per_space = rulebook.number("assumptions", "parking_m2_per_space_gross")
        ground_key = (index, (coefficients, per_space), *scenario.cover.values())
        if template is not None and _same_ground(template, ground_key):
            ground = template.ground
        else:
            ground = ground_facts(
                list(scenario.cover.values()),
                index,
                site,
                coefficients,
                per_space,
            )
        if template is not None and template.ids == ids:
            fresh = list(compress(count(), map(is_not, facts, template.facts)))
            if (
                template is old
                and not fresh
                and old.index is index
                and old.ground is ground
                and old.origins == origins
            ):
                return old
            if fresh:
                matrix = template.matrix.copy()
                matrix[fresh] = (
                    rows[fresh]
                    if rows is not None
                    else facts_matrix([facts[p] for p in fresh])
                )
                totals = sum_facts(matrix)
            else:
                # The template's rows exactly (a copy of the baseline): shared, as
                # the facts are; matrices are never written in place.
                matrix, totals = template.matrix, template.totals
            # (Set operations at C speed: no Python step per flagged building.)
            still = set(template.flagged)
            still.difference_update(fresh)
            still.update(p for p in fresh if facts[p].issues > 0)
            flagged = sorted(still)
        else:
            matrix = rows if rows is not None else facts_matrix(facts)
            totals = sum_facts(matrix)
            flagged = (
                np.flatnonzero(matrix[:, COL_ISSUES] > 0).tolist()
                if len(matrix)
                else []
            )
        state = _State(
            ids, facts, origins, matrix, totals, index, ground, ground_key, flagged
        )
        self._states[scenario.name] = state
        return state

    def _outdated_changes(
        self, scenario: Scenario, baseline: Scenario
    ) -> tuple[str, ...]:
        """U02's outdated changes, in bulk, remembered while its inputs stay.

        The answer of :func:`~mixplan.model.scenario_edits.outdated_changes`.
        It depends on the change records, the origin of each changed building
        and the baseline's building objects: while the records are equal, the
        origins too and the baseline has not changed since (:meth:`_state` of
        the baseline ran just before), the last answer holds. Comparing them
        runs at C speed; the digests are not read again.
        """
        if scenario is baseline:
            return ()
        records = scenario.changed_from
        origins = list(
            map(_ORIGIN, map(scenario.buildings.get, records, repeat(_NO_BUILDING)))
        )
        memo = self._outdated.get(scenario.name)
        if (
            memo is not None
            and memo[0] == self._baseline_generation
            and memo[1] == records
            and memo[2] == origins
        ):
            return memo[3]
        # outdated_changes' answer, in bulk: a changed building whose origin is
        # in the baseline and whose digest is not the one recorded.
        origin_buildings = list(
            map(baseline.buildings.get, origins)  # type: ignore[arg-type]
        )
        changed = list(compress(count(), map(is_not, origin_buildings, repeat(None))))
        found_origins = cast(list[Building], origin_buildings)  # at ``changed``
        digests = map(building_digest, map(found_origins.__getitem__, changed))
        recorded = list(records.values())
        found = tuple(
            compress(
                map(list(records).__getitem__, changed),
                map(ne, digests, map(recorded.__getitem__, changed)),
            )
        )
        self._outdated[scenario.name] = (
            self._baseline_generation,
            dict(records),
            origins,
            found,
        )
        return found

    def evaluate(self, scenario_name: str) -> Evaluation:
        """Indicators, delta from the baseline, and findings of one scenario."""
        with collector_paused(keep=True):
            try:
                return self._evaluate(scenario_name)
            finally:
                # (held for one evaluation only: 100 MB at 100,000 buildings)
                self._baseline_levels = None

    def _evaluate(self, scenario_name: str) -> Evaluation:
        project = self.project
        a = self._check_rulebook()
        scenario = project.scenario(scenario_name)
        baseline = project.baseline
        base_state = self._state(baseline, baseline, a)
        state = (
            base_state if scenario is baseline else self._state(scenario, baseline, a)
        )
        key = (base_state, state, base_state.totals, state.totals)
        token = phasing_token(project, scenario)
        # U02 hangs on the scenario's change records, not on its facts: taking
        # the existing version back can leave every fact the same object.
        outdated = self._outdated_changes(scenario, baseline)
        # Findings name buildings by their names, which no fact holds: a renamed
        # building that keeps its origin's facts must still be worded anew.
        names = (
            list(map(_NAME, scenario.buildings.values())),
            list(map(_NAME, baseline.buildings.values())),
        )
        outdated_covers = outdated_cover_changes(project, scenario)
        cached = self._evaluations.get(scenario_name)
        if (
            cached is not None
            and all(x is y for x, y in zip(cached[0][:4], key, strict=True))
            and cached[0][4] == token
            and cached[0][5] == outdated
            and cached[0][6] == names
            and cached[0][7] == outdated_covers
        ):
            return cached[1]
        site_area = project.site_area_m2
        rb = project.rulebook
        base_grade = base_state.matrix[:, COL_GRADE]
        if base_state.baseline_indicators is None or base_state.baseline_flows is None:
            base_state.baseline_flows = productive_flows(
                np.arange(len(base_grade)), base_grade, base_grade, base_state.ids
            )
            base_state.baseline_indicators = scenario_indicators(
                base_state.totals,
                base_state.index,
                base_state.ground,
                site_area,
                rb,
                base_state.baseline_flows,
                base_state.totals.grade,
                None,
            )
        base_ind = base_state.baseline_indicators
        if state is base_state:
            flows, ind = base_state.baseline_flows, base_ind
        else:
            # None is never a key: a building with no origin maps to -1 (new).
            base_position: dict[str | None, int] = base_state.index.position  # type: ignore[assignment]
            origin_position = np.fromiter(
                map(base_position.get, state.origins, repeat(-1)),
                np.intp,
                len(state.origins),
            )
            flows = productive_flows(
                origin_position, state.matrix[:, COL_GRADE], base_grade, base_state.ids
            )
            ind = scenario_indicators(
                state.totals,
                state.index,
                state.ground,
                site_area,
                rb,
                flows,
                base_state.totals.grade,
                base_ind["artificialised_m2"],
            )
        phased = None
        if project.phases and state is not base_state:

            def phased() -> list[Finding]:
                return phasing_from_facts(
                    project,
                    scenario,
                    dict(zip(state.ids, state.facts, strict=True)),
                    dict(zip(base_state.ids, base_state.facts, strict=True)),
                ).findings

        # Findings of buildings whose facts and names are unchanged are the last
        # evaluation's (their distances to the site boundary too, if it stayed).
        site = project.site.boundary if project.site is not None else None
        previous = self._kept.get(scenario_name)
        kept = BuildingFindings(
            previous[1]
            if previous is not None and _same_site(previous[0], site)
            else None
        )
        self._kept[scenario_name] = (site, kept)
        ctx = Context(
            scenario.name,
            state is base_state,
            rb,
            state.facts,
            state.matrix,
            state.flagged,
            state.index,
            ind,
            base_ind,
            state.totals,
            base_state.totals,
            flows,
            state.ground,
            base_state.ground,
            outdated=outdated,
            phasing=phased,
            origins=state.origins,
            baseline_facts=base_state.facts,
            baseline_index=base_state.index,
            baseline_matrix=base_state.matrix,
            buildings=scenario.buildings,
            baseline_buildings=baseline.buildings,
            outdated_covers=outdated_covers,
            kept=kept,
        )
        evaluation = Evaluation(
            scenario.name, ind, indicator_delta(ind, base_ind), run_rules(ctx)
        )
        self._evaluations[scenario_name] = (
            (*key, token, outdated, names, outdated_covers),
            evaluation,
        )
        return evaluation

    def building_facts(self, scenario_name: str) -> dict[str, BuildingFacts]:
        """Each building's facts in a scenario, as its evaluation measured them.

        The scenario is evaluated if it is not up to date. Whoever needs
        per-building figures besides the indicators (the report's balance by
        class, the financial balance, the phasing page) reads them here rather
        than measuring every building again.

        Examples
        --------
        >>> from shapely.geometry import box
        >>> from mixplan.model import Building, Level, Project
        >>> p = Project.new("p")
        >>> p.baseline.buildings["a"] = Building(
        ...     "a", "Shed", box(0, 0, 20, 10), (Level.of(6, "warehouse"),))
        >>> round(Evaluator(p).building_facts("Existing")["a"].gfa_m2, 1)
        200.0
        """
        self.evaluate(scenario_name)
        state = self._states[scenario_name]
        return dict(zip(state.ids, state.facts, strict=True))


def evaluate(project: Project, scenario_name: str) -> Evaluation:
    """Evaluate one scenario of a project (DESIGN §8 Python API).

    Parameters
    ----------
    project
        The project.
    scenario_name
        A scenario name; the baseline is compared with itself (delta 0).

    Returns
    -------
    Evaluation
        ``indicators`` (keys of DESIGN §8), ``delta`` (scenario minus baseline),
        ``findings`` of every enabled rule.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Building, Level, Project, Site
    >>> p = Project.new("demo")
    >>> p.site = Site(box(0, 0, 100, 50))
    >>> p.baseline.buildings["a"] = Building(
    ...     "a", "Shed", box(10, 10, 30, 30), (Level.of(6, "warehouse"),))
    >>> round(evaluate(p, "Existing").indicators["far"], 4)
    0.0736
    """
    return Evaluator(project).evaluate(scenario_name)
