"""Suggest a scenario: the most housing a site can take while every rule holds (§15).

``suggest(project, source, name)`` lists the options of every building and cover
of ``source`` (:mod:`mixplan.engine.suggest_options`), solves the mixed-integer
programme (:mod:`mixplan.engine.suggest_milp`), and returns a
:class:`Suggestion`: the edit command that writes the new scenario (one undo
step), the objective's value, the status and gap, what binds, and what changed.

The suggestion is **verified by the engine** before it is returned: the command
is applied to a working copy of the project and the new scenario evaluated; an
error finding there is a bug of the optimiser, and :class:`SuggestionError` says
so instead of handing the scenario over.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from typing import Any

import shapely

from mixplan.engine.evaluator import Evaluator
from mixplan.engine.facts import Assumptions, building_facts
from mixplan.engine.land import cover_coefficients, cover_regions
from mixplan.engine.spatial import FootprintIndex
from mixplan.engine.suggest_explain import (
    Binding,
    ChangeNote,
    binding_constraints,
    changes_made,
    infeasibility_reason,
    shadow_prices,
)
from mixplan.engine.suggest_milp import OBJECTIVES, Model, Solution, build_model, solve
from mixplan.engine.suggest_options import OPTIONS, site_bodies
from mixplan.model.commands import (
    AddBuilding,
    AddScenario,
    Command,
    CompoundCommand,
    ReplaceBuilding,
    SetCover,
    SetScenarioDescription,
)
from mixplan.model.errors import MixplanError, ModelError
from mixplan.model.project import Project

__all__ = [
    "OBJECTIVES",
    "OPTIONS",
    "SUGGESTED_MARK",
    "Suggestion",
    "SuggestionError",
    "prepare",
    "suggest",
    "working_copy",
]

#: First line of the description of a suggested scenario (the report looks for it).
SUGGESTED_MARK = "Suggested by the mixplan optimiser"
_FR_SEPARATOR = "\n—\n"


class SuggestionError(MixplanError):
    """No scenario can be suggested (infeasible options, or a verification failure)."""


@dataclass
class Suggestion:
    """A suggested scenario, not yet written: apply ``command`` to write it."""

    source: str
    name: str
    objective: str
    status: str
    value: float
    gap: float
    seconds: float
    command: Command
    binding: list[Binding] = field(default_factory=list)
    changes: list[ChangeNote] = field(default_factory=list)
    shadow_prices: list[dict[str, Any]] = field(default_factory=list)
    indicators: dict[str, Any] = field(default_factory=dict)
    description: str = ""

    @property
    def timed_out(self) -> bool:
        return self.status == "feasible"

    def to_json(self) -> dict[str, Any]:
        """The JSON document of DESIGN §15."""
        return {
            "scenario": self.name,
            "source": self.source,
            "objective": self.objective,
            "value": round(self.value, 4),
            "status": self.status,
            "gap": round(self.gap, 6) if math.isfinite(self.gap) else None,
            "seconds": round(self.seconds, 3),
            "binding": [b.to_json() for b in self.binding],
            "shadow_prices": [
                {
                    "rule": p["rule"],
                    "constraint": p["constraint"],
                    "per": p["per"],
                    "value": round(p["value"], 4),
                }
                for p in self.shadow_prices
            ],
            "changes": [c.to_json() for c in self.changes],
        }


def working_copy(project: Project) -> Project:
    """A copy whose scenarios and rulebook can change without touching ``project``.

    Buildings and covers are immutable values and are shared; the site
    boundary is not: the engine prepares it (``shapely.prepare``) and the copy
    may be evaluated on another thread than the original.
    """
    copy = project.snapshot()
    if copy.site is not None:
        boundary = shapely.from_wkb(shapely.to_wkb(copy.site.boundary))
        copy.site = replace(copy.site, boundary=boundary)
    return copy


def _baseline_figures(project: Project) -> dict[str, Any]:
    """What the site rows compare with (baseline productive area, SDP, yards)."""
    rb = project.rulebook
    a = Assumptions.of(rb)
    base = project.baseline
    grade = 0.0
    sdp = 0.0
    by_use: dict[str, float] = {}
    for b in base.buildings.values():
        f = building_facts(b, b, a)
        grade += f.productive_grade_m2
        sdp += f.sdp_m2
        for use, m2 in f.grade_by_use.items():
            by_use[use] = by_use.get(use, 0.0) + m2
    site = project.site.boundary if project.site is not None else None
    buildings = list(base.buildings.values())
    index = FootprintIndex(
        [b.id for b in buildings], [b.footprint for b in buildings], site
    )
    regions = cover_regions(
        list(base.cover.values()),
        index,
        site,
        cover_coefficients(rb),
    )
    yard = float(regions["yard"].area) if "yard" in regions else 0.0
    # The existing state's measures of the rules that must not get worse when
    # it already misses their limit (DESIGN §9), as the engine computes them.
    from mixplan.engine.reference import reference_evaluate

    existing = reference_evaluate(project, base.name).indicators
    return {
        "productive_sdp_m2": grade,
        "sdp_m2": sdp,
        "grade_by_use": by_use,
        "yard_m2": yard,
        "footprint_m2": existing["footprint_m2"],
        "open_soil_m2": existing["open_soil_m2"],
        "cbs": existing["cbs"],
    }


def prepare(
    project: Project,
    source: str,
    objective: str = "housing",
    *,
    allowed: Collection[str] = OPTIONS,
    frozen: Collection[str] = (),
) -> Model:
    """The programme of a site, ready for :func:`solve` (checked arguments)."""
    if objective not in OBJECTIVES:
        raise ModelError(
            f"unknown objective {objective!r}; objectives: " + ", ".join(OBJECTIVES)
        )
    unknown = set(allowed) - set(OPTIONS)
    if unknown:
        raise ModelError(
            f"unknown option(s) {', '.join(sorted(unknown))}; options: "
            + ", ".join(OPTIONS)
        )
    scenario = project.scenario(source)
    bodies, index, regions = site_bodies(project, scenario, allowed, frozen)
    return build_model(
        project, bodies, index, regions, _baseline_figures(project), objective, allowed
    )


def _command(
    project: Project,
    model: Model,
    solution: Solution,
    source: str,
    name: str,
    description: str,
) -> CompoundCommand:
    commands: list[Command] = [AddScenario(name, source)]
    for col in solution.chosen:
        variant = model.variants[col]
        body = model.bodies[variant.body]
        if variant.is_keep:
            continue
        if body.kind == "building":
            assert variant.building is not None
            commands.append(ReplaceBuilding(name, variant.building))
        elif variant.building is not None:
            commands.append(AddBuilding(name, variant.building))
        elif variant.cover is not None:
            commands.append(SetCover(name, body.id, cover=variant.cover.cover))
    commands.append(SetScenarioDescription(name, description))
    return CompoundCommand(commands, label="Suggest scenario")


def _description(
    source: str,
    objective: str,
    solution: Solution,
    binding: list[Binding],
    note: tuple[str, str] = ("", ""),
) -> str:
    label_en, label_fr = OBJECTIVES[objective]
    status_en = (
        "optimal (proven)"
        if solution.status == "optimal"
        else f"best found, proven within {solution.gap:.2%} of the optimum"
    )
    status_fr = (
        "optimal (prouvé)"
        if solution.status == "optimal"
        else f"meilleur trouvé, à moins de {solution.gap:.2%} de l'optimum (prouvé)"
    )
    limits_en = "; ".join(b.message for b in binding) or "nothing binds"
    limits_fr = "; ".join(b.message_fr for b in binding) or "aucune contrainte"
    en = (
        f"{SUGGESTED_MARK} from scenario '{source}': maximises {label_en}; "
        f"{status_en}{note[0]}. Limited by: {limits_en}."
    )
    fr = (
        f"Suggéré par l'optimiseur de mixplan à partir du scénario « {source} » : "
        f"maximise {label_fr} ; {status_fr}{note[1]}. Limité par : {limits_fr}."
    )
    return en + _FR_SEPARATOR + fr


def description_in(description: str, lang: str) -> str:
    """The English or French half of a suggested scenario's description."""
    en, _, fr = description.partition(_FR_SEPARATOR)
    return fr if lang == "fr" and fr else en


def suggest(
    project: Project,
    source: str,
    name: str,
    objective: str = "housing",
    *,
    allowed: Collection[str] = OPTIONS,
    frozen: Collection[str] = (),
    time_limit: float = 8.0,
    progress: Callable[[str], None] | None = None,
) -> Suggestion:
    """Suggest the scenario that maximises ``objective`` with no error finding.

    Parameters
    ----------
    project
        The project; it is not changed (apply ``Suggestion.command`` to write).
    source
        The scenario to start from.
    name
        The new scenario's name (must not exist).
    objective
        ``housing`` (housing SDP, default), ``dwellings``, ``jobs`` or ``sdp``.
    allowed
        Options the optimiser may use (:data:`OPTIONS`).
    frozen
        Ids of buildings and covers to keep as they are.
    time_limit
        Seconds HiGHS may spend; past it, the best scenario found is returned
        with ``status`` ``"feasible"`` and its proven ``gap``.
    progress
        Called with a short English note at each stage.

    Raises
    ------
    ModelError
        Unknown source, objective or option; a name already taken.
    SuggestionError
        No combination of options meets every rule (the message says why), or
        the engine finds an error in the result (a bug, said as such).
    """

    def note(text: str) -> None:
        if progress is not None:
            progress(text)

    check_name(project, name)
    note("listing the options")
    model = prepare(project, source, objective, allowed=allowed, frozen=frozen)
    note(
        f"solving ({len(model.variants)} choices, {len(model.bodies)} buildings "
        "and covers)"
    )
    solution = solve(model, time_limit)
    if solution.status == "timeout":
        raise SuggestionError(
            f"no scenario passing every rule was found within the time limit of "
            f"{time_limit:g} s; allow more time"
        )
    if solution.status == "infeasible":
        raise SuggestionError(infeasibility_reason(model, time_limit))
    note("checking the result with the engine")
    return finish(project, model, solution, source, name, objective)


def check_name(project: Project, name: str) -> None:
    """Refuse a new scenario name that is taken or blank (ModelError)."""
    if project.has_scenario(name):
        raise ModelError(f"a scenario {name!r} already exists")
    if not name.strip() or name != name.strip():
        raise ModelError(f"invalid scenario name {name!r}")


def finish(
    project: Project,
    model: Model,
    solution: Solution,
    source: str,
    name: str,
    objective: str,
    note: tuple[str, str] = ("", ""),
) -> Suggestion:
    """Turn a solution into a verified :class:`Suggestion` (explained, described).

    ``note`` (English, French) is added to the description (a Pareto point
    says which).
    """
    binding = binding_constraints(model, solution, project.rulebook)
    description = _description(source, objective, solution, binding, note)
    command = _command(project, model, solution, source, name, description)
    copy = working_copy(project)
    command.apply(copy)
    evaluation = Evaluator(copy).evaluate(name)
    errors = evaluation.errors
    if errors:
        detail = "; ".join(f"{f.rule}: {f.message}" for f in errors[:3])
        raise SuggestionError(
            "internal error of the optimiser: the suggested scenario fails "
            f"{detail} (not written; please report it)"
        )
    command.revert(copy)
    prices = shadow_prices(model, solution)
    changes = changes_made(model, solution, project.scenario(source))
    ind = evaluation.indicators
    value = objective_value(ind, objective)
    return Suggestion(
        source,
        name,
        objective,
        solution.status,
        float(value),
        solution.gap,
        solution.seconds,
        command,
        binding,
        changes,
        prices,
        ind,
        description,
    )


def objective_value(indicators: dict[str, Any], objective: str) -> float:
    """The engine's figure for an objective."""
    return float(
        {
            "housing": indicators["sdp_by_family_m2"]["housing"],
            "dwellings": indicators["dwellings"],
            "jobs": indicators["jobs"],
            "sdp": indicators["sdp_m2"],
        }[objective]
    )
