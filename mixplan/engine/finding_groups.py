"""Findings grouped by rule, for projects with tens of thousands of them.

A 10,000-building business park easily gives 40,000 findings; a flat list of them
is unreadable. :func:`group_findings` gathers them by rule and severity, with how
many there are, the floor area they concern and, in each group, the worst first
(the finding concerning the most floor area). It only orders positions in the
evaluation's list: messages are formatted by whoever shows them.

Floor area concerned (gross, m²): for a target ``"building#position"`` the gross
area of that level (its own polygon, else the footprint); for a building id the
building's gross floor area (all its levels); ``"site"`` concerns no particular
floor area. A group counts each target once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import shapely

from mixplan.engine.finding_records import rules_of, severities_of, targets_of
from mixplan.engine.findings import Finding, Severity
from mixplan.model.project import Scenario

__all__ = [
    "FindingGroup",
    "FindingsIndex",
    "findings_by_building",
    "group_findings",
    "target_building",
]

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class FindingGroup:
    """The findings of one rule at one severity, the worst first.

    ``positions`` index the evaluation's ``findings``; ``areas_m2`` is the floor
    area each concerns (same order); ``buildings`` are the distinct buildings
    the group is about, in the order of ``positions``.
    """

    rule: str
    severity: Severity
    positions: tuple[int, ...]
    areas_m2: tuple[float, ...]
    floor_area_m2: float
    buildings: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.positions)


@dataclass(frozen=True, slots=True)
class FindingsIndex:
    """An evaluation's findings grouped by rule, and their positions per building."""

    groups: list[FindingGroup]
    by_building: dict[str, list[int]]

    @property
    def error_count(self) -> int:
        return sum(g.count for g in self.groups if g.severity == "error")

    def error_buildings(self) -> set[str]:
        """Buildings named by at least one error finding."""
        out: set[str] = set()
        for group in self.groups:
            if group.severity == "error":
                out.update(group.buildings)
        return out


def target_building(target: str) -> str | None:
    """The building a target names (``"b1#2"`` is level 2 of ``b1``), else None.

    Examples
    --------
    >>> target_building("b1#2"), target_building("b3"), target_building("site")
    ('b1', 'b3', None)
    """
    building = target.split("#", 1)[0]
    return None if not building or building == "site" else building


def findings_by_building(findings: Sequence[Finding]) -> dict[str, list[int]]:
    """Positions of the findings about each building (a level's count for it).

    Examples
    --------
    >>> found = [Finding("C13", "warning", "a", targets=("b1#0", "b1#1")),
    ...          Finding("C03", "error", "b", targets=("b2", "site"))]
    >>> findings_by_building(found)
    {'b1': [0], 'b2': [1]}
    """
    index: dict[str, list[int]] = {}
    for position, targets in enumerate(targets_of(findings)):
        if len(targets) == 1:  # (most findings: one level or one building)
            building = target_building(targets[0])
            if building is not None:
                index.setdefault(building, []).append(position)
            continue
        named = {target_building(t) for t in targets}
        named.discard(None)
        for building in sorted(named):  # type: ignore[type-var]
            index.setdefault(building, []).append(position)  # type: ignore[arg-type]
    return index


def _target_areas(
    targets: set[str], scenario: Scenario
) -> tuple[dict[str, float], dict[str, str | None]]:
    """Gross floor area of every target, and the building each names.

    The site and unknown ids concern no floor area (0).
    """
    buildings = scenario.buildings
    owner = {t: target_building(t) for t in targets}
    named = sorted({b for b in owner.values() if b in buildings})
    footprints = dict(
        zip(
            named,
            shapely.area([buildings[b].footprint for b in named]).tolist(),
            strict=True,
        )
    )
    own: dict[tuple[str, int], object] = {}
    for bid in named:
        for position, level in enumerate(buildings[bid].levels):
            if level.polygon is not None:
                own[(bid, position)] = level.polygon
    own_areas = dict(zip(own, shapely.area(list(own.values())).tolist(), strict=True))

    def level_area(building_id: str, position: int) -> float:
        return own_areas.get((building_id, position), footprints[building_id])

    areas: dict[str, float] = {}
    for target, owner_id in owner.items():
        if owner_id is None or owner_id not in footprints:
            areas[target] = 0.0
            continue
        suffix = target[len(owner_id) + 1 :]
        count = len(buildings[owner_id].levels)
        if suffix.isdigit() and int(suffix) < count:
            areas[target] = level_area(owner_id, int(suffix))
        else:
            areas[target] = sum(level_area(owner_id, p) for p in range(count))
    return areas, owner


def group_findings(
    findings: Sequence[Finding], scenario: Scenario, rule_order: Sequence[str] = ()
) -> list[FindingGroup]:
    """Group findings by (rule, severity): errors first, then warnings, then notes.

    Parameters
    ----------
    findings
        The findings of one evaluation of ``scenario``.
    scenario
        The scenario evaluated (for the floor areas of the targets).
    rule_order
        Rule ids in the order groups of one severity are listed; rules not in it
        come after, by id.

    Returns
    -------
    list of FindingGroup
        Each group's findings ordered by the floor area they concern, largest
        first, then by position in ``findings``.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Building, Level, Scenario
    >>> s = Scenario.of("S", [Building("a", "", box(0, 0, 10, 10),
    ...                                (Level.of(3, "craft"), Level.of(3, "craft")))])
    >>> found = [Finding("C13", "warning", "low", targets=("a#1",)),
    ...          Finding("C03", "error", "high", targets=("a",))]
    >>> [(g.rule, g.count, g.floor_area_m2) for g in group_findings(found, s)]
    [('C03', 1, 200.0), ('C13', 1, 100.0)]
    """
    all_targets = targets_of(findings)
    areas, owner = _target_areas(set(chain.from_iterable(all_targets)), scenario)
    members: dict[tuple[str, str], list[int]] = {}
    kinds = zip(rules_of(findings), severities_of(findings), strict=True)
    for position, kind in enumerate(kinds):
        members.setdefault(kind, []).append(position)
    rank = {rule: k for k, rule in enumerate(rule_order)}
    groups: list[FindingGroup] = []
    for (rule, severity), positions in members.items():
        concerned = np.array(
            [
                areas[targets[0]]
                if len(targets := all_targets[p]) == 1
                else sum(map(areas.__getitem__, targets))
                for p in positions
            ],
            dtype=float,
        )
        order = np.lexsort((np.array(positions), -concerned))
        ordered = [positions[k] for k in order.tolist()]
        seen_targets: set[str] = set()
        buildings: dict[str | None, None] = {}
        for p in ordered:
            seen_targets.update(all_targets[p])
            buildings.update(dict.fromkeys(map(owner.__getitem__, all_targets[p])))
        buildings.pop(None, None)  # type: ignore[call-overload]
        groups.append(
            FindingGroup(
                rule,
                severity,  # type: ignore[arg-type]
                tuple(ordered),
                tuple(concerned[order].tolist()),
                float(sum(areas[t] for t in seen_targets)),
                tuple(b for b in buildings if b is not None),
            )
        )
    groups.sort(
        key=lambda g: (
            _SEVERITY_ORDER.get(g.severity, 3),
            rank.get(g.rule, len(rank)),
            g.rule,
        )
    )
    return groups
