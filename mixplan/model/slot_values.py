"""The fields of many slotted objects read in one C call, checked, else one by one.

Reading a field of 500,000 Level objects takes a Python-level step each (``map``
over an ``attrgetter``, ~40 ns), five fields a level, and flattening their
tuples of allocations one iterator a tuple. :func:`gc.get_referents` gives in one
C loop every object that instances refer to, as their type's traversal visits
them: a slotted instance's slot values (CPython orders a type's slots by name),
then its type; a tuple's items (CPython visits them last first). Where each
field is among an instance's referents, and in which order a tuple gives its
items, is found once on probe objects (:class:`SlotReader`,
:func:`tuple_items`); each batch is checked (as many referents as expected,
every instance's type at its place, so a field out of place is caught), and
read the plain way when the check fails: the same values either way.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import fields
from itertools import chain
from operator import attrgetter
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["SlotReader", "probe", "tuple_items"]


class SlotReader:
    """Reads fields of many instances of ``kind`` at once.

    ``probes``: instances such that each field's values across them are
    objects no other referent shares at its place (so each field is found at
    one place among an instance's referents: a field of two values, a flag,
    needs probes that set the flags differently).

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True, slots=True)
    ... class Point:
    ...     y: float
    ...     x: float
    ...     on: bool
    ...     up: bool
    >>> reader = SlotReader(
    ...     Point, [Point(1.5, 2.5, True, False), Point(3.5, 4.5, True, True)],
    ...     ("x", "y", "up"))
    >>> reader.in_one_call
    True
    >>> reader.read([Point(0.0, 1.0, False, True), Point(2.0, 3.0, True, False)])
    ([1.0, 3.0], [0.0, 2.0], [True, False])
    """

    __slots__ = ("_getters", "_kind", "_places", "_width")

    def __init__(
        self, kind: type, probes: Sequence[Any], fields: Sequence[str]
    ) -> None:
        self._kind = kind
        self._getters = [attrgetter(name) for name in fields]
        seen = [gc.get_referents(probe) for probe in probes]
        self._width = width = len(seen[0]) if seen else 0
        places = [
            [
                k
                for k in range(width)
                if all(
                    len(referents) == width and referents[k] is getter(probe)
                    for probe, referents in zip(probes, seen, strict=True)
                )
            ]
            for getter in self._getters
        ]
        found = (
            bool(probes)
            and all(
                type(probe) is kind
                # (slots only: an instance's attributes in a dictionary may be
                # laid out differently from one instance to another)
                and not hasattr(probe, "__dict__")
                and referents[-1:] == [kind]
                for probe, referents in zip(probes, seen, strict=True)
            )
        )
        found = found and all(len(at) == 1 for at in places)
        #: each field's place among an instance's referents (None: read one by one)
        self._places = [at[0] for at in places] if found else None

    @property
    def in_one_call(self) -> bool:
        """Whether fields are read from the referents (else one by one)."""
        return self._places is not None

    def read(
        self, objects: Sequence[Any] | NDArray[np.object_]
    ) -> tuple[list[Any], ...]:
        """Each field's values, one a object, in order (``kind`` instances)."""
        places = self._places
        if places is not None:
            width, count = self._width, len(objects)
            referents = gc.get_referents(*objects)
            if (
                len(referents) == width * count
                and referents[width - 1 :: width].count(self._kind) == count
            ):
                return tuple(referents[at::width] for at in places)
        return tuple(list(map(getter, objects)) for getter in self._getters)


def probe(kind: type) -> Any:
    """An instance of dataclass ``kind`` holding an object of its own in each field.

    So each field is found at one place among its referents
    (:class:`SlotReader`); made without the constructor's checks.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True, slots=True)
    ... class Pair:
    ...     on: bool
    ...     off: bool
    >>> SlotReader(Pair, [probe(Pair)], ("off", "on")).read([Pair(True, False)])
    ([False], [True])
    """
    made: Any = object.__new__(kind)
    for f in fields(kind):
        object.__setattr__(made, f.name, object())
    return made


def _tuple_order() -> str | None:
    """How :func:`gc.get_referents` gives a tuple's items (None: not as items)."""
    first, second = object(), object()
    referents = gc.get_referents((first, second))
    if referents == [first, second]:
        return "forward"
    if referents == [second, first]:
        return "reversed"
    return None


_TUPLE_ORDER = _tuple_order()


def tuple_items(
    tuples: Sequence[tuple[Any, ...]], counts: NDArray[np.intp]
) -> NDArray[np.object_]:
    """The items of ``tuples`` one after the other (``counts``: their lengths).

    As ``chain.from_iterable(tuples)`` gives them, in an object array.

    Examples
    --------
    >>> pairs = [("a", "b"), ("c",), ("d", "e", "f")]
    >>> tuple_items(pairs, np.array([2, 1, 3])).tolist()
    ['a', 'b', 'c', 'd', 'e', 'f']
    """
    total = int(counts.sum())
    order = _TUPLE_ORDER
    if order is not None:
        items = gc.get_referents(*tuples)
        if len(items) == total:
            flat = np.fromiter(items, object, total)
            if order == "forward":
                return flat
            # tuple k's items are at its rows [start, end) last first: item j
            # at 2·end - count - 1 - (start + j)
            ends = np.cumsum(counts)
            return flat[np.repeat(2 * ends - counts - 1, counts) - np.arange(total)]
    return np.fromiter(chain.from_iterable(tuples), object, total)
