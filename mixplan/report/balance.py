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

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mixplan.model import USES, Family, Project

if TYPE_CHECKING:
    from mixplan.engine.facts import BuildingFacts

__all__ = ["ClassBalance", "class_flows", "productive_balance"]

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


def productive_balance(
    project: Project,
    scenario_name: str,
    facts: Mapping[str, BuildingFacts] | None = None,
    baseline_facts: Mapping[str, BuildingFacts] | None = None,
) -> list[ClassBalance]:
    """Kept / lost / gained productive-grade SDP per productive class.

    Classes with no floor area in the baseline nor in the scenario are left out.

    Parameters
    ----------
    project
        The project; its first scenario is the baseline.
    scenario_name
        The scenario compared with the baseline.
    facts, baseline_facts
        The engine's facts of the scenario's and of the baseline's buildings, by
        id (:meth:`Evaluator.building_facts`), when already measured; measured
        here otherwise.

    Returns
    -------
    list of ClassBalance
        In taxonomy order.
    """
    from mixplan.engine.facts import Assumptions, building_facts

    assumptions = Assumptions.of(project.rulebook)
    baseline = project.baseline
    scenario = project.scenario(scenario_name)
    if baseline_facts is None:
        baseline_facts = {
            bid: building_facts(b, b, assumptions)
            for bid, b in baseline.buildings.items()
        }
    if scenario is baseline:
        facts = baseline_facts
    elif facts is None:
        facts = {
            bid: building_facts(
                b, baseline.buildings.get(b.origin) if b.origin else None, assumptions
            )
            for bid, b in scenario.buildings.items()
        }
    # One pass over the buildings, class by class only where a class is: the
    # same sums as class_flows over every building (a building with none of
    # a class adds exact zeros), in the same order, so the same figures.
    position: dict[str, int] = {}
    before: dict[str, dict[str, float]] = {use: {} for use in PRODUCTIVE_CLASSES}
    for bid, f in baseline_facts.items():
        position[bid] = len(position)
        for use, m2 in f.grade_by_use.items():
            if use in before:
                before[use][bid] = m2
    followed: dict[str, dict[str, float]] = {use: {} for use in PRODUCTIVE_CLASSES}
    new = dict.fromkeys(PRODUCTIVE_CLASSES, 0.0)
    for bid, b in scenario.buildings.items():
        # A baseline building continues itself; elsewhere only through origin.
        origin = bid if scenario is baseline else b.origin
        for use, m2 in facts[bid].grade_by_use.items():
            if use not in new:
                continue
            if origin is not None and origin in position:
                into = followed[use]
                into[origin] = into.get(origin, 0.0) + m2
            else:
                new[use] += m2
    rows = []
    for use in PRODUCTIVE_CLASSES:
        was_by, now_by = before[use], followed[use]
        kept = lost = gained = 0.0
        for bid in sorted(was_by.keys() | now_by.keys(), key=position.__getitem__):
            was, now = was_by.get(bid, 0.0), now_by.get(bid, 0.0)
            kept += min(was, now)
            lost += max(0.0, was - now)
            gained += max(0.0, now - was)
        row = ClassBalance(use, sum(was_by.values()), kept, lost, gained + new[use])
        if row.before_m2 <= 0 and row.after_m2 <= 0:
            continue
        rows.append(row)
    return rows


def class_flows(
    use: str, before: dict[str, float], after: list[tuple[str | None, float]]
) -> ClassBalance:
    """Kept, lost and gained of one class (DESIGN §9, applied to one class).

    ``before`` maps baseline building ids to their SDP of the class; ``after``
    lists ``(origin, SDP)`` of the scenario buildings (origin ``None`` = new).

    Examples
    --------
    A hall of 100 m² split in two of 60 and 30 m², and a new 20 m² workshop:

    >>> r = class_flows("craft", {"a": 100.0}, [("a", 60.0), ("a", 30.0),
    ...                                          (None, 20.0)])
    >>> r.kept_m2, r.lost_m2, r.gained_m2
    (90.0, 10.0, 20.0)
    """
    followed: dict[str, float] = {}
    new = 0.0
    for origin, m2 in after:
        if origin is not None and origin in before:
            followed[origin] = followed.get(origin, 0.0) + m2
        else:
            new += m2
    kept = lost = gained = 0.0
    for bid, was in before.items():
        now = followed.get(bid, 0.0)
        kept += min(was, now)
        lost += max(0.0, was - now)
        gained += max(0.0, now - was)
    return ClassBalance(use, sum(before.values()), kept, lost, gained + new)
