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

__all__ = ["PARAMETERS", "Parameter", "Rulebook", "Value"]

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


_R = "domain/RULES.md"

_PARAMETERS: list[Parameter] = [
    # Assumptions (indicators)
    _p(
        "assumptions",
        "sdp_factor",
        0.92,
        "SDP / gross floor area",
        "Surface de plancher / surface brute",
        f"{_R} §1.1 (SDP ≈ 0.90–0.93 × GFA)",
        "I",
        "",
        0.5,
        1.0,
    ),
    _p(
        "assumptions",
        "m2_per_dwelling",
        65.0,
        "SDP per dwelling",
        "Surface de plancher par logement",
        f"{_R} §4.2",
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
        f"{_R} §4.2 (INSEE/Apur, Île-de-France)",
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
        f"{_R} §4.3 (0.7–0.8)",
        "I",
        "",
        0.3,
        1.0,
    ),
    _p(
        "assumptions",
        "parking_per_dwelling",
        1.0,
        "Parking demand per dwelling",
        "Places par logement",
        f"{_R} §4.3 (L151-36, ≤ 1 near a station)",
        "S",
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
        f"{_R} §4.3 (PDUIF ceilings 45–70 m²)",
        "M",
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
        f"{_R} §4.3 (1 per 200–300 m²)",
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
        f"{_R} §4.3 (APUR note 215)",
        "S",
        "m²",
        10.0,
        100.0,
    ),
    _p(
        "assumptions",
        "cbs_green_on_slab",
        0.5,
        "Biotope coefficient of greening on slab",
        "Coefficient de biotope d'un espace vert sur dalle",
        f"{_R} §1.6 (0.5 under 80 cm of soil, 0.7 from 80 cm)",
        "M",
        "",
        0.0,
        1.0,
    ),
    _p(
        "assumptions",
        "uncovered_ground_artificialised",
        True,
        "Site ground with no cover drawn counts as artificialised",
        "Le sol sans revêtement dessiné compte comme artificialisé",
        f"{_R} §1.7 (business sites are mostly A1–A4)",
        "I",
    ),
]
_PARAMETERS += [
    _p(
        "m2_per_job",
        code,
        float(u.m2_per_job),
        f"SDP per job: {u.label_en}",
        f"Surface par emploi : {u.label_fr}",
        u.jobs_source,
        "S" if "(S)" in u.jobs_source else ("M" if "(M)" in u.jobs_source else "I"),
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
        f"{_R} §1.2",
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
        f"{_R} §1.4 (Paris cap 37 m, S)",
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
        f"{_R} §1.4",
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
        f"{_R} §1.4",
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
        f"{_R} §1.5 (RNU R111-17)",
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
        f"{_R} §1.5 (PLU practice; RNU 3 m)",
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
        f"{_R} §1.6",
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
        f"{_R} §1.6 (Berlin BAF, industry/mixed)",
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
        f"{_R} §1.7 (ZAN, indicator)",
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
        f"{_R} §2.3–2.4 (London Plan E4/E7, no net loss)",
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
        f"{_R} §2.4",
        "I",
    ),
    _enabled("C10", on=False),
    _p(
        "C10",
        "plot_ratio",
        0.65,
        "Industrial capacity plot ratio",
        "Ratio de capacité industrielle",
        f"{_R} §2.3 (London Plan para 6.4.5)",
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
        f"{_R} §3.1, §6 C13",
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
        f"{_R} §3.1, §6 C13",
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
        f"{_R} §3.2, §6 C13",
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
        f"{_R} §3.2, §6 C13",
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
        f"{_R} §3.2 (slab on grade 10–20 kN/m²)",
        "I",
    ),
    _p(
        "C13",
        "assume_ground_access",
        True,
        "An unstated ground-floor access is from the street",
        "Un accès non renseigné en rez-de-chaussée se fait par la rue",
        "hypothèse for imported buildings (I)",
        "I",
    ),
    _enabled("C14"),
    _p(
        "C14",
        "min_freight_lift_kg",
        2000.0,
        "Minimum freight lift",
        "Monte-charge minimal",
        f"{_R} §3.3 (2 000–5 000 kg)",
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
        f"{_R} §6 C14",
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
        f"{_R} §3.6",
        "I",
        choices=NUISANCE_CLASSES,
    ),
    _p(
        "C15",
        "separation_a_m",
        50.0,
        "Distance from housing, ICPE A",
        "Distance au logement, ICPE A",
        f"{_R} §3.6 (hazard study)",
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
        f"{_R} §3.6 (PPRT)",
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
        f"{_R} §3.3",
        "I",
        "m²",
        1.0,
        100000.0,
    ),
    _enabled("D01"),
    _p(
        "D01",
        "min_far_increase",
        0.0,
        "Minimum FAR increase over the baseline",
        "Hausse minimale de densité",
        "DESIGN §9",
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
        "hypothèse: what an existing structure usually carries without "
        "reinforcing its foundations (I)",
        "I",
        "",
        0,
        20,
    ),
]

#: Every parameter, by ``(section, name)``.
PARAMETERS: dict[tuple[str, str], Parameter] = {p.key: p for p in _PARAMETERS}


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
        try:
            return PARAMETERS[(section, name)]
        except KeyError:
            raise ModelError(f"unknown rulebook parameter {section}.{name}") from None

    def get(self, section: str, name: str) -> Value:
        key = (section, name)
        if key in self.values:
            return self.values[key]
        return self.parameter(section, name).default

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
