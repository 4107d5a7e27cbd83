"""Level issues: what is wrong with one level of a building, worded when read.

A :class:`LevelIssue` names a level (``"building_id#position"`` and its storey
label), the floor area concerned, and its details in English and French. A large
project has tens of thousands of them (C13 levels not productive-grade, C14
levels not served, C15 stacking) and most are only counted and grouped, so the
issues of a batch of buildings are kept as columns (:class:`IssueTable`: owner,
level position, label, area, and the arguments of the function that words
them), and each issue is a row of it: no text is made, not even the target,
until the issue is read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain, compress, repeat
from operator import add, attrgetter
from typing import Any, Generic, TypeVar, cast

import numpy as np
from numpy.typing import NDArray

# How a level issue words itself when first read: the same as a finding.
from mixplan.engine.facts_store import Located, batch_rows, by_part
from mixplan.engine.findings import Words
from mixplan.engine.level_rows import row_ranges

__all__ = [
    "IssueRows",
    "IssueTable",
    "LevelIssue",
    "LevelTargets",
    "Words",
    "level_label",
]

_Item = TypeVar("_Item")
_Holder = TypeVar("_Holder")


class _Unknown:
    """Stands for a location not given (``None`` is an answer: not a batch's)."""


#: A column of values: a list, or an array.
Column = Sequence[Any] | NDArray[Any]


def level_label(index: int) -> str:
    """The French storey notation of a level index (``R+0`` is the ground floor).

    Examples
    --------
    >>> level_label(0), level_label(2), level_label(-1)
    ('R+0', 'R+2', 'R-1')
    """
    return f"R+{index}" if index >= 0 else f"R{index}"


class _Source:
    """Where issues read their values: one issue, or a table of many (by row)."""

    __slots__ = ()

    def target(self, row: int) -> str:
        raise NotImplementedError

    def label(self, row: int) -> str:
        raise NotImplementedError

    def area(self, row: int) -> float:
        raise NotImplementedError

    def details(self, row: int) -> tuple[str, str]:
        raise NotImplementedError


class _OneIssue(_Source):
    """The values of one issue made on its own."""

    __slots__ = ("_area", "_label", "_state", "_target")

    def __init__(self, target: str, label: str, area: float, state: list[Any]) -> None:
        self._target = target
        self._label = label
        self._area = area
        # [english, french] once worded, [function, arguments] until then
        self._state = state

    def target(self, row: int) -> str:
        return self._target

    def label(self, row: int) -> str:
        return self._label

    def area(self, row: int) -> float:
        return self._area

    def details(self, row: int) -> tuple[str, str]:
        state = self._state
        if not isinstance(state[0], str):
            function, arguments = state
            # One slice assignment: another thread never sees half of it.
            state[:] = function(*arguments)
        return state[0], state[1]


class IssueTable(_Source):
    """The issues of one kind found in a batch of buildings, as columns.

    Row ``k`` is the level at ``positions[k]`` of building ``ids[owners[k]]``,
    storey ``storeys[k]`` (its label: :func:`level_label`), area ``areas[k]``;
    the columns may be arrays. Its details are
    ``function(*(column[k] for column in arguments), *fixed)``, worded on first
    read and kept.

    Examples
    --------
    >>> def words(x, unit):
    ...     return f"{x} {unit}", f"{x}{unit}"
    >>> table = IssueTable(["a", "b"], [0, 1, 1], [0, 0, 2], [0, 0, 2],
    ...                    [5.0, 6.0, 7.0], words, ([1, 2, 3],), ("m",))
    >>> issue = table.issues()[2]
    >>> issue.target, issue.label, issue.sdp_m2, issue.detail_en
    ('b#2', 'R+2', 7.0, '3 m')
    """

    __slots__ = (
        "_arguments",
        "_areas",
        "_fixed",
        "_function",
        "_ids",
        "_owners",
        "_positions",
        "_storeys",
        "_worded",
    )

    def __init__(
        self,
        ids: Sequence[str],
        owners: Column,
        positions: Column,
        storeys: Column,
        areas: Column,
        function: Callable[..., tuple[str, str]],
        arguments: tuple[Column, ...],
        fixed: tuple[Any, ...] = (),
    ) -> None:
        self._ids = ids
        self._owners = owners
        self._positions = positions
        self._storeys = storeys
        self._areas = areas
        self._function = function
        self._arguments = arguments
        self._fixed = fixed
        self._worded: dict[int, tuple[str, str]] = {}

    def __len__(self) -> int:
        return len(self._owners)

    def target(self, row: int) -> str:
        return f"{self._ids[int(self._owners[row])]}#{int(self._positions[row])}"

    def label(self, row: int) -> str:
        return level_label(int(self._storeys[row]))

    def area(self, row: int) -> float:
        return float(self._areas[row])

    def details(self, row: int) -> tuple[str, str]:
        found = self._worded.get(row)
        if found is None:
            found = self._function(
                *(column[row] for column in self._arguments), *self._fixed
            )
            self._worded[row] = found
        return found

    def issues(self) -> list[LevelIssue]:
        """An issue a row, made at C speed (no Python call per issue)."""
        return self.items(range(len(self)))

    def items(self, rows: Sequence[int]) -> list[LevelIssue]:
        """The issues of ``rows``, made at C speed."""
        return list(map(_NEW, repeat(LevelIssue, len(rows)), zip(repeat(self), rows)))


class LevelTargets:
    """The ``"building_id#position"`` of levels, made when read (U01's targets).

    Row ``k`` is the level at ``positions[k]`` of building ``ids[owners[k]]``.

    Examples
    --------
    >>> targets = LevelTargets(["a", "b"], np.array([1, 1, 0]), np.array([0, 12, 3]))
    >>> targets.items([1, 2])
    ['b#12', 'a#3']
    """

    __slots__ = ("_ids", "_made", "_owners", "_positions")

    def __init__(
        self, ids: Sequence[str], owners: NDArray[np.intp], positions: NDArray[np.intp]
    ) -> None:
        self._ids = ids
        self._owners = owners
        self._positions = positions
        self._made: list[str] | None = None

    def __len__(self) -> int:
        return len(self._owners)

    def items(self, rows: Sequence[int]) -> list[str]:
        """The targets of ``rows`` (every row's made on first read, then kept).

        (U01 lists them at every evaluation; the id and a ``"#position"`` made
        once a position: one concatenation a target; ``str.format`` costs three
        times as much.)
        """
        made = self._made
        if made is None:
            positions = self._positions
            suffixes = [f"#{k}" for k in range(int(positions.max(initial=-1)) + 1)]
            owner_ids = map(self._ids.__getitem__, self._owners.tolist())
            made = list(
                map(add, owner_ids, map(suffixes.__getitem__, positions.tolist()))
            )
            self._made = made
        return list(map(made.__getitem__, rows))


class LevelIssue(tuple[_Source, int]):
    """A level-level problem: ``target`` is ``"building_id#position"``.

    The details are given as text, or as ``words`` (a function and its
    arguments returning both) to be worded only when first read; issues found
    in bulk are rows of an :class:`IssueTable`. An issue is a value: equal
    issues have equal target, label, area and details.

    Examples
    --------
    >>> issue = LevelIssue("b1#2", "R+2", 120.0,
    ...                    words=(lambda n: (f"{n} lifts", f"{n} monte-charges"), (0,)))
    >>> issue.target, issue.label, issue.sdp_m2, issue.detail_fr
    ('b1#2', 'R+2', 120.0, '0 monte-charges')
    >>> issue == LevelIssue("b1#2", "R+2", 120.0, "0 lifts", "0 monte-charges")
    True
    """

    # (source, row): the values are the source's, at that row.
    __slots__ = ()

    def __new__(
        cls,
        target: str,
        label: str,
        sdp_m2: float,
        detail_en: str = "",
        detail_fr: str = "",
        *,
        words: Words | None = None,
    ) -> LevelIssue:
        state: list[Any] = [detail_en, detail_fr] if words is None else list(words)
        return tuple.__new__(cls, (_OneIssue(target, label, sdp_m2, state), 0))

    @property
    def target(self) -> str:
        """``"building_id#position"`` of the level."""
        return self[0].target(self[1])

    @property
    def label(self) -> str:
        """The storey label (``R+1``)."""
        return self[0].label(self[1])

    @property
    def sdp_m2(self) -> float:
        """The floor area concerned (m²)."""
        return self[0].area(self[1])

    @property
    def detail_en(self) -> str:
        """The details in English."""
        return self[0].details(self[1])[0]

    @property
    def detail_fr(self) -> str:
        """The details in French."""
        return self[0].details(self[1])[1]

    def _values(self) -> tuple[str, str, float, str, str]:
        source, row = self
        en, fr = source.details(row)
        return (source.target(row), source.label(row), source.area(row), en, fr)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LevelIssue):
            return NotImplemented
        return self._values() == other._values()

    def __ne__(self, other: object) -> bool:
        if not isinstance(other, LevelIssue):
            return NotImplemented
        return self._values() != other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return "LevelIssue({!r}, {!r}, {!r}, {!r}, {!r})".format(*self._values())

    def __reduce__(self) -> tuple[type[LevelIssue], tuple[str, str, float, str, str]]:
        return (LevelIssue, self._values())


#: ``_NEW(LevelIssue, (source, row))``: an issue (tuple's own constructor: a
#: sixth faster than through a partial).
_NEW = tuple.__new__


class _OneGroup(Sequence[list[Any]]):
    """An :class:`IssueRows`' issues as a sequence of one group, made when read."""

    __slots__ = ("_rows",)

    def __init__(self, rows: IssueRows[Any]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return 1

    def __getitem__(self, index: int) -> list[Any]:  # type: ignore[override]
        if index not in (0, -1):
            raise IndexError(index)
        return self._rows.every()


class IssueRows(Generic[_Holder]):
    """The issues of one kind of many buildings, in order, flattened when read.

    A rule over tens of thousands of failing levels makes one finding a level,
    worded when read: it needs their count at once, and the flat lists of the
    issues and of their buildings only when a row is read. Those lists, of
    hundreds of thousands of items at 100,000 buildings, are made then (at C
    speed), not while the scenario is evaluated. The facts of a batch
    (:class:`~mixplan.engine.facts_record.BatchFacts`) are counted from their
    batch's arrays: no building's tuple of issues is made.

    Parameters
    ----------
    holders
        The buildings (their facts), in order.
    kind
        The field of a building's issues of this kind (a tuple, maybe empty).
    located
        :func:`~mixplan.engine.facts_store.batch_rows` of ``holders``, if
        found already (the rules' :attr:`Context.flagged_rows
        <mixplan.engine.context.Context.flagged_rows>`).

    Examples
    --------
    >>> from types import SimpleNamespace as Facts
    >>> rows = IssueRows([Facts(x="a"), Facts(x="bc"), Facts(x=""), Facts(x="d")], "x")
    >>> len(rows), rows.issue(2), rows.owner(2).x, rows.owner(3).x
    (4, 'c', 'bc', 'd')
    """

    __slots__ = ("_count", "_every", "_flat", "_holders", "_in_batches", "_lists")

    def __init__(
        self,
        holders: Sequence[_Holder],
        kind: str,
        located: Located | None | type[_Unknown] = _Unknown,
    ) -> None:
        self._holders = holders
        self._flat: tuple[list[Any], list[_Holder]] | None = None
        self._every: list[Any] | None = None
        self._lists: list[Sequence[Any]] | None = None
        #: the stores, the store of each holder (None: one), the first item
        #: of each holder (in its store) and its count
        self._in_batches: (
            tuple[Any, NDArray[np.intp] | None, NDArray[np.intp], NDArray[np.intp]]
            | None
        ) = None
        found = (
            batch_rows(holders)
            if located is _Unknown
            else cast("Located | None", located)
        )
        if found is None:
            self._lists = list(map(attrgetter(kind), holders))
            self._count = sum(map(len, self._lists))
            return
        stores, which, rows = found
        if which is None and stores:
            issues, code = stores[0].issues, stores[0].kind(kind)
            counts, starts = issues.counts(code)[rows], issues.starts(code)[rows]
        else:
            # (``which`` is None here only without holders, so without stores)
            of = np.zeros(0, np.intp) if which is None else which

            def of_each(method: str) -> NDArray[np.intp]:
                """Each holder's ``counts`` (or ``starts``) of the kind in its store."""
                return by_part(
                    of,
                    len(stores),
                    np.zeros(len(rows), np.intp),
                    lambda k, mine: getattr(stores[k].issues, method)(
                        stores[k].kind(kind)
                    )[rows[mine]],
                )

            counts, starts = of_each("counts"), of_each("starts")
        self._in_batches = (stores, which, starts, counts)
        self._count = int(counts.sum())

    def __len__(self) -> int:
        return self._count

    def issue(self, row: int) -> Any:
        """The issue of finding row ``row``."""
        # (Read for every row when findings are grouped: one call, not two.)
        return self._made()[0][row]

    def owner(self, row: int) -> _Holder:
        """The building (holder) of the issue of row ``row``."""
        return self._made()[1][row]

    def targets(self, row: int) -> tuple[str]:
        """The targets of finding row ``row``: its level's (``"id#position"``)."""
        return (self._made()[0][row].target,)

    def area(self, row: int) -> float:
        """The floor area of the level of finding row ``row`` (m²)."""
        area: float = self._made()[0][row].sdp_m2
        return area

    def every(self) -> list[Any]:
        """Every issue, in order (one flat list, made once)."""
        flat = self._flat
        if flat is not None or self._in_batches is None:
            return self._made()[0]
        every = self._every
        if every is None:
            # (without the list of their holders, which only rows need)
            every = self._every = self._issues_from_batches(*self._in_batches)
        return every

    def listed(self) -> Sequence[list[Any]]:
        """Every issue as one group (:meth:`every`), made when first read."""
        return _OneGroup(self)

    def _made(self) -> tuple[list[Any], list[_Holder]]:
        """The issues and their holders, each as one flat list (made once)."""
        flat = self._flat
        if flat is None:
            if self._in_batches is not None:
                counts = self._in_batches[3].tolist()
                owners = list(chain.from_iterable(map(repeat, self._holders, counts)))
                flat = (self.every(), owners)
            else:
                holders: Sequence[_Holder] = self._holders
                lists = self._lists
                assert lists is not None
                having = list(compress(holders, lists))
                if 2 * len(having) < len(lists):
                    # Few buildings have one: only theirs are walked.
                    holders, lists = having, list(filter(None, lists))
                issues = list(chain.from_iterable(lists))
                owners = list(
                    chain.from_iterable(map(repeat, holders, map(len, lists)))
                )
                flat = (issues, owners)
            # One assignment: another thread reading a row sees both or none.
            self._flat = flat
        return flat

    def _issues_from_batches(
        self,
        stores: Any,
        which: NDArray[np.intp] | None,
        starts: NDArray[np.intp],
        counts: NDArray[np.intp],
    ) -> list[Any]:
        """The flat issues of holders that are records of batches (in bulk)."""
        # each item's index in its batch: its holder's first, plus its rank
        at = row_ranges(starts, counts)
        if which is None:
            return stores[0].issues.items(at) if len(stores) else []  # type: ignore[no-any-return]
        out = by_part(
            np.repeat(which, counts),
            len(stores),
            np.empty(self._count, dtype=object),
            lambda k, mine: stores[k].issues.items(at[mine]),
        )
        return out.tolist()  # type: ignore[no-any-return]
