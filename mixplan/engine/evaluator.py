"""Evaluate scenarios, incrementally: per-building caches, cheap site aggregates.

Buildings are immutable values that edit commands swap whole (DESIGN §3), so a
cached :class:`~mixplan.engine.facts.BuildingFacts` stays valid exactly as long as
the scenario holds the same building object (and the same baseline building it
continues). The evaluator checks that identity on every call, so it is correct
even if nobody calls :meth:`Evaluator.invalidate`; ``invalidate`` drops what a
:class:`~mixplan.model.commands.Change` touched so memory does not pile up and
renamed scenarios keep their caches. The footprint STRtree is rebuilt only when a
footprint is added, removed or moved; ground cover is re-measured only when cover,
footprints or the site change; a rulebook change drops everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mixplan.engine.context import Context
from mixplan.engine.facts import Assumptions, BuildingFacts, building_facts
from mixplan.engine.findings import Evaluation
from mixplan.engine.indicators import (
    Totals,
    indicator_delta,
    productive_flows,
    scenario_indicators,
    sum_facts,
)
from mixplan.engine.land import GroundFacts, cover_coefficients, ground_facts
from mixplan.engine.rules import run_rules
from mixplan.engine.spatial import FootprintIndex
from mixplan.model.commands import Change
from mixplan.model.project import Building, Project, Scenario

__all__ = ["Evaluator", "evaluate"]

_Entry = tuple[Building, Building | None, BuildingFacts]


@dataclass(slots=True)
class _State:
    """The evaluated parts of one scenario, reused while nothing changed."""

    facts: list[BuildingFacts]
    origins: list[str | None]
    totals: Totals
    index: FootprintIndex
    ground: GroundFacts
    ground_key: tuple[Any, ...]


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
        self._facts: dict[str, dict[str, _Entry]] = {}
        self._states: dict[str, _State] = {}
        self._evaluations: dict[str, tuple[tuple[object, ...], Evaluation]] = {}
        self._rulebook_token: frozenset[Any] | None = None
        self._assumptions: Assumptions | None = None

    def invalidate(self, change: Change) -> None:
        """Forget what ``change`` touched (identity checks catch the rest)."""
        if change.renamed is not None:
            old, new = change.renamed
            for cache in (self._facts, self._states, self._evaluations):
                if old in cache:
                    cache[new] = cache.pop(old)  # type: ignore[index]
        if change.everything or change.rulebook or change.site:
            self.clear()
            return
        if change.scenario is None:
            return
        self._evaluations.pop(change.scenario, None)
        entries = self._facts.get(change.scenario)
        if entries is not None:
            for bid in change.buildings:
                entries.pop(bid, None)
        if self.project.scenarios and change.scenario == self.project.baseline.name:
            # Every scenario is compared with the baseline.
            self._evaluations.clear()

    def clear(self) -> None:
        """Drop every cache."""
        self._facts.clear()
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

    def _scenario_facts(
        self, scenario: Scenario, baseline: Scenario, a: Assumptions
    ) -> tuple[list[BuildingFacts], list[str | None]]:
        cache = self._facts.setdefault(scenario.name, {})
        is_baseline = scenario is baseline
        base = baseline.buildings
        facts: list[BuildingFacts] = []
        origins: list[str | None] = []
        for bid, b in scenario.buildings.items():
            if is_baseline:
                origin_id: str | None = bid
                origin: Building | None = b
            else:
                origin_id = b.origin
                origin = base.get(origin_id) if origin_id is not None else None
            entry = cache.get(bid)
            if entry is None or entry[0] is not b or entry[1] is not origin:
                entry = (b, origin, building_facts(b, origin, a))
                cache[bid] = entry
            facts.append(entry[2])
            origins.append(origin_id)
        if len(cache) > len(scenario.buildings):
            for gone in set(cache) - set(scenario.buildings):
                del cache[gone]
        return facts, origins

    def _state(self, scenario: Scenario, baseline: Scenario, a: Assumptions) -> _State:
        facts, origins = self._scenario_facts(scenario, baseline, a)
        old = self._states.get(scenario.name)
        site = self.project.site.boundary if self.project.site is not None else None
        footprints = [b.footprint for b in scenario.buildings.values()]
        if old is not None and old.index.same_footprints(footprints, site):
            index = old.index
        else:
            index = FootprintIndex(list(scenario.buildings), footprints, site)
        coefficient = self.project.rulebook.number("assumptions", "cbs_green_on_slab")
        ground_key = (index, coefficient, *scenario.cover.values())
        if (old is not None and len(old.ground_key) == len(ground_key)
                and all(x is y for x, y in zip(old.ground_key, ground_key,
                                               strict=True))):
            ground = old.ground
        else:
            ground = ground_facts(list(scenario.cover.values()), index, site,
                                  cover_coefficients(coefficient))
        if (old is not None and old.index is index and old.ground is ground
                and len(old.facts) == len(facts)
                and all(x is y for x, y in zip(old.facts, facts, strict=True))
                and old.origins == origins):
            return old
        state = _State(facts, origins, sum_facts(facts), index, ground, ground_key)
        self._states[scenario.name] = state
        return state

    def evaluate(self, scenario_name: str) -> Evaluation:
        """Indicators, delta from the baseline, and findings of one scenario."""
        project = self.project
        a = self._check_rulebook()
        scenario = project.scenario(scenario_name)
        baseline = project.baseline
        base_state = self._state(baseline, baseline, a)
        state = (base_state if scenario is baseline
                 else self._state(scenario, baseline, a))
        key = (base_state, state, base_state.totals, state.totals)
        cached = self._evaluations.get(scenario_name)
        if cached is not None and all(
            x is y for x, y in zip(cached[0], key, strict=True)
        ):
            return cached[1]
        site_area = project.site_area_m2
        rb = project.rulebook
        base_grade = {f.id: f.productive_grade_m2 for f in base_state.facts}
        base_flows = productive_flows(
            ((f.id, f.productive_grade_m2) for f in base_state.facts), base_grade)
        base_ind = scenario_indicators(
            base_state.totals, base_state.index, base_state.ground, site_area, rb,
            base_flows, base_state.totals.grade, None)
        if state is base_state:
            flows, ind = base_flows, base_ind
        else:
            flows = productive_flows(
                zip(state.origins, (f.productive_grade_m2 for f in state.facts),
                    strict=True),
                base_grade)
            ind = scenario_indicators(
                state.totals, state.index, state.ground, site_area, rb, flows,
                base_state.totals.grade, base_ind["artificialised_m2"])
        ctx = Context(scenario.name, state is base_state, rb, state.facts,
                      state.index, ind, base_ind, state.totals, base_state.totals,
                      flows, state.ground, base_state.ground)
        evaluation = Evaluation(scenario.name, ind, indicator_delta(ind, base_ind),
                                run_rules(ctx))
        self._evaluations[scenario_name] = (key, evaluation)
        return evaluation


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
