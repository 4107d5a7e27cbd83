"""Digests encoded by exact type: the same bytes as the plain encoder.

A digest is stored in project files (``changed_from``): a faster encoding must
not change one bit. The oracle below is the plain encoder, written with
``dataclasses.fields`` and ``isinstance`` only, value by value.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import fields, is_dataclass, replace
from typing import Any

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from mixplan.model import Allocation, Building, GroundCover, Level
from mixplan.model.digest_columns import LevelColumns
from mixplan.model.phasing import Hosting, Occupant
from mixplan.model.sameness import (
    _DIGESTS,
    building_digest,
    building_digests,
    cover_digest,
)


def _plain_encode(value: Any, out: list[bytes]) -> None:
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
            _plain_encode(item, out)
    else:
        assert is_dataclass(value)
        out.append(b"{" + type(value).__name__.encode())
        for f in fields(value):
            _plain_encode(getattr(value, f.name), out)


def _plain_digest(value: Any) -> str:
    out: list[bytes] = []
    for f in fields(value):
        if f.name != "origin":
            out.append(f.name.encode())
            _plain_encode(getattr(value, f.name), out)
    return hashlib.sha256(b"\x00".join(out)).hexdigest()[:32]


SHED = Building(
    "b1",
    "Bâtiment 1 — atelier",
    box(0, 0, 20, 10),
    (
        Level.of(4.5, {"craft": 0.6, "office": 0.4}, load_kn_m2=12.5, access="street"),
        Level.of(3.0, "housing", polygon=box(1, 1, 10, 9)),
        Level.of(2.75, {"retail": 1.0}, nuisance="E"),
    ),
    basements=1,
    freight_lift_kg=1500.0,
    ramp=True,
    loading_bays=2,
    parking_spaces=7,
    roof="green",
    shared=True,
    demolished_in=None,
    delivered_in=2,
    occupants=(Occupant("Menuiserie Martin", 400, 6), Occupant("Atelier", 120)),
    hosts=(Hosting("Boulangerie", 2),),
    common_parts=False,
)


def test_building_digests_are_the_plain_encoders() -> None:
    versions = [
        SHED,
        replace(SHED, origin="b0"),  # origin aside: the same digest
        replace(SHED, ramp=False, shared=False, occupants=(), hosts=()),
        # a number of another type: numpy's float, a whole float
        replace(SHED, freight_lift_kg=np.float64(2500.0)),  # type: ignore[arg-type]
        replace(SHED, freight_lift_kg=2500),
        replace(SHED, footprint=box(0, 0, 20, 10.5)),
    ]
    _DIGESTS.clear()
    found = [building_digest(b) for b in versions]
    assert found == [_plain_digest(b) for b in versions]
    assert found[0] == found[1]
    assert found[3] == found[4]  # 2500.0 either way
    assert len(set(found)) == 4


def test_cover_digests_are_the_plain_encoders() -> None:
    covers = [
        GroundCover("c", "parking", box(0, 0, 10, 10), spaces=12),
        GroundCover(
            "m", "sealed", shapely.MultiPolygon([box(0, 0, 5, 5), box(6, 0, 9, 5)])
        ),
        GroundCover("c", "lawn", box(0, 0, 10, 10)),
    ]
    _DIGESTS.clear()
    assert [cover_digest(c) for c in covers] == [_plain_digest(c) for c in covers]


# Random buildings of every field type: levels with and without their own
# outline, stated and unstated loads and access, one to three uses with and
# without a nuisance class, phasing, occupants and hosts.
_USES = ["craft", "office", "retail", "housing", "urban_logistics", "parking"]
_level = st.builds(
    lambda height, shares, load, access, nuisance, outline: Level.of(
        height,
        dict(shares),
        load_kn_m2=load,
        access=access,
        nuisance=nuisance,
        polygon=outline,
    ),
    st.floats(0.5, 12.0),
    st.lists(st.sampled_from(_USES), min_size=1, max_size=3, unique=True).map(
        lambda uses: [(u, 1.0 / len(uses)) for u in uses]
    ),
    st.none() | st.floats(0.1, 50.0),
    st.none() | st.sampled_from(["street", "yard", "none"]),
    st.none() | st.sampled_from(["D", "E", "A"]),
    st.none() | st.builds(lambda w: box(1, 1, 1 + w, 5), st.floats(0.5, 8.0)),
)
_building = st.builds(
    lambda k, name, width, levels, lift, flags, counts, roof, phases, firms: Building(
        f"b{k}",
        name,
        box(0, 0, width, 10),
        tuple(levels),
        origin=None if k % 2 else f"o{k}",
        basements=min(counts[0], len(levels) - 1),
        freight_lift_kg=lift,
        ramp=flags[0],
        loading_bays=counts[1],
        parking_spaces=counts[2],
        roof=roof,
        shared=flags[1],
        demolished_in=phases[0],
        delivered_in=phases[1],
        occupants=tuple(
            Occupant(f"Firm {i}", 50.0 * (i + 1), i or None) for i in range(firms)
        ),
        hosts=tuple(Hosting(f"Firm {i}", 1 + i) for i in range(firms)),
        common_parts=flags[2],
    ),
    st.integers(0, 99),
    st.text(max_size=12),
    st.floats(1.0, 60.0),
    st.lists(_level, min_size=1, max_size=4),
    st.sampled_from([0.0, 630.0, 1500.5]),
    st.tuples(st.booleans(), st.booleans(), st.booleans()),
    st.tuples(st.integers(0, 2), st.integers(0, 9), st.integers(0, 400)),
    st.sampled_from(["plain", "green"]),
    st.tuples(st.none() | st.integers(1, 3), st.none() | st.integers(1, 3)),
    st.integers(0, 2),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_building, min_size=1, max_size=6))
def test_digests_in_bulk_are_the_plain_encoders(buildings: list[Building]) -> None:
    _DIGESTS.clear()
    plain = [_plain_digest(b) for b in buildings]
    assert building_digests(buildings) == plain
    _DIGESTS.clear()
    assert [building_digest(b) for b in buildings] == plain
    # remembered: the same answers again, in bulk and one by one
    assert building_digests(buildings) == plain


def test_a_level_of_unusual_values_is_encoded_value_by_value() -> None:
    # Values the checks of the model would not make (a numpy height, a numpy
    # share): the level's one-go encoding declines them, the value-by-value
    # encoder still writes the plain bytes.
    odd_level = Level.of(3.0, {"craft": 0.5, "office": 0.5}, load_kn_m2=5.0)
    object.__setattr__(odd_level, "height_m", np.float64(3.0))
    odd_share = Level.of(3.0, {"craft": 0.5, "office": 0.5}, access="yard")
    object.__setattr__(odd_share.uses[1], "share", np.float64(0.5))
    odd_load = Level.of(3.0, "housing", polygon=box(0, 0, 4, 4))
    object.__setattr__(odd_load, "load_kn_m2", 5)
    buildings = [
        replace(SHED, id=f"b{k}", levels=(*SHED.levels, level))
        for k, level in enumerate([odd_level, odd_share, odd_load])
    ]
    _DIGESTS.clear()
    plain = [_plain_digest(b) for b in buildings]
    assert building_digests(buildings) == plain
    # 3.0 and 5 are the doubles 3.0 and 5.0: the same bytes as the usual values
    usual = replace(
        buildings[2],
        levels=(
            *SHED.levels,
            Level.of(3.0, "housing", load_kn_m2=5.0, polygon=box(0, 0, 4, 4)),
        ),
    )
    assert building_digest(usual) == plain[2]


def _plain_columns(buildings: list[Building]) -> LevelColumns:
    # The levels read plainly, texts coded by their position in a table of
    # the values met (None last: as the engine's rows code "not stated", -1).
    levels = [level for b in buildings for level in b.levels]
    allocations = [a for level in levels for a in level.uses]
    uses = sorted({a.use for a in allocations})
    regimes = [*sorted({a.nuisance for a in allocations} - {None}), None]
    access = [*sorted({lv.access for lv in levels} - {None}), None]
    outlined = [k for k, level in enumerate(levels) if level.polygon is not None]
    return LevelColumns(
        level_counts=np.array([len(b.levels) for b in buildings]),
        height=np.array([level.height_m for level in levels]),
        load=np.array(
            [np.nan if lv.load_kn_m2 is None else lv.load_kn_m2 for lv in levels]
        ),
        access=np.array([access.index(level.access) - len(access) for level in levels]),
        access_names=access,
        allocation_counts=np.array([len(level.uses) for level in levels]),
        outlined=np.array(outlined, dtype=np.intp),
        outlines=[levels[k].polygon for k in outlined],
        use=np.array([uses.index(a.use) for a in allocations], dtype=np.intp),
        use_names=uses,
        share=np.array([a.share for a in allocations]),
        nuisance=np.array(
            [regimes.index(a.nuisance) - len(regimes) for a in allocations],
            dtype=np.intp,
        ),
        nuisance_names=regimes,
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(_building, min_size=1, max_size=6))
def test_digests_from_level_columns_are_the_plain_encoders(
    buildings: list[Building],
) -> None:
    # Columns given (as the engine gives the rows it has read): the buildings
    # are encoded column by column, to the same bytes.
    _DIGESTS.clear()
    plain = [_plain_digest(b) for b in buildings]
    assert building_digests(buildings, _plain_columns(buildings)) == plain
    # and one by one, the same
    assert [building_digest(b) for b in buildings] == plain


def test_many_buildings_from_level_columns_are_the_plain_encoders() -> None:
    # Hundreds of buildings of one to four levels, each different: each gets
    # its own bytes, in order.
    count = 2 * 192 + 3
    buildings = [
        replace(
            SHED,
            id=f"b{k}",
            name=f"Hall {k}",
            basements=0,
            footprint=box(0, 0, 10 + k % 7, 10),
            levels=tuple(
                Level.of(
                    2.5 + (k + j) % 5,
                    {"craft": 0.5, "office": 0.5} if (k + j) % 3 else "housing",
                    load_kn_m2=None if (k + j) % 2 else 5.0 + k,
                    access=("street", "yard", None)[(k + j) % 3],
                    nuisance=("E", None)[k % 2],
                    polygon=box(1, 1, 3 + j, 4) if (k + j) % 4 == 0 else None,
                )
                for j in range(1 + k % 4)
            ),
        )
        for k in range(count)
    ]
    _DIGESTS.clear()
    plain = [_plain_digest(b) for b in buildings]
    assert len(set(plain)) == count
    assert building_digests(buildings, _plain_columns(buildings)) == plain


def test_level_columns_by_hand() -> None:
    # SHED: three levels (two uses, one, one), a stated load and access on the
    # first, an outline on the second, and here a craft workshop under
    # regime E on the third; its digest made from columns coded by hand is
    # the plain encoder's.
    shed = replace(
        SHED, levels=(*SHED.levels[:2], Level(2.75, (Allocation("craft", 1.0, "E"),)))
    )
    columns = LevelColumns(
        level_counts=np.array([3]),
        height=np.array([4.5, 3.0, 2.75]),
        load=np.array([12.5, np.nan, np.nan]),
        access=np.array([0, 1, 1]),
        access_names=["street", None],
        allocation_counts=np.array([2, 1, 1]),
        outlined=np.array([1]),
        outlines=[box(1, 1, 10, 9)],
        use=np.array([2, 1, 0, 2]),
        use_names=["housing", "office", "craft"],
        share=np.array([0.6, 0.4, 1.0, 1.0]),
        nuisance=np.array([-1, -1, -1, 0]),
        nuisance_names=["E", None],
    )
    _DIGESTS.clear()
    assert building_digests([shed], columns) == [_plain_digest(shed)]
    # A share off by one bit, a regime not stated: other digests.
    off = replace(columns, share=np.array([0.6, np.nextafter(0.4, 1), 1.0, 1.0]))
    unstated = replace(columns, nuisance=np.array([-1, -1, -1, -1]))
    for other in (off, unstated):
        _DIGESTS.clear()
        assert building_digests([shed], other) != [_plain_digest(shed)]


def test_field_values_given_are_encoded_as_given() -> None:
    # Whoever has read some fields off the buildings gives them: they are
    # encoded as given (here a name and a lift that are another building's),
    # the other fields read off the buildings; one value a building.
    shed = replace(SHED, levels=SHED.levels[:1], basements=0)
    other = replace(shed, name="Hall", freight_lift_kg=630.0, roof="plain")
    columns = _plain_columns([shed])
    _DIGESTS.clear()
    given = {"name": ["Hall"], "freight_lift_kg": [630.0], "roof": ["plain"]}
    assert building_digests([shed], columns, given) == [_plain_digest(other)]
    _DIGESTS.clear()
    assert building_digests([shed], columns, {}) == [_plain_digest(shed)]
    _DIGESTS.clear()
    with pytest.raises(ValueError, match="one value a building"):
        building_digests([shed], columns, {"name": ["Hall", "Shed"]})


def test_remembered_digests_keep_no_building_alive() -> None:
    # A building fingerprinted one by one or in bulk goes when its project
    # lets it go: the memo refers to it weakly (a full memo let go
    # inside an evaluation freed every building of the projects it held).
    import gc
    import weakref

    _DIGESTS.clear()
    alone, bulk, columns = (
        replace(SHED, id=f"b{k}", levels=(*SHED.levels, Level.of(3.0 + k, "office")))
        for k in range(3)
    )
    plain = [_plain_digest(b) for b in (alone, bulk, columns)]
    assert building_digest(alone) == plain[0]
    assert building_digests([bulk]) == [plain[1]]
    assert building_digests([columns], _plain_columns([columns])) == [plain[2]]
    # (made from columns, a digest is not remembered: the caller keeps it)
    assert len(_DIGESTS) == 2 and id(columns) not in _DIGESTS
    # remembered while they live: the same answers without encoding again
    assert [building_digest(b) for b in (alone, bulk, columns)] == plain
    gone = [weakref.ref(b) for b in (alone, bulk, columns)]
    del alone, bulk, columns
    gc.collect()
    assert [ref() for ref in gone] == [None, None, None]


def test_an_id_met_again_is_not_taken_for_a_building_gone() -> None:
    # The memo's entry for an id whose building is gone does not answer for
    # another object at that address: it is fingerprinted afresh.
    import weakref

    _DIGESTS.clear()
    other = replace(SHED, roof="green")
    dead = weakref.ref(replace(SHED, id="x"))
    assert dead() is None
    _DIGESTS[id(other)] = (dead, "0" * 32)
    assert building_digest(other) == _plain_digest(other) != "0" * 32
    # a value that cannot be referred to weakly is remembered strongly
    cover = GroundCover("g", "sealed", box(0, 0, 5, 5))
    assert cover_digest(cover) == _plain_digest(cover)
    assert _DIGESTS[id(cover)][0]() is cover
