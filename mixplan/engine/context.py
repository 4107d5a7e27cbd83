"""What a rule sees of a scenario, and how it words a finding."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, count, repeat
from operator import attrgetter, itemgetter, ne
from types import SimpleNamespace
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray

from mixplan.engine.facts import BuildingFacts
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
    "building_labels",
    "deferred_finding",
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


#: What a building's findings of one rule were made from: its facts objects
#: (one, or two for a pair) and their names.
_Owners = tuple[BuildingFacts, ...]
_Kept = tuple[_Owners, tuple[object, ...], list[Finding]]
#: One rule's run over a list of buildings (or pairs): what each was made
#: from, its key (ids of its facts objects, and names) and its findings.
_Run = tuple[
    Sequence[object], list[tuple[object, tuple[object, ...]]], list[list[Finding]]
]

_ID = attrgetter("id")
_NAME = attrgetter("name")
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
#: Stands for a building a context does not hold: no name.
_NAMELESS = SimpleNamespace(name="")


class BuildingFindings:
    """The findings of each building (or pair) by rule, kept between evaluations.

    A building's findings of a per-building rule depend on its facts, its name
    and the rulebook. Facts are immutable values remade whenever the building
    changes, so while the same facts objects (and names) come back, the same
    findings are returned instead of made again: after one edit, only the
    edited building's findings are new. The Evaluator keeps one per scenario,
    drops it with the rulebook, and starts each evaluation from the last one
    (what the evaluation did not ask for is forgotten).
    """

    __slots__ = ("_new", "_new_runs", "_old", "_old_runs")

    def __init__(self, previous: BuildingFindings | None = None) -> None:
        # By rule, then by the id of the facts object (a pair: both ids).
        self._old: dict[str, dict[object, _Kept]]
        self._old = previous._new if previous is not None else {}
        self._new: dict[str, dict[object, _Kept]] = {}
        # By rule, the last run over a list of buildings (:meth:`run`).
        self._old_runs: dict[str, _Run]
        self._old_runs = previous._new_runs if previous is not None else {}
        self._new_runs: dict[str, _Run] = {}

    def run(
        self,
        rule: str,
        owners: Sequence[BuildingFacts] | Sequence[tuple[BuildingFacts, ...]],
        names: Sequence[Any],
        make: Callable[[int, Any], list[Finding]] | None = None,
        make_many: Callable[[list[int]], list[list[Finding]]] | None = None,
    ) -> list[Finding]:
        """The findings of ``rule`` for each of ``owners`` in turn, one list.

        ``owners[i]`` is a facts object (or a pair of them) and ``names[i]``
        what else its findings depend on; ``make(i, names[i])`` makes them when
        not kept (or ``make_many`` those of all positions not kept, at once).
        The list is compared with the rule's last one at C speed: the
        unchanged start and end are reused as they are, and only the middle
        (after one edit, a building or two) is looked up by key, so an edit
        costs no Python work per building.
        """
        if owners and isinstance(owners[0], tuple):
            pairs = cast(Sequence[tuple[BuildingFacts, ...]], owners)
            firsts, seconds = map(id, map(_FIRST, pairs)), map(id, map(_SECOND, pairs))
            ids: list[object] = list(zip(firsts, seconds, strict=True))
        else:
            ids = list(map(id, owners))
        keys = list(zip(ids, names, strict=True))
        old = self._old_runs.get(rule)
        old_keys = old[1] if old is not None else []
        old_found = old[2] if old is not None else []
        n, m = len(keys), len(old_keys)
        # (An id is unique among live objects, and the last run keeps its
        # owners alive: equal keys are the same facts objects and names.)
        head = next(compress(count(), map(ne, keys, old_keys)), min(n, m))
        tail = next(
            compress(count(), map(ne, reversed(keys), reversed(old_keys))),
            min(n, m),
        )
        tail = min(tail, n - head, m - head)
        middle = {old_keys[j]: j for j in range(head, m - tail)}
        found = old_found[:head]
        todo: list[int] = []
        for i in range(head, n - tail):
            j = middle.get(keys[i])
            if j is None:
                todo.append(i)
            found.append(old_found[j] if j is not None else [])
        if todo:
            if make_many is not None:
                made = make_many(todo)
            else:
                assert make is not None
                made = [make(i, names[i]) for i in todo]
            for i, findings in zip(todo, made, strict=True):
                found[i] = findings
        found.extend(old_found[m - tail :])
        self._new_runs[rule] = (owners, keys, found)
        return list(chain.from_iterable(found))

    def get(
        self,
        rule: str,
        owners: _Owners,
        names: tuple[object, ...],
        make: Callable[[tuple[object, ...]], list[Finding]],
    ) -> list[Finding]:
        """The findings of ``rule`` for ``owners``, made by ``make`` when not kept.

        ``names`` are what else they depend on (the buildings' names, ...):
        kept findings are returned only for equal ones.
        """
        found = self.peek(rule, owners, names)
        if found is None:
            found = make(names)
            self.put(rule, owners, names, found)
        return found

    def peek(
        self, rule: str, owners: _Owners, names: tuple[object, ...]
    ) -> list[Finding] | None:
        """The kept findings of ``rule`` for ``owners`` and ``names``, if any."""
        # An id is unique among live objects, and kept entries keep their
        # owners alive: the same ids are the same facts objects.
        key: object = (
            id(owners[0]) if len(owners) == 1 else (id(owners[0]), id(owners[1]))
        )
        new = self._new.get(rule)
        if new is None:
            new = self._new[rule] = {}
        old = self._old.get(rule)
        kept = old.get(key) if old is not None else None
        if kept is None:
            kept = new.get(key)
        if kept is not None and kept[1] == names:
            new[key] = kept
            return kept[2]
        return None

    def put(
        self,
        rule: str,
        owners: _Owners,
        names: tuple[object, ...],
        found: list[Finding],
    ) -> None:
        """Keep the findings of ``rule`` made for ``owners`` and ``names``."""
        key: object = (
            id(owners[0]) if len(owners) == 1 else (id(owners[0]), id(owners[1]))
        )
        self._new.setdefault(rule, {})[key] = (owners, names, found)


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

    #: findings of each building kept from the last evaluation (None: none kept)
    kept: BuildingFindings | None = None

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

    def per_building(
        self,
        rule: str,
        facts: BuildingFacts | tuple[BuildingFacts, BuildingFacts],
        make: Callable[[tuple[object, ...]], list[Finding]],
        names: tuple[object, ...] | None = None,
    ) -> list[Finding]:
        """The findings of ``rule`` about one building (or a pair of buildings).

        ``make`` receives ``names`` (by default the names of the scenario's
        buildings; give them, with anything else the findings depend on beyond
        the facts and the rulebook) and makes the findings. They are kept
        (:class:`BuildingFindings`) while the facts objects and names stay.
        """
        owners: tuple[BuildingFacts, ...]
        if isinstance(facts, tuple):
            owners = facts
            if names is None:
                names = (self.name(facts[0].id), self.name(facts[1].id))
        else:
            owners = (facts,)
            if names is None:
                building = self.buildings.get(facts.id)
                names = ("" if building is None else building.name,)
        if self.kept is None:
            return make(names)
        return self.kept.get(rule, owners, names, make)

    def each_building(
        self,
        rule: str,
        facts: Sequence[BuildingFacts],
        make: Callable[[int, tuple[object, ...]], list[Finding]],
    ) -> list[Finding]:
        """The findings of ``rule`` about each of ``facts``, in turn, in one list.

        As :meth:`per_building` for each, at once: ``make(i, names)`` makes
        the findings of ``facts[i]`` (``names``: its building's name, a 1-tuple).
        """
        get = self.buildings.get
        # One name a building (a string: the names are read at C speed).
        names = list(map(_NAME, map(get, map(_ID, facts), repeat(_NAMELESS))))
        if self.kept is None:
            return [x for i, n in enumerate(names) for x in make(i, (n,))]
        return self.kept.run(rule, facts, names, lambda i, n: make(i, (n,)))

    def each_pair(
        self,
        rule: str,
        pairs: Sequence[tuple[BuildingFacts, BuildingFacts]],
        make: Callable[[int, tuple[object, ...]], list[Finding]],
    ) -> list[Finding]:
        """As :meth:`each_building`, for pairs of buildings (both names)."""
        get = self.buildings.get
        firsts = map(_NAME, map(get, map(_ID, map(_FIRST, pairs)), repeat(_NAMELESS)))
        seconds = map(_NAME, map(get, map(_ID, map(_SECOND, pairs)), repeat(_NAMELESS)))
        names: list[tuple[object, ...]] = list(zip(firsts, seconds, strict=True))
        if self.kept is None:
            return [x for i, n in enumerate(names) for x in make(i, n)]
        return self.kept.run(rule, pairs, names, make)

    @property
    def has_site(self) -> bool:
        return self.index.site is not None

    @property
    def flagged_facts(self) -> list[BuildingFacts]:
        """Buildings with a level issue (C13, C14, C15, U01) or a hazard."""
        return [self.facts[p] for p in self.flagged]

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
