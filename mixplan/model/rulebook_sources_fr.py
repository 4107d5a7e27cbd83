"""The rulebook's sources in French, as the French editor and listing show them.

Keyed by the English source of :data:`mixplan.model.rulebook.PARAMETERS`; titles
of documents stay as published (an English guide keeps its English title), our
own words around them are French. A test checks that every source has its French.
"""

from __future__ import annotations

__all__ = ["SOURCES_FR", "source_fr"]

_HCA = "HCA Employment Density Guide, 3e édition, 2015"

SOURCES_FR: dict[str, str] = {
    "Code de l'urbanisme, art. R111-22 (1°, 2°: walls at openings, shafts, SDP ≈ "
    "0.90–0.93 × gross)": "Code de l'urbanisme, art. R111-22 (1°, 2° : murs au droit "
    "des ouvertures, trémies ; SDP ≈ 0,90–0,93 × surface brute)",
    "Code de l'urbanisme, art. R111-22, 8°": "Code de l'urbanisme, art. R111-22, 8°",
    "IDHEAL study of new dwellings in Île-de-France, 2021 (≈ 55 m² living area ÷ "
    "0.85)": "Étude IDHEAL sur les logements neufs en Île-de-France, 2021 (≈ 55 m² "
    "habitables ÷ 0,85)",
    "Apur, Average household size in Île-de-France (INSEE census)": "Apur, taille "
    "moyenne des ménages en Île-de-France (recensement INSEE)",
    "Practice of shared parking (foisonnement 0.7–0.8)": "Pratique du stationnement "
    "mutualisé (foisonnement 0,7–0,8)",
    "Code de l'urbanisme, art. L151-36 (a cap: at most 1 space per dwelling may be "
    "required near a station)": "Code de l'urbanisme, art. L151-36 (un plafond : au "
    "plus 1 place par logement exigible près d'une gare)",
    "PDUIF 2014, action 5.3 (office ceilings of 1 space per 45–70 m²: caps, not "
    "needs)": "PDUIF 2014, action 5.3 (plafonds de 1 place pour 45–70 m² de bureaux : "
    "des plafonds, pas des besoins)",
    "Practice of business parks (1 space per 200–300 m²)": "Pratique des parcs "
    "d'activités (1 place pour 200–300 m²)",
    "APUR, note n° 215, 2022 (25 m² a space with aisles)": "APUR, note n° 215, 2022 "
    "(25 m² par place, circulations comprises)",
    "Décret n° 2023-1096 du 27 novembre 2023 (business sites are mostly classes "
    "A1–A4)": "Décret n° 2023-1096 du 27 novembre 2023 (les sites d'activités "
    "relèvent surtout des classes A1–A4)",
    "Berlin Biotope Area Factor (Biotopflächenfaktor) coefficients, as published by "
    "Bruxelles Environnement, Guide Bâtiment Durable, « Évaluation du projet via le "
    "CBS »; the PLU's own table (art. L151-22) prevails": "Coefficients du "
    "Biotopflächenfaktor de Berlin, tels que publiés par Bruxelles Environnement, "
    "Guide Bâtiment Durable, « Évaluation du projet via le CBS » ; la table du PLU "
    "(art. L151-22) prévaut",
    f"{_HCA.replace('3e édition', '3rd edition')} (light industry 47 m²/job)": (
        f"{_HCA} (industrie légère 47 m²/emploi)"
    ),
    f"{_HCA.replace('3e édition', '3rd edition')} (general industry 36 m²/job)": (
        f"{_HCA} (industrie générale 36 m²/emploi)"
    ),
    "Institut Paris Region, L'impact des sites logistiques en Île-de-France, 2009 "
    "survey (164 m²/job)": "Institut Paris Region, L'impact des sites logistiques en "
    "Île-de-France, enquête 2009 (164 m²/emploi)",
    f"{_HCA.replace('3e édition', '3rd edition')} (final-mile distribution 70 "
    "m²/job)": f"{_HCA} (distribution du dernier kilomètre 70 m²/emploi)",
    f"{_HCA.replace('3e édition', '3rd edition')} (as final-mile distribution)": (
        f"{_HCA} (comme la distribution du dernier kilomètre)"
    ),
    f"{_HCA.replace('3e édition', '3rd edition')} (as light industry)": (
        f"{_HCA} (comme l'industrie légère)"
    ),
    "Working value (as food production)": "Valeur de travail (comme la production "
    "alimentaire)",
    "Working value": "Valeur de travail",
    f"{_HCA.replace('3e édition', '3rd edition')} (office 12 m² NIA ≈ 15 m² SDP)": (
        f"{_HCA} (bureaux 12 m² utiles ≈ 15 m² de SDP)"
    ),
    f"{_HCA.replace('3e édition', '3rd edition')} (local retail 20 m²/job)": (
        f"{_HCA} (commerce de proximité 20 m²/emploi)"
    ),
    f"{_HCA.replace('3e édition', '3rd edition')} (as local retail)": (
        f"{_HCA} (comme le commerce de proximité)"
    ),
    f"{_HCA.replace('3e édition', '3rd edition')} (as offices)": (
        f"{_HCA} (comme les bureaux)"
    ),
    f"{_HCA.replace('3e édition', '3rd edition')} (incubator with workshops 30 "
    "m²/job)": f"{_HCA} (incubateur avec ateliers 30 m²/emploi)",
    "project choice": "choix du projet",
    "Code de l'urbanisme, art. R*420-1; the maximum is the PLU's": "Code de "
    "l'urbanisme, art. R*420-1 ; le maximum est celui du PLU",
    "PLU zone rules; Paris PLU bioclimatique 2024 (37 m general cap)": "Règlement de "
    "zone du PLU ; PLU bioclimatique de Paris 2024 (plafond général de 37 m)",
    "Code de la construction et de l'habitation, art. R146-3 (IGH)": "Code de la "
    "construction et de l'habitation, art. R146-3 (IGH)",
    "project choice (existing buildings keep their rights)": "choix du projet (les "
    "bâtiments existants gardent leurs droits)",
    "Code de l'urbanisme, art. R111-17 (RNU: L ≥ H/2)": "Code de l'urbanisme, art. "
    "R111-17 (RNU : L ≥ H/2)",
    "PLU practice (4 m); Code de l'urbanisme, art. R111-17 (RNU: 3 m)": "Pratique des "
    "PLU (4 m) ; Code de l'urbanisme, art. R111-17 (RNU : 3 m)",
    "Code de l'urbanisme, art. L151-22; the minimum is the PLU's": "Code de "
    "l'urbanisme, art. L151-22 ; le minimum est celui du PLU",
    "Berlin Biotope Area Factor (target 0.30 for industry or mixed use)": (
        "Biotopflächenfaktor de Berlin (objectif 0,30 pour l'industrie ou la mixité)"
    ),
    "Loi n° 2021-1104 du 22 août 2021 (Climat et résilience), art. 191": "Loi n° "
    "2021-1104 du 22 août 2021 (Climat et résilience), art. 191",
    "London Plan 2021, policy E4 and E7 (no net loss)": "London Plan 2021, policies "
    "E4 et E7 (pas de perte nette)",
    "London Plan 2021, policy E4": "London Plan 2021, policy E4",
    "London Plan 2021, paragraph 6.4.5": "London Plan 2021, paragraphe 6.4.5",
    "project hypothesis (London Plan 2021, policy E7 D: industrial capacity kept "
    "through redevelopment)": "hypothèse du projet (London Plan 2021, policy E7 D : "
    "capacité productive maintenue pendant la mutation)",
    "Market practice: activity premises need a clear height of 4 m or more": (
        "Pratique du marché : les locaux d'activités demandent 4 m sous plafond ou plus"
    ),
    "NF EN 1991-1-1 (Eurocode 1) and practice of activity premises": "NF EN 1991-1-1 "
    "(Eurocode 1) et pratique des locaux d'activités",
    "Practice: a slab on grade carries 10–20 kN/m²": "Pratique : un dallage sur "
    "terre-plein porte 10–20 kN/m²",
    "Business-site ground floors open on a street or a yard": "Les rez-de-chaussée "
    "des sites d'activités ouvrent sur une rue ou une cour",
    "Practice of industrial hotels (2,000–5,000 kg)": "Pratique des hôtels "
    "industriels (2 000–5 000 kg)",
    "Practice of industrial hotels": "Pratique des hôtels industriels",
    "Code de l'environnement, art. R511-9 (ICPE regimes); compatibility matrix of "
    "PLU practice": "Code de l'environnement, art. R511-9 (régimes ICPE) ; matrice de "
    "compatibilité de la pratique des PLU",
    "Code de l'environnement, art. L181-25 (the hazard study sets the distance)": (
        "Code de l'environnement, art. L181-25 (l'étude de dangers fixe la distance)"
    ),
    "Code de l'environnement, art. L515-15 (the PPRT sets the zones)": "Code de "
    "l'environnement, art. L515-15 (le PPRT fixe les zones)",
    "Practice of business parks (1 bay per 1,000 m²)": "Pratique des parcs "
    "d'activités (1 aire pour 1 000 m²)",
    "Project objective (density rises while productive floor area is kept)": (
        "Objectif du projet (la densité augmente, la surface productive est maintenue)"
    ),
    "What an existing structure usually carries without reinforcing its "
    "foundations": "Ce que porte d'ordinaire une structure existante sans reprise "
    "de ses fondations",
}


def source_fr(source: str) -> str:
    """A rulebook source in French (as given when the table does not know it).

    Examples
    --------
    >>> source_fr("Working value")
    'Valeur de travail'
    """
    return SOURCES_FR.get(source, source)
