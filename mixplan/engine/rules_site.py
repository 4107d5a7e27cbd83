"""Rules on built form, land and servicing: C02–C08, C11, C19, C20, U01.

Built-form rules (C03 height, C05 setbacks) judge new or altered buildings only:
an existing building kept as it is keeps its rights (``C05.existing_buildings``
extends C05 to them). Setbacks follow RULES §1.5: ``L ≥ max(k × H, Lmin)`` to the
site boundary (H the building's height) and between buildings (H the taller of
the two); footprints that touch (built on the limit, or attached) are allowed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mixplan.engine.context import (
    AREA_TOLERANCE_M2,
    LENGTH_TOLERANCE_M,
    Context,
    falls_short,
    fr,
    m2,
    m2_fr,
    make_finding,
    overshoots,
)
from mixplan.engine.facts import (
    COL_ALTERED,
    COL_BAYS,
    COL_GRADE,
    COL_HEIGHT,
    COL_HOUSING_ONLY,
    COL_NON_GRADE,
    COL_TOP_FLOOR,
)
from mixplan.engine.finding_records import FindingBlock, FindingList
from mixplan.engine.findings import Finding
from mixplan.engine.level_issues import IssueRows
from mixplan.engine.rule_reference import rule_source
from mixplan.engine.spatial import TOUCHING_M
from mixplan.model.naming import building_reference

__all__ = [
    "check_c02",
    "check_c03",
    "check_c04",
    "check_c05",
    "check_c06",
    "check_c07",
    "check_c08",
    "check_c11",
    "check_c19",
    "check_c20",
    "check_u01",
]


def check_c02(ctx: Context) -> list[Finding]:
    """Coverage (CES) ≤ ``max_coverage``; equal (within 1e-6 m²) passes."""
    limit = ctx.number("C02", "max_coverage")
    coverage = ctx.indicators["coverage"]
    site = ctx.indicators["site_area_m2"]
    if not overshoots(ctx.indicators["footprint_m2"], limit * site, AREA_TOLERANCE_M2):
        return []
    return [
        make_finding(
            "C02",
            "error",
            f"Coverage {coverage:.1%} exceeds the maximum {limit:.0%} "
            f"({m2(ctx.indicators['footprint_m2'])} of footprint)",
            f"L'emprise au sol {fr(coverage, '.1%')} dépasse le maximum de "
            f"{fr(limit, '.0%')}",
            rule_source("C02"),
            coverage,
            limit,
            ["site"],
        )
    ]


def check_c03(ctx: Context) -> Sequence[Finding]:
    """Height of each new or altered building ≤ ``max_height_m``."""
    limit = ctx.number("C03", "max_height_m")
    if not len(ctx.matrix):
        return []
    high = (ctx.column(COL_ALTERED) > 0) & (
        ctx.column(COL_HEIGHT) > limit + LENGTH_TOLERANCE_M
    )
    tall = [ctx.facts[p] for p in np.flatnonzero(high).tolist()]

    def words(row: int, lang: str) -> str:
        f = tall[row]
        return _c03_words(f.id, ctx.name(f.id), f.height_m, limit, lang)

    return FindingBlock(
        "C03", "error", _SRC_C03, len(tall), lambda row: (tall[row].id,), words,
        lambda row: tall[row].height_m, limit,
    )  # fmt: skip


def check_c04(ctx: Context) -> Sequence[Finding]:
    """High-rise (IGH) warning: top occupied floor above 28 m (50 m for housing)."""
    other = ctx.number("C04", "igh_non_residential_m")
    housing = ctx.number("C04", "igh_residential_m")
    if not len(ctx.matrix):
        return []
    limits = np.where(ctx.column(COL_HOUSING_ONLY) > 0, housing, other)
    top = ctx.column(COL_TOP_FLOOR)
    high = np.flatnonzero(top > limits + LENGTH_TOLERANCE_M)
    found = [ctx.facts[p] for p in high.tolist()]
    limit = limits[high].tolist()

    def words(row: int, lang: str) -> str:
        f = found[row]
        return _c04_words(f.id, ctx.name(f.id), f.top_floor_m, limit[row], lang)

    return FindingBlock(
        "C04", "warning", _SRC_C04, len(found), lambda row: (found[row].id,), words,
        lambda row: found[row].top_floor_m, limit,
    )  # fmt: skip


def check_c05(ctx: Context) -> Sequence[Finding]:
    """Setbacks ``L ≥ max(k × H, Lmin)`` to the site boundary and between buildings."""
    k = ctx.number("C05", "k")
    lmin = ctx.number("C05", "min_setback_m")
    everyone = bool(ctx.rulebook.get("C05", "existing_buildings"))
    facts = ctx.facts
    if not facts:
        return []
    heights = ctx.column(COL_HEIGHT)
    checked = ctx.column(COL_ALTERED) > 0
    if everyone:
        checked = np.ones(len(facts), dtype=bool)
    if not checked.any():
        return []
    required = np.maximum(k * heights, lmin)
    gap = np.full(len(facts), np.inf)
    positions = np.flatnonzero(checked)
    # (Footprints further than the widest setback need not be measured.)
    gap[positions] = ctx.index.boundary_distance(
        positions, within=float(required[positions].max())
    )
    near = np.flatnonzero(checked & (gap > TOUCHING_M) & (gap < required - 1e-9))
    # (The index holds the ids in the facts' order: read at C speed.)
    id_at = ctx.index.ids.__getitem__
    near_ids = list(map(id_at, near.tolist()))
    near_gap, near_required = gap[near].tolist(), required[near].tolist()
    near_height = heights[near].tolist()

    def boundary(row: int, lang: str) -> str:
        bid = near_ids[row]
        return _c05_boundary_words(
            bid, ctx.name(bid), k, lmin, near_gap[row], near_required[row],
            near_height[row], lang,
        )  # fmt: skip

    out: list[Sequence[Finding]] = [
        FindingBlock(
            "C05",
            "error",
            _SRC_C05,
            len(near_ids),
            lambda row: (near_ids[row],),
            boundary,
            near_gap,
            near_required,
        )  # fmt: skip
    ]
    i, j, d = ctx.index.neighbour_pairs(required, wanted=checked)
    if len(i):
        need = np.maximum(k * np.maximum(heights[i], heights[j]), lmin)
        close = np.flatnonzero(
            (checked[i] | checked[j]) & (d > TOUCHING_M) & (d < need - 1e-9)
        )
        # (the positions of the pairs: their ids are read when a row is,
        # tens of thousands of them at 100,000 buildings, each out of the cache)
        firsts, seconds = i[close].tolist(), j[close].tolist()
        apart, needed = d[close].tolist(), need[close].tolist()

        def pair(row: int) -> tuple[str, str]:
            return id_at(firsts[row]), id_at(seconds[row])

        def between(row: int, lang: str) -> str:
            a, b = pair(row)
            return _c05_pair_words(
                a, ctx.name(a), b, ctx.name(b), k, lmin, apart[row], needed[row], lang
            )

        out.append(
            FindingBlock(
                "C05", "error", _SRC_C05, len(firsts), pair, between, apart, needed,
            )  # fmt: skip
        )
    return FindingList(out)


def check_c06(ctx: Context) -> list[Finding]:
    """Open soil (pleine terre) ÷ site ≥ ``min_open_soil_ratio``; equal passes."""
    limit = ctx.number("C06", "min_open_soil_ratio")
    ratio = ctx.indicators["open_soil_ratio"]
    site = ctx.indicators["site_area_m2"]
    if not falls_short(ctx.indicators["open_soil_m2"], limit * site, AREA_TOLERANCE_M2):
        return []
    return [
        make_finding(
            "C06",
            "error",
            f"Open soil covers {ratio:.1%} of the site "
            f"({m2(ctx.indicators['open_soil_m2'])}), below the minimum {limit:.0%}",
            f"La pleine terre couvre {fr(ratio, '.1%')} du terrain, sous le minimum de "
            f"{fr(limit, '.0%')}",
            rule_source("C06"),
            ratio,
            limit,
            ["site"],
        )
    ]


def check_c07(ctx: Context) -> list[Finding]:
    """Biotope coefficient (CBS) ≥ ``min_cbs``; equal (within 1e-6 m²) passes."""
    limit = ctx.number("C07", "min_cbs")
    cbs = ctx.indicators["cbs"]
    site = ctx.indicators["site_area_m2"]
    if not falls_short(cbs * site, limit * site, AREA_TOLERANCE_M2):
        return []
    return [
        make_finding(
            "C07",
            "error",
            f"Biotope coefficient (CBS) {cbs:.2f} is below the minimum {limit:.2f}",
            f"Le coefficient de biotope {fr(cbs, '.2f')} est sous le minimum de "
            f"{fr(limit, '.2f')}",
            rule_source("C07"),
            cbs,
            limit,
            ["site"],
        )
    ]


def check_c08(ctx: Context) -> list[Finding]:
    """Net new artificialised land ≤ ``max_net_new_artificialised_m2`` (warning)."""
    limit = ctx.number("C08", "max_net_new_artificialised_m2")
    net = ctx.indicators["net_new_artificialised_m2"]
    if not overshoots(net, limit, AREA_TOLERANCE_M2):
        return []
    return [
        make_finding(
            "C08",
            "warning",
            f"The scenario artificialises {m2(net)} of land net of renaturation "
            f"(target ≤ {m2(limit)})",
            f"Le scénario artificialise {m2_fr(net)} nets (objectif ≤ {m2_fr(limit)})",
            rule_source("C08"),
            net,
            limit,
            ["site"],
        )
    ]


def check_c11(ctx: Context) -> list[Finding]:
    """Yard space: no net loss against the baseline."""
    before = ctx.baseline_ground.area_by_cover["yard"]
    after = ctx.ground.area_by_cover["yard"]
    # Yard areas are recomputed from overlaid shapes, so an unchanged yard can come
    # back a few ulps smaller; that float noise is not a loss.
    if not falls_short(after, before, AREA_TOLERANCE_M2 + before * 1e-9):
        return []
    return [
        make_finding(
            "C11",
            "error",
            f"Yard space falls from {m2(before)} to {m2(after)}",
            f"Les cours de service passent de {m2_fr(before)} à {m2_fr(after)}",
            rule_source("C11"),
            after,
            before,
            ["site"],
        )
    ]


def check_c19(ctx: Context) -> list[Finding]:
    """Parking supply covers demand (warning); equal (within 1e-6 space) passes."""
    supply = ctx.indicators["parking_supply"]
    demand = ctx.indicators["parking_demand"]
    if not falls_short(supply, demand, 1e-6):
        return []
    return [
        make_finding(
            "C19",
            "warning",
            f"Parking supply of {supply:.0f} spaces is below the estimated demand of "
            f"{demand:.0f}",
            f"L'offre de {fr(supply, '.0f')} places est inférieure au besoin estimé de "
            f"{fr(demand, '.0f')}",
            rule_source("C19"),
            supply,
            demand,
            ["site"],
        )
    ]


def check_c20(ctx: Context) -> list[Finding]:
    """Loading bays: at least one per ``m2_per_loading_bay`` of productive SDP."""
    bays = ctx.indicators["loading_bays"]
    required = ctx.indicators["loading_bays_required"]
    if bays >= required:
        return []
    productive = ctx.column(COL_GRADE) + ctx.column(COL_NON_GRADE)
    lacking = (productive > 0) & (ctx.column(COL_BAYS) == 0)
    targets = [ctx.facts[p].id for p in np.flatnonzero(lacking).tolist()]
    return [
        make_finding(
            "C20",
            "warning",
            f"{bays} loading bay(s) for {required} required (1 per "
            f"{m2(ctx.number('C20', 'm2_per_loading_bay'))} of productive floor area)",
            f"{bays} aire(s) de livraison pour {required} requise(s)",
            rule_source("C20"),
            float(bays),
            float(required),
            targets or ["site"],
        )
    ]


def check_u01(ctx: Context) -> list[Finding]:
    """Floor area with no use assigned (warning)."""
    area = ctx.totals.unassigned_gfa
    if area <= 0:
        return []
    targets = IssueRows(ctx.flagged_facts, "unassigned", ctx.flagged_rows).every()
    return [
        make_finding(
            "U01",
            "warning",
            f"{m2(area)} of floor area has no use assigned ({len(targets)} level(s)); "
            "it counts in GFA and SDP but in no family",
            f"{m2_fr(area)} de plancher sans usage affecté ({len(targets)} niveau(x))",
            rule_source("U01"),
            area,
            0.0,
            targets,
        )
    ]


# --- how the per-building findings read (worded when first read) -----------------

_SRC_C03 = rule_source("C03")
_SRC_C04 = rule_source("C04")
_SRC_C05 = rule_source("C05")


def _c03_words(bid: str, name: str, height: float, limit: float, lang: str) -> str:
    who = building_reference(bid, name, lang)
    if lang == "fr":
        return (
            f"Le bâtiment {who} mesure {fr(height, '.1f')} m, au-dessus du "
            f"maximum de {fr(limit, 'g')} m"
        )
    return f"Building {who} is {height:.1f} m high, above the maximum {limit:g} m"


def _c04_words(bid: str, name: str, top: float, limit: float, lang: str) -> str:
    who = building_reference(bid, name, lang)
    if lang == "fr":
        return (
            f"Bâtiment {who} : dernier plancher à {fr(top, '.1f')} m, "
            f"au-dessus du seuil IGH de {fr(limit, 'g')} m"
        )
    return (
        f"Building {who}: top occupied floor at {top:.1f} m, "
        f"above the high-rise (IGH) threshold of {limit:g} m"
    )


def _c05_boundary_words(
    bid: str, name: str, k: float, lmin: float, gap: float, required: float,
    height: float, lang: str,
) -> str:  # fmt: skip
    who = building_reference(bid, name, lang)
    if lang == "fr":
        return (
            f"Le bâtiment {who} est à {fr(gap, '.1f')} m de la limite du terrain ; "
            f"{fr(required, '.1f')} m requis"
        )
    return (
        f"Building {who} is {gap:.1f} m from the site boundary; at least "
        f"{required:.1f} m needed (max({k:g} × {height:.1f} m, {lmin:g} m))"
    )


def _c05_pair_words(
    a: str, a_name: str, b: str, b_name: str, k: float, lmin: float, d: float,
    need: float, lang: str,
) -> str:  # fmt: skip
    first = building_reference(a, a_name, lang)
    second = building_reference(b, b_name, lang)
    if lang == "fr":
        return (
            f"Les bâtiments {first} et {second} sont à {fr(d, '.1f')} m ; "
            f"{fr(need, '.1f')} m requis"
        )
    return (
        f"Buildings {first} and {second} are {d:.1f} m apart; at least "
        f"{need:.1f} m needed (max({k:g} × H, {lmin:g} m))"
    )
