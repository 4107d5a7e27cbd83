"""The indicators of a scenario (DESIGN §8 keys) and their difference from the baseline.

Definitions (a contract, issue 3; RULES §1 and §4):

- ``gfa_m2`` = Σ gross area of every level; ``sdp_m2`` = Σ gross × share ×
  ``sdp_factor`` over the uses that are floor area (``unassigned`` included).
- ``far`` = ``sdp_m2`` ÷ site area; ``coverage`` = ``footprint_m2`` (area of the
  union of footprints) ÷ site area. Ratios are 0 when there is no site.
- ``productive_sdp_m2`` counts productive-grade space only (C13);
  ``sdp_by_family_m2["productive"]`` counts all productive space.
- kept / lost / gained per baseline building b through ``origin``:
  kept = Σ min(before_b, after_b), lost = Σ max(0, before_b − after_b),
  gained = Σ max(0, after_b − before_b) + grade space of new buildings, so
  ``productive_sdp_m2`` = kept + gained. ``productive_retention`` =
  ``productive_sdp_m2`` ÷ the baseline's (1 when the baseline has none).
- ``dwellings`` = housing-family SDP ÷ ``m2_per_dwelling``; ``residents`` =
  dwellings × ``persons_per_dwelling``; ``jobs`` = Σ SDP of a use ÷ its m² per job.
- ``parking_demand`` = dwellings × ``parking_per_dwelling`` + tertiary and shared
  SDP ÷ ``parking_m2_per_space_office`` + productive SDP ÷
  ``parking_m2_per_space_productive``, × ``parking_pooling_factor`` when the site
  has pooled parking (a ``shared`` building with spaces): foisonnement, RULES §4.3.
- ``loading_bays_required`` = ⌈productive SDP ÷ ``C20.m2_per_loading_bay``⌉.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mixplan.engine.facts import (
    COL_BAYS,
    COL_GFA,
    COL_GRADE,
    COL_GRADE_USE,
    COL_GREEN_ROOF,
    COL_HEIGHT,
    COL_NON_GRADE,
    COL_PARKING,
    COL_POOLED,
    COL_SDP,
    COL_UNASSIGNED,
    COL_USE,
    PRODUCTIVE_USES,
    SDP_USES,
    BuildingFacts,
    facts_rows,
)
from mixplan.engine.land import GroundFacts, cover_coefficients
from mixplan.engine.spatial import FootprintIndex
from mixplan.model.rulebook import Rulebook
from mixplan.model.uses import FAMILIES, USES

__all__ = [
    "INDICATOR_KEYS",
    "INDICATOR_ROWS",
    "ProductiveFlows",
    "Totals",
    "facts_matrix",
    "indicator_delta",
    "productive_flows",
    "scenario_indicators",
    "sum_facts",
]

#: The indicator keys of DESIGN §8, in report order.
INDICATOR_KEYS: tuple[str, ...] = (
    "site_area_m2",
    "footprint_m2",
    "coverage",
    "gfa_m2",
    "sdp_m2",
    "sdp_by_family_m2",
    "sdp_by_use_m2",
    "productive_sdp_m2",
    "productive_non_grade_sdp_m2",
    "productive_retention",
    "productive_kept_m2",
    "productive_lost_m2",
    "productive_gained_m2",
    "far",
    "dwellings",
    "residents",
    "jobs",
    "open_soil_m2",
    "open_soil_ratio",
    "cbs",
    "artificialised_m2",
    "net_new_artificialised_m2",
    "max_height_m",
    "parking_supply",
    "parking_demand",
    "loading_bays",
    "loading_bays_required",
)

#: The indicators as the rows of a table, in :data:`INDICATOR_KEYS` order:
#: ``sdp_by_family_m2`` one row per family (``sdp_by_family_m2.housing`` …);
#: ``sdp_by_use_m2`` left out (its rows, one per use present, follow a table).
INDICATOR_ROWS: tuple[str, ...] = tuple(
    row
    for key in INDICATOR_KEYS
    if key != "sdp_by_use_m2"
    for row in (
        [f"{key}.{family}" for family in FAMILIES]
        if key == "sdp_by_family_m2"
        else [key]
    )
)

_FAMILY = {c: u.family.value for c, u in USES.items()}


@dataclass(slots=True)
class Totals:
    """Sums of the per-building facts of a scenario."""

    gfa: float = 0.0
    sdp: float = 0.0
    sdp_by_use: dict[str, float] = field(default_factory=dict)
    grade_by_use: dict[str, float] = field(default_factory=dict)
    grade: float = 0.0
    non_grade: float = 0.0
    unassigned_gfa: float = 0.0
    parking_supply: float = 0.0
    pooled_parking: bool = False
    loading_bays: int = 0
    green_roof: float = 0.0
    max_height: float = 0.0


def facts_matrix(facts: Sequence[BuildingFacts]) -> NDArray[np.float64]:
    """The rows of every building's facts, one row per building."""
    return facts_rows(facts)


def sum_facts(matrix: NDArray[np.float64]) -> Totals:
    """Add up the facts rows of every building of a scenario (column sums)."""
    if not len(matrix):
        return Totals(sdp_by_use=dict.fromkeys(SDP_USES, 0.0))
    col = matrix.sum(axis=0).tolist()
    return Totals(
        gfa=col[COL_GFA],
        sdp=col[COL_SDP],
        sdp_by_use=dict(zip(SDP_USES, col[COL_USE:COL_GRADE_USE], strict=True)),
        grade_by_use=dict(zip(PRODUCTIVE_USES, col[COL_GRADE_USE:], strict=True)),
        grade=col[COL_GRADE],
        non_grade=col[COL_NON_GRADE],
        unassigned_gfa=col[COL_UNASSIGNED],
        parking_supply=col[COL_PARKING],
        pooled_parking=col[COL_POOLED] > 0,
        loading_bays=int(round(col[COL_BAYS])),
        green_roof=col[COL_GREEN_ROOF],
        max_height=float(matrix[:, COL_HEIGHT].max()),
    )


@dataclass(frozen=True, slots=True)
class ProductiveFlows:
    """Productive-grade SDP kept, lost and gained against the baseline."""

    kept: float
    lost: float
    gained: float
    lost_by_building: dict[str, float]


def productive_flows(
    origin_position: NDArray[np.intp],
    grade: NDArray[np.float64],
    baseline_grade: NDArray[np.float64],
    baseline_ids: Sequence[str],
) -> ProductiveFlows:
    """Kept / lost / gained productive-grade SDP, per baseline building.

    Parameters
    ----------
    origin_position
        For each scenario building, the position of its origin among the
        baseline buildings, or -1 for a new building.
    grade
        Productive-grade SDP of each scenario building.
    baseline_grade, baseline_ids
        Productive-grade SDP and id of each baseline building.

    Examples
    --------
    Building ``a`` of 100 m² split in two of 60 m² and 30 m², and a new one:

    >>> import numpy as np
    >>> f = productive_flows(np.array([0, 0, -1]), np.array([60.0, 30.0, 20.0]),
    ...                      np.array([100.0]), ["a"])
    >>> f.kept, f.lost, f.gained, f.lost_by_building
    (90.0, 10.0, 20.0, {'a': 10.0})
    """
    known = origin_position >= 0
    after = np.bincount(
        origin_position[known], weights=grade[known], minlength=len(baseline_grade)
    )
    diff = baseline_grade - after
    lost_mask = diff > 0
    lost_by = {
        baseline_ids[k]: float(diff[k]) for k in np.flatnonzero(lost_mask).tolist()
    }
    return ProductiveFlows(
        float(np.minimum(baseline_grade, after).sum()),
        float(diff[lost_mask].sum()),
        float(-diff[diff < 0].sum() + grade[~known].sum()),
        lost_by,
    )


def _ratio(value: float, base: float) -> float:
    return value / base if base > 0 else 0.0


def scenario_indicators(
    totals: Totals,
    index: FootprintIndex,
    ground: GroundFacts,
    site_area: float,
    rb: Rulebook,
    flows: ProductiveFlows,
    baseline_grade_m2: float,
    baseline_artificialised_m2: float | None,
) -> dict[str, Any]:
    """Every indicator of DESIGN §8 for one scenario.

    ``baseline_artificialised_m2`` is ``None`` when the scenario is the baseline.
    """
    num = rb.number
    by_use = {use: totals.sdp_by_use.get(use, 0.0) for use in SDP_USES}
    by_family = dict.fromkeys(FAMILIES, 0.0)
    for use, m2 in by_use.items():
        family = _FAMILY[use]
        if family in by_family:
            by_family[family] += m2
    dwellings = by_family["housing"] / num("assumptions", "m2_per_dwelling")
    jobs = 0.0
    for use, m2 in by_use.items():
        if m2 and USES[use].m2_per_job is not None:
            jobs += m2 / num("m2_per_job", use)
    productive_all = by_family["productive"]
    demand = (
        dwellings * num("assumptions", "parking_per_dwelling")
        + (by_family["tertiary"] + by_family["shared"])
        / num("assumptions", "parking_m2_per_space_office")
        + productive_all / num("assumptions", "parking_m2_per_space_productive")
    )
    if totals.pooled_parking:
        demand *= num("assumptions", "parking_pooling_factor")
    coefficients = cover_coefficients(rb)
    plain_roof = max(0.0, index.union_m2 - totals.green_roof)
    eco = (
        ground.eco_m2(coefficients)
        + coefficients["green_roof"] * totals.green_roof
        + coefficients["plain_roof"] * plain_roof
    )
    if index.site is not None:
        uncovered = max(0.0, site_area - index.union_in_site_m2 - ground.covered_m2)
        artificialised = index.union_in_site_m2 + ground.artificial_cover_m2()
        if rb.get("assumptions", "uncovered_ground_artificialised"):
            artificialised += uncovered
    else:
        artificialised = index.union_m2 + ground.artificial_cover_m2()
    open_soil = ground.pleine_terre_m2
    grade = totals.grade
    return {
        "site_area_m2": site_area,
        "footprint_m2": index.union_m2,
        "coverage": _ratio(index.union_m2, site_area),
        "gfa_m2": totals.gfa,
        "sdp_m2": totals.sdp,
        "sdp_by_family_m2": by_family,
        "sdp_by_use_m2": by_use,
        "productive_sdp_m2": grade,
        "productive_non_grade_sdp_m2": totals.non_grade,
        "productive_retention": (
            grade / baseline_grade_m2 if baseline_grade_m2 > 0 else 1.0
        ),
        "productive_kept_m2": flows.kept,
        "productive_lost_m2": flows.lost,
        "productive_gained_m2": flows.gained,
        "far": _ratio(totals.sdp, site_area),
        "dwellings": dwellings,
        "residents": dwellings * num("assumptions", "persons_per_dwelling"),
        "jobs": jobs,
        "open_soil_m2": open_soil,
        "open_soil_ratio": _ratio(open_soil, site_area),
        "cbs": _ratio(eco, site_area),
        "artificialised_m2": artificialised,
        "net_new_artificialised_m2": (
            0.0
            if baseline_artificialised_m2 is None
            else artificialised - baseline_artificialised_m2
        ),
        "max_height_m": totals.max_height,
        "parking_supply": totals.parking_supply + ground.parking_spaces,
        "parking_demand": demand,
        "loading_bays": totals.loading_bays,
        "loading_bays_required": math.ceil(
            round(productive_all / num("C20", "m2_per_loading_bay"), 9)
        ),
    }


def indicator_delta(
    indicators: Mapping[str, Any], baseline: Mapping[str, Any]
) -> dict[str, Any]:
    """Scenario minus baseline for every numeric key (nested dicts per sub-key).

    Examples
    --------
    >>> indicator_delta({"far": 1.5, "by": {"a": 2.0}}, {"far": 1.0, "by": {"b": 1.0}})
    {'far': 0.5, 'by': {'a': 2.0, 'b': -1.0}}
    """
    out: dict[str, Any] = {}
    for key, value in indicators.items():
        base = baseline.get(key)
        if isinstance(value, Mapping):
            base_map = base if isinstance(base, Mapping) else {}
            keys = list(value) + [k for k in base_map if k not in value]
            out[key] = {k: value.get(k, 0) - base_map.get(k, 0) for k in keys}
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[key] = value - (base if isinstance(base, int | float) else 0)
    return out
