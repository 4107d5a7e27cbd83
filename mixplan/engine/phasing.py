"""Phasing and business continuity (DESIGN §16): the site phase by phase, and C12.

During the works of phase *p*, the buildings demolished in *p* are gone and the
buildings delivered in *p* are not yet usable; at the end of *p* they are
(respectively gone and usable). So, for a baseline building demolished in *d* and
a scenario building delivered in *v*:

- demolished (removed, or rebuilt: ``demolished_in``): the existing building is in
  use during and at the end of *p* when ``p < d``;
- changed in place (no ``demolished_in``): the existing version stays in use until
  the new one is usable (during *p* when ``p ≤ v``, at the end when ``p < v``);
- a new or changed building is usable during *p* when ``v < p``, at the end of *p*
  when ``v ≤ p``; a kept building throughout.

A phased scenario's missing phases are assumed, conservatively: a removed building
without ``demolished_in`` goes in phase 1, a new or changed building without
``delivered_in`` comes in the last phase (an info finding lists them).

A firm (an occupant of a baseline building) is where the latest ``hosts`` entry
naming it puts it (``from_phase ≤ p``), else in its own building (or what
continues it); it is *without premises* in *p* when that place is not usable
during *p*. Productive floor area is productive-grade SDP (C13), as for C09.

C12 (DESIGN §16; London Plan 2021, policy E7 D) gives an error for: a phase whose
productive floor area in use during the works is below ``C12.min_phase_retention``
× the existing; housing delivered in a phase whose end leaves productive floor
area below the C09 limit; a firm without premises in a phase; hosted firms that
do not fit their building's productive-grade floor area; inconsistent phase data.
A scenario without phase data is one phase, and C12 says so (info).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mixplan.engine.context import fr, m2, m2_fr, make_finding
from mixplan.engine.facts import Assumptions, BuildingFacts, building_facts, is_altered
from mixplan.engine.findings import Finding
from mixplan.model.naming import building_reference
from mixplan.model.phasing import is_phased, phasing_problems_worded
from mixplan.model.project import Building, Project, Scenario
from mixplan.model.uses import USES, Family

__all__ = [
    "FactsCache",
    "FirmMove",
    "PhaseFigures",
    "PhasedBuilding",
    "Phasing",
    "not_phased",
    "phasing",
    "phasing_from_facts",
    "phasing_token",
]

#: Areas compared with a threshold may differ by this much (DESIGN §9).
TOLERANCE_M2 = 1e-6

SOURCE = "London Plan 2021, policy E7 D (industrial capacity before homes)"

_HOUSING = frozenset(c for c, u in USES.items() if u.family is Family.HOUSING)


@dataclass(frozen=True, slots=True)
class PhaseFigures:
    """The site during and at the end of one phase."""

    phase: int
    name: str
    productive_in_use_during_m2: float
    productive_in_use_end_m2: float
    housing_delivered_m2: float
    firms_without_premises: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The phase entry of ``mixplan phasing --json`` (DESIGN §16)."""
        return {
            "phase": self.phase,
            "name": self.name,
            "productive_in_use_during_m2": _round(self.productive_in_use_during_m2),
            "productive_in_use_end_m2": _round(self.productive_in_use_end_m2),
            "housing_delivered_m2": _round(self.housing_delivered_m2),
            "firms_without_premises": list(self.firms_without_premises),
        }


@dataclass(frozen=True, slots=True)
class PhasedBuilding:
    """What a scenario does to one place, and when (a bar of the timeline).

    ``kind`` is ``kept``, ``changed`` (in place), ``rebuilt``, ``new`` or
    ``removed``; ``assumed`` says a missing phase was assumed.
    """

    id: str
    name: str
    kind: str
    origin: str | None
    demolished_in: int | None
    delivered_in: int | None
    assumed: bool = False


@dataclass(frozen=True, slots=True)
class FirmMove:
    """A firm moving into a building at the start of a phase."""

    firm: str
    phase: int
    from_building: str | None
    to_building: str


@dataclass
class Phasing:
    """The phasing of a scenario: figures per phase, firms, findings (C12)."""

    scenario: str
    phased: bool
    phases: list[PhaseFigures]
    baseline_productive_m2: float
    retention_limit_m2: float
    housing_limit_m2: float
    buildings: list[PhasedBuilding] = field(default_factory=list)
    #: Firm → the building it is in during each phase (``None``: no premises).
    locations: dict[str, list[str | None]] = field(default_factory=dict)
    moves: list[FirmMove] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The ``mixplan phasing --json`` document (DESIGN §16, with extras)."""
        return {
            "scenario": self.scenario,
            "phased": self.phased,
            "baseline_productive_m2": _round(self.baseline_productive_m2),
            "retention_limit_m2": _round(self.retention_limit_m2),
            "housing_limit_m2": _round(self.housing_limit_m2),
            "phases": [p.to_json() for p in self.phases],
            "buildings": [
                {
                    "id": b.id,
                    "name": b.name,
                    "kind": b.kind,
                    "origin": b.origin,
                    "demolished_in": b.demolished_in,
                    "delivered_in": b.delivered_in,
                    "assumed": b.assumed,
                }
                for b in self.buildings
            ],
            "firms": {name: list(where) for name, where in self.locations.items()},
            "moves": [
                {
                    "firm": m.firm,
                    "phase": m.phase,
                    "from": m.from_building,
                    "to": m.to_building,
                }
                for m in self.moves
            ],
            "findings": [f.to_json() for f in self.findings],
        }


def _round(value: float) -> float:
    return round(value, 6) + 0.0


def _housing_m2(facts: BuildingFacts) -> float:
    return sum(a for u, a in facts.sdp_by_use.items() if u in _HOUSING)


@dataclass
class _Origin:
    """A baseline building's fate: ``kept``, ``removed``, ``rebuilt`` or ``changed``."""

    building: Building
    grade: float
    housing: float
    fate: str = "removed"
    until: int = 1  # demolition phase, or the delivery replacing it in place
    assumed: bool = False
    continuations: list[str] = field(default_factory=list)

    def during(self, p: int) -> bool:
        if self.fate == "kept":
            return True
        return p <= self.until if self.fate == "changed" else p < self.until

    def at_end(self, p: int) -> bool:
        if self.fate == "kept":
            return True
        return p < self.until


@dataclass
class _New:
    """A scenario building's own version: usable from its delivery on."""

    building: Building
    grade: float
    housing: float
    delivered: int
    kept: bool
    assumed: bool

    def during(self, p: int) -> bool:
        return self.kept or self.delivered < p

    def at_end(self, p: int) -> bool:
        return self.kept or self.delivered <= p


class FactsCache:
    """Building facts kept from one :func:`phasing` to the next.

    Buildings are immutable values: a building measured against the same origin
    with the same rulebook values has the same facts, so after an edit only the
    buildings it touched are measured again (the phasing dock's worker keeps
    one; on a 10,000-building park measuring everything is 2–5 s of Python).
    What the last phasing did not use is forgotten.
    """

    def __init__(self) -> None:
        self._assumptions: Assumptions | None = None
        #: (id(building), id(origin)) -> (building, origin, facts)
        self._known: dict[
            tuple[int, int], tuple[Building, Building | None, BuildingFacts]
        ] = {}
        self._used: dict[
            tuple[int, int], tuple[Building, Building | None, BuildingFacts]
        ] = {}

    def begin(self, a: Assumptions) -> None:
        """Start a phasing measured with ``a`` (other values: start afresh)."""
        if self._assumptions != a:
            self._assumptions, self._known = a, {}
        self._used = {}

    def facts(self, building: Building, origin: Building | None) -> BuildingFacts:
        """The facts of ``building`` continuing ``origin`` (measured once)."""
        key = (id(building), id(origin))
        known = self._known.get(key)
        if known is None or known[0] is not building or known[1] is not origin:
            assert self._assumptions is not None, "begin() first"
            known = (
                building,
                origin,
                building_facts(building, origin, self._assumptions),
            )
        self._used[key] = known
        return known[2]

    def end(self) -> None:
        """The phasing is done: keep what it used."""
        self._known, self._used = self._used, {}


#: How many buildings :func:`phasing` measures between two calls of its checkpoint.
CHECK_EVERY = 256


def phasing(
    project: Project,
    scenario_name: str,
    *,
    cache: FactsCache | None = None,
    checkpoint: Callable[[], None] | None = None,
) -> Phasing:
    """The phasing of one scenario (DESIGN §16), its figures and C12 findings.

    ``cache`` keeps the building facts for the next call (the same result,
    byte for byte); ``checkpoint`` is called every :data:`CHECK_EVERY`
    buildings measured and may raise to stop.

    Examples
    --------
    >>> from mixplan.model import Project
    >>> p = Project.new("p")
    >>> result = phasing(p, "Existing")
    >>> result.phased, len(result.phases)
    (False, 1)
    """
    if cache is None:
        cache = FactsCache()
    cache.begin(Assumptions.of(project.rulebook))
    scenario = project.scenario(scenario_name)
    baseline = project.baseline
    measured = 0

    def facts_of(building: Building, origin: Building | None) -> BuildingFacts:
        nonlocal measured
        measured += 1
        if checkpoint is not None and measured % CHECK_EVERY == 0:
            checkpoint()
        return cache.facts(building, origin)

    base_facts = {bid: facts_of(b, b) for bid, b in baseline.buildings.items()}
    facts = {}
    for bid, b in scenario.buildings.items():
        if scenario is baseline:
            facts[bid] = base_facts[bid]
            continue
        origin = baseline.buildings.get(b.origin) if b.origin else None
        facts[bid] = facts_of(b, origin)
    cache.end()
    return phasing_from_facts(project, scenario, facts, base_facts)


def phasing_from_facts(
    project: Project,
    scenario: Scenario,
    facts: Mapping[str, BuildingFacts],
    base_facts: Mapping[str, BuildingFacts],
) -> Phasing:
    """:func:`phasing` from facts already computed (the evaluator's).

    Parameters
    ----------
    project, scenario
        The project and one of its scenarios.
    facts, base_facts
        Building facts of the scenario and of the baseline, by building id.
    """
    rb = project.rulebook
    baseline = project.baseline
    is_baseline = scenario is baseline
    phased = not is_baseline and bool(project.phases) and is_phased(scenario)
    count = max(len(project.phases), 1) if phased else 1
    names = [p.name for p in project.phases] if phased else []
    base_m2 = sum(f.productive_grade_m2 for f in base_facts.values())
    retention = rb.number("C12", "min_phase_retention") * base_m2
    housing_limit = rb.number("C09", "min_productive_retention") * base_m2

    origins = {
        bid: _Origin(
            b, base_facts[bid].productive_grade_m2, _housing_m2(base_facts[bid])
        )
        for bid, b in baseline.buildings.items()
    }
    news: dict[str, _New] = {}
    for bid, b in scenario.buildings.items():
        f = facts[bid]
        origin = origins.get(b.origin or "") if not is_baseline else origins[bid]
        kept = is_baseline or (
            origin is not None
            and b.demolished_in is None
            and b.delivered_in is None
            and not is_altered(b, origin.building)
        )
        delivered = b.delivered_in if b.delivered_in is not None else count
        news[bid] = _New(
            b,
            f.productive_grade_m2,
            _housing_m2(f),
            delivered,
            kept,
            not kept and b.delivered_in is None and phased,
        )
        if origin is not None:
            origin.continuations.append(bid)
    demolitions = scenario.demolitions  # (a view made at each reading)
    for oid, o in origins.items():
        continuing = [news[c] for c in o.continuations]
        if not continuing:
            stated = demolitions.get(oid)
            o.fate, o.until = "removed", stated if stated is not None else 1
            o.assumed = phased and stated is None
        elif len(continuing) == 1 and continuing[0].kept:
            o.fate = "kept"
        else:
            demolished = [
                n.building.demolished_in
                for n in continuing
                if n.building.demolished_in is not None
            ]
            if demolished:
                o.fate, o.until = "rebuilt", min(demolished)
            else:
                o.fate, o.until = "changed", min(n.delivered for n in continuing)

    figures = []
    for p in range(1, count + 1):
        during = sum(
            o.grade for o in origins.values() if o.fate != "kept" and o.during(p)
        )
        end = sum(o.grade for o in origins.values() if o.fate != "kept" and o.at_end(p))
        during += sum(n.grade for n in news.values() if n.during(p))
        end += sum(n.grade for n in news.values() if n.at_end(p))
        housing = 0.0
        for n in news.values():
            if n.kept or n.delivered != p:
                continue
            origin = origins.get(n.building.origin or "")
            before = (
                origin.housing
                if origin is not None and origin.fate == "changed"
                else 0.0
            )
            housing += max(0.0, n.housing - before)
        figures.append(
            PhaseFigures(
                p, names[p - 1] if p <= len(names) else "", during, end, housing, ()
            )
        )

    result = Phasing(scenario.name, phased, figures, base_m2, retention, housing_limit)
    result.buildings = _timeline(origins, news)
    _place_firms(result, scenario, origins, news, count)
    if not is_baseline:
        result.findings = (
            _c12_findings(project, scenario, result, origins, news)
            if phased
            else [not_phased()]
        )
    return result


def _timeline(
    origins: dict[str, _Origin], news: dict[str, _New]
) -> list[PhasedBuilding]:
    out = []
    for bid, n in news.items():
        b = n.building
        origin = origins.get(b.origin or "")
        if n.kept:
            kind = "kept"
        elif origin is None:
            kind = "new"
        else:
            kind = "rebuilt" if b.demolished_in is not None else "changed"
        demolished = origin.until if kind == "rebuilt" and origin else None
        out.append(
            PhasedBuilding(
                bid,
                b.name,
                kind,
                b.origin,
                demolished,
                None if n.kept else n.delivered,
                n.assumed,
            )
        )
    for oid, o in origins.items():
        if o.fate == "removed":
            out.append(
                PhasedBuilding(
                    oid, o.building.name, "removed", oid, o.until, None, o.assumed
                )
            )
    return out


def _place_firms(
    result: Phasing,
    scenario: Scenario,
    origins: dict[str, _Origin],
    news: dict[str, _New],
    count: int,
) -> None:
    """Where each firm is in each phase, who is without premises, who moves."""
    hostings: dict[str, list[tuple[int, str]]] = {}
    for bid, n in news.items():
        for h in n.building.hosts:
            hostings.setdefault(h.name, []).append((h.from_phase, bid))
    without: dict[int, list[str]] = {p: [] for p in range(1, count + 1)}
    for oid, o in origins.items():
        for occupant in o.building.occupants:
            firm = occupant.name
            moves = sorted(hostings.get(firm, ()))
            where: list[str | None] = []
            previous: str | None = oid
            for p in range(1, count + 1):
                hosts = [bid for phase, bid in moves if phase <= p]
                if hosts:
                    place = hosts[-1]
                    usable = news[place].during(p) or _origin_during(
                        origins, news[place], p
                    )
                else:
                    place = o.continuations[0] if len(o.continuations) == 1 else oid
                    usable = o.during(p) or any(
                        news[c].during(p) for c in o.continuations
                    )
                if hosts and place != previous:
                    result.moves.append(FirmMove(firm, p, previous, place))
                previous = place
                where.append(place if usable else None)
                if not usable:
                    without[p].append(firm)
            result.locations[firm] = where
    result.phases = [
        PhaseFigures(
            f.phase,
            f.name,
            f.productive_in_use_during_m2,
            f.productive_in_use_end_m2,
            f.housing_delivered_m2,
            tuple(sorted(without[f.phase])),
        )
        for f in result.phases
    ]


def _origin_during(origins: dict[str, _Origin], n: _New, p: int) -> bool:
    origin = origins.get(n.building.origin or "")
    return origin is not None and origin.fate != "removed" and origin.during(p)


def _phase_data(scenario: Scenario) -> tuple[Any, ...]:
    return tuple(
        (b.id, b.origin, b.demolished_in, b.delivered_in, b.hosts, b.occupants)
        for b in scenario.buildings.values()
        if b.demolished_in is not None
        or b.delivered_in is not None
        or b.hosts
        or b.occupants
    )


def phasing_token(project: Project, scenario: Scenario) -> tuple[Any, ...]:
    """What C12 depends on beyond the building facts (empty without phases).

    The evaluator keeps a scenario's findings while this stays equal.
    """
    if not project.phases:
        return ()
    return (
        tuple(project.phases),
        tuple(scenario.demolitions.items()),
        _phase_data(scenario),
        _phase_data(project.baseline),
    )


def not_phased() -> Finding:
    """The C12 info of a scenario without phase data."""
    return make_finding(
        "C12",
        "info",
        "Not phased: the scenario is assessed as one phase; give demolitions and "
        "deliveries their phases to check that productive floor area and firms are "
        "kept through the works",
        "Non phasé : le scénario est évalué en une seule phase ; donner leurs phases "
        "aux démolitions et livraisons pour vérifier le maintien des surfaces "
        "productives et des entreprises pendant les travaux",
        SOURCE,
        None,
        None,
        ["site"],
    )


def _c12_findings(
    project: Project,
    scenario: Scenario,
    result: Phasing,
    origins: dict[str, _Origin],
    news: dict[str, _New],
) -> list[Finding]:
    out = [
        make_finding("C12", "error", english, french, SOURCE, None, None, ["site"])
        for english, french in phasing_problems_worded(project, scenario.name)
    ]
    share = project.rulebook.number("C12", "min_phase_retention")
    for f in result.phases:
        during = f.productive_in_use_during_m2
        if during < result.retention_limit_m2 - TOLERANCE_M2:
            gone = sorted(
                oid
                for oid, o in origins.items()
                if o.fate != "kept" and not o.during(f.phase) and o.grade > 0
            )
            out.append(
                make_finding(
                    "C12",
                    "error",
                    f"Phase {f.phase}: productive floor area in use during the works "
                    f"falls to {m2(during)}, below {share:.0%} of the existing "
                    f"{m2(result.baseline_productive_m2)}",
                    f"Phase {f.phase} : la surface productive en service pendant les "
                    f"travaux tombe à {m2_fr(during)}, sous {share:.0%} des "
                    f"{m2_fr(result.baseline_productive_m2)} existants",
                    SOURCE,
                    during,
                    result.retention_limit_m2,
                    gone or ["site"],
                )
            )
        if (
            f.housing_delivered_m2 > 0
            and f.productive_in_use_end_m2 < result.housing_limit_m2 - TOLERANCE_M2
        ):
            homes = sorted(
                bid
                for bid, n in news.items()
                if not n.kept and n.delivered == f.phase and n.housing > 0
            )
            out.append(
                make_finding(
                    "C12",
                    "error",
                    f"Phase {f.phase}: {m2(f.housing_delivered_m2)} of housing "
                    "delivered while productive floor area at the end of the phase is "
                    f"{m2(f.productive_in_use_end_m2)}, below the "
                    f"{m2(result.housing_limit_m2)} to keep: deliver the productive "
                    "floor area first",
                    f"Phase {f.phase} : {m2_fr(f.housing_delivered_m2)} de logements "
                    f"livrés alors que la surface productive en fin de phase est de "
                    f"{m2_fr(f.productive_in_use_end_m2)}, sous les "
                    f"{m2_fr(result.housing_limit_m2)} à maintenir : livrer "
                    "d'abord les locaux productifs",
                    SOURCE,
                    f.productive_in_use_end_m2,
                    result.housing_limit_m2,
                    homes or ["site"],
                )
            )
    homes_of = {
        o.name: oid
        for oid, origin in origins.items()
        for o in origin.building.occupants
    }
    for firm, where in result.locations.items():
        missing = [p for p, place in enumerate(where, 1) if place is None]
        if missing:
            phases = ", ".join(map(str, missing))
            out.append(
                make_finding(
                    "C12",
                    "error",
                    f"Firm {firm!r} has no premises in phase {phases}: its "
                    "building is demolished and no building usable then hosts it",
                    f"L'entreprise « {firm} » n'a pas de locaux en phase {phases} : "
                    "son bâtiment est démoli et aucun bâtiment utilisable ne "
                    "l'accueille",
                    SOURCE,
                    float(len(missing)),
                    0.0,
                    [homes_of[firm]],
                )
            )
    out.extend(_capacity_findings(result, origins, news))
    if not out and result.phases:
        low = min(result.phases, key=lambda f: f.productive_in_use_during_m2)
        during = low.productive_in_use_during_m2
        share_now = (
            during / result.baseline_productive_m2
            if result.baseline_productive_m2
            else 1.0
        )
        firms = len(result.locations)
        count = len(result.phases)
        plural = "s" if count > 1 else ""
        out.append(
            make_finding(
                "C12",
                "info",
                f"Phased in {count} phase{plural}: productive floor area in use "
                f"never below {m2(during)} ({share_now:.0%} of the existing, phase "
                f"{low.phase}); homes after the productive capacity; "
                f"{firms} firm(s) housed throughout",
                f"Phasé en {count} phase{plural} : surface productive en service "
                f"jamais sous {m2_fr(during)} ({fr(share_now, '.0%')} de "
                f"l'existant, phase {low.phase}) ; logements après la capacité "
                f"productive ; {firms} entreprise(s) logée(s) tout du long",
                SOURCE,
                during,
                result.retention_limit_m2,
                ["site"],
            )
        )
    guessed = sorted((b for b in result.buildings if b.assumed), key=lambda b: b.id)
    assumed = [b.id for b in guessed]
    if assumed:
        named_en = ", ".join(building_reference(b.id, b.name) for b in guessed[:8])
        named_fr = ", ".join(
            building_reference(b.id, b.name, "fr") for b in guessed[:8]
        )
        out.append(
            make_finding(
                "C12",
                "info",
                f"Phases assumed for {len(assumed)} building(s) (removed without a "
                "demolition phase: phase 1; new or changed without a delivery phase: "
                "the last phase): " + named_en,
                f"Phases supposées pour {len(assumed)} bâtiment(s) (démoli sans "
                "phase : phase 1 ; neuf ou transformé sans phase de livraison : "
                "dernière phase) : " + named_fr,
                SOURCE,
                float(len(assumed)),
                None,
                assumed,
            )
        )
    return out


def _capacity_findings(
    result: Phasing, origins: dict[str, _Origin], news: dict[str, _New]
) -> list[Finding]:
    """Hosted firms fit their building's productive-grade floor area."""
    sizes = {
        o.name: o.m2 for origin in origins.values() for o in origin.building.occupants
    }
    hosted = {h.name for n in news.values() for h in n.building.hosts}
    out = []
    for bid, n in news.items():
        if not n.building.hosts:
            continue
        worst: tuple[float, int, list[str]] | None = None
        for p in range(1, len(result.phases) + 1):
            firms = [f for f, where in result.locations.items() if where[p - 1] == bid]
            if not any(f in hosted for f in firms):
                continue
            need = sum(sizes[f] for f in firms)
            origin = origins.get(n.building.origin or "")
            offer = n.grade if n.during(p) else (origin.grade if origin else 0.0)
            if need > offer + TOLERANCE_M2 and (
                worst is None or need - offer > worst[0]
            ):
                worst = (need - offer, p, firms)
        if worst is None:
            continue
        _, p, firms = worst
        need = sum(sizes[f] for f in firms)
        offer = need - worst[0]
        listed = ", ".join(firms)
        out.append(
            make_finding(
                "C12",
                "error",
                f"Building {building_reference(bid, n.building.name)} hosts firms "
                f"of {m2(need)} in phase {p} ({listed}) but offers {m2(offer)} of "
                "productive-grade floor area",
                f"Le bâtiment {building_reference(bid, n.building.name, 'fr')} "
                f"accueille {m2_fr(need)} d'entreprises en phase {p} "
                f"({listed}) pour {m2_fr(offer)} de surface productive conforme",
                SOURCE,
                need,
                offer,
                [bid],
            )
        )
    return out
