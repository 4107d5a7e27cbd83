"""What a rule sees of a scenario, and how it words a finding."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, count
from operator import itemgetter, ne
from typing import Any, TypeVar

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


#: One rule's last run over a list of buildings (or pairs): what each was
#: made from, its key (ids of its facts objects) and its value.
_Run = tuple[Sequence[object], list[object], list[Any]]

_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
_V = TypeVar("_V")


class BuildingFindings:
    """Measures of each building (or pair) by rule, kept between evaluations.

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
        # By rule, the last run over a list of buildings (:meth:`values`).
        self._old_runs: dict[str, _Run]
        self._old_runs = previous._new_runs if previous is not None else {}
        self._new_runs: dict[str, _Run] = {}

    def values(
        self,
        rule: str,
        owners: Sequence[tuple[BuildingFacts, BuildingFacts]],
        measure: Callable[[list[int]], list[_V]],
    ) -> list[_V]:
        """The measure of ``rule`` for each pair of ``owners``, in order.

        ``measure(positions)`` measures the pairs at ``positions`` (those not
        kept), at once. The list of pairs is compared with the rule's last one
        at C speed: the unchanged start and end are reused as they are, and
        only the middle (after one edit, a building or two) is looked up by
        key, so an edit costs no Python work per pair.
        """
        firsts, seconds = map(id, map(_FIRST, owners)), map(id, map(_SECOND, owners))
        keys: list[object] = list(zip(firsts, seconds, strict=True))
        old = self._old_runs.get(rule)
        old_keys = old[1] if old is not None else []
        old_found = old[2] if old is not None else []
        n, m = len(keys), len(old_keys)
        # (An id is unique among live objects, and the last run keeps its
        # owners alive: equal keys are the same facts objects.)
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
            found.append(old_found[j] if j is not None else None)
        if todo:
            for i, value in zip(todo, measure(todo), strict=True):
                found[i] = value
        found.extend(old_found[m - tail :])
        self._new_runs[rule] = (owners, keys, found)
        return found


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
    def flagged_facts(self) -> list[BuildingFacts]:
        """Buildings with a level issue (C13, C14, C15, U01) or a hazard."""
        return list(map(self.facts.__getitem__, self.flagged))  # at C speed

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
