"""An index derived for other buildings (a scenario from its baseline) is a fresh one.

A scenario's first index is derived from its baseline's: the buildings kept on
the same footprint object keep their areas, in-site areas and overlaps, the
others are measured. The oracle is a fresh index of the same buildings, and the
footprints that appeared, moved or went, listed by hand.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box

from mixplan.engine.spatial import FootprintIndex

SITE = box(0, 0, 200, 200)


def _random_footprint(rng: np.random.Generator) -> Polygon:
    # Some straddle the site's edge (x or y up to 210): in-site area < area.
    x, y = rng.uniform(-10, 195, size=2)
    w, h = rng.uniform(4, 20, size=2)
    return box(x, y, x + w, y + h)


def _wkb_set(geoms: list) -> set[bytes]:  # type: ignore[type-arg]
    return {g.wkb for g in geoms}


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_derived_index_of_other_buildings_is_a_fresh_ones(seed: int) -> None:
    rng = np.random.default_rng(seed)
    ids = [f"b{k}" for k in range(60)]
    footprints = [_random_footprint(rng) for _ in ids]
    old = FootprintIndex(ids, footprints, SITE)
    # A scenario: some demolished, some moved (a new shape), some built, and
    # the kept ones in another order.
    kept = [k for k in range(60) if rng.random() > 0.2]
    rng.shuffle(kept)
    new_ids, new_footprints = [], []
    expected_left = []
    moved_new = []
    for k in kept:
        new_ids.append(ids[k])
        if rng.random() < 0.3:
            new_footprints.append(_random_footprint(rng))
            moved_new.append(new_footprints[-1])
            expected_left.append(footprints[k])
        elif rng.random() < 0.5:
            # Read apart (as from a file): another object, the same coordinates.
            new_footprints.append(shapely.from_wkb(footprints[k].wkb))
        else:
            new_footprints.append(footprints[k])
    expected_left += [footprints[k] for k in range(60) if k not in kept]
    for extra in range(5):
        new_ids.append(f"n{extra}")
        new_footprints.append(_random_footprint(rng))
        moved_new.append(new_footprints[-1])
    derived = old.derive(new_ids, new_footprints, SITE)
    fresh = FootprintIndex(new_ids, new_footprints, SITE)
    assert np.array_equal(derived.areas, fresh.areas)
    assert np.array_equal(derived.in_site_areas, fresh.in_site_areas)
    assert derived.overlaps == fresh.overlaps
    assert derived.union_m2 == pytest.approx(fresh.union_m2, rel=1e-12)
    assert derived.union_in_site_m2 == pytest.approx(fresh.union_in_site_m2, rel=1e-12)
    assert derived.position == {bid: k for k, bid in enumerate(new_ids)}
    # The buildings in an overlap, at their positions (a derived index carries
    # its predecessor's to where the buildings are now).
    in_overlap = {bid for pair in fresh.overlaps for bid in pair}
    assert in_overlap, "the layout should hold overlaps"
    assert derived.overlap_position == {bid: new_ids.index(bid) for bid in in_overlap}
    assert fresh.overlap_position == derived.overlap_position
    assert len(derived.moved_geoms) == len(moved_new) + len(expected_left)
    assert _wkb_set(derived.moved_geoms) == _wkb_set(moved_new + expected_left)


def test_a_new_building_on_the_last_ones_footprint_object_counts_as_new() -> None:
    # "c" is new: its footprint is the very object of the previous index's
    # last building ("b", demolished). It appeared (and b's went), and its
    # areas are measured, not carried over by position.
    a = box(0, 0, 10, 10)
    b = box(190, 0, 210, 10)  # half outside the site: 100 of 200 m² inside
    old = FootprintIndex(["a", "b"], [a, b], SITE)
    derived = old.derive(["a", "c"], [a, b], SITE)
    assert derived.in_site_areas.tolist() == [100.0, 100.0]
    assert derived.moved_geoms == [b, b]  # c's shape appeared, b's went
    assert derived.position == {"a": 0, "c": 1}
    # The same building kept in another place of the list keeps its areas.
    swapped = old.derive(["b", "a"], [b, a], SITE)
    assert swapped.areas.tolist() == [200.0, 100.0]
    assert swapped.in_site_areas.tolist() == [100.0, 100.0]
    assert swapped.moved_geoms == []


def test_overlaps_carried_to_a_derived_index_follow_the_buildings() -> None:
    # Hand-made: a and b share 2 m × 10 m.
    a, b, c = box(0, 0, 10, 10), box(8, 0, 18, 10), box(30, 0, 40, 10)
    old = FootprintIndex(["a", "b", "c"], [a, b, c], SITE)
    assert old.overlaps == {("a", "b")}
    assert old.union_m2 == 280.0  # 300 m² less the 20 m² shared
    # b demolished, c moved onto a (overlap 10 × 5 = 50 m²... of a's 100).
    c2 = box(5, 0, 15, 10)
    derived = old.derive(["c", "a"], [c2, a], SITE)
    assert derived.overlaps == {("a", "c")}
    assert derived.union_m2 == 150.0
    assert derived.position == {"c": 0, "a": 1}
    assert derived.overlap_position == {"c": 0, "a": 1}
    # An overlap carried over (neither moved): a and b change positions.
    d = box(100, 100, 110, 110)
    carried = old.derive(["d", "b", "a"], [d, b, a], SITE)
    assert carried.overlaps == {("a", "b")}
    assert carried.overlap_position == {"b": 1, "a": 2}
    assert carried.union_m2 == 280.0  # 180 for a and b, 100 for d


def test_a_footprint_read_apart_with_identical_coordinates_is_kept() -> None:
    # A project opened from its file: the scenario's footprints are other
    # objects with the same coordinates; they keep what was measured (not
    # listed as moved), a corner moved by a nanometre does not.
    a, b = box(0, 0, 10, 10), box(190, 0, 210, 10)
    old = FootprintIndex(["a", "b"], [a, b], SITE)
    a_read, b_read = box(0, 0, 10, 10), box(190, 0, 210, 10)
    derived = old.derive(["b", "a", "c"], [b_read, a_read, box(50, 50, 60, 60)], SITE)
    assert derived.moved_geoms == [derived.geoms[2]]  # only c appeared
    assert derived.in_site_areas.tolist() == [100.0, 100.0, 100.0]
    nudged = box(0, 0, 10, 10 + 1e-9)
    moved = old.derive(["a", "c"], [nudged, box(50, 50, 60, 60)], SITE)
    assert _wkb_set(moved.moved_geoms) == _wkb_set([nudged, box(50, 50, 60, 60), a, b])
