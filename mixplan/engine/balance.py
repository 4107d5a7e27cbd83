"""The financial balance of a scenario (DESIGN §17): who pays, who gains.

Two French balance sheets, from the project's :class:`FinancialAssumptions`:

**Developer's balance** (compte à rebours), per new or changed building and
summed. The *new SDP* of a building is the SDP it adds over its origin, use by
use; all of it for a new building, or for one whose origin is demolished
(replaced on another footprint: nothing of the origin stands). On the storeys
a changed building shares with its origin, SDP added to a use is *converted*
SDP (costed at the conversion cost); on added storeys it is built (costed at
the use's construction cost). With R the revenue (new SDP × price), C the
construction, and the rates of fees f, marketing k, margin m and finance i::

    fees = C·f        marketing = R·k        margin = R·m
    CF (charge foncière) = (R·(1 − k − m) − C·(1 + f)·(1 + i)) / (1 + i)
    finance = i·(C + fees + CF)

so that R = C + fees + marketing + margin + finance + CF exactly.

**Public developer's balance** (bilan d'aménagement). A baseline building is
*demolished* when the scenario removes it or replaces it by a building with
another footprint, *converted* when a storey of it changes use (same storey,
other uses or shares). m² *de-sealed* = the scenario's pleine terre (covers
``open_soil`` and ``lawn``, inside the site, outside footprints) minus the
baseline's, when positive. Income = Σ CF + subsidy × m² de-sealed; costs =
acquisition of the baseline SDP demolished or converted (by use) + relocation
(productive SDP demolished) + demolition (GFA demolished) + remediation
(footprint of a demolished building of ICPE class D or above) + de-sealing.
Parking and technical floor area (no SDP) is neither sold nor costed;
unassigned SDP has no family, so no price, unless the assumptions give its use
key, and is reported as unpriced.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

import shapely

from mixplan.engine.balance_sheets import (
    PUBLIC_COST_LINES,
    PUBLIC_INCOME_LINES,
    Balance,
    BuildingBalance,
    DeveloperBalance,
    PublicBalance,
    SensitivityPoint,
    assumptions_json,
    developer_balance,
)
from mixplan.engine.facts import (
    Assumptions,
    BuildingFacts,
    building_facts,
    is_altered,
)
from mixplan.gc_pause import collector_paused
from mixplan.model.finance import FinancialAssumptions
from mixplan.model.project import Building, Level, Project, Scenario
from mixplan.model.uses import USES, Family, nuisance_rank

if TYPE_CHECKING:
    from mixplan.engine.evaluator import Evaluator

__all__ = [
    "PLEINE_TERRE_COVERS",
    "PUBLIC_COST_LINES",
    "PUBLIC_INCOME_LINES",
    "SENSITIVITY_FACTORS",
    "Balance",
    "BuildingBalance",
    "DeveloperBalance",
    "PublicBalance",
    "SensitivityPoint",
    "assumptions_json",
    "balance_of",
    "developer_balance",
    "demolished_baseline_ids",
    "removed_baseline_ids",
    "sensitivity",
]

#: Cover types that are pleine terre (DESIGN §7): de-sealing is measured on them.
PLEINE_TERRE_COVERS = frozenset({"open_soil", "lawn"})
#: The factors of the sensitivity on prices and costs (± 20 %).
SENSITIVITY_FACTORS: tuple[float, ...] = (0.8, 1.0, 1.2)
#: A storey at most this high gives no SDP (Code de l'urbanisme, R111-22 3°).
_MIN_SDP_HEIGHT_M = 1.80
_RANK_D = nuisance_rank("D")
# -- what the scenario does to the baseline ---------------------------------------


def removed_baseline_ids(project: Project, scenario: Scenario) -> set[str]:
    """Baseline buildings the scenario removes.

    The model records them (``scenario.removed``, DESIGN §14); a scenario built
    as a whole state and not yet settled (a script, a test) records nothing,
    so a baseline building that no building of the scenario continues through
    ``origin`` counts as removed too.
    """
    baseline = project.baseline
    if scenario is baseline:
        return set()
    continued = {b.origin for b in scenario.buildings.values() if b.origin}
    derived = {bid for bid in baseline.buildings if bid not in continued}
    recorded = {bid for bid in scenario.removed if bid in baseline.buildings}
    return recorded | derived


def _same_footprint(building: Building, origin: Building) -> bool:
    return building.footprint is origin.footprint or bool(
        building.footprint.equals(origin.footprint)
    )


def demolished_baseline_ids(project: Project, scenario: Scenario) -> set[str]:
    """Baseline buildings removed, or replaced by a building on another footprint."""
    demolished = removed_baseline_ids(project, scenario)
    if scenario is project.baseline:
        return demolished
    for b in scenario.buildings.values():
        origin = project.baseline.buildings.get(b.origin or "")
        if origin is not None and not _same_footprint(b, origin):
            demolished.add(origin.id)
    return demolished


def _storeys(building: Building) -> dict[int, Level]:
    return dict(building.indexed_levels())


_COUNTS_IN_SDP = {code: u.counts_in_sdp for code, u in USES.items()}


def _level_weights(
    building: Building, footprint_m2: float
) -> dict[int, dict[str, float]]:
    """Gross floor area by SDP use on each storey (a storey ≤ 1.80 m weighs 0)."""
    out: dict[int, dict[str, float]] = {}
    for index, level in building.indexed_levels():
        row: dict[str, float] = {}
        if level.height_m > _MIN_SDP_HEIGHT_M:
            polygon = level.polygon
            gross = footprint_m2 if polygon is None else float(polygon.area)
            for alloc in level.uses:
                if _COUNTS_IN_SDP[alloc.use]:
                    row[alloc.use] = row.get(alloc.use, 0.0) + gross * alloc.share
        out[index] = row
    return out


def storey_sdp(building: Building, facts: BuildingFacts) -> dict[int, dict[str, float]]:
    """The engine's SDP of each use, spread over the storeys that hold it.

    The engine gives SDP per building and use; within a building a use's SDP is
    its gross area times the same factors on every storey, so it spreads in
    proportion to gross area. Summed over storeys it is the engine's figure.
    """
    weights = _level_weights(building, facts.footprint_m2)
    totals: dict[str, float] = {}
    for row in weights.values():
        for use, area in row.items():
            totals[use] = totals.get(use, 0.0) + area
    sdp = facts.sdp_by_use  # (read once: a batch's facts read it from columns)
    return {
        index: {
            use: sdp.get(use, 0.0) * area / totals[use]
            for use, area in row.items()
            if totals[use] > 0
        }
        for index, row in weights.items()
    }


#: Below this, an SDP difference is rounding noise, not floor area (m²).
_AREA_TOLERANCE = 1e-6


def _add(into: dict[str, float], use: str, m2: float) -> None:
    if m2 > _AREA_TOLERANCE:
        into[use] = into.get(use, 0.0) + m2


def _priced(
    sdp_by_use: Mapping[str, float], price_of: Callable[[str], float | None]
) -> tuple[float, float]:
    """Σ m² × price and the m² with no price."""
    amount = unpriced = 0.0
    for use, m2 in sdp_by_use.items():
        price = price_of(use)
        if price is None:
            unpriced += m2
        else:
            amount += m2 * price
    return amount, unpriced


def _pleine_terre_m2(project: Project, scenario: Scenario) -> float:
    covers = [
        c.geometry for c in scenario.cover.values() if c.cover in PLEINE_TERRE_COVERS
    ]
    if not covers:
        return 0.0
    ground = shapely.union_all(covers)
    if project.site is not None:
        # A copy: the live engine may be preparing the shared site geometry in
        # its own thread (GEOS prepared geometries are not safe to share then).
        site = shapely.from_wkb(shapely.to_wkb(project.site.boundary))
        ground = shapely.intersection(ground, site)
    footprints = [b.footprint for b in scenario.buildings.values()]
    if footprints:
        # Only the footprints that reach a pleine-terre cover are cut out: the
        # union of ten thousand footprints costs more than all the rest.
        tree = shapely.STRtree(footprints)
        under = tree.query(covers, predicate="intersects")[1]
        if len(under):
            touching = tree.geometries.take(sorted(set(under.tolist())))
            ground = shapely.difference(ground, shapely.union_all(touching))
    return float(ground.area)


class _Facts:
    """Per-building engine facts of one project, computed once.

    With an evaluator, the facts it measured for the baseline and the scenario
    are taken as they are (a building's SDP, GFA, footprint and hazard do not
    depend on its origin); only buildings it did not measure are measured here.
    """

    def __init__(
        self,
        project: Project,
        scenario: Scenario | None = None,
        evaluator: Evaluator | None = None,
        checkpoint: Callable[[], None] | None = None,
    ) -> None:
        self.assumptions = Assumptions.of(project.rulebook)
        self.cache: dict[int, BuildingFacts] = {}
        #: called every CHECKPOINT_EVERY buildings measured (see balance_of)
        self.checkpoint = checkpoint
        self.measured = 0
        self.compared: set[int] = set()
        self.ground: dict[str, float] = {}
        self.added: dict[tuple[int, int], _Added] = {}
        if evaluator is not None and scenario is not None:
            for known in {
                project.baseline.name: project.baseline,
                scenario.name: scenario,
            }.values():
                measured = evaluator.building_facts(known.name)
                for bid, building in known.buildings.items():
                    self.cache[id(building)] = measured[bid]
            # ... and measured against the origin the balance compares with
            # (the baseline building its ``origin`` names): ``altered`` holds.
            self.compared = {id(b) for b in scenario.buildings.values()}

    def altered(self, building: Building, origin: Building) -> bool:
        """Whether a scenario building alters the baseline building it continues."""
        if id(building) in self.compared:
            return self.cache[id(building)].altered
        return is_altered(building, origin)

    def pleine_terre_m2(self, project: Project, scenario: Scenario) -> float:
        found = self.ground.get(scenario.name)
        if found is None:
            found = self.ground[scenario.name] = _pleine_terre_m2(project, scenario)
        return found

    def drop(self) -> None:
        """Forget the facts one building at a time.

        Dropped at once, the facts of 10,000 buildings (10⁵ objects) are freed
        in one call that holds the GIL 50-90 ms; one by one, other threads get
        their turns in between.
        """
        for cache in (self.cache, self.added):
            while cache:
                cache.popitem()

    def of(self, building: Building) -> BuildingFacts:
        found = self.cache.get(id(building))
        if found is None:
            if self.checkpoint is not None:
                self.measured += 1
                if self.measured % CHECKPOINT_EVERY == 0:
                    self.checkpoint()
            found = building_facts(building, None, self.assumptions)
            self.cache[id(building)] = found
        return found


#: How many buildings ``balance_of`` measures between two calls of its checkpoint.
CHECKPOINT_EVERY = 64


#: What a building adds over its origin: kind, built and converted SDP by use,
#: and whether a storey of the origin changes use.
_Added = tuple[str, dict[str, float], dict[str, float], bool]


def _added(building: Building, origin: Building | None, facts: _Facts) -> _Added:
    """What a building adds over its origin, measured once per pair.

    The sensitivity prices the same quantities nine more times: only the
    pricing is repeated, not the measuring.
    """
    key = (id(building), id(origin))
    found = facts.added.get(key)
    if found is None:
        found = facts.added[key] = _measure_added(building, origin, facts)
    return found


def _measure_added(
    building: Building, origin: Building | None, facts: _Facts
) -> _Added:
    if origin is not None and not facts.altered(building, origin):
        return "kept", {}, {}, False  # same footprint and storeys: nothing new
    built: dict[str, float] = {}
    converted: dict[str, float] = {}
    origin_converted = False
    mine = storey_sdp(building, facts.of(building))
    if origin is None or not _same_footprint(building, origin):
        kind = "new" if origin is None else "rebuilt"
        for row in mine.values():
            for use, m2 in row.items():
                _add(built, use, m2)
    else:
        theirs = storey_sdp(origin, facts.of(origin))
        mine_levels, their_levels = _storeys(building), _storeys(origin)
        raised = False
        for index, row in mine.items():
            if index not in theirs:
                raised = True
                for use, m2 in row.items():
                    _add(built, use, m2)
                continue
            if mine_levels[index].use_shares() != their_levels[index].use_shares():
                origin_converted = True
            before = theirs[index]
            for use, m2 in row.items():
                _add(converted, use, m2 - before.get(use, 0.0))
        kind = (
            "raised_converted"
            if raised and origin_converted
            else "raised"
            if raised
            else "converted"
            if origin_converted
            else "kept"
        )
    return kind, built, converted, origin_converted


def _building_balance(
    building: Building,
    origin: Building | None,
    facts: _Facts,
    fa: FinancialAssumptions,
) -> tuple[BuildingBalance | None, bool]:
    """The balance of a scenario building, and whether its origin is converted."""
    kind, built, converted, origin_converted = _added(building, origin, facts)
    if not built and not converted:
        return None, origin_converted
    price_of, cost_of = fa.price, fa.cost
    sold = dict(built)
    for use, m2 in converted.items():
        _add(sold, use, m2)
    revenue, unpriced = _priced(sold, price_of)
    construction, _ = _priced(built, cost_of)
    construction += math.fsum(converted.values()) * fa.number("conversion_cost_eur_m2")
    return BuildingBalance(
        building.id,
        building.name,
        building.origin,
        kind,
        built,
        converted,
        developer_balance(revenue, construction, fa),
        unpriced,
    ), origin_converted


def _compute(
    project: Project, scenario: Scenario, fa: FinancialAssumptions, facts: _Facts
) -> Balance:
    baseline = project.baseline
    buildings: list[BuildingBalance] = []
    converted_ids: set[str] = set()
    demolished = demolished_baseline_ids(project, scenario)
    if scenario is not baseline:
        for b in scenario.buildings.values():
            origin = baseline.buildings.get(b.origin or "")
            result, origin_converted = _building_balance(b, origin, facts, fa)
            if result is not None:
                buildings.append(result)
            if origin is not None and origin_converted:
                converted_ids.add(origin.id)
    converted_ids -= demolished
    developer = DeveloperBalance()
    for item in buildings:
        developer = developer + item.developer

    acquisition = unpriced_acquired = 0.0
    acquired_m2 = productive_m2 = gfa_m2 = remediated_m2 = 0.0
    for bid in sorted(demolished | converted_ids):
        b = baseline.buildings[bid]
        f = facts.of(b)
        amount, unpriced = _priced(f.sdp_by_use, fa.acquisition)
        acquisition += amount
        unpriced_acquired += unpriced
        acquired_m2 += math.fsum(f.sdp_by_use.values())
        if bid in demolished:
            productive_m2 += math.fsum(
                m2
                for use, m2 in f.sdp_by_use.items()
                if USES[use].family is Family.PRODUCTIVE
            )
            gfa_m2 += f.gfa_m2
            if f.hazard_rank >= _RANK_D:
                remediated_m2 += f.footprint_m2
    desealed = max(
        0.0,
        facts.pleine_terre_m2(project, scenario)
        - facts.pleine_terre_m2(project, baseline),
    )
    lines = {
        "charges_foncieres": developer.charge_fonciere,
        "desealing_subsidy": desealed * fa.number("desealing_subsidy_eur_m2"),
        "acquisition": acquisition,
        "relocation": productive_m2 * fa.number("relocation_eur_m2"),
        "demolition": gfa_m2 * fa.number("demolition_eur_m2"),
        "remediation": remediated_m2 * fa.number("remediation_eur_m2"),
        "desealing": desealed * fa.number("desealing_eur_m2"),
    }
    quantities = {
        "new_sdp_m2": math.fsum(b.new_sdp_m2 for b in buildings),
        "built_sdp_m2": math.fsum(
            math.fsum(b.built_sdp_by_use.values()) for b in buildings
        ),
        "converted_sdp_m2": math.fsum(
            math.fsum(b.converted_sdp_by_use.values()) for b in buildings
        ),
        "unpriced_sdp_m2": math.fsum(b.unpriced_sdp_m2 for b in buildings),
        "acquired_sdp_m2": acquired_m2,
        "unpriced_acquired_sdp_m2": unpriced_acquired,
        "relocated_productive_sdp_m2": productive_m2,
        "demolished_gfa_m2": gfa_m2,
        "remediated_footprint_m2": remediated_m2,
        "desealed_m2": desealed,
    }
    return Balance(
        scenario.name,
        developer,
        PublicBalance(lines),
        tuple(buildings),
        tuple(sorted(demolished)),
        tuple(sorted(converted_ids)),
        quantities,
        fa,
    )


def balance_of(
    project: Project,
    scenario_name: str,
    assumptions: FinancialAssumptions | None = None,
    *,
    with_sensitivity: bool = True,
    evaluator: Evaluator | None = None,
    checkpoint: Callable[[], None] | None = None,
) -> Balance:
    """Both balance sheets of a scenario (DESIGN §17).

    Parameters
    ----------
    project
        The project; its baseline is the existing state.
    scenario_name
        The scenario to balance (the baseline gives an empty balance).
    assumptions
        Overrides the project's assumptions for this call.
    with_sensitivity
        Also compute the ± 20 % grid on prices and construction costs.
    evaluator
        An evaluator of this same project: the per-building facts it measured
        are reused instead of measured again (the report passes the one that
        evaluated its scenarios).
    checkpoint
        Called every :data:`CHECKPOINT_EVERY` buildings measured; whatever it
        raises stops the balance (the editor stops one an edit made outdated:
        10,000 buildings are 1-2 s of Python).

    Raises
    ------
    ModelError
        If the project has no such scenario.
    """
    scenario = project.scenario(scenario_name)
    fa = assumptions if assumptions is not None else project.assumptions
    # Facts of every building, dropped at the end: the collector's passes over
    # the whole heap meanwhile held the GIL 0.1-0.2 s each (the editor's window
    # waiting for the balance's thread).
    facts = _Facts(project, scenario, evaluator, checkpoint)
    with collector_paused():
        try:
            result = _compute(project, scenario, fa, facts)
        finally:
            facts.drop()
    if not with_sensitivity:
        return result
    return replace(result, sensitivity=tuple(sensitivity(result)))


def sensitivity(
    balance: Balance, factors: Iterable[float] = SENSITIVITY_FACTORS
) -> list[SensitivityPoint]:
    """The balance with prices and construction costs scaled.

    Charge foncière and public balance for every sale price × p and every
    construction and conversion cost × c, for every pair of ``factors`` (prices
    first). Revenue is linear in the prices and construction in the costs, and
    the public costs depend on neither, so scaling the totals gives exactly what
    recomputing with scaled assumptions would (a test checks it).
    """
    fa = balance.assumptions
    revenue = balance.developer.revenue
    construction = balance.developer.construction
    rest = balance.public.balance - balance.public.lines["charges_foncieres"]
    factors = tuple(factors)
    out = []
    for price_factor in factors:
        for cost_factor in factors:
            charge = developer_balance(
                revenue * price_factor, construction * cost_factor, fa
            ).charge_fonciere
            out.append(
                SensitivityPoint(price_factor, cost_factor, charge, rest + charge)
            )
    return out
