"""What a rule sees of a scenario, and how it words a finding."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mixplan.engine.facts import BuildingFacts
from mixplan.engine.findings import Finding, Severity
from mixplan.engine.indicators import ProductiveFlows, Totals
from mixplan.engine.land import GroundFacts
from mixplan.engine.spatial import FootprintIndex
from mixplan.model.naming import building_reference
from mixplan.model.project import Building
from mixplan.model.rulebook import Rulebook

__all__ = [
    "AREA_TOLERANCE_M2",
    "LENGTH_TOLERANCE_M",
    "Context",
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

    def labels(self, building_id: str, *, baseline: bool = False) -> tuple[str, str]:
        """How a message names a building, in English and in French.

        The scenario's building of that id (the baseline's with ``baseline``,
        for a building the scenario no longer holds): its name and id
        (:func:`~mixplan.model.naming.building_reference`).
        """
        where = self.baseline_buildings if baseline else self.buildings
        building = where.get(building_id)
        name = building.name if building is not None else ""
        return (
            building_reference(building_id, name, "en"),
            building_reference(building_id, name, "fr"),
        )

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
