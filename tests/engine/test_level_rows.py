"""Reading levels into columns: numbers only, objects given back when a row is read.

A level's load is kept as a number (NaN when not stated), its access as a code,
the area of its own polygon as a number (NaN when it has none); level issues
read the stated values back (``None`` when not stated) only for the rows they
word. Expectations computed by hand.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import box

import mixplan.engine.level_rows as level_rows_module
from mixplan.engine.columns import columnar_facts
from mixplan.engine.facts import Assumptions
from mixplan.engine.level_rows import (
    CODES,
    NO_RANK,
    RowValues,
    _unique_rows,
    known_rows,
    read_rows,
)
from mixplan.model import Building, Level, Rulebook
from mixplan.model.project import Allocation
from mixplan.model.uses import nuisance_rank


def _building() -> Building:
    return Building(
        "b", "", box(0, 0, 20, 10),  # footprint 200 m²
        (
            Level.of(5.0, "craft", load_kn_m2=12.0, access="street", nuisance="D"),
            # its own polygon, 5 × 10 = 50 m²; nothing stated
            Level.of(3.0, {"office": 0.25, "housing": 0.75}, polygon=box(0, 0, 5, 10)),
            Level.of(4.0, "warehouse", load_kn_m2=3.5, access="ramp"),
        ),
    )  # fmt: skip


def test_levels_read_as_numbers_and_read_back_as_stated() -> None:
    rows = read_rows([_building()], np.array([200.0]))
    assert rows.gross.tolist() == [200.0, 50.0, 200.0]
    assert rows.load_stated.tolist() == [True, False, True]
    assert rows.load[[0, 2]].tolist() == [12.0, 3.5]
    assert math.isnan(rows.load[1])
    # street and yard first (codes 0 and 1), -1 not stated
    assert rows.access_code.tolist()[:2] == [0, -1]
    everything = np.array([0, 1, 2])
    loads = rows.loads_of(everything)
    assert [loads[k] for k in range(3)] == [12.0, None, 3.5]
    assert type(loads[0]) is float
    access = rows.access_of(everything)
    assert [access[k] for k in range(3)] == ["street", None, "ramp"]
    # some rows only, in the order asked
    assert list(rows.access_of(np.array([2, 0]))) == ["ramp", "street"]
    # allocations: one row each, in level order
    assert rows.alloc_level.tolist() == [0, 1, 1, 2]
    assert [CODES[u] for u in rows.use.tolist()] == [
        "craft", "office", "housing", "warehouse",
    ]  # fmt: skip
    assert rows.share.tolist() == [1.0, 0.25, 0.75, 1.0]
    assert rows.stated_rank.tolist() == [nuisance_rank("D"), *[NO_RANK] * 3]


def test_levels_taken_from_a_known_batch_equal_levels_read() -> None:
    """A raised copy shares the three Level objects: their rows are gathered from
    the first batch, the new top storey read; every column as if read afresh."""
    b = _building()
    first = read_rows([b], np.array([200.0]))
    raised = Building(
        "b", "", b.footprint, (*b.levels, Level.of(2.8, "housing", load_kn_m2=2.5))
    )
    again = read_rows([raised], np.array([200.0]), known=first)
    fresh = read_rows([raised], np.array([200.0]))
    for name in ("gross", "load", "load_stated", "access_code", "height", "use",
                 "share", "stated_rank", "alloc_level", "index"):  # fmt: skip
        assert np.array_equal(
            getattr(again, name), getattr(fresh, name), equal_nan=True
        ), name
    assert list(again.loads_of(np.arange(4))) == [12.0, None, 3.5, 2.5]
    assert list(again.access_of(np.arange(4))) == ["street", None, "ramp", None]


def test_row_values_give_python_values() -> None:
    flags = RowValues(np.array([True, False]))
    assert flags[0] is True and flags[1] is False
    heights = RowValues(np.array([2.5, 4.0]))
    assert type(heights[1]) is float and heights[1] == 4.0
    named = RowValues(np.array([1, 0]), ("a", "b").__getitem__)
    assert len(named) == 2 and list(named) == ["b", "a"]


def test_icpe_regime_by_family_of_use() -> None:
    """The hazard rank: a productive use's stated regime or its default (craft NC
    = 0, warehouse D = 1), a tertiary use's stated one (office E = 3), none for
    housing or parking whatever they state."""
    a = Assumptions.of(Rulebook())
    craft = Level.of(5.0, "craft")
    office_e = Level.of(3.0, "office", nuisance={"office": "E"})
    housing_a = Level.of(3.0, "housing", nuisance={"housing": "A"})
    parking_seveso = Level.of(3.0, "parking", nuisance={"parking": "SEVESO"})
    warehouse = Level.of(5.0, "warehouse")
    stacks = {
        "all": (craft, office_e, housing_a, warehouse),
        "no office": (craft, housing_a, warehouse, parking_seveso),
        "craft only": (craft, housing_a, parking_seveso),
        "office stated D": (Level.of(3.0, "office", nuisance={"office": "D"}),),
        "office unstated": (Level.of(3.0, "office"),),
    }
    buildings = [
        Building(name, "", box(0, 0, 10, 10), stack) for name, stack in stacks.items()
    ]
    facts = columnar_facts(buildings, [None] * len(buildings), a, [100.0] * 5)
    assert [f.hazard_rank for f in facts] == [3, 1, 0, 1, 0]


def test_known_rows_are_the_same_objects_where_the_origin_has_them() -> None:
    """Rows 0-2 are b's three levels. Raised (same id): its three levels, the new
    one read; converted elsewhere (another id, origin b, middle storey replaced):
    rows 0 and 2; a storey inserted at the bottom shifts every level off its
    origin's position: all read again; a new building with b's levels but no
    origin and another id: read; a version whose middle storey is an equal
    level but another object: that one read (the same object, by address)."""
    b = _building()
    known = read_rows([b], np.array([200.0]))
    extra = Level.of(2.8, "housing")
    raised = replace(b, levels=(*b.levels, extra))
    converted = replace(b, id="c", origin="b", levels=(b.levels[0], extra, b.levels[2]))
    shifted = replace(b, levels=(extra, *b.levels))
    stranger = replace(b, id="s")
    twin = replace(b.levels[1])
    assert twin == b.levels[1] and twin is not b.levels[1]
    retyped = replace(b, id="t", origin="b", levels=(b.levels[0], twin, b.levels[2]))
    batch = [raised, converted, shifted, stranger, retyped]
    rows = read_rows(batch, np.full(5, 200.0))
    args = (batch, rows.ids, rows.level_keys, rows.level_building, rows.position)
    found = known_rows(*args, known)
    expected = [0, 1, 2, -1] + [0, -1, 2] + [-1] * 4 + [-1] * 3 + [0, -1, 2]
    assert found.tolist() == expected
    # the rows of the ids given are used as given: b at row 0 of the known rows
    assert known_rows(*args, known, {"b": 0}).tolist() == expected
    # (said to be at row 0, c finds b's levels there by its own id; b is not
    # found: its levels are read)
    wrong = [-1] * 4 + [0, -1, 2] + [-1] * 10
    assert known_rows(*args, known, {"c": 0}).tolist() == wrong
    # and the columns taken with them are those read afresh
    again = read_rows(batch, np.full(5, 200.0), known=known)
    for name in ("gross", "load", "access_code", "height", "use", "share"):
        assert np.array_equal(
            getattr(again, name), getattr(rows, name), equal_nan=True
        ), name


def test_level_keys_are_the_addresses_of_the_levels() -> None:
    """Each row's key is its Level object's identity: equal for the same object
    (a storey two buildings share), different for an equal copy; a part's keys
    are its rows'."""
    b = _building()
    twin = replace(b.levels[0])
    other = replace(b, id="o", levels=(b.levels[0], twin))
    rows = read_rows([b, other], np.full(2, 200.0))
    keys = rows.level_keys.tolist()
    assert keys == [id(level) for level in (*b.levels, b.levels[0], twin)]
    assert keys[0] == keys[3] and keys[3] != keys[4]
    assert [p.level_keys.tolist() for p in rows.parts(1)] == [keys[:3], keys[3:]]


@pytest.mark.parametrize(
    ("few_levels", "sampled", "size"),
    [(0, True, 2048), (1000, True, 2048), (0, False, 2048), (0, True, 1)],
    ids=["distinct", "each", "as-they-come", "distinct-one-a-slice"],
)
def test_shared_levels_and_allocations_read_once_given_to_every_row(
    monkeypatch: pytest.MonkeyPatch, few_levels: int, sampled: bool, size: int
) -> None:
    """Level ``low`` is used twice by ``a`` and twice by ``b``; ``high`` shares the
    office allocation object with ``low``. Each row gets its own level's values,
    in building, level, allocation order, as if every object were distinct —
    whether the distinct objects are found first or every object is read, or
    the levels and allocations read as they come (their samples ``sampled``
    showing no repeat);
    the distinct ones taken and read ``size`` at a time."""
    monkeypatch.setattr(level_rows_module, "_FEW_LEVELS", few_levels)
    monkeypatch.setattr(level_rows_module, "_SLICE", size)
    if not sampled:
        monkeypatch.setattr(level_rows_module, "_repeats", lambda _: False)
    craft_d = Allocation("craft", 0.5, "D")
    office = Allocation("office", 0.5)
    low = Level(3.0, (craft_d, office), load_kn_m2=12.0, access="street")
    high = Level(4.0, (office, Allocation("housing", 0.5)))
    a = Building("a", "", box(0, 0, 20, 10), (low, high, low))  # 200 m²
    b = Building("b", "", box(0, 0, 10, 10), (low, low), basements=1)  # 100 m²
    rows = read_rows([a, b], np.array([200.0, 100.0]))
    assert rows.height.tolist() == [3.0, 4.0, 3.0, 3.0, 3.0]
    assert rows.load_stated.tolist() == [True, False, True, True, True]
    assert rows.load[[0, 2, 3, 4]].tolist() == [12.0] * 4
    assert rows.access_code.tolist() == [0, -1, 0, 0, 0]
    assert rows.gross.tolist() == [200.0, 200.0, 200.0, 100.0, 100.0]
    assert rows.index.tolist() == [0, 1, 2, -1, 0]
    assert rows.alloc_level.tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert [CODES[u] for u in rows.use.tolist()] == [
        "craft", "office", "office", "housing", *["craft", "office"] * 3,
    ]  # fmt: skip
    assert rows.share.tolist() == [0.5] * 10
    d = nuisance_rank("D")
    assert rows.stated_rank.tolist() == [d, NO_RANK, NO_RANK, NO_RANK,
                                         *[d, NO_RANK] * 3]  # fmt: skip


@pytest.mark.parametrize(
    ("copies", "one_mix", "sorted_keys"),
    [(1, False, []), (3, False, [15]), (1, True, [10])],
    ids=["all-distinct", "levels-repeat", "allocations-repeat"],
)
def test_distinct_objects_found_only_where_a_sample_repeats(
    monkeypatch: pytest.MonkeyPatch,
    copies: int,
    one_mix: bool,
    sorted_keys: list[int],
) -> None:
    """Five levels of two allocations each, in ``copies`` buildings: levels
    of one building (no repeat) are read as they come, and so are their 10
    allocations, each its own object (no pointer sorted); the same levels in
    three buildings repeat, their 15 pointers are sorted (and each building
    gets their values), not their allocations'; five levels holding the same
    two allocation objects (``one_mix``) have those 10 pointers sorted."""
    monkeypatch.setattr(level_rows_module, "_FEW_LEVELS", 0)
    sorted_sizes: list[int] = []
    unique_rows = level_rows_module._unique_rows

    def counted(keys: Any) -> Any:
        sorted_sizes.append(len(keys))
        return unique_rows(keys)

    monkeypatch.setattr(level_rows_module, "_unique_rows", counted)
    mix = (Allocation("craft", 0.5), Allocation("office", 0.5))
    levels = tuple(
        Level(k + 3.0, mix, load_kn_m2=k + 1.0)
        if one_mix
        else Level.of(k + 3.0, {"craft": 0.5, "office": 0.5}, load_kn_m2=k + 1.0)
        for k in range(5)
    )
    park = [Building(f"b{c}", "", box(0, 0, 20, 10), levels) for c in range(copies)]
    rows = read_rows(park, np.full(copies, 200.0))
    assert sorted(sorted_sizes) == sorted_keys
    assert rows.height.tolist() == [3.0, 4.0, 5.0, 6.0, 7.0] * copies
    assert rows.load.tolist() == [1.0, 2.0, 3.0, 4.0, 5.0] * copies
    assert [CODES[u] for u in rows.use.tolist()] == ["craft", "office"] * 5 * copies
    assert rows.share.tolist() == [0.5] * 10 * copies


@pytest.mark.parametrize("count", [3, 4, 5])
def test_levels_read_a_slice_at_a_time(
    monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    """Slices of two levels (and of two distinct allocations): ``count`` levels
    fill one slice short of, exactly, and one past a whole number of slices;
    level k is k + 3 m high, its own polygon k + 1 m wide (so 10 (k + 1) m²), a
    load of k kN/m² above the first, craft for 0.25 + 0.125 k and office the rest."""
    monkeypatch.setattr(level_rows_module, "_SLICE", 2)
    monkeypatch.setattr(level_rows_module, "_FEW_LEVELS", 0)
    levels = tuple(
        Level.of(
            k + 3.0,
            {"craft": 0.25 + 0.125 * k, "office": 0.75 - 0.125 * k},
            load_kn_m2=None if k == 0 else float(k),
            polygon=box(0, 0, k + 1, 10),
        )
        for k in range(count)
    )
    rows = read_rows([Building("b", "", box(0, 0, 20, 10), levels)], np.array([200.0]))
    assert rows.height.tolist() == [k + 3.0 for k in range(count)]
    assert rows.gross.tolist() == [10.0 * (k + 1) for k in range(count)]
    assert rows.load_stated.tolist() == [False] + [True] * (count - 1)
    assert rows.load[1:].tolist() == [float(k) for k in range(1, count)]
    assert rows.alloc_level.tolist() == [k // 2 for k in range(2 * count)]
    assert [CODES[u] for u in rows.use.tolist()] == ["craft", "office"] * count
    assert rows.share.tolist() == [
        s for k in range(count) for s in (0.25 + 0.125 * k, 0.75 - 0.125 * k)
    ]


@pytest.mark.parametrize(("count", "path"), [(2, "each"), (3, "distinct")])
def test_few_levels_read_one_by_one(
    monkeypatch: pytest.MonkeyPatch, count: int, path: str
) -> None:
    """Below ``_FEW_LEVELS`` (3 here) every level is read as it comes; from it,
    the distinct ones first. The same columns either way: level k is k + 3 m
    high, stated 5 kN/m² on the first only, craft D and office in halves."""
    monkeypatch.setattr(level_rows_module, "_FEW_LEVELS", 3)
    taken: list[str] = []
    for name, label in (("_read_each", "each"), ("_read_distinct_levels", "distinct")):
        reader = getattr(level_rows_module, name)
        monkeypatch.setattr(
            level_rows_module,
            name,
            lambda values, reader=reader, label=label: (
                taken.append(label) or reader(values)
            ),
        )
    levels = tuple(
        Level.of(
            k + 3.0,
            {"craft": 0.5, "office": 0.5},
            load_kn_m2=5.0 if k == 0 else None,
            nuisance="D",
        )
        for k in range(count)
    )
    rows = read_rows([Building("b", "", box(0, 0, 20, 10), levels)], np.array([200.0]))
    assert taken == [path]
    assert rows.height.tolist() == [k + 3.0 for k in range(count)]
    assert rows.load_stated.tolist() == [True] + [False] * (count - 1)
    assert [CODES[u] for u in rows.use.tolist()] == ["craft", "office"] * count
    assert rows.share.tolist() == [0.5] * (2 * count)
    assert rows.stated_rank.tolist() == [nuisance_rank("D"), NO_RANK] * count


def _np_unique_rows(keys: list[int]) -> tuple[list[int], list[int]]:
    """Each distinct key (in key order) and each row's key number, as NumPy's."""
    values, of_row = np.unique(np.array(keys, dtype=np.intp), return_inverse=True)
    return values.tolist(), of_row.tolist()


def _found(keys: list[int]) -> tuple[list[int], list[int]]:
    """The key at each distinct row :func:`_unique_rows` gives, and its numbers."""
    rows, of_row = _unique_rows(np.array(keys, dtype=np.intp))
    return [keys[r] for r in rows.tolist()], of_row.tolist()


@given(st.lists(st.sampled_from([0, 16, 48, 64, 4096, 2**40, 2**40 + 16]), max_size=60))
def test_unique_rows_are_numpys(keys: list[int]) -> None:
    """Aligned keys (the sort of pointers), spans of a few bits to 40: a row
    of each distinct key in key order and each row's key number, as
    ``np.unique`` gives them."""
    assert _found(keys) == _np_unique_rows(keys)


@pytest.mark.parametrize(
    "keys",
    [
        [5, 5, 5],  # one key: every offset 0
        [3, 1, 2, 1, 3, 0, 0],  # shuffled (hashed)
        [0, 1, 1, 2, 3, 3, 4, 5],  # ascending (merge sort: its runs)
        [2**62, 0, 2**62, 1],  # 62 bits of span and a row bit: np.unique itself
        [2**59, 0, 2**59, 1],  # 60 bits of span and 3 row bits: 63, np.unique
        [2**58, 0, 2**58, 1],  # 59 + 3 = 62 bits: packed (hashed)
        [9, 7, 9, 7, 9, 7, 9, 7],  # 2 distinct keys of 8, 4 times each: np.unique
        [9, 7, 9, 7, 9, 7, 9],  # 2 of 7, under 4 times each: packed (hashed)
    ],
)
def test_unique_rows_at_each_branch(keys: list[int]) -> None:
    assert _found(keys) == _np_unique_rows(keys)


@pytest.mark.parametrize("probes", [0, 64])
def test_keys_in_no_order_are_hashed_and_sorted_when_probing_runs_long(
    monkeypatch: pytest.MonkeyPatch, probes: int
) -> None:
    """6,000 keys in no order, 1,500 distinct (each four times, multiples of
    16 as pointers are): found in a hash table, or, when probing may take no
    round, by sorting them: the same answer."""
    monkeypatch.setattr(level_rows_module, "_MAX_PROBES", probes)
    hashed: list[bool] = []
    hashed_rows = level_rows_module._hashed_rows

    def watched(keys: Any) -> Any:
        found = hashed_rows(keys)
        hashed.append(found is not None)
        return found

    monkeypatch.setattr(level_rows_module, "_hashed_rows", watched)
    order = np.random.default_rng(5).permutation(6000)
    keys = ((order % 1500) * 16 + 2**20).tolist()
    assert _found(keys) == _np_unique_rows(keys)
    assert hashed == [probes > 0]


def test_codes_read_by_address_and_by_value_alike() -> None:
    codes = level_rows_module._Codes({"street": 0, "yard": 1, None: -1})
    many = level_rows_module._FEW_CODES  # from this many: by address
    # the table's own key objects: read by address (and looked up, below many)
    for count in (many, many - 1, 4, 1):
        values = (["yard", None, "street", "yard"] * many)[:count]
        assert codes(values).tolist() == ([1, -1, 0, 1] * many)[:count]
    # an equal string made elsewhere is not a key object: looked up by value
    made = "".join(["str", "eet"])
    assert made == "street"
    assert codes([None] * (many - 1) + [made]).tolist() == [-1] * (many - 1) + [0]
    assert codes([made]).tolist() == [0]
    assert codes([]).tolist() == []
    for count in (many, 2):
        with pytest.raises(KeyError):
            codes(["yard"] * (count - 1) + ["roof"])


def _unshared(value: str) -> str:
    """An equal string that is not the taxonomy's object."""
    made = "".join([value[:1], value[1:]])
    assert made == value
    return made


def test_levels_whose_strings_are_not_the_taxonomys_read_the_same() -> None:
    # A use, an ICPE regime and an access held as strings of their own (a
    # level made without its constructor's checks): the same codes.
    plain = _building()
    own = Allocation.__new__(Allocation)
    object.__setattr__(own, "use", _unshared("craft"))
    object.__setattr__(own, "share", 1.0)
    object.__setattr__(own, "nuisance", _unshared("D"))
    level = Level.__new__(Level)
    for name, value in (
        ("height_m", 5.0), ("uses", (own,)), ("load_kn_m2", 12.0),
        ("access", _unshared("street")), ("polygon", None),
    ):  # fmt: skip
        object.__setattr__(level, name, value)
    odd = replace(plain, levels=(level, *plain.levels[1:]))
    many = 700  # over _FEW_LEVELS levels: the shared allocations found first
    for buildings in ([odd], [odd] * many):
        got = read_rows(buildings, np.full(len(buildings), 200.0))
        want = read_rows([plain] * len(buildings), np.full(len(buildings), 200.0))
        assert got.access_code.tolist() == want.access_code.tolist()
        assert got.use.tolist() == want.use.tolist()
        assert got.stated_rank.tolist() == want.stated_rank.tolist()
    assert want.access_code.tolist()[:3] == [0, -1, 3]
    assert want.use.tolist()[:3] == [CODES.index("craft"), CODES.index("office"),
                                     CODES.index("housing")]  # fmt: skip
    assert want.stated_rank.tolist()[:2] == [nuisance_rank("D"), NO_RANK]
