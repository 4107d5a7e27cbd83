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
``bytes.join`` over ``zip``. The levels' some fifty pieces a building are not
made one bytes object each: every piece is a place and a length in one buffer
(the records of a column packed by NumPy, the rows of a table of texts), and
each building's level bytes are copied out of it by one NumPy gather, then
joined with its own fields: no Python bytecode runs per value.

The plain encoding of a building is its fields but ``origin``, each as its
name then its value, joined by zero bytes; a value is ``N`` (None), ``T``/``F``
(a bool), ``d`` and a little-endian double (a number), ``s``, a size and UTF-8
(a text), ``g``, a size and ISO WKB (a geometry), ``(`` and a size then the
items (a tuple), ``{`` and the class name then the fields (a record such as a
level), a size being four bytes little-endian.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
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


def _starts(counts: NDArray[np.intp]) -> NDArray[np.intp]:
    """Where each of consecutive runs of these lengths starts (the first at 0)."""
    return np.cumsum(counts) - counts


class _Pool:
    """Bytes gathered into one buffer, from which pieces are copied by offset."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def add(self, data: bytes) -> int:
        """Where ``data`` starts in the buffer."""
        at = self.size
        self.parts.append(data)
        self.size += len(data)
        return at

    def each(
        self, values: Sequence[bytes]
    ) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """Where each of ``values`` starts in the buffer, and its length."""
        sizes = np.fromiter(map(len, values), np.intp, len(values))
        return self.add(b"".join(values)) + _starts(sizes), sizes


class _Pieces:
    """Each piece of the encodings, in order: where it is in the pool, its length."""

    def __init__(self, count: int) -> None:
        self.source = np.empty(count, np.intp)
        self.size = np.empty(count, np.intp)

    def put(self, at: Any, source: Any, size: Any) -> None:
        self.source[at] = source
        self.size[at] = size


def _level_parts(
    columns: LevelColumns,
    wkb: Callable[[list[Any]], list[bytes]],
    pool: _Pool,
    pieces: _Pieces,
    level_at: NDArray[np.intp],
) -> None:
    """Put each level's pieces from ``level_at`` on (their bytes in ``pool``).

    A level: its head (height and number of uses), then per allocation its
    use's head, its share and its regime, then its load, access and outline.
    Fixed-size pieces are records of one array, texts rows of a table.
    """
    count = len(columns.height)
    heads = np.empty(count, _LEVEL_HEAD)
    heads["a"] = np.void(b"\x00{Level\x00d")
    heads["height"] = columns.height
    heads["b"] = np.void(b"\x00(")
    heads["n"] = columns.allocation_counts
    head_size = _LEVEL_HEAD.itemsize
    pieces.put(
        level_at, pool.add(heads.tobytes()) + head_size * np.arange(count), head_size
    )
    allocation_counts = columns.allocation_counts
    level_of = np.repeat(np.arange(count), allocation_counts)
    allocation_at = (
        level_at[level_of]
        + 1
        + 3 * (np.arange(len(level_of)) - _starts(allocation_counts)[level_of])
    )
    source, size = pool.each(list(map(allocation_head, columns.use_names)))
    pieces.put(allocation_at, source[columns.use], size[columns.use])
    shares = np.ascontiguousarray(columns.share, "<f8").tobytes()
    pieces.put(allocation_at + 1, pool.add(shares) + 8 * np.arange(len(level_of)), 8)
    source, size = pool.each(list(map(optional_text, columns.nuisance_names)))
    pieces.put(allocation_at + 2, source[columns.nuisance], size[columns.nuisance])
    tail_at = level_at + 1 + 3 * allocation_counts
    stated = np.empty(count, _STATED)
    stated["a"] = np.void(b"\x00d")
    stated["value"] = columns.load
    not_stated = pool.add(_NOT_STATED)
    unknown = np.isnan(columns.load)
    pieces.put(
        tail_at,
        np.where(
            unknown,
            not_stated,
            pool.add(stated.tobytes()) + _STATED.itemsize * np.arange(count),
        ),
        np.where(unknown, len(_NOT_STATED), _STATED.itemsize),
    )
    source, size = pool.each(list(map(optional_text, columns.access_names)))
    pieces.put(tail_at + 1, source[columns.access], size[columns.access])
    pieces.put(tail_at + 2, not_stated, len(_NOT_STATED))
    outlined = columns.outlined
    if len(outlined):
        pieces.put(
            tail_at[outlined] + 2,
            *pool.each(
                [
                    b"\x00g" + _PACK_SIZE(len(data)) + data
                    for data in wkb(columns.outlines)
                ]
            ),
        )


#: How many buildings' level bytes are copied at once: the copy's source
#: offsets (8 bytes a byte) then stay in the processor's cache (the 4,096
#: buildings of a chunk at once took 2.5 times as long as 192 at a time).
_COPIED = 192


def _gathered(pool: _Pool, pieces: _Pieces, first: NDArray[np.intp]) -> list[bytes]:
    """Each building's pieces joined (``first``: where its pieces start)."""
    data = np.frombuffer(b"".join(pool.parts), np.uint8)
    size = pieces.size
    byte_at = np.zeros(len(size) + 1, np.intp)
    np.cumsum(size, out=byte_at[1:])
    # (each byte's source is its piece's source plus its place in the piece)
    shift = pieces.source - byte_at[:-1]
    piece_at = [*first.tolist(), len(size)]
    bounds = byte_at[piece_at].tolist()
    out: list[bytes] = []
    for start in range(0, len(first), _COPIED):
        stop = min(start + _COPIED, len(first))
        low, high = bounds[start], bounds[stop]
        which = slice(piece_at[start], piece_at[stop])
        at = np.repeat(shift[which], size[which])
        at += np.arange(low, high)
        copied = data[at].tobytes()
        out += map(
            copied.__getitem__,
            map(
                slice,
                [bound - low for bound in bounds[start:stop]],
                [bound - low for bound in bounds[start + 1 : stop + 1]],
            ),
        )
    return out


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
    """
    count = len(buildings)
    if not count:
        return []
    # The fields before the levels (with the levels field's name and the size
    # of its tuple) and those after, each joined a building: every building's
    # pieces are its head, its levels' pieces, its tail.
    at_levels = names.index("levels")
    others = [name for name in names if name != "levels"]
    # (a field at a time: one attrgetter over the buildings each, cheaper
    # than a tuple of every field a building transposed)
    encoded = [
        _field_values(list(map(attrgetter(name), buildings)), encode, wkb)
        for name in others
    ]
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
    # A level's pieces: its head, three an allocation, its three last values.
    per_level = 4 + 3 * levels.allocation_counts
    owner = np.repeat(np.arange(count), levels.level_counts)
    pool = _Pool()
    pieces = _Pieces(int(per_level.sum()))
    _level_parts(levels, wkb, pool, pieces, _starts(per_level))
    level_bytes = _gathered(
        pool, pieces, _starts(np.bincount(owner, per_level, count).astype(np.intp))
    )
    # (one join a building: its head's pieces, its levels' bytes, its tail's)
    return list(map(b"".join, zip(*head, level_bytes, *tail, strict=False)))
