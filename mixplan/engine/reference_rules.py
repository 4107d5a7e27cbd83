"""The per-building rules written finding by finding, for the reference evaluation.

The engine makes the findings of C03, C04, C05, C13, C14, C15 and C21 as records
over arrays (:class:`~mixplan.engine.finding_records.FindingBlock`), with the
pair measures of C15 and C21 kept between evaluations. The reference evaluation
(:mod:`mixplan.engine.reference`) is the oracle of that machinery, so it must
not run it: here the same rules are plain loops over the buildings, from their
definitions, making one :class:`Finding` at a time, its numbers rounded and its
messages worded at once. Only what a message says (the wording functions of
:mod:`mixplan.engine.rules_site` and :mod:`mixplan.engine.rules_productive`) is
shared. Pairs of buildings are found with a plain STRtree query, measured one
by one in the direction the rules state (the later footprint to the earlier for
C05, the hazard to the housing for C15, the former ICPE's land and the housing
for C21).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shapely
from shapely import STRtree

from mixplan.engine.context import LENGTH_TOLERANCE_M, Context, make_finding
from mixplan.engine.findings import Finding, Severity
from mixplan.engine.rule_reference import rule_source
from mixplan.engine.rules_productive import (
    C21_MIN_OVERLAP_M2,
    _c13_words,
    _c14_words,
    _c15_distance_words,
    _c15_shared_words,
    _c15_words,
    _c21_words,
)
from mixplan.engine.rules_site import (
    _c03_words,
    _c04_words,
    _c05_boundary_words,
    _c05_pair_words,
)
from mixplan.engine.spatial import TOUCHING_M
from mixplan.model.uses import NUISANCE_CLASSES, nuisance_rank

__all__ = ["REFERENCE_CHECKS"]


def _finding(
    rule: str,
    severity: Severity,
    words: Callable[..., str],
    arguments: tuple[Any, ...],
    measured: float | None,
    limit: float | None,
    targets: list[str],
) -> Finding:
    """One finding, worded in both languages now (``words(*arguments, lang)``)."""
    return make_finding(
        rule,
        severity,
        words(*arguments, "en"),
        words(*arguments, "fr"),
        rule_source(rule),
        measured,
        limit,
        targets,
    )


def reference_c03(ctx: Context) -> list[Finding]:
    """Each new or altered building higher than ``max_height_m``."""
    limit = ctx.number("C03", "max_height_m")
    out = []
    for f in ctx.facts:
        if f.altered and f.height_m > limit + LENGTH_TOLERANCE_M:
            name = ctx.name(f.id)
            out.append(
                _finding(
                    "C03",
                    "error",
                    _c03_words,
                    (
                        f.id,
                        name,
                        f.height_m,
                        limit,
                    ),
                    f.height_m,
                    limit,
                    [f.id],
                )
            )
    return out


def reference_c04(ctx: Context) -> list[Finding]:
    """Each building whose top floor is above its high-rise threshold."""
    other = ctx.number("C04", "igh_non_residential_m")
    housing = ctx.number("C04", "igh_residential_m")
    out = []
    for f in ctx.facts:
        limit = housing if f.housing_only else other
        if f.top_floor_m > limit + LENGTH_TOLERANCE_M:
            name = ctx.name(f.id)
            out.append(
                _finding(
                    "C04",
                    "warning",
                    _c04_words,
                    (
                        f.id,
                        name,
                        f.top_floor_m,
                        limit,
                    ),
                    f.top_floor_m,
                    limit,
                    [f.id],
                )
            )
    return out


def reference_c05(ctx: Context) -> list[Finding]:
    """Setbacks to the site boundary, then between buildings (pairs by position)."""
    k = ctx.number("C05", "k")
    lmin = ctx.number("C05", "min_setback_m")
    everyone = bool(ctx.rulebook.get("C05", "existing_buildings"))
    facts = ctx.facts
    geoms = ctx.index.geoms
    checked = [everyone or f.altered for f in facts]
    if not any(checked):
        return []
    required = [max(k * f.height_m, lmin) for f in facts]
    out = []
    site = ctx.index.site
    if site is not None:
        edge = shapely.boundary(site)
        for p, f in enumerate(facts):
            if not checked[p]:
                continue
            gap = float(shapely.distance(geoms[p], edge))
            if TOUCHING_M < gap < required[p] - 1e-9:
                name, need = ctx.name(f.id), required[p]
                out.append(
                    _finding(
                        "C05",
                        "error",
                        _c05_boundary_words,
                        (
                            f.id,
                            name,
                            k,
                            lmin,
                            gap,
                            need,
                            f.height_m,
                        ),
                        gap,
                        need,
                        [f.id],
                    )
                )
    pairs: set[tuple[int, int]] = set()
    tree = STRtree(geoms)
    for p in range(len(facts)):
        for q in tree.query(geoms[p], predicate="dwithin", distance=required[p]):
            if q != p:
                pairs.add((min(p, int(q)), max(p, int(q))))
    for i, j in sorted(pairs):
        if not (checked[i] or checked[j]):
            continue
        need = max(k * max(facts[i].height_m, facts[j].height_m), lmin)
        d = float(shapely.distance(geoms[j], geoms[i]))
        if TOUCHING_M < d < need - 1e-9:
            a, b = facts[i].id, facts[j].id
            names = ctx.name(a), ctx.name(b)
            out.append(
                _finding(
                    "C05",
                    "error",
                    _c05_pair_words,
                    (
                        a,
                        names[0],
                        b,
                        names[1],
                        k,
                        lmin,
                        d,
                        need,
                    ),
                    d,
                    need,
                    [a, b],
                )
            )
    return out


def reference_c13(ctx: Context) -> list[Finding]:
    """Each failing level (warning), then the assumed ones, then typical loads."""
    out = []
    for f in ctx.facts:
        name = ctx.name(f.id)
        for issue in f.non_grade:
            out.append(
                _finding(
                    "C13",
                    "warning",
                    _c13_words,
                    (
                        f.id,
                        name,
                        issue,
                    ),
                    issue.sdp_m2,
                    None,
                    [issue.target],
                )
            )
    # (a level with two productive uses is one level)
    assumed = list(
        dict.fromkeys(issue.target for f in ctx.facts for issue in f.assumed)
    )
    if assumed:
        n = len(assumed)
        out.append(
            make_finding(
                "C13",
                "info",
                f"{n} productive level(s) pass on assumed values (load not "
                "stated at ground level: slab on grade; access not stated: "
                "street); confirm them",
                f"{n} niveau(x) productif(s) conforme(s) sur hypothèses "
                "(dallage sur terre-plein, accès par la rue) ; à confirmer",
                rule_source("C13"),
                float(n),
                None,
                assumed,
            )
        )
    typical = list(
        dict.fromkeys(issue.target for f in ctx.facts for issue in f.typical_load)
    )
    if typical:
        n = len(typical)
        out.append(
            make_finding(
                "C13",
                "info",
                f"{n} upper or basement productive level(s) pass only on the "
                "typical design load of their use (load not stated); confirm the "
                "floor's rated load",
                f"{n} niveau(x) productif(s) en étage ou en sous-sol conforme(s) "
                "sur la seule charge type de l'usage (charge non renseignée) ; à "
                "confirmer",
                "Eurocode 1 (NF EN 1991-1-1), imposed loads by category of use",
                float(n),
                None,
                typical,
            )
        )
    return out


def reference_c14(ctx: Context) -> list[Finding]:
    """Each unserved upper productive level of a new or altered building."""
    min_kg = ctx.number("C14", "min_freight_lift_kg")
    per_lift = ctx.number("C14", "max_m2_per_lift")
    out = []
    for f in ctx.facts:
        if not f.altered:
            continue
        lifted = f.freight_lift_kg > 0 and f.freight_lift_kg >= min_kg
        name = ctx.name(f.id)
        for issue in f.unserved:
            out.append(
                _finding(
                    "C14",
                    "error",
                    _c14_words,
                    (
                        f.id,
                        name,
                        issue,
                    ),
                    issue.sdp_m2 if lifted else f.freight_lift_kg,
                    per_lift if lifted else min_kg,
                    [issue.target],
                )
            )
    return out


def reference_c15(ctx: Context) -> list[Finding]:
    """Stacking under housing; then each ICPE A / Seveso building's separation."""
    limit_class = str(ctx.rulebook.get("C15", "max_nuisance_under_housing"))
    out = []
    for f in ctx.facts:
        name = ctx.name(f.id)
        for issue in f.stacking:
            out.append(
                _finding(
                    "C15",
                    "error",
                    _c15_words,
                    (
                        f.id,
                        name,
                        issue,
                        limit_class,
                    ),
                    None,
                    None,
                    [issue.target],
                )
            )
    geoms = ctx.index.geoms
    tree = STRtree(geoms)
    for p, f in enumerate(ctx.facts):
        if f.hazard_rank < nuisance_rank("A"):
            continue
        regime = "SEVESO" if f.hazard_rank >= nuisance_rank("SEVESO") else "A"
        distance = ctx.number(
            "C15", "separation_seveso_m" if regime == "SEVESO" else "separation_a_m"
        )
        name = ctx.name(f.id)
        if f.has_housing:
            out.append(
                _finding(
                    "C15",
                    "error",
                    _c15_shared_words,
                    (
                        f.id,
                        name,
                        regime,
                    ),
                    0.0,
                    distance,
                    [f.id],
                )
            )
        near = tree.query(geoms[p], predicate="dwithin", distance=distance)
        for j in sorted(int(q) for q in near):
            other = ctx.facts[j]
            if j == p or not other.has_housing:
                continue
            gap = float(shapely.distance(geoms[p], geoms[j]))
            if gap < distance:
                words: tuple[Any, ...] = (
                    f.id,
                    name,
                    regime,
                    gap,
                    other.id,
                    ctx.name(other.id),
                    distance,
                )
                out.append(
                    _finding(
                        "C15",
                        "error",
                        _c15_distance_words,
                        words,
                        gap,
                        distance,
                        [f.id, other.id],
                    )
                )
    return out


def reference_c21(ctx: Context) -> list[Finding]:
    """Housing on the land of each former ICPE (D or above) not kept as it was."""
    index = ctx.baseline_index
    if index is None:
        return []
    kept = {o for o, f in zip(ctx.origins, ctx.facts, strict=True) if not f.altered}
    continuing = set(ctx.origins)
    tree = STRtree(ctx.index.geoms)
    out = []
    for k, former in enumerate(ctx.baseline_facts):
        bid = index.ids[k]
        if former.hazard_rank < nuisance_rank("D") or bid in kept:
            continue
        regime = NUISANCE_CLASSES[former.hazard_rank]
        meets = tree.query(index.geoms[k], predicate="intersects")
        for p in sorted(int(q) for q in meets):
            f = ctx.facts[p]
            if not f.has_housing:
                continue
            overlap = float(
                shapely.area(shapely.intersection(index.geoms[k], ctx.index.geoms[p]))
            )
            if overlap > C21_MIN_OVERLAP_M2:
                words: tuple[Any, ...] = (
                    f.id,
                    ctx.name(f.id),
                    bid,
                    ctx.name(bid, baseline=True),
                    regime,
                    bid in continuing,
                    overlap,
                )
                out.append(
                    _finding(
                        "C21",
                        "warning",
                        _c21_words,
                        words,
                        overlap,
                        None,
                        [f.id, bid],
                    )
                )
    return out


#: The reference's own checks of the rules the engine makes as records.
REFERENCE_CHECKS: dict[str, Callable[[Context], Sequence[Finding]]] = {
    "C03": reference_c03,
    "C04": reference_c04,
    "C05": reference_c05,
    "C13": reference_c13,
    "C14": reference_c14,
    "C15": reference_c15,
    "C21": reference_c21,
}
