"""Fields of many slotted objects read in one C call (gc.get_referents), checked.

The oracle is the plain attribute read (``getattr`` of each object, ``chain``
of tuples): the values must be the same objects, in the same order, whether
the referents were used or a batch failed its check and was read one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mixplan.engine.level_rows as level_rows_module
import mixplan.model.slot_values as slot_values_module
from mixplan.engine.level_rows import (
    _BUILDING_FIELD_NAMES,
    _BUILDING_FIELDS,
    _LEVEL_FIELDS,
    _read_buildings,
)
from mixplan.model import Building, Level
from mixplan.model.slot_values import SlotReader, tuple_items
from tests.engine.test_engine_columns import buildings, levels

FIELDS = ("height_m", "load_kn_m2", "access", "polygon", "uses")


def _plain(objects: list[Any]) -> tuple[list[Any], ...]:
    return tuple([getattr(o, name) for o in objects] for name in FIELDS)


def _same_objects(got: tuple[list[Any], ...], expected: tuple[list[Any], ...]) -> bool:
    return len(got) == len(expected) and all(
        len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))
        for a, b in zip(got, expected, strict=True)
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(levels(), max_size=12))
def test_level_fields_are_the_attributes(values: list[Level]) -> None:
    assert _LEVEL_FIELDS.in_one_call  # (CPython: slots, then the type)
    assert _same_objects(_LEVEL_FIELDS.read(values), _plain(values))
    array = np.fromiter(values, object, len(values))
    assert _same_objects(_LEVEL_FIELDS.read(array), _plain(values))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 99).flatmap(buildings), max_size=9), st.integers(1, 4))
def test_building_fields_are_the_attributes(
    values: list[Building], slice_size: int
) -> None:
    """Every flag set either way, slices of 1 to 4 buildings."""
    assert _BUILDING_FIELDS.in_one_call
    original = level_rows_module._SLICE
    level_rows_module._SLICE = slice_size
    try:
        got = _read_buildings(values)
    finally:
        level_rows_module._SLICE = original
    expected = tuple(
        [getattr(b, name) for b in values] for name in _BUILDING_FIELD_NAMES
    )
    assert _same_objects(got, expected)


@dataclass(frozen=True, slots=True)
class _Sub(Level):
    """A Level with one more slot: its referents do not line up."""

    extra: str = "x"


def test_a_batch_that_fails_its_check_is_read_one_by_one() -> None:
    """A subclass instance (one more referent) or an object with a ``__dict__``
    in the batch shifts the referents: the batch is read field by field."""
    plain = Level.of(3.0, "craft", load_kn_m2=5.0)
    odd = _Sub(4.0, plain.uses, None, "yard", None)
    lookalike = SimpleNamespace(
        height_m=2.5, load_kn_m2=None, access=None, polygon=None, uses=plain.uses
    )
    for batch in ([plain, odd, plain], [lookalike, plain], [odd]):
        assert _same_objects(_LEVEL_FIELDS.read(batch), _plain(batch))


def test_a_class_whose_referents_do_not_show_its_fields_is_read_one_by_one() -> None:
    class Plain:
        def __init__(self, a: float, b: float) -> None:
            self.a, self.b = a, b

    reader = SlotReader(Plain, [Plain(1.5, 2.5)], ("b", "a"))
    assert not reader.in_one_call
    assert reader.read([Plain(1.0, 2.0), Plain(3.0, 4.0)]) == ([2.0, 4.0], [1.0, 3.0])


def test_fields_found_on_the_probe_by_identity() -> None:
    @dataclass(frozen=True, slots=True)
    class Trio:
        c: Any
        a: Any
        b: Any

    reader = SlotReader(Trio, [Trio(object(), object(), object())], ("a", "b", "c"))
    assert reader.in_one_call
    one, two = Trio("c1", "a1", "b1"), Trio("c2", "a2", "b2")
    assert reader.read([one, two]) == (["a1", "a2"], ["b1", "b2"], ["c1", "c2"])
    # a probe whose fields are one object cannot tell them apart
    shared = object()
    alike = Trio(c=1, a=shared, b=shared)
    assert not SlotReader(Trio, [alike], ("a", "b")).in_one_call
    # unless another probe tells them apart
    other = Trio(c=1, a=shared, b=object())
    both = SlotReader(Trio, [alike, other], ("a", "b"))
    assert both.in_one_call
    assert both.read([one, two]) == (["a1", "a2"], ["b1", "b2"])
    assert not SlotReader(Trio, [], ("a",)).in_one_call


@pytest.mark.parametrize("order", ["as probed", None])
@settings(max_examples=80, deadline=None)
@given(tuples=st.lists(st.lists(st.integers(0, 5), max_size=4).map(tuple), max_size=10))
def test_tuple_items_are_chained(
    order: str | None, tuples: list[tuple[int, ...]]
) -> None:
    """Items one tuple after the other, each tuple's in order (empty tuples
    too); the same without the referents."""
    probed = slot_values_module._TUPLE_ORDER
    assert probed == "reversed"  # (CPython visits a tuple's items last first)
    # (distinct objects, to check identity and order)
    boxes = [tuple(object() for _ in t) for t in tuples]
    counts = np.array([len(t) for t in boxes], np.intp)
    slot_values_module._TUPLE_ORDER = probed if order else None
    try:
        got = tuple_items(boxes, counts)
    finally:
        slot_values_module._TUPLE_ORDER = probed
    expected = list(chain.from_iterable(boxes))
    assert got.dtype == object and len(got) == len(expected)
    assert all(x is y for x, y in zip(got.tolist(), expected, strict=True))


def test_tuple_items_of_tuples_that_are_not_plain_are_chained() -> None:
    """A list among the tuples gives its items first to last: the count is
    right, the order is not what was probed, so only plain tuples may come in;
    a tuple subclass with a ``__dict__`` adds a referent: chained instead."""

    class Named(tuple[Any, ...]):
        pass

    pair = Named(("a", "b"))
    got = tuple_items([pair, ("c",)], np.array([2, 1]))
    assert got.tolist() == ["a", "b", "c"]
