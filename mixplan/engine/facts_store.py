"""The facts of a batch of buildings kept as its columns, read into values when asked.

A cold evaluation measures every building of a project at once
(:func:`~mixplan.engine.columns.facts_batch`) and most of what it measures is
only ever added up from the facts matrix: the rules count level issues, the
indicators sum columns. Making, for each of tens of thousands of buildings, a
record of 29 Python values, two dictionaries of floor area by use and six
tuples of level issues cost more than the measuring. So a batch's records
(:class:`~mixplan.engine.facts_record.BatchFacts`) are each a reference to the
batch's :class:`FactsStore` and a row: a field's column becomes Python values
the first time any record reads it (one ``tolist``), a building's dictionaries
and tuples of issues are made when its record is read, and the rules reading a
kind of issue of many buildings at once (:class:`~mixplan.engine.level_issues.
IssueRows`) count them from the store's arrays (:func:`batch_rows`).
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import repeat
from operator import itemgetter
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from mixplan.engine.facts_record import FACT_FIELDS, BatchFacts, BuildingFacts

__all__ = [
    "Located",
    "ISSUE_FIELDS",
    "BatchIssues",
    "FactsStore",
    "IssueSource",
    "PairDicts",
    "batch_rows",
    "by_part",
    "located_at",
    "records",
]

#: The fields holding a building's level issues (or U01 targets), in the order
#: of their kinds in a :class:`BatchIssues`.
ISSUE_FIELDS = (
    "non_grade",
    "assumed",
    "typical_load",
    "unserved",
    "stacking",
    "unassigned",
)
_STORE = itemgetter(0)
_ROW = itemgetter(1)


def by_part(
    which: NDArray[np.intp],
    parts: int,
    out: NDArray[Any],
    fill: Callable[[int, NDArray[np.bool_]], Sequence[Any] | NDArray[Any]],
) -> NDArray[Any]:
    """``out`` filled part by part: its rows of part ``k`` (``which == k``) by ``fill``.

    ``fill(k, mine)`` gives the values of the rows ``mine`` (those of part
    ``k``, of ``parts``), in order: the records of several stores (or a
    batch's items of several sources) are read a store at a time. Items given
    as a list (issues, tuples) go into an object array as objects.

    Examples
    --------
    >>> which = np.array([1, 0, 1])
    >>> by_part(which, 2, np.zeros(3, int), lambda k, mine: [k * 10] * int(mine.sum()))
    array([10,  0, 10])
    >>> by_part(which, 2, np.empty(3, object), lambda k, mine: [(k,)] * int(mine.sum()))
    array([(1,), (0,), (1,)], dtype=object)
    """
    for k in range(parts):
        mine = which == k
        if not mine.any():
            continue
        made = fill(k, mine)
        if out.dtype == object and not isinstance(made, np.ndarray):
            made = np.fromiter(made, object, len(made))
        out[mine] = made
    return out


class IssueSource(Protocol):
    """Where the items of some kinds of issue are made: a table of them."""

    def items(self, rows: list[int]) -> list[Any]:
        """The items at ``rows`` of the table (level issues, or targets)."""


class PairDicts(Sequence[dict[str, float]]):
    """``{key: value}`` of each owner, made when its row is first read.

    ``owners`` (one a pair) never decrease; each owner's pairs are in row order
    (:func:`~mixplan.engine.walk_sums.dicts_by_owner` made them all at once).

    Examples
    --------
    >>> names = np.array(["a", "b", "a"], dtype=object)
    >>> dicts = PairDicts(np.array([0, 0, 2]), names, np.array([1.0, 2.0, 3.0]), 3)
    >>> dicts[0], dicts[1], dicts[2], dicts[0] is dicts[0]
    ({'a': 1.0, 'b': 2.0}, {}, {'a': 3.0}, True)
    """

    __slots__ = ("_count", "_keys", "_made", "_owners", "_starts", "_values")

    def __init__(
        self,
        owners: NDArray[np.intp],
        keys: NDArray[np.object_],
        values: NDArray[np.float64],
        count: int,
    ) -> None:
        self._owners = owners
        self._keys: NDArray[np.object_] | list[Any] = keys
        self._values: NDArray[np.float64] | list[float] = values
        self._count = count
        self._starts: list[int] | None = None
        self._made: list[dict[str, float] | None] | None = None

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, row: int) -> dict[str, float]:  # type: ignore[override]
        made = self._made
        if made is None:
            ends = np.cumsum(np.bincount(self._owners, minlength=self._count))
            self._starts = [0, *ends.tolist()]
            self._keys = list(self._keys)
            self._values = np.asarray(self._values).tolist()
            made = self._made = [None] * self._count
        found = made[row]
        if found is None:
            starts = self._starts
            assert starts is not None
            start, end = starts[row], starts[row + 1]
            # (list slices: islice would walk the pairs before ``start``)
            found = made[row] = dict(
                zip(self._keys[start:end], self._values[start:end], strict=True)
            )
        return found


class BatchIssues:
    """A batch's level issues of every kind, grouped by kind and building.

    ``owners``: ``kind × count + building`` of each item, never decreasing (a
    kind's items in walk order). Item ``k`` of the batch is row ``k - first``
    of the source whose ``first`` item it is at or after (``sources``: first
    item and source, in order).

    Examples
    --------
    >>> class Letters:
    ...     def items(self, rows):
    ...         return ["abc"[k] for k in rows]
    >>> issues = BatchIssues(np.array([0, 0, 3]), [(0, Letters())], 2, 2)
    >>> issues.group(0, 0), issues.group(1, 1), issues.counts(1).tolist()
    (('a', 'b'), ('c',), [0, 1])
    """

    __slots__ = ("_counts", "_firsts", "_sources", "_starts")

    def __init__(
        self,
        owners: NDArray[np.intp],
        sources: list[tuple[int, IssueSource]],
        kinds: int,
        count: int,
    ) -> None:
        counts = np.bincount(owners, minlength=kinds * count)
        self._counts = counts.reshape(kinds, count)
        self._starts = (np.cumsum(counts) - counts).reshape(kinds, count)
        self._firsts = [first for first, _ in sources]
        self._sources = [source for _, source in sources]

    def counts(self, kind: int) -> NDArray[np.intp]:
        """How many items of kind ``kind`` each building has."""
        return self._counts[kind]  # type: ignore[no-any-return]

    def starts(self, kind: int) -> NDArray[np.intp]:
        """The batch's index of each building's first item of kind ``kind``."""
        return self._starts[kind]  # type: ignore[no-any-return]

    def group(self, kind: int, row: int) -> tuple[Any, ...]:
        """Building ``row``'s items of kind ``kind``, in walk order."""
        count = int(self._counts[kind, row])
        if not count:
            return ()
        start = int(self._starts[kind, row])
        at = bisect_right(self._firsts, start) - 1
        first = start - self._firsts[at]
        return tuple(self._sources[at].items(list(range(first, first + count))))

    def items(self, indices: NDArray[np.intp]) -> list[Any]:
        """The batch's items at ``indices``, in that order (at C speed a source)."""
        if not len(indices):
            return []
        firsts = np.asarray(self._firsts)
        at = np.searchsorted(firsts, indices, side="right") - 1
        if at[0] == at[-1] and (at == at[0]).all():
            k = int(at[0])
            return self._sources[k].items((indices - firsts[k]).tolist())
        firsts_of = self._firsts
        sources = self._sources
        out = by_part(
            at,
            len(sources),
            np.empty(len(indices), dtype=object),
            lambda k, mine: sources[k].items((indices[mine] - firsts_of[k]).tolist()),
        )
        return out.tolist()  # type: ignore[no-any-return]


class _Groups(Sequence[tuple[Any, ...]]):
    """One kind of a batch's issues, as each building's tuple (made when read)."""

    __slots__ = ("_issues", "_kind")

    def __init__(self, issues: BatchIssues, kind: int) -> None:
        self._issues = issues
        self._kind = kind

    def __len__(self) -> int:
        return len(self._issues.counts(self._kind))

    def __getitem__(self, row: int) -> tuple[Any, ...]:  # type: ignore[override]
        return self._issues.group(self._kind, row)


class FactsStore:
    """The columns of a batch's facts, one a field of ``FACT_FIELDS``.

    A column is an array, a list, or a sequence made when read (per-use
    dictionaries, issues): read through :meth:`column`, an array becomes a
    list of Python values once. ``matrix`` is the batch's facts matrix.
    """

    __slots__ = ("_columns", "_kinds", "issues", "lists", "matrix")

    def __init__(
        self,
        columns: dict[str, Any],
        issues: BatchIssues,
        matrix: NDArray[np.float64],
    ) -> None:
        self.issues = issues
        self.matrix = matrix
        for kind, name in enumerate(ISSUE_FIELDS):
            columns[name] = _Groups(issues, kind)
        self._columns = [columns[name] for name in FACT_FIELDS]
        #: each field's values once listed (:meth:`column`), else None
        self.lists: list[Sequence[Any] | None] = [None] * len(FACT_FIELDS)
        self._kinds = {name: kind for kind, name in enumerate(ISSUE_FIELDS)}

    def column(self, position: int) -> Sequence[Any]:
        """Field ``position``'s values, one a building (listed when first read)."""
        listed = self.lists[position]
        if listed is None:
            values = self._columns[position]
            listed = values.tolist() if isinstance(values, np.ndarray) else values
            self.lists[position] = listed
        return listed

    def kind(self, field: str) -> int:
        """The kind of issue, in :attr:`issues`, held in field ``field``."""
        return self._kinds[field]

    def records(self) -> list[BuildingFacts]:
        """A record a building, in order (at C speed)."""
        return records(self, len(self.matrix))


_NEW = tuple.__new__


def records(store: FactsStore, count: int) -> list[BuildingFacts]:
    """``count`` records reading ``store`` (rows 0 to ``count - 1``)."""
    return list(map(_NEW, repeat(BatchFacts, count), zip(repeat(store), range(count))))


Located = tuple[list["FactsStore"], NDArray[np.intp] | None, NDArray[np.intp]]


def _record_places() -> tuple[int, int, int] | None:
    """Where :func:`gc.get_referents` gives a record's type, store and row.

    A record is a tuple ``(store, row)`` of its own type: its referents are
    those three, in an order of the interpreter's (``None``: not three).
    """
    store, row = object(), object()
    referents = gc.get_referents(tuple.__new__(BatchFacts, (store, row)))
    places = [
        [k for k, value in enumerate(referents) if value is wanted]
        for wanted in (BatchFacts, store, row)
    ]
    if len(referents) != 3 or any(len(at) != 1 for at in places):
        return None
    return places[0][0], places[1][0], places[2][0]


_RECORD_PLACES = _record_places()


def _stores_and_rows(facts: Sequence[Any]) -> tuple[list[Any], list[Any]] | None:
    """Each record's store and row, ``None`` when one of ``facts`` is no record.

    One pass over the records (:func:`gc.get_referents`, every record's three
    referents at once): reading the type, the store and the row of each in a
    pass of its own visited every record three or four times, out of the CPU
    cache (at 100,000 buildings, 45 ms against 17).
    """
    places = _RECORD_PLACES
    if places is not None:
        kind, store, row = places
        referents = gc.get_referents(*facts)
        # (a record's type is among its referents, once: n records of the
        # type at every third place are n records and nothing else)
        records = referents[kind::3].count(BatchFacts)
        if len(referents) == 3 * len(facts) and records == len(facts):
            return referents[store::3], referents[row::3]
    if not set(map(type, facts)) <= {BatchFacts}:
        return None
    return list(map(_STORE, facts)), list(map(_ROW, facts))


def located_at(located: Located, at: NDArray[np.bool_] | NDArray[np.intp]) -> Located:
    """Where some of the records ``located`` read their values (:func:`batch_rows`).

    ``at``: which of them (a mask, or positions), in their order.

    Examples
    --------
    >>> stores, which, rows = located_at(
    ...     (["s", "t"], np.array([0, 1, 1]), np.array([4, 0, 2])),
    ...     np.array([True, False, True]))
    >>> stores, which.tolist(), rows.tolist()
    (['s', 't'], [0, 1], [4, 2])
    """
    stores, which, rows = located
    return stores, None if which is None else which[at], rows[at]


def batch_rows(facts: Sequence[Any]) -> Located | None:
    """Where records read their values: stores, which store and row of each.

    ``None`` when one of ``facts`` is not a batch's record. The second value
    is the position in the stores of each record's store, ``None`` when there
    is one store; at C speed (no Python step a record). Nothing is kept: whoever
    asks about the same facts several times keeps the answer (the rules'
    :attr:`Context.flagged_rows <mixplan.engine.context.Context.flagged_rows>`).

    Examples
    --------
    >>> issues = BatchIssues(np.zeros(0, np.intp), [], 6, 2)
    >>> store = FactsStore(dict.fromkeys(FACT_FIELDS), issues, np.zeros((2, 1)))
    >>> stores, which, rows = batch_rows(store.records()[::-1])
    >>> stores == [store], which, rows.tolist()
    (True, None, [1, 0])
    """
    found = _stores_and_rows(facts)
    if found is None:
        return None
    store_of, row_of = found
    stores = list(dict.fromkeys(store_of))
    rows = np.fromiter(row_of, np.intp, len(facts))
    if len(stores) < 2:
        return stores, None, rows
    position = {store: k for k, store in enumerate(stores)}
    which = np.fromiter(map(position.__getitem__, store_of), np.intp, len(facts))
    return stores, which, rows
