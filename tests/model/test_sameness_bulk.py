"""Sameness in bulk: the same answers as the one-pair functions, on hand-made pairs.

The engine decides for a whole scenario at once which buildings share their
origin's facts and which alter it (``compare_in_bulk``, ``alters_in_bulk``);
each answer below is written by hand from the field lists of the model
(``_NOT_FACTS``: origin, name, phasing; ``UNALTERING_FIELDS``: name, parking,
loading, roof, pooling, common parts, phasing).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon, box

from mixplan.model import Building, Level, sameness
from mixplan.model.sameness import (
    alters,
    alters_in_bulk,
    building_differences,
    compare_in_bulk,
    kept_version,
    same_facts,
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
    # read back from a file's bytes (as an opened project's scenario): the same
    (replace(BASE, footprint=shapely.from_wkb(BASE.footprint.wkb)), set(), True, False),
    # one corner moved by a nanometre: another geometry
    (
        replace(BASE, footprint=box(0, 0, 10, 10 + 1e-9)),
        {"footprint"},
        False,
        True,
    ),
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


def test_compare_in_bulk_by_hand() -> None:
    buildings = [case[0] for case in CASES]
    same, altered = compare_in_bulk(buildings, [BASE] * len(CASES))
    assert same == [case[2] for case in CASES]
    assert altered == [case[3] for case in CASES]
    # the one-pair definitions agree
    assert same == [same_facts(b, BASE) for b in buildings]
    assert altered == [alters(b, BASE) for b in buildings]
    assert [set(building_differences(b, BASE)) for b in buildings] == [
        case[1] for case in CASES
    ]
    # a new building (no origin): not the same facts, altered
    assert compare_in_bulk([BASE, *buildings], [None, *[BASE] * len(CASES)]) == (
        [False, *same],
        [True, *altered],
    )
    assert alters_in_bulk([BASE, *buildings], [None, *[BASE] * len(CASES)]) == [
        True,
        *altered,
    ]
    assert compare_in_bulk([], []) == ([], [])


def test_pairs_decided_early_are_not_looked_at_again() -> None:
    """The pairs the levels decide are dropped, the others' fields read at once.

    Five raised buildings (levels: decided by the first field) among
    versions that differ in later fields only: each answer as by hand; the
    later fields read off the open pairs' buildings in one call a side.
    """
    raised = replace(BASE, levels=(*BASE.levels, Level.of(3.0, "housing")))
    later = [
        (replace(BASE, roof="green"), False, False),
        (replace(BASE, shared=True), False, False),
        (replace(BASE, common_parts=False), False, False),
        (replace(BASE, freight_lift_kg=1500.0), False, True),
        (replace(BASE, name="Hall", delivered_in=2), True, False),
        (replace(BASE, id="b", roof="green"), False, False),
        (replace(raised, roof="green"), False, True),
    ]
    pairs = [(raised, False, True)] * 5 + later + [(BASE, True, False)]
    read: list[int] = []
    real = sameness.SlotReader.read

    def counted(reader: sameness.SlotReader, objects: list[Building]) -> object:
        read.append(len(objects))
        return real(reader, objects)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sameness.SlotReader, "read", counted)
        same, altered = compare_in_bulk([p[0] for p in pairs], [BASE] * len(pairs))
    assert same == [p[1] for p in pairs]
    assert altered == [p[2] for p in pairs]
    # (the six later versions not raised; BASE against itself is decided
    # before any field)
    assert read == [6, 6]
    first, *rest = sameness._field_roles(Building)
    assert first[0] == "levels"
    assert sameness._reader(Building, tuple(r[0] for r in rest)).in_one_call


def test_many_pairs_are_compared_a_few_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In chunks of five, the hand cases (a new building first) answer the same."""
    monkeypatch.setattr(sameness, "_CHUNK", 5)
    buildings = [BASE, *(case[0] for case in CASES)]
    origins = [None, *[BASE] * len(CASES)]
    assert compare_in_bulk(buildings, origins) == (
        [False, *(case[2] for case in CASES)],
        [True, *(case[3] for case in CASES)],
    )


_EDITS = {
    "name": st.just("Hall"),
    "footprint": st.sampled_from([box(0, 0, 10, 10), box(0, 0, 10, 11)]),
    "levels": st.sampled_from(
        [BASE.levels, (Level.of(6.0, "craft"), Level.of(3.5, "housing"))]
    ),
    "basements": st.integers(0, 1),
    "freight_lift_kg": st.sampled_from([0.0, 1500.0]),
    "ramp": st.booleans(),
    "loading_bays": st.integers(0, 1),
    "parking_spaces": st.integers(0, 1),
    "roof": st.sampled_from(["plain", "green"]),
    "shared": st.booleans(),
    "delivered_in": st.sampled_from([None, 1]),
    "common_parts": st.booleans(),
    "id": st.sampled_from(["a", "b"]),
    "origin": st.sampled_from([None, "a"]),
}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.dictionaries(st.sampled_from(sorted(_EDITS)), st.just(None)).flatmap(
                lambda keys: st.fixed_dictionaries({k: _EDITS[k] for k in keys})
            ),
        ),
        max_size=30,
    )
)
def test_compare_in_bulk_is_the_one_pair_functions(edits: list[dict | None]) -> None:  # type: ignore[type-arg]
    # None: a new building; {}: the baseline building itself (its own origin)
    buildings = [BASE if e is None else replace(BASE, **e) for e in edits]
    origins = [None if e is None else BASE for e in edits]
    same, altered = compare_in_bulk(buildings, origins)
    assert same == [
        o is not None and same_facts(b, o)
        for b, o in zip(buildings, origins, strict=True)
    ]
    assert altered == [alters(b, o) for b, o in zip(buildings, origins, strict=True)]


#: The fields the engine's facts do not depend on, written out (DESIGN §14,
#: §16): a building differing from its origin only there shares its facts.
_NOT_FACTS = {"origin", "name", "demolished_in", "delivered_in", "occupants", "hosts"}


@settings(max_examples=120, deadline=None)
@given(
    st.dictionaries(st.sampled_from(sorted(_EDITS)), st.just(None)).flatmap(
        lambda keys: st.fixed_dictionaries({k: _EDITS[k] for k in keys})
    ),
    st.booleans(),
)
def test_same_facts_is_its_definition(edit: dict, copied: bool) -> None:  # type: ignore[type-arg]
    # Its own id, and no field outside those differs (geometries compared
    # exactly); ``copied``: the origin another object with the same values
    # (as read from a file), so no field is passed over by identity alone.
    building = replace(BASE, **edit)
    origin = (
        replace(BASE, footprint=shapely.from_wkb(BASE.footprint.wkb), name="Shed")
        if copied
        else BASE
    )
    assert same_facts(building, origin) == (
        building.id == origin.id
        and {
            name
            for name in sameness._field_names(Building)
            if not sameness._same_value(getattr(building, name), getattr(origin, name))
        }
        <= _NOT_FACTS
    )
    assert same_facts(building, origin) == same_facts(origin, building)


def test_same_facts_by_hand() -> None:
    raised = replace(BASE, levels=(*BASE.levels, Level.of(3.0, "housing")))
    moved = replace(BASE, footprint=box(0, 0, 10, 10 + 1e-9))
    redrawn = replace(BASE, footprint=Polygon([(0, 0), (10, 0), (10, 10), (0, 10)]))
    assert same_facts(replace(BASE, name="Hall", delivered_in=2), BASE)
    assert same_facts(replace(BASE, footprint=box(0, 0, 10, 10)), BASE)
    for other in (raised, moved, redrawn, replace(moved, name="Hall")):
        assert not same_facts(other, BASE) and not same_facts(BASE, other)
    # every field the facts depend on, the last one alone (the footprint,
    # compared last) and the first (the levels)
    assert not same_facts(replace(raised, footprint=moved.footprint), BASE)
    assert not same_facts(replace(BASE, common_parts=False), BASE)
    assert not same_facts(replace(BASE, basements=1), BASE)
