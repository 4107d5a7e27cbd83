"""Building edits that keep scenarios as changes over the baseline (DESIGN §14).

A scenario keeps, changes, adds and removes buildings (see
:class:`~mixplan.model.project.Scenario`). The functions here change one building
of one scenario and carry the consequences everywhere they reach:

- an edit of a baseline building reaches every scenario that keeps it (they show
  the new version at once); a scenario that changed it keeps its own version;
- a building added to the baseline is kept by every scenario, one removed from
  the baseline leaves the scenarios that kept or removed it;
- in a scenario, editing a kept building makes it changed (remembering the
  baseline version it was changed from), a building made equal to its baseline
  building becomes kept again, removing a baseline building records the removal,
  restoring it keeps it again.

Edit commands capture the "slots" of the building ids they touch in every
scenario before and after (:func:`capture`) and restore them to undo or redo
(:func:`restore`), so undo is exact however far an edit reached.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from itertools import compress, repeat
from operator import attrgetter, is_, is_not, ne, not_
from types import SimpleNamespace
from typing import cast

from mixplan.model.errors import ModelError
from mixplan.model.project import Building, Project, Removal, Scenario
from mixplan.model.sameness import (
    Fingerprint,
    building_digests,
    is_kept_version,
    kept_in_bulk,
    kept_version,
    made_of,
)
from mixplan.model.slots import (
    BUILDINGS,
    COVERS,
    Capture,
    Ledger,
    capture,
    holds,
    reached_scenarios,
    restore,
)

__all__ = [
    "BUILDINGS",
    "COVERS",
    "Capture",
    "Kept",
    "Ledger",
    "capture",
    "continuing",
    "drop_buildings",
    "holds",
    "origins_and_kept",
    "outdated_changes",
    "put_building",
    "put_buildings",
    "reachable",
    "reached_scenarios",
    "restore",
    "restore_building",
    "take_existing_version",
]

_ORIGIN = attrgetter("origin")
#: Stands for a building a scenario no longer holds: no origin.
_GONE = SimpleNamespace(origin=None)


def reachable(project: Project, scenario: str) -> str | None:
    """The one scenario an edit of ``scenario`` can change (``None``: any).

    An edit of the baseline reaches the scenarios that keep what it edits;
    one of another scenario changes that scenario only (DESIGN §14).
    """
    scenarios = project.scenarios
    return None if not scenarios or scenarios[0].name == scenario else scenario


def continuing(project: Project, baseline_ids: Collection[str]) -> set[str]:
    """Ids of the scenario buildings (in any scenario) continuing baseline ones."""
    return {
        bid
        for s in project.scenarios[1:]
        for bid, b in s.buildings.items()
        if b.origin in baseline_ids
    }


def outdated_changes(
    project: Project,
    scenario: Scenario,
    fingerprints: Callable[[list[Building]], list[str]] = building_digests,
    origin_ids: list[str | None] | None = None,
) -> tuple[str, ...]:
    """Changed buildings whose baseline building was edited since (rule U02).

    The baseline building's current version is not the one the scenario changed.
    ``fingerprints``: :func:`~mixplan.model.sameness.building_digest` of each
    of a list of baseline buildings (whoever has read their levels already
    may give the same digests made from what it read). ``origin_ids``: the
    origin id of each record's building (``None``: none, or the building is
    gone), in the records' order, if the caller has them at hand.
    """
    if scenario is project.baseline:
        return ()
    records = scenario.changed_from
    # Each record's building, its origin id, the baseline building of that id,
    # at C speed (a file just opened has 5,000 records at 10,000 buildings).
    # No building has the id None (a new building's origin) nor a blank one.
    ids = (
        list(map(_ORIGIN, map(scenario.buildings.get, records, repeat(_GONE))))
        if origin_ids is None
        else origin_ids
    )
    if len(ids) != len(records):
        raise ValueError("one origin id a record")
    origins = list(map(project.baseline.buildings.get, ids))  # type: ignore[arg-type]
    kept = list(map(is_not, origins, repeat(None)))
    found = cast(list[Building], list(compress(origins, kept)))
    digests = list(compress(records.values(), kept))
    # A record made of the very building that is its origin now is that
    # building's digest: not outdated, not fingerprinted (a whole-park edit
    # records 3,300 of them at 10,000 buildings: 80 ms of digests one by one
    # on the engine's thread). A file just opened fingerprints every changed
    # building's origin here.
    unsure = list(map(not_, made_of(digests, found)))
    asked = list(compress(found, unsure))
    now = fingerprints(asked)
    if len(now) != len(asked):
        raise ValueError("one fingerprint a building")
    return tuple(
        compress(
            compress(compress(records, kept), unsure),
            map(ne, now, compress(digests, unsure)),
        )
    )


def _check_origin(project: Project, scenario: Scenario, building: Building) -> None:
    if building.origin is None:
        return
    if scenario is project.baseline:
        raise ModelError(f"building {building.id}: a baseline building has no origin")
    if building.origin not in project.baseline.buildings:
        raise ModelError(
            f"building {building.id}: origin {building.origin!r} is not a building "
            "of the baseline"
        )


def put_building(project: Project, scenario: Scenario, building: Building) -> None:
    """Add a building to a scenario or replace the one with its id.

    Raises
    ------
    ModelError
        (before changing anything) if a baseline building has an origin, a
        scenario building's origin is not a baseline building, or a new baseline
        building's id is used by another building of a scenario.
    """
    _check_origin(project, scenario, building)
    baseline = project.baseline
    bid = building.id
    if scenario is baseline:
        others = project.scenarios[1:]
        new = bid not in baseline.buildings
        if new:
            for t in others:
                if bid in t.buildings and bid not in t.kept:
                    raise ModelError(
                        f"building id {bid!r} is already used in scenario {t.name!r}"
                    )
        baseline.buildings[bid] = building
        kept = kept_version(building)
        for t in others:
            if bid in t.kept or (new and bid not in t.removed):
                t.buildings[bid] = kept
                t.kept.add(bid)
        return
    origin = (
        baseline.buildings.get(building.origin) if building.origin is not None else None
    )
    _place(
        scenario,
        building,
        origin,
        origin is not None and is_kept_version(building, origin),
    )


def _place(
    scenario: Scenario, building: Building, origin: Building | None, is_kept: bool
) -> None:
    """Put ``building`` in a scenario (not the baseline), its records following.

    Kept (``is_kept``: its ``origin`` as it is), changed from ``origin`` (the
    version it is changed from recorded, as a :class:`Fingerprint`, unless it
    was changed from the same origin already) or new.
    """
    bid = building.id
    previous = scenario.buildings.get(bid)
    was_kept = bid in scenario.kept
    scenario.buildings[bid] = building
    if is_kept:
        scenario.kept.add(bid)
        scenario.changed_from.pop(bid, None)
    else:
        scenario.kept.discard(bid)
        if origin is None:
            scenario.changed_from.pop(bid, None)
        elif (
            was_kept
            or bid not in scenario.changed_from
            or previous is None
            or previous.origin != building.origin
        ):
            scenario.changed_from[bid] = Fingerprint(origin)
    if building.origin is not None:
        scenario.removed.pop(building.origin, None)


#: What :func:`origins_and_kept` answered: each building's baseline building
#: (``None``: none) and whether the building is it as it is.
Kept = tuple[list[Building | None], list[bool]]


def origins_and_kept(project: Project, buildings: Sequence[Building]) -> Kept:
    """Each building's baseline building now, and whether it is that one as it is.

    (:func:`~mixplan.model.sameness.kept_in_bulk`, a function of the two
    alone: asked ahead, the answers hold while the baseline buildings are the
    very same objects; see :func:`put_buildings`.)
    """
    origins = _origins(project, buildings)
    return origins, kept_in_bulk(buildings, origins)


def _origins(project: Project, buildings: Sequence[Building]) -> list[Building | None]:
    """Each building's baseline building (``None``: none)."""
    base = project.baseline.buildings
    return [base.get(b.origin) if b.origin is not None else None for b in buildings]


def put_buildings(
    project: Project,
    scenario: Scenario,
    buildings: Sequence[Building],
    asked: Kept | None = None,
) -> None:
    """:func:`put_building` of each building in turn, done at once.

    The same scenarios after it, records in the same order. In a scenario,
    whether each building is its baseline building as it is is asked of all
    at once (:func:`~mixplan.model.sameness.kept_in_bulk`): one by one, the
    3,300 kept buildings of a 10,000-building park moved together cost 150 ms
    of fingerprints and comparisons. (The baseline versions they are changed
    from are recorded as :class:`~mixplan.model.sameness.Fingerprint`, made
    when read, as :func:`put_building` records them.)

    ``asked``: :func:`origins_and_kept` of these buildings asked before (a
    move of 10,000 buildings asks it while it is prepared), used if their
    baseline buildings are still the very same objects (else asked again).

    Raises
    ------
    ModelError
        as :func:`put_building` does; in a scenario, every building is checked
        before anything changes.
    """
    ids = [b.id for b in buildings]
    if scenario is project.baseline or len(set(ids)) != len(ids):
        # (the baseline's edits reach every scenario, one building at a time;
        # an id given twice: the second finds the first in place)
        for building in buildings:
            put_building(project, scenario, building)
        return
    for building in buildings:
        _check_origin(project, scenario, building)
    origins = _origins(project, buildings)
    if (
        asked is not None
        and len(asked[0]) == len(origins)
        and all(map(is_, asked[0], origins))
    ):
        kept = asked[1]
    else:
        kept = kept_in_bulk(buildings, origins)
    for b, origin, is_kept in zip(buildings, origins, kept, strict=True):
        _place(scenario, b, origin, is_kept)


def drop_buildings(
    project: Project, scenario: Scenario, building_ids: Sequence[str]
) -> None:
    """Remove buildings from a scenario, as one after the other would.

    In the baseline, each also leaves every scenario that kept it (and their
    records of removing it); a scenario's building that continued one becomes a
    new building of that scenario (it has nothing left to continue). In a
    scenario, removing buildings that continue a baseline building (kept or
    changed) records that the scenario removes the baseline building, unless
    another building still continues it. One pass over each scenario, whatever
    the number of buildings: deleting 10,000 one by one scanned 10,000 × 10,000.
    """
    dropped = [scenario.building(bid) for bid in building_ids]
    baseline = project.baseline
    for bid in building_ids:
        del scenario.buildings[bid]
        scenario.kept.discard(bid)
        scenario.changed_from.pop(bid, None)
    if scenario is baseline:
        gone = set(building_ids)
        for t in project.scenarios[1:]:
            for bid in building_ids:
                if bid in t.kept:
                    del t.buildings[bid]
                    t.kept.discard(bid)
                t.removed.pop(bid, None)
            for bid, b in list(t.buildings.items()):
                if b.origin in gone:
                    # (only the origin checked: every field of 4,998 such
                    # buildings checked again held the window ~120 ms)
                    t.buildings[bid] = b.renewed(origin=None)
                    t.changed_from.pop(bid, None)
        return
    still = {b.origin for b in scenario.buildings.values()}
    # Recorded when the last building continuing it goes, in that order.
    last = {b.origin: k for k, b in enumerate(dropped)}
    for origin in sorted(last, key=last.__getitem__):
        if origin is not None and origin in baseline.buildings and origin not in still:
            scenario.removed[origin] = Removal(origin)


def restore_building(project: Project, scenario: Scenario, baseline_id: str) -> None:
    """Undo a scenario's removal of a baseline building: the scenario keeps it."""
    if scenario is project.baseline:
        raise ModelError("the baseline removes nothing to restore")
    if baseline_id not in scenario.removed:
        raise ModelError(
            f"scenario {scenario.name!r} does not remove building {baseline_id!r}"
        )
    base = project.baseline.buildings.get(baseline_id)
    if base is None:
        raise ModelError(f"the baseline has no building {baseline_id!r}")
    if baseline_id in scenario.buildings:
        raise ModelError(
            f"scenario {scenario.name!r} already has a building {baseline_id!r}"
        )
    del scenario.removed[baseline_id]
    scenario.buildings[baseline_id] = kept_version(base)
    scenario.kept.add(baseline_id)


def take_existing_version(
    project: Project, scenario: Scenario, building_id: str
) -> str:
    """Replace a changed building by the baseline's current version (then kept).

    Returns the id of the kept building (its baseline building's id).
    """
    building = scenario.building(building_id)
    origin_id = building.origin
    base = project.baseline.buildings.get(origin_id) if origin_id is not None else None
    if scenario is project.baseline or base is None or origin_id is None:
        raise ModelError(
            f"building {building_id!r} continues no building of the existing state"
        )
    if origin_id != building_id and origin_id in scenario.buildings:
        raise ModelError(
            f"scenario {scenario.name!r} already has a building {origin_id!r}"
        )
    if origin_id != building_id:
        del scenario.buildings[building_id]
        scenario.kept.discard(building_id)
        scenario.changed_from.pop(building_id, None)
    scenario.buildings[origin_id] = kept_version(base)
    scenario.kept.add(origin_id)
    scenario.changed_from.pop(origin_id, None)
    scenario.removed.pop(origin_id, None)
    return origin_id
