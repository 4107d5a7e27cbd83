"""The reference evaluation: every building from scratch, then plain sums.

:class:`~mixplan.engine.evaluator.Evaluator` is built for speed: facts cached per
building value and shared with the baseline, totals as column sums of a facts
matrix patched row by row, footprint indexes derived from the last one, ground
measures reused. This module computes the same :class:`Evaluation` with none of
that, as the oracle the incremental (and any faster) evaluator is tested
against:

1. every building's facts computed afresh (:func:`building_facts`, nothing
   cached, nothing shared between scenarios);
2. the scenario's totals summed field by field with :func:`math.fsum`;
3. kept / lost / gained productive floor area per baseline building through
   ``origin``, with dictionaries;
4. a new footprint index and a ground measure by plain overlays, one after
   another (:mod:`mixplan.engine.reference_ground`), then the same indicator formulas
   and rules as the Evaluator (those are the definitions, not an optimisation),
   except the rules the Evaluator makes as records over arrays (C03, C04, C05,
   C13, C14, C15, C21): those are written finding by finding
   (:mod:`mixplan.engine.reference_rules`).

Keep it simple: slow is fine, obviously correct is the point.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from mixplan.engine.context import Context
from mixplan.engine.facts import (
    PRODUCTIVE_USES,
    SDP_USES,
    Assumptions,
    BuildingFacts,
    building_facts,
)
from mixplan.engine.findings import Evaluation
from mixplan.engine.indicators import (
    ProductiveFlows,
    Totals,
    facts_matrix,
    indicator_delta,
    scenario_indicators,
)
from mixplan.engine.land import cover_coefficients
from mixplan.engine.phasing import phasing
from mixplan.engine.reference_ground import reference_ground_facts
from mixplan.engine.reference_rules import REFERENCE_CHECKS
from mixplan.engine.rules import run_rules
from mixplan.engine.spatial import FootprintIndex
from mixplan.model.cover_edits import outdated_cover_changes
from mixplan.model.project import Building, Project, Scenario
from mixplan.model.scenario_edits import outdated_changes

__all__ = ["reference_evaluate"]


def _facts(
    scenario: Scenario, baseline: Scenario, a: Assumptions
) -> list[BuildingFacts]:
    """Each building's facts, computed afresh; a baseline building is its origin."""
    out = []
    for building in scenario.buildings.values():
        origin: Building | None
        if scenario is baseline:
            origin = building
        elif building.origin is not None:
            origin = baseline.buildings.get(building.origin)
        else:
            origin = None
        out.append(building_facts(building, origin, a))
    return out


def _totals(facts: Sequence[BuildingFacts]) -> Totals:
    """The sums of a scenario's facts, field by field."""
    return Totals(
        gfa=math.fsum(f.gfa_m2 for f in facts),
        sdp=math.fsum(f.sdp_m2 for f in facts),
        sdp_by_use={
            use: math.fsum(f.sdp_by_use.get(use, 0.0) for f in facts)
            for use in SDP_USES
        },
        grade_by_use={
            use: math.fsum(f.grade_by_use.get(use, 0.0) for f in facts)
            for use in PRODUCTIVE_USES
        },
        grade=math.fsum(f.productive_grade_m2 for f in facts),
        non_grade=math.fsum(f.productive_non_grade_m2 for f in facts),
        unassigned_gfa=math.fsum(f.unassigned_gfa_m2 for f in facts),
        parking_supply=math.fsum(f.parking_supply for f in facts),
        pooled_parking=any(f.pooled_parking for f in facts),
        loading_bays=sum(f.loading_bays for f in facts),
        green_roof=math.fsum(f.green_roof_m2 for f in facts),
        max_height=max((f.height_m for f in facts), default=0.0),
    )


def _flows(
    scenario: Scenario,
    facts: Sequence[BuildingFacts],
    baseline: Scenario,
    base_facts: Sequence[BuildingFacts],
) -> ProductiveFlows:
    """Productive-grade SDP kept, lost and gained, per baseline building."""
    before = {
        bid: f.productive_grade_m2
        for bid, f in zip(baseline.buildings, base_facts, strict=True)
    }
    after = dict.fromkeys(before, 0.0)
    new = 0.0
    for building, f in zip(scenario.buildings.values(), facts, strict=True):
        origin = building.id if scenario is baseline else building.origin
        if origin is not None and origin in after:
            after[origin] += f.productive_grade_m2
        else:
            new += f.productive_grade_m2
    kept = math.fsum(min(before[b], after[b]) for b in before)
    lost_by = {b: before[b] - after[b] for b in before if before[b] > after[b]}
    gained = math.fsum(after[b] - before[b] for b in before if after[b] > before[b])
    return ProductiveFlows(kept, math.fsum(lost_by.values()), gained + new, lost_by)


def reference_evaluate(project: Project, scenario_name: str) -> Evaluation:
    """Evaluate a scenario with no cache at all (the oracle of the Evaluator).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Building, Level, Project, Site
    >>> p = Project.new("demo")
    >>> p.site = Site(box(0, 0, 100, 50))
    >>> p.baseline.buildings["a"] = Building(
    ...     "a", "Shed", box(10, 10, 30, 30), (Level.of(6, "warehouse"),))
    >>> round(reference_evaluate(p, "Existing").indicators["far"], 4)
    0.0736
    """
    rb = project.rulebook
    a = Assumptions.of(rb)
    baseline = project.baseline
    scenario = project.scenario(scenario_name)
    site = project.site.boundary if project.site is not None else None
    coefficients = cover_coefficients(rb)
    per_space = rb.number("assumptions", "parking_m2_per_space_gross")
    site_area = project.site_area_m2

    def measured(s: Scenario) -> tuple[list[BuildingFacts], Totals, FootprintIndex]:
        facts = _facts(s, baseline, a)
        index = FootprintIndex(
            list(s.buildings), [b.footprint for b in s.buildings.values()], site
        )
        return facts, _totals(facts), index

    base_facts, base_totals, base_index = measured(baseline)
    base_ground = reference_ground_facts(
        list(baseline.cover.values()), base_index, site, coefficients, per_space
    )
    base_flows = _flows(baseline, base_facts, baseline, base_facts)
    base_ind = scenario_indicators(
        base_totals, base_index, base_ground, site_area, rb, base_flows,
        base_totals.grade, None,
    )  # fmt: skip
    if scenario is baseline:
        facts, totals, index = base_facts, base_totals, base_index
        ground, flows, ind = base_ground, base_flows, base_ind
    else:
        facts, totals, index = measured(scenario)
        ground = reference_ground_facts(
            list(scenario.cover.values()), index, site, coefficients, per_space
        )
        flows = _flows(scenario, facts, baseline, base_facts)
        ind = scenario_indicators(
            totals, index, ground, site_area, rb, flows, base_totals.grade,
            base_ind["artificialised_m2"],
        )  # fmt: skip
    flagged = [p for p, f in enumerate(facts) if f.issues > 0]
    ctx = Context(
        scenario.name, scenario is baseline, rb, facts, facts_matrix(facts), flagged,
        index, ind, base_ind, totals, base_totals, flows, ground, base_ground,
        outdated_changes(project, scenario),
        # C12 from its own fresh computation of every building (DESIGN §16).
        (lambda: phasing(project, scenario.name).findings)
        if project.phases and scenario is not baseline else None,
        [b.origin for b in scenario.buildings.values()], base_facts, base_index,
        scenario.buildings, baseline.buildings,
        outdated_cover_changes(project, scenario),
    )  # fmt: skip
    # The rules the engine makes as records, written finding by finding.
    findings = run_rules(ctx, REFERENCE_CHECKS)
    return Evaluation(scenario.name, ind, indicator_delta(ind, base_ind), findings)
