"""The synthetic business park every benchmark measures: a grid of buildings.

Productive ground floors (craft and retail, 12 kN/m², street access, ICPE D) under
craft or housing-and-office upper floors, with strips of ground cover, in Lambert-93
coordinates with millimetre widths (as a saved project holds them).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from shapely.geometry import box

from mixplan.model import Building, GroundCover, Level, Project, Scenario, Site

X0, Y0 = 652_000.0, 6_862_000.0
SPACING = 30.0


def synthetic_project(n: int, levels: int = 5, seed: int = 0) -> Project:
    """A grid of ``n`` buildings: productive ground floors under mixed uppers."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n)))
    project = Project.new(f"bench-{n}")
    project.site = Site(
        box(X0 - 10, Y0 - 10, X0 + side * SPACING + 10, Y0 + side * SPACING + 10),
        "Banc d'essai",
    )
    for k in range(n):
        x, y = X0 + (k % side) * SPACING, Y0 + (k // side) * SPACING
        w, h = round(rng.uniform(10, 22), 3), round(rng.uniform(10, 22), 3)
        stack = [
            Level.of(
                5.5,
                {"craft": 0.7, "retail": 0.3},
                load_kn_m2=12.0,
                access="street",
                nuisance="D",
            )
        ]
        for _ in range(1, levels):
            if k % 3 == 0:
                stack.append(Level.of(4.2, "craft", load_kn_m2=6.0))
            else:
                stack.append(Level.of(2.9, {"housing": 0.8, "office": 0.2}))
        project.baseline.buildings[f"b{k}"] = Building(
            f"b{k}",
            f"Bâtiment {k}",
            box(x, y, x + w, y + h),
            tuple(stack),
            freight_lift_kg=3000.0 if k % 3 == 0 else 0.0,
            loading_bays=k % 2,
            parking_spaces=4,
        )
    for k in range(0, side, 4):
        y = Y0 + k * SPACING + 24.0
        project.baseline.cover[f"c{k}"] = GroundCover(
            f"c{k}",
            "open_soil" if k % 8 == 0 else "sealed",
            box(X0, y, X0 + side * SPACING, y + 4.0),
        )
    return project


#: Uses drawn for the varied park (two a level): productive, housing, tertiary, shared.
_VARIED_USES = (
    "craft",
    "industry",
    "warehouse",
    "urban_logistics",
    "wholesale",
    "urban_services",
    "housing",
    "residence",
    "office",
    "retail",
    "restaurant",
    "facility",
    "third_place",
    "unassigned",
    "parking",
)
#: Nuisance classes drawn, with their weights (mostly none stated or ordinary).
_NUISANCE = (None, "NC", "D", "DC", "E", "A")
_NUISANCE_WEIGHTS = (0.45, 0.2, 0.2, 0.1, 0.04, 0.01)


def equipped(building: Building, basements: int, rng: np.random.Generator) -> Building:
    """``building`` with its basements and the varied park's random equipment
    (freight lift, ramp, loading bays, parking, roof, shared), drawn in this order."""
    return replace(
        building,
        basements=basements,
        freight_lift_kg=float(rng.choice((0.0, 0.0, 0.0, 1500.0, 2500.0))),
        ramp=bool(rng.random() < 0.05),
        loading_bays=int(rng.integers(3)),
        parking_spaces=int(rng.integers(0, 12)),
        roof="green" if rng.random() < 0.1 else "plain",
        shared=bool(rng.random() < 0.05),
    )


def cover_strips(project: Project, side: int, spacing: float, extent: float) -> None:
    """Strips of ground cover (3 m wide, ``extent`` long) every third row of a
    ``side`` × ``side`` grid, their kinds in turn."""
    for k in range(0, side, 3):
        y = Y0 + k * spacing + 25.0
        kind = ("open_soil", "sealed", "yard", "permeable_paving")[k % 4]
        project.baseline.cover[f"c{k}"] = GroundCover(
            f"c{k}", kind, box(X0, y, X0 + extent, y + 3.0)
        )


def varied_project(n: int, levels: int = 5, seed: int = 0) -> Project:
    """``n`` buildings no two alike: a park the engine's memos cannot flatter.

    Every level holds two uses drawn at random with a random split, its own
    floor-to-floor height (2.50–6.50 m, to the centimetre) and design load (none
    stated, or 2.5–20 kN/m² to the tenth); productive upper floors mostly lack a
    freight lift, nuisance classes vary (some E and A under housing), footprints
    are rectangles or L shapes of random size on a jittered grid (some overlap their
    neighbour), a tenth of the buildings have a basement and some a set-back top
    storey. Many rules fire (C13, C14, C15, U01, C22...), as on real data.
    A second scenario "Scenario" continues the baseline: a third of the buildings
    kept, a third raised by a housing storey, a sixth converted (ground floor
    changed), a twelfth demolished, and a twelfth new buildings.
    """
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n)))
    project = Project.new(f"varied-{n}")
    project.site = Site(
        box(X0 - 10, Y0 - 10, X0 + side * SPACING + 10, Y0 + side * SPACING + 10),
        "Parc varié",
    )
    uses = np.array(_VARIED_USES)
    baseline = project.baseline.buildings
    for k in range(n):
        x = X0 + (k % side) * SPACING + float(rng.uniform(-2, 2))
        y = Y0 + (k // side) * SPACING + float(rng.uniform(-2, 2))
        w, h = round(float(rng.uniform(8, 27)), 3), round(float(rng.uniform(8, 27)), 3)
        footprint = box(x, y, x + w, y + h)
        if rng.random() < 0.3:
            footprint = footprint.difference(
                box(x + w / 2, y + h / 2, x + w + 1, y + h + 1)
            )
        count = int(rng.integers(max(1, levels - 2), levels + 3))
        basements = 1 if rng.random() < 0.1 and count > 1 else 0
        stack = []
        for position in range(count):
            pair = rng.choice(uses, 2, replace=False)
            split = round(float(rng.uniform(0.05, 0.95)), 3)
            load = (
                None if rng.random() < 0.3 else round(float(rng.uniform(2.5, 20.0)), 1)
            )
            access = (
                (None, "street", "yard", "none", "ramp")[int(rng.integers(5))]
                if position == basements
                else None
            )
            nuisance = _NUISANCE[int(rng.choice(len(_NUISANCE), p=_NUISANCE_WEIGHTS))]
            polygon = None
            if position == count - 1 and count > 2 and rng.random() < 0.2:
                polygon = box(x + 1, y + 1, x + w * 0.6, y + h * 0.6)
            stack.append(
                Level.of(
                    round(float(rng.uniform(2.5, 6.5)), 2),
                    {str(pair[0]): split, str(pair[1]): round(1 - split, 3)},
                    load_kn_m2=load,
                    access=access,
                    nuisance=nuisance,
                    polygon=polygon,
                )
            )
        baseline[f"b{k}"] = equipped(
            Building(f"b{k}", f"Bâtiment {k}", footprint, tuple(stack)),
            basements,
            rng,
        )
    cover_strips(project, side, SPACING, side * SPACING)
    scenario: dict[str, Building] = {}
    for k, (bid, b) in enumerate(baseline.items()):
        fate = k % 12
        if fate < 4:
            scenario[bid] = replace(b, origin=bid)
        elif fate < 8:
            extra = Level.of(
                round(float(rng.uniform(2.7, 3.4)), 2),
                {"housing": 0.9, "third_place": 0.1},
            )
            scenario[bid] = replace(b, levels=b.levels + (extra,), origin=bid)
        elif fate < 10:
            ground = Level.of(
                round(float(rng.uniform(4.0, 7.0)), 2),
                {"craft": 0.5, "retail": 0.5},
                load_kn_m2=round(float(rng.uniform(5, 15)), 1),
                access="street",
                nuisance="DC",
            )
            levels_ = list(b.levels)
            levels_[b.basements] = ground
            scenario[bid] = replace(b, levels=tuple(levels_), origin=bid)
        elif fate == 10:
            continue
        else:
            x0, y0, _, _ = b.footprint.bounds
            scenario[f"n{k}"] = Building(
                f"n{k}",
                f"Nouveau {k}",
                box(x0, y0, x0 + 14, y0 + 12),
                (
                    Level.of(
                        5.2,
                        {"urban_logistics": 0.7, "office": 0.3},
                        load_kn_m2=12.5,
                        access="yard",
                    ),
                    Level.of(3.1, {"housing": 0.8, "craft": 0.2}),
                    Level.of(2.95, "housing"),
                ),
            )
    project.scenarios.append(
        Scenario("Scenario", scenario, dict(project.baseline.cover))
    )
    project.settle()  # what the scenario keeps, changes and removes (DESIGN §14)
    return project
