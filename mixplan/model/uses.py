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
    "ACCESS_CODES",
    "FAMILIES",
    "NUISANCE_CLASSES",
    "USES",
    "Family",
    "UseClass",
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


_HCA = "HCA Employment Density Guide 2015 (M), RULES §4.1"

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
        "light industry 47 m²/job, " + _HCA,
    ),
    _productive(
        "industry",
        "Industrie",
        "Industry",
        "D5.1",
        36.0,
        "general industry 36 m²/job, " + _HCA,
        nuisance="D",
        typical_load=7.5,
    ),
    _productive(
        "warehouse",
        "Entrepôt",
        "Warehouse",
        "D5.2",
        164.0,
        "IdF warehouse survey 164 m²/job (S), RULES §4.1",
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
        "final-mile distribution 70 m²/job, " + _HCA,
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
        "as final-mile distribution (I), RULES §4.1",
        typical_load=7.5,
        min_load_upper=7.5,
    ),
    _productive(
        "urban_services",
        "Services urbains",
        "Urban services",
        "D4.2",
        47.0,
        "as light industry (I), RULES §4.1",
    ),
    _productive(
        "dark_kitchen",
        "Cuisine dédiée à la vente en ligne",
        "Dark kitchen",
        "D5.5",
        30.0,
        "as food production (I)",
    ),
    _productive(
        "urban_farm",
        "Agriculture urbaine",
        "Urban farm",
        "D1.1",
        200.0,
        "hypothèse (I)",
    ),
    UseClass(
        "office",
        Family.TERTIARY,
        "Bureau",
        "Office",
        "D5.3",
        15.0,
        "12 m² NIA ≈ 15 m² SDP, " + _HCA,
    ),
    UseClass(
        "retail",
        Family.TERTIARY,
        "Commerce de détail",
        "Retail",
        "D3.1",
        20.0,
        "local retail 20 m²/job, " + _HCA,
        typical_load_kn_m2=5.0,
    ),
    UseClass(
        "restaurant",
        Family.TERTIARY,
        "Restauration",
        "Restaurant",
        "D3.2",
        20.0,
        "as retail (I)",
        typical_load_kn_m2=5.0,
    ),
    UseClass(
        "client_services",
        Family.TERTIARY,
        "Activités de services avec accueil de clientèle",
        "Client services",
        "D3.4",
        20.0,
        "as retail (I)",
    ),
    UseClass(
        "hotel",
        Family.TERTIARY,
        "Hôtel",
        "Hotel",
        "D3.6",
        50.0,
        "hypothèse (I)",
        typical_load_kn_m2=1.5,
    ),
    UseClass(
        "facility",
        Family.SHARED,
        "Équipement d'intérêt collectif",
        "Public facility",
        "D4",
        30.0,
        "hypothèse (I)",
        typical_load_kn_m2=5.0,
    ),
    UseClass(
        "third_place",
        Family.SHARED,
        "Tiers-lieu, fablab, incubateur",
        "Third place, fablab, incubator",
        "D5.3",
        30.0,
        "incubator with workshops 30 m²/job, " + _HCA,
        typical_load_kn_m2=5.0,
    ),
    UseClass(
        "shared_services",
        Family.SHARED,
        "Services mutualisés",
        "Shared services",
        "D4",
        40.0,
        "hypothèse (I)",
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
