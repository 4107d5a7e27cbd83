"""Phases of the works and the firms that live through them (DESIGN §16).

A project has numbered phases (1, 2, …), each with an optional name and dates. In
a scenario, a building records the phase in which its origin is demolished
(``demolished_in``, a rebuild) and the phase in which it is delivered
(``delivered_in``); a baseline building the scenario removes has its demolition
phase in the scenario's ``demolitions``. The firms are the ``occupants`` of the
baseline buildings; a scenario building ``hosts`` firms from a phase on.

:func:`phasing_problems` lists what makes the phase data of a project
inconsistent, one line each naming the building or firm; the edit commands refuse
to add a problem and the importers refuse a file that has one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mixplan.model.errors import ModelError
from mixplan.model.naming import building_reference

if TYPE_CHECKING:
    from mixplan.model.project import Building, Project, Scenario

__all__ = [
    "OVERLAP_M2",
    "Hosting",
    "Occupant",
    "Phase",
    "check_phase_number",
    "is_phased",
    "phasing_problems",
    "phasing_problems_worded",
]

#: Two footprints overlapping by more than this stand "on the same footprint"
#: (the tolerance of C22).
OVERLAP_M2 = 1.0


def check_phase_number(value: object, what: str) -> int:
    """``value`` as a phase number (a whole number ≥ 1), else a :class:`ModelError`.

    Examples
    --------
    >>> check_phase_number(2, "delivered_in")
    2
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ModelError(f"{what} must be a phase number from 1, not {value!r}")
    return value


def _iso_date(value: str | None, what: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ModelError(f"{what} must be a date YYYY-MM-DD, not {value!r}")
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ModelError(f"{what} must be a date YYYY-MM-DD, not {value!r}") from None


@dataclass(frozen=True, slots=True)
class Phase:
    """One phase of the works; its number is its position in the project, from 1.

    Examples
    --------
    >>> Phase("Hôtel d'activités", "2027-01-01", "2028-06-30").end
    '2028-06-30'
    """

    name: str = ""
    start: str | None = None
    end: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str):
            raise ModelError("a phase name must be text")
        object.__setattr__(self, "start", _iso_date(self.start, "phase start"))
        object.__setattr__(self, "end", _iso_date(self.end, "phase end"))
        if self.start and self.end and self.end < self.start:
            raise ModelError(
                f"phase {self.name!r} ends ({self.end}) before it starts ({self.start})"
            )


@dataclass(frozen=True, slots=True)
class Occupant:
    """A firm in a baseline building: its name, floor area (m²) and jobs.

    Examples
    --------
    >>> Occupant("Menuiserie Martin", 400, 6).m2
    400.0
    """

    name: str
    m2: float
    jobs: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ModelError("a firm needs a name")
        for what in ("m2", "jobs"):
            value = getattr(self, what)
            if value is None and what == "jobs":
                continue
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
                or value < 0
            ):
                raise ModelError(
                    f"firm {self.name}: {what} must be a number ≥ 0, not {value!r}"
                )
            object.__setattr__(self, what, float(value))


@dataclass(frozen=True, slots=True)
class Hosting:
    """A scenario building houses the firm ``name`` from phase ``from_phase`` on.

    Examples
    --------
    >>> Hosting("Menuiserie Martin", 2).from_phase
    2
    """

    name: str
    from_phase: int

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ModelError("a hosted firm needs a name")
        check_phase_number(self.from_phase, f"firm {self.name}: from_phase")


def is_phased(scenario: Scenario) -> bool:
    """Whether a scenario carries any phase data (else it is one phase).

    Examples
    --------
    >>> from mixplan.model.project import Scenario
    >>> is_phased(Scenario("S"))
    False
    """
    if scenario.demolitions:
        return True
    return any(
        b.demolished_in is not None or b.delivered_in is not None or b.hosts
        for b in scenario.buildings.values()
    )


def _phase_numbers(
    scenario: Scenario, baseline: dict[str, Building]
) -> Iterable[tuple[str, str, str, int]]:
    """``(what, in French, attribute, phase)`` of every phase number used."""
    for bid, phase in scenario.demolitions.items():
        removed = baseline.get(bid)
        name = removed.name if removed is not None else ""
        yield (
            f"removed building {building_reference(bid, name)}",
            f"bâtiment retiré {building_reference(bid, name, 'fr')}",
            "demolished_in",
            phase,
        )
    for b in scenario.buildings.values():
        if b.demolished_in is None and b.delivered_in is None and not b.hosts:
            continue  # nothing to check, nor to name (10,000 buildings)
        what = f"building {building_reference(b.id, b.name)}"
        quoi = f"bâtiment {building_reference(b.id, b.name, 'fr')}"
        if b.demolished_in is not None:
            yield what, quoi, "demolished_in", b.demolished_in
        if b.delivered_in is not None:
            yield what, quoi, "delivered_in", b.delivered_in
        for h in b.hosts:
            yield what, quoi, f"hosts {h.name!r} from_phase", h.from_phase


def _overlap(a: Building, b: Building) -> float:
    if not a.footprint.intersects(b.footprint):
        return 0.0
    return float(a.footprint.intersection(b.footprint).area)


#: A problem in English and in French.
Worded = tuple[str, str]


def _fr_quote(text: str) -> str:
    return f"«\u202f{text}\u202f»"


def _scenario_problems(project: Project, scenario: Scenario) -> list[Worded]:
    count = len(project.phases)
    baseline = project.baseline.buildings

    def named(b: Building) -> tuple[str, str]:
        return building_reference(b.id, b.name), building_reference(b.id, b.name, "fr")

    where = f"scenario {scenario.name!r}: "
    ou = f"Scénario {_fr_quote(scenario.name)} : "
    out: list[Worded] = []
    for what, quoi, attribute, phase in _phase_numbers(scenario, baseline):
        if phase > count:
            beyond = (
                "the project has no phases"
                if count == 0
                else f"the project has {count} phase{'s' if count > 1 else ''}"
            )
            au_dela = (
                "le projet n'a pas de phases"
                if count == 0
                else f"le projet a {count} phase{'s' if count > 1 else ''}"
            )
            out.append(
                (
                    f"{where}{what}: {attribute} {phase} is beyond {beyond}",
                    f"{ou}{quoi} : {attribute} {phase} est au-delà des phases "
                    f"({au_dela})",
                )
            )
    continued = {b.origin for b in scenario.buildings.values()}
    for bid in scenario.demolitions:
        if bid not in baseline:
            out.append(
                (
                    f"{where}removed building {bid} is not a baseline building",
                    f"{ou}le bâtiment retiré {bid} n'est pas un bâtiment de l'existant",
                )
            )
        elif bid in continued:
            en, fr = named(baseline[bid])
            out.append(
                (
                    f"{where}building {en} is not removed (a building continues it)",
                    f"{ou}le bâtiment {fr} n'est pas retiré (un bâtiment le prolonge)",
                )
            )
    occupants = {o.name for b in baseline.values() for o in b.occupants}
    hosted: dict[tuple[str, int], Building] = {}
    for b in scenario.buildings.values():
        if b.demolished_in is None and b.delivered_in is None and not b.hosts:
            continue  # nothing to check, nor to name (10,000 buildings)
        en, fr = named(b)
        origin = baseline.get(b.origin) if b.origin is not None else None
        if b.demolished_in is not None and origin is None:
            out.append(
                (
                    f"{where}building {en} is new: it has no origin to demolish "
                    "(demolished_in)",
                    f"{ou}le bâtiment {fr} est neuf : il n'a pas d'origine à "
                    "démolir (demolished_in)",
                )
            )
        if (
            origin is not None
            and b.demolished_in is not None
            and b.delivered_in is not None
            and b.delivered_in < b.demolished_in
            and _overlap(b, origin) > OVERLAP_M2
        ):
            origin_en, origin_fr = named(origin)
            out.append(
                (
                    f"{where}building {en} is delivered in phase {b.delivered_in}, "
                    f"before its origin {origin_en} is demolished (phase "
                    f"{b.demolished_in}) on the same footprint",
                    f"{ou}le bâtiment {fr} est livré en phase {b.delivered_in}, "
                    f"avant la démolition de son origine {origin_fr} (phase "
                    f"{b.demolished_in}) sur la même emprise",
                )
            )
        if origin is None and b.delivered_in is not None:
            for rid, phase in scenario.demolitions.items():
                removed = baseline.get(rid)
                if (
                    removed is not None
                    and b.delivered_in < phase
                    and _overlap(b, removed) > OVERLAP_M2
                ):
                    removed_en, removed_fr = named(removed)
                    out.append(
                        (
                            f"{where}building {en} is delivered in phase "
                            f"{b.delivered_in}, before building {removed_en} on its "
                            f"footprint is demolished (phase {phase})",
                            f"{ou}le bâtiment {fr} est livré en phase "
                            f"{b.delivered_in}, avant la démolition du bâtiment "
                            f"{removed_fr} sur son emprise (phase {phase})",
                        )
                    )
        for h in b.hosts:
            if h.name not in occupants:
                out.append(
                    (
                        f"{where}building {en} hosts {h.name!r}, who is no occupant "
                        "of the existing buildings",
                        f"{ou}le bâtiment {fr} accueille {_fr_quote(h.name)}, qui "
                        "n'occupe aucun bâtiment existant",
                    )
                )
            key = (h.name, h.from_phase)
            first = hosted.get(key)
            if first is not None:
                first_en, first_fr = named(first)
                out.append(
                    (
                        f"{where}firm {h.name!r} is hosted twice in phase "
                        f"{h.from_phase} (buildings {first_en} and {en})",
                        f"{ou}l'entreprise {_fr_quote(h.name)} est accueillie deux "
                        f"fois en phase {h.from_phase} (bâtiments {first_fr} et "
                        f"{fr})",
                    )
                )
            else:
                hosted[key] = b
    return out


def phasing_problems(project: Project, scenario: str | None = None) -> list[str]:
    """What makes the phase data inconsistent: one line each, naming what.

    Parameters
    ----------
    project
        The project.
    scenario
        Only this scenario (and the baseline's firms); ``None`` for all.

    Returns
    -------
    list of str
        Empty when consistent: phase numbers within the project's phases, no
        building delivered before its origin is demolished on the same footprint,
        no firm hosted twice in one phase, hosts naming occupants, occupants named
        once, no phase data on the baseline.

    Examples
    --------
    >>> from mixplan.model.project import Project
    >>> phasing_problems(Project.new("p"))
    []
    """
    return [english for english, _ in phasing_problems_worded(project, scenario)]


def phasing_problems_worded(
    project: Project, scenario: str | None = None
) -> list[tuple[str, str]]:
    """:func:`phasing_problems` in English and in French, as pairs.

    Buildings are named as every message names them
    (:func:`~mixplan.model.naming.building_reference`).

    Examples
    --------
    >>> from mixplan.model.project import Project
    >>> phasing_problems_worded(Project.new("p"))
    []
    """
    if not project.scenarios:
        return []
    base = project.baseline
    out: list[Worded] = []
    homes: dict[str, Building] = {}
    for b in base.buildings.values():
        if (
            not (b.demolished_in is not None or b.delivered_in is not None or b.hosts)
            and not b.occupants
        ):
            continue  # nothing to check, nor to name (10,000 buildings)
        en = building_reference(b.id, b.name)
        fr = building_reference(b.id, b.name, "fr")
        if b.demolished_in is not None or b.delivered_in is not None or b.hosts:
            out.append(
                (
                    f"baseline building {en}: the existing state has no phases "
                    "(demolished_in, delivered_in and hosts belong to scenarios)",
                    f"Bâtiment de l'existant {fr} : l'existant n'a pas de phases "
                    "(demolished_in, delivered_in et hosts sont ceux des scénarios)",
                )
            )
        for o in b.occupants:
            home = homes.get(o.name)
            if home is not None:
                out.append(
                    (
                        f"firm {o.name!r} is an occupant of two buildings "
                        f"({building_reference(home.id, home.name)} and {en})",
                        f"L'entreprise {_fr_quote(o.name)} occupe deux bâtiments "
                        f"({building_reference(home.id, home.name, 'fr')} et {fr})",
                    )
                )
            else:
                homes[o.name] = b
    if base.demolitions:
        out.append(
            (
                "the baseline removes no building (demolitions)",
                "L'existant ne retire aucun bâtiment (demolitions)",
            )
        )
    for s in project.scenarios[1:]:
        if scenario is None or s.name == scenario:
            out.extend(_scenario_problems(project, s))
    return out
