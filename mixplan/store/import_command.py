"""One edit command for a whole import: one undo step, all or nothing.

A :class:`~mixplan.model.commands.CompoundCommand` of one ``AddBuilding`` per
building would do, but merging 100,000 changes one by one costs quadratic time;
this command adds everything at once and reports one :class:`Change` naming all
the buildings. It validates before it mutates (scenario name, id clashes, origins),
so a refused import leaves the project as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from mixplan.model.commands import AddScenario, Change, Command, SetSiteBoundary
from mixplan.model.cover_edits import put_cover
from mixplan.model.errors import ModelError
from mixplan.model.geometry import Areal
from mixplan.model.phasing import Phase, phasing_problems, phasing_problems_worded
from mixplan.model.project import Building, GroundCover, Project, Removal
from mixplan.model.scenario_edits import (
    COVERS,
    Capture,
    capture,
    put_building,
    reached_scenarios,
    restore,
)

__all__ = ["ImportData"]


@dataclass
class ImportData(Command):
    """Add buildings, ground cover and a site boundary as one undoable step.

    The scenario is created when it does not exist: as a copy of ``copy_from``
    when given, else empty; the site boundary, when given, replaces the project's.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model import Level
    >>> project = Project.new("p")
    >>> shed = Building("s1", "Shed", box(0, 0, 20, 10), (Level.of(8, "warehouse"),))
    >>> command = ImportData("Imported", [shed])
    >>> sorted(command.apply(project).buildings)
    ['s1']
    >>> _ = command.revert(project); project.has_scenario("Imported")
    False
    """

    scenario: str
    buildings: Sequence[Building] = ()
    cover: Sequence[GroundCover] = ()
    site: Areal | None = None
    site_name: str | None = None
    label: str = "Import"
    #: replace the buildings and covers whose id the scenario has (a corrected survey)
    update: bool = False
    #: a scenario that does not exist yet starts as a copy of this one (DESIGN §8
    #: ``import --from``), else empty
    copy_from: str | None = None
    #: Phases named by the file (taken when the project has none) and the
    #: demolition phase of the baseline buildings it removes (DESIGN §16).
    phases: Sequence[Phase] = ()
    demolitions: Mapping[str, int] = field(default_factory=dict)
    _old_phases: list[Phase] | None = field(default=None, repr=False)
    _old_removed: dict[str, Removal] | None = field(default=None, repr=False)
    _new_scenario: AddScenario | None = field(default=None, repr=False)
    _site: SetSiteBoundary | None = field(default=None, repr=False)
    _before: Capture | None = field(default=None, repr=False)
    _reached: frozenset[str] = field(default=frozenset(), repr=False)

    def _check(self, project: Project) -> None:
        adds = bool(self.buildings or self.cover)
        if not adds or not project.has_scenario(self.scenario):
            if self.update and self.buildings:
                raise ModelError(
                    f"--update: there is no scenario {self.scenario!r} to update"
                )
            if not adds or self.copy_from is None:
                return
        # A new scenario copied from another holds that one's buildings.
        existing = project.has_scenario(self.scenario)
        target = project.scenario(
            self.scenario if existing or self.copy_from is None else self.copy_from
        )
        if self.update:
            if self.buildings and not any(
                b.id in target.buildings for b in self.buildings
            ):
                raise ModelError(
                    f"--update: no building id of the import is in scenario "
                    f"{self.scenario!r}"
                )
            clashes = []  # covers whose id is there are replaced too
        else:
            clashes = [b.id for b in self.buildings if b.id in target.buildings]
            clashes += [c.id for c in self.cover if c.id in target.cover]
        if clashes:
            raise ModelError(
                f"scenario {self.scenario!r} already has {clashes[0]!r}"
                + (f" and {len(clashes) - 1} more" if len(clashes) > 1 else "")
            )

    def _check_origins(self, project: Project, is_baseline: bool) -> None:
        baseline = project.baseline.buildings if project.scenarios else {}
        for building in self.buildings:
            if building.origin is None:
                continue
            if is_baseline:
                raise ModelError(
                    f"building {building.id}: a baseline building has no origin"
                )
            if building.origin not in baseline:
                raise ModelError(
                    f"building {building.id}: origin {building.origin!r} is not a "
                    "building of the baseline"
                )

    def _phase_data(self, project: Project, before: set[str]) -> None:
        """Take the file's phases and demolition phases; refuse new problems."""
        target = project.scenario(self.scenario)
        self._old_phases = list(project.phases)
        self._old_removed = dict(target.removed)
        for bid, phase in self.demolitions.items():
            if bid not in target.removed:
                raise ModelError(
                    f"building {bid} is recorded removed but scenario "
                    f"{self.scenario!r} does not remove it"
                )
            target.removed[bid] = replace(target.removed[bid], demolished_in=phase)
        if not project.phases:
            used = [
                n
                for b in self.buildings
                for n in (
                    b.demolished_in,
                    b.delivered_in,
                    *(h.from_phase for h in b.hosts),
                )
                if n is not None
            ] + list(self.demolitions.values())
            count = max(used, default=0)
            project.phases = list(self.phases) or [Phase() for _ in range(count)]
        added = [
            (english, french)
            for english, french in phasing_problems_worded(project, self.scenario)
            if english not in before
        ]
        if added:
            raise ModelError(added[0][0], message_fr=added[0][1])

    def _restore_phase_data(self, project: Project) -> None:
        if self._old_phases is not None:
            project.phases = list(self._old_phases)
        if self._old_removed is not None and project.has_scenario(self.scenario):
            target = project.scenario(self.scenario)
            target.removed.clear()
            target.removed.update(self._old_removed)

    def _phases_changed(self, project: Project) -> bool:
        if self._old_phases is None or self._old_removed is None:
            return False
        if not project.has_scenario(self.scenario):
            return project.phases != self._old_phases
        return project.phases != self._old_phases or (
            project.scenario(self.scenario).demolitions
            != {
                b: r.demolished_in
                for b, r in self._old_removed.items()
                if r.demolished_in is not None
            }
        )

    def _capture(self, project: Project) -> Capture:
        return capture(project, self._ids()) | capture(
            project, [c.id for c in self.cover], ledger=COVERS
        )

    def _ids(self) -> set[str]:
        ids = {b.id for b in self.buildings}
        return ids | {b.origin for b in self.buildings if b.origin is not None}

    def _apply(self, project: Project) -> Change:
        adds = bool(self.buildings or self.cover)
        ids = [b.id for b in self.buildings]
        if len(set(ids)) != len(ids):
            raise ModelError("the import holds the same building id twice")
        self._check(project)
        problems = set(phasing_problems(project))
        site = (
            SetSiteBoundary(self.site, self.site_name)
            if self.site is not None
            else (None)
        )
        change = Change()
        created = None
        if adds and not project.has_scenario(self.scenario):
            created = (
                AddScenario(self.scenario, self.copy_from)
                if self.copy_from is not None
                else AddScenario(self.scenario, empty=True)
            )
            change = change.merge(created.apply(project))
        before: Capture | None = None
        target = None
        try:
            target = project.scenario(self.scenario) if adds else None
            if target is not None:
                self._check_origins(project, target is project.baseline)
                before = self._capture(project)
                # Through the model, so that what the baseline gains reaches
                # the scenarios that keep it (DESIGN §14).
                for building in self.buildings:
                    put_building(project, target, building)
                for cover in self.cover:
                    put_cover(project, target, cover)
                self._phase_data(project, problems)
            if site is not None:
                change = change.merge(site.apply(project))
        except Exception:
            self._restore_phase_data(project)
            if before is not None:
                restore(project, before)
            if created is not None:
                created.revert(project)
            raise
        self._new_scenario, self._site, self._before = created, site, before
        if before is not None:
            after = self._capture(project)
            self._reached = reached_scenarios(before, after, self.scenario)
        if self._phases_changed(project):
            change = change.merge(Change(self.scenario, everything=True))
        return change.merge(self._change(adds))

    def _change(self, adds: bool) -> Change:
        if not adds:
            return Change()
        return Change(
            self.scenario,
            frozenset(self._ids()),
            cover=bool(self.cover),
            reached=self._reached,
        )

    def _revert(self, project: Project) -> Change:
        adds = bool(self.buildings or self.cover)
        change = Change()
        if self._phases_changed(project):
            change = Change(self.scenario, everything=True)
        self._restore_phase_data(project)
        if self._site is not None:
            change = change.merge(self._site.revert(project))
        if self._before is not None:
            restore(project, self._before)
        if self._new_scenario is not None:
            change = change.merge(self._new_scenario.revert(project))
        return change.merge(self._change(adds))
