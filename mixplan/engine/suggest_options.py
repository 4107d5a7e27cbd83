"""The choices a suggested scenario is made of (DESIGN §15), measured by the engine.

Every building of the source scenario and every ``parking`` or ``sealed`` ground
cover is a *body* with a short list of *variants*, exactly one of which the
optimiser picks:

- a building: kept as it is; raised by 1 … ``suggest.max_added_storeys`` storeys
  of housing (3.0 m, on the outline of its top level); some of its
  non-productive levels above ground converted to housing; a freight lift
  fitted (which serves its upper productive floors, C13/C14); and the
  combinations of these;
- a cover: kept; de-sealed (turned into open soil); or built on: a new building
  on the cover's polygon (within the site) inset by ``C05.min_setback_m``, with a
  productive-grade ground floor (5.5 m, 15 kN/m², street access, craft, ICPE NC)
  and 0 … n storeys of housing up to the height limit, with a plain or a green
  roof.

Each variant is a real :class:`~mixplan.model.project.Building` (or cover) whose
contribution comes from the engine's own :func:`~mixplan.engine.facts.building_facts`,
so the optimiser's arithmetic is the engine's. Variants that an engine rule on
the building alone rejects (C03 height, C05 distance to the site boundary, C14,
C15) are set aside with the reason, for the explanation.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from mixplan.engine.facts import Assumptions, BuildingFacts, building_facts
from mixplan.engine.land import cover_coefficients, cover_regions
from mixplan.engine.spatial import TOUCHING_M, FootprintIndex
from mixplan.model.naming import building_reference
from mixplan.model.project import (
    COVER_TYPES,
    Allocation,
    Building,
    GroundCover,
    Level,
    Project,
    Scenario,
)
from mixplan.model.rulebook import Rulebook
from mixplan.model.uses import USES, Family, nuisance_rank

__all__ = [
    "ADDED_STOREY_M",
    "OPTIONS",
    "Body",
    "Dropped",
    "Variant",
    "site_bodies",
]

#: Floor-to-floor of a storey of housing the optimiser adds (DESIGN §15).
ADDED_STOREY_M = 3.0
#: The productive-grade ground floor of a new building (DESIGN §15).
NEW_GROUND_FLOOR = Level.of(
    5.5, "craft", load_kn_m2=15.0, access="street", nuisance="NC"
)
#: Covers the optimiser may build on or de-seal.
BUILDABLE_COVERS = tuple(c for c in ("parking", "sealed") if c in COVER_TYPES)
#: A new building smaller than this is not worth drawing (m²).
MIN_NEW_FOOTPRINT_M2 = 50.0
#: Above this many convertible levels, only "the top j levels" are offered.
_MAX_SUBSET_LEVELS = 3

#: The options a user may allow or forbid, by name.
OPTIONS: tuple[str, ...] = ("raise", "convert", "lift", "build", "deseal", "green_roof")

_RANK_A = nuisance_rank("A")


@dataclass(frozen=True, slots=True)
class Dropped:
    """A variant an engine rule on the building alone rejects, and why."""

    rule: str
    message: str
    message_fr: str


@dataclass(slots=True)
class Variant:
    """One way a body can be in the suggested scenario."""

    body: int
    #: The building of this variant; ``None`` when the body has none (a cover
    #: kept or de-sealed).
    building: Building | None
    #: What the scenario's cover becomes (de-sealing), else ``None``.
    cover: GroundCover | None
    actions: tuple[str, ...]
    description: str
    description_fr: str
    facts: BuildingFacts | None = None
    #: Ground effect: m² gained (+) or lost (−) by each cover type.
    ground: dict[str, float] = field(default_factory=dict)
    #: Footprint the variant adds to the site's (new buildings only).
    new_footprint_m2: float = 0.0
    storeys_added: int = 0

    @property
    def altered(self) -> bool:
        return self.facts is not None and self.facts.altered

    @property
    def exists(self) -> bool:
        return self.building is not None

    @property
    def height_m(self) -> float:
        return self.facts.height_m if self.facts is not None else 0.0

    @property
    def is_keep(self) -> bool:
        return self.actions == ("keep",)


@dataclass(slots=True)
class Body:
    """A building or cover of the source scenario and its variants."""

    id: str
    kind: str  # "building" or "cover"
    #: The footprint shared by every variant that has a building, else None.
    footprint: Polygon | None
    variants: list[Variant] = field(default_factory=list)
    dropped: list[tuple[Variant, Dropped]] = field(default_factory=list)
    #: Distance of the footprint to the site boundary (inf without a site).
    boundary_gap: float = math.inf
    #: The cover polygon (covers only): covers overlapping it exclude each other.
    cover_geometry: BaseGeometry | None = None
    #: The name the user gave the building (covers have none).
    name: str = ""

    def reference(self, lang: str = "en") -> str:
        """How a sentence names the body: its name and id, or its id alone."""
        return building_reference(self.id, self.name, lang)


_HOUSING = Allocation("housing", 1.0)


def _housing_storey(outline: Polygon | None) -> Level:
    return Level(ADDED_STOREY_M, (_HOUSING,), polygon=outline)


def _convertible(building: Building) -> list[int]:
    """Levels that may become housing: above ground, with no productive use.

    Offices, shops, facilities, unassigned floor, and also car parks and
    technical rooms above ground (a car park storey turned into flats): every
    non-productive level that is not housing already.
    """
    out = []
    for position, level in enumerate(building.levels):
        if position < building.basements:
            continue
        families = {USES[a.use].family for a in level.uses}
        if Family.PRODUCTIVE in families:
            continue
        if families <= {Family.HOUSING}:
            continue
        out.append(position)
    return out


def _conversion_sets(positions: list[int]) -> list[tuple[int, ...]]:
    """Every subset of a few levels; above that, the top j levels (j = 0 … n)."""
    if len(positions) <= _MAX_SUBSET_LEVELS:
        return [
            c for r in range(len(positions) + 1) for c in combinations(positions, r)
        ]
    return [tuple(positions[len(positions) - j :]) for j in range(len(positions) + 1)]


class _Measure:
    """Facts and per-building rule checks of candidate buildings."""

    def __init__(self, project: Project, rb: Rulebook, baseline: Scenario) -> None:
        self.a = Assumptions.of(rb)
        self.rb = rb
        self.baseline = baseline
        self.enabled = {r: rb.enabled(r) for r in ("C03", "C05", "C14", "C15")}
        self.max_height = rb.number("C03", "max_height_m")
        self.k = rb.number("C05", "k")
        self.lmin = rb.number("C05", "min_setback_m")
        self.everyone = bool(rb.get("C05", "existing_buildings"))
        self.min_lift = rb.number("C14", "min_freight_lift_kg")

    def facts(self, building: Building) -> BuildingFacts:
        origin = (
            self.baseline.buildings.get(building.origin)
            if building.origin is not None
            else None
        )
        return building_facts(building, origin, self.a)

    def setback_required(self, height_m: float) -> float:
        return max(self.k * height_m, self.lmin)

    def problem(
        self, facts: BuildingFacts, boundary_gap: float, name: str = ""
    ) -> Dropped | None:
        """The first per-building error rule the building fails, if any.

        ``name`` is the building's name as the user gave it: the messages name
        the building by it (with its id), or by its id when it has none.
        """
        bid = building_reference(facts.id, name)
        bid_fr = building_reference(facts.id, name, "fr")
        if self.enabled["C15"] and facts.stacking:
            issue = facts.stacking[0]
            return Dropped(
                "C15",
                f"compatible stacking on {bid} ({issue.detail_en})",
                f"superposition compatible sur {bid_fr} ({issue.detail_fr})",
            )
        if self.enabled["C15"] and facts.has_housing and facts.hazard_rank >= _RANK_A:
            return Dropped(
                "C15",
                f"ICPE A or Seveso activity in {bid}",
                f"activité ICPE A ou Seveso dans {bid_fr}",
            )
        if not facts.altered:
            if (
                self.enabled["C05"]
                and self.everyone
                and TOUCHING_M
                < boundary_gap
                < self.setback_required(facts.height_m) - 1e-9
            ):
                return Dropped(
                    "C05",
                    f"setback from the site boundary on {bid}",
                    f"prospect sur la limite du terrain pour {bid_fr}",
                )
            return None
        if self.enabled["C03"] and facts.height_m > self.max_height:
            return Dropped(
                "C03",
                f"height limit on {bid} ({self.max_height:g} m)",
                f"hauteur maximale sur {bid_fr} ({self.max_height:g} m)",
            )
        if self.enabled["C14"] and facts.unserved:
            return Dropped(
                "C14",
                f"freight lift for the upper productive floors of {bid}",
                f"monte-charge pour les étages productifs de {bid_fr}",
            )
        if (
            self.enabled["C05"]
            and TOUCHING_M < boundary_gap < self.setback_required(facts.height_m) - 1e-9
        ):
            return Dropped(
                "C05",
                f"setback from the site boundary on {bid} ({boundary_gap:.1f} m)",
                f"prospect sur la limite du terrain pour {bid_fr} "
                f"({boundary_gap:.1f} m)",
            )
        return None


def _add(body: Body, variant: Variant, measure: _Measure) -> None:
    if variant.building is not None:
        variant.facts = measure.facts(variant.building)
        # A new building on a cover has only the name the optimiser gave it.
        name = variant.building.name if body.kind == "building" else ""
        problem = measure.problem(variant.facts, body.boundary_gap, name)
        if problem is not None:
            body.dropped.append((variant, problem))
            return
    body.variants.append(variant)


def _building_variants(
    body: Body,
    building: Building,
    measure: _Measure,
    allowed: Collection[str],
    max_added: int,
) -> None:
    """Keep, raise, convert, fit a lift, and their combinations."""
    seen: set[tuple[object, ...]] = set()
    conversions = (
        _conversion_sets(_convertible(building)) if "convert" in allowed else [()]
    )
    storeys = range(max_added + 1) if "raise" in allowed else range(1)
    lifted = (
        building.freight_lift_kg > 0 and building.freight_lift_kg >= measure.min_lift
    )
    lifts = (False, True) if "lift" in allowed and not lifted else (False,)
    # New storeys on the outline of the top level; when that is set back, also
    # on the whole footprint (the storeys below carry it).
    top = building.levels[-1].polygon
    outlines = (top,) if top is None else (top, None)
    for converted in conversions:
        levels = list(building.levels)
        for position in converted:
            levels[position] = replace(levels[position], uses=(_HOUSING,))
        for added, outline in itertools.product(storeys, outlines):
            stack = tuple(levels) + (_housing_storey(outline),) * added
            for lift in lifts:
                key = (converted, added, outline if added else top, lift)
                if key in seen:
                    continue
                seen.add(key)
                actions: list[str] = []
                en: list[str] = []
                fr: list[str] = []
                if added:
                    actions.append("raise")
                    whole = outline is None and top is not None
                    en.append(
                        f"add {added} storey(s) of housing"
                        + (" on the whole footprint" if whole else "")
                    )
                    fr.append(
                        f"ajouter {added} étage(s) de logement"
                        + (" sur toute l'emprise" if whole else "")
                    )
                if converted:
                    actions.append("convert")
                    labels = ", ".join(f"R+{p - building.basements}" for p in converted)
                    en.append(f"convert {labels} to housing")
                    fr.append(f"convertir {labels} en logement")
                if lift:
                    actions.append("lift")
                    en.append(f"fit a {measure.min_lift:,.0f} kg freight lift")
                    fr.append(
                        f"installer un monte-charge de {measure.min_lift:,.0f} kg"
                    )
                new = (
                    building
                    if not actions
                    else replace(
                        building,
                        levels=stack,
                        freight_lift_kg=(
                            measure.min_lift if lift else building.freight_lift_kg
                        ),
                    )
                )
                _add(
                    body,
                    Variant(
                        -1,
                        new,
                        None,
                        tuple(actions) or ("keep",),
                        "; ".join(en) or "keep",
                        "; ".join(fr) or "conserver",
                        storeys_added=added,
                    ),
                    measure,
                )


def _new_building_id(taken: set[str], cover_id: str) -> str:
    base = f"new-{cover_id}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def _ground_effect(
    footprint: BaseGeometry, regions: dict[str, BaseGeometry]
) -> dict[str, float]:
    """m² each cover type loses under ``footprint`` (negative numbers)."""
    out: dict[str, float] = {}
    for cover_type, region in regions.items():
        area = float(shapely.intersection(region, footprint).area)
        if area > 0:
            out[cover_type] = -area
    return out


def _cover_variants(
    body: Body,
    cover: GroundCover,
    measure: _Measure,
    allowed: Collection[str],
    regions: dict[str, BaseGeometry],
    site: BaseGeometry | None,
    index: FootprintIndex,
    taken: set[str],
) -> None:
    """Keep, de-seal, or build a productive ground floor with housing above."""
    body.variants.append(Variant(-1, None, None, ("keep",), "keep", "conserver"))
    ground = cover.geometry if site is None else cover.geometry.intersection(site)
    if "deseal" in allowed:
        under = index.footprints_touching_any([ground])
        free = (
            shapely.difference(ground, shapely.union_all(under))
            if len(under)
            else ground
        )
        effect = _ground_effect(
            free, {t: g for t, g in regions.items() if t != "open_soil"}
        )
        gained = -sum(effect.values())
        if gained > 0:
            effect["open_soil"] = gained
            body.variants.append(
                Variant(
                    -1,
                    None,
                    GroundCover(cover.id, "open_soil", cover.geometry),
                    ("deseal",),
                    f"de-seal {cover.id} into open soil",
                    f"désimperméabiliser {cover.id} en pleine terre",
                    ground=effect,
                )
            )
    if "build" not in allowed:
        return
    # Every point at least Lmin inside the cover (round joins: the exact inset).
    inset = shapely.buffer(ground, -measure.lmin)
    pieces = [
        g
        for g in getattr(inset, "geoms", [inset])
        if isinstance(g, Polygon) and not g.is_empty
    ]
    if not pieces:
        return
    footprint = max(pieces, key=lambda g: g.area)
    if footprint.area < MIN_NEW_FOOTPRINT_M2:
        return
    under = index.footprints_touching_any([footprint])
    if (
        len(under)
        and float(shapely.intersection(footprint, shapely.union_all(under)).area) > 1e-6
    ):
        return
    body.footprint = footprint
    if site is not None:
        body.boundary_gap = float(footprint.distance(site.boundary))
    bid = _new_building_id(taken, cover.id)
    effect = _ground_effect(footprint, regions)
    roofs = ("plain", "green") if "green_roof" in allowed else ("plain",)
    storeys = max(
        0,
        math.floor(
            (measure.max_height - NEW_GROUND_FLOOR.height_m) / ADDED_STOREY_M + 1e-9
        ),
    )
    for housing in range(storeys + 2):  # one too many: its C03 drop is explained
        levels = (NEW_GROUND_FLOOR,) + (Level.of(ADDED_STOREY_M, "housing"),) * housing
        for roof in roofs:
            building = Building(
                bid, f"New building on {cover.id}", footprint, levels, roof=roof
            )
            green = " with a green roof" if roof == "green" else ""
            green_fr = " avec toiture végétalisée" if roof == "green" else ""
            _add(
                body,
                Variant(
                    -1,
                    building,
                    None,
                    ("build",) + (("green_roof",) if green else ()),
                    f"build {footprint.area:,.0f} m² on {cover.id}: productive ground "
                    f"floor + {housing} storey(s) of housing{green}",
                    f"construire {footprint.area:,.0f} m² sur {cover.id} : "
                    f"rez-de-chaussée productif + {housing} étage(s) de logement"
                    f"{green_fr}",
                    ground=effect,
                    new_footprint_m2=float(footprint.area),
                    storeys_added=housing,
                ),
                measure,
            )


def site_bodies(
    project: Project,
    source: Scenario,
    allowed: Collection[str] = OPTIONS,
    frozen: Collection[str] = (),
) -> tuple[list[Body], FootprintIndex, dict[str, BaseGeometry]]:
    """Every body of the source scenario with its variants.

    Parameters
    ----------
    project
        The project (rulebook, site, baseline).
    source
        The scenario the suggestion starts from.
    allowed
        Names of :data:`OPTIONS` the optimiser may use.
    frozen
        Ids of buildings and covers to keep as they are.

    Returns
    -------
    bodies, index, regions
        The bodies; the footprint index of the source scenario; where each cover
        type counts in it (:func:`~mixplan.engine.land.cover_regions`).
    """
    rb = project.rulebook
    measure = _Measure(project, rb, project.baseline)
    site = project.site.boundary if project.site is not None else None
    is_baseline = source is project.baseline
    buildings = list(source.buildings.values())
    index = FootprintIndex(
        [b.id for b in buildings], [b.footprint for b in buildings], site
    )
    coefficients = cover_coefficients(rb)
    regions = cover_regions(list(source.cover.values()), index, site, coefficients)
    max_added = int(rb.number("suggest", "max_added_storeys"))
    gaps = index.boundary_distance(np.arange(len(buildings)))
    bodies: list[Body] = []
    for building, gap in zip(buildings, gaps.tolist(), strict=True):
        continued = replace(building, origin=building.id) if is_baseline else building
        body = Body(
            building.id,
            "building",
            building.footprint,
            boundary_gap=gap,
            name=building.name,
        )
        if building.id in frozen:
            _add(
                body,
                Variant(-1, continued, None, ("keep",), "keep", "conserver"),
                measure,
            )
        else:
            _building_variants(body, continued, measure, allowed, max_added)
        bodies.append(body)
    taken = set(source.buildings)
    for cover in source.cover.values():
        if cover.cover not in BUILDABLE_COVERS or cover.id in frozen:
            continue
        body = Body(cover.id, "cover", None, cover_geometry=cover.geometry)
        _cover_variants(body, cover, measure, allowed, regions, site, index, taken)
        if len(body.variants) > 1 or body.dropped:
            bodies.append(body)
    for position, body in enumerate(bodies):
        for variant in body.variants:
            variant.body = position
        for variant, _ in body.dropped:
            variant.body = position
    return bodies, index, regions


def bodies_of(bodies: Sequence[Body], kind: str) -> list[Body]:
    """The bodies of one kind (``"building"`` or ``"cover"``)."""
    return [b for b in bodies if b.kind == kind]
