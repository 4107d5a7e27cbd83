"""The evaluated parts of one scenario, reused while nothing they hold changed.

A :class:`ScenarioState` holds a scenario's facts, facts matrix and totals, its
footprint index and ground measure. :func:`scenario_state` makes the next one
from the last: the footprint STRtree is rebuilt only when a footprint is added,
removed or moved (:meth:`FootprintIndex.derive
<mixplan.engine.spatial.FootprintIndex.derive>`); ground cover is re-measured only
when cover, footprints or the site change; the matrix rows are replaced only for
the buildings whose facts changed. A scenario seen for the first time (typically
a copy of the baseline) starts from the baseline's state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress, count
from operator import attrgetter, is_not
from typing import Any

import numpy as np
from numpy.typing import NDArray
from shapely import STRtree

from mixplan.engine.facts import COL_ISSUES, BuildingFacts
from mixplan.engine.indicators import ProductiveFlows, Totals, facts_matrix, sum_facts
from mixplan.engine.land import GroundFacts, cover_coefficients, ground_facts
from mixplan.engine.spatial import FootprintIndex
from mixplan.model.project import Project, Scenario

__all__ = ["FactsFor", "ScenarioState", "no_pause", "same_ground", "scenario_state"]

#: The facts of a scenario's buildings from their footprint index (its areas,
#: the positions of its ids): the facts, origin ids, positions measured afresh,
#: and the facts matrix when a cold pass made it with them
#: (:meth:`~mixplan.engine.facts_cache.FactsCache.scenario_facts`).
FactsFor = Callable[
    [FootprintIndex],
    tuple[list[BuildingFacts], list[str | None], list[int], NDArray[np.float64] | None],
]
_FOOTPRINT = attrgetter("footprint")


@dataclass(slots=True)
class ScenarioState:
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


def same_ground(old: ScenarioState, key: tuple[Any, ...]) -> bool:
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
    # Whether a moved shape meets a cover, each on its own: their union (what
    # it meets is what one of them meets) took 1.5 s after a turn of 9,167.
    covers = STRtree([c.geometry for c in key[2:]])
    return not covers.query(index.moved_geoms, predicate="intersects").size


def no_pause() -> None:
    """No pause (the ``pause`` of an evaluation nobody waits for)."""


def _overlaid_many(index: FootprintIndex) -> bool:
    """Whether a fresh index of mostly these footprints would overlay many.

    Footprints across the site's edge (intersected with the site) and
    overlapping ones (intersected, merged): a derived index keeps what this
    one measured of them, but looks up every building (~0.35 µs each, ~3 ms
    at 10,000); an overlay costs ~10-25 µs. Footprints all in the site and
    apart are measured afresh sooner than looked up.
    """
    cut = 0
    if index.site is not None:
        cut = int(np.count_nonzero(index.in_site_areas != index.areas))
    return (cut + len(index.overlaps)) * 64 > len(index.ids)


def scenario_state(
    scenario: Scenario,
    project: Project,
    old: ScenarioState | None,
    baseline_state: ScenarioState | None,
    facts_for: FactsFor,
    pause: Callable[[], object] | None = None,
) -> ScenarioState:
    """The state of ``scenario``, from its last one (``old``) where it can.

    ``baseline_state``: the baseline's state for a scenario (``None`` for the
    baseline itself). ``facts_for`` gives the facts of the scenario's buildings
    from their footprint index (:meth:`FactsCache.scenario_facts
    <mixplan.engine.facts_cache.FactsCache.scenario_facts>`). ``old`` is
    returned as it is when nothing it holds changed. ``pause`` is called after
    each of its steps (the footprint index, the facts, the ground measure; see
    ``Evaluator.evaluate``): after a whole-park move they are one stretch of
    ~200 ms of CPU, the longest of an evaluation, without.
    """
    step = pause or no_pause
    site = project.site.boundary if project.site is not None else None
    ids = list(scenario.buildings)
    footprints = list(map(_FOOTPRINT, scenario.buildings.values()))
    # What to start from: this scenario's last state, else (a scenario seen for
    # the first time, typically a copy) the baseline's, whose footprint index,
    # ground measure and facts rows it mostly shares.
    template = old
    if template is None and baseline_state is not None:
        if baseline_state.ids == ids:
            template = baseline_state
    if (
        template is None
        and baseline_state is not None
        and _overlaid_many(baseline_state.index)
    ):
        # Other buildings than the baseline's (some demolished or built): its
        # index still measured the footprints the scenario kept.
        index = baseline_state.index.derive(ids, footprints, site)
    elif template is None:
        index = FootprintIndex(ids, footprints, site)
    elif template.index.same_footprints(ids, footprints, site):
        index = template.index
    else:
        index = template.index.derive(ids, footprints, site)
    step()
    # The index measured every footprint (same order): a cold pass reuses that.
    facts, origins, _, rows = facts_for(index)
    step()
    rulebook = project.rulebook
    coefficients = cover_coefficients(rulebook)
    per_space = rulebook.number("assumptions", "parking_m2_per_space_gross")
    ground_key = (index, (coefficients, per_space), *scenario.cover.values())
    if template is not None and same_ground(template, ground_key):
        ground = template.ground
    else:
        ground = ground_facts(
            list(scenario.cover.values()),
            index,
            site,
            coefficients,
            per_space,
        )
    step()
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
            np.flatnonzero(matrix[:, COL_ISSUES] > 0).tolist() if len(matrix) else []
        )
    return ScenarioState(
        ids, facts, origins, matrix, totals, index, ground, ground_key, flagged
    )
