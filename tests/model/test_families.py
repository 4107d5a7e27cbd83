"""dominant_families agrees with Building.dominant_family, building by building."""

from __future__ import annotations

import random

from shapely.geometry import box

from mixplan.model import USES, Building, Level
from mixplan.model.families import dominant_families


def test_many_buildings_at_once_as_one_by_one():
    rng = random.Random(7)
    codes = sorted(USES)
    buildings = []
    for k in range(400):
        levels = []
        for _ in range(rng.randint(1, 5)):
            uses = rng.sample(codes, rng.randint(1, 3))
            shares = [rng.randint(1, 4) for _ in uses]
            total = sum(shares)
            mix = {u: s / total for u, s in zip(uses, shares, strict=True)}
            own = box(0, 0, rng.uniform(5, 20), 10) if rng.random() < 0.3 else None
            levels.append(Level.of(3.0, mix, polygon=own))
        footprint = box(0, 0, rng.uniform(5, 30), rng.uniform(5, 30))
        buildings.append(Building(f"b{k}", f"B{k}", footprint, tuple(levels)))
    expected = [b.dominant_family() for b in buildings]
    assert dominant_families(buildings) == expected
    assert len(set(expected)) >= 4  # the draw reaches most families


def test_a_tie_goes_to_the_family_met_first_and_parking_only_when_alone():
    square = box(0, 0, 10, 10)
    tie = Building("t", "T", square, (Level.of(3, "office"), Level.of(3, "housing")))
    parking = Building("p", "P", square, (Level.of(3, "parking"),))
    mostly = Building(
        "m",
        "M",
        square,
        (Level.of(3, "parking"), Level.of(3, "parking"), Level.of(3, "craft")),
    )
    assert dominant_families([tie, parking, mostly]) == [
        tie.dominant_family(),
        "non_floor_area",
        "productive",
    ]
    assert tie.dominant_family() == "tertiary"
    assert dominant_families([]) == []
