"""Buildings encoded for their digests column by column: the same bytes, at once.

A building's digest (:func:`~mixplan.model.sameness.building_digest`) hashes a
canonical encoding of its fields, which project files store: a faster encoder
must write exactly the same bytes. Written value by value, a building's some
sixty values (five levels of two uses each) cost Python work each: the 5,000
changed buildings of a file just opened took 100 ms to fingerprint.

Here the levels are taken as columns (:class:`LevelColumns`: one row a level,
one an allocation) from whoever has read them already: the engine reads a
baseline's levels into such columns anyway, and reading them again would cost
as much as encoding them one by one. Doubles are packed by NumPy, texts looked
up in tables made once per distinct value, a building's own fields joined by
``bytes.join`` over ``zip``, and every piece put in its place in one object
array, then joined building by building: no Python bytecode runs per value.

The plain encoding of a building is its fields but ``origin``, each as its
name then its value, joined by zero bytes; a value is ``N`` (None), ``T``/``F``
(a bool), ``d`` and a little-endian double (a number), ``s``, a size and UTF-8
(a text), ``g``, a size and ISO WKB (a geometry), ``(`` and a size then the
items (a tuple), ``{`` and the class name then the fields (a record such as a
level), a size being four bytes little-endian.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice, repeat
from operator import attrgetter
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

__all__ = [
    "LevelColumns",
    "allocation_head",
    "encoded_in_bulk",
    "optional_text",
    "text_segment",
]

_NONE = type(None)
_PACK_SIZE = struct.Struct("<I").pack
#: A level's opening: ``\x00{Level``, its height, the size of its tuple of uses.
_LEVEL_HEAD = np.dtype([("a", "V9"), ("height", "<f8"), ("b", "V2"), ("n", "<u4")])
_STATED = np.dtype([("a", "V2"), ("value", "<f8")])
_NOT_STATED = b"\x00N"


@dataclass(frozen=True, slots=True)
class LevelColumns:
    """The levels of a batch of buildings as columns, in building order.

    Texts are given as codes into tables of their values (``None`` included
    where a value may be missing).
    """

    #: levels of each building
    level_counts: NDArray[np.intp]
    #: level columns
    height: NDArray[np.float64]
    #: the stated load (NaN: not stated)
    load: NDArray[np.float64]
    access: NDArray[np.intp]
    access_names: Sequence[str | None]
    allocation_counts: NDArray[np.intp]
    #: the levels with their own outline, and those outlines
    outlined: NDArray[np.intp]
    outlines: list[Any]
    #: allocation columns
    use: NDArray[np.intp]
    use_names: Sequence[str]
    share: NDArray[np.float64]
    nuisance: NDArray[np.intp]
    nuisance_names: Sequence[str | None]


def text_segment(value: str) -> bytes:
    """A text's encoding: ``s``, its UTF-8 size, its UTF-8."""
    data = value.encode()
    return b"s" + _PACK_SIZE(len(data)) + data


def optional_text(value: str | None) -> bytes:
    """A text or ``None`` after its separator."""
    return _NOT_STATED if value is None else b"\x00" + text_segment(value)


def allocation_head(use: str) -> bytes:
    """An allocation's encoding up to its share's double, after its separator."""
    return b"\x00{Allocation\x00" + text_segment(use) + b"\x00d"


def _doubles(values: NDArray[np.float64]) -> list[bytes]:
    """Each value as a little-endian double's bytes."""
    out: list[bytes] = np.ascontiguousarray(values, "<f8").view("V8").tolist()
    return out


def _objects(values: Sequence[Any]) -> NDArray[np.object_]:
    """Values as an object array (bytes stay bytes: no fixed-width text array)."""
    return np.fromiter(values, object, len(values))


def _starts(counts: NDArray[np.intp]) -> NDArray[np.intp]:
    """Where each of consecutive runs of these lengths starts (the first at 0)."""
    return np.cumsum(counts) - counts


def _level_parts(
    columns: LevelColumns,
    wkb: Callable[[list[Any]], list[bytes]],
    parts: NDArray[np.object_],
    level_at: NDArray[np.intp],
) -> None:
    """Write each level's pieces into ``parts`` from ``level_at`` on.

    A level: its head (height and number of uses), then per allocation its
    use's head, its share and its regime, then its load, access and outline.
    """
    count = len(columns.height)
    heads = np.empty(count, _LEVEL_HEAD)
    heads["a"] = np.void(b"\x00{Level\x00d")
    heads["height"] = columns.height
    heads["b"] = np.void(b"\x00(")
    heads["n"] = columns.allocation_counts
    parts[level_at] = _objects(heads.view("V23").tolist())
    allocation_counts = columns.allocation_counts
    level_of = np.repeat(np.arange(count), allocation_counts)
    allocation_at = (
        level_at[level_of]
        + 1
        + 3 * (np.arange(len(level_of)) - _starts(allocation_counts)[level_of])
    )
    parts[allocation_at] = _objects(list(map(allocation_head, columns.use_names)))[
        columns.use
    ]
    parts[allocation_at + 1] = _objects(_doubles(columns.share))
    parts[allocation_at + 2] = _objects(
        list(map(optional_text, columns.nuisance_names))
    )[columns.nuisance]
    tail_at = level_at + 1 + 3 * allocation_counts
    stated = np.empty(count, _STATED)
    stated["a"] = np.void(b"\x00d")
    stated["value"] = columns.load
    loads = _objects(stated.view("V10").tolist())
    loads[np.isnan(columns.load)] = _NOT_STATED
    parts[tail_at] = loads
    parts[tail_at + 1] = _objects(list(map(optional_text, columns.access_names)))[
        columns.access
    ]
    parts[tail_at + 2] = _NOT_STATED
    outlined = columns.outlined
    if len(outlined):
        parts[tail_at[outlined] + 2] = _objects(
            [b"\x00g" + _PACK_SIZE(len(data)) + data for data in wkb(columns.outlines)]
        )


def _looked_up(values: list[Any], encode: Callable[[Any], bytes]) -> list[bytes]:
    """The encoding of each value, made once per distinct value.

    Only for values of one exact type that equal each other exactly when their
    encodings do (ints, bools, ``None``, empty tuples: not floats, where
    ``0.0 == -0.0``).
    """
    table = {value: encode(value) for value in set(values)}
    return list(map(table.__getitem__, values))


def _field_values(
    values: list[Any],
    encode: Callable[[Any], bytes],
    wkb: Callable[[list[Any]], list[bytes]],
) -> list[bytes]:
    """The encoding of each value of a building field (one building each)."""
    kinds = set(map(type, values))
    kind = kinds.pop() if len(kinds) == 1 else None
    if kind is str:
        data = list(map(str.encode, values))
        return list(
            map(b"".join, zip(repeat(b"s"), map(_PACK_SIZE, map(len, data)), data))
        )
    if kind is float:
        return list(map(b"d".__add__, _doubles(np.array(values, np.float64))))
    if kind is bool or kind is _NONE or kind is int:
        return _looked_up(values, encode)
    if kind is tuple and not any(values):
        return _looked_up(values, encode)
    if kind is not None and issubclass(kind, shapely.Geometry):
        data = wkb(values)
        return list(
            map(b"".join, zip(repeat(b"g"), map(_PACK_SIZE, map(len, data)), data))
        )
    return list(map(encode, values))


def encoded_in_bulk(
    buildings: Sequence[Any],
    names: Sequence[str],
    levels: LevelColumns,
    encode: Callable[[Any], bytes],
    wkb: Callable[[list[Any]], list[bytes]],
    field_values: Mapping[str, list[Any]] | None = None,
) -> list[bytes]:
    """The digest encodings of buildings (the bytes their digests hash).

    Parameters
    ----------
    buildings
        The buildings (:class:`~mixplan.model.project.Building`).
    names
        The fields a digest encodes, in order (all but ``origin``); one of
        them is ``levels``.
    levels
        The buildings' levels as columns, as read off these very buildings.
    encode
        The plain encoding of one field value (its segments joined by
        zero bytes), for values of types not expected here.
    wkb
        The ISO WKB of each of a list of geometries.
    field_values
        The values of some of the fields, one a building, in order, as read
        off these very buildings by whoever has read them at once: the other
        fields are read here.
    """
    count = len(buildings)
    if not count:
        return []
    given = field_values or {}
    if any(len(values) != count for values in given.values()):
        raise ValueError("one value a building")
    # The fields before the levels (with the levels field's name and the size
    # of its tuple) and those after, each joined a building: every building's
    # pieces are its head, its levels' pieces, its tail.
    at_levels = names.index("levels")
    others = [name for name in names if name != "levels"]
    unread = [name for name in others if name not in given]
    read = dict(given)
    if unread:
        rows = map(attrgetter(*unread), buildings)
        read.update(
            zip(
                unread,
                map(list, zip(*(rows if len(unread) > 1 else zip(rows)), strict=True)),
                strict=True,
            )
        )
    encoded = [_field_values(read[name], encode, wkb) for name in others]
    labels = [
        repeat((b"\x00" if j else b"") + name.encode() + b"\x00")
        for j, name in enumerate(names)
    ]
    sizes = [b"(" + _PACK_SIZE(n) for n in range(int(levels.level_counts.max()) + 1)]
    head: list[Any] = [
        *chain.from_iterable(
            zip(labels[:at_levels], encoded[:at_levels], strict=False)
        ),
        labels[at_levels],
        map(sizes.__getitem__, levels.level_counts.tolist()),
    ]
    tail = list(
        chain.from_iterable(
            zip(labels[at_levels + 1 :], encoded[at_levels:], strict=False)
        )
    )
    per_level = 4 + 3 * levels.allocation_counts
    owner = np.repeat(np.arange(count), levels.level_counts)
    level_parts = np.bincount(owner, per_level, count).astype(np.intp)
    building_at = _starts(2 + level_parts)
    parts = np.empty(int(2 * count + level_parts.sum()), object)
    parts[building_at] = _objects(list(map(b"".join, zip(*head, strict=False))))
    parts[building_at + 1 + level_parts] = _objects(
        list(map(b"".join, zip(*tail, strict=False))) if tail else [b""] * count
    )
    level_start = _starts(per_level)
    _level_parts(
        levels,
        wkb,
        parts,
        (building_at + 1)[owner]
        + level_start
        - level_start[_starts(levels.level_counts)][owner],
    )
    pieces = iter(parts.tolist())
    return list(map(b"".join, map(islice, repeat(pieces), (2 + level_parts).tolist())))
