"""The productive balance by class: kept, lost and gained per productive use.

The engine gives the totals (``productive_kept_m2`` …); the report also shows
them class by class, with the same definitions (DESIGN §9) applied to each
productive class on its own: per baseline building b, before = b's
productive-grade SDP of the class, after = that of the scenario buildings whose
origin is b. Productive grade (C13) comes from the engine's per-building facts,
so a level the engine excludes is excluded here too. A building turned from
craft to industry therefore shows craft lost and industry gained, while its
total is kept: the class rows explain the total, they do not sum to its kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from mixplan.model import USES, Family, Project

__all__ = ["ClassBalance", "productive_balance"]

PRODUCTIVE_CLASSES: tuple[str, ...] = tuple(
    code for code, u in USES.items() if u.family is Family.PRODUCTIVE
)


@dataclass(frozen=True)
class ClassBalance:
    """Productive-grade SDP of one class: before, kept, lost, gained, after."""

    use: str
    before_m2: float
    kept_m2: float
    lost_m2: float
    gained_m2: float

    @property
    def after_m2(self) -> float:
        return self.kept_m2 + self.gained_m2


def productive_balance(project: Project, scenario_name: str) -> list[ClassBalance]:
    """Kept / lost / gained productive-grade SDP per productive class.

    Classes with no floor area in the baseline nor in the scenario are left out.

    Parameters
    ----------
    project
        The project; its first scenario is the baseline.
    scenario_name
        The scenario compared with the baseline.

    Returns
    -------
    list of ClassBalance
        In taxonomy order.
    """
    from mixplan.engine.facts import Assumptions, building_facts
    from mixplan.engine.indicators import productive_flows

    assumptions = Assumptions.of(project.rulebook)
    baseline = project.baseline
    scenario = project.scenario(scenario_name)
    before = {
        b.id: building_facts(b, b, assumptions).grade_by_use
        for b in baseline.buildings.values()
    }
    after = []
    for b in scenario.buildings.values():
        origin = baseline.buildings.get(b.origin) if b.origin else None
        if scenario is baseline:
            origin = b
        facts = building_facts(b, origin, assumptions)
        # A baseline building continues itself; elsewhere only through origin.
        key = b.id if scenario is baseline else b.origin
        after.append((key, facts.grade_by_use))
    rows = []
    for use in PRODUCTIVE_CLASSES:
        base = {bid: grades.get(use, 0.0) for bid, grades in before.items()}
        flows = productive_flows(((k, g.get(use, 0.0)) for k, g in after), base)
        total_before = sum(base.values())
        if total_before <= 0 and flows.kept + flows.gained <= 0:
            continue
        rows.append(ClassBalance(use, total_before, flows.kept, flows.lost,
                                 flows.gained))
    return rows
