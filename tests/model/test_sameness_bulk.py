"""Sameness in bulk: the same answers as the one-pair functions, on hand-made pairs.

The engine decides for a whole scenario at once which buildings share their
origin's facts (``same_facts_in_bulk``) and which alter it (``alters_in_bulk``);
each answer below is written by hand from the field lists of the model
(``_NOT_FACTS``: origin, name, phasing; ``UNALTERING_FIELDS``: name, parking,
loading, roof, pooling, common parts, phasing).
"""

from __future__ import annotations

from dataclasses import replace

from shapely.geometry import Polygon, box

from mixplan.model import Building, Level
from mixplan.model.sameness import (
    alters,
    alters_in_bulk,
    building_differences,
    differences_in_bulk,
    kept_version,
    same_facts,
    same_facts_in_bulk,
)

BASE = Building(
    "a", "Shed", box(0, 0, 10, 10),
    (Level.of(6.0, "craft"), Level.of(3.0, "housing")),
)  # fmt: skip

#: (building, what differs from BASE, shares BASE's facts, alters BASE)
CASES: list[tuple[Building, set[str], bool, bool]] = [
    (BASE, set(), True, False),
    (kept_version(BASE), {"origin"}, True, False),
    (replace(BASE, name="Hall", origin="a"), {"name", "origin"}, True, False),
    # an equal footprint, another object: the same (compared exactly)
    (replace(BASE, footprint=box(0, 0, 10, 10)), set(), True, False),
    # the same square drawn from another corner: another geometry
    (
        replace(BASE, footprint=Polygon([(0, 0), (10, 0), (10, 10), (0, 10)])),
        {"footprint"},
        False,
        True,
    ),
    (
        replace(BASE, levels=(*BASE.levels, Level.of(3.0, "housing"))),
        {"levels"},
        False,
        True,
    ),  # fmt: skip
    (replace(BASE, roof="green"), {"roof"}, False, False),
    (replace(BASE, loading_bays=2), {"loading_bays"}, False, False),
    (replace(BASE, ramp=True), {"ramp"}, False, True),
    # another id: never the same facts (findings name it), and an alteration
    (replace(BASE, id="b"), {"id"}, False, False),
]


def test_differences_in_bulk_are_the_pairs_differences() -> None:
    buildings = [case[0] for case in CASES]
    found = differences_in_bulk(buildings, [BASE] * len(CASES))
    assert [set(d) for d in found] == [case[1] for case in CASES]
    assert found == [building_differences(b, BASE) for b in buildings]
    assert differences_in_bulk([], []) == []


def test_same_facts_and_alters_in_bulk_by_hand() -> None:
    buildings = [case[0] for case in CASES]
    same, known = same_facts_in_bulk(buildings, [BASE] * len(CASES))
    assert same == [case[2] for case in CASES]
    assert same == [same_facts(b, BASE) for b in buildings]
    # Differences were looked at only where the fast path could not answer:
    # not for the kept, renamed and equal-footprint versions, nor another id.
    assert [d is None for d in known] == [
        True, True, True, True, False, False, False, False, False, True,
    ]  # fmt: skip
    altered = alters_in_bulk(buildings, [BASE] * len(CASES), known)
    assert altered == [case[3] for case in CASES]
    assert altered == [alters(b, BASE) for b in buildings]
    # Without the known differences, and with new buildings (no origin).
    assert alters_in_bulk([BASE, *buildings], [None, *[BASE] * len(CASES)]) == [
        True,
        *altered,
    ]
    assert same_facts_in_bulk([], []) == ([], [])


def test_given_differences_are_used() -> None:
    """alters_in_bulk trusts what same_facts_in_bulk already found (no second look)."""
    roofed = replace(BASE, roof="green")
    assert alters_in_bulk([roofed], [BASE], [frozenset({"levels"})]) == [True]
    assert alters_in_bulk([roofed], [BASE], [None]) == [False]
