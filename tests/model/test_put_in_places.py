"""Putting features back in their places in an ordered record (undoing a
delete): each lands where it was captured, the others keeping their order."""

from __future__ import annotations

from mixplan.model.slots import _put_in_places


def test_entries_land_at_their_places_among_the_others() -> None:
    """Captured as z, b, a, d, c; z, b and d deleted. Given back in any order,
    they land in their places 0, 1 and 3 (d after a, taken before it)."""
    record = {"a": 1, "c": 3}
    _put_in_places(record, [(3, "d", 4), (1, "b", 2), (0, "z", 0)])
    assert list(record.items()) == [("z", 0), ("b", 2), ("a", 1), ("d", 4), ("c", 3)]


def test_an_emptied_record_gets_its_entries_back_in_their_order() -> None:
    """All of a record deleted (a whole-park delete), given back scrambled."""
    record: dict[str, int] = {}
    _put_in_places(record, [(2, "c", 3), (0, "a", 1), (3, "d", 4), (1, "b", 2)])
    assert list(record.items()) == [("a", 1), ("b", 2), ("c", 3), ("d", 4)]


def test_places_past_the_end_come_after_the_others() -> None:
    """The record shrank since the capture: places beyond it append in their
    order."""
    record = {"a": 1}
    _put_in_places(record, [(9, "y", 9), (5, "x", 5)])
    assert list(record.items()) == [("a", 1), ("x", 5), ("y", 9)]
