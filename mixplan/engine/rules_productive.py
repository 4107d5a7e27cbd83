"""Rules on productive floor area and density: C09, C10, C12, C13, C14, C15, D01.

Each function takes the :class:`~mixplan.engine.context.Context` of a scenario and
returns its findings; thresholds are read from the rulebook, sources are given by
the registry in :mod:`mixplan.engine.rules`.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress, repeat
from operator import attrgetter
from typing import cast

import numpy as np
import shapely
from numpy.typing import NDArray

from mixplan.engine.context import (
    AREA_TOLERANCE_M2,
    LENGTH_TOLERANCE_M,
    Context,
    FactsKeys,
    falls_short,
    fr,
    m2,
    m2_fr,
    make_finding,
)
from mixplan.engine.facts import (
    COL_ALTERED,
    COL_HAS_HOUSING,
    COL_HAZARD,
    BuildingFacts,
    LevelIssue,
)
from mixplan.engine.facts_store import located_at
from mixplan.engine.finding_records import FindingBlock, FindingList, listing_block
from mixplan.engine.findings import Finding
from mixplan.engine.footprint_tree import box_gaps, pair_order
from mixplan.engine.level_issues import IssueRows
from mixplan.engine.phasing import not_phased
from mixplan.engine.rule_reference import rule_source
from mixplan.model.naming import building_reference
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


_HAZARD_RANK = attrgetter("hazard_rank")


def _ranks(facts: Sequence[BuildingFacts]) -> NDArray[np.int64]:
    """Each building's ICPE nuisance rank, at C speed."""
    return np.fromiter(map(_HAZARD_RANK, facts), np.int64, len(facts))


def check_c13(ctx: Context) -> Sequence[Finding]:
    """Productive-grade space: each failing level (warning), assumptions (info)."""
    flagged = ctx.flagged_facts
    # (Counted now, flattened when a row is read: most are only counted.)
    issues = IssueRows(flagged, "non_grade", ctx.flagged_rows)

    def words(row: int, lang: str) -> str:
        bid = issues.owner(row).id
        return _c13_words(bid, ctx.name(bid), issues.issue(row), lang)

    failing = FindingBlock(
        "C13", "warning", _SRC_C13, len(issues), issues.targets, words, issues.area,
    )  # fmt: skip
    assumed = IssueRows(flagged, "assumed", ctx.flagged_rows)
    if not len(assumed):
        return failing
    info = listing_block(
        "C13", "info", _SRC_C13, assumed.listed(),
        (
            "{count} productive level(s) pass on assumed values (load not "
            "stated at ground level: slab on grade; access not stated: street); "
            "confirm them",
            "{count} niveau(x) productif(s) conforme(s) sur hypothèses "
            "(dallage sur terre-plein, accès par la rue) ; à confirmer",
        ),
    )  # fmt: skip
    return FindingList([failing, info])


def check_c14(ctx: Context) -> Sequence[Finding]:
    """Upper productive floors served: a freight lift ≥ 2 t per ≤ 2,000 m², or a ramp.

    Checked on new or altered buildings only (an existing building kept as is
    keeps its vertical circulation). The model holds one freight lift per building.
    """
    min_kg = ctx.number("C14", "min_freight_lift_kg")
    per_lift = ctx.number("C14", "max_m2_per_lift")
    flagged_at = np.asarray(ctx.flagged, np.intp)
    altered = ctx.column(COL_ALTERED)[flagged_at] != 0
    # (where the flagged records read their values is found once for the
    # rules: the altered ones' are a part of it, not looked for again)
    located = ctx.flagged_rows
    issues = IssueRows(
        list(compress(ctx.flagged_facts, altered.tolist())),
        "unserved",
        None if located is None else located_at(located, altered),
    )

    def lifted(f: BuildingFacts) -> bool:
        return f.freight_lift_kg > 0 and f.freight_lift_kg >= min_kg

    def measured(row: int) -> float:
        f = issues.owner(row)
        return issues.issue(row).sdp_m2 if lifted(f) else f.freight_lift_kg

    def words(row: int, lang: str) -> str:
        bid = issues.owner(row).id
        return _c14_words(bid, ctx.name(bid), issues.issue(row), lang)

    return FindingBlock(
        "C14", "error", _SRC_C14, len(issues), issues.targets, words, measured,
        lambda row: per_lift if lifted(issues.owner(row)) else min_kg,
    )  # fmt: skip


def check_c15(ctx: Context) -> Sequence[Finding]:
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
    issues = IssueRows(flagged, "stacking", ctx.flagged_rows)

    def words(row: int, lang: str) -> str:
        bid = issues.owner(row).id
        return _c15_words(bid, ctx.name(bid), issues.issue(row), limit_class, lang)

    stacked = FindingBlock(
        "C15", "error", _SRC_C15, len(issues), issues.targets, words,
    )  # fmt: skip
    flagged_at = np.asarray(ctx.flagged, np.intp)
    ranks = ctx.column(COL_HAZARD)[flagged_at]
    hazardous = ranks >= nuisance_rank("A")
    if not hazardous.any():
        return stacked
    # (The facts are in the index's order: a flagged position is the footprint's.)
    return FindingList(
        [stacked, _c15_separation(ctx, flagged_at[hazardous], ranks[hazardous])]
    )


def _c15_separation(
    ctx: Context, own: NDArray[np.intp], ranks: NDArray[np.float64]
) -> FindingBlock:
    """ICPE A and Seveso sharing a building with housing, or near housing.

    ``own`` are the positions of the buildings with an ICPE A or Seveso
    activity, and ``ranks`` their nuisance ranks. Only housing footprints
    whose box meets a hazard's grown by its distance are measured, in bulk
    (kept between evaluations while both buildings' facts stay).
    """
    is_seveso = ranks >= nuisance_rank("SEVESO")
    regimes = ["SEVESO" if s else "A" for s in is_seveso.tolist()]
    limit = np.where(
        is_seveso,
        ctx.number("C15", "separation_seveso_m"),
        ctx.number("C15", "separation_a_m"),
    )
    housing = ctx.column(COL_HAS_HOUSING) > 0
    # Pairs (hazard h, housing building j) in order of h then j; not itself
    # (that is the sharing).
    which, found = ctx.index.box_candidates(own, limit)
    candidate = housing[found] & (found != own[which])
    which, found = which[candidate], found[candidate]
    geoms = ctx.index.geoms
    # Boxes apart by the limit or more: their shapes are too (not measured).
    bounds = ctx.index.bounds
    apart = box_gaps(bounds[own[which]], bounds[found])
    maybe = apart < limit[which] + LENGTH_TOLERANCE_M
    which, found = which[maybe], found[maybe]
    order = pair_order(which, found, len(ctx.index.ids))
    pair_h, pair_j = which[order], found[order]

    def measure(todo: NDArray[np.intp]) -> NDArray[np.float64]:
        gaps: NDArray[np.float64] = shapely.distance(
            geoms[own[pair_h[todo]]], geoms[pair_j[todo]]
        )
        return gaps

    if ctx.kept is None:
        gaps = measure(np.arange(len(pair_h)))
    else:
        facts = tuple(ctx.facts)
        gaps = ctx.kept.measures(
            "C15 near", FactsKeys(facts, own[pair_h]), FactsKeys(facts, pair_j),
            facts, measure,
        )  # fmt: skip
    close = _closer_than(geoms[own[pair_h]], geoms[pair_j], gaps, limit[pair_h])
    shared = np.flatnonzero(housing[own])
    which = np.concatenate([shared, pair_h[close]])
    other = np.concatenate([np.full(len(shared), -1), pair_j[close]])
    gap = np.concatenate([np.zeros(len(shared)), gaps[close]])
    order = np.argsort(which, kind="stable")
    rows_h, rows_j = which[order].tolist(), other[order].tolist()
    rows_gap = gap[order].tolist()
    ids = ctx.index.ids
    hazard_ids = [ids[p] for p in own.tolist()]
    distances = limit.tolist()

    def targets(row: int) -> tuple[str, ...]:
        bid, j = hazard_ids[rows_h[row]], rows_j[row]
        return (bid,) if j < 0 else (bid, ids[j])

    def words(row: int, lang: str) -> str:
        h, j = rows_h[row], rows_j[row]
        bid = hazard_ids[h]
        if j < 0:
            return _c15_shared_words(bid, ctx.name(bid), regimes[h], lang)
        return _c15_distance_words(
            bid, ctx.name(bid), regimes[h], rows_gap[row], ids[j], ctx.name(ids[j]),
            distances[h], lang,
        )  # fmt: skip

    return FindingBlock(
        "C15", "error", _SRC_C15, len(rows_h), targets, words, rows_gap,
        lambda row: distances[rows_h[row]],
    )  # fmt: skip


def _closer_than(
    hazards: NDArray[np.object_],
    others: NDArray[np.object_],
    gaps: NDArray[np.float64],
    limits: NDArray[np.float64],
) -> NDArray[np.bool_]:
    """Whether each pair is closer than its limit, as the rule states it.

    Within ``limits`` (a query ``dwithin``) and at a distance under it. GEOS
    decides "within" by another algorithm than it measures: the two may
    differ in the last bits, so at the limit (closer by less than a
    micrometre) the query decides too, as it would for the hazard alone (its
    shape prepared: a copy, the model's stays as it is).
    """
    close = gaps < limits
    edge = np.flatnonzero(close & (gaps >= limits - LENGTH_TOLERANCE_M))
    if len(edge):
        copies = shapely.from_wkb(shapely.to_wkb(hazards[edge]))
        shapely.prepare(copies)
        close[edge] = shapely.dwithin(copies, others[edge], limits[edge])
    return close


def check_c21(ctx: Context) -> Sequence[Finding]:
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
    ranks = (
        _ranks(ctx.baseline_facts)
        if ctx.baseline_matrix is None
        else ctx.baseline_matrix[:, COL_HAZARD]
    )
    if not (ranks >= rank_d).any():
        return []
    # (Every Python step below runs over all buildings at C speed: one edit
    # must not cost Python work per building.)
    # The baseline positions of the unaltered buildings' origins (-1: new).
    if ctx.origin_positions is not None:
        kept_at = ctx.origin_positions[ctx.column(COL_ALTERED) == 0]
    else:
        unaltered = (ctx.column(COL_ALTERED) == 0).tolist()
        position = cast("dict[str | None, int]", index.position)  # (None: none)
        kept_at = np.fromiter(
            map(position.get, compress(ctx.origins, unaltered), repeat(-1)), np.intp
        )
    kept = np.zeros(len(index.ids), bool)
    kept[kept_at[kept_at >= 0]] = True
    former = np.flatnonzero((ranks >= rank_d) & ~kept)
    housing = ctx.column(COL_HAS_HOUSING) > 0
    if not len(former) or not housing.any():
        return []
    # One bulk query: (former ICPE, scenario housing footprint) pairs whose
    # boxes meet (no predicate: shapes that do not meet overlap by 0 m²), in
    # the order of a query per former building.
    which, found = ctx.index.box_pairs(index.geoms[former])
    on_housing = housing[found]
    which, found = which[on_housing], found[on_housing]
    order = pair_order(which, found, len(ctx.index.ids))
    ks, found = former[which[order]], found[order]

    def measure(todo: NDArray[np.intp]) -> NDArray[np.float64]:
        former_land = index.geoms[ks[todo]]
        now = ctx.index.geoms[found[todo]]
        # A building converted on its own footprint covers all of it: its
        # area, without an intersection. "Its own footprint" is the same
        # coordinates, not only the same shape object: a project opened from
        # a file has its scenarios' footprints read apart from the baseline's.
        same = shapely.equals_identical(former_land, now)
        areas = np.empty(len(todo))
        # (the area the index measured: the same measure of the same shape)
        areas[same] = index.areas[ks[todo][same]]
        other = ~same
        areas[other] = shapely.area(
            shapely.intersection(former_land[other], now[other])
        )
        return areas

    # Each pair's overlap is kept while both buildings' facts stay: only new
    # pairs are intersected, in bulk.
    if ctx.kept is None:
        overlaps = measure(np.arange(len(ks)))
    else:
        existing, facts = tuple(ctx.baseline_facts), tuple(ctx.facts)
        overlaps = ctx.kept.measures(
            "C21", FactsKeys(existing, ks), FactsKeys(facts, found),
            (existing, facts), measure,
        )  # fmt: skip
    on_land = np.flatnonzero(overlaps > C21_MIN_OVERLAP_M2)
    rows_k, rows_p = ks[on_land].tolist(), found[on_land].tolist()
    area = overlaps[on_land].tolist()
    # The origins still in the scenario (converted, not demolished), as a set
    # when a message is first worded.
    origins = tuple(ctx.origins)
    continuing: list[set[str | None]] = []

    def targets(row: int) -> tuple[str, ...]:
        return (ctx.facts[rows_p[row]].id, index.ids[rows_k[row]])

    def words(row: int, lang: str) -> str:
        k, other = rows_k[row], ctx.facts[rows_p[row]].id
        bid = index.ids[k]
        regime = NUISANCE_CLASSES[ctx.baseline_facts[k].hazard_rank]
        if not continuing:
            continuing.append(set(origins))
        return _c21_words(
            other, ctx.name(other), bid, ctx.name(bid, baseline=True), regime,
            bid in continuing[0], area[row], lang,
        )  # fmt: skip

    return FindingBlock("C21", "warning", _SRC_C21, len(area), targets, words, area)


# --- how the per-building findings read (worded when first read) -----------------


def _c13_words(bid: str, name: str, issue: LevelIssue, lang: str) -> str:
    who = building_reference(bid, name, lang)
    if lang == "fr":
        return (
            f"Bâtiment {who}, niveau {issue.label} : {m2_fr(issue.sdp_m2)} "
            f"hors normes productives, exclus de C09 ({issue.detail_fr})"
        )
    return (
        f"Building {who}, level {issue.label}: {m2(issue.sdp_m2)} not "
        f"productive-grade, excluded from C09 ({issue.detail_en})"
    )


def _c14_words(bid: str, name: str, issue: LevelIssue, lang: str) -> str:
    who = building_reference(bid, name, lang)
    if lang == "fr":
        return f"Bâtiment {who}, niveau {issue.label} : {issue.detail_fr}"
    return f"Building {who}, level {issue.label}: {issue.detail_en}"


def _c15_words(
    bid: str, name: str, issue: LevelIssue, limit_class: str, lang: str
) -> str:
    who = building_reference(bid, name, lang)
    if lang == "fr":
        return (
            f"Bâtiment {who}, niveau {issue.label} : {issue.detail_fr} ; "
            f"au-delà du régime {limit_class}, un bâtiment distinct ou un "
            "niveau non résidentiel intercalé est requis"
        )
    return (
        f"Building {who}, level {issue.label}: {issue.detail_en}; above "
        f"ICPE {limit_class}, a separate building or a non-residential "
        "floor in between is needed"
    )


def _c15_shared_words(bid: str, name: str, regime: str, lang: str) -> str:
    who = building_reference(bid, name, lang)
    if lang == "fr":
        return (
            f"Le bâtiment {who} accueille une ICPE {regime} et du logement : "
            "bâtiments distincts requis"
        )
    return (
        f"Building {who} hosts an ICPE {regime} activity and housing: "
        "they need separate buildings"
    )


def _c15_distance_words(
    bid: str, name: str, regime: str, gap: float, other: str, other_name: str,
    distance: float, lang: str,
) -> str:  # fmt: skip
    who = building_reference(bid, name, lang)
    near = building_reference(other, other_name, lang)
    if lang == "fr":
        return (
            f"Le bâtiment {who} (ICPE {regime}) est à "
            f"{fr(gap, '.1f')} m du logement du bâtiment "
            f"{near}, en deçà des {fr(distance, 'g')} m retenus comme "
            "distance d'isolement (hypothèse : retenir les distances de "
            "l'étude de dangers ou du PPRT)"
        )
    return (
        f"Building {who} (ICPE {regime}) is {gap:.1f} m from housing in "
        f"building {near}, within the {distance:g} m assumed as "
        "separation distance (a hypothesis: take the distances of the "
        "hazard study or of the PPRT)"
    )


def _c21_words(
    other: str, other_name: str, bid: str, former_name: str, regime: str,
    continued: bool, overlap: float, lang: str,
) -> str:  # fmt: skip
    who = building_reference(other, other_name, lang)
    former = building_reference(bid, former_name, lang)
    if lang == "fr":
        fate = "transformé" if continued else "démoli"
        return (
            f"Le bâtiment {who} place du logement sur le terrain de "
            f"l'ancienne ICPE {former} (régime {regime}, {fate} ; "
            f"{m2_fr(overlap)} de son emprise) : une étude de sols et "
            "l'attestation de sa prise en compte (ATTES) sont à joindre au "
            "permis de construire"
        )
    fate = "converted" if continued else "demolished"
    return (
        f"Building {who} puts housing on the land of former ICPE "
        f"building {former} (class {regime}, {fate}; "
        f"{m2(overlap)} of its footprint): a soil study and the "
        "attestation that its findings are taken into account (ATTES) "
        "must be filed with the building permit"
    )
