"""When two buildings are "the same": one definition, derived from the fields.

Every comparison of buildings in mixplan goes through :func:`building_differences`,
which lists the fields (of :class:`~mixplan.model.project.Building`) whose values
differ. Being derived from ``dataclasses.fields``, it cannot forget a field added
later. The questions asked of it:

- *kept*: a scenario building is the baseline's building as it is
  (:func:`is_kept_version`): no field differs but ``origin`` (which, in a
  scenario, names the baseline building). Used by the scenario model, by the
  version-1 migration (a copy equal to its origin becomes kept) and by the
  engine's caches (a kept building has exactly its origin's facts, name aside).
- *altered* (C03, C05, C14 apply to altered buildings only): a field outside
  :data:`UNALTERING_FIELDS` differs (:func:`alters`). A field added later counts
  as an alteration unless it is listed there: the conservative default.

:func:`building_digest` fingerprints a building's content (stable across saving
and reopening), so a scenario can remember which version of a baseline building
it changed (rule U02).

Ground covers are compared by the same field-derived means: a scenario cover is
the baseline's as it is when no field differs (:func:`is_same_cover`), and
:func:`cover_digest` fingerprints it.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from dataclasses import fields, is_dataclass, replace
from itertools import compress
from operator import attrgetter, eq, is_not
from typing import TYPE_CHECKING, Any

import shapely

if TYPE_CHECKING:
    from mixplan.model.project import Building, GroundCover

__all__ = [
    "UNALTERING_FIELDS",
    "alters",
    "alters_in_bulk",
    "building_differences",
    "building_digest",
    "cover_digest",
    "differences_in_bulk",
    "is_same_cover",
    "is_kept_version",
    "kept_version",
    "same_facts",
    "same_facts_in_bulk",
]

#: Fields whose change leaves a building "as it is" for the rules about built
#: form (C03, C05, C14): its name and the figures that do not change the structure.
UNALTERING_FIELDS: frozenset[str] = frozenset(
    {
        "id",
        "name",
        "origin",
        "loading_bays",
        "parking_spaces",
        "roof",
        "shared",
        # whether dwellings share internal common parts: an SDP deduction
        # (R111-22 8°), not a change of the built form
        "common_parts",
    }
) | frozenset({"demolished_in", "delivered_in", "occupants", "hosts"})

#: Fields of the phasing (DESIGN §16): when a building is built and who is in it
#: change neither its built form nor its floor areas.
PHASING_FIELDS: frozenset[str] = frozenset(
    {"demolished_in", "delivered_in", "occupants", "hosts"}
)
#: Fields the engine's per-building facts do not depend on.
_NOT_FACTS: frozenset[str] = frozenset({"origin", "name"}) | PHASING_FIELDS


def _same_value(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if isinstance(a, shapely.Geometry) or isinstance(b, shapely.Geometry):
        return (
            isinstance(a, shapely.Geometry)
            and isinstance(b, shapely.Geometry)
            and bool(a.equals_exact(b, 0.0))
            and a.geom_type == b.geom_type
        )
    return bool(a == b)


def building_differences(
    a: Building | GroundCover, b: Building | GroundCover
) -> frozenset[str]:
    """The names of the fields whose values differ between two buildings.

    Geometries are compared exactly (same vertices in the same order).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model.project import Building, Level
    >>> a = Building("a", "Shed", box(0, 0, 10, 10), (Level.of(6, "craft"),))
    >>> sorted(building_differences(a, replace(a, name="Hall", roof="green")))
    ['name', 'roof']
    """
    if a is b:
        return frozenset()
    return frozenset(
        name
        for name in _field_names(type(a))
        if not _same_value(getattr(a, name), getattr(b, name))
    )


def differences_in_bulk(
    buildings: Sequence[Building], others: Sequence[Building]
) -> list[frozenset[str]]:
    """:func:`building_differences` of each pair ``(buildings[i], others[i])``.

    The same answer, pair by pair, but field by field over all the pairs: the
    values that are the same object (most of them: a scenario's version of a
    building shares its origin's unchanged field values) are skipped at C
    speed, and only the others are compared as :func:`building_differences`
    does. Every value must be a :class:`~mixplan.model.project.Building`.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model.project import Building, Level
    >>> a = Building("a", "Shed", box(0, 0, 10, 10), (Level.of(6, "craft"),))
    >>> [sorted(d) for d in differences_in_bulk(
    ...     [a, replace(a, roof="green"), replace(a, footprint=box(0, 0, 10, 10))],
    ...     [a, a, a])]
    [[], ['roof'], []]
    """
    count = len(buildings)
    if not count:
        return []
    from mixplan.model.project import Building  # (a cycle at import time)

    names = _field_names(Building)
    every_field = _all_fields(Building)
    differing: list[list[str]] = [[] for _ in range(count)]
    for name, mine, theirs in zip(
        names,
        zip(*map(every_field, buildings), strict=True),
        zip(*map(every_field, others), strict=True),
        strict=True,
    ):
        for k in compress(range(count), map(is_not, mine, theirs)):
            if not _same_value(mine[k], theirs[k]):
                differing[k].append(name)
    return list(map(frozenset, differing))


def same_facts_in_bulk(
    buildings: Sequence[Building], origins: Sequence[Building]
) -> tuple[list[bool], list[frozenset[str] | None]]:
    """:func:`same_facts` of each building and its origin, at once.

    Returns the answers, and the differences (:func:`building_differences`)
    that had to be looked at: ``None`` where the answer needed none (a kept
    building shares its origin's field objects; another id differs anyway).
    Pass them on to :func:`alters_in_bulk`.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model.project import Building, Level
    >>> a = Building("a", "Shed", box(0, 0, 10, 10), (Level.of(6, "craft"),))
    >>> same, found = same_facts_in_bulk(
    ...     [kept_version(a), replace(a, name="Hall"), replace(a, ramp=True)], [a] * 3)
    >>> same, [None if d is None else sorted(d) for d in found]
    ([True, True, False], [None, None, ['ramp']])
    """
    if not len(buildings):
        return [], []
    getter = _fact_fields(type(buildings[0]))
    ids_equal = list(map(eq, map(_ID, buildings), map(_ID, origins)))
    # same_facts' fast path, at C speed: every fact field the same object (or equal).
    same = [
        same_id and quick
        for same_id, quick in zip(
            ids_equal,
            map(eq, map(getter, buildings), map(getter, origins)),
            strict=True,
        )
    ]
    rest = [
        k for k, (s, i) in enumerate(zip(same, ids_equal, strict=True)) if i and not s
    ]
    differences: list[frozenset[str] | None] = [None] * len(buildings)
    found = differences_in_bulk(
        [buildings[k] for k in rest], [origins[k] for k in rest]
    )
    for k, differing in zip(rest, found, strict=True):
        differences[k] = differing
        same[k] = differing <= _NOT_FACTS
    return same, differences


def alters_in_bulk(
    buildings: Sequence[Building],
    origins: Sequence[Building | None],
    differences: Sequence[frozenset[str] | None] | None = None,
) -> list[bool]:
    """:func:`alters` of each building and its origin (``None``: a new building).

    ``differences``: those already known (:func:`same_facts_in_bulk`), ``None``
    where not; the others are found in bulk.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model.project import Building, Level
    >>> a = Building("a", "Shed", box(0, 0, 10, 10), (Level.of(6, "craft"),))
    >>> alters_in_bulk([a, replace(a, roof="green"), replace(a, ramp=True), a],
    ...                [a, a, a, None])
    [False, False, True, True]
    """
    altered = [origin is None for origin in origins]
    # Only pairs of two objects are looked at (a baseline is its own origin).
    pairs = [
        k
        for k in compress(range(len(buildings)), map(is_not, buildings, origins))
        if origins[k] is not None
    ]
    found: list[frozenset[str] | None] = (
        [differences[k] for k in pairs]
        if differences is not None
        else [None] * len(pairs)
    )
    todo = [j for j, d in enumerate(found) if d is None]
    for j, fresh in zip(
        todo,
        differences_in_bulk(
            [buildings[pairs[j]] for j in todo],
            [origins[pairs[j]] for j in todo],  # type: ignore[misc]
        ),
        strict=True,
    ):
        found[j] = fresh
    for k, differing in zip(pairs, found, strict=True):
        altered[k] = not differing <= UNALTERING_FIELDS  # type: ignore[operator]
    return altered


_ID = attrgetter("id")
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_ALL_FIELDS: dict[type, Any] = {}


def _all_fields(cls: type) -> Any:
    """A C-speed getter of every field of ``cls``, in :func:`_field_names` order."""
    getter = _ALL_FIELDS.get(cls)
    if getter is None:
        getter = _ALL_FIELDS[cls] = attrgetter(*_field_names(cls))
    return getter


def _field_names(cls: type) -> tuple[str, ...]:
    # dataclasses.fields() rebuilds its tuple on every call: 10,000 buildings
    # compared with their origins paid for it 10,000 times.
    found = _FIELD_NAMES.get(cls)
    if found is None:
        found = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return found


def alters(building: Building, origin: Building | None) -> bool:
    """Whether a building is new or alters the built form of its baseline building."""
    if origin is None:
        return True
    return not building_differences(building, origin) <= UNALTERING_FIELDS


def kept_version(base: Building) -> Building:
    """The version of baseline building ``base`` that a scenario keeps as it is."""
    return replace(base, origin=base.id)


def is_kept_version(building: Building, base: Building) -> bool:
    """Whether a scenario building is baseline building ``base`` as it is.

    Its id and origin are the baseline building's id, and nothing else differs.
    """
    return (
        building.origin == base.id
        and building.id == base.id
        and building_differences(building, base) <= {"origin"}
    )


def same_facts(building: Building, origin: Building) -> bool:
    """Whether a building has exactly its origin's engine facts (its name aside).

    The engine shares the origin's cached facts then.
    """
    if building.id != origin.id:
        return False
    # Fast path: a kept building shares every field's object with its origin
    # (tuples compare items by identity first, at C speed).
    getter = _fact_fields(type(building))
    if getter(building) == getter(origin):
        return True
    return building_differences(building, origin) <= _NOT_FACTS


_FACT_GETTERS: dict[type, Any] = {}


def _fact_fields(cls: type) -> Any:
    """A C-speed getter of the fields the engine's facts depend on."""
    getter = _FACT_GETTERS.get(cls)
    if getter is None:
        names = [f.name for f in fields(cls) if f.name not in _NOT_FACTS]
        getter = _FACT_GETTERS[cls] = attrgetter(*names)
    return getter


def _encode(value: Any, out: list[bytes]) -> None:
    """Append a canonical byte encoding of a field value to ``out``."""
    if value is None:
        out.append(b"N")
    elif isinstance(value, bool):
        out.append(b"T" if value else b"F")
    elif isinstance(value, int | float):
        out.append(b"d" + struct.pack("<d", float(value)))
    elif isinstance(value, str):
        data = value.encode()
        out.append(b"s" + struct.pack("<I", len(data)) + data)
    elif isinstance(value, shapely.Geometry):
        data = shapely.to_wkb(value, flavor="iso")
        out.append(b"g" + struct.pack("<I", len(data)) + data)
    elif isinstance(value, tuple | list):
        out.append(b"(" + struct.pack("<I", len(value)))
        for item in value:
            _encode(item, out)
    elif is_dataclass(value) and not isinstance(value, type):
        out.append(b"{" + type(value).__name__.encode())
        for f in fields(value):
            _encode(getattr(value, f.name), out)
    else:  # pragma: no cover - a field type this encoder does not know
        raise TypeError(f"cannot fingerprint a {type(value).__name__}")


_DIGESTS: dict[int, tuple[Any, str]] = {}
_DIGESTS_MAX = 65536


def building_digest(building: Building) -> str:
    """A fingerprint of a building's content, its ``origin`` aside.

    Equal for buildings :func:`building_differences` finds the same (up to
    ``origin``), and unchanged by saving and reopening a project.
    (:func:`cover_digest` is the same fingerprint, for a ground cover.)

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model.project import Building, Level
    >>> a = Building("a", "Shed", box(0, 0, 10, 10), (Level.of(6, "craft"),))
    >>> building_digest(a) == building_digest(kept_version(a))
    True
    >>> building_digest(a) == building_digest(replace(a, ramp=True))
    False
    """
    return _digest(building)


def cover_digest(cover: GroundCover) -> str:
    """A fingerprint of a ground cover's content (id, type, polygon, spaces).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model.project import GroundCover
    >>> c = GroundCover("g", "open_soil", box(0, 0, 10, 10))
    >>> cover_digest(c) == cover_digest(replace(c, cover="lawn"))
    False
    """
    return _digest(cover)


def is_same_cover(cover: GroundCover, base: GroundCover) -> bool:
    """Whether a scenario's ground cover is baseline cover ``base`` as it is."""
    return not building_differences(cover, base)


def _digest(value: Any) -> str:
    # Remembered per object (values are immutable; the entry holds the
    # object, so its id cannot be reused while remembered).
    found = _DIGESTS.get(id(value))
    if found is not None and found[0] is value:
        return found[1]
    out: list[bytes] = []
    for f in fields(value):
        if f.name != "origin":
            out.append(f.name.encode())
            _encode(getattr(value, f.name), out)
    digest = hashlib.sha256(b"\x00".join(out)).hexdigest()[:32]
    if len(_DIGESTS) >= _DIGESTS_MAX:
        _DIGESTS.clear()
    _DIGESTS[id(value)] = (value, digest)
    return digest
