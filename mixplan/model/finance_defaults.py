"""The Île-de-France default financial assumptions, each with its source.

Market figures move: check them against local DVF transactions (Demandes de
valeurs foncières, DGFiP open data) and the regional observatories before a
council vote. Statuses: S sourced (the figure or its range is in the cited
document), M from memory of a primary text, I estimate.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from mixplan.model.finance import Assumption

__all__ = ["DEFAULT_ASSUMPTIONS", "DEFAULT_SOURCES_FR", "source_text"]


def _a(value: float, source: str, year: int | None, status: str) -> Assumption:
    return Assumption(value, source, year, status)


_DVF = "DVF (Demandes de valeurs foncières, DGFiP open data)"
_ORIE = "ORIE (Observatoire régional de l'immobilier d'entreprise en Île-de-France)"

#: The Île-de-France default set. Market figures move: check them against local
#: DVF transactions and the observatories before a council vote.
DEFAULT_ASSUMPTIONS: Mapping[str, Assumption] = MappingProxyType(
    {
        # Sale prices of new floor area (€ HT / m² SDP).
        "price_eur_m2.housing": _a(
            5000.0,
            "Laboratoire de l'immobilier, baromètre du neuf 2023 (5 592 €/m² in "
            "cities over 45 000 inhabitants); FPI Île-de-France; a business-site "
            "location in the first or second ring taken below the average",
            2023,
            "M",
        ),
        "price_eur_m2.residence": _a(
            4000.0,
            "estimate: managed residences sold in bulk below free-market flats "
            "(FPI, ventes en bloc)",
            2023,
            "I",
        ),
        "price_eur_m2.productive": _a(
            1800.0,
            f"{_ORIE}, locaux d'activités neufs; sale values of new PME/PMI "
            "premises in the first and second ring",
            2023,
            "I",
        ),
        "price_eur_m2.warehouse": _a(
            1300.0,
            f"{_ORIE}, entrepôts et messageries; a shed sells below mixed "
            "activity premises",
            2023,
            "I",
        ),
        "price_eur_m2.urban_logistics": _a(
            1500.0,
            f"{_ORIE}, logistique urbaine (hôtels logistiques); estimate",
            2023,
            "I",
        ),
        "price_eur_m2.tertiary": _a(
            4000.0,
            "Immostat (GIE), average sale price of offices in Île-de-France "
            "6 530 €/m² (Q1 2018), outside Paris taken lower",
            2018,
            "M",
        ),
        "price_eur_m2.retail": _a(
            3000.0, "estimate: ground-floor retail in a new mixed-use block", 2023, "I"
        ),
        "price_eur_m2.shared": _a(
            2000.0,
            "estimate: facilities and shared services handed over near cost "
            "to the city or a third-place operator",
            2023,
            "I",
        ),
        # Construction costs (€ HT / m² SDP, works and technical costs).
        "cost_eur_m2.housing": _a(
            2000.0,
            "EpaMarne-EpaFrance, étude des coûts de construction "
            "(Adequation/Overdrive/A003): median 1 740 € HT/m² on 3 000 dwellings "
            "(2020), indexed to 2023 (BT01 about +15%)",
            2020,
            "S",
        ),
        "cost_eur_m2.residence": _a(
            2000.0, "as housing (EpaMarne-EpaFrance 2020, indexed)", 2020, "M"
        ),
        "cost_eur_m2.productive": _a(
            1600.0,
            "estimate for productive premises of 4.5–7 m floor-to-floor and "
            "10–15 kN/m² (heavier structure than housing)",
            2023,
            "I",
        ),
        "cost_eur_m2.craft": _a(
            1900.0,
            "estimate for a multi-storey industrial hotel (hôtel d'activités): "
            "stacked heavy floors, ramp or 3 t freight lifts",
            2023,
            "I",
        ),
        "cost_eur_m2.industry": _a(
            1900.0, "estimate for a multi-storey industrial hotel (as craft)", 2023, "I"
        ),
        "cost_eur_m2.warehouse": _a(
            800.0,
            "estimate for a single-storey steel shed (entrepôt de plain-pied)",
            2023,
            "I",
        ),
        "cost_eur_m2.urban_logistics": _a(
            1400.0, "estimate for a multi-level urban logistics hub", 2023, "I"
        ),
        "cost_eur_m2.tertiary": _a(
            2200.0, "estimate for new offices (structure, façades, services)", 2023, "I"
        ),
        "cost_eur_m2.shared": _a(
            2200.0, "estimate for facilities (as offices)", 2023, "I"
        ),
        # Acquisition of existing floor area by the public developer (€ HT / m² SDP).
        "acquisition_eur_m2.housing": _a(
            3500.0,
            f"{_DVF}, resale of flats and houses in the first and second ring; "
            "median to be checked on the commune",
            2023,
            "I",
        ),
        "acquisition_eur_m2.productive": _a(
            1000.0, f"{_DVF} and {_ORIE}: second-hand activity premises", 2023, "I"
        ),
        "acquisition_eur_m2.warehouse": _a(
            700.0, f"{_DVF} and {_ORIE}: second-hand warehouses", 2023, "I"
        ),
        "acquisition_eur_m2.tertiary": _a(
            2000.0, f"{_DVF} and Immostat: second-hand offices outside Paris", 2023, "I"
        ),
        "acquisition_eur_m2.unassigned": _a(
            700.0,
            f"{_DVF} and {_ORIE}: estimate for vacant premises of no stated use",
            2023,
            "I",
        ),
        "acquisition_eur_m2.shared": _a(
            1000.0, f"{_DVF}: estimate for facilities bought from the owner", 2023, "I"
        ),
        # Scalars.
        "conversion_cost_eur_m2": _a(
            1200.0,
            "estimate for turning productive or office floors into dwellings "
            "(structure kept)",
            2023,
            "I",
        ),
        "demolition_eur_m2": _a(
            100.0,
            "estimate for demolishing light business buildings, asbestos survey "
            "included (€ HT per m² of gross floor area)",
            2023,
            "I",
        ),
        "desealing_eur_m2": _a(
            100.0,
            "ADEME, Plus fraîche ma ville, fiche « Désimperméabilisation »: "
            "60 to 150 € HT/m²",
            2024,
            "S",
        ),
        "remediation_eur_m2": _a(
            150.0,
            "estimate for soil remediation under a former ICPE of class D or "
            "above (Code de l'environnement L556-1); a soil study gives the real "
            "figure",
            2023,
            "I",
        ),
        "relocation_eur_m2": _a(
            200.0,
            "estimate of eviction and relocation compensation (indemnité "
            "d'éviction, Code de commerce L145-14) per m² of productive floor area",
            2023,
            "I",
        ),
        "desealing_subsidy_eur_m2": _a(
            50.0,
            "Agence de l'eau Seine-Normandie, programme 2025–2030, aide à la "
            "gestion des eaux pluviales: 25 to 100 €/m² de-sealed",
            2025,
            "S",
        ),
        "fees_rate": _a(
            0.10,
            "promoter's balance practice: architects, engineers and inspection "
            "8.5–10% of cost",
            2023,
            "M",
        ),
        "marketing_rate": _a(
            0.04,
            "promoter's balance practice: marketing 3–4% of sale price",
            2023,
            "M",
        ),
        "finance_rate": _a(
            0.03, "estimate of financial costs over a three-year operation", 2023, "I"
        ),
        "margin_rate": _a(
            0.08,
            "promoter's net margin 5–8% of revenue (promoter's balance practice)",
            2023,
            "M",
        ),
    }
)

_DVF_FR = "DVF (Demandes de valeurs foncières, données ouvertes de la DGFiP)"
_ORIE_FR = "ORIE (Observatoire régional de l'immobilier d'entreprise en Île-de-France)"

#: The sources of the defaults in French (the report and the editor in French
#: show these while a figure keeps its default source).
DEFAULT_SOURCES_FR: Mapping[str, str] = MappingProxyType(
    {
        "price_eur_m2.housing": (
            "Laboratoire de l'immobilier, baromètre du neuf 2023 (5 592 €/m² dans "
            "les villes de plus de 45 000 habitants) ; FPI Île-de-France ; site "
            "d'activités de première ou deuxième couronne retenu sous la moyenne"
        ),
        "price_eur_m2.residence": (
            "estimation : résidences gérées vendues en bloc sous le prix des "
            "logements libres (FPI, ventes en bloc)"
        ),
        "price_eur_m2.productive": (
            f"{_ORIE_FR}, locaux d'activités neufs ; valeurs vénales de locaux "
            "PME/PMI neufs en première et deuxième couronne"
        ),
        "price_eur_m2.warehouse": (
            f"{_ORIE_FR}, entrepôts et messageries ; un entrepôt se vend moins cher "
            "que des locaux d'activités mixtes"
        ),
        "price_eur_m2.urban_logistics": (
            f"{_ORIE_FR}, logistique urbaine (hôtels logistiques) ; estimation"
        ),
        "price_eur_m2.tertiary": (
            "Immostat (GIE), prix moyen de vente des bureaux en Île-de-France "
            "6 530 €/m² (1er trimestre 2018), retenu plus bas hors de Paris"
        ),
        "price_eur_m2.retail": (
            "estimation : commerce en rez-de-chaussée d'un îlot mixte neuf"
        ),
        "price_eur_m2.shared": (
            "estimation : équipements et services mutualisés cédés près du coût à "
            "la ville ou à un exploitant de tiers-lieu"
        ),
        "cost_eur_m2.housing": (
            "EpaMarne-EpaFrance, étude des coûts de construction "
            "(Adequation/Overdrive/A003) : médiane 1 740 € HT/m² sur 3 000 "
            "logements (2020), actualisée à 2023 (BT01 environ +15 %)"
        ),
        "cost_eur_m2.residence": (
            "comme le logement (EpaMarne-EpaFrance 2020, actualisé)"
        ),
        "cost_eur_m2.productive": (
            "estimation pour des locaux productifs de 4,5 à 7 m de hauteur d'étage "
            "et 10 à 15 kN/m² (structure plus lourde que le logement)"
        ),
        "cost_eur_m2.craft": (
            "estimation pour un hôtel d'activités à étages : planchers lourds "
            "superposés, rampe ou monte-charges de 3 t"
        ),
        "cost_eur_m2.industry": (
            "estimation pour un hôtel d'activités à étages (comme l'artisanat)"
        ),
        "cost_eur_m2.warehouse": (
            "estimation pour un entrepôt de plain-pied à ossature métallique"
        ),
        "cost_eur_m2.urban_logistics": (
            "estimation pour un hôtel logistique urbain à plusieurs niveaux"
        ),
        "cost_eur_m2.tertiary": (
            "estimation pour des bureaux neufs (structure, façades, équipements)"
        ),
        "cost_eur_m2.shared": "estimation pour des équipements (comme les bureaux)",
        "acquisition_eur_m2.housing": (
            f"{_DVF_FR}, reventes d'appartements et de maisons en première et "
            "deuxième couronne ; médiane à vérifier sur la commune"
        ),
        "acquisition_eur_m2.productive": (
            f"{_DVF_FR} et {_ORIE_FR} : locaux d'activités de seconde main"
        ),
        "acquisition_eur_m2.warehouse": (
            f"{_DVF_FR} et {_ORIE_FR} : entrepôts de seconde main"
        ),
        "acquisition_eur_m2.tertiary": (
            f"{_DVF_FR} et Immostat : bureaux de seconde main hors de Paris"
        ),
        "acquisition_eur_m2.unassigned": (
            f"{_DVF_FR} et {_ORIE_FR} : estimation pour des locaux vacants sans "
            "usage déclaré"
        ),
        "acquisition_eur_m2.shared": (
            f"{_DVF_FR} : estimation pour des équipements achetés à leur propriétaire"
        ),
        "conversion_cost_eur_m2": (
            "estimation pour transformer des plateaux productifs ou de bureaux en "
            "logements (structure conservée)"
        ),
        "demolition_eur_m2": (
            "estimation pour démolir des bâtiments d'activités légers, repérage "
            "amiante compris (€ HT par m² de surface brute)"
        ),
        "desealing_eur_m2": (
            "ADEME, Plus fraîche ma ville, fiche « Désimperméabilisation » : 60 à "
            "150 € HT/m²"
        ),
        "remediation_eur_m2": (
            "estimation de la dépollution des sols sous une ancienne ICPE de classe "
            "D ou plus (Code de l'environnement, art. L556-1) ; une étude de sols "
            "donne le chiffre réel"
        ),
        "relocation_eur_m2": (
            "estimation de l'indemnité d'éviction et du relogement (Code de "
            "commerce, art. L145-14) par m² de surface productive"
        ),
        "desealing_subsidy_eur_m2": (
            "Agence de l'eau Seine-Normandie, programme 2025-2030, aide à la "
            "gestion des eaux pluviales : 25 à 100 €/m² désimperméabilisé"
        ),
        "fees_rate": (
            "pratique du bilan promoteur : architectes, bureaux d'études et "
            "contrôle 8,5 à 10 % du coût"
        ),
        "marketing_rate": (
            "pratique du bilan promoteur : commercialisation 3 à 4 % du prix de vente"
        ),
        "finance_rate": "estimation des frais financiers d'une opération de trois ans",
        "margin_rate": (
            "marge nette du promoteur 5 à 8 % du chiffre d'affaires (pratique du "
            "bilan promoteur)"
        ),
    }
)


def source_text(key: str, entry: Assumption, lang: str) -> str:
    """The source of an assumption in ``lang``.

    In French, a figure that keeps its default shows the French text of its
    source; any other source is shown as entered.

    Examples
    --------
    >>> source_text("fees_rate", DEFAULT_ASSUMPTIONS["fees_rate"], "fr")[:27]
    'pratique du bilan promoteur'
    """
    if lang == "fr" and entry == DEFAULT_ASSUMPTIONS.get(key):
        return DEFAULT_SOURCES_FR.get(key, entry.source)
    return entry.source
