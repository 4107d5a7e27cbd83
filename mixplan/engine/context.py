"""What a rule sees of a scenario, and how it words a finding."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mixplan.engine.facts import BuildingFacts
from mixplan.engine.facts_store import Located, batch_rows
from mixplan.engine.findings import Finding, Severity, Words
from mixplan.engine.indicators import ProductiveFlows, Totals
from mixplan.engine.land import GroundFacts
from mixplan.engine.spatial import FootprintIndex
from mixplan.model.naming import building_reference
from mixplan.model.project import Building
from mixplan.model.rulebook import Rulebook

__all__ = [
    "AREA_TOLERANCE_M2",
    "LENGTH_TOLERANCE_M",
    "BuildingFindings",
    "Context",
    "FactsKeys",
    "building_labels",
    "deferred_finding",
    "facts_keys",
    "falls_short",
    "fr",
    "m2",
    "m2_fr",
    "make_finding",
    "overshoots",
]

#: Areas equal within this are equal: floor areas summed in another order (a
#: building split in two, buildings listed differently) differ by a few ulps,
#: and such noise must never flip a verdict (a strict law is strict on m², not
#: on the last bit of a double).
AREA_TOLERANCE_M2 = 1e-6
#: Heights and distances equal within this are equal (storey heights summed).
LENGTH_TOLERANCE_M = 1e-6


def falls_short(value: float, limit: float, tolerance: float) -> bool:
    """Whether ``value`` is below ``limit`` by more than ``tolerance``.

    Examples
    --------
    >>> falls_short(10681.199999999999, 10681.2, AREA_TOLERANCE_M2)
    False
    >>> falls_short(10681.19, 10681.2, AREA_TOLERANCE_M2)
    True
    """
    return value < limit - tolerance


def overshoots(value: float, limit: float, tolerance: float) -> bool:
    """Whether ``value`` is above ``limit`` by more than ``tolerance``.

    Examples
    --------
    >>> overshoots(10681.2, 10681.199999999999, AREA_TOLERANCE_M2)
    False
    """
    return value > limit + tolerance


def building_labels(building_id: str, name: str) -> tuple[str, str]:
    """How a message names a building, in English and in French.

    Examples
    --------
    >>> building_labels("b1", "Halle")[0], building_labels("b1", "")
    ('“Halle” (b1)', ('b1', 'b1'))
    """
    return (
        building_reference(building_id, name, "en"),
        building_reference(building_id, name, "fr"),
    )


#: One rule's last run over a list of pairs of buildings: what keeps their
#: facts alive, the keys of the pairs (ids of their facts objects, first and
#: second) and their measures.
_Run = tuple[object, "Keys", "Keys", NDArray[np.float64]]
#: A pair's key as one sortable value.
_PAIR_KEY = np.dtype([("first", np.int64), ("second", np.int64)])


def facts_keys(
    facts: Sequence[BuildingFacts], positions: NDArray[np.intp]
) -> NDArray[np.int64]:
    """The key of the facts at each of ``positions`` (its object's id), at C speed."""
    at = positions.tolist()
    return np.fromiter(map(id, map(facts.__getitem__, at)), np.int64, len(at))


class FactsKeys:
    """The keys of the facts at some positions (:func:`facts_keys`), made when read.

    A cold evaluation has no earlier run to compare its pairs with: their
    keys are needed only by the next evaluation, and a pass over tens of
    thousands of facts objects to make them (at 100,000 buildings) waits
    until then. ``facts`` must not change (a tuple): the keys are read from it
    later.
    """

    __slots__ = ("_facts", "_keys", "_positions")

    def __init__(
        self, facts: tuple[BuildingFacts, ...], positions: NDArray[np.intp]
    ) -> None:
        self._facts = facts
        self._positions = positions
        self._keys: NDArray[np.int64] | None = None

    def __len__(self) -> int:
        return len(self._positions)

    @property
    def keys(self) -> NDArray[np.int64]:
        """The key of each position's facts (made on first read, then kept)."""
        if self._keys is None:
            self._keys = facts_keys(self._facts, self._positions)
        return self._keys


#: Keys of facts: made, or made when read.
Keys = NDArray[np.int64] | FactsKeys


def _made(keys: Keys) -> NDArray[np.int64]:
    return keys.keys if isinstance(keys, FactsKeys) else keys


def _pair_keys(first: NDArray[np.int64], second: NDArray[np.int64]) -> NDArray[Any]:
    keys = np.empty(len(first), _PAIR_KEY)
    keys["first"], keys["second"] = first, second
    return keys


def _matches(
    first: NDArray[np.int64],
    second: NDArray[np.int64],
    old_first: NDArray[np.int64],
    old_second: NDArray[np.int64],
) -> NDArray[np.intp]:
    """Where each pair is among the old pairs (-1: not there), in bulk."""
    if not len(old_first) or not len(first):
        return np.full(len(first), -1, np.intp)
    old = _pair_keys(old_first, old_second)
    order = np.argsort(old, order=("first", "second"))
    ordered = old[order]
    asked = _pair_keys(first, second)
    at = np.minimum(np.searchsorted(ordered, asked), len(ordered) - 1)
    return np.where(ordered[at] == asked, order[at], -1)


def _same_run(
    first: NDArray[np.int64],
    second: NDArray[np.int64],
    old_first: NDArray[np.int64],
    old_second: NDArray[np.int64],
) -> int:
    """How many pairs at the start of both runs are the same."""
    k = min(len(first), len(old_first))
    differ = (first[:k] != old_first[:k]) | (second[:k] != old_second[:k])
    return int(np.argmax(differ)) if differ.any() else k


class BuildingFindings:
    """Measures of each pair of buildings by rule, kept between evaluations.

    Most findings are records made from the facts columns at once, in no time;
    a few rest on a geometric measure of a pair of buildings (the overlap of a
    housing building with a former ICPE's land, C21; the distance from a
    hazardous building to housing, C15), which is worth keeping. Facts are
    immutable values remade whenever the building changes, so while the same
    facts objects come back, the same measures are returned instead of
    measured again: after one edit, only the edited building's are new. The
    Evaluator keeps one per scenario, drops it with the rulebook or the site,
    and starts each evaluation from the last one (what the evaluation did not
    ask for is forgotten).
    """

    __slots__ = ("_new_runs", "_old_runs")

    def __init__(self, previous: BuildingFindings | None = None) -> None:
        # By rule, the last run over a list of pairs (:meth:`measures`).
        self._old_runs: dict[str, _Run]
        self._old_runs = previous._new_runs if previous is not None else {}
        self._new_runs: dict[str, _Run] = {}

    def measures(
        self,
        rule: str,
        first: Keys,
        second: Keys,
        owners: object,
        measure: Callable[[NDArray[np.intp]], NDArray[np.float64]],
    ) -> NDArray[np.float64]:
        """The measure of ``rule`` for each pair of buildings, in order.

        Pair ``k`` is that of the facts keyed ``first[k]`` and ``second[k]``
        (:func:`facts_keys`, or :class:`FactsKeys` made only when compared);
        ``owners`` holds those facts (kept with the run: while it lives,
        equal keys are the same facts objects).
        ``measure(positions)`` measures the pairs at ``positions`` (those not
        kept), at once. All in bulk: the unchanged start and end of the run
        are reused as they are, the middle (after one edit, a building or
        two) is looked up by key in a sorted copy of the last run's.
        """
        n = len(first)
        values = np.empty(n)
        old = self._old_runs.get(rule)
        if old is None:
            # Nothing to compare with: the keys are kept as given (made, if
            # they are FactsKeys, by the next evaluation that compares).
            todo = np.arange(n)
        else:
            first, second = _made(first), _made(second)
            _, old_made_first, old_made_second, old_values = old
            old_first, old_second = _made(old_made_first), _made(old_made_second)
            m = len(old_first)
            head = _same_run(first, second, old_first, old_second)
            tail = _same_run(
                first[::-1], second[::-1], old_first[::-1], old_second[::-1]
            )
            tail = min(tail, n - head, m - head)
            values[:head] = old_values[:head]
            values[n - tail :] = old_values[m - tail :]
            found = _matches(
                first[head : n - tail], second[head : n - tail],
                old_first[head : m - tail], old_second[head : m - tail],
            )  # fmt: skip
            hit = found >= 0
            values[head : n - tail][hit] = old_values[head + found[hit]]
            todo = head + np.flatnonzero(~hit)
        if len(todo):
            values[todo] = measure(todo)
        self._new_runs[rule] = (owners, first, second, values)
        return values


@dataclass(frozen=True, slots=True)
class Context:
    """One scenario, evaluated, with its baseline, as the rules read it."""

    scenario: str
    is_baseline: bool
    rulebook: Rulebook
    facts: Sequence[BuildingFacts]
    matrix: NDArray[np.float64]
    flagged: Sequence[int]
    index: FootprintIndex
    indicators: dict[str, Any]
    baseline: dict[str, Any]
    totals: Totals
    baseline_totals: Totals
    flows: ProductiveFlows
    ground: GroundFacts
    baseline_ground: GroundFacts
    #: Changed buildings whose existing-state building was edited since (U02).
    outdated: tuple[str, ...] = ()
    #: The C12 findings of a phased scenario, computed on demand (DESIGN §16);
    #: ``None`` when the project has no phases.
    phasing: Callable[[], list[Finding]] | None = None
    #: the origin id of each building (None: new), as in ``facts``
    origins: Sequence[str | None] = ()
    baseline_facts: Sequence[BuildingFacts] = ()
    baseline_index: FootprintIndex | None = None
    #: the scenario's buildings and the baseline's, for their names in messages
    buildings: Mapping[str, Building] = field(default_factory=dict)
    baseline_buildings: Mapping[str, Building] = field(default_factory=dict)
    #: Changed ground covers whose existing-state cover was edited since (U02).
    outdated_covers: tuple[str, ...] = ()

    #: measures of each pair kept from the last evaluation (None: none kept)
    kept: BuildingFindings | None = None
    #: the baseline's facts matrix (None: rules read ``baseline_facts``)
    baseline_matrix: NDArray[np.float64] | None = None
    #: the position in ``baseline_index`` of each building's origin (-1: new),
    #: as in ``facts`` (None: rules look the origins up)
    origin_positions: NDArray[np.intp] | None = None
    #: ``flagged_facts`` once made (four rules read them: a pass over 10⁵
    #: facts objects each at 100,000 buildings)
    _flagged_facts: tuple[BuildingFacts, ...] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    #: ``flagged_rows`` once found (in a one-item tuple: it may be None)
    _flagged_rows: tuple[Located | None] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def name(self, building_id: str, *, baseline: bool = False) -> str:
        """The name of the scenario's building of that id; empty if none.

        With ``baseline``, the baseline's (a building the scenario no longer holds).
        """
        where = self.baseline_buildings if baseline else self.buildings
        building = where.get(building_id)
        return building.name if building is not None else ""

    def labels(self, building_id: str, *, baseline: bool = False) -> tuple[str, str]:
        """How a message names a building, in English and in French.

        The scenario's building of that id (the baseline's with ``baseline``,
        for a building the scenario no longer holds): its name and id
        (:func:`~mixplan.model.naming.building_reference`).
        """
        return building_labels(building_id, self.name(building_id, baseline=baseline))

    @property
    def has_site(self) -> bool:
        return self.index.site is not None

    @property
    def flagged_facts(self) -> tuple[BuildingFacts, ...]:
        """Buildings with a level issue (C13, C14, C15, U01) or a hazard."""
        made = self._flagged_facts
        if made is None:
            made = tuple(map(self.facts.__getitem__, self.flagged))  # at C speed
            # (Frozen for everyone else: made once, the same value each time.)
            object.__setattr__(self, "_flagged_facts", made)
        return made

    @property
    def flagged_rows(self) -> Located | None:
        """Where :attr:`flagged_facts` read their values (:func:`batch_rows`).

        Found once for the rules that list their level issues (C13 twice,
        C15, U01, C13's typical loads), and let go with the context.
        """
        made = self._flagged_rows
        if made is None:
            made = (batch_rows(self.flagged_facts),)
            object.__setattr__(self, "_flagged_rows", made)
        return made[0]

    def column(self, col: int) -> NDArray[np.float64]:
        """One column of the facts matrix (a value per building)."""
        return self.matrix[:, col]

    def number(self, section: str, name: str) -> float:
        return self.rulebook.number(section, name)


def m2(value: float) -> str:
    """An area for an English message: ``1,234 m²``."""
    return f"{value:,.0f} m²"


def fr(value: float, spec: str) -> str:
    """A number for a French message: decimal comma, narrow spaces, ``6,9 %``.

    Examples
    --------
    >>> fr(0.069, ".1%"), fr(12345.678, ",.1f"), fr(0.071, ".3f")
    ('6,9\u202f%', '12\u202f345,7', '0,071')
    """
    text = format(value, spec).replace(",", "\u202f").replace(".", ",")
    return text.replace("%", "\u202f%")


def m2_fr(value: float) -> str:
    """An area for a French message: ``1 234 m²`` (narrow no-break space)."""
    return f"{value:,.0f}".replace(",", "\u202f") + " m²"


def _clean(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def make_finding(
    rule: str,
    severity: Severity,
    message: str,
    message_fr: str,
    source: str,
    measured: float | None = None,
    limit: float | None = None,
    targets: Sequence[str] = (),
) -> Finding:
    """A finding with its numbers rounded for display and JSON."""
    return Finding(
        rule,
        severity,
        message,
        _clean(measured),
        _clean(limit),
        tuple(targets),
        source,
        message_fr,
    )


def deferred_finding(
    rule: str,
    severity: Severity,
    words: Words,
    source: str,
    measured: float | None = None,
    limit: float | None = None,
    targets: Sequence[str] = (),
) -> Finding:
    """A finding whose messages are worded when first read.

    ``words`` is a function and its arguments, returning the English and the
    French message; numbers are rounded for display and JSON as by
    :func:`make_finding`.
    """
    return Finding(
        rule,
        severity,
        "",
        _clean(measured),
        _clean(limit),
        tuple(targets),
        source,
        "",
        words=words,
    )
