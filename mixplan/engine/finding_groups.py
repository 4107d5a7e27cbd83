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
from numpy.typing import NDArray

from mixplan.engine.finding_records import (
    FindingList,
    rules_of,
    severities_of,
    targets_of,
)
from mixplan.engine.findings import Finding, Severity
from mixplan.engine.level_rows import row_ranges
from mixplan.model.project import Scenario

__all__ = [
    "FindingGroup",
    "FindingsIndex",
    "SEVERITY_ORDER",
    "findings_by_building",
    "group_findings",
    "target_building",
]

#: Severities from the worst (any other after them).
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

#: Targets coded per call. A loop of C calls over all of them never runs
#: bytecode, so it never lets go of the GIL: 88,000 targets (a varied
#: 10,000-building scenario) held it 22-29 ms of CPU, 90-120 ms on a loaded
#: machine, while the editor's window, grouping in a worker, waited to paint.
TARGETS_PER_CALL = 8192


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


class _Targets:
    """The targets of many findings as integer codes (no Python per finding).

    ``code[k]`` identifies the ``k``-th target of the findings laid end to end
    (the same target, the same code); ``finding[k]`` is the position of the
    finding it belongs to, and ``start``/``count`` each finding's slice.
    ``text`` and ``owner`` give each code's target and the building it names
    (``-1``: none), ``buildings`` the ids named.
    """

    def __init__(self, findings: Sequence[Finding]) -> None:
        targets = targets_of(findings)
        n = len(targets)
        # counted and laid end to end TARGETS_PER_CALL findings at a time too:
        # over 88,000 targets either C loop held the GIL 3-8 ms
        self.count = np.empty(n, np.intp)
        flat: list[str] = []
        for first_finding in range(0, n, TARGETS_PER_CALL):
            piece = targets[first_finding : first_finding + TARGETS_PER_CALL]
            end = first_finding + len(piece)
            self.count[first_finding:end] = np.fromiter(
                map(len, piece), np.intp, len(piece)
            )
            flat.extend(chain.from_iterable(piece))
        self.start = np.cumsum(self.count) - self.count
        self.finding = np.repeat(np.arange(n), self.count)
        # a target's code: its first place in ``flat`` (one dict step a target),
        # TARGETS_PER_CALL at a time (see there)
        first: dict[str, int] = {}
        self.code = np.empty(len(flat), np.intp)
        for start in range(0, len(flat), TARGETS_PER_CALL):
            part = flat[start : start + TARGETS_PER_CALL]
            places = range(start, start + len(part))
            self.code[places.start : places.stop] = np.fromiter(
                map(first.setdefault, part, places), np.intp, len(part)
            )
        self.text = [""] * len(flat)
        self.owner = np.full(len(flat), -1, np.intp)
        owner_code: dict[str, int] = {}
        for target, where in first.items():
            self.text[where] = target
            building = target_building(target)
            if building is not None:
                self.owner[where] = owner_code.setdefault(building, len(owner_code))
        self.buildings: list[str] = list(owner_code)

    @staticmethod
    def of_findings(findings: Sequence[Finding]) -> _Targets:
        """The table of an evaluation's findings, made once for both uses.

        (An evaluation's :class:`FindingList` never changes: grouping it and
        indexing it by building read the same table.)
        """
        global _LAST
        if not isinstance(findings, FindingList):
            return _Targets(findings)
        last = _LAST
        if last is not None and last[0] is findings:
            return last[1]
        table = _Targets(findings)
        _LAST = (findings, table)
        return table

    def of(self, positions: NDArray[np.intp]) -> NDArray[np.intp]:
        """The places in ``code`` of the targets of the findings at ``positions``."""
        return row_ranges(self.start[positions], self.count[positions])


#: The last evaluation's table (its findings, kept alive by it, and the table).
_LAST: tuple[FindingList, _Targets] | None = None


def _named_in_order(table: _Targets, places: NDArray[np.intp]) -> list[str]:
    """The distinct buildings the targets at ``places`` name, in that order."""
    owners = table.owner[table.code[places]]
    owners = owners[owners >= 0]
    distinct, first = np.unique(owners, return_index=True)
    return [table.buildings[b] for b in distinct[np.argsort(first)].tolist()]


def findings_by_building(findings: Sequence[Finding]) -> dict[str, list[int]]:
    """Positions of the findings about each building (a level's count for it).

    Examples
    --------
    >>> found = [Finding("C13", "warning", "a", targets=("b1#0", "b1#1")),
    ...          Finding("C03", "error", "b", targets=("b2", "site"))]
    >>> findings_by_building(found)
    {'b1': [0], 'b2': [1]}
    """
    table = _Targets.of_findings(findings)
    owners = table.owner[table.code]
    named = owners >= 0
    # one (finding, building) pair however many of its levels a finding names
    pairs = np.unique(
        table.finding[named] * max(len(table.buildings), 1) + owners[named]
    )
    if not len(pairs):
        return {}
    width = max(len(table.buildings), 1)
    position, building = pairs // width, pairs % width
    by_building = np.argsort(building, kind="stable")
    building, position = building[by_building], position[by_building]
    cuts = np.flatnonzero(np.diff(building)) + 1
    lists = np.split(position, cuts)
    codes = building[np.concatenate([[0], cuts])].tolist()
    index = {table.buildings[b]: p.tolist() for b, p in zip(codes, lists, strict=True)}
    # in order of first mention (ties within a finding: by id), as a walk gives
    first = {b: p[0] for b, p in index.items()}
    return {b: index[b] for b in sorted(index, key=lambda b: (first[b], b))}


def _target_areas(table: _Targets, scenario: Scenario) -> NDArray[np.float64]:
    """Gross floor area of every target code (0 for the site and unknown ids)."""
    buildings = scenario.buildings
    named = [b for b in table.buildings if b in buildings]
    footprints = dict(
        zip(
            named,
            shapely.area([buildings[b].footprint for b in named]).tolist(),
            strict=True,
        )
    )
    level_areas: dict[str, list[float]] = {}

    def levels_of(building_id: str) -> list[float]:
        found = level_areas.get(building_id)
        if found is None:
            whole = footprints[building_id]
            found = level_areas[building_id] = [
                whole if level.polygon is None else float(level.polygon.area)
                for level in buildings[building_id].levels
            ]
        return found

    areas = np.zeros(len(table.text))
    owners = table.owner
    for where in np.flatnonzero(owners >= 0).tolist():
        owner_id = table.buildings[owners[where]]
        if owner_id not in footprints:
            continue
        levels = levels_of(owner_id)
        suffix = table.text[where][len(owner_id) + 1 :]
        if suffix.isdigit() and int(suffix) < len(levels):
            areas[where] = levels[int(suffix)]
        else:
            areas[where] = sum(levels)
    return areas


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
    >>> [(g.rule, g.severity, g.count, g.floor_area_m2)
    ...  for g in group_findings(found, s)]
    [('C03', 'error', 1, 200.0), ('C13', 'warning', 1, 100.0)]
    """
    table = _Targets.of_findings(findings)
    areas = _target_areas(table, scenario)
    # (a finding's targets added in their order from 0, as ``sum`` would)
    concerned = np.bincount(
        table.finding, areas[table.code], minlength=len(table.count)
    ).astype(float, copy=False)
    # a finding's kind: the place of the first finding of its rule and severity,
    # TARGETS_PER_CALL findings at a time (see there)
    kinds: dict[tuple[str, str], int] = {}
    rules, severities = rules_of(findings), severities_of(findings)
    kind = np.empty(len(table.count), np.intp)
    for start in range(0, len(kind), TARGETS_PER_CALL):
        span = range(start, min(start + TARGETS_PER_CALL, len(kind)))
        pairs = zip(
            rules[span.start : span.stop],
            severities[span.start : span.stop],
            strict=True,
        )
        kind[span.start : span.stop] = np.fromiter(
            map(kinds.setdefault, pairs, span), np.intp, len(span)
        )
    rank = {rule: k for k, rule in enumerate(rule_order)}
    groups: list[FindingGroup] = []
    for (rule, severity), first in kinds.items():
        positions = np.flatnonzero(kind == first)
        order = np.lexsort((positions, -concerned[positions]))
        ordered = positions[order]
        places = table.of(ordered)
        distinct = np.unique(table.code[places])
        groups.append(
            FindingGroup(
                rule,
                severity,  # type: ignore[arg-type]
                tuple(ordered.tolist()),
                tuple(concerned[ordered].tolist()),
                float(sum(areas[distinct].tolist())),
                tuple(_named_in_order(table, places)),
            )
        )
    groups.sort(
        key=lambda g: (
            SEVERITY_ORDER.get(g.severity, 3),
            rank.get(g.rule, len(rank)),
            g.rule,
        )
    )
    return groups
