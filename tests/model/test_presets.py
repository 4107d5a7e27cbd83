"""Typology presets: valid stacks whose productive levels are productive-grade."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, use_class
from mixplan.model.errors import ModelError
from mixplan.model.presets import PRESETS, building_with_preset, preset


@pytest.mark.parametrize("key", list(PRESETS))
def test_productive_levels_meet_the_c13_minimums(key):
    chosen = PRESETS[key]
    for position, level in enumerate(chosen.levels):
        for allocation in level.uses:
            use = use_class(allocation.use)
            if not use.is_productive:
                continue
            ground = position == 0
            min_height = use.min_height_ground_m if ground else use.min_height_upper_m
            min_load = use.min_load_ground_kn_m2 if ground else use.min_load_upper_kn_m2
            assert level.height_m >= min_height, (key, position)
            assert level.load_kn_m2 is not None and level.load_kn_m2 >= min_load
            assert level.access in ("street", "yard", "freight_lift", "ramp")


def test_upper_productive_floors_are_served_by_a_lift_or_a_ramp():
    for chosen in PRESETS.values():
        upper_productive = any(
            use_class(a.use).is_productive for lv in chosen.levels[1:] for a in lv.uses
        )
        if upper_productive:
            attributes = chosen.attributes
            assert attributes.get("freight_lift_kg", 0) >= 2000 or attributes.get(
                "ramp"
            )


def test_productive_base_with_housing_is_r_plus_5():
    chosen = preset("productive_base_housing")
    # 5.5 m productive ground floor + 5 × 2.9 m of housing = 20.0 m
    assert chosen.height_m == pytest.approx(20.0)
    assert [lv.use_shares() for lv in chosen.levels] == (
        [{"craft": 1.0}] + [{"housing": 1.0}] * 5
    )


def test_industrial_hotel_has_ten_levels_like_berlier():
    assert len(preset("industrial_hotel").levels) == 10


def test_building_with_preset_keeps_identity_and_footprint():
    building = Building(
        "b7",
        "Halle",
        box(0, 0, 30, 12),
        (Level.of(3.0, "office"), Level.of(3.0, "office")),
        origin=None,
        basements=1,
        freight_lift_kg=2000.0,
        parking_spaces=12,
        shared=True,
    )
    shed = building_with_preset(building, preset("single_storey_shed"))
    assert (shed.id, shed.name, shed.footprint, shed.parking_spaces, shed.shared) == (
        "b7",
        "Halle",
        building.footprint,
        12,
        True,
    )
    assert shed.basements == 0 and shed.storeys_label == "R+0"
    assert shed.freight_lift_kg == 0.0 and shed.loading_bays == 2


def test_unknown_preset_names_the_valid_ones():
    with pytest.raises(ModelError, match="housing_block"):
        preset("castle")


def test_a_storey_count_trims_or_repeats_the_typical_upper_floor():
    block = Building("b1", "Block", box(0, 0, 30, 12), (Level.of(3.0, "office"),))
    chosen = preset("productive_base_housing")  # ground craft 5.5 m + 5 × housing
    eight = building_with_preset(block, chosen, 8)
    assert eight.storeys_label == "R+8"
    # 5.5 m + 8 × 2.9 m = 28.7 m
    assert eight.height_m == pytest.approx(28.7)
    assert eight.levels[0].use_shares() == {"craft": 1.0}
    assert all(lv.use_shares() == {"housing": 1.0} for lv in eight.levels[1:])
    ground_only = building_with_preset(block, chosen, 0)
    assert ground_only.storeys_label == "R+0" and ground_only.height_m == 5.5
    # Fewer storeys keep the preset's first ones: the logistics halls stay.
    logistics = building_with_preset(block, preset("logistics_hotel"), 1)
    assert [lv.height_m for lv in logistics.levels] == [8.0, 8.0]
    # No count: the preset's own stack.
    assert building_with_preset(block, chosen).levels == chosen.levels


def test_storey_counts_outside_the_range_are_refused():
    block = Building("b1", "Block", box(0, 0, 30, 12), (Level.of(3.0, "office"),))
    chosen = preset("housing_block")
    assert building_with_preset(block, chosen, 60).storeys_label == "R+60"
    with pytest.raises(ModelError, match="0 to 60"):
        building_with_preset(block, chosen, 61)
    with pytest.raises(ModelError, match="0 to 60"):
        building_with_preset(block, chosen, -1)
    with pytest.raises(ModelError, match="single-storey"):
        building_with_preset(block, preset("single_storey_shed"), 1)
    assert building_with_preset(block, preset("single_storey_shed"), 0).levels == (
        preset("single_storey_shed").levels
    )
