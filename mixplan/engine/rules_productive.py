"""Rules on productive floor area and density: C09, C10, C12, C13, C14, C15, D01.

Each function takes the :class:`~mixplan.engine.context.Context` of a scenario and
returns its findings; thresholds are read from the rulebook, sources are given by
the registry in :mod:`mixplan.engine.rules`.
"""

from __future__ import annotations

from mixplan.engine.context import Context, m2, m2_fr, make_finding
from mixplan.engine.facts import is_hazardous
from mixplan.engine.findings import Finding
from mixplan.engine.phasing import not_phased
from mixplan.model.uses import USES, nuisance_rank

__all__ = [
    "check_c09",
    "check_c10",
    "check_c12",
    "check_c13",
    "check_c14",
    "check_c15",
    "check_d01",
]

_SRC_C09 = "domain/RULES.md §2.3–2.4 (London Plan E4/E7: no net loss)"
_SRC_C13 = "domain/RULES.md §3.1–3.3, §6 C13 (I)"
_SRC_C15 = "domain/RULES.md §3.6 (ICPE regimes, compatibility matrix)"


def _loss_targets(ctx: Context) -> list[str]:
    lost = ctx.flows.lost_by_building
    return sorted(lost, key=lambda bid: (-lost[bid], bid))


def check_c09(ctx: Context) -> list[Finding]:
    """No net loss of productive-grade floor area.

    ``productive_sdp_m2 ≥ min_productive_retention × baseline's``; exactly equal
    passes. With ``per_class``, also each productive use class of the baseline.
    """
    retention = ctx.number("C09", "min_productive_retention")
    after = ctx.indicators["productive_sdp_m2"]
    before = ctx.baseline["productive_sdp_m2"]
    limit = retention * before
    out: list[Finding] = []
    if after < limit:
        targets = _loss_targets(ctx)
        worst = ", ".join(
            f"{b} (−{m2(ctx.flows.lost_by_building[b])})" for b in targets[:5])
        worst_fr = ", ".join(
            f"{b} (−{m2_fr(ctx.flows.lost_by_building[b])})" for b in targets[:5])
        excluded = ctx.indicators["productive_non_grade_sdp_m2"]
        note = (f"; {m2(excluded)} of productive space is not productive-grade "
                "(C13) and does not count" if excluded > 0 else "")
        note_fr = (f" ; {m2_fr(excluded)} de locaux productifs hors normes (C13) "
                   "ne comptent pas" if excluded > 0 else "")
        out.append(make_finding(
            "C09", "error",
            f"Productive-grade floor area falls to {m2(after)}, below "
            f"{retention:.0%} of the existing {m2(before)} (short by "
            f"{m2(limit - after)}); lost in: {worst or 'no single building'}{note}",
            f"La surface productive conforme tombe à {m2_fr(after)}, sous "
            f"{retention:.0%} des {m2_fr(before)} existants (manque "
            f"{m2_fr(limit - after)}) ; perdue dans : {worst_fr or '—'}{note_fr}",
            _SRC_C09, after, limit, targets or ["site"]))
    if ctx.rulebook.get("C09", "per_class"):
        for use, base_m2 in sorted(ctx.baseline_totals.grade_by_use.items()):
            now = ctx.totals.grade_by_use.get(use, 0.0)
            if base_m2 > 0 and now < retention * base_m2:
                label = USES[use]
                out.append(make_finding(
                    "C09", "error",
                    f"{label.label_en} floor area (productive-grade) falls to "
                    f"{m2(now)}, below {retention:.0%} of the existing "
                    f"{m2(base_m2)}",
                    f"La surface « {label.label_fr} » conforme tombe à "
                    f"{m2_fr(now)}, sous {retention:.0%} des {m2_fr(base_m2)} "
                    "existants",
                    _SRC_C09, now, retention * base_m2, ["site"]))
    return out


def check_c10(ctx: Context) -> list[Finding]:
    """London-style capacity: ``SDP_P ≥ max(baseline SDP_P, plot_ratio × site)``."""
    ratio = ctx.number("C10", "plot_ratio")
    after = ctx.indicators["productive_sdp_m2"]
    limit = max(ctx.baseline["productive_sdp_m2"],
                ratio * ctx.indicators["site_area_m2"])
    if after >= limit:
        return []
    return [make_finding(
        "C10", "error",
        f"Productive-grade floor area {m2(after)} is below the industrial capacity "
        f"{m2(limit)} (the greater of the existing floor area and {ratio:g} × "
        "the site area)",
        f"La surface productive conforme ({m2_fr(after)}) est sous la capacité "
        f"industrielle de {m2_fr(limit)} (existant ou {ratio:g} × le terrain)",
        "domain/RULES.md §2.3 (London Plan para 6.4.5, 65 % plot ratio)",
        after, limit, ["site"])]


def check_d01(ctx: Context) -> list[Finding]:
    """Density rises: ``far > baseline far + min_far_increase`` (strict)."""
    increase = ctx.number("D01", "min_far_increase")
    far, base = ctx.indicators["far"], ctx.baseline["far"]
    limit = base + increase
    if far > limit:
        return []
    return [make_finding(
        "D01", "error",
        f"Density does not rise: FAR {far:.3f} is not above the existing "
        f"{base:.3f}" + (f" + {increase:g}" if increase else ""),
        f"La densité n'augmente pas : COS {far:.3f}, existant {base:.3f}"
        + (f" + {increase:g}" if increase else ""),
        "DESIGN §9 (density rises while productive floor area is kept)",
        far, limit, ["site"])]


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
    for f in ctx.flagged_facts:
        for issue in f.non_grade:
            out.append(make_finding(
                "C13", "warning",
                f"Building {f.id}, level {issue.label}: {m2(issue.sdp_m2)} not "
                f"productive-grade, excluded from C09 ({issue.detail_en})",
                f"Bâtiment {f.id}, niveau {issue.label} : {m2_fr(issue.sdp_m2)} "
                f"hors normes productives, exclus de C09 ({issue.detail_fr})",
                _SRC_C13, issue.sdp_m2, None, [issue.target]))
        assumed.extend(issue.target for issue in f.assumed)
    if assumed:
        out.append(make_finding(
            "C13", "info",
            f"{len(assumed)} productive level(s) pass on assumed values (load not "
            "stated at ground level: slab on grade; access not stated: street); "
            "confirm them",
            f"{len(assumed)} niveau(x) productif(s) conforme(s) sur hypothèses "
            "(dallage sur terre-plein, accès par la rue) ; à confirmer",
            _SRC_C13, float(len(assumed)), None, assumed))
    return out


def check_c14(ctx: Context) -> list[Finding]:
    """Upper productive floors served: a freight lift ≥ 2 t per ≤ 2,000 m², or a ramp.

    Checked on new or altered buildings only (an existing building kept as is
    keeps its vertical circulation). The model holds one freight lift per building.
    """
    min_kg = ctx.number("C14", "min_freight_lift_kg")
    per_lift = ctx.number("C14", "max_m2_per_lift")
    source = "domain/RULES.md §3.3, §6 C14 (I)"
    out: list[Finding] = []
    for f in ctx.flagged_facts:
        if not f.altered:
            continue
        for issue in f.unserved:
            lifted = f.freight_lift_kg > 0 and f.freight_lift_kg >= min_kg
            out.append(make_finding(
                "C14", "error",
                f"Building {f.id}, level {issue.label}: {issue.detail_en}",
                f"Bâtiment {f.id}, niveau {issue.label} : {issue.detail_fr}",
                source,
                issue.sdp_m2 if lifted else f.freight_lift_kg,
                per_lift if lifted else min_kg,
                [issue.target]))
    return out


def check_c15(ctx: Context) -> list[Finding]:
    """Compatibility of stacking, and separation of ICPE A / Seveso from housing."""
    limit_class = str(ctx.rulebook.get("C15", "max_nuisance_under_housing"))
    out: list[Finding] = []
    flagged = ctx.flagged_facts
    for f in flagged:
        for issue in f.stacking:
            out.append(make_finding(
                "C15", "error",
                f"Building {f.id}, level {issue.label}: {issue.detail_en}; at most "
                f"{limit_class} is allowed under housing",
                f"Bâtiment {f.id}, niveau {issue.label} : {issue.detail_fr} ; "
                f"au plus {limit_class} sous du logement",
                _SRC_C15, None, None, [issue.target]))
    hazards = [f for f in flagged if is_hazardous(f)]
    if not hazards:
        return out
    seveso = nuisance_rank("SEVESO")
    housing = {k for k, f in enumerate(ctx.facts) if f.has_housing}
    for f in hazards:
        regime = "SEVESO" if f.hazard_rank >= seveso else "A"
        distance = ctx.number(
            "C15", "separation_seveso_m" if regime == "SEVESO" else "separation_a_m")
        if f.has_housing:
            out.append(make_finding(
                "C15", "error",
                f"Building {f.id} hosts an ICPE {regime} activity and housing: "
                "they need separate buildings",
                f"Le bâtiment {f.id} accueille une ICPE {regime} et du logement : "
                "bâtiments distincts requis",
                _SRC_C15, 0.0, distance, [f.id]))
        geom = ctx.index.geoms[ctx.index.position[f.id]]
        for j in ctx.index.within(geom, distance):
            if j not in housing or j == ctx.index.position[f.id]:
                continue
            other = ctx.index.ids[j]
            gap = float(geom.distance(ctx.index.geoms[j]))
            if gap >= distance:
                continue
            out.append(make_finding(
                "C15", "error",
                f"Building {f.id} (ICPE {regime}) is {gap:.1f} m from housing in "
                f"building {other}; at least {distance:g} m needed",
                f"Le bâtiment {f.id} (ICPE {regime}) est à {gap:.1f} m du logement "
                f"du bâtiment {other} ; {distance:g} m requis",
                _SRC_C15, gap, distance, [f.id, other]))
    return out
