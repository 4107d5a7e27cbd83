"""Typology presets: level stacks to start a building from (RULES §3.1–3.5).

Each preset is a plain stack of :class:`~mixplan.model.project.Level` values and the
building attributes that go with it (freight lift, ramp, loading bays). Heights and
loads are the defaults of RULES §3.1–3.2, so a preset's productive levels are
productive-grade under C13 (ground floor-to-floor ≥ 4.5 m and ≥ 10 kN/m², upper
≥ 4.0 m and ≥ 5 kN/m²); the precedents of §3.4–3.5 set the programme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from mixplan.model.errors import ModelError
from mixplan.model.project import Building, Level

__all__ = [
    "MAX_UPPER_STOREYS",
    "PRESETS",
    "Preset",
    "building_with_preset",
    "buildings_like",
    "buildings_with_preset",
    "preset",
    "preset_levels",
]


@dataclass(frozen=True, slots=True)
class Preset:
    """A typology: its levels bottom-up and its building attributes.

    Parameters
    ----------
    key
        Stable identifier (``"industrial_hotel"``).
    label_fr, label_en
        Names shown to users.
    source
        Where the programme and numbers come from (RULES.md sections).
    levels
        Storeys from the ground up (presets have no basement).
    attributes
        Values for :class:`~mixplan.model.project.Building` fields such as
        ``freight_lift_kg``, ``ramp``, ``loading_bays``, ``roof``.
    """

    key: str
    label_fr: str
    label_en: str
    source: str
    levels: tuple[Level, ...]
    attributes: dict[str, Any] = field(default_factory=dict)

    def label(self, lang: str = "en") -> str:
        """The French or English name."""
        return self.label_fr if lang == "fr" else self.label_en

    @property
    def height_m(self) -> float:
        """Total height, the sum of floor-to-floor heights."""
        return sum(level.height_m for level in self.levels)


def _housing(count: int) -> tuple[Level, ...]:
    # Housing floor-to-floor 2.9 m, category A load 1.5 kN/m² (RULES §3.1–3.2).
    return tuple(
        Level.of(2.9, "housing", load_kn_m2=1.5, access="none") for _ in range(count)
    )


def _workshops(count: int, use: str = "craft") -> tuple[Level, ...]:
    # Upper-floor workshops: 4.0 m, 5 kN/m², served by a freight lift (§3.1–3.3).
    return tuple(
        Level.of(4.0, use, load_kn_m2=5.0, access="freight_lift") for _ in range(count)
    )


_PRESETS: tuple[Preset, ...] = (
    Preset(
        "productive_base_housing",
        "Socle productif et logements (R+5)",
        "Productive base with housing above (R+5)",
        "Market practice: productive ground floor 5.5 m, housing 2.9 m; "
        "NF EN 1991-1-1 loads",
        (
            Level.of(5.5, "craft", load_kn_m2=10.0, access="street", nuisance="NC"),
            *_housing(5),
        ),
        {"loading_bays": 1},
    ),
    Preset(
        "industrial_hotel",
        "Hôtel industriel (type Berlier)",
        "Industrial hotel (Berlier-like)",
        "Hôtel industriel Berlier, Paris 13e (1990): 10 levels of 1,450 m², "
        "~200 m² lots",
        (
            Level.of(5.5, "industry", load_kn_m2=10.0, access="street", nuisance="D"),
            *_workshops(9, "craft"),
        ),
        {"freight_lift_kg": 3000.0, "loading_bays": 4},
    ),
    Preset(
        "logistics_hotel",
        "Hôtel logistique (type Chapelle International)",
        "Logistics hotel (Chapelle International-like)",
        "Chapelle International logistics hotel, Paris 18e (2018): 7 m halls, "
        "rooftop farm",
        (
            Level.of(
                8.0, "urban_logistics", load_kn_m2=20.0, access="street", nuisance="D"
            ),
            Level.of(
                8.0, "urban_logistics", load_kn_m2=15.0, access="ramp", nuisance="D"
            ),
            Level.of(
                4.0,
                {"office": 0.5, "facility": 0.5},
                load_kn_m2=5.0,
                access="freight_lift",
            ),
            Level.of(4.0, "urban_farm", load_kn_m2=5.0, access="freight_lift"),
        ),
        {"ramp": True, "freight_lift_kg": 3000.0, "loading_bays": 12, "roof": "green"},
    ),
    Preset(
        "artisan_hotel",
        "Hôtel artisanal (type Métropole 19)",
        "Artisan hotel (Métropole 19-like)",
        "CMA artisan hotel Métropole 19, Paris 19e: 21 units of 30–114 m²",
        (
            Level.of(
                5.5,
                {"craft": 0.85, "shared_services": 0.15},
                load_kn_m2=10.0,
                access="street",
                nuisance="NC",
            ),
            *_workshops(3, "craft"),
        ),
        {"freight_lift_kg": 3000.0, "loading_bays": 2},
    ),
    Preset(
        "housing_block",
        "Immeuble de logements (R+5)",
        "Housing block (R+5)",
        "Housing 2.9 m floor to floor; NF EN 1991-1-1 category A, 1.5 kN/m²",
        (Level.of(3.2, "housing", load_kn_m2=1.5, access="street"), *_housing(5)),
        {},
    ),
    Preset(
        "single_storey_shed",
        "Hangar de plain-pied",
        "Single-storey shed",
        "Chapelle International: logistics hall clear height 7 m; slab on grade",
        (Level.of(8.0, "warehouse", load_kn_m2=20.0, access="yard", nuisance="D"),),
        {"loading_bays": 2},
    ),
)

#: Every preset by key, in the order menus show them.
PRESETS: dict[str, Preset] = {p.key: p for p in _PRESETS}

_RESET = {"freight_lift_kg": 0.0, "ramp": False, "loading_bays": 0, "roof": "plain"}


def preset(key: str) -> Preset:
    """Look up a preset by key.

    Examples
    --------
    >>> preset("housing_block").levels[-1].use_shares()
    {'housing': 1.0}
    """
    try:
        return PRESETS[key]
    except KeyError:
        raise ModelError(
            f"unknown preset {key!r}; presets: {', '.join(PRESETS)}"
        ) from None


#: the most storeys above the ground floor a preset can be given
MAX_UPPER_STOREYS = 60


def preset_levels(
    chosen: Preset, upper_storeys: int | None = None
) -> tuple[Level, ...]:
    """The preset's levels for a building of ``R+upper_storeys``.

    Without a count, the preset's own stack. With one, the ground floor stays and
    the upper storeys are the preset's first ones, or, for more storeys than the
    preset has, its last upper storey repeated (the typical floor: housing on a
    productive base, workshops in an industrial hotel).

    Raises
    ------
    ModelError
        For a count below 0 or over ``MAX_UPPER_STOREYS``, or a count other than
        0 for a single-storey preset.

    Examples
    --------
    >>> [lv.use_shares() for lv in preset_levels(preset("housing_block"), 2)][-1]
    {'housing': 1.0}
    >>> len(preset_levels(preset("industrial_hotel"), 3))
    4
    """
    if upper_storeys is None:
        return chosen.levels
    if not 0 <= upper_storeys <= MAX_UPPER_STOREYS:
        raise ModelError(
            f"a preset takes 0 to {MAX_UPPER_STOREYS} storeys above the ground "
            f"floor, not {upper_storeys}"
        )
    ground, upper = chosen.levels[0], chosen.levels[1:]
    if not upper:
        if upper_storeys:
            raise ModelError(f"{chosen.label_en} is a single-storey typology (R+0)")
        return (ground,)
    extra = max(upper_storeys - len(upper), 0)
    return (ground, *upper[:upper_storeys], *(upper[-1],) * extra)


def building_with_preset(
    building: Building, chosen: Preset, upper_storeys: int | None = None
) -> Building:
    """The building with the preset's levels and attributes.

    The id, name, footprint, origin, parking and ``shared`` flag are kept; the
    attributes the preset sets replace the building's, the others are reset
    (a shed has no freight lift even if the building had one). ``upper_storeys``
    sets the number of storeys above the ground floor (:func:`preset_levels`).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> b = Building("b1", "Block", box(0, 0, 30, 12), (Level.of(3, "office"),))
    >>> building_with_preset(b, preset("productive_base_housing")).storeys_label
    'R+5'
    >>> building_with_preset(b, preset("productive_base_housing"), 8).storeys_label
    'R+8'
    """
    attributes = {**_RESET, **chosen.attributes}
    levels = preset_levels(chosen, upper_storeys)
    return replace(building, levels=levels, basements=0, **attributes)


def buildings_with_preset(
    buildings: Sequence[Building], chosen: Preset, upper_storeys: int | None = None
) -> list[Building]:
    """:func:`building_with_preset` of each building, checked once.

    The first is made and checked as one alone; the others take the same
    values, which pass the same checks (see :meth:`Building.alike`).
    """
    if not buildings:
        return []
    first = building_with_preset(buildings[0], chosen, upper_storeys)
    return [first, *buildings_like(buildings[1:], first, chosen)]


def buildings_like(
    buildings: Sequence[Building], first: Building, chosen: Preset
) -> list[Building]:
    """Each building given ``chosen`` as ``first`` was given it (unchecked).

    ``first`` is :func:`building_with_preset` of a building with ``chosen``:
    its values of the fields the preset sets go to each (see
    :meth:`Building.alike`), as :func:`buildings_with_preset` gives them to
    the buildings after its first.
    """
    names = {"levels", "basements", *_RESET, *chosen.attributes}
    return Building.alike(buildings, first, names)
