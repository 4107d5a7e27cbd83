"""Slots: what the scenarios hold under the ids an edit touches, kept to undo.

Edit commands capture the slots of the ids they touch before and after
(:func:`capture`) and restore them to undo or redo (:func:`restore`): undo is
exact however far an edit reached (see :mod:`mixplan.model.scenario_edits`).
Both work a record at a time for all the ids, at C speed where they can: a
whole-park edit captures and restores 10,000 slots in its turn on the GUI
thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import compress, islice, repeat
from operator import and_, attrgetter, is_, is_not, itemgetter, not_
from typing import Any

from mixplan.model.project import Building, GroundCover, Project, Removal, Scenario

__all__ = [
    "BUILDINGS",
    "COVERS",
    "Capture",
    "Ledger",
    "capture",
    "holds",
    "reached_scenarios",
    "restore",
]


@dataclass(frozen=True, slots=True)
class Ledger:
    """The fields of a :class:`Scenario` that record one kind of feature.

    Buildings and ground covers are both kept, changed, added and removed
    (DESIGN §14); capturing and restoring their slots is the same work on
    different fields.
    """

    #: the whole state, by id
    features: str
    #: ids of the baseline features kept as they are
    kept: str
    #: the baseline features removed (a dict of records, or a set of ids)
    removed: str
    #: digest of the baseline version each changed feature was changed from
    changed_from: str


BUILDINGS = Ledger("buildings", "kept", "removed", "changed_from")
COVERS = Ledger("cover", "cover_kept", "cover_removed", "cover_changed_from")


@dataclass(slots=True)
class _Slot:
    """What one scenario holds under one id of one kind of feature.

    Never changed once made (not frozen: a frozen dataclass sets each field
    through ``object.__setattr__``, and the two captures of a 10,000-building
    edit made 20,000 slots: 20 ms more).
    """

    value: Building | GroundCover | None
    kept: bool
    removal: Removal | bool | None
    changed_from: str | None
    #: where ``value``, ``removal`` and ``changed_from`` stood in their ordered
    #: records (the features, the removals when a dict, the changed-from
    #: digests), when recorded and present; not part of what a scenario holds
    places: tuple[int | None, int | None, int | None] | None = field(
        default=None, compare=False
    )


#: ``(scenario name, id, ledger's features field) -> slot``.
Capture = dict[tuple[str, str, str], _Slot]

#: The slot of an id a scenario holds nothing under (without and with its
#: places): one value shared by all such slots (a duplicate of 2,380
#: buildings captured 9,520 slots, three quarters of them empty: 12 ms).
_EMPTY = _Slot(None, False, None, None)
_EMPTY_PLACED = _Slot(None, False, None, None, (None, None, None))


def capture(
    project: Project,
    ids: Iterable[str],
    positions: bool = False,
    ledger: Ledger = BUILDINGS,
    only: str | None = None,
) -> Capture:
    """The slots of ``ids`` in every scenario (``only``: in that one alone).

    ``positions`` records where present features and their records stand in
    their scenario's order (needed by an edit that deletes them, to put them
    back in place). Captures of both ledgers can be merged (``|``) and restored
    together. An edit of a scenario other than the baseline reaches no other
    (:func:`reachable`): its slots alone are captured.
    """
    ids = list(ids)
    out: Capture = {}
    for s in project.scenarios:
        if only is not None and s.name != only:
            continue
        features = getattr(s, ledger.features)
        kept = getattr(s, ledger.kept)
        removed = getattr(s, ledger.removed)
        changed_from = getattr(s, ledger.changed_from)
        # Each record looked up for all the ids at C speed, then one slot an
        # id (two captures of a whole-park edit, one lookup after the other
        # an id: 15-30 ms of the edit's turn on the GUI thread).
        values = list(map(features.get, ids))
        kepts = list(map(kept.__contains__, ids))
        removals = _removals(removed, ids)
        changes = list(map(changed_from.get, ids))
        if positions:
            # (one place map per record, not a search of the order per id:
            # deleting 10,000 buildings searched 50 million places)
            at_feature, at_removal, at_change = (
                _places(record) for record in (features, removed, changed_from)
            )
            places: list[tuple[int | None, int | None, int | None] | None] = list(
                zip(
                    map(at_feature.get, ids),
                    map(at_removal.get, ids),
                    map(at_change.get, ids),
                    strict=True,
                )
            )
            empty = _EMPTY_PLACED
        else:
            places, empty = [None] * len(ids), _EMPTY
        out.update(
            zip(
                zip(repeat(s.name), ids, repeat(ledger.features)),
                [
                    empty
                    if value is None and removal is None and change is None and not k
                    else _Slot(value, k, removal, change, at)
                    for value, k, removal, change, at in zip(
                        values, kepts, removals, changes, places, strict=True
                    )
                ],
                strict=True,
            )
        )
    return out


def holds(project: Project, captured: Capture) -> bool:
    """Whether the scenarios hold just what a capture holds (its places aside).

    The very same values, removals and changed-from records, the same kept
    ids: a capture made ahead (while an edit is prepared, see
    :meth:`~mixplan.model.commands._MadeAhead.prepare`) stands for one made
    now. Looked up at C speed, no slot made: a few ms for 10,000 ids.
    """
    by_name = {s.name: s for s in project.scenarios}
    for (name, kind), (ids, held) in _grouped(captured).items():
        s = by_name.get(name)
        if s is None:
            return False
        ledger = _LEDGERS[kind]
        if not (
            all(map(is_, map(getattr(s, ledger.features).get, ids), map(_VALUE, held)))
            and list(map(getattr(s, ledger.kept).__contains__, ids))
            == list(map(_KEPT, held))
            and all(
                map(
                    is_, _removals(getattr(s, ledger.removed), ids), map(_REMOVAL, held)
                )
            )
            and all(
                map(
                    is_,
                    map(getattr(s, ledger.changed_from).get, ids),
                    map(_CHANGED_FROM, held),
                )
            )
        ):
            return False
    return True


def _removals(removed: dict[str, Removal] | set[str], ids: list[str]) -> list[Any]:
    """Each id's removal record (``True`` for a set's member, else ``None``)."""
    if isinstance(removed, dict):
        return list(map(removed.get, ids))
    return [True if k else None for k in map(removed.__contains__, ids)]


def _grouped(captured: Capture) -> dict[tuple[str, str], tuple[list[str], list[_Slot]]]:
    """The ids and slots of a capture by scenario and kind of feature, in order."""
    groups: dict[tuple[str, str], tuple[list[str], list[_Slot]]] = {}
    for (name, fid, kind), slot in captured.items():
        group = groups.get((name, kind))
        if group is None:
            group = groups[(name, kind)] = ([], [])
        group[0].append(fid)
        group[1].append(slot)
    return groups


def _places(record: dict[str, object] | set[str]) -> dict[str, int]:
    """Each key's place in an ordered record (none for a set: no order)."""
    if isinstance(record, set):
        return {}
    return {fid: k for k, fid in enumerate(record)}


_LEDGERS = {BUILDINGS.features: BUILDINGS, COVERS.features: COVERS}


def restore(project: Project, captured: Capture) -> None:
    """Put back the slots of a capture exactly, the records' order included."""
    by_name = {s.name: s for s in project.scenarios}
    # The slots of each scenario and kind of feature, each record then
    # restored for all of them at C speed (one slot after the other, the
    # undo of a whole-park edit took 20-40 ms of the GUI thread). The ids
    # differ: the order of their puts and removals within a record is the
    # order they are taken in below.
    for (name, kind), (ids, slots) in _grouped(captured).items():
        s = by_name.get(name)
        if s is not None:
            _restore_slots(s, _LEDGERS[kind], ids, slots)


def _restore_slots(
    s: Scenario, ledger: Ledger, ids: list[str], slots: list[_Slot]
) -> None:
    """Put back the slots of ``ids`` of one kind of feature in ``s``."""
    kept = getattr(s, ledger.kept)
    is_kept = list(map(_KEPT, slots))
    kept.difference_update(compress(ids, map(not_, is_kept)))
    kept.update(compress(ids, is_kept))
    placed = list(map(_PLACES, slots))
    if None in placed:  # (captured without places: none to put back in)
        placed = [_NOWHERE if at is None else at for at in placed]
    for k, (field_name, value_of) in enumerate(
        (
            (ledger.features, _VALUE),
            (ledger.removed, _REMOVAL),
            (ledger.changed_from, _CHANGED_FROM),
        )
    ):
        record = getattr(s, field_name)
        values = list(map(value_of, slots))
        present = list(map(is_not, values, repeat(None)))
        absent = list(map(not_, present))
        if isinstance(record, set):  # (covers' removals: no order to keep)
            record.difference_update(compress(ids, absent))
            record.update(compress(ids, present))
            continue
        for fid in compress(ids, absent):
            record.pop(fid, None)
        # Those no longer in the record go back to their places, if recorded;
        # picked for all the ids at C speed (one id after the other, the undo
        # of a whole-park delete took 10-17 ms more).
        ids_here = list(compress(ids, present))
        values_here = list(compress(values, present))
        wheres = list(map(itemgetter(k), compress(placed, present)))
        back = list(
            map(
                and_,
                map(is_not, wheres, repeat(None)),
                map(not_, map(record.__contains__, ids_here)),
            )
        )
        record.update(
            compress(zip(ids_here, values_here, strict=True), map(not_, back))
        )
        if any(back):
            _put_in_places(
                record,
                list(compress(zip(wheres, ids_here, values_here, strict=True), back)),
            )


#: the places of a slot captured without them
_NOWHERE: tuple[None, None, None] = (None, None, None)


_KEPT = attrgetter("kept")
_PLACES = attrgetter("places")
_VALUE = attrgetter("value")
_REMOVAL = attrgetter("removal")
_CHANGED_FROM = attrgetter("changed_from")


def _put_in_places(record: dict[str, Any], entries: list[tuple[int, str, Any]]) -> None:
    """Insert each (place, key, value) of ``entries`` at its place in ``record``.

    One pass over the dict, the others keeping their order. Places are those of
    the order the entries were captured from, which the others still follow;
    taken in ascending order, each lands where it was (one at a time in any
    order, a later one at a lower place pushed an earlier one out of its own).
    """
    entries = sorted(entries, key=_PLACE)
    if not record:  # (all of a whole-park delete's: their places are in order)
        record.update(map(_KEY_VALUE, entries))
        return
    items = iter(list(record.items()))
    merged: list[tuple[str, Any]] = []
    for place, key, value in entries:
        # (others taken only when some are due: an islice an entry was 2-3
        # ms of the undo of a whole-park delete)
        if place > len(merged):
            merged.extend(islice(items, place - len(merged)))
        merged.append((key, value))
    merged.extend(items)
    record.clear()
    record.update(merged)


_PLACE = itemgetter(0)
_KEY_VALUE = itemgetter(1, 2)


def reached_scenarios(
    before: Capture, after: Capture, apart_from: str
) -> frozenset[str]:
    """Names of the scenarios (but ``apart_from``) whose slots differ."""
    return frozenset(
        name
        for key, slot in after.items()
        if (name := key[0]) != apart_from and before.get(key) != slot
    )
