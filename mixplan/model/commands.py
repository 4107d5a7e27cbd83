"""Edit commands: every change to a project goes through one of these.

A command is made with what the user asked for; ``apply(project)`` does it and
``revert(project)`` undoes it, each returning a :class:`Change` that says what moved
so views and the engine refresh only that (the Anki/Orange pattern of STYLE.md).
The first ``apply`` captures the old values; later ``apply`` calls (redo) replay the
captured new values, so a command can be undone and redone any number of times.
Commands validate before they mutate: a failing ``apply`` leaves the project as it was.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import Any, cast

from mixplan.model.cover_edits import (
    drop_cover,
    put_cover,
    restore_cover,
    take_existing_cover,
)
from mixplan.model.errors import MixplanError, ModelError
from mixplan.model.finance import Assumption, FinancialAssumptions
from mixplan.model.geometry import Affine, Areal, as_areal, as_polygon
from mixplan.model.presets import Preset, buildings_like, buildings_with_preset
from mixplan.model.project import (
    Building,
    GroundCover,
    Level,
    Project,
    Removal,
    Scenario,
    Site,
    transformed_buildings,
)
from mixplan.model.rulebook import Value
from mixplan.model.sameness import kept_version
from mixplan.model.scenario_edits import (
    BUILDINGS,
    COVERS,
    Capture,
    Kept,
    Ledger,
    capture,
    continuing,
    drop_buildings,
    holds,
    origins_and_kept,
    put_building,
    put_buildings,
    reachable,
    reached_scenarios,
    restore,
    restore_building,
    take_existing_version,
)

__all__ = [
    "AddBuilding",
    "AddBuildings",
    "AddCover",
    "AddLevel",
    "AddScenario",
    "ApplyPreset",
    "Change",
    "Command",
    "CompoundCommand",
    "DeleteScenario",
    "DuplicateLevel",
    "MoveLevel",
    "RemoveBuilding",
    "RemoveBuildings",
    "RemoveCover",
    "RemoveLevel",
    "RenameScenario",
    "ReplaceBuilding",
    "ReplaceBuildings",
    "RestoreBuilding",
    "RestoreCover",
    "SetBuildingAttributes",
    "SetCover",
    "SetFootprint",
    "SetLevel",
    "SetLevelAccess",
    "SetLevelHeight",
    "SetLevelLoad",
    "SetLevelUses",
    "SetLevels",
    "SetAssumption",
    "SetAssumptions",
    "SetRulebookValue",
    "SetScenarioDescription",
    "SetSiteBoundary",
    "TakeExistingCover",
    "TakeExistingVersion",
    "TransformBuildings",
]


@dataclass(frozen=True)
class Change:
    """What an applied or reverted command changed.

    ``scenario`` names the scenario whose ``buildings`` (ids) or ``cover`` changed;
    ``reached`` names the other scenarios where the same building ids changed too
    (an edit of the baseline reaches the scenarios that keep the building, §14);
    ``scenarios`` is true when the list of scenarios changed (added, removed,
    renamed); ``site``, ``rulebook`` and ``context`` (layers beneath the
    project) flag those. ``everything`` asks views to
    rebuild from scratch.
    """

    scenario: str | None = None
    buildings: frozenset[str] = frozenset()
    cover: bool = False
    site: bool = False
    scenarios: bool = False
    rulebook: bool = False
    everything: bool = False
    renamed: tuple[str, str] | None = None
    #: The financial assumptions changed (DESIGN §17).
    assumptions: bool = False
    #: the context layers (base maps, reference layers) changed
    context: bool = False
    #: the project's typologies changed
    typologies: bool = False
    reached: frozenset[str] = frozenset()
    #: the report options changed
    report_options: bool = False

    @property
    def scenario_names(self) -> frozenset[str]:
        """Every scenario whose buildings or cover this change touched."""
        named = {self.scenario} if self.scenario is not None else set()
        return frozenset(named) | self.reached

    def merge(self, other: Change) -> Change:
        """One change covering both (``everything`` if they touch two scenarios)."""
        return Change.merged((self, other))

    @staticmethod
    def merged(changes: Sequence[Change]) -> Change:
        """:meth:`merge` folded over ``changes``, from an empty change.

        The sets of ids are united once: folding pair by pair copies the
        growing set at each step (a compound edit of 10,000 buildings spent
        seconds there).

        Examples
        --------
        >>> a, b = Change("A", frozenset({"1"})), Change("B", frozenset({"2"}))
        >>> Change.merged([a, b]) == Change().merge(a).merge(b)
        True
        """
        scenario: str | None = None
        everything = cover = site = scenarios = rulebook = False
        assumptions = context = typologies = report_options = False
        renamed: tuple[str, str] | None = None
        for c in changes:
            if scenario and c.scenario and scenario != c.scenario:
                scenario, everything = None, True
            else:
                scenario = scenario or c.scenario
            everything = everything or c.everything
            cover = cover or c.cover
            site = site or c.site
            scenarios = scenarios or c.scenarios
            rulebook = rulebook or c.rulebook
            renamed = c.renamed or renamed
            assumptions = assumptions or c.assumptions
            context = context or c.context
            typologies = typologies or c.typologies
            report_options = report_options or c.report_options
        return Change(
            scenario,
            frozenset().union(*(c.buildings for c in changes)),
            cover,
            site,
            scenarios,
            rulebook,
            everything,
            renamed,
            assumptions,
            context,
            typologies,
            frozenset().union(*(c.reached for c in changes)),
            report_options,
        )


class Command:
    """Base class: subclasses set ``label`` and implement ``_apply``/``_revert``."""

    label: str = "Edit"

    def apply(self, project: Project) -> Change:
        return self._apply(project)

    def revert(self, project: Project) -> Change:
        return self._revert(project)

    def note_result(self, project: Project) -> None:
        """Note what the last apply left, if anything is left to note.

        The project must be as the apply left it (nothing applied or reverted
        since). An edit may note it at its first revert instead; told in an
        idle moment, that revert has less to do.
        """

    def _apply(self, project: Project) -> Change:
        raise NotImplementedError

    def _revert(self, project: Project) -> Change:
        raise NotImplementedError


@dataclass
class CompoundCommand(Command):
    """Several commands as one undo step; a failure part-way rolls back the rest.

    Edits of one scenario's buildings, each of its own building (a level's
    height given to every selected building), are captured and restored at
    once, as one edit of them all: what each building becomes is the same.
    """

    commands: Sequence[Command]
    label: str = "Edit"
    _batch: _BatchedEdits | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def _apply(self, project: Project) -> Change:
        if self._batch is None:
            self._batch = _BatchedEdits.of(self.commands)
        if self._batch is not None:
            return self._batch.apply(project)
        done: list[Command] = []
        changes: list[Change] = []
        try:
            for cmd in self.commands:
                changes.append(cmd.apply(project))
                done.append(cmd)
        except Exception:
            for cmd in reversed(done):
                cmd.revert(project)
            raise
        return Change.merged(changes)

    def _revert(self, project: Project) -> Change:
        if self._batch is not None:
            return self._batch.revert(project)
        return Change.merged([cmd.revert(project) for cmd in reversed(self.commands)])


# --- buildings -----------------------------------------------------------------


class _CapturedCommand(Command):
    """Base of building and cover edits: slots captured around the first apply.

    The first ``apply`` captures what every scenario holds under the ids the
    edit touches (:func:`~mixplan.model.scenario_edits.capture`), does the edit
    (whose consequences may reach other scenarios, DESIGN §14) and captures the
    result; undo and redo restore those captures exactly. Subclasses implement
    :meth:`_ids` and :meth:`_do`; a failing ``_do`` leaves the project as it was.
    """

    scenario: str
    #: whether the edit may delete features (their places are then recorded)
    _deletes = False
    #: the kind of feature edited
    _ledger: Ledger = BUILDINGS

    def _ids(self, project: Project) -> Collection[str]:
        """The ids the edit touches, captured in this order.

        (A redo puts the features an edit added back at the end of their
        records in this order.)
        """
        raise NotImplementedError

    def _do(self, project: Project) -> None:
        raise NotImplementedError

    def _apply(self, project: Project) -> Change:
        before: Capture | None = getattr(self, "_before", None)
        if before is None:
            ids = list(self._ids(project))
            only = reachable(project, self.scenario)
            before = self._capture_before(project, ids, only)
            try:
                self._do(project)
            except BaseException:
                restore(project, before)
                raise
            self._before, self._ids_captured = before, ids
            # (the ids of the capture: each id has a slot in each scenario
            # captured; once, not at every undo and redo: 2-3 ms at 10,000)
            self._touched = frozenset(ids) if before else frozenset()
            # An edit of one scenario (not the baseline) reaches no other: its
            # result is captured at its first undo, the project then being as
            # this apply left it (edits are undone last first). Captured here,
            # it was 7-15 ms more of a whole-park edit's turn on the GUI thread.
            self._after = (
                capture(project, ids, ledger=self._ledger) if only is None else None
            )
            # Undo and redo restore these very captures: the scenarios reached
            # are the same at every turn (compared at each, the undo of a
            # whole-park delete took 12-28 ms more of the GUI thread).
            self._reached = (
                reached_scenarios(before, self._after, self.scenario)
                if self._after is not None
                else frozenset()
            )
        else:
            restore(project, self._after_now(project))
        return self._change()

    def _capture_before(
        self, project: Project, ids: list[str], only: str | None
    ) -> Capture:
        """The slots of ``ids`` before the first apply (see :func:`capture`)."""
        return capture(project, ids, self._deletes, self._ledger, only)

    def _revert(self, project: Project) -> Change:
        self._after_now(project)
        restore(project, self._before)
        return self._change()

    def note_result(self, project: Project) -> None:
        if getattr(self, "_before", None) is not None:
            self._after_now(project)

    def _after_now(self, project: Project) -> Capture:
        """The edit's result, captured now if not yet (the project holds it)."""
        after: Capture | None = self._after
        if after is None:
            after = self._after = capture(
                project, self._ids_captured, ledger=self._ledger, only=self.scenario
            )
        return after

    def _change(self) -> Change:
        reached: frozenset[str] = self._reached
        if self._ledger is COVERS:
            return Change(self.scenario, cover=True, reached=reached)
        return Change(self.scenario, self._touched, reached=reached)


class _BuildingCommand(_CapturedCommand):
    """Base of building edits."""


class _WholeBuildings(_BuildingCommand):
    """Base of edits given whole buildings, their slots captured at once.

    (A compound of one command a building captured and restored each: 2,380
    duplicated buildings took 75-90 ms to add and as long to undo, a preset
    given to 10,000 buildings 0.7 s to push.)
    """

    def __init__(
        self, scenario: str, buildings: Sequence[Building], label: str | None = None
    ) -> None:
        self.scenario = scenario
        self.label = type(self).label if label is None else label
        self.buildings = tuple(buildings)

    def _ids(self, project: Project) -> Collection[str]:
        return dict.fromkeys(b.id for b in self.buildings)  # (in order: see base)


class AddBuildings(_WholeBuildings):
    """Add buildings to a scenario, as one edit; their ids must be new there.

    Added to the baseline, a building is kept by every scenario.
    """

    label = "Add buildings"

    def _do(self, project: Project) -> None:
        s = project.scenario(self.scenario)
        seen: set[str] = set()
        for building in self.buildings:
            if building.id in s.buildings or building.id in seen:
                raise ModelError(
                    f"scenario {self.scenario!r} already has a building {building.id!r}"
                )
            seen.add(building.id)
        put_buildings(project, s, self.buildings)


class AddBuilding(AddBuildings):
    """Add a building to a scenario; its id must be new there.

    Added to the baseline, the building is kept by every scenario.
    """

    def __init__(
        self, scenario: str, building: Building, label: str = "Add building"
    ) -> None:
        super().__init__(scenario, (building,), label)
        self.building = building


class RemoveBuildings(_BuildingCommand):
    """Remove (demolish) buildings from a scenario, as one edit.

    In a scenario, removing a baseline building (kept or changed) records the
    removal; in the baseline, the building leaves the scenarios that keep it.
    The slots of all the buildings are captured and restored at once, so undo
    puts each back in its place in one pass, however many there are.
    """

    _deletes = True

    def __init__(
        self,
        scenario: str,
        building_ids: Sequence[str],
        label: str = "Remove buildings",
    ) -> None:
        self.scenario, self.label = scenario, label
        self.building_ids = tuple(dict.fromkeys(building_ids))

    def _ids(self, project: Project) -> Collection[str]:
        # In order, not as a set: a redo puts the removal records back in
        # this order, which then followed the strings' hashes.
        s = project.scenario(self.scenario)
        buildings = [s.building(bid) for bid in self.building_ids]
        ids = dict.fromkeys(self.building_ids)
        if s is project.baseline:
            ids.update(dict.fromkeys(sorted(continuing(project, ids))))
        else:
            ids.update(dict.fromkeys(b.origin for b in buildings if b.origin))
        return ids

    def _do(self, project: Project) -> None:
        drop_buildings(project, project.scenario(self.scenario), self.building_ids)


class RemoveBuilding(RemoveBuildings):
    """Remove (demolish) a building from a scenario."""

    def __init__(
        self, scenario: str, building_id: str, label: str = "Remove building"
    ) -> None:
        super().__init__(scenario, (building_id,), label)
        self.building_id = building_id


class ReplaceBuildings(_WholeBuildings):
    """Swap buildings' values for others with the same ids, as one edit."""

    label = "Edit buildings"

    def _do(self, project: Project) -> None:
        s = project.scenario(self.scenario)
        for building in self.buildings:
            s.building(building.id)
        put_buildings(project, s, self.buildings)


class RestoreBuilding(_BuildingCommand):
    """Undo a scenario's removal of a baseline building: the scenario keeps it."""

    def __init__(
        self, scenario: str, building_id: str, label: str = "Restore building"
    ) -> None:
        self.scenario, self.building_id, self.label = scenario, building_id, label

    def _ids(self, project: Project) -> set[str]:
        return {self.building_id}

    def _do(self, project: Project) -> None:
        restore_building(project, project.scenario(self.scenario), self.building_id)


class TakeExistingVersion(_BuildingCommand):
    """Replace a scenario's changed building by the baseline's current version."""

    _deletes = True

    def __init__(
        self,
        scenario: str,
        building_id: str,
        label: str = "Take the existing version",
    ) -> None:
        self.scenario, self.building_id, self.label = scenario, building_id, label

    def _ids(self, project: Project) -> Collection[str]:
        building = project.scenario(self.scenario).building(self.building_id)
        return dict.fromkeys(filter(None, (self.building_id, building.origin)))

    def _do(self, project: Project) -> None:
        take_existing_version(
            project, project.scenario(self.scenario), self.building_id
        )


class ReplaceBuilding(ReplaceBuildings):
    """Swap a building's value for another with the same id."""

    def __init__(
        self, scenario: str, new: Building, label: str = "Edit building"
    ) -> None:
        super().__init__(scenario, (new,), label)
        self.new = new


#: How many buildings :meth:`_MadeAhead.prepare` makes a step (~1 ms a
#: hundred moved on the varied park, ~0.3 ms a hundred given a preset).
TRANSFORMED_AT_ONCE = 1500


class _MadeAhead(_BuildingCommand):
    """Base of edits whose new buildings may be made before the first apply.

    What the buildings become is a pure function of what they are
    (:meth:`_made`): :meth:`prepare` makes them ahead, in slices, and the
    first apply uses them if the scenario still holds the very buildings they
    were made from, else makes them there. Their slots are captured and
    restored at once.
    """

    def __init__(self, scenario: str, building_ids: Sequence[str], label: str) -> None:
        self.scenario, self.label = scenario, label
        self.building_ids = tuple(dict.fromkeys(building_ids))
        #: the buildings :meth:`prepare` read, what it made of them and, in a
        #: scenario, whether those are their baseline buildings as they are
        self._prepared: tuple[list[Building], list[Building], Kept | None] | None = None
        #: the slots of the buildings captured while prepared, and the
        #: scenario they were captured in (``None``: all; see ``reachable``)
        self._ahead: tuple[str | None, Capture] | None = None

    def _ids(self, project: Project) -> Collection[str]:
        return dict.fromkeys(self.building_ids)

    def _made(
        self, buildings: Sequence[Building], before: Sequence[Building]
    ) -> list[Building]:
        """What ``buildings`` become, ``before`` what those before them became.

        Raises MixplanError if refused.
        """
        raise NotImplementedError

    def prepare(
        self, project: Project, size: int = TRANSFORMED_AT_ONCE
    ) -> Iterator[int]:
        """Make the new buildings before the first apply, ``size`` at a time.

        A generator: each step makes the next ``size`` buildings and yields
        how many are made so far. The first apply then uses them if the
        scenario still holds the very buildings they were made from (else, and
        if a building is missing or a new one refused here, it makes them as
        without this). The editor runs the steps across event-loop turns: a
        move of 10,000 buildings transformed them in the release's 55 ms, a
        preset gave them in its click's 27 ms.
        """
        try:
            s = project.scenario(self.scenario)
            sources = [s.building(bid) for bid in self.building_ids]
        except MixplanError:
            return  # (the apply refuses it, with this error)
        made: list[Building] = []
        # (in a scenario, whether each is its baseline building as it is, asked
        # here too: put_buildings asked it of 10,000 moved ones in 15 ms)
        asked: Kept | None = None if s is project.baseline else ([], [])
        # (their slots captured ahead too, a step's buildings a step: the
        # two captures of the edit's turn took 15-30 ms of it)
        only = reachable(project, self.scenario)
        ahead: Capture = {}
        for start in range(0, len(sources), size):
            try:
                new = self._made(sources[start : start + size], made)
            except MixplanError:
                return  # (the apply refuses it, with this error)
            made += new
            ahead.update(
                capture(project, self.building_ids[start : start + size], only=only)
            )
            if asked is not None:
                origins, kept = origins_and_kept(project, new)
                asked[0].extend(origins)
                asked[1].extend(kept)
            yield len(made)
        self._prepared = (sources, made, asked)
        self._ahead = (only, ahead)

    def _capture_before(
        self, project: Project, ids: list[str], only: str | None
    ) -> Capture:
        # The capture made ahead if it still holds: the same ids (a step's
        # slots, step after step: in a scenario as a capture of them all) in
        # the same scenarios, holding just what they held then.
        ahead, self._ahead = self._ahead, None
        scenarios = {only} if only is not None else {s.name for s in project.scenarios}
        if (
            ahead is not None
            and ahead[0] == only
            and set(map(itemgetter(0), ahead[1])) == (scenarios if ids else set())
            and holds(project, ahead[1])
        ):
            return ahead[1]
        return super()._capture_before(project, ids, only)

    def _do(self, project: Project) -> None:
        s = project.scenario(self.scenario)
        buildings = [s.building(bid) for bid in self.building_ids]
        prepared, self._prepared = self._prepared, None
        if prepared is not None and _same_objects(prepared[0], buildings):
            put_buildings(project, s, prepared[1], prepared[2])
        else:
            put_buildings(project, s, self._made(buildings, []))


class TransformBuildings(_MadeAhead):
    """Move or turn buildings of a scenario by an affine map, as one edit.

    Their footprints and levels' own outlines are mapped at once (see
    :func:`~mixplan.model.project.transformed_buildings`) and their slots
    captured and restored at once: a compound of one :class:`SetFootprint` a
    building took seconds to push for 10,000 buildings, and a second to undo.
    """

    def __init__(
        self,
        scenario: str,
        building_ids: Sequence[str],
        matrix: Affine,
        label: str = "Move buildings",
    ) -> None:
        super().__init__(scenario, building_ids, label)
        self.matrix = matrix

    def _made(
        self, buildings: Sequence[Building], before: Sequence[Building]
    ) -> list[Building]:
        return transformed_buildings(buildings, self.matrix)


class ApplyPreset(_MadeAhead):
    """Give buildings of a scenario a typology's levels and attributes, as one edit.

    Each becomes :func:`~mixplan.model.presets.building_with_preset` of it
    (``upper_storeys`` storeys above the ground floor, or the typology's
    own): the first is made and checked, the others take its values
    (:func:`~mixplan.model.presets.buildings_with_preset`).
    """

    def __init__(
        self,
        scenario: str,
        building_ids: Sequence[str],
        chosen: Preset,
        upper_storeys: int | None = None,
        label: str = "Apply preset",
    ) -> None:
        super().__init__(scenario, building_ids, label)
        self.chosen, self.upper_storeys = chosen, upper_storeys

    def _made(
        self, buildings: Sequence[Building], before: Sequence[Building]
    ) -> list[Building]:
        if before:
            return buildings_like(buildings, before[0], self.chosen)
        return buildings_with_preset(buildings, self.chosen, self.upper_storeys)


def _same_objects(these: Sequence[object], those: Sequence[object]) -> bool:
    """Whether the two sequences hold the very same objects, in order."""
    return len(these) == len(those) and all(map(operator.is_, these, those))


class _EditBuilding(_BuildingCommand):
    """A building edit computed from the current value on first apply.

    Subclasses implement :meth:`edit`; the result is captured on the first
    ``apply`` so redo replays exactly the same building.
    """

    def __init__(self, scenario: str, building_id: str, label: str) -> None:
        self.scenario = scenario
        self.building_id = building_id
        self.label = label

    def edit(self, building: Building) -> Building:
        raise NotImplementedError

    def _ids(self, project: Project) -> set[str]:
        return {self.building_id}

    def _do(self, project: Project) -> None:
        s = project.scenario(self.scenario)
        put_building(project, s, self.edited(s))

    def edited(self, scenario: Scenario) -> Building:
        """What the edited building becomes in ``scenario``."""
        return self.edit(scenario.building(self.building_id))


class _BatchedEdits(_BuildingCommand):
    """Edits of one scenario's buildings, one a building, captured at once.

    Each edit's own capture walked every scenario's records: 10,000 of them
    (a level height given to a whole park) took 0.6 s more to push.
    """

    def __init__(
        self, scenario: str, commands: Sequence[_EditBuilding | ReplaceBuilding]
    ) -> None:
        self.scenario, self.commands = scenario, tuple(commands)
        self.ids = [_edited_id(command) for command in self.commands]

    @staticmethod
    def of(commands: Sequence[Command]) -> _BatchedEdits | None:
        """The edits as one, or ``None``.

        They must not be applied yet and edit buildings of one scenario, a
        building each.
        """
        if len(commands) < 2 or not all(
            isinstance(c, _EditBuilding | ReplaceBuilding)
            and getattr(c, "_before", None) is None
            for c in commands
        ):
            return None
        edits = cast(Sequence[_EditBuilding | ReplaceBuilding], commands)
        if len({c.scenario for c in edits}) != 1:
            return None
        batch = _BatchedEdits(edits[0].scenario, edits)
        return batch if len(set(batch.ids)) == len(batch.ids) else None

    def _ids(self, project: Project) -> Collection[str]:
        return self.ids

    def _do(self, project: Project) -> None:
        # Every building edited first (a refused edit changes nothing), then
        # all put at once.
        s = project.scenario(self.scenario)
        put_buildings(project, s, [_edited(command, s) for command in self.commands])


def _edited(command: _EditBuilding | ReplaceBuilding, scenario: Scenario) -> Building:
    """What a batched command's building becomes (as its own ``_do`` puts it)."""
    if isinstance(command, ReplaceBuilding):
        scenario.building(command.new.id)
        return command.new
    return command.edited(scenario)


def _edited_id(command: _EditBuilding | ReplaceBuilding) -> str:
    return (
        command.new.id if isinstance(command, ReplaceBuilding) else command.building_id
    )


def _level_position(building: Building, position: int) -> int:
    if not 0 <= position < len(building.levels):
        raise ModelError(
            f"building {building.id} has no level at position {position} "
            f"(it has {len(building.levels)})"
        )
    return position


def _with_changed_level(
    building: Building, position: int, change: Callable[[Level], Level]
) -> Building:
    """``building`` with its level at ``position`` replaced by ``change`` of it."""
    pos = _level_position(building, position)
    return building.with_level(pos, change(building.levels[pos]))


class SetFootprint(_EditBuilding):
    """Give a building a new footprint polygon."""

    def __init__(self, scenario: str, building_id: str, footprint: Any) -> None:
        super().__init__(scenario, building_id, "Set footprint")
        self.footprint = as_polygon(footprint)

    def edit(self, building: Building) -> Building:
        return building.renewed(footprint=self.footprint)


class SetBuildingAttributes(_EditBuilding):
    """Change building attributes (name, origin, freight lift, ramp, bays, …)."""

    ALLOWED = frozenset(
        {
            "name",
            "origin",
            "freight_lift_kg",
            "ramp",
            "loading_bays",
            "parking_spaces",
            "roof",
            "shared",
            "common_parts",
        }
    )

    def __init__(self, scenario: str, building_id: str, **changes: Any) -> None:
        unknown = set(changes) - self.ALLOWED
        if unknown:
            raise ModelError(f"cannot set {', '.join(sorted(unknown))} on a building")
        super().__init__(scenario, building_id, "Edit building")
        self.changes = changes

    def edit(self, building: Building) -> Building:
        return replace(building, **self.changes)


class AddLevel(_EditBuilding):
    """Insert a level at a position (default: on top)."""

    def __init__(
        self,
        scenario: str,
        building_id: str,
        level: Level,
        position: int | None = None,
        below_ground: bool = False,
    ) -> None:
        super().__init__(scenario, building_id, "Add level")
        self.level, self.position, self.below_ground = level, position, below_ground

    def edit(self, building: Building) -> Building:
        levels = list(building.levels)
        pos = len(levels) if self.position is None else self.position
        if not 0 <= pos <= len(levels):
            raise ModelError(f"building {building.id}: no level position {pos}")
        levels.insert(pos, self.level)
        basements = building.basements + (
            1 if pos < building.basements or self.below_ground else 0
        )
        return replace(building, levels=tuple(levels), basements=basements)


class RemoveLevel(_EditBuilding):
    """Remove the level at a position."""

    def __init__(self, scenario: str, building_id: str, position: int) -> None:
        super().__init__(scenario, building_id, "Remove level")
        self.position = position

    def edit(self, building: Building) -> Building:
        pos = _level_position(building, self.position)
        levels = list(building.levels)
        del levels[pos]
        basements = building.basements - (1 if pos < building.basements else 0)
        return replace(building, levels=tuple(levels), basements=basements)


class DuplicateLevel(_EditBuilding):
    """Copy the level at a position just above it."""

    def __init__(self, scenario: str, building_id: str, position: int) -> None:
        super().__init__(scenario, building_id, "Duplicate level")
        self.position = position

    def edit(self, building: Building) -> Building:
        pos = _level_position(building, self.position)
        levels = list(building.levels)
        levels.insert(pos + 1, levels[pos])
        basements = building.basements + (1 if pos + 1 < building.basements else 0)
        return replace(building, levels=tuple(levels), basements=basements)


class MoveLevel(_EditBuilding):
    """Move a level from one position to another (storey indexes follow)."""

    def __init__(
        self, scenario: str, building_id: str, source: int, target: int
    ) -> None:
        super().__init__(scenario, building_id, "Move level")
        self.source, self.target = source, target

    def edit(self, building: Building) -> Building:
        src = _level_position(building, self.source)
        dst = _level_position(building, self.target)
        levels = list(building.levels)
        levels.insert(dst, levels.pop(src))
        return replace(building, levels=tuple(levels))


class SetLevel(_EditBuilding):
    """Replace the level at a position by a function of it (base of level edits)."""

    def __init__(
        self,
        scenario: str,
        building_id: str,
        position: int,
        change: Callable[[Level], Level],
        label: str = "Edit level",
    ) -> None:
        super().__init__(scenario, building_id, label)
        self.position, self.change = position, change

    def edit(self, building: Building) -> Building:
        return _with_changed_level(building, self.position, self.change)


class SetLevels(_MadeAhead):
    """Replace one level of each of many buildings by a function of it, as one edit.

    ``positions`` gives each building's id the position of its level (a
    storey typed for a whole selection is at another position in a building
    with more basements). The scenarios, the :class:`Change`, the undo and
    the redo are those of a :class:`CompoundCommand` of one :class:`SetLevel`
    a building; the new buildings may be made ahead (:meth:`prepare`): one
    SetLevel each, a height typed for 9,144 buildings of the varied park held
    the GUI thread 0.12 s.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> p = Project.new("Doc")
    >>> levels = (Level.of(6, "craft"), Level.of(3, "office"))
    >>> p.baseline.buildings["b1"] = Building("b1", "Shed", box(0, 0, 20, 10), levels)
    >>> taller = SetLevels("Existing", {"b1": 1}, lambda lv: lv.with_height(4))
    >>> taller.apply(p).buildings
    frozenset({'b1'})
    >>> [lv.height_m for lv in p.baseline.buildings["b1"].levels]
    [6.0, 4.0]
    """

    def __init__(
        self,
        scenario: str,
        positions: Mapping[str, int],
        change: Callable[[Level], Level],
        label: str = "Edit level",
    ) -> None:
        super().__init__(scenario, list(positions), label)
        self.positions, self.change = dict(positions), change

    def _made(
        self, buildings: Sequence[Building], before: Sequence[Building]
    ) -> list[Building]:
        positions, change = self.positions, self.change
        return [
            _with_changed_level(building, positions[building.id], change)
            for building in buildings
        ]


class SetLevelHeight(SetLevel):
    def __init__(
        self, scenario: str, building_id: str, position: int, height_m: float
    ) -> None:
        super().__init__(
            scenario,
            building_id,
            position,
            lambda lv: lv.with_height(height_m),
            "Set level height",
        )
        self.height_m = height_m


class SetLevelUses(SetLevel):
    """Set a level's uses: ``{use: share}``, optionally with nuisance classes."""

    def __init__(
        self,
        scenario: str,
        building_id: str,
        position: int,
        shares: dict[str, float],
        nuisance: dict[str, str | None] | None = None,
    ) -> None:
        def change(lv: Level) -> Level:
            new = lv.with_uses(shares)
            if nuisance:
                from mixplan.model.project import Allocation

                new = replace(
                    new,
                    uses=tuple(
                        Allocation(a.use, a.share, nuisance.get(a.use, a.nuisance))
                        for a in new.uses
                    ),
                )
            return new

        super().__init__(scenario, building_id, position, change, "Set level uses")
        self.shares = shares


class SetLevelLoad(SetLevel):
    def __init__(
        self, scenario: str, building_id: str, position: int, load_kn_m2: float | None
    ) -> None:
        super().__init__(
            scenario,
            building_id,
            position,
            lambda lv: replace(lv, load_kn_m2=load_kn_m2),
            "Set design load",
        )


class SetLevelAccess(SetLevel):
    def __init__(
        self, scenario: str, building_id: str, position: int, access: str | None
    ) -> None:
        super().__init__(
            scenario,
            building_id,
            position,
            lambda lv: replace(lv, access=access),
            "Set access",
        )


# --- ground cover, site, scenarios, rulebook ----------------------------------------


class _CoverCommand(_CapturedCommand):
    """Base of ground-cover edits (a baseline edit reaches the scenarios keeping it)."""

    _ledger = COVERS
    cover_id: str

    def _ids(self, project: Project) -> set[str]:
        return {self.cover_id}


class AddCover(_CoverCommand):
    """Add a ground cover to a scenario; its id must be new there.

    Added to the baseline, the cover is kept by every scenario.
    """

    def __init__(
        self, scenario: str, cover: GroundCover, label: str = "Add ground cover"
    ) -> None:
        self.scenario, self.cover, self.label = scenario, cover, label
        self.cover_id = cover.id

    def _do(self, project: Project) -> None:
        s = project.scenario(self.scenario)
        if self.cover_id in s.cover:
            raise ModelError(
                f"scenario {self.scenario!r} already has cover {self.cover_id!r}"
            )
        put_cover(project, s, self.cover)


class RemoveCover(_CoverCommand):
    """Remove a ground cover from a scenario.

    In a scenario, removing a baseline cover (kept or changed) records the
    removal; in the baseline, the cover leaves the scenarios that keep it.
    """

    _deletes = True

    def __init__(
        self, scenario: str, cover_id: str, label: str = "Remove ground cover"
    ) -> None:
        self.scenario, self.cover_id, self.label = scenario, cover_id, label

    def _do(self, project: Project) -> None:
        drop_cover(project, project.scenario(self.scenario), self.cover_id)


class RestoreCover(_CoverCommand):
    """Undo a scenario's removal of a baseline cover: the scenario keeps it."""

    def __init__(
        self, scenario: str, cover_id: str, label: str = "Restore ground cover"
    ) -> None:
        self.scenario, self.cover_id, self.label = scenario, cover_id, label

    def _do(self, project: Project) -> None:
        restore_cover(project, project.scenario(self.scenario), self.cover_id)


class TakeExistingCover(_CoverCommand):
    """Replace a scenario's changed cover by the baseline's current version."""

    def __init__(
        self,
        scenario: str,
        cover_id: str,
        label: str = "Take the existing version",
    ) -> None:
        self.scenario, self.cover_id, self.label = scenario, cover_id, label

    def _do(self, project: Project) -> None:
        take_existing_cover(project, project.scenario(self.scenario), self.cover_id)


class SetCover(_CoverCommand):
    """Change a ground cover's surface type, polygon and/or car spaces.

    In a scenario, editing a kept cover makes it changed.
    """

    def __init__(
        self,
        scenario: str,
        cover_id: str,
        cover: str | None = None,
        geometry: Areal | None = None,
        label: str = "Set ground cover",
        spaces: int | None = None,
    ) -> None:
        self.scenario, self.cover_id, self.label = scenario, cover_id, label
        self.cover, self.geometry, self.spaces = cover, geometry, spaces

    def _do(self, project: Project) -> None:
        s = project.scenario(self.scenario)
        if self.cover_id not in s.cover:
            raise ModelError(
                f"scenario {self.scenario!r} has no cover {self.cover_id!r}"
            )
        old = s.cover[self.cover_id]
        cover = self.cover or old.cover
        if self.spaces is not None:
            spaces = self.spaces
        else:
            # a car park retyped to another surface no longer has spaces
            spaces = old.spaces if cover == "parking" else 0
        new = GroundCover(
            old.id,
            cover,
            self.geometry if self.geometry is not None else old.geometry,
            spaces,
        )
        put_cover(project, s, new)


@dataclass
class SetSiteBoundary(Command):
    boundary: Areal
    name: str | None = None
    label: str = "Set site boundary"
    _old: Site | None = field(default=None, repr=False)
    _captured: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        as_areal(self.boundary, "site boundary")

    def _apply(self, project: Project) -> Change:
        if not self._captured:
            self._old, self._captured = project.site, True
        name = (
            self.name
            if self.name is not None
            else (project.site.name if project.site else "")
        )
        project.site = Site(self.boundary, name)
        return Change(site=True)

    def _revert(self, project: Project) -> Change:
        project.site = self._old
        return Change(site=True)


def _check_scenario_name(project: Project, name: str) -> None:
    if not isinstance(name, str) or not name.strip():
        raise ModelError("a scenario needs a name")
    if name != name.strip():
        raise ModelError(f"scenario name {name!r} has leading or trailing spaces")
    if project.has_scenario(name):
        raise ModelError(f"a scenario {name!r} already exists")


@dataclass
class AddScenario(Command):
    """Add a scenario: a copy of ``source`` (default the baseline), or empty."""

    name: str
    source: str | None = None
    empty: bool = False
    label: str = "New scenario"

    def _apply(self, project: Project) -> Change:
        _check_scenario_name(project, self.name)
        baseline = project.baseline
        if self.empty:
            # Nothing standing: every baseline building removed.
            new = Scenario(self.name)
            new.removed = {bid: Removal(bid) for bid in baseline.buildings}
            new.cover_removed = set(baseline.cover)
        else:
            src = project.scenario(self.source) if self.source else baseline
            new = src.copy(self.name)
            if src is baseline:
                # A copy of the baseline keeps every baseline building and cover.
                new.buildings = _kept_versions(project)
                new.kept = set(src.buildings)
                new.cover_kept = set(src.cover)
        project.scenarios.append(new)
        return Change(self.name, scenarios=True, everything=True)

    def _revert(self, project: Project) -> Change:
        project.scenarios.remove(project.scenario(self.name))
        return Change(scenarios=True, everything=True)


def _kept_versions(project: Project) -> dict[str, Building]:
    """Each baseline building's version as a scenario keeps it (DESIGN §14).

    The one another scenario keeps already where there is one (a kept building
    is the baseline's current version: an equal value, shared as a scenario's
    copy shares its buildings), else one made: the varied park's scenario
    keeps a third of its 10,000 buildings, which are not copied again.
    """
    baseline = project.baseline
    shared: dict[str, Building] = {}
    for scenario in project.scenarios:
        if scenario is not baseline:
            held = scenario.buildings
            shared.update((bid, held[bid]) for bid in scenario.kept)
    return {
        bid: shared.get(bid) or kept_version(building)
        for bid, building in baseline.buildings.items()
    }


@dataclass
class RenameScenario(Command):
    old: str
    new: str
    label: str = "Rename scenario"

    def _apply(self, project: Project) -> Change:
        s = project.scenario(self.old)
        if self.new != self.old:
            _check_scenario_name(project, self.new)
        s.name = self.new
        return Change(self.new, scenarios=True, renamed=(self.old, self.new))

    def _revert(self, project: Project) -> Change:
        project.scenario(self.new).name = self.old
        return Change(self.old, scenarios=True, renamed=(self.new, self.old))


@dataclass
class SetScenarioDescription(Command):
    """Set a scenario's description (how it was obtained, what it is for)."""

    name: str
    description: str
    label: str = "Describe scenario"
    _old: str | None = field(default=None, repr=False)

    def _apply(self, project: Project) -> Change:
        s = project.scenario(self.name)
        if self._old is None:
            self._old = s.description
        s.description = self.description
        return Change(self.name, scenarios=True)

    def _revert(self, project: Project) -> Change:
        s = project.scenario(self.name)
        s.description = self._old or ""
        return Change(self.name, scenarios=True)


@dataclass
class DeleteScenario(Command):
    """Delete a scenario other than the baseline."""

    name: str
    label: str = "Delete scenario"
    _old: Scenario | None = field(default=None, repr=False)
    _position: int = field(default=0, repr=False)

    def _apply(self, project: Project) -> Change:
        s = project.scenario(self.name)
        if s is project.baseline:
            raise ModelError("the baseline scenario cannot be deleted")
        self._position = project.scenarios.index(s)
        self._old = s
        project.scenarios.remove(s)
        return Change(scenarios=True, everything=True)

    def _revert(self, project: Project) -> Change:
        assert self._old is not None
        project.scenarios.insert(self._position, self._old)
        return Change(self.name, scenarios=True, everything=True)


@dataclass
class SetRulebookValue(Command):
    """Set one rulebook parameter (``None`` restores its default)."""

    section: str
    name: str
    value: Value | None
    label: str = "Set rule parameter"
    _old: Value | None = field(default=None, repr=False)
    _had: bool = field(default=False, repr=False)

    def _apply(self, project: Project) -> Change:
        key = (self.section, self.name)
        had, old = key in project.rulebook.values, project.rulebook.values.get(key)
        project.rulebook.set(self.section, self.name, self.value)
        self._had, self._old = had, old
        return Change(rulebook=True, everything=True)

    def _revert(self, project: Project) -> Change:
        key = (self.section, self.name)
        if self._had:
            project.rulebook.values[key] = self._old  # type: ignore[assignment]
        else:
            project.rulebook.values.pop(key, None)
        return Change(rulebook=True, everything=True)


@dataclass
class SetAssumption(Command):
    """Set one financial assumption (``None`` removes a per-use refinement)."""

    key: str
    entry: Assumption | None
    label: str = "Set financial assumption"
    _old: FinancialAssumptions | None = field(default=None, repr=False)
    _new: FinancialAssumptions | None = field(default=None, repr=False)

    def _apply(self, project: Project) -> Change:
        if self._new is None:
            self._new = project.assumptions.with_entry(self.key, self.entry)
        self._old = project.assumptions
        project.assumptions = self._new
        return Change(assumptions=True)

    def _revert(self, project: Project) -> Change:
        assert self._old is not None
        project.assumptions = self._old
        return Change(assumptions=True)


@dataclass
class SetAssumptions(Command):
    """Replace the whole set of financial assumptions (an import) in one step."""

    assumptions: FinancialAssumptions
    label: str = "Import financial assumptions"
    _old: FinancialAssumptions | None = field(default=None, repr=False)

    def _apply(self, project: Project) -> Change:
        self._old = project.assumptions
        project.assumptions = self.assumptions
        return Change(assumptions=True)

    def _revert(self, project: Project) -> Change:
        assert self._old is not None
        project.assumptions = self._old
        return Change(assumptions=True)
