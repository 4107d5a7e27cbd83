"""A batch of buildings read into flat arrays: one row a level, one row an allocation.

The model holds buildings as immutable objects (a building, its levels, each
level's allocations of floor area to uses). The columnar facts
(:mod:`mixplan.engine.columns`) need them as columns: every attribute is read
here once, at C speed (``map`` over ``attrgetter``), into arrays in building,
level, allocation order — the order of :func:`~mixplan.engine.facts.building_facts`'
walk, which sums must keep to give the same doubles. Levels and allocations a
project shares are read once each (:func:`_distinct`, by identity).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from operator import attrgetter, eq
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import box

from mixplan.model.project import Allocation, Building, Level
from mixplan.model.slot_values import SlotReader, tuple_items
from mixplan.model.uses import ACCESS_CODES, NUISANCE_CLASSES, USES, nuisance_rank

__all__ = [
    "CODES",
    "COLUMN_OF_USE",
    "NO_RANK",
    "LevelRows",
    "RowValues",
    "known_rows",
    "read_rows",
    "row_ranges",
]

#: Use codes in taxonomy order: a use's column number is its position here.
CODES: tuple[str, ...] = tuple(USES)
#: The column number of each use code (its position in :data:`CODES`).
COLUMN_OF_USE = {code: k for k, code in enumerate(CODES)}
#: The ICPE regime an allocation states (-1: none, its use's default applies).
NO_RANK = -1
_STATED_RANK: dict[str | None, int] = {None: NO_RANK, "": NO_RANK}
_STATED_RANK.update({code: nuisance_rank(code) for code in NUISANCE_CLASSES})
#: Access codes of a level (street and yard first; -1: not stated).
_ACCESS_CODE: dict[str | None, int] = {None: -1} | {
    code: k
    for k, code in enumerate(
        ("street", "yard", *(c for c in ACCESS_CODES if c not in ("street", "yard")))
    )
}
#: The access of each code; the last, at -1, is "not stated".
_ACCESS_NAMES: tuple[str | None, ...] = (
    *sorted(set(_ACCESS_CODE) - {None}, key=_ACCESS_CODE.__getitem__),
    None,
)
#: The code of ramp access.
RAMP_ACCESS = _ACCESS_CODE["ramp"]

_ORIGIN = attrgetter("origin")


def _objects(values: Sequence[object]) -> NDArray[np.object_]:
    """A list as an object array (no attempt to read its items as sequences)."""
    return np.fromiter(values, object, len(values))


#: Below this many values (an edit's building) :class:`_Codes` looks each one
#: up in its dictionary: 0.6 µs for 3 values against 5 by address, even at ~200.
_FEW_CODES = 256


class _Codes:
    """The code of each value in ``table``, read by the values' addresses.

    The model holds a use, an ICPE regime or an access as the taxonomy's own
    string object (:class:`~mixplan.model.project.Allocation`,
    :class:`~mixplan.model.project.Level`): the values of a slice are looked
    up among the table's keys by address, in bulk, instead of one dictionary
    lookup a value (fewer than :data:`_FEW_CODES`: the lookups). A value that
    is not one of the keys themselves (an equal string made elsewhere) sends
    the slice through the dictionary: the same codes either way, and a value
    not in the table raises ``KeyError``.

    Examples
    --------
    >>> codes = _Codes({"street": 0, "yard": 1, None: -1})
    >>> codes(["yard", None, "street"] * 100).tolist()[:3]
    [1, -1, 0]
    >>> codes(["".join(["ya", "rd"])] * 300).tolist()[:1]
    [1]
    """

    __slots__ = ("_addresses", "_codes", "_keys", "_table")

    def __init__(self, table: Mapping[Any, int]) -> None:
        self._table = table
        #: the keys, kept (their addresses are theirs while they live)
        self._keys = keys = _objects(list(table))
        addresses = np.frombuffer(keys, np.intp)
        order = np.argsort(addresses)
        self._addresses = addresses[order]
        self._codes = np.fromiter(table.values(), np.intp, len(table))[order]

    def __call__(self, values: Sequence[Any]) -> NDArray[np.intp]:
        """The codes of ``values``, in order."""
        if len(values) < _FEW_CODES:
            return self._by_value(values)
        found = np.frombuffer(_objects(values), np.intp)
        addresses = self._addresses
        at = np.searchsorted(addresses, found)
        np.minimum(at, len(addresses) - 1, out=at)
        if (addresses[at] == found).all():
            return self._codes[at]
        return self._by_value(values)

    def _by_value(self, values: Sequence[Any]) -> NDArray[np.intp]:
        """The codes of ``values``, one dictionary lookup a value."""
        return np.fromiter(map(self._table.__getitem__, values), np.intp, len(values))


def _stated(load: float) -> float | None:
    """A load read from its column: NaN is ``None``, "not stated"."""
    return None if math.isnan(load) else load


class RowValues(Sequence[Any]):
    """A column of an array read as Python values when first asked.

    Level issues word themselves from columns of arguments
    (:class:`~mixplan.engine.level_issues.IssueTable`), and most issues are
    never worded: their arguments stay in the array until a row is read. Then
    the whole column is listed at once (``tolist``, ``read`` of each value when
    given): a report words every issue, and reading the array a row at a time
    cost a NumPy scalar and its ``item()`` each.

    Examples
    --------
    >>> codes = RowValues(np.array([2, -1]), ("a", "b", "c").__getitem__)
    >>> len(codes), codes[0], codes[1], RowValues(np.array([1.5]))[0]
    (2, 'c', 'c', 1.5)
    """

    __slots__ = ("_listed", "_read", "_values")

    def __init__(
        self, values: NDArray[Any], read: Callable[[Any], Any] | None = None
    ) -> None:
        self._values = values
        self._read = read
        self._listed: list[Any] | None = None

    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, row: int) -> Any:  # type: ignore[override]
        listed = self._listed
        if listed is None:
            values = self._values.tolist()
            listed = values if self._read is None else list(map(self._read, values))
            self._listed = listed
        return listed[row]


@dataclass(frozen=True, slots=True)
class _LevelColumns:
    """What a batch reads off its Level objects: one row a level, one an allocation."""

    height: NDArray[np.float64]
    #: the stated load (NaN: not stated; a stated load is a positive number)
    load: NDArray[np.float64]
    access_code: NDArray[np.intp]
    #: the area of the level's own polygon (NaN: none, the footprint's)
    own_area: NDArray[np.float64]
    allocations: NDArray[np.intp]
    use: NDArray[np.intp]
    share: NDArray[np.float64]
    stated_rank: NDArray[np.intp]

    @property
    def alloc_start(self) -> NDArray[np.intp]:
        """The first allocation row of each level."""
        return np.cumsum(self.allocations) - self.allocations

    def part(self, levels: slice, allocations: slice) -> _LevelColumns:
        """The columns of a run of levels and of their allocations (views)."""
        return _LevelColumns(
            height=self.height[levels],
            load=self.load[levels],
            access_code=self.access_code[levels],
            own_area=self.own_area[levels],
            allocations=self.allocations[levels],
            use=self.use[allocations],
            share=self.share[allocations],
            stated_rank=self.stated_rank[allocations],
        )


def row_ranges(starts: NDArray[np.intp], counts: NDArray[np.intp]) -> NDArray[np.intp]:
    """The rows ``starts[k] .. starts[k] + counts[k] - 1`` of every k, in order.

    Examples
    --------
    >>> row_ranges(np.array([5, 0, 9]), np.array([2, 0, 3])).tolist()
    [5, 6, 9, 10, 11]
    """
    within = np.arange(int(counts.sum())) - np.repeat(
        np.cumsum(counts) - counts, counts
    )
    return np.repeat(starts, counts) + within


def _distinct(
    objects: NDArray[np.object_],
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The distinct objects of an object array, by identity.

    Gives a row of each distinct object (in address order) and, for every
    row, the number of its object among them: what ``np.unique`` of the
    objects' ``id`` gives with ``return_index`` and ``return_inverse``
    (there, each object's first row; here any of its rows).
    The keys are the pointers the array holds, read as integers without
    visiting the objects (``map(id, ...)`` would touch each one).

    Examples
    --------
    >>> a, b = object(), object()
    >>> objects = _objects([a, b, a, a])
    >>> rows, of_row = _distinct(objects)
    >>> len(rows), [objects[r] for r in rows[of_row]] == [a, b, a, a]
    (2, True)
    """
    return _unique_rows(np.frombuffer(objects, np.intp))


#: How many keys :func:`_unique_rows` samples to tell whether they repeat a lot.
_SAMPLE = 1024


def _repeats(keys: NDArray[np.intp]) -> bool:
    """Whether keys sampled evenly (:data:`_SAMPLE` of them) repeat one another.

    Examples
    --------
    >>> _repeats(np.arange(5000)), _repeats(np.arange(5000) % 2000)
    (False, True)
    """
    sample = keys[:: -(-len(keys) // _SAMPLE)] if len(keys) else keys
    return len(np.unique(sample)) < len(sample)


def _unique_rows(keys: NDArray[np.intp]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The distinct keys' rows and each row's key number, faster than ``np.unique``.

    As ``np.unique(keys, return_index=True, return_inverse=True)[1:]`` gives
    them (distinct keys in key order, each row's number among them), but a
    distinct key's row is one of its rows, not always its first.

    Examples
    --------
    >>> keys = np.array([48, 16, 48, 2**60, 16])
    >>> rows, of_row = _unique_rows(keys)
    >>> keys[rows].tolist(), of_row.tolist()
    ([16, 48, 1152921504606846976], [1, 0, 1, 2, 0])
    """
    n = len(keys)
    if n == 0:
        return np.empty(0, np.intp), np.empty(0, np.intp)
    offsets = keys - keys.min()
    # drop the low bits every offset shares (objects are aligned): lossless
    common = int(np.bitwise_or.reduce(offsets))
    offsets >>= (common & -common).bit_length() - 1 if common else 0
    row_bits = n.bit_length()
    sample = keys[:: -(-n // _SAMPLE)]
    if int(offsets.max()).bit_length() + row_bits > 62 or len(
        np.unique(sample)
    ) * 4 <= len(sample):
        # too wide to pack, or few distinct keys: np.unique's merge sort runs
        # through the repeats (3 distinct levels of 500,000: 9 ms, packed 30)
        _, rows, of_row = np.unique(keys, return_index=True, return_inverse=True)
        return rows, of_row
    ascending = np.count_nonzero(offsets[1:] >= offsets[:-1])
    if ascending <= 0.9 * (n - 1):
        # keys in no order (a park's allocations, shared by levels read in
        # building order): found in a hash table, not sorted (138,000 of
        # them, 29,000 distinct: 4.5 ms instead of 6.8)
        hashed = _hashed_rows(offsets)
        if hashed is not None:
            return hashed
    # one sort of (offset, row) packed in an integer instead of np.unique's
    # argsort and gathers (a million allocations, a quarter distinct: 63 ms
    # instead of 97); levels come nearly in address order, where a merge sort
    # only checks its runs
    keyed = (offsets << row_bits) | np.arange(n)
    keyed.sort(kind="stable" if ascending > 0.9 * (n - 1) else "quicksort")
    row = keyed & ((1 << row_bits) - 1)
    keyed >>= row_bits
    first = np.empty(n, bool)
    first[0] = True
    np.not_equal(keyed[1:], keyed[:-1], out=first[1:])
    of_row = np.empty(n, np.intp)
    of_row[row] = np.cumsum(first) - 1
    return row[first], of_row


#: Fibonacci hashing's multiplier (2**64 over the golden ratio, odd): keys
#: multiplied by it spread their differences into the product's top bits.
_SPREAD = np.uint64(0x9E3779B97F4A7C15)
#: Rounds of probing after which :func:`_hashed_rows` gives up (a table of
#: twice as many slots as keys needs a few; crowded, sorting serves better).
_MAX_PROBES = 64


def _hashed_rows(
    keys: NDArray[np.intp],
) -> tuple[NDArray[np.intp], NDArray[np.intp]] | None:
    """:func:`_unique_rows` of non-negative keys, by open addressing.

    Every key is put in a table of twice as many slots as there are keys, at
    the top bits of its product with :data:`_SPREAD`, or past it (linear
    probing): all of them at once, a round each step of probing. A slot
    taken by another key sends its keys on to the next. ``None``: the
    probing ran long (:data:`_MAX_PROBES` rounds).

    Examples
    --------
    >>> rows, of_row = _hashed_rows(np.array([3, 1, 3, 7, 1]))
    >>> sorted(rows.tolist()) in ([0, 1, 3], [0, 3, 4], [1, 2, 3], [2, 3, 4])
    True
    >>> of_row.tolist()
    [1, 0, 1, 2, 0]
    """
    n = len(keys)
    bits = max(1, (2 * n - 1).bit_length())
    last = (1 << bits) - 1
    slot = (
        (np.ascontiguousarray(keys).view(np.uint64) * _SPREAD) >> np.uint64(64 - bits)
    ).astype(np.intp)
    table = np.full(last + 1, -1, np.intp)
    pending = np.arange(n)
    slot_of = np.empty(n, np.intp)
    for _ in range(_MAX_PROBES):
        free = table[slot] < 0
        # (of the keys meeting at a free slot, one is written: any)
        table[slot[free]] = pending[free]
        placed = keys[table[slot]] == keys[pending]
        slot_of[pending[placed]] = slot[placed]
        if placed.all():
            break
        missed = ~placed
        pending = pending[missed]
        slot = (slot[missed] + 1) & last
    else:
        return None
    taken = np.flatnonzero(table >= 0)
    rows = table[taken]
    order = np.argsort(keys[rows])
    number = np.empty(last + 1, np.intp)
    number[taken[order]] = np.arange(len(order))
    return rows[order], number[slot_of]


#: Objects are read a slice at a time, every attribute of a slice while its
#: objects are still in the CPU cache: 2,048 levels, their tuples of
#: allocations and their heights take a few hundred kB, and reading a column
#: of 50,000 scattered objects after another missed the cache on every object.
_SLICE = 2048


#: A level's fields read a slice of levels at a time (:class:`SlotReader`).
_LEVEL_FIELDS = SlotReader(
    Level,
    [Level(3.25, (Allocation("office", 1.0),), 7.5, "street", None)],
    ("height_m", "load_kn_m2", "access", "polygon", "uses"),
)
#: The fields of a building that :func:`read_rows` reads, in this order.
_BUILDING_FIELD_NAMES = (
    "id",
    "levels",
    "basements",
    "ramp",
    "freight_lift_kg",
    "common_parts",
    "parking_spaces",
    "loading_bays",
    "shared",
    "roof",
)
_PROBE_LEVEL = Level(3.0, (Allocation("office", 1.0),))
#: A building's fields, likewise (two probes tell its three flags apart).
_BUILDING_FIELDS = SlotReader(
    Building,
    [
        Building(
            "probe",
            "",
            box(0, 0, 1, 1),
            (_PROBE_LEVEL,) * 2,
            basements=1,
            freight_lift_kg=1500.0,
            ramp=ramp,
            loading_bays=2,
            parking_spaces=3,
            roof="green",
            shared=shared,
            common_parts=True,
        )  # fmt: skip
        for ramp, shared in ((True, False), (False, True))
    ],
    _BUILDING_FIELD_NAMES,
)
#: An allocation's fields, likewise.
_ALLOCATION_FIELDS = SlotReader(
    Allocation, [Allocation("office", 0.625, "D")], ("use", "share", "nuisance")
)


#: The codes of uses, stated ICPE regimes and accesses, read by address.
_USE_CODES = _Codes(COLUMN_OF_USE)
_RANK_CODES = _Codes(_STATED_RANK)
_ACCESS_CODES = _Codes(_ACCESS_CODE)


def _read_allocations(
    allocations: NDArray[np.object_], rows: NDArray[np.intp] | None = None
) -> tuple[NDArray[np.intp], NDArray[np.float64], NDArray[np.intp]]:
    """The use code, share and stated ICPE rank of each allocation.

    ``rows``: read only those rows of ``allocations``, in that order (taken a
    slice at a time, see :func:`_slices`).
    """
    n = len(allocations) if rows is None else len(rows)
    use = np.empty(n, np.intp)
    share = np.empty(n)
    stated_rank = np.empty(n, np.intp)
    for start, part in _slices(allocations, rows):
        stop = start + len(part)
        uses, shares, regimes = _ALLOCATION_FIELDS.read(part)
        use[start:stop] = _USE_CODES(uses)
        share[start:stop] = np.fromiter(shares, float, len(part))
        stated_rank[start:stop] = _RANK_CODES(regimes)
    return use, share, stated_rank


def _slices(
    objects: NDArray[np.object_], rows: NDArray[np.intp] | None
) -> Iterator[tuple[int, NDArray[np.object_]]]:
    """Where each slice of ``objects`` starts, and the slice (of ``rows`` if given).

    Rows are taken a slice at a time, right before the slice is read: taking
    all of them at once first visits every object (its reference count) out
    of the CPU cache, and again when the array taken is freed (at 100,000
    buildings, half a million distinct levels: ~15 ms, as much for their
    allocations).
    """
    if rows is None:
        for start in range(0, len(objects), _SLICE):
            yield start, objects[start : start + _SLICE]
    else:
        for start in range(0, len(rows), _SLICE):
            yield start, objects[rows[start : start + _SLICE]]


def _read_distinct_levels(
    levels: NDArray[np.object_], rows: NDArray[np.intp] | None = None
) -> _LevelColumns:
    """Columns of levels each read as it comes, allocations shared found first.

    (Levels are distinct objects, or a level shared after all is read again.)
    ``rows``: read only those rows of ``levels``, in that order.
    """
    return _read_objects(levels, find_shared=True, rows=rows)


def _read_objects(
    levels: NDArray[np.object_],
    find_shared: bool,
    rows: NDArray[np.intp] | None = None,
) -> _LevelColumns:
    """Columns of Level objects, a slice at a time.

    ``find_shared``: read each distinct allocation once where a sample of them
    repeats (a project read from a file shares equal allocations), else every
    one as it comes: cheaper for a few levels than finding the distinct ones,
    and for allocations that are all distinct (a park made in memory, an
    allocation a level: 138,000 of them read in 19 ms as they come, 30 ms
    sorted by address, read in that order and given back to their rows).
    ``rows``: read only those rows of ``levels``, in that order.
    """
    n = len(levels) if rows is None else len(rows)
    height = np.empty(n)
    load = np.empty(n)
    access_code = np.empty(n, np.intp)
    polygons = np.empty(n, object)
    counts = np.empty(n, np.intp)
    allocation_slices = [_objects([])]
    for start, part in _slices(levels, rows):
        stop = start + len(part)
        heights, loads, accesses, outlines, uses = _LEVEL_FIELDS.read(part)
        height[start:stop] = np.fromiter(heights, float, len(part))
        load[start:stop] = np.fromiter(loads, float, len(part))
        access_code[start:stop] = _ACCESS_CODES(accesses)
        polygons[start:stop] = np.fromiter(outlines, object, len(part))
        part_counts = np.fromiter(map(len, uses), np.intp, len(part))
        counts[start:stop] = part_counts
        allocation_slices.append(tuple_items(uses, part_counts))
    allocations = np.concatenate(allocation_slices)
    if find_shared and _repeats(np.frombuffer(allocations, np.intp)):
        distinct, of_allocation = _distinct(allocations)
        use, share, stated_rank = _read_allocations(allocations, distinct)
        use, share, stated_rank = (
            use[of_allocation],
            share[of_allocation],
            stated_rank[of_allocation],
        )
    else:
        use, share, stated_rank = _read_allocations(allocations)
    return _LevelColumns(
        height=height,
        load=load,
        access_code=access_code,
        own_area=shapely.area(polygons),
        allocations=counts,
        use=use,
        share=share,
        stated_rank=stated_rank,
    )


#: Below this many levels (an edit's building, a few hundred buildings),
#: reading each object as it comes costs less than finding the distinct ones
#: first: 18 µs against 76 µs for one building's six levels, 0.28 against
#: 0.56 ms for 500 levels (a generated park: objects not scattered).
_FEW_LEVELS = 1024


def _read_each(levels: NDArray[np.object_]) -> _LevelColumns:
    """:func:`_read_levels` of a few levels: every object read, shared or not."""
    return _read_objects(levels, find_shared=False)


def _read_levels(level_objects: NDArray[np.object_]) -> _LevelColumns:
    """Read Level objects (and their allocations) into columns.

    Only numbers are kept: a load not stated is NaN (``fromiter`` reads
    ``None`` as NaN), an access its code, a level without its own polygon has
    a NaN area (``shapely.area`` of ``None``), so no column of objects is made.

    A project shares equal levels and allocations (a file is read through an
    interner, a typology repeats its storeys): each distinct object is read
    once, in address order, and its values are given to every row holding
    it. Reading an attribute costs a pass over the objects, and objects
    scattered in memory a cache miss each; the 100,000 allocations of a
    10,000-building park are about 26,000 distinct objects. Levels whose
    sample shows no repeat (a varied park: every level its own) are read as
    they come, without finding the distinct ones first (the same values:
    a level shared after all is read twice); at 100,000 buildings finding
    them and giving their values to every row took 60-110 ms.
    """
    if len(level_objects) < _FEW_LEVELS:
        return _read_each(level_objects)
    keys = np.frombuffer(level_objects, np.intp)
    if not _repeats(keys):
        return _read_distinct_levels(level_objects)
    rows, of_level = _unique_rows(keys)
    read = _read_distinct_levels(level_objects, rows)
    counts = read.allocations
    # every level's allocation rows: those of its distinct level, in order
    of_row = row_ranges(read.alloc_start[of_level], counts[of_level])
    return _LevelColumns(
        height=read.height[of_level],
        load=read.load[of_level],
        access_code=read.access_code[of_level],
        own_area=read.own_area[of_level],
        allocations=counts[of_level],
        use=read.use[of_row],
        share=read.share[of_row],
        stated_rank=read.stated_rank[of_row],
    )


def known_rows(
    buildings: Sequence[Building],
    ids: list[str],
    level_keys: NDArray[np.intp],
    level_building: NDArray[np.intp],
    position: NDArray[np.intp],
    known: LevelRows,
    row_of_id: Mapping[str, int] | None = None,
    origin_rows: NDArray[np.intp] | None = None,
) -> NDArray[np.intp]:
    """The row in ``known`` of each level it has read (-1: none).

    A scenario's version of a building shares its Level objects with the
    building it continues (its ``origin``), mostly at the same positions (a
    storey added on top, one converted): a level's candidate is the row of the
    level at its position in the origin's rows (by id; else in the rows of the
    same id), taken only when it is the very same object (``level_keys``: the
    addresses of the levels, :attr:`LevelRows.level_keys`, compared in bulk).
    A level found nowhere else is read (the same values: only slower).
    ``row_of_id``: the row of each id of ``known``, if at hand;
    ``origin_rows``: the row of each building's origin (-1: none), if at hand
    (a scenario's copy looked its origins up already).
    """
    if row_of_id is None:
        row_of_id = dict(zip(known.ids, range(len(known.ids)), strict=True))
    n = len(buildings)
    at = (
        np.fromiter(map(row_of_id.get, map(_ORIGIN, buildings), repeat(-1)), np.intp, n)
        if origin_rows is None
        else origin_rows.copy()
    )
    # (by id only where no origin is found: a dictionary lookup costs a
    # cache miss or two a building)
    orphans = np.flatnonzero(at < 0)
    if len(orphans):
        at[orphans] = np.fromiter(
            map(row_of_id.get, map(ids.__getitem__, orphans.tolist()), repeat(-1)),
            np.intp,
            len(orphans),
        )
    at = at[level_building]
    counts = known.levels_per_building
    found = at >= 0
    found[found] = position[found] < counts[at[found]]
    candidate = np.flatnonzero(found)
    rows = (np.cumsum(counts) - counts)[at[candidate]] + position[candidate]
    same = level_keys[candidate] == known.level_keys[rows]
    source = np.full(len(level_keys), -1)
    source[candidate[same]] = rows[same]
    return source


def _levels_reusing(
    levels: NDArray[np.object_], known: LevelRows, source: NDArray[np.intp]
) -> _LevelColumns:
    """Level columns taking the rows ``source`` of ``known`` (-1: read).

    Levels are immutable values a scenario's versions of a building share with
    the baseline's, so their rows are gathered rather than read again; only
    the other levels are read.
    """
    old = np.flatnonzero(source >= 0)
    src = source[old]
    new = np.flatnonzero(source < 0)
    read = _read_levels(levels[new])
    theirs = known.columns

    def merged(mine: NDArray[Any], known_values: NDArray[Any]) -> NDArray[Any]:
        out = np.empty(len(levels), dtype=mine.dtype)
        out[old] = known_values[src]
        out[new] = mine
        return out

    allocations = merged(read.allocations, theirs.allocations)
    starts = np.cumsum(allocations) - allocations
    old_rows = row_ranges(theirs.alloc_start[src], theirs.allocations[src])
    new_rows = row_ranges(read.alloc_start, read.allocations)
    to_old = row_ranges(starts[old], allocations[old])
    to_new = row_ranges(starts[new], allocations[new])

    def merged_rows(mine: NDArray[Any], known_values: NDArray[Any]) -> NDArray[Any]:
        out = np.empty(int(allocations.sum()), dtype=mine.dtype)
        out[to_old] = known_values[old_rows]
        out[to_new] = mine[new_rows]
        return out

    return _LevelColumns(
        height=merged(read.height, theirs.height),
        load=merged(read.load, theirs.load),
        access_code=merged(read.access_code, theirs.access_code),
        own_area=merged(read.own_area, theirs.own_area),
        allocations=allocations,
        use=merged_rows(read.use, theirs.use),
        share=merged_rows(read.share, theirs.share),
        stated_rank=merged_rows(read.stated_rank, theirs.stated_rank),
    )


@dataclass(frozen=True, slots=True)
class LevelRows:
    """The levels and allocations of a batch of buildings, as columns.

    Building columns have one value a building; level columns one a level
    (``level_building`` says whose); allocation columns one an allocation
    (``alloc_level`` says of which level).
    """

    #: building columns
    ids: list[str]
    basements: NDArray[np.intp]
    levels_per_building: NDArray[np.intp]
    ramp: NDArray[np.bool_]
    lift: NDArray[np.float64]
    common_parts: NDArray[np.bool_]
    spaces: NDArray[np.float64]
    bays: list[int]
    shared: NDArray[np.bool_]
    green_roof: NDArray[np.bool_]
    #: the Level objects, in row order, and what was read off them
    levels: list[Level]
    columns: _LevelColumns
    #: the address of each of ``levels`` (its identity, while ``levels``
    #: holds it): whether another batch's level is one of these is told in
    #: bulk (:func:`known_rows`), without visiting the objects
    level_keys: NDArray[np.intp]
    #: level columns
    level_building: NDArray[np.intp]
    position: NDArray[np.intp]
    #: storey index: 0 the ground floor, negative below ground
    index: NDArray[np.intp]
    gross: NDArray[np.float64]
    #: the loads as numbers (NaN: not stated), and whether stated
    load: NDArray[np.float64]
    load_stated: NDArray[np.bool_]
    #: allocation columns
    alloc_level: NDArray[np.intp]

    @property
    def buildings(self) -> int:
        """How many buildings."""
        return len(self.ids)

    @property
    def height(self) -> NDArray[np.float64]:
        """Floor-to-floor height of each level (m)."""
        return self.columns.height

    def loads_of(self, rows: NDArray[np.intp]) -> RowValues:
        """The loads of some levels as stated (``None``: not stated)."""
        return RowValues(self.load[rows], _stated)

    def access_of(self, rows: NDArray[np.intp]) -> RowValues:
        """The access of some levels as stated (``None``: not stated)."""
        return RowValues(self.access_code[rows], _ACCESS_NAMES.__getitem__)

    @property
    def access_code(self) -> NDArray[np.intp]:
        """The access of each level as a code (-1: not stated)."""
        return self.columns.access_code

    @property
    def use(self) -> NDArray[np.intp]:
        """The use of each allocation (its position in :data:`CODES`)."""
        return self.columns.use

    @property
    def share(self) -> NDArray[np.float64]:
        """The share of its level's floor area of each allocation."""
        return self.columns.share

    @property
    def stated_rank(self) -> NDArray[np.intp]:
        """The ICPE regime rank each allocation states (:data:`NO_RANK`: none)."""
        return self.columns.stated_rank

    def parts(self, size: int) -> list[LevelRows]:
        """The rows in parts of about ``size`` consecutive buildings (views).

        Each part is a batch of its own: its buildings, levels and allocations
        numbered from 0. Its arrays are views of these (only the numbers of
        buildings and levels are made again, a part long).

        Examples
        --------
        >>> from shapely.geometry import box
        >>> from mixplan.model import Level
        >>> b = [Building(k, "", box(0, 0, 10, 10),
        ...               (Level.of(3.0, {"craft": 0.5, "office": 0.5}),) * len(k))
        ...      for k in ("a", "bb", "ccc")]
        >>> for part in read_rows(b, np.full(3, 100.0)).parts(2):
        ...     print(part.ids, part.level_building.tolist(), part.alloc_level.tolist())
        ['a', 'bb'] [0, 1, 1] [0, 0, 1, 1, 2, 2]
        ['ccc'] [0, 0, 0] [0, 0, 1, 1, 2, 2]
        """
        n = self.buildings
        count = max(1, -(-n // size))
        if count == 1:
            return [self]
        cuts = np.linspace(0, n, count + 1).round().astype(np.intp).tolist()
        level_cuts = [0, *np.cumsum(self.levels_per_building).tolist()]
        allocation_cuts = [0, *np.cumsum(self.columns.allocations).tolist()]
        parts = []
        for start, stop in zip(cuts[:-1], cuts[1:], strict=True):
            first, last = level_cuts[start], level_cuts[stop]
            alloc_first, alloc_last = allocation_cuts[first], allocation_cuts[last]
            levels = slice(first, last)
            allocations = slice(alloc_first, alloc_last)
            buildings = slice(start, stop)
            parts.append(
                LevelRows(
                    ids=self.ids[buildings],
                    basements=self.basements[buildings],
                    levels_per_building=self.levels_per_building[buildings],
                    ramp=self.ramp[buildings],
                    lift=self.lift[buildings],
                    common_parts=self.common_parts[buildings],
                    spaces=self.spaces[buildings],
                    bays=self.bays[buildings],
                    shared=self.shared[buildings],
                    green_roof=self.green_roof[buildings],
                    levels=self.levels[levels],
                    columns=self.columns.part(levels, allocations),
                    level_keys=self.level_keys[levels],
                    level_building=self.level_building[levels] - start,
                    position=self.position[levels],
                    index=self.index[levels],
                    gross=self.gross[levels],
                    load=self.load[levels],
                    load_stated=self.load_stated[levels],
                    alloc_level=self.alloc_level[allocations] - first,
                )
            )
        return parts


def _read_buildings(buildings: Sequence[Building]) -> tuple[list[Any], ...]:
    """The fields of :data:`_BUILDING_FIELDS` of each building, a slice at a time."""
    read: tuple[list[Any], ...] = tuple([] for _ in _BUILDING_FIELD_NAMES)
    for start in range(0, len(buildings), _SLICE):
        part = buildings[start : start + _SLICE]
        for values, more in zip(read, _BUILDING_FIELDS.read(part), strict=True):
            values += more
    return read


def read_rows(
    buildings: Sequence[Building],
    footprint_m2: NDArray[np.float64],
    known: LevelRows | None = None,
    known_position: Mapping[str, int] | None = None,
    origin_rows: NDArray[np.intp] | None = None,
) -> LevelRows:
    """Read a batch of buildings into columns.

    ``footprint_m2`` are the footprints' areas, measured in bulk, same order: a
    level's gross area is its own polygon's, else its footprint's. The levels
    ``known`` has read (the same objects, where the building it continues has
    them: :func:`known_rows`) are taken from it, not read again;
    ``known_position``: the row of each of its ids, if at hand, and
    ``origin_rows`` the row of each building's origin (:func:`known_rows`).

    Examples
    --------
    >>> from dataclasses import replace
    >>> from shapely.geometry import box
    >>> from mixplan.model import Level
    >>> b = Building("b", "", box(0, 0, 20, 10),
    ...              (Level.of(5.0, {"craft": 0.5, "office": 0.5}),
    ...               Level.of(3.0, "housing")), basements=1)
    >>> rows = read_rows([b], np.array([200.0]))
    >>> rows.index.tolist(), rows.alloc_level.tolist(), rows.share.tolist()
    ([-1, 0], [0, 0, 1], [0.5, 0.5, 1.0])
    >>> raised = replace(b, levels=(*b.levels, Level.of(2.8, "office")))
    >>> again = read_rows([raised], np.array([200.0]), known=rows)
    >>> again.use.tolist() == [*rows.use.tolist(), CODES.index("office")]
    True
    """
    n = len(buildings)
    (ids, level_lists, basement_counts, ramps, lifts, common, spaces, bays, shared,
     roofs) = _read_buildings(buildings)  # fmt: skip
    levels = list(chain.from_iterable(level_lists))
    n_levels = len(levels)
    per_building = np.fromiter(map(len, level_lists), np.intp, n)
    level_building = np.repeat(np.arange(n), per_building)
    starts = np.cumsum(per_building) - per_building
    position = np.arange(n_levels) - starts[level_building]
    level_objects = _objects(levels)
    level_keys = np.frombuffer(level_objects, np.intp)
    columns = (
        _levels_reusing(
            level_objects,
            known,
            known_rows(
                buildings, ids, level_keys, level_building, position, known,
                known_position, origin_rows,
            ),  # fmt: skip
        )
        if known is not None and known.levels
        else _read_levels(level_objects)
    )
    basements = np.fromiter(basement_counts, np.intp, n)
    own_area = columns.own_area
    return LevelRows(
        ids=ids,
        basements=basements,
        levels_per_building=per_building,
        ramp=np.fromiter(ramps, bool, n),
        lift=np.fromiter(lifts, float, n),
        common_parts=np.fromiter(common, bool, n),
        spaces=np.fromiter(spaces, float, n),
        bays=bays,
        shared=np.fromiter(shared, bool, n),
        green_roof=np.fromiter(map(eq, roofs, repeat("green")), bool, n),
        levels=levels,
        columns=columns,
        level_keys=level_keys,
        level_building=level_building,
        position=position,
        index=position - basements[level_building],
        gross=np.where(
            np.isnan(own_area),
            np.asarray(footprint_m2, dtype=float)[level_building],
            own_area,
        ),
        load=columns.load,
        load_stated=~np.isnan(columns.load),
        alloc_level=np.repeat(np.arange(n_levels), columns.allocations),
    )
