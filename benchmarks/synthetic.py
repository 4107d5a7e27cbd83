"""The synthetic business park every benchmark measures: a grid of buildings.

Productive ground floors (craft and retail, 12 kN/m², street access, ICPE D) under
craft or housing-and-office upper floors, with strips of ground cover, in Lambert-93
coordinates with millimetre widths (as a saved project holds them).
"""

from __future__ import annotations

import numpy as np
from shapely.geometry import box

from mixplan.model import Building, GroundCover, Level, Project, Site

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
