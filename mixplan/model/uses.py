"""The use taxonomy of DESIGN §5: use classes, families, nuisance classes and access.

Codes are a contract (file format, exchange format, JSON keys). Per-class defaults
come from ``domain/RULES.md``: jobs densities from §4.1, heights from §3.1, loads from
§3.2 and the C13 thresholds of §6. Each default carries its status (S sourced,
M from memory, I inference) so the UI and the report can cite it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "ACCESSORY",
    "ACCESS_CODES",
    "FAMILIES",
    "NUISANCE_CLASSES",
    "SOUS_DESTINATIONS",
    "USES",
    "Family",
    "UseClass",
    "destination_label",
    "nuisance_rank",
    "use_class",
]


class Family(StrEnum):
    """The families a use class belongs to (``none`` for non floor area)."""

    HOUSING = "housing"
    PRODUCTIVE = "productive"
    TERTIARY = "tertiary"
    SHARED = "shared"
    NON_FLOOR_AREA = "non_floor_area"
    UNASSIGNED = "unassigned"


#: The four families that floor area is reported by (``sdp_by_family_m2``).
FAMILIES: tuple[str, ...] = ("housing", "productive", "tertiary", "shared")

#: ICPE regimes, from least to most constrained (RULES §3.6).
NUISANCE_CLASSES: tuple[str, ...] = ("NC", "D", "DC", "E", "A", "SEVESO")

#: How a level is reached by goods and vehicles (DESIGN §2).
ACCESS_CODES: tuple[str, ...] = ("street", "yard", "freight_lift", "ramp", "none")


#: The destination of an accessory use: "les locaux accessoires sont réputés avoir la
#: même destination et sous-destination que le local principal" (Code de
#: l'urbanisme, art. R151-29). Shared canteens, meeting rooms and showers serving
#: the firms of a building take the sous-destination of the premises they serve.
ACCESSORY = "R151-29"

#: The 23 sous-destinations of Code de l'urbanisme art. R151-28 (as in force since
#: 1 July 2023, décret n° 2023-195), code → (French legal name, English).
SOUS_DESTINATIONS: dict[str, tuple[str, str]] = {
    "D1.1": ("exploitation agricole", "farming"),
    "D1.2": ("exploitation forestière", "forestry"),
    "D2.1": ("logement", "dwellings"),
    "D2.2": ("hébergement", "residential accommodation"),
    "D3.1": ("artisanat et commerce de détail", "craft and retail"),
    "D3.2": ("restauration", "restaurants"),
    "D3.3": ("commerce de gros", "wholesale"),
    "D3.4": (
        "activités de services où s'effectue l'accueil d'une clientèle",
        "services receiving customers",
    ),
    "D3.5": ("cinéma", "cinema"),
    "D3.6": ("hôtels", "hotels"),
    "D3.7": ("autres hébergements touristiques", "other tourist accommodation"),
    "D4.1": (
        "locaux et bureaux accueillant du public des administrations publiques "
        "et assimilés",
        "public administration premises open to the public",
    ),
    "D4.2": (
        "locaux techniques et industriels des administrations publiques et assimilés",
        "technical and industrial premises of public bodies",
    ),
    "D4.3": (
        "établissements d'enseignement, de santé et d'action sociale",
        "education, health and social care",
    ),
    "D4.4": ("salles d'art et de spectacles", "arts and performance venues"),
    "D4.5": ("équipements sportifs", "sports facilities"),
    "D4.6": ("lieux de culte", "places of worship"),
    "D4.7": (
        "autres équipements recevant du public",
        "other facilities open to the public",
    ),
    "D5.1": ("industrie", "industry"),
    "D5.2": ("entrepôt", "warehousing"),
    "D5.3": ("bureau", "offices"),
    "D5.4": ("centre de congrès et d'exposition", "conference and exhibition centres"),
    "D5.5": ("cuisine dédiée à la vente en ligne", "kitchens for online sales"),
}


def destination_label(code: str, lang: str = "en") -> str:
    """The sous-destination of a destination code, worded for a reader.

    Examples
    --------
    >>> destination_label("D4.6", "fr")
    'D4.6 lieux de culte'
    >>> destination_label(ACCESSORY, "en")
    'that of the main premises (accessory, R151-29)'
    >>> destination_label("—", "fr")
    'non constitutive de surface de plancher'
    """
    if code == ACCESSORY:
        return (
            "celle du local principal (local accessoire, R151-29)"
            if lang == "fr"
            else "that of the main premises (accessory, R151-29)"
        )
    names = SOUS_DESTINATIONS.get(code)
    if names is None:
        return (
            "non constitutive de surface de plancher"
            if lang == "fr"
            else "not floor area (no destination)"
        )
    return f"{code} {names[0] if lang == 'fr' else names[1]}"


def nuisance_rank(code: str) -> int:
    """Position of an ICPE regime in :data:`NUISANCE_CLASSES` (NC = 0).

    Examples
    --------
    >>> nuisance_rank("DC") < nuisance_rank("E")
    True
    """
    return NUISANCE_CLASSES.index(code)


@dataclass(frozen=True, slots=True)
class UseClass:
    """One use class of the taxonomy with its planning defaults.

    Parameters
    ----------
    code
        The contract code (``"craft"``).
    family
        Its family.
    label_fr, label_en
        Names shown to users.
    destination
        French sous-destination code (R151-28), e.g. ``"D3.1"``.
    m2_per_job
        Default SDP per job (RULES §4.1); ``None`` when the use hosts no jobs.
    jobs_source
        Status and basis of ``m2_per_job``.
    default_nuisance
        Default ICPE regime of an allocation of this class.
    typical_load_kn_m2
        Imposed load a level of this use is designed for when nothing is stated
        (Eurocode 1 categories, RULES §3.2).
    min_height_ground_m, min_height_upper_m
        Minimum floor-to-floor for productive-grade space (C13), ground / upper.
    min_load_ground_kn_m2, min_load_upper_kn_m2
        Minimum design load for productive-grade space (C13), ground / upper.
    """

    code: str
    family: Family
    label_fr: str
    label_en: str
    destination: str
    m2_per_job: float | None
    jobs_source: str
    default_nuisance: str = "NC"
    typical_load_kn_m2: float = 2.5
    min_height_ground_m: float | None = None
    min_height_upper_m: float | None = None
    min_load_ground_kn_m2: float | None = None
    min_load_upper_kn_m2: float | None = None

    @property
    def counts_in_sdp(self) -> bool:
        """Whether the floor area of this use is surface de plancher (R111-22)."""
        return self.family is not Family.NON_FLOOR_AREA

    @property
    def is_productive(self) -> bool:
        return self.family is Family.PRODUCTIVE

    def label(self, lang: str = "en") -> str:
        """The French or English label."""
        return self.label_fr if lang == "fr" else self.label_en


def _productive(
    code: str,
    label_fr: str,
    label_en: str,
    destination: str,
    m2_per_job: float,
    jobs_source: str,
    *,
    nuisance: str = "NC",
    typical_load: float = 5.0,
    min_load_upper: float = 5.0,
) -> UseClass:
    # C13 thresholds (RULES §6 and §3.1–3.2): ground floor-to-floor >= 4.5 m and
    # load >= 10 kN/m2; upper floor-to-floor >= 4.0 m and load >= 5 kN/m2 (I).
    return UseClass(
        code,
        Family.PRODUCTIVE,
        label_fr,
        label_en,
        destination,
        m2_per_job,
        jobs_source,
        default_nuisance=nuisance,
        typical_load_kn_m2=typical_load,
        min_height_ground_m=4.5,
        min_height_upper_m=4.0,
        min_load_ground_kn_m2=10.0,
        min_load_upper_kn_m2=min_load_upper,
    )


_HCA = "HCA Employment Density Guide, 3rd edition, 2015"

_ALL: tuple[UseClass, ...] = (
    UseClass(
        "housing",
        Family.HOUSING,
        "Logement",
        "Housing",
        "D2.1",
        None,
        "",
        typical_load_kn_m2=1.5,
    ),
    UseClass(
        "residence",
        Family.HOUSING,
        "Hébergement",
        "Residence",
        "D2.2",
        None,
        "",
        typical_load_kn_m2=1.5,
    ),
    _productive(
        "craft",
        "Artisanat de production",
        "Production craft",
        "D3.1",
        47.0,
        _HCA + " (light industry 47 m²/job)",
    ),
    _productive(
        "industry",
        "Industrie",
        "Industry",
        "D5.1",
        36.0,
        _HCA + " (general industry 36 m²/job)",
        nuisance="D",
        typical_load=7.5,
    ),
    _productive(
        "warehouse",
        "Entrepôt",
        "Warehouse",
        "D5.2",
        164.0,
        "Institut Paris Region, L'impact des sites logistiques en Île-de-France, "
        "2009 survey (164 m²/job) (S)",
        nuisance="D",
        typical_load=7.5,
        min_load_upper=7.5,
    ),
    _productive(
        "urban_logistics",
        "Logistique urbaine",
        "Urban logistics",
        "D5.2",
        70.0,
        _HCA + " (final-mile distribution 70 m²/job)",
        nuisance="D",
        typical_load=7.5,
        min_load_upper=7.5,
    ),
    _productive(
        "wholesale",
        "Commerce de gros",
        "Wholesale",
        "D3.3",
        70.0,
        _HCA + " (as final-mile distribution) (I)",
        typical_load=7.5,
        min_load_upper=7.5,
    ),
    _productive(
        "urban_services",
        "Services urbains",
        "Urban services",
        "D4.2",
        47.0,
        _HCA + " (as light industry) (I)",
    ),
    _productive(
        "dark_kitchen",
        "Cuisine dédiée à la vente en ligne",
        "Dark kitchen",
        "D5.5",
        30.0,
        "Working value (as food production) (I)",
    ),
    _productive(
        "urban_farm",
        "Agriculture urbaine",
        "Urban farm",
        "D1.1",
        200.0,
        "Working value (I)",
    ),
    _productive(
        "forestry",
        "Exploitation forestière",
        "Forestry",
        "D1.2",
        200.0,
        "Working value (I)",
    ),
    UseClass(
        "office",
        Family.TERTIARY,
        "Bureau",
        "Office",
        "D5.3",
        15.0,
        _HCA + " (office 12 m² NIA ≈ 15 m² SDP)",
    ),
    UseClass(
        "retail",
        Family.TERTIARY,
        "Commerce de détail",
        "Retail",
        "D3.1",
        20.0,
        _HCA + " (local retail 20 m²/job)",
        typical_load_kn_m2=5.0,
    ),
    UseClass(
        "restaurant",
        Family.TERTIARY,
        "Restauration",
        "Restaurant",
        "D3.2",
        20.0,
        _HCA + " (as local retail) (I)",
        typical_load_kn_m2=5.0,
    ),
    UseClass(
        "client_services",
        Family.TERTIARY,
        "Activités de services avec accueil de clientèle",
        "Client services",
        "D3.4",
        20.0,
        _HCA + " (as local retail) (I)",
    ),
    UseClass(
        "hotel",
        Family.TERTIARY,
        "Hôtel",
        "Hotel",
        "D3.6",
        50.0,
        "Working value (I)",
        typical_load_kn_m2=1.5,
    ),
    UseClass(
        "tourist_accommodation",
        Family.TERTIARY,
        "Autre hébergement touristique",
        "Other tourist accommodation",
        "D3.7",
        80.0,
        "Working value (I)",
        typical_load_kn_m2=1.5,
    ),
    UseClass(
        "conference_centre",
        Family.TERTIARY,
        "Centre de congrès et d'exposition",
        "Conference and exhibition centre",
        "D5.4",
        100.0,
        "Working value (I)",
        typical_load_kn_m2=5.0,
    ),
    UseClass(
        "facility",
        Family.SHARED,
        "Autre équipement recevant du public",
        "Other public facility",
        "D4.7",
        30.0,
        "Working value (I)",
        typical_load_kn_m2=5.0,
    ),
    UseClass(
        "public_office",
        Family.SHARED,
        "Locaux et bureaux accueillant du public des administrations publiques",
        "Public administration offices open to the public",
        "D4.1",
        15.0,
        _HCA + " (as offices) (I)",
    ),
    UseClass(
        "education_health",
        Family.SHARED,
        "Établissement d'enseignement, de santé ou d'action sociale",
        "School, health or social care facility",
        "D4.3",
        30.0,
        "Working value (I)",
        typical_load_kn_m2=3.0,
    ),
    UseClass(
        "performance_venue",
        Family.SHARED,
        "Salle d'art et de spectacles",
        "Arts and performance venue",
        "D4.4",
        100.0,
        "Working value (I)",
        typical_load_kn_m2=5.0,
    ),
    UseClass(
        "sports_facility",
        Family.SHARED,
        "Équipement sportif",
        "Sports facility",
        "D4.5",
        100.0,
        "Working value (I)",
        typical_load_kn_m2=5.0,
    ),
    UseClass(
        "place_of_worship",
        Family.SHARED,
        "Lieu de culte",
        "Place of worship",
        "D4.6",
        200.0,
        "Working value (I)",
        typical_load_kn_m2=5.0,
    ),
    UseClass(
        "cinema",
        Family.SHARED,
        "Cinéma",
        "Cinema",
        "D3.5",
        100.0,
        "Working value (I)",
        typical_load_kn_m2=5.0,
    ),
    UseClass(
        "third_place",
        Family.SHARED,
        "Tiers-lieu, fablab, incubateur",
        "Third place, fablab, incubator",
        "D5.3",
        30.0,
        _HCA + " (incubator with workshops 30 m²/job)",
        typical_load_kn_m2=5.0,
    ),
    UseClass(
        "shared_services",
        Family.SHARED,
        "Services mutualisés",
        "Shared services",
        ACCESSORY,
        40.0,
        "Working value (I)",
    ),
    UseClass(
        "parking",
        Family.NON_FLOOR_AREA,
        "Stationnement",
        "Parking",
        "—",
        None,
        "",
        typical_load_kn_m2=2.5,
    ),
    UseClass(
        "technical",
        Family.NON_FLOOR_AREA,
        "Locaux techniques",
        "Technical rooms",
        "—",
        None,
        "",
    ),
    UseClass(
        "unassigned", Family.UNASSIGNED, "Non affecté", "Unassigned", "—", None, ""
    ),
)

#: Every use class by code, in taxonomy order.
USES: dict[str, UseClass] = {u.code: u for u in _ALL}


def use_class(code: str) -> UseClass:
    """Look up a use class, with an error that lists the valid codes.

    Examples
    --------
    >>> use_class("craft").family.value
    'productive'
    """
    try:
        return USES[code]
    except KeyError:
        from mixplan.model.errors import ModelError

        raise ModelError(
            f"unknown use {code!r}; valid uses: {', '.join(USES)}"
        ) from None
