"""The use taxonomy covers the 23 sous-destinations of Code de l'urbanisme R151-28."""

from __future__ import annotations

from mixplan.model.uses import (
    ACCESSORY,
    SOUS_DESTINATIONS,
    USES,
    Family,
    destination_label,
)

#: The contract codes of the first release, which must stay.
CONTRACT = {
    "housing",
    "residence",
    "craft",
    "industry",
    "warehouse",
    "urban_logistics",
    "wholesale",
    "urban_services",
    "dark_kitchen",
    "urban_farm",
    "office",
    "retail",
    "restaurant",
    "client_services",
    "hotel",
    "facility",
    "third_place",
    "shared_services",
    "parking",
    "technical",
    "unassigned",
}


def test_there_are_twenty_three_and_each_is_reachable() -> None:
    # R151-28 (décret 2023-195): 2 + 2 + 7 + 7 + 5 = 23
    assert len(SOUS_DESTINATIONS) == 23
    by_destination = {
        d: sum(1 for c in SOUS_DESTINATIONS if c.startswith(d))
        for d in ("D1", "D2", "D3", "D4", "D5")
    }
    assert by_destination == {"D1": 2, "D2": 2, "D3": 7, "D4": 7, "D5": 5}
    reached = {u.destination for u in USES.values()}
    assert set(SOUS_DESTINATIONS) <= reached


def test_existing_codes_stay() -> None:
    assert set(USES) >= CONTRACT


def test_every_use_has_french_and_english_labels_and_a_known_destination() -> None:
    for use in USES.values():
        assert use.label_fr and use.label_en and use.label_fr != use.code
        assert (
            use.destination in SOUS_DESTINATIONS
            or use.destination == ACCESSORY
            or use.family in (Family.NON_FLOOR_AREA, Family.UNASSIGNED)
        )
    assert len({u.label_fr for u in USES.values()}) == len(USES)
    assert len({u.label_en for u in USES.values()}) == len(USES)


def test_accessory_shared_services_follow_the_main_premises() -> None:
    # R151-29: accessory premises take the destination of the main premises
    assert USES["shared_services"].destination == ACCESSORY
    assert "R151-29" in destination_label(ACCESSORY, "fr")
    assert destination_label("D5.4", "fr") == "D5.4 centre de congrès et d'exposition"


def test_the_public_facility_split_matches_the_law() -> None:
    assert {
        USES[c].destination
        for c in (
            "public_office",
            "urban_services",
            "education_health",
            "performance_venue",
            "sports_facility",
            "place_of_worship",
            "facility",
        )
    } == {"D4.1", "D4.2", "D4.3", "D4.4", "D4.5", "D4.6", "D4.7"}
