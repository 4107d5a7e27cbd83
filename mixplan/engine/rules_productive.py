"""Rules on productive floor area and density: C09, C10, C12, C13, C14, C15, D01.

Each function takes the :class:`~mixplan.engine.context.Context` of a scenario and
returns its findings; thresholds are read from the rulebook, sources are given by
the registry in :mod:`mixplan.engine.rules`.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import shapely

from mixplan.engine.context import (
    AREA_TOLERANCE_M2,
    Context,
    building_labels,
    deferred_finding,
    falls_short,
    fr,
    m2,
    m2_fr,
    make_finding,
)
from mixplan.engine.facts import BuildingFacts, LevelIssue, is_hazardous
from mixplan.engine.findings import Finding
from mixplan.engine.phasing import not_phased
from mixplan.engine.rule_reference import rule_source
from mixplan.engine.spatial import FootprintIndex
from mixplan.model.uses import NUISANCE_CLASSES, USES, nuisance_rank

__all__ = [
    "check_c09",
    "check_c10",
    "check_c12",
    "check_c13",
    "check_c14",
    "check_c15",
    "check_c21",
    "check_d01",
]

_SRC_C09 = rule_source("C09")
_SRC_C13 = rule_source("C13")
_SRC_C14 = rule_source("C14")
_SRC_C15 = rule_source("C15")
_SRC_C15_DISTANCE = rule_source("C15")
_SRC_C21 = rule_source("C21")
#: Overlap under which a footprint only touches the former ICPE's (drawing noise).
C21_MIN_OVERLAP_M2 = 1.0


def _loss_targets(ctx: Context) -> list[str]:
    lost = ctx.flows.lost_by_building
    return sorted(lost, key=lambda bid: (-lost[bid], bid))


def check_c09(ctx: Context) -> list[Finding]:
    """No net loss of productive-grade floor area.

    ``productive_sdp_m2 ≥ min_productive_retention × baseline's``; equal within
    :data:`~mixplan.engine.context.AREA_TOLERANCE_M2` passes (summation order
    never flips the verdict). With ``per_class``, also each productive use class
    of the baseline.
    """
    retention = ctx.number("C09", "min_productive_retention")
    after = ctx.indicators["productive_sdp_m2"]
    before = ctx.baseline["productive_sdp_m2"]
    limit = retention * before
    out: list[Finding] = []
    if falls_short(after, limit, AREA_TOLERANCE_M2):
        targets = _loss_targets(ctx)
        worst = ", ".join(
            f"{b} (−{m2(ctx.flows.lost_by_building[b])})" for b in targets[:5]
        )
        worst_fr = ", ".join(
            f"{b} (−{m2_fr(ctx.flows.lost_by_building[b])})" for b in targets[:5]
        )
        excluded = ctx.indicators["productive_non_grade_sdp_m2"]
        note = (
            f"; {m2(excluded)} of productive space is not productive-grade "
            "(C13) and does not count"
            if excluded > 0
            else ""
        )
        note_fr = (
            f" ; {m2_fr(excluded)} de locaux productifs hors normes (C13) "
            "ne comptent pas"
            if excluded > 0
            else ""
        )
        out.append(
            make_finding(
                "C09",
                "error",
                f"Productive-grade floor area falls to {m2(after)}, below "
                f"{retention:.0%} of the existing {m2(before)} (short by "
                f"{m2(limit - after)}); lost in: {worst or 'no single building'}{note}",
                f"La surface productive conforme tombe à {m2_fr(after)}, sous "
                f"{fr(retention, '.0%')} des {m2_fr(before)} existants (manque "
                f"{m2_fr(limit - after)}) ; perdue dans : {worst_fr or '—'}{note_fr}",
                _SRC_C09,
                after,
                limit,
                targets or ["site"],
            )
        )
    if ctx.rulebook.get("C09", "per_class"):
        for use, base_m2 in sorted(ctx.baseline_totals.grade_by_use.items()):
            now = ctx.totals.grade_by_use.get(use, 0.0)
            if base_m2 > 0 and falls_short(now, retention * base_m2, AREA_TOLERANCE_M2):
                label = USES[use]
                out.append(
                    make_finding(
                        "C09",
                        "error",
                        f"{label.label_en} floor area (productive-grade) falls to "
                        f"{m2(now)}, below {retention:.0%} of the existing "
                        f"{m2(base_m2)}",
                        f"La surface « {label.label_fr} » conforme tombe à "
                        f"{m2_fr(now)}, sous {fr(retention, '.0%')} des "
                        f"{m2_fr(base_m2)} existants",
                        _SRC_C09,
                        now,
                        retention * base_m2,
                        ["site"],
                    )
                )
    return out


def check_c10(ctx: Context) -> list[Finding]:
    """London-style capacity: ``SDP_P ≥ max(baseline SDP_P, plot_ratio × site)``."""
    ratio = ctx.number("C10", "plot_ratio")
    after = ctx.indicators["productive_sdp_m2"]
    limit = max(
        ctx.baseline["productive_sdp_m2"], ratio * ctx.indicators["site_area_m2"]
    )
    if not falls_short(after, limit, AREA_TOLERANCE_M2):
        return []
    return [
        make_finding(
            "C10",
            "error",
            f"Productive-grade floor area {m2(after)} is below the industrial capacity "
            f"{m2(limit)} (the greater of the existing floor area and {ratio:g} × "
            "the site area)",
            f"La surface productive conforme ({m2_fr(after)}) est sous la capacité "
            f"industrielle de {m2_fr(limit)} (existant ou {ratio:g} × le terrain)",
            rule_source("C10"),
            after,
            limit,
            ["site"],
        )
    ]


def check_d01(ctx: Context) -> list[Finding]:
    """Density rises: ``far > baseline far + min_far_increase`` (strict).

    Compared on floor area: the scenario's SDP must exceed the baseline's plus
    ``min_far_increase`` × the site area by more than
    :data:`~mixplan.engine.context.AREA_TOLERANCE_M2`, so two equal areas summed
    in a different order are equal (and fail, the rule being strict).
    """
    increase = ctx.number("D01", "min_far_increase")
    far, base = ctx.indicators["far"], ctx.baseline["far"]
    limit = base + increase
    site = ctx.indicators["site_area_m2"]
    required_sdp = ctx.baseline["sdp_m2"] + increase * site
    if ctx.indicators["sdp_m2"] > required_sdp + AREA_TOLERANCE_M2:
        return []
    return [
        make_finding(
            "D01",
            "error",
            f"Density does not rise: FAR {far:.3f} is not above the existing "
            f"{base:.3f}" + (f" + {increase:g}" if increase else ""),
            f"La densité n'augmente pas : COS {fr(far, '.3f')}, existant "
            f"{fr(base, '.3f')}" + (f" + {fr(increase, 'g')}" if increase else ""),
            rule_source("D01"),
            far,
            limit,
            ["site"],
        )
    ]


def check_c12(ctx: Context) -> list[Finding]:
    """Phasing and business continuity (DESIGN §16, :mod:`mixplan.engine.phasing`).

    A project without phases: the scenario is one phase, and an info says so.
    """
    if ctx.phasing is not None:
        return ctx.phasing()
    return [not_phased()]


def check_c13(ctx: Context) -> list[Finding]:
    """Productive-grade space: each failing level (warning), assumptions (info)."""
    out: list[Finding] = []
    assumed: list[str] = []
    flagged = ctx.flagged_facts
    failing = [f for f in flagged if f.non_grade]
    out.extend(
        ctx.each_building("C13", failing, lambda i, n: _c13_findings(failing[i], n))
    )
    for f in flagged:
        assumed.extend(issue.target for issue in f.assumed)
    if assumed:
        out.append(
            make_finding(
                "C13",
                "info",
                f"{len(assumed)} productive level(s) pass on assumed values (load not "
                "stated at ground level: slab on grade; access not stated: street); "
                "confirm them",
                f"{len(assumed)} niveau(x) productif(s) conforme(s) sur hypothèses "
                "(dallage sur terre-plein, accès par la rue) ; à confirmer",
                _SRC_C13,
                float(len(assumed)),
                None,
                assumed,
            )
        )
    return out


def check_c14(ctx: Context) -> list[Finding]:
    """Upper productive floors served: a freight lift ≥ 2 t per ≤ 2,000 m², or a ramp.

    Checked on new or altered buildings only (an existing building kept as is
    keeps its vertical circulation). The model holds one freight lift per building.
    """
    unserved = [f for f in ctx.flagged_facts if f.altered and f.unserved]
    return ctx.each_building(
        "C14", unserved, lambda i, n: _c14_findings(ctx, unserved[i], n)
    )


def check_c15(ctx: Context) -> list[Finding]:
    """Compatibility of ICPE activities with housing (the matrix of regimes).

    - a regime above ``max_nuisance_under_housing`` (default DC, so E) may not be
      directly under housing: housing on the same level or on the level right
      above (an intervening non-residential floor makes it acceptable);
    - ICPE A and Seveso share no building with housing;
    - ICPE A and Seveso keep housing of other buildings beyond a separation
      distance: the rulebook's distances are hypotheses (the hazard study and the
      PPRT set the real ones), and the findings say so.
    """
    limit_class = str(ctx.rulebook.get("C15", "max_nuisance_under_housing"))
    flagged = ctx.flagged_facts
    stacked = [f for f in flagged if f.stacking]
    out = ctx.each_building(
        "C15", stacked, lambda i, n: _c15_findings(stacked[i], limit_class, n)
    )
    hazards = [f for f in flagged if is_hazardous(f)]
    if not hazards:
        return out
    seveso = nuisance_rank("SEVESO")
    housing = {k for k, f in enumerate(ctx.facts) if f.has_housing}
    regimes = ["SEVESO" if f.hazard_rank >= seveso else "A" for f in hazards]
    distances = [
        ctx.number("C15", "separation_seveso_m" if r == "SEVESO" else "separation_a_m")
        for r in regimes
    ]
    positions = [ctx.index.position[f.id] for f in hazards]
    near = ctx.index.near(positions, distances)
    # One run in order: each hazard's own finding (sharing a building with
    # housing: the pair of it with itself), then its near housing buildings.
    get = ctx.buildings.get
    owners: list[tuple[BuildingFacts, BuildingFacts]] = []
    names: list[tuple[object, ...]] = []
    which: list[tuple[int, int]] = []
    for f, regime, distance, position, nearby in zip(
        hazards, regimes, distances, positions, near, strict=True
    ):
        name = ctx.name(f.id)
        if f.has_housing:
            owners.append((f, f))
            names.append((name, "", regime, distance, True))
            which.append((position, -1))
        for j in nearby:
            # a building is not "near" itself (sharing is the finding above)
            if j not in housing or j == position:
                continue
            other = ctx.facts[j]
            b = get(other.id)
            owners.append((f, other))
            names.append((name, "" if b is None else b.name, regime, distance))
            which.append((position, j))

    def make(i: int, item_names: tuple[Any, ...]) -> list[Finding]:
        position, j = which[i]
        if j >= 0:
            return _c15_distance_findings(ctx, position, j, item_names)
        f = owners[i][0]
        name, _, regime, distance, _ = item_names
        return [
            deferred_finding(
                "C15",
                "error",
                (_c15_shared_words, (f.id, name, regime)),
                _SRC_C15,
                0.0,
                distance,
                [f.id],
            )
        ]

    if ctx.kept is None:
        out.extend(x for i, n in enumerate(names) for x in make(i, n))
    else:
        out.extend(ctx.kept.run("C15 near", owners, names, make))
    return out


def check_c21(ctx: Context) -> list[Finding]:
    """Housing on the land of a former ICPE (Code de l'environnement L556-1).

    A baseline building of ICPE class D or above that the scenario demolishes or
    converts (no unchanged continuation), with housing of the scenario now on its
    footprint (overlap over 1 m²): warning, a soil study and the attestation
    that it was taken into account are required with the permit.
    """
    index = ctx.baseline_index
    if index is None or not ctx.baseline_facts:
        return []
    rank_d = nuisance_rank("D")
    former = [k for k, f in enumerate(ctx.baseline_facts) if f.hazard_rank >= rank_d]
    if not former:
        return []
    kept = {
        origin
        for origin, f in zip(ctx.origins, ctx.facts, strict=True)
        if origin is not None and not f.altered
    }
    former = [k for k in former if index.ids[k] not in kept]
    housing = np.fromiter((f.has_housing for f in ctx.facts), bool, len(ctx.facts))
    if not former or not housing.any():
        return []
    continuing = set(ctx.origins)
    # One bulk query: (former ICPE, scenario footprint) pairs whose shapes meet,
    # in the order of a query per former building.
    which, found = ctx.index.meeting(index, former)
    on_housing = housing[found]
    which, found = which[on_housing], found[on_housing]
    order = np.lexsort((found, which))
    which, found = which[order], found[order]
    # Each pair's finding (or none) is kept while both buildings' facts, names
    # and fates stay: only new pairs are intersected, in bulk.
    ks = [former[w] for w in which.tolist()]
    ps = found.tolist()
    ids = index.ids
    get, base_get = ctx.buildings.get, ctx.baseline_buildings.get
    names: list[tuple[object, ...]] = [
        (
            "" if (b := get(ctx.facts[p].id)) is None else b.name,
            "" if (former_b := base_get(ids[k])) is None else former_b.name,
            ids[k] in continuing,
        )
        for k, p in zip(ks, ps, strict=True)
    ]
    owners = [
        (ctx.baseline_facts[k], ctx.facts[p]) for k, p in zip(ks, ps, strict=True)
    ]

    def make_many(todo: list[int]) -> list[list[Finding]]:
        overlaps = shapely.area(
            shapely.intersection(
                index.geoms[[ks[q] for q in todo]],
                ctx.index.geoms[[ps[q] for q in todo]],
            )
        ).tolist()
        return [
            _c21_findings(ctx, ks[q], ps[q], names[q], overlap)
            for q, overlap in zip(todo, overlaps, strict=True)
        ]

    if ctx.kept is None:
        return [x for made in make_many(list(range(len(ks)))) for x in made]
    return ctx.kept.run("C21", owners, names, make_many=make_many)


def _c21_findings(
    ctx: Context, k: int, p: int, names: tuple[Any, ...], overlap: float
) -> list[Finding]:
    """The C21 finding of former ICPE ``k`` and housing building ``p``, if any."""
    if overlap <= C21_MIN_OVERLAP_M2:
        return []
    index = cast(FootprintIndex, ctx.baseline_index)
    bid, other = index.ids[k], ctx.facts[p].id
    regime = NUISANCE_CLASSES[ctx.baseline_facts[k].hazard_rank]
    other_name, former_name, continued = names
    words = (other, other_name, bid, former_name, regime, continued, overlap)
    return [
        deferred_finding(
            "C21",
            "warning",
            (_c21_words, words),
            _SRC_C21,
            overlap,
            None,
            [other, bid],
        )
    ]


# --- how the per-building findings read (worded when first read) -----------------


def _c13_words(bid: str, name: str, issue: LevelIssue) -> tuple[str, str]:
    en, fr_ = building_labels(bid, name)
    return (
        f"Building {en}, level {issue.label}: {m2(issue.sdp_m2)} not "
        f"productive-grade, excluded from C09 ({issue.detail_en})",
        f"Bâtiment {fr_}, niveau {issue.label} : {m2_fr(issue.sdp_m2)} "
        f"hors normes productives, exclus de C09 ({issue.detail_fr})",
    )


def _c13_findings(f: BuildingFacts, names: tuple[Any, ...]) -> list[Finding]:
    return [
        deferred_finding(
            "C13",
            "warning",
            (_c13_words, (f.id, names[0], issue)),
            _SRC_C13,
            issue.sdp_m2,
            None,
            [issue.target],
        )
        for issue in f.non_grade
    ]


def _c14_words(bid: str, name: str, issue: LevelIssue) -> tuple[str, str]:
    en, fr_ = building_labels(bid, name)
    return (
        f"Building {en}, level {issue.label}: {issue.detail_en}",
        f"Bâtiment {fr_}, niveau {issue.label} : {issue.detail_fr}",
    )


def _c14_findings(
    ctx: Context, f: BuildingFacts, names: tuple[Any, ...]
) -> list[Finding]:
    min_kg = ctx.number("C14", "min_freight_lift_kg")
    per_lift = ctx.number("C14", "max_m2_per_lift")
    lifted = f.freight_lift_kg > 0 and f.freight_lift_kg >= min_kg
    return [
        deferred_finding(
            "C14",
            "error",
            (_c14_words, (f.id, names[0], issue)),
            _SRC_C14,
            issue.sdp_m2 if lifted else f.freight_lift_kg,
            per_lift if lifted else min_kg,
            [issue.target],
        )
        for issue in f.unserved
    ]


def _c15_words(
    bid: str, name: str, issue: LevelIssue, limit_class: str
) -> tuple[str, str]:
    en, fr_ = building_labels(bid, name)
    return (
        f"Building {en}, level {issue.label}: {issue.detail_en}; above "
        f"ICPE {limit_class}, a separate building or a non-residential "
        "floor in between is needed",
        f"Bâtiment {fr_}, niveau {issue.label} : {issue.detail_fr} ; "
        f"au-delà du régime {limit_class}, un bâtiment distinct ou un "
        "niveau non résidentiel intercalé est requis",
    )


def _c15_findings(
    f: BuildingFacts, limit_class: str, names: tuple[Any, ...]
) -> list[Finding]:
    return [
        deferred_finding(
            "C15",
            "error",
            (_c15_words, (f.id, names[0], issue, limit_class)),
            _SRC_C15,
            None,
            None,
            [issue.target],
        )
        for issue in f.stacking
    ]


def _c15_shared_words(bid: str, name: str, regime: str) -> tuple[str, str]:
    en, fr_ = building_labels(bid, name)
    return (
        f"Building {en} hosts an ICPE {regime} activity and housing: "
        "they need separate buildings",
        f"Le bâtiment {fr_} accueille une ICPE {regime} et du logement : "
        "bâtiments distincts requis",
    )


def _c15_distance_words(
    bid: str,
    name: str,
    regime: str,
    gap: float,
    other: str,
    other_name: str,
    distance: float,
) -> tuple[str, str]:
    en, fr_ = building_labels(bid, name)
    other_en, other_fr = building_labels(other, other_name)
    return (
        f"Building {en} (ICPE {regime}) is {gap:.1f} m from housing in "
        f"building {other_en}, within the {distance:g} m assumed as "
        "separation distance (a hypothesis: take the distances of the "
        "hazard study or of the PPRT)",
        f"Le bâtiment {fr_} (ICPE {regime}) est à "
        f"{fr(gap, '.1f')} m du logement du bâtiment "
        f"{other_fr}, en deçà des {fr(distance, 'g')} m retenus comme "
        "distance d'isolement (hypothèse : retenir les distances de "
        "l'étude de dangers ou du PPRT)",
    )


def _c15_distance_findings(
    ctx: Context, position: int, j: int, names: tuple[Any, ...]
) -> list[Finding]:
    """The C15 finding of hazard ``position`` and housing building ``j``, if near."""
    name, other_name, regime, distance = names
    index = ctx.index
    gap = float(index.geoms[position].distance(index.geoms[j]))
    if gap >= distance:
        return []
    bid, other = index.ids[position], index.ids[j]
    words = (bid, name, regime, gap, other, other_name, distance)
    return [
        deferred_finding(
            "C15",
            "error",
            (_c15_distance_words, words),
            _SRC_C15_DISTANCE,
            gap,
            distance,
            [bid, other],
        )
    ]


def _c21_words(
    other: str,
    other_name: str,
    bid: str,
    former_name: str,
    regime: str,
    continued: bool,
    overlap: float,
) -> tuple[str, str]:
    other_en, other_fr = building_labels(other, other_name)
    former_en, former_fr = building_labels(bid, former_name)
    fate_en = "converted" if continued else "demolished"
    fate_fr = "transformé" if continued else "démoli"
    return (
        f"Building {other_en} puts housing on the land of former ICPE "
        f"building {former_en} (class {regime}, {fate_en}; "
        f"{m2(overlap)} of its footprint): a soil study and the "
        "attestation that its findings are taken into account (ATTES) "
        "must be filed with the building permit",
        f"Le bâtiment {other_fr} place du logement sur le terrain de "
        f"l'ancienne ICPE {former_fr} (régime {regime}, {fate_fr} ; "
        f"{m2_fr(overlap)} de son emprise) : une étude de sols et "
        "l'attestation de sa prise en compte (ATTES) sont à joindre au "
        "permis de construire",
    )
