"""The mixed-integer programme of a suggestion: one binary per variant (DESIGN §15).

Exactly one variant per body (``Σ x = 1``). Every site-level error rule is a
linear row over the variants' contributions, as the engine sums them
(:mod:`mixplan.engine.indicators`):

- C02 coverage: footprint union + new footprints ≤ ``max_coverage`` × site;
- C06 open soil and C07 biotope coefficient: the source scenario's ground plus
  what each variant takes from or gives to each cover type (and green roofs);
- for C02, C06 and C07 a limit the existing state already misses binds at the
  existing value instead (no worsening of an existing shortfall, DESIGN §9);
- C09 productive-grade floor area ≥ ``min_productive_retention`` × the
  baseline's (and per class with ``per_class``), C10 when enabled;
- C11 yard area no less than the baseline's;
- D01 total SDP above the baseline's by ``min_far_increase`` × site (strict: by
  at least :data:`STRICT_M2`).

Pairs of buildings closer than a setback (C05: ``L ≥ max(k × H, Lmin)`` when
either is new or altered) exclude the variant pairs that would break it, and
housing within the separation distance of an ICPE A or Seveso building (C15) is
excluded. Covers that overlap exclude each other's changes. scipy's HiGHS
solves it; scipy is imported here only, when a suggestion is asked for.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from mixplan.engine.facts import BuildingFacts, is_hazardous
from mixplan.engine.land import cover_coefficients
from mixplan.engine.spatial import TOUCHING_M, FootprintIndex
from mixplan.engine.suggest_options import Body, Dropped, Variant
from mixplan.model.project import COVER_TYPES, Project
from mixplan.model.uses import USES, Family

__all__ = [
    "OBJECTIVES",
    "STRICT_M2",
    "Model",
    "SiteRow",
    "Solution",
    "build_model",
    "solve",
]

#: Objectives: name → (English, French) label of the quantity maximised.
OBJECTIVES: dict[str, tuple[str, str]] = {
    "housing": ("housing floor area (SDP, m²)", "surface de logement (SDP, m²)"),
    "dwellings": ("dwellings", "logements"),
    "jobs": ("jobs", "emplois"),
    "sdp": ("total floor area (SDP, m²)", "surface de plancher totale (m²)"),
}
#: A strict "more than" (D01) is met by at least this many m² of SDP.
STRICT_M2 = 0.01

_HOUSING = tuple(c for c, u in USES.items() if u.family is Family.HOUSING)


@dataclass(slots=True)
class SiteRow:
    """A site-level rule as ``lower ≤ constant + coefficients · x ≤ upper``."""

    rule: str
    label_en: str
    label_fr: str
    coefficients: NDArray[np.float64]
    constant: float
    lower: float = -math.inf
    upper: float = math.inf
    #: How the measure is shown: ``"m2"``, ``"ratio"`` (of the site) or ``"cbs"``.
    unit: str = "m2"

    def value(self, chosen: NDArray[np.float64]) -> float:
        return self.constant + float(self.coefficients @ chosen)

    def value_slack(self, value: float) -> float:
        """How far a value of the measure is from the nearer limit."""
        return min(value - self.lower, self.upper - value)


@dataclass(slots=True)
class Model:
    """Variants, their objective, and every row."""

    bodies: list[Body]
    variants: list[Variant]
    body_of: NDArray[np.intp]
    objective: NDArray[np.float64]
    rows: list[SiteRow]
    #: Pair rows ``Σ x ≤ 1`` (C05, C15, overlapping covers), with their rule.
    pairs: list[tuple[str, list[int], str]] = field(default_factory=list)
    site_area: float = 0.0
    #: Variants set aside by a per-building rule: body → (objective, reason).
    dropped: dict[int, list[tuple[float, Dropped]]] = field(default_factory=dict)
    allowed: frozenset[str] = frozenset()
    #: Facts of each source building as it is (also when keeping it is ruled out).
    keep_facts: dict[str, BuildingFacts] = field(default_factory=dict)


@dataclass(slots=True)
class Solution:
    """What HiGHS found.

    ``status`` is optimal, feasible (time limit reached with a solution),
    timeout (time limit reached without one) or infeasible.
    """

    status: str
    chosen: list[int]
    objective: float
    gap: float
    seconds: float
    message: str = ""


def _objective(facts: BuildingFacts | None, objective: str, project: Project) -> float:
    if facts is None:
        return 0.0
    num = project.rulebook.number
    if objective == "sdp":
        return facts.sdp_m2
    housing = sum(facts.sdp_by_use.get(u, 0.0) for u in _HOUSING)
    if objective == "housing":
        return housing
    if objective == "dwellings":
        return housing / num("assumptions", "m2_per_dwelling")
    return sum(
        m2 / num("m2_per_job", u)
        for u, m2 in facts.sdp_by_use.items()
        if m2 and USES[u].m2_per_job is not None
    )


def objective_column(
    model: Model, objective: str, project: Project
) -> NDArray[np.float64]:
    """What each variant brings to an objective (``OBJECTIVES``)."""
    return _column(model.variants, lambda v: _objective(v.facts, objective, project))


def _column(variants: Sequence[Variant], value: Any) -> NDArray[np.float64]:
    return np.fromiter((value(v) for v in variants), float, len(variants))


def _site_rows(
    project: Project,
    variants: Sequence[Variant],
    union_m2: float,
    regions: dict[str, BaseGeometry],
    baseline: dict[str, Any],
) -> list[SiteRow]:
    rb = project.rulebook
    site = project.site_area_m2
    rows: list[SiteRow] = []
    area = {t: float(regions[t].area) if t in regions else 0.0 for t in COVER_TYPES}
    has_site = project.site is not None
    if has_site and rb.enabled("C02"):
        limit = rb.number("C02", "max_coverage")
        rows.append(
            SiteRow(
                "C02",
                "coverage",
                "emprise au sol",
                _column(variants, lambda v: v.new_footprint_m2),
                union_m2,
                # No worsening (DESIGN §9): a limit the existing state already
                # misses binds at the existing value.
                upper=max(limit * site, float(baseline["footprint_m2"])),
                unit="ratio",
            )
        )
    if has_site and rb.enabled("C06"):
        limit = rb.number("C06", "min_open_soil_ratio")
        rows.append(
            SiteRow(
                "C06",
                "open soil",
                "pleine terre",
                # pleine terre: open soil and lawn
                _column(
                    variants,
                    lambda v: (
                        v.ground.get("open_soil", 0.0) + v.ground.get("lawn", 0.0)
                    ),
                ),
                area["open_soil"] + area["lawn"],
                lower=min(limit * site, float(baseline["open_soil_m2"])),
                unit="ratio",
            )
        )
    if has_site and rb.enabled("C07"):
        limit = rb.number("C07", "min_cbs")
        coef = cover_coefficients(rb)
        rows.append(
            SiteRow(
                "C07",
                "biotope coefficient (CBS)",
                "coefficient de biotope (CBS)",
                _column(
                    variants,
                    lambda v: (
                        sum(coef[t] * a for t, a in v.ground.items())
                        + coef["green_roof"]
                        * (v.facts.green_roof_m2 if v.facts else 0.0)
                    ),
                ),
                sum(coef[t] * area[t] for t in COVER_TYPES),
                lower=min(limit * site, float(baseline["cbs"]) * site),
                unit="cbs",
            )
        )
    grade = _column(variants, lambda v: v.facts.productive_grade_m2 if v.facts else 0.0)
    if rb.enabled("C09"):
        retention = rb.number("C09", "min_productive_retention")
        rows.append(
            SiteRow(
                "C09",
                "productive floor area kept",
                "surface productive conservée",
                grade,
                0.0,
                lower=retention * baseline["productive_sdp_m2"],
            )
        )
        if rb.get("C09", "per_class"):
            for use, base_m2 in sorted(baseline["grade_by_use"].items()):
                if base_m2 <= 0:
                    continue
                rows.append(
                    SiteRow(
                        "C09",
                        f"{USES[use].label_en} floor area kept",
                        f"surface « {USES[use].label_fr} » conservée",
                        _column(
                            variants,
                            lambda v, u=use: (
                                v.facts.grade_by_use.get(u, 0.0) if v.facts else 0.0
                            ),
                        ),
                        0.0,
                        lower=retention * base_m2,
                    )
                )
    if has_site and rb.enabled("C10"):
        limit = max(
            baseline["productive_sdp_m2"], rb.number("C10", "plot_ratio") * site
        )
        rows.append(
            SiteRow(
                "C10",
                "industrial capacity",
                "capacité industrielle",
                grade,
                0.0,
                lower=limit,
            )
        )
    if rb.enabled("C11"):
        before = baseline["yard_m2"]
        rows.append(
            SiteRow(
                "C11",
                "yard space kept",
                "cours de service conservées",
                _column(variants, lambda v: v.ground.get("yard", 0.0)),
                area["yard"],
                lower=before * (1 - 1e-9) - 1e-6,
            )
        )
    if has_site and rb.enabled("D01"):
        increase = rb.number("D01", "min_far_increase")
        rows.append(
            SiteRow(
                "D01",
                "density rises (floor area above the existing)",
                "la densité augmente (surface au-dessus de l'existant)",
                _column(variants, lambda v: v.facts.sdp_m2 if v.facts else 0.0),
                0.0,
                lower=baseline["sdp_m2"] + increase * site + STRICT_M2,
            )
        )
    return rows


def _setback_classes(
    body: Body, start: int, setback: tuple[float, float, bool, float]
) -> dict[str, list[int]]:
    """Columns of a body's variants by class, for a neighbour ``gap`` m away.

    ``E`` exists, ``A`` is checked (new or altered, or every building with
    ``C05.existing_buildings``), ``TA``/``TU`` too tall for the gap (checked /
    unchecked): the setback ``max(k × H, Lmin)`` exceeds the gap.
    """
    k, lmin, everyone, gap = setback
    out: dict[str, list[int]] = {"TA": [], "TU": [], "E": [], "A": []}
    for n, v in enumerate(body.variants):
        if not v.exists:
            continue
        col = start + n
        checked = v.altered or everyone
        out["E"].append(col)
        if checked:
            out["A"].append(col)
        if gap < max(k * v.height_m, lmin) - 1e-9:
            out["TA" if checked else "TU"].append(col)
    return out


def _setback_pairs(
    project: Project, bodies: Sequence[Body], offsets: list[int]
) -> list[tuple[str, list[int], str]]:
    """C05 between buildings: variant pairs that a setback forbids."""
    rb = project.rulebook
    if not rb.enabled("C05"):
        return []
    k = rb.number("C05", "k")
    lmin = rb.number("C05", "min_setback_m")
    everyone = bool(rb.get("C05", "existing_buildings"))
    placed = [p for p, b in enumerate(bodies) if b.footprint is not None]
    if len(placed) < 2:
        return []
    geoms = np.empty(len(placed), dtype=object)
    geoms[:] = [bodies[p].footprint for p in placed]
    tallest = max((v.height_m for b in bodies for v in b.variants), default=0.0)
    reach = max(k * tallest, lmin)
    tree = shapely.STRtree(geoms)
    i, j = tree.query(geoms, predicate="dwithin", distance=reach)
    keep = i < j
    i, j = i[keep], j[keep]
    if not len(i):
        return []
    gaps = shapely.distance(geoms[i], geoms[j])
    out: list[tuple[str, list[int], str]] = []
    for a, b, gap in zip(i.tolist(), j.tolist(), gaps.tolist(), strict=True):
        if gap <= TOUCHING_M:
            continue
        first, second = bodies[placed[a]], bodies[placed[b]]
        setback = (k, lmin, everyone, gap)
        c1 = _setback_classes(first, offsets[placed[a]], setback)
        c2 = _setback_classes(second, offsets[placed[b]], setback)
        label = f"{first.id}|{second.id}|{gap:.1f}"
        for x, y in (
            (c1["TA"], c2["E"]),
            (c2["TA"], c1["E"]),
            (c1["TU"], c2["A"]),
            (c2["TU"], c1["A"]),
        ):
            if x and y:
                out.append(("C05", x + y, label))
    return out


def _separation_pairs(
    project: Project, bodies: Sequence[Body], offsets: list[int]
) -> list[tuple[str, list[int], str]]:
    """C15: no housing within the separation distance of an ICPE A / Seveso."""
    rb = project.rulebook
    if not rb.enabled("C15"):
        return []
    out: list[tuple[str, list[int], str]] = []
    for p, body in enumerate(bodies):
        hazards = [
            n
            for n, v in enumerate(body.variants)
            if v.facts is not None and is_hazardous(v.facts)
        ]
        if not hazards or body.footprint is None:
            continue
        seveso = any(
            v.facts.hazard_rank >= 5
            for v in body.variants  # type: ignore[union-attr]
            if v.facts is not None
        )
        distance = rb.number(
            "C15", "separation_seveso_m" if seveso else "separation_a_m"
        )
        for q, other in enumerate(bodies):
            if q == p or other.footprint is None:
                continue
            if body.footprint.distance(other.footprint) >= distance:
                continue
            housing = [
                offsets[q] + n
                for n, v in enumerate(other.variants)
                if v.facts is not None and v.facts.has_housing
            ]
            for n in hazards:
                for col in housing:
                    out.append(("C15", [offsets[p] + n, col], f"{body.id}|{other.id}"))
    return out


def _cover_pairs(
    bodies: Sequence[Body], offsets: list[int]
) -> list[tuple[str, list[int], str]]:
    """Covers that overlap: at most one of them changes."""
    covers = [p for p, b in enumerate(bodies) if b.cover_geometry is not None]
    out: list[tuple[str, list[int], str]] = []
    for x, p in enumerate(covers):
        for q in covers[x + 1 :]:
            g1, g2 = bodies[p].cover_geometry, bodies[q].cover_geometry
            if shapely.intersection(g1, g2).area <= 1e-6:
                continue
            cols = [
                offsets[p] + n
                for n, v in enumerate(bodies[p].variants)
                if not v.is_keep
            ] + [
                offsets[q] + n
                for n, v in enumerate(bodies[q].variants)
                if not v.is_keep
            ]
            out.append(("cover", cols, f"{bodies[p].id}|{bodies[q].id}"))
    return out


def build_model(
    project: Project,
    bodies: list[Body],
    index: FootprintIndex,
    regions: dict[str, BaseGeometry],
    baseline: dict[str, Any],
    objective: str,
    allowed: Collection[str] = (),
) -> Model:
    """The programme of a site: variables, objective, rows.

    ``baseline`` holds the baseline's ``productive_sdp_m2``, ``grade_by_use``,
    ``sdp_m2`` and ``yard_m2``.
    """
    variants = [v for b in bodies for v in b.variants]
    offsets: list[int] = []
    position = 0
    for b in bodies:
        offsets.append(position)
        position += len(b.variants)
    body_of = np.fromiter((v.body for v in variants), np.intp, len(variants))
    values = _column(variants, lambda v: _objective(v.facts, objective, project))
    rows = _site_rows(project, variants, index.union_m2, regions, baseline)
    pairs = (
        _setback_pairs(project, bodies, offsets)
        + _separation_pairs(project, bodies, offsets)
        + _cover_pairs(bodies, offsets)
    )
    dropped: dict[int, list[tuple[float, Dropped]]] = {}
    keep_facts: dict[str, BuildingFacts] = {}
    for position, body in enumerate(bodies):
        for variant, reason in body.dropped:
            dropped.setdefault(position, []).append(
                (_objective(variant.facts, objective, project), reason)
            )
        for variant in body.variants + [v for v, _ in body.dropped]:
            if variant.is_keep and variant.facts is not None:
                keep_facts[body.id] = variant.facts
    return Model(
        bodies,
        variants,
        body_of,
        values,
        rows,
        pairs,
        project.site_area_m2,
        dropped,
        frozenset(allowed),
        keep_facts,
    )


def solve(
    model: Model,
    time_limit: float = 60.0,
    *,
    without: Collection[str] = (),
    extra: Sequence[SiteRow] = (),
    relative_gap: float = 0.0,
) -> Solution:
    """Maximise the objective.

    ``without`` drops the rows of those rules (diagnosis); ``extra`` adds rows
    (a trade-off's level); ``relative_gap`` lets HiGHS stop within that share of
    the optimum (0: proven optimal).
    """
    import time

    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix, vstack

    started = time.perf_counter()
    n = len(model.variants)
    bodies = len(model.bodies)
    if n == 0 or any(not b.variants for b in model.bodies):
        return Solution("infeasible", [], 0.0, math.inf, 0.0)
    one = coo_matrix((np.ones(n), (model.body_of, np.arange(n))), shape=(bodies, n))
    blocks = [one]
    lower = [np.ones(bodies)]
    upper = [np.ones(bodies)]
    rows = [r for r in model.rows if r.rule not in without] + list(extra)
    if rows:
        blocks.append(coo_matrix(np.vstack([r.coefficients for r in rows])))
        lower.append(np.array([r.lower - r.constant for r in rows]))
        upper.append(np.array([r.upper - r.constant for r in rows]))
    pairs = [cols for rule, cols, _ in model.pairs if rule not in without]
    if pairs:
        r = np.repeat(np.arange(len(pairs)), [len(c) for c in pairs])
        c = np.fromiter((x for cols in pairs for x in cols), np.intp, len(r))
        blocks.append(coo_matrix((np.ones(len(r)), (r, c)), shape=(len(pairs), n)))
        lower.append(np.full(len(pairs), -np.inf))
        upper.append(np.ones(len(pairs)))
    matrix = vstack(blocks).tocsr()
    with _quiet_stdout():
        result = milp(
            -model.objective,
            integrality=np.ones(n),
            bounds=Bounds(0, 1),
            constraints=LinearConstraint(
                matrix, np.concatenate(lower), np.concatenate(upper)
            ),
            options={
                "time_limit": max(0.1, time_limit),
                "mip_rel_gap": relative_gap,
                "disp": False,
            },
        )
    seconds = time.perf_counter() - started
    if result.x is None:
        # status 1: the time limit came before any feasible choice was found.
        status = "timeout" if result.status == 1 else "infeasible"
        return Solution(status, [], 0.0, math.inf, seconds, result.message)
    chosen: list[int] = []
    x = result.x
    for body in range(bodies):
        cols = np.flatnonzero(model.body_of == body)
        chosen.append(int(cols[np.argmax(x[cols])]))
    _tidy(model, chosen, rows, pairs)
    value = float(model.objective[chosen].sum())
    gap = float(getattr(result, "mip_gap", 0.0) or 0.0)
    status = "optimal" if result.status == 0 and relative_gap == 0 else "feasible"
    if result.status == 0 and relative_gap == 0:
        gap = 0.0
    return Solution(status, chosen, value, gap, seconds, result.message)


@contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence what HiGHS prints on file descriptor 1 despite ``disp=False``.

    Some HiGHS builds print debugging lines from C++; on the command line they
    would break ``--json`` (one JSON document on stdout and nothing else).
    """
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):
        yield
        return
    try:
        with open(os.devnull, "w") as sink:
            os.dup2(sink.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _actions(variant: Variant) -> int:
    return 0 if variant.is_keep else len(variant.actions)


def _tidy(
    model: Model, chosen: list[int], rows: Sequence[SiteRow], pairs: Sequence[list[int]]
) -> None:
    """Among equal optima, keep what needs no change.

    HiGHS may pick any of several variants worth the same (a green roof nothing
    asks for, a storey of housing where the objective counts jobs). Each body in
    turn takes, of the variants worth at least as much as its choice, the one
    with the fewest actions that keeps every row and pair satisfied.
    """
    x = chosen_vector(model, chosen)
    values = np.array([row.value(x) for row in rows])
    lower = np.array([row.lower for row in rows])
    upper = np.array([row.upper for row in rows])
    coefficients = (
        np.vstack([row.coefficients for row in rows])
        if rows
        else np.zeros((0, len(model.variants)))
    )
    pairs_of: dict[int, list[list[int]]] = {}
    for cols in pairs:
        for col in cols:
            pairs_of.setdefault(col, []).append(cols)
    for body, current in enumerate(chosen):
        if _actions(model.variants[current]) == 0:
            continue
        cols = np.flatnonzero(model.body_of == body).tolist()
        worth = model.objective[current] - 1e-9
        options = sorted(
            (
                c
                for c in cols
                if model.objective[c] >= worth
                and _actions(model.variants[c]) < _actions(model.variants[current])
            ),
            key=lambda c: (_actions(model.variants[c]), -model.objective[c]),
        )
        for col in options:
            moved = values + coefficients[:, col] - coefficients[:, current]
            if np.any(moved < lower - 1e-9) or np.any(moved > upper + 1e-9):
                continue
            x[current] = 0.0
            if any(
                sum(x[m] for m in members) + 1 > 1 + 1e-9
                for members in pairs_of.get(col, [])
            ):
                x[current] = 1.0
                continue
            x[col] = 1.0
            values = moved
            chosen[body] = col
            break


def chosen_vector(model: Model, chosen: Sequence[int]) -> NDArray[np.float64]:
    """The 0/1 vector of a choice of variants."""
    x = np.zeros(len(model.variants))
    x[list(chosen)] = 1.0
    return x
