"""Evaluate scenarios, incrementally: per-building caches, cheap site aggregates.

The evaluator keeps, between calls, each building's facts by building object
(:mod:`mixplan.engine.facts_cache`), each scenario's state (facts matrix,
footprint index, ground measure: :mod:`mixplan.engine.scenario_state`), each
building's findings while its facts, name and site stay, U02's answer while its
inputs stay, and the last evaluation of each scenario. Identity checks make it
correct even if nobody calls :meth:`Evaluator.invalidate`; ``invalidate`` drops
what a :class:`~mixplan.model.commands.Change` touched so memory does not pile
up and renamed scenarios keep their caches; a rulebook change drops everything.

An Evaluator is not thread-safe: use it from one thread at a time, and do not
edit the project while it evaluates. Evaluations it returns are cached and
shared between calls: treat them as read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import repeat
from operator import attrgetter
from types import SimpleNamespace
from typing import Any

import numpy as np

from mixplan.engine.context import BuildingFindings, Context
from mixplan.engine.digest_rows import DigestStore, digests_from_rows
from mixplan.engine.facts import COL_GRADE, Assumptions, BuildingFacts
from mixplan.engine.facts_cache import Entry, FactsCache
from mixplan.engine.findings import Evaluation, Finding
from mixplan.engine.indicators import (
    indicator_delta,
    productive_flows,
    scenario_indicators,
)
from mixplan.engine.phasing import phasing_from_facts, phasing_token
from mixplan.engine.rules import run_rules
from mixplan.engine.scenario_state import ScenarioState, no_pause, scenario_state
from mixplan.engine.spatial import FootprintIndex
from mixplan.gc_pause import collector_paused
from mixplan.heap_kept import keep_heap
from mixplan.huge_pages import huge_pages_unasked
from mixplan.model.commands import Change
from mixplan.model.cover_edits import outdated_cover_changes
from mixplan.model.project import Building, Project, Scenario
from mixplan.model.sameness import Digest, building_digests
from mixplan.model.scenario_edits import outdated_changes

__all__ = ["Evaluator", "evaluate"]

_ORIGIN = attrgetter("origin")
#: Stands for a building a scenario does not hold: no origin.
_NO_BUILDING = SimpleNamespace(origin=None)
_NAME = attrgetter("name")


def _same_site(kept: object, site: object) -> bool:
    """Whether findings kept for one site boundary hold for ``site`` (C05 gaps)."""
    return kept is site


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
        #: Each building's facts by scenario, kept by building object.
        self._facts_cache = FactsCache()
        self._states: dict[str, ScenarioState] = {}
        self._evaluations: dict[str, tuple[tuple[object, ...], Evaluation]] = {}
        #: Findings of each building kept by scenario, with the site they hold for.
        self._kept: dict[str, tuple[object, BuildingFindings]] = {}
        #: U02's last answer by scenario, with what it was computed from.
        self._outdated: dict[
            str, tuple[int, dict[str, Digest], list[str | None], tuple[str, ...]]
        ] = {}
        #: The digests U02 made of baseline buildings, by object.
        self._digests = DigestStore()
        self._rulebook_token: frozenset[Any] | None = None
        self._assumptions: Assumptions | None = None

    def invalidate(self, change: Change) -> None:
        """Forget what ``change`` touched (identity checks catch the rest)."""
        if change.renamed is not None:
            old, new = change.renamed
            self._facts_cache.rename(old, new)
            caches: tuple[dict[str, Any], ...] = (
                self._states,
                self._evaluations,
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
            entries = self._facts_cache.cache(name)
            if entries is not None:
                for bid in change.buildings:
                    entries.pop(bid, None)
        if self.project.scenarios and change.scenario == self.project.baseline.name:
            # Every scenario is compared with the baseline.
            self._evaluations.clear()

    def clear(self) -> None:
        """Drop every cache."""
        self._facts_cache.clear()
        self._kept.clear()
        self._outdated.clear()
        self._digests.clear()
        self._states.clear()
        self._evaluations.clear()
        self._assumptions = None

    def _check_rulebook(self) -> Assumptions:
        token = frozenset(self.project.rulebook.values.items())
        if token != self._rulebook_token or self._assumptions is None:
            self.clear()
            self._rulebook_token = token
            self._assumptions = Assumptions.of(self.project.rulebook)
        return self._assumptions

    def _state(
        self,
        scenario: Scenario,
        baseline: Scenario,
        a: Assumptions,
        pause: Callable[[], object] | None,
    ) -> ScenarioState:
        """The scenario's state, made from its last one where it can.

        ``pause`` is called between its steps (see :func:`scenario_state`).
        """
        base = None if scenario is baseline else self._states.get(baseline.name)

        def facts_for(index: FootprintIndex) -> Any:
            return self._facts_cache.scenario_facts(
                scenario, baseline, a, index.areas, base
            )

        state = scenario_state(
            scenario,
            self.project,
            self._states.get(scenario.name),
            base,
            facts_for,
            pause,
        )
        self._states[scenario.name] = state
        return state

    @property
    def _facts(self) -> dict[str, dict[str, Entry]]:
        """Every scenario's facts cache, the pending ones made (for inspection)."""
        return self._facts_cache.every

    def _outdated_changes(
        self, scenario: Scenario, baseline: Scenario
    ) -> tuple[str, ...]:
        """:func:`outdated_changes`, remembered while its inputs stay (U02).

        Its answer depends on the change records, the origin of each changed
        building and the baseline's building objects: while the records are
        equal, the origins too and the baseline has not changed since
        (:meth:`_state` of the baseline ran just before), the last answer holds.
        Comparing them runs at C speed; the digests are not read again.
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
            and memo[0] == self._facts_cache.baseline_generation
            and memo[1] == records
            and memo[2] == origins
        ):
            return memo[3]
        rows = self._facts_cache.baseline_levels
        make: Callable[[list[Building]], list[str]] = building_digests
        if rows is not None:
            # (the baseline's cold pass has read its levels: the digests of
            # the changed buildings' origins are made from those rows, where
            # the origins are the very buildings read; its footprint index
            # numbers the same ids, in the same order, as the rows)
            base_index = self._states[baseline.name].index
            make = partial(
                digests_from_rows,
                rows=rows,
                read=self._facts_cache.baseline_read,
                row_of_id=(base_index.position if base_index.ids == rows.ids else None),
            )
        found = outdated_changes(
            self.project,
            scenario,
            partial(self._digests.digests, make=make, baseline=baseline.buildings),
            origins,
        )
        self._outdated[scenario.name] = (
            self._facts_cache.baseline_generation,
            dict(records),
            origins,
            found,
        )
        return found

    def evaluate(
        self, scenario_name: str, pause: Callable[[], object] | None = None
    ) -> Evaluation:
        """Indicators, delta from the baseline, and findings of one scenario.

        ``pause`` is called between the evaluation's steps (the baseline's
        state, the scenario's, the indicators, each rule): a caller sharing the
        interpreter with a thread that must not wait (the editor's) may wait
        in it. It must not change the project; the evaluation is the same.
        """
        # (its arrays reuse the memory the last ones freed: mixplan.heap_kept)
        keep_heap()
        with collector_paused(keep=True), huge_pages_unasked():
            try:
                return self._evaluate(scenario_name, pause)
            finally:
                self._facts_cache.release_levels(self.project.scenarios)

    def _evaluate(
        self, scenario_name: str, pause: Callable[[], object] | None
    ) -> Evaluation:
        step = pause or no_pause  # (the rules are given the caller's)
        project = self.project
        a = self._check_rulebook()
        scenario = project.scenario(scenario_name)
        baseline = project.baseline
        base_state = self._state(baseline, baseline, a, pause)
        step()
        state = (
            base_state
            if scenario is baseline
            else self._state(scenario, baseline, a, pause)
        )
        step()
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
        origin_position = None
        if state is base_state:
            flows, ind = base_state.baseline_flows, base_ind
        else:
            # (as the scenario's copy found them, when it did)
            origin_position = self._facts_cache.origin_positions(
                state.origins, base_state.index.ids
            )
            if origin_position is None:
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
            origin_positions=origin_position,
            buildings=scenario.buildings,
            baseline_buildings=baseline.buildings,
            outdated_covers=outdated_covers,
            kept=kept,
        )
        step()
        findings = run_rules(ctx, pause=pause)
        evaluation = Evaluation(
            scenario.name, ind, indicator_delta(ind, base_ind), findings
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
