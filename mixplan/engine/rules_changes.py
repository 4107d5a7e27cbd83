"""Rules that judge what a scenario changes (DESIGN §9, turn-2 conventions).

- **No worsening of an existing shortfall** (Conseil d'État, 27 May 1988,
  *Sekler*: work on a non-conforming building is allowed when it does not make
  the non-conformity worse). A site-level threshold rule (C02, C06, C07, C19,
  C20) that the existing state already fails is, in a scenario, at its usual
  severity only when the scenario is worse than the existing state on that
  measure, and otherwise a warning "existing shortfall kept".
- **C22**: the footprints of two buildings of one state overlap by more than
  1 m² (their floor area would be counted twice): an error naming both.
- **U02**: a building (or ground cover) the scenario changed whose
  existing-state building (cover) was edited since (the scenario keeps its own
  version): information naming it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import shapely

from mixplan.engine.context import Context, fr, make_finding
from mixplan.engine.finding_records import listing_block
from mixplan.engine.findings import Finding
from mixplan.engine.level_issues import IssueRows

__all__ = [
    "NO_WORSENING",
    "check_c13_typical_load",
    "check_c22",
    "check_u02",
    "judge_against_existing",
]

#: Where the typical design loads of C13's typical-load info come from.
C13_TYPICAL_LOAD_SOURCE = (
    "Eurocode 1 (NF EN 1991-1-1), imposed loads by category of use"
)
#: Overlap of two footprints above which C22 reports them (m², strict).
C22_MAX_OVERLAP_M2 = 1.0
#: Measures differing by less than this are equal (areas summed in another
#: order differ by a few ulps, DESIGN §9).
_TOLERANCE = 1e-9

_SRC_C22 = "Code de l'urbanisme, art. R111-22 (each square metre of floor counted once)"
_SRC_U02 = "Existing state edited after the scenario changed this building"
_SRC_U02_COVER = "Existing state edited after the scenario changed this ground cover"

#: Rule id -> (measure of the shortfall from the indicators, True if higher is
#: worse). Exactly the measure each rule compares with its limit.
NO_WORSENING: dict[str, tuple[Callable[[dict[str, Any]], float], bool]] = {
    "C02": (lambda ind: float(ind["coverage"]), True),
    "C06": (lambda ind: float(ind["open_soil_ratio"]), False),
    "C07": (lambda ind: float(ind["cbs"]), False),
    "C19": (lambda ind: float(ind["parking_demand"] - ind["parking_supply"]), True),
    "C20": (
        lambda ind: float(ind["loading_bays_required"] - ind["loading_bays"]),
        True,
    ),
}


def judge_against_existing(
    rule_id: str,
    check: Callable[[Context], Sequence[Finding]],
    ctx: Context,
    produced: Sequence[Finding],
) -> Sequence[Finding]:
    """Apply the no-worsening convention to a scenario's findings of one rule.

    ``produced`` are the findings of ``check`` on the scenario. When the existing
    state fails the same rule and the scenario is not worse on its measure, they
    become warnings saying the existing shortfall is kept.
    """
    if not produced or ctx.is_baseline or rule_id not in NO_WORSENING:
        return produced
    existing = replace(ctx, indicators=ctx.baseline, is_baseline=True, kept=None)
    if not check(existing):
        return produced  # the existing state complies: the rule as it is
    measure, higher_is_worse = NO_WORSENING[rule_id]
    now, before = measure(ctx.indicators), measure(ctx.baseline)
    worse = now > before + _TOLERANCE if higher_is_worse else now < before - _TOLERANCE
    if worse:
        return [
            f.replace(
                message=f.message + " (worse than the existing state)",
                message_fr=(f.message_fr + " (pire que l'état existant)")
                if f.message_fr
                else "",
            )
            for f in produced
        ]
    return [
        f.replace(
            severity="warning",
            message="Existing shortfall kept: " + f.message,
            message_fr=("Insuffisance existante maintenue : " + f.message_fr)
            if f.message_fr
            else "",
        )
        for f in produced
    ]


def check_c22(ctx: Context) -> list[Finding]:
    """Footprints of two buildings overlapping by more than 1 m² (error)."""
    index = ctx.index
    pairs = sorted(index.overlaps)
    if not pairs:
        return []
    position = index.overlap_position
    left = [index.footprints[position[a]] for a, _ in pairs]
    right = [index.footprints[position[b]] for _, b in pairs]
    areas = shapely.area(shapely.intersection(left, right)).tolist()
    out = []
    for (a, b), area in zip(pairs, areas, strict=True):
        if area > C22_MAX_OVERLAP_M2:
            (a_en, a_fr), (b_en, b_fr) = ctx.labels(a), ctx.labels(b)
            out.append(
                make_finding(
                    "C22",
                    "error",
                    f"Buildings {a_en} and {b_en} overlap by {area:,.1f} m² "
                    "(their floor area would count twice)",
                    f"Les bâtiments {a_fr} et {b_fr} se chevauchent sur "
                    f"{fr(area, ',.1f')} m² (surface comptée deux fois)",
                    _SRC_C22,
                    area,
                    C22_MAX_OVERLAP_M2,
                    [a, b],
                )
            )
    return out


def check_c13_typical_load(ctx: Context) -> Sequence[Finding]:
    """Upper or basement productive levels passing C13 only on an assumed load.

    An upper or basement level rests on a suspended slab: its rated load is the
    one thing a survey must confirm before its floor area counts as productive.
    """
    levels = IssueRows(ctx.flagged_facts, "typical_load", ctx.flagged_rows)
    if not len(levels):
        return []
    return listing_block(
        "C13", "info", C13_TYPICAL_LOAD_SOURCE, levels.listed(),
        (
            "{count} upper or basement productive level(s) pass only on "
            "the typical design load of their use (load not stated); confirm the "
            "floor's rated load",
            "{count} niveau(x) productif(s) en étage ou en sous-sol "
            "conforme(s) sur la seule charge type de l'usage (charge non "
            "renseignée) ; à confirmer",
        ),
    )  # fmt: skip


def check_u02(ctx: Context) -> list[Finding]:
    """Changed buildings and covers whose existing-state one was edited since."""
    labels = [(bid, *ctx.labels(bid)) for bid in ctx.outdated]
    return [
        make_finding(
            "U02",
            "info",
            f"Building {en}: the existing state was edited after this scenario "
            "changed it; the scenario keeps its own version (take the existing "
            "version to follow the correction)",
            f"Bâtiment {fr_} : l'état existant a été modifié après que ce scénario "
            "l'a changé ; le scénario garde sa version (reprendre la version "
            "existante pour suivre la correction)",
            _SRC_U02,
            targets=[bid],
        )
        for bid, en, fr_ in labels
    ] + [
        make_finding(
            "U02",
            "info",
            f"Ground cover {cid}: the existing state was edited after this "
            "scenario changed it; the scenario keeps its own version (take the "
            "existing version to follow the correction)",
            f"Revêtement de sol {cid} : l'état existant a été modifié après que ce "
            "scénario l'a changé ; le scénario garde sa version (reprendre la "
            "version existante pour suivre la correction)",
            _SRC_U02_COVER,
            targets=["site"],
        )
        for cid in ctx.outdated_covers
    ]
