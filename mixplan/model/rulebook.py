"""The rulebook: every rule parameter and assumption, with its default and source.

Parameters are addressed by ``(section, name)``: the section is a rule id
(``"C09"``) or ``"assumptions"``; TOML export writes one table per section. Defaults
and their status (S sourced, M from memory, I inference) come from
``domain/RULES.md``; a project stores only the values the user changed.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from mixplan.model.errors import ModelError
from mixplan.model.uses import NUISANCE_CLASSES, USES

__all__ = [
    "CBS_PARAMETERS",
    "LEGACY_KEYS",
    "PARAMETERS",
    "Parameter",
    "Rulebook",
    "Value",
]

Value = float | int | bool | str


@dataclass(frozen=True, slots=True)
class Parameter:
    """One editable parameter of the rulebook.

    ``kind`` is ``"float"``, ``"int"``, ``"bool"`` or ``"choice"`` (one of
    ``choices``). ``status`` is S, M or I as in RULES.md §0.
    """

    section: str
    name: str
    default: Value
    kind: str
    label_en: str
    label_fr: str
    source: str
    status: str
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.section, self.name)

    def check(self, value: object) -> Value:
        """Return ``value`` converted to this parameter's type, or raise ModelError."""
        where = f"{self.section}.{self.name}"
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ModelError(f"{where} must be true or false, not {value!r}")
            return value
        if self.kind == "choice":
            if value not in self.choices:
                raise ModelError(
                    f"{where} must be one of {', '.join(self.choices)}, not {value!r}"
                )
            return str(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ModelError(f"{where} must be a number, not {value!r}")
        if not math.isfinite(value):
            raise ModelError(f"{where} must be finite")
        if self.kind == "int":
            if int(value) != value:
                raise ModelError(f"{where} must be a whole number, not {value!r}")
            value = int(value)
        else:
            value = float(value)
        if self.minimum is not None and value < self.minimum:
            raise ModelError(f"{where} must be ≥ {self.minimum:g}, not {value:g}")
        if self.maximum is not None and value > self.maximum:
            raise ModelError(f"{where} must be ≤ {self.maximum:g}, not {value:g}")
        return value


def _p(
    section: str,
    name: str,
    default: Value,
    label_en: str,
    label_fr: str,
    source: str,
    status: str,
    unit: str = "",
    minimum: float | None = None,
    maximum: float | None = None,
    choices: tuple[str, ...] = (),
) -> Parameter:
    if choices:
        kind = "choice"
    elif isinstance(default, bool):
        kind = "bool"
    elif isinstance(default, int):
        kind = "int"
    else:
        kind = "float"
    return Parameter(
        section,
        name,
        default,
        kind,
        label_en,
        label_fr,
        source,
        status,
        unit,
        minimum,
        maximum,
        choices,
    )


def _enabled(rule: str, on: bool = True) -> Parameter:
    return _p(
        rule, "enabled", on, "Rule enabled", "Règle active", "project choice", "I"
    )


_PARAMETERS: list[Parameter] = [
    # Assumptions (indicators)
    _p(
        "assumptions",
        "sdp_factor",
        0.92,
        "SDP / gross floor area",
        "Surface de plancher / surface brute",
        "Code de l'urbanisme, art. R111-22 (1°, 2°: walls at openings, shafts, "
        "SDP ≈ 0.90–0.93 × gross)",
        "I",
        "",
        0.5,
        1.0,
    ),
    _p(
        "assumptions",
        "housing_common_parts_deduction",
        0.10,
        "Housing SDP deduction where dwellings share internal common parts",
        "Déduction de la surface de plancher des logements desservis par des "
        "parties communes intérieures",
        "Code de l'urbanisme, art. R111-22, 8°",
        "S",
        "",
        0.0,
        0.5,
    ),
    _p(
        "assumptions",
        "m2_per_dwelling",
        65.0,
        "SDP per dwelling",
        "Surface de plancher par logement",
        "IDHEAL study of new dwellings in Île-de-France, 2021 (≈ 55 m² living "
        "area ÷ 0.85)",
        "I",
        "m²",
        20.0,
        200.0,
    ),
    _p(
        "assumptions",
        "persons_per_dwelling",
        2.3,
        "Persons per dwelling",
        "Personnes par ménage",
        "Apur, Average household size in Île-de-France (INSEE census)",
        "S",
        "",
        1.0,
        5.0,
    ),
    _p(
        "assumptions",
        "parking_pooling_factor",
        0.75,
        "Pooled parking demand factor",
        "Foisonnement du stationnement mutualisé",
        "Practice of shared parking (foisonnement 0.7–0.8)",
        "I",
        "",
        0.3,
        1.0,
    ),
    _p(
        "assumptions",
        "parking_per_dwelling",
        1.0,
        "Parking demand per dwelling (estimate)",
        "Places par logement (estimation)",
        "Code de l'urbanisme, art. L151-36 (a cap: at most 1 space per dwelling "
        "may be required near a station)",
        "I",
        "",
        0.0,
        3.0,
    ),
    _p(
        "assumptions",
        "parking_m2_per_space_office",
        60.0,
        "Office SDP per parking space",
        "Surface de bureaux par place",
        "PDUIF 2014, action 5.3 (office ceilings of 1 space per 45–70 m²: caps, "
        "not needs)",
        "I",
        "m²",
        10.0,
        500.0,
    ),
    _p(
        "assumptions",
        "parking_m2_per_space_productive",
        250.0,
        "Productive SDP per parking space",
        "Surface productive par place",
        "Practice of business parks (1 space per 200–300 m²)",
        "I",
        "m²",
        10.0,
        1000.0,
    ),
    _p(
        "assumptions",
        "parking_m2_per_space_gross",
        25.0,
        "Parking floor area per space (with aisles)",
        "Surface de stationnement par place (avec circulations)",
        "APUR, note n° 215, 2022 (25 m² a space with aisles)",
        "S",
        "m²",
        10.0,
        100.0,
    ),
    _p(
        "assumptions",
        "uncovered_ground_artificialised",
        True,
        "Site ground with no cover drawn counts as artificialised",
        "Le sol sans revêtement dessiné compte comme artificialisé",
        "Décret n° 2023-1096 du 27 novembre 2023 (business sites are mostly "
        "classes A1–A4)",
        "I",
    ),
]
#: Biotope coefficients (CBS) per surface: the Berlin Biotope Area Factor table as
#: Brussels Environment publishes it; each PLU sets its own, so they are editable.
_BAF = (
    "Berlin Biotope Area Factor (Biotopflächenfaktor) coefficients, as published "
    "by Bruxelles Environnement, Guide Bâtiment Durable, « Évaluation du projet "
    "via le CBS »; the PLU's own table (art. L151-22) prevails"
)
CBS_PARAMETERS: dict[str, tuple[float, str, str, str]] = {
    # surface: (default, English label, French label, status)
    "open_soil": (1.0, "open soil (planted pleine terre)", "pleine terre plantée", "S"),
    "lawn": (1.0, "lawn (herbaceous pleine terre)", "pelouse (pleine terre)", "S"),
    "semi_open": (
        0.5,
        "semi-open surface (grass pavers, decking)",
        "surface semi-ouverte (dalles engazonnées, platelage)",
        "S",
    ),
    "permeable_paving": (
        0.3,
        "permeable paving without vegetation",
        "revêtement perméable sans végétation",
        "S",
    ),
    "sealed": (0.0, "sealed surface", "surface imperméable", "S"),
    "parking": (
        0.0,
        "surface car park (sealed)",
        "parc de stationnement en surface (imperméable)",
        "S",
    ),
    "yard": (0.0, "sealed service yard", "cour de service imperméable", "S"),
    "green_on_slab": (
        0.5,
        "greening on slab (under 80 cm of soil; 0.7 from 80 cm)",
        "espace vert sur dalle (moins de 80 cm de terre ; 0,7 au-delà)",
        "M",
    ),
    "green_roof": (0.7, "green roof", "toiture végétalisée", "S"),
    "plain_roof": (0.0, "plain roof", "toiture non végétalisée", "S"),
}
_PARAMETERS += [
    _p(
        "cbs",
        surface,
        default,
        f"Biotope coefficient: {en}",
        f"Coefficient de biotope : {fr}",
        _BAF,
        status,
        "",
        0.0,
        1.0,
    )
    for surface, (default, en, fr, status) in CBS_PARAMETERS.items()
]


def _job_status(source: str) -> str:
    # (S) read in the survey; (I) a working value; else a guide's figure (M)
    if "(S)" in source:
        return "S"
    return "I" if "(I)" in source else "M"


def _job_source(source: str) -> str:
    return source.replace(" (S)", "").replace(" (I)", "")


_PARAMETERS += [
    _p(
        "m2_per_job",
        code,
        float(u.m2_per_job),
        f"SDP per job: {u.label_en}",
        f"Surface par emploi : {u.label_fr}",
        _job_source(u.jobs_source),
        _job_status(u.jobs_source),
        "m²",
        1.0,
        10000.0,
    )
    for code, u in USES.items()
    if u.m2_per_job is not None
]
_PARAMETERS += [
    _enabled("C02"),
    _p(
        "C02",
        "max_coverage",
        0.60,
        "Maximum coverage (CES)",
        "Coefficient d'emprise au sol maximal",
        "Code de l'urbanisme, art. R*420-1; the maximum is the PLU's",
        "I",
        "",
        0.05,
        1.0,
    ),
    _enabled("C03"),
    _p(
        "C03",
        "max_height_m",
        25.0,
        "Maximum height",
        "Hauteur maximale",
        "PLU zone rules; Paris PLU bioclimatique 2024 (37 m general cap)",
        "I",
        "m",
        3.0,
        300.0,
    ),
    _enabled("C04"),
    _p(
        "C04",
        "igh_non_residential_m",
        28.0,
        "High-rise threshold, non-residential",
        "Seuil IGH, hors habitation",
        "Code de la construction et de l'habitation, art. R146-3 (IGH)",
        "S",
        "m",
        1.0,
        300.0,
    ),
    _p(
        "C04",
        "igh_residential_m",
        50.0,
        "High-rise threshold, housing",
        "Seuil IGH, habitation",
        "Code de la construction et de l'habitation, art. R146-3 (IGH)",
        "S",
        "m",
        1.0,
        300.0,
    ),
    _enabled("C05"),
    _p(
        "C05",
        "existing_buildings",
        False,
        "Also check buildings kept unchanged from the baseline",
        "Vérifier aussi les bâtiments existants inchangés",
        "project choice (existing buildings keep their rights)",
        "I",
    ),
    _p(
        "C05",
        "k",
        0.5,
        "Setback as a share of height (L ≥ k·H)",
        "Prospect en part de la hauteur",
        "Code de l'urbanisme, art. R111-17 (RNU: L ≥ H/2)",
        "M",
        "",
        0.0,
        2.0,
    ),
    _p(
        "C05",
        "min_setback_m",
        4.0,
        "Minimum setback",
        "Prospect minimal",
        "PLU practice (4 m); Code de l'urbanisme, art. R111-17 (RNU: 3 m)",
        "I",
        "m",
        0.0,
        50.0,
    ),
    _enabled("C06"),
    _p(
        "C06",
        "min_open_soil_ratio",
        0.20,
        "Minimum open soil (pleine terre)",
        "Pleine terre minimale",
        "Code de l'urbanisme, art. L151-22; the minimum is the PLU's",
        "I",
        "",
        0.0,
        1.0,
    ),
    _enabled("C07"),
    _p(
        "C07",
        "min_cbs",
        0.30,
        "Minimum biotope coefficient (CBS)",
        "Coefficient de biotope minimal",
        "Berlin Biotope Area Factor (target 0.30 for industry or mixed use)",
        "S",
        "",
        0.0,
        1.0,
    ),
    _enabled("C08"),
    _p(
        "C08",
        "max_net_new_artificialised_m2",
        0.0,
        "Maximum net new artificialised land",
        "Artificialisation nette maximale",
        "Loi n° 2021-1104 du 22 août 2021 (Climat et résilience), art. 191",
        "S",
        "m²",
        None,
        None,
    ),
    _enabled("C09"),
    _p(
        "C09",
        "min_productive_retention",
        1.0,
        "Minimum productive floor area kept (share of baseline)",
        "Part minimale de surface productive conservée",
        "London Plan 2021, policy E4 and E7 (no net loss)",
        "S",
        "",
        0.0,
        10.0,
    ),
    _p(
        "C09",
        "per_class",
        False,
        "Also check each productive class",
        "Vérifier aussi chaque classe productive",
        "London Plan 2021, policy E4",
        "I",
    ),
    _enabled("C10", on=False),
    _p(
        "C10",
        "plot_ratio",
        0.65,
        "Industrial capacity plot ratio",
        "Ratio de capacité industrielle",
        "London Plan 2021, paragraph 6.4.5",
        "S",
        "",
        0.0,
        5.0,
    ),
    _enabled("C11"),
    _enabled("C12"),
    _p("C12", "min_phase_retention", 0.8,
       "Minimum productive floor area in use during each phase of the works "
       "(share of existing)",
       "Part minimale de surface productive en service pendant chaque phase des "
       "travaux",
       "project hypothesis (London Plan 2021, policy E7 D: industrial capacity "
       "kept through redevelopment)", "I", "", 0.0, 10.0),
    _enabled("C13"),
    _p(
        "C13",
        "min_height_ground_m",
        4.5,
        "Minimum floor-to-floor, productive ground floor",
        "Hauteur d'étage minimale, rez-de-chaussée productif",
        "Market practice: activity premises need a clear height of 4 m or more",
        "I",
        "m",
        2.0,
        15.0,
    ),
    _p(
        "C13",
        "min_height_upper_m",
        4.0,
        "Minimum floor-to-floor, productive upper floor",
        "Hauteur d'étage minimale, étage productif",
        "Market practice: activity premises need a clear height of 4 m or more",
        "I",
        "m",
        2.0,
        15.0,
    ),
    _p(
        "C13",
        "min_load_ground_kn_m2",
        10.0,
        "Minimum design load, productive ground floor",
        "Charge d'exploitation minimale, rez-de-chaussée productif",
        "NF EN 1991-1-1 (Eurocode 1) and practice of activity premises",
        "I",
        "kN/m²",
        0.0,
        100.0,
    ),
    _p(
        "C13",
        "min_load_upper_kn_m2",
        5.0,
        "Minimum design load, productive upper floor",
        "Charge d'exploitation minimale, étage productif",
        "NF EN 1991-1-1 (Eurocode 1) and practice of activity premises",
        "I",
        "kN/m²",
        0.0,
        100.0,
    ),
    _p(
        "C13",
        "assume_slab_on_grade",
        True,
        "An unstated ground-floor load is a slab on grade meeting the minimum",
        "Une charge non renseignée en rez-de-chaussée est un dallage sur terre-plein "
        "suffisant",
        "Practice: a slab on grade carries 10–20 kN/m²",
        "I",
    ),
    _p(
        "C13",
        "assume_ground_access",
        True,
        "An unstated ground-floor access is from the street",
        "Un accès non renseigné en rez-de-chaussée se fait par la rue",
        "Business-site ground floors open on a street or a yard",
        "I",
    ),
    _enabled("C14"),
    _p(
        "C14",
        "min_freight_lift_kg",
        2000.0,
        "Minimum freight lift",
        "Monte-charge minimal",
        "Practice of industrial hotels (2,000–5,000 kg)",
        "I",
        "kg",
        0.0,
        50000.0,
    ),
    _p(
        "C14",
        "max_m2_per_lift",
        2000.0,
        "Upper productive floor per freight lift",
        "Surface productive par monte-charge",
        "Practice of industrial hotels",
        "I",
        "m²",
        1.0,
        100000.0,
    ),
    _enabled("C15"),
    _p(
        "C15",
        "max_nuisance_under_housing",
        "DC",
        "Most constrained ICPE regime allowed under housing",
        "Régime ICPE maximal sous du logement",
        "Code de l'environnement, art. R511-9 (ICPE regimes); compatibility "
        "matrix of PLU practice",
        "I",
        choices=NUISANCE_CLASSES,
    ),
    _p(
        "C15",
        "separation_a_m",
        50.0,
        "Distance from housing, ICPE A",
        "Distance au logement, ICPE A",
        "Code de l'environnement, art. L181-25 (the hazard study sets the distance)",
        "I",
        "m",
        0.0,
        5000.0,
    ),
    _p(
        "C15",
        "separation_seveso_m",
        200.0,
        "Distance from housing, Seveso",
        "Distance au logement, Seveso",
        "Code de l'environnement, art. L515-15 (the PPRT sets the zones)",
        "I",
        "m",
        0.0,
        10000.0,
    ),
    _enabled("C19"),
    _enabled("C20"),
    _p(
        "C20",
        "m2_per_loading_bay",
        1000.0,
        "Productive SDP per loading bay",
        "Surface productive par aire de livraison",
        "Practice of business parks (1 bay per 1,000 m²)",
        "I",
        "m²",
        1.0,
        100000.0,
    ),
    _enabled("C21"),
    _enabled("D01"),
    _p(
        "D01",
        "min_far_increase",
        0.0,
        "Minimum FAR increase over the baseline",
        "Hausse minimale de densité",
        "Project objective (density rises while productive floor area is kept)",
        "I",
        "",
        0.0,
        20.0,
    ),
    _enabled("U01"),
    _enabled("C22"),
    _enabled("U02"),
    _p(
        "suggest",
        "max_added_storeys",
        2,
        "Storeys a suggested scenario may add on an existing building",
        "Étages qu'un scénario suggéré peut ajouter sur un bâtiment existant",
        "What an existing structure usually carries without reinforcing its "
        "foundations",
        "I",
        "",
        0,
        20,
    ),
]

#: Every parameter, by ``(section, name)``.
PARAMETERS: dict[tuple[str, str], Parameter] = {p.key: p for p in _PARAMETERS}

#: Keys of earlier releases, read as their current key (files keep opening).
LEGACY_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("assumptions", "cbs_green_on_slab"): ("cbs", "green_on_slab"),
}


@dataclass(eq=True)
class Rulebook:
    """The values a project gives to the parameters; unset ones take the default.

    Examples
    --------
    >>> rb = Rulebook()
    >>> rb.get("assumptions", "sdp_factor")
    0.92
    >>> rb.set("C02", "max_coverage", 0.5)
    >>> rb.get("C02", "max_coverage")
    0.5
    """

    values: dict[tuple[str, str], Value] = field(default_factory=dict)

    @staticmethod
    def parameter(section: str, name: str) -> Parameter:
        key = LEGACY_KEYS.get((section, name), (section, name))
        try:
            return PARAMETERS[key]
        except KeyError:
            raise ModelError(f"unknown rulebook parameter {section}.{name}") from None

    def get(self, section: str, name: str) -> Value:
        key = LEGACY_KEYS.get((section, name), (section, name))
        if key in self.values:
            return self.values[key]
        return self.parameter(*key).default

    def number(self, section: str, name: str) -> float:
        value = self.get(section, name)
        assert isinstance(value, int | float) and not isinstance(value, bool)
        return float(value)

    def enabled(self, rule: str) -> bool:
        return (rule, "enabled") not in PARAMETERS or bool(self.get(rule, "enabled"))

    def set(self, section: str, name: str, value: Value | None) -> None:
        """Set a value (checked); ``None`` restores the default."""
        param = self.parameter(section, name)
        if value is None:
            self.values.pop(param.key, None)
            return
        checked = param.check(value)
        if checked == param.default:
            self.values.pop(param.key, None)
        else:
            self.values[param.key] = checked

    def items(self) -> Iterator[tuple[Parameter, Value]]:
        """Every parameter with its value in force, in catalogue order."""
        for param in PARAMETERS.values():
            yield param, self.get(*param.key)

    def copy(self) -> Rulebook:
        return Rulebook(dict(self.values))
