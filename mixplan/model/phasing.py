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


def _phase_numbers(scenario: Scenario) -> Iterable[tuple[str, str, int]]:
    """``(what, attribute, phase)`` for every phase number the scenario uses."""
    for bid, phase in scenario.demolitions.items():
        yield f"removed building {bid}", "demolished_in", phase
    for b in scenario.buildings.values():
        if b.demolished_in is not None:
            yield f"building {b.id}", "demolished_in", b.demolished_in
        if b.delivered_in is not None:
            yield f"building {b.id}", "delivered_in", b.delivered_in
        for h in b.hosts:
            yield f"building {b.id}", f"hosts {h.name!r} from_phase", h.from_phase


def _overlap(a: Building, b: Building) -> float:
    if not a.footprint.intersects(b.footprint):
        return 0.0
    return float(a.footprint.intersection(b.footprint).area)


def _scenario_problems(project: Project, scenario: Scenario) -> list[str]:
    count = len(project.phases)
    baseline = project.baseline.buildings
    where = f"scenario {scenario.name!r}"
    out: list[str] = []
    for what, attribute, phase in _phase_numbers(scenario):
        if phase > count:
            beyond = (
                "the project has no phases"
                if count == 0
                else f"the project has {count} phase{'s' if count > 1 else ''}"
            )
            out.append(f"{where}: {what}: {attribute} {phase} is beyond {beyond}")
    continued = {b.origin for b in scenario.buildings.values()}
    for bid in scenario.demolitions:
        if bid not in baseline:
            out.append(f"{where}: removed building {bid} is not a baseline building")
        elif bid in continued:
            out.append(
                f"{where}: building {bid} is not removed (a building continues it)"
            )
    occupants = {o.name for b in baseline.values() for o in b.occupants}
    hosted: dict[tuple[str, int], str] = {}
    for b in scenario.buildings.values():
        origin = baseline.get(b.origin) if b.origin is not None else None
        if b.demolished_in is not None and origin is None:
            out.append(
                f"{where}: building {b.id} is new: it has no origin to demolish "
                "(demolished_in)"
            )
        if (
            origin is not None
            and b.demolished_in is not None
            and b.delivered_in is not None
            and b.delivered_in < b.demolished_in
            and _overlap(b, origin) > OVERLAP_M2
        ):
            out.append(
                f"{where}: building {b.id} is delivered in phase {b.delivered_in}, "
                f"before its origin {origin.id} is demolished (phase "
                f"{b.demolished_in}) on the same footprint"
            )
        if origin is None and b.delivered_in is not None:
            for rid, phase in scenario.demolitions.items():
                removed = baseline.get(rid)
                if (
                    removed is not None
                    and b.delivered_in < phase
                    and _overlap(b, removed) > OVERLAP_M2
                ):
                    out.append(
                        f"{where}: building {b.id} is delivered in phase "
                        f"{b.delivered_in}, before building {rid} on its footprint "
                        f"is demolished (phase {phase})"
                    )
        for h in b.hosts:
            if h.name not in occupants:
                out.append(
                    f"{where}: building {b.id} hosts {h.name!r}, who is no occupant "
                    "of the existing buildings"
                )
            key = (h.name, h.from_phase)
            if key in hosted:
                out.append(
                    f"{where}: firm {h.name!r} is hosted twice in phase "
                    f"{h.from_phase} (buildings {hosted[key]} and {b.id})"
                )
            else:
                hosted[key] = b.id
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
    if not project.scenarios:
        return []
    base = project.baseline
    out: list[str] = []
    homes: dict[str, str] = {}
    for b in base.buildings.values():
        if b.demolished_in is not None or b.delivered_in is not None or b.hosts:
            out.append(
                f"baseline building {b.id}: the existing state has no phases "
                "(demolished_in, delivered_in and hosts belong to scenarios)"
            )
        for o in b.occupants:
            if o.name in homes:
                out.append(
                    f"firm {o.name!r} is an occupant of two buildings "
                    f"({homes[o.name]} and {b.id})"
                )
            else:
                homes[o.name] = b.id
    if base.demolitions:
        out.append("the baseline removes no building (demolitions)")
    for s in project.scenarios[1:]:
        if scenario is None or s.name == scenario:
            out.extend(_scenario_problems(project, s))
    return out
