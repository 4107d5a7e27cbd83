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

__all__ = ["DEFAULT_ASSUMPTIONS"]


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
            "(2020), indexed to 2023 (BT01 about +15 %)",
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
            "8.5–10 % of cost",
            2023,
            "M",
        ),
        "marketing_rate": _a(
            0.04,
            "promoter's balance practice: marketing 3–4 % of sale price",
            2023,
            "M",
        ),
        "finance_rate": _a(
            0.03, "estimate of financial costs over a three-year operation", 2023, "I"
        ),
        "margin_rate": _a(
            0.08,
            "promoter's net margin 5–8 % of revenue (promoter's balance practice)",
            2023,
            "M",
        ),
    }
)
