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
import operator
import struct
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields, is_dataclass, replace  # noqa: F401 - the examples use it
from functools import partial
from itertools import compress
from operator import attrgetter, is_not
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import numpy as np
import shapely

from mixplan.model.digest_columns import (
    LevelColumns,
    allocation_head,
    encoded_in_bulk,
    optional_text,
    text_segment,
)
from mixplan.model.slot_values import SlotReader, probe

if TYPE_CHECKING:
    from mixplan.model.project import Building, GroundCover

__all__ = [
    "UNALTERING_FIELDS",
    "Digest",
    "Fingerprint",
    "alters",
    "alters_in_bulk",
    "building_differences",
    "building_digest",
    "building_digests",
    "compare_in_bulk",
    "cover_digest",
    "digest_text",
    "is_same_cover",
    "is_kept_version",
    "kept_in_bulk",
    "kept_version",
    "made_of",
    "same_facts",
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


def _same_values(values: list[Any], others: list[Any]) -> list[bool]:
    """:func:`_same_value` of each pair, geometries compared in one call."""
    kinds = set(map(type, values)) | set(map(type, others))
    if all(issubclass(kind, shapely.Geometry) for kind in kinds):
        first = np.empty(len(values), dtype=object)
        first[:] = values
        second = np.empty(len(others), dtype=object)
        second[:] = others
        same: list[bool] = (
            shapely.equals_exact(first, second, 0.0)
            & (shapely.get_type_id(first) == shapely.get_type_id(second))
        ).tolist()
        return same
    if not any(issubclass(kind, shapely.Geometry) for kind in kinds):
        return list(map(bool, map(operator.eq, values, others)))
    return list(map(_same_value, values, others))


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


def compare_in_bulk(
    buildings: Sequence[Building], origins: Sequence[Building | None]
) -> tuple[list[bool], list[bool]]:
    """:func:`same_facts` and :func:`alters` of each building and its origin.

    ``None`` for an origin: a new building (not the same facts, altered). The
    same answers as the one-pair functions, field by field over all the pairs:
    the values that are the same object (most of them: a scenario's version of
    a building shares its origin's unchanged field values) are passed over at
    C speed, the others compared as :func:`building_differences` does, and a
    pair already known to differ in facts and form is not looked at again.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model.project import Building, Level
    >>> a = Building("a", "Shed", box(0, 0, 10, 10), (Level.of(6, "craft"),))
    >>> compare_in_bulk(
    ...     [kept_version(a), replace(a, roof="green"), replace(a, ramp=True), a],
    ...     [a, a, a, None])
    ([True, False, False, False], [False, False, True, True])
    """
    count = len(buildings)
    if count > _CHUNK:
        # A few thousand pairs at a time: each field's pass then finds their
        # objects still in the processor's cache (at 100,000 buildings, all
        # the pairs at once took 1.7 times as long).
        same: list[bool] = []
        altered: list[bool] = []
        for start in range(0, count, _CHUNK):
            part = slice(start, start + _CHUNK)
            more = compare_in_bulk(buildings[part], origins[part])
            same += more[0]
            altered += more[1]
        return same, altered
    same = [origin is not None for origin in origins]
    altered = [origin is None for origin in origins]
    # The pairs still open (not yet known to differ in facts and in form); a
    # building that is its origin (a baseline's) is decided too.
    positions = [
        k for k in compress(range(count), map(is_not, buildings, origins)) if same[k]
    ]
    if not positions:
        return same, altered
    from mixplan.model.project import Building  # (a cycle at import time)

    mine = [buildings[k] for k in positions]
    theirs = cast(list["Building"], [origins[k] for k in positions])
    # The first field (the levels) read plainly; the pairs it decides (a
    # storey added, one converted) dropped; the others' fields read at once,
    # one C call a side (at 100,000 buildings, 137 -> 114 ms).
    first, *rest = _field_roles(Building)
    get = attrgetter(first[0])
    _compare_field(
        first, list(map(get, mine)), list(map(get, theirs)), positions, same, altered
    )
    open_ = [j for j, k in enumerate(positions) if same[k] or not altered[k]]
    if len(open_) < len(positions):
        positions = [positions[j] for j in open_]
        mine = [mine[j] for j in open_]
        theirs = [theirs[j] for j in open_]
    if positions:
        reader = _reader(Building, tuple(name for name, _, _ in rest))
        for role, values, others in zip(
            rest, reader.read(mine), reader.read(theirs), strict=True
        ):
            _compare_field(role, values, others, positions, same, altered)
    return same, altered


def _compare_field(
    role: tuple[str, bool, bool],
    values: list[Any],
    others: list[Any],
    positions: list[int],
    same: list[bool],
    altered: list[bool],
) -> None:
    """Mark the pairs at ``positions`` whose values of one field differ.

    ``role``: the field's name, whether facts and form depend on it; a pair
    already known to differ in those is not looked at again.
    """
    _, in_facts, in_form = role
    # the pairs whose values are other objects, still open for this field
    asked = [
        j
        for j in compress(range(len(positions)), map(is_not, values, others))
        if in_facts and same[positions[j]] or in_form and not altered[positions[j]]
    ]
    if not asked:
        return
    equal = _same_values([values[j] for j in asked], [others[j] for j in asked])
    for j in compress(asked, map(operator.not_, equal)):
        k = positions[j]
        if in_facts:
            same[k] = False
        if in_form:
            altered[k] = True


_READERS: dict[tuple[type, tuple[str, ...]], SlotReader] = {}


def _reader(cls: type, names: tuple[str, ...]) -> SlotReader:
    """A :class:`SlotReader` of these fields of ``cls``, made once."""
    found = _READERS.get((cls, names))
    if found is None:
        found = _READERS[cls, names] = SlotReader(cls, [probe(cls)], names)
    return found


#: How many pairs :func:`compare_in_bulk` compares at once.
_CHUNK = 4096

_ROLES: dict[type, list[tuple[str, bool, bool]]] = {}


def _field_roles(cls: type) -> list[tuple[str, bool, bool]]:
    """Each field of ``cls`` that matters: whether facts, form depend on it.

    Form: a field outside :data:`UNALTERING_FIELDS`; facts: outside
    ``_NOT_FACTS`` (a field added later counts for both unless listed). The
    fields of both come first: a pair that differs in one is decided; of
    those, the levels first (what a scenario changes most: a storey added,
    one converted; told apart before the footprints, whose exact comparison
    costs a GEOS call a pair).
    """
    roles = _ROLES.get(cls)
    if roles is None:
        found = [
            (name, name not in _NOT_FACTS, name not in UNALTERING_FIELDS)
            for name in _field_names(cls)
        ]
        roles = _ROLES[cls] = sorted(
            (r for r in found if r[1] or r[2]),
            key=lambda r: (not (r[1] and r[2]), r[0] != "levels"),
        )
    return roles


def alters_in_bulk(
    buildings: Sequence[Building], origins: Sequence[Building | None]
) -> list[bool]:
    """:func:`alters` of each building and its origin (``None``: a new building).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model.project import Building, Level
    >>> a = Building("a", "Shed", box(0, 0, 10, 10), (Level.of(6, "craft"),))
    >>> alters_in_bulk([a, replace(a, roof="green"), replace(a, ramp=True), a],
    ...                [a, a, a, None])
    [False, False, True, True]
    """
    return compare_in_bulk(buildings, origins)[1]


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


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
    """The version of baseline building ``base`` that a scenario keeps as it is.

    Made without checking again what ``base`` holds (it was checked when
    made, and its id is a valid origin): see ``Building.as_kept``.
    """
    return base.as_kept()


def is_kept_version(building: Building, base: Building) -> bool:
    """Whether a scenario building is baseline building ``base`` as it is.

    Its id and origin are the baseline building's id, and nothing else differs.
    """
    return (
        building.origin == base.id
        and building.id == base.id
        and building_differences(building, base) <= {"origin"}
    )


def kept_in_bulk(
    buildings: Sequence[Building], bases: Sequence[Building | None]
) -> list[bool]:
    """:func:`is_kept_version` of each building and its base (``None``: not kept).

    The same answers, field by field over all the pairs: values that are the
    same object are passed over at C speed, the others compared as
    :func:`building_differences` does (geometries in one call), and a pair
    found to differ is not looked at again. The footprints come first: a
    moved selection differs there, every building of it (one by one, a move of
    10,000 buildings compared every field of each: 50 ms).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model.project import Building, Level
    >>> a = Building("a", "Shed", box(0, 0, 10, 10), (Level.of(6, "craft"),))
    >>> kept = kept_version(a)
    >>> kept_in_bulk([kept, replace(kept, name="Hall"), kept, a], [a, a, None, a])
    [True, False, False, False]
    """
    if len(buildings) != len(bases):
        raise ValueError("one base a building")
    count = len(buildings)
    kept = [
        base is not None and b.origin == base.id and b.id == base.id
        for b, base in zip(buildings, bases, strict=True)
    ]
    positions = [
        k for k in compress(range(count), kept) if buildings[k] is not bases[k]
    ]
    from mixplan.model.project import Building  # (a cycle at import time)

    for name in _kept_fields(Building):
        if not positions:
            break
        get = attrgetter(name)
        values = list(map(get, (buildings[k] for k in positions)))
        others = list(map(get, (bases[k] for k in positions)))
        asked = list(compress(range(len(positions)), map(is_not, values, others)))
        if not asked:
            continue
        equal = _same_values([values[j] for j in asked], [others[j] for j in asked])
        differ = {positions[j] for j in compress(asked, map(operator.not_, equal))}
        for k in differ:
            kept[k] = False
        if differ:
            positions = [k for k in positions if k not in differ]
    return kept


_KEPT_FIELDS: dict[type, tuple[str, ...]] = {}


def _kept_fields(cls: type) -> tuple[str, ...]:
    """The fields :func:`kept_in_bulk` compares (all but ``origin``).

    The footprint first, then the levels.
    """
    found = _KEPT_FIELDS.get(cls)
    if found is None:
        names = [name for name in _field_names(cls) if name != "origin"]
        found = _KEPT_FIELDS[cls] = tuple(
            sorted(names, key=lambda name: (name != "footprint", name != "levels"))
        )
    return found


def same_facts(building: Building, origin: Building) -> bool:
    """Whether a building has exactly its origin's engine facts (its name aside).

    The engine shares the origin's cached facts then.
    """
    if building.id != origin.id:
        return False
    # Fast path: a kept building shares every field's object with its origin
    # (tuples compare items by identity first, at C speed).
    getter = _fact_fields(type(building))
    mine, theirs = getter(building), getter(origin)
    if mine == theirs:
        return True
    # (the fields of :func:`building_differences` outside ``_NOT_FACTS``, up
    # to the first that differs: after a whole-park edit, listing every field
    # that differs cost the engine 30-40 ms at 10,000 buildings)
    return all(map(_same_value, mine, theirs))


_FACT_GETTERS: dict[type, Any] = {}


def _fact_fields(cls: type) -> Any:
    """A C-speed getter of the fields the engine's facts depend on.

    The levels first (what a scenario changes most), the footprint last (its
    exact comparison is a GEOS call).
    """
    getter = _FACT_GETTERS.get(cls)
    if getter is None:
        names = sorted(
            (f.name for f in fields(cls) if f.name not in _NOT_FACTS),
            key=lambda name: (name != "levels", name == "footprint"),
        )
        getter = _FACT_GETTERS[cls] = attrgetter(*names)
    return getter


_PACK_DOUBLE = struct.Struct("<d").pack
_PACK_SIZE = struct.Struct("<I").pack
#: Per dataclass met: the bytes that open its encoding, and its field names.
_RECORDS: dict[type, tuple[bytes, tuple[str, ...]]] = {}


def _encode(
    value: Any, out: list[bytes], known: dict[int, bytes] | None = None
) -> None:
    """Append a canonical byte encoding of a field value to ``out``.

    The common types are told by their exact type first (a building's digest
    encodes some sixty values); any other value by what it is an instance of.
    ``known``: the WKB of geometries already written in bulk, by ``id``.
    """
    kind = type(value)
    if kind is str:
        out.append(text_segment(value))
    elif kind is float or kind is int:
        out.append(b"d" + _PACK_DOUBLE(float(value)))
    elif kind is tuple:
        out.append(b"(" + _PACK_SIZE(len(value)))
        for item in value:
            if type(item) is _LEVEL and (joined := _joined_level(item, known)):
                out.append(joined)
            else:
                _encode(item, out, known)
    elif value is None:
        out.append(b"N")
    elif kind in _RECORDS:
        opening, names = _RECORDS[kind]
        out.append(opening)
        for name in names:
            _encode(getattr(value, name), out, known)
    elif isinstance(value, bool):
        out.append(b"T" if value else b"F")
    elif isinstance(value, int | float):
        out.append(b"d" + _PACK_DOUBLE(float(value)))
    elif isinstance(value, str):
        out.append(text_segment(value))
    elif isinstance(value, shapely.Geometry):
        out.append(_geometry_segment(value, known))
    elif isinstance(value, tuple | list):
        out.append(b"(" + _PACK_SIZE(len(value)))
        for item in value:
            _encode(item, out, known)
    elif is_dataclass(value) and not isinstance(value, type):
        _RECORDS[kind] = (b"{" + kind.__name__.encode(), _field_names(kind))
        _encode(value, out, known)
    else:  # pragma: no cover - a field type this encoder does not know
        raise TypeError(f"cannot fingerprint a {type(value).__name__}")


def _geometry_segment(
    geometry: shapely.Geometry, known: dict[int, bytes] | None
) -> bytes:
    data = known.get(id(geometry)) if known else None
    if data is None:
        data = shapely.to_wkb(geometry, flavor="iso")
    return b"g" + _PACK_SIZE(len(data)) + data


class _NoLevel:
    """Stands for :class:`~mixplan.model.project.Level` until it is imported."""


_LEVEL: type = _NoLevel
_ALLOCATION: type = _NoLevel
_BUILDING: type = _NoLevel
_LEVEL_FIELDS = attrgetter("height_m", "uses", "load_kn_m2", "access", "polygon")
_ALLOCATION_FIELDS = attrgetter("use", "share", "nuisance")
#: ``{Level``, its height's double, the opening of its tuple of uses (the
#: separators of the plain encoding written in).
_PACK_LEVEL_HEAD = struct.Struct("<8sd2sI").pack
#: Per use code: the encoding of an allocation up to its share's double.
_ALLOCATION_HEADS: dict[str, bytes] = {}
#: Per optional text (``None`` too): its encoding after a separator.
_OPTIONAL_TEXTS: dict[str | None, bytes] = {None: b"\x00N"}


def _optional_text(value: str | None) -> bytes | None:
    """The encoding of ``None`` or a text after a separator (``None``: neither)."""
    if value is not None and type(value) is not str:
        return None
    found = _OPTIONAL_TEXTS.get(value)
    if found is None and value is not None:
        found = optional_text(value)
        if len(_OPTIONAL_TEXTS) < 4096:
            _OPTIONAL_TEXTS[value] = found
    return found


def _joined_level(level: Any, known: dict[int, bytes] | None) -> bytes | None:
    """A level's encoding, its segments joined: the plain encoder's bytes.

    A level's some fifteen values are written in one go (the separators of
    the joined digest included) instead of one :func:`_encode` each; ``None``
    when a value is not of the exact type this path knows (the caller then
    encodes the level value by value).
    """
    height, uses, load, access, polygon = _LEVEL_FIELDS(level)
    if type(height) is not float or type(uses) is not tuple:
        return None
    parts = [_PACK_LEVEL_HEAD(b"{Level\x00d", height, b"\x00(", len(uses))]
    for allocation in uses:
        if type(allocation) is not _ALLOCATION:
            return None
        use, share, nuisance = _ALLOCATION_FIELDS(allocation)
        if type(use) is not str:
            return None
        head = _ALLOCATION_HEADS.get(use)
        if head is None:
            head = allocation_head(use)
            if len(_ALLOCATION_HEADS) < 4096:
                _ALLOCATION_HEADS[use] = head
        tail = _optional_text(nuisance)
        if type(share) is not float or tail is None:
            return None
        parts += (head, _PACK_DOUBLE(share), tail)
    if load is None:
        parts.append(b"\x00N")
    elif type(load) is float:
        parts.append(b"\x00d" + _PACK_DOUBLE(load))
    else:
        return None
    tail = _optional_text(access)
    if tail is None:
        return None
    parts.append(tail)
    if polygon is None:
        parts.append(b"\x00N")
    elif isinstance(polygon, shapely.Geometry):
        parts.append(b"\x00" + _geometry_segment(polygon, known))
    else:
        return None
    return b"".join(parts)


def _load_model_types() -> None:
    # (the model imports this module: its types are looked up on first use)
    global _LEVEL, _ALLOCATION, _BUILDING
    from mixplan.model.project import Allocation, Building, Level

    _LEVEL, _ALLOCATION, _BUILDING = Level, Allocation, Building


#: The digest of each object fingerprinted, by ``id``, with a reference to
#: the object (its id is someone else's once it is gone). Weak where the
#: type allows (a building): the memo keeps no project alive, and letting a
#: full memo go frees no project's buildings along with it.
_DIGESTS: dict[int, tuple[Callable[[], Any], str]] = {}
_HEX_DIGEST = operator.methodcaller("hexdigest")
#: A digest is the first 32 hexadecimal digits of the SHA-256 (128 bits).
_FIRST_32 = operator.itemgetter(slice(32))
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


class Fingerprint:
    """The :func:`building_digest` of a building, made when first read.

    A scenario records the digest of the baseline version each changed
    building was changed from (rule U02). Recorded this way, the record holds
    that (immutable) baseline building and its digest is made when the record
    is first read: saving, U02 in the engine's thread, the inspector. A
    whole-park edit turning the 3,300 kept buildings of a 10,000-building park
    into changed ones fingerprinted them on the GUI thread: 60 ms.

    Equal to its digest's text and to any record of that digest (hashed as
    the text); pickled and copied as the text.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model.project import Building, Level
    >>> a = Building("a", "Shed", box(0, 0, 10, 10), (Level.of(6, "craft"),))
    >>> record = Fingerprint(a)
    >>> record == building_digest(a), building_digest(a) != record
    (True, False)
    >>> digest_text(record) == building_digest(a)
    True
    """

    __slots__ = ("_building", "_text")

    def __init__(self, building: Building) -> None:
        # (the building is kept once the text is made: another thread may be
        # reading it then)
        self._building = building
        self._text: str | None = None

    @property
    def text(self) -> str:
        """The digest."""
        text = self._text
        if text is None:
            text = self._text = _digest(self._building)
        return text

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Fingerprint):
            return other._building is self._building or other.text == self.text
        if isinstance(other, str):
            return self.text == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return repr(self.text)

    def __reduce__(self) -> tuple[type[str], tuple[str]]:
        return str, (self.text,)


#: A recorded digest: its text, or the building it is the digest of.
Digest: TypeAlias = "str | Fingerprint"


def made_of(records: Sequence[Digest], buildings: Sequence[Building]) -> list[bool]:
    """Whether each record is known, unhashed, to be its building's digest.

    So it is when the record is a :class:`Fingerprint` of that very building
    (values are immutable): a change recorded since the baseline last changed
    the building it was changed from. ``False`` says nothing: the record may
    still be the digest (a text read from a file).

    Examples
    --------
    >>> from mixplan.model.project import Building, Level
    >>> from shapely.geometry import box
    >>> a = Building("a", "Hall", box(0, 0, 20, 10), (Level.of(4, "office"),))
    >>> b = replace(a, roof="green")
    >>> made_of([Fingerprint(a), Fingerprint(a), building_digest(a)], [a, b, a])
    [True, False, False]
    """
    if len(records) != len(buildings):
        raise ValueError("one building a record")
    if Fingerprint not in set(map(type, records)):
        # (the records of a file just opened are texts: 5,000 at 10,000
        # buildings, passed over at C speed)
        return [False] * len(records)
    return list(map(_made_of, records, buildings))


def _made_of(record: Digest, building: Building) -> bool:
    return type(record) is Fingerprint and record._building is building


def digest_text(digest: Digest | None) -> str | None:
    """A recorded digest's text (``None``: none recorded)."""
    return digest if digest is None or type(digest) is str else str(digest)


def building_digests(
    buildings: Sequence[Building],
    levels: LevelColumns | None = None,
    field_values: Mapping[str, list[Any]] | None = None,
) -> list[str]:
    """:func:`building_digest` of each building, their geometries written in bulk.

    The same fingerprints as one by one. ``levels``: the buildings' levels as
    columns (read off these very buildings, in order) by whoever has read
    them already: then nothing is read off the levels again, and the
    buildings are encoded column by column
    (:func:`~mixplan.model.digest_columns.encoded_in_bulk`); ``field_values``: the
    values of some of their other fields, one list a field, read off them
    at once by the same caller. Made from columns, they are not remembered
    (the caller keeps them: at 100,000 buildings, remembering the 50,000 of
    a cold pass cost 90 ms). Else they are encoded one by one, the
    footprints' and outlines' WKB from one :func:`shapely.to_wkb` call, and
    remembered.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> from mixplan.model.project import Building, Level
    >>> a = Building("a", "Shed", box(0, 0, 10, 10), (Level.of(6, "craft"),))
    >>> b = replace(a, ramp=True)
    >>> building_digests([a, b]) == [building_digest(a), building_digest(b)]
    True
    """
    if _LEVEL is _NoLevel:
        _load_model_types()
    if levels is not None:
        names = [name for name, _ in _labels(_BUILDING)]
        encoded = encoded_in_bulk(
            buildings, names, levels, _encoded_value, _wkb, field_values
        )
        # (hashed and written out at C speed: the same text as _digest's)
        digests: list[str] = list(
            map(_FIRST_32, map(_HEX_DIGEST, map(hashlib.sha256, encoded)))
        )
        return digests
    geometries = []
    for building in buildings:
        found = _DIGESTS.get(id(building))
        if found is None or found[0]() is not building:
            geometries.append(building.footprint)
            geometries.extend(
                level.polygon for level in building.levels if level.polygon is not None
            )
    known: dict[int, bytes] = {}
    if geometries:
        geometries = [g for g in geometries if isinstance(g, shapely.Geometry)]
        known = dict(zip(map(id, geometries), _wkb(geometries), strict=True))
    return [_digest(building, known) for building in buildings]


def _encoded_value(value: Any) -> bytes:
    """The plain encoding of one field value, its segments joined."""
    out: list[bytes] = []
    _encode(value, out)
    return b"\x00".join(out)


def _wkb(geometries: list[Any]) -> list[bytes]:
    """The ISO WKB of geometries, in one call."""
    array = np.empty(len(geometries), dtype=object)
    array[:] = geometries
    written: list[bytes] = shapely.to_wkb(array, flavor="iso").tolist()
    return written


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


_LABELS: dict[type, tuple[tuple[str, bytes], ...]] = {}


def _labels(cls: type) -> tuple[tuple[str, bytes], ...]:
    """The fields a digest encodes (all but ``origin``), with their names' bytes."""
    found = _LABELS.get(cls)
    if found is None:
        found = _LABELS[cls] = tuple(
            (name, name.encode()) for name in _field_names(cls) if name != "origin"
        )
    return found


def _holder(value: Any) -> Callable[[], Any]:
    try:
        return weakref.ref(value)
    except TypeError:
        return partial(_itself, value)


def _itself(value: Any) -> Any:
    return value


def _digest(value: Any, known: dict[int, bytes] | None = None) -> str:
    # Remembered per object (values are immutable; the entry refers to the
    # object: an id met again is the same object only while it lives).
    found = _DIGESTS.get(id(value))
    if found is not None and found[0]() is value:
        return found[1]
    if _LEVEL is _NoLevel:
        _load_model_types()
    out: list[bytes] = []
    for name, label in _labels(type(value)):
        out.append(label)
        _encode(getattr(value, name), out, known)
    digest: str = _FIRST_32(hashlib.sha256(b"\x00".join(out)).hexdigest())
    if len(_DIGESTS) >= _DIGESTS_MAX:
        _DIGESTS.clear()
    _DIGESTS[id(value)] = (_holder(value), digest)
    return digest
