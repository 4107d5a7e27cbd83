"""Edit commands for phases and firms (DESIGN §16), one undo step each.

Every command checks the phase data of what it touches after the edit and undoes
itself, raising :class:`~mixplan.model.errors.ModelError` with the first new
problem, when the edit would make them inconsistent (a phase beyond the project's,
a firm hosted twice in one phase, …); problems already there do not block it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from mixplan.model.commands import Change, Command
from mixplan.model.errors import ModelError
from mixplan.model.phasing import (
    Hosting,
    Occupant,
    Phase,
    phasing_problems,
    phasing_problems_worded,
)
from mixplan.model.project import Building, Project, Removal
from mixplan.model.scenario_edits import (
    Capture,
    capture,
    put_building,
    reached_scenarios,
    restore,
)

__all__ = [
    "ApplyPhasing",
    "BuildingPhases",
    "SetBuildingPhases",
    "SetDemolition",
    "SetHosts",
    "SetOccupants",
    "SetPhases",
]

#: ``SetBuildingPhases`` leaves a field alone when given this.
UNCHANGED = -1


class _Checked(Command):
    """Applies :meth:`_do`; reverts and raises when it adds a phasing problem."""

    #: Scenario whose phase data the edit touches (``None``: all).
    checked_scenario: str | None = None

    def _do(self, project: Project) -> Change:
        raise NotImplementedError

    def _undo(self, project: Project) -> Change:
        raise NotImplementedError

    def _apply(self, project: Project) -> Change:
        before = set(phasing_problems(project, self.checked_scenario))
        change = self._do(project)
        added = [
            (english, french)
            for english, french in phasing_problems_worded(
                project, self.checked_scenario
            )
            if english not in before
        ]
        if added:
            self._undo(project)
            raise ModelError(added[0][0], message_fr=added[0][1])
        return change

    def _revert(self, project: Project) -> Change:
        return self._undo(project)


class _BuildingEdit(_Checked):
    """Swap one building for an edited copy, through the scenario model.

    The edit goes through :func:`~mixplan.model.scenario_edits.put_building`, so
    a kept building becomes changed (and back), and an edit of a baseline
    building reaches the scenarios that keep it (DESIGN §14); the slots it
    touches are captured, so undo and redo are exact.
    """

    def __init__(self, scenario: str, building_id: str, label: str) -> None:
        self.scenario = scenario
        self.building_id = building_id
        self.label = label
        self.checked_scenario = scenario
        self._new: Building | None = None
        self._before: Capture | None = None
        self._after: Capture | None = None
        self._reached: frozenset[str] = frozenset()

    def edit(self, building: Building) -> Building:
        raise NotImplementedError

    def _change(self) -> Change:
        return Change(
            self.scenario, frozenset({self.building_id}), reached=self._reached
        )

    def _do(self, project: Project) -> Change:
        if self._after is not None:
            restore(project, self._after)
            return self._change()
        s = project.scenario(self.scenario)
        old = s.building(self.building_id)
        self._new = self.edit(old)
        self._before = capture(project, [self.building_id])
        put_building(project, s, self._new)
        self._after = capture(project, [self.building_id])
        self._reached = reached_scenarios(self._before, self._after, self.scenario)
        return self._change()

    def _undo(self, project: Project) -> Change:
        assert self._before is not None
        restore(project, self._before)
        return self._change()


class SetBuildingPhases(_BuildingEdit):
    """Set a scenario building's ``demolished_in`` and/or ``delivered_in``.

    ``None`` clears a phase; a field left out is unchanged.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Building, Level, Project
    >>> p = Project.new("p"); p.phases = [Phase("One"), Phase("Two")]
    >>> from mixplan.model.commands import AddScenario
    >>> _ = AddScenario("S").apply(p)
    >>> p.scenario("S").buildings["n"] = Building(
    ...     "n", "New", box(0, 0, 10, 10), (Level.of(6, "craft"),))
    >>> _ = SetBuildingPhases("S", "n", delivered_in=2).apply(p)
    >>> p.scenario("S").buildings["n"].delivered_in
    2
    """

    def __init__(
        self,
        scenario: str,
        building_id: str,
        *,
        demolished_in: int | None = UNCHANGED,
        delivered_in: int | None = UNCHANGED,
    ) -> None:
        super().__init__(scenario, building_id, "Set phases")
        self.demolished_in = demolished_in
        self.delivered_in = delivered_in

    def edit(self, building: Building) -> Building:
        changes: dict[str, int | None] = {}
        if self.demolished_in != UNCHANGED:
            changes["demolished_in"] = self.demolished_in
        if self.delivered_in != UNCHANGED:
            changes["delivered_in"] = self.delivered_in
        return replace(building, **changes)  # type: ignore[arg-type]


class SetOccupants(_BuildingEdit):
    """Set the firms occupying a baseline building."""

    def __init__(self, building_id: str, occupants: Sequence[Occupant]) -> None:
        super().__init__("", building_id, "Edit firms")
        self.occupants = tuple(occupants)
        self.checked_scenario = None

    def _do(self, project: Project) -> Change:
        self.scenario = project.baseline.name
        return super()._do(project)

    def edit(self, building: Building) -> Building:
        return replace(building, occupants=self.occupants)


class SetHosts(_BuildingEdit):
    """Set the firms a scenario building houses, each from a phase on."""

    def __init__(
        self, scenario: str, building_id: str, hosts: Sequence[Hosting]
    ) -> None:
        super().__init__(scenario, building_id, "Edit hosted firms")
        self.hosts = tuple(hosts)

    def edit(self, building: Building) -> Building:
        return replace(building, hosts=self.hosts)


@dataclass
class SetDemolition(_Checked):
    """Set (or clear, with ``None``) the demolition phase of a removed building.

    The phase goes on the scenario's :class:`~mixplan.model.project.Removal`
    record of that baseline building.
    """

    scenario: str
    building_id: str
    phase: int | None
    label: str = "Set demolition phase"
    _old: Removal | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.checked_scenario = self.scenario

    def _do(self, project: Project) -> Change:
        s = project.scenario(self.scenario)
        removal = s.removed.get(self.building_id)
        if removal is None:
            raise ModelError(
                f"scenario {self.scenario!r} does not remove building "
                f"{self.building_id!r}"
            )
        self._old = removal
        s.removed[self.building_id] = replace(removal, demolished_in=self.phase)
        return Change(self.scenario, everything=True)

    def _undo(self, project: Project) -> Change:
        assert self._old is not None
        project.scenario(self.scenario).removed[self.building_id] = self._old
        return Change(self.scenario, everything=True)


@dataclass
class SetPhases(_Checked):
    """Replace the project's list of phases (names, dates, how many)."""

    phases: Sequence[Phase]
    label: str = "Edit phases"
    _old: list[Phase] = field(default_factory=list, repr=False)

    def _do(self, project: Project) -> Change:
        if not all(isinstance(p, Phase) for p in self.phases):
            raise ModelError("phases must be Phase values")
        self._old = list(project.phases)
        project.phases = list(self.phases)
        return Change(everything=True)

    def _undo(self, project: Project) -> Change:
        project.phases = list(self._old)
        return Change(everything=True)


@dataclass(frozen=True)
class BuildingPhases:
    """The phase data of one scenario building, as :class:`ApplyPhasing` sets it."""

    demolished_in: int | None = None
    delivered_in: int | None = None
    hosts: tuple[Hosting, ...] = ()


@dataclass
class ApplyPhasing(_Checked):
    """Give a scenario a whole phasing at once (a suggestion), as one undo step.

    ``phases`` replaces the project's phases; ``buildings`` gives the phase data of
    scenario buildings (others are cleared); ``demolitions`` those of removed
    baseline buildings.
    """

    scenario: str
    phases: Sequence[Phase]
    buildings: Mapping[str, BuildingPhases]
    demolitions: Mapping[str, int]
    label: str = "Apply phasing"
    _old_phases: list[Phase] = field(default_factory=list, repr=False)
    _before: Capture = field(default_factory=dict, repr=False)
    _old_removed: dict[str, Removal] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.checked_scenario = None

    def _do(self, project: Project) -> Change:
        s = project.scenario(self.scenario)
        if s is project.baseline:
            raise ModelError("the baseline is the existing state: it has no phases")
        unknown = sorted(set(self.buildings) - set(s.buildings))
        unknown += sorted(set(self.demolitions) - set(s.removed))
        if unknown:
            raise ModelError(
                f"scenario {s.name!r} has no building or removal {unknown[0]!r}"
            )
        self._old_phases = list(project.phases)
        self._before = capture(project, list(s.buildings))
        self._old_removed = dict(s.removed)
        project.phases = list(self.phases)
        empty = BuildingPhases()
        for bid, b in list(s.buildings.items()):
            data = self.buildings.get(bid, empty)
            new = replace(
                b,
                demolished_in=data.demolished_in,
                delivered_in=data.delivered_in,
                hosts=tuple(data.hosts),
            )
            if new != b:
                put_building(project, s, new)
        for bid, removal in list(s.removed.items()):
            s.removed[bid] = replace(removal, demolished_in=self.demolitions.get(bid))
        return Change(self.scenario, everything=True)

    def _undo(self, project: Project) -> Change:
        s = project.scenario(self.scenario)
        project.phases = list(self._old_phases)
        restore(project, self._before)
        s.removed.clear()
        s.removed.update(self._old_removed)
        return Change(self.scenario, everything=True)
