"""Trade-offs: the most housing for each level of open soil, or of jobs (§15).

The front is traced by the ε-constraint method on the same programme: first the
two ends (the most housing; the most of the other measure), then, for evenly
spaced levels ε of the other measure between them, the most housing with that
measure ≥ ε. Every point is an exact optimum of the programme (with its status),
so none is dominated by another choice of the same options; equal points are
merged. Any point becomes a scenario with :func:`point_suggestion`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mixplan.engine.suggest import (
    OPTIONS,
    Suggestion,
    SuggestionError,
    check_name,
    finish,
    prepare,
)
from mixplan.engine.suggest_explain import infeasibility_reason
from mixplan.engine.suggest_milp import (
    Model,
    SiteRow,
    Solution,
    chosen_vector,
    objective_column,
    solve,
)
from mixplan.model.errors import ModelError
from mixplan.model.project import Project

__all__ = ["VERSUS", "ParetoFront", "ParetoPoint", "pareto", "point_suggestion"]

#: The measures housing can be traded against: name → (English, French, unit).
VERSUS: dict[str, tuple[str, str, str]] = {
    "open_soil": ("open soil", "pleine terre", "% of the site"),
    "jobs": ("jobs", "emplois", "jobs"),
}


#: Points between the ends are optima within this share (0.01 %): proving the
#: last hundredth of a percent costs most of the time on a hundred buildings.
PARETO_GAP = 1e-4


@dataclass(frozen=True, slots=True)
class ParetoPoint:
    """One optimum: the objective's value and the other measure's."""

    value: float
    other: float
    status: str
    chosen: tuple[int, ...]
    #: The level ε the other measure was held at (``None`` at the housing end).
    floor: float | None
    #: Proven relative distance to the optimum at that level (0 when proven).
    gap: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "value": round(self.value, 4),
            "other": round(self.other, 4),
            "status": self.status,
            "gap": round(self.gap, 6),
        }


@dataclass
class ParetoFront:
    """The points of a trade-off, sorted by the other measure."""

    source: str
    objective: str
    versus: str
    model: Model
    points: list[ParetoPoint] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "objective": self.objective,
            "versus": self.versus,
            "seconds": round(self.seconds, 3),
            "points": [p.to_json() for p in self.points],
        }


def _other_row(model: Model, versus: str, project: Project) -> SiteRow:
    """The other measure as a row: open soil in % of the site, or jobs."""
    if versus == "jobs":
        return SiteRow(
            "pareto", "jobs", "emplois", objective_column(model, "jobs", project), 0.0
        )
    open_row = next((r for r in model.rows if r.rule == "C06"), None)
    site = model.site_area
    if open_row is None or site <= 0:
        raise ModelError("open soil can be traded only on a site with C06 enabled")
    return SiteRow(
        "pareto",
        "open soil",
        "pleine terre",
        open_row.coefficients * 100 / site,
        open_row.constant * 100 / site,
    )


def pareto(
    project: Project,
    source: str,
    versus: str = "open_soil",
    objective: str = "housing",
    points: int = 10,
    *,
    allowed: Collection[str] = OPTIONS,
    frozen: Collection[str] = (),
    time_limit: float = 5.0,
    progress: Callable[[int, int], bool] | None = None,
) -> ParetoFront:
    """The most ``objective`` for each level of ``versus``.

    Parameters
    ----------
    versus
        ``open_soil`` (in % of the site) or ``jobs``.
    points
        Levels of the other measure tried between the two ends (≥ 2).
    time_limit
        Seconds per solve.
    progress
        Called with (solves done, solves planned); returning false cancels (the
        points found so far are kept).

    Raises
    ------
    ModelError
        Unknown measure, objective or option, or ``points`` < 2.
    SuggestionError
        Not even one combination of options meets every rule.
    """
    import time

    started = time.perf_counter()
    if versus not in VERSUS:
        raise ModelError(f"unknown trade-off {versus!r}; use " + " or ".join(VERSUS))
    if points < 2:
        raise ModelError("a trade-off needs at least 2 points")
    model = prepare(project, source, objective, allowed=allowed, frozen=frozen)
    other = _other_row(model, versus, project)
    front = ParetoFront(source, objective, versus, model)
    total = points + 2

    def step(done: int) -> bool:
        return progress is None or progress(done, total)

    def point(solution: Solution, floor: float | None) -> ParetoPoint:
        x = chosen_vector(model, solution.chosen)
        return ParetoPoint(
            float(model.objective[solution.chosen].sum()),
            other.value(x),
            solution.status,
            tuple(solution.chosen),
            floor,
            solution.gap,
        )

    best = solve(model, time_limit)
    if best.status in ("infeasible", "timeout"):
        raise SuggestionError(infeasibility_reason(model, time_limit))
    found = [point(best, None)]
    if not step(1):
        return _sorted(front, found, started)
    flipped = replace(model, objective=other.coefficients.copy())
    most = solve(flipped, time_limit, relative_gap=PARETO_GAP)
    if most.status not in ("optimal", "feasible"):
        return _sorted(front, found, started)
    top = other.value(chosen_vector(model, most.chosen))
    levels = np.linspace(found[0].other, top, points).tolist()[1:]
    done = 1
    # Evenly spaced levels first; where two of them give the same optimum, the
    # widest remaining gap between points is split, until ``points`` distinct
    # points are found or the tries run out (a site with few options).
    while levels and done < 3 * points:
        done += 1
        if not step(min(done, total - 1)):
            break
        level = levels.pop(0)
        row = replace(other, lower=level - 1e-9)
        solution = solve(model, time_limit, extra=[row], relative_gap=PARETO_GAP)
        if solution.status in ("optimal", "feasible"):
            found.append(point(solution, level))
        if not levels and len(_distinct(found)) < points:
            ordered = sorted(_distinct(found), key=lambda p: p.other)
            gaps = [
                (b.other - a.other, a.other, b.other)
                for a, b in zip(ordered, ordered[1:], strict=False)
            ]
            tried = {round(p.floor, 9) for p in found if p.floor is not None}
            for width, a, b in sorted(gaps, reverse=True):
                middle = (a + b) / 2
                if width > 1e-6 and round(middle, 9) not in tried:
                    levels.append(middle)
                    break
    step(total)
    return _sorted(front, found, started)


def _distinct(found: list[ParetoPoint]) -> list[ParetoPoint]:
    unique: dict[tuple[float, float], ParetoPoint] = {}
    for p in found:
        unique.setdefault((round(p.value, 6), round(p.other, 6)), p)
    return list(unique.values())


def _sorted(
    front: ParetoFront, found: list[ParetoPoint], started: float
) -> ParetoFront:
    import time

    front.points = sorted(_distinct(found), key=lambda p: (p.other, -p.value))
    front.seconds = time.perf_counter() - started
    return front


def point_suggestion(
    project: Project, front: ParetoFront, point: ParetoPoint, name: str
) -> Suggestion:
    """The verified suggestion of one point of a front (apply its command)."""
    check_name(project, name)
    solution = Solution(point.status, list(point.chosen), point.value, point.gap, 0.0)
    en, fr, unit = VERSUS[front.versus]
    if point.floor is None:
        note = ("", "")
    else:
        shown = (
            f"{point.floor:.1f} {unit}"
            if front.versus == "open_soil"
            else f"{point.floor:,.0f} {unit}"
        )
        note = (
            f"; a point of the trade-off with {en}, {en} held at ≥ {shown}",
            f" ; un point de l'arbitrage avec {fr}, {fr} ≥ {shown}",
        )
    return finish(
        project, front.model, solution, front.source, name, front.objective, note
    )


def values(front: ParetoFront) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The points as two arrays (other measure, objective), for a chart."""
    return (
        np.array([p.other for p in front.points]),
        np.array([p.value for p in front.points]),
    )
