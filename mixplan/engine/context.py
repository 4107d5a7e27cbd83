"""What a rule sees of a scenario, and how it words a finding."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mixplan.engine.facts import BuildingFacts
from mixplan.engine.findings import Finding, Severity
from mixplan.engine.indicators import ProductiveFlows, Totals
from mixplan.engine.land import GroundFacts
from mixplan.engine.spatial import FootprintIndex
from mixplan.model.rulebook import Rulebook

__all__ = ["Context", "m2", "m2_fr", "make_finding"]


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
