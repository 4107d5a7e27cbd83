"""Suggest a phasing for a scenario (DESIGN §16): tiroirs first, fewest phases.

The method is greedy, phase after phase, and says so in its explanation:

1. A phase demolishes every pending building it can: the productive floor area in
   use during the works stays at or above ``C12.min_phase_retention`` × the
   existing, and each firm of a demolished building finds room in a building
   usable during that phase (a new productive building delivered earlier — a
   *tiroir* — first, else spare room in a kept building). Buildings that block a
   pending delivery (it stands on their footprint) go first, then the largest.
2. It then delivers every pending building whose ground is free by then (a
   building on a footprint demolished in the same phase may follow in that
   phase); housing only when the productive floor area at the end of the phase is
   at or above the C09 limit (London Plan 2021, policy E7 D).
3. New productive buildings on free ground are delivered in phase 1: they are the
   tiroirs the firms move into.

Each displaced firm moves once (into the building that takes it when its own is
demolished). Doing as much as possible in every phase gives few phases; it is not
proven minimal. The result is checked by :func:`~mixplan.engine.phasing.phasing`
once applied; a suggestion that cannot satisfy C12 says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mixplan.engine.context import m2, m2_fr
from mixplan.engine.facts import Assumptions, building_facts, is_altered
from mixplan.model.naming import building_reference
from mixplan.model.phasing import OVERLAP_M2, Hosting, Occupant, Phase
from mixplan.model.phasing_commands import ApplyPhasing, BuildingPhases
from mixplan.model.project import Building, Project, Scenario
from mixplan.model.uses import USES, Family

__all__ = ["PhasingSuggestion", "suggest_phasing"]

_HOUSING = frozenset(c for c, u in USES.items() if u.family is Family.HOUSING)


@dataclass
class PhasingSuggestion:
    """A phasing for one scenario, ready to apply as one undo step."""

    scenario: str
    feasible: bool
    phases: list[Phase]
    buildings: dict[str, BuildingPhases]
    demolitions: dict[str, int]
    explanation: list[str] = field(default_factory=list)
    explanation_fr: list[str] = field(default_factory=list)

    @property
    def phase_count(self) -> int:
        """How many phases the scenario uses."""
        used = [b.delivered_in or 0 for b in self.buildings.values()]
        used += [b.demolished_in or 0 for b in self.buildings.values()]
        used += list(self.demolitions.values())
        return max(used, default=0)

    @property
    def moves(self) -> int:
        """How many firm moves the phasing makes."""
        return sum(len(b.hosts) for b in self.buildings.values())

    def command(self) -> ApplyPhasing:
        """The edit that gives the scenario this phasing (one undo step)."""
        return ApplyPhasing(
            self.scenario, self.phases, self.buildings, self.demolitions
        )

    def to_json(self) -> dict[str, object]:
        """The suggestion as ``mixplan phasing --suggest --json`` reports it."""
        return {
            "scenario": self.scenario,
            "feasible": self.feasible,
            "method": "greedy",
            "phases": self.phase_count,
            "moves": self.moves,
            "explanation": self.explanation,
            "explanation_fr": self.explanation_fr,
        }


@dataclass
class _Site:
    """Working state of the greedy planner."""

    grade: dict[str, float]  # scenario building id -> productive-grade SDP
    housing: dict[str, float]
    base_grade: dict[str, float]  # baseline id -> productive-grade SDP
    demolished: dict[str, int] = field(default_factory=dict)  # baseline id -> phase
    delivered: dict[str, int] = field(default_factory=dict)  # scenario id -> phase
    room: dict[str, float] = field(default_factory=dict)  # spare m² per host


def _overlaps(a: Building, b: Building) -> bool:
    return (
        a.footprint.intersects(b.footprint)
        and a.footprint.intersection(b.footprint).area > OVERLAP_M2
    )


def suggest_phasing(project: Project, scenario_name: str) -> PhasingSuggestion:
    """A phasing of a scenario that keeps C12 true, if the greedy method finds one.

    Parameters
    ----------
    project
        The project (not changed: apply :meth:`PhasingSuggestion.command`).
    scenario_name
        A scenario other than the baseline.

    Returns
    -------
    PhasingSuggestion
        Phases, building phases, demolitions and firm moves, with an
        explanation in English and French.

    Examples
    --------
    >>> from mixplan.model import Project
    >>> from mixplan.model.commands import AddScenario
    >>> p = Project.new("p"); _ = AddScenario("S").apply(p)
    >>> suggest_phasing(p, "S").phase_count
    0
    """
    a = Assumptions.of(project.rulebook)
    rb = project.rulebook
    baseline = project.baseline
    scenario = project.scenario(scenario_name)
    base = baseline.buildings
    base_facts = {bid: building_facts(b, b, a) for bid, b in base.items()}
    facts = {
        bid: building_facts(b, base.get(b.origin) if b.origin else None, a)
        for bid, b in scenario.buildings.items()
    }
    site = _Site(
        {bid: f.productive_grade_m2 for bid, f in facts.items()},
        {
            bid: sum(v for u, v in f.sdp_by_use.items() if u in _HOUSING)
            for bid, f in facts.items()
        },
        {bid: f.productive_grade_m2 for bid, f in base_facts.items()},
    )
    continued = {b.origin for b in scenario.buildings.values() if b.origin in base}
    kept, in_place, rebuilt, new = [], [], [], []
    for bid, b in scenario.buildings.items():
        origin = base.get(b.origin) if b.origin else None
        if origin is None:
            new.append(bid)
        elif not is_altered(b, origin):
            kept.append(bid)
        elif b.footprint.symmetric_difference(origin.footprint).area <= OVERLAP_M2:
            in_place.append(bid)
        else:
            rebuilt.append(bid)
    removed = [bid for bid in base if bid not in continued]
    to_demolish = removed + [scenario.buildings[r].origin or "" for r in rebuilt]
    to_deliver = in_place + rebuilt + new
    # A delivery waits for the demolition of what stands on its footprint.
    blockers = {
        d: [
            o
            for o in to_demolish
            if _overlaps(scenario.buildings[d], base[o])
            and not (d in rebuilt and scenario.buildings[d].origin == o)
        ]
        for d in to_deliver
    }
    own_origin = {
        d: scenario.buildings[d].origin for d in rebuilt
    }  # rebuilt: demolished first
    firms_of = {bid: list(b.occupants) for bid, b in base.items()}
    for bid in kept:
        home = scenario.buildings[bid].origin or ""
        site.room[bid] = site.grade[bid] - sum(o.m2 for o in firms_of.get(home, []))
    base_m2 = sum(site.base_grade.values())
    limit_during = rb.number("C12", "min_phase_retention") * base_m2
    limit_homes = rb.number("C09", "min_productive_retention") * base_m2
    hosts: dict[str, list[Hosting]] = {}
    # What is demolished is a building of the existing state; what is delivered
    # or hosts a firm, one of the scenario.
    demolished_names = {bid: b.name for bid, b in base.items()}
    scenario_names = {bid: b.name for bid, b in scenario.buildings.items()}

    def demolished_ref(bid: str, lang: str = "en") -> str:
        return building_reference(bid, demolished_names.get(bid, ""), lang)

    def scenario_ref(bid: str, lang: str = "en") -> str:
        return building_reference(bid, scenario_names.get(bid, ""), lang)

    en: list[str] = []
    fr: list[str] = []
    feasible = True
    pending_demo = set(to_demolish)
    pending_deliv = set(to_deliver)
    max_phases = len(to_demolish) + len(to_deliver) + 2
    phase = 0
    while (pending_demo or pending_deliv) and phase < max_phases:
        phase += 1
        done_en: list[str] = []
        done_fr: list[str] = []

        def in_use_during(p: int) -> float:
            replaced = _replaced_in_place(scenario, in_place, site, p)
            existing = sum(
                g
                for o, g in site.base_grade.items()
                if site.demolished.get(o, p + 1) > p and o not in replaced
            )
            return existing + sum(
                site.grade[d]
                for d, v in site.delivered.items()
                if v < p and d not in kept
            )

        # 1. demolitions
        order = sorted(
            pending_demo,
            key=lambda o: (
                -sum(o in blockers[d] or own_origin.get(d) == o for d in pending_deliv),
                -site.base_grade[o],
                o,
            ),
        )
        for o in order:
            during = in_use_during(phase)
            if during - site.base_grade[o] < limit_during - 1e-6:
                continue
            placed = _place(firms_of.get(o, []), site, kept, phase)
            if placed is None:
                continue
            site.demolished[o] = phase
            pending_demo.discard(o)
            for firm, host in placed:
                hosts.setdefault(host, []).append(Hosting(firm, phase))
            moved = ", ".join(f"{f} → {scenario_ref(h)}" for f, h in placed)
            moved_fr = ", ".join(f"{f} → {scenario_ref(h, 'fr')}" for f, h in placed)
            done_en.append(
                f"demolish {demolished_ref(o)}" + (f" ({moved})" if moved else "")
            )
            done_fr.append(
                f"démolir {demolished_ref(o, 'fr')}"
                + (f" ({moved_fr})" if moved_fr else "")
            )
        # 2. deliveries
        end_productive = _end_productive(site, kept, in_place, scenario, phase)
        for d in sorted(
            pending_deliv, key=lambda d: (site.housing[d] > 0, -site.grade[d], d)
        ):
            if any(site.demolished.get(o, phase + 1) > phase for o in blockers[d]):
                continue
            first = own_origin.get(d)
            if first and site.demolished.get(first, phase + 1) > phase:
                continue
            after = end_productive + _gain(d, site, in_place, scenario)
            if site.housing[d] > 0 and after < limit_homes - 1e-6:
                continue
            site.delivered[d] = phase
            pending_deliv.discard(d)
            end_productive = after
            kind = "housing" if site.housing[d] > 0 else "productive"
            if d in new and site.grade[d] > 0:
                site.room[d] = site.grade[d]
            if (
                d in new
                and site.grade[d] > 0
                and not blockers[d]
                and not site.housing[d]
            ):
                done_en.append(
                    f"deliver {scenario_ref(d)} (tiroir, {m2(site.grade[d])})"
                )
                done_fr.append(
                    f"livrer {scenario_ref(d, 'fr')} (tiroir, {m2_fr(site.grade[d])})"
                )
            else:
                done_en.append(f"deliver {scenario_ref(d)} ({kind})")
                done_fr.append(
                    f"livrer {scenario_ref(d, 'fr')} "
                    f"({'logement' if kind == 'housing' else 'productif'})"
                )
        if not done_en:
            feasible = False
            phase -= 1
            break
        en.append(f"Phase {phase}: " + "; ".join(done_en))
        fr.append(f"Phase {phase} : " + "; ".join(done_fr))
    if pending_demo or pending_deliv:
        feasible = False
        stuck = sorted(pending_demo | pending_deliv)
        en.append(
            "No phasing keeps C12 true for: "
            + ", ".join(stuck)
            + " (retention during the works, room for their firms, or homes before "
            "the productive capacity); they are put in a last phase"
        )
        fr.append(
            "Aucun phasage ne respecte C12 pour : "
            + ", ".join(stuck)
            + " (maintien pendant les travaux, place pour leurs entreprises ou "
            "logements avant la capacité productive) ; placés en dernière phase"
        )
        phase += 1
        for o in pending_demo:
            site.demolished[o] = phase
        for d in pending_deliv:
            site.delivered[d] = phase
    en.insert(
        0,
        f"Greedy phasing in {phase} phase(s): each phase demolishes what keeps "
        f"{m2(limit_during)} of productive floor area in use and room for the "
        "firms, then delivers what its ground allows; new productive buildings come "
        "first as tiroirs, homes once the productive capacity is back "
        f"({m2(limit_homes)}). Few phases, not proven the fewest.",
    )
    fr.insert(
        0,
        f"Phasage glouton en {phase} phase(s) : chaque phase démolit ce qui laisse "
        f"{m2_fr(limit_during)} de surface productive en service et de la place "
        "pour les entreprises, puis livre ce que son terrain permet ; les locaux "
        "productifs neufs d'abord, en tiroirs, les logements une fois la capacité "
        f"productive rétablie ({m2_fr(limit_homes)}). Peu de phases, sans preuve "
        "que ce soit le minimum.",
    )
    return _suggestion(
        project, scenario_name, phase, site, hosts, rebuilt, removed, feasible, en, fr
    )


def _replaced_in_place(
    scenario: Scenario, in_place: list[str], site: _Site, p: int
) -> set[str]:
    """Origins of in-place changes delivered before ``p`` (their new version counts)."""
    buildings = scenario.buildings
    return {
        buildings[d].origin or ""
        for d in in_place
        if d in site.delivered and site.delivered[d] < p
    }


def _gain(d: str, site: _Site, in_place: list[str], scenario: Scenario) -> float:
    """Productive floor area the delivery of ``d`` adds at the end of its phase."""
    if d in in_place:
        buildings = scenario.buildings
        return site.grade[d] - site.base_grade.get(buildings[d].origin or "", 0.0)
    return site.grade[d]


def _end_productive(
    site: _Site, kept: list[str], in_place: list[str], scenario: Scenario, p: int
) -> float:
    """Productive floor area at the end of ``p`` with what is decided so far."""
    buildings = scenario.buildings
    replaced = {
        buildings[d].origin or ""
        for d in in_place
        if d in site.delivered and site.delivered[d] <= p
    }
    existing = sum(
        g
        for o, g in site.base_grade.items()
        if site.demolished.get(o, p + 1) > p and o not in replaced
    )
    return existing + sum(
        site.grade[d] for d, v in site.delivered.items() if v <= p and d not in kept
    )


def _place(
    firms: list[Occupant], site: _Site, kept: list[str], p: int
) -> list[tuple[str, str]] | None:
    """Room for the firms of a demolished building, largest firm first, or None."""
    usable = [h for h in site.room if h in kept or site.delivered.get(h, p) < p]
    room = {h: site.room[h] for h in usable}
    placed = []
    for firm in sorted(firms, key=lambda f: (-f.m2, f.name)):
        tiroirs = sorted(room, key=lambda h: (h in kept, -room[h], h))
        host = next((h for h in tiroirs if room[h] + 1e-6 >= firm.m2), None)
        if host is None:
            return None
        room[host] -= firm.m2
        placed.append((firm.name, host))
    site.room.update(room)
    return placed


def _suggestion(
    project: Project,
    scenario_name: str,
    count: int,
    site: _Site,
    hosts: dict[str, list[Hosting]],
    rebuilt: list[str],
    removed: list[str],
    feasible: bool,
    en: list[str],
    fr: list[str],
) -> PhasingSuggestion:
    scenario = project.scenario(scenario_name)
    phases = list(project.phases)
    while len(phases) < count:
        phases.append(Phase(f"Phase {len(phases) + 1}"))
    buildings: dict[str, BuildingPhases] = {}
    for bid, b in scenario.buildings.items():
        delivered = site.delivered.get(bid)
        demolished = site.demolished.get(b.origin or "") if bid in rebuilt else None
        if delivered is None and demolished is None and bid not in hosts:
            continue
        buildings[bid] = BuildingPhases(
            demolished, delivered, tuple(hosts.get(bid, ()))
        )
    demolitions = {o: site.demolished[o] for o in removed if o in site.demolished}
    return PhasingSuggestion(
        scenario_name, feasible, phases, buildings, demolitions, en, fr
    )
